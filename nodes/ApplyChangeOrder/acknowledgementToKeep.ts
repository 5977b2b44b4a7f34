/**
 * The acknowledgements of a changed purchase order: the one last sent, read from wherever the
 * workflow kept it, and the one Amazon holds once the re-acknowledgement is sent.
 * Pure: no n8n imports.
 */
import { InvalidInputError } from '../shared/domain/inputError';
import { isObject } from '../shared/domain/values';
import type { OrderAcknowledgement } from '../shared/generated/vendorOrders';
import { isEmpty, unwrapJson } from './jsonPath';

export class PreviousAcknowledgementError extends InvalidInputError {
	constructor(message: string, path: string, itemIndex?: number) {
		super(message, path, itemIndex);
		this.name = 'PreviousAcknowledgementError';
	}
}

/** Two item sequence numbers are the same line: equal, or equal numbers (`1` and `00001`). */
export function sameSequence(a: string | undefined, b: string | undefined): boolean {
	if (a === undefined || b === undefined) return false;
	return a === b || (/^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b));
}

/** The acknowledgement inside what the workflow kept, or undefined when it holds none of `po`. */
function unwrapAcknowledgement(value: unknown, po: string): unknown {
	if (!isObject(value)) return value;
	if (isObject(unwrapJson(value.acknowledgementToKeep)))
		return unwrapJson(value.acknowledgementToKeep);
	if (isObject(unwrapJson(value.acknowledgement))) return unwrapJson(value.acknowledgement);
	if (!Array.isArray(value.acknowledgements)) return value;
	const all = value.acknowledgements as unknown[];
	return (
		all.find((a) => isObject(a) && a.purchaseOrderNumber === po) ??
		(all.length === 1 ? all[0] : undefined)
	);
}

/**
 * The previous acknowledgement, wherever the workflow kept it: an OrderAcknowledgement, an item of
 * Acknowledge PO or of Apply Change Order (its `acknowledgement` / `acknowledgementToKeep`), or a
 * submitAcknowledgement body. Undefined when the value is empty; a PreviousAcknowledgementError
 * naming the item and the field when it is not one.
 */
export function readPreviousAcknowledgement(
	value: unknown,
	field: string,
	po: string,
	itemIndex: number,
): OrderAcknowledgement | undefined {
	if (isEmpty(value)) return undefined;
	const fail = (why: string, at = ''): never => {
		const message = `Item ${itemIndex}: the field "${field}" is not an acknowledgement: ${why}`;
		throw new PreviousAcknowledgementError(message, `${field}${at}`, itemIndex);
	};
	const ack = unwrapAcknowledgement(value, po);
	if (ack === undefined) fail(`it holds no acknowledgement of PO ${po}`, '.acknowledgements');
	if (!isObject(ack)) return fail('it must be an object');
	if (typeof ack.purchaseOrderNumber !== 'string') {
		fail('purchaseOrderNumber is missing', '.purchaseOrderNumber');
	}
	if (!Array.isArray(ack.items)) fail('items must be a list', '.items');
	(ack.items as unknown[]).forEach((item, i) => {
		if (!isObject(item) || !Array.isArray(item.itemAcknowledgements)) {
			fail(`items[${i}].itemAcknowledgements must be a list`, `.items[${i}].itemAcknowledgements`);
		}
	});
	return ack as unknown as OrderAcknowledgement;
}

/**
 * The previous acknowledgement with the re-acknowledged lines replaced: what Amazon holds once
 * the re-acknowledgement is sent.
 */
export function acknowledgementToKeep(
	previous: OrderAcknowledgement | undefined,
	next: OrderAcknowledgement | undefined,
): OrderAcknowledgement | null {
	if (next === undefined) return previous ?? null;
	if (previous === undefined) return next;
	const items = previous.items.map(
		(item) =>
			next.items.find((n) => sameSequence(n.itemSequenceNumber, item.itemSequenceNumber)) ?? item,
	);
	for (const n of next.items) {
		if (!previous.items.some((p) => sameSequence(p.itemSequenceNumber, n.itemSequenceNumber))) {
			items.push(n);
		}
	}
	return { ...previous, acknowledgementDate: next.acknowledgementDate, items };
}
