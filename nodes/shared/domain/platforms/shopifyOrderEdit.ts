/**
 * The edit plan of Apply Change Order as a Shopify orderEdit* sequence (Admin GraphQL 2026-04):
 * orderEditBegin, one orderEditSetQuantity or orderEditAddVariant per changed SKU, orderEditCommit.
 * Pure: builds the mutation documents and variables, sends nothing; no n8n imports.
 */
import { ChangeOrderInputError } from '../changeOrder/errors';
import type { EditPlan, SkuPlan } from '../changeOrder/plan';
import type { PlatformOrder } from '../changeOrder/platformOrder';
import { isObject, shown } from '../values';

/** Stands for the calculated order id returned by orderEditBegin; see {@link bindCalculatedOrderId}. */
export const CALCULATED_ORDER_ID_PLACEHOLDER = '{{calculatedOrderId}}';

/** The mutation documents for Shopify Admin GraphQL 2026-04 (arguments as in that schema). */
export const SHOPIFY_ORDER_EDIT_MUTATIONS = Object.freeze({
	orderEditBegin: `mutation orderEditBegin($id: ID!) {
  orderEditBegin(id: $id) {
    calculatedOrder { id lineItems(first: 250) { nodes { id sku quantity variant { id } } } }
    orderEditSession { id }
    userErrors { field message }
  }
}`,
	orderEditSetQuantity: `mutation orderEditSetQuantity($id: ID!, $lineItemId: ID!, $quantity: Int!, $restock: Boolean) {
  orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: $restock) {
    calculatedLineItem { id quantity }
    userErrors { field message }
  }
}`,
	orderEditAddVariant:
		'mutation orderEditAddVariant($id: ID!, $variantId: ID!, ' +
		`$quantity: Int!, $allowDuplicates: Boolean) {
  orderEditAddVariant(id: $id, variantId: $variantId, quantity: $quantity, allowDuplicates: $allowDuplicates) {
    calculatedLineItem { id quantity }
    userErrors { field message }
  }
}`,
	orderEditCommit: `mutation orderEditCommit($id: ID!, $notifyCustomer: Boolean, $staffNote: String) {
  orderEditCommit(id: $id, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    order { id }
    userErrors { field message }
  }
}`,
});

export interface ShopifySetQuantityStep {
	mutation: 'orderEditSetQuantity';
	query: string;
	sku: string;
	/** The order's line item (gid://shopify/LineItem/...). */
	orderLineItemId: string;
	variables: { id: string; lineItemId: string; quantity: number; restock: boolean };
}

export interface ShopifyAddVariantStep {
	mutation: 'orderEditAddVariant';
	query: string;
	sku: string;
	variables: { id: string; variantId: string; quantity: number; allowDuplicates: boolean };
}

export type ShopifyOrderEditStep = ShopifySetQuantityStep | ShopifyAddVariantStep;

export interface ShopifyOrderEditSequence {
	/** False when a step could not be built (see `problems`); do not run a partial sequence. */
	ok: boolean;
	problems: string[];
	begin: { mutation: 'orderEditBegin'; query: string; variables: { id: string } };
	steps: ShopifyOrderEditStep[];
	commit: {
		mutation: 'orderEditCommit';
		query: string;
		variables: { id: string; notifyCustomer: boolean; staffNote: string };
	};
	/** The value standing for the calculated order id in steps and commit until bound. */
	calculatedOrderIdPlaceholder: string;
}

export interface ShopifySequenceOptions {
	/** Variant ids (gid://shopify/ProductVariant/...) for SKUs to add, when the plan has none. */
	variantIds?: Readonly<Record<string, string>>;
	/** Restock units taken off a line. Default true. */
	restock?: boolean;
	/** Default false (Amazon is not a Shopify customer to notify). */
	notifyCustomer?: boolean;
	/** Default "Amazon PO <number> change applied by n8n". */
	staffNote?: string;
}

function gid(type: string, id: string): string {
	return id.startsWith('gid://') ? id : `gid://shopify/${type}/${id}`;
}

/**
 * The calculated line item id for an order line item: Shopify gives the CalculatedLineItem of an
 * existing line the same numeric id as the LineItem (gid://shopify/CalculatedLineItem/<n>);
 * orderEditSetQuantity refuses a LineItem gid. Each step also carries the sku and the order line
 * item id, so a template can instead pick the id from orderEditBegin's calculatedOrder.lineItems.
 */
export function calculatedLineItemId(lineItemId: string): string {
	const match =
		typeof lineItemId === 'string'
			? (/^gid:\/\/shopify\/(?:LineItem|CalculatedLineItem)\/(\d+)$/.exec(lineItemId) ??
				/^(\d+)$/.exec(lineItemId))
			: null;
	if (!match)
		throw new ChangeOrderInputError(
			`Not a Shopify line item id: ${JSON.stringify(lineItemId) ?? String(lineItemId)}`,
			'lineItemId',
		);
	return `gid://shopify/CalculatedLineItem/${match[1]}`;
}

type StepOrProblem = { step: ShopifyOrderEditStep } | { problem: string };

function setQuantityStep(s: SkuPlan, restock: boolean): StepOrProblem {
	if (s.lineItemId === undefined)
		return { problem: `SKU ${JSON.stringify(s.sku)}: the platform order line has no lineItemId` };
	let calculated: string;
	try {
		calculated = calculatedLineItemId(s.lineItemId);
	} catch (error) {
		return { problem: `SKU ${JSON.stringify(s.sku)}: ${(error as Error).message}` };
	}
	return {
		step: {
			mutation: 'orderEditSetQuantity',
			query: SHOPIFY_ORDER_EDIT_MUTATIONS.orderEditSetQuantity,
			sku: s.sku,
			orderLineItemId: gid('LineItem', s.lineItemId),
			variables: {
				id: CALCULATED_ORDER_ID_PLACEHOLDER,
				lineItemId: calculated,
				quantity: s.targetEaches,
				restock: restock && s.targetEaches < s.platformOrdered,
			},
		},
	};
}

function addVariantStep(s: SkuPlan, options: ShopifySequenceOptions): StepOrProblem {
	const variant = s.variantId ?? options.variantIds?.[s.sku];
	if (variant === undefined)
		return {
			problem: `SKU ${JSON.stringify(s.sku)} must be added but has no variant id: give it in variantIds`,
		};
	return {
		step: {
			mutation: 'orderEditAddVariant',
			query: SHOPIFY_ORDER_EDIT_MUTATIONS.orderEditAddVariant,
			sku: s.sku,
			variables: {
				id: CALCULATED_ORDER_ID_PLACEHOLDER,
				variantId: gid('ProductVariant', variant),
				quantity: s.targetEaches,
				allowDuplicates: false,
			},
		},
	};
}

function requireSequenceArguments(plan: unknown, platformOrder: unknown, options: unknown): void {
	if (!isObject(plan) || !Array.isArray(plan.skus))
		throw new ChangeOrderInputError(`The plan must be an edit plan (got ${shown(plan)})`, 'plan');
	if (!isObject(platformOrder))
		throw new ChangeOrderInputError(
			`The platform order must be an object (got ${shown(platformOrder)})`,
			'platformOrder',
		);
	if (!isObject(options))
		throw new ChangeOrderInputError(
			`The options must be an object (got ${shown(options)})`,
			'options',
		);
}

/**
 * The edit plan as a ready Shopify orderEdit* sequence: orderEditBegin(id), one
 * orderEditSetQuantity per changed or removed SKU (quantity = new eaches; 0 removes), one
 * orderEditAddVariant per added SKU, orderEditCommit. Steps and commit carry
 * {@link CALCULATED_ORDER_ID_PLACEHOLDER} as `id` until {@link bindCalculatedOrderId} fills in
 * orderEditBegin's calculatedOrder.id.
 */
export function toShopifyOrderEditSequence(
	plan: EditPlan,
	platformOrder: PlatformOrder,
	options: ShopifySequenceOptions = {},
): ShopifyOrderEditSequence {
	requireSequenceArguments(plan, platformOrder, options);
	const problems: string[] = [];
	const orderId = platformOrder.id ?? plan.platformOrderId;
	if (orderId === undefined)
		problems.push('The platform order has no id (gid://shopify/Order/...)');
	const steps: ShopifyOrderEditStep[] = [];
	const restock = options.restock !== false;
	for (const s of plan.skus) {
		let outcome: StepOrProblem | undefined;
		if (s.action === 'setQuantity' || s.action === 'remove') outcome = setQuantityStep(s, restock);
		else if (s.action === 'add') outcome = addVariantStep(s, options);
		if (outcome === undefined) continue;
		if ('step' in outcome) steps.push(outcome.step);
		else problems.push(outcome.problem);
	}
	if (steps.length === 0 && problems.length === 0)
		problems.push('The plan changes no platform line: there is nothing to edit');
	return {
		ok: problems.length === 0,
		problems,
		begin: {
			mutation: 'orderEditBegin',
			query: SHOPIFY_ORDER_EDIT_MUTATIONS.orderEditBegin,
			variables: { id: orderId === undefined ? '' : gid('Order', orderId) },
		},
		steps,
		commit: {
			mutation: 'orderEditCommit',
			query: SHOPIFY_ORDER_EDIT_MUTATIONS.orderEditCommit,
			variables: {
				id: CALCULATED_ORDER_ID_PLACEHOLDER,
				notifyCustomer: options.notifyCustomer ?? false,
				staffNote:
					options.staffNote ?? `Amazon PO ${plan.purchaseOrderNumber} change applied by n8n`,
			},
		},
		calculatedOrderIdPlaceholder: CALCULATED_ORDER_ID_PLACEHOLDER,
	};
}

/**
 * The sequence with orderEditBegin's calculatedOrder.id (or orderEditSession.id) in place of the
 * placeholder.
 */
export function bindCalculatedOrderId(
	sequence: ShopifyOrderEditSequence,
	calculatedOrderId: string,
): ShopifyOrderEditSequence {
	if (!isObject(sequence) || !Array.isArray(sequence.steps) || !isObject(sequence.commit))
		throw new ChangeOrderInputError(
			`The sequence must be a Shopify orderEdit sequence (got ${shown(sequence)})`,
			'sequence',
		);
	if (typeof calculatedOrderId !== 'string' || calculatedOrderId.trim() === '')
		throw new ChangeOrderInputError('The calculated order id is required', 'calculatedOrderId');
	const bind = (v: string) => (v === CALCULATED_ORDER_ID_PLACEHOLDER ? calculatedOrderId : v);
	return {
		...sequence,
		steps: sequence.steps.map(
			(s) =>
				({ ...s, variables: { ...s.variables, id: bind(s.variables.id) } }) as ShopifyOrderEditStep,
		),
		commit: {
			...sequence.commit,
			variables: { ...sequence.commit.variables, id: bind(sequence.commit.variables.id) },
		},
	};
}
