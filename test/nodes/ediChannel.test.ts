/**
 * The EDI channel through the package's own nodes in n8n's real engine: an 850 read by Read EDI
 * Interchange goes through Map ASIN / Case Pack and Acknowledge PO unchanged, Acknowledge PO (Send
 * Through: the channel the PO came by) sends nothing to the SP-API and puts the item on To Send by
 * EDI, and Write EDI Interchange turns it (its ediSource, as JSON text as the Data Table queue keeps
 * it) into the 855, echoing the 850's product ids.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AmazonEdiTradingPartnerApi } from '../../credentials/AmazonEdiTradingPartnerApi.credentials';
import { AcknowledgePo } from '../../nodes/AcknowledgePo/AcknowledgePo.node';
import { BuildAsn } from '../../nodes/BuildAsn/BuildAsn.node';
import { BuildInvoice } from '../../nodes/BuildInvoice/BuildInvoice.node';
import { MapAsinCasePack } from '../../nodes/MapAsinCasePack/MapAsinCasePack.node';
import { ReadEdiInterchange } from '../../nodes/ReadEdiInterchange/ReadEdiInterchange.node';
import { WriteEdiInterchange } from '../../nodes/WriteEdiInterchange/WriteEdiInterchange.node';
import { readInterchange } from '../../nodes/shared/domain/x12';
import type { INodeParameters } from 'n8n-workflow';
import { TEST_ITEMS, packageType, runWorkflow, workflow } from '../helpers/workflowHarness';

const type = packageType;
const NODE_TYPES = {
	[type('readEdiInterchange')]: ReadEdiInterchange,
	[type('mapAsinCasePack')]: MapAsinCasePack,
	[type('acknowledgePo')]: AcknowledgePo,
	[type('writeEdiInterchange')]: WriteEdiInterchange,
	[type('buildAsn')]: BuildAsn,
	[type('buildInvoice')]: BuildInvoice,
};
// An 850 of 23 Nov 2026: Acknowledge PO's 24-hour rule is a matter of its own tests.
const PO_850 = readFileSync(
	join(__dirname, '../fixtures/edi-inbound/850-cases-and-eaches.edi'),
	'utf8',
);
const MAPPING = [
	{ asin: 'B0C1234567', sku: 'MUG-BLUE', casePack: 12 },
	{ vendorProductIdentifier: '0614141000029', sku: 'TEA-GREEN' },
	{ asin: 'B0C7654321', sku: 'PLATE' },
];

function build(channel: string) {
	return workflow()
		.trigger('Trigger')
		.node('Files', TEST_ITEMS, { items: [{ interchange: PO_850, name: '850_4711.edi' }] })
		.node('Stock', TEST_ITEMS, {
			items: [
				{ sku: 'MUG-BLUE', available: 120 },
				{ sku: 'TEA-GREEN', available: 10 },
				{ sku: 'PLATE', available: 6 },
			],
		})
		.node('Read EDI Interchange', type('readEdiInterchange'), { source: 'field' })
		.node('Map ASIN / Case Pack', type('mapAsinCasePack'), {
			mappingSource: 'table',
			mapping: { rows: MAPPING },
			matchFirst: 'asin',
			options: {},
		})
		.node('Acknowledge PO', type('acknowledgePo'), {
			stockSource: 'input',
			channel,
			options: { sendLate: true, sellingPartyId: 'ACME1' },
		})
		.node('Write EDI Interchange', type('writeEdiInterchange'), {
			documentType: '={{ $json.ediDocumentType }}',
			source: '={{ JSON.stringify($json.ediSource) }}',
			controlNumber: '77',
		})
		.connect('Trigger', 'Files')
		.connect('Trigger', 'Stock')
		.connect('Files', 'Read EDI Interchange')
		.connect('Read EDI Interchange', 'Map ASIN / Case Pack')
		.connect('Map ASIN / Case Pack', 'Acknowledge PO')
		.connect('Stock', 'Acknowledge PO', { input: 1 })
		.connect('Acknowledge PO', 'Write EDI Interchange', { output: 2 })
		.build();
}

const OPTIONS = {
	nodeTypes: NODE_TYPES,
	credentialTypes: [new AmazonEdiTradingPartnerApi()],
	credentials: {
		amazonEdiTradingPartnerApi: {
			ourQualifier: 'ZZ',
			ourId: 'ACMEVENDOR',
			amazonQualifier: 'ZZ',
			amazonId: 'AMAZON',
			usage: 'P',
		},
		// Nothing listens here: a call to the SP-API would fail the run.
		amazonVendorCentralApi: {
			region: 'na',
			clientId: 'id',
			clientSecret: 'secret',
			refreshToken: 'token',
			baseUrl: 'http://127.0.0.1:9',
			tokenUrl: 'http://127.0.0.1:9/auth/o2/token',
		},
	},
};

describe('the EDI channel through Map ASIN / Case Pack and Acknowledge PO', () => {
	it.each(['auto', 'edi'])(
		'answers an 850 with an 855 and no SP-API call (Send Through %s)',
		async (channel) => {
			const run = await runWorkflow(build(channel), OPTIONS);
			expect(run.error?.message).toBeUndefined();
			expect(run.status).toBe('success');
			const [acknowledged, exceptions, toEdi] = run.outputs('Acknowledge PO');
			expect(exceptions).toEqual([]);
			// On Acknowledged as on the SP-API, and again on To Send by EDI with what to write from.
			expect(toEdi.map((i) => i.json)).toEqual(acknowledged.map((i) => i.json));
			expect(Object.keys(toEdi[0].json.ediSource as object)).toEqual([
				'acknowledgement',
				'purchaseOrder',
			]);
			expect(acknowledged[0].json).toMatchObject({
				purchaseOrderNumber: '4Z32PABC',
				channel: 'edi',
				ediDocumentType: '855',
				status: 'ToSendByEdi',
			});
			expect(acknowledged[0].json.transactionId).toBeUndefined();
			const [written, refused] = run.outputs('Write EDI Interchange');
			expect(refused).toEqual([]);
			expect(written[0].json.fileName).toBe('855_4Z32PABC_000000077.edi');
			const set = readInterchange(String(written[0].json.interchange)).groups[0].transactionSets[0];
			const po1 = set.segments.filter((s) => s.id === 'PO1').map((s) => s.elements.slice(1, 8));
			expect(po1).toEqual([
				['1', '10', 'CA', '4.20', 'PE', 'VN', 'ACME-MUG-BLUE'],
				['2', '24', 'EA', '3.15', 'PE', 'EN', '0614141000029'],
				['3', '6', 'EA', '9.99', 'PE', 'BP', 'B0C7654321'],
			]);
			const acks = set.segments.filter((s) => s.id === 'ACK').map((s) => s.elements.slice(1, 4));
			// 24 eaches of TEA-GREEN ordered, 10 in stock: 10 accepted, 14 rejected.
			expect(acks).toEqual([
				['IA', '10', 'CA'],
				['IA', '10', 'EA'],
				['IR', '14', 'EA'],
				['IA', '6', 'EA'],
			]);
		},
	);

	it('sends through the SP-API when told to, even a purchase order that came by EDI (nothing listens here)', async () => {
		const wf = build('spApi');
		const run = await runWorkflow(wf, OPTIONS);
		const [acknowledged, exceptions, toEdi] = run.outputs('Acknowledge PO');
		expect(acknowledged).toEqual([]);
		expect(toEdi).toEqual([]);
		expect(exceptions[0].json.reason).toBe('apiError');
		// The type of its exception-queue row, ready for the template.
		expect(exceptions[0].json.exceptionType).toBe('acknowledgement_api_error');
	});
});

describe('the EDI channel through Build ASN and Build Invoice', () => {
	it('leaves the 856 and the 810 of a purchase order that came by EDI on To Send by EDI', async () => {
		const intake = await runWorkflow(build('auto'), OPTIONS);
		const [acknowledged] = intake.outputs('Acknowledge PO');
		// The 850 named no bill-to party (N1*BT); Amazon's 810 guide requires one.
		const acknowledgedPo = structuredClone(acknowledged[0].json) as any;
		acknowledgedPo.purchaseOrder.billToParty = { partyId: 'AMZN-US' };
		const shippedDate = new Date(Math.floor(Date.now() / 1000) * 1000);
		const shipment = {
			shipmentIdentifier: 'SHIP-EDI-1',
			shippedDate: shippedDate.toISOString(),
			carrier: 'UPS Freight',
			proNumber: 'PRO-1',
			billOfLadingNumber: 'BOL-1',
			shipmentType: 'LTL',
			transportationMode: 'road',
			shipFromParty: { partyId: 'WH1' },
			cartons: [
				{ id: 'C1', contents: [{ sku: 'MUG-BLUE', eaches: 120 }] },
				{
					id: 'C2',
					contents: [
						{ sku: 'TEA-GREEN', eaches: 10 },
						{ sku: 'PLATE', eaches: 6 },
					],
				},
			],
		};
		const write = (documentType: string) => ({
			documentType,
			source: '={{ JSON.stringify($json.ediSource) }}',
			controlNumber: documentType === '856' ? '81' : '82',
		});
		const run = await runWorkflow(
			workflow()
				.trigger('Trigger')
				.node('Shipment', TEST_ITEMS, {
					items: [{ shipment, purchaseOrders: [acknowledgedPo] } as INodeParameters],
				})
				.node('Build ASN', type('buildAsn'), {
					shipmentField: 'shipment',
					purchaseOrdersField: 'purchaseOrders',
					carriers: { rows: [{ name: 'UPS Freight', scac: 'UPGF' }] },
					cartonRule: 'asGiven',
					ssccSource: 'range',
					companyPrefix: '0614141',
					firstSerial: 7001,
					serialCount: 2,
					// The shipment gives no estimated delivery; the 856 needs one (DTM 017).
					options: { estimatedTransitDays: 3 },
				})
				.node('Build Invoice', type('buildInvoice'), {
					invoiceNumber: "={{ 'INV-' + $json.shipmentIdentifier }}",
					remitToPartyId: 'ACME1',
					paymentTerms: { type: 'Basic', netDueDays: 60 },
					options: { includeBillTo: true },
				})
				.node('Write 856', type('writeEdiInterchange'), write('856'))
				.node('Write 810', type('writeEdiInterchange'), write('810'))
				.chain('Trigger', 'Shipment', 'Build ASN', 'Build Invoice')
				.connect('Build ASN', 'Write 856', { output: 2 })
				.connect('Build Invoice', 'Write 810', { output: 2 })
				.build(),
			OPTIONS,
		);
		expect(run.error?.message).toBeUndefined();
		const [asns, asnExceptions, asnsForEdi] = run.outputs('Build ASN');
		expect(asnExceptions).toEqual([]);
		expect(asns[0].json).toMatchObject({
			channel: 'edi',
			ediDocumentType: '856',
			status: 'ToSendByEdi',
		});
		expect(asnsForEdi).toHaveLength(1);
		const [invoices, invoiceExceptions, invoicesForEdi] = run.outputs('Build Invoice');
		expect(invoiceExceptions).toEqual([]);
		expect(invoicesForEdi.map((i) => i.json.ediDocumentType)).toEqual(['810']);
		expect(invoices).toHaveLength(1);
		const [asn856] = run.outputs('Write 856');
		const [invoice810] = run.outputs('Write 810');
		expect(asn856[0].json.fileName).toBe('856_SHIP-EDI-1_000000081.edi');
		expect(invoice810[0].json.fileName).toBe('810_INV-SHIP-EDI-1_000000082.edi');
		const sets = (text: unknown) =>
			readInterchange(String(text)).groups[0].transactionSets[0].segments.map((s) => s.id);
		expect(sets(asn856[0].json.interchange)).toContain('MAN');
		const eta = new Date(shippedDate.getTime() + 3 * 86400000).toISOString().slice(0, 10);
		expect(String(asn856[0].json.interchange)).toContain(`DTM*017*${eta.replace(/-/g, '')}`);
		expect(sets(invoice810[0].json.interchange)).toContain('IT1');
	});
});
