/**
 * Amazon limits the created/changed/updated date ranges of getPurchaseOrders and
 * getPurchaseOrdersStatus to 7 days; longer ranges are split into consecutive windows. Pure.
 */
import { InvalidInputError } from './inputError';
import { isObject, shown } from './values';

export const MAX_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface DateWindow {
	/** ISO 8601, inclusive start sent as ...After. */
	after: string;
	/** ISO 8601, end sent as ...Before. */
	before: string;
}

/** A date or a date range that cannot be queried; `path` names the field (createdAfter, ...). */
export class DateRangeError extends InvalidInputError {
	constructor(message: string, path?: string) {
		super(message, path || undefined);
		this.name = 'DateRangeError';
	}
}

/** Parses an ISO 8601 date-time (or a Date) into epoch milliseconds, naming the field on failure. */
export function toEpochMs(value: string | Date, field: string): number {
	const text = typeof value === 'string' ? value.trim() : undefined;
	const ms = value instanceof Date ? value.getTime() : text !== undefined ? Date.parse(text) : NaN;
	if (Number.isNaN(ms)) {
		const received = typeof value === 'string' ? `"${value}"` : shown(value);
		throw new DateRangeError(`${field} is not a valid date-time: ${received}`, field);
	}
	return ms;
}

export interface SplitOptions {
	maxMs?: number;
	now?: number;
	afterField?: string;
	beforeField?: string;
}

/** The options, checked: a window length that is a positive number, a clock that is a number. */
function checkedOptions(options: unknown): SplitOptions {
	if (options === undefined) return {};
	if (!isObject(options)) throw new InvalidInputError('options must be an object', 'options');
	const { maxMs, now } = options;
	if (maxMs !== undefined && !(typeof maxMs === 'number' && Number.isFinite(maxMs) && maxMs > 0)) {
		throw new InvalidInputError(
			`options.maxMs must be a positive number, not ${shown(maxMs)}`,
			'options.maxMs',
		);
	}
	if (now !== undefined && !(typeof now === 'number' && Number.isFinite(now))) {
		throw new InvalidInputError(`options.now must be a number, not ${shown(now)}`, 'options.now');
	}
	return options as SplitOptions;
}

/**
 * Splits [after, before) into windows of at most maxMs, oldest first. `before` defaults to now.
 * Consecutive windows share their boundary, so nothing between them is lost.
 */
export function splitDateRange(
	after: string | Date,
	before: string | Date | undefined,
	options: SplitOptions = {},
): DateWindow[] {
	const checked = checkedOptions(options);
	const maxMs = checked.maxMs ?? MAX_WINDOW_MS;
	const afterField = checked.afterField ?? 'after';
	const beforeField = checked.beforeField ?? 'before';
	const start = toEpochMs(after, afterField);
	const end =
		before === undefined || before === ''
			? (checked.now ?? Date.now())
			: toEpochMs(before, beforeField);
	if (start >= end) {
		throw new DateRangeError(
			`${afterField} (${new Date(start).toISOString()}) must be earlier than ` +
				`${beforeField} (${new Date(end).toISOString()})`,
			afterField,
		);
	}
	const windows: DateWindow[] = [];
	for (let from = start; from < end; from += maxMs) {
		const to = Math.min(from + maxMs, end);
		windows.push({ after: new Date(from).toISOString(), before: new Date(to).toISOString() });
	}
	return windows;
}
