import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	bindCalculatedOrderId,
	type ShopifyOrderEditSequence,
} from '../../../shared/domain/platforms/shopifyOrderEdit';
import {
	editSequence,
	metafieldsRequest,
	planOf,
	readEditBegun,
	readEditCommitted,
	readEditStep,
	readMetafieldsSet,
	readVariantIds,
	requestOf,
	ShopifyAnswerError,
	skuRequests,
	skusToAdd,
	snapshotAfterChange,
	VARIANTS_QUERY,
} from '../../../shared/domain/platforms/shopify';
import { isObject, type Json } from '../../../shared/domain/values';
import { gql, jsonParameter, output, requiredText, shopifyStep, stringField } from '../common';

const show = { show: { resource: ['order'], operation: ['applyChange'] } };

export const description: INodeProperties[] = [
	stringField('order', ['applyChange'], {
		displayName: 'Order ID',
		name: 'orderId',
		required: true,
		placeholder: 'gid://shopify/Order/5001',
		description: 'The Shopify order the change applies to (Get Fulfilment State gives it)',
	}),
	{
		displayName: 'Previous Snapshot',
		name: 'previousSnapshot',
		type: 'json',
		default: '{}',
		displayOptions: show,
		description:
			"The order's PO snapshot before the change (Get Fulfilment State's snapshot): kept where the change leaves it",
	},
	{
		displayName: 'Variant IDs',
		name: 'variantIds',
		type: 'json',
		default: '{}',
		displayOptions: show,
		description:
			'SKU -> variant ID for SKUs the change adds; SKUs missing here are looked up in Shopify',
	},
];

/** Any failure of a step as a ShopifyAnswerError that says what the order was left as. */
function wrapped(error: unknown, before: string, after: string): ShopifyAnswerError {
	const message = (error as Error).message;
	const problems = error instanceof ShopifyAnswerError ? error.problems : [message];
	return new ShopifyAnswerError(`${before}${message}${after}`, problems);
}

type Step = { sku: string; mutation: string; quantity: number };

/** Begin, every step, commit: the first refusal stops before the commit, so nothing changes. */
async function runEdit(
	context: IExecuteFunctions,
	itemIndex: number,
	po: string,
	sequence: ShopifyOrderEditSequence,
): Promise<{ calculatedOrderId: string; steps: Step[] }> {
	const calculatedOrderId = readEditBegun(
		await gql(context, requestOf(sequence.begin), itemIndex),
		po,
	);
	const bound = bindCalculatedOrderId(sequence, calculatedOrderId);
	const steps: Step[] = [];
	try {
		for (const step of bound.steps) {
			readEditStep(await gql(context, requestOf(step), itemIndex), step.mutation, step.sku, po);
			steps.push({ sku: step.sku, mutation: step.mutation, quantity: step.variables.quantity });
		}
		readEditCommitted(await gql(context, requestOf(bound.commit), itemIndex), po);
	} catch (error) {
		throw wrapped(error, '', '. The order edit was not committed: the Shopify order is unchanged');
	}
	return { calculatedOrderId, steps };
}

async function variantIdsFor(
	context: IExecuteFunctions,
	itemIndex: number,
	given: Record<string, string>,
	missing: string[],
): Promise<Record<string, string>> {
	if (!missing.length) return given;
	const bodies: unknown[] = [];
	for (const request of skuRequests(missing, VARIANTS_QUERY))
		bodies.push(await gql(context, request, itemIndex));
	return { ...given, ...readVariantIds(bodies) };
}

function objectParameter(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): Json {
	const value = jsonParameter(context, name, label, itemIndex, {});
	if (!isObject(value))
		throw new NodeOperationError(context.getNode(), `${label} must be a JSON object`, {
			itemIndex,
		});
	return value;
}

/**
 * Applies an Apply item of Apply Change Order to the Shopify order: the whole orderEdit sequence
 * when the plan changes the order (begin, one step per SKU, commit), then the new PO snapshot.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const applied = this.getInputData()[itemIndex].json as Json;
	const orderId = requiredText(this, 'orderId', 'Order ID', itemIndex);
	const namespace = requiredText(this, 'namespace', 'Metafield Namespace', itemIndex);
	const previous = objectParameter(this, 'previousSnapshot', 'Previous Snapshot', itemIndex);
	const given = objectParameter(this, 'variantIds', 'Variant IDs', itemIndex) as Record<
		string,
		string
	>;
	const plan = planOf(applied);
	const po = String(applied.purchaseOrderNumber ?? plan.purchaseOrderNumber);
	const edit = applied.platformEditNeeded === true;
	const result = await shopifyStep(this, itemIndex, async () => {
		let variantIds = { ...((previous.variantIds as Record<string, string>) ?? {}), ...given };
		let done: { calculatedOrderId: string; steps: Step[] } = { calculatedOrderId: '', steps: [] };
		if (edit) {
			variantIds = await variantIdsFor(this, itemIndex, variantIds, skusToAdd(plan, variantIds));
			done = await runEdit(this, itemIndex, po, editSequence(plan, orderId, variantIds));
		}
		const snapshot = snapshotAfterChange(applied, previous, variantIds, new Date().toISOString());
		try {
			const request = metafieldsRequest(orderId, namespace, { po_snapshot: snapshot });
			readMetafieldsSet(await gql(this, request, itemIndex), `the PO snapshot of Amazon PO ${po}`);
		} catch (error) {
			throw wrapped(
				error,
				edit ? 'The order edit was committed, but ' : 'Nothing was edited, and ',
				'',
			);
		}
		return { purchaseOrderNumber: po, orderId, orderEdited: edit, ...done, snapshotSaved: true };
	});
	return [output(this, itemIndex, result as unknown as IDataObject)];
}
