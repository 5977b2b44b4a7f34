import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems, type OperationRun } from '../../shared/nodeSteps/router';
import * as fulfillment from './fulfillment';
import * as order from './order';
import * as stock from './stock';
import * as variant from './variant';

/** Each resource:operation of the node and what runs it. */
const OPERATIONS: Record<string, OperationRun> = {
	'order:find': async (context, _r, i) => await order.find.execute.call(context, i),
	'order:getState': async (context, _r, i) => await order.getState.execute.call(context, i),
	'order:buildRequest': async (context, _r, i) => await order.buildRequest.execute.call(context, i),
	'order:create': async (context, _r, i) => await order.create.execute.call(context, i),
	'order:applyChange': async (context, _r, i) => await order.applyChange.execute.call(context, i),
	'order:hold': async (context, _r, i) => await order.hold.execute.call(context, i),
	'order:release': async (context, _r, i) => await order.hold.release.call(context, i),
	'stock:get': async (context, _r, i) => await stock.get.call(context, i),
	'variant:get': async (context, _r, i) => await variant.get.execute.call(context, i),
	'variant:getManyWithAsin': async (context, _r, i) =>
		await variant.getManyWithAsin.execute.call(context, i),
	'fulfillment:getNew': async (context, _r, i) => await fulfillment.list.getNew.call(context, i),
	'fulfillment:getToInvoice': async (context, _r, i) =>
		await fulfillment.list.getToInvoice.call(context, i),
	'fulfillment:saveAsn': async (context, _r, i) => await fulfillment.save.saveAsn.call(context, i),
	'fulfillment:saveInvoice': async (context, _r, i) =>
		await fulfillment.save.saveInvoice.call(context, i),
};

/** Runs each item's resource and operation; with continueOnFail a failing item gives its error. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, OPERATIONS);
}
