/**
 * The `shopify` key of POST /__sandbox/seed: shop settings, the access token, the cost bucket,
 * locations, products with variants (SKU, price, stock per location and quantity state), and
 * existing orders. Seeds add to the state (a product with a known handle, a location with a known
 * name are replaced/updated) and are all-or-nothing: any error gives 400 with every problem listed
 * and nothing changes. The complete format is in README.md.
 */
import { GraphQLError } from 'graphql';
import { ControlError } from '../controlError';
import { createOrder, type OrderCreateInput } from './orders';
import { checkMetafield, dropMetafields, writeMetafield, type MetafieldInput } from './metafields';
import {
	gid,
	normaliseTags,
	STORED_QUANTITY_NAMES,
	type Address,
	type InventoryItemRecord,
	type OrderRecord,
	type ProductRecord,
	type ShopState,
	type StoredQuantityName,
	type VariantRecord,
} from './state';

export type StockSeed = number | Partial<Record<StoredQuantityName | 'on_hand', number>>;

export interface ShopifyVariantSeed {
	id?: number;
	inventoryItemId?: number;
	title?: string;
	sku?: string | null;
	barcode?: string | null;
	price?: string | number;
	compareAtPrice?: string | number | null;
	inventoryPolicy?: 'DENY' | 'CONTINUE';
	tracked?: boolean;
	requiresShipping?: boolean;
	taxable?: boolean;
	unitCost?: string | number | null;
	countryCodeOfOrigin?: string | null;
	harmonizedSystemCode?: string | null;
	/** Option name → value, e.g. { "Size": "L" }. */
	options?: Record<string, string>;
	/** A number (available at the first location) or, per location name, a number or quantities by state. */
	stock?: number | Record<string, StockSeed>;
	metafields?: MetafieldInput[];
}

export interface ShopifyProductSeed {
	id?: number;
	title: string;
	handle?: string;
	vendor?: string;
	productType?: string;
	status?: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
	tags?: string[];
	descriptionHtml?: string;
	metafields?: MetafieldInput[];
	variants?: ShopifyVariantSeed[];
}

export interface ShopifyLocationSeed {
	id?: number;
	name: string;
	address?: Address;
	isActive?: boolean;
	fulfillsOnlineOrders?: boolean;
}

export interface ShopifyOrderLineSeed {
	sku?: string;
	variantId?: string | number;
	title?: string;
	quantity: number;
	price?: string | number;
	requiresShipping?: boolean;
	taxable?: boolean;
}

export interface ShopifyOrderSeed {
	name?: string;
	email?: string;
	note?: string;
	poNumber?: string;
	tags?: string[];
	sourceName?: string;
	sourceIdentifier?: string;
	currency?: string;
	test?: boolean;
	financialStatus?: string;
	createdAt?: string;
	processedAt?: string;
	/** Default DECREMENT_IGNORING_POLICY: a seeded order has its units committed. */
	inventoryBehaviour?: OrderRecord['inventoryBehaviour'];
	shippingAddress?: Record<string, unknown>;
	customAttributes?: Array<{ key: string; value: string }>;
	metafields?: MetafieldInput[];
	lineItems: ShopifyOrderLineSeed[];
}

export interface ShopifySeed {
	shop?: { name?: string; myshopifyDomain?: string; currencyCode?: string; email?: string };
	/** The X-Shopify-Access-Token the API accepts (default shpat_sandbox_00000000000000000000000000). */
	accessToken?: string;
	throttle?: { maximumAvailable?: number; restoreRate?: number; enabled?: boolean };
	locations?: ShopifyLocationSeed[];
	products?: ShopifyProductSeed[];
	orders?: ShopifyOrderSeed[];
}

export interface ShopifySeedResult {
	locations: Array<{ id: string; name: string }>;
	products: Array<{
		id: string;
		handle: string;
		variants: Array<{ id: string; sku: string | null; inventoryItemId: string }>;
	}>;
	orders: Array<{ id: string; name: string }>;
}

const KNOWN_KEYS = ['shop', 'accessToken', 'throttle', 'locations', 'products', 'orders'];

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function handleize(title: string): string {
	return (
		title
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '') || 'product'
	);
}

function decimalText(value: unknown, where: string, problems: string[]): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !/^\d+(\.\d+)?$/.test(text)) {
		problems.push(`${where} must be a decimal amount such as "24.99"`);
		return undefined;
	}
	return text;
}

function checkId(id: unknown, where: string, problems: string[], reserved: Set<number>): void {
	if (id === undefined) return;
	if (!Number.isSafeInteger(id) || (id as number) < 1)
		problems.push(`${where} must be a positive integer`);
	else if (reserved.has(id as number)) problems.push(`${where} ${id} is used twice`);
	else reserved.add(id as number);
}

/** Applies `seed.shopify`; throws ControlError(400) listing every problem (nothing applied). */
export function applySeed(shop: ShopState, value: unknown): ShopifySeedResult {
	if (!isObject(value))
		throw new ControlError(
			400,
			'The shopify seed must be an object such as { "products": [ … ] }.',
		);
	const seed = value as ShopifySeed;
	const problems: string[] = [];
	for (const key of Object.keys(seed))
		if (!KNOWN_KEYS.includes(key))
			problems.push(`shopify.${key} is not a seed key (known: ${KNOWN_KEYS.join(', ')})`);
	const backup = shop.backup();
	const result: ShopifySeedResult = { locations: [], products: [], orders: [] };
	try {
		applySettings(shop, seed, problems);
		applyLocations(shop, seed, problems, result);
		applyProducts(shop, seed, problems, result);
		if (!problems.length) applyOrders(shop, seed, problems, result);
	} catch (e) {
		shop.restore(backup);
		throw e;
	}
	if (problems.length) {
		shop.restore(backup);
		throw new ControlError(
			400,
			`The shopify seed is invalid: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}.`,
			problems,
		);
	}
	return result;
}

function applySettings(shop: ShopState, seed: ShopifySeed, problems: string[]): void {
	if (seed.shop !== undefined) {
		if (!isObject(seed.shop)) problems.push('shopify.shop must be an object');
		else {
			for (const key of ['name', 'myshopifyDomain', 'email'] as const) {
				const v = seed.shop[key];
				if (v !== undefined && (typeof v !== 'string' || !v))
					problems.push(`shopify.shop.${key} must be a non-empty string`);
				else if (v !== undefined) shop.shop[key] = v;
			}
			const cur = seed.shop.currencyCode;
			if (cur !== undefined && (typeof cur !== 'string' || !/^[A-Z]{3}$/.test(cur)))
				problems.push('shopify.shop.currencyCode must be an ISO 4217 code such as "USD"');
			else if (cur !== undefined) shop.shop.currencyCode = cur;
		}
	}
	if (seed.accessToken !== undefined) {
		if (typeof seed.accessToken !== 'string' || !seed.accessToken.trim())
			problems.push('shopify.accessToken must be a non-empty string');
		else shop.accessToken = seed.accessToken;
	}
	if (seed.throttle !== undefined) {
		const t = seed.throttle;
		if (!isObject(t)) problems.push('shopify.throttle must be an object');
		else {
			for (const key of ['maximumAvailable', 'restoreRate'] as const) {
				const v = t[key];
				if (v !== undefined && (typeof v !== 'number' || !(v > 0)))
					problems.push(`shopify.throttle.${key} must be a number > 0`);
				else if (v !== undefined) shop.throttle[key] = v;
			}
			if (t.enabled !== undefined && typeof t.enabled !== 'boolean')
				problems.push('shopify.throttle.enabled must be true or false');
			else if (t.enabled !== undefined) shop.throttle.enabled = t.enabled;
			shop.bucket.available = shop.throttle.maximumAvailable;
		}
	}
}

function applyLocations(
	shop: ShopState,
	seed: ShopifySeed,
	problems: string[],
	result: ShopifySeedResult,
): void {
	if (seed.locations === undefined) return;
	if (!Array.isArray(seed.locations)) {
		problems.push('shopify.locations must be a list');
		return;
	}
	const ids = new Set<number>();
	seed.locations.forEach((l, i) => {
		const where = `shopify.locations[${i}]`;
		if (!isObject(l) || typeof l.name !== 'string' || !l.name.trim()) {
			problems.push(`${where}.name is required`);
			return;
		}
		checkId(l.id, `${where}.id`, problems, ids);
		if (l.id !== undefined && shop.idInUse(l.id) && !shop.locations.has(l.id))
			problems.push(`${where}.id ${l.id} is already used by another object`);
		const existing =
			shop.locationByName(l.name) ?? (l.id !== undefined ? shop.locations.get(l.id) : undefined);
		if (existing) {
			existing.name = l.name;
			if (l.address) existing.address = l.address;
			if (l.isActive !== undefined) existing.isActive = l.isActive;
			if (l.fulfillsOnlineOrders !== undefined)
				existing.fulfillsOnlineOrders = l.fulfillsOnlineOrders;
			existing.updatedAt = shop.now();
			result.locations.push({ id: gid('Location', existing.id), name: existing.name });
			return;
		}
		const loc = shop.addLocation({
			id: l.id,
			name: l.name,
			address: l.address,
			isActive: l.isActive,
			fulfillsOnlineOrders: l.fulfillsOnlineOrders,
		});
		result.locations.push({ id: gid('Location', loc.id), name: loc.name });
	});
}

function removeProduct(shop: ShopState, product: ProductRecord): void {
	for (const variantId of product.variantIds) {
		const v = shop.variants.get(variantId);
		if (v) {
			shop.inventoryItems.delete(v.inventoryItemId);
			dropMetafields(shop, gid('ProductVariant', v.id));
		}
		shop.variants.delete(variantId);
	}
	dropMetafields(shop, gid('Product', product.id));
	shop.products.delete(product.id);
}

/** The quantity states a seed can set (committed comes from seeded orders). */
const SEEDABLE_STATES = STORED_QUANTITY_NAMES.filter((s) => s !== 'committed').join(', ');

function applyStock(
	shop: ShopState,
	item: InventoryItemRecord,
	stock: ShopifyVariantSeed['stock'],
	where: string,
	problems: string[],
): void {
	if (stock === undefined) return;
	const entries: Array<[string | null, StockSeed]> =
		typeof stock === 'number' ? [[null, stock]] : isObject(stock) ? Object.entries(stock) : [];
	if (typeof stock !== 'number' && !isObject(stock))
		problems.push(
			`${where} must be a number or an object { "<location name>": quantity | { available, damaged, … } }`,
		);
	for (const [locName, q] of entries) {
		const loc = locName === null ? shop.defaultLocation() : shop.locationByName(locName);
		if (!loc) {
			problems.push(`${where}: unknown location "${locName}" (seed it under shopify.locations)`);
			continue;
		}
		const level = shop.ensureLevel(item, loc.id);
		const quantities: Record<string, unknown> =
			typeof q === 'number' ? { available: q } : isObject(q) ? q : {};
		if (typeof q !== 'number' && !isObject(q))
			problems.push(`${where}.${locName} must be a number or quantities by state`);
		for (const [name, n] of Object.entries(quantities)) {
			if (!Number.isInteger(n)) {
				problems.push(`${where}.${locName ?? ''}.${name} must be an integer`);
				continue;
			}
			if (name === 'on_hand') continue;
			if (name === 'committed') {
				problems.push(
					`${where}.${locName ?? ''}.committed cannot be seeded: seed orders, which commit their units`,
				);
				continue;
			}
			if (!(STORED_QUANTITY_NAMES as readonly string[]).includes(name)) {
				problems.push(
					`${where}.${locName ?? ''}.${name} is not a quantity state (${SEEDABLE_STATES}, on_hand)`,
				);
				continue;
			}
			level.quantities[name as StoredQuantityName] = n as number;
		}
		if (quantities.on_hand !== undefined && Number.isInteger(quantities.on_hand)) {
			// on_hand given: available is what is left after the other on-hand states.
			const others =
				level.quantities.committed +
				level.quantities.damaged +
				level.quantities.quality_control +
				level.quantities.reserved +
				level.quantities.safety_stock;
			level.quantities.available = (quantities.on_hand as number) - others;
		}
	}
}

/** One variant of a seeded product, with its inventory item, stock and metafields. */
function seedVariant(
	shop: ShopState,
	product: ProductRecord,
	v: ShopifyVariantSeed,
	j: number,
	vw: string,
	problems: string[],
	ids: Set<number>,
): ShopifySeedResult['products'][number]['variants'][number] | undefined {
	if (!v || typeof v !== 'object' || Array.isArray(v)) {
		problems.push(`${vw} must be an object`);
		return undefined;
	}
	checkId(v.id, `${vw}.id`, problems, ids);
	checkId(v.inventoryItemId, `${vw}.inventoryItemId`, problems, ids);
	if (v.sku !== undefined && v.sku !== null && typeof v.sku !== 'string')
		problems.push(`${vw}.sku must be a string`);
	if (
		v.inventoryPolicy !== undefined &&
		v.inventoryPolicy !== 'DENY' &&
		v.inventoryPolicy !== 'CONTINUE'
	)
		problems.push(`${vw}.inventoryPolicy must be DENY or CONTINUE`);
	// A variant is seeded at the time of its product.
	const now = product.createdAt;
	const price = decimalText(v.price ?? '0.00', `${vw}.price`, problems) ?? '0.00';
	const compareAt = decimalText(v.compareAtPrice, `${vw}.compareAtPrice`, problems) ?? null;
	const unitCost = decimalText(v.unitCost, `${vw}.unitCost`, problems) ?? null;
	const options = isObject(v.options)
		? Object.entries(v.options).map(([name, value]) => ({ name, value: String(value) }))
		: [];
	const title =
		v.title ?? (options.length ? options.map((o) => o.value).join(' / ') : 'Default Title');
	const itemId =
		v.inventoryItemId !== undefined && Number.isSafeInteger(v.inventoryItemId)
			? shop.useId(v.inventoryItemId)
			: shop.nextId();
	const variant: VariantRecord = {
		id: v.id !== undefined && Number.isSafeInteger(v.id) ? shop.useId(v.id) : shop.nextId(),
		productId: product.id,
		title,
		sku: v.sku ?? null,
		barcode: v.barcode ?? null,
		price,
		compareAtPrice: compareAt,
		inventoryPolicy: v.inventoryPolicy ?? 'DENY',
		inventoryItemId: itemId,
		position: j + 1,
		taxable: v.taxable ?? true,
		selectedOptions: options.length ? options : [{ name: 'Title', value: title }],
		createdAt: now,
		updatedAt: now,
	};
	const item: InventoryItemRecord = {
		id: itemId,
		variantId: variant.id,
		tracked: v.tracked ?? true,
		requiresShipping: v.requiresShipping ?? true,
		unitCost,
		countryCodeOfOrigin: v.countryCodeOfOrigin ?? null,
		harmonizedSystemCode: v.harmonizedSystemCode ?? null,
		levels: [],
		createdAt: now,
		updatedAt: now,
	};
	shop.variants.set(variant.id, variant);
	shop.inventoryItems.set(item.id, item);
	product.variantIds.push(variant.id);
	applyStock(shop, item, v.stock, `${vw}.stock`, problems);
	seedMetafields(
		shop,
		v.metafields,
		gid('ProductVariant', variant.id),
		`${vw}.metafields`,
		problems,
	);
	return {
		id: gid('ProductVariant', variant.id),
		sku: variant.sku,
		inventoryItemId: gid('InventoryItem', item.id),
	};
}

/** Ids of the product and its variants that another object already uses. */
function checkIdsFree(
	shop: ShopState,
	p: ShopifyProductSeed,
	where: string,
	problems: string[],
): void {
	for (const [key, v] of [
		['id', p.id],
		...(p.variants ?? []).flatMap((v, j) => [
			[`variants[${j}].id`, v?.id],
			[`variants[${j}].inventoryItemId`, v?.inventoryItemId],
		]),
	] as Array<[string, unknown]>) {
		if (typeof v === 'number' && shop.idInUse(v))
			problems.push(`${where}.${key} ${v} is already used by another object`);
	}
}

/** One seeded product (replacing the one of the same handle or id) and its variants. */
function seedProduct(
	shop: ShopState,
	p: ShopifyProductSeed,
	where: string,
	problems: string[],
	ids: Set<number>,
): ShopifySeedResult['products'][number] | undefined {
	if (!isObject(p) || typeof p.title !== 'string' || !p.title.trim()) {
		problems.push(`${where}.title is required`);
		return undefined;
	}
	checkId(p.id, `${where}.id`, problems, ids);
	const handle = p.handle ?? handleize(p.title);
	const replaced = [...shop.products.values()].find(
		(x) => x.handle === handle || (p.id !== undefined && x.id === p.id),
	);
	if (replaced) removeProduct(shop, replaced);
	checkIdsFree(shop, p, where, problems);
	if (p.status !== undefined && !['ACTIVE', 'DRAFT', 'ARCHIVED'].includes(p.status))
		problems.push(`${where}.status must be ACTIVE, DRAFT or ARCHIVED`);
	const now = shop.now();
	const product: ProductRecord = {
		id: p.id !== undefined && Number.isSafeInteger(p.id) ? shop.useId(p.id) : shop.nextId(),
		title: p.title,
		handle,
		vendor: p.vendor ?? shop.shop.name,
		productType: p.productType ?? '',
		status: p.status ?? 'ACTIVE',
		tags: normaliseTags(p.tags ?? []),
		descriptionHtml: p.descriptionHtml ?? '',
		variantIds: [],
		createdAt: now,
		updatedAt: now,
	};
	shop.products.set(product.id, product);
	const summary: ShopifySeedResult['products'][number] = {
		id: gid('Product', product.id),
		handle,
		variants: [],
	};
	const variants = p.variants?.length ? p.variants : [{}];
	variants.forEach((v, j) => {
		const seeded = seedVariant(shop, product, v, j, `${where}.variants[${j}]`, problems, ids);
		if (seeded) summary.variants.push(seeded);
	});
	seedMetafields(shop, p.metafields, gid('Product', product.id), `${where}.metafields`, problems);
	return summary;
}

function applyProducts(
	shop: ShopState,
	seed: ShopifySeed,
	problems: string[],
	result: ShopifySeedResult,
): void {
	if (seed.products === undefined) return;
	if (!Array.isArray(seed.products)) {
		problems.push('shopify.products must be a list');
		return;
	}
	const ids = new Set<number>();
	seed.products.forEach((p, i) => {
		const summary = seedProduct(shop, p, `shopify.products[${i}]`, problems, ids);
		if (summary) result.products.push(summary);
	});
}

function seedMetafields(
	shop: ShopState,
	list: MetafieldInput[] | undefined,
	ownerId: string,
	where: string,
	problems: string[],
): void {
	if (list === undefined) return;
	if (!Array.isArray(list)) {
		problems.push(`${where} must be a list`);
		return;
	}
	list.forEach((m, i) => {
		const errors: Array<Record<string, unknown>> = [];
		const w = checkMetafield(shop, isObject(m) ? m : {}, [], ownerId, errors);
		for (const e of errors) problems.push(`${where}[${i}]: ${String(e.message)}`);
		if (w) writeMetafield(shop, w);
	});
}

function applyOrders(
	shop: ShopState,
	seed: ShopifySeed,
	problems: string[],
	result: ShopifySeedResult,
): void {
	if (seed.orders === undefined) return;
	if (!Array.isArray(seed.orders)) {
		problems.push('shopify.orders must be a list');
		return;
	}
	seed.orders.forEach((o, i) => {
		const where = `shopify.orders[${i}]`;
		if (!isObject(o) || !Array.isArray(o.lineItems)) {
			problems.push(`${where}.lineItems is required`);
			return;
		}
		const currency = o.currency ?? shop.shop.currencyCode;
		const lineItems: OrderCreateInput['lineItems'] = [];
		o.lineItems.forEach((l, j) => {
			const lw = `${where}.lineItems[${j}]`;
			if (!isObject(l) || !Number.isInteger(l.quantity)) {
				problems.push(`${lw}.quantity must be an integer`);
				return;
			}
			let variantId: string | undefined;
			if (l.sku !== undefined) {
				const v = shop.variantBySku(l.sku);
				if (!v) {
					problems.push(`${lw}.sku "${l.sku}" is not a seeded variant`);
					return;
				}
				variantId = gid('ProductVariant', v.id);
			} else if (l.variantId !== undefined)
				variantId =
					typeof l.variantId === 'number' ? gid('ProductVariant', l.variantId) : l.variantId;
			const price = decimalText(l.price, `${lw}.price`, problems);
			lineItems.push({
				variantId,
				title: l.title,
				quantity: l.quantity,
				priceSet: price ? { shopMoney: { amount: price, currencyCode: currency } } : undefined,
				requiresShipping: l.requiresShipping,
				taxable: l.taxable,
			});
		});
		if (problems.length) return;
		const { createdAt, inventoryBehaviour, ...rest } = o;
		if (createdAt !== undefined && !Number.isFinite(Date.parse(createdAt))) {
			problems.push(`${where}.createdAt must be an ISO-8601 date`);
			return;
		}
		const created = createdAt
			? new Date(Date.parse(createdAt)).toISOString().replace(/\.\d{3}Z$/, 'Z')
			: undefined;
		let out: ReturnType<typeof createOrder>;
		try {
			out = createOrder(
				shop,
				{ ...rest, lineItems } as unknown as OrderCreateInput,
				{ inventoryBehaviour: inventoryBehaviour ?? 'DECREMENT_IGNORING_POLICY' },
				{ createdAt: created },
			);
		} catch (e) {
			if (e instanceof GraphQLError) {
				problems.push(`${where}: ${e.message}`);
				return;
			}
			throw e;
		}
		for (const e of out.userErrors)
			problems.push(
				`${where}${((e.field as string[] | null) ?? [])
					.slice(1)
					.map((f) => (/^\d+$/.test(f) ? `[${f}]` : `.${f}`))
					.join('')}: ${String(e.message)}`,
			);
		if (out.order) result.orders.push({ id: gid('Order', out.order.id), name: out.order.name });
	});
}
