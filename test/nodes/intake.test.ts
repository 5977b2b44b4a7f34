/**
 * Map ASIN / Case Pack and Acknowledge PO, against the Vendor Central sandbox: what Amazon
 * received is read back from the sandbox's state.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { MapAsinCasePack } from '../../nodes/MapAsinCasePack/MapAsinCasePack.node';
import { AcknowledgePo } from '../../nodes/AcknowledgePo/AcknowledgePo.node';
import { normalisePurchaseOrder } from '../../nodes/shared/domain/purchaseOrder';
import { NodeOperationError } from 'n8n-workflow';
import { createContext } from '../helpers/n8nContext';
import { amazonOrder, startPackageSandbox, type PackageSandbox } from '../helpers/sandbox';

const MAPPING = [
	{ asin: 'B00000CASE', sku: 'SKU-CASE', casePack: 12, expectedUnitCost: '4.20' },
	{ asin: 'B000000EAC', sku: 'SKU-EACH', casePack: 6 },
	{ asin: 'B00000BACK', sku: 'SKU-BACK' },
	{ asin: 'B00000GONE', sku: 'SKU-GONE', discontinued: true },
];

/** What the PO trigger emits: the normalised purchase order with Amazon's object under raw. */
function triggerItem(order: ReturnType<typeof amazonOrder>): INodeExecutionData {
	return {
		json: {
			event: 'new',
			...(normalisePurchaseOrder(order) as unknown as IDataObject),
			raw: order as unknown as IDataObject,
		},
	};
}

async function runMap(
	items: INodeExecutionData[],
	parameters: Record<string, unknown> = {},
	mappingRows?: IDataObject[],
) {
	const ctx = createContext({
		store: { data: {}, preAuthCalls: [] },
		items,
		parameters: {
			mappingSource: mappingRows ? 'input' : 'table',
			mapping: { rows: MAPPING },
			matchFirst: 'asin',
			options: {},
			...parameters,
		},
	});
	if (mappingRows) {
		const getInputData = ctx.getInputData;
		ctx.getInputData = (inputIndex = 0) =>
			inputIndex === 1 ? mappingRows.map((json) => ({ json })) : getInputData(0);
	}
	const [mapped, exceptions] = await new MapAsinCasePack().execute.call(ctx);
	return { mapped, exceptions };
}

describe('Map ASIN / Case Pack', () => {
	it(
		'maps Cases lines to eaches and routes a PO with an unmapped ASIN or a ' +
			'case-pack mismatch to Exceptions',
		async () => {
			const good = amazonOrder('PO000001', [
				{ asin: 'B00000CASE', amount: 10, unit: 'Cases', unitSize: 12, cost: '4.20' },
				{ asin: 'B000000EAC', amount: 12 },
			]);
			const unmapped = amazonOrder('PO000002', [{ asin: ' B0UNKNOWN1 ', amount: 1 }]);
			const mismatch = amazonOrder('PO000003', [
				{ asin: 'B00000CASE', amount: 2, unit: 'Cases', unitSize: 10, cost: '4.20' },
			]);
			const { mapped, exceptions } = await runMap([
				triggerItem(good),
				triggerItem(unmapped),
				triggerItem(mismatch),
			]);

			expect(mapped).toHaveLength(1);
			const lines = mapped[0].json.lines as Array<Record<string, unknown>>;
			expect(lines.map((l) => [l.sku, l.orderedEaches])).toEqual([
				['SKU-CASE', 120],
				['SKU-EACH', 12],
			]);
			expect(mapped[0].json.event).toBe('new');
			expect(mapped[0].pairedItem).toEqual({ item: 0 });

			expect(
				exceptions.map((e) => (e.json.purchaseOrder as IDataObject).purchaseOrderNumber),
			).toEqual(['PO000002', 'PO000003']);
			const [first, second] = exceptions.map(
				(e) => e.json.exceptions as Array<Record<string, unknown>>,
			);
			expect(first[0]).toMatchObject({ code: 'unmapped', amazonProductIdentifier: ' B0UNKNOWN1 ' });
			expect(second[0].code).toBe('casePackMismatch');
			expect(exceptions.map((e) => e.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		},
	);

	it('flags a price outside the tolerance, and takes mapping rows from the second input', async () => {
		const order = amazonOrder('PO000004', [
			{ asin: 'B00000CASE', amount: 1, unit: 'Cases', unitSize: 12, cost: '4.50' },
		]);
		const rows = [{ asin: 'B00000CASE', sku: 'SKU-CASE', casePack: 12, expectedUnitCost: '4.20' }];
		const strict = await runMap([triggerItem(order)], {}, rows);
		expect((strict.exceptions[0].json.exceptions as IDataObject[])[0].code).toBe('priceMismatch');
		const tolerant = await runMap(
			[triggerItem(order)],
			{ options: { priceTolerance: '10', priceToleranceMode: 'percent' } },
			rows,
		);
		expect(tolerant.mapped).toHaveLength(1);
	});

	it("reads purchase orders in Amazon's own shape (Amazon Vendor Central node) too", async () => {
		const order = amazonOrder('PO000005', [{ asin: 'B000000EAC', amount: 6 }]);
		const { mapped } = await runMap([{ json: order as unknown as IDataObject }]);
		expect((mapped[0].json.lines as IDataObject[])[0].sku).toBe('SKU-EACH');
	});

	it('refuses a mapping table with bad rows, naming the row and the field', async () => {
		const order = amazonOrder('PO000006', [{ asin: 'B000000EAC', amount: 6 }]);
		await expect(
			runMap([triggerItem(order)], {
				mapping: { rows: [{ asin: 'B1', sku: 'X', casePack: 2.5 }] },
			}),
		).rejects.toMatchObject({
			message: 'The mapping table cannot be used',
			description: expect.stringContaining('rows[0].casePack'),
		});
	});
});

describe('Acknowledge PO (against the sandbox)', () => {
	let sandbox: PackageSandbox;
	beforeEach(async () => {
		sandbox = await startPackageSandbox();
	});
	afterEach(async () => {
		await sandbox.close();
	});

	async function mapAll(orders: ReturnType<typeof amazonOrder>[], options: IDataObject = {}) {
		sandbox.control.seed({ amazon: { vendorCode: 'VEND1', purchaseOrders: orders } });
		const { mapped, exceptions } = await runMap(orders.map(triggerItem), { options });
		return { mapped, exceptions };
	}

	async function acknowledge(
		mapped: INodeExecutionData[],
		stock: Record<string, number>,
		parameters: Record<string, unknown> = {},
	) {
		const ctx = createContext({
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
				...parameters,
			},
		});
		const getInputData = ctx.getInputData;
		ctx.getInputData = (inputIndex = 0) =>
			inputIndex === 1
				? Object.entries(stock).map(([sku, available]) => ({ json: { sku, available } }))
				: getInputData(0);
		const [acknowledged, exceptions] = await new AcknowledgePo().execute.call(ctx);
		return { acknowledged, exceptions };
	}

	function amazonLines(po: string) {
		const state = sandbox.control.state().amazon as {
			purchaseOrders: Array<{
				purchaseOrderNumber: string;
				purchaseOrderState: string;
				status: { itemStatus: Array<Record<string, any>> };
			}>;
		};
		return state.purchaseOrders.find((p) => p.purchaseOrderNumber === po)!;
	}

	it('allocates shared stock oldest PO first, accepts whole cases only, and Amazon records every line', async () => {
		const older = amazonOrder(
			'PO000010',
			[{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' }],
			{ ageHours: 5 },
		);
		const newer = amazonOrder(
			'PO000011',
			[
				{ asin: 'B00000CASE', amount: 2, unit: 'Cases', unitSize: 12, cost: '4.20' },
				{ asin: 'B000000EAC', amount: 6 },
			],
			{ ageHours: 2 },
		);
		const { mapped } = await mapAll([newer, older]);
		// 40 eaches: the older PO takes 3 cases (36); 4 eaches are not a whole case for the newer PO.
		const { acknowledged, exceptions } = await acknowledge(mapped, {
			'SKU-CASE': 40,
			'SKU-EACH': 100,
		});
		expect(exceptions).toEqual([]);
		expect(acknowledged.map((a) => [a.json.purchaseOrderNumber, a.json.status])).toEqual([
			['PO000010', 'Success'],
			['PO000011', 'Success'],
		]);
		expect(acknowledged.map((a) => a.pairedItem)).toEqual([{ item: 1 }, { item: 0 }]);
		const newerAck = acknowledged[1].json.acknowledgement as {
			items: Array<{ itemAcknowledgements: Array<Record<string, any>> }>;
		};
		expect(newerAck.items[0].itemAcknowledgements).toEqual([
			{
				acknowledgementCode: 'Rejected',
				acknowledgedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 12 },
				rejectionReason: 'TemporarilyUnavailable',
			},
		]);
		// What the sales order must contain: only what was accepted or backordered.
		expect((acknowledged[1].json.allocation as { skus: unknown[] }).skus).toEqual([
			{ sku: 'SKU-EACH', acceptedEaches: 6, backorderedEaches: 0 },
		]);

		const olderAtAmazon = amazonLines('PO000010');
		expect(olderAtAmazon.purchaseOrderState).toBe('Acknowledged');
		expect(olderAtAmazon.status.itemStatus[0].acknowledgementStatus).toMatchObject({
			confirmationStatus: 'ACCEPTED',
		});
		const newerAtAmazon = amazonLines('PO000011');
		expect(
			newerAtAmazon.status.itemStatus.map((i) => i.acknowledgementStatus.confirmationStatus),
		).toEqual(['REJECTED', 'ACCEPTED']);
		const state = sandbox.control.state().amazon as {
			acknowledgements: Array<{ implicitlyRejectedItems: string[]; status: string }>;
		};
		expect(
			state.acknowledgements.every(
				(a) => a.implicitlyRejectedItems.length === 0 && a.status === 'Success',
			),
		).toBe(true);
	});

	it('splits a line into Accepted and Backordered where Amazon allows it, and rejects otherwise', async () => {
		const allowed = amazonOrder('PO000020', [{ asin: 'B00000BACK', amount: 10, backorder: true }], {
			ageHours: 3,
		});
		const notAllowed = amazonOrder('PO000021', [{ asin: 'B000000EAC', amount: 10 }], {
			ageHours: 2,
		});
		const { mapped } = await mapAll([allowed, notAllowed], { notMultiple: 'warning' });
		const { acknowledged } = await acknowledge(
			mapped,
			{ 'SKU-BACK': 6, 'SKU-EACH': 4 },
			{ backorder: true },
		);
		const loops = (i: number) =>
			(
				acknowledged[i].json.acknowledgement as {
					items: Array<{ itemAcknowledgements: Array<Record<string, any>> }>;
				}
			).items[0].itemAcknowledgements.map((l) => [
				l.acknowledgementCode,
				l.acknowledgedQuantity.amount,
			]);
		expect(loops(0)).toEqual([
			['Accepted', 6],
			['Backordered', 4],
		]);
		expect(loops(1)).toEqual([
			['Accepted', 4],
			['Rejected', 6],
		]);
		// The 4 backordered eaches, with the date sent to Amazon, for the shop order; none on the other PO.
		const backorderLoop = (
			acknowledged[0].json.acknowledgement as {
				items: Array<{ itemAcknowledgements: Array<Record<string, any>> }>;
			}
		).items[0].itemAcknowledgements[1];
		expect(acknowledged[0].json.backorders).toEqual([
			{
				sku: 'SKU-BACK',
				eaches: 4,
				scheduledShipDate: backorderLoop.scheduledShipDate,
				lines: [
					{ itemSequenceNumber: '1', amount: 4, unitOfMeasure: 'Eaches', unitSize: 1, eaches: 4 },
				],
			},
		]);
		expect(acknowledged[0].json.backorderNote).toBe(
			`Backordered at Amazon, ship when stock arrives: 4 x SKU-BACK by ` +
				`${String(backorderLoop.scheduledShipDate).slice(0, 10)} ` +
				`(PO line 1)`,
		);
		expect([acknowledged[1].json.backorders, acknowledged[1].json.backorderNote]).toEqual([[], '']);
		expect(
			amazonLines('PO000020').status.itemStatus[0].acknowledgementStatus.confirmationStatus,
		).toBe('ACCEPTED');
		expect(amazonLines('PO000021').status.itemStatus[0].acknowledgementStatus).toMatchObject({
			confirmationStatus: 'PARTIALLY_ACCEPTED',
		});
	});

	it('a dry run builds and checks the acknowledgement but sends nothing', async () => {
		const order = amazonOrder('PO000030', [{ asin: 'B000000EAC', amount: 6 }]);
		const { mapped } = await mapAll([order]);
		const { acknowledged } = await acknowledge(mapped, { 'SKU-EACH': 6 }, { dryRun: true });
		expect(acknowledged[0].json).toMatchObject({ dryRun: true, status: 'NotSent' });
		expect(sandbox.control.requests().filter((r) => r.path.startsWith('/vendor'))).toHaveLength(0);
		expect(amazonLines('PO000030').purchaseOrderState).toBe('New');
	});

	it("sends a transaction Failure to Exceptions with Amazon's errors", async () => {
		const order = amazonOrder('PO000040', [{ asin: 'B000000EAC', amount: 6, cost: '10.00' }]);
		const { mapped } = await mapAll([order]);
		// Amazon's PO now says 9.00: the acknowledgement at 10.00 is above the PO cost.
		sandbox.control.changePurchaseOrder('PO000040', {
			items: [{ itemSequenceNumber: '1', netCost: { currencyCode: 'USD', amount: '9.00' } }],
		} as never);
		const { acknowledged, exceptions } = await acknowledge(mapped, { 'SKU-EACH': 6 });
		expect(acknowledged).toEqual([]);
		expect(exceptions[0].json).toMatchObject({
			reason: 'transactionFailure',
			status: 'Failure',
			purchaseOrderNumber: 'PO000040',
		});
		expect((exceptions[0].json.errors as unknown[]).length).toBeGreaterThan(0);
	});

	it(
		'holds back a purchase order past 24 hours, and a re-acknowledgement ' +
			'turning a Rejected line into Accepted',
		async () => {
			const late = amazonOrder('PO000050', [{ asin: 'B000000EAC', amount: 6 }], { ageHours: 30 });
			const changed = amazonOrder('PO000051', [{ asin: 'B000000EAC', amount: 6 }], { ageHours: 2 });
			const { mapped } = await mapAll([late, changed]);
			mapped[1].json.previousAcknowledgement = { '1': 'Rejected' };
			const { acknowledged, exceptions } = await acknowledge(mapped, { 'SKU-EACH': 100 });
			expect(acknowledged).toEqual([]);
			expect(exceptions.map((e) => [e.json.purchaseOrderNumber, e.json.reason])).toEqual([
				['PO000050', 'late'],
				['PO000051', 'rejectedLineAccepted'],
			]);
			expect(sandbox.control.requests().filter((r) => r.path.startsWith('/vendor'))).toHaveLength(
				0,
			);
		},
	);

	it('refuses a wrongly typed previous acknowledgement, naming the item and the field; nothing is sent', async () => {
		const good = amazonOrder('PO000060', [{ asin: 'B000000EAC', amount: 6 }], { ageHours: 2 });
		const bad = amazonOrder('PO000061', [{ asin: 'B000000EAC', amount: 6 }], { ageHours: 2 });
		const { mapped } = await mapAll([good, bad]);
		mapped[1].json.previousAcknowledgement = {
			purchaseOrderNumber: 'PO000061',
			items: [{ itemSequenceNumber: '1', itemAcknowledgements: [null] }],
		};
		const error = await acknowledge(mapped, { 'SKU-EACH': 100 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toMatch(
			/previousAcknowledgement.*items\[0\]\.itemAcknowledgements\[0\] must be an object/,
		);
		expect((error as NodeOperationError).description).toBe(
			'Item 1, field previousAcknowledgement.items[0].itemAcknowledgements[0].',
		);
		expect(sandbox.control.requests().filter((r) => r.path.startsWith('/vendor'))).toHaveLength(0);

		mapped[1].json.previousAcknowledgement = { '1': 42 };
		const second = await acknowledge(mapped, { 'SKU-EACH': 100 }).catch((e: unknown) => e);
		expect((second as NodeOperationError).description).toBe(
			'Item 1, field previousAcknowledgement.1.',
		);
		expect(sandbox.control.requests().filter((r) => r.path.startsWith('/vendor'))).toHaveLength(0);
	});
});
