/** Small readers shared by the Build ASN steps. Pure: no n8n imports. */
import { isObject, shown } from '../values';

export { isObject, shown };

/** A trimmed non-empty text (a finite number is read as its digits), else undefined. */
export function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const t = value.trim();
	return t === '' ? undefined : t;
}

/** Lower case without spaces, underscores, dots and hyphens: the key of the alias tables. */
export function fold(value: string): string {
	return value.toLowerCase().replace(/[\s_.-]+/g, '');
}

/** The table's value for a text compared by {@link fold}, or undefined. */
export function alias<T>(value: unknown, table: Record<string, T>): T | undefined {
	const t = text(value);
	if (t === undefined) return undefined;
	const key = fold(t);
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** The model's three-digit sequence numbers: 1 -> "001". */
export function seq(n: number): string {
	return String(n).padStart(3, '0');
}

/** The value when it is a list, else an empty list. */
export function listOf(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** A whole number of eaches above 0 (a numeric string such as "12" is read too), else undefined. */
export function wholeEaches(value: unknown): number | undefined {
	const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : value;
	return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** A whole number of 0 or more. */
export function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** "Carton C1" / "Pallet pallets[0]": how messages name a container. */
export function containerName(
	type: 'carton' | 'pallet',
	id: string | undefined,
	path: string,
): string {
	return `${type === 'carton' ? 'Carton' : 'Pallet'} ${id ?? path}`;
}
