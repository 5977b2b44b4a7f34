/**
 * Customer groups and tier prices (catalogTierPriceStorageV1), and the price a cart item gets from
 * them: the Amazon customer's group price reaches the order, its invoice and the totals.
 */
import { createMagentoService } from './index';
import { roundDecimal, scaled } from './prices';
import { loadMagentoSchema } from './schema';
import {
	ADDRESS,
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

const AMAZON = {
	id: 8,
	email: 'amazon@example.com',
	firstname: 'Amazon',
	lastname: 'Vendor',
	group_id: 4,
	addresses: [ADDRESS],
};

beforeEach(() => {
	t.clock.set(START);
	t.sandbox.control.reset();
	t.sandbox.control.seed({
		magento: {
			...BASIC_SEED,
			products: [
				...(BASIC_SEED.products ?? []),
				{ sku: 'AMZ-1', name: 'Amazon item', price: 9.99, stock: { default: 100 } },
			],
			customerGroups: [{ id: 4, code: 'Amazon' }],
			customers: [...(BASIC_SEED.customers ?? []), AMAZON],
		},
	});
});

const schema = loadMagentoSchema();
/** The answer conforms to the operation's 200 schema in Adobe's file. */
function conforms(method: string, path: string, body: unknown): void {
	expect(schema.validateAnswer(schema.operation(method, path), body)).toEqual([]);
}

const ROW =
	'Row ID: SKU = %SKU, Website ID: %websiteId, Customer Group: %customerGroup, Quantity: %qty.';
const fixed = (
	sku: string,
	price: number,
	customer_group = 'Amazon',
	quantity = 1,
	website_id = 0,
) => ({ sku, price, price_type: 'fixed', website_id, customer_group, quantity });
const setPrices = (prices: unknown[]) => t.rest('POST', '/V1/products/tier-prices', { prices });
const info = async (skus: string[]) =>
	(await t.rest('POST', '/V1/products/tier-prices-information', { skus })).body;

describe('a group price through the API reaches the cart, the order and the invoice', () => {
	it('the Amazon customer pays 2.01, a General customer the catalog price 9.99', async () => {
		const set = await setPrices([fixed('AMZ-1', 2.01)]);
		expect([set.status, set.body]).toEqual([200, []]);
		conforms('POST', '/V1/products/tier-prices', set.body);

		const amazonOrder = await placeCustomerOrder(t, [{ sku: 'AMZ-1', qty: 3 }], 'PO-AMZ-1', 8);
		const generalOrder = await placeCustomerOrder(t, [{ sku: 'AMZ-1', qty: 3 }], 'PO-GEN-1', 7);

		const a = (await t.rest('GET', `/V1/orders/${amazonOrder}`)).body;
		expect(a).toMatchObject({
			customer_group_id: 4,
			subtotal: 6.03,
			base_subtotal: 6.03,
			shipping_amount: 15,
			grand_total: 21.03,
			base_grand_total: 21.03,
			total_due: 21.03,
		});
		expect(a.items[0]).toMatchObject({
			sku: 'AMZ-1',
			price: 2.01,
			base_price: 2.01,
			original_price: 9.99,
			base_original_price: 9.99,
			row_total: 6.03,
			base_row_total: 6.03,
			discount_amount: 0,
		});
		expect(a.payment).toMatchObject({ amount_ordered: 21.03, po_number: 'PO-AMZ-1' });

		const g = (await t.rest('GET', `/V1/orders/${generalOrder}`)).body;
		expect(g).toMatchObject({ customer_group_id: 1, subtotal: 29.97, grand_total: 44.97 });
		expect(g.items[0]).toMatchObject({
			price: 9.99,
			base_price: 9.99,
			original_price: 9.99,
			row_total: 29.97,
		});

		const invoiceId = (await t.rest('POST', `/V1/order/${amazonOrder}/invoice`, { capture: true }))
			.body;
		expect(
			t.state().invoices.find((i: { entity_id: number }) => i.entity_id === invoiceId),
		).toMatchObject({
			subtotal: 6.03,
			grand_total: 21.03,
			items: [{ sku: 'AMZ-1', qty: 3, price: 2.01, row_total: 6.03 }],
		});
		expect((await t.rest('GET', `/V1/orders/${amazonOrder}`)).body).toMatchObject({
			total_invoiced: 21.03,
			total_paid: 21.03,
			total_due: 0,
		});
	});

	it('the cart shows the group price at once (items, totals, shipping-information)', async () => {
		await setPrices([fixed('AMZ-1', 2.01)]);
		const cart = (await t.rest('POST', '/V1/customers/8/carts')).body;
		const added = await t.rest('POST', `/V1/carts/${cart}/items`, {
			cartItem: { sku: 'AMZ-1', qty: 2, quote_id: String(cart) },
		});
		expect(added.body).toMatchObject({ sku: 'AMZ-1', qty: 2, price: 2.01 });
		const ship = await t.rest('POST', `/V1/carts/${cart}/shipping-information`, {
			addressInformation: {
				shipping_address: ADDRESS,
				billing_address: ADDRESS,
				shipping_carrier_code: 'freeshipping',
				shipping_method_code: 'freeshipping',
			},
		});
		expect(ship.body.totals).toMatchObject({
			subtotal: 4.02,
			grand_total: 4.02,
			items: [{ price: 2.01, base_price: 2.01, row_total: 4.02 }],
		});
		expect((await t.rest('GET', `/V1/carts/${cart}/totals`)).body).toMatchObject({
			subtotal: 4.02,
			grand_total: 4.02,
		});
	});

	it(
		'a price set after the item was added applies when the order ' +
			'is placed; a guest cart assigned to the customer gets it too',
		async () => {
			const cart = (await t.rest('POST', '/V1/carts/')).body;
			await t.rest('POST', `/V1/carts/${cart}/items`, {
				cartItem: { sku: 'AMZ-1', qty: 1, quote_id: String(cart) },
			});
			expect((await t.rest('GET', `/V1/carts/${cart}/items`)).body[0].price).toBe(9.99);
			await t.rest('PUT', `/V1/carts/${cart}`, { customerId: 8, storeId: 1 });
			expect((await t.rest('GET', `/V1/carts/${cart}/items`)).body[0].price).toBe(9.99);
			await setPrices([fixed('AMZ-1', 2.01)]);
			await t.rest('POST', `/V1/carts/${cart}/shipping-information`, {
				addressInformation: {
					shipping_address: ADDRESS,
					billing_address: ADDRESS,
					shipping_carrier_code: 'flatrate',
					shipping_method_code: 'flatrate',
				},
			});
			await setPrices([fixed('AMZ-1', 1.95)]);
			const order = await t.rest('PUT', `/V1/carts/${cart}/order`, {
				paymentMethod: { method: 'purchaseorder', po_number: 'PO-LATE' },
			});
			expect(order.status).toBe(200);
			expect((await t.rest('GET', `/V1/orders/${order.body}`)).body).toMatchObject({
				customer_group_id: 4,
				subtotal: 1.95,
				grand_total: 6.95,
				items: [{ price: 1.95 }],
			});
		},
	);

	it('a guest (NOT LOGGED IN) gets no Amazon price; a price for ALL GROUPS applies to everyone', async () => {
		await setPrices([fixed('AMZ-1', 2.01), fixed('WIDGET', 11, 'ALL GROUPS')]);
		const cart = (await t.rest('POST', '/V1/carts/')).body;
		await t.rest('POST', `/V1/carts/${cart}/items`, {
			cartItem: { sku: 'AMZ-1', qty: 1, quote_id: String(cart) },
		});
		await t.rest('POST', `/V1/carts/${cart}/items`, {
			cartItem: { sku: 'WIDGET', qty: 1, quote_id: String(cart) },
		});
		expect(
			(await t.rest('GET', `/V1/carts/${cart}/items`)).body.map(
				(i: { sku: string; price: number }) => [i.sku, i.price],
			),
		).toEqual([
			['AMZ-1', 9.99],
			['WIDGET', 11],
		]);
	});
});

describe('which tier applies', () => {
	it('the lowest applicable price: quantity thresholds, group and ALL GROUPS, discounts rounded exactly', async () => {
		const r = await setPrices([
			{
				sku: 'AMZ-1',
				price: 50,
				price_type: 'discount',
				website_id: 0,
				customer_group: 'ALL GROUPS',
				quantity: 2,
			},
			fixed('AMZ-1', 3, 'Amazon', 10),
			fixed('AMZ-1', 9.5, 'General', 1),
		]);
		expect(r.body).toEqual([]);
		const priceFor = async (customerId: number, qty: number) => {
			const cart = (await t.rest('POST', `/V1/customers/${customerId}/carts`)).body;
			const items = (await t.rest('GET', `/V1/carts/${cart}/items`)).body as Array<{
				item_id: number;
			}>;
			for (const i of items) await t.rest('DELETE', `/V1/carts/${cart}/items/${i.item_id}`);
			return (
				await t.rest('POST', `/V1/carts/${cart}/items`, {
					cartItem: { sku: 'AMZ-1', qty, quote_id: String(cart) },
				})
			).body.price;
		};
		expect(await priceFor(7, 1)).toBe(9.5); // General's own price
		expect(await priceFor(7, 2)).toBe(5); // 9.99 × 0.5 = 4.995 → 5.00 (not 4.99)
		expect(await priceFor(8, 1)).toBe(9.99);
		expect(await priceFor(8, 9)).toBe(5);
		expect(await priceFor(8, 10)).toBe(3);
		// Changing the quantity collects the price again.
		const cart = (await t.rest('POST', '/V1/customers/8/carts')).body;
		const item = (await t.rest('GET', `/V1/carts/${cart}/items`)).body[0];
		expect(
			(
				await t.rest('PUT', `/V1/carts/${cart}/items/${item.item_id}`, {
					cartItem: { qty: 1, quote_id: String(cart) },
				})
			).body.price,
		).toBe(9.99);
	});

	it('a discount of 12.5 % on 9.99 is 8.74; a catalog price below the tier price wins', async () => {
		await setPrices([
			{
				sku: 'AMZ-1',
				price: 12.5,
				price_type: 'discount',
				website_id: 0,
				customer_group: 'Amazon',
				quantity: 1,
			},
			fixed('GADGET', 45, 'Amazon'),
		]);
		const order = await placeCustomerOrder(
			t,
			[
				{ sku: 'AMZ-1', qty: 3 },
				{ sku: 'GADGET', qty: 1 },
			],
			'PO-D',
			8,
		);
		const o = (await t.rest('GET', `/V1/orders/${order}`)).body;
		expect(o.items.map((i: Record<string, unknown>) => [i.sku, i.price, i.row_total])).toEqual([
			['AMZ-1', 8.74, 26.22],
			['GADGET', 40, 40],
		]);
		expect(o).toMatchObject({ subtotal: 66.22, grand_total: 86.22 });
	});

	it('seeded and control-API orders are priced the same way (unless the seed gives a price)', async () => {
		await setPrices([fixed('AMZ-1', 2.01)]);
		const r = await t.ctl('POST', '/__sandbox/magento/orders', {
			customerId: 8,
			items: [{ sku: 'AMZ-1', qty: 2 }],
			poNumber: 'PO-CTL',
		});
		expect(r.status).toBe(201);
		expect(r.body.order).toMatchObject({
			subtotal: 4.02,
			items: [{ price: 2.01, original_price: 9.99 }],
		});
		t.sandbox.control.seed({
			magento: {
				orders: [
					{ customerId: 8, items: [{ sku: 'AMZ-1', qty: 1, price: 2.5 }], poNumber: 'PO-SEED' },
				],
			},
		});
		expect(t.state().orders[1]).toMatchObject({
			subtotal: 2.5,
			items: [{ price: 2.5, original_price: 9.99 }],
		});
	});
});

describe('POST /V1/products/tier-prices', () => {
	it('answers an entry per rejected price and writes the others', async () => {
		const r = await setPrices([
			fixed('NOPE', 2, 'Amazon'),
			fixed('AMZ-1', 2.01),
			fixed('WIDGET', 1, 'Resellers'),
			fixed('GADGET', 1, 'Amazon', 1, 1),
			{
				sku: 'GADGET',
				price: 120,
				price_type: 'discount',
				website_id: 0,
				customer_group: 'Amazon',
				quantity: 1,
			},
			{
				sku: 'GADGET',
				price: 1,
				price_type: 'percent',
				website_id: 0,
				customer_group: 'Amazon',
				quantity: 2,
			},
			fixed('GADGET', -1, 'Amazon', 3),
			fixed('GADGET', 1, 'Amazon', 0),
		]);
		expect(r.status).toBe(200);
		expect(r.body).toEqual([
			{ message: `Invalid attribute SKU = %SKU. ${ROW}`, parameters: ['NOPE', '0', 'Amazon', '1'] },
			{
				message: `No such entity with Customer Group = %customerGroup. ${ROW}`,
				parameters: ['WIDGET', '0', 'Resellers', '1'],
			},
			{
				message: `Invalid attribute Website ID = %websiteId. ${ROW}`,
				parameters: ['GADGET', '1', 'Amazon', '1'],
			},
			// The two GADGET prices for Amazon at quantity 1 (websites 1 and 0, one currency) are duplicates of each other.
			{
				message:
					`We found a duplicate website, tier price, customer group and quantity: Customer ` +
					`Group = %customerGroup, Website ID = %websiteId, Quantity = %qty. ${ROW}`,
				parameters: ['GADGET', '0', 'Amazon', '1'],
			},
			{
				message: `Invalid attribute Price = %price. ${ROW}`,
				parameters: ['120', 'GADGET', '0', 'Amazon', '1'],
			},
			{
				message:
					`We found a duplicate website, tier price, customer group and quantity: Customer ` +
					`Group = %customerGroup, Website ID = %websiteId, Quantity = %qty. ${ROW}`,
				parameters: ['GADGET', '1', 'Amazon', '1'],
			},
			{
				message: `Invalid attribute Price Type = %priceType. ${ROW}`,
				parameters: ['percent', 'GADGET', '0', 'Amazon', '2'],
			},
			{
				message: `Invalid attribute Price = %price. ${ROW}`,
				parameters: ['-1', 'GADGET', '0', 'Amazon', '3'],
			},
			{
				message: `Invalid attribute Quantity = %qty. ${ROW}`,
				parameters: ['GADGET', '0', 'Amazon', '0'],
			},
		]);
		conforms('POST', '/V1/products/tier-prices', r.body);
		expect(await info(['NOPE', 'AMZ-1', 'WIDGET', 'GADGET'])).toEqual([
			{
				price: 2.01,
				price_type: 'fixed',
				website_id: 0,
				sku: 'AMZ-1',
				customer_group: 'Amazon',
				quantity: 1,
			},
		]);
	});

	it('the same SKU, group, website and quantity again updates the price (groups by code, any case)', async () => {
		await setPrices([fixed('AMZ-1', 2.01)]);
		expect((await setPrices([fixed('AMZ-1', 1.99, 'amazon')])).body).toEqual([]);
		await setPrices([
			{
				sku: 'AMZ-1',
				price: 10,
				price_type: 'discount',
				website_id: 0,
				customer_group: 'AMAZON',
				quantity: 5,
			},
		]);
		expect(await info(['AMZ-1'])).toEqual([
			{
				price: 1.99,
				price_type: 'fixed',
				website_id: 0,
				sku: 'AMZ-1',
				customer_group: 'Amazon',
				quantity: 1,
			},
			{
				price: 10,
				price_type: 'discount',
				website_id: 0,
				sku: 'AMZ-1',
				customer_group: 'Amazon',
				quantity: 5,
			},
		]);
	});

	it(
		'with the website price scope, a website price beside a ' +
			'website 0 price for the same group and quantity is a duplicate',
		async () => {
			t.sandbox.control.seed({ magento: { priceScope: 'website' } });
			await setPrices([fixed('AMZ-1', 2.01)]);
			const r = await setPrices([
				fixed('AMZ-1', 1.9, 'Amazon', 1, 1),
				fixed('AMZ-1', 1.5, 'Amazon', 1, 7),
			]);
			expect(r.body).toEqual([
				{
					message:
						`We found a duplicate website, tier price, customer group and quantity: Customer ` +
						`Group = %customerGroup, Website ID = %websiteId, Quantity = %qty. ${ROW}`,
					parameters: ['AMZ-1', '0', 'Amazon', '1.0000'],
				},
				{
					message: `Invalid attribute Website ID = %websiteId. ${ROW}`,
					parameters: ['AMZ-1', '7', 'Amazon', '1'],
				},
				{
					message:
						`We found a duplicate website, tier price, customer group and quantity: Customer ` +
						`Group = %customerGroup, Website ID = %websiteId, Quantity = %qty. ${ROW}`,
					parameters: ['AMZ-1', '0', 'Amazon', '1.0000'],
				},
			]);
			// Another quantity is fine for website 1, and the cart of store "default" (website 1) uses it.
			expect((await setPrices([fixed('AMZ-1', 1.9, 'Amazon', 2, 1)])).body).toEqual([]);
			const cart = (await t.rest('POST', '/V1/customers/8/carts')).body;
			expect(
				(
					await t.rest('POST', `/V1/carts/${cart}/items`, {
						cartItem: { sku: 'AMZ-1', qty: 2, quote_id: String(cart) },
					})
				).body.price,
			).toBe(1.9);
		},
	);

	it("refuses invalid bodies with the schema's error shape", async () => {
		const missing = await t.rest('POST', '/V1/products/tier-prices', {});
		expect([missing.status, missing.body]).toEqual([
			400,
			{
				message: '"%fieldName" is required. Enter and try again.',
				parameters: { fieldName: 'prices' },
			},
		]);
		const noSku = await setPrices([
			{ price: 2.01, price_type: 'fixed', website_id: 0, customer_group: 'Amazon', quantity: 1 },
		]);
		expect([noSku.status, noSku.body]).toEqual([
			400,
			{
				message: '"%fieldName" is required. Enter and try again.',
				parameters: { fieldName: 'prices[0].sku' },
			},
		]);
		const wrongType = await setPrices([{ ...fixed('AMZ-1', 2.01), price: 'cheap' }]);
		expect([wrongType.status, wrongType.body]).toEqual([
			400,
			{
				message:
					'Error occurred during "price" processing. The "cheap" value\'s type ' +
					'is invalid. The "float" type was expected. Verify and try again.',
			},
		]);
		const unknownField = await setPrices([{ ...fixed('AMZ-1', 2.01), currency: 'USD' }]);
		expect([unknownField.status, unknownField.body]).toEqual([
			400,
			{
				message: '"%fieldName" is not supported. Correct the field name and try again.',
				parameters: { fieldName: 'Currency' },
			},
		]);
		const notAList = await t.rest('POST', '/V1/products/tier-prices', { prices: { sku: 'AMZ-1' } });
		expect(notAList.status).toBe(400);
		expect(await info(['AMZ-1'])).toEqual([]);
		// Types are coerced as Magento does.
		expect(
			(
				await setPrices([
					{
						sku: 'AMZ-1',
						price: '2.01',
						price_type: 'fixed',
						website_id: '0',
						customer_group: 'Amazon',
						quantity: '1',
					},
				])
			).body,
		).toEqual([]);
		expect(await info(['AMZ-1'])).toEqual([
			{
				price: 2.01,
				price_type: 'fixed',
				website_id: 0,
				sku: 'AMZ-1',
				customer_group: 'Amazon',
				quantity: 1,
			},
		]);
	});

	it('needs the token', async () => {
		const r = await t.rest('POST', '/V1/products/tier-prices', { prices: [] }, { token: null });
		expect([r.status, r.body]).toEqual([
			401,
			{
				message: "The consumer isn't authorized to access %resources.",
				parameters: { resources: 'Magento_Catalog::catalog' },
			},
		]);
	});
});

describe('information, replace and delete', () => {
	it('POST /V1/products/tier-prices-information answers the stored prices of the known SKUs', async () => {
		await setPrices([
			fixed('AMZ-1', 2.01),
			fixed('WIDGET', 11, 'ALL GROUPS', 5),
			{
				sku: 'GADGET',
				price: 15,
				price_type: 'discount',
				website_id: 0,
				customer_group: 'Wholesale',
				quantity: 2.5,
			},
		]);
		const r = await t.rest('POST', '/V1/products/tier-prices-information', {
			skus: ['WIDGET', 'GADGET', 'NOPE', 'AMZ-1'],
		});
		expect(r.status).toBe(200);
		expect(r.body).toEqual([
			{
				price: 2.01,
				price_type: 'fixed',
				website_id: 0,
				sku: 'AMZ-1',
				customer_group: 'Amazon',
				quantity: 1,
			},
			{
				price: 11,
				price_type: 'fixed',
				website_id: 0,
				sku: 'WIDGET',
				customer_group: 'all groups',
				quantity: 5,
			},
			{
				price: 15,
				price_type: 'discount',
				website_id: 0,
				sku: 'GADGET',
				customer_group: 'Wholesale',
				quantity: 2.5,
			},
		]);
		conforms('POST', '/V1/products/tier-prices-information', r.body);
		expect(
			(await t.rest('POST', '/V1/products/tier-prices-information', { skus: ['NOPE'] })).body,
		).toEqual([]);
		const missing = await t.rest('POST', '/V1/products/tier-prices-information', {});
		expect([missing.status, missing.body]).toEqual([
			400,
			{
				message: '"%fieldName" is required. Enter and try again.',
				parameters: { fieldName: 'skus' },
			},
		]);
		// The product answers them as ProductTierPriceInterface (ALL GROUPS is group 32000).
		expect((await t.rest('GET', '/V1/products/GADGET')).body.tier_prices).toEqual([
			{
				customer_group_id: 2,
				qty: 2.5,
				value: 34,
				extension_attributes: { percentage_value: 15, website_id: 0 },
			},
		]);
		expect((await t.rest('GET', '/V1/products/WIDGET')).body.tier_prices).toEqual([
			{ customer_group_id: 32000, qty: 5, value: 11, extension_attributes: { website_id: 0 } },
		]);
	});

	it('PUT /V1/products/tier-prices replaces the prices of the SKUs it names', async () => {
		await setPrices([
			fixed('AMZ-1', 2.01),
			fixed('AMZ-1', 1.9, 'Amazon', 10),
			fixed('WIDGET', 11, 'ALL GROUPS'),
		]);
		const r = await t.rest('PUT', '/V1/products/tier-prices', {
			prices: [fixed('AMZ-1', 2.05), fixed('NOPE', 1)],
		});
		expect(r.status).toBe(200);
		expect(r.body).toEqual([
			{ message: `Invalid attribute SKU = %SKU. ${ROW}`, parameters: ['NOPE', '0', 'Amazon', '1'] },
		]);
		conforms('PUT', '/V1/products/tier-prices', r.body);
		expect(await info(['AMZ-1', 'WIDGET'])).toEqual([
			{
				price: 11,
				price_type: 'fixed',
				website_id: 0,
				sku: 'WIDGET',
				customer_group: 'all groups',
				quantity: 1,
			},
			{
				price: 2.05,
				price_type: 'fixed',
				website_id: 0,
				sku: 'AMZ-1',
				customer_group: 'Amazon',
				quantity: 1,
			},
		]);
	});

	it(
		'POST /V1/products/tier-prices-delete removes the matching ' +
			'prices; a price that matches none removes nothing',
		async () => {
			await setPrices([fixed('AMZ-1', 2.01), fixed('AMZ-1', 1.9, 'Amazon', 10)]);
			const wrongValue = await t.rest('POST', '/V1/products/tier-prices-delete', {
				prices: [fixed('AMZ-1', 2.5)],
			});
			expect([wrongValue.status, wrongValue.body]).toEqual([200, []]);
			expect(await info(['AMZ-1'])).toHaveLength(2);
			const r = await t.rest('POST', '/V1/products/tier-prices-delete', {
				prices: [fixed('AMZ-1', 2.01, 'amazon'), fixed('AMZ-1', 1, 'Nobody')],
			});
			expect(r.body).toEqual([
				{
					message: `No such entity with Customer Group = %customerGroup. ${ROW}`,
					parameters: ['AMZ-1', '0', 'Nobody', '1'],
				},
			]);
			conforms('POST', '/V1/products/tier-prices-delete', r.body);
			expect(await info(['AMZ-1'])).toEqual([
				{
					price: 1.9,
					price_type: 'fixed',
					website_id: 0,
					sku: 'AMZ-1',
					customer_group: 'Amazon',
					quantity: 10,
				},
			]);
			// Back to the catalog price for a small order.
			const order = await placeCustomerOrder(t, [{ sku: 'AMZ-1', qty: 1 }], 'PO-AFTER-DELETE', 8);
			expect((await t.rest('GET', `/V1/orders/${order}`)).body.items[0].price).toBe(9.99);
			const invalid = await t.rest('POST', '/V1/products/tier-prices-delete', {
				prices: [{ sku: 'AMZ-1' }],
			});
			expect(invalid.status).toBe(400);
		},
	);

	it('GET on the tier-prices path is the product lookup, as in Magento', async () => {
		const r = await t.rest('GET', '/V1/products/tier-prices');
		expect([r.status, r.body.message]).toEqual([
			404,
			"The product that was requested doesn't exist. Verify the product and try again.",
		]);
		expect((await t.rest('DELETE', '/V1/products/tier-prices')).body).toEqual({
			message: 'Request does not match any route.',
		});
	});
});

describe('customer groups', () => {
	it('GET /V1/customerGroups/{id}, /search and /default', async () => {
		const g = await t.rest('GET', '/V1/customerGroups/4');
		expect([g.status, g.body]).toEqual([
			200,
			{ id: 4, code: 'Amazon', tax_class_id: 3, tax_class_name: 'Retail Customer' },
		]);
		conforms('GET', '/V1/customerGroups/{id}', g.body);
		const missing = await t.rest('GET', '/V1/customerGroups/99');
		expect([missing.status, missing.body]).toEqual([
			404,
			{
				message: 'No such entity with %fieldName = %fieldValue',
				parameters: { fieldName: 'id', fieldValue: 99 },
			},
		]);

		const all = await t.rest('GET', '/V1/customerGroups/search', undefined, {
			query: { 'searchCriteria[pageSize]': 10 },
		});
		expect(all.body.items.map((x: { code: string }) => x.code)).toEqual([
			'NOT LOGGED IN',
			'General',
			'Wholesale',
			'Retailer',
			'Amazon',
		]);
		expect(all.body.total_count).toBe(5);
		conforms('GET', '/V1/customerGroups/search', all.body);
		const byCode = await t.rest('GET', '/V1/customerGroups/search', undefined, {
			query: {
				'searchCriteria[filterGroups][0][filters][0][field]': 'code',
				'searchCriteria[filterGroups][0][filters][0][value]': 'amazon',
			},
		});
		expect(byCode.body.items).toEqual([
			{ id: 4, code: 'Amazon', tax_class_id: 3, tax_class_name: 'Retail Customer' },
		]);

		expect((await t.rest('GET', '/V1/customerGroups/default')).body).toEqual({
			id: 1,
			code: 'General',
			tax_class_id: 3,
			tax_class_name: 'Retail Customer',
		});
		expect((await t.rest('GET', '/V1/customerGroups/default/1')).body.code).toBe('General');
		expect((await t.rest('GET', '/V1/customerGroups/default/9')).status).toBe(404);
		// The customer carries its group.
		expect((await t.rest('GET', '/V1/customers/8')).body.group_id).toBe(4);
		expect((await t.rest('GET', '/V1/customers/7')).body.group_id).toBe(1);
	});
});

describe('seed, state and reset', () => {
	it('the state shows groups and tier prices, a seed sets them, reset clears them', async () => {
		await setPrices([fixed('AMZ-1', 2.01)]);
		t.sandbox.control.seed({ magento: { tierPrices: [fixed('WIDGET', 10.5, 'General', 2)] } });
		const s = t.state();
		expect(s.priceScope).toBe('global');
		expect(s.customerGroups).toContainEqual({
			id: 4,
			code: 'Amazon',
			tax_class_id: 3,
			tax_class_name: 'Retail Customer',
		});
		expect(s.tierPrices).toEqual([
			{
				price: 2.01,
				price_type: 'fixed',
				website_id: 0,
				sku: 'AMZ-1',
				customer_group: 'Amazon',
				quantity: 1,
			},
			{
				price: 10.5,
				price_type: 'fixed',
				website_id: 0,
				sku: 'WIDGET',
				customer_group: 'General',
				quantity: 2,
			},
		]);
		t.sandbox.control.reset();
		expect(t.state().tierPrices).toEqual([]);
		expect(t.state().customerGroups.map((g: { code: string }) => g.code)).toEqual([
			'NOT LOGGED IN',
			'General',
			'Wholesale',
			'Retailer',
		]);
	});

	it('a seed with a price Magento would reject, an unknown group or a clashing code fails as a whole', async () => {
		const bad = await t.ctl('POST', '/__sandbox/seed', {
			magento: {
				products: [{ sku: 'NEW', price: 5 }],
				tierPrices: [fixed('NEW', 1), fixed('AMZ-1', 1, 'Amazon', 1, 1)],
			},
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error).toBe(
			'magento.tierPrices: Invalid attribute Website ID = 1. Row ID: ' +
				'SKU = AMZ-1, Website ID: 1, Customer Group: Amazon, Quantity: 1.',
		);
		expect(t.state().products.some((p: { sku: string }) => p.sku === 'NEW')).toBe(false);
		const typo = await t.ctl('POST', '/__sandbox/seed', {
			magento: { tierPrices: [{ ...fixed('AMZ-1', 1), qty: 1 }] },
		});
		expect([typo.status, typo.body.error]).toEqual([
			400,
			'magento.tierPrices[0] has unknown field(s) qty; a tier price is ' +
				'{ price, price_type, website_id, sku, customer_group, quantity }.',
		]);
		const group = await t.ctl('POST', '/__sandbox/seed', {
			magento: {
				customers: [{ email: 'x@example.com', firstname: 'X', lastname: 'Y', groupId: 12 }],
			},
		});
		expect([group.status, group.body.error]).toEqual([
			400,
			'magento.customers[0].groupId is not a known customer group (12); seed it under customerGroups.',
		]);
		const clash = await t.ctl('POST', '/__sandbox/seed', {
			magento: { customerGroups: [{ id: 5, code: 'amazon' }] },
		});
		expect([clash.status, clash.body.error]).toEqual([
			400,
			'magento.customerGroups[0].code amazon is already the code of customer group 4.',
		]);
		const scope = await t.ctl('POST', '/__sandbox/seed', { magento: { priceScope: 'store' } });
		expect([scope.status, scope.body.error]).toEqual([
			400,
			'magento.priceScope must be "global" or "website".',
		]);
	});
});

describe('exact money and the answer check', () => {
	it("rounds decimals as PHP does, from the numbers' decimal form", () => {
		expect(roundDecimal(4.995, 2)).toBe(5);
		expect(roundDecimal(1.005, 2)).toBe(1.01);
		expect(roundDecimal(2.0123456, 6)).toBe(2.012346);
		expect(roundDecimal(1e-7, 6)).toBe(0);
		expect(roundDecimal(5e-7, 6)).toBe(0.000001);
		expect(scaled(1.5e21, 0)).toBe(1500000000000000000000n);
		expect(scaled(-2.345, 2)).toBe(-235n);
	});

	it('validateAnswer checks types without coercing them', () => {
		const op = schema.operation('POST', '/V1/products/tier-prices');
		expect(schema.validateAnswer(op, [{ message: 'x', parameters: ['1'] }])).toEqual([]);
		expect(schema.validateAnswer(op, [{ message: 'x' }])).toEqual([
			{
				message: '"%fieldName" is required. Enter and try again.',
				parameters: { fieldName: '[0].parameters' },
			},
		]);
		expect(schema.validateAnswer(op, [{ message: 'x', parameters: [1] }])).toHaveLength(1);
	});
});
