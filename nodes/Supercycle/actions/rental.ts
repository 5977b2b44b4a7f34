import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { supercyclePaginate, supercycleRequest } from '../transport';
import { isoDate, maxResults, numericId } from './params';

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

export async function getRental(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const id = numericId.call(
		this,
		this.getNodeParameter('rentalId', itemIndex),
		'Rental ID',
		itemIndex,
	);
	const rental = await supercycleRequest.call(this, {
		method: 'GET',
		path: `/rentals/${id}`,
		itemIndex,
	});
	return [rental as IDataObject];
}

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

export async function getRentals(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const max = maxResults.call(this, itemIndex);
	const qs = rentalQuery.call(
		this,
		this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	return supercyclePaginate.call(this, { method: 'GET', path: '/rentals', qs, itemIndex }, max);
}
