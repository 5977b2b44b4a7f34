/**
 * Fulfillment orders: fulfillmentOrderHold / fulfillmentOrderReleaseHold, fulfillmentCreate with
 * tracking, and how they show in displayFulfillmentStatus and inventory. A hold blocks fulfilment.
 */
import {
	placeOrder,
	SHOP_SEED,
	startShopifySandbox,
	stock,
	type ShopifyTestSandbox,
} from './testing';

let sb: ShopifyTestSandbox;

beforeAll(async () => {
	sb = await startShopifySandbox();
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.control.reset();
	sb.control.seed({ shopify: SHOP_SEED });
});

const FO_FIELDS =
	'id status supportedActions { action } fulfillmentHolds { id handle reason reasonNotes displayReason } ' +
	'lineItems(first: 10) { nodes { id totalQuantity remainingQuantity lineItem { sku } } }';

const HOLD = `mutation Hold($id: ID!, $hold: FulfillmentOrderHoldInput!) {
  fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) {
    fulfillmentHold { id handle reason displayReason }
    fulfillmentOrder { ${FO_FIELDS} }
    remainingFulfillmentOrder { ${FO_FIELDS} }
    userErrors { field message code }
  }
}`;
const RELEASE = `mutation Release($id: ID!, $holdIds: [ID!]) {
  fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) { fulfillmentOrder { id status fulfillmentHolds
    { handle } } userErrors { field message code } }
}`;
const CREATE = `mutation Ship($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment, message: "Shipped from Reno") {
    fulfillment { id name status displayStatus totalQuantity trackingInfo { company number url } location { name }
      fulfillmentLineItems(first: 10) { nodes { quantity lineItem { sku } } } }
    userErrors { field message }
  }
}`;
const READ =
	`query($id: ID!) { order(id: $id) { displayFulfillmentStatus lineItems(first: 5) { ` +
	`nodes { sku unfulfilledQuantity fulfillableQuantity } } fulfillmentOrders(first: 5) { ` +
	`nodes { ${FO_FIELDS} } } fulfillments { name trackingInfo { number } } } }`;

async function read(orderId: string) {
	return (await sb.gql(READ, { id: orderId })).body.data.order;
}

describe('holds', () => {
	it('a hold blocks fulfilment until it is released', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 6 }]);
		const fo = order.fulfillmentOrders.nodes[0];
		const held = await sb.gql(HOLD, {
			id: fo.id,
			hold: {
				reason: 'OTHER',
				reasonNotes: 'Amazon PO change pending',
				handle: 'amazon-poco',
				notifyMerchant: false,
			},
		});
		const payload = held.body.data.fulfillmentOrderHold;
		expect(payload.userErrors).toEqual([]);
		expect(payload.fulfillmentHold).toMatchObject({
			handle: 'amazon-poco',
			reason: 'OTHER',
			displayReason: 'Other',
		});
		expect(payload.fulfillmentOrder).toMatchObject({
			status: 'ON_HOLD',
			supportedActions: [{ action: 'RELEASE_HOLD' }, { action: 'HOLD' }, { action: 'MOVE' }],
		});
		expect(payload.remainingFulfillmentOrder).toBeNull();
		expect(await read(order.id)).toMatchObject({
			displayFulfillmentStatus: 'ON_HOLD',
			lineItems: { nodes: [{ sku: 'ESP-1000', unfulfilledQuantity: 6, fulfillableQuantity: 0 }] },
		});

		const blocked = await sb.gql(CREATE, {
			fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] },
		});
		const foNumber = fo.id.split('/').pop();
		expect(blocked.body.data.fulfillmentCreate).toEqual({
			fulfillment: null,
			userErrors: [
				{
					field: ['fulfillment'],
					message: `Fulfillment order ${foNumber} has an unfulfillable status= on_hold.`,
				},
			],
		});
		expect(stock(sb, 'ESP-1000')).toMatchObject({ committed: 6, on_hand: 40 });
		const warehouse = await sb.ctl(
			'POST',
			`/__sandbox/shopify/orders/${encodeURIComponent(order.id)}/fulfill`,
			{},
		);
		expect(warehouse.status).toBe(409);
		expect(warehouse.body.error).toMatch(/release the holds first/);

		const released = await sb.gql(RELEASE, { id: fo.id });
		expect(released.body.data.fulfillmentOrderReleaseHold).toEqual({
			fulfillmentOrder: { id: fo.id, status: 'OPEN', fulfillmentHolds: [] },
			userErrors: [],
		});
		const shipped = await sb.gql(CREATE, {
			fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] },
		});
		expect(shipped.body.data.fulfillmentCreate.userErrors).toEqual([]);
	});

	it('keeps the order on hold until the last hold is released, then returns to the earlier status', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 2 }]);
		const fo = order.fulfillmentOrders.nodes[0];
		await sb.ctl(
			'POST',
			`/__sandbox/shopify/orders/${encodeURIComponent(order.id)}/start-fulfillment`,
		);
		const a = (
			await sb.gql(HOLD, { id: fo.id, hold: { reason: 'INCORRECT_ADDRESS', handle: 'a' } })
		).body.data.fulfillmentOrderHold.fulfillmentHold;
		await sb.gql(HOLD, { id: fo.id, hold: { reason: 'OTHER', handle: 'b' } });
		const dup = await sb.gql(HOLD, { id: fo.id, hold: { reason: 'OTHER', handle: 'b' } });
		expect(dup.body.data.fulfillmentOrderHold.userErrors).toEqual([
			{
				field: ['fulfillmentHold', 'handle'],
				message:
					'The handle provided for the fulfillment hold is already in ' +
					'use by this app for another hold on this fulfillment order.',
				code: 'DUPLICATE_FULFILLMENT_HOLD_HANDLE',
			},
		]);
		const one = await sb.gql(RELEASE, { id: fo.id, holdIds: [a.id] });
		expect(one.body.data.fulfillmentOrderReleaseHold.fulfillmentOrder).toEqual({
			id: fo.id,
			status: 'ON_HOLD',
			fulfillmentHolds: [{ handle: 'b' }],
		});
		const all = await sb.gql(RELEASE, { id: fo.id });
		expect(all.body.data.fulfillmentOrderReleaseHold.fulfillmentOrder.status).toBe('IN_PROGRESS');
		const notHeld = await sb.gql(RELEASE, { id: fo.id });
		expect(notHeld.body.data.fulfillmentOrderReleaseHold.userErrors[0].message).toMatch(
			/is not on hold/,
		);
	});

	it('holding some line items splits the fulfillment order; the rest can ship', async () => {
		const order = await placeOrder(sb, [
			{ sku: 'ESP-1000', quantity: 5 },
			{ sku: 'FRO-200', quantity: 2 },
		]);
		const fo = order.fulfillmentOrders.nodes[0];
		const espLine = fo.lineItems.nodes.find((l: any) => l.lineItem.sku === 'ESP-1000');
		const r = await sb.gql(HOLD, {
			id: fo.id,
			hold: {
				reason: 'INVENTORY_OUT_OF_STOCK',
				fulfillmentOrderLineItems: [{ id: espLine.id, quantity: 2 }],
			},
		});
		const payload = r.body.data.fulfillmentOrderHold;
		expect(payload.userErrors).toEqual([]);
		expect(payload.fulfillmentHold.displayReason).toBe('Inventory out of stock');
		expect(payload.fulfillmentOrder).toMatchObject({
			status: 'ON_HOLD',
			lineItems: {
				nodes: [{ totalQuantity: 2, remainingQuantity: 2, lineItem: { sku: 'ESP-1000' } }],
			},
		});
		expect(payload.remainingFulfillmentOrder).toMatchObject({
			status: 'OPEN',
			lineItems: {
				nodes: [
					{ totalQuantity: 3, remainingQuantity: 3, lineItem: { sku: 'ESP-1000' } },
					{ totalQuantity: 2, remainingQuantity: 2, lineItem: { sku: 'FRO-200' } },
				],
			},
		});
		const shipRest = await sb.gql(CREATE, {
			fulfillment: {
				lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: payload.remainingFulfillmentOrder.id }],
				trackingInfo: { company: 'UPS', number: '1Z999AA10123456784' },
			},
		});
		expect(shipRest.body.data.fulfillmentCreate.userErrors).toEqual([]);
		expect(await read(order.id)).toMatchObject({
			displayFulfillmentStatus: 'PARTIALLY_FULFILLED',
			lineItems: {
				nodes: [
					{ sku: 'ESP-1000', unfulfilledQuantity: 2, fulfillableQuantity: 0 },
					{ sku: 'FRO-200', unfulfilledQuantity: 0 },
				],
			},
		});
	});

	it('answers userErrors for an unknown fulfillment order, bad line quantities and a closed one', async () => {
		const missing = await sb.gql(HOLD, {
			id: 'gid://shopify/FulfillmentOrder/999999',
			hold: { reason: 'OTHER' },
		});
		expect(missing.body.data.fulfillmentOrderHold.userErrors).toEqual([
			{
				field: ['id'],
				message: 'Fulfillment order not found.',
				code: 'FULFILLMENT_ORDER_NOT_FOUND',
			},
		]);
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 2 }]);
		const fo = order.fulfillmentOrders.nodes[0];
		const line = fo.lineItems.nodes[0];
		const tooMany = await sb.gql(HOLD, {
			id: fo.id,
			hold: { reason: 'OTHER', fulfillmentOrderLineItems: [{ id: line.id, quantity: 3 }] },
		});
		expect(tooMany.body.data.fulfillmentOrderHold.userErrors[0].code).toBe(
			'INVALID_LINE_ITEM_QUANTITY',
		);
		const zero = await sb.gql(HOLD, {
			id: fo.id,
			hold: { reason: 'OTHER', fulfillmentOrderLineItems: [{ id: line.id, quantity: 0 }] },
		});
		expect(zero.body.data.fulfillmentOrderHold.userErrors[0].code).toBe('GREATER_THAN_ZERO');
		await sb.gql(CREATE, {
			fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] },
		});
		const closed = await sb.gql(HOLD, { id: fo.id, hold: { reason: 'OTHER' } });
		expect(closed.body.data.fulfillmentOrderHold.userErrors[0].message).toMatch(
			/can't be put on hold: its status is closed/,
		);
	});
});

describe('fulfillmentCreate', () => {
	it('fulfils with tracking; committed units leave the location; the order becomes FULFILLED', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 6 }]);
		const fo = order.fulfillmentOrders.nodes[0];
		const line = fo.lineItems.nodes[0];
		const part = await sb.gql(CREATE, {
			fulfillment: {
				lineItemsByFulfillmentOrder: [
					{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: line.id, quantity: 4 }] },
				],
				trackingInfo: {
					company: 'UPS',
					numbers: ['1Z001', '1Z002'],
					urls: ['https://ups.example/1Z001', 'https://ups.example/1Z002'],
				},
				notifyCustomer: false,
			},
		});
		expect(part.body.data.fulfillmentCreate.userErrors).toEqual([]);
		expect(part.body.data.fulfillmentCreate.fulfillment).toMatchObject({
			name: '#1001-F1',
			status: 'SUCCESS',
			displayStatus: 'FULFILLED',
			totalQuantity: 4,
			location: { name: 'Main warehouse' },
			trackingInfo: [
				{ company: 'UPS', number: '1Z001', url: 'https://ups.example/1Z001' },
				{ company: 'UPS', number: '1Z002', url: 'https://ups.example/1Z002' },
			],
			fulfillmentLineItems: { nodes: [{ quantity: 4, lineItem: { sku: 'ESP-1000' } }] },
		});
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 34, committed: 2, on_hand: 36 });
		expect(await read(order.id)).toMatchObject({
			displayFulfillmentStatus: 'PARTIALLY_FULFILLED',
			fulfillmentOrders: {
				nodes: [
					{
						status: 'IN_PROGRESS',
						lineItems: { nodes: [{ totalQuantity: 6, remainingQuantity: 2 }] },
					},
				],
			},
		});

		const rest = await sb.gql(CREATE, {
			fulfillment: {
				lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }],
				trackingInfo: { company: 'UPS', number: '1Z003' },
			},
		});
		expect(rest.body.data.fulfillmentCreate.fulfillment).toMatchObject({
			name: '#1001-F2',
			totalQuantity: 2,
		});
		const after = await read(order.id);
		expect(after).toMatchObject({
			displayFulfillmentStatus: 'FULFILLED',
			fulfillmentOrders: { nodes: [{ status: 'CLOSED', supportedActions: [] }] },
		});
		expect(after.fulfillments.map((f: any) => f.name)).toEqual(['#1001-F1', '#1001-F2']);
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 34, committed: 0, on_hand: 34 });
	});

	it('refuses more than remains, a zero quantity, a closed fulfillment order and a malformed id', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 2 }]);
		const fo = order.fulfillmentOrders.nodes[0];
		const line = fo.lineItems.nodes[0];
		const ship = (items: unknown) =>
			sb.gql(CREATE, {
				fulfillment: {
					lineItemsByFulfillmentOrder: [
						{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: items },
					],
				},
			});
		expect(
			(await ship([{ id: line.id, quantity: 3 }])).body.data.fulfillmentCreate.userErrors,
		).toEqual([
			{
				field: ['fulfillment'],
				message: 'Invalid fulfillment order line item quantity requested.',
			},
		]);
		expect(
			(await ship([{ id: line.id, quantity: 0 }])).body.data.fulfillmentCreate.userErrors,
		).toEqual([
			{
				field: [
					'fulfillment',
					'lineItemsByFulfillmentOrder',
					'0',
					'fulfillmentOrderLineItems',
					'0',
					'quantity',
				],
				message: 'Quantity must be greater than 0',
			},
		]);
		expect(
			(await ship([{ id: line.id, quantity: 2 }])).body.data.fulfillmentCreate.userErrors,
		).toEqual([]);
		const foNumber = fo.id.split('/').pop();
		expect(
			(await ship([{ id: line.id, quantity: 1 }])).body.data.fulfillmentCreate.userErrors,
		).toEqual([
			{
				field: ['fulfillment'],
				message: `Fulfillment order ${foNumber} has an unfulfillable status= closed.`,
			},
		]);
		const bad = await sb.gql(CREATE, {
			fulfillment: {
				lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/0' }],
			},
		});
		expect(bad.body.errors[0]).toMatchObject({
			message: 'invalid id',
			extensions: { code: 'RESOURCE_NOT_FOUND' },
			path: ['fulfillmentCreate'],
		});
	});

	it('lists open fulfillment orders and reads a fulfillment', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 2 }]);
		const other = await placeOrder(sb, [{ sku: 'FRO-200', quantity: 1 }]);
		const shipped = await sb.gql(CREATE, {
			fulfillment: {
				lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: other.fulfillmentOrders.nodes[0].id }],
			},
		});
		const list = await sb.gql(
			'{ fulfillmentOrders(first: 10) { nodes { id status } } ' +
				'all: fulfillmentOrders(first: 10, includeClosed: true) { nodes { status } } }',
		);
		expect(list.body.data.fulfillmentOrders.nodes).toEqual([
			{ id: order.fulfillmentOrders.nodes[0].id, status: 'OPEN' },
		]);
		expect(list.body.data.all.nodes.map((n: any) => n.status)).toEqual(['OPEN', 'CLOSED']);
		const f = await sb.gql(
			'query($id: ID!) { fulfillment(id: $id) { name order { name } fulfillmentOrders(first: 5) { ' +
				'nodes { status } } } missing: fulfillment(id: "gid://shopify/Fulfillment/999999") { id } }',
			{ id: shipped.body.data.fulfillmentCreate.fulfillment.id },
		);
		expect(f.body.data).toEqual({
			fulfillment: {
				name: '#1002-F1',
				order: { name: '#1002' },
				fulfillmentOrders: { nodes: [{ status: 'CLOSED' }] },
			},
			missing: null,
		});
	});

	it('reads a fulfillment order on its own', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 2 }], {
			order: {
				shippingAddress: {
					address1: '410 Terry Ave N',
					city: 'Seattle',
					countryCode: 'US',
					zip: '98109',
				},
			},
		});
		const fo = order.fulfillmentOrders.nodes[0];
		const r = await sb.gql(
			'query($id: ID!) { fulfillmentOrder(id: $id) { id status orderName assignedLocation { ' +
				'name location { id } } destination { city countryCode } order { poNumber } } }',
			{ id: fo.id },
		);
		expect(r.body.data.fulfillmentOrder).toMatchObject({
			id: fo.id,
			status: 'OPEN',
			orderName: '#1001',
			assignedLocation: { name: 'Main warehouse' },
			destination: { city: 'Seattle', countryCode: 'US' },
		});
	});
});
