/**
 * How the Supercycle node talks to the Supercycle Admin API: through n8n's credential helper
 * (Bearer key), retried a bounded number of times on 429, 5xx and network timeouts with backoff
 * that honours Retry-After (Supercycle allows 120 requests per minute per key), paginated with the
 * `nextPage` cursor, and with errors built from clean facts only (status, Supercycle's message,
 * method and path): never the request, whose headers carry the key.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { FailureFacts } from '../shared/transport/httpFailure';
import type { RetryPolicy } from '../shared/transport/retry';
import { requestWithRetries } from '../shared/transport/retryingRequest';

export const SUPERCYCLE_CREDENTIAL = 'supercycleApi';
export const SUPERCYCLE_DEFAULT_BASE_URL = 'https://app.supercycle.com/api/v1';

/** A minute's budget is 120 requests: a Retry-After of up to 60 s is honoured in full. */
export const SUPERCYCLE_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 1_000,
	maxDelayMs: 60_000,
};

/** Supercycle's page size bounds (default 50). */
export const MAX_PAGE_SIZE = 100;

const TIMEOUT_MS = 60_000;

export type SupercycleContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface SupercycleCall {
	method: 'GET' | 'PUT';
	/** Path below the base URL with ids already encoded, e.g. `/items/12`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** The input item the call is made for: carried into errors. */
	itemIndex?: number;
}

/** Knobs for tests. */
export interface SupercycleTransportOptions {
	retryPolicy?: RetryPolicy;
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
	now?: () => number;
}

/** Supercycle's error text from a body: `{ message }`, `{ error }`, `{ error: { message } }` or `{ errors: [...] }`. */
export function supercycleErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 300) || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const b = body as Record<string, unknown>;
	if (typeof b.message === 'string' && b.message) return b.message;
	if (typeof b.error === 'string' && b.error) return b.error;
	if (
		b.error &&
		typeof b.error === 'object' &&
		typeof (b.error as IDataObject).message === 'string'
	)
		return (b.error as IDataObject).message as string;
	if (Array.isArray(b.errors)) {
		const parts = b.errors
			.map((x) =>
				typeof x === 'string'
					? x
					: x && typeof x === 'object'
						? String((x as IDataObject).message ?? '')
						: '',
			)
			.filter(Boolean);
		if (parts.length) return parts.join('; ');
	}
	return undefined;
}

function detailsOf(body: unknown): string[] {
	const details = (body as { details?: unknown } | undefined)?.details;
	if (!Array.isArray(details)) return [];
	return details
		.map((d) => {
			if (typeof d === 'string') return d;
			if (d && typeof d === 'object') {
				const x = d as IDataObject;
				return [x.path ?? x.field, x.message].filter((v) => v !== undefined && v !== '').join(' ');
			}
			return '';
		})
		.filter(Boolean);
}

const STATUS_HINTS: Record<number, string> = {
	401: 'Check the API key of the Supercycle API credential.',
	403: 'The API key may not access this resource.',
	404: 'Check the ID: it does not exist in this Supercycle shop.',
	422: 'Supercycle refused the values.',
	429: 'Supercycle allows 120 requests per minute per API key.',
};

function apiError(
	context: SupercycleContext,
	call: SupercycleCall,
	facts: FailureFacts,
	attempts: number,
): NodeApiError {
	const reason = supercycleErrorMessage(facts.body);
	const details = detailsOf(facts.body);
	const what =
		facts.status !== undefined ? `HTTP ${facts.status}` : (facts.networkCode ?? facts.message);
	const message = `Supercycle ${call.method} ${call.path} failed: ${reason ? `${reason} (${what})` : what}`;
	const description = [
		details.length ? `Problems: ${details.join('; ')}.` : undefined,
		facts.status !== undefined ? STATUS_HINTS[facts.status] : undefined,
		attempts > 1 ? `Gave up after ${attempts} attempts.` : undefined,
	]
		.filter(Boolean)
		.join(' ');
	const response: JsonObject = {
		method: call.method,
		path: call.path,
		status: facts.status ?? null,
		error: reason ?? null,
		details,
		attempts,
	};
	if (facts.networkCode) response.networkCode = facts.networkCode;
	return new NodeApiError(context.getNode(), response, {
		message,
		description: description || undefined,
		httpCode: facts.status !== undefined ? String(facts.status) : undefined,
		itemIndex: call.itemIndex,
	});
}

/** Base URL of the credential without trailing slashes. */
async function baseUrlOf(context: SupercycleContext, itemIndex?: number): Promise<string> {
	const credentials = await context.getCredentials(SUPERCYCLE_CREDENTIAL);
	const raw = String(credentials.baseUrl ?? '').trim() || SUPERCYCLE_DEFAULT_BASE_URL;
	if (!/^https?:\/\/[^/\s]+/i.test(raw)) {
		throw new NodeOperationError(
			context.getNode(),
			`The Supercycle API credential's Base URL "${raw}" is not an http(s) URL`,
			{ itemIndex },
		);
	}
	return raw.replace(/\/+$/, '');
}

/** One Supercycle request with bounded retries on 429, 5xx and timeouts; returns the parsed JSON body. */
export async function supercycleRequest<T = unknown>(
	this: SupercycleContext,
	call: SupercycleCall,
	options: SupercycleTransportOptions = {},
): Promise<T> {
	const policy = options.retryPolicy ?? SUPERCYCLE_RETRY_POLICY;
	const baseUrl = await baseUrlOf(this, call.itemIndex);
	const request: IHttpRequestOptions = {
		method: call.method,
		url: `${baseUrl}${call.path}`,
		qs: call.qs,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: TIMEOUT_MS,
		headers: { Accept: 'application/json' },
	};
	if (call.body !== undefined) {
		request.body = call.body;
		request.headers = { ...request.headers, 'Content-Type': 'application/json' };
	}

	const outcome = await requestWithRetries(this, SUPERCYCLE_CREDENTIAL, request, {
		policy,
		sleep: options.sleep,
		now: options.now,
		random: options.random,
	});
	if (outcome.ok) return outcome.body as T;
	throw apiError(this, call, outcome.facts, outcome.attempts);
}

interface Page {
	data?: unknown;
	nextPage?: unknown;
}

/**
 * Follows `nextPage` until the last page or until `max` records were collected. Filters are sent
 * again with every page; `limit` asks for no more than is still needed.
 */
export async function supercyclePaginate(
	this: SupercycleContext,
	call: SupercycleCall,
	max: number | undefined,
	options: SupercycleTransportOptions = {},
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const seen = new Set<string>();
	let page: string | undefined;
	for (;;) {
		const wanted = max === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, max - out.length);
		const qs: IDataObject = { ...(call.qs ?? {}), limit: wanted };
		if (page) qs.page = page;
		const body = (await supercycleRequest.call(this, { ...call, qs }, options)) as Page | undefined;
		if (!body || typeof body !== 'object' || !Array.isArray(body.data)) {
			throw new NodeOperationError(
				this.getNode(),
				`Supercycle ${call.method} ${call.path} answered without a data list`,
				{ itemIndex: call.itemIndex },
			);
		}
		for (const record of body.data as IDataObject[]) {
			out.push(record);
			if (max !== undefined && out.length >= max) return out;
		}
		const next = typeof body.nextPage === 'string' && body.nextPage ? body.nextPage : undefined;
		if (!next) return out;
		if (seen.has(next)) {
			throw new NodeOperationError(
				this.getNode(),
				`Supercycle ${call.method} ${call.path} sent the same page cursor twice; stopped to avoid a loop`,
				{
					itemIndex: call.itemIndex,
				},
			);
		}
		seen.add(next);
		page = next;
	}
}
