/**
 * The pieces every control API (/__sandbox/… of the sandbox and of each service) shares: reading
 * a JSON body, and a route whose thrown ControlError is the answer
 * `{ "error": message, "details": [...] }` with its status.
 */
import { ControlError } from './controlError';
import {
	BodyParseError,
	jsonBody,
	type HttpMethod,
	type Route,
	type RouteHandler,
	type SandboxRequest,
} from './http/router';

/** The body parsed as JSON (undefined when empty); a body that is not JSON is a ControlError(400). */
export function parsedBody(req: SandboxRequest): unknown {
	try {
		return jsonBody(req);
	} catch (e) {
		if (e instanceof BodyParseError) throw new ControlError(400, e.message);
		throw e;
	}
}

/** The JSON body; an empty one gives `fallback`, or a ControlError(400) without a fallback. */
export function requiredBody<T>(req: SandboxRequest, fallback?: T): T {
	const parsed = parsedBody(req);
	if (parsed === undefined) {
		if (fallback !== undefined) return fallback;
		throw new ControlError(400, 'A JSON body is required.');
	}
	return parsed as T;
}

/** As requiredBody, and a body that is not a JSON object is a ControlError(400). */
export function objectBody<T extends object>(req: SandboxRequest, fallback?: T): T {
	const parsed = requiredBody<unknown>(req, fallback);
	if (fallback !== undefined && parsed === fallback) return fallback;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw new ControlError(400, 'The body must be a JSON object.');
	return parsed as T;
}

/** A control route (service "control", not logged): a thrown ControlError is its answer. */
export function controlRoute(
	method: HttpMethod,
	path: string,
	operation: string,
	handler: RouteHandler,
): Route {
	return {
		method,
		path,
		service: 'control',
		operation,
		handler: async (req) => {
			try {
				return await handler(req);
			} catch (e) {
				if (e instanceof ControlError)
					return { status: e.status, body: { error: e.message, details: e.details } };
				throw e;
			}
		},
	};
}
