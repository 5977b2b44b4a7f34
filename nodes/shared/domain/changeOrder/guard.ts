/**
 * The fulfilment guard: a platform order that is being fulfilled must not be changed
 * automatically, nor a SKU whose fulfilled and in-progress eaches exceed its new target. Pure.
 */
import {
	MAGENTO_IN_FULFILMENT_STATUSES,
	MAGENTO_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS,
} from '../platforms/magentoOrderStatus';
import { SHOPIFY_IN_FULFILMENT_STATUSES } from '../platforms/shopifyOrderStatus';
import { isObject, shown } from '../values';
import { ChangeOrderInputError } from './errors';
import type { EditPlan, SkuPlan } from './plan';
import { requirePlatformOrder, type PlatformOrder } from './platformOrder';

/** Statuses that mean the platform order is being fulfilled (case-insensitive): Shopify's, Magento's. */
export const DEFAULT_IN_FULFILMENT_STATUSES: readonly string[] = Object.freeze([
	...SHOPIFY_IN_FULFILMENT_STATUSES,
	...MAGENTO_IN_FULFILMENT_STATUSES,
]);
/** Statuses that mean "in fulfilment" only when the order has shipments (Magento). */
export const DEFAULT_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS: readonly string[] = Object.freeze([
	...MAGENTO_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS,
]);

export interface GuardOptions {
	inFulfilmentStatuses?: readonly string[];
	inFulfilmentStatusesWithShipments?: readonly string[];
	/** Block when a changed or added line has a mapping exception (unmapped, price...). Default true. */
	blockOnMappingExceptions?: boolean;
}

export type BlockReasonCode =
	| 'ORDER_IN_FULFILMENT'
	| 'LINE_FULFILLED_BEYOND_NEW_QUANTITY'
	| 'MAPPING_EXCEPTION'
	| 'REACKNOWLEDGEMENT_NOT_ALLOWED'
	| 'REACKNOWLEDGEMENT_INVALID'
	| 'DUPLICATE_PLATFORM_SKU'
	| 'PURCHASE_ORDER_CLOSED';

export interface BlockReason {
	code: BlockReasonCode;
	message: string;
	sku?: string;
	itemSequenceNumber?: string;
	/** Figures side by side. */
	details?: Record<string, unknown>;
}

export interface GuardResult {
	blocked: boolean;
	reasons: BlockReason[];
	/** What the operator should do (empty when not blocked). */
	suggestedAction: string;
	/** The platform statuses that triggered ORDER_IN_FULFILMENT. */
	matchedStatuses: string[];
}

function statusList(status: PlatformOrder['status']): string[] {
	if (status === undefined) return [];
	return (typeof status === 'string' ? [status] : [...status])
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

/** A status option as a lower-cased set; a list of strings or undefined (the default). */
function statusSet(value: unknown, fallback: readonly string[], path: string): Set<string> {
	const list = value ?? fallback;
	if (!Array.isArray(list) || !list.every((s) => typeof s === 'string'))
		throw new ChangeOrderInputError(
			`${path} must be a list of statuses (got ${shown(value)})`,
			path,
		);
	return new Set(list.map((s: string) => s.trim().toLowerCase()));
}

function inFulfilmentReason(
	platformOrder: PlatformOrder,
	statuses: readonly string[],
	matched: readonly string[],
): BlockReason {
	const name = platformOrder.name ? ` ${platformOrder.name}` : '';
	const shipments = platformOrder.hasShipments ? ', has shipments' : '';
	return {
		code: 'ORDER_IN_FULFILMENT',
		message:
			`The platform order${name} is in fulfilment (status ${matched.join(', ')}${shipments}): ` +
			'it must not be changed automatically',
		details: { statuses, hasShipments: platformOrder.hasShipments ?? false },
	};
}

function fulfilledBeyondReason(s: SkuPlan): BlockReason {
	return {
		code: 'LINE_FULFILLED_BEYOND_NEW_QUANTITY',
		message:
			`SKU ${JSON.stringify(s.sku)} (PO line ${s.itemSequenceNumbers.join(', ')}): ` +
			`${s.fulfilled} eaches fulfilled and ${s.inProgress} in progress, ` +
			`more than the new quantity of ${s.targetEaches}`,
		sku: s.sku,
		itemSequenceNumber: s.itemSequenceNumbers[0],
		details: {
			fulfilled: s.fulfilled,
			inProgress: s.inProgress,
			newEaches: s.targetEaches,
			platformOrdered: s.platformOrdered,
			previousEaches: s.previousEaches,
		},
	};
}

/**
 * The fulfilment guard on a plan: the platform order's status, and fulfilled / in-progress eaches
 * above the new target of a changed SKU. Returns every reason (not only the first).
 */
export function guardChange(
	plan: EditPlan,
	platformOrder: PlatformOrder,
	options: GuardOptions = {},
): GuardResult {
	if (!isObject(plan) || !Array.isArray(plan.skus))
		throw new ChangeOrderInputError(`The plan must be an edit plan (got ${shown(plan)})`, 'plan');
	requirePlatformOrder(platformOrder);
	if (!isObject(options))
		throw new ChangeOrderInputError(
			`The options must be an object (got ${shown(options)})`,
			'options',
		);
	const opts: GuardOptions = options;
	const statuses = statusList(platformOrder.status);
	const always = statusSet(
		opts.inFulfilmentStatuses,
		DEFAULT_IN_FULFILMENT_STATUSES,
		'options.inFulfilmentStatuses',
	);
	const withShipments = statusSet(
		opts.inFulfilmentStatusesWithShipments,
		DEFAULT_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS,
		'options.inFulfilmentStatusesWithShipments',
	);
	const matched = statuses.filter(
		(s) =>
			always.has(s.toLowerCase()) ||
			(platformOrder.hasShipments === true && withShipments.has(s.toLowerCase())),
	);
	const reasons: BlockReason[] = [];
	if (matched.length) reasons.push(inFulfilmentReason(platformOrder, statuses, matched));
	for (const s of plan.skus)
		if (s.fulfilled + s.inProgress > s.targetEaches) reasons.push(fulfilledBeyondReason(s));
	return {
		blocked: reasons.length > 0,
		reasons,
		suggestedAction: suggestAction(reasons),
		matchedStatuses: matched,
	};
}

const SUGGESTIONS: ReadonlyArray<[readonly string[], string]> = [
	[
		['ORDER_IN_FULFILMENT', 'LINE_FULFILLED_BEYOND_NEW_QUANTITY'],
		'Ask the warehouse to stop or hold picking of the affected lines; ship no more than the new PO ' +
			'quantity (shipping cancelled or reduced units causes overage chargebacks); correct the ' +
			'platform order by hand, then build the ASN from what actually ships and re-acknowledge ' +
			'within 48 hours of the change',
	],
	[
		['MAPPING_EXCEPTION'],
		'Fix the mapping (SKU, case pack or expected cost) of the changed lines, then run the change again',
	],
	[
		['REACKNOWLEDGEMENT_NOT_ALLOWED'],
		'Keep previously rejected units rejected: Amazon refuses Rejected -> Accepted',
	],
	[['REACKNOWLEDGEMENT_INVALID'], 'Correct the acknowledgement data named in the reasons'],
	[
		['DUPLICATE_PLATFORM_SKU'],
		'Merge the platform order lines that carry the same SKU, or apply the change by hand',
	],
	[
		['PURCHASE_ORDER_CLOSED'],
		'Amazon closed the PO: cancel the platform order by hand if nothing has shipped',
	],
];

/** What the operator should do about the reasons ('' without any). */
export function suggestAction(reasons: readonly BlockReason[]): string {
	if (reasons.length === 0) return '';
	const codes = new Set<string>(reasons.map((r) => r.code));
	const steps = SUGGESTIONS.filter(([when]) => when.some((c) => codes.has(c))).map(([, s]) => s);
	return steps.join('. ') + '.';
}
