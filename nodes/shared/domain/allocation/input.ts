/**
 * Checks the mapped POs given to allocate: the fields it reads, with their types, so that a wrong
 * value is an AllocationInputError naming `pos[i]...` instead of an engine TypeError. Pure.
 */
import type { MappedPurchaseOrder } from '../caseMapping';
import { isObject, shown } from '../values';
import { AllocationInputError } from './errors';

const REASONS: readonly unknown[] = [
	'TemporarilyUnavailable',
	'InvalidProductIdentifier',
	'ObsoleteProduct',
];

function isCount(value: unknown): boolean {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function checkLine(value: unknown, path: string): void {
	const fail = (field: string, what: string, got: unknown): never => {
		throw new AllocationInputError(
			`${path}${field} ${what} (got ${shown(got)})`,
			`${path}${field}`,
		);
	};
	if (!isObject(value)) return fail('', 'must be a mapped line', value);
	if (typeof value.itemSequenceNumber !== 'string')
		fail('.itemSequenceNumber', 'must be text', value.itemSequenceNumber);
	if (value.status !== 'mapped' && value.status !== 'reject')
		fail('.status', 'must be "mapped" or "reject"', value.status);
	if (value.unitOfMeasure !== 'Cases' && value.unitOfMeasure !== 'Eaches')
		fail('.unitOfMeasure', 'must be Cases or Eaches', value.unitOfMeasure);
	if (!isCount(value.orderedAmount))
		fail('.orderedAmount', 'must be a whole number', value.orderedAmount);
	if (value.status === 'reject' && !isCount(value.unitSize))
		fail('.unitSize', 'must be a whole number', value.unitSize);
	if (typeof value.isBackOrderAllowed !== 'boolean')
		fail('.isBackOrderAllowed', 'must be true or false', value.isBackOrderAllowed);
	if (value.sku !== undefined && typeof value.sku !== 'string')
		fail('.sku', 'must be text', value.sku);
	if (value.rejectionReason !== undefined && !REASONS.includes(value.rejectionReason))
		fail('.rejectionReason', 'must be an Amazon rejection reason', value.rejectionReason);
}

/** Throws AllocationInputError for anything allocate cannot read. */
export function checkMappedPurchaseOrders(pos: unknown): asserts pos is MappedPurchaseOrder[] {
	if (!Array.isArray(pos)) throw new AllocationInputError('Purchase orders must be a list', 'pos');
	pos.forEach((mapped: unknown, i) => {
		const path = `pos[${i}]`;
		const po = isObject(mapped) ? mapped.purchaseOrder : undefined;
		if (!isObject(po) || typeof po.purchaseOrderNumber !== 'string' || !Array.isArray(po.items))
			throw new AllocationInputError(
				`${path} must be a mapped PO with purchaseOrder.purchaseOrderNumber and items (got ${shown(mapped)})`,
				`${path}.purchaseOrder`,
			);
		const { lines, exceptions } = mapped as Record<string, unknown>;
		if (!Array.isArray(lines) || !Array.isArray(exceptions))
			throw new AllocationInputError(
				`${path} must have lines and exceptions lists`,
				`${path}.lines`,
			);
		lines.forEach((line, k) => checkLine(line, `${path}.lines[${k}]`));
	});
}
