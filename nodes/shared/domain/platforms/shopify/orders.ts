/**
 * The Shopify order of an Amazon purchase order: the look-up by PO number (`poNumber` is the PO,
 * as the intake writes it), and the order's fulfilment state in the shape Apply Change Order takes as
 * `platformOrder`, with the PO snapshot the intake keeps in a metafield. Pure: no n8n imports.
 */
import { isObject, type Json } from '../../values';
import { ShopifyAnswerError } from './errors';
import {
	metafieldJson,
	nodesOf,
	payloadOf,
	searchTerm,
	topLevelErrors,
	type GraphqlRequest,
} from './graphql';

export const ORDER_BY_PO_QUERY =
	'query OrderByPo($q: String!) { orders(first: 1, query: $q) { nodes { id name poNumber } } }';

export const ORDER_STATE_QUERY =
	'query OrderStateByPo($q: String!, $ns: String!) { orders(first: 1, query: $q) { nodes { ' +
	'id name poNumber displayFulfillmentStatus cancelledAt ' +
	'lineItems(first: 50) { nodes { id sku quantity currentQuantity unfulfilledQuantity variant { id } } } ' +
	'fulfillmentOrders(first: 5) { nodes { id status lineItems(first: 50) { nodes { id totalQuantity ' +
	'remainingQuantity lineItem { id sku } } } } } ' +
	'snapshot: metafield(namespace: $ns, key: "po_snapshot") { id value } } } }';

export function orderByPoRequest(purchaseOrderNumber: string): GraphqlRequest {
	return {
		query: ORDER_BY_PO_QUERY,
		variables: { q: searchTerm('po_number', purchaseOrderNumber) },
	};
}

export function orderStateRequest(purchaseOrderNumber: string, namespace: string): GraphqlRequest {
	return {
		query: ORDER_STATE_QUERY,
		variables: { q: searchTerm('po_number', purchaseOrderNumber), ns: namespace },
	};
}

/** The first order of an orders(...) answer, null when there is none; errors throw. */
function firstOrder(body: unknown, purchaseOrderNumber: string): Json | null {
	const errors = topLevelErrors(body);
	const what = `the order look-up of Amazon PO ${purchaseOrderNumber}`;
	const data = isObject(body) && isObject(body.data) ? body.data : undefined;
	if (!errors.length && (!isObject(data?.orders) || !Array.isArray(data.orders.nodes)))
		errors.push(`no orders in the answer: ${JSON.stringify(body).slice(0, 300)}`);
	if (errors.length) {
		throw new ShopifyAnswerError(
			`Shopify answered ${what} with errors, so it is unknown whether an order exists: ` +
				errors.join('; '),
			errors,
		);
	}
	return nodesOf(payloadOf(body, 'orders', what))[0] ?? null;
}

export interface OrderLookup {
	purchaseOrderNumber: string;
	found: boolean;
	orderId: string;
	orderName: string;
}

export function readOrderLookup(body: unknown, purchaseOrderNumber: string): OrderLookup {
	const order = firstOrder(body, purchaseOrderNumber);
	return {
		purchaseOrderNumber,
		found: order !== null,
		orderId: order ? String(order.id) : '',
		orderName: order ? String(order.name ?? '') : '',
	};
}

export interface PlatformOrderLineState {
	sku: string;
	ordered: number;
	fulfilled: number;
	inProgress: number;
	lineItemId: string;
	variantId?: string;
}

export interface PlatformOrderState {
	id: string;
	name: string;
	status: string[];
	lines: PlatformOrderLineState[];
}

const count = (value: unknown): number =>
	typeof value === 'number' && Number.isFinite(value) ? value : 0;

/** A Shopify order node as Apply Change Order's `platformOrder`, in eaches. */
export function platformOrderOf(order: Json): PlatformOrderState {
	const fulfillmentOrders = nodesOf(order.fulfillmentOrders);
	const picking = fulfillmentOrders
		.filter((f) => f.status === 'IN_PROGRESS')
		.flatMap((f) => nodesOf(f.lineItems));
	const status = [order.displayFulfillmentStatus, ...fulfillmentOrders.map((f) => f.status)];
	return {
		id: String(order.id),
		name: String(order.name ?? ''),
		status: status.filter((s): s is string => typeof s === 'string' && s !== ''),
		lines: nodesOf(order.lineItems)
			.filter((l) => typeof l.sku === 'string' && l.sku !== '')
			.map((l) => {
				const variant = isObject(l.variant) ? l.variant.id : undefined;
				const line: PlatformOrderLineState = {
					sku: String(l.sku),
					ordered: count(l.currentQuantity),
					fulfilled: Math.max(0, count(l.currentQuantity) - count(l.unfulfilledQuantity)),
					inProgress: picking
						.filter((p) => isObject(p.lineItem) && p.lineItem.id === l.id)
						.reduce((n, p) => n + count(p.remainingQuantity), 0),
					lineItemId: String(l.id),
				};
				if (typeof variant === 'string') line.variantId = variant;
				return line;
			}),
	};
}

export interface OrderState {
	purchaseOrderNumber: string;
	found: boolean;
	hasSnapshot: boolean;
	orderId: string;
	orderName: string;
	platformOrder: PlatformOrderState | null;
	/** The PO snapshot (metafield po_snapshot), null without one. */
	snapshot: Json | null;
	/** SKU -> variant id, from the snapshot and the order's lines. */
	variantIds: Record<string, string>;
	/** Fulfilment orders that are OPEN or IN_PROGRESS (what a hold would stop). */
	openFulfillmentOrderIds: string[];
}

export function readOrderState(body: unknown, purchaseOrderNumber: string): OrderState {
	const order = firstOrder(body, purchaseOrderNumber);
	if (order === null) {
		return {
			purchaseOrderNumber,
			found: false,
			hasSnapshot: false,
			orderId: '',
			orderName: '',
			platformOrder: null,
			snapshot: null,
			variantIds: {},
			openFulfillmentOrderIds: [],
		};
	}
	const snapshot = metafieldJson<unknown>(order.snapshot, null);
	const platformOrder = platformOrderOf(order);
	const variantIds: Record<string, string> = {};
	for (const l of platformOrder.lines) if (l.variantId) variantIds[l.sku] = l.variantId;
	if (isObject(snapshot) && isObject(snapshot.variantIds))
		for (const [sku, id] of Object.entries(snapshot.variantIds))
			if (typeof id === 'string' && id) variantIds[sku] = id;
	return {
		purchaseOrderNumber,
		found: true,
		hasSnapshot: isObject(snapshot),
		orderId: platformOrder.id,
		orderName: platformOrder.name,
		platformOrder,
		snapshot: isObject(snapshot) ? snapshot : null,
		variantIds,
		openFulfillmentOrderIds: nodesOf(order.fulfillmentOrders)
			.filter((f) => f.status === 'OPEN' || f.status === 'IN_PROGRESS')
			.map((f) => String(f.id)),
	};
}
