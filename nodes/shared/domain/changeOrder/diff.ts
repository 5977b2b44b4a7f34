/**
 * The line-by-line and header differences between two versions of one purchase order (canonical
 * form). Pure: no n8n imports.
 */
import { compare, parseDecimal } from '../money';
import type {
	CanonicalMoney,
	CanonicalOrderItem,
	CanonicalPurchaseOrder,
	QuantityUnit,
} from '../purchaseOrder';
import { requireCanonicalVersions } from './canonical';
import { diffHeader, type HeaderChange } from './headerDiff';

export type { HeaderChange, HeaderField } from './headerDiff';

export interface QuantitySnapshot {
	amount: number;
	unitOfMeasure: QuantityUnit;
	unitSize: number;
	eaches: number;
}

export type LineChangeKind =
	/** Ordered quantity changed (not to or from 0). */
	| 'quantityChanged'
	/** Amazon set the quantity to 0. */
	| 'cancelled'
	/** Quantity back from 0. */
	| 'reinstated'
	/** A line that was not on the previous version. */
	| 'added'
	/** A line of the previous version missing from the new one (Amazon normally sends 0 instead). */
	| 'removed'
	/** Net cost (amount, currency or price unit) changed. */
	| 'costChanged'
	/** The same item sequence number now names another product (ASIN or vendor identifier). */
	| 'productChanged';

export interface LineChange {
	itemSequenceNumber: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	kinds: LineChangeKind[];
	/** Position in the previous / current PO's items. */
	previousIndex?: number;
	currentIndex?: number;
	previousQuantity?: QuantitySnapshot;
	currentQuantity?: QuantitySnapshot;
	/** Current - previous ordered eaches. */
	deltaEaches: number;
	previousNetCost?: CanonicalMoney;
	currentNetCost?: CanonicalMoney;
	message: string;
}

export interface PurchaseOrderDiff {
	purchaseOrderNumber: string;
	previousChangedDate?: string;
	currentChangedDate?: string;
	/** Changed lines only, in current PO order, then removed lines. */
	lines: LineChange[];
	header: HeaderChange[];
	/** Nothing changed (Amazon re-sent the same PO). */
	isEmpty: boolean;
	summary: {
		quantityChanged: number;
		cancelled: number;
		added: number;
		removed: number;
		costChanged: number;
		headerChanged: number;
	};
}

/** "1" and "00001" are the same item sequence number. */
export function sameSequence(a: string, b: string): boolean {
	if (a === b) return true;
	return /^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b);
}

/** Eaches per unit of a line: the case size for Cases, 1 for Eaches. */
export function unitSizeOf(item: CanonicalOrderItem): number {
	return item.orderedQuantity.unitOfMeasure === 'Cases' ? item.orderedQuantity.unitSize : 1;
}

function snapshot(item: CanonicalOrderItem): QuantitySnapshot {
	const q = item.orderedQuantity;
	return {
		amount: q.amount,
		unitOfMeasure: q.unitOfMeasure,
		unitSize: unitSizeOf(item),
		eaches: item.orderedEaches,
	};
}

function describeQuantity(q: QuantitySnapshot): string {
	return q.unitOfMeasure === 'Cases'
		? `${q.amount} cases of ${q.unitSize} (${q.eaches} eaches)`
		: `${q.eaches} eaches`;
}

function describeMoney(m: CanonicalMoney | undefined): string {
	if (m === undefined) return 'none';
	return `${m.amount} ${m.currencyCode}${m.unitOfMeasure ? ` per ${m.unitOfMeasure}` : ''}`;
}

function sameMoney(a: CanonicalMoney | undefined, b: CanonicalMoney | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	return (
		a.currencyCode === b.currencyCode &&
		a.unitOfMeasure === b.unitOfMeasure &&
		compare(parseDecimal(a.amount), parseDecimal(b.amount)) === 0
	);
}

function lineLabel(item: CanonicalOrderItem): string {
	const asin = item.amazonProductIdentifier ? ` (ASIN ${item.amazonProductIdentifier})` : '';
	return `Line ${item.itemSequenceNumber}${asin}`;
}

/** A LineChange of `item` with its identifiers, before any kind is known. */
function baseChange(item: CanonicalOrderItem, extra: Partial<LineChange>): LineChange {
	const change: LineChange = {
		itemSequenceNumber: item.itemSequenceNumber,
		kinds: [],
		...extra,
		deltaEaches: extra.deltaEaches ?? 0,
		message: extra.message ?? '',
	};
	if (item.amazonProductIdentifier !== undefined)
		change.amazonProductIdentifier = item.amazonProductIdentifier;
	if (item.vendorProductIdentifier !== undefined)
		change.vendorProductIdentifier = item.vendorProductIdentifier;
	return change;
}

function productChanged(before: CanonicalOrderItem, item: CanonicalOrderItem): boolean {
	const asinBefore = before.amazonProductIdentifier;
	const asinNow = item.amazonProductIdentifier;
	const vendorBefore = before.vendorProductIdentifier;
	const vendorNow = item.vendorProductIdentifier;
	return (
		(asinBefore !== undefined &&
			asinNow !== undefined &&
			asinBefore.toUpperCase() !== asinNow.toUpperCase()) ||
		(vendorBefore !== undefined && vendorNow !== undefined && vendorBefore !== vendorNow)
	);
}

function quantityDiffers(then: QuantitySnapshot, now: QuantitySnapshot): boolean {
	return (
		then.eaches !== now.eaches ||
		then.amount !== now.amount ||
		then.unitOfMeasure !== now.unitOfMeasure ||
		then.unitSize !== now.unitSize
	);
}

/** The kinds and message parts of a line found in both versions. */
function compareMatched(change: LineChange, before: CanonicalOrderItem, item: CanonicalOrderItem) {
	const then = change.previousQuantity as QuantitySnapshot;
	const now = change.currentQuantity as QuantitySnapshot;
	const messages: string[] = [];
	if (productChanged(before, item)) {
		change.kinds.push('productChanged');
		const was = before.amazonProductIdentifier ?? before.vendorProductIdentifier;
		const is = item.amazonProductIdentifier ?? item.vendorProductIdentifier;
		messages.push(`product ${was} -> ${is}`);
	}
	if (quantityDiffers(then, now)) {
		change.deltaEaches = now.eaches - then.eaches;
		if (now.amount === 0 && then.amount > 0) change.kinds.push('cancelled');
		else if (then.amount === 0 && now.amount > 0) change.kinds.push('reinstated');
		else change.kinds.push('quantityChanged');
		const cancelled = now.amount === 0 ? ' (cancelled)' : '';
		messages.push(`${describeQuantity(then)} -> ${describeQuantity(now)}${cancelled}`);
	}
	if (!sameMoney(before.netCost, item.netCost)) {
		change.kinds.push('costChanged');
		messages.push(`net cost ${describeMoney(before.netCost)} -> ${describeMoney(item.netCost)}`);
	}
	return messages;
}

/** The change of one current line (matched to the first unmatched previous line), or undefined. */
function diffCurrentLine(
	item: CanonicalOrderItem,
	currentIndex: number,
	previousItems: readonly CanonicalOrderItem[],
	matchedPrevious: Set<number>,
): LineChange | undefined {
	const previousIndex = previousItems.findIndex(
		(p, i) =>
			!matchedPrevious.has(i) && sameSequence(p.itemSequenceNumber, item.itemSequenceNumber),
	);
	const now = snapshot(item);
	const change = baseChange(item, { currentIndex, currentQuantity: now });
	if (item.netCost !== undefined) change.currentNetCost = item.netCost;
	const label = lineLabel(item);
	if (previousIndex < 0) {
		change.kinds.push('added');
		change.deltaEaches = now.eaches;
		change.message = `${label}: added, ${describeQuantity(now)}`;
		return change;
	}
	matchedPrevious.add(previousIndex);
	const before = previousItems[previousIndex];
	change.previousIndex = previousIndex;
	change.previousQuantity = snapshot(before);
	if (before.netCost !== undefined) change.previousNetCost = before.netCost;
	const messages = compareMatched(change, before, item);
	if (change.kinds.length === 0) return undefined;
	change.message = `${label}: ${messages.join('; ')}`;
	return change;
}

/** Lines of the previous version that no current line matched. */
function removedLines(
	previousItems: readonly CanonicalOrderItem[],
	matchedPrevious: ReadonlySet<number>,
): LineChange[] {
	const out: LineChange[] = [];
	previousItems.forEach((before, previousIndex) => {
		if (matchedPrevious.has(previousIndex)) return;
		const then = snapshot(before);
		const change = baseChange(before, {
			kinds: ['removed'],
			previousIndex,
			previousQuantity: then,
			deltaEaches: -then.eaches,
			message: `${lineLabel(before)}: no longer on the PO (was ${describeQuantity(then)})`,
		});
		if (before.netCost !== undefined) change.previousNetCost = before.netCost;
		out.push(change);
	});
	return out;
}

function summarise(lines: readonly LineChange[], header: readonly HeaderChange[]) {
	const count = (kind: LineChangeKind) => lines.filter((l) => l.kinds.includes(kind)).length;
	return {
		quantityChanged: count('quantityChanged') + count('reinstated'),
		cancelled: count('cancelled'),
		added: count('added'),
		removed: count('removed'),
		costChanged: count('costChanged'),
		headerChanged: header.length,
	};
}

/**
 * Line-by-line and header differences between two versions of one PO (canonical form). Lines are
 * matched by item sequence number ("1" and "00001" are the same line). Throws ChangeOrderInputError
 * when the PO numbers differ or a version is not a canonical purchase order.
 */
export function diffPurchaseOrders(
	previous: CanonicalPurchaseOrder,
	current: CanonicalPurchaseOrder,
): PurchaseOrderDiff {
	requireCanonicalVersions(previous, current);
	const matchedPrevious = new Set<number>();
	const lines = current.items
		.map((item, i) => diffCurrentLine(item, i, previous.items, matchedPrevious))
		.filter((change): change is LineChange => change !== undefined);
	lines.push(...removedLines(previous.items, matchedPrevious));
	const header = diffHeader(previous, current);
	const diff: PurchaseOrderDiff = {
		purchaseOrderNumber: current.purchaseOrderNumber,
		lines,
		header,
		isEmpty: lines.length === 0 && header.length === 0,
		summary: summarise(lines, header),
	};
	if (previous.purchaseOrderChangedDate !== undefined)
		diff.previousChangedDate = previous.purchaseOrderChangedDate;
	if (current.purchaseOrderChangedDate !== undefined)
		diff.currentChangedDate = current.purchaseOrderChangedDate;
	return diff;
}
