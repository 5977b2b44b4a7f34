/**
 * Reading Shopify Admin GraphQL answers: top-level `errors` (with their `extensions.code`, such as
 * THROTTLED), `userErrors` of a mutation, and the payload of a root field. Pure: no n8n imports.
 */
import { isObject, type Json } from '../../values';
import { ShopifyAnswerError } from './errors';

/** A GraphQL request body. */
export interface GraphqlRequest {
	query: string;
	variables: Json;
}

/** Shopify's top-level errors as text, `message (CODE)` each; empty when there are none. */
export function topLevelErrors(body: unknown): string[] {
	if (!isObject(body)) return [`no JSON object in the answer (${typeof body})`];
	const errors = body.errors;
	if (errors === undefined || errors === null) return [];
	if (typeof errors === 'string') return [errors];
	if (!Array.isArray(errors)) return [JSON.stringify(errors).slice(0, 300)];
	return errors.map((e) => {
		if (!isObject(e)) return String(e);
		const code = isObject(e.extensions) ? e.extensions.code : undefined;
		return `${String(e.message ?? 'error')}${typeof code === 'string' ? ` (${code})` : ''}`;
	});
}

/** `userErrors` of a mutation payload as text, `field: message` each. */
export function userErrorsOf(payload: unknown): string[] {
	if (!isObject(payload) || !Array.isArray(payload.userErrors)) return [];
	return payload.userErrors.map((e) => {
		if (!isObject(e)) return String(e);
		const field = Array.isArray(e.field) ? e.field.join('.') : e.field;
		const code = typeof e.code === 'string' ? ` (${e.code})` : '';
		return `${field ? `${String(field)}: ` : ''}${String(e.message ?? 'refused')}${code}`;
	});
}

/**
 * The payload of `root` in an answer; `what` says what was asked, for the error. Top-level errors
 * or a missing payload throw a ShopifyAnswerError; so do userErrors when `mutation` is true.
 */
export function payloadOf(body: unknown, root: string, what: string, mutation = false): Json {
	const errors = topLevelErrors(body);
	if (errors.length) {
		throw new ShopifyAnswerError(
			`Shopify answered ${what} with errors: ${errors.join('; ')}`,
			errors,
		);
	}
	const data = isObject(body) ? body.data : undefined;
	const payload = isObject(data) ? data[root] : undefined;
	if (!isObject(payload)) {
		throw new ShopifyAnswerError(`Shopify's answer to ${what} has no ${root}`, [
			`no data.${root} in the answer`,
		]);
	}
	if (mutation) {
		const refused = userErrorsOf(payload);
		if (refused.length) {
			throw new ShopifyAnswerError(`Shopify refused ${what}: ${refused.join('; ')}`, refused);
		}
	}
	return payload;
}

/** The nodes of a connection (`{nodes: [...]}`), objects only. */
export function nodesOf(connection: unknown): Json[] {
	if (!isObject(connection) || !Array.isArray(connection.nodes)) return [];
	return connection.nodes.filter(isObject);
}

/** A metafield's JSON value (`{value: "..."}`) parsed; `fallback` when absent or unreadable. */
export function metafieldJson<T>(metafield: unknown, fallback: T): T {
	const value = isObject(metafield) ? metafield.value : undefined;
	if (typeof value !== 'string' || value.trim() === '') return fallback;
	try {
		return JSON.parse(value) as T;
	} catch {
		return fallback;
	}
}

/** A search term value quoted for Shopify's query syntax: `po_number:"PO-1"`. */
export function searchTerm(field: string, value: string): string {
	return `${field}:"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
