/**
 * Amazon's usage plans as token buckets, one per operation: the bucket holds `burst` tokens,
 * refills at `rate` per second on the sandbox clock, and each call takes one. An empty bucket
 * gives 429 QuotaExceeded with x-amzn-RateLimit-Limit.
 */

export interface UsagePlan {
	rate: number;
	burst: number;
}

/**
 * The "Usage Plan" tables in the operation descriptions of Amazon's models (every vendor
 * operation 10/s burst 10; getTransaction 10/s burst 20). The Finances Invoices model states no
 * plan; the vendor default is used. Keys are the models' operationIds, compared case-insensitively.
 */
export const AMAZON_USAGE_PLANS: Record<string, UsagePlan> = {
	getPurchaseOrders: { rate: 10, burst: 10 },
	getPurchaseOrder: { rate: 10, burst: 10 },
	submitAcknowledgement: { rate: 10, burst: 10 },
	getPurchaseOrdersStatus: { rate: 10, burst: 10 },
	SubmitShipmentConfirmations: { rate: 10, burst: 10 },
	SubmitShipments: { rate: 10, burst: 10 },
	GetShipmentDetails: { rate: 10, burst: 10 },
	GetShipmentLabels: { rate: 10, burst: 10 },
	submitInvoices: { rate: 10, burst: 10 },
	getTransaction: { rate: 10, burst: 20 },
	getInvoiceHeaders: { rate: 10, burst: 10 },
	getInvoice: { rate: 10, burst: 10 },
	submitInventoryUpdate: { rate: 10, burst: 10 },
	getTransactionStatus: { rate: 10, burst: 10 },
};

export const DEFAULT_USAGE_PLAN: UsagePlan = { rate: 10, burst: 10 };

export function usagePlanFor(operation: string): UsagePlan {
	const key = Object.keys(AMAZON_USAGE_PLANS).find(
		(k) => k.toLowerCase() === operation.toLowerCase(),
	);
	return key ? AMAZON_USAGE_PLANS[key] : DEFAULT_USAGE_PLAN;
}

/** The x-amzn-RateLimit-Limit header value, e.g. "10.0". */
export function rateLimitHeader(plan: UsagePlan): string {
	return Number.isInteger(plan.rate) ? plan.rate.toFixed(1) : String(plan.rate);
}

interface Bucket {
	tokens: number;
	lastMs: number;
}

export class RateLimiter {
	private buckets = new Map<string, Bucket>();

	constructor(
		private readonly nowMs: () => number,
		private readonly enabled: () => boolean,
	) {}

	/** Takes a token for the operation; false when the bucket is empty (the call must get 429). */
	take(operation: string, plan: UsagePlan = usagePlanFor(operation)): boolean {
		if (!this.enabled()) return true;
		const key = operation.toLowerCase();
		const now = this.nowMs();
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = { tokens: plan.burst, lastMs: now };
			this.buckets.set(key, bucket);
		}
		const elapsed = Math.max(0, now - bucket.lastMs) / 1000;
		bucket.tokens = Math.min(plan.burst, bucket.tokens + elapsed * plan.rate);
		bucket.lastMs = now;
		if (bucket.tokens < 1) return false;
		bucket.tokens -= 1;
		return true;
	}

	reset(): void {
		this.buckets.clear();
	}
}
