import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a transaction status',
				description:
					'Status of a submitted acknowledgement, shipment confirmation or invoice (getTransaction)',
			},
		],
		default: 'get',
	},
	...get.description,
];
