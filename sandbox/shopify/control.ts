/**
 * The shop's part of the control API (under /__sandbox/shopify/) and of GET /__sandbox/state:
 * what a person in the shop's admin or the warehouse does, for tests and rehearsals.
 *
 * - POST …/orders/{order}/start-fulfillment: the warehouse starts picking; OPEN fulfillment
 *   orders become IN_PROGRESS (on-hold ones are left alone).
 * - POST …/orders/{order}/fulfill: lines shipped, in cartons with tracking; the same rules as
 *   fulfillmentCreate (held quantities cannot ship).
 * - POST …/orders/{order}/cancel: the merchant cancels the order (refused once anything shipped).
 * - POST …/inventory: stock counted, received, damaged… (`set` or `delta` per SKU and location).
 * - POST …/throttle: empty or refill the GraphQL cost bucket, change its size or rate.
 *
 * `{order}` is the order's GID, its numeric id, or its name (`#1001`, URL-encoded `%231001`, or
 * `1001`; a name wins over an id).
 */
import { ControlError } from '../controlError';
import { controlRoute as route, objectBody as body } from '../controlHttp';
import type { Route } from '../http/router';
import { refill, throttleStatus } from './cost';
import { FULFILLABLE_STATUSES, fulfil, trackingFrom, type FulfilSelection } from './fulfillments';
import { cancelOrder } from './orders';
import { SUPPORTED_VERSIONS } from './schema';
import {
	gid,
	idOf,
	isQuantityName,
	QUANTITY_NAMES,
	type CartonRecord,
	type FulfillmentRecord,
	type InventoryItemRecord,
	type InventoryLevelRecord,
	type LineItemRecord,
	type LocationRecord,
	type OrderRecord,
	type QuantityName,
	type ShopState,
} from './state';
import { metafieldsOf } from './views';

const ORDER_CANCEL_REASONS = ['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'OTHER', 'STAFF'];

// ---------------------------------------------------------------------------------------------
// Lookups

export function findOrder(shop: ShopState, ref: string): OrderRecord {
	const byGid = idOf(ref, 'Order');
	if (byGid !== undefined) {
		const o = shop.orders.get(byGid);
		if (o) return o;
	}
	const name = ref.startsWith('#') ? ref : `#${ref}`;
	const byName = shop.orderList().find((o) => o.name === name || o.name === ref);
	if (byName) return byName;
	if (/^\d+$/.test(ref)) {
		const o = shop.orders.get(Number(ref));
		if (o) return o;
	}
	throw new ControlError(404, `Order ${ref} is not in the sandbox shop.`);
}

function findLocation(shop: ShopState, ref: unknown): LocationRecord {
	if (ref === undefined || ref === null) return shop.defaultLocation();
	const n =
		typeof ref === 'number'
			? ref
			: (idOf(ref, 'Location') ??
				(typeof ref === 'string' && /^\d+$/.test(ref) ? Number(ref) : undefined));
	const loc =
		(n !== undefined ? shop.locations.get(n) : undefined) ??
		(typeof ref === 'string' ? shop.locationByName(ref) : undefined);
	if (!loc) throw new ControlError(400, `Unknown location ${JSON.stringify(ref)}.`);
	return loc;
}

interface LineRef {
	sku?: string;
	lineItemId?: string | number;
	quantity?: number;
}

function findLine(
	shop: ShopState,
	order: OrderRecord,
	ref: LineRef,
	where: string,
): LineItemRecord {
	if (ref.lineItemId !== undefined) {
		const n =
			typeof ref.lineItemId === 'number'
				? ref.lineItemId
				: (idOf(ref.lineItemId, 'LineItem') ?? Number(ref.lineItemId));
		const line = shop.lineItem(order, n);
		if (!line)
			throw new ControlError(
				400,
				`${where}: line item ${ref.lineItemId} is not on order ${order.name}.`,
			);
		return line;
	}
	if (ref.sku !== undefined) {
		const lines = order.lineItems.filter(
			(li) => li.sku !== null && li.sku.toLowerCase() === ref.sku!.toLowerCase(),
		);
		const line = lines.find((li) => shop.unfulfilledQuantity(order, li) > 0) ?? lines[0];
		if (!line)
			throw new ControlError(400, `${where}: no line with SKU ${ref.sku} on order ${order.name}.`);
		return line;
	}
	throw new ControlError(400, `${where} needs a sku or a lineItemId.`);
}

// ---------------------------------------------------------------------------------------------
// Snapshots

function stockOf(shop: ShopState, level: InventoryLevelRecord): Record<string, number> {
	return Object.fromEntries(QUANTITY_NAMES.map((n) => [n, shop.quantity(level, n)]));
}

function locationName(shop: ShopState, id: number): string {
	return shop.locations.get(id)?.name ?? String(id);
}

export function orderSnapshot(shop: ShopState, order: OrderRecord): Record<string, unknown> {
	const sku = (lineItemId: number) => shop.lineItem(order, lineItemId)?.sku ?? null;
	return {
		id: gid('Order', order.id),
		name: order.name,
		poNumber: order.poNumber,
		tags: order.tags,
		sourceName: order.sourceName,
		sourceIdentifier: order.sourceIdentifier,
		note: order.note,
		createdAt: order.createdAt,
		updatedAt: order.updatedAt,
		cancelledAt: order.cancelledAt,
		cancelReason: order.cancelReason,
		edited: order.edited,
		financialStatus: order.financialStatus,
		displayFulfillmentStatus: shop.displayFulfillmentStatus(order),
		inventoryBehaviour: order.inventoryBehaviour,
		lineItems: order.lineItems.map((li) => ({
			id: gid('LineItem', li.id),
			sku: li.sku,
			title: li.title,
			variantId: li.variantId === null ? null : gid('ProductVariant', li.variantId),
			price: li.price,
			quantity: li.quantity,
			currentQuantity: li.currentQuantity,
			fulfilledQuantity: shop.fulfilledQuantity(order, li),
			unfulfilledQuantity: shop.unfulfilledQuantity(order, li),
			committed: li.claims.map((c) => ({
				location: locationName(shop, c.locationId),
				quantity: c.quantity,
			})),
		})),
		fulfillmentOrders: shop.fulfillmentOrdersOf(order).map((fo) => ({
			id: gid('FulfillmentOrder', fo.id),
			status: fo.status,
			location: locationName(shop, fo.locationId),
			holds: fo.holds.map((h) => ({
				id: gid('FulfillmentHold', h.id),
				reason: h.reason,
				reasonNotes: h.reasonNotes,
				handle: h.handle,
			})),
			lineItems: fo.lineItems.map((l) => ({
				id: gid('FulfillmentOrderLineItem', l.id),
				lineItemId: gid('LineItem', l.lineItemId),
				sku: sku(l.lineItemId),
				totalQuantity: l.totalQuantity,
				remainingQuantity: l.remainingQuantity,
			})),
		})),
		fulfillments: shop.fulfillmentsOf(order).map((f) => fulfillmentSnapshot(shop, order, f)),
		metafields: metafieldsOf(shop, gid('Order', order.id)).map(
			({ namespace, key, type, value }) => ({ namespace, key, type, value }),
		),
	};
}

function fulfillmentSnapshot(
	shop: ShopState,
	order: OrderRecord,
	f: FulfillmentRecord,
): Record<string, unknown> {
	return {
		id: gid('Fulfillment', f.id),
		name: f.name,
		status: f.status,
		origin: f.origin,
		location: locationName(shop, f.locationId),
		createdAt: f.createdAt,
		trackingInfo: f.trackingInfo,
		lineItems: f.lineItems.map((l) => ({
			lineItemId: gid('LineItem', l.lineItemId),
			sku: shop.lineItem(order, l.lineItemId)?.sku ?? null,
			quantity: l.quantity,
		})),
		cartons: f.cartons,
	};
}

export function snapshot(shop: ShopState): Record<string, unknown> {
	refill(shop);
	return {
		shop: { ...shop.shop },
		accessToken: shop.accessToken,
		apiVersions: [...SUPPORTED_VERSIONS],
		graphqlPath: '/admin/api/{version}/graphql.json',
		throttle: { enabled: shop.throttle.enabled, ...throttleStatus(shop) },
		locations: shop.locationList().map((l) => ({
			id: gid('Location', l.id),
			name: l.name,
			isActive: l.isActive,
			fulfillsOnlineOrders: l.fulfillsOnlineOrders,
			address: l.address,
		})),
		products: [...shop.products.values()].map((p) => ({
			id: gid('Product', p.id),
			title: p.title,
			handle: p.handle,
			status: p.status,
			vendor: p.vendor,
			productType: p.productType,
			tags: p.tags,
			metafields: metafieldsOf(shop, gid('Product', p.id)).map(
				({ namespace, key, type, value }) => ({ namespace, key, type, value }),
			),
			variants: p.variantIds.map((id) => {
				const v = shop.variants.get(id)!;
				const item = shop.itemOf(v);
				return {
					id: gid('ProductVariant', v.id),
					title: v.title,
					sku: v.sku,
					barcode: v.barcode,
					price: v.price,
					inventoryPolicy: v.inventoryPolicy,
					inventoryItemId: gid('InventoryItem', item.id),
					tracked: item.tracked,
					stock: Object.fromEntries(
						item.levels.map((l) => [locationName(shop, l.locationId), stockOf(shop, l)]),
					),
					metafields: metafieldsOf(shop, gid('ProductVariant', v.id)).map(
						({ namespace, key, type, value }) => ({ namespace, key, type, value }),
					),
				};
			}),
		})),
		orders: shop.orderList().map((o) => orderSnapshot(shop, o)),
		orderEdits: [...shop.editSessions.values()]
			.filter((s) => !s.committed)
			.map((s) => ({
				id: gid('CalculatedOrder', s.id),
				orderId: gid('Order', s.orderId),
				createdAt: s.createdAt,
				quantities: [...s.quantities].map(([lineItemId, q]) => ({
					lineItemId: gid('LineItem', lineItemId),
					...q,
				})),
				added: s.added.map((a) => ({
					variantId: gid('ProductVariant', a.variantId),
					quantity: a.quantity,
				})),
			})),
		inventoryAdjustmentGroups: [...shop.adjustmentGroups.values()].map((g) => ({
			id: gid('InventoryAdjustmentGroup', g.id),
			reason: g.reason,
			referenceDocumentUri: g.referenceDocumentUri,
			createdAt: g.createdAt,
			changes: g.changes.map((c) => ({
				inventoryItemId: gid('InventoryItem', c.inventoryItemId),
				location: locationName(shop, c.locationId),
				name: c.name,
				delta: c.delta,
				quantityAfterChange: c.quantityAfterChange,
			})),
		})),
		idempotencyKeys: [...shop.idempotency.values()].map((k) => ({
			key: k.key,
			mutation: k.mutation,
			outcome: k.outcome.kind,
			at: new Date(k.createdAtMs).toISOString(),
		})),
	};
}

// ---------------------------------------------------------------------------------------------
// Actions

export function startFulfillment(
	shop: ShopState,
	order: OrderRecord,
	fulfillmentOrderIds?: string[],
): OrderRecord {
	if (order.cancelledAt) throw new ControlError(409, `Order ${order.name} is cancelled.`);
	const wanted = fulfillmentOrderIds?.map((id) => idOf(id, 'FulfillmentOrder'));
	const fos = shop.fulfillmentOrdersOf(order).filter((fo) => !wanted || wanted.includes(fo.id));
	const open = fos.filter((fo) => fo.status === 'OPEN');
	if (!open.length) {
		const listed = fos.map((fo) => `${gid('FulfillmentOrder', fo.id)}: ${fo.status}`).join(', ');
		throw new ControlError(
			409,
			`Order ${order.name} has no OPEN fulfillment order to start (${listed || 'none'}).`,
		);
	}
	for (const fo of open) {
		fo.status = 'IN_PROGRESS';
		fo.updatedAt = shop.now();
	}
	shop.touchOrder(order);
	return order;
}

interface TrackingBody {
	company?: string | null;
	number?: string | null;
	url?: string | null;
	numbers?: string[] | null;
	urls?: string[] | null;
}

interface CartonBody {
	id?: string;
	sscc?: string;
	tracking?: TrackingBody;
	weightKg?: number;
	lines: LineRef[];
}

export interface FulfillBody {
	lines?: LineRef[];
	cartons?: CartonBody[];
	tracking?: TrackingBody;
	notifyCustomer?: boolean;
}

/** Takes `quantity` units of a line from its fulfillable fulfillment orders (in-progress ones first). */
function allocate(
	shop: ShopState,
	order: OrderRecord,
	line: LineItemRecord,
	quantity: number,
	into: Map<number, FulfilSelection>,
): void {
	let left = quantity;
	const fos = shop
		.fulfillmentOrdersOf(order)
		.filter((fo) => FULFILLABLE_STATUSES.includes(fo.status));
	fos.sort((a, b) => (a.status === b.status ? 0 : a.status === 'IN_PROGRESS' ? -1 : 1));
	for (const fo of fos) {
		const foli = fo.lineItems.find((l) => l.lineItemId === line.id && l.remainingQuantity > 0);
		if (!foli || left <= 0) continue;
		const planned = into.get(fo.id)?.lines.find((l) => l.foli === foli)?.quantity ?? 0;
		const take = Math.min(left, foli.remainingQuantity - planned);
		if (take <= 0) continue;
		const selection = into.get(fo.id) ?? { fo, lines: [] };
		const existing = selection.lines.find((l) => l.foli === foli);
		if (existing) existing.quantity += take;
		else selection.lines.push({ foli, quantity: take });
		into.set(fo.id, selection);
		left -= take;
	}
}

export function fulfillOrder(
	shop: ShopState,
	order: OrderRecord,
	b: FulfillBody,
): FulfillmentRecord[] {
	if (order.cancelledAt) throw new ControlError(409, `Order ${order.name} is cancelled.`);
	if (b.lines && b.cartons)
		throw new ControlError(
			400,
			'Give either lines or cartons (whose lines are the shipment), not both.',
		);
	const requests = new Map<LineItemRecord, number>();
	const add = (line: LineItemRecord, q: number) =>
		requests.set(line, (requests.get(line) ?? 0) + q);
	const cartons: CartonRecord[] = [];
	if (b.cartons) {
		if (!Array.isArray(b.cartons) || !b.cartons.length)
			throw new ControlError(400, 'cartons must be a non-empty list.');
		b.cartons.forEach((c, i) => {
			if (!c || !Array.isArray(c.lines) || !c.lines.length)
				throw new ControlError(400, `cartons[${i}].lines must be a non-empty list.`);
			const carton: CartonRecord = {
				id: c.id ?? `${order.name.replace(/^#/, '')}-C${i + 1}`,
				sscc: c.sscc ?? null,
				tracking: trackingFrom(c.tracking)[0] ?? null,
				weightKg: c.weightKg ?? null,
				lines: [],
			};
			c.lines.forEach((l, j) => {
				const line = findLine(shop, order, l, `cartons[${i}].lines[${j}]`);
				if (!Number.isInteger(l.quantity) || (l.quantity as number) <= 0)
					throw new ControlError(
						400,
						`cartons[${i}].lines[${j}].quantity must be a positive integer.`,
					);
				add(line, l.quantity as number);
				carton.lines.push({ lineItemId: line.id, sku: line.sku, quantity: l.quantity as number });
			});
			cartons.push(carton);
		});
	} else if (b.lines) {
		if (!Array.isArray(b.lines) || !b.lines.length)
			throw new ControlError(400, 'lines must be a non-empty list.');
		b.lines.forEach((l, i) => {
			const line = findLine(shop, order, l, `lines[${i}]`);
			const q = l.quantity ?? shop.unfulfilledQuantity(order, line);
			if (!Number.isInteger(q) || q <= 0)
				throw new ControlError(400, `lines[${i}].quantity must be a positive integer.`);
			add(line, q);
		});
	} else {
		for (const line of order.lineItems) {
			const q = shop.fulfillableQuantity(order, line);
			if (q > 0) add(line, q);
		}
		if (!requests.size) {
			const held = shop.fulfillmentOrdersOf(order).filter((fo) => fo.status === 'ON_HOLD');
			const heldIds = held.map((fo) => gid('FulfillmentOrder', fo.id)).join(', ');
			throw new ControlError(
				409,
				held.length
					? `Order ${order.name} has nothing to fulfil but held fulfillment orders ` +
						`(${heldIds}): release the holds first.`
					: `Order ${order.name} has nothing left to fulfil.`,
			);
		}
	}
	const problems: string[] = [];
	for (const [line, q] of requests) {
		const unfulfilled = shop.unfulfilledQuantity(order, line);
		const fulfillable = shop.fulfillableQuantity(order, line);
		if (q > unfulfilled)
			problems.push(`${line.sku ?? line.title}: ${q} to ship but only ${unfulfilled} unfulfilled`);
		else if (q > fulfillable)
			problems.push(
				`${line.sku ?? line.title}: ${q} to ship but only ${fulfillable} fulfillable; ` +
					`${unfulfilled - fulfillable} are on hold or not in an open fulfillment order ` +
					'(release the hold first)',
			);
	}
	if (problems.length)
		throw new ControlError(
			409,
			`Cannot fulfil order ${order.name}: ${problems.join('; ')}.`,
			problems,
		);
	const selections = new Map<number, FulfilSelection>();
	for (const [line, q] of requests) allocate(shop, order, line, q, selections);
	const byLocation = new Map<number, FulfilSelection[]>();
	for (const s of selections.values())
		byLocation.set(s.fo.locationId, [...(byLocation.get(s.fo.locationId) ?? []), s]);
	if (cartons.length && byLocation.size > 1)
		throw new ControlError(
			400,
			`The cartons hold lines from ${byLocation.size} locations; fulfil each location's cartons separately.`,
		);
	const tracking = cartons.length
		? cartons.map((c) => c.tracking).filter((t): t is NonNullable<typeof t> => t !== null)
		: trackingFrom(b.tracking);
	return [...byLocation.values()].map((sels) =>
		fulfil(shop, order, sels, {
			tracking,
			notifyCustomer: b.notifyCustomer ?? false,
			origin: 'warehouse',
			cartons,
		}),
	);
}

interface StockChange {
	sku?: string;
	inventoryItemId?: string | number;
	location?: string | number;
	name?: string;
	set?: number;
	delta?: number;
}

export function changeStock(
	shop: ShopState,
	changes: StockChange[],
): Array<Record<string, unknown>> {
	if (!Array.isArray(changes) || !changes.length)
		throw new ControlError(
			400,
			'The body must be { "changes": [ { "sku", "location", "name", "set" | "delta" } ] }.',
		);
	const planned: Array<{
		item: InventoryItemRecord;
		loc: LocationRecord;
		name: Exclude<QuantityName, 'committed'>;
		set?: number;
		delta?: number;
	}> = [];
	changes.forEach((c, i) => {
		const where = `changes[${i}]`;
		let item: InventoryItemRecord | undefined;
		if (c.sku !== undefined) {
			const v = shop.variantBySku(c.sku);
			item = v ? shop.itemOf(v) : undefined;
		} else if (c.inventoryItemId !== undefined) {
			item = shop.inventoryItems.get(
				typeof c.inventoryItemId === 'number'
					? c.inventoryItemId
					: (idOf(c.inventoryItemId, 'InventoryItem') ?? -1),
			);
		}
		if (!item)
			throw new ControlError(
				400,
				`${where}: unknown ${c.sku !== undefined ? `SKU ${c.sku}` : `inventory item ${String(c.inventoryItemId)}`}.`,
			);
		const loc = findLocation(shop, c.location);
		const name = c.name ?? 'available';
		if (!isQuantityName(name))
			throw new ControlError(400, `${where}.name must be one of ${QUANTITY_NAMES.join(', ')}.`);
		if (name === 'committed')
			throw new ControlError(
				400,
				`${where}: committed follows the orders; change it through orders (create, edit, fulfil, cancel).`,
			);
		if ((c.set === undefined) === (c.delta === undefined))
			throw new ControlError(400, `${where} needs exactly one of set and delta.`);
		const n = c.set ?? c.delta;
		if (!Number.isInteger(n))
			throw new ControlError(
				400,
				`${where}.${c.set !== undefined ? 'set' : 'delta'} must be an integer.`,
			);
		planned.push({ item, loc, name, set: c.set, delta: c.delta });
	});
	return planned.map(({ item, loc, name, set, delta }) => {
		const level = shop.ensureLevel(item, loc.id);
		const d = set !== undefined ? set - shop.quantity(level, name) : (delta as number);
		shop.change(level, name === 'on_hand' ? 'available' : name, d);
		return {
			sku: shop.variantOfItem(item).sku,
			inventoryItemId: gid('InventoryItem', item.id),
			location: loc.name,
			quantities: stockOf(shop, level),
		};
	});
}

export function shopifyControlRoutes(state: () => ShopState): Route[] {
	const base = '/__sandbox/shopify';
	return [
		route('GET', base, 'shopifyInfo', () => {
			const shop = state();
			return {
				status: 200,
				body: {
					graphqlPath: '/admin/api/{version}/graphql.json',
					apiVersions: [...SUPPORTED_VERSIONS],
					accessToken: shop.accessToken,
					shop: shop.shop,
				},
			};
		}),
		route('POST', `${base}/orders/{order}/start-fulfillment`, 'shopifyStartFulfillment', (req) => {
			const shop = state();
			const b = body<{ fulfillmentOrderIds?: string[] }>(req, {});
			const order = startFulfillment(
				shop,
				findOrder(shop, req.params.order),
				b.fulfillmentOrderIds,
			);
			return { status: 200, body: { order: orderSnapshot(shop, order) } };
		}),
		route('POST', `${base}/orders/{order}/fulfill`, 'shopifyFulfill', (req) => {
			const shop = state();
			const order = findOrder(shop, req.params.order);
			const fulfillments = fulfillOrder(shop, order, body<FulfillBody>(req, {}));
			return {
				status: 200,
				body: {
					fulfillments: fulfillments.map((f) => fulfillmentSnapshot(shop, order, f)),
					order: orderSnapshot(shop, order),
				},
			};
		}),
		route('POST', `${base}/orders/{order}/cancel`, 'shopifyCancelOrder', (req) => {
			const shop = state();
			const order = findOrder(shop, req.params.order);
			const b = body<{ reason?: string; restock?: boolean; staffNote?: string }>(req, {});
			const reason = b.reason ?? 'OTHER';
			if (!ORDER_CANCEL_REASONS.includes(reason))
				throw new ControlError(400, `reason must be one of ${ORDER_CANCEL_REASONS.join(', ')}.`);
			if (b.restock !== undefined && typeof b.restock !== 'boolean')
				throw new ControlError(400, 'restock must be true or false.');
			const why = cancelOrder(shop, order, {
				reason,
				restock: b.restock ?? true,
				staffNote: b.staffNote,
			});
			if (why) throw new ControlError(409, why);
			return { status: 200, body: { order: orderSnapshot(shop, order) } };
		}),
		route('POST', `${base}/inventory`, 'shopifyChangeStock', (req) => {
			const b = body<{ changes?: StockChange[] }>(req);
			return { status: 200, body: { levels: changeStock(state(), b.changes as StockChange[]) } };
		}),
		route('POST', `${base}/throttle`, 'shopifyThrottle', (req) => {
			const shop = state();
			const b = body<{
				currentlyAvailable?: number;
				maximumAvailable?: number;
				restoreRate?: number;
				enabled?: boolean;
			}>(req);
			for (const key of ['maximumAvailable', 'restoreRate'] as const) {
				const v = b[key];
				if (v !== undefined && (typeof v !== 'number' || !(v > 0)))
					throw new ControlError(400, `${key} must be a number > 0.`);
			}
			if (
				b.currentlyAvailable !== undefined &&
				(typeof b.currentlyAvailable !== 'number' || b.currentlyAvailable < 0)
			)
				throw new ControlError(400, 'currentlyAvailable must be a number >= 0.');
			if (b.enabled !== undefined && typeof b.enabled !== 'boolean')
				throw new ControlError(400, 'enabled must be true or false.');
			refill(shop);
			if (b.maximumAvailable !== undefined) shop.throttle.maximumAvailable = b.maximumAvailable;
			if (b.restoreRate !== undefined) shop.throttle.restoreRate = b.restoreRate;
			if (b.enabled !== undefined) shop.throttle.enabled = b.enabled;
			shop.bucket.available = Math.min(
				shop.throttle.maximumAvailable,
				b.currentlyAvailable ?? shop.bucket.available,
			);
			return { status: 200, body: { enabled: shop.throttle.enabled, ...throttleStatus(shop) } };
		}),
	];
}
