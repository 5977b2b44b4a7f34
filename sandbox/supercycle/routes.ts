/**
 * The simulated Supercycle Admin API under /api/v1: items (list, get, update) and rentals (list,
 * get). Every call goes through the same steps: latency fault, status fault, Bearer key (401),
 * the per-key rate limit (429 with Retry-After), then the operation. Lists are
 * `{ data: [...], nextPage: <cursor|null> }`; single records are sent as they are.
 */
import type { FaultStore } from '../faults';
import {
	BodyParseError,
	jsonBody,
	mediaType,
	type HttpMethod,
	type Route,
	type SandboxRequest,
	type SandboxResponse,
} from '../http/router';
import {
	Checker,
	ITEM_STATUSES,
	VISIBILITIES,
	activeRentalOf,
	addTimelineEvent,
	isoSeconds,
	itemView,
	parseIsoDate,
	rentalView,
	type ItemRecord,
	type RentalRecord,
	type SupercycleSettings,
	type SupercycleState,
} from './state';

export const SUPERCYCLE_API_PREFIX = '/api/v1';

/** An API error: `{ error: code, message, details? }` with an HTTP status. */
export class SupercycleApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly details?: unknown[],
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

const notFound = (kind: 'Item' | 'Rental', id: string) =>
	new SupercycleApiError(404, 'not_found', `${kind} ${id} was not found.`);
const badParameter = (message: string) => new SupercycleApiError(400, 'invalid_parameter', message);

/** Per-key token buckets: `burst` tokens, refilled at requestsPerMinute / 60 per second on the sandbox clock. */
export class KeyRateLimiter {
	private buckets = new Map<string, { tokens: number; lastMs: number }>();

	constructor(
		private readonly nowMs: () => number,
		private readonly settings: () => SupercycleSettings,
	) {}

	/** Takes a token: `{ ok, remaining }`, or `{ ok: false, retryAfterSeconds }` when the key is over its budget. */
	take(key: string): { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number } {
		const { rateLimits, requestsPerMinute, burst } = this.settings();
		if (!rateLimits) return { ok: true, remaining: burst };
		const perMs = requestsPerMinute / 60_000;
		const now = this.nowMs();
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = { tokens: burst, lastMs: now };
			this.buckets.set(key, bucket);
		}
		bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.lastMs) * perMs);
		bucket.lastMs = now;
		if (bucket.tokens < 1)
			return {
				ok: false,
				retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
			};
		bucket.tokens -= 1;
		return { ok: true, remaining: Math.floor(bucket.tokens) };
	}

	reset(): void {
		this.buckets.clear();
	}
}

export interface SupercycleApiDeps {
	state: () => SupercycleState;
	settings: () => SupercycleSettings;
	faults: FaultStore;
	limiter: KeyRateLimiter;
	nowMs: () => number;
}

type Handler = (req: SandboxRequest) => { status?: number; body: unknown };

const STATUS_FAULT_CODES: Record<number, [string, string]> = {
	400: ['bad_request', 'The request could not be understood.'],
	401: ['unauthorized', 'Invalid API key.'],
	403: ['forbidden', 'This API key may not access this resource.'],
	404: ['not_found', 'The resource was not found.'],
	429: ['rate_limited', 'Too many requests. Retry after 1 second.'],
	500: ['internal_server_error', 'Something went wrong on our side.'],
	502: ['bad_gateway', 'Bad gateway.'],
	503: ['service_unavailable', 'The service is temporarily unavailable.'],
	504: ['gateway_timeout', 'Gateway timeout.'],
};

function errorResponse(
	e: SupercycleApiError,
	operation: string,
	extraHeaders: Record<string, string> = {},
): SandboxResponse {
	const body: Record<string, unknown> = { error: e.code, message: e.message };
	if (e.details?.length) body.details = e.details;
	return {
		status: e.status,
		body,
		headers: { ...extraHeaders, ...e.headers },
		log: { service: 'supercycle', operation },
	};
}

/** The API key of `Authorization: Bearer <key>` (scheme case-insensitive), or undefined. */
function bearerKey(req: SandboxRequest): string | undefined {
	const value = req.headers.authorization;
	if (typeof value !== 'string') return undefined;
	const m = /^\s*bearer\s+(\S+)\s*$/i.exec(value);
	return m ? m[1] : undefined;
}

function operationRoute(
	deps: SupercycleApiDeps,
	method: HttpMethod,
	path: string,
	operation: string,
	handler: Handler,
): Route {
	return {
		method,
		path: `${SUPERCYCLE_API_PREFIX}${path}`,
		service: 'supercycle',
		operation,
		handler: async (req) => {
			const latency = deps.faults.take('supercycle', operation, 'latency');
			if (latency?.latencyMs) await new Promise((r) => setTimeout(r, latency.latencyMs));

			const limit = String(deps.settings().requestsPerMinute);
			const fault = deps.faults.take('supercycle', operation, 'status');
			if (fault?.status) {
				const [code, message] = STATUS_FAULT_CODES[fault.status] ?? [
					`http_${fault.status}`,
					`Injected HTTP ${fault.status}.`,
				];
				const first = fault.errors?.[0];
				const headers: Record<string, string> =
					fault.status === 429 ? { 'Retry-After': '1', 'X-RateLimit-Limit': limit } : {};
				return errorResponse(
					new SupercycleApiError(
						fault.status,
						first?.code ?? code,
						first?.message ?? message,
						fault.errors?.slice(1),
					),
					operation,
					headers,
				);
			}

			const key = bearerKey(req);
			if (key === undefined) {
				return errorResponse(
					new SupercycleApiError(
						401,
						'unauthorized',
						'Missing API key: send Authorization: Bearer <key>.',
					),
					operation,
				);
			}
			if (!deps.state().apiKeys.includes(key))
				return errorResponse(
					new SupercycleApiError(401, 'unauthorized', 'Invalid API key.'),
					operation,
				);

			const taken = deps.limiter.take(key);
			if (!taken.ok) {
				const e = new SupercycleApiError(
					429,
					'rate_limited',
					`Rate limit of ${limit} requests per minute exceeded. Retry after ${taken.retryAfterSeconds} seconds.`,
				);
				return errorResponse(e, operation, {
					'Retry-After': String(taken.retryAfterSeconds),
					'X-RateLimit-Limit': limit,
					'X-RateLimit-Remaining': '0',
				});
			}
			const rateHeaders = {
				'X-RateLimit-Limit': limit,
				'X-RateLimit-Remaining': String(taken.remaining),
			};
			try {
				const out = handler(req);
				return {
					status: out.status ?? 200,
					body: out.body,
					headers: rateHeaders,
					log: { service: 'supercycle', operation },
				};
			} catch (e) {
				if (e instanceof SupercycleApiError) return errorResponse(e, operation, rateHeaders);
				throw e;
			}
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Query parameters and cursors
// ---------------------------------------------------------------------------------------------

function limitOf(query: URLSearchParams): number {
	const raw = query.get('limit');
	if (raw === null || raw === '') return 50;
	if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100)
		throw badParameter('limit must be a whole number between 1 and 100.');
	return Number(raw);
}

function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
	const raw = query.get(name);
	if (raw === null || raw === '') return undefined;
	if (raw === 'true' || raw === '1') return true;
	if (raw === 'false' || raw === '0') return false;
	throw badParameter(`${name} must be true or false.`);
}

function idParam(query: URLSearchParams, name: string): number | undefined {
	const raw = query.get(name);
	if (raw === null || raw === '') return undefined;
	if (!/^\d{1,16}$/.test(raw)) throw badParameter(`${name} must be a numeric id.`);
	return Number(raw);
}

function pathId(raw: string, kind: 'Item' | 'Rental'): number {
	if (!/^\d{1,16}$/.test(raw) || Number(raw) === 0) throw notFound(kind, raw);
	return Number(raw);
}

interface Cursor {
	/** Resource the cursor belongs to. */
	r: 'items' | 'rentals';
	/** Id of the last record sent. */
	a: number;
	/** The filters of the first request (query parameters other than limit and page). */
	f: Array<[string, string]>;
}

function encodeCursor(cursor: Cursor): string {
	return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(text: string, resource: Cursor['r']): Cursor {
	try {
		const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
		if (c && c.r === resource && Number.isInteger(c.a) && Array.isArray(c.f)) return c;
	} catch {
		// falls through to the error
	}
	throw new SupercycleApiError(
		400,
		'invalid_cursor',
		'The page cursor is not valid for this list.',
	);
}

/**
 * The filters to apply and where to start: from the request on the first page, from the cursor on
 * later pages (the cursor carries the first request's filters; only `limit` is read again).
 */
function listContext(
	query: URLSearchParams,
	resource: Cursor['r'],
): { filters: URLSearchParams; afterId: number; limit: number } {
	const limit = limitOf(query);
	const page = query.get('page');
	if (page) {
		const cursor = decodeCursor(page, resource);
		return { filters: new URLSearchParams(cursor.f), afterId: cursor.a, limit };
	}
	const filters = new URLSearchParams(
		[...query.entries()].filter(([k]) => k !== 'limit' && k !== 'page'),
	);
	return { filters, afterId: 0, limit };
}

function pageOf<T extends { id: number }>(
	records: T[],
	ctx: { filters: URLSearchParams; afterId: number; limit: number },
	resource: Cursor['r'],
	view: (record: T) => unknown,
) {
	const rest = records.filter((r) => r.id > ctx.afterId).sort((a, b) => a.id - b.id);
	const page = rest.slice(0, ctx.limit);
	const more = rest.length > page.length;
	return {
		data: page.map(view),
		nextPage:
			more && page.length
				? encodeCursor({ r: resource, a: page[page.length - 1].id, f: [...ctx.filters.entries()] })
				: null,
	};
}

// ---------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------

function itemFilter(
	state: SupercycleState,
	filters: URLSearchParams,
): (item: ItemRecord) => boolean {
	const sku = filters.get('sku') || undefined;
	const serial = filters.get('serial') || undefined;
	const visibility = filters.get('visibility') || undefined;
	if (visibility !== undefined && !(VISIBILITIES as readonly string[]).includes(visibility)) {
		throw badParameter(`visibility must be one of ${VISIBILITIES.join(', ')}.`);
	}
	// Documented default false: false does not filter.
	const withActiveRental = booleanParam(filters, 'withActiveRental') === true;
	return (item) =>
		(sku === undefined || item.sku === sku) &&
		(serial === undefined || item.serial === serial) &&
		(visibility === undefined || item.visibility === visibility) &&
		(!withActiveRental || activeRentalOf(state, item.id) !== undefined);
}

const UPDATE_FIELDS = [
	'serial',
	'shopifyVariantId',
	'status',
	'visibility',
	'conditionId',
	'locationShopifyId',
	'pickLocation',
] as const;

function readJsonBody(req: SandboxRequest): Record<string, unknown> {
	const type = mediaType(req);
	if (type !== '' && type !== 'application/json') {
		throw new SupercycleApiError(
			415,
			'unsupported_media_type',
			`Content type ${type} is not supported: send application/json.`,
		);
	}
	let body: unknown;
	try {
		body = jsonBody(req);
	} catch (e) {
		if (e instanceof BodyParseError) throw new SupercycleApiError(400, 'invalid_json', e.message);
		throw e;
	}
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw new SupercycleApiError(400, 'invalid_body', 'The body must be a JSON object.');
	return body as Record<string, unknown>;
}

/** PUT /items/{itemId}: the documented fields only; 422 when a value cannot be applied. */
function updateItem(
	state: SupercycleState,
	item: ItemRecord,
	body: Record<string, unknown>,
	nowIso: string,
): void {
	const check = new Checker();
	check.unknownKeys(body, UPDATE_FIELDS, 'body');
	const has = (k: string) => Object.prototype.hasOwnProperty.call(body, k);
	const serial = has('serial')
		? check.string(body.serial, 'serial', { nullable: true })
		: undefined;
	const variantId = has('shopifyVariantId')
		? check.id(body.shopifyVariantId, 'shopifyVariantId', { nullable: true })
		: undefined;
	const status = has('status') ? check.oneOf(body.status, ITEM_STATUSES, 'status') : undefined;
	const visibility = has('visibility')
		? check.oneOf(body.visibility, VISIBILITIES, 'visibility')
		: undefined;
	const conditionId = has('conditionId')
		? check.id(body.conditionId, 'conditionId', { nullable: true })
		: undefined;
	const locationId = has('locationShopifyId')
		? check.id(body.locationShopifyId, 'locationShopifyId', { nullable: true })
		: undefined;
	const pickLocation = has('pickLocation')
		? check.string(body.pickLocation, 'pickLocation', { nullable: true })
		: undefined;
	if (check.problems.length)
		throw new SupercycleApiError(
			400,
			'invalid_parameter',
			'The body has invalid fields.',
			check.problems,
		);

	if (typeof serial === 'string') {
		const twin = [...state.items.values()].find(
			(other) => other.id !== item.id && other.serial === serial,
		);
		if (twin) check.fail('serial', `is already used by item ${twin.id}`);
	}
	const variant =
		typeof variantId === 'number'
			? (state.variants.get(variantId) ??
				[...state.items.values()].find((i) => i.shopifyVariantId === variantId))
			: undefined;
	if (typeof variantId === 'number' && !variant)
		check.fail('shopifyVariantId', `variant ${variantId} is not imported into Supercycle`);
	if (typeof conditionId === 'number' && !state.conditions.has(conditionId))
		check.fail('conditionId', `condition ${conditionId} does not exist`);
	if (typeof locationId === 'number' && !state.locations.has(locationId))
		check.fail('locationShopifyId', `location ${locationId} is not a location of the shop`);
	const active = activeRentalOf(state, item.id);
	if ((visibility === 'sold' || visibility === 'retired') && active)
		check.fail('visibility', `the item is out on rental ${active.id}`);
	if (check.problems.length)
		throw new SupercycleApiError(
			422,
			'unprocessable_entity',
			'The item could not be updated.',
			check.problems,
		);

	const changes: Record<string, [unknown, unknown]> = {};
	const set = <K extends keyof ItemRecord>(key: K, value: ItemRecord[K] | undefined) => {
		if (value === undefined || item[key] === value) return;
		changes[key] = [item[key], value];
		item[key] = value;
	};
	set('serial', serial);
	set('status', status);
	set('visibility', visibility);
	set('conditionId', conditionId);
	set('locationShopifyId', locationId);
	set('pickLocation', pickLocation);
	if (variantId !== undefined && variantId !== item.shopifyVariantId) {
		changes.shopifyVariantId = [item.shopifyVariantId, variantId];
		item.shopifyVariantId = variantId;
		if (variant) {
			item.shopifyProductId = variant.shopifyProductId;
			item.productTitle = variant.productTitle;
			item.variantTitle = variant.variantTitle;
			item.sku = variant.sku;
			item.imageUrl = variant.imageUrl;
		}
	}
	if (Object.keys(changes).length)
		addTimelineEvent(state, item, 'Item', 'item_updated', nowIso, { changes }, 'API');
}

// ---------------------------------------------------------------------------------------------
// Rentals
// ---------------------------------------------------------------------------------------------

const DATE_FILTERS: Record<string, (r: RentalRecord) => string | null> = {
	created: (r) => r.createdAt,
	updated: (r) => r.updatedAt,
	rentalStart: (r) => r.rentalStart,
};
const OPERATORS: Record<string, (value: number, bound: number) => boolean> = {
	gt: (v, b) => v > b,
	gte: (v, b) => v >= b,
	lt: (v, b) => v < b,
	lte: (v, b) => v <= b,
};

function rentalFilter(
	state: SupercycleState,
	filters: URLSearchParams,
): (rental: RentalRecord) => boolean {
	const shopifyOrderId = filters.get('shopifyOrderId') || undefined;
	const itemId = idParam(filters, 'itemId');
	const variantId = idParam(filters, 'shopifyVariantId');
	// Documented default false: false does not filter.
	const unfulfilled = booleanParam(filters, 'unfulfilled') === true;
	const dateChecks: Array<(r: RentalRecord) => boolean> = [];
	for (const [key, value] of filters.entries()) {
		const m = /^(created|updated|rentalStart)(?:\[([A-Za-z]*)\])?$/.exec(key);
		if (!m) continue;
		const [, field, op] = m;
		if (op === undefined || !OPERATORS[op]) {
			throw badParameter(
				`${key} is not a valid filter: use ${field}[gt], ${field}[gte], ${field}[lt] or ${field}[lte].`,
			);
		}
		const bound = parseIsoDate(value);
		if (bound === undefined)
			throw badParameter(`${key} must be an ISO 8601 date-time, got "${value}".`);
		const read = DATE_FILTERS[field];
		const compare = OPERATORS[op];
		dateChecks.push((r) => {
			const v = read(r);
			return v !== null && compare(Date.parse(v), bound);
		});
	}
	return (r) =>
		(shopifyOrderId === undefined || String(r.shopifyOrderId) === shopifyOrderId) &&
		(itemId === undefined || r.itemId === itemId) &&
		(variantId === undefined || r.shopifyVariantId === variantId) &&
		(!unfulfilled || (r.fulfilledAt === null && r.cancelledAt === null)) &&
		dateChecks.every((check) => check(r));
}

export function supercycleApiRoutes(deps: SupercycleApiDeps): Route[] {
	const nowMs = deps.nowMs;
	return [
		operationRoute(deps, 'GET', '/items', 'listItems', (req) => {
			const state = deps.state();
			const ctx = listContext(req.query, 'items');
			const keep = itemFilter(state, ctx.filters);
			return {
				body: pageOf([...state.items.values()].filter(keep), ctx, 'items', (item) =>
					itemView(state, item),
				),
			};
		}),
		operationRoute(deps, 'GET', '/items/{itemId}', 'getItem', (req) => {
			const state = deps.state();
			const item = state.items.get(pathId(req.params.itemId, 'Item'));
			if (!item) throw notFound('Item', req.params.itemId);
			return { body: itemView(state, item) };
		}),
		operationRoute(deps, 'PUT', '/items/{itemId}', 'updateItem', (req) => {
			const state = deps.state();
			const item = state.items.get(pathId(req.params.itemId, 'Item'));
			if (!item) throw notFound('Item', req.params.itemId);
			updateItem(state, item, readJsonBody(req), isoSeconds(nowMs()));
			return { body: itemView(state, item) };
		}),
		operationRoute(deps, 'GET', '/rentals', 'listRentals', (req) => {
			const state = deps.state();
			const ctx = listContext(req.query, 'rentals');
			const keep = rentalFilter(state, ctx.filters);
			const now = nowMs();
			return {
				body: pageOf([...state.rentals.values()].filter(keep), ctx, 'rentals', (r) =>
					rentalView(state, r, now),
				),
			};
		}),
		operationRoute(deps, 'GET', '/rentals/{rentalId}', 'getRental', (req) => {
			const state = deps.state();
			const rental = state.rentals.get(pathId(req.params.rentalId, 'Rental'));
			if (!rental) throw notFound('Rental', req.params.rentalId);
			return { body: rentalView(state, rental, nowMs(), { withItem: true }) };
		}),
	];
}
