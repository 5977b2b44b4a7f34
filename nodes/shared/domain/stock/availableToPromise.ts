/**
 * Available to promise: per SKU and channel, the eaches a channel may be offered, from stock rows of
 * any source (shop, IMS, Data Table, CSV):
 *
 *   on hand - committed to open shop orders - accepted on open Amazon POs not yet shipped
 *   - safety stock - the circular (rental) reserve = the pool of the SKU;
 *   the channel's part of the pool (all of it, a share, or what is left in priority order)
 *   - the channel's buffer - the channel's percentage reserve, at most the channel's cap,
 *   rounded down to whole cases for a channel that takes cases.
 *
 * Every step is kept in the figure's breakdown as the change it really made (a step never takes the
 * figure below 0), so the breakdown always sums to the figure and an operator sees why a SKU shows 0.
 * Pure: no n8n imports.
 */
import { InvalidInputError } from '../inputError';

export interface StockInput {
	sku: string;
	onHand: number;
	/** Eaches committed to open shop orders (not yet shipped). */
	committed?: number;
	/** Eaches accepted on open Amazon purchase orders and not yet shipped. */
	openPoAccepted?: number;
	/** Eaches per case, for channels that take whole cases. */
	casePack?: number;
	/** Eaches kept for rentals (Supercycle's circular reserve). */
	circularReserve?: number;
}

export interface ChannelRule {
	/** e.g. `vendorCentral`, `directFulfillment`, `sellerCentral`. */
	name: string;
	/** Percentage of the pool for the `share` allocation (0-100). */
	share?: number;
	/** Order in the `priority` allocation (lower first). */
	priority?: number;
	/** At most this many eaches. */
	cap?: number;
	/** Eaches never offered to this channel. */
	bufferEaches?: number;
	/** Percentage of the channel's part kept back (rounded up to whole eaches). */
	reservePercent?: number;
	/** Round down to whole cases of the SKU's case pack (Vendor Central retail). */
	wholeCases?: boolean;
}

export interface AtpOptions {
	channels: ChannelRule[];
	/** `all`: every channel sees the whole pool; `share`: fixed shares; `priority`: in order. */
	allocation?: 'all' | 'share' | 'priority';
	/** Eaches per SKU never offered to any channel. */
	safetyStock?: number;
}

export interface BreakdownStep {
	step:
		| 'onHand'
		| 'committed'
		| 'openPoAccepted'
		| 'safetyStock'
		| 'circularReserve'
		| 'allocation'
		| 'buffer'
		| 'reservePercent'
		| 'cap'
		| 'wholeCases';
	/** The change this step made to the figure (0 or negative after `onHand`). */
	eaches: number;
}

export interface ChannelFigure {
	sku: string;
	channel: string;
	/** Eaches the channel may be offered. */
	available: number;
	/** Whole cases, for a channel that takes cases and a SKU with a case pack. */
	cases?: number;
	breakdown: BreakdownStep[];
}

function count(value: unknown, path: string, fallback = 0): number {
	if (value === undefined || value === null || value === '') return fallback;
	const n = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
		throw new InvalidInputError(
			`${path} must be a whole number of 0 or more, got ${JSON.stringify(value)}`,
			path,
		);
	return n;
}

function percent(value: unknown, path: string): number {
	if (value === undefined) return 0;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100)
		throw new InvalidInputError(
			`${path} must be a percentage from 0 to 100, got ${JSON.stringify(value)}`,
			path,
		);
	return value;
}

/** Checks the rules; the shares of a `share` allocation must not add up to more than 100. */
export function checkAtpOptions(options: AtpOptions): void {
	if (!Array.isArray(options.channels) || options.channels.length === 0)
		throw new InvalidInputError('channels must list at least one channel', 'channels');
	const names = new Set<string>();
	options.channels.forEach((c, i) => {
		if (typeof c.name !== 'string' || !c.name.trim())
			throw new InvalidInputError('a channel needs a name', `channels[${i}].name`);
		if (names.has(c.name))
			throw new InvalidInputError(`channel ${c.name} is listed twice`, `channels[${i}].name`);
		names.add(c.name);
		percent(c.share, `channels[${i}].share`);
		percent(c.reservePercent, `channels[${i}].reservePercent`);
		if (c.cap !== undefined) count(c.cap, `channels[${i}].cap`);
		count(c.bufferEaches, `channels[${i}].bufferEaches`);
	});
	if (options.allocation === 'share') {
		const total = options.channels.reduce((n, c) => n + (c.share ?? 0), 0);
		if (total > 100)
			throw new InvalidInputError(
				`the channel shares add up to ${total}%, more than 100%`,
				'channels',
			);
	}
	count(options.safetyStock, 'safetyStock');
}

/** Applies a deduction, never below 0; records the change it really made. */
function deduct(
	state: { value: number; steps: BreakdownStep[] },
	step: BreakdownStep['step'],
	eaches: number,
) {
	const taken = Math.min(state.value, Math.max(0, eaches));
	const change = taken === 0 ? 0 : -taken;
	state.value += change;
	state.steps.push({ step, eaches: change });
}

/** The pool of a SKU: what any channel may share, with its steps. */
function poolOf(row: StockInput, index: number, safetyStock: number) {
	const at = `rows[${index}]`;
	const state = { value: count(row.onHand, `${at}.onHand`), steps: [] as BreakdownStep[] };
	state.steps.push({ step: 'onHand', eaches: state.value });
	deduct(state, 'committed', count(row.committed, `${at}.committed`));
	deduct(state, 'openPoAccepted', count(row.openPoAccepted, `${at}.openPoAccepted`));
	deduct(state, 'safetyStock', safetyStock);
	deduct(state, 'circularReserve', count(row.circularReserve, `${at}.circularReserve`));
	return state;
}

/** The part of the pool each channel gets before its own reserve. */
function allocate(pool: number, options: AtpOptions): Map<string, number> {
	const out = new Map<string, number>();
	const mode = options.allocation ?? 'all';
	if (mode === 'share') {
		for (const c of options.channels) out.set(c.name, Math.floor((pool * (c.share ?? 0)) / 100));
		return out;
	}
	if (mode === 'priority') {
		let left = pool;
		const ordered = [...options.channels].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
		for (const c of ordered) {
			const take = Math.min(left, c.cap ?? left);
			out.set(c.name, take);
			left -= take;
		}
		return out;
	}
	for (const c of options.channels) out.set(c.name, pool);
	return out;
}

function channelFigure(
	row: StockInput,
	pool: { value: number; steps: BreakdownStep[] },
	channel: ChannelRule,
	part: number,
	casePack: number,
): ChannelFigure {
	const state = { value: pool.value, steps: [...pool.steps] };
	deduct(state, 'allocation', pool.value - part);
	deduct(state, 'buffer', channel.bufferEaches ?? 0);
	deduct(state, 'reservePercent', Math.ceil((state.value * (channel.reservePercent ?? 0)) / 100));
	if (channel.cap !== undefined) deduct(state, 'cap', state.value - channel.cap);
	const byCase = channel.wholeCases === true && casePack > 1;
	if (byCase) deduct(state, 'wholeCases', state.value % casePack);
	return {
		sku: row.sku,
		channel: channel.name,
		available: state.value,
		...(byCase ? { cases: state.value / casePack } : {}),
		breakdown: state.steps,
	};
}

/** One figure per SKU and channel, in the order of the rows and then of the channels. */
export function availableToPromise(
	rows: readonly StockInput[],
	options: AtpOptions,
): ChannelFigure[] {
	checkAtpOptions(options);
	const safetyStock = count(options.safetyStock, 'safetyStock');
	const seen = new Set<string>();
	const out: ChannelFigure[] = [];
	rows.forEach((row, i) => {
		const sku = typeof row?.sku === 'string' ? row.sku.trim() : '';
		if (!sku) throw new InvalidInputError('a stock row needs a SKU', `rows[${i}].sku`);
		if (seen.has(sku))
			throw new InvalidInputError(`SKU ${sku} has two stock rows`, `rows[${i}].sku`);
		seen.add(sku);
		const casePack = count(row.casePack, `rows[${i}].casePack`, 1);
		const pool = poolOf({ ...row, sku }, i, safetyStock);
		const parts = allocate(pool.value, options);
		for (const channel of options.channels)
			out.push(
				channelFigure({ ...row, sku }, pool, channel, parts.get(channel.name) ?? 0, casePack),
			);
	});
	return out;
}
