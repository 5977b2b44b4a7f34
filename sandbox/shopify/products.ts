/**
 * Catalogue and inventory: the `shop`, `locations`, `products`, `productVariants`,
 * `inventoryItems` queries and the inventory mutations with the 2026-04 rules.
 *
 * inventorySetQuantities / inventoryAdjustQuantities, as Shopify has them from 2026-04:
 * - the `@idempotent(key: "…")` directive is required (a call without it fails at run time);
 *   a key seen in the last 24 hours (sandbox clock) with the same arguments replays the first
 *   answer (the same adjustment group, nothing applied twice); with other arguments it gives
 *   IDEMPOTENCY_KEY_PARAMETER_MISMATCH; after a call that ended in userErrors,
 *   IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED;
 * - every quantity/change must carry `changeFromQuantity`: a number (compare-and-set: a
 *   different stored quantity gives CHANGE_FROM_QUANTITY_STALE) or an explicit null (no check);
 *   omitting it is an error;
 * - set: `name` is `available` or `on_hand` (setting on_hand moves the difference through
 *   available); adjust: `available`, `damaged`, `incoming`, `quality_control`, `reserved` or
 *   `safety_stock` (not `committed`), with a `ledgerDocumentUri` for every name but `available`;
 * - `reason` must be one of Shopify's reasons, `referenceDocumentUri` a URI;
 * - the call is all-or-nothing; the adjustment group lists each change with its delta and
 *   quantityAfterChange, plus the resulting on_hand change.
 */
import { getDirectiveValues, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import { fieldError, invalidGlobalId, notSimulated } from './errors';
import { matchesSearch, parseSearch, type SearchField } from './search';
import {
	idOf,
	parseGid,
	type InventoryChangeRecord,
	type InventoryItemRecord,
	type InventoryLevelRecord,
	type ProductRecord,
	type QuantityName,
	type ShopState,
	type StoredQuantityName,
	type VariantRecord,
} from './state';
import {
	adjustmentGroupView,
	connection,
	inventoryItemView,
	inventoryLevelView,
	locationView,
	productView,
	shopView,
	userError,
	variantView,
	type ConnectionArgs,
	type Ctx,
	type Obj,
	type Resolver,
} from './views';

export const INVENTORY_REASONS = [
	'correction',
	'cycle_count_available',
	'damaged',
	'movement_created',
	'movement_updated',
	'movement_received',
	'movement_canceled',
	'other',
	'promotion',
	'quality_control',
	'received',
	'reservation_created',
	'reservation_deleted',
	'reservation_updated',
	'restock',
	'safety_stock',
	'shrinkage',
];

export const ADJUSTABLE_NAMES: StoredQuantityName[] = [
	'available',
	'damaged',
	'incoming',
	'quality_control',
	'reserved',
	'safety_stock',
];
const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
const MAX_QUANTITY = 1_000_000_000;

/** Records a search's ignored fields in extensions.search, as Shopify does. */
export function reportSearch(
	ctx: Ctx,
	info: GraphQLResolveInfo,
	query: string,
	warnings: Array<{ field: string | null; message: string }>,
): void {
	if (warnings.length) ctx.search.push({ path: responsePathAsArray(info.path), query, warnings });
}

function sortBy<T>(
	items: T[],
	sortKey: string | undefined,
	keys: Record<string, (t: T) => string | number>,
	what: string,
): T[] {
	const key = sortKey ?? 'ID';
	const get = keys[key];
	if (!get)
		throw notSimulated(
			`Sorting ${what} by ${key}`,
			`Simulated sort keys: ${Object.keys(keys).join(', ')}.`,
		);
	return [...items].sort((a, b) => {
		const x = get(a);
		const y = get(b);
		return x < y ? -1 : x > y ? 1 : 0;
	});
}

function variantSearchFields(shop: ShopState): Record<string, SearchField<VariantRecord>> {
	const product = (v: VariantRecord) => shop.productOf(v);
	return {
		default: { kind: 'text', get: (v) => [v.sku, v.barcode, v.title, product(v).title] },
		sku: { kind: 'text', exact: true, get: (v) => v.sku },
		barcode: { kind: 'text', exact: true, get: (v) => v.barcode },
		title: { kind: 'text', get: (v) => [v.title, product(v).title] },
		id: { kind: 'id', get: (v) => v.id },
		product_id: { kind: 'id', get: (v) => v.productId },
		product_ids: { kind: 'text', exact: true, get: (v) => String(v.productId) },
		vendor: { kind: 'text', exact: true, get: (v) => product(v).vendor },
		product_type: { kind: 'text', exact: true, get: (v) => product(v).productType },
		product_status: { kind: 'text', exact: true, get: (v) => product(v).status.toLowerCase() },
		tag: { kind: 'text', exact: true, get: (v) => product(v).tags },
		tag_not: { kind: 'text', exact: true, negate: true, get: (v) => product(v).tags },
		inventory_quantity: { kind: 'number', get: (v) => shop.totalAvailable(shop.itemOf(v)) },
		location_id: { kind: 'id', get: (v) => shop.itemOf(v).levels.map((l) => l.locationId) },
		managed: { kind: 'boolean', get: (v) => shop.itemOf(v).tracked },
		taxable: { kind: 'boolean', get: (v) => v.taxable },
		gift_card: { kind: 'boolean', get: () => false },
		updated_at: { kind: 'time', get: (v) => v.updatedAt },
		option1: { kind: 'text', exact: true, get: (v) => v.selectedOptions[0]?.value ?? null },
		option2: { kind: 'text', exact: true, get: (v) => v.selectedOptions[1]?.value ?? null },
		option3: { kind: 'text', exact: true, get: (v) => v.selectedOptions[2]?.value ?? null },
	};
}

function productSearchFields(shop: ShopState): Record<string, SearchField<ProductRecord>> {
	const variants = (p: ProductRecord) =>
		p.variantIds
			.map((id) => shop.variants.get(id))
			.filter((v): v is VariantRecord => v !== undefined);
	return {
		default: {
			kind: 'text',
			get: (p) => [p.title, p.handle, p.vendor, ...p.tags, ...variants(p).map((v) => v.sku)],
		},
		title: { kind: 'text', get: (p) => p.title },
		handle: { kind: 'text', exact: true, get: (p) => p.handle },
		id: { kind: 'id', get: (p) => p.id },
		vendor: { kind: 'text', exact: true, get: (p) => p.vendor },
		product_type: { kind: 'text', exact: true, get: (p) => p.productType },
		status: { kind: 'text', exact: true, get: (p) => p.status.toLowerCase() },
		tag: { kind: 'text', exact: true, get: (p) => p.tags },
		tag_not: { kind: 'text', exact: true, negate: true, get: (p) => p.tags },
		sku: { kind: 'text', exact: true, get: (p) => variants(p).map((v) => v.sku) },
		barcode: { kind: 'text', exact: true, get: (p) => variants(p).map((v) => v.barcode) },
		created_at: { kind: 'time', get: (p) => p.createdAt },
		updated_at: { kind: 'time', get: (p) => p.updatedAt },
	};
}

function search<T>(
	ctx: Ctx,
	info: GraphQLResolveInfo,
	items: T[],
	query: string | null | undefined,
	fields: Record<string, SearchField<T>>,
): T[] {
	if (!query) return items;
	const parsed = parseSearch(query, fields);
	reportSearch(ctx, info, query, parsed.warnings);
	return items.filter((item) => matchesSearch(parsed, item, fields, () => []));
}

/** An ID argument that must be a GID of one of `types`: malformed → error, other type or unknown → undefined. */
export function lookupId(value: unknown, ...types: string[]): number | undefined {
	const parsed = parseGid(value);
	if (!parsed) throw invalidGlobalId(value);
	return idOf(value, ...types);
}

export const catalogQueries: Record<string, Resolver> = {
	shop: (_args, ctx) => shopView(ctx),
	locations: (
		args: ConnectionArgs & { query?: string | null; includeInactive?: boolean; sortKey?: string },
		ctx,
		info,
	) => {
		let list = ctx.shop.locationList();
		if (!args.includeInactive) list = list.filter((l) => l.isActive);
		list = search(ctx, info, list, args.query, {
			default: { kind: 'text', get: (l) => l.name },
			name: { kind: 'text', get: (l) => l.name },
			id: { kind: 'id', get: (l) => l.id },
		});
		list = sortBy(
			list,
			args.sortKey === 'NAME' ? 'NAME' : 'ID',
			{ ID: (l) => l.id, NAME: (l) => l.name.toLowerCase() },
			'locations',
		);
		return connection(
			list,
			args,
			(l) => l.id,
			(l) => locationView(ctx, l),
		);
	},
	location: (args: { id?: string | null }, ctx) => {
		if (args.id === undefined || args.id === null) {
			const first = ctx.shop.locationList()[0];
			return first ? locationView(ctx, first) : null;
		}
		const loc = ctx.shop.locations.get(lookupId(args.id, 'Location') ?? -1);
		return loc ? locationView(ctx, loc) : null;
	},
	products: (args: ConnectionArgs & { query?: string | null; sortKey?: string }, ctx, info) => {
		let list = search(
			ctx,
			info,
			[...ctx.shop.products.values()],
			args.query,
			productSearchFields(ctx.shop),
		);
		list = sortBy(
			list,
			args.sortKey,
			{
				ID: (p) => p.id,
				TITLE: (p) => p.title.toLowerCase(),
				CREATED_AT: (p) => p.createdAt,
				UPDATED_AT: (p) => p.updatedAt,
				VENDOR: (p) => p.vendor.toLowerCase(),
				PRODUCT_TYPE: (p) => p.productType,
			},
			'products',
		);
		return connection(
			list,
			args,
			(p) => p.id,
			(p) => productView(ctx, p),
		);
	},
	product: (args: { id: string }, ctx) => {
		const p = ctx.shop.products.get(lookupId(args.id, 'Product') ?? -1);
		return p ? productView(ctx, p) : null;
	},
	productVariants: (
		args: ConnectionArgs & {
			query?: string | null;
			sortKey?: string;
			savedSearchId?: string | null;
		},
		ctx,
		info,
	) => {
		if (args.savedSearchId) throw notSimulated('productVariants(savedSearchId:)');
		let list = search(ctx, info, ctx.shop.variantList(), args.query, variantSearchFields(ctx.shop));
		list = sortBy(
			list,
			args.sortKey,
			{
				ID: (v) => v.id,
				SKU: (v) => v.sku ?? '',
				TITLE: (v) => v.title.toLowerCase(),
				NAME: (v) => ctx.shop.displayName(v).toLowerCase(),
				POSITION: (v) => v.position,
				INVENTORY_QUANTITY: (v) => ctx.shop.totalAvailable(ctx.shop.itemOf(v)),
				INVENTORY_LEVELS_AVAILABLE: (v) => ctx.shop.totalAvailable(ctx.shop.itemOf(v)),
			},
			'productVariants',
		);
		return connection(
			list,
			args,
			(v) => v.id,
			(v) => variantView(ctx, v),
		);
	},
	productVariant: (args: { id: string }, ctx) => {
		const v = ctx.shop.variants.get(lookupId(args.id, 'ProductVariant') ?? -1);
		return v ? variantView(ctx, v) : null;
	},
	inventoryItems: (args: ConnectionArgs & { query?: string | null }, ctx, info) => {
		const shop = ctx.shop;
		const list = search(ctx, info, [...shop.inventoryItems.values()], args.query, {
			default: { kind: 'text', get: (i) => shop.variantOfItem(i).sku },
			sku: { kind: 'text', exact: true, get: (i) => shop.variantOfItem(i).sku },
			id: { kind: 'id', get: (i) => i.id },
			created_at: { kind: 'time', get: (i) => i.createdAt },
			updated_at: { kind: 'time', get: (i) => i.updatedAt },
		});
		return connection(
			list,
			args,
			(i) => i.id,
			(i) => inventoryItemView(ctx, i),
		);
	},
	inventoryItem: (args: { id: string }, ctx) => {
		const item = ctx.shop.inventoryItems.get(lookupId(args.id, 'InventoryItem') ?? -1);
		return item ? inventoryItemView(ctx, item) : null;
	},
	inventoryLevel: (args: { id: string }, ctx) => {
		const n = lookupId(args.id, 'InventoryLevel');
		for (const item of ctx.shop.inventoryItems.values()) {
			const level = item.levels.find((l) => l.id === n);
			if (level) return inventoryLevelView(ctx, level);
		}
		return null;
	},
};

// ---------------------------------------------------------------------------------------------
// Idempotency

function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value as Obj)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((value as Obj)[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** The `@idempotent(key:)` of the field being resolved; required for these mutations from 2026-04. */
function idempotencyKey(info: GraphQLResolveInfo): string {
	const directive = info.schema.getDirective('idempotent');
	const values = directive
		? getDirectiveValues(directive, info.fieldNodes[0], info.variableValues)
		: undefined;
	const key = values?.key;
	if (typeof key !== 'string') {
		throw fieldError(
			`${info.fieldName} requires an idempotency key as of API version 2026-04: ` +
				'add @idempotent(key: "<unique key>") to the field.',
			'BAD_REQUEST',
			{ documentation: 'https://shopify.dev/docs/api/usage/idempotent-requests' },
		);
	}
	if (key.trim() === '')
		throw fieldError(
			'The idempotency key cannot be an empty string or whitespace only.',
			'BAD_REQUEST',
		);
	return key;
}

interface Idempotent {
	key: string;
	fingerprint: string;
	/** The payload to answer without doing anything (replay or key misuse). */
	early?: Obj;
}

function checkIdempotency(
	ctx: Ctx,
	info: GraphQLResolveInfo,
	args: unknown,
	payloadType: string,
): Idempotent {
	const key = idempotencyKey(info);
	const fingerprint = canonical(args);
	const shop = ctx.shop;
	const prior = shop.idempotency.get(key);
	if (prior && shop.clock.nowMs() - prior.createdAtMs > IDEMPOTENCY_RETENTION_MS)
		shop.idempotency.delete(key);
	const current = shop.idempotency.get(key);
	if (!current) return { key, fingerprint };
	const early = (error: Obj | null, groupId?: number): Obj => ({
		__typename: payloadType,
		inventoryAdjustmentGroup:
			groupId === undefined ? null : adjustmentGroupView(ctx, shop.adjustmentGroups.get(groupId)!),
		userErrors: error ? [error] : [],
	});
	const refused = (message: string, code: string) => ({
		key,
		fingerprint,
		early: early(userError(null, message, code)),
	});
	if (current.mutation !== info.fieldName || current.fingerprint !== fingerprint) {
		return refused(
			'The same idempotency key cannot be used with different operation parameters.',
			'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
		);
	}
	if (current.outcome.kind === 'failed') {
		return refused(
			'A previous request with this idempotency key failed. Retry with a new idempotency key.',
			'IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED',
		);
	}
	return { key, fingerprint, early: early(null, current.outcome.adjustmentGroupId) };
}

function remember(
	ctx: Ctx,
	info: GraphQLResolveInfo,
	idem: Idempotent,
	groupId: number | undefined,
): void {
	ctx.shop.idempotency.set(idem.key, {
		key: idem.key,
		mutation: info.fieldName,
		fingerprint: idem.fingerprint,
		createdAtMs: ctx.shop.clock.nowMs(),
		outcome:
			groupId === undefined ? { kind: 'failed' } : { kind: 'success', adjustmentGroupId: groupId },
	});
}

// ---------------------------------------------------------------------------------------------
// Inventory mutations

interface QuantityTarget {
	index: number;
	item: InventoryItemRecord;
	level: InventoryLevelRecord;
	input: Record<string, unknown>;
}

function requireChangeFrom(list: Array<Record<string, unknown>>, listName: string): void {
	const missing = list
		.map((q, i) => (Object.prototype.hasOwnProperty.call(q, 'changeFromQuantity') ? -1 : i))
		.filter((i) => i >= 0);
	if (missing.length) {
		const paths = missing.map((i) => `input.${listName}[${i}]`).join(', ');
		throw fieldError(
			`changeFromQuantity is required as of API version 2026-04 (${paths}): ` +
				'pass the quantity you expect, or null to skip the check.',
			'INVALID_FIELD_ARGUMENTS',
		);
	}
}

function validateCommon(
	input: { reason: string; referenceDocumentUri?: string | null },
	errors: Obj[],
): void {
	if (!INVENTORY_REASONS.includes(input.reason)) {
		errors.push(
			userError(
				['input', 'reason'],
				`The specified reason is invalid. Valid values: ${INVENTORY_REASONS.join(', ')}.`,
				'INVALID_REASON',
			),
		);
	}
	if (
		input.referenceDocumentUri !== undefined &&
		input.referenceDocumentUri !== null &&
		!/^[a-z][a-z0-9+.-]*:\S+$/i.test(input.referenceDocumentUri)
	) {
		errors.push(
			userError(
				['input', 'referenceDocumentUri'],
				'The specified reference document is invalid.',
				'INVALID_REFERENCE_DOCUMENT',
			),
		);
	}
}

/** Resolves the item and location of each entry, with Shopify's userErrors. */
function targets(
	shop: ShopState,
	list: Array<Record<string, unknown>>,
	listName: string,
	errors: Obj[],
	uniquePairs: boolean,
): QuantityTarget[] {
	const out: QuantityTarget[] = [];
	const seen = new Set<string>();
	list.forEach((q, index) => {
		const path = ['input', listName, String(index)];
		const item = shop.inventoryItems.get(idOf(q.inventoryItemId, 'InventoryItem') ?? -1);
		const location = shop.locations.get(idOf(q.locationId, 'Location') ?? -1);
		if (!item) {
			errors.push(
				userError(
					[...path, 'inventoryItemId'],
					'The specified inventory item could not be found.',
					'INVALID_INVENTORY_ITEM',
				),
			);
			return;
		}
		if (!location) {
			errors.push(
				userError(
					[...path, 'locationId'],
					'The specified location could not be found.',
					'INVALID_LOCATION',
				),
			);
			return;
		}
		const pair = `${item.id}/${location.id}`;
		if (uniquePairs && seen.has(pair)) {
			errors.push(
				userError(
					path,
					'The combination of inventoryItemId and locationId must be unique.',
					'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR',
				),
			);
			return;
		}
		seen.add(pair);
		const level = shop.level(item, location.id);
		if (!level) {
			errors.push(
				userError(
					[...path, 'locationId'],
					'The specified inventory item is not stocked at the location.',
					'ITEM_NOT_STOCKED_AT_LOCATION',
				),
			);
			return;
		}
		if (!item.tracked) {
			errors.push(
				userError(
					[...path, 'inventoryItemId'],
					'The specified inventory item is not tracked.',
					'NON_MUTABLE_INVENTORY_ITEM',
				),
			);
			return;
		}
		out.push({ index, item, level, input: q });
	});
	return out;
}

function staleError(path: string[], expected: unknown, actual: number): Obj {
	return userError(
		[...path, 'changeFromQuantity'],
		`The changeFromQuantity value does not match the persisted value (expected ${String(expected)}, found ${actual}).`,
		'CHANGE_FROM_QUANTITY_STALE',
	);
}

function newGroup(
	ctx: Ctx,
	input: { reason: string; referenceDocumentUri?: string | null },
	changes: InventoryChangeRecord[],
): number {
	const group = {
		id: ctx.shop.nextId(),
		reason: input.reason,
		referenceDocumentUri: input.referenceDocumentUri ?? null,
		changes,
		createdAt: ctx.shop.now(),
	};
	ctx.shop.adjustmentGroups.set(group.id, group);
	return group.id;
}

/** The payload of a mutation whose adjustment group is made, remembered under its idempotency key. */
function committedGroup(
	ctx: Ctx,
	info: GraphQLResolveInfo,
	idem: Idempotent,
	payload: string,
	groupId: number,
): Obj {
	remember(ctx, info, idem, groupId);
	return {
		__typename: payload,
		inventoryAdjustmentGroup: adjustmentGroupView(ctx, ctx.shop.adjustmentGroups.get(groupId)!),
		userErrors: [],
	};
}

function recordChange(
	shop: ShopState,
	changes: InventoryChangeRecord[],
	level: InventoryLevelRecord,
	name: QuantityName,
	delta: number,
	ledgerDocumentUri: string | null,
): void {
	changes.push({
		inventoryItemId: level.inventoryItemId,
		locationId: level.locationId,
		name,
		delta,
		quantityAfterChange: shop.quantity(level, name),
		ledgerDocumentUri,
	});
}

interface SetInput {
	reason: string;
	name: string;
	referenceDocumentUri?: string | null;
	quantities: Array<Record<string, unknown>>;
}

interface AdjustInput {
	reason: string;
	name: string;
	referenceDocumentUri?: string | null;
	changes: Array<Record<string, unknown>>;
}

export const inventoryMutations: Record<string, Resolver> = {
	inventorySetQuantities: (args: { input: SetInput }, ctx, info) => {
		const payload = 'InventorySetQuantitiesPayload';
		const input = args.input;
		requireChangeFrom(input.quantities, 'quantities');
		const idem = checkIdempotency(ctx, info, args, payload);
		if (idem.early) return idem.early;
		const shop = ctx.shop;
		const errors: Obj[] = [];
		if (input.name !== 'available' && input.name !== 'on_hand') {
			errors.push(
				userError(
					['input', 'name'],
					"The quantity name must be either 'available' or 'on_hand'.",
					'INVALID_NAME',
				),
			);
		}
		validateCommon(input, errors);
		const list = targets(shop, input.quantities, 'quantities', errors, true);
		const name = input.name as 'available' | 'on_hand';
		for (const t of list) {
			const path = ['input', 'quantities', String(t.index)];
			const quantity = t.input.quantity as number;
			if (quantity < 0)
				errors.push(
					userError(
						[...path, 'quantity'],
						"The quantity can't be negative.",
						'INVALID_QUANTITY_NEGATIVE',
					),
				);
			else if (quantity > MAX_QUANTITY)
				errors.push(
					userError(
						[...path, 'quantity'],
						"The quantity can't be higher than 1,000,000,000.",
						'INVALID_QUANTITY_TOO_HIGH',
					),
				);
			const expected = t.input.changeFromQuantity;
			if (
				errors.length === 0 &&
				expected !== null &&
				(name === 'available' || name === 'on_hand')
			) {
				const current = shop.quantity(t.level, name);
				if (current !== expected) errors.push(staleError(path, expected, current));
			}
		}
		if (errors.length) {
			remember(ctx, info, idem, undefined);
			return { __typename: payload, inventoryAdjustmentGroup: null, userErrors: errors };
		}
		const changes: InventoryChangeRecord[] = [];
		for (const t of list) {
			const delta = (t.input.quantity as number) - shop.quantity(t.level, name);
			shop.change(t.level, 'available', delta);
			recordChange(shop, changes, t.level, name, delta, null);
			recordChange(
				shop,
				changes,
				t.level,
				name === 'available' ? 'on_hand' : 'available',
				delta,
				null,
			);
		}
		return committedGroup(ctx, info, idem, payload, newGroup(ctx, input, changes));
	},

	inventoryAdjustQuantities: (args: { input: AdjustInput }, ctx, info) => {
		const payload = 'InventoryAdjustQuantitiesPayload';
		const input = args.input;
		requireChangeFrom(input.changes, 'changes');
		const idem = checkIdempotency(ctx, info, args, payload);
		if (idem.early) return idem.early;
		const shop = ctx.shop;
		const errors: Obj[] = [];
		const name = input.name as StoredQuantityName;
		if (!ADJUSTABLE_NAMES.includes(name)) {
			errors.push(
				userError(
					['input', 'name'],
					`The quantity name must be one of: ${ADJUSTABLE_NAMES.join(', ')}.`,
					'INVALID_QUANTITY_NAME',
				),
			);
		}
		validateCommon(input, errors);
		const list = targets(shop, input.changes, 'changes', errors, false);
		for (const t of list) {
			const path = ['input', 'changes', String(t.index)];
			const ledger = t.input.ledgerDocumentUri as string | null | undefined;
			if (name === 'available' && ledger) {
				errors.push(
					userError(
						[...path, 'ledgerDocumentUri'],
						'A ledger document URI is not allowed when adjusting the available quantity.',
						'INVALID_AVAILABLE_DOCUMENT',
					),
				);
			} else if (name !== 'available' && ADJUSTABLE_NAMES.includes(name) && !ledger) {
				errors.push(
					userError(
						[...path, 'ledgerDocumentUri'],
						`A ledger document URI is required when adjusting the ${name} quantity.`,
						'INVALID_LEDGER_DOCUMENT',
					),
				);
			} else if (ledger && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(ledger)) {
				errors.push(
					userError(
						[...path, 'ledgerDocumentUri'],
						'The specified ledger document is invalid.',
						'INVALID_LEDGER_DOCUMENT',
					),
				);
			}
			if (!ADJUSTABLE_NAMES.includes(name)) continue;
			const current = shop.quantity(t.level, name);
			const after = current + (t.input.delta as number);
			if (after > MAX_QUANTITY)
				errors.push(
					userError(
						[...path, 'delta'],
						"The quantity can't be higher than 1,000,000,000.",
						'INVALID_QUANTITY_TOO_HIGH',
					),
				);
			if (after < -MAX_QUANTITY)
				errors.push(
					userError(
						[...path, 'delta'],
						"The quantity can't be lower than -1,000,000,000.",
						'INVALID_QUANTITY_TOO_LOW',
					),
				);
			const expected = t.input.changeFromQuantity;
			if (expected !== null && expected !== current)
				errors.push(staleError(path, expected, current));
		}
		if (errors.length) {
			remember(ctx, info, idem, undefined);
			return { __typename: payload, inventoryAdjustmentGroup: null, userErrors: errors };
		}
		const changes: InventoryChangeRecord[] = [];
		for (const t of list) {
			const delta = t.input.delta as number;
			const ledger = (t.input.ledgerDocumentUri as string | null | undefined) ?? null;
			shop.change(t.level, name, delta);
			recordChange(shop, changes, t.level, name, delta, ledger);
			if (name !== 'incoming') recordChange(shop, changes, t.level, 'on_hand', delta, ledger);
		}
		return committedGroup(ctx, info, idem, payload, newGroup(ctx, input, changes));
	},
};
