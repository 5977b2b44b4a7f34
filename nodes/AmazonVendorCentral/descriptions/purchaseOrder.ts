import type { INodeProperties } from 'n8n-workflow';

const show = (operation: string[]) => ({ show: { resource: ['purchaseOrder'], operation } });

export const purchaseOrderOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['purchaseOrder'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a purchase order',
				description: 'Get one purchase order by its number (getPurchaseOrder)',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many purchase orders',
				description: 'List purchase orders with any filter of getPurchaseOrders',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of purchase orders',
				description:
					'Confirmation, quantity history and receiving status per item (getPurchaseOrdersStatus)',
			},
		],
		default: 'getAll',
	},
];

const outputShape: INodeProperties = {
	displayName: 'Output Shape',
	name: 'outputShape',
	type: 'options',
	options: [
		{
			name: 'Amazon',
			value: 'amazon',
			description: "The purchase order exactly as Amazon's API returns it",
		},
		{
			name: 'Normalised',
			value: 'canonical',
			description:
				"The package's normalised purchase order (eaches, parsed windows, repaired enums) with Amazon's object under raw",
		},
	],
	default: 'amazon',
};

export const purchaseOrderFields: INodeProperties[] = [
	{
		displayName: 'Purchase Order Number',
		name: 'purchaseOrderNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2JK3S9VC',
		displayOptions: show(['get']),
		description: 'The 8-character purchase order number',
	},
	{ ...outputShape, displayOptions: show(['get', 'getAll']) },
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: show(['getAll', 'getStatus']),
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: {
			show: { resource: ['purchaseOrder'], operation: ['getAll', 'getStatus'], returnAll: [false] },
		},
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(['getAll']),
		options: [
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
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description:
					'Purchase orders that became available after this time. Ranges longer than 7 days are split into 7-day windows.',
			},
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
				description:
					'Whether to return complete purchase orders; otherwise only numbers and states',
			},
			{
				displayName: 'Is PO Changed',
				name: 'isPOChanged',
				type: 'boolean',
				default: true,
				description:
					'Whether to return only purchase orders that Amazon modified after placing them',
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
			{
				displayName: 'Sort Order',
				name: 'sortOrder',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'ASC',
				description: 'Order by purchase order creation date',
			},
		],
	},
	{
		displayName: 'Filters',
		name: 'statusFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(['getStatus']),
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description:
					'Purchase orders that became available after this time. Ranges longer than 7 days are split into 7-day windows.',
			},
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
			{
				displayName: 'Sort Order',
				name: 'sortOrder',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'ASC',
			},
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
		],
	},
];
