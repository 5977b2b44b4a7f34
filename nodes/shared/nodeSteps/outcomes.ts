/**
 * What the building nodes (Build ASN, Build Invoice) make of one item before anything is sent: the
 * exception of unreadable item data, and the one-line summary of a document that failed its checks.
 * Pure: no n8n imports.
 */
import { InvalidInputError } from '../domain/inputError';
import { InputError } from '../domain/asn';
import type { Json } from '../domain/values';

/** A problem found while building: only its message is shown in the summary. */
export interface Problem {
	message: string;
}

/**
 * The message of a document that was not sent: the first problem, and how many more there are.
 * `fallback` is said when the build gave no problem at all.
 */
export function nothingSent(problems: readonly Problem[], fallback: string): string {
	const [first, ...rest] = problems;
	const more = rest.length
		? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`
		: '';
	return `Nothing was sent: ${first?.message ?? fallback}${more}`;
}

/** An error of the item's data (a field missing or of the wrong type), as opposed to a bug. */
export function isItemDataError(error: unknown): error is Error {
	return (
		error instanceof InputError || error instanceof InvalidInputError || error instanceof TypeError
	);
}

/**
 * The Exceptions entry of an item whose data cannot be read: `context` (what identifies the item),
 * reason `invalidInput` and the message. Any other error is thrown on (the node stops on it).
 */
export function invalidInput(error: unknown, context: Json): Json {
	if (!isItemDataError(error)) throw error;
	return { ...context, reason: 'invalidInput', message: error.message };
}
