/**
 * What an acknowledged purchase order means for Supercycle: which free items of each circular SKU
 * are promised to Amazon (to be taken out of the rental pool), and which PO lines a person must
 * look at (a circular-only SKU, or circular stock Supercycle could not count). Pure: no n8n imports.
 */
import { InvalidInputError } from '../inputError';
import { isObject, type Json } from '../values';

/** One item promised to Amazon: set it to unavailable in Supercycle. */
export interface ItemToHold {
	itemId: number | string;
	sku: string;
	purchaseOrderNumber: string;
}

/** A PO line or an item that needs a person, as a row of the exception queue. */
export interface HoldProblem {
	type: 'circular_only_sku' | 'circular_stock_unknown' | 'circular_item_not_reserved';
	ownerRole: 'catalog' | 'operations';
	purchaseOrderNumber: string;
	reason: string;
	details: string;
}

export interface AmazonHolds {
	purchaseOrderNumber: string;
	hold: ItemToHold[];
	problems: HoldProblem[];
}

interface StockRow {
	sku: string;
	source: string;
	freeItemIds: Array<number | string>;
	reason: string;
}

/** The Get Wholesale Availability rows by SKU (a JSON text is parsed). */
export function availabilityBySku(value: unknown): Map<string, StockRow> {
	const rows = typeof value === 'string' ? (JSON.parse(value || '[]') as unknown) : value;
	if (!Array.isArray(rows))
		throw new InvalidInputError(
			'Availability must be the list of Get Wholesale Availability rows',
			'availability',
		);
	const out = new Map<string, StockRow>();
	for (const row of rows) {
		if (!isObject(row) || typeof row.sku !== 'string' || typeof row.source !== 'string')
			throw new InvalidInputError('Availability: each row needs sku and source', 'availability');
		const ids = Array.isArray(row.freeItemIds) ? row.freeItemIds : [];
		out.set(row.sku, {
			sku: row.sku,
			source: row.source,
			freeItemIds: ids.filter((id): id is number | string =>
				['number', 'string'].includes(typeof id),
			),
			reason: String(row.reason ?? ''),
		});
	}
	return out;
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

function lineProblem(
	po: string,
	line: Json,
	asin: string,
	row: StockRow,
	accepted: number,
): HoldProblem {
	const sku = String(line.sku);
	const at = `Amazon PO ${po} line ${String(line.itemSequenceNumber)} (ASIN ${asin})`;
	const details = JSON.stringify({
		sku,
		asin,
		itemSequenceNumber: line.itemSequenceNumber,
		acceptedEaches: accepted,
		rule: row.reason,
	});
	if (row.source === 'circularOnly')
		return {
			type: 'circular_only_sku',
			ownerRole: 'catalog',
			purchaseOrderNumber: po,
			reason:
				`${at} maps to SKU ${sku}, which is kept for rental and resale only (circularOnlySkus), so the ` +
				'line was not accepted. Remove the ASIN from the mapping table or mark it discontinued, or take ' +
				'the SKU off the circular-only list.',
			details,
		};
	return {
		type: 'circular_stock_unknown',
		ownerRole: 'operations',
		purchaseOrderNumber: po,
		reason:
			`Supercycle could not be read for SKU ${sku}, so ${at} was offered 0 units (unsure circular ` +
			'stock is never promised). Check the Supercycle API credential and Supercycle status.',
		details,
	};
}

/**
 * The holds and problems of one acknowledged PO (Acknowledge PO's Acknowledged item). `taken`
 * counts, per SKU, the free items already promised to earlier POs of the same run; it is updated.
 */
export function amazonHolds(
	acknowledged: Json,
	availability: Map<string, StockRow>,
	taken: Map<string, number>,
): AmazonHolds {
	const po = String(acknowledged.purchaseOrderNumber ?? '');
	if (!po)
		throw new InvalidInputError(
			"no purchaseOrderNumber: give Acknowledge PO's Acknowledged item",
			'purchaseOrderNumber',
		);
	const allocation = isObject(acknowledged.allocation) ? acknowledged.allocation : {};
	const promised = new Map<string, number>();
	const acceptedOnly = new Map<string, number>();
	for (const s of list(allocation.skus)) {
		const sku = String(s.sku ?? '');
		const accepted = Number(s.acceptedEaches ?? 0) || 0;
		promised.set(
			sku,
			(promised.get(sku) ?? 0) + accepted + (Number(s.backorderedEaches ?? 0) || 0),
		);
		acceptedOnly.set(sku, (acceptedOnly.get(sku) ?? 0) + accepted);
	}
	const hold: ItemToHold[] = [];
	for (const [sku, eaches] of promised) {
		const row = availability.get(sku);
		if (!row || row.source !== 'supercycle' || eaches <= 0) continue;
		const from = taken.get(sku) ?? 0;
		for (const itemId of row.freeItemIds.slice(from, from + eaches))
			hold.push({ itemId, sku, purchaseOrderNumber: po });
		taken.set(sku, from + eaches);
	}
	const poItems = list(
		isObject(acknowledged.purchaseOrder) ? acknowledged.purchaseOrder.items : [],
	);
	const problems = list(acknowledged.lines).flatMap((line) => {
		const row = availability.get(String(line.sku ?? ''));
		if (!line.sku || !row || !['circularOnly', 'unknown'].includes(row.source)) return [];
		const asin = poItems.find(
			(i) => i.itemSequenceNumber === line.itemSequenceNumber,
		)?.amazonProductIdentifier;
		return [
			lineProblem(po, line, String(asin ?? '?'), row, acceptedOnly.get(String(line.sku)) ?? 0),
		];
	});
	return { purchaseOrderNumber: po, hold, problems };
}

/** The problem row of an item Supercycle refused to set to unavailable. */
export function itemNotHeld(item: ItemToHold, error: string): HoldProblem {
	return {
		type: 'circular_item_not_reserved',
		ownerRole: 'operations',
		purchaseOrderNumber: item.purchaseOrderNumber,
		reason:
			`Supercycle item ${String(item.itemId)} (SKU ${item.sku}) is promised to Amazon PO ` +
			`${item.purchaseOrderNumber} but could not be set to unavailable in Supercycle, so it can still ` +
			'be rented. Set its visibility to Unavailable in Supercycle by hand.',
		details: JSON.stringify({ itemId: item.itemId, sku: item.sku, error }),
	};
}
