/**
 * Stock allocation for PO acknowledgement: shares the available eaches of each platform SKU among
 * the lines of several mapped purchase orders in one pass, so that two POs never take the same
 * units. Pure: no n8n imports.
 *
 * Rules:
 * - Order: oldest `purchaseOrderDate` first, then the earliest window start (ship window, else
 *   delivery window; a PO without one comes after those with one), then PO number; within a PO,
 *   lines by item sequence number (numeric when both are digits: "2" before "10"; then by position).
 * - Only whole Amazon units are accepted: a Cases line of unitSize 12 with 30 eaches available
 *   accepts 2 cases and leaves 6 eaches for the next line.
 * - What cannot be accepted is Backordered when the line's `isBackOrderAllowed` is true AND the
 *   `backorder` option is on; otherwise Rejected with TemporarilyUnavailable. A line can be split
 *   (Accepted n + Backordered m, or Accepted n + Rejected m).
 * - A `reject` line of the mapping (unmapped, discontinued, or an exception continued with
 *   rejections) is Rejected in full with its mapping `rejectionReason` and takes no stock.
 * - A line Amazon cancelled (ordered 0) takes nothing and is neither accepted nor rejected.
 * - A SKU missing from the stock is read as 0 available (with a warning).
 * - POs whose mapping route is `exceptions` are not allocated (listed in `skipped`) unless
 *   `includeExceptionRoute` is set. When one PO number appears more than once, only its latest
 *   version (by `purchaseOrderChangedDate ?? purchaseOrderDate`) is allocated; the others are skipped.
 *
 * Runs in O(lines x log lines) (the sort); every lookup is a Map.
 */
import type { MappedLine, MappedPurchaseOrder, RejectionReason } from './caseMapping';
import type { QuantityUnit } from './purchaseOrder';

/** Available eaches per platform SKU: whole numbers of 0 or more. */
export type StockLevels = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

export interface AllocationOptions {
	/** Backorder what cannot be accepted, on lines whose isBackOrderAllowed is true. Default false. */
	backorder?: boolean;
	/** Also allocate POs whose mapping route is `exceptions`. Default false. */
	includeExceptionRoute?: boolean;
}

export interface LineAllocation {
	/** Position in the PO's items (allocations are listed in this order). */
	index: number;
	itemSequenceNumber: string;
	/** Platform SKU; absent for an unmapped line. */
	sku?: string;
	unitOfMeasure: QuantityUnit;
	/** Eaches per Amazon unit (the case size for Cases, 1 for Eaches). */
	unitSize: number;
	/** Amazon units (cases or eaches). accepted + backordered + rejected = ordered. */
	ordered: number;
	accepted: number;
	backordered: number;
	rejected: number;
	/** The same in eaches (units x unitSize). */
	orderedEaches: number;
	acceptedEaches: number;
	backorderedEaches: number;
	rejectedEaches: number;
	/** Set when rejected > 0. */
	rejectionReason?: RejectionReason;
}

/** Eaches per SKU: what the platform's sales order must contain (accepted) and what is promised later (backordered). */
export interface SkuTotal {
	sku: string;
	acceptedEaches: number;
	backorderedEaches: number;
}

export interface PurchaseOrderAllocation {
	purchaseOrderNumber: string;
	/** 0-based position of this PO in the input list. */
	inputIndex: number;
	/** One per PO item, in item order. */
	lines: LineAllocation[];
	/** Per SKU, in the order the SKUs were first allocated. */
	skus: SkuTotal[];
	/** Every line accepted in full. */
	fullyAccepted: boolean;
	/** Nothing accepted on any line. */
	nothingAccepted: boolean;
}

export interface SkippedPurchaseOrder {
	purchaseOrderNumber: string;
	inputIndex: number;
	reason: string;
}

export interface AllocationResult {
	/** Allocated POs, in allocation order (oldest first). */
	orders: PurchaseOrderAllocation[];
	skipped: SkippedPurchaseOrder[];
	/** Per SKU over all POs of the call. */
	totals: SkuTotal[];
	/** Eaches left per SKU of the stock given (SKUs absent from the stock are not added). */
	remainingStock: Record<string, number>;
	warnings: string[];
}

export class AllocationInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AllocationInputError';
	}
}

// ---------------------------------------------------------------------------------------------
// Stock

function shown(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (value === null || value === undefined) return String(value);
	if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
	return String(value);
}

export interface ParsedStock {
	stock: Record<string, number>;
	warnings: string[];
}

/**
 * Reads `{sku, available}` rows (from the platform's own nodes). Rows of the same SKU are added up
 * (one row per location). `available` may be a number or a numeric string; a negative figure
 * (oversold) counts as 0 and a fractional one is rounded down, each with a warning. A row without a
 * SKU or with a non-numeric figure is an error naming the row.
 */
export function parseStockRows(rows: readonly unknown[]): ParsedStock {
	if (!Array.isArray(rows))
		throw new AllocationInputError(
			`Stock must be a list of {sku, available} rows (got ${shown(rows)})`,
		);
	const totals = new Map<string, number>();
	const warnings: string[] = [];
	rows.forEach((row, i) => {
		if (row === null || typeof row !== 'object' || Array.isArray(row)) {
			throw new AllocationInputError(
				`Stock rows[${i}] must be an object with sku and available (got ${shown(row)})`,
			);
		}
		const r = row as Record<string, unknown>;
		const sku =
			typeof r.sku === 'number' && Number.isSafeInteger(r.sku)
				? String(r.sku)
				: typeof r.sku === 'string'
					? r.sku.trim()
					: '';
		if (sku === '')
			throw new AllocationInputError(`Stock rows[${i}].sku is required (got ${shown(r.sku)})`);
		const raw = r.available;
		const n =
			typeof raw === 'number'
				? raw
				: typeof raw === 'string' && raw.trim() !== ''
					? Number(raw.trim())
					: Number.NaN;
		if (!Number.isFinite(n))
			throw new AllocationInputError(
				`Stock rows[${i}].available must be a number (got ${shown(raw)})`,
			);
		let eaches = n;
		if (eaches < 0) {
			warnings.push(`Stock rows[${i}]: ${n} available for SKU ${JSON.stringify(sku)} read as 0`);
			eaches = 0;
		} else if (!Number.isInteger(eaches)) {
			eaches = Math.floor(eaches);
			warnings.push(
				`Stock rows[${i}]: ${n} available for SKU ${JSON.stringify(sku)} rounded down to ${eaches}`,
			);
		}
		totals.set(sku, (totals.get(sku) ?? 0) + eaches);
	});
	return { stock: Object.fromEntries(totals), warnings };
}

function checkStock(sku: string, available: unknown): void {
	if (typeof available !== 'number' || !Number.isSafeInteger(available) || available < 0) {
		throw new AllocationInputError(
			`Stock for SKU ${JSON.stringify(sku)} must be a whole number of eaches, 0 or more (got ${shown(available)}); read rows with parseStockRows`,
		);
	}
}

/** Checks every figure; the remaining stock starts as a copy of the input. */
function stockMap(stock: StockLevels): Map<string, number> {
	if (stock instanceof Map) {
		for (const [sku, available] of stock) checkStock(sku, available);
		return new Map(stock);
	}
	if (stock === null || typeof stock !== 'object' || Array.isArray(stock))
		throw new AllocationInputError(
			`Stock must be an object of eaches per SKU (got ${shown(stock)})`,
		);
	const out = new Map<string, number>();
	const record = stock as Record<string, number>;
	for (const sku of Object.keys(record)) {
		const available = record[sku];
		checkStock(sku, available);
		out.set(sku, available);
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Ordering

function time(value: string | undefined): number {
	if (value === undefined) return Number.POSITIVE_INFINITY;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

interface PoKey {
	mapped: MappedPurchaseOrder;
	inputIndex: number;
	created: number;
	windowStart: number;
	number: string;
}

function comparePos(a: PoKey, b: PoKey): number {
	if (a.created !== b.created) return a.created < b.created ? -1 : 1;
	if (a.windowStart !== b.windowStart) return a.windowStart < b.windowStart ? -1 : 1;
	if (a.number !== b.number) return a.number < b.number ? -1 : 1;
	return a.inputIndex - b.inputIndex;
}

const DIGITS = /^\d+$/;

/** Line order within a PO: numeric sequence numbers by value, others after them as text, then position. */
function lineOrder(lines: readonly MappedLine[]): number[] {
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

function version(po: MappedPurchaseOrder): number {
	const p = po.purchaseOrder;
	return time(p.purchaseOrderChangedDate ?? p.purchaseOrderDate);
}

// ---------------------------------------------------------------------------------------------
// Allocation

function addTotal(
	map: Map<string, SkuTotal>,
	sku: string,
	accepted: number,
	backordered: number,
): void {
	let total = map.get(sku);
	if (total === undefined) {
		total = { sku, acceptedEaches: 0, backorderedEaches: 0 };
		map.set(sku, total);
	}
	total.acceptedEaches += accepted;
	total.backorderedEaches += backordered;
}

/**
 * Allocates `stock` (eaches per SKU) to the lines of `pos` (see the module notes for the rules).
 * The stock given is not modified; `remainingStock` holds what is left.
 */
export function allocate(
	pos: readonly MappedPurchaseOrder[],
	stock: StockLevels,
	options: AllocationOptions = {},
): AllocationResult {
	if (!Array.isArray(pos)) throw new AllocationInputError('Purchase orders must be a list');
	const allowBackorder = options.backorder === true;
	const remaining = stockMap(stock);
	const warnings: string[] = [];
	const skipped: SkippedPurchaseOrder[] = [];

	// Latest version per PO number.
	const latest = new Map<string, number>();
	pos.forEach((mapped, i) => {
		const number = mapped.purchaseOrder.purchaseOrderNumber;
		const seen = latest.get(number);
		if (seen === undefined || version(mapped) >= version(pos[seen])) latest.set(number, i);
	});

	const keys: PoKey[] = [];
	pos.forEach((mapped, inputIndex) => {
		const po = mapped.purchaseOrder;
		if (latest.get(po.purchaseOrderNumber) !== inputIndex) {
			skipped.push({
				purchaseOrderNumber: po.purchaseOrderNumber,
				inputIndex,
				reason: `a later version of PO ${po.purchaseOrderNumber} is in the same input (input ${latest.get(po.purchaseOrderNumber)})`,
			});
			return;
		}
		if (mapped.route === 'exceptions' && options.includeExceptionRoute !== true) {
			skipped.push({
				purchaseOrderNumber: po.purchaseOrderNumber,
				inputIndex,
				reason: `PO ${po.purchaseOrderNumber} has mapping exceptions (${mapped.exceptions.length}); resolve them or map it with partial POs continuing`,
			});
			return;
		}
		if (mapped.lines.length !== po.items.length) {
			throw new AllocationInputError(
				`PO ${po.purchaseOrderNumber}: ${mapped.lines.length} mapped lines for ${po.items.length} items`,
			);
		}
		keys.push({
			mapped,
			inputIndex,
			created: time(po.purchaseOrderDate),
			windowStart: time(po.shipWindow?.start ?? po.deliveryWindow?.start),
			number: po.purchaseOrderNumber,
		});
	});
	keys.sort(comparePos);

	const grandTotals = new Map<string, SkuTotal>();
	const missingSkus = new Set<string>();
	const orders: PurchaseOrderAllocation[] = [];

	for (const key of keys) {
		const { mapped } = key;
		const lines: LineAllocation[] = new Array(mapped.lines.length);
		const poTotals = new Map<string, SkuTotal>();
		let fullyAccepted = true;
		let nothingAccepted = true;

		for (const i of lineOrder(mapped.lines)) {
			const line = mapped.lines[i];
			const unitSize = line.unitSize;
			const ordered = line.orderedAmount;
			let accepted = 0;
			let backordered = 0;
			let rejected = 0;
			let reason: RejectionReason | undefined;

			if (line.status === 'reject') {
				rejected = ordered;
				reason = line.rejectionReason ?? 'TemporarilyUnavailable';
			} else if (ordered > 0) {
				if (!Number.isSafeInteger(unitSize) || unitSize < 1 || typeof line.sku !== 'string') {
					throw new AllocationInputError(
						`PO ${mapped.purchaseOrder.purchaseOrderNumber} line ${line.itemSequenceNumber}: a mapped line needs a SKU and a unitSize of 1 or more (got ${shown(line.sku)}, ${shown(unitSize)})`,
					);
				}
				const sku = line.sku;
				let available = remaining.get(sku);
				if (available === undefined) {
					if (!missingSkus.has(sku)) {
						missingSkus.add(sku);
						warnings.push(`No stock figure for SKU ${JSON.stringify(sku)}: read as 0 available`);
					}
					available = 0;
				}
				accepted = Math.min(ordered, Math.floor(available / unitSize));
				if (accepted > 0) remaining.set(sku, available - accepted * unitSize);
				const rest = ordered - accepted;
				if (rest > 0) {
					if (allowBackorder && line.isBackOrderAllowed) backordered = rest;
					else {
						rejected = rest;
						reason = 'TemporarilyUnavailable';
					}
				}
			}

			const allocation: LineAllocation = {
				index: i,
				itemSequenceNumber: line.itemSequenceNumber,
				unitOfMeasure: line.unitOfMeasure,
				unitSize,
				ordered,
				accepted,
				backordered,
				rejected,
				orderedEaches: ordered * unitSize,
				acceptedEaches: accepted * unitSize,
				backorderedEaches: backordered * unitSize,
				rejectedEaches: rejected * unitSize,
			};
			if (line.sku !== undefined) allocation.sku = line.sku;
			if (reason !== undefined && rejected > 0) allocation.rejectionReason = reason;
			lines[i] = allocation;

			if (accepted < ordered) fullyAccepted = false;
			if (accepted > 0) nothingAccepted = false;
			if (line.sku !== undefined && (accepted > 0 || backordered > 0)) {
				addTotal(poTotals, line.sku, allocation.acceptedEaches, allocation.backorderedEaches);
				addTotal(grandTotals, line.sku, allocation.acceptedEaches, allocation.backorderedEaches);
			}
		}

		orders.push({
			purchaseOrderNumber: mapped.purchaseOrder.purchaseOrderNumber,
			inputIndex: key.inputIndex,
			lines,
			skus: [...poTotals.values()],
			fullyAccepted,
			nothingAccepted,
		});
	}

	// fromEntries defines own properties, so a SKU such as "__proto__" is kept as data.
	const remainingStock: Record<string, number> = Object.fromEntries(remaining);
	return { orders, skipped, totals: [...grandTotals.values()], remainingStock, warnings };
}
