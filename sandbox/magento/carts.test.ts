/** The cart flow to place an order: a passing and a failing case for each operation. */
import { createMagentoService } from './index';
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
beforeEach(() => {
	t.clock.set(START);
	t.sandbox.control.reset();
	t.sandbox.control.seed({ magento: BASIC_SEED });
});

const SHIPPING = {
	shipping_address: ADDRESS,
	billing_address: ADDRESS,
	shipping_carrier_code: 'flatrate',
	shipping_method_code: 'flatrate',
};
const item = (cartId: number, sku: string, qty: number) => ({
	cartItem: { sku, qty, quote_id: String(cartId) },
});

async function customerCart(): Promise<number> {
	return (await t.rest('POST', '/V1/customers/7/carts')).body;
}

describe('POST /V1/customers/{customerId}/carts', () => {
	it("creates the customer's cart, and answers the same active cart again", async () => {
		const first = await t.rest('POST', '/V1/customers/7/carts');
		expect(first.status).toBe(200);
		expect(typeof first.body).toBe('number');
		expect((await t.rest('POST', '/V1/customers/7/carts')).body).toBe(first.body);
		const cart = await t.rest('GET', `/V1/carts/${first.body}`);
		expect(cart.body).toMatchObject({
			id: first.body,
			is_active: true,
			customer_is_guest: false,
			customer: { id: 7, email: 'ada@example.com' },
		});
	});

	it('an unknown customer is 404', async () => {
		const r = await t.rest('POST', '/V1/customers/99/carts');
		expect([r.status, r.body]).toEqual([
			404,
			{
				message: 'No such entity with %fieldName = %fieldValue',
				parameters: { fieldName: 'customerId', fieldValue: 99 },
			},
		]);
	});
});

describe('POST /V1/carts/ and PUT /V1/carts/{cartId}', () => {
	it('creates a guest cart and assigns it to a customer', async () => {
		const id = (await t.rest('POST', '/V1/carts/')).body;
		expect((await t.rest('GET', `/V1/carts/${id}`)).body.customer_is_guest).toBe(true);
		const assign = await t.rest('PUT', `/V1/carts/${id}`, { customerId: 7, storeId: 1 });
		expect([assign.status, assign.body]).toEqual([200, true]);
		expect((await t.rest('GET', `/V1/carts/${id}`)).body.customer.id).toBe(7);
		// The cart is the customer's active cart now.
		expect((await t.rest('POST', '/V1/customers/7/carts')).body).toBe(id);
	});

	it('refuses an unknown customer, a cart that is not anonymous, a missing storeId', async () => {
		const id = (await t.rest('POST', '/V1/carts/')).body;
		expect((await t.rest('PUT', `/V1/carts/${id}`, { customerId: 99, storeId: 1 })).status).toBe(
			404,
		);
		await t.rest('PUT', `/V1/carts/${id}`, { customerId: 7, storeId: 1 });
		const again = await t.rest('PUT', `/V1/carts/${id}`, { customerId: 7, storeId: 1 });
		expect([again.status, again.body.message]).toEqual([
			400,
			"The customer can't be assigned to the cart because the cart isn't anonymous.",
		]);
		const missing = await t.rest('PUT', `/V1/carts/${id}`, { customerId: 7 });
		expect(missing.body).toEqual({
			message: '"%fieldName" is required. Enter and try again.',
			parameters: { fieldName: 'storeId' },
		});
	});
});

describe('GET /V1/carts/{cartId}', () => {
	it('answers the cart', async () => {
		const id = await customerCart();
		await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'WIDGET', 2));
		const r = await t.rest('GET', `/V1/carts/${id}`);
		expect(r.body).toMatchObject({
			id,
			items_count: 1,
			items_qty: 2,
			items: [{ sku: 'WIDGET', qty: 2, price: 12.5, quote_id: String(id) }],
		});
	});

	it('an unknown cart is 404', async () => {
		const r = await t.rest('GET', '/V1/carts/999');
		expect([r.status, r.body]).toEqual([
			404,
			{
				message: 'No such entity with %fieldName = %fieldValue',
				parameters: { fieldName: 'cartId', fieldValue: 999 },
			},
		]);
	});
});

describe('cart items', () => {
	it('POST adds a SKU (the same SKU again adds to its quantity); GET lists the items', async () => {
		const id = await customerCart();
		const added = await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'WIDGET', 2));
		expect(added.body).toMatchObject({
			sku: 'WIDGET',
			qty: 2,
			name: 'Widget',
			price: 12.5,
			product_type: 'simple',
			quote_id: String(id),
		});
		const again = await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'WIDGET', 1));
		expect([again.body.item_id, again.body.qty]).toEqual([added.body.item_id, 3]);
		const list = await t.rest('GET', `/V1/carts/${id}/items`);
		expect(list.body.map((i: { sku: string; qty: number }) => [i.sku, i.qty])).toEqual([
			['WIDGET', 3],
		]);
	});

	it(
		'POST refuses an unknown SKU (404), more than the salable ' +
			'quantity, a quantity of 0, a quote_id of another cart',
		async () => {
			const id = await customerCart();
			const unknown = await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'NOPE', 1));
			expect([unknown.status, unknown.body.message]).toEqual([
				404,
				"The product that was requested doesn't exist. Verify the product and try again.",
			]);
			const tooMany = await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'GADGET', 4));
			expect([tooMany.status, tooMany.body.message]).toEqual([
				400,
				'The requested qty is not available',
			]);
			expect(
				(await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'GADGET', 0))).body.message,
			).toBe('Please enter a number greater than 0 in this field.');
			const other = await t.rest('POST', `/V1/carts/${id}/items`, {
				cartItem: { sku: 'GADGET', qty: 1, quote_id: '12345' },
			});
			expect(other.status).toBe(400);
			expect((await t.rest('GET', `/V1/carts/${id}/items`)).body).toEqual([]);
		},
	);

	it('a disabled product cannot be added', async () => {
		t.sandbox.control.seed({ magento: { products: [{ sku: 'GADGET', enabled: false }] } });
		const id = await customerCart();
		expect(
			(await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'GADGET', 1))).body.message,
		).toBe('Product that you are trying to add is not available.');
	});

	it('PUT changes the quantity; an item of another cart is 404', async () => {
		const id = await customerCart();
		const added = (await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'WIDGET', 2))).body;
		const put = await t.rest(
			'PUT',
			`/V1/carts/${id}/items/${added.item_id}`,
			item(id, 'WIDGET', 5),
		);
		expect(put.body.qty).toBe(5);
		const missing = await t.rest('PUT', `/V1/carts/${id}/items/999`, item(id, 'WIDGET', 1));
		expect([missing.status, missing.body]).toEqual([
			404,
			{ message: "The %1 Cart doesn't contain the %2 item.", parameters: [id, 999] },
		]);
	});

	it('DELETE removes an item; an unknown item is 404', async () => {
		const id = await customerCart();
		const added = (await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'WIDGET', 2))).body;
		expect((await t.rest('DELETE', `/V1/carts/${id}/items/${added.item_id}`)).body).toBe(true);
		expect((await t.rest('GET', `/V1/carts/${id}/items`)).body).toEqual([]);
		expect((await t.rest('DELETE', `/V1/carts/${id}/items/${added.item_id}`)).status).toBe(404);
	});
});

describe('POST /V1/carts/{cartId}/shipping-information', () => {
	it('sets addresses and carrier, answers payment methods and totals (flat rate 5.00 per item)', async () => {
		const id = await customerCart();
		await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'WIDGET', 2));
		const r = await t.rest('POST', `/V1/carts/${id}/shipping-information`, {
			addressInformation: SHIPPING,
		});
		expect(r.status).toBe(200);
		expect(r.body.payment_methods).toEqual([
			{ code: 'checkmo', title: 'Check / Money order' },
			{ code: 'purchaseorder', title: 'Purchase Order' },
		]);
		expect(r.body.totals).toMatchObject({
			subtotal: 25,
			shipping_amount: 10,
			grand_total: 35,
			items_qty: 2,
		});
	});

	it('refuses an empty cart and an unknown carrier', async () => {
		const id = await customerCart();
		const empty = await t.rest('POST', `/V1/carts/${id}/shipping-information`, {
			addressInformation: SHIPPING,
		});
		expect(empty.body.message).toBe(
			"The shipping method can't be set for an empty cart. Add an item to cart and try again.",
		);
		await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'WIDGET', 1));
		const carrier = await t.rest('POST', `/V1/carts/${id}/shipping-information`, {
			addressInformation: {
				...SHIPPING,
				shipping_carrier_code: 'ups',
				shipping_method_code: 'GND',
			},
		});
		expect(carrier.body).toEqual({
			message: 'Carrier with such method not found: %1, %2',
			parameters: ['ups', 'GND'],
		});
	});
});

describe('billing address, payment methods, selected payment method, totals', () => {
	it('POST billing-address answers an id; a bad address is 400', async () => {
		const id = await customerCart();
		const r = await t.rest('POST', `/V1/carts/${id}/billing-address`, { address: ADDRESS });
		expect([r.status, typeof r.body]).toEqual([200, 'number']);
		const bad = await t.rest('POST', `/V1/carts/${id}/billing-address`, {
			address: { ...ADDRESS, street: '1 Main Street' },
		});
		expect(bad.status).toBe(400);
	});

	it('GET payment-methods lists the enabled methods; 404 for an unknown cart', async () => {
		const id = await customerCart();
		expect(
			(await t.rest('GET', `/V1/carts/${id}/payment-methods`)).body.map(
				(m: { code: string }) => m.code,
			),
		).toEqual(['checkmo', 'purchaseorder']);
		expect((await t.rest('GET', '/V1/carts/999/payment-methods')).status).toBe(404);
	});

	it(
		'PUT selected-payment-method is used by a later PUT order ' +
			'without paymentMethod; an unavailable method is 400',
		async () => {
			const id = await customerCart();
			await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'WIDGET', 1));
			await t.rest('POST', `/V1/carts/${id}/shipping-information`, {
				addressInformation: SHIPPING,
			});
			const bad = await t.rest('PUT', `/V1/carts/${id}/selected-payment-method`, {
				method: { method: 'paypal_express' },
			});
			expect(bad.body.message).toBe('The requested Payment Method is not available.');
			expect(
				(
					await t.rest('PUT', `/V1/carts/${id}/selected-payment-method`, {
						method: { method: 'checkmo' },
					})
				).status,
			).toBe(200);
			const orderId = (await t.rest('PUT', `/V1/carts/${id}/order`, {})).body;
			expect((await t.rest('GET', `/V1/orders/${orderId}`)).body.payment.method).toBe('checkmo');
		},
	);

	it('GET totals; 404 for an unknown cart', async () => {
		const id = await customerCart();
		await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'GADGET', 2));
		expect((await t.rest('GET', `/V1/carts/${id}/totals`)).body).toMatchObject({
			subtotal: 80,
			grand_total: 80,
		});
		expect((await t.rest('GET', '/V1/carts/999/totals')).status).toBe(404);
	});
});

describe('PUT /V1/carts/{cartId}/order', () => {
	it('places the order with purchaseorder and the PO number; the cart is closed', async () => {
		const orderId = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 2 }], 'PO-4711');
		const order = (await t.rest('GET', `/V1/orders/${orderId}`)).body;
		expect(order).toMatchObject({
			entity_id: orderId,
			increment_id: '000000001',
			state: 'new',
			status: 'pending',
			customer_id: 7,
			customer_email: 'ada@example.com',
			grand_total: 35,
			payment: { method: 'purchaseorder', po_number: 'PO-4711' },
		});
		const cartId = order.quote_id;
		expect((await t.rest('GET', `/V1/carts/${cartId}`)).status).toBe(404);
		// A new cart for the customer is a new one.
		expect((await t.rest('POST', '/V1/customers/7/carts')).body).not.toBe(cartId);
	});

	it('purchaseorder needs po_number; an unknown method is refused; payment is required', async () => {
		const id = await customerCart();
		await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'WIDGET', 1));
		await t.rest('POST', `/V1/carts/${id}/shipping-information`, { addressInformation: SHIPPING });
		expect(
			(await t.rest('PUT', `/V1/carts/${id}/order`, { paymentMethod: { method: 'purchaseorder' } }))
				.body.message,
		).toBe('Purchase order number is a required field.');
		expect(
			(await t.rest('PUT', `/V1/carts/${id}/order`, { paymentMethod: { method: 'banktransfer' } }))
				.body.message,
		).toBe('The requested Payment Method is not available.');
		expect((await t.rest('PUT', `/V1/carts/${id}/order`, {})).body.message).toBe(
			'Enter a valid payment method and try again.',
		);
		expect(
			(await t.rest('PUT', `/V1/carts/${id}/order`, { paymentMethod: { po_number: 'X' } })).body,
		).toEqual({
			message: '"%fieldName" is required. Enter and try again.',
			parameters: { fieldName: 'paymentMethod.method' },
		});
		expect(t.state().orders).toEqual([]);
	});

	it('needs the shipping information first', async () => {
		const id = await customerCart();
		await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'WIDGET', 1));
		const r = await t.rest('PUT', `/V1/carts/${id}/order`, {
			paymentMethod: { method: 'purchaseorder', po_number: 'PO-1' },
		});
		expect([r.status, r.body.message]).toEqual([
			400,
			'The shipping address is missing. Set the address and try again.',
		]);
	});

	it('refuses when the stock went away since the item was added', async () => {
		const id = await customerCart();
		await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'GADGET', 3));
		await t.rest('POST', `/V1/carts/${id}/shipping-information`, { addressInformation: SHIPPING });
		await t.ctl('POST', '/__sandbox/magento/stock', {
			sku: 'GADGET',
			sourceCode: 'default',
			quantity: 1,
		});
		const r = await t.rest('PUT', `/V1/carts/${id}/order`, {
			paymentMethod: { method: 'purchaseorder', po_number: 'PO-1' },
		});
		expect([r.status, r.body.message]).toEqual([
			400,
			'Not all of your products are available in the requested quantity.',
		]);
	});

	it('places a guest order from a guest cart with the email of the addresses', async () => {
		const id = (await t.rest('POST', '/V1/carts/')).body;
		await t.rest('POST', `/V1/carts/${id}/items`, item(id, 'GADGET', 1));
		const guest = { ...ADDRESS, firstname: 'Gus', email: 'gus@example.com' };
		await t.rest('POST', `/V1/carts/${id}/shipping-information`, {
			addressInformation: { ...SHIPPING, shipping_address: guest, billing_address: guest },
		});
		const orderId = (
			await t.rest('PUT', `/V1/carts/${id}/order`, { paymentMethod: { method: 'checkmo' } })
		).body;
		const order = (await t.rest('GET', `/V1/orders/${orderId}`)).body;
		expect(order).toMatchObject({
			customer_is_guest: 1,
			customer_email: 'gus@example.com',
			customer_firstname: 'Gus',
		});
		expect(order.customer_id).toBeUndefined();
	});
});
