/**
 * Apply Change Order: compares two versions of a purchase order (the one the workflow kept and the
 * one Amazon changed), guards against changing a platform order that is already being fulfilled,
 * and produces a platform-neutral edit plan, the new order value and the re-acknowledgement for the
 * changed lines. The Shopify orderEdit* sequence built on the plan lives in
 * `../platforms/shopifyOrderEdit.ts` (re-exported here). Pure: no n8n imports.
 *
 * Flow ({@link evaluateChangeOrder}, evaluate.ts): diff (diff.ts) -> (empty: `noChange`) -> plan
 * (plan.ts) and re-acknowledgement (reacknowledge.ts) -> guard (guard.ts) -> `blocked` (every
 * reason, the diff and a suggested action; no plan) or `apply`.
 *
 * How quantities are decided (planLines.ts), per PO line of the new version (Amazon units; the
 * platform works in eaches = units x unitSize):
 * - Before: what the previous acknowledgement said (Accepted + Backordered = taken, Rejected), or,
 *   without it, the mapping's outcome (mapped lines taken in full, reject lines rejected).
 * - Unchanged lines keep their state.
 * - A changed line keeps its rejected units rejected (Amazon refuses Rejected -> Accepted); a line
 *   that was rejected in full stays rejected. With `increases: 'accept'` (default) everything else
 *   of the new quantity is taken; with `increases: 'reject'` never more than before. Backordered
 *   units shrink first.
 * - An added line is taken in full (`increases: 'accept'`) or rejected; a line the mapping cannot
 *   map is rejected with the mapping's reason (and blocks with `blockOnMappingExceptions`).
 * - The platform's target per SKU is Σ accepted eaches of the new version's lines of that SKU
 *   (`platformQuantity: 'acceptedAndBackordered'` adds backordered eaches). Only SKUs of changed
 *   lines are in the plan. Targets are absolute, so running the plan twice does no harm.
 *
 * Guard: the platform order is "in fulfilment" when one of its statuses is in
 * `inFulfilmentStatuses` (default {@link DEFAULT_IN_FULFILMENT_STATUSES}: Shopify's IN_PROGRESS,
 * PARTIALLY_FULFILLED, FULFILLED, ON_HOLD and Magento's complete), or in
 * `inFulfilmentStatusesWithShipments` (default Magento's processing) while it has shipments.
 * Also blocked: a SKU of a changed line whose fulfilled + in-progress eaches exceed the new target,
 * a re-acknowledgement Amazon would refuse (Rejected -> Accepted), mapping exceptions on changed
 * lines, and a platform order that cannot take the plan (a SKU on two lines, a negative target).
 */
export { ChangeOrderInputError } from './errors';
export {
	diffPurchaseOrders,
	type HeaderChange,
	type HeaderField,
	type LineChange,
	type LineChangeKind,
	type PurchaseOrderDiff,
	type QuantitySnapshot,
} from './diff';
export { parsePlatformOrder, type PlatformOrder, type PlatformOrderLine } from './platformOrder';
export {
	buildEditPlan,
	type EditPlan,
	type LinePlan,
	type OrderValue,
	type PlanOptions,
	type SkuPlan,
} from './plan';
export {
	DEFAULT_IN_FULFILMENT_STATUSES,
	DEFAULT_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS,
	guardChange,
	type BlockReason,
	type BlockReasonCode,
	type GuardOptions,
	type GuardResult,
} from './guard';
export type { ReacknowledgementBuild } from './reacknowledge';
export {
	evaluateChangeOrder,
	type ChangeOrderInput,
	type ChangeOrderOptions,
	type ChangeOrderResult,
} from './evaluate';
export {
	CALCULATED_ORDER_ID_PLACEHOLDER,
	SHOPIFY_ORDER_EDIT_MUTATIONS,
	bindCalculatedOrderId,
	calculatedLineItemId,
	toShopifyOrderEditSequence,
	type ShopifyAddVariantStep,
	type ShopifyOrderEditSequence,
	type ShopifyOrderEditStep,
	type ShopifySequenceOptions,
	type ShopifySetQuantityStep,
} from '../platforms/shopifyOrderEdit';
