/**
 * The checks of a canonical purchase order given to Apply Change Order: the fields the diff, the
 * plan and the re-acknowledgement read, so that a wrong value is a named error, never a TypeError
 * later. Pure: no n8n imports.
 */
import { parseDecimal } from '../money';
import type { CanonicalPurchaseOrder } from '../purchaseOrder';
import { isObject, shown } from '../values';
import { ChangeOrderInputError } from './errors';

type Fail = (path: string, what: string, value: unknown) => never;

const fail: Fail = (path, what, value) => {
	throw new ChangeOrderInputError(`${path} must be ${what} (got ${shown(value)})`, path);
};

function optionalString(value: unknown, path: string): void {
	if (value !== undefined && typeof value !== 'string') fail(path, 'a string', value);
}

function wholeNumber(value: unknown, path: string, min: number): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
		fail(path, `a whole number of ${min} or more`, value);
	return value as number;
}

function checkMoney(value: unknown, path: string): void {
	if (value === undefined) return;
	if (!isObject(value)) fail(path, 'an object {currencyCode, amount}', value);
	const money = value as Record<string, unknown>;
	if (typeof money.currencyCode !== 'string')
		fail(`${path}.currencyCode`, 'a currency code', money.currencyCode);
	optionalString(money.unitOfMeasure, `${path}.unitOfMeasure`);
	let ok = typeof money.amount === 'string';
	if (ok) {
		try {
			parseDecimal(money.amount as string);
		} catch {
			ok = false;
		}
	}
	if (!ok) fail(`${path}.amount`, 'a decimal string such as "12.50"', money.amount);
}

function checkQuantity(item: Record<string, unknown>, path: string): void {
	const q = item.orderedQuantity;
	if (!isObject(q)) fail(`${path}.orderedQuantity`, 'an object {amount, unitOfMeasure}', q);
	const quantity = q as Record<string, unknown>;
	const amount = wholeNumber(quantity.amount, `${path}.orderedQuantity.amount`, 0);
	if (quantity.unitOfMeasure !== 'Cases' && quantity.unitOfMeasure !== 'Eaches')
		fail(`${path}.orderedQuantity.unitOfMeasure`, 'Cases or Eaches', quantity.unitOfMeasure);
	const size = wholeNumber(quantity.unitSize, `${path}.orderedQuantity.unitSize`, 1);
	const eaches = quantity.unitOfMeasure === 'Cases' ? amount * size : amount;
	if (item.orderedEaches !== eaches)
		fail(`${path}.orderedEaches`, `${eaches} (the ordered quantity in eaches)`, item.orderedEaches);
}

function checkItem(value: unknown, path: string): void {
	if (!isObject(value)) fail(path, 'an object (a purchase order line)', value);
	const item = value as Record<string, unknown>;
	if (typeof item.itemSequenceNumber !== 'string' || item.itemSequenceNumber.trim() === '')
		fail(`${path}.itemSequenceNumber`, 'a line number', item.itemSequenceNumber);
	optionalString(item.amazonProductIdentifier, `${path}.amazonProductIdentifier`);
	optionalString(item.vendorProductIdentifier, `${path}.vendorProductIdentifier`);
	checkQuantity(item, path);
	if (typeof item.isBackOrderAllowed !== 'boolean')
		fail(`${path}.isBackOrderAllowed`, 'true or false', item.isBackOrderAllowed);
	checkMoney(item.netCost, `${path}.netCost`);
}

function checkHeader(po: Record<string, unknown>, path: string): void {
	if (typeof po.purchaseOrderNumber !== 'string' || po.purchaseOrderNumber === '')
		fail(`${path}.purchaseOrderNumber`, 'a purchase order number', po.purchaseOrderNumber);
	for (const field of ['purchaseOrderState', 'purchaseOrderDate'] as const)
		if (typeof po[field] !== 'string') fail(`${path}.${field}`, 'a string', po[field]);
	for (const field of ['purchaseOrderType', 'paymentMethod', 'dealCode'] as const)
		optionalString(po[field], `${path}.${field}`);
	optionalString(po.purchaseOrderChangedDate, `${path}.purchaseOrderChangedDate`);
	for (const field of ['shipWindow', 'deliveryWindow'] as const) {
		const w = po[field];
		if (w === undefined) continue;
		if (!isObject(w) || typeof w.raw !== 'string') fail(`${path}.${field}`, 'a date interval', w);
		optionalString((w as Record<string, unknown>).start, `${path}.${field}.start`);
		optionalString((w as Record<string, unknown>).end, `${path}.${field}.end`);
	}
	for (const field of ['shipToParty', 'billToParty', 'buyingParty', 'sellingParty'] as const) {
		const party = po[field];
		if (party !== undefined && (!isObject(party) || typeof party.partyId !== 'string'))
			fail(`${path}.${field}`, 'a party {partyId}', party);
	}
}

/** Throws ChangeOrderInputError (with the field path) unless `value` reads as a canonical PO. */
export function requireCanonicalOrder(value: unknown, path: string): void {
	if (!isObject(value)) fail(path, 'a canonical purchase order', value);
	const po = value as Record<string, unknown>;
	checkHeader(po, path);
	(po.items as unknown[]).forEach((item, i) => checkItem(item, `${path}.items[${i}]`));
}

/** The two versions of one PO: both canonical purchase orders with items, the same PO number. */
export function requireCanonicalVersions(
	previous: CanonicalPurchaseOrder,
	current: CanonicalPurchaseOrder,
): void {
	if (!previous || !current || !Array.isArray(previous.items) || !Array.isArray(current.items)) {
		throw new ChangeOrderInputError(
			'Both the previous and the current purchase order are required ' +
				'(canonical purchase orders with items)',
			!previous || !Array.isArray(previous.items) ? 'previous' : 'current',
		);
	}
	requireCanonicalOrder(previous, 'previous');
	requireCanonicalOrder(current, 'current');
	if (previous.purchaseOrderNumber !== current.purchaseOrderNumber) {
		throw new ChangeOrderInputError(
			`The previous version is PO ${previous.purchaseOrderNumber}, ` +
				`the changed one PO ${current.purchaseOrderNumber}`,
			'current.purchaseOrderNumber',
		);
	}
}

function checkAckLoop(value: unknown, path: string): void {
	if (!isObject(value)) fail(path, 'an object {acknowledgementCode, acknowledgedQuantity}', value);
	const loop = value as Record<string, unknown>;
	if (typeof loop.acknowledgementCode !== 'string')
		fail(
			`${path}.acknowledgementCode`,
			'Accepted, Backordered or Rejected',
			loop.acknowledgementCode,
		);
	const q = loop.acknowledgedQuantity;
	if (!isObject(q)) fail(`${path}.acknowledgedQuantity`, 'an object {amount, unitOfMeasure}', q);
	const quantity = q as Record<string, unknown>;
	wholeNumber(quantity.amount ?? 0, `${path}.acknowledgedQuantity.amount`, 0);
	optionalString(quantity.unitOfMeasure, `${path}.acknowledgedQuantity.unitOfMeasure`);
	if (quantity.unitSize !== undefined)
		wholeNumber(quantity.unitSize, `${path}.acknowledgedQuantity.unitSize`, 1);
	optionalString(loop.rejectionReason, `${path}.rejectionReason`);
}

/** The previous acknowledgement, when given: an object with items and their loops, for this PO. */
export function requirePreviousAcknowledgement(
	value: unknown,
	purchaseOrderNumber: string,
	path = 'previousAcknowledgement',
): void {
	// Null, as undefined, means that no acknowledgement is known.
	if (value === undefined || value === null) return;
	if (!isObject(value)) fail(path, 'an order acknowledgement', value);
	const ack = value as Record<string, unknown>;
	if (ack.purchaseOrderNumber !== purchaseOrderNumber) {
		throw new ChangeOrderInputError(
			`The previous acknowledgement is for PO ${String(ack.purchaseOrderNumber)}, ` +
				`not ${purchaseOrderNumber}`,
			`${path}.purchaseOrderNumber`,
		);
	}
	if (!Array.isArray(ack.items)) fail(`${path}.items`, 'a list', ack.items);
	(ack.items as unknown[]).forEach((value, i) => {
		const at = `${path}.items[${i}]`;
		if (!isObject(value)) fail(at, 'an object', value);
		optionalString(value.itemSequenceNumber, `${at}.itemSequenceNumber`);
		if (!Array.isArray(value.itemAcknowledgements))
			fail(`${at}.itemAcknowledgements`, 'a list', value.itemAcknowledgements);
		(value.itemAcknowledgements as unknown[]).forEach((loop, k) =>
			checkAckLoop(loop, `${at}.itemAcknowledgements[${k}]`),
		);
	});
}
