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
 * The breakdown is one record of numbers per figure (not a list of steps): a catalogue of 100,000
 * SKUs and several channels stays cheap.
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

/**
 * How a figure came about: `onHand`, then each deduction as the change it really made (0 or
 * negative), in this order. The fields always sum to the figure.
 */
export interface Breakdown {
	onHand: number;
	committed: number;
	openPoAccepted: number;
	safetyStock: number;
	circularReserve: number;
	/** What the channel does not get of the pool (the other channels' share, or nothing left). */
	allocation: number;
	buffer: number;
	reservePercent: number;
	cap: number;
	wholeCases: number;
}

export interface ChannelFigure {
	sku: string;
	channel: string;
	/** Eaches the channel may be offered. */
	available: number;
	/** Whole cases, for a channel that takes cases and a SKU with a case pack. */
	cases?: number;
	breakdown: Breakdown;
}

function count(value: unknown, path: string, fallback = 0): number {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
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

/** A deduction of `eaches` from `value`, never below 0: the change it really makes (0 or negative). */
function cut(value: number, eaches: number): number {
	const taken = Math.min(value, Math.max(0, eaches));
	return taken === 0 ? 0 : -taken;
}

interface Pool {
	value: number;
	onHand: number;
	committed: number;
	openPoAccepted: number;
	safetyStock: number;
	circularReserve: number;
}

/** The pool of a SKU: what any channel may share, with its steps. */
function poolOf(row: StockInput, index: number, safetyStock: number): Pool {
	const at = `rows[${index}]`;
	const onHand = count(row.onHand, `${at}.onHand`);
	let value = onHand;
	const committed = cut(value, count(row.committed, `${at}.committed`));
	value += committed;
	const openPoAccepted = cut(value, count(row.openPoAccepted, `${at}.openPoAccepted`));
	value += openPoAccepted;
	const safety = cut(value, safetyStock);
	value += safety;
	const circularReserve = cut(value, count(row.circularReserve, `${at}.circularReserve`));
	value += circularReserve;
	return { value, onHand, committed, openPoAccepted, safetyStock: safety, circularReserve };
}

/** The part of the pool each channel gets before its own reserve, in the order of `channels`. */
function allocate(
	pool: number,
	options: AtpOptions,
	priorityOrder: readonly number[],
	out: number[],
): void {
	const channels = options.channels;
	const mode = options.allocation ?? 'all';
	if (mode === 'priority') {
		let left = pool;
		for (const i of priorityOrder) {
			const take = Math.min(left, channels[i].cap ?? left);
			out[i] = take;
			left -= take;
		}
		return;
	}
	for (let i = 0; i < channels.length; i++)
		out[i] = mode === 'share' ? Math.floor((pool * (channels[i].share ?? 0)) / 100) : pool;
}

/** A SKU as given, or '' when it is not a text with a non-blank character. */
function skuOf(value: unknown): string {
	if (typeof value !== 'string' || value.length === 0) return '';
	const first = value.charCodeAt(0);
	const last = value.charCodeAt(value.length - 1);
	return first > 32 && last > 32 ? value : value.trim();
}

function channelFigure(
	sku: string,
	pool: Pool,
	channel: ChannelRule,
	part: number,
	casePack: number,
): ChannelFigure {
	let value = pool.value;
	const allocation = cut(value, value - part);
	value += allocation;
	const buffer = cut(value, channel.bufferEaches ?? 0);
	value += buffer;
	const reservePercent = cut(value, Math.ceil((value * (channel.reservePercent ?? 0)) / 100));
	value += reservePercent;
	const cap = channel.cap === undefined ? 0 : cut(value, value - channel.cap);
	value += cap;
	const byCase = channel.wholeCases === true && casePack > 1;
	const wholeCases = byCase ? cut(value, value % casePack) : 0;
	value += wholeCases;
	const { onHand, committed, openPoAccepted, safetyStock, circularReserve } = pool;
	const figure: ChannelFigure = {
		sku,
		channel: channel.name,
		available: value,
		breakdown: {
			onHand,
			committed,
			openPoAccepted,
			safetyStock,
			circularReserve,
			allocation,
			buffer,
			reservePercent,
			cap,
			wholeCases,
		},
	};
	if (byCase) figure.cases = value / casePack;
	return figure;
}

/** One figure per SKU and channel, in the order of the rows and then of the channels. */
export function availableToPromise(
	rows: readonly StockInput[],
	options: AtpOptions,
): ChannelFigure[] {
	checkAtpOptions(options);
	const safetyStock = count(options.safetyStock, 'safetyStock');
	const priorityOrder = options.channels
		.map((c, i) => ({ i, p: c.priority ?? 0 }))
		.sort((a, b) => a.p - b.p)
		.map((x) => x.i);
	const seen = new Set<string>();
	const out: ChannelFigure[] = [];
	const parts = new Array<number>(options.channels.length).fill(0);
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i];
		const sku = skuOf(row?.sku);
		if (!sku) throw new InvalidInputError('a stock row needs a SKU', `rows[${i}].sku`);
		if (seen.has(sku))
			throw new InvalidInputError(`SKU ${sku} has two stock rows`, `rows[${i}].sku`);
		seen.add(sku);
		const casePack = count(row.casePack, `rows[${i}].casePack`, 1);
		const pool = poolOf(row, i, safetyStock);
		allocate(pool.value, options, priorityOrder, parts);
		for (let c = 0; c < options.channels.length; c++)
			out.push(channelFigure(sku, pool, options.channels[c], parts[c], casePack));
	}
	return out;
}
