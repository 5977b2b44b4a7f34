import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
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
	...get.description,
	...getAll.description,
];
