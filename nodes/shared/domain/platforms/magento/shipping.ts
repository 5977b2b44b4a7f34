/**
 * Shipping from Magento 2: which orders of the Amazon customer have a shipment waiting for its ASN
 * or its invoice, the purchase orders Build ASN and Build Invoice read (Amazon's purchase order,
 * its acknowledged quantities from Get PO Status, the SKUs from the ASIN mapping), what earlier
 * ASNs shipped, and the order comments that keep what was sent (`AVC-ASN {...}`,
 * `AVC-INVOICE {...}`). Pure: no n8n imports.
 */
import { InvalidInputError } from '../../inputError';
import { isObject, type Json } from '../../values';
import { magentoDateTime } from './orders';
import {
	asnComment,
	invoiceComment,
	markedRecords,
	shipmentsWithoutAsn,
	type MagentoShipment,
} from './shipments';

/**
 * A `searchCriteria` query string: one filter group per filter (AND between groups), sorted by
 * entity id, oldest first.
 */
export function searchQuery(
	filters: Array<[field: string, value: string, condition: string]>,
): string {
	const groups = filters.flatMap(([field, value, condition], g) => {
		const at = `searchCriteria[filterGroups][${g}][filters][0]`;
		return [
			`${at}[field]=${field}`,
			`${at}[value]=${encodeURIComponent(value)}`,
			`${at}[conditionType]=${condition}`,
		];
	});
	const sort = 'searchCriteria[sortOrders][0]';
	return [...groups, `${sort}[field]=entity_id`, `${sort}[direction]=ASC`].join('&');
}

/** `GET /V1/orders` for one customer's orders updated at or after an instant, oldest first. */
export function updatedOrdersQuery(customerId: number, updatedFromMs: number): string {
	return searchQuery([
		['customer_id', String(customerId), 'eq'],
		['updated_at', magentoDateTime(updatedFromMs), 'gteq'],
	]);
}

/** The orders of an order search answer; an answer without `items`, or one page of them, is an error. */
export function ordersOfAnswer(answer: unknown): Json[] {
	const items = isObject(answer) ? answer.items : undefined;
	if (!Array.isArray(items)) {
		const text = JSON.stringify(answer ?? null).slice(0, 300);
		throw new InvalidInputError(`Magento's order search answered no items list: ${text}`, 'items');
	}
	const total = Number((answer as Json).total_count ?? items.length);
	if (total > items.length) {
		const held = `${items.length} of ${total} orders`;
		throw new InvalidInputError(
			`Magento's order search answered one page (${held}): shorten the look-back`,
			'total_count',
		);
	}
	return items.filter(isObject);
}

/** The purchase order number of an order (its payment's `po_number`), trimmed; empty when none. */
export function poNumberOf(order: unknown): string {
	const payment = isObject(order) && isObject(order.payment) ? order.payment : {};
	return String(payment.po_number ?? '').trim();
}

/** An order of a purchase order with something shipped: only those can wait for an ASN or invoice. */
export function isShippedPoOrder(order: Json): boolean {
	const items = Array.isArray(order.items) ? order.items.filter(isObject) : [];
	return poNumberOf(order) !== '' && items.some((i) => Number(i.qty_shipped ?? 0) > 0);
}

/** The `AVC-ASN` records of an order whose shipment has no `AVC-INVOICE` record yet. */
export function asnsWithoutInvoice(order: unknown): Json[] {
	const invoiced = markedRecords(order, 'AVC-INVOICE').map((r) => String(r.shipment));
	return markedRecords(order, 'AVC-ASN').filter((a) => !invoiced.includes(String(a.shipment)));
}

/** What an order still waits for: the shipments without an ASN and the ASNs without an invoice. */
export function waitingOf(order: Json, shipments: MagentoShipment[]) {
	return {
		newShipments: shipmentsWithoutAsn(order, shipments).length,
		asnsToInvoice: asnsWithoutInvoice(order).length,
	};
}

/** What earlier ASNs of the order shipped per PO line (the lines of its `AVC-ASN` records). */
export function alreadyShippedOf(order: unknown): Json[] {
	return markedRecords(order, 'AVC-ASN').flatMap((r) =>
		Array.isArray(r.lines) ? r.lines.filter(isObject) : [],
	);
}

function mappingRowOf(item: Json, mapping: Json[]): Json | undefined {
	return (
		mapping.find((r) => r.asin && r.asin === item.amazonProductIdentifier) ??
		mapping.find(
			(r) =>
				r.vendorProductIdentifier && r.vendorProductIdentifier === item.vendorProductIdentifier,
		)
	);
}

/**
 * The acknowledgement Amazon holds, from Get PO Status's answer for the purchase order: each
 * item's accepted quantity as one Accepted loop. None when the status is of another purchase
 * order (or was not read).
 */
export function acknowledgementFromStatus(purchaseOrder: Json, status: unknown): Json | undefined {
	const number = purchaseOrder.purchaseOrderNumber;
	if (!isObject(status) || typeof number !== 'string' || status.purchaseOrderNumber !== number) {
		return undefined;
	}
	const items = Array.isArray(status.itemStatus) ? status.itemStatus.filter(isObject) : [];
	return {
		purchaseOrderNumber: purchaseOrder.purchaseOrderNumber,
		sellingParty: purchaseOrder.sellingParty,
		items: items.map((s) => {
			const ack = isObject(s.acknowledgementStatus) ? s.acknowledgementStatus : {};
			return {
				itemSequenceNumber: s.itemSequenceNumber,
				amazonProductIdentifier: s.buyerProductIdentifier,
				vendorProductIdentifier: s.vendorProductIdentifier,
				netCost: s.netCost,
				itemAcknowledgements: [
					{
						acknowledgementCode: 'Accepted',
						acknowledgedQuantity: ack.acceptedQuantity ?? {
							amount: 0,
							unitOfMeasure: 'Eaches',
							unitSize: 1,
						},
					},
				],
			};
		}),
	};
}

/**
 * Build ASN's and Build Invoice's `purchaseOrders` from Amazon's purchase order (Get Purchase
 * Order, canonical shape), its status (Get PO Status) and the ASIN mapping rows: each PO line with
 * its SKU (`mapped`), or `reject` with no SKU when no row maps it. A purchase order that could not
 * be read is passed on as it is, so that Build ASN names the problem.
 */
export function purchaseOrdersFromAmazon(
	purchaseOrder: unknown,
	status: unknown,
	mapping: unknown[],
): Json[] {
	const po = isObject(purchaseOrder) ? purchaseOrder : {};
	const rows = mapping.filter(isObject);
	const items = Array.isArray(po.items) ? po.items.filter(isObject) : [];
	const lines = items.map((it) => {
		const row = mappingRowOf(it, rows);
		const quantity = isObject(it.orderedQuantity) ? it.orderedQuantity : {};
		return {
			itemSequenceNumber: it.itemSequenceNumber,
			status: row?.sku ? 'mapped' : 'reject',
			sku: row?.sku ?? '',
			unitOfMeasure: quantity.unitOfMeasure ?? 'Eaches',
			unitSize: quantity.unitSize ?? 1,
			orderedAmount: quantity.amount ?? 0,
		};
	});
	return [{ purchaseOrder, lines, acknowledgement: acknowledgementFromStatus(po, status) }];
}

/** A shipment's number on its order: 1, 2... by creation (entity id); 0 when it is not there. */
export function shipmentIndexOf(shipments: MagentoShipment[], incrementId: string): number {
	const sorted = shipments.slice().sort((a, b) => Number(a.entity_id) - Number(b.entity_id));
	return sorted.findIndex((s) => String(s.increment_id) === incrementId) + 1;
}

export interface InvoiceToSend {
	magentoShipmentId: string;
	shipmentIndex: number;
	shipmentIdentifier: string;
	invoiceNumber: string;
	shippedLines: Json[];
}

/** One invoice per `AVC-ASN` record without an invoice: number = prefix + order number + shipment index. */
export function invoicesOf(order: Json, invoicePrefix: string): InvoiceToSend[] {
	const orderNumber = String(order.increment_id ?? '');
	return asnsWithoutInvoice(order).map((a) => ({
		magentoShipmentId: String(a.shipment),
		shipmentIndex: Number(a.index),
		shipmentIdentifier: String(a.asn ?? ''),
		invoiceNumber: `${invoicePrefix}${orderNumber}-${String(a.index)}`,
		shippedLines: Array.isArray(a.lines) ? a.lines.filter(isObject) : [],
	}));
}

export interface AsnRecordInput {
	magentoShipmentId: string;
	shipmentIndex: number;
	shipmentIdentifier: string;
	purchaseOrderNumber: string;
	shippedLines: Json[];
	transactionId?: string;
}

/**
 * The order comment after Amazon accepted an ASN: a sentence, then `AVC-ASN` with the shipment,
 * its index, the ASN id, the PO and what each PO line shipped (the record the next runs read).
 */
export function asnRecordComment(input: AsnRecordInput): string {
	const lines = input.shippedLines.map((l) => ({
		purchaseOrderNumber: l.purchaseOrderNumber,
		itemSequenceNumber: l.itemSequenceNumber,
		shippedQuantity: l.shippedQuantity,
	}));
	const text =
		`Amazon accepted ASN ${input.shipmentIdentifier} for shipment ${input.magentoShipmentId} ` +
		`(PO ${input.purchaseOrderNumber}, transaction ${input.transactionId || '?'}).`;
	return asnComment(text, {
		shipment: input.magentoShipmentId,
		index: input.shipmentIndex,
		asn: input.shipmentIdentifier,
		po: input.purchaseOrderNumber,
		lines,
	});
}

/** The order comment after Amazon accepted an invoice: `AVC-INVOICE` with shipment, ASN and number. */
export function invoiceRecordComment(
	magentoShipmentId: string,
	shipmentIdentifier: string,
	invoiceNumber: string,
	purchaseOrderNumber: string,
): string {
	const text =
		`Amazon accepted invoice ${invoiceNumber} for ASN ${shipmentIdentifier} ` +
		`(shipment ${magentoShipmentId}, PO ${purchaseOrderNumber}).`;
	return invoiceComment(text, {
		shipment: magentoShipmentId,
		asn: shipmentIdentifier,
		invoice: invoiceNumber,
	});
}

/** The `AVC-ASN` record of a shipment on the order, if one was written. */
export function asnRecordOf(order: unknown, magentoShipmentId: string): Json | undefined {
	return markedRecords(order, 'AVC-ASN').find((r) => String(r.shipment) === magentoShipmentId);
}

/** Whether the order already has an `AVC-INVOICE` record for the shipment. */
export function hasInvoiceRecord(order: unknown, magentoShipmentId: string): boolean {
	return markedRecords(order, 'AVC-INVOICE').some((r) => String(r.shipment) === magentoShipmentId);
}
