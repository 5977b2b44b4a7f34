/**
 * The dates of an acknowledgement: the injected clock, Amazon's date-time pattern, and the dates of
 * Accepted and Backordered loops. Pure: no n8n imports.
 */
import { DATE_TIME_PATTERN } from '../../generated/vendorOrders';
import { DAY_MS, shown, epochMsOf } from '../values';
import { AcknowledgementOptionsError } from './errors';

export type Clock = Date | string | number | (() => Date);

const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})$/;
const NO_ZONE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/;

/**
 * An ISO 8601 UTC timestamp that keeps milliseconds unless they are 0 (`…T10:00:00Z`,
 * `…T10:00:00.250Z`). Not values.ts' isoSeconds, which always drops them: acknowledgement dates
 * have always kept them.
 */
export function isoMs(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Epoch ms of the clock. */
export function clockTime(clock: Clock): number {
	const value: unknown = typeof clock === 'function' ? clock() : clock;
	const ms = epochMsOf(value);
	if (!Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime()))
		throw new AcknowledgementOptionsError(
			`The clock gave no valid date (got ${clockShown(value)})`,
			'options.now',
		);
	return ms;
}

/** A received value in a message: strings quoted in full, other values as values.ts shows them. */
export function quoted(value: unknown): string {
	return typeof value === 'string' ? JSON.stringify(value) : shown(value);
}

function clockShown(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' || value instanceof Date
		? String(value)
		: shown(value);
}

/**
 * A date-time Amazon's pattern accepts: kept as is when it already matches; a calendar date gets
 * T00:00:00Z; a date-time without zone is read as UTC. Undefined when unreadable.
 */
export function toAmazonDateTime(value: string): string | undefined {
	const text = value.trim();
	if (DATE_TIME_PATTERN.test(text)) return text;
	const date = DATE_ONLY.exec(text);
	if (date)
		return Number.isNaN(Date.parse(`${date[1]}T00:00:00Z`)) ? undefined : `${date[1]}T00:00:00Z`;
	const noZone = NO_ZONE.exec(text);
	const candidate = noZone ? `${noZone[1]}${noZone[2] ?? ':00'}Z` : text;
	const ms = Date.parse(candidate);
	if (Number.isNaN(ms)) return undefined;
	const out = DATE_TIME_PATTERN.test(candidate) ? candidate : isoMs(ms);
	return DATE_TIME_PATTERN.test(out) ? out : undefined;
}

/** A date option: absent or blank means not given; anything unreadable is an options error. */
export function optionDate(value: unknown, name: string): string | undefined {
	if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
	const out = typeof value === 'string' ? toAmazonDateTime(value) : undefined;
	if (out === undefined)
		throw new AcknowledgementOptionsError(
			`${name} must be an ISO 8601 date-time such as "2024-05-01T12:00:00Z" (got ${quoted(value)})`,
			`options.${name}`,
		);
	return out;
}

/** The start of a PO window as Amazon's pattern wants it, with a warning when it was repaired. */
export function windowDate(
	value: string | undefined,
	name: string,
	warnings: string[],
): string | undefined {
	if (value === undefined) return undefined;
	const out = toAmazonDateTime(value);
	if (out === undefined)
		warnings.push(`${name} start ${JSON.stringify(value)} is not a date-time: not used`);
	else if (out !== value) warnings.push(`${name} start ${JSON.stringify(value)} sent as ${out}`);
	return out;
}

export function plusDays(value: string | undefined, days: number): string | undefined {
	if (value === undefined) return undefined;
	const ms = Date.parse(value) + days * DAY_MS;
	if (Number.isNaN(new Date(ms).getTime()))
		throw new AcknowledgementOptionsError(
			`backorderDelayDays ${days} puts the backorder date out of range`,
			'options.backorderDelayDays',
		);
	return isoMs(ms);
}

/** The later of two date-times (either may be absent). */
export function later(a: string | undefined, b: string | undefined): string | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	return Date.parse(b) > Date.parse(a) ? b : a;
}
