/**
 * Build Invoice against the Vendor Central sandbox: purchase orders are mapped, acknowledged and
 * shipped (Build ASN) first, since the sandbox only accepts invoices for shipped quantities at the
 * acknowledged cost. What Amazon recorded is read back from the sandbox's state.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { MapAsinCasePack } from '../../nodes/MapAsinCasePack/MapAsinCasePack.node';
import { AcknowledgePo } from '../../nodes/AcknowledgePo/AcknowledgePo.node';
import { BuildAsn } from '../../nodes/BuildAsn/BuildAsn.node';
import { BuildInvoice } from '../../nodes/BuildInvoice/BuildInvoice.node';
import { normalisePurchaseOrder } from '../../nodes/shared/domain/purchaseOrder';
import { createContext } from '../helpers/n8nContext';
import { amazonOrder, startPackageSandbox, type PackageSandbox } from '../helpers/sandbox';
import { TEST_ITEMS, packageType, runWorkflow, workflow } from '../helpers/workflowHarness';

const MAPPING = [
	{ asin: 'B00000CASE', sku: 'SKU-CASE', casePack: 12 },
	{ asin: 'B000000EAC', sku: 'SKU-EACH', casePack: 6 },
];

type Order = ReturnType<typeof amazonOrder>;

const invoiceParameters = {
	invoiceNumber: 'INV-2026-0001',
	invoiceDate: '',
	shippedLinesField: 'shippedLines',
	purchaseOrdersField: 'purchaseOrders',
	remitToPartyId: '',
	remitToAddress: {
		name: 'Vendor Inc',
		addressLine1: '5 Dock Rd',
		city: 'Sparks',
		stateOrRegion: 'NV',
		postalOrZipCode: '89431',
		countryCode: 'US',
	},
	paymentTerms: { type: 'Basic', discountPercent: '2', discountDueDays: 10, netDueDays: 60 },
	taxes: {},
	charges: { rows: [{ type: 'Freight', description: 'Freight to ABE8', amount: '15.00' }] },
	allowances: { rows: [{ type: 'Discount', description: '', amount: '5.00' }] },
	dryRun: false,
	waitUntilFinal: true,
	maxWaitSeconds: 5,
	pollIntervalSeconds: 1,
	options: {},
};

describe('Build Invoice (against the sandbox)', () => {
	let sandbox: PackageSandbox;
	beforeEach(async () => {
		sandbox = await startPackageSandbox();
	});
	afterEach(async () => {
		await sandbox.close();
	});

	/**
	 * Seeds, maps, acknowledges (stock for everything) and ships the order in one carton per line: Build
	 * ASN's output item.
	 */
	async function shipped(
		order: Order,
		cartons: IDataObject[],
		{ dryRun = false } = {},
	): Promise<IDataObject> {
		sandbox.control.seed({ amazon: { vendorCode: 'VEND1', purchaseOrders: [order] } });
		const mapCtx = createContext({
			store: { data: {}, preAuthCalls: [] },
			items: [
				{
					json: {
						...(normalisePurchaseOrder(order) as unknown as IDataObject),
						raw: order as unknown as IDataObject,
					},
				},
			],
			parameters: {
				mappingSource: 'table',
				mapping: { rows: MAPPING },
				matchFirst: 'asin',
				options: {},
			},
		});
		const [mapped] = await new MapAsinCasePack().execute.call(mapCtx);
		const ackCtx = createContext({
			store: sandbox.store(),
			items: mapped,
			parameters: {
				stockSource: 'field',
				stockField: 'stock',
				backorder: false,
				dryRun: false,
				waitUntilFinal: true,
				maxWaitSeconds: 5,
				pollIntervalSeconds: 1,
				options: {},
			},
		});
		mapped[0].json.stock = { 'SKU-CASE': 1000, 'SKU-EACH': 1000 };
		const [acks] = await new AcknowledgePo().execute.call(ackCtx);
		const asnCtx = createContext({
			store: sandbox.store(),
			items: [
				{
					json: {
						shipment: {
							shipmentIdentifier: `SHIP-${order.purchaseOrderNumber}`,
							shippedDate: new Date().toISOString(),
							carrier: 'UPGF',
							proNumber: 'PRO-1',
							billOfLadingNumber: 'BOL-1',
							shipmentType: 'LTL',
							shipFromParty: { partyId: 'WH1' },
							cartons,
						},
						purchaseOrders: [acks[0].json],
						serials: {
							first: Number(order.purchaseOrderNumber.replace(/\D/g, '')),
							count: cartons.length,
						},
					},
				},
			],
			parameters: {
				shipmentField: 'shipment',
				purchaseOrdersField: 'purchaseOrders',
				region: 'NA',
				carrierSource: 'table',
				carriers: { rows: [{ name: 'UPS Freight', scac: 'UPGF' }] },
				ssccSource: 'field',
				serialsField: 'serials',
				companyPrefix: '0614141',
				// The warehouse's own cartons, each holding several cases (as given).
				cartonRule: 'asGiven',
				confirmationType: 'Original',
				dryRun,
				waitUntilFinal: true,
				maxWaitSeconds: 5,
				pollIntervalSeconds: 1,
				options: {},
			},
		});
		const [asn, asnExceptions] = await new BuildAsn().execute.call(asnCtx);
		expect(asnExceptions).toEqual([]);
		sandbox.control.clearRequests();
		return asn[0].json;
	}

	async function buildInvoice(
		items: IDataObject[],
		parameters: Record<string, unknown> = {},
		staticData?: IDataObject,
	) {
		const ctx = createContext({
			store: sandbox.store(),
			items: items.map((json) => ({ json })),
			parameters: { ...invoiceParameters, ...parameters },
			staticData,
		});
		const [done, exceptions] = await new BuildInvoice().execute.call(ctx);
		return { done, exceptions };
	}

	const invoiceRequests = () =>
		sandbox.control.requests().filter((r) => r.path === '/vendor/payments/v1/invoices');
	const amazonInvoices = () =>
		(
			sandbox.control.state().amazon as {
				invoices: Array<{
					id: string;
					status: string;
					record?: { total: string; lines: IDataObject[] };
				}>;
			}
		).invoices;
	const mismatches = (item: INodeExecutionData) =>
		item.json.mismatches as Array<{
			code: string;
			expected?: unknown;
			actual?: unknown;
			details?: IDataObject;
			message: string;
		}>;

	const order = (number: string) =>
		amazonOrder(number, [
			{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' },
			{ asin: 'B000000EAC', amount: 6, cost: '10.00' },
		]);
	const twoCartons: IDataObject[] = [
		{ id: 'C1', contents: [{ sku: 'SKU-CASE', eaches: 36 }] },
		{ id: 'C2', contents: [{ sku: 'SKU-EACH', eaches: 6 }] },
	];

	it('invoices what shipped at the acknowledged cost; the sandbox accepts it', async () => {
		const asn = await shipped(order('PO110001'), twoCartons);
		const { done, exceptions } = await buildInvoice([asn]);
		expect(exceptions).toEqual([]);
		const out = done[0].json;
		expect(out).toMatchObject({
			invoiceNumber: 'INV-2026-0001',
			status: 'Success',
			final: true,
			shipmentIdentifier: 'SHIP-PO110001',
			purchaseOrderNumbers: ['PO110001'],
		});
		expect(done[0].pairedItem).toEqual({ item: 0 });
		// 3 cases x 12 x 4.20 = 151.20, 6 x 10.00 = 60.00; + freight 15.00 - discount 5.00.
		expect(out.figures).toEqual({
			currencyCode: 'USD',
			items: '211.20',
			charges: '15.00',
			allowances: '5.00',
			tax: '0',
			total: '221.20',
			acknowledgedValueOfShipped: '211.20',
		});
		const invoice = out.invoice as IDataObject;
		expect(invoice).toMatchObject({
			invoiceType: 'Invoice',
			id: 'INV-2026-0001',
			remitToParty: {
				partyId: 'VEND1',
				address: {
					name: 'Vendor Inc',
					addressLine1: '5 Dock Rd',
					city: 'Sparks',
					stateOrRegion: 'NV',
					postalOrZipCode: '89431',
					countryCode: 'US',
				},
			},
			billToParty: { partyId: 'AMZN' },
			paymentTerms: { type: 'Basic', discountPercent: '2', discountDueDays: 10, netDueDays: 60 },
			invoiceTotal: { currencyCode: 'USD', amount: '221.20' },
			chargeDetails: [
				{
					type: 'Freight',
					description: 'Freight to ABE8',
					chargeAmount: { currencyCode: 'USD', amount: '15.00' },
				},
			],
			allowanceDetails: [
				{ type: 'Discount', allowanceAmount: { currencyCode: 'USD', amount: '5.00' } },
			],
		});
		expect(
			(invoice.items as IDataObject[]).map((i) => [
				i.itemSequenceNumber,
				i.amazonProductIdentifier,
				i.invoicedQuantity,
				i.netCost,
				i.purchaseOrderNumber,
			]),
		).toEqual([
			[
				1,
				'B00000CASE',
				{ amount: 3, unitOfMeasure: 'Cases', unitSize: 12 },
				{ currencyCode: 'USD', amount: '4.20' },
				'PO110001',
			],
			[
				2,
				'B000000EAC',
				{ amount: 6, unitOfMeasure: 'Eaches' },
				{ currencyCode: 'USD', amount: '10.00' },
				'PO110001',
			],
		]);
		expect(out.invoicedLines).toEqual([
			{
				purchaseOrderNumber: 'PO110001',
				itemSequenceNumber: '1',
				invoiceItemSequenceNumber: 1,
				invoicedQuantity: 3,
				invoicedEaches: 36,
				lineAmount: '151.20',
			},
			{
				purchaseOrderNumber: 'PO110001',
				itemSequenceNumber: '2',
				invoiceItemSequenceNumber: 2,
				invoicedQuantity: 6,
				invoicedEaches: 6,
				lineAmount: '60.00',
			},
		]);
		const stored = amazonInvoices();
		expect(stored.map((i) => [i.id, i.status, i.record?.total])).toEqual([
			['INV-2026-0001', 'Success', '221.20'],
		]);
	});

	it('a unit cost other than the acknowledged one is caught before sending, with the figures side by side', async () => {
		const asn = await shipped(order('PO120001'), twoCartons);
		const { done, exceptions } = await buildInvoice([
			{
				...asn,
				invoiceLines: [
					{ purchaseOrderNumber: 'PO120001', itemSequenceNumber: '1', unitCost: '4.00' },
				],
			},
		]);
		expect(done).toEqual([]);
		expect(exceptions[0].json).toMatchObject({
			reason: 'mismatch',
			invoiceNumber: 'INV-2026-0001',
		});
		expect(mismatches(exceptions[0])).toEqual([
			expect.objectContaining({
				code: 'UNIT_COST_MISMATCH',
				path: 'items[0].netCost.amount',
				expected: '4.20',
				actual: '4.00',
				message: 'items[0]: unit cost 4.00 USD differs from the acknowledged 4.20 USD',
			}),
		]);
		expect(invoiceRequests()).toHaveLength(0);
		expect(amazonInvoices()).toEqual([]);
	});

	it('an invoiced quantity above what shipped is caught before sending', async () => {
		// Only 2 of the 3 accepted cases shipped; the ERP invoices 3.
		const asn = await shipped(order('PO130001'), [
			{ id: 'C1', contents: [{ sku: 'SKU-CASE', eaches: 24 }] },
		]);
		const { done, exceptions } = await buildInvoice([
			{
				...asn,
				invoiceLines: [{ purchaseOrderNumber: 'PO130001', itemSequenceNumber: '1', quantity: 3 }],
			},
		]);
		expect(done).toEqual([]);
		expect(mismatches(exceptions[0])).toEqual([
			expect.objectContaining({
				code: 'QUANTITY_ABOVE_SHIPPED',
				expected: 24,
				actual: 36,
				message:
					'items[0]: invoicing 36 eaches but 24 shipped and not yet invoiced (shipped 24, already invoiced 0)',
			}),
		]);
		// A line that did not ship at all is caught the same way.
		const notShipped = await buildInvoice([
			{
				...asn,
				invoiceLines: [{ purchaseOrderNumber: 'PO130001', itemSequenceNumber: '2', quantity: 1 }],
			},
		]);
		expect(mismatches(notShipped.exceptions[0]).map((m) => [m.code, m.expected, m.actual])).toEqual(
			[['QUANTITY_ABOVE_SHIPPED', 0, 1]],
		);
		// So is an ERP total that does not add up.
		const total = await buildInvoice([{ ...asn, expectedTotal: '112.00' }]);
		expect(mismatches(total.exceptions[0])[0]).toMatchObject({
			code: 'EXPECTED_TOTAL_MISMATCH',
			expected: '112.00',
			actual: '110.80',
			details: { items: '100.80', charges: '15.00', allowances: '5.00', difference: '-1.20' },
		});
		expect(invoiceRequests()).toHaveLength(0);
	});

	it('never reuses an invoice number: a second run with the same number is refused', async () => {
		const asn = await shipped(order('PO140001'), twoCartons);
		const staticData: IDataObject = {};
		const first = await buildInvoice([asn], { charges: {}, allowances: {} }, staticData);
		expect(first.done[0].json.status).toBe('Success');
		expect(Object.keys(staticData.invoiceNumbers as IDataObject)).toEqual(['INV-2026-0001']);

		const second = await buildInvoice([asn], { charges: {}, allowances: {} }, staticData);
		expect(second.done).toEqual([]);
		expect(mismatches(second.exceptions[0]).map((m) => m.code)).toEqual(['INVOICE_NUMBER_REUSED']);
		expect(invoiceRequests()).toHaveLength(1);

		// Numbers from the ERP are refused too, and within one run the second use of a number.
		const fromErp = await buildInvoice([{ ...asn, usedInvoiceNumbers: ['INV-2026-0099'] }], {
			invoiceNumber: 'INV-2026-0099',
		});
		expect(mismatches(fromErp.exceptions[0]).map((m) => m.code)).toEqual(['INVOICE_NUMBER_REUSED']);
		const sameRun = await buildInvoice([asn, asn], {
			invoiceNumber: 'INV-2026-0100',
			dryRun: true,
		});
		expect(sameRun.done).toHaveLength(1);
		expect(sameRun.exceptions.map((e) => [e.pairedItem, mismatches(e).map((m) => m.code)])).toEqual(
			[[{ item: 1 }, ['INVOICE_NUMBER_REUSED']]],
		);
	});

	it(
		"a transaction Failure goes to Exceptions with Amazon's errors, and the " +
			'same number may be sent again',
		async () => {
			// The ASN was only a dry run: Amazon has no shipment to invoice against.
			const asn = await shipped(order('PO150001'), twoCartons, { dryRun: true });
			const staticData: IDataObject = {};
			const { done, exceptions } = await buildInvoice([asn], {}, staticData);
			expect(done).toEqual([]);
			expect(exceptions[0].json).toMatchObject({
				reason: 'transactionFailure',
				status: 'Failure',
				invoiceNumber: 'INV-2026-0001',
			});
			expect(JSON.stringify(exceptions[0].json.errors)).toContain('exceeds what was shipped');
			expect(staticData.invoiceNumbers).toEqual({
				'INV-2026-0001': { at: expect.any(Number), status: 'Failure' },
			});

			// Once the ASN is really submitted, the corrected invoice goes again under the same number.
			const real = await shipped(order('PO150001'), twoCartons);
			const again = await buildInvoice([real], {}, staticData);
			expect(again.exceptions).toEqual([]);
			expect(again.done[0].json.status).toBe('Success');
			expect(amazonInvoices().map((i) => [i.id, i.status])).toEqual([['INV-2026-0001', 'Success']]);
		},
	);

	it('a dry run builds and checks the invoice on Built and sends nothing', async () => {
		const asn = await shipped(order('PO160001'), twoCartons);
		const staticData: IDataObject = {};
		const ctx = createContext({
			store: { data: {}, preAuthCalls: [] },
			items: [{ json: asn }],
			parameters: { ...invoiceParameters, dryRun: true },
			staticData,
		});
		const [done, exceptions] = await new BuildInvoice().execute.call(ctx);
		expect(exceptions).toEqual([]);
		expect(done[0].json).toMatchObject({
			dryRun: true,
			status: 'NotSent',
			invoice: { invoiceTotal: { currencyCode: 'USD', amount: '221.20' } },
		});
		expect(sandbox.control.requests()).toHaveLength(0);
		expect(staticData).toEqual({});
	});

	it('a wrongly typed parameter stops the node naming the item and the field; nothing is sent', async () => {
		const asn = await shipped(order('PO180001'), twoCartons);
		const failure = async (itemParameters: Array<Record<string, unknown>>) => {
			const ctx = createContext({
				store: sandbox.store(),
				items: [{ json: asn }, { json: asn }],
				parameters: invoiceParameters,
				itemParameters,
			});
			return new BuildInvoice().execute.call(ctx).then(
				() => undefined,
				(error: unknown) => error as NodeOperationError,
			);
		};
		const perItem: Array<[Record<string, unknown>, string]> = [
			[{ invoiceNumber: { id: 'INV-1' } }, 'invoiceNumber'],
			[{ invoiceDate: { iso: '2026-01-01' } }, 'invoiceDate'],
			[{ remitToAddress: { name: ['Vendor Inc'] } }, 'remitToAddress.name'],
			[{ paymentTerms: { type: 'Basic', netDueDays: 'sixty' } }, 'paymentTerms.netDueDays'],
			[{ paymentTerms: { type: 'Net60' } }, 'paymentTerms.type'],
			[{ taxes: { rows: [{ taxType: 'VAT', taxRate: { pct: 20 } }] } }, 'taxes.rows[0].taxRate'],
			[{ charges: { rows: [{ type: 'Freight', amount: ['15.00'] }] } }, 'charges.rows[0].amount'],
			[{ allowances: { rows: 'Discount' } }, 'allowances.rows'],
			[{ options: { remember: 'false' } }, 'options.remember'],
			[{ options: { expectedTotalField: false } }, 'options.expectedTotalField'],
		];
		for (const [parameters, field] of perItem) {
			const error = await failure([{}, parameters]);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect([error?.message, error?.description, error?.context.itemIndex]).toEqual([
				expect.stringContaining(field),
				`Item 1, field ${field}.`,
				1,
			]);
		}
		const runError = await failure([{ dryRun: 'no' }]);
		expect(runError?.description).toBe('Item 0, field dryRun.');
		expect(invoiceRequests()).toHaveLength(0);
	});

	it(
		"runs in n8n's engine: shipment -> Build ASN -> Build Invoice, with " +
			'taxes, both accepted by the sandbox',
		async () => {
			const po = order('PO170001');
			sandbox.control.seed({ amazon: { vendorCode: 'VEND1', purchaseOrders: [po] } });
			const mapCtx = createContext({
				store: { data: {}, preAuthCalls: [] },
				items: [
					{
						json: {
							...(normalisePurchaseOrder(po) as unknown as IDataObject),
							raw: po as unknown as IDataObject,
							stock: { 'SKU-CASE': 100, 'SKU-EACH': 100 },
						},
					},
				],
				parameters: {
					mappingSource: 'table',
					mapping: { rows: MAPPING },
					matchFirst: 'asin',
					options: {},
				},
			});
			const [mapped] = await new MapAsinCasePack().execute.call(mapCtx);
			mapped[0].json.stock = { 'SKU-CASE': 100, 'SKU-EACH': 100 };
			const [acks] = await new AcknowledgePo().execute.call(
				createContext({
					store: sandbox.store(),
					items: mapped,
					parameters: {
						stockSource: 'field',
						stockField: 'stock',
						backorder: false,
						dryRun: false,
						waitUntilFinal: true,
						maxWaitSeconds: 5,
						pollIntervalSeconds: 1,
						options: {},
					},
				}),
			);
			const { clientId, clientSecret, refreshToken } = sandbox.control.credentials();
			const credentials = {
				amazonVendorCentralApi: {
					region: 'na',
					clientId,
					clientSecret,
					refreshToken,
					useCustomEndpoints: true,
					customBaseUrl: sandbox.url,
					customTokenUrl: sandbox.tokenUrl,
					accessToken: '',
				} as ICredentialDataDecryptedObject,
			};
			const shipmentItem = {
				shipment: {
					shipmentIdentifier: 'SHIP-170001',
					shippedDate: new Date().toISOString(),
					carrier: 'UPS Freight',
					proNumber: 'PRO-170001',
					billOfLadingNumber: 'BOL-170001',
					shipmentType: 'LTL',
					shipFromParty: { partyId: 'WH1' },
					cartons: twoCartons,
				},
				purchaseOrders: [acks[0].json],
				serials: [170001, 170002],
			};
			const staticData: IDataObject = {};
			const result = await runWorkflow(
				workflow()
					.trigger()
					.node('Shipment', TEST_ITEMS, { items: JSON.stringify([shipmentItem]) })
					.node('Build ASN', packageType('buildAsn'), {
						shipmentField: 'shipment',
						carriers: { rows: [{ name: 'UPS Freight', scac: 'UPGF' }] },
						ssccSource: 'field',
						serialsField: 'serials',
						companyPrefix: '0614141',
						cartonRule: 'asGiven',
						maxWaitSeconds: 5,
						pollIntervalSeconds: 1,
					})
					.node('Build Invoice', packageType('buildInvoice'), {
						invoiceNumber: "={{ 'INV-' + $json.shipmentIdentifier }}",
						taxes: { rows: [{ taxType: 'ST', taxRate: '8.25' }] },
						maxWaitSeconds: 5,
						pollIntervalSeconds: 1,
					})
					.chain('Trigger', 'Shipment', 'Build ASN', 'Build Invoice')
					.build(),
				{
					credentials,
					staticData,
					nodeTypes: {
						[packageType('buildAsn')]: BuildAsn,
						[packageType('buildInvoice')]: BuildInvoice,
					},
				},
			);
			expect(result.error).toBeUndefined();
			expect(result.output('Build ASN', 1)).toEqual([]);
			expect(result.output('Build Invoice', 1)).toEqual([]);
			const [invoice] = result.output('Build Invoice');
			// 151.20 x 8.25 % = 12.474 -> 12.47; 60.00 x 8.25 % = 4.95.
			expect(invoice.json).toMatchObject({
				invoiceNumber: 'INV-SHIP-170001',
				status: 'Success',
				figures: { items: '211.20', charges: '0', allowances: '0', tax: '17.42', total: '228.62' },
				invoice: {
					taxDetails: [
						{
							taxType: 'ST',
							taxRate: '8.25',
							taxAmount: { currencyCode: 'USD', amount: '17.42' },
							taxableAmount: { currencyCode: 'USD', amount: '211.20' },
						},
					],
				},
			});
			expect(invoice.pairedItem).toEqual({ item: 0 });
			expect(amazonInvoices().map((i) => [i.id, i.status, i.record?.total])).toEqual([
				['INV-SHIP-170001', 'Success', '228.62'],
			]);
			expect((staticData['node:Build Invoice'] as IDataObject).invoiceNumbers).toEqual({
				'INV-SHIP-170001': { at: expect.any(Number), status: 'Success' },
			});
		},
	);
});
