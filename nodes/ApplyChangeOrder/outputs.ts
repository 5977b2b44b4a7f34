import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import {
	toShopifyOrderEditSequence,
	type ChangeOrderResult,
	type EditPlan,
} from '../shared/domain/changeOrder';
import { acknowledgementToKeep } from '../shared/domain/acknowledgement/previous';
import type { ItemInput } from './item';
import type { ApplyChangeOrderOptions } from './options';

/** The three outputs of Apply Change Order, each item paired with its input item. */
export interface Outputs {
	apply: INodeExecutionData[];
	blocked: INodeExecutionData[];
	noChange: INodeExecutionData[];
	push(output: 'apply' | 'blocked' | 'noChange', itemIndex: number, json: IDataObject): void;
}

export function newOutputs(): Outputs {
	const outputs: Outputs = {
		apply: [],
		blocked: [],
		noChange: [],
		push: (output, item, json) => outputs[output].push({ json, pairedItem: { item } }),
	};
	return outputs;
}

type Applied = Extract<ChangeOrderResult, { route: 'apply' }>;

function orderValueOf(plan: EditPlan): IDataObject {
	const value = plan.orderValue;
	return {
		...(value.currencyCode !== undefined ? { currencyCode: value.currencyCode } : {}),
		amount: value.current,
		previousAmount: value.previous,
		difference: value.difference,
		excludedLines: value.excludedLines,
	};
}

/**
 * The Apply item: the plan, the new order value, the re-acknowledgement and the acknowledgement
 * to keep, and on request the Shopify OrderEdit sequence (a sequence that cannot be built is a
 * warning). `warnings` is the item's list: later steps add to it.
 */
export function appliedJson(
	base: IDataObject,
	result: Applied,
	input: ItemInput,
	options: ApplyChangeOrderOptions,
): IDataObject {
	const { plan, reacknowledgement } = result;
	const platformEditNeeded = plan.setQuantities.length + plan.additions.length > 0;
	const warnings = [...result.warnings];
	const out: IDataObject = {
		...base,
		plan: plan as unknown as IDataObject,
		platformEditNeeded,
		orderValue: orderValueOf(plan),
		reacknowledgement: (reacknowledgement ?? null) as unknown as IDataObject,
		purchaseOrder: input.current as unknown as IDataObject,
		acknowledgementToKeep: acknowledgementToKeep(
			input.previousAcknowledgement,
			reacknowledgement?.acknowledgement,
		) as unknown as IDataObject,
		warnings,
	};
	if (!options.shopify) return out;
	if (!platformEditNeeded) return { ...out, shopifyOrderEdit: null };
	const sequence = toShopifyOrderEditSequence(plan, input.platformOrder, {
		variantIds: input.variantIds,
		...options.shopifyEdit,
	});
	if (!sequence.ok) {
		warnings.push(`The Shopify order edit cannot be built: ${sequence.problems.join('; ')}`);
	}
	return { ...out, shopifyOrderEdit: sequence as unknown as IDataObject };
}
