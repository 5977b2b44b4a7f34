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
	optionalObject(value.totalWeight, `${path}.totalWeight`, out);
}

/** Entries with a money field and taxDetails (charges, allowances). */
function withTaxes(field: string) {
	return (entry: Record<string, unknown>, at: string, out: Problems) => {
		optionalObject(entry[field], `${at}.${field}`, out);
		objectList(entry.taxDetails, `${at}.taxDetails`, out, (t, tp) =>
			optionalObject(t.taxAmount, `${tp}.taxAmount`, out),
		);
	};
}

function checkItem(item: Record<string, unknown>, at: string, out: Problems): void {
	for (const key of ['purchaseOrderNumber', 'amazonProductIdentifier', 'vendorProductIdentifier'])
		if (item[key] !== undefined && typeof item[key] !== 'string')
			problem(out, `${at}.${key}`, `must be a string (got ${shown(item[key])})`);
	if (!['number', 'string'].includes(typeof item.itemSequenceNumber))
		problem(
			out,
			`${at}.itemSequenceNumber`,
			`must be a number (got ${shown(item.itemSequenceNumber)})`,
		);
	optionalObject(item.netCost, `${at}.netCost`, out);
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
		if (!isObject(entry.netCost)) problem(out, `${at}.netCost`, 'must be an object');
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
	optionalObject(invoice.invoiceTotal, 'invoiceTotal', out);
	objectList(invoice.items, 'items', out, (item, at) => checkItem(item, at, out));
	objectList(invoice.taxDetails, 'taxDetails', out, (t, at) =>
		optionalObject(t.taxAmount, `${at}.taxAmount`, out),
	);
	objectList(invoice.chargeDetails, 'chargeDetails', out, (c, at) =>
		withTaxes('chargeAmount')(c, at, out),
	);
	objectList(invoice.allowanceDetails, 'allowanceDetails', out, (a, at) =>
		withTaxes('allowanceAmount')(a, at, out),
	);
	return out;
}
