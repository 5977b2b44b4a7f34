/**
 * Shopify order statuses that mean the order is being fulfilled: a displayFulfillmentStatus (or a
 * fulfilment order status) in this list must not be changed automatically. Pure: no n8n imports.
 */
export const SHOPIFY_IN_FULFILMENT_STATUSES: readonly string[] = Object.freeze([
	'IN_PROGRESS',
	'PARTIALLY_FULFILLED',
	'FULFILLED',
	'ON_HOLD',
]);
