import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { filtersCollection, sortOrderField } from '../../../shared/descriptions/list';
import { cleanQuery, windowedQueries } from '../../../shared/domain/orderQueries';
import { fetchOrders } from '../../../shared/transport/orders';
import { createdAfterFilter, dateWindow, queriesOrError, readLimit, shape, show } from './common';

export const description: INodeProperties[] = [
	filtersCollection('filters', show(['getAll']), [
		{
			displayName: 'Changed After',
			name: 'changedAfter',
			type: 'dateTime',
			default: '',
			description:
				'Purchase orders that Amazon changed after this time. Ranges longer than 7 days are split into 7-day windows.',
		},
		{
			displayName: 'Changed Before',
			name: 'changedBefore',
			type: 'dateTime',
			default: '',
			description: 'Purchase orders that Amazon changed before this time',
		},
		createdAfterFilter,
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
			description: 'Purchase orders that became available before this time (default: now)',
		},
		{
			displayName: 'Include Details',
			name: 'includeDetails',
			type: 'boolean',
			default: true,
			description: 'Whether to return complete purchase orders; otherwise only numbers and states',
		},
		{
			displayName: 'Is PO Changed',
			name: 'isPOChanged',
			type: 'boolean',
			default: true,
			description: 'Whether to return only purchase orders that Amazon modified after placing them',
		},
		{
			displayName: 'Item State',
			name: 'poItemState',
			type: 'options',
			options: [
				{
					name: 'Cancelled',
					value: 'Cancelled',
					description: 'Purchase orders with at least one item cancelled by Amazon',
				},
			],
			default: 'Cancelled',
		},
		{
			displayName: 'Ordering Vendor Code',
			name: 'orderingVendorCode',
			type: 'string',
			default: '',
			description:
				'Vendor code (sellingParty.partyId); without it, every vendor code of the authorising vendor group',
		},
		{
			displayName: 'Purchase Order State',
			name: 'purchaseOrderState',
			type: 'options',
			options: [
				{ name: 'Acknowledged', value: 'Acknowledged' },
				{ name: 'Closed', value: 'Closed' },
				{ name: 'New', value: 'New' },
			],
			default: 'New',
		},
		sortOrderField('Order by purchase order creation date'),
	]),
];

/** Purchase orders with any filter of getPurchaseOrders; ranges over 7 days in 7-day windows. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const outputShape = this.getNodeParameter('outputShape', itemIndex, 'amazon') as string;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const { createdAfter, createdBefore, changedAfter, changedBefore, ...rest } = filters;
	const base = cleanQuery({ ...rest, limit: Math.min(limit ?? 100, 100) });
	const windows = [
		dateWindow({ createdAfter, createdBefore }, 'createdAfter', 'createdBefore'),
		dateWindow({ changedAfter, changedBefore }, 'changedAfter', 'changedBefore'),
	];
	const queries = queriesOrError(this, () => windowedQueries(base, windows), itemIndex);
	const orders = await fetchOrders.call(this, 'getPurchaseOrders', queries, {
		max: limit,
		itemIndex,
	});
	const detailed = base.includeDetails !== 'false';
	return orders.map((o) => (detailed ? shape(this, o, outputShape, itemIndex) : o));
}
