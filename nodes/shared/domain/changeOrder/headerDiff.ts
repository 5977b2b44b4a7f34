/** The header differences between two versions of one purchase order. Pure: no n8n imports. */
import type { CanonicalParty, CanonicalPurchaseOrder, DateInterval } from '../purchaseOrder';

export type HeaderField =
	| 'purchaseOrderState'
	| 'purchaseOrderType'
	| 'shipWindow'
	| 'deliveryWindow'
	| 'shipToParty'
	| 'billToParty'
	| 'buyingParty'
	| 'sellingParty'
	| 'paymentMethod'
	| 'dealCode'
	| 'importDetails';

export interface HeaderChange {
	field: HeaderField;
	previous?: unknown;
	current?: unknown;
	message: string;
}

function sameWindow(a: DateInterval | undefined, b: DateInterval | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	if (
		a.start !== undefined &&
		a.end !== undefined &&
		b.start !== undefined &&
		b.end !== undefined
	) {
		const ms = (v: string) => Date.parse(v);
		const eq = (x: string, y: string) => x === y || (!Number.isNaN(ms(x)) && ms(x) === ms(y));
		return eq(a.start, b.start) && eq(a.end, b.end);
	}
	return a.raw.trim() === b.raw.trim();
}

/** Key-order independent JSON, for comparing parties and import details. */
function stable(value: unknown): string {
	if (value === undefined) return 'undefined';
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
	const obj = value as Record<string, unknown>;
	return `{${Object.keys(obj)
		.filter((k) => obj[k] !== undefined)
		.sort()
		.map((k) => `${JSON.stringify(k)}:${stable(obj[k])}`)
		.join(',')}}`;
}

function describeParty(p: CanonicalParty | undefined): string {
	return p === undefined ? 'none' : p.partyId;
}

function describeWindow(w: DateInterval | undefined): string {
	if (w === undefined) return 'none';
	return w.start !== undefined && w.end !== undefined ? `${w.start}--${w.end}` : w.raw;
}

type Note = (field: HeaderField, prev: unknown, cur: unknown, was: string, is: string) => void;

function noteState(previous: CanonicalPurchaseOrder, current: CanonicalPurchaseOrder, note: Note) {
	const was = previous.purchaseOrderState;
	const is = current.purchaseOrderState;
	// New -> Acknowledged is the vendor's own acknowledgement, not a change by Amazon.
	if (was !== is && !(was === 'New' && is === 'Acknowledged'))
		note('purchaseOrderState', was, is, was, is);
}

function noteScalars(
	previous: CanonicalPurchaseOrder,
	current: CanonicalPurchaseOrder,
	note: Note,
) {
	for (const field of ['purchaseOrderType', 'paymentMethod', 'dealCode'] as const) {
		if (previous[field] !== current[field])
			note(
				field,
				previous[field],
				current[field],
				previous[field] ?? 'none',
				current[field] ?? 'none',
			);
	}
}

function noteWindows(
	previous: CanonicalPurchaseOrder,
	current: CanonicalPurchaseOrder,
	note: Note,
) {
	for (const field of ['shipWindow', 'deliveryWindow'] as const) {
		const was = previous[field];
		const is = current[field];
		if (!sameWindow(was, is)) note(field, was, is, describeWindow(was), describeWindow(is));
	}
}

function noteParties(
	previous: CanonicalPurchaseOrder,
	current: CanonicalPurchaseOrder,
	note: Note,
) {
	for (const field of ['shipToParty', 'billToParty', 'buyingParty', 'sellingParty'] as const) {
		const was = previous[field];
		const is = current[field];
		if (stable(was) === stable(is)) continue;
		const idSame = was?.partyId === is?.partyId;
		const shownWas = idSame ? `${describeParty(was)} (address or tax details)` : describeParty(was);
		note(field, was, is, shownWas, describeParty(is));
	}
}

/** Header changes in a fixed order: state, type, payment, deal, windows, parties, import details. */
export function diffHeader(
	previous: CanonicalPurchaseOrder,
	current: CanonicalPurchaseOrder,
): HeaderChange[] {
	const header: HeaderChange[] = [];
	const note: Note = (field, prev, cur, was, is) => {
		const change: HeaderChange = { field, message: `${field}: ${was} -> ${is}` };
		if (prev !== undefined) change.previous = prev;
		if (cur !== undefined) change.current = cur;
		header.push(change);
	};
	noteState(previous, current, note);
	noteScalars(previous, current, note);
	noteWindows(previous, current, note);
	noteParties(previous, current, note);
	if (stable(previous.importDetails) !== stable(current.importDetails))
		note('importDetails', previous.importDetails, current.importDetails, 'before', 'changed');
	return header;
}
