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
];

/** One item: `found`, the order's ids, state and status, and the order itself (or null). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const includeCanceled = this.getNodeParameter('includeCanceled', itemIndex, false) as boolean;
	return [(await lookUpOrderOfPo.call(this, itemIndex, includeCanceled)) as unknown as IDataObject];
}
