/**
 * Checks of canonical purchase orders handed in as values (node input, a hand-built PO): the
 * fields the later steps read, with their types, and one line per itemSequenceNumber. Pure.
 */
import { DECIMAL_PATTERN } from '../../generated/vendorOrders';
import { isObject, shown } from '../values';

/** Throws the caller's named error for `path` (relative to the PO). */
export type CanonicalFail = (path: string, reason: string) => never;

const DIGITS = /^\d+$/;

/** One line's identity: a numeric itemSequenceNumber by its value ("00001" and "1" are one line). */
export function sequenceKey(itemSequenceNumber: string): string {
	return DIGITS.test(itemSequenceNumber)
		? itemSequenceNumber.replace(/^0+(?=\d)/, '')
		: itemSequenceNumber;
}

/**
 * The index of the first earlier item with the same itemSequenceNumber as each item, or undefined:
 * Amazon numbers every line of a PO once.
 */
export function duplicateSequence(
	sequences: readonly string[],
): { index: number; first: number } | undefined {
	const seen = new Map<string, number>();
	for (let index = 0; index < sequences.length; index++) {
		const key = sequenceKey(sequences[index]);
		const first = seen.get(key);
		if (first !== undefined) return { index, first };
		seen.set(key, index);
	}
	return undefined;
}

function isCount(value: unknown, min: number): boolean {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function checkMoney(value: unknown, path: string, fail: CanonicalFail): void {
	if (value === undefined) return;
	if (!isObject(value)) fail(path, `must be an object (got ${shown(value)})`);
	const money = value as Record<string, unknown>;
	if (typeof money.amount !== 'string' || !DECIMAL_PATTERN.test(money.amount))
		fail(`${path}.amount`, `must be a decimal string (got ${shown(money.amount)})`);
	if (typeof money.currencyCode !== 'string' || money.currencyCode === '')
		fail(`${path}.currencyCode`, `is required (got ${shown(money.currencyCode)})`);
	if (money.unitOfMeasure !== undefined && typeof money.unitOfMeasure !== 'string')
		fail(`${path}.unitOfMeasure`, `must be text (got ${shown(money.unitOfMeasure)})`);
}

function checkItem(value: unknown, path: string, fail: CanonicalFail): void {
	if (!isObject(value)) return fail(path, 'must be an object');
	if (typeof value.itemSequenceNumber !== 'string')
		fail(`${path}.itemSequenceNumber`, 'is required');
	for (const key of ['amazonProductIdentifier', 'vendorProductIdentifier'] as const) {
		if (value[key] !== undefined && typeof value[key] !== 'string')
			fail(`${path}.${key}`, `must be text (got ${shown(value[key])})`);
	}
	const q = value.orderedQuantity;
	if (
		!isObject(q) ||
		!isCount(q.amount, 0) ||
		!isCount(q.unitSize, 0) ||
		(q.unitOfMeasure !== 'Cases' && q.unitOfMeasure !== 'Eaches')
	) {
		fail(`${path}.orderedQuantity`, 'must be {amount, unitOfMeasure: Cases|Eaches, unitSize}');
	}
	if (!isCount(value.orderedEaches, 0)) fail(`${path}.orderedEaches`, 'is required');
	if (typeof value.isBackOrderAllowed !== 'boolean')
		fail(`${path}.isBackOrderAllowed`, 'is required');
	checkMoney(value.netCost, `${path}.netCost`, fail);
	checkMoney(value.listPrice, `${path}.listPrice`, fail);
}

/**
 * Checks that `json` is a canonical purchase order (as normalisePurchaseOrder writes it): number,
 * date, items with identifiers, quantities, backorder flag and prices of the right types, and no
 * itemSequenceNumber twice. Calls `fail` (which throws the caller's named error) for the first problem.
 */
export function checkCanonicalPurchaseOrder(json: unknown, fail: CanonicalFail): void {
	if (!isObject(json))
		return fail('(root)', `must be a purchase order object (got ${shown(json)})`);
	if (typeof json.purchaseOrderNumber !== 'string' || !json.purchaseOrderNumber)
		fail('purchaseOrderNumber', 'is required');
	if (typeof json.purchaseOrderDate !== 'string') fail('purchaseOrderDate', 'is required');
	if (!Array.isArray(json.items)) return fail('items', 'must be an array');
	json.items.forEach((item, i) => checkItem(item, `items[${i}]`, fail));
	const twice = duplicateSequence(json.items.map((item) => item.itemSequenceNumber as string));
	if (twice !== undefined) {
		fail(
			`items[${twice.index}].itemSequenceNumber`,
			`${shown(json.items[twice.index].itemSequenceNumber)} is also the number of ` +
				`items[${twice.first}]: every PO line has its own itemSequenceNumber`,
		);
	}
}
