/**
 * Backordered units through the HTTP API: Amazon counts them as confirmed (to ship later, by their
 * scheduled date), so shipping them on a later ASN is no overage and they may be invoiced once
 * shipped; only units beyond Accepted + Backordered are an overage.
 */
import { makeAmazonSscc } from './gs1';
import { item, order, startTestSandbox, START, type TestSandbox } from '../tests/helpers';

let sb: TestSandbox;
const ASNS = '/vendor/shipping/v1/shipmentConfirmations';
const INVOICES = '/vendor/payments/v1/invoices';
const HOUR = 3600_000;

/** An NA LTL ASN for line 1 (B000000001) of PO000001, `eaches` in one carton. */
function asn(id: string, eaches: number, serial: number) {
	const quantity = { amount: eaches, unitOfMeasure: 'Eaches', unitSize: 1 };
	return {
		shipmentIdentifier: id,
		shipmentConfirmationType: 'Original',
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
				shippedQuantity: quantity,
				itemDetails: { purchaseOrderNumber: 'PO000001' },
			},
		],
		cartons: [
			{
				cartonIdentifiers: [
					{
						containerIdentificationType: 'SSCC',
						containerIdentificationNumber: makeAmazonSscc(0, '0614141', serial),
					},
				],
				cartonSequenceNumber: '001',
				items: [{ itemReference: '001', shippedQuantity: quantity }],
			},
		],
	};
}

function invoice(id: string, eaches: number) {
	return {
		invoiceType: 'Invoice',
		id,
		date: START,
		remitToParty: { partyId: 'API01' },
		invoiceTotal: { currencyCode: 'USD', amount: (eaches * 12.5).toFixed(2) },
		items: [
			{
				itemSequenceNumber: 1,
				amazonProductIdentifier: 'B000000001',
				invoicedQuantity: { amount: eaches, unitOfMeasure: 'Eaches' },
				netCost: { currencyCode: 'USD', amount: '12.50' },
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
		status: string;
		errors?: Array<{ code: string; message: string }>;
	};
}

const state = () => (sb.control.state() as any).amazon;

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
					item('1', {
						orderedQuantity: { amount: 24, unitOfMeasure: 'Eaches', unitSize: 1 },
						isBackOrderAllowed: true,
					}),
				]),
			],
		},
	});
});

describe('Backordered units', () => {
	it('ship on a later ASN without overage and are invoiced as shipped; only units beyond are an overage', async () => {
		const ack = await sb.acknowledge([
			{
				purchaseOrderNumber: 'PO000001',
				sellingParty: { partyId: 'API01' },
				acknowledgementDate: START,
				items: [
					{
						itemSequenceNumber: '1',
						orderedQuantity: { amount: 24, unitOfMeasure: 'Eaches', unitSize: 1 },
						netCost: { currencyCode: 'USD', amount: '12.50' },
						itemAcknowledgements: [
							{
								acknowledgementCode: 'Accepted',
								acknowledgedQuantity: { amount: 20, unitOfMeasure: 'Eaches', unitSize: 1 },
								scheduledShipDate: '2026-03-05T07:00:00Z',
							},
							{
								acknowledgementCode: 'Backordered',
								acknowledgedQuantity: { amount: 4, unitOfMeasure: 'Eaches', unitSize: 1 },
								scheduledShipDate: '2026-03-12T07:00:00Z',
							},
						],
					},
				],
			},
		]);
		expect(ack.status).toBe('Success');
		const line = () => state().purchaseOrders[0].lines[0];
		expect(line().acknowledgements[0]).toMatchObject({
			acceptedEaches: 20,
			backorderedEaches: 4,
			rejectedEaches: 0,
			scheduledShipDate: '2026-03-12T07:00:00Z',
		});
		// Confirmed = Accepted + Backordered; nothing is rejected.
		expect(line().facts).toMatchObject({
			acceptedEaches: 24,
			rejectedEaches: 0,
			confirmationStatus: 'ACCEPTED',
		});

		// The accepted units, then (stock arrived) the backordered ones: two ASNs, two invoices, no overage.
		expect(
			(await transaction(ASNS, { shipmentConfirmations: [asn('ASN-0001', 20, 1)] })).status,
		).toBe('Success');
		expect((await transaction(INVOICES, { invoices: [invoice('INV-0001', 20)] })).status).toBe(
			'Success',
		);
		expect(
			(await transaction(ASNS, { shipmentConfirmations: [asn('ASN-0002', 4, 2)] })).status,
		).toBe('Success');
		expect((await transaction(INVOICES, { invoices: [invoice('INV-0002', 4)] })).status).toBe(
			'Success',
		);
		expect(state().overages).toEqual([]);
		expect(state().invoices.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
			['INV-0001', 'Success'],
			['INV-0002', 'Success'],
		]);

		// One unit more than Accepted + Backordered is an overage of 1.
		expect(
			(await transaction(ASNS, { shipmentConfirmations: [asn('ASN-0003', 1, 3)] })).status,
		).toBe('Success');
		expect(state().overages).toEqual([
			expect.objectContaining({
				shipmentIdentifier: 'ASN-0003',
				acceptedEaches: 24,
				previouslyShippedEaches: 24,
				shippedEaches: 1,
				overageEaches: 1,
			}),
		]);
	});
});
