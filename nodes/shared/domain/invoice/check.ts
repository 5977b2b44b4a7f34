/**
 * The checks of an invoice body (built here or by an ERP) before it is sent, each a named step:
 * the invoice number, the date, every line (amount, currency, shipped and acknowledged figures),
 * the header amounts and currencies, the total and the taxes. Pure: no n8n imports.
 */
import { DATE_TIME_PATTERN, type Invoice, type InvoiceItem } from '../../generated/vendorInvoices';
import {
	add,
	compare,
	Decimal,
	isNegative,
	isZero,
	minorUnits,
	multiply,
	roundToScale,
	subtract,
} from '../money';
import { shown } from '../values';
import { dec, eachesOf, epoch, s, ZERO } from './amounts';
import { findLine, type LineKeyed } from './matching';
import { structuralProblems } from './structure';
import type { InvoiceCheckContext, InvoiceMismatch } from './types';

type Push = (m: InvoiceMismatch) => void;

function checkNumber(invoice: Invoice, context: InvoiceCheckContext, push: Push): void {
	if (context.resendOfFailedInvoice || !(context.usedInvoiceNumbers ?? []).includes(invoice.id))
		return;
	push({
		code: 'INVOICE_NUMBER_REUSED',
		message:
			`Invoice number ${JSON.stringify(invoice.id)} was already used: an invoice number is never ` +
			'reused (to resend an invoice Amazon failed, set resendOfFailedInvoice)',
		path: 'id',
		actual: invoice.id,
	});
}

function checkDate(invoice: Invoice, context: InvoiceCheckContext, push: Push): void {
	const text = typeof invoice.date === 'string' ? invoice.date : '';
	const dateMs = Date.parse(text);
	if (!DATE_TIME_PATTERN.test(text) || Number.isNaN(dateMs)) {
		push({
			code: 'INVOICE_DATE_INVALID',
			message: `The invoice date ${shown(invoice.date)} is not an ISO 8601 date-time`,
			path: 'date',
			actual: invoice.date,
		});
	} else if (dateMs > epoch(context.now) + 60 * 1000) {
		push({
			code: 'INVOICE_DATE_INVALID',
			message: `The invoice date ${invoice.date} is in the future`,
			path: 'date',
			actual: invoice.date,
		});
	}
}

/** What the line steps share: the invoice's currency, the running sums, the line numbers seen. */
interface LineTally {
	invoice: Invoice;
	context: InvoiceCheckContext;
	currency?: string;
	itemsTotal: Decimal;
	lineTax: Decimal;
	seqs: Map<number, number>;
	push: Push;
}

function checkLineHeader(t: LineTally, item: InvoiceItem, i: number): void {
	const path = `items[${i}]`;
	const prior = t.seqs.get(item.itemSequenceNumber);
	if (prior !== undefined)
		t.push({
			code: 'DUPLICATE_ITEM_SEQUENCE',
			message: `${path}: itemSequenceNumber ${item.itemSequenceNumber} is also on items[${prior}]`,
			path: `${path}.itemSequenceNumber`,
			actual: item.itemSequenceNumber,
		});
	else t.seqs.set(item.itemSequenceNumber, i);
	if (t.invoice.invoiceType === 'Invoice' && !item.purchaseOrderNumber) {
		t.push({
			code: 'PURCHASE_ORDER_NUMBER_MISSING',
			message: `${path}: an Invoice line needs its purchaseOrderNumber`,
			path: `${path}.purchaseOrderNumber`,
		});
	}
	const code = item.netCost?.currencyCode;
	if (code !== undefined && t.currency !== undefined && code !== t.currency) {
		t.push({
			code: 'CURRENCY_MISMATCH',
			message: `${path}: net cost in ${code}, invoice in ${t.currency}`,
			path: `${path}.netCost.currencyCode`,
			expected: t.currency,
			actual: code,
		});
	}
}

/** The line amount (eaches or weight x net cost); undefined when it cannot be computed. */
function lineAmount(t: LineTally, item: InvoiceItem, path: string, cost: Decimal | undefined) {
	if (cost === undefined) {
		t.push({
			code: 'INVALID_INPUT',
			message: `${path}: netCost.amount ${shown(item.netCost?.amount)} is not a decimal`,
			path: `${path}.netCost.amount`,
		});
		return undefined;
	}
	if (isZero(cost) || isNegative(cost)) {
		t.push({
			code: 'INVALID_INPUT',
			message: `${path}: netCost.amount ${s(cost)} must be above 0 (Amazon refuses a zero or negative cost)`,
			path: `${path}.netCost.amount`,
			actual: s(cost),
		});
	}
	if (item.netCostUnitOfMeasure === undefined)
		return multiply(cost, eachesOf(item.invoicedQuantity));
	const weight = dec(item.invoicedQuantity?.totalWeight?.amount);
	if (weight !== undefined) return multiply(cost, weight);
	t.push({
		code: 'WEIGHT_MISSING',
		message:
			`${path}: priced per ${item.netCostUnitOfMeasure} but invoicedQuantity.totalWeight ` +
			'gives no weight',
		path: `${path}.invoicedQuantity.totalWeight`,
	});
	return undefined;
}

function itemLabel(item: InvoiceItem): string {
	const product =
		item.amazonProductIdentifier ?? item.vendorProductIdentifier ?? item.itemSequenceNumber;
	return `PO ${item.purchaseOrderNumber ?? '?'} item ${product}`;
}

function checkShipped(t: LineTally, item: InvoiceItem, path: string): void {
	if (t.context.shipped === undefined) return;
	const eaches = eachesOf(item.invoicedQuantity);
	const shipped = findLine({ ...item } as LineKeyed, t.context.shipped);
	if (shipped === undefined) {
		t.push({
			code: 'LINE_NOT_SHIPPED',
			message: `${path}: ${itemLabel(item)} was not shipped: invoice only shipped goods`,
			path,
			details: {
				purchaseOrderNumber: item.purchaseOrderNumber,
				amazonProductIdentifier: item.amazonProductIdentifier,
				vendorProductIdentifier: item.vendorProductIdentifier,
			},
		});
		return;
	}
	const already = shipped.alreadyInvoicedEaches ?? 0;
	const available = shipped.shippedEaches - already;
	if (eaches <= available) return;
	t.push({
		code: 'QUANTITY_ABOVE_SHIPPED',
		message:
			`${path}: invoicing ${eaches} eaches but ${available} shipped and not yet invoiced ` +
			`(shipped ${shipped.shippedEaches}, already invoiced ${already})`,
		path: `${path}.invoicedQuantity`,
		expected: available,
		actual: eaches,
		details: {
			purchaseOrderNumber: item.purchaseOrderNumber,
			shippedEaches: shipped.shippedEaches,
			alreadyInvoicedEaches: already,
		},
	});
}

function checkAcknowledged(t: LineTally, item: InvoiceItem, path: string, cost: Decimal): void {
	if (t.context.acknowledged === undefined) return;
	const ack = findLine({ ...item } as LineKeyed, t.context.acknowledged);
	if (ack === undefined) {
		t.push({
			code: 'LINE_NOT_ACKNOWLEDGED',
			message: `${path}: no acknowledged PO line for ${itemLabel(item)}`,
			path,
		});
		return;
	}
	const ackCost = dec(ack.netCost.amount);
	const same =
		ackCost !== undefined &&
		compare(ackCost, cost) === 0 &&
		ack.netCost.currencyCode === item.netCost.currencyCode;
	if (same) return;
	const currency = item.netCost.currencyCode ?? t.currency ?? '';
	t.push({
		code: 'UNIT_COST_MISMATCH',
		message:
			`${path}: unit cost ${item.netCost.amount} ${currency} differs from the acknowledged ` +
			`${ack.netCost.amount} ${ack.netCost.currencyCode}`,
		path: `${path}.netCost.amount`,
		expected: ack.netCost.amount,
		actual: item.netCost.amount as string,
		details: {
			purchaseOrderNumber: item.purchaseOrderNumber,
			expectedCurrency: ack.netCost.currencyCode,
			actualCurrency: item.netCost.currencyCode,
		},
	});
}

function checkLine(t: LineTally, item: InvoiceItem, i: number): void {
	const path = `items[${i}]`;
	checkLineHeader(t, item, i);
	const cost = dec(item.netCost?.amount);
	const amount = lineAmount(t, item, path, cost);
	if (amount !== undefined) t.itemsTotal = add(t.itemsTotal, amount);
	for (const tax of item.taxDetails ?? []) {
		const ta = dec(tax.taxAmount?.amount);
		if (ta !== undefined) t.lineTax = add(t.lineTax, ta);
	}
	checkShipped(t, item, path);
	if (cost !== undefined) checkAcknowledged(t, item, path, cost);
}

interface HeaderAmounts {
	charges: Decimal;
	allowances: Decimal;
	headerTax: Decimal;
	/** Taxes on charges minus taxes on allowances. */
	chargeTax: Decimal;
}

function headerSum(list: Array<{ amount?: string } | undefined>, field: string, push: Push) {
	let total = ZERO;
	list.forEach((m, i) => {
		const d = dec(m?.amount);
		if (d === undefined)
			push({
				code: 'INVALID_INPUT',
				message: `${field}[${i}] amount ${shown(m?.amount)} is not a decimal`,
				path: `${field}[${i}]`,
			});
		else total = add(total, d);
	});
	return total;
}

function headerAmounts(invoice: Invoice, push: Push): HeaderAmounts {
	const charges = headerSum(
		(invoice.chargeDetails ?? []).map((c) => c.chargeAmount),
		'chargeDetails',
		push,
	);
	const allowances = headerSum(
		(invoice.allowanceDetails ?? []).map((a) => a.allowanceAmount),
		'allowanceDetails',
		push,
	);
	const headerTax = headerSum(
		(invoice.taxDetails ?? []).map((t) => t.taxAmount),
		'taxDetails',
		push,
	);
	let chargeTax = ZERO;
	for (const ch of invoice.chargeDetails ?? [])
		for (const t of ch.taxDetails ?? [])
			chargeTax = add(chargeTax, dec(t.taxAmount?.amount) ?? ZERO);
	for (const al of invoice.allowanceDetails ?? [])
		for (const t of al.taxDetails ?? [])
			chargeTax = subtract(chargeTax, dec(t.taxAmount?.amount) ?? ZERO);
	return { charges, allowances, headerTax, chargeTax };
}

function checkHeaderCurrencies(invoice: Invoice, currency: string | undefined, push: Push): void {
	const lists = [
		['chargeDetails', (invoice.chargeDetails ?? []).map((c) => c.chargeAmount)],
		['allowanceDetails', (invoice.allowanceDetails ?? []).map((a) => a.allowanceAmount)],
	] as const;
	for (const [field, list] of lists) {
		list.forEach((money, i) => {
			const code = money?.currencyCode;
			if (code === undefined || currency === undefined || code === currency) return;
			push({
				code: 'CURRENCY_MISMATCH',
				message: `${field}[${i}] in ${code}, invoice in ${currency}`,
				path: `${field}[${i}]`,
				expected: currency,
				actual: code,
			});
		});
	}
}

function checkTotal(t: LineTally, header: HeaderAmounts): void {
	const { invoice, currency, itemsTotal, push } = t;
	const { charges, allowances, headerTax, chargeTax } = header;
	const declared = dec(invoice.invoiceTotal?.amount);
	const tax = add(headerTax, chargeTax);
	const exact = add(subtract(add(itemsTotal, charges), allowances), tax);
	const computed =
		currency !== undefined && /^[A-Z]{3}$/.test(currency)
			? roundToScale(exact, minorUnits(currency))
			: exact;
	if (declared === undefined) {
		push({
			code: 'INVALID_INPUT',
			message: `invoiceTotal.amount ${shown(invoice.invoiceTotal?.amount)} is not a decimal`,
			path: 'invoiceTotal.amount',
		});
		return;
	}
	if (compare(declared, computed) !== 0) {
		push({
			code: 'TOTAL_MISMATCH',
			message:
				`Invoice total ${s(declared)} differs from items ${s(itemsTotal)} + charges ${s(charges)} ` +
				`- allowances ${s(allowances)} + tax ${s(tax)} = ${s(computed)}`,
			path: 'invoiceTotal.amount',
			expected: s(computed),
			actual: s(declared),
			details: {
				items: s(itemsTotal),
				charges: s(charges),
				allowances: s(allowances),
				tax: s(tax),
				itemTax: s(headerTax),
				chargeTax: s(chargeTax),
				difference: s(subtract(declared, computed)),
			},
		});
	}
	if (invoice.invoiceType === 'Invoice' && (isZero(declared) || isNegative(declared))) {
		push({
			code: 'ZERO_TOTAL',
			message: `The invoice total is ${s(declared)}: Amazon refuses zero or negative invoice totals`,
			path: 'invoiceTotal.amount',
			actual: s(declared),
		});
	}
}

function checkTaxes(t: LineTally, headerTax: Decimal): void {
	const items = t.invoice.items ?? [];
	if (!items.some((i) => (i.taxDetails ?? []).length > 0) || compare(t.lineTax, headerTax) === 0)
		return;
	t.push({
		code: 'TAX_MISMATCH',
		message:
			`The line taxes add up to ${s(t.lineTax)}, the header taxes to ${s(headerTax)}: ` +
			'they must be equal',
		path: 'taxDetails',
		expected: s(t.lineTax),
		actual: s(headerTax),
	});
}

/**
 * Checks an invoice body (built here or by an ERP) before sending. Returns every mismatch with the
 * figures side by side; an empty list means the invoice is consistent with itself, the shipments,
 * the acknowledged costs and the numbers already used. Lines are matched to `shipped` and
 * `acknowledged` by PO number and ASIN / vendor product identifier, else by line number. A body
 * or context of the wrong shape gives INVALID_INPUT mismatches (with the path), never a TypeError.
 */
export function checkInvoice(
	invoice: Invoice,
	context: InvoiceCheckContext = {},
): InvoiceMismatch[] {
	const structural = structuralProblems(invoice, context);
	if (structural.length > 0) return structural;
	const out: InvoiceMismatch[] = [];
	const push: Push = (m) => {
		out.push(m);
	};
	checkNumber(invoice, context, push);
	checkDate(invoice, context, push);
	const tally: LineTally = {
		invoice,
		context,
		currency: invoice.invoiceTotal?.currencyCode,
		itemsTotal: ZERO,
		lineTax: ZERO,
		seqs: new Map(),
		push,
	};
	(invoice.items ?? []).forEach((item, i) => checkLine(tally, item, i));
	const header = headerAmounts(invoice, push);
	checkHeaderCurrencies(invoice, tally.currency, push);
	checkTotal(tally, header);
	checkTaxes(tally, header.headerTax);
	return out;
}
