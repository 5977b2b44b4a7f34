/**
 * The one way every node talks to the Selling Partner API: authenticated through n8n's credential
 * helper (Login with Amazon, refreshed on 401 and 403), paced to Amazon's usage plans, retried with
 * backoff on 429, 5xx and network timeouts, paginated with nextToken, and with errors that carry
 * Amazon's error list and request id but never a secret.
 */
import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep as n8nSleep } from 'n8n-workflow';
import { spApiBaseUrl } from './endpoints';
import {
	failureFacts,
	lowerCaseKeys,
	parseBody,
	type FailureFacts,
	type RawResponse,
} from './httpFailure';
import {
	operationPath,
	operationSpec,
	pageReader,
	payloadOf,
	type PagedOperation,
	type PageResult,
	type PathParams,
	type SpApiOperation,
} from './operations';
import { RateLimiter } from './rateLimit';
import {
	DEFAULT_RETRY_POLICY,
	isRetryableNetworkCode,
	isRetryableStatus,
	parseRateLimitHeader,
	parseRetryAfter,
	retryDelayMs,
	type RetryPolicy,
} from './retry';

export { payloadOf, type PageResult } from './operations';

export const CREDENTIAL_TYPE = 'amazonVendorCentralApi';

export type SpApiContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface AmazonError {
	code: string;
	message: string;
	details?: string;
}

export interface SpApiCall {
	operation: SpApiOperation;
	method: 'GET' | 'POST';
	/** Path below the host, with path parameters already encoded. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Item the call is made for: carried into errors. */
	itemIndex?: number;
}

export interface SpApiResponse<T> {
	status: number;
	body: T;
	requestId?: string;
}

/** Knobs for tests and for callers that need other bounds. */
export interface TransportOptions {
	retryPolicy?: RetryPolicy;
	/** Per-request timeout in milliseconds. */
	timeoutMs?: number;
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
	now?: () => number;
}

/**
 * n8n 2.40+ reads preAuthenticationRetryStatusCode; the n8n-workflow types used to build this
 * package may predate it.
 */
type CredentialOptions = IAdditionalCredentialOptions & {
	preAuthenticationRetryStatusCode?: number[];
};
const CREDENTIAL_OPTIONS: CredentialOptions = { preAuthenticationRetryStatusCode: [401, 403] };

const DEFAULT_TIMEOUT_MS = 60_000;

interface ContextState {
	limiter: RateLimiter;
	baseUrl?: string;
}

/** One rate limiter and base URL per execution context: all calls of one execution share them. */
const contextStates = new WeakMap<object, ContextState>();

function stateFor(context: SpApiContext, options: TransportOptions): ContextState {
	let state = contextStates.get(context);
	if (!state) {
		state = { limiter: new RateLimiter(undefined, options.now ?? Date.now) };
		contextStates.set(context, state);
	}
	return state;
}

async function baseUrlFor(context: SpApiContext, state: ContextState): Promise<string> {
	if (state.baseUrl === undefined) {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		state.baseUrl = spApiBaseUrl(credentials);
	}
	return state.baseUrl;
}

/** Amazon's `errors[]` from a response body, if it has one. */
export function amazonErrors(body: unknown): AmazonError[] {
	const list = (body as { errors?: unknown } | undefined)?.errors;
	if (!Array.isArray(list)) return [];
	return list
		.filter((x) => x && typeof x === 'object')
		.map((x: Record<string, unknown>) => ({
			code: String(x.code ?? ''),
			message: String(x.message ?? ''),
			...(x.details !== undefined && x.details !== null && x.details !== ''
				? { details: String(x.details) }
				: {}),
		}));
}

/**
 * Builds the NodeApiError for a failed call from clean facts only: Amazon's errors, the status,
 * the request id. The HTTP client's error (which holds the access token header) is not passed on.
 */
function apiError(
	context: SpApiContext,
	call: SpApiCall,
	facts: FailureFacts,
	attempts: number,
): NodeApiError {
	const errors = amazonErrors(facts.body);
	const requestId = facts.headers['x-amzn-requestid'] as string | undefined;
	const summary = errors.length
		? errors.map((x) => `${x.code}: ${x.message}${x.details ? ` (${x.details})` : ''}`).join('; ')
		: facts.status !== undefined
			? `HTTP ${facts.status}`
			: (facts.networkCode ?? facts.message);
	const response: JsonObject = {
		operation: call.operation,
		method: call.method,
		path: call.path,
		status: facts.status ?? null,
		requestId: requestId ?? null,
		errors: errors as unknown as JsonObject[],
		attempts,
	};
	if (facts.networkCode) response.networkCode = facts.networkCode;
	const description = [
		`${call.method} ${call.path} (${call.operation})`,
		facts.status !== undefined ? `HTTP ${facts.status}` : undefined,
		requestId ? `x-amzn-RequestId: ${requestId}` : undefined,
		attempts > 1 ? `after ${attempts} attempts` : undefined,
	]
		.filter(Boolean)
		.join(', ');
	return new NodeApiError(context.getNode(), response, {
		message: `Amazon SP-API ${call.operation} failed: ${summary}`,
		description,
		httpCode: facts.status !== undefined ? String(facts.status) : undefined,
		itemIndex: call.itemIndex,
	});
}

/** The HTTP request of a call: JSON both ways, the full response returned (status, headers). */
function httpOptions(call: SpApiCall, baseUrl: string, timeoutMs?: number): IHttpRequestOptions {
	const withBody = call.body !== undefined;
	return {
		url: `${baseUrl}${call.path}`,
		method: call.method,
		headers: {
			Accept: 'application/json',
			...(withBody ? { 'Content-Type': 'application/json' } : {}),
		},
		qs: call.qs,
		...(withBody ? { body: call.body } : {}),
		json: true,
		returnFullResponse: true,
		timeout: timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
}

/**
 * Sends one SP-API request with pacing, retries and clean errors.
 *
 * HTTP error statuses are read from the response itself (so that the request id and rate headers
 * survive). A 401 or 403 is sent once more with n8n's error handling on: n8n then fetches a new
 * access token (preAuthentication) and repeats the request, as Amazon answers an expired token
 * with 403.
 */
export async function spApiRequest<T = IDataObject>(
	this: SpApiContext,
	call: SpApiCall,
	options: TransportOptions = {},
): Promise<SpApiResponse<T>> {
	const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
	const wait = options.sleep ?? n8nSleep;
	const state = stateFor(this, options);
	const bucket = state.limiter.bucket(call.operation);
	const baseUrl = await baseUrlFor(this, state);

	const request = httpOptions(call, baseUrl, options.timeoutMs);
	const send = async (ignoreHttpStatusErrors: boolean): Promise<RawResponse> =>
		(await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			{ ...request, headers: { ...request.headers }, ignoreHttpStatusErrors },
			CREDENTIAL_OPTIONS,
		)) as RawResponse;

	for (let attempt = 1; ; attempt++) {
		const delay = bucket.take();
		if (delay > 0) await wait(delay);

		let facts: FailureFacts;
		try {
			let response = await send(true);
			let status = response.statusCode ?? response.status ?? 200;
			if (status === 401 || status === 403) {
				// The resend (after n8n refreshes the token) is a request like any other: paced too.
				const again = bucket.take();
				if (again > 0) await wait(again);
				response = await send(false);
				status = response.statusCode ?? response.status ?? 200;
			}
			const headers = lowerCaseKeys(response.headers);
			const announced = parseRateLimitHeader(headers['x-amzn-ratelimit-limit']);
			if (announced !== undefined) bucket.lowerRate(announced);
			const body = parseBody(response.body);
			if (status >= 200 && status < 300) {
				return {
					status,
					body: body as T,
					requestId: headers['x-amzn-requestid'] as string | undefined,
				};
			}
			facts = { status, headers, body, message: `HTTP ${status}` };
		} catch (error) {
			facts = failureFacts(error);
		}

		const retryable =
			isRetryableStatus(facts.status) ||
			(facts.status === undefined && isRetryableNetworkCode(facts.networkCode));
		if (!retryable || attempt >= policy.maxAttempts) {
			throw apiError(this, call, facts, attempt);
		}
		const retryAfterMs = parseRetryAfter(facts.headers['retry-after'], (options.now ?? Date.now)());
		await wait(retryDelayMs(attempt, policy, { retryAfterMs, random: options.random }));
	}
}

/** What a call of one operation of the table needs besides the operation itself. */
export interface OperationRequest {
	/** Values of the `{name}` parameters of the operation's path, sent URL-encoded. */
	pathParams?: PathParams;
	qs?: IDataObject;
	body?: IDataObject;
	/** Item the call is made for: carried into errors. */
	itemIndex?: number;
}

/** The call of an operation: method and path from the operations table. */
export function operationCall(
	operation: SpApiOperation,
	request: OperationRequest = {},
): SpApiCall {
	const call: SpApiCall = {
		operation,
		method: operationSpec(operation).method,
		path: operationPath(operation, request.pathParams),
	};
	if (request.qs !== undefined) call.qs = request.qs;
	if (request.body !== undefined) call.body = request.body;
	if (request.itemIndex !== undefined) call.itemIndex = request.itemIndex;
	return call;
}

/** Sends one request of an operation of the table (method, path and pacing from its row). */
export async function callOperation<T = IDataObject>(
	context: SpApiContext,
	operation: SpApiOperation,
	request: OperationRequest = {},
	options: TransportOptions = {},
): Promise<SpApiResponse<T>> {
	return spApiRequest.call<SpApiContext, [SpApiCall, TransportOptions], Promise<SpApiResponse<T>>>(
		context,
		operationCall(operation, request),
		options,
	);
}

export interface PagingOptions<T> {
	/** Stop once this many items were collected (the last page is not read to its end). */
	max?: number;
	/** Query parameter that carries the next page's token; `nextToken` unless told. */
	tokenParam?: string;
	/** Items for which it answers false are skipped and not counted (duplicates, for instance). */
	keep?: (item: T) => boolean;
	/** More pages than this is a NodeOperationError naming the operation (a guard against loops). */
	maxPages?: number;
	/** How that error names what was read; the operation unless told (`getInvoice INV-1`). */
	label?: string;
}

/**
 * Follows the next page's token until the last page or until `max` items were collected. The other
 * query parameters are sent again with each page, as Amazon expects.
 */
export async function spApiPaginate<T>(
	this: SpApiContext,
	call: SpApiCall,
	readPage: (body: unknown) => PageResult<T>,
	options: TransportOptions & PagingOptions<T> = {},
): Promise<T[]> {
	const out: T[] = [];
	const tokenParam = options.tokenParam ?? 'nextToken';
	let nextToken: string | undefined;
	let pages = 0;
	do {
		if (options.maxPages !== undefined && ++pages > options.maxPages) {
			throw new NodeOperationError(
				this.getNode(),
				`${options.label ?? call.operation} returned more than ${options.maxPages} pages`,
				{ itemIndex: call.itemIndex },
			);
		}
		const qs: IDataObject = { ...(call.qs ?? {}) };
		if (nextToken) qs[tokenParam] = nextToken;
		const response = await spApiRequest.call(this, { ...call, qs }, options);
		const page = readPage(response.body);
		for (const item of page.items) {
			if (options.keep && !options.keep(item)) continue;
			out.push(item);
			if (options.max !== undefined && out.length >= options.max) return out;
		}
		nextToken = page.nextToken || undefined;
	} while (nextToken);
	return out;
}

/** Every item of a paged operation of the table: its list, its token and its token parameter. */
export async function paginateOperation<T>(
	context: SpApiContext,
	operation: PagedOperation,
	request: OperationRequest = {},
	options: TransportOptions & Omit<PagingOptions<T>, 'tokenParam'> = {},
): Promise<T[]> {
	const { tokenParam } = operationSpec(operation).paging ?? {};
	return spApiPaginate.call<
		SpApiContext,
		[SpApiCall, (body: unknown) => PageResult<T>, TransportOptions & PagingOptions<T>],
		Promise<T[]>
	>(context, operationCall(operation, request), pageReader<T>(operation), {
		...options,
		tokenParam,
	});
}

export type TransactionStatus = 'Processing' | 'Success' | 'Failure';

export interface TransactionResult {
	transactionId: string;
	status: TransactionStatus;
	errors: AmazonError[];
	/** False when the wait ended before Amazon reached Success or Failure. */
	final: boolean;
	polls: number;
}

/**
 * The operation that reads a transaction's status: the vendor Transaction Status API, or the Direct
 * Fulfillment Transactions API for DF submissions (its answer has no payload wrapper).
 */
export type TransactionOperation = 'getTransaction' | 'getDirectFulfillmentTransaction';

/** GET /vendor/transactions/v1/transactions/{transactionId} (or the DF one), once. */
export async function getTransaction(
	this: SpApiContext,
	transactionId: string,
	itemIndex?: number,
	options: TransportOptions = {},
	operation: TransactionOperation = 'getTransaction',
): Promise<TransactionResult> {
	const response = await callOperation(
		this,
		operation,
		{ pathParams: { transactionId }, itemIndex },
		options,
	);
	const status = payloadOf<{
		transactionStatus?: { transactionId?: string; status?: string; errors?: unknown };
	}>(response.body)?.transactionStatus;
	const normalised = String(status?.status ?? '').toLowerCase();
	const value: TransactionStatus =
		normalised === 'success' ? 'Success' : normalised === 'failure' ? 'Failure' : 'Processing';
	return {
		transactionId: String(status?.transactionId ?? transactionId),
		status: value,
		errors: amazonErrors({ errors: status?.errors }),
		final: value !== 'Processing',
		polls: 1,
	};
}

/**
 * Polls a transaction until Success or Failure, or until maxWaitMs has passed (then `final` is
 * false and the status is Processing).
 */
export async function waitForTransaction(
	this: SpApiContext,
	transactionId: string,
	wait: { maxWaitMs: number; intervalMs: number },
	itemIndex?: number,
	options: TransportOptions = {},
	operation: TransactionOperation = 'getTransaction',
): Promise<TransactionResult> {
	const now = options.now ?? Date.now;
	const pause = options.sleep ?? n8nSleep;
	const deadline = now() + wait.maxWaitMs;
	let polls = 0;
	for (;;) {
		const result = await getTransaction.call(this, transactionId, itemIndex, options, operation);
		polls++;
		if (result.final) return { ...result, polls };
		const remaining = deadline - now();
		if (remaining <= 0) return { ...result, polls };
		await pause(Math.min(wait.intervalMs, remaining));
	}
}

/** The transactionId of a 202 answer to a POST. */
export function transactionIdOf(body: unknown): string | undefined {
	const id = payloadOf<{ transactionId?: unknown }>(body)?.transactionId;
	return typeof id === 'string' && id ? id : undefined;
}
