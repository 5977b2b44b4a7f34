import { NodeApiError } from 'n8n-workflow';
import { AmazonVendorCentralApi } from '../../credentials/AmazonVendorCentralApi.credentials';
import {
	spApiPaginate,
	spApiRequest,
	waitForTransaction,
	payloadOf,
	type TransportOptions,
} from '../../nodes/shared/transport/spApi';
import { credentialStore, createContext, resolveCredentialExpression } from '../helpers/n8nContext';
import { LWA, credentialsFor, startTestServer, type TestServer } from '../helpers/testServer';

const ORDERS = '/vendor/orders/v1/purchaseOrders';

/** Instant sleeps that record what the transport asked for. */
function recordingSleep() {
	const delays: number[] = [];
	return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

describe('SP-API transport', () => {
	let server: TestServer;
	beforeEach(async () => {
		server = await startTestServer();
	});
	afterEach(async () => {
		await server.close();
	});

	function context(extra: Partial<Parameters<typeof createContext>[0]> = {}) {
		const store = credentialStore(credentialsFor(server));
		return { store, ctx: createContext({ store, ...extra }) };
	}

	describe('credential', () => {
		it('requests the token with a form-encoded refresh-token grant and sends it as x-amz-access-token', async () => {
			server.queue(ORDERS, { status: 200, body: { payload: { orders: [] } } });
			const { ctx, store } = context();
			await spApiRequest.call(ctx, { operation: 'getPurchaseOrders', method: 'GET', path: ORDERS });

			const tokenCall = server.requests.find((r) => r.path === '/auth/o2/token')!;
			expect(tokenCall.method).toBe('POST');
			expect(tokenCall.headers['content-type']).toBe(
				'application/x-www-form-urlencoded;charset=UTF-8',
			);
			expect(tokenCall.body).toBe(
				'grant_type=refresh_token&refresh_token=Atzr%7CIwEBIrefresh%26token%3D1' +
					'&client_id=amzn1.application-oa2-client.test&client_secret=client%2Bsecret%2F%3D',
			);
			const call = server.requests.find((r) => r.path === ORDERS)!;
			expect(call.headers['x-amz-access-token']).toBe('Atza|token-1');
			expect(store.data.accessToken).toBe('Atza|token-1');
			expect(store.preAuthCalls).toEqual([false]);
		});

		it('reuses the stored access token until Amazon answers 403, then refreshes once and resends', async () => {
			server.queue(ORDERS, { status: 200, body: { payload: { orders: [] } } });
			const { ctx, store } = context();
			await spApiRequest.call(ctx, { operation: 'getPurchaseOrders', method: 'GET', path: ORDERS });
			await spApiRequest.call(ctx, { operation: 'getPurchaseOrders', method: 'GET', path: ORDERS });
			expect(server.tokens).toEqual(['Atza|token-1']);

			server.expireTokens();
			const result = await spApiRequest.call(ctx, {
				operation: 'getPurchaseOrders',
				method: 'GET',
				path: ORDERS,
			});
			expect(result.status).toBe(200);
			expect(server.tokens).toEqual(['Atza|token-1', 'Atza|token-2']);
			expect(store.preAuthCalls).toEqual([false, true]);
			const orderCalls = server.requests.filter((r) => r.path === ORDERS);
			expect(orderCalls.map((r) => r.headers['x-amz-access-token'])).toEqual([
				'Atza|token-1',
				'Atza|token-1',
				'Atza|token-1',
				'Atza|token-1',
				'Atza|token-2',
			]);
		});

		it('reports a refused refresh token without showing any secret', async () => {
			const store = credentialStore({
				...credentialsFor(server),
				refreshToken: 'Atzr|wrong-token',
			});
			const ctx = createContext({ store });
			const error = await spApiRequest
				.call(ctx, { operation: 'getPurchaseOrders', method: 'GET', path: ORDERS })
				.catch((e: unknown) => e);
			const text =
				JSON.stringify(error) + String((error as Error).message) + String((error as Error).stack);
			expect(text).toContain('invalid_grant');
			expect(text).not.toContain('Atzr|wrong-token');
			expect(text).not.toContain(LWA.clientSecret);
		});

		it("has a Test request that makes one cheap authenticated call to the region's host", async () => {
			server.queue(ORDERS, { status: 200, body: { payload: { orders: [] } } });
			const type = new AmazonVendorCentralApi();
			const { ctx } = context();
			const creds = credentialsFor(server);
			const request = type.test.request;
			const baseURL = resolveCredentialExpression(request.baseURL, creds) as string;
			expect(baseURL).toBe(server.url);
			expect(
				resolveCredentialExpression(request.baseURL, {
					...creds,
					useCustomEndpoints: false,
					region: 'eu',
					sandbox: true,
				}),
			).toBe('https://sandbox.sellingpartnerapi-eu.amazon.com');
			await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'amazonVendorCentralApi', {
				url: `${baseURL}${request.url}`,
				qs: request.qs,
				json: true,
			});
			const call = server.requests.find((r) => r.path === ORDERS)!;
			expect(call.query).toEqual({ limit: '1', includeDetails: 'false' });
			expect(call.headers['x-amz-access-token']).toBe('Atza|token-1');
		});
	});

	describe('retries', () => {
		const quota = {
			status: 429,
			headers: { 'x-amzn-RateLimit-Limit': '10.0', 'x-amzn-RequestId': 'req-429' },
			body: {
				errors: [
					{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' },
				],
			},
		};

		it('retries a 429 with backoff and returns the later success', async () => {
			server.queue(ORDERS, quota, {
				status: 200,
				body: { payload: { orders: [{ purchaseOrderNumber: 'PO1' }] } },
				headers: { 'x-amzn-RequestId': 'req-ok' },
			});
			const { ctx } = context();
			const { delays, sleep } = recordingSleep();
			const result = await spApiRequest.call(
				ctx,
				{ operation: 'getPurchaseOrders', method: 'GET', path: ORDERS },
				{ sleep, random: () => 0.5 },
			);
			expect(result.requestId).toBe('req-ok');
			expect(payloadOf<{ orders: unknown[] }>(result.body).orders).toHaveLength(1);
			expect(delays).toEqual([375]); // first retry: ceiling 500 ms, half of it plus half the jitter range
		});

		it('honours Retry-After when Amazon sends it', async () => {
			server.queue(
				ORDERS,
				{ ...quota, headers: { ...quota.headers, 'Retry-After': '3' } },
				{ status: 200, body: { payload: {} } },
			);
			const { ctx } = context();
			const { delays, sleep } = recordingSleep();
			await spApiRequest.call(
				ctx,
				{ operation: 'getPurchaseOrders', method: 'GET', path: ORDERS },
				{ sleep, random: () => 0 },
			);
			expect(delays).toEqual([3000]);
		});

		it("gives up after the bounded number of attempts with Amazon's error and request id", async () => {
			server.queue(ORDERS, quota);
			const { ctx } = context();
			const { delays, sleep } = recordingSleep();
			const options: TransportOptions = {
				sleep,
				random: () => 1,
				retryPolicy: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250 },
			};
			const error = (await spApiRequest
				.call(
					ctx,
					{ operation: 'getPurchaseOrders', method: 'GET', path: ORDERS, itemIndex: 2 },
					options,
				)
				.catch((e: unknown) => e)) as NodeApiError;
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(
				'Amazon SP-API getPurchaseOrders failed: QuotaExceeded: You exceeded your quota for the requested resource.',
			);
			expect(error.httpCode).toBe('429');
			expect(error.description).toContain('x-amzn-RequestId: req-429');
			expect(error.description).toContain('after 4 attempts');
			expect(error.context.itemIndex).toBe(2);
			expect(server.requests.filter((r) => r.path === ORDERS)).toHaveLength(4);
			expect(delays).toEqual([100, 200, 250]); // exponential, capped at maxDelayMs
		});

		it('retries 500 and 503 but not a 400, whose errors are passed on with code, message and details', async () => {
			server.queue(
				ORDERS,
				{ status: 500, body: { errors: [{ code: 'InternalFailure', message: 'x' }] } },
				{ status: 503, body: {} },
				{ status: 200, body: { payload: {} } },
			);
			const { ctx } = context();
			const { sleep } = recordingSleep();
			await spApiRequest.call(
				ctx,
				{ operation: 'getPurchaseOrders', method: 'GET', path: ORDERS },
				{ sleep },
			);
			expect(server.requests.filter((r) => r.path === ORDERS)).toHaveLength(3);

			server.queue('/vendor/orders/v1/purchaseOrders/null', {
				status: 400,
				headers: { 'x-amzn-RequestId': 'req-400' },
				body: {
					errors: [
						{
							code: 'InvalidRequest',
							message: 'Request is missing or has invalid parameters',
							details: 'purchaseOrderNumber cannot be null',
						},
					],
				},
			});
			const error = (await spApiRequest
				.call(
					ctx,
					{
						operation: 'getPurchaseOrder',
						method: 'GET',
						path: '/vendor/orders/v1/purchaseOrders/null',
					},
					{ sleep },
				)
				.catch((e: unknown) => e)) as NodeApiError;
			expect(error.message).toBe(
				'Amazon SP-API getPurchaseOrder failed: InvalidRequest: ' +
					'Request is missing or has invalid parameters (purchaseOrderNumber cannot be null)',
			);
			expect((error.errorResponse as { errors: unknown[] }).errors).toEqual([
				{
					code: 'InvalidRequest',
					message: 'Request is missing or has invalid parameters',
					details: 'purchaseOrderNumber cannot be null',
				},
			]);
			expect((error.errorResponse as { requestId: string }).requestId).toBe('req-400');
			expect(server.requests.filter((r) => r.path.endsWith('/null'))).toHaveLength(1);
		});

		it('retries a request that timed out', async () => {
			server.queue(
				ORDERS,
				{ status: 200, body: { payload: { slow: true } }, delayMs: 400 },
				{ status: 200, body: { payload: { slow: false } } },
			);
			const { ctx } = context();
			const { sleep } = recordingSleep();
			const result = await spApiRequest.call(
				ctx,
				{ operation: 'getPurchaseOrders', method: 'GET', path: ORDERS },
				{ sleep, timeoutMs: 100 },
			);
			expect(payloadOf<{ slow: boolean }>(result.body).slow).toBe(false);
		});

		it('never puts a secret into an error', async () => {
			server.queue(ORDERS, {
				status: 400,
				body: { errors: [{ code: 'InvalidInput', message: 'bad' }] },
			});
			const { ctx, store } = context();
			const error = await spApiRequest
				.call(ctx, { operation: 'getPurchaseOrders', method: 'GET', path: ORDERS })
				.catch((e: unknown) => e);
			const text =
				JSON.stringify(error) +
				String((error as Error).stack) +
				JSON.stringify((error as NodeApiError).errorResponse);
			for (const secret of [LWA.clientSecret, LWA.refreshToken, String(store.data.accessToken)]) {
				expect(text).not.toContain(secret);
			}
		});
	});

	it('follows nextToken over several pages, repeating the query, and stops at the limit', async () => {
		server.handle((req) => {
			const page = Number(req.query.nextToken ?? '0');
			const orders = [1, 2].map((n) => ({ purchaseOrderNumber: `PO${page * 2 + n}` }));
			return {
				status: 200,
				body: {
					payload: { orders, ...(page < 2 ? { pagination: { nextToken: String(page + 1) } } : {}) },
				},
			};
		});
		const { ctx } = context();
		const read = (body: unknown) => {
			const p = payloadOf<{
				orders: Array<{ purchaseOrderNumber: string }>;
				pagination?: { nextToken?: string };
			}>(body);
			return { items: p.orders, nextToken: p.pagination?.nextToken };
		};
		const call = {
			operation: 'getPurchaseOrders' as const,
			method: 'GET' as const,
			path: ORDERS,
			qs: { limit: 2, sortOrder: 'ASC' },
		};
		const all = await (spApiPaginate<{ purchaseOrderNumber: string }>).call(ctx, call, read);
		expect(all.map((o) => o.purchaseOrderNumber)).toEqual([
			'PO1',
			'PO2',
			'PO3',
			'PO4',
			'PO5',
			'PO6',
		]);
		expect(server.requests.filter((r) => r.path === ORDERS).map((r) => r.query)).toEqual([
			{ limit: '2', sortOrder: 'ASC' },
			{ limit: '2', sortOrder: 'ASC', nextToken: '1' },
			{ limit: '2', sortOrder: 'ASC', nextToken: '2' },
		]);

		server.requests.length = 0;
		const three = await (spApiPaginate<{ purchaseOrderNumber: string }>).call(ctx, call, read, {
			max: 3,
		});
		expect(three.map((o) => o.purchaseOrderNumber)).toEqual(['PO1', 'PO2', 'PO3']);
		expect(server.requests.filter((r) => r.path === ORDERS)).toHaveLength(2);
	});

	describe('transactions', () => {
		const path = '/vendor/transactions/v1/transactions/tx-1';
		const status = (s: string, errors?: unknown[]) => ({
			status: 200,
			body: {
				payload: {
					transactionStatus: { transactionId: 'tx-1', status: s, ...(errors ? { errors } : {}) },
				},
			},
		});

		it('polls until Success', async () => {
			server.queue(path, status('Processing'), status('Processing'), status('Success'));
			const { ctx } = context();
			const { delays, sleep } = recordingSleep();
			const result = await waitForTransaction.call(
				ctx,
				'tx-1',
				{ maxWaitMs: 60_000, intervalMs: 5000 },
				0,
				{ sleep },
			);
			expect(result).toEqual({
				transactionId: 'tx-1',
				status: 'Success',
				errors: [],
				final: true,
				polls: 3,
			});
			expect(delays).toEqual([5000, 5000]);
		});

		it("returns Amazon's error list on Failure", async () => {
			server.queue(
				path,
				status('Processing'),
				status('Failure', [
					{ code: 'INVALID_ORDER_ID', message: 'Invalid order ID', details: 'PO ABC' },
				]),
			);
			const { ctx } = context();
			const { sleep } = recordingSleep();
			const result = await waitForTransaction.call(
				ctx,
				'tx-1',
				{ maxWaitMs: 60_000, intervalMs: 1000 },
				0,
				{ sleep },
			);
			expect(result.status).toBe('Failure');
			expect(result.final).toBe(true);
			expect(result.errors).toEqual([
				{ code: 'INVALID_ORDER_ID', message: 'Invalid order ID', details: 'PO ABC' },
			]);
		});

		it('stops at the bound while still Processing', async () => {
			server.queue(path, status('Processing'));
			const { ctx } = context();
			let clock = 0;
			const sleep = async (ms: number) => {
				clock += ms;
			};
			const result = await waitForTransaction.call(
				ctx,
				'tx-1',
				{ maxWaitMs: 10_000, intervalMs: 3000 },
				0,
				{ sleep, now: () => clock },
			);
			expect(result.status).toBe('Processing');
			expect(result.final).toBe(false);
			expect(result.polls).toBe(5); // at 0, 3, 6, 9 and 10 s
			expect(clock).toBe(10_000);
		});
	});

	it("paces one execution's calls to Amazon's rate: 10 per second after a burst of 10", async () => {
		// The server keeps Amazon's token bucket and records every violation.
		const bucket = { tokens: 10, last: 0 };
		let violations = 0;
		server.handle((req) => {
			if (req.path !== ORDERS) return undefined;
			const now = req.at;
			if (bucket.last)
				bucket.tokens = Math.min(10, bucket.tokens + ((now - bucket.last) / 1000) * 10);
			bucket.last = now;
			// 25 ms of tolerance for timer and network jitter.
			if (bucket.tokens < 1 - 0.25) violations++;
			bucket.tokens -= 1;
			return { status: 200, body: { payload: { orders: [] } } };
		});
		const { ctx } = context();
		await spApiRequest.call(ctx, { operation: 'getPurchaseOrders', method: 'GET', path: ORDERS }); // token fetch warms up
		server.requests.length = 0;
		bucket.tokens = 9;
		await Promise.all(
			Array.from({ length: 24 }, () =>
				spApiRequest.call(ctx, { operation: 'getPurchaseOrders', method: 'GET', path: ORDERS }),
			),
		);
		const calls = server.requests.filter((r) => r.path === ORDERS);
		expect(calls).toHaveLength(24);
		expect(violations).toBe(0);
		// 24 calls with 9 tokens left need at least 1.5 s at 10 per second.
		expect(calls[calls.length - 1].at - calls[0].at).toBeGreaterThanOrEqual(1400);
		// No 1-second window holds more than burst + rate.
		for (const first of calls) {
			expect(
				calls.filter((c) => c.at >= first.at && c.at < first.at + 1000).length,
			).toBeLessThanOrEqual(20);
		}
	});
});
