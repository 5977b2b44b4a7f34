/**
 * What the Vendor Central PO trigger emits, and the cursor it keeps between polls. Pure: the
 * caller fetches purchase orders for the windows planned here, then hands them back to decide().
 *
 * Guarantees:
 * - nothing is emitted twice: every event has a key (new: PO number + creation date; changed: PO
 *   number + change date; acknowledgement due: PO number + threshold) kept in a bounded set; a
 *   still-new offer has the PO number + the instant of the offer, and the PO's last offer is
 *   remembered, so it comes at most once per `stillNewMinutes`;
 * - nothing is lost: windows start `overlap` before the last checkpoint, a checkpoint never passes
 *   a purchase order that is still settling, and the state only changes when a poll succeeded
 *   (the caller stores nextState after every fetch went well);
 * - a purchase order that Amazon shows late is still inside the next window thanks to the overlap;
 * - still new: a purchase order this trigger emitted and that is still New `stillNewMinutes` later
 *   is offered again (n8n saves the cursor when the trigger emits, not when the run succeeds, so
 *   a run that failed would otherwise wait for the acknowledgement-due event). It is remembered
 *   until it leaves state New or is older than STILL_NEW_REACH_MS (7 days, as far as the
 *   acknowledgement-due window reaches); one getPurchaseOrders fetch with purchaseOrderState=New
 *   (the `ackDue` window) serves both events.
 */
import { normalisePurchaseOrder, type CanonicalPurchaseOrder } from './purchaseOrder';

export type PoEvent = 'new' | 'changed' | 'acknowledgementDue' | 'stillNew';

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
	/**
	 * Also emit as new a purchase order that is no longer New when this trigger first sees it
	 * (acknowledged in Vendor Central or by a previous system). Off by default: such a purchase
	 * order is skipped, so that a migration does not acknowledge and order it a second time.
	 */
	includeNotNew?: boolean;
	/** Acknowledgement due: a PO still New this many hours after creation. */
	ackDueHours: number;
	/**
	 * Still new: a PO still New this many minutes after this trigger first emitted it is offered
	 * again, then at most once per this many minutes (whole minutes of the clock; at least 1).
	 * Default DEFAULT_STILL_NEW_MINUTES.
	 */
	stillNewMinutes?: number;
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
	/**
	 * Only while the Still New event is chosen: purchase order number -> when this trigger first
	 * emitted it and last offered it. Dropped when the PO leaves state New or is older than
	 * STILL_NEW_REACH_MS; at most `maxKeys` entries.
	 */
	stillNew?: Record<string, StillNewEntry>;
}

export interface StillNewEntry {
	/** Creation date of the purchase order (epoch milliseconds). */
	createdAt: number;
	/** The poll that first emitted it (as new, changed, acknowledgement due or still new). */
	firstEmittedAt: number;
	/** The poll that last emitted it (its first emission or its last still-new offer). */
	lastOfferedAt: number;
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
	/**
	 * getPurchaseOrders created window with purchaseOrderState=New: acknowledgement due and still
	 * new (one fetch serves both; with Still New it reaches up to now).
	 */
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
	/** Whole minutes since this trigger first emitted the purchase order (still new events). */
	minutesSinceFirstEmitted?: number;
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
export const DEFAULT_STILL_NEW_MINUTES = 60;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Keys are kept a day longer than any window could reach back. */
const KEY_MARGIN_MS = 24 * HOUR;
/** The acknowledgement-due window reaches 7 days back. */
const ACK_DUE_REACH_MS = 7 * 24 * HOUR;
/**
 * A purchase order older than this (since creation) is no longer offered as still new and is
 * forgotten: as far back as the acknowledgement-due window reaches, so that one fetch of at most
 * 7 days (Amazon's limit) covers every remembered purchase order.
 */
export const STILL_NEW_REACH_MS = ACK_DUE_REACH_MS;

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
	const stillNew = readStillNew(v.stillNew);
	return {
		version: 1,
		createdCheckpoint: typeof v.createdCheckpoint === 'string' ? v.createdCheckpoint : undefined,
		changedCheckpoint: typeof v.changedCheckpoint === 'string' ? v.changedCheckpoint : undefined,
		emitted,
		...(stillNew ? { stillNew } : {}),
	};
}

function isTime(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

/** The still-new memory, keeping only well-formed entries; undefined when there is none. */
function readStillNew(value: unknown): Record<string, StillNewEntry> | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const out: Record<string, StillNewEntry> = {};
	for (const [number, entry] of Object.entries(value)) {
		const { createdAt, firstEmittedAt, lastOfferedAt } = (entry ?? {}) as Partial<StillNewEntry>;
		if (isTime(createdAt) && isTime(firstEmittedAt) && isTime(lastOfferedAt))
			out[number] = { createdAt, firstEmittedAt, lastOfferedAt };
	}
	return out;
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function windowFrom(
	checkpoint: string | undefined,
	now: number,
	options: PoTriggerOptions,
): TimeWindow {
	const start = checkpoint
		? Date.parse(checkpoint) - options.overlapMinutes * MINUTE
		: now - options.lookbackHours * HOUR;
	return { after: iso(Math.min(start, now - 1)), before: iso(now) };
}

/** The windows to fetch in this poll. Windows may be longer than 7 days: the caller splits them. */
export function planPoll(state: PoCursorState, now: number, options: PoTriggerOptions): PollPlan {
	const plan: PollPlan = {};
	if (options.events.includes('new'))
		plan.created = windowFrom(state.createdCheckpoint, now, options);
	if (options.events.includes('changed'))
		plan.changed = windowFrom(state.changedCheckpoint, now, options);
	const open: TimeWindow[] = [];
	if (options.events.includes('acknowledgementDue')) {
		// POs still New that are older than the threshold; a week back covers every open acknowledgement.
		const before = now - options.ackDueHours * HOUR;
		open.push({ after: iso(Math.min(before - 1, now - 7 * 24 * HOUR)), before: iso(before) });
	}
	// POs still New that this trigger may remember: created within the still-new reach, up to now.
	if (options.events.includes('stillNew'))
		open.push({ after: iso(now - STILL_NEW_REACH_MS), before: iso(now) });
	if (open.length) plan.ackDue = union(open);
	return plan;
}

/** The smallest window holding all of them: one fetch instead of one per event. */
function union(windows: TimeWindow[]): TimeWindow {
	const after = Math.min(...windows.map((w) => Date.parse(w.after)));
	const before = Math.max(...windows.map((w) => Date.parse(w.before)));
	return { after: iso(after), before: iso(before) };
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
	const number = String(
		(raw as { purchaseOrderNumber?: unknown })?.purchaseOrderNumber ?? '',
	).trim();
	try {
		return { number, raw, po: normalisePurchaseOrder(raw) };
	} catch (error) {
		return { number, raw, error: (error as Error).message };
	}
}

function passesFilters(c: Candidate, options: PoTriggerOptions): boolean {
	const po = c.po;
	if (!po) return true; // unreadable purchase orders are emitted with their error, never dropped
	if (options.vendorCodes.length && !options.vendorCodes.includes(po.sellingParty?.partyId ?? ''))
		return false;
	if (
		options.purchaseOrderTypes.length &&
		!options.purchaseOrderTypes.includes(po.purchaseOrderType ?? '')
	)
		return false;
	if (options.shipToCodes.length && !options.shipToCodes.includes(po.shipToParty?.partyId ?? ''))
		return false;
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

function stillNewKey(number: string, offeredAt: number): string {
	return `stillNew:${number}@${iso(offeredAt).replace(/\.\d{3}Z$/, 'Z')}`;
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
function prune(
	emitted: Record<string, number>,
	horizon: number,
	maxKeys: number,
): Record<string, number> {
	const entries = Object.entries(emitted)
		.filter(([, t]) => t >= horizon)
		.sort((a, b) => b[1] - a[1])
		.slice(0, maxKeys);
	return Object.fromEntries(entries);
}

/** Whole minutes of the clock between two instants, so that polls a few seconds early still count. */
function minutesBetween(from: number, to: number): number {
	return Math.floor(to / MINUTE) - Math.floor(from / MINUTE);
}

/** Purchase orders of the state-New fetch that are New, readable and pass the filters, oldest first. */
function openOrders(list: unknown[] | undefined, options: PoTriggerOptions): Candidate[] {
	return unique(list)
		.filter((c) => c.po && c.po.purchaseOrderState === 'New' && passesFilters(c, options))
		.sort((a, b) => a.po!.purchaseOrderDate.localeCompare(b.po!.purchaseOrderDate));
}

/**
 * Remembers every purchase order emitted in this poll while it was New (its first emission starts
 * its still-new clock). Returns the numbers it added.
 */
function rememberFirstEmissions(
	memory: Record<string, StillNewEntry>,
	events: PoTriggerEvent[],
	now: number,
): Set<string> {
	const added = new Set<string>();
	for (const e of events) {
		const po = e.purchaseOrder;
		if (!po || po.purchaseOrderState !== 'New' || memory[e.purchaseOrderNumber]) continue;
		const createdAt = dateMs(po.purchaseOrderDate, now);
		if (createdAt < now - STILL_NEW_REACH_MS) continue;
		memory[e.purchaseOrderNumber] = { createdAt, firstEmittedAt: now, lastOfferedAt: now };
		added.add(e.purchaseOrderNumber);
	}
	return added;
}

function stillNewEvent(c: Candidate, entry: StillNewEntry, now: number): PoTriggerEvent {
	return {
		event: 'stillNew',
		eventKey: stillNewKey(c.number, now),
		purchaseOrderNumber: c.number,
		minutesSinceFirstEmitted: minutesBetween(entry.firstEmittedAt, now),
		purchaseOrder: c.po,
		raw: c.raw,
	};
}

/**
 * Offers again every remembered purchase order still New whose first emission and last offer are
 * at least `stillNewMinutes` ago. A New purchase order that is not remembered:
 * - with the New event chosen: if it was emitted before (its new key is kept, e.g. before Still New
 *   was chosen), its clock starts now; otherwise the New event emits it in its time;
 * - without the New event: it is first emitted here once it is `stillNewMinutes` old.
 */
function offerStillNew(
	memory: Record<string, StillNewEntry>,
	open: Candidate[],
	emitted: Record<string, number>,
	now: number,
	options: PoTriggerOptions,
): PoTriggerEvent[] {
	const every = Math.max(1, options.stillNewMinutes ?? DEFAULT_STILL_NEW_MINUTES);
	const events: PoTriggerEvent[] = [];
	for (const c of open) {
		const createdAt = dateMs(c.po!.purchaseOrderDate, now);
		if (createdAt < now - STILL_NEW_REACH_MS) continue;
		const entry = memory[c.number];
		if (entry) {
			if (
				minutesBetween(entry.firstEmittedAt, now) < every ||
				minutesBetween(entry.lastOfferedAt, now) < every
			)
				continue;
			memory[c.number] = { ...entry, lastOfferedAt: now };
			events.push(stillNewEvent(c, entry, now));
		} else if (options.events.includes('new')) {
			if (emitted[createdKey(c.number, c.po)] !== undefined)
				memory[c.number] = { createdAt, firstEmittedAt: now, lastOfferedAt: now };
		} else if (minutesBetween(createdAt, now) >= every) {
			const first = { createdAt, firstEmittedAt: now, lastOfferedAt: now };
			memory[c.number] = first;
			events.push(stillNewEvent(c, first, now));
		}
	}
	return events;
}

/**
 * Forgets purchase orders that left state New (absent from this poll's state-New fetch, unless
 * first emitted in this very poll) or are older than the reach; keeps at most `maxKeys`, newest
 * first.
 */
function pruneStillNew(
	memory: Record<string, StillNewEntry>,
	open: Candidate[],
	addedNow: Set<string>,
	now: number,
	maxKeys: number,
): Record<string, StillNewEntry> {
	const stillOpen = new Set(open.map((c) => c.number));
	const entries = Object.entries(memory)
		.filter(([number]) => stillOpen.has(number) || addedNow.has(number))
		.filter(([, e]) => e.createdAt >= now - STILL_NEW_REACH_MS)
		.sort((a, b) => b[1].createdAt - a[1].createdAt)
		.slice(0, maxKeys);
	return Object.fromEntries(entries);
}

/** What the steps of one decision share: the emitted keys so far and the events, in order. */
interface Decision {
	emitted: Record<string, number>;
	events: PoTriggerEvent[];
	now: number;
	options: PoTriggerOptions;
}

function byDate(
	date: (c: Candidate) => string | undefined,
): (a: Candidate, b: Candidate) => number {
	return (a, b) => (date(a) ?? '').localeCompare(date(b) ?? '');
}

function content(c: Candidate): Pick<PoTriggerEvent, 'purchaseOrder' | 'error'> {
	return c.po ? { purchaseOrder: c.po } : { error: c.error };
}

/** A new purchase order still settling (too young or changed too recently): not emitted yet. */
function settling(c: Candidate, d: Decision): boolean {
	const settleMs = d.options.settleMinutes * MINUTE;
	if (!c.po || settleMs <= 0) return false;
	const created = Date.parse(c.po.purchaseOrderDate);
	const lastChange = Date.parse(c.po.purchaseOrderChangedDate ?? c.po.purchaseOrderDate);
	return d.now - created < settleMs || d.now - lastChange < settleMs;
}

/**
 * A purchase order that is already Acknowledged or Closed the first time this trigger sees it:
 * someone else acknowledged it (Vendor Central, a previous system). Later changes of it are still
 * emitted as changed.
 */
function acknowledgedElsewhere(c: Candidate, options: PoTriggerOptions): boolean {
	return !!c.po && c.po.purchaseOrderState !== 'New' && !options.includeNotNew;
}

/** New purchase orders, by creation date; returns the next created checkpoint. */
function emitNew(window: TimeWindow, fetched: unknown[] | undefined, d: Decision): string {
	const { emitted, now } = d;
	let checkpoint = Date.parse(window.before);
	const fresh = unique(fetched)
		.filter((c) => passesFilters(c, d.options))
		.sort(byDate((c) => c.po?.purchaseOrderDate));
	for (const c of fresh) {
		const key = createdKey(c.number, c.po);
		if (emitted[key] !== undefined) continue;
		if (settling(c, d)) {
			// Not settled: keep the checkpoint before it so that the next poll sees it again.
			checkpoint = Math.min(checkpoint, Date.parse(c.po!.purchaseOrderDate));
			continue;
		}
		emitted[key] = dateMs(c.po?.purchaseOrderDate, now);
		// Its current content is what the workflow receives (or skips): do not report it as changed.
		const changeDate = c.po?.purchaseOrderChangedDate;
		if (changeDate) emitted[changedKey(c.number, changeDate)] = dateMs(changeDate, now);
		if (acknowledgedElsewhere(c, d.options)) continue;
		d.events.push({
			event: 'new',
			eventKey: key,
			purchaseOrderNumber: c.number,
			...content(c),
			raw: c.raw,
		});
	}
	return iso(checkpoint);
}

/** Changed purchase orders, by change date. */
function emitChanged(fetched: unknown[] | undefined, d: Decision): void {
	const { emitted, now } = d;
	const changed = unique(fetched)
		.filter((c) => passesFilters(c, d.options))
		.sort(byDate((c) => c.po?.purchaseOrderChangedDate));
	for (const c of changed) {
		const changeDate =
			c.po?.purchaseOrderChangedDate ??
			(c.raw as { orderDetails?: { purchaseOrderChangedDate?: string } })?.orderDetails
				?.purchaseOrderChangedDate;
		if (c.po && !changeDate) continue; // Amazon never changed it: not a change event
		const key = changedKey(c.number, changeDate);
		if (emitted[key] !== undefined) continue;
		// A purchase order first seen through its change is also known as new from now on.
		if (c.po) emitted[createdKey(c.number, c.po)] ??= dateMs(c.po.purchaseOrderDate, now);
		emitted[key] = dateMs(changeDate, now);
		const event = {
			event: 'changed' as const,
			eventKey: key,
			purchaseOrderNumber: c.number,
			changeDate,
		};
		d.events.push({ ...event, ...content(c), raw: c.raw });
	}
}

/** Purchase orders still New `ackDueHours` after creation, once per threshold. */
function emitDue(open: Candidate[], d: Decision): void {
	const { emitted, now, options } = d;
	for (const c of open) {
		const ageHours = (now - Date.parse(c.po!.purchaseOrderDate)) / HOUR;
		if (ageHours < options.ackDueHours) continue;
		const key = dueKey(c.number, options.ackDueHours);
		if (emitted[key] !== undefined) continue;
		emitted[key] = dateMs(c.po!.purchaseOrderDate, now);
		d.events.push({
			event: 'acknowledgementDue',
			eventKey: key,
			purchaseOrderNumber: c.number,
			ageHours: Math.round(ageHours * 100) / 100,
			purchaseOrder: c.po,
			raw: c.raw,
		});
	}
}

/** The emitted keys any future window can still reach (the others are dropped). */
function prunedKeys(nextState: PoCursorState, d: Decision): Record<string, number> {
	const next = planPoll(nextState, d.now, d.options);
	const reach = Math.min(
		d.now - ACK_DUE_REACH_MS,
		...[next.created?.after, next.changed?.after]
			.filter((x): x is string => !!x)
			.map((x) => Date.parse(x)),
	);
	return prune(d.emitted, reach - KEY_MARGIN_MS, d.options.maxKeys ?? DEFAULT_MAX_KEYS);
}

/**
 * Turns what the planned windows returned into events and the next cursor. Events come oldest
 * first: new purchase orders by creation date, then changes by change date, then due reminders,
 * then still-new offers by creation date.
 */
export function decidePoll(
	state: PoCursorState,
	plan: PollPlan,
	fetched: FetchedOrders,
	now: number,
	options: PoTriggerOptions,
): PollDecision {
	const d: Decision = { emitted: { ...state.emitted }, events: [], now, options };
	const createdCheckpoint = plan.created
		? emitNew(plan.created, fetched.created, d)
		: state.createdCheckpoint;
	if (plan.changed) emitChanged(fetched.changed, d);
	const changedCheckpoint = plan.changed ? plan.changed.before : state.changedCheckpoint;
	const open = plan.ackDue ? openOrders(fetched.ackDue, options) : [];
	if (plan.ackDue && options.events.includes('acknowledgementDue')) emitDue(open, d);

	let stillNew: Record<string, StillNewEntry> | undefined;
	if (plan.ackDue && options.events.includes('stillNew')) {
		const memory = { ...(state.stillNew ?? {}) };
		const addedNow = rememberFirstEmissions(memory, d.events, now);
		d.events.push(...offerStillNew(memory, open, d.emitted, now, options));
		stillNew = pruneStillNew(memory, open, addedNow, now, options.maxKeys ?? DEFAULT_MAX_KEYS);
	}

	const nextState: PoCursorState = {
		version: 1,
		createdCheckpoint,
		changedCheckpoint,
		emitted: d.emitted,
		...(stillNew ? { stillNew } : {}),
	};
	nextState.emitted = prunedKeys(nextState, d);
	return { events: d.events, nextState };
}
