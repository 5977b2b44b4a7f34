/**
 * Reading and checking query parameters the way the Vendor Orders API does: names are
 * case-sensitive, an unparsable date gives 400 InvalidRequest (as in Amazon's sandbox fixture),
 * out-of-range or unknown values 400 InvalidInput, and a date window may not exceed 7 days.
 */
import { invalidInput, invalidRequest } from './errors';

export const MAX_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** ISO-8601 date or date-time; without a zone designator it is read as UTC. */
const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseIsoDate(value: string): number | undefined {
	const m = ISO.exec(value.trim());
	if (!m) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
	let z = zone ?? 'Z';
	if (/^[+-]\d{4}$/.test(z)) z = `${z.slice(0, 3)}:${z.slice(3)}`;
	const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${z}`);
	return Number.isFinite(ms) ? ms : undefined;
}

export function readDate(query: URLSearchParams, name: string): number | undefined {
	const value = query.get(name);
	if (value === null) return undefined;
	const ms = parseIsoDate(value);
	if (ms === undefined)
		throw invalidRequest(
			'The request is invalid.',
			`${name} must be an ISO-8601 date-time, got '${value}'.`,
		);
	return ms;
}

export function readLimit(query: URLSearchParams, max = 100): number {
	const value = query.get('limit');
	if (value === null) return max;
	if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
		throw invalidInput(
			`Invalid value '${value}' for parameter 'limit'.`,
			`limit must be an integer between 1 and ${max}.`,
		);
	}
	return Number(value);
}

export function readEnum<T extends string>(
	query: URLSearchParams,
	name: string,
	values: readonly T[],
): T | undefined {
	const value = query.get(name);
	if (value === null) return undefined;
	if (!(values as readonly string[]).includes(value)) {
		throw invalidInput(
			`Invalid value '${value}' for parameter '${name}'.`,
			`${name} must be one of: ${values.join(', ')}.`,
		);
	}
	return value as T;
}

export function readBoolean(query: URLSearchParams, name: string): boolean | undefined {
	const value = query.get(name);
	if (value === null) return undefined;
	const lower = value.toLowerCase();
	if (lower !== 'true' && lower !== 'false') {
		throw invalidInput(
			`Invalid value '${value}' for parameter '${name}'.`,
			`${name} must be true or false.`,
		);
	}
	return lower === 'true';
}

export function readString(query: URLSearchParams, name: string): string | undefined {
	const value = query.get(name);
	return value === null ? undefined : value;
}

export interface DateWindow {
	after?: number;
	before?: number;
}

/**
 * A created/changed/updated window. `after` must be before `before`; the range may not exceed
 * 7 days (with only `after`, the range runs to now). With only `before` there is no lower bound.
 */
export function readWindow(
	query: URLSearchParams,
	afterName: string,
	beforeName: string,
	nowMs: number,
): DateWindow {
	const after = readDate(query, afterName);
	const before = readDate(query, beforeName);
	if (after !== undefined && before !== undefined && after > before) {
		throw invalidInput(
			`${afterName} must be before ${beforeName}.`,
			`${afterName}=${query.get(afterName)}, ${beforeName}=${query.get(beforeName)}`,
		);
	}
	if (after !== undefined) {
		const end = before ?? nowMs;
		if (end - after > MAX_WINDOW_MS) {
			throw invalidInput(
				'The date range must not exceed 7 days.',
				before === undefined
					? `${afterName} is more than 7 days before now and ${beforeName} is not given.`
					: `${afterName} to ${beforeName} spans more than 7 days.`,
			);
		}
	}
	const out: DateWindow = {};
	if (after !== undefined) out.after = after;
	if (before !== undefined) out.before = before;
	return out;
}

/** True when `ms` lies in the window (both bounds inclusive, so consecutive windows lose nothing). */
export function inWindow(ms: number | undefined, window: DateWindow): boolean {
	if (window.after === undefined && window.before === undefined) return true;
	if (ms === undefined) return false;
	if (window.after !== undefined && ms < window.after) return false;
	if (window.before !== undefined && ms > window.before) return false;
	return true;
}
