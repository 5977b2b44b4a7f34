import type { INodeProperties } from 'n8n-workflow';

const show = (operation: string[]) => ({ show: { resource: ['rental'], operation } });

export const rentalOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['rental'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a rental',
				description: 'Get one rental (cycle) with its item by its Supercycle ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many rentals',
				description: 'List rentals, filtered by order, item, variant, fulfilment and date ranges',
			},
		],
		default: 'getAll',
	},
];

export const rentalFields: INodeProperties[] = [
	{
		displayName: 'Rental ID',
		name: 'rentalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '6789',
		displayOptions: show(['get']),
		description: 'Numeric Supercycle ID of the rental',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: show(['getAll']),
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { resource: ['rental'], operation: ['getAll'], returnAll: [false] } },
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
		],
	},
];
