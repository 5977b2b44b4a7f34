/**
 * The Supercycle node and credential against the sandbox's Supercycle service: every operation,
 * filters and date ranges as sent on the wire, Return All across pages, 429 retried (injected and
 * real rate limit), clear errors without the API key, continueOnFail, the credential test and one
 * run through n8n's real execution engine.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { SupercycleApi } from '../../credentials/SupercycleApi.credentials';
import { Supercycle } from '../../nodes/Supercycle/Supercycle.node';
import { supercycleRequest } from '../../nodes/Supercycle/transport';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { createSupercycleService, SUPERCYCLE_SANDBOX_API_KEY } from '../../sandbox/supercycle';
import {
	createContext,
	credentialStore,
	realHttpRequest,
	resolveCredentialExpression,
} from '../helpers/n8nContext';
import { packageType, runWorkflow, workflow } from '../helpers/workflowHarness';

const KEY = SUPERCYCLE_SANDBOX_API_KEY;
let sb: SandboxHandle;

const NODE = { name: 'Supercycle', type: 'n8n-nodes-amazon-vendor-central.supercycle' };

function run(
	parameters: Record<string, unknown>,
	options: {
		items?: INodeExecutionData[];
		itemParameters?: Array<Record<string, unknown>>;
		continueOnFail?: boolean;
		apiKey?: string;
	} = {},
) {
	const ctx = createContext({
		store: credentialStore({ apiKey: options.apiKey ?? KEY, baseUrl: `${sb.url}/api/v1/` }),
		credentialType: new SupercycleApi(),
		node: NODE,
		parameters,
		items: options.items,
		itemParameters: options.itemParameters,
		continueOnFail: options.continueOnFail,
	});
	return new Supercycle().execute.call(ctx);
}

const ids = (out: INodeExecutionData[][]) => out[0].map((i) => i.json.id);
const calls = (operation: string) => sb.control.requests({ service: 'supercycle', operation });

function seed() {
	sb.control.seed({
		supercycle: {
			conditions: [{ id: 5, title: 'Scratched', severityKey: 'minor', severityTone: 'warning' }],
			locations: [{ shopifyId: 76000000001, name: 'Berlin warehouse' }],
			variants: [
				{
					shopifyVariantId: 44000000001,
					shopifyProductId: 8000000001,
					productTitle: 'Trail Tent 2P',
					variantTitle: 'Green',
					sku: 'TENT-2P-GRN',
				},
				{
					shopifyVariantId: 44000000002,
					shopifyProductId: 8000000001,
					productTitle: 'Trail Tent 2P',
					variantTitle: 'Orange',
					sku: 'TENT-2P-ORG',
				},
			],
			items: [
				{
					id: 101,
					shopifyVariantId: 44000000001,
					serial: 'TENT-0001',
					conditionId: 1,
					locationShopifyId: 76000000001,
					pickLocation: 'A1-02-B3',
				},
				{ id: 102, shopifyVariantId: 44000000001, serial: 'TENT-0002' },
				{ id: 103, shopifyVariantId: 44000000002, serial: 'TENT-0003', visibility: 'unavailable' },
			],
			rentals: [
				{
					id: 501,
					itemId: 101,
					createdAt: '2026-02-20T09:00:00Z',
					updatedAt: '2026-02-21T10:00:00Z',
					shopifyOrderId: 5100000001,
					fulfilledAt: '2026-02-21T10:00:00Z',
					rentalStart: '2026-02-22T00:00:00Z',
					rentalEnd: '2099-03-22T00:00:00Z',
				},
				{
					id: 502,
					itemId: 102,
					createdAt: '2026-02-25T09:00:00Z',
					shopifyOrderId: 5100000002,
					fulfillAt: '2099-03-05T08:00:00Z',
					rentalStart: '2099-03-06T00:00:00Z',
				},
				{
					id: 503,
					itemId: 103,
					createdAt: '2026-01-10T09:00:00Z',
					updatedAt: '2026-02-10T09:00:00Z',
					shopifyOrderId: 5100000003,
					fulfilledAt: '2026-01-11T09:00:00Z',
					receivedAt: '2026-02-10T09:00:00Z',
				},
			],
		},
	});
}

beforeAll(async () => {
	sb = await startSandbox({ services: [createSupercycleService] });
});
afterAll(() => sb.close());
beforeEach(async () => {
	sb.control.reset();
	await fetch(`${sb.url}/__sandbox/supercycle/config`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ rateLimits: true, requestsPerMinute: 120, burst: 120 }),
	});
	seed();
});

describe('Supercycle node: Hold for Amazon', () => {
	const availability = [
		{ sku: 'TENT-2P-GRN', source: 'supercycle', freeItemIds: [101, 999, 102], reason: '3 free' },
		{ sku: 'STOVE-1', source: 'notCircular', freeItemIds: [], reason: 'not circular' },
		{ sku: 'KAYAK-RENT', source: 'circularOnly', freeItemIds: [], reason: 'circular only' },
		{ sku: 'LAMP-1', source: 'unknown', freeItemIds: [], reason: 'Supercycle could not be read' },
	];
	const acknowledged = (po: string, skus: Array<[string, number, number]>) => ({
		json: {
			purchaseOrderNumber: po,
			purchaseOrder: {
				items: skus.map(([, ,], i) => ({
					itemSequenceNumber: String(i + 1),
					amazonProductIdentifier: `B0ASIN${i + 1}`,
				})),
			},
			lines: skus.map(([sku], i) => ({ itemSequenceNumber: String(i + 1), sku })),
			allocation: {
				skus: skus.map(([sku, acceptedEaches, backorderedEaches]) => ({
					sku,
					acceptedEaches,
					backorderedEaches,
				})),
			},
		},
	});

	it('holds the promised items PO after PO, and lists circular lines and refused items as problems', async () => {
		const out = await run(
			{ resource: 'item', operation: 'holdForAmazon', availability: JSON.stringify(availability) },
			{
				items: [
					acknowledged('PO-1', [
						['TENT-2P-GRN', 1, 0],
						['STOVE-1', 2, 0],
						['KAYAK-RENT', 0, 0],
					]),
					acknowledged('PO-2', [
						['TENT-2P-GRN', 1, 1],
						['LAMP-1', 0, 0],
					]),
				],
			},
		);
		expect(calls('updateItem').map((c) => c.path)).toEqual([
			'/api/v1/items/101',
			'/api/v1/items/999',
			'/api/v1/items/102',
		]);
		expect(
			(
				sb.control.state() as { supercycle: { items: Array<{ id: number; visibility: string }> } }
			).supercycle.items
				.filter((i) => i.visibility === 'unavailable')
				.map((i) => i.id),
		).toEqual([101, 102, 103]);
		expect(
			out[0].map((i) => [i.json.type, i.json.ownerRole, i.json.purchaseOrderNumber, i.pairedItem]),
		).toEqual([
			['circular_only_sku', 'catalog', 'PO-1', { item: 0 }],
			['circular_stock_unknown', 'operations', 'PO-2', { item: 1 }],
			['circular_item_not_reserved', 'operations', 'PO-2', { item: 1 }],
		]);
		expect(out[0][0].json.reason).toContain('line 3 (ASIN B0ASIN3) maps to SKU KAYAK-RENT');
		expect(JSON.parse(String(out[0][1].json.details))).toMatchObject({
			sku: 'LAMP-1',
			asin: 'B0ASIN2',
			acceptedEaches: 0,
		});
		expect(out[0][2].json.reason).toContain('Supercycle item 999 (SKU TENT-2P-GRN)');
	});

	it('refuses availability that is not a list of rows, naming the field', async () => {
		const error = await run(
			{ resource: 'item', operation: 'holdForAmazon', availability: '{"sku": "A"}' },
			{ items: [acknowledged('PO-1', [])] },
		).catch((e: NodeOperationError) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toMatch(/Availability must be the list/);
		expect((error as NodeOperationError).description).toMatch(/field availability/);
	});
});

describe('Supercycle node: items', () => {
	it('gets an item by id, with the Bearer key of the credential', async () => {
		const out = await run({ resource: 'item', operation: 'get', itemId: '101' });
		expect(out[0]).toHaveLength(1);
		expect(out[0][0].json).toMatchObject({
			id: 101,
			serial: 'TENT-0001',
			activeRentalId: 501,
			condition: { id: 1 },
			location: { name: 'Berlin warehouse' },
		});
		expect(out[0][0].pairedItem).toEqual({ item: 0 });
	});

	it('gets many items with every filter sent as Supercycle expects', async () => {
		const out = await run({
			resource: 'item',
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			filters: { sku: ' TENT-2P-GRN ', visibility: 'available', withActiveRental: true },
		});
		expect(ids(out)).toEqual([101, 102]);
		expect(calls('listItems').at(-1)!.query).toEqual({
			sku: 'TENT-2P-GRN',
			visibility: 'available',
			withActiveRental: 'true',
			limit: '10',
		});

		expect(
			ids(
				await run({
					resource: 'item',
					operation: 'getAll',
					returnAll: true,
					filters: { serial: 'TENT-0003' },
				}),
			),
		).toEqual([103]);
		// "Only With Active Rental" off does not filter (Supercycle's default false) and is not sent.
		expect(
			ids(
				await run({
					resource: 'item',
					operation: 'getAll',
					returnAll: true,
					filters: { withActiveRental: false },
				}),
			),
		).toEqual([101, 102, 103]);
		expect(calls('listItems').at(-1)!.query).toEqual({ limit: '100' });
	});

	it('returns all items across pages, and stops at the limit without fetching more', async () => {
		const many = Array.from({ length: 227 }, (_, i) => ({
			id: 1000 + i,
			shopifyVariantId: 44000000002,
			serial: `ORG-${i}`,
		}));
		sb.control.seed({ supercycle: { items: many } });
		sb.control.clearRequests();
		const all = await run({
			resource: 'item',
			operation: 'getAll',
			returnAll: true,
			filters: { sku: 'TENT-2P-ORG' },
		});
		expect(all[0]).toHaveLength(228);
		expect(new Set(ids(all)).size).toBe(228);
		const pages = calls('listItems');
		expect(pages.map((p) => [p.query.limit, typeof p.query.page, p.query.sku])).toEqual([
			['100', 'undefined', 'TENT-2P-ORG'],
			['100', 'string', 'TENT-2P-ORG'],
			['100', 'string', 'TENT-2P-ORG'],
		]);
		expect(all[0].every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);

		sb.control.clearRequests();
		const limited = await run({
			resource: 'item',
			operation: 'getAll',
			returnAll: false,
			limit: 130,
		});
		expect(limited[0]).toHaveLength(130);
		expect(calls('listItems').map((p) => p.query.limit)).toEqual(['100', '30']);
	});

	it('updates an item: ids sent as numbers, Clear Fields as null', async () => {
		const out = await run({
			resource: 'item',
			operation: 'update',
			itemId: 101,
			updateFields: {
				conditionId: '5',
				visibility: 'unavailable',
				status: 'unprocessed',
				clear: ['pickLocation', 'locationShopifyId'],
			},
		});
		expect(out[0][0].json).toMatchObject({
			id: 101,
			conditionId: 5,
			condition: { title: 'Scratched' },
			visibility: 'unavailable',
			status: 'unprocessed',
			pickLocation: null,
			location: null,
		});
		expect(calls('updateItem').at(-1)!.body).toEqual({
			conditionId: 5,
			visibility: 'unavailable',
			status: 'unprocessed',
			pickLocation: null,
			locationShopifyId: null,
		});

		const moved = await run({
			resource: 'item',
			operation: 'update',
			itemId: '103',
			updateFields: {
				shopifyVariantId: '44000000001',
				serial: 'TENT-0003B',
				pickLocation: 'C3-01-A2',
			},
		});
		expect(moved[0][0].json).toMatchObject({
			shopifyVariantId: 44000000001,
			variantTitle: 'Green',
			serial: 'TENT-0003B',
			pickLocation: 'C3-01-A2',
		});
	});

	it('refuses an update with nothing to change or contradicting fields before calling Supercycle', async () => {
		await expect(
			run({ resource: 'item', operation: 'update', itemId: '101', updateFields: {} }),
		).rejects.toThrow('Nothing to update');
		await expect(
			run({
				resource: 'item',
				operation: 'update',
				itemId: '101',
				updateFields: { serial: 'X', clear: ['serial'] },
			}),
		).rejects.toThrow('"serial" is both set and listed in Clear Fields');
		await expect(
			run({
				resource: 'item',
				operation: 'update',
				itemId: '101',
				updateFields: { conditionId: 'good' },
			}),
		).rejects.toThrow('Condition ID must be a positive whole number, got "good"');
		expect(calls('updateItem')).toHaveLength(0);
	});

	it("reports Supercycle's refusal of an update (422) with its problems", async () => {
		const error = await run({
			resource: 'item',
			operation: 'update',
			itemId: '101',
			updateFields: { visibility: 'sold', conditionId: '99' },
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Supercycle PUT /items/101 failed: The item could not be updated. (HTTP 422)',
		);
		expect(error.description).toContain('conditionId condition 99 does not exist');
		expect(error.description).toContain('visibility the item is out on rental 501');
		expect(error.httpCode).toBe('422');
	});
});

describe('Supercycle node: rentals', () => {
	it('gets a rental with its item', async () => {
		const out = await run({ resource: 'rental', operation: 'get', rentalId: '501' });
		expect(out[0][0].json).toMatchObject({ id: 501, status: 'fulfilled', item: { id: 101 } });
	});

	it('gets many rentals with filters and inclusive date ranges', async () => {
		const get = async (filters: IDataObject) =>
			ids(await run({ resource: 'rental', operation: 'getAll', returnAll: true, filters }));
		expect(await get({})).toEqual([501, 502, 503]);
		expect(await get({ shopifyOrderId: '5100000002' })).toEqual([502]);
		expect(await get({ itemId: '103' })).toEqual([503]);
		expect(await get({ shopifyVariantId: '44000000001' })).toEqual([501, 502]);
		expect(await get({ unfulfilled: true })).toEqual([502]);
		expect(await get({ createdAfter: '2026-02-20T09:00:00Z' })).toEqual([501, 502]);
		expect(
			await get({ createdAfter: '2026-01-01T00:00:00Z', createdBefore: '2026-02-20T09:00:00Z' }),
		).toEqual([501, 503]);
		expect(
			await get({
				updatedAfter: '2026-02-21T10:00:00.000Z',
				updatedBefore: new Date('2026-02-28T00:00:00Z'),
			}),
		).toEqual([501, 502]);
		expect(await get({ rentalStartAfter: '2099-01-01T00:00:00+01:00' })).toEqual([502]);
		expect(calls('listRentals').at(-1)!.query).toEqual({
			'rentalStart[gte]': '2098-12-31T23:00:00.000Z',
			limit: '100',
		});
		const withRange = calls('listRentals').find((c) => c.query['updated[lte]'])!;
		expect(withRange.query).toEqual({
			'updated[gte]': '2026-02-21T10:00:00.000Z',
			'updated[lte]': '2026-02-28T00:00:00.000Z',
			limit: '100',
		});
	});

	it('refuses reversed or malformed date ranges', async () => {
		await expect(
			run({
				resource: 'rental',
				operation: 'getAll',
				returnAll: true,
				filters: { createdAfter: '2026-03-01T00:00:00Z', createdBefore: '2026-02-01T00:00:00Z' },
			}),
		).rejects.toThrow(
			'Created After (2026-03-01T00:00:00.000Z) is later than Created Before (2026-02-01T00:00:00.000Z)',
		);
		await expect(
			run({
				resource: 'rental',
				operation: 'getAll',
				returnAll: true,
				filters: { updatedAfter: 'last tuesday' },
			}),
		).rejects.toThrow('Updated After is not a valid date-time: "last tuesday"');
	});
});

describe('Supercycle node: wholesale availability', () => {
	/** TENT-2P-ORG items beside the seeded 103 (unavailable): free New and Good, Worn, and one on a rental. */
	function seedTents() {
		sb.control.seed({
			supercycle: {
				items: [
					{ id: 210, shopifyVariantId: 44000000002, serial: 'ORG-210', conditionId: 1 },
					{ id: 204, shopifyVariantId: 44000000002, serial: 'ORG-204', conditionId: 2 },
					{ id: 205, shopifyVariantId: 44000000002, serial: 'ORG-205', conditionId: 3 },
					{ id: 206, shopifyVariantId: 44000000002, serial: 'ORG-206', conditionId: 1 },
					{ id: 207, shopifyVariantId: 44000000002, serial: 'ORG-207', conditionId: 1 },
				],
				rentals: [{ id: 601, itemId: 207, fulfilledAt: '2026-02-21T10:00:00Z' }],
			},
		});
		sb.control.clearRequests();
	}
	const availability = {
		resource: 'item',
		operation: 'getWholesaleAvailability',
		sku: 'TENT-2P-ORG',
		sellableConditions: 'New, good',
		circularReserve: 1,
	};

	it('counts the free items in a sellable condition minus the reserve, lowest id first', async () => {
		seedTents();
		const out = await run(availability);
		expect(out[0]).toHaveLength(1);
		expect(out[0][0].json).toEqual({
			sku: 'TENT-2P-ORG',
			variantId: null,
			source: 'supercycle',
			available: 2,
			items: 6,
			freeItemIds: [204, 206, 210],
			reserve: 1,
			counts: { free: 3, rented: 1, notSellable: 1, unavailable: 1 },
			reason:
				'3 sellable item(s) free of 6 (1 rented, 1 in a condition not sold wholesale, ' +
				'1 unavailable, sold or retired), minus a circular reserve of 1 = 2',
		});
		expect(calls('listItems').map((c) => c.query)).toEqual([{ sku: 'TENT-2P-ORG', limit: '100' }]);
	});

	it('reads each SKU once per execution, counts by variant (GID), stock for SKUs outside it', async () => {
		seedTents();
		const out = await run(
			{ ...availability, options: { circularOnlySkus: 'KAYAK-RENT' } },
			{
				items: [{ json: {} }, { json: {} }, { json: {} }, { json: {} }],
				itemParameters: [
					{ variantId: 'gid://shopify/ProductVariant/44000000002' },
					{ variantId: '44000000001' },
					{ sku: 'STOVE-1', options: { notCircularStock: 20 } },
					{ sku: 'KAYAK-RENT', options: { circularOnlySkus: 'KAYAK-RENT' } },
				],
			},
		);
		expect(out[0].map((i) => [i.json.sku, i.json.source, i.json.available, i.pairedItem])).toEqual([
			['TENT-2P-ORG', 'supercycle', 2, { item: 0 }],
			['TENT-2P-ORG', 'notCircular', 0, { item: 1 }],
			['STOVE-1', 'notCircular', 20, { item: 2 }],
			['KAYAK-RENT', 'circularOnly', 0, { item: 3 }],
		]);
		expect(out[0][0].json.variantId).toBe('44000000002');
		expect(calls('listItems').map((c) => c.query?.sku)).toEqual([
			'TENT-2P-ORG',
			'STOVE-1',
			'KAYAK-RENT',
		]);
	});

	it('offers 0 when Supercycle cannot be read, and retries a 503 first', async () => {
		seedTents();
		const unread = await run(availability, { apiKey: 'sc_wrong_key_123' });
		expect(unread[0][0].json).toMatchObject({
			source: 'unknown',
			available: 0,
			freeItemIds: [],
			reason:
				'Supercycle could not be read (Supercycle GET /items failed: Invalid API key. (HTTP 401)): ' +
				'0 offered, unsure stock is never promised',
		});
		expect(JSON.stringify(unread)).not.toContain('sc_wrong_key_123');

		sb.control.addFaults([
			{ service: 'supercycle', operation: 'listItems', status: 503, count: 1 },
		]);
		const retried = await run(availability);
		expect(retried[0][0].json).toMatchObject({ source: 'supercycle', available: 2 });
	});

	it('offers nothing of a SKU whose items are all on rentals', async () => {
		seedTents();
		const out = await run({ ...availability, sku: 'TENT-2P-GRN' });
		// 101 and 102 are on rentals: every item is counted, none is free.
		expect(out[0][0].json).toMatchObject({ source: 'supercycle', available: 0, items: 2 });
		expect(out[0][0].json.counts).toEqual({ free: 0, rented: 2, notSellable: 0, unavailable: 0 });
	});

	it('refuses an empty SKU, a bad variant id or a negative reserve before calling Supercycle', async () => {
		seedTents();
		for (const [parameters, message, field] of [
			[{ sku: ' ' }, 'sku is empty: give the SKU to count', 'sku'],
			[
				{ variantId: 'ORG' },
				'variantId must be a numeric Shopify variant id or its GID, got "ORG"',
				'variantId',
			],
			[{ circularReserve: -1 }, 'reserve must be a whole number of at least 0, got -1', 'reserve'],
		] as const) {
			const error = await run(
				{ ...availability },
				{ items: [{ json: {} }, { json: {} }], itemParameters: [{}, parameters] },
			).catch((e) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(message);
			expect(error.description).toBe(`Item 1, field ${field}.`);
			expect(error.context.itemIndex).toBe(1);
		}
		const out = await run(availability, {
			items: [{ json: {} }, { json: {} }],
			itemParameters: [{ sku: '' }, {}],
			continueOnFail: true,
		});
		expect(out[0].map((i) => i.json.error ?? i.json.available)).toEqual([
			'sku is empty: give the SKU to count',
			2,
		]);
	});
});

describe('Supercycle node: rate limits, errors and continueOnFail', () => {
	it('retries a 429 after the Retry-After delay and succeeds', async () => {
		sb.control.addFaults([{ service: 'supercycle', operation: 'getItem', status: 429, count: 1 }]);
		const started = Date.now();
		const out = await run({ resource: 'item', operation: 'get', itemId: '102' });
		expect(out[0][0].json.id).toBe(102);
		expect(calls('getItem').map((c) => c.status)).toEqual([429, 200]);
		// Retry-After: 1 is a floor for the backoff.
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	it("keeps paging through Supercycle's real rate limit (429 with Retry-After) on Return All", async () => {
		sb.control.seed({
			supercycle: {
				items: Array.from({ length: 250 }, (_, i) => ({ id: 2000 + i, productTitle: 'Bike' })),
			},
		});
		await fetch(`${sb.url}/__sandbox/supercycle/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ burst: 2 }),
		});
		sb.control.clearRequests();
		const out = await run({ resource: 'item', operation: 'getAll', returnAll: true });
		expect(out[0]).toHaveLength(253);
		const statuses = calls('listItems').map((c) => c.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(3);
		expect(statuses).toContain(429);
	});

	it('gives up after the bounded attempts with the last status, waiting as Retry-After says', async () => {
		sb.control.addFaults([{ service: 'supercycle', operation: 'listRentals', status: 503 }]);
		const waits: number[] = [];
		const ctx = createContext({
			store: credentialStore({ apiKey: KEY, baseUrl: `${sb.url}/api/v1` }),
			credentialType: new SupercycleApi(),
			node: NODE,
		});
		const error: any = await supercycleRequest
			.call(
				ctx,
				{ method: 'GET', path: '/rentals', itemIndex: 0 },
				{ sleep: async (ms) => void waits.push(ms), random: () => 0 },
			)
			.catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Supercycle GET /rentals failed: The service is temporarily unavailable. (HTTP 503)',
		);
		expect(error.description).toBe('Gave up after 5 attempts.');
		expect(waits).toEqual([500, 1000, 2000, 4000]);
		expect(calls('listRentals')).toHaveLength(5);

		sb.control.clearFaults();
		sb.control.addFaults([
			{ service: 'supercycle', operation: 'listRentals', status: 429, count: 2 },
		]);
		const floors: number[] = [];
		await supercycleRequest.call(
			ctx,
			{ method: 'GET', path: '/rentals' },
			{ sleep: async (ms) => void floors.push(ms), random: () => 0 },
		);
		expect(floors).toEqual([1000, 1000]);
	});

	it('turns an unknown item id into a clear NodeApiError with the item index and no secret', async () => {
		const error = await run(
			{ resource: 'item', operation: 'get' },
			{
				items: [{ json: {} }, { json: {} }],
				itemParameters: [{ itemId: '101' }, { itemId: '999' }],
			},
		).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Supercycle GET /items/999 failed: Item 999 was not found. (HTTP 404)',
		);
		expect(error.description).toBe('Check the ID: it does not exist in this Supercycle shop.');
		expect(error.context.itemIndex).toBe(1);
		expect(error.httpCode).toBe('404');
		const serialised = JSON.stringify({
			...error,
			message: error.message,
			description: error.description,
			stack: error.stack,
		});
		expect(serialised).not.toContain(KEY);
		expect(serialised).not.toContain('Bearer');
	});

	it('refuses a malformed id before calling Supercycle', async () => {
		const error = await run({ resource: 'rental', operation: 'get', rentalId: 'R-501' }).catch(
			(e) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Rental ID must be a positive whole number, got "R-501"');
		expect(calls('getRental')).toHaveLength(0);
	});

	it('names a wrong API key without echoing it', async () => {
		const error = await run(
			{ resource: 'item', operation: 'getAll', returnAll: true },
			{ apiKey: 'sc_wrong_key_123' },
		).catch((e) => e);
		expect(error.message).toBe('Supercycle GET /items failed: Invalid API key. (HTTP 401)');
		expect(error.description).toBe('Check the API key of the Supercycle API credential.');
		expect(
			JSON.stringify({ ...error, message: error.message, description: error.description }),
		).not.toContain('sc_wrong_key_123');
	});

	it('continues on fail: one output per input item, errors as JSON, pairedItem kept', async () => {
		const out = await run(
			{ resource: 'item', operation: 'get' },
			{
				items: [{ json: {} }, { json: {} }, { json: {} }],
				itemParameters: [{ itemId: '101' }, { itemId: '999' }, { itemId: '103' }],
				continueOnFail: true,
			},
		);
		expect(out[0].map((i) => [i.json.id ?? null, i.json.error ?? null, i.pairedItem])).toEqual([
			[101, null, { item: 0 }],
			[null, 'Supercycle GET /items/999 failed: Item 999 was not found. (HTTP 404)', { item: 1 }],
			[103, null, { item: 2 }],
		]);
	});
});

describe('Supercycle API credential', () => {
	it('is a Bearer key with the real base URL as default, and its test request passes against the sandbox', async () => {
		const credential = new SupercycleApi();
		expect(credential.name).toBe('supercycleApi');
		expect(credential.displayName).toBe('Supercycle API');
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			'https://app.supercycle.com/api/v1',
		);
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(
			true,
		);

		const test = async (data: IDataObject) => {
			const baseURL = resolveCredentialExpression(credential.test.request.baseURL, data) as string;
			const headers = {
				Authorization: resolveCredentialExpression(
					credential.authenticate.properties.headers!.Authorization,
					data,
				) as string,
			};
			return (await realHttpRequest({
				method: 'GET',
				url: `${baseURL}${credential.test.request.url}`,
				qs: credential.test.request.qs,
				headers,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as { statusCode: number; body: { data: unknown[] } };
		};
		const ok = await test({ apiKey: KEY, baseUrl: `${sb.url}/api/v1//` });
		expect(ok.statusCode).toBe(200);
		expect(ok.body.data).toHaveLength(1);
		expect((await test({ apiKey: 'nope', baseUrl: `${sb.url}/api/v1` })).statusCode).toBe(401);
		expect(
			resolveCredentialExpression(credential.test.request.baseURL, { apiKey: KEY, baseUrl: '' }),
		).toBe('https://app.supercycle.com/api/v1');
	});
});

describe('Supercycle node in a workflow', () => {
	it("runs through n8n's execution engine with the parameter defaults", async () => {
		const wf = workflow()
			.trigger()
			.node('Supercycle', packageType('supercycle'), {
				resource: 'rental',
				operation: 'getAll',
				filters: { unfulfilled: true },
			})
			.chain('Trigger', 'Supercycle')
			.build();
		const result = await runWorkflow(wf, {
			nodeTypes: { [packageType('supercycle')]: Supercycle },
			credentialTypes: [new SupercycleApi()],
			credentials: { supercycleApi: { apiKey: KEY, baseUrl: `${sb.url}/api/v1` } },
		});
		expect(result.status).toBe('success');
		expect(result.output('Supercycle').map((i) => i.json.id)).toEqual([502]);
		expect(calls('listRentals').at(-1)!.query).toEqual({ unfulfilled: 'true', limit: '50' });
	});

	it('is usable as an AI tool and describes every operation', () => {
		const { description } = new Supercycle();
		expect(description.usableAsTool).toBe(true);
		const operations = description.properties.filter((p) => p.name === 'operation');
		expect(
			operations.map((p) => [
				p.displayOptions?.show?.resource,
				(p.options as Array<{ value: string }>).map((o) => o.value),
			]),
		).toEqual([
			[['item'], ['get', 'getAll', 'getWholesaleAvailability', 'holdForAmazon', 'update']],
			[['rental'], ['get', 'getAll']],
		]);
	});
});
