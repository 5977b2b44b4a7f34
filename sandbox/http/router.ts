/**
 * A small router: routes are plain objects (method, path with `{param}` segments, handler), so a
 * service adds an endpoint by adding one object to its list.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SandboxRequest {
	method: string;
	/** Decoded path without the query string. */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** Values of the route's `{param}` segments, URL-decoded. */
	params: Record<string, string>;
	/** Real arrival time (epoch ms). */
	receivedAtMs: number;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string>;
	/** Sent as JSON. */
	body?: unknown;
	/** Sent as is, instead of body (with headers['content-type'] if set). */
	text?: string;
	/** What the request log records about the call. */
	log?: { service?: string; operation?: string; requestId?: string };
}

export type RouteHandler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
	method: HttpMethod;
	/** E.g. "/vendor/orders/v1/purchaseOrders/{purchaseOrderNumber}". */
	path: string;
	/** "amazon", "shopify"…; "control" for /__sandbox/ routes (not logged). */
	service: string;
	/** Operation id (Amazon's operationId for Amazon routes). */
	operation: string;
	handler: RouteHandler;
}

interface CompiledRoute {
	route: Route;
	segments: Array<{ literal: string } | { param: string }>;
	literals: number;
}

export type RouteMatch =
	| { kind: 'found'; route: Route; params: Record<string, string> }
	| { kind: 'wrongMethod'; allowed: HttpMethod[] }
	| { kind: 'none' };

function split(path: string): string[] {
	return path.split('/').filter((s) => s !== '');
}

export class Router {
	private compiled: CompiledRoute[] = [];

	add(...routes: Route[]): this {
		for (const route of routes) {
			const segments = split(route.path).map((s) => {
				const m = /^\{([A-Za-z0-9_]+)\}$/.exec(s);
				return m ? { param: m[1] } : { literal: s };
			});
			const clash = this.compiled.find(
				(c) => c.route.method === route.method && c.route.path === route.path,
			);
			if (clash) throw new Error(`Route ${route.method} ${route.path} is already registered`);
			this.compiled.push({
				route,
				segments,
				literals: segments.filter((s) => 'literal' in s).length,
			});
		}
		// Most specific first: "/x/{id}/change" before "/x/{id}/{action}".
		this.compiled.sort((a, b) => b.literals - a.literals);
		return this;
	}

	match(method: string, path: string): RouteMatch {
		const parts = split(path);
		const allowed: HttpMethod[] = [];
		for (const c of this.compiled) {
			const params = matchSegments(c.segments, parts);
			if (!params) continue;
			if (c.route.method === method) return { kind: 'found', route: c.route, params };
			allowed.push(c.route.method);
		}
		return allowed.length ? { kind: 'wrongMethod', allowed } : { kind: 'none' };
	}

	list(): Array<Pick<Route, 'method' | 'path' | 'service' | 'operation'>> {
		return this.compiled.map(({ route: { method, path, service, operation } }) => ({
			method,
			path,
			service,
			operation,
		}));
	}
}

function matchSegments(
	segments: CompiledRoute['segments'],
	parts: string[],
): Record<string, string> | undefined {
	if (segments.length !== parts.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < segments.length; i++) {
		const s = segments[i];
		if ('literal' in s) {
			if (s.literal !== parts[i]) return undefined;
		} else {
			try {
				params[s.param] = decodeURIComponent(parts[i]);
			} catch {
				return undefined;
			}
		}
	}
	return params;
}

export class BodyParseError extends Error {}

/** The request body parsed as JSON; throws BodyParseError when it is not JSON. Empty body gives undefined. */
export function jsonBody(req: SandboxRequest): unknown {
	const text = req.rawBody.toString('utf8');
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch (e) {
		throw new BodyParseError(`The request body is not valid JSON: ${(e as Error).message}`);
	}
}

/** The media type of the request without parameters, lower-cased ("" when absent). */
export function mediaType(req: SandboxRequest): string {
	const value = req.headers['content-type'];
	return (typeof value === 'string' ? value.split(';')[0] : '').trim().toLowerCase();
}

/** Query parameters as an object: a repeated parameter gives an array. */
export function queryObject(query: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of query.entries()) {
		const prev = out[k];
		if (prev === undefined) out[k] = v;
		else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
	}
	return out;
}
