/**
 * Get Wholesale Availability: how many units of a SKU may be offered to Amazon, by Supercycle's
 * wholesale rule (nodes/shared/domain/circularStock). The SKU's items are read from Supercycle (every
 * page, once per SKU and execution); a read that fails after the retries offers 0 instead of failing.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../../../shared/descriptions/options';
import {
	circularRule,
	wholesaleAvailability,
	type WholesaleAvailability,
} from '../../../shared/domain/circularStock';
import { supercyclePaginate } from '../../transport';
import { show } from './common';

const OPERATION = ['getWholesaleAvailability'];

export const description: INodeProperties[] = [
	{
		displayName: 'SKU',
		name: 'sku',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'TENT-2P',
		displayOptions: show(OPERATION),
		description: 'SKU of the Shopify variant whose Supercycle items are counted',
	},
	{
		displayName: 'Shopify Variant ID',
		name: 'variantId',
		type: 'string',
		default: '',
		placeholder: '44000000001',
		displayOptions: show(OPERATION),
		description:
			'Numeric ID or GID of the Shopify variant: only its items count. Empty: every item of the SKU.',
	},
	{
		displayName: 'Sellable Conditions',
		name: 'sellableConditions',
		type: 'string',
		required: true,
		default: 'New, Like new, Good',
		displayOptions: show(OPERATION),
		description:
			'Supercycle condition titles (any case) or condition IDs, comma-separated, that may be ' +
			'sold wholesale as new. Items in any other condition are never offered.',
	},
	{
		displayName: 'Circular Reserve',
		name: 'circularReserve',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		displayOptions: show(OPERATION),
		description: 'Free sellable items per SKU always kept for rental and resale',
	},
	{
		...optionsCollection([
			{
				displayName: 'Circular-Only SKUs',
				name: 'circularOnlySkus',
				type: 'string',
				default: '',
				placeholder: 'KAYAK-RENT, BIKE-RENT',
				description:
					'Comma-separated SKUs kept for rental and resale only: always 0, with source circularOnly',
			},
			{
				displayName: 'Stock Outside Supercycle',
				name: 'notCircularStock',
				type: 'number',
				typeOptions: { numberPrecision: 0 },
				default: 0,
				description:
					"Units to offer for a SKU that has no Supercycle items (e.g. the shop's available " +
					'stock minus a buffer); below 0 counts as 0',
			},
		]),
		displayOptions: show(OPERATION),
	},
];

type Read = { items: IDataObject[] } | { readError: string };

/** One read per SKU and execution: input items asking for the same SKU share it. */
const readsByExecution = new WeakMap<object, Map<string, Promise<Read>>>();

async function itemsOfSku(this: IExecuteFunctions, sku: string, itemIndex: number): Promise<Read> {
	let reads = readsByExecution.get(this);
	if (!reads) {
		reads = new Map();
		readsByExecution.set(this, reads);
	}
	let read = reads.get(sku);
	if (!read) {
		read = supercyclePaginate
			.call(this, { method: 'GET', path: '/items', qs: { sku }, itemIndex }, undefined)
			.then(
				(items): Read => ({ items }),
				(error: unknown): Read => ({ readError: (error as Error).message ?? String(error) }),
			);
		reads.set(sku, read);
	}
	return await read;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const rule = circularRule({
		sellableConditions: this.getNodeParameter('sellableConditions', itemIndex),
		reserve: this.getNodeParameter('circularReserve', itemIndex, 0),
		circularOnlySkus: options.circularOnlySkus,
	});
	const sku = String(this.getNodeParameter('sku', itemIndex, '') ?? '').trim();
	const input = {
		sku,
		variantId: this.getNodeParameter('variantId', itemIndex, ''),
		notCircularStock: options.notCircularStock,
	};
	// Checks the parameters before calling Supercycle.
	wholesaleAvailability(input, rule);
	const read = await itemsOfSku.call(this, sku, itemIndex);
	const result: WholesaleAvailability = wholesaleAvailability({ ...input, ...read }, rule);
	return [result as unknown as IDataObject];
}
