/**
 * Shopify (Vendor Central) > Variant against the sandbox's Shopify service: every variant with an
 * ASIN read page by page as mapping rows (with the query-cost bucket respected), and one variant by
 * SKU or ID; errors with the item index and the field.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { AvcShopifyAdminApi } from '../../credentials/AvcShopifyAdminApi.credentials';
import { ShopifyVendorCentral } from '../../nodes/ShopifyVendorCentral/ShopifyVendorCentral.node';
import {
	mappingRowOf,
	oneVariantRequest,
	throttleWaitMs,
} from '../../nodes/shared/domain/platforms/shopify';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { createShopifyService } from '../../sandbox/shopify';
import { createContext, credentialStore } from '../helpers/n8nContext';

const TOKEN = 'shpat_unit_0000000000000000000000000000';
const NODE = { name: 'Shopify', type: 'n8n-nodes-amazon-vendor-central.shopifyVendorCentral' };
let sb: SandboxHandle;

function run(
	parameters: Record<string, unknown>,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	const ctx = createContext({
		store: credentialStore({ shopUrl: sb.url, accessToken: TOKEN, apiVersion: '2026-04' }),
		credentialType: new AvcShopifyAdminApi(),
		node: NODE,
		parameters: { resource: 'variant', ...parameters },
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
	return new ShopifyVendorCentral().execute.call(ctx);
}

const json = (out: INodeExecutionData[][]) => out[0].map((i) => i.json);
const meta = (key: string, value: string, namespace = 'amazon') => ({
	namespace,
	key,
	type: 'single_line_text_field',
	value,
});

async function throttle(body: Record<string, unknown>) {
	await fetch(`${sb.url}/__sandbox/shopify/throttle`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
}

beforeAll(async () => {
	sb = await startSandbox({ rateLimits: false, services: [createShopifyService] });
});
afterAll(async () => await sb.close());
beforeEach(() => {
	sb.control.reset();
	sb.control.seed({
		shopify: {
			accessToken: TOKEN,
			locations: [{ name: 'Main warehouse' }],
			products: [
				{
					title: 'Case Product',
					variants: [
						{
							sku: 'SKU-CASE',
							price: '9.99',
							metafields: [
								meta('asin', 'B00000CASE'),
								meta('case_pack', '12'),
								meta('unit_cost', ' 4.20 '),
							],
						},
						{ sku: 'SKU-PLAIN', price: '1.00' },
					],
				},
				{
					title: 'Each Product',
					variants: [
						{ sku: 'SKU-EACH', price: '5.00', metafields: [meta('asin', ' b00000each ')] },
						{
							sku: 'SKU-ODD',
							price: '5.00',
							metafields: [meta('asin', 'B0000000ODD'), meta('case_pack', '2.5')],
						},
						{
							sku: 'SKU-OTHER-NS',
							price: '5.00',
							metafields: [meta('asin', 'B000OTHERNS', 'retail')],
						},
					],
				},
			],
		},
	} as any);
});

describe('Shopify (Vendor Central): Variant > Get Many With ASIN', () => {
	it('reads every page and returns one mapping row per variant with an ASIN and a SKU', async () => {
		const rows = json(
			await run({ operation: 'getManyWithAsin', namespace: 'amazon', variantsPerPage: 2 }),
		);
		expect(rows.map((r) => r.sku)).toEqual(['SKU-CASE', 'SKU-EACH', 'SKU-ODD']);
		expect(rows[0]).toMatchObject({
			asin: 'B00000CASE',
			casePack: 12,
			expectedUnitCost: '4.20',
			productTitle: 'Case Product',
		});
		expect(String(rows[0].variantId)).toMatch(/^gid:\/\/shopify\/ProductVariant\/\d+$/);
		// Upper-cased and trimmed; no case pack given; a case pack that is not a whole number is unknown.
		expect(rows[1]).toMatchObject({ asin: 'B00000EACH', casePack: null, expectedUnitCost: '' });
		expect(rows[2]).toMatchObject({ asin: 'B0000000ODD', casePack: null });
	});

	it('reads another namespace when told', async () => {
		const rows = json(
			await run({ operation: 'getManyWithAsin', namespace: 'retail', variantsPerPage: 100 }),
		);
		expect(rows.map((r) => r.sku)).toEqual(['SKU-OTHER-NS']);
	});

	it('waits for the query-cost bucket when Shopify answers THROTTLED, then reads the page', async () => {
		await throttle({ maximumAvailable: 1000, restoreRate: 1000, currentlyAvailable: 0 });
		const started = Date.now();
		const rows = json(
			await run({ operation: 'getManyWithAsin', namespace: 'amazon', variantsPerPage: 100 }),
		);
		expect(rows).toHaveLength(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	it('stops at once with a NodeApiError when a page costs more than the whole bucket', async () => {
		await throttle({ maximumAvailable: 100, restoreRate: 100, currentlyAvailable: 0 });
		const error = await run({
			operation: 'getManyWithAsin',
			namespace: 'amazon',
			variantsPerPage: 100,
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(
			/costs \d+ query points, more than the shop's whole budget of 100: lower Variants per Page/,
		);
		expect((error as NodeApiError).context.itemIndex).toBe(0);
	});

	it('refuses a page size out of range and an empty namespace, naming the field and the item', async () => {
		const big = await run({
			operation: 'getManyWithAsin',
			namespace: 'amazon',
			variantsPerPage: 251,
		}).catch((e: unknown) => e);
		expect(big).toBeInstanceOf(NodeOperationError);
		expect((big as Error).message).toMatch(
			/Variants per Page must be a whole number from 1 to 250/,
		);
		const empty = await run({
			operation: 'getManyWithAsin',
			namespace: ' ',
			variantsPerPage: 10,
		}).catch((e: unknown) => e);
		expect((empty as Error).message).toMatch(/Metafield Namespace is empty/);
		expect((empty as NodeOperationError).context.itemIndex).toBe(0);
	});
});

describe('Shopify (Vendor Central): Variant > Get', () => {
	it('finds a variant by SKU, exactly (not a SKU that only starts with it)', async () => {
		const [hit] = json(await run({ operation: 'get', sku: 'SKU-CASE' }));
		expect(hit).toMatchObject({ found: true, sku: 'SKU-CASE', productTitle: 'Case Product' });
		const [miss] = json(await run({ operation: 'get', sku: 'SKU' }));
		expect(miss).toEqual({ found: false, variantId: '', sku: 'SKU', productTitle: '' });
	});

	it('finds a variant by numeric or gid ID when no SKU is given', async () => {
		const [byGid] = json(await run({ operation: 'get', sku: 'SKU-EACH' }));
		const numeric = String(byGid.variantId).split('/').pop();
		const [byNumber] = json(await run({ operation: 'get', sku: '', variantId: numeric }));
		expect(byNumber).toMatchObject({ found: true, sku: 'SKU-EACH', variantId: byGid.variantId });
		const [again] = json(await run({ operation: 'get', variantId: byGid.variantId }));
		expect(again.sku).toBe('SKU-EACH');
		const [unknown] = json(await run({ operation: 'get', variantId: '999999999' }));
		expect(unknown.found).toBe(false);
	});

	it('keeps the input item with Put Result in Field', async () => {
		const [out] = json(
			await run(
				{ operation: 'get', sku: 'SKU-CASE', resultField: 'variant' },
				{ items: [{ json: { event: 'item.returned' } }] },
			),
		);
		expect(out).toMatchObject({
			event: 'item.returned',
			variant: { found: true, sku: 'SKU-CASE' },
		});
	});

	it('refuses an item with neither SKU nor a usable ID; with continueOnFail it gives the error', async () => {
		const error = await run({ operation: 'get', sku: '', variantId: 'abc' }).catch(
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/Variant ID "abc" is not a number/);
		const out = json(
			await run({ operation: 'get', sku: '', variantId: '' }, { continueOnFail: true }),
		);
		expect(out).toEqual([{ error: 'Give a SKU or a variant ID' }]);
	});
});

describe('variant rules (pure)', () => {
	it('skips a variant without ASIN or SKU', () => {
		expect(mappingRowOf({ sku: 'A', asin: null })).toBeUndefined();
		expect(mappingRowOf({ sku: '  ', asin: { value: 'B1' } })).toBeUndefined();
	});

	it('waits as long as the bucket needs to refill for the next cost, and not when enough is left', () => {
		const body = (left: number) => ({
			extensions: {
				cost: {
					requestedQueryCost: 500,
					throttleStatus: { currentlyAvailable: left, restoreRate: 100 },
				},
			},
		});
		expect(throttleWaitMs(body(100), 500)).toBe(4000);
		expect(throttleWaitMs(body(600), 500)).toBe(0);
		expect(throttleWaitMs({ data: {} }, 500)).toBe(0);
	});

	it('quotes a SKU in the search and strips the gid of an ID', () => {
		expect(oneVariantRequest('A"B', '').variables).toEqual({ q: 'sku:"A\\"B"' });
		expect(oneVariantRequest('', 'gid://shopify/ProductVariant/42').variables).toEqual({
			q: 'id:42',
		});
	});
});
