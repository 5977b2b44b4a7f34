import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	acknowledgedPoOf,
	hasPoSnapshot,
	orderCommentBody,
	poSnapshotComment,
	searchFromOfAcknowledgedPo,
	type AcknowledgedPo,
} from '../../../shared/domain/platforms/magento';
import { asNodeError } from '../../../shared/transport/errors';
import { magentoRequest } from '../../transport';
import { jsonObject } from '../params';
import { show } from './common';

const fromAcknowledgedPo = (
	property: Omit<INodeProperties, 'displayOptions'>,
): INodeProperties => ({
	...property,
	displayOptions: {
		show: { resource: ['order'], operation: ['create'], source: ['acknowledgedPo'] },
	},
});

export const description: INodeProperties[] = [
	show(['create'], {
		displayName: 'Order From',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Allocation and Purchase Order',
				value: 'parameters',
				description: 'The allocation, the purchase order and the look-up date as parameters',
			},
			{
				name: 'Acknowledged PO',
				value: 'acknowledgedPo',
				description:
					"Acknowledge PO's result: its allocation and purchase order, and the PO snapshot comment",
			},
		],
		default: 'parameters',
	}),
	fromAcknowledgedPo({
		displayName: 'Acknowledged PO',
		name: 'acknowledged',
		type: 'json',
		default: '={{ $json }}',
		required: true,
		description:
			"Acknowledge PO's result for the purchase order (an object or its JSON text): the order gets " +
			"its allocation at its purchase order's net costs, and the [avc-po-snapshot] comment that " +
			'change orders compare with (an order found without one gets it too)',
	}),
	fromAcknowledgedPo({
		displayName: 'Look Back (Days)',
		name: 'lookbackDays',
		type: 'number',
		default: 2,
		typeOptions: { minValue: 0 },
		description:
			'The look-up searches the orders created since this many days before the purchase order date',
	}),
];

/** What Create orders: the allocation, the purchase order, the look-up start, the snapshot source. */
export interface OrderInputs {
	allocation: unknown;
	purchaseOrder: unknown;
	/** From the acknowledged PO; undefined: the Created After parameter. */
	createdAfterMs?: number;
	acknowledged: AcknowledgedPo | null;
}

/** Create's inputs, checked before anything is written. */
export function orderInputs(this: IExecuteFunctions, itemIndex: number): OrderInputs {
	const source = this.getNodeParameter('source', itemIndex, 'parameters') as string;
	try {
		if (source !== 'acknowledgedPo') {
			return {
				allocation: jsonObject.call(this, 'allocation', 'Allocation', itemIndex),
				purchaseOrder: jsonObject.call(this, 'purchaseOrder', 'Purchase Order', itemIndex),
				acknowledged: null,
			};
		}
		const a = acknowledgedPoOf(jsonObject.call(this, 'acknowledged', 'Acknowledged PO', itemIndex));
		const days = Number(this.getNodeParameter('lookbackDays', itemIndex, 2));
		return {
			allocation: a.allocation,
			purchaseOrder: a.purchaseOrder,
			createdAfterMs: searchFromOfAcknowledgedPo(a, days),
			acknowledged: a,
		};
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}

/**
 * Adds the PO snapshot comment to the order unless it has one (`order.answer` as Magento answered
 * it, or null for a new order). Answers whether a comment was added; a failure is an error naming
 * the order, which stands: a later run with the same parameters finds it and adds the comment.
 */
export async function addPoSnapshot(
	this: IExecuteFunctions,
	acknowledged: AcknowledgedPo,
	order: { id: number; answer: unknown },
	purchaseOrderNumber: string,
	itemIndex: number,
): Promise<boolean> {
	if (order.answer && hasPoSnapshot(order.answer)) return false;
	const comment = poSnapshotComment(
		acknowledged,
		purchaseOrderNumber,
		order.id,
		new Date().toISOString(),
	);
	await magentoRequest.call(this, {
		method: 'POST',
		path: `/orders/${order.id}/comments`,
		body: orderCommentBody(order.id, comment),
		itemIndex,
		step:
			`save the PO snapshot comment of order entity ${order.id} (PO ${purchaseOrderNumber}; ` +
			'the order stands, a run with the same parameters adds the comment)',
	});
	return true;
}
