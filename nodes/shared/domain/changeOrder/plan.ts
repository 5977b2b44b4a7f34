/**
 * The platform-neutral edit plan: per SKU the new quantity in eaches, removals and additions (with
 * the case mapping applied), every line's new acknowledgement figures, and the new order value.
 * Pure: no n8n imports.
 */
import type { OrderAcknowledgement } from '../../generated/vendorOrders';
import type { PurchaseOrderAllocation } from '../allocation';
import {
	mapPurchaseOrder,
	type MapOptions,
	type MappedPurchaseOrder,
	type MappingIndex,
	type MappingIssue,
	type RejectionReason,
} from '../caseMapping';
import type { CanonicalPurchaseOrder, QuantityUnit } from '../purchaseOrder';
import { isObject, shown } from '../values';
import { requireCanonicalVersions, requirePreviousAcknowledgement } from './canonical';
import type { HeaderChange, LineChange, PurchaseOrderDiff } from './diff';
import { ChangeOrderInputError } from './errors';
import { previousStates } from './lineStates';
import { orderValueOf } from './orderValue';
import { planCurrentLines, planRemovedLines, type LinePlanContext } from './planLines';
import { planSkus, platformEdits } from './planSkus';
import { requirePlatformOrder, type PlatformOrder } from './platformOrder';

export interface LinePlan {
	/** Position in the current PO's items; absent for a removed line. */
	index?: number;
	itemSequenceNumber: string;
	change: 'unchanged' | 'changed' | 'added' | 'removed';
	sku?: string;
	unitOfMeasure: QuantityUnit;
	unitSize: number;
	/** New ordered quantity (Amazon units); 0 for a removed line. */
	ordered: number;
	previous: {
		ordered: number;
		accepted: number;
		backordered: number;
		rejected: number;
		platformEaches: number;
	};
	accepted: number;
	backordered: number;
	rejected: number;
	rejectionReason?: RejectionReason;
	/** Eaches this line puts on the platform order (accepted, plus backordered by option). */
	platformEaches: number;
}

export interface SkuPlan {
	sku: string;
	action: 'setQuantity' | 'add' | 'remove' | 'unchanged';
	/** Eaches on the platform order now (0 when the SKU is not on it). */
	platformOrdered: number;
	/** Eaches the previous PO version put on the order (what the platform should have had). */
	previousEaches: number;
	/** Eaches the new version needs. */
	targetEaches: number;
	/** targetEaches - platformOrdered. */
	deltaEaches: number;
	fulfilled: number;
	inProgress: number;
	lineItemId?: string;
	variantId?: string;
	/** PO lines (item sequence numbers) behind this SKU. */
	itemSequenceNumbers: string[];
}

export interface OrderValue {
	currencyCode?: string;
	/** Σ accepted eaches x net cost of the previous version (decimal string). */
	previous: string;
	current: string;
	/** current - previous. */
	difference: string;
	/** Lines left out: priced by weight (needs the weight), no net cost, or another currency. */
	excludedLines: string[];
}

export interface EditPlan {
	purchaseOrderNumber: string;
	platformOrderId?: string;
	/** Every SKU touched by a changed line. */
	skus: SkuPlan[];
	/** SKUs already on the platform order whose quantity changes (including to 0). */
	setQuantities: Array<{ sku: string; eaches: number; lineItemId?: string; restock: boolean }>;
	/** SKUs to take off the platform order (target 0). */
	removals: Array<{ sku: string; lineItemId?: string; previousEaches: number }>;
	/** SKUs to add to the platform order. */
	additions: Array<{
		sku: string;
		eaches: number;
		variantId?: string;
		itemSequenceNumbers: string[];
	}>;
	lines: LinePlan[];
	orderValue: OrderValue;
	/** Ship/delivery window, ship-to and other header changes for the platform order (address, notes). */
	headerUpdates: HeaderChange[];
	warnings: string[];
}

export interface PlanOptions {
	/** Default `accept`: quantity increases and added lines are accepted. */
	increases?: 'accept' | 'reject';
	/** Default `accepted`. */
	platformQuantity?: 'accepted' | 'acceptedAndBackordered';
	/** Case-mapping options (matchFirst, price tolerance...). */
	mapOptions?: Partial<MapOptions>;
}

export interface PlanInternals {
	plan: EditPlan;
	currentMapped: MappedPurchaseOrder;
	previousMapped: MappedPurchaseOrder;
	allocation: PurchaseOrderAllocation;
	/** Mapping exceptions of changed or added lines. */
	mappingExceptions: MappingIssue[];
	/** Platform SKUs on more than one line. */
	duplicateSkus: string[];
}

/** What the plan is made from. */
export interface PlanSources {
	diff: PurchaseOrderDiff;
	previous: CanonicalPurchaseOrder;
	current: CanonicalPurchaseOrder;
	mapping: MappingIndex;
	platformOrder: PlatformOrder;
	previousAcknowledgement?: OrderAcknowledgement;
}

/** The two plan options, checked, with their defaults. */
function planSettings(options: PlanOptions) {
	if (!isObject(options as unknown))
		throw new ChangeOrderInputError(
			`The options must be an object (got ${shown(options)})`,
			'options',
		);
	const increases = options.increases ?? 'accept';
	if (increases !== 'accept' && increases !== 'reject')
		throw new ChangeOrderInputError(
			`increases must be accept or reject (got ${shown(increases)})`,
			'options.increases',
		);
	const platformQuantity = options.platformQuantity ?? 'accepted';
	if (platformQuantity !== 'accepted' && platformQuantity !== 'acceptedAndBackordered')
		throw new ChangeOrderInputError(
			`platformQuantity must be accepted or acceptedAndBackordered (got ${shown(platformQuantity)})`,
			'options.platformQuantity',
		);
	return { increases, platformQuantity };
}

function requireMapping(mapping: unknown): void {
	const ok =
		isObject(mapping) &&
		Array.isArray(mapping.rows) &&
		mapping.byAsin instanceof Map &&
		mapping.byVendorProductIdentifier instanceof Map;
	if (!ok)
		throw new ChangeOrderInputError(
			`The mapping must be a mapping index (createMappingIndex) (got ${shown(mapping)})`,
			'mapping',
		);
}

/** The line-step context: both versions mapped, the previous states, the changes by line. */
function lineContext(sources: PlanSources, options: PlanOptions): LinePlanContext {
	const { increases, platformQuantity } = planSettings(options);
	requireMapping(sources.mapping);
	requirePlatformOrder(sources.platformOrder);
	requirePreviousAcknowledgement(
		sources.previousAcknowledgement,
		sources.current.purchaseOrderNumber,
	);
	const previousMapped = mapPurchaseOrder(sources.previous, sources.mapping, options.mapOptions);
	const currentMapped = mapPurchaseOrder(sources.current, sources.mapping, options.mapOptions);
	const changeByCurrent = new Map<number, LineChange>();
	for (const c of sources.diff.lines)
		if (c.currentIndex !== undefined) changeByCurrent.set(c.currentIndex, c);
	return {
		previous: sources.previous,
		previousMapped,
		currentMapped,
		before: previousStates(sources.previous, previousMapped, sources.previousAcknowledgement),
		changeByCurrent,
		increases,
		platformEachesOf: (accepted, backordered, size) =>
			(platformQuantity === 'accepted' ? accepted : accepted + backordered) * size,
		warnings: [],
	};
}

/** True when the ship or the delivery window changed. */
export function windowChanged(diff: PurchaseOrderDiff): boolean {
	return diff.header.some((h) => h.field === 'shipWindow' || h.field === 'deliveryWindow');
}

/** The plan and what the evaluation needs besides it (the mapped versions, the allocation...). */
export function planInternals(sources: PlanSources, options: PlanOptions): PlanInternals {
	const { diff, previous, current, platformOrder } = sources;
	const ctx = lineContext(sources, options);
	const { warnings } = ctx;
	const currentLines = planCurrentLines(ctx, current);
	const lines = [...currentLines.lines, ...planRemovedLines(ctx, diff)];
	const { skus, duplicateSkus } = planSkus(lines, platformOrder, warnings);
	const plan: EditPlan = {
		purchaseOrderNumber: current.purchaseOrderNumber,
		skus,
		...platformEdits(skus),
		lines,
		orderValue: orderValueOf(previous, current, ctx.before, lines),
		headerUpdates: diff.header,
		warnings,
	};
	if (platformOrder.id !== undefined) plan.platformOrderId = platformOrder.id;
	if (windowChanged(diff))
		warnings.push(
			'The ship or delivery window changed: every line with accepted units is re-acknowledged ' +
				'with the new dates',
		);
	const allocationLines = currentLines.allocationLines;
	const allocation: PurchaseOrderAllocation = {
		purchaseOrderNumber: current.purchaseOrderNumber,
		inputIndex: 0,
		lines: allocationLines,
		skus: [],
		fullyAccepted: allocationLines.every((l) => l.accepted === l.ordered),
		nothingAccepted: allocationLines.every((l) => l.accepted === 0),
	};
	const { currentMapped, previousMapped } = ctx;
	const mappingExceptions = currentLines.mappingExceptions;
	return { plan, currentMapped, previousMapped, allocation, mappingExceptions, duplicateSkus };
}

/**
 * The platform-neutral edit plan: per SKU the new quantity in eaches, removals and additions (with
 * the case mapping applied), every line's new acknowledgement figures, and the new order value.
 * Does not apply the guard: use {@link evaluateChangeOrder} for the whole decision.
 */
export function buildEditPlan(
	diff: PurchaseOrderDiff,
	previous: CanonicalPurchaseOrder,
	current: CanonicalPurchaseOrder,
	mapping: MappingIndex,
	platformOrder: PlatformOrder,
	options: PlanOptions & { previousAcknowledgement?: OrderAcknowledgement } = {},
): EditPlan {
	if (!isObject(diff) || !Array.isArray(diff.lines) || !Array.isArray(diff.header))
		throw new ChangeOrderInputError(
			`The diff must be a purchase order diff (diffPurchaseOrders) (got ${shown(diff)})`,
			'diff',
		);
	requireCanonicalVersions(previous, current);
	const previousAcknowledgement = isObject(options as unknown)
		? options.previousAcknowledgement
		: undefined;
	const sources = { diff, previous, current, mapping, platformOrder, previousAcknowledgement };
	return planInternals(sources, options).plan;
}
