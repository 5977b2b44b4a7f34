/**
 * The new acknowledgement figures of each PO line (see the rules in index.ts): per line of the new
 * version, Accepted, Backordered and Rejected units, and the eaches it puts on the platform order.
 * Pure: no n8n imports.
 */
import type { LineAllocation } from '../allocation';
import type {
	MappedLine,
	MappedPurchaseOrder,
	MappingIssue,
	RejectionReason,
} from '../caseMapping';
import type { CanonicalOrderItem, CanonicalPurchaseOrder } from '../purchaseOrder';
import { sameSequence, unitSizeOf, type LineChange, type PurchaseOrderDiff } from './diff';
import type { AckState } from './lineStates';
import type { LinePlan } from './plan';

/** What every line step reads. */
export interface LinePlanContext {
	previous: CanonicalPurchaseOrder;
	previousMapped: MappedPurchaseOrder;
	currentMapped: MappedPurchaseOrder;
	before: ReadonlyMap<number, AckState>;
	changeByCurrent: ReadonlyMap<number, LineChange>;
	increases: 'accept' | 'reject';
	/** The eaches a line puts on the platform order (accepted, plus backordered by option). */
	platformEachesOf: (accepted: number, backordered: number, size: number) => number;
	warnings: string[];
}

interface Quantities {
	accepted: number;
	backordered: number;
	rejected: number;
	rejectionReason?: RejectionReason;
}

/** One current line with what it was. */
interface LineFacts {
	item: CanonicalOrderItem;
	mapped: MappedLine;
	kind: LinePlan['change'];
	size: number;
	ordered: number;
	prevItem?: CanonicalOrderItem;
	prevState?: AckState;
	prevSize: number;
}

function factsOf(ctx: LinePlanContext, item: CanonicalOrderItem, i: number): LineFacts {
	const change = ctx.changeByCurrent.get(i);
	const size = unitSizeOf(item);
	const prevIndex = change
		? change.previousIndex
		: ctx.previous.items.findIndex((p) =>
				sameSequence(p.itemSequenceNumber, item.itemSequenceNumber),
			);
	const found = prevIndex !== undefined && prevIndex >= 0;
	const prevItem = found ? ctx.previous.items[prevIndex] : undefined;
	const kind: LinePlan['change'] =
		change === undefined
			? 'unchanged'
			: change.kinds.includes('added') || change.kinds.includes('productChanged')
				? 'added'
				: 'changed';
	return {
		item,
		mapped: ctx.currentMapped.lines[i],
		kind,
		size,
		ordered: item.orderedQuantity.amount,
		prevItem,
		prevState: found ? ctx.before.get(prevIndex) : undefined,
		prevSize: prevItem ? unitSizeOf(prevItem) : size,
	};
}

/**
 * A changed line: rejected units stay rejected (Amazon refuses Rejected -> Accepted), a line
 * rejected in full stays rejected; units Amazon takes away come off the backorder first.
 */
function changedLineQuantities(ctx: LinePlanContext, facts: LineFacts, prevState: AckState) {
	const { item, ordered } = facts;
	const prevTaken = prevState.accepted + prevState.backordered;
	const prevOrdered = facts.prevItem ? facts.prevItem.orderedQuantity.amount : 0;
	let taken: number;
	if (prevTaken === 0 && prevOrdered > 0)
		taken = 0; // rejected in full: stays rejected
	else if (ctx.increases === 'accept')
		taken = Math.max(0, ordered - Math.min(prevState.rejected, ordered));
	else taken = Math.min(prevTaken, ordered);
	// Amounts are per unit of the line; a change of case size is read in the new unit.
	if (facts.prevSize !== facts.size) taken = Math.min(taken, ordered);
	// Units Amazon takes away come off the backorder first (they are not in stock); units it
	// adds are accepted. The backorder never grows.
	let backordered = Math.min(prevState.backordered, Math.max(0, taken - prevState.accepted));
	if (backordered > 0 && !item.isBackOrderAllowed) {
		ctx.warnings.push(
			`Line ${item.itemSequenceNumber}: ${backordered} backordered units, but Amazon no longer ` +
				'allows a backorder on the line: they are rejected',
		);
		taken -= backordered;
		backordered = 0;
	}
	return { accepted: taken - backordered, backordered };
}

function decideQuantities(ctx: LinePlanContext, facts: LineFacts): Quantities {
	const { mapped, kind, ordered, prevState } = facts;
	let accepted: number;
	let backordered: number;
	let rejectionReason: RejectionReason | undefined = prevState?.reason;
	if (kind === 'unchanged' && prevState !== undefined) {
		accepted = prevState.accepted;
		backordered = prevState.backordered;
	} else if (mapped.status !== 'mapped') {
		accepted = 0;
		backordered = 0;
		rejectionReason = mapped.rejectionReason ?? 'TemporarilyUnavailable';
	} else if (kind === 'added' || prevState === undefined) {
		accepted = ctx.increases === 'accept' ? ordered : 0;
		backordered = 0;
		if (ctx.increases === 'reject') rejectionReason = 'TemporarilyUnavailable';
	} else {
		({ accepted, backordered } = changedLineQuantities(ctx, facts, prevState));
	}
	let rejected = ordered - accepted - backordered;
	if (rejected < 0) {
		// A line unchanged on Amazon's side but acknowledged above its quantity: cap it.
		accepted = Math.max(0, ordered - backordered);
		rejected = ordered - accepted - backordered;
	}
	if (rejected > 0 && rejectionReason === undefined) rejectionReason = 'TemporarilyUnavailable';
	return { accepted, backordered, rejected, rejectionReason };
}

function linePlanOf(ctx: LinePlanContext, facts: LineFacts, q: Quantities, index: number) {
	const { item, kind, prevItem, prevState } = facts;
	const added = kind === 'added';
	const plan: LinePlan = {
		index,
		itemSequenceNumber: item.itemSequenceNumber,
		change: kind,
		unitOfMeasure: item.orderedQuantity.unitOfMeasure,
		unitSize: facts.size,
		ordered: facts.ordered,
		previous: {
			ordered: added || !prevItem ? 0 : prevItem.orderedQuantity.amount,
			accepted: added ? 0 : (prevState?.accepted ?? 0),
			backordered: added ? 0 : (prevState?.backordered ?? 0),
			rejected: added ? 0 : (prevState?.rejected ?? 0),
			platformEaches:
				added || !prevState
					? 0
					: ctx.platformEachesOf(prevState.accepted, prevState.backordered, facts.prevSize),
		},
		accepted: q.accepted,
		backordered: q.backordered,
		rejected: q.rejected,
		platformEaches: ctx.platformEachesOf(q.accepted, q.backordered, facts.size),
	};
	if (facts.mapped.sku !== undefined) plan.sku = facts.mapped.sku;
	if (q.rejected > 0 && q.rejectionReason !== undefined) plan.rejectionReason = q.rejectionReason;
	return plan;
}

function allocationOf(facts: LineFacts, q: Quantities, index: number): LineAllocation {
	const { item, size, ordered } = facts;
	const alloc: LineAllocation = {
		index,
		itemSequenceNumber: item.itemSequenceNumber,
		unitOfMeasure: item.orderedQuantity.unitOfMeasure,
		unitSize: size,
		ordered,
		accepted: q.accepted,
		backordered: q.backordered,
		rejected: q.rejected,
		orderedEaches: ordered * size,
		acceptedEaches: q.accepted * size,
		backorderedEaches: q.backordered * size,
		rejectedEaches: q.rejected * size,
	};
	if (facts.mapped.sku !== undefined) alloc.sku = facts.mapped.sku;
	// A line cancelled to 0 is echoed with a Rejected loop of 0: keep its known reason.
	if (q.rejected > 0 || (ordered === 0 && q.rejectionReason !== undefined))
		alloc.rejectionReason = q.rejectionReason ?? 'TemporarilyUnavailable';
	return alloc;
}

export interface CurrentLinesPlan {
	lines: LinePlan[];
	allocationLines: LineAllocation[];
	/** Mapping exceptions of changed or added lines that still carry units. */
	mappingExceptions: MappingIssue[];
}

/** The plan and the allocation of every line of the new version, in its order. */
export function planCurrentLines(
	ctx: LinePlanContext,
	current: CanonicalPurchaseOrder,
): CurrentLinesPlan {
	const out: CurrentLinesPlan = { lines: [], allocationLines: [], mappingExceptions: [] };
	current.items.forEach((item, i) => {
		const facts = factsOf(ctx, item, i);
		// A line cancelled to 0 needs no mapping: only lines that still carry units can block.
		if (ctx.changeByCurrent.has(i) && facts.ordered > 0)
			out.mappingExceptions.push(...facts.mapped.exceptions);
		const quantities = decideQuantities(ctx, facts);
		out.lines.push(linePlanOf(ctx, facts, quantities, i));
		out.allocationLines.push(allocationOf(facts, quantities, i));
	});
	return out;
}

/** A product change also removes the old product's eaches: each is accounted as a removed line. */
export function planRemovedLines(ctx: LinePlanContext, diff: PurchaseOrderDiff): LinePlan[] {
	const out: LinePlan[] = [];
	for (const change of diff.lines) {
		const removedOld = change.kinds.includes('removed') || change.kinds.includes('productChanged');
		if (!removedOld || change.previousIndex === undefined) continue;
		const prevItem = ctx.previous.items[change.previousIndex];
		const prevState = ctx.before.get(change.previousIndex);
		const prevSize = unitSizeOf(prevItem);
		const plan: LinePlan = {
			itemSequenceNumber: prevItem.itemSequenceNumber,
			change: 'removed',
			unitOfMeasure: prevItem.orderedQuantity.unitOfMeasure,
			unitSize: prevSize,
			ordered: 0,
			previous: {
				ordered: prevItem.orderedQuantity.amount,
				accepted: prevState?.accepted ?? 0,
				backordered: prevState?.backordered ?? 0,
				rejected: prevState?.rejected ?? 0,
				platformEaches: prevState
					? ctx.platformEachesOf(prevState.accepted, prevState.backordered, prevSize)
					: 0,
			},
			accepted: 0,
			backordered: 0,
			rejected: 0,
			platformEaches: 0,
		};
		const sku = ctx.previousMapped.lines[change.previousIndex]?.sku;
		if (sku !== undefined) plan.sku = sku;
		out.push(plan);
	}
	return out;
}
