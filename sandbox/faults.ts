/**
 * Injectable faults, per service ("amazon"; later "shopify", "magento", "supercycle") and per
 * operation. A fault fires on every matching call, on the next `count` matching calls, with a
 * `probability` (drawn from the sandbox's seeded random numbers), or on every `everyNth` matching
 * call (the Nth, 2Nth, 3Nth...; every matching call counts, also one answered by an earlier fault);
 * with `count`, each firing uses up one of the count. `everyNth` and `probability` do not combine.
 *
 * Kinds:
 * - status: answer `status` (e.g. 429, 500, 503, 403) instead of running the operation;
 * - latency: wait `latencyMs` before handling the call;
 * - transactionFailure: the next transaction(s) registered by the operation end in Failure;
 * - expireTokens: an action, not a standing fault: every access token issued so far expires now;
 * - service "edi" (the Amazon EDI mailbox, operation = the transaction set: "855", "856", "810", "846",
 *   or "850", "860", "820", "997" for what Amazon writes): reject997 (the vendor file's 997 rejects
 *   it and nothing of it is applied), leaveUnread (the mailbox leaves the vendor file in outbound/),
 *   duplicateControlNumber (the next file Amazon writes repeats the ISA13 of the one before).
 */
import type { Random } from './random';

export type FaultType =
	| 'status'
	| 'latency'
	| 'transactionFailure'
	| 'expireTokens'
	| 'reject997'
	| 'leaveUnread'
	| 'duplicateControlNumber';

export interface FaultError {
	code: string;
	message: string;
	details?: string;
}

export interface FaultSpec {
	/** Default "amazon". */
	service?: string;
	/** Operation id as in Amazon's models (case-insensitive), or "*" (the default) for every operation. */
	operation?: string;
	/** Inferred when absent: "status" with a status, "latency" with latencyMs. */
	type?: FaultType;
	/** HTTP status for a status fault: 400..599. */
	status?: number;
	/** Fire on this many matching calls, then disappear. */
	count?: number;
	/** Fire with this probability (0..1) on each matching call. */
	probability?: number;
	/** Fire on every Nth matching call (N >= 1): with 3, the 3rd, 6th, 9th... */
	everyNth?: number;
	/** Delay for a latency fault. */
	latencyMs?: number;
	/** Errors to answer with (status fault) or to report on the failed transaction (transactionFailure). */
	errors?: FaultError[];
}

export interface ActiveFault {
	id: number;
	service: string;
	operation: string;
	type: Exclude<FaultType, 'expireTokens'>;
	status?: number;
	remaining?: number;
	probability?: number;
	everyNth?: number;
	/** everyNth faults: the matching calls counted so far. */
	calls?: number;
	latencyMs?: number;
	errors?: FaultError[];
	/** How many times it fired so far. */
	fired: number;
}

export class FaultSpecError extends Error {}

const TYPES: FaultType[] = [
	'status',
	'latency',
	'transactionFailure',
	'expireTokens',
	'reject997',
	'leaveUnread',
	'duplicateControlNumber',
];

export interface NormalisedFault {
	service: string;
	operation: string;
	type: FaultType;
	status?: number;
	count?: number;
	probability?: number;
	everyNth?: number;
	latencyMs?: number;
	errors?: FaultError[];
}

/** Checks one fault description and fills its defaults; throws FaultSpecError when it is unusable. */
export function normaliseFault(spec: FaultSpec, index = 0): NormalisedFault {
	const where = `faults[${index}]`;
	if (!spec || typeof spec !== 'object') throw new FaultSpecError(`${where} must be an object`);
	const service = spec.service ?? 'amazon';
	const operation = spec.operation ?? '*';
	if (typeof service !== 'string' || !service)
		throw new FaultSpecError(`${where}.service must be a non-empty string`);
	if (typeof operation !== 'string' || !operation)
		throw new FaultSpecError(`${where}.operation must be a non-empty string`);
	let type = spec.type;
	if (type === undefined) {
		if (spec.status !== undefined) type = 'status';
		else if (spec.latencyMs !== undefined) type = 'latency';
		else throw new FaultSpecError(`${where} needs a type, a status or a latencyMs`);
	}
	if (!TYPES.includes(type))
		throw new FaultSpecError(`${where}.type must be one of ${TYPES.join(', ')}`);
	if (type === 'status') {
		if (
			!Number.isInteger(spec.status) ||
			(spec.status as number) < 400 ||
			(spec.status as number) > 599
		) {
			throw new FaultSpecError(`${where}.status must be an HTTP error status between 400 and 599`);
		}
	}
	if (type === 'latency') {
		if (
			typeof spec.latencyMs !== 'number' ||
			!Number.isFinite(spec.latencyMs) ||
			spec.latencyMs < 0
		) {
			throw new FaultSpecError(`${where}.latencyMs must be a number of milliseconds >= 0`);
		}
	}
	if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1)) {
		throw new FaultSpecError(`${where}.count must be a positive integer`);
	}
	if (
		spec.probability !== undefined &&
		(typeof spec.probability !== 'number' || spec.probability < 0 || spec.probability > 1)
	) {
		throw new FaultSpecError(`${where}.probability must be a number between 0 and 1`);
	}
	if (spec.everyNth !== undefined) {
		if (!Number.isInteger(spec.everyNth) || spec.everyNth < 1)
			throw new FaultSpecError(`${where}.everyNth must be a positive integer`);
		if (spec.probability !== undefined)
			throw new FaultSpecError(`${where}: everyNth and probability cannot be combined`);
		if (type === 'expireTokens')
			throw new FaultSpecError(
				`${where}.everyNth does not apply to expireTokens (an action, not a standing fault)`,
			);
	}
	if (spec.errors !== undefined) {
		if (
			!Array.isArray(spec.errors) ||
			spec.errors.some((e) => !e || typeof e.code !== 'string' || typeof e.message !== 'string')
		) {
			throw new FaultSpecError(`${where}.errors must be a list of { code, message, details? }`);
		}
	}
	const out: NormalisedFault = { service, operation, type };
	if (spec.status !== undefined && type === 'status') out.status = spec.status;
	if (spec.count !== undefined) out.count = spec.count;
	if (spec.probability !== undefined) out.probability = spec.probability;
	if (spec.everyNth !== undefined) out.everyNth = spec.everyNth;
	if (spec.latencyMs !== undefined && type === 'latency') out.latencyMs = spec.latencyMs;
	if (spec.errors !== undefined) out.errors = spec.errors;
	return out;
}

export interface TakeOptions {
	/** When false, a fault for operation "*" does not apply (used by the LWA token endpoint). */
	wildcard?: boolean;
}

export class FaultStore {
	private faults: ActiveFault[] = [];

	private nextId = 1;

	constructor(private readonly random: Random) {}

	/** Adds standing faults (expireTokens entries must be handled by the caller before this). */
	add(faults: NormalisedFault[]): ActiveFault[] {
		const added: ActiveFault[] = [];
		for (const f of faults) {
			if (f.type === 'expireTokens') continue;
			const active: ActiveFault = {
				id: this.nextId++,
				service: f.service,
				operation: f.operation,
				type: f.type,
				fired: 0,
			};
			if (f.status !== undefined) active.status = f.status;
			if (f.count !== undefined) active.remaining = f.count;
			if (f.probability !== undefined) active.probability = f.probability;
			if (f.everyNth !== undefined) {
				active.everyNth = f.everyNth;
				active.calls = 0;
			}
			if (f.latencyMs !== undefined) active.latencyMs = f.latencyMs;
			if (f.errors !== undefined) active.errors = f.errors;
			this.faults.push(active);
			added.push(active);
		}
		return added;
	}

	clear(): void {
		this.faults = [];
	}

	list(): ActiveFault[] {
		return this.faults.map((f) => ({ ...f }));
	}

	/**
	 * The first fault of this type that matches and fires for the call, using up one of its count.
	 * Faults are tried in the order they were added. Every matching everyNth fault counts the call,
	 * also when an earlier fault answers it.
	 */
	take(
		service: string,
		operation: string,
		type: ActiveFault['type'],
		options: TakeOptions = {},
	): ActiveFault | undefined {
		let taken: ActiveFault | undefined;
		for (const fault of [...this.faults]) {
			if (fault.type !== type || fault.service !== service) continue;
			if (!this.matches(fault.operation, operation, options.wildcard ?? true)) continue;
			if (fault.everyNth !== undefined) {
				fault.calls = (fault.calls ?? 0) + 1;
				if (taken || fault.calls % fault.everyNth !== 0) continue;
			} else if (taken) continue;
			if (fault.probability !== undefined && this.random.next() >= fault.probability) continue;
			fault.fired++;
			if (fault.remaining !== undefined) {
				fault.remaining--;
				if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
			}
			taken = { ...fault };
		}
		return taken;
	}

	private matches(pattern: string, operation: string, wildcard: boolean): boolean {
		if (pattern === '*') return wildcard;
		return pattern.toLowerCase() === operation.toLowerCase();
	}
}
