/**
 * What a fuzz pass over the remittance readers and the journal found, one test each: amounts with
 * more decimals than the currency has, a foreign currency in a CSV amount cell, accounting
 * parentheses, month names and duplicated headers in the CSV, the X12 5010 repetition separator,
 * and null or wrongly typed arguments.
 */
import { InvalidInputError } from '../../../nodes/shared/domain/inputError';
import { parseAmountText } from '../../../nodes/shared/domain/remittance/amounts';
import { classifyPayment } from '../../../nodes/shared/domain/remittance/classify';
import { parseRemittanceCsv, parseSheetDate } from '../../../nodes/shared/domain/remittance/csv';
import { normaliseFinancesInvoices } from '../../../nodes/shared/domain/remittance/financesApi';
import { buildJournal, type JournalOutcome } from '../../../nodes/shared/domain/remittance/journal';
import type { RemittancePayment } from '../../../nodes/shared/domain/remittance/types';
import { parseRemittance820 } from '../../../nodes/shared/domain/remittance/x12';
import { ACCOUNTS, journalFor, payment, s } from './helpers';

const HEADER = 'Payment Number,Payment Date,Invoice Number,Invoice Currency,Amount Paid';
const csvRow = (paid: string, currency = 'USD') =>
	`${HEADER}\n40001234,2026-06-05,10001,${currency},"${paid}"\n`;
const paidOf = (text: string) => s(parseRemittanceCsv(text).payments[0].lines[0].paid);

function inCurrency(p: RemittancePayment, currency: string): RemittancePayment {
	return { ...p, currency };
}

describe('amounts with more decimals than the currency has', () => {
	const held = (outcome: JournalOutcome) => {
		expect(outcome.entry).toBeUndefined();
		expect(outcome.exception).toMatchObject({ reason: 'tooManyDecimals', held: 'payment' });
		return outcome.exception!;
	};

	it('holds 12.345 USD', () => {
		const exception = held(journalFor(payment('P1', [{ reference: '10001', paid: '12.345' }])));
		expect(exception.message).toContain('12.345 (10001 paid)');
		expect(exception.lines[0].problem).toBe('decimals');
	});

	it('holds 1000.50 JPY', () => {
		const p = inCurrency(payment('P2', [{ reference: '10001', paid: '1000.50' }]), 'JPY');
		expect(held(journalFor(p)).message).toContain('more decimals than JPY has (0)');
	});

	it('posts 1000 JPY and 12.340 USD (no digits beyond the minor units)', () => {
		const jpy = inCurrency(payment('P3', [{ reference: '10001', paid: '1000' }]), 'JPY');
		expect(journalFor(jpy).entry).toBeDefined();
		expect(journalFor(payment('P4', [{ reference: '10001', paid: '12.340' }])).entry).toBeDefined();
	});
});

describe('CSV amount cells naming a currency', () => {
	it('refuses EUR 12.00 and €12.00 in a USD row', () => {
		expect(() => parseRemittanceCsv(csvRow('EUR 12.00'))).toThrow(
			'"EUR 12.00" names EUR, but the row is in USD',
		);
		expect(() => parseRemittanceCsv(csvRow('€12.00'))).toThrow('names €, but the row is in USD');
	});

	it('reads USD 12.00 and $12.00 in a USD row, and 12,00 € in a EUR row', () => {
		expect(paidOf(csvRow('USD 12.00'))).toBe('12.00');
		expect(paidOf(csvRow('$12.00'))).toBe('12.00');
		const euro = parseRemittanceCsv(csvRow('12,00 €', 'EUR'), { decimalSeparator: ',' });
		expect(s(euro.payments[0].lines[0].paid)).toBe('12.00');
	});
});

describe('accounting parentheses', () => {
	it('reads (12.00), $(12.00), USD (12.00) and (12.00) USD as negative', () => {
		for (const text of ['(12.00)', '$(12.00)', 'USD (12.00)', '(12.00) USD', '($12.00)']) {
			expect(s(parseAmountText(text)!)).toBe('-12.00');
		}
		expect(paidOf(csvRow('$(12.00)'))).toBe('-12.00');
	});

	it('refuses parentheses with a minus sign instead of reading a double negative', () => {
		expect(() => parseAmountText('(-12.00)')).toThrow('both parentheses and a sign');
		expect(() => parseAmountText('(12.00-)')).toThrow('both parentheses and a sign');
	});
});

describe('CSV dates and headers', () => {
	it('reads full and abbreviated month names', () => {
		expect(parseSheetDate('June 5, 2026')).toBe('2026-06-05');
		expect(parseSheetDate('March 5 2026')).toBe('2026-03-05');
		expect(parseSheetDate('5 June 2026')).toBe('2026-06-05');
		expect(parseSheetDate('05-September-2026')).toBe('2026-09-05');
		expect(parseSheetDate('Sept. 5, 2026')).toBe('2026-09-05');
		expect(parseSheetDate('jun 5, 2026')).toBe('2026-06-05');
	});

	it('refuses words that only start like a month', () => {
		expect(parseSheetDate('Junx 5, 2026')).toBeUndefined();
		expect(parseSheetDate('5-Septx-2026')).toBeUndefined();
	});

	it('refuses a file whose header names a column it reads twice', () => {
		const text = `${HEADER},Amount Paid\n40001234,2026-06-05,10001,USD,12.00,13.00\n`;
		expect(() => parseRemittanceCsv(text)).toThrow(
			'CSV line 1: the header "Amount Paid" is given to columns 5 and 6',
		);
	});
});

describe('X12 5010 repetition separator', () => {
	const isa = (repetition: string) =>
		'ISA*00*          *00*          *ZZ*AMAZON         *ZZ*ACMEVENDOR     *240115*1200*' +
		`${repetition}*00501*000000123*0*P*>~`;
	const document = (repetition: string, rmr: string, nte = 'NTE*ZZZ*FIRST PART^SECOND PART') =>
		isa(repetition) +
		[
			'GS*RA*AMAZON*ACMEVENDOR*20240115*1200*123*X*005010',
			'ST*820*0001',
			'BPR*C*100*C*ACH*CCP*01*021000021*DA*123456789*1234567890**01*026009593*DA*987654321*20240115',
			'TRN*1*40001234*1234567890',
			'ENT*1',
			rmr,
			nte,
			'SE*7*0001',
			'GE*1*123',
			'IEA*1*000000123',
		].join('~') +
		'~';

	it('reads ISA11 as the repetition separator and applies it to the note (NTE02)', () => {
		const result = parseRemittance820(document('^', 'RMR*IV*10001**100'));
		expect(result.separators.repetition).toBe('^');
		expect(result.payments[0].lines[0].description).toBe('FIRST PART SECOND PART');
	});

	it('never takes the repetition separator as data', () => {
		expect(() => parseRemittance820(document('^', 'RMR*IV*10001^10002**100'))).toThrow(
			'"10001^10002" holds the repetition separator "^", but RMR02 does not repeat',
		);
	});

	it('has no repetition separator when ISA11 is U', () => {
		const result = parseRemittance820(document('U', 'RMR*IV*10001**100', 'NTE*ZZZ*A^B'));
		expect(result.separators.repetition).toBeUndefined();
		expect(result.payments[0].lines[0].description).toBe('A^B');
	});
});

describe('null and wrongly typed arguments are named errors', () => {
	const p = payment('P1', [{ reference: '10001', paid: '12.00' }]);
	const classified = classifyPayment(p);
	const cases: Array<[string, () => unknown]> = [
		['buildJournal(null)', () => buildJournal(null as never, [], ACCOUNTS)],
		['buildJournal(payment, null)', () => buildJournal(p, null as never, ACCOUNTS)],
		['buildJournal(.., null accounts)', () => buildJournal(p, classified, null as never)],
		['buildJournal(.., null options)', () => buildJournal(p, classified, ACCOUNTS, null as never)],
		[
			'a number as the amount',
			() => buildJournal({ ...p, amount: 12 as never }, classified, ACCOUNTS),
		],
		[
			'a line without amounts',
			() => buildJournal(p, [{ ...classified[0], line: { reference: 'x' } as never }], ACCOUNTS),
		],
		['parseRemittanceCsv(text, null)', () => parseRemittanceCsv(csvRow('1.00'), null as never)],
		[
			'a number as the default currency',
			() => parseRemittanceCsv(csvRow('1.00'), { defaultCurrency: 5 as never }),
		],
		[
			'a number as the delimiter',
			() => parseRemittanceCsv(csvRow('1.00'), { delimiter: 5 as never }),
		],
		['parseRemittance820(text, null)', () => parseRemittance820('ISA', null as never)],
		['normaliseFinancesInvoices([], null)', () => normaliseFinancesInvoices([], null as never)],
		[
			'normaliseFinancesInvoices([], {}, null)',
			() => normaliseFinancesInvoices([], {}, null as never),
		],
	];
	it.each(cases)('%s', (_name, run) => {
		let error: unknown;
		try {
			run();
		} catch (thrown) {
			error = thrown;
		}
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).path).not.toBe('');
	});
});
