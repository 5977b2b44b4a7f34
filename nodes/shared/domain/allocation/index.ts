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
 * Runs in O(lines x log lines) (the sort); every lookup is a Map. Bad input (null, wrong types,
 * stock that is not whole eaches) is an AllocationInputError (an InvalidInputError) naming the field.
 *
 * Files: index.ts (allocate, step by step), stock.ts (stock rows and figures), ordering.ts (which
 * PO and line first, latest versions), input.ts (checks of the mapped POs), errors.ts.
 */
import type { MappedLine, MappedPurchaseOrder, RejectionReason } from '../caseMapping';
import type { QuantityUnit } from '../purchaseOrder';
import { isObject, shown } from '../values';
import { AllocationInputError } from './errors';
import { checkMappedPurchaseOrders } from './input';
import { comparePos, latestVersions, lineOrder, poKey, type PoKey } from './ordering';
import { stockMap, type StockLevels } from './stock';

export { AllocationInputError } from './errors';
export { parseStockRows, type ParsedStock, type StockLevels } from './stock';

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

/**
 * Eaches per SKU: what the platform's sales order must contain (accepted) and what is promised
 * later (backordered).
 */
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

/** What one allocate call shares across its POs. */
interface Run {
	remaining: Map<string, number>;
	allowBackorder: boolean;
	warnings: string[];
	missingSkus: Set<string>;
	grandTotals: Map<string, SkuTotal>;
}

/** The POs to allocate, in allocation order; the others are listed in `skipped`. */
function allocationKeys(
	pos: readonly MappedPurchaseOrder[],
	options: AllocationOptions,
	skipped: SkippedPurchaseOrder[],
): PoKey[] {
	const latest = latestVersions(pos);
	const keys: PoKey[] = [];
	pos.forEach((mapped, inputIndex) => {
		const po = mapped.purchaseOrder;
		const number = po.purchaseOrderNumber;
		if (latest.get(number) !== inputIndex) {
			const reason = `a later version of PO ${number} is in the same input (input ${latest.get(number)})`;
			skipped.push({ purchaseOrderNumber: number, inputIndex, reason });
			return;
		}
		if (mapped.route === 'exceptions' && options.includeExceptionRoute !== true) {
			const reason =
				`PO ${number} has mapping exceptions (${mapped.exceptions.length}); ` +
				'resolve them or map it with partial POs continuing';
			skipped.push({ purchaseOrderNumber: number, inputIndex, reason });
			return;
		}
		if (mapped.lines.length !== po.items.length) {
			throw new AllocationInputError(
				`PO ${number}: ${mapped.lines.length} mapped lines for ${po.items.length} items`,
				`pos[${inputIndex}].lines`,
			);
		}
		keys.push(poKey(mapped, inputIndex));
	});
	return keys.sort(comparePos);
}

/** Whole Amazon units from the SKU's remaining stock; the rest backordered or rejected. */
function takeStock(
	poNumber: string,
	line: MappedLine,
	run: Run,
): Pick<LineAllocation, 'accepted' | 'backordered' | 'rejected' | 'rejectionReason'> {
	const { unitSize, orderedAmount: ordered } = line;
	if (!Number.isSafeInteger(unitSize) || unitSize < 1 || typeof line.sku !== 'string') {
		throw new AllocationInputError(
			`PO ${poNumber} line ${line.itemSequenceNumber}: a mapped line needs a SKU and a unitSize ` +
				`of 1 or more (got ${shown(line.sku)}, ${shown(unitSize)})`,
			'lines.unitSize',
		);
	}
	const sku = line.sku;
	let available = run.remaining.get(sku);
	if (available === undefined) {
		if (!run.missingSkus.has(sku)) {
			run.missingSkus.add(sku);
			run.warnings.push(`No stock figure for SKU ${JSON.stringify(sku)}: read as 0 available`);
		}
		available = 0;
	}
	const accepted = Math.min(ordered, Math.floor(available / unitSize));
	if (accepted > 0) run.remaining.set(sku, available - accepted * unitSize);
	const rest = ordered - accepted;
	if (rest > 0 && run.allowBackorder && line.isBackOrderAllowed)
		return { accepted, backordered: rest, rejected: 0 };
	if (rest > 0)
		return { accepted, backordered: 0, rejected: rest, rejectionReason: 'TemporarilyUnavailable' };
	return { accepted, backordered: 0, rejected: 0 };
}

function allocateLine(poNumber: string, line: MappedLine, i: number, run: Run): LineAllocation {
	const { unitSize, orderedAmount: ordered } = line;
	const split =
		line.status === 'reject'
			? {
					accepted: 0,
					backordered: 0,
					rejected: ordered,
					rejectionReason: line.rejectionReason ?? ('TemporarilyUnavailable' as const),
				}
			: ordered > 0
				? takeStock(poNumber, line, run)
				: { accepted: 0, backordered: 0, rejected: 0 };
	const { accepted, backordered, rejected } = split;
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
	if (split.rejectionReason !== undefined && rejected > 0)
		allocation.rejectionReason = split.rejectionReason;
	return allocation;
}

function allocateOrder(key: PoKey, run: Run): PurchaseOrderAllocation {
	const { mapped } = key;
	const poNumber = mapped.purchaseOrder.purchaseOrderNumber;
	const lines: LineAllocation[] = new Array(mapped.lines.length);
	const poTotals = new Map<string, SkuTotal>();
	let fullyAccepted = true;
	let nothingAccepted = true;
	for (const i of lineOrder(mapped.lines)) {
		const line = mapped.lines[i];
		const allocation = allocateLine(poNumber, line, i, run);
		lines[i] = allocation;
		if (allocation.accepted < allocation.ordered) fullyAccepted = false;
		if (allocation.accepted > 0) nothingAccepted = false;
		if (line.sku !== undefined && (allocation.accepted > 0 || allocation.backordered > 0)) {
			addTotal(poTotals, line.sku, allocation.acceptedEaches, allocation.backorderedEaches);
			addTotal(run.grandTotals, line.sku, allocation.acceptedEaches, allocation.backorderedEaches);
		}
	}
	return {
		purchaseOrderNumber: poNumber,
		inputIndex: key.inputIndex,
		lines,
		skus: [...poTotals.values()],
		fullyAccepted,
		nothingAccepted,
	};
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
	checkMappedPurchaseOrders(pos);
	if (!isObject(options))
		throw new AllocationInputError(`Options must be an object (got ${shown(options)})`, 'options');
	const run: Run = {
		remaining: stockMap(stock),
		allowBackorder: options.backorder === true,
		warnings: [],
		missingSkus: new Set(),
		grandTotals: new Map(),
	};
	const skipped: SkippedPurchaseOrder[] = [];
	const orders = allocationKeys(pos, options, skipped).map((key) => allocateOrder(key, run));
	// fromEntries defines own properties, so a SKU such as "__proto__" is kept as data.
	const remainingStock: Record<string, number> = Object.fromEntries(run.remaining);
	return {
		orders,
		skipped,
		totals: [...run.grandTotals.values()],
		remainingStock,
		warnings: run.warnings,
	};
}
