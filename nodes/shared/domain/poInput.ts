/**
 * Reads a purchase order from a node input item, whichever node produced it: the PO trigger (the
 * normalised fields with Amazon's object under `raw`), the Amazon Vendor Central node (Amazon's
 * object as is, or normalised), or a workflow that kept either. Pure: no n8n imports.
 */
import { InvalidInputError } from './inputError';
import {
	checkCanonicalPurchaseOrder,
	normalisePurchaseOrder,
	type CanonicalPurchaseOrder,
} from './purchaseOrder';
import { isObject } from './values';

export interface PurchaseOrderInput {
	purchaseOrder: CanonicalPurchaseOrder;
	/** Amazon's object as sent, when the item carries it. */
	raw?: unknown;
	/** Trigger fields passed along (event, eventKey, changeDate). */
	context: Record<string, unknown>;
}

export class PurchaseOrderInputError extends InvalidInputError {
	constructor(message: string, path = '(root)') {
		super(message, path);
		this.name = 'PurchaseOrderInputError';
	}
}

const CONTEXT_FIELDS = ['event', 'eventKey', 'changeDate', 'ageHours'];

export function readPurchaseOrderInput(json: unknown): PurchaseOrderInput {
	if (!isObject(json)) throw new PurchaseOrderInputError('The item is not an object');
	const context: Record<string, unknown> = {};
	for (const f of CONTEXT_FIELDS) if (json[f] !== undefined) context[f] = json[f];
	if (typeof json.error === 'string' && !Array.isArray(json.items)) {
		throw new PurchaseOrderInputError(
			`The purchase order could not be read upstream: ${json.error}`,
			'error',
		);
	}
	// Amazon's own shape (details under orderDetails) is normalised here. The trigger's normalised
	// shape carries Amazon's object under raw: that is normalised again, so both routes give the
	// same result. A normalised PO without raw is taken as it is after a structural check.
	const amazon = isObject(json.orderDetails)
		? json
		: isObject(json.raw) && isObject(json.raw.orderDetails)
			? json.raw
			: undefined;
	if (!amazon) return { purchaseOrder: checkCanonical(json), context };
	// A PurchaseOrderFormatError (path: reason) goes to the caller.
	return { purchaseOrder: normalisePurchaseOrder(amazon), raw: amazon, context };
}

function checkCanonical(json: Record<string, unknown>): CanonicalPurchaseOrder {
	checkCanonicalPurchaseOrder(json, (path, reason) => {
		throw new PurchaseOrderInputError(`The item is not a purchase order: ${path} ${reason}`, path);
	});
	const po: Record<string, unknown> = { warnings: [], ...json };
	for (const key of ['raw', ...CONTEXT_FIELDS]) delete po[key];
	return po as unknown as CanonicalPurchaseOrder;
}
