import type { INodeProperties } from 'n8n-workflow';
import * as getSalable from './getSalable.operation';

export { getSalable };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stock'] } },
		options: [
			{
				name: 'Get Salable Quantity',
				value: 'getSalable',
				action: 'Get the salable quantity of products',
				description: 'Read the MSI salable quantity of SKUs, minus a buffer',
			},
		],
		default: 'getSalable',
	},
	...getSalable.description,
];
