import { classifyPayment } from '../../../nodes/shared/domain/remittance/classify';
import {
	financesInvoiceWindows,
	invoiceNeedsItems,
	invoicesFromPages,
	normaliseFinancesInvoices,
} from '../../../nodes/shared/domain/remittance/financesApi';
import { RemittanceFormatError } from '../../../nodes/shared/domain/remittance/types';
import { d, expectBalanced, journalFor, postings, s } from './helpers';

const usd = (currencyAmount: number) => ({ currencyCode: 'USD', currencyAmount });
const breakdown = (breakdownType: string, currencyAmount: number) => ({
	breakdownType,
	breakdownAmount: usd(currencyAmount),
	breakdowns: [],
});
const related = (relatedIdentifierName: string, ...values: string[]) => ({
	relatedIdentifierName,
	relatedIdentifierValue: values,
});
const AMAZON = { partnerId: 'AMAZON_US', partnerType: 'AMAZON', partnerName: 'Amazon' };
const VENDOR = { partnerId: 'VG-100001', partnerType: 'VENDOR', partnerName: 'Acme Widgets' };

function apInvoice(
	invoiceNumber: string,
	amount: number,
	settlement: Array<[string, number]>,
	ids: object[],
	extra: object = {},
) {
	return {
		invoiceNumber,
		invoiceIdentifier: `${invoiceNumber}~VNDPY`,
		invoiceStatus: 'PAID',
		invoiceType: 'AP_INVENTORY',
		payer: AMAZON,
		payee: VENDOR,
		issueDate: '2024-01-10T00:00:00Z',
		dueDate: '2024-03-10T00:00:00Z',
		paymentTerms: 'NET60',
		invoiceAmount: usd(amount),
		invoiceSettlementBreakdowns: settlement.map(([type, value]) => breakdown(type, value)),
		relatedIdentifiers: ids,
		creationDate: '2024-01-10T00:00:00Z',
		lastUpdatedDate: '2024-03-11T08:00:00Z',
		...extra,
	};
}

function arInvoice(
	invoiceNumber: string,
	amount: number,
	settlement: Array<[string, number]>,
	ids: object[],
	status = 'DEDUCTED',
) {
	return {
		invoiceNumber,
		invoiceIdentifier: invoiceNumber,
		invoiceStatus: status,
		invoiceType: 'OTHER',
		payer: VENDOR,
		payee: AMAZON,
		issueDate: '2024-02-01T00:00:00Z',
		invoiceAmount: usd(amount),
		invoiceSettlementBreakdowns: settlement.map(([type, value]) => breakdown(type, value)),
		relatedIdentifiers: ids,
		creationDate: '2024-02-01T00:00:00Z',
		lastUpdatedDate: '2024-03-10T08:00:00Z',
	};
}

/** One getInvoiceHeaders answer split over three pages (the second empty, as the model allows). */
const PAGES = [
	{
		invoices: [
			apInvoice(
				'INV-3001',
				1000,
				[
					['AmountPaid', 955.5],
					['QuickPayDiscount', -20],
					['QuantityVarianceAmount', -20],
					['PriceVariance', -4.5],
				],
				[
					related('PURCHASE_ORDER_IDS', '1AB2C3D4'),
					related('SHORTAGE_INVOICE_IDS', 'INV-3001SC'),
					related('UNIQUE_PAYMENT_IDS', 'PMT-1'),
				],
			),
			apInvoice(
				'INV-3002',
				2000,
				[['AmountPaid', 2000]],
				[related('PURCHASE_ORDER_IDS', 'PO-A', 'PO-B'), related('UNIQUE_PAYMENT_IDS', 'PMT-1')],
			),
		],
		numOfRecords: 2,
		nextToken: '2',
	},
	{ invoices: [], numOfRecords: 0, nextToken: '3' },
	{
		invoices: [
			arInvoice(
				'7110-00000001',
				150,
				[['AmountPaid', 150]],
				[related('AGREEMENT_IDS', '7110'), related('UNIQUE_PAYMENT_IDS', 'PMT-1')],
			),
			arInvoice('DA-2024-01', 75.25, [], [related('UNIQUE_PAYMENT_IDS', 'PMT-1')]),
			apInvoice('INV-3003', 500, [['QueuedForPayment', 500]], [], { invoiceStatus: 'IN_PROGRESS' }),
			apInvoice(
				'INV-3004',
				300,
				[['AmountPaid', 300]],
				[related('UNIQUE_PAYMENT_IDS', 'PMT-2', 'PMT-3')],
				{ invoiceStatus: 'PAID' },
			),
			apInvoice('INV-3005', 120, [['AmountPaid', 120]], [related('UNIQUE_PAYMENT_IDS', 'PMT-3')]),
		],
		numOfRecords: 5,
	},
];

/** getInvoice items (all pages), keyed by invoiceIdentifier. */
const ITEMS = {
	'INV-3001~VNDPY': [
		{
			lineItemId: 'LI-001',
			totalAmount: usd(1000),
			lineItemContext: {
				lineItemType: 'GOODS',
				matchingContext: {
					matchedQuantity: 38,
					matchedAmount: usd(950),
					varianceReasons: [
						{ varianceType: 'PQV', defectTypes: ['SHORTAGES_IN_TRANSIT'] },
						{ varianceType: 'PPV', defectTypes: ['DEALBUY'] },
					],
				},
			},
		},
	],
	'DA-2024-01': [
		{
			lineItemId: 'LI-001',
			totalAmount: usd(75.25),
			lineItemContext: { lineItemType: 'SERVICES', serviceChargeType: 'DAMAGE_ALLOWANCE' },
		},
	],
};

describe('normaliseFinancesInvoices', () => {
	const result = normaliseFinancesInvoices(invoicesFromPages(PAGES), ITEMS);

	it('groups invoices by UNIQUE_PAYMENT_IDS into a payment whose amount is the cash', () => {
		expect(result.payments).toHaveLength(1);
		const [p] = result.payments;
		expect(p).toMatchObject({
			paymentNumber: 'PMT-1',
			paymentDate: '2024-03-11',
			currency: 'USD',
			amountFrom: 'sumOfLines',
			source: 'finances-api',
		});
		expect(s(p.amount)).toBe('2730.25');
		expect(
			p.lines.map((l) => [
				l.reference,
				l.invoiceNumber,
				s(l.gross),
				s(l.discount),
				s(l.paid),
				s(l.remaining),
				l.varianceType,
				l.defectTypes,
			]),
		).toEqual([
			['INV-3001', 'INV-3001', '1000.00', '20.00', '980.00', '0.00', undefined, undefined],
			['INV-3001SC', 'INV-3001', '-20.00', '0', '-20.00', '0', 'PQV', ['SHORTAGES_IN_TRANSIT']],
			['INV-3001:PPV', 'INV-3001', '-4.50', '0', '-4.50', '0', 'PPV', ['DEALBUY']],
			['INV-3002', 'INV-3002', '2000.00', '0', '2000.00', '0.00', undefined, undefined],
			['7110-00000001', undefined, '-150.00', '0', '-150.00', '0.00', undefined, undefined],
			['DA-2024-01', undefined, '-75.25', '0', '-75.25', '0.00', undefined, undefined],
		]);
		expect(p.lines[0]).toMatchObject({
			purchaseOrderNumber: '1AB2C3D4',
			invoiceDate: '2024-01-10',
			currency: 'USD',
			kind: 'document',
			sourcePosition: 1,
		});
		expect(p.lines[3].purchaseOrderNumber).toBe('PO-A,PO-B');
		expect(p.lines[4]).toMatchObject({ agreementNumber: '7110' });
		expect(p.lines[5]).toMatchObject({ serviceChargeType: 'DAMAGE_ALLOWANCE' });
	});

	it('classifies by variance type and journalises, balanced', () => {
		const [p] = result.payments;
		expect(classifyPayment(p).map((c) => c.type)).toEqual([
			'invoicePayment',
			'shortageClaim',
			'priceClaim',
			'invoicePayment',
			'coopAgreement',
			'damageAllowance',
		]);
		const e = expectBalanced(journalFor(p).entry, p);
		expect(postings(e)).toEqual([
			['1000 Bank', '2730.25', '0.00', 'bank'],
			['1200 Accounts Receivable', '0.00', '1000.00', 'invoicePayment'],
			['4910 Terms Discount', '20.00', '0.00', 'termsDiscount'],
			['4920 Shortage Claims', '20.00', '0.00', 'shortageClaim'],
			['4930 Price Claims', '4.50', '0.00', 'priceClaim'],
			['1200 Accounts Receivable', '0.00', '2000.00', 'invoicePayment'],
			['6100 Co-op', '150.00', '0.00', 'coopAgreement'],
			['6100 Co-op', '75.25', '0.00', 'damageAllowance'],
		]);
		expect(e.summary.totalDebit).toBe('3000.00');
	});

	it('skips unpaid and split invoices and holds the payments they name', () => {
		expect(result.skipped.map((k) => [k.invoiceNumber, k.reason, k.paymentIds])).toEqual([
			['INV-3003', 'notInPayment', []],
			['INV-3004', 'severalPayments', ['PMT-2', 'PMT-3']],
		]);
		expect(
			result.incomplete.map((i) => [i.paymentNumber, i.invoices, i.payment?.lines.length]),
		).toEqual([
			['PMT-3', ['INV-3004'], 1],
			['PMT-2', ['INV-3004'], undefined],
		]);
		expect(result.incomplete[0].message).toBe(
			'Payment PMT-3 is held: invoice(s) INV-3004 name it but cannot be read into it ' +
				'(see skipped), so its amount is not known',
		);
		expect(result.warnings).toEqual([]);
	});

	it('says which invoices need getInvoice items', () => {
		const invoices = invoicesFromPages(PAGES);
		expect(invoices.map(invoiceNeedsItems)).toEqual([true, false, true, true, false, false, false]);
	});

	it('reads the model example (getInvoice) with its JSON numbers, warning about its inconsistency', () => {
		// financesInvoices_2026-06-25.json, GetInvoiceResponse example header (numbers as in the model)
		const header = {
			invoiceNumber: 'INV-202505001',
			invoiceIdentifier: 'INV-202505001~ABCDEF',
			invoiceStatus: 'IN_PROGRESS',
			invoiceType: 'AP_INVENTORY',
			payee: { partnerId: 'PAY123456', partnerType: 'VENDOR', partnerName: 'Example Vendor' },
			payer: { partnerId: 'AMAZON_US', partnerType: 'AMAZON', partnerName: 'Amazon' },
			issueDate: '2025-06-18T14:30:00Z',
			dueDate: '2025-07-18T14:30:00Z',
			paymentTerms: 'NET30',
			invoiceAmount: usd(540.0),
			invoiceSettlementBreakdowns: [
				breakdown('AmountPaid', 530.0),
				breakdown('QuickPayDiscount', -5.0),
				breakdown('PriceVariance', -10.0),
				breakdown('QueuedForPayment', 25.0),
			],
			relatedIdentifiers: [
				related('PURCHASE_ORDER_IDS', 'PO123456'),
				related('UNIQUE_PAYMENT_IDS', 'PMT-98765'),
				related('VENDOR_CODE', 'VC-001'),
			],
			creationDate: '2025-06-18T14:30:00Z',
			lastUpdatedDate: '2025-09-27T09:00:00Z',
		};
		const items = {
			'INV-202505001~ABCDEF': [
				{
					lineItemId: 'LI-001',
					totalAmount: usd(540.0),
					lineItemContext: {
						lineItemType: 'GOODS',
						matchingContext: {
							matchedQuantity: 8,
							matchedAmount: usd(400.0),
							varianceReasons: [
								{ varianceType: 'PQV', defectTypes: ['SHORTAGES_IN_TRANSIT'] },
								{ varianceType: 'PPV', defectTypes: ['PRODUCT_COST_NOT_ACTIVE'] },
							],
						},
					},
				},
			],
		};
		const { payments, warnings } = normaliseFinancesInvoices([header], items);
		const [p] = payments;
		expect(p.paymentNumber).toBe('PMT-98765');
		expect(p.paymentDate).toBe('2025-09-27');
		expect(s(p.amount)).toBe('530.00');
		expect(p.lines[1]).toMatchObject({
			reference: 'INV-202505001:PPV',
			varianceType: 'PPV',
			defectTypes: ['PRODUCT_COST_NOT_ACTIVE'],
		});
		expect(warnings).toEqual([
			'Finances API invoice 1 (INV-202505001): the settlement (paid 540.00 + ' +
				'discount 5.00) exceeds the invoice amount 540.00 USD',
		]);
		expectBalanced(journalFor(p).entry, p);
	});

	it('converts float artefacts and reports them, with the payment date option', () => {
		const invoice = apInvoice(
			'INV-F',
			0.30000000000000004,
			[['AmountPaid', 0.1 + 0.2]],
			[related('UNIQUE_PAYMENT_IDS', 'PMT-F')],
		);
		const { payments, warnings } = normaliseFinancesInvoices(
			[invoice],
			{},
			{ paymentDate: 'dueDate' },
		);
		expect(s(payments[0].amount)).toBe('0.30');
		expect(payments[0].paymentDate).toBe('2024-03-10');
		expect(warnings).toHaveLength(2);
		expect(warnings[0]).toBe(
			'Finances API invoice 1 (INV-F), invoiceAmount: 0.30000000000000004 USD has ' +
				"more digits than the currency's 2 minor units; rounded half up to 0.30",
		);
	});

	it('a deducted Amazon invoice with a negative AmountPaid gives money back', () => {
		const reversal = arInvoice(
			'INV-9SCR',
			125,
			[['AmountPaid', -125]],
			[related('UNIQUE_PAYMENT_IDS', 'PMT-R')],
		);
		const [p] = normaliseFinancesInvoices([reversal]).payments;
		expect(s(p.lines[0].paid)).toBe('125.00');
		expect(classifyPayment(p)[0]).toMatchObject({
			type: 'shortageClaimReversal',
			invoiceNumber: 'INV-9',
		});
		expectBalanced(journalFor(p).entry, p);
	});

	it('refuses structurally broken answers naming the invoice', () => {
		const bad = apInvoice(
			'INV-B',
			10,
			[['AmountPaid', 'ten' as never]],
			[related('UNIQUE_PAYMENT_IDS', 'P')],
		);
		expect(() => normaliseFinancesInvoices([bad])).toThrow(RemittanceFormatError);
		expect(() => normaliseFinancesInvoices([bad])).toThrow(
			'Finances API invoice 1 (INV-B), invoiceSettlementBreakdowns[0] ' +
				'(AmountPaid).currencyAmount: Invalid decimal amount "ten": expected a decimal ' +
				'such as "12.50", "-3" or "1.5E2"',
		);
		expect(() => normaliseFinancesInvoices([{ invoiceStatus: 'PAID' }])).toThrow(
			'Finances API invoice 1: invoiceNumber is missing',
		);
		const nothing = apInvoice(
			'INV-N',
			10,
			[['AmountPaid', null as never]],
			[related('UNIQUE_PAYMENT_IDS', 'P')],
		);
		expect(() => normaliseFinancesInvoices([nothing])).toThrow(
			'Finances API invoice 1 (INV-N), invoiceSettlementBreakdowns[0] ' +
				'(AmountPaid).currencyAmount: Invalid amount null: expected a number',
		);
		const euro = apInvoice('INV-E', 10, [['AmountPaid', 10]], [related('UNIQUE_PAYMENT_IDS', 'P')]);
		euro.invoiceSettlementBreakdowns[0].breakdownAmount.currencyCode = 'EUR';
		expect(() => normaliseFinancesInvoices([euro])).toThrow(
			'currencyCode: EUR differs from the invoice currency USD',
		);
		expect(() => invoicesFromPages([{ invoices: 'x' }])).toThrow(
			'Finances API page 1: invoices is not a list',
		);
	});

	it('splits a date range into 90-day windows', () => {
		expect(financesInvoiceWindows('2024-01-01T00:00:00Z', '2024-06-01T00:00:00Z')).toEqual([
			{ after: '2024-01-01T00:00:00.000Z', before: '2024-03-31T00:00:00.000Z' },
			{ after: '2024-03-31T00:00:00.000Z', before: '2024-06-01T00:00:00.000Z' },
		]);
	});
});

describe('a shortage claim and its reversal, each its own document', () => {
	const shortageIds = (invoice: string, ...suffixes: string[]) =>
		related('SHORTAGE_INVOICE_IDS', ...suffixes.map((x) => `${invoice}${x}`));

	it('posts the claim and the reversal as two lines when the invoice gives an amount per document', () => {
		// Model signs (withheld negative): the claim of 125.00 and its reversal cancel, the cash is the whole invoice.
		const invoice = apInvoice(
			'INV-7001',
			1000,
			[
				['AmountPaid', 1000],
				['QuantityVarianceAmount', -125],
				['QuantityVarianceAmount', 125],
			],
			[shortageIds('INV-7001', 'SC', 'SCR'), related('UNIQUE_PAYMENT_IDS', 'PMT-7')],
		);
		const { payments, warnings } = normaliseFinancesInvoices([invoice]);
		const [p] = payments;
		expect(warnings).toEqual([]);
		expect(s(p.amount)).toBe('1000.00');
		expect(
			p.lines.map((l) => [
				l.reference,
				l.invoiceNumber,
				s(l.gross),
				s(l.paid),
				l.varianceType,
				l.kind,
				l.description,
			]),
		).toEqual([
			['INV-7001', 'INV-7001', '1000.00', '1000.00', undefined, 'document', 'AP_INVENTORY PAID'],
			[
				'INV-7001SC',
				'INV-7001',
				'-125.00',
				'-125.00',
				'PQV',
				'adjustment',
				'Quantity variance (PQV)',
			],
			[
				'INV-7001SCR',
				'INV-7001',
				'125.00',
				'125.00',
				'PQV',
				'adjustment',
				'Quantity variance given back (PQV)',
			],
		]);
		expect(classifyPayment(p).map((c) => [c.type, c.invoiceNumber])).toEqual([
			['invoicePayment', 'INV-7001'],
			['shortageClaim', 'INV-7001'],
			['shortageClaimReversal', 'INV-7001'],
		]);
		const e = expectBalanced(journalFor(p).entry, p);
		expect(postings(e)).toEqual([
			['1000 Bank', '1000.00', '0.00', 'bank'],
			['1200 Accounts Receivable', '0.00', '1000.00', 'invoicePayment'],
			['4920 Shortage Claims', '125.00', '0.00', 'shortageClaim'],
			['4920 Shortage Claims', '0.00', '125.00', 'shortageClaimReversal'],
		]);
		expect(e.summary.deductedByType).toEqual({
			shortageClaim: '125.00',
			shortageClaimReversal: '-125.00',
		});
	});

	it(
		'reads sub-breakdowns of one QuantityVarianceAmount per document, with a ' +
			'revised claim and positive signs',
		() => {
			// The sandbox's signs (withheld positive): net 50.00 withheld, made of 125.00 claimed,
			// 125.00 given back, 50.00 claimed again.
			const invoice = apInvoice(
				'INV-7002',
				1250,
				[['AmountPaid', 1200]],
				[shortageIds('INV-7002', 'SC', 'SCR', 'SCRSC'), related('UNIQUE_PAYMENT_IDS', 'PMT-8')],
			);
			invoice.invoiceSettlementBreakdowns.push({
				breakdownType: 'QuantityVarianceAmount',
				breakdownAmount: usd(50),
				breakdowns: [
					breakdown('QuantityVarianceAmount', 125),
					breakdown('QuantityVarianceAmount', -125),
					breakdown('QuantityVarianceAmount', 50),
				] as never[],
			});
			const items = {
				'INV-7002~VNDPY': [
					{
						lineItemId: 'LI-001',
						totalAmount: usd(1250),
						lineItemContext: {
							lineItemType: 'GOODS',
							matchingContext: {
								matchedQuantity: 48,
								matchedAmount: usd(1200),
								varianceReasons: [{ varianceType: 'PQV', defectTypes: ['SHORTAGES_IN_TRANSIT'] }],
							},
						},
					},
				],
			};
			expect(invoiceNeedsItems(invoice)).toBe(true);
			const { payments, warnings } = normaliseFinancesInvoices([invoice], items);
			const [p] = payments;
			expect(warnings).toEqual([]);
			expect(s(p.amount)).toBe('1200.00');
			expect(p.lines.map((l) => [l.reference, s(l.paid), l.defectTypes])).toEqual([
				['INV-7002', '1250.00', undefined],
				['INV-7002SC', '-125.00', ['SHORTAGES_IN_TRANSIT']],
				['INV-7002SCR', '125.00', undefined],
				['INV-7002SCRSC', '-50.00', ['SHORTAGES_IN_TRANSIT']],
			]);
			expect(classifyPayment(p).map((c) => c.type)).toEqual([
				'invoicePayment',
				'shortageClaim',
				'shortageClaimReversal',
				'revisedShortageClaim',
			]);
			const e = expectBalanced(journalFor(p).entry, p);
			expect(postings(e)).toEqual([
				['1000 Bank', '1200.00', '0.00', 'bank'],
				['1200 Accounts Receivable', '0.00', '1250.00', 'invoicePayment'],
				['4920 Shortage Claims', '125.00', '0.00', 'shortageClaim'],
				['4920 Shortage Claims', '0.00', '125.00', 'shortageClaimReversal'],
				['4920 Shortage Claims', '50.00', '0.00', 'revisedShortageClaim'],
			]);
			expect(e.summary.deductionsTotal).toBe('50.00');
		},
	);

	it('keeps one net line, with a warning, when the amounts cannot be paired with the documents', () => {
		const twoForThree = apInvoice(
			'INV-7003',
			1000,
			[
				['AmountPaid', 950],
				['QuantityVarianceAmount', -125],
				['QuantityVarianceAmount', 75],
			],
			[shortageIds('INV-7003', 'SC', 'SCR', 'SCRSC'), related('UNIQUE_PAYMENT_IDS', 'PMT-9')],
		);
		const oneForTwo = apInvoice(
			'INV-7004',
			500,
			[
				['AmountPaid', 450],
				['QuantityVarianceAmount', -50],
			],
			[shortageIds('INV-7004', 'SC', 'SCR'), related('UNIQUE_PAYMENT_IDS', 'PMT-9')],
		);
		const netZero = apInvoice(
			'INV-7005',
			300,
			[
				['AmountPaid', 300],
				['QuantityVarianceAmount', 0],
			],
			[shortageIds('INV-7005', 'SC', 'SCR'), related('UNIQUE_PAYMENT_IDS', 'PMT-9')],
		);
		const { payments, warnings } = normaliseFinancesInvoices([twoForThree, oneForTwo, netZero]);
		const [p] = payments;
		expect(p.lines.map((l) => [l.reference, s(l.paid)])).toEqual([
			['INV-7003', '1000.00'],
			['INV-7003:PQV', '-50.00'],
			['INV-7004', '500.00'],
			['INV-7004:PQV', '-50.00'],
			['INV-7005', '300.00'],
		]);
		expect(warnings).toEqual([
			'Finances API invoice 1 (INV-7003): 2 QuantityVarianceAmount amounts for 3 ' +
				'shortage document(s) (INV-7003SC, INV-7003SCR, INV-7003SCRSC); posted as one ' +
				'net quantity variance line',
			'Finances API invoice 2 (INV-7004): one QuantityVarianceAmount for 2 shortage ' +
				'documents (INV-7004SC, INV-7004SCR); posted as one net quantity variance line',
			'Finances API invoice 3 (INV-7005): one QuantityVarianceAmount for 2 shortage ' +
				'documents (INV-7005SC, INV-7005SCR); their net is 0, so no quantity variance ' +
				'line is posted',
		]);
		expectBalanced(journalFor(p).entry, p);
	});
});

describe('amount conversion for the API is exact', () => {
	it('keeps cents exact through many invoices', () => {
		const invoices = Array.from({ length: 100 }, (_, i) =>
			apInvoice(`INV-${i}`, 0.1, [['AmountPaid', 0.1]], [related('UNIQUE_PAYMENT_IDS', 'PMT-C')]),
		);
		const [p] = normaliseFinancesInvoices(invoices).payments;
		expect(p.amount).toEqual(d('10.00'));
		expectBalanced(journalFor(p).entry, p);
	});
});
