/**
 * The common path of every Magento REST call, as `magentoOperation(ctx, def, handler)` routes:
 *
 * 1. the store code: `/rest/V1/…` (default store), `/rest/<store code>/V1/…` or `/rest/all/V1/…`;
 *    an unknown store code is Magento's 404 "Request does not match any route.";
 * 2. injected latency and status faults (service "magento", operation = the schema's operationId);
 * 3. the Bearer token (seeded integration token or an admin token): 401 "The consumer isn't
 *    authorized to access %resources." with the operation's ACL resource;
 * 4. path parameters typed as the schema declares them, the JSON body validated against the
 *    operation's body schema, searchCriteria parsed and validated (400 with Magento's messages);
 * 5. the handler, whose return value is the 200 answer; a thrown MagentoError is the error answer.
 */
import type { HttpMethod, Route, SandboxRequest, SandboxResponse } from '../http/router';
import { BodyParseError, jsonBody, mediaType } from '../http/router';
import type { SandboxClock } from '../clock';
import type { FaultStore } from '../faults';
import {
	faultBody,
	inputError,
	inputErrors,
	MagentoError,
	notAuthorized,
	routeNotFound,
} from './errors';
import type { MagentoSchema, SwaggerOperation } from './schema';
import { readSearchCriteria, type SearchCriteria } from './searchCriteria';
import type { MagentoData, MagentoStore } from './state';

export const SERVICE = 'magento';

export interface MagentoContext {
	/** The current state (replaced as a whole by seed and reset). */
	data(): MagentoData;
	clock: SandboxClock;
	faults: FaultStore;
	schema: MagentoSchema;
}

export interface OperationDef {
	method: HttpMethod;
	/** The path as in Adobe's schema, e.g. "/V1/orders/{id}". */
	path: string;
	/** The ACL resource named in the 401 answer. */
	resource: string;
	/** No token needed (the admin token endpoint). */
	anonymous?: boolean;
	/** Read and validate searchCriteria from the query. */
	searchCriteria?: boolean;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- values validated against the Magento schema */
export interface OperationCall<B = any> {
	req: SandboxRequest;
	data: MagentoData;
	store: MagentoStore;
	/** Path parameters, typed as the schema declares them (integers as numbers). */
	params: Record<string, any>;
	/** The validated (and type-coerced) body; {} when the operation takes none. */
	body: B;
	criteria: SearchCriteria;
	op: SwaggerOperation;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export type OperationHandler = (call: OperationCall) => unknown;

const STORE_PARAM = 'magentoStoreCode';

function answer(status: number, body: unknown, operation: string): SandboxResponse {
	return {
		status,
		body,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		log: { service: SERVICE, operation },
	};
}

function bearerToken(req: SandboxRequest): string | undefined {
	const header = req.headers.authorization;
	if (typeof header !== 'string') return undefined;
	const m = /^Bearer\s+(.+)$/i.exec(header.trim());
	return m ? m[1].trim() : undefined;
}

export function isAuthorized(ctx: MagentoContext, req: SandboxRequest): boolean {
	const token = bearerToken(req);
	if (!token) return false;
	const data = ctx.data();
	if (data.integrationTokens.includes(token)) return true;
	const now = ctx.clock.nowMs();
	return data.adminTokens.some((t) => t.token === token && t.expiresAtMs > now);
}

function resolveStore(data: MagentoData, code: string | undefined): MagentoStore | undefined {
	if (code === undefined || code === 'all') return data.stores[0];
	return data.stores.find((s) => s.code === code);
}

function readBody(req: SandboxRequest, op: SwaggerOperation): unknown {
	if (!op.parameters?.some((p) => p.in === 'body')) return {};
	if (req.rawBody.length === 0 || req.rawBody.toString('utf8').trim() === '') return undefined;
	const type = mediaType(req);
	if (type === '') throw inputError('Content-Type header is empty.');
	if (type !== 'application/json')
		throw inputError('Server cannot understand Content-Type HTTP header media type %1', [type]);
	try {
		return jsonBody(req);
	} catch (e) {
		if (e instanceof BodyParseError) throw inputError('Decoding error.');
		throw e;
	}
}

/** The two routes of one operation: /rest/V1/… and /rest/{store}/V1/…. */
export function magentoOperation(
	ctx: MagentoContext,
	def: OperationDef,
	handler: OperationHandler,
): Route[] {
	const op = ctx.schema.operation(def.method, def.path);
	const operation = op.operationId;
	const handle = async (req: SandboxRequest): Promise<SandboxResponse> => {
		const data = ctx.data();
		const store = resolveStore(data, req.params[STORE_PARAM]);
		if (!store) return answer(404, routeNotFound().body(), operation);

		const latency = ctx.faults.take(SERVICE, operation, 'latency');
		if (latency?.latencyMs) await new Promise((r) => setTimeout(r, latency.latencyMs));
		const fault = ctx.faults.take(SERVICE, operation, 'status');
		if (fault?.status)
			return answer(fault.status, faultBody(fault.status, fault.errors?.[0]?.message), operation);

		try {
			if (!def.anonymous && !isAuthorized(ctx, req)) throw notAuthorized(def.resource);
			const { [STORE_PARAM]: _store, ...rawParams } = req.params;
			const params = ctx.schema.pathParams(op, rawParams);
			const body = readBody(req, op);
			const errors = ctx.schema.validateBody(op, body);
			if (errors.length) throw inputErrors(errors);
			const criteria = def.searchCriteria ? readSearchCriteria(ctx.schema, req.query) : {};
			const result = handler({
				req,
				data: ctx.data(),
				store,
				params,
				body: body ?? {},
				criteria,
				op,
			});
			return answer(200, result === undefined ? [] : result, operation);
		} catch (e) {
			if (e instanceof MagentoError) return answer(e.status, e.body(), operation);
			throw e;
		}
	};
	return [
		{ method: def.method, path: `/rest${def.path}`, service: SERVICE, operation, handler: handle },
		{
			method: def.method,
			path: `/rest/{${STORE_PARAM}}${def.path}`,
			service: SERVICE,
			operation,
			handler: handle,
		},
	];
}

/**
 * Magento answers a known path with another method as it answers an unknown path: 404 "Request
 * does not match any route." These routes stand in for the methods a path does not serve here.
 */
export function otherMethodRoutes(routes: Route[]): Route[] {
	// Keyed on the path's shape: "/V1/carts/{cartId}/items" and "/V1/carts/{quoteId}/items" are one path.
	const byShape = new Map<string, { path: string; methods: Set<HttpMethod> }>();
	for (const r of routes) {
		const shape = r.path.replace(/\{[^}]+\}/g, '{}').replace(/\/+$/, '');
		const entry = byShape.get(shape) ?? { path: r.path, methods: new Set<HttpMethod>() };
		entry.methods.add(r.method);
		byShape.set(shape, entry);
	}
	// A route of that method whose path takes this one (GET /V1/products/{sku} serves GET
	// /V1/products/tier-prices, answering an unknown product) needs no stand-in.
	const segments = (path: string) => path.split('/').filter(Boolean);
	const takes = (route: string[], path: string[]) =>
		route.length === path.length &&
		route.every(
			(seg, i) => /^\{[^}]+\}$/.test(seg) || (seg === path[i] && !/^\{[^}]+\}$/.test(path[i])),
		);
	const out: Route[] = [];
	for (const { path, methods } of byShape.values()) {
		for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as HttpMethod[]) {
			if (methods.has(method)) continue;
			if (routes.some((r) => r.method === method && takes(segments(r.path), segments(path))))
				continue;
			out.push({
				method,
				path,
				service: SERVICE,
				operation: 'routeNotFound',
				handler: () => answer(404, routeNotFound().body(), 'routeNotFound'),
			});
		}
	}
	return out;
}
