import type { INodeProperties } from 'n8n-workflow';

const show = (operation: string[]) => ({ show: { resource: ['item'], operation } });

export const VISIBILITY_OPTIONS = [
	{ name: 'Available', value: 'available', description: 'Can be rented or sold' },
	{ name: 'Retired', value: 'retired', description: 'Taken out of circulation for good' },
	{ name: 'Sold', value: 'sold', description: 'Sold to a customer' },
	{
		name: 'Unavailable',
		value: 'unavailable',
		description: 'Kept back, e.g. in repair or cleaning',
	},
];

export const itemOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['item'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an item',
				description: 'Get one serialised item by its Supercycle ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many items',
				description: 'List serialised items, filtered by SKU, serial, visibility or active rental',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an item',
				description:
					"Change an item's condition, visibility, processing status, serial, variant or location",
			},
		],
		default: 'getAll',
	},
];

export const itemFields: INodeProperties[] = [
	{
		displayName: 'Item ID',
		name: 'itemId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12345',
		displayOptions: show(['get', 'update']),
		description: 'Numeric Supercycle ID of the item (not its serial or sequential number)',
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
		displayOptions: { show: { resource: ['item'], operation: ['getAll'], returnAll: [false] } },
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
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(['update']),
		options: [
			{
				displayName: 'Clear Fields',
				name: 'clear',
				type: 'multiOptions',
				options: [
					{ name: 'Condition', value: 'conditionId' },
					{ name: 'Location', value: 'locationShopifyId' },
					{ name: 'Pick Location', value: 'pickLocation' },
					{ name: 'Serial', value: 'serial' },
				],
				default: [],
				description: 'Fields to remove from the item (sent as null)',
			},
			{
				displayName: 'Condition ID',
				name: 'conditionId',
				type: 'string',
				default: '',
				placeholder: '3',
				description:
					'Numeric ID of the Supercycle condition to set (see Supercycle > Settings > Conditions)',
			},
			{
				displayName: 'Location Shopify ID',
				name: 'locationShopifyId',
				type: 'string',
				default: '',
				placeholder: '76000000001',
				description: 'Numeric ID of the Shopify location where the item is stored',
			},
			{
				displayName: 'Pick Location',
				name: 'pickLocation',
				type: 'string',
				default: '',
				placeholder: 'A1-02-B3',
				description: 'Place in the warehouse in Zone-Aisle-Shelf-Bin form',
			},
			{
				displayName: 'Processing Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Processed', value: 'processed' },
					{ name: 'Unprocessed', value: 'unprocessed' },
				],
				default: 'processed',
			},
			{
				displayName: 'Serial',
				name: 'serial',
				type: 'string',
				default: '',
				description: 'New serial number of the item',
			},
			{
				displayName: 'Shopify Variant ID',
				name: 'shopifyVariantId',
				type: 'string',
				default: '',
				placeholder: '44000000001',
				description:
					'Numeric ID of the Shopify variant the item belongs to (the product must be imported into Supercycle)',
			},
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				options: VISIBILITY_OPTIONS,
				default: 'available',
			},
		],
	},
];
