/**
 * The re-acknowledgement of a change: the acknowledgement of the changed lines (or of every line),
 * validated against Amazon's model and checked against what was acknowledged before (Amazon
 * refuses Rejected -> Accepted). Pure: no n8n imports.
 */
import type {
	OrderAcknowledgement,
	SubmitAcknowledgementRequest,
} from '../../generated/vendorOrders';
import {
	acknowledgementTiming,
	buildAcknowledgement,
	checkReacknowledgement,
	validateAcknowledgementRequest,
	type AcknowledgementOptions,
	type AcknowledgementTiming,
	type PreviousAcknowledgement,
} from '../acknowledgement';
import type { CanonicalPurchaseOrder } from '../purchaseOrder';
import type { PurchaseOrderDiff } from './diff';
import type { BlockReason } from './guard';
import { windowChanged, type EditPlan, type PlanInternals } from './plan';

export interface ReacknowledgementBuild {
	acknowledgement: OrderAcknowledgement;
	request: SubmitAcknowledgementRequest;
	/** Item sequence numbers in the acknowledgement. */
	lines: string[];
	warnings: string[];
	timing?: AcknowledgementTiming;
}

type Code = 'Accepted' | 'Backordered' | 'Rejected';

/** Without the previous acknowledgement: the codes implied by the previous states of the plan. */
function derivedPreviousCodes(plan: EditPlan): Record<string, Code[]> {
	const out: Record<string, Code[]> = {};
	for (const l of plan.lines) {
		if (l.change === 'added' || l.index === undefined) continue;
		const codes: Code[] = [];
		if (l.previous.accepted > 0) codes.push('Accepted');
		if (l.previous.backordered > 0) codes.push('Backordered');
		if (l.previous.rejected > 0) codes.push('Rejected');
		if (codes.length) out[l.itemSequenceNumber] = codes;
	}
	return out;
}

/** The plan's line indexes to re-acknowledge. */
function wantedIndexes(plan: EditPlan, diff: PurchaseOrderDiff, fullOrder: boolean): number[] {
	const moved = windowChanged(diff);
	const wanted = new Set<number>();
	for (const l of plan.lines) {
		if (l.index === undefined) continue;
		const changed = l.change === 'changed' || l.change === 'added';
		if (fullOrder || changed || (moved && l.accepted + l.backordered > 0)) wanted.add(l.index);
	}
	return [...wanted];
}

export interface ReacknowledgementStep {
	/** Where the re-acknowledgement's reasons and warnings go. */
	reasons: BlockReason[];
	warnings: string[];
}

export interface ReacknowledgementSources {
	diff: PurchaseOrderDiff;
	current: CanonicalPurchaseOrder;
	internals: PlanInternals;
	previousAcknowledgement?: OrderAcknowledgement;
	options: AcknowledgementOptions;
	fullOrder: boolean;
}

/** The item sequence numbers to re-acknowledge; warns of lines Amazon cancelled to 0. */
function wantedLines(sources: ReacknowledgementSources, warnings: string[]): Set<string> {
	const { internals, diff, fullOrder } = sources;
	const wanted = wantedIndexes(internals.plan, diff, fullOrder);
	// Lines Amazon cancelled to 0 are not acknowledged (see acknowledgement.ts): they leave the order.
	const items = internals.currentMapped.purchaseOrder.items;
	const lines = new Set(
		wanted
			.filter((i) => items[i] && items[i].orderedQuantity.amount > 0)
			.map((i) => items[i].itemSequenceNumber),
	);
	const cancelled = wanted
		.filter((i) => items[i] && items[i].orderedQuantity.amount === 0)
		.map((i) => items[i].itemSequenceNumber);
	if (cancelled.length) {
		warnings.push(
			`Line${cancelled.length === 1 ? '' : 's'} ${cancelled.join(', ')} cancelled by Amazon ` +
				'(quantity 0): not re-acknowledged',
		);
	}
	return lines;
}

/** Model validation and the Rejected -> Accepted check of the new acknowledgement. */
function checkAcknowledgement(
	sources: ReacknowledgementSources,
	acknowledgement: OrderAcknowledgement,
	request: SubmitAcknowledgementRequest,
	reasons: BlockReason[],
): void {
	const validation = validateAcknowledgementRequest(request);
	if (!validation.ok) {
		for (const issue of validation.issues)
			reasons.push({
				code: 'REACKNOWLEDGEMENT_INVALID',
				message: `${issue.path}: ${issue.message}`,
			});
	}
	const previousCodes: PreviousAcknowledgement =
		sources.previousAcknowledgement ?? derivedPreviousCodes(sources.internals.plan);
	const check = checkReacknowledgement(previousCodes, acknowledgement);
	for (const t of check.transitions)
		reasons.push({
			code: 'REACKNOWLEDGEMENT_NOT_ALLOWED',
			message: t.message,
			itemSequenceNumber: t.line,
			details: { previous: t.previous, next: t.next },
		});
}

/** The 48-hour window of the change; a date that cannot be read only warns. */
function timingOf(
	sources: ReacknowledgementSources,
	build: ReacknowledgementBuild,
	warnings: string[],
) {
	try {
		const timing = acknowledgementTiming(sources.current, sources.options.now);
		build.timing = timing;
		if (!timing.withinChangeWindow)
			warnings.push(
				`The change is older than 48 hours (changed ${timing.lastChangedAt}): ` +
					'Amazon expects only date updates by now',
			);
	} catch (error) {
		warnings.push(`Timing not checked: ${(error as Error).message}`);
	}
}

/**
 * The re-acknowledgement of the wanted lines, or undefined when no line needs one (or the PO is
 * closed). Problems become REACKNOWLEDGEMENT_* reasons in `step`.
 */
export function reacknowledgement(
	sources: ReacknowledgementSources,
	step: ReacknowledgementStep,
): ReacknowledgementBuild | undefined {
	const { reasons, warnings } = step;
	const lines = wantedLines(sources, warnings);
	if (lines.size === 0 || sources.current.purchaseOrderState === 'Closed') return undefined;
	try {
		const { currentMapped, allocation } = sources.internals;
		const built = buildAcknowledgement(currentMapped, allocation, sources.options);
		const acknowledgement: OrderAcknowledgement = {
			...built.acknowledgement,
			items: built.acknowledgement.items.filter((item) => lines.has(item.itemSequenceNumber ?? '')),
		};
		const request: SubmitAcknowledgementRequest = { acknowledgements: [acknowledgement] };
		checkAcknowledgement(sources, acknowledgement, request, reasons);
		const build: ReacknowledgementBuild = {
			acknowledgement,
			request,
			lines: acknowledgement.items.map((it) => it.itemSequenceNumber ?? ''),
			warnings: built.warnings,
		};
		timingOf(sources, build, warnings);
		return build;
	} catch (error) {
		reasons.push({ code: 'REACKNOWLEDGEMENT_INVALID', message: (error as Error).message });
		return undefined;
	}
}
