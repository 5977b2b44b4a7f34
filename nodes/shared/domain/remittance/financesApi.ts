/**
 * Finances Invoices API 2026-06-25 (`getInvoiceHeaders`, `getInvoice`) answers normalised into
 * remittance payments. The model (schemas/amazon/financesInvoices_2026-06-25.json) has no
 * payment object: invoices carry the payments that settled them in `relatedIdentifiers`
 * `UNIQUE_PAYMENT_IDS` ("Remittance numbers associated with the invoice"), so payments are built by
 * grouping invoices on that id.
 *
 * Mapping decisions (the API is new and undocumented beyond the model; whether it is enabled for
 * vendor apps, which role it needs and its rate limits must be verified with a real vendor account):
 * - **Money** is `{currencyCode, currencyAmount: number}`: each number goes through its shortest
 *   string form into an exact Decimal (amounts.ts `decimalFromJsonNumber`; float artefacts beyond
 *   the currency's minor units are rounded half up and reported in `warnings`).
 * - **Grouping**: an invoice with exactly one `UNIQUE_PAYMENT_IDS` value joins that payment. No
 *   value: not paid yet (skipped, `notInPayment`). Several values: its `AmountPaid` cannot be split
 *   between the payments (skipped, `severalPayments`). `REJECTED` invoices are skipped.
 * - **Direction**: `payee.partnerType = VENDOR` is the vendor's invoice that Amazon pays (AP,
 *   `AP_INVENTORY`); `payer.partnerType = VENDOR` is Amazon's invoice that Amazon deducted from the
 *   payment (co-op, damage allowance, price protection...; statuses `DEDUCTED`/`PARTIALLY_DEDUCTED`).
 *   Neither: skipped (`unknownDirection`).
 * - **Vendor invoice** with settlement breakdowns AmountPaid `A`, QuickPayDiscount `q`,
 *   QuantityVarianceAmount `v`, PriceVariance `p`, Other `o`: `A` is read as the cash paid for the
 *   invoice in this payment, **net** of the discount and the variances (as X12 RMR04 is net of
 *   ADX). `q`, `v`, `p` are amounts withheld, read as magnitudes (the model's examples write them
 *   negative). Lines:
 *   - the invoice: reference = invoiceNumber, gross = invoiceAmount, discount = |q|,
 *     paid = A + |v| + |p| - o, remaining = gross - discount - paid;
 *   - `v` != 0: an adjustment line, varianceType `PQV`, paid = -|v|, reference = the single
 *     `SHORTAGE_INVOICE_IDS` value if there is exactly one (e.g. `12345SC`), else `<invoice>:PQV`;
 *     defect types = the PQV defect types of the invoice's items (when items were fetched);
 *   - **one line per shortage document** instead, when the API gives each document's amount: the
 *     invoice has several `QuantityVarianceAmount` breakdowns, or one whose sub-`breakdowns` add up
 *     to it, and `SHORTAGE_INVOICE_IDS` names exactly as many documents (a claim `12345SC`, its
 *     reversal `12345SCR`, a revised claim `12345SCRSC`). The n-th amount belongs to the n-th
 *     document. Each document is its own adjustment line (varianceType `PQV`, reference = the
 *     document), so that classification types it (`shortageClaim`, `shortageClaimReversal`,
 *     `revisedShortageClaim` by suffix) and the journal shows the reversal. Signs: an amount with
 *     the sign of the net variance (of the first non-zero document's amount when the net is 0: a
 *     claim is named before its reversal) is withheld, paid = -|amount|, with the items' PQV defect types; an
 *     amount of the other sign is given back, paid = +|amount|. `v` is then the net withheld, so the
 *     lines still add up to `A`, also when a reversal cancels its claim (net 0). When the counts
 *     differ, or the invoice gives one amount for several documents, one net line as above (none
 *     when the net is 0), and a warning says why;
 *   - `p` != 0: an adjustment line, varianceType `PPV`, paid = -|p|, reference `<invoice>:PPV`;
 *   - `o` != 0: an adjustment line, varianceType `OTHER`, paid = o as signed: no default rule
 *     recognises it, so the payment goes to Exceptions until the operator adds a rule.
 *   The lines add up to `A`. No `AmountPaid` breakdown: skipped (`noAmountPaid`). A settlement
 *   larger than the invoice amount (remaining < 0; the model's own examples do this) is reported in
 *   `warnings`.
 *   `QueuedForPayment` is not cash of this payment and is ignored.
 * - **Amazon's invoice** (deducted): one document line, paid = -(AmountPaid, else invoiceAmount
 *   when `DEDUCTED`; else skipped `noAmountPaid`) keeping the sign (a negative AmountPaid is a
 *   reversal given back), gross = -invoiceAmount, agreementNumber = the first `AGREEMENT_IDS`
 *   value, serviceChargeType = the items' single non-OTHER service charge type, varianceType and
 *   defect types = the items' single variance type (a stand-alone claim such as `12345SC`).
 * - **Incomplete payments**: a skipped invoice that names payment ids makes those payments
 *   incomplete (e.g. an invoice paid in one payment whose shortage claim was deducted in a later
 *   one names both, and its AmountPaid cannot be split): they are returned in `incomplete`, never
 *   in `payments`, because their bank amount is not known.
 * - `PURCHASE_ORDER_IDS`: one value -> `purchaseOrderNumber`; several are joined with `,`
 *   (matching.ts tries each). invoiceDate = issueDate (date part, UTC).
 * - **Payment amount** = sum of the lines (`amountFrom: 'sumOfLines'`): the API states no total.
 *   **Payment date**: the latest `lastUpdatedDate` of its invoices (when Amazon recorded the
 *   settlement), or the latest `dueDate` with `paymentDate: 'dueDate'`; date part in UTC.
 * - A payment whose invoices are in different currencies keeps each line's currency; journal.ts
 *   then holds it (`currencyMismatch`).
 *
 * Structurally invalid data (no invoiceNumber, an amount that is not a number) throws a
 * {@link RemittanceFormatError} naming the invoice's position and number.
 *
 * Pure: no n8n imports.
 */
import {
	Decimal,
	abs,
	add,
	equals,
	isNegative,
	isZero,
	negate,
	normalizeCurrencyCode,
	subtract,
	sum,
} from '../money';
import { splitDateRange, type DateWindow } from '../dateWindows';
import { decimalFromJsonNumber, ZERO_AMOUNT } from './amounts';
import { RemittanceFormatError, type RemittanceLine, type RemittancePayment } from './types';
import { isObject, shown, type Json } from '../values';

const partyText = (value: unknown): string => (typeof value === 'string' ? value : shown(value));

/** Amazon's limit on fromIssueDate..toIssueDate. */
export const MAX_ISSUE_DATE_SPAN_MS = 90 * 24 * 60 * 60 * 1000;

/** Splits a date range into windows of at most 90 days for `getInvoiceHeaders`. */
export function financesInvoiceWindows(
	from: string | Date,
	to?: string | Date,
	now?: number,
): DateWindow[] {
	return splitDateRange(from, to, {
		maxMs: MAX_ISSUE_DATE_SPAN_MS,
		now,
		afterField: 'fromIssueDate',
		beforeField: 'toIssueDate',
	});
}

export type SkipReason =
	| 'notInPayment'
	| 'severalPayments'
	| 'rejected'
	| 'unknownDirection'
	| 'noAmountPaid';

export interface SkippedInvoice {
	invoiceNumber: string;
	invoiceIdentifier: string;
	status: string;
	reason: SkipReason;
	message: string;
	/** The payment ids the invoice names (empty when none). */
	paymentIds: string[];
}

export interface FinancesNormaliseOptions {
	/** `lastUpdatedDate` (default) or `dueDate`. */
	paymentDate?: 'lastUpdatedDate' | 'dueDate';
}

/** A payment that an unusable invoice names: its lines are not all known, so it must not be posted. */
export interface IncompletePayment {
	paymentNumber: string;
	message: string;
	/** The skipped invoices that name it. */
	invoices: string[];
	/** What could be read of it, if anything. */
	payment?: RemittancePayment;
}

export interface FinancesNormaliseResult {
	/** Complete payments, ready to classify and journalise. */
	payments: RemittancePayment[];
	/** Payments named by a skipped invoice (held: the bank amount would be wrong). */
	incomplete: IncompletePayment[];
	skipped: SkippedInvoice[];
	warnings: string[];
}

function relatedIds(list: unknown, name: string): string[] {
	if (!Array.isArray(list)) return [];
	const values: string[] = [];
	for (const entry of list) {
		if (!isObject(entry) || entry.relatedIdentifierName !== name) continue;
		const raw = entry.relatedIdentifierValue;
		for (const value of Array.isArray(raw) ? raw : [raw]) {
			if (typeof value === 'string' && value.trim() !== '' && !values.includes(value.trim()))
				values.push(value.trim());
		}
	}
	return values;
}

/** Whether `getInvoice` (the items) is worth fetching: variances to explain or an Amazon invoice to type. */
export function invoiceNeedsItems(header: unknown): boolean {
	if (!isObject(header)) return false;
	const payer = isObject(header.payer) ? header.payer.partnerType : undefined;
	if (payer === 'VENDOR') return true;
	const breakdowns = Array.isArray(header.invoiceSettlementBreakdowns)
		? header.invoiceSettlementBreakdowns
		: [];
	const nonZero = (b: unknown): boolean =>
		isObject(b) && isObject(b.breakdownAmount) && b.breakdownAmount.currencyAmount !== 0;
	return breakdowns.some(
		(b) =>
			isObject(b) &&
			(b.breakdownType === 'QuantityVarianceAmount' || b.breakdownType === 'PriceVariance') &&
			(nonZero(b) || (Array.isArray(b.breakdowns) && b.breakdowns.some(nonZero))),
	);
}

interface Context {
	position: number;
	invoiceNumber: string;
	warnings: string[];
}

function money(
	value: unknown,
	ctx: Context,
	path: string,
	currency?: string,
): { amount: Decimal; currency: string } {
	if (!isObject(value)) throw invoiceError(ctx, 'expected {currencyCode, currencyAmount}', path);
	const rawCode =
		typeof value.currencyCode === 'string' ? value.currencyCode.trim().toUpperCase() : '';
	if (!/^[A-Z]{3}$/.test(rawCode)) {
		const problem = `${shown(value.currencyCode)} is not a currency code`;
		throw invoiceError(ctx, problem, `${path}.currencyCode`);
	}
	const code = normalizeCurrencyCode(rawCode);
	if (currency !== undefined && code !== currency) {
		const problem = `${code} differs from the invoice currency ${currency}`;
		throw invoiceError(ctx, problem, `${path}.currencyCode`);
	}
	let read: ReturnType<typeof decimalFromJsonNumber> | undefined;
	let problem = '';
	try {
		read = decimalFromJsonNumber(value.currencyAmount, code);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (read === undefined) throw invoiceError(ctx, problem, `${path}.currencyAmount`);
	const where = `Finances API invoice ${ctx.position} (${ctx.invoiceNumber}), ${path}`;
	if (read.warning) ctx.warnings.push(`${where}: ${read.warning}`);
	return { amount: read.amount, currency: code };
}

function isoDay(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

function defectTypesOf(items: readonly unknown[], varianceType: string): string[] {
	const result: string[] = [];
	for (const item of items) {
		if (!isObject(item) || !isObject(item.lineItemContext)) continue;
		const matching = item.lineItemContext.matchingContext;
		if (!isObject(matching) || !Array.isArray(matching.varianceReasons)) continue;
		for (const reason of matching.varianceReasons) {
			if (
				!isObject(reason) ||
				reason.varianceType !== varianceType ||
				!Array.isArray(reason.defectTypes)
			)
				continue;
			for (const defect of reason.defectTypes) {
				if (typeof defect === 'string' && !result.includes(defect)) result.push(defect);
			}
		}
	}
	return result;
}

function serviceChargeTypeOf(items: readonly unknown[]): string | undefined {
	const types = new Set<string>();
	for (const item of items) {
		if (!isObject(item) || !isObject(item.lineItemContext)) continue;
		const type = item.lineItemContext.serviceChargeType;
		if (typeof type === 'string' && type !== 'OTHER') types.add(type);
	}
	return types.size === 1 ? [...types][0] : undefined;
}

/** The single variance type of a stand-alone claim's items (and its defect types), if there is exactly one. */
function varianceOf(
	items: readonly unknown[],
): { varianceType: string; defectTypes: string[] } | undefined {
	const types = new Set<string>();
	for (const item of items) {
		if (!isObject(item) || !isObject(item.lineItemContext)) continue;
		const matching = item.lineItemContext.matchingContext;
		if (!isObject(matching) || !Array.isArray(matching.varianceReasons)) continue;
		for (const reason of matching.varianceReasons) {
			if (isObject(reason) && typeof reason.varianceType === 'string')
				types.add(reason.varianceType);
		}
	}
	if (types.size !== 1) return undefined;
	const varianceType = [...types][0];
	return { varianceType, defectTypes: defectTypesOf(items, varianceType) };
}

interface PaymentBuilder {
	payment: RemittancePayment;
	dates: string[];
}

/** What the invoices read so far have given. */
interface NormaliseState {
	dateField: 'lastUpdatedDate' | 'dueDate';
	itemsByInvoice: Readonly<Record<string, readonly unknown[]>>;
	warnings: string[];
	skipped: SkippedInvoice[];
	payments: Map<string, PaymentBuilder>;
	seen: Set<string>;
}

/** One invoice header, its identity read. */
interface InvoiceFacts {
	header: Json;
	ctx: Context;
	invoiceNumber: string;
	invoiceIdentifier: string;
	status: string;
	paymentIds: string[];
}

/** The settlement breakdowns of an invoice, summed per type, and its quantity variances one by one. */
interface Breakdowns {
	byType: Map<string, Decimal>;
	quantityVariances: Array<{ amount: Decimal; parts: Decimal[] }>;
}

/** What every line of one invoice shares. */
interface InvoiceLines {
	facts: InvoiceFacts;
	currency: string;
	invoiceAmount: Decimal;
	breakdowns: Breakdowns;
	items: readonly unknown[];
	paymentNumber: string;
	common: (line: RemittanceLine) => RemittanceLine;
}

function invoiceError(ctx: Context, message: string, path = ''): RemittanceFormatError {
	return new RemittanceFormatError(
		`Finances API invoice ${ctx.position} (${ctx.invoiceNumber})${path ? `, ${path}` : ''}: ${message}`,
		{ path: `invoices[${ctx.position - 1}]${path ? `.${path}` : ''}` },
	);
}

/**
 * Groups invoice headers (from `getInvoiceHeaders` pages, or `getInvoice`'s `invoiceHeader`) into
 * payments. `itemsByInvoice` maps `invoiceIdentifier` (or `invoiceNumber`) to the invoice's items
 * (all `getInvoice` pages), used for defect and service charge types.
 */
export function normaliseFinancesInvoices(
	headers: readonly unknown[],
	itemsByInvoice: Readonly<Record<string, readonly unknown[]>> = {},
	options: FinancesNormaliseOptions = {},
): FinancesNormaliseResult {
	if (!Array.isArray(headers))
		throw new RemittanceFormatError('Finances API invoices must be a list', { path: 'headers' });
	if (!isObject(itemsByInvoice))
		throw new RemittanceFormatError('The invoice items must be an object', {
			path: 'itemsByInvoice',
		});
	if (!isObject(options))
		throw new RemittanceFormatError('The options must be an object', { path: 'options' });
	const state: NormaliseState = {
		dateField:
			(options as FinancesNormaliseOptions).paymentDate === 'dueDate'
				? 'dueDate'
				: 'lastUpdatedDate',
		itemsByInvoice,
		warnings: [],
		skipped: [],
		payments: new Map(),
		seen: new Set(),
	};
	headers.forEach((header, index) => readInvoice(state, header, index + 1));
	return { ...assemblePayments(state), skipped: state.skipped, warnings: state.warnings };
}

function invoiceFacts(state: NormaliseState, header: unknown, position: number): InvoiceFacts {
	if (!isObject(header))
		throw new RemittanceFormatError(`Finances API invoice ${position}: expected an object`, {
			path: `invoices[${position - 1}]`,
		});
	const invoiceNumber = typeof header.invoiceNumber === 'string' ? header.invoiceNumber.trim() : '';
	if (invoiceNumber === '')
		throw new RemittanceFormatError(`Finances API invoice ${position}: invoiceNumber is missing`, {
			path: `invoices[${position - 1}].invoiceNumber`,
		});
	return {
		header,
		ctx: { position, invoiceNumber, warnings: state.warnings },
		invoiceNumber,
		invoiceIdentifier:
			typeof header.invoiceIdentifier === 'string' ? header.invoiceIdentifier : invoiceNumber,
		status: typeof header.invoiceStatus === 'string' ? header.invoiceStatus : '',
		paymentIds: relatedIds(header.relatedIdentifiers, 'UNIQUE_PAYMENT_IDS'),
	};
}

/** Why an invoice cannot join a payment (rejected, no payment, several payments), if it cannot. */
function paymentSkip(facts: InvoiceFacts): [SkipReason, string] | undefined {
	const { invoiceNumber, status, paymentIds } = facts;
	if (status === 'REJECTED') return ['rejected', `Invoice ${invoiceNumber} was rejected by Amazon`];
	if (paymentIds.length === 0) {
		const message = `Invoice ${invoiceNumber} (${status || 'no status'}) names no payment (UNIQUE_PAYMENT_IDS)`;
		return ['notInPayment', message];
	}
	if (paymentIds.length > 1) {
		const message =
			`Invoice ${invoiceNumber} was settled by several payments (${paymentIds.join(', ')}); ` +
			'its AmountPaid cannot be split between them';
		return ['severalPayments', message];
	}
	return undefined;
}

function skip(
	state: NormaliseState,
	facts: InvoiceFacts,
	reason: SkipReason,
	message: string,
): void {
	const { invoiceNumber, invoiceIdentifier, status, paymentIds } = facts;
	state.skipped.push({ invoiceNumber, invoiceIdentifier, status, reason, message, paymentIds });
}

function readInvoice(state: NormaliseState, header: unknown, position: number): void {
	const facts = invoiceFacts(state, header, position);
	if (state.seen.has(facts.invoiceIdentifier)) {
		state.warnings.push(
			`Finances API invoice ${position} (${facts.invoiceNumber}): listed twice; the second copy is ignored`,
		);
		return;
	}
	state.seen.add(facts.invoiceIdentifier);
	const skipped = paymentSkip(facts);
	if (skipped) return skip(state, facts, ...skipped);
	const payee = isObject(facts.header.payee) ? facts.header.payee.partnerType : undefined;
	const payer = isObject(facts.header.payer) ? facts.header.payer.partnerType : undefined;
	const vendorInvoice = payee === 'VENDOR';
	if (!vendorInvoice && payer !== 'VENDOR') {
		const message =
			`Invoice ${facts.invoiceNumber}: neither payee nor payer is the vendor ` +
			`(payee ${partyText(payee)}, payer ${partyText(payer)})`;
		return skip(state, facts, 'unknownDirection', message);
	}
	const invoice = invoiceLines(state, facts);
	const lines = vendorInvoice ? vendorInvoiceLines(invoice) : amazonInvoiceLines(invoice);
	if (typeof lines === 'string') return skip(state, facts, 'noAmountPaid', lines);
	addToPayment(state, invoice, lines);
}

function invoiceLines(state: NormaliseState, facts: InvoiceFacts): InvoiceLines {
	const { header, ctx } = facts;
	const invoiceAmount = money(header.invoiceAmount, ctx, 'invoiceAmount');
	const currency = invoiceAmount.currency;
	const purchaseOrders = relatedIds(header.relatedIdentifiers, 'PURCHASE_ORDER_IDS');
	const invoiceDate = isoDay(header.issueDate);
	const items =
		state.itemsByInvoice[facts.invoiceIdentifier] ??
		state.itemsByInvoice[facts.invoiceNumber] ??
		[];
	return {
		facts,
		currency,
		invoiceAmount: invoiceAmount.amount,
		breakdowns: readBreakdowns(header, ctx, currency),
		items: Array.isArray(items) ? items : [],
		paymentNumber: facts.paymentIds[0],
		common: (line) => {
			line.currency = currency;
			if (purchaseOrders.length > 0) line.purchaseOrderNumber = purchaseOrders.join(',');
			if (invoiceDate !== undefined) line.invoiceDate = invoiceDate;
			return line;
		},
	};
}

function readBreakdowns(header: Json, ctx: Context, currency: string): Breakdowns {
	const result: Breakdowns = { byType: new Map(), quantityVariances: [] };
	if (!Array.isArray(header.invoiceSettlementBreakdowns)) return result;
	header.invoiceSettlementBreakdowns.forEach((b: unknown, i) => {
		const where = `invoiceSettlementBreakdowns[${i}]`;
		if (!isObject(b) || typeof b.breakdownType !== 'string')
			throw invoiceError(ctx, 'expected {breakdownType, breakdownAmount}', where);
		const path = `${where} (${b.breakdownType})`;
		const { amount } = money(b.breakdownAmount, ctx, path, currency);
		const type = b.breakdownType;
		result.byType.set(type, add(result.byType.get(type) ?? ZERO_AMOUNT, amount));
		if (type !== 'QuantityVarianceAmount') return;
		const subs: unknown[] = Array.isArray(b.breakdowns) ? b.breakdowns : [];
		const parts = subs.map((sub, j) => {
			if (!isObject(sub))
				throw invoiceError(
					ctx,
					'expected {breakdownType, breakdownAmount}',
					`${path}.breakdowns[${j}]`,
				);
			return money(sub.breakdownAmount, ctx, `${path}.breakdowns[${j}]`, currency).amount;
		});
		result.quantityVariances.push({ amount, parts });
	});
	return result;
}

/** An adjustment line of a vendor invoice (a variance): paid = gross = `paid`. */
function adjustmentLine(
	invoice: InvoiceLines,
	fields: { reference: string; description: string; paid: Decimal; varianceType: string },
	defects: string[] = [],
): RemittanceLine {
	const line = invoice.common({
		reference: fields.reference,
		invoiceNumber: invoice.facts.invoiceNumber,
		description: fields.description,
		gross: fields.paid,
		discount: ZERO_AMOUNT,
		paid: fields.paid,
		remaining: ZERO_AMOUNT,
		varianceType: fields.varianceType,
		kind: 'adjustment',
		sourcePosition: invoice.facts.ctx.position,
	});
	if (defects.length > 0) line.defectTypes = defects;
	return line;
}

/** The lines of the vendor's own invoice (see the module comment), or why it is skipped. */
function vendorInvoiceLines(invoice: InvoiceLines): RemittanceLine[] | string {
	const { facts, breakdowns, invoiceAmount, currency } = invoice;
	const { invoiceNumber, ctx } = facts;
	const amountPaid = breakdowns.byType.get('AmountPaid');
	if (amountPaid === undefined)
		return `Invoice ${invoiceNumber} names payment ${invoice.paymentNumber} but has no AmountPaid settlement breakdown`;
	const of = (type: string) => breakdowns.byType.get(type) ?? ZERO_AMOUNT;
	const discount = abs(of('QuickPayDiscount'));
	const quantity = abs(of('QuantityVarianceAmount'));
	const price = abs(of('PriceVariance'));
	const other = of('Other');
	const paid = subtract(add(add(amountPaid, quantity), price), other);
	const remaining = subtract(subtract(invoiceAmount, discount), paid);
	if (remaining.units < BigInt(0)) {
		ctx.warnings.push(
			`Finances API invoice ${ctx.position} (${invoiceNumber}): the settlement (paid ${paid.toString()} + ` +
				`discount ${discount.toString()}) exceeds the invoice amount ${invoiceAmount.toString()} ${currency}`,
		);
	}
	const type = facts.header.invoiceType;
	const description = `${typeof type === 'string' ? type : 'invoice'} ${facts.status}`.trim();
	const lines = [
		invoice.common({
			reference: invoiceNumber,
			invoiceNumber,
			description,
			gross: invoiceAmount,
			discount,
			paid,
			remaining,
			kind: 'document',
			sourcePosition: ctx.position,
		}),
		...quantityVarianceLines(invoice, quantity),
	];
	if (!isZero(price)) {
		const fields = { reference: `${invoiceNumber}:PPV`, description: 'Price variance (PPV)' };
		lines.push(
			adjustmentLine(
				invoice,
				{ ...fields, paid: negate(price), varianceType: 'PPV' },
				defectTypesOf(invoice.items, 'PPV'),
			),
		);
	}
	if (!isZero(other)) {
		const fields = { reference: `${invoiceNumber}:OTHER`, description: 'Other settlement amount' };
		lines.push(adjustmentLine(invoice, { ...fields, paid: other, varianceType: 'OTHER' }));
	}
	return lines;
}

/** The quantity variance: one line per shortage document when the API says each one's amount, else one net line. */
function quantityVarianceLines(invoice: InvoiceLines, quantity: Decimal): RemittanceLine[] {
	const { facts, breakdowns } = invoice;
	const shortageIds = relatedIds(facts.header.relatedIdentifiers, 'SHORTAGE_INVOICE_IDS');
	const perDocument = shortageDocumentAmounts(breakdowns.quantityVariances, shortageIds, facts.ctx);
	const defects = defectTypesOf(invoice.items, 'PQV');
	if (perDocument !== undefined) {
		return perDocument.map(({ document, withheld, amount }) =>
			adjustmentLine(
				invoice,
				{
					reference: document,
					description: withheld ? 'Quantity variance (PQV)' : 'Quantity variance given back (PQV)',
					paid: withheld ? negate(amount) : amount,
					varianceType: 'PQV',
				},
				withheld ? defects : [],
			),
		);
	}
	if (isZero(quantity)) return [];
	const reference = shortageIds.length === 1 ? shortageIds[0] : `${facts.invoiceNumber}:PQV`;
	const fields = { reference, description: 'Quantity variance (PQV)', paid: negate(quantity) };
	return [adjustmentLine(invoice, { ...fields, varianceType: 'PQV' }, defects)];
}

/** The line of Amazon's own invoice, deducted from the payment (see the module comment), or why it is skipped. */
function amazonInvoiceLines(invoice: InvoiceLines): RemittanceLine[] | string {
	const { facts, breakdowns, invoiceAmount, items } = invoice;
	let deducted = breakdowns.byType.get('AmountPaid');
	if (deducted === undefined && facts.status === 'DEDUCTED') deducted = invoiceAmount;
	if (deducted === undefined) {
		return (
			`Amazon invoice ${facts.invoiceNumber} (${facts.status || 'no status'}) names payment ` +
			`${invoice.paymentNumber} but the amount deducted is not stated (no AmountPaid)`
		);
	}
	// Amazon's invoice to the vendor: a positive amount is taken from the payment, a negative one
	// (a reversal) is given back.
	const gross = negate(invoiceAmount);
	const paid = negate(deducted);
	const line = invoice.common({
		reference: facts.invoiceNumber,
		description: `Amazon invoice ${facts.status}`.trim(),
		gross,
		discount: ZERO_AMOUNT,
		paid,
		remaining: subtract(gross, paid),
		kind: 'document',
		sourcePosition: facts.ctx.position,
	});
	const agreements = relatedIds(facts.header.relatedIdentifiers, 'AGREEMENT_IDS');
	if (agreements.length > 0) line.agreementNumber = agreements[0];
	const serviceChargeType = serviceChargeTypeOf(items);
	if (serviceChargeType !== undefined) line.serviceChargeType = serviceChargeType;
	const variance = varianceOf(items);
	if (variance !== undefined) {
		line.varianceType = variance.varianceType;
		if (variance.defectTypes.length > 0) line.defectTypes = variance.defectTypes;
	}
	return [line];
}

function addToPayment(state: NormaliseState, invoice: InvoiceLines, lines: RemittanceLine[]): void {
	const { paymentNumber, currency, facts } = invoice;
	let builder = state.payments.get(paymentNumber);
	if (builder === undefined) {
		builder = {
			payment: {
				paymentNumber,
				paymentDate: '',
				currency,
				amount: ZERO_AMOUNT,
				amountFrom: 'sumOfLines',
				lines: [],
				source: 'finances-api',
			},
			dates: [],
		};
		state.payments.set(paymentNumber, builder);
	}
	for (const line of lines) {
		builder.payment.lines.push(line);
		builder.payment.amount = add(builder.payment.amount, line.paid);
	}
	const header = facts.header;
	const day =
		isoDay(header[state.dateField]) ?? isoDay(header.lastUpdatedDate) ?? isoDay(header.issueDate);
	if (day !== undefined) builder.dates.push(day);
}

/** Complete payments, and the incomplete ones (named by a skipped invoice). */
function assemblePayments(
	state: NormaliseState,
): Pick<FinancesNormaliseResult, 'payments' | 'incomplete'> {
	const blockers = new Map<string, string[]>();
	for (const invoice of state.skipped) {
		for (const id of invoice.paymentIds)
			blockers.set(id, [...(blockers.get(id) ?? []), invoice.invoiceNumber]);
	}
	const payments: RemittancePayment[] = [];
	const incomplete: IncompletePayment[] = [];
	for (const { payment, dates } of state.payments.values()) {
		if (dates.length === 0) {
			throw new RemittanceFormatError(
				`Finances API payment ${payment.paymentNumber}: none of its invoices has a usable date`,
				{ path: 'headers' },
			);
		}
		payment.paymentDate = dates.reduce((latest, d) => (d > latest ? d : latest));
		const blocking = blockers.get(payment.paymentNumber);
		if (blocking === undefined) payments.push(payment);
		else {
			const message = incompleteMessage(payment.paymentNumber, blocking);
			incomplete.push({
				paymentNumber: payment.paymentNumber,
				message,
				invoices: blocking,
				payment,
			});
		}
	}
	for (const [paymentNumber, invoices] of blockers) {
		if (state.payments.has(paymentNumber)) continue;
		incomplete.push({
			paymentNumber,
			message: incompleteMessage(paymentNumber, invoices),
			invoices,
		});
	}
	return { payments, incomplete };
}

/**
 * Each shortage document's amount, when the invoice gives one per document named in
 * `SHORTAGE_INVOICE_IDS`: several QuantityVarianceAmount breakdowns, or one whose sub-breakdowns add
 * up to it, as many as the documents (the n-th amount is the n-th document's). `amount` is a
 * magnitude; `withheld` is false for an amount given back (a reversal). Undefined when the invoice
 * gives one net amount (a warning says so when it names several documents).
 */
function shortageDocumentAmounts(
	variances: ReadonlyArray<{ amount: Decimal; parts: Decimal[] }>,
	documents: readonly string[],
	ctx: Context,
): Array<{ document: string; withheld: boolean; amount: Decimal }> | undefined {
	if (variances.length === 0) return undefined;
	let amounts: Decimal[];
	if (variances.length > 1) amounts = variances.map((v) => v.amount);
	else if (variances[0].parts.length > 1 && equals(sum(variances[0].parts), variances[0].amount))
		amounts = variances[0].parts;
	else {
		if (variances[0].parts.length > 1) {
			ctx.warnings.push(
				`Finances API invoice ${ctx.position} (${ctx.invoiceNumber}): the ` +
					`sub-breakdowns of QuantityVarianceAmount add up to ` +
					`${sum(variances[0].parts).toString()}, not ${variances[0].amount.toString()}; ` +
					`posted as one net quantity variance line`,
			);
		} else if (documents.length > 1) {
			const outcome = isZero(variances[0].amount)
				? 'their net is 0, so no quantity variance line is posted'
				: 'posted as one net quantity variance line';
			ctx.warnings.push(
				`Finances API invoice ${ctx.position} (${ctx.invoiceNumber}): one ` +
					`QuantityVarianceAmount for ${documents.length} shortage documents ` +
					`(${documents.join(', ')}); ${outcome}`,
			);
		}
		return undefined;
	}
	if (amounts.length !== documents.length) {
		ctx.warnings.push(
			`Finances API invoice ${ctx.position} (${ctx.invoiceNumber}): ` +
				`${amounts.length} QuantityVarianceAmount amounts for ${documents.length} ` +
				`shortage ` +
				`document(s)${documents.length > 0 ? ` (${documents.join(', ')})` : ''}; ` +
				`posted as one net quantity variance line`,
		);
		return undefined;
	}
	const net = sum(amounts);
	const reference = isZero(net) ? (amounts.find((a) => !isZero(a)) ?? net) : net;
	const withheldNegative = isNegative(reference);
	return amounts.map((amount, i) => ({
		document: documents[i],
		withheld: isZero(amount) || isNegative(amount) === withheldNegative,
		amount: abs(amount),
	}));
}

function incompleteMessage(paymentNumber: string, invoices: string[]): string {
	return (
		`Payment ${paymentNumber} is held: invoice(s) ${invoices.join(', ')} name it ` +
		`but cannot be read into it (see skipped), so its amount is not known`
	);
}

/** Collects the `invoices` of several `getInvoiceHeaders` pages (empty pages allowed). */
export function invoicesFromPages(pages: readonly unknown[]): unknown[] {
	const invoices: unknown[] = [];
	pages.forEach((page, index) => {
		if (!isObject(page))
			throw new RemittanceFormatError(`Finances API page ${index + 1}: expected an object`);
		if (page.invoices === undefined) return;
		if (!Array.isArray(page.invoices))
			throw new RemittanceFormatError(`Finances API page ${index + 1}: invoices is not a list`);
		invoices.push(...page.invoices);
	});
	return invoices;
}
