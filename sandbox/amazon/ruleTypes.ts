/**
 * What the document rules (shipments.ts, invoices.ts) need to know about the simulator's records,
 * and what they hand back for the server to record.
 *
 * The rules are pure functions: `check…(body, view)` reads the records through an
 * `AmazonRecordsView` and returns `{ errors, effects }`. The server records the effects only when
 * `errors` is empty and the document's transaction ends in Success (a document with any error fails
 * as a whole, like Amazon's transactions; the rules then return empty effects).
 *
 * Timing: run the check when the transaction settles, so that documents settled before it are
 * visible through the view; or run it at POST time and record the effects at once (rolling them
 * back if a fault forces the transaction to fail).
 */
import type { AmazonError, Order } from './types';

export type { AmazonError };

export type Region = 'na' | 'eu' | 'fe';

export interface RuleResult<E> {
	errors: AmazonError[];
	/** What to record on Success; empty when there are errors. */
	effects: E;
}

/** Money as the vendor models write it (Decimal strings). */
export interface MoneyView {
	currencyCode?: string;
	amount?: string;
	unitOfMeasure?: string;
}

/** One line of a purchase order, as the rules need it. */
export interface PurchaseOrderLineView {
	/** The PO line's itemSequenceNumber ("1", "2"… in the orders model); the key of all per-line records. */
	itemSequenceNumber: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	/** Current ordered quantity in eaches (after Amazon's changes; 0 when cancelled). */
	orderedEaches: number;
	/**
	 * Eaches the vendor confirmed in its current acknowledgement: Accepted plus Backordered (both
	 * are promises to ship). Shipping more than this is an overage.
	 */
	acceptedEaches: number;
	/** The netCost of the current acknowledgement of the line, when it gave one. */
	acknowledgedNetCost?: MoneyView;
	/** The PO line's netCost (used when the acknowledgement has none). */
	netCost?: MoneyView;
}

export interface PurchaseOrderView {
	purchaseOrderNumber: string;
	/** The official Order JSON (getPurchaseOrder's payload). */
	order: Order;
	/** True once an acknowledgement of the PO was recorded (transaction succeeded, or seeded as Acknowledged/Closed). */
	acknowledged: boolean;
	lines: PurchaseOrderLineView[];
}

/** Where an SSCC was used before. */
export interface SsccUse {
	sscc: string;
	/** An ASN (SubmitShipmentConfirmations) or a transport request (SubmitShipments). */
	documentType: 'shipmentConfirmation' | 'shipment';
	/** shipmentIdentifier or vendorShipmentIdentifier. */
	documentId: string;
	sellingPartyId: string;
	/** ISO date-time when the document was received. */
	usedAt: string;
}

/** Eaches of one PO line carried by one document. */
export interface LineQuantity {
	purchaseOrderNumber: string;
	/** The PO line's itemSequenceNumber. */
	itemSequenceNumber: string;
	eaches: number;
}

/**
 * An accepted ASN, as the server stores it (effects.asns of checkShipmentConfirmations). A Replace
 * supersedes the stored record with the same shipmentIdentifier and sellingPartyId.
 */
export interface AsnRecord {
	shipmentIdentifier: string;
	sellingPartyId: string;
	confirmationType: 'Original' | 'Replace';
	/** ISO date-time this version was received. */
	receivedAt: string;
	/** ISO date-time the Original was received (the 7-day Replace window runs from it). */
	originalReceivedAt: string;
	shippedDate?: string;
	/** Every SSCC (the 20-character "00…" value) of its cartons and pallets. */
	ssccs: string[];
	/** Shipped eaches per PO line. */
	lines: LineQuantity[];
	cartonCount: number;
	palletCount: number;
	/** The ShipmentConfirmation as submitted. */
	confirmation: unknown;
}

export interface StoredShipmentConfirmation {
	/** The current version (the last Replace, or the Original). */
	record: AsnRecord;
	/** The goods reached the FC (receipts were recorded against the ASN); no Replace after that. */
	delivered: boolean;
}

/** Shipped more than confirmed on a PO line: Amazon charges this back later. */
export interface OverageRecord {
	purchaseOrderNumber: string;
	itemSequenceNumber: string;
	shipmentIdentifier: string;
	sellingPartyId: string;
	acceptedEaches: number;
	/** Shipped on earlier ASNs (before this one). */
	previouslyShippedEaches: number;
	/** Shipped on this ASN. */
	shippedEaches: number;
	/** The part of this ASN's quantity beyond acceptedEaches. */
	overageEaches: number;
	recordedAt: string;
}

/** A transport request (SubmitShipments, transactionType New). */
export interface TransportShipmentRecord {
	vendorShipmentIdentifier: string;
	sellingPartyId: string;
	receivedAt: string;
	ssccs: string[];
	/** Eaches per PO line named in purchaseOrders[].items[] (informational; ASNs count as shipped). */
	lines: LineQuantity[];
	/** The Shipment as submitted. */
	shipment: unknown;
}

export interface StoredTransportShipment {
	record: TransportShipmentRecord;
	cancelled: boolean;
	/** currentShipmentStatus, when the server tracks it (Created by default). */
	status?: 'Created' | 'TransportationRequested' | 'CarrierAssigned' | 'Shipped';
}

/** One invoiced PO line. */
export interface InvoiceLineRecord extends LineQuantity {
	/** The invoice's own itemSequenceNumber. */
	invoiceItemSequenceNumber: number;
	/** netCost.amount exactly as submitted. */
	netCost: string;
	/** Extended amount of the line (Decimal string). */
	amount: string;
}

/** An accepted invoice or credit note (effects.invoices of checkInvoices). */
export interface InvoiceRecord {
	id: string;
	invoiceType: 'Invoice' | 'CreditNote';
	receivedAt: string;
	/** The invoice's date. */
	date: string;
	currencyCode: string;
	/** invoiceTotal.amount exactly as submitted (Decimal string: `246.00` stays `246.00`). */
	total: string;
	lines: InvoiceLineRecord[];
	/** True when this resends the id of an invoice whose transaction failed: replace that record. */
	replacesFailed: boolean;
	/** The Invoice as submitted. */
	invoice: unknown;
}

export interface StoredInvoice {
	/** Status of the transaction that carried the invoice. */
	status: 'Processing' | 'Success' | 'Failure';
	record?: InvoiceRecord;
}

/**
 * Read-only access to the simulator's records. The server implements it over its state.
 */
export interface AmazonRecordsView {
	region: Region;
	/** The sandbox clock. */
	now(): Date;
	getOrder(purchaseOrderNumber: string): PurchaseOrderView | undefined;
	/**
	 * Every ASN recorded with this shipmentIdentifier, for any selling party (their current
	 * versions), whatever their age: the rules apply the 365-day window themselves.
	 */
	findShipmentConfirmations(shipmentIdentifier: string): StoredShipmentConfirmation[];
	/**
	 * Uses of this SSCC value in recorded ASNs and (not cancelled) transport requests received at or
	 * after `since`. For a replaced ASN, only its current version counts.
	 */
	ssccUses(sscc: string, since: Date): SsccUse[];
	/** Eaches of the PO line shipped by the recorded ASNs (sum of AsnRecord.lines, current versions). */
	shippedEaches(purchaseOrderNumber: string, itemSequenceNumber: string): number;
	/** Every transport request recorded with this vendorShipmentIdentifier, for any selling party. */
	findTransportShipments(vendorShipmentIdentifier: string): StoredTransportShipment[];
	/** The invoice last submitted with this id (whatever its transaction's outcome), if any. */
	findInvoice(id: string): StoredInvoice | undefined;
	/** Eaches of the PO line on recorded invoices whose transaction did not fail (Success or Processing). */
	invoicedEaches(purchaseOrderNumber: string, itemSequenceNumber: string): number;
}

// ---- small helpers shared by the rule modules ----

export const DAY_MS = 24 * 60 * 60 * 1000;

export function invalidInput(path: string, text: string, details?: string): AmazonError {
	const error: AmazonError = { code: 'InvalidInput', message: `${path}: ${text}` };
	if (details !== undefined) error.details = details;
	return error;
}

export function trimmed(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const t = value.trim();
	return t === '' ? undefined : t;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function arrayOf(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** ISO date-time text to a Date (undefined when absent or unparsable). */
export function parseDateTime(value: unknown): Date | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? new Date(ms) : undefined;
}

export interface QuantityLike {
	amount?: unknown;
	unitOfMeasure?: unknown;
	unitSize?: unknown;
}

/**
 * Eaches of a vendor-model ItemQuantity: amount × unitSize for Cases (unitSize defaults to 1),
 * amount for Eaches. Undefined when the amount is not a non-negative integer.
 */
export function eachesOf(q: unknown): number | undefined {
	if (!isObject(q)) return undefined;
	const amount = typeof q.amount === 'string' ? Number(q.amount) : q.amount;
	if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) return undefined;
	if (q.unitOfMeasure === 'Cases') {
		const size = typeof q.unitSize === 'string' ? Number(q.unitSize) : q.unitSize;
		const unitSize = typeof size === 'number' && Number.isInteger(size) && size > 0 ? size : 1;
		return amount * unitSize;
	}
	return amount;
}

function sameSequence(a: string, b: string): boolean {
	const x = a.trim();
	const y = b.trim();
	if (x === y) return true;
	return /^\d+$/.test(x) && /^\d+$/.test(y) && Number(x) === Number(y);
}

export interface ItemIdentity {
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	/** Used only when neither product identifier is given. */
	itemSequenceNumber?: string;
}

export function describeItem(item: ItemIdentity): string {
	const parts: string[] = [];
	if (item.amazonProductIdentifier) parts.push(`ASIN '${item.amazonProductIdentifier}'`);
	if (item.vendorProductIdentifier) parts.push(`vendor product '${item.vendorProductIdentifier}'`);
	if (parts.length === 0 && item.itemSequenceNumber)
		parts.push(`item sequence '${item.itemSequenceNumber}'`);
	return parts.length ? parts.join(' / ') : 'item without identifiers';
}

/**
 * The PO line an ASN or invoice item refers to: by ASIN first, then by vendorProductIdentifier;
 * by itemSequenceNumber only when the item carries neither identifier.
 */
export function findOrderLine(
	po: PurchaseOrderView,
	item: ItemIdentity,
): PurchaseOrderLineView | undefined {
	const asin = item.amazonProductIdentifier?.trim();
	const vendorId = item.vendorProductIdentifier?.trim();
	if (asin) {
		const line = po.lines.find((l) => l.amazonProductIdentifier?.trim() === asin);
		if (line) return line;
	}
	if (vendorId) {
		const line = po.lines.find((l) => l.vendorProductIdentifier?.trim() === vendorId);
		if (line) return line;
	}
	if (!asin && !vendorId && item.itemSequenceNumber) {
		const seq = item.itemSequenceNumber;
		return po.lines.find((l) => sameSequence(l.itemSequenceNumber, seq));
	}
	return undefined;
}

/**
 * Every line of the purchase order that an item names, in line order: the lines with its ASIN, else
 * those with its vendor product identifier, else (when it names neither) the line with its
 * itemSequenceNumber. A SKU may be on several lines of one PO; ASN and invoice items carry no PO line.
 */
export function findOrderLines(po: PurchaseOrderView, item: ItemIdentity): PurchaseOrderLineView[] {
	const asin = item.amazonProductIdentifier?.trim();
	const vendorId = item.vendorProductIdentifier?.trim();
	if (asin) {
		const lines = po.lines.filter((l) => l.amazonProductIdentifier?.trim() === asin);
		if (lines.length) return lines;
	}
	if (vendorId) {
		const lines = po.lines.filter((l) => l.vendorProductIdentifier?.trim() === vendorId);
		if (lines.length) return lines;
	}
	const one = findOrderLine(po, item);
	return one ? [one] : [];
}

/** Key for per-PO-line maps. */
export function lineKey(purchaseOrderNumber: string, itemSequenceNumber: string): string {
	return `${purchaseOrderNumber}\u0000${itemSequenceNumber}`;
}
