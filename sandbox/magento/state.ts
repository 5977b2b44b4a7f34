/**
 * What the Magento simulator holds: configuration (tokens, stores, payment and shipping methods),
 * the catalog and MSI data (sources, stocks, products, source items, reservations), customers,
 * carts (quotes), orders, shipments and invoices. Plain data in Maps, so a seed can work on a
 * structured clone and swap it in only when the whole seed is valid.
 */

export type OrderState =
	| 'new'
	| 'processing'
	| 'complete'
	| 'closed'
	| 'canceled'
	| 'holded'
	| 'pending_payment'
	| 'payment_review';

/** The default status of each state, and the statuses a state allows (Magento's sales_order_status_state). */
export const STATE_STATUSES: Record<OrderState, string[]> = {
	new: ['pending'],
	processing: ['processing', 'fraud'],
	complete: ['complete'],
	closed: ['closed'],
	canceled: ['canceled'],
	holded: ['holded'],
	pending_payment: ['pending_payment'],
	payment_review: ['payment_review', 'fraud'],
};

export function defaultStatus(state: OrderState): string {
	return STATE_STATUSES[state][0];
}

/** An address in Magento's REST shape (quote / order address fields). */
export interface AddressData {
	firstname: string;
	lastname: string;
	street: string[];
	city: string;
	postcode: string;
	country_id: string;
	telephone: string;
	company?: string;
	region?: string;
	region_id?: number;
	region_code?: string;
	email?: string;
	middlename?: string;
	prefix?: string;
	suffix?: string;
	vat_id?: string;
	fax?: string;
	customer_address_id?: number;
}

export interface MagentoStore {
	code: string;
	id: number;
	name: string;
	websiteCode: string;
	websiteId: number;
	websiteName: string;
	groupName: string;
	currency: string;
}

export interface MagentoSource {
	sourceCode: string;
	name: string;
	enabled: boolean;
	countryId: string;
	postcode: string;
}

export interface MagentoStock {
	stockId: number;
	name: string;
	/** Assigned sources, highest priority first. */
	sourceCodes: string[];
	/** Sales channels (websites) the stock serves. */
	websiteCodes: string[];
}

export interface MagentoProduct {
	id: number;
	sku: string;
	name: string;
	price: number;
	typeId: string;
	weight: number;
	/** 1 enabled, 2 disabled. */
	status: number;
	/** Out-of-stock threshold (MSI "min_qty"): salable quantity is reduced by it. */
	minQty: number;
	createdAt: string;
	updatedAt: string;
}

export interface MagentoSourceItem {
	sku: string;
	sourceCode: string;
	quantity: number;
	/** 1 in stock, 0 out of stock. */
	status: number;
}

export interface ReservationMetadata {
	event_type: string;
	object_type: string;
	object_id: string;
	object_increment_id: string;
}

export interface MagentoReservation {
	reservationId: number;
	stockId: number;
	sku: string;
	quantity: number;
	metadata: ReservationMetadata;
	createdAt: string;
}

export interface MagentoCustomer {
	id: number;
	email: string;
	firstname: string;
	lastname: string;
	groupId: number;
	storeId: number;
	websiteId: number;
	addresses: Array<
		AddressData & { id: number; default_shipping?: boolean; default_billing?: boolean }
	>;
	createdAt: string;
	updatedAt: string;
}

export interface PaymentMethodConfig {
	code: string;
	title: string;
}

export interface ShippingMethodConfig {
	carrierCode: string;
	methodCode: string;
	carrierTitle: string;
	methodTitle: string;
	price: number;
	/** "item": price per item quantity (Magento's flat rate default); "order": once per order. */
	per: 'item' | 'order';
}

export interface CartItem {
	itemId: number;
	sku: string;
	qty: number;
	name: string;
	/** The item's price as the last totals collection computed it (catalog or tier price, prices.ts). */
	price: number;
	/** The catalog price (Magento's base_original_price); default `price`. */
	originalPrice?: number;
	productType: string;
	productId: number;
}

export interface Cart {
	id: number;
	storeId: number;
	customerId?: number;
	isActive: boolean;
	createdAt: string;
	updatedAt: string;
	items: CartItem[];
	shippingAddress?: AddressData;
	billingAddress?: AddressData;
	shippingMethod?: { carrierCode: string; methodCode: string };
	payment?: { method: string; poNumber?: string };
	reservedOrderId?: string;
	orderId?: number;
}

export interface OrderItem {
	itemId: number;
	quoteItemId?: number;
	sku: string;
	name: string;
	productId: number;
	productType: string;
	price: number;
	/** The catalog price when the order was placed (original_price); default `price`. */
	originalPrice?: number;
	weight: number;
	qtyOrdered: number;
	qtyShipped: number;
	qtyInvoiced: number;
	qtyCanceled: number;
	qtyRefunded: number;
	createdAt: string;
	updatedAt: string;
}

export interface StatusHistory {
	entityId: number;
	comment: string | null;
	status: string;
	isCustomerNotified: number | null;
	isVisibleOnFront: number;
	entityName: string;
	createdAt: string;
}

export interface MagentoOrder {
	entityId: number;
	incrementId: string;
	quoteId?: number;
	storeId: number;
	stockId: number;
	customerId?: number;
	customerIsGuest: boolean;
	customerEmail: string;
	customerFirstname: string;
	customerLastname: string;
	customerGroupId: number;
	state: OrderState;
	status: string;
	holdBeforeState?: OrderState;
	holdBeforeStatus?: string;
	createdAt: string;
	updatedAt: string;
	currency: string;
	items: OrderItem[];
	billingAddress: AddressData;
	shippingAddress: AddressData;
	billingAddressId: number;
	shippingAddressId: number;
	shipping: { carrierCode: string; methodCode: string; description: string; amount: number };
	payment: { entityId: number; method: string; title: string; poNumber?: string };
	histories: StatusHistory[];
	shipmentIds: number[];
	invoiceIds: number[];
	totalInvoiced: number;
	totalPaid: number;
	totalCanceled: number;
}

export interface ShipmentTrack {
	entityId: number;
	trackNumber: string;
	title: string;
	carrierCode: string;
	createdAt: string;
}

export interface ShipmentComment {
	entityId: number;
	comment: string;
	isCustomerNotified: number | null;
	isVisibleOnFront: number;
	createdAt: string;
}

export interface MagentoShipment {
	entityId: number;
	incrementId: string;
	orderId: number;
	storeId: number;
	sourceCode: string;
	createdAt: string;
	updatedAt: string;
	items: Array<{
		entityId: number;
		orderItemId: number;
		sku: string;
		name: string;
		productId: number;
		price: number;
		weight: number;
		qty: number;
	}>;
	tracks: ShipmentTrack[];
	comments: ShipmentComment[];
}

export interface MagentoInvoice {
	entityId: number;
	incrementId: string;
	orderId: number;
	createdAt: string;
	items: Array<{ orderItemId: number; sku: string; qty: number; price: number; rowTotal: number }>;
	subtotal: number;
	shippingAmount: number;
	grandTotal: number;
}

/** A customer group (customer_group): 0 NOT LOGGED IN, 1 General, 2 Wholesale, 3 Retailer by default. */
export interface MagentoCustomerGroup {
	id: number;
	code: string;
	taxClassId: number;
	taxClassName: string;
}

/**
 * A row of catalog_product_entity_tier_price, as Magento's price storage writes it: `allGroups`
 * with customerGroupId 0 for "ALL GROUPS"; `value` for a fixed price (0 for a discount),
 * `percentageValue` for a discount (null for a fixed price). value has 6 decimals, qty 4,
 * percentageValue 2 (the column types).
 */
export interface TierPriceRow {
	valueId: number;
	sku: string;
	allGroups: boolean;
	customerGroupId: number;
	qty: number;
	value: number;
	percentageValue: number | null;
	websiteId: number;
}

/** Catalog Price Scope (catalog/price/scope): "global" (Magento's default: only website 0) or "website". */
export type PriceScope = 'global' | 'website';

export interface AdminToken {
	token: string;
	username: string;
	expiresAtMs: number;
}

export interface Counters {
	product: number;
	customer: number;
	address: number;
	cart: number;
	cartItem: number;
	order: number;
	orderItem: number;
	orderAddress: number;
	payment: number;
	history: number;
	shipment: number;
	shipmentItem: number;
	track: number;
	comment: number;
	invoice: number;
	reservation: number;
	tierPrice: number;
}

export interface MagentoData {
	integrationTokens: string[];
	admins: Array<{ username: string; password: string }>;
	adminTokens: AdminToken[];
	stores: MagentoStore[];
	modules: string[];
	paymentMethods: PaymentMethodConfig[];
	shippingMethods: ShippingMethodConfig[];
	sources: Map<string, MagentoSource>;
	stocks: Map<number, MagentoStock>;
	products: Map<string, MagentoProduct>;
	/** Keyed by `${sku}\u0000${sourceCode}`. */
	sourceItems: Map<string, MagentoSourceItem>;
	reservations: MagentoReservation[];
	customerGroups: Map<number, MagentoCustomerGroup>;
	/** catalog/price/scope. */
	priceScope: PriceScope;
	tierPrices: TierPriceRow[];
	customers: Map<number, MagentoCustomer>;
	carts: Map<number, Cart>;
	orders: Map<number, MagentoOrder>;
	shipments: Map<number, MagentoShipment>;
	invoices: Map<number, MagentoInvoice>;
	next: Counters;
}

export const DEFAULT_INTEGRATION_TOKEN = 'magento-sandbox-integration-token';

export const DEFAULT_MODULES = [
	'Magento_Store',
	'Magento_Directory',
	'Magento_Theme',
	'Magento_Backend',
	'Magento_Eav',
	'Magento_Customer',
	'Magento_Catalog',
	'Magento_CatalogInventory',
	'Magento_Quote',
	'Magento_Checkout',
	'Magento_Sales',
	'Magento_SalesInventory',
	'Magento_Payment',
	'Magento_OfflinePayments',
	'Magento_Shipping',
	'Magento_OfflineShipping',
	'Magento_Integration',
	'Magento_Webapi',
	'Magento_Inventory',
	'Magento_InventoryApi',
	'Magento_InventoryCatalog',
	'Magento_InventorySales',
	'Magento_InventorySalesApi',
	'Magento_InventoryReservations',
	'Magento_InventoryShipping',
	'Magento_InventorySourceDeductionApi',
];

/** Magento's customer groups after installation, by id. */
export const DEFAULT_CUSTOMER_GROUPS = ['NOT LOGGED IN', 'General', 'Wholesale', 'Retailer'];

export function sourceItemKey(sku: string, sourceCode: string): string {
	return `${sku}\u0000${sourceCode}`;
}

export function createInitialData(): MagentoData {
	return {
		integrationTokens: [DEFAULT_INTEGRATION_TOKEN],
		admins: [],
		adminTokens: [],
		stores: [
			{
				code: 'default',
				id: 1,
				name: 'Default Store View',
				websiteCode: 'base',
				websiteId: 1,
				websiteName: 'Main Website',
				groupName: 'Main Website Store',
				currency: 'USD',
			},
		],
		modules: [...DEFAULT_MODULES],
		paymentMethods: [
			{ code: 'checkmo', title: 'Check / Money order' },
			{ code: 'purchaseorder', title: 'Purchase Order' },
		],
		shippingMethods: [
			{
				carrierCode: 'flatrate',
				methodCode: 'flatrate',
				carrierTitle: 'Flat Rate',
				methodTitle: 'Fixed',
				price: 5,
				per: 'item',
			},
			{
				carrierCode: 'freeshipping',
				methodCode: 'freeshipping',
				carrierTitle: 'Free Shipping',
				methodTitle: 'Free',
				price: 0,
				per: 'order',
			},
		],
		sources: new Map([
			[
				'default',
				{
					sourceCode: 'default',
					name: 'Default Source',
					enabled: true,
					countryId: 'US',
					postcode: '00000',
				},
			],
		]),
		stocks: new Map([
			[1, { stockId: 1, name: 'Default Stock', sourceCodes: ['default'], websiteCodes: ['base'] }],
		]),
		products: new Map(),
		sourceItems: new Map(),
		reservations: [],
		customerGroups: new Map(
			DEFAULT_CUSTOMER_GROUPS.map((code, id): [number, MagentoCustomerGroup] => [
				id,
				{ id, code, taxClassId: 3, taxClassName: 'Retail Customer' },
			]),
		),
		priceScope: 'global',
		tierPrices: [],
		customers: new Map(),
		carts: new Map(),
		orders: new Map(),
		shipments: new Map(),
		invoices: new Map(),
		next: {
			product: 1,
			customer: 1,
			address: 1,
			cart: 1,
			cartItem: 1,
			order: 1,
			orderItem: 1,
			orderAddress: 1,
			payment: 1,
			history: 1,
			shipment: 1,
			shipmentItem: 1,
			track: 1,
			comment: 1,
			invoice: 1,
			reservation: 1,
			tierPrice: 1,
		},
	};
}

export function nextId(data: MagentoData, counter: keyof Counters): number {
	return data.next[counter]++;
}

/** Magento's date format in API answers: "2026-03-02 12:00:00" (UTC). */
export function magentoDate(iso: string): string {
	return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

export function round2(n: number): number {
	return Math.round((n + Number.EPSILON) * 100) / 100;
}

/** Increment ids as Magento's default sequences give them: "000000001" for store 1, "200000001" for store 2. */
export function incrementIdFor(id: number, storeId = 1): string {
	return storeId === 1 ? String(id).padStart(9, '0') : `${storeId}${String(id).padStart(8, '0')}`;
}
