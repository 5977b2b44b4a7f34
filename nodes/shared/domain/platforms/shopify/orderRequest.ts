/**
 * The Shopify order of an acknowledged Amazon purchase order (an item of Acknowledge PO's
 * Acknowledged output) as an `orderCreate` request: the accepted and backordered eaches per SKU at
 * Amazon's net cost, the PO number, tags, Amazon references and the PO snapshot in metafields
 * (`po_number`, `po_snapshot`, and `backorders` when there are any), stock claimed even below zero.
 * And the answer of `orderCreate`. Pure: no n8n imports.
 */
import { isObject, type Json } from '../../values';
import { ShopifyAnswerError, ShopifyInputError } from './errors';
import { payloadOf } from './graphql';

export const ORDER_CREATE_MUTATION =
	'mutation CreateOrderFromPo($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) ' +
	'{ orderCreate(order: $order, options: $options) { order { id name poNumber ' +
	'lineItems(first: 50) { nodes { sku quantity } } } userErrors { field message code } } }';

export interface OrderRequestOptions {
	/** Tag of every Amazon order (the shipping template finds them by it). */
	orderTag: string;
	/** Metafield namespace (`amazon`). */
	namespace: string;
	/** Vendor code for a purchase order that names no selling party. */
	vendorCode: string;
	/** SKU -> gid://shopify/ProductVariant/... */
	variantIds: Readonly<Record<string, string>>;
	/** When the snapshot is saved (ISO text). */
	savedAt: string;
}

export interface OrderRequest {
	purchaseOrderNumber: string;
	/** Eaches the order holds: accepted and backordered. */
	acceptedEaches: number;
	/** The `orderCreate` variables: `{order, options}`. */
	orderRequest: Json;
}

interface SkuUnits {
	sku: string;
	eaches: number;
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

/** Eaches per SKU the order must hold (accepted + backordered), SKUs without any left out. */
export function unitsToOrder(acknowledged: Json): SkuUnits[] {
	const allocation = acknowledged.allocation;
	if (!isObject(allocation) || !Array.isArray(allocation.skus))
		throw new ShopifyInputError(
			'The item has no allocation.skus: give an item of Acknowledge PO (Acknowledged output)',
			'allocation.skus',
		);
	return allocation.skus.filter(isObject).flatMap((s, i) => {
		const eaches = Number(s.acceptedEaches ?? 0) + Number(s.backorderedEaches ?? 0);
		if (!Number.isSafeInteger(eaches) || eaches < 0)
			throw new ShopifyInputError(
				`allocation.skus[${i}] has no whole accepted / backordered eaches`,
				`allocation.skus[${i}]`,
			);
		return eaches > 0 ? [{ sku: text(s.sku), eaches }] : [];
	});
}

/** The SKUs of a purchase order's mapped lines (for the variant look-up). */
export function skusOfLines(item: Json): string[] {
	const lines = Array.isArray(item.lines) ? item.lines.filter(isObject) : [];
	return [...new Set(lines.map((l) => text(l.sku)).filter(Boolean))];
}

function priceOf(lines: Json[], sku: string): Json | undefined {
	const line = lines.find((l) => l.sku === sku && isObject(l.netCost) && !l.pricedByWeight);
	if (!line || !isObject(line.netCost)) return undefined;
	return {
		shopMoney: { amount: text(line.netCost.amount), currencyCode: text(line.netCost.currencyCode) },
	};
}

function metafields(item: Json, po: string, options: OrderRequestOptions): Json[] {
	const ns = options.namespace;
	const snapshot = {
		previousPurchaseOrder: item.purchaseOrder,
		previousAcknowledgement: item.acknowledgement,
		variantIds: options.variantIds,
		allocation: item.allocation,
		acknowledgementTransactionId: item.transactionId,
		savedAt: options.savedAt,
	};
	const out: Json[] = [
		{ namespace: ns, key: 'po_number', type: 'single_line_text_field', value: po },
		{ namespace: ns, key: 'po_snapshot', type: 'json', value: JSON.stringify(snapshot) },
	];
	if (Array.isArray(item.backorders) && item.backorders.length)
		out.push({
			namespace: ns,
			key: 'backorders',
			type: 'json',
			value: JSON.stringify(item.backorders),
		});
	return out;
}

/** The orderCreate request of an acknowledged purchase order, as the PO intake sends it. */
export function buildOrderRequest(item: Json, options: OrderRequestOptions): OrderRequest {
	const po = text(item.purchaseOrderNumber);
	if (!po)
		throw new ShopifyInputError('The item has no purchaseOrderNumber', 'purchaseOrderNumber');
	const purchaseOrder = isObject(item.purchaseOrder) ? item.purchaseOrder : {};
	const seller = isObject(purchaseOrder.sellingParty)
		? purchaseOrder.sellingParty.partyId
		: undefined;
	const shipTo = isObject(purchaseOrder.shipToParty)
		? purchaseOrder.shipToParty.partyId
		: undefined;
	const vendor = text(seller ?? options.vendorCode);
	const lines = Array.isArray(item.lines) ? item.lines.filter(isObject) : [];
	const units = unitsToOrder(item);
	const lineItems = units.map(({ sku, eaches }) => {
		const variantId = options.variantIds[sku];
		if (!variantId)
			throw new ShopifyInputError(`SKU "${sku}" has no variant in Shopify`, `variantIds.${sku}`);
		const price = priceOf(lines, sku);
		return price
			? { variantId, quantity: eaches, priceSet: price }
			: { variantId, quantity: eaches };
	});
	const note =
		`Amazon PO ${po} (vendor ${vendor}, ship to ${text(shipTo ?? '?')}), ` +
		`acknowledgement transaction ${text(item.transactionId)}` +
		(item.backorderNote ? `. ${text(item.backorderNote)}` : '');
	const order: Json = {
		poNumber: po,
		sourceName: 'amazon-vendor-central',
		sourceIdentifier: po,
		tags: [options.orderTag, `po:${po}`],
		note,
		customAttributes: [
			{ key: 'amazon_po_number', value: po },
			{ key: 'amazon_vendor_code', value: vendor },
			{ key: 'amazon_ship_to', value: text(shipTo) },
			{ key: 'amazon_ack_transaction_id', value: text(item.transactionId) },
		],
		metafields: metafields(item, po, options),
		lineItems,
	};
	return {
		purchaseOrderNumber: po,
		acceptedEaches: units.reduce((n, u) => n + u.eaches, 0),
		orderRequest: { order, options: { inventoryBehaviour: 'DECREMENT_IGNORING_POLICY' } },
	};
}

/** A saved order request (a Data Table cell holds it as JSON text) as orderCreate variables. */
export function parseOrderRequest(value: unknown): Json {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			parsed = undefined;
		}
		if (parsed === undefined)
			throw new ShopifyInputError('The order request is not valid JSON', 'orderRequest');
	}
	if (!isObject(parsed) || !isObject(parsed.order))
		throw new ShopifyInputError(
			'The order request must be an object with an order (as Build Order Request gives it)',
			'orderRequest',
		);
	return parsed;
}

/** The order orderCreate made; userErrors and errors throw a ShopifyAnswerError. */
export function readOrderCreated(
	body: unknown,
	purchaseOrderNumber: string,
): { id: string; name: string } {
	const payload = payloadOf(
		body,
		'orderCreate',
		`the order of Amazon PO ${purchaseOrderNumber}`,
		true,
	);
	const order = isObject(payload.order) ? payload.order : undefined;
	if (!order || typeof order.id !== 'string')
		throw new ShopifyAnswerError(`Shopify created no order for Amazon PO ${purchaseOrderNumber}`, [
			'no orderCreate.order in the answer',
		]);
	return { id: order.id, name: text(order.name) };
}
