/**
 * Amazon-side events the control API can play on a purchase order: a change (new quantities,
 * cancelled or added lines, new windows, ship-to or cost), which sets purchaseOrderChangedDate as
 * Amazon does and appends to each line's quantity history; and receipts at the fulfilment centre,
 * which drive receivingStatus and close the order once everything expected has arrived.
 */
import { ControlError } from '../controlError';
import { isFullyReceived } from './ordersStatus';
import { inLineUnit, orderedEaches, toEaches } from './quantities';
import type { AmazonSimulator } from './simulator';
import { lineState, newLine, type PurchaseOrderRecord } from './state';
import type { ItemQuantity, Order, OrderDetails, OrderItem } from './types';

/** Order details Amazon may replace in a change. */
const REPLACEABLE = [
	'shipWindow',
	'deliveryWindow',
	'shipToParty',
	'billToParty',
	'buyingParty',
	'purchaseOrderType',
	'paymentMethod',
	'dealCode',
	'importDetails',
] as const;

export type ItemChange = Partial<OrderItem> & { itemSequenceNumber: string };

export interface PurchaseOrderChange {
	/** When Amazon made the change; default now. Must be after purchaseOrderDate. */
	changedAt?: string;
	/**
	 * Lines to change, merged by itemSequenceNumber (orderedQuantity is merged too, so
	 * { amount: 4 } keeps the unit). A number that is not on the order adds a line, which must then
	 * be a complete OrderItem.
	 */
	items?: ItemChange[];
	/** Lines Amazon cancels: their quantity becomes 0. */
	cancelItems?: string[];
	/** Amazon cancels the whole order: every line to 0 and the order Closed. */
	cancel?: boolean;
	shipWindow?: string;
	deliveryWindow?: string;
	shipToParty?: OrderDetails['shipToParty'];
	billToParty?: OrderDetails['billToParty'];
	buyingParty?: OrderDetails['buyingParty'];
	purchaseOrderType?: string;
	paymentMethod?: string;
	dealCode?: string;
	importDetails?: Record<string, unknown>;
}

export interface PurchaseOrderReceipt {
	/** When the fulfilment centre received the goods; default now. */
	receivedAt?: string;
	/**
	 * The ASN the goods came with: it is marked delivered (no Replace any more). Without it, every
	 * ASN carrying lines of this order is marked delivered.
	 */
	shipmentIdentifier?: string;
	/** A bare number, or a quantity without unitOfMeasure, is in the line's unit. */
	items: Array<{ itemSequenceNumber: string; quantity: ItemQuantity | number }>;
}

function requireRecord(
	sim: AmazonSimulator,
	purchaseOrderNumber: string,
): PurchaseOrderRecord & { order: Order & { orderDetails: OrderDetails } } {
	const record = sim.state.purchaseOrders.get(purchaseOrderNumber);
	if (!record)
		throw new ControlError(404, `Purchase order ${purchaseOrderNumber} is not in the sandbox.`);
	if (!record.order.orderDetails)
		throw new ControlError(409, `Purchase order ${purchaseOrderNumber} has no orderDetails.`);
	return record as PurchaseOrderRecord & { order: Order & { orderDetails: OrderDetails } };
}

function readDate(value: string | undefined, fallback: string, name: string): string {
	if (value === undefined) return fallback;
	const ms = Date.parse(value);
	if (typeof value !== 'string' || !Number.isFinite(ms))
		throw new ControlError(400, `${name} must be an ISO-8601 date-time.`);
	return new Date(ms).toISOString();
}

export function changePurchaseOrder(
	sim: AmazonSimulator,
	purchaseOrderNumber: string,
	change: PurchaseOrderChange,
): Order {
	const record = requireRecord(sim, purchaseOrderNumber);
	if (!change || typeof change !== 'object')
		throw new ControlError(400, 'The change must be an object.');
	const changedAt = readDate(change.changedAt, sim.clock.nowIso(), 'changedAt');
	const details = record.order.orderDetails;
	if (Date.parse(changedAt) <= Date.parse(details.purchaseOrderDate)) {
		throw new ControlError(
			400,
			`changedAt ${changedAt} must be after purchaseOrderDate ${details.purchaseOrderDate}.`,
		);
	}

	const next = structuredClone(record.order) as Order & { orderDetails: OrderDetails };
	const nd = next.orderDetails;
	for (const key of REPLACEABLE) {
		if (change[key] !== undefined)
			(nd as unknown as Record<string, unknown>)[key] = structuredClone(change[key]);
	}
	const added: string[] = [];
	for (const itemChange of change.items ?? []) {
		if (!itemChange || typeof itemChange.itemSequenceNumber !== 'string') {
			throw new ControlError(400, 'Every changed item needs an itemSequenceNumber.');
		}
		const existing = nd.items.find((i) => i.itemSequenceNumber === itemChange.itemSequenceNumber);
		if (existing) {
			const { orderedQuantity, ...rest } = itemChange;
			Object.assign(existing, structuredClone(rest));
			if (orderedQuantity)
				existing.orderedQuantity = { ...existing.orderedQuantity, ...orderedQuantity };
		} else {
			nd.items.push(structuredClone(itemChange) as OrderItem);
			added.push(itemChange.itemSequenceNumber);
		}
	}
	for (const seq of change.cancelItems ?? []) {
		const item = nd.items.find((i) => i.itemSequenceNumber === seq);
		if (!item)
			throw new ControlError(400, `Line ${seq} is not on purchase order ${purchaseOrderNumber}.`);
		item.orderedQuantity = { ...item.orderedQuantity, amount: 0 };
	}
	if (change.cancel)
		for (const item of nd.items) item.orderedQuantity = { ...item.orderedQuantity, amount: 0 };
	nd.purchaseOrderChangedDate = changedAt;
	if (nd.items.every((i) => orderedEaches(i) === 0) && next.purchaseOrderState !== 'Closed') {
		next.purchaseOrderState = 'Closed';
		nd.purchaseOrderStateChangedDate = changedAt;
	}

	const errors = sim.validateModelBody('vendorOrders.json', 'Order', next);
	if (errors.length)
		throw new ControlError(
			400,
			'The changed purchase order does not match the Order model.',
			errors,
		);

	// Quantity history: what was added or cancelled on each line.
	for (const item of nd.items) {
		if (added.includes(item.itemSequenceNumber)) {
			const line = newLine(item, changedAt);
			record.lines[item.itemSequenceNumber] = line;
			continue;
		}
		const old = details.items.find(
			(i) => i.itemSequenceNumber === item.itemSequenceNumber,
		) as OrderItem;
		const line = lineState(record, old);
		const delta = orderedEaches(item) - orderedEaches(old);
		if (delta > 0)
			line.quantityHistory.push({
				updatedDate: changedAt,
				orderedQuantity: inLineUnit(delta, item.orderedQuantity),
			});
		if (delta < 0)
			line.quantityHistory.push({
				updatedDate: changedAt,
				cancelledQuantity: inLineUnit(-delta, item.orderedQuantity),
			});
	}
	record.order = next;
	return structuredClone(next);
}

export function receivePurchaseOrder(
	sim: AmazonSimulator,
	purchaseOrderNumber: string,
	receipt: PurchaseOrderReceipt,
): void {
	const record = requireRecord(sim, purchaseOrderNumber);
	if (!receipt || !Array.isArray(receipt.items) || !receipt.items.length) {
		throw new ControlError(400, 'A receipt needs items: [{ itemSequenceNumber, quantity }].');
	}
	const receivedAt = readDate(receipt.receivedAt, sim.clock.nowIso(), 'receivedAt');
	const details = record.order.orderDetails;
	const entries = receipt.items.map((r) => {
		const item = details.items.find((i) => i.itemSequenceNumber === r?.itemSequenceNumber);
		if (!item)
			throw new ControlError(
				400,
				`Line ${String(r?.itemSequenceNumber)} is not on purchase order ${purchaseOrderNumber}.`,
			);
		const quantity = typeof r.quantity === 'number' ? { amount: r.quantity } : r.quantity;
		const eaches = toEaches(quantity, item.orderedQuantity);
		if (!Number.isInteger(eaches) || eaches <= 0)
			throw new ControlError(
				400,
				`The received quantity of line ${item.itemSequenceNumber} must be positive.`,
			);
		return { item, eaches };
	});
	for (const { item, eaches } of entries)
		lineState(record, item).receipts.push({ receivedAt, eaches });
	for (const asn of sim.state.shipmentConfirmations) {
		const carriesOrder = asn.record.lines.some(
			(l) => l.purchaseOrderNumber === purchaseOrderNumber,
		);
		if (
			receipt.shipmentIdentifier === undefined
				? carriesOrder
				: asn.record.shipmentIdentifier === receipt.shipmentIdentifier
		)
			asn.delivered = true;
	}
	if (record.order.purchaseOrderState !== 'Closed' && isFullyReceived(record)) {
		record.order.purchaseOrderState = 'Closed';
		details.purchaseOrderStateChangedDate = receivedAt;
	}
}
