/**
 * Build ASN against the Vendor Central sandbox: purchase orders are mapped and acknowledged first
 * (the sandbox refuses an ASN for an unacknowledged PO), then shipped. What Amazon recorded is read
 * back from the sandbox's state.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { MapAsinCasePack } from '../../nodes/MapAsinCasePack/MapAsinCasePack.node';
import { AcknowledgePo } from '../../nodes/AcknowledgePo/AcknowledgePo.node';
import { BuildAsn } from '../../nodes/BuildAsn/BuildAsn.node';
import { normalisePurchaseOrder } from '../../nodes/shared/domain/purchaseOrder';
import { buildSscc, isValidSscc18 } from '../../nodes/shared/domain/asn';
import { createContext, type CredentialStore } from '../helpers/n8nContext';
import { amazonOrder, startPackageSandbox, type PackageSandbox } from '../helpers/sandbox';
import { TEST_ITEMS, packageType, runWorkflow, workflow } from '../helpers/workflowHarness';

const PREFIX = '0614141';
const MAPPING = [
	{ asin: 'B00000CASE', sku: 'SKU-CASE', casePack: 12 },
	{ asin: 'B000000EAC', sku: 'SKU-EACH', casePack: 6 },
];
const CARRIERS = [
	{ name: 'UPS Freight', scac: 'UPGF' },
	{ name: 'Old Dominion Freight Line', scac: 'ODFL' },
];

type Order = ReturnType<typeof amazonOrder>;

function triggerItem(order: Order): INodeExecutionData {
	return {
		json: {
			event: 'new',
			...(normalisePurchaseOrder(order) as unknown as IDataObject),
			raw: order as unknown as IDataObject,
		},
	};
}

/** A shipment in the node's documented shape, shipped now by LTL with UPS Freight. */
function shipment(id: string, cartons: IDataObject[], overrides: IDataObject = {}): IDataObject {
	return {
		shipmentIdentifier: id,
		shippedDate: new Date().toISOString(),
		carrier: 'UPS Freight',
		proNumber: `PRO-${id}`,
		billOfLadingNumber: `BOL-${id}`,
		shipmentType: 'LTL',
		transportationMode: 'road',
		shipFromParty: { partyId: 'WH1' },
		cartons,
		...overrides,
	};
}

const asnParameters = {
	shipmentField: 'shipment',
	purchaseOrdersField: 'purchaseOrders',
	region: 'NA',
	carrierSource: 'table',
	carriers: { rows: CARRIERS },
	// These shipments describe the warehouse's physical cartons (several cases in one LTL carton).
	cartonRule: 'asGiven',
	ssccSource: 'range',
	companyPrefix: PREFIX,
	extensionDigit: 0,
	confirmationType: 'Original',
	dryRun: false,
	waitUntilFinal: true,
	maxWaitSeconds: 5,
	pollIntervalSeconds: 1,
	options: {},
};

describe('Build ASN (against the sandbox)', () => {
	let sandbox: PackageSandbox;
	beforeEach(async () => {
		sandbox = await startPackageSandbox();
	});
	afterEach(async () => {
		await sandbox.close();
	});

	/** Seeds, maps and acknowledges the orders (stock for everything): Acknowledge PO's output items. */
	async function acknowledged(
		orders: Order[],
		stock: Record<string, number> = { 'SKU-CASE': 1000, 'SKU-EACH': 1000 },
	): Promise<IDataObject[]> {
		sandbox.control.seed({ amazon: { vendorCode: 'VEND1', purchaseOrders: orders } });
		const mapCtx = createContext({
			store: { data: {}, preAuthCalls: [] },
			items: orders.map(triggerItem),
			parameters: {
				mappingSource: 'table',
				mapping: { rows: MAPPING },
				matchFirst: 'asin',
				options: {},
			},
		});
		const [mapped, mapExceptions] = await new MapAsinCasePack().execute.call(mapCtx);
		expect(mapExceptions).toEqual([]);
		const ackCtx = createContext({
			store: sandbox.store(),
			items: mapped,
			parameters: {
				stockSource: 'input',
				backorder: false,
				dryRun: false,
				waitUntilFinal: true,
				maxWaitSeconds: 5,
				pollIntervalSeconds: 1,
				options: {},
			},
		});
		const getInputData = ackCtx.getInputData;
		ackCtx.getInputData = (inputIndex = 0) =>
			inputIndex === 1
				? Object.entries(stock).map(([sku, available]) => ({ json: { sku, available } }))
				: getInputData(0);
		const [acks, ackExceptions] = await new AcknowledgePo().execute.call(ackCtx);
		expect(ackExceptions).toEqual([]);
		sandbox.control.clearRequests();
		return acks.map((a) => a.json);
	}

	async function buildAsn(
		items: IDataObject[],
		parameters: Record<string, unknown> = {},
		extra: {
			staticData?: IDataObject;
			carriers?: IDataObject[];
			itemParameters?: Array<Record<string, unknown>>;
			store?: CredentialStore;
		} = {},
	) {
		const ctx = createContext({
			store: extra.store ?? sandbox.store(),
			items: items.map((json) => ({ json })),
			parameters: { ...asnParameters, ...parameters },
			itemParameters: extra.itemParameters,
			staticData: extra.staticData,
		});
		if (extra.carriers) {
			const getInputData = ctx.getInputData;
			ctx.getInputData = (inputIndex = 0) =>
				inputIndex === 1 ? extra.carriers!.map((json) => ({ json })) : getInputData(0);
		}
		const [done, exceptions] = await new BuildAsn().execute.call(ctx);
		return { done, exceptions };
	}

	const amazonState = () =>
		sandbox.control.state().amazon as {
			shipmentConfirmations: Array<{
				record: {
					shipmentIdentifier: string;
					confirmationType: string;
					ssccs: string[];
					lines: Array<{ purchaseOrderNumber: string; itemSequenceNumber: string; eaches: number }>;
				};
			}>;
			overages: unknown[];
			transactions: unknown;
		};
	const asnRequests = () =>
		sandbox.control
			.requests()
			.filter((r) => r.path === '/vendor/shipping/v1/shipmentConfirmations');
	const codes = (item: INodeExecutionData) =>
		(item.json.exceptions as Array<{ code: string }>).map((e) => e.code);

	it(
		'submits an ASN the sandbox accepts: eaches back to cases, SSCCs from ' +
			'the reserved range, SCAC from the table, label data',
		async () => {
			const [po] = await acknowledged([
				amazonOrder('PO100001', [
					{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' },
					{ asin: 'B000000EAC', amount: 6, cost: '10.00' },
				]),
			]);
			const item = {
				shipment: shipment('SHIP-100001', [
					{ id: 'C1', contents: [{ sku: 'SKU-CASE', eaches: 24 }] },
					{
						id: 'C2',
						contents: [
							{ sku: 'SKU-CASE', eaches: 12 },
							{ sku: 'SKU-EACH', eaches: 6 },
						],
					},
				]),
				purchaseOrders: [po],
			};
			const { done, exceptions } = await buildAsn([item], { firstSerial: 1001, serialCount: 2 });
			expect(exceptions).toEqual([]);
			expect(done).toHaveLength(1);
			const out = done[0].json;
			expect(out).toMatchObject({
				shipmentIdentifier: 'SHIP-100001',
				status: 'Success',
				final: true,
				carrierScac: 'UPGF',
				shipmentStructure: 'LooseAssortmentCase',
				purchaseOrderNumbers: ['PO100001'],
			});
			expect(done[0].pairedItem).toEqual({ item: 0 });

			const confirmation = out.confirmation as {
				shippedItems: Array<Record<string, any>>;
				cartons: Array<Record<string, any>>;
				transportationDetails: IDataObject;
			};
			expect(
				confirmation.shippedItems.map((i) => [i.amazonProductIdentifier, i.shippedQuantity]),
			).toEqual([
				['B00000CASE', { amount: 3, unitOfMeasure: 'Cases', unitSize: 12 }],
				['B000000EAC', { amount: 6, unitOfMeasure: 'Eaches', unitSize: 1 }],
			]);
			expect(confirmation.transportationDetails).toEqual({
				carrierScac: 'UPGF',
				carrierShipmentReferenceNumber: 'PRO-SHIP-100001',
				transportationMode: 'Road',
				billOfLadingNumber: 'BOL-SHIP-100001',
			});
			const first = buildSscc(0, PREFIX, 1001);
			expect(first).toBe('006141410000010011');
			expect(confirmation.cartons[0].cartonIdentifiers).toEqual([
				{ containerIdentificationType: 'SSCC', containerIdentificationNumber: `00${first}` },
			]);

			const labels = out.labels as Array<Record<string, unknown>>;
			expect(labels[0]).toMatchObject({
				containerType: 'carton',
				containerId: 'C1',
				countText: 'Carton 1 of 2',
				sscc: first,
				ssccHumanReadable: '(00) 0 0614141 000001001 1',
				gs1128Data: '(00)006141410000010011',
				purchaseOrderText: 'PO100001',
				productText: 'SKU-CASE',
				eaches: 24,
				carrierScac: 'UPGF',
				proNumber: 'PRO-SHIP-100001',
			});
			expect(labels[1]).toMatchObject({
				countText: 'Carton 2 of 2',
				productText: 'Mixed SKUs',
				sscc: buildSscc(0, PREFIX, 1002),
			});
			expect(out.shippedLines).toEqual([
				expect.objectContaining({
					purchaseOrderNumber: 'PO100001',
					itemSequenceNumber: '1',
					shippedQuantity: 3,
					shippedEaches: 36,
					acceptedQuantity: 3,
					remainingQuantity: 0,
				}),
				expect.objectContaining({
					purchaseOrderNumber: 'PO100001',
					itemSequenceNumber: '2',
					shippedQuantity: 6,
					shippedEaches: 6,
					acceptedQuantity: 6,
					remainingQuantity: 0,
				}),
			]);

			const stored = amazonState().shipmentConfirmations;
			expect(stored).toHaveLength(1);
			expect(stored[0].record).toMatchObject({
				shipmentIdentifier: 'SHIP-100001',
				confirmationType: 'Original',
				ssccs: [`00${first}`, `00${buildSscc(0, PREFIX, 1002)}`],
			});
			expect(stored[0].record.lines).toEqual([
				{ purchaseOrderNumber: 'PO100001', itemSequenceNumber: '1', eaches: 36 },
				{ purchaseOrderNumber: 'PO100001', itemSequenceNumber: '2', eaches: 6 },
			]);
			expect(amazonState().overages).toEqual([]);
		},
	);

	it(
		'two executions running at once with disjoint reserved serials: every ' +
			'SSCC valid and distinct, both accepted; a reused SSCC is refused',
		async () => {
			const [a, b] = await acknowledged([
				amazonOrder('PO200001', [
					{ asin: 'B00000CASE', amount: 4, unit: 'Cases', unitSize: 12, cost: '4.20' },
				]),
				amazonOrder('PO200002', [
					{ asin: 'B00000CASE', amount: 4, unit: 'Cases', unitSize: 12, cost: '4.20' },
				]),
			]);
			const twoCartons = () => [
				{ id: 'C1', contents: [{ sku: 'SKU-CASE', eaches: 24 }] },
				{ id: 'C2', contents: [{ sku: 'SKU-CASE', eaches: 24 }] },
			];
			// The workflow reserved [2001, 2002] for one execution and [3001, 3002] for the other (e.g.
			// with UPDATE sscc_counter SET next = next + 2 RETURNING next - 2). Each execution starts from
			// its own copy of the workflow's static data, as n8n does for executions running at once.
			const persisted: IDataObject = {};
			const staticA = structuredClone(persisted);
			const staticB = structuredClone(persisted);
			const [runA, runB] = await Promise.all([
				buildAsn(
					[
						{
							shipment: shipment('SHIP-200001', twoCartons()),
							purchaseOrders: [a],
							ssccSerials: { first: 2001, count: 2 },
						},
					],
					{ ssccSource: 'field', serialsField: 'ssccSerials' },
					{ staticData: staticA },
				),
				buildAsn(
					[
						{
							shipment: shipment('SHIP-200002', twoCartons()),
							purchaseOrders: [b],
							ssccSerials: [3001, 3002],
						},
					],
					{ ssccSource: 'field', serialsField: 'ssccSerials' },
					{ staticData: staticB },
				),
			]);
			expect([...runA.exceptions, ...runB.exceptions]).toEqual([]);
			expect([runA.done[0].json.status, runB.done[0].json.status]).toEqual(['Success', 'Success']);
			const ssccs = [...runA.done, ...runB.done].flatMap((d) =>
				(d.json.generatedSsccs as Array<{ sscc: string }>).map((g) => g.sscc),
			);
			expect(ssccs).toHaveLength(4);
			expect(ssccs.every((s) => isValidSscc18(s))).toBe(true);
			expect(new Set(ssccs).size).toBe(4);
			expect(ssccs).toEqual([2001, 2002, 3001, 3002].map((serial) => buildSscc(0, PREFIX, serial)));
			expect(
				amazonState()
					.shipmentConfirmations.flatMap((s) => s.record.ssccs)
					.sort(),
			).toEqual(ssccs.map((s) => `00${s}`).sort());

			// The node remembers what it submitted: a later execution given serial 2001 again is refused
			// before anything is sent.
			expect(Object.keys(staticA.ssccs as IDataObject)).toEqual(ssccs.slice(0, 2));
			const [c] = await acknowledged([
				amazonOrder('PO200003', [
					{ asin: 'B00000CASE', amount: 1, unit: 'Cases', unitSize: 12, cost: '4.20' },
				]),
			]);
			const reuse = await buildAsn(
				[
					{
						shipment: shipment('SHIP-200003', [
							{ id: 'C1', contents: [{ sku: 'SKU-CASE', eaches: 12 }] },
						]),
						purchaseOrders: [c],
					},
				],
				{ firstSerial: 2001, serialCount: 1 },
				{ staticData: staticA },
			);
			expect(reuse.done).toEqual([]);
			expect(codes(reuse.exceptions[0])).toEqual(['SSCC_REUSED']);
			expect(reuse.exceptions[0].json).toMatchObject({
				reason: 'invalidShipment',
				shipmentIdentifier: 'SHIP-200003',
			});
			expect(asnRequests()).toHaveLength(0);

			// The static data is only a safety net: an execution that started with an older copy (here
			// B's) does not see A's SSCCs. Amazon then refuses the ASN; the transaction Failure goes to
			// Exceptions with Amazon's errors, and nothing is remembered.
			const unsafe = await buildAsn(
				[
					{
						shipment: shipment('SHIP-200004', [
							{ id: 'C1', contents: [{ sku: 'SKU-CASE', eaches: 12 }] },
						]),
						purchaseOrders: [c],
					},
				],
				{ firstSerial: 2001, serialCount: 1 },
				{ staticData: staticB },
			);
			expect(unsafe.done).toEqual([]);
			expect(unsafe.exceptions[0].json).toMatchObject({
				reason: 'transactionFailure',
				status: 'Failure',
				shipmentIdentifier: 'SHIP-200004',
			});
			expect(JSON.stringify(unsafe.exceptions[0].json.errors)).toContain(
				`00${buildSscc(0, PREFIX, 2001)}`,
			);
			expect(Object.keys(staticB.ssccs as IDataObject)).toEqual(ssccs.slice(2));
			expect(amazonState().shipmentConfirmations).toHaveLength(2);
		},
	);

	it(
		'checks warehouse SSCCs: a wrong check digit is an exception, a valid ' +
			'one is sent as "00" + 18 digits',
		async () => {
			const [po] = await acknowledged([
				amazonOrder('PO300001', [{ asin: 'B000000EAC', amount: 12, cost: '10.00' }]),
			]);
			const good = buildSscc(1, PREFIX, 777);
			const wrong = `${good.slice(0, 17)}${(Number(good[17]) + 1) % 10}`;
			const item = (sscc: string, id: string) => ({
				shipment: shipment(id, [{ id: 'C1', sscc, contents: [{ sku: 'SKU-EACH', eaches: 12 }] }]),
				purchaseOrders: [po],
			});

			const bad = await buildAsn([item(wrong, 'SHIP-300001')], { ssccSource: 'warehouse' });
			expect(bad.done).toEqual([]);
			expect(codes(bad.exceptions[0])).toEqual(['INVALID_SSCC']);
			expect(bad.exceptions[0].json.message).toContain('wrong check digit');
			expect(asnRequests()).toHaveLength(0);

			const ok = await buildAsn([item(`(00) ${good}`, 'SHIP-300002')], { ssccSource: 'warehouse' });
			expect(ok.exceptions).toEqual([]);
			expect(
				(ok.done[0].json.confirmation as { cartons: Array<{ cartonIdentifiers: unknown }> })
					.cartons[0].cartonIdentifiers,
			).toEqual([
				{ containerIdentificationType: 'SSCC', containerIdentificationNumber: `00${good}` },
			]);
			expect(ok.done[0].json.generatedSsccs).toEqual([]);
		},
	);

	it('an unknown carrier is an exception (carrier table on the second input)', async () => {
		const [po] = await acknowledged([
			amazonOrder('PO400001', [{ asin: 'B000000EAC', amount: 6, cost: '10.00' }]),
		]);
		const item = (carrier: string, id: string) => ({
			shipment: shipment(id, [{ id: 'C1', contents: [{ sku: 'SKU-EACH', eaches: 6 }] }], {
				carrier,
			}),
			purchaseOrders: [po],
		});
		const carriers = [{ carrier: 'Estes Express', code: 'exla' }];
		const unknown = await buildAsn(
			[item('Speedy Freight LLC', 'SHIP-400001')],
			{ carrierSource: 'input', firstSerial: 4001, serialCount: 1 },
			{ carriers },
		);
		expect(codes(unknown.exceptions[0])).toEqual(['UNKNOWN_CARRIER']);
		expect(unknown.exceptions[0].json.message).toContain(
			'"Speedy Freight LLC" is not in the carrier table (known carriers: Estes Express (EXLA))',
		);
		expect(asnRequests()).toHaveLength(0);

		const known = await buildAsn(
			[item('ESTES-EXPRESS', 'SHIP-400002')],
			{ carrierSource: 'input', firstSerial: 4002, serialCount: 1 },
			{ carriers },
		);
		expect(known.exceptions).toEqual([]);
		expect(known.done[0].json).toMatchObject({ carrierScac: 'EXLA', status: 'Success' });
	});

	it(
		'partial shipments: two ASNs with new identifiers whose sum equals the ' +
			'accepted quantity, then nothing more may ship',
		async () => {
			const [po] = await acknowledged([
				amazonOrder('PO500001', [
					{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' },
					{ asin: 'B000000EAC', amount: 6, cost: '10.00' },
				]),
			]);
			const first = await buildAsn(
				[
					{
						shipment: shipment('SHIP-500001', [
							{
								id: 'C1',
								contents: [
									{ sku: 'SKU-CASE', eaches: 12 },
									{ sku: 'SKU-EACH', eaches: 2 },
								],
							},
						]),
						purchaseOrders: [po],
					},
				],
				{ firstSerial: 5001, serialCount: 1 },
			);
			expect(first.exceptions).toEqual([]);
			const shippedLines = first.done[0].json.shippedLines as IDataObject[];
			expect(shippedLines.map((l) => [l.shippedQuantity, l.remainingQuantity])).toEqual([
				[1, 2],
				[2, 4],
			]);

			// The workflow passes what earlier ASNs shipped: here the first ASN's shippedLines.
			const second = await buildAsn(
				[
					{
						shipment: shipment('SHIP-500002', [
							{ id: 'C1', contents: [{ sku: 'SKU-CASE', eaches: 24 }] },
							{ id: 'C2', contents: [{ sku: 'SKU-EACH', eaches: 4 }] },
						]),
						purchaseOrders: [po],
						alreadyShipped: shippedLines,
					},
				],
				{ firstSerial: 5002, serialCount: 2 },
			);
			expect(second.exceptions).toEqual([]);
			expect(
				(second.done[0].json.shippedLines as IDataObject[]).map((l) => [
					l.alreadyShippedQuantity,
					l.shippedQuantity,
					l.remainingQuantity,
				]),
			).toEqual([
				[1, 2, 0],
				[2, 4, 0],
			]);

			const stored = amazonState().shipmentConfirmations;
			expect(stored.map((s) => s.record.shipmentIdentifier)).toEqual([
				'SHIP-500001',
				'SHIP-500002',
			]);
			const total = (seq: string) =>
				stored
					.flatMap((s) => s.record.lines)
					.filter((l) => l.itemSequenceNumber === seq)
					.reduce((n, l) => n + l.eaches, 0);
			expect([total('1'), total('2')]).toEqual([36, 6]);
			expect(amazonState().overages).toEqual([]);

			const third = await buildAsn(
				[
					{
						shipment: shipment('SHIP-500003', [
							{ id: 'C1', contents: [{ sku: 'SKU-EACH', eaches: 1 }] },
						]),
						purchaseOrders: [po],
						alreadyShipped: [
							...shippedLines,
							...(second.done[0].json.shippedLines as IDataObject[]),
						],
					},
				],
				{ firstSerial: 5004, serialCount: 1 },
			);
			expect(codes(third.exceptions[0])).toEqual(['OVER_SHIPMENT']);
			expect(
				(third.exceptions[0].json.exceptions as Array<{ details: IDataObject }>)[0].details,
			).toMatchObject({ shipped: 1, accepted: 6, alreadyShipped: 6, shippable: 0 });
		},
	);

	it(
		'within one run, a later shipment sees what the earlier ones shipped, ' +
			'and one identifier is not used twice',
		async () => {
			const [po] = await acknowledged([
				amazonOrder('PO510001', [{ asin: 'B000000EAC', amount: 6, cost: '10.00' }]),
			]);
			const item = (id: string, eaches: number) => ({
				shipment: shipment(id, [{ id: 'C1', contents: [{ sku: 'SKU-EACH', eaches }] }]),
				purchaseOrders: [po],
			});
			const { done, exceptions } = await buildAsn(
				[item('SHIP-510001', 4), item('SHIP-510002', 4), item('SHIP-510001', 1)],
				{ ssccSource: 'field', serialsField: 'serials' },
			);
			// No serials given in the field: every carton needs an SSCC in NA.
			expect(done).toEqual([]);
			expect(exceptions.map((e) => codes(e))).toEqual([
				['SSCC_SERIALS_EXHAUSTED'],
				['SSCC_SERIALS_EXHAUSTED'],
				['SSCC_SERIALS_EXHAUSTED'],
			]);
			expect(exceptions[0].json.ssccSerialsNeeded).toBe(1);

			const run = await buildAsn(
				[item('SHIP-510001', 4), item('SHIP-510002', 4), item('SHIP-510001', 1)],
				{ ssccSource: 'range', serialCount: 1 },
				{
					itemParameters: [{ firstSerial: 5101 }, { firstSerial: 5102 }, { firstSerial: 5103 }],
				},
			);
			expect(run.done.map((d) => d.json.shipmentIdentifier)).toEqual(['SHIP-510001']);
			expect(run.exceptions.map((e) => [e.pairedItem, codes(e)])).toEqual([
				[{ item: 1 }, ['OVER_SHIPMENT']],
				[{ item: 2 }, ['SHIPMENT_ID_REUSED']],
			]);
		},
	);

	it('a Cases line must ship whole cases', async () => {
		const [po] = await acknowledged([
			amazonOrder('PO600001', [
				{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' },
			]),
		]);
		const { done, exceptions } = await buildAsn(
			[
				{
					shipment: shipment('SHIP-600001', [
						{ id: 'C1', contents: [{ sku: 'SKU-CASE', eaches: 18 }] },
					]),
					purchaseOrders: [po],
				},
			],
			{ firstSerial: 6001, serialCount: 1 },
		);
		expect(done).toEqual([]);
		expect(codes(exceptions[0])).toEqual(['CASES_NOT_WHOLE', 'CASES_NOT_WHOLE']);
		expect(
			(exceptions[0].json.exceptions as Array<{ message: string; details: IDataObject }>)[0],
		).toMatchObject({
			message: expect.stringContaining(
				'18 eaches of SKU "SKU-CASE" is not a whole number of cases of 12',
			),
			details: { wholeCases: 1, looseEaches: 6 },
		});
		expect(asnRequests()).toHaveLength(0);
	});

	it('North America: SCAC, PRO number and, for LTL, a bill of lading are required', async () => {
		const [po] = await acknowledged([
			amazonOrder('PO700001', [{ asin: 'B000000EAC', amount: 6, cost: '10.00' }]),
		]);
		const item = (overrides: IDataObject) => ({
			shipment: shipment(
				'SHIP-700001',
				[{ id: 'C1', contents: [{ sku: 'SKU-EACH', eaches: 6 }] }],
				overrides,
			),
			purchaseOrders: [po],
		});
		const { exceptions } = await buildAsn(
			[
				item({ carrier: undefined, proNumber: undefined, billOfLadingNumber: undefined }),
				item({ billOfLadingNumber: '7' }),
				item({ billOfLadingNumber: '2026-03-01' }),
			],
			{ firstSerial: 7001, serialCount: 1 },
		);
		expect(exceptions.map(codes)).toEqual([
			['CARRIER_MISSING', 'PRO_NUMBER_MISSING', 'BILL_OF_LADING_MISSING'],
			['BILL_OF_LADING_INVALID'],
			['BILL_OF_LADING_INVALID'],
		]);
		expect(asnRequests()).toHaveLength(0);

		// Small parcel: no bill of lading needed; the tracking number is the PRO and the carton's.
		const parcel = await buildAsn(
			[
				item({
					carrier: 'UPGF',
					proNumber: undefined,
					billOfLadingNumber: undefined,
					shipmentType: 'SmallParcel',
					trackingNumber: '1Z999AA10123456784',
				}),
			],
			{ firstSerial: 7002, serialCount: 1 },
		);
		expect(parcel.exceptions).toEqual([]);
		expect(
			(
				parcel.done[0].json.confirmation as {
					transportationDetails: IDataObject;
					cartons: IDataObject[];
				}
			).cartons[0].trackingNumber,
		).toBe('1Z999AA10123456784');
		expect(parcel.done[0].json.status).toBe('Success');
	});

	it(
		'Replace: only reductions, under the same identifier, within 7 days; ' +
			"the original's SSCCs may be repeated",
		async () => {
			const [po] = await acknowledged([
				amazonOrder('PO800001', [
					{ asin: 'B00000CASE', amount: 4, unit: 'Cases', unitSize: 12, cost: '4.20' },
				]),
			]);
			const staticData: IDataObject = {};
			const original = await buildAsn(
				[
					{
						shipment: shipment('SHIP-800001', [
							{ id: 'C1', contents: [{ sku: 'SKU-CASE', eaches: 24 }] },
							{ id: 'C2', contents: [{ sku: 'SKU-CASE', eaches: 12 }] },
						]),
						purchaseOrders: [po],
					},
				],
				{ firstSerial: 8001, serialCount: 2 },
				{ staticData },
			);
			expect(original.exceptions).toEqual([]);
			const [s1, s2] = (original.done[0].json.generatedSsccs as Array<{ sscc: string }>).map(
				(g) => g.sscc,
			);
			const replacement = (cartons: IDataObject[], id = 'SHIP-800001') => ({
				shipment: shipment(id, cartons),
				purchaseOrders: [po],
			});

			// More than the original (4 cases instead of 3, still within the 4 accepted): refused before sending.
			const increase = await buildAsn(
				[
					replacement([
						{ id: 'C1', sscc: s1, contents: [{ sku: 'SKU-CASE', eaches: 24 }] },
						{ id: 'C2', sscc: s2, contents: [{ sku: 'SKU-CASE', eaches: 24 }] },
					]),
				],
				{ confirmationType: 'Replace', ssccSource: 'warehouse' },
				{ staticData },
			);
			expect(codes(increase.exceptions[0])).toEqual(['REPLACE_INCREASE']);
			// Another identifier: refused.
			const otherId = await buildAsn(
				[
					replacement(
						[{ id: 'C1', sscc: s1, contents: [{ sku: 'SKU-CASE', eaches: 24 }] }],
						'SHIP-800009',
					),
				],
				{ confirmationType: 'Replace', ssccSource: 'warehouse' },
				{
					staticData: { ...staticData },
					itemParameters: [{}],
				},
			);
			expect(codes(otherId.exceptions[0])).toContain('REPLACE_WITHOUT_PREVIOUS');
			const mismatch = await buildAsn(
				[
					{
						...replacement(
							[{ id: 'C1', sscc: s1, contents: [{ sku: 'SKU-CASE', eaches: 24 }] }],
							'SHIP-800009',
						),
						previousConfirmation: original.done[0].json,
					},
				],
				{ confirmationType: 'Replace', ssccSource: 'warehouse' },
				{ staticData },
			);
			expect(codes(mismatch.exceptions[0])).toEqual(['REPLACE_IDENTIFIER_MISMATCH']);
			// More than 7 days after the original: refused.
			const late = await buildAsn(
				[
					{
						...replacement([{ id: 'C1', sscc: s1, contents: [{ sku: 'SKU-CASE', eaches: 24 }] }]),
						previousConfirmation: {
							...original.done[0].json,
							originalSubmittedAt: new Date(Date.now() - 8 * 86_400_000).toISOString(),
						},
					},
				],
				{ confirmationType: 'Replace', ssccSource: 'warehouse' },
				{ staticData },
			);
			expect(codes(late.exceptions[0])).toContain('REPLACE_TOO_LATE');
			expect(asnRequests()).toHaveLength(1);

			// A reduction (the carton of 1 case dropped), previous confirmation remembered by the node.
			const reduced = await buildAsn(
				[replacement([{ id: 'C1', sscc: s1, contents: [{ sku: 'SKU-CASE', eaches: 24 }] }])],
				{ confirmationType: 'Replace', ssccSource: 'warehouse' },
				{ staticData },
			);
			expect(reduced.exceptions).toEqual([]);
			expect(reduced.done[0].json).toMatchObject({
				status: 'Success',
				confirmationType: 'Replace',
				originalSubmittedAt: original.done[0].json.submittedAt,
			});
			const stored = amazonState().shipmentConfirmations;
			expect(stored).toHaveLength(1);
			expect(stored[0].record).toMatchObject({
				confirmationType: 'Replace',
				ssccs: [`00${s1}`],
				lines: [{ purchaseOrderNumber: 'PO800001', itemSequenceNumber: '1', eaches: 24 }],
			});
		},
	);

	it('a dry run builds, checks and outputs the labels on Built, sends nothing and remembers nothing', async () => {
		const [po] = await acknowledged([
			amazonOrder('PO900001', [{ asin: 'B000000EAC', amount: 6, cost: '10.00' }]),
		]);
		const staticData: IDataObject = {};
		const { done, exceptions } = await buildAsn(
			[
				{
					shipment: shipment('SHIP-900001', [
						{ id: 'C1', contents: [{ sku: 'SKU-EACH', eaches: 6 }] },
					]),
					purchaseOrders: [po],
				},
			],
			{ dryRun: true, firstSerial: 9001, serialCount: 1 },
			{ staticData, store: { data: {}, preAuthCalls: [] } },
		);
		expect(exceptions).toEqual([]);
		expect(done[0].json).toMatchObject({
			dryRun: true,
			status: 'NotSent',
			shipmentIdentifier: 'SHIP-900001',
		});
		expect((done[0].json.labels as IDataObject[])[0]).toMatchObject({
			countText: 'Carton 1 of 1',
			sscc: buildSscc(0, PREFIX, 9001),
		});
		expect(sandbox.control.requests()).toHaveLength(0);
		expect(staticData).toEqual({});
	});

	it('sends an item that is not a shipment, or a purchase order never acknowledged, to Exceptions', async () => {
		const [po] = await acknowledged([
			amazonOrder('PO910001', [{ asin: 'B000000EAC', amount: 6, cost: '10.00' }]),
		]);
		const unacknowledged = { ...po, acknowledgement: undefined };
		const { exceptions } = await buildAsn(
			[
				{ shipment: 'nothing' },
				{
					shipment: shipment('SHIP-910001', [
						{ id: 'C1', contents: [{ sku: 'SKU-EACH', eaches: 6 }] },
					]),
					purchaseOrders: unacknowledged,
				},
			],
			{ firstSerial: 9101, serialCount: 1 },
		);
		expect(exceptions.map((e) => [e.pairedItem, e.json.reason])).toEqual([
			[{ item: 0 }, 'invalidInput'],
			[{ item: 1 }, 'invalidInput'],
		]);
		expect(exceptions[1].json.message).toContain('PO PO910001 has no acknowledgement');
	});

	it(
		'one carton per case by default: a parcel of 5 cases in one given ' +
			'carton is sent as 5 cartons, 5 SSCCs, one tracking number each, with ' +
			'label contents',
		async () => {
			const [po] = await acknowledged([
				amazonOrder('PO120001', [
					{ asin: 'B00000CASE', amount: 5, unit: 'Cases', unitSize: 12, cost: '4.20' },
				]),
			]);
			const numbers = ['1Z01', '1Z02', '1Z03', '1Z04', '1Z05'];
			const item = {
				shipment: shipment(
					'SHIP-120001',
					[{ id: 'L1', contents: [{ sku: 'SKU-CASE', eaches: 60 }] }],
					{
						carrier: 'UPS Freight',
						shipmentType: 'SmallParcel',
						trackingNumber: '1Z01',
						trackingNumbers: numbers,
					},
				),
				purchaseOrders: [po],
			};
			const { done, exceptions } = await buildAsn([item], {
				cartonRule: 'onePerCase',
				firstSerial: 1201,
				serialCount: 5,
			});
			expect(exceptions).toEqual([]);
			expect(done[0].json).toMatchObject({
				status: 'Success',
				givenCartonCount: 1,
				cartonCount: 5,
				warnings: [],
			});
			const stored = amazonState().shipmentConfirmations[0].record as unknown as {
				ssccs: string[];
				cartonCount: number;
				confirmation: {
					cartons: Array<{
						trackingNumber: string;
						items: Array<{ shippedQuantity: IDataObject }>;
					}>;
				};
			};
			expect([stored.cartonCount, new Set(stored.ssccs).size]).toEqual([5, 5]);
			expect(
				stored.confirmation.cartons.map((c) => [
					c.trackingNumber,
					c.items[0].shippedQuantity.amount,
				]),
			).toEqual(numbers.map((n) => [n, 1]));
			const labels = done[0].json.labels as IDataObject[];
			expect(labels.map((l) => [l.containerId, l.countText, l.trackingNumber, l.sscc])).toEqual(
				numbers.map((n, k) => [
					`L1-${k + 1}`,
					`Carton ${k + 1} of 5`,
					n,
					buildSscc(0, PREFIX, 1201 + k),
				]),
			);
			expect(labels[0].contents).toEqual([
				{
					purchaseOrderNumber: 'PO120001',
					itemSequenceNumber: '1',
					sku: 'SKU-CASE',
					amazonProductIdentifier: 'B00000CASE',
					eaches: 12,
					quantity: 1,
					unitOfMeasure: 'Cases',
					unitSize: 12,
				},
			]);
		},
	);

	it(
		'check and count only: Built says how many serials to reserve and ' +
			'nothing is sent; the same shipment then goes out with exactly that ' +
			'many',
		async () => {
			const [po] = await acknowledged([
				amazonOrder('PO130001', [
					{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' },
					{ asin: 'B000000EAC', amount: 12, cost: '10.00' },
				]),
			]);
			const item = {
				shipment: shipment('SHIP-130001', [
					{ id: 'L1', contents: [{ sku: 'SKU-CASE', eaches: 36 }] },
					{ id: 'L2', contents: [{ sku: 'SKU-EACH', eaches: 12 }] },
				]),
				purchaseOrders: [po],
			};
			const staticData: IDataObject = {};
			const packing = {
				cartonRule: 'onePerCase',
				eachesPacking: 'unitsPerCarton',
				eachesPerCarton: 5,
			};
			const checked = await buildAsn(
				[item],
				{ ...packing, ssccSource: 'count', dryRun: true },
				{ staticData, store: { data: {}, preAuthCalls: [] } },
			);
			expect(checked.exceptions).toEqual([]);
			expect(checked.done[0].json).toMatchObject({
				status: 'Checked',
				checkedOnly: true,
				ssccSerialsNeeded: 6,
				cartonCount: 6,
			});
			expect(checked.done[0].json.confirmation).toBeUndefined();
			expect(checked.done[0].json.labels).toBeUndefined();
			expect(
				(checked.done[0].json.cartons as Array<{ contents: IDataObject[] }>).map((c) =>
					c.contents.map((x) => x.eaches),
				),
			).toEqual([[12], [12], [12], [5], [5], [2]]);
			expect([sandbox.control.requests().length, staticData]).toEqual([0, {}]);

			const sent = await buildAsn([{ ...item, ssccSerials: { first: 1301, count: 6 } }], {
				...packing,
				ssccSource: 'field',
				serialsField: 'ssccSerials',
			});
			expect(sent.exceptions).toEqual([]);
			expect(sent.done[0].json.generatedSsccs as IDataObject[]).toHaveLength(6);
			expect(amazonState().shipmentConfirmations[0].record.ssccs).toHaveLength(6);

			const failing = await buildAsn(
				[{ ...item, shipment: { ...item.shipment, carrier: 'Speedy Freight LLC' } }],
				{ ...packing, ssccSource: 'count', dryRun: true },
				{ store: { data: {}, preAuthCalls: [] } },
			);
			expect([failing.done.length, codes(failing.exceptions[0])]).toEqual([0, ['UNKNOWN_CARRIER']]);
		},
	);

	it(
		'the same SKU on two lines of a PO: the shipped eaches are split back ' +
			'to the lines in line order, sent and accepted',
		async () => {
			const [po] = await acknowledged([
				amazonOrder('PO140001', [
					{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' },
					{ asin: 'B000000EAC', amount: 6, cost: '10.00' },
					{ asin: 'B00000CASE', amount: 1, unit: 'Cases', unitSize: 12, cost: '4.20' },
				]),
			]);
			const item = {
				shipment: shipment('SHIP-140001', [
					{
						id: 'L1',
						contents: [{ sku: 'SKU-CASE', eaches: 48, purchaseOrderNumber: 'PO140001' }],
					},
					{ id: 'L2', contents: [{ sku: 'SKU-EACH', eaches: 6 }] },
				]),
				purchaseOrders: [po],
			};
			const strict = await buildAsn([item], {
				cartonRule: 'onePerCase',
				firstSerial: 1401,
				serialCount: 5,
				options: { sameSkuLines: 'exception' },
			});
			expect(codes(strict.exceptions[0])).toEqual(['AMBIGUOUS_SKU']);
			const { done, exceptions } = await buildAsn([item], {
				cartonRule: 'onePerCase',
				firstSerial: 1401,
				serialCount: 5,
			});
			expect(exceptions).toEqual([]);
			expect(
				(done[0].json.shippedLines as IDataObject[]).map((l) => [
					l.itemSequenceNumber,
					l.shippedQuantity,
					l.remainingQuantity,
				]),
			).toEqual([
				['1', 3, 0],
				['3', 1, 0],
				['2', 6, 0],
			]);
			expect(done[0].json.lineSplits).toEqual([
				{
					path: 'cartons[0].contents[0]',
					sku: 'SKU-CASE',
					purchaseOrderNumber: 'PO140001',
					eaches: 48,
					lines: [
						{ itemSequenceNumber: '1', eaches: 36 },
						{ itemSequenceNumber: '3', eaches: 12 },
					],
				},
			]);
			expect(done[0].json).toMatchObject({ status: 'Success', cartonCount: 5 });
		},
	);

	it('bad packing options stop the node with the item and the field named', async () => {
		const [po] = await acknowledged([
			amazonOrder('PO150001', [{ asin: 'B000000EAC', amount: 6, cost: '10.00' }]),
		]);
		const item = {
			shipment: shipment('SHIP-150001', [{ id: 'C1', contents: [{ sku: 'SKU-EACH', eaches: 6 }] }]),
			purchaseOrders: [po],
		};
		await expect(
			buildAsn([item], {
				eachesPacking: 'unitsPerCarton',
				eachesPerCarton: 0,
				firstSerial: 1501,
				serialCount: 1,
			}),
		).rejects.toThrow(/Eaches per Carton: eachesPerCarton must be 1 or more/);
		await expect(
			buildAsn([item], {
				carrierSource: 'json',
				carriersJson: '{"name": "UPS"}',
				firstSerial: 1501,
				serialCount: 1,
			}),
		).rejects.toThrow(/carrier table cannot be used/);
		const viaJson = await buildAsn([item], {
			carrierSource: 'json',
			carriersJson: JSON.stringify(CARRIERS),
			firstSerial: 1501,
			serialCount: 1,
		});
		expect([viaJson.exceptions, viaJson.done[0].json.carrierScac]).toEqual([[], 'UPGF']);
	});

	it('a wrongly typed parameter stops the node naming the item and the field; nothing is sent', async () => {
		const [po] = await acknowledged([
			amazonOrder('PO160001', [{ asin: 'B000000EAC', amount: 6, cost: '10.00' }]),
		]);
		const item = {
			shipment: shipment('SHIP-160001', [{ id: 'C1', contents: [{ sku: 'SKU-EACH', eaches: 6 }] }]),
			purchaseOrders: [po],
		};
		const failure = (itemParameters: Array<Record<string, unknown>>) =>
			buildAsn([item, item], { firstSerial: 1601, serialCount: 1 }, { itemParameters }).then(
				() => undefined,
				(error: unknown) => error as NodeOperationError,
			);
		const perItem: Array<[Record<string, unknown>, string]> = [
			[{ shipmentField: { path: 'shipment' } }, 'shipmentField'],
			[{ confirmationType: 'Orginal' }, 'confirmationType'],
			[{ ssccSource: 'rnage' }, 'ssccSource'],
			[{ companyPrefix: ['0614141'] }, 'companyPrefix'],
			[{ options: { usedSsccsField: ['usedSsccs'] } }, 'options.usedSsccsField'],
			[{ options: { requireAcknowledgement: 'no' } }, 'options.requireAcknowledgement'],
			[{ options: { quantityUnit: 'cases' } }, 'options.quantityUnit'],
			[{ options: 'all' }, 'options'],
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
		// The parameters of the run are read at item 0.
		const runError = await failure([{ maxWaitSeconds: 'soon', options: { remember: 1 } }]);
		expect(runError?.description).toBe('Item 0, field maxWaitSeconds.');
		expect(sandbox.control.requests()).toHaveLength(0);
	});

	it(
		"runs in n8n's engine: shipments on the first input, carriers on the " +
			'second, submitted to the sandbox',
		async () => {
			const [po] = await acknowledged([
				amazonOrder('PO950001', [{ asin: 'B000000EAC', amount: 12, cost: '10.00' }]),
			]);
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
			const staticData: IDataObject = {};
			const items = [
				{
					shipment: shipment(
						'SHIP-950001',
						[{ id: 'C1', contents: [{ sku: 'SKU-EACH', eaches: 6 }] }],
						{ carrier: 'Old Dominion' },
					),
					purchaseOrders: [po],
					firstSerial: 9501,
				},
				{
					shipment: shipment(
						'SHIP-950002',
						[{ id: 'C1', contents: [{ sku: 'SKU-EACH', eaches: 6 }] }],
						{ carrier: 'ODFL' },
					),
					purchaseOrders: [po],
					firstSerial: 9502,
				},
			];
			const result = await runWorkflow(
				workflow()
					.trigger()
					.node('Shipments', TEST_ITEMS, { items: JSON.stringify(items) })
					.node('Carriers', TEST_ITEMS, {
						items: JSON.stringify([{ name: 'Old Dominion', scac: 'ODFL' }]),
					})
					.node('Build ASN', packageType('buildAsn'), {
						shipmentField: 'shipment',
						carrierSource: 'input',
						ssccSource: 'range',
						companyPrefix: PREFIX,
						firstSerial: '={{ $json.firstSerial }}',
						serialCount: 1,
						maxWaitSeconds: 5,
						pollIntervalSeconds: 1,
					})
					.connect('Trigger', 'Shipments')
					.connect('Trigger', 'Carriers')
					.connect('Shipments', 'Build ASN')
					.connect('Carriers', 'Build ASN', { input: 1 })
					.build(),
				{ credentials, staticData, nodeTypes: { [packageType('buildAsn')]: BuildAsn } },
			);
			expect(result.error).toBeUndefined();
			const [submitted, exceptions] = result.outputs('Build ASN');
			expect(exceptions).toEqual([]);
			expect(
				submitted.map((s) => [
					s.json.shipmentIdentifier,
					s.json.status,
					s.json.carrierScac,
					s.pairedItem,
				]),
			).toEqual([
				['SHIP-950001', 'Success', 'ODFL', { item: 0 }],
				['SHIP-950002', 'Success', 'ODFL', { item: 1 }],
			]);
			// The second shipment saw the first one's 6 eaches within the run: 12 accepted, 12 shipped.
			expect((submitted[1].json.shippedLines as IDataObject[])[0]).toMatchObject({
				alreadyShippedQuantity: 6,
				remainingQuantity: 0,
			});
			expect(
				Object.keys((staticData['node:Build ASN'] as IDataObject).ssccs as IDataObject),
			).toEqual([buildSscc(0, PREFIX, 9501), buildSscc(0, PREFIX, 9502)]);
			expect(amazonState().shipmentConfirmations).toHaveLength(2);
		},
	);
});
