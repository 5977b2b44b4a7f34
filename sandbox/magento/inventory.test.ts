/** MSI: source items, salable quantity, and reservations that follow placed, canceled and shipped orders. */
import { createMagentoService } from './index';
import {
	BASIC_SEED,
	placeCustomerOrder,
	START,
	startMagentoSandbox,
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
	t.sandbox.control.seed({ magento: BASIC_SEED });
});

const salable = async (sku: string, stockId = 1) =>
	(
		await t.rest(
			'GET',
			`/V1/inventory/get-product-salable-quantity/${encodeURIComponent(sku)}/${stockId}`,
		)
	).body;
const reservationSum = (sku: string) =>
	t
		.state()
		.reservations.filter((r: { sku: string }) => r.sku === sku)
		.reduce((s: number, r: { quantity: number }) => s + r.quantity, 0);

describe('GET /V1/inventory/get-product-salable-quantity/{sku}/{stockId}', () => {
	it("is the in-stock quantity of the stock's sources", async () => {
		expect(await salable('WIDGET')).toBe(15);
		expect(await salable('GADGET')).toBe(3);
	});

	it('an unknown SKU is 400, an unknown stock 404, a non-integer stock id 400', async () => {
		const sku = await t.rest('GET', '/V1/inventory/get-product-salable-quantity/NOPE/1');
		expect([sku.status, sku.body]).toEqual([
			400,
			{
				message: 'Following products with requested skus were not found: %1',
				parameters: ['NOPE'],
			},
		]);
		expect(
			(await t.rest('GET', '/V1/inventory/get-product-salable-quantity/WIDGET/9')).status,
		).toBe(404);
		expect(
			(await t.rest('GET', '/V1/inventory/get-product-salable-quantity/WIDGET/one')).status,
		).toBe(400);
	});

	it('leaves out disabled sources, out-of-stock items and the out-of-stock threshold', async () => {
		t.sandbox.control.seed({
			magento: {
				sources: [{ sourceCode: 'east', enabled: false }],
				products: [{ sku: 'GADGET', minQty: 1 }],
			},
		});
		expect(await salable('WIDGET')).toBe(10);
		expect(await salable('GADGET')).toBe(2);
		t.sandbox.control.seed({
			magento: { sourceItems: [{ sku: 'WIDGET', sourceCode: 'default', quantity: 10, status: 0 }] },
		});
		expect(await salable('WIDGET')).toBe(0);
	});
});

describe('reservations', () => {
	it('placing reserves, cancelling releases', async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 6 }]);
		expect(await salable('WIDGET')).toBe(9);
		expect(
			t
				.state()
				.sourceItems.find(
					(s: { sku: string; source_code: string }) =>
						s.sku === 'WIDGET' && s.source_code === 'default',
				).quantity,
		).toBe(10);
		await t.rest('POST', `/V1/orders/${id}/cancel`);
		expect(await salable('WIDGET')).toBe(15);
		expect(reservationSum('WIDGET')).toBe(0);
	});

	it(
		'shipping deducts the source item and compensates the ' +
			'reservation; cancelling the rest releases only the rest',
		async () => {
			const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 6 }]);
			const itemId = (await t.rest('GET', `/V1/orders/${id}`)).body.items[0].item_id;
			await t.rest('POST', `/V1/order/${id}/ship`, { items: [{ order_item_id: itemId, qty: 2 }] });
			expect(await salable('WIDGET')).toBe(9);
			expect(reservationSum('WIDGET')).toBe(-4);
			expect(await t.rest('POST', `/V1/orders/${id}/cancel`)).toMatchObject({ body: true });
			const o = (await t.rest('GET', `/V1/orders/${id}`)).body;
			expect([o.state, o.items[0].qty_shipped, o.items[0].qty_canceled]).toEqual([
				'canceled',
				2,
				4,
			]);
			expect(reservationSum('WIDGET')).toBe(0);
			expect(await salable('WIDGET')).toBe(13);
			expect(
				t
					.state()
					.reservations.map(
						(r: { quantity: number; metadata: { event_type: string } }) =>
							`${r.metadata.event_type} ${r.quantity}`,
					),
			).toEqual(['order_placed -6', 'shipment_created 2', 'order_canceled 4']);
		},
	);

	it('a store whose website has its own stock reserves there', async () => {
		t.sandbox.control.seed({
			magento: {
				stores: [{ code: 'eu', id: 2, websiteCode: 'eu', websiteId: 2, currency: 'EUR' }],
				sources: [{ sourceCode: 'eu-wh' }],
				stocks: [{ stockId: 2, name: 'EU', sourceCodes: ['eu-wh'], websiteCodes: ['eu'] }],
				sourceItems: [{ sku: 'WIDGET', sourceCode: 'eu-wh', quantity: 4 }],
				customers: [
					{ id: 8, email: 'eu@example.com', firstname: 'Eva', lastname: 'Euro', storeCode: 'eu' },
				],
				orders: [
					{
						customerId: 8,
						items: [{ sku: 'WIDGET', qty: 3 }],
						shippingAddress: {
							firstname: 'Eva',
							lastname: 'Euro',
							street: 'Hauptstr. 1',
							city: 'Berlin',
							postcode: '10115',
							country_id: 'DE',
							telephone: '030',
						},
					},
				],
			},
		});
		expect(await salable('WIDGET', 2)).toBe(1);
		expect(await salable('WIDGET', 1)).toBe(15);
	});
});

describe('source items', () => {
	it('GET /V1/inventory/source-items filters with searchCriteria', async () => {
		const r = await t.rest('GET', '/V1/inventory/source-items', undefined, {
			query: {
				'searchCriteria[filterGroups][0][filters][0][field]': 'sku',
				'searchCriteria[filterGroups][0][filters][0][value]': 'WIDGET',
			},
		});
		expect(r.body.items).toEqual([
			{ sku: 'WIDGET', source_code: 'default', quantity: 10, status: 1 },
			{ sku: 'WIDGET', source_code: 'east', quantity: 5, status: 1 },
		]);
		expect(r.body.total_count).toBe(2);
		expect((await t.rest('GET', '/V1/inventory/source-items')).status).toBe(400);
	});

	it('POST /V1/inventory/source-items saves quantities (the salable quantity follows)', async () => {
		const r = await t.rest('POST', '/V1/inventory/source-items', {
			sourceItems: [
				{ sku: 'WIDGET', source_code: 'east', quantity: 20, status: 1 },
				{ sku: 'GADGET', source_code: 'east', quantity: 2, status: 1 },
			],
		});
		expect([r.status, r.body]).toEqual([200, []]);
		expect(await salable('WIDGET')).toBe(30);
		expect(await salable('GADGET')).toBe(5);
	});

	it('POST refuses an empty list, an unknown source, an empty sku, a wrong type', async () => {
		expect((await t.rest('POST', '/V1/inventory/source-items', { sourceItems: [] })).body).toEqual({
			message: 'Input data is empty',
		});
		expect(
			(
				await t.rest('POST', '/V1/inventory/source-items', {
					sourceItems: [{ sku: 'WIDGET', source_code: 'west', quantity: 1, status: 1 }],
				})
			).body,
		).toEqual({
			message: 'Could not save Source Item',
		});
		expect(
			(
				await t.rest('POST', '/V1/inventory/source-items', {
					sourceItems: [{ source_code: 'east', quantity: 1, status: 1 }],
				})
			).body,
		).toEqual({
			message: 'Validation Failed',
			errors: [{ message: '"%field" can not be empty.', parameters: { field: 'sku' } }],
		});
		const type = await t.rest('POST', '/V1/inventory/source-items', {
			sourceItems: [{ sku: 'WIDGET', source_code: 'east', quantity: 'lots', status: 1 }],
		});
		expect(type.status).toBe(400);
		expect(await salable('WIDGET')).toBe(15);
	});

	it('POST /V1/inventory/source-items-delete removes them; an empty list is refused', async () => {
		expect(
			(
				await t.rest('POST', '/V1/inventory/source-items-delete', {
					sourceItems: [{ sku: 'WIDGET', source_code: 'east' }],
				})
			).body,
		).toEqual([]);
		expect(await salable('WIDGET')).toBe(10);
		expect(
			(await t.rest('POST', '/V1/inventory/source-items-delete', { sourceItems: [] })).status,
		).toBe(400);
	});

	it('GET sources and stocks', async () => {
		const sources = await t.rest('GET', '/V1/inventory/sources', undefined, {
			query: { searchCriteria: '' },
		});
		expect(sources.body.items.map((s: { source_code: string }) => s.source_code)).toEqual([
			'default',
			'east',
		]);
		const stocks = await t.rest('GET', '/V1/inventory/stocks', undefined, {
			query: { searchCriteria: '' },
		});
		expect(stocks.body.items).toEqual([
			{
				stock_id: 1,
				name: 'Default Stock',
				extension_attributes: { sales_channels: [{ type: 'website', code: 'base' }] },
			},
		]);
	});
});

describe('catalog and customers (read)', () => {
	it('GET /V1/products/{sku} and GET /V1/customers/{id}; 404 for unknown ones', async () => {
		expect((await t.rest('GET', '/V1/products/WIDGET')).body).toMatchObject({
			sku: 'WIDGET',
			name: 'Widget',
			price: 12.5,
			type_id: 'simple',
			extension_attributes: { stock_item: { qty: 10 } },
		});
		expect((await t.rest('GET', '/V1/products/NOPE')).status).toBe(404);
		expect((await t.rest('GET', '/V1/customers/7')).body).toMatchObject({
			id: 7,
			email: 'ada@example.com',
			addresses: [{ city: 'Austin', default_billing: true }],
		});
		expect((await t.rest('GET', '/V1/customers/99')).status).toBe(404);
	});
});
