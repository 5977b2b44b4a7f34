/**
 * Reading what the Build ASN and Build Invoice nodes take from their input items: the purchase
 * orders as acknowledged (Acknowledge PO's output), quantity tables (already shipped, already
 * invoiced), serial lists, and a small bounded memory kept in the node's static data. Pure: no
 * n8n imports.
 */
import type { ShipmentConfirmation } from '../../generated/vendorShipments';
import { isObject, readPath, shown as shownValue, type Json } from '../values';
import { InputError } from './problems';
import type {
	AcknowledgementLike,
	AsnShipment,
	MappedPurchaseOrderLike,
	PreviousConfirmation,
} from './types';

export { InputError, isObject, readPath, type Json };

/** A received value in a message: texts cut at 40 characters, and a list called a list. */
function shown(value: unknown): string {
	return Array.isArray(value) ? 'a list' : shownValue(value, 40);
}

/** "00010" and "10" are the same PO line number; other texts are compared as they are. */
export function lineKey(purchaseOrderNumber: string, itemSequenceNumber: string | number): string {
	const seq = String(itemSequenceNumber).trim();
	return `${purchaseOrderNumber.trim()}#${/^\d+$/.test(seq) ? String(Number(seq)) : seq}`;
}

// ---------------------------------------------------------------------------------------------
// Shipment and previous confirmation

/** The shipment object (a shallow copy, so a default ship-from party can be added). */
export function readShipment(value: unknown, path: string): AsnShipment {
	if (!isObject(value))
		throw new InputError(
			`${path || 'The item'} is not a shipment object (got ${shown(value)})`,
			path,
		);
	return { ...(value as unknown as AsnShipment) };
}

/** The previous confirmation for a Replace: a Build ASN output item, or `{confirmation, submittedAt}`. */
export function readPrevious(value: unknown): PreviousConfirmation | undefined {
	if (!isObject(value) || !isObject(value.confirmation)) return undefined;
	const submittedAt = value.originalSubmittedAt ?? value.submittedAt;
	if (typeof submittedAt !== 'string')
		throw new InputError(
			'The previous confirmation needs originalSubmittedAt (or submittedAt): when the original ASN was sent',
		);
	const out: PreviousConfirmation = {
		confirmation: value.confirmation as unknown as ShipmentConfirmation,
		submittedAt,
	};
	if (value.receivedAtFulfilmentCentre === true) out.receivedAtFulfilmentCentre = true;
	return out;
}

// ---------------------------------------------------------------------------------------------
// Acknowledged purchase orders

/** An acknowledgement with the net cost of each item (OrderAcknowledgement of the vendorOrders model). */
export interface AcknowledgementWithCosts extends AcknowledgementLike {
	items: Array<
		AcknowledgementLike['items'][number] & { netCost?: { currencyCode?: string; amount?: string } }
	>;
}

/** A mapped PO with its acknowledgement: an item of Acknowledge PO's Acknowledged output. */
export interface AcknowledgedOrderInput extends MappedPurchaseOrderLike {
	purchaseOrder: MappedPurchaseOrderLike['purchaseOrder'] & {
		purchaseOrderDate?: string;
		billToParty?: { partyId: string; address?: Json };
		items: Array<
			MappedPurchaseOrderLike['purchaseOrder']['items'][number] & {
				netCost?: { currencyCode: string; amount: string; unitOfMeasure?: string };
			}
		>;
	};
	acknowledgement?: AcknowledgementWithCosts;
}

/**
 * Reads one acknowledged PO or a list of them (Acknowledge PO's output items: `purchaseOrder`,
 * `lines`, `acknowledgement`). When a PO appears twice, the later entry wins (the latest
 * acknowledgement, e.g. after a change order). Throws InputError naming the path.
 */
export function readAcknowledgedOrders(
	value: unknown,
	path: string,
	requireAcknowledgement: boolean,
): AcknowledgedOrderInput[] {
	if (value === undefined || value === null) {
		throw new InputError(
			`${path || '(the item)'} is empty: give the acknowledged purchase order(s), i.e. the ` +
				'Acknowledged output of Acknowledge PO ({purchaseOrder, lines, acknowledgement})',
			path,
		);
	}
	const list = Array.isArray(value) ? value : [value];
	if (list.length === 0)
		throw new InputError(
			`${path} is an empty list: give at least one acknowledged purchase order`,
			path,
		);
	const byNumber = new Map<string, AcknowledgedOrderInput>();
	list.forEach((entry, i) => {
		const at = Array.isArray(value) ? `${path}[${i}]` : path;
		if (!isObject(entry))
			throw new InputError(
				`${at} must be an object {purchaseOrder, lines, acknowledgement} (got ${shown(entry)})`,
			);
		const po = entry.purchaseOrder;
		if (
			!isObject(po) ||
			typeof po.purchaseOrderNumber !== 'string' ||
			po.purchaseOrderNumber === ''
		) {
			throw new InputError(
				`${at}.purchaseOrder.purchaseOrderNumber is required ` +
					'(connect the output of Acknowledge PO, or Map ASIN / Case Pack)',
				`${at}.purchaseOrder.purchaseOrderNumber`,
			);
		}
		if (!Array.isArray(po.items))
			throw new InputError(`${at}.purchaseOrder.items must be a list`, at);
		const lines = entry.lines;
		if (!Array.isArray(lines) || lines.length !== po.items.length) {
			throw new InputError(
				`${at}.lines must hold one mapped line per PO item (${po.items.length}); ` +
					"it is the lines field of Map ASIN / Case Pack's output",
				`${at}.lines`,
			);
		}
		lines.forEach((line, k) => {
			if (
				!isObject(line) ||
				typeof line.itemSequenceNumber !== 'string' ||
				(line.unitOfMeasure !== 'Cases' && line.unitOfMeasure !== 'Eaches')
			) {
				throw new InputError(
					`${at}.lines[${k}] is not a mapped line {itemSequenceNumber, sku, unitOfMeasure, unitSize, orderedAmount}`,
				);
			}
		});
		const ack = entry.acknowledgement;
		if (ack !== undefined && ack !== null) {
			if (!isObject(ack) || !Array.isArray(ack.items))
				throw new InputError(
					`${at}.acknowledgement must be an acknowledgement {purchaseOrderNumber, items}`,
				);
			if (ack.purchaseOrderNumber !== po.purchaseOrderNumber) {
				throw new InputError(
					`${at}.acknowledgement is for PO ${shown(ack.purchaseOrderNumber)}, ` +
						`the purchase order is ${po.purchaseOrderNumber}`,
					`${at}.acknowledgement.purchaseOrderNumber`,
				);
			}
		} else if (requireAcknowledgement) {
			throw new InputError(
				`${at}: PO ${po.purchaseOrderNumber} has no acknowledgement: only what was acknowledged ` +
					"may ship and be invoiced (connect Acknowledge PO's Acknowledged output, or turn off " +
					'Require Acknowledgement to use the ordered quantities)',
				`${at}.acknowledgement`,
			);
		}
		byNumber.set(po.purchaseOrderNumber, entry as unknown as AcknowledgedOrderInput);
	});
	return [...byNumber.values()];
}

// ---------------------------------------------------------------------------------------------
// Quantity tables

const QUANTITY_KEYS = ['quantity', 'shippedQuantity', 'invoicedQuantity'] as const;

/**
 * Reads quantities per PO line, in the PO's unit: `{ "<PO>": { "<line>": n } }`, or rows
 * `{purchaseOrderNumber, itemSequenceNumber, quantity | shippedQuantity | invoicedQuantity}` (the
 * shippedLines of Build ASN and the invoicedLines of Build Invoice are such rows; several lists may
 * be concatenated). Repeated lines add up. Empty gives an empty table. Throws InputError.
 */
export function readQuantities(value: unknown, path: string): Map<string, number> {
	const out = new Map<string, number>();
	const put = (po: unknown, seq: unknown, n: unknown, at: string) => {
		if (typeof po !== 'string' || po.trim() === '')
			throw new InputError(`${at}: purchaseOrderNumber is required`, at);
		if ((typeof seq !== 'string' && typeof seq !== 'number') || String(seq).trim() === '')
			throw new InputError(`${at}: itemSequenceNumber is required`, at);
		const q = typeof n === 'string' && /^\s*\d+\s*$/.test(n) ? Number(n) : n;
		if (typeof q !== 'number' || !Number.isSafeInteger(q) || q < 0)
			throw new InputError(
				`${at}: the quantity must be a whole number of 0 or more (got ${shown(n)})`,
			);
		const key = lineKey(po, seq);
		out.set(key, (out.get(key) ?? 0) + q);
	};
	if (value === undefined || value === null || value === '') return out;
	if (Array.isArray(value)) {
		value.forEach((row, i) => {
			if (!isObject(row))
				throw new InputError(
					`${path}[${i}] must be an object {purchaseOrderNumber, itemSequenceNumber, quantity}`,
				);
			const key = QUANTITY_KEYS.find((k) => row[k] !== undefined);
			put(
				row.purchaseOrderNumber,
				row.itemSequenceNumber,
				key ? row[key] : undefined,
				`${path}[${i}]`,
			);
		});
		return out;
	}
	if (!isObject(value))
		throw new InputError(
			`${path} must be {"<PO>": {"<line>": quantity}} or a list of rows (got ${shown(value)})`,
		);
	for (const [po, lines] of Object.entries(value)) {
		if (!isObject(lines)) throw new InputError(`${path}.${po} must be {"<line>": quantity}`, path);
		for (const [seq, n] of Object.entries(lines)) put(po, seq, n, `${path}.${po}.${seq}`);
	}
	return out;
}

/** The quantities of one PO as `{ line: n }`, for acknowledgedPurchaseOrderFrom. */
export function quantitiesOfPo(
	table: ReadonlyMap<string, number>,
	po: { purchaseOrderNumber: string },
	lines: ReadonlyArray<{ itemSequenceNumber: string }>,
): Record<string, number> {
	const out: Record<string, number> = {};
	for (const line of lines) {
		const n = table.get(lineKey(po.purchaseOrderNumber, line.itemSequenceNumber));
		if (n !== undefined) out[line.itemSequenceNumber] = n;
	}
	return out;
}

export function addQuantity(table: Map<string, number>, po: string, seq: string, n: number): void {
	const key = lineKey(po, seq);
	table.set(key, (table.get(key) ?? 0) + n);
}

/** Sum of two tables. */
export function mergeQuantities(
	a: ReadonlyMap<string, number>,
	b: ReadonlyMap<string, number>,
): Map<string, number> {
	const out = new Map(a);
	for (const [k, n] of b) out.set(k, (out.get(k) ?? 0) + n);
	return out;
}

/** A list of rows from a JSON text or a list (a node parameter of type json). Throws InputError. */
export function readJsonRows(value: unknown, name: string): unknown[] {
	const parsed = typeof value === 'string' ? parseJson(value) : { ok: true as const, value };
	if (!parsed.ok) throw new InputError(`${name} is not valid JSON: ${parsed.problem}`, name);
	if (!Array.isArray(parsed.value))
		throw new InputError(`${name} must be a list of rows (got ${shown(parsed.value)})`, name);
	return parsed.value;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return { ok: false, problem: (error as Error).message };
	}
}

// ---------------------------------------------------------------------------------------------
// Lists of strings (used SSCCs, used invoice numbers) and SSCC serials

/** A list of strings from a list, a comma/newline separated text, or nothing. */
export function readStringList(value: unknown, path: string): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (typeof value === 'string') return value.split(/[\s,;]+/).filter(Boolean);
	if (Array.isArray(value)) {
		return value.map((v, i) => {
			if (typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v)))
				return String(v).trim();
			if (isObject(v) && typeof (v.sscc ?? v.id ?? v.value) === 'string')
				return String(v.sscc ?? v.id ?? v.value).trim();
			throw new InputError(`${path}[${i}] must be text (got ${shown(v)})`, path);
		});
	}
	throw new InputError(`${path} must be a list (got ${shown(value)})`, path);
}

/** At most this many serials from one range (a shipment rarely has more containers). */
export const MAX_RANGE = 10000;

/** The serials of a range: `first`, `first + 1`, ... `count` of them. */
export function serialRange(first: unknown, count: unknown, path: string): number[] {
	const f = typeof first === 'string' && /^\s*\d+\s*$/.test(first) ? Number(first) : first;
	const c = typeof count === 'string' && /^\s*\d+\s*$/.test(count) ? Number(count) : count;
	if (typeof f !== 'number' || !Number.isSafeInteger(f) || f < 0)
		throw new InputError(
			`${path}: the first serial must be a whole number of 0 or more (got ${shown(first)})`,
		);
	if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < 0 || c > MAX_RANGE)
		throw new InputError(
			`${path}: the serial count must be a whole number from 0 to ${MAX_RANGE} (got ${shown(count)})`,
		);
	return Array.from({ length: c }, (_, k) => f + k);
}

/**
 * Serials reserved for this shipment: a list (`[1001, 1002]`, `"1001,1002"`) or a range
 * `{first | start, count}`. Empty gives []. Throws InputError.
 */
export function readSerials(value: unknown, path: string): Array<number | string> {
	if (isObject(value))
		return serialRange(value.first ?? value.start ?? value.from, value.count, path);
	return readStringList(value, path).map((s, i) => {
		if (!/^\d+$/.test(s))
			throw new InputError(`${path}[${i}]: a serial is digits only (got ${shown(s)})`, path);
		return s;
	});
}

// ---------------------------------------------------------------------------------------------
// Bounded memory in static data

/** Keys with a time (epoch ms), oldest first; entries older than `maxAgeMs` or beyond `max` dropped. */
export function pruneTimed<T extends { at: number }>(
	record: Record<string, T>,
	now: number,
	maxAgeMs: number,
	max: number,
): Record<string, T> {
	const entries = Object.entries(record).filter(
		([, v]) => isObject(v) && typeof v.at === 'number' && now - v.at <= maxAgeMs,
	);
	entries.sort((a, b) => a[1].at - b[1].at);
	return Object.fromEntries(entries.slice(Math.max(0, entries.length - max)));
}
