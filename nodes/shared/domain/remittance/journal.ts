/**
 * Turns one classified remittance payment into a balanced journal entry (debits = credits, exact
 * decimal money), or into an exception the operator has to look at.
 *
 * Postings (signed: + debit, - credit), for a payment of amount A with lines L:
 * - bank: `+A` (what was really paid; a negative payment is a bank credit);
 * - each line: its type's account gets `-(paid + discount)`: an invoice (type `invoicePayment`,
 *   account `receivable`) is credited with what this payment clears from it, a deduction (paid < 0)
 *   is debited to its deduction account, a reversal (paid > 0) credits that account back;
 * - each line with a discount: `termsDiscount` gets `+discount` (the quick-pay discount taken);
 * - rounding, when allowed: `rounding` gets `-(A - sum of paid)`.
 * Each line's postings sum to `-paid`, so the entry balances exactly when `A = sum(paid)` (plus the
 * rounding posting). The entry is checked again before it is returned.
 *
 * Holds (an exception instead of, or next to, the entry), checked in this order:
 * 1. `currencyMismatch`: a line in another currency than the payment: the whole payment is held.
 * 2. `tooManyDecimals`: an amount with non-zero digits beyond the currency's minor units (`12.345`
 *    USD, `1000.50` JPY): it cannot be posted as it is and rounding it would change what Amazon
 *    paid, so the whole payment is held, its lines marked `decimals`.
 * 3. `doesNotAddUp`: `A - sum(paid)` is not zero (and not within `roundingTolerance` with a rounding
 *    account): the whole payment is held with the difference.
 * 4. `unknownLines` (no rule recognised the line) / `unmappedType` (its type has no account): with
 *    `unresolvedLines: 'holdPayment'` (default) the whole payment is held; with `'postKnown'` the
 *    entry is posted and each unresolved line is posted to the `suspense` account instead (so the
 *    bank line still equals what was really paid and the entry stays balanced), and an exception
 *    with `held: 'lines'` lists them for review. `postKnown` needs a suspense account.
 *
 * Accounts: `bank`, `receivable`, `termsDiscount` are required; `byType` maps line types to
 * accounts. A type without its own account uses {@link TYPE_ACCOUNT_FALLBACK} (a reversal posts to
 * its claim's account). `quickPayDiscount` lines default to `termsDiscount`, `rounding` lines to
 * `rounding`, `invoicePayment` always posts to `receivable`.
 *
 * Arguments that are not what they must be (null, a number where a Decimal belongs) throw a
 * JournalInputError naming the field; accounts and options the node must fix a JournalConfigError.
 *
 * Output amounts are decimal strings padded to the currency's minor units (never rounded). Empty
 * text fields are `''` so every journal line has the same columns (database inserts, Xero's manual
 * journal `LineAmount` = `amount`, QuickBooks' `PostingType` = `postingType`).
 *
 * Pure: no n8n imports.
 */
import { InvalidInputError } from '../inputError';
import {
	Decimal,
	abs,
	add,
	compare,
	equals,
	isZero,
	minorUnits,
	negate,
	parseDecimal,
	roundToScale,
	subtract,
	toDecimalString,
} from '../money';
import { DecimalAccumulator, formatAmount, ZERO_AMOUNT } from './amounts';
import type { ClassifiedLine } from './classify';
import { checkClassified, checkOptions, checkPayment } from './journalInput';
import { shown } from '../values';
import type { RemittancePayment, RemittanceSource } from './types';

export { JournalInputError } from './journalInput';

export interface JournalAccounts {
	bank: string;
	receivable: string;
	termsDiscount: string;
	/** Small differences between the payment and its lines (within `roundingTolerance`). */
	rounding?: string;
	/** Where unresolved lines are parked with `unresolvedLines: 'postKnown'`. */
	suspense?: string;
	/** Line type (deduction type) -> account. */
	byType?: Readonly<Record<string, string>>;
}

export interface JournalOptions {
	/** `holdPayment` (default): hold the whole payment; `postKnown`: post and park unresolved lines on suspense. */
	unresolvedLines?: 'holdPayment' | 'postKnown';
	/** Largest |payment - lines| posted to the rounding account (default 0: none). */
	roundingTolerance?: string | Decimal;
	/** `line` (default): one posting per remittance line; `type`: postings summed per account and type. */
	granularity?: 'line' | 'type';
	/** Memo prefix, default `Amazon remittance`. */
	memoPrefix?: string;
}

/** Where a type without its own account posts (one step; then the type has no account). */
export const TYPE_ACCOUNT_FALLBACK: Readonly<Record<string, string>> = Object.freeze({
	shortageClaimReversal: 'shortageClaim',
	revisedShortageClaim: 'shortageClaim',
	provisionRelease: 'provisionForReceivables',
	damageAllowance: 'coopAgreement',
	priceProtection: 'coopAgreement',
});

const TYPE_LABELS: Readonly<Record<string, string>> = Object.freeze({
	invoicePayment: 'invoice',
	shortageClaim: 'shortage claim',
	shortageClaimReversal: 'shortage claim reversal',
	revisedShortageClaim: 'revised shortage claim',
	priceClaim: 'price claim',
	chargeback: 'chargeback',
	coopAgreement: 'co-op agreement',
	damageAllowance: 'damage allowance',
	priceProtection: 'price protection',
	provisionForReceivables: 'provision for receivables',
	provisionRelease: 'provision release',
	quickPayDiscount: 'quick-pay discount',
	returns: 'returns',
	freightAllowance: 'freight allowance',
	storageFee: 'storage fee',
	rounding: 'rounding',
	bank: 'payment',
	termsDiscount: 'terms discount',
	suspense: 'held for review',
});

export interface JournalLine {
	paymentNumber: string;
	date: string;
	account: string;
	/** Decimal string; `"0.00"` when the line is a credit. */
	debit: string;
	/** Decimal string; `"0.00"` when the line is a debit. */
	credit: string;
	/** `debit - credit` as a signed decimal string (Xero's LineAmount convention). */
	amount: string;
	postingType: 'Debit' | 'Credit';
	currency: string;
	memo: string;
	reference: string;
	purchaseOrderNumber: string;
	invoiceNumber: string;
	/** Line type, or `bank`, `termsDiscount`, `rounding`, `suspense`. */
	type: string;
	/** CSV line / 820 segment / API position of the remittance line (0 for bank and rounding). */
	sourcePosition: number;
}

/** The key of a journal line in a ledger: payment number / position from 1 (`40009001/003`). */
export function journalKey(line: JournalLine, index: number): string {
	return `${line.paymentNumber}/${String(index + 1).padStart(3, '0')}`;
}

export interface JournalSummary {
	paymentNumber: string;
	paymentDate: string;
	currency: string;
	source: RemittanceSource;
	/** The bank amount. */
	paid: string;
	/** Net credit to receivables (invoices cleared by this payment, discount included). */
	invoicesSettled: string;
	/** Net terms discount taken (line discounts plus `quickPayDiscount` lines). */
	discount: string;
	/**
	 * Per type (other than invoices and quick-pay discount), the net amount deducted (positive) or
	 * credited back (negative).
	 */
	deductedByType: Record<string, string>;
	deductionsTotal: string;
	rounding: string;
	heldOnSuspense: string;
	lineCount: number;
	journalLineCount: number;
	totalDebit: string;
	totalCredit: string;
}

export interface JournalEntry {
	paymentNumber: string;
	paymentDate: string;
	currency: string;
	source: RemittanceSource;
	lines: JournalLine[];
	summary: JournalSummary;
}

export type ExceptionReason =
	| 'doesNotAddUp'
	| 'unknownLines'
	| 'unmappedType'
	| 'currencyMismatch'
	| 'tooManyDecimals';

export interface ExceptionLine {
	reference: string;
	invoiceNumber: string;
	purchaseOrderNumber: string;
	description: string;
	/** The type found, or `''` when no rule recognised the line. */
	type: string;
	/**
	 * Why this line is listed: `unknown`, `unmapped`, `currency`, `decimals`, or `''` (listed with
	 * its held payment).
	 */
	problem: '' | 'unknown' | 'unmapped' | 'currency' | 'decimals';
	gross: string;
	discount: string;
	paid: string;
	remaining: string;
	reasonCode: string;
	sourcePosition: number;
}

export interface RemittanceException {
	paymentNumber: string;
	paymentDate: string;
	currency: string;
	amount: string;
	source: RemittanceSource;
	reason: ExceptionReason;
	message: string;
	/** `payment`: nothing was posted. `lines`: the payment was posted, these lines sit on suspense. */
	held: 'payment' | 'lines';
	/** `amount - sum of the lines' paid`, for `doesNotAddUp`. */
	difference?: string;
	linesTotal: string;
	lines: ExceptionLine[];
}

export interface JournalOutcome {
	entry?: JournalEntry;
	exception?: RemittanceException;
}

/** Accounts or options the node must fix (not a property of the data). */
export class JournalConfigError extends InvalidInputError {
	constructor(message: string, path = 'accounts') {
		super(message, path);
		this.name = 'JournalConfigError';
	}
}

/** A journal that does not balance: a bug, never expected. */
export class UnbalancedJournalError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnbalancedJournalError';
	}
}

/** The account a line type posts to, or `undefined` when it has none. */
export function accountForType(type: string, accounts: JournalAccounts): string | undefined {
	const byType = accounts.byType ?? {};
	const own = (name: string): string | undefined => {
		const account = Object.prototype.hasOwnProperty.call(byType, name) ? byType[name] : undefined;
		return typeof account === 'string' && account.trim() !== '' ? account.trim() : undefined;
	};
	if (type === 'invoicePayment') return accounts.receivable;
	const direct = own(type);
	if (direct !== undefined) return direct;
	if (type === 'quickPayDiscount') return accounts.termsDiscount;
	if (type === 'rounding') return accounts.rounding?.trim() || undefined;
	const fallback = Object.prototype.hasOwnProperty.call(TYPE_ACCOUNT_FALLBACK, type)
		? TYPE_ACCOUNT_FALLBACK[type]
		: undefined;
	return fallback === undefined ? undefined : own(fallback);
}

const hasText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

function checkAccounts(accounts: JournalAccounts): void {
	if (accounts === null || typeof accounts !== 'object')
		throw new JournalConfigError('Accounts are missing');
	for (const key of ['bank', 'receivable', 'termsDiscount'] as const) {
		if (!hasText(accounts[key]))
			throw new JournalConfigError(`The ${key} account is required`, `accounts.${key}`);
	}
	for (const key of ['rounding', 'suspense'] as const) {
		if (accounts[key] !== undefined && typeof accounts[key] !== 'string')
			throw new JournalConfigError(`The ${key} account must be text`, `accounts.${key}`);
	}
	if (
		accounts.byType !== undefined &&
		(accounts.byType === null || typeof accounts.byType !== 'object')
	)
		throw new JournalConfigError('The accounts by type must be an object', 'accounts.byType');
}

function toleranceOf(options: JournalOptions): Decimal {
	if (options.roundingTolerance === undefined) return ZERO_AMOUNT;
	try {
		return parseDecimal(options.roundingTolerance);
	} catch (error) {
		const message = `The rounding tolerance is not an amount: ${(error as Error).message}`;
		return failConfig(message, 'options.roundingTolerance');
	}
}

function failConfig(message: string, path: string): never {
	throw new JournalConfigError(message, path);
}

/** Checks the required accounts and options; throws {@link JournalConfigError}. */
export function validateJournalConfig(
	accounts: JournalAccounts,
	options: JournalOptions = {},
): void {
	checkAccounts(accounts);
	if (options === null || typeof options !== 'object')
		failConfig('The journal options must be an object', 'options');
	const mode = options.unresolvedLines ?? 'holdPayment';
	if (mode !== 'holdPayment' && mode !== 'postKnown') {
		failConfig(
			`unresolvedLines must be holdPayment or postKnown (got ${shown(mode)})`,
			'options.unresolvedLines',
		);
	}
	if (mode === 'postKnown' && !hasText(accounts.suspense)) {
		failConfig(
			'Posting the known part of a payment needs a suspense account for the held lines',
			'accounts.suspense',
		);
	}
	const tolerance = toleranceOf(options);
	if (tolerance.units < BigInt(0))
		failConfig('The rounding tolerance cannot be negative', 'options.roundingTolerance');
	if (!isZero(tolerance) && !hasText(accounts.rounding))
		failConfig('A rounding tolerance needs a rounding account', 'accounts.rounding');
	const granularity = options.granularity ?? 'line';
	if (granularity !== 'line' && granularity !== 'type') {
		failConfig(
			`granularity must be line or type (got ${shown(granularity)})`,
			'options.granularity',
		);
	}
}

export function exceptionLine(
	cl: ClassifiedLine,
	currency: string,
	problem: ExceptionLine['problem'],
): ExceptionLine {
	const line = cl.line;
	return {
		reference: line.reference,
		invoiceNumber: cl.invoiceNumber ?? line.invoiceNumber ?? '',
		purchaseOrderNumber: cl.purchaseOrderNumber ?? line.purchaseOrderNumber ?? '',
		description: line.description ?? '',
		type: cl.type ?? '',
		problem,
		gross: formatAmount(line.gross, currency),
		discount: formatAmount(line.discount, currency),
		paid: formatAmount(line.paid, currency),
		remaining: formatAmount(line.remaining, currency),
		reasonCode: line.reasonCode ?? '',
		sourcePosition: line.sourcePosition,
	};
}

interface Posting {
	account: string;
	amount: Decimal;
	type: string;
	memo: string;
	reference: string;
	purchaseOrderNumber: string;
	invoiceNumber: string;
	sourcePosition: number;
}

/** What every step of one payment's journal reads. */
interface JournalContext {
	payment: RemittancePayment;
	classified: readonly ClassifiedLine[];
	accounts: JournalAccounts;
	currency: string;
	memoPrefix: string;
	mode: 'holdPayment' | 'postKnown';
	granularity: 'line' | 'type';
	tolerance: Decimal;
	linesTotal: Decimal;
	/** The fields every exception of this payment starts with. */
	base: Pick<
		RemittanceException,
		'paymentNumber' | 'paymentDate' | 'currency' | 'amount' | 'source' | 'linesTotal'
	>;
}

/**
 * Builds the journal for one payment from its classified lines (in the payment's line order).
 * Returns an entry, an exception, or both (`postKnown` with unresolved lines). Arguments that are
 * not what they must be throw a {@link JournalInputError} or {@link JournalConfigError}.
 */
export function buildJournal(
	payment: RemittancePayment,
	classified: readonly ClassifiedLine[],
	accounts: JournalAccounts,
	options: JournalOptions = {},
): JournalOutcome {
	checkPayment(payment);
	checkClassified(classified);
	checkOptions(options);
	validateJournalConfig(accounts, options);
	const ctx = journalContext(payment, classified, accounts, options);
	const hold = currencyHold(ctx) ?? precisionHold(ctx);
	if (hold) return { exception: hold };
	const rounding = roundingOf(ctx);
	if ('exception' in rounding) return rounding;
	const lineAccounts = lineAccountsOf(ctx);
	const exception = unresolvedException(ctx, lineAccounts);
	if (exception?.held === 'payment') return { exception };
	const postings = linePostings(ctx, lineAccounts, rounding.amount);
	const entry = journalEntry(ctx, postings);
	return exception ? { entry, exception } : { entry };
}

function journalContext(
	payment: RemittancePayment,
	classified: readonly ClassifiedLine[],
	accounts: JournalAccounts,
	options: JournalOptions,
): JournalContext {
	const currency = payment.currency;
	const total = new DecimalAccumulator();
	for (const cl of classified) total.add(cl.line.paid);
	const linesTotal = total.value();
	return {
		payment,
		classified,
		accounts,
		currency,
		memoPrefix: options.memoPrefix ?? 'Amazon remittance',
		mode: options.unresolvedLines ?? 'holdPayment',
		granularity: options.granularity ?? 'line',
		tolerance: toleranceOf(options),
		linesTotal,
		base: {
			paymentNumber: payment.paymentNumber,
			paymentDate: payment.paymentDate,
			currency,
			amount: formatAmount(payment.amount, currency),
			source: payment.source,
			linesTotal: formatAmount(linesTotal, currency),
		},
	};
}

/** 1. A line in another currency than the payment: the whole payment is held. */
function currencyHold(ctx: JournalContext): RemittanceException | undefined {
	const { classified, currency } = ctx;
	const foreign = classified.filter(
		(cl) => cl.line.currency !== undefined && cl.line.currency !== currency,
	);
	if (foreign.length === 0) return undefined;
	const currencies = [...new Set(foreign.map((cl) => cl.line.currency))].join(', ');
	return {
		...ctx.base,
		reason: 'currencyMismatch',
		message:
			`Payment ${ctx.payment.paymentNumber} is in ${currency} but ${foreign.length} line(s) are ` +
			`in another currency (${currencies}); the whole payment is held`,
		held: 'payment',
		lines: classified.map((cl) =>
			exceptionLine(cl, currency, foreign.includes(cl) ? 'currency' : ''),
		),
	};
}

/** Whether an amount has non-zero digits beyond the currency's minor units (`12.345` USD). */
function tooPrecise(amount: Decimal, scale: number): boolean {
	return amount.scale > scale && !equals(roundToScale(amount, scale), amount);
}

/**
 * 2. An amount with more decimals than the currency has minor units (`12.345` USD, `1000.50` JPY)
 * cannot be posted as it is, and rounding it would change what Amazon paid: the payment is held.
 */
function precisionHold(ctx: JournalContext): RemittanceException | undefined {
	const { classified, currency, payment } = ctx;
	const scale = minorUnits(currency);
	const found: string[] = [];
	if (tooPrecise(payment.amount, scale)) found.push(`${toDecimalString(payment.amount)} (payment)`);
	const flagged = classified.filter((cl) => {
		const amounts = LINE_AMOUNT_FIELDS.filter((field) => tooPrecise(cl.line[field], scale));
		for (const field of amounts)
			found.push(`${toDecimalString(cl.line[field])} (${cl.line.reference} ${field})`);
		return amounts.length > 0;
	});
	if (found.length === 0) return undefined;
	return {
		...ctx.base,
		reason: 'tooManyDecimals',
		message:
			`Payment ${payment.paymentNumber}: ${found.length} amount(s) have more decimals than ` +
			`${currency} has (${scale}): ${found.join(', ')}; the whole payment is held`,
		held: 'payment',
		lines: classified.map((cl) =>
			exceptionLine(cl, currency, flagged.includes(cl) ? 'decimals' : ''),
		),
	};
}

const LINE_AMOUNT_FIELDS = ['gross', 'discount', 'paid', 'remaining'] as const;

/** 3. The payment against its lines: equal, within the rounding tolerance, or held. */
function roundingOf(ctx: JournalContext): { amount: Decimal } | { exception: RemittanceException } {
	const { payment, currency, linesTotal, tolerance } = ctx;
	const difference = subtract(payment.amount, linesTotal);
	if (isZero(difference)) return { amount: ZERO_AMOUNT };
	if (!isZero(tolerance) && compare(abs(difference), tolerance) <= 0) return { amount: difference };
	const shownDifference = formatAmount(difference, currency);
	return {
		exception: {
			...ctx.base,
			reason: 'doesNotAddUp',
			message:
				`Payment ${payment.paymentNumber}: the lines add up to ${ctx.base.linesTotal} ` +
				`${currency} but the payment is ${ctx.base.amount} ${currency} ` +
				`(difference ${shownDifference}); the whole payment is held`,
			held: 'payment',
			difference: shownDifference,
			lines: ctx.classified.map((cl) => exceptionLine(cl, currency, '')),
		},
	};
}

/** The account of each line (undefined: no rule recognised it, or its type has no account). */
function lineAccountsOf(ctx: JournalContext): Array<string | undefined> {
	const cache = new Map<string, string | undefined>();
	return ctx.classified.map((cl) => {
		const type = cl.type;
		if (type === undefined) return undefined;
		if (!cache.has(type)) cache.set(type, accountForType(type, ctx.accounts));
		return cache.get(type);
	});
}

/** 4. Lines no rule recognises or whose type has no account: held, or put on suspense. */
function unresolvedException(
	ctx: JournalContext,
	lineAccounts: ReadonlyArray<string | undefined>,
): RemittanceException | undefined {
	const { classified, currency, payment } = ctx;
	const unresolved = classified.filter((_, i) => lineAccounts[i] === undefined);
	if (unresolved.length === 0) return undefined;
	const unknown = unresolved.filter((cl) => cl.type === undefined);
	const unmappedTypes = [
		...new Set(unresolved.map((cl) => cl.type).filter((t): t is string => t !== undefined)),
	];
	const what = [
		unknown.length > 0
			? `${unknown.length} line(s) no rule recognises ` +
				`(${unknown.map((cl) => cl.line.reference).join(', ')})`
			: '',
		unmappedTypes.length > 0 ? `type(s) without an account: ${unmappedTypes.join(', ')}` : '',
	]
		.filter((t) => t !== '')
		.join('; ');
	const held = ctx.mode === 'postKnown' ? 'lines' : 'payment';
	return {
		...ctx.base,
		reason: unknown.length > 0 ? 'unknownLines' : 'unmappedType',
		message:
			held === 'payment'
				? `Payment ${payment.paymentNumber}: ${what}; the whole payment is held`
				: `Payment ${payment.paymentNumber}: ${what}; the payment was posted and these lines ` +
					`were put on the suspense account ${String(ctx.accounts.suspense)}`,
		held,
		lines: unresolved.map((cl) =>
			exceptionLine(cl, currency, cl.type === undefined ? 'unknown' : 'unmapped'),
		),
	};
}

/** The postings and the totals the summary reports. */
interface Postings {
	postings: Posting[];
	rounding: Decimal;
	receivable: DecimalAccumulator;
	discount: DecimalAccumulator;
	heldOnSuspense: DecimalAccumulator;
	deducted: Map<string, DecimalAccumulator>;
}

function paymentPosting(
	ctx: JournalContext,
	account: string,
	amount: Decimal,
	what: string,
): Posting {
	const { payment } = ctx;
	return {
		account,
		amount,
		type: what === 'payment' ? 'bank' : 'rounding',
		memo: `${ctx.memoPrefix} ${payment.paymentNumber}: ${what}`,
		reference: payment.paymentNumber,
		purchaseOrderNumber: '',
		invoiceNumber: '',
		sourcePosition: 0,
	};
}

/** 5. Postings: the bank, each line (and its discount), the rounding difference. */
function linePostings(
	ctx: JournalContext,
	lineAccounts: ReadonlyArray<string | undefined>,
	rounding: Decimal,
): Postings {
	const result: Postings = {
		postings: [paymentPosting(ctx, ctx.accounts.bank.trim(), ctx.payment.amount, 'payment')],
		rounding,
		receivable: new DecimalAccumulator(),
		discount: new DecimalAccumulator(),
		heldOnSuspense: new DecimalAccumulator(),
		deducted: new Map(),
	};
	ctx.classified.forEach((cl, i) => postLine(ctx, result, cl, lineAccounts[i]));
	if (!isZero(rounding)) {
		const account = (ctx.accounts.rounding as string).trim();
		result.postings.push(paymentPosting(ctx, account, negate(rounding), 'rounding difference'));
	}
	return result;
}

function postLine(
	ctx: JournalContext,
	result: Postings,
	cl: ClassifiedLine,
	account: string | undefined,
): void {
	const line = cl.line;
	const where = {
		reference: line.reference,
		purchaseOrderNumber: cl.purchaseOrderNumber ?? line.purchaseOrderNumber ?? '',
		invoiceNumber: cl.invoiceNumber ?? line.invoiceNumber ?? '',
		sourcePosition: line.sourcePosition,
	};
	const hasDiscount = !isZero(line.discount);
	const settled = hasDiscount ? add(line.paid, line.discount) : line.paid;
	const typeName = account === undefined ? 'suspense' : (cl.type as string);
	const label = TYPE_LABELS[typeName] ?? typeName;
	const why =
		account !== undefined
			? ''
			: ` (${cl.type === undefined ? 'unrecognised' : `no account for ${cl.type}`})`;
	const memo = `${ctx.memoPrefix} ${ctx.payment.paymentNumber}: `;
	if (!isZero(settled)) {
		const to = account ?? ctx.accounts.suspense?.trim() ?? '';
		const posting = { account: to, amount: negate(settled), type: typeName };
		result.postings.push({ ...posting, memo: `${memo}${label} ${line.reference}${why}`, ...where });
	}
	if (account === undefined) result.heldOnSuspense.add(settled);
	else if (cl.type === 'invoicePayment') result.receivable.add(settled);
	else if (cl.type === 'quickPayDiscount') result.discount.subtract(settled);
	else {
		let byType = result.deducted.get(typeName);
		if (byType === undefined) result.deducted.set(typeName, (byType = new DecimalAccumulator()));
		byType.subtract(settled);
	}
	if (!hasDiscount) return;
	result.discount.add(line.discount);
	result.postings.push({
		account: ctx.accounts.termsDiscount.trim(),
		amount: line.discount,
		type: 'termsDiscount',
		memo: `${memo}terms discount on ${line.reference}`,
		...where,
	});
}

/** 6. Journal lines from the postings (one side each), checked to balance, and the summary. */
function journalEntry(ctx: JournalContext, postings: Postings): JournalEntry {
	const { payment, currency } = ctx;
	const final =
		ctx.granularity === 'type'
			? groupPostings(postings.postings, ctx.memoPrefix, payment.paymentNumber)
			: postings.postings;
	const { lines, debit, credit } = journalLines(ctx, final);
	const deductionsTotal = new DecimalAccumulator();
	const deductedByType: Record<string, string> = {};
	for (const [type, accumulator] of postings.deducted) {
		const amount = accumulator.value();
		deductedByType[type] = formatAmount(amount, currency);
		deductionsTotal.add(amount);
	}
	const money = (amount: Decimal) => formatAmount(amount, currency);
	const { paymentNumber, paymentDate, source } = payment;
	return {
		paymentNumber,
		paymentDate,
		currency,
		source,
		lines,
		summary: {
			paymentNumber,
			paymentDate,
			currency,
			source,
			paid: ctx.base.amount,
			invoicesSettled: money(postings.receivable.value()),
			discount: money(postings.discount.value()),
			deductedByType,
			deductionsTotal: money(deductionsTotal.value()),
			rounding: money(postings.rounding),
			heldOnSuspense: money(postings.heldOnSuspense.value()),
			lineCount: ctx.classified.length,
			journalLineCount: lines.length,
			totalDebit: money(debit),
			totalCredit: money(credit),
		},
	};
}

function journalLines(
	ctx: JournalContext,
	postings: readonly Posting[],
): { lines: JournalLine[]; debit: Decimal; credit: Decimal } {
	const { payment, currency } = ctx;
	const lines: JournalLine[] = [];
	const debitTotal = new DecimalAccumulator();
	const creditTotal = new DecimalAccumulator();
	const zero = formatAmount(ZERO_AMOUNT, currency);
	for (const p of postings) {
		if (isZero(p.amount)) continue;
		const positive = p.amount.units > BigInt(0);
		const magnitude = positive ? p.amount : negate(p.amount);
		const text = formatAmount(magnitude, currency);
		(positive ? debitTotal : creditTotal).add(magnitude);
		lines.push({
			paymentNumber: payment.paymentNumber,
			date: payment.paymentDate,
			account: p.account,
			debit: positive ? text : zero,
			credit: positive ? zero : text,
			amount: positive ? text : `-${text}`,
			postingType: positive ? 'Debit' : 'Credit',
			currency,
			memo: p.memo,
			reference: p.reference,
			purchaseOrderNumber: p.purchaseOrderNumber,
			invoiceNumber: p.invoiceNumber,
			type: p.type,
			sourcePosition: p.sourcePosition,
		});
	}
	const debit = debitTotal.value();
	const credit = creditTotal.value();
	if (compare(debit, credit) !== 0) {
		throw new UnbalancedJournalError(
			`Journal for payment ${payment.paymentNumber} does not balance: ` +
				`debits ${formatAmount(debit, currency)}, credits ${formatAmount(credit, currency)}`,
		);
	}
	return { lines, debit, credit };
}

function groupPostings(postings: Posting[], memoPrefix: string, paymentNumber: string): Posting[] {
	const groups = new Map<string, { posting: Posting; count: number }>();
	for (const p of postings) {
		const key = `${p.account}\u0000${p.type}`;
		const group = groups.get(key);
		if (group === undefined) {
			groups.set(key, { posting: { ...p }, count: 1 });
		} else {
			group.posting.amount = add(group.posting.amount, p.amount);
			group.count++;
		}
	}
	const result: Posting[] = [];
	for (const { posting, count } of groups.values()) {
		if (count === 1) {
			result.push(posting);
			continue;
		}
		const label = TYPE_LABELS[posting.type] ?? posting.type;
		result.push({
			...posting,
			memo: `${memoPrefix} ${paymentNumber}: ${label} (${count} lines)`,
			reference: paymentNumber,
			purchaseOrderNumber: '',
			invoiceNumber: '',
			sourcePosition: 0,
		});
	}
	return result;
}

/** Sums the debit and credit columns of journal lines exactly (for checks and tests). */
export function journalTotals(lines: readonly JournalLine[]): { debit: Decimal; credit: Decimal } {
	let debit = ZERO_AMOUNT;
	let credit = ZERO_AMOUNT;
	for (const line of lines) {
		debit = add(debit, parseDecimal(line.debit));
		credit = add(credit, parseDecimal(line.credit));
	}
	return { debit, credit };
}
