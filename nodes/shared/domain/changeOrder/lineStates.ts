/**
 * What each line of the previous PO version was: Accepted, Backordered and Rejected units, from
 * the previous acknowledgement or, without it, from the mapping's outcome. Pure: no n8n imports.
 */
import type { OrderAcknowledgement } from '../../generated/vendorOrders';
import type { MappedPurchaseOrder, RejectionReason } from '../caseMapping';
import type { CanonicalOrderItem, CanonicalPurchaseOrder } from '../purchaseOrder';
import { sameSequence, unitSizeOf } from './diff';

export interface AckState {
	accepted: number;
	backordered: number;
	rejected: number;
	reason?: RejectionReason;
}

type AckItem = OrderAcknowledgement['items'][number];

function unitsOf(
	q: { amount?: number; unitOfMeasure?: string; unitSize?: number },
	lineUnitSize: number,
): number {
	const amount = q.amount ?? 0;
	const eaches = q.unitOfMeasure === 'Cases' ? amount * (q.unitSize ?? 1) : amount;
	return lineUnitSize > 0 ? Math.floor(eaches / lineUnitSize) : 0;
}

/** The state an acknowledged line was left in, in the line's unit. */
function acknowledgedState(item: CanonicalOrderItem, ackItem: AckItem): AckState {
	const size = unitSizeOf(item);
	const state: AckState = { accepted: 0, backordered: 0, rejected: 0 };
	for (const loop of ackItem.itemAcknowledgements) {
		const units = unitsOf(loop.acknowledgedQuantity, size);
		if (loop.acknowledgementCode === 'Accepted') state.accepted += units;
		else if (loop.acknowledgementCode === 'Backordered') state.backordered += units;
		else {
			state.rejected += units;
			if (loop.rejectionReason !== undefined) state.reason = loop.rejectionReason;
		}
	}
	// A fully rejected line acknowledged with a zero loop still counts as rejected.
	if (
		state.accepted + state.backordered + state.rejected === 0 &&
		ackItem.itemAcknowledgements.every((l) => l.acknowledgementCode === 'Rejected')
	) {
		state.rejected = item.orderedQuantity.amount;
	}
	return state;
}

/** The state of every previous line, by its index in the previous version's items. */
export function previousStates(
	previous: CanonicalPurchaseOrder,
	previousMapped: MappedPurchaseOrder,
	ack: OrderAcknowledgement | undefined,
): Map<number, AckState> {
	const out = new Map<number, AckState>();
	previous.items.forEach((item, i) => {
		const ackItem = ack?.items.find(
			(a) =>
				a.itemSequenceNumber !== undefined &&
				sameSequence(a.itemSequenceNumber, item.itemSequenceNumber),
		);
		if (ackItem) {
			out.set(i, acknowledgedState(item, ackItem));
			return;
		}
		const line = previousMapped.lines[i];
		const amount = item.orderedQuantity.amount;
		if (line?.status === 'mapped') out.set(i, { accepted: amount, backordered: 0, rejected: 0 });
		else
			out.set(i, {
				accepted: 0,
				backordered: 0,
				rejected: amount,
				reason: line?.rejectionReason,
			});
	});
	return out;
}
