/** The order in which POs and their lines take stock, and which version of a PO counts. Pure. */
import type { MappedLine, MappedPurchaseOrder } from '../caseMapping';

export interface PoKey {
	mapped: MappedPurchaseOrder;
	inputIndex: number;
	created: number;
	windowStart: number;
	number: string;
}

function time(value: unknown): number {
	if (typeof value !== 'string') return Number.POSITIVE_INFINITY;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** Oldest PO first, then the earliest window start, then the PO number, then the input position. */
export function comparePos(a: PoKey, b: PoKey): number {
	if (a.created !== b.created) return a.created < b.created ? -1 : 1;
	if (a.windowStart !== b.windowStart) return a.windowStart < b.windowStart ? -1 : 1;
	if (a.number !== b.number) return a.number < b.number ? -1 : 1;
	return a.inputIndex - b.inputIndex;
}

export function poKey(mapped: MappedPurchaseOrder, inputIndex: number): PoKey {
	const po = mapped.purchaseOrder;
	return {
		mapped,
		inputIndex,
		created: time(po.purchaseOrderDate),
		windowStart: time(po.shipWindow?.start ?? po.deliveryWindow?.start),
		number: po.purchaseOrderNumber,
	};
}

const DIGITS = /^\d+$/;

/** Line order within a PO: numeric sequence numbers by value, others after them as text, then position. */
export function lineOrder(lines: readonly MappedLine[]): number[] {
	const keys = lines.map((line, i) => {
		const s = line.itemSequenceNumber;
		return { i, numeric: DIGITS.test(s) && s.length < 16 ? Number(s) : Number.NaN, text: s };
	});
	// Usual case: numeric sequence numbers already ascending; no sort needed.
	let ascending = true;
	for (let k = 1; k < keys.length && ascending; k++)
		ascending = keys[k - 1].numeric < keys[k].numeric;
	if (ascending) return keys.map((k) => k.i);
	keys.sort((a, b) => {
		const an = !Number.isNaN(a.numeric);
		const bn = !Number.isNaN(b.numeric);
		if (an && bn && a.numeric !== b.numeric) return a.numeric - b.numeric;
		if (an !== bn) return an ? -1 : 1;
		if (!an && a.text !== b.text) return a.text < b.text ? -1 : 1;
		return a.i - b.i;
	});
	return keys.map((k) => k.i);
}

/** Input position of the latest version of each PO number (`purchaseOrderChangedDate ?? purchaseOrderDate`). */
export function latestVersions(pos: readonly MappedPurchaseOrder[]): Map<string, number> {
	const version = (po: MappedPurchaseOrder): number =>
		time(po.purchaseOrder.purchaseOrderChangedDate ?? po.purchaseOrder.purchaseOrderDate);
	const latest = new Map<string, number>();
	pos.forEach((mapped, i) => {
		const number = mapped.purchaseOrder.purchaseOrderNumber;
		const seen = latest.get(number);
		if (seen === undefined || version(mapped) >= version(pos[seen])) latest.set(number, i);
	});
	return latest;
}
