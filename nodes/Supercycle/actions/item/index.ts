import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getWholesaleAvailability from './getWholesaleAvailability.operation';
import * as holdForAmazon from './holdForAmazon.operation';
import * as update from './update.operation';

export { get, getAll, getWholesaleAvailability, holdForAmazon, update };

export const description: INodeProperties[] = [
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
				name: 'Get Wholesale Availability',
				value: 'getWholesaleAvailability',
				action: 'Get wholesale availability of a SKU',
				description:
					'Count the items of a SKU that may be offered to Amazon: available, not rented, in a ' +
					'sellable condition, minus a reserve; 0 when Supercycle cannot be read',
			},
			{
				name: 'Hold for Amazon',
				value: 'holdForAmazon',
				action: 'Hold items promised to amazon',
				description:
					'After Acknowledge PO: set the free items Amazon was promised to unavailable, and list ' +
					'the PO lines of circular-only SKUs or unknown circular stock as exception rows',
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
	...get.description,
	...getAll.description,
	...getWholesaleAvailability.description,
	...holdForAmazon.description,
	...update.description,
];
