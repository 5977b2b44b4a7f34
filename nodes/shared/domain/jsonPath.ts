/**
 * Reading a value from an item: a dotted path (`shop.order`, `rows[0].po`)
 * through values that may be JSON strings (a metafield, a Data Table cell). Pure: no n8n imports.
 */

export function pathParts(path: string): string[] {
	return path
		.replace(/\[(\d+)\]/g, '.$1')
		.split('.')
		.map((p) => p.trim())
		.filter(Boolean);
}

/** A JSON string (a metafield or Data Table value) is parsed; anything else is returned as is. */
export function unwrapJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!text.startsWith('{') && !text.startsWith('[')) return value;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return value;
	}
}

/** The value at `path`, JSON strings parsed on the way and at the end. */
export function readJsonPath(json: unknown, path: string): unknown {
	let current: unknown = json;
	for (const part of pathParts(path)) {
		current = unwrapJson(current);
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return unwrapJson(current);
}

/** Undefined, null or a blank text. */
export function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}
