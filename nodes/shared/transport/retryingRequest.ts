/**
 * One request through n8n's credential helper with bounded retries on HTTP 429, 5xx and network
 * timeouts (Retry-After honoured), for the platform transports (Shopify, Supercycle). It returns the
 * parsed body of a 2xx answer, or the facts of the last failure and the attempts made: each
 * transport builds its own error from them, never from the client's error (it holds the token).
 */
import type { IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import { sleep as n8nSleep } from 'n8n-workflow';
import {
	failureFacts,
	lowerCaseKeys,
	parseBody,
	type FailureFacts,
	type RawResponse,
} from './httpFailure';
import {
	isRetryableNetworkCode,
	isRetryableStatus,
	parseRetryAfter,
	retryDelayMs,
	type RetryPolicy,
} from './retry';

export interface RetryingOptions {
	policy: RetryPolicy;
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
	random?: () => number;
}

export type RetryingOutcome =
	| { ok: true; body: unknown }
	| { ok: false; facts: FailureFacts; attempts: number };

/** HTTP 429, 5xx and network timeouts are worth another attempt. */
function worthRetrying(facts: FailureFacts): boolean {
	if (facts.status !== undefined) return isRetryableStatus(facts.status);
	return isRetryableNetworkCode(facts.networkCode);
}

async function attemptOnce(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	credential: string,
	request: IHttpRequestOptions,
): Promise<{ body: unknown } | { facts: FailureFacts }> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			credential,
			{ ...request, headers: { ...request.headers } },
		)) as RawResponse;
		const status = response.statusCode ?? response.status ?? 200;
		const body = parseBody(response.body);
		if (status >= 200 && status < 300) return { body };
		return {
			facts: { status, headers: lowerCaseKeys(response.headers), body, message: `HTTP ${status}` },
		};
	} catch (error) {
		return { facts: failureFacts(error) };
	}
}

/** Sends `request` (returnFullResponse and ignoreHttpStatusErrors set) until it succeeds or gives up. */
export async function requestWithRetries(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	credential: string,
	request: IHttpRequestOptions,
	options: RetryingOptions,
): Promise<RetryingOutcome> {
	const wait = options.sleep ?? n8nSleep;
	const now = options.now ?? Date.now;
	for (let attempt = 1; ; attempt++) {
		const outcome = await attemptOnce(context, credential, request);
		if ('body' in outcome) return { ok: true, body: outcome.body };
		const { facts } = outcome;
		if (!worthRetrying(facts) || attempt >= options.policy.maxAttempts)
			return { ok: false, facts, attempts: attempt };
		const retryAfterMs = parseRetryAfter(facts.headers['retry-after'], now());
		await wait(retryDelayMs(attempt, options.policy, { retryAfterMs, random: options.random }));
	}
}
