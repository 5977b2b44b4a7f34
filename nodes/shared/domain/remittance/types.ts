/**
 * The normalised remittance: what the three sources (Vendor Central CSV export, X12 820, Finances
 * Invoices API 2026-06-25) are all turned into before classification and journalising.
 *
 * Decisions:
 * - **Amounts are money.ts {@link Decimal}s**, never JS numbers and never re-parsed strings: every
 *   source parser converts its text (or, for the Finances API, a JSON number through its shortest
 *   string form) once, exactly, and the later stages only add and compare. A Decimal serialises to
 *   its plain string (`toJSON`), so a payment can be put in an n8n item as it is. Journal lines, the
 *   final output, carry decimal **strings** (see journal.ts).
 * - **Signs are the vendor's view of the cash**: an invoice Amazon pays is positive, a deduction
 *   (shortage claim, chargeback, co-op...) is negative, a reversal of a deduction is positive again.
 * - `paid` is the cash this line contributes to the payment: the payment amount is the sum of the
 *   lines' `paid` when the remittance adds up (journal.ts checks it).
 * - `discount` is the terms (quick-pay) discount **taken on this line**, a magnitude with the sign of
 *   the line: a discount of 20.00 on an invoice of 1,000.00 paid 980.00 is `+20.00`. The invoice
 *   amount cleared from receivables is `paid + discount`.
 * - `gross` is the document amount as the source shows it (invoice amount, RMR05...), `remaining` is
 *   what the source says is still open on the document (0 when the source does not say).
 * - Dates are ISO calendar dates `YYYY-MM-DD` (no time zone: a payment date is a bank date).
 *
 * Pure: no n8n imports.
 */
import { InvalidInputError } from '../inputError';
import type { Decimal } from '../money';

/** Where a payment came from. */
export type RemittanceSource = 'csv' | 'x12-820' | 'finances-api';

export interface RemittanceLine {
	/** The line's own document number as the source shows it (`12345`, `12345SC`, `IPAPUS1234567`). */
	reference: string;
	/**
	 * The vendor invoice the line is about, when the **source** says so explicitly (820 ADX under an
	 * RMR, Finances API variance lines, a CSV invoice-number column configured separately). When it is
	 * absent, classification derives it from the reference (`12345SC` -> `12345`).
	 */
	invoiceNumber?: string;
	purchaseOrderNumber?: string;
	/** ISO date of the document (invoice date, claim date). */
	invoiceDate?: string;
	description?: string;
	/** Currency of the line when the source gives one per line; must equal the payment's. */
	currency?: string;
	gross: Decimal;
	discount: Decimal;
	paid: Decimal;
	remaining: Decimal;
	/** 820 ADX02 adjustment reason code, or a reason code column of the CSV. */
	reasonCode?: string;
	/** Finances API variance type (`PQV`, `PPV`, `OTHER`). */
	varianceType?: string;
	/** Finances API defect types (`SHORTAGES_IN_TRANSIT`, `DEALBUY`...). */
	defectTypes?: string[];
	/** Finances API `serviceChargeType` (`DAMAGE_ALLOWANCE`, `PRICE_PROTECTION`...). */
	serviceChargeType?: string;
	/** Agreement number (Finances API `AGREEMENT_IDS`) when the line is billed under one. */
	agreementNumber?: string;
	/**
	 * `document` (default): a document of its own (an invoice, a claim, a debit note).
	 * `adjustment`: an amount adjusting another document (820 ADX, Finances API price or quantity
	 * variance); an adjustment is never taken for a vendor invoice by the default rules.
	 */
	kind?: 'document' | 'adjustment';
	/** 820 RMR01 reference qualifier (`IV`, `CM`...), when the line came from an RMR. */
	referenceQualifier?: string;
	/**
	 * Where the line is in its source: the 1-based **line number** of the CSV record, the 1-based
	 * **segment number** of the 820 RMR/ADX segment (counted from ISA), or the 1-based position of
	 * the invoice in the Finances API answer.
	 */
	sourcePosition: number;
}

export interface RemittancePayment {
	/** Payment number (Vendor Central "Payment Number", 820 TRN02, API UNIQUE_PAYMENT_IDS). The idempotence key. */
	paymentNumber: string;
	/** ISO date. */
	paymentDate: string;
	/** ISO 4217 code, upper case. */
	currency: string;
	/** What was really paid (the bank movement); negative when Amazon took money back. */
	amount: Decimal;
	/**
	 * `source`: the source states the payment total (820 BPR02, a CSV payment-amount column), so
	 * checking the lines against it means something. `sumOfLines`: the source has no total (a CSV
	 * export without one, the Finances API), the amount is the sum of the lines' `paid`.
	 */
	amountFrom: 'source' | 'sumOfLines';
	lines: RemittanceLine[];
	source: RemittanceSource;
	/** 820 BPR04 (ACH, CHK...), when known. */
	paymentMethod?: string;
	payerName?: string;
	payeeName?: string;
	payeeId?: string;
}

/** Where in a source document a problem is. */
export interface RemittanceErrorPlace {
	line?: number;
	column?: string;
	segment?: number;
	element?: string;
	/** The field path; by default made from the other fields (`line 3.Amount Paid`, `segment 5.RMR04`). */
	path?: string;
}

function placePath(where: RemittanceErrorPlace): string {
	if (where.path !== undefined) return where.path;
	const parts = [
		where.line !== undefined ? `line ${where.line}` : undefined,
		where.segment !== undefined ? `segment ${where.segment}` : undefined,
		where.column ?? where.element,
	].filter((part) => part !== undefined);
	return parts.length > 0 ? parts.join('.') : '(root)';
}

/**
 * A source document that cannot be read. The message always names where: the CSV line and column,
 * the 820 segment number, segment id and element, or the Finances API invoice. It is an
 * InvalidInputError (code `INVALID_INPUT`) whose path names the same place.
 */
export class RemittanceFormatError extends InvalidInputError {
	readonly line?: number;
	readonly column?: string;
	readonly segment?: number;
	readonly element?: string;

	constructor(message: string, where: RemittanceErrorPlace = {}) {
		super(message, placePath(where));
		this.name = 'RemittanceFormatError';
		this.line = where.line;
		this.column = where.column;
		this.segment = where.segment;
		this.element = where.element;
	}
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date `YYYY-MM-DD` (no 2024-02-30). */
export function isIsoDate(value: string): boolean {
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	return isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** True when year/month/day is a real Gregorian calendar date. */
export function isRealDate(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1 || year < 1) return false;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
	return day <= days;
}

/** `YYYY-MM-DD` from numbers, zero-padded. */
export function isoDate(year: number, month: number, day: number): string {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds whole days to an ISO date (UTC calendar arithmetic). */
export function addDays(date: string, days: number): string {
	const match = ISO_DATE.exec(date);
	if (!match || !isIsoDate(date)) throw new RangeError(`Not an ISO date: "${date}"`);
	const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + days * 86_400_000;
	return new Date(ms).toISOString().slice(0, 10);
}
