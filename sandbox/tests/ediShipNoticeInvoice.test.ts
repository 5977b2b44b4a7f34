/**
 * 856 ship notices and 810 invoices over the SFTP mailbox: read into the SP-API's
 * ShipmentConfirmation and Invoice and run through the same rules, so an ASN or an invoice by EDI
 * and by API are the same record.
 */
import type { TestSandbox } from './helpers';
import { startTestSandbox } from './helpers';
import {
	connectSftp,
	fixture,
	pick,
	PO,
	SEED_ORDER,
	startEdiSandbox,
	withControlNumber,
	type Sftp,
} from './ediHelpers';

let sandbox: TestSandbox;
let sftp: Sftp;

beforeEach(async () => {
	sandbox = await startEdiSandbox();
	sftp = await connectSftp(sandbox.sftp!);
});

afterEach(async () => {
	sftp.end();
	await sandbox.close();
});

async function send(name: string, text: string): Promise<string[][]> {
	const before = await sftp.list('/inbound');
	await sftp.write(`/outbound/${name}`, text);
	const added = (await sftp.list('/inbound')).filter(
		(f) => !before.includes(f) && f.includes('_997_'),
	);
	expect(added).toHaveLength(1);
	return pick(await sftp.read(`/inbound/${added[0]}`), 'AK3', 'AK4', 'AK5', 'AK9');
}

/** What 856-pallet-two-cartons.edi says, as the SP-API's ShipmentConfirmation. */
const CONFIRMATION = {
	shipmentIdentifier: 'ASN-2JK3S9VC-1',
	shipmentConfirmationType: 'Original',
	shipmentConfirmationDate: '2026-03-02T11:30:00Z',
	transportationDetails: {
		carrierScac: 'UPSN',
		carrierShipmentReferenceNumber: 'PRO123456',
		billOfLadingNumber: 'BOL7788',
	},
	shipmentType: 'LessThanTruckLoad',
	shippedDate: '2026-03-02T11:00:00Z',
	estimatedDeliveryDate: '2026-03-09T09:00:00Z',
	sellingParty: { partyId: 'API01' },
	shipFromParty: { partyId: 'VWH1' },
	shipToParty: { partyId: 'ABE2' },
	shippedItems: [
		{
			itemSequenceNumber: '1',
			amazonProductIdentifier: 'B07DFVDRAB',
			vendorProductIdentifier: '8806098286500',
			itemDetails: { purchaseOrderNumber: PO },
			shippedQuantity: { amount: 12, unitOfMeasure: 'Eaches' },
		},
		{
			itemSequenceNumber: '2',
			amazonProductIdentifier: 'B01LNRIIAB',
			vendorProductIdentifier: 'SKU-CASE-6',
			itemDetails: { purchaseOrderNumber: PO },
			shippedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 6 },
		},
	],
	cartons: [
		{
			cartonIdentifiers: [
				{
					containerIdentificationType: 'SSCC',
					containerIdentificationNumber: '00006141411000000019',
				},
			],
			cartonSequenceNumber: '1',
			items: [
				{
					itemReference: '1',
					shippedQuantity: { amount: 12, unitOfMeasure: 'Eaches' },
					itemDetails: { purchaseOrderNumber: PO },
				},
			],
		},
		{
			cartonIdentifiers: [
				{
					containerIdentificationType: 'SSCC',
					containerIdentificationNumber: '00006141411000000026',
				},
			],
			cartonSequenceNumber: '2',
			items: [
				{
					itemReference: '2',
					shippedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 6 },
					itemDetails: { purchaseOrderNumber: PO },
				},
			],
		},
	],
	pallets: [
		{
			palletIdentifiers: [
				{
					containerIdentificationType: 'SSCC',
					containerIdentificationNumber: '00006141411000000033',
				},
			],
			cartonReferenceDetails: { cartonCount: 2, cartonReferenceNumbers: ['1', '2'] },
		},
	],
};

it('applies an 856 as the same shipment confirmation as SubmitShipmentConfirmations', async () => {
	expect(await send('855.edi', fixture('855-accept-backorder.edi'))).toEqual([
		['AK5', 'A'],
		['AK9', 'A', '1', '1', '1'],
	]);
	expect(await send('856.edi', fixture('856-pallet-two-cartons.edi'))).toEqual([
		['AK5', 'A'],
		['AK9', 'A', '1', '1', '1'],
	]);
	const edi = sandbox.control.state().amazon as any;
	expect(edi.shipmentConfirmations).toHaveLength(1);
	expect((sandbox.control.state().edi as any).vendorFiles[1].sets[0]).toMatchObject({
		type: '856',
		status: 'accepted',
		references: ['ASN-2JK3S9VC-1'],
	});

	const api = await startTestSandbox({ transactionProcessingMs: 0 });
	try {
		api.control.seed({ amazon: { purchaseOrders: [SEED_ORDER as never] } });
		const ediAck = edi.acknowledgements[0].acknowledgement;
		expect((await api.acknowledge([ediAck])).status).toBe('Success');
		const submit = await api.post('/vendor/shipping/v1/shipmentConfirmations', {
			shipmentConfirmations: [CONFIRMATION],
		});
		expect(submit.status).toBe(202);
		const tx = await api.get(
			`/vendor/transactions/v1/transactions/${submit.body.payload.transactionId}`,
		);
		expect(tx.body.payload.transactionStatus.status).toBe('Success');
		const viaApi = api.control.state().amazon as any;
		expect(edi.shipmentConfirmations).toEqual(viaApi.shipmentConfirmations);
		expect(edi.overages).toEqual(viaApi.overages);
	} finally {
		await api.close();
	}
});

it('rejects an 856 the ASN rules refuse (a Replace of an ASN never sent) and records nothing', async () => {
	await send('855.edi', fixture('855-accept-backorder.edi'));
	const replace = withControlNumber(fixture('856-pallet-two-cartons.edi'), 107).replace(
		'BSN*00*',
		'BSN*05*',
	);
	expect(await send('856.edi', replace)).toEqual([
		['AK5', 'R', '5'],
		['AK9', 'R', '1', '1', '0'],
	]);
	expect((sandbox.control.state().amazon as any).shipmentConfirmations).toEqual([]);
	expect((sandbox.control.state().edi as any).vendorFiles[1].sets[0].errors.join(' ')).toMatch(
		/no ASN with shipmentIdentifier 'ASN-2JK3S9VC-1' to replace/,
	);
});

it('rejects an 856 whose item level has no order above it, before any rule runs', async () => {
	const text = fixture('856-pallet-two-cartons.edi').replace('HL*3*2*T', 'HL*3*1*T');
	expect(await send('856.edi', text)).toEqual([
		['AK5', 'R', '5'],
		['AK9', 'R', '1', '1', '0'],
	]);
	expect((sandbox.control.state().amazon as any).transactions).toEqual([]);
	expect((sandbox.control.state().edi as any).vendorFiles[0].sets[0].errors).toEqual([
		'Item level HL 5 is under no order level with a PRF.',
	]);
});

/** What 810-two-lines.edi says, as the SP-API's Invoice. */
const INVOICE = {
	invoiceType: 'Invoice',
	id: 'INV-2JK3S9VC-1',
	date: '2026-03-03T00:00:00Z',
	remitToParty: { partyId: 'VNDPY' },
	shipToParty: { partyId: 'ABE2' },
	paymentTerms: { type: 'Basic', discountPercent: '2', discountDueDays: 10, netDueDays: 60 },
	invoiceTotal: { currencyCode: 'USD', amount: '231.60' },
	items: [
		{
			itemSequenceNumber: 1,
			invoicedQuantity: { amount: 12, unitOfMeasure: 'Eaches' },
			netCost: { currencyCode: 'USD', amount: '14.50' },
			amazonProductIdentifier: 'B07DFVDRAB',
			vendorProductIdentifier: '8806098286500',
			purchaseOrderNumber: PO,
		},
		{
			itemSequenceNumber: 2,
			invoicedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 6 },
			netCost: { currencyCode: 'USD', amount: '3.20' },
			amazonProductIdentifier: 'B01LNRIIAB',
			vendorProductIdentifier: 'SKU-CASE-6',
			purchaseOrderNumber: PO,
		},
	],
};

describe('810 invoices', () => {
	beforeEach(async () => {
		await send('855.edi', fixture('855-accept-backorder.edi'));
		await send('856.edi', fixture('856-pallet-two-cartons.edi'));
		sandbox.clock.set('2026-03-03T12:00:00Z');
	});

	it('applies an 810 as the same invoice record as submitInvoices', async () => {
		expect(await send('810.edi', fixture('810-two-lines.edi'))).toEqual([
			['AK5', 'A'],
			['AK9', 'A', '1', '1', '1'],
		]);
		const edi = sandbox.control.state().amazon as any;
		expect(edi.invoices).toEqual([
			expect.objectContaining({ id: 'INV-2JK3S9VC-1', status: 'Success' }),
		]);

		const api = await startTestSandbox({ transactionProcessingMs: 0 });
		try {
			api.control.seed({ amazon: { purchaseOrders: [SEED_ORDER as never] } });
			expect((await api.acknowledge([edi.acknowledgements[0].acknowledgement])).status).toBe(
				'Success',
			);
			const asn = await api.post('/vendor/shipping/v1/shipmentConfirmations', {
				shipmentConfirmations: [CONFIRMATION],
			});
			expect(asn.status).toBe(202);
			await api.get(`/vendor/transactions/v1/transactions/${asn.body.payload.transactionId}`);
			api.clock.set('2026-03-03T12:00:00Z');
			const submit = await api.post('/vendor/payments/v1/invoices', { invoices: [INVOICE] });
			const tx = await api.get(
				`/vendor/transactions/v1/transactions/${submit.body.payload.transactionId}`,
			);
			expect(tx.body.payload.transactionStatus).toMatchObject({ status: 'Success' });
			const strip = (list: any[]) => list.map((e) => ({ ...e, transactionId: undefined }));
			expect(strip(edi.invoices)).toEqual(strip((api.control.state().amazon as any).invoices));
		} finally {
			await api.close();
		}
	});

	it('rejects an 810 whose total is wrong, records the id as failed, and takes the corrected one', async () => {
		const wrong = withControlNumber(fixture('810-two-lines.edi'), 109).replace(
			'TDS*23160',
			'TDS*23100',
		);
		expect(await send('810-wrong.edi', wrong)).toEqual([
			['AK5', 'R', '5'],
			['AK9', 'R', '1', '1', '0'],
		]);
		const failed = sandbox.control.state().amazon as any;
		expect(failed.invoices).toEqual([
			expect.objectContaining({ id: 'INV-2JK3S9VC-1', status: 'Failure' }),
		]);
		expect((sandbox.control.state().edi as any).vendorFiles[2].sets[0].errors.join(' ')).toMatch(
			/invoiceTotal/,
		);
		expect(await send('810.edi', fixture('810-two-lines.edi'))).toEqual([
			['AK5', 'A'],
			['AK9', 'A', '1', '1', '1'],
		]);
		expect((sandbox.control.state().amazon as any).invoices).toEqual([
			expect.objectContaining({ status: 'Success' }),
		]);
	});
});
