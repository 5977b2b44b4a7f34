/**
 * Helpers for the Magento service's tests (and for anyone driving the simulated shop from a test):
 * an in-process sandbox with only the Magento service, a REST client that sends what n8n's
 * Magento 2 node sends (Bearer token, JSON), and a small seed with a customer and two SKUs.
 */
import { manualClock, type ManualClock } from '../clock';
import { startSandbox, type SandboxHandle } from '../server';
import type { ServiceFactory } from '../services';
import type { MagentoSeed } from './seed';
import { DEFAULT_INTEGRATION_TOKEN } from './state';
import { fetchReply, type Reply } from '../http/testing';

export type { Reply };

export interface RestOptions {
	/** Bearer token; null sends none. Default: the default integration token. */
	token?: string | null;
	/** Store code in the path (/rest/<store>/V1/…); null gives /rest/V1/…. Default "default". */
	store?: string | null;
	query?: Record<string, string | number>;
	headers?: Record<string, string>;
	/** Sent as is instead of JSON. */
	rawBody?: string;
}

export interface MagentoTestSandbox {
	sandbox: SandboxHandle;
	clock: ManualClock;
	url: string;
	/** A Magento REST call: path from /V1/…. */
	rest<T = any>(
		method: string,
		path: string,
		body?: unknown,
		options?: RestOptions,
	): Promise<Reply<T>>;
	/** A control-API call: path from /__sandbox/…. */
	ctl<T = any>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
	/** GET /__sandbox/state's magento part. */
	state(): any;
	close(): Promise<void>;
}

export const START = '2026-03-02T12:00:00.000Z';
export const TOKEN = DEFAULT_INTEGRATION_TOKEN;

export async function startMagentoSandbox(services: ServiceFactory[]): Promise<MagentoTestSandbox> {
	const clock = manualClock(START);
	const sandbox = await startSandbox({ now: clock.now, rateLimits: false, services });
	return {
		sandbox,
		clock,
		url: sandbox.url,
		rest(method, path, body, options = {}) {
			const store = options.store === undefined ? 'default' : options.store;
			const qs = new URLSearchParams(
				Object.entries(options.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
			).toString();
			const url = `${sandbox.url}/rest${store === null ? '' : `/${store}`}${path}${qs ? `?${qs}` : ''}`;
			const token = options.token === undefined ? TOKEN : options.token;
			const headers: Record<string, string> = {
				accept: 'application/json',
				...(options.headers ?? {}),
			};
			if (token !== null) headers.authorization = `Bearer ${token}`;
			let payload: string | undefined;
			if (options.rawBody !== undefined) payload = options.rawBody;
			else if (body !== undefined) {
				payload = JSON.stringify(body);
				headers['content-type'] ??= 'application/json';
			}
			return fetchReply(url, { method, headers, body: payload });
		},
		ctl(method, path, body) {
			return fetchReply(`${sandbox.url}${path}`, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		},
		state() {
			return sandbox.control.state().magento;
		},
		close: () => sandbox.close(),
	};
}

export const ADDRESS = {
	firstname: 'Ada',
	lastname: 'Buyer',
	street: ['1 Main Street'],
	city: 'Austin',
	region: 'Texas',
	region_id: 57,
	region_code: 'TX',
	postcode: '78701',
	country_id: 'US',
	telephone: '5125550100',
	email: 'ada@example.com',
};

/** Two SKUs (WIDGET 10 at "default" + 5 at "east", GADGET 3 at "default"), one customer (id 7). */
export const BASIC_SEED: MagentoSeed = {
	sources: [{ sourceCode: 'east', name: 'East warehouse' }],
	stocks: [
		{ stockId: 1, name: 'Default Stock', sourceCodes: ['default', 'east'], websiteCodes: ['base'] },
	],
	products: [
		{ sku: 'WIDGET', name: 'Widget', price: 12.5, weight: 1, stock: { default: 10, east: 5 } },
		{ sku: 'GADGET', name: 'Gadget', price: 40, weight: 2, stock: { default: 3 } },
	],
	customers: [
		{ id: 7, email: 'ada@example.com', firstname: 'Ada', lastname: 'Buyer', addresses: [ADDRESS] },
	],
};

/** The REST checkout of a customer order; answers the order entity id. */
export async function placeCustomerOrder(
	t: MagentoTestSandbox,
	lines: Array<{ sku: string; qty: number }>,
	poNumber = 'PO-1001',
	customerId = 7,
): Promise<number> {
	const cart = await t.rest('POST', `/V1/customers/${customerId}/carts`);
	if (cart.status !== 200) throw new Error(`cart: ${cart.status} ${JSON.stringify(cart.body)}`);
	for (const l of lines) {
		const r = await t.rest('POST', `/V1/carts/${cart.body}/items`, {
			cartItem: { sku: l.sku, qty: l.qty, quote_id: String(cart.body) },
		});
		if (r.status !== 200) throw new Error(`item: ${r.status} ${JSON.stringify(r.body)}`);
	}
	const ship = await t.rest('POST', `/V1/carts/${cart.body}/shipping-information`, {
		addressInformation: {
			shipping_address: ADDRESS,
			billing_address: ADDRESS,
			shipping_carrier_code: 'flatrate',
			shipping_method_code: 'flatrate',
		},
	});
	if (ship.status !== 200) throw new Error(`shipping: ${ship.status} ${JSON.stringify(ship.body)}`);
	const order = await t.rest('PUT', `/V1/carts/${cart.body}/order`, {
		paymentMethod: { method: 'purchaseorder', po_number: poNumber },
	});
	if (order.status !== 200) throw new Error(`order: ${order.status} ${JSON.stringify(order.body)}`);
	return order.body as number;
}
