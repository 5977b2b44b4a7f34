import type { INodeProperties } from 'n8n-workflow';
import * as submitUpdate from './submitUpdate.operation';

export { submitUpdate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['directFulfillmentInventory'] } },
		options: [
			{
				name: 'Submit Update',
				value: 'submitUpdate',
				action: 'Submit a direct fulfillment inventory update',
				description:
					'Validate and send the available quantities of one warehouse (submitInventoryUpdate)',
			},
		],
		default: 'submitUpdate',
	},
	...submitUpdate.description,
];
