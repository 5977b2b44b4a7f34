/**
 * One stock sync: stock rows -> available to promise per SKU and channel -> the zero-stock guard of
 * each channel against the last figures sent to it -> what to send, what to hold, and which channels
 * stop (with an exception-queue row that says why). This is the Available to Promise node's run.
 * Pure: no n8n imports.
 */
import { InvalidInputError } from '../inputError';
import {
	availableToPromise,
	type AtpOptions,
	type Breakdown,
	type ChannelFigure,
	type StockInput,
} from './availableToPromise';
import { fullUpdateRefusal, guardAvailability, type GuardOptions, type SkuFigure } from './guard';

/** A figure sent before, as the record of what was sent keeps it (a Data Table row). */
export interface SentFigure {
	sku: string;
	channel: string;
	available: number;
}

export interface StockSyncOptions {
	atp: AtpOptions;
	/** The zero-stock guard; off only for a first load or a test. Default on. */
	guard?: boolean;
	guardOptions?: GuardOptions;
	/** The channels whose send is a Direct Fulfillment full update (`isFullUpdate: true`). */
	fullUpdateChannels?: readonly string[];
}

export interface SendFigure {
	sku: string;
	channel: string;
	available: number;
	/** Whole cases, for a channel that takes cases. */
	cases?: number;
	/** The last figure sent, or null for a SKU never sent to this channel. */
	previous: number | null;
	breakdown: Breakdown;
}

export interface HeldFigure {
	sku: string;
	channel: string;
	/** The new figure (null for a SKU that is not in the stock rows). */
	available: number | null;
	previous: number | null;
	/** `belowMinimumIncrease` or `notInStockRows`. */
	reason: 'belowMinimumIncrease' | 'notInStockRows';
}

export interface StoppedChannel {
	channel: string;
	reasons: string[];
	/** SKUs that had stock and would be 0 (at most 50 listed). */
	zeroed: string[];
	zeroedCount: number;
	totals: { previous: number; next: number };
	/** The exception-queue row (Data Table `avc_exceptions`). */
	exception: {
		type: 'stock_guard_stopped' | 'stock_full_update_refused';
		purchaseOrderNumber: '';
		reason: string;
		ownerRole: 'operations';
		details: string;
	};
}

export interface StockSyncResult {
	send: SendFigure[];
	held: HeldFigure[];
	stopped: StoppedChannel[];
	/** Per channel: how many figures were computed, sent, held and unchanged. */
	summary: Array<{
		channel: string;
		figures: number;
		send: number;
		held: number;
		unchanged: number;
		stopped: boolean;
	}>;
}

function lastSentByChannel(lastSent: readonly SentFigure[]): Map<string, SkuFigure[]> {
	const out = new Map<string, SkuFigure[]>();
	for (let i = 0; i < lastSent.length; i++) {
		const row = lastSent[i];
		const path = `lastSent[${i}]`;
		if (!row || typeof row !== 'object')
			throw new InvalidInputError(`${path} must be an object`, path);
		if (typeof row.channel !== 'string' || row.channel === '')
			throw new InvalidInputError(`${path}.channel is required`, `${path}.channel`);
		const available = typeof row.available === 'string' ? Number(row.available) : row.available;
		let list = out.get(row.channel);
		if (!list) out.set(row.channel, (list = []));
		list.push({ sku: row.sku, available });
	}
	return out;
}

function stopped(
	channel: string,
	type: StoppedChannel['exception']['type'],
	reasons: string[],
	zeroed: string[],
	totals: { previous: number; next: number },
): StoppedChannel {
	const listed = zeroed.slice(0, 50);
	const what =
		type === 'stock_full_update_refused'
			? 'The full update was not sent'
			: 'No stock figure was sent';
	return {
		channel,
		reasons,
		zeroed: listed,
		zeroedCount: zeroed.length,
		totals,
		exception: {
			type,
			purchaseOrderNumber: '',
			reason:
				`${what} to ${channel}: ${reasons.join('; ')}. Amazon keeps the last figures. Check the ` +
				'stock source; when the drop is real, run the sync once with the guard off.',
			ownerRole: 'operations',
			details: JSON.stringify({
				channel,
				reasons,
				zeroed: listed,
				zeroedCount: zeroed.length,
				totals,
			}),
		},
	};
}

/** The run of one channel: its figures against the last sent, onto the result. */
function syncChannel(
	channel: string,
	figures: ChannelFigure[],
	last: SkuFigure[],
	options: StockSyncOptions,
	result: StockSyncResult,
): void {
	const bySku = new Map(figures.map((f) => [f.sku, f]));
	const guarded = guardAvailability(
		figures.map((f) => ({ sku: f.sku, available: f.available })),
		last,
		options.guard === false
			? { ...options.guardOptions, maxZeroShare: 1, maxTotalDropPercent: 100 }
			: options.guardOptions,
	);
	const fullUpdate = options.fullUpdateChannels?.includes(channel) ?? false;
	const refusal = fullUpdate ? fullUpdateRefusal(guarded) : undefined;
	if (!guarded.passed || refusal) {
		const type = guarded.passed ? 'stock_full_update_refused' : 'stock_guard_stopped';
		result.stopped.push(
			stopped(
				channel,
				type,
				refusal && guarded.passed ? [refusal] : guarded.reasons,
				guarded.zeroed,
				guarded.totals,
			),
		);
	} else {
		for (const change of guarded.send) {
			const figure = bySku.get(change.sku) as ChannelFigure;
			result.send.push({
				sku: change.sku,
				channel,
				available: change.available,
				...(figure.cases !== undefined ? { cases: figure.cases } : {}),
				previous: change.previous,
				breakdown: figure.breakdown,
			});
		}
	}
	for (const h of guarded.held) result.held.push({ ...h, channel, reason: 'belowMinimumIncrease' });
	if (guarded.missing.length) {
		const lastBySku = new Map(last.map((l) => [l.sku, l.available]));
		for (const sku of guarded.missing)
			result.held.push({
				sku,
				channel,
				available: null,
				previous: lastBySku.get(sku) ?? null,
				reason: 'notInStockRows',
			});
	}
	const sent = guarded.passed && !refusal ? guarded.send.length : 0;
	result.summary.push({
		channel,
		figures: figures.length,
		send: sent,
		held: guarded.held.length + guarded.missing.length,
		unchanged: figures.length - guarded.send.length - guarded.held.length,
		stopped: !guarded.passed || !!refusal,
	});
}

/** The whole sync: every channel of `options.atp.channels`, in their order. */
export function planStockSync(
	rows: readonly StockInput[],
	lastSent: readonly SentFigure[],
	options: StockSyncOptions,
): StockSyncResult {
	const figures = availableToPromise(rows, options.atp);
	const perChannel = new Map<string, ChannelFigure[]>(
		options.atp.channels.map((c) => [c.name, []]),
	);
	for (const f of figures) perChannel.get(f.channel)?.push(f);
	const last = lastSentByChannel(lastSent);
	const result: StockSyncResult = { send: [], held: [], stopped: [], summary: [] };
	for (const [channel, list] of perChannel)
		syncChannel(channel, list, last.get(channel) ?? [], options, result);
	return result;
}
