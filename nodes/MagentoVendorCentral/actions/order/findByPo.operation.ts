import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { show } from './common';
import { lookUpOrderOfPo } from './lookup';

export const description: INodeProperties[] = [
	show(['findByPo'], {
		displayName: 'Include Canceled Orders',
		name: 'includeCanceled',
		type: 'boolean',
		default: false,
		description: 'Whether a canceled order counts as the order of the purchase order',
	}),
	show(['findByPo', 'getStateByPo', 'applyChangePlan'], {
		displayName: 'Result Field',
		name: 'resultField',
		type: 'string',
		default: '',
		description:
			"A field of the input item that gets the result (the item's other fields are kept); empty answers the result alone",
	}),
];

/**
 * One item: `found`, the order's ids, state and status, and the order itself (or null); with a
 * Result Field, the input item with the result in that field.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const includeCanceled = this.getNodeParameter('includeCanceled', itemIndex, false) as boolean;
	const result = (await lookUpOrderOfPo.call(this, itemIndex, includeCanceled)) as unknown;
	const field = String(this.getNodeParameter('resultField', itemIndex, '') ?? '').trim();
	if (!field) return [result as IDataObject];
	return [{ ...this.getInputData()[itemIndex].json, [field]: result as IDataObject }];
}
