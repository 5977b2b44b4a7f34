/** Reading a mapped PO back from a node input item. Pure: no n8n imports. */
import { isObject, shown } from '../values';
import { MappedPurchaseOrderError } from './errors';
import type { MappedPurchaseOrder } from './types';

// ---------------------------------------------------------------------------------------------
// Reading a mapped PO back (node input is plain JSON)

function fail(path: string, reason: string): never {
	throw new MappedPurchaseOrderError(path, reason);
}

function isWholeNumber(value: unknown, min: number): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/**
 * Checks that a JSON value (a node input item) is a MappedPurchaseOrder as produced by
 * mapPurchaseOrder, with the fields allocation and acknowledgement rely on; returns it typed.
 * Throws MappedPurchaseOrderError naming the path.
 */
export function readMappedPurchaseOrder(value: unknown): MappedPurchaseOrder {
	if (!isObject(value)) return fail('(root)', `must be an object (got ${shown(value)})`);
	const po = value.purchaseOrder;
	if (!isObject(po))
		return fail('purchaseOrder', 'is required (the output of the Map ASIN / Case Pack node)');
	if (typeof po.purchaseOrderNumber !== 'string' || po.purchaseOrderNumber === '')
		return fail('purchaseOrder.purchaseOrderNumber', 'is required');
	if (typeof po.purchaseOrderDate !== 'string')
		return fail('purchaseOrder.purchaseOrderDate', 'is required');
	if (!Array.isArray(po.items)) return fail('purchaseOrder.items', 'must be an array');
	if (value.route !== 'mapped' && value.route !== 'exceptions')
		return fail('route', `must be "mapped" or "exceptions" (got ${shown(value.route)})`);
	const lines = value.lines;
	if (!Array.isArray(lines)) return fail('lines', 'must be an array');
	if (lines.length !== po.items.length)
		return fail(
			'lines',
			`must have one entry per PO item (${po.items.length}, got ${lines.length})`,
		);
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const item = po.items[i];
		const path = `lines[${i}]`;
		if (!isObject(line)) return fail(path, 'must be an object');
		if (!isObject(item) || !isObject(item.orderedQuantity))
			return fail(`purchaseOrder.items[${i}].orderedQuantity`, 'is required');
		if (line.index !== i) return fail(`${path}.index`, `must be ${i} (got ${shown(line.index)})`);
		if (line.itemSequenceNumber !== item.itemSequenceNumber)
			return fail(
				`${path}.itemSequenceNumber`,
				`must equal the PO item's ${shown(item.itemSequenceNumber)} (got ${shown(line.itemSequenceNumber)})`,
			);
		if (line.status !== 'mapped' && line.status !== 'reject')
			return fail(`${path}.status`, `must be "mapped" or "reject" (got ${shown(line.status)})`);
		if (line.status === 'mapped' && (typeof line.sku !== 'string' || line.sku === ''))
			return fail(`${path}.sku`, 'is required on a mapped line');
		if (
			line.status === 'reject' &&
			!['TemporarilyUnavailable', 'InvalidProductIdentifier', 'ObsoleteProduct'].includes(
				line.rejectionReason as string,
			)
		) {
			return fail(
				`${path}.rejectionReason`,
				`must be an Amazon rejection reason (got ${shown(line.rejectionReason)})`,
			);
		}
		if (line.unitOfMeasure !== 'Cases' && line.unitOfMeasure !== 'Eaches')
			return fail(
				`${path}.unitOfMeasure`,
				`must be Cases or Eaches (got ${shown(line.unitOfMeasure)})`,
			);
		if (!isWholeNumber(line.orderedAmount, 0))
			return fail(
				`${path}.orderedAmount`,
				`must be a whole number (got ${shown(line.orderedAmount)})`,
			);
		if (!isWholeNumber(line.unitSize, line.status === 'mapped' ? 1 : 0))
			return fail(
				`${path}.unitSize`,
				`must be a whole number of 1 or more (got ${shown(line.unitSize)})`,
			);
		if (typeof line.isBackOrderAllowed !== 'boolean')
			return fail(`${path}.isBackOrderAllowed`, 'must be true or false');
		if (!Array.isArray(line.exceptions) || !Array.isArray(line.warnings))
			return fail(path, 'must have exceptions and warnings lists');
	}
	return value as unknown as MappedPurchaseOrder;
}
