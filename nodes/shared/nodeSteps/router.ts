import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asNodeError } from '../transport/errors';

/** One operation of a resource: the results of one item, each an output item. */
export type OperationRun = (
	context: IExecuteFunctions,
	resource: string,
	itemIndex: number,
) => Promise<IDataObject[]>;

/**
 * The router of a resource / operation node (after n8n's Airtable v2): runs each item's
 * `resource:operation` from the table; with continueOnFail a failing item gives its error.
 */
export async function routeItems(
	context: IExecuteFunctions,
	operations: Record<string, OperationRun>,
): Promise<INodeExecutionData[][]> {
	const out: INodeExecutionData[] = [];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = context.getNodeParameter('resource', itemIndex) as string;
			const operation = context.getNodeParameter('operation', itemIndex) as string;
			const key = `${resource}:${operation}`;
			if (!Object.prototype.hasOwnProperty.call(operations, key)) {
				throw new NodeOperationError(
					context.getNode(),
					`Unsupported operation "${operation}" for resource "${resource}"`,
					{ itemIndex },
				);
			}
			const results = await operations[key](context, resource, itemIndex);
			out.push(...results.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		} catch (error) {
			if (!context.continueOnFail()) throw asNodeError(context.getNode(), error, itemIndex);
			out.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
		}
	}
	return [out];
}
