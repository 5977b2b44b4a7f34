/**
 * The shop's records as GraphQL objects. graphql-js resolves every field of these objects by
 * property (see graphql.ts): a value is returned as is, a function is called with the field's
 * arguments, and a field the object does not define answers a NOT_SIMULATED error, never a silent
 * null. Objects are built lazily (nested objects behind functions), so an order's line items only
 * exist when the query selects them.
 *
 * To simulate another field, add it to the view of its type here.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { dec, decFromInt, formatDecimal, mul, sum, type Dec } from '../amazon/decimal';
import { fieldError } from './errors';
import { matchesSearch, parseSearch, type SearchField } from './search';
import {
	gid,
	idOf,
	isDefaultTitle,
	isQuantityName,
	QUANTITY_NAMES,
	type Address,
	type AdjustmentGroupRecord,
	type FulfillmentHoldRecord,
	type FulfillmentOrderLineItemRecord,
	type FulfillmentOrderRecord,
	type FulfillmentRecord,
	type InventoryItemRecord,
	type InventoryLevelRecord,
	type LineItemRecord,
	type LocationRecord,
	type MetafieldRecord,
	type OrderRecord,
	type ProductRecord,
	type ShopState,
	type VariantRecord,
} from './state';

export type Obj = Record<string, unknown>;

/** One search report for `extensions.search` (Shopify lists ignored or unknown filters there). */
export interface SearchReport {
	path: Array<string | number>;
	query: string;
	warnings: Array<{ field: string | null; message: string }>;
}

/** What every resolver gets. */
export interface Ctx {
	shop: ShopState;
	/** The API version serving the request, e.g. "2026-04". */
	version: string;
	search: SearchReport[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arguments come as the schema declares them
export type Resolver = (args: any, ctx: Ctx, info: GraphQLResolveInfo) => unknown;

// ---------------------------------------------------------------------------------------------
// Money

/** Shopify's decimal form: trailing zeros dropped, at least one decimal ("10.0", "24.99"). */
export function amount(value: Dec | string): string {
	return formatDecimal(typeof value === 'string' ? dec(value) : value, 1);
}

export function moneyV2(value: Dec | string, currencyCode: string): Obj {
	return { __typename: 'MoneyV2', amount: amount(value), currencyCode };
}

export function moneyBag(value: Dec | string, currencyCode: string): Obj {
	const money = moneyV2(value, currencyCode);
	return { __typename: 'MoneyBag', shopMoney: money, presentmentMoney: money };
}

export function lineTotal(price: string, quantity: number): Dec {
	return mul(dec(price), decFromInt(quantity));
}

// ---------------------------------------------------------------------------------------------
// Connections

export interface ConnectionArgs {
	first?: number | null;
	last?: number | null;
	after?: string | null;
	before?: string | null;
	reverse?: boolean | null;
}

const MAX_PAGE = 250;

export function encodeCursor(key: number | string): string {
	return Buffer.from(JSON.stringify({ last_id: key, last_value: String(key) })).toString('base64');
}

function decodeCursor(cursor: string): number | string {
	try {
		const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as {
			last_id?: unknown;
		};
		if (typeof parsed.last_id === 'number' || typeof parsed.last_id === 'string')
			return parsed.last_id;
	} catch {
		// fall through
	}
	throw fieldError(`Invalid cursor for current pagination sort.`, 'BAD_REQUEST');
}

/**
 * A Relay connection over `items` (already filtered and sorted), as Shopify pages: one of
 * `first`/`last` is required, at most 250, cursors are opaque and keyed on the item.
 */
export function connection<T>(
	items: T[],
	args: ConnectionArgs,
	keyOf: (t: T) => number | string,
	view: (t: T) => unknown,
): Obj {
	const { first, last, after, before, reverse } = args;
	if ((first === undefined || first === null) && (last === undefined || last === null)) {
		throw fieldError('you must provide one of first or last', 'BAD_REQUEST');
	}
	for (const [name, value] of [
		['first', first],
		['last', last],
	] as const) {
		if (value !== undefined && value !== null && (value < 0 || value > MAX_PAGE)) {
			throw fieldError(`The value for ${name} must be between 0 and ${MAX_PAGE}.`, 'BAD_REQUEST');
		}
	}
	let list = reverse ? [...items].reverse() : [...items];
	if (after) {
		const key = decodeCursor(after);
		const i = list.findIndex((t) => keyOf(t) === key);
		list = i >= 0 ? list.slice(i + 1) : [];
	}
	if (before) {
		const key = decodeCursor(before);
		const i = list.findIndex((t) => keyOf(t) === key);
		list = i >= 0 ? list.slice(0, i) : list;
	}
	const all = list;
	let hasNextPage = false;
	let hasPreviousPage = Boolean(after);
	if (first !== undefined && first !== null) {
		hasNextPage = list.length > first;
		list = list.slice(0, first);
	}
	if (last !== undefined && last !== null) {
		hasPreviousPage = list.length > last || hasPreviousPage;
		list = list.slice(Math.max(0, list.length - last));
	}
	if (before && list.length < all.length) hasNextPage = true;
	const edges = list.map((t) => ({ cursor: encodeCursor(keyOf(t)), node: view(t) }));
	return {
		edges,
		nodes: edges.map((e) => e.node),
		pageInfo: {
			hasNextPage,
			hasPreviousPage,
			startCursor: edges[0]?.cursor ?? null,
			endCursor: edges[edges.length - 1]?.cursor ?? null,
		},
	};
}

/** A non-connection list argument `first` (e.g. Order.fulfillments(first:)). */
function firstOf<T>(items: T[], first: number | null | undefined): T[] {
	return first === undefined || first === null ? items : items.slice(0, Math.max(0, first));
}

function count(n: number): Obj {
	return { count: n, precision: 'EXACT' };
}

// ---------------------------------------------------------------------------------------------
// Metafields

export function metafieldsOf(shop: ShopState, ownerId: string): MetafieldRecord[] {
	return [...shop.metafields.values()].filter((m) => m.ownerId === ownerId);
}

function ownerType(ownerId: string): string {
	const type = /^gid:\/\/shopify\/(\w+)\//.exec(ownerId)?.[1] ?? '';
	return (
		{ Order: 'ORDER', Product: 'PRODUCT', ProductVariant: 'PRODUCTVARIANT', Location: 'LOCATION' }[
			type
		] ?? type.toUpperCase()
	);
}

export function jsonValueOf(m: Pick<MetafieldRecord, 'type' | 'value'>): unknown {
	if (
		m.type.startsWith('list.') ||
		m.type === 'json' ||
		m.type === 'money' ||
		m.type === 'dimension' ||
		m.type === 'weight' ||
		m.type === 'volume' ||
		m.type === 'rating'
	) {
		try {
			return JSON.parse(m.value);
		} catch {
			return m.value;
		}
	}
	if (m.type === 'number_integer') return Number.parseInt(m.value, 10);
	if (m.type === 'number_decimal') return m.value;
	if (m.type === 'boolean') return m.value === 'true';
	return m.value;
}

export function metafieldView(ctx: Ctx, m: MetafieldRecord): Obj {
	return {
		__typename: 'Metafield',
		id: gid('Metafield', m.id),
		legacyResourceId: String(m.id),
		namespace: m.namespace,
		key: m.key,
		type: m.type,
		value: m.value,
		jsonValue: jsonValueOf(m),
		description: null,
		definition: null,
		reference: null,
		compareDigest: compareDigest(m),
		ownerType: ownerType(m.ownerId),
		owner: () => nodeView(ctx, m.ownerId),
		createdAt: m.createdAt,
		updatedAt: m.updatedAt,
	};
}

/** Digest of a metafield's value for metafieldsSet's compare-and-set. */
export function compareDigest(m: Pick<MetafieldRecord, 'type' | 'value' | 'updatedAt'>): string {
	return Buffer.from(JSON.stringify([m.type, m.value, m.updatedAt])).toString('base64');
}

function metafieldFields(ctx: Ctx, ownerId: string): Obj {
	return {
		metafield: ({ namespace, key }: { namespace?: string | null; key: string }) => {
			const m = metafieldsOf(ctx.shop, ownerId).find(
				(x) => x.key === key && x.namespace === (namespace ?? '$app'),
			);
			return m ? metafieldView(ctx, m) : null;
		},
		metafields: (args: ConnectionArgs & { namespace?: string | null; keys?: string[] | null }) => {
			let list = metafieldsOf(ctx.shop, ownerId);
			if (args.namespace) list = list.filter((m) => m.namespace === args.namespace);
			if (args.keys?.length) {
				list = list.filter((m) =>
					args.keys!.some((k) => (k.includes('.') ? k === `${m.namespace}.${m.key}` : k === m.key)),
				);
			}
			return connection(
				list,
				args,
				(m) => m.id,
				(m) => metafieldView(ctx, m),
			);
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Shop, locations

export function shopView(ctx: Ctx): Obj {
	const s = ctx.shop.shop;
	return {
		__typename: 'Shop',
		id: gid('Shop', 1),
		name: s.name,
		email: s.email,
		contactEmail: s.email,
		myshopifyDomain: s.myshopifyDomain,
		url: `https://${s.myshopifyDomain}`,
		currencyCode: s.currencyCode,
		enabledPresentmentCurrencies: [s.currencyCode],
		ianaTimezone: 'UTC',
		timezoneAbbreviation: 'UTC',
		weightUnit: 'KILOGRAMS',
		taxesIncluded: false,
	};
}

function addressLines(a: Address): string[] {
	return [
		a.address1,
		a.address2,
		[a.zip, a.city].filter(Boolean).join(' '),
		a.province,
		a.country ?? a.countryCode,
	].filter((x): x is string => Boolean(x));
}

export function locationView(ctx: Ctx, loc: LocationRecord): Obj {
	const a = loc.address;
	const levels = () =>
		[...ctx.shop.inventoryItems.values()]
			.map((item) => ctx.shop.level(item, loc.id))
			.filter((l): l is InventoryLevelRecord => l !== undefined);
	return {
		__typename: 'Location',
		id: gid('Location', loc.id),
		legacyResourceId: String(loc.id),
		name: loc.name,
		isActive: loc.isActive,
		isPrimary: ctx.shop.locationList()[0]?.id === loc.id,
		fulfillsOnlineOrders: loc.fulfillsOnlineOrders,
		shipsInventory: true,
		isFulfillmentService: false,
		fulfillmentService: null,
		hasActiveInventory: () => levels().length > 0,
		hasUnfulfilledOrders: () =>
			ctx.shop
				.orderList()
				.some((o) =>
					ctx.shop
						.fulfillmentOrdersOf(o)
						.some(
							(fo) =>
								fo.locationId === loc.id && fo.status !== 'CLOSED' && fo.status !== 'CANCELLED',
						),
				),
		activatable: !loc.isActive,
		deactivatable: loc.isActive,
		deletable: false,
		deactivatedAt: null,
		addressVerified: false,
		localPickupSettingsV2: null,
		suggestedAddresses: [],
		address: {
			address1: a.address1 ?? null,
			address2: a.address2 ?? null,
			city: a.city ?? null,
			country: a.country ?? null,
			countryCode: a.countryCode ?? null,
			province: a.province ?? null,
			provinceCode: a.provinceCode ?? null,
			zip: a.zip ?? null,
			phone: a.phone ?? null,
			formatted: addressLines(a),
			latitude: null,
			longitude: null,
		},
		inventoryLevels: (args: ConnectionArgs) =>
			connection(
				levels(),
				args,
				(l) => l.id,
				(l) => inventoryLevelView(ctx, l),
			),
		inventoryLevel: ({ inventoryItemId }: { inventoryItemId: string }) => {
			const item = ctx.shop.inventoryItems.get(idOf(inventoryItemId, 'InventoryItem') ?? -1);
			const level = item ? ctx.shop.level(item, loc.id) : undefined;
			return level ? inventoryLevelView(ctx, level) : null;
		},
		createdAt: loc.createdAt,
		updatedAt: loc.updatedAt,
		...metafieldFields(ctx, gid('Location', loc.id)),
	};
}

// ---------------------------------------------------------------------------------------------
// Catalogue and inventory

export function productView(ctx: Ctx, p: ProductRecord): Obj {
	const variants = () =>
		p.variantIds
			.map((id) => ctx.shop.variants.get(id))
			.filter((v): v is VariantRecord => v !== undefined);
	return {
		__typename: 'Product',
		id: gid('Product', p.id),
		legacyResourceId: String(p.id),
		title: p.title,
		handle: p.handle,
		vendor: p.vendor,
		productType: p.productType,
		status: p.status,
		tags: p.tags,
		descriptionHtml: p.descriptionHtml,
		description: p.descriptionHtml.replace(/<[^>]*>/g, ''),
		onlineStoreUrl: null,
		featuredMedia: null,
		isGiftCard: false,
		requiresSellingPlan: false,
		tracksInventory: () => variants().some((v) => ctx.shop.itemOf(v).tracked),
		totalInventory: () =>
			variants().reduce((n, v) => n + ctx.shop.totalAvailable(ctx.shop.itemOf(v)), 0),
		hasOnlyDefaultVariant: () => variants().length === 1 && isDefaultTitle(variants()[0].title),
		hasOutOfStockVariants: () =>
			variants().some((v) => ctx.shop.totalAvailable(ctx.shop.itemOf(v)) <= 0),
		variants: (args: ConnectionArgs) =>
			connection(
				variants(),
				args,
				(v) => v.id,
				(v) => variantView(ctx, v),
			),
		variantsCount: () => count(variants().length),
		createdAt: p.createdAt,
		updatedAt: p.updatedAt,
		publishedAt: p.status === 'ACTIVE' ? p.createdAt : null,
		...metafieldFields(ctx, gid('Product', p.id)),
	};
}

export function variantView(ctx: Ctx, v: VariantRecord): Obj {
	const item = () => ctx.shop.itemOf(v);
	const product = () => ctx.shop.productOf(v);
	const sellable = () => {
		const i = item();
		return !i.tracked || v.inventoryPolicy === 'CONTINUE' || ctx.shop.totalAvailable(i) > 0;
	};
	return {
		__typename: 'ProductVariant',
		id: gid('ProductVariant', v.id),
		legacyResourceId: String(v.id),
		title: v.title,
		displayName: () => `${product().title} - ${v.title}`,
		sku: v.sku,
		barcode: v.barcode,
		price: amount(v.price),
		compareAtPrice: v.compareAtPrice === null ? null : amount(v.compareAtPrice),
		position: v.position,
		inventoryPolicy: v.inventoryPolicy,
		inventoryQuantity: () => ctx.shop.totalAvailable(item()),
		sellableOnlineQuantity: () => Math.max(0, ctx.shop.totalAvailable(item())),
		availableForSale: () => product().status === 'ACTIVE' && sellable(),
		taxable: v.taxable,
		taxCode: null,
		requiresComponents: false,
		selectedOptions: v.selectedOptions,
		image: null,
		unitPrice: null,
		unitPriceMeasurement: null,
		showUnitPrice: false,
		product: () => productView(ctx, product()),
		inventoryItem: () => inventoryItemView(ctx, item()),
		createdAt: v.createdAt,
		updatedAt: v.updatedAt,
		...metafieldFields(ctx, gid('ProductVariant', v.id)),
	};
}

export function inventoryItemView(ctx: Ctx, item: InventoryItemRecord): Obj {
	const variant = () => ctx.shop.variantOfItem(item);
	return {
		__typename: 'InventoryItem',
		id: gid('InventoryItem', item.id),
		legacyResourceId: String(item.id),
		sku: () => variant().sku,
		tracked: item.tracked,
		requiresShipping: item.requiresShipping,
		unitCost: item.unitCost === null ? null : moneyV2(item.unitCost, ctx.shop.shop.currencyCode),
		countryCodeOfOrigin: item.countryCodeOfOrigin,
		provinceCodeOfOrigin: null,
		harmonizedSystemCode: item.harmonizedSystemCode,
		inventoryHistoryUrl: null,
		duplicateSkuCount: () => {
			const sku = variant().sku;
			return sku === null
				? 0
				: ctx.shop.variantList().filter((v) => v.id !== item.variantId && v.sku === sku).length;
		},
		variant: () => variantView(ctx, variant()),
		variants: (args: ConnectionArgs) =>
			connection(
				[variant()],
				{ first: 1, ...args },
				(v) => v.id,
				(v) => variantView(ctx, v),
			),
		locationsCount: () => count(item.levels.length),
		inventoryLevels: (
			args: ConnectionArgs & { query?: string | null; includeInactive?: boolean },
		) => {
			let levels = item.levels;
			if (args.query) {
				const fields: Record<string, SearchField<InventoryLevelRecord>> = {
					location_id: { kind: 'id', get: (l) => l.locationId },
					id: { kind: 'id', get: (l) => l.id },
				};
				const parsed = parseSearch(args.query, fields);
				levels = levels.filter((l) => matchesSearch(parsed, l, fields, () => []));
			}
			return connection(
				levels,
				args,
				(l) => l.id,
				(l) => inventoryLevelView(ctx, l),
			);
		},
		inventoryLevel: ({ locationId }: { locationId: string }) => {
			const level = ctx.shop.level(item, idOf(locationId, 'Location') ?? -1);
			return level ? inventoryLevelView(ctx, level) : null;
		},
		createdAt: item.createdAt,
		updatedAt: item.updatedAt,
	};
}

export function inventoryLevelGid(level: InventoryLevelRecord): string {
	return gid('InventoryLevel', level.id, { inventory_item_id: level.inventoryItemId });
}

export function inventoryLevelView(ctx: Ctx, level: InventoryLevelRecord): Obj {
	return {
		__typename: 'InventoryLevel',
		id: inventoryLevelGid(level),
		isActive: true,
		canDeactivate: () => Object.values(level.quantities).every((q) => q === 0),
		deactivationAlert: null,
		item: () =>
			inventoryItemView(
				ctx,
				ctx.shop.inventoryItems.get(level.inventoryItemId) as InventoryItemRecord,
			),
		location: () => locationView(ctx, ctx.shop.locations.get(level.locationId) as LocationRecord),
		quantities: ({ names }: { names: string[] }) => {
			const unknown = names.filter((n) => !isQuantityName(n));
			if (unknown.length) {
				throw fieldError(
					`The quantity names ${unknown.map((n) => `'${n}'`).join(', ')} are not valid. ` +
						`Valid names: ${QUANTITY_NAMES.join(', ')}.`,
					'BAD_REQUEST',
				);
			}
			return names.map((name) => ({
				__typename: 'InventoryQuantity',
				id: gid('InventoryQuantity', level.id, { inventory_item_id: level.inventoryItemId, name }),
				name,
				quantity: isQuantityName(name) ? ctx.shop.quantity(level, name) : 0,
				updatedAt:
					name === 'on_hand'
						? level.updatedAt
						: (level.changedAt[name as keyof typeof level.changedAt] ?? level.createdAt),
			}));
		},
		createdAt: level.createdAt,
		updatedAt: level.updatedAt,
	};
}

export function adjustmentGroupView(ctx: Ctx, group: AdjustmentGroupRecord): Obj {
	return {
		__typename: 'InventoryAdjustmentGroup',
		id: gid('InventoryAdjustmentGroup', group.id),
		reason: group.reason,
		referenceDocumentUri: group.referenceDocumentUri,
		createdAt: group.createdAt,
		app: null,
		staffMember: null,
		changes: (args: {
			inventoryItemIds?: string[] | null;
			locationIds?: string[] | null;
			quantityNames?: string[] | null;
		}) =>
			group.changes
				.filter(
					(c) =>
						!args.inventoryItemIds?.length ||
						args.inventoryItemIds.includes(gid('InventoryItem', c.inventoryItemId)),
				)
				.filter(
					(c) =>
						!args.locationIds?.length || args.locationIds.includes(gid('Location', c.locationId)),
				)
				.filter((c) => !args.quantityNames?.length || args.quantityNames.includes(c.name))
				.map((c) => ({
					__typename: 'InventoryChange',
					name: c.name,
					delta: c.delta,
					quantityAfterChange: c.quantityAfterChange,
					ledgerDocumentUri: c.ledgerDocumentUri,
					item: () => {
						const item = ctx.shop.inventoryItems.get(c.inventoryItemId);
						return item ? inventoryItemView(ctx, item) : null;
					},
					location: () => {
						const loc = ctx.shop.locations.get(c.locationId);
						return loc ? locationView(ctx, loc) : null;
					},
				})),
	};
}

// ---------------------------------------------------------------------------------------------
// Orders

export function mailingAddressView(a: Address | null): Obj | null {
	if (!a) return null;
	const name = a.name ?? ([a.firstName, a.lastName].filter(Boolean).join(' ') || null);
	return {
		__typename: 'MailingAddress',
		id: null,
		name,
		firstName: a.firstName ?? null,
		lastName: a.lastName ?? null,
		company: a.company ?? null,
		address1: a.address1 ?? null,
		address2: a.address2 ?? null,
		city: a.city ?? null,
		province: a.province ?? null,
		provinceCode: a.provinceCode ?? null,
		zip: a.zip ?? null,
		country: a.country ?? null,
		countryCodeV2: a.countryCode ?? null,
		phone: a.phone ?? null,
		formatted: () => addressLines(a),
		formattedArea:
			[a.city, a.province, a.country ?? a.countryCode].filter(Boolean).join(', ') || null,
		latitude: null,
		longitude: null,
		validationResultSummary: null,
		timeZone: null,
		coordinatesValidated: false,
	};
}

function orderTotals(order: OrderRecord) {
	const current = sum(order.lineItems.map((li) => lineTotal(li.price, li.currentQuantity)));
	const original = sum(order.lineItems.map((li) => lineTotal(li.price, li.quantity)));
	const paid = order.financialStatus === 'PAID';
	const zero = decFromInt(0);
	return { current, original, received: paid ? current : zero, outstanding: paid ? zero : current };
}

/** The search fields of orders(query:). */
export function orderSearchFields(shop: ShopState): Record<string, SearchField<OrderRecord>> {
	return {
		default: {
			kind: 'text',
			get: (o) => [o.name, o.poNumber, o.email, o.note, ...o.tags, o.sourceIdentifier],
		},
		id: { kind: 'id', get: (o) => o.id },
		name: { kind: 'text', get: (o) => [o.name, o.name.replace(/^#/, '')], exact: true },
		po_number: { kind: 'text', get: (o) => [o.poNumber], exact: true },
		tag: { kind: 'text', get: (o) => o.tags, exact: true },
		tag_not: { kind: 'text', get: (o) => o.tags, exact: true, negate: true },
		source_name: { kind: 'text', get: (o) => [o.sourceName], exact: true },
		source_identifier: { kind: 'text', get: (o) => [o.sourceIdentifier], exact: true },
		email: { kind: 'text', get: (o) => [o.email], exact: true },
		sku: { kind: 'text', get: (o) => o.lineItems.map((li) => li.sku), exact: true },
		test: { kind: 'boolean', get: (o) => o.test },
		created_at: { kind: 'time', get: (o) => o.createdAt },
		updated_at: { kind: 'time', get: (o) => o.updatedAt },
		processed_at: { kind: 'time', get: (o) => o.processedAt },
		financial_status: { kind: 'text', get: (o) => [o.financialStatus], exact: true },
		status: {
			kind: 'text',
			exact: true,
			get: (o) => {
				const out = [o.cancelledAt ? 'cancelled' : o.closed ? 'closed' : 'open'];
				if (!o.closed) out.push('not_closed');
				return out;
			},
		},
		fulfillment_status: {
			kind: 'text',
			exact: true,
			get: (o) => {
				const s = shop.displayFulfillmentStatus(o);
				const map: Record<string, string[]> = {
					UNFULFILLED: ['unfulfilled', 'unshipped'],
					PARTIALLY_FULFILLED: ['partial', 'unshipped'],
					FULFILLED: ['fulfilled', 'shipped'],
					IN_PROGRESS: ['unfulfilled', 'unshipped'],
					ON_HOLD: ['on_hold', 'unshipped'],
					SCHEDULED: ['scheduled', 'unshipped'],
				};
				return map[s] ?? [s.toLowerCase()];
			},
		},
		location_id: { kind: 'id', get: (o) => shop.fulfillmentOrdersOf(o).map((fo) => fo.locationId) },
		fulfillment_location_id: {
			kind: 'id',
			get: (o) => shop.fulfillmentOrdersOf(o).map((fo) => fo.locationId),
		},
	};
}

/** `metafields.{namespace}.{key}:value` terms of an orders search. */
export function orderMetafieldValues(shop: ShopState, order: OrderRecord, field: string): string[] {
	const m = /^metafields\.([^.]+)\.(.+)$/.exec(field);
	if (!m) return [];
	return metafieldsOf(shop, gid('Order', order.id))
		.filter((x) => x.namespace === m[1] && x.key === m[2])
		.map((x) => x.value);
}

/** The order's own scalar fields. */
function orderRecordFields(order: OrderRecord): Obj {
	const cur = order.currencyCode;
	return {
		__typename: 'Order',
		id: gid('Order', order.id),
		legacyResourceId: String(order.id),
		name: order.name,
		number: order.number,
		confirmationNumber: null,
		cartToken: null,
		checkoutToken: null,
		email: order.email,
		phone: order.phone,
		note: order.note,
		poNumber: order.poNumber,
		sourceName: order.sourceName,
		sourceIdentifier: order.sourceIdentifier,
		tags: order.tags,
		test: order.test,
		confirmed: true,
		edited: order.edited,
		closed: order.closed,
		closedAt: order.closedAt,
		cancelledAt: order.cancelledAt,
		cancelReason: order.cancelReason,
		cancellation: null,
		createdAt: order.createdAt,
		processedAt: order.processedAt,
		updatedAt: order.updatedAt,
		currencyCode: cur,
		presentmentCurrencyCode: cur,
		customAttributes: order.customAttributes,
	};
}

function orderAddressFields(order: OrderRecord): Obj {
	return {
		shippingAddress: () => mailingAddressView(order.shippingAddress),
		billingAddress: () => mailingAddressView(order.billingAddress),
		displayAddress: () => mailingAddressView(order.shippingAddress ?? order.billingAddress),
		billingAddressMatchesShippingAddress:
			JSON.stringify(order.billingAddress) === JSON.stringify(order.shippingAddress),
	};
}

/** Fields of what the sandbox does not simulate (customers, taxes, payments): always empty. */
function orderUnsimulatedFields(): Obj {
	return {
		customer: null,
		purchasingEntity: null,
		staffMember: null,
		retailLocation: null,
		app: null,
		channelInformation: null,
		customerLocale: null,
		customerAcceptsMarketing: false,
		discountCode: null,
		discountCodes: [],
		taxLines: [],
		currentTaxLines: [],
		taxesIncluded: false,
		taxExempt: false,
		dutiesIncluded: false,
		estimatedTaxes: false,
		paymentGatewayNames: [],
		refunds: [],
		transactions: [],
		returnStatus: 'NO_RETURN',
		riskLevel: 'LOW',
		totalWeight: '0',
		currentTotalWeight: '0',
	};
}

/** Statuses and quantities, read when asked (they follow the order's fulfillments and edits). */
function orderStatusFields(shop: ShopState, order: OrderRecord): Obj {
	const fulfilledAll = () =>
		order.lineItems.every((li) => shop.unfulfilledQuantity(order, li) === 0);
	const editableErrors = () => {
		if (order.cancelledAt) return ['The order has been canceled.'];
		if (fulfilledAll() && order.lineItems.some((li) => li.currentQuantity > 0))
			return ['The order has been fulfilled.'];
		return [];
	};
	return {
		requiresShipping: order.lineItems.some((li) => li.requiresShipping && li.currentQuantity > 0),
		displayFulfillmentStatus: () => shop.displayFulfillmentStatus(order),
		displayFinancialStatus: order.financialStatus,
		fullyPaid: () => order.financialStatus === 'PAID',
		unpaid: () => order.financialStatus !== 'PAID',
		canMarkAsPaid: () => order.financialStatus !== 'PAID' && !order.cancelledAt,
		capturable: false,
		refundable: () => order.financialStatus === 'PAID',
		restockable: () => order.lineItems.some((li) => li.claims.length > 0),
		fulfillable: () =>
			!order.cancelledAt && order.lineItems.some((li) => shop.fulfillableQuantity(order, li) > 0),
		merchantEditable: () => editableErrors().length === 0,
		merchantEditableErrors: editableErrors,
		subtotalLineItemsQuantity: () => order.lineItems.reduce((n, li) => n + li.quantity, 0),
		currentSubtotalLineItemsQuantity: () =>
			order.lineItems.reduce((n, li) => n + li.currentQuantity, 0),
	};
}

/** The money sets of the order (no taxes, discounts or shipping: those are zero). */
function orderMoneyFields(order: OrderRecord): Obj {
	const cur = order.currencyCode;
	const totals = () => orderTotals(order);
	const zero = moneyBag('0', cur);
	return {
		subtotalPriceSet: () => moneyBag(totals().current, cur),
		currentSubtotalPriceSet: () => moneyBag(totals().current, cur),
		totalPriceSet: () => moneyBag(totals().current, cur),
		currentTotalPriceSet: () => moneyBag(totals().current, cur),
		originalTotalPriceSet: () => moneyBag(totals().original, cur),
		totalOutstandingSet: () => moneyBag(totals().outstanding, cur),
		totalReceivedSet: () => moneyBag(totals().received, cur),
		netPaymentSet: () => moneyBag(totals().received, cur),
		totalCapturableSet: zero,
		totalTaxSet: zero,
		currentTotalTaxSet: zero,
		totalDiscountsSet: zero,
		currentTotalDiscountsSet: zero,
		cartDiscountAmountSet: null,
		currentCartDiscountAmountSet: zero,
		totalShippingPriceSet: zero,
		currentShippingPriceSet: zero,
		totalRefundedSet: zero,
		totalRefundedShippingSet: zero,
		totalTipReceivedSet: zero,
		refundDiscrepancySet: zero,
		shippingLine: null,
	};
}

const FULFILLMENT_ORDER_SEARCH: Record<string, SearchField<FulfillmentOrderRecord>> = {
	status: { kind: 'text', exact: true, get: (fo) => [fo.status.toLowerCase()] },
	assigned_location_id: { kind: 'id', get: (fo) => fo.locationId },
	id: { kind: 'id', get: (fo) => fo.id },
};

/** A connection of fulfillment orders, filtered by the `query` argument (status, location, id). */
export function fulfillmentOrderConnection(
	ctx: Ctx,
	list: FulfillmentOrderRecord[],
	args: ConnectionArgs & { query?: string | null },
): unknown {
	let found = list;
	if (args.query) {
		const parsed = parseSearch(args.query, FULFILLMENT_ORDER_SEARCH);
		found = list.filter((fo) => matchesSearch(parsed, fo, FULFILLMENT_ORDER_SEARCH, () => []));
	}
	return connection(
		found,
		args,
		(fo) => fo.id,
		(fo) => fulfillmentOrderView(ctx, fo),
	);
}

/** Line items, fulfillment orders and fulfillments. */
function orderFulfillmentFields(ctx: Ctx, order: OrderRecord): Obj {
	const shop = ctx.shop;
	const fos = () => shop.fulfillmentOrdersOf(order);
	return {
		lineItems: (args: ConnectionArgs) =>
			connection(
				order.lineItems,
				args,
				(li) => li.id,
				(li) => lineItemView(ctx, order, li),
			),
		fulfillmentOrders: (
			args: ConnectionArgs & { displayable?: boolean; query?: string | null },
		) => {
			let list = fos();
			if (args.displayable)
				list = list.filter(
					(fo) => fo.status !== 'CANCELLED' && fo.status !== 'INCOMPLETE' && fo.status !== 'CLOSED',
				);
			return fulfillmentOrderConnection(ctx, list, args);
		},
		fulfillments: ({ first }: { first?: number | null }) =>
			firstOf(shop.fulfillmentsOf(order), first).map((f) => fulfillmentView(ctx, f)),
		fulfillmentsCount: () => count(shop.fulfillmentsOf(order).length),
	};
}

export function orderView(ctx: Ctx, order: OrderRecord): Obj {
	return {
		...orderRecordFields(order),
		...orderAddressFields(order),
		...orderUnsimulatedFields(),
		...orderStatusFields(ctx.shop, order),
		...orderMoneyFields(order),
		...orderFulfillmentFields(ctx, order),
		...metafieldFields(ctx, gid('Order', order.id)),
	};
}

export function lineItemView(ctx: Ctx, order: OrderRecord, li: LineItemRecord): Obj {
	const shop = ctx.shop;
	const cur = order.currencyCode;
	const fulfilled = () => shop.fulfilledQuantity(order, li);
	const unfulfilled = () => shop.unfulfilledQuantity(order, li);
	const variant = () => (li.variantId === null ? undefined : shop.variants.get(li.variantId));
	const zero = moneyBag('0', cur);
	return {
		__typename: 'LineItem',
		id: gid('LineItem', li.id),
		title: li.title,
		name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
		variantTitle: li.variantTitle,
		sku: li.sku,
		vendor: li.vendor,
		quantity: li.quantity,
		currentQuantity: li.currentQuantity,
		unfulfilledQuantity: unfulfilled,
		fulfillableQuantity: () => shop.fulfillableQuantity(order, li),
		nonFulfillableQuantity: li.quantity - li.currentQuantity,
		refundableQuantity: li.currentQuantity,
		fulfillmentStatus: () =>
			fulfilled() === 0 ? 'unfulfilled' : unfulfilled() === 0 ? 'fulfilled' : 'partial',
		requiresShipping: li.requiresShipping,
		taxable: li.taxable,
		isGiftCard: false,
		merchantEditable: () => !order.cancelledAt && unfulfilled() > 0,
		restockable: () => li.claims.length > 0,
		canRestock: () => li.claims.length > 0,
		customAttributes: li.customAttributes,
		image: null,
		sellingPlan: null,
		lineItemGroup: null,
		contract: null,
		staffMember: null,
		taxLines: [],
		discountAllocations: [],
		duties: [],
		variant: () => {
			const v = variant();
			return v ? variantView(ctx, v) : null;
		},
		product: () =>
			li.productId !== null && shop.products.has(li.productId)
				? productView(ctx, shop.products.get(li.productId) as ProductRecord)
				: null,
		originalUnitPrice: amount(li.price),
		discountedUnitPrice: amount(li.price),
		originalUnitPriceSet: moneyBag(li.price, cur),
		discountedUnitPriceSet: moneyBag(li.price, cur),
		discountedUnitPriceAfterAllDiscountsSet: moneyBag(li.price, cur),
		originalTotalSet: moneyBag(lineTotal(li.price, li.quantity), cur),
		discountedTotalSet: moneyBag(lineTotal(li.price, li.currentQuantity), cur),
		unfulfilledOriginalTotalSet: () => moneyBag(lineTotal(li.price, unfulfilled()), cur),
		unfulfilledDiscountedTotalSet: () => moneyBag(lineTotal(li.price, unfulfilled()), cur),
		totalDiscountSet: zero,
	};
}

const SUPPORTED_ACTIONS: Record<string, string[]> = {
	OPEN: ['CREATE_FULFILLMENT', 'REPORT_PROGRESS', 'MOVE', 'HOLD', 'SPLIT'],
	IN_PROGRESS: ['CREATE_FULFILLMENT', 'HOLD', 'MARK_AS_OPEN'],
	ON_HOLD: ['RELEASE_HOLD', 'HOLD', 'MOVE'],
	SCHEDULED: ['MARK_AS_OPEN'],
	INCOMPLETE: [],
	CLOSED: [],
	CANCELLED: [],
};

export function holdDisplayReason(reason: string): string {
	const text = reason.toLowerCase().replace(/_/g, ' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export function holdView(h: FulfillmentHoldRecord): Obj {
	return {
		__typename: 'FulfillmentHold',
		id: gid('FulfillmentHold', h.id),
		reason: h.reason,
		reasonNotes: h.reasonNotes,
		handle: h.handle,
		displayReason: holdDisplayReason(h.reason),
		heldByRequestingApp: true,
		heldByApp: null,
	};
}

export function fulfillmentOrderView(ctx: Ctx, fo: FulfillmentOrderRecord): Obj {
	const shop = ctx.shop;
	const order = () => shop.orderOfFulfillmentOrder(fo);
	const loc = () => shop.locations.get(fo.locationId) as LocationRecord;
	return {
		__typename: 'FulfillmentOrder',
		id: gid('FulfillmentOrder', fo.id),
		status: fo.status,
		requestStatus: fo.requestStatus,
		createdAt: fo.createdAt,
		updatedAt: fo.updatedAt,
		fulfillAt: fo.createdAt.replace(/:\d\d:\d\dZ$/, ':00:00Z'),
		fulfillBy: null,
		orderId: gid('Order', fo.orderId),
		orderName: () => order().name,
		orderProcessedAt: () => order().processedAt,
		order: () => orderView(ctx, order()),
		channelId: null,
		deliveryMethod: null,
		internationalDuties: null,
		remainingLineItemsWeight: null,
		supportedActions: (SUPPORTED_ACTIONS[fo.status] ?? []).map((action) => ({
			action,
			externalUrl: null,
		})),
		fulfillmentHolds: () => fo.holds.map(holdView),
		assignedLocation: () => {
			const l = loc();
			return {
				name: l.name,
				address1: l.address.address1 ?? null,
				address2: l.address.address2 ?? null,
				city: l.address.city ?? null,
				province: l.address.province ?? null,
				zip: l.address.zip ?? null,
				countryCode: l.address.countryCode ?? 'US',
				phone: l.address.phone ?? null,
				location: locationView(ctx, l),
			};
		},
		destination: () => {
			const a = order().shippingAddress;
			if (!a) return null;
			return {
				id: gid('FulfillmentOrderDestination', fo.id),
				address1: a.address1 ?? null,
				address2: a.address2 ?? null,
				city: a.city ?? null,
				company: a.company ?? null,
				countryCode: a.countryCode ?? null,
				email: order().email,
				firstName: a.firstName ?? null,
				lastName: a.lastName ?? null,
				phone: a.phone ?? null,
				province: a.province ?? null,
				zip: a.zip ?? null,
				location: null,
			};
		},
		lineItems: (args: ConnectionArgs) =>
			connection(
				fo.lineItems,
				args,
				(l) => l.id,
				(l) => fulfillmentOrderLineItemView(ctx, fo, l),
			),
		fulfillments: (args: ConnectionArgs) =>
			connection(
				shop
					.fulfillmentsOf(order())
					.filter((f) => f.lineItems.some((l) => l.fulfillmentOrderId === fo.id)),
				args,
				(f) => f.id,
				(f) => fulfillmentView(ctx, f),
			),
		merchantRequests: (args: ConnectionArgs) =>
			connection(
				[],
				args,
				() => 0,
				() => null,
			),
		fulfillmentOrdersForMerge: (args: ConnectionArgs) =>
			connection(
				[],
				args,
				() => 0,
				() => null,
			),
	};
}

export function fulfillmentOrderLineItemView(
	ctx: Ctx,
	fo: FulfillmentOrderRecord,
	foli: FulfillmentOrderLineItemRecord,
): Obj {
	const shop = ctx.shop;
	const order = shop.orderOfFulfillmentOrder(fo);
	const li = shop.lineItem(order, foli.lineItemId) as LineItemRecord;
	const variant = li.variantId === null ? undefined : shop.variants.get(li.variantId);
	return {
		__typename: 'FulfillmentOrderLineItem',
		id: gid('FulfillmentOrderLineItem', foli.id),
		totalQuantity: foli.totalQuantity,
		remainingQuantity: foli.remainingQuantity,
		sku: li.sku,
		productTitle: li.title,
		variantTitle: li.variantTitle,
		vendor: li.vendor,
		requiresShipping: li.requiresShipping,
		inventoryItemId: variant ? gid('InventoryItem', variant.inventoryItemId) : null,
		lineItem: () => lineItemView(ctx, order, li),
		variant: () => (variant ? variantView(ctx, variant) : null),
		originalUnitPriceSet: moneyBag(li.price, order.currencyCode),
		image: null,
		weight: null,
		warnings: [],
	};
}

export function fulfillmentView(ctx: Ctx, f: FulfillmentRecord): Obj {
	const shop = ctx.shop;
	const order = () => shop.orders.get(f.orderId) as OrderRecord;
	return {
		__typename: 'Fulfillment',
		id: gid('Fulfillment', f.id),
		legacyResourceId: String(f.id),
		name: f.name,
		status: f.status,
		displayStatus: f.displayStatus,
		createdAt: f.createdAt,
		updatedAt: f.updatedAt,
		deliveredAt: null,
		estimatedDeliveryAt: null,
		inTransitAt: null,
		requiresShipping: true,
		originAddress: null,
		service: null,
		totalQuantity: f.lineItems.reduce((n, l) => n + l.quantity, 0),
		location: () => {
			const loc = shop.locations.get(f.locationId);
			return loc ? locationView(ctx, loc) : null;
		},
		order: () => orderView(ctx, order()),
		trackingInfo: ({ first }: { first?: number | null }) =>
			firstOf(f.trackingInfo, first).map((t) => ({ __typename: 'FulfillmentTrackingInfo', ...t })),
		fulfillmentLineItems: (args: ConnectionArgs) =>
			connection(
				f.lineItems,
				args,
				(l) => l.id,
				(l) => {
					const li = shop.lineItem(order(), l.lineItemId) as LineItemRecord;
					return {
						__typename: 'FulfillmentLineItem',
						id: gid('FulfillmentLineItem', l.id),
						quantity: l.quantity,
						lineItem: () => lineItemView(ctx, order(), li),
						originalTotalSet: moneyBag(lineTotal(li.price, l.quantity), order().currencyCode),
						discountedTotalSet: moneyBag(lineTotal(li.price, l.quantity), order().currencyCode),
					};
				},
			),
		fulfillmentOrders: (args: ConnectionArgs) => {
			const ids = [...new Set(f.lineItems.map((l) => l.fulfillmentOrderId))];
			const list = ids
				.map((id) => shop.fulfillmentOrders.get(id))
				.filter((fo): fo is FulfillmentOrderRecord => fo !== undefined);
			return connection(
				list,
				args,
				(fo) => fo.id,
				(fo) => fulfillmentOrderView(ctx, fo),
			);
		},
		events: (args: ConnectionArgs) =>
			connection(
				[],
				args,
				() => 0,
				() => null,
			),
	};
}

// ---------------------------------------------------------------------------------------------
// node(id:)

/** The object behind a GID, for node(id:), nodes(ids:), Metafield.owner and tagsAdd. */
export function nodeView(ctx: Ctx, id: string): Obj | null {
	const shop = ctx.shop;
	const parsed = /^gid:\/\/shopify\/(\w+)\/(\d+)/.exec(id);
	if (!parsed) return null;
	const n = Number(parsed[2]);
	switch (parsed[1]) {
		case 'Order': {
			const o = shop.orders.get(n);
			return o ? orderView(ctx, o) : null;
		}
		case 'Product': {
			const p = shop.products.get(n);
			return p ? productView(ctx, p) : null;
		}
		case 'ProductVariant': {
			const v = shop.variants.get(n);
			return v ? variantView(ctx, v) : null;
		}
		case 'InventoryItem': {
			const i = shop.inventoryItems.get(n);
			return i ? inventoryItemView(ctx, i) : null;
		}
		case 'Location': {
			const l = shop.locations.get(n);
			return l ? locationView(ctx, l) : null;
		}
		case 'FulfillmentOrder': {
			const fo = shop.fulfillmentOrders.get(n);
			return fo ? fulfillmentOrderView(ctx, fo) : null;
		}
		case 'Fulfillment': {
			const f = shop.fulfillments.get(n);
			return f ? fulfillmentView(ctx, f) : null;
		}
		case 'LineItem': {
			for (const o of shop.orderList()) {
				const li = shop.lineItem(o, n);
				if (li) return lineItemView(ctx, o, li);
			}
			return null;
		}
		case 'Metafield': {
			const m = shop.metafields.get(n);
			return m ? metafieldView(ctx, m) : null;
		}
		case 'InventoryAdjustmentGroup': {
			const g = shop.adjustmentGroups.get(n);
			return g ? adjustmentGroupView(ctx, g) : null;
		}
		default:
			return null;
	}
}

/** A userError object with every field its GraphQL types may ask for. */
export function userError(
	field: Array<string | number> | null,
	message: string,
	code: string | null = null,
	extra: Obj = {},
): Obj {
	return { field: field ? field.map(String) : null, message, code, ...extra };
}
