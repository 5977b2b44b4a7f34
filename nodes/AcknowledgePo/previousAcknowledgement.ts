/**
 * What an item says was acknowledged before, checked before anything is built or sent: the earlier
 * OrderAcknowledgement of the same purchase order, or the codes sent per itemSequenceNumber
 * (`{ "1": "Accepted", "2": ["Accepted", "Rejected"] }`). Pure: no n8n imports.
 */
import type { PreviousAcknowledgement } from '../shared/domain/acknowledgement';
import { InvalidInputError } from '../shared/domain/inputError';
import { isObject, shown } from '../shared/domain/values';

const CODES = ['Accepted', 'Backordered', 'Rejected'];

export class PreviousAcknowledgementError extends InvalidInputError {
	constructor(field: string, problem: string, path: string) {
		super(`The field "${field}" is not a previous acknowledgement: ${problem}`, path);
		this.name = 'PreviousAcknowledgementError';
	}
}

const isCode = (value: unknown): boolean => typeof value === 'string' && CODES.includes(value);

/**
 * The previous acknowledgement of purchase order `purchaseOrderNumber` read from `field`;
 * undefined when the field is empty (undefined, null or '').
 */
export function readPreviousAcknowledgement(
	value: unknown,
	field: string,
	purchaseOrderNumber: string,
): PreviousAcknowledgement | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const fail = (problem: string, at = ''): never => {
		throw new PreviousAcknowledgementError(field, problem, `${field}${at}`);
	};
	if (!isObject(value)) return fail(`it must be an object (got ${shown(value)})`);
	if ('items' in value || 'purchaseOrderNumber' in value) {
		checkAcknowledgement(value, purchaseOrderNumber, fail);
		return value as unknown as PreviousAcknowledgement;
	}
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

type Fail = (problem: string, at?: string) => never;

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
