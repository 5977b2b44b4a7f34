/** The seed (the README example, errors, atomicity) and the warehouse / shop actions of the control API. */
import fs from 'node:fs';
import path from 'node:path';
import { createMagentoService } from './index';
import {
	BASIC_SEED,
	placeCustomerOrder,
	START,
	startMagentoSandbox,
	TOKEN,
	type MagentoTestSandbox,
} from './testing';

let t: MagentoTestSandbox;
beforeAll(async () => {
	t = await startMagentoSandbox([createMagentoService]);
});
afterAll(() => t.close());
beforeEach(() => {
	t.clock.set(START);
	t.sandbox.control.reset();
});

/** The first ```json block after "## Seed format" in README.md. */
function readmeSeed(): Record<string, unknown> {
	const readme = fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8');
	const section = readme.slice(readme.indexOf('## Seed format'));
	const m = /```json\n([\s\S]*?)\n```/.exec(section);
	if (!m) throw new Error('No seed example in README.md');
	return JSON.parse(m[1]);
}

const salable = (sku: string) =>
	t.state().salable.find((s: { sku: string; stockId: number }) => s.sku === sku && s.stockId === 1)
		?.qty;

describe('seed', () => {
	it('the README example seeds as documented', async () => {
		const r = await t.ctl('POST', '/__sandbox/seed', readmeSeed());
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			ignored: [],
			magento: {
				stores: 1,
				sources: 2,
				stocks: 1,
				products: 3,
				sourceItems: 4,
				customerGroups: 1,
				tierPrices: 1,
				customers: 1,
				orders: [
					{ entityId: 1, incrementId: '000000001', state: 'new', status: 'pending' },
					{ entityId: 2, incrementId: '000000002', state: 'processing', status: 'processing' },
					{ entityId: 3, incrementId: '000000003', state: 'holded', status: 'holded' },
				],
			},
		});
		const state = (await t.ctl('GET', '/__sandbox/state')).body.magento;
		expect(state.orders[0]).toMatchObject({
			created_at: '2026-03-01 09:30:00',
			customer_id: 1,
			payment: { method: 'purchaseorder', po_number: 'PO-2026-0001' },
			grand_total: 78,
		});
		expect(
			state.orders[1].items.map((i: { sku: string; price: number }) => [i.sku, i.price]),
		).toEqual([
			['24-WG02', 92],
			['24-MB01', 30],
		]);
		expect(state.orders[2]).toMatchObject({
			customer_is_guest: 1,
			customer_email: 'gus@example.com',
			shipping_amount: 0,
			hold_before_state: 'new',
		});
		expect(salable('24-MB01')).toBe(116);
		expect(salable('24-WG02')).toBe(7);
		expect((await t.rest('GET', '/V1/modules')).body).toEqual([
			'Magento_Store',
			'Magento_Sales',
			'Magento_Quote',
			'Magento_Inventory',
			'Magento_InventorySalesApi',
		]);
		expect(
			(
				await t.rest(
					'POST',
					'/V1/integration/admin/token',
					{ username: 'admin', password: 'Admin123!' },
					{ token: null },
				)
			).status,
		).toBe(200);
	});

	it('refuses a bad seed with a message naming the field, and changes nothing', async () => {
		t.sandbox.control.seed({ magento: BASIC_SEED });
		const before = t.state();
		const bad = await t.ctl('POST', '/__sandbox/seed', {
			magento: { products: [{ sku: 'NEW', price: 1, stock: { default: 1 } }, { name: 'no sku' }] },
		});
		expect([bad.status, bad.body.error]).toEqual([
			400,
			'magento.products[1].sku must be a non-empty string.',
		]);
		const unknown = await t.ctl('POST', '/__sandbox/seed', { magento: { product: [] } });
		expect(unknown.body.error).toMatch(/^magento: unknown key\(s\) product\./);
		// An order that cannot be placed (stock) fails the whole seed, products of the same seed included.
		const order = await t.ctl('POST', '/__sandbox/seed', {
			magento: {
				products: [{ sku: 'NEW', price: 1 }],
				orders: [{ customerId: 7, items: [{ sku: 'GADGET', qty: 9 }] }],
			},
		});
		expect([order.status, order.body.error]).toEqual([
			400,
			'magento.orders[0]: Not all of your products are available in the requested quantity.',
		]);
		const source = await t.ctl('POST', '/__sandbox/seed', {
			magento: { stocks: [{ stockId: 1, sourceCodes: ['nowhere'] }] },
		});
		expect(source.body.error).toBe(
			'magento.stocks[0].sourceCodes[0] is not a known source (nowhere); seed it under sources.',
		);
		expect(t.state()).toEqual(before);
	});

	it('a seed adds to the state and replaces by key', () => {
		t.sandbox.control.seed({ magento: BASIC_SEED });
		t.sandbox.control.seed({
			magento: {
				products: [{ sku: 'WIDGET', price: 15 }],
				sourceItems: [{ sku: 'WIDGET', sourceCode: 'east', quantity: 1 }],
			},
		});
		const s = t.state();
		expect(s.products.find((p: { sku: string }) => p.sku === 'WIDGET')).toMatchObject({
			price: 15,
			name: 'Widget',
			id: 1,
		});
		expect(salable('WIDGET')).toBe(11);
	});
});

describe('warehouse and shop actions', () => {
	beforeEach(() => {
		t.sandbox.control.seed({ magento: BASIC_SEED });
	});

	it('GET /__sandbox/magento gives the n8n credential values', async () => {
		const r = await t.ctl('GET', '/__sandbox/magento');
		expect(r.body.n8nCredential).toEqual({ host: t.url, accessToken: TOKEN });
		expect(r.body.restBasePaths).toContain('/rest/default/V1');
	});

	it('POST /__sandbox/magento/orders places an order as a shopper would', async () => {
		const r = await t.ctl('POST', '/__sandbox/magento/orders', {
			customerId: 7,
			items: [{ sku: 'WIDGET', qty: 2 }],
			poNumber: 'PO-77',
		});
		expect(r.status).toBe(201);
		expect(r.body.order).toMatchObject({
			increment_id: '000000001',
			state: 'new',
			payment: { po_number: 'PO-77' },
		});
		expect(salable('WIDGET')).toBe(13);
		const bad = await t.ctl('POST', '/__sandbox/magento/orders', {
			customerId: 7,
			items: [{ sku: 'WIDGET', qty: 99 }],
		});
		expect(bad.status).toBe(400);
		expect(t.state().orders).toHaveLength(1);
	});

	it('start fulfilment: new -> processing; with invoice: true the order is paid; refused for a held order', async () => {
		const a = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 1 }]);
		const r = await t.ctl('POST', `/__sandbox/magento/orders/${a}/start-fulfilment`, {
			comment: 'Picking started',
		});
		expect(r.body.order).toMatchObject({
			state: 'processing',
			status: 'processing',
			status_histories: [{ comment: 'Picking started', status: 'processing' }],
		});
		const b = await placeCustomerOrder(t, [{ sku: 'GADGET', qty: 1 }]);
		const paid = await t.ctl('POST', `/__sandbox/magento/orders/000000002/start-fulfilment`, {
			invoice: true,
		});
		expect(paid.body.order).toMatchObject({ entity_id: b, state: 'processing', total_paid: 45 });
		const c = await placeCustomerOrder(t, [{ sku: 'GADGET', qty: 1 }]);
		await t.ctl('POST', `/__sandbox/magento/orders/${c}/hold`);
		const held = await t.ctl('POST', `/__sandbox/magento/orders/${c}/start-fulfilment`, {});
		expect(held.status).toBe(409);
	});

	it("ship lines with tracking by SKU; over-shipping is 409 with Magento's message", async () => {
		const id = await placeCustomerOrder(t, [
			{ sku: 'WIDGET', qty: 3 },
			{ sku: 'GADGET', qty: 1 },
		]);
		const r = await t.ctl('POST', `/__sandbox/magento/orders/${id}/ship`, {
			items: [{ sku: 'WIDGET', qty: 2 }],
			tracks: [{ carrierCode: 'fedex', title: 'FedEx', trackNumber: '7489' }],
			sourceCode: 'east',
		});
		expect(r.status).toBe(200);
		expect(r.body.shipment).toMatchObject({
			total_qty: 2,
			tracks: [{ carrier_code: 'fedex', track_number: '7489' }],
			extension_attributes: { source_code: 'east' },
		});
		expect(r.body.order.items.map((i: { qty_shipped: number }) => i.qty_shipped)).toEqual([2, 0]);
		expect(
			(await t.rest('GET', `/V1/shipment/${r.body.shipment.entity_id}`)).body.tracks[0].title,
		).toBe('FedEx');
		const over = await t.ctl('POST', `/__sandbox/magento/orders/${id}/ship`, {
			items: [{ sku: 'WIDGET', qty: 2 }],
		});
		expect(over.status).toBe(409);
		expect(over.body.error).toContain(
			'The quantity to ship must not be greater than the unshipped quantity for product SKU "WIDGET".',
		);
		const unknown = await t.ctl('POST', `/__sandbox/magento/orders/${id}/ship`, {
			items: [{ sku: 'NOPE', qty: 1 }],
		});
		expect(unknown.status).toBe(400);
	});

	it('cancel releases the reservation; a complete order cannot be canceled (409); unknown order 404', async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'GADGET', qty: 2 }]);
		expect(salable('GADGET')).toBe(1);
		const r = await t.ctl('POST', `/__sandbox/magento/orders/${id}/cancel`);
		expect(r.body.order.state).toBe('canceled');
		expect(salable('GADGET')).toBe(3);
		const done = await placeCustomerOrder(t, [{ sku: 'GADGET', qty: 1 }]);
		await t.ctl('POST', `/__sandbox/magento/orders/${done}/invoice`);
		await t.ctl('POST', `/__sandbox/magento/orders/${done}/ship`, {});
		expect((await t.rest('GET', `/V1/orders/${done}`)).body.state).toBe('complete');
		expect((await t.ctl('POST', `/__sandbox/magento/orders/${done}/cancel`)).status).toBe(409);
		expect((await t.ctl('POST', '/__sandbox/magento/orders/999/cancel')).status).toBe(404);
	});

	it('hold, unhold and comments', async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 1 }]);
		expect((await t.ctl('POST', `/__sandbox/magento/orders/${id}/hold`)).body.order.state).toBe(
			'holded',
		);
		expect((await t.ctl('POST', `/__sandbox/magento/orders/${id}/hold`)).body.error).toBe(
			'A hold action is not available.',
		);
		expect((await t.ctl('POST', `/__sandbox/magento/orders/${id}/unhold`)).body.order.state).toBe(
			'new',
		);
		const c = await t.ctl('POST', `/__sandbox/magento/orders/${id}/comments`, {
			comment: 'Customer called',
			status: 'processing',
		});
		expect(c.body.order).toMatchObject({
			status: 'processing',
			status_histories: [{ comment: 'Customer called' }],
		});
		expect((await t.ctl('POST', `/__sandbox/magento/orders/${id}/comments`, {})).status).toBe(400);
	});

	it('change stock by quantity or delta; the salable quantity follows; below 0 is refused', async () => {
		const delivery = await t.ctl('POST', '/__sandbox/magento/stock', {
			sku: 'WIDGET',
			sourceCode: 'east',
			delta: 10,
		});
		expect(delivery.body).toEqual({
			sourceItems: [{ sku: 'WIDGET', source_code: 'east', quantity: 15, status: 1 }],
			salable: [{ sku: 'WIDGET', stockId: 1, qty: 25 }],
		});
		const count = await t.ctl('POST', '/__sandbox/magento/stock', {
			changes: [
				{ sku: 'GADGET', quantity: 0 },
				{ sku: 'NEWSKU', sourceCode: 'east', quantity: 4 },
			],
		});
		expect(count.body.sourceItems).toEqual([
			{ sku: 'GADGET', source_code: 'default', quantity: 0, status: 0 },
			{ sku: 'NEWSKU', source_code: 'east', quantity: 4, status: 1 },
		]);
		expect((await t.rest('GET', '/V1/inventory/get-product-salable-quantity/GADGET/1')).body).toBe(
			0,
		);
		const below = await t.ctl('POST', '/__sandbox/magento/stock', {
			sku: 'WIDGET',
			sourceCode: 'default',
			delta: -11,
		});
		expect([below.status, below.body.error]).toEqual([
			400,
			'changes[0]: WIDGET at default would go below 0 (-1).',
		]);
		expect(
			(await t.ctl('POST', '/__sandbox/magento/stock', { sku: 'WIDGET', quantity: 1, delta: 1 }))
				.status,
		).toBe(400);
	});
});
