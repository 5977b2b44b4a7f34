/**
 * The Magento (Vendor Central) node and its credential against the sandbox's Magento service:
 * every operation as sent on the wire, idempotent order creation, a failing cart step that
 * places no order, errors with the item index and field, and continueOnFail.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { AvcMagento2Api } from '../../credentials/AvcMagento2Api.credentials';
import { MagentoVendorCentral } from '../../nodes/MagentoVendorCentral/MagentoVendorCentral.node';
import { createMagentoService } from '../../sandbox/magento';
import {
	ADDRESS,
	BASIC_SEED,
	startMagentoSandbox,
	TOKEN,
	type MagentoTestSandbox,
} from '../../sandbox/magento/testing';
import { createContext, credentialStore } from '../helpers/n8nContext';

let t: MagentoTestSandbox;

const NODE = { name: 'Magento', type: 'n8n-nodes-amazon-vendor-central.magentoVendorCentral' };

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
			host: `${t.url}/`,
			accessToken: options.token ?? TOKEN,
			storeCode: 'default',
		}),
		credentialType: new AvcMagento2Api(),
		node: NODE,
		parameters,
		items: options.items,
		itemParameters: options.itemParameters,
		continueOnFail: options.continueOnFail,
	});
	return new MagentoVendorCentral().execute.call(ctx);
}

const json = (out: INodeExecutionData[][]) => out[0].map((i) => i.json as Record<string, any>);
const state = () => t.state();
const requests = (operation: string) =>
	t.sandbox.control.requests({ service: 'magento', operation });

const ALLOCATION = {
	skus: [
		{ sku: 'WIDGET', acceptedEaches: 4, backorderedEaches: 2 },
		{ sku: 'GADGET', acceptedEaches: 1, backorderedEaches: 0 },
		{ sku: 'NONE', acceptedEaches: 0, backorderedEaches: 0 },
	],
	lines: [
		{ sku: 'WIDGET', index: 0 },
		{ sku: 'GADGET', index: 1 },
	],
};
const PURCHASE_ORDER = {
	items: [
		{ netCost: { currencyCode: 'USD', amount: '9.50' } },
		{ netCost: { currencyCode: 'USD', amount: '30.00' } },
	],
};

const CREATE = {
	resource: 'order',
	operation: 'create',
	purchaseOrderNumber: 'PO-AMZ-1',
	customerId: '7',
	createdAfter: '2026-03-01T00:00:00Z',
	allocation: ALLOCATION,
	customerEmail: '',
	shippingCarrierCode: 'flatrate',
	shippingMethodCode: 'flatrate',
	customerGroup: '',
	purchaseOrder: PURCHASE_ORDER,
	comment: 'Amazon Vendor Central PO PO-AMZ-1',
};

async function createOrder(overrides: Record<string, unknown> = {}) {
	return json(await run({ ...CREATE, ...overrides }))[0];
}

beforeAll(async () => {
	t = await startMagentoSandbox([createMagentoService]);
});
afterAll(() => t.close());
beforeEach(() => {
	t.sandbox.control.reset();
	t.sandbox.control.seed({
		magento: {
			...BASIC_SEED,
			customerGroups: [{ id: 4, code: 'Amazon' }],
			customers: [
				{
					id: 7,
					email: 'ada@example.com',
					firstname: 'Ada',
					lastname: 'Buyer',
					group_id: 4,
					addresses: [{ ...ADDRESS, default_shipping: true }],
				},
			],
		},
	});
});

describe('Magento (Vendor Central): credential', () => {
	it('tests with the module list under the store code, Bearer token', () => {
		const cred = new AvcMagento2Api();
		expect(cred.name).toBe('avcMagento2Api');
		expect(cred.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
		});
		expect(cred.test.request.url).toContain('/V1/modules');
	});

	it('a wrong token is a NodeApiError with the status and Magento message', async () => {
		const error = await run(
			{ resource: 'order', operation: 'get', orderId: '1' },
			{ token: 'wrong' },
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toMatch(/answered 401: The consumer isn't authorized/);
		expect(JSON.stringify(error)).not.toContain(TOKEN);
	});
});

describe('Magento (Vendor Central): orders', () => {
	it('creates the order from the allocation through the customer cart, with the PO number and a comment', async () => {
		const result = await createOrder();
		expect(result).toMatchObject({
			created: true,
			purchaseOrderNumber: 'PO-AMZ-1',
			state: 'new',
			commentAdded: true,
		});
		expect(result.lines).toEqual([
			{ sku: 'WIDGET', qty: 6 },
			{ sku: 'GADGET', qty: 1 },
		]);
		const order = state().orders[0];
		expect(String(order.entity_id)).toBe(result.orderId);
		expect(order.increment_id).toBe(result.incrementId);
		expect(order.payment).toMatchObject({ method: 'purchaseorder', po_number: 'PO-AMZ-1' });
		expect(order.items.map((i: any) => [i.sku, i.qty_ordered])).toEqual([
			['WIDGET', 6],
			['GADGET', 1],
		]);
		expect(order.status_histories.map((h: any) => h.comment)).toContain(
			'Amazon Vendor Central PO PO-AMZ-1',
		);
	});

	it('is idempotent by PO: a second run finds the order and creates none', async () => {
		const first = await createOrder();
		const second = await createOrder();
		expect(second).toMatchObject({
			created: false,
			orderId: first.orderId,
			incrementId: first.incrementId,
		});
		expect(state().orders).toHaveLength(1);
		expect(requests('PutV1CartsCartIdOrder')).toHaveLength(1);
	});

	it('sets the customer group prices to the net costs before ordering', async () => {
		await createOrder({ customerGroup: 'Amazon' });
		const order = state().orders[0];
		expect(order.items.map((i: any) => [i.sku, i.price])).toEqual([
			['WIDGET', 9.5],
			['GADGET', 30],
		]);
	});

	it('corrects a cart left by a failed run (quantity set, unwanted line removed) before ordering', async () => {
		const cart = await t.rest('POST', '/V1/customers/7/carts');
		await t.rest('POST', `/V1/carts/${cart.body}/items`, {
			cartItem: { sku: 'WIDGET', qty: 1, quote_id: String(cart.body) },
		});
		await t.rest('POST', `/V1/carts/${cart.body}/items`, {
			cartItem: { sku: 'GADGET', qty: 2, quote_id: String(cart.body) },
		});
		const result = await createOrder({
			allocation: { skus: [{ sku: 'WIDGET', acceptedEaches: 3 }] },
		});
		expect(result.cartId).toBe(String(cart.body));
		expect(state().orders[0].items.map((i: any) => [i.sku, i.qty_ordered])).toEqual([
			['WIDGET', 3],
		]);
	});

	it('a cart line Magento refuses places no order and names the SKU', async () => {
		const error = await createOrder({
			allocation: { skus: [{ sku: 'GADGET', acceptedEaches: 50 }] },
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(
			/refused cart line GADGET x 50 .*No order was placed for PO PO-AMZ-1/,
		);
		expect((error as NodeOperationError).description).toBe(
			'Item 0, field allocation.skus[sku=GADGET].',
		);
		expect(state().orders).toHaveLength(0);
	});

	it('a failure to place the order is reported with the step and leaves no order', async () => {
		t.sandbox.control.addFaults([
			{ service: 'magento', operation: 'PutV1CartsCartIdOrder', status: 503, count: 1 },
		]);
		const error = await createOrder().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toMatch(
			/place the order \(no order was placed; cart \d+\): PUT \/V1\/carts\/\d+\/order answered 503/,
		);
		expect(state().orders).toHaveLength(0);
		expect((await createOrder()).created).toBe(true);
	});

	const ACKNOWLEDGED = {
		purchaseOrderNumber: 'PO-AMZ-1',
		purchaseOrder: {
			purchaseOrderNumber: 'PO-AMZ-1',
			purchaseOrderDate: '2026-03-02T09:00:00Z',
			sellingParty: { partyId: 'VEND1' },
			shipToParty: { partyId: 'ABE8' },
			shipWindow: { start: '2026-03-10T07:00:00Z', end: '2026-03-14T07:00:00Z' },
			items: PURCHASE_ORDER.items,
		},
		acknowledgement: { purchaseOrderNumber: 'PO-AMZ-1', items: [] },
		allocation: ALLOCATION,
		backorders: [{ sku: 'WIDGET', eaches: 2 }],
		backorderNote: 'Backordered at Amazon, ship when stock arrives: 2 x WIDGET',
		transactionId: 'tx-1',
	};
	const snapshotOf = (comment: string) =>
		JSON.parse(comment.slice(comment.indexOf('[avc-po-snapshot]') + '[avc-po-snapshot]'.length));

	const FROM_ACK = { source: 'acknowledgedPo', allocation: undefined, createdAfter: undefined };

	it('from the acknowledged PO: its allocation at its net costs, and the PO snapshot comment', async () => {
		const result = await createOrder({
			...FROM_ACK,
			comment: '',
			customerGroup: 'Amazon',
			acknowledged: JSON.stringify(ACKNOWLEDGED),
		});
		expect(result).toMatchObject({ created: true, snapshotAdded: true });
		const order = state().orders[0];
		expect(order.items.map((i: any) => [i.sku, i.qty_ordered, i.price])).toEqual([
			['WIDGET', 6, 9.5],
			['GADGET', 1, 30],
		]);
		const sent = requests('GetV1Orders').pop()!;
		expect(sent.query['searchCriteria[filterGroups][1][filters][0][value]']).toBe(
			'2026-02-28 09:00:00',
		);
		const comments = order.status_histories.map((h: any) => h.comment);
		expect(comments).toHaveLength(1);
		const [sentence, snapshotText] = comments[0].split('\n');
		expect(sentence).toBe(
			'Amazon Vendor Central PO PO-AMZ-1 (vendor VEND1, ship to ABE8, ship window ' +
				'{"start":"2026-03-10T07:00:00Z","end":"2026-03-14T07:00:00Z"}), acknowledgement ' +
				'transaction tx-1. Backordered at Amazon, ship when stock arrives: 2 x WIDGET.',
		);
		expect(snapshotText).toMatch(
			/^\[avc-po-snapshot\]\{"purchaseOrderNumber":"PO-AMZ-1","previousPurchaseOrder":\{"purchaseOrderNumber":"PO-AMZ-1"/,
		);
		expect(snapshotOf(comments[0])).toMatchObject({
			previousAcknowledgement: ACKNOWLEDGED.acknowledgement,
			allocation: ALLOCATION,
			backorders: ACKNOWLEDGED.backorders,
			acknowledgementTransactionId: 'tx-1',
			shipToPartyId: 'ABE8',
			magentoOrderId: Number(result.orderId),
		});
	});

	it('a snapshot comment Magento refuses is an error naming the order; the next run adds it, once', async () => {
		t.sandbox.control.addFaults([
			{ service: 'magento', operation: 'PostV1OrdersIdComments', status: 503, count: 1 },
		]);
		const params = { ...FROM_ACK, comment: '', acknowledged: ACKNOWLEDGED };
		const error = await createOrder(params).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toMatch(
			/save the PO snapshot comment of order entity \d+ \(PO PO-AMZ-1; the order stands.*answered 503/,
		);
		expect(state().orders).toHaveLength(1);
		expect(state().orders[0].status_histories).toHaveLength(0);
		expect(await createOrder(params)).toMatchObject({ created: false, snapshotAdded: true });
		expect(await createOrder(params)).toMatchObject({ created: false, snapshotAdded: false });
		expect(state().orders[0].status_histories).toHaveLength(1);
		expect(requests('PutV1CartsCartIdOrder')).toHaveLength(1);
	});

	it('an acknowledged PO without its acknowledgement names the field and places no order', async () => {
		const { acknowledgement: _left, ...withoutAck } = ACKNOWLEDGED;
		const error = await createOrder({ ...FROM_ACK, acknowledged: withoutAck }).catch(
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toBe(
			'Item 0, field acknowledged.acknowledgement.',
		);
		const noDate = { ...ACKNOWLEDGED, purchaseOrder: { purchaseOrderNumber: 'PO-AMZ-1' } };
		const dateError = await createOrder({ ...FROM_ACK, acknowledged: noDate }).catch(
			(e: unknown) => e,
		);
		expect((dateError as NodeOperationError).description).toBe(
			'Item 0, field acknowledged.purchaseOrder.purchaseOrderDate.',
		);
		expect(state().orders).toHaveLength(0);
	});

	it('bad allocation: the item index and the field', async () => {
		const error = await run(
			{ ...CREATE, allocation: { skus: [{ sku: 'WIDGET', acceptedEaches: -1 }] } },
			{ items: [{ json: {} }, { json: {} }] },
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toBe(
			'Item 0, field allocation.skus[0].acceptedEaches.',
		);
		const empty = await createOrder({ allocation: { skus: [] } }).catch((e: unknown) => e);
		expect((empty as Error).message).toMatch(/orders no eaches/);
	});

	it('finds the order of a PO (any case), canceled ones only when asked', async () => {
		const created = await createOrder();
		const find = {
			resource: 'order',
			operation: 'findByPo',
			purchaseOrderNumber: 'po-amz-1',
			customerId: '7',
			createdAfter: '2026-03-01T00:00:00Z',
		};
		expect(json(await run(find))[0]).toMatchObject({
			found: true,
			orderId: created.orderId,
			state: 'new',
		});
		await t.rest('POST', `/V1/orders/${created.orderId}/cancel`);
		expect(json(await run(find))[0]).toMatchObject({ found: false, orderId: '', order: null });
		expect(json(await run({ ...find, includeCanceled: true }))[0]).toMatchObject({
			found: true,
			state: 'canceled',
		});
		const withField = await run(
			{ ...find, resultField: 'magentoOrder' },
			{ items: [{ json: { purchaseOrder: { purchaseOrderNumber: 'PO-AMZ-1' } } }] },
		);
		expect(json(withField)[0]).toMatchObject({
			purchaseOrder: { purchaseOrderNumber: 'PO-AMZ-1' },
			magentoOrder: { found: false, orderId: '' },
		});
		expect(
			json(await run({ ...find, createdAfter: '2026-03-03T00:00:00Z', includeCanceled: true }))[0]
				.found,
		).toBe(false);
		const sent = requests('GetV1Orders').pop()!;
		expect(sent.query['searchCriteria[filterGroups][1][filters][0][value]']).toBe(
			'2026-03-03 00:00:00',
		);
		expect(sent.query['searchCriteria[filterGroups][0][filters][0][value]']).toBe('7');
	});

	it('reads the fulfilment state as Apply Change Order platformOrder, held orders with the state before', async () => {
		const created = await createOrder();
		await t.ctl('POST', `/__sandbox/magento/orders/${created.orderId}/start-fulfilment`, {});
		await t.ctl('POST', `/__sandbox/magento/orders/${created.orderId}/ship`, {
			items: [{ sku: 'WIDGET', qty: 2 }],
		});
		const get = { resource: 'order', operation: 'get', orderId: created.orderId };
		const state1 = json(await run(get))[0];
		expect(state1.platformOrder).toEqual({
			id: created.orderId,
			name: `#${created.incrementId}`,
			status: ['processing'],
			hasShipments: true,
			lines: [
				{ sku: 'WIDGET', ordered: 6, fulfilled: 2, inProgress: 4 },
				{ sku: 'GADGET', ordered: 1, fulfilled: 0, inProgress: 1 },
			],
		});
		expect(state1.magento).toMatchObject({ held: false, shippedEaches: 2, invoicedEaches: 0 });
		expect(json(await run({ ...get, operation: 'hold' }))[0]).toEqual({
			orderId: created.orderId,
			action: 'hold',
			done: true,
		});
		const held = json(await run(get))[0];
		expect(held.magento).toMatchObject({
			state: 'holded',
			effectiveState: 'processing',
			held: true,
		});
		expect(held.platformOrder.status).toEqual(['processing']);
		await run({ ...get, operation: 'unhold' });
		expect(state().orders[0].state).toBe('processing');
	});

	it('hold of a held order and cancel Magento refuses are errors with the reason', async () => {
		const created = await createOrder();
		await run({ resource: 'order', operation: 'hold', orderId: created.orderId });
		const again = await run({
			resource: 'order',
			operation: 'hold',
			orderId: created.orderId,
		}).catch((e: unknown) => e);
		expect((again as Error).message).toMatch(
			/hold the order: POST \/V1\/orders\/\d+\/hold answered 400: A hold action is not available/,
		);
		const cancel = await run({
			resource: 'order',
			operation: 'cancel',
			orderId: created.orderId,
		}).catch((e: unknown) => e);
		expect((cancel as NodeApiError).description).toMatch(/present state/);
		await run({ resource: 'order', operation: 'unhold', orderId: created.orderId });
		expect(
			json(await run({ resource: 'order', operation: 'cancel', orderId: created.orderId }))[0].done,
		).toBe(true);
		expect(state().orders[0].state).toBe('canceled');
	});

	it('adds a comment (with a status) to an order', async () => {
		const created = await createOrder({ comment: '' });
		const out = json(
			await run({
				resource: 'order',
				operation: 'addComment',
				orderId: created.orderId,
				comment: 'ASN X sent',
				status: 'holded',
			}),
		);
		expect(out[0]).toEqual({ orderId: created.orderId, comment: 'ASN X sent', added: true });
		const history = state().orders[0].status_histories;
		expect(history[history.length - 1]).toMatchObject({
			comment: 'ASN X sent',
			is_customer_notified: 0,
		});
	});

	it('bad order id: the item index and the field; continueOnFail gives each item its result', async () => {
		const error = await run({ resource: 'order', operation: 'get', orderId: 'abc' }).catch(
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toBe('Item 0, field orderId.');
		const created = await createOrder();
		const out = await run(
			{ resource: 'order', operation: 'get' },
			{
				items: [{ json: {} }, { json: {} }],
				itemParameters: [{ orderId: created.orderId }, { orderId: '999' }],
				continueOnFail: true,
			},
		);
		expect(out[0][0].json.platformOrder).toBeDefined();
		expect(out[0][1].json.error).toMatch(/read the order: GET \/V1\/orders\/999 answered 404/);
		expect(out[0][1].pairedItem).toEqual({ item: 1 });
	});
});

describe('Magento (Vendor Central): change plans', () => {
	const plan = {
		skus: [
			{ sku: 'WIDGET', targetEaches: 3, platformOrdered: 6 },
			{ sku: 'GADGET', targetEaches: 1, platformOrdered: 1 },
		],
	};
	const apply = (orderId: string, extra: Record<string, unknown> = {}) =>
		run({
			...CREATE,
			operation: 'applyChangePlan',
			orderId,
			plan,
			allowCancelAndRecreate: true,
			...extra,
		}).then((out) => json(out)[0]);

	it('cancels and re-creates a new order with the plan quantities', async () => {
		const created = await createOrder();
		const result = await apply(created.orderId);
		expect(result).toMatchObject({
			outcome: 'recreated',
			canceledOrderId: created.orderId,
			editText: 'SKU WIDGET: change quantity from 6 to 3 eaches',
		});
		const [old, replacement] = state().orders;
		expect(old.state).toBe('canceled');
		expect(String(replacement.entity_id)).toBe(result.newOrderId);
		expect(replacement.payment.po_number).toBe('PO-AMZ-1');
		expect(replacement.items.map((i: any) => [i.sku, i.qty_ordered])).toEqual([
			['WIDGET', 3],
			['GADGET', 1],
		]);
	});

	it('holds an order when re-creating is not allowed or possible; a plan without edits changes nothing', async () => {
		const created = await createOrder();
		expect(await apply(created.orderId, { allowCancelAndRecreate: false })).toMatchObject({
			outcome: 'held',
		});
		expect(state().orders[0].state).toBe('holded');
		expect(await apply(created.orderId)).toMatchObject({ outcome: 'held' });
		expect(state().orders).toHaveLength(1);
		const same = { skus: [{ sku: 'WIDGET', targetEaches: 6, platformOrdered: 6 }] };
		expect(await apply(created.orderId, { plan: same })).toMatchObject({
			outcome: 'unchanged',
			edits: [],
		});
	});

	it('a replacement that cannot be placed is reported with the canceled order', async () => {
		const created = await createOrder();
		t.sandbox.control.addFaults([
			{ service: 'magento', operation: 'PutV1CartsCartIdOrder', status: 503, count: 1 },
		]);
		const result = await apply(created.orderId);
		expect(result.outcome).toBe('recreateFailed');
		expect(result.newLines).toEqual([
			{ sku: 'WIDGET', qty: 3 },
			{ sku: 'GADGET', qty: 1 },
		]);
		expect(result.error).toMatch(/was canceled but its replacement was not placed: .*503/);
	});

	const CHANGE = {
		purchaseOrderNumber: 'PO-AMZ-1',
		purchaseOrder: { purchaseOrderNumber: 'PO-AMZ-1', shipToParty: { partyId: 'ABE8' }, items: [] },
		acknowledgementToKeep: {
			purchaseOrderNumber: 'PO-AMZ-1',
			items: [{ itemSequenceNumber: '1' }],
		},
		transactionId: 'tx-2',
		diff: { currentChangedDate: '2026-03-03T10:00:00Z' },
	};
	const commentsOf = (index: number) =>
		state().orders[index].status_histories.map((h: any) => String(h.comment));
	const snapshotIn = (comment: string) =>
		JSON.parse(comment.slice(comment.indexOf('[avc-po-snapshot]') + '[avc-po-snapshot]'.length));

	it('with the change, the held order gets the new PO snapshot and the edit to make', async () => {
		const created = await createOrder();
		const out = await run(
			{
				...CREATE,
				operation: 'applyChangePlan',
				orderId: created.orderId,
				plan,
				change: CHANGE,
				resultField: 'magento',
			},
			{ items: [{ json: { purchaseOrderNumber: 'PO-AMZ-1' } }] },
		);
		const item = json(out)[0];
		expect(item.purchaseOrderNumber).toBe('PO-AMZ-1');
		const result = item.magento;
		expect(result).toMatchObject({
			outcome: 'held',
			snapshotSaved: true,
			incrementId: created.incrementId,
		});
		const comment = commentsOf(0).find((c: string) => c.includes('[avc-po-snapshot]'))!;
		expect(comment.split('\n')[0]).toBe(
			'Amazon changed PO PO-AMZ-1 (re-acknowledgement transaction tx-2): edit by hand ' +
				'SKU WIDGET: change quantity from 6 to 3 eaches.',
		);
		expect(snapshotIn(comment)).toMatchObject({
			purchaseOrderNumber: 'PO-AMZ-1',
			previousPurchaseOrder: CHANGE.purchaseOrder,
			previousAcknowledgement: CHANGE.acknowledgementToKeep,
			acknowledgementTransactionId: 'tx-2',
			shipToPartyId: 'ABE8',
			magentoOrderId: Number(created.orderId),
			lastChange: { changedAt: '2026-03-03T10:00:00Z', transactionId: 'tx-2' },
		});
	});

	it('with the change, a re-created order carries the snapshot; a refused comment is reported, not undone', async () => {
		const created = await createOrder();
		const result = await apply(created.orderId, { change: JSON.stringify(CHANGE) });
		expect(result).toMatchObject({ outcome: 'recreated', snapshotSaved: true });
		expect(commentsOf(1)[0]).toMatch(
			new RegExp(
				`^Amazon changed PO PO-AMZ-1 \\(re-acknowledgement transaction tx-2\\): order re-created ` +
					`with the new quantities, replacing canceled order #${created.incrementId}\\.\n\\[avc-po-snapshot\\]`,
			),
		);
		expect(snapshotIn(commentsOf(1)[0]).magentoOrderId).toBe(Number(result.newOrderId));
		t.sandbox.control.addFaults([
			{ service: 'magento', operation: 'PostV1OrdersIdComments', status: 503, count: 1 },
		]);
		const again = await apply(result.newOrderId, {
			allowCancelAndRecreate: false,
			plan: { skus: [{ sku: 'WIDGET', targetEaches: 2, platformOrdered: 3 }] },
			change: CHANGE,
		});
		expect(again).toMatchObject({ outcome: 'held', snapshotSaved: false });
		expect(again.snapshotError).toMatch(/comments answered 503/);
		expect(state().orders[1].state).toBe('holded');
	});

	it('a change without its purchase order names the field and changes nothing', async () => {
		const created = await createOrder();
		const error = await apply(created.orderId, { change: { transactionId: 'tx' } }).catch(
			(e: unknown) => e,
		);
		expect((error as NodeOperationError).description).toBe('Item 0, field change.purchaseOrder.');
		expect(state().orders.map((o: any) => o.state)).toEqual(['new']);
	});

	it('gets the fulfilment state of the order of a PO with its newest snapshot, into a field', async () => {
		const byPo = (extra: Record<string, unknown> = {}) =>
			run(
				{
					resource: 'order',
					operation: 'getStateByPo',
					purchaseOrderNumber: 'PO-AMZ-1',
					customerId: '7',
					createdAfter: '2026-03-01T00:00:00Z',
					resultField: 'order',
					...extra,
				},
				{ items: [{ json: { purchaseOrderNumber: 'PO-AMZ-1' } }] },
			).then((out) => json(out)[0]);
		expect((await byPo()).order).toMatchObject({ found: false, hasSnapshot: false });
		const created = await createOrder();
		expect((await byPo()).order).toMatchObject({ found: true, hasSnapshot: false, snapshot: null });
		await apply(created.orderId, { allowCancelAndRecreate: false, change: CHANGE });
		await t.rest('POST', `/V1/orders/${created.orderId}/unhold`);
		const got = await byPo();
		expect(got.purchaseOrderNumber).toBe('PO-AMZ-1');
		expect(got.order).toMatchObject({
			found: true,
			orderId: created.orderId,
			hasSnapshot: true,
			snapshot: { previousPurchaseOrder: CHANGE.purchaseOrder },
			platformOrder: {
				id: created.orderId,
				lines: [
					{ sku: 'WIDGET', ordered: 6, fulfilled: 0 },
					{ sku: 'GADGET', ordered: 1 },
				],
			},
			progress: 'not started (state new)',
		});
		await t.ctl('POST', `/__sandbox/magento/orders/${created.orderId}/start-fulfilment`, {});
		expect((await byPo()).order.progress).toBe('being picked (state processing)');
		await t.ctl('POST', `/__sandbox/magento/orders/${created.orderId}/ship`, {
			items: [{ sku: 'WIDGET', qty: 2 }],
		});
		expect((await byPo()).order.progress).toBe('shipped (2 eaches)');
	});

	it('a bad plan names the field', async () => {
		const created = await createOrder();
		const error = await apply(created.orderId, {
			plan: { skus: [{ sku: 'WIDGET', targetEaches: -2 }] },
		}).catch((e: unknown) => e);
		expect((error as NodeOperationError).description).toBe(
			'Item 0, field plan.skus[0].targetEaches.',
		);
		expect(state().orders[0].state).toBe('new');
	});
});

describe('Magento (Vendor Central): stock', () => {
	it('reads the salable quantity per SKU minus the buffer; an unknown SKU is 0', async () => {
		const out = json(
			await run({
				resource: 'stock',
				operation: 'getSalable',
				skus: 'WIDGET, GADGET,NOPE,WIDGET',
				stockId: 1,
				bufferEaches: 4,
			}),
		);
		expect(out).toEqual([
			{ sku: 'WIDGET', salable: 15, available: 11, stockId: 1 },
			{ sku: 'GADGET', salable: 3, available: 0, stockId: 1 },
			{ sku: 'NOPE', salable: 0, available: 0, stockId: 1, unknownSku: true },
		]);
	});

	it('stock that cannot be read stops with the SKU', async () => {
		t.sandbox.control.addFaults([
			{
				service: 'magento',
				operation: 'GetV1InventoryGetproductsalablequantitySkuStockId',
				status: 500,
				count: 1,
			},
		]);
		const error = await run({
			resource: 'stock',
			operation: 'getSalable',
			skus: ['GADGET'],
			stockId: 1,
			bufferEaches: 0,
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toMatch(
			/salable quantity of SKU GADGET in stock 1 .* answered 500/,
		);
		const empty = await run({
			resource: 'stock',
			operation: 'getSalable',
			skus: ' , ',
			stockId: 1,
		}).catch((e: unknown) => e);
		expect((empty as NodeOperationError).description).toBe('Item 0, field skus.');
	});
});

describe('Magento (Vendor Central): shipments', () => {
	it('lists shipments without an ASN as Build ASN cartons, and leaves out those an AVC-ASN comment names', async () => {
		const created = await createOrder();
		await t.ctl('POST', `/__sandbox/magento/orders/${created.orderId}/ship`, {
			items: [{ sku: 'WIDGET', qty: 2 }],
			tracks: [{ carrierCode: 'ups', title: 'UPS', trackNumber: '1Z1' }],
		});
		await t.ctl('POST', `/__sandbox/magento/orders/${created.orderId}/ship`, {
			items: [{ sku: 'GADGET', qty: 1 }],
		});
		const params = {
			resource: 'shipment',
			operation: 'getNew',
			orderId: created.orderId,
			shipmentIdPrefix: 'MG-',
			shipFromPartyId: 'VEND1',
		};
		const out = json(await run(params));
		expect(out).toHaveLength(2);
		const [first] = state().shipments;
		expect(out[0]).toMatchObject({
			orderId: created.orderId,
			orderIncrementId: created.incrementId,
			purchaseOrderNumber: 'PO-AMZ-1',
			magentoShipmentId: first.increment_id,
			shipmentIndex: 1,
			shipment: {
				shipmentIdentifier: `MG-${first.increment_id}`,
				carrier: 'ups',
				trackingNumber: '1Z1',
				shipFromParty: { partyId: 'VEND1' },
				cartons: [
					{
						id: `${first.increment_id}-1`,
						contents: [{ sku: 'WIDGET', eaches: 2, purchaseOrderNumber: 'PO-AMZ-1' }],
					},
				],
			},
		});
		expect(out[0].shipment.shippedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
		await run({
			resource: 'order',
			operation: 'addComment',
			orderId: created.orderId,
			comment: `ASN sent. Do not edit the next line.\nAVC-ASN ${JSON.stringify({ shipment: first.increment_id })}`,
		});
		const rest = json(await run(params));
		expect(rest.map((s) => s.shipmentIndex)).toEqual([2]);
	});
});
