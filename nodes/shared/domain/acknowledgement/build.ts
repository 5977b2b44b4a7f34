/**
 * Builds the OrderAcknowledgement of a mapped and allocated purchase order (see index.ts for what
 * it guarantees): a short chain of steps, each a function below. Pure: no n8n imports.
 */
import type {
	ItemQuantity,
	Money,
	OrderAcknowledgement,
	OrderAcknowledgementItem,
	OrderItemAcknowledgement,
} from '../../generated/vendorOrders';
import type { AllocationResult, LineAllocation, PurchaseOrderAllocation } from '../allocation';
import type { MappedPurchaseOrder } from '../caseMapping';
import { compare, isNegative, isZero, parseDecimal, toDecimalString } from '../money';
import type { CanonicalOrderItem, CanonicalPurchaseOrder } from '../purchaseOrder';
import { isObject, shown } from '../values';
import { clockTime, isoMs, optionDate, plusDays, windowDate, type Clock } from './dates';
import { AcknowledgementBuildError, AcknowledgementOptionsError } from './errors';
import { checkBuildArguments } from './input';

export interface AcknowledgementOptions {
	/** The acknowledgement date (an injected clock: a date, an ISO string, epoch ms or a function). */
	now: Clock;
	/** Overrides the ship window start on Accepted loops (ISO 8601 date-time or date). */
	scheduledShipDate?: string;
	/** Overrides the delivery window start on Accepted loops. */
	scheduledDeliveryDate?: string;
	/** Ship date of Backordered loops. Default: the Accepted ship date + backorderDelayDays. */
	backorderShipDate?: string;
	/** Delivery date of Backordered loops. Default: the Accepted delivery date + backorderDelayDays. */
	backorderDeliveryDate?: string;
	/** Days added to the Accepted dates for Backordered loops. Default 7. */
	backorderDelayDays?: number;
	/** `purchaseOrder` (default): the PO's net cost; `agreedCost`: the mapping's cost when lower. */
	netCost?: 'purchaseOrder' | 'agreedCost';
	/** Vendor code to use when the PO has no sellingParty. */
	sellingPartyId?: string;
}

export interface AcknowledgementBuild {
	acknowledgement: OrderAcknowledgement;
	/** What the builder had to decide (missing window, agreed cost above the PO's...). */
	warnings: string[];
}

type CostMode = 'purchaseOrder' | 'agreedCost';

interface LoopDates {
	scheduledShipDate?: string;
	scheduledDeliveryDate?: string;
}

/** What every line of one build shares. */
interface BuildContext {
	poNumber: string;
	costMode: CostMode;
	accepted: LoopDates;
	backordered: LoopDates;
	warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Steps before the lines

function checkAllocationFits(
	po: CanonicalPurchaseOrder,
	allocation: PurchaseOrderAllocation,
): void {
	const poNumber = po.purchaseOrderNumber;
	if (allocation.purchaseOrderNumber !== poNumber) {
		throw new AcknowledgementBuildError(
			poNumber,
			`the allocation is for PO ${allocation.purchaseOrderNumber}`,
			'allocation.purchaseOrderNumber',
		);
	}
	if (allocation.lines.length !== po.items.length) {
		throw new AcknowledgementBuildError(
			poNumber,
			`the allocation has ${allocation.lines.length} lines for ${po.items.length} PO items`,
			'allocation.lines',
		);
	}
}

function sellingPartyOf(po: CanonicalPurchaseOrder, options: AcknowledgementOptions): string {
	const partyId = po.sellingParty?.partyId ?? options.sellingPartyId?.trim();
	if (!partyId)
		throw new AcknowledgementBuildError(
			po.purchaseOrderNumber,
			'the PO has no sellingParty and no vendor code (sellingPartyId) was given',
			'options.sellingPartyId',
		);
	return partyId;
}

/** The dates of Accepted loops (options, else the windows) and of Backordered loops. */
function loopDates(
	po: CanonicalPurchaseOrder,
	options: AcknowledgementOptions,
	delay: number,
	warnings: string[],
): { accepted: LoopDates; backordered: LoopDates } {
	const accepted: LoopDates = {
		scheduledShipDate:
			optionDate(options.scheduledShipDate, 'scheduledShipDate') ??
			windowDate(po.shipWindow?.start, 'shipWindow', warnings),
		scheduledDeliveryDate:
			optionDate(options.scheduledDeliveryDate, 'scheduledDeliveryDate') ??
			windowDate(po.deliveryWindow?.start, 'deliveryWindow', warnings),
	};
	const backordered: LoopDates = {
		scheduledShipDate:
			optionDate(options.backorderShipDate, 'backorderShipDate') ??
			plusDays(accepted.scheduledShipDate, delay),
		scheduledDeliveryDate:
			optionDate(options.backorderDeliveryDate, 'backorderDeliveryDate') ??
			plusDays(accepted.scheduledDeliveryDate, delay),
	};
	return { accepted, backordered };
}

// ---------------------------------------------------------------------------------------------
// One line

function checkCount(poNumber: string, item: CanonicalOrderItem, name: string, n: unknown): void {
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
		throw new AcknowledgementBuildError(
			poNumber,
			`line ${item.itemSequenceNumber}: ${name} must be a whole number of 0 or more (got ${shown(n)})`,
			`allocation.lines.${name}`,
		);
}

function checkLine(
	poNumber: string,
	item: CanonicalOrderItem,
	line: LineAllocation | undefined,
	i: number,
): LineAllocation {
	const seq = JSON.stringify(item.itemSequenceNumber);
	if (line === undefined || line.index !== i)
		throw new AcknowledgementBuildError(
			poNumber,
			`the allocation has no line for item ${i} (itemSequenceNumber ${seq})`,
			`allocation.lines[${i}]`,
		);
	if (line.itemSequenceNumber !== item.itemSequenceNumber) {
		throw new AcknowledgementBuildError(
			poNumber,
			`allocation line ${i} is for itemSequenceNumber ${JSON.stringify(line.itemSequenceNumber)}, ` +
				`the PO item is ${seq}`,
			`allocation.lines[${i}].itemSequenceNumber`,
		);
	}
	checkCount(poNumber, item, 'accepted', line.accepted);
	checkCount(poNumber, item, 'backordered', line.backordered);
	checkCount(poNumber, item, 'rejected', line.rejected);
	const ordered = item.orderedQuantity.amount;
	if (line.accepted + line.backordered + line.rejected !== ordered) {
		throw new AcknowledgementBuildError(
			poNumber,
			`line ${item.itemSequenceNumber}: accepted ${line.accepted} + backordered ${line.backordered} + ` +
				`rejected ${line.rejected} must equal the ${ordered} ordered`,
			`allocation.lines[${i}]`,
		);
	}
	if (line.backordered > 0 && !item.isBackOrderAllowed) {
		throw new AcknowledgementBuildError(
			poNumber,
			`line ${item.itemSequenceNumber}: Amazon does not allow a backorder on this line ` +
				'(isBackOrderAllowed is false)',
			`allocation.lines[${i}].backordered`,
		);
	}
	return line;
}

function withDates(loop: OrderItemAcknowledgement, dates: LoopDates): OrderItemAcknowledgement {
	if (dates.scheduledShipDate !== undefined) loop.scheduledShipDate = dates.scheduledShipDate;
	if (dates.scheduledDeliveryDate !== undefined)
		loop.scheduledDeliveryDate = dates.scheduledDeliveryDate;
	return loop;
}

/** One loop per outcome, in the PO's unit: Accepted, Backordered, Rejected (none of 0). */
function loopsOf(
	item: CanonicalOrderItem,
	line: LineAllocation,
	ctx: BuildContext,
): OrderItemAcknowledgement[] {
	const { unitOfMeasure, unitSize } = item.orderedQuantity;
	const quantity = (amount: number): ItemQuantity => ({ amount, unitOfMeasure, unitSize });
	const loops: OrderItemAcknowledgement[] = [];
	if (line.accepted > 0) {
		const loop: OrderItemAcknowledgement = {
			acknowledgementCode: 'Accepted',
			acknowledgedQuantity: quantity(line.accepted),
		};
		loops.push(withDates(loop, ctx.accepted));
	}
	if (line.backordered > 0) {
		const loop: OrderItemAcknowledgement = {
			acknowledgementCode: 'Backordered',
			acknowledgedQuantity: quantity(line.backordered),
		};
		loops.push(withDates(loop, ctx.backordered));
	}
	if (line.rejected > 0) {
		loops.push({
			acknowledgementCode: 'Rejected',
			acknowledgedQuantity: quantity(line.rejected),
			rejectionReason: line.rejectionReason ?? 'TemporarilyUnavailable',
		});
	}
	return loops;
}

function moneyOf(
	m: { currencyCode: string; amount: string; unitOfMeasure?: Money['unitOfMeasure'] },
	amount = m.amount,
): Money {
	const out: Money = { currencyCode: m.currencyCode, amount };
	if (m.unitOfMeasure !== undefined) out.unitOfMeasure = m.unitOfMeasure;
	return out;
}

function netCostFor(
	item: CanonicalOrderItem,
	agreed: string | undefined,
	ctx: BuildContext,
): Money | undefined {
	const poCost = item.netCost;
	const label = `line ${item.itemSequenceNumber}`;
	if (poCost === undefined) {
		ctx.warnings.push(`${label}: the PO has no net cost; acknowledged without one`);
		return undefined;
	}
	const poAmount = parseDecimal(poCost.amount);
	if (isZero(poAmount) || isNegative(poAmount))
		ctx.warnings.push(
			`${label}: the PO's net cost ${poCost.amount} ${poCost.currencyCode} is not above 0; ` +
				'Amazon expects a positive net cost',
		);
	if (ctx.costMode === 'purchaseOrder' || agreed === undefined) return moneyOf(poCost);
	const agreedCost = parseDecimal(agreed);
	if (compare(agreedCost, poAmount) <= 0) {
		if (isZero(agreedCost) && !isZero(poAmount))
			ctx.warnings.push(`${label}: the agreed cost is 0; Amazon expects a positive net cost`);
		return moneyOf(poCost, toDecimalString(agreedCost));
	}
	ctx.warnings.push(
		`${label}: the agreed cost ${agreed} is above the PO's ${poCost.amount} ${poCost.currencyCode}; ` +
			"the PO's cost is used (it may not be exceeded)",
	);
	return moneyOf(poCost);
}

function acknowledgementItem(
	item: CanonicalOrderItem,
	loops: OrderItemAcknowledgement[],
	agreedCost: string | undefined,
	ctx: BuildContext,
): OrderAcknowledgementItem {
	const out = { itemSequenceNumber: item.itemSequenceNumber } as OrderAcknowledgementItem;
	if (item.amazonProductIdentifier !== undefined)
		out.amazonProductIdentifier = item.amazonProductIdentifier;
	if (item.vendorProductIdentifier !== undefined)
		out.vendorProductIdentifier = item.vendorProductIdentifier;
	const q = item.orderedQuantity;
	out.orderedQuantity = { amount: q.amount, unitOfMeasure: q.unitOfMeasure, unitSize: q.unitSize };
	const cost = netCostFor(item, agreedCost, ctx);
	if (cost !== undefined) out.netCost = cost;
	if (item.listPrice !== undefined) out.listPrice = moneyOf(item.listPrice);
	out.itemAcknowledgements = loops;
	return out;
}

// ---------------------------------------------------------------------------------------------
// Steps after the lines

function cancelledWarning(poNumber: string, cancelled: string[], warnings: string[]): void {
	if (cancelled.length) {
		warnings.push(
			`line${cancelled.length === 1 ? '' : 's'} ${cancelled.join(', ')} cancelled by Amazon (quantity 0): ` +
				'left out of the acknowledgement',
		);
	}
}

function dateWarnings(items: OrderAcknowledgementItem[], ctx: BuildContext): void {
	const codes = new Set(
		items.flatMap((i) => i.itemAcknowledgements.map((l) => l.acknowledgementCode)),
	);
	const { accepted, backordered, warnings } = ctx;
	const anyBackordered = codes.has('Backordered');
	if (
		codes.has('Accepted') &&
		accepted.scheduledShipDate === undefined &&
		accepted.scheduledDeliveryDate === undefined
	) {
		warnings.push(
			'the PO has no ship or delivery window and no scheduled date option was given: ' +
				'Accepted lines carry no date',
		);
	}
	if (
		anyBackordered &&
		backordered.scheduledShipDate === undefined &&
		backordered.scheduledDeliveryDate === undefined
	) {
		warnings.push(
			'no date for the Backordered lines: give backorderShipDate or backorderDeliveryDate',
		);
	}
	for (const [name, a, b] of [
		['ship', accepted.scheduledShipDate, backordered.scheduledShipDate],
		['delivery', accepted.scheduledDeliveryDate, backordered.scheduledDeliveryDate],
	] as const) {
		if (anyBackordered && a !== undefined && b !== undefined && Date.parse(b) <= Date.parse(a))
			warnings.push(
				`the backorder ${name} date ${b} is not later than the accepted ${name} date ${a}`,
			);
	}
}

/** Builds one OrderAcknowledgement for a mapped PO and its allocation (see the module notes). */
export function buildAcknowledgement(
	mapped: MappedPurchaseOrder,
	allocation: PurchaseOrderAllocation,
	options: AcknowledgementOptions,
): AcknowledgementBuild {
	const { po, delay, costMode } = checkBuildArguments(mapped, allocation, options);
	const poNumber = po.purchaseOrderNumber;
	checkAllocationFits(po, allocation);
	const warnings: string[] = [];
	const partyId = sellingPartyOf(po, options);
	const ctx: BuildContext = {
		poNumber,
		costMode,
		warnings,
		...loopDates(po, options, delay, warnings),
	};
	const acknowledgementDate = isoMs(clockTime(options.now));

	const items: OrderAcknowledgementItem[] = [];
	const cancelled: string[] = [];
	po.items.forEach((item, i) => {
		const line = checkLine(poNumber, item, allocation.lines[i], i);
		if (item.orderedQuantity.amount === 0) cancelled.push(item.itemSequenceNumber);
		else
			items.push(
				acknowledgementItem(item, loopsOf(item, line, ctx), mapped.lines[i]?.expectedUnitCost, ctx),
			);
	});
	cancelledWarning(poNumber, cancelled, warnings);
	if (!items.length)
		throw new AcknowledgementBuildError(
			poNumber,
			'Amazon cancelled every line (quantity 0): there is nothing to acknowledge',
			'mapped.purchaseOrder.items',
		);
	dateWarnings(items, ctx);
	return {
		acknowledgement: {
			purchaseOrderNumber: poNumber,
			sellingParty: { partyId },
			acknowledgementDate,
			items,
		},
		warnings,
	};
}

/**
 * Builds every acknowledgement of one allocation run: the allocation's orders matched to `pos` by
 * input position. Returns the builds in allocation order.
 */
export function buildAcknowledgements(
	pos: readonly MappedPurchaseOrder[],
	allocation: AllocationResult,
	options: AcknowledgementOptions,
): AcknowledgementBuild[] {
	if (!Array.isArray(pos))
		throw new AcknowledgementOptionsError(
			`pos must be a list of mapped POs (got ${shown(pos)})`,
			'pos',
		);
	if (!isObject(allocation) || !Array.isArray(allocation.orders))
		throw new AcknowledgementOptionsError(
			`allocation must be an allocation result with orders (got ${shown(allocation)})`,
			'allocation.orders',
		);
	return allocation.orders.map((order) => {
		const index = isObject(order) ? order.inputIndex : undefined;
		const mapped = Number.isSafeInteger(index) ? pos[index as number] : undefined;
		if (mapped === undefined)
			throw new AcknowledgementBuildError(
				String(order?.purchaseOrderNumber),
				`no mapped PO at input ${String(order?.inputIndex)}`,
				'allocation.orders.inputIndex',
			);
		return buildAcknowledgement(mapped, order, options);
	});
}
