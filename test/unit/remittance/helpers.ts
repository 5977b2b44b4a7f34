import {
	add,
	equals,
	parseDecimal,
	sum,
	toDecimalString,
	type Decimal,
} from '../../../nodes/shared/domain/money';
import {
	classifyPayment,
	compileRules,
	type ClassificationRule,
} from '../../../nodes/shared/domain/remittance/classify';
import {
	buildJournal,
	type JournalAccounts,
	type JournalEntry,
	type JournalOptions,
	type JournalOutcome,
} from '../../../nodes/shared/domain/remittance/journal';
import type {
	RemittanceLine,
	RemittancePayment,
} from '../../../nodes/shared/domain/remittance/types';

export const d = (value: string): Decimal => parseDecimal(value);
export const s = (value: Decimal): string => toDecimalString(value);

export const ACCOUNTS: JournalAccounts = {
	bank: '1000 Bank',
	receivable: '1200 Accounts Receivable',
	termsDiscount: '4910 Terms Discount',
	rounding: '8990 Rounding',
	suspense: '1999 Suspense',
	byType: {
		shortageClaim: '4920 Shortage Claims',
		priceClaim: '4930 Price Claims',
		chargeback: '6150 Chargebacks',
		coopAgreement: '6100 Co-op',
		priceProtection: '4940 Price Protection',
		provisionForReceivables: '1250 Amazon Provision',
	},
};

/** Every journal in the tests goes through this: debits = credits exactly, one side per line, bank = payment. */
export function expectBalanced(
	entry: JournalEntry | undefined,
	payment?: RemittancePayment,
): JournalEntry {
	expect(entry).toBeDefined();
	const e = entry as JournalEntry;
	let debit = parseDecimal('0');
	let credit = parseDecimal('0');
	for (const line of e.lines) {
		const dr = parseDecimal(line.debit);
		const cr = parseDecimal(line.credit);
		// exactly one side carries the amount
		expect([dr.units === BigInt(0), cr.units === BigInt(0)].filter(Boolean)).toHaveLength(1);
		expect(dr.units >= BigInt(0) && cr.units >= BigInt(0)).toBe(true);
		expect(equals(parseDecimal(line.amount), add(dr, parseDecimal(`-${line.credit}`)))).toBe(true);
		debit = add(debit, dr);
		credit = add(credit, cr);
	}
	expect(s(debit)).toBe(s(credit));
	expect(equals(debit, credit)).toBe(true);
	expect(e.summary.totalDebit).toBe(e.summary.totalCredit);
	if (payment) {
		const bank = e.lines.filter((l) => l.type === 'bank');
		const bankTotal = sum(bank.map((l) => parseDecimal(l.amount)));
		expect(equals(bankTotal, payment.amount)).toBe(true);
	}
	return e;
}

/** Classify with the defaults (plus operator rules) and journalise. */
export function journalFor(
	payment: RemittancePayment,
	options: JournalOptions = {},
	accounts: JournalAccounts = ACCOUNTS,
	rules: ClassificationRule[] = [],
): JournalOutcome {
	const outcome = buildJournal(
		payment,
		classifyPayment(payment, compileRules(rules)),
		accounts,
		options,
	);
	if (outcome.entry) expectBalanced(outcome.entry, payment);
	return outcome;
}

/** Journal lines as compact `[account, debit, credit, type]` tuples. */
export function postings(entry: JournalEntry): Array<[string, string, string, string]> {
	return entry.lines.map((l) => [l.account, l.debit, l.credit, l.type]);
}

type LineInput = Partial<Omit<RemittanceLine, 'gross' | 'discount' | 'paid' | 'remaining'>> & {
	reference: string;
	paid: string;
	gross?: string;
	discount?: string;
	remaining?: string;
};

/** A payment from compact line specs; amount = sum of paid unless given. */
export function payment(
	paymentNumber: string,
	lines: LineInput[],
	amount?: string,
	date = '2024-03-01',
): RemittancePayment {
	const built: RemittanceLine[] = lines.map((l, i) => {
		const paid = d(l.paid);
		const discount = d(l.discount ?? '0');
		const { gross, remaining, ...rest } = l;
		return {
			...rest,
			reference: l.reference,
			paid,
			discount,
			gross: gross === undefined ? add(paid, discount) : d(gross),
			remaining: d(remaining ?? '0'),
			sourcePosition: l.sourcePosition ?? i + 2,
		};
	});
	return {
		paymentNumber,
		paymentDate: date,
		currency: 'USD',
		amount: amount === undefined ? sum(built.map((l) => l.paid)) : d(amount),
		amountFrom: amount === undefined ? 'sumOfLines' : 'source',
		lines: built,
		source: 'csv',
	};
}
