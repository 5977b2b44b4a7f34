/**
 * Order editing: orderEditBegin / orderEditSetQuantity / orderEditAddVariant / orderEditCommit,
 * and Shopify's rule that only unfulfilled quantities can change.
 */
import {
	placeOrder,
	SHOP_SEED,
	startShopifySandbox,
	stock,
	variantGid,
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

const CALC =
	'id lineItems(first: 10) { nodes { id sku quantity editableQuantity } } ' +
	'addedLineItems(first: 10) { nodes { id sku quantity } } ' +
	'subtotalLineItemsQuantity totalPriceSet { shopMoney { amount } }';

const BEGIN =
	`mutation Begin($id: ID!) { orderEditBegin(id: $id) { calculatedOrder { ` +
	`${CALC} } orderEditSession { id } userErrors { field message } } }`;
const SET_QTY = `mutation SetQty($id: ID!, $lineItemId: ID!, $quantity: Int!, $restock: Boolean) {
  orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: $restock) {
    calculatedLineItem { id quantity editableQuantity restocking }
    calculatedOrder { ${CALC} }
    userErrors { field message }
  }
}`;
const ADD = `mutation Add($id: ID!, $variantId: ID!, $quantity: Int!, $allowDuplicates: Boolean) {
  orderEditAddVariant(id: $id, variantId: $variantId, quantity: $quantity, allowDuplicates: $allowDuplicates) {
    calculatedLineItem { id sku quantity }
    calculatedOrder { id }
    userErrors { field message }
  }
}`;
const COMMIT = `mutation Commit($id: ID!) {
  orderEditCommit(id: $id, notifyCustomer: false, staffNote: "Amazon PO change") {
    order { id edited displayFulfillmentStatus lineItems(first: 10) { nodes { sku quantity
      currentQuantity unfulfilledQuantity } }
      fulfillmentOrders(first: 5) { nodes { status lineItems(first: 10) { nodes { totalQuantity
        remainingQuantity lineItem { sku } } } } } }
    successMessages
    userErrors { field message }
  }
}`;
const FULFIL =
	`mutation Fulfil($fulfillment: FulfillmentInput!) { fulfillmentCreate(fulfillment: $fulfillment) { ` +
	`fulfillment { id } userErrors { field message } } }`;

async function begin(orderId: string) {
	const r = await sb.gql(BEGIN, { id: orderId });
	expect(r.body.data.orderEditBegin.userErrors).toEqual([]);
	return r.body.data.orderEditBegin.calculatedOrder;
}

/** Ships `quantity` units of the order's first fulfillment order line. */
async function ship(order: any, quantity: number) {
	const fo = order.fulfillmentOrders.nodes[0];
	const r = await sb.gql(FULFIL, {
		fulfillment: {
			lineItemsByFulfillmentOrder: [
				{
					fulfillmentOrderId: fo.id,
					fulfillmentOrderLineItems: [{ id: fo.lineItems.nodes[0].id, quantity }],
				},
			],
		},
	});
	expect(r.body.data.fulfillmentCreate.userErrors).toEqual([]);
}

describe('order edits', () => {
	it('changes a quantity and adds a variant; inventory follows on commit, not before', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 12, price: '120.00' }]);
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 28, committed: 12 });
		const calc = await begin(order.id);
		const lineId = order.lineItems.nodes[0].id.replace('LineItem', 'CalculatedLineItem');
		expect(calc.id).toMatch(/^gid:\/\/shopify\/CalculatedOrder\/\d+$/);
		expect(calc.lineItems.nodes).toEqual([
			{ id: lineId, sku: 'ESP-1000', quantity: 12, editableQuantity: 12 },
		]);

		const set = await sb.gql(SET_QTY, {
			id: calc.id,
			lineItemId: lineId,
			quantity: 8,
			restock: true,
		});
		expect(set.body.data.orderEditSetQuantity.userErrors).toEqual([]);
		expect(set.body.data.orderEditSetQuantity.calculatedLineItem).toEqual({
			id: lineId,
			quantity: 8,
			editableQuantity: 8,
			restocking: true,
		});
		const add = await sb.gql(ADD, {
			id: calc.id,
			variantId: variantGid(sb, 'FRO-200'),
			quantity: 2,
		});
		expect(add.body.data.orderEditAddVariant.userErrors).toEqual([]);
		expect(add.body.data.orderEditAddVariant.calculatedLineItem).toMatchObject({
			sku: 'FRO-200',
			quantity: 2,
		});
		expect(add.body.data.orderEditAddVariant.calculatedLineItem.id).toMatch(
			/^gid:\/\/shopify\/CalculatedLineItem\/[0-9a-f-]{36}$/,
		);
		// Staged only.
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 28, committed: 12 });
		expect(sb.state().orderEdits).toHaveLength(1);

		const commit = await sb.gql(COMMIT, { id: calc.id });
		const payload = commit.body.data.orderEditCommit;
		expect(payload.userErrors).toEqual([]);
		expect(payload.successMessages).toEqual(['Order updated']);
		expect(payload.order.edited).toBe(true);
		expect(payload.order.lineItems.nodes).toEqual([
			{ sku: 'ESP-1000', quantity: 12, currentQuantity: 8, unfulfilledQuantity: 8 },
			{ sku: 'FRO-200', quantity: 2, currentQuantity: 2, unfulfilledQuantity: 2 },
		]);
		expect(payload.order.fulfillmentOrders.nodes).toEqual([
			{
				status: 'OPEN',
				lineItems: {
					nodes: [
						{ totalQuantity: 8, remainingQuantity: 8, lineItem: { sku: 'ESP-1000' } },
						{ totalQuantity: 2, remainingQuantity: 2, lineItem: { sku: 'FRO-200' } },
					],
				},
			},
		]);
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 32, committed: 8, on_hand: 40 });
		expect(stock(sb, 'FRO-200')).toMatchObject({ available: 3, committed: 2 });
		expect(sb.state().orderEdits).toHaveLength(0);
	});

	it('raises a quantity and removes a line without restocking', async () => {
		const order = await placeOrder(sb, [
			{ sku: 'ESP-1000', quantity: 2 },
			{ sku: 'FRO-200', quantity: 1 },
		]);
		const calc = await begin(order.id);
		const [esp, fro] = order.lineItems.nodes.map((n: any) =>
			n.id.replace('LineItem', 'CalculatedLineItem'),
		);
		await sb.gql(SET_QTY, { id: calc.id, lineItemId: esp, quantity: 5 });
		await sb.gql(SET_QTY, { id: calc.id, lineItemId: fro, quantity: 0, restock: false });
		const commit = await sb.gql(COMMIT, { id: calc.id });
		expect(
			commit.body.data.orderEditCommit.order.lineItems.nodes.map((n: any) => [
				n.sku,
				n.currentQuantity,
			]),
		).toEqual([
			['ESP-1000', 5],
			['FRO-200', 0],
		]);
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 35, committed: 5 });
		// Removed without restock: the committed unit is written off.
		expect(stock(sb, 'FRO-200')).toMatchObject({ available: 4, committed: 0, on_hand: 4 });
	});

	it('refuses to go below the fulfilled quantity, and any change to a fully fulfilled line', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 12 }]);
		await ship(order, 5);
		const calc = await begin(order.id);
		const lineId = order.lineItems.nodes[0].id.replace('LineItem', 'CalculatedLineItem');
		expect(calc.lineItems.nodes[0]).toMatchObject({ quantity: 12, editableQuantity: 7 });
		const below = await sb.gql(SET_QTY, { id: calc.id, lineItemId: lineId, quantity: 3 });
		expect(below.body.data.orderEditSetQuantity).toMatchObject({
			calculatedOrder: null,
			userErrors: [
				{
					field: ['quantity'],
					message: "The quantity can't be lower than the fulfilled quantity (5).",
				},
			],
		});
		const atFulfilled = await sb.gql(SET_QTY, {
			id: calc.id,
			lineItemId: lineId,
			quantity: 5,
			restock: true,
		});
		expect(atFulfilled.body.data.orderEditSetQuantity.userErrors).toEqual([]);
		await sb.gql(COMMIT, { id: calc.id });
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 35, committed: 0, on_hand: 35 });

		// Now every unit of the line is fulfilled: no change at all is accepted.
		const again = await begin(order.id);
		const refused = await sb.gql(SET_QTY, { id: again.id, lineItemId: lineId, quantity: 6 });
		expect(refused.body.data.orderEditSetQuantity.userErrors).toEqual([
			{
				field: ['lineItemId'],
				message: "Espresso Machine has been fulfilled and can't be edited.",
			},
		]);
	});

	it('refuses the commit when the line was fulfilled after the change was staged', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 4 }]);
		const calc = await begin(order.id);
		const lineId = order.lineItems.nodes[0].id.replace('LineItem', 'CalculatedLineItem');
		expect(
			(await sb.gql(SET_QTY, { id: calc.id, lineItemId: lineId, quantity: 1 })).body.data
				.orderEditSetQuantity.userErrors,
		).toEqual([]);
		await ship(order, 3);
		const commit = await sb.gql(COMMIT, { id: calc.id });
		expect(commit.body.data.orderEditCommit).toEqual({
			order: null,
			successMessages: null,
			userErrors: [
				{
					field: ['quantity'],
					message: "The quantity can't be lower than the fulfilled quantity (3).",
				},
			],
		});
		expect(sb.state().orders[0].lineItems[0].currentQuantity).toBe(4);
	});

	it("answers Shopify's userErrors for bad quantities, duplicates and unknown ids", async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 2 }]);
		const calc = await begin(order.id);
		const lineId = order.lineItems.nodes[0].id.replace('LineItem', 'CalculatedLineItem');
		expect(
			(await sb.gql(SET_QTY, { id: calc.id, lineItemId: lineId, quantity: -1 })).body.data
				.orderEditSetQuantity.userErrors,
		).toEqual([{ field: ['quantity'], message: 'must be greater than or equal to 0' }]);
		expect(
			(await sb.gql(ADD, { id: calc.id, variantId: variantGid(sb, 'FRO-200'), quantity: 0 })).body
				.data.orderEditAddVariant.userErrors,
		).toEqual([{ field: ['quantity'], message: 'must be greater than 0' }]);
		expect(
			(await sb.gql(ADD, { id: calc.id, variantId: variantGid(sb, 'ESP-1000'), quantity: 1 })).body
				.data.orderEditAddVariant.userErrors,
		).toEqual([
			{
				field: ['id'],
				message: "Espresso Machine was not added because it's already on the order.",
			},
		]);
		expect(
			(
				await sb.gql(ADD, {
					id: calc.id,
					variantId: variantGid(sb, 'ESP-1000'),
					quantity: 1,
					allowDuplicates: true,
				})
			).body.data.orderEditAddVariant.userErrors,
		).toEqual([]);
		expect(
			(
				await sb.gql(ADD, {
					id: 'gid://shopify/CalculatedOrder/999999',
					variantId: variantGid(sb, 'FRO-200'),
					quantity: 1,
				})
			).body.data.orderEditAddVariant.userErrors,
		).toEqual([{ field: ['id'], message: 'The calculated order does not exist.' }]);
		expect(
			(await sb.gql(BEGIN, { id: 'gid://shopify/Order/999999' })).body.data.orderEditBegin
				.userErrors,
		).toEqual([{ field: ['id'], message: 'The order does not exist.' }]);

		// The session id works like the calculated order id; a committed session is gone.
		const session = (await sb.gql(BEGIN, { id: order.id })).body.data.orderEditBegin
			.orderEditSession.id;
		expect((await sb.gql(COMMIT, { id: session })).body.data.orderEditCommit.userErrors).toEqual(
			[],
		);
		expect((await sb.gql(COMMIT, { id: session })).body.data.orderEditCommit.userErrors).toEqual([
			{ field: ['id'], message: 'The calculated order does not exist.' },
		]);
	});

	it('refuses to edit a cancelled order', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 2 }]);
		expect(
			(
				await sb.ctl(
					'POST',
					`/__sandbox/shopify/orders/${encodeURIComponent(order.name)}/cancel`,
					{},
				)
			).status,
		).toBe(200);
		expect((await sb.gql(BEGIN, { id: order.id })).body.data.orderEditBegin.userErrors).toEqual([
			{ field: ['id'], message: 'Canceled orders cannot be edited.' },
		]);
	});
});
