/**
 * Test helpers: an in-process sandbox on a free port, a tiny SP-API client (fetch), and order
 * factories in the official Order shape.
 */
import { manualClock, type ManualClock } from '../clock';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../server';
import type { Order, OrderDetails, OrderItem, PurchaseOrderState } from '../amazon/types';
import { fetchReply, type Reply } from '../http/testing';

export type { Reply };

export interface TestSandbox extends SandboxHandle {
	clock: ManualClock;
	/** A fresh LWA access token for the seeded app. */
	token(): Promise<string>;
	/** An SP-API GET with a valid token (or the given one). */
	get<T = any>(
		path: string,
		query?: Record<string, string | number | boolean>,
		token?: string | null,
	): Promise<Reply<T>>;
	/** An SP-API POST of JSON with a valid token. */
	post<T = any>(path: string, body: unknown, token?: string | null): Promise<Reply<T>>;
	/** A control-API call. */
	ctl<T = any>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
	/** Submits acknowledgements and returns the transaction status once settled. */
	acknowledge(acks: unknown[]): Promise<{
		submit: Reply;
		transactionId: string;
		status: string;
		errors?: Array<{ code: string; message: string; details?: string }>;
	}>;
}

export const START = '2026-03-02T12:00:00.000Z';

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
	const clock = manualClock(START);
	// Usage-plan buckets are off unless a test turns them on: the test clock stands still, so they would never refill.
	const sandbox = await startSandbox({ now: clock.now, rateLimits: false, ...options });
	let cached: string | undefined;
	/** With no token given, uses a cached one and, like a real client, refreshes it once on 403 (after a reset, say). */
	async function withToken<T>(
		token: string | null | undefined,
		send: (token: string | null) => Promise<Reply<T>>,
	): Promise<Reply<T>> {
		if (token !== undefined) return send(token);
		cached ??= await t.token();
		const first = await send(cached);
		if (first.status !== 403) return first;
		cached = await t.token();
		return send(cached);
	}
	const t: TestSandbox = {
		...sandbox,
		clock,
		async token() {
			const creds = sandbox.control.credentials();
			const form = new URLSearchParams({
				grant_type: 'refresh_token',
				refresh_token: creds.refreshToken,
				client_id: creds.clientId,
				client_secret: creds.clientSecret,
			});
			const r = await fetchReply<{ access_token: string }>(sandbox.tokenUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
				body: form.toString(),
			});
			if (r.status !== 200) throw new Error(`token: ${r.status} ${JSON.stringify(r.body)}`);
			return r.body.access_token;
		},
		async get(path, query = {}, token) {
			const qs = new URLSearchParams(
				Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
			).toString();
			return withToken(token, (tok) =>
				fetchReply(`${sandbox.url}${path}${qs ? `?${qs}` : ''}`, {
					headers: tok === null ? {} : { 'x-amz-access-token': tok },
				}),
			);
		},
		async post(path, body, token) {
			return withToken(token, (tok) => {
				const headers: Record<string, string> = { 'content-type': 'application/json' };
				if (tok !== null) headers['x-amz-access-token'] = tok;
				return fetchReply(`${sandbox.url}${path}`, {
					method: 'POST',
					headers,
					body: JSON.stringify(body),
				});
			});
		},
		async ctl(method, path, body) {
			const init: RequestInit = { method };
			if (body !== undefined) {
				init.body = JSON.stringify(body);
				init.headers = { 'content-type': 'application/json' };
			}
			return fetchReply(`${sandbox.url}${path}`, init);
		},
		async acknowledge(acks) {
			const submit = await t.post('/vendor/orders/v1/acknowledgements', { acknowledgements: acks });
			if (submit.status !== 202)
				throw new Error(`submitAcknowledgement: ${submit.status} ${JSON.stringify(submit.body)}`);
			const transactionId = submit.body.payload.transactionId as string;
			const r = await t.get(`/vendor/transactions/v1/transactions/${transactionId}`);
			const ts = r.body.payload.transactionStatus;
			return { submit, transactionId, status: ts.status, errors: ts.errors };
		},
	};
	return t;
}

export function item(seq: string, overrides: Partial<OrderItem> = {}): OrderItem {
	return {
		itemSequenceNumber: seq,
		amazonProductIdentifier: `B0000000${seq.padStart(2, '0')}`,
		vendorProductIdentifier: `SKU-${seq}`,
		orderedQuantity: { amount: 10, unitOfMeasure: 'Eaches', unitSize: 1 },
		isBackOrderAllowed: false,
		netCost: { currencyCode: 'USD', amount: '12.50' },
		listPrice: { currencyCode: 'USD', amount: '19.99' },
		...overrides,
	};
}

export function order(
	number: string,
	purchaseOrderDate: string,
	items: OrderItem[] = [item('1')],
	extra: { purchaseOrderState?: PurchaseOrderState; orderDetails?: Partial<OrderDetails> } = {},
): Order {
	return {
		purchaseOrderNumber: number,
		purchaseOrderState: extra.purchaseOrderState ?? 'New',
		orderDetails: {
			purchaseOrderDate,
			purchaseOrderStateChangedDate: purchaseOrderDate,
			purchaseOrderType: 'RegularOrder',
			paymentMethod: 'Invoice',
			buyingParty: { partyId: 'AMZN' },
			sellingParty: { partyId: 'API01' },
			shipToParty: { partyId: 'ABCD' },
			billToParty: { partyId: 'AMZN' },
			shipWindow: '2026-03-05T07:00:00Z--2026-03-10T07:00:00Z',
			items,
			...(extra.orderDetails ?? {}),
		},
	};
}

/** An acknowledgement that accepts every given line in full at the PO cost. */
export function fullAck(
	purchaseOrderNumber: string,
	lines: Array<{ seq: string; amount: number; cost?: string }>,
	date = START,
) {
	return {
		purchaseOrderNumber,
		sellingParty: { partyId: 'API01' },
		acknowledgementDate: date,
		items: lines.map((l) => ({
			itemSequenceNumber: l.seq,
			orderedQuantity: { amount: l.amount, unitOfMeasure: 'Eaches', unitSize: 1 },
			netCost: { currencyCode: 'USD', amount: l.cost ?? '12.50' },
			itemAcknowledgements: [
				{
					acknowledgementCode: 'Accepted',
					acknowledgedQuantity: { amount: l.amount, unitOfMeasure: 'Eaches', unitSize: 1 },
				},
			],
		})),
	};
}
