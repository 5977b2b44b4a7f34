/**
 * Fulfilment holds: fulfillmentOrderHold / fulfillmentOrderReleaseHold on a Shopify order's
 * fulfilment orders. Pure: no n8n imports.
 */
import { isObject } from '../../values';
import { ShopifyAnswerError, ShopifyInputError } from './errors';
import { payloadOf, type GraphqlRequest } from './graphql';

export const HOLD_MUTATION =
	'mutation HoldForAmazonChange($id: ID!, $hold: FulfillmentOrderHoldInput!) ' +
	'{ fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) { fulfillmentHold { id handle } ' +
	'fulfillmentOrder { id status } userErrors { field message code } } }';

export const RELEASE_MUTATION =
	'mutation ReleaseHold($id: ID!) { fulfillmentOrderReleaseHold(id: $id) ' +
	'{ fulfillmentOrder { id status } userErrors { field message code } } }';

/** The handle of the package's holds (one per fulfilment order). */
export const HOLD_HANDLE = 'amazon-po-change';

/** Fulfilment order ids from a list or a comma-separated text, as gids. */
export function fulfillmentOrderIds(value: unknown): string[] {
	const raw =
		typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
	if (raw === undefined)
		throw new ShopifyInputError(
			'Fulfillment Order IDs must be a list or a comma-separated text',
			'fulfillmentOrderIds',
		);
	const ids = raw.map((v) =>
		typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '',
	);
	return [...new Set(ids.filter(Boolean))].map((id) => {
		if (/^\d+$/.test(id)) return `gid://shopify/FulfillmentOrder/${id}`;
		if (/^gid:\/\/shopify\/FulfillmentOrder\/\d+$/.test(id)) return id;
		throw new ShopifyInputError(
			`"${id}" is not a Shopify fulfillment order id`,
			'fulfillmentOrderIds',
		);
	});
}

export function holdRequest(id: string, reasonNotes: string): GraphqlRequest {
	return {
		query: HOLD_MUTATION,
		variables: {
			id,
			hold: {
				reason: 'OTHER',
				handle: HOLD_HANDLE,
				notifyMerchant: true,
				reasonNotes: reasonNotes.slice(0, 255),
			},
		},
	};
}

export function releaseRequest(id: string): GraphqlRequest {
	return { query: RELEASE_MUTATION, variables: { id } };
}

/** The hold's id; errors and userErrors throw. */
export function readHold(body: unknown, id: string): string {
	const payload = payloadOf(
		body,
		'fulfillmentOrderHold',
		`the hold of fulfillment order ${id}`,
		true,
	);
	const hold = isObject(payload.fulfillmentHold) ? payload.fulfillmentHold.id : undefined;
	if (typeof hold !== 'string')
		throw new ShopifyAnswerError(`Shopify placed no hold on fulfillment order ${id}`, [
			'no fulfillmentHold in the answer',
		]);
	return hold;
}

/** The fulfilment order's status after the release. */
export function readRelease(body: unknown, id: string): string {
	const payload = payloadOf(
		body,
		'fulfillmentOrderReleaseHold',
		`the release of fulfillment order ${id}`,
		true,
	);
	const order = isObject(payload.fulfillmentOrder) ? payload.fulfillmentOrder : {};
	return String(order.status ?? '');
}
