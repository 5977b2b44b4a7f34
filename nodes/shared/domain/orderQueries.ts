/**
 * Query strings for getPurchaseOrders and getPurchaseOrdersStatus, with date ranges of any length
 * split into Amazon's 7-day windows. Pure: no n8n imports.
 */
import { splitDateRange, type DateWindow } from './dateWindows';

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

/** Windows for one range; a range with no start is passed through as given (one request). */
function windowsOf(range: DateRangeFilter, now: number): Array<Query> {
	if (!present(range.after)) {
		if (present(range.before)) {
			return [{ [range.beforeParam]: new Date(Date.parse(range.before)).toISOString() }];
		}
		return [{}];
	}
	return splitDateRange(range.after, present(range.before) ? range.before : undefined, {
		now,
		afterField: range.afterParam,
		beforeField: range.beforeParam,
	}).map((w: DateWindow) => ({ [range.afterParam]: w.after, [range.beforeParam]: w.before }));
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
	let queries: Query[] = [{ ...base }];
	for (const range of ranges) {
		const windows = windowsOf(range, now);
		const next: Query[] = [];
		for (const q of queries) for (const w of windows) next.push({ ...q, ...w });
		queries = next;
	}
	return queries;
}

/** Removes empty values ('' and undefined) and turns booleans into Amazon's "true"/"false" strings. */
export function cleanQuery(values: Record<string, unknown>): Query {
	const out: Query = {};
	for (const [key, value] of Object.entries(values)) {
		if (value === undefined || value === null || value === '') continue;
		if (typeof value === 'boolean') out[key] = value ? 'true' : 'false';
		else if (typeof value === 'number' || typeof value === 'string') out[key] = value;
	}
	return out;
}
