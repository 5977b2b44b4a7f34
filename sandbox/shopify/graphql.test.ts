/**
 * The Admin GraphQL endpoint: token, versions, schema validation with Shopify's error shapes,
 * variables, NOT_SIMULATED answers, GraphQL features (aliases, fragments, node), cost and
 * throttling, faults and the request log.
 */
import { parse, type OperationDefinitionNode } from 'graphql';
import { requestedCost } from './cost';
import { validateDocument } from './errors';
import { loadSchema } from './schema';
import { DEFAULT_ACCESS_TOKEN } from './state';
import {
	placeOrder,
	readmeBlocks,
	readmeSeed,
	SHOP_SEED,
	startShopifySandbox,
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

const SHOP = '{ shop { name currencyCode } }';

describe('access token', () => {
	it('answers with the seeded X-Shopify-Access-Token', async () => {
		const r = await sb.gql(SHOP);
		expect(r.status).toBe(200);
		expect(r.body.data.shop).toEqual({ name: 'Acme Wholesale', currencyCode: 'USD' });
		expect(r.headers.get('x-shopify-api-version')).toBe('2026-04');
		expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('refuses a wrong or missing token with 401 like Shopify', async () => {
		for (const token of ['shpat_wrong', null]) {
			const r = await sb.gql(SHOP, undefined, { token });
			expect(r.status).toBe(401);
			expect(r.body).toEqual({
				errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
			});
		}
	});

	it('uses the token given in the seed', async () => {
		sb.control.seed({ shopify: { accessToken: 'shpat_custom' } });
		expect((await sb.gql(SHOP)).status).toBe(401);
		expect((await sb.gql(SHOP, undefined, { token: 'shpat_custom' })).status).toBe(200);
		expect(DEFAULT_ACCESS_TOKEN).toMatch(/^shpat_/);
	});
});

describe('API versions', () => {
	it('serves 2026-07 with its own schema', async () => {
		const q = `{ orders(first: 1) { nodes { id cartToken } } }`;
		const old = await sb.gql(q);
		expect(old.body.errors[0]).toMatchObject({
			message: "Field 'cartToken' doesn't exist on type 'Order'",
			extensions: { code: 'undefinedField' },
		});
		const current = await sb.gql(q, undefined, { version: '2026-07' });
		expect(current.status).toBe(200);
		expect(current.headers.get('x-shopify-api-version')).toBe('2026-07');
		expect(current.body.errors).toBeUndefined();
	});

	it('falls forward from an older quarterly version and 404s an unknown one', async () => {
		const older = await sb.gql(SHOP, undefined, { version: '2025-10' });
		expect(older.status).toBe(200);
		expect(older.headers.get('x-shopify-api-version')).toBe('2026-04');
		for (const version of ['2026-05', '2027-01', 'unstable']) {
			const r = await sb.gql(SHOP, undefined, { version });
			expect(r.status).toBe(404);
			expect(r.body).toEqual({ errors: 'Not Found' });
		}
	});
});

describe('document validation', () => {
	it('rejects a field the schema does not have, with graphql-ruby wording, path and no data', async () => {
		const r = await sb.gql(
			`query Stock {\n  productVariants(first: 1) {\n    nodes { id quantityOnHand }\n  }\n}`,
		);
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			errors: [
				{
					message: "Field 'quantityOnHand' doesn't exist on type 'ProductVariant'",
					locations: [{ line: 3, column: 16 }],
					path: ['query Stock', 'productVariants', 'nodes', 'quantityOnHand'],
					extensions: {
						code: 'undefinedField',
						typeName: 'ProductVariant',
						fieldName: 'quantityOnHand',
					},
				},
			],
		});
	});

	it('rejects missing required arguments, unknown arguments and missing selections', async () => {
		const r = await sb.gql(
			`{ order { id } productVariants(first: 1, sku: "X") { nodes { id } } shop }`,
		);
		const byCode = Object.fromEntries(r.body.errors.map((e: any) => [e.extensions.code, e]));
		expect(byCode.missingRequiredArguments.message).toBe(
			"Field 'order' is missing required arguments: id",
		);
		expect(byCode.argumentNotAccepted.message).toBe(
			"Field 'productVariants' doesn't accept argument 'sku'",
		);
		expect(byCode.selectionMismatch.message).toBe(
			"Field must have selections (field 'shop' returns Shop but has no selections. Did you mean 'shop { ... }'?)",
		);
		expect(r.body.data).toBeUndefined();
	});

	it('rejects a wrong argument type and an unknown enum value', async () => {
		const r = await sb.gql(`{ orders(first: "ten", sortKey: NEWEST) { nodes { id } } }`);
		expect(r.body.errors.map((e: any) => e.extensions.code)).toEqual([
			'argumentLiteralsIncompatible',
			'argumentLiteralsIncompatible',
		]);
		expect(r.body.errors[0].message).toMatch(
			/^Argument 'first' on Field 'orders' has an invalid value \("ten"\)\. Expected type 'Int'\.$/,
		);
	});

	it('answers a syntax error as PARSE_ERROR', async () => {
		const r = await sb.gql('query {\n  shop {\n    name\n');
		expect(r.status).toBe(200);
		expect(r.body.errors).toHaveLength(1);
		expect(r.body.errors[0].message).toMatch(
			/^syntax error, unexpected end of file at \[\d+, \d+\]$/,
		);
		expect(r.body.errors[0].extensions).toEqual({ code: 'PARSE_ERROR' });
	});

	it('answers 400 without a query', async () => {
		const r = await sb.gql('');
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ errors: { query: 'Required parameter missing or invalid' } });
	});

	it('checks variables against their types (INVALID_VARIABLE)', async () => {
		const missing = await sb.gql('query O($id: ID!) { order(id: $id) { id } }', {});
		expect(missing.body.errors).toEqual([
			{
				message: 'Variable $id of type ID! was provided invalid value',
				locations: [{ line: 1, column: 9 }],
				extensions: {
					code: 'INVALID_VARIABLE',
					value: null,
					problems: [{ path: [], explanation: 'Expected value to not be null' }],
				},
			},
		]);
		const nested = await sb.gql(
			'mutation C($order: OrderCreateOrderInput!) { orderCreate(order: $order) { userErrors { message } } }',
			{
				order: { lineItems: [{ variantId: variantGid(sb, 'ESP-1000') }] },
			},
		);
		expect(nested.body.errors[0].message).toBe(
			'Variable $order of type OrderCreateOrderInput! was provided invalid ' +
				'value for lineItems.0.quantity (Expected value to not be null)',
		);
		expect(nested.body.errors[0].extensions.problems).toEqual([
			{ path: ['lineItems', 0, 'quantity'], explanation: 'Expected value to not be null' },
		]);
		expect(sb.state().orders).toHaveLength(0);
	});

	it("answers Shopify's error for a malformed global id", async () => {
		const r = await sb.gql('{ order(id: "1001") { id } }');
		expect(r.body.errors[0]).toMatchObject({
			message: "Invalid global id '1001'",
			path: ['order'],
			extensions: { code: 'argumentLiteralsIncompatible', typeName: 'CoercionError' },
		});
		const unknown = await sb.gql('{ order(id: "gid://shopify/Order/999999") { id } }');
		expect(unknown.body).toMatchObject({ data: { order: null } });
		expect(unknown.body.errors).toBeUndefined();
	});
});

describe('what the sandbox does not simulate', () => {
	it('answers NOT_SIMULATED for a valid root field without a simulation, never an empty answer', async () => {
		const r = await sb.gql('{ shop { name } draftOrders(first: 5) { nodes { id } } }');
		expect(r.status).toBe(200);
		expect(r.body.errors).toEqual([
			expect.objectContaining({
				path: ['draftOrders'],
				extensions: { code: 'NOT_SIMULATED' },
				message: expect.stringMatching(/^QueryRoot\.draftOrders is not simulated by the sandbox\./),
			}),
		]);
		const m = await sb.gql(
			'mutation { orderClose(input: { id: "gid://shopify/Order/1" }) { userErrors { message } } }',
		);
		expect(m.body.errors[0]).toMatchObject({
			path: ['orderClose'],
			extensions: { code: 'NOT_SIMULATED' },
		});
		expect(m.body.data).toEqual({ orderClose: null });
	});

	it('answers NOT_SIMULATED for an object field the sandbox does not fill', async () => {
		const order = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 1 }]);
		const r = await sb.gql(
			'query($id: ID!) { order(id: $id) { name customerJourneySummary { ready } } }',
			{ id: order.id },
		);
		expect(r.body.errors[0]).toMatchObject({
			message: 'Order.customerJourneySummary is not simulated by the sandbox.',
			path: ['order', 'customerJourneySummary'],
			extensions: { code: 'NOT_SIMULATED' },
		});
		expect(r.body.data.order.name).toBe('#1001');
	});

	it('does not accept orderCreate inputs it cannot honour', async () => {
		const r = await sb.gql(
			'mutation($o: OrderCreateOrderInput!) { orderCreate(order: $o) { order { id } } }',
			{
				o: {
					lineItems: [{ variantId: variantGid(sb, 'ESP-1000'), quantity: 1 }],
					discountCode: {
						itemFixedDiscountCode: {
							code: 'X',
							amountSet: { shopMoney: { amount: '1', currencyCode: 'USD' } },
						},
					},
				},
			},
		);
		expect(r.body.errors[0].extensions.code).toBe('NOT_SIMULATED');
		expect(sb.state().orders).toHaveLength(0);
	});
});

describe('GraphQL features', () => {
	it('resolves aliases, fragments, inline fragments, __typename and node(id:)', async () => {
		const esp = variantGid(sb, 'ESP-1000');
		const r = await sb.gql(
			`query Two($a: String!, $id: ID!) {
				first: productVariants(first: 1, query: $a) { nodes { ...V } }
				second: productVariants(first: 1, query: "sku:FRO-200") { edges { cursor node { ...V } } }
				node(id: $id) { __typename ... on ProductVariant { sku } }
			}
			fragment V on ProductVariant { __typename sku price stock: inventoryQuantity }`,
			{ a: 'sku:ESP-1000', id: esp },
		);
		expect(r.body.errors).toBeUndefined();
		expect(r.body.data.first.nodes).toEqual([
			{ __typename: 'ProductVariant', sku: 'ESP-1000', price: '149.0', stock: 50 },
		]);
		expect(r.body.data.second.edges[0].node).toEqual({
			__typename: 'ProductVariant',
			sku: 'FRO-200',
			price: '29.5',
			stock: 5,
		});
		expect(typeof r.body.data.second.edges[0].cursor).toBe('string');
		expect(r.body.data.node).toEqual({ __typename: 'ProductVariant', sku: 'ESP-1000' });
	});

	it('pages with cursors and requires first or last', async () => {
		const q =
			'query($after: String) { productVariants(first: 3, ' +
			'after: $after) { nodes { sku } pageInfo { hasNextPage endCursor } } }';
		const page1 = await sb.gql(q);
		expect(page1.body.data.productVariants.nodes.map((n: any) => n.sku)).toEqual([
			'ESP-1000',
			'FRO-200',
			'GRD-300',
		]);
		expect(page1.body.data.productVariants.pageInfo.hasNextPage).toBe(true);
		const page2 = await sb.gql(q, { after: page1.body.data.productVariants.pageInfo.endCursor });
		expect(page2.body.data.productVariants).toMatchObject({
			nodes: [{ sku: 'FLT-10' }],
			pageInfo: { hasNextPage: false },
		});
		const none = await sb.gql('{ productVariants { nodes { sku } } }');
		expect(none.body.errors[0]).toMatchObject({
			message: 'you must provide one of first or last',
			path: ['productVariants'],
		});
	});

	it('reports unknown search fields in extensions.search and ignores them', async () => {
		const r = await sb.gql(
			'{ productVariants(first: 5, query: "sku:ESP-1000 colour:red") { nodes { sku } } }',
		);
		expect(r.body.data.productVariants.nodes).toEqual([{ sku: 'ESP-1000' }]);
		expect(r.body.extensions.search).toEqual([
			{
				path: ['productVariants'],
				query: 'sku:ESP-1000 colour:red',
				warnings: [{ field: 'colour', message: 'Invalid search field for this query.' }],
			},
		]);
	});
});

describe('query cost and throttling', () => {
	it('reports extensions.cost with the throttle status; the bucket refills on the sandbox clock', async () => {
		const r = await sb.gql('{ productVariants(first: 10) { nodes { sku inventoryItem { id } } } }');
		const cost = r.body.extensions.cost;
		expect(cost.requestedQueryCost).toBe(2 + 10 * 2);
		expect(cost.actualQueryCost).toBe(2 + 4 * 2);
		expect(cost.throttleStatus).toEqual({
			maximumAvailable: 2000,
			currentlyAvailable: 2000 - 10,
			restoreRate: 100,
		});
		const m = await placeOrder(sb, [{ sku: 'ESP-1000', quantity: 1 }]);
		expect(m.id).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
		sb.clock.advance(1000);
		const again = await sb.gql('{ shop { name } }');
		expect(again.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(2000 - 1);
	});

	it('answers THROTTLED (HTTP 200) when the bucket holds less than the requested cost', async () => {
		await sb.ctl('POST', '/__sandbox/shopify/throttle', { currentlyAvailable: 5 });
		const r = await sb.gql('{ productVariants(first: 10) { nodes { sku } } }');
		expect(r.status).toBe(200);
		expect(r.body.errors).toEqual([
			{
				message: 'Throttled',
				extensions: {
					code: 'THROTTLED',
					documentation: 'https://shopify.dev/api/usage/rate-limits',
				},
			},
		]);
		expect(r.body.extensions.cost).toEqual({
			requestedQueryCost: 12,
			actualQueryCost: null,
			throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 5, restoreRate: 100 },
		});
		expect(r.body.data).toBeUndefined();
		sb.clock.advance(100);
		expect(
			(await sb.gql('{ productVariants(first: 10) { nodes { sku } } }')).body.errors,
		).toBeUndefined();
	});

	it('refuses a query above the 1000-point cap (MAX_COST_EXCEEDED)', async () => {
		const r = await sb.gql(
			'{ orders(first: 250) { nodes { lineItems(first: 250) { nodes { sku } } } } }',
		);
		expect(r.body.errors[0].extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', maxCost: 1000 });
		expect(r.body.errors[0].message).toMatch(
			/^Query cost is \d+, which exceeds the single query max cost limit \(1000\)\./,
		);
	});
});

describe('faults', () => {
	it('a 429 fault answers THROTTLED with HTTP 429 for the named operation only', async () => {
		const f = await sb.ctl('POST', '/__sandbox/faults', {
			faults: [{ service: 'shopify', operation: 'orderCreate', status: 429, count: 1 }],
		});
		expect(f.status).toBe(200);
		expect((await sb.gql(SHOP)).status).toBe(200);
		const r = await sb.gql(
			'mutation($o: OrderCreateOrderInput!) { orderCreate(order: $o) { order { id } } }',
			{ o: { lineItems: [{ variantId: variantGid(sb, 'ESP-1000'), quantity: 1 }] } },
		);
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBe('1.0');
		expect(r.body.errors[0].extensions.code).toBe('THROTTLED');
		expect(r.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(0);
		expect(sb.state().orders).toHaveLength(0);
		expect(
			(
				await sb.gql(
					'mutation($o: OrderCreateOrderInput!) { orderCreate(order: $o) { order { id } } }',
					{ o: { lineItems: [{ variantId: variantGid(sb, 'ESP-1000'), quantity: 1 }] } },
				)
			).status,
		).toBe(200);
	});

	it("a 5xx fault answers Shopify's internal error; faults run before the token check", async () => {
		sb.control.addFaults([{ service: 'shopify', status: 503, count: 1 }]);
		const r = await sb.gql(SHOP, undefined, { token: 'wrong' });
		expect(r.status).toBe(503);
		expect(r.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
		expect(r.body.errors[0].message).toContain(r.body.errors[0].extensions.requestId);
	});
});

describe('request log', () => {
	it('logs calls with service shopify and the root fields as operation', async () => {
		sb.control.clearRequests();
		await sb.gql('{ shop { name } locations(first: 5) { nodes { name } } }');
		await sb.gql(SHOP, undefined, { token: null });
		const log = sb.control.requests({ service: 'shopify' });
		expect(log.map((e) => [e.operation, e.status])).toEqual([
			['shop,locations', 200],
			['shop', 401],
		]);
		expect(log[0].path).toBe('/admin/api/2026-04/graphql.json');
	});
});

describe('README examples', () => {
	it('every GraphQL document of README.md is valid for 2026-04 and 2026-07', () => {
		const docs = readmeBlocks().filter((b) => b.lang === 'graphql');
		expect(docs.length).toBeGreaterThanOrEqual(12);
		for (const version of ['2026-04', '2026-07'] as const) {
			for (const doc of docs)
				expect(validateDocument(loadSchema(version), parse(doc.text))).toEqual([]);
		}
		for (const doc of docs) {
			const document = parse(doc.text);
			const op = document.definitions.find(
				(d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
			) as OperationDefinitionNode;
			expect(requestedCost(loadSchema('2026-04'), document, op, {})).toBeLessThanOrEqual(1000);
		}
	});

	it('the orderCreate and inventorySetQuantities examples work on the README seed', async () => {
		sb.control.reset();
		const seed = readmeSeed();
		sb.control.seed(seed);
		const blocks = readmeBlocks();
		const run = async (name: string) => {
			const i = blocks.findIndex((b) => b.lang === 'graphql' && b.text.includes(name));
			const variables = JSON.parse(blocks[i + 1].text);
			return (await sb.gql(blocks[i].text, variables, { token: seed.shopify.accessToken })).body;
		};
		const created = await run('CreateOrderFromPo');
		expect(created.data.orderCreate.userErrors).toEqual([]);
		expect(created.data.orderCreate.order).toMatchObject({
			name: '#1002',
			poNumber: '2JK3S9VC',
			lineItems: { nodes: [{ sku: 'ESP-1000', quantity: 12 }] },
		});
		sb.control.reset();
		sb.control.seed(seed);
		const set = await run('SetAvailable');
		expect(set.data.inventorySetQuantities.userErrors).toEqual([]);
	});
});
