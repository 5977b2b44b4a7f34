/**
 * What the Vendor Central PO trigger emits, and the cursor it keeps between polls. Pure: the
 * caller fetches purchase orders for the windows planned here, then hands them back to decide().
 *
 * Guarantees:
 * - nothing is emitted twice: every event has a key (new: PO number + creation date; changed: PO
 *   number + change date; acknowledgement due: PO number + threshold) kept in a bounded set;
 * - nothing is lost: windows start `overlap` before the last checkpoint, a checkpoint never passes
 *   a purchase order that is still settling, and the state only changes when a poll succeeded
 *   (the caller stores nextState after every fetch went well);
 * - a purchase order that Amazon shows late is still inside the next window thanks to the overlap.
 */
import { normalisePurchaseOrder, type CanonicalPurchaseOrder } from './purchaseOrder';

export type PoEvent = 'new' | 'changed' | 'acknowledgementDue';

export interface PoTriggerOptions {
	events: PoEvent[];
	/** Only purchase orders of these vendor codes (sellingParty.partyId); empty = all. */
	vendorCodes: string[];
	/** Only these purchase order types; empty = all. */
	purchaseOrderTypes: string[];
	/** Only these ship-to (fulfilment centre) codes; empty = all. */
	shipToCodes: string[];
	/** A new PO is emitted once it is this old and unchanged for this long. 0 = off. */
	settleMinutes: number;
	/** Acknowledgement due: a PO still New this many hours after creation. */
	ackDueHours: number;
	/** First activation looks back this far. */
	lookbackHours: number;
	/** Each window starts this long before the last checkpoint. */
	overlapMinutes: number;
	/** Most keys kept in the emitted set. */
	maxKeys?: number;
}

export interface PoCursorState {
	version: 1;
	/** Purchase orders created before this instant (minus the overlap) were all handled. */
	createdCheckpoint?: string;
	/** Purchase orders changed before this instant (minus the overlap) were all handled. */
	changedCheckpoint?: string;
	/**
	 * Event key -> epoch milliseconds of the event's own date (creation date of a new purchase
	 * order, change date of a change). Keys whose date is older than every future window are
	 * dropped: those events cannot come back.
	 */
	emitted: Record<string, number>;
}

export interface TimeWindow {
	after: string;
	before: string;
}

export interface PollPlan {
	/** getPurchaseOrders createdAfter/createdBefore (new purchase orders). */
	created?: TimeWindow;
	/** getPurchaseOrders changedAfter/changedBefore (changed purchase orders). */
	changed?: TimeWindow;
	/** getPurchaseOrders created window with purchaseOrderState=New (acknowledgement due). */
	ackDue?: TimeWindow;
}

export interface FetchedOrders {
	created?: unknown[];
	changed?: unknown[];
	ackDue?: unknown[];
}

export interface PoTriggerEvent {
	event: PoEvent;
	eventKey: string;
	purchaseOrderNumber: string;
	/** For changed purchase orders: purchaseOrderChangedDate. */
	changeDate?: string;
	/** Hours since the purchase order was created (acknowledgement due events). */
	ageHours?: number;
	purchaseOrder?: CanonicalPurchaseOrder;
	/** Set when the purchase order could not be normalised. */
	error?: string;
	raw: unknown;
}

export interface PollDecision {
	events: PoTriggerEvent[];
	nextState: PoCursorState;
}

export const DEFAULT_MAX_KEYS = 5000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Keys are kept a day longer than any window could reach back. */
const KEY_MARGIN_MS = 24 * HOUR;
/** The acknowledgement-due window reaches 7 days back. */
const ACK_DUE_REACH_MS = 7 * 24 * HOUR;

export function emptyState(): PoCursorState {
	return { version: 1, emitted: {} };
}

/** Reads the state kept in static data, tolerating an empty or older object. */
export function readState(value: unknown): PoCursorState {
	const v = (value ?? {}) as Partial<PoCursorState>;
	const emitted: Record<string, number> = {};
	if (v.emitted && typeof v.emitted === 'object') {
		for (const [k, t] of Object.entries(v.emitted)) if (typeof t === 'number') emitted[k] = t;
	}
	return {
		version: 1,
		createdCheckpoint: typeof v.createdCheckpoint === 'string' ? v.createdCheckpoint : undefined,
		changedCheckpoint: typeof v.changedCheckpoint === 'string' ? v.changedCheckpoint : undefined,
		emitted,
	};
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function windowFrom(checkpoint: string | undefined, now: number, options: PoTriggerOptions): TimeWindow {
	const start = checkpoint ? Date.parse(checkpoint) - options.overlapMinutes * MINUTE : now - options.lookbackHours * HOUR;
	return { after: iso(Math.min(start, now - 1)), before: iso(now) };
}

/** The windows to fetch in this poll. Windows may be longer than 7 days: the caller splits them. */
export function planPoll(state: PoCursorState, now: number, options: PoTriggerOptions): PollPlan {
	const plan: PollPlan = {};
	if (options.events.includes('new')) plan.created = windowFrom(state.createdCheckpoint, now, options);
	if (options.events.includes('changed')) plan.changed = windowFrom(state.changedCheckpoint, now, options);
	if (options.events.includes('acknowledgementDue')) {
		// POs still New that are older than the threshold; a week back covers every open acknowledgement.
		const before = now - options.ackDueHours * HOUR;
		plan.ackDue = { after: iso(Math.min(before - 1, now - 7 * 24 * HOUR)), before: iso(before) };
	}
	return plan;
}

/** Only the manual "Fetch test event" window: the lookback period up to now. */
export function planSample(now: number, options: PoTriggerOptions): TimeWindow {
	return { after: iso(now - Math.max(options.lookbackHours, 1) * HOUR), before: iso(now) };
}

interface Candidate {
	number: string;
	raw: unknown;
	po?: CanonicalPurchaseOrder;
	error?: string;
}

function candidate(raw: unknown): Candidate {
	const number = String((raw as { purchaseOrderNumber?: unknown })?.purchaseOrderNumber ?? '').trim();
	try {
		return { number, raw, po: normalisePurchaseOrder(raw) };
	} catch (error) {
		return { number, raw, error: (error as Error).message };
	}
}

function passesFilters(c: Candidate, options: PoTriggerOptions): boolean {
	const po = c.po;
	if (!po) return true; // unreadable purchase orders are emitted with their error, never dropped
	if (options.vendorCodes.length && !options.vendorCodes.includes(po.sellingParty?.partyId ?? '')) return false;
	if (options.purchaseOrderTypes.length && !options.purchaseOrderTypes.includes(po.purchaseOrderType ?? '')) return false;
	if (options.shipToCodes.length && !options.shipToCodes.includes(po.shipToParty?.partyId ?? '')) return false;
	return true;
}

function createdKey(number: string, po?: CanonicalPurchaseOrder): string {
	return `new:${number}@${po?.purchaseOrderDate ?? ''}`;
}

function changedKey(number: string, changeDate: string | undefined): string {
	return `changed:${number}@${changeDate ?? ''}`;
}

function dueKey(number: string, hours: number): string {
	return `due:${number}@${hours}h`;
}

function unique(list: unknown[] | undefined): Candidate[] {
	const seen = new Map<string, Candidate>();
	for (const raw of list ?? []) {
		const c = candidate(raw);
		seen.set(c.number || `#${seen.size}`, c);
	}
	return [...seen.values()];
}

function dateMs(value: string | undefined, fallback: number): number {
	const ms = value ? Date.parse(value) : NaN;
	return Number.isNaN(ms) ? fallback : ms;
}

/**
 * Drops keys that no future window can reach, then, as a last resort against unbounded growth,
 * keeps the newest `maxKeys`.
 */
function prune(emitted: Record<string, number>, horizon: number, maxKeys: number): Record<string, number> {
	const entries = Object.entries(emitted)
		.filter(([, t]) => t >= horizon)
		.sort((a, b) => b[1] - a[1])
		.slice(0, maxKeys);
	return Object.fromEntries(entries);
}

/**
 * Turns what the planned windows returned into events and the next cursor. Events come oldest
 * first: new purchase orders by creation date, then changes by change date, then due reminders.
 */
export function decidePoll(
	state: PoCursorState,
	plan: PollPlan,
	fetched: FetchedOrders,
	now: number,
	options: PoTriggerOptions,
): PollDecision {
	const emitted = { ...state.emitted };
	const events: PoTriggerEvent[] = [];
	const settleMs = options.settleMinutes * MINUTE;
	let createdCheckpoint = state.createdCheckpoint;
	let changedCheckpoint = state.changedCheckpoint;

	if (plan.created) {
		let checkpoint = Date.parse(plan.created.before);
		const fresh = unique(fetched.created)
			.filter((c) => passesFilters(c, options))
			.sort((a, b) => (a.po?.purchaseOrderDate ?? '').localeCompare(b.po?.purchaseOrderDate ?? ''));
		for (const c of fresh) {
			const key = createdKey(c.number, c.po);
			if (emitted[key] !== undefined) continue;
			if (c.po && settleMs > 0) {
				const created = Date.parse(c.po.purchaseOrderDate);
				const lastChange = Date.parse(c.po.purchaseOrderChangedDate ?? c.po.purchaseOrderDate);
				if (now - created < settleMs || now - lastChange < settleMs) {
					// Not settled: keep the checkpoint before it so that the next poll sees it again.
					checkpoint = Math.min(checkpoint, created);
					continue;
				}
			}
			emitted[key] = dateMs(c.po?.purchaseOrderDate, now);
			// Its current content is what the workflow receives: do not also report it as changed.
			if (c.po?.purchaseOrderChangedDate) {
				emitted[changedKey(c.number, c.po.purchaseOrderChangedDate)] = dateMs(c.po.purchaseOrderChangedDate, now);
			}
			events.push({
				event: 'new',
				eventKey: key,
				purchaseOrderNumber: c.number,
				...(c.po ? { purchaseOrder: c.po } : { error: c.error }),
				raw: c.raw,
			});
		}
		createdCheckpoint = iso(checkpoint);
	}

	if (plan.changed) {
		const changed = unique(fetched.changed)
			.filter((c) => passesFilters(c, options))
			.sort((a, b) => (a.po?.purchaseOrderChangedDate ?? '').localeCompare(b.po?.purchaseOrderChangedDate ?? ''));
		for (const c of changed) {
			const changeDate = c.po?.purchaseOrderChangedDate ?? (c.raw as { orderDetails?: { purchaseOrderChangedDate?: string } })?.orderDetails?.purchaseOrderChangedDate;
			if (c.po && !changeDate) continue; // Amazon never changed it: not a change event
			const key = changedKey(c.number, changeDate);
			if (emitted[key] !== undefined) continue;
			// A purchase order first seen through its change is also known as new from now on.
			if (c.po) emitted[createdKey(c.number, c.po)] ??= dateMs(c.po.purchaseOrderDate, now);
			emitted[key] = dateMs(changeDate, now);
			events.push({
				event: 'changed',
				eventKey: key,
				purchaseOrderNumber: c.number,
				changeDate,
				...(c.po ? { purchaseOrder: c.po } : { error: c.error }),
				raw: c.raw,
			});
		}
		changedCheckpoint = plan.changed.before;
	}

	if (plan.ackDue) {
		const open = unique(fetched.ackDue)
			.filter((c) => c.po && c.po.purchaseOrderState === 'New' && passesFilters(c, options))
			.sort((a, b) => (a.po!.purchaseOrderDate).localeCompare(b.po!.purchaseOrderDate));
		for (const c of open) {
			const ageHours = (now - Date.parse(c.po!.purchaseOrderDate)) / HOUR;
			if (ageHours < options.ackDueHours) continue;
			const key = dueKey(c.number, options.ackDueHours);
			if (emitted[key] !== undefined) continue;
			emitted[key] = dateMs(c.po!.purchaseOrderDate, now);
			events.push({
				event: 'acknowledgementDue',
				eventKey: key,
				purchaseOrderNumber: c.number,
				ageHours: Math.round(ageHours * 100) / 100,
				purchaseOrder: c.po,
				raw: c.raw,
			});
		}
	}

	const nextState: PoCursorState = { version: 1, createdCheckpoint, changedCheckpoint, emitted };
	const next = planPoll(nextState, now, options);
	const reach = Math.min(
		now - ACK_DUE_REACH_MS,
		...[next.created?.after, next.changed?.after].filter((x): x is string => !!x).map((x) => Date.parse(x)),
	);
	nextState.emitted = prune(emitted, reach - KEY_MARGIN_MS, options.maxKeys ?? DEFAULT_MAX_KEYS);
	return { events, nextState };
}
