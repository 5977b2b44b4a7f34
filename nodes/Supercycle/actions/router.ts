import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asNodeError } from '../../shared/transport/errors';
import * as item from './item';
import * as rental from './rental';

/** One item's operation: the records, each an output item. */
async function run(
	context: IExecuteFunctions,
	resource: string,
	operation: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	switch (`${resource}:${operation}`) {
		case 'item:get':
			return await item.get.execute.call(context, itemIndex);
		case 'item:getAll':
			return await item.getAll.execute.call(context, itemIndex);
		case 'item:update':
			return await item.update.execute.call(context, itemIndex);
		case 'rental:get':
			return await rental.get.execute.call(context, itemIndex);
		case 'rental:getAll':
			return await rental.getAll.execute.call(context, itemIndex);
	}
	throw new NodeOperationError(
		context.getNode(),
		`Unsupported operation "${operation}" for resource "${resource}"`,
		{ itemIndex },
	);
}

/** Runs each item's resource and operation; with continueOnFail a failing item gives its error. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const out: INodeExecutionData[] = [];
	const items = this.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const paired = { item: itemIndex };
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			for (const json of await run(this, resource, operation, itemIndex)) {
				out.push({ json, pairedItem: paired });
			}
		} catch (error) {
			if (this.continueOnFail())
				out.push({ json: { error: (error as Error).message }, pairedItem: paired });
			else throw asNodeError(this.getNode(), error, itemIndex);
		}
	}
	return [out];
}
