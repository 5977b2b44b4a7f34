/**
 * The Shopify (Vendor Central) node and its credential against the sandbox's Shopify service:
 * every operation, what it writes in the shop, idempotence, errors with the item index and the
 * field, continueOnFail, the credential test and one run through n8n's real execution engine.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { AvcShopifyAdminApi } from '../../credentials/AvcShopifyAdminApi.credentials';
import { ShopifyVendorCentral } from '../../nodes/ShopifyVendorCentral/ShopifyVendorCentral.node';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { createShopifyService } from '../../sandbox/shopify';
import {
	createContext,
	credentialStore,
	realHttpRequest,
	resolveCredentialExpression,
} from '../helpers/n8nContext';
import { packageType, runWorkflow, workflow } from '../helpers/workflowHarness';

const TOKEN = 'shpat_unit_0000000000000000000000000000';
const NODE = { name: 'Shopify', type: 'n8n-nodes-amazon-vendor-central.shopifyVendorCentral' };
let sb: SandboxHandle;

function run(
	parameters: Record<string, unknown>,
	options: {
		items?: INodeExecutionData[];
		itemParameters?: Array<Record<string, unknown>>;
		continueOnFail?: boolean;
		token?: string;
	} = {},
) {
	const ctx = createContext({
		store: credentialStore({
			shopUrl: `${sb.url}/`,
			accessToken: options.token ?? TOKEN,
			apiVersion: '2026-04',
		}),
		credentialType: new AvcShopifyAdminApi(),
		node: NODE,
		parameters,
		items: options.items,
		itemParameters: options.itemParameters,
		continueOnFail: options.continueOnFail,
	});
	return new ShopifyVendorCentral().execute.call(ctx);
}

const json = (out: INodeExecutionData[][]) => out[0].map((i) => i.json);
const shop = () => sb.control.state().shopify as any;
const orderOf = (po: string) => shop().orders.find((o: any) => o.poNumber === po);
const variantOf = (sku: string): string =>
	shop()
		.products.flatMap((p: any) => p.variants)
		.find((v: any) => v.sku === sku).id;

async function control(method: string, path: string, body?: unknown) {
	const res = await fetch(`${sb.url}${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await res.json()) as any;
}

function seed() {
	sb.control.reset();
	sb.control.seed({
		shopify: {
			accessToken: TOKEN,
			locations: [{ name: 'Main warehouse' }, { name: '3PL East' }],
			products: [
				{
					title: 'Case Product',
					variants: [
						{ sku: 'SKU-CASE', price: '9.99', stock: { 'Main warehouse': 100, '3PL East': 20 } },
					],
				},
				{
					title: 'Each Product',
					variants: [{ sku: 'SKU-EACH', price: '5.00', stock: { 'Main warehouse': 7 } }],
				},
				{
					title: 'New Product',
					variants: [{ sku: 'SKU-NEW', price: '3.00', stock: { 'Main warehouse': 50 } }],
				},
			],
		},
	} as any);
}

/** An item of Acknowledge PO's Acknowledged output (abridged to what the order uses). */
function acknowledged(po: string, skus: Array<[string, number, number]>): IDataObject {
	return {
		purchaseOrderNumber: po,
		purchaseOrder: {
			purchaseOrderNumber: po,
			sellingParty: { partyId: 'VEND1' },
			shipToParty: { partyId: 'ABE8' },
			items: [
				{
					itemSequenceNumber: '1',
					orderedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 12 },
				},
			],
		},
		acknowledgement: { purchaseOrderNumber: po, items: [{ itemSequenceNumber: '1' }] },
		allocation: {
			skus: skus.map(([sku, accepted, backordered]) => ({
				sku,
				acceptedEaches: accepted,
				backorderedEaches: backordered,
			})),
			lines: [
				{
					itemSequenceNumber: '1',
					sku: skus[0][0],
					unitOfMeasure: 'Cases',
					unitSize: 12,
					ordered: 2,
				},
			],
		},
		lines: skus.map(([sku]) => ({ sku, netCost: { amount: '4.20', currencyCode: 'USD' } })),
		transactionId: 'tx-1',
		backorders: skus.some((s) => s[2] > 0) ? [{ sku: skus[0][0], eaches: skus[0][2] }] : [],
		backorderNote: skus.some((s) => s[2] > 0) ? 'Backordered at Amazon: 2 x SKU-CASE' : '',
	};
}

const ORDER = {
	resource: 'order',
	orderTag: 'amazon-vc',
	namespace: 'amazon',
	vendorCode: 'VEND1',
};

async function placeOrder(
	po: string,
	skus: Array<[string, number, number]> = [['SKU-CASE', 24, 0]],
) {
	const built = json(
		await run(
			{ ...ORDER, operation: 'buildRequest' },
			{ items: [{ json: acknowledged(po, skus) }] },
		),
	)[0];
	const created = json(
		await run({
			...ORDER,
			operation: 'create',
			purchaseOrderNumber: po,
			orderRequest: built.orderRequest,
		}),
	)[0];
	return { built, created };
}

beforeAll(async () => {
	sb = await startSandbox({ rateLimits: false, services: [createShopifyService] });
});
afterAll(async () => await sb.close());
beforeEach(() => seed());

describe('Shopify (Vendor Central): stock', () => {
	it('reads available eaches per SKU across locations, minus the buffer, 0 for unknown SKUs', async () => {
		const rows = json(
			await run({
				resource: 'stock',
				operation: 'get',
				skus: ['SKU-CASE', 'SKU-EACH', 'NOPE', 'SKU-CASE'],
				bufferEaches: 5,
			}),
		);
		expect(rows.map((r) => [r.sku, r.available, r.found])).toEqual([
			['SKU-CASE', 115, true],
			['SKU-EACH', 2, true],
			['NOPE', 0, false],
		]);
		expect(rows[0].variantId).toBe(variantOf('SKU-CASE'));
		expect((rows[0].locations as IDataObject[]).map((l) => [l.location, l.available])).toEqual([
			['Main warehouse', 100],
			['3PL East', 20],
		]);
	});

	it('counts only the locations named, never below 0, and takes a comma-separated text', async () => {
		const rows = json(
			await run({
				resource: 'stock',
				operation: 'get',
				skus: 'SKU-CASE, SKU-EACH',
				bufferEaches: 10,
				locations: '3PL East',
			}),
		);
		expect(rows.map((r) => [r.sku, r.available])).toEqual([
			['SKU-CASE', 10],
			['SKU-EACH', 0],
		]);
	});

	it('refuses a negative buffer with the item index, before calling Shopify', async () => {
		const error = await run({
			resource: 'stock',
			operation: 'get',
			skus: 'SKU-CASE',
			bufferEaches: -1,
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/Buffer \(Eaches\)/);
		expect(error.context.itemIndex).toBe(0);
	});
});

describe('Shopify (Vendor Central): order intake', () => {
	it('builds the order request of an acknowledged PO and creates the order once', async () => {
		const { built, created } = await placeOrder('PO-1', [
			['SKU-CASE', 24, 12],
			['SKU-EACH', 0, 0],
		]);
		expect(built.purchaseOrderNumber).toBe('PO-1');
		expect(built.acceptedEaches).toBe(36);
		expect(built.variantIds).toEqual({
			'SKU-CASE': variantOf('SKU-CASE'),
			'SKU-EACH': variantOf('SKU-EACH'),
		});
		expect(created).toMatchObject({ purchaseOrderNumber: 'PO-1', created: true });
		const order = orderOf('PO-1');
		expect(order.id).toBe(created.orderId);
		expect(order.tags).toEqual(expect.arrayContaining(['amazon-vc', 'po:PO-1']));
		expect(order.sourceIdentifier).toBe('PO-1');
		expect(order.note).toBe(
			'Amazon PO PO-1 (vendor VEND1, ship to ABE8), acknowledgement transaction tx-1. Backordered at Amazon: 2 x SKU-CASE',
		);
		expect(order.lineItems.map((l: any) => [l.sku, l.quantity, l.price])).toEqual([
			['SKU-CASE', 36, '4.20'],
		]);
		expect(order.metafields.map((m: any) => m.key)).toEqual([
			'po_number',
			'po_snapshot',
			'backorders',
		]);
		const snapshot = JSON.parse(order.metafields[1].value);
		expect(snapshot.previousPurchaseOrder.purchaseOrderNumber).toBe('PO-1');
		expect(snapshot.variantIds['SKU-CASE']).toBe(variantOf('SKU-CASE'));
		expect(shop().products[0].variants[0].stock['Main warehouse'].committed).toBe(36);

		const again = json(
			await run({
				...ORDER,
				operation: 'create',
				purchaseOrderNumber: 'PO-1',
				orderRequest: JSON.parse(built.orderRequest as string),
			}),
		)[0];
		expect(again).toEqual({
			purchaseOrderNumber: 'PO-1',
			created: false,
			orderId: created.orderId,
			orderName: created.orderName,
		});
		expect(shop().orders).toHaveLength(1);
	});

	it('finds the order of a PO, or says there is none, and can keep the input item', async () => {
		const { created } = await placeOrder('PO-2');
		const out = json(
			await run(
				{ ...ORDER, operation: 'find', resultField: 'shopifyOrder' },
				{
					items: [{ json: { po: 'PO-2' } }, { json: { po: 'PO-X' } }],
					itemParameters: [{ purchaseOrderNumber: 'PO-2' }, { purchaseOrderNumber: 'PO-X' }],
				},
			),
		);
		expect(out[0]).toEqual({
			po: 'PO-2',
			shopifyOrder: {
				purchaseOrderNumber: 'PO-2',
				found: true,
				orderId: created.orderId,
				orderName: created.orderName,
			},
		});
		expect(out[1].shopifyOrder).toEqual({
			purchaseOrderNumber: 'PO-X',
			found: false,
			orderId: '',
			orderName: '',
		});
	});

	it('drops the items of POs that have an order with Only POs Without an Order', async () => {
		await placeOrder('PO-2B');
		const run2 = await run(
			{ ...ORDER, operation: 'find', resultField: 'shopifyOrder', onlyWithoutOrder: true },
			{
				items: [{ json: { po: 'PO-2B' } }, { json: { po: 'PO-Y' } }],
				itemParameters: [{ purchaseOrderNumber: 'PO-2B' }, { purchaseOrderNumber: 'PO-Y' }],
			},
		);
		expect(json(run2)).toEqual([
			{
				po: 'PO-Y',
				shopifyOrder: { purchaseOrderNumber: 'PO-Y', found: false, orderId: '', orderName: '' },
			},
		]);
		expect(run2[0][0].pairedItem).toEqual({ item: 1 });
	});

	it('stops on look-up errors (THROTTLED): an error is never read as "no order"', async () => {
		await control('POST', '/__sandbox/shopify/throttle', {
			currentlyAvailable: 0,
			restoreRate: 0.001,
		});
		const error = await run({ ...ORDER, operation: 'find', purchaseOrderNumber: 'PO-3' }).catch(
			(e) => e,
		);
		await control('POST', '/__sandbox/shopify/throttle', {
			currentlyAvailable: 2000,
			restoreRate: 100,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Shopify answered the order look-up of Amazon PO PO-3 with errors, ' +
				'so it is unknown whether an order exists: Throttled (THROTTLED)',
		);
		expect(error.context.itemIndex).toBe(0);
	});

	it('refuses an item without allocation (naming the field) and an order for a SKU Shopify lacks', async () => {
		const noAllocation = await run(
			{ ...ORDER, operation: 'buildRequest' },
			{ items: [{ json: { purchaseOrderNumber: 'PO-4' } }] },
		).catch((e) => e);
		expect(noAllocation).toBeInstanceOf(NodeOperationError);
		expect(noAllocation.description).toBe('Item 0, field allocation.skus.');
		const unknown = json(
			await run(
				{ ...ORDER, operation: 'buildRequest' },
				{ items: [{ json: acknowledged('PO-4', [['NOPE', 6, 0]]) }] },
			),
		)[0];
		expect(unknown.acceptedEaches).toBe(6);
		const refused = await run({
			...ORDER,
			operation: 'create',
			purchaseOrderNumber: 'PO-4',
			orderRequest: unknown.orderRequest,
		}).catch((e) => e);
		expect(refused).toBeInstanceOf(NodeOperationError);
		expect(refused.message).toBe(
			'The order of Amazon PO PO-4 cannot be created: Shopify has no variant for SKU NOPE',
		);
		expect(refused.context.itemIndex).toBe(0);
		expect(shop().orders).toHaveLength(0);
	});

	it('reports a refused or failed orderCreate with the PO and creates nothing', async () => {
		const bad = json(
			await run(
				{ ...ORDER, operation: 'buildRequest' },
				{ items: [{ json: acknowledged('PO-5', [['SKU-CASE', 12, 0]]) }] },
			),
		)[0];
		const request = JSON.parse(bad.orderRequest as string);
		request.order.lineItems[0].quantity = 0;
		const refused = await run({
			...ORDER,
			operation: 'create',
			purchaseOrderNumber: 'PO-5',
			orderRequest: request,
		}).catch((e) => e);
		expect(refused).toBeInstanceOf(NodeApiError);
		expect(refused.message).toMatch(/^Shopify refused the order of Amazon PO PO-5: /);
		sb.control.addFaults([{ service: 'shopify', operation: 'orderCreate', status: 500 }] as any);
		const failed = await run({
			...ORDER,
			operation: 'create',
			purchaseOrderNumber: 'PO-5',
			orderRequest: bad.orderRequest,
		}).catch((e) => e);
		sb.control.clearFaults();
		expect(failed.message).toMatch(/^Shopify Admin GraphQL failed: Internal error.*\(HTTP 500\)/s);
		expect(failed.description).toMatch(/Gave up after 3 attempts/);
		expect(shop().orders).toHaveLength(0);
		const notJson = await run({
			...ORDER,
			operation: 'create',
			purchaseOrderNumber: 'PO-5',
			orderRequest: '{nope',
		}).catch((e) => e);
		expect(notJson.message).toBe('Order Request is not valid JSON');
	});

	it('continues on fail: one item per input, the error as JSON, paired with its input', async () => {
		const out = await run(
			{ ...ORDER, operation: 'find' },
			{
				items: [{ json: {} }, { json: {} }],
				itemParameters: [{ purchaseOrderNumber: '' }, { purchaseOrderNumber: 'PO-6' }],
				continueOnFail: true,
			},
		);
		expect(out[0].map((i) => [i.json, i.pairedItem])).toEqual([
			[{ error: 'PO Number is empty' }, { item: 0 }],
			[{ purchaseOrderNumber: 'PO-6', found: false, orderId: '', orderName: '' }, { item: 1 }],
		]);
	});
});

async function stateOf(po: string): Promise<IDataObject> {
	return json(await run({ ...ORDER, operation: 'getState', purchaseOrderNumber: po }))[0];
}

/** An Apply item of Apply Change Order for the order (abridged to what the operation reads). */
function applyItem(po: string, skus: IDataObject[], state: IDataObject): IDataObject {
	return {
		purchaseOrderNumber: po,
		platformEditNeeded: true,
		plan: {
			purchaseOrderNumber: po,
			platformOrderId: state.orderId,
			skus,
			lines: [
				{
					index: 0,
					itemSequenceNumber: '1',
					sku: 'SKU-CASE',
					unitOfMeasure: 'Cases',
					unitSize: 12,
					ordered: 1,
				},
			],
		},
		purchaseOrder: {
			purchaseOrderNumber: po,
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 1 } }],
		},
		acknowledgementToKeep: { purchaseOrderNumber: po, items: [{ itemSequenceNumber: '1' }] },
		transactionId: 'tx-change',
		diff: { currentChangedDate: '2026-03-02T12:00:00Z' },
	};
}

describe('Shopify (Vendor Central): change orders', () => {
	it("reads the order's fulfilment state as Apply Change Order's platformOrder, with the snapshot", async () => {
		await placeOrder('PO-7', [
			['SKU-CASE', 24, 0],
			['SKU-EACH', 6, 0],
		]);
		await control(
			'POST',
			'/__sandbox/shopify/orders/PO-7/start-fulfillment'.replace(
				'PO-7',
				encodeURIComponent(orderOf('PO-7').name),
			),
			{},
		);
		const state = await stateOf('PO-7');
		const lineIds = orderOf('PO-7').lineItems.map((l: any) => l.id);
		expect(state).toMatchObject({
			found: true,
			hasSnapshot: true,
			orderName: orderOf('PO-7').name,
		});
		expect(state.platformOrder).toEqual({
			id: orderOf('PO-7').id,
			name: orderOf('PO-7').name,
			status: ['IN_PROGRESS', 'IN_PROGRESS'],
			lines: [
				{
					sku: 'SKU-CASE',
					ordered: 24,
					fulfilled: 0,
					inProgress: 24,
					lineItemId: lineIds[0],
					variantId: variantOf('SKU-CASE'),
				},
				{
					sku: 'SKU-EACH',
					ordered: 6,
					fulfilled: 0,
					inProgress: 6,
					lineItemId: lineIds[1],
					variantId: variantOf('SKU-EACH'),
				},
			],
		});
		expect((state.snapshot as IDataObject).previousPurchaseOrder).toMatchObject({
			purchaseOrderNumber: 'PO-7',
		});
		expect(state.openFulfillmentOrderIds).toEqual([orderOf('PO-7').fulfillmentOrders[0].id]);
		expect(await stateOf('PO-NONE')).toMatchObject({
			found: false,
			hasSnapshot: false,
			platformOrder: null,
		});
	});

	it('applies a plan as one order edit (a new quantity and an added SKU) and saves the new snapshot', async () => {
		await placeOrder('PO-8');
		const state = await stateOf('PO-8');
		const lineItemId = (state.platformOrder as any).lines[0].lineItemId;
		const item = applyItem(
			'PO-8',
			[
				{
					sku: 'SKU-CASE',
					action: 'setQuantity',
					targetEaches: 12,
					platformOrdered: 24,
					lineItemId,
				},
				{ sku: 'SKU-NEW', action: 'add', targetEaches: 5, platformOrdered: 0 },
			],
			state,
		);
		const out = json(
			await run(
				{ ...ORDER, operation: 'applyChange', orderState: state },
				{ items: [{ json: item }] },
			),
		)[0];
		expect(out).toMatchObject({
			purchaseOrderNumber: 'PO-8',
			orderEdited: true,
			snapshotSaved: true,
		});
		expect(out.steps).toEqual([
			{ sku: 'SKU-CASE', mutation: 'orderEditSetQuantity', quantity: 12 },
			{ sku: 'SKU-NEW', mutation: 'orderEditAddVariant', quantity: 5 },
		]);
		expect(orderOf('PO-8').lineItems.map((l: any) => [l.sku, l.currentQuantity])).toEqual([
			['SKU-CASE', 12],
			['SKU-NEW', 5],
		]);
		const snapshot = JSON.parse(
			orderOf('PO-8').metafields.find((m: any) => m.key === 'po_snapshot').value,
		);
		expect(snapshot.previousPurchaseOrder.items[0].orderedQuantity.amount).toBe(1);
		expect(snapshot.lastChange).toEqual({
			changedAt: '2026-03-02T12:00:00Z',
			orderEdited: true,
			transactionId: 'tx-change',
		});
		expect(snapshot.variantIds['SKU-NEW']).toBe(variantOf('SKU-NEW'));
		expect(snapshot.previousLines).toEqual([
			{
				itemSequenceNumber: '1',
				status: 'mapped',
				sku: 'SKU-CASE',
				unitOfMeasure: 'Cases',
				unitSize: 12,
				orderedAmount: 1,
			},
		]);
	});

	it('leaves the order unchanged when Shopify refuses a step, and says the edit was not committed', async () => {
		await placeOrder('PO-9');
		await control(
			'POST',
			`/__sandbox/shopify/orders/${encodeURIComponent(orderOf('PO-9').name)}/fulfill`,
			{ lines: [{ sku: 'SKU-CASE', quantity: 12 }] },
		);
		const state = await stateOf('PO-9');
		const lineItemId = (state.platformOrder as any).lines[0].lineItemId;
		const item = applyItem(
			'PO-9',
			[
				{
					sku: 'SKU-CASE',
					action: 'setQuantity',
					targetEaches: 6,
					platformOrdered: 24,
					lineItemId,
				},
			],
			state,
		);
		const error = await run(
			{ ...ORDER, operation: 'applyChange', orderState: JSON.stringify(state) },
			{ items: [{ json: item }] },
		).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(
			/^Shopify refused orderEditSetQuantity of SKU SKU-CASE \(Amazon PO PO-9\): .*fulfilled quantity/,
		);
		expect(error.message).toMatch(
			/The order edit was not committed: the Shopify order is unchanged$/,
		);
		expect(orderOf('PO-9').lineItems[0].currentQuantity).toBe(24);
		const snapshot = JSON.parse(
			orderOf('PO-9').metafields.find((m: any) => m.key === 'po_snapshot').value,
		);
		expect(snapshot.lastChange).toBeUndefined();
	});

	it('saves only the snapshot when the plan needs no edit, and refuses an item without a plan', async () => {
		await placeOrder('PO-10');
		const state = await stateOf('PO-10');
		const item = { ...applyItem('PO-10', [], state), platformEditNeeded: false };
		const out = json(
			await run(
				{ ...ORDER, operation: 'applyChange', orderState: state },
				{ items: [{ json: item }] },
			),
		)[0];
		expect(out).toMatchObject({ orderEdited: false, steps: [], snapshotSaved: true });
		const noPlan = await run(
			{ ...ORDER, operation: 'applyChange', orderState: state },
			{ items: [{ json: {} }] },
		).catch((e) => e);
		expect(noPlan.description).toBe('Item 0, field plan.');
		const noOrder = await run(
			{ ...ORDER, operation: 'applyChange', orderState: { found: false, orderId: '' } },
			{ items: [{ json: item }] },
		).catch((e) => e);
		expect(noOrder.message).toBe('Order State has no orderId');
		expect(noOrder.description).toMatch(/^Item 0, field orderState.orderId/);
	});

	it('holds and releases fulfilment; a refused hold releases the ones placed before it', async () => {
		await placeOrder('PO-11');
		const fo = orderOf('PO-11').fulfillmentOrders[0].id;
		const held = json(
			await run({
				...ORDER,
				operation: 'hold',
				fulfillmentOrderIds: [fo],
				reasonNotes: 'Amazon changed PO-11',
			}),
		)[0];
		expect((held.held as IDataObject[])[0].fulfillmentOrderId).toBe(fo);
		expect(orderOf('PO-11').fulfillmentOrders[0].status).toBe('ON_HOLD');
		expect(orderOf('PO-11').fulfillmentOrders[0].holds[0]).toMatchObject({
			handle: 'amazon-po-change',
			reasonNotes: 'Amazon changed PO-11',
		});
		const released = json(
			await run({ ...ORDER, operation: 'release', fulfillmentOrderIds: fo }),
		)[0];
		expect(released.released).toEqual([{ fulfillmentOrderId: fo, status: 'OPEN' }]);

		const error = await run({
			...ORDER,
			operation: 'hold',
			fulfillmentOrderIds: `${fo}, gid://shopify/FulfillmentOrder/999999`,
		}).catch((e) => e);
		expect(error.message).toMatch(
			/FulfillmentOrder\/999999.*\(the 1 hold\(s\) placed before it were released\)$/,
		);
		expect(orderOf('PO-11').fulfillmentOrders[0].status).toBe('OPEN');
		const badId = await run({ ...ORDER, operation: 'hold', fulfillmentOrderIds: 'order-1' }).catch(
			(e) => e,
		);
		expect(badId.description).toBe('Item 0, field fulfillmentOrderIds.');
	});
});

describe('Shopify (Vendor Central): shipping', () => {
	const LIST = {
		resource: 'fulfillment',
		orderTag: 'amazon-vc',
		namespace: 'amazon',
		lookbackDays: 7,
		shipFromPartyId: 'VEND1',
		invoicePrefix: 'INV-',
	};

	it('lists each new fulfilment as a Build ASN shipment, saves the ASN, then lists it for its invoice', async () => {
		await placeOrder('PO-12', [
			['SKU-CASE', 24, 0],
			['SKU-EACH', 6, 0],
		]);
		const name = orderOf('PO-12').name;
		await control('POST', `/__sandbox/shopify/orders/${encodeURIComponent(name)}/fulfill`, {
			lines: [{ sku: 'SKU-CASE', quantity: 24 }],
			tracking: { company: 'UPS', number: '1Z0001' },
		});
		const shipments = json(await run({ ...LIST, operation: 'getNew' }));
		expect(shipments).toHaveLength(1);
		const s = shipments[0];
		expect(s).toMatchObject({
			orderId: orderOf('PO-12').id,
			orderName: name,
			purchaseOrderNumber: 'PO-12',
			alreadyShipped: [],
		});
		expect(s.shipment).toMatchObject({
			shipmentIdentifier: `${name.replace('#', '')}-F1`,
			carrier: 'UPS',
			trackingNumbers: ['1Z0001'],
			shipFromParty: { partyId: 'VEND1' },
			cartons: [
				{
					id: `${name}-F1-1`,
					contents: [{ sku: 'SKU-CASE', eaches: 24, purchaseOrderNumber: 'PO-12' }],
				},
			],
		});
		expect((s.purchaseOrders as IDataObject[])[0].lines).toEqual([
			{
				itemSequenceNumber: '1',
				status: 'mapped',
				sku: 'SKU-CASE',
				unitOfMeasure: 'Cases',
				unitSize: 12,
				orderedAmount: 2,
			},
		]);

		const shippedLines = [
			{ purchaseOrderNumber: 'PO-12', itemSequenceNumber: '1', shippedQuantity: 2, remaining: 0 },
		];
		const save = {
			...LIST,
			operation: 'saveAsn',
			orderId: s.orderId,
			fulfillmentId: s.fulfillmentId,
			shipmentIdentifier: '1001-F1',
			shippedLines,
		};
		expect(json(await run(save))[0]).toMatchObject({ saved: true, alreadySaved: false });
		expect(json(await run(save))[0]).toMatchObject({ saved: true, alreadySaved: true });
		const metafield = (key: string) =>
			orderOf('PO-12').metafields.find((m: any) => m.key === key)?.value;
		expect(JSON.parse(metafield('asn_ids'))).toEqual({ [s.fulfillmentId as string]: '1001-F1' });
		expect(metafield('shipped_lines')).toBe(
			'[{"purchaseOrderNumber":"PO-12","itemSequenceNumber":"1","shippedQuantity":2,"shipmentIdentifier":"1001-F1"}]',
		);
		expect(json(await run({ ...LIST, operation: 'getNew' }))).toEqual([]);

		const invoices = json(await run({ ...LIST, operation: 'getToInvoice' }));
		expect(invoices).toEqual([
			expect.objectContaining({
				fulfillmentId: s.fulfillmentId,
				invoiceNumber: `INV-${name.replace('#', '')}-1`,
				shipmentIdentifier: '1001-F1',
				shippedLines: [
					{ purchaseOrderNumber: 'PO-12', itemSequenceNumber: '1', shippedQuantity: 2 },
				],
			}),
		]);
		await run({
			...LIST,
			operation: 'saveInvoice',
			orderId: s.orderId,
			fulfillmentId: s.fulfillmentId,
			invoiceNumber: invoices[0].invoiceNumber,
		});
		expect(JSON.parse(metafield('invoice_numbers'))).toEqual({
			[s.fulfillmentId as string]: invoices[0].invoiceNumber,
		});
		expect(json(await run({ ...LIST, operation: 'getToInvoice' }))).toEqual([]);
	});

	it('refuses shipped lines that are not a list, naming the item', async () => {
		const error = await run({
			...LIST,
			operation: 'saveAsn',
			orderId: 'gid://shopify/Order/1',
			fulfillmentId: 'gid://shopify/Fulfillment/1',
			shipmentIdentifier: 'X',
			shippedLines: '{"a":1}',
		}).catch((e) => e);
		expect(error.message).toBe('Shipped Lines must be a JSON list');
		expect(error.context.itemIndex).toBe(0);
	});
});

describe('Shopify Admin (Vendor Central) API credential', () => {
	it('sends the token header and its test request passes against the sandbox', async () => {
		const credential = new AvcShopifyAdminApi();
		expect(credential.name).toBe('avcShopifyAdminApi');
		expect(credential.properties.find((p) => p.name === 'accessToken')?.typeOptions?.password).toBe(
			true,
		);
		const test = async (data: IDataObject) =>
			(await realHttpRequest({
				method: 'POST',
				url:
					(resolveCredentialExpression(credential.test.request.baseURL, data) as string) +
					(resolveCredentialExpression(credential.test.request.url, data) as string),
				body: credential.test.request.body,
				headers: {
					'X-Shopify-Access-Token': resolveCredentialExpression(
						credential.authenticate.properties.headers!['X-Shopify-Access-Token'],
						data,
					) as string,
				},
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as { statusCode: number; body: any };
		const ok = await test({ shopUrl: `${sb.url}//`, accessToken: TOKEN, apiVersion: '2026-04' });
		expect(ok.statusCode).toBe(200);
		expect(ok.body.data.shop.name).toEqual(expect.any(String));
		expect(
			(await test({ shopUrl: sb.url, accessToken: 'shpat_wrong', apiVersion: '2026-04' }))
				.statusCode,
		).toBe(401);
	});

	it('names a wrong token without echoing it', async () => {
		const error = await run(
			{ resource: 'stock', operation: 'get', skus: 'SKU-CASE' },
			{ token: 'shpat_secret_wrong' },
		).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/HTTP 401/);
		expect(JSON.stringify(error)).not.toContain('shpat_secret_wrong');
	});
});

describe('Shopify (Vendor Central) in a workflow', () => {
	it("runs through n8n's execution engine", async () => {
		const wf = workflow()
			.trigger()
			.node('Shopify', packageType('shopifyVendorCentral'), {
				resource: 'stock',
				operation: 'get',
				skus: 'SKU-EACH',
			})
			.chain('Trigger', 'Shopify')
			.build();
		const result = await runWorkflow(wf, {
			nodeTypes: { [packageType('shopifyVendorCentral')]: ShopifyVendorCentral },
			credentialTypes: [new AvcShopifyAdminApi()],
			credentials: {
				avcShopifyAdminApi: { shopUrl: sb.url, accessToken: TOKEN, apiVersion: '2026-04' },
			},
		});
		expect(result.status).toBe('success');
		expect(result.output('Shopify').map((i) => [i.json.sku, i.json.available])).toEqual([
			['SKU-EACH', 7],
		]);
	});

	it('is usable as an AI tool and describes every operation', () => {
		const { description } = new ShopifyVendorCentral();
		expect(description.usableAsTool).toBe(true);
		const operations = description.properties.filter((p) => p.name === 'operation');
		expect(
			operations.map((p) => [
				p.displayOptions?.show?.resource,
				(p.options as Array<{ value: string }>).map((o) => o.value),
			]),
		).toEqual([
			[['order'], ['applyChange', 'buildRequest', 'create', 'find', 'getState', 'hold', 'release']],
			[['stock'], ['get']],
			[['fulfillment'], ['getNew', 'getToInvoice', 'saveAsn', 'saveInvoice']],
			[['variant'], ['get', 'getManyWithAsin']],
		]);
	});
});
