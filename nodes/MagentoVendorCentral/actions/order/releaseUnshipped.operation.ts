import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	orderCommentBody,
	poNumberOf,
	releaseComment,
	releaseDecision,
	releaseLinesOf,
	releasedUnits,
	releaseWhyText,
	unitsText,
	type ReleaseDecision,
	type ReleaseLine,
} from '../../../shared/domain/platforms/magento';
import { isObject, isoSeconds, type Json } from '../../../shared/domain/values';
import { magentoErrorMessage, magentoRequest, magentoSend } from '../../transport';
import { entityId, jsonObject } from '../params';
import { orderIdField, show } from './common';

const OP = ['releaseUnshipped'];

export const description: INodeProperties[] = [
	orderIdField(OP),
	show(OP, {
		displayName: 'Purchase Order',
		name: 'purchaseOrder',
		type: 'json',
		default: '{}',
		description:
			"Amazon's purchase order (Amazon Vendor Central node, Get, canonical shape): its state and windows",
	}),
	show(OP, {
		displayName: 'Grace Hours',
		name: 'graceHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: "Hours after the window's end before the rest is released",
	}),
	show(OP, {
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only decide: a release that is due comes out as outcome "due" and nothing is canceled',
	}),
];

interface Released {
	order: Json;
	decision: ReleaseDecision;
	lines: ReleaseLine[];
	whyText: string;
}

/** The order read again, the released units, the comment: a failure of these does not undo the cancel. */
async function afterCancel(
	context: IExecuteFunctions,
	orderId: number,
	itemIndex: number,
	r: Released,
) {
	const reread = await magentoSend.call(context, {
		method: 'GET',
		path: `/orders/${orderId}`,
		itemIndex,
	});
	const after = reread.status === 200 && isObject(reread.body) ? reread.body : null;
	const released = releasedUnits(r.lines, after);
	const purchaseOrderNumber = poNumberOf(r.order);
	const comment = await magentoSend.call(context, {
		method: 'POST',
		path: `/orders/${orderId}/comments`,
		body: orderCommentBody(
			orderId,
			releaseComment(purchaseOrderNumber, r.whyText, unitsText(released)),
		),
		itemIndex,
	});
	const orderStateAfter = after ? String(after.state ?? '') : 'unknown (order not re-read)';
	return {
		released,
		releasedText: unitsText(released),
		orderStateAfter,
		commentAdded: comment.status === 200,
	};
}

function graceHoursOf(context: IExecuteFunctions, itemIndex: number): number {
	const graceHours = Number(context.getNodeParameter('graceHours', itemIndex, 0) ?? 0);
	if (!Number.isFinite(graceHours) || graceHours < 0) {
		throw new NodeOperationError(context.getNode(), 'Grace Hours must be a number of 0 or more', {
			itemIndex,
			description: `Item ${itemIndex}, field graceHours.`,
		});
	}
	return graceHours;
}

/** What every outcome shows: the order, the decision and its words, the lines before. */
function summaryOf(orderId: number, order: Json, decision: ReleaseDecision, lines: ReleaseLine[]) {
	const base = {
		orderId: String(orderId),
		incrementId: String(order.increment_id ?? ''),
		purchaseOrderNumber: poNumberOf(order),
		decision,
		whyText: releaseWhyText(decision),
		lines,
	};
	const facts = {
		magentoOrder: base.incrementId,
		magentoOrderId: base.orderId,
		why: decision.why,
		purchaseOrderState: decision.purchaseOrderState,
		windowKind: decision.windowKind,
		windowEnd: decision.windowEnd,
		graceHours: decision.graceHours,
	};
	return { base, facts };
}

/**
 * Decides by Amazon's purchase order whether the rest of a partly shipped order is released and,
 * if so, cancels it (Magento cancels what is neither shipped nor invoiced and frees its
 * reservation), reads the order again and notes the release on it. `outcome`: `released`,
 * `failed` (Magento refused the cancel: its answer), `notDue`, or `due` (a dry run: nothing
 * canceled); `details` is the exception row's.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = entityId.call(this, 'orderId', 'Order ID', itemIndex);
	const purchaseOrder = jsonObject.call(this, 'purchaseOrder', 'Purchase Order', itemIndex);
	const graceHours = graceHoursOf(this, itemIndex);
	const order = (await magentoRequest.call(this, {
		method: 'GET',
		path: `/orders/${orderId}`,
		itemIndex,
		step: 'read the order',
	})) as Json;
	const decision = releaseDecision(purchaseOrder, Date.now(), graceHours);
	const lines = releaseLinesOf(order);
	const { base, facts } = summaryOf(orderId, order, decision, lines);
	if (!decision.due) return [{ ...base, outcome: 'notDue' } as unknown as IDataObject];
	if (this.getNodeParameter('dryRun', itemIndex, false) === true) {
		return [{ ...base, outcome: 'due' } as unknown as IDataObject];
	}
	const cancel = await magentoSend.call(this, {
		method: 'POST',
		path: `/orders/${orderId}/cancel`,
		body: {},
		itemIndex,
	});
	if (cancel.status !== 200 || (cancel.body !== true && cancel.body !== 'true')) {
		const magentoAnswer = `${cancel.status} ${magentoErrorMessage(cancel.body)}`.slice(0, 300);
		const unreleased = lines
			.filter((l) => l.releasable > 0)
			.map((l) => ({ sku: l.sku, qty: l.releasable }));
		const details = { ...facts, magentoAnswer, unreleased };
		const failed = {
			...base,
			outcome: 'failed',
			magentoAnswer,
			unreleasedText: unitsText(unreleased),
			details,
		};
		return [failed as unknown as IDataObject];
	}
	const done = await afterCancel(this, orderId, itemIndex, {
		order,
		decision,
		lines,
		whyText: base.whyText,
	});
	const details = {
		...facts,
		released: done.released.map((l) => ({ sku: l.sku, qty: l.qty })),
		shipped: lines.map((l) => ({ sku: l.sku, qty: l.shipped })),
		orderStateAfter: done.orderStateAfter,
		releasedAt: isoSeconds(Date.now()),
	};
	const shippedEaches = lines.reduce((n, l) => n + l.shipped, 0);
	return [
		{ ...base, outcome: 'released', ...done, shippedEaches, details } as unknown as IDataObject,
	];
}
