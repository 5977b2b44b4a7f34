import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { filtersCollection, returnAllFields } from '../../../shared/descriptions/list';
import { supercyclePaginate } from '../../transport';
import { maxResults } from '../params';
import { show, VISIBILITY_OPTIONS } from './common';

export const description: INodeProperties[] = [
	...returnAllFields('item', ['getAll']),
	filtersCollection('filters', show(['getAll']), [
		{
			displayName: 'Only With Active Rental',
			name: 'withActiveRental',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only items that are out on a rental (when off, items are returned whether rented or not)',
		},
		{
			displayName: 'Serial',
			name: 'serial',
			type: 'string',
			default: '',
			description: 'Items with exactly this serial number',
		},
		{
			displayName: 'SKU',
			name: 'sku',
			type: 'string',
			default: '',
			description: 'Items of the Shopify variant with this SKU',
		},
		{
			displayName: 'Visibility',
			name: 'visibility',
			type: 'options',
			options: VISIBILITY_OPTIONS,
			default: 'available',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const max = maxResults.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const key of ['sku', 'serial', 'visibility']) {
		const value = typeof filters[key] === 'string' ? (filters[key] as string).trim() : '';
		if (value) qs[key] = value;
	}
	// Supercycle's default is false, which does not filter: only true is worth sending.
	if (filters.withActiveRental === true) qs.withActiveRental = true;
	return supercyclePaginate.call(this, { method: 'GET', path: '/items', qs, itemIndex }, max);
}
