/**
 * The common path of every SP-API call: injected latency and status faults, the access-token
 * check (403), the usage-plan token bucket (429), then the handler; every answer is `{ payload }`
 * or `{ errors }` with x-amzn-RequestId and x-amzn-RateLimit-Limit.
 *
 * A new Amazon endpoint is one call:
 *   amazonOperation(sim, { method: 'POST', path: '/vendor/…', operation: 'SubmitShipments' }, (req) => …)
 * where the handler returns ok(payload) / accepted(transactionId) or throws AmazonApiError.
 */
import { randomUUID } from 'node:crypto';
import type { HttpMethod, Route, SandboxRequest, SandboxResponse } from '../http/router';
import { BodyParseError, jsonBody, mediaType } from '../http/router';
import { AmazonApiError, errorsForStatus, invalidInput, unauthorized } from './errors';
import { rateLimitHeader, usagePlanFor, type UsagePlan } from './rateLimit';
import type { AmazonSimulator } from './simulator';
import type { AmazonError } from './types';

export interface AmazonReply {
	status: number;
	payload?: unknown;
	errors?: AmazonError[];
	/** A JSON answer sent as is, not wrapped in { payload } (the Finances API answers like that). */
	body?: unknown;
	/** A non-JSON answer (e.g. a CSV export), sent as is with `contentType`. */
	text?: string;
	contentType?: string;
}

export type AmazonHandler = (
	req: SandboxRequest,
	sim: AmazonSimulator,
) => AmazonReply | Promise<AmazonReply>;

export interface AmazonOperationDef {
	method: HttpMethod;
	path: string;
	/** operationId from Amazon's model: names the usage plan and matches faults. */
	operation: string;
	/** Default: the operation's usage plan (rateLimit.ts). */
	usagePlan?: UsagePlan;
	/** Require a valid x-amz-access-token (default true). */
	auth?: boolean;
}

export const ok = (payload: unknown): AmazonReply => ({ status: 200, payload });
export const accepted = (transactionId: string): AmazonReply => ({
	status: 202,
	payload: { transactionId },
});

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * The JSON body of a POST, checked against a definition of Amazon's model: 415 for a non-JSON
 * media type, 413 above 10 MB, 400 InvalidInput for unparsable JSON or a body that breaks the model.
 */
export function readModelBody<T>(
	sim: AmazonSimulator,
	req: SandboxRequest,
	modelFile: string,
	definition: string,
): T {
	const type = mediaType(req);
	if (type !== '' && type !== 'application/json') {
		throw new AmazonApiError(415, [
			{
				code: 'UnsupportedMediaType',
				message: `Content type ${type} is not supported.`,
				details: 'Use application/json.',
			},
		]);
	}
	if (req.rawBody.length > MAX_BODY_BYTES) {
		throw new AmazonApiError(413, [
			{
				code: 'RequestEntityTooLarge',
				message: 'The request size exceeded the maximum accepted size.',
				details: '',
			},
		]);
	}
	let body: unknown;
	try {
		body = jsonBody(req);
	} catch (e) {
		if (e instanceof BodyParseError) throw invalidInput(e.message);
		throw e;
	}
	if (body === undefined) throw invalidInput('The request body is missing.');
	const errors = sim.validateModelBody(modelFile, definition, body);
	if (errors.length) throw new AmazonApiError(400, errors);
	return body as T;
}

function respond(
	status: number,
	body: unknown,
	requestId: string,
	plan: UsagePlan | undefined,
	operation: string,
): SandboxResponse {
	const headers: Record<string, string> = { 'x-amzn-RequestId': requestId };
	if (plan) headers['x-amzn-RateLimit-Limit'] = rateLimitHeader(plan);
	return { status, body, headers, log: { service: 'amazon', operation, requestId } };
}

export function amazonOperation(
	sim: AmazonSimulator,
	def: AmazonOperationDef,
	handler: AmazonHandler,
): Route {
	const plan = def.usagePlan ?? usagePlanFor(def.operation);
	return {
		method: def.method,
		path: def.path,
		service: 'amazon',
		operation: def.operation,
		handler: async (req) => {
			const requestId = randomUUID();
			const latency = sim.faults.take('amazon', def.operation, 'latency');
			if (latency?.latencyMs) await new Promise((r) => setTimeout(r, latency.latencyMs));

			const fault = sim.faults.take('amazon', def.operation, 'status');
			if (fault?.status) {
				// A 403 is answered before the usage plan is known, as the real API does.
				const withPlan = fault.status === 403 ? undefined : plan;
				return respond(
					fault.status,
					{ errors: fault.errors ?? errorsForStatus(fault.status) },
					requestId,
					withPlan,
					def.operation,
				);
			}

			if (def.auth !== false) {
				const token = sim.tokens.check(req.headers['x-amz-access-token']);
				if (token !== 'valid')
					return respond(
						403,
						{ errors: [unauthorized(token)] },
						requestId,
						undefined,
						def.operation,
					);
			}

			if (!sim.rateLimiter.take(def.operation, plan)) {
				return respond(429, { errors: errorsForStatus(429) }, requestId, plan, def.operation);
			}

			try {
				const reply = await handler(req, sim);
				if (reply.text !== undefined) {
					const out = respond(reply.status, undefined, requestId, plan, def.operation);
					return {
						...out,
						text: reply.text,
						headers: {
							...out.headers,
							'content-type': reply.contentType ?? 'text/plain; charset=utf-8',
						},
					};
				}
				const body = reply.errors
					? { errors: reply.errors }
					: reply.body !== undefined
						? reply.body
						: { payload: reply.payload };
				return respond(reply.status, body, requestId, plan, def.operation);
			} catch (e) {
				if (e instanceof AmazonApiError)
					return respond(e.status, { errors: e.errors }, requestId, plan, def.operation);
				throw e;
			}
		},
	};
}
