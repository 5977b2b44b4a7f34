/** The SP-API transport against the Vendor Central sandbox: token expiry, throttling, faults, pages, transactions. */
import { spApiRequest, waitForTransaction, payloadOf } from '../../nodes/shared/transport/spApi';
import { fetchOrders } from '../../nodes/shared/transport/orders';
import { windowedQueries } from '../../nodes/shared/domain/orderQueries';
import { createContext } from '../helpers/n8nContext';
import { amazonOrder, startPackageSandbox, type PackageSandbox } from '../helpers/sandbox';

const ORDERS = '/vendor/orders/v1/purchaseOrders';

describe('SP-API transport against the sandbox', () => {
	let sandbox: PackageSandbox;
	beforeEach(async () => {
		sandbox = await startPackageSandbox({ tokenLifetimeSeconds: 3600 });
	});
	afterEach(async () => {
		await sandbox.close();
	});

	it(
		'gets a token from the sandbox LWA endpoint and refreshes it ' +
			'when the sandbox expires every token (403)',
		async () => {
			const store = sandbox.store();
			const ctx = createContext({ store });
			await spApiRequest.call(ctx, {
				operation: 'getPurchaseOrders',
				method: 'GET',
				path: ORDERS,
				qs: { limit: 1 },
			});
			const first = store.data.accessToken;
			sandbox.control.expireTokens();
			const again = await spApiRequest.call(ctx, {
				operation: 'getPurchaseOrders',
				method: 'GET',
				path: ORDERS,
				qs: { limit: 1 },
			});
			expect(again.status).toBe(200);
			expect(store.data.accessToken).not.toBe(first);
			expect(store.preAuthCalls).toEqual([false, true]);
			const statuses = sandbox.control
				.requests()
				.filter((r) => r.path === ORDERS)
				.map((r) => r.status);
			expect(statuses).toEqual([200, 403, 403, 200]);
		},
	);

	it('retries injected 503 and 429 answers and succeeds', async () => {
		sandbox.control.addFaults([
			{ service: 'amazon', operation: 'getPurchaseOrders', status: 503, count: 1 },
			{ service: 'amazon', operation: 'getPurchaseOrders', status: 429, count: 1 },
		]);
		const ctx = createContext({ store: sandbox.store() });
		const sleep = async () => undefined;
		const result = await spApiRequest.call(
			ctx,
			{ operation: 'getPurchaseOrders', method: 'GET', path: ORDERS },
			{ sleep },
		);
		expect(result.status).toBe(200);
		const statuses = sandbox.control
			.requests()
			.filter((r) => r.path === ORDERS)
			.map((r) => r.status);
		expect(statuses.filter((s) => s !== 200)).toHaveLength(2);
		expect(statuses[statuses.length - 1]).toBe(200);
	});

	it("paces 30 calls of one execution within Amazon's usage plan (10/s, burst 10), and all succeed", async () => {
		// What the transport controls is when it sends: the send instants are replayed through
		// Amazon's token bucket. (The sandbox judges by arrival time, which a loaded machine delays
		// unevenly, so a 429 it sends now and then is retried and is not what this test is about.)
		const ctx = createContext({ store: sandbox.store() });
		const sent: number[] = [];
		const send = ctx.helpers.httpRequestWithAuthentication;
		ctx.helpers.httpRequestWithAuthentication = async function (this: unknown, ...args: unknown[]) {
			sent.push(Date.now());
			return await (send as (...a: unknown[]) => Promise<unknown>).apply(this, args);
		} as typeof send;
		const results = await Promise.all(
			Array.from({ length: 30 }, () =>
				spApiRequest.call(ctx, {
					operation: 'getPurchaseOrders',
					method: 'GET',
					path: ORDERS,
					qs: { limit: 1 },
				}),
			),
		);
		expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
		const calls = sandbox.control.requests().filter((r) => r.path === ORDERS);
		expect(calls.filter((c) => c.status === 200)).toHaveLength(30);
		let tokens = 10;
		let last = sent[0];
		const lowest = sent.map((at) => {
			tokens = Math.min(10, tokens + ((at - last) * 10) / 1000) - 1;
			last = at;
			return tokens;
		});
		// 1 ms of clock rounding per send is 0.01 token.
		expect(Math.min(...lowest)).toBeGreaterThanOrEqual(-0.02);
		expect(sent.length).toBeGreaterThanOrEqual(30);
	});

	it('reads every page and window of a 20-day range, each purchase order once', async () => {
		const orders = Array.from({ length: 60 }, (_, i) =>
			amazonOrder(`PO${String(i).padStart(6, '0')}`, [{ asin: 'B0001', amount: 1 }], {
				ageHours: 1 + i * 7,
			}),
		);
		sandbox.control.seed({ amazon: { purchaseOrders: orders } });
		const ctx = createContext({ store: sandbox.store() });
		const after = new Date(Date.now() - 20 * 24 * 3_600_000).toISOString();
		const queries = windowedQueries({ limit: 10, includeDetails: 'true' }, [
			{ afterParam: 'createdAfter', beforeParam: 'createdBefore', after },
		]);
		expect(queries).toHaveLength(3);
		const found = await fetchOrders.call(ctx, 'getPurchaseOrders', queries);
		const expected = orders
			.filter((o) => Date.parse(o.orderDetails.purchaseOrderDate) >= Date.parse(after))
			.map((o) => o.purchaseOrderNumber);
		expect(found.map((o) => o.purchaseOrderNumber).sort()).toEqual(expected.sort());
		expect(sandbox.control.requests().filter((r) => r.path === ORDERS).length).toBeGreaterThan(3);
	});

	it("waits for a transaction to Failure and returns the sandbox's errors", async () => {
		sandbox.control.seed({
			amazon: { purchaseOrders: [amazonOrder('PO000001', [{ asin: 'B0001', amount: 5 }])] },
		});
		const ctx = createContext({ store: sandbox.store() });
		const body = {
			acknowledgements: [
				{
					purchaseOrderNumber: 'PO000001',
					sellingParty: { partyId: 'VEND1' },
					acknowledgementDate: new Date().toISOString(),
					items: [
						{
							itemSequenceNumber: '1',
							amazonProductIdentifier: 'B0001',
							orderedQuantity: { amount: 5, unitOfMeasure: 'Eaches', unitSize: 1 },
							netCost: { currencyCode: 'USD', amount: '10.00' },
							itemAcknowledgements: [
								{
									acknowledgementCode: 'Accepted',
									acknowledgedQuantity: { amount: 9, unitOfMeasure: 'Eaches', unitSize: 1 },
								},
							],
						},
					],
				},
			],
		};
		const submitted = await spApiRequest.call(ctx, {
			operation: 'submitAcknowledgement',
			method: 'POST',
			path: '/vendor/orders/v1/acknowledgements',
			body,
		});
		expect(submitted.status).toBe(202);
		const id = payloadOf<{ transactionId: string }>(submitted.body).transactionId;
		const result = await waitForTransaction.call(ctx, id, { maxWaitMs: 5000, intervalMs: 100 });
		expect(result.status).toBe('Failure');
		expect(result.errors.length).toBeGreaterThan(0);
		expect(result.errors[0].message).toBe('Acknowledged 9 eaches, more than the ordered 5 Eaches.');
	});
});
