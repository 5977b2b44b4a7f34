import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	appliedChangeOf,
	changeSnapshotComment,
	orderCommentBody,
	poSnapshotOf,
	type AppliedChange,
	type MagentoChange,
} from '../../../shared/domain/platforms/magento';
import { asNodeError } from '../../../shared/transport/errors';
import { magentoErrorMessage, magentoSend } from '../../transport';
import { jsonObject } from '../params';
import { show } from './common';

export const description: INodeProperties[] = [
	show(['applyChangePlan'], {
		displayName: 'Change (for the PO Snapshot)',
		name: 'change',
		type: 'json',
		default: '',
		description:
			"Apply Change Order's result (purchaseOrder, acknowledgementToKeep, transactionId; an object " +
			'or its JSON text). With it the order that stands after the plan (the new one when re-created) ' +
			'gets a new [avc-po-snapshot] comment to compare the next change with. Empty saves none.',
	}),
];

/** The Change parameter, checked before anything is written; null when it is empty. */
export function changeParameter(this: IExecuteFunctions, itemIndex: number): AppliedChange | null {
	const raw = this.getNodeParameter('change', itemIndex, '') as unknown;
	if (raw === '' || raw === null || raw === undefined) return null;
	try {
		return appliedChangeOf(jsonObject.call(this, 'change', 'Change', itemIndex));
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}

/**
 * Saves the snapshot of the change on the order that stands after the plan (none after a failed
 * re-creation). A failure does not undo the change: the result says `snapshotSaved: false` and
 * why, for an exception row.
 */
export async function saveChangeSnapshot(
	this: IExecuteFunctions,
	change: AppliedChange,
	result: IDataObject,
	order: { id: number; answer: IDataObject; change: MagentoChange },
	itemIndex: number,
): Promise<IDataObject> {
	if (result.outcome === 'recreateFailed') return result;
	const po = change.purchaseOrderNumber ?? '';
	const head = `Amazon changed PO ${po} (re-acknowledgement transaction ${change.transactionId ?? 'none'})`;
	const recreated = result.outcome === 'recreated';
	const targetId = recreated ? Number(result.newOrderId) : order.id;
	const canceled = String(order.answer.increment_id ?? order.id);
	const sentence = recreated
		? `${head}: order re-created with the new quantities, replacing canceled order #${canceled}.`
		: `${head}${order.change.edits.length ? `: edit by hand ${order.change.editText}` : ''}.`;
	const comment = changeSnapshotComment(
		change,
		poSnapshotOf(order.answer),
		sentence,
		targetId,
		order.change.edits,
		new Date().toISOString(),
	);
	const reply = await magentoSend.call(this, {
		method: 'POST',
		path: `/orders/${targetId}/comments`,
		body: orderCommentBody(targetId, comment) as unknown as IDataObject,
		itemIndex,
	});
	if (reply.status >= 200 && reply.status < 300) return { ...result, snapshotSaved: true };
	const error = `POST /V1/orders/${targetId}/comments answered ${reply.status}: ${magentoErrorMessage(reply.body)}`;
	return { ...result, snapshotSaved: false, snapshotError: error };
}
