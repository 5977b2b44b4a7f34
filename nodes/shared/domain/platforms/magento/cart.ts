/**
 * The Magento cart flow that turns Acknowledge PO's allocation into an order of the Amazon
 * customer: the lines to order, the cart item calls that bring the customer's active cart to
 * exactly those lines, the shipping information from the customer's default address, and the
 * payment with the purchase order number. Pure: no n8n imports.
 */
import { InvalidInputError } from '../../inputError';

export interface OrderLine {
	sku: string;
	qty: number;
}

/**
 * The lines of the sales order: per SKU of the allocation, accepted + backordered eaches (SKUs
 * with none left out). Backordered units are confirmed to Amazon, so they belong on the order.
 */
export function orderLinesOfAllocation(allocation: unknown): OrderLine[] {
	const skus = (allocation as { skus?: unknown } | null)?.skus;
	if (!Array.isArray(skus)) {
		throw new InvalidInputError('The allocation has no skus list', 'allocation.skus');
	}
	const lines: OrderLine[] = [];
	skus.forEach((s: Record<string, unknown>, index) => {
		const at = `allocation.skus[${index}]`;
		if (!s || typeof s !== 'object' || typeof s.sku !== 'string' || s.sku.trim() === '') {
			throw new InvalidInputError('The SKU is missing', `${at}.sku`);
		}
		const accepted = Number(s.acceptedEaches ?? 0);
		const backordered = Number(s.backorderedEaches ?? 0);
		if (!Number.isInteger(accepted) || accepted < 0) {
			throw new InvalidInputError(
				'acceptedEaches must be a whole number of at least 0',
				`${at}.acceptedEaches`,
			);
		}
		if (!Number.isInteger(backordered) || backordered < 0) {
			throw new InvalidInputError(
				'backorderedEaches must be a whole number of at least 0',
				`${at}.backorderedEaches`,
			);
		}
		if (accepted + backordered > 0) lines.push({ sku: s.sku, qty: accepted + backordered });
	});
	return lines;
}

/** One cart item call: add, set the quantity of, or remove a cart item. */
export interface CartItemCall {
	method: 'POST' | 'PUT' | 'DELETE';
	/** Path from /V1. */
	path: string;
	body?: { cartItem: { sku?: string; qty: number; quote_id: string } };
	sku: string;
	qty: number;
}

/**
 * The calls that make the cart hold exactly `lines`: an item already in the cart gets its
 * quantity set, a missing one is added, an item that is not wanted is removed (a cart left by a
 * failed earlier run is reused and corrected, never ordered as it was).
 */
export function cartItemCalls(
	cartId: string,
	existing: unknown,
	lines: OrderLine[],
): CartItemCall[] {
	const items = (Array.isArray(existing) ? existing : []) as Array<{
		sku?: string;
		item_id?: number;
	}>;
	const base = `/carts/${encodeURIComponent(cartId)}/items`;
	const calls: CartItemCall[] = lines.map((line) => {
		const item = items.find((x) => x.sku === line.sku);
		return item
			? {
					method: 'PUT',
					path: `${base}/${String(item.item_id)}`,
					body: { cartItem: { qty: line.qty, quote_id: cartId } },
					sku: line.sku,
					qty: line.qty,
				}
			: {
					method: 'POST',
					path: base,
					body: { cartItem: { sku: line.sku, qty: line.qty, quote_id: cartId } },
					sku: line.sku,
					qty: line.qty,
				};
	});
	for (const item of items) {
		if (!lines.some((l) => l.sku === item.sku)) {
			calls.push({
				method: 'DELETE',
				path: `${base}/${String(item.item_id)}`,
				sku: String(item.sku),
				qty: 0,
			});
		}
	}
	return calls;
}

interface CustomerAddress {
	default_shipping?: boolean;
	firstname?: string;
	lastname?: string;
	company?: string;
	street?: string[];
	city?: string;
	region?: { region?: string; region_id?: number; region_code?: string };
	region_id?: number;
	postcode?: string;
	country_id?: string;
	telephone?: string;
}

/**
 * The body of `POST /V1/carts/{id}/shipping-information`: the customer's default shipping
 * address (else the first) as shipping and billing address, and the shipping method.
 */
export function shippingInformationBody(
	customer: unknown,
	fallbackEmail: string,
	carrierCode: string,
	methodCode: string,
) {
	const c = (customer ?? {}) as {
		email?: string;
		firstname?: string;
		lastname?: string;
		addresses?: CustomerAddress[];
	};
	const list = Array.isArray(c.addresses) ? c.addresses : [];
	const a: CustomerAddress = list.find((x) => x.default_shipping) ?? list[0] ?? {};
	if (!a.country_id) {
		throw new InvalidInputError(
			'The Amazon customer has no address with a country in Magento: add its shipping address',
			'customer.addresses',
		);
	}
	const address = {
		firstname: a.firstname ?? c.firstname,
		lastname: a.lastname ?? c.lastname,
		company: a.company,
		street: a.street,
		city: a.city,
		region: a.region?.region ?? undefined,
		region_id: a.region_id || a.region?.region_id || undefined,
		region_code: a.region?.region_code ?? undefined,
		postcode: a.postcode,
		country_id: a.country_id,
		telephone: a.telephone,
		email: c.email ?? fallbackEmail,
	};
	return {
		addressInformation: {
			shipping_address: address,
			billing_address: address,
			shipping_carrier_code: carrierCode,
			shipping_method_code: methodCode,
		},
	};
}

/** The body of `PUT /V1/carts/{id}/order`: payment by purchase order, with the PO number. */
export function placeOrderBody(purchaseOrderNumber: string) {
	return { paymentMethod: { method: 'purchaseorder', po_number: purchaseOrderNumber } };
}

/** One price of `POST /V1/products/tier-prices`. */
export interface TierPrice {
	sku: string;
	price: number;
	price_type: 'fixed';
	website_id: 0;
	customer_group: string;
	quantity: 1;
}

/**
 * The customer-group prices that make the order carry Amazon's net cost: per ordered SKU, the
 * net cost of the first purchase order line allocated to it that has one.
 */
export function tierPricesOf(
	allocation: unknown,
	purchaseOrder: unknown,
	customerGroup: string,
): TierPrice[] {
	const lines = (allocation as { lines?: unknown } | null)?.lines;
	const items = (purchaseOrder as { items?: unknown } | null)?.items;
	if (!Array.isArray(lines))
		throw new InvalidInputError('The allocation has no lines list', 'allocation.lines');
	if (!Array.isArray(items))
		throw new InvalidInputError('The purchase order has no items list', 'purchaseOrder.items');
	const prices: TierPrice[] = [];
	for (const { sku } of orderLinesOfAllocation(allocation)) {
		const line = (lines as Array<{ sku?: string; index?: number }>).find(
			(l) =>
				l.sku === sku && (items[Number(l.index)] as { netCost?: unknown } | undefined)?.netCost,
		);
		if (!line) continue;
		const amount = (items[Number(line.index)] as { netCost: { amount?: unknown } }).netCost.amount;
		const price = Number(amount);
		if (!Number.isFinite(price) || price < 0) {
			throw new InvalidInputError(
				`The net cost "${String(amount)}" is not a price`,
				`purchaseOrder.items[${String(line.index)}].netCost.amount`,
			);
		}
		prices.push({
			sku,
			price,
			price_type: 'fixed',
			website_id: 0,
			customer_group: customerGroup,
			quantity: 1,
		});
	}
	return prices;
}
