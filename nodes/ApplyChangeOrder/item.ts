import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { parsePlatformOrder, type PlatformOrder } from '../shared/domain/changeOrder';
import { readPurchaseOrderInput } from '../shared/domain/poInput';
import type { CanonicalPurchaseOrder } from '../shared/domain/purchaseOrder';
import { isObject } from '../shared/domain/values';
import type { OrderAcknowledgement } from '../shared/generated/vendorOrders';
import { readKeptAcknowledgement } from '../shared/domain/acknowledgement/previous';
import { isEmpty, pathParts, readJsonPath } from '../shared/domain/jsonPath';

/** One item's inputs: the changed and previous purchase orders, the platform order and more. */
export interface ItemInput {
	current: CanonicalPurchaseOrder;
	previous: CanonicalPurchaseOrder;
	platformOrder: PlatformOrder;
	previousAcknowledgement?: OrderAcknowledgement;
	variantIds: Record<string, string>;
}

/** Where the item holds each input (the node's field parameters, trimmed). */
interface ItemFields {
	current: string;
	previous: string;
	platform: string;
	acknowledgement: string;
	variants: string;
}

const ACKNOWLEDGEMENT_HINT =
	'Give the acknowledgement last sent for this purchase order ({purchaseOrderNumber, sellingParty, ' +
	'items: [{itemSequenceNumber, itemAcknowledgements: [...]}]}, e.g. the acknowledgement of ' +
	'Acknowledge PO), or leave the field empty.';

type Fail = (message: string, description?: string) => NodeOperationError;

function readFields(context: IExecuteFunctions, itemIndex: number): ItemFields {
	const text = (name: string, fallback: string) =>
		String(context.getNodeParameter(name, itemIndex, fallback) ?? '').trim();
	const extra = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		current: text('changedPurchaseOrderField', ''),
		previous: text('previousPurchaseOrderField', 'previousPurchaseOrder'),
		platform: text('platformOrderField', 'platformOrder'),
		acknowledgement: text('previousAcknowledgementField', 'previousAcknowledgement'),
		variants: String(extra.variantIdsField ?? 'variantIds').trim(),
	};
}

/** The changed purchase order: the item itself (without the other inputs), or a field of it. */
function readCurrent(
	json: IDataObject,
	fields: ItemFields,
	itemIndex: number,
	fail: Fail,
): CanonicalPurchaseOrder {
	let value: unknown;
	if (fields.current === '') {
		const copy: IDataObject = { ...json };
		for (const field of [
			fields.previous,
			fields.platform,
			fields.acknowledgement,
			fields.variants,
		]) {
			const top = pathParts(field)[0];
			if (top !== undefined) delete copy[top];
		}
		value = copy;
	} else {
		value = readJsonPath(json, fields.current);
		if (isEmpty(value)) {
			throw fail(
				`Item ${itemIndex}: no changed purchase order in the field "${fields.current}"`,
				'Set Changed Purchase Order Field to where the item holds the changed purchase order, ' +
					'or leave it empty when the item is the purchase order.',
			);
		}
	}
	const label = fields.current === '' ? 'the item' : `the field "${fields.current}"`;
	try {
		return readPurchaseOrderInput(value).purchaseOrder;
	} catch (error) {
		const reason = (error as Error).message;
		throw fail(`Item ${itemIndex}: ${label} is not a readable changed purchase order: ${reason}`);
	}
}

/** An input the item must hold in `field`: its parameter set, its value present and readable. */
interface RequiredInput<T> {
	field: string;
	/** The parameter's name, as the editor shows it. */
	parameter: string;
	/** What to do when the parameter is empty. */
	emptyHint: string;
	/** The input, as the messages name it. */
	what: string;
	/** What to do when the value is missing. */
	missingHint: string;
	/** How a readable value is called when it is not one. */
	notA: string;
	read: (value: unknown) => T;
}

function readRequired<T>(
	json: IDataObject,
	input: RequiredInput<T>,
	po: string,
	itemIndex: number,
	fail: Fail,
): T {
	if (input.field === '') {
		throw fail(`Item ${itemIndex}: ${input.parameter} is empty`, input.emptyHint);
	}
	const value = readJsonPath(json, input.field);
	if (isEmpty(value)) {
		const message = `Item ${itemIndex}: no ${input.what} in the field "${input.field}" (PO ${po})`;
		throw fail(message, input.missingHint);
	}
	try {
		return input.read(value);
	} catch (error) {
		const reason = (error as Error).message;
		throw fail(`Item ${itemIndex}: the field "${input.field}" is ${input.notA}: ${reason}`);
	}
}

function previousInput(field: string): RequiredInput<CanonicalPurchaseOrder> {
	return {
		field,
		parameter: 'Previous Purchase Order Field',
		emptyHint: 'Name the field that holds the version of the purchase order the workflow kept.',
		what: 'previous purchase order',
		missingHint:
			'Put the version of this purchase order the workflow kept (from an order metafield, a Data ' +
			'Table row...) into that field before this node, or set Previous Purchase Order Field to ' +
			'where it is.',
		notA: 'not a readable purchase order',
		read: (value) => readPurchaseOrderInput(value).purchaseOrder,
	};
}

function platformInput(field: string): RequiredInput<PlatformOrder> {
	return {
		field,
		parameter: 'Platform Order Field',
		emptyHint: "Name the field that holds the platform order's current state.",
		what: 'platform order',
		missingHint:
			'Look up the platform order of this purchase order before this node and put {id, status, ' +
			'lines: [{sku, ordered, fulfilled, inProgress}]} into that field.',
		notA: 'not a platform order',
		read: parsePlatformOrder,
	};
}

/** The mapping's variants, overridden by the item's own {sku: variant ID}. */
function variantIdsOf(
	json: IDataObject,
	field: string,
	fromMapping: Record<string, string>,
): Record<string, string> {
	const variantIds: Record<string, string> = { ...fromMapping };
	const fromItem = field === '' ? undefined : readJsonPath(json, field);
	if (!isObject(fromItem)) return variantIds;
	for (const [sku, id] of Object.entries(fromItem)) {
		if ((typeof id === 'string' && id.trim() !== '') || typeof id === 'number') {
			variantIds[sku] = String(id).trim();
		}
	}
	return variantIds;
}

/** This item's changed and previous purchase orders, platform order and previous acknowledgement. */
export function readItem(
	context: IExecuteFunctions,
	itemIndex: number,
	json: IDataObject,
	mappingVariantIds: Record<string, string>,
): ItemInput {
	const fields = readFields(context, itemIndex);
	const fail: Fail = (message, description) =>
		new NodeOperationError(context.getNode(), message, {
			itemIndex,
			...(description ? { description } : {}),
		});
	const current = readCurrent(json, fields, itemIndex, fail);
	const po = current.purchaseOrderNumber;
	const previous = readRequired(json, previousInput(fields.previous), po, itemIndex, fail);
	const platformOrder = readRequired(json, platformInput(fields.platform), po, itemIndex, fail);
	let previousAcknowledgement: OrderAcknowledgement | undefined;
	if (fields.acknowledgement !== '') {
		try {
			const value = readJsonPath(json, fields.acknowledgement);
			previousAcknowledgement = readKeptAcknowledgement(
				value,
				fields.acknowledgement,
				po,
				itemIndex,
			);
		} catch (error) {
			// readKeptAcknowledgement throws only its PreviousAcknowledgementError.
			throw fail(`Item ${itemIndex}: ${(error as Error).message}`, ACKNOWLEDGEMENT_HINT);
		}
	}
	const variantIds = variantIdsOf(json, fields.variants, mappingVariantIds);
	return { current, previous, platformOrder, previousAcknowledgement, variantIds };
}
