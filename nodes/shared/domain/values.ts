/** Small helpers for reading JSON values from node input items. Pure: no n8n imports. */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A dotted path in an item (`a.b.c`); an empty path is the item itself. */
export function readPath(json: unknown, path: string): unknown {
	let current: unknown = json;
	for (const part of path.split('.').filter(Boolean)) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Json)[part];
	}
	return current;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** An ISO 8601 UTC timestamp to the second, as Amazon's models show them: `2026-06-01T10:00:00Z`. */
export function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A received value as an error message shows it: a string quoted (cut at `maxLength` characters),
 * null and undefined by name, an object or array by its kind, anything else as text.
 */
export function shown(value: unknown, maxLength = 60): string {
	if (typeof value === 'string') {
		return JSON.stringify(value.length > maxLength ? `${value.slice(0, maxLength)}…` : value);
	}
	if (value === null || value === undefined) return String(value);
	if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
	return String(value);
}

/** Epoch milliseconds of a Date, a number or a date text; NaN for anything else or an unreadable text. */
export function epochMsOf(value: unknown): number {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number') return value;
	if (typeof value === 'string') return Date.parse(value);
	return Number.NaN;
}
