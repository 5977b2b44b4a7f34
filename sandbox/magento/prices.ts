/**
 * Customer groups and tier prices, as Magento keeps and applies them:
 *
 * - customer groups (customer_group): 0 NOT LOGGED IN, 1 General (the default group), 2 Wholesale,
 *   3 Retailer, or seeded ones; `GET /V1/customerGroups/{id}`, `/search`, `/default`;
 * - the price storage of `catalogTierPriceStorageV1` (`POST|PUT /V1/products/tier-prices`,
 *   `POST /V1/products/tier-prices-information`, `POST /V1/products/tier-prices-delete`): rows of
 *   catalog_product_entity_tier_price per SKU, website, customer group (by code, or "ALL GROUPS")
 *   and quantity, validated as Magento's TierPriceValidator does; a rejected price is left out and
 *   answered as a `{message, parameters}` entry, the others are written;
 * - the price of a cart item (Type\Price::getFinalPrice of a simple product): the lowest of the
 *   catalog price and the tier prices of the cart's customer group (or ALL GROUPS) whose quantity
 *   is at most the item's quantity; a `discount` tier is price × (1 − value/100). The result is
 *   rounded to the currency's 2 decimals, as the totals collectors leave quote items.
 *
 * Money is computed on exact decimals (BigInt at a fixed scale) from the numbers' decimal form, so a
 * discount such as 9.99 × (1 − 50/100) = 4.995 rounds to 5.00 as PHP's round() does, not to 4.99.
 */
import { MagentoError, noSuchEntity } from './errors';
import { storeById } from './inventory';
import { applySearchCriteria, type SearchCriteria, type SearchResult } from './searchCriteria';
import {
	nextId,
	type Cart,
	type MagentoCustomerGroup,
	type MagentoData,
	type MagentoProduct,
	type TierPriceRow,
} from './state';

/** TierPriceValidator / TierPriceFactory: the customer_group value for every group (compared lower-cased). */
export const ALL_GROUPS_CODE = 'all groups';
/** GroupManagement::getAllCustomersGroup()->getId(): customer_group_id of ALL GROUPS in product tier_prices. */
export const ALL_GROUPS_ID = 32000;
export const NOT_LOGGED_IN_ID = 0;
/** customer/create_account/default_group. */
export const DEFAULT_GROUP_ID = 1;

// ---------------------------------------------------------------------------------------------
// Exact decimals

/** n (from its shortest decimal form) in units of 10^-scale, rounded half away from zero. */
export function scaled(n: number, scale: number): bigint {
	if (!Number.isFinite(n)) throw new Error(`Not a finite number: ${n}`);
	const neg = n < 0;
	const [mantissa, exponent] = String(Math.abs(n)).split(/e/i);
	const [intPart, fracPart = ''] = mantissa.split('.');
	let v = BigInt(intPart + fracPart);
	const shift = Number(exponent ?? 0) - fracPart.length + scale;
	if (shift >= 0) v *= 10n ** BigInt(shift);
	else {
		const d = 10n ** BigInt(-shift);
		v = (2n * v + d) / (2n * d);
	}
	return neg ? -v : v;
}

/**
 * The number nearest to v × 10^-scale (exact for money: both are exact doubles and the division is
 * correctly rounded).
 */
export function unscaled(v: bigint, scale: number): number {
	return Number(v) / 10 ** scale;
}

/** n rounded half away from zero to `decimals` (the column types: value 6, qty 4, percentage 2). */
export function roundDecimal(n: number, decimals: number): number {
	return unscaled(scaled(n, decimals), decimals);
}

function roundScaled(v: bigint, from: number, to: number): bigint {
	if (from <= to) return v * 10n ** BigInt(to - from);
	const d = 10n ** BigInt(from - to);
	return v >= 0n ? (2n * v + d) / (2n * d) : -((2n * -v + d) / (2n * d));
}

/** PHP's string cast of a value, as Magento's REST answer gives `string[]` parameters. */
function phpString(v: unknown): string {
	if (v === null || v === undefined || v === false) return '';
	if (v === true) return '1';
	return String(v);
}

// ---------------------------------------------------------------------------------------------
// Customer groups

export function groupOut(g: MagentoCustomerGroup): Record<string, unknown> {
	return { id: g.id, code: g.code, tax_class_id: g.taxClassId, tax_class_name: g.taxClassName };
}

/** GroupRepository::getById. */
export function findGroup(data: MagentoData, id: number): MagentoCustomerGroup {
	const group = data.customerGroups.get(id);
	if (!group) throw noSuchEntity('id', id);
	return group;
}

/** customer_group_code = ? (MySQL compares case-insensitively). */
export function groupByCode(data: MagentoData, code: string): MagentoCustomerGroup | undefined {
	const lower = code.toLowerCase();
	return [...data.customerGroups.values()].find((g) => g.code.toLowerCase() === lower);
}

/**
 * GET /V1/customerGroups/search: filters on id, code, tax_class_id, tax_class_name (or the columns
 * customer_group_id, customer_group_code, class_name).
 */
export function searchGroups(
	data: MagentoData,
	criteria: SearchCriteria,
): SearchResult<Record<string, unknown>> {
	const groups = [...data.customerGroups.values()].sort((a, b) => a.id - b.id);
	const result = applySearchCriteria(
		groups,
		criteria,
		(g) => ({
			...groupOut(g),
			customer_group_id: g.id,
			customer_group_code: g.code,
			class_name: g.taxClassName,
		}),
		[
			'id',
			'code',
			'tax_class_id',
			'tax_class_name',
			'customer_group_id',
			'customer_group_code',
			'class_name',
		],
	);
	return { ...result, items: result.items.map(groupOut) };
}

/** GroupManagement::getDefaultGroup($storeId). */
export function defaultGroup(data: MagentoData, storeId?: number): MagentoCustomerGroup {
	if (storeId !== undefined && storeId !== 0 && !storeById(data, storeId)) {
		throw new MagentoError(
			404,
			"The store that was requested wasn't found. Verify the store and try again.",
		);
	}
	return findGroup(data, DEFAULT_GROUP_ID);
}

/** The customer group of a cart: its customer's, NOT LOGGED IN for a guest cart. */
export function cartGroupId(data: MagentoData, cart: Cart): number {
	if (cart.customerId === undefined) return NOT_LOGGED_IN_ID;
	return data.customers.get(cart.customerId)?.groupId ?? NOT_LOGGED_IN_ID;
}

// ---------------------------------------------------------------------------------------------
// Tier price storage (catalogTierPriceStorageV1)

/** Magento\Catalog\Api\Data\TierPriceInterface, after the schema's validation (types coerced). */
export interface TierPriceInput {
	price: number;
	price_type: string;
	website_id: number;
	sku: string;
	customer_group: string;
	quantity: number;
	extension_attributes?: unknown;
}

/** Magento\Catalog\Api\Data\PriceUpdateResultInterface. */
export interface PriceUpdateResult {
	message: string;
	parameters: string[];
}

/** A failure with its named parameters (the names fill the placeholders). */
interface Failure {
	message: string;
	params: Record<string, string>;
}

const ROW_ID =
	'Row ID: SKU = %SKU, Website ID: %websiteId, Customer Group: %customerGroup, Quantity: %qty.';
const DUPLICATE =
	'We found a duplicate website, tier price, customer group and quantity: ' +
	'Customer Group = %customerGroup, Website ID = %websiteId, Quantity = %qty. ';

function websiteExists(data: MagentoData, websiteId: number): boolean {
	return websiteId === 0 || data.stores.some((s) => s.websiteId === websiteId);
}

/** WebsiteRepository::getById(...)->getBaseCurrencyCode(); website 0 has the default base currency. */
function websiteCurrency(data: MagentoData, websiteId: number): string {
	if (websiteId === 0) return data.stores[0]?.currency ?? 'USD';
	const store = data.stores.find((s) => s.websiteId === websiteId);
	if (!store)
		throw new MagentoError(
			404,
			"The website with id %1 that was requested wasn't found. Verify the website and try again.",
			[websiteId],
		);
	return store.currency;
}

function groupCodeOf(data: MagentoData, row: TierPriceRow): string {
	return row.allGroups
		? ALL_GROUPS_CODE
		: (data.customerGroups.get(row.customerGroupId)?.code ?? String(row.customerGroupId));
}

/**
 * TierPriceValidator::retrieveValidationResult: the failures per row (in row order), each with
 * Magento's message and its parameters. `existing` (update only) are the stored prices of the SKUs.
 */
function validatePrices(
	data: MagentoData,
	prices: TierPriceInput[],
	existing?: TierPriceRow[],
): Map<number, Failure[]> {
	const failed = new Map<number, Failure[]>();
	const add = (key: number, message: string, params: Record<string, unknown>) => {
		const list = failed.get(key) ?? [];
		list.push({
			message,
			params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, phpString(v)])),
		});
		failed.set(key, list);
	};
	const rowParams = (p: TierPriceInput) => ({
		SKU: p.sku,
		websiteId: p.website_id,
		customerGroup: p.customer_group,
		qty: p.quantity,
	});
	const bySku = new Map<string, number[]>();
	prices.forEach((p, i) => bySku.set(p.sku, [...(bySku.get(p.sku) ?? []), i]));
	const lower = (s: unknown) => phpString(s).toLowerCase();

	prices.forEach((p, key) => {
		const product = data.products.get(p.sku);
		if (!p.sku || !product) add(key, `Invalid attribute SKU = %SKU. ${ROW_ID}`, rowParams(p));
		if (
			p.price === null ||
			p.price === undefined ||
			p.price < 0 ||
			(p.price_type === 'discount' && p.price > 100)
		) {
			add(key, `Invalid attribute Price = %price. ${ROW_ID}`, { price: p.price, ...rowParams(p) });
		}
		if (p.price_type !== 'fixed' && p.price_type !== 'discount')
			add(key, `Invalid attribute Price Type = %priceType. ${ROW_ID}`, {
				priceType: p.price_type,
				...rowParams(p),
			});
		// Simple and virtual products allow decimal quantities: only a quantity <= 0 fails (no check for an unknown SKU).
		if (product && !(p.quantity > 0))
			add(key, `Invalid attribute Quantity = %qty. ${ROW_ID}`, rowParams(p));
		if (
			!websiteExists(data, p.website_id) ||
			(data.priceScope === 'global' && p.website_id !== 0)
		) {
			add(key, `Invalid attribute Website ID = %websiteId. ${ROW_ID}`, rowParams(p));
		}
		// Another price of the request with the same SKU, group and quantity on the same website (or
		// one of them on website 0 in the same currency); the parameters are the other price's.
		for (const j of bySku.get(p.sku) ?? []) {
			if (j === key) continue;
			const other = prices[j];
			if (lower(other.customer_group) !== lower(p.customer_group) || other.quantity !== p.quantity)
				continue;
			const sameWebsite =
				other.website_id === 0 || p.website_id === 0
					? websiteCurrency(data, 0) ===
						websiteCurrency(data, Math.max(other.website_id, p.website_id))
					: other.website_id === p.website_id;
			if (sameWebsite) add(key, DUPLICATE + ROW_ID, rowParams(other));
		}
		// A stored price for the same group and quantity on website 0 while this one is for a website (or the reverse).
		for (const row of existing ?? []) {
			if (
				row.sku !== p.sku ||
				lower(groupCodeOf(data, row)) !== lower(p.customer_group) ||
				row.qty !== p.quantity
			)
				continue;
			if ((row.websiteId === 0 || p.website_id === 0) && row.websiteId !== p.website_id) {
				add(key, DUPLICATE + ROW_ID, {
					SKU: row.sku,
					websiteId: String(row.websiteId),
					customerGroup: groupCodeOf(data, row),
					qty: row.qty.toFixed(4),
				});
			}
		}
		if (
			lower(p.customer_group) !== ALL_GROUPS_CODE &&
			!groupByCode(data, phpString(p.customer_group))
		) {
			add(key, `No such entity with Customer Group = %customerGroup. ${ROW_ID}`, rowParams(p));
		}
	});
	return failed;
}

/** TierPriceFactory::createSkeleton: the row a valid price becomes (column precision applied). */
function skeleton(data: MagentoData, p: TierPriceInput): Omit<TierPriceRow, 'valueId'> {
	const allGroups = p.customer_group.toLowerCase() === ALL_GROUPS_CODE;
	return {
		sku: p.sku,
		allGroups,
		customerGroupId: allGroups
			? 0
			: (groupByCode(data, p.customer_group) as MagentoCustomerGroup).id,
		qty: roundDecimal(p.quantity, 4),
		value: p.price_type === 'fixed' ? roundDecimal(p.price, 6) : 0,
		percentageValue: p.price_type === 'discount' ? roundDecimal(p.price, 2) : null,
		websiteId: p.website_id,
	};
}

/** The unique key of catalog_product_entity_tier_price (entity, all_groups, customer_group_id, qty, website_id). */
function sameKey(a: Omit<TierPriceRow, 'valueId'>, b: Omit<TierPriceRow, 'valueId'>): boolean {
	return (
		a.sku === b.sku &&
		a.allGroups === b.allGroups &&
		a.customerGroupId === b.customerGroupId &&
		a.qty === b.qty &&
		a.websiteId === b.websiteId
	);
}

/** Result::getFailedItems: the parameters as a list (Magento's REST answer drops the names). */
function flatten(failed: Map<number, Failure[]>): PriceUpdateResult[] {
	return [...failed.values()]
		.flat()
		.map((f) => ({ message: f.message, parameters: Object.values(f.params) }));
}

function validPrices(prices: TierPriceInput[], failed: Map<number, Failure[]>): TierPriceInput[] {
	return prices.filter((_p, i) => !failed.has(i));
}

/** POST /V1/products/tier-prices (TierPriceStorage::update): adds or updates by key; answers the failures. */
export function updateTierPrices(data: MagentoData, prices: TierPriceInput[]): PriceUpdateResult[] {
	const skus = new Set(prices.map((p) => p.sku));
	const failed = validatePrices(
		data,
		prices,
		data.tierPrices.filter((r) => skus.has(r.sku)),
	);
	for (const p of validPrices(prices, failed)) {
		const row = skeleton(data, p);
		const current = data.tierPrices.find((r) => sameKey(r, row));
		if (current) {
			// INSERT … ON DUPLICATE KEY UPDATE value, percentage_value
			current.value = row.value;
			current.percentageValue = row.percentageValue;
		} else data.tierPrices.push({ valueId: nextId(data, 'tierPrice'), ...row });
	}
	return flatten(failed);
}

/** PUT /V1/products/tier-prices (TierPriceStorage::replace): the SKUs of the valid prices keep only these. */
export function replaceTierPrices(
	data: MagentoData,
	prices: TierPriceInput[],
): PriceUpdateResult[] {
	const failed = validatePrices(data, prices);
	const valid = validPrices(prices, failed);
	const affected = new Set(valid.map((p) => p.sku));
	data.tierPrices = data.tierPrices.filter((r) => !affected.has(r.sku));
	for (const p of valid)
		data.tierPrices.push({ valueId: nextId(data, 'tierPrice'), ...skeleton(data, p) });
	return flatten(failed);
}

/**
 * POST /V1/products/tier-prices-delete (TierPriceStorage::delete): each valid price removes the
 * first stored row with its SKU, group, quantity and value (Magento does not compare the website
 * here); a price that matches no row removes nothing and is no failure.
 */
export function deleteTierPrices(data: MagentoData, prices: TierPriceInput[]): PriceUpdateResult[] {
	const failed = validatePrices(data, prices);
	const remove = new Set<number>();
	for (const p of validPrices(prices, failed)) {
		const wanted = skeleton(data, p);
		const match = data.tierPrices.find(
			(r) =>
				r.sku === wanted.sku &&
				r.allGroups === wanted.allGroups &&
				r.customerGroupId === wanted.customerGroupId &&
				r.qty === wanted.qty &&
				((r.value !== 0 && r.value === wanted.value) ||
					(r.percentageValue !== null && r.percentageValue === wanted.percentageValue)),
		);
		if (match) remove.add(match.valueId);
	}
	data.tierPrices = data.tierPrices.filter((r) => !remove.has(r.valueId));
	return flatten(failed);
}

/** A stored row as TierPriceInterface (the information answer and the state). */
export function tierPriceOut(data: MagentoData, row: TierPriceRow): Record<string, unknown> {
	return {
		price: row.percentageValue ?? row.value,
		price_type: row.percentageValue !== null ? 'discount' : 'fixed',
		website_id: row.websiteId,
		sku: row.sku,
		customer_group: groupCodeOf(data, row),
		quantity: row.qty,
	};
}

/** POST /V1/products/tier-prices-information (TierPriceStorage::get): unknown SKUs are left out. */
export function getTierPrices(data: MagentoData, skus: string[]): Array<Record<string, unknown>> {
	const known = new Set(skus.filter((s) => data.products.has(s)));
	return [...data.tierPrices]
		.filter((r) => known.has(r.sku))
		.sort((a, b) => a.valueId - b.valueId)
		.map((r) => tierPriceOut(data, r));
}

/**
 * Applies seeded prices as POST /V1/products/tier-prices does; answers the failures with their
 * placeholders filled in.
 */
export function seedTierPrices(data: MagentoData, prices: TierPriceInput[]): string[] {
	const skus = new Set(prices.map((p) => p.sku));
	const failed = validatePrices(
		data,
		prices,
		data.tierPrices.filter((r) => skus.has(r.sku)),
	);
	if (failed.size)
		return [...failed.values()]
			.flat()
			.map((f) => f.message.replace(/%([A-Za-z]+)/g, (m, name: string) => f.params[name] ?? m));
	updateTierPrices(data, prices);
	return [];
}

// ---------------------------------------------------------------------------------------------
// Prices of products and cart items

/** Money is compared at 10 decimals: prices have 6, a discount adds 4 (× (10000 − percentage × 100) / 10000). */
const PRICE_SCALE = 10;

interface LoadedTier {
	custGroup: number;
	qty: number;
	/** The tier's price (website_price) at PRICE_SCALE. */
	price: bigint;
}

function tierPriceAtScale(product: MagentoProduct, row: TierPriceRow): bigint {
	if (row.percentageValue !== null)
		return scaled(product.price, 6) * (10000n - scaled(row.percentageValue, 2));
	return scaled(row.value, 6) * 10n ** 4n;
}

/**
 * The product's tier prices as the backend model loads them for a website (AbstractGroupPrice
 * afterLoad): website 0 only with the global price scope; with the website scope website 0 and the
 * website, the website's row winning for the same group and quantity. Sorted by quantity.
 */
function loadTiers(data: MagentoData, product: MagentoProduct, websiteId: number): LoadedTier[] {
	const rows = data.tierPrices
		.filter(
			(r) =>
				r.sku === product.sku &&
				(r.websiteId === 0 || (data.priceScope === 'website' && r.websiteId === websiteId)),
		)
		.sort((a, b) => a.valueId - b.valueId);
	const byKey = new Map<string, TierPriceRow>();
	for (const r of rows) {
		const key = `${r.allGroups ? ALL_GROUPS_ID : r.customerGroupId}-${r.qty}`;
		const prev = byKey.get(key);
		if (!prev || (prev.websiteId === 0 && r.websiteId !== 0)) byKey.set(key, r);
	}
	return [...byKey.values()]
		.map((r) => ({
			custGroup: r.allGroups ? ALL_GROUPS_ID : r.customerGroupId,
			qty: r.qty,
			price: tierPriceAtScale(product, r),
		}))
		.sort((a, b) => a.qty - b.qty);
}

/**
 * Type\Price::getFinalPrice($qty) of a simple product for a customer group on a website:
 * min(catalog price, getTierPrice($qty)), at least 0, rounded to 2 decimals (half away from zero).
 */
export function finalPrice(
	data: MagentoData,
	product: MagentoProduct,
	groupId: number,
	websiteId: number,
	qty: number,
): number {
	const base = scaled(product.price, 6) * 10n ** 4n;
	// Type\Price::getTierPrice, step by step.
	let prevQty = 1;
	let prevPrice = base;
	let prevGroup = ALL_GROUPS_ID;
	for (const t of loadTiers(data, product, websiteId)) {
		if (t.custGroup !== groupId && t.custGroup !== ALL_GROUPS_ID) continue;
		if (qty < t.qty) continue;
		if (t.qty < prevQty) continue;
		if (t.qty === prevQty && prevGroup !== ALL_GROUPS_ID && t.custGroup === ALL_GROUPS_ID) continue;
		if (t.price < prevPrice) {
			prevPrice = t.price;
			prevQty = t.qty;
			prevGroup = t.custGroup;
		}
	}
	let price = prevPrice < base ? prevPrice : base;
	if (price < 0n) price = 0n;
	return unscaled(roundScaled(price, PRICE_SCALE, 2), 2);
}

/** Quote::collectTotals for the items: each item's price for the cart's customer group, website and quantity. */
export function collectCartPrices(data: MagentoData, cart: Cart): void {
	const groupId = cartGroupId(data, cart);
	const websiteId = storeById(data, cart.storeId)?.websiteId ?? data.stores[0]?.websiteId ?? 1;
	for (const item of cart.items) {
		const product = data.products.get(item.sku);
		if (!product) continue;
		item.price = finalPrice(data, product, groupId, websiteId, item.qty);
		item.originalPrice = product.price;
	}
}

/** GET /V1/products/{sku} `tier_prices` (ProductTierPriceInterface): a discount's value is the price it gives. */
export function productTierPricesOut(
	data: MagentoData,
	product: MagentoProduct,
): Array<Record<string, unknown>> {
	return data.tierPrices
		.filter((r) => r.sku === product.sku)
		.sort((a, b) => a.valueId - b.valueId)
		.map((r) => ({
			customer_group_id: r.allGroups ? ALL_GROUPS_ID : r.customerGroupId,
			qty: r.qty,
			value: unscaled(tierPriceAtScale(product, r), PRICE_SCALE),
			extension_attributes: {
				...(r.percentageValue !== null ? { percentage_value: r.percentageValue } : {}),
				website_id: r.websiteId,
			},
		}));
}
