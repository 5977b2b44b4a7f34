/**
 * The pure Magento rules of nodes/shared/domain/platforms/magento: the order search, the order of
 * a PO, the fulfilment state, the order lines and cart calls, prices, stock and shipments.
 */
import { InvalidInputError } from '../../nodes/shared/domain/inputError';
import {
	asnShipmentOf,
	availableOfSalable,
	cartItemCalls,
	findOrderOfPo,
	fulfilmentStateOf,
	isUnknownSkuAnswer,
	magentoChangeOf,
	magentoDateTime,
	markedRecords,
	orderLinesOfAllocation,
	orderSearchQuery,
	shipmentsWithoutAsn,
	shippingInformationBody,
	skuList,
	tierPricesOf,
} from '../../nodes/shared/domain/platforms/magento';

const fieldOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidInputError);
		return (error as InvalidInputError).path;
	}
	throw new Error('no error');
};

describe('Magento orders', () => {
	it('searches the customer orders since an instant in Magento date-time', () => {
		expect(magentoDateTime(Date.parse('2026-03-01T08:05:09.500Z'))).toBe('2026-03-01 08:05:09');
		const q = new URLSearchParams(orderSearchQuery(1, Date.parse('2026-03-01T00:00:00Z')));
		expect(q.get('searchCriteria[filterGroups][0][filters][0][field]')).toBe('customer_id');
		expect(q.get('searchCriteria[filterGroups][0][filters][0][value]')).toBe('1');
		expect(q.get('searchCriteria[filterGroups][1][filters][0][value]')).toBe('2026-03-01 00:00:00');
		expect(q.get('searchCriteria[filterGroups][1][filters][0][conditionType]')).toBe('gteq');
	});

	it('finds the order by po_number in any case, canceled only when asked', () => {
		const answer = {
			items: [
				{
					entity_id: 3,
					increment_id: '000000003',
					state: 'canceled',
					payment: { po_number: 'ab1' },
				},
				{
					entity_id: 4,
					increment_id: '000000004',
					state: 'new',
					status: 'pending',
					payment: { po_number: 'XY2' },
				},
			],
			total_count: 2,
		};
		expect(findOrderOfPo(answer, 'AB1', false)).toMatchObject({ found: false, orderId: '' });
		expect(findOrderOfPo(answer, 'AB1', true)).toMatchObject({
			found: true,
			orderId: '3',
			state: 'canceled',
		});
		expect(findOrderOfPo(answer, ' xy2 ', false)).toMatchObject({
			found: true,
			incrementId: '000000004',
			status: 'pending',
		});
	});

	it('an answer without items or only a page of them cannot prove there is no order', () => {
		expect(fieldOf(() => findOrderOfPo({ message: 'x' }, 'A', false))).toBe('items');
		expect(fieldOf(() => findOrderOfPo({ items: [], total_count: 3 }, 'A', false))).toBe(
			'total_count',
		);
	});

	it('reads the fulfilment state: child items left out, canceled quantity off, held with the state before', () => {
		const state = fulfilmentStateOf({
			entity_id: 9,
			increment_id: '000000009',
			state: 'holded',
			status: 'holded',
			hold_before_state: 'processing',
			hold_before_status: 'processing',
			items: [
				{ sku: 'A', qty_ordered: 10, qty_canceled: 2, qty_shipped: 3, qty_invoiced: 1 },
				{ sku: 'A-child', parent_item_id: 1, qty_ordered: 10 },
				{ sku: 'B', qty_ordered: 4 },
			],
		});
		expect(state.platformOrder).toEqual({
			id: '9',
			name: '#000000009',
			status: ['processing'],
			hasShipments: true,
			lines: [
				{ sku: 'A', ordered: 8, fulfilled: 3, inProgress: 5 },
				{ sku: 'B', ordered: 4, fulfilled: 0, inProgress: 4 },
			],
		});
		expect(state.magento).toMatchObject({
			held: true,
			effectiveState: 'processing',
			shippedEaches: 3,
			invoicedEaches: 1,
		});
		expect(
			fieldOf(() => fulfilmentStateOf({ entity_id: 1, items: [{ sku: 'A', qty_ordered: 'x' }] })),
		).toBe('items[0].qty_ordered');
		expect(fieldOf(() => fulfilmentStateOf(null))).toBe('entity_id');
	});
});

describe('Magento cart flow', () => {
	it('orders accepted + backordered eaches per SKU, and checks the allocation', () => {
		expect(
			orderLinesOfAllocation({
				skus: [
					{ sku: 'A', acceptedEaches: 2, backorderedEaches: 1 },
					{ sku: 'B', acceptedEaches: 0 },
				],
			}),
		).toEqual([{ sku: 'A', qty: 3 }]);
		expect(fieldOf(() => orderLinesOfAllocation({}))).toBe('allocation.skus');
		expect(fieldOf(() => orderLinesOfAllocation({ skus: [{ sku: '' }] }))).toBe(
			'allocation.skus[0].sku',
		);
		expect(
			fieldOf(() => orderLinesOfAllocation({ skus: [{ sku: 'A', backorderedEaches: 1.5 }] })),
		).toBe('allocation.skus[0].backorderedEaches');
	});

	it('brings the cart to exactly the lines: set, add, remove', () => {
		const calls = cartItemCalls(
			'12',
			[
				{ sku: 'A', item_id: 5 },
				{ sku: 'OLD', item_id: 6 },
			],
			[
				{ sku: 'A', qty: 3 },
				{ sku: 'B', qty: 1 },
			],
		);
		expect(calls).toEqual([
			{
				method: 'PUT',
				path: '/carts/12/items/5',
				body: { cartItem: { qty: 3, quote_id: '12' } },
				sku: 'A',
				qty: 3,
			},
			{
				method: 'POST',
				path: '/carts/12/items',
				body: { cartItem: { sku: 'B', qty: 1, quote_id: '12' } },
				sku: 'B',
				qty: 1,
			},
			{ method: 'DELETE', path: '/carts/12/items/6', sku: 'OLD', qty: 0 },
		]);
	});

	it('ships to the default shipping address of the customer, and needs one', () => {
		const body = shippingInformationBody(
			{
				firstname: 'Amazon',
				lastname: 'VC',
				addresses: [
					{ city: 'Other', country_id: 'DE' },
					{
						default_shipping: true,
						city: 'Austin',
						country_id: 'US',
						region: { region_code: 'TX', region_id: 57 },
					},
				],
			},
			'amazon@example.com',
			'freeshipping',
			'freeshipping',
		);
		expect(body.addressInformation.shipping_address).toMatchObject({
			firstname: 'Amazon',
			city: 'Austin',
			region_id: 57,
			region_code: 'TX',
			email: 'amazon@example.com',
		});
		expect(body.addressInformation.billing_address).toBe(body.addressInformation.shipping_address);
		expect(fieldOf(() => shippingInformationBody({ addresses: [] }, '', 'a', 'b'))).toBe(
			'customer.addresses',
		);
	});

	it('prices each ordered SKU at the net cost of its first PO line with one', () => {
		const allocation = {
			skus: [
				{ sku: 'A', acceptedEaches: 2 },
				{ sku: 'B', acceptedEaches: 1 },
				{ sku: 'C', acceptedEaches: 0 },
			],
			lines: [
				{ sku: 'A', index: 0 },
				{ sku: 'A', index: 1 },
				{ sku: 'B', index: 2 },
				{ sku: 'C', index: 3 },
			],
		};
		const po = { items: [{}, { netCost: { amount: '4.20' } }, {}, { netCost: { amount: '1' } }] };
		expect(tierPricesOf(allocation, po, 'Amazon')).toEqual([
			{
				sku: 'A',
				price: 4.2,
				price_type: 'fixed',
				website_id: 0,
				customer_group: 'Amazon',
				quantity: 1,
			},
		]);
		expect(
			fieldOf(() => tierPricesOf(allocation, { items: [{ netCost: { amount: 'x' } }] }, 'G')),
		).toBe('purchaseOrder.items[0].netCost.amount');
	});
});

describe('Magento stock and shipments', () => {
	it('available = salable minus buffer, whole eaches, at least 0', () => {
		expect(availableOfSalable(10.7, 2)).toBe(8);
		expect(availableOfSalable(1, 5)).toBe(0);
		expect(availableOfSalable(Number.NaN, 0)).toBe(0);
		expect(
			isUnknownSkuAnswer(400, { message: "The product that was requested doesn't exist." }),
		).toBe(true);
		expect(isUnknownSkuAnswer(500, { message: 'not found' })).toBe(false);
		expect(skuList('A, B,,A\nC')).toEqual(['A', 'B', 'C']);
	});

	it('a shipment as Build ASN input: one carton per shipped line, carrier of the first track', () => {
		const s = asnShipmentOf(
			{
				increment_id: '000000007',
				created_at: '2026-03-02 10:00:00',
				items: [
					{ sku: 'A', qty: 2 },
					{ sku: 'B', qty: 0 },
				],
				tracks: [{ carrier_code: 'custom', title: 'DHL Freight', track_number: 'T1' }],
			},
			{ purchaseOrderNumber: 'PO1', shipmentIdPrefix: 'S_', shipFromPartyId: 'V1' },
		);
		expect(s).toMatchObject({
			shipmentIdentifier: 'S-000000007',
			shippedDate: '2026-03-02T10:00:00.000Z',
			carrier: 'DHL Freight',
			trackingNumbers: ['T1'],
			cartons: [
				{ id: '000000007-1', contents: [{ sku: 'A', eaches: 2, purchaseOrderNumber: 'PO1' }] },
			],
		});
		expect(
			fieldOf(() =>
				asnShipmentOf(
					{ increment_id: '1', created_at: 'soon' },
					{ purchaseOrderNumber: '', shipmentIdPrefix: '', shipFromPartyId: '' },
				),
			),
		).toBe('created_at');
	});

	it('leaves out shipments an AVC-ASN comment names; numbers stay with the shipment', () => {
		const order = {
			status_histories: [
				{ comment: 'ASN sent.\nAVC-ASN {"shipment":"S1","index":1}' },
				{ comment: 'AVC-ASN {broken' },
				{ comment: 'AVC-INVOICE {"shipment":"S1"}' },
			],
		};
		expect(markedRecords(order, 'AVC-INVOICE')).toEqual([{ shipment: 'S1' }]);
		const pending = shipmentsWithoutAsn(order, [
			{ entity_id: 3, increment_id: 'S3', items: [{ sku: 'A', qty: 0 }] },
			{ entity_id: 2, increment_id: 'S2', items: [{ sku: 'A', qty: 1 }] },
			{ entity_id: 1, increment_id: 'S1', items: [{ sku: 'A', qty: 1 }] },
		]);
		expect(pending.map((s) => [s.increment_id, s.index])).toEqual([['S2', 2]]);
	});
});

describe('Magento change plans', () => {
	const state = fulfilmentStateOf({
		entity_id: 1,
		state: 'new',
		items: [
			{ sku: 'A', qty_ordered: 5 },
			{ sku: 'B', qty_ordered: 2 },
		],
	});

	it('edits, the new lines and whether the order may be re-created', () => {
		const change = magentoChangeOf(
			{
				skus: [
					{ sku: 'A', targetEaches: 3, platformOrdered: 5 },
					{ sku: 'B', targetEaches: 0, platformOrdered: 2 },
					{ sku: 'C', targetEaches: 4, platformOrdered: 0 },
				],
			},
			state,
			true,
		);
		expect(change.newLines).toEqual([
			{ sku: 'A', qty: 3 },
			{ sku: 'C', qty: 4 },
		]);
		expect(change.edits.map((e) => e.action)).toEqual(['set quantity', 'remove line', 'add line']);
		expect(change.editText).toBe(
			'SKU A: change quantity from 5 to 3 eaches; SKU B: remove the line (2 eaches); SKU C: add a line of 4 eaches',
		);
		expect(change.canRecreate).toBe(true);
		expect(magentoChangeOf({ skus: [] }, state, false).canRecreate).toBe(false);
		const all0 = magentoChangeOf(
			{
				skus: [
					{ sku: 'A', targetEaches: 0 },
					{ sku: 'B', targetEaches: 0 },
				],
			},
			state,
			true,
		);
		expect(all0.canRecreate).toBe(false);
		expect(fieldOf(() => magentoChangeOf({}, state, true))).toBe('plan.skus');
	});
});
