import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { amazonModelsDir } from '../paths';
import * as D from './decimal';
import {
	classifyInvoiceNumber,
	csvField,
	financeDocuments,
	getInvoice,
	listInvoices,
	normalizePayments,
	paymentTotal,
	REMITTANCE_CSV_HEADERS,
	REMITTANCE_LINE_KINDS,
	remittanceCsv,
	type FinancesContext,
	type Payment,
	type PaymentSeed,
} from './remittance';
import type { InvoiceRecord } from './ruleTypes';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const DAY = 86400000;
const ctx: FinancesContext = { now: NOW };
const US = 'ATVPDKIKX0DER';

function defaults(): Payment[] {
	const { payments, errors } = normalizePayments('default', { now: NOW });
	expect(errors).toEqual([]);
	return payments;
}

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\r' || c === '\n') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

const cents = (n: number) => Math.round(n * 100);

describe('decimal', () => {
	it('is exact where floats are not', () => {
		const total = D.sub(
			D.add(D.mul(D.decFromInt(3), D.dec('19.99')), D.dec('0.10')),
			D.dec('0.05'),
		);
		expect(D.formatDecimal(total, 2)).toBe('60.02');
		expect(0.1 + 0.2).not.toBe(0.3); // what floats would do
		expect(D.formatDecimal(D.add(D.dec('0.1'), D.dec('0.2')))).toBe('0.3');
		expect(D.eq(D.dec('20'), D.dec('20.000'))).toBe(true);
		expect(D.cmp(D.dec('-0.01'), D.ZERO)).toBe(-1);
	});

	it('parses exponents and signs, refuses junk', () => {
		expect(D.formatDecimal(D.dec('1.5E-3'))).toBe('0.0015');
		expect(D.formatDecimal(D.dec('1e2'))).toBe('100');
		expect(D.formatDecimal(D.dec('-12.50'), 2)).toBe('-12.50');
		expect(D.formatDecimal(D.dec('-0.5'), 2)).toBe('-0.50');
		expect(D.parseDecimal('1,5')).toBeUndefined();
		expect(D.parseDecimal('')).toBeUndefined();
		expect(D.parseDecimal('1e999')).toBeUndefined();
		expect(D.toNumber(D.dec('3014.40'))).toBe(3014.4);
	});
});

describe('classifyInvoiceNumber', () => {
	it.each([
		['INV-10001', 'invoice', undefined],
		['INV-10001SC', 'shortageClaim', 'INV-10001'],
		['INV-10001SCR', 'shortageClaimReversal', 'INV-10001'],
		['INV-10001SCRSC', 'revisedShortageClaim', 'INV-10001'],
		['INV-10004PC', 'priceClaim', 'INV-10004'],
		['83265481VCBSINV', 'chargeback', undefined],
		['7110-23456789', 'coopAgreement', undefined],
		['40001234-PROVISION FOR RECEIVABLES', 'provisionForReceivables', undefined],
		['IPAPUS1234567', 'priceProtection', undefined],
	])('%s is %s', (n, kind, base) => {
		expect(classifyInvoiceNumber(n)).toEqual(base ? { kind, baseInvoiceNumber: base } : { kind });
	});
});

describe('payment seed', () => {
	it('"default" covers every line kind and adds up', () => {
		const payments = defaults();
		expect(payments.map((p) => p.paymentNumber)).toEqual(['40001234', '40001399']);
		expect(new Set(payments.flatMap((p) => p.lines.map((l) => l.kind)))).toEqual(
			new Set(REMITTANCE_LINE_KINDS),
		);
		expect(payments[0].paymentDate).toBe('2026-02-03');
		expect(paymentTotal(payments[0])).toBe('3014.40');
		expect(paymentTotal(payments[1])).toBe('3768.00');
		const shortPaid = payments[0].lines.find((l) => l.invoiceNumber === 'INV-10003');
		expect(shortPaid).toMatchObject({
			kind: 'shortPaidInvoice',
			invoiceAmount: '800.00',
			amountPaid: '650.00',
			remainingAmount: '150.00',
		});
	});

	it('no seed means no payments', () => {
		expect(normalizePayments(undefined, { now: NOW })).toEqual({ payments: [], errors: [] });
		expect(normalizePayments([], { now: NOW })).toEqual({ payments: [], errors: [] });
	});

	it('regional defaults (JPY has no minor digits)', () => {
		const { payments, errors } = normalizePayments('default', { now: NOW, region: 'fe' });
		expect(errors).toEqual([]);
		expect(payments[0]).toMatchObject({ currency: 'JPY', marketplaceId: 'A1VC38T7YXB528' });
		expect(payments[0].lines[0].invoiceAmount).toBe('125000');
	});

	it('reports bad seeds with their path', () => {
		const seed = [
			{
				paymentNumber: 'P1',
				paymentDate: '2026-02-30',
				lines: [
					{ invoiceNumber: 'INV-1', invoiceDate: '2026-02-01', invoiceAmount: '10.001' },
					{ invoiceNumber: 'INV-1SC', invoiceDate: '2026-02-01', invoiceAmount: '5.00' },
					{
						invoiceNumber: 'INV-2',
						invoiceDate: '2026-02-01',
						invoiceAmount: '10.00',
						amountPaid: '9.00',
						remainingAmount: '0.50',
					},
					{
						invoiceNumber: 'INV-3',
						invoiceDate: '2026-02-01',
						invoiceAmount: '10.00',
						items: [{ quantity: 3, unitCost: '3.00' }],
					},
					{
						invoiceNumber: 'INV-4PC',
						invoiceDate: '2026-02-01',
						invoiceAmount: '-1.00',
						defectTypes: ['SHORTAGES_IN_TRANSIT'],
					},
				],
			},
		];
		expect(normalizePayments(seed, { now: NOW }).errors).toEqual([
			'payments[0].paymentDate: must be a date (YYYY-MM-DD) or an ISO date-time',
			'payments[0].lines[0].invoiceAmount: "10.001" has more decimals than USD allows (2)',
			'payments[0].lines[1].invoiceAmount: a shortageClaim line must have a negative invoiceAmount, got 5.00',
			'payments[0].lines[2].remainingAmount: invoiceAmount 10.00 must equal ' +
				'discountTaken + amountPaid + remainingAmount (0.00 + 9.00 + 0.50)',
			'payments[0].lines[3].items: quantity × unitCost adds up to 9.00, not the invoiceAmount 10.00',
			"payments[0].lines[4].defectTypes: 'SHORTAGES_IN_TRANSIT' is not a PPV defect type",
		]);
		expect(normalizePayments('everything', { now: NOW }).errors).toEqual([
			'payments: must be "default" or an array of payments',
		]);
	});
});

describe('remittanceCsv', () => {
	const seed: PaymentSeed[] = [
		{
			paymentNumber: '50000001',
			paymentDate: '2026-03-01T18:30:00Z',
			lines: [
				{
					invoiceNumber: 'A-1',
					invoiceDate: '2026-01-15',
					invoiceAmount: '1234.50',
					discountTaken: '24.69',
					purchaseOrderNumber: 'PO000001',
				},
				{
					invoiceNumber: 'A-1SC',
					invoiceDate: '2026-02-10',
					invoiceAmount: -20,
					description: 'Shortage claim, "carrier" short\nsee dispute 7',
				},
				{
					invoiceNumber: '1111-22223333',
					invoiceDate: '2026-02-11',
					invoiceAmount: '-99.99',
					description: ' Co-op; MDF ',
				},
			],
		},
		{
			paymentNumber: '50000002',
			paymentDate: '2026-03-08',
			lines: [
				{
					invoiceNumber: 'A-2',
					invoiceDate: '2026-02-20',
					invoiceAmount: '10.00',
					amountPaid: '4.00',
				},
			],
		},
	];

	it('parses back to the seeded values', () => {
		const { payments, errors } = normalizePayments(seed, { now: NOW });
		expect(errors).toEqual([]);
		const csv = remittanceCsv(payments);
		expect(csv.endsWith('\r\n')).toBe(true);
		const rows = parseCsv(csv);
		expect(rows[0]).toEqual([...REMITTANCE_CSV_HEADERS]);
		expect(rows.slice(1)).toEqual([
			[
				'50000001',
				'2026-03-01',
				'A-1',
				'2026-01-15',
				'Invoice (quick pay discount)',
				'USD',
				'1234.50',
				'24.69',
				'1209.81',
				'0.00',
			],
			[
				'50000001',
				'2026-03-01',
				'A-1SC',
				'2026-02-10',
				'Shortage claim, "carrier" short\nsee dispute 7',
				'USD',
				'-20.00',
				'0.00',
				'-20.00',
				'0.00',
			],
			[
				'50000001',
				'2026-03-01',
				'1111-22223333',
				'2026-02-11',
				' Co-op; MDF ',
				'USD',
				'-99.99',
				'0.00',
				'-99.99',
				'0.00',
			],
			[
				'50000002',
				'2026-03-08',
				'A-2',
				'2026-02-20',
				'Invoice (short paid)',
				'USD',
				'10.00',
				'0.00',
				'4.00',
				'6.00',
			],
		]);
		// every row against the normalised model, header by header
		const header = rows[0];
		const col = (row: string[], name: string) => row[header.indexOf(name)];
		let r = 1;
		for (const p of payments) {
			for (const line of p.lines) {
				const row = rows[r++];
				expect(col(row, 'Payment Number')).toBe(p.paymentNumber);
				expect(col(row, 'Invoice Number')).toBe(line.invoiceNumber);
				expect(col(row, 'Description')).toBe(line.description);
				expect(col(row, 'Invoice Amount')).toBe(line.invoiceAmount);
				expect(col(row, 'Terms Discount Taken')).toBe(line.discountTaken);
				expect(col(row, 'Amount Paid')).toBe(line.amountPaid);
				expect(col(row, 'Remaining Amount')).toBe(line.remainingAmount);
			}
		}
	});

	it('quotes only what needs quoting', () => {
		expect(csvField('plain')).toBe('plain');
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField(' padded')).toBe('" padded"');
		expect(csvField('-20.00')).toBe('-20.00');
	});

	it('selects payments, US dates, extended columns', () => {
		const { payments } = normalizePayments(seed, { now: NOW });
		const rows = parseCsv(
			remittanceCsv(payments, ['50000002'], { dateFormat: 'us', extended: true }),
		);
		expect(rows).toEqual([
			[...REMITTANCE_CSV_HEADERS, 'Purchase Order Number', 'Reference Number'],
			[
				'50000002',
				'03/08/2026',
				'A-2',
				'02/20/2026',
				'Invoice (short paid)',
				'USD',
				'10.00',
				'0.00',
				'4.00',
				'6.00',
				'',
				'A-2',
			],
		]);
		expect(parseCsv(remittanceCsv(payments, ['none']))).toEqual([[...REMITTANCE_CSV_HEADERS]]);
	});

	it('exports the default payments', () => {
		const rows = parseCsv(remittanceCsv(defaults()));
		expect(rows).toHaveLength(1 + 13);
		expect(rows[1]).toEqual([
			'40001234',
			'2026-02-03',
			'INV-10001',
			'2025-12-30',
			'Invoice',
			'USD',
			'1250.00',
			'0.00',
			'1250.00',
			'0.00',
		]);
	});
});

// ---------------------------------------------------------------------------------------------
// Finances Invoices API
// ---------------------------------------------------------------------------------------------

/** Validators for the model's responses, with additionalProperties: false everywhere (exact shape). */
function financesValidator(definition: string) {
	const modelsDir = amazonModelsDir();
	const model = JSON.parse(
		fs.readFileSync(path.join(modelsDir, 'financesInvoices_2026-06-25.json'), 'utf8'),
	);
	for (const def of Object.values<any>(model.definitions)) {
		if (def.type === 'object' && def.properties) def.additionalProperties = false;
	}
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv);
	ajv.addFormat('int32', true);
	ajv.addSchema({ definitions: model.definitions }, 'model');
	return ajv.compile({ $ref: `model#/definitions/${definition}` });
}
const validateList = financesValidator('GetInvoicesResponse');
const validateOne = financesValidator('GetInvoiceResponse');
const validateErrors = financesValidator('ErrorList');

describe('listInvoices', () => {
	it('lists the default payments as invoices in the model shape', () => {
		const answer = listInvoices(defaults(), { marketplaceId: US }, ctx);
		expect(answer.status).toBe(200);
		expect(validateList(answer.body)).toBe(true);
		const body = answer.body as any;
		expect(
			body.invoices.map((h: any) => `${h.invoiceIdentifier} ${h.invoiceType} ${h.invoiceStatus}`),
		).toEqual([
			'INV-10001~VNDPY AP_INVENTORY PAID',
			'INV-10002~VNDPY AP_INVENTORY PAID',
			'INV-10003~VNDPY AP_INVENTORY PARTIALLY_PAID',
			'7110-23456789 OTHER DEDUCTED',
			'83265481VCBSINV OTHER DEDUCTED',
			'INV-10004~VNDPY AP_INVENTORY PAID',
			'IPAPUS1234567 OTHER DEDUCTED',
		]);
		expect(body.numOfRecords).toBe(7);
		expect(body.nextToken).toBeUndefined();
	});

	it('AP invoices: settlement breakdowns add up and related identifiers link claims and payments', () => {
		const body = listInvoices(defaults(), { marketplaceId: US }, ctx).body as any;
		const byNumber = new Map<string, any>(body.invoices.map((h: any) => [h.invoiceNumber, h]));
		const settlement = (h: any) =>
			Object.fromEntries(
				h.invoiceSettlementBreakdowns.map((b: any) => [
					b.breakdownType,
					b.breakdownAmount.currencyAmount,
				]),
			);
		const ids = (h: any) =>
			Object.fromEntries(
				h.relatedIdentifiers.map((r: any) => [r.relatedIdentifierName, r.relatedIdentifierValue]),
			);

		const inv1 = byNumber.get('INV-10001');
		expect(inv1.invoiceAmount).toEqual({ currencyCode: 'USD', currencyAmount: 1250 });
		expect(settlement(inv1)).toEqual({ AmountPaid: 1200, QuantityVarianceAmount: 50 });
		expect(ids(inv1)).toEqual({
			PAYEE_CODE: ['VNDPY'],
			VENDOR_CODE: ['API01'],
			PURCHASE_ORDER_IDS: ['1AB2C3D4'],
			SHORTAGE_INVOICE_IDS: ['INV-10001SC', 'INV-10001SCR', 'INV-10001SCRSC'],
			UNIQUE_PAYMENT_IDS: ['40001234', '40001399'],
		});
		expect(inv1).toMatchObject({
			issueDate: '2025-12-30T00:00:00Z',
			dueDate: '2026-02-28T00:00:00Z',
			paymentTerms: 'NET60',
			lastUpdatedDate: '2026-03-03T00:00:00Z',
			payer: { partnerId: 'AMAZON_US', partnerType: 'AMAZON' },
			payee: { partnerId: 'VG-100001', partnerType: 'VENDOR', partnerEntities: ['VNDPY'] },
		});
		expect(settlement(byNumber.get('INV-10002'))).toEqual({
			AmountPaid: 1960,
			QuickPayDiscount: 40,
		});
		expect(settlement(byNumber.get('INV-10003'))).toEqual({
			AmountPaid: 650,
			QueuedForPayment: 150,
		});
		expect(settlement(byNumber.get('INV-10004'))).toEqual({ AmountPaid: 3528, PriceVariance: 72 });

		for (const h of body.invoices.filter((x: any) => x.invoiceType === 'AP_INVENTORY')) {
			const parts = h.invoiceSettlementBreakdowns.reduce(
				(n: number, b: any) => n + cents(b.breakdownAmount.currencyAmount),
				0,
			);
			expect(parts).toBe(cents(h.invoiceAmount.currencyAmount));
		}
	});

	it('Amazon-billed deductions are OTHER invoices the vendor pays by deduction', () => {
		const body = listInvoices(defaults(), { marketplaceId: US }, ctx).body as any;
		const coop = body.invoices.find((h: any) => h.invoiceNumber === '7110-23456789');
		expect(coop).toMatchObject({
			invoiceType: 'OTHER',
			invoiceStatus: 'DEDUCTED',
			invoiceAmount: { currencyCode: 'USD', currencyAmount: 300 },
			payer: { partnerId: 'VG-100001', partnerType: 'VENDOR' },
			payee: { partnerId: 'AMAZON_US', partnerType: 'AMAZON' },
		});
		expect(coop.relatedIdentifiers).toContainEqual({
			relatedIdentifierName: 'AGREEMENT_IDS',
			relatedIdentifierValue: ['7110'],
		});
		const ppa = body.invoices.find((h: any) => h.invoiceNumber === 'IPAPUS1234567');
		expect(ppa.relatedIdentifiers).toContainEqual({
			relatedIdentifierName: 'AGREEMENT_IDS',
			relatedIdentifierValue: ['PPA-2001'],
		});
		expect(body.invoices.some((h: any) => /PROVISION/.test(h.invoiceNumber))).toBe(false);
	});

	it('pages with nextToken', () => {
		const payments = defaults();
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const answer = listInvoices(
				payments,
				{ marketplaceId: US, nextToken: token },
				{ ...ctx, pageSize: 3 },
			);
			expect(answer.status).toBe(200);
			const body = answer.body as any;
			expect(validateList(body)).toBe(true);
			expect(body.numOfRecords).toBe(body.invoices.length);
			seen.push(...body.invoices.map((h: any) => h.invoiceIdentifier));
			token = body.nextToken;
			pages++;
		} while (token);
		expect(pages).toBe(3);
		expect(seen).toEqual(
			(listInvoices(payments, { marketplaceId: US }, ctx).body as any).invoices.map(
				(h: any) => h.invoiceIdentifier,
			),
		);
	});

	it('refuses a nextToken used with other arguments', () => {
		const first = listInvoices(defaults(), { marketplaceId: US }, { ...ctx, pageSize: 3 })
			.body as any;
		const answer = listInvoices(
			defaults(),
			{
				marketplaceId: US,
				nextToken: first.nextToken,
				invoicesModifiedAfter: '2026-01-01T00:00:00Z',
			},
			{ ...ctx, pageSize: 3 },
		);
		expect(answer).toEqual({
			status: 400,
			body: {
				errors: [
					{
						code: 'InvalidInput',
						message:
							'Invalid nextToken: call again with the same arguments as the call that returned it.',
					},
				],
			},
		});
		expect(listInvoices(defaults(), { marketplaceId: US, nextToken: 'garbage' }, ctx).status).toBe(
			400,
		);
	});

	it('at most 90 days between fromIssueDate and toIssueDate', () => {
		const ok = listInvoices(
			defaults(),
			{
				marketplaceId: US,
				fromIssueDate: '2025-12-10T00:00:00Z',
				toIssueDate: '2026-03-10T00:00:00Z',
			},
			ctx,
		);
		expect(ok.status).toBe(200);
		const tooLong = listInvoices(
			defaults(),
			{
				marketplaceId: US,
				fromIssueDate: '2025-12-09T23:59:59Z',
				toIssueDate: '2026-03-10T00:00:00Z',
			},
			ctx,
		);
		expect(tooLong).toEqual({
			status: 400,
			body: {
				errors: [
					{
						code: 'InvalidInput',
						message: 'The range between fromIssueDate and toIssueDate must not exceed 90 days.',
					},
				],
			},
		});
		expect(validateErrors(tooLong.body)).toBe(true);
	});

	it('filters by issue date and modification date', () => {
		const payments = defaults();
		const window = listInvoices(
			payments,
			{
				marketplaceId: US,
				fromIssueDate: '2026-01-01T00:00:00Z',
				toIssueDate: '2026-02-01T00:00:00Z',
			},
			ctx,
		).body as any;
		expect(window.invoices.map((h: any) => h.invoiceNumber)).toEqual([
			'INV-10002',
			'INV-10003',
			'7110-23456789',
			'83265481VCBSINV',
		]);
		const modified = listInvoices(
			payments,
			{ marketplaceId: US, invoicesModifiedAfter: '2026-02-10T00:00:00Z' },
			ctx,
		).body as any;
		expect(modified.invoices.map((h: any) => h.invoiceNumber)).toEqual([
			'INV-10001',
			'INV-10004',
			'IPAPUS1234567',
		]);
		// default window: the 90 days before now
		const later = listInvoices(
			payments,
			{ marketplaceId: US },
			{ now: new Date(NOW.getTime() + 30 * DAY) },
		).body as any;
		expect(later.invoices.map((h: any) => h.invoiceNumber)).toEqual([
			'INV-10002',
			'INV-10003',
			'7110-23456789',
			'83265481VCBSINV',
			'INV-10004',
			'IPAPUS1234567',
		]);
	});

	it('validates its query', () => {
		const msg = (q: Record<string, string | undefined>) =>
			(listInvoices(defaults(), q, ctx).body as any).errors?.[0]?.message;
		expect(msg({})).toBe('marketplaceId is required.');
		expect(msg({ marketplaceId: US, fromIssueDate: '2026-01-01T00:00:00Z' })).toBe(
			'Either provide both fromIssueDate and toIssueDate or leave both empty.',
		);
		expect(
			msg({ marketplaceId: US, fromIssueDate: 'yesterday', toIssueDate: '2026-01-01T00:00:00Z' }),
		).toBe("fromIssueDate 'yesterday' is not an ISO 8601 date-time.");
		expect(
			msg({
				marketplaceId: US,
				fromIssueDate: '2026-02-01T00:00:00Z',
				toIssueDate: '2026-01-01T00:00:00Z',
			}),
		).toBe('fromIssueDate must not be after toIssueDate.');
		expect(msg({ marketplaceId: US, invoicesModifiedAfter: '01/02/2026' })).toBe(
			"invoicesModifiedAfter '01/02/2026' is not an ISO 8601 date-time.",
		);
		expect(
			(
				listInvoices(defaults(), new URLSearchParams({ marketplaceId: 'A1PA6795UKMFR9' }), ctx)
					.body as any
			).invoices,
		).toEqual([]);
	});

	it('lists submitted invoices not paid yet as IN_PROGRESS', () => {
		const submitted: InvoiceRecord = {
			id: 'INV-2026-0001',
			invoiceType: 'Invoice',
			receivedAt: '2026-03-09T10:00:00.000Z',
			date: '2026-03-09T09:00:00Z',
			currencyCode: 'USD',
			total: '60.02',
			lines: [
				{
					purchaseOrderNumber: 'PO000001',
					itemSequenceNumber: '1',
					eaches: 3,
					invoiceItemSequenceNumber: 1,
					netCost: '19.99',
					amount: '59.97',
				},
			],
			replacesFailed: false,
			invoice: {},
		};
		const c = { ...ctx, submittedInvoices: [submitted] };
		const body = listInvoices(defaults(), { marketplaceId: US }, c).body as any;
		expect(validateList(body)).toBe(true);
		const header = body.invoices.find((h: any) => h.invoiceNumber === 'INV-2026-0001');
		expect(header).toMatchObject({
			invoiceIdentifier: 'INV-2026-0001~VNDPY',
			invoiceStatus: 'IN_PROGRESS',
			invoiceAmount: { currencyCode: 'USD', currencyAmount: 60.02 },
		});
		const one = getInvoice(defaults(), 'INV-2026-0001~VNDPY', { marketplaceId: US }, c);
		expect(validateOne(one.body)).toBe(true);
		expect((one.body as any).invoiceItems[0]).toMatchObject({
			quantity: 3,
			unitCost: { currencyAmount: 19.99 },
			totalAmount: { currencyAmount: 59.97 },
		});
	});
});

describe('getInvoice', () => {
	it('shows line items with PQV variance reasons', () => {
		const answer = getInvoice(defaults(), 'INV-10001~VNDPY', { marketplaceId: US }, ctx);
		expect(answer.status).toBe(200);
		expect(validateOne(answer.body)).toBe(true);
		const body = answer.body as any;
		expect(body.invoiceHeader.invoiceNumber).toBe('INV-10001');
		expect(body.invoiceItems).toEqual([
			{
				lineItemId: 'LI-001',
				unitCost: { currencyCode: 'USD', currencyAmount: 25 },
				quantity: 50,
				totalAmount: { currencyCode: 'USD', currencyAmount: 1250 },
				totalAmountBreakdown: [
					{
						breakdownType: 'ItemCostWithoutTax',
						breakdownAmount: { currencyCode: 'USD', currencyAmount: 1250 },
						breakdowns: [],
					},
				],
				lineItemContext: {
					lineItemType: 'GOODS',
					itemIdentifiers: [
						{ itemIdentifierName: 'ASIN', itemIdentifierValue: 'B0EXAMPLE01' },
						{ itemIdentifierName: 'EXTERNAL_ID', itemIdentifierValue: '0614141000012' },
					],
					itemDescription: 'Widget A',
					matchingContext: {
						matchedQuantity: 48,
						matchedAmount: { currencyCode: 'USD', currencyAmount: 1200 },
						quantityVariance: 2,
						priceVariance: { currencyCode: 'USD', currencyAmount: 0 },
						paidQuantity: 48,
						paidAmount: { currencyCode: 'USD', currencyAmount: 1200 },
						varianceReasons: [{ varianceType: 'PQV', defectTypes: ['SHORTAGES_IN_TRANSIT'] }],
					},
				},
				relatedItemIdentifiers: [
					{ relatedIdentifierName: 'PURCHASE_ORDER_IDS', relatedIdentifierValue: ['1AB2C3D4'] },
				],
			},
		]);
	});

	it('shows PPV variance reasons', () => {
		const body = getInvoice(defaults(), 'INV-10004~VNDPY', { marketplaceId: US }, ctx).body as any;
		expect(body.invoiceItems[0].lineItemContext.matchingContext).toMatchObject({
			matchedQuantity: 120,
			quantityVariance: 0,
			priceVariance: { currencyCode: 'USD', currencyAmount: 72 },
			paidAmount: { currencyCode: 'USD', currencyAmount: 3528 },
			varianceReasons: [{ varianceType: 'PPV', defectTypes: ['DEALBUY'] }],
		});
	});

	it('shows AR deductions with their service charge type', () => {
		const body = getInvoice(defaults(), 'IPAPUS1234567', { marketplaceId: US }, ctx).body as any;
		expect(validateOne(body)).toBe(true);
		expect(body.invoiceItems[0].lineItemContext).toEqual({
			lineItemType: 'SERVICES',
			itemDescription: 'Price protection agreement',
			serviceChargeType: 'PRICE_PROTECTION',
		});
	});

	it('synthesises a line with variance reasons when the seed has no items', () => {
		const seed: PaymentSeed[] = [
			{
				paymentNumber: 'P1',
				paymentDate: '2026-03-01',
				lines: [
					{ invoiceNumber: 'X-1', invoiceDate: '2026-02-01', invoiceAmount: '100.00' },
					{
						invoiceNumber: 'X-1PC',
						invoiceDate: '2026-02-15',
						invoiceAmount: '-4.00',
						defectTypes: ['ROUNDING_ISSUES'],
					},
					{ invoiceNumber: 'Y-9SC', invoiceDate: '2026-02-15', invoiceAmount: '-7.00' },
				],
			},
		];
		const { payments } = normalizePayments(seed, { now: NOW });
		const x1 = getInvoice(payments, 'X-1~VNDPY', { marketplaceId: US }, ctx).body as any;
		expect(validateOne(x1)).toBe(true);
		expect(x1.invoiceItems[0].lineItemContext.matchingContext.varianceReasons).toEqual([
			{ varianceType: 'PPV', defectTypes: ['ROUNDING_ISSUES'] },
		]);
		// a claim whose invoice is in no payment stands alone
		const stray = getInvoice(payments, 'Y-9SC', { marketplaceId: US }, ctx).body as any;
		expect(validateOne(stray)).toBe(true);
		expect(stray.invoiceHeader).toMatchObject({ invoiceType: 'OTHER', invoiceStatus: 'DEDUCTED' });
		expect(stray.invoiceItems[0].lineItemContext.matchingContext.varianceReasons).toEqual([
			{ varianceType: 'PQV', defectTypes: ['OTHER'] },
		]);
	});

	it('pages line items with nextTokenForLineItems', () => {
		const seed: PaymentSeed[] = [
			{
				paymentNumber: 'P1',
				paymentDate: '2026-03-01',
				lines: [
					{
						invoiceNumber: 'M-1',
						invoiceDate: '2026-02-01',
						invoiceAmount: '6.00',
						items: [
							{ asin: 'B01', quantity: 1, unitCost: '1.00' },
							{ asin: 'B02', quantity: 1, unitCost: '2.00' },
							{ asin: 'B03', quantity: 1, unitCost: '3.00' },
						],
					},
				],
			},
		];
		const { payments } = normalizePayments(seed, { now: NOW });
		const c = { ...ctx, lineItemPageSize: 2 };
		const first = getInvoice(payments, 'M-1~VNDPY', { marketplaceId: US }, c).body as any;
		expect(first.invoiceItems.map((i: any) => i.lineItemId)).toEqual(['LI-001', 'LI-002']);
		const second = getInvoice(
			payments,
			'M-1~VNDPY',
			{ marketplaceId: US, nextTokenForLineItems: first.nextTokenForLineItems },
			c,
		).body as any;
		expect(second.invoiceItems.map((i: any) => i.lineItemId)).toEqual(['LI-003']);
		expect(second.nextTokenForLineItems).toBeUndefined();
	});

	it('answers 404 for unknown invoices and 400 without marketplaceId', () => {
		expect(getInvoice(defaults(), 'NOPE~VNDPY', { marketplaceId: US }, ctx)).toEqual({
			status: 404,
			body: {
				errors: [
					{
						code: 'NotFound',
						message: `Invoice 'NOPE~VNDPY' was not found in marketplace '${US}'.`,
					},
				],
			},
		});
		expect(getInvoice(defaults(), 'INV-10001~VNDPY', {}, ctx)).toEqual({
			status: 400,
			body: { errors: [{ code: 'InvalidInput', message: 'marketplaceId is required.' }] },
		});
	});

	it('financeDocuments is deterministic', () => {
		expect(financeDocuments(defaults(), ctx)).toEqual(financeDocuments(defaults(), ctx));
	});
});
