/**
 * Which invoices the Finances Invoices API is asked for, and which of the payments built from them
 * belong to the run: invoices issued from (Payments From - lookback) to Payments To, read in 90-day
 * windows; payments dated within Payments From..To. Pure: no n8n imports.
 */
import { DAY_MS } from '../shared/domain/values';
import { InvalidInputError } from '../shared/domain/inputError';
import {
	financesInvoiceWindows,
	type FinancesNormaliseResult,
} from '../shared/domain/remittance/financesApi';
import type { PaymentCandidate } from '../shared/domain/remittance/posting';
import type { RemittancePayment } from '../shared/domain/remittance/types';
import type { DateWindow } from '../shared/domain/dateWindows';

export interface PaymentRange {
	fromDay: string;
	toDay: string;
	lookbackDays: unknown;
	now: number;
}

function lookbackDaysOf(value: unknown): number {
	const days = value === undefined ? 180 : Number(value);
	if (!Number.isSafeInteger(days) || days < 0) {
		throw new InvalidInputError(
			`Invoice Lookback must be a whole number of days (got ${String(value)})`,
			'options.invoiceLookbackDays',
		);
	}
	return days;
}

/** The 90-day issue-date windows to read for payments dated in the range. */
export function issueWindows(range: PaymentRange): DateWindow[] {
	const { fromDay, toDay, now } = range;
	if (toDay < fromDay) {
		throw new InvalidInputError(
			`Payments To (${toDay}) is before Payments From (${fromDay})`,
			'paymentsTo',
		);
	}
	const issueFrom =
		Date.parse(`${fromDay}T00:00:00Z`) - lookbackDaysOf(range.lookbackDays) * DAY_MS;
	const issueTo = Math.min(now, Date.parse(`${toDay}T00:00:00Z`) + DAY_MS);
	if (issueTo <= issueFrom)
		throw new InvalidInputError(`Payments From (${fromDay}) is in the future`, 'paymentsFrom');
	const after = new Date(issueFrom).toISOString();
	return financesInvoiceWindows(after, new Date(issueTo).toISOString(), now);
}

/** The invoice headers without a second copy of one invoice (an invoice on a window boundary). */
export function distinctInvoices(listed: readonly unknown[]): unknown[] {
	const seen = new Set<string>();
	return listed.filter((header) => {
		const h = header as Record<string, unknown> | null;
		const id =
			h && typeof h === 'object' ? idText(h.invoiceIdentifier) || idText(h.invoiceNumber) : '';
		if (id === '') return true;
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
}

function idText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** The payments (complete and incomplete) dated within the range, each with its invoices' warnings. */
export function paymentsInRange(
	result: FinancesNormaliseResult,
	range: Pick<PaymentRange, 'fromDay' | 'toDay'>,
	itemIndex: number,
): PaymentCandidate[] {
	const inRange = (date: string) => date >= range.fromDay && date <= range.toDay;
	const warningsOf = (payment: RemittancePayment | undefined, invoices: string[] = []) => {
		const names = new Set(invoices);
		for (const line of payment?.lines ?? []) {
			names.add(line.reference);
			if (line.invoiceNumber) names.add(line.invoiceNumber);
		}
		return result.warnings.filter((warning) =>
			[...names].some((name) => warning.includes(`(${name})`)),
		);
	};
	const candidates: PaymentCandidate[] = [];
	for (const payment of result.payments) {
		if (!inRange(payment.paymentDate)) continue;
		const warnings = warningsOf(payment);
		candidates.push({ paymentNumber: payment.paymentNumber, itemIndex, payment, warnings });
	}
	for (const incomplete of result.incomplete) {
		if (incomplete.payment && !inRange(incomplete.payment.paymentDate)) continue;
		const warnings = warningsOf(incomplete.payment, incomplete.invoices);
		candidates.push({ paymentNumber: incomplete.paymentNumber, itemIndex, incomplete, warnings });
	}
	return candidates;
}
