/**
 * Amazon's purchase order windows (`shipWindow`, `deliveryWindow`) are a single string: an ISO 8601
 * interval written `start--end`, e.g. `2019-08-21T07:00:00Z--2019-08-27T07:00:00Z` (identical start
 * and end mean one exact date). Amazon's own examples also show `08/25/2021 - 08/31/2021`, so that
 * form is read too, as US dates. Pure.
 */

export interface DateInterval {
	/** Start as sent (ISO 8601); for the US-date form an ISO calendar date `YYYY-MM-DD`. Absent if unparseable. */
	start?: string;
	/** End, same rules as start. */
	end?: string;
	/** The string exactly as Amazon sent it. */
	raw: string;
}

export interface ParsedDateInterval {
	interval: DateInterval;
	/** Set when the value was not a well-formed `start--end` ISO interval (what was done about it). */
	warning?: string;
}

/** Date-time or calendar date in ISO 8601 extended format (time zone optional). */
const ISO_DATE_OR_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const US_DATE_RANGE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s*-\s*(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** True for an ISO 8601 date or date-time that names a real calendar day and a parseable instant. */
export function isIsoDateTime(value: string): boolean {
	const match = ISO_DATE_OR_DATE_TIME.exec(value);
	if (!match) return false;
	if (!isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return false;
	return !Number.isNaN(Date.parse(value));
}

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

function isoPair(
	startText: string,
	endText: string,
	raw: string,
	separator: string,
): ParsedDateInterval | undefined {
	const start = startText.trim();
	const end = endText.trim();
	if (!isIsoDateTime(start) || !isIsoDateTime(end)) return undefined;
	const notes: string[] = [];
	if (separator !== '--') notes.push(`separator "${separator}" read as "--"`);
	if (start !== startText || end !== endText) notes.push('whitespace removed');
	if (Date.parse(end) < Date.parse(start)) notes.push(`end ${end} is before start ${start}`);
	return { interval: { start, end, raw }, warning: notes.length ? notes.join('; ') : undefined };
}

/** Parses a `start--end` window; never throws: an unreadable value keeps only `raw`, with a warning. */
export function parseDateInterval(raw: string): ParsedDateInterval {
	const text = raw.trim();
	if (text === '') return { interval: { raw }, warning: 'is empty; start and end left unset' };

	const doubleHyphen = text.split('--');
	if (doubleHyphen.length === 2) {
		const parsed = isoPair(doubleHyphen[0], doubleHyphen[1], raw, '--');
		if (parsed) return parsed;
	}
	// ISO 8601 itself separates the two ends with a solidus.
	const solidus = text.split('/');
	if (solidus.length === 2) {
		const parsed = isoPair(solidus[0], solidus[1], raw, '/');
		if (parsed) return parsed;
	}

	const us = US_DATE_RANGE.exec(text);
	if (us) {
		const [sm, sd, sy, em, ed, ey] = us.slice(1).map(Number);
		if (isCalendarDate(sy, sm, sd) && isCalendarDate(ey, em, ed)) {
			const start = `${pad(sy, 4)}-${pad(sm, 2)}-${pad(sd, 2)}`;
			const end = `${pad(ey, 4)}-${pad(em, 2)}-${pad(ed, 2)}`;
			const notes = [
				`"${raw}" is not ISO 8601: read as US dates (month/day/year) ${start} to ${end}`,
			];
			if (end < start) notes.push(`end ${end} is before start ${start}`);
			return { interval: { start, end, raw }, warning: notes.join('; ') };
		}
	}

	if (isIsoDateTime(text)) {
		return {
			interval: { start: text, end: text, raw },
			warning: `"${raw}" is a single date, not an interval: used as both start and end`,
		};
	}

	return {
		interval: { raw },
		warning: `"${raw}" is not a "start--end" interval; start and end left unset`,
	};
}
