/**
 * Checks the arguments of buildAcknowledgement before anything is built, so that a wrong value
 * (null, a wrong type, a string where a number belongs) is a named error naming the field instead of
 * an engine TypeError or a wrong acknowledgement. Pure: no n8n imports.
 */
import { DECIMAL_PATTERN, MoneySchema } from '../../generated/vendorOrders';
import type { PurchaseOrderAllocation } from '../allocation';
import type { MappedPurchaseOrder } from '../caseMapping';
import type { CanonicalPurchaseOrder } from '../purchaseOrder';
import { isObject, shown } from '../values';
import type { AcknowledgementOptions } from './build';
import { AcknowledgementBuildError, AcknowledgementOptionsError } from './errors';

type Json = Record<string, unknown>;
type Fail = (path: string, message: string) => never;

const PRICE_UNITS: readonly unknown[] = MoneySchema.shape.unitOfMeasure.unwrap().options;
const REJECTION_REASONS: readonly unknown[] = [
	'TemporarilyUnavailable',
	'InvalidProductIdentifier',
	'ObsoleteProduct',
];

function isCount(value: unknown, min: number): boolean {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function objectAt(value: unknown, path: string, fail: Fail): Json {
	if (!isObject(value)) return fail(path, `must be an object (got ${shown(value)})`);
	return value;
}

function textAt(value: unknown, path: string, fail: Fail, optional: boolean): void {
	if (optional && value === undefined) return;
	if (typeof value !== 'string') fail(path, `must be text (got ${shown(value)})`);
}

function moneyAt(value: unknown, path: string, fail: Fail): void {
	if (value === undefined) return;
	const money = objectAt(value, path, fail);
	if (typeof money.currencyCode !== 'string' || !/^[A-Z]{3}$/.test(money.currencyCode))
		fail(
			`${path}.currencyCode`,
			`must be a 3-letter currency code (got ${shown(money.currencyCode)})`,
		);
	if (typeof money.amount !== 'string' || !DECIMAL_PATTERN.test(money.amount))
		fail(`${path}.amount`, `must be a decimal string such as "12.50" (got ${shown(money.amount)})`);
	if (money.unitOfMeasure !== undefined && !PRICE_UNITS.includes(money.unitOfMeasure))
		fail(
			`${path}.unitOfMeasure`,
			`must be one of ${PRICE_UNITS.join(', ')} (got ${shown(money.unitOfMeasure)})`,
		);
}

function itemAt(value: unknown, path: string, fail: Fail): void {
	const item = objectAt(value, path, fail);
	textAt(item.itemSequenceNumber, `${path}.itemSequenceNumber`, fail, false);
	textAt(item.amazonProductIdentifier, `${path}.amazonProductIdentifier`, fail, true);
	textAt(item.vendorProductIdentifier, `${path}.vendorProductIdentifier`, fail, true);
	const q = objectAt(item.orderedQuantity, `${path}.orderedQuantity`, fail);
	if (!isCount(q.amount, 0))
		fail(
			`${path}.orderedQuantity.amount`,
			`must be a whole number of 0 or more (got ${shown(q.amount)})`,
		);
	if (q.unitOfMeasure !== 'Cases' && q.unitOfMeasure !== 'Eaches')
		fail(
			`${path}.orderedQuantity.unitOfMeasure`,
			`must be Cases or Eaches (got ${shown(q.unitOfMeasure)})`,
		);
	if (!isCount(q.unitSize, 1))
		fail(
			`${path}.orderedQuantity.unitSize`,
			`must be a whole number of 1 or more (got ${shown(q.unitSize)})`,
		);
	if (typeof item.isBackOrderAllowed !== 'boolean')
		fail(
			`${path}.isBackOrderAllowed`,
			`must be true or false (got ${shown(item.isBackOrderAllowed)})`,
		);
	moneyAt(item.netCost, `${path}.netCost`, fail);
	moneyAt(item.listPrice, `${path}.listPrice`, fail);
}

function windowAt(value: unknown, path: string, fail: Fail): void {
	if (value === undefined) return;
	textAt(objectAt(value, path, fail).start, `${path}.start`, fail, true);
}

/** The mapped PO: the fields the acknowledgement reads, with their types. */
function checkMapped(mapped: unknown): CanonicalPurchaseOrder {
	const root = objectAt(mapped, 'mapped', (path, message) => {
		throw new AcknowledgementOptionsError(`${path} ${message}`, path);
	});
	const po = root.purchaseOrder;
	if (!isObject(po) || typeof po.purchaseOrderNumber !== 'string' || po.purchaseOrderNumber === '')
		throw new AcknowledgementOptionsError(
			'mapped.purchaseOrder must be a purchase order with a purchaseOrderNumber',
			'mapped.purchaseOrder',
		);
	const fail: Fail = (path, message) => {
		throw new AcknowledgementBuildError(
			po.purchaseOrderNumber as string,
			`${path} ${message}`,
			path,
		);
	};
	if (!Array.isArray(po.items))
		fail('mapped.purchaseOrder.items', `must be an array (got ${shown(po.items)})`);
	(po.items as unknown[]).forEach((item, i) =>
		itemAt(item, `mapped.purchaseOrder.items[${i}]`, fail),
	);
	if (po.sellingParty !== undefined)
		textAt(
			objectAt(po.sellingParty, 'mapped.purchaseOrder.sellingParty', fail).partyId,
			'mapped.purchaseOrder.sellingParty.partyId',
			fail,
			false,
		);
	windowAt(po.shipWindow, 'mapped.purchaseOrder.shipWindow', fail);
	windowAt(po.deliveryWindow, 'mapped.purchaseOrder.deliveryWindow', fail);
	if (!Array.isArray(root.lines))
		fail('mapped.lines', `must be an array (got ${shown(root.lines)})`);
	(root.lines as unknown[]).forEach((line, i) => {
		const cost = isObject(line) ? line.expectedUnitCost : undefined;
		if (cost !== undefined && (typeof cost !== 'string' || !DECIMAL_PATTERN.test(cost)))
			fail(`mapped.lines[${i}].expectedUnitCost`, `must be a decimal string (got ${shown(cost)})`);
	});
	return po as unknown as CanonicalPurchaseOrder;
}

/** The allocation: its lines' identity; the quantities are checked line by line when building. */
function checkAllocation(allocation: unknown, poNumber: string): void {
	const fail: Fail = (path, message) => {
		throw new AcknowledgementBuildError(poNumber, `${path} ${message}`, path);
	};
	const root = objectAt(allocation, 'allocation', fail);
	textAt(root.purchaseOrderNumber, 'allocation.purchaseOrderNumber', fail, false);
	if (!Array.isArray(root.lines))
		fail('allocation.lines', `must be an array (got ${shown(root.lines)})`);
	(root.lines as unknown[]).forEach((value, i) => {
		const path = `allocation.lines[${i}]`;
		const line = objectAt(value, path, fail);
		if (!isCount(line.index, 0))
			fail(`${path}.index`, `must be a whole number (got ${shown(line.index)})`);
		textAt(line.itemSequenceNumber, `${path}.itemSequenceNumber`, fail, false);
		if (line.rejectionReason !== undefined && !REJECTION_REASONS.includes(line.rejectionReason))
			fail(
				`${path}.rejectionReason`,
				`must be an Amazon rejection reason (got ${shown(line.rejectionReason)})`,
			);
	});
}

export interface CheckedOptions {
	delay: number;
	costMode: 'purchaseOrder' | 'agreedCost';
}

function checkOptions(options: unknown): CheckedOptions {
	const fail: Fail = (path, message) => {
		throw new AcknowledgementOptionsError(`${path} ${message}`, path);
	};
	const o = objectAt(options, 'options', fail) as Partial<AcknowledgementOptions>;
	const delay = o.backorderDelayDays ?? 7;
	if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0)
		throw new AcknowledgementOptionsError(
			`backorderDelayDays must be 0 or more (got ${String(delay)})`,
			'options.backorderDelayDays',
		);
	const costMode = o.netCost ?? 'purchaseOrder';
	if (costMode !== 'purchaseOrder' && costMode !== 'agreedCost')
		throw new AcknowledgementOptionsError(
			`netCost must be purchaseOrder or agreedCost (got ${JSON.stringify(costMode)})`,
			'options.netCost',
		);
	if (o.sellingPartyId !== undefined && typeof o.sellingPartyId !== 'string')
		fail('options.sellingPartyId', `must be text (got ${shown(o.sellingPartyId)})`);
	return { delay, costMode };
}

/** Checks the three arguments of buildAcknowledgement; returns the PO and the resolved options. */
export function checkBuildArguments(
	mapped: MappedPurchaseOrder,
	allocation: PurchaseOrderAllocation,
	options: AcknowledgementOptions,
): { po: CanonicalPurchaseOrder } & CheckedOptions {
	const po = checkMapped(mapped);
	checkAllocation(allocation, po.purchaseOrderNumber);
	return { po, ...checkOptions(options) };
}
