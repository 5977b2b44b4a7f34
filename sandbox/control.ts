/**
 * The Node API of the sandbox (the same operations as the /__sandbox/ HTTP routes): reset, seed,
 * Amazon-side purchase-order changes and receipts, the state, faults, the request log, settings
 * and the clock.
 */
import type { SandboxClock } from './clock';
import { ControlError } from './controlError';
import {
	FaultSpecError,
	normaliseFault,
	type ActiveFault,
	type FaultSpec,
	type FaultStore,
} from './faults';
import type { Random } from './random';
import type { RequestFilter, RequestLog, RequestLogEntry } from './requestLog';
import { buildOrderStatus } from './amazon/ordersStatus';
import {
	changePurchaseOrder,
	receivePurchaseOrder,
	type PurchaseOrderChange,
	type PurchaseOrderReceipt,
} from './amazon/purchaseOrderChanges';
import type {
	AmazonConfig,
	AmazonSeed,
	AmazonSeedResult,
	AmazonSimulator,
} from './amazon/simulator';
import type { Order, OrderStatus } from './amazon/types';
import { remittanceCsv, type RemittanceCsvOptions } from './amazon/remittance';
import type { SandboxService } from './services';

/** POST /__sandbox/seed body. Later issues add shopify, magento and supercycle keys. */
export interface SandboxSeed {
	amazon?: AmazonSeed;
	[service: string]: unknown;
}

export interface SeedResult {
	amazon?: AmazonSeedResult;
	/** Summaries of the other services seeded, by name. */
	[service: string]: unknown;
	/** Top-level keys this version of the sandbox does not simulate yet. */
	ignored: string[];
}

export type SandboxConfig = AmazonConfig;

export interface FaultOptions {
	/** Replace the standing faults instead of adding to them. */
	replace?: boolean;
	/** Reseed the random numbers used by probability faults. */
	seed?: number;
}

export interface FaultResult {
	/** Standing faults after the call. */
	faults: ActiveFault[];
	/** Access tokens expired by expireTokens entries. */
	expiredTokens: number;
}

export interface SandboxInternals {
	amazon: AmazonSimulator;
	/** Services beside Amazon, by their seed key. */
	services?: SandboxService[];
	faults: FaultStore;
	random: Random;
	initialRandomSeed: number;
	requests: RequestLog;
	clock: SandboxClock;
	config: SandboxConfig;
}

export class SandboxControl {
	readonly amazon: AmazonSimulator;

	constructor(private readonly internals: SandboxInternals) {
		this.amazon = internals.amazon;
	}

	/** Empties every service, the faults and the request log; the clock offset and random seed go back to their start. */
	reset(): void {
		this.internals.amazon.reset();
		for (const service of this.internals.services ?? []) service.reset();
		this.internals.faults.clear();
		this.internals.requests.clear();
		this.internals.clock.resetOffset();
		this.internals.random.reseed(this.internals.initialRandomSeed);
	}

	/** Adds to the current state (a purchase order with a known number is replaced). Atomic per service. */
	seed(seed: SandboxSeed): SeedResult {
		if (!seed || typeof seed !== 'object' || Array.isArray(seed))
			throw new ControlError(400, 'The seed must be an object such as { "amazon": { … } }.');
		const services = this.internals.services ?? [];
		const known = new Set(['amazon', ...services.map((s) => s.name)]);
		const result: SeedResult = { ignored: Object.keys(seed).filter((k) => !known.has(k)) };
		if (seed.amazon !== undefined) result.amazon = this.internals.amazon.seed(seed.amazon);
		for (const service of services) {
			if (seed[service.name] !== undefined) result[service.name] = service.seed(seed[service.name]);
		}
		return result;
	}

	/** Applies an Amazon-side change to a purchase order; returns the changed order. */
	changePurchaseOrder(purchaseOrderNumber: string, change: PurchaseOrderChange): Order {
		this.internals.amazon.tick();
		return changePurchaseOrder(this.internals.amazon, purchaseOrderNumber, change);
	}

	/** Records goods received at the fulfilment centre; returns the order's status as getPurchaseOrdersStatus gives it. */
	receivePurchaseOrder(purchaseOrderNumber: string, receipt: PurchaseOrderReceipt): OrderStatus {
		const amazon = this.internals.amazon;
		amazon.tick();
		receivePurchaseOrder(amazon, purchaseOrderNumber, receipt);
		const record = amazon.state.purchaseOrders.get(purchaseOrderNumber);
		if (!record)
			throw new ControlError(404, `Purchase order ${purchaseOrderNumber} is not in the sandbox.`);
		return buildOrderStatus(record, amazon.state.vendorCode);
	}

	/**
	 * A Vendor Central remittance export (CSV) of the seeded payments: all, or those listed.
	 * Options: dateFormat iso | us | eu, extended (adds PO and reference columns).
	 */
	remittanceCsv(paymentNumbers?: string[], options: RemittanceCsvOptions = {}): string {
		const payments = this.internals.amazon.state.payments;
		const unknown = (paymentNumbers ?? []).filter(
			(n) => !payments.some((p) => p.paymentNumber === n),
		);
		if (unknown.length)
			throw new ControlError(404, `Unknown payment number(s): ${unknown.join(', ')}.`);
		return remittanceCsv(payments, paymentNumbers, options);
	}

	/** Everything the sandbox holds, as JSON. */
	state(): Record<string, unknown> {
		return {
			time: this.internals.clock.nowIso(),
			config: { ...this.internals.config },
			amazon: this.internals.amazon.snapshot(),
			...Object.fromEntries(
				(this.internals.services ?? []).map((service) => [service.name, service.snapshot()]),
			),
			faults: this.internals.faults.list(),
			requestCount: this.internals.requests.list().length,
		};
	}

	/** Adds faults (or replaces them with { replace: true }); expireTokens entries act at once. */
	addFaults(specs: FaultSpec[], options: FaultOptions = {}): FaultResult {
		if (!Array.isArray(specs)) throw new ControlError(400, 'faults must be a list.');
		let normalised;
		try {
			normalised = specs.map((s, i) => normaliseFault(s, i));
		} catch (e) {
			if (e instanceof FaultSpecError) throw new ControlError(400, e.message);
			throw e;
		}
		if (options.seed !== undefined) {
			if (!Number.isInteger(options.seed)) throw new ControlError(400, 'seed must be an integer.');
			this.internals.random.reseed(options.seed);
		}
		if (options.replace) this.internals.faults.clear();
		let expiredTokens = 0;
		for (const f of normalised) {
			if (f.type !== 'expireTokens') continue;
			if (f.service !== 'amazon')
				throw new ControlError(400, `expireTokens is not supported for service ${f.service}.`);
			expiredTokens += this.internals.amazon.tokens.expireAll();
		}
		this.internals.faults.add(normalised);
		return { faults: this.internals.faults.list(), expiredTokens };
	}

	setFaults(specs: FaultSpec[], options: Omit<FaultOptions, 'replace'> = {}): FaultResult {
		return this.addFaults(specs, { ...options, replace: true });
	}

	clearFaults(): void {
		this.internals.faults.clear();
	}

	faults(): ActiveFault[] {
		return this.internals.faults.list();
	}

	/** Every access token issued so far expires now; returns how many there were. */
	expireTokens(): number {
		return this.internals.amazon.tokens.expireAll();
	}

	requests(filter: RequestFilter = {}): RequestLogEntry[] {
		return this.internals.requests.list(filter);
	}

	clearRequests(): void {
		this.internals.requests.clear();
	}

	config(): SandboxConfig {
		return { ...this.internals.config };
	}

	configure(changes: Partial<SandboxConfig>): SandboxConfig {
		if (!changes || typeof changes !== 'object')
			throw new ControlError(400, 'The settings must be an object.');
		const next = { ...this.internals.config };
		for (const [key, value] of Object.entries(changes)) {
			if (key === 'tokenLifetimeSeconds' || key === 'transactionProcessingMs') {
				if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
					throw new ControlError(400, `${key} must be a number >= 0.`);
				next[key] = value;
			} else if (key === 'rateLimits') {
				if (typeof value !== 'boolean')
					throw new ControlError(400, 'rateLimits must be true or false.');
				next.rateLimits = value;
			} else {
				throw new ControlError(400, `Unknown setting ${key}.`);
			}
		}
		Object.assign(this.internals.config, next);
		return { ...this.internals.config };
	}

	now(): Date {
		return this.internals.clock.now();
	}

	advanceClock(ms: number): Date {
		if (typeof ms !== 'number' || !Number.isFinite(ms))
			throw new ControlError(400, 'advanceMs must be a number.');
		this.internals.clock.advance(ms);
		return this.internals.clock.now();
	}

	setClock(date: Date | string): Date {
		try {
			this.internals.clock.set(date);
		} catch (e) {
			throw new ControlError(400, (e as Error).message);
		}
		return this.internals.clock.now();
	}

	/** The seeded Login-with-Amazon app and vendor code. */
	credentials(): {
		clientId: string;
		clientSecret: string;
		refreshToken: string;
		vendorCode: string;
	} {
		const { app, vendorCode } = this.internals.amazon.state;
		return { ...app, vendorCode };
	}
}
