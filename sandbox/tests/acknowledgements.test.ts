import { fullAck, item, order, startTestSandbox, START, type TestSandbox } from './helpers';

let sb: TestSandbox;
const ACKS = '/vendor/orders/v1/acknowledgements';

beforeAll(async () => {
	sb = await startTestSandbox();
});
afterAll(() => sb.close());

function poState(number: string): string {
	return sb.control.amazon.state.purchaseOrders.get(number)!.order.purchaseOrderState;
}

async function itemStatuses(number: string): Promise<any[]> {
	const r = await sb.get('/vendor/orders/v1/purchaseOrdersStatus', { purchaseOrderNumber: number });
	return r.body.payload.ordersStatus[0].itemStatus;
}

beforeEach(() => {
	sb.control.reset();
	sb.control.seed({
		amazon: {
			purchaseOrders: [
				order('PO000001', '2026-03-01T10:00:00Z', [
					item('1'),
					item('2', { isBackOrderAllowed: true }),
				]),
				order('CASEPO01', '2026-03-01T11:00:00Z', [
					item('1', { orderedQuantity: { amount: 5, unitOfMeasure: 'Cases', unitSize: 10 } }),
				]),
				order('CLOSED01', '2026-03-01T12:00:00Z', [item('1')], { purchaseOrderState: 'Closed' }),
			],
		},
	});
});

describe('submitAcknowledgement: model validation (ajv over vendorOrders.json)', () => {
	it('answers 202 with a transactionId in Amazon format for a valid body', async () => {
		const r = await sb.post(ACKS, {
			acknowledgements: [
				fullAck('PO000001', [
					{ seq: '1', amount: 10 },
					{ seq: '2', amount: 10 },
				]),
			],
		});
		expect(r.status).toBe(202);
		expect(r.body.payload.transactionId).toMatch(
			/^20260302120000-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
		);
		expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('10.0');
	});

	it("answers 400 InvalidInput for Amazon's own incomplete sellingParty example", async () => {
		const r = await sb.post(ACKS, {
			acknowledgements: [{ purchaseOrderNumber: 'TestOrder400', sellingParty: {} }],
		});
		expect(r.status).toBe(400);
		const messages = r.body.errors.map((e: any) => e.message);
		expect(r.body.errors.every((e: any) => e.code === 'InvalidInput')).toBe(true);
		expect(messages).toContain(
			"The content of element 'acknowledgements[0].sellingParty' is not complete. 'partyId' is expected.",
		);
		expect(messages.some((m: string) => m.includes("'acknowledgementDate' is expected"))).toBe(
			true,
		);
	});

	it('answers 400 for a wrong enum, a non-decimal cost, an unknown property, no acknowledgementCode', async () => {
		const base = fullAck('PO000001', [{ seq: '1', amount: 10 }]);
		const cases: Array<[string, (a: any) => void]> = [
			['enum', (a) => (a.items[0].itemAcknowledgements[0].acknowledgementCode = 'Accept')],
			['decimal', (a) => (a.items[0].netCost.amount = '12,50')],
			['unknown', (a) => (a.items[0].acknowledgmentCode = 'typo')],
			['missing code', (a) => delete a.items[0].itemAcknowledgements[0].acknowledgementCode],
			['date', (a) => (a.acknowledgementDate = '2026-03-02')],
		];
		for (const [name, mutate] of cases) {
			const ack = structuredClone(base);
			mutate(ack);
			const r = await sb.post(ACKS, { acknowledgements: [ack] });
			expect([name, r.status, r.body.errors?.[0]?.code]).toEqual([name, 400, 'InvalidInput']);
		}
	});

	it('answers 400 for no acknowledgements, non-JSON and 415 for another media type', async () => {
		expect((await sb.post(ACKS, { acknowledgements: [] })).status).toBe(400);
		const token = await sb.token();
		const bad = await fetch(`${sb.url}${ACKS}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-amz-access-token': token },
			body: '{',
		});
		expect(bad.status).toBe(400);
		const xml = await fetch(`${sb.url}${ACKS}`, {
			method: 'POST',
			headers: { 'content-type': 'application/xml', 'x-amz-access-token': token },
			body: '<a/>',
		});
		expect(xml.status).toBe(415);
	});
});

describe('submitAcknowledgement: Amazon rules', () => {
	it('Success moves the PO to Acknowledged and the status to ACCEPTED', async () => {
		const r = await sb.acknowledge([
			fullAck('PO000001', [
				{ seq: '1', amount: 10 },
				{ seq: '2', amount: 10 },
			]),
		]);
		expect(r.status).toBe('Success');
		expect(r.errors).toBeUndefined();
		expect(poState('PO000001')).toBe('Acknowledged');
		const po = (await sb.get('/vendor/orders/v1/purchaseOrders/PO000001')).body.payload;
		expect(po.orderDetails.purchaseOrderStateChangedDate).toBe(START);
		const status = await itemStatuses('PO000001');
		expect(status.map((s) => s.acknowledgementStatus.confirmationStatus)).toEqual([
			'ACCEPTED',
			'ACCEPTED',
		]);
		expect(status[0].acknowledgementStatus.acknowledgementStatusDetails).toEqual([
			{
				acknowledgementDate: START,
				acceptedQuantity: { amount: 10, unitOfMeasure: 'Eaches', unitSize: 1 },
				rejectedQuantity: { amount: 0, unitOfMeasure: 'Eaches', unitSize: 1 },
			},
		]);
	});

	it('quantity: the ordered quantity passes, above it fails (compared in eaches for Cases)', async () => {
		const over = fullAck('PO000001', [
			{ seq: '1', amount: 11 },
			{ seq: '2', amount: 10 },
		]);
		const failed = await sb.acknowledge([over]);
		expect(failed.status).toBe('Failure');
		expect(failed.errors).toEqual([
			expect.objectContaining({
				code: 'ACKNOWLEDGED_QUANTITY_EXCEEDS_ORDERED',
				details: 'purchaseOrderNumber PO000001, itemSequenceNumber 1',
			}),
		]);
		expect(poState('PO000001')).toBe('New');

		const caseAck = (eaches: number) => ({
			...fullAck('CASEPO01', []),
			items: [
				{
					itemSequenceNumber: '1',
					orderedQuantity: { amount: 5, unitOfMeasure: 'Cases', unitSize: 10 },
					netCost: { currencyCode: 'USD', amount: '12.50' },
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Accepted',
							acknowledgedQuantity: { amount: eaches, unitOfMeasure: 'Eaches', unitSize: 1 },
						},
					],
				},
			],
		});
		expect((await sb.acknowledge([caseAck(51)])).errors?.[0].code).toBe(
			'ACKNOWLEDGED_QUANTITY_EXCEEDS_ORDERED',
		);
		expect((await sb.acknowledge([caseAck(50)])).status).toBe('Success');
		const status = await itemStatuses('CASEPO01');
		expect(status[0].acknowledgementStatus.acceptedQuantity).toEqual({
			amount: 5,
			unitOfMeasure: 'Cases',
			unitSize: 10,
		});
	});

	it('Backordered: allowed where isBackOrderAllowed is true, refused where it is false', async () => {
		// Line `seq` split into 6 Accepted + 4 Backordered; the other line accepted in full.
		const split = (seq: string) => {
			const a: any = fullAck('PO000001', [{ seq: seq === '1' ? '2' : '1', amount: 10 }]);
			a.items.push({
				itemSequenceNumber: seq,
				orderedQuantity: { amount: 10, unitOfMeasure: 'Eaches', unitSize: 1 },
				netCost: { currencyCode: 'USD', amount: '12.50' },
				itemAcknowledgements: [
					{
						acknowledgementCode: 'Accepted',
						acknowledgedQuantity: { amount: 6, unitOfMeasure: 'Eaches' },
						scheduledShipDate: '2026-03-05T00:00:00Z',
					},
					{
						acknowledgementCode: 'Backordered',
						acknowledgedQuantity: { amount: 4, unitOfMeasure: 'Eaches' },
						scheduledShipDate: '2026-03-12T00:00:00Z',
					},
				],
			});
			return a;
		};
		const refused = await sb.acknowledge([split('1')]);
		expect(refused.status).toBe('Failure');
		expect(refused.errors?.map((e) => e.code)).toEqual(['BACKORDER_NOT_ALLOWED']);
		const allowed = await sb.acknowledge([split('2')]);
		expect(allowed.status).toBe('Success');
		const status = await itemStatuses('PO000001');
		expect(status[1].acknowledgementStatus).toMatchObject({
			confirmationStatus: 'ACCEPTED',
			acceptedQuantity: { amount: 10 },
		});
	});

	it('a line once Rejected cannot become Accepted or Backordered; Rejected again is fine', async () => {
		const reject = fullAck('PO000001', [{ seq: '2', amount: 10 }]);
		reject.items.unshift({
			itemSequenceNumber: '1',
			orderedQuantity: { amount: 10, unitOfMeasure: 'Eaches', unitSize: 1 },
			netCost: { currencyCode: 'USD', amount: '12.50' },
			itemAcknowledgements: [
				{
					acknowledgementCode: 'Rejected',
					acknowledgedQuantity: { amount: 10, unitOfMeasure: 'Eaches', unitSize: 1 },
					rejectionReason: 'TemporarilyUnavailable',
				} as any,
			],
		});
		expect((await sb.acknowledge([reject])).status).toBe('Success');
		expect((await itemStatuses('PO000001'))[0].acknowledgementStatus).toMatchObject({
			confirmationStatus: 'REJECTED',
			acceptedQuantity: { amount: 0 },
			rejectedQuantity: { amount: 10 },
		});

		const accept = await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 10 }])]);
		expect(accept.status).toBe('Failure');
		expect(accept.errors?.map((e) => e.code)).toEqual(['REJECTED_ITEM_CANNOT_BE_ACCEPTED']);
		expect((await sb.acknowledge([reject])).status).toBe('Success');
	});

	it('rejected quantity is final: 4 cases accepted + 1 rejected, then 5 accepted, fails', async () => {
		const q = (amount: number) => ({ amount, unitOfMeasure: 'Cases', unitSize: 10 });
		const caseAck = (accepted: number, rejected: number) => ({
			purchaseOrderNumber: 'CASEPO01',
			sellingParty: { partyId: 'API01' },
			acknowledgementDate: START,
			items: [
				{
					itemSequenceNumber: '1',
					orderedQuantity: q(5),
					netCost: { currencyCode: 'USD', amount: '12.50' },
					itemAcknowledgements: [
						{ acknowledgementCode: 'Accepted', acknowledgedQuantity: q(accepted) },
						...(rejected
							? [
									{
										acknowledgementCode: 'Rejected',
										acknowledgedQuantity: q(rejected),
										rejectionReason: 'TemporarilyUnavailable',
									},
								]
							: []),
					],
				},
			],
		});
		expect((await sb.acknowledge([caseAck(4, 1)])).status).toBe('Success');
		const all = await sb.acknowledge([caseAck(5, 0)]);
		expect(all.status).toBe('Failure');
		expect(all.errors).toEqual([
			{
				code: 'REJECTED_QUANTITY_CANNOT_BE_ACCEPTED',
				message:
					'10 eaches of the line were rejected earlier and cannot be acknowledged as Accepted or ' +
					'Backordered; rejected quantity is final.',
				details: 'purchaseOrderNumber CASEPO01, itemSequenceNumber 1',
			},
		]);
		// Accepting less, or the same again, is fine.
		expect((await sb.acknowledge([caseAck(3, 2)])).status).toBe('Success');
		expect((await sb.acknowledge([caseAck(4, 1)])).status).toBe('Failure');
		expect((await sb.acknowledge([caseAck(3, 2)])).status).toBe('Success');
	});

	it('cost: equal or lower passes, above the PO cost fails, a missing cost fails', async () => {
		const above = await sb.acknowledge([
			fullAck('PO000001', [
				{ seq: '1', amount: 10, cost: '12.51' },
				{ seq: '2', amount: 10 },
			]),
		]);
		expect(above.status).toBe('Failure');
		expect(above.errors?.map((e) => e.code)).toEqual(['NET_COST_ABOVE_PO_COST']);

		const noCost: any = fullAck('PO000001', [
			{ seq: '1', amount: 10 },
			{ seq: '2', amount: 10 },
		]);
		delete noCost.items[0].netCost;
		expect((await sb.acknowledge([noCost])).errors?.map((e) => e.code)).toEqual([
			'MISSING_NET_COST',
		]);

		const lower = await sb.acknowledge([
			fullAck('PO000001', [
				{ seq: '1', amount: 10, cost: '12.00' },
				{ seq: '2', amount: 10, cost: '12.5' },
			]),
		]);
		expect(lower.status).toBe('Success');
	});

	it('a Closed PO cannot be acknowledged; an unknown PO fails with INVALID_ORDER_ID', async () => {
		const closed = await sb.acknowledge([fullAck('CLOSED01', [{ seq: '1', amount: 10 }])]);
		expect(closed.status).toBe('Failure');
		expect(closed.errors?.map((e) => e.code)).toEqual(['PO_CLOSED']);
		const unknown = await sb.acknowledge([fullAck('NOPE0001', [{ seq: '1', amount: 10 }])]);
		expect(unknown.errors).toEqual([
			{
				code: 'INVALID_ORDER_ID',
				message: 'Invalid order ID.',
				details: 'purchaseOrderNumber NOPE0001',
			},
		]);
	});

	it('refuses another vendor code and a line that is not on the PO', async () => {
		const other = {
			...fullAck('PO000001', [
				{ seq: '1', amount: 10 },
				{ seq: '2', amount: 10 },
			]),
			sellingParty: { partyId: 'OTHER' },
		};
		expect((await sb.acknowledge([other])).errors?.map((e) => e.code)).toEqual([
			'SELLING_PARTY_MISMATCH',
		]);
		const extra = fullAck('PO000001', [
			{ seq: '1', amount: 10 },
			{ seq: '2', amount: 10 },
			{ seq: '3', amount: 1 },
		]);
		expect((await sb.acknowledge([extra])).errors?.map((e) => e.code)).toEqual(['INVALID_ITEM']);
	});

	it('records lines missing from the first acknowledgement as implicitly rejected', async () => {
		const r = await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 10 }])]);
		expect(r.status).toBe('Success');
		const state = sb.control.state() as any;
		const ack = state.amazon.acknowledgements.find((a: any) => a.transactionId === r.transactionId);
		expect(ack).toMatchObject({
			purchaseOrderNumber: 'PO000001',
			implicitlyRejectedItems: ['2'],
			status: 'Success',
		});
		const status = await itemStatuses('PO000001');
		expect(status.map((s) => s.acknowledgementStatus.confirmationStatus)).toEqual([
			'ACCEPTED',
			'REJECTED',
		]);
		// The implicit rejection is a rejection: line 2 cannot be accepted later.
		const later = await sb.acknowledge([fullAck('PO000001', [{ seq: '2', amount: 10 }])]);
		expect(later.errors?.map((e) => e.code)).toEqual(['REJECTED_ITEM_CANNOT_BE_ACCEPTED']);
	});

	it('a single-line update replaces that line only and keeps the others', async () => {
		expect(
			(
				await sb.acknowledge([
					fullAck('PO000001', [
						{ seq: '1', amount: 10 },
						{ seq: '2', amount: 10 },
					]),
				])
			).status,
		).toBe('Success');
		expect((await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 7 }])])).status).toBe(
			'Success',
		);
		const status = await itemStatuses('PO000001');
		expect(status[0].acknowledgementStatus).toMatchObject({
			confirmationStatus: 'PARTIALLY_ACCEPTED',
			acceptedQuantity: { amount: 7 },
			rejectedQuantity: { amount: 3 },
		});
		expect(status[0].acknowledgementStatus.acknowledgementStatusDetails).toHaveLength(2);
		expect(status[1].acknowledgementStatus.confirmationStatus).toBe('ACCEPTED');
	});

	it('rejecting every line closes the PO', async () => {
		const reject: any = fullAck('PO000001', [
			{ seq: '1', amount: 10 },
			{ seq: '2', amount: 10 },
		]);
		for (const i of reject.items) i.itemAcknowledgements[0].acknowledgementCode = 'Rejected';
		expect((await sb.acknowledge([reject])).status).toBe('Success');
		expect(poState('PO000001')).toBe('Closed');
	});
});

describe('transactions', () => {
	it('read Processing for the configured time, then Success or Failure', async () => {
		sb.control.configure({ transactionProcessingMs: 2000 });
		try {
			const ok = await sb.post(ACKS, {
				acknowledgements: [
					fullAck('PO000001', [
						{ seq: '1', amount: 10 },
						{ seq: '2', amount: 10 },
					]),
				],
			});
			const bad = await sb.post(ACKS, {
				acknowledgements: [fullAck('CLOSED01', [{ seq: '1', amount: 10 }])],
			});
			const status = async (r: any) =>
				(await sb.get(`/vendor/transactions/v1/transactions/${r.body.payload.transactionId}`)).body
					.payload.transactionStatus;
			expect(await status(ok)).toEqual({
				transactionId: ok.body.payload.transactionId,
				status: 'Processing',
			});
			expect(poState('PO000001')).toBe('New');
			sb.clock.advance(1999);
			expect((await status(bad)).status).toBe('Processing');
			sb.clock.advance(1);
			expect((await status(ok)).status).toBe('Success');
			expect(await status(bad)).toEqual({
				transactionId: bad.body.payload.transactionId,
				status: 'Failure',
				errors: [expect.objectContaining({ code: 'PO_CLOSED' })],
			});
			expect(poState('PO000001')).toBe('Acknowledged');
		} finally {
			sb.control.configure({ transactionProcessingMs: 0 });
		}
	});

	it('answers 400 for a malformed id and 404 for an unknown one', async () => {
		const bad = await sb.get(
			'/vendor/transactions/v1/transactions/Tran0904190535-eef8cad8-418e-4ed3-ac72-789e2ee6214a',
		);
		expect(bad.status).toBe(400);
		expect(bad.body.errors[0]).toMatchObject({
			code: 'InvalidInput',
			message: 'Invalid transmission ID.',
		});
		const unknown = await sb.get(
			'/vendor/transactions/v1/transactions/20190904190535-eef8cad8-418e-4ed3-ac72-789e2ee6214a',
		);
		expect(unknown.status).toBe(404);
	});

	it('gives other routes a registry: errors computed at settlement, onSuccess applied', async () => {
		const applied: string[] = [];
		const ok = sb.control.amazon.registerTransaction({
			kind: 'invoice',
			operation: 'submitInvoices',
			references: ['INV-1'],
			errors: () => [],
			onSuccess: (tx) => applied.push(tx.transactionId),
		});
		const bad = sb.control.amazon.registerTransaction({
			kind: 'invoice',
			operation: 'submitInvoices',
			errors: [{ code: 'X', message: 'x' }],
		});
		expect(ok.status).toBe('Processing');
		sb.control.amazon.tick();
		expect([ok.status, bad.status]).toEqual(['Success', 'Failure']);
		expect(applied).toEqual([ok.transactionId]);
		expect(bad.errors).toEqual([{ code: 'X', message: 'x' }]);
	});
});
