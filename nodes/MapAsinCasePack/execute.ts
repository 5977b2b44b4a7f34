import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { mapPurchaseOrder, MappingOptionsError } from '../shared/domain/caseMapping';
import { readPurchaseOrderInput } from '../shared/domain/poInput';
import { readOptions, type MapAsinCasePackOptions } from './options';

/** Per item: read the purchase order, map every line, and route it to Mapped or Exceptions. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData(0);
	const mapped: INodeExecutionData[] = [];
	const exceptions: INodeExecutionData[] = [];
	if (!items.length) return [mapped, exceptions];
	const options = readOptions(this, 0);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { route, json } = mapItem(items[itemIndex].json, options);
			(route === 'mapped' ? mapped : exceptions).push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (error instanceof MappingOptionsError) {
				throw new NodeOperationError(this.getNode(), error.message, { itemIndex });
			}
			const message = `Item ${itemIndex} is not a readable purchase order: ${(error as Error).message}`;
			if (!this.continueOnFail()) {
				throw new NodeOperationError(this.getNode(), message, { itemIndex });
			}
			const json = { error: message, item: items[itemIndex].json };
			exceptions.push({ json, pairedItem: { item: itemIndex } });
		}
	}
	return [mapped, exceptions];
}

/** One item's purchase order mapped, with the item's context and Amazon's object (raw). */
function mapItem(
	item: IDataObject,
	options: MapAsinCasePackOptions,
): { route: string; json: IDataObject } {
	const input = readPurchaseOrderInput(item);
	const result = mapPurchaseOrder(input.purchaseOrder, options.index, options.map, input.raw);
	const json = {
		...input.context,
		...result,
		...(input.raw ? { raw: input.raw } : {}),
	} as unknown as IDataObject;
	return { route: result.route, json };
}
