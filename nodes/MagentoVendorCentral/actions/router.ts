import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems, type OperationRun } from '../../shared/nodeSteps/router';
import * as order from './order';
import * as shipment from './shipment';
import * as stock from './stock';

/** Each resource:operation of the node and what runs it. */
const OPERATIONS: Record<string, OperationRun> = {
	'order:findByPo': async (context, _r, i) => await order.findByPo.execute.call(context, i),
	'order:create': async (context, _r, i) => await order.create.execute.call(context, i),
	'order:get': async (context, _r, i) => await order.get.execute.call(context, i),
	'order:getStateByPo': async (context, _r, i) => await order.getStateByPo.execute.call(context, i),
	'order:hold': async (context, _r, i) => await order.action.execute.call(context, i, 'hold'),
	'order:unhold': async (context, _r, i) => await order.action.execute.call(context, i, 'unhold'),
	'order:cancel': async (context, _r, i) => await order.action.execute.call(context, i, 'cancel'),
	'order:applyChangePlan': async (context, _r, i) =>
		await order.applyChangePlan.execute.call(context, i),
	'order:addComment': async (context, _r, i) => await order.addComment.execute.call(context, i),
	'order:getPartlyShipped': async (context, _r, i) =>
		await order.getPartlyShipped.execute.call(context, i),
	'order:releaseUnshipped': async (context, _r, i) =>
		await order.releaseUnshipped.execute.call(context, i),
	'stock:getSalable': async (context, _r, i) => await stock.getSalable.execute.call(context, i),
	'shipment:getNew': async (context, _r, i) => await shipment.getNew.execute.call(context, i),
	'shipment:getOrdersWaiting': async (context, _r, i) =>
		await shipment.getOrdersWaiting.execute.call(context, i),
	'shipment:getToInvoice': async (context, _r, i) =>
		await shipment.getToInvoice.execute.call(context, i),
	'shipment:saveAsn': async (context, _r, i) => await shipment.saveAsn.execute.call(context, i),
	'shipment:saveInvoice': async (context, _r, i) =>
		await shipment.saveInvoice.execute.call(context, i),
};

/** Runs each item's resource and operation; with continueOnFail a failing item gives its error. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, OPERATIONS);
}
