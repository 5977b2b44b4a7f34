/**
 * Property tests of the remittance entry points (buildJournal, the CSV, X12 820 and Finances API
 * readers): random valid inputs give correct results (balanced journals, every line present, totals
 * kept), and inputs corrupted at a random path, or wholly hostile arguments, give a correct result
 * or a named error (InvalidInputError), never an engine error.
 */
import fc from 'fast-check';
import {
	Decimal,
	add,
	equals,
	parseDecimal,
	sum,
	toDecimalString,
} from '../../../nodes/shared/domain/money';
import { classifyPayment } from '../../../nodes/shared/domain/remittance/classify';
import { parseRemittanceCsv } from '../../../nodes/shared/domain/remittance/csv';
import { normaliseFinancesInvoices } from '../../../nodes/shared/domain/remittance/financesApi';
import { buildJournal, journalTotals } from '../../../nodes/shared/domain/remittance/journal';
import type { RemittancePayment } from '../../../nodes/shared/domain/remittance/types';
import { parseRemittance820 } from '../../../nodes/shared/domain/remittance/x12';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';
import { ACCOUNTS } from '../remittance/helpers';

const RUNS = { numRuns: 150 };

/** Cents as a decimal string: 1234 -> "12.34", -5 -> "-0.05". */
const money = (cents: number): string => toDecimalString(new Decimal(BigInt(cents), 2));

const lineSpec = fc.record({
	invoice: fc.integer({ min: 10000, max: 99999 }),
	kind: fc.constantFrom('invoice', 'SC', 'PC'),
	cents: fc.integer({ min: 1, max: 5_000_000 }),
});
type LineSpec = { invoice: number; kind: string; cents: number };

/** A line of a kind the default rules know: an invoice paid, a shortage or a price claim taken. */
const lineOf = (spec: LineSpec, index: number) => ({
	reference: spec.kind === 'invoice' ? String(spec.invoice) : `${spec.invoice}${spec.kind}`,
	paid: money(spec.kind === 'invoice' ? spec.cents : -spec.cents),
	position: index + 2,
});

function paymentOf(number: string, specs: LineSpec[], amountCents?: number): RemittancePayment {
	const lines = specs.map(lineOf).map((l) => {
		const paid = parseDecimal(l.paid);
		return {
			reference: l.reference,
			gross: paid,
			discount: parseDecimal('0'),
			paid,
			remaining: parseDecimal('0'),
			sourcePosition: l.position,
		};
	});
	const total = sum(lines.map((l) => l.paid));
	return {
		paymentNumber: number,
		paymentDate: '2026-06-05',
		currency: 'USD',
		amount: amountCents === undefined ? total : parseDecimal(money(amountCents)),
		amountFrom: 'source',
		lines,
		source: 'csv',
	};
}

const AMOUNT_FIELDS = new Set(['amount', 'gross', 'discount', 'paid', 'remaining']);

/** The JSON form back to a payment: decimal strings under amount fields become Decimals again. */
function revive(value: unknown, key = ''): unknown {
	if (typeof value === 'string' && AMOUNT_FIELDS.has(key) && /^-?\d+(\.\d+)?$/.test(value))
		return parseDecimal(value);
	if (Array.isArray(value)) return value.map((v) => revive(v));
	if (value !== null && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v, k)]));
	return value;
}

describe('buildJournal', () => {
	it('journalises valid payments: balanced, the bank line is the amount, every line posted', () => {
		fc.assert(
			fc.property(fc.array(lineSpec, { minLength: 1, maxLength: 8 }), (specs) => {
				const payment = paymentOf('40001234', specs);
				const { entry, exception } = buildJournal(payment, classifyPayment(payment), ACCOUNTS);
				expect(exception).toBeUndefined();
				const totals = journalTotals(entry!.lines);
				expect(equals(totals.debit, totals.credit)).toBe(true);
				const bank = entry!.lines.filter((l) => l.type === 'bank');
				expect(sum(bank.map((l) => parseDecimal(l.amount))).toString()).toBe(
					payment.amount.toString(),
				);
				const references = new Set(entry!.lines.map((l) => l.reference));
				for (const line of payment.lines) expect(references.has(line.reference)).toBe(true);
			}),
			RUNS,
		);
	});

	it('holds a payment whose lines do not add up, with the exact difference', () => {
		fc.assert(
			fc.property(
				fc.array(lineSpec, { minLength: 1, maxLength: 6 }),
				fc.integer({ min: 1, max: 999 }),
				(specs, off) => {
					const exact = paymentOf('P', specs);
					const cents = Number(exact.amount.units) + off;
					const payment = paymentOf('P', specs, cents);
					const { entry, exception } = buildJournal(payment, classifyPayment(payment), ACCOUNTS);
					expect(entry).toBeUndefined();
					expect(exception).toMatchObject({ reason: 'doesNotAddUp', difference: money(off) });
				},
			),
			RUNS,
		);
	});

	it('gives a balanced journal or a named error for inputs corrupted at any path', () => {
		fc.assert(
			fc.property(
				fc.array(lineSpec, { minLength: 1, maxLength: 4 }),
				fc.nat(),
				hostileValue,
				(specs, pick, bad) => {
					const payment = paymentOf('P', specs);
					const plain = {
						payment,
						classified: classifyPayment(payment),
						accounts: ACCOUNTS,
						options: {},
					};
					const input = revive(corruptAt(plain, pick, bad)) as Record<string, never>;
					const outcome = resultOrNamedError(() =>
						buildJournal(input?.payment, input?.classified, input?.accounts, input?.options),
					);
					if (!outcome.ok) return;
					const entry = (outcome.value as ReturnType<typeof buildJournal>).entry;
					if (entry) {
						const totals = journalTotals(entry.lines);
						expect(equals(totals.debit, totals.credit)).toBe(true);
					}
				},
			),
			RUNS,
		);
	});

	it('gives a named error for wholly hostile arguments', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, hostileValue, hostileValue, (a, b, c, d) => {
				resultOrNamedError(() => buildJournal(a as never, b as never, c as never, d as never));
			}),
			RUNS,
		);
	});
});

const csvPayment = fc.record({
	number: fc.integer({ min: 40000000, max: 40000099 }),
	lines: fc.array(lineSpec, { minLength: 1, maxLength: 5 }),
});

const HEADER = [
	'Payment Number',
	'Payment Date',
	'Invoice Number',
	'Invoice Currency',
	'Amount Paid',
];
/** Any value as text, as a spreadsheet would show it. */
const cellText = (value: unknown): string =>
	value !== null && typeof value === 'object' ? (JSON.stringify(value) ?? '') : String(value);
const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

function csvRows(payments: Array<{ number: number; lines: LineSpec[] }>): string[][] {
	return payments.flatMap((p) =>
		p.lines.map(lineOf).map((l) => [String(p.number), '06/05/2026', l.reference, 'USD', l.paid]),
	);
}

const csvText = (rows: unknown): string =>
	Array.isArray(rows)
		? [HEADER, ...rows]
				.map((row) =>
					Array.isArray(row) ? row.map((c) => quote(cellText(c))).join(',') : cellText(row),
				)
				.join('\n')
		: cellText(rows);

describe('parseRemittanceCsv', () => {
	it('reads every row of a valid export into its payment, amounts exact', () => {
		fc.assert(
			fc.property(fc.array(csvPayment, { minLength: 1, maxLength: 4 }), (payments) => {
				const rows = csvRows(payments);
				const result = parseRemittanceCsv(csvText(rows));
				expect(result.rowCount).toBe(rows.length);
				const numbers = new Set(rows.map((r) => r[0]));
				expect(result.payments.map((p) => p.paymentNumber).sort()).toEqual([...numbers].sort());
				for (const payment of result.payments) {
					const mine = rows.filter((r) => r[0] === payment.paymentNumber);
					expect(payment.lines.map((l) => toDecimalString(l.paid))).toEqual(mine.map((r) => r[4]));
					expect(equals(payment.amount, sum(payment.lines.map((l) => l.paid)))).toBe(true);
					expect(payment.paymentDate).toBe('2026-06-05');
				}
			}),
			RUNS,
		);
	});

	it('gives payments that add up, or a named error, for corrupted rows and options', () => {
		fc.assert(
			fc.property(
				fc.array(csvPayment, { minLength: 1, maxLength: 3 }),
				fc.nat(),
				hostileValue,
				(payments, pick, bad) => {
					const input = corruptAt(
						{ rows: csvRows(payments), options: { dateOrder: 'MDY' } },
						pick,
						bad,
					) as Record<string, unknown>;
					const outcome = resultOrNamedError(() =>
						parseRemittanceCsv(csvText(input?.rows), input?.options as never),
					);
					if (!outcome.ok) return;
					for (const payment of (outcome.value as ReturnType<typeof parseRemittanceCsv>).payments)
						expect(equals(payment.amount, sum(payment.lines.map((l) => l.paid)))).toBe(true);
				},
			),
			RUNS,
		);
	});

	it('gives a named error for wholly hostile arguments', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, (a, b) => {
				resultOrNamedError(() => parseRemittanceCsv(a as never, b as never));
			}),
			RUNS,
		);
	});
});

const ISA =
	'ISA*00*          *00*          *ZZ*AMAZON         *ZZ*ACMEVENDOR     *240115*1200*U*00401*000000123*0*P*>~';

/** An 820 interchange of the payments, one transaction set each. */
function x12Segments(payments: Array<{ number: number; lines: LineSpec[] }>): string[] {
	const sets = payments.flatMap((p, i) => {
		const lines = p.lines.map(lineOf);
		const total = lines.reduce((t, l) => add(t, parseDecimal(l.paid)), parseDecimal('0'));
		const negative = total.units < BigInt(0);
		const body = [
			`BPR*C*${toDecimalString(negative ? new Decimal(-total.units, 2) : total)}*${negative ? 'D' : 'C'}*ACH` +
				'*CCP*01*021000021*DA*123456789*1234567890**01*026009593*DA*987654321*20240115',
			`TRN*1*${p.number}*1234567890`,
			'ENT*1',
			...lines.map((l) => `RMR*IV*${l.reference}**${l.paid}`),
		];
		const control = String(i + 1).padStart(4, '0');
		return [`ST*820*${control}`, ...body, `SE*${body.length + 2}*${control}`];
	});
	return [
		'GS*RA*AMAZON*ACMEVENDOR*20240115*1200*123*X*004010',
		...sets,
		`GE*${payments.length}*123`,
		'IEA*1*000000123',
	];
}

const x12Text = (segments: unknown): string =>
	Array.isArray(segments)
		? `${ISA}${segments.map((s) => cellText(s)).join('~')}~`
		: cellText(segments);

describe('parseRemittance820', () => {
	it('reads every payment and line of a valid interchange, the amount kept', () => {
		fc.assert(
			fc.property(fc.array(csvPayment, { minLength: 1, maxLength: 3 }), (payments) => {
				const result = parseRemittance820(x12Text(x12Segments(payments)));
				expect(result.payments).toHaveLength(payments.length);
				result.payments.forEach((payment, i) => {
					const lines = payments[i].lines.map(lineOf);
					expect(payment.paymentNumber).toBe(String(payments[i].number));
					expect(payment.lines.map((l) => l.reference)).toEqual(lines.map((l) => l.reference));
					expect(equals(payment.amount, sum(payment.lines.map((l) => l.paid)))).toBe(true);
				});
			}),
			RUNS,
		);
	});

	it('gives a result or a named error for an interchange corrupted at any segment', () => {
		fc.assert(
			fc.property(
				fc.array(csvPayment, { minLength: 1, maxLength: 2 }),
				fc.nat(),
				hostileValue,
				(payments, pick, bad) => {
					const segments = corruptAt(x12Segments(payments), pick, bad);
					resultOrNamedError(() => parseRemittance820(x12Text(segments)));
				},
			),
			RUNS,
		);
	});

	it('gives a named error for wholly hostile arguments', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, (a, b) => {
				resultOrNamedError(() => parseRemittance820(a as never, b as never));
			}),
			RUNS,
		);
	});
});

const invoiceSpec = fc.record({
	payment: fc.constantFrom('P1', 'P2', 'P3'),
	invoice: fc.integer({ min: 10000, max: 99999 }),
	cents: fc.integer({ min: 1, max: 5_000_000 }),
});

function financesHeaders(
	specs: Array<{ payment: string; invoice: number; cents: number }>,
): unknown[] {
	return specs.map((spec, i) => ({
		invoiceIdentifier: `ID-${i}`,
		invoiceNumber: String(spec.invoice),
		invoiceStatus: 'PAID',
		invoiceAmount: { currencyCode: 'USD', currencyAmount: spec.cents / 100 },
		payee: { partnerType: 'VENDOR' },
		payer: { partnerType: 'AMAZON' },
		lastUpdatedDate: '2026-06-05T10:00:00Z',
		relatedIdentifiers: [
			{ relatedIdentifierName: 'UNIQUE_PAYMENT_IDS', relatedIdentifierValue: spec.payment },
		],
		invoiceSettlementBreakdowns: [
			{
				breakdownType: 'AmountPaid',
				breakdownAmount: { currencyCode: 'USD', currencyAmount: spec.cents / 100 },
			},
		],
	}));
}

describe('normaliseFinancesInvoices', () => {
	it('groups valid invoices into their payments, each invoice a line, amounts kept', () => {
		fc.assert(
			fc.property(fc.array(invoiceSpec, { minLength: 1, maxLength: 8 }), (specs) => {
				const result = normaliseFinancesInvoices(financesHeaders(specs));
				expect(result.skipped).toEqual([]);
				expect(result.payments.map((p) => p.paymentNumber).sort()).toEqual(
					[...new Set(specs.map((s) => s.payment))].sort(),
				);
				for (const payment of result.payments) {
					const mine = specs.filter((s) => s.payment === payment.paymentNumber);
					expect(payment.lines).toHaveLength(mine.length);
					expect(toDecimalString(payment.amount)).toBe(
						money(mine.reduce((t, s) => t + s.cents, 0)),
					);
				}
			}),
			RUNS,
		);
	});

	it('gives payments that add up, or a named error, for corrupted answers', () => {
		fc.assert(
			fc.property(
				fc.array(invoiceSpec, { minLength: 1, maxLength: 4 }),
				fc.nat(),
				hostileValue,
				(specs, pick, bad) => {
					const input = corruptAt(
						{ headers: financesHeaders(specs), items: {}, options: {} },
						pick,
						bad,
					) as Record<string, never>;
					const outcome = resultOrNamedError(() =>
						normaliseFinancesInvoices(input?.headers, input?.items, input?.options),
					);
					if (!outcome.ok) return;
					for (const payment of (outcome.value as ReturnType<typeof normaliseFinancesInvoices>)
						.payments)
						expect(equals(payment.amount, sum(payment.lines.map((l) => l.paid)))).toBe(true);
				},
			),
			RUNS,
		);
	});

	it('gives a named error for wholly hostile arguments', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, hostileValue, (a, b, c) => {
				resultOrNamedError(() => normaliseFinancesInvoices(a as never, b as never, c as never));
			}),
			RUNS,
		);
	});
});
