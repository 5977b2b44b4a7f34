/** Validation against Adobe's schema: the loader, the converted definitions, and the 400s over HTTP. */
import { createMagentoService } from './index';
import { definitionClassName, loadMagentoSchema, RELAXED_REQUIRED } from './schema';
import { parseSearchCriteria } from './searchCriteria';
import { ADDRESS, BASIC_SEED, startMagentoSandbox, type MagentoTestSandbox } from './testing';

describe('the schema file', () => {
	const schema = loadMagentoSchema();

	it('is Adobe 2.4.9, loaded once, with info.description made a string', () => {
		expect(schema.version).toBe('2.4.9');
		expect(loadMagentoSchema()).toBe(schema);
		expect(typeof schema.doc.info.description).toBe('string');
		expect(schema.operation('PUT', '/V1/carts/{cartId}/order').operationId).toBe(
			'PutV1CartsCartIdOrder',
		);
		expect(() => schema.operation('GET', '/V1/no-such-path')).toThrow(/no GET \/V1\/no-such-path/);
	});

	it('names data interfaces as Magento does', () => {
		expect(definitionClassName('quote-data-cart-item-interface')).toBe(
			'Magento\\Quote\\Api\\Data\\CartItemInterface',
		);
		expect(definitionClassName('inventory-api-data-source-item-interface')).toBe(
			'Magento\\InventoryApi\\Api\\Data\\SourceItemInterface',
		);
		expect(definitionClassName('framework-search-criteria-interface')).toBe(
			'Magento\\Framework\\Api\\SearchCriteriaInterface',
		);
	});

	it('accepts a valid body and coerces types as Magento does', () => {
		const op = schema.operation('POST', '/V1/carts/{quoteId}/items');
		const body = { cartItem: { sku: 'WIDGET', qty: '2', quote_id: 5 } };
		expect(schema.validateBody(op, body)).toEqual([]);
		expect(body.cartItem).toEqual({ sku: 'WIDGET', qty: 2, quote_id: '5' });
	});

	it('rejects unknown fields, wrong types and missing required fields', () => {
		const op = schema.operation('POST', '/V1/order/{orderId}/ship');
		const errors = schema.validateBody(op, {
			items: [{ order_item_id: 'first', qty: 1 }],
			tracks: [{ track_number: '1Z999', carrier_code: 'ups' }],
			arguments: { extension_attributes: { source_code: 'default', warehouse: 'x' } },
		});
		expect(errors).toEqual([
			{
				message:
					'Error occurred during "order_item_id" processing. The "first" value\'s ' +
					'type is invalid. The "int" type was expected. Verify and try again.',
			},
			{
				message: '"%fieldName" is required. Enter and try again.',
				parameters: { fieldName: 'tracks[0].title' },
			},
			{
				message: '"%fieldName" is not supported. Correct the field name and try again.',
				parameters: { fieldName: 'Warehouse' },
			},
		]);
		expect(schema.validateBody(schema.operation('POST', '/V1/orders/{id}/comments'), {})).toEqual([
			{
				message: '"%fieldName" is required. Enter and try again.',
				parameters: { fieldName: 'statusHistory' },
			},
		]);
	});

	it('relaxes only the documented required flags', () => {
		expect(Object.keys(RELAXED_REQUIRED).sort()).toEqual([
			'framework-filter',
			'framework-search-criteria-interface',
			'quote-data-address-interface',
		]);
		expect(
			schema.validateDefinition('framework-search-criteria-interface', { page_size: 10 }),
		).toEqual([]);
		expect(
			schema.validateDefinition('framework-search-criteria-interface', {
				filter_groups: [{ filters: [{ field: 'x', condition_type: 'null' }] }],
			}),
		).toEqual([]);
		const { region: _r, region_id: _i, region_code: _c, ...noRegion } = ADDRESS;
		expect(schema.validateDefinition('quote-data-address-interface', noRegion)).toEqual([]);
		const { city: _city, ...noCity } = ADDRESS;
		expect(schema.validateDefinition('quote-data-address-interface', noCity)).toEqual([
			{
				message: '"%fieldName" is required. Enter and try again.',
				parameters: { fieldName: 'city' },
			},
		]);
	});

	it('parses searchCriteria in camelCase and snake_case', () => {
		const q = new URLSearchParams();
		q.append('searchCriteria[filterGroups][0][filters][0][field]', 'status');
		q.append('searchCriteria[filterGroups][0][filters][0][value]', 'pending');
		q.append('search_criteria[sort_orders][0][field]', 'created_at');
		q.append('searchCriteria[pageSize]', '10');
		expect(parseSearchCriteria(q)).toEqual({
			filter_groups: [{ filters: [{ field: 'status', value: 'pending' }] }],
			sort_orders: [{ field: 'created_at' }],
			page_size: '10',
		});
		expect(parseSearchCriteria(new URLSearchParams('searchCriteria'))).toEqual({});
		expect(parseSearchCriteria(new URLSearchParams('other=1'))).toBeUndefined();
	});
});

describe('validation over HTTP', () => {
	let t: MagentoTestSandbox;
	let cartId: number;
	beforeAll(async () => {
		t = await startMagentoSandbox([createMagentoService]);
	});
	afterAll(() => t.close());
	beforeEach(async () => {
		t.sandbox.control.reset();
		t.sandbox.control.seed({ magento: BASIC_SEED });
		cartId = (await t.rest('POST', '/V1/customers/7/carts')).body;
	});

	it('a valid body passes', async () => {
		const r = await t.rest('POST', `/V1/carts/${cartId}/items`, {
			cartItem: { sku: 'WIDGET', qty: 1, quote_id: String(cartId) },
		});
		expect(r.status).toBe(200);
	});

	it("a wrong type is a 400 with Magento's message", async () => {
		const r = await t.rest('POST', `/V1/carts/${cartId}/items`, {
			cartItem: { sku: 'WIDGET', qty: 'two', quote_id: String(cartId) },
		});
		expect(r.status).toBe(400);
		expect(r.body).toEqual({
			message:
				'Error occurred during "qty" processing. The "two" value\'s type ' +
				'is invalid. The "float" type was expected. Verify and try again.',
		});
	});

	it('an unknown field is a 400', async () => {
		const r = await t.rest('POST', `/V1/carts/${cartId}/items`, {
			cartItem: { sku: 'WIDGET', qty: 1, quote_id: String(cartId), colour: 'red' },
		});
		expect(r.status).toBe(400);
		expect(r.body).toEqual({
			message: '"%fieldName" is not supported. Correct the field name and try again.',
			parameters: { fieldName: 'Colour' },
		});
	});

	it('several errors come as "One or more input exceptions have occurred."', async () => {
		const r = await t.rest('POST', `/V1/carts/${cartId}/shipping-information`, {
			addressInformation: {
				shipping_address: { firstname: 'Ada' },
				shipping_carrier_code: 'flatrate',
				shipping_method_code: 'flatrate',
			},
		});
		expect(r.status).toBe(400);
		expect(r.body.message).toBe('One or more input exceptions have occurred.');
		expect(r.body.errors).toContainEqual({
			message: '"%fieldName" is required. Enter and try again.',
			parameters: { fieldName: 'addressInformation.shipping_address.city' },
		});
	});

	it('a missing body parameter is a 400', async () => {
		const r = await t.rest('POST', `/V1/carts/${cartId}/items`, {});
		expect(r.body).toEqual({
			message: '"%fieldName" is required. Enter and try again.',
			parameters: { fieldName: 'cartItem' },
		});
	});

	it('path parameters are typed', async () => {
		const r = await t.rest('GET', '/V1/orders/first');
		expect(r.status).toBe(400);
		expect(r.body.message).toBe(
			'The "first" value\'s type is invalid. The "int" type was expected. Verify and try again.',
		);
	});

	it('the body must be JSON, sent as application/json', async () => {
		const path = `/V1/carts/${cartId}/items`;
		expect(
			(
				await t.rest('POST', path, undefined, {
					rawBody: '{"cartItem":',
					headers: { 'content-type': 'application/json' },
				})
			).body,
		).toEqual({ message: 'Decoding error.' });
		const text = await t.rest('POST', path, undefined, {
			rawBody: 'sku=WIDGET',
			headers: { 'content-type': 'text/plain' },
		});
		expect(text.body).toEqual({
			message: 'Server cannot understand Content-Type HTTP header media type %1',
			parameters: ['text/plain'],
		});
	});

	it('searchCriteria is required on list operations and typed', async () => {
		expect((await t.rest('GET', '/V1/orders')).body).toEqual({
			message: '"%fieldName" is required. Enter and try again.',
			parameters: { fieldName: 'searchCriteria' },
		});
		const bad = await t.rest('GET', '/V1/orders', undefined, {
			query: { 'searchCriteria[pageSize]': 'ten' },
		});
		expect(bad.status).toBe(400);
		expect(bad.body.message).toContain(
			'The "ten" value\'s type is invalid. The "int" type was expected.',
		);
		const unknown = await t.rest('GET', '/V1/orders', undefined, {
			query: { 'searchCriteria[limit]': '5' },
		});
		expect(unknown.body).toEqual({
			message: '"%fieldName" is not supported. Correct the field name and try again.',
			parameters: { fieldName: 'Limit' },
		});
		expect(
			(await t.rest('GET', '/V1/orders', undefined, { query: { searchCriteria: '' } })).status,
		).toBe(200);
	});
});
