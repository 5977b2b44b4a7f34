/**
 * The intake nodes (Vendor Central PO Trigger, Map ASIN / Case Pack, Acknowledge PO) run through
 * n8n's real engine (n8n-core's PollContext and WorkflowExecute, via test/helpers/workflowHarness)
 * against the in-process Vendor Central sandbox. What Amazon received is read back from the
 * sandbox's state: every line acknowledged explicitly (no implicitly rejected lines) and every
 * transaction settled Success without errors (no rule violations).
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';
import { VendorCentralPoTrigger } from '../../nodes/VendorCentralPoTrigger/VendorCentralPoTrigger.node';
import { MapAsinCasePack } from '../../nodes/MapAsinCasePack/MapAsinCasePack.node';
import { AcknowledgePo } from '../../nodes/AcknowledgePo/AcknowledgePo.node';
import {
	NO_OP,
	TEST_ITEMS,
	packageType,
	runPoll,
	runWorkflow,
	workflow,
	type WorkflowRunResult,
} from '../helpers/workflowHarness';
import { amazonOrder, startPackageSandbox, type PackageSandbox } from '../helpers/sandbox';

const PO_TRIGGER = packageType('vendorCentralPoTrigger');
const MAP = packageType('mapAsinCasePack');
const ACK = packageType('acknowledgePo');
const NODE_TYPES = {
	[PO_TRIGGER]: VendorCentralPoTrigger,
	[MAP]: MapAsinCasePack,
	[ACK]: AcknowledgePo,
};

const TRIGGER_NAME = 'PO Trigger';
const MAP_NAME = 'Map ASIN / Case Pack';
const ACK_NAME = 'Acknowledge PO';

const MAPPING_ROWS = [
	{ asin: 'B00000CASE', sku: 'SKU-CASE', casePack: 12, expectedUnitCost: '4.20' },
	{ asin: 'B000000EAC', sku: 'SKU-EACH', casePack: 6 },
	{ asin: 'B00000BACK', sku: 'SKU-BACK' },
];

type Order = ReturnType<typeof amazonOrder>;

interface AmazonPo {
	purchaseOrderNumber: string;
	purchaseOrderState: string;
	status: {
		itemStatus: Array<{
			itemSequenceNumber: string;
			acknowledgementStatus: { confirmationStatus: string };
		}>;
	};
	lines: Array<{ itemSequenceNumber: string; acknowledgements: Array<Record<string, unknown>> }>;
}

interface AmazonAck {
	transactionId: string;
	purchaseOrderNumber: string;
	implicitlyRejectedItems: string[];
	status: string;
}

interface AmazonTransaction {
	transactionId: string;
	kind: string;
	status: string;
	errors: Array<{ code: string; message: string }>;
	references: string[];
	forcedFailure: boolean;
}

interface AmazonState {
	purchaseOrders: AmazonPo[];
	acknowledgements: AmazonAck[];
	transactions: AmazonTransaction[];
}

interface ItemAck {
	acknowledgementCode: string;
	acknowledgedQuantity: { amount: number; unitOfMeasure: string; unitSize: number };
	rejectionReason?: string;
}

describe('intake through n8n-core (PollContext, WorkflowExecute) against the sandbox', () => {
	let sandbox: PackageSandbox;
	let credentials: Record<string, ICredentialDataDecryptedObject>;

	beforeEach(async () => {
		sandbox = await startPackageSandbox();
		// One credential per test, mutated in place by preAuthentication (the token is reused).
		credentials = { amazonVendorCentralApi: sandbox.store().data };
	});
	afterEach(async () => {
		jest.restoreAllMocks();
		await sandbox.close();
	});

	const amazon = () => sandbox.control.state().amazon as unknown as AmazonState;
	const amazonPo = (po: string) =>
		amazon().purchaseOrders.find((p) => p.purchaseOrderNumber === po)!;
	const vendorCalls = () => sandbox.control.requests().filter((r) => r.path.startsWith('/vendor'));
	const seed = (orders: Order[]) =>
		sandbox.control.seed({ amazon: { vendorCode: 'VEND1', purchaseOrders: orders } } as never);

	/** One poll of the PO Trigger in n8n's PollContext; `staticData` is the workflow's, kept across polls. */
	function poll(
		parameters: INodeParameters,
		staticData: IDataObject,
		mode: 'trigger' | 'manual' = 'trigger',
	) {
		return runPoll(
			VendorCentralPoTrigger,
			{ name: TRIGGER_NAME, parameters },
			{ mode, staticData, credentials, nodeTypes: NODE_TYPES },
		);
	}

	const events = (result: INodeExecutionData[][] | null) =>
		result ? result[0].map((i) => [i.json.event, i.json.purchaseOrderNumber]) : [];
	const cursorOf = (staticData: IDataObject) =>
		(staticData[`node:${TRIGGER_NAME}`] as IDataObject | undefined)?.cursor;

	describe('Vendor Central PO Trigger (trigger mode)', () => {
		it(
			'emits each new purchase order once, and the next poll ' +
				'emits nothing (cursor in the workflow static data)',
			async () => {
				seed([
					amazonOrder('PO000001', [{ asin: 'B0001', amount: 2, unit: 'Cases', unitSize: 12 }], {
						ageHours: 3,
					}),
					amazonOrder('PO000002', [{ asin: 'B0002', amount: 5 }], { ageHours: 2 }),
					amazonOrder('PO000OLD', [{ asin: 'B0003', amount: 5 }], { ageHours: 48 }),
				]);
				const staticData: IDataObject = {};
				const first = await poll({ events: ['new'] }, staticData);
				expect(events(first)).toEqual([
					['new', 'PO000001'],
					['new', 'PO000002'],
				]);
				const item = first![0][0].json as Record<string, any>;
				expect(item.items[0]).toMatchObject({ itemSequenceNumber: '1', orderedEaches: 24 });
				expect(item.raw.orderDetails.items[0].orderedQuantity).toEqual({
					amount: 2,
					unitOfMeasure: 'Cases',
					unitSize: 12,
				});
				expect(typeof item.eventKey).toBe('string');
				// The cursor lives in the node's static data as n8n's PollContext hands it out.
				expect(Object.keys(staticData)).toEqual([`node:${TRIGGER_NAME}`]);
				expect(cursorOf(staticData)).toBeDefined();
				// The token was fetched once and stored back into the credential.
				expect(credentials.amazonVendorCentralApi.accessToken).toMatch(/\S/);

				expect(await poll({ events: ['new'] }, staticData)).toBeNull();

				// A purchase order created later is emitted alone, once.
				seed([amazonOrder('PO000003', [{ asin: 'B0004', amount: 1 }], { ageHours: 1 })]);
				expect(events(await poll({ events: ['new'] }, staticData))).toEqual([['new', 'PO000003']]);
				expect(await poll({ events: ['new'] }, staticData)).toBeNull();
				expect(sandbox.control.requests().filter((r) => r.path === '/auth/o2/token')).toHaveLength(
					1,
				);
			},
		);

		it('a failing poll leaves the cursor as it was; the next poll emits what it missed, without duplicates', async () => {
			seed([amazonOrder('PO000020', [{ asin: 'B0001', amount: 1 }], { ageHours: 2 })]);
			const staticData: IDataObject = {};

			// The very first poll fails: nothing is recorded, the next one emits the PO.
			sandbox.control.addFaults([
				{ service: 'amazon', operation: 'getPurchaseOrders', status: 400, count: 1 },
			]);
			await expect(poll({ events: ['new', 'changed'] }, staticData)).rejects.toThrow(
				'Amazon SP-API getPurchaseOrders failed',
			);
			expect(cursorOf(staticData)).toBeUndefined();
			expect(events(await poll({ events: ['new', 'changed'] }, staticData))).toEqual([
				['new', 'PO000020'],
			]);

			// A failure after a success: the cursor is untouched and the retry emits only the newcomer.
			const before = structuredClone(cursorOf(staticData));
			seed([amazonOrder('PO000021', [{ asin: 'B0001', amount: 1 }], { ageHours: 1 })]);
			sandbox.control.addFaults([
				{ service: 'amazon', operation: 'getPurchaseOrders', status: 400, count: 1 },
			]);
			await expect(poll({ events: ['new', 'changed'] }, staticData)).rejects.toThrow(
				'Amazon SP-API getPurchaseOrders failed',
			);
			expect(cursorOf(staticData)).toEqual(before);
			expect(events(await poll({ events: ['new', 'changed'] }, staticData))).toEqual([
				['new', 'PO000021'],
			]);
			expect(await poll({ events: ['new', 'changed'] }, staticData)).toBeNull();
			expect(sandbox.control.faults()).toEqual([]);
		});

		it('emits acknowledgement due once for a purchase order still New after 21 hours', async () => {
			seed([
				amazonOrder('PO000040', [{ asin: 'B0001', amount: 1 }], { ageHours: 21 }),
				amazonOrder('PO000041', [{ asin: 'B0001', amount: 1 }], { ageHours: 3 }),
			]);
			const staticData: IDataObject = {};
			const due = await poll({ events: ['acknowledgementDue'], ackDueHours: 20 }, staticData);
			expect(events(due)).toEqual([['acknowledgementDue', 'PO000040']]);
			expect(due![0][0].json.ageHours).toBeGreaterThanOrEqual(21);
			expect(due![0][0].json.ageHours).toBeLessThan(21.1);
			expect(due![0][0].json.purchaseOrderState).toBe('New');
			expect(
				await poll({ events: ['acknowledgementDue'], ackDueHours: 20 }, staticData),
			).toBeNull();
			// The query asked Amazon for open purchase orders only.
			const calls = vendorCalls().filter((r) => r.path === '/vendor/orders/v1/purchaseOrders');
			expect(calls.length).toBeGreaterThan(0);
			expect(calls.map((r) => [r.status, r.query.purchaseOrderState])).toEqual(
				calls.map(() => [200, 'New']),
			);
		});

		it(
			'holds a purchase order 5 minutes old behind a 30-minute ' +
				'settle delay, and emits it once it has settled',
			async () => {
				seed([
					amazonOrder('PO000030', [{ asin: 'B0001', amount: 1 }], { ageHours: 5 / 60 }),
					amazonOrder('PO000031', [{ asin: 'B0001', amount: 1 }], { ageHours: 2 }),
				]);
				const staticData: IDataObject = {};
				const parameters = { events: ['new'], settleMinutes: 30 };
				expect(events(await poll(parameters, staticData))).toEqual([['new', 'PO000031']]);
				expect(await poll(parameters, staticData)).toBeNull();
				const cursor = cursorOf(staticData) as { createdCheckpoint: string };
				// The checkpoint stays at (or before) the unsettled PO's creation, so later polls see it again.
				expect(Date.parse(cursor.createdCheckpoint)).toBeLessThanOrEqual(Date.now() - 4 * 60_000);

				// 26 minutes later (the node's clock only; the sandbox keeps real time) the PO is 31 minutes old.
				const later = Date.now() + 26 * 60_000;
				jest.spyOn(Date, 'now').mockReturnValue(later);
				expect(events(await poll(parameters, staticData))).toEqual([['new', 'PO000030']]);
				expect(await poll(parameters, staticData)).toBeNull();
			},
		);
	});

	// ---------------------------------------------------------------------------------------------
	// Manual Trigger -> items -> Map ASIN / Case Pack -> Acknowledge PO -> No Op on every output
	// ---------------------------------------------------------------------------------------------

	/** Seeds the orders and returns what the PO Trigger emits for them (one trigger-mode poll). */
	async function emitted(orders: Order[]): Promise<IDataObject[]> {
		seed(orders);
		const result = await poll({ events: ['new'] }, {});
		expect(result).not.toBeNull();
		return result![0].map((i) => i.json);
	}

	interface IntakeOptions {
		map?: INodeParameters;
		ack?: INodeParameters;
		stock: Record<string, number>;
	}

	function intakeWorkflow(purchaseOrders: IDataObject[], options: IntakeOptions) {
		return intakeWorkflowWith(MAPPING_ROWS, purchaseOrders, options);
	}

	function intakeWorkflowWith(
		mappingRows: IDataObject[],
		purchaseOrders: IDataObject[],
		{ map = {}, ack = {}, stock }: IntakeOptions,
	) {
		return workflow()
			.trigger()
			.node('Purchase Orders', TEST_ITEMS, {
				items: purchaseOrders as unknown as INodeParameters[],
			})
			.node('Mapping Rows', TEST_ITEMS, { items: mappingRows as unknown as INodeParameters[] })
			.node('Stock', TEST_ITEMS, {
				items: Object.entries(stock).map(([sku, available]) => ({ sku, available })),
			})
			.node(MAP_NAME, MAP, { mappingSource: 'input', matchFirst: 'asin', ...map })
			.node(ACK_NAME, ACK, {
				stockSource: 'input',
				dryRun: false,
				waitUntilFinal: true,
				maxWaitSeconds: 5,
				pollIntervalSeconds: 1,
				...ack,
			})
			.node('Mapping Exceptions', NO_OP)
			.node('Acknowledged', NO_OP)
			.node('Acknowledgement Exceptions', NO_OP)
			.connect('Trigger', 'Purchase Orders')
			.connect('Trigger', 'Mapping Rows')
			.connect('Trigger', 'Stock')
			.connect('Purchase Orders', MAP_NAME, { input: 0 })
			.connect('Mapping Rows', MAP_NAME, { input: 1 })
			.connect(MAP_NAME, ACK_NAME, { output: 0, input: 0 })
			.connect(MAP_NAME, 'Mapping Exceptions', { output: 1 })
			.connect('Stock', ACK_NAME, { input: 1 })
			.connect(ACK_NAME, 'Acknowledged', { output: 0 })
			.connect(ACK_NAME, 'Acknowledgement Exceptions', { output: 1 })
			.build();
	}

	async function runIntake(
		purchaseOrders: IDataObject[],
		options: IntakeOptions,
	): Promise<WorkflowRunResult> {
		const result = await runWorkflow(intakeWorkflow(purchaseOrders, options), {
			credentials,
			nodeTypes: NODE_TYPES,
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		return result;
	}

	const jsonOf = (items: INodeExecutionData[]) => items.map((i) => i.json);
	const numbersOf = (items: INodeExecutionData[]) =>
		items.map(
			(i) =>
				i.json.purchaseOrderNumber ?? (i.json.purchaseOrder as IDataObject)?.purchaseOrderNumber,
		);
	const itemAcks = (item: INodeExecutionData) =>
		(
			item.json.acknowledgement as {
				items: Array<{ itemSequenceNumber: string; itemAcknowledgements: ItemAck[] }>;
			}
		).items.map((line) => [
			line.itemSequenceNumber,
			line.itemAcknowledgements.map((a) => [
				a.acknowledgementCode,
				a.acknowledgedQuantity.amount,
				a.acknowledgedQuantity.unitOfMeasure,
				a.rejectionReason ?? null,
			]),
		]);

	it(
		'maps, allocates across several POs oldest first in whole cases, ' +
			'splits a backorder line, and Amazon records every line',
		async () => {
			const orders = [
				amazonOrder(
					'PO000100',
					[{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' }],
					{ ageHours: 5 },
				),
				amazonOrder(
					'PO000101',
					[
						{ asin: 'B00000CASE', amount: 2, unit: 'Cases', unitSize: 12, cost: '4.20' },
						{ asin: 'B000000EAC', amount: 6 },
					],
					{ ageHours: 3 },
				),
				amazonOrder('PO000102', [{ asin: 'B00000BACK', amount: 10, backorder: true }], {
					ageHours: 2,
				}),
				// Case pack 10 on Amazon's side, 12 in the mapping.
				amazonOrder(
					'PO000103',
					[{ asin: 'B00000CASE', amount: 2, unit: 'Cases', unitSize: 10, cost: '4.20' }],
					{ ageHours: 1.5 },
				),
				// 4.50 where 4.20 was agreed.
				amazonOrder(
					'PO000104',
					[{ asin: 'B00000CASE', amount: 1, unit: 'Cases', unitSize: 12, cost: '4.50' }],
					{ ageHours: 1 },
				),
			];
			const fromTrigger = await emitted(orders);
			expect(fromTrigger.map((j) => j.purchaseOrderNumber)).toEqual([
				'PO000100',
				'PO000101',
				'PO000102',
				'PO000103',
				'PO000104',
			]);
			sandbox.control.clearRequests();

			// Newest first, so that the oldest-first allocation is Acknowledge PO's own doing.
			const result = await runIntake([...fromTrigger].reverse(), {
				stock: { 'SKU-CASE': 40, 'SKU-EACH': 100, 'SKU-BACK': 6 },
				ack: { backorder: true },
			});
			expect(result.executedNodes).toEqual(
				expect.arrayContaining([MAP_NAME, ACK_NAME, 'Mapping Exceptions', 'Acknowledged']),
			);
			expect(result.executedNodes).not.toContain('Acknowledgement Exceptions');

			// Map: the case-pack and price exceptions go to Exceptions, whole POs with every line's reason.
			// (A No Op passes the items on; n8n re-pairs them with its own input, so compare the JSON.)
			expect(jsonOf(result.output('Mapping Exceptions'))).toEqual(
				jsonOf(result.output(MAP_NAME, 1)),
			);
			const mappingExceptions = result.output(MAP_NAME, 1);
			expect(numbersOf(mappingExceptions)).toEqual(['PO000104', 'PO000103']);
			expect(
				mappingExceptions.map((e) =>
					(e.json.exceptions as IDataObject[]).map((x) => [x.code, x.itemSequenceNumber]),
				),
			).toEqual([[['priceMismatch', '1']], [['casePackMismatch', '1']]]);
			expect(mappingExceptions.map((e) => [e.json.event, e.pairedItem])).toEqual([
				['new', { item: 0 }],
				['new', { item: 1 }],
			]);
			const mapped = result.output(MAP_NAME, 0);
			expect(numbersOf(mapped)).toEqual(['PO000102', 'PO000101', 'PO000100']);
			expect((mapped[2].json.lines as IDataObject[]).map((l) => [l.sku, l.orderedEaches])).toEqual([
				['SKU-CASE', 36],
			]);

			// Acknowledge PO: 40 SKU-CASE eaches; PO000100 (oldest) takes 3 cases = 36, the 4 left are
			// no whole case for PO000101.
			expect(jsonOf(result.output('Acknowledged'))).toEqual(jsonOf(result.output(ACK_NAME, 0)));
			const acknowledged = result.output(ACK_NAME, 0);
			expect(result.output(ACK_NAME, 1)).toEqual([]);
			expect(
				acknowledged.map((a) => [
					a.json.purchaseOrderNumber,
					a.json.status,
					a.json.final,
					a.json.event,
					a.pairedItem,
				]),
			).toEqual([
				['PO000100', 'Success', true, 'new', { item: 2 }],
				['PO000101', 'Success', true, 'new', { item: 1 }],
				['PO000102', 'Success', true, 'new', { item: 0 }],
			]);
			expect(itemAcks(acknowledged[0])).toEqual([['1', [['Accepted', 3, 'Cases', null]]]]);
			expect(itemAcks(acknowledged[1])).toEqual([
				['1', [['Rejected', 2, 'Cases', 'TemporarilyUnavailable']]],
				['2', [['Accepted', 6, 'Eaches', null]]],
			]);
			// The split line: 6 in stock, 4 backordered (Amazon allows it on this line).
			expect(itemAcks(acknowledged[2])).toEqual([
				[
					'1',
					[
						['Accepted', 6, 'Eaches', null],
						['Backordered', 4, 'Eaches', null],
					],
				],
			]);
			expect(acknowledged.map((a) => (a.json.allocation as { skus: unknown[] }).skus)).toEqual([
				[{ sku: 'SKU-CASE', acceptedEaches: 36, backorderedEaches: 0 }],
				[{ sku: 'SKU-EACH', acceptedEaches: 6, backorderedEaches: 0 }],
				[{ sku: 'SKU-BACK', acceptedEaches: 6, backorderedEaches: 4 }],
			]);

			// What Amazon received.
			const state = amazon();
			expect(
				state.purchaseOrders.map((p) => [p.purchaseOrderNumber, p.purchaseOrderState]),
			).toEqual([
				['PO000100', 'Acknowledged'],
				['PO000101', 'Acknowledged'],
				['PO000102', 'Acknowledged'],
				['PO000103', 'New'],
				['PO000104', 'New'],
			]);
			expect(
				amazonPo('PO000100').status.itemStatus.map(
					(i) => i.acknowledgementStatus.confirmationStatus,
				),
			).toEqual(['ACCEPTED']);
			expect(
				amazonPo('PO000101').status.itemStatus.map(
					(i) => i.acknowledgementStatus.confirmationStatus,
				),
			).toEqual(['REJECTED', 'ACCEPTED']);
			expect(
				amazonPo('PO000102').status.itemStatus.map(
					(i) => i.acknowledgementStatus.confirmationStatus,
				),
			).toEqual(['ACCEPTED']);
			const lastEvent = (po: string) =>
				amazonPo(po).lines.map((l) => {
					const e = l.acknowledgements[l.acknowledgements.length - 1];
					return [
						l.itemSequenceNumber,
						e.source,
						e.acceptedEaches,
						e.backorderedEaches,
						e.rejectedEaches,
					];
				});
			expect(lastEvent('PO000100')).toEqual([['1', 'acknowledgement', 36, 0, 0]]);
			expect(lastEvent('PO000101')).toEqual([
				['1', 'acknowledgement', 0, 0, 24],
				['2', 'acknowledgement', 6, 0, 0],
			]);
			expect(lastEvent('PO000102')).toEqual([['1', 'acknowledgement', 6, 4, 0]]);
			expect(
				state.acknowledgements.map((a) => [
					a.purchaseOrderNumber,
					a.status,
					a.implicitlyRejectedItems,
				]),
			).toEqual([
				['PO000100', 'Success', []],
				['PO000101', 'Success', []],
				['PO000102', 'Success', []],
			]);
			expect(state.transactions.map((t) => [t.kind, t.status, t.errors, t.references])).toEqual([
				['acknowledgement', 'Success', [], ['PO000100']],
				['acknowledgement', 'Success', [], ['PO000101']],
				['acknowledgement', 'Success', [], ['PO000102']],
			]);
			expect(acknowledged.map((a) => a.json.transactionId)).toEqual(
				state.transactions.map((t) => t.transactionId),
			);
			// One submission per PO; the mapping-exception POs never reached Amazon.
			const submitted = vendorCalls().filter((r) => r.method === 'POST');
			expect(submitted.map((r) => r.path)).toEqual(
				Array(3).fill('/vendor/orders/v1/acknowledgements'),
			);
		},
	);

	it(
		'lines the mapping rejects and a backordered case line are ' +
			'acknowledged explicitly: Amazon rejects nothing implicitly',
		async () => {
			const orders = [
				// Line 2 has an ASIN nobody mapped, line 3 a discontinued SKU; the PO continues with both rejected.
				amazonOrder(
					'PO000200',
					[
						{ asin: 'B000000EAC', amount: 6 },
						{ asin: 'B0UNKNOWN1', amount: 4 },
						{ asin: 'B00000GONE', amount: 2 },
					],
					{ ageHours: 4 },
				),
				// 3 cases of 12 with 20 eaches in stock: 1 case accepted, 2 backordered (allowed on this line).
				amazonOrder(
					'PO000201',
					[
						{
							asin: 'B00000CASE',
							amount: 3,
							unit: 'Cases',
							unitSize: 12,
							cost: '4.20',
							backorder: true,
						},
					],
					{ ageHours: 2 },
				),
			];
			const fromTrigger = await emitted(orders);
			const result = await runWorkflow(
				intakeWorkflowWith(
					[...MAPPING_ROWS, { asin: 'B00000GONE', sku: 'SKU-GONE', discontinued: true }],
					fromTrigger,
					{
						stock: { 'SKU-EACH': 100, 'SKU-CASE': 20 },
						map: { options: { partialPo: 'continueWithRejections', discontinued: 'reject' } },
						ack: { backorder: true },
					},
				),
				{ credentials, nodeTypes: NODE_TYPES },
			);
			expect(result.error).toBeUndefined();
			expect(result.output(MAP_NAME, 1)).toEqual([]);
			expect(result.output(ACK_NAME, 1)).toEqual([]);
			const acknowledged = result.output(ACK_NAME, 0);
			expect(acknowledged.map((a) => [a.json.purchaseOrderNumber, a.json.status])).toEqual([
				['PO000200', 'Success'],
				['PO000201', 'Success'],
			]);
			expect(itemAcks(acknowledged[0])).toEqual([
				['1', [['Accepted', 6, 'Eaches', null]]],
				['2', [['Rejected', 4, 'Eaches', 'InvalidProductIdentifier']]],
				['3', [['Rejected', 2, 'Eaches', 'ObsoleteProduct']]],
			]);
			expect(itemAcks(acknowledged[1])).toEqual([
				[
					'1',
					[
						['Accepted', 1, 'Cases', null],
						['Backordered', 2, 'Cases', null],
					],
				],
			]);

			const state = amazon();
			expect(
				state.acknowledgements.map((a) => [
					a.purchaseOrderNumber,
					a.status,
					a.implicitlyRejectedItems,
				]),
			).toEqual([
				['PO000200', 'Success', []],
				['PO000201', 'Success', []],
			]);
			expect(state.transactions.map((t) => [t.status, t.errors])).toEqual([
				['Success', []],
				['Success', []],
			]);
			expect(
				amazonPo('PO000200').status.itemStatus.map(
					(i) => i.acknowledgementStatus.confirmationStatus,
				),
			).toEqual(['ACCEPTED', 'REJECTED', 'REJECTED']);
			expect(
				amazonPo('PO000200').lines.map((l) => [
					l.acknowledgements.length,
					l.acknowledgements[0].source,
					l.acknowledgements[0].rejectionReason ?? null,
				]),
			).toEqual([
				[1, 'acknowledgement', null],
				[1, 'acknowledgement', 'InvalidProductIdentifier'],
				[1, 'acknowledgement', 'ObsoleteProduct'],
			]);
			expect(
				amazonPo('PO000201').lines[0].acknowledgements.map((e) => [
					e.acceptedEaches,
					e.backorderedEaches,
					e.rejectedEaches,
				]),
			).toEqual([[12, 24, 0]]);
			expect(amazonPo('PO000201').purchaseOrderState).toBe('Acknowledged');
		},
	);

	it('a dry run builds and checks the acknowledgements but nothing reaches /vendor', async () => {
		const fromTrigger = await emitted([
			amazonOrder('PO000300', [{ asin: 'B000000EAC', amount: 6 }], { ageHours: 2 }),
			amazonOrder('PO000301', [{ asin: 'B00000BACK', amount: 10, backorder: true }], {
				ageHours: 1,
			}),
		]);
		sandbox.control.clearRequests();
		const result = await runIntake(fromTrigger, {
			stock: { 'SKU-EACH': 6, 'SKU-BACK': 3 },
			ack: { dryRun: true, backorder: true },
		});

		const acknowledged = result.output('Acknowledged');
		expect(
			acknowledged.map((a) => [a.json.purchaseOrderNumber, a.json.dryRun, a.json.status]),
		).toEqual([
			['PO000300', true, 'NotSent'],
			['PO000301', true, 'NotSent'],
		]);
		expect(itemAcks(acknowledged[1])).toEqual([
			[
				'1',
				[
					['Accepted', 3, 'Eaches', null],
					['Backordered', 7, 'Eaches', null],
				],
			],
		]);
		expect(acknowledged.every((a) => a.json.transactionId === undefined)).toBe(true);
		expect(vendorCalls()).toEqual([]);
		const state = amazon();
		expect(state.purchaseOrders.map((p) => p.purchaseOrderState)).toEqual(['New', 'New']);
		expect(state.acknowledgements).toEqual([]);
		expect(state.transactions).toEqual([]);
	});

	it(
		'Amazon refusing the acknowledgement (cost lowered after ' +
			"mapping): transaction Failure on Exceptions with Amazon's errors",
		async () => {
			const fromTrigger = await emitted([
				amazonOrder('PO000400', [{ asin: 'B000000EAC', amount: 6, cost: '10.00' }], {
					ageHours: 2,
				}),
				amazonOrder('PO000401', [{ asin: 'B000000EAC', amount: 6, cost: '10.00' }], {
					ageHours: 1,
				}),
			]);
			// Amazon's PO000400 now says 9.00: an acknowledgement at 10.00 is above the PO cost.
			sandbox.control.changePurchaseOrder('PO000400', {
				items: [{ itemSequenceNumber: '1', netCost: { currencyCode: 'USD', amount: '9.00' } }],
			} as never);
			const result = await runIntake(fromTrigger, { stock: { 'SKU-EACH': 100 } });

			expect(numbersOf(result.output('Acknowledged'))).toEqual(['PO000401']);
			expect(jsonOf(result.output('Acknowledgement Exceptions'))).toEqual(
				jsonOf(result.output(ACK_NAME, 1)),
			);
			const failed = result.output(ACK_NAME, 1);
			expect(failed).toHaveLength(1);
			expect(failed[0].pairedItem).toEqual({ item: 0 });
			expect(failed[0].json).toMatchObject({
				purchaseOrderNumber: 'PO000400',
				reason: 'transactionFailure',
				status: 'Failure',
				final: true,
				message: 'Amazon refused the acknowledgement',
			});
			const errors = failed[0].json.errors as Array<{ code: string; message: string }>;
			expect(errors.map((e) => e.code)).toEqual(['NET_COST_ABOVE_PO_COST']);

			const state = amazon();
			const failure = state.transactions.find((t) => t.references.includes('PO000400'))!;
			expect(failed[0].json.transactionId).toBe(failure.transactionId);
			expect([failure.status, failure.errors.map((e) => e.code)]).toEqual([
				'Failure',
				['NET_COST_ABOVE_PO_COST'],
			]);
			// A Failure changes nothing at Amazon; the other PO went through.
			expect(amazonPo('PO000400').purchaseOrderState).toBe('New');
			expect(amazonPo('PO000400').lines[0].acknowledgements).toEqual([]);
			expect(amazonPo('PO000401').purchaseOrderState).toBe('Acknowledged');
			expect(
				state.acknowledgements.find((a) => a.purchaseOrderNumber === 'PO000401'),
			).toMatchObject({
				status: 'Success',
				implicitlyRejectedItems: [],
			});
		},
	);

	it('a transactionFailure fault: the PO lands on Exceptions with the errors Amazon reported', async () => {
		const fromTrigger = await emitted([
			amazonOrder('PO000500', [{ asin: 'B000000EAC', amount: 12 }], { ageHours: 2 }),
		]);
		sandbox.control.addFaults([
			{
				service: 'amazon',
				operation: 'submitAcknowledgement',
				type: 'transactionFailure',
				count: 1,
				errors: [{ code: 'InvalidInput', message: 'Sandbox-injected failure', details: 'harness' }],
			},
		]);
		const result = await runIntake(fromTrigger, { stock: { 'SKU-EACH': 12 } });

		expect(result.output(ACK_NAME, 0)).toEqual([]);
		expect(result.executedNodes).not.toContain('Acknowledged');
		const failed = result.output('Acknowledgement Exceptions');
		expect(failed.map((f) => [f.json.purchaseOrderNumber, f.json.reason, f.json.status])).toEqual([
			['PO000500', 'transactionFailure', 'Failure'],
		]);
		expect(failed[0].json.errors).toEqual([
			expect.objectContaining({ code: 'InvalidInput', message: 'Sandbox-injected failure' }),
		]);
		expect(itemAcks(failed[0])).toEqual([['1', [['Accepted', 12, 'Eaches', null]]]]);

		const state = amazon();
		expect(state.transactions.map((t) => [t.status, t.forcedFailure])).toEqual([['Failure', true]]);
		expect(amazonPo('PO000500').purchaseOrderState).toBe('New');
		expect(sandbox.control.faults()).toEqual([]);
	});
});
