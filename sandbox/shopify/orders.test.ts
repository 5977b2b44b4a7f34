/**
 * Orders: orderCreate (line items by variant, price, PO number, tags, metafields, source, inventory
 * behaviour), orders(query:) and order(id:), metafieldsSet and tagsAdd.
 */
import {
	ORDER_CREATE,
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

/** What a Vendor Central template sends: the Amazon PO as a wholesale order. */
function amazonOrder(extra: Record<string, unknown> = {}) {
	return {
		poNumber: '2JK3S9VC',
		sourceName: 'amazon-vendor-central',
		sourceIdentifier: '2JK3S9VC',
		tags: ['amazon-vc', 'po:2JK3S9VC'],
		note: 'Amazon PO 2JK3S9VC',
		email: 'vendor-orders@example.com',
		shippingAddress: {
			firstName: 'Amazon',
			lastName: 'ABE2',
			address1: '410 Terry Ave N',
			city: 'Seattle',
			provinceCode: 'WA',
			countryCode: 'US',
			zip: '98109',
		},
		metafields: [
			{ namespace: 'amazon', key: 'po_number', type: 'single_line_text_field', value: '2JK3S9VC' },
			{
				namespace: 'amazon',
				key: 'ship_window',
				type: 'json',
				value: '{"start":"2026-03-05","end":"2026-03-10"}',
			},
		],
		lineItems: [
			{
				variantId: variantGid(sb, 'ESP-1000'),
				quantity: 12,
				priceSet: { shopMoney: { amount: '120.00', currencyCode: 'USD' } },
			},
			{ variantId: variantGid(sb, 'FRO-200'), quantity: 3 },
		],
		...extra,
	};
}

const ORDER_READ = `query Read($id: ID!) {
  order(id: $id) {
    id name poNumber sourceName sourceIdentifier tags note email displayFulfillmentStatus displayFinancialStatus
    shippingAddress { address1 city provinceCode countryCodeV2 zip }
    totalPriceSet { shopMoney { amount currencyCode } }
    lineItems(first: 10) { nodes { sku title quantity currentQuantity unfulfilledQuantity variant { id }
      originalUnitPriceSet { shopMoney { amount } } } }
    fulfillmentOrders(first: 5) { nodes { status assignedLocation { name } lineItems(first: 10) { nodes {
      totalQuantity remainingQuantity lineItem { sku } } } } }
    po: metafield(namespace: "amazon", key: "po_number") { value type }
    metafields(first: 10, namespace: "amazon") { nodes { key jsonValue } }
  }
}`;

describe('orderCreate', () => {
	it('creates the order with line items by variant, prices, PO number, tags, source and metafields', async () => {
		const r = await sb.gql(ORDER_CREATE, {
			order: amazonOrder(),
			options: { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY' },
		});
		expect(r.body.data.orderCreate.userErrors).toEqual([]);
		const id = r.body.data.orderCreate.order.id;
		const read = await sb.gql(ORDER_READ, { id });
		const order = read.body.data.order;
		expect(order).toMatchObject({
			name: '#1001',
			poNumber: '2JK3S9VC',
			sourceName: 'amazon-vendor-central',
			sourceIdentifier: '2JK3S9VC',
			tags: ['amazon-vc', 'po:2JK3S9VC'],
			displayFulfillmentStatus: 'UNFULFILLED',
			displayFinancialStatus: 'PENDING',
			shippingAddress: {
				address1: '410 Terry Ave N',
				city: 'Seattle',
				provinceCode: 'WA',
				countryCodeV2: 'US',
				zip: '98109',
			},
			totalPriceSet: { shopMoney: { amount: '1528.5', currencyCode: 'USD' } },
			po: { value: '2JK3S9VC', type: 'single_line_text_field' },
		});
		expect(order.metafields.nodes).toEqual([
			{ key: 'po_number', jsonValue: '2JK3S9VC' },
			{ key: 'ship_window', jsonValue: { start: '2026-03-05', end: '2026-03-10' } },
		]);
		expect(order.lineItems.nodes).toEqual([
			{
				sku: 'ESP-1000',
				title: 'Espresso Machine',
				quantity: 12,
				currentQuantity: 12,
				unfulfilledQuantity: 12,
				variant: { id: variantGid(sb, 'ESP-1000') },
				originalUnitPriceSet: { shopMoney: { amount: '120.0' } },
			},
			{
				sku: 'FRO-200',
				title: 'Milk Frother',
				quantity: 3,
				currentQuantity: 3,
				unfulfilledQuantity: 3,
				variant: { id: variantGid(sb, 'FRO-200') },
				originalUnitPriceSet: { shopMoney: { amount: '29.5' } },
			},
		]);
		expect(order.fulfillmentOrders.nodes).toEqual([
			{
				status: 'OPEN',
				assignedLocation: { name: 'Main warehouse' },
				lineItems: {
					nodes: [
						{ totalQuantity: 12, remainingQuantity: 12, lineItem: { sku: 'ESP-1000' } },
						{ totalQuantity: 3, remainingQuantity: 3, lineItem: { sku: 'FRO-200' } },
					],
				},
			},
		]);
	});

	it('commits inventory: available moves to committed, on_hand stays', async () => {
		await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 12 }], {
			behaviour: 'DECREMENT_OBEYING_POLICY',
		});
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 28, committed: 12, on_hand: 40 });
		const r = await sb.gql(
			'{ productVariants(first: 1, query: "sku:ESP-1000") { nodes { inventoryQuantity ' +
				'inventoryItem { inventoryLevels(first: 1) { nodes { quantities(names: ["available", ' +
				'"committed", "on_hand"]) { name quantity } } } } } } }',
		);
		expect(r.body.data.productVariants.nodes[0]).toEqual({
			inventoryQuantity: 38,
			inventoryItem: {
				inventoryLevels: {
					nodes: [
						{
							quantities: [
								{ name: 'available', quantity: 28 },
								{ name: 'committed', quantity: 12 },
								{ name: 'on_hand', quantity: 40 },
							],
						},
					],
				},
			},
		});
	});

	it('claims nothing with the default BYPASS; untracked items are never claimed', async () => {
		const r = await sb.gql(ORDER_CREATE, {
			order: { lineItems: [{ variantId: variantGid(sb, 'ESP-1000'), quantity: 2 }] },
		});
		expect(r.body.data.orderCreate.userErrors).toEqual([]);
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 40, committed: 0 });
		await placeOrder(sb, [{ sku: 'FLT-10', quantity: 100 }]);
		expect(
			sb.state().products.find((p: any) => p.handle === 'paper-filters').variants[0].stock,
		).toEqual({});
	});

	it('places a line at the first location with enough available stock', async () => {
		await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 35 }], {
			behaviour: 'DECREMENT_OBEYING_POLICY',
		});
		const second = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 8 }], {
			behaviour: 'DECREMENT_OBEYING_POLICY',
		});
		const read = await sb.gql(
			'query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { assignedLocation { name } } } } }',
			{ id: second.id },
		);
		expect(read.body.data.order.fulfillmentOrders.nodes).toEqual([
			{ assignedLocation: { name: 'Overflow' } },
		]);
		expect(stock(sb, 'ESP-1000', 'Overflow')).toMatchObject({ available: 2, committed: 8 });
		// No location has 45 left: a DENY variant cannot be claimed under DECREMENT_OBEYING_POLICY.
		const r = await sb.gql(ORDER_CREATE, {
			order: { lineItems: [{ variantId: variantGid(sb, 'ESP-1000'), quantity: 45 }] },
			options: { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY' },
		});
		expect(r.body.data.orderCreate.userErrors[0].code).toBe('INVENTORY_CLAIM_FAILED');
	});

	it('refuses to claim more than available under DECREMENT_OBEYING_POLICY for a DENY variant', async () => {
		const r = await sb.gql(ORDER_CREATE, {
			order: { lineItems: [{ variantId: variantGid(sb, 'FRO-200'), quantity: 6 }] },
			options: { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY' },
		});
		expect(r.body.data.orderCreate).toEqual({
			order: null,
			userErrors: [
				{
					field: ['order', 'lineItems', '0'],
					message:
						'Unable to claim inventory for FRO-200: 5 available at Main warehouse, 6 requested.',
					code: 'INVENTORY_CLAIM_FAILED',
				},
			],
		});
		expect(sb.state().orders).toHaveLength(0);
		// CONTINUE oversells; IGNORING_POLICY claims into negative stock.
		await placeOrder(sb, [{ sku: 'GRD-300', quantity: 2 }], {
			behaviour: 'DECREMENT_OBEYING_POLICY',
		});
		await placeOrder(sb, [{ sku: 'FRO-200', quantity: 6 }], {
			behaviour: 'DECREMENT_IGNORING_POLICY',
		});
		expect(stock(sb, 'GRD-300')).toMatchObject({ available: -2, committed: 2 });
		expect(stock(sb, 'FRO-200')).toMatchObject({ available: -1, committed: 6 });
	});

	it('answers userErrors for an unknown variant, a bad quantity, a foreign currency and a bad metafield', async () => {
		const r = await sb.gql(ORDER_CREATE, {
			order: {
				lineItems: [
					{ variantId: 'gid://shopify/ProductVariant/999999', quantity: 1 },
					{ variantId: variantGid(sb, 'ESP-1000'), quantity: 0 },
					{
						variantId: variantGid(sb, 'ESP-1000'),
						quantity: 1,
						priceSet: { shopMoney: { amount: '1.00', currencyCode: 'EUR' } },
					},
					{ title: 'Custom pallet fee', quantity: 1 },
				],
				metafields: [{ namespace: 'amazon', key: 'qty', type: 'number_integer', value: 'twelve' }],
			},
		});
		expect(r.body.data.orderCreate.order).toBeNull();
		expect(r.body.data.orderCreate.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual(
			[
				['order.lineItems.0.variantId', 'INVALID'],
				['order.lineItems.1.quantity', 'INVALID'],
				['order.lineItems.2.priceSet.shopMoney.currencyCode', 'INVALID'],
				['order.lineItems.3.priceSet', 'INVALID'],
				['order.metafields.0.value', 'INVALID'],
			],
		);
		expect(r.body.errors).toBeUndefined();
		expect(sb.state().orders).toHaveLength(0);
		expect(stock(sb, 'ESP-1000').available).toBe(40);
	});
});

describe('orders(query:) and order(id:)', () => {
	it('finds orders by PO number, tag, name, source identifier, status and metafield', async () => {
		const a = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 1 }], {
			order: {
				poNumber: 'PO-A',
				tags: ['amazon-vc'],
				sourceIdentifier: 'PO-A',
				metafields: [
					{
						namespace: 'amazon',
						key: 'vendor_code',
						type: 'single_line_text_field',
						value: 'API01',
					},
				],
			},
		});
		const b = await placeOrder(sb, [{ sku: 'FRO-200', quantity: 1 }], {
			order: { poNumber: 'PO-B', tags: ['retail'] },
		});
		const ids = async (query: string) =>
			(
				await sb.gql('query($q: String) { orders(first: 10, query: $q) { nodes { id } } }', {
					q: query,
				})
			).body.data.orders.nodes.map((n: any) => n.id);
		expect(await ids('po_number:PO-A')).toEqual([a.id]);
		expect(await ids('tag:amazon-vc')).toEqual([a.id]);
		expect(await ids('tag_not:amazon-vc')).toEqual([b.id]);
		expect(await ids('name:#1002')).toEqual([b.id]);
		expect(await ids('name:1001')).toEqual([a.id]);
		expect(await ids('source_identifier:PO-A')).toEqual([a.id]);
		expect(await ids('sku:FRO-200')).toEqual([b.id]);
		expect(await ids('metafields.amazon.vendor_code:API01')).toEqual([a.id]);
		expect(await ids('status:open fulfillment_status:unfulfilled')).toEqual([a.id, b.id]);
		expect(await ids('po_number:PO-C')).toEqual([]);
		const reversed = await sb.gql(
			'{ orders(first: 10, reverse: true, sortKey: CREATED_AT) { nodes { name } } }',
		);
		expect(reversed.body.data.orders.nodes.map((n: any) => n.name)).toEqual(['#1002', '#1001']);
		const count = await sb.gql('{ ordersCount(query: "tag:amazon-vc") { count precision } }');
		expect(count.body.data.ordersCount).toEqual({ count: 1, precision: 'EXACT' });
	});

	it('order(id:) gives null for an unknown order', async () => {
		const r = await sb.gql('{ order(id: "gid://shopify/Order/424242") { id } }');
		expect(r.body).toMatchObject({ data: { order: null } });
	});
});

describe('metafieldsSet', () => {
	const SET =
		`mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { id ` +
		`namespace key value type compareDigest } userErrors { field message code elementIndex } } }`;

	it('creates and updates metafields on an order and a variant', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 1 }]);
		const r = await sb.gql(SET, {
			m: [
				{
					ownerId: order.id,
					namespace: 'amazon',
					key: 'asn_id',
					type: 'single_line_text_field',
					value: 'ASN-1',
				},
				{
					ownerId: variantGid(sb, 'ESP-1000'),
					namespace: 'amazon',
					key: 'case_pack',
					type: 'number_integer',
					value: '6',
				},
			],
		});
		expect(r.body.data.metafieldsSet.userErrors).toEqual([]);
		const [asn] = r.body.data.metafieldsSet.metafields;
		const update = await sb.gql(SET, {
			m: [
				{
					ownerId: order.id,
					namespace: 'amazon',
					key: 'asn_id',
					value: 'ASN-2',
					compareDigest: asn.compareDigest,
				},
			],
		});
		expect(update.body.data.metafieldsSet.metafields[0]).toMatchObject({
			id: asn.id,
			value: 'ASN-2',
			type: 'single_line_text_field',
		});
		const stale = await sb.gql(SET, {
			m: [
				{
					ownerId: order.id,
					namespace: 'amazon',
					key: 'asn_id',
					value: 'ASN-3',
					compareDigest: asn.compareDigest,
				},
			],
		});
		expect(stale.body.data.metafieldsSet.userErrors[0]).toMatchObject({
			code: 'STALE_OBJECT',
			elementIndex: 0,
		});
		const read = await sb.gql(
			'query($id: ID!) { order(id: $id) { metafield(namespace: "amazon", key: "asn_id") { value } } }',
			{ id: order.id },
		);
		expect(read.body.data.order.metafield).toEqual({ value: 'ASN-2' });
	});

	it('is all-or-nothing: a wrong value, type or owner writes nothing', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 1 }]);
		const r = await sb.gql(SET, {
			m: [
				{
					ownerId: order.id,
					namespace: 'amazon',
					key: 'ok',
					type: 'single_line_text_field',
					value: 'fine',
				},
				{
					ownerId: order.id,
					namespace: 'amazon',
					key: 'qty',
					type: 'number_integer',
					value: '1.5',
				},
				{
					ownerId: order.id,
					namespace: 'amazon',
					key: 'x',
					type: 'single_line_text_field',
					value: 'short key',
				},
				{
					ownerId: 'gid://shopify/Order/999999',
					namespace: 'amazon',
					key: 'gone',
					type: 'boolean',
					value: 'true',
				},
				{ ownerId: order.id, namespace: 'amazon', key: 'kind', type: 'no_such_type', value: 'x' },
			],
		});
		expect(r.body.data.metafieldsSet.metafields).toBeNull();
		expect(r.body.data.metafieldsSet.userErrors.map((e: any) => [e.elementIndex, e.code])).toEqual([
			[1, 'INVALID_VALUE'],
			[2, 'TOO_SHORT'],
			[3, 'INVALID'],
			[4, 'INVALID_TYPE'],
		]);
		expect(sb.state().orders[0].metafields).toEqual([]);
	});
});

describe('imported and paid orders', () => {
	it('takes financial status from transactions and imports an already fulfilled order', async () => {
		const r = await sb.gql(ORDER_CREATE, {
			order: {
				lineItems: [{ variantId: variantGid(sb, 'FRO-200'), quantity: 2 }],
				transactions: [
					{
						kind: 'SALE',
						status: 'SUCCESS',
						amountSet: { shopMoney: { amount: '59.00', currencyCode: 'USD' } },
					},
				],
				fulfillmentStatus: 'FULFILLED',
			},
			options: { inventoryBehaviour: 'DECREMENT_IGNORING_POLICY' },
		});
		expect(r.body.data.orderCreate.userErrors).toEqual([]);
		const order = r.body.data.orderCreate.order;
		expect(order.displayFulfillmentStatus).toBe('FULFILLED');
		expect(order.fulfillmentOrders.nodes[0].status).toBe('CLOSED');
		const read = await sb.gql(
			'query($id: ID!) { order(id: $id) { displayFinancialStatus fullyPaid } }',
			{ id: order.id },
		);
		expect(read.body.data.order).toEqual({ displayFinancialStatus: 'PAID', fullyPaid: true });
		expect(stock(sb, 'FRO-200')).toMatchObject({ available: 3, committed: 0, on_hand: 3 });
		const partial = await sb.gql(ORDER_CREATE, {
			order: {
				lineItems: [{ variantId: variantGid(sb, 'FRO-200'), quantity: 1 }],
				fulfillmentStatus: 'PARTIAL',
			},
		});
		expect(partial.body.errors[0].extensions.code).toBe('NOT_SIMULATED');
	});
});

describe('tagsAdd', () => {
	const ADD =
		'mutation($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { ' +
		'node { id ... on Order { tags } } userErrors { field message } } }';

	it('adds tags to an order (de-duplicated, sorted; a comma-separated string works too)', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 1 }], {
			order: { tags: ['amazon-vc'] },
		});
		const r = await sb.gql(ADD, {
			id: order.id,
			tags: ['asn-sent', 'Amazon-VC', 'edi:856, carrier:ups'],
		});
		expect(r.body.data.tagsAdd).toEqual({
			node: { id: order.id, tags: ['amazon-vc', 'asn-sent', 'carrier:ups', 'edi:856'] },
			userErrors: [],
		});
	});

	it('tagsRemove takes tags away, case-insensitively', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 1 }], {
			order: { tags: ['amazon-vc', 'hold'] },
		});
		const r = await sb.gql(
			'mutation($id: ID!) { tagsRemove(id: $id, tags: ["HOLD"]) { ' +
				'node { ... on Order { tags } } userErrors { message } } }',
			{ id: order.id },
		);
		expect(r.body.data.tagsRemove).toEqual({ node: { tags: ['amazon-vc'] }, userErrors: [] });
	});

	it('answers a userError for an unknown order and NOT_SIMULATED for other resources', async () => {
		const r = await sb.gql(ADD, { id: 'gid://shopify/Order/999999', tags: ['x'] });
		expect(r.body.data.tagsAdd).toEqual({
			node: null,
			userErrors: [{ field: ['id'], message: 'Order does not exist' }],
		});
		const customer = await sb.gql(ADD, { id: 'gid://shopify/Customer/1', tags: ['x'] });
		expect(customer.body.errors[0].extensions.code).toBe('NOT_SIMULATED');
	});
});
