/**
 * nextToken pagination by key, not by offset: the token carries the query's filters and the sort
 * key (purchaseOrderDate, purchaseOrderNumber) of the last item sent, so the next page starts
 * right after that item even if orders were seeded or changed in between. The token is opaque to
 * clients (base64url with a checksum); a token that was altered gives 400 InvalidInput.
 */
import { createHash } from 'node:crypto';
import { invalidInput } from './errors';

export type SortKey = [number, string];
export type SortOrder = 'ASC' | 'DESC';

export interface Cursor<F> {
	operation: string;
	filters: F;
	last: SortKey;
}

function checksum(text: string): string {
	return createHash('sha256').update(`vc-sandbox:${text}`).digest('base64url').slice(0, 12);
}

export function encodeNextToken<F>(cursor: Cursor<F>): string {
	const json = JSON.stringify(cursor);
	return `${Buffer.from(json, 'utf8').toString('base64url')}.${checksum(json)}`;
}

export function decodeNextToken<F>(token: string, operation: string): Cursor<F> {
	const [data, sum] = token.split('.');
	try {
		const json = Buffer.from(data ?? '', 'base64url').toString('utf8');
		if (!sum || checksum(json) !== sum) throw new Error('checksum');
		const cursor = JSON.parse(json) as Cursor<F>;
		if (cursor.operation !== operation || !Array.isArray(cursor.last)) throw new Error('operation');
		return cursor;
	} catch {
		throw invalidInput('Invalid nextToken.', 'The nextToken is not one this API returned.');
	}
}

export function compareKeys(a: SortKey, b: SortKey): number {
	return a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** One page of `items` in `order`, starting after `after`; `last` is set when more items follow. */
export function paginate<T>(
	items: T[],
	keyOf: (item: T) => SortKey,
	order: SortOrder,
	limit: number,
	after?: SortKey,
): { page: T[]; last?: SortKey } {
	const sign = order === 'ASC' ? 1 : -1;
	const sorted = [...items].sort((a, b) => sign * compareKeys(keyOf(a), keyOf(b)));
	const rest = after ? sorted.filter((item) => sign * compareKeys(keyOf(item), after) > 0) : sorted;
	const page = rest.slice(0, limit);
	return rest.length > limit ? { page, last: keyOf(page[page.length - 1]) } : { page };
}
