/**
 * Shipping from Shopify: the Amazon orders with fulfilments, each new fulfilment as one shipment of
 * Build ASN (one carton per fulfilment line, tracking numbers, the PO snapshot's purchase order),
 * the fulfilments with an ASN and no invoice as Build Invoice's input, and the metafields that keep
 * what was sent (`asn_ids`, `shipped_lines`, `invoice_numbers`). Pure: no n8n imports.
 */
import { isObject, type Json } from '../../values';
import { metafieldJson, nodesOf, payloadOf, searchTerm, type GraphqlRequest } from './graphql';
import { purchaseOrdersOf } from './snapshot';

export const SHIPPED_ORDERS_QUERY =
	'query ShippedAmazonOrders($q: String!, $ns: String!) { orders(first: 25, sortKey: UPDATED_AT, ' +
	'reverse: true, query: $q) { nodes { id name fulfillments(first: 10) { id status } ' +
	'asnIds: metafield(namespace: $ns, key: "asn_ids") { value } ' +
	'invoiceNumbers: metafield(namespace: $ns, key: "invoice_numbers") { value } } } }';

export const ORDER_FULFILMENTS_QUERY =
	'query OrderFulfillments($id: ID!, $ns: String!) { order(id: $id) { id name poNumber ' +
	'snapshot: metafield(namespace: $ns, key: "po_snapshot") { value } ' +
	'asnIds: metafield(namespace: $ns, key: "asn_ids") { value } ' +
	'invoiceNumbers: metafield(namespace: $ns, key: "invoice_numbers") { value } ' +
	'shippedLines: metafield(namespace: $ns, key: "shipped_lines") { value } ' +
	'fulfillments(first: 10) { id name status createdAt trackingInfo(first: 20) { company number } ' +
	'fulfillmentLineItems(first: 20) { nodes { quantity lineItem { sku } } } } } }';

export interface ShippingOptions {
	orderTag: string;
	namespace: string;
	/** Orders updated since this day (yyyy-mm-dd). */
	updatedSince: string;
}

/** Orders with the tag, fulfilled or partly fulfilled, updated since the day. */
export function shippedOrdersRequest(options: ShippingOptions): GraphqlRequest {
	const base = `${searchTerm('tag', options.orderTag)} updated_at:>=${options.updatedSince}`;
	return {
		query: SHIPPED_ORDERS_QUERY,
		variables: {
			q: `${base} fulfillment_status:fulfilled OR ${base} fulfillment_status:partial`,
			ns: options.namespace,
		},
	};
}

export function orderFulfilmentsRequest(orderId: string, namespace: string): GraphqlRequest {
	return { query: ORDER_FULFILMENTS_QUERY, variables: { id: orderId, ns: namespace } };
}

type Want = 'asn' | 'invoice';

/** Orders of the list answer with a fulfilment still waiting for an ASN (or an invoice). */
export function ordersWaiting(body: unknown, want: Want): string[] {
	const payload = payloadOf(body, 'orders', 'the search for shipped Amazon orders');
	return nodesOf(payload)
		.filter((order) => {
			const asns = metafieldJson<Json>(order.asnIds, {});
			const invoices = metafieldJson<Json>(order.invoiceNumbers, {});
			const fulfilments = Array.isArray(order.fulfillments)
				? order.fulfillments.filter(isObject)
				: [];
			return fulfilments.some((f) =>
				want === 'asn'
					? f.status === 'SUCCESS' && !asns[String(f.id)]
					: asns[String(f.id)] && !invoices[String(f.id)],
			);
		})
		.map((order) => String(order.id));
}

export interface OrderFulfilments {
	orderId: string;
	orderName: string;
	purchaseOrderNumber: string;
	snapshot: Json;
	sentAsns: Record<string, string>;
	sentInvoices: Record<string, string>;
	alreadyShipped: Json[];
	/** Fulfilments oldest first, each with its 1-based index on the order. */
	fulfilments: Array<Json & { index: number }>;
}

export function readOrderFulfilments(body: unknown, orderId: string): OrderFulfilments {
	const order = payloadOf(body, 'order', `the fulfilments of order ${orderId}`);
	const all = Array.isArray(order.fulfillments) ? order.fulfillments.filter(isObject) : [];
	const fulfilments = all
		.slice()
		.sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)))
		.map((f, i) => ({ ...f, index: i + 1 }));
	return {
		orderId: String(order.id),
		orderName: String(order.name ?? ''),
		purchaseOrderNumber: String(order.poNumber ?? ''),
		snapshot: metafieldJson<Json>(order.snapshot, {}),
		sentAsns: metafieldJson<Record<string, string>>(order.asnIds, {}),
		sentInvoices: metafieldJson<Record<string, string>>(order.invoiceNumbers, {}),
		alreadyShipped: metafieldJson<Json[]>(order.shippedLines, []),
		fulfilments,
	};
}

function trackingOf(f: Json): Array<{ company: string; number: string }> {
	const list = Array.isArray(f.trackingInfo) ? f.trackingInfo.filter(isObject) : [];
	return list.map((t) => ({ company: String(t.company ?? ''), number: String(t.number ?? '') }));
}

/** Build ASN's shipment for one fulfilment: one carton per fulfilment line. */
export function shipmentOf(f: Json, po: string, shipFromPartyId: string): Json {
	const name = String(f.name ?? '');
	const tracking = trackingOf(f);
	const lines = nodesOf(f.fulfillmentLineItems).filter((l) => Number(l.quantity) > 0);
	return {
		shipmentIdentifier: name.replace(/^#/, '').replace(/[^A-Za-z0-9-]/g, '-'),
		shippedDate: f.createdAt,
		carrier: tracking[0]?.company ?? '',
		proNumber: tracking[0]?.number ?? '',
		trackingNumber: tracking[0]?.number ?? '',
		trackingNumbers: tracking.map((t) => t.number).filter(Boolean),
		shipmentType: 'SmallParcel',
		transportationMode: 'Road',
		shipFromParty: { partyId: shipFromPartyId },
		cartons: lines.map((l, i) => ({
			id: `${name}-${i + 1}`,
			contents: [
				{
					sku: isObject(l.lineItem) ? l.lineItem.sku : undefined,
					eaches: l.quantity,
					purchaseOrderNumber: po,
				},
			],
		})),
	};
}

/** One Build ASN input item per fulfilment of the order not yet sent as an ASN. */
export function newShipments(order: OrderFulfilments, shipFromPartyId: string): Json[] {
	return order.fulfilments
		.filter((f) => f.status === 'SUCCESS' && !order.sentAsns[String(f.id)])
		.map((f) => ({
			orderId: order.orderId,
			orderName: order.orderName,
			purchaseOrderNumber: order.purchaseOrderNumber,
			fulfillmentId: String(f.id),
			shipment: shipmentOf(f, order.purchaseOrderNumber, shipFromPartyId),
			purchaseOrders: purchaseOrdersOf(order.snapshot),
			alreadyShipped: order.alreadyShipped,
		}));
}

/** One Build Invoice input item per fulfilment with an ASN and no invoice number. */
export function invoicesToSend(order: OrderFulfilments, invoicePrefix: string): Json[] {
	return order.fulfilments
		.filter((f) => order.sentAsns[String(f.id)] && !order.sentInvoices[String(f.id)])
		.map((f) => {
			const shipmentIdentifier = order.sentAsns[String(f.id)];
			return {
				orderId: order.orderId,
				orderName: order.orderName,
				purchaseOrderNumber: order.purchaseOrderNumber,
				fulfillmentId: String(f.id),
				invoiceNumber: `${invoicePrefix}${order.orderName.replace(/^#/, '')}-${f.index}`,
				shipmentIdentifier,
				shippedLines: order.alreadyShipped
					.filter((l) => l.shipmentIdentifier === shipmentIdentifier)
					.map((l) => ({
						purchaseOrderNumber: l.purchaseOrderNumber,
						itemSequenceNumber: l.itemSequenceNumber,
						shippedQuantity: l.shippedQuantity,
					})),
				purchaseOrders: purchaseOrdersOf(order.snapshot),
			};
		});
}

/** `asn_ids` and `shipped_lines` after an ASN (unchanged when the fulfilment already has one). */
export function afterAsn(
	order: OrderFulfilments,
	fulfillmentId: string,
	shipmentIdentifier: string,
	shippedLines: readonly Json[],
): { asn_ids: Record<string, string>; shipped_lines: Json[] } {
	if (order.sentAsns[fulfillmentId])
		return { asn_ids: order.sentAsns, shipped_lines: order.alreadyShipped };
	return {
		asn_ids: { ...order.sentAsns, [fulfillmentId]: shipmentIdentifier },
		shipped_lines: [
			...order.alreadyShipped,
			...shippedLines.map((l) => ({
				purchaseOrderNumber: l.purchaseOrderNumber,
				itemSequenceNumber: l.itemSequenceNumber,
				shippedQuantity: l.shippedQuantity,
				shipmentIdentifier,
			})),
		],
	};
}
