/**
 * The PO snapshot the intake keeps on the Shopify order (metafield `po_snapshot`): the purchase
 * order and the acknowledgement Amazon holds, the variant ids, the PO lines. Read by change orders
 * and shipping, rewritten after each applied change. Pure: no n8n imports.
 */
import { isObject, type Json } from '../../values';

export interface SnapshotLine {
	itemSequenceNumber: unknown;
	status: 'mapped' | 'reject';
	sku: unknown;
	unitOfMeasure: unknown;
	unitSize: unknown;
	orderedAmount: unknown;
}

function lineOf(l: Json): SnapshotLine {
	return {
		itemSequenceNumber: l.itemSequenceNumber,
		status: l.sku ? 'mapped' : 'reject',
		sku: l.sku,
		unitOfMeasure: l.unitOfMeasure,
		unitSize: l.unitSize,
		orderedAmount: l.ordered,
	};
}

/** The PO lines of a snapshot: `previousLines`, or those of the intake's allocation. */
export function snapshotLines(snapshot: Json): unknown[] {
	if (Array.isArray(snapshot.previousLines)) return snapshot.previousLines;
	const allocation = isObject(snapshot.allocation) ? snapshot.allocation : {};
	return (Array.isArray(allocation.lines) ? allocation.lines.filter(isObject) : []).map(lineOf);
}

/** The purchase orders input of Build ASN and Build Invoice from a snapshot. */
export function purchaseOrdersOf(snapshot: Json): Json[] {
	return [
		{
			purchaseOrder: snapshot.previousPurchaseOrder,
			acknowledgement: snapshot.previousAcknowledgement,
			lines: snapshotLines(snapshot),
		},
	];
}

/**
 * The snapshot after a change: the changed purchase order and the acknowledgement to keep (Apply
 * Change Order's Apply item), the plan's lines, what the change did.
 */
export function snapshotAfterChange(
	applied: Json,
	previous: Json,
	variantIds: Readonly<Record<string, string>>,
	savedAt: string,
): Json {
	const plan = isObject(applied.plan) ? applied.plan : undefined;
	const planLines = plan && Array.isArray(plan.lines) ? plan.lines.filter(isObject) : undefined;
	const diff = isObject(applied.diff) ? applied.diff : {};
	const transactionId = applied.transactionId ?? null;
	return {
		previousPurchaseOrder: applied.purchaseOrder,
		previousAcknowledgement: applied.acknowledgementToKeep,
		variantIds,
		previousLines: planLines
			? planLines.filter((l) => l.index !== undefined).map(lineOf)
			: snapshotLines(previous),
		acknowledgementTransactionId: transactionId ?? previous.acknowledgementTransactionId ?? null,
		lastChange: {
			changedAt: diff.currentChangedDate ?? null,
			orderEdited: applied.platformEditNeeded === true,
			transactionId,
		},
		savedAt,
	};
}
