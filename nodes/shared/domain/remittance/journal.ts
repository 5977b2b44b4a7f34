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
 * 2. `doesNotAddUp`: `A - sum(paid)` is not zero (and not within `roundingTolerance` with a rounding
 *    account): the whole payment is held with the difference.
 * 3. `unknownLines` (no rule recognised the line) / `unmappedType` (its type has no account): with
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
 * Output amounts are decimal strings padded to the currency's minor units (never rounded). Empty
 * text fields are `''` so every journal line has the same columns (database inserts, Xero's manual
 * journal `LineAmount` = `amount`, QuickBooks' `PostingType` = `postingType`).
 *
 * Pure: no n8n imports.
 */
import { Decimal, abs, add, compare, isZero, negate, parseDecimal, subtract } from '../money';
import { DecimalAccumulator, formatAmount, ZERO_AMOUNT } from './amounts';
import type { ClassifiedLine } from './classify';
import type { RemittancePayment, RemittanceSource } from './types';

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
	/** Per type (other than invoices and quick-pay discount), the net amount deducted (positive) or credited back (negative). */
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

export type ExceptionReason = 'doesNotAddUp' | 'unknownLines' | 'unmappedType' | 'currencyMismatch';

export interface ExceptionLine {
	reference: string;
	invoiceNumber: string;
	purchaseOrderNumber: string;
	description: string;
	/** The type found, or `''` when no rule recognised the line. */
	type: string;
	/** Why this line is listed: `unknown`, `unmapped`, `currency`, or `''` (listed with its held payment). */
	problem: '' | 'unknown' | 'unmapped' | 'currency';
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
export class JournalConfigError extends Error {
	constructor(message: string) {
		super(message);
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

/** Checks the required accounts and options; throws {@link JournalConfigError}. */
export function validateJournalConfig(
	accounts: JournalAccounts,
	options: JournalOptions = {},
): void {
	if (accounts === null || typeof accounts !== 'object')
		throw new JournalConfigError('Accounts are missing');
	for (const key of ['bank', 'receivable', 'termsDiscount'] as const) {
		const value = accounts[key];
		if (typeof value !== 'string' || value.trim() === '') {
			throw new JournalConfigError(`The ${key} account is required`);
		}
	}
	const mode = options.unresolvedLines ?? 'holdPayment';
	if (mode !== 'holdPayment' && mode !== 'postKnown') {
		throw new JournalConfigError(
			`unresolvedLines must be holdPayment or postKnown (got "${String(mode)}")`,
		);
	}
	if (
		mode === 'postKnown' &&
		(typeof accounts.suspense !== 'string' || accounts.suspense.trim() === '')
	) {
		throw new JournalConfigError(
			'Posting the known part of a payment needs a suspense account for the held lines',
		);
	}
	if (options.roundingTolerance !== undefined) {
		const tolerance = parseDecimal(options.roundingTolerance);
		if (tolerance.units < BigInt(0))
			throw new JournalConfigError('The rounding tolerance cannot be negative');
		if (
			!isZero(tolerance) &&
			(typeof accounts.rounding !== 'string' || accounts.rounding.trim() === '')
		) {
			throw new JournalConfigError('A rounding tolerance needs a rounding account');
		}
	}
	const granularity = options.granularity ?? 'line';
	if (granularity !== 'line' && granularity !== 'type') {
		throw new JournalConfigError(`granularity must be line or type (got "${String(granularity)}")`);
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

/**
 * Builds the journal for one payment from its classified lines (in the payment's line order).
 * Returns an entry, an exception, or both (`postKnown` with unresolved lines).
 */
export function buildJournal(
	payment: RemittancePayment,
	classified: readonly ClassifiedLine[],
	accounts: JournalAccounts,
	options: JournalOptions = {},
): JournalOutcome {
	validateJournalConfig(accounts, options);
	const currency = payment.currency;
	const memoPrefix = options.memoPrefix ?? 'Amazon remittance';
	const mode = options.unresolvedLines ?? 'holdPayment';
	const tolerance =
		options.roundingTolerance === undefined ? ZERO_AMOUNT : parseDecimal(options.roundingTolerance);

	const total = new DecimalAccumulator();
	for (const cl of classified) total.add(cl.line.paid);
	const linesTotal = total.value();
	const amountText = formatAmount(payment.amount, currency);
	const base = {
		paymentNumber: payment.paymentNumber,
		paymentDate: payment.paymentDate,
		currency,
		amount: amountText,
		source: payment.source,
		linesTotal: formatAmount(linesTotal, currency),
	};

	// 1. Currency
	let foreignCount = 0;
	for (const cl of classified)
		if (cl.line.currency !== undefined && cl.line.currency !== currency) foreignCount++;
	if (foreignCount > 0) {
		const foreign = classified.filter(
			(cl) => cl.line.currency !== undefined && cl.line.currency !== currency,
		);
		return {
			exception: {
				...base,
				reason: 'currencyMismatch',
				message: `Payment ${payment.paymentNumber} is in ${currency} but ${foreign.length} line(s) are in another currency (${[...new Set(foreign.map((cl) => cl.line.currency))].join(', ')}); the whole payment is held`,
				held: 'payment',
				lines: classified.map((cl) =>
					exceptionLine(cl, currency, foreign.includes(cl) ? 'currency' : ''),
				),
			},
		};
	}

	// 2. Adds up
	const difference = subtract(payment.amount, linesTotal);
	let rounding = ZERO_AMOUNT;
	if (!isZero(difference)) {
		if (!isZero(tolerance) && compare(abs(difference), tolerance) <= 0) {
			rounding = difference;
		} else {
			return {
				exception: {
					...base,
					reason: 'doesNotAddUp',
					message: `Payment ${payment.paymentNumber}: the lines add up to ${formatAmount(linesTotal, currency)} ${currency} but the payment is ${amountText} ${currency} (difference ${formatAmount(difference, currency)}); the whole payment is held`,
					held: 'payment',
					difference: formatAmount(difference, currency),
					lines: classified.map((cl) => exceptionLine(cl, currency, '')),
				},
			};
		}
	}

	// 3. Unknown and unmapped lines
	const accountCache = new Map<string, string | undefined>();
	const lineAccounts: Array<string | undefined> = new Array(classified.length);
	for (let i = 0; i < classified.length; i++) {
		const type = classified[i].type;
		if (type === undefined) continue;
		let account = accountCache.get(type);
		if (account === undefined && !accountCache.has(type)) {
			account = accountForType(type, accounts);
			accountCache.set(type, account);
		}
		lineAccounts[i] = account;
	}
	const unresolved: number[] = [];
	let unknownCount = 0;
	for (let i = 0; i < classified.length; i++) {
		if (lineAccounts[i] === undefined) {
			unresolved.push(i);
			if (classified[i].type === undefined) unknownCount++;
		}
	}
	let exception: RemittanceException | undefined;
	if (unresolved.length > 0) {
		const reason: ExceptionReason = unknownCount > 0 ? 'unknownLines' : 'unmappedType';
		const unmappedTypes = [
			...new Set(
				unresolved.map((i) => classified[i].type).filter((t): t is string => t !== undefined),
			),
		];
		const what = [
			unknownCount > 0
				? `${unknownCount} line(s) no rule recognises (${unresolved
						.filter((i) => classified[i].type === undefined)
						.map((i) => classified[i].line.reference)
						.join(', ')})`
				: '',
			unmappedTypes.length > 0 ? `type(s) without an account: ${unmappedTypes.join(', ')}` : '',
		]
			.filter((t) => t !== '')
			.join('; ');
		const held = mode === 'postKnown' ? 'lines' : 'payment';
		exception = {
			...base,
			reason,
			message:
				held === 'payment'
					? `Payment ${payment.paymentNumber}: ${what}; the whole payment is held`
					: `Payment ${payment.paymentNumber}: ${what}; the payment was posted and these lines were put on the suspense account ${String(accounts.suspense)}`,
			held,
			lines: unresolved.map((i) =>
				exceptionLine(
					classified[i],
					currency,
					classified[i].type === undefined ? 'unknown' : 'unmapped',
				),
			),
		};
		if (held === 'payment') return { exception };
	}

	// 4. Postings
	const postings: Posting[] = [];
	const bankPosting: Posting = {
		account: accounts.bank.trim(),
		amount: payment.amount,
		type: 'bank',
		memo: `${memoPrefix} ${payment.paymentNumber}: payment`,
		reference: payment.paymentNumber,
		purchaseOrderNumber: '',
		invoiceNumber: '',
		sourcePosition: 0,
	};
	postings.push(bankPosting);
	const discountAccount = accounts.termsDiscount.trim();
	const suspense = accounts.suspense?.trim() ?? '';
	const receivable = new DecimalAccumulator();
	const discount = new DecimalAccumulator();
	const heldOnSuspense = new DecimalAccumulator();
	const deducted = new Map<string, DecimalAccumulator>();
	for (let i = 0; i < classified.length; i++) {
		const cl = classified[i];
		const line = cl.line;
		const invoiceNumber = cl.invoiceNumber ?? line.invoiceNumber ?? '';
		const purchaseOrderNumber = cl.purchaseOrderNumber ?? line.purchaseOrderNumber ?? '';
		const account = lineAccounts[i];
		const hasDiscount = !isZero(line.discount);
		const settled = hasDiscount ? add(line.paid, line.discount) : line.paid;
		const typeName = account === undefined ? 'suspense' : (cl.type as string);
		const label = TYPE_LABELS[typeName] ?? typeName;
		if (!isZero(settled)) {
			postings.push({
				account: account ?? suspense,
				amount: negate(settled),
				type: account === undefined ? 'suspense' : typeName,
				memo: `${memoPrefix} ${payment.paymentNumber}: ${label} ${line.reference}${account === undefined ? ` (${cl.type === undefined ? 'unrecognised' : `no account for ${cl.type}`})` : ''}`,
				reference: line.reference,
				purchaseOrderNumber,
				invoiceNumber,
				sourcePosition: line.sourcePosition,
			});
		}
		if (account === undefined) heldOnSuspense.add(settled);
		else if (cl.type === 'invoicePayment') receivable.add(settled);
		else if (cl.type === 'quickPayDiscount') discount.subtract(settled);
		else {
			let byType = deducted.get(typeName);
			if (byType === undefined) deducted.set(typeName, (byType = new DecimalAccumulator()));
			byType.subtract(settled);
		}
		if (hasDiscount) {
			discount.add(line.discount);
			postings.push({
				account: discountAccount,
				amount: line.discount,
				type: 'termsDiscount',
				memo: `${memoPrefix} ${payment.paymentNumber}: terms discount on ${line.reference}`,
				reference: line.reference,
				purchaseOrderNumber,
				invoiceNumber,
				sourcePosition: line.sourcePosition,
			});
		}
	}
	if (!isZero(rounding)) {
		postings.push({
			account: (accounts.rounding as string).trim(),
			amount: negate(rounding),
			type: 'rounding',
			memo: `${memoPrefix} ${payment.paymentNumber}: rounding difference`,
			reference: payment.paymentNumber,
			purchaseOrderNumber: '',
			invoiceNumber: '',
			sourcePosition: 0,
		});
	}

	const finalPostings =
		(options.granularity ?? 'line') === 'type'
			? groupPostings(postings, memoPrefix, payment.paymentNumber)
			: postings;
	const lines: JournalLine[] = [];
	const debitTotal = new DecimalAccumulator();
	const creditTotal = new DecimalAccumulator();
	const zero = formatAmount(ZERO_AMOUNT, currency);
	for (const p of finalPostings) {
		if (isZero(p.amount)) continue;
		const positive = p.amount.units > BigInt(0);
		const magnitude = positive ? p.amount : negate(p.amount);
		const text = formatAmount(magnitude, currency);
		if (positive) debitTotal.add(magnitude);
		else creditTotal.add(magnitude);
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
			`Journal for payment ${payment.paymentNumber} does not balance: debits ${formatAmount(debit, currency)}, credits ${formatAmount(credit, currency)}`,
		);
	}

	const deductionsTotal = new DecimalAccumulator();
	const deductedByType: Record<string, string> = {};
	for (const [type, accumulator] of deducted) {
		const amount = accumulator.value();
		deductedByType[type] = formatAmount(amount, currency);
		deductionsTotal.add(amount);
	}
	const entry: JournalEntry = {
		paymentNumber: payment.paymentNumber,
		paymentDate: payment.paymentDate,
		currency,
		source: payment.source,
		lines,
		summary: {
			paymentNumber: payment.paymentNumber,
			paymentDate: payment.paymentDate,
			currency,
			source: payment.source,
			paid: amountText,
			invoicesSettled: formatAmount(receivable.value(), currency),
			discount: formatAmount(discount.value(), currency),
			deductedByType,
			deductionsTotal: formatAmount(deductionsTotal.value(), currency),
			rounding: formatAmount(rounding, currency),
			heldOnSuspense: formatAmount(heldOnSuspense.value(), currency),
			lineCount: classified.length,
			journalLineCount: lines.length,
			totalDebit: formatAmount(debit, currency),
			totalCredit: formatAmount(credit, currency),
		},
	};
	return exception ? { entry, exception } : { entry };
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
