/**
 * The shop in the control API: seeding (with the README's complete example), GET /__sandbox/state,
 * and the warehouse and shop actions (start fulfilment, fulfil in cartons with tracking, cancel,
 * change stock, the cost bucket).
 */
import {
	placeOrder,
	readmeSeed,
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
});

describe('seeding', () => {
	it('seeds the README example and shows it in GET /__sandbox/state', async () => {
		const seed = readmeSeed();
		const r = await sb.ctl('POST', '/__sandbox/seed', seed);
		expect(r.status).toBe(200);
		expect(r.body.ignored).toEqual([]);
		expect(r.body.shopify.locations.map((l: any) => l.name)).toEqual([
			'Main warehouse',
			'3PL East',
		]);
		expect(r.body.shopify.orders).toEqual([
			{ id: expect.stringMatching(/^gid:\/\/shopify\/Order\/\d+$/), name: '#1001' },
		]);

		const state = (await sb.ctl('GET', '/__sandbox/state')).body.shopify;
		expect(state.shop).toMatchObject({ name: 'Acme Wholesale', currencyCode: 'USD' });
		expect(state.accessToken).toBe(seed.shopify.accessToken);
		const esp = state.products.find((p: any) => p.handle === 'espresso-machine');
		expect(esp.variants[0]).toMatchObject({
			sku: 'ESP-1000',
			price: '149.00',
			inventoryPolicy: 'DENY',
			tracked: true,
		});
		// The seeded order committed its 4 units at the main warehouse.
		expect(esp.variants[0].stock['Main warehouse']).toMatchObject({
			available: 36,
			committed: 4,
			on_hand: 40,
		});
		expect(esp.variants[0].stock['3PL East']).toMatchObject({
			available: 10,
			damaged: 1,
			incoming: 24,
			on_hand: 11,
		});
		expect(esp.variants[0].metafields).toEqual([
			{ namespace: 'amazon', key: 'asin', type: 'single_line_text_field', value: 'B07DFVDRAB' },
		]);
		expect(state.orders[0]).toMatchObject({
			name: '#1001',
			poNumber: '2JK3S9VC',
			tags: ['amazon-vc', 'po:2JK3S9VC'],
			displayFulfillmentStatus: 'UNFULFILLED',
			createdAt: '2026-03-02T10:00:00Z',
		});
		const gql = await sb.gql(
			'{ orders(first: 5, query: "po_number:2JK3S9VC") { nodes { name lineItems(first: 5) { ' +
				'nodes { sku quantity originalUnitPriceSet { shopMoney { amount } } } } } } }',
			undefined,
			{ token: seed.shopify.accessToken },
		);
		expect(gql.body.data.orders.nodes).toEqual([
			{
				name: '#1001',
				lineItems: {
					nodes: [
						{
							sku: 'ESP-1000',
							quantity: 4,
							originalUnitPriceSet: { shopMoney: { amount: '120.0' } },
						},
						{
							sku: 'FRO-200',
							quantity: 6,
							originalUnitPriceSet: { shopMoney: { amount: '29.5' } },
						},
					],
				},
			},
		]);
	});

	it('refuses an invalid seed with every problem listed, and changes nothing', async () => {
		sb.control.seed({ shopify: SHOP_SEED });
		const before = sb.state();
		const r = await sb.ctl('POST', '/__sandbox/seed', {
			shopify: {
				locations: [{ name: 'Annex' }],
				products: [
					{ title: 'Broken', variants: [{ sku: 'BRK-1', price: 'cheap', stock: { Nowhere: 5 } }] },
					{ vendor: 'no title' },
				],
				orders: [{ lineItems: [{ sku: 'NOPE', quantity: 1 }] }],
				colour: 'red',
			},
		});
		expect(r.status).toBe(400);
		expect(r.body.error).toMatch(/^The shopify seed is invalid: /);
		expect(r.body.details).toEqual(
			expect.arrayContaining([
				'shopify.colour is not a seed key (known: shop, accessToken, throttle, locations, products, orders)',
				'shopify.products[0].variants[0].price must be a decimal amount such as "24.99"',
				'shopify.products[0].variants[0].stock: unknown location "Nowhere" (seed it under shopify.locations)',
				'shopify.products[1].title is required',
			]),
		);
		expect(sb.state()).toEqual(before);
	});

	it('refuses a seeded order the shop cannot take, with nothing applied', async () => {
		const r = await sb.ctl('POST', '/__sandbox/seed', {
			shopify: {
				...SHOP_SEED,
				orders: [
					{
						inventoryBehaviour: 'DECREMENT_OBEYING_POLICY',
						lineItems: [{ sku: 'FRO-200', quantity: 9 }],
					},
				],
			},
		});
		expect(r.status).toBe(400);
		expect(r.body.details).toEqual([
			'shopify.orders[0].lineItems[0]: Unable to claim inventory for FRO-200: 5 available at Main warehouse, 9 requested.',
		]);
		expect(sb.state().products).toEqual([]);
	});

	it('replaces a product seeded again under the same handle; reset empties the shop', async () => {
		sb.control.seed({ shopify: SHOP_SEED });
		sb.control.seed({
			shopify: {
				products: [
					{
						title: 'Espresso Machine',
						variants: [{ sku: 'ESP-2000', price: '199.00', stock: { 'Main warehouse': 3 } }],
					},
				],
			},
		});
		const skus = sb.state().products.flatMap((p: any) => p.variants.map((v: any) => v.sku));
		expect(skus).toEqual(['FRO-200', 'GRD-300', 'FLT-10', 'ESP-2000']);
		sb.control.reset();
		expect(sb.state()).toMatchObject({
			products: [],
			orders: [],
			locations: [],
			accessToken: 'shpat_sandbox_00000000000000000000000000',
		});
	});
});

describe('warehouse and shop actions', () => {
	beforeEach(() => {
		sb.control.seed({ shopify: SHOP_SEED });
	});

	it('starts fulfilment: open fulfillment orders go IN_PROGRESS, the order shows IN_PROGRESS', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 3 }]);
		const r = await sb.ctl('POST', '/__sandbox/shopify/orders/%231001/start-fulfillment');
		expect(r.status).toBe(200);
		expect(r.body.order).toMatchObject({
			name: '#1001',
			displayFulfillmentStatus: 'IN_PROGRESS',
			fulfillmentOrders: [{ status: 'IN_PROGRESS' }],
		});
		const q = await sb.gql(
			'query($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillmentOrders(first: 1) { nodes { status } } } }',
			{ id: order.id },
		);
		expect(q.body.data.order).toEqual({
			displayFulfillmentStatus: 'IN_PROGRESS',
			fulfillmentOrders: { nodes: [{ status: 'IN_PROGRESS' }] },
		});
		const again = await sb.ctl('POST', '/__sandbox/shopify/orders/1001/start-fulfillment');
		expect(again.status).toBe(409);
		expect(
			(await sb.ctl('POST', '/__sandbox/shopify/orders/%239999/start-fulfillment')).status,
		).toBe(404);
	});

	it('fulfils lines in cartons with tracking, visible through the API', async () => {
		const order = await placeOrder(sb, [
			{ sku: 'ESP-1000', quantity: 5 },
			{ sku: 'FRO-200', quantity: 2 },
		]);
		const r = await sb.ctl(
			'POST',
			`/__sandbox/shopify/orders/${encodeURIComponent(order.id)}/fulfill`,
			{
				cartons: [
					{
						sscc: '008012345600000011',
						tracking: { company: 'UPS', number: '1Z0001' },
						lines: [{ sku: 'ESP-1000', quantity: 3 }],
					},
					{
						sscc: '008012345600000028',
						tracking: { company: 'UPS', number: '1Z0002' },
						lines: [
							{ sku: 'ESP-1000', quantity: 1 },
							{ sku: 'FRO-200', quantity: 2 },
						],
					},
				],
			},
		);
		expect(r.status).toBe(200);
		expect(r.body.fulfillments).toEqual([
			expect.objectContaining({
				name: '#1001-F1',
				origin: 'warehouse',
				location: 'Main warehouse',
				trackingInfo: [
					{ company: 'UPS', number: '1Z0001', url: null },
					{ company: 'UPS', number: '1Z0002', url: null },
				],
				lineItems: [
					{ lineItemId: order.lineItems.nodes[0].id, sku: 'ESP-1000', quantity: 4 },
					{ lineItemId: order.lineItems.nodes[1].id, sku: 'FRO-200', quantity: 2 },
				],
				cartons: [
					expect.objectContaining({
						sscc: '008012345600000011',
						lines: [expect.objectContaining({ sku: 'ESP-1000', quantity: 3 })],
					}),
					expect.objectContaining({ sscc: '008012345600000028' }),
				],
			}),
		]);
		expect(r.body.order.displayFulfillmentStatus).toBe('PARTIALLY_FULFILLED');
		expect(stock(sb, 'ESP-1000')).toMatchObject({ committed: 1, on_hand: 36 });
		const q = await sb.gql(
			'query($id: ID!) { order(id: $id) { fulfillments { trackingInfo { number } ' +
				'fulfillmentLineItems(first: 5) { nodes { quantity } } } } }',
			{ id: order.id },
		);
		expect(q.body.data.order.fulfillments[0].trackingInfo).toEqual([
			{ number: '1Z0001' },
			{ number: '1Z0002' },
		]);

		const tooMany = await sb.ctl('POST', '/__sandbox/shopify/orders/1001/fulfill', {
			lines: [{ sku: 'ESP-1000', quantity: 2 }],
		});
		expect(tooMany.status).toBe(409);
		expect(tooMany.body.details).toEqual(['ESP-1000: 2 to ship but only 1 unfulfilled']);
		const rest = await sb.ctl('POST', '/__sandbox/shopify/orders/1001/fulfill', {
			tracking: { company: 'FedEx', number: '7712' },
		});
		expect(rest.body.order.displayFulfillmentStatus).toBe('FULFILLED');
	});

	it('cancels an order: stock is restocked (or written off) and fulfillment orders close', async () => {
		await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 5 }]);
		await placeOrder(sb, [{ sku: 'FRO-200', quantity: 2 }]);
		const r = await sb.ctl('POST', '/__sandbox/shopify/orders/1001/cancel', { reason: 'CUSTOMER' });
		expect(r.status).toBe(200);
		expect(r.body.order).toMatchObject({
			cancelReason: 'CUSTOMER',
			cancelledAt: expect.any(String),
			fulfillmentOrders: [{ status: 'CLOSED' }],
			lineItems: [{ currentQuantity: 0, committed: [] }],
		});
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 40, committed: 0 });
		await sb.ctl('POST', '/__sandbox/shopify/orders/1002/cancel', {
			restock: false,
			reason: 'INVENTORY',
		});
		expect(stock(sb, 'FRO-200')).toMatchObject({ available: 3, committed: 0, on_hand: 3 });
		const q = await sb.gql(
			'{ orders(first: 5, query: "status:cancelled") { nodes { name cancelReason cancelledAt } } }',
		);
		expect(q.body.data.orders.nodes.map((o: any) => o.name)).toEqual(['#1001', '#1002']);
		expect((await sb.ctl('POST', '/__sandbox/shopify/orders/1001/cancel', {})).status).toBe(409);
		expect(
			(await sb.ctl('POST', '/__sandbox/shopify/orders/1001/cancel', { reason: 'BORED' })).status,
		).toBe(400);
	});

	it('refuses to cancel an order with fulfilled items', async () => {
		await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 5 }]);
		await sb.ctl('POST', '/__sandbox/shopify/orders/1001/fulfill', {
			lines: [{ sku: 'ESP-1000', quantity: 1 }],
		});
		const r = await sb.ctl('POST', '/__sandbox/shopify/orders/1001/cancel', {});
		expect(r.status).toBe(409);
		expect(r.body.error).toMatch(/has fulfilled items/);
	});

	it('changes stock by SKU and location (set or delta, any state but committed)', async () => {
		const r = await sb.ctl('POST', '/__sandbox/shopify/inventory', {
			changes: [
				{ sku: 'ESP-1000', location: 'Main warehouse', set: 12 },
				{ sku: 'ESP-1000', location: 'Main warehouse', name: 'damaged', delta: 2 },
				{ sku: 'FRO-200', location: 'Overflow', delta: 7 },
			],
		});
		expect(r.status).toBe(200);
		expect(r.body.levels[1]).toEqual({
			sku: 'ESP-1000',
			inventoryItemId: expect.any(String),
			location: 'Main warehouse',
			quantities: expect.objectContaining({ available: 12, damaged: 2, on_hand: 14 }),
		});
		expect(stock(sb, 'FRO-200', 'Overflow')).toMatchObject({ available: 7 });
		const bad = await sb.ctl('POST', '/__sandbox/shopify/inventory', {
			changes: [{ sku: 'ESP-1000', name: 'committed', set: 1 }],
		});
		expect(bad.status).toBe(400);
		const unknown = await sb.ctl('POST', '/__sandbox/shopify/inventory', {
			changes: [{ sku: 'NOPE', set: 1 }],
		});
		expect(unknown.status).toBe(400);
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 12 });
	});

	it('empties and resizes the cost bucket', async () => {
		const r = await sb.ctl('POST', '/__sandbox/shopify/throttle', {
			currentlyAvailable: 0,
			maximumAvailable: 1000,
			restoreRate: 50,
		});
		expect(r.body).toEqual({
			enabled: true,
			maximumAvailable: 1000,
			currentlyAvailable: 0,
			restoreRate: 50,
		});
		expect((await sb.gql('{ shop { name } }')).body.errors[0].extensions.code).toBe('THROTTLED');
		await sb.ctl('POST', '/__sandbox/shopify/throttle', { enabled: false });
		expect((await sb.gql('{ shop { name } }')).body.data.shop.name).toBe('Acme Wholesale');
		const info = await sb.ctl('GET', '/__sandbox/shopify');
		expect(info.body).toMatchObject({
			graphqlPath: '/admin/api/{version}/graphql.json',
			apiVersions: ['2026-04', '2026-07'],
		});
	});
});
