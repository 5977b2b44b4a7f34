/**
 * The Amazon side of the sandbox: Login with Amazon and the Vendor Retail Procurement APIs over
 * one state. Routes get this object and use its state, clock, faults, rate limiter, validator and
 * transaction registry.
 */
import type { SandboxClock } from '../clock';
import { ControlError } from '../controlError';
import type { FaultStore } from '../faults';
import type { Route } from '../http/router';
import { capOrderByAvailability, reportedAvailability } from './availability';
import { directFulfillmentView } from './directFulfillmentInventory';
import { loadAmazonFixtureOrders } from './fixtures';
import { LwaTokenStore } from './lwa';
import { ModelValidator } from './modelValidator';
import { buildOrderStatus, lineFacts } from './ordersStatus';
import { purchaseOrderKey } from './orders';
import { compareKeys } from './pagination';
import { RateLimiter } from './rateLimit';
import { normalizePayments } from './remittance';
import type { Region } from './ruleTypes';
import { amazonRoutes } from './routes';
import {
	clearAmazonState,
	createAmazonState,
	createPurchaseOrderRecord,
	type OrderCap,
	lineState,
	type AmazonState,
	type LwaApp,
	type TransactionRecord,
} from './state';
import { TransactionRegistry, type TransactionSpec } from './transactions';
import type { AmazonError, Order } from './types';

export interface AmazonConfig {
	/** Lifetime of LWA access tokens (Amazon: 3600). */
	tokenLifetimeSeconds: number;
	/** How long a transaction reads Processing before it settles. */
	transactionProcessingMs: number;
	/** Token buckets per operation on/off. */
	rateLimits: boolean;
}

export interface AmazonSeed {
	/** LWA app; missing fields keep their current (default) value. */
	app?: Partial<LwaApp>;
	/** Vendor code: the sellingParty of seeded orders that have none. Default API01. */
	vendorCode?: string;
	/** Marketplace region (na, eu, fe): regional ASN and invoice rules, remittance defaults. Default na. */
	region?: Region;
	/** Orders in the official Order shape; an existing number is replaced. */
	purchaseOrders?: Order[];
	/** Remittance payments: "default" (two realistic payments) or a list (format: remittance.ts). */
	payments?: unknown;
	/** Also seed Amazon's own sandbox example orders from vendorOrders.json (normalised). */
	loadAmazonFixtures?: boolean;
}

export interface AmazonSeedResult {
	purchaseOrders: string[];
	payments: string[];
	/**
	 * Orders whose lines the reported availability cut (availability.ts; `created` false: no line
	 * left). Only when there is one.
	 */
	cappedByAvailability?: OrderCap[];
}

export interface AmazonSimulatorOptions {
	clock: SandboxClock;
	faults: FaultStore;
	config: AmazonConfig;
	modelsDir?: string;
	rejectUnknownProperties?: boolean;
}

export class AmazonSimulator {
	readonly state: AmazonState = createAmazonState();

	readonly clock: SandboxClock;

	readonly faults: FaultStore;

	readonly config: AmazonConfig;

	readonly validator: ModelValidator;

	readonly tokens: LwaTokenStore;

	readonly rateLimiter: RateLimiter;

	readonly transactions: TransactionRegistry;

	constructor(options: AmazonSimulatorOptions) {
		this.clock = options.clock;
		this.faults = options.faults;
		this.config = options.config;
		this.validator = new ModelValidator({
			modelsDir: options.modelsDir,
			rejectUnknownProperties: options.rejectUnknownProperties,
		});
		this.tokens = new LwaTokenStore(() => this.clock.nowMs());
		this.rateLimiter = new RateLimiter(
			() => this.clock.nowMs(),
			() => this.config.rateLimits,
		);
		this.transactions = new TransactionRegistry(this);
	}

	routes(): Route[] {
		return amazonRoutes(this);
	}

	/** Amazon-style InvalidInput errors for `body` against a definition of a model file; [] when valid. */
	validateModelBody(modelFile: string, definitionName: string, body: unknown): AmazonError[] {
		return this.validator.validate(modelFile, definitionName, body);
	}

	/** Starts a transaction for an asynchronous POST (see transactions.ts). */
	registerTransaction(spec: TransactionSpec): TransactionRecord {
		return this.transactions.register(spec);
	}

	/** Runs before every request and state read: settles the transactions that are due. */
	tick(): void {
		this.transactions.settleDue();
	}

	reset(): void {
		clearAmazonState(this.state);
		this.tokens.clear();
		this.rateLimiter.reset();
		this.transactions.clear();
	}

	seed(seed: AmazonSeed): AmazonSeedResult {
		if (!seed || typeof seed !== 'object') throw new ControlError(400, 'amazon must be an object.');
		const vendorCode = seed.vendorCode ?? this.state.vendorCode;
		if (typeof vendorCode !== 'string' || !vendorCode)
			throw new ControlError(400, 'amazon.vendorCode must be a non-empty string.');
		if (seed.app !== undefined && (typeof seed.app !== 'object' || seed.app === null)) {
			throw new ControlError(
				400,
				'amazon.app must be an object { clientId, clientSecret, refreshToken }.',
			);
		}
		for (const key of ['clientId', 'clientSecret', 'refreshToken'] as const) {
			const value = seed.app?.[key];
			if (value !== undefined && (typeof value !== 'string' || !value))
				throw new ControlError(400, `amazon.app.${key} must be a non-empty string.`);
		}
		if (seed.purchaseOrders !== undefined && !Array.isArray(seed.purchaseOrders))
			throw new ControlError(400, 'amazon.purchaseOrders must be a list.');
		const region = seed.region ?? this.state.region;
		if (region !== 'na' && region !== 'eu' && region !== 'fe')
			throw new ControlError(400, 'amazon.region must be na, eu or fe.');
		const payments = normalizePayments(seed.payments, { now: this.clock.now(), region });
		if (payments.errors.length)
			throw new ControlError(400, 'amazon.payments is not valid.', payments.errors);
		const taken = new Set(this.state.payments.map((p) => p.paymentNumber));
		const clash = payments.payments.find((p) => taken.has(p.paymentNumber));
		if (clash) throw new ControlError(400, `Payment ${clash.paymentNumber} is already seeded.`);

		const orders: Order[] = [];
		if (seed.loadAmazonFixtures) orders.push(...loadAmazonFixtureOrders(this.validator));
		orders.push(...(seed.purchaseOrders ?? []).map((o) => this.withDefaults(o, vendorCode)));
		const problems: unknown[] = [];
		orders.forEach((order, index) => {
			const errors = this.validateModelBody('vendorOrders.json', 'Order', order);
			if (!order?.orderDetails)
				errors.push({ code: 'InvalidInput', message: 'orderDetails is required by the sandbox.' });
			if (errors.length)
				problems.push({ index, purchaseOrderNumber: order?.purchaseOrderNumber, errors });
		});
		if (problems.length)
			throw new ControlError(400, 'Some purchase orders do not match the Order model.', problems);

		this.state.vendorCode = vendorCode;
		this.state.region = region;
		if (seed.app) this.state.app = { ...this.state.app, ...seed.app };
		const seededAt = this.clock.nowIso();
		const availability = reportedAvailability(this.state);
		const created: string[] = [];
		const caps: OrderCap[] = [];
		for (const seeded of orders) {
			const { order, capped } = capOrderByAvailability(seeded, availability);
			if (capped.length)
				caps.push({
					purchaseOrderNumber: seeded.purchaseOrderNumber,
					created: !!order,
					lines: capped,
				});
			if (!order) continue;
			created.push(order.purchaseOrderNumber);
			this.state.purchaseOrders.set(
				order.purchaseOrderNumber,
				createPurchaseOrderRecord(structuredClone(order), seededAt),
			);
		}
		this.state.availabilityCaps.push(...caps);
		this.state.payments.push(...payments.payments);
		return {
			purchaseOrders: created,
			payments: payments.payments.map((p) => p.paymentNumber),
			...(caps.length ? { cappedByAvailability: caps } : {}),
		};
	}

	/** Defaults for a seeded order: sellingParty = vendor code, purchaseOrderStateChangedDate = purchaseOrderDate. */
	private withDefaults(order: Order, vendorCode: string): Order {
		if (
			!order ||
			typeof order !== 'object' ||
			!order.orderDetails ||
			typeof order.orderDetails !== 'object'
		)
			return order;
		const copy = structuredClone(order);
		const d = copy.orderDetails as NonNullable<Order['orderDetails']>;
		if (!d.sellingParty) d.sellingParty = { partyId: vendorCode };
		if (!d.purchaseOrderStateChangedDate && d.purchaseOrderDate)
			d.purchaseOrderStateChangedDate = d.purchaseOrderDate;
		return copy;
	}

	/** A JSON view of everything the simulator holds. */
	snapshot(): Record<string, unknown> {
		this.tick();
		const records = [...this.state.purchaseOrders.values()].sort((a, b) =>
			compareKeys(purchaseOrderKey(a), purchaseOrderKey(b)),
		);
		return structuredClone({
			app: this.state.app,
			vendorCode: this.state.vendorCode,
			region: this.state.region,
			purchaseOrders: records.map((r) => ({
				purchaseOrderNumber: r.order.purchaseOrderNumber,
				purchaseOrderState: r.order.purchaseOrderState,
				order: r.order,
				status: buildOrderStatus(r, this.state.vendorCode),
				lines: (r.order.orderDetails?.items ?? []).map((item) => {
					const line = lineState(r, item);
					return { ...line, facts: lineFacts(item, line) };
				}),
			})),
			acknowledgements: this.state.acknowledgements.map((a) => ({
				...a,
				status: this.state.transactions.get(a.transactionId)?.status,
			})),
			shipmentConfirmations: this.state.shipmentConfirmations,
			overages: this.state.overages,
			shipments: this.state.shipments,
			invoices: this.state.invoices,
			payments: this.state.payments,
			transactions: [...this.state.transactions.values()],
			directFulfillmentInventory: directFulfillmentView(this),
			availabilityCaps: this.state.availabilityCaps,
			accessTokens: this.tokens.summary(),
		});
	}
}
