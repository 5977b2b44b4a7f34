/**
 * Supercycle's wholesale availability of one SKU: the items that are Available, not on a rental
 * or a return and in a sellable condition, minus the circular reserve (never below 0); 0 when
 * Supercycle could not be read or an item comes back without visibility, rental or condition
 * (unsure stock is never promised); 0 for a circular-only SKU; and, for a SKU without Supercycle
 * items, the stock the caller gives for SKUs outside Supercycle. Pure: no n8n imports.
 */
import { InvalidInputError } from '../inputError';
import { isObject, shown, type Json } from '../values';
import type { CircularRule } from './rule';

/** Where `available` comes from. */
export type AvailabilitySource = 'supercycle' | 'unknown' | 'circularOnly' | 'notCircular';

export interface ItemCounts {
	/** Free sellable items (before the reserve). */
	free: number;
	rented: number;
	/** Not rented, Available, in a condition not sold wholesale. */
	notSellable: number;
	/** Not rented and not Available (unavailable, sold or retired). */
	unavailable: number;
}

export interface WholesaleAvailability {
	sku: string;
	/** Numeric Shopify variant id the items were matched on; null: every item of the SKU. */
	variantId: string | null;
	source: AvailabilitySource;
	/** Units that may be offered to Amazon. */
	available: number;
	/** Supercycle items of the SKU (and variant) as read. */
	items: number;
	/** Ids of the free sellable items, lowest first (the reserve is kept at the end). */
	freeItemIds: Array<number | string>;
	reserve: number;
	/** Null when the items could not be counted (Supercycle unread, incomplete items, none). */
	counts: ItemCounts | null;
	reason: string;
}

export interface AvailabilityInput {
	sku: string;
	/** Numeric id or GID (`gid://shopify/ProductVariant/123`); empty: every item of the SKU counts. */
	variantId?: unknown;
	/** Supercycle's items of the SKU as read (every page). */
	items?: unknown;
	/** Set when Supercycle could not be read: why. */
	readError?: string;
	/** Stock offered for a SKU without Supercycle items (e.g. the shop's own); default 0. */
	notCircularStock?: unknown;
}

const UNSURE = '0 offered, unsure stock is never promised';

/** The numeric variant id of a number, a digit text or a GID; null when empty. */
export function variantIdOf(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	const text =
		typeof value === 'number' && Number.isSafeInteger(value)
			? String(value)
			: typeof value === 'string'
				? (value.trim().split('/').pop() ?? '')
				: undefined;
	if (text === '' && typeof value === 'string' && value.trim() === '') return null;
	if (text === undefined || !/^\d{1,20}$/.test(text)) {
		throw new InvalidInputError(
			`variantId must be a numeric Shopify variant id or its GID, got ${shown(value)}`,
			'variantId',
		);
	}
	return text;
}

function stockOf(value: unknown): number {
	if (value === undefined || value === null || value === '') return 0;
	const n = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
		throw new InvalidInputError(
			`notCircularStock must be a whole number, got ${shown(value)}`,
			'notCircularStock',
		);
	}
	return Math.max(0, n);
}

function isSellable(condition: unknown, rule: CircularRule): boolean {
	if (!isObject(condition)) return false;
	const title = String(condition.title ?? '')
		.trim()
		.toLowerCase();
	const id = String(condition.id ?? '');
	return rule.sellableConditions.includes(title) || rule.sellableConditions.includes(id);
}

/** Visibility, rental and condition all present: the item can be judged. */
const complete = (item: Json) =>
	typeof item.visibility === 'string' &&
	item.activeRentalId !== undefined &&
	item.condition !== undefined;

const rented = (item: Json) => item.activeRentalId !== null;

const isFree = (item: Json, rule: CircularRule) =>
	item.visibility === 'available' &&
	item.activeRentalId === null &&
	(item.activeReturnId ?? null) === null &&
	isSellable(item.condition, rule);

function byId(a: Json, b: Json): number {
	const x = Number(a.id);
	const y = Number(b.id);
	if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
	return String(a.id).localeCompare(String(b.id));
}

/** The items of the SKU that count: records with an id, of the variant when one is given. */
function itemsOf(items: unknown, variantId: string | null): Json[] {
	if (items === undefined || items === null) return [];
	if (!Array.isArray(items)) {
		throw new InvalidInputError(`items must be a list, got ${shown(items)}`, 'items');
	}
	return items.filter(
		(item): item is Json =>
			isObject(item) &&
			item.id !== undefined &&
			item.id !== null &&
			(variantId === null || String(item.shopifyVariantId ?? '') === variantId),
	);
}

type Counted = Omit<WholesaleAvailability, 'sku' | 'variantId'>;

function counted(items: Json[], rule: CircularRule): Counted {
	const base = { items: items.length, reserve: rule.reserve };
	const incomplete = items.filter((item) => !complete(item));
	if (incomplete.length) {
		const ids = incomplete.map((item) => String(item.id)).join(', ');
		return {
			...base,
			source: 'supercycle',
			available: 0,
			freeItemIds: [],
			counts: null,
			reason: `${incomplete.length} Supercycle item(s) without visibility, rental or condition (${ids}): ${UNSURE}`,
		};
	}
	const free = items.filter((item) => isFree(item, rule)).sort(byId);
	const counts: ItemCounts = {
		free: free.length,
		rented: items.filter(rented).length,
		notSellable: items.filter(
			(i) => !rented(i) && i.visibility === 'available' && !isSellable(i.condition, rule),
		).length,
		unavailable: items.filter((i) => !rented(i) && i.visibility !== 'available').length,
	};
	const available = Math.max(0, free.length - rule.reserve);
	return {
		...base,
		source: 'supercycle',
		available,
		freeItemIds: free.map((item) => item.id as number | string),
		counts,
		reason:
			`${counts.free} sellable item(s) free of ${items.length} (${counts.rented} rented, ` +
			`${counts.notSellable} in a condition not sold wholesale, ${counts.unavailable} unavailable, ` +
			`sold or retired), minus a circular reserve of ${rule.reserve} = ${available}`,
	};
}

/** The wholesale availability of one SKU by the rule; bad input is an InvalidInputError. */
export function wholesaleAvailability(
	input: AvailabilityInput,
	rule: CircularRule,
): WholesaleAvailability {
	if (!isObject(input)) throw new InvalidInputError(`input must be an object, got ${shown(input)}`);
	const sku = typeof input.sku === 'string' ? input.sku.trim() : '';
	if (sku === '') throw new InvalidInputError(`sku is empty: give the SKU to count`, 'sku');
	const variantId = variantIdOf(input.variantId);
	const items = itemsOf(input.items, variantId);
	const notCircularStock = stockOf(input.notCircularStock);
	const head = { sku, variantId };
	const none = { freeItemIds: [], reserve: rule.reserve, counts: null };
	if (rule.circularOnlySkus.includes(sku)) {
		return {
			...head,
			...none,
			source: 'circularOnly',
			available: 0,
			items: items.length,
			reason: 'listed in circularOnlySkus: kept for rental and resale, never sold wholesale',
		};
	}
	if (input.readError !== undefined) {
		const why = String(input.readError).slice(0, 300);
		return {
			...head,
			...none,
			source: 'unknown',
			available: 0,
			items: items.length,
			reason: `Supercycle could not be read (${why}): ${UNSURE}`,
		};
	}
	if (items.length === 0) {
		return {
			...head,
			...none,
			source: 'notCircular',
			available: notCircularStock,
			items: 0,
			reason:
				`no Supercycle items: not a circular SKU, so the stock given for SKUs outside ` +
				`Supercycle applies (${notCircularStock})`,
		};
	}
	return { ...head, ...counted(items, rule) };
}
