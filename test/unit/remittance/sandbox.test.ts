/**
 * The simulator's remittance sources (sandbox/amazon/remittance.ts) read by the domain parsers:
 * the Vendor Central CSV export and the Finances Invoices API documents.
 */
import { parseDecimal, toDecimalString } from '../../../nodes/shared/domain/money';
import { classifyPayment } from '../../../nodes/shared/domain/remittance/classify';
import { parseRemittanceCsv } from '../../../nodes/shared/domain/remittance/csv';
import { normaliseFinancesInvoices } from '../../../nodes/shared/domain/remittance/financesApi';
import {
	financeDocuments,
	getInvoice,
	listInvoices,
	normalizePayments,
	paymentTotal,
	remittanceCsv,
	type Payment,
	type PaymentSeed,
} from '../../../sandbox/amazon/remittance';
import { ACCOUNTS, expectBalanced, journalFor, postings } from './helpers';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const US = 'ATVPDKIKX0DER';

function seeded(seed: unknown): Payment[] {
	const { payments, errors } = normalizePayments(seed, { now: NOW });
	expect(errors).toEqual([]);
	return payments;
}

/** What the simulator calls a kind, in the domain's line types. */
const KIND_TO_TYPE: Record<string, string> = {
	invoice: 'invoicePayment',
	shortPaidInvoice: 'invoicePayment',
	quickPayDiscount: 'invoicePayment',
};

describe('the simulator CSV export', () => {
	const payments = seeded('default');

	it.each(['iso', 'us'] as const)(
		'parses remittanceCsv (%s dates): totals, lines and types agree',
		(dateFormat) => {
			const csv = remittanceCsv(payments, undefined, { dateFormat });
			const parsed = parseRemittanceCsv(csv).payments;
			expect(
				parsed.map((p) => [p.paymentNumber, p.paymentDate, toDecimalString(p.amount)]),
			).toEqual(payments.map((p) => [p.paymentNumber, p.paymentDate, paymentTotal(p)]));
			parsed.forEach((p, i) => {
				const source = payments[i];
				expect(p.lines.map((l) => [l.reference, toDecimalString(l.paid), l.invoiceDate])).toEqual(
					source.lines.map((l) => [
						l.invoiceNumber,
						toDecimalString(parseDecimal(l.amountPaid)),
						l.invoiceDate,
					]),
				);
				expect(classifyPayment(p).map((c) => c.type)).toEqual(
					source.lines.map((l) => KIND_TO_TYPE[l.kind] ?? l.kind),
				);
				expectBalanced(journalFor(p).entry, p);
			});
		},
	);

	it('journalises the default payments', () => {
		const [first, second] = parseRemittanceCsv(remittanceCsv(payments)).payments;
		expect(postings(expectBalanced(journalFor(first).entry, first))).toEqual([
			['1000 Bank', '3014.40', '0.00', 'bank'],
			['1200 Accounts Receivable', '0.00', '1250.00', 'invoicePayment'],
			['1200 Accounts Receivable', '0.00', '2000.00', 'invoicePayment'],
			['4910 Terms Discount', '40.00', '0.00', 'termsDiscount'],
			['1200 Accounts Receivable', '0.00', '650.00', 'invoicePayment'],
			['6100 Co-op', '300.00', '0.00', 'coopAgreement'],
			['6150 Chargebacks', '45.60', '0.00', 'chargeback'],
			['1250 Amazon Provision', '500.00', '0.00', 'provisionForReceivables'],
		]);
		const e2 = expectBalanced(journalFor(second).entry, second);
		expect(e2.summary.deductedByType).toEqual({
			shortageClaim: '125.00',
			shortageClaimReversal: '-125.00',
			revisedShortageClaim: '50.00',
			priceClaim: '72.00',
			priceProtection: '210.00',
			provisionRelease: '-500.00',
		});
		expect(e2.summary.paid).toBe(paymentTotal(payments[1]));
	});
});

describe('the simulator Finances Invoices API', () => {
	it('holds both default payments: INV-10001 is named by both (its claims came later)', () => {
		const payments = seeded('default');
		const docs = financeDocuments(payments, { now: NOW });
		const items = Object.fromEntries(docs.map((doc) => [doc.header.invoiceIdentifier, doc.items]));
		const result = normaliseFinancesInvoices(
			docs.map((doc) => doc.header),
			items,
		);
		expect(
			result.skipped
				.filter((k) => k.reason === 'severalPayments')
				.map((k) => [k.invoiceNumber, k.paymentIds]),
		).toEqual([['INV-10001', ['40001234', '40001399']]]);
		expect(result.payments).toEqual([]);
		expect(result.incomplete.map((i) => i.paymentNumber).sort()).toEqual(['40001234', '40001399']);
	});

	it('reads a payment through listInvoices / getInvoice the same as its CSV export', () => {
		const seed: PaymentSeed[] = [
			{
				paymentNumber: '40005555',
				paymentDate: '2026-03-02',
				lines: [
					{
						invoiceNumber: 'INV-1',
						purchaseOrderNumber: 'PO-1',
						invoiceDate: '2026-01-10',
						invoiceAmount: '1250.00',
					} as never,
					{
						invoiceNumber: 'INV-1SC',
						invoiceDate: '2026-02-01',
						invoiceAmount: '-125.00',
						defectTypes: ['SHORTAGES_IN_TRANSIT'],
					} as never,
					{
						invoiceNumber: 'INV-2',
						invoiceDate: '2026-01-12',
						invoiceAmount: '2000.00',
						discountTaken: '40.00',
					} as never,
					{
						invoiceNumber: 'INV-2PC',
						invoiceDate: '2026-02-02',
						invoiceAmount: '-72.00',
						defectTypes: ['DEALBUY'],
					} as never,
					{
						invoiceNumber: '7110-23456789',
						invoiceDate: '2026-02-03',
						invoiceAmount: '-300.00',
						agreementId: '7110',
					} as never,
					{
						invoiceNumber: '83265481VCBSINV',
						invoiceDate: '2026-02-04',
						invoiceAmount: '-45.60',
					} as never,
					{
						invoiceNumber: 'IPAPUS1234567',
						invoiceDate: '2026-02-05',
						invoiceAmount: '-210.00',
						agreementId: 'PPA-2001',
						serviceChargeType: 'PRICE_PROTECTION',
					} as never,
				],
			},
		];
		const payments = seeded(seed);
		const ctx = { now: NOW, pageSize: 3 };

		// paginate getInvoiceHeaders, then getInvoice for the items
		const headers: unknown[] = [];
		let nextToken: string | undefined;
		do {
			const page = listInvoices(
				payments,
				{ marketplaceId: US, ...(nextToken ? { nextToken } : {}) },
				ctx,
			);
			expect(page.status).toBe(200);
			const body = page.body as { invoices: unknown[]; nextToken?: string };
			headers.push(...body.invoices);
			nextToken = body.nextToken;
		} while (nextToken);
		expect(headers).toHaveLength(5);
		const items: Record<string, unknown[]> = {};
		for (const header of headers as Array<{ invoiceIdentifier: string }>) {
			const answer = getInvoice(payments, header.invoiceIdentifier, { marketplaceId: US }, ctx);
			items[header.invoiceIdentifier] = (answer.body as { invoiceItems: unknown[] }).invoiceItems;
		}

		const api = normaliseFinancesInvoices(headers, items);
		expect(api.skipped).toEqual([]);
		expect(api.incomplete).toEqual([]);
		const [fromApi] = api.payments;
		const [fromCsv] = parseRemittanceCsv(remittanceCsv(payments)).payments;
		expect(toDecimalString(fromApi.amount)).toBe('2457.40');
		expect(toDecimalString(fromCsv.amount)).toBe('2457.40');
		expect(fromApi.paymentNumber).toBe('40005555');
		expect(fromApi.paymentDate).toBe('2026-03-02');

		const apiEntry = expectBalanced(journalFor(fromApi).entry, fromApi);
		const csvEntry = expectBalanced(journalFor(fromCsv).entry, fromCsv);
		expect(apiEntry.summary.deductedByType).toEqual(csvEntry.summary.deductedByType);
		expect(apiEntry.summary.deductedByType).toEqual({
			shortageClaim: '125.00',
			priceClaim: '72.00',
			coopAgreement: '300.00',
			chargeback: '45.60',
			priceProtection: '210.00',
		});
		for (const key of ['paid', 'invoicesSettled', 'discount', 'totalDebit'] as const) {
			expect(apiEntry.summary[key]).toBe(csvEntry.summary[key]);
		}
		expect(classifyPayment(fromApi).find((c) => c.type === 'shortageClaim')).toMatchObject({
			invoiceNumber: 'INV-1',
			line: { reference: 'INV-1SC', defectTypes: ['SHORTAGES_IN_TRANSIT'] },
		});
		expect(ACCOUNTS.bank).toBe(apiEntry.lines[0].account);
	});
});
