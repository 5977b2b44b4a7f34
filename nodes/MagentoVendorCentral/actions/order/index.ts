import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions/operation';
import * as action from './action.operation';
import * as addComment from './addComment.operation';
import * as applyChangePlan from './applyChangePlan.operation';
import * as changeSnapshot from './changeSnapshot';
import * as create from './create.operation';
import * as findByPo from './findByPo.operation';
import * as get from './get.operation';
import * as getPartlyShipped from './getPartlyShipped.operation';
import * as getStateByPo from './getStateByPo.operation';
import * as releaseUnshipped from './releaseUnshipped.operation';
import * as snapshot from './snapshot';

export { action, addComment, applyChangePlan, create, findByPo, get, getStateByPo };
export { getPartlyShipped, releaseUnshipped };

const op = (name: string, value: string, actionText: string, description: string) => ({
	name,
	value,
	action: actionText,
	description,
});

export const description: INodeProperties[] = [
	operationField(
		'order',
		[
			op(
				'Add Comment',
				'addComment',
				'Add a comment to an order',
				'Add an order comment, e.g. the ASN or invoice sent to Amazon',
			),
			op(
				'Apply Change Plan',
				'applyChangePlan',
				'Apply a change plan to an order',
				"Apply Apply Change Order's plan: cancel and re-create the order, or hold it for a person",
			),
			op('Cancel', 'cancel', 'Cancel an order', 'Cancel what is neither shipped nor invoiced'),
			op(
				'Create From Allocation',
				'create',
				'Create the order of a purchase order',
				"Order Acknowledge PO's allocation through the customer cart, once per purchase order",
			),
			op(
				'Find by Purchase Order',
				'findByPo',
				'Find the order of a purchase order',
				"Find the customer's order whose PO number is the purchase order's",
			),
			op(
				'Get Fulfilment State',
				'get',
				'Get the fulfilment state of an order',
				"Read an order as Apply Change Order's platform order",
			),
			op(
				'Get Fulfilment State by PO',
				'getStateByPo',
				'Get the fulfilment state of the order of a purchase order',
				"Find the live order of a purchase order: Apply Change Order's platform order and its PO snapshot",
			),
			op(
				'Get Many Partly Shipped',
				'getPartlyShipped',
				'Get the partly shipped orders',
				"List the customer's orders in processing with something shipped and units left to release",
			),
			op('Hold', 'hold', 'Hold an order', 'Stop fulfilment of an order'),
			op(
				'Release Hold',
				'unhold',
				'Release the hold of an order',
				'Let a held order be fulfilled again',
			),
			op(
				'Release Unshipped Rest',
				'releaseUnshipped',
				'Release the unshipped rest of an order',
				'Cancel what will not ship once Amazon closed the PO or its window ended, and note it',
			),
		],
		'findByPo',
	),
	...snapshot.description,
	...create.description,
	...findByPo.description,
	...get.description,
	...addComment.description,
	...applyChangePlan.description,
	...changeSnapshot.description,
	...getStateByPo.description,
	...getPartlyShipped.description,
	...releaseUnshipped.description,
];
