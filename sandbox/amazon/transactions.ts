/**
 * Transactions of the asynchronous POST operations (acknowledgements, ASNs, shipments,
 * invoices). A transaction reads Processing for `transactionProcessingMs` on the sandbox clock,
 * then settles, in the order the transactions were created: its errors are computed then (so a
 * rule sees the effects of every earlier transaction), and it ends Success (onSuccess runs) or
 * Failure. A transactionFailure fault for the operation forces Failure without running the rules.
 */
import { randomUUID } from 'node:crypto';
import type { Route } from '../http/router';
import { invalidInput, notFound } from './errors';
import { amazonOperation, ok } from './operation';
import type { AmazonSimulator } from './simulator';
import type { TransactionRecord } from './state';
import type { AmazonError } from './types';

export interface TransactionSpec {
	/** "acknowledgement", "shipmentConfirmation", "shipment", "invoice"… */
	kind: string;
	/** The operationId that created it; transactionFailure faults match on it. */
	operation: string;
	/** Purchase order numbers, shipment or invoice ids, for the state view. */
	references?: string[];
	/** The rule errors: a list known now, or a function run when the transaction settles. */
	errors?: AmazonError[] | (() => AmazonError[]);
	/** Runs when the transaction ends in Success: apply the document to the state here. */
	onSuccess?: (transaction: TransactionRecord) => void;
	/** Runs when the transaction ends in Failure. */
	onFailure?: (transaction: TransactionRecord) => void;
}

export const INJECTED_FAILURE: AmazonError = {
	code: 'INTERNAL_ERROR',
	message: 'The transaction could not be processed (failure injected by the sandbox).',
};

const TRANSACTION_ID = /^\d{14}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Amazon's format: UTC timestamp yyyyMMddHHmmss, a hyphen and a GUID. */
export function newTransactionId(now: Date): string {
	const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
	return `${stamp}-${randomUUID()}`;
}

interface Pending {
	spec: TransactionSpec;
	forcedErrors?: AmazonError[];
}

export class TransactionRegistry {
	private pending = new Map<string, Pending>();

	constructor(private readonly sim: AmazonSimulator) {}

	register(spec: TransactionSpec): TransactionRecord {
		const now = this.sim.clock.now();
		const transactionId = newTransactionId(now);
		const fault = this.sim.faults.take('amazon', spec.operation, 'transactionFailure');
		const record: TransactionRecord = {
			transactionId,
			kind: spec.kind,
			operation: spec.operation,
			status: 'Processing',
			createdAt: now.toISOString(),
			readyAt: new Date(
				now.getTime() + Math.max(0, this.sim.config.transactionProcessingMs),
			).toISOString(),
			errors: [],
			references: spec.references ?? [],
			forcedFailure: !!fault,
		};
		this.sim.state.transactions.set(transactionId, record);
		this.pending.set(transactionId, {
			spec,
			forcedErrors: fault ? (fault.errors ?? [INJECTED_FAILURE]) : undefined,
		});
		// Settled by settleDue(), which runs before every request and every state read, never
		// during the request that created the transaction.
		return record;
	}

	/** Settles, in creation order, every transaction whose processing time is over. */
	settleDue(): void {
		const now = this.sim.clock.nowMs();
		for (const [id, pending] of this.pending) {
			const record = this.sim.state.transactions.get(id);
			if (!record) {
				this.pending.delete(id);
				continue;
			}
			if (Date.parse(record.readyAt) > now) break;
			this.pending.delete(id);
			this.settle(record, pending);
		}
	}

	private settle(record: TransactionRecord, { spec, forcedErrors }: Pending): void {
		const errors =
			forcedErrors ?? (typeof spec.errors === 'function' ? spec.errors() : (spec.errors ?? []));
		record.settledAt = this.sim.clock.nowIso();
		record.errors = errors;
		record.status = errors.length ? 'Failure' : 'Success';
		if (record.status === 'Success') spec.onSuccess?.(record);
		else spec.onFailure?.(record);
	}

	clear(): void {
		this.pending.clear();
	}

	get(transactionId: string): TransactionRecord | undefined {
		this.settleDue();
		return this.sim.state.transactions.get(transactionId);
	}
}

export function transactionRoutes(sim: AmazonSimulator): Route[] {
	return [
		amazonOperation(
			sim,
			{
				method: 'GET',
				path: '/vendor/transactions/v1/transactions/{transactionId}',
				operation: 'getTransaction',
			},
			(req) => {
				const id = req.params.transactionId;
				if (!TRANSACTION_ID.test(id)) throw invalidInput('Invalid transmission ID.');
				const record = sim.transactions.get(id);
				if (!record) throw notFound('The transaction was not found.', `transactionId ${id}`);
				const transactionStatus: Record<string, unknown> = {
					transactionId: record.transactionId,
					status: record.status,
				};
				if (record.status === 'Failure') transactionStatus.errors = record.errors;
				return ok({ transactionStatus });
			},
		),
	];
}
