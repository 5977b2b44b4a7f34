/**
 * Amazon's usage plans for the operations this package calls (from the operations table), and a
 * token bucket that paces requests so that one execution never exceeds them. Pure: the clock is
 * injected.
 */

import { InvalidInputError } from '../domain/inputError';
import { isObject, shown } from '../domain/values';
import { SP_API_OPERATIONS, type SpApiOperation } from './operations';

export type { SpApiOperation } from './operations';

export interface RateLimit {
	/** Sustained requests per second. */
	rate: number;
	/** Requests that may be sent at once before the rate applies. */
	burst: number;
}

/** The usage plan of each operation, as the operations table (operations.ts) gives it. */
export const SP_API_RATE_LIMITS = Object.fromEntries(
	Object.entries(SP_API_OPERATIONS).map(([operation, spec]) => [
		operation,
		{ rate: spec.rate, burst: spec.burst },
	]),
) as Record<SpApiOperation, RateLimit>;

/**
 * Token bucket as Amazon describes its usage plans: the bucket holds at most `burst` tokens and
 * refills at `rate` tokens per second; each request takes one token.
 */
export class TokenBucket {
	private tokens: number;

	private last: number;

	private rate: number;

	private readonly burst: number;

	constructor(
		limit: RateLimit,
		private readonly now: () => number = Date.now,
	) {
		const { rate, burst } = (limit ?? {}) as Partial<RateLimit>;
		const validRate = typeof rate === 'number' && rate > 0 && rate < Infinity;
		if (!validRate || !(typeof burst === 'number' && burst >= 1)) {
			throw new InvalidInputError(
				`Invalid rate limit: rate ${shown(rate)}, burst ${shown(burst)}`,
				'limit',
			);
		}
		if (typeof now !== 'function') throw new InvalidInputError('now must be a function', 'now');
		this.rate = limit.rate;
		this.burst = limit.burst;
		this.tokens = limit.burst;
		this.last = now();
	}

	/**
	 * Takes one token and returns how many milliseconds the caller must wait before sending.
	 * Tokens may go negative: later callers then wait behind earlier ones, in order.
	 */
	take(): number {
		this.refill();
		this.tokens -= 1;
		if (this.tokens >= 0) return 0;
		return Math.ceil((-this.tokens / this.rate) * 1000);
	}

	/** Lowers the rate when Amazon announces a lower one (x-amzn-RateLimit-Limit). Never raises it. */
	lowerRate(rate: number): void {
		if (typeof rate === 'number' && rate > 0 && rate < this.rate) {
			this.refill();
			this.rate = rate;
		}
	}

	get currentRate(): number {
		return this.rate;
	}

	private refill(): void {
		const t = this.now();
		const elapsed = Math.max(0, t - this.last) / 1000;
		this.last = t;
		this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
	}
}

/**
 * The client keeps a margin below Amazon's plan: one token less of burst and 10 % less rate.
 * Amazon counts a request when it arrives; the client can only count when it starts one, and the
 * first requests of an execution also wait for the access token, so they can arrive bunched.
 */
export function withMargin(limit: RateLimit): RateLimit {
	if (!isObject(limit) || typeof limit.rate !== 'number' || typeof limit.burst !== 'number') {
		throw new InvalidInputError('limit must have a rate and a burst that are numbers', 'limit');
	}
	return { rate: limit.rate * 0.9, burst: Math.max(1, limit.burst - 1) };
}

/** Buckets per operation, shared by every request of one execution, paced with withMargin(). */
export class RateLimiter {
	private readonly buckets = new Map<SpApiOperation, TokenBucket>();

	constructor(
		private readonly limits: Record<SpApiOperation, RateLimit> = SP_API_RATE_LIMITS,
		private readonly now: () => number = Date.now,
	) {}

	bucket(operation: SpApiOperation): TokenBucket {
		let bucket = this.buckets.get(operation);
		if (!bucket) {
			const limit =
				typeof operation === 'string' &&
				Object.prototype.hasOwnProperty.call(this.limits, operation)
					? this.limits[operation]
					: undefined;
			if (!limit) {
				throw new InvalidInputError(`No rate limit is known for ${shown(operation)}`, 'operation');
			}
			bucket = new TokenBucket(withMargin(limit), this.now);
			this.buckets.set(operation, bucket);
		}
		return bucket;
	}
}
