import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems, type OperationRun } from '../../shared/nodeSteps/router';
import * as item from './item';
import * as rental from './rental';

/** Each resource:operation of the node and what runs it. */
const OPERATIONS: Record<string, OperationRun> = {
	'item:get': async (context, _r, i) => await item.get.execute.call(context, i),
	'item:getAll': async (context, _r, i) => await item.getAll.execute.call(context, i),
	'item:getWholesaleAvailability': async (context, _r, i) =>
		await item.getWholesaleAvailability.execute.call(context, i),
	'item:holdForAmazon': async (context, _r, i) => await item.holdForAmazon.execute.call(context, i),
	'item:update': async (context, _r, i) => await item.update.execute.call(context, i),
	'rental:get': async (context, _r, i) => await rental.get.execute.call(context, i),
	'rental:getAll': async (context, _r, i) => await rental.getAll.execute.call(context, i),
};

/** Runs each item's resource and operation; with continueOnFail a failing item gives its error. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, OPERATIONS);
}
