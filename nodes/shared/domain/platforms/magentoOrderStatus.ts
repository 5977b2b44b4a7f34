/**
 * Magento order states that mean the order is being fulfilled. `complete` always does;
 * `processing` only when the order already has shipments (an invoiced order without shipments is
 * also `processing`). Pure: no n8n imports.
 */
export const MAGENTO_IN_FULFILMENT_STATUSES: readonly string[] = Object.freeze(['complete']);

/** Magento states that mean "in fulfilment" only when the order has shipments. */
export const MAGENTO_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS: readonly string[] = Object.freeze([
	'processing',
]);
