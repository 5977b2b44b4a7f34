/**
 * The re-acknowledgement guard: Amazon refuses a line first acknowledged Rejected becoming
 * Accepted or Backordered, and rejected quantity is final: what a line accepts and backorders may
 * not exceed what an earlier acknowledgement did not reject. Pure: no n8n imports.
 */
import type {
	ItemQuantity,
	OrderAcknowledgement,
	OrderAcknowledgementItem,
	OrderItemAcknowledgement,
} from '../../generated/vendorOrders';
import { isObject, shown } from '../values';
import { AcknowledgementBuildError, AcknowledgementOptionsError } from './errors';

export type AcknowledgementCode = OrderItemAcknowledgement['acknowledgementCode'];

const CODES: readonly AcknowledgementCode[] = ['Accepted', 'Backordered', 'Rejected'];

/**
 * What was acknowledged before: either the earlier OrderAcknowledgement (quantities are then
 * compared too), or a simple record of the codes sent per itemSequenceNumber, e.g.
 * `{ "1": "Accepted", "2": ["Accepted", "Rejected"], "3": "Rejected" }`.
 */
export type PreviousAcknowledgement =
	| OrderAcknowledgement
	| Readonly<Record<string, AcknowledgementCode | readonly AcknowledgementCode[]>>;

export interface ReacknowledgementTransition {
	/** The line's key: itemSequenceNumber (else `ASIN:`/`vendor:` + identifier), as `next` gives it. */
	line: string;
	previous: AcknowledgementCode[];
	next: AcknowledgementCode[];
	/**
	 * `rejectedLine`: the line was acknowledged Rejected only, and now Accepted or Backordered.
	 * `rejectedUnits`: part of the line was Rejected, and now more is accepted or backordered than
	 * was not rejected before (known only when the previous acknowledgement is given in full).
	 */
	kind: 'rejectedLine' | 'rejectedUnits';
	/** For `rejectedUnits`: eaches accepted or backordered beyond what was not rejected before. */
	eaches?: number;
	message: string;
}

export interface ReacknowledgementCheck {
	/** False when any line goes from Rejected to Accepted or Backordered: do not send. */
	allowed: boolean;
	transitions: ReacknowledgementTransition[];
}

interface LineState {
	/** The key as the acknowledgement writes it. */
	label: string;
	codes: AcknowledgementCode[];
	/** Eaches per code, when quantities are known. */
	eaches?: Record<AcknowledgementCode, number>;
	/** Ordered eaches, when the acknowledgement gives orderedQuantity. */
	orderedEaches?: number;
}

const DIGITS = /^\d+$/;

/** The line's identity: a numeric itemSequenceNumber by its value ("00001" and "1" are one line). */
function sameLineKey(label: string): string {
	return DIGITS.test(label) ? label.replace(/^0+(?=\d)/, '') : label;
}

function lineLabel(item: OrderAcknowledgementItem): string {
	if (item.itemSequenceNumber !== undefined) return item.itemSequenceNumber;
	if (item.amazonProductIdentifier !== undefined) return `ASIN:${item.amazonProductIdentifier}`;
	return `vendor:${item.vendorProductIdentifier ?? ''}`;
}

// ---------------------------------------------------------------------------------------------
// Reading the two acknowledgements (named errors for anything malformed)

function fail(path: string, message: string): never {
	throw new AcknowledgementOptionsError(`${path} ${message}`, path);
}

function optionalText(value: unknown, path: string): void {
	if (value !== undefined && typeof value !== 'string')
		fail(path, `must be text (got ${shown(value)})`);
}

function wholeNumber(value: unknown, path: string, min: number): number | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
		fail(path, `must be a whole number of ${min} or more (got ${shown(value)})`);
	return value;
}

/** Eaches of a quantity (Cases x unitSize); a missing amount counts as 0. */
function eachesOf(value: unknown, path: string): number {
	if (!isObject(value)) return fail(path, `must be an object (got ${shown(value)})`);
	const q = value as ItemQuantity;
	const amount = wholeNumber(q.amount, `${path}.amount`, 0) ?? 0;
	const unitSize = wholeNumber(q.unitSize, `${path}.unitSize`, 1) ?? 1;
	if (q.unitOfMeasure !== undefined && q.unitOfMeasure !== 'Cases' && q.unitOfMeasure !== 'Eaches')
		fail(`${path}.unitOfMeasure`, `must be Cases or Eaches (got ${shown(q.unitOfMeasure)})`);
	const eaches = q.unitOfMeasure === 'Cases' ? amount * unitSize : amount;
	if (!Number.isSafeInteger(eaches)) fail(path, `${amount} x ${unitSize} eaches is too large`);
	return eaches;
}

function loopOf(value: unknown, path: string): { code: AcknowledgementCode; eaches: number } {
	if (!isObject(value)) return fail(path, `must be an object (got ${shown(value)})`);
	const code = value.acknowledgementCode as AcknowledgementCode;
	if (!CODES.includes(code))
		fail(
			`${path}.acknowledgementCode`,
			`must be Accepted, Backordered or Rejected (got ${shown(code)})`,
		);
	return { code, eaches: eachesOf(value.acknowledgedQuantity, `${path}.acknowledgedQuantity`) };
}

function itemState(value: unknown, path: string): LineState {
	if (!isObject(value)) return fail(path, `must be an object (got ${shown(value)})`);
	for (const field of ['itemSequenceNumber', 'amazonProductIdentifier', 'vendorProductIdentifier'])
		optionalText(value[field], `${path}.${field}`);
	const loops = value.itemAcknowledgements;
	if (!Array.isArray(loops))
		fail(`${path}.itemAcknowledgements`, `must be an array (got ${shown(loops)})`);
	const eaches: Record<AcknowledgementCode, number> = { Accepted: 0, Backordered: 0, Rejected: 0 };
	const codes: AcknowledgementCode[] = [];
	loops.forEach((raw, i) => {
		const loop = loopOf(raw, `${path}.itemAcknowledgements[${i}]`);
		if (!codes.includes(loop.code)) codes.push(loop.code);
		eaches[loop.code] += loop.eaches;
	});
	const state: LineState = {
		label: lineLabel(value as unknown as OrderAcknowledgementItem),
		codes,
		eaches,
	};
	if (value.orderedQuantity !== undefined)
		state.orderedEaches = eachesOf(value.orderedQuantity, `${path}.orderedQuantity`);
	return state;
}

/** Adds a line's state into the map; the same line twice is added up. */
function merge(out: Map<string, LineState>, state: LineState): void {
	const key = sameLineKey(state.label);
	const seen = out.get(key);
	if (seen === undefined) {
		out.set(key, state);
		return;
	}
	for (const code of state.codes) if (!seen.codes.includes(code)) seen.codes.push(code);
	if (seen.eaches && state.eaches)
		for (const code of CODES) seen.eaches[code] += state.eaches[code];
	if (seen.orderedEaches !== undefined && state.orderedEaches !== undefined)
		seen.orderedEaches += state.orderedEaches;
}

function statesOf(ack: unknown, path: string): { number: string; lines: Map<string, LineState> } {
	if (!isObject(ack)) return fail(path, `must be an acknowledgement object (got ${shown(ack)})`);
	if (typeof ack.purchaseOrderNumber !== 'string' || ack.purchaseOrderNumber === '')
		fail(`${path}.purchaseOrderNumber`, `is required (got ${shown(ack.purchaseOrderNumber)})`);
	if (!Array.isArray(ack.items))
		fail(`${path}.items`, `must be an array (got ${shown(ack.items)})`);
	const lines = new Map<string, LineState>();
	ack.items.forEach((item, i) => merge(lines, itemState(item, `${path}.items[${i}]`)));
	return { number: ack.purchaseOrderNumber, lines };
}

function isAcknowledgement(value: Record<string, unknown>): boolean {
	return 'purchaseOrderNumber' in value || 'items' in value;
}

/** The simple per-line record of codes. */
function codeStates(record: Record<string, unknown>): Map<string, LineState> {
	const out = new Map<string, LineState>();
	for (const [key, value] of Object.entries(record)) {
		const list: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
		if (typeof value !== 'string' && !Array.isArray(value))
			fail(
				`previous[${JSON.stringify(key)}]`,
				`must be a code or a list of codes (got ${shown(value)})`,
			);
		for (const code of list) {
			if (!CODES.includes(code as AcknowledgementCode)) {
				throw new AcknowledgementOptionsError(
					`previous line ${JSON.stringify(key)}: ${JSON.stringify(code) ?? shown(code)} ` +
						'is not Accepted, Backordered or Rejected',
					`previous[${JSON.stringify(key)}]`,
				);
			}
		}
		merge(out, { label: key, codes: [...new Set(list as AcknowledgementCode[])] });
	}
	return out;
}

function previousStates(previous: unknown, poNumber: string): Map<string, LineState> {
	if (!isObject(previous))
		return fail(
			'previous',
			`must be an acknowledgement or a record of codes (got ${shown(previous)})`,
		);
	if (!isAcknowledgement(previous)) return codeStates(previous);
	const { number, lines } = statesOf(previous, 'previous');
	if (number !== poNumber) {
		throw new AcknowledgementBuildError(
			poNumber,
			`the previous acknowledgement is for PO ${number}`,
			'previous.purchaseOrderNumber',
		);
	}
	return lines;
}

// ---------------------------------------------------------------------------------------------
// The guard

function transition(then: LineState, now: LineState): ReacknowledgementTransition | undefined {
	const nowEaches = now.eaches as Record<AcknowledgementCode, number>;
	const nowTaken = nowEaches.Accepted + nowEaches.Backordered;
	const nowCodes = now.codes.filter((c) => c !== 'Rejected' && nowEaches[c] > 0);
	const base = { line: now.label, previous: then.codes, next: now.codes };
	const line = JSON.stringify(now.label);
	if (then.codes.every((c) => c === 'Rejected')) {
		if (nowCodes.length === 0) return undefined;
		const message = `Line ${line} was acknowledged Rejected and cannot become ${nowCodes.join(' / ')}`;
		return { ...base, kind: 'rejectedLine', message };
	}
	if (then.eaches === undefined || then.eaches.Rejected === 0) return undefined;
	// Not rejected before: what was taken then, or, when Amazon raised the quantity since, the new
	// quantity less what was rejected.
	const ordered = now.orderedEaches ?? nowTaken + nowEaches.Rejected;
	const limit = Math.max(
		then.eaches.Accepted + then.eaches.Backordered,
		ordered - then.eaches.Rejected,
	);
	const eaches = nowTaken - limit;
	if (eaches <= 0) return undefined;
	const message =
		`Line ${line}: ${eaches} eaches acknowledged Rejected before would now be ${nowCodes.join(' / ')} ` +
		`(rejected ${then.eaches.Rejected} -> ${nowEaches.Rejected} eaches)`;
	return { ...base, kind: 'rejectedUnits', eaches, message };
}

/**
 * Lists the lines that `next` would move from Rejected to Accepted or Backordered, which Amazon
 * refuses ("a line first acknowledged Rejected cannot later become Accepted or Backordered"), and
 * the lines that would accept or backorder more than the previous acknowledgement did not reject.
 * Lines are matched by itemSequenceNumber ("00001" and "1" are one line). Lines not in `previous`
 * are new and not checked. Throws AcknowledgementBuildError when `previous` is an acknowledgement
 * of another PO, AcknowledgementOptionsError (naming the field) for a malformed argument.
 */
export function checkReacknowledgement(
	previous: PreviousAcknowledgement,
	next: OrderAcknowledgement,
): ReacknowledgementCheck {
	const { number, lines } = statesOf(next, 'next');
	const before = previousStates(previous, number);
	const transitions: ReacknowledgementTransition[] = [];
	for (const [key, now] of lines) {
		const then = before.get(key);
		if (then === undefined || then.codes.length === 0) continue;
		const found = transition(then, now);
		if (found) transitions.push(found);
	}
	return { allowed: transitions.length === 0, transitions };
}
