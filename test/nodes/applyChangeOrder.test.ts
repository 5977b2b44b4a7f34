/**
 * Apply Change Order against the Vendor Central sandbox: each purchase order is first mapped and
 * acknowledged through Map ASIN / Case Pack and Acknowledge PO (so Amazon holds an
 * acknowledgement to re-acknowledge), then Amazon changes it through the sandbox's control API and
 * the node decides Apply / Blocked / No Change. What Amazon received is read back from the sandbox.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ApplyChangeOrder } from '../../nodes/ApplyChangeOrder/ApplyChangeOrder.node';
import { MapAsinCasePack } from '../../nodes/MapAsinCasePack/MapAsinCasePack.node';
import { AcknowledgePo } from '../../nodes/AcknowledgePo/AcknowledgePo.node';
import { CALCULATED_ORDER_ID_PLACEHOLDER } from '../../nodes/shared/domain/changeOrder';
import { normalisePurchaseOrder } from '../../nodes/shared/domain/purchaseOrder';
import { createContext } from '../helpers/n8nContext';
import { amazonOrder, startPackageSandbox, type PackageSandbox } from '../helpers/sandbox';
import { TEST_ITEMS, packageType, runWorkflow, workflow } from '../helpers/workflowHarness';

const MAPPING = [
	{ asin: 'B00000CASE', sku: 'SKU-CASE', casePack: 12, expectedUnitCost: '4.20' },
	{ asin: 'B000000EAC', sku: 'SKU-EACH' },
	{ asin: 'B00000BACK', sku: 'SKU-BACK', variantId: 'gid://shopify/ProductVariant/7003' },
];

type Order = ReturnType<typeof amazonOrder>;

/** What the PO trigger emits for an order (new or changed). */
function triggerJson(order: Order, event: 'new' | 'changed' = 'new'): IDataObject {
	const po = normalisePurchaseOrder(order);
	const head: IDataObject = {
		event,
		eventKey: `${event}:${order.purchaseOrderNumber}@${po.purchaseOrderChangedDate ?? po.purchaseOrderDate}`,
	};
	if (event === 'changed' && po.purchaseOrderChangedDate)
		head.changeDate = po.purchaseOrderChangedDate;
	return { ...head, ...(po as unknown as IDataObject), raw: order as unknown as IDataObject };
}

/** A Shopify order holding the purchase order as Acknowledge PO accepted it. */
function shopifyOrder(overrides: IDataObject = {}, lines?: IDataObject[]): IDataObject {
	return {
		id: 'gid://shopify/Order/5001',
		name: '#1001',
		status: 'UNFULFILLED',
		lines: lines ?? [
			{
				sku: 'SKU-CASE',
				ordered: 120,
				fulfilled: 0,
				inProgress: 0,
				lineItemId: 'gid://shopify/LineItem/9001',
				variantId: 'gid://shopify/ProductVariant/7001',
			},
			{
				sku: 'SKU-EACH',
				ordered: 12,
				fulfilled: 0,
				inProgress: 0,
				lineItemId: 'gid://shopify/LineItem/9002',
				variantId: 'gid://shopify/ProductVariant/7002',
			},
		],
		...overrides,
	};
}

const DEFAULTS = {
	changedPurchaseOrderField: '',
	previousPurchaseOrderField: 'previousPurchaseOrder',
	platformOrderField: 'platformOrder',
	previousAcknowledgementField: 'previousAcknowledgement',
	inFulfilmentStatuses: 'IN_PROGRESS, PARTIALLY_FULFILLED, FULFILLED, ON_HOLD, complete',
	inFulfilmentStatusesWithShipments: 'processing',
	mappingSource: 'table',
	mapping: { rows: MAPPING },
	matchFirst: 'asin',
	editPlanFormat: 'neutral',
	reacknowledge: 'changedLines',
	submitReacknowledgement: false,
	waitUntilFinal: true,
	maxWaitSeconds: 5,
	pollIntervalSeconds: 1,
	options: {},
};

describe('Apply Change Order (against the sandbox)', () => {
	let sandbox: PackageSandbox;
	beforeEach(async () => {
		sandbox = await startPackageSandbox();
	});
	afterEach(async () => {
		await sandbox.close();
	});

	const vendorRequests = () =>
		sandbox.control.requests().filter((r) => r.path.startsWith('/vendor'));

	/** Seeds the order, maps and acknowledges it (stock for everything): what the workflow keeps. */
	async function intake(order: Order) {
		sandbox.control.seed({ amazon: { vendorCode: 'VEND1', purchaseOrders: [order] } });
		const mapCtx = createContext({
			store: { data: {}, preAuthCalls: [] },
			items: [{ json: triggerJson(order) }],
			parameters: {
				mappingSource: 'table',
				mapping: { rows: MAPPING },
				matchFirst: 'asin',
				options: {},
			},
		});
		const [mapped] = await new MapAsinCasePack().execute.call(mapCtx);
		expect(mapped).toHaveLength(1);
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
				? [
						{ json: { sku: 'SKU-CASE', available: 1000 } },
						{ json: { sku: 'SKU-EACH', available: 1000 } },
					]
				: getInputData(0);
		const [acknowledged, exceptions] = await new AcknowledgePo().execute.call(ackCtx);
		expect(exceptions).toEqual([]);
		expect(acknowledged[0].json.status).toBe('Success');
		return {
			previousPurchaseOrder: triggerJson(order),
			previousAcknowledgement: acknowledged[0].json.acknowledgement as IDataObject,
		};
	}

	/** The item the workflow hands to Apply Change Order: the trigger's Changed event plus what it kept and looked up. */
	function changeItem(
		changed: Order,
		kept: Awaited<ReturnType<typeof intake>>,
		platformOrder: IDataObject,
		extra: IDataObject = {},
	): INodeExecutionData {
		return { json: { ...triggerJson(changed, 'changed'), ...kept, platformOrder, ...extra } };
	}

	async function run(
		items: INodeExecutionData[],
		parameters: Record<string, unknown> = {},
		options: { continueOnFail?: boolean; mappingRows?: IDataObject[] } = {},
	) {
		const ctx = createContext({
			store: sandbox.store(),
			items,
			parameters: {
				...DEFAULTS,
				...(options.mappingRows ? { mappingSource: 'input' } : {}),
				...parameters,
			},
			continueOnFail: options.continueOnFail,
			node: { name: 'Apply Change Order', type: packageType('applyChangeOrder') },
		});
		if (options.mappingRows) {
			const getInputData = ctx.getInputData;
			ctx.getInputData = (inputIndex = 0) =>
				inputIndex === 1 ? options.mappingRows!.map((json) => ({ json })) : getInputData(0);
		}
		const [apply, blocked, noChange] = await new ApplyChangeOrder().execute.call(ctx);
		return { apply, blocked, noChange };
	}

	function amazonState(po: string) {
		const state = sandbox.control.state().amazon as {
			purchaseOrders: Array<{
				purchaseOrderNumber: string;
				lines: Array<{ acknowledgements: Array<Record<string, any>> }>;
			}>;
			acknowledgements: Array<
				{
					status: string;
					implicitlyRejectedItems: string[];
					acknowledgement?: Record<string, any>;
					body?: Record<string, any>;
				} & Record<string, any>
			>;
		};
		return {
			order: state.purchaseOrders.find((p) => p.purchaseOrderNumber === po)!,
			acknowledgements: state.acknowledgements,
		};
	}

	const order = () =>
		amazonOrder(
			'PO100001',
			[
				{ asin: 'B00000CASE', amount: 10, unit: 'Cases', unitSize: 12, cost: '4.20' },
				{ asin: 'B000000EAC', amount: 12, cost: '10.00' },
			],
			{ ageHours: 2 },
		);

	it(
		'applies a change before picking: plan in eaches, new order value, ' +
			're-acknowledgement sent and Success at Amazon',
		async () => {
			const kept = await intake(order());
			const changed = sandbox.control.changePurchaseOrder('PO100001', {
				items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 8 } }],
			}) as unknown as Order;
			const before = vendorRequests().length;

			const { apply, blocked, noChange } = await run([changeItem(changed, kept, shopifyOrder())], {
				submitReacknowledgement: true,
				editPlanFormat: 'neutralAndShopify',
			});
			expect(blocked).toEqual([]);
			expect(noChange).toEqual([]);
			expect(apply).toHaveLength(1);
			expect(apply[0].pairedItem).toEqual({ item: 0 });
			const out = apply[0].json as Record<string, any>;
			expect(out).toMatchObject({
				event: 'changed',
				purchaseOrderNumber: 'PO100001',
				status: 'Success',
				final: true,
				errors: [],
				platformEditNeeded: true,
			});
			expect(out.changeDate).toBe((changed as any).orderDetails.purchaseOrderChangedDate);

			// The diff, in Amazon units and in eaches.
			expect(
				out.diff.lines.map((l: any) => [l.itemSequenceNumber, l.kinds, l.deltaEaches, l.message]),
			).toEqual([
				[
					'1',
					['quantityChanged'],
					-24,
					'Line 1 (ASIN B00000CASE): 10 cases of 12 (120 eaches) -> 8 cases of 12 (96 eaches)',
				],
			]);
			// The platform-neutral plan.
			expect(out.plan.setQuantities).toEqual([
				{ sku: 'SKU-CASE', eaches: 96, restock: true, lineItemId: 'gid://shopify/LineItem/9001' },
			]);
			expect(out.plan.removals).toEqual([]);
			expect(out.plan.additions).toEqual([]);
			// 120 x 4.20 + 12 x 10.00 = 624.00 before; 96 x 4.20 + 120.00 = 523.20 after.
			expect(out.orderValue).toEqual({
				currencyCode: 'USD',
				amount: '523.20',
				previousAmount: '624.00',
				difference: '-100.80',
				excludedLines: [],
			});
			// The re-acknowledgement: the changed line only.
			expect(out.reacknowledgement.lines).toEqual(['1']);
			expect(out.reacknowledgement.acknowledgement.items[0].itemAcknowledgements).toEqual([
				expect.objectContaining({
					acknowledgementCode: 'Accepted',
					acknowledgedQuantity: { amount: 8, unitOfMeasure: 'Cases', unitSize: 12 },
				}),
			]);
			// What to keep for the next change: line 1 replaced, line 2 as acknowledged before.
			expect(
				out.acknowledgementToKeep.items.map((i: any) =>
					i.itemAcknowledgements.map(
						(l: any) => `${l.acknowledgementCode} ${l.acknowledgedQuantity.amount}`,
					),
				),
			).toEqual([['Accepted 8'], ['Accepted 12']]);
			// The Shopify sequence.
			expect(out.shopifyOrderEdit.ok).toBe(true);
			expect(out.shopifyOrderEdit.begin.variables).toEqual({ id: 'gid://shopify/Order/5001' });
			expect(out.shopifyOrderEdit.steps.map((s: any) => [s.mutation, s.variables])).toEqual([
				[
					'orderEditSetQuantity',
					{
						id: CALCULATED_ORDER_ID_PLACEHOLDER,
						lineItemId: 'gid://shopify/CalculatedLineItem/9001',
						quantity: 96,
						restock: true,
					},
				],
			]);
			expect(out.shopifyOrderEdit.commit.variables).toEqual({
				id: CALCULATED_ORDER_ID_PLACEHOLDER,
				notifyCustomer: false,
				staffNote: 'Amazon PO PO100001 change applied by n8n',
			});

			// Amazon got one acknowledgement (plus the status polls) and records 96 eaches accepted on line 1.
			const sent = vendorRequests().slice(before);
			expect(sent.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
				'/vendor/orders/v1/acknowledgements',
			]);
			const { order: atAmazon, acknowledgements } = amazonState('PO100001');
			expect(acknowledgements).toHaveLength(2);
			expect(acknowledgements[1]).toMatchObject({ status: 'Success', implicitlyRejectedItems: [] });
			expect(acknowledgements[1].transactionId).toBe(out.transactionId);
			const lineOne = atAmazon.lines[0].acknowledgements;
			expect(lineOne[lineOne.length - 1]).toMatchObject({
				acceptedEaches: 96,
				backorderedEaches: 0,
				rejectedEaches: 0,
			});
			expect(atAmazon.lines[1].acknowledgements).toHaveLength(1);
		},
	);

	it(
		'blocks the same change after picking started: every reason, the diff, ' +
			'a suggested action, no plan and nothing sent',
		async () => {
			const kept = await intake(order());
			const changed = sandbox.control.changePurchaseOrder('PO100001', {
				items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 8 } }],
			}) as unknown as Order;
			const before = vendorRequests().length;
			const picking = shopifyOrder({ status: 'IN_PROGRESS' }, [
				{
					sku: 'SKU-CASE',
					ordered: 120,
					fulfilled: 0,
					inProgress: 108,
					lineItemId: 'gid://shopify/LineItem/9001',
				},
				{
					sku: 'SKU-EACH',
					ordered: 12,
					fulfilled: 0,
					inProgress: 0,
					lineItemId: 'gid://shopify/LineItem/9002',
				},
			]);
			const { apply, blocked, noChange } = await run([changeItem(changed, kept, picking)], {
				submitReacknowledgement: true,
				editPlanFormat: 'neutralAndShopify',
			});
			expect(apply).toEqual([]);
			expect(noChange).toEqual([]);
			expect(blocked).toHaveLength(1);
			const out = blocked[0].json as Record<string, any>;
			expect(out.reasons.map((r: any) => [r.code, r.message])).toEqual([
				[
					'ORDER_IN_FULFILMENT',
					'The platform order #1001 is in fulfilment (status IN_PROGRESS): it must not be changed automatically',
				],
				[
					'LINE_FULFILLED_BEYOND_NEW_QUANTITY',
					'SKU "SKU-CASE" (PO line 1): 0 eaches fulfilled and 108 in progress, more than the new quantity of 96',
				],
			]);
			expect(out.diff.lines).toHaveLength(1);
			expect(out.suggestedAction).toMatch(/^Ask the warehouse to stop or hold picking/);
			for (const key of [
				'plan',
				'reacknowledgement',
				'shopifyOrderEdit',
				'transactionId',
				'orderValue',
			])
				expect(out).not.toHaveProperty(key);
			expect(blocked[0].pairedItem).toEqual({ item: 0 });
			expect(vendorRequests().length).toBe(before);
			expect(amazonState('PO100001').acknowledgements).toHaveLength(1);

			// A line fulfilled beyond the new quantity blocks on its own, whatever the status says.
			const shipped = shopifyOrder({}, [
				{
					sku: 'SKU-CASE',
					ordered: 120,
					fulfilled: 108,
					inProgress: 0,
					lineItemId: 'gid://shopify/LineItem/9001',
				},
				{ sku: 'SKU-EACH', ordered: 12, lineItemId: 'gid://shopify/LineItem/9002' },
			]);
			const second = await run([changeItem(changed, kept, shipped)], {
				submitReacknowledgement: true,
			});
			expect((second.blocked[0].json.reasons as IDataObject[]).map((r) => r.code)).toEqual([
				'LINE_FULFILLED_BEYOND_NEW_QUANTITY',
			]);
			expect(vendorRequests().length).toBe(before);
		},
	);

	it('cancel to 0: the SKU comes off the platform order; only the lines still ordered are re-acknowledged', async () => {
		const kept = await intake(order());
		const changed = sandbox.control.changePurchaseOrder('PO100001', {
			cancelItems: ['2'],
		}) as unknown as Order;
		const before = vendorRequests().length;
		const { apply, blocked } = await run([changeItem(changed, kept, shopifyOrder())], {
			submitReacknowledgement: true,
			editPlanFormat: 'neutralAndShopify',
		});
		expect(blocked).toEqual([]);
		const out = apply[0].json as Record<string, any>;
		expect(out.diff.lines.map((l: any) => [l.itemSequenceNumber, l.kinds, l.message])).toEqual([
			['2', ['cancelled'], 'Line 2 (ASIN B000000EAC): 12 eaches -> 0 eaches (cancelled)'],
		]);
		expect(out.plan.removals).toEqual([
			{ sku: 'SKU-EACH', previousEaches: 12, lineItemId: 'gid://shopify/LineItem/9002' },
		]);
		expect(out.plan.setQuantities).toEqual([
			{ sku: 'SKU-EACH', eaches: 0, restock: true, lineItemId: 'gid://shopify/LineItem/9002' },
		]);
		expect(out.orderValue).toMatchObject({ amount: '504.00', difference: '-120.00' });
		expect(
			out.shopifyOrderEdit.steps.map((s: any) => [
				s.mutation,
				s.variables.lineItemId,
				s.variables.quantity,
			]),
		).toEqual([['orderEditSetQuantity', 'gid://shopify/CalculatedLineItem/9002', 0]]);
		// A cancelled line has nothing to acknowledge (Amazon refuses a Rejected quantity of 0): nothing is sent.
		expect(out).toMatchObject({ status: 'NothingToSend', reacknowledgement: null });
		expect(out.warnings).toContain('Line 2 cancelled by Amazon (quantity 0): not re-acknowledged');
		expect(vendorRequests().length).toBe(before);

		// Cancelled together with a quantity change: the changed line is re-acknowledged, Success at Amazon.
		const both = sandbox.control.changePurchaseOrder('PO100001', {
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 5 } }],
		}) as unknown as Order;
		const second = await run([changeItem(both, kept, shopifyOrder())], {
			submitReacknowledgement: true,
		});
		const json = second.apply[0].json as Record<string, any>;
		expect(json.diff.lines.map((l: any) => [l.itemSequenceNumber, l.kinds])).toEqual([
			['1', ['quantityChanged']],
			['2', ['cancelled']],
		]);
		expect(json.plan.skus.map((s: any) => [s.sku, s.action, s.targetEaches])).toEqual([
			['SKU-CASE', 'setQuantity', 60],
			['SKU-EACH', 'remove', 0],
		]);
		expect(json.reacknowledgement.lines).toEqual(['1']);
		expect(json.status).toBe('Success');
		const { order: atAmazon, acknowledgements } = amazonState('PO100001');
		expect(acknowledgements.map((a) => a.status)).toEqual(['Success', 'Success']);
		expect(atAmazon.lines[0].acknowledgements.at(-1)).toMatchObject({ acceptedEaches: 60 });
		// What to keep: line 1 as re-acknowledged, line 2 as Amazon still holds it.
		expect(
			json.acknowledgementToKeep.items.map((i: any) =>
				i.itemAcknowledgements.map(
					(l: any) => `${l.acknowledgementCode} ${l.acknowledgedQuantity.amount}`,
				),
			),
		).toEqual([['Accepted 5'], ['Accepted 12']]);
	});

	it(
		'an added line: mapped to its SKU, added to the platform order (Shopify ' +
			'variant from the mapping rows) and acknowledged',
		async () => {
			const kept = await intake(order());
			const changed = sandbox.control.changePurchaseOrder('PO100001', {
				items: [
					{
						itemSequenceNumber: '3',
						amazonProductIdentifier: 'B00000BACK',
						orderedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 6 },
						isBackOrderAllowed: false,
						netCost: { currencyCode: 'USD', amount: '3.00' },
					},
				],
			}) as unknown as Order;
			// As an n8n Data Table answers: system columns, null for cells never filled, 0 for an unknown case pack.
			const rows = MAPPING.map((r, i) => ({
				vendorProductIdentifier: null,
				expectedUnitCost: null,
				discontinued: null,
				...r,
				casePack: r.casePack ?? 0,
				id: i + 1,
				createdAt: '2026-11-01T00:00:00.000Z',
				title: 'extra columns are ignored',
			}));
			const { apply, blocked } = await run(
				[changeItem(changed, kept, shopifyOrder())],
				{ submitReacknowledgement: true, editPlanFormat: 'neutralAndShopify' },
				{ mappingRows: rows },
			);
			expect(blocked).toEqual([]);
			const out = apply[0].json as Record<string, any>;
			expect(out.diff.lines.map((l: any) => l.message)).toEqual([
				'Line 3 (ASIN B00000BACK): added, 2 cases of 6 (12 eaches)',
			]);
			expect(out.plan.additions).toEqual([
				{ sku: 'SKU-BACK', eaches: 12, itemSequenceNumbers: ['3'] },
			]);
			expect(out.shopifyOrderEdit.steps.map((s: any) => [s.mutation, s.variables])).toEqual([
				[
					'orderEditAddVariant',
					{
						id: CALCULATED_ORDER_ID_PLACEHOLDER,
						variantId: 'gid://shopify/ProductVariant/7003',
						quantity: 12,
						allowDuplicates: false,
					},
				],
			]);
			expect(out.orderValue).toMatchObject({ amount: '660.00', difference: '36.00' });
			expect(out.status).toBe('Success');
			const { order: atAmazon } = amazonState('PO100001');
			expect(atAmazon.lines[2].acknowledgements[0]).toMatchObject({
				acceptedEaches: 12,
				rejectedEaches: 0,
			});
			// The item's own variantIds win over the mapping's.
			const override = await run(
				[changeItem(changed, kept, shopifyOrder(), { variantIds: { 'SKU-BACK': '9999' } })],
				{ editPlanFormat: 'neutralAndShopify' },
				{ mappingRows: rows },
			);
			expect((override.apply[0].json as any).shopifyOrderEdit.steps[0].variables.variantId).toBe(
				'gid://shopify/ProductVariant/9999',
			);
		},
	);

	it(
		'No Change when Amazon re-sends the same purchase order, whatever the ' +
			'platform status; nothing is sent',
		async () => {
			const kept = await intake(order());
			const before = vendorRequests().length;
			// The same order as Amazon now shows it (Acknowledged), kept previous version New.
			const same = (sandbox.control.state().amazon as { purchaseOrders: Array<{ order: Order }> })
				.purchaseOrders[0].order;
			const { apply, blocked, noChange } = await run(
				[changeItem(same, kept, shopifyOrder({ status: 'FULFILLED' }))],
				{ submitReacknowledgement: true },
			);
			expect(apply).toEqual([]);
			expect(blocked).toEqual([]);
			expect(noChange).toHaveLength(1);
			expect(noChange[0].json).toEqual({
				event: 'changed',
				eventKey: expect.any(String),
				purchaseOrderNumber: 'PO100001',
				diff: expect.objectContaining({ isEmpty: true, lines: [], header: [] }),
			});
			expect(noChange[0].pairedItem).toEqual({ item: 0 });
			expect(vendorRequests().length).toBe(before);
		},
	);

	it('reads the kept versions from JSON strings and other field paths (a metafield, a Data Table row)', async () => {
		const kept = await intake(order());
		const changed = sandbox.control.changePurchaseOrder('PO100001', {
			items: [{ itemSequenceNumber: '2', orderedQuantity: { amount: 6 } }],
		}) as unknown as Order;
		const item: INodeExecutionData = {
			json: {
				change: triggerJson(changed, 'changed'),
				metafields: {
					amazonPo: JSON.stringify(kept.previousPurchaseOrder.raw),
					amazonAck: JSON.stringify(kept.previousAcknowledgement),
				},
				shop: { order: shopifyOrder() },
			},
		};
		const { apply } = await run([item], {
			changedPurchaseOrderField: 'change',
			previousPurchaseOrderField: 'metafields.amazonPo',
			previousAcknowledgementField: 'metafields.amazonAck',
			platformOrderField: 'shop.order',
		});
		expect((apply[0].json as any).plan.setQuantities).toEqual([
			{ sku: 'SKU-EACH', eaches: 6, restock: true, lineItemId: 'gid://shopify/LineItem/9002' },
		]);
		expect(apply[0].json).not.toHaveProperty('status');
	});

	it(
		'refuses an item without the previous purchase order, naming the item ' +
			'and the field; with continueOnFail it goes to Blocked',
		async () => {
			const kept = await intake(order());
			const changed = sandbox.control.changePurchaseOrder('PO100001', {
				items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 8 } }],
			}) as unknown as Order;
			const good = changeItem(changed, kept, shopifyOrder());
			const bad = changeItem(
				changed,
				{ ...kept, previousPurchaseOrder: undefined as unknown as IDataObject },
				shopifyOrder(),
			);
			delete bad.json.previousPurchaseOrder;

			const error = await run([good, bad]).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).message).toBe(
				'Item 1: no previous purchase order in the field "previousPurchaseOrder" (PO PO100001)',
			);
			expect((error as NodeOperationError).description).toMatch(
				/Put the version of this purchase order the workflow kept/,
			);
			expect((error as NodeOperationError & { context: IDataObject }).context.itemIndex).toBe(1);

			const badPlatform = changeItem(changed, kept, {
				status: 'UNFULFILLED',
				lines: [{ sku: 'SKU-CASE', ordered: -1 }],
			});
			const { apply, blocked } = await run([good, bad, badPlatform], {}, { continueOnFail: true });
			expect(apply.map((a) => a.pairedItem)).toEqual([{ item: 0 }]);
			expect(blocked.map((b) => [b.pairedItem, b.json.error])).toEqual([
				[
					{ item: 1 },
					'Item 1: no previous purchase order in the field "previousPurchaseOrder" (PO PO100001)',
				],
				[
					{ item: 2 },
					'Item 2: the field "platformOrder" is not a platform order: The ' +
						'platform order has problems: lines[0].ordered must be a whole number ' +
						'of 0 or more (got -1)',
				],
			]);
			expect(blocked[0].json).toMatchObject({
				purchaseOrderNumber: 'PO100001',
				reasons: [{ code: 'INVALID_INPUT' }],
			});
		},
	);

	it(
		"sends a re-acknowledgement Amazon refuses to Blocked with Amazon's " +
			'errors, and holds back a late one',
		async () => {
			const kept = await intake(order());
			const changed = sandbox.control.changePurchaseOrder('PO100001', {
				items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 8 } }],
			}) as unknown as Order;
			// The purchase order as the workflow holds it names another vendor code than Amazon's: Amazon
			// refuses the re-acknowledgement.
			const wrongVendor = structuredClone(changed) as any;
			wrongVendor.orderDetails.sellingParty = { partyId: 'OTHER' };
			const previousWrong = structuredClone(kept.previousPurchaseOrder.raw) as any;
			previousWrong.orderDetails.sellingParty = { partyId: 'OTHER' };
			const refused = await run(
				[
					changeItem(
						wrongVendor,
						{ ...kept, previousPurchaseOrder: previousWrong },
						shopifyOrder(),
					),
				],
				{ submitReacknowledgement: true },
			);
			expect(refused.apply).toEqual([]);
			const out = refused.blocked[0].json as Record<string, any>;
			expect(out).toMatchObject({
				status: 'Failure',
				reasons: [{ code: 'REACKNOWLEDGEMENT_REFUSED' }],
			});
			expect(out.reasons[0].message).toMatch(/SELLING_PARTY_MISMATCH/);
			expect(out).not.toHaveProperty('plan');

			// 49 hours after Amazon's change: not sent unless Send Late Re-Acknowledgements is on.
			const late = structuredClone(changed) as any;
			late.orderDetails.purchaseOrderChangedDate = new Date(
				Date.now() - 49 * 3_600_000,
			).toISOString();
			const before = vendorRequests().length;
			const held = await run([changeItem(late, kept, shopifyOrder())], {
				submitReacknowledgement: true,
			});
			expect((held.blocked[0].json as any).reasons[0]).toMatchObject({
				code: 'REACKNOWLEDGEMENT_LATE',
			});
			expect(vendorRequests().length).toBe(before);
		},
	);

	it("runs in a workflow through n8n's engine: three outputs, credentials only needed to submit", async () => {
		const kept = await intake(order());
		const changed = sandbox.control.changePurchaseOrder('PO100001', {
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 9 } }],
		}) as unknown as Order;
		const picking = shopifyOrder({ status: 'PARTIALLY_FULFILLED' });
		const items = [
			changeItem(changed, kept, shopifyOrder()).json,
			changeItem(changed, kept, picking).json,
			{ ...kept.previousPurchaseOrder, event: 'changed', ...kept, platformOrder: shopifyOrder() },
		];
		const credentials = {
			amazonVendorCentralApi: sandbox.store().data as ICredentialDataDecryptedObject,
		};
		const build = (
			submitReacknowledgement: boolean,
			input: IDataObject[] = items,
			onError?: 'continueRegularOutput',
		) =>
			workflow()
				.trigger()
				.node('Changed POs', TEST_ITEMS, { items: JSON.stringify(input) })
				.node(
					'Apply Change Order',
					packageType('applyChangeOrder'),
					{
						mappingSource: 'table',
						mapping: { rows: MAPPING },
						submitReacknowledgement,
						maxWaitSeconds: 5,
						pollIntervalSeconds: 1,
					},
					onError ? { onError } : {},
				)
				.chain('Trigger', 'Changed POs', 'Apply Change Order')
				.build();
		const nodeTypes = { [packageType('applyChangeOrder')]: ApplyChangeOrder };

		// Plan only: no credential is needed, nothing reaches Amazon.
		const before = vendorRequests().length;
		const planOnly = await runWorkflow(build(false), { nodeTypes });
		expect(planOnly.error).toBeUndefined();
		expect(planOnly.outputs('Apply Change Order').map((items) => items.length)).toEqual([1, 1, 1]);
		expect(planOnly.output('Apply Change Order', 0)[0].json).not.toHaveProperty('transactionId');
		expect(vendorRequests().length).toBe(before);

		const result = await runWorkflow(build(true), { credentials, nodeTypes });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const [apply, blocked, noChange] = result.outputs('Apply Change Order');
		expect(apply.map((i) => [i.json.purchaseOrderNumber, i.json.status, i.pairedItem])).toEqual([
			['PO100001', 'Success', { item: 0 }],
		]);
		expect((apply[0].json as any).plan.setQuantities).toEqual([
			{ sku: 'SKU-CASE', eaches: 108, restock: true, lineItemId: 'gid://shopify/LineItem/9001' },
		]);
		expect(
			blocked.map((i) => [(i.json.reasons as IDataObject[]).map((r) => r.code), i.pairedItem]),
		).toEqual([[['ORDER_IN_FULFILMENT'], { item: 1 }]]);
		expect(noChange.map((i) => i.pairedItem)).toEqual([{ item: 2 }]);
		expect(amazonState('PO100001').acknowledgements.map((a) => a.status)).toEqual([
			'Success',
			'Success',
		]);

		// A kept version missing (an empty metafield): the execution stops naming the item and the field,
		// or with "On Error: Continue" the item goes to Blocked and the others carry on.
		const broken = [items[0], { ...items[1], previousPurchaseOrder: '' }];
		const stopped = await runWorkflow(build(false, broken), { nodeTypes });
		expect(stopped.status).toBe('error');
		expect(stopped.errorNode).toBe('Apply Change Order');
		expect(stopped.error?.message).toBe(
			'Item 1: no previous purchase order in the field "previousPurchaseOrder" (PO PO100001)',
		);
		const continued = await runWorkflow(build(false, broken, 'continueRegularOutput'), {
			nodeTypes,
		});
		expect(continued.status).toBe('success');
		const [applied, held] = continued.outputs('Apply Change Order');
		expect(applied.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(held.map((i) => [i.json.error, i.pairedItem])).toEqual([
			[
				'Item 1: no previous purchase order in the field "previousPurchaseOrder" (PO PO100001)',
				{ item: 1 },
			],
		]);
	});
});
