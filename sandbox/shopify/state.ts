/**
 * What the simulated shop holds: locations, products and variants, inventory items with their
 * quantities per location, orders with line items, fulfillment orders, fulfillments, order-edit
 * sessions, inventory adjustment groups and idempotency keys, plus the GraphQL cost bucket.
 *
 * Records are plain objects with numeric ids; the GraphQL layer turns them into GIDs
 * (`gid://shopify/Order/1001`). Every object shares one id sequence (like Shopify's ids, an id is
 * unique across types), so a GID built with the wrong type never finds an object by accident.
 * Order numbers (`#1001`) have their own sequence.
 *
 * Inventory rules (Shopify's quantity states): `available`, `committed`, `reserved`, `damaged`,
 * `safety_stock`, `quality_control` and `incoming` are stored; `on_hand` is derived as
 * available + committed + reserved + damaged + safety_stock + quality_control (incoming is not on
 * hand). An order that claims inventory moves units from available to committed at the location
 * of its fulfillment order (`claims` on the line item); fulfilling them removes them from committed
 * (so from on_hand); cancelling or editing them away returns them to available (restock) or drops
 * them.
 */
import type { SandboxClock } from '../clock';

export const STORED_QUANTITY_NAMES = [
	'available',
	'committed',
	'damaged',
	'incoming',
	'quality_control',
	'reserved',
	'safety_stock',
] as const;
export type StoredQuantityName = (typeof STORED_QUANTITY_NAMES)[number];
export const QUANTITY_NAMES = [...STORED_QUANTITY_NAMES, 'on_hand'] as const;
export type QuantityName = (typeof QUANTITY_NAMES)[number];
/** The states counted in on_hand besides available and committed. */
export const UNAVAILABLE_NAMES: StoredQuantityName[] = [
	'damaged',
	'quality_control',
	'reserved',
	'safety_stock',
];

export function isQuantityName(name: string): name is QuantityName {
	return (QUANTITY_NAMES as readonly string[]).includes(name);
}

// ---------------------------------------------------------------------------------------------
// GIDs

export function gid(
	type: string,
	id: number | string,
	query?: Record<string, string | number>,
): string {
	const q = query
		? `?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`
		: '';
	return `gid://shopify/${type}/${id}${q}`;
}

export interface ParsedGid {
	type: string;
	/** The id part (digits for stored objects; added calculated line items use other ids). */
	id: string;
	query: URLSearchParams;
}

export function parseGid(value: unknown): ParsedGid | undefined {
	if (typeof value !== 'string') return undefined;
	const m = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?#]+)(?:\?(.*))?$/.exec(value.trim());
	if (!m) return undefined;
	return { type: m[1], id: m[2], query: new URLSearchParams(m[3] ?? '') };
}

/** The numeric id of a GID of the given type(s); undefined when it is another type or not numeric. */
export function idOf(value: unknown, ...types: string[]): number | undefined {
	const parsed = parseGid(value);
	if (!parsed || (types.length && !types.includes(parsed.type))) return undefined;
	if (!/^\d+$/.test(parsed.id)) return undefined;
	const n = Number(parsed.id);
	return Number.isSafeInteger(n) ? n : undefined;
}

// ---------------------------------------------------------------------------------------------
// Records

export interface Address {
	name?: string | null;
	firstName?: string | null;
	lastName?: string | null;
	company?: string | null;
	address1?: string | null;
	address2?: string | null;
	city?: string | null;
	province?: string | null;
	provinceCode?: string | null;
	zip?: string | null;
	country?: string | null;
	countryCode?: string | null;
	phone?: string | null;
}

export interface LocationRecord {
	id: number;
	name: string;
	address: Address;
	isActive: boolean;
	fulfillsOnlineOrders: boolean;
	createdAt: string;
	updatedAt: string;
}

export interface MetafieldRecord {
	id: number;
	/** GID of the owner (Order, Product, ProductVariant). */
	ownerId: string;
	namespace: string;
	key: string;
	type: string;
	value: string;
	createdAt: string;
	updatedAt: string;
}

export interface ProductRecord {
	id: number;
	title: string;
	handle: string;
	vendor: string;
	productType: string;
	status: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
	tags: string[];
	descriptionHtml: string;
	variantIds: number[];
	createdAt: string;
	updatedAt: string;
}

export interface VariantRecord {
	id: number;
	productId: number;
	title: string;
	sku: string | null;
	barcode: string | null;
	price: string;
	compareAtPrice: string | null;
	inventoryPolicy: 'DENY' | 'CONTINUE';
	inventoryItemId: number;
	position: number;
	taxable: boolean;
	selectedOptions: Array<{ name: string; value: string }>;
	createdAt: string;
	updatedAt: string;
}

export interface InventoryLevelRecord {
	id: number;
	inventoryItemId: number;
	locationId: number;
	quantities: Record<StoredQuantityName, number>;
	/** When each quantity last changed (null: never since seeding). */
	changedAt: Partial<Record<StoredQuantityName, string>>;
	createdAt: string;
	updatedAt: string;
}

export interface InventoryItemRecord {
	id: number;
	variantId: number;
	tracked: boolean;
	requiresShipping: boolean;
	unitCost: string | null;
	countryCodeOfOrigin: string | null;
	harmonizedSystemCode: string | null;
	/** One level per location where the item is stocked, in location order. */
	levels: InventoryLevelRecord[];
	createdAt: string;
	updatedAt: string;
}

export interface LineItemRecord {
	id: number;
	variantId: number | null;
	productId: number | null;
	title: string;
	variantTitle: string | null;
	sku: string | null;
	vendor: string | null;
	/** Quantity when the order was placed (or the line added). */
	quantity: number;
	/** After edits and cancellation. */
	currentQuantity: number;
	/** Unit price (decimal string in the order currency). */
	price: string;
	requiresShipping: boolean;
	taxable: boolean;
	customAttributes: Array<{ key: string; value: string | null }>;
	/** Units committed for this line, per location, not yet fulfilled or released. */
	claims: Array<{ locationId: number; quantity: number }>;
}

export type FulfillmentOrderStatus =
	| 'OPEN'
	| 'IN_PROGRESS'
	| 'CANCELLED'
	| 'INCOMPLETE'
	| 'CLOSED'
	| 'SCHEDULED'
	| 'ON_HOLD';

export interface FulfillmentHoldRecord {
	id: number;
	reason: string;
	reasonNotes: string | null;
	handle: string | null;
	externalId: string | null;
	notifyMerchant: boolean;
	createdAt: string;
}

export interface FulfillmentOrderLineItemRecord {
	id: number;
	lineItemId: number;
	totalQuantity: number;
	remainingQuantity: number;
}

export interface FulfillmentOrderRecord {
	id: number;
	orderId: number;
	locationId: number;
	status: FulfillmentOrderStatus;
	requestStatus:
		| 'UNSUBMITTED'
		| 'SUBMITTED'
		| 'ACCEPTED'
		| 'REJECTED'
		| 'CANCELLATION_REQUESTED'
		| 'CANCELLATION_ACCEPTED'
		| 'CANCELLATION_REJECTED'
		| 'CLOSED';
	holds: FulfillmentHoldRecord[];
	/** The status to go back to when the last hold is released. */
	statusBeforeHold: FulfillmentOrderStatus | null;
	lineItems: FulfillmentOrderLineItemRecord[];
	createdAt: string;
	updatedAt: string;
}

export interface TrackingRecord {
	company: string | null;
	number: string | null;
	url: string | null;
}

/** A carton of a warehouse shipment (control API only: Shopify has no cartons). */
export interface CartonRecord {
	id: string;
	sscc: string | null;
	tracking: TrackingRecord | null;
	weightKg: number | null;
	lines: Array<{ lineItemId: number; sku: string | null; quantity: number }>;
}

export interface FulfillmentRecord {
	id: number;
	orderId: number;
	name: string;
	status: 'SUCCESS' | 'CANCELLED';
	displayStatus: string;
	locationId: number;
	trackingInfo: TrackingRecord[];
	lineItems: Array<{
		id: number;
		lineItemId: number;
		quantity: number;
		fulfillmentOrderId: number;
	}>;
	notifyCustomer: boolean;
	/** Set when a warehouse fulfilled through the control API. */
	cartons: CartonRecord[];
	origin: 'api' | 'warehouse' | 'seed';
	createdAt: string;
	updatedAt: string;
}

export interface OrderRecord {
	id: number;
	number: number;
	name: string;
	email: string | null;
	phone: string | null;
	note: string | null;
	poNumber: string | null;
	sourceName: string | null;
	sourceIdentifier: string | null;
	tags: string[];
	currencyCode: string;
	test: boolean;
	financialStatus: string;
	customAttributes: Array<{ key: string; value: string | null }>;
	shippingAddress: Address | null;
	billingAddress: Address | null;
	inventoryBehaviour: 'BYPASS' | 'DECREMENT_IGNORING_POLICY' | 'DECREMENT_OBEYING_POLICY';
	lineItems: LineItemRecord[];
	fulfillmentOrderIds: number[];
	fulfillmentIds: number[];
	edited: boolean;
	closed: boolean;
	closedAt: string | null;
	cancelledAt: string | null;
	cancelReason: string | null;
	createdAt: string;
	processedAt: string;
	updatedAt: string;
}

export interface OrderEditSessionRecord {
	id: number;
	orderId: number;
	committed: boolean;
	createdAt: string;
	/** Staged quantities of existing line items, by line item id. */
	quantities: Map<number, { quantity: number; restock: boolean }>;
	/** Added variants, in the order they were added. */
	added: Array<{ calcId: string; variantId: number; quantity: number; locationId: number | null }>;
	nextAddedId: number;
}

export interface InventoryChangeRecord {
	inventoryItemId: number;
	locationId: number;
	name: QuantityName;
	delta: number;
	quantityAfterChange: number;
	ledgerDocumentUri: string | null;
}

export interface AdjustmentGroupRecord {
	id: number;
	reason: string;
	referenceDocumentUri: string | null;
	changes: InventoryChangeRecord[];
	createdAt: string;
}

export interface IdempotencyRecord {
	key: string;
	mutation: string;
	fingerprint: string;
	createdAtMs: number;
	outcome: { kind: 'success'; adjustmentGroupId: number } | { kind: 'failed' };
}

export interface ShopInfo {
	name: string;
	myshopifyDomain: string;
	currencyCode: string;
	email: string;
}

export interface ThrottleSettings {
	maximumAvailable: number;
	restoreRate: number;
	/** false: cost is reported but never throttles. */
	enabled: boolean;
}

export const DEFAULT_ACCESS_TOKEN = 'shpat_sandbox_00000000000000000000000000';
export const DEFAULT_SHOP: ShopInfo = {
	name: 'Sandbox Shop',
	myshopifyDomain: 'sandbox-shop.myshopify.com',
	currencyCode: 'USD',
	email: 'owner@sandbox-shop.example',
};
export const DEFAULT_THROTTLE: ThrottleSettings = {
	maximumAvailable: 2000,
	restoreRate: 100,
	enabled: true,
};
export const FIRST_ID = 1001;
export const FIRST_ORDER_NUMBER = 1001;

/** Shopify's timestamps: ISO-8601 in UTC without milliseconds. */
export function isoSeconds(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Tags as Shopify keeps them: trimmed, no blanks, unique case-insensitively, sorted. */
export function normaliseTags(tags: string[]): string[] {
	const byLower = new Map<string, string>();
	for (const raw of tags) {
		for (const part of raw.split(',')) {
			const tag = part.trim();
			if (tag && !byLower.has(tag.toLowerCase())) byLower.set(tag.toLowerCase(), tag);
		}
	}
	return [...byLower.values()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}

export class ShopState {
	shop: ShopInfo = { ...DEFAULT_SHOP };
	accessToken = DEFAULT_ACCESS_TOKEN;
	throttle: ThrottleSettings = { ...DEFAULT_THROTTLE };
	/** Points left in the cost bucket, and when it was last refilled (sandbox clock, ms). */
	bucket = { available: DEFAULT_THROTTLE.maximumAvailable, atMs: 0 };

	locations = new Map<number, LocationRecord>();
	products = new Map<number, ProductRecord>();
	variants = new Map<number, VariantRecord>();
	inventoryItems = new Map<number, InventoryItemRecord>();
	metafields = new Map<number, MetafieldRecord>();
	orders = new Map<number, OrderRecord>();
	fulfillmentOrders = new Map<number, FulfillmentOrderRecord>();
	fulfillments = new Map<number, FulfillmentRecord>();
	editSessions = new Map<number, OrderEditSessionRecord>();
	adjustmentGroups = new Map<number, AdjustmentGroupRecord>();
	idempotency = new Map<string, IdempotencyRecord>();

	private nextIdValue = FIRST_ID;
	private nextOrderNumberValue = FIRST_ORDER_NUMBER;

	constructor(readonly clock: SandboxClock) {
		this.bucket.atMs = clock.nowMs();
	}

	now(): string {
		return isoSeconds(this.clock.now());
	}

	/** A deep copy of everything held, to put back with restore() (all-or-nothing seeds). */
	backup(): unknown {
		return structuredClone(
			Object.fromEntries(Object.entries(this).filter(([key]) => key !== 'clock')),
		);
	}

	restore(backup: unknown): void {
		Object.assign(this, structuredClone(backup));
	}

	nextId(): number {
		return this.nextIdValue++;
	}

	/** Reserves an explicit id (from a seed); later generated ids go past it. */
	useId(id: number): number {
		if (id >= this.nextIdValue) this.nextIdValue = id + 1;
		return id;
	}

	nextOrderNumber(): number {
		return this.nextOrderNumberValue++;
	}

	useOrderNumber(n: number): number {
		if (n >= this.nextOrderNumberValue) this.nextOrderNumberValue = n + 1;
		return n;
	}

	/** Whether an id is already used by any stored object. */
	idInUse(id: number): boolean {
		return (
			this.locations.has(id) ||
			this.products.has(id) ||
			this.variants.has(id) ||
			this.inventoryItems.has(id) ||
			this.orders.has(id) ||
			this.fulfillmentOrders.has(id) ||
			this.fulfillments.has(id)
		);
	}

	// -------------------------------------------------------------------------------------------
	// Catalogue lookups

	locationList(): LocationRecord[] {
		return [...this.locations.values()];
	}

	locationByName(name: string): LocationRecord | undefined {
		const lower = name.trim().toLowerCase();
		return this.locationList().find((l) => l.name.toLowerCase() === lower);
	}

	/** The first location, created as "Shop location" when the shop has none yet. */
	defaultLocation(): LocationRecord {
		const first = this.locationList()[0];
		if (first) return first;
		return this.addLocation({ name: 'Shop location' });
	}

	addLocation(input: {
		id?: number;
		name: string;
		address?: Address;
		isActive?: boolean;
		fulfillsOnlineOrders?: boolean;
	}): LocationRecord {
		const now = this.now();
		const location: LocationRecord = {
			id: input.id !== undefined ? this.useId(input.id) : this.nextId(),
			name: input.name,
			address: input.address ?? {},
			isActive: input.isActive ?? true,
			fulfillsOnlineOrders: input.fulfillsOnlineOrders ?? true,
			createdAt: now,
			updatedAt: now,
		};
		this.locations.set(location.id, location);
		return location;
	}

	variantList(): VariantRecord[] {
		return [...this.variants.values()];
	}

	variantBySku(sku: string): VariantRecord | undefined {
		const lower = sku.toLowerCase();
		return this.variantList().find((v) => v.sku !== null && v.sku.toLowerCase() === lower);
	}

	productOf(variant: VariantRecord): ProductRecord {
		const product = this.products.get(variant.productId);
		if (!product) throw new Error(`Variant ${variant.id} has no product ${variant.productId}`);
		return product;
	}

	itemOf(variant: VariantRecord): InventoryItemRecord {
		const item = this.inventoryItems.get(variant.inventoryItemId);
		if (!item)
			throw new Error(`Variant ${variant.id} has no inventory item ${variant.inventoryItemId}`);
		return item;
	}

	variantOfItem(item: InventoryItemRecord): VariantRecord {
		const variant = this.variants.get(item.variantId);
		if (!variant) throw new Error(`Inventory item ${item.id} has no variant ${item.variantId}`);
		return variant;
	}

	/** "Product title - Variant title", or the product title for a default variant. */
	displayName(variant: VariantRecord): string {
		const product = this.productOf(variant);
		return isDefaultTitle(variant.title) ? product.title : `${product.title} - ${variant.title}`;
	}

	// -------------------------------------------------------------------------------------------
	// Inventory

	level(item: InventoryItemRecord, locationId: number): InventoryLevelRecord | undefined {
		return item.levels.find((l) => l.locationId === locationId);
	}

	/** The item's level at a location, stocking it there (all quantities 0) when it is not yet. */
	ensureLevel(item: InventoryItemRecord, locationId: number): InventoryLevelRecord {
		const existing = this.level(item, locationId);
		if (existing) return existing;
		const now = this.now();
		const level: InventoryLevelRecord = {
			id: this.nextId(),
			inventoryItemId: item.id,
			locationId,
			quantities: {
				available: 0,
				committed: 0,
				damaged: 0,
				incoming: 0,
				quality_control: 0,
				reserved: 0,
				safety_stock: 0,
			},
			changedAt: {},
			createdAt: now,
			updatedAt: now,
		};
		item.levels.push(level);
		const order = this.locationList().map((l) => l.id);
		item.levels.sort((a, b) => order.indexOf(a.locationId) - order.indexOf(b.locationId));
		return level;
	}

	quantity(level: InventoryLevelRecord, name: QuantityName): number {
		if (name === 'on_hand') return onHand(level);
		return level.quantities[name];
	}

	/** Adds `delta` to a stored quantity; returns the new value. */
	change(level: InventoryLevelRecord, name: StoredQuantityName, delta: number): number {
		if (delta === 0) return level.quantities[name];
		level.quantities[name] += delta;
		const now = this.now();
		level.changedAt[name] = now;
		level.updatedAt = now;
		const item = this.inventoryItems.get(level.inventoryItemId);
		if (item) item.updatedAt = now;
		return level.quantities[name];
	}

	/** Total `available` of an item over all locations (ProductVariant.inventoryQuantity). */
	totalAvailable(item: InventoryItemRecord): number {
		return item.levels.reduce((n, l) => n + l.quantities.available, 0);
	}

	/**
	 * Where a new fulfillment order for `quantity` units of a variant goes: the first active
	 * location (in seed order) with enough available, else the first one stocking the item, else
	 * the shop's first location.
	 */
	chooseLocation(variant: VariantRecord | undefined, quantity: number): LocationRecord {
		const active = this.locationList().filter((l) => l.isActive);
		if (variant) {
			const item = this.itemOf(variant);
			const stocked = active.filter((l) => this.level(item, l.id));
			const enough = stocked.find(
				(l) => (this.level(item, l.id) as InventoryLevelRecord).quantities.available >= quantity,
			);
			if (enough) return enough;
			if (stocked[0]) return stocked[0];
		}
		return active[0] ?? this.defaultLocation();
	}

	/** Moves `quantity` units of a line from available to committed at a location (tracked items only). */
	claim(line: LineItemRecord, locationId: number, quantity: number): void {
		if (quantity <= 0 || line.variantId === null) return;
		const variant = this.variants.get(line.variantId);
		if (!variant) return;
		const item = this.itemOf(variant);
		if (!item.tracked) return;
		const level = this.ensureLevel(item, locationId);
		this.change(level, 'available', -quantity);
		this.change(level, 'committed', quantity);
		const claim = line.claims.find((c) => c.locationId === locationId);
		if (claim) claim.quantity += quantity;
		else line.claims.push({ locationId, quantity });
	}

	/**
	 * Releases up to `quantity` committed units of a line at a location: `fulfilled` (they left
	 * the building: committed and on_hand go down), `restock` (back to available) or `drop`
	 * (removed without restocking: committed and on_hand go down). Returns the units released.
	 */
	release(
		line: LineItemRecord,
		locationId: number,
		quantity: number,
		how: 'fulfilled' | 'restock' | 'drop',
	): number {
		const claim = line.claims.find((c) => c.locationId === locationId);
		if (!claim || quantity <= 0 || line.variantId === null) return 0;
		const variant = this.variants.get(line.variantId);
		const n = Math.min(claim.quantity, quantity);
		claim.quantity -= n;
		if (claim.quantity === 0) line.claims = line.claims.filter((c) => c !== claim);
		if (!variant) return n;
		const level = this.ensureLevel(this.itemOf(variant), locationId);
		this.change(level, 'committed', -n);
		if (how === 'restock') this.change(level, 'available', n);
		return n;
	}

	// -------------------------------------------------------------------------------------------
	// Orders

	orderList(): OrderRecord[] {
		return [...this.orders.values()];
	}

	fulfillmentOrdersOf(order: OrderRecord): FulfillmentOrderRecord[] {
		return order.fulfillmentOrderIds
			.map((id) => this.fulfillmentOrders.get(id))
			.filter((fo): fo is FulfillmentOrderRecord => fo !== undefined);
	}

	fulfillmentsOf(order: OrderRecord): FulfillmentRecord[] {
		return order.fulfillmentIds
			.map((id) => this.fulfillments.get(id))
			.filter((f): f is FulfillmentRecord => f !== undefined);
	}

	orderOfFulfillmentOrder(fo: FulfillmentOrderRecord): OrderRecord {
		const order = this.orders.get(fo.orderId);
		if (!order) throw new Error(`Fulfillment order ${fo.id} has no order ${fo.orderId}`);
		return order;
	}

	lineItem(order: OrderRecord, lineItemId: number): LineItemRecord | undefined {
		return order.lineItems.find((li) => li.id === lineItemId);
	}

	/** Units of a line already fulfilled (successful fulfillments). */
	fulfilledQuantity(order: OrderRecord, line: LineItemRecord): number {
		let n = 0;
		for (const f of this.fulfillmentsOf(order)) {
			if (f.status !== 'SUCCESS') continue;
			for (const fli of f.lineItems) if (fli.lineItemId === line.id) n += fli.quantity;
		}
		return n;
	}

	unfulfilledQuantity(order: OrderRecord, line: LineItemRecord): number {
		return Math.max(0, line.currentQuantity - this.fulfilledQuantity(order, line));
	}

	/** Units of a line waiting in fulfillment orders that can be fulfilled now (not on hold). */
	fulfillableQuantity(order: OrderRecord, line: LineItemRecord): number {
		let n = 0;
		for (const fo of this.fulfillmentOrdersOf(order)) {
			if (fo.status !== 'OPEN' && fo.status !== 'IN_PROGRESS') continue;
			for (const foli of fo.lineItems) if (foli.lineItemId === line.id) n += foli.remainingQuantity;
		}
		return n;
	}

	/** Order.displayFulfillmentStatus, derived from fulfillments and fulfillment-order statuses. */
	displayFulfillmentStatus(order: OrderRecord): string {
		const fulfilled = order.lineItems.reduce((n, li) => n + this.fulfilledQuantity(order, li), 0);
		const unfulfilled = order.lineItems.reduce(
			(n, li) => n + this.unfulfilledQuantity(order, li),
			0,
		);
		if (fulfilled > 0) return unfulfilled === 0 ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
		const statuses = this.fulfillmentOrdersOf(order).map((fo) => fo.status);
		if (statuses.includes('IN_PROGRESS')) return 'IN_PROGRESS';
		if (statuses.includes('ON_HOLD') && !statuses.includes('OPEN')) return 'ON_HOLD';
		if (statuses.includes('SCHEDULED') && !statuses.includes('OPEN')) return 'SCHEDULED';
		return 'UNFULFILLED';
	}

	touchOrder(order: OrderRecord): void {
		order.updatedAt = this.now();
	}

	newFulfillmentOrder(
		order: OrderRecord,
		locationId: number,
		status: FulfillmentOrderStatus = 'OPEN',
	): FulfillmentOrderRecord {
		const now = this.now();
		const fo: FulfillmentOrderRecord = {
			id: this.nextId(),
			orderId: order.id,
			locationId,
			status,
			requestStatus: 'UNSUBMITTED',
			holds: [],
			statusBeforeHold: null,
			lineItems: [],
			createdAt: now,
			updatedAt: now,
		};
		this.fulfillmentOrders.set(fo.id, fo);
		order.fulfillmentOrderIds.push(fo.id);
		return fo;
	}

	/**
	 * Puts `quantity` units of a line into a fulfillment order at a location: an open one of the
	 * order already there, else a new one.
	 */
	assignToFulfillmentOrder(
		order: OrderRecord,
		line: LineItemRecord,
		locationId: number,
		quantity: number,
	): FulfillmentOrderRecord {
		let fo = this.fulfillmentOrdersOf(order).find(
			(f) => f.locationId === locationId && f.status === 'OPEN',
		);
		fo ??= this.newFulfillmentOrder(order, locationId);
		const foli = fo.lineItems.find((l) => l.lineItemId === line.id);
		if (foli) {
			foli.totalQuantity += quantity;
			foli.remainingQuantity += quantity;
		} else {
			fo.lineItems.push({
				id: this.nextId(),
				lineItemId: line.id,
				totalQuantity: quantity,
				remainingQuantity: quantity,
			});
		}
		fo.updatedAt = this.now();
		return fo;
	}

	/** After its remaining quantities changed: a fulfillment order with nothing left is closed. */
	settleFulfillmentOrder(fo: FulfillmentOrderRecord): void {
		const remaining = fo.lineItems.reduce((n, l) => n + l.remainingQuantity, 0);
		if (remaining === 0 && fo.status !== 'CANCELLED') {
			fo.status = 'CLOSED';
			fo.holds = [];
			fo.statusBeforeHold = null;
			if (fo.requestStatus !== 'UNSUBMITTED') fo.requestStatus = 'CLOSED';
		}
		fo.updatedAt = this.now();
	}
}

export function onHand(level: InventoryLevelRecord): number {
	const q = level.quantities;
	return q.available + q.committed + q.damaged + q.quality_control + q.reserved + q.safety_stock;
}

export function isDefaultTitle(title: string): boolean {
	return title === 'Default Title';
}
