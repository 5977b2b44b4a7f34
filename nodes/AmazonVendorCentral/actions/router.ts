import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems, type OperationRun } from '../../shared/nodeSteps/router';
import * as directFulfillmentInventory from './directFulfillmentInventory';
import * as document from './document';
import * as purchaseOrder from './purchaseOrder';
import * as transaction from './transaction';

type DocumentResource = 'acknowledgement' | 'shipmentConfirmation' | 'invoice';

const submitDocument: OperationRun = async (context, resource, itemIndex) =>
	await document.submit.execute.call(context, resource as DocumentResource, itemIndex);

/** Each resource:operation of the node and what runs it. */
const OPERATIONS: Record<string, OperationRun> = {
	'purchaseOrder:get': async (context, _r, i) => await purchaseOrder.get.execute.call(context, i),
	'purchaseOrder:getAll': async (context, _r, i) =>
		await purchaseOrder.getAll.execute.call(context, i),
	'purchaseOrder:getStatus': async (context, _r, i) =>
		await purchaseOrder.getStatus.execute.call(context, i),
	'acknowledgement:submit': submitDocument,
	'shipmentConfirmation:submit': submitDocument,
	'invoice:submit': submitDocument,
	'transaction:get': async (context, _r, i) => await transaction.get.execute.call(context, i),
	'directFulfillmentInventory:submitUpdate': async (context, _r, i) =>
		await directFulfillmentInventory.submitUpdate.execute.call(context, i),
};

/** Runs each item's resource and operation; with continueOnFail a failing item gives its error. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, OPERATIONS);
}
