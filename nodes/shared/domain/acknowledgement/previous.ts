/**
 * What was acknowledged before for a purchase order, read from wherever the workflow kept it, and
 * what Amazon holds once a re-acknowledgement is sent. One reader for Acknowledge PO and Apply
 * Change Order. Pure: no n8n imports.
 *
 * Accepted shapes:
 * - an OrderAcknowledgement (`{ purchaseOrderNumber, items: [{ itemAcknowledgements }] }`);
 * - an item of Acknowledge PO or Apply Change Order that holds one (`acknowledgementToKeep`,
 *   `acknowledgement`), or a submitAcknowledgement body (`acknowledgements: [...]`, the one of this
 *   purchase order, or the only one);
 * - any of these as a JSON text (a metafield, a Data Table cell);
 * - for Acknowledge PO only: the codes sent per itemSequenceNumber
 *   (`{ "1": "Accepted", "2": ["Accepted", "Rejected"] }`).
 */
import type { OrderAcknowledgement } from '../../generated/vendorOrders';
import { sameSequence } from '../changeOrder/diff';
import { InvalidInputError } from '../inputError';
import { isEmpty, unwrapJson } from '../jsonPath';
import { isObject, shown } from '../values';
import type { PreviousAcknowledgement } from './reacknowledgement';

const CODES = ['Accepted', 'Backordered', 'Rejected'];

export class PreviousAcknowledgementError extends InvalidInputError {
	constructor(field: string, problem: string, path: string, itemIndex?: number) {
		super(`The field "${field}" is not a previous acknowledgement: ${problem}`, path, itemIndex);
		this.name = 'PreviousAcknowledgementError';
	}
}

type Fail = (problem: string, at?: string) => never;

const isCode = (value: unknown): boolean => typeof value === 'string' && CODES.includes(value);

function failer(field: string, itemIndex?: number): Fail {
	return (problem, at = '') => {
		throw new PreviousAcknowledgementError(field, problem, `${field}${at}`, itemIndex);
	};
}

/** The acknowledgement inside what the workflow kept; undefined when it holds none of `po`. */
function unwrapAcknowledgement(value: unknown, po: string): unknown {
	if (!isObject(value)) return value;
	if (isObject(unwrapJson(value.acknowledgementToKeep)))
		return unwrapJson(value.acknowledgementToKeep);
	if (isObject(unwrapJson(value.acknowledgement))) return unwrapJson(value.acknowledgement);
	if (!Array.isArray(value.acknowledgements)) return value;
	const all = value.acknowledgements as unknown[];
	return (
		all.find((a) => isObject(a) && a.purchaseOrderNumber === po) ??
		(all.length === 1 ? all[0] : undefined)
	);
}

/**
 * The acknowledgement of purchase order `po` that the workflow kept in `value` (read from `field`),
 * checked line by line; undefined when the value is empty (undefined, null or blank).
 */
export function readKeptAcknowledgement(
	value: unknown,
	field: string,
	po: string,
	itemIndex?: number,
): OrderAcknowledgement | undefined {
	const parsed = unwrapJson(value);
	if (isEmpty(parsed)) return undefined;
	const fail = failer(field, itemIndex);
	if (!isObject(parsed)) return fail(`it must be an object (got ${shown(parsed)})`);
	const ack = unwrapAcknowledgement(parsed, po);
	if (ack === undefined)
		return fail(`it holds no acknowledgement of PO ${po}`, '.acknowledgements');
	if (!isObject(ack)) return fail(`it must be an object (got ${shown(ack)})`);
	checkAcknowledgement(ack, po, fail);
	return ack as unknown as OrderAcknowledgement;
}

/**
 * Acknowledge PO's previous acknowledgement: a kept acknowledgement (above), or the codes sent per
 * itemSequenceNumber. Undefined when the value is empty.
 */
export function readPreviousAcknowledgement(
	value: unknown,
	field: string,
	po: string,
): PreviousAcknowledgement | undefined {
	const parsed = unwrapJson(value);
	if (isObject(parsed) && !isKept(parsed)) return readCodes(parsed, failer(field));
	return readKeptAcknowledgement(parsed, field, po);
}

function isKept(value: Record<string, unknown>): boolean {
	const keys = ['items', 'purchaseOrderNumber', 'acknowledgementToKeep', 'acknowledgement'];
	return [...keys, 'acknowledgements'].some((key) => key in value);
}

function readCodes(value: Record<string, unknown>, fail: Fail): PreviousAcknowledgement {
	for (const [line, codes] of Object.entries(value)) {
		const list = Array.isArray(codes) ? codes : [codes];
		list.forEach((code, i) => {
			if (!isCode(code)) {
				const at = Array.isArray(codes) ? `.${line}[${i}]` : `.${line}`;
				fail(`line ${line} must be Accepted, Backordered or Rejected (got ${shown(code)})`, at);
			}
		});
	}
	return value as unknown as PreviousAcknowledgement;
}

function checkAcknowledgement(value: Record<string, unknown>, po: string, fail: Fail): void {
	if (typeof value.purchaseOrderNumber !== 'string') {
		fail('purchaseOrderNumber must be a text', '.purchaseOrderNumber');
	}
	if (value.purchaseOrderNumber !== po) {
		fail(`it is for PO ${String(value.purchaseOrderNumber)}, not ${po}`, '.purchaseOrderNumber');
	}
	if (!Array.isArray(value.items)) return fail('items must be a list', '.items');
	value.items.forEach((item: unknown, i) => {
		const at = `.items[${i}]`;
		if (!isObject(item)) return fail(`${at.slice(1)} must be an object`, at);
		if (item.itemSequenceNumber !== undefined && typeof item.itemSequenceNumber !== 'string') {
			fail(`${at.slice(1)}.itemSequenceNumber must be a text`, `${at}.itemSequenceNumber`);
		}
		if (!Array.isArray(item.itemAcknowledgements)) {
			return fail(
				`${at.slice(1)}.itemAcknowledgements must be a list`,
				`${at}.itemAcknowledgements`,
			);
		}
		item.itemAcknowledgements.forEach((loop: unknown, j) =>
			checkLoop(loop, `${at}.itemAcknowledgements[${j}]`, fail),
		);
	});
}

function checkLoop(loop: unknown, at: string, fail: Fail): void {
	const name = at.slice(1);
	if (!isObject(loop)) return fail(`${name} must be an object`, at);
	if (!isCode(loop.acknowledgementCode)) {
		fail(
			`${name}.acknowledgementCode must be Accepted, Backordered or Rejected`,
			`${at}.acknowledgementCode`,
		);
	}
	const quantity = loop.acknowledgedQuantity;
	if (!isObject(quantity))
		return fail(`${name}.acknowledgedQuantity must be an object`, `${at}.acknowledgedQuantity`);
	for (const key of ['amount', 'unitSize']) {
		const figure = quantity[key];
		if (
			figure !== undefined &&
			(typeof figure !== 'number' || !Number.isFinite(figure) || figure < 0)
		) {
			fail(
				`${name}.acknowledgedQuantity.${key} must be a number of 0 or more`,
				`${at}.acknowledgedQuantity.${key}`,
			);
		}
	}
}

const sameLine = (a: string | undefined, b: string | undefined): boolean =>
	a !== undefined && b !== undefined && sameSequence(a, b);

/**
 * The previous acknowledgement with the re-acknowledged lines replaced: what Amazon holds once
 * the re-acknowledgement is sent.
 */
export function acknowledgementToKeep(
	previous: OrderAcknowledgement | undefined,
	next: OrderAcknowledgement | undefined,
): OrderAcknowledgement | null {
	if (next === undefined) return previous ?? null;
	if (previous === undefined) return next;
	const items = previous.items.map(
		(item) =>
			next.items.find((n) => sameLine(n.itemSequenceNumber, item.itemSequenceNumber)) ?? item,
	);
	for (const n of next.items) {
		if (!previous.items.some((p) => sameLine(p.itemSequenceNumber, n.itemSequenceNumber))) {
			items.push(n);
		}
	}
	return { ...previous, acknowledgementDate: next.acknowledgementDate, items };
}
