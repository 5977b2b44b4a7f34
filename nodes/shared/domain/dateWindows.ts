/**
 * Amazon limits the created/changed/updated date ranges of getPurchaseOrders and
 * getPurchaseOrdersStatus to 7 days; longer ranges are split into consecutive windows. Pure.
 */

export const MAX_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface DateWindow {
	/** ISO 8601, inclusive start sent as ...After. */
	after: string;
	/** ISO 8601, end sent as ...Before. */
	before: string;
}

export class DateRangeError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DateRangeError';
	}
}

/** Parses an ISO 8601 date-time (or a Date) into epoch milliseconds, naming the field on failure. */
export function toEpochMs(value: string | Date, field: string): number {
	const ms = value instanceof Date ? value.getTime() : Date.parse(String(value).trim());
	if (Number.isNaN(ms)) {
		throw new DateRangeError(`${field} is not a valid date-time: "${String(value)}"`);
	}
	return ms;
}

/**
 * Splits [after, before) into windows of at most maxMs, oldest first. `before` defaults to now.
 * Consecutive windows share their boundary, so nothing between them is lost.
 */
export function splitDateRange(
	after: string | Date,
	before: string | Date | undefined,
	options: { maxMs?: number; now?: number; afterField?: string; beforeField?: string } = {},
): DateWindow[] {
	const maxMs = options.maxMs ?? MAX_WINDOW_MS;
	const start = toEpochMs(after, options.afterField ?? 'after');
	const end =
		before === undefined || before === ''
			? (options.now ?? Date.now())
			: toEpochMs(before, options.beforeField ?? 'before');
	if (start >= end) {
		throw new DateRangeError(
			`${options.afterField ?? 'after'} (${new Date(start).toISOString()}) must be earlier than ${options.beforeField ?? 'before'} (${new Date(end).toISOString()})`,
		);
	}
	const windows: DateWindow[] = [];
	for (let from = start; from < end; from += maxMs) {
		const to = Math.min(from + maxMs, end);
		windows.push({ after: new Date(from).toISOString(), before: new Date(to).toISOString() });
	}
	return windows;
}
