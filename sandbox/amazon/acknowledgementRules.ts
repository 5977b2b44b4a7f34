/**
 * Amazon's rules for purchase-order acknowledgements (Vendor Retail Procurement APIs use-case
 * guide and the vendorOrders model texts), applied to bodies that already passed the model validation.
 * Pure: it reads the purchase orders and returns errors and the line events to record.
 *
 * Errors (codes chosen by the sandbox in the style of getTransaction's INVALID_ORDER_ID):
 *   INVALID_ORDER_ID                 unknown purchase order
 *   PO_CLOSED                        the purchase order is Closed
 *   SELLING_PARTY_MISMATCH           sellingParty.partyId is not the PO's vendor code
 *   INVALID_ITEM                     no PO line matches the item
 *   DUPLICATE_ITEM                   one line acknowledged twice in the same acknowledgement
 *   PRODUCT_IDENTIFIER_MISMATCH      an identifier differs from the PO line's
 *   MISSING_NET_COST / INVALID_NET_COST / CURRENCY_MISMATCH / NET_COST_ABOVE_PO_COST
 *   INVALID_ACKNOWLEDGED_QUANTITY    an acknowledged quantity of 0 or less
 *   ACKNOWLEDGED_QUANTITY_EXCEEDS_ORDERED   the line's acknowledged total is above the ordered quantity (in eaches)
 *   BACKORDER_NOT_ALLOWED            Backordered on a line with isBackOrderAllowed false
 *   REJECTED_ITEM_CANNOT_BE_ACCEPTED a line once Rejected, acknowledged again as Accepted or Backordered
 *   REJECTED_QUANTITY_CANNOT_BE_ACCEPTED  more Accepted + Backordered than an earlier acknowledgement
 *                                    left unrejected (rejected quantity is final)
 *
 * Lines the acknowledgement leaves out are implicitly rejected when they have never been
 * acknowledged (Amazon: "missing lines are rejected"); a line acknowledged before keeps its
 * acknowledgement, since a single-line update is allowed. Cancelled lines (quantity 0) are not
 * rejected implicitly. A line counts as "once Rejected" when an acknowledgement accepted none
 * of it (explicitly or implicitly). Rejected quantity is final: after an acknowledgement that
 * rejected part of a line, Accepted + Backordered may not exceed what it did not reject (or, when
 * Amazon raised the quantity since, the new quantity less what it rejected).
 */
import * as D from './decimal';
import { describeQuantity, orderedEaches, toEaches } from './quantities';
import type { LineAckEvent, PurchaseOrderRecord } from './state';
import type {
	AmazonError,
	OrderAcknowledgement,
	OrderAcknowledgementItem,
	OrderItem,
} from './types';

export type PendingLineEvent = Omit<LineAckEvent, 'recordedAt' | 'transactionId'>;

export interface AcknowledgementEffect {
	purchaseOrderNumber: string;
	lines: Array<{ itemSequenceNumber: string; event: PendingLineEvent }>;
	implicitlyRejected: string[];
}

export interface AcknowledgementEvaluation {
	errors: AmazonError[];
	effects: AcknowledgementEffect[];
}

function sameSequence(a: string, b: string): boolean {
	if (a === b) return true;
	return /^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b);
}

function findLine(items: OrderItem[], ack: OrderAcknowledgementItem): OrderItem | undefined {
	if (ack.itemSequenceNumber !== undefined)
		return items.find((i) => sameSequence(i.itemSequenceNumber, ack.itemSequenceNumber as string));
	if (ack.amazonProductIdentifier !== undefined)
		return items.find((i) => i.amazonProductIdentifier === ack.amazonProductIdentifier);
	if (ack.vendorProductIdentifier !== undefined)
		return items.find((i) => i.vendorProductIdentifier === ack.vendorProductIdentifier);
	return undefined;
}

function describeItem(ack: OrderAcknowledgementItem): string {
	const parts: string[] = [];
	if (ack.itemSequenceNumber !== undefined)
		parts.push(`itemSequenceNumber ${ack.itemSequenceNumber}`);
	if (ack.amazonProductIdentifier !== undefined) parts.push(`ASIN ${ack.amazonProductIdentifier}`);
	if (ack.vendorProductIdentifier !== undefined)
		parts.push(`vendorProductIdentifier ${ack.vendorProductIdentifier}`);
	return parts.length ? parts.join(', ') : 'an item without identifiers';
}

function batchKey(record: PurchaseOrderRecord, seq: string): string {
	return `${record.order.purchaseOrderNumber}\u0000${seq}`;
}

/** The line's earlier acknowledgements: recorded ones, then those earlier in this batch. */
function earlierEvents(
	record: PurchaseOrderRecord,
	seq: string,
	batch: Map<string, PendingLineEvent[]>,
): PendingLineEvent[] {
	return [
		...(record.lines[seq]?.acknowledgements ?? []),
		...(batch.get(batchKey(record, seq)) ?? []),
	];
}

function hasAcknowledgement(
	record: PurchaseOrderRecord,
	seq: string,
	batch: Map<string, PendingLineEvent[]>,
): boolean {
	return (record.lines[seq]?.acknowledgements.length ?? 0) > 0 || batch.has(batchKey(record, seq));
}

/** One acknowledgement of one PO while it is checked. */
interface AckCheck {
	errors: AmazonError[];
	where: string;
}

function push(check: AckCheck, code: string, message: string): void {
	check.errors.push({ code, message, details: check.where });
}

/** The PO exists, is open and belongs to the vendor; undefined (with an error) otherwise. */
function checkOrder(
	ack: OrderAcknowledgement,
	record: PurchaseOrderRecord | undefined,
	check: AckCheck,
): NonNullable<PurchaseOrderRecord['order']['orderDetails']> | undefined {
	if (!record || !record.order.orderDetails) {
		push(check, 'INVALID_ORDER_ID', 'Invalid order ID.');
		return undefined;
	}
	if (record.order.purchaseOrderState === 'Closed')
		push(check, 'PO_CLOSED', 'The purchase order is closed and can no longer be acknowledged.');
	const vendor = record.order.orderDetails.sellingParty?.partyId;
	if (vendor !== undefined && ack.sellingParty.partyId !== vendor) {
		push(
			check,
			'SELLING_PARTY_MISMATCH',
			`sellingParty ${ack.sellingParty.partyId} does not match the purchase order's vendor code ${vendor}.`,
		);
	}
	return record.order.orderDetails;
}

function checkIdentifiers(item: OrderAcknowledgementItem, line: OrderItem, check: AckCheck): void {
	const echoesInvalidIdentifier = item.itemAcknowledgements.some(
		(a) => a.acknowledgementCode === 'Rejected' && a.rejectionReason === 'InvalidProductIdentifier',
	);
	if (echoesInvalidIdentifier) return;
	for (const field of ['amazonProductIdentifier', 'vendorProductIdentifier'] as const) {
		if (item[field] !== undefined && line[field] !== undefined && item[field] !== line[field])
			push(
				check,
				'PRODUCT_IDENTIFIER_MISMATCH',
				`${field} ${item[field]} is not the purchase order's ${line[field]}.`,
			);
	}
}

/** Cost: required, positive, in the PO's currency, not above the PO cost. */
function checkCost(item: OrderAcknowledgementItem, line: OrderItem, check: AckCheck): void {
	const cost = D.parseDecimal(item.netCost?.amount);
	if (!item.netCost || item.netCost.amount === undefined) {
		push(
			check,
			'MISSING_NET_COST',
			'netCost is required, also for backordered and rejected lines.',
		);
		return;
	}
	if (cost === undefined || D.sign(cost) <= 0) {
		push(check, 'INVALID_NET_COST', `netCost ${item.netCost.amount} must be a positive decimal.`);
		return;
	}
	if (line.netCost?.amount === undefined) return;
	const poCost = D.parseDecimal(line.netCost.amount);
	const currency = item.netCost.currencyCode;
	if (
		currency !== undefined &&
		line.netCost.currencyCode !== undefined &&
		currency !== line.netCost.currencyCode
	) {
		push(
			check,
			'CURRENCY_MISMATCH',
			`netCost currency ${currency} is not the purchase order's ${line.netCost.currencyCode}.`,
		);
	} else if (poCost !== undefined && D.cmp(cost, poCost) > 0) {
		push(
			check,
			'NET_COST_ABOVE_PO_COST',
			`netCost ${item.netCost.amount} is higher than the purchase order cost ${line.netCost.amount}.`,
		);
	}
}

/** The line event: quantities in eaches, the last reason and dates given. */
function lineEvent(
	ack: OrderAcknowledgement,
	item: OrderAcknowledgementItem,
	line: OrderItem,
	check: AckCheck,
): PendingLineEvent {
	const event: PendingLineEvent = {
		acknowledgementDate: ack.acknowledgementDate,
		source: 'acknowledgement',
		acceptedEaches: 0,
		backorderedEaches: 0,
		rejectedEaches: 0,
	};
	if (item.netCost) event.netCost = { ...item.netCost };
	for (const a of item.itemAcknowledgements) {
		const eaches = toEaches(a.acknowledgedQuantity, line.orderedQuantity);
		if (typeof a.acknowledgedQuantity.amount !== 'number' || eaches <= 0) {
			push(
				check,
				'INVALID_ACKNOWLEDGED_QUANTITY',
				`The ${a.acknowledgementCode} quantity must be greater than zero.`,
			);
			continue;
		}
		if (a.acknowledgementCode === 'Accepted') event.acceptedEaches += eaches;
		else if (a.acknowledgementCode === 'Backordered') event.backorderedEaches += eaches;
		else event.rejectedEaches += eaches;
		if (a.rejectionReason) event.rejectionReason = a.rejectionReason;
		if (a.scheduledShipDate) event.scheduledShipDate = a.scheduledShipDate;
		if (a.scheduledDeliveryDate) event.scheduledDeliveryDate = a.scheduledDeliveryDate;
	}
	return event;
}

/**
 * Eaches accepted or backordered beyond what an earlier acknowledgement left unrejected (the most
 * over any of them), or 0.
 */
function beyondRejected(
	event: PendingLineEvent,
	earlier: PendingLineEvent[],
	ordered: number,
): number {
	const taken = event.acceptedEaches + event.backorderedEaches;
	let beyond = 0;
	for (const e of earlier) {
		if (e.rejectedEaches === 0) continue;
		const limit = Math.max(e.acceptedEaches + e.backorderedEaches, ordered - e.rejectedEaches);
		beyond = Math.max(beyond, taken - limit);
	}
	return beyond;
}

/** Backorder allowed, Rejected final, no more than ordered. */
function checkQuantities(
	event: PendingLineEvent,
	codes: string[],
	line: OrderItem,
	earlier: PendingLineEvent[],
	check: AckCheck,
): void {
	if (codes.includes('Backordered') && !line.isBackOrderAllowed)
		push(
			check,
			'BACKORDER_NOT_ALLOWED',
			'Backordered is not allowed for this line (isBackOrderAllowed is false).',
		);
	const ordered = orderedEaches(line);
	const takes = codes.includes('Accepted') || codes.includes('Backordered');
	if (takes && earlier.some((e) => e.acceptedEaches + e.backorderedEaches === 0)) {
		push(
			check,
			'REJECTED_ITEM_CANNOT_BE_ACCEPTED',
			'The line was rejected earlier and cannot be acknowledged as Accepted or Backordered.',
		);
	} else if (takes) {
		const beyond = beyondRejected(event, earlier, ordered);
		if (beyond > 0)
			push(
				check,
				'REJECTED_QUANTITY_CANNOT_BE_ACCEPTED',
				`${beyond} eaches of the line were rejected earlier and cannot be acknowledged as Accepted or ` +
					'Backordered; rejected quantity is final.',
			);
	}
	const total = event.acceptedEaches + event.backorderedEaches + event.rejectedEaches;
	if (total > ordered) {
		push(
			check,
			'ACKNOWLEDGED_QUANTITY_EXCEEDS_ORDERED',
			`Acknowledged ${total} eaches, more than the ordered ${describeQuantity(line.orderedQuantity)}.`,
		);
	}
}

/** Lines never acknowledged and left out: implicitly rejected (cancelled lines aside). */
function implicitRejections(
	ack: OrderAcknowledgement,
	items: OrderItem[],
	seen: Set<string>,
	record: PurchaseOrderRecord,
	batch: Map<string, PendingLineEvent[]>,
	effect: AcknowledgementEffect,
): void {
	for (const line of items) {
		const seq = line.itemSequenceNumber;
		if (seen.has(seq) || orderedEaches(line) === 0 || hasAcknowledgement(record, seq, batch))
			continue;
		effect.implicitlyRejected.push(seq);
		effect.lines.push({
			itemSequenceNumber: seq,
			event: {
				acknowledgementDate: ack.acknowledgementDate,
				source: 'implicitRejection',
				acceptedEaches: 0,
				backorderedEaches: 0,
				rejectedEaches: orderedEaches(line),
			},
		});
	}
}

/** The checks of one acknowledgement; its line events go to `effect`. */
function evaluateOne(
	ack: OrderAcknowledgement,
	record: PurchaseOrderRecord,
	items: OrderItem[],
	errors: AmazonError[],
	batch: Map<string, PendingLineEvent[]>,
): AcknowledgementEffect {
	const po = ack.purchaseOrderNumber;
	const effect: AcknowledgementEffect = {
		purchaseOrderNumber: po,
		lines: [],
		implicitlyRejected: [],
	};
	const seen = new Set<string>();
	for (const item of ack.items) {
		const line = findLine(items, item);
		if (!line) {
			errors.push({
				code: 'INVALID_ITEM',
				message: `The purchase order has no line for ${describeItem(item)}.`,
				details: `purchaseOrderNumber ${po}`,
			});
			continue;
		}
		const seq = line.itemSequenceNumber;
		const check: AckCheck = {
			errors,
			where: `purchaseOrderNumber ${po}, itemSequenceNumber ${seq}`,
		};
		if (seen.has(seq)) {
			push(check, 'DUPLICATE_ITEM', `Line ${seq} is acknowledged more than once.`);
			continue;
		}
		seen.add(seq);
		checkIdentifiers(item, line, check);
		checkCost(item, line, check);
		const event = lineEvent(ack, item, line, check);
		const codes = item.itemAcknowledgements.map((a) => a.acknowledgementCode);
		checkQuantities(event, codes, line, earlierEvents(record, seq, batch), check);
		effect.lines.push({ itemSequenceNumber: seq, event });
	}
	implicitRejections(ack, items, seen, record, batch, effect);
	return effect;
}

export function evaluateAcknowledgements(
	acknowledgements: OrderAcknowledgement[],
	lookup: (purchaseOrderNumber: string) => PurchaseOrderRecord | undefined,
): AcknowledgementEvaluation {
	const errors: AmazonError[] = [];
	const effects: AcknowledgementEffect[] = [];
	// Line events of earlier acknowledgements in the same request, so they see each other.
	const batch = new Map<string, PendingLineEvent[]>();
	for (const ack of acknowledgements) {
		const before = errors.length;
		const record = lookup(ack.purchaseOrderNumber);
		const details = checkOrder(ack, record, {
			errors,
			where: `purchaseOrderNumber ${ack.purchaseOrderNumber}`,
		});
		if (!record || !details) continue;
		const effect = evaluateOne(ack, record, details.items, errors, batch);
		if (errors.length === before) {
			for (const { itemSequenceNumber, event } of effect.lines) {
				const key = batchKey(record, itemSequenceNumber);
				batch.set(key, [...(batch.get(key) ?? []), event]);
			}
		}
		effects.push(effect);
	}
	return { errors, effects };
}
