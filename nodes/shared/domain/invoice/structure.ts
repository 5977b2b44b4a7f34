/**
 * The shape checks of an invoice body and of the check context, before any arithmetic: lists are
 * lists, entries are objects, quantities are whole numbers. A body of the wrong shape gives
 * INVALID_INPUT mismatches with the path, never a TypeError later. Pure: no n8n imports.
 */
import { isObject, shown } from '../values';
import type { InvoiceMismatch } from './types';

type Problems = InvoiceMismatch[];

function problem(out: Problems, path: string, message: string): void {
	out.push({ code: 'INVALID_INPUT', message: `${path} ${message}`, path });
}

/** A list of objects, or absent; each entry handed to `each`. */
function objectList(
	value: unknown,
	path: string,
	out: Problems,
	each?: (entry: Record<string, unknown>, at: string) => void,
): void {
	if (value === undefined) return;
	if (!Array.isArray(value)) return problem(out, path, `must be a list (got ${shown(value)})`);
	value.forEach((entry, i) => {
		const at = `${path}[${i}]`;
		if (!isObject(entry)) problem(out, at, `must be an object (got ${shown(entry)})`);
		else each?.(entry, at);
	});
}

function optionalObject(value: unknown, path: string, out: Problems): void {
	if (value !== undefined && !isObject(value))
		problem(out, path, `must be an object (got ${shown(value)})`);
}

function optionalString(value: unknown, path: string, out: Problems): void {
	if (value !== undefined && typeof value !== 'string')
		problem(out, path, `must be a string (got ${shown(value)})`);
}

/** A money object, when present: an object whose currencyCode, when present, is a string. */
function money(value: unknown, path: string, out: Problems): void {
	optionalObject(value, path, out);
	if (isObject(value)) optionalString(value.currencyCode, `${path}.currencyCode`, out);
}

function wholeNumber(value: unknown, path: string, out: Problems, min: number): void {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
		problem(out, path, `must be a whole number of ${min} or more (got ${shown(value)})`);
}

function checkQuantity(value: unknown, path: string, out: Problems): void {
	if (value === undefined) return;
	if (!isObject(value)) return problem(out, path, `must be an object (got ${shown(value)})`);
	wholeNumber(value.amount, `${path}.amount`, out, 0);
	if (value.unitOfMeasure === 'Cases' && value.unitSize !== undefined)
		wholeNumber(value.unitSize, `${path}.unitSize`, out, 1);
	const size = value.unitOfMeasure === 'Cases' ? (value.unitSize ?? 1) : 1;
	const amount = value.amount;
	if (
		typeof amount === 'number' &&
		typeof size === 'number' &&
		!Number.isSafeInteger(amount * size)
	)
		problem(out, path, `is too large a quantity (${amount} x ${size} eaches)`);
	optionalObject(value.totalWeight, `${path}.totalWeight`, out);
}

/** Entries with a money field and taxDetails (charges, allowances). */
function withTaxes(field: string) {
	return (entry: Record<string, unknown>, at: string, out: Problems) => {
		money(entry[field], `${at}.${field}`, out);
		objectList(entry.taxDetails, `${at}.taxDetails`, out, (t, tp) =>
			money(t.taxAmount, `${tp}.taxAmount`, out),
		);
	};
}

function checkItem(item: Record<string, unknown>, at: string, out: Problems): void {
	const strings = [
		'purchaseOrderNumber',
		'amazonProductIdentifier',
		'vendorProductIdentifier',
		'netCostUnitOfMeasure',
	];
	for (const key of strings) optionalString(item[key], `${at}.${key}`, out);
	if (!['number', 'string'].includes(typeof item.itemSequenceNumber))
		problem(
			out,
			`${at}.itemSequenceNumber`,
			`must be a number (got ${shown(item.itemSequenceNumber)})`,
		);
	money(item.netCost, `${at}.netCost`, out);
	checkQuantity(item.invoicedQuantity, `${at}.invoicedQuantity`, out);
	withTaxes('taxAmount')(item, at, out);
}

function checkClock(value: unknown, out: Problems): void {
	if (value === undefined || value instanceof Date) return;
	const ms =
		typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
	if (!Number.isFinite(ms)) problem(out, 'now', `is not a valid date (got ${shown(value)})`);
}

function checkContext(context: unknown, out: Problems): void {
	if (!isObject(context))
		return problem(out, 'context', `must be an object (got ${shown(context)})`);
	const refs = (entry: Record<string, unknown>, at: string) => {
		if (typeof entry.purchaseOrderNumber !== 'string')
			problem(out, `${at}.purchaseOrderNumber`, 'must be a string');
	};
	objectList(context.shipped, 'context.shipped', out, (entry, at) => {
		refs(entry, at);
		wholeNumber(entry.shippedEaches, `${at}.shippedEaches`, out, 0);
		if (entry.alreadyInvoicedEaches !== undefined)
			wholeNumber(entry.alreadyInvoicedEaches, `${at}.alreadyInvoicedEaches`, out, 0);
	});
	objectList(context.acknowledged, 'context.acknowledged', out, (entry, at) => {
		refs(entry, at);
		const cost = entry.netCost;
		const ok =
			isObject(cost) &&
			typeof cost.currencyCode === 'string' &&
			['string', 'number'].includes(typeof cost.amount);
		if (!ok) problem(out, `${at}.netCost`, 'must be {currencyCode, amount}');
	});
	const used = context.usedInvoiceNumbers;
	if (used !== undefined && !Array.isArray(used))
		problem(out, 'context.usedInvoiceNumbers', `must be a list (got ${shown(used)})`);
	checkClock(context.now, out);
}

/** Every shape problem of the invoice body and the context; empty when both can be checked. */
export function structuralProblems(invoice: unknown, context: unknown): InvoiceMismatch[] {
	const out: Problems = [];
	checkContext(context, out);
	if (!isObject(invoice)) {
		const message = `The invoice must be an object (got ${shown(invoice)})`;
		out.push({ code: 'INVALID_INPUT', message, path: '(root)' });
		return out;
	}
	if (typeof invoice.id !== 'string')
		problem(out, 'id', `must be a string (got ${shown(invoice.id)})`);
	money(invoice.invoiceTotal, 'invoiceTotal', out);
	objectList(invoice.items, 'items', out, (item, at) => checkItem(item, at, out));
	objectList(invoice.taxDetails, 'taxDetails', out, (t, at) =>
		money(t.taxAmount, `${at}.taxAmount`, out),
	);
	objectList(invoice.chargeDetails, 'chargeDetails', out, (c, at) =>
		withTaxes('chargeAmount')(c, at, out),
	);
	objectList(invoice.allowanceDetails, 'allowanceDetails', out, (a, at) =>
		withTaxes('allowanceAmount')(a, at, out),
	);
	return out;
}
