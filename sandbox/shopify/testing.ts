/**
 * For tests of the Shopify simulator: a sandbox with only the shop beside Amazon, a frozen clock,
 * a small GraphQL client and a typical shop seed. No jest here (the sandbox build compiles it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { manualClock, type ManualClock } from '../clock';
import { startSandbox, type SandboxHandle } from '../server';
import { createShopifyService } from './index';
import type { ShopifySeed } from './seed';
import { DEFAULT_ACCESS_TOKEN } from './state';
import { fetchReply, type Reply } from '../http/testing';

export type { Reply };

export interface GqlOptions {
	version?: string;
	/** null: no token header. */
	token?: string | null;
	operationName?: string;
}

export interface ShopifyTestSandbox extends SandboxHandle {
	clock: ManualClock;
	gql<T = any>(
		query: string,
		variables?: Record<string, unknown>,
		options?: GqlOptions,
	): Promise<Reply<T>>;
	ctl<T = any>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
	/** The shop's part of GET /__sandbox/state. */
	state(): any;
}

export const START = '2026-03-02T12:00:00.000Z';

export async function startShopifySandbox(): Promise<ShopifyTestSandbox> {
	const clock = manualClock(START);
	const sandbox = await startSandbox({
		now: clock.now,
		rateLimits: false,
		services: [createShopifyService],
	});
	return {
		...sandbox,
		clock,
		gql(query, variables, options = {}) {
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			const token = options.token === undefined ? DEFAULT_ACCESS_TOKEN : options.token;
			if (token !== null) headers['x-shopify-access-token'] = token;
			return fetchReply(`${sandbox.url}/admin/api/${options.version ?? '2026-04'}/graphql.json`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ query, variables, operationName: options.operationName }),
			});
		},
		ctl(method, path, body) {
			const init: RequestInit = { method };
			if (body !== undefined) {
				init.body = JSON.stringify(body);
				init.headers = { 'content-type': 'application/json' };
			}
			return fetchReply(`${sandbox.url}${path}`, init);
		},
		state: () => sandbox.control.state().shopify,
	};
}

/**
 * Two locations and four variants: ESP-1000 (40 + 10 in stock), FRO-200 (5, DENY),
 * GRD-300 (none, CONTINUE), FLT-10 (not tracked).
 */
export const SHOP_SEED: ShopifySeed = {
	shop: {
		name: 'Acme Wholesale',
		myshopifyDomain: 'acme-wholesale.myshopify.com',
		currencyCode: 'USD',
	},
	locations: [
		{ name: 'Main warehouse', address: { city: 'Reno', countryCode: 'US', zip: '89501' } },
		{ name: 'Overflow' },
	],
	products: [
		{
			title: 'Espresso Machine',
			vendor: 'Acme',
			productType: 'Appliances',
			tags: ['amazon-vc'],
			variants: [
				{
					sku: 'ESP-1000',
					barcode: '8806098286500',
					price: '149.00',
					stock: { 'Main warehouse': 40, Overflow: { available: 10, damaged: 1, incoming: 24 } },
					metafields: [
						{
							namespace: 'amazon',
							key: 'asin',
							type: 'single_line_text_field',
							value: 'B07DFVDRAB',
						},
					],
				},
			],
		},
		{
			title: 'Milk Frother',
			variants: [
				{ sku: 'FRO-200', price: '29.50', inventoryPolicy: 'DENY', stock: { 'Main warehouse': 5 } },
			],
		},
		{
			title: 'Coffee Grinder',
			variants: [
				{
					sku: 'GRD-300',
					price: '59.00',
					inventoryPolicy: 'CONTINUE',
					stock: { 'Main warehouse': 0 },
				},
			],
		},
		{ title: 'Paper Filters', variants: [{ sku: 'FLT-10', price: '4.00', tracked: false }] },
	],
};

/** The `gid://shopify/ProductVariant/…` of a seeded SKU. */
export function variantGid(sandbox: ShopifyTestSandbox, sku: string): string {
	for (const p of sandbox.state().products)
		for (const v of p.variants) if (v.sku === sku) return v.id;
	throw new Error(`No variant with SKU ${sku}`);
}

export function inventoryItemGid(sandbox: ShopifyTestSandbox, sku: string): string {
	for (const p of sandbox.state().products)
		for (const v of p.variants) if (v.sku === sku) return v.inventoryItemId;
	throw new Error(`No variant with SKU ${sku}`);
}

export function locationGid(sandbox: ShopifyTestSandbox, name: string): string {
	const loc = sandbox.state().locations.find((l: { name: string }) => l.name === name);
	if (!loc) throw new Error(`No location ${name}`);
	return loc.id;
}

/** Stock of a SKU at a location, all quantity names. */
export function stock(
	sandbox: ShopifyTestSandbox,
	sku: string,
	location = 'Main warehouse',
): Record<string, number> {
	for (const p of sandbox.state().products)
		for (const v of p.variants) if (v.sku === sku) return v.stock[location];
	throw new Error(`No variant with SKU ${sku}`);
}

/** The order fields most tests read. */
export const ORDER_FIELDS = `id name poNumber tags displayFulfillmentStatus edited
  lineItems(first: 20) { nodes { id sku quantity currentQuantity unfulfilledQuantity } }
  fulfillmentOrders(first: 10) { nodes { id status lineItems(first: 20) { nodes { id totalQuantity
    remainingQuantity lineItem { sku } } } } }`;

export const ORDER_CREATE = `mutation OrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) {
    order { ${ORDER_FIELDS} }
    userErrors { field message code }
  }
}`;

/** Creates an order through orderCreate (default DECREMENT_IGNORING_POLICY); fails on userErrors. */
export async function placeOrder(
	sandbox: ShopifyTestSandbox,
	lines: Array<{ sku: string; quantity: number; price?: string }>,
	opts: { behaviour?: string; order?: Record<string, unknown> } = {},
): Promise<any> {
	const r = await sandbox.gql(ORDER_CREATE, {
		order: {
			lineItems: lines.map((l) => ({
				variantId: variantGid(sandbox, l.sku),
				quantity: l.quantity,
				...(l.price ? { priceSet: { shopMoney: { amount: l.price, currencyCode: 'USD' } } } : {}),
			})),
			...opts.order,
		},
		options: { inventoryBehaviour: opts.behaviour ?? 'DECREMENT_IGNORING_POLICY' },
	});
	const payload = r.body?.data?.orderCreate;
	if (!payload?.order) throw new Error(`orderCreate failed: ${JSON.stringify(r.body)}`);
	return payload.order;
}

/** The fenced code blocks of this folder's README.md, in order. */
export function readmeBlocks(): Array<{ lang: string; text: string }> {
	const text = fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8');
	return [...text.matchAll(/```(\w*)\n([\s\S]*?)\n```/g)].map((m) => ({ lang: m[1], text: m[2] }));
}

/** The complete seed example of README.md (the first JSON block after "## Seed format"). */
export function readmeSeed(): any {
	const text = fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8');
	const m = /```json\n([\s\S]*?)\n```/.exec(text.slice(text.indexOf('## Seed format')));
	if (!m) throw new Error('README.md has no seed example');
	return JSON.parse(m[1]);
}
