/**
 * When to retry an SP-API call and how long to wait: bounded exponential backoff with full jitter,
 * honouring Retry-After when Amazon sends it. Pure: randomness and the clock are injected.
 */
import { InvalidInputError } from '../domain/inputError';
import { isObject, shown } from '../domain/values';

export interface RetryPolicy {
	/** Total attempts including the first one. */
	maxAttempts: number;
	/** Delay before the first retry, before jitter. */
	baseDelayMs: number;
	/** Upper bound for any single delay. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
};

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Network failures worth another attempt: timeouts and dropped connections. */
const RETRYABLE_NETWORK_CODES = new Set([
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
]);

export function isRetryableStatus(status: number | undefined): boolean {
	return status !== undefined && RETRYABLE_STATUSES.has(status);
}

export function isRetryableNetworkCode(code: string | undefined): boolean {
	return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

/** Retry-After as seconds or as an HTTP date; returns milliseconds, or undefined if absent or invalid. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
	finiteNumber(now, 'now');
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (!text) return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** x-amzn-RateLimit-Limit: the sustained rate (requests per second) Amazon applied to the call. */
export function parseRateLimitHeader(value: unknown): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const rate = Number(String(value).trim());
	return Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

/**
 * Delay before retry number `retry` (1 for the first retry). Exponential backoff with full jitter,
 * bounded by maxDelayMs; a Retry-After from Amazon is a floor, also bounded by maxDelayMs.
 */
export function retryDelayMs(
	retry: number,
	policy: RetryPolicy,
	options: { retryAfterMs?: number; random?: () => number } = {},
): number {
	finiteNumber(retry, 'retry');
	checkPolicy(policy);
	if (!isObject(options)) throw new InvalidInputError('options must be an object', 'options');
	if (options.retryAfterMs !== undefined)
		finiteNumber(options.retryAfterMs, 'options.retryAfterMs');
	const random = options.random ?? Math.random;
	if (typeof random !== 'function')
		throw new InvalidInputError('options.random must be a function', 'options.random');
	const draw = random();
	if (!(typeof draw === 'number' && draw >= 0 && draw <= 1)) {
		throw new InvalidInputError(
			`options.random must answer a number from 0 to 1, not ${shown(draw)}`,
			'options.random',
		);
	}
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
	// Full jitter, but never below half the ceiling, so that retries do spread out.
	const jittered = Math.round(ceiling / 2 + draw * (ceiling / 2));
	const floor =
		options.retryAfterMs !== undefined ? Math.min(options.retryAfterMs, policy.maxDelayMs) : 0;
	return Math.max(jittered, floor);
}

function finiteNumber(value: unknown, path: string): void {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new InvalidInputError(`${path} must be a number, not ${shown(value)}`, path);
	}
}

/** A policy of whole attempts and of delays that are numbers of zero or more milliseconds. */
function checkPolicy(policy: unknown): void {
	if (!isObject(policy)) throw new InvalidInputError('policy must be an object', 'policy');
	for (const key of ['maxAttempts', 'baseDelayMs', 'maxDelayMs'] as const) {
		finiteNumber(policy[key], `policy.${key}`);
		if ((policy[key] as number) < 0) {
			throw new InvalidInputError(`policy.${key} must not be negative`, `policy.${key}`);
		}
	}
}
