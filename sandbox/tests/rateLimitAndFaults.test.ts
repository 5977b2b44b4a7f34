import { fullAck, order, startTestSandbox, START, type TestSandbox } from './helpers';

let sb: TestSandbox;
const PO = '/vendor/orders/v1/purchaseOrders/PO000001';
const LIST = '/vendor/orders/v1/purchaseOrders';

beforeAll(async () => {
	sb = await startTestSandbox({ rateLimits: true });
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.control.reset();
	sb.control.seed({ amazon: { purchaseOrders: [order('PO000001', START)] } });
});

describe('usage plans (token buckets)', () => {
	it('allows a burst of 10, then answers 429 with x-amzn-RateLimit-Limit, and refills at 10/s', async () => {
		const token = await sb.token();
		const statuses: number[] = [];
		for (let n = 0; n < 11; n++) statuses.push((await sb.get(PO, {}, token)).status);
		expect(statuses).toEqual([...Array(10).fill(200), 429]);
		const throttled = await sb.get(PO, {}, token);
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('x-amzn-ratelimit-limit')).toBe('10.0');
		expect(throttled.body.errors[0]).toMatchObject({ code: 'QuotaExceeded' });
		// Other operations have their own bucket.
		expect((await sb.get(LIST, {}, token)).status).toBe(200);
		// 100 ms refills one token.
		sb.clock.advance(100);
		expect((await sb.get(PO, {}, token)).status).toBe(200);
		expect((await sb.get(PO, {}, token)).status).toBe(429);
		sb.clock.advance(1000);
		for (let n = 0; n < 10; n++) expect((await sb.get(PO, {}, token)).status).toBe(200);
	});

	it('getTransaction has a burst of 20', async () => {
		const id = (
			await sb.post('/vendor/orders/v1/acknowledgements', {
				acknowledgements: [fullAck('PO000001', [{ seq: '1', amount: 10 }])],
			})
		).body.payload.transactionId;
		const token = await sb.token();
		const statuses: number[] = [];
		for (let n = 0; n < 21; n++)
			statuses.push((await sb.get(`/vendor/transactions/v1/transactions/${id}`, {}, token)).status);
		expect(statuses).toEqual([...Array(20).fill(200), 429]);
	});

	it('can be turned off', async () => {
		sb.control.configure({ rateLimits: false });
		try {
			const token = await sb.token();
			for (let n = 0; n < 15; n++) expect((await sb.get(PO, {}, token)).status).toBe(200);
		} finally {
			sb.control.configure({ rateLimits: true });
		}
	});
});

describe('faults', () => {
	it('status faults with a count: 500 then 503 then normal', async () => {
		sb.control.addFaults([
			{ service: 'amazon', operation: 'getPurchaseOrder', status: 500, count: 1 },
			{ operation: 'getPurchaseOrder', status: 503, count: 1 },
		]);
		const token = await sb.token();
		const a = await sb.get(PO, {}, token);
		expect([a.status, a.body.errors[0].code]).toEqual([500, 'InternalFailure']);
		const b = await sb.get(PO, {}, token);
		expect([b.status, b.body.errors[0].code]).toEqual([503, 'ServiceUnavailable']);
		expect((await sb.get(PO, {}, token)).status).toBe(200);
		expect(sb.control.faults()).toEqual([]);
	});

	it('a 429 fault carries x-amzn-RateLimit-Limit; a 403 fault looks like an expired token', async () => {
		sb.control.addFaults([{ operation: '*', status: 429, count: 1 }]);
		const token = await sb.token();
		const throttled = await sb.get(LIST, {}, token);
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('x-amzn-ratelimit-limit')).toBe('10.0');
		sb.control.addFaults([{ operation: 'getPurchaseOrders', status: 403, count: 1 }]);
		const denied = await sb.get(LIST, {}, token);
		expect(denied.status).toBe(403);
		expect(denied.body.errors[0].details).toBe('The access token you provided has expired.');
		expect((await sb.get(LIST, {}, token)).status).toBe(200);
	});

	it('a standing fault without count applies until cleared, only to its operation', async () => {
		sb.control.addFaults([{ operation: 'getPurchaseOrders', status: 500 }]);
		const token = await sb.token();
		expect((await sb.get(LIST, {}, token)).status).toBe(500);
		expect((await sb.get(LIST, {}, token)).status).toBe(500);
		expect((await sb.get(PO, {}, token)).status).toBe(200);
		const r = await sb.ctl('DELETE', '/__sandbox/faults');
		expect(r.status).toBe(200);
		expect((await sb.get(LIST, {}, token)).status).toBe(200);
	});

	it('probability faults are reproducible with a seed', async () => {
		const token = await sb.token();
		const run = async () => {
			sb.control.setFaults([{ operation: 'getPurchaseOrder', status: 500, probability: 0.5 }], {
				seed: 42,
			});
			const out: number[] = [];
			for (let n = 0; n < 8; n++) out.push((await sb.get(PO, {}, token)).status);
			sb.clock.advance(2000);
			return out;
		};
		const first = await run();
		expect(first).toContain(500);
		expect(first).toContain(200);
		expect(await run()).toEqual(first);
		sb.control.setFaults([{ operation: 'getPurchaseOrder', status: 500, probability: 0 }]);
		expect((await sb.get(PO, {}, token)).status).toBe(200);
	});

	it('latency faults delay the answer', async () => {
		sb.control.addFaults([{ operation: 'getPurchaseOrder', latencyMs: 150, count: 1 }]);
		const token = await sb.token();
		const started = Date.now();
		expect((await sb.get(PO, {}, token)).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(145);
		const log = sb.control.requests({ operation: 'getPurchaseOrder' });
		expect(log[log.length - 1].durationMs).toBeGreaterThanOrEqual(145);
	});

	it('expireTokens expires every issued token at once', async () => {
		const token = await sb.token();
		expect((await sb.get(PO, {}, token)).status).toBe(200);
		const r = await sb.ctl('POST', '/__sandbox/faults', {
			faults: [{ service: 'amazon', type: 'expireTokens' }],
		});
		expect(r.body.expiredTokens).toBe(1);
		const expired = await sb.get(PO, {}, token);
		expect(expired.status).toBe(403);
		expect(expired.body.errors[0].details).toBe('The access token you provided has expired.');
		expect((await sb.get(PO, {}, await sb.token())).status).toBe(200);
	});

	it('transactionFailure makes the next transaction fail without running the rules', async () => {
		sb.control.addFaults([
			{
				service: 'amazon',
				operation: 'submitAcknowledgement',
				type: 'transactionFailure',
				count: 1,
			},
		]);
		const failed = await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 10 }])]);
		expect(failed.status).toBe('Failure');
		expect(failed.errors).toEqual([expect.objectContaining({ code: 'INTERNAL_ERROR' })]);
		expect(sb.control.amazon.state.purchaseOrders.get('PO000001')!.order.purchaseOrderState).toBe(
			'New',
		);
		const state = sb.control.state() as any;
		expect(state.amazon.transactions[0]).toMatchObject({
			status: 'Failure',
			forcedFailure: true,
			kind: 'acknowledgement',
		});
		expect((await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 10 }])])).status).toBe(
			'Success',
		);
	});

	it('faults on the LWA token endpoint must name it; "*" leaves it alone', async () => {
		sb.control.addFaults([{ operation: '*', status: 500, count: 1 }]);
		await expect(sb.token()).resolves.toMatch(/^Atza\|/);
		sb.control.clearFaults();
		sb.control.addFaults([{ operation: 'lwaToken', status: 503, count: 1 }]);
		await expect(sb.token()).rejects.toThrow(/503/);
		await expect(sb.token()).resolves.toMatch(/^Atza\|/);
	});

	it('everyNth fails every Nth matching call, counting the calls an earlier fault answered', async () => {
		sb.control.addFaults([{ operation: 'getPurchaseOrder', status: 500, everyNth: 3 }]);
		const token = await sb.token();
		const statuses: number[] = [];
		for (let n = 0; n < 7; n++) statuses.push((await sb.get(PO, {}, token)).status);
		expect(statuses).toEqual([200, 200, 500, 200, 200, 500, 200]);
		// Other operations do not count.
		expect((await sb.get(LIST, {}, token)).status).toBe(200);
		expect(sb.control.faults()).toEqual([
			expect.objectContaining({ operation: 'getPurchaseOrder', everyNth: 3, calls: 7, fired: 2 }),
		]);

		sb.control.setFaults([
			{ operation: 'getPurchaseOrder', status: 503, count: 1 },
			{ operation: 'getPurchaseOrder', status: 500, everyNth: 2, count: 2 },
		]);
		const answers: number[] = [];
		for (let n = 0; n < 7; n++) answers.push((await sb.get(PO, {}, token)).status);
		// 1st: the count fault (the everyNth fault counts it); 2nd and 4th: everyNth; then its count is used up.
		expect(answers).toEqual([503, 500, 200, 500, 200, 200, 200]);
		expect(sb.control.faults()).toEqual([]);
	});

	it('rejects unusable fault descriptions', async () => {
		for (const fault of [
			{ status: 200 },
			{ operation: 'x' },
			{ status: 500, count: 0 },
			{ status: 500, probability: 2 },
			{ type: 'nope' },
			{ status: 500, everyNth: 0 },
			{ status: 500, everyNth: 1.5 },
			{ status: 500, everyNth: 2, probability: 0.5 },
			{ type: 'expireTokens', everyNth: 2 },
		]) {
			const r = await sb.ctl('POST', '/__sandbox/faults', { faults: [fault] });
			expect([JSON.stringify(fault), r.status]).toEqual([JSON.stringify(fault), 400]);
		}
		expect(
			(
				await sb.ctl('POST', '/__sandbox/faults', {
					faults: [{ status: 500, everyNth: 2, probability: 0.5 }],
				})
			).body,
		).toMatchObject({
			error: 'faults[0]: everyNth and probability cannot be combined',
		});
		expect((await sb.ctl('POST', '/__sandbox/faults', { nope: [] })).status).toBe(400);
	});
});
