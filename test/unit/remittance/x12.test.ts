import { classifyPayment } from '../../../nodes/shared/domain/remittance/classify';
import { parseRemittance820, readSeparators } from '../../../nodes/shared/domain/remittance/x12';
import { RemittanceFormatError } from '../../../nodes/shared/domain/remittance/types';
import { d, expectBalanced, journalFor, postings, s } from './helpers';

/** ISA of exactly 106 characters: element `*`, component `>`, segment `~`. */
const ISA =
	'ISA*00*          *00*          *ZZ*AMAZON         *ZZ*ACMEVENDOR     *240115*1200*U*00401*000000123*0*P*>~';

/**
 * A realistic Amazon retail 820 (X12 4010, GS01 RA) with two remittances: invoices with a terms
 * discount, a shortage taken as an ADX adjustment (X12 code 06) on its invoice, a price claim, a
 * chargeback, a co-op agreement invoice, a price-protection debit note and a provision; then a
 * shortage claim, its reversal and the revised claim.
 */
const SEGMENTS = [
	'GS*RA*AMAZON*ACMEVENDOR*20240115*1200*123*X*004010',
	'ST*820*0001',
	'BPR*C*3361.9*C*ACH*CCP*01*021000021*DA*123456789*1234567890**01*026009593*DA*987654321*20240115',
	'TRN*1*40001234*1234567890',
	'DTM*097*20240114',
	'N1*PR*AMAZON.COM SERVICES LLC',
	'N1*PE*ACME WIDGETS INC*92*ACMEV',
	'ENT*1',
	'RMR*IV*10001**980*1000*20',
	'REF*PO*1AB2C3D4',
	'DTM*003*20231120',
	'RMR*IV*10002**2500*2500',
	'REF*PO*2BC3D4E5',
	'DTM*003*20231128',
	'RMR*IV*10003**950*1000',
	'REF*PO*3CD4E5F6',
	'DTM*003*20231201',
	'ADX*-50*06',
	'RMR*IV*10004PC**-12.5',
	'DTM*003*20231220',
	'RMR*IV*83265481VCBSINV**-45.6',
	'RMR*IV*7110-23456789**-300',
	'RMR*IV*IPAPUS1234567**-210',
	'RMR*IV*40001233-PROVISION FOR RECEIVABLES**-500',
	'SE*24*0001',
	'ST*820*0002',
	'BPR*C*950*C*ACH*CCP*01*021000021*DA*123456789*1234567890**01*026009593*DA*987654321*20240122',
	'TRN*1*40001300*1234567890',
	'DTM*097*20240121',
	'N1*PR*AMAZON.COM SERVICES LLC',
	'N1*PE*ACME WIDGETS INC*92*ACMEV',
	'ENT*1',
	'RMR*IV*INV-10001SC**-125',
	'DTM*003*20240110',
	'RMR*IV*INV-10001SCR**125',
	'RMR*IV*INV-10001SCRSC**-50',
	'RMR*IV*10005**1000*1000',
	'SE*13*0002',
	'GE*2*123',
	'IEA*1*000000123',
];
const SAMPLE_820 = `${ISA}\n${SEGMENTS.join('~\n')}~\n`;

function errorOf(text: string): RemittanceFormatError {
	try {
		parseRemittance820(text);
	} catch (error) {
		expect(error).toBeInstanceOf(RemittanceFormatError);
		return error as RemittanceFormatError;
	}
	throw new Error('expected an error');
}

/** The sample with one segment replaced (index into SEGMENTS; segment number = index + 2). */
function withSegment(index: number, segment: string | undefined): string {
	const copy = [...SEGMENTS];
	if (segment === undefined) copy.splice(index, 1);
	else copy[index] = segment;
	return `${ISA}${copy.join('~')}~`;
}

describe('parseRemittance820', () => {
	it('reads the separators from the fixed-width ISA header', () => {
		expect(ISA).toHaveLength(106);
		expect(readSeparators(SAMPLE_820).separators).toEqual({
			element: '*',
			component: '>',
			segment: '~',
		});
	});

	it('reads payments: BPR, TRN, N1, RMR, REF, DTM*003 and ADX', () => {
		const { payments, interchange } = parseRemittance820(SAMPLE_820);
		expect(interchange).toEqual({
			senderId: 'AMAZON',
			receiverId: 'ACMEVENDOR',
			controlNumber: '000000123',
			usage: 'P',
		});
		expect(payments).toHaveLength(2);
		const [p1, p2] = payments;
		expect(p1).toMatchObject({
			paymentNumber: '40001234',
			paymentDate: '2024-01-15',
			currency: 'USD',
			amountFrom: 'source',
			source: 'x12-820',
			paymentMethod: 'ACH',
			payerName: 'AMAZON.COM SERVICES LLC',
			payeeName: 'ACME WIDGETS INC',
			payeeId: 'ACMEV',
		});
		expect(s(p1.amount)).toBe('3361.9');
		expect(p1.lines[0]).toEqual({
			reference: '10001',
			referenceQualifier: 'IV',
			gross: d('1000'),
			discount: d('20'),
			paid: d('980'),
			remaining: d('0'),
			purchaseOrderNumber: '1AB2C3D4',
			invoiceDate: '2023-11-20',
			kind: 'document',
			sourcePosition: 10,
		});
		// RMR04 is net of the ADX: the invoice line gets the gross back, the ADX is its own line
		expect(p1.lines[2]).toMatchObject({
			reference: '10003',
			paid: d('1000'),
			gross: d('1000'),
			sourcePosition: 16,
		});
		expect(p1.lines[3]).toEqual({
			reference: '10003',
			invoiceNumber: '10003',
			purchaseOrderNumber: '3CD4E5F6',
			invoiceDate: '2023-12-01',
			gross: d('-50'),
			discount: d('0'),
			paid: d('-50'),
			remaining: d('0'),
			reasonCode: '06',
			kind: 'adjustment',
			sourcePosition: 19,
		});
		expect(p1.lines.map((l) => l.reference)).toEqual([
			'10001',
			'10002',
			'10003',
			'10003',
			'10004PC',
			'83265481VCBSINV',
			'7110-23456789',
			'IPAPUS1234567',
			'40001233-PROVISION FOR RECEIVABLES',
		]);
		expect(p2).toMatchObject({ paymentNumber: '40001300', paymentDate: '2024-01-22' });
		expect(s(p2.amount)).toBe('950');
		expect(p2.lines[0].invoiceDate).toBe('2024-01-10');
	});

	it('classifies and journalises both remittances, balanced against BPR02', () => {
		const [p1, p2] = parseRemittance820(SAMPLE_820).payments;
		expect(classifyPayment(p1).map((c) => [c.type, c.invoiceNumber])).toEqual([
			['invoicePayment', '10001'],
			['invoicePayment', '10002'],
			['invoicePayment', '10003'],
			['shortageClaim', '10003'],
			['priceClaim', '10004'],
			['chargeback', undefined],
			['coopAgreement', undefined],
			['priceProtection', undefined],
			['provisionForReceivables', undefined],
		]);
		const e1 = expectBalanced(journalFor(p1).entry, p1);
		expect(postings(e1)).toEqual([
			['1000 Bank', '3361.90', '0.00', 'bank'],
			['1200 Accounts Receivable', '0.00', '1000.00', 'invoicePayment'],
			['4910 Terms Discount', '20.00', '0.00', 'termsDiscount'],
			['1200 Accounts Receivable', '0.00', '2500.00', 'invoicePayment'],
			['1200 Accounts Receivable', '0.00', '1000.00', 'invoicePayment'],
			['4920 Shortage Claims', '50.00', '0.00', 'shortageClaim'],
			['4930 Price Claims', '12.50', '0.00', 'priceClaim'],
			['6150 Chargebacks', '45.60', '0.00', 'chargeback'],
			['6100 Co-op', '300.00', '0.00', 'coopAgreement'],
			['4940 Price Protection', '210.00', '0.00', 'priceProtection'],
			['1250 Amazon Provision', '500.00', '0.00', 'provisionForReceivables'],
		]);
		expect(e1.lines.find((l) => l.type === 'shortageClaim')).toMatchObject({
			invoiceNumber: '10003',
			purchaseOrderNumber: '3CD4E5F6',
			reference: '10003',
			sourcePosition: 19,
		});
		const e2 = expectBalanced(journalFor(p2).entry, p2);
		expect(e2.summary.deductedByType).toEqual({
			shortageClaim: '125.00',
			shortageClaimReversal: '-125.00',
			revisedShortageClaim: '50.00',
		});
	});

	it('holds a remittance whose BPR02 does not match its lines', () => {
		const [p1] = parseRemittance820(
			withSegment(2, SEGMENTS[2].replace('3361.9', '3361.99')),
		).payments;
		const { entry, exception } = journalFor(p1);
		expect(entry).toBeUndefined();
		expect(exception).toMatchObject({
			reason: 'doesNotAddUp',
			difference: '0.09',
			amount: '3361.99',
			linesTotal: '3361.90',
		});
	});

	it('accepts other separators, a newline terminator and a debit BPR', () => {
		const isa =
			'ISA|00|          |00|          |ZZ|AMAZON         |ZZ|ACMEVENDOR     |240115|1200|U|00401|000000777|0|T|^\n';
		const text = `\r\n${isa}${[
			'GS|RA|AMAZON|ACMEVENDOR|20240115|1200|9|X|004010',
			'ST|820|1001',
			'BPR|D|25.5|D|ACH||||||||||||20240301',
			'TRN|1|PX-1',
			'CUR|PR|cad',
			'ENT|1',
			'RMR|IV|555SC||-25.5',
			'SE|7|1001',
			'GE|1|9',
			'IEA|1|000000777',
		].join('\n')}\n`;
		const { payments, separators, interchange } = parseRemittance820(text);
		expect(separators).toEqual({ element: '|', component: '^', segment: '\n' });
		expect(interchange.usage).toBe('T');
		expect(payments[0]).toMatchObject({
			paymentNumber: 'PX-1',
			currency: 'CAD',
			paymentDate: '2024-03-01',
		});
		expect(s(payments[0].amount)).toBe('-25.5');
		const e = expectBalanced(journalFor(payments[0]).entry, payments[0]);
		expect(postings(e)).toEqual([
			['1000 Bank', '0.00', '25.50', 'bank'],
			['4920 Shortage Claims', '25.50', '0.00', 'shortageClaim'],
		]);
	});

	it('reads an ADX at ENT level as a line of its own, and falls back to the header DTM', () => {
		const text = `${ISA}${[
			'GS*RA*AMAZON*ACMEVENDOR*20240115*1200*5*X*004010',
			'ST*820*0009',
			'BPR*C*955*C*CHK',
			'TRN*1*CHK-77',
			'DTM*097*20240201',
			'ENT*1',
			'ADX*-45*54*IV*FRT-1',
			'RMR*IV*999**1000*1000',
			'SE*8*0009',
			'GE*1*5',
			'IEA*1*000000123',
		].join('~')}~`;
		const [p] = parseRemittance820(text).payments;
		expect(p.paymentDate).toBe('2024-02-01');
		expect(p.lines.map((l) => [l.reference, l.kind, l.reasonCode, s(l.paid)])).toEqual([
			['FRT-1', 'adjustment', '54', '-45'],
			['999', 'document', undefined, '1000'],
		]);
		const cl = classifyPayment(p);
		expect(cl.map((c) => c.type)).toEqual(['freightAllowance', 'invoicePayment']);
	});

	it.each([
		[
			withSegment(24, 'SE*23*0001'),
			'X12 820 segment 26 (SE), element SE01: the number of segments in the ' +
				'transaction set (SE01) is 23 but there are 24',
			26,
			'SE01',
		],
		[
			withSegment(24, 'SE*24*0002'),
			'X12 820 segment 26 (SE), element SE02: the transaction set control number ' +
				'(SE02, ST02) "0002" does not match "0001"',
			26,
			'SE02',
		],
		[
			withSegment(14, 'RMR*IV*10003**9x0*1000'),
			'X12 820 segment 16 (RMR), element RMR04: "9x0" is not a number (the amount paid)',
			16,
			'RMR04',
		],
		[
			withSegment(14, 'RMR*IV*10003'),
			'X12 820 segment 16 (RMR), element RMR04: the amount paid is missing',
			16,
			'RMR04',
		],
		[
			withSegment(2, SEGMENTS[2].replace('*C*ACH', '*X*ACH')),
			'X12 820 segment 4 (BPR), element BPR03: "X" is not C (credit) or D (debit)',
			4,
			'BPR03',
		],
		[
			withSegment(2, SEGMENTS[2].replace('20240115', '20240230')),
			'X12 820 segment 4 (BPR), element BPR16: "20240230" is not a real date (effective payment date)',
			4,
			'BPR16',
		],
		[
			withSegment(17, 'ADX*abc*06'),
			'X12 820 segment 19 (ADX), element ADX01: "abc" is not a number (the adjustment amount)',
			19,
			'ADX01',
		],
		[
			withSegment(0, 'GS*PO*AMAZON*ACMEVENDOR*20240115*1200*123*X*004010'),
			'X12 820 segment 2 (GS), element GS01: GS01 is "PO": not a remittance advice group (expected RA)',
			2,
			'GS01',
		],
		[
			withSegment(1, 'ST*850*0001'),
			'X12 820 segment 3 (ST), element ST01: ST01 is "850": not an 820',
			3,
			'ST01',
		],
		[
			withSegment(38, 'GE*1*123'),
			'X12 820 segment 40 (GE), element GE01: the number of transaction sets (GE01) is 1 but there are 2',
			40,
			'GE01',
		],
		[
			withSegment(39, 'IEA*1*000000124'),
			'X12 820 segment 41 (IEA), element IEA02: the interchange control number ' +
				'(IEA02, ISA13) "000000124" does not match "000000123"',
			41,
			'IEA02',
		],
		[
			withSegment(39, undefined),
			'X12 820 segment 40: the interchange is never closed (missing IEA)',
			40,
			undefined,
		],
		[
			withSegment(6, 'RMR*IV*1**1'),
			'X12 820 segment 8 (RMR): RMR outside an ENT loop',
			8,
			undefined,
		],
		[
			withSegment(3, 'TRN*1'),
			'X12 820 segment 5 (TRN), element TRN02: the payment (trace) number is missing',
			5,
			'TRN02',
		],
	])(
		'malformed 820 -> error naming segment and element (%#)',
		(text, message, segment, element) => {
			const error = errorOf(text);
			expect(error.message).toBe(message);
			expect(error.segment).toBe(segment);
			expect(error.element).toBe(element);
		},
	);

	it('refuses a broken ISA header', () => {
		expect(errorOf('hello').message).toBe(
			'X12 820 segment 1: the interchange must start with ISA (found "hello")',
		);
		expect(errorOf(ISA.slice(0, 60)).message).toBe(
			'X12 820 segment 1: the ISA header is 60 characters; it must be 106',
		);
		const shifted = ISA.replace('AMAZON         ', 'AMAZON        ') + ' SEGMENTS';
		expect(errorOf(shifted).message).toBe(
			'X12 820 segment 1, element ISA16: the ISA header is not 106 fixed-width ' +
				'characters: expected the element separator "*" at position 103, found ">"',
		);
	});

	it('refuses a transaction set without BPR or TRN', () => {
		const segments = ['GS*RA*A*B*20240115*1200*1*X*004010', 'ST*820*1', 'TRN*1*X', 'SE*3*1'];
		const text = `${ISA}${[...segments, 'GE*1*1', 'IEA*1*000000123'].join('~')}~`;
		expect(errorOf(text).message).toBe(
			'X12 820 segment 3 (ST): the transaction set has no BPR (payment amount)',
		);
	});
});
