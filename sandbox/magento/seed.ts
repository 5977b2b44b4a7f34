/**
 * The `magento` key of POST /__sandbox/seed (format and example in README.md). A seed adds to the
 * current state: entities with a known key (store code, source code, stock id, SKU, SKU + source,
 * customer id or email, admin username) are replaced, lists of methods and modules are replaced as
 * a whole, orders are always new. Orders are placed through the same code as the REST checkout
 * (payment method, salable quantity, reservations) and can be brought to a later state.
 * The whole seed is applied to a copy and swapped in only when every part is valid.
 */
import type { SandboxClock } from '../clock';
import { ControlError } from '../controlError';
import { createOrder, findShippingMethod } from './carts';
import { cancelOrder, holdOrder, invoiceOrder } from './orders';
import { seedTierPrices, type TierPriceInput } from './prices';
import { shipOrder } from './shipments';
import { asControl, startFulfilment } from './warehouse';
import {
	sourceItemKey,
	type AddressData,
	type MagentoData,
	type MagentoOrder,
	type PriceScope,
} from './state';

export interface MagentoStoreSeed {
	code: string;
	id?: number;
	name?: string;
	websiteCode?: string;
	websiteId?: number;
	websiteName?: string;
	groupName?: string;
	currency?: string;
}

export interface MagentoSourceSeed {
	sourceCode: string;
	name?: string;
	enabled?: boolean;
	countryId?: string;
	postcode?: string;
}

export interface MagentoStockSeed {
	stockId: number;
	name?: string;
	/** Assigned sources, highest priority first. */
	sourceCodes: string[];
	/** Websites (sales channels) the stock serves; default ["base"] for stock 1, else none. */
	websiteCodes?: string[];
}

export interface MagentoProductSeed {
	sku: string;
	name?: string;
	price?: number;
	id?: number;
	typeId?: 'simple' | 'virtual';
	weight?: number;
	/** Default true. */
	enabled?: boolean;
	/** Out-of-stock threshold (default 0). */
	minQty?: number;
	/** Quantity per source code, e.g. { "default": 10, "wh-east": 4 } (status: in stock when > minQty). */
	stock?: Record<string, number>;
}

export interface MagentoSourceItemSeed {
	sku: string;
	sourceCode: string;
	quantity: number;
	/** 1 in stock, 0 out of stock; default from the quantity. */
	status?: number;
}

/** An address in Magento's REST fields (street may be one string). */
export type MagentoAddressSeed = Omit<AddressData, 'street'> & { street: string | string[] };

export interface MagentoCustomerSeed {
	id?: number;
	email: string;
	firstname: string;
	lastname: string;
	/** A customer group id (default 1, General); `group_id` is read as well. */
	groupId?: number;
	group_id?: number;
	storeCode?: string;
	/** The first address is the default billing and shipping address. */
	addresses?: MagentoAddressSeed[];
}

export interface MagentoCustomerGroupSeed {
	id: number;
	code: string;
	/** Default 3 (Retail Customer). */
	taxClassId?: number;
	taxClassName?: string;
}

/** A tier price in the body shape of POST /V1/products/tier-prices. */
export type MagentoTierPriceSeed = TierPriceInput;

export interface MagentoOrderSeed {
	/** A seeded customer, by id or email; or a guest. */
	customerId?: number;
	customerEmail?: string;
	guest?: { email: string; firstname: string; lastname: string };
	storeCode?: string;
	items: Array<{ sku: string; qty: number; price?: number }>;
	/** Default: the customer's first address (required for guests). */
	shippingAddress?: MagentoAddressSeed;
	billingAddress?: MagentoAddressSeed;
	/** "carrier_method", default "flatrate_flatrate". */
	shippingMethod?: string;
	/** Default "purchaseorder" with poNumber, else "checkmo". */
	paymentMethod?: string;
	poNumber?: string;
	/** ISO date; default now. */
	createdAt?: string;
	/**
	 * Bring the order to this state through the normal actions: "new" (default), "processing"
	 * (start fulfilment), "invoiced" (processing, fully invoiced), "holded", "canceled",
	 * "complete" (invoiced and shipped in full from the default source selection).
	 */
	state?: 'new' | 'processing' | 'invoiced' | 'holded' | 'canceled' | 'complete';
}

export interface MagentoSeed {
	/** Replaces the accepted integration (Bearer) tokens. Default ["magento-sandbox-integration-token"]. */
	integrationTokens?: string[];
	/** Admin users for POST /V1/integration/admin/token. */
	admins?: Array<{ username: string; password: string }>;
	stores?: MagentoStoreSeed[];
	/** Replaces the list GET /V1/modules answers. */
	modules?: string[];
	/** Replaces the enabled payment methods (default checkmo and purchaseorder). */
	paymentMethods?: Array<{ code: string; title?: string }>;
	/** Replaces the carriers (default flatrate_flatrate 5.00 per item, freeshipping_freeshipping). */
	shippingMethods?: Array<{
		carrierCode: string;
		methodCode: string;
		carrierTitle?: string;
		methodTitle?: string;
		price?: number;
		per?: 'item' | 'order';
	}>;
	sources?: MagentoSourceSeed[];
	stocks?: MagentoStockSeed[];
	products?: MagentoProductSeed[];
	sourceItems?: MagentoSourceItemSeed[];
	/** Customer groups, replaced by id (default 0 NOT LOGGED IN, 1 General, 2 Wholesale, 3 Retailer). */
	customerGroups?: MagentoCustomerGroupSeed[];
	/** Catalog Price Scope: "global" (default; tier prices only for website 0) or "website". */
	priceScope?: PriceScope;
	/** Tier prices, applied as POST /V1/products/tier-prices (the seed fails when one is rejected). */
	tierPrices?: MagentoTierPriceSeed[];
	customers?: MagentoCustomerSeed[];
	orders?: MagentoOrderSeed[];
}

export interface MagentoSeedResult {
	stores: number;
	sources: number;
	stocks: number;
	products: number;
	sourceItems: number;
	customerGroups: number;
	tierPrices: number;
	customers: number;
	/** Entity ids and increment ids of the orders placed by this seed. */
	orders: Array<{ entityId: number; incrementId: string; state: string; status: string }>;
}

const KEYS = [
	'integrationTokens',
	'admins',
	'stores',
	'modules',
	'paymentMethods',
	'shippingMethods',
	'sources',
	'stocks',
	'products',
	'sourceItems',
	'customerGroups',
	'priceScope',
	'tierPrices',
	'customers',
	'orders',
];

function fail(where: string, message: string): never {
	throw new ControlError(400, `magento.${where} ${message}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
	return !!v && typeof v === 'object' && !Array.isArray(v);
}

function list<T>(value: unknown, where: string): T[] {
	if (value === undefined) return [];
	if (!Array.isArray(value)) fail(where, 'must be a list.');
	value.forEach((v, i) => {
		if (!isObject(v) && typeof v !== 'string') fail(`${where}[${i}]`, 'must be an object.');
	});
	return value as T[];
}

function str(v: unknown, where: string, optional = false): string {
	if (v === undefined && optional) return '';
	if (typeof v !== 'string' || v.trim() === '') fail(where, 'must be a non-empty string.');
	return v;
}

function num(
	v: unknown,
	where: string,
	{ min, integer }: { min?: number; integer?: boolean } = {},
): number {
	if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, 'must be a number.');
	if (integer && !Number.isInteger(v)) fail(where, 'must be an integer.');
	if (min !== undefined && v < min) fail(where, `must be >= ${min}.`);
	return v;
}

function address(v: unknown, where: string): AddressData {
	if (!isObject(v)) fail(where, 'must be an address object.');
	for (const f of ['firstname', 'lastname', 'city', 'postcode', 'country_id', 'telephone'])
		str(v[f], `${where}.${f}`);
	const street = v.street;
	const streetList = typeof street === 'string' ? [street] : street;
	if (
		!Array.isArray(streetList) ||
		!streetList.length ||
		streetList.some((s) => typeof s !== 'string')
	)
		fail(`${where}.street`, 'must be a string or a list of strings.');
	return { ...(v as unknown as AddressData), street: streetList as string[] };
}

/** The seed as an object with known keys only. */
function checkedSeed(seed: unknown): MagentoSeed {
	if (!isObject(seed))
		throw new ControlError(400, 'magento must be an object such as { "products": [ … ] }.');
	const unknown = Object.keys(seed).filter((k) => !KEYS.includes(k));
	if (unknown.length)
		throw new ControlError(
			400,
			`magento: unknown key(s) ${unknown.join(', ')}. Known: ${KEYS.join(', ')}.`,
		);
	return seed as MagentoSeed;
}

function emptyResult(): MagentoSeedResult {
	return {
		stores: 0,
		sources: 0,
		stocks: 0,
		products: 0,
		sourceItems: 0,
		customerGroups: 0,
		tierPrices: 0,
		customers: 0,
		orders: [],
	};
}

/** What one seed step reads and writes. */
interface SeedRun {
	data: MagentoData;
	s: MagentoSeed;
	result: MagentoSeedResult;
	now: string;
	clock: SandboxClock;
}

/** Integration tokens, admin users and modules. */
function seedAccess({ data, s }: SeedRun): void {
	if (s.integrationTokens !== undefined) {
		if (!Array.isArray(s.integrationTokens) || !s.integrationTokens.length)
			fail('integrationTokens', 'must be a non-empty list of strings.');
		data.integrationTokens = s.integrationTokens.map((t, i) => str(t, `integrationTokens[${i}]`));
	}
	list<{ username: string; password: string }>(s.admins, 'admins').forEach((a, i) => {
		const username = str(a.username, `admins[${i}].username`);
		const password = str(a.password, `admins[${i}].password`);
		data.admins = [...data.admins.filter((x) => x.username !== username), { username, password }];
	});
	if (s.modules !== undefined) {
		if (!Array.isArray(s.modules)) fail('modules', 'must be a list of module names.');
		data.modules = s.modules.map((m, i) => str(m, `modules[${i}]`));
	}
}

const PAYMENT_TITLES: Record<string, string> = {
	purchaseorder: 'Purchase Order',
	checkmo: 'Check / Money order',
	banktransfer: 'Bank Transfer Payment',
	cashondelivery: 'Cash On Delivery',
	free: 'No Payment Information Required',
};

/** Payment and shipping methods (each list replaced as a whole). */
function seedMethods({ data, s }: SeedRun): void {
	if (s.paymentMethods !== undefined) {
		data.paymentMethods = list<{ code: string; title?: string }>(
			s.paymentMethods,
			'paymentMethods',
		).map((m, i) => ({
			code: str(m.code, `paymentMethods[${i}].code`),
			title: m.title ?? PAYMENT_TITLES[m.code] ?? m.code,
		}));
	}
	if (s.shippingMethods !== undefined) {
		data.shippingMethods = list<NonNullable<MagentoSeed['shippingMethods']>[number]>(
			s.shippingMethods,
			'shippingMethods',
		).map((m, i) => {
			const where = `shippingMethods[${i}]`;
			if (m.per !== undefined && m.per !== 'item' && m.per !== 'order')
				fail(`${where}.per`, 'must be "item" or "order".');
			return {
				carrierCode: str(m.carrierCode, `${where}.carrierCode`),
				methodCode: str(m.methodCode, `${where}.methodCode`),
				carrierTitle: m.carrierTitle ?? m.carrierCode,
				methodTitle: m.methodTitle ?? m.methodCode,
				price: m.price === undefined ? 0 : num(m.price, `${where}.price`, { min: 0 }),
				per: m.per ?? 'order',
			};
		});
	}
}

function seedStores({ data, s, result }: SeedRun): void {
	list<MagentoStoreSeed>(s.stores, 'stores').forEach((st, i) => {
		const where = `stores[${i}]`;
		const code = str(st.code, `${where}.code`);
		const prev = data.stores.find((x) => x.code === code);
		const id =
			st.id !== undefined
				? num(st.id, `${where}.id`, { min: 1, integer: true })
				: (prev?.id ?? Math.max(0, ...data.stores.map((x) => x.id)) + 1);
		const clash = data.stores.find((x) => x.id === id && x.code !== code);
		if (clash) fail(`${where}.id`, `${id} is already the id of store ${clash.code}.`);
		const store = {
			code,
			id,
			name: st.name ?? prev?.name ?? code,
			websiteCode: st.websiteCode ?? prev?.websiteCode ?? 'base',
			websiteId: st.websiteId ?? prev?.websiteId ?? 1,
			websiteName: st.websiteName ?? prev?.websiteName ?? 'Main Website',
			groupName: st.groupName ?? prev?.groupName ?? 'Main Website Store',
			currency: st.currency ?? prev?.currency ?? 'USD',
		};
		data.stores = [...data.stores.filter((x) => x.code !== code), store].sort(
			(a, b) => a.id - b.id,
		);
		result.stores++;
	});
}

function seedSources({ data, s, result }: SeedRun): void {
	list<MagentoSourceSeed>(s.sources, 'sources').forEach((src, i) => {
		const where = `sources[${i}]`;
		const sourceCode = str(src.sourceCode, `${where}.sourceCode`);
		const prev = data.sources.get(sourceCode);
		data.sources.set(sourceCode, {
			sourceCode,
			name: src.name ?? prev?.name ?? sourceCode,
			enabled: src.enabled ?? prev?.enabled ?? true,
			countryId: src.countryId ?? prev?.countryId ?? 'US',
			postcode: src.postcode ?? prev?.postcode ?? '00000',
		});
		result.sources++;
	});
}

function seedStocks({ data, s, result }: SeedRun): void {
	list<MagentoStockSeed>(s.stocks, 'stocks').forEach((st, i) => {
		const where = `stocks[${i}]`;
		const stockId = num(st.stockId, `${where}.stockId`, { min: 1, integer: true });
		if (!Array.isArray(st.sourceCodes) || !st.sourceCodes.length)
			fail(`${where}.sourceCodes`, 'must be a non-empty list of source codes.');
		st.sourceCodes.forEach((c, j) => {
			if (!data.sources.has(c))
				fail(
					`${where}.sourceCodes[${j}]`,
					`is not a known source (${String(c)}); seed it under sources.`,
				);
		});
		const websiteCodes =
			st.websiteCodes ?? data.stocks.get(stockId)?.websiteCodes ?? (stockId === 1 ? ['base'] : []);
		if (!Array.isArray(websiteCodes))
			fail(`${where}.websiteCodes`, 'must be a list of website codes.');
		// A website is served by one stock: linking it here unlinks it elsewhere.
		for (const other of data.stocks.values())
			if (other.stockId !== stockId)
				other.websiteCodes = other.websiteCodes.filter((w) => !websiteCodes.includes(w));
		data.stocks.set(stockId, {
			stockId,
			name: st.name ?? data.stocks.get(stockId)?.name ?? `Stock ${stockId}`,
			sourceCodes: [...st.sourceCodes],
			websiteCodes: [...websiteCodes],
		});
		result.stocks++;
	});
}

interface SourceItemSet {
	sku: string;
	sourceCode: string;
	quantity: number;
	status: number | undefined;
	where: string;
}

function setSourceItem({ data, result }: SeedRun, item: SourceItemSet): void {
	const { sku, sourceCode, quantity, status, where } = item;
	if (!data.sources.has(sourceCode))
		fail(where, `names an unknown source ${sourceCode}; seed it under sources.`);
	if (status !== undefined && status !== 0 && status !== 1) fail(where, 'status must be 0 or 1.');
	const minQty = data.products.get(sku)?.minQty ?? 0;
	data.sourceItems.set(sourceItemKey(sku, sourceCode), {
		sku,
		sourceCode,
		quantity,
		status: status ?? (quantity > minQty ? 1 : 0),
	});
	result.sourceItems++;
}

/** The product's id: the seeded one, the one it had, or the next free one. */
function productId(data: MagentoData, p: MagentoProductSeed, sku: string, where: string): number {
	let id = data.products.get(sku)?.id;
	if (p.id !== undefined) id = num(p.id, `${where}.id`, { min: 1, integer: true });
	if (id === undefined) id = data.next.product;
	const clash = [...data.products.values()].find((x) => x.id === id && x.sku !== sku);
	if (clash) fail(`${where}.id`, `${id} is already the id of ${clash.sku}.`);
	data.next.product = Math.max(data.next.product, id + 1);
	return id;
}

function seedProducts(run: SeedRun): void {
	const { data, s, result, now } = run;
	list<MagentoProductSeed>(s.products, 'products').forEach((p, i) => {
		const where = `products[${i}]`;
		const sku = str(p.sku, `${where}.sku`);
		const prev = data.products.get(sku);
		const id = productId(data, p, sku, where);
		if (p.typeId !== undefined && p.typeId !== 'simple' && p.typeId !== 'virtual')
			fail(`${where}.typeId`, 'must be "simple" or "virtual".');
		data.products.set(sku, {
			id,
			sku,
			name: p.name ?? prev?.name ?? sku,
			price:
				p.price !== undefined ? num(p.price, `${where}.price`, { min: 0 }) : (prev?.price ?? 0),
			typeId: p.typeId ?? prev?.typeId ?? 'simple',
			weight:
				p.weight !== undefined ? num(p.weight, `${where}.weight`, { min: 0 }) : (prev?.weight ?? 1),
			status: p.enabled === false ? 2 : p.enabled === true ? 1 : (prev?.status ?? 1),
			minQty:
				p.minQty !== undefined ? num(p.minQty, `${where}.minQty`, { min: 0 }) : (prev?.minQty ?? 0),
			createdAt: prev?.createdAt ?? now,
			updatedAt: now,
		});
		if (p.stock !== undefined) {
			if (!isObject(p.stock)) fail(`${where}.stock`, 'must be an object { sourceCode: quantity }.');
			for (const [code, qty] of Object.entries(p.stock)) {
				const at = `${where}.stock.${code}`;
				const quantity = num(qty, at, { min: 0 });
				setSourceItem(run, { sku, sourceCode: code, quantity, status: undefined, where: at });
			}
		}
		result.products++;
	});
}

function seedSourceItems(run: SeedRun): void {
	list<MagentoSourceItemSeed>(run.s.sourceItems, 'sourceItems').forEach((si, i) => {
		const where = `sourceItems[${i}]`;
		setSourceItem(run, {
			sku: str(si.sku, `${where}.sku`),
			sourceCode: str(si.sourceCode, `${where}.sourceCode`),
			quantity: num(si.quantity, `${where}.quantity`, { min: 0 }),
			status: si.status,
			where,
		});
	});
}

function seedCustomerGroups({ data, s, result }: SeedRun): void {
	list<MagentoCustomerGroupSeed>(s.customerGroups, 'customerGroups').forEach((g, i) => {
		const where = `customerGroups[${i}]`;
		const id = num(g.id, `${where}.id`, { min: 0, integer: true });
		const code = str(g.code, `${where}.code`);
		if (code.length > 32)
			fail(`${where}.code`, 'must have at most 32 characters (customer_group_code).');
		const clash = [...data.customerGroups.values()].find(
			(x) => x.id !== id && x.code.toLowerCase() === code.toLowerCase(),
		);
		if (clash) fail(`${where}.code`, `${code} is already the code of customer group ${clash.id}.`);
		const prev = data.customerGroups.get(id);
		data.customerGroups.set(id, {
			id,
			code,
			taxClassId:
				g.taxClassId !== undefined
					? num(g.taxClassId, `${where}.taxClassId`, { min: 0, integer: true })
					: (prev?.taxClassId ?? 3),
			taxClassName:
				g.taxClassName !== undefined
					? str(g.taxClassName, `${where}.taxClassName`)
					: (prev?.taxClassName ?? 'Retail Customer'),
		});
		result.customerGroups++;
	});
}

const TIER_PRICE_FIELDS = [
	'price',
	'price_type',
	'website_id',
	'sku',
	'customer_group',
	'quantity',
	'extension_attributes',
];

function tierPriceInput(p: MagentoTierPriceSeed, where: string): TierPriceInput {
	const extra = Object.keys(p).filter((k) => !TIER_PRICE_FIELDS.includes(k));
	if (extra.length)
		fail(
			where,
			`has unknown field(s) ${extra.join(', ')}; a tier price is ` +
				'{ price, price_type, website_id, sku, customer_group, quantity }.',
		);
	return {
		price: num(p.price, `${where}.price`),
		price_type: str(p.price_type, `${where}.price_type`),
		website_id: num(p.website_id, `${where}.website_id`, { integer: true }),
		sku: str(p.sku, `${where}.sku`),
		customer_group: str(p.customer_group, `${where}.customer_group`),
		quantity: num(p.quantity, `${where}.quantity`),
	};
}

/** The price scope and the tier prices. */
function seedPrices({ data, s, result }: SeedRun): void {
	if (s.priceScope !== undefined) {
		if (s.priceScope !== 'global' && s.priceScope !== 'website')
			fail('priceScope', 'must be "global" or "website".');
		data.priceScope = s.priceScope;
	}
	if (s.tierPrices !== undefined) {
		const prices = list<MagentoTierPriceSeed>(s.tierPrices, 'tierPrices').map((p, i) =>
			tierPriceInput(p, `tierPrices[${i}]`),
		);
		const failures = asSeed('tierPrices', () => seedTierPrices(data, prices));
		if (failures.length)
			throw new ControlError(400, `magento.tierPrices: ${failures[0]}`, failures);
		result.tierPrices += prices.length;
	}
}

/** The customer's id: the seeded one, the one of its email, or the next free one. */
function customerId(data: MagentoData, c: MagentoCustomerSeed, where: string): number {
	const email = str(c.email, `${where}.email`);
	const byEmail = [...data.customers.values()].find(
		(x) => x.email.toLowerCase() === email.toLowerCase(),
	);
	let id =
		c.id !== undefined
			? num(c.id, `${where}.id`, { min: 1, integer: true })
			: (byEmail?.id ?? data.next.customer);
	if (byEmail && byEmail.id !== id)
		fail(`${where}.email`, `${email} already belongs to customer ${byEmail.id}.`);
	id = Math.trunc(id);
	data.next.customer = Math.max(data.next.customer, id + 1);
	return id;
}

function seedCustomers({ data, s, result, now }: SeedRun): void {
	list<MagentoCustomerSeed>(s.customers, 'customers').forEach((c, i) => {
		const where = `customers[${i}]`;
		const id = customerId(data, c, where);
		const email = c.email;
		const store = data.stores.find((x) => x.code === (c.storeCode ?? data.stores[0].code));
		if (!store) fail(`${where}.storeCode`, `is not a known store (${String(c.storeCode)}).`);
		const prev = data.customers.get(id);
		const addresses = (c.addresses ?? []).map((a, j) => ({
			...address(a, `${where}.addresses[${j}]`),
			id: data.next.address++,
			...(j === 0 ? { default_billing: true, default_shipping: true } : {}),
		}));
		data.customers.set(id, {
			id,
			email,
			firstname: str(c.firstname, `${where}.firstname`),
			lastname: str(c.lastname, `${where}.lastname`),
			groupId: customerGroupOf(data, c, prev?.groupId, where),
			storeId: store.id,
			websiteId: store.websiteId,
			addresses: c.addresses ? addresses : (prev?.addresses ?? []),
			createdAt: prev?.createdAt ?? now,
			updatedAt: now,
		});
		result.customers++;
	});
}

function seedOrders({ data, s, result, clock }: SeedRun): void {
	list<MagentoOrderSeed>(s.orders, 'orders').forEach((o, i) => {
		const order = seedOrder(data, o, `orders[${i}]`, clock);
		result.orders.push({
			entityId: order.entityId,
			incrementId: order.incrementId,
			state: order.state,
			status: order.status,
		});
	});
}

/** The steps of a seed, in the order they apply (later steps refer to what earlier ones made). */
const SEED_STEPS: Array<(run: SeedRun) => void> = [
	seedAccess,
	seedMethods,
	seedStores,
	seedSources,
	seedStocks,
	seedProducts,
	seedSourceItems,
	seedCustomerGroups,
	seedPrices,
	seedCustomers,
	seedOrders,
];

/** Applies the seed to `data` (a copy the caller swaps in). */
export function applyMagentoSeed(
	data: MagentoData,
	seed: unknown,
	clock: SandboxClock,
): MagentoSeedResult {
	const run: SeedRun = {
		data,
		s: checkedSeed(seed),
		result: emptyResult(),
		now: clock.nowIso(),
		clock,
	};
	for (const step of SEED_STEPS) step(run);
	return run.result;
}

function seedOrder(
	data: MagentoData,
	o: MagentoOrderSeed,
	where: string,
	clock: SandboxClock,
): MagentoOrder {
	const customer =
		o.customerId !== undefined
			? data.customers.get(o.customerId)
			: o.customerEmail !== undefined
				? [...data.customers.values()].find(
						(c) => c.email.toLowerCase() === String(o.customerEmail).toLowerCase(),
					)
				: undefined;
	if ((o.customerId !== undefined || o.customerEmail !== undefined) && !customer)
		fail(where, `names an unknown customer (${String(o.customerId ?? o.customerEmail)}).`);
	if (!customer && !o.guest)
		fail(where, 'needs customerId, customerEmail or guest { email, firstname, lastname }.');
	if (o.guest) {
		str(o.guest.email, `${where}.guest.email`);
		str(o.guest.firstname, `${where}.guest.firstname`);
		str(o.guest.lastname, `${where}.guest.lastname`);
	}
	const store = data.stores.find(
		(s) =>
			s.code ===
			(o.storeCode ??
				data.stores.find((x) => x.id === customer?.storeId)?.code ??
				data.stores[0].code),
	);
	if (!store) fail(`${where}.storeCode`, `is not a known store (${String(o.storeCode)}).`);
	if (!Array.isArray(o.items) || !o.items.length)
		fail(`${where}.items`, 'must be a non-empty list of { sku, qty }.');
	const lines = o.items.map((it, j) => {
		const sku = str(it?.sku, `${where}.items[${j}].sku`);
		if (!data.products.has(sku))
			fail(`${where}.items[${j}].sku`, `is not a seeded product (${sku}).`);
		return {
			sku,
			qty: num(it.qty, `${where}.items[${j}].qty`, { min: 1 }),
			price:
				it.price === undefined
					? undefined
					: num(it.price, `${where}.items[${j}].price`, { min: 0 }),
		};
	});
	const defaultAddress = customer?.addresses[0];
	const shippingAddress = o.shippingAddress
		? address(o.shippingAddress, `${where}.shippingAddress`)
		: defaultAddress
			? stripId(defaultAddress)
			: undefined;
	if (!shippingAddress)
		fail(`${where}.shippingAddress`, 'is required when the customer has no address.');
	const billingAddress = o.billingAddress
		? address(o.billingAddress, `${where}.billingAddress`)
		: shippingAddress;
	const [carrierCode, ...rest] = (o.shippingMethod ?? 'flatrate_flatrate').split('_');
	const methodCode = rest.join('_');
	const shippingMethod = asSeed(where, () => findShippingMethod(data, carrierCode, methodCode));
	const paymentMethod = o.paymentMethod ?? (o.poNumber ? 'purchaseorder' : 'checkmo');
	let createdAt: string | undefined;
	if (o.createdAt !== undefined) {
		const t = Date.parse(str(o.createdAt, `${where}.createdAt`));
		if (!Number.isFinite(t)) fail(`${where}.createdAt`, 'must be an ISO date.');
		createdAt = new Date(t).toISOString();
	}
	const order = asSeed(where, () =>
		createOrder(data, clock, {
			storeId: store.id,
			customer,
			guest: o.guest,
			lines,
			shippingAddress,
			billingAddress,
			shippingMethod,
			payment: { method: paymentMethod, po_number: o.poNumber },
			createdAt,
		}),
	);
	const state = o.state ?? 'new';
	switch (state) {
		case 'new':
			break;
		case 'processing':
			startFulfilment(data, order, {}, clock);
			break;
		case 'invoiced':
			asSeed(where, () => invoiceOrder(data, order, {}, clock));
			break;
		case 'holded':
			asSeed(where, () => holdOrder(order, clock));
			break;
		case 'canceled':
			cancelOrder(data, order, clock);
			break;
		case 'complete':
			asSeed(where, () => invoiceOrder(data, order, {}, clock));
			asSeed(where, () => shipOrder(data, order, {}, clock));
			break;
		default:
			fail(
				`${where}.state`,
				'must be one of new, processing, invoiced, holded, canceled, complete.',
			);
	}
	return order;
}

function customerGroupOf(
	data: MagentoData,
	c: MagentoCustomerSeed,
	previous: number | undefined,
	where: string,
): number {
	const raw = c.groupId ?? c.group_id;
	if (raw === undefined) return previous ?? 1;
	const id = num(raw, `${where}.groupId`, { min: 0, integer: true });
	if (!data.customerGroups.has(id))
		fail(
			`${where}.groupId`,
			`is not a known customer group (${id}); seed it under customerGroups.`,
		);
	return id;
}

function stripId(
	a: AddressData & { id: number; default_shipping?: boolean; default_billing?: boolean },
): AddressData {
	const { id, default_billing: _b, default_shipping: _s, ...rest } = a;
	return { ...rest, customer_address_id: id };
}

function asSeed<T>(where: string, fn: () => T): T {
	try {
		return asControl(fn);
	} catch (e) {
		if (e instanceof ControlError)
			throw new ControlError(400, `magento.${where}: ${e.message}`, e.details);
		throw e;
	}
}
