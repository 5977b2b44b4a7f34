/**
 * Before the build: content lines of a shipment back to PO lines when one SKU is on several lines
 * of one purchase order (the same ASIN ordered on line 1 and line 3; the shop holds it as one line).
 * Pure: no n8n imports.
 *
 * Rule: the eaches of such a content are split over the PO lines carrying the SKU, in the PO's
 * line order, each line taking at most what it may still ship (accepted - already shipped - what
 * other contents of this shipment already put on it), in whole cases on a Cases line. What does
 * not fit stays on the last line, where the ASN checks report it (over-shipment, or not a whole
 * case): nothing is ever dropped. A content that names its PO line, or whose SKU is on one line
 * only, is left as it is; a SKU on lines of several POs without a PO number on the content is left
 * too (the ASN checks report it as ambiguous: which PO the goods belong to is not ours to guess).
 */
import type {
	AcknowledgedLine,
	AcknowledgedPurchaseOrder,
	AsnCarton,
	AsnContent,
	AsnPallet,
	AsnShipment,
} from './types';
import { InputError } from './problems';
import { requirePurchaseOrders, type LineRef } from './purchaseOrders';
import { isObject, text, wholeEaches } from './read';

export type SameSkuLinesRule = 'split' | 'exception';

/** One content split over PO lines. */
export interface SkuLineSplit {
	/** Where the content was, e.g. `cartons[0].contents[0]`. */
	path: string;
	sku: string;
	purchaseOrderNumber: string;
	eaches: number;
	lines: Array<{ itemSequenceNumber: string; eaches: number }>;
}

export interface LineAssignment {
	/** A copy of the shipment with split contents (one per PO line, naming it). */
	shipment: AsnShipment;
	splits: SkuLineSplit[];
	warnings: string[];
}

/** A PO line a content may belong to. */
type Candidate = LineRef;

/** The PO lines a content may belong to, in PO order then line order. */
export function candidateLines(
	content: AsnContent,
	purchaseOrders: readonly AcknowledgedPurchaseOrder[],
): Candidate[] {
	const sku = text(content.sku);
	if (sku === undefined) return [];
	const poNumber = text(content.purchaseOrderNumber);
	const lineSeq = text(content.itemSequenceNumber);
	const out: Candidate[] = [];
	for (const po of purchaseOrders) {
		if (poNumber !== undefined && po.purchaseOrderNumber !== poNumber) continue;
		for (const line of po.lines) {
			if (line.sku !== sku || (lineSeq !== undefined && line.itemSequenceNumber !== lineSeq))
				continue;
			out.push({ po, line, key: `${po.purchaseOrderNumber}#${line.itemSequenceNumber}` });
		}
	}
	return out;
}

/** What a PO line may still ship, in eaches. */
function openEaches(line: AcknowledgedLine): number {
	const unitSize = line.unitOfMeasure === 'Cases' ? line.unitSize : 1;
	return Math.max(0, (line.acceptedQuantity - (line.alreadyShippedQuantity ?? 0)) * unitSize);
}

interface ContentSlot {
	path: string;
	content: AsnContent;
	replace: (parts: AsnContent[]) => void;
}

function slotsOf(cartons: AsnCarton[], pallets: AsnPallet[]): ContentSlot[] {
	const slots: ContentSlot[] = [];
	const visit = (owner: { contents?: AsnContent[] }, base: string) => {
		if (!Array.isArray(owner.contents)) return;
		const original = owner.contents;
		const replaced = new Map<number, AsnContent[]>();
		original.forEach((content, j) => {
			if (!isObject(content)) return;
			slots.push({
				path: `${base}.contents[${j}]`,
				content,
				replace: (parts) => {
					replaced.set(j, parts);
					owner.contents = original.flatMap((c, k) => replaced.get(k) ?? [c]);
				},
			});
		});
	};
	cartons.forEach((carton, i) => {
		if (isObject(carton)) visit(carton, `cartons[${i}]`);
	});
	pallets.forEach((pallet, i) => {
		if (isObject(pallet)) visit(pallet, `pallets[${i}]`);
	});
	return slots;
}

interface ToSplit {
	slot: ContentSlot;
	eaches: number;
	candidates: Candidate[];
}

/** A copy of the shipment with copies of its cartons and pallets (their contents get replaced). */
function copyOf(shipment: AsnShipment): {
	copy: AsnShipment;
	cartons: AsnCarton[];
	pallets: AsnPallet[];
} {
	const cartons = Array.isArray(shipment.cartons)
		? shipment.cartons.map((c) => (isObject(c) ? { ...c } : c))
		: [];
	const pallets = Array.isArray(shipment.pallets)
		? shipment.pallets.map((p) => (isObject(p) ? { ...p } : p))
		: [];
	const copy: AsnShipment = { ...shipment };
	if (Array.isArray(shipment.cartons)) copy.cartons = cartons;
	if (Array.isArray(shipment.pallets)) copy.pallets = pallets;
	return { copy, cartons, pallets };
}

/** Contents that already name one line take their eaches first; the others are to split. */
function takeNamedLines(
	slots: ContentSlot[],
	purchaseOrders: readonly AcknowledgedPurchaseOrder[],
	open: Map<string, number>,
): ToSplit[] {
	const toSplit: ToSplit[] = [];
	for (const slot of slots) {
		const eaches = wholeEaches(slot.content.eaches);
		if (eaches === undefined) continue;
		const candidates = candidateLines(slot.content, purchaseOrders);
		if (candidates.length === 1)
			open.set(candidates[0].key, (open.get(candidates[0].key) ?? 0) - eaches);
		else if (
			candidates.length > 1 &&
			new Set(candidates.map((c) => c.po.purchaseOrderNumber)).size === 1
		)
			toSplit.push({ slot, eaches, candidates });
	}
	return toSplit;
}

/** One content over its lines in line order; what does not fit stays on the last line. */
function splitOne(split: ToSplit, open: Map<string, number>, result: LineAssignment): void {
	const { slot, eaches, candidates } = split;
	let rest = eaches;
	const parts: Array<{ candidate: Candidate; eaches: number }> = [];
	for (const candidate of candidates) {
		if (rest === 0) break;
		const unit = candidate.line.unitOfMeasure === 'Cases' ? candidate.line.unitSize : 1;
		const room = Math.max(0, open.get(candidate.key) ?? 0);
		const take = unit > 0 ? Math.floor(Math.min(rest, room) / unit) * unit : 0;
		if (take === 0) continue;
		parts.push({ candidate, eaches: take });
		open.set(candidate.key, room - take);
		rest -= take;
	}
	const sku = text(slot.content.sku) as string;
	if (rest > 0) {
		const last = candidates[candidates.length - 1];
		const existing = parts.find((p) => p.candidate.key === last.key);
		if (existing) existing.eaches += rest;
		else parts.push({ candidate: last, eaches: rest });
		open.set(last.key, (open.get(last.key) ?? 0) - rest);
		const lines = candidates.map((c) => c.line.itemSequenceNumber).join(', ');
		result.warnings.push(
			`${slot.path}: ${rest} of the ${eaches} eaches of SKU ${JSON.stringify(sku)} do not fit on ` +
				`PO ${last.po.purchaseOrderNumber} lines ${lines} (what they may still ship): ` +
				`left on line ${last.line.itemSequenceNumber}`,
		);
	}
	const po = candidates[0].po.purchaseOrderNumber;
	slot.replace(
		parts.map((p) => ({
			...slot.content,
			eaches: p.eaches,
			purchaseOrderNumber: po,
			itemSequenceNumber: p.candidate.line.itemSequenceNumber,
		})),
	);
	result.splits.push({
		path: slot.path,
		sku,
		purchaseOrderNumber: po,
		eaches,
		lines: parts.map((p) => ({
			itemSequenceNumber: p.candidate.line.itemSequenceNumber,
			eaches: p.eaches,
		})),
	});
}

/**
 * Splits the contents whose SKU is on several lines of one PO over those lines (see the module
 * notes). With `rule: 'exception'` nothing is split and the ASN checks report such contents as
 * ambiguous. Never throws for bad shipment data: what cannot be read is left for the ASN checks.
 * Throws InputError for a bad rule or malformed purchase orders.
 */
export function assignContentsToLines(
	shipment: AsnShipment,
	purchaseOrders: readonly AcknowledgedPurchaseOrder[],
	rule: SameSkuLinesRule = 'split',
): LineAssignment {
	if (rule !== 'split' && rule !== 'exception')
		throw new InputError(
			`sameSkuLines must be split or exception (got ${JSON.stringify(rule)})`,
			'rule',
		);
	requirePurchaseOrders(purchaseOrders);
	if (!isObject(shipment)) return { shipment, splits: [], warnings: [] };
	const { copy, cartons, pallets } = copyOf(shipment);
	const result: LineAssignment = { shipment: copy, splits: [], warnings: [] };
	if (rule === 'exception') return result;
	const open = new Map<string, number>();
	for (const po of purchaseOrders)
		for (const line of po.lines)
			open.set(`${po.purchaseOrderNumber}#${line.itemSequenceNumber}`, openEaches(line));
	// In shipment order, over their lines in line order.
	for (const split of takeNamedLines(slotsOf(cartons, pallets), purchaseOrders, open))
		splitOne(split, open, result);
	return result;
}
