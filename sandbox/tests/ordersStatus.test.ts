import { fullAck, item, order, startTestSandbox, type TestSandbox } from './helpers';

let sb: TestSandbox;
const STATUS = '/vendor/orders/v1/purchaseOrdersStatus';

beforeAll(async () => {
	sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.control.reset();
	sb.control.seed({
		amazon: {
			purchaseOrders: [
				order('STATUS01', '2026-03-01T10:00:00Z', [
					item('1', { orderedQuantity: { amount: 150, unitOfMeasure: 'Eaches', unitSize: 1 } }),
					item('2'),
				]),
				order('STATUS02', '2026-03-01T11:00:00Z', [item('1')], {
					orderDetails: { shipToParty: { partyId: 'XYZ1' } },
				}),
			],
		},
	});
});

async function status(number: string): Promise<any> {
	const r = await sb.get(STATUS, { purchaseOrderNumber: number });
	expect(r.status).toBe(200);
	expect(
		sb.control.amazon.validateModelBody(
			'vendorOrders.json',
			'GetPurchaseOrdersStatusResponse',
			r.body,
		),
	).toEqual([]);
	return r.body.payload.ordersStatus[0];
}

describe('getPurchaseOrdersStatus', () => {
	it('starts OPEN, UNCONFIRMED and NOT_RECEIVED with the original quantity in the history', async () => {
		const s = await status('STATUS01');
		expect(s).toMatchObject({
			purchaseOrderNumber: 'STATUS01',
			purchaseOrderStatus: 'OPEN',
			purchaseOrderDate: '2026-03-01T10:00:00Z',
			lastUpdatedDate: '2026-03-01T10:00:00Z',
			sellingParty: { partyId: 'API01' },
			shipToParty: { partyId: 'ABCD' },
		});
		expect(s.itemStatus[0]).toEqual({
			itemSequenceNumber: '1',
			buyerProductIdentifier: 'B000000001',
			vendorProductIdentifier: 'SKU-1',
			netCost: { currencyCode: 'USD', amount: '12.50' },
			listPrice: { currencyCode: 'USD', amount: '19.99' },
			orderedQuantity: {
				orderedQuantity: { amount: 150, unitOfMeasure: 'Eaches', unitSize: 1 },
				orderedQuantityDetails: [
					{
						updatedDate: '2026-03-01T10:00:00Z',
						orderedQuantity: { amount: 150, unitOfMeasure: 'Eaches', unitSize: 1 },
					},
				],
			},
			acknowledgementStatus: {
				confirmationStatus: 'UNCONFIRMED',
				acceptedQuantity: { amount: 0, unitOfMeasure: 'Eaches', unitSize: 1 },
				rejectedQuantity: { amount: 0, unitOfMeasure: 'Eaches', unitSize: 1 },
			},
			receivingStatus: {
				receiveStatus: 'NOT_RECEIVED',
				receivedQuantity: { amount: 0, unitOfMeasure: 'Eaches', unitSize: 1 },
			},
		});
	});

	it('follows a change: cancelled quantity in the history, purchaseOrderChangedDate and lastUpdatedDate', async () => {
		const changed = sb.control.changePurchaseOrder('STATUS01', {
			changedAt: '2026-03-02T05:07:00Z',
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 100 } }],
			cancelItems: ['2'],
		});
		expect(changed.orderDetails?.purchaseOrderChangedDate).toBe('2026-03-02T05:07:00.000Z');
		expect(changed.orderDetails?.items.map((i) => i.orderedQuantity)).toEqual([
			{ amount: 100, unitOfMeasure: 'Eaches', unitSize: 1 },
			{ amount: 0, unitOfMeasure: 'Eaches', unitSize: 1 },
		]);
		const s = await status('STATUS01');
		expect(s.lastUpdatedDate).toBe('2026-03-02T05:07:00.000Z');
		expect(s.itemStatus[0].orderedQuantity).toEqual({
			orderedQuantity: { amount: 100, unitOfMeasure: 'Eaches', unitSize: 1 },
			orderedQuantityDetails: [
				{
					updatedDate: '2026-03-02T05:07:00.000Z',
					cancelledQuantity: { amount: 50, unitOfMeasure: 'Eaches', unitSize: 1 },
				},
				{
					updatedDate: '2026-03-01T10:00:00Z',
					orderedQuantity: { amount: 150, unitOfMeasure: 'Eaches', unitSize: 1 },
				},
			],
		});
		expect(s.itemStatus[1].orderedQuantity.orderedQuantityDetails[0].cancelledQuantity.amount).toBe(
			10,
		);

		sb.control.changePurchaseOrder('STATUS01', {
			changedAt: '2026-03-02T06:00:00Z',
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 120 } }],
		});
		const again = await status('STATUS01');
		expect(again.itemStatus[0].orderedQuantity.orderedQuantityDetails[0]).toEqual({
			updatedDate: '2026-03-02T06:00:00.000Z',
			orderedQuantity: { amount: 20, unitOfMeasure: 'Eaches', unitSize: 1 },
		});
	});

	it('follows acknowledgements and receipts to RECEIVED and CLOSED', async () => {
		sb.clock.advance(60_000);
		const ack: any = fullAck('STATUS01', [
			{ seq: '1', amount: 100 },
			{ seq: '2', amount: 10 },
		]);
		ack.items[0].itemAcknowledgements.push({
			acknowledgementCode: 'Rejected',
			acknowledgedQuantity: { amount: 50 },
			rejectionReason: 'TemporarilyUnavailable',
		});
		expect((await sb.acknowledge([ack])).status).toBe('Success');
		let s = await status('STATUS01');
		expect(s.itemStatus[0].acknowledgementStatus).toMatchObject({
			confirmationStatus: 'PARTIALLY_ACCEPTED',
			acceptedQuantity: { amount: 100 },
			rejectedQuantity: { amount: 50 },
		});
		expect(s.lastUpdatedDate).toBe('2026-03-02T12:01:00.000Z');

		const partial = sb.control.receivePurchaseOrder('STATUS01', {
			receivedAt: '2026-03-05T09:00:00Z',
			items: [{ itemSequenceNumber: '1', quantity: 60 }],
		});
		expect(partial.itemStatus[0].receivingStatus).toEqual({
			receiveStatus: 'PARTIALLY_RECEIVED',
			receivedQuantity: { amount: 60, unitOfMeasure: 'Eaches', unitSize: 1 },
			lastReceiveDate: '2026-03-05T09:00:00.000Z',
		});
		expect(partial.purchaseOrderStatus).toBe('OPEN');

		const r = await sb.ctl('POST', '/__sandbox/amazon/purchase-orders/STATUS01/receive', {
			receivedAt: '2026-03-06T09:00:00Z',
			items: [
				{ itemSequenceNumber: '1', quantity: { amount: 40, unitOfMeasure: 'Eaches' } },
				{ itemSequenceNumber: '2', quantity: 10 },
			],
		});
		expect(r.status).toBe(200);
		expect(r.body.orderStatus.purchaseOrderStatus).toBe('CLOSED');
		s = await status('STATUS01');
		expect(s.itemStatus.map((i: any) => i.receivingStatus.receiveStatus)).toEqual([
			'RECEIVED',
			'RECEIVED',
		]);
		const po = (await sb.get('/vendor/orders/v1/purchaseOrders/STATUS01')).body.payload;
		expect(po.purchaseOrderState).toBe('Closed');
		expect(po.orderDetails.purchaseOrderStateChangedDate).toBe('2026-03-06T09:00:00.000Z');
	});

	it('filters by status, confirmation, receipt, vendor code, ship-to and windows', async () => {
		expect((await sb.acknowledge([fullAck('STATUS02', [{ seq: '1', amount: 10 }])])).status).toBe(
			'Success',
		);
		const numbers = async (query: Record<string, string>) =>
			(await sb.get(STATUS, query)).body.payload.ordersStatus.map(
				(s: any) => s.purchaseOrderNumber,
			);
		expect(await numbers({})).toEqual(['STATUS01', 'STATUS02']);
		expect(await numbers({ sortOrder: 'DESC' })).toEqual(['STATUS02', 'STATUS01']);
		expect(await numbers({ itemConfirmationStatus: 'UNCONFIRMED' })).toEqual(['STATUS01']);
		expect(await numbers({ itemConfirmationStatus: 'ACCEPTED' })).toEqual(['STATUS02']);
		expect(await numbers({ itemReceiveStatus: 'RECEIVED' })).toEqual([]);
		expect(await numbers({ purchaseOrderStatus: 'OPEN' })).toEqual(['STATUS01', 'STATUS02']);
		expect(await numbers({ shipToPartyId: 'XYZ1' })).toEqual(['STATUS02']);
		expect(await numbers({ orderingVendorCode: 'NOBODY' })).toEqual([]);
		expect(
			await numbers({
				createdAfter: '2026-03-01T10:30:00Z',
				createdBefore: '2026-03-01T12:00:00Z',
			}),
		).toEqual(['STATUS02']);
		expect(
			await numbers({
				updatedAfter: '2026-03-02T00:00:00Z',
				updatedBefore: '2026-03-03T00:00:00Z',
			}),
		).toEqual(['STATUS02']);
	});

	it('rejects bad parameters and paginates', async () => {
		const bad = await sb.get(STATUS, { updatedBefore: '2019-09-2100:00:00' });
		expect([bad.status, bad.body.errors[0].code]).toEqual([400, 'InvalidRequest']);
		const long = await sb.get(STATUS, {
			updatedAfter: '2026-02-01T00:00:00Z',
			updatedBefore: '2026-02-09T00:00:00Z',
		});
		expect([long.status, long.body.errors[0].code]).toEqual([400, 'InvalidInput']);
		expect((await sb.get(STATUS, { itemConfirmationStatus: 'accepted' })).status).toBe(400);
		expect((await sb.get(STATUS, { limit: 0 })).status).toBe(400);

		const first = await sb.get(STATUS, { limit: 1 });
		expect(first.body.payload.ordersStatus.map((s: any) => s.purchaseOrderNumber)).toEqual([
			'STATUS01',
		]);
		const second = await sb.get(STATUS, {
			limit: 1,
			nextToken: first.body.payload.pagination.nextToken,
		});
		expect(second.body.payload.ordersStatus.map((s: any) => s.purchaseOrderNumber)).toEqual([
			'STATUS02',
		]);
		expect(second.body.payload.pagination).toBeUndefined();
	});
});

describe('Amazon-side change control call', () => {
	it('adds lines, changes cost, windows and ship-to, over HTTP', async () => {
		const r = await sb.ctl('POST', '/__sandbox/amazon/purchase-orders/STATUS02/change', {
			changedAt: '2026-03-02T08:00:00Z',
			shipWindow: '2026-03-07T07:00:00Z--2026-03-12T07:00:00Z',
			shipToParty: { partyId: 'NEW1' },
			items: [
				{ itemSequenceNumber: '1', netCost: { currencyCode: 'USD', amount: '11.00' } },
				{
					itemSequenceNumber: '2',
					amazonProductIdentifier: 'B0NEWLINE0',
					orderedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 6 },
					isBackOrderAllowed: false,
					netCost: { currencyCode: 'USD', amount: '4.00' },
				},
			],
		});
		expect(r.status).toBe(200);
		const po = (await sb.get('/vendor/orders/v1/purchaseOrders/STATUS02')).body.payload;
		expect(po.orderDetails).toMatchObject({
			purchaseOrderChangedDate: '2026-03-02T08:00:00.000Z',
			shipWindow: '2026-03-07T07:00:00Z--2026-03-12T07:00:00Z',
			shipToParty: { partyId: 'NEW1' },
		});
		expect(po.orderDetails.items[0].netCost.amount).toBe('11.00');
		expect(po.orderDetails.items[1].orderedQuantity).toEqual({
			amount: 3,
			unitOfMeasure: 'Cases',
			unitSize: 6,
		});
		const s = await status('STATUS02');
		expect(s.itemStatus[1].orderedQuantity.orderedQuantityDetails).toEqual([
			{
				updatedDate: '2026-03-02T08:00:00.000Z',
				orderedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 6 },
			},
		]);
		// The new cost is the one acknowledgements are held to.
		const ack = await sb.acknowledge([
			fullAck('STATUS02', [{ seq: '1', amount: 10, cost: '12.50' }]),
		]);
		expect(ack.errors?.map((e) => e.code)).toEqual(['NET_COST_ABOVE_PO_COST']);
	});

	it('cancelling the whole order closes it', async () => {
		sb.control.changePurchaseOrder('STATUS02', { changedAt: '2026-03-02T08:00:00Z', cancel: true });
		const s = await status('STATUS02');
		expect(s.purchaseOrderStatus).toBe('CLOSED');
		expect(
			(await sb.get('/vendor/orders/v1/purchaseOrders/STATUS02')).body.payload.purchaseOrderState,
		).toBe('Closed');
	});

	it('refuses a change before the order date, an invalid line, an unknown order', async () => {
		const early = await sb.ctl('POST', '/__sandbox/amazon/purchase-orders/STATUS02/change', {
			changedAt: '2026-03-01T10:59:00Z',
		});
		expect(early.status).toBe(400);
		const incomplete = await sb.ctl('POST', '/__sandbox/amazon/purchase-orders/STATUS02/change', {
			items: [{ itemSequenceNumber: '9' }],
		});
		expect(incomplete.status).toBe(400);
		expect(incomplete.body.details.length).toBeGreaterThan(0);
		const unknown = await sb.ctl('POST', '/__sandbox/amazon/purchase-orders/NOPE/change', {});
		expect(unknown.status).toBe(404);
		// Nothing changed.
		expect(
			(await sb.get('/vendor/orders/v1/purchaseOrders/STATUS02')).body.payload.orderDetails
				.purchaseOrderChangedDate,
		).toBeUndefined();
	});
});
