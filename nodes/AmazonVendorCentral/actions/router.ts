import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asNodeError } from '../../shared/transport/errors';
import * as document from './document';
import * as purchaseOrder from './purchaseOrder';
import * as transaction from './transaction';

/** One item's operation: the results, each an output item. */
async function run(
	context: IExecuteFunctions,
	resource: string,
	operation: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	switch (`${resource}:${operation}`) {
		case 'purchaseOrder:get':
			return await purchaseOrder.get.execute.call(context, itemIndex);
		case 'purchaseOrder:getAll':
			return await purchaseOrder.getAll.execute.call(context, itemIndex);
		case 'purchaseOrder:getStatus':
			return await purchaseOrder.getStatus.execute.call(context, itemIndex);
		case 'acknowledgement:submit':
		case 'shipmentConfirmation:submit':
		case 'invoice:submit':
			return await document.submit.execute.call(
				context,
				resource as 'acknowledgement' | 'shipmentConfirmation' | 'invoice',
				itemIndex,
			);
		case 'transaction:get':
			return await transaction.get.execute.call(context, itemIndex);
	}
	throw new NodeOperationError(
		context.getNode(),
		`Unsupported operation "${operation}" for resource "${resource}"`,
		{ itemIndex },
	);
}

/** Runs each item's resource and operation; with continueOnFail a failing item gives its error. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const results = await run(this, resource, operation, itemIndex);
			out.push(...results.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
			out.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
		}
	}
	return [out];
}
