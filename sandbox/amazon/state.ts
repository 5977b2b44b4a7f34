/**
 * Everything the Amazon simulator holds. Purchase orders are kept in the official Order shape
 * (what getPurchaseOrder returns) plus, per line, what happened to it: quantity changes,
 * acknowledgements and receipts, from which getPurchaseOrdersStatus is derived.
 */
import type { CappedLine } from './availability';
import type {
	AmazonError,
	ItemQuantity,
	Money,
	Order,
	OrderAcknowledgement,
	OrderItem,
} from './types';
import { orderedEaches } from './quantities';
import type { Payment } from './remittance';
import type {
	InvoiceRecord,
	OverageRecord,
	Region,
	StoredShipmentConfirmation,
	StoredTransportShipment,
} from './ruleTypes';

export interface LwaApp {
	clientId: string;
	clientSecret: string;
	refreshToken: string;
}

export const DEFAULT_APP: LwaApp = {
	clientId: 'amzn1.application-oa2-client.sandbox0000000000000000000000',
	clientSecret: 'amzn1.oa2-cs.v1.sandbox-client-secret',
	refreshToken: 'Atzr|IwEBIsandbox-refresh-token',
};

export const DEFAULT_VENDOR_CODE = 'API01';

/** One acknowledgement of one line, as recorded when its transaction succeeded. */
export interface LineAckEvent {
	/** The vendor's acknowledgementDate. */
	acknowledgementDate: string;
	/** When the simulator recorded it (transaction settlement, or the seed). */
	recordedAt: string;
	transactionId?: string;
	source: 'acknowledgement' | 'implicitRejection' | 'seed';
	acceptedEaches: number;
	backorderedEaches: number;
	/** Explicitly Rejected quantity (the rest of the ordered quantity counts as rejected too). */
	rejectedEaches: number;
	rejectionReason?: string;
	scheduledShipDate?: string;
	scheduledDeliveryDate?: string;
	netCost?: Money;
}

export interface QuantityChange {
	updatedDate: string;
	/** Quantity added (the first entry is the original order). */
	orderedQuantity?: ItemQuantity;
	/** Quantity cancelled. */
	cancelledQuantity?: ItemQuantity;
}

export interface Receipt {
	receivedAt: string;
	eaches: number;
}

export interface LineState {
	itemSequenceNumber: string;
	/** Oldest first. */
	quantityHistory: QuantityChange[];
	/** Oldest first; the last one is the line's current acknowledgement (an update replaces the earlier one). */
	acknowledgements: LineAckEvent[];
	receipts: Receipt[];
}

export interface PurchaseOrderRecord {
	order: Order;
	/** Keyed by itemSequenceNumber. */
	lines: Record<string, LineState>;
	seededAt: string;
}

export interface AcknowledgementRecord {
	transactionId: string;
	receivedAt: string;
	purchaseOrderNumber: string;
	acknowledgement: OrderAcknowledgement;
	/** Lines the acknowledgement left out, recorded as rejected (filled in when the transaction succeeds). */
	implicitlyRejectedItems: string[];
}

export type TransactionStatus = 'Processing' | 'Success' | 'Failure';

export interface TransactionRecord {
	transactionId: string;
	/** "acknowledgement", "shipmentConfirmation", "shipment", "invoice"… */
	kind: string;
	/** The operation that created it (used to match transactionFailure faults). */
	operation: string;
	status: TransactionStatus;
	createdAt: string;
	/** Processing until this time on the sandbox clock. */
	readyAt: string;
	settledAt?: string;
	errors: AmazonError[];
	/** Purchase order numbers, shipment or invoice ids the transaction is about. */
	references: string[];
	/** A transactionFailure fault decided the outcome. */
	forcedFailure: boolean;
}

/** An invoice id as submitted: Success with its record, or Failure (then the id may be resent). */
export interface InvoiceEntry {
	id: string;
	transactionId: string;
	status: 'Success' | 'Failure';
	record?: InvoiceRecord;
}

export interface AmazonState {
	app: LwaApp;
	vendorCode: string;
	/** Marketplace region of the vendor account: decides the regional ASN and invoice rules. */
	region: Region;
	purchaseOrders: Map<string, PurchaseOrderRecord>;
	acknowledgements: AcknowledgementRecord[];
	/** Current version of each ASN (a Replace supersedes the one with the same identifier and selling party). */
	shipmentConfirmations: StoredShipmentConfirmation[];
	/** Quantities shipped beyond the accepted ones (chargeback material). */
	overages: OverageRecord[];
	/** Transport requests (SubmitShipments). */
	shipments: StoredTransportShipment[];
	invoices: InvoiceEntry[];
	/** Remittance payments, from the seed's `amazon.payments` (normalised by remittance.ts). */
	payments: Payment[];
	transactions: Map<string, TransactionRecord>;
	/** Direct Fulfillment availability per warehouse, then per item (directFulfillmentInventory.ts). */
	directFulfillmentInventory: Map<string, Map<string, DirectFulfillmentItem>>;
	/** Seeded orders whose lines the reported availability cut (availability.ts). */
	availabilityCaps: OrderCap[];
}

/** A seeded order whose lines the reported availability cut; `created` false when no line was left. */
export interface OrderCap {
	purchaseOrderNumber: string;
	created: boolean;
	lines: CappedLine[];
}

/** Amazon's view of one Direct Fulfillment item of a warehouse, after the last update. */
export interface DirectFulfillmentItem {
	buyerProductIdentifier?: string;
	vendorProductIdentifier?: string;
	availableQuantity: { amount: number; unitOfMeasure: string };
	isObsolete: boolean;
	/** The update that set it; `fullUpdate` when a full feed set it to 0 by leaving it out. */
	transactionId: string;
	setBy: 'item' | 'fullUpdate';
	updatedAt: string;
}

export function createAmazonState(): AmazonState {
	return {
		app: { ...DEFAULT_APP },
		vendorCode: DEFAULT_VENDOR_CODE,
		region: 'na',
		purchaseOrders: new Map(),
		acknowledgements: [],
		shipmentConfirmations: [],
		overages: [],
		shipments: [],
		invoices: [],
		payments: [],
		transactions: new Map(),
		directFulfillmentInventory: new Map(),
		availabilityCaps: [],
	};
}

/** Empties the state in place (objects holding a reference to it stay valid). */
export function clearAmazonState(state: AmazonState): void {
	const fresh = createAmazonState();
	Object.assign(state, fresh);
}

export function newLine(item: OrderItem, since: string): LineState {
	return {
		itemSequenceNumber: item.itemSequenceNumber,
		quantityHistory: [{ updatedDate: since, orderedQuantity: { ...item.orderedQuantity } }],
		acknowledgements: [],
		receipts: [],
	};
}

/**
 * A record for a seeded order. A seed in state Acknowledged gets a synthetic full acceptance of
 * every line at purchaseOrderStateChangedDate, so that getPurchaseOrdersStatus agrees with it.
 */
export function createPurchaseOrderRecord(order: Order, seededAt: string): PurchaseOrderRecord {
	const details = order.orderDetails;
	const lines: Record<string, LineState> = {};
	if (details) {
		for (const item of details.items) {
			const line = newLine(item, details.purchaseOrderDate);
			if (order.purchaseOrderState === 'Acknowledged') {
				line.acknowledgements.push({
					acknowledgementDate: details.purchaseOrderStateChangedDate,
					recordedAt: details.purchaseOrderStateChangedDate,
					source: 'seed',
					acceptedEaches: orderedEaches(item),
					backorderedEaches: 0,
					rejectedEaches: 0,
				});
			}
			lines[item.itemSequenceNumber] = line;
		}
	}
	return { order, lines, seededAt };
}

/** The line state for an item, created on first use (for lines added after seeding). */
export function lineState(record: PurchaseOrderRecord, item: OrderItem): LineState {
	let line = record.lines[item.itemSequenceNumber];
	if (!line) {
		line = newLine(item, record.order.orderDetails?.purchaseOrderDate ?? record.seededAt);
		record.lines[item.itemSequenceNumber] = line;
	}
	return line;
}
