import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { get, getAll, update };

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
	...update.description,
];
