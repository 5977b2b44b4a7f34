/**
 * The Supercycle service end to end over HTTP: seed, the Admin API (auth, filters, cursors, PUT,
 * rate limit, faults), the control actions and the state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { manualClock, type ManualClock } from '../clock';
import { startSandbox, type SandboxHandle } from '../server';
import {
	createSupercycleService,
	SUPERCYCLE_SANDBOX_API_KEY,
	type SupercycleSandboxService,
} from './index';

const START = '2026-03-02T12:00:00Z';
const KEY = SUPERCYCLE_SANDBOX_API_KEY;

let sb: SandboxHandle;
let clock: ManualClock;
let service: SupercycleSandboxService;

interface Reply<T = any> {
	status: number;
	headers: Headers;
	body: T;
}

async function call<T = any>(
	method: string,
	path: string,
	options: { body?: unknown; key?: string | null; raw?: string; contentType?: string } = {},
): Promise<Reply<T>> {
	const headers: Record<string, string> = {};
	const key = options.key === undefined ? KEY : options.key;
	if (key !== null) headers.authorization = `Bearer ${key}`;
	let payload: string | undefined;
	if (options.raw !== undefined) payload = options.raw;
	else if (options.body !== undefined) payload = JSON.stringify(options.body);
	if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
	const res = await fetch(`${sb.url}${path}`, { method, headers, body: payload });
	const text = await res.text();
	return {
		status: res.status,
		headers: res.headers,
		body: (text ? JSON.parse(text) : undefined) as T,
	};
}

const api = <T = any>(path: string, options?: Parameters<typeof call>[2]) =>
	call<T>('GET', `/api/v1${path}`, options);
const ctl = <T = any>(method: string, path: string, body?: unknown) =>
	call<T>(method, path, { body, key: null });

/** The shop of the README's example, in short. */
function shopSeed() {
	return {
		supercycle: {
			conditions: [
				{ id: 1, title: 'New', severityKey: 'none', severityTone: 'success' },
				{ id: 5, title: 'Scratched', severityKey: 'minor', severityTone: 'warning' },
			],
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
					tags: ['rental'],
				},
				{ id: 102, shopifyVariantId: 44000000001, serial: 'TENT-0002', conditionId: 5 },
				{
					id: 103,
					shopifyVariantId: 44000000002,
					serial: 'TENT-0003',
					visibility: 'unavailable',
					status: 'unprocessed',
				},
				{ id: 104, shopifyVariantId: 44000000002, serial: 'TENT-0004', visibility: 'retired' },
			],
			rentals: [
				{
					id: 501,
					itemId: 101,
					createdAt: '2026-02-20T09:00:00Z',
					updatedAt: '2026-02-21T10:00:00Z',
					customer: {
						id: 9001,
						shopifyId: 7100000001,
						email: 'ada@example.com',
						firstName: 'Ada',
						lastName: 'Lovelace',
					},
					shopifyOrderId: 5100000001,
					shopifyOrderName: '#1001',
					shopifyOrderLineId: 13100000001,
					fulfillAt: '2026-02-21T08:00:00Z',
					fulfilledAt: '2026-02-21T10:00:00Z',
					rentalStart: '2026-02-22T00:00:00Z',
					rentalEnd: '2026-03-22T00:00:00Z',
				},
				{
					id: 502,
					itemId: 102,
					createdAt: '2026-02-25T09:00:00Z',
					shopifyOrderId: 5100000002,
					fulfillAt: '2026-03-05T08:00:00Z',
					rentalStart: '2026-03-06T00:00:00Z',
				},
				{
					id: 503,
					itemId: 103,
					createdAt: '2026-01-10T09:00:00Z',
					updatedAt: '2026-02-10T09:00:00Z',
					shopifyOrderId: 5100000003,
					fulfilledAt: '2026-01-11T09:00:00Z',
					receivedAt: '2026-02-10T09:00:00Z',
					rentalStart: '2026-01-12T00:00:00Z',
					rentalEnd: '2026-02-09T00:00:00Z',
				},
			],
		},
	};
}

beforeAll(async () => {
	clock = manualClock(START);
	sb = await startSandbox({
		now: clock.now,
		services: [
			(ctx) => {
				service = createSupercycleService(ctx) as SupercycleSandboxService;
				return service;
			},
		],
	});
});
afterAll(() => sb.close());
beforeEach(() => {
	clock.set(START);
	sb.control.reset();
	service.configure({ rateLimits: true, requestsPerMinute: 120, burst: 120 });
});

describe('seed and state', () => {
	it('seeds over HTTP, reports what it seeded and shows it in GET /__sandbox/state', async () => {
		const r = await ctl('POST', '/__sandbox/seed', shopSeed());
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			supercycle: {
				items: [101, 102, 103, 104],
				rentals: [501, 502, 503],
				conditions: [1, 5],
				locations: [76000000001],
				variants: [44000000001, 44000000002],
			},
			ignored: [],
		});
		const state = (await ctl('GET', '/__sandbox/state')).body.supercycle;
		expect(state.apiKeys).toEqual([KEY]);
		expect(state.items.map((i: any) => [i.id, i.sku, i.activeRentalId, i.sequentialId])).toEqual([
			[101, 'TENT-2P-GRN', 501, 1],
			[102, 'TENT-2P-GRN', 502, 2],
			[103, 'TENT-2P-ORG', null, 3],
			[104, 'TENT-2P-ORG', null, 4],
		]);
		expect(
			state.rentals.map((x: any) => [x.id, x.status, x.fulfillmentStatus, x.receivalStatus]),
		).toEqual([
			[501, 'fulfilled', 'complete', 'pending'],
			[502, 'scheduled', 'scheduled', 'pending'],
			[503, 'received', 'complete', 'complete'],
		]);
		// The default conditions stay beside the seeded ones.
		expect(state.conditions.map((c: any) => c.id)).toEqual([1, 2, 3, 4, 5]);
	});

	it('accepts the complete example of README.md as it is written', async () => {
		const readme = fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('## Seed format'));
		const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(section)![1]);
		const r = await ctl('POST', '/__sandbox/seed', example);
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			supercycle: {
				items: [101, 102, 103, 104],
				rentals: [501, 502, 503, 504],
				conditions: [1, 5],
				locations: [76000000001],
				variants: [44000000001, 44000000002],
			},
			ignored: [],
		});
		const state = sb.control.state().supercycle as any;
		expect(state.items.find((i: any) => i.id === 104)).toMatchObject({
			productTitle: 'Repair kit',
			sku: 'KIT-1',
			visibility: 'sold',
			shopifyVariantId: null,
		});
		expect(state.items[0].customFields).toEqual([
			{
				id: 1,
				ownerId: 101,
				ownerType: 'Item',
				definitionId: 1,
				key: 'purchase_batch',
				value: '2025-Q4',
				valueJson: '2025-Q4',
			},
		]);
		expect(state.rentals.map((x: any) => [x.id, x.status])).toEqual([
			[501, 'fulfilled'],
			[502, 'scheduled'],
			[503, 'received'],
			[504, 'cancelled'],
		]);
		expect(
			(await api('/rentals?shopifyVariantId=44000000002', { key: 'sc_second_key' })).body.data.map(
				(x: any) => x.id,
			),
		).toEqual([503, 504]);
	});

	it('is all-or-nothing and names every problem with its path', async () => {
		const seed = shopSeed();
		(seed.supercycle.items[1] as any).visibility = 'gone';
		(seed.supercycle.items[2] as any).conditionId = 77;
		(seed.supercycle.rentals[1] as any).itemId = 101; // 101 already has the active rental 501
		(seed.supercycle as any).colour = 'red';
		const r = await ctl('POST', '/__sandbox/seed', seed);
		expect(r.status).toBe(400);
		expect(r.body.details).toEqual(
			expect.arrayContaining([
				{ path: 'supercycle.colour', message: 'is not a known field' },
				{
					path: 'supercycle.items[1].visibility',
					message: 'must be one of available, unavailable, sold, retired',
				},
				{ path: 'supercycle.items[2].conditionId', message: 'condition 77 is not seeded' },
				{
					path: 'supercycle.rentals[1].itemId',
					message: 'item 101 already has the active rental 501',
				},
			]),
		);
		expect((sb.control.state().supercycle as any).items).toEqual([]);
	});

	it('needs a product title or a seeded variant, and replaces a known id', async () => {
		const bad = await ctl('POST', '/__sandbox/seed', {
			supercycle: { items: [{ id: 1, shopifyVariantId: 999 }] },
		});
		expect(bad.status).toBe(400);
		expect(bad.body.details[0].path).toBe('supercycle.items[0].productTitle');
		sb.control.seed({ supercycle: { items: [{ id: 7, productTitle: 'Bike', serial: 'B-1' }] } });
		sb.control.seed({ supercycle: { items: [{ id: 7, productTitle: 'E-Bike', serial: 'B-1' }] } });
		const items = (sb.control.state().supercycle as any).items;
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			id: 7,
			productTitle: 'E-Bike',
			sequentialId: 1,
			shopifyVariantId: null,
			sku: null,
		});
	});

	it('reset empties the shop and brings the default API key back', async () => {
		sb.control.seed({ supercycle: { ...shopSeed().supercycle, apiKeys: ['other-key'] } });
		expect((await api('/items')).status).toBe(401);
		expect((await api('/items', { key: 'other-key' })).body.data).toHaveLength(4);
		await ctl('POST', '/__sandbox/reset');
		expect((await api('/items')).body).toEqual({ data: [], nextPage: null });
	});
});

describe('Admin API: items', () => {
	beforeEach(() => {
		sb.control.seed(shopSeed());
	});

	it('answers 401 without or with a wrong Bearer key', async () => {
		const none = await api('/items', { key: null });
		expect(none.status).toBe(401);
		expect(none.body).toEqual({
			error: 'unauthorized',
			message: 'Missing API key: send Authorization: Bearer <key>.',
		});
		const wrong = await api('/items', { key: 'nope' });
		expect(wrong.status).toBe(401);
		expect(wrong.body.message).toBe('Invalid API key.');
	});

	it('lists items in the documented shape and filters on sku, serial, visibility and withActiveRental', async () => {
		const all = await api('/items');
		expect(all.status).toBe(200);
		expect(all.body.nextPage).toBeNull();
		expect(all.body.data[0]).toEqual({
			id: 101,
			createdAt: START,
			activeRentalId: 501,
			activeReturnId: null,
			productTitle: 'Trail Tent 2P',
			variantTitle: 'Green',
			serial: 'TENT-0001',
			sequentialId: 1,
			shopifyProductId: 8000000001,
			shopifyVariantId: 44000000001,
			status: 'processed',
			visibility: 'available',
			tags: ['rental'],
			condition: {
				id: 1,
				createdAt: START,
				severityKey: 'none',
				severityTone: 'success',
				title: 'New',
			},
			conditionId: 1,
			imageUrl: null,
			location: { shopifyId: 76000000001, name: 'Berlin warehouse' },
			pickLocation: 'A1-02-B3',
			timelineEvents: [
				expect.objectContaining({
					eventableId: 101,
					eventableType: 'Item',
					eventType: 'item_created',
				}),
			],
			customFields: [],
		});
		expect(all.headers.get('x-ratelimit-limit')).toBe('120');

		const ids = async (qs: string) => (await api(`/items?${qs}`)).body.data.map((i: any) => i.id);
		expect(await ids('sku=TENT-2P-ORG')).toEqual([103, 104]);
		expect(await ids('serial=TENT-0002')).toEqual([102]);
		expect(await ids('visibility=retired')).toEqual([104]);
		expect(await ids('withActiveRental=true')).toEqual([101, 102]);
		expect(await ids('withActiveRental=false')).toEqual([101, 102, 103, 104]);
		expect(await ids('sku=TENT-2P-GRN&withActiveRental=true&serial=TENT-0002')).toEqual([102]);
		expect(await ids('sku=NOPE')).toEqual([]);
	});

	it('refuses bad parameters with 400', async () => {
		for (const qs of [
			'limit=0',
			'limit=101',
			'limit=x',
			'visibility=gone',
			'withActiveRental=yes',
			'page=garbage',
		]) {
			const r = await api(`/items?${qs}`);
			expect([qs, r.status]).toEqual([qs, 400]);
			expect(typeof r.body.message).toBe('string');
		}
	});

	it('pages with limit and an opaque nextPage cursor that keeps the first request filters', async () => {
		const many = Array.from({ length: 7 }, (_, i) => ({
			id: 200 + i,
			shopifyVariantId: 44000000002,
			serial: `ORG-${i}`,
		}));
		sb.control.seed({ supercycle: { items: many } });
		const first = await api('/items?sku=TENT-2P-ORG&limit=4');
		expect(first.body.data.map((i: any) => i.id)).toEqual([103, 104, 200, 201]);
		expect(typeof first.body.nextPage).toBe('string');
		// Later pages: only limit is read from the request, the filters come from the cursor.
		const second = await api(`/items?limit=3&page=${first.body.nextPage}`);
		expect(second.body.data.map((i: any) => i.id)).toEqual([202, 203, 204]);
		// An item seeded between pages after the cursor shows up; nothing repeats.
		sb.control.seed({ supercycle: { items: [{ id: 300, shopifyVariantId: 44000000002 }] } });
		const third = await api(`/items?limit=10&page=${second.body.nextPage}`);
		expect(third.body.data.map((i: any) => i.id)).toEqual([205, 206, 300]);
		expect(third.body.nextPage).toBeNull();
		// A rentals cursor is not an items cursor.
		const rentals = await api('/rentals?limit=1');
		expect((await api(`/items?page=${rentals.body.nextPage}`)).status).toBe(400);
	});

	it('gets one item; unknown or malformed ids give 404', async () => {
		expect((await api('/items/102')).body).toMatchObject({
			id: 102,
			condition: { id: 5, title: 'Scratched' },
			activeRentalId: 502,
		});
		const missing = await api('/items/999');
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({ error: 'not_found', message: 'Item 999 was not found.' });
		expect((await api('/items/abc')).status).toBe(404);
	});

	it('updates an item with PUT and records the change on its timeline', async () => {
		const r = await call('PUT', '/api/v1/items/103', {
			body: {
				visibility: 'available',
				status: 'processed',
				conditionId: 5,
				locationShopifyId: 76000000001,
				pickLocation: 'B2-01-A1',
				serial: 'TENT-0003X',
			},
		});
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			id: 103,
			visibility: 'available',
			status: 'processed',
			conditionId: 5,
			condition: { title: 'Scratched' },
			location: { shopifyId: 76000000001, name: 'Berlin warehouse' },
			pickLocation: 'B2-01-A1',
			serial: 'TENT-0003X',
		});
		expect(r.body.timelineEvents.at(-1)).toMatchObject({
			eventType: 'item_updated',
			author: 'API',
			metadata: { changes: { visibility: ['unavailable', 'available'] } },
		});

		const cleared = await call('PUT', '/api/v1/items/103', {
			body: { conditionId: null, locationShopifyId: null, pickLocation: null },
		});
		expect(cleared.body).toMatchObject({
			condition: null,
			conditionId: null,
			location: null,
			pickLocation: null,
		});

		const moved = await call('PUT', '/api/v1/items/103', {
			body: { shopifyVariantId: 44000000001 },
		});
		expect(moved.body).toMatchObject({ shopifyVariantId: 44000000001, variantTitle: 'Green' });
		expect((await api('/items?sku=TENT-2P-GRN')).body.data.map((i: any) => i.id)).toEqual([
			101, 102, 103,
		]);
	});

	it('refuses invalid updates: 400 for malformed fields, 422 for values it cannot apply, 415, 404', async () => {
		const put = (id: number, body: unknown, extra: { raw?: string; contentType?: string } = {}) =>
			call('PUT', `/api/v1/items/${id}`, { body, ...extra });
		const malformed = await put(102, { visibility: 'gone', colour: 'red', conditionId: 'x' });
		expect(malformed.status).toBe(400);
		expect(malformed.body.details.map((d: any) => d.path).sort()).toEqual([
			'body.colour',
			'conditionId',
			'visibility',
		]);
		const unknownRefs = await put(102, {
			conditionId: 99,
			locationShopifyId: 12345,
			shopifyVariantId: 777,
			serial: 'TENT-0001',
		});
		expect(unknownRefs.status).toBe(422);
		expect(unknownRefs.body.details.map((d: any) => d.path).sort()).toEqual([
			'conditionId',
			'locationShopifyId',
			'serial',
			'shopifyVariantId',
		]);
		const rented = await put(101, { visibility: 'sold' });
		expect(rented.status).toBe(422);
		expect(rented.body.details[0].message).toBe('the item is out on rental 501');
		expect(
			(
				await put(102, undefined, {
					raw: 'visibility=sold',
					contentType: 'application/x-www-form-urlencoded',
				})
			).status,
		).toBe(415);
		expect((await put(102, undefined, { raw: '{oops' })).status).toBe(400);
		expect((await put(999, { visibility: 'sold' })).status).toBe(404);
		// Nothing changed.
		expect((await api('/items/102')).body).toMatchObject({
			visibility: 'available',
			conditionId: 5,
		});
	});
});

describe('Admin API: rentals', () => {
	beforeEach(() => {
		sb.control.seed(shopSeed());
	});

	it('lists rentals with derived statuses, without the embedded item; GET one embeds it', async () => {
		const list = await api('/rentals');
		expect(list.body.data.map((r: any) => [r.id, r.status])).toEqual([
			[501, 'fulfilled'],
			[502, 'scheduled'],
			[503, 'received'],
		]);
		expect(list.body.data[0]).not.toHaveProperty('item');
		expect(list.body.data[0]).toMatchObject({
			customer: {
				id: 9001,
				shopifyId: 7100000001,
				email: 'ada@example.com',
				firstName: 'Ada',
				lastName: 'Lovelace',
				defaultAddress: null,
			},
			shopifyOrderId: 5100000001,
			shopifyOrderName: '#1001',
			methodType: 'calendar',
			packingStatus: 'pending',
		});
		const one = await api('/rentals/501');
		expect(one.body.item).toMatchObject({ id: 101, activeRentalId: 501 });
		expect((await api('/rentals/9999')).status).toBe(404);
	});

	it(
		'filters on shopifyOrderId, itemId, shopifyVariantId, ' +
			'unfulfilled and created/updated/rentalStart ranges',
		async () => {
			const ids = async (qs: string) => {
				const r = await api(`/rentals?${qs}`);
				expect([qs, r.status]).toEqual([qs, 200]);
				return r.body.data.map((x: any) => x.id);
			};
			expect(await ids('shopifyOrderId=5100000002')).toEqual([502]);
			expect(await ids('itemId=103')).toEqual([503]);
			expect(await ids('shopifyVariantId=44000000001')).toEqual([501, 502]);
			expect(await ids('unfulfilled=true')).toEqual([502]);
			expect(await ids('unfulfilled=false')).toEqual([501, 502, 503]);
			expect(await ids(`created[gte]=${encodeURIComponent('2026-02-20T09:00:00Z')}`)).toEqual([
				501, 502,
			]);
			expect(await ids(`created[gt]=${encodeURIComponent('2026-02-20T09:00:00Z')}`)).toEqual([502]);
			expect(await ids('created[lt]=2026-02-01')).toEqual([503]);
			expect(
				await ids(`updated[gte]=2026-02-21T10:00:00Z&updated[lte]=2026-02-28T00:00:00Z`),
			).toEqual([501, 502]);
			expect(await ids(`rentalStart[gte]=2026-03-01T00:00:00%2B01:00`)).toEqual([502]);
		},
	);

	it('refuses malformed date filters', async () => {
		for (const qs of [
			'created=2026-01-01',
			'created[after]=2026-01-01',
			'updated[gte]=yesterday',
			'itemId=abc',
			'unfulfilled=maybe',
		]) {
			const r = await api(`/rentals?${qs}`);
			expect([qs, r.status]).toEqual([qs, 400]);
		}
	});
});

describe('rate limit and faults', () => {
	beforeEach(() => {
		sb.control.seed(shopSeed());
	});

	it('allows the burst, then answers 429 with Retry-After until the bucket refills on the sandbox clock', async () => {
		await ctl('POST', '/__sandbox/supercycle/config', { requestsPerMinute: 120, burst: 3 });
		for (let i = 0; i < 3; i++) expect((await api('/items?limit=1')).status).toBe(200);
		const limited = await api('/items?limit=1');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		expect(limited.body.error).toBe('rate_limited');
		// Per key: another key has its own budget.
		sb.control.seed({ supercycle: { apiKeys: [KEY, 'second-key'] } });
		expect((await api('/items?limit=1', { key: 'second-key' })).status).toBe(200);
		clock.advance(500);
		expect((await api('/items?limit=1')).status).toBe(200);
		expect((await api('/items?limit=1')).status).toBe(429);
		await ctl('POST', '/__sandbox/supercycle/config', { rateLimits: false });
		expect((await api('/items?limit=1')).status).toBe(200);
		expect((await ctl('GET', '/__sandbox/supercycle/config')).body).toEqual({
			rateLimits: false,
			requestsPerMinute: 120,
			burst: 3,
		});
		expect((await ctl('POST', '/__sandbox/supercycle/config', { burst: 0 })).status).toBe(400);
	});

	it('honours status and latency faults of service "supercycle", before the key check', async () => {
		await ctl('POST', '/__sandbox/faults', {
			faults: [
				{ service: 'supercycle', operation: 'getItem', status: 429, count: 1 },
				{ service: 'supercycle', operation: 'listRentals', status: 503, count: 1 },
				{ service: 'supercycle', operation: 'getRental', latencyMs: 50, count: 1 },
			],
		});
		const limited = await api('/items/101', { key: null });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		expect((await api('/items/101')).status).toBe(200);
		expect((await api('/rentals')).status).toBe(503);
		const started = Date.now();
		expect((await api('/rentals/501')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(45);
		// An Amazon fault does not touch Supercycle.
		await ctl('POST', '/__sandbox/faults', { faults: [{ operation: '*', status: 500 }] });
		expect((await api('/items')).status).toBe(200);
	});

	it('logs API calls with service "supercycle" and the operation', async () => {
		await api('/items?sku=TENT-2P-GRN');
		await call('PUT', '/api/v1/items/102', { body: { visibility: 'unavailable' } });
		await api('/rentals/502');
		const log = sb.control.requests({ service: 'supercycle' });
		expect(log.map((e) => [e.method, e.path, e.operation, e.status])).toEqual([
			['GET', '/api/v1/items', 'listItems', 200],
			['PUT', '/api/v1/items/102', 'updateItem', 200],
			['GET', '/api/v1/rentals/502', 'getRental', 200],
		]);
		expect(log[0].query).toEqual({ sku: 'TENT-2P-GRN' });
		expect(log[1].body).toEqual({ visibility: 'unavailable' });
	});
});

describe('control actions', () => {
	beforeEach(() => {
		sb.control.seed(shopSeed());
	});

	it('starts a rental for a variant (first available item), then returns it with a new condition', async () => {
		// 101 and 102 are rented: add a free green tent.
		sb.control.seed({
			supercycle: { items: [{ id: 105, shopifyVariantId: 44000000001, serial: 'TENT-0005' }] },
		});
		const started = await ctl('POST', '/__sandbox/supercycle/rentals', {
			shopifyVariantId: 44000000001,
			customer: { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' },
			shopifyOrderName: '#1042',
		});
		expect(started.status).toBe(201);
		const rental = started.body.rental;
		expect(rental).toMatchObject({
			id: 504,
			itemId: 105,
			status: 'fulfilled',
			fulfillmentStatus: 'complete',
			packingStatus: 'packed',
			fulfilledAt: START,
			rentalStart: START,
			rentalEnd: '2026-04-01T12:00:00Z',
			shopifyOrderName: '#1042',
			customer: { email: 'grace@example.com' },
			item: { id: 105, activeRentalId: 504 },
		});
		expect((await api('/items?withActiveRental=true')).body.data.map((i: any) => i.id)).toEqual([
			101, 102, 105,
		]);
		// No green tent left.
		const none = await ctl('POST', '/__sandbox/supercycle/rentals', {
			shopifyVariantId: 44000000001,
		});
		expect(none.status).toBe(409);

		clock.advance(3 * 86_400_000);
		const returned = await ctl('POST', `/__sandbox/supercycle/rentals/${rental.id}/return`, {
			conditionId: 5,
			visibility: 'unavailable',
		});
		expect(returned.status).toBe(200);
		expect(returned.body.rental).toMatchObject({
			status: 'received',
			receivalStatus: 'complete',
			receivedAt: '2026-03-05T12:00:00Z',
			restockedAt: '2026-03-05T12:00:00Z',
			updatedAt: '2026-03-05T12:00:00Z',
		});
		expect(returned.body.item).toMatchObject({
			id: 105,
			activeRentalId: null,
			conditionId: 5,
			visibility: 'unavailable',
		});
		expect(returned.body.item.timelineEvents.map((e: any) => e.eventType)).toEqual([
			'item_created',
			'item_allocated',
			'item_returned',
			'condition_changed',
			'visibility_changed',
		]);
		// The return shows up in an incremental sync on updatedAt.
		const synced = await api(`/rentals?updated[gte]=2026-03-05T00:00:00Z`);
		expect(synced.body.data.map((r: any) => r.id)).toEqual([504]);
		expect(
			(await ctl('POST', `/__sandbox/supercycle/rentals/${rental.id}/return`, {})).status,
		).toBe(409);
	});

	it('starts an unfulfilled rental for an item, fulfils it, and cancels another', async () => {
		const started = await ctl('POST', '/__sandbox/supercycle/rentals', {
			itemId: 103,
			fulfilled: false,
			fulfillAt: '2026-03-01T00:00:00Z',
		});
		expect(started.status).toBe(409); // 103 is unavailable
		await call('PUT', '/api/v1/items/103', { body: { visibility: 'available' } });
		const ok = await ctl('POST', '/__sandbox/supercycle/rentals', {
			itemId: 103,
			fulfilled: false,
			fulfillAt: '2026-03-01T00:00:00Z',
		});
		expect(ok.body.rental).toMatchObject({
			status: 'unfulfilled',
			fulfillmentStatus: 'overdue',
			fulfilledAt: null,
			rentalStart: null,
		});
		expect((await api('/rentals?unfulfilled=true')).body.data.map((r: any) => r.id)).toEqual([
			502, 504,
		]);
		const fulfilled = await ctl('POST', '/__sandbox/supercycle/rentals/504/fulfil', {
			at: '2026-03-02T13:00:00Z',
		});
		expect(fulfilled.body.rental).toMatchObject({
			status: 'fulfilled',
			fulfilledAt: '2026-03-02T13:00:00Z',
			rentalStart: '2026-03-02T13:00:00Z',
		});
		expect((await ctl('POST', '/__sandbox/supercycle/rentals/504/cancel', {})).status).toBe(409);

		const cancelled = await ctl('POST', '/__sandbox/supercycle/rentals/502/cancel', {});
		expect(cancelled.body.rental).toMatchObject({
			status: 'cancelled',
			item: { id: 102, activeRentalId: null },
		});
		expect((await ctl('POST', '/__sandbox/supercycle/rentals/502/return', {})).status).toBe(409);
		expect((await ctl('POST', '/__sandbox/supercycle/rentals/999/return', {})).status).toBe(404);
	});

	it('changes an item condition or visibility; refuses to retire a rented item', async () => {
		const r = await ctl('POST', '/__sandbox/supercycle/items/104/change', {
			visibility: 'available',
			conditionId: 5,
			author: 'Warehouse',
		});
		expect(r.status).toBe(200);
		expect(r.body.item).toMatchObject({ id: 104, visibility: 'available', conditionId: 5 });
		expect(r.body.item.timelineEvents.at(-1)).toMatchObject({
			eventType: 'visibility_changed',
			author: 'Warehouse',
			metadata: { from: 'retired', to: 'available' },
		});
		expect(
			(await ctl('POST', '/__sandbox/supercycle/items/101/change', { visibility: 'retired' }))
				.status,
		).toBe(409);
		const bad = await ctl('POST', '/__sandbox/supercycle/items/104/change', { conditionId: 42 });
		expect(bad.status).toBe(400);
		expect(bad.body.details).toEqual([
			{ path: 'conditionId', message: 'condition 42 does not exist' },
		]);
		expect((await ctl('POST', '/__sandbox/supercycle/items/104/change', {})).status).toBe(400);
		expect(
			(await ctl('POST', '/__sandbox/supercycle/items/999/change', { visibility: 'sold' })).status,
		).toBe(404);
	});

	it('derives overdue statuses from the sandbox clock', async () => {
		clock.set('2026-03-23T00:00:00Z');
		const r = (await api('/rentals/501')).body;
		expect([r.status, r.receivalStatus]).toEqual(['unreceived', 'overdue']);
		const s = (await api('/rentals/502')).body;
		expect([s.status, s.fulfillmentStatus]).toEqual(['unfulfilled', 'overdue']);
	});
});
