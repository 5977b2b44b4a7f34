/**
 * Query strings for getPurchaseOrders and getPurchaseOrdersStatus, with date ranges of any length
 * split into Amazon's 7-day windows. Pure: no n8n imports.
 */
import { DateRangeError, splitDateRange, toEpochMs, type DateWindow } from './dateWindows';
import { InvalidInputError } from './inputError';
import { isObject, shown } from './values';

export type QueryValue = string | number | boolean;
export type Query = Record<string, QueryValue>;

export interface DateRangeFilter {
	/** Query parameter names, e.g. createdAfter / createdBefore. */
	afterParam: string;
	beforeParam: string;
	after?: string;
	before?: string;
}

function present(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

function isQueryValue(value: unknown): value is QueryValue {
	return (
		typeof value === 'string' ||
		typeof value === 'boolean' ||
		(typeof value === 'number' && Number.isFinite(value))
	);
}

/** A range as the caller gave it, checked: parameter names are texts, dates are texts or absent. */
function checkedRange(range: unknown, index: number): DateRangeFilter {
	const path = `ranges[${index}]`;
	if (!isObject(range)) throw new InvalidInputError(`${path} must be an object`, path);
	for (const key of ['afterParam', 'beforeParam'] as const) {
		if (!present(range[key])) {
			throw new InvalidInputError(`${path}.${key} must be a parameter name`, `${path}.${key}`);
		}
	}
	for (const [key, param] of [
		['after', range.afterParam],
		['before', range.beforeParam],
	] as const) {
		const value = range[key];
		if (value !== undefined && value !== null && typeof value !== 'string') {
			throw new DateRangeError(`${param} is not a valid date-time: ${shown(value)}`, String(param));
		}
	}
	return range as unknown as DateRangeFilter;
}

/** Windows for one range; a range with no start is passed through as given (one request). */
function windowsOf(range: DateRangeFilter, now: number): Array<Query> {
	if (!present(range.after)) {
		if (present(range.before)) {
			const before = toEpochMs(range.before, range.beforeParam);
			return [{ [range.beforeParam]: new Date(before).toISOString() }];
		}
		return [{}];
	}
	return splitDateRange(range.after, present(range.before) ? range.before : undefined, {
		now,
		afterField: range.afterParam,
		beforeField: range.beforeParam,
	}).map((w: DateWindow) => ({ [range.afterParam]: w.after, [range.beforeParam]: w.before }));
}

function checkedBase(base: unknown): Query {
	if (!isObject(base)) throw new InvalidInputError('base must be an object', 'base');
	for (const [key, value] of Object.entries(base)) {
		if (!isQueryValue(value)) {
			throw new InvalidInputError(
				`base.${key} must be a text, a number or a boolean, not ${shown(value)}`,
				`base.${key}`,
			);
		}
	}
	return base as Query;
}

/**
 * The list of queries to send so that every range is covered in windows of at most 7 days. With
 * two ranges (for example created and changed), every pair of windows is queried; callers remove
 * duplicates by purchase order number.
 */
export function windowedQueries(
	base: Query,
	ranges: DateRangeFilter[],
	now: number = Date.now(),
): Query[] {
	const checked = checkedBase(base);
	if (!Array.isArray(ranges)) throw new InvalidInputError('ranges must be a list', 'ranges');
	if (typeof now !== 'number' || !Number.isFinite(now)) {
		throw new InvalidInputError(`now must be a number, not ${shown(now)}`, 'now');
	}
	let queries: Query[] = [{ ...checked }];
	ranges.forEach((range, index) => {
		const windows = windowsOf(checkedRange(range, index), now);
		const next: Query[] = [];
		for (const q of queries) for (const w of windows) next.push({ ...q, ...w });
		queries = next;
	});
	return queries;
}

/**
 * Removes empty values ('', null and undefined) and turns booleans into Amazon's "true"/"false"
 * strings. Any other value that is not a text or a finite number is an InvalidInputError.
 */
export function cleanQuery(values: Record<string, unknown>): Query {
	if (!isObject(values))
		throw new InvalidInputError('the query values must be an object', '(root)');
	const out: Query = {};
	for (const [key, value] of Object.entries(values)) {
		if (value === undefined || value === null || value === '') continue;
		if (!isQueryValue(value)) {
			throw new InvalidInputError(
				`${key} must be a text, a number or a boolean, not ${shown(value)}`,
				key === '' ? '""' : key,
			);
		}
		out[key] = typeof value === 'boolean' ? (value ? 'true' : 'false') : value;
	}
	return out;
}
