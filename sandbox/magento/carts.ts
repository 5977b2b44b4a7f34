/**
 * Carts (quotes) and order placement, the admin flow of Magento's REST API:
 *
 *   POST /V1/customers/{customerId}/carts        -> cart id (the customer's active cart, or a new one)
 *   POST /V1/carts/  (+ PUT /V1/carts/{cartId})   -> a guest cart, then assigned to a customer
 *   POST /V1/carts/{quoteId}/items               -> add a SKU (salable quantity checked)
 *   POST /V1/carts/{cartId}/shipping-information -> addresses + carrier/method, answers totals and payment methods
 *   PUT  /V1/carts/{cartId}/order                -> place the order with { paymentMethod: { method, po_number } }
 *
 * createOrder() is the one way an order comes to exist (also used by the seed and the control
 * API): it checks payment method and salable quantities, then places the `order_placed`
 * reservations.
 *
 * Item prices are collected as Magento's totals collection does on every change of the cart and
 * when the order is placed (collectCartPrices in prices.ts): the catalog price or a lower tier
 * price of the cart's customer group (NOT LOGGED IN for a guest cart) for the item's quantity.
 */
import type { SandboxClock } from '../clock';
import { inputError, MagentoError, noSuchEntity, productNotFound } from './errors';
import { placeReservations, salableQty, stockForStore, storeById } from './inventory';
import { collectCartPrices, finalPrice, NOT_LOGGED_IN_ID } from './prices';
import {
	incrementIdFor,
	magentoDate,
	nextId,
	round2,
	type AddressData,
	type Cart,
	type CartItem,
	type MagentoCustomer,
	type MagentoData,
	type MagentoOrder,
	type ShippingMethodConfig,
} from './state';

export function findActiveCart(data: MagentoData, cartId: number): Cart {
	const cart = data.carts.get(cartId);
	if (!cart || !cart.isActive) throw noSuchEntity('cartId', cartId);
	return cart;
}

export function findCustomer(data: MagentoData, customerId: number): MagentoCustomer {
	const customer = data.customers.get(customerId);
	if (!customer) throw noSuchEntity('customerId', customerId);
	return customer;
}

function newCart(
	data: MagentoData,
	clock: SandboxClock,
	storeId: number,
	customerId?: number,
): Cart {
	const cart: Cart = {
		id: nextId(data, 'cart'),
		storeId,
		customerId,
		isActive: true,
		createdAt: clock.nowIso(),
		updatedAt: clock.nowIso(),
		items: [],
	};
	data.carts.set(cart.id, cart);
	return cart;
}

/** POST /V1/carts/: an empty guest cart. */
export function createEmptyCart(data: MagentoData, clock: SandboxClock, storeId: number): number {
	return newCart(data, clock, storeId).id;
}

function activeCartOf(data: MagentoData, customerId: number): Cart | undefined {
	return [...data.carts.values()].find((c) => c.isActive && c.customerId === customerId);
}

/** POST /V1/customers/{customerId}/carts: the customer's active cart, or a new one. */
export function createCustomerCart(
	data: MagentoData,
	clock: SandboxClock,
	customerId: number,
	storeId: number,
): number {
	findCustomer(data, customerId);
	const active = activeCartOf(data, customerId);
	if (active) return active.id;
	return newCart(data, clock, storeId, customerId).id;
}

/**
 * PUT /V1/carts/{cartId}: assigns a guest cart to a customer (the customer's previous active cart
 * is merged into it).
 */
export function assignCustomer(
	data: MagentoData,
	clock: SandboxClock,
	cartId: number,
	customerId: number,
	storeId: number,
): boolean {
	const cart = findActiveCart(data, cartId);
	const customer = findCustomer(data, customerId);
	const store = storeById(data, storeId);
	const customerWebsite = data.stores.find((s) => s.id === customer.storeId)?.websiteId;
	if (!store || (customerWebsite !== undefined && store.websiteId !== customerWebsite)) {
		throw inputError(
			"The customer can't be assigned to the cart. The cart belongs to a different store.",
		);
	}
	if (cart.customerId !== undefined)
		throw inputError(
			"The customer can't be assigned to the cart because the cart isn't anonymous.",
		);
	const previous = activeCartOf(data, customerId);
	if (previous) {
		for (const item of previous.items) {
			const same = cart.items.find((i) => i.sku === item.sku);
			if (same) same.qty += item.qty;
			else cart.items.push({ ...item, itemId: nextId(data, 'cartItem') });
		}
		previous.isActive = false;
		previous.updatedAt = clock.nowIso();
	}
	cart.customerId = customerId;
	cart.storeId = storeId;
	collectCartPrices(data, cart);
	cart.updatedAt = clock.nowIso();
	return true;
}

export function cartItemOut(cart: Cart, item: CartItem): Record<string, unknown> {
	return {
		item_id: item.itemId,
		sku: item.sku,
		qty: item.qty,
		name: item.name,
		price: item.price,
		product_type: item.productType,
		quote_id: String(cart.id),
	};
}

function emptyQuoteAddress(id: number): Record<string, unknown> {
	return {
		id,
		region: null,
		region_id: null,
		region_code: null,
		country_id: null,
		street: [''],
		telephone: null,
		postcode: null,
		city: null,
		firstname: null,
		lastname: null,
		email: null,
		same_as_billing: 0,
		save_in_address_book: 0,
	};
}

function quoteAddressOut(
	address: AddressData | undefined,
	id: number,
	customerId?: number,
): Record<string, unknown> {
	if (!address) return emptyQuoteAddress(id);
	return {
		id,
		region: address.region ?? null,
		region_id: address.region_id ?? null,
		region_code: address.region_code ?? null,
		country_id: address.country_id,
		street: address.street,
		...(address.company !== undefined ? { company: address.company } : {}),
		telephone: address.telephone,
		postcode: address.postcode,
		city: address.city,
		firstname: address.firstname,
		lastname: address.lastname,
		...(customerId !== undefined ? { customer_id: customerId } : {}),
		email: address.email ?? null,
		same_as_billing: 0,
		save_in_address_book: 0,
	};
}

export function customerOut(data: MagentoData, customer: MagentoCustomer): Record<string, unknown> {
	const store = storeById(data, customer.storeId);
	const defaultBilling = customer.addresses.find((a) => a.default_billing);
	const defaultShipping = customer.addresses.find((a) => a.default_shipping);
	return {
		id: customer.id,
		group_id: customer.groupId,
		...(defaultBilling ? { default_billing: String(defaultBilling.id) } : {}),
		...(defaultShipping ? { default_shipping: String(defaultShipping.id) } : {}),
		created_at: magentoDate(customer.createdAt),
		updated_at: magentoDate(customer.updatedAt),
		created_in: store?.name ?? 'Default Store View',
		email: customer.email,
		firstname: customer.firstname,
		lastname: customer.lastname,
		store_id: customer.storeId,
		website_id: customer.websiteId,
		addresses: customer.addresses.map((a) => ({
			id: a.id,
			customer_id: customer.id,
			region: {
				region_code: a.region_code ?? null,
				region: a.region ?? null,
				region_id: a.region_id ?? 0,
			},
			region_id: a.region_id ?? 0,
			country_id: a.country_id,
			street: a.street,
			...(a.company !== undefined ? { company: a.company } : {}),
			telephone: a.telephone,
			postcode: a.postcode,
			city: a.city,
			firstname: a.firstname,
			lastname: a.lastname,
			...(a.default_shipping ? { default_shipping: true } : {}),
			...(a.default_billing ? { default_billing: true } : {}),
		})),
		disable_auto_group_change: 0,
		extension_attributes: { is_subscribed: false },
	};
}

/** GET /V1/carts/{cartId}. */
export function cartOut(data: MagentoData, cart: Cart): Record<string, unknown> {
	const store = storeById(data, cart.storeId);
	const currency = store?.currency ?? 'USD';
	const customer = cart.customerId !== undefined ? data.customers.get(cart.customerId) : undefined;
	const out: Record<string, unknown> = {
		id: cart.id,
		created_at: magentoDate(cart.createdAt),
		updated_at: magentoDate(cart.updatedAt),
		is_active: cart.isActive,
		is_virtual: false,
		items: cart.items.map((i) => cartItemOut(cart, i)),
		items_count: cart.items.length,
		items_qty: cart.items.reduce((s, i) => s + i.qty, 0),
		customer: customer
			? customerOut(data, customer)
			: { email: cart.billingAddress?.email ?? null, firstname: null, lastname: null },
		billing_address: quoteAddressOut(cart.billingAddress, cart.id * 2 - 1, cart.customerId),
		orig_order_id: 0,
		currency: {
			global_currency_code: currency,
			base_currency_code: currency,
			store_currency_code: currency,
			quote_currency_code: currency,
			store_to_base_rate: 0,
			store_to_quote_rate: 0,
			base_to_global_rate: 1,
			base_to_quote_rate: 1,
		},
		customer_is_guest: cart.customerId === undefined,
		customer_note_notify: true,
		customer_tax_class_id: 3,
		store_id: cart.storeId,
		extension_attributes: {
			shipping_assignments: cart.shippingAddress
				? [
						{
							shipping: {
								address: quoteAddressOut(cart.shippingAddress, cart.id * 2, cart.customerId),
								method: cart.shippingMethod
									? `${cart.shippingMethod.carrierCode}_${cart.shippingMethod.methodCode}`
									: null,
							},
							items: cart.items.map((i) => cartItemOut(cart, i)),
						},
					]
				: [],
		},
	};
	if (cart.reservedOrderId) out.reserved_order_id = cart.reservedOrderId;
	return out;
}

export interface CartItemInput {
	sku?: string;
	qty: number;
	quote_id?: string;
	item_id?: number;
}

function checkSalable(data: MagentoData, cart: Cart, sku: string, totalQty: number): void {
	const stock = stockForStore(data, cart.storeId);
	if (totalQty > salableQty(data, sku, stock))
		throw inputError('The requested qty is not available');
}

function checkQuoteId(cart: Cart, input: CartItemInput): void {
	if (
		input.quote_id !== undefined &&
		input.quote_id !== null &&
		String(input.quote_id) !== String(cart.id)
	) {
		throw inputError(
			'The cart ID in the body ("%1") does not match the cart ID in the URL ("%2").',
			[String(input.quote_id), cart.id],
		);
	}
}

/** POST /V1/carts/{quoteId}/items. A SKU already in the cart gets its quantity increased. */
export function addCartItem(
	data: MagentoData,
	clock: SandboxClock,
	cartId: number,
	input: CartItemInput,
): Record<string, unknown> {
	const cart = findActiveCart(data, cartId);
	checkQuoteId(cart, input);
	if (!input.sku) throw productNotFound();
	const product = data.products.get(input.sku);
	if (!product) throw productNotFound();
	if (product.status !== 1)
		throw inputError('Product that you are trying to add is not available.');
	if (!(input.qty > 0)) throw inputError('Please enter a number greater than 0 in this field.');
	const existing = cart.items.find((i) => i.sku === product.sku);
	checkSalable(data, cart, product.sku, (existing?.qty ?? 0) + input.qty);
	let item: CartItem;
	if (existing) {
		existing.qty += input.qty;
		item = existing;
	} else {
		item = {
			itemId: nextId(data, 'cartItem'),
			sku: product.sku,
			qty: input.qty,
			name: product.name,
			price: product.price,
			productType: product.typeId,
			productId: product.id,
		};
		cart.items.push(item);
	}
	collectCartPrices(data, cart);
	cart.updatedAt = clock.nowIso();
	return cartItemOut(cart, item);
}

function findCartItem(cart: Cart, itemId: number): CartItem {
	const item = cart.items.find((i) => i.itemId === itemId);
	if (!item)
		throw new MagentoError(404, "The %1 Cart doesn't contain the %2 item.", [cart.id, itemId]);
	return item;
}

/** PUT /V1/carts/{cartId}/items/{itemId}: sets the quantity. */
export function updateCartItem(
	data: MagentoData,
	clock: SandboxClock,
	cartId: number,
	itemId: number,
	input: CartItemInput,
): Record<string, unknown> {
	const cart = findActiveCart(data, cartId);
	checkQuoteId(cart, input);
	const item = findCartItem(cart, itemId);
	if (!(input.qty > 0)) throw inputError('Please enter a number greater than 0 in this field.');
	checkSalable(data, cart, item.sku, input.qty);
	item.qty = input.qty;
	collectCartPrices(data, cart);
	cart.updatedAt = clock.nowIso();
	return cartItemOut(cart, item);
}

export function removeCartItem(
	data: MagentoData,
	clock: SandboxClock,
	cartId: number,
	itemId: number,
): boolean {
	const cart = findActiveCart(data, cartId);
	findCartItem(cart, itemId);
	cart.items = cart.items.filter((i) => i.itemId !== itemId);
	collectCartPrices(data, cart);
	cart.updatedAt = clock.nowIso();
	return true;
}

export function findShippingMethod(
	data: MagentoData,
	carrierCode: string,
	methodCode: string,
): ShippingMethodConfig {
	const method = data.shippingMethods.find(
		(m) => m.carrierCode === carrierCode && m.methodCode === methodCode,
	);
	if (!method)
		throw inputError('Carrier with such method not found: %1, %2', [carrierCode, methodCode]);
	return method;
}

export function shippingAmount(method: ShippingMethodConfig, totalQty: number): number {
	return round2(method.per === 'item' ? method.price * totalQty : method.price);
}

function totalsOut(data: MagentoData, cart: Cart): Record<string, unknown> {
	const currency = storeById(data, cart.storeId)?.currency ?? 'USD';
	const subtotal = round2(cart.items.reduce((s, i) => s + i.price * i.qty, 0));
	const qty = cart.items.reduce((s, i) => s + i.qty, 0);
	const method = cart.shippingMethod
		? data.shippingMethods.find(
				(m) =>
					m.carrierCode === cart.shippingMethod?.carrierCode &&
					m.methodCode === cart.shippingMethod?.methodCode,
			)
		: undefined;
	const shipping = method ? shippingAmount(method, qty) : 0;
	const grand = round2(subtotal + shipping);
	return {
		grand_total: grand,
		base_grand_total: grand,
		subtotal,
		base_subtotal: subtotal,
		discount_amount: 0,
		base_discount_amount: 0,
		subtotal_with_discount: subtotal,
		base_subtotal_with_discount: subtotal,
		shipping_amount: shipping,
		base_shipping_amount: shipping,
		shipping_discount_amount: 0,
		base_shipping_discount_amount: 0,
		tax_amount: 0,
		base_tax_amount: 0,
		weee_tax_applied_amount: null,
		shipping_tax_amount: 0,
		base_shipping_tax_amount: 0,
		subtotal_incl_tax: subtotal,
		shipping_incl_tax: shipping,
		base_shipping_incl_tax: shipping,
		base_currency_code: currency,
		quote_currency_code: currency,
		items_qty: qty,
		items: cart.items.map((i) => ({
			item_id: i.itemId,
			price: i.price,
			base_price: i.price,
			qty: i.qty,
			row_total: round2(i.price * i.qty),
			base_row_total: round2(i.price * i.qty),
			row_total_with_discount: 0,
			tax_amount: 0,
			base_tax_amount: 0,
			tax_percent: 0,
			discount_amount: 0,
			base_discount_amount: 0,
			discount_percent: 0,
			price_incl_tax: i.price,
			base_price_incl_tax: i.price,
			row_total_incl_tax: round2(i.price * i.qty),
			base_row_total_incl_tax: round2(i.price * i.qty),
			options: '[]',
			weee_tax_applied_amount: null,
			weee_tax_applied: null,
			name: i.name,
		})),
		total_segments: [
			{ code: 'subtotal', title: 'Subtotal', value: subtotal },
			...(method
				? [
						{
							code: 'shipping',
							title: `Shipping & Handling (${method.carrierTitle} - ${method.methodTitle})`,
							value: shipping,
						},
					]
				: []),
			{ code: 'tax', title: 'Tax', value: 0, extension_attributes: { tax_grandtotal_details: [] } },
			{ code: 'grand_total', title: 'Grand Total', value: grand, area: 'footer' },
		],
	};
}

export function cartTotals(data: MagentoData, cartId: number): Record<string, unknown> {
	return totalsOut(data, findActiveCart(data, cartId));
}

export function paymentMethodsOut(data: MagentoData): Array<{ code: string; title: string }> {
	return data.paymentMethods.map((m) => ({ code: m.code, title: m.title }));
}

function customerEmailFor(data: MagentoData, cart: Cart): string | undefined {
	if (cart.customerId !== undefined) return data.customers.get(cart.customerId)?.email;
	return cart.billingAddress?.email ?? cart.shippingAddress?.email;
}

export interface ShippingInformationInput {
	shipping_address: AddressData;
	billing_address?: AddressData;
	shipping_carrier_code: string;
	shipping_method_code: string;
}

/** POST /V1/carts/{cartId}/shipping-information: answers the payment details (methods and totals). */
export function setShippingInformation(
	data: MagentoData,
	clock: SandboxClock,
	cartId: number,
	info: ShippingInformationInput,
): Record<string, unknown> {
	const cart = findActiveCart(data, cartId);
	if (!cart.items.length)
		throw inputError(
			"The shipping method can't be set for an empty cart. Add an item to cart and try again.",
		);
	if (!info.shipping_address?.country_id)
		throw inputError('The shipping address is missing. Set the address and try again.');
	findShippingMethod(data, info.shipping_carrier_code, info.shipping_method_code);
	cart.shippingAddress = { ...info.shipping_address };
	if (info.billing_address) cart.billingAddress = { ...info.billing_address };
	cart.shippingMethod = {
		carrierCode: info.shipping_carrier_code,
		methodCode: info.shipping_method_code,
	};
	collectCartPrices(data, cart);
	cart.updatedAt = clock.nowIso();
	return { payment_methods: paymentMethodsOut(data), totals: totalsOut(data, cart) };
}

/** POST /V1/carts/{cartId}/billing-address: answers the address id. */
export function setBillingAddress(
	data: MagentoData,
	clock: SandboxClock,
	cartId: number,
	address: AddressData,
	useForShipping: boolean,
): number {
	const cart = findActiveCart(data, cartId);
	cart.billingAddress = { ...address };
	if (useForShipping) cart.shippingAddress = { ...address };
	collectCartPrices(data, cart);
	cart.updatedAt = clock.nowIso();
	return cart.id * 2 - 1;
}

export interface PaymentInput {
	method?: string;
	po_number?: string;
}

/** PUT /V1/carts/{cartId}/selected-payment-method. */
export function selectPaymentMethod(
	data: MagentoData,
	clock: SandboxClock,
	cartId: number,
	payment: PaymentInput,
): number {
	const cart = findActiveCart(data, cartId);
	checkPayment(data, payment);
	cart.payment = { method: payment.method as string, poNumber: payment.po_number };
	collectCartPrices(data, cart);
	cart.updatedAt = clock.nowIso();
	return cart.id;
}

function checkPayment(
	data: MagentoData,
	payment: PaymentInput | undefined,
): { method: string; title: string; poNumber?: string } {
	if (!payment?.method) throw inputError('Enter a valid payment method and try again.');
	const config = data.paymentMethods.find((m) => m.code === payment.method);
	if (!config) throw inputError('The requested Payment Method is not available.');
	if (config.code === 'purchaseorder' && !payment.po_number)
		throw inputError('Purchase order number is a required field.');
	return { method: config.code, title: config.title, poNumber: payment.po_number };
}

export interface OrderDraft {
	storeId: number;
	customer?: MagentoCustomer;
	guest?: { email: string; firstname: string; lastname: string };
	/** `price` as the cart collected it (or seeded); without one the product's final price for the customer's group. */
	lines: Array<{
		sku: string;
		qty: number;
		price?: number;
		originalPrice?: number;
		name?: string;
		quoteItemId?: number;
	}>;
	shippingAddress: AddressData;
	billingAddress: AddressData;
	shippingMethod: ShippingMethodConfig;
	payment: PaymentInput;
	quoteId?: number;
	createdAt?: string;
}

/** Creates an order: payment and salable quantities checked, `order_placed` reservations placed. */
export function createOrder(
	data: MagentoData,
	clock: SandboxClock,
	draft: OrderDraft,
): MagentoOrder {
	const payment = checkPayment(data, draft.payment);
	if (!draft.lines.length)
		throw inputError('The shipping method is missing. Select the shipping method and try again.');
	const store = storeById(data, draft.storeId) ?? data.stores[0];
	const stock = stockForStore(data, store.id);
	const wanted = new Map<string, number>();
	for (const l of draft.lines) {
		if (!data.products.has(l.sku)) throw productNotFound();
		wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.qty);
	}
	for (const [sku, qty] of wanted) {
		if (qty > salableQty(data, sku, stock))
			throw inputError('Not all of your products are available in the requested quantity.');
	}
	const now = draft.createdAt ?? clock.nowIso();
	const entityId = nextId(data, 'order');
	const totalQty = draft.lines.reduce((s, l) => s + l.qty, 0);
	const email = draft.customer?.email ?? draft.guest?.email ?? draft.billingAddress.email ?? '';
	const groupId = draft.customer ? draft.customer.groupId : NOT_LOGGED_IN_ID;
	const order: MagentoOrder = {
		entityId,
		incrementId: incrementIdFor(entityId, store.id),
		quoteId: draft.quoteId,
		storeId: store.id,
		stockId: stock.stockId,
		customerId: draft.customer?.id,
		customerIsGuest: !draft.customer,
		customerEmail: email,
		customerFirstname:
			draft.customer?.firstname ?? draft.guest?.firstname ?? draft.billingAddress.firstname,
		customerLastname:
			draft.customer?.lastname ?? draft.guest?.lastname ?? draft.billingAddress.lastname,
		customerGroupId: groupId,
		state: 'new',
		status: 'pending',
		createdAt: now,
		updatedAt: now,
		currency: store.currency,
		items: draft.lines.map((l) => {
			const product = data.products.get(l.sku);
			return {
				itemId: nextId(data, 'orderItem'),
				quoteItemId: l.quoteItemId,
				sku: l.sku,
				name: l.name ?? product?.name ?? l.sku,
				productId: product?.id ?? 0,
				productType: product?.typeId ?? 'simple',
				price:
					l.price ?? (product ? finalPrice(data, product, groupId, store.websiteId, l.qty) : 0),
				originalPrice: l.originalPrice ?? product?.price ?? l.price ?? 0,
				weight: product?.weight ?? 0,
				qtyOrdered: l.qty,
				qtyShipped: 0,
				qtyInvoiced: 0,
				qtyCanceled: 0,
				qtyRefunded: 0,
				createdAt: now,
				updatedAt: now,
			};
		}),
		billingAddress: { ...draft.billingAddress, email: draft.billingAddress.email ?? email },
		shippingAddress: { ...draft.shippingAddress, email: draft.shippingAddress.email ?? email },
		billingAddressId: nextId(data, 'orderAddress'),
		shippingAddressId: nextId(data, 'orderAddress'),
		shipping: {
			carrierCode: draft.shippingMethod.carrierCode,
			methodCode: draft.shippingMethod.methodCode,
			description: `${draft.shippingMethod.carrierTitle} - ${draft.shippingMethod.methodTitle}`,
			amount: shippingAmount(draft.shippingMethod, totalQty),
		},
		payment: {
			entityId: nextId(data, 'payment'),
			method: payment.method,
			title: payment.title,
			...(payment.poNumber !== undefined ? { poNumber: payment.poNumber } : {}),
		},
		histories: [],
		shipmentIds: [],
		invoiceIds: [],
		totalInvoiced: 0,
		totalPaid: 0,
		totalCanceled: 0,
	};
	data.orders.set(entityId, order);
	placeReservations(
		data,
		clock,
		stock.stockId,
		order.items.map((i) => ({ sku: i.sku, quantity: -i.qtyOrdered })),
		'order_placed',
		order,
	);
	return order;
}

/** PUT /V1/carts/{cartId}/order: places the order and answers its entity id. */
export function placeOrder(
	data: MagentoData,
	clock: SandboxClock,
	cartId: number,
	paymentMethod: PaymentInput | undefined,
): number {
	const cart = findActiveCart(data, cartId);
	if (!cart.shippingAddress)
		throw inputError('The shipping address is missing. Set the address and try again.');
	if (!cart.shippingMethod)
		throw inputError('The shipping method is missing. Select the shipping method and try again.');
	if (!cart.items.length)
		throw inputError('The shipping method is missing. Select the shipping method and try again.');
	if (!cart.billingAddress)
		throw inputError('Please check the billing address information. %1', [
			'The billing address is missing. Set the address and try again.',
		]);
	const payment =
		paymentMethod ??
		(cart.payment ? { method: cart.payment.method, po_number: cart.payment.poNumber } : undefined);
	const customer = cart.customerId !== undefined ? data.customers.get(cart.customerId) : undefined;
	const email = customerEmailFor(data, cart);
	if (!email) throw inputError('The customer email is missing. Enter and try again.');
	const method = findShippingMethod(
		data,
		cart.shippingMethod.carrierCode,
		cart.shippingMethod.methodCode,
	);
	// Placing collects the totals again: prices changed since the last cart change apply.
	collectCartPrices(data, cart);
	const order = createOrder(data, clock, {
		storeId: cart.storeId,
		customer,
		guest: customer
			? undefined
			: { email, firstname: cart.billingAddress.firstname, lastname: cart.billingAddress.lastname },
		lines: cart.items.map((i) => ({
			sku: i.sku,
			qty: i.qty,
			price: i.price,
			originalPrice: i.originalPrice,
			name: i.name,
			quoteItemId: i.itemId,
		})),
		shippingAddress: cart.shippingAddress,
		billingAddress: cart.billingAddress,
		shippingMethod: method,
		payment: payment ?? {},
		quoteId: cart.id,
	});
	cart.isActive = false;
	cart.reservedOrderId = order.incrementId;
	cart.orderId = order.entityId;
	cart.payment = { method: order.payment.method, poNumber: order.payment.poNumber };
	cart.updatedAt = clock.nowIso();
	return order.entityId;
}
