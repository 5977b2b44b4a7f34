/**
 * What Acknowledge PO does with each mapped purchase order of a run, before anything is sent:
 * allocate the shared stock oldest first, build the acknowledgement, and hold back what Amazon
 * would refuse or should not get (late, a Rejected line turned Accepted, a body off Amazon's model).
 * Pure: no n8n imports.
 */
import { allocate, type PurchaseOrderAllocation } from '../allocation';
import type { MappedPurchaseOrder } from '../caseMapping';
import { formatIssues } from '../validation';
import type { Json } from '../values';
import type { SubmitAcknowledgementRequest } from '../../generated/vendorOrders';
import { describeBackorders, backordersOf } from './backorders';
import { buildAcknowledgement, type AcknowledgementOptions } from './build';
import { buildAcknowledgementRequest, validateAcknowledgementRequest } from './request';
import { acknowledgementTiming } from './timing';
import { checkReacknowledgement, type PreviousAcknowledgement } from './reacknowledgement';

/** A mapped purchase order of the input, with what was acknowledged before and the item's context. */
export interface AcknowledgementCandidate {
	itemIndex: number;
	mapped: MappedPurchaseOrder;
	previous?: PreviousAcknowledgement;
	/** event, eventKey and changeDate of the item, carried to the output. */
	context: Json;
}

export interface PlanOptions {
	now: number;
	backorder: boolean;
	sendLate: boolean;
	acknowledgement: AcknowledgementOptions;
}

/**
 * An item for Exceptions, nothing sent; an acknowledgement ready to be sent (or shown); or the
 * error that stopped its planning (an unreadable date, a previous acknowledgement that cannot be
 * compared).
 */
export type PlannedAcknowledgement =
	| { itemIndex: number; route: 'exception'; json: Json }
	| { itemIndex: number; route: 'error'; error: Error }
	| { itemIndex: number; route: 'send'; body: SubmitAcknowledgementRequest; json: Json };

/**
 * The outcome of every candidate: first the purchase orders the allocation skipped, then the
 * allocated ones in allocation order (oldest first).
 */
export function planAcknowledgements(
	candidates: readonly AcknowledgementCandidate[],
	stock: Record<string, number>,
	options: PlanOptions,
): PlannedAcknowledgement[] {
	const allocation = allocate(
		candidates.map((c) => c.mapped),
		stock,
		{ backorder: options.backorder },
	);
	const skipped = allocation.skipped.map((s): PlannedAcknowledgement => {
		const c = candidates[s.inputIndex];
		const json = {
			...c.context,
			purchaseOrderNumber: s.purchaseOrderNumber,
			reason: 'notAllocated',
			message: s.reason,
			purchaseOrder: c.mapped.purchaseOrder,
		};
		return { itemIndex: c.itemIndex, route: 'exception', json };
	});
	const planned = allocation.orders.map((order): PlannedAcknowledgement => {
		const c = candidates[order.inputIndex];
		try {
			return planOne(c, order, options);
		} catch (error) {
			return { itemIndex: c.itemIndex, route: 'error', error: error as Error };
		}
	});
	return [...skipped, ...planned];
}

function exception(c: AcknowledgementCandidate, json: Json): PlannedAcknowledgement {
	return { itemIndex: c.itemIndex, route: 'exception', json };
}

/** One allocated purchase order: built, checked against Amazon's rules, ready or held back. */
function planOne(
	c: AcknowledgementCandidate,
	order: PurchaseOrderAllocation,
	options: PlanOptions,
): PlannedAcknowledgement {
	const po = c.mapped.purchaseOrder;
	const base: Json = {
		...c.context,
		purchaseOrderNumber: po.purchaseOrderNumber,
		allocation: { lines: order.lines, skus: order.skus },
		purchaseOrder: po,
		lines: c.mapped.lines,
	};
	let built;
	let backorders;
	try {
		built = buildAcknowledgement(c.mapped, order, options.acknowledgement);
		backorders = backordersOf(built.acknowledgement, order);
	} catch (error) {
		return exception(c, { ...base, reason: 'cannotBuild', message: (error as Error).message });
	}
	const body = buildAcknowledgementRequest([built.acknowledgement]);
	const json: Json = {
		...base,
		acknowledgement: built.acknowledgement,
		backorders,
		backorderNote: describeBackorders(backorders),
		warnings: built.warnings,
	};
	const held = holdBack(c, json, built.acknowledgement, options);
	if (held) return held;
	const validation = validateAcknowledgementRequest(body);
	if (!validation.ok) {
		return exception(c, {
			...json,
			reason: 'invalidAcknowledgement',
			message: "The acknowledgement does not match Amazon's model: nothing was sent",
			issues: formatIssues(validation.issues),
		});
	}
	return { itemIndex: c.itemIndex, route: 'send', body, json };
}

/**
 * A re-acknowledgement that turns a Rejected line into Accepted or Backordered, or one that is
 * late (a first acknowledgement after 24 hours, a re-acknowledgement after 48 hours of the change,
 * unless late ones are sent): the exception; otherwise undefined.
 */
function holdBack(
	c: AcknowledgementCandidate,
	json: Json,
	acknowledgement: ReturnType<typeof buildAcknowledgement>['acknowledgement'],
	options: PlanOptions,
): PlannedAcknowledgement | undefined {
	const timing = acknowledgementTiming(c.mapped.purchaseOrder, options.now);
	if (c.previous) {
		const check = checkReacknowledgement(c.previous, acknowledgement);
		if (!check.allowed) {
			return exception(c, {
				...json,
				reason: 'rejectedLineAccepted',
				message: 'A line once Rejected cannot become Accepted or Backordered: nothing was sent',
				transitions: check.transitions,
			});
		}
		if (!timing.withinChangeWindow && !options.sendLate) {
			const message =
				`The change of ${timing.lastChangedAt} had to be re-acknowledged by ` +
				`${timing.reacknowledgeBy}: nothing was sent`;
			return exception(c, { ...json, reason: 'late', message, timing });
		}
	} else if (timing.pastAcknowledgementDeadline && !options.sendLate) {
		const message = `Amazon expected this acknowledgement by ${timing.acknowledgeBy}: nothing was sent`;
		return exception(c, { ...json, reason: 'late', message, timing });
	}
	return undefined;
}
