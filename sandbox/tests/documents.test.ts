/**
 * ASNs, transport requests, invoices and the remittance sources through the HTTP API: the rule
 * modules (shipments.ts, invoices.ts, remittance.ts) have their own unit tests; these check the
 * wiring: validation, transactions, what gets recorded and what later documents see.
 */
import { makeAmazonSscc } from '../amazon/gs1';
import { fullAck, item, order, startTestSandbox, START, type TestSandbox } from './helpers';

let sb: TestSandbox;
const ASNS = '/vendor/shipping/v1/shipmentConfirmations';
const SHIPMENTS = '/vendor/shipping/v1/shipments';
const INVOICES = '/vendor/payments/v1/invoices';
const HOUR = 3600_000;

const sscc = (n: number) => makeAmazonSscc(0, '0614141', n);
const ssccId = (n: number) => ({
	containerIdentificationType: 'SSCC',
	containerIdentificationNumber: sscc(n),
});

/** An NA LTL ASN for line 1 (B000000001) of PO000001, `eaches` in one carton. */
function asn(
	id: string,
	eaches: number,
	serial: number,
	type: 'Original' | 'Replace' = 'Original',
) {
	return {
		shipmentIdentifier: id,
		shipmentConfirmationType: type,
		shipmentType: 'LessThanTruckLoad',
		shipmentStructure: 'LooseAssortmentCase',
		transportationDetails: {
			carrierScac: 'ABFS',
			carrierShipmentReferenceNumber: 'PRO123456',
			transportationMode: 'Road',
			billOfLadingNumber: 'BOL-778899',
		},
		shipmentConfirmationDate: START,
		shippedDate: new Date(Date.parse(START) - HOUR).toISOString(),
		sellingParty: { partyId: 'API01' },
		shipFromParty: { partyId: 'WH1' },
		shipToParty: { partyId: 'ABCD' },
		shipmentMeasurements: { cartonCount: 1 },
		shippedItems: [
			{
				itemSequenceNumber: '001',
				amazonProductIdentifier: 'B000000001',
				shippedQuantity: { amount: eaches, unitOfMeasure: 'Eaches', unitSize: 1 },
				itemDetails: { purchaseOrderNumber: 'PO000001' },
			},
		],
		cartons: [
			{
				cartonIdentifiers: [ssccId(serial)],
				cartonSequenceNumber: '001',
				items: [
					{
						itemReference: '001',
						shippedQuantity: { amount: eaches, unitOfMeasure: 'Eaches', unitSize: 1 },
					},
				],
			},
		],
	};
}

function invoice(id: string, eaches: number, cost = '12.50') {
	const total = (eaches * Number(cost)).toFixed(2);
	return {
		invoiceType: 'Invoice',
		id,
		date: START,
		remitToParty: { partyId: 'API01' },
		invoiceTotal: { currencyCode: 'USD', amount: total },
		items: [
			{
				itemSequenceNumber: 1,
				amazonProductIdentifier: 'B000000001',
				invoicedQuantity: { amount: eaches, unitOfMeasure: 'Eaches' },
				netCost: { currencyCode: 'USD', amount: cost },
				purchaseOrderNumber: 'PO000001',
			},
		],
	};
}

async function transaction(path: string, body: unknown) {
	const r = await sb.post(path, body);
	expect([r.status, r.body.errors]).toEqual([202, undefined]);
	const t = await sb.get(`/vendor/transactions/v1/transactions/${r.body.payload.transactionId}`);
	return t.body.payload.transactionStatus as {
		transactionId: string;
		status: string;
		errors?: Array<{ code: string; message: string }>;
	};
}

beforeAll(async () => {
	sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.control.reset();
	sb.control.seed({
		amazon: {
			purchaseOrders: [
				order('PO000001', '2026-03-01T10:00:00Z', [
					item('1', { orderedQuantity: { amount: 24, unitOfMeasure: 'Eaches', unitSize: 1 } }),
				]),
			],
		},
	});
});

const state = () => (sb.control.state() as any).amazon;

describe('SubmitShipmentConfirmations (ASN)', () => {
	it('refuses an ASN for an unacknowledged PO, records one after the acknowledgement', async () => {
		const early = await transaction(ASNS, { shipmentConfirmations: [asn('ASN-0001', 24, 1)] });
		expect(early.status).toBe('Failure');
		expect(early.errors?.[0].message).toMatch(/has not been acknowledged/);
		expect(state().shipmentConfirmations).toEqual([]);

		expect((await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 20 }])])).status).toBe(
			'Success',
		);
		const ok = await transaction(ASNS, { shipmentConfirmations: [asn('ASN-0001', 24, 1)] });
		expect(ok.status).toBe('Success');
		const s = state();
		expect(s.shipmentConfirmations).toEqual([
			expect.objectContaining({
				delivered: false,
				record: expect.objectContaining({ shipmentIdentifier: 'ASN-0001', ssccs: [sscc(1)] }),
			}),
		]);
		// 24 shipped against 20 accepted: an overage, not an error.
		expect(s.overages).toEqual([
			expect.objectContaining({
				purchaseOrderNumber: 'PO000001',
				itemSequenceNumber: '1',
				acceptedEaches: 20,
				overageEaches: 4,
			}),
		]);
	});

	it('400 for a body that breaks the model', async () => {
		const bad: any = asn('ASN-0002', 1, 2);
		bad.shipmentConfirmationType = 'Originally';
		const r = await sb.post(ASNS, { shipmentConfirmations: [bad] });
		expect([r.status, r.body.errors[0].code]).toEqual([400, 'InvalidInput']);
	});

	it('refuses a reused identifier and SSCC; a Replace only before delivery', async () => {
		await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 24 }])]);
		expect(
			(await transaction(ASNS, { shipmentConfirmations: [asn('ASN-0001', 24, 1)] })).status,
		).toBe('Success');
		const reused = await transaction(ASNS, { shipmentConfirmations: [asn('ASN-0001', 2, 9)] });
		expect(reused.status).toBe('Failure');
		expect(reused.errors?.map((e) => e.message)).toEqual([
			expect.stringMatching(/shipmentIdentifier 'ASN-0001'.*365 days/),
		]);
		const sameSscc = await transaction(ASNS, { shipmentConfirmations: [asn('ASN-0003', 2, 1)] });
		expect(sameSscc.errors?.some((e) => /SSCC/.test(e.message))).toBe(true);

		expect(
			(await transaction(ASNS, { shipmentConfirmations: [asn('ASN-0001', 20, 1, 'Replace')] }))
				.status,
		).toBe('Success');
		expect(state().shipmentConfirmations).toHaveLength(1);
		expect(state().shipmentConfirmations[0].record.lines[0].eaches).toBe(20);

		sb.control.receivePurchaseOrder('PO000001', {
			items: [{ itemSequenceNumber: '1', quantity: 20 }],
		});
		expect(state().shipmentConfirmations[0].delivered).toBe(true);
		const late = await transaction(ASNS, {
			shipmentConfirmations: [asn('ASN-0001', 18, 1, 'Replace')],
		});
		expect(late.status).toBe('Failure');
		expect(late.errors?.map((e) => e.message)).toEqual([
			expect.stringMatching(/fulfilment centre|FC|delivered|received/i),
		]);
	});
});

describe('SubmitShipments (transport requests)', () => {
	const request = (id: string, type = 'New') => ({
		vendorShipmentIdentifier: id,
		transactionType: type,
		transactionDate: START,
		shipmentFreightTerm: 'Collect',
		sellingParty: { partyId: 'API01' },
		shipFromParty: { partyId: 'WH1' },
		shipToParty: { partyId: 'ABCD' },
		collectFreightPickupDetails: {
			requestedPickUp: new Date(Date.parse(START) + 24 * HOUR).toISOString(),
		},
		purchaseOrders: [
			{
				purchaseOrderNumber: 'PO000001',
				items: [
					{
						itemSequenceNumber: '001',
						buyerProductIdentifier: 'B000000001',
						shippedQuantity: { amount: 24, unitOfMeasure: 'Eaches' },
					},
				],
			},
		],
		containers: [
			{
				containerType: 'carton',
				containerSequenceNumber: 'C1',
				containerIdentifiers: [ssccId(101)],
				packedItems: [
					{ itemSequenceNumber: '001', packedQuantity: { amount: 24, unitOfMeasure: 'Eaches' } },
				],
			},
		],
		transportationDetails: { shipMode: 'LessThanTruckLoad', transportationMode: 'Road' },
	});

	it('records a New request, refuses its identifier again, and cancels it', async () => {
		await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 24 }])]);
		expect((await transaction(SHIPMENTS, { shipments: [request('TR-0001')] })).status).toBe(
			'Success',
		);
		expect(state().shipments).toEqual([
			expect.objectContaining({
				cancelled: false,
				status: 'Created',
				record: expect.objectContaining({ vendorShipmentIdentifier: 'TR-0001' }),
			}),
		]);
		const again = await transaction(SHIPMENTS, { shipments: [request('TR-0001')] });
		expect(again.errors?.map((e) => e.message)).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/vendorShipmentIdentifier 'TR-0001' was already used/),
			]),
		);
		const cancel = {
			vendorShipmentIdentifier: 'TR-0001',
			transactionType: 'Cancel',
			transactionDate: START,
			sellingParty: { partyId: 'API01' },
			shipFromParty: { partyId: 'WH1' },
			shipToParty: { partyId: 'ABCD' },
		};
		expect((await transaction(SHIPMENTS, { shipments: [cancel] })).status).toBe('Success');
		expect(state().shipments[0].cancelled).toBe(true);
	});
});

describe('submitInvoices', () => {
	beforeEach(async () => {
		await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 24 }])]);
		await transaction(ASNS, { shipmentConfirmations: [asn('ASN-0001', 10, 1)] });
	});

	it('accepts an invoice for shipped goods, refuses more than shipped and a reused id', async () => {
		const over = await transaction(INVOICES, { invoices: [invoice('INV-0002', 11)] });
		expect(over.status).toBe('Failure');
		expect(state().invoices).toEqual([
			expect.objectContaining({ id: 'INV-0002', status: 'Failure' }),
		]);

		const ok = await transaction(INVOICES, { invoices: [invoice('INV-0001', 6)] });
		expect(ok.status).toBe('Success');
		const reused = await transaction(INVOICES, { invoices: [invoice('INV-0001', 4)] });
		expect(reused.errors?.[0].message).toMatch(/already used/);
		// 6 of 10 shipped are invoiced: 5 more is too many, 4 is fine, and the failed id may be resent.
		expect((await transaction(INVOICES, { invoices: [invoice('INV-0002', 5)] })).status).toBe(
			'Failure',
		);
		expect((await transaction(INVOICES, { invoices: [invoice('INV-0002', 4)] })).status).toBe(
			'Success',
		);
		expect(state().invoices.map((e: any) => [e.id, e.status])).toEqual([
			['INV-0001', 'Success'],
			['INV-0002', 'Success'],
		]);
	});

	it('keeps the amounts as submitted: 50.00 stays 50.00 in the state', async () => {
		const submitted = {
			...invoice('INV-0003', 4),
			invoiceTotal: { currencyCode: 'USD', amount: '50.00' },
		};
		expect((await transaction(INVOICES, { invoices: [submitted] })).status).toBe('Success');
		const r = await sb.get('/__sandbox/state');
		expect(r.status).toBe(200);
		const record = r.body.amazon.invoices.find((e: any) => e.id === 'INV-0003').record;
		expect(record.total).toBe('50.00');
		expect(record.lines.map((l: any) => [l.netCost, l.amount])).toEqual([['12.50', '50.00']]);
		expect(record.invoice.invoiceTotal.amount).toBe('50.00');
	});

	it('400 for a body that breaks the model (Amazon’s "Invoic" example)', async () => {
		const r = await sb.post(INVOICES, {
			invoices: [{ ...invoice('INV-9', 1), invoiceType: 'Invoic' }],
		});
		expect([r.status, r.body.errors[0].code]).toEqual([400, 'InvalidInput']);
	});
});

describe('remittance sources', () => {
	beforeEach(() => {
		sb.control.seed({ amazon: { payments: 'default' } });
	});

	it('Finances Invoices API: headers and one invoice, in the model shape (no payload wrapper)', async () => {
		const list = await sb.get('/finances/invoices/2026-06-25/invoices', {
			marketplaceId: 'ATVPDKIKX0DER',
		});
		expect(list.status).toBe(200);
		expect(list.body.payload).toBeUndefined();
		expect(list.body.invoices.length).toBeGreaterThan(0);
		expect(
			sb.control.amazon.validateModelBody(
				'financesInvoices_2026-06-25.json',
				'GetInvoicesResponse',
				list.body,
			),
		).toEqual([]);
		const id = list.body.invoices[0].invoiceIdentifier;
		const one = await sb.get(`/finances/invoices/2026-06-25/invoices/${encodeURIComponent(id)}`, {
			marketplaceId: 'ATVPDKIKX0DER',
		});
		expect(one.status).toBe(200);
		expect(one.body.invoiceHeader.invoiceIdentifier).toBe(id);
		expect(
			sb.control.amazon.validateModelBody(
				'financesInvoices_2026-06-25.json',
				'GetInvoiceResponse',
				one.body,
			),
		).toEqual([]);

		const missing = await sb.get('/finances/invoices/2026-06-25/invoices', {});
		expect([missing.status, missing.body.errors[0].code]).toEqual([400, 'InvalidInput']);
		const unknown = await sb.get('/finances/invoices/2026-06-25/invoices/NOPE~X', {
			marketplaceId: 'ATVPDKIKX0DER',
		});
		expect(unknown.status).toBe(404);
	});

	it('lists a successful submitted invoice that is not paid yet', async () => {
		await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 24 }])]);
		await transaction(ASNS, { shipmentConfirmations: [asn('ASN-0001', 10, 1)] });
		expect((await transaction(INVOICES, { invoices: [invoice('INV-7777', 2)] })).status).toBe(
			'Success',
		);
		const list = await sb.get('/finances/invoices/2026-06-25/invoices', {
			marketplaceId: 'ATVPDKIKX0DER',
		});
		expect(list.body.invoices.find((h: any) => h.invoiceNumber === 'INV-7777')).toMatchObject({
			invoiceStatus: 'IN_PROGRESS',
		});
	});

	it('Vendor Central CSV export', async () => {
		const res = await fetch(
			`${sb.url}/__sandbox/amazon/remittance.csv?paymentNumber=40001234&dateFormat=us`,
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const lines = (await res.text()).trim().split('\r\n');
		expect(lines[0]).toBe(
			'Payment Number,Payment Date,Invoice Number,Invoice ' +
				'Date,Description,Invoice Currency,Invoice Amount,Terms Discount ' +
				'Taken,Amount Paid,Remaining Amount',
		);
		expect(lines.slice(1).every((l) => l.startsWith('40001234,'))).toBe(true);
		expect(lines[1]).toMatch(/^40001234,\d{2}\/\d{2}\/\d{4},/);
		expect(
			(await fetch(`${sb.url}/__sandbox/amazon/remittance.csv?paymentNumber=NOPE`)).status,
		).toBe(404);
	});
});
