/**
 * The PO snapshot of a Magento order: an order comment that names the purchase order, its
 * acknowledgement and allocation, so that a later Amazon change can be compared with what was
 * ordered. The comment's last part is `[avc-po-snapshot]` followed by the snapshot as JSON; the
 * newest such comment of an order is its snapshot. Pure: no n8n imports.
 */
import { InvalidInputError } from '../../inputError';

export const PO_SNAPSHOT_MARKER = '[avc-po-snapshot]';

/** Acknowledge PO's result for one purchase order (the fields the snapshot keeps). */
export interface AcknowledgedPo {
	purchaseOrder: Record<string, unknown> & {
		sellingParty?: { partyId?: string };
		shipToParty?: { partyId?: string };
		purchaseOrderDate?: unknown;
		shipWindow?: unknown;
		deliveryWindow?: unknown;
	};
	acknowledgement?: unknown;
	allocation?: unknown;
	backorders?: unknown;
	backorderNote?: string;
	transactionId?: string;
}

/** Acknowledge PO's result checked for the snapshot: an object with purchaseOrder and acknowledgement. */
export function acknowledgedPoOf(value: unknown): AcknowledgedPo {
	const a = value as Partial<AcknowledgedPo> | null;
	if (!a || typeof a !== 'object' || Array.isArray(a)) {
		throw new InvalidInputError(
			"The acknowledged PO is not Acknowledge PO's result",
			'acknowledged',
		);
	}
	if (!a.purchaseOrder || typeof a.purchaseOrder !== 'object') {
		throw new InvalidInputError(
			'The acknowledged PO has no purchaseOrder',
			'acknowledged.purchaseOrder',
		);
	}
	if (!a.allocation || typeof a.allocation !== 'object') {
		throw new InvalidInputError('The acknowledged PO has no allocation', 'acknowledged.allocation');
	}
	if (!a.acknowledgement || typeof a.acknowledgement !== 'object') {
		throw new InvalidInputError(
			'The acknowledged PO has no acknowledgement',
			'acknowledged.acknowledgement',
		);
	}
	return a as AcknowledgedPo;
}

/**
 * Where the look-up for the order of an acknowledged PO starts: `days` before the purchase order
 * date (the order cannot be older than its purchase order; the margin covers clock differences).
 */
export function searchFromOfAcknowledgedPo(acknowledged: AcknowledgedPo, days: number): number {
	const date = acknowledged.purchaseOrder.purchaseOrderDate;
	const ms = typeof date === 'string' ? Date.parse(date) : Number.NaN;
	if (!Number.isFinite(ms)) {
		throw new InvalidInputError(
			`The purchase order date is not a date-time: "${String(date)}"`,
			'acknowledged.purchaseOrder.purchaseOrderDate',
		);
	}
	if (!Number.isFinite(days) || days < 0) {
		throw new InvalidInputError('Look Back (Days) must be a number of at least 0', 'lookbackDays');
	}
	return ms - days * 86_400_000;
}

/**
 * The comment text: one sentence with the Amazon references (vendor, ship-to, window, the
 * acknowledgement's transaction, the backorder note), then the marker and the snapshot JSON.
 */
export function poSnapshotComment(
	acknowledged: AcknowledgedPo,
	purchaseOrderNumber: string,
	magentoOrderId: number,
	savedAt: string,
): string {
	const a = acknowledged;
	const po = a.purchaseOrder;
	const shipTo = po.shipToParty?.partyId ?? null;
	const window = JSON.stringify(po.shipWindow ?? po.deliveryWindow ?? null);
	const note = a.backorderNote ? ` ${a.backorderNote}.` : '';
	const snapshot = {
		purchaseOrderNumber,
		previousPurchaseOrder: po,
		previousAcknowledgement: a.acknowledgement,
		allocation: a.allocation ?? null,
		backorders: Array.isArray(a.backorders) ? a.backorders : [],
		acknowledgementTransactionId: a.transactionId ?? null,
		shipToPartyId: shipTo,
		magentoOrderId,
		savedAt,
	};
	return (
		`Amazon Vendor Central PO ${purchaseOrderNumber} (vendor ${po.sellingParty?.partyId ?? '?'}, ` +
		`ship to ${shipTo ?? '?'}, ship window ${window}), acknowledgement transaction ` +
		`${a.transactionId ?? '?'}.${note}\n${PO_SNAPSHOT_MARKER}${JSON.stringify(snapshot)}`
	);
}

/** Whether an order (as Magento answers it, with `status_histories`) has a PO snapshot comment. */
export function hasPoSnapshot(order: unknown): boolean {
	const histories = (order as { status_histories?: unknown } | null)?.status_histories;
	return (
		Array.isArray(histories) &&
		histories.some((h: { comment?: unknown } | null) =>
			String(h?.comment ?? '').includes(PO_SNAPSHOT_MARKER),
		)
	);
}

/**
 * The newest PO snapshot of an order (the JSON after the marker of the newest comment that has
 * one, by entity id), or null when it has none or it cannot be read.
 */
export function poSnapshotOf(order: unknown): Record<string, unknown> | null {
	const histories = (order as { status_histories?: unknown } | null)?.status_histories;
	if (!Array.isArray(histories)) return null;
	const newest = (histories as Array<{ comment?: unknown; entity_id?: unknown } | null>)
		.filter((h) => String(h?.comment ?? '').includes(PO_SNAPSHOT_MARKER))
		.sort((a, b) => Number(b?.entity_id ?? 0) - Number(a?.entity_id ?? 0))[0];
	if (!newest) return null;
	const text = String(newest.comment);
	try {
		const snapshot = JSON.parse(
			text.slice(text.indexOf(PO_SNAPSHOT_MARKER) + PO_SNAPSHOT_MARKER.length),
		) as unknown;
		return snapshot && typeof snapshot === 'object' ? (snapshot as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

/** Apply Change Order's result for one purchase order (the fields a new snapshot keeps). */
export interface AppliedChange {
	purchaseOrderNumber?: string;
	purchaseOrder?: { shipToParty?: { partyId?: string } } & Record<string, unknown>;
	acknowledgementToKeep?: unknown;
	transactionId?: string;
	diff?: { currentChangedDate?: string };
}

/** Apply Change Order's result checked for the snapshot: it has the changed purchase order. */
export function appliedChangeOf(value: unknown): AppliedChange {
	const c = value as AppliedChange | null;
	if (!c || typeof c !== 'object' || !c.purchaseOrder || typeof c.purchaseOrder !== 'object') {
		throw new InvalidInputError(
			"The change is not Apply Change Order's result: it has no purchaseOrder",
			'change.purchaseOrder',
		);
	}
	return c;
}

/**
 * The snapshot comment after a change: one sentence (what happened to the order), then the
 * marker and the changed PO with the acknowledgement to compare the next change with; what the
 * change leaves unsaid (transaction, ship-to) comes from the previous snapshot.
 */
export function changeSnapshotComment(
	change: AppliedChange,
	previous: Record<string, unknown> | null,
	sentence: string,
	magentoOrderId: number,
	edits: unknown[],
	savedAt: string,
): string {
	const snapshot = {
		purchaseOrderNumber: change.purchaseOrderNumber,
		previousPurchaseOrder: change.purchaseOrder,
		previousAcknowledgement:
			change.acknowledgementToKeep ?? previous?.previousAcknowledgement ?? null,
		acknowledgementTransactionId:
			change.transactionId ?? previous?.acknowledgementTransactionId ?? null,
		shipToPartyId: change.purchaseOrder?.shipToParty?.partyId ?? previous?.shipToPartyId ?? null,
		magentoOrderId,
		lastChange: {
			changedAt: change.diff?.currentChangedDate ?? null,
			transactionId: change.transactionId ?? null,
			edits,
		},
		savedAt,
	};
	return `${sentence}\n${PO_SNAPSHOT_MARKER}${JSON.stringify(snapshot)}`;
}
