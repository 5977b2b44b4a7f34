import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getStatus from './getStatus.operation';
import { limitFields, outputShapeField } from './common';

export { get, getAll, getStatus };

export const description: INodeProperties[] = [
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
	...get.description,
	outputShapeField,
	...limitFields,
	...getAll.description,
	...getStatus.description,
];
