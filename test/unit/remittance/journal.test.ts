import { parseDecimal, sum } from '../../../nodes/shared/domain/money';
import { classifyPayment, defaultRules } from '../../../nodes/shared/domain/remittance/classify';
import {
	JournalConfigError,
	accountForType,
	buildJournal,
	journalTotals,
} from '../../../nodes/shared/domain/remittance/journal';
import { ACCOUNTS, expectBalanced, journalFor, payment, postings } from './helpers';

/**
 * Fixtures from public third-party facts (wiki.amazowl.com, amalytix): one payment with every deduction family by its
 * reference pattern (amazowl / amalytix), quick-pay discount taken on an invoice.
 */
const FAMILIES = payment('40001234', [
	{ reference: '10001', paid: '980.00', discount: '20.00', gross: '1000.00' },
	{ reference: '10002', paid: '2500.00' },
	{ reference: '10003SC', paid: '-50.00' },
	{ reference: '10004PC', paid: '-12.50' },
	{ reference: '83265481VCBSINV', paid: '-45.60' },
	{ reference: '7110-23456789', paid: '-300.00' },
	{ reference: 'IPAPUS1234567', paid: '-210.00' },
	{ reference: '40001233-PROVISION FOR RECEIVABLES', paid: '-500.00' },
]);

describe('buildJournal: deduction families', () => {
	it('posts bank, receivables, discount and one debit per deduction family, balanced', () => {
		const { entry, exception } = journalFor(FAMILIES);
		expect(exception).toBeUndefined();
		const e = expectBalanced(entry, FAMILIES);
		expect(postings(e)).toEqual([
			['1000 Bank', '2361.90', '0.00', 'bank'],
			['1200 Accounts Receivable', '0.00', '1000.00', 'invoicePayment'],
			['4910 Terms Discount', '20.00', '0.00', 'termsDiscount'],
			['1200 Accounts Receivable', '0.00', '2500.00', 'invoicePayment'],
			['4920 Shortage Claims', '50.00', '0.00', 'shortageClaim'],
			['4930 Price Claims', '12.50', '0.00', 'priceClaim'],
			['6150 Chargebacks', '45.60', '0.00', 'chargeback'],
			['6100 Co-op', '300.00', '0.00', 'coopAgreement'],
			['4940 Price Protection', '210.00', '0.00', 'priceProtection'],
			['1250 Amazon Provision', '500.00', '0.00', 'provisionForReceivables'],
		]);
		expect(e.summary).toEqual({
			paymentNumber: '40001234',
			paymentDate: '2024-03-01',
			currency: 'USD',
			source: 'csv',
			paid: '2361.90',
			invoicesSettled: '3500.00',
			discount: '20.00',
			deductedByType: {
				shortageClaim: '50.00',
				priceClaim: '12.50',
				chargeback: '45.60',
				coopAgreement: '300.00',
				priceProtection: '210.00',
				provisionForReceivables: '500.00',
			},
			deductionsTotal: '1118.10',
			rounding: '0.00',
			heldOnSuspense: '0.00',
			lineCount: 8,
			journalLineCount: 10,
			totalDebit: '3500.00',
			totalCredit: '3500.00',
		});
	});

	it('carries date, reference, invoice (original for claims) and memo on every line', () => {
		const e = expectBalanced(journalFor(FAMILIES).entry, FAMILIES);
		const shortage = e.lines.find((l) => l.type === 'shortageClaim');
		expect(shortage).toEqual({
			paymentNumber: '40001234',
			date: '2024-03-01',
			account: '4920 Shortage Claims',
			debit: '50.00',
			credit: '0.00',
			amount: '50.00',
			postingType: 'Debit',
			currency: 'USD',
			memo: 'Amazon remittance 40001234: shortage claim 10003SC',
			reference: '10003SC',
			purchaseOrderNumber: '',
			invoiceNumber: '10003',
			type: 'shortageClaim',
			sourcePosition: 4,
		});
		expect(e.lines.find((l) => l.type === 'priceClaim')?.invoiceNumber).toBe('10004');
		expect(e.lines.find((l) => l.type === 'chargeback')?.invoiceNumber).toBe('');
	});

	it('a reversal pair nets out on the shortage account; a revised claim stays', () => {
		const p = payment('40001399', [
			{ reference: 'INV-10001SC', paid: '-125.00' },
			{ reference: 'INV-10001SCR', paid: '125.00' },
			{ reference: 'INV-10001SCRSC', paid: '-50.00' },
			{ reference: 'INV-10005', paid: '1000.00' },
		]);
		const e = expectBalanced(journalFor(p).entry, p);
		expect(postings(e)).toEqual([
			['1000 Bank', '950.00', '0.00', 'bank'],
			['4920 Shortage Claims', '125.00', '0.00', 'shortageClaim'],
			['4920 Shortage Claims', '0.00', '125.00', 'shortageClaimReversal'],
			['4920 Shortage Claims', '50.00', '0.00', 'revisedShortageClaim'],
			['1200 Accounts Receivable', '0.00', '1000.00', 'invoicePayment'],
		]);
		expect(e.summary.deductedByType).toEqual({
			shortageClaim: '125.00',
			shortageClaimReversal: '-125.00',
			revisedShortageClaim: '50.00',
		});
		expect(e.summary.deductionsTotal).toBe('50.00');
		// net on the account: only the revised claim remains
		const net = sum(
			e.lines
				.filter((l) => l.account === '4920 Shortage Claims')
				.map((l) => parseDecimal(l.amount)),
		);
		expect(net.toString()).toBe('50.00');
	});

	it('a provision held back and released in the same payment nets to zero', () => {
		const p = payment('40001400', [
			{ reference: '40001234-PROVISION FOR RECEIVABLES', paid: '500.00' },
			{ reference: '40001400-PROVISION FOR RECEIVABLES', paid: '-400.00' },
			{ reference: '40001233-PROVISION FOR RECEIVABLESR', paid: '100.00' },
		]);
		const e = expectBalanced(journalFor(p).entry, p);
		expect(postings(e)).toEqual([
			['1000 Bank', '200.00', '0.00', 'bank'],
			['1250 Amazon Provision', '0.00', '500.00', 'provisionRelease'],
			['1250 Amazon Provision', '400.00', '0.00', 'provisionForReceivables'],
			['1250 Amazon Provision', '0.00', '100.00', 'provisionRelease'],
		]);
	});

	it('quick-pay discount: on the invoice line and as a line of its own', () => {
		const p = payment('Q1', [
			{ reference: 'INV-2001', paid: '1960.00', discount: '40.00', gross: '2000.00' },
			{ reference: 'QP-2002', paid: '-15.00', description: 'Quick Pay discount' },
		]);
		const e = expectBalanced(journalFor(p).entry, p);
		expect(postings(e)).toEqual([
			['1000 Bank', '1945.00', '0.00', 'bank'],
			['1200 Accounts Receivable', '0.00', '2000.00', 'invoicePayment'],
			['4910 Terms Discount', '40.00', '0.00', 'termsDiscount'],
			['4910 Terms Discount', '15.00', '0.00', 'quickPayDiscount'],
		]);
		expect(e.summary.discount).toBe('55.00');
		expect(e.summary.deductedByType).toEqual({});
	});

	it('a negative payment (Amazon took money back) credits the bank', () => {
		const p = payment('NEG1', [
			{ reference: '5001SC', paid: '-80.00' },
			{ reference: '5002', paid: '30.00' },
		]);
		const e = expectBalanced(journalFor(p).entry, p);
		expect(postings(e)).toEqual([
			['1000 Bank', '0.00', '50.00', 'bank'],
			['4920 Shortage Claims', '80.00', '0.00', 'shortageClaim'],
			['1200 Accounts Receivable', '0.00', '30.00', 'invoicePayment'],
		]);
	});

	it('a payment fully offset by deductions has no bank line and still balances', () => {
		const p = payment('ZERO', [
			{ reference: '6001', paid: '100.00' },
			{ reference: '6001SC', paid: '-100.00' },
		]);
		const e = expectBalanced(journalFor(p).entry, p);
		expect(e.lines.map((l) => l.type)).toEqual(['invoicePayment', 'shortageClaim']);
		expect(e.summary.paid).toBe('0.00');
	});

	it('pads JPY to whole yen and KWD to three decimals without rounding', () => {
		const jpy = { ...payment('JP1', [{ reference: '7001', paid: '125000' }]), currency: 'JPY' };
		const e = expectBalanced(journalFor(jpy).entry, jpy);
		expect(e.lines[0].debit).toBe('125000');
		expect(e.lines[0].credit).toBe('0');
		const kwd = { ...payment('KW1', [{ reference: '7002', paid: '12.5' }]), currency: 'KWD' };
		expect(expectBalanced(journalFor(kwd).entry, kwd).lines[0].debit).toBe('12.500');
	});

	it('granularity type sums postings per account and type', () => {
		const p = payment('G1', [
			{ reference: '1', paid: '100.00' },
			{ reference: '2', paid: '200.00' },
			{ reference: '1SC', paid: '-10.00' },
			{ reference: '2SC', paid: '-5.00' },
		]);
		const e = expectBalanced(journalFor(p, { granularity: 'type' }).entry, p);
		expect(postings(e)).toEqual([
			['1000 Bank', '285.00', '0.00', 'bank'],
			['1200 Accounts Receivable', '0.00', '300.00', 'invoicePayment'],
			['4920 Shortage Claims', '15.00', '0.00', 'shortageClaim'],
		]);
		expect(e.lines[1].memo).toBe('Amazon remittance G1: invoice (2 lines)');
	});
});

describe('buildJournal: exceptions', () => {
	it('a payment that does not add up is held whole with the difference', () => {
		const p = payment(
			'40009999',
			[
				{ reference: '8001', paid: '1000.00' },
				{ reference: '8001SC', paid: '-25.00' },
			],
			'980.00',
		);
		const { entry, exception } = journalFor(p);
		expect(entry).toBeUndefined();
		expect(exception).toMatchObject({
			paymentNumber: '40009999',
			reason: 'doesNotAddUp',
			held: 'payment',
			amount: '980.00',
			linesTotal: '975.00',
			difference: '5.00',
		});
		expect(exception?.message).toBe(
			'Payment 40009999: the lines add up to 975.00 USD but the payment is 980.00 ' +
				'USD (difference 5.00); the whole payment is held',
		);
		expect(exception?.lines.map((l) => [l.reference, l.type, l.paid])).toEqual([
			['8001', 'invoicePayment', '1000.00'],
			['8001SC', 'shortageClaim', '-25.00'],
		]);
	});

	it('a difference within the rounding tolerance goes to the rounding account', () => {
		const p = payment('R1', [{ reference: '8101', paid: '99.99' }], '100.00');
		const e = expectBalanced(journalFor(p, { roundingTolerance: '0.01' }).entry, p);
		expect(postings(e)).toEqual([
			['1000 Bank', '100.00', '0.00', 'bank'],
			['1200 Accounts Receivable', '0.00', '99.99', 'invoicePayment'],
			['8990 Rounding', '0.00', '0.01', 'rounding'],
		]);
		expect(e.summary.rounding).toBe('0.01');
		expect(journalFor(p, { roundingTolerance: '0.005' }).exception?.reason).toBe('doesNotAddUp');
	});

	it('an unknown reference holds the whole payment and is never guessed', () => {
		const p = payment('U1', [
			{ reference: '9001', paid: '500.00' },
			{ reference: 'ZZ-UNKNOWN DEBIT', paid: '-20.00', description: 'Misc adjustment' },
		]);
		const { entry, exception } = journalFor(p);
		expect(entry).toBeUndefined();
		expect(exception).toMatchObject({
			reason: 'unknownLines',
			held: 'payment',
			paymentNumber: 'U1',
			amount: '480.00',
		});
		expect(exception?.lines).toEqual([
			{
				reference: 'ZZ-UNKNOWN DEBIT',
				invoiceNumber: '',
				purchaseOrderNumber: '',
				description: 'Misc adjustment',
				type: '',
				problem: 'unknown',
				gross: '-20.00',
				discount: '0.00',
				paid: '-20.00',
				remaining: '0.00',
				reasonCode: '',
				sourcePosition: 3,
			},
		]);
		expect(exception?.message).toBe(
			'Payment U1: 1 line(s) no rule recognises (ZZ-UNKNOWN DEBIT); the whole payment is held',
		);
	});

	it('postKnown posts the payment and parks the unknown line on suspense (bank = cash)', () => {
		const p = payment('U2', [
			{ reference: '9001', paid: '500.00' },
			{ reference: 'ZZ-UNKNOWN DEBIT', paid: '-20.00' },
		]);
		const { entry, exception } = journalFor(p, { unresolvedLines: 'postKnown' });
		const e = expectBalanced(entry, p);
		expect(postings(e)).toEqual([
			['1000 Bank', '480.00', '0.00', 'bank'],
			['1200 Accounts Receivable', '0.00', '500.00', 'invoicePayment'],
			['1999 Suspense', '20.00', '0.00', 'suspense'],
		]);
		expect(e.summary.heldOnSuspense).toBe('-20.00');
		expect(exception).toMatchObject({ reason: 'unknownLines', held: 'lines' });
		expect(exception?.lines.map((l) => l.reference)).toEqual(['ZZ-UNKNOWN DEBIT']);
	});

	it('a type without an account is held as unmappedType', () => {
		const p = payment('M1', [
			{ reference: '9101', paid: '100.00' },
			{ reference: 'RET-1', paid: '-10.00', reasonCode: '11', kind: 'adjustment' },
		]);
		const { exception } = journalFor(p);
		expect(exception).toMatchObject({ reason: 'unmappedType', held: 'payment' });
		expect(exception?.lines[0]).toMatchObject({
			reference: 'RET-1',
			type: 'returns',
			problem: 'unmapped',
		});
		expect(exception?.message).toBe(
			'Payment M1: type(s) without an account: returns; the whole payment is held',
		);
		const mapped = journalFor(
			p,
			{},
			{ ...ACCOUNTS, byType: { ...ACCOUNTS.byType, returns: '4950 Returns' } },
		);
		expect(postings(expectBalanced(mapped.entry, p))).toContainEqual([
			'4950 Returns',
			'10.00',
			'0.00',
			'returns',
		]);
	});

	it('a line in another currency holds the payment', () => {
		const p = payment('C1', [{ reference: '9201', paid: '10.00', currency: 'EUR' }]);
		const { exception } = journalFor(p);
		expect(exception).toMatchObject({ reason: 'currencyMismatch', held: 'payment' });
		expect(exception?.lines[0].problem).toBe('currency');
	});
});

describe('accounts and options', () => {
	it('falls back from a reversal to its claim account, and quick pay to terms discount', () => {
		expect(accountForType('shortageClaimReversal', ACCOUNTS)).toBe('4920 Shortage Claims');
		expect(accountForType('revisedShortageClaim', ACCOUNTS)).toBe('4920 Shortage Claims');
		expect(accountForType('provisionRelease', ACCOUNTS)).toBe('1250 Amazon Provision');
		expect(accountForType('damageAllowance', ACCOUNTS)).toBe('6100 Co-op');
		expect(accountForType('quickPayDiscount', ACCOUNTS)).toBe('4910 Terms Discount');
		expect(accountForType('invoicePayment', ACCOUNTS)).toBe('1200 Accounts Receivable');
		expect(accountForType('rounding', ACCOUNTS)).toBe('8990 Rounding');
		expect(accountForType('returns', ACCOUNTS)).toBeUndefined();
		expect(accountForType('toString', ACCOUNTS)).toBeUndefined();
	});

	it('refuses missing accounts and postKnown without suspense', () => {
		const cl = classifyPayment(FAMILIES, defaultRules());
		expect(() => buildJournal(FAMILIES, cl, { ...ACCOUNTS, bank: ' ' })).toThrow(
			new JournalConfigError('The bank account is required'),
		);
		expect(() =>
			buildJournal(
				FAMILIES,
				cl,
				{ ...ACCOUNTS, suspense: undefined },
				{ unresolvedLines: 'postKnown' },
			),
		).toThrow('Posting the known part of a payment needs a suspense account for the held lines');
		expect(() =>
			buildJournal(
				FAMILIES,
				cl,
				{ ...ACCOUNTS, rounding: undefined },
				{ roundingTolerance: '0.01' },
			),
		).toThrow('A rounding tolerance needs a rounding account');
	});

	it('journalTotals sums exactly', () => {
		const e = expectBalanced(journalFor(FAMILIES).entry, FAMILIES);
		const totals = journalTotals(e.lines);
		expect(totals.debit.toString()).toBe('3500.00');
		expect(totals.credit.toString()).toBe('3500.00');
	});

	it('balances many lines of awkward cents exactly (no float drift)', () => {
		const lines = [];
		for (let i = 0; i < 300; i++) {
			lines.push({ reference: `${70000 + i}`, paid: '0.10', discount: '0.01' });
			lines.push({ reference: `${70000 + i}SC`, paid: '-0.03' });
		}
		const p = payment('F1', lines);
		const e = expectBalanced(journalFor(p).entry, p);
		expect(e.summary.paid).toBe('21.00');
		expect(e.summary.invoicesSettled).toBe('33.00');
		expect(e.summary.discount).toBe('3.00');
		expect(e.summary.deductedByType).toEqual({ shortageClaim: '9.00' });
		expect(parseDecimal(e.summary.totalDebit).toString()).toBe('33.00');
	});
});
