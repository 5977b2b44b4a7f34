/**
 * Hold for Amazon: after Acknowledge PO, takes the free items Amazon was promised out of the rental
 * pool (visibility unavailable) and names the PO lines and items a person must look at
 * (nodes/shared/domain/circularStock/holds.ts). Outputs one item per problem, nothing when all is well.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	amazonHolds,
	availabilityBySku,
	itemNotHeld,
	type HoldProblem,
} from '../../../shared/domain/circularStock';
import { supercycleRequest } from '../../transport';
import { show } from './common';

export const description: INodeProperties[] = [
	{
		displayName: 'Availability',
		name: 'availability',
		type: 'json',
		required: true,
		default: '[]',
		displayOptions: show(['holdForAmazon']),
		description:
			'The rows of Get Wholesale Availability the acknowledgement was made from (free item IDs per ' +
			'circular SKU), e.g. {{ $("Get Wholesale Availability").all().map(i => i.json) }}',
	},
];

/** Per execution: free items of each SKU already promised to earlier POs of the run. */
const takenByExecution = new WeakMap<object, Map<string, number>>();

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	let taken = takenByExecution.get(this);
	if (!taken) {
		taken = new Map();
		takenByExecution.set(this, taken);
	}
	const availability = availabilityBySku(this.getNodeParameter('availability', itemIndex));
	const acknowledged = this.getInputData()[itemIndex].json;
	const { hold, problems } = amazonHolds(acknowledged, availability, taken);
	const failed: HoldProblem[] = [];
	for (const item of hold) {
		try {
			await supercycleRequest.call(this, {
				method: 'PUT',
				path: `/items/${encodeURIComponent(String(item.itemId))}`,
				body: { visibility: 'unavailable' },
				itemIndex,
			});
		} catch (error) {
			failed.push(itemNotHeld(item, (error as Error).message ?? String(error)));
		}
	}
	return [...problems, ...failed] as unknown as IDataObject[];
}
