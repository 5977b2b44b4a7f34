/**
 * What happens in the Supercycle shop outside the API: a rental starts (a Shopify order with a
 * `_cycle` line allocates an item), is dispatched, comes back, or is cancelled; staff change an
 * item's condition or visibility. Each action checks its input (ControlError 400), refuses what
 * the shop would not allow (409), bumps the rental's updatedAt and writes timeline events.
 */
import { ControlError } from '../controlError';
import {
	Checker,
	METHOD_TYPES,
	VISIBILITIES,
	activeRentalOf,
	addTimelineEvent,
	isoSeconds,
	readCustomer,
	type ItemRecord,
	type RentalRecord,
	type SupercycleState,
	type Visibility,
} from './state';

const DAY_MS = 86_400_000;

function body(
	value: unknown,
	allowed: readonly string[],
	what: string,
): { raw: Record<string, unknown>; check: Checker } {
	const check = new Checker();
	const raw = value === undefined ? {} : check.object(value, what);
	if (!raw) throw new ControlError(400, `${what} must be a JSON object.`);
	check.unknownKeys(raw, allowed, what);
	return { raw, check };
}

function fail(check: Checker, what: string): void {
	if (check.problems.length) throw new ControlError(400, `${what} is not valid.`, check.problems);
}

function rentalOf(state: SupercycleState, rentalId: number | string): RentalRecord {
	const rental = state.rentals.get(Number(rentalId));
	if (!rental) throw new ControlError(404, `Rental ${rentalId} is not in the sandbox.`);
	return rental;
}

function itemOf(state: SupercycleState, itemId: number | string): ItemRecord {
	const item = state.items.get(Number(itemId));
	if (!item) throw new ControlError(404, `Item ${itemId} is not in the sandbox.`);
	return item;
}

/** `at` of an action: the given date (not before `notBefore`) or now. */
function atOf(
	check: Checker,
	raw: Record<string, unknown>,
	nowIso: string,
	notBefore?: { label: string; iso: string | null },
): string {
	const at = check.date(raw.at, 'at', { optional: true }) ?? nowIso;
	if (notBefore?.iso && at < notBefore.iso)
		check.fail('at', `is before the rental's ${notBefore.label} (${notBefore.iso})`);
	return at;
}

export interface StartRentalInput {
	/** The item to rent; or */
	itemId?: number;
	/** the variant ordered: the first available item of it without an active rental is allocated. */
	shopifyVariantId?: number;
	customer?: Record<string, unknown>;
	shopifyOrderId?: number;
	shopifyOrderName?: string;
	shopifyOrderLineId?: number;
	methodType?: string;
	/** When the order came in (default now): createdAt. */
	at?: string;
	/** Dispatch at once (default true); false leaves the rental unfulfilled until /fulfil. */
	fulfilled?: boolean;
	fulfillAt?: string;
	rentalStart?: string;
	/** Default: rentalStart + 30 days. */
	rentalEnd?: string;
	receiveAt?: string;
	minimumRentalEnd?: string;
	tags?: string[];
}

const START_KEYS = [
	'itemId',
	'shopifyVariantId',
	'customer',
	'shopifyOrderId',
	'shopifyOrderName',
	'shopifyOrderLineId',
	'methodType',
	'at',
	'fulfilled',
	'fulfillAt',
	'rentalStart',
	'rentalEnd',
	'receiveAt',
	'minimumRentalEnd',
	'tags',
];

/** A new rental (a Shopify order with a `_cycle` line): allocates the item and, by default, dispatches it. */
export function startRental(state: SupercycleState, input: unknown, nowIso: string): RentalRecord {
	const { raw, check } = body(input, START_KEYS, 'The rental');
	const itemId = check.id(raw.itemId, 'itemId', { optional: true });
	const variantId = check.id(raw.shopifyVariantId, 'shopifyVariantId', { optional: true });
	if (itemId === undefined && variantId === undefined)
		check.fail('itemId', 'give itemId or shopifyVariantId');
	const at = atOf(check, raw, nowIso);
	const fulfilled = check.boolean(raw.fulfilled, 'fulfilled', { optional: true }) ?? true;
	const date = (key: string) => check.date(raw[key], key, { optional: true });
	const fulfillAt = date('fulfillAt');
	const rentalStart = date('rentalStart');
	const rentalEnd = date('rentalEnd');
	const receiveAt = date('receiveAt');
	const minimumRentalEnd = date('minimumRentalEnd');
	const methodType =
		check.oneOf(raw.methodType, METHOD_TYPES, 'methodType', { optional: true }) ?? 'calendar';
	const tags = check.strings(raw.tags, 'tags') ?? [];
	const orderId = check.id(raw.shopifyOrderId, 'shopifyOrderId', { optional: true });
	const orderName = check.string(raw.shopifyOrderName, 'shopifyOrderName', {
		optional: true,
		nonEmpty: true,
	});
	const lineId = check.id(raw.shopifyOrderLineId, 'shopifyOrderLineId', { optional: true });
	const customer = readCustomer(check, state, raw.customer, 'customer', at);
	fail(check, 'The rental');

	let item: ItemRecord | undefined;
	if (itemId) {
		item = itemOf(state, itemId);
		if (variantId && item.shopifyVariantId !== variantId) {
			throw new ControlError(
				409,
				`Item ${item.id} is of variant ${item.shopifyVariantId}, not ${variantId}.`,
			);
		}
		const active = activeRentalOf(state, item.id);
		if (active)
			throw new ControlError(409, `Item ${item.id} already has the active rental ${active.id}.`);
		if (item.visibility !== 'available')
			throw new ControlError(409, `Item ${item.id} is ${item.visibility}, not available.`);
	} else {
		item = [...state.items.values()]
			.filter(
				(i) =>
					i.shopifyVariantId === variantId &&
					i.visibility === 'available' &&
					!activeRentalOf(state, i.id),
			)
			.sort((a, b) => a.id - b.id)[0];
		if (!item)
			throw new ControlError(
				409,
				`No available item of variant ${variantId} without an active rental.`,
			);
	}

	const id = Math.max(0, ...state.rentals.keys()) + 1;
	const start = rentalStart ?? (fulfilled ? at : null);
	const end = rentalEnd ?? (start ? isoSeconds(Date.parse(start) + 30 * DAY_MS) : null);
	const rental: RentalRecord = {
		id,
		createdAt: at,
		updatedAt: at,
		customer: customer!,
		itemId: item.id,
		shopifyVariantId: item.shopifyVariantId,
		shopifyOrderId: orderId ?? 5_000_000_000 + id,
		shopifyOrderName: orderName ?? `#${1000 + id}`,
		shopifyOrderLineId: lineId ?? 13_000_000_000 + id,
		returnOrderId: null,
		methodType,
		packingStatus: fulfilled ? 'packed' : 'pending',
		fulfillAt: fulfillAt ?? at,
		fulfilledAt: fulfilled ? at : null,
		receiveAt: receiveAt ?? end,
		receivedAt: null,
		rentalStart: start,
		rentalEnd: end,
		minimumRentalEnd: minimumRentalEnd ?? null,
		restockBy: null,
		restockedAt: null,
		cancelledAt: null,
		sequentialId: Math.max(0, ...[...state.rentals.values()].map((r) => r.sequentialId ?? 0)) + 1,
		originRentalIntentToken: null,
		timelineEvents: [],
		tags,
	};
	state.rentals.set(id, rental);
	addTimelineEvent(state, rental, 'Rental', 'rental_created', at, {
		shopifyOrderName: rental.shopifyOrderName,
		itemId: item.id,
	});
	addTimelineEvent(state, item, 'Item', 'item_allocated', at, { rentalId: id });
	if (fulfilled) addTimelineEvent(state, rental, 'Rental', 'rental_fulfilled', at);
	return rental;
}

/** Dispatches an unfulfilled rental. */
export function fulfilRental(
	state: SupercycleState,
	rentalId: number | string,
	input: unknown,
	nowIso: string,
): RentalRecord {
	const rental = rentalOf(state, rentalId);
	const { raw, check } = body(input, ['at'], 'The fulfilment');
	const at = atOf(check, raw, nowIso, { label: 'createdAt', iso: rental.createdAt });
	fail(check, 'The fulfilment');
	if (rental.cancelledAt) throw new ControlError(409, `Rental ${rental.id} is cancelled.`);
	if (rental.fulfilledAt)
		throw new ControlError(
			409,
			`Rental ${rental.id} was already fulfilled at ${rental.fulfilledAt}.`,
		);
	rental.fulfilledAt = at;
	rental.packingStatus = 'packed';
	rental.rentalStart ??= at;
	rental.rentalEnd ??= isoSeconds(Date.parse(rental.rentalStart) + 30 * DAY_MS);
	rental.receiveAt ??= rental.rentalEnd;
	rental.updatedAt = at;
	addTimelineEvent(state, rental, 'Rental', 'rental_fulfilled', at);
	return rental;
}

export interface ReturnRentalInput {
	/** When the item came back (default now). */
	at?: string;
	/** The item's condition after inspection (null clears it). */
	conditionId?: number | null;
	/** The item's visibility afterwards (e.g. "unavailable" while it is repaired). */
	visibility?: Visibility;
	/** Put back into stock at once (default true): restockedAt = at. */
	restock?: boolean;
}

/** The customer's item is received back: the rental ends and the item is free again. */
export function returnRental(
	state: SupercycleState,
	rentalId: number | string,
	input: unknown,
	nowIso: string,
): RentalRecord {
	const rental = rentalOf(state, rentalId);
	const { raw, check } = body(input, ['at', 'conditionId', 'visibility', 'restock'], 'The return');
	const at = atOf(check, raw, nowIso, { label: 'fulfilledAt', iso: rental.fulfilledAt });
	const conditionId = check.id(raw.conditionId, 'conditionId', { optional: true, nullable: true });
	const visibility = check.oneOf(raw.visibility, VISIBILITIES, 'visibility', { optional: true });
	const restock = check.boolean(raw.restock, 'restock', { optional: true }) ?? true;
	if (typeof conditionId === 'number' && !state.conditions.has(conditionId))
		check.fail('conditionId', `condition ${conditionId} does not exist`);
	fail(check, 'The return');
	if (rental.cancelledAt) throw new ControlError(409, `Rental ${rental.id} is cancelled.`);
	if (!rental.fulfilledAt)
		throw new ControlError(409, `Rental ${rental.id} was never fulfilled: nothing to return.`);
	if (rental.receivedAt)
		throw new ControlError(
			409,
			`Rental ${rental.id} was already received at ${rental.receivedAt}.`,
		);

	rental.receivedAt = at;
	if (restock) rental.restockedAt = at;
	rental.updatedAt = at;
	addTimelineEvent(state, rental, 'Rental', 'rental_received', at, { restocked: restock });
	const item = rental.itemId !== null ? state.items.get(rental.itemId) : undefined;
	if (item) {
		addTimelineEvent(state, item, 'Item', 'item_returned', at, { rentalId: rental.id });
		changeItemFields(state, item, { conditionId, visibility }, at);
	}
	return rental;
}

/** Cancels a rental that was not dispatched yet; its item is free again. */
export function cancelRental(
	state: SupercycleState,
	rentalId: number | string,
	input: unknown,
	nowIso: string,
): RentalRecord {
	const rental = rentalOf(state, rentalId);
	const { raw, check } = body(input, ['at'], 'The cancellation');
	const at = atOf(check, raw, nowIso, { label: 'createdAt', iso: rental.createdAt });
	fail(check, 'The cancellation');
	if (rental.cancelledAt) throw new ControlError(409, `Rental ${rental.id} is already cancelled.`);
	if (rental.fulfilledAt)
		throw new ControlError(409, `Rental ${rental.id} was fulfilled: return it instead.`);
	rental.cancelledAt = at;
	rental.updatedAt = at;
	addTimelineEvent(state, rental, 'Rental', 'rental_cancelled', at);
	return rental;
}

function changeItemFields(
	state: SupercycleState,
	item: ItemRecord,
	change: { conditionId?: number | null; visibility?: Visibility },
	at: string,
	author?: string,
): void {
	if (change.conditionId !== undefined && change.conditionId !== item.conditionId) {
		addTimelineEvent(
			state,
			item,
			'Item',
			'condition_changed',
			at,
			{ from: item.conditionId, to: change.conditionId },
			author,
		);
		item.conditionId = change.conditionId;
	}
	if (change.visibility !== undefined && change.visibility !== item.visibility) {
		addTimelineEvent(
			state,
			item,
			'Item',
			'visibility_changed',
			at,
			{ from: item.visibility, to: change.visibility },
			author,
		);
		item.visibility = change.visibility;
	}
}

export interface ItemChangeInput {
	conditionId?: number | null;
	visibility?: Visibility;
	at?: string;
	/** Author of the timeline events (default "Supercycle sandbox"). */
	author?: string;
}

/** Staff change an item's condition and/or visibility in the Supercycle admin. */
export function changeItem(
	state: SupercycleState,
	itemId: number | string,
	input: unknown,
	nowIso: string,
): ItemRecord {
	const item = itemOf(state, itemId);
	const { raw, check } = body(input, ['conditionId', 'visibility', 'at', 'author'], 'The change');
	const at = atOf(check, raw, nowIso);
	const conditionId = check.id(raw.conditionId, 'conditionId', { optional: true, nullable: true });
	const visibility = check.oneOf(raw.visibility, VISIBILITIES, 'visibility', { optional: true });
	const author = check.string(raw.author, 'author', { optional: true, nonEmpty: true });
	if (conditionId === undefined && visibility === undefined)
		check.fail('conditionId', 'give conditionId and/or visibility');
	if (typeof conditionId === 'number' && !state.conditions.has(conditionId))
		check.fail('conditionId', `condition ${conditionId} does not exist`);
	fail(check, 'The change');
	const active = activeRentalOf(state, item.id);
	if ((visibility === 'sold' || visibility === 'retired') && active) {
		throw new ControlError(
			409,
			`Item ${item.id} is out on rental ${active.id}: return it before marking it ${visibility}.`,
		);
	}
	changeItemFields(state, item, { conditionId, visibility }, at, author ?? undefined);
	return item;
}
