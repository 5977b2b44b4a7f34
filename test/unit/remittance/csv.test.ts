import { MoneyFormatError } from '../../../nodes/shared/domain/money';
import {
	parseAmountText,
	decimalFromJsonNumber,
	formatAmount,
} from '../../../nodes/shared/domain/remittance/amounts';
import { classifyPayment } from '../../../nodes/shared/domain/remittance/classify';
import {
	decodeCsvBytes,
	detectDelimiter,
	parseCsv,
	parseRemittanceCsv,
	parseSheetDate,
} from '../../../nodes/shared/domain/remittance/csv';
import { RemittanceFormatError } from '../../../nodes/shared/domain/remittance/types';
import { d, expectBalanced, journalFor, postings, s } from './helpers';

const HEADER =
	'Payment Number,Payment Date,Invoice Number,Invoice Date,Description,Invoice ' +
	'Currency,Invoice Amount,Terms Discount Taken,Amount Paid,Remaining Amount';

/** A Vendor Central export as third-party tools show it (wiki.amazowl.com), US dates, CRLF. */
const EXPORT = [
	HEADER,
	'40001234,01/15/2024,10001,11/20/2023,Invoice,USD,"1,000.00",20.00,980.00,0.00',
	'40001234,01/15/2024,10002,11/28/2023,Invoice,USD,"2,500.00",0.00,"2,500.00",0.00',
	'40001234,01/15/2024,10003,12/01/2023,"Invoice, short paid",USD,800.00,0.00,650.00,150.00',
	'40001234,01/15/2024,10004SC,12/20/2023,Shortage claim,USD,(50.00),0.00,(50.00),0.00',
	'40001234,01/15/2024,83265481VCBSINV,12/22/2023,"Chargeback ""ASN accuracy""",USD,-45.60,0.00,-45.60,0.00',
	'40001300,01/22/2024,10005,12/05/2023,Invoice,USD,"1,200.00",24.00,"1,176.00",0.00',
	'40001300,01/22/2024,7110-23456789,12/30/2023,Co-op: MDF,USD,(300.00),0.00,(300.00),0.00',
	'',
].join('\r\n');

describe('parseCsv (RFC 4180)', () => {
	it('reads quotes, escaped quotes, CRLF, LF, embedded line breaks, a BOM and a trailing line break', () => {
		const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\n2,"multi\nline",\r\n\r\n3,,z\n';
		expect(parseCsv(text)).toEqual([
			{ line: 1, fields: ['a', 'b', 'c'] },
			{ line: 2, fields: ['1', 'x, y', 'say "hi"'] },
			{ line: 3, fields: ['2', 'multi\nline', ''] },
			{ line: 6, fields: ['3', '', 'z'] },
		]);
	});

	it('reads the last record without a line break and lone CR line ends', () => {
		expect(parseCsv('a,b\r1,2')).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['1', '2'] },
		]);
	});

	it('decodes UTF-8 (BOM or not) and UTF-16 files', () => {
		const text = 'Payment Number\tDescription\r\n1\tCo-op – “MDF” é\r\n';
		const utf8 = new TextEncoder().encode(text);
		expect(decodeCsvBytes(utf8)).toBe(text);
		expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toBe(text);
		const le = [0xff, 0xfe];
		const be = [0xfe, 0xff];
		for (const ch of text) {
			const code = ch.charCodeAt(0);
			le.push(code & 0xff, code >> 8);
			be.push(code >> 8, code & 0xff);
		}
		expect(decodeCsvBytes(Uint8Array.from(le))).toBe(text);
		expect(decodeCsvBytes(Uint8Array.from(be))).toBe(text);
		expect(parseCsv(decodeCsvBytes(Uint8Array.from(le)), 'auto')[1].fields).toEqual([
			'1',
			'Co-op – “MDF” é',
		]);
	});

	it('detects ; and tab delimiters', () => {
		expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';');
		expect(detectDelimiter('a\tb\tc')).toBe('\t');
		expect(detectDelimiter('"a;b",c,d')).toBe(',');
		expect(parseCsv('a;b\n1;"2;3"', 'auto')).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['1', '2;3'] },
		]);
	});

	it.each([
		[
			'a,b\n1,"open\n2,3',
			'CSV line 2, column 2: the quoted field is never closed (missing ")',
			2,
			'2',
		],
		[
			'a,b\n1,2"x\n',
			'CSV line 2, column 2: a quote inside an unquoted field (quote the whole field and double the quote)',
			2,
			'2',
		],
		[
			'a,b\n"1"x,2\n',
			'CSV line 2, column 1: unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")',
			2,
			'1',
		],
		[
			'a,b\n"multi\nline"x,2\n',
			'CSV line 3, column 1: unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")',
			3,
			'1',
		],
	])('malformed %j -> error with line and column', (text, message, line, column) => {
		let error: unknown;
		try {
			parseCsv(text);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(RemittanceFormatError);
		expect((error as RemittanceFormatError).message).toBe(message);
		expect((error as RemittanceFormatError).line).toBe(line);
		expect((error as RemittanceFormatError).column).toBe(column);
	});
});

describe('amount and date text', () => {
	it.each([
		['1,234.56', '1234.56'],
		['(12.00)', '-12.00'],
		['-12.00', '-12.00'],
		['12.00-', '-12.00'],
		['$1,234.56', '1234.56'],
		['-$1,234.56', '-1234.56'],
		['($45.60)', '-45.60'],
		['USD 12.50', '12.50'],
		['1 234.50', '1234.50'],
		['0.10', '0.10'],
		['  7 ', '7'],
		['1234567890123456.78', '1234567890123456.78'],
	])('%j -> %s', (text, expected) => {
		expect(s(parseAmountText(text)!)).toBe(expected);
	});

	it('reads comma decimals when told, and refuses ambiguous or broken amounts', () => {
		expect(s(parseAmountText('1.234,56', ',')!)).toBe('1234.56');
		expect(s(parseAmountText('(12,00)', ',')!)).toBe('-12.00');
		expect(parseAmountText('  ')).toBeUndefined();
		for (const bad of ['12,50', '1,23,4.00', '1.2.3', 'abc', '--5', '1e5x']) {
			expect(() => parseAmountText(bad)).toThrow(MoneyFormatError);
		}
	});

	it('converts JSON numbers through their shortest string, rounding float artefacts', () => {
		expect(s(decimalFromJsonNumber(2100.84, 'USD').amount)).toBe('2100.84');
		expect(decimalFromJsonNumber(2100.84, 'USD').warning).toBeUndefined();
		expect(s(decimalFromJsonNumber(2500.0, 'USD').amount)).toBe('2500.00');
		expect(s(decimalFromJsonNumber(1e21, 'USD').amount)).toBe('1000000000000000000000.00');
		const artefact = decimalFromJsonNumber(0.1 + 0.2, 'USD');
		expect(s(artefact.amount)).toBe('0.30');
		expect(artefact.warning).toBe(
			"0.30000000000000004 USD has more digits than the currency's 2 minor units; rounded half up to 0.30",
		);
		expect(s(decimalFromJsonNumber(125000, 'JPY').amount)).toBe('125000');
		expect(() => decimalFromJsonNumber(Number.NaN, 'USD')).toThrow('not a finite number');
		expect(formatAmount(d('5'), 'USD')).toBe('5.00');
		expect(formatAmount(d('5.125'), 'USD')).toBe('5.125');
	});

	it.each([
		['2024-01-15', 'MDY', '2024-01-15'],
		['2024-01-15T00:00:00Z', 'MDY', '2024-01-15'],
		['01/15/2024', 'MDY', '2024-01-15'],
		['1/5/2024', 'MDY', '2024-01-05'],
		['15/01/2024', 'DMY', '2024-01-15'],
		['2024/01/15', 'MDY', '2024-01-15'],
		['15-Jan-2024', 'MDY', '2024-01-15'],
		['Jan 15, 2024', 'MDY', '2024-01-15'],
		['02/29/2024', 'MDY', '2024-02-29'],
	] as const)('date %j (%s) -> %s', (text, order, expected) => {
		expect(parseSheetDate(text, order)).toBe(expected);
	});

	it.each(['02/30/2024', '15/01/2024', '2024-13-01', 'yesterday', ''])(
		'refuses the date %j (US order)',
		(text) => {
			expect(parseSheetDate(text, 'MDY')).toBeUndefined();
		},
	);
});

describe('parseRemittanceCsv', () => {
	it('groups the export into payments with exact amounts and ISO dates', () => {
		const { payments, headerLine, rowCount, columns } = parseRemittanceCsv(EXPORT);
		expect(headerLine).toBe(1);
		expect(rowCount).toBe(7);
		expect(columns.amountPaid).toBe('Amount Paid');
		expect(columns.paymentAmount).toBeUndefined();
		expect(
			payments.map((p) => [
				p.paymentNumber,
				p.paymentDate,
				p.currency,
				s(p.amount),
				p.amountFrom,
				p.lines.length,
			]),
		).toEqual([
			['40001234', '2024-01-15', 'USD', '4034.40', 'sumOfLines', 5],
			['40001300', '2024-01-22', 'USD', '876.00', 'sumOfLines', 2],
		]);
		const [first] = payments;
		expect(first.lines[0]).toEqual({
			reference: '10001',
			invoiceDate: '2023-11-20',
			description: 'Invoice',
			currency: 'USD',
			gross: d('1000.00'),
			discount: d('20.00'),
			paid: d('980.00'),
			remaining: d('0.00'),
			sourcePosition: 2,
		});
		expect(first.lines[2]).toMatchObject({
			reference: '10003',
			description: 'Invoice, short paid',
			remaining: d('150.00'),
		});
		expect(first.lines[3]).toMatchObject({
			reference: '10004SC',
			gross: d('-50.00'),
			paid: d('-50.00'),
		});
		expect(first.lines[4].description).toBe('Chargeback "ASN accuracy"');
	});

	it('journalises both payments, balanced', () => {
		const { payments } = parseRemittanceCsv(EXPORT);
		const e1 = expectBalanced(journalFor(payments[0]).entry, payments[0]);
		expect(postings(e1)).toEqual([
			['1000 Bank', '4034.40', '0.00', 'bank'],
			['1200 Accounts Receivable', '0.00', '1000.00', 'invoicePayment'],
			['4910 Terms Discount', '20.00', '0.00', 'termsDiscount'],
			['1200 Accounts Receivable', '0.00', '2500.00', 'invoicePayment'],
			['1200 Accounts Receivable', '0.00', '650.00', 'invoicePayment'],
			['4920 Shortage Claims', '50.00', '0.00', 'shortageClaim'],
			['6150 Chargebacks', '45.60', '0.00', 'chargeback'],
		]);
		const e2 = expectBalanced(journalFor(payments[1]).entry, payments[1]);
		expect(postings(e2)).toEqual([
			['1000 Bank', '876.00', '0.00', 'bank'],
			['1200 Accounts Receivable', '0.00', '1200.00', 'invoicePayment'],
			['4910 Terms Discount', '24.00', '0.00', 'termsDiscount'],
			['6100 Co-op', '300.00', '0.00', 'coopAgreement'],
		]);
	});

	it('matches headers case-, space- and punctuation-insensitively, in any order, after title rows', () => {
		const text = [
			'Amazon Vendor Central remittance export',
			'',
			'amount_paid;PAYMENT NUMBER;payment date;invoice number;invoice currency',
			'12,50;P1;2024-02-01;A1;usd',
		].join('\n');
		const result = parseRemittanceCsv(text, { decimalSeparator: ',' });
		expect(result.headerLine).toBe(3);
		expect(result.payments).toHaveLength(1);
		expect(result.payments[0]).toMatchObject({
			paymentNumber: 'P1',
			currency: 'USD',
			amount: d('12.50'),
		});
		expect(result.payments[0].lines[0]).toMatchObject({
			gross: d('12.50'),
			discount: d('0'),
			remaining: d('0'),
		});
	});

	it('takes a configured column mapping, a payment amount column and a default currency', () => {
		const text = [
			'Remit No,Paid On,Doc,Net,Total Payment,PO',
			'R9,2024-03-05,555,100.00,90.00,PO-1',
			'R9,2024-03-05,555SC,-10.00,90.00,PO-1',
		].join('\n');
		const { payments } = parseRemittanceCsv(text, {
			columns: {
				paymentNumber: 'Remit No',
				paymentDate: 'Paid On',
				invoiceNumber: ['Document', 'Doc'],
				amountPaid: 'Net',
				paymentAmount: 'Total Payment',
				purchaseOrderNumber: 'PO',
			},
			defaultCurrency: 'eur',
		});
		expect(payments[0]).toMatchObject({
			paymentNumber: 'R9',
			currency: 'EUR',
			amount: d('90.00'),
			amountFrom: 'source',
		});
		expect(payments[0].lines.map((l) => [l.reference, l.purchaseOrderNumber])).toEqual([
			['555', 'PO-1'],
			['555SC', 'PO-1'],
		]);
	});

	it('reads a discount written negative as the same discount', () => {
		const text = [
			HEADER,
			'P2,2024-01-15,20001,2024-01-01,Invoice,USD,1000.00,-20.00,980.00,0.00',
		].join('\n');
		const line = parseRemittanceCsv(text).payments[0].lines[0];
		expect(s(line.discount)).toBe('20.00');
		const credit = [
			HEADER,
			'P3,2024-01-15,20001SC,2024-01-01,Claim,USD,-100.00,2.00,-98.00,0.00',
		].join('\n');
		expect(s(parseRemittanceCsv(credit).payments[0].lines[0].discount)).toBe('-2.00');
	});

	it.each([
		[
			[HEADER, 'P1,01/15/2024,10001,11/20/2023,Invoice,USD,1000.00,0.00,980.0x,0.00'].join('\n'),
			'CSV line 2, column "Amount Paid" (9): "980.0x" is not an amount (expected ' +
				'e.g. "1,234.56", "-12.00" or "(12.00)")',
			2,
			'Amount Paid',
		],
		[
			[HEADER, 'P1,01/15/2024,10001,11/20/2023,Invoice,USD,1000.00,0.00'].join('\n'),
			'CSV line 2, column "Amount Paid" (9): the row has 8 columns but the header on line 1 has 10',
			2,
			'Amount Paid',
		],
		[
			[HEADER, 'P1,01/15/2024,10001,11/20/2023,Invoice,USD,1000.00,0.00,1000.00,0.00,surplus'].join(
				'\n',
			),
			'CSV line 2, column 11: the row has 11 columns but the header on line 1 has 10',
			2,
			'11',
		],
		[
			[
				HEADER,
				'P1,01/15/2024,10001,11/20/2023,Invoice,USD,1000.00,0.00,1000.00,0.00',
				'P1,13/45/2024,10002,11/20/2023,Invoice,USD,1.00,0.00,1.00,0.00',
			].join('\n'),
			'CSV line 3, column "Payment Date" (2): "13/45/2024" is not a date (expected e.g. 2024-01-15 or 01/15/2024)',
			3,
			'Payment Date',
		],
		[
			[HEADER, 'P1,01/15/2024,,11/20/2023,Invoice,USD,1000.00,0.00,1000.00,0.00'].join('\n'),
			'CSV line 2, column "Invoice Number" (3): the invoice number is empty',
			2,
			'Invoice Number',
		],
		[
			[
				HEADER,
				'P1,01/15/2024,1,11/20/2023,Invoice,USD,1.00,0.00,1.00,0.00',
				'P1,01/16/2024,2,11/20/2023,Invoice,USD,1.00,0.00,1.00,0.00',
			].join('\n'),
			'CSV line 3, column "Payment Date" (2): payment P1 is dated 2024-01-16 here but 2024-01-15 on line 2',
			3,
			'Payment Date',
		],
		[
			[
				HEADER,
				'P1,01/15/2024,1,11/20/2023,Invoice,USD,1.00,0.00,1.00,0.00',
				'P1,01/15/2024,2,11/20/2023,Invoice,EUR,1.00,0.00,1.00,0.00',
			].join('\n'),
			'CSV line 3, column "Invoice Currency" (6): payment P1 is in EUR here but in ' +
				'USD on line 2 (one payment has one currency)',
			3,
			'Invoice Currency',
		],
		[
			[HEADER, 'P1,01/15/2024,1,11/20/2023,Invoice,US DOLLAR,1.00,0.00,1.00,0.00'].join('\n'),
			'CSV line 2, column "Invoice Currency" (6): "US DOLLAR" is not a currency code ' +
				'(expected three letters such as USD)',
			2,
			'Invoice Currency',
		],
		[
			[HEADER, 'P1,01/15/2024,"10001,11/20/2023,Invoice,USD,1.00,0.00,1.00,0.00'].join('\n'),
			'CSV line 2, column 3: the quoted field is never closed (missing ")',
			2,
			'3',
		],
	])('malformed row -> clear error (%#)', (text, message, line, column) => {
		let error: unknown;
		try {
			parseRemittanceCsv(text);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(RemittanceFormatError);
		expect((error as RemittanceFormatError).message).toBe(message);
		expect((error as RemittanceFormatError).line).toBe(line);
		expect((error as RemittanceFormatError).column).toBe(column);
	});

	it('names the missing required columns and the headers found', () => {
		expect(() => parseRemittanceCsv('Payment Number,Invoice Number,Amount\n1,2,3')).toThrow(
			'CSV line 1: required columns not found: paymentDate ("Payment Date"), ' +
				'amountPaid ("Amount Paid"). Headers found: "Payment Number", "Invoice ' +
				'Number", "Amount"',
		);
		expect(() =>
			parseRemittanceCsv(
				'Payment Number,Payment Date,Invoice Number,Amount Paid\n1,2024-01-01,2,3',
			),
		).toThrow(
			'CSV line 1: no currency column ("Invoice Currency" or "Payment Currency") and no default currency set',
		);
		expect(() => parseRemittanceCsv('')).toThrow('The remittance CSV is empty');
	});

	it('refuses a payment whose rows disagree on the payment amount', () => {
		const text = [
			'Payment Number,Payment Date,Invoice Number,Amount Paid,Payment Amount,Currency',
			'P,2024-01-01,1,5.00,10.00,USD',
			'P,2024-01-01,2,5.00,11.00,USD',
		].join('\n');
		expect(() => parseRemittanceCsv(text)).toThrow(
			'CSV line 3, column "Payment Amount" (5): payment P has a different payment amount than on line 2',
		);
	});

	it('classifies every line of the export (none unknown)', () => {
		const { payments } = parseRemittanceCsv(EXPORT);
		expect(payments.flatMap((p) => classifyPayment(p).map((c) => c.type))).toEqual([
			'invoicePayment',
			'invoicePayment',
			'invoicePayment',
			'shortageClaim',
			'chargeback',
			'invoicePayment',
			'coopAgreement',
		]);
	});
});
