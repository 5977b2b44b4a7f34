/**
 * What the simulated Supercycle shop holds (conditions, Shopify locations and variants, serialised
 * items, rentals), how a seed is checked and applied, and how records look in the API: items and
 * rentals as the Admin API shows them (camelCase, numeric ids, `null` for unset values), with the
 * derived fields (activeRentalId, rental status, fulfilment and receival status) computed at read
 * time from the sandbox clock.
 */
import { ControlError } from '../controlError';

export const VISIBILITIES = ['available', 'unavailable', 'sold', 'retired'] as const;
export const ITEM_STATUSES = ['processed', 'unprocessed'] as const;
export const PACKING_STATUSES = ['pending', 'printed', 'packed'] as const;
export const METHOD_TYPES = ['calendar', 'subscription', 'membership', 'resale'] as const;

export type Visibility = (typeof VISIBILITIES)[number];
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export type PackingStatus = (typeof PACKING_STATUSES)[number];
export type MethodType = (typeof METHOD_TYPES)[number];
export type RentalStatus =
	| 'scheduled'
	| 'unfulfilled'
	| 'fulfilled'
	| 'unreceived'
	| 'received'
	| 'cancelled';
export type FulfillmentStatus = 'pending' | 'scheduled' | 'in_progress' | 'overdue' | 'complete';
export type ReceivalStatus = 'pending' | 'overdue' | 'complete';

/** The API key every fresh sandbox accepts (a seed may replace it with `apiKeys`). */
export const SUPERCYCLE_SANDBOX_API_KEY = 'sc_sandbox_0123456789abcdef';

export interface Condition {
	id: number;
	createdAt: string;
	severityKey: string;
	severityTone: string;
	title: string;
}

export interface Location {
	shopifyId: number;
	name: string;
}

export interface Variant {
	shopifyVariantId: number;
	shopifyProductId: number | null;
	productTitle: string;
	variantTitle: string | null;
	/** The Shopify variant SKU: what GET /items?sku= matches. Not an item field in the API. */
	sku: string | null;
	imageUrl: string | null;
}

export interface TimelineEvent {
	id: number;
	eventableId: number;
	eventableType: 'Item' | 'Rental';
	eventType: string;
	metadata: Record<string, unknown>;
	createdAt: string;
	updatedAt: string;
	author: string;
}

export interface CustomField {
	id: number;
	ownerId: number;
	ownerType: 'Item';
	definitionId: number;
	key: string;
	value: string | null;
	valueJson: unknown;
}

export interface ItemRecord {
	id: number;
	createdAt: string;
	sequentialId: number;
	shopifyVariantId: number | null;
	shopifyProductId: number | null;
	productTitle: string;
	variantTitle: string | null;
	sku: string | null;
	imageUrl: string | null;
	serial: string | null;
	status: ItemStatus;
	visibility: Visibility;
	tags: string[];
	conditionId: number | null;
	locationShopifyId: number | null;
	pickLocation: string | null;
	timelineEvents: TimelineEvent[];
	customFields: CustomField[];
}

export interface Address {
	[field: string]: unknown;
}

export interface Customer {
	id: number;
	createdAt: string;
	shopifyId: number | null;
	email: string | null;
	firstName: string | null;
	lastName: string | null;
	defaultAddress: Address | null;
}

export interface RentalRecord {
	id: number;
	createdAt: string;
	updatedAt: string;
	customer: Customer;
	itemId: number | null;
	/** The variant ordered (the item's at creation when not given); what ?shopifyVariantId= matches. */
	shopifyVariantId: number | null;
	shopifyOrderId: number;
	shopifyOrderName: string;
	shopifyOrderLineId: number;
	returnOrderId: number | null;
	methodType: MethodType;
	packingStatus: PackingStatus;
	fulfillAt: string | null;
	fulfilledAt: string | null;
	receiveAt: string | null;
	receivedAt: string | null;
	rentalStart: string | null;
	rentalEnd: string | null;
	minimumRentalEnd: string | null;
	restockBy: string | null;
	restockedAt: string | null;
	/** Not an API field: a cancelled rental reads status "cancelled". */
	cancelledAt: string | null;
	sequentialId: number | null;
	originRentalIntentToken: string | null;
	timelineEvents: TimelineEvent[];
	tags: string[];
}

export interface SupercycleSettings {
	/** Answer 429 when a key exceeds its budget (default true). */
	rateLimits: boolean;
	/** Sustained rate per API key (default 120, Supercycle's documented limit). */
	requestsPerMinute: number;
	/** Requests a key may send at once before the rate applies (default = requestsPerMinute). */
	burst: number;
}

export const DEFAULT_SETTINGS: SupercycleSettings = {
	rateLimits: true,
	requestsPerMinute: 120,
	burst: 120,
};

export interface SupercycleState {
	apiKeys: string[];
	conditions: Map<number, Condition>;
	locations: Map<number, Location>;
	variants: Map<number, Variant>;
	items: Map<number, ItemRecord>;
	rentals: Map<number, RentalRecord>;
	nextTimelineEventId: number;
	nextCustomFieldId: number;
	nextCustomerId: number;
}

const DEFAULT_CONDITIONS: Array<Omit<Condition, 'createdAt'>> = [
	{ id: 1, title: 'New', severityKey: 'none', severityTone: 'success' },
	{ id: 2, title: 'Good', severityKey: 'minor', severityTone: 'info' },
	{ id: 3, title: 'Worn', severityKey: 'moderate', severityTone: 'warning' },
	{ id: 4, title: 'Damaged', severityKey: 'severe', severityTone: 'critical' },
];

const DEFAULT_LOCATIONS: Location[] = [{ shopifyId: 70000000001, name: 'Main warehouse' }];

/** ISO 8601 in UTC without milliseconds, as the Supercycle docs show dates. */
export function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function emptyState(nowIso: string): SupercycleState {
	return {
		apiKeys: [SUPERCYCLE_SANDBOX_API_KEY],
		conditions: new Map(DEFAULT_CONDITIONS.map((c) => [c.id, { ...c, createdAt: nowIso }])),
		locations: new Map(DEFAULT_LOCATIONS.map((l) => [l.shopifyId, { ...l }])),
		variants: new Map(),
		items: new Map(),
		rentals: new Map(),
		nextTimelineEventId: 1,
		nextCustomFieldId: 1,
		nextCustomerId: 1,
	};
}

export function cloneState(state: SupercycleState): SupercycleState {
	return {
		...state,
		apiKeys: [...state.apiKeys],
		conditions: new Map(state.conditions),
		locations: new Map(state.locations),
		variants: new Map(state.variants),
		items: new Map([...state.items].map(([id, item]) => [id, structuredClone(item)])),
		rentals: new Map([...state.rentals].map(([id, rental]) => [id, structuredClone(rental)])),
	};
}

// ---------------------------------------------------------------------------------------------
// Derived fields
// ---------------------------------------------------------------------------------------------

/** A rental holds its item from creation until it is received back or cancelled. */
export function isActiveRental(rental: RentalRecord): boolean {
	return rental.cancelledAt === null && rental.receivedAt === null;
}

export function activeRentalOf(state: SupercycleState, itemId: number): RentalRecord | undefined {
	for (const rental of state.rentals.values()) {
		if (rental.itemId === itemId && isActiveRental(rental)) return rental;
	}
	return undefined;
}

const before = (iso: string | null, nowMs: number) => iso !== null && Date.parse(iso) <= nowMs;

export function rentalStatus(rental: RentalRecord, nowMs: number): RentalStatus {
	if (rental.cancelledAt !== null) return 'cancelled';
	if (rental.receivedAt !== null) return 'received';
	if (rental.fulfilledAt !== null)
		return before(rental.receiveAt ?? rental.rentalEnd, nowMs) ? 'unreceived' : 'fulfilled';
	return rental.fulfillAt !== null && !before(rental.fulfillAt, nowMs)
		? 'scheduled'
		: 'unfulfilled';
}

export function fulfillmentStatus(rental: RentalRecord, nowMs: number): FulfillmentStatus {
	if (rental.fulfilledAt !== null) return 'complete';
	if (rental.cancelledAt !== null) return 'pending';
	if (rental.packingStatus !== 'pending') return 'in_progress';
	if (rental.fulfillAt === null) return 'pending';
	return before(rental.fulfillAt, nowMs) ? 'overdue' : 'scheduled';
}

export function receivalStatus(rental: RentalRecord, nowMs: number): ReceivalStatus {
	if (rental.receivedAt !== null) return 'complete';
	if (
		rental.fulfilledAt !== null &&
		rental.cancelledAt === null &&
		before(rental.receiveAt ?? rental.rentalEnd, nowMs)
	)
		return 'overdue';
	return 'pending';
}

// ---------------------------------------------------------------------------------------------
// API views
// ---------------------------------------------------------------------------------------------

export function itemView(state: SupercycleState, item: ItemRecord): Record<string, unknown> {
	const condition = item.conditionId !== null ? state.conditions.get(item.conditionId) : undefined;
	const location =
		item.locationShopifyId !== null ? state.locations.get(item.locationShopifyId) : undefined;
	return {
		id: item.id,
		createdAt: item.createdAt,
		activeRentalId: activeRentalOf(state, item.id)?.id ?? null,
		activeReturnId: null,
		productTitle: item.productTitle,
		variantTitle: item.variantTitle,
		serial: item.serial,
		sequentialId: item.sequentialId,
		shopifyProductId: item.shopifyProductId,
		shopifyVariantId: item.shopifyVariantId,
		status: item.status,
		visibility: item.visibility,
		tags: [...item.tags],
		condition: condition ? { ...condition } : null,
		conditionId: condition ? condition.id : null,
		imageUrl: item.imageUrl,
		location: location ? { ...location } : null,
		pickLocation: item.pickLocation,
		timelineEvents: item.timelineEvents.map((e) => ({ ...e, metadata: { ...e.metadata } })),
		customFields: item.customFields.map((f) => ({ ...f })),
	};
}

export function rentalView(
	state: SupercycleState,
	rental: RentalRecord,
	nowMs: number,
	options: { withItem?: boolean } = {},
): Record<string, unknown> {
	const view: Record<string, unknown> = {
		id: rental.id,
		createdAt: rental.createdAt,
		updatedAt: rental.updatedAt,
		customer: structuredClone(rental.customer),
		itemId: rental.itemId,
	};
	if (options.withItem) {
		const item = rental.itemId !== null ? state.items.get(rental.itemId) : undefined;
		view.item = item ? itemView(state, item) : null;
	}
	Object.assign(view, {
		packingStatus: rental.packingStatus,
		shopifyOrderId: rental.shopifyOrderId,
		shopifyOrderLineId: rental.shopifyOrderLineId,
		shopifyOrderName: rental.shopifyOrderName,
		methodType: rental.methodType,
		fulfillAt: rental.fulfillAt,
		fulfilledAt: rental.fulfilledAt,
		minimumRentalEnd: rental.minimumRentalEnd,
		originRentalIntentToken: rental.originRentalIntentToken,
		receiveAt: rental.receiveAt,
		receivedAt: rental.receivedAt,
		rentalStart: rental.rentalStart,
		rentalEnd: rental.rentalEnd,
		restockBy: rental.restockBy,
		restockedAt: rental.restockedAt,
		sequentialId: rental.sequentialId,
		status: rentalStatus(rental, nowMs),
		fulfillmentStatus: fulfillmentStatus(rental, nowMs),
		receivalStatus: receivalStatus(rental, nowMs),
		returnOrderId: rental.returnOrderId,
		timelineEvents: rental.timelineEvents.map((e) => ({ ...e, metadata: { ...e.metadata } })),
		tags: [...rental.tags],
	});
	return view;
}

export function addTimelineEvent(
	state: SupercycleState,
	owner: ItemRecord | RentalRecord,
	eventableType: 'Item' | 'Rental',
	eventType: string,
	at: string,
	metadata: Record<string, unknown> = {},
	author = 'Supercycle sandbox',
): void {
	owner.timelineEvents.push({
		id: state.nextTimelineEventId++,
		eventableId: owner.id,
		eventableType,
		eventType,
		metadata,
		createdAt: at,
		updatedAt: at,
		author,
	});
}

// ---------------------------------------------------------------------------------------------
// Checking input
// ---------------------------------------------------------------------------------------------

export interface Problem {
	path: string;
	message: string;
}

/** Collects problems with paths ("supercycle.items[2].visibility") instead of failing at the first. */
export class Checker {
	readonly problems: Problem[] = [];

	fail(path: string, message: string): undefined {
		this.problems.push({ path, message });
		return undefined;
	}

	object(value: unknown, path: string): Record<string, unknown> | undefined {
		if (!value || typeof value !== 'object' || Array.isArray(value))
			return this.fail(path, 'must be an object');
		return value as Record<string, unknown>;
	}

	list(value: unknown, path: string): unknown[] | undefined {
		if (value === undefined) return [];
		if (!Array.isArray(value)) return this.fail(path, 'must be a list');
		return value;
	}

	/** A positive whole number (Supercycle and Shopify ids are numeric). */
	id(
		value: unknown,
		path: string,
		options: { optional?: boolean; nullable?: boolean } = {},
	): number | null | undefined {
		if (value === undefined && options.optional) return undefined;
		if (value === null && options.nullable) return null;
		if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
		if (
			typeof value === 'string' &&
			/^[1-9]\d{0,15}$/.test(value) &&
			Number.isSafeInteger(Number(value))
		)
			return Number(value);
		return this.fail(
			path,
			options.nullable
				? 'must be a positive whole number or null'
				: 'must be a positive whole number',
		);
	}

	string(
		value: unknown,
		path: string,
		options: { optional?: boolean; nullable?: boolean; nonEmpty?: boolean } = {},
	): string | null | undefined {
		if (value === undefined && options.optional) return undefined;
		if (value === null && options.nullable) return null;
		if (typeof value === 'string' && (!options.nonEmpty || value.trim() !== '')) return value;
		return this.fail(
			path,
			`must be a${options.nonEmpty ? ' non-empty' : ''} string${options.nullable ? ' or null' : ''}`,
		);
	}

	oneOf<T extends string>(
		value: unknown,
		allowed: readonly T[],
		path: string,
		options: { optional?: boolean } = {},
	): T | undefined {
		if (value === undefined && options.optional) return undefined;
		if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
			return value as T;
		return this.fail(path, `must be one of ${allowed.join(', ')}`);
	}

	boolean(value: unknown, path: string, options: { optional?: boolean } = {}): boolean | undefined {
		if (value === undefined && options.optional) return undefined;
		if (typeof value === 'boolean') return value;
		return this.fail(path, 'must be true or false');
	}

	/** An ISO 8601 date-time with a zone (or a date, read as UTC midnight), normalised to `…Z` without milliseconds. */
	date(
		value: unknown,
		path: string,
		options: { optional?: boolean; nullable?: boolean } = {},
	): string | null | undefined {
		if (value === undefined && options.optional) return undefined;
		if (value === null && options.nullable) return null;
		const ms = typeof value === 'string' ? parseIsoDate(value) : undefined;
		if (ms === undefined)
			return this.fail(path, 'must be an ISO 8601 date-time such as 2026-03-02T12:00:00Z');
		return isoSeconds(ms);
	}

	strings(value: unknown, path: string): string[] | undefined {
		if (value === undefined) return [];
		if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
			return this.fail(path, 'must be a list of strings');
		return value as string[];
	}

	unknownKeys(value: Record<string, unknown>, allowed: readonly string[], path: string): void {
		for (const key of Object.keys(value)) {
			if (!allowed.includes(key)) this.fail(`${path}.${key}`, 'is not a known field');
		}
	}
}

/** Epoch ms of an ISO 8601 date-time with zone, or a plain date (UTC); undefined otherwise. */
export function parseIsoDate(text: string): number | undefined {
	const t = text.trim();
	if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/i.test(t))
		return undefined;
	const ms = Date.parse(/T/i.test(t) ? t : `${t}T00:00:00Z`);
	return Number.isFinite(ms) ? ms : undefined;
}

// ---------------------------------------------------------------------------------------------
// Seed
// ---------------------------------------------------------------------------------------------

export interface SupercycleSeedResult {
	items: number[];
	rentals: number[];
	conditions: number[];
	locations: number[];
	variants: number[];
}

const SEED_KEYS = ['apiKeys', 'conditions', 'locations', 'variants', 'items', 'rentals'] as const;
const CONDITION_KEYS = ['id', 'title', 'severityKey', 'severityTone', 'createdAt'] as const;
const LOCATION_KEYS = ['shopifyId', 'name'] as const;
const VARIANT_KEYS = [
	'shopifyVariantId',
	'shopifyProductId',
	'productTitle',
	'variantTitle',
	'sku',
	'imageUrl',
] as const;
const ITEM_KEYS = [
	'id',
	'createdAt',
	'sequentialId',
	'shopifyVariantId',
	'shopifyProductId',
	'productTitle',
	'variantTitle',
	'sku',
	'imageUrl',
	'serial',
	'status',
	'visibility',
	'tags',
	'conditionId',
	'locationShopifyId',
	'pickLocation',
	'customFields',
] as const;
const RENTAL_KEYS = [
	'id',
	'createdAt',
	'updatedAt',
	'customer',
	'itemId',
	'shopifyVariantId',
	'shopifyOrderId',
	'shopifyOrderName',
	'shopifyOrderLineId',
	'returnOrderId',
	'methodType',
	'packingStatus',
	'fulfillAt',
	'fulfilledAt',
	'receiveAt',
	'receivedAt',
	'rentalStart',
	'rentalEnd',
	'minimumRentalEnd',
	'restockBy',
	'restockedAt',
	'cancelledAt',
	'sequentialId',
	'originRentalIntentToken',
	'tags',
] as const;
const CUSTOMER_KEYS = [
	'id',
	'createdAt',
	'shopifyId',
	'email',
	'firstName',
	'lastName',
	'defaultAddress',
] as const;

const maxKey = (map: Map<number, unknown>) => Math.max(0, ...map.keys());

/** Reads a customer object (seed or control action); fills an id and createdAt. */
export function readCustomer(
	check: Checker,
	state: SupercycleState,
	value: unknown,
	path: string,
	nowIso: string,
): Customer | undefined {
	if (value === undefined) {
		const id = state.nextCustomerId++;
		return {
			id,
			createdAt: nowIso,
			shopifyId: null,
			email: null,
			firstName: null,
			lastName: null,
			defaultAddress: null,
		};
	}
	const raw = check.object(value, path);
	if (!raw) return undefined;
	check.unknownKeys(raw, CUSTOMER_KEYS, path);
	const id = check.id(raw.id, `${path}.id`, { optional: true }) ?? state.nextCustomerId++;
	state.nextCustomerId = Math.max(state.nextCustomerId, id + 1);
	const address =
		raw.defaultAddress === undefined || raw.defaultAddress === null
			? null
			: check.object(raw.defaultAddress, `${path}.defaultAddress`);
	return {
		id,
		createdAt: check.date(raw.createdAt, `${path}.createdAt`, { optional: true }) ?? nowIso,
		shopifyId:
			check.id(raw.shopifyId, `${path}.shopifyId`, { optional: true, nullable: true }) ?? null,
		email: check.string(raw.email, `${path}.email`, { optional: true, nullable: true }) ?? null,
		firstName:
			check.string(raw.firstName, `${path}.firstName`, { optional: true, nullable: true }) ?? null,
		lastName:
			check.string(raw.lastName, `${path}.lastName`, { optional: true, nullable: true }) ?? null,
		defaultAddress: address ? { ...address } : null,
	};
}

/** What the steps of a seed read and write. */
interface SeedRun {
	check: Checker;
	root: Record<string, unknown>;
	state: SupercycleState;
	result: SupercycleSeedResult;
	nowIso: string;
	/** Where each seeded item and rental is, for the whole-state rules. */
	itemPaths: Map<number, string>;
	rentalPaths: Map<number, string>;
}

/** Each object of the seed list `key`, with its path, once its fields are known ones. */
function eachObject(
	run: SeedRun,
	key: (typeof SEED_KEYS)[number],
	allowed: readonly string[],
	visit: (raw: Record<string, unknown>, path: string) => void,
): void {
	const { check } = run;
	(check.list(run.root[key], `supercycle.${key}`) ?? []).forEach((value, i) => {
		const path = `supercycle.${key}[${i}]`;
		const raw = check.object(value, path);
		if (!raw) return;
		check.unknownKeys(raw, allowed, path);
		visit(raw, path);
	});
}

function seedApiKeys({ check, root, state }: SeedRun): void {
	if (root.apiKeys === undefined) return;
	const keys = check.strings(root.apiKeys, 'supercycle.apiKeys');
	if (keys && (keys.length === 0 || keys.some((k) => k.trim() === '')))
		check.fail('supercycle.apiKeys', 'must be a non-empty list of non-empty strings');
	else if (keys) state.apiKeys = [...keys];
}

function seedConditions(run: SeedRun): void {
	const { check, state, result, nowIso } = run;
	eachObject(run, 'conditions', CONDITION_KEYS, (raw, path) => {
		const id = check.id(raw.id, `${path}.id`);
		const title = check.string(raw.title, `${path}.title`, { nonEmpty: true });
		const severityKey =
			check.string(raw.severityKey, `${path}.severityKey`, { optional: true, nonEmpty: true }) ??
			'none';
		const severityTone =
			check.string(raw.severityTone, `${path}.severityTone`, { optional: true, nonEmpty: true }) ??
			'info';
		const createdAt = check.date(raw.createdAt, `${path}.createdAt`, { optional: true }) ?? nowIso;
		if (id && title) {
			state.conditions.set(id, { id, createdAt, severityKey, severityTone, title });
			result.conditions.push(id);
		}
	});
}

function seedLocations(run: SeedRun): void {
	const { check, state, result } = run;
	eachObject(run, 'locations', LOCATION_KEYS, (raw, path) => {
		const shopifyId = check.id(raw.shopifyId, `${path}.shopifyId`);
		const name = check.string(raw.name, `${path}.name`, { nonEmpty: true });
		if (shopifyId && name) {
			state.locations.set(shopifyId, { shopifyId, name });
			result.locations.push(shopifyId);
		}
	});
}

function seedVariants(run: SeedRun): void {
	const { check, state, result } = run;
	eachObject(run, 'variants', VARIANT_KEYS, (raw, path) => {
		const shopifyVariantId = check.id(raw.shopifyVariantId, `${path}.shopifyVariantId`);
		const productTitle = check.string(raw.productTitle, `${path}.productTitle`, { nonEmpty: true });
		const optional = { optional: true, nullable: true };
		const variant = {
			shopifyProductId:
				check.id(raw.shopifyProductId, `${path}.shopifyProductId`, optional) ?? null,
			variantTitle: check.string(raw.variantTitle, `${path}.variantTitle`, optional) ?? null,
			sku: check.string(raw.sku, `${path}.sku`, optional) ?? null,
			imageUrl: check.string(raw.imageUrl, `${path}.imageUrl`, optional) ?? null,
		};
		if (shopifyVariantId && productTitle) {
			state.variants.set(shopifyVariantId, { shopifyVariantId, productTitle, ...variant });
			result.variants.push(shopifyVariantId);
		}
	});
}

/** Items or rentals: each read by `read`, its id seeded once. */
function seedRecords<T extends { id: number }>(
	run: SeedRun,
	key: 'items' | 'rentals',
	allowed: readonly string[],
	read: typeof readItem | typeof readRental,
	paths: Map<number, string>,
	store: Map<number, T>,
): void {
	const { check, state, result, nowIso } = run;
	const kind = key === 'items' ? 'item' : 'rental';
	eachObject(run, key, allowed, (raw, path) => {
		const record = read(check, state, raw, path, nowIso) as T | undefined;
		if (!record) return;
		if (paths.has(record.id)) {
			check.fail(`${path}.id`, `${kind} ${record.id} is also seeded at ${paths.get(record.id)}`);
			return;
		}
		paths.set(record.id, path);
		store.set(record.id, record);
		result[key].push(record.id);
	});
}

function seedItems(run: SeedRun): void {
	seedRecords(run, 'items', ITEM_KEYS, readItem, run.itemPaths, run.state.items);
}

function seedRentals(run: SeedRun): void {
	seedRecords(run, 'rentals', RENTAL_KEYS, readRental, run.rentalPaths, run.state.rentals);
}

/** Whole-state rules, after everything is in: an item's condition, location and serial. */
function checkItemReferences({ check, state, itemPaths }: SeedRun): void {
	for (const item of state.items.values()) {
		const path = itemPaths.get(item.id) ?? `item ${item.id}`;
		if (item.conditionId !== null && !state.conditions.has(item.conditionId))
			check.fail(`${path}.conditionId`, `condition ${item.conditionId} is not seeded`);
		if (item.locationShopifyId !== null && !state.locations.has(item.locationShopifyId)) {
			check.fail(`${path}.locationShopifyId`, `location ${item.locationShopifyId} is not seeded`);
		}
		if (item.serial !== null) {
			const twin = [...state.items.values()].find(
				(other) => other.id < item.id && other.serial === item.serial,
			);
			if (twin)
				check.fail(`${path}.serial`, `serial ${item.serial} is already used by item ${twin.id}`);
		}
	}
}

/** Whole-state rules: a rental's item is seeded, and an item has one active rental at most. */
function checkRentalHolders({ check, state, rentalPaths }: SeedRun): void {
	const holders = new Map<number, number>();
	for (const rental of state.rentals.values()) {
		const path = rentalPaths.get(rental.id) ?? `rental ${rental.id}`;
		if (rental.itemId === null) continue;
		if (!state.items.has(rental.itemId)) {
			check.fail(`${path}.itemId`, `item ${rental.itemId} is not seeded`);
			continue;
		}
		if (!isActiveRental(rental)) continue;
		const other = holders.get(rental.itemId);
		if (other !== undefined)
			check.fail(`${path}.itemId`, `item ${rental.itemId} already has the active rental ${other}`);
		else holders.set(rental.itemId, rental.id);
	}
}

/** The steps of a seed, in order: later ones refer to what earlier ones made. */
const SEED_STEPS: Array<(run: SeedRun) => void> = [
	seedApiKeys,
	seedConditions,
	seedLocations,
	seedVariants,
	seedItems,
	seedRentals,
	checkItemReferences,
	checkRentalHolders,
];

/**
 * Checks `seed.supercycle` and applies it to a copy of the state; returns the new state and a
 * summary, or throws ControlError(400) with every problem (nothing applied).
 */
export function applySeed(
	current: SupercycleState,
	seed: unknown,
	nowIso: string,
): { state: SupercycleState; result: SupercycleSeedResult } {
	const check = new Checker();
	const root = check.object(seed, 'supercycle');
	if (!root)
		throw new ControlError(
			400,
			'supercycle must be an object such as { "items": [ … ], "rentals": [ … ] }.',
		);
	check.unknownKeys(root, SEED_KEYS, 'supercycle');
	const run: SeedRun = {
		check,
		root,
		state: cloneState(current),
		result: { items: [], rentals: [], conditions: [], locations: [], variants: [] },
		nowIso,
		itemPaths: new Map(),
		rentalPaths: new Map(),
	};
	for (const step of SEED_STEPS) step(run);
	if (check.problems.length)
		throw new ControlError(
			400,
			'The supercycle seed is not valid; nothing was seeded.',
			check.problems,
		);
	return { state: run.state, result: run.result };
}

function readItem(
	check: Checker,
	state: SupercycleState,
	raw: Record<string, unknown>,
	path: string,
	nowIso: string,
): ItemRecord | undefined {
	const before = check.problems.length;
	const id = check.id(raw.id, `${path}.id`, { optional: true }) ?? maxKey(state.items) + 1;
	const shopifyVariantId =
		check.id(raw.shopifyVariantId, `${path}.shopifyVariantId`, {
			optional: true,
			nullable: true,
		}) ?? null;
	const variant = shopifyVariantId !== null ? state.variants.get(shopifyVariantId) : undefined;
	const productTitle =
		check.string(raw.productTitle, `${path}.productTitle`, { optional: true, nonEmpty: true }) ??
		variant?.productTitle;
	if (productTitle === undefined) {
		check.fail(
			`${path}.productTitle`,
			'is required unless shopifyVariantId names a seeded variant',
		);
	}
	const pick = <T>(value: T | undefined, fallback: T | undefined): T | null =>
		value !== undefined ? value : (fallback ?? null);
	const item: ItemRecord = {
		id,
		createdAt: check.date(raw.createdAt, `${path}.createdAt`, { optional: true }) ?? nowIso,
		sequentialId: 0,
		shopifyVariantId,
		shopifyProductId: pick(
			check.id(raw.shopifyProductId, `${path}.shopifyProductId`, {
				optional: true,
				nullable: true,
			}),
			variant?.shopifyProductId,
		),
		productTitle: productTitle ?? '',
		variantTitle: pick(
			check.string(raw.variantTitle, `${path}.variantTitle`, { optional: true, nullable: true }),
			variant?.variantTitle,
		),
		sku: pick(
			check.string(raw.sku, `${path}.sku`, { optional: true, nullable: true }),
			variant?.sku,
		),
		imageUrl: pick(
			check.string(raw.imageUrl, `${path}.imageUrl`, { optional: true, nullable: true }),
			variant?.imageUrl,
		),
		serial: check.string(raw.serial, `${path}.serial`, { optional: true, nullable: true }) ?? null,
		status:
			check.oneOf(raw.status, ITEM_STATUSES, `${path}.status`, { optional: true }) ?? 'processed',
		visibility:
			check.oneOf(raw.visibility, VISIBILITIES, `${path}.visibility`, { optional: true }) ??
			'available',
		tags: check.strings(raw.tags, `${path}.tags`) ?? [],
		conditionId:
			check.id(raw.conditionId, `${path}.conditionId`, { optional: true, nullable: true }) ?? null,
		locationShopifyId:
			check.id(raw.locationShopifyId, `${path}.locationShopifyId`, {
				optional: true,
				nullable: true,
			}) ?? null,
		pickLocation:
			check.string(raw.pickLocation, `${path}.pickLocation`, { optional: true, nullable: true }) ??
			null,
		timelineEvents: [],
		customFields: [],
	};
	const fields = check.list(raw.customFields, `${path}.customFields`) ?? [];
	fields.forEach((value, j) => {
		const fpath = `${path}.customFields[${j}]`;
		const f = check.object(value, fpath);
		if (!f) return;
		check.unknownKeys(f, ['key', 'value', 'valueJson', 'definitionId'], fpath);
		const key = check.string(f.key, `${fpath}.key`, { nonEmpty: true });
		const fieldValue =
			check.string(f.value, `${fpath}.value`, { optional: true, nullable: true }) ?? null;
		const definitionId =
			check.id(f.definitionId, `${fpath}.definitionId`, { optional: true }) ?? j + 1;
		if (key) {
			item.customFields.push({
				id: state.nextCustomFieldId++,
				ownerId: id,
				ownerType: 'Item',
				definitionId,
				key,
				value: fieldValue,
				valueJson: f.valueJson === undefined ? fieldValue : f.valueJson,
			});
		}
	});
	if (check.problems.length > before) return undefined;
	// A replaced item keeps its number in the shop's sequence.
	const replaced = state.items.get(id);
	const explicit = check.id(raw.sequentialId, `${path}.sequentialId`, { optional: true });
	item.sequentialId =
		explicit ??
		replaced?.sequentialId ??
		Math.max(0, ...[...state.items.values()].map((i) => i.sequentialId)) + 1;
	addTimelineEvent(state, item, 'Item', 'item_created', item.createdAt, { source: 'seed' });
	return item;
}

function readRental(
	check: Checker,
	state: SupercycleState,
	raw: Record<string, unknown>,
	path: string,
	nowIso: string,
): RentalRecord | undefined {
	const before = check.problems.length;
	const id = check.id(raw.id, `${path}.id`, { optional: true }) ?? maxKey(state.rentals) + 1;
	const createdAt = check.date(raw.createdAt, `${path}.createdAt`, { optional: true }) ?? nowIso;
	const itemId = check.id(raw.itemId, `${path}.itemId`, { optional: true, nullable: true }) ?? null;
	const item = itemId !== null ? state.items.get(itemId) : undefined;
	const date = (key: string) =>
		check.date(raw[key], `${path}.${key}`, { optional: true, nullable: true }) ?? null;
	const rental: RentalRecord = {
		id,
		createdAt,
		updatedAt: check.date(raw.updatedAt, `${path}.updatedAt`, { optional: true }) ?? createdAt,
		customer:
			readCustomer(check, state, raw.customer, `${path}.customer`, createdAt) ??
			(undefined as unknown as Customer),
		itemId,
		shopifyVariantId:
			check.id(raw.shopifyVariantId, `${path}.shopifyVariantId`, {
				optional: true,
				nullable: true,
			}) ??
			item?.shopifyVariantId ??
			null,
		shopifyOrderId:
			check.id(raw.shopifyOrderId, `${path}.shopifyOrderId`, { optional: true }) ??
			5_000_000_000 + id,
		shopifyOrderName:
			check.string(raw.shopifyOrderName, `${path}.shopifyOrderName`, {
				optional: true,
				nonEmpty: true,
			}) ?? `#${1000 + id}`,
		shopifyOrderLineId:
			check.id(raw.shopifyOrderLineId, `${path}.shopifyOrderLineId`, { optional: true }) ??
			13_000_000_000 + id,
		returnOrderId:
			check.id(raw.returnOrderId, `${path}.returnOrderId`, { optional: true, nullable: true }) ??
			null,
		methodType:
			check.oneOf(raw.methodType, METHOD_TYPES, `${path}.methodType`, { optional: true }) ??
			'calendar',
		packingStatus:
			check.oneOf(raw.packingStatus, PACKING_STATUSES, `${path}.packingStatus`, {
				optional: true,
			}) ?? 'pending',
		fulfillAt: date('fulfillAt'),
		fulfilledAt: date('fulfilledAt'),
		receiveAt: date('receiveAt'),
		receivedAt: date('receivedAt'),
		rentalStart: date('rentalStart'),
		rentalEnd: date('rentalEnd'),
		minimumRentalEnd: date('minimumRentalEnd'),
		restockBy: date('restockBy'),
		restockedAt: date('restockedAt'),
		cancelledAt: date('cancelledAt'),
		sequentialId:
			check.id(raw.sequentialId, `${path}.sequentialId`, { optional: true, nullable: true }) ??
			null,
		originRentalIntentToken:
			check.string(raw.originRentalIntentToken, `${path}.originRentalIntentToken`, {
				optional: true,
				nullable: true,
			}) ?? null,
		timelineEvents: [],
		tags: check.strings(raw.tags, `${path}.tags`) ?? [],
	};
	if (rental.receivedAt !== null && rental.fulfilledAt === null)
		check.fail(
			`${path}.receivedAt`,
			'needs fulfilledAt: a rental is received back only after it was sent',
		);
	if (
		rental.receivedAt !== null &&
		rental.fulfilledAt !== null &&
		rental.receivedAt < rental.fulfilledAt
	) {
		check.fail(`${path}.receivedAt`, 'is before fulfilledAt');
	}
	if (rental.cancelledAt !== null && rental.fulfilledAt !== null)
		check.fail(`${path}.cancelledAt`, 'a fulfilled rental cannot be cancelled');
	if (check.problems.length > before) return undefined;
	if (rental.sequentialId === null) {
		rental.sequentialId =
			state.rentals.get(id)?.sequentialId ??
			Math.max(0, ...[...state.rentals.values()].map((r) => r.sequentialId ?? 0)) + 1;
	}
	addTimelineEvent(state, rental, 'Rental', 'rental_created', createdAt, {
		source: 'seed',
		shopifyOrderName: rental.shopifyOrderName,
	});
	return rental;
}
