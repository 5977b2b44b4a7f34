import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { amazonModelsDir } from '../paths';
import * as D from './decimal';
import { checkInvoices, expectedInvoiceTotal, type InvoicesEffects } from './invoices';
import type { AmazonRecordsView, PurchaseOrderView, Region, StoredInvoice } from './ruleTypes';
import type { Order } from './types';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const HOUR = 3600 * 1000;

interface FakeRecords {
	now: Date;
	region: Region;
	orders: Map<string, PurchaseOrderView>;
	/** Shipped eaches per "PO|line". */
	shipped: Map<string, number>;
	invoices: Map<string, StoredInvoice>;
}

function makeView(db: FakeRecords): AmazonRecordsView {
	return {
		get region() {
			return db.region;
		},
		now: () => db.now,
		getOrder: (po) => db.orders.get(po),
		findShipmentConfirmations: () => [],
		ssccUses: () => [],
		shippedEaches: (po, line) => db.shipped.get(`${po}|${line}`) ?? 0,
		findTransportShipments: () => [],
		findInvoice: (id) => db.invoices.get(id),
		invoicedEaches: (po, line) =>
			[...db.invoices.values()]
				.filter((s) => s.status !== 'Failure' && s.record)
				.flatMap((s) => s.record?.lines ?? [])
				.filter((l) => l.purchaseOrderNumber === po && l.itemSequenceNumber === line)
				.reduce((n, l) => n + l.eaches, 0),
	};
}

/** Records a successful submitInvoices the way the server should. */
function record(
	db: FakeRecords,
	effects: InvoicesEffects,
	status: StoredInvoice['status'] = 'Success',
): void {
	for (const invoice of effects.invoices) db.invoices.set(invoice.id, { status, record: invoice });
}

function order(
	po: string,
	acknowledged: boolean,
	lines: Array<{ seq: string; asin: string; vendor: string; cost: string; weightUnit?: string }>,
): PurchaseOrderView {
	const o: Order = {
		purchaseOrderNumber: po,
		purchaseOrderState: acknowledged ? 'Acknowledged' : 'New',
		orderDetails: {
			purchaseOrderDate: '2026-03-01T10:00:00Z',
			purchaseOrderStateChangedDate: '2026-03-02T10:00:00Z',
			sellingParty: { partyId: 'API01' },
			shipToParty: { partyId: 'ABE2' },
			items: lines.map((l) => ({
				itemSequenceNumber: l.seq,
				amazonProductIdentifier: l.asin,
				vendorProductIdentifier: l.vendor,
				orderedQuantity: { amount: 24, unitOfMeasure: 'Eaches', unitSize: 1 },
				isBackOrderAllowed: false,
				netCost: { currencyCode: 'USD', amount: l.cost },
			})),
		},
	};
	return {
		purchaseOrderNumber: po,
		order: o,
		acknowledged,
		lines: lines.map((l) => ({
			itemSequenceNumber: l.seq,
			amazonProductIdentifier: l.asin,
			vendorProductIdentifier: l.vendor,
			orderedEaches: 24,
			acceptedEaches: 24,
			acknowledgedNetCost: {
				currencyCode: 'USD',
				amount: l.cost,
				...(l.weightUnit ? { unitOfMeasure: l.weightUnit } : {}),
			},
			netCost: { currencyCode: 'USD', amount: l.cost },
		})),
	};
}

function freshDb(region: Region = 'na'): FakeRecords {
	return {
		now: NOW,
		region,
		orders: new Map([
			[
				'PO000001',
				order('PO000001', true, [
					{ seq: '1', asin: 'B0ASIN0001', vendor: 'SKU-1', cost: '19.99' },
					{ seq: '2', asin: 'B0ASIN0002', vendor: 'SKU-2', cost: '0.10' },
					{ seq: '3', asin: 'B0ASIN0003', vendor: 'SKU-3', cost: '0.20' },
					{ seq: '4', asin: 'B0CHEESE01', vendor: 'CHEESE', cost: '4.25', weightUnit: 'POUNDS' },
				]),
			],
			[
				'PO000002',
				order('PO000002', false, [
					{ seq: '1', asin: 'B0ASIN0001', vendor: 'SKU-1', cost: '19.99' },
				]),
			],
		]),
		shipped: new Map([
			['PO000001|1', 24],
			['PO000001|2', 10],
			['PO000001|3', 10],
			['PO000001|4', 10],
		]),
		invoices: new Map(),
	};
}

const party = (partyId: string) => ({
	partyId,
	address: {
		name: partyId,
		addressLine1: '1 Main St',
		city: 'Seattle',
		stateOrRegion: 'WA',
		postalOrZipCode: '98101',
		countryCode: 'US',
	},
});

/** 3 × 19.99 + 0.10 freight − 0.05 allowance = 60.02 */
function baseInvoice(): any {
	return {
		invoiceType: 'Invoice',
		id: 'INV-2026-0001',
		date: new Date(NOW.getTime() - HOUR).toISOString(),
		remitToParty: party('API01'),
		billToParty: party('AMAZON'),
		invoiceTotal: { currencyCode: 'USD', amount: '60.02' },
		chargeDetails: [{ type: 'Freight', chargeAmount: { currencyCode: 'USD', amount: '0.10' } }],
		allowanceDetails: [
			{ type: 'Discount', allowanceAmount: { currencyCode: 'USD', amount: '0.05' } },
		],
		items: [
			{
				itemSequenceNumber: 1,
				amazonProductIdentifier: 'B0ASIN0001',
				vendorProductIdentifier: 'SKU-1',
				invoicedQuantity: { amount: 3, unitOfMeasure: 'Eaches' },
				netCost: { currencyCode: 'USD', amount: '19.99' },
				purchaseOrderNumber: 'PO000001',
			},
		],
	};
}

const body = (...invoices: any[]) => ({ invoices });

describe('fixtures', () => {
	it('the base invoice is valid against vendorInvoices.json', () => {
		const modelsDir = amazonModelsDir();
		const model = JSON.parse(fs.readFileSync(path.join(modelsDir, 'vendorInvoices.json'), 'utf8'));
		const ajv = new Ajv({ strict: false, allErrors: true });
		addFormats(ajv);
		ajv.addSchema({ definitions: model.definitions }, 'model');
		const validate = ajv.compile({ $ref: 'model#/definitions/SubmitInvoicesRequest' });
		expect(validate(body(baseInvoice()))).toBe(true);
	});
});

describe('checkInvoices', () => {
	let db: FakeRecords;
	let view: AmazonRecordsView;
	beforeEach(() => {
		db = freshDb();
		view = makeView(db);
	});
	const messages = (b: unknown) => checkInvoices(b, view).errors.map((e) => e.message);

	it('accepts a valid invoice and describes what to record', () => {
		const result = checkInvoices(body(baseInvoice()), view);
		expect(result.errors).toEqual([]);
		expect(result.effects.invoices).toEqual([
			{
				id: 'INV-2026-0001',
				invoiceType: 'Invoice',
				receivedAt: NOW.toISOString(),
				date: new Date(NOW.getTime() - HOUR).toISOString(),
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
				invoice: baseInvoice(),
			},
		]);
	});

	it('refuses a body without invoices', () => {
		expect(messages({ invoices: [] })).toEqual(['invoices: must contain at least one invoice']);
	});

	describe('total', () => {
		it('is compared exactly: 3 × 19.99 + 0.10 − 0.05 = 60.02, not 60.03', () => {
			const inv = baseInvoice();
			inv.invoiceTotal.amount = '60.03';
			const result = checkInvoices(body(inv), view);
			expect(result.errors).toEqual([
				{
					code: 'InvalidInput',
					message:
						'invoices[0].invoiceTotal.amount: 60.03 does not equal the items plus charges minus allowances: 60.02',
					details: 'items 59.97, charges 0.10, allowances 0.05, taxes 0.00',
				},
			]);
			expect(result.effects).toEqual({ invoices: [] });
		});

		it('uses exact decimals (0.1 + 0.2 = 0.3) and accepts equal values written differently', () => {
			const inv = baseInvoice();
			inv.items = [
				{
					itemSequenceNumber: 1,
					amazonProductIdentifier: 'B0ASIN0002',
					invoicedQuantity: { amount: 1, unitOfMeasure: 'Eaches' },
					netCost: { currencyCode: 'USD', amount: '0.1' },
					purchaseOrderNumber: 'PO000001',
				},
				{
					itemSequenceNumber: 2,
					amazonProductIdentifier: 'B0ASIN0003',
					invoicedQuantity: { amount: 1, unitOfMeasure: 'Eaches' },
					netCost: { currencyCode: 'USD', amount: '0.20' },
					purchaseOrderNumber: 'PO000001',
				},
			];
			delete inv.chargeDetails;
			delete inv.allowanceDetails;
			inv.invoiceTotal.amount = '0.3';
			expect(messages(body(inv))).toEqual([]);
			inv.invoiceTotal.amount = '0.300';
			expect(messages(body(inv))).toEqual([]);
			inv.invoiceTotal.amount = '0.30000000000000004';
			expect(messages(body(inv))).toEqual([
				'invoices[0].invoiceTotal.amount: 0.30000000000000004 does not equal the items plus charges minus allowances: 0.30',
			]);
		});

		it('counts Cases × unitSize eaches', () => {
			const inv = baseInvoice();
			inv.items[0].invoicedQuantity = { amount: 2, unitOfMeasure: 'Cases', unitSize: 12 };
			inv.invoiceTotal.amount = '479.81'; // 24 × 19.99 + 0.10 − 0.05
			expect(messages(body(inv))).toEqual([]);
		});

		it('includes header taxes and the taxes of charges and allowances', () => {
			const inv = baseInvoice();
			inv.taxDetails = [
				{ taxType: 'VAT', taxRate: '10', taxAmount: { currencyCode: 'USD', amount: '6.00' } },
			];
			inv.chargeDetails[0].taxDetails = [
				{ taxType: 'VAT', taxAmount: { currencyCode: 'USD', amount: '0.01' } },
			];
			inv.invoiceTotal.amount = '66.03';
			expect(messages(body(inv))).toEqual([]);
			inv.invoiceTotal.amount = '60.02';
			expect(messages(body(inv))).toEqual([
				'invoices[0].invoiceTotal.amount: 60.02 does not equal the items plus charges minus allowances plus taxes: 66.03',
			]);
		});

		it('is not zero', () => {
			const inv = baseInvoice();
			inv.invoiceTotal.amount = '0.00';
			expect(messages(body(inv))).toEqual([
				'invoices[0].invoiceTotal.amount: an invoice total of zero is not accepted',
			]);
		});

		it('item-level charges itemise the header ones (not added twice)', () => {
			const inv = baseInvoice();
			inv.items[0].chargeDetails = [
				{ type: 'Freight', chargeAmount: { currencyCode: 'USD', amount: '0.10' } },
			];
			expect(messages(body(inv))).toEqual([]);
		});

		it('items priced by weight use totalWeight × netCost', () => {
			const inv = baseInvoice();
			inv.items = [
				{
					itemSequenceNumber: 1,
					vendorProductIdentifier: 'CHEESE',
					invoicedQuantity: {
						amount: 2,
						unitOfMeasure: 'Eaches',
						totalWeight: { unitOfMeasure: 'POUNDS', amount: '3.5' },
					},
					netCost: { currencyCode: 'USD', amount: '4.25' },
					netCostUnitOfMeasure: 'POUNDS',
					purchaseOrderNumber: 'PO000001',
				},
			];
			inv.invoiceTotal.amount = '14.925'; // 3.5 × 4.25 + 0.10 − 0.05
			expect(messages(body(inv))).toEqual([]);
			delete inv.items[0].invoicedQuantity.totalWeight;
			expect(messages(body(inv))).toEqual([
				'invoices[0].items[0].invoicedQuantity.totalWeight: is required in POUNDS when ' +
					'netCostUnitOfMeasure is POUNDS (the item is priced by weight)',
			]);
		});

		it('all amounts in the invoice currency', () => {
			const inv = baseInvoice();
			inv.chargeDetails[0].chargeAmount.currencyCode = 'EUR';
			expect(messages(body(inv))).toEqual([
				"invoices[0].chargeDetails[0].chargeAmount.currencyCode: 'EUR' differs from the " +
					"invoice currency 'USD' (invoiceTotal.currencyCode)",
			]);
		});

		it('expectedInvoiceTotal gives the same figure', () => {
			const totals = expectedInvoiceTotal(baseInvoice());
			expect(totals && D.formatDecimal(totals.expected, 2)).toBe('60.02');
		});
	});

	describe('id', () => {
		it('is never reused', () => {
			record(db, checkInvoices(body(baseInvoice()), view).effects);
			const again = baseInvoice();
			again.items[0].invoicedQuantity.amount = 1;
			again.invoiceTotal.amount = '20.04';
			expect(messages(body(again))).toEqual([
				`invoices[0].id: invoice id 'INV-2026-0001' was already used on ` +
					`${NOW.toISOString()}; invoice numbers must never be reused (only an invoice ` +
					`whose transaction failed may be resent with the same id)`,
			]);
			again.id = 'INV-2026-0002';
			expect(messages(body(again))).toEqual([]);
		});

		it('may be resent after its transaction failed', () => {
			record(db, checkInvoices(body(baseInvoice()), view).effects, 'Failure');
			const result = checkInvoices(body(baseInvoice()), view);
			expect(result.errors).toEqual([]);
			expect(result.effects.invoices[0].replacesFailed).toBe(true);
		});

		it('not while the first one is still processing', () => {
			record(db, checkInvoices(body(baseInvoice()), view).effects, 'Processing');
			expect(messages(body(baseInvoice()))[0]).toMatch(
				/^invoices\[0\]\.id: invoice id 'INV-2026-0001' was already used/,
			);
		});

		it('not twice in one request', () => {
			expect(messages(body(baseInvoice(), baseInvoice()))).toEqual([
				"invoices[1].id: invoice id 'INV-2026-0001' appears twice in this request (also invoices[0])",
			]);
		});
	});

	describe('quantities', () => {
		it('not more than shipped', () => {
			const inv = baseInvoice();
			inv.items[0].invoicedQuantity.amount = 25;
			inv.invoiceTotal.amount = '499.80';
			expect(messages(body(inv))).toEqual([
				"invoices[0].items[0].invoicedQuantity: invoicing 25 eaches of line '1' of " +
					"purchase order 'PO000001' exceeds what was shipped: 24 shipped, 0 already " +
					'invoiced',
			]);
		});

		it('counting earlier invoices', () => {
			const first = baseInvoice();
			first.items[0].invoicedQuantity.amount = 20;
			first.invoiceTotal.amount = '399.85';
			record(db, checkInvoices(body(first), view).effects);
			const second = baseInvoice();
			second.id = 'INV-2026-0002';
			second.items[0].invoicedQuantity.amount = 5;
			second.invoiceTotal.amount = '100.00';
			expect(messages(body(second))).toEqual([
				"invoices[0].items[0].invoicedQuantity: invoicing 5 eaches of line '1' of " +
					"purchase order 'PO000001' exceeds what was shipped: 24 shipped, 20 already " +
					'invoiced',
			]);
			second.items[0].invoicedQuantity.amount = 4;
			second.invoiceTotal.amount = '80.01';
			expect(messages(body(second))).toEqual([]);
		});

		it('counting the invoices before it in the same request', () => {
			const first = baseInvoice();
			first.items[0].invoicedQuantity.amount = 20;
			first.invoiceTotal.amount = '399.85';
			const second = baseInvoice();
			second.id = 'INV-2026-0002';
			second.items[0].invoicedQuantity.amount = 5;
			second.invoiceTotal.amount = '100.00';
			expect(messages(body(first, second))).toEqual([
				"invoices[1].items[0].invoicedQuantity: invoicing 5 eaches of line '1' of " +
					"purchase order 'PO000001' exceeds what was shipped: 24 shipped, 20 already " +
					'invoiced',
			]);
		});

		it('positive', () => {
			const inv = baseInvoice();
			inv.items[0].invoicedQuantity.amount = 0;
			expect(messages(body(inv))[0]).toBe(
				'invoices[0].items[0].invoicedQuantity.amount: must be greater than zero',
			);
		});
	});

	describe('cost', () => {
		it('equals the acknowledged cost', () => {
			const inv = baseInvoice();
			inv.items[0].netCost.amount = '19.990';
			expect(messages(body(inv))).toEqual([]);
			inv.items[0].netCost.amount = '20.00';
			inv.invoiceTotal.amount = '60.05';
			expect(messages(body(inv))).toEqual([
				'invoices[0].items[0].netCost.amount: 20.00 does not match the cost acknowledged ' +
					"for line '1' of purchase order 'PO000001' (19.99)",
			]);
		});

		it('is positive', () => {
			const inv = baseInvoice();
			inv.items[0].netCost.amount = '-19.99';
			expect(messages(body(inv))).toContain(
				'invoices[0].items[0].netCost.amount: must be greater than zero',
			);
		});
	});

	describe('purchase orders', () => {
		it('are required per item of an Invoice', () => {
			const inv = baseInvoice();
			delete inv.items[0].purchaseOrderNumber;
			expect(messages(body(inv))).toEqual([
				'invoices[0].items[0].purchaseOrderNumber: is required when invoiceType is Invoice',
			]);
		});

		it('must exist', () => {
			const inv = baseInvoice();
			inv.items[0].purchaseOrderNumber = 'PO999999';
			expect(messages(body(inv))).toEqual([
				"invoices[0].items[0].purchaseOrderNumber: purchase order 'PO999999' does not exist",
			]);
		});

		it('must be acknowledged', () => {
			const inv = baseInvoice();
			inv.items[0].purchaseOrderNumber = 'PO000002';
			expect(messages(body(inv))).toEqual([
				"invoices[0].items[0].purchaseOrderNumber: purchase order 'PO000002' has not " +
					'been acknowledged; invoice only confirmed and shipped goods',
			]);
		});

		it('must contain the item, named by ASIN or vendor product identifier', () => {
			const inv = baseInvoice();
			inv.items[0].amazonProductIdentifier = 'B0NOTONPO1';
			delete inv.items[0].vendorProductIdentifier;
			expect(messages(body(inv))).toEqual([
				"invoices[0].items[0]: ASIN 'B0NOTONPO1' is not an item of purchase order 'PO000001'",
			]);
			delete inv.items[0].amazonProductIdentifier;
			expect(messages(body(inv))).toEqual([
				'invoices[0].items[0]: needs amazonProductIdentifier or vendorProductIdentifier ' +
					'(the identifier sent in the purchase order)',
			]);
			inv.items[0].vendorProductIdentifier = 'SKU-1';
			expect(messages(body(inv))).toEqual([]);
		});

		it('an Invoice lists items', () => {
			const inv = baseInvoice();
			inv.items = [];
			inv.invoiceTotal.amount = '0.05';
			expect(messages(body(inv))).toEqual([
				'invoices[0].items: an invoice must list at least one item',
			]);
		});
	});

	describe('date', () => {
		it('not in the future', () => {
			const inv = baseInvoice();
			inv.date = new Date(NOW.getTime() + HOUR).toISOString();
			expect(messages(body(inv))).toEqual([
				`invoices[0].date: ${inv.date} is in the future (now ${NOW.toISOString()}); the ` +
					`invoice date must be now or earlier`,
			]);
			inv.date = NOW.toISOString();
			expect(messages(body(inv))).toEqual([]);
		});

		it('not before the purchase order', () => {
			const inv = baseInvoice();
			inv.date = '2026-02-28T00:00:00Z';
			expect(messages(body(inv))).toEqual([
				'invoices[0].date: 2026-02-28T00:00:00.000Z is before the creation of purchase ' +
					"order 'PO000001' (2026-03-01T10:00:00.000Z); the invoice date must be on or " +
					'after it',
			]);
			// The same day, earlier than the purchase order's time: on time (an 810 dates by day).
			inv.date = '2026-03-01T00:00:00Z';
			expect(messages(body(inv))).toEqual([]);
		});
	});

	describe('CreditNote', () => {
		const creditNote = () => {
			const inv = baseInvoice();
			inv.invoiceType = 'CreditNote';
			inv.id = 'CN-0001';
			delete inv.items[0].purchaseOrderNumber;
			inv.items[0].creditNoteDetails = {
				referenceInvoiceNumber: 'INV-2026-0001',
				returnsReferenceNumber: 'RET-1',
			};
			return inv;
		};

		it('only in Europe', () => {
			expect(messages(body(creditNote()))).toEqual([
				'invoices[0].invoiceType: CreditNote is only supported in Europe; this is North America',
			]);
			db.region = 'eu';
			expect(messages(body(creditNote()))).toEqual([]);
		});
	});
});
