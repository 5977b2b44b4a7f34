import { item, order, startTestSandbox, START, type TestSandbox } from './helpers';

let sb: TestSandbox;
const PATH = '/vendor/orders/v1/purchaseOrders';

beforeAll(async () => {
	sb = await startTestSandbox();
});
afterAll(() => sb.close());

/** POs one hour apart from 2026-03-01T00:00Z. */
function hourly(count: number, prefix = 'P'): ReturnType<typeof order>[] {
	return Array.from({ length: count }, (_, n) =>
		order(
			`${prefix}${String(n + 1).padStart(7, '0')}`,
			new Date(Date.parse('2026-03-01T00:00:00Z') + n * 3600_000).toISOString(),
		),
	);
}

describe('getPurchaseOrders', () => {
	beforeEach(() => sb.control.reset());

	it('returns orders in the created window, sorted by purchaseOrderDate, with details by default', async () => {
		sb.control.seed({ amazon: { purchaseOrders: hourly(5) } });
		const r = await sb.get(PATH, {
			createdAfter: '2026-03-01T01:00:00Z',
			createdBefore: '2026-03-01T03:00:00Z',
		});
		expect(r.status).toBe(200);
		expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('10.0');
		expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
		expect(r.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual([
			'P0000002',
			'P0000003',
			'P0000004',
		]);
		expect(r.body.payload.orders[0].orderDetails.items[0].orderedQuantity).toEqual({
			amount: 10,
			unitOfMeasure: 'Eaches',
			unitSize: 1,
		});
		expect(r.body.payload.pagination).toBeUndefined();

		const desc = await sb.get(PATH, {
			createdAfter: '2026-03-01T01:00:00Z',
			createdBefore: '2026-03-01T03:00:00Z',
			sortOrder: 'DESC',
		});
		expect(desc.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual([
			'P0000004',
			'P0000003',
			'P0000002',
		]);
	});

	it('with includeDetails=false returns only purchaseOrderNumber and purchaseOrderState', async () => {
		sb.control.seed({ amazon: { purchaseOrders: hourly(2) } });
		const r = await sb.get(PATH, { includeDetails: false });
		expect(r.body.payload.orders).toEqual([
			{ purchaseOrderNumber: 'P0000001', purchaseOrderState: 'New' },
			{ purchaseOrderNumber: 'P0000002', purchaseOrderState: 'New' },
		]);
	});

	it('paginates with an opaque nextToken across several pages', async () => {
		sb.control.seed({ amazon: { purchaseOrders: hourly(25) } });
		const seen: string[] = [];
		let nextToken: string | undefined;
		let pages = 0;
		do {
			const r = await sb.get(
				PATH,
				nextToken
					? { limit: 10, nextToken }
					: {
							limit: 10,
							createdAfter: '2026-03-01T00:00:00Z',
							createdBefore: '2026-03-02T00:00:00Z',
						},
			);
			expect(r.status).toBe(200);
			seen.push(...r.body.payload.orders.map((o: any) => o.purchaseOrderNumber));
			nextToken = r.body.payload.pagination?.nextToken;
			pages++;
		} while (nextToken);
		expect(pages).toBe(3);
		expect(seen).toEqual(hourly(25).map((o) => o.purchaseOrderNumber));
	});

	it('keeps pages stable when orders are seeded between two pages', async () => {
		sb.control.seed({ amazon: { purchaseOrders: hourly(6) } });
		const first = await sb.get(PATH, { limit: 3 });
		expect(first.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual([
			'P0000001',
			'P0000002',
			'P0000003',
		]);
		// An order sorting before the cursor, and one after it.
		sb.control.seed({
			amazon: {
				purchaseOrders: [
					order('EARLY001', '2026-02-28T00:00:00Z'),
					order('LATE0001', '2026-03-01T04:30:00Z'),
				],
			},
		});
		const second = await sb.get(PATH, {
			limit: 10,
			nextToken: first.body.payload.pagination.nextToken,
		});
		expect(second.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual([
			'P0000004',
			'P0000005',
			'LATE0001',
			'P0000006',
		]);
	});

	it('rejects a nextToken that was altered', async () => {
		sb.control.seed({ amazon: { purchaseOrders: hourly(3) } });
		const first = await sb.get(PATH, { limit: 1 });
		const token: string = first.body.payload.pagination.nextToken;
		const r = await sb.get(PATH, { nextToken: `x${token}` });
		expect(r.status).toBe(400);
		expect(r.body.errors[0].code).toBe('InvalidInput');
	});

	it('enforces the 7-day window and ordered bounds', async () => {
		const ok = await sb.get(PATH, {
			createdAfter: '2026-03-01T00:00:00Z',
			createdBefore: '2026-03-08T00:00:00Z',
		});
		expect(ok.status).toBe(200);
		for (const [after, before] of [
			['createdAfter', 'createdBefore'],
			['changedAfter', 'changedBefore'],
		]) {
			const tooLong = await sb.get(PATH, {
				[after]: '2026-03-01T00:00:00Z',
				[before]: '2026-03-08T00:00:01Z',
			});
			expect(tooLong.status).toBe(400);
			expect(tooLong.body.errors[0]).toMatchObject({
				code: 'InvalidInput',
				message: 'The date range must not exceed 7 days.',
			});
			const reversed = await sb.get(PATH, {
				[after]: '2026-03-02T00:00:00Z',
				[before]: '2026-03-01T00:00:00Z',
			});
			expect(reversed.status).toBe(400);
		}
		// Only createdAfter: the window runs to now (START = 2026-03-02T12:00Z).
		expect((await sb.get(PATH, { createdAfter: '2026-02-23T12:00:00Z' })).status).toBe(200);
		expect((await sb.get(PATH, { createdAfter: '2026-02-23T11:59:59Z' })).status).toBe(400);
	});

	it('rejects malformed parameters', async () => {
		const badDate = await sb.get(PATH, {
			createdAfter: '2019-08-20T14:00:00',
			createdBefore: '2019-09-2100:00:00',
		});
		expect(badDate.status).toBe(400);
		expect(badDate.body.errors[0]).toMatchObject({
			code: 'InvalidRequest',
			message: 'The request is invalid.',
		});
		const malformed: Array<Record<string, string | number>> = [
			{ limit: 0 },
			{ limit: 101 },
			{ limit: 'ten' },
			{ sortOrder: 'asc' },
			{ purchaseOrderState: 'Open' },
			{ poItemState: 'Canceled' },
			{ includeDetails: 'yes' },
			{ isPOChanged: '1' },
		];
		for (const query of malformed) {
			const r = await sb.get(PATH, query);
			expect([r.status, r.body.errors[0].code]).toEqual([400, 'InvalidInput']);
		}
		expect((await sb.get(PATH, { limit: 100 })).status).toBe(200);
		expect((await sb.get(PATH, { limit: 1 })).status).toBe(200);
	});

	it('filters by purchaseOrderState and orderingVendorCode', async () => {
		sb.control.seed({
			amazon: {
				purchaseOrders: [
					order('NEWPO001', '2026-03-01T00:00:00Z'),
					order('ACKPO001', '2026-03-01T01:00:00Z', undefined, {
						purchaseOrderState: 'Acknowledged',
					}),
					order('OTHERVC1', '2026-03-01T02:00:00Z', undefined, {
						orderDetails: { sellingParty: { partyId: 'OTHER' } },
					}),
				],
			},
		});
		const ack = await sb.get(PATH, { purchaseOrderState: 'Acknowledged' });
		expect(ack.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual(['ACKPO001']);
		const other = await sb.get(PATH, { orderingVendorCode: 'OTHER' });
		expect(other.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual(['OTHERVC1']);
		const api01 = await sb.get(PATH, { orderingVendorCode: 'API01', purchaseOrderState: 'New' });
		expect(api01.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual(['NEWPO001']);
	});

	it('filters changed orders: isPOChanged, the changed window and poItemState=Cancelled', async () => {
		sb.control.seed({
			amazon: {
				purchaseOrders: [
					order('UNCHANGE', '2026-03-01T00:00:00Z'),
					order('CHANGED1', '2026-03-01T00:00:00Z', [item('1'), item('2')]),
				],
			},
		});
		sb.control.changePurchaseOrder('CHANGED1', {
			changedAt: '2026-03-02T06:00:00Z',
			cancelItems: ['2'],
		});

		const changed = await sb.get(PATH, { isPOChanged: true });
		expect(changed.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual([
			'CHANGED1',
		]);
		expect(changed.body.payload.orders[0].orderDetails.purchaseOrderChangedDate).toBe(
			'2026-03-02T06:00:00.000Z',
		);
		expect((await sb.get(PATH, { isPOChanged: false })).body.payload.orders).toHaveLength(2);

		const inWindow = await sb.get(PATH, {
			changedAfter: '2026-03-02T00:00:00Z',
			changedBefore: '2026-03-02T12:00:00Z',
		});
		expect(inWindow.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual([
			'CHANGED1',
		]);
		const outside = await sb.get(PATH, {
			changedAfter: '2026-03-01T00:00:00Z',
			changedBefore: '2026-03-02T05:59:59Z',
		});
		expect(outside.body.payload.orders).toEqual([]);

		const cancelled = await sb.get(PATH, { poItemState: 'Cancelled' });
		expect(cancelled.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual([
			'CHANGED1',
		]);
		expect(cancelled.body.payload.orders[0].orderDetails.items[1].orderedQuantity.amount).toBe(0);
	});
});

describe('getPurchaseOrder', () => {
	beforeAll(() => {
		sb.control.reset();
		sb.control.seed({ amazon: { purchaseOrders: [order('PO123456', START)] } });
	});

	it('returns the order in the model shape', async () => {
		const r = await sb.get(`${PATH}/PO123456`);
		expect(r.status).toBe(200);
		expect(r.body.payload.purchaseOrderNumber).toBe('PO123456');
		expect(
			sb.control.amazon.validateModelBody('vendorOrders.json', 'GetPurchaseOrderResponse', r.body),
		).toEqual([]);
	});

	it('answers 404 NotFound for an unknown order and 400 for "null"', async () => {
		const missing = await sb.get(`${PATH}/NOPE0000`);
		expect(missing.status).toBe(404);
		expect(missing.body.errors[0].code).toBe('NotFound');
		const nul = await sb.get(`${PATH}/null`);
		expect(nul.status).toBe(400);
		expect(nul.body.errors[0]).toEqual({
			code: 'InvalidRequest',
			message: 'Request is missing or has invalid parameters',
			details: 'purchaseOrderNumber cannot be null',
		});
	});
});
