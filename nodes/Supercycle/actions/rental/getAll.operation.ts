import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { filtersCollection, returnAllFields } from '../../../shared/descriptions/list';
import { NodeOperationError } from 'n8n-workflow';
import { supercyclePaginate } from '../../transport';
import { isoDate, maxResults, numericId } from '../params';

const show = (operation: string[]) => ({ show: { resource: ['rental'], operation } });

export const description: INodeProperties[] = [
	...returnAllFields('rental', ['getAll']),
	filtersCollection('filters', show(['getAll']), [
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: 'Rentals created at or after this time',
		},
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
			description: 'Rentals created at or before this time',
		},
		{
			displayName: 'Item ID',
			name: 'itemId',
			type: 'string',
			default: '',
			description: 'Rentals of the item with this numeric Supercycle ID',
		},
		{
			displayName: 'Only Unfulfilled',
			name: 'unfulfilled',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only rentals not dispatched yet (when off, rentals are returned whether dispatched or not)',
		},
		{
			displayName: 'Rental Start After',
			name: 'rentalStartAfter',
			type: 'dateTime',
			default: '',
			description: 'Rentals whose rental period starts at or after this time',
		},
		{
			displayName: 'Rental Start Before',
			name: 'rentalStartBefore',
			type: 'dateTime',
			default: '',
			description: 'Rentals whose rental period starts at or before this time',
		},
		{
			displayName: 'Shopify Order ID',
			name: 'shopifyOrderId',
			type: 'string',
			default: '',
			description: 'Rentals of the Shopify order with this numeric ID',
		},
		{
			displayName: 'Shopify Variant ID',
			name: 'shopifyVariantId',
			type: 'string',
			default: '',
			description: 'Rentals of the Shopify variant with this numeric ID',
		},
		{
			displayName: 'Updated After',
			name: 'updatedAfter',
			type: 'dateTime',
			default: '',
			description: 'Rentals changed at or after this time: use it for incremental syncs',
		},
		{
			displayName: 'Updated Before',
			name: 'updatedBefore',
			type: 'dateTime',
			default: '',
			description: 'Rentals changed at or before this time',
		},
	]),
];

/** Date filters: "After" is sent as [gte] and "Before" as [lte], so consecutive ranges lose nothing. */
const DATE_RANGES: Array<{ param: string; after: string; before: string; label: string }> = [
	{ param: 'created', after: 'createdAfter', before: 'createdBefore', label: 'Created' },
	{ param: 'updated', after: 'updatedAfter', before: 'updatedBefore', label: 'Updated' },
	{
		param: 'rentalStart',
		after: 'rentalStartAfter',
		before: 'rentalStartBefore',
		label: 'Rental Start',
	},
];

/** The query of GET /rentals from the Filters collection. */
export function rentalQuery(
	this: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): IDataObject {
	const qs: IDataObject = {};
	const shopifyOrderId = filters.shopifyOrderId;
	if (shopifyOrderId !== undefined && shopifyOrderId !== '')
		qs.shopifyOrderId = numericId.call(this, shopifyOrderId, 'Shopify Order ID', itemIndex);
	if (filters.itemId !== undefined && filters.itemId !== '')
		qs.itemId = numericId.call(this, filters.itemId, 'Item ID', itemIndex);
	if (filters.shopifyVariantId !== undefined && filters.shopifyVariantId !== '') {
		qs.shopifyVariantId = numericId.call(
			this,
			filters.shopifyVariantId,
			'Shopify Variant ID',
			itemIndex,
		);
	}
	// Supercycle's default is false, which does not filter: only true is worth sending.
	if (filters.unfulfilled === true) qs.unfulfilled = true;
	for (const range of DATE_RANGES) {
		const after = isoDate.call(this, filters[range.after], `${range.label} After`, itemIndex);
		const before = isoDate.call(this, filters[range.before], `${range.label} Before`, itemIndex);
		if (after && before && after > before) {
			throw new NodeOperationError(
				this.getNode(),
				`${range.label} After (${after}) is later than ${range.label} Before (${before})`,
				{ itemIndex },
			);
		}
		if (after) qs[`${range.param}[gte]`] = after;
		if (before) qs[`${range.param}[lte]`] = before;
	}
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const max = maxResults.call(this, itemIndex);
	const qs = rentalQuery.call(
		this,
		this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	return supercyclePaginate.call(this, { method: 'GET', path: '/rentals', qs, itemIndex }, max);
}
