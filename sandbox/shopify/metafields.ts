/**
 * Metafields on orders, products, variants and locations: `metafieldsSet` and the metafields of
 * orderCreate and seeds.
 *
 * Rules: at most 25 per metafieldsSet call; `key` 2–64 characters of letters, digits, `_` and `-`;
 * `namespace` defaults to `$app` (the app's reserved namespace; stored under that name); `type` is
 * required for a new metafield and must not change for an existing one; the value must fit the
 * type (integers, decimals, booleans, JSON, dates, URLs, lists…); `compareDigest` (the value of
 * Metafield.compareDigest, or null for "must not exist yet") makes the write conditional
 * (STALE_OBJECT). metafieldsSet is atomic: one error and nothing is written.
 */
import { notSimulated } from './errors';
import { parseGid, type MetafieldRecord, type ShopState } from './state';
import { compareDigest, metafieldView, userError, type Obj, type Resolver } from './views';

export const METAFIELD_TYPES = [
	'boolean',
	'color',
	'date',
	'date_time',
	'dimension',
	'id',
	'json',
	'link',
	'money',
	'multi_line_text_field',
	'number_decimal',
	'number_integer',
	'rating',
	'rich_text_field',
	'single_line_text_field',
	'url',
	'volume',
	'weight',
	'collection_reference',
	'customer_reference',
	'file_reference',
	'metaobject_reference',
	'mixed_reference',
	'page_reference',
	'product_reference',
	'variant_reference',
	'company_reference',
];

const OWNER_TYPES = ['Order', 'Product', 'ProductVariant', 'Location'];

export interface MetafieldInput {
	ownerId?: string;
	namespace?: string | null;
	key?: string | null;
	value?: string | null;
	type?: string | null;
	compareDigest?: string | null;
}

function isKnownType(type: string): boolean {
	const base = type.startsWith('list.') ? type.slice(5) : type;
	return (
		METAFIELD_TYPES.includes(base) &&
		!(
			type.startsWith('list.') &&
			['boolean', 'json', 'money', 'multi_line_text_field', 'rich_text_field'].includes(base)
		)
	);
}

function validScalar(type: string, value: unknown): string | undefined {
	const s = typeof value === 'string' ? value : JSON.stringify(value);
	switch (type) {
		case 'number_integer':
			return /^-?\d+$/.test(s) ? undefined : 'Value must be an integer.';
		case 'number_decimal':
			return /^-?\d+(\.\d+)?$/.test(s) ? undefined : 'Value must be a decimal number.';
		case 'boolean':
			return s === 'true' || s === 'false' ? undefined : 'Value must be true or false.';
		case 'date':
			return /^\d{4}-\d{2}-\d{2}$/.test(s) && Number.isFinite(Date.parse(s))
				? undefined
				: 'Value must be a date in the format YYYY-MM-DD.';
		case 'date_time':
			return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?/.test(s) && Number.isFinite(Date.parse(s))
				? undefined
				: 'Value must be a date and time in ISO 8601 format.';
		case 'url':
			return /^(https?|mailto|sms|tel):\S+$/i.test(s)
				? undefined
				: 'Value must be a URL with one of the following schemes: https, http, mailto, sms, tel.';
		case 'color':
			return /^#[0-9a-fA-F]{6}$/.test(s) ? undefined : 'Value must be a hex color code (#RRGGBB).';
		case 'single_line_text_field':
			return /[\r\n]/.test(s) ? 'Value must be a single line of text.' : undefined;
		default:
			return undefined;
	}
}

/** Why a value does not fit a metafield type (undefined when it fits). */
export function invalidValue(type: string, value: string): string | undefined {
	if (type.startsWith('list.')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(value);
		} catch {
			return 'Value must be a JSON array.';
		}
		if (!Array.isArray(parsed)) return 'Value must be a JSON array.';
		for (const element of parsed) {
			const why = validScalar(type.slice(5), element);
			if (why) return why;
		}
		return undefined;
	}
	if (
		[
			'json',
			'money',
			'dimension',
			'weight',
			'volume',
			'rating',
			'link',
			'rich_text_field',
		].includes(type)
	) {
		try {
			JSON.parse(value);
		} catch {
			return 'Value must be valid JSON.';
		}
		return undefined;
	}
	return validScalar(type, value);
}

function ownerExists(shop: ShopState, ownerId: string): boolean {
	const p = parseGid(ownerId);
	if (!p) return false;
	const n = Number(p.id);
	switch (p.type) {
		case 'Order':
			return shop.orders.has(n);
		case 'Product':
			return shop.products.has(n);
		case 'ProductVariant':
			return shop.variants.has(n);
		case 'Location':
			return shop.locations.has(n);
		default:
			return false;
	}
}

export interface MetafieldWrite {
	ownerId: string;
	namespace: string;
	key: string;
	type: string;
	value: string;
	existing?: MetafieldRecord;
}

/**
 * Checks one metafield input; returns the write or the userErrors (paths under `path`). Owners of
 * types the sandbox does not store throw a NOT_SIMULATED error. `ownerId` null: the owner is being
 * created (orderCreate, seeds); the caller sets `ownerId` on the write.
 */
export function checkMetafield(
	shop: ShopState,
	input: MetafieldInput,
	path: string[],
	ownerId: string | null,
	errors: Obj[],
	elementIndex?: number,
): MetafieldWrite | undefined {
	const extra = elementIndex === undefined ? {} : { elementIndex };
	const before = errors.length;
	if (ownerId !== null) {
		const owner = parseGid(ownerId);
		if (owner && !OWNER_TYPES.includes(owner.type))
			throw notSimulated(`Metafields on ${owner.type}`);
		if (!owner || !ownerExists(shop, ownerId))
			errors.push(userError([...path, 'ownerId'], 'Owner does not exist.', 'INVALID', extra));
	}
	const namespace = input.namespace ?? '$app';
	const key = input.key ?? '';
	if (key.length < 2)
		errors.push(
			userError(
				[...path, 'key'],
				'Key is too short (minimum is 2 characters).',
				'TOO_SHORT',
				extra,
			),
		);
	else if (key.length > 64)
		errors.push(
			userError([...path, 'key'], 'Key is too long (maximum is 64 characters).', 'TOO_LONG', extra),
		);
	else if (!/^[A-Za-z0-9_-]+$/.test(key))
		errors.push(
			userError([...path, 'key'], 'Key contains one or more invalid characters.', 'INVALID', extra),
		);
	if (!namespace.trim())
		errors.push(userError([...path, 'namespace'], "Namespace can't be blank.", 'BLANK', extra));
	const existing =
		ownerId === null
			? undefined
			: [...shop.metafields.values()].find(
					(m) => m.ownerId === ownerId && m.namespace === namespace && m.key === key,
				);
	const type = input.type ?? existing?.type;
	if (!type) errors.push(userError([...path, 'type'], "Type can't be blank.", 'BLANK', extra));
	else if (!isKnownType(type))
		errors.push(
			userError(
				[...path, 'type'],
				`Type '${type}' is not a valid metafield type.`,
				'INVALID_TYPE',
				extra,
			),
		);
	else if (existing && existing.type !== type)
		errors.push(
			userError(
				[...path, 'type'],
				`Type must be the existing metafield's type, ${existing.type}.`,
				'INVALID_TYPE',
				extra,
			),
		);
	const value = input.value;
	if (value === undefined || value === null || value === '')
		errors.push(userError([...path, 'value'], "Value can't be blank.", 'BLANK', extra));
	else if (type && isKnownType(type)) {
		const why = invalidValue(type, value);
		if (why) errors.push(userError([...path, 'value'], why, 'INVALID_VALUE', extra));
	}
	if (Object.prototype.hasOwnProperty.call(input, 'compareDigest')) {
		const current = existing ? compareDigest(existing) : null;
		if ((input.compareDigest ?? null) !== current) {
			errors.push(
				userError(
					[...path, 'compareDigest'],
					'The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.',
					'STALE_OBJECT',
					extra,
				),
			);
		}
	}
	if (errors.length > before) return undefined;
	return {
		ownerId: ownerId ?? '',
		namespace,
		key,
		type: type as string,
		value: value as string,
		existing,
	};
}

export function writeMetafield(shop: ShopState, w: MetafieldWrite): MetafieldRecord {
	const now = shop.now();
	if (w.existing) {
		w.existing.value = w.value;
		w.existing.type = w.type;
		w.existing.updatedAt = now;
		return w.existing;
	}
	const record: MetafieldRecord = {
		id: shop.nextId(),
		ownerId: w.ownerId,
		namespace: w.namespace,
		key: w.key,
		type: w.type,
		value: w.value,
		createdAt: now,
		updatedAt: now,
	};
	shop.metafields.set(record.id, record);
	return record;
}

/** Removes every metafield of an owner (when a seed replaces a product). */
export function dropMetafields(shop: ShopState, ownerId: string): void {
	for (const [id, m] of shop.metafields) if (m.ownerId === ownerId) shop.metafields.delete(id);
}

export const metafieldMutations: Record<string, Resolver> = {
	metafieldsSet: (args: { metafields: MetafieldInput[] }, ctx) => {
		const shop = ctx.shop;
		const errors: Obj[] = [];
		if (args.metafields.length > 25) {
			errors.push(
				userError(
					['metafields'],
					'Exceeded the maximum metafields input limit of 25.',
					'LESS_THAN_OR_EQUAL_TO',
				),
			);
			return { metafields: null, userErrors: errors };
		}
		const writes: MetafieldWrite[] = [];
		const seen = new Set<string>();
		args.metafields.forEach((input, i) => {
			const path = ['metafields', String(i)];
			const w = checkMetafield(shop, input, path, input.ownerId ?? '', errors, i);
			if (!w) return;
			const id = `${w.ownerId}/${w.namespace}/${w.key}`;
			if (seen.has(id))
				errors.push(
					userError(path, 'The same metafield is set more than once in this call.', 'TAKEN', {
						elementIndex: i,
					}),
				);
			seen.add(id);
			writes.push(w);
		});
		if (errors.length) return { metafields: null, userErrors: errors };
		const written = writes.map((w) => writeMetafield(shop, w));
		for (const w of writes) {
			const owner = parseGid(w.ownerId);
			if (owner?.type === 'Order') {
				const order = shop.orders.get(Number(owner.id));
				if (order) shop.touchOrder(order);
			}
		}
		return { metafields: written.map((m) => metafieldView(ctx, m)), userErrors: [] };
	},
};
