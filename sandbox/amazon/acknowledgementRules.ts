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
 *
 * Lines the acknowledgement leaves out are implicitly rejected when they have never been
 * acknowledged (Amazon: "missing lines are rejected"); a line acknowledged before keeps its
 * acknowledgement, since a single-line update is allowed. Cancelled lines (quantity 0) are not
 * rejected implicitly. A line counts as "once Rejected" when an acknowledgement accepted none
 * of it (explicitly or implicitly).
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

/** Whether the line was once rejected in full, by a recorded acknowledgement or earlier in this batch. */
function onceRejected(
	record: PurchaseOrderRecord,
	seq: string,
	batch: Map<string, PendingLineEvent[]>,
): boolean {
	const recorded = record.lines[seq]?.acknowledgements ?? [];
	const pending = batch.get(`${record.order.purchaseOrderNumber}\u0000${seq}`) ?? [];
	return [...recorded, ...pending].some((e) => e.acceptedEaches + e.backorderedEaches === 0);
}

function hasAcknowledgement(
	record: PurchaseOrderRecord,
	seq: string,
	batch: Map<string, PendingLineEvent[]>,
): boolean {
	return (
		(record.lines[seq]?.acknowledgements.length ?? 0) > 0 ||
		batch.has(`${record.order.purchaseOrderNumber}\u0000${seq}`)
	);
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
		const po = ack.purchaseOrderNumber;
		const at = (details: string) => `purchaseOrderNumber ${po}${details ? `, ${details}` : ''}`;
		const record = lookup(po);
		if (!record || !record.order.orderDetails) {
			errors.push({ code: 'INVALID_ORDER_ID', message: 'Invalid order ID.', details: at('') });
			continue;
		}
		const before = errors.length;
		const details = record.order.orderDetails;
		if (record.order.purchaseOrderState === 'Closed') {
			errors.push({
				code: 'PO_CLOSED',
				message: 'The purchase order is closed and can no longer be acknowledged.',
				details: at(''),
			});
		}
		const vendor = details.sellingParty?.partyId;
		if (vendor !== undefined && ack.sellingParty.partyId !== vendor) {
			errors.push({
				code: 'SELLING_PARTY_MISMATCH',
				message: `sellingParty ${ack.sellingParty.partyId} does not match the purchase order's vendor code ${vendor}.`,
				details: at(''),
			});
		}

		const effect: AcknowledgementEffect = {
			purchaseOrderNumber: po,
			lines: [],
			implicitlyRejected: [],
		};
		const seen = new Set<string>();
		for (const item of ack.items) {
			const line = findLine(details.items, item);
			if (!line) {
				errors.push({
					code: 'INVALID_ITEM',
					message: `The purchase order has no line for ${describeItem(item)}.`,
					details: at(''),
				});
				continue;
			}
			const seq = line.itemSequenceNumber;
			const where = at(`itemSequenceNumber ${seq}`);
			if (seen.has(seq)) {
				errors.push({
					code: 'DUPLICATE_ITEM',
					message: `Line ${seq} is acknowledged more than once.`,
					details: where,
				});
				continue;
			}
			seen.add(seq);

			const codes = item.itemAcknowledgements.map((a) => a.acknowledgementCode);
			const echoesInvalidIdentifier = item.itemAcknowledgements.some(
				(a) =>
					a.acknowledgementCode === 'Rejected' && a.rejectionReason === 'InvalidProductIdentifier',
			);
			for (const field of ['amazonProductIdentifier', 'vendorProductIdentifier'] as const) {
				if (
					!echoesInvalidIdentifier &&
					item[field] !== undefined &&
					line[field] !== undefined &&
					item[field] !== line[field]
				) {
					errors.push({
						code: 'PRODUCT_IDENTIFIER_MISMATCH',
						message: `${field} ${item[field]} is not the purchase order's ${line[field]}.`,
						details: where,
					});
				}
			}

			// Cost: required, positive, in the PO's currency, not above the PO cost.
			const cost = D.parseDecimal(item.netCost?.amount);
			if (!item.netCost || item.netCost.amount === undefined) {
				errors.push({
					code: 'MISSING_NET_COST',
					message: 'netCost is required, also for backordered and rejected lines.',
					details: where,
				});
			} else if (cost === undefined || D.sign(cost) <= 0) {
				errors.push({
					code: 'INVALID_NET_COST',
					message: `netCost ${item.netCost.amount} must be a positive decimal.`,
					details: where,
				});
			} else if (line.netCost?.amount !== undefined) {
				const poCost = D.parseDecimal(line.netCost.amount);
				const currency = item.netCost.currencyCode;
				if (
					currency !== undefined &&
					line.netCost.currencyCode !== undefined &&
					currency !== line.netCost.currencyCode
				) {
					errors.push({
						code: 'CURRENCY_MISMATCH',
						message: `netCost currency ${currency} is not the purchase order's ${line.netCost.currencyCode}.`,
						details: where,
					});
				} else if (poCost !== undefined && D.cmp(cost, poCost) > 0) {
					errors.push({
						code: 'NET_COST_ABOVE_PO_COST',
						message: `netCost ${item.netCost.amount} is higher than the purchase order cost ${line.netCost.amount}.`,
						details: where,
					});
				}
			}

			// Quantities, compared in eaches.
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
					errors.push({
						code: 'INVALID_ACKNOWLEDGED_QUANTITY',
						message: `The ${a.acknowledgementCode} quantity must be greater than zero.`,
						details: where,
					});
					continue;
				}
				if (a.acknowledgementCode === 'Accepted') event.acceptedEaches += eaches;
				else if (a.acknowledgementCode === 'Backordered') event.backorderedEaches += eaches;
				else event.rejectedEaches += eaches;
				if (a.rejectionReason) event.rejectionReason = a.rejectionReason;
				if (a.scheduledShipDate) event.scheduledShipDate = a.scheduledShipDate;
				if (a.scheduledDeliveryDate) event.scheduledDeliveryDate = a.scheduledDeliveryDate;
			}
			if (codes.includes('Backordered') && !line.isBackOrderAllowed) {
				errors.push({
					code: 'BACKORDER_NOT_ALLOWED',
					message: 'Backordered is not allowed for this line (isBackOrderAllowed is false).',
					details: where,
				});
			}
			if (
				(codes.includes('Accepted') || codes.includes('Backordered')) &&
				onceRejected(record, seq, batch)
			) {
				errors.push({
					code: 'REJECTED_ITEM_CANNOT_BE_ACCEPTED',
					message:
						'The line was rejected earlier and cannot be acknowledged as Accepted or Backordered.',
					details: where,
				});
			}
			const total = event.acceptedEaches + event.backorderedEaches + event.rejectedEaches;
			const ordered = orderedEaches(line);
			if (total > ordered) {
				errors.push({
					code: 'ACKNOWLEDGED_QUANTITY_EXCEEDS_ORDERED',
					message: `Acknowledged ${total} eaches, more than the ordered ${describeQuantity(line.orderedQuantity)}.`,
					details: where,
				});
			}
			effect.lines.push({ itemSequenceNumber: seq, event });
		}

		for (const line of details.items) {
			if (seen.has(line.itemSequenceNumber)) continue;
			if (orderedEaches(line) === 0 || hasAcknowledgement(record, line.itemSequenceNumber, batch))
				continue;
			effect.implicitlyRejected.push(line.itemSequenceNumber);
			effect.lines.push({
				itemSequenceNumber: line.itemSequenceNumber,
				event: {
					acknowledgementDate: ack.acknowledgementDate,
					source: 'implicitRejection',
					acceptedEaches: 0,
					backorderedEaches: 0,
					rejectedEaches: orderedEaches(line),
				},
			});
		}

		if (errors.length === before) {
			for (const { itemSequenceNumber, event } of effect.lines) {
				const key = `${po}\u0000${itemSequenceNumber}`;
				batch.set(key, [...(batch.get(key) ?? []), event]);
			}
		}
		effects.push(effect);
	}
	return { errors, effects };
}
