/**
 * The pure transport settings (token bucket, retry delays, endpoints): random valid inputs keep the
 * invariants of Amazon's usage plans and of the backoff, and hostile arguments give a result or a
 * named error (InvalidInputError), never a TypeError, a RangeError or a NaN.
 */
import fc from 'fast-check';
import { RateLimiter, TokenBucket, withMargin } from '../../../nodes/shared/transport/rateLimit';
import {
	DEFAULT_RETRY_POLICY,
	parseRateLimitHeader,
	parseRetryAfter,
	retryDelayMs,
} from '../../../nodes/shared/transport/retry';
import {
	lwaRefreshTokenBody,
	lwaTokenUrl,
	spApiBaseUrl,
} from '../../../nodes/shared/transport/endpoints';
import { SP_API_OPERATIONS, type SpApiOperation } from '../../../nodes/shared/transport/operations';
import { hostileValue, resultOrNamedError } from '../../helpers/hostile';

const limit = fc.record({
	rate: fc.double({ min: 0.1, max: 50, noNaN: true }),
	burst: fc.integer({ min: 1, max: 30 }),
});

describe('TokenBucket', () => {
	it('never lets more than burst + rate × elapsed requests go without a wait', () => {
		fc.assert(
			fc.property(limit, fc.array(fc.nat({ max: 400 }), { maxLength: 60 }), (plan, gaps) => {
				let t = 0;
				const bucket = new TokenBucket(plan, () => t);
				const sentAt: number[] = [];
				for (const gap of gaps) {
					t += gap;
					sentAt.push(t + bucket.take());
				}
				// However the requests are spread, none starts before its token exists.
				sentAt.forEach((at, i) => {
					expect(i + 1).toBeLessThanOrEqual(plan.burst + (at * plan.rate) / 1000 + 1e-6);
				});
			}),
			{ numRuns: 200 },
		);
	});

	it('is paced with one token less of burst and 10 % less rate for every operation', () => {
		const operations = Object.keys(SP_API_OPERATIONS) as SpApiOperation[];
		fc.assert(
			fc.property(fc.constantFrom(...operations), (operation) => {
				const limiter = new RateLimiter(undefined, () => 0);
				const { rate, burst } = SP_API_OPERATIONS[operation];
				const waits = Array.from({ length: burst }, () => limiter.bucket(operation).take());
				expect(waits.filter((w) => w === 0)).toHaveLength(Math.max(1, burst - 1));
				expect(limiter.bucket(operation).currentRate).toBeCloseTo(rate * 0.9);
			}),
			{ numRuns: 30 },
		);
	});

	it('answers hostile limits, clocks and operations with a named error', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, (value, other) => {
				resultOrNamedError(() => new TokenBucket(value as never, () => 0));
				resultOrNamedError(() => new TokenBucket({ rate: 1, burst: 1 }, value as never));
				resultOrNamedError(() => withMargin(value as never));
				resultOrNamedError(() => new RateLimiter(undefined, () => 0).bucket(value as never));
				const bucket = new TokenBucket({ rate: 5, burst: 2 }, () => 0);
				bucket.lowerRate(other as number);
				expect(Number.isFinite(bucket.take())).toBe(true);
			}),
			{ numRuns: 200 },
		);
	});
});

describe('retryDelayMs', () => {
	it('stays between half the backoff ceiling and the ceiling, and honours Retry-After up to the maximum', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 40 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.option(fc.nat({ max: 120_000 })),
				(retry, draw, retryAfterMs) => {
					const policy = DEFAULT_RETRY_POLICY;
					const delay = retryDelayMs(retry, policy, {
						random: () => draw,
						...(retryAfterMs === null ? {} : { retryAfterMs }),
					});
					const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
					expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
					expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
					if (retryAfterMs !== null) {
						expect(delay).toBeGreaterThanOrEqual(Math.min(retryAfterMs, policy.maxDelayMs));
					}
				},
			),
			{ numRuns: 200 },
		);
	});

	it('answers hostile arguments with a finite delay or a named error', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, hostileValue, (retry, policy, options) => {
				for (const args of [
					[retry, DEFAULT_RETRY_POLICY, {}],
					[1, policy, {}],
					[1, DEFAULT_RETRY_POLICY, options],
					[1, DEFAULT_RETRY_POLICY, { random: () => retry }],
				] as const) {
					const outcome = resultOrNamedError(() =>
						retryDelayMs(args[0] as number, args[1] as never, args[2] as never),
					);
					if (outcome.ok) expect(Number.isFinite(outcome.value)).toBe(true);
				}
			}),
			{ numRuns: 200 },
		);
	});
});

describe('Retry-After and x-amzn-RateLimit-Limit', () => {
	it('reads seconds and HTTP dates as milliseconds from now', () => {
		fc.assert(
			fc.property(fc.nat({ max: 3600 }), fc.integer({ min: 0, max: 2e12 }), (seconds, now) => {
				expect(parseRetryAfter(String(seconds), now)).toBe(seconds * 1000);
				const date = new Date(Math.floor(now / 1000) * 1000 + seconds * 1000).toUTCString();
				expect(parseRetryAfter(date, now)).toBe(Math.max(0, Date.parse(date) - now));
			}),
			{ numRuns: 200 },
		);
	});

	it('answers hostile headers with undefined or a number, never NaN', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, (header, now) => {
				for (const value of [parseRetryAfter(header, 0), parseRateLimitHeader(header)]) {
					if (value !== undefined) expect(Number.isFinite(value) || value === Infinity).toBe(true);
				}
				const outcome = resultOrNamedError(() => parseRetryAfter('5', now as number));
				if (outcome.ok) expect(outcome.value).toBe(5000);
			}),
			{ numRuns: 200 },
		);
	});
});

describe('endpoints', () => {
	const settings = fc.record(
		{
			region: fc.constantFrom('na', 'eu', 'fe'),
			sandbox: fc.boolean(),
			useCustomEndpoints: fc.boolean(),
			customBaseUrl: fc.webUrl(),
			customTokenUrl: fc.webUrl(),
		},
		{ requiredKeys: ['region'] },
	);

	it('gives an https host of the region, or the custom URL without a trailing slash', () => {
		fc.assert(
			fc.property(settings, (s) => {
				const url = spApiBaseUrl(s);
				expect(url.endsWith('/')).toBe(false);
				if (s.useCustomEndpoints && s.customBaseUrl?.trim()) {
					expect(url).toBe(s.customBaseUrl.trim().replace(/\/+$/, ''));
				} else {
					expect(url).toBe(
						`https://${s.sandbox ? 'sandbox.' : ''}sellingpartnerapi-${s.region}.amazon.com`,
					);
				}
				expect(lwaTokenUrl(s)).toMatch(/^https?:\/\//);
			}),
			{ numRuns: 200 },
		);
	});

	it('encodes every value of the refresh-token grant so that the form reads back the same', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), fc.string(), (clientId, secret, token) => {
				const form = new URLSearchParams(lwaRefreshTokenBody(clientId, secret, token));
				expect(Object.fromEntries(form)).toEqual({
					grant_type: 'refresh_token',
					refresh_token: token,
					client_id: clientId,
					client_secret: secret,
				});
			}),
			{ numRuns: 200 },
		);
	});

	it('answers hostile settings and values with a URL or a named error', () => {
		fc.assert(
			fc.property(hostileValue, (value) => {
				resultOrNamedError(() => spApiBaseUrl(value as never));
				resultOrNamedError(() => lwaTokenUrl(value as never));
				resultOrNamedError(() => lwaRefreshTokenBody(value as string, 'secret', 'token'));
			}),
			{ numRuns: 200 },
		);
	});
});
