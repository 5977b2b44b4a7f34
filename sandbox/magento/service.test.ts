/** The service as a whole: token auth, store codes, modules, admin tokens, faults, unknown routes, reset and state. */
import { createMagentoService } from './index';
import { BASIC_SEED, START, startMagentoSandbox, TOKEN, type MagentoTestSandbox } from './testing';

let t: MagentoTestSandbox;
beforeAll(async () => {
	t = await startMagentoSandbox([createMagentoService]);
});
afterAll(() => t.close());
beforeEach(() => {
	t.clock.set(START);
	t.sandbox.control.reset();
	t.sandbox.control.seed({ magento: BASIC_SEED });
});

describe('Bearer token', () => {
	it("GET /rest/default/V1/modules (n8n's credential test) answers the module list with the seeded token", async () => {
		const r = await t.rest('GET', '/V1/modules');
		expect(r.status).toBe(200);
		expect(r.body).toEqual(
			expect.arrayContaining(['Magento_Sales', 'Magento_Inventory', 'Magento_InventorySalesApi']),
		);
		expect(
			(
				await t.rest('GET', '/V1/modules', undefined, {
					headers: { authorization: `bearer ${TOKEN}` },
					token: null,
				})
			).status,
		).toBe(200);
	});

	it("no token or a wrong one is 401 with Magento's message and the ACL resource", async () => {
		for (const token of [null, 'not-the-token']) {
			const r = await t.rest('GET', '/V1/orders/1', undefined, { token });
			expect(r.status).toBe(401);
			expect(r.body).toEqual({
				message: "The consumer isn't authorized to access %resources.",
				parameters: { resources: 'Magento_Sales::actions_view' },
			});
		}
	});

	it('a seed can replace the accepted tokens', async () => {
		t.sandbox.control.seed({ magento: { integrationTokens: ['shop-token'] } });
		expect((await t.rest('GET', '/V1/modules', undefined, { token: 'shop-token' })).status).toBe(
			200,
		);
		expect((await t.rest('GET', '/V1/modules')).status).toBe(401);
	});
});

describe('admin tokens', () => {
	it('POST /V1/integration/admin/token gives a token that works for 4 hours', async () => {
		t.sandbox.control.seed({ magento: { admins: [{ username: 'admin', password: 'Admin123!' }] } });
		const r = await t.rest(
			'POST',
			'/V1/integration/admin/token',
			{ username: 'admin', password: 'Admin123!' },
			{ token: null },
		);
		expect(r.status).toBe(200);
		expect(typeof r.body).toBe('string');
		expect((await t.rest('GET', '/V1/modules', undefined, { token: r.body })).status).toBe(200);
		t.clock.advance(4 * 3600_000 + 1);
		expect((await t.rest('GET', '/V1/modules', undefined, { token: r.body })).status).toBe(401);
	});

	it('wrong credentials are 401, a missing field 400', async () => {
		t.sandbox.control.seed({ magento: { admins: [{ username: 'admin', password: 'Admin123!' }] } });
		const wrong = await t.rest(
			'POST',
			'/V1/integration/admin/token',
			{ username: 'admin', password: 'nope' },
			{ token: null },
		);
		expect(wrong.status).toBe(401);
		expect(wrong.body.message).toBe(
			'The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.',
		);
		const missing = await t.rest(
			'POST',
			'/V1/integration/admin/token',
			{ username: 'admin' },
			{ token: null },
		);
		expect(missing.body).toEqual({
			message: '"%fieldName" is required. Enter and try again.',
			parameters: { fieldName: 'password' },
		});
	});
});

describe('paths', () => {
	it('serves /rest/V1, /rest/<store>/V1 and /rest/all/V1', async () => {
		t.sandbox.control.seed({ magento: { stores: [{ code: 'de', name: 'German Store View' }] } });
		for (const store of [null, 'default', 'all', 'de'])
			expect((await t.rest('GET', '/V1/modules', undefined, { store })).status).toBe(200);
	});

	it('an unknown store code, an unknown method on a known path: 404 "Request does not match any route."', async () => {
		const store = await t.rest('GET', '/V1/modules', undefined, { store: 'nostore' });
		expect(store.status).toBe(404);
		expect(store.body).toEqual({ message: 'Request does not match any route.' });
		const method = await t.rest('DELETE', '/V1/orders/1');
		expect([method.status, method.body]).toEqual([
			404,
			{ message: 'Request does not match any route.' },
		]);
	});

	it('a cart created under a store code belongs to that store', async () => {
		t.sandbox.control.seed({ magento: { stores: [{ code: 'de', id: 2, currency: 'EUR' }] } });
		const id = (await t.rest('POST', '/V1/carts/', undefined, { store: 'de' })).body;
		const cart = await t.rest('GET', `/V1/carts/${id}`);
		expect([cart.body.store_id, cart.body.currency.quote_currency_code]).toEqual([2, 'EUR']);
	});
});

describe('faults and the request log', () => {
	it('a magento status fault answers Magento-style, then the call works', async () => {
		const added = await t.ctl('POST', '/__sandbox/faults', {
			faults: [{ service: 'magento', operation: 'GetV1Modules', status: 503, count: 1 }],
		});
		expect(added.status).toBe(200);
		const failed = await t.rest('GET', '/V1/modules');
		expect([failed.status, failed.body]).toEqual([503, { message: 'Service Unavailable' }]);
		expect((await t.rest('GET', '/V1/modules')).status).toBe(200);
		const log = t.sandbox.control.requests({ service: 'magento' });
		expect(log.map((e) => [e.operation, e.status])).toEqual([
			['GetV1Modules', 503],
			['GetV1Modules', 200],
		]);
	});

	it('a latency fault delays the answer', async () => {
		t.sandbox.control.addFaults([
			{ service: 'magento', operation: 'getv1modules', latencyMs: 120, count: 1 },
		]);
		const started = Date.now();
		expect((await t.rest('GET', '/V1/modules')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(100);
	});

	it('"*" matches every magento operation; a fault\'s own message is used', async () => {
		t.sandbox.control.addFaults([
			{
				service: 'magento',
				status: 500,
				count: 2,
				errors: [{ code: 'X', message: 'Database is down' }],
			},
		]);
		expect((await t.rest('GET', '/V1/orders/1')).body).toEqual({ message: 'Database is down' });
		expect((await t.rest('POST', '/V1/carts/')).status).toBe(500);
		expect((await t.rest('POST', '/V1/carts/')).status).toBe(200);
	});
});

describe('reset and state', () => {
	it('GET /__sandbox/state has the magento part; reset empties it', async () => {
		const state = (await t.ctl('GET', '/__sandbox/state')).body.magento;
		expect(state.products.map((p: { sku: string }) => p.sku)).toEqual(['WIDGET', 'GADGET']);
		expect(state.salable).toContainEqual({ sku: 'WIDGET', stockId: 1, qty: 15 });
		await t.ctl('POST', '/__sandbox/reset');
		const empty = t.state();
		expect([empty.products, empty.orders, empty.customers, empty.integrationTokens]).toEqual([
			[],
			[],
			[],
			[TOKEN],
		]);
	});
});
