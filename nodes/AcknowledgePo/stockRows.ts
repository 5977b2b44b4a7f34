/** Stock given in a field of each item. Pure: no n8n imports. */
import { isObject } from '../shared/domain/values';

/** One item's stock: `{sku: available}` or a list of `{sku, available}` rows; anything else is none. */
function rowsOf(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (value && typeof value === 'object') {
		return Object.entries(value).map(([sku, available]) => ({ sku, available }));
	}
	return [];
}

/**
 * The stock rows of all items, each SKU once: the same snapshot is usually repeated on each item,
 * so the first row of a SKU is kept.
 */
export function stockRowsOf(values: readonly unknown[]): unknown[] {
	const rows: unknown[] = [];
	const seen = new Set<string>();
	for (const value of values) {
		for (const row of rowsOf(value)) {
			const sku = String((isObject(row) ? row.sku : undefined) ?? '');
			if (seen.has(sku)) continue;
			seen.add(sku);
			rows.push(row);
		}
	}
	return rows;
}
