import type { INodeProperties } from 'n8n-workflow';
import { namespaceField, orderTagField, resultFieldField } from '../common';
import * as applyChange from './applyChange.operation';
import * as buildRequest from './buildRequest.operation';
import * as create from './create.operation';
import * as find from './find.operation';
import * as getState from './getState.operation';
import * as hold from './hold.operation';

export { applyChange, buildRequest, create, find, getState, hold };

const ALL = ['find', 'getState', 'buildRequest', 'create', 'applyChange', 'hold', 'release'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Apply Change Plan',
				value: 'applyChange',
				action: 'Apply a change plan to an order',
				description:
					"Run Apply Change Order's plan as one Shopify order edit (begin, steps, commit) and save the PO snapshot",
			},
			{
				name: 'Build Order Request',
				value: 'buildRequest',
				action: 'Build the order request of an acknowledged PO',
				description:
					"The orderCreate request from Acknowledge PO's allocation, with the PO snapshot; sends no order",
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create the order of a PO',
				description: 'Create the order from its request, unless an order with the PO number exists',
			},
			{
				name: 'Find by PO Number',
				value: 'find',
				action: 'Find the order of a PO',
				description: 'The order whose PO number is the Amazon purchase order number',
			},
			{
				name: 'Get Fulfilment State',
				value: 'getState',
				action: 'Get the fulfilment state of a PO order',
				description: "The order as Apply Change Order's platform order, with its PO snapshot",
			},
			{
				name: 'Hold Fulfilment',
				value: 'hold',
				action: 'Hold fulfilment of an order',
				description: 'Put fulfilment orders on hold so that nothing ships',
			},
			{
				name: 'Release Fulfilment',
				value: 'release',
				action: 'Release fulfilment of an order',
				description: 'Release the holds of fulfilment orders',
			},
		],
		default: 'find',
	},
	find.purchaseOrderNumberField,
	...find.description,
	...create.description,
	...buildRequest.description,
	orderTagField('order', ['buildRequest']),
	namespaceField('order', ['getState', 'buildRequest', 'applyChange']),
	...applyChange.description,
	...hold.description,
	resultFieldField('order', ALL),
];
