/**
 * Build Invoice as a chain of named steps: the settings (currency, number, date), the taxes, the
 * item numbering, the lines, the header charges and allowances, the totals, the body in the
 * model's key order, then the checks and the model validation. Pure: no n8n imports.
 */
import {
	SubmitInvoicesRequestSchema,
	type AllowanceDetails,
	type ChargeDetails,
	type Invoice,
	type SubmitInvoicesRequest,
} from '../../generated/vendorInvoices';
import {
	add,
	compare,
	Decimal,
	formatMoney,
	isNegative,
	normalizeCurrencyCode,
	parseDecimal,
	subtract,
	sum,
} from '../money';
import { validateAgainst, type ValidationIssue } from '../validation';
import { shown } from '../values';
import { dec, moneyOf, partyOf, s, ZERO } from './amounts';
import { buildLines, type BuiltLines } from './buildLines';
import { checkInvoice } from './check';
import { inputProblems } from './inputShape';
import { createTaxBook, type Bad, type TaxBook } from './taxes';
import type {
	BuildInvoiceInput,
	BuildInvoiceOptions,
	InvoiceAllowanceInput,
	InvoiceBuild,
	InvoiceChargeInput,
	InvoiceFigures,
	InvoiceMismatch,
} from './types';

/** The item numbers from the PO line numbers, or undefined for sequential numbering. */
function poLineNumbers(
	input: BuildInvoiceInput,
	options: BuildInvoiceOptions,
	bad: Bad,
): string[] | undefined {
	const numbering = options.itemNumbering ?? 'auto';
	const poNumbers = input.lines.map((l) => String(l?.itemSequenceNumber ?? '').trim());
	const allDigits = poNumbers.every(
		(n) => /^\d+$/.test(n) && Number(n) > 0 && Number.isSafeInteger(Number(n)),
	);
	const unique = new Set(poNumbers.map((n) => Number(n))).size === poNumbers.length;
	if (numbering === 'purchaseOrderLine' && !(allDigits && unique)) {
		bad(
			'itemNumbering purchaseOrderLine needs every PO line number to be digits and unique within ' +
				'the invoice (lines of several POs share numbers: use sequential)',
			'lines',
		);
		return undefined;
	}
	const usePoNumbers =
		numbering === 'purchaseOrderLine' || (numbering === 'auto' && allDigits && unique);
	return usePoNumbers ? poNumbers : undefined;
}

type Adjustment = InvoiceChargeInput | InvoiceAllowanceInput;

/** Header charges or allowances: each amount checked, taxed and itemised; their sum. */
function adjustments<T extends ChargeDetails | AllowanceDetails>(
	list: readonly Adjustment[] | undefined,
	kind: 'charges' | 'allowances',
	detail: (entry: Adjustment, amount: Decimal) => T,
	taxes: TaxBook,
	bad: Bad,
): { details: T[]; total: Decimal } {
	const details: T[] = [];
	let total = ZERO;
	(list ?? []).forEach((entry, i) => {
		const amount = dec(entry?.amount);
		if (amount === undefined || isNegative(amount)) {
			bad(
				`${kind}[${i}].amount must be a decimal of 0 or more (got ${shown(entry?.amount)})`,
				`${kind}[${i}].amount`,
			);
			return;
		}
		total = add(total, amount);
		const out = detail(entry, amount);
		const target = kind === 'charges' ? 'charge' : 'allowance';
		const taxDetails = taxes.apply(
			amount,
			taxes.ratesOr(entry.taxes, `${kind}[${i}].taxes`),
			target,
		);
		if (taxDetails.length) out.taxDetails = taxDetails;
		details.push(out);
	});
	return { details, total };
}

function charges(input: BuildInvoiceInput, currencyCode: string, taxes: TaxBook, bad: Bad) {
	return adjustments<ChargeDetails>(
		input.charges,
		'charges',
		(ch, amount) => {
			const detail = { type: ch.type } as ChargeDetails;
			if (ch.description) detail.description = ch.description;
			detail.chargeAmount = moneyOf(currencyCode, amount);
			return detail;
		},
		taxes,
		bad,
	);
}

function allowances(input: BuildInvoiceInput, currencyCode: string, taxes: TaxBook, bad: Bad) {
	return adjustments<AllowanceDetails>(
		input.allowances,
		'allowances',
		(al, amount) => {
			const detail = { type: al.type } as AllowanceDetails;
			if (al.description) detail.description = al.description;
			detail.allowanceAmount = moneyOf(currencyCode, amount);
			return detail;
		},
		taxes,
		bad,
	);
}

interface Totals {
	figures: InvoiceFigures;
	total: string;
}

function totalsOf(
	currencyCode: string,
	built: BuiltLines,
	sums: { charges: Decimal; allowances: Decimal },
	taxes: TaxBook,
	warnings: string[],
): Totals {
	const itemsTotal = sum(built.lineMap.map((l) => parseDecimal(l.lineAmount)));
	const taxTotal = add(taxes.itemTaxTotal(), taxes.chargeTaxTotal());
	const exactTotal = add(subtract(add(itemsTotal, sums.charges), sums.allowances), taxTotal);
	const total = formatMoney(exactTotal, currencyCode);
	if (compare(parseDecimal(total), exactTotal) !== 0)
		warnings.push(`The exact total ${s(exactTotal)} was rounded to ${total} ${currencyCode}`);
	const figures: InvoiceFigures = {
		currencyCode,
		items: s(itemsTotal),
		charges: s(sums.charges),
		allowances: s(sums.allowances),
		tax: s(taxTotal),
		total,
		acknowledgedValueOfShipped: s(built.acknowledgedValue),
	};
	return { figures, total };
}

/** The ERP's total, when given, against the computed one. */
function checkExpectedTotal(input: BuildInvoiceInput, totals: Totals, bad: Bad): InvoiceMismatch[] {
	if (input.expectedTotal === undefined) return [];
	const expected = dec(input.expectedTotal);
	const { figures, total } = totals;
	if (expected === undefined) {
		bad(
			`expectedTotal must be a decimal such as "112.05" (got ${shown(input.expectedTotal)})`,
			'expectedTotal',
		);
		return [];
	}
	if (compare(expected, parseDecimal(total)) === 0) return [];
	return [
		{
			code: 'EXPECTED_TOTAL_MISMATCH',
			message:
				`The ERP's total ${s(expected)} differs from the computed total ${total} (items ` +
				`${figures.items} + charges ${figures.charges} - allowances ${figures.allowances} + tax ` +
				`${figures.tax})`,
			path: 'invoiceTotal.amount',
			expected: s(expected),
			actual: total,
			details: { ...figures, difference: s(subtract(parseDecimal(total), expected)) },
		},
	];
}

interface BodyParts {
	invoiceType: 'Invoice' | 'CreditNote';
	id: string;
	date: string;
	currencyCode: string;
	total: string;
	taxes: TaxBook;
	built: BuiltLines;
	chargeDetails: ChargeDetails[];
	allowanceDetails: AllowanceDetails[];
}

/** The body, in the model's key order. */
function invoiceBody(input: BuildInvoiceInput, p: BodyParts): Invoice {
	const invoice = { invoiceType: p.invoiceType, id: p.id } as Invoice;
	if (input.referenceNumber) invoice.referenceNumber = input.referenceNumber;
	invoice.date = p.date;
	if (input.remitToParty?.partyId) invoice.remitToParty = partyOf(input.remitToParty);
	if (input.shipToParty) invoice.shipToParty = partyOf(input.shipToParty);
	if (input.shipFromParty) invoice.shipFromParty = partyOf(input.shipFromParty);
	if (input.billToParty) invoice.billToParty = partyOf(input.billToParty);
	if (input.paymentTerms) invoice.paymentTerms = { ...input.paymentTerms };
	invoice.invoiceTotal = moneyOf(p.currencyCode, p.total);
	const headerTaxDetails = p.taxes.headerTaxDetails();
	if (headerTaxDetails.length) invoice.taxDetails = headerTaxDetails;
	if (input.additionalDetails && input.additionalDetails.length)
		invoice.additionalDetails = input.additionalDetails.map((a) => ({ ...a }));
	if (p.chargeDetails.length) invoice.chargeDetails = p.chargeDetails;
	if (p.allowanceDetails.length) invoice.allowanceDetails = p.allowanceDetails;
	invoice.items = p.built.items;
	return invoice;
}

/** The checks of the finished body and its validation against SubmitInvoicesRequestSchema. */
function finalChecks(
	invoice: Invoice,
	built: BuiltLines,
	options: BuildInvoiceOptions,
): InvoiceMismatch[] {
	const out = checkInvoice(invoice, {
		shipped: built.shippedRefs,
		acknowledged: built.ackRefs,
		usedInvoiceNumbers: options.usedInvoiceNumbers,
		resendOfFailedInvoice: options.resendOfFailedInvoice,
		now: options.now,
	});
	const request: SubmitInvoicesRequest = { invoices: [invoice] };
	const validation = validateAgainst(SubmitInvoicesRequestSchema, request, {
		unknownKeys: 'reject',
	});
	if (!validation.ok) {
		for (const issue of validation.issues as ValidationIssue[])
			out.push({
				code: 'MODEL_VALIDATION',
				message: `${issue.path}: ${issue.message}`,
				path: issue.path,
			});
	}
	return out;
}

/** The invoice's own settings; undefined when the currency is unreadable or there are no lines. */
function settingsOf(input: BuildInvoiceInput, bad: Bad) {
	let currencyCode: string;
	try {
		currencyCode = normalizeCurrencyCode(input.currencyCode);
	} catch (error) {
		bad((error as Error).message, 'currencyCode');
		return undefined;
	}
	const id = typeof input.id === 'string' ? input.id.trim() : '';
	if (id === '') bad('The invoice number (id) is required', 'id');
	if (!Array.isArray(input.lines) || input.lines.length === 0) {
		bad('There is nothing to invoice: no lines', 'lines');
		return undefined;
	}
	const remit = input.remitToParty;
	if (!remit || typeof remit.partyId !== 'string' || remit.partyId.trim() === '')
		bad('remitToParty.partyId is required', 'remitToParty.partyId');
	let date = typeof input.date === 'string' ? input.date.trim() : '';
	if (/^\d{4}-\d{2}-\d{2}$/.test(date)) date = `${date}T00:00:00Z`;
	return { currencyCode, id, date, invoiceType: input.invoiceType ?? 'Invoice' };
}

/**
 * Builds the submitInvoices body from shipped quantities and acknowledged costs, computes the total
 * and taxes (see the notes in index.ts), runs {@link checkInvoice} and validates the body against
 * SubmitInvoicesRequestSchema (unknown keys refused). With any mismatch `ok` is false and the
 * mismatches say why; `invoice` is still returned so the figures can be shown, but must not be sent.
 * Input of the wrong shape gives INVALID_INPUT mismatches (with the path), never a TypeError.
 */
export function buildInvoice(
	input: BuildInvoiceInput,
	options: BuildInvoiceOptions = {},
): InvoiceBuild {
	const mismatches: InvoiceMismatch[] = inputProblems(input, options);
	const warnings: string[] = [];
	const fail = (): InvoiceBuild => ({ ok: false, mismatches, lineMap: [], warnings });
	if (mismatches.length > 0) return fail();
	const bad: Bad = (message, path) => {
		const m: InvoiceMismatch = { code: 'INVALID_INPUT', message };
		if (path !== undefined) m.path = path;
		mismatches.push(m);
	};
	const settings = settingsOf(input, bad);
	if (settings === undefined) return fail();
	const { currencyCode } = settings;
	const taxes = createTaxBook(currencyCode, input.taxes, bad);
	const poNumbers = poLineNumbers(input, options, bad);
	const quantityUnit = options.quantityUnit ?? 'purchaseOrder';
	const ctx = { ...settings, quantityUnit, poNumbers, taxes, bad, warnings };
	const built = buildLines(ctx, input.lines);
	if (built.items.length === 0 && !mismatches.some((m) => m.path?.startsWith('lines')))
		bad('There is nothing to invoice: no line has shipped and not yet invoiced quantity', 'lines');
	const charged = charges(input, currencyCode, taxes, bad);
	const allowed = allowances(input, currencyCode, taxes, bad);
	const sums = { charges: charged.total, allowances: allowed.total };
	const totals = totalsOf(currencyCode, built, sums, taxes, warnings);
	mismatches.push(...checkExpectedTotal(input, totals, bad));
	const invoice = invoiceBody(input, {
		...settings,
		total: totals.total,
		taxes,
		built,
		chargeDetails: charged.details,
		allowanceDetails: allowed.details,
	});
	mismatches.push(...finalChecks(invoice, built, options));
	const request: SubmitInvoicesRequest = { invoices: [invoice] };
	const { lineMap } = built;
	const figures = totals.figures;
	return { ok: mismatches.length === 0, invoice, request, mismatches, lineMap, figures, warnings };
}
