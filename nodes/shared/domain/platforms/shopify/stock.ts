/**
 * Stock of SKUs in Shopify, as Acknowledge PO reads it: `available` per location (all locations, or
 * the ones named), summed, minus a buffer, never below 0; a SKU Shopify does not know has 0. Also the
 * variant ids of SKUs, for the order. Pure: no n8n imports.
 */
import { isObject, type Json } from '../../values';
import { ShopifyInputError } from './errors';
import { nodesOf, payloadOf, searchTerm, type GraphqlRequest } from './graphql';

/** SKUs per request: keeps the query cost (variants x inventory levels) under Shopify's 1000 points. */
export const SKUS_PER_REQUEST = 25;

export const STOCK_QUERY =
	'query StockBySku($q: String!, $first: Int!) { productVariants(first: $first, query: $q) { nodes { ' +
	'id sku inventoryItem { tracked inventoryLevels(first: 10) { nodes { location { id name } ' +
	'quantities(names: ["available"]) { name quantity } } } } } } }';

export const VARIANTS_QUERY =
	'query VariantsBySku($q: String!, $first: Int!) { productVariants(first: $first, query: $q) ' +
	'{ nodes { id sku } } }';

/** Distinct non-empty SKUs from a list (or a comma-separated text). */
export function skuList(value: unknown): string[] {
	const raw =
		typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
	if (raw === undefined)
		throw new ShopifyInputError('SKUs must be a list of SKUs or a comma-separated text', 'skus');
	const skus = raw.map((s) =>
		typeof s === 'string' || typeof s === 'number' ? String(s).trim() : '',
	);
	return [...new Set(skus.filter(Boolean))];
}

/** The requests reading the SKUs, SKUS_PER_REQUEST at a time. */
export function skuRequests(skus: readonly string[], query: string): GraphqlRequest[] {
	const out: GraphqlRequest[] = [];
	for (let i = 0; i < skus.length; i += SKUS_PER_REQUEST) {
		const batch = skus.slice(i, i + SKUS_PER_REQUEST);
		out.push({
			query,
			variables: {
				q: batch.map((s) => searchTerm('sku', s)).join(' OR '),
				first: batch.length * 2,
			},
		});
	}
	return out;
}

export interface LocationStock {
	locationId: string;
	location: string;
	available: number;
}

export interface StockRow {
	sku: string;
	/** Available eaches of the locations counted, minus the buffer, at least 0. */
	available: number;
	variantId: string;
	found: boolean;
	locations: LocationStock[];
}

export interface StockOptions {
	bufferEaches: number;
	/** Location names or ids (gid or number) to count; empty: every location. */
	locations: readonly string[];
}

function availableOf(level: Json): number {
	const q = Array.isArray(level.quantities) ? level.quantities.filter(isObject) : [];
	const n = q.find((x) => x.name === 'available')?.quantity;
	return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

function counted(location: LocationStock, wanted: readonly string[]): boolean {
	if (!wanted.length) return true;
	const numeric = location.locationId.replace(/^gid:\/\/shopify\/Location\//, '');
	return wanted.some((w) => w === location.location || w === location.locationId || w === numeric);
}

/** The variants of the answers, by SKU (the first variant of a SKU wins). */
export function variantsBySku(bodies: readonly unknown[]): Map<string, Json> {
	const out = new Map<string, Json>();
	for (const body of bodies) {
		const payload = payloadOf(body, 'productVariants', 'the stock read');
		for (const v of nodesOf(payload)) {
			const sku = typeof v.sku === 'string' ? v.sku : '';
			if (sku && !out.has(sku)) out.set(sku, v);
		}
	}
	return out;
}

/** One row per SKU asked, in the order asked. */
export function readStock(
	bodies: readonly unknown[],
	skus: readonly string[],
	options: StockOptions,
): StockRow[] {
	const variants = variantsBySku(bodies);
	return skus.map((sku) => {
		const variant = variants.get(sku);
		if (!variant) return { sku, available: 0, variantId: '', found: false, locations: [] };
		const item = isObject(variant.inventoryItem) ? variant.inventoryItem : {};
		const locations = nodesOf(item.inventoryLevels).map((level) => {
			const loc = isObject(level.location) ? level.location : {};
			return {
				locationId: String(loc.id ?? ''),
				location: String(loc.name ?? ''),
				available: availableOf(level),
			};
		});
		const total = locations
			.filter((l) => counted(l, options.locations))
			.reduce((n, l) => n + l.available, 0);
		return {
			sku,
			available: Math.max(0, total - options.bufferEaches),
			variantId: String(variant.id),
			found: true,
			locations,
		};
	});
}

/** SKU -> variant id for the SKUs the answers know. */
export function readVariantIds(bodies: readonly unknown[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [sku, v] of variantsBySku(bodies)) out[sku] = String(v.id);
	return out;
}
