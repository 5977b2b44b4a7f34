/** Orders: GET one and the list with searchCriteria, hold / unhold / cancel, comments, invoices and states. */
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

const order = async (id: number) => (await t.rest('GET', `/V1/orders/${id}`)).body;
const salable = async (sku: string) =>
	(await t.rest('GET', `/V1/inventory/get-product-salable-quantity/${sku}/1`)).body;

describe('GET /V1/orders/{id}', () => {
	it("answers the fields n8n's Magento 2 node and templates read", async () => {
		const id = await placeCustomerOrder(t, [
			{ sku: 'WIDGET', qty: 2 },
			{ sku: 'GADGET', qty: 1 },
		]);
		const o = await order(id);
		expect(o).toMatchObject({
			entity_id: id,
			increment_id: '000000001',
			state: 'new',
			status: 'pending',
			created_at: '2026-03-02 12:00:00',
			customer_id: 7,
			customer_email: 'ada@example.com',
			customer_firstname: 'Ada',
			customer_lastname: 'Buyer',
			customer_is_guest: 0,
			store_id: 1,
			order_currency_code: 'USD',
			subtotal: 65,
			shipping_amount: 15,
			grand_total: 80,
			base_grand_total: 80,
			total_qty_ordered: 3,
			total_item_count: 2,
			shipping_description: 'Flat Rate - Fixed',
			billing_address: {
				address_type: 'billing',
				firstname: 'Ada',
				city: 'Austin',
				street: ['1 Main Street'],
				country_id: 'US',
			},
			payment: {
				method: 'purchaseorder',
				po_number: 'PO-1001',
				account_status: null,
				cc_last4: null,
				additional_information: ['Purchase Order'],
			},
			status_histories: [],
		});
		expect(
			o.items.map((i: Record<string, unknown>) => [
				i.sku,
				i.name,
				i.qty_ordered,
				i.qty_shipped,
				i.qty_canceled,
				i.qty_invoiced,
				i.price,
				i.row_total,
				i.order_id,
			]),
		).toEqual([
			['WIDGET', 'Widget', 2, 0, 0, 0, 12.5, 25, id],
			['GADGET', 'Gadget', 1, 0, 0, 0, 40, 40, id],
		]);
		const assignment = o.extension_attributes.shipping_assignments[0];
		expect(assignment.shipping).toMatchObject({
			method: 'flatrate_flatrate',
			address: { address_type: 'shipping', postcode: '78701' },
			total: { shipping_amount: 15 },
		});
		expect(assignment.items).toHaveLength(2);
	});

	it('an unknown order is 404', async () => {
		const r = await t.rest('GET', '/V1/orders/42');
		expect([r.status, r.body]).toEqual([
			404,
			{ message: "The entity that was requested doesn't exist. Verify the entity and try again." },
		]);
	});
});

describe('GET /V1/orders with searchCriteria', () => {
	beforeEach(async () => {
		await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 1 }], 'PO-A');
		t.clock.advance(3600_000);
		await placeCustomerOrder(t, [{ sku: 'GADGET', qty: 1 }], 'PO-B');
		t.clock.advance(3600_000);
		await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 2 }], 'PO-C');
		await t.rest('POST', '/V1/orders/2/hold');
	});
	const q = (params: Record<string, string | number>) =>
		t.rest('GET', '/V1/orders', undefined, { query: params });
	const ids = (r: { body: { items: Array<{ entity_id: number }> } }) =>
		r.body.items.map((o) => o.entity_id);

	it('filters (eq), echoes the criteria and counts', async () => {
		const r = await q({
			'searchCriteria[filterGroups][0][filters][0][field]': 'status',
			'searchCriteria[filterGroups][0][filters][0][value]': 'pending',
		});
		expect(ids(r)).toEqual([1, 3]);
		expect(r.body.total_count).toBe(2);
		expect(r.body.search_criteria).toEqual({
			filter_groups: [{ filters: [{ field: 'status', value: 'pending' }] }],
		});
	});

	it("ORs filters in a group, ANDs groups; in, like, gteq on dates; n8n's snake_case keys", async () => {
		const or = await q({
			'search_criteria[filter_groups][0][filters][0][field]': 'status',
			'search_criteria[filter_groups][0][filters][0][value]': 'holded',
			'search_criteria[filter_groups][0][filters][1][field]': 'increment_id',
			'search_criteria[filter_groups][0][filters][1][value]': '000000003',
		});
		expect(ids(or)).toEqual([2, 3]);
		const and = await q({
			'searchCriteria[filterGroups][0][filters][0][field]': 'entity_id',
			'searchCriteria[filterGroups][0][filters][0][value]': '1,2,3',
			'searchCriteria[filterGroups][0][filters][0][conditionType]': 'in',
			'searchCriteria[filterGroups][1][filters][0][field]': 'created_at',
			'searchCriteria[filterGroups][1][filters][0][value]': '2026-03-02 13:00:00',
			'searchCriteria[filterGroups][1][filters][0][conditionType]': 'gteq',
			'searchCriteria[filterGroups][2][filters][0][field]': 'customer_email',
			'searchCriteria[filterGroups][2][filters][0][value]': '%@example.com',
			'searchCriteria[filterGroups][2][filters][0][conditionType]': 'like',
		});
		expect(ids(and)).toEqual([2, 3]);
	});

	it('an unknown condition type is an equality, as Magento\'s MySQL adapter makes it (n8n offers "lte")', async () => {
		const r = await q({
			'searchCriteria[filterGroups][0][filters][0][field]': 'entity_id',
			'searchCriteria[filterGroups][0][filters][0][value]': '2',
			'searchCriteria[filterGroups][0][filters][0][conditionType]': 'lte',
		});
		expect(ids(r)).toEqual([2]);
	});

	it("sorts and pages; a page past the end answers the last page again (Magento's clamp)", async () => {
		const base = {
			'searchCriteria[sortOrders][0][field]': 'created_at',
			'searchCriteria[sortOrders][0][direction]': 'DESC',
			'searchCriteria[pageSize]': 2,
		};
		expect(ids(await q({ ...base, 'searchCriteria[currentPage]': 1 }))).toEqual([3, 2]);
		const page2 = await q({ ...base, 'searchCriteria[currentPage]': 2 });
		expect([ids(page2), page2.body.total_count]).toEqual([[1], 3]);
		expect(ids(await q({ ...base, 'searchCriteria[currentPage]': 5 }))).toEqual([1]);
	});

	it('an unknown column or sort direction is 400', async () => {
		const col = await q({
			'searchCriteria[filterGroups][0][filters][0][field]': 'po',
			'searchCriteria[filterGroups][0][filters][0][value]': 'x',
		});
		expect(col.status).toBe(400);
		expect(col.body.parameters).toEqual(['main_table.po']);
		const dir = await q({
			'searchCriteria[sortOrders][0][field]': 'created_at',
			'searchCriteria[sortOrders][0][direction]': 'UP',
		});
		expect(dir.status).toBe(400);
	});
});

describe('hold and unhold', () => {
	it('hold keeps the state it had; unhold restores it', async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 1 }]);
		expect((await t.rest('POST', `/V1/orders/${id}/hold`)).body).toBe(true);
		expect(await order(id)).toMatchObject({
			state: 'holded',
			status: 'holded',
			hold_before_state: 'new',
			hold_before_status: 'pending',
		});
		expect((await t.rest('POST', `/V1/orders/${id}/unhold`)).body).toBe(true);
		const o = await order(id);
		expect([o.state, o.status, o.hold_before_state]).toEqual(['new', 'pending', undefined]);
	});

	it('hold twice, unhold when not held, unknown order', async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 1 }]);
		expect((await t.rest('POST', `/V1/orders/${id}/unhold`)).body).toEqual({
			message: 'You cannot remove the hold.',
		});
		await t.rest('POST', `/V1/orders/${id}/hold`);
		const twice = await t.rest('POST', `/V1/orders/${id}/hold`);
		expect([twice.status, twice.body]).toEqual([
			400,
			{ message: 'A hold action is not available.' },
		]);
		expect((await t.rest('POST', '/V1/orders/99/hold')).status).toBe(404);
	});
});

describe('POST /V1/orders/{id}/cancel', () => {
	it('cancels, answers true and releases the reservation', async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 4 }]);
		expect(await salable('WIDGET')).toBe(11);
		const r = await t.rest('POST', `/V1/orders/${id}/cancel`);
		expect([r.status, r.body]).toEqual([200, true]);
		const o = await order(id);
		expect([o.state, o.status, o.items[0].qty_canceled, o.total_canceled]).toEqual([
			'canceled',
			'canceled',
			4,
			70,
		]);
		expect(await salable('WIDGET')).toBe(15);
		expect(
			t
				.state()
				.reservations.map((x: { quantity: number; metadata: { event_type: string } }) => [
					x.metadata.event_type,
					x.quantity,
				]),
		).toEqual([
			['order_placed', -4],
			['order_canceled', 4],
		]);
	});

	it('answers false (and changes nothing) for a canceled or held order; 404 for an unknown one', async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 1 }]);
		await t.rest('POST', `/V1/orders/${id}/hold`);
		expect((await t.rest('POST', `/V1/orders/${id}/cancel`)).body).toBe(false);
		expect((await order(id)).state).toBe('holded');
		await t.rest('POST', `/V1/orders/${id}/unhold`);
		await t.rest('POST', `/V1/orders/${id}/cancel`);
		expect((await t.rest('POST', `/V1/orders/${id}/cancel`)).body).toBe(false);
		expect(t.state().reservations).toHaveLength(2);
		expect((await t.rest('POST', '/V1/orders/99/cancel')).status).toBe(404);
	});
});

describe('order comments', () => {
	it("POST adds a comment (its status becomes the order's status); GET lists them", async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 1 }]);
		const body = {
			statusHistory: {
				comment: 'Picked by the warehouse',
				is_customer_notified: 0,
				is_visible_on_front: 0,
				parent_id: id,
			},
		};
		expect((await t.rest('POST', `/V1/orders/${id}/comments`, body)).body).toBe(true);
		t.clock.advance(60_000);
		await t.rest('POST', `/V1/orders/${id}/comments`, {
			statusHistory: { ...body.statusHistory, comment: 'Awaiting stock', status: 'fraud' },
		});
		const list = await t.rest('GET', `/V1/orders/${id}/comments`);
		expect(list.body.total_count).toBe(2);
		expect(
			list.body.items.map((c: { comment: string; status: string }) => [c.comment, c.status]),
		).toEqual([
			['Picked by the warehouse', 'pending'],
			['Awaiting stock', 'fraud'],
		]);
		const o = await order(id);
		expect(o.status).toBe('fraud');
		expect(o.status_histories[0]).toMatchObject({
			comment: 'Awaiting stock',
			entity_name: 'order',
			parent_id: id,
			created_at: '2026-03-02 12:01:00',
		});
	});

	it('a comment without parent_id is 400; an unknown order 404', async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 1 }]);
		const missing = await t.rest('POST', `/V1/orders/${id}/comments`, {
			statusHistory: { comment: 'x', is_customer_notified: 0, is_visible_on_front: 0 },
		});
		expect(missing.body).toEqual({
			message: '"%fieldName" is required. Enter and try again.',
			parameters: { fieldName: 'statusHistory.parent_id' },
		});
		expect((await t.rest('GET', '/V1/orders/99/comments')).status).toBe(404);
	});
});

describe('POST /V1/order/{orderId}/invoice and the order states', () => {
	it('an invoice moves new to processing; invoiced and shipped in full is complete', async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 2 }]);
		const inv = await t.rest('POST', `/V1/order/${id}/invoice`, { capture: true });
		expect([inv.status, typeof inv.body]).toEqual([200, 'number']);
		expect(await order(id)).toMatchObject({
			state: 'processing',
			status: 'processing',
			total_invoiced: 35,
			total_paid: 35,
			total_due: 0,
		});
		await t.rest('POST', `/V1/order/${id}/ship`, {});
		expect(await order(id)).toMatchObject({ state: 'complete', status: 'complete' });
	});

	it('a fully invoiced order cannot be invoiced again; more than ordered is refused', async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 2 }]);
		const itemId = (await order(id)).items[0].item_id;
		const over = await t.rest('POST', `/V1/order/${id}/invoice`, {
			items: [{ order_item_id: itemId, qty: 3 }],
		});
		// As Magento's validator: the refused line adds nothing, so "without products" follows.
		expect(over.body.message).toBe(
			'Invoice Document Validation Error(s):\nThe quantity to invoice must not ' +
				'be greater than the uninvoiced quantity for product SKU "WIDGET".\nThe ' +
				"invoice can't be created without products. Add products and try again.",
		);
		await t.rest('POST', `/V1/order/${id}/invoice`, {});
		const again = await t.rest('POST', `/V1/order/${id}/invoice`, {});
		expect([again.status, again.body.message]).toEqual([
			400,
			'Invoice Document Validation Error(s):\nThe order does not allow an invoice to be ' +
				"created.\nThe invoice can't be created without products. Add products and try again.",
		]);
	});
});
