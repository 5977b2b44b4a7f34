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
