/**
 * Applying Apply Change Order's plan to the Shopify order: the orderEdit sequence of
 * shopifyOrderEdit.ts (begin, one step per SKU, commit), the answers checked at each step, and the
 * metafieldsSet that saves the new PO snapshot. Pure: no n8n imports.
 */
import type { EditPlan } from '../../changeOrder/plan';
import type { PlatformOrder } from '../../changeOrder/platformOrder';
import { isObject, type Json } from '../../values';
import { toShopifyOrderEditSequence, type ShopifyOrderEditSequence } from '../shopifyOrderEdit';
import { ShopifyAnswerError, ShopifyInputError } from './errors';
import { payloadOf, type GraphqlRequest } from './graphql';

export const METAFIELDS_SET_MUTATION =
	'mutation SaveOnOrder($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) ' +
	'{ metafields { key value } userErrors { field message code } } }';

/** The plan of an Apply item; the SKUs it adds that have no variant id yet. */
export function planOf(applied: Json): EditPlan {
	const plan = applied.plan;
	if (!isObject(plan) || !Array.isArray(plan.skus))
		throw new ShopifyInputError(
			'The item has no plan: give an item of Apply Change Order (Apply output)',
			'plan',
		);
	return plan as unknown as EditPlan;
}

export function skusToAdd(plan: EditPlan, variantIds: Readonly<Record<string, string>>): string[] {
	return plan.skus
		.filter((s) => s.action === 'add' && !s.variantId && !variantIds[s.sku])
		.map((s) => s.sku);
}

/** The edit sequence for the plan on the order; a plan that cannot be built throws. */
export function editSequence(
	plan: EditPlan,
	orderId: string,
	variantIds: Readonly<Record<string, string>>,
): ShopifyOrderEditSequence {
	const order: PlatformOrder = { id: orderId, lines: [] };
	const sequence = toShopifyOrderEditSequence(plan, order, { variantIds });
	if (!sequence.ok)
		throw new ShopifyInputError(
			`The order edit of Amazon PO ${plan.purchaseOrderNumber} cannot be built: ` +
				sequence.problems.join('; '),
			'plan',
		);
	return sequence;
}

export const requestOf = (call: { query: string; variables: object }): GraphqlRequest => ({
	query: call.query,
	variables: { ...call.variables } as Json,
});

/** orderEditBegin's calculated order id. */
export function readEditBegun(body: unknown, po: string): string {
	const payload = payloadOf(body, 'orderEditBegin', `the order edit of Amazon PO ${po}`, true);
	const calculated = isObject(payload.calculatedOrder) ? payload.calculatedOrder.id : undefined;
	if (typeof calculated !== 'string' || !calculated)
		throw new ShopifyAnswerError(`Shopify began no order edit for Amazon PO ${po}`, [
			'no calculatedOrder in the answer',
		]);
	return calculated;
}

/** A step's answer: the calculated line item must be there. */
export function readEditStep(body: unknown, mutation: string, sku: string, po: string): void {
	const payload = payloadOf(body, mutation, `${mutation} of SKU ${sku} (Amazon PO ${po})`, true);
	if (!isObject(payload.calculatedLineItem))
		throw new ShopifyAnswerError(`Shopify did not change SKU ${sku} of Amazon PO ${po}`, [
			`no calculatedLineItem in the answer of ${mutation}`,
		]);
}

export function readEditCommitted(body: unknown, po: string): string {
	const payload = payloadOf(
		body,
		'orderEditCommit',
		`the order edit commit of Amazon PO ${po}`,
		true,
	);
	const order = isObject(payload.order) ? payload.order.id : undefined;
	if (typeof order !== 'string')
		throw new ShopifyAnswerError(`Shopify did not commit the order edit of Amazon PO ${po}`, [
			'no order in the answer of orderEditCommit',
		]);
	return order;
}

/** metafieldsSet of JSON metafields on an order. */
export function metafieldsRequest(
	orderId: string,
	namespace: string,
	values: Record<string, unknown>,
): GraphqlRequest {
	return {
		query: METAFIELDS_SET_MUTATION,
		variables: {
			metafields: Object.entries(values).map(([key, value]) => ({
				ownerId: orderId,
				namespace,
				key,
				type: 'json',
				value: JSON.stringify(value),
			})),
		},
	};
}

export function readMetafieldsSet(body: unknown, what: string): void {
	payloadOf(body, 'metafieldsSet', what, true);
}
