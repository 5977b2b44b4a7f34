/**
 * Idempotence for Post Remittance Journal: the payment number is the key. The node keeps a bounded
 * list of posted keys in workflow static data (or receives them as input) and skips payments
 * already posted; these helpers are the pure part.
 *
 * Keys are payment numbers trimmed and upper-cased (`" 123abc "` and `"123ABC"` are one payment).
 * The kept list is ordered oldest first and bounded (default {@link DEFAULT_POSTED_LIMIT}); the
 * oldest keys are forgotten first. Amazon payment numbers do not repeat, so forgetting very old ones
 * only matters if a months-old remittance is fed again.
 *
 * Pure: no n8n imports.
 */

export const DEFAULT_POSTED_LIMIT = 5000;

/** The idempotence key of a payment number. */
export function paymentKey(paymentNumber: string): string {
	return String(paymentNumber).trim().toUpperCase();
}

/**
 * Reads posted payment numbers given by the operator or kept in static data: a list of strings or
 * numbers, a comma / newline separated text, or items with a `paymentNumber` field. Anything else is
 * ignored. Returns unique keys in their first order.
 */
export function readPostedKeys(value: unknown): string[] {
	const keys: string[] = [];
	const seen = new Set<string>();
	const addKey = (raw: unknown) => {
		let text: string | undefined;
		if (typeof raw === 'string') text = raw;
		else if (typeof raw === 'number' && Number.isSafeInteger(raw)) text = String(raw);
		else if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
			const field = (raw as Record<string, unknown>).paymentNumber;
			if (typeof field === 'string' || (typeof field === 'number' && Number.isSafeInteger(field)))
				text = String(field);
		}
		if (text === undefined) return;
		for (const part of text.split(/[,\n\r]+/)) {
			const key = paymentKey(part);
			if (key !== '' && !seen.has(key)) {
				seen.add(key);
				keys.push(key);
			}
		}
	};
	if (Array.isArray(value)) value.forEach(addKey);
	else addKey(value);
	return keys;
}

export interface PostedSplit<T> {
	toPost: T[];
	/** Already posted before this run. */
	alreadyPosted: T[];
	/** The same payment number a second time in this run (the first one is kept). */
	duplicates: T[];
}

/** Splits payments into those to post and those to skip. */
export function splitByPosted<T extends { paymentNumber: string }>(
	payments: readonly T[],
	posted: Iterable<string>,
): PostedSplit<T> {
	const postedKeys = new Set<string>();
	for (const key of posted) postedKeys.add(paymentKey(key));
	const seen = new Set<string>();
	const result: PostedSplit<T> = { toPost: [], alreadyPosted: [], duplicates: [] };
	for (const payment of payments) {
		const key = paymentKey(payment.paymentNumber);
		if (postedKeys.has(key)) result.alreadyPosted.push(payment);
		else if (seen.has(key)) result.duplicates.push(payment);
		else {
			seen.add(key);
			result.toPost.push(payment);
		}
	}
	return result;
}

/**
 * The kept list after posting: previous keys plus the new ones (a key posted again moves to the
 * end), bounded to `limit` keys (the oldest dropped).
 */
export function rememberPosted(
	previous: readonly string[],
	newlyPosted: readonly string[],
	limit: number = DEFAULT_POSTED_LIMIT,
): string[] {
	if (!Number.isSafeInteger(limit) || limit < 1) {
		throw new RangeError(
			`The posted-payments limit must be a whole number of at least 1 (got ${String(limit)})`,
		);
	}
	const fresh = new Set(newlyPosted.map(paymentKey).filter((k) => k !== ''));
	const kept = readPostedKeys(previous).filter((k) => !fresh.has(k));
	const all = [...kept, ...fresh];
	return all.length > limit ? all.slice(all.length - limit) : all;
}
