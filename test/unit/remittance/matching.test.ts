import { classifyPayment } from '../../../nodes/shared/domain/remittance/classify';
import { buildJournal } from '../../../nodes/shared/domain/remittance/journal';
import { indexOpenDocuments, matchPayment } from '../../../nodes/shared/domain/remittance/matching';
import {
	DEFAULT_POSTED_LIMIT,
	paymentKey,
	readPostedKeys,
	rememberPosted,
	splitByPosted,
} from '../../../nodes/shared/domain/remittance/idempotence';
import { ACCOUNTS, expectBalanced, payment } from './helpers';

/** The ERP's open invoices (second input), as items of a previous node. */
const OPEN_INVOICES = [
	{
		invoiceNumber: 'INV-10001',
		purchaseOrderNumber: '1AB2C3D4',
		amount: '1250.00',
		customer: 'Amazon',
	},
	{ invoiceNumber: 'INV-10003', purchaseOrderNumber: '3CD4E5F6', amount: 800 },
	{ invoiceNumber: 'INV-10004', purchaseOrderNumber: '4DE5F6G7', amount: '3,600.00' },
	{ purchaseOrderNumber: '5EF6G7H8', amount: '99.00' }, // an order not invoiced yet
	{ invoiceNumber: 'INV-20001', purchaseOrderNumber: 'DUP-PO' },
	{ invoiceNumber: 'INV-20002', purchaseOrderNumber: 'DUP-PO' },
	{ note: 'no keys' },
];

const PAYMENT = payment(
	'40001399',
	[
		{
			reference: 'INV-10003',
			paid: '650.00',
			gross: '800.00',
			remaining: '150.00',
			invoiceDate: '2024-01-05',
		},
		{ reference: 'INV-10004', paid: '3600.00' },
		{ reference: 'INV-10004PC', paid: '-72.00', invoiceDate: '2024-02-10' },
		{ reference: 'inv-10001sc', paid: '-125.00', invoiceDate: '2024-02-15' },
		{ reference: 'X-1', paid: '99.00', purchaseOrderNumber: '5EF6G7H8' },
		{ reference: 'INV-99999', paid: '10.00' },
		{ reference: 'INV-88888', paid: '10.00', purchaseOrderNumber: 'DUP-PO' },
		{ reference: '83265481VCBSINV', paid: '-45.60', invoiceDate: '2024-02-20' },
	],
	undefined,
	'2024-03-01',
);

describe('matchPayment', () => {
	const index = indexOpenDocuments(OPEN_INVOICES);
	const classified = classifyPayment(PAYMENT);
	const result = matchPayment(PAYMENT, classified, index, { today: '2024-03-20' });

	it('indexes documents by invoice and PO, reading amounts exactly', () => {
		expect(index.size).toBe(6);
		expect(index.byInvoice.get('INV-10004')?.amount).toBe('3600.00');
		expect(index.byInvoice.get('INV-10003')?.amount).toBe('800');
	});

	it('reports a short-paid invoice with its PO and a dispute window', () => {
		expect(result.lines[0]).toMatchObject({
			reference: 'INV-10003',
			type: 'invoicePayment',
			invoiceNumber: 'INV-10003',
			purchaseOrderNumber: '3CD4E5F6',
			matchedBy: 'invoiceNumber',
			shortPaid: { expected: '800.00', settled: '650.00', shortBy: '150.00' },
			dispute: { claimDate: '2024-03-01', deadline: '2024-03-31', open: true },
		});
		expect(result.lines[0].document?.record).toBe(OPEN_INVOICES[1]);
	});

	it('nets a price claim against its invoice: short by the claim', () => {
		expect(result.lines[1]).toMatchObject({
			invoiceNumber: 'INV-10004',
			shortPaid: { expected: '3600.00', settled: '3528.00', shortBy: '72.00' },
		});
		expect(result.lines[2]).toMatchObject({
			reference: 'INV-10004PC',
			type: 'priceClaim',
			invoiceNumber: 'INV-10004',
			purchaseOrderNumber: '4DE5F6G7',
			matchedBy: 'invoiceNumber',
			dispute: { claimDate: '2024-02-10', deadline: '2024-03-11', open: false },
		});
	});

	it('carries the original invoice on a shortage claim paid in a later remittance', () => {
		expect(result.lines[3]).toMatchObject({
			reference: 'inv-10001sc',
			type: 'shortageClaim',
			invoiceNumber: 'inv-10001',
			purchaseOrderNumber: '1AB2C3D4',
			matchedBy: 'invoiceNumber',
			dispute: { claimDate: '2024-02-15', deadline: '2024-03-16', open: false },
		});
		expect(result.lines[3].shortPaid).toBeUndefined();
	});

	it('matches by PO when there is no invoice match, and lists unmatched references', () => {
		expect(result.lines[4]).toMatchObject({
			matchedBy: 'purchaseOrderNumber',
			purchaseOrderNumber: '5EF6G7H8',
			invoiceNumber: 'X-1',
		});
		expect(result.unmatched).toEqual([
			{
				lineIndex: 5,
				reference: 'INV-99999',
				type: 'invoicePayment',
				invoiceNumber: 'INV-99999',
				purchaseOrderNumber: '',
				reason: 'notFound',
			},
			{
				lineIndex: 6,
				reference: 'INV-88888',
				type: 'invoicePayment',
				invoiceNumber: 'INV-88888',
				purchaseOrderNumber: 'DUP-PO',
				reason: 'ambiguousPurchaseOrder',
			},
		]);
	});

	it('gives a chargeback a dispute window but no invoice to match', () => {
		expect(result.lines[7]).toMatchObject({
			type: 'chargeback',
			matchedBy: 'none',
			invoiceNumber: '',
			dispute: { claimDate: '2024-02-20', deadline: '2024-03-21', open: true },
		});
	});

	it('feeds the matched PO numbers into a balanced journal', () => {
		const { entry } = buildJournal(PAYMENT, result.classified, ACCOUNTS);
		const e = expectBalanced(entry, PAYMENT);
		expect(e.lines.find((l) => l.reference === 'inv-10001sc')).toMatchObject({
			invoiceNumber: 'inv-10001',
			purchaseOrderNumber: '1AB2C3D4',
			debit: '125.00',
		});
		expect(e.lines.find((l) => l.reference === 'INV-10003')).toMatchObject({
			purchaseOrderNumber: '3CD4E5F6',
			credit: '650.00',
		});
	});

	it('uses the source remaining amount when there is no document, and custom field names', () => {
		const alone = matchPayment(PAYMENT, classified, indexOpenDocuments([]));
		expect(alone.lines[0].shortPaid).toEqual({
			expected: '800.00',
			settled: '650.00',
			shortBy: '150.00',
		});
		expect(alone.lines[0].dispute).toEqual({ claimDate: '2024-03-01', deadline: '2024-03-31' });
		const custom = indexOpenDocuments(
			[{ doc: { no: 'INV-10003' }, po: '3CD4E5F6', open: '(1.00)' }],
			{
				invoiceNumber: 'doc.no',
				purchaseOrderNumber: 'po',
				amount: 'open',
			},
		);
		expect(custom.byInvoice.get('INV-10003')).toMatchObject({
			invoiceNumber: 'INV-10003',
			amount: '-1.00',
		});
		expect(() => matchPayment(PAYMENT, classified, custom, { disputeWindowDays: -1 })).toThrow(
			RangeError,
		);
	});
});

describe('idempotence', () => {
	const payments = [
		payment('40001234', [{ reference: '1', paid: '1' }]),
		payment('40001399', [{ reference: '2', paid: '2' }]),
		payment(' 40001234 ', [{ reference: '3', paid: '3' }]),
	];

	it('keys on the payment number, trimmed and upper-cased', () => {
		expect(paymentKey(' abc-1 ')).toBe('ABC-1');
	});

	it('skips payments already posted and duplicates within the run', () => {
		const split = splitByPosted(payments, ['40001399']);
		expect(split.toPost.map((p) => p.paymentNumber)).toEqual(['40001234']);
		expect(split.alreadyPosted.map((p) => p.paymentNumber)).toEqual(['40001399']);
		expect(split.duplicates.map((p) => p.paymentNumber)).toEqual([' 40001234 ']);
	});

	it('reads posted keys from lists, text and items', () => {
		expect(readPostedKeys(['1', 2, { paymentNumber: 'x3' }, null, '1'])).toEqual(['1', '2', 'X3']);
		expect(readPostedKeys('40001234, 40001399\n40001400')).toEqual([
			'40001234',
			'40001399',
			'40001400',
		]);
		expect(readPostedKeys(undefined)).toEqual([]);
	});

	it('remembers a bounded list, newest last', () => {
		expect(rememberPosted(['A', 'B', 'C'], ['B', 'D'], 3)).toEqual(['C', 'B', 'D']);
		expect(rememberPosted([], ['x'])).toEqual(['X']);
		const many = Array.from({ length: DEFAULT_POSTED_LIMIT + 10 }, (_, i) => `P${i}`);
		const kept = rememberPosted(many, ['NEW']);
		expect(kept).toHaveLength(DEFAULT_POSTED_LIMIT);
		expect(kept[kept.length - 1]).toBe('NEW');
		expect(kept[0]).toBe('P11');
		expect(() => rememberPosted([], [], 0)).toThrow(RangeError);
	});
});
