/**
 * Errors of the Shopify operations' pure logic. Pure: no n8n imports.
 */
import { InvalidInputError } from '../../inputError';

/** Bad input to a Shopify operation (an acknowledged purchase order, a plan...); `path` names the field. */
export class ShopifyInputError extends InvalidInputError {
	constructor(message: string, path = '(root)') {
		super(message, path);
		this.name = 'ShopifyInputError';
	}
}

/**
 * Shopify answered, but not with what was asked: GraphQL `errors` (throttling, scopes, a bad
 * query), `userErrors` of a mutation, or no data. `problems` lists Shopify's own messages.
 */
export class ShopifyAnswerError extends Error {
	constructor(
		message: string,
		readonly problems: string[],
	) {
		super(message);
		this.name = 'ShopifyAnswerError';
	}
}
