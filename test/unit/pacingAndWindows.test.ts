import { splitDateRange, DateRangeError } from '../../nodes/shared/domain/dateWindows';
import {
	RateLimiter,
	TokenBucket,
	SP_API_RATE_LIMITS,
	withMargin,
} from '../../nodes/shared/transport/rateLimit';
import {
	parseRateLimitHeader,
	parseRetryAfter,
	retryDelayMs,
	isRetryableStatus,
	isRetryableNetworkCode,
} from '../../nodes/shared/transport/retry';

describe('7-day windows', () => {
	it('keeps a range of up to 7 days whole', () => {
		expect(splitDateRange('2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z')).toEqual([
			{ after: '2026-11-01T00:00:00.000Z', before: '2026-11-08T00:00:00.000Z' },
		]);
	});

	it('splits a longer range into consecutive windows that share their boundaries', () => {
		const windows = splitDateRange('2026-10-01T00:00:00Z', '2026-10-20T12:00:00Z');
		expect(windows).toEqual([
			{ after: '2026-10-01T00:00:00.000Z', before: '2026-10-08T00:00:00.000Z' },
			{ after: '2026-10-08T00:00:00.000Z', before: '2026-10-15T00:00:00.000Z' },
			{ after: '2026-10-15T00:00:00.000Z', before: '2026-10-20T12:00:00.000Z' },
		]);
	});

	it('ends at now when no end is given, and rejects reversed or invalid ranges', () => {
		const now = Date.parse('2026-11-24T12:00:00Z');
		expect(splitDateRange('2026-11-20T00:00:00Z', undefined, { now })).toEqual([
			{ after: '2026-11-20T00:00:00.000Z', before: '2026-11-24T12:00:00.000Z' },
		]);
		expect(() =>
			splitDateRange('2026-11-20T00:00:00Z', '2026-11-19T00:00:00Z', {
				afterField: 'createdAfter',
				beforeField: 'createdBefore',
			}),
		).toThrow(
			'createdAfter (2026-11-20T00:00:00.000Z) must be earlier than createdBefore (2026-11-19T00:00:00.000Z)',
		);
		expect(() => splitDateRange('yesterday', undefined, { afterField: 'changedAfter' })).toThrow(
			DateRangeError,
		);
		expect(() => splitDateRange('yesterday', undefined, { afterField: 'changedAfter' })).toThrow(
			'changedAfter is not a valid date-time: "yesterday"',
		);
	});
});

describe('token bucket', () => {
	it('lets a burst through, then one request per 1/rate seconds, in order', () => {
		let t = 0;
		const bucket = new TokenBucket({ rate: 10, burst: 10 }, () => t);
		const waits = Array.from({ length: 12 }, () => bucket.take());
		expect(waits).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 200]);
		t = 1000; // a second later the bucket is refilled up to the burst, minus what was borrowed
		expect(bucket.take()).toBe(0);
	});

	it('lowers its rate when Amazon announces a lower one, never raises it', () => {
		const bucket = new TokenBucket({ rate: 10, burst: 1 }, () => 0);
		bucket.take();
		bucket.lowerRate(2);
		expect(bucket.take()).toBe(500);
		bucket.lowerRate(50);
		expect(bucket.currentRate).toBe(2);
	});

	it(
		"uses Amazon's usage plans (transactions burst 20, the rest burst 10) " +
			'with a margin of one token and 10 % of the rate',
		() => {
			expect(SP_API_RATE_LIMITS.getTransaction).toEqual({ rate: 10, burst: 20 });
			expect(SP_API_RATE_LIMITS.submitAcknowledgement).toEqual({ rate: 10, burst: 10 });
			expect(withMargin({ rate: 10, burst: 20 })).toEqual({ rate: 9, burst: 19 });
			expect(withMargin({ rate: 1, burst: 1 })).toEqual({ rate: 0.9, burst: 1 });
			const limiter = new RateLimiter(undefined, () => 0);
			const tx = limiter.bucket('getTransaction');
			const waits = Array.from({ length: 21 }, () => tx.take());
			expect(waits.filter((w) => w === 0)).toHaveLength(19);
			expect(waits.slice(19)).toEqual([112, 223]);
			expect(limiter.bucket('getTransaction')).toBe(tx);
			expect(limiter.bucket('getPurchaseOrders').take()).toBe(0);
		},
	);
});

describe('retry policy', () => {
	it('retries throttling, server errors and network timeouts only', () => {
		expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
		expect([400, 401, 403, 404, 413, 415].some(isRetryableStatus)).toBe(false);
		expect(isRetryableNetworkCode('ETIMEDOUT')).toBe(true);
		expect(isRetryableNetworkCode('ECONNABORTED')).toBe(true);
		expect(isRetryableNetworkCode('ERR_BAD_REQUEST')).toBe(false);
	});

	it('backs off exponentially with jitter, bounded, with Retry-After as a floor', () => {
		const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 5000 };
		expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, { random: () => 0 }))).toEqual([
			500, 1000, 2000, 2500,
		]);
		expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, { random: () => 1 }))).toEqual([
			1000, 2000, 4000, 5000,
		]);
		expect(retryDelayMs(1, policy, { random: () => 0, retryAfterMs: 3000 })).toBe(3000);
		expect(retryDelayMs(1, policy, { random: () => 0, retryAfterMs: 60_000 })).toBe(5000);
	});

	it('reads Retry-After as seconds or a date, and x-amzn-RateLimit-Limit as a rate', () => {
		const now = Date.parse('2026-11-24T10:00:00Z');
		expect(parseRetryAfter('2', now)).toBe(2000);
		expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRateLimitHeader('0.5')).toBe(0.5);
		expect(parseRateLimitHeader('10.0')).toBe(10);
		expect(parseRateLimitHeader('')).toBeUndefined();
	});
});
