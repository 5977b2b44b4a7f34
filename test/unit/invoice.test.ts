import { readFileSync } from 'fs';
import { join } from 'path';
import {
	buildInvoice,
	checkInvoice,
	type BuildInvoiceInput,
	type InvoiceLineSource,
} from '../../nodes/shared/domain/invoice';
import {
	SubmitInvoicesRequestSchema,
	type Invoice,
} from '../../nodes/shared/generated/vendorInvoices';

const NOW = '2026-03-12T12:00:00Z';

function lines(): InvoiceLineSource[] {
	return [
		{
			purchaseOrderNumber: '2JK3S9VC',
			itemSequenceNumber: '1',
			amazonProductIdentifier: 'B07MUG0001',
			vendorProductIdentifier: '0036000291452',
			unitOfMeasure: 'Cases',
			unitSize: 12,
			shippedQuantity: 7,
			acknowledgedNetCost: { currencyCode: 'USD', amount: '2.50' },
		},
		{
			purchaseOrderNumber: '2JK3S9VC',
			itemSequenceNumber: '2',
			amazonProductIdentifier: 'B07TEE0002',
			vendorProductIdentifier: 'TEE-ID',
			unitOfMeasure: 'Eaches',
			unitSize: 1,
			shippedQuantity: 10,
			acknowledgedNetCost: { currencyCode: 'USD', amount: '4.00' },
		},
	];
}

function input(overrides: Partial<BuildInvoiceInput> = {}): BuildInvoiceInput {
	return {
		id: 'INV-1001',
		date: '2026-03-12T09:00:00Z',
		currencyCode: 'usd',
		remitToParty: {
			partyId: 'VNDR1',
			address: {
				name: 'Vendor Inc',
				addressLine1: '5 Dock Rd',
				city: 'Sparks',
				postalCode: '89431',
				countryCode: 'us',
			},
		},
		billToParty: { partyId: 'TES1' },
		paymentTerms: { type: 'Basic', discountPercent: '2', discountDueDays: 10, netDueDays: 60 },
		lines: lines(),
		charges: [{ type: 'Freight', description: 'Freight', amount: '15.00' }],
		allowances: [{ type: 'Discount', amount: '5.00' }],
		...overrides,
	};
}

describe('buildInvoice', () => {
	it('builds the official body from shipped quantities and acknowledged costs', () => {
		const out = buildInvoice(input(), { usedInvoiceNumbers: ['INV-1000'], now: NOW });
		expect(out.mismatches).toEqual([]);
		expect(out.ok).toBe(true);
		expect(SubmitInvoicesRequestSchema.safeParse(out.request).success).toBe(true);
		expect(out.invoice).toEqual({
			invoiceType: 'Invoice',
			id: 'INV-1001',
			date: '2026-03-12T09:00:00Z',
			remitToParty: {
				partyId: 'VNDR1',
				address: {
					name: 'Vendor Inc',
					addressLine1: '5 Dock Rd',
					countryCode: 'US',
					city: 'Sparks',
					postalOrZipCode: '89431',
				},
			},
			billToParty: { partyId: 'TES1' },
			paymentTerms: { type: 'Basic', discountPercent: '2', discountDueDays: 10, netDueDays: 60 },
			invoiceTotal: { currencyCode: 'USD', amount: '260.00' },
			chargeDetails: [
				{
					type: 'Freight',
					description: 'Freight',
					chargeAmount: { currencyCode: 'USD', amount: '15.00' },
				},
			],
			allowanceDetails: [
				{ type: 'Discount', allowanceAmount: { currencyCode: 'USD', amount: '5.00' } },
			],
			items: [
				{
					itemSequenceNumber: 1,
					amazonProductIdentifier: 'B07MUG0001',
					vendorProductIdentifier: '0036000291452',
					invoicedQuantity: { amount: 7, unitOfMeasure: 'Cases', unitSize: 12 },
					netCost: { currencyCode: 'USD', amount: '2.50' },
					purchaseOrderNumber: '2JK3S9VC',
				},
				{
					itemSequenceNumber: 2,
					amazonProductIdentifier: 'B07TEE0002',
					vendorProductIdentifier: 'TEE-ID',
					invoicedQuantity: { amount: 10, unitOfMeasure: 'Eaches' },
					netCost: { currencyCode: 'USD', amount: '4.00' },
					purchaseOrderNumber: '2JK3S9VC',
				},
			],
		});
		expect(out.figures).toEqual({
			currencyCode: 'USD',
			items: '250.00',
			charges: '15.00',
			allowances: '5.00',
			tax: '0',
			total: '260.00',
			acknowledgedValueOfShipped: '250.00',
		});
		expect(out.lineMap).toEqual([
			{
				itemSequenceNumber: 1,
				purchaseOrderNumber: '2JK3S9VC',
				purchaseOrderItemSequenceNumber: '1',
				invoicedQuantity: 7,
				invoicedEaches: 84,
				lineAmount: '210.00',
			},
			{
				itemSequenceNumber: 2,
				purchaseOrderNumber: '2JK3S9VC',
				purchaseOrderItemSequenceNumber: '2',
				invoicedQuantity: 10,
				invoicedEaches: 10,
				lineAmount: '40.00',
			},
		]);
	});

	it('computes taxes per line, adds them up to the header and into the total', () => {
		const out = buildInvoice(input({ taxes: [{ taxType: 'VAT', taxRate: '20' }] }), { now: NOW });
		expect(out.mismatches).toEqual([]);
		const inv = out.invoice!;
		expect(inv.items!.map((i) => i.taxDetails)).toEqual([
			[
				{
					taxType: 'VAT',
					taxRate: '20',
					taxAmount: { currencyCode: 'USD', amount: '42.00' },
					taxableAmount: { currencyCode: 'USD', amount: '210.00' },
				},
			],
			[
				{
					taxType: 'VAT',
					taxRate: '20',
					taxAmount: { currencyCode: 'USD', amount: '8.00' },
					taxableAmount: { currencyCode: 'USD', amount: '40.00' },
				},
			],
		]);
		expect(inv.taxDetails).toEqual([
			{
				taxType: 'VAT',
				taxRate: '20',
				taxAmount: { currencyCode: 'USD', amount: '50.00' },
				taxableAmount: { currencyCode: 'USD', amount: '250.00' },
			},
		]);
		expect(inv.chargeDetails![0].taxDetails![0].taxAmount.amount).toBe('3.00');
		expect(inv.allowanceDetails![0].taxDetails![0].taxAmount.amount).toBe('1.00');
		// 250 + 15 - 5 + 50 (items) + 3 (freight) - 1 (discount)
		expect(inv.invoiceTotal).toEqual({ currencyCode: 'USD', amount: '312.00' });
		expect(out.figures!.tax).toBe('52.00');
	});

	it('rounds each tax half up to minor units and keeps the sum exact', () => {
		const out = buildInvoice(
			input({
				charges: [],
				allowances: [],
				taxes: [{ taxType: 'VAT', taxRate: '7.5' }],
				lines: [
					{
						...lines()[1],
						shippedQuantity: 3,
						acknowledgedNetCost: { currencyCode: 'USD', amount: '1.99' },
					},
				],
			}),
			{ now: NOW },
		);
		// 5.97 x 7.5 % = 0.44775 -> 0.45
		expect(out.invoice!.items![0].taxDetails![0].taxAmount.amount).toBe('0.45');
		expect(out.invoice!.invoiceTotal.amount).toBe('6.42');
		expect(out.ok).toBe(true);
	});

	it('invoices only what shipped and was not invoiced yet', () => {
		const rest = buildInvoice(
			input({
				lines: [{ ...lines()[0], alreadyInvoicedQuantity: 4 }],
				charges: [],
				allowances: [],
			}),
			{ now: NOW },
		);
		expect(rest.invoice!.items![0].invoicedQuantity).toEqual({
			amount: 3,
			unitOfMeasure: 'Cases',
			unitSize: 12,
		});
		expect(rest.invoice!.invoiceTotal.amount).toBe('90.00');

		const over = buildInvoice(input({ lines: [{ ...lines()[0], quantity: 8 }] }), { now: NOW });
		expect(over.ok).toBe(false);
		expect(over.mismatches).toEqual([
			expect.objectContaining({
				code: 'QUANTITY_ABOVE_SHIPPED',
				path: 'items[0].invoicedQuantity',
				expected: 84,
				actual: 96,
				message:
					'items[0]: invoicing 96 eaches but 84 shipped and not yet invoiced (shipped 84, already invoiced 0)',
			}),
		]);
	});

	it('refuses a unit cost other than the acknowledged one', () => {
		const out = buildInvoice(input({ lines: [{ ...lines()[0], unitCost: '2.60' }, lines()[1]] }), {
			now: NOW,
		});
		expect(out.mismatches).toEqual([
			expect.objectContaining({
				code: 'UNIT_COST_MISMATCH',
				path: 'items[0].netCost.amount',
				expected: '2.50',
				actual: '2.60',
				message: 'items[0]: unit cost 2.60 USD differs from the acknowledged 2.50 USD',
			}),
		]);
		// Equal amounts written differently are equal.
		expect(
			buildInvoice(input({ lines: [{ ...lines()[0], unitCost: '2.5000' }] }), { now: NOW }).ok,
		).toBe(true);
	});

	it('never reuses an invoice number, except to resend a failed one', () => {
		const reused = buildInvoice(input(), {
			usedInvoiceNumbers: ['INV-1000', 'INV-1001'],
			now: NOW,
		});
		expect(reused.mismatches.map((m) => m.code)).toEqual(['INVOICE_NUMBER_REUSED']);
		expect(
			buildInvoice(input(), {
				usedInvoiceNumbers: ['INV-1001'],
				resendOfFailedInvoice: true,
				now: NOW,
			}).ok,
		).toBe(true);
	});

	it('compares with the ERP total, side by side', () => {
		const out = buildInvoice(input({ expectedTotal: '265.00' }), { now: NOW });
		expect(out.mismatches).toEqual([
			expect.objectContaining({
				code: 'EXPECTED_TOTAL_MISMATCH',
				expected: '265.00',
				actual: '260.00',
				details: expect.objectContaining({
					items: '250.00',
					charges: '15.00',
					allowances: '5.00',
					difference: '-5.00',
				}),
			}),
		]);
	});

	it('numbers items sequentially when several POs share line numbers', () => {
		const other: InvoiceLineSource = {
			...lines()[1],
			purchaseOrderNumber: '3TRD2IAB',
			itemSequenceNumber: '00002',
		};
		const out = buildInvoice(input({ lines: [...lines(), other] }), { now: NOW });
		expect(out.ok).toBe(true);
		expect(out.invoice!.items!.map((i) => [i.itemSequenceNumber, i.purchaseOrderNumber])).toEqual([
			[1, '2JK3S9VC'],
			[2, '2JK3S9VC'],
			[3, '3TRD2IAB'],
		]);
		expect(
			buildInvoice(input({ lines: [{ ...lines()[0], itemSequenceNumber: '00007' }] }), { now: NOW })
				.invoice!.items![0].itemSequenceNumber,
		).toBe(7);
		expect(
			buildInvoice(input({ lines: [...lines(), other] }), {
				itemNumbering: 'purchaseOrderLine',
				now: NOW,
			}).mismatches[0].code,
		).toBe('INVALID_INPUT');
	});

	it('prices weight-priced lines by the shipped weight', () => {
		const out = buildInvoice(
			input({
				charges: [],
				allowances: [],
				lines: [
					{
						...lines()[0],
						netCostUnitOfMeasure: 'POUNDS',
						totalWeight: '120.5',
						acknowledgedNetCost: { currencyCode: 'USD', amount: '3.10' },
					},
				],
			}),
			{ now: NOW },
		);
		expect(out.ok).toBe(true);
		expect(out.invoice!.items![0]).toMatchObject({
			invoicedQuantity: {
				amount: 7,
				unitOfMeasure: 'Cases',
				unitSize: 12,
				totalWeight: { unitOfMeasure: 'POUNDS', amount: '120.5' },
			},
			netCostUnitOfMeasure: 'POUNDS',
		});
		expect(out.invoice!.invoiceTotal.amount).toBe('373.55');
	});

	it('reports bad input instead of building', () => {
		expect(buildInvoice(input({ lines: [] })).mismatches.map((m) => m.code)).toEqual([
			'INVALID_INPUT',
		]);
		expect(buildInvoice(input({ currencyCode: 'dollars' })).mismatches[0].message).toContain(
			'Invalid currency code',
		);
		const zero = buildInvoice(
			input({
				lines: [{ ...lines()[0], acknowledgedNetCost: { currencyCode: 'USD', amount: '0' } }],
			}),
			{ now: NOW },
		);
		expect(zero.mismatches[0]).toMatchObject({
			code: 'INVALID_INPUT',
			path: 'lines[0].acknowledgedNetCost.amount',
		});
	});
});

describe('checkInvoice', () => {
	const body = (): Invoice => ({
		invoiceType: 'Invoice',
		id: 'ERP-77',
		date: '2026-03-12T09:00:00Z',
		remitToParty: { partyId: 'VNDR1' },
		invoiceTotal: { currencyCode: 'USD', amount: '260.00' },
		chargeDetails: [{ type: 'Freight', chargeAmount: { currencyCode: 'USD', amount: '15.00' } }],
		allowanceDetails: [
			{ type: 'Discount', allowanceAmount: { currencyCode: 'USD', amount: '5.00' } },
		],
		items: [
			{
				itemSequenceNumber: 1,
				amazonProductIdentifier: 'B07MUG0001',
				invoicedQuantity: { amount: 7, unitOfMeasure: 'Cases', unitSize: 12 },
				netCost: { currencyCode: 'USD', amount: '2.50' },
				purchaseOrderNumber: '2JK3S9VC',
			},
			{
				itemSequenceNumber: 2,
				amazonProductIdentifier: 'B07TEE0002',
				invoicedQuantity: { amount: 10, unitOfMeasure: 'Eaches' },
				netCost: { currencyCode: 'USD', amount: '4.00' },
				purchaseOrderNumber: '2JK3S9VC',
			},
		],
	});
	const context = {
		now: NOW,
		shipped: [
			{ purchaseOrderNumber: '2JK3S9VC', amazonProductIdentifier: 'B07MUG0001', shippedEaches: 84 },
			{ purchaseOrderNumber: '2JK3S9VC', amazonProductIdentifier: 'B07TEE0002', shippedEaches: 10 },
		],
		acknowledged: [
			{
				purchaseOrderNumber: '2JK3S9VC',
				amazonProductIdentifier: 'B07MUG0001',
				netCost: { currencyCode: 'USD', amount: '2.50' },
			},
			{
				purchaseOrderNumber: '2JK3S9VC',
				amazonProductIdentifier: 'B07TEE0002',
				netCost: { currencyCode: 'USD', amount: '4' },
			},
		],
		usedInvoiceNumbers: ['ERP-76'],
	};

	it('accepts a consistent ERP invoice', () => {
		expect(checkInvoice(body(), context)).toEqual([]);
	});

	it('puts every mismatch side by side', () => {
		const inv = body();
		inv.invoiceTotal.amount = '262.00';
		inv.items![0].invoicedQuantity.amount = 8;
		inv.items![1].netCost.amount = '4.10';
		inv.id = 'ERP-76';
		const out = checkInvoice(inv, context);
		expect(out.map((m) => m.code)).toEqual([
			'INVOICE_NUMBER_REUSED',
			'QUANTITY_ABOVE_SHIPPED',
			'UNIT_COST_MISMATCH',
			'TOTAL_MISMATCH',
		]);
		expect(out[3]).toEqual({
			code: 'TOTAL_MISMATCH',
			message:
				'Invoice total 262.00 differs from items 281.00 + charges 15.00 - allowances 5.00 + tax 0 = 291.00',
			path: 'invoiceTotal.amount',
			expected: '291.00',
			actual: '262.00',
			details: {
				items: '281.00',
				charges: '15.00',
				allowances: '5.00',
				tax: '0',
				itemTax: '0',
				chargeTax: '0',
				difference: '-29.00',
			},
		});
		expect(out[1]).toMatchObject({ expected: 84, actual: 96 });
		expect(out[2]).toMatchObject({ expected: '4', actual: '4.10' });
	});

	it('finds lines that did not ship, a zero total and missing PO numbers', () => {
		const inv = body();
		inv.items!.push({
			itemSequenceNumber: 3,
			amazonProductIdentifier: 'B07CAP0003',
			invoicedQuantity: { amount: 1, unitOfMeasure: 'Eaches' },
			netCost: { currencyCode: 'USD', amount: '1.00' },
		});
		inv.invoiceTotal.amount = '261.00';
		expect(checkInvoice(inv, context).map((m) => m.code)).toEqual([
			'PURCHASE_ORDER_NUMBER_MISSING',
			'LINE_NOT_SHIPPED',
			'LINE_NOT_ACKNOWLEDGED',
		]);
		const zero: Invoice = {
			invoiceType: 'Invoice',
			id: 'Z',
			date: '2026-03-12T09:00:00Z',
			remitToParty: { partyId: 'V' },
			invoiceTotal: { currencyCode: 'USD', amount: '0.00' },
		};
		expect(checkInvoice(zero, { now: NOW }).map((m) => m.code)).toEqual(['ZERO_TOTAL']);
	});

	it("adds up Amazon's own example invoice the same way (taxes included)", () => {
		const model = JSON.parse(
			readFileSync(join(__dirname, '../../schemas/amazon/vendorInvoices.json'), 'utf8'),
		);
		const example = model.paths['/vendor/payments/v1/invoices'].post.parameters[0].schema.example
			.payload.invoices[0] as Invoice;
		const out = checkInvoice(example, { now: NOW });
		// The total matches (items 218866.43 + freight 1200.00 + item taxes 39395.96 + freight taxes 216.00);
		// Amazon's line taxes are per unit, so they do not add up to its header taxes.
		expect(out.map((m) => m.code)).toEqual(['TAX_MISMATCH']);
	});
});
