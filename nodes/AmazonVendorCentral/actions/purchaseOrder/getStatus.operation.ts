import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { filtersCollection, sortOrderField } from '../../../shared/descriptions/list';
import { cleanQuery, windowedQueries } from '../../../shared/domain/orderQueries';
import { fetchOrders } from '../../../shared/transport/orders';
import { createdAfterFilter, dateWindow, queriesOrError, readLimit, show } from './common';

export const description: INodeProperties[] = [
	filtersCollection('statusFilters', show(['getStatus']), [
		createdAfterFilter,
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
		},
		{
			displayName: 'Item Confirmation Status',
			name: 'itemConfirmationStatus',
			type: 'options',
			options: [
				{ name: 'Accepted', value: 'ACCEPTED' },
				{ name: 'Partially Accepted', value: 'PARTIALLY_ACCEPTED' },
				{ name: 'Rejected', value: 'REJECTED' },
				{ name: 'Unconfirmed', value: 'UNCONFIRMED' },
			],
			default: 'ACCEPTED',
		},
		{
			displayName: 'Item Receive Status',
			name: 'itemReceiveStatus',
			type: 'options',
			options: [
				{ name: 'Not Received', value: 'NOT_RECEIVED' },
				{ name: 'Partially Received', value: 'PARTIALLY_RECEIVED' },
				{ name: 'Received', value: 'RECEIVED' },
			],
			default: 'NOT_RECEIVED',
		},
		{
			displayName: 'Ordering Vendor Code',
			name: 'orderingVendorCode',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Purchase Order Number',
			name: 'purchaseOrderNumber',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Purchase Order Status',
			name: 'purchaseOrderStatus',
			type: 'options',
			options: [
				{ name: 'Open', value: 'OPEN', description: 'Not all items received' },
				{ name: 'Closed', value: 'CLOSED', description: 'All items received' },
			],
			default: 'OPEN',
		},
		{
			displayName: 'Ship-To Party ID',
			name: 'shipToPartyId',
			type: 'string',
			default: '',
			description: 'Fulfilment centre code, e.g. ABCD',
		},
		sortOrderField(),
		{
			displayName: 'Updated After',
			name: 'updatedAfter',
			type: 'dateTime',
			default: '',
			description:
				'Purchase orders last updated after this time. Ranges longer than 7 days are split into 7-day windows.',
		},
		{
			displayName: 'Updated Before',
			name: 'updatedBefore',
			type: 'dateTime',
			default: '',
		},
	]),
];

/** Confirmation, quantity history and receiving status per item (getPurchaseOrdersStatus). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('statusFilters', itemIndex, {}) as IDataObject;
	const { createdAfter, createdBefore, updatedAfter, updatedBefore, ...rest } = filters;
	const base = cleanQuery({ ...rest, limit: Math.min(limit ?? 100, 100) });
	const windows = [
		dateWindow({ createdAfter, createdBefore }, 'createdAfter', 'createdBefore'),
		dateWindow({ updatedAfter, updatedBefore }, 'updatedAfter', 'updatedBefore'),
	];
	const queries = queriesOrError(this, () => windowedQueries(base, windows), itemIndex);
	return fetchOrders.call(this, 'getPurchaseOrdersStatus', queries, { max: limit, itemIndex });
}
