/**
 * The Apply Change Order decision for one PO: diff -> (empty: `noChange`) -> plan and
 * re-acknowledgement -> guard -> `blocked` (every reason, the diff and a suggested action; no
 * plan) or `apply`. Pure: no n8n imports.
 */
import type { OrderAcknowledgement } from '../../generated/vendorOrders';
import type { AcknowledgementOptions } from '../acknowledgement';
import type { MappingIndex } from '../caseMapping';
import type { CanonicalPurchaseOrder } from '../purchaseOrder';
import { isObject, shown } from '../values';
import { diffPurchaseOrders, type PurchaseOrderDiff } from './diff';
import { ChangeOrderInputError } from './errors';
import { guardChange, suggestAction, type BlockReason, type GuardOptions } from './guard';
import { planInternals, type EditPlan, type PlanInternals, type PlanOptions } from './plan';
import type { PlatformOrder } from './platformOrder';
import { reacknowledgement, type ReacknowledgementBuild } from './reacknowledge';

export interface ChangeOrderInput {
	/** The version the workflow kept. */
	previous: CanonicalPurchaseOrder;
	/** The changed version from the trigger. */
	current: CanonicalPurchaseOrder;
	platformOrder: PlatformOrder;
	mapping: MappingIndex;
	/** The acknowledgement last sent for this PO (recommended: otherwise the mapping's outcome is assumed). */
	previousAcknowledgement?: OrderAcknowledgement;
}

export interface ChangeOrderOptions extends PlanOptions, GuardOptions {
	/** Acknowledgement options (the clock `now`, dates, vendor code...). */
	acknowledgement: AcknowledgementOptions;
	/**
	 * `changedLines` (default): only changed and added lines (all accepted lines when a window
	 * moved); `fullOrder`: every line.
	 */
	reacknowledge?: 'changedLines' | 'fullOrder';
}

export type ChangeOrderResult =
	| { route: 'noChange'; diff: PurchaseOrderDiff }
	| {
			route: 'blocked';
			diff: PurchaseOrderDiff;
			reasons: BlockReason[];
			suggestedAction: string;
			warnings: string[];
	  }
	| {
			route: 'apply';
			diff: PurchaseOrderDiff;
			plan: EditPlan;
			reacknowledgement?: ReacknowledgementBuild;
			warnings: string[];
	  };

function requireArguments(input: ChangeOrderInput, options: ChangeOrderOptions): void {
	if (!isObject(input))
		throw new ChangeOrderInputError(
			`The change order input must be an object {previous, current, platformOrder, mapping} ` +
				`(got ${shown(input)})`,
		);
	if (!isObject(options))
		throw new ChangeOrderInputError(
			`The options must be an object (got ${shown(options)})`,
			'options',
		);
	if (!isObject(options.acknowledgement))
		throw new ChangeOrderInputError(
			`options.acknowledgement must be the acknowledgement options {now, ...} ` +
				`(got ${shown(options.acknowledgement)})`,
			'options.acknowledgement',
		);
}

function reacknowledgeOption(options: ChangeOrderOptions): 'changedLines' | 'fullOrder' {
	const reacknowledge = options.reacknowledge ?? 'changedLines';
	if (reacknowledge !== 'changedLines' && reacknowledge !== 'fullOrder')
		throw new ChangeOrderInputError(
			`reacknowledge must be changedLines or fullOrder (got ${shown(reacknowledge)})`,
			'options.reacknowledge',
		);
	return reacknowledge;
}

/** Reasons besides the guard's: a closed PO, mapping exceptions, a SKU on two platform lines. */
function planReasons(
	input: ChangeOrderInput,
	internals: PlanInternals,
	options: ChangeOrderOptions,
): BlockReason[] {
	const reasons: BlockReason[] = [];
	const { current, previous } = input;
	if (current.purchaseOrderState === 'Closed' && previous.purchaseOrderState !== 'Closed') {
		reasons.push({
			code: 'PURCHASE_ORDER_CLOSED',
			message:
				`Amazon closed PO ${current.purchaseOrderNumber} (cancelled, or rejected, or fully ` +
				'received): there is nothing to apply automatically',
		});
	}
	if (options.blockOnMappingExceptions !== false) {
		for (const e of internals.mappingExceptions) {
			reasons.push({
				code: 'MAPPING_EXCEPTION',
				message: e.message,
				itemSequenceNumber: e.itemSequenceNumber,
				details: { mappingCode: e.code },
			});
		}
	}
	for (const sku of internals.duplicateSkus) {
		if (internals.plan.skus.some((s) => s.sku === sku && s.action !== 'unchanged')) {
			reasons.push({
				code: 'DUPLICATE_PLATFORM_SKU',
				message:
					`SKU ${JSON.stringify(sku)} is on more than one platform order line: ` +
					'the new quantity cannot be placed automatically',
				sku,
			});
		}
	}
	return reasons;
}

/**
 * The Apply Change Order decision for one PO: `noChange` when the diff is empty, `blocked` with
 * every reason and a suggested action, or `apply` with the edit plan and the re-acknowledgement
 * (validated against Amazon's model; absent when no line needs one, e.g. a ship-to change only).
 * Throws ChangeOrderInputError (an InvalidInputError) for input that is not what it should be.
 */
export function evaluateChangeOrder(
	input: ChangeOrderInput,
	options: ChangeOrderOptions,
): ChangeOrderResult {
	requireArguments(input, options);
	const diff = diffPurchaseOrders(input.previous, input.current);
	if (diff.isEmpty) return { route: 'noChange', diff };
	const fullOrder = reacknowledgeOption(options) === 'fullOrder';
	const internals = planInternals({ ...input, diff }, options);
	const { plan } = internals;
	const reasons = [...guardChange(plan, input.platformOrder, options).reasons];
	reasons.push(...planReasons(input, internals, options));
	const warnings = [...plan.warnings];
	const step = { reasons, warnings };
	const reack = reacknowledgement(
		{
			diff,
			current: input.current,
			internals,
			previousAcknowledgement: input.previousAcknowledgement,
			options: options.acknowledgement,
			fullOrder,
		},
		step,
	);
	if (reasons.length > 0) {
		return { route: 'blocked', diff, reasons, suggestedAction: suggestAction(reasons), warnings };
	}
	const out: ChangeOrderResult = { route: 'apply', diff, plan, warnings };
	if (reack !== undefined) out.reacknowledgement = reack;
	return out;
}
