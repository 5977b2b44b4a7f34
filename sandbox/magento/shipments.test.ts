/** POST /V1/order/{orderId}/ship: partial shipments with tracks, MSI source deduction, hold blocks shipping. */
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
const sourceQty = (sku: string, source: string) =>
	t
		.state()
		.sourceItems.find(
			(s: { sku: string; source_code: string }) => s.sku === sku && s.source_code === source,
		)?.quantity;
const UPS = {
	track_number: '1Z999AA10123456784',
	title: 'United Parcel Service',
	carrier_code: 'ups',
};

async function orderWithLines(): Promise<{ id: number; widget: number; gadget: number }> {
	const id = await placeCustomerOrder(t, [
		{ sku: 'WIDGET', qty: 4 },
		{ sku: 'GADGET', qty: 2 },
	]);
	const items = (await order(id)).items;
	return { id, widget: items[0].item_id, gadget: items[1].item_id };
}

describe('partial shipments', () => {
	it('ships some lines with tracking: qty_shipped, processing, source deducted, salable unchanged', async () => {
		const { id, widget } = await orderWithLines();
		expect(await salable('WIDGET')).toBe(11);
		const r = await t.rest('POST', `/V1/order/${id}/ship`, {
			items: [{ order_item_id: widget, qty: 3 }],
			tracks: [UPS],
			comment: { comment: 'First parcel', is_visible_on_front: 0 },
			notify: true,
			appendComment: true,
		});
		expect(r.status).toBe(200);
		expect(typeof r.body).toBe('number');
		const o = await order(id);
		expect([o.state, o.status]).toEqual(['processing', 'processing']);
		expect(
			o.items.map((i: { sku: string; qty_shipped: number }) => [i.sku, i.qty_shipped]),
		).toEqual([
			['WIDGET', 3],
			['GADGET', 0],
		]);
		expect(sourceQty('WIDGET', 'default')).toBe(7);
		expect(await salable('WIDGET')).toBe(11);
		expect(t.state().reservations.at(-1)).toMatchObject({
			sku: 'WIDGET',
			quantity: 3,
			metadata: { event_type: 'shipment_created', object_type: 'order', object_id: String(id) },
		});

		const shipment = await t.rest('GET', `/V1/shipment/${r.body}`);
		expect(shipment.body).toMatchObject({
			entity_id: r.body,
			order_id: id,
			total_qty: 3,
			items: [{ sku: 'WIDGET', qty: 3, order_item_id: widget }],
			tracks: [
				{ track_number: UPS.track_number, title: UPS.title, carrier_code: 'ups', order_id: id },
			],
			comments: [{ comment: 'First parcel', is_customer_notified: 1 }],
			extension_attributes: { source_code: 'default' },
		});
	});

	it('a second shipment without items ships the rest; complete once invoiced too', async () => {
		const { id, widget } = await orderWithLines();
		await t.rest('POST', `/V1/order/${id}/ship`, { items: [{ order_item_id: widget, qty: 1 }] });
		const rest = await t.rest('POST', `/V1/order/${id}/ship`, { tracks: [UPS] });
		expect(rest.status).toBe(200);
		const o = await order(id);
		expect(o.items.map((i: { qty_shipped: number }) => i.qty_shipped)).toEqual([4, 2]);
		// Shipped in full but not invoiced: still processing, as in Magento.
		expect(o.state).toBe('processing');
		await t.rest('POST', `/V1/order/${id}/invoice`, {});
		expect((await order(id)).state).toBe('complete');
		const list = await t.rest('GET', '/V1/shipments', undefined, {
			query: {
				'searchCriteria[filterGroups][0][filters][0][field]': 'order_id',
				'searchCriteria[filterGroups][0][filters][0][value]': id,
			},
		});
		expect(list.body.total_count).toBe(2);
		expect(list.body.items.map((s: { total_qty: number }) => s.total_qty)).toEqual([1, 5]);
		// After all shipments and reservations, salable = physical stock left.
		expect(await salable('WIDGET')).toBe(11);
		expect(await salable('GADGET')).toBe(1);
		const final = await t.rest('POST', `/V1/order/${id}/ship`, {});
		expect(final.body.message).toBe(
			'Shipment Document Validation Error(s):\nThe order does not allow a ' +
				"shipment to be created.\nYou can't create a shipment without products.",
		);
	});

	it('refuses more than the unshipped quantity and an unknown order item; nothing changes', async () => {
		const { id, widget } = await orderWithLines();
		const over = await t.rest('POST', `/V1/order/${id}/ship`, {
			items: [{ order_item_id: widget, qty: 5 }],
		});
		expect([over.status, over.body.message]).toEqual([
			400,
			'Shipment Document Validation Error(s):\nThe quantity to ship must not be greater than the ' +
				'unshipped quantity for product SKU "WIDGET".\nYou can\'t create a shipment without products.',
		]);
		const unknown = await t.rest('POST', `/V1/order/${id}/ship`, {
			items: [
				{ order_item_id: 999, qty: 1 },
				{ order_item_id: widget, qty: 1 },
			],
		});
		expect(unknown.body.message).toBe(
			'Shipment Document Validation Error(s):\nThe shipment contains ' +
				'product SKU "999" that is not part of the original order.',
		);
		expect(sourceQty('WIDGET', 'default')).toBe(10);
		expect((await order(id)).state).toBe('new');
		expect((await t.rest('POST', '/V1/order/99/ship', {})).status).toBe(404);
	});

	it('a track without carrier_code is refused by the schema', async () => {
		const { id } = await orderWithLines();
		const r = await t.rest('POST', `/V1/order/${id}/ship`, {
			tracks: [{ track_number: '1', title: 'UPS' }],
		});
		expect(r.body).toEqual({
			message: '"%fieldName" is required. Enter and try again.',
			parameters: { fieldName: 'tracks[0].carrier_code' },
		});
	});
});

describe('hold blocks shipping', () => {
	it('a held order cannot be shipped; after unhold it can', async () => {
		const { id } = await orderWithLines();
		await t.rest('POST', `/V1/orders/${id}/hold`);
		const held = await t.rest('POST', `/V1/order/${id}/ship`, { tracks: [UPS] });
		expect([held.status, held.body]).toEqual([
			400,
			{
				message:
					'Shipment Document Validation Error(s):\nA shipment cannot be created when an order has a status of holded',
			},
		]);
		expect(t.state().shipments).toEqual([]);
		await t.rest('POST', `/V1/orders/${id}/unhold`);
		expect((await t.rest('POST', `/V1/order/${id}/ship`, { tracks: [UPS] })).status).toBe(200);
	});

	it('a canceled order cannot be shipped', async () => {
		const { id } = await orderWithLines();
		await t.rest('POST', `/V1/orders/${id}/cancel`);
		expect((await t.rest('POST', `/V1/order/${id}/ship`, {})).body.message).toMatch(
			/^Shipment Document Validation Error\(s\):\nA shipment cannot be created when an order has a status of canceled/,
		);
	});
});

describe('sources', () => {
	it('ships from the source named in arguments.extension_attributes.source_code', async () => {
		const { id, widget } = await orderWithLines();
		const r = await t.rest('POST', `/V1/order/${id}/ship`, {
			items: [{ order_item_id: widget, qty: 2 }],
			arguments: { extension_attributes: { source_code: 'east' } },
		});
		expect(r.status).toBe(200);
		expect([sourceQty('WIDGET', 'default'), sourceQty('WIDGET', 'east')]).toEqual([10, 3]);
	});

	it('without source_code takes the first source by priority that holds every line', async () => {
		await t.ctl('POST', '/__sandbox/magento/stock', {
			sku: 'WIDGET',
			sourceCode: 'default',
			quantity: 1,
		});
		const id = await placeCustomerOrder(t, [{ sku: 'WIDGET', qty: 3 }]);
		await t.rest('POST', `/V1/order/${id}/ship`, {});
		expect([sourceQty('WIDGET', 'default'), sourceQty('WIDGET', 'east')]).toEqual([1, 2]);
		expect(t.state().shipments[0].extension_attributes.source_code).toBe('east');
	});

	it('a short or missing source item fails the whole shipment as Magento does', async () => {
		const { id, gadget } = await orderWithLines();
		const r = await t.rest('POST', `/V1/order/${id}/ship`, {
			items: [{ order_item_id: gadget, qty: 1 }],
			arguments: { extension_attributes: { source_code: 'east' } },
		});
		expect([r.status, r.body]).toEqual([
			400,
			{ message: 'Could not save a shipment, see error log for details' },
		]);
		expect((await order(id)).items[1].qty_shipped).toBe(0);
		expect(t.state().shipments).toEqual([]);
	});

	it('a source item that reaches 0 goes out of stock', async () => {
		const id = await placeCustomerOrder(t, [{ sku: 'GADGET', qty: 3 }]);
		await t.rest('POST', `/V1/order/${id}/ship`, {});
		expect(t.state().sourceItems).toContainEqual({
			sku: 'GADGET',
			source_code: 'default',
			quantity: 0,
			status: 0,
		});
		expect(await salable('GADGET')).toBe(0);
	});
});
