/**
 * The zero-stock guard: before new availability figures of a channel are sent, they are compared
 * with the last ones sent to it. A source that returned nothing, too many SKUs falling to 0, or the
 * total falling by too much stops the whole send (a broken feed must never zero a catalogue).
 * Otherwise decreases go out at once and increases only from a minimum change (anti-flapping).
 * A Direct Fulfillment full update (every omitted item becomes 0) is allowed only when the guard
 * passed and every SKU sent before is in it. Pure: no n8n imports.
 */
import { InvalidInputError } from '../inputError';

export interface SkuFigure {
	sku: string;
	available: number;
}

export interface GuardOptions {
	/** Stop when more than this share (0-1) of the SKUs that had stock fall to 0; default 0.2. */
	maxZeroShare?: number;
	/** Stop when the total falls by more than this percentage; default 50. */
	maxTotalDropPercent?: number;
	/** An increase is sent only from this many eaches; default 1 (every increase). */
	minIncrease?: number;
}

export interface GuardChange {
	sku: string;
	available: number;
	/** The last figure sent, or null for a SKU never sent. */
	previous: number | null;
}

export interface GuardResult {
	/** False when nothing may be sent; `reasons` says why. */
	passed: boolean;
	reasons: string[];
	/** The figures to send (decreases, increases from the minimum, new SKUs); empty when stopped. */
	send: GuardChange[];
	/** Increases below the minimum change, kept at the last figure for now. */
	held: GuardChange[];
	/** SKUs sent before that the new figures do not mention (left as they were). */
	missing: string[];
	/** For the operator: SKUs with stock before, 0 now; and the totals. */
	zeroed: string[];
	totals: { previous: number; next: number };
}

function figures(list: readonly SkuFigure[], path: string): Map<string, number> {
	const out = new Map<string, number>();
	for (let i = 0; i < list.length; i++) {
		const { sku, available } = list[i] ?? ({} as SkuFigure);
		if (
			typeof sku !== 'string' ||
			sku.length === 0 ||
			(sku.charCodeAt(0) <= 32 && sku.trim() === '')
		)
			throw new InvalidInputError('a figure needs a SKU', `${path}[${i}].sku`);
		if (!Number.isSafeInteger(available) || available < 0)
			throw new InvalidInputError(
				`${path}[${i}].available must be a whole number of 0 or more`,
				`${path}[${i}].available`,
			);
		if (out.has(sku))
			throw new InvalidInputError(`SKU ${sku} is listed twice`, `${path}[${i}].sku`);
		out.set(sku, available);
	}
	return out;
}

function stopReasons(
	next: Map<string, number>,
	last: Map<string, number>,
	zeroed: string[],
	totals: { previous: number; next: number },
	options: Required<GuardOptions>,
): string[] {
	const reasons: string[] = [];
	if (next.size === 0) reasons.push('the stock source returned no rows');
	let hadStock = 0;
	for (const v of last.values()) if (v > 0) hadStock++;
	if (hadStock > 0 && zeroed.length / hadStock > options.maxZeroShare)
		reasons.push(
			`${zeroed.length} of ${hadStock} SKUs with stock would fall to 0 ` +
				`(more than ${Math.round(options.maxZeroShare * 100)}%)`,
		);
	if (totals.previous > 0) {
		const drop = ((totals.previous - totals.next) / totals.previous) * 100;
		if (drop > options.maxTotalDropPercent)
			reasons.push(
				`the total would fall from ${totals.previous} to ${totals.next} eaches ` +
					`(${drop.toFixed(1)}%, more than ${options.maxTotalDropPercent}%)`,
			);
	}
	return reasons;
}

/** The guard's verdict on the new figures of one channel against the last ones sent to it. */
export function guardAvailability(
	nextFigures: readonly SkuFigure[],
	lastSent: readonly SkuFigure[],
	options: GuardOptions = {},
): GuardResult {
	const o: Required<GuardOptions> = {
		maxZeroShare: options.maxZeroShare ?? 0.2,
		maxTotalDropPercent: options.maxTotalDropPercent ?? 50,
		minIncrease: options.minIncrease ?? 1,
	};
	const next = figures(nextFigures, 'next');
	const last = figures(lastSent, 'last');
	const zeroed: string[] = [];
	let nextTotal = 0;
	for (const [sku, v] of next) {
		nextTotal += v;
		if (v === 0 && (last.get(sku) ?? 0) > 0) zeroed.push(sku);
	}
	const missing: string[] = [];
	let previousTotal = 0;
	for (const [sku, v] of last) {
		previousTotal += v;
		// A missing SKU keeps its last figure: the totals compare like with like.
		if (!next.has(sku)) {
			missing.push(sku);
			nextTotal += v;
		}
	}
	const totals = { previous: previousTotal, next: nextTotal };
	const reasons = stopReasons(next, last, zeroed, totals, o);
	const send: GuardChange[] = [];
	const held: GuardChange[] = [];
	for (const [sku, available] of next) {
		const previous = last.has(sku) ? (last.get(sku) as number) : null;
		if (previous === available) continue;
		const change = { sku, available, previous };
		if (previous !== null && available > previous && available - previous < o.minIncrease)
			held.push(change);
		else send.push(change);
	}
	const passed = reasons.length === 0;
	return { passed, reasons, send: passed ? send : [], held, missing, zeroed, totals };
}

/**
 * Whether a Direct Fulfillment full update (`isFullUpdate: true`) may go out: only when the guard
 * passed and every SKU sent before is in the new figures; otherwise the reason.
 */
export function fullUpdateRefusal(result: GuardResult): string | undefined {
	if (!result.passed) return `the zero-stock guard stopped the send: ${result.reasons.join('; ')}`;
	if (result.missing.length)
		return (
			`a full update would set ${result.missing.length} SKU(s) sent before to 0 ` +
			`(${result.missing.slice(0, 10).join(', ')}${result.missing.length > 10 ? ', ...' : ''}): send a partial update`
		);
	return undefined;
}
