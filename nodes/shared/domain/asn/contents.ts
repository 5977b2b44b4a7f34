/**
 * What is shipped, per PO line: every content line of a carton or pallet mapped back to its PO
 * line by platform SKU (whole cases, one lot per item and container), then the totals per PO line
 * against what may still ship. Pure: no n8n imports.
 */
import type { ItemQuantity } from '../../generated/vendorShipments';
import type { ProblemCollector } from './problems';
import type { LineRef } from './purchaseOrders';
import { containerName, isObject, shown, text } from './read';
import type { AcknowledgedLine, AcknowledgedPurchaseOrder, AsnContent, ShippedLine } from './types';

/** A carton or pallet of the input. */
export interface ContainerRef {
	type: 'carton' | 'pallet';
	index: number;
	id?: string;
	path: string;
	given?: string;
}

/** One content line placed on its PO line. */
export interface Placement {
	container: ContainerRef;
	content: AsnContent;
	path: string;
	ref: LineRef;
	eaches: number;
	lotKey: string;
}

/** Where contents are looked up, and what they become. */
export interface ContentLookup {
	poByNumber: ReadonlyMap<string, AcknowledgedPurchaseOrder>;
	bySku: ReadonlyMap<string, LineRef[]>;
	placements: Placement[];
	c: ProblemCollector;
}

export function lotKeyOf(content: AsnContent): string {
	return JSON.stringify([
		text(content.lotNumber) ?? '',
		text(content.expiryDate) ?? '',
		text(content.manufacturerDate) ?? '',
		text(content.countryOfOrigin) ?? '',
	]);
}

/** The eaches as a quantity in the PO's unit (whole cases) or in eaches. */
export function quantityOf(
	line: AcknowledgedLine,
	eaches: number,
	unit: 'purchaseOrder' | 'eaches',
): ItemQuantity {
	if (line.unitOfMeasure === 'Cases' && unit === 'purchaseOrder')
		return {
			amount: Math.floor(eaches / line.unitSize),
			unitOfMeasure: 'Cases',
			unitSize: line.unitSize,
		};
	return { amount: eaches, unitOfMeasure: 'Eaches', unitSize: 1 };
}

function lineName(ref: LineRef): string {
	return `PO ${ref.po.purchaseOrderNumber} line ${ref.line.itemSequenceNumber}`;
}

/** The SKU and whole eaches of a content, or undefined with the problem. */
function readContent(
	raw: unknown,
	path: string,
	c: ProblemCollector,
): { content: AsnContent; sku: string; eaches: number } | undefined {
	if (!isObject(raw)) {
		c.invalid(`${path} must be an object {sku, eaches} (got ${shown(raw)})`, path);
		return undefined;
	}
	const content = raw as unknown as AsnContent;
	const sku = text(content.sku);
	const rawEaches: unknown = content.eaches;
	// Platform JSON often carries quantities as strings: "12" is read as 12.
	const eaches =
		typeof rawEaches === 'string' && /^\s*\d+\s*$/.test(rawEaches)
			? Number(rawEaches.trim())
			: rawEaches;
	if (sku === undefined) {
		c.invalid(`${path}.sku is required`, `${path}.sku`);
		return undefined;
	}
	if (typeof eaches !== 'number' || !Number.isSafeInteger(eaches) || eaches <= 0) {
		c.add(
			'INVALID_QUANTITY',
			`${path}: SKU ${JSON.stringify(sku)} must have a whole number of eaches above 0 ` +
				`(got ${shown(eaches)})`,
			`${path}.eaches`,
			{ sku, eaches },
		);
		return undefined;
	}
	return { content, sku, eaches };
}

/** The one PO line of a content, or undefined with the problem (unknown PO or SKU, ambiguous). */
function lineOf(
	content: AsnContent,
	sku: string,
	path: string,
	lookup: ContentLookup,
): LineRef | undefined {
	const { c } = lookup;
	const poNumber = text(content.purchaseOrderNumber);
	const lineSeq = text(content.itemSequenceNumber);
	if (poNumber !== undefined && !lookup.poByNumber.has(poNumber)) {
		c.add(
			'UNKNOWN_PURCHASE_ORDER',
			`${path}: PO ${JSON.stringify(poNumber)} is not among the acknowledged purchase orders given`,
			`${path}.purchaseOrderNumber`,
			{ purchaseOrderNumber: poNumber },
		);
		return undefined;
	}
	const candidates = (lookup.bySku.get(sku) ?? []).filter(
		(r) =>
			(poNumber === undefined || r.po.purchaseOrderNumber === poNumber) &&
			(lineSeq === undefined || r.line.itemSequenceNumber === lineSeq),
	);
	if (candidates.length === 0) {
		const ofPo = poNumber ? ` of PO ${poNumber}` : '';
		const withSeq = lineSeq ? ` with item sequence number ${lineSeq}` : '';
		c.add(
			'UNKNOWN_SKU',
			`${path}: SKU ${JSON.stringify(sku)} is on no acknowledged line${ofPo}${withSeq}`,
			`${path}.sku`,
			{ sku, purchaseOrderNumber: poNumber, itemSequenceNumber: lineSeq },
		);
		return undefined;
	}
	if (candidates.length > 1) {
		c.add(
			'AMBIGUOUS_SKU',
			`${path}: SKU ${JSON.stringify(sku)} is on ${candidates.length} lines ` +
				`(${candidates.map(lineName).join(', ')}): ` +
				'give purchaseOrderNumber and itemSequenceNumber on the content',
			`${path}.sku`,
			{
				sku,
				lines: candidates.map((r) => ({
					purchaseOrderNumber: r.po.purchaseOrderNumber,
					itemSequenceNumber: r.line.itemSequenceNumber,
				})),
			},
		);
		return undefined;
	}
	return candidates[0];
}

function checkWholeCases(
	ref: LineRef,
	sku: string,
	eaches: number,
	path: string,
	c: ProblemCollector,
): void {
	const line = ref.line;
	if (line.unitOfMeasure !== 'Cases' || eaches % line.unitSize === 0) return;
	const wholeCases = Math.floor(eaches / line.unitSize);
	const looseEaches = eaches % line.unitSize;
	c.add(
		'CASES_NOT_WHOLE',
		`${path}: ${eaches} eaches of SKU ${JSON.stringify(sku)} is not a whole number of cases of ` +
			`${line.unitSize} (${lineName(ref)} is ordered in cases): ` +
			`${wholeCases} cases and ${looseEaches} eaches`,
		`${path}.eaches`,
		{ sku, eaches, unitSize: line.unitSize, wholeCases, looseEaches },
	);
}

/** Reads the contents of one container onto their PO lines. */
export function readContents(
	container: ContainerRef,
	contents: unknown,
	required: boolean,
	lookup: ContentLookup,
): void {
	const { c } = lookup;
	const name = containerName(container.type, container.id, container.path);
	if (contents === undefined && !required) return;
	if (!Array.isArray(contents) || contents.length === 0) {
		if (required) c.add('EMPTY_CONTAINER', `${name} has no contents`, container.path);
		return;
	}
	const lotsInContainer = new Map<string, string>();
	contents.forEach((raw, j) => {
		const path = `${container.path}.contents[${j}]`;
		const read = readContent(raw, path, c);
		if (read === undefined) return;
		const { content, sku, eaches } = read;
		const ref = lineOf(content, sku, path, lookup);
		if (ref === undefined) return;
		checkWholeCases(ref, sku, eaches, path, c);
		const lotKey = lotKeyOf(content);
		const previousLot = lotsInContainer.get(ref.key);
		if (previousLot !== undefined && previousLot !== lotKey) {
			c.add(
				'MULTIPLE_LOTS_IN_CONTAINER',
				`${name} holds SKU ${JSON.stringify(sku)} with two different lots or dates: ` +
					'Amazon allows one lot and expiry per item in a container',
				path,
				{ sku },
			);
		}
		lotsInContainer.set(ref.key, lotKey);
		lookup.placements.push({ container, content: { ...content, sku }, path, ref, eaches, lotKey });
	});
}

// ---------------------------------------------------------------------------------------------
// Totals per PO line

function checkLineTotal(ref: LineRef, eaches: number, c: ProblemCollector): number {
	const line = ref.line;
	const unitSize = line.unitOfMeasure === 'Cases' ? line.unitSize : 1;
	const accepted = line.acceptedQuantity;
	const already = line.alreadyShippedQuantity ?? 0;
	const shippable = accepted - already;
	const label = `${lineName(ref)} (SKU ${JSON.stringify(line.sku)})`;
	const unitName = line.unitOfMeasure === 'Cases' ? `cases of ${unitSize}` : 'eaches';
	const figures = {
		purchaseOrderNumber: ref.po.purchaseOrderNumber,
		itemSequenceNumber: line.itemSequenceNumber,
		sku: line.sku,
	};
	const notWhole = line.unitOfMeasure === 'Cases' && eaches % unitSize !== 0;
	if (notWhole)
		c.add(
			'CASES_NOT_WHOLE',
			`${label}: ${eaches} eaches in total is not a whole number of cases of ${unitSize}`,
			undefined,
			{ ...figures, shippedEaches: eaches, unitSize },
		);
	const shippedUnits = notWhole ? eaches / unitSize : Math.floor(eaches / unitSize);
	if (shippedUnits > shippable)
		c.add(
			'OVER_SHIPMENT',
			`${label}: shipping ${shippedUnits} ${unitName} but only ${Math.max(shippable, 0)} may ship ` +
				`(accepted ${accepted} - already shipped ${already})`,
			undefined,
			{
				...figures,
				unitOfMeasure: line.unitOfMeasure,
				shipped: shippedUnits,
				accepted,
				alreadyShipped: already,
				shippable: Math.max(shippable, 0),
			},
		);
	return unitSize;
}

/** Per PO line shipped: the totals, checked (whole cases, never above what may still ship). */
export function shippedLinesOf(
	placements: readonly Placement[],
	c: ProblemCollector,
): ShippedLine[] {
	const eachesPerLine = new Map<string, { ref: LineRef; eaches: number }>();
	for (const p of placements) {
		const entry = eachesPerLine.get(p.ref.key) ?? { ref: p.ref, eaches: 0 };
		entry.eaches += p.eaches;
		eachesPerLine.set(p.ref.key, entry);
	}
	return [...eachesPerLine.values()].map(({ ref, eaches }) => {
		const line = ref.line;
		const unitSize = checkLineTotal(ref, eaches, c);
		const wholeUnits = Math.floor(eaches / unitSize);
		const already = line.alreadyShippedQuantity ?? 0;
		const out: ShippedLine = {
			purchaseOrderNumber: ref.po.purchaseOrderNumber,
			itemSequenceNumber: line.itemSequenceNumber,
			asnItemSequenceNumbers: [],
			sku: line.sku,
			unitOfMeasure: line.unitOfMeasure,
			unitSize,
			shippedQuantity: wholeUnits,
			shippedEaches: eaches,
			acceptedQuantity: line.acceptedQuantity,
			alreadyShippedQuantity: already,
			remainingQuantity: line.acceptedQuantity - already - wholeUnits,
		};
		if (line.amazonProductIdentifier !== undefined)
			out.amazonProductIdentifier = line.amazonProductIdentifier;
		if (line.vendorProductIdentifier !== undefined)
			out.vendorProductIdentifier = line.vendorProductIdentifier;
		return out;
	});
}
