/**
 * Apply Change Order: compares two versions of a purchase order (the one the workflow kept and the
 * one Amazon changed), guards against changing a platform order that is already being fulfilled,
 * and produces a platform-neutral edit plan, the new order value and the re-acknowledgement for the
 * changed lines; optionally the plan as a Shopify orderEdit* sequence. Pure: no n8n imports.
 *
 * Flow ({@link evaluateChangeOrder}): diff -> (empty: `noChange`) -> plan and re-acknowledgement ->
 * guard -> `blocked` (every reason, the diff and a suggested action; no plan) or `apply`.
 *
 * How quantities are decided, per PO line of the new version (Amazon units; the platform works in
 * eaches = units x unitSize):
 * - Before: what the previous acknowledgement said (Accepted + Backordered = taken, Rejected), or,
 *   without it, the mapping's outcome (mapped lines taken in full, reject lines rejected).
 * - Unchanged lines keep their state.
 * - A changed line keeps its rejected units rejected (Amazon refuses Rejected -> Accepted); a line
 *   that was rejected in full stays rejected. With `increases: 'accept'` (default) everything else
 *   of the new quantity is taken; with `increases: 'reject'` never more than before. Backordered
 *   units shrink first.
 * - An added line is taken in full (`increases: 'accept'`) or rejected; a line the mapping cannot
 *   map is rejected with the mapping's reason (and blocks with `blockOnMappingExceptions`).
 * - The platform's target per SKU is Σ accepted eaches of the new version's lines of that SKU
 *   (`platformQuantity: 'acceptedAndBackordered'` adds backordered eaches). Only SKUs of changed
 *   lines are in the plan. Targets are absolute, so running the plan twice does no harm.
 *
 * Guard: the platform order is "in fulfilment" when one of its statuses is in
 * `inFulfilmentStatuses` (default {@link DEFAULT_IN_FULFILMENT_STATUSES}: Shopify's IN_PROGRESS,
 * PARTIALLY_FULFILLED, FULFILLED, ON_HOLD and Magento's complete), or in
 * `inFulfilmentStatusesWithShipments` (default Magento's processing) while it has shipments.
 * Also blocked: a SKU of a changed line whose fulfilled + in-progress eaches exceed the new target,
 * a re-acknowledgement Amazon would refuse (Rejected -> Accepted), mapping exceptions on changed
 * lines, and a platform order that cannot take the plan (a SKU on two lines, a negative target).
 */
import type { OrderAcknowledgement, SubmitAcknowledgementRequest } from '../generated/vendorOrders';
import {
	acknowledgementTiming,
	buildAcknowledgement,
	checkReacknowledgement,
	validateAcknowledgementRequest,
	type AcknowledgementOptions,
	type AcknowledgementTiming,
	type PreviousAcknowledgement,
} from './acknowledgement';
import type { LineAllocation, PurchaseOrderAllocation } from './allocation';
import {
	mapPurchaseOrder,
	type MapOptions,
	type MappedLine,
	type MappedPurchaseOrder,
	type MappingIndex,
	type MappingIssue,
	type RejectionReason,
} from './caseMapping';
import { add, compare, Decimal, multiply, parseDecimal, subtract, toDecimalString } from './money';
import type {
	CanonicalMoney,
	CanonicalOrderItem,
	CanonicalParty,
	CanonicalPurchaseOrder,
	DateInterval,
	QuantityUnit,
} from './purchaseOrder';

// ---------------------------------------------------------------------------------------------
// Diff

export interface QuantitySnapshot {
	amount: number;
	unitOfMeasure: QuantityUnit;
	unitSize: number;
	eaches: number;
}

export type LineChangeKind =
	/** Ordered quantity changed (not to or from 0). */
	| 'quantityChanged'
	/** Amazon set the quantity to 0. */
	| 'cancelled'
	/** Quantity back from 0. */
	| 'reinstated'
	/** A line that was not on the previous version. */
	| 'added'
	/** A line of the previous version missing from the new one (Amazon normally sends 0 instead). */
	| 'removed'
	/** Net cost (amount, currency or price unit) changed. */
	| 'costChanged'
	/** The same item sequence number now names another product (ASIN or vendor identifier). */
	| 'productChanged';

export interface LineChange {
	itemSequenceNumber: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	kinds: LineChangeKind[];
	/** Position in the previous / current PO's items. */
	previousIndex?: number;
	currentIndex?: number;
	previousQuantity?: QuantitySnapshot;
	currentQuantity?: QuantitySnapshot;
	/** Current - previous ordered eaches. */
	deltaEaches: number;
	previousNetCost?: CanonicalMoney;
	currentNetCost?: CanonicalMoney;
	message: string;
}

export type HeaderField =
	| 'purchaseOrderState'
	| 'purchaseOrderType'
	| 'shipWindow'
	| 'deliveryWindow'
	| 'shipToParty'
	| 'billToParty'
	| 'buyingParty'
	| 'sellingParty'
	| 'paymentMethod'
	| 'dealCode'
	| 'importDetails';

export interface HeaderChange {
	field: HeaderField;
	previous?: unknown;
	current?: unknown;
	message: string;
}

export interface PurchaseOrderDiff {
	purchaseOrderNumber: string;
	previousChangedDate?: string;
	currentChangedDate?: string;
	/** Changed lines only, in current PO order, then removed lines. */
	lines: LineChange[];
	header: HeaderChange[];
	/** Nothing changed (Amazon re-sent the same PO). */
	isEmpty: boolean;
	summary: {
		quantityChanged: number;
		cancelled: number;
		added: number;
		removed: number;
		costChanged: number;
		headerChanged: number;
	};
}

export class ChangeOrderInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ChangeOrderInputError';
	}
}

function sameSequence(a: string, b: string): boolean {
	if (a === b) return true;
	return /^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b);
}

function snapshot(item: CanonicalOrderItem): QuantitySnapshot {
	const q = item.orderedQuantity;
	return {
		amount: q.amount,
		unitOfMeasure: q.unitOfMeasure,
		unitSize: q.unitOfMeasure === 'Cases' ? q.unitSize : 1,
		eaches: item.orderedEaches,
	};
}

function describeQuantity(q: QuantitySnapshot): string {
	return q.unitOfMeasure === 'Cases'
		? `${q.amount} cases of ${q.unitSize} (${q.eaches} eaches)`
		: `${q.eaches} eaches`;
}

function describeMoney(m: CanonicalMoney | undefined): string {
	if (m === undefined) return 'none';
	return `${m.amount} ${m.currencyCode}${m.unitOfMeasure ? ` per ${m.unitOfMeasure}` : ''}`;
}

function sameMoney(a: CanonicalMoney | undefined, b: CanonicalMoney | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	return (
		a.currencyCode === b.currencyCode &&
		a.unitOfMeasure === b.unitOfMeasure &&
		compare(parseDecimal(a.amount), parseDecimal(b.amount)) === 0
	);
}

function sameWindow(a: DateInterval | undefined, b: DateInterval | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	if (
		a.start !== undefined &&
		a.end !== undefined &&
		b.start !== undefined &&
		b.end !== undefined
	) {
		const ms = (v: string) => Date.parse(v);
		const eq = (x: string, y: string) => x === y || (!Number.isNaN(ms(x)) && ms(x) === ms(y));
		return eq(a.start, b.start) && eq(a.end, b.end);
	}
	return a.raw.trim() === b.raw.trim();
}

/** Key-order independent JSON, for comparing parties and import details. */
function stable(value: unknown): string {
	if (value === undefined) return 'undefined';
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
	const obj = value as Record<string, unknown>;
	return `{${Object.keys(obj)
		.filter((k) => obj[k] !== undefined)
		.sort()
		.map((k) => `${JSON.stringify(k)}:${stable(obj[k])}`)
		.join(',')}}`;
}

function describeParty(p: CanonicalParty | undefined): string {
	return p === undefined ? 'none' : p.partyId;
}

function describeWindow(w: DateInterval | undefined): string {
	if (w === undefined) return 'none';
	return w.start !== undefined && w.end !== undefined ? `${w.start}--${w.end}` : w.raw;
}

/**
 * Line-by-line and header differences between two versions of one PO (canonical form). Lines are
 * matched by item sequence number ("1" and "00001" are the same line). Throws ChangeOrderInputError
 * when the PO numbers differ.
 */
export function diffPurchaseOrders(
	previous: CanonicalPurchaseOrder,
	current: CanonicalPurchaseOrder,
): PurchaseOrderDiff {
	if (!previous || !current || !Array.isArray(previous.items) || !Array.isArray(current.items)) {
		throw new ChangeOrderInputError(
			'Both the previous and the current purchase order are required (canonical purchase orders with items)',
		);
	}
	if (previous.purchaseOrderNumber !== current.purchaseOrderNumber) {
		throw new ChangeOrderInputError(
			`The previous version is PO ${previous.purchaseOrderNumber}, the changed one PO ${current.purchaseOrderNumber}`,
		);
	}
	const lines: LineChange[] = [];
	const matchedPrevious = new Set<number>();
	current.items.forEach((item, currentIndex) => {
		const previousIndex = previous.items.findIndex(
			(p, i) =>
				!matchedPrevious.has(i) && sameSequence(p.itemSequenceNumber, item.itemSequenceNumber),
		);
		const now = snapshot(item);
		const base: LineChange = {
			itemSequenceNumber: item.itemSequenceNumber,
			kinds: [],
			currentIndex,
			currentQuantity: now,
			deltaEaches: 0,
			message: '',
		};
		if (item.amazonProductIdentifier !== undefined)
			base.amazonProductIdentifier = item.amazonProductIdentifier;
		if (item.vendorProductIdentifier !== undefined)
			base.vendorProductIdentifier = item.vendorProductIdentifier;
		if (item.netCost !== undefined) base.currentNetCost = item.netCost;
		const label = `Line ${item.itemSequenceNumber}${item.amazonProductIdentifier ? ` (ASIN ${item.amazonProductIdentifier})` : ''}`;
		if (previousIndex < 0) {
			base.kinds.push('added');
			base.deltaEaches = now.eaches;
			base.message = `${label}: added, ${describeQuantity(now)}`;
			lines.push(base);
			return;
		}
		matchedPrevious.add(previousIndex);
		const before = previous.items[previousIndex];
		const then = snapshot(before);
		base.previousIndex = previousIndex;
		base.previousQuantity = then;
		if (before.netCost !== undefined) base.previousNetCost = before.netCost;
		const messages: string[] = [];
		const productChanged =
			(before.amazonProductIdentifier !== undefined &&
				item.amazonProductIdentifier !== undefined &&
				before.amazonProductIdentifier.toUpperCase() !==
					item.amazonProductIdentifier.toUpperCase()) ||
			(before.vendorProductIdentifier !== undefined &&
				item.vendorProductIdentifier !== undefined &&
				before.vendorProductIdentifier !== item.vendorProductIdentifier);
		if (productChanged) {
			base.kinds.push('productChanged');
			messages.push(
				`product ${before.amazonProductIdentifier ?? before.vendorProductIdentifier} -> ${item.amazonProductIdentifier ?? item.vendorProductIdentifier}`,
			);
		}
		const quantityDiffers =
			then.eaches !== now.eaches ||
			then.amount !== now.amount ||
			then.unitOfMeasure !== now.unitOfMeasure ||
			then.unitSize !== now.unitSize;
		if (quantityDiffers) {
			base.deltaEaches = now.eaches - then.eaches;
			if (now.amount === 0 && then.amount > 0) base.kinds.push('cancelled');
			else if (then.amount === 0 && now.amount > 0) base.kinds.push('reinstated');
			else base.kinds.push('quantityChanged');
			messages.push(
				`${describeQuantity(then)} -> ${describeQuantity(now)}${now.amount === 0 ? ' (cancelled)' : ''}`,
			);
		}
		if (!sameMoney(before.netCost, item.netCost)) {
			base.kinds.push('costChanged');
			messages.push(`net cost ${describeMoney(before.netCost)} -> ${describeMoney(item.netCost)}`);
		}
		if (base.kinds.length === 0) return;
		base.message = `${label}: ${messages.join('; ')}`;
		lines.push(base);
	});
	previous.items.forEach((before, previousIndex) => {
		if (matchedPrevious.has(previousIndex)) return;
		const then = snapshot(before);
		const change: LineChange = {
			itemSequenceNumber: before.itemSequenceNumber,
			kinds: ['removed'],
			previousIndex,
			previousQuantity: then,
			deltaEaches: -then.eaches,
			message: `Line ${before.itemSequenceNumber}${before.amazonProductIdentifier ? ` (ASIN ${before.amazonProductIdentifier})` : ''}: no longer on the PO (was ${describeQuantity(then)})`,
		};
		if (before.amazonProductIdentifier !== undefined)
			change.amazonProductIdentifier = before.amazonProductIdentifier;
		if (before.vendorProductIdentifier !== undefined)
			change.vendorProductIdentifier = before.vendorProductIdentifier;
		if (before.netCost !== undefined) change.previousNetCost = before.netCost;
		lines.push(change);
	});

	const header: HeaderChange[] = [];
	const note = (
		field: HeaderField,
		prev: unknown,
		cur: unknown,
		shownPrev: string,
		shownCur: string,
	): void => {
		const change: HeaderChange = { field, message: `${field}: ${shownPrev} -> ${shownCur}` };
		if (prev !== undefined) change.previous = prev;
		if (cur !== undefined) change.current = cur;
		header.push(change);
	};
	// New -> Acknowledged is the vendor's own acknowledgement, not a change by Amazon.
	if (
		previous.purchaseOrderState !== current.purchaseOrderState &&
		!(previous.purchaseOrderState === 'New' && current.purchaseOrderState === 'Acknowledged')
	) {
		note(
			'purchaseOrderState',
			previous.purchaseOrderState,
			current.purchaseOrderState,
			previous.purchaseOrderState,
			current.purchaseOrderState,
		);
	}
	for (const field of ['purchaseOrderType', 'paymentMethod', 'dealCode'] as const) {
		if (previous[field] !== current[field])
			note(
				field,
				previous[field],
				current[field],
				previous[field] ?? 'none',
				current[field] ?? 'none',
			);
	}
	for (const field of ['shipWindow', 'deliveryWindow'] as const) {
		if (!sameWindow(previous[field], current[field]))
			note(
				field,
				previous[field],
				current[field],
				describeWindow(previous[field]),
				describeWindow(current[field]),
			);
	}
	for (const field of ['shipToParty', 'billToParty', 'buyingParty', 'sellingParty'] as const) {
		if (stable(previous[field]) !== stable(current[field])) {
			const prevParty = previous[field];
			const curParty = current[field];
			const idSame = prevParty?.partyId === curParty?.partyId;
			note(
				field,
				prevParty,
				curParty,
				idSame ? `${describeParty(prevParty)} (address or tax details)` : describeParty(prevParty),
				describeParty(curParty),
			);
		}
	}
	if (stable(previous.importDetails) !== stable(current.importDetails))
		note('importDetails', previous.importDetails, current.importDetails, 'before', 'changed');

	const count = (kind: LineChangeKind) => lines.filter((l) => l.kinds.includes(kind)).length;
	const diff: PurchaseOrderDiff = {
		purchaseOrderNumber: current.purchaseOrderNumber,
		lines,
		header,
		isEmpty: lines.length === 0 && header.length === 0,
		summary: {
			quantityChanged: count('quantityChanged') + count('reinstated'),
			cancelled: count('cancelled'),
			added: count('added'),
			removed: count('removed'),
			costChanged: count('costChanged'),
			headerChanged: header.length,
		},
	};
	if (previous.purchaseOrderChangedDate !== undefined)
		diff.previousChangedDate = previous.purchaseOrderChangedDate;
	if (current.purchaseOrderChangedDate !== undefined)
		diff.currentChangedDate = current.purchaseOrderChangedDate;
	return diff;
}

// ---------------------------------------------------------------------------------------------
// Platform order

export interface PlatformOrderLine {
	sku: string;
	/** Eaches on the order line. */
	ordered: number;
	/** Eaches already fulfilled (shipped). Default 0. */
	fulfilled?: number;
	/** Eaches being picked or packed (fulfilment in progress). Default 0. */
	inProgress?: number;
	/** Shopify: gid://shopify/LineItem/... */
	lineItemId?: string;
	/** Shopify: gid://shopify/ProductVariant/... */
	variantId?: string;
}

export interface PlatformOrder {
	/** Shopify: gid://shopify/Order/...; Magento: entity id. */
	id?: string;
	name?: string;
	/** Shopify displayFulfillmentStatus (or fulfilment order statuses); Magento state/status. */
	status?: string | readonly string[];
	/** Magento: the order has shipments (makes "processing" count as in fulfilment). */
	hasShipments?: boolean;
	lines: PlatformOrderLine[];
}

function shown(value: unknown): string {
	if (typeof value === 'string')
		return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
	if (value === null || value === undefined) return String(value);
	if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
	return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function wholeNumber(value: unknown, path: string, problems: string[], fallback?: number): number {
	if (value === undefined || value === null || value === '') {
		if (fallback !== undefined) return fallback;
		problems.push(`${path} is required`);
		return 0;
	}
	const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : value;
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
		problems.push(`${path} must be a whole number of 0 or more (got ${shown(value)})`);
		return 0;
	}
	return n;
}

/**
 * Reads a platform order from JSON (a node input): `{ id?, name?, status? | statuses?, hasShipments?,
 * lines: [{ sku, ordered | quantity, fulfilled?, inProgress?, lineItemId? | id?, variantId? }] }`.
 * Quantities may be numeric strings. Throws ChangeOrderInputError listing every problem.
 */
export function parsePlatformOrder(value: unknown): PlatformOrder {
	if (!isObject(value))
		throw new ChangeOrderInputError(`The platform order must be an object (got ${shown(value)})`);
	const problems: string[] = [];
	const rawLines = value.lines;
	if (!Array.isArray(rawLines))
		throw new ChangeOrderInputError(
			`The platform order's lines must be a list (got ${shown(rawLines)})`,
		);
	const lines: PlatformOrderLine[] = [];
	rawLines.forEach((raw, i) => {
		const path = `lines[${i}]`;
		if (!isObject(raw)) {
			problems.push(`${path} must be an object`);
			return;
		}
		const sku =
			typeof raw.sku === 'string'
				? raw.sku.trim()
				: typeof raw.sku === 'number'
					? String(raw.sku)
					: '';
		if (sku === '') {
			problems.push(`${path}.sku is required`);
			return;
		}
		const line: PlatformOrderLine = {
			sku,
			ordered: wholeNumber(raw.ordered ?? raw.quantity, `${path}.ordered`, problems),
			fulfilled: wholeNumber(raw.fulfilled, `${path}.fulfilled`, problems, 0),
			inProgress: wholeNumber(raw.inProgress, `${path}.inProgress`, problems, 0),
		};
		const lineItemId = raw.lineItemId ?? raw.id;
		if (typeof lineItemId === 'string' && lineItemId !== '') line.lineItemId = lineItemId;
		else if (typeof lineItemId === 'number') line.lineItemId = String(lineItemId);
		if (typeof raw.variantId === 'string' && raw.variantId !== '') line.variantId = raw.variantId;
		else if (typeof raw.variantId === 'number') line.variantId = String(raw.variantId);
		lines.push(line);
	});
	if (problems.length)
		throw new ChangeOrderInputError(`The platform order has problems: ${problems.join('; ')}`);
	const out: PlatformOrder = { lines };
	if (typeof value.id === 'string' || typeof value.id === 'number') out.id = String(value.id);
	if (typeof value.name === 'string') out.name = value.name;
	const status = value.statuses ?? value.status;
	if (typeof status === 'string') out.status = status;
	else if (Array.isArray(status))
		out.status = status.filter((s): s is string => typeof s === 'string');
	if (typeof value.hasShipments === 'boolean') out.hasShipments = value.hasShipments;
	return out;
}

// ---------------------------------------------------------------------------------------------
// Plan

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

interface AckState {
	accepted: number;
	backordered: number;
	rejected: number;
	reason?: RejectionReason;
}

function unitsOf(
	q: { amount?: number; unitOfMeasure?: string; unitSize?: number },
	lineUnitSize: number,
): number {
	const amount = q.amount ?? 0;
	const eaches = q.unitOfMeasure === 'Cases' ? amount * (q.unitSize ?? 1) : amount;
	return lineUnitSize > 0 ? Math.floor(eaches / lineUnitSize) : 0;
}

function previousStates(
	previous: CanonicalPurchaseOrder,
	previousMapped: MappedPurchaseOrder,
	ack: OrderAcknowledgement | undefined,
): Map<number, AckState> {
	const out = new Map<number, AckState>();
	previous.items.forEach((item, i) => {
		const size = item.orderedQuantity.unitOfMeasure === 'Cases' ? item.orderedQuantity.unitSize : 1;
		const ackItem = ack?.items.find(
			(a) =>
				a.itemSequenceNumber !== undefined &&
				sameSequence(a.itemSequenceNumber, item.itemSequenceNumber),
		);
		if (ackItem) {
			const state: AckState = { accepted: 0, backordered: 0, rejected: 0 };
			for (const loop of ackItem.itemAcknowledgements) {
				const units = unitsOf(loop.acknowledgedQuantity, size);
				if (loop.acknowledgementCode === 'Accepted') state.accepted += units;
				else if (loop.acknowledgementCode === 'Backordered') state.backordered += units;
				else {
					state.rejected += units;
					if (loop.rejectionReason !== undefined) state.reason = loop.rejectionReason;
				}
			}
			// A fully rejected line acknowledged with a zero loop still counts as rejected.
			if (
				state.accepted + state.backordered + state.rejected === 0 &&
				ackItem.itemAcknowledgements.every((l) => l.acknowledgementCode === 'Rejected')
			) {
				state.rejected = item.orderedQuantity.amount;
			}
			out.set(i, state);
			return;
		}
		const line = previousMapped.lines[i];
		if (line?.status === 'mapped')
			out.set(i, { accepted: item.orderedQuantity.amount, backordered: 0, rejected: 0 });
		else
			out.set(i, {
				accepted: 0,
				backordered: 0,
				rejected: item.orderedQuantity.amount,
				reason: line?.rejectionReason,
			});
	});
	return out;
}

function lineValue(
	item: CanonicalOrderItem,
	eaches: number,
	currency: string | undefined,
	excluded: string[],
): Decimal | undefined {
	const cost = item.netCost;
	if (cost === undefined) {
		if (eaches > 0) excluded.push(`${item.itemSequenceNumber}: no net cost`);
		return undefined;
	}
	if (cost.unitOfMeasure !== undefined) {
		if (eaches > 0)
			excluded.push(
				`${item.itemSequenceNumber}: priced per ${cost.unitOfMeasure} (needs the weight)`,
			);
		return undefined;
	}
	if (currency !== undefined && cost.currencyCode !== currency) {
		if (eaches > 0)
			excluded.push(`${item.itemSequenceNumber}: in ${cost.currencyCode}, not ${currency}`);
		return undefined;
	}
	return multiply(parseDecimal(cost.amount), eaches);
}

interface PlanInternals {
	plan: EditPlan;
	currentMapped: MappedPurchaseOrder;
	previousMapped: MappedPurchaseOrder;
	allocation: PurchaseOrderAllocation;
	/** Mapping exceptions of changed or added lines. */
	mappingExceptions: MappingIssue[];
	/** Platform SKUs on more than one line. */
	duplicateSkus: string[];
}

function planInternals(
	diff: PurchaseOrderDiff,
	previous: CanonicalPurchaseOrder,
	current: CanonicalPurchaseOrder,
	mapping: MappingIndex,
	platformOrder: PlatformOrder,
	previousAcknowledgement: OrderAcknowledgement | undefined,
	options: PlanOptions,
): PlanInternals {
	const increases = options.increases ?? 'accept';
	if (increases !== 'accept' && increases !== 'reject')
		throw new ChangeOrderInputError(`increases must be accept or reject (got ${shown(increases)})`);
	const platformQuantity = options.platformQuantity ?? 'accepted';
	if (platformQuantity !== 'accepted' && platformQuantity !== 'acceptedAndBackordered')
		throw new ChangeOrderInputError(
			`platformQuantity must be accepted or acceptedAndBackordered (got ${shown(platformQuantity)})`,
		);
	if (
		previousAcknowledgement &&
		previousAcknowledgement.purchaseOrderNumber !== current.purchaseOrderNumber
	) {
		throw new ChangeOrderInputError(
			`The previous acknowledgement is for PO ${previousAcknowledgement.purchaseOrderNumber}, not ${current.purchaseOrderNumber}`,
		);
	}
	const warnings: string[] = [];
	const previousMapped = mapPurchaseOrder(previous, mapping, options.mapOptions);
	const currentMapped = mapPurchaseOrder(current, mapping, options.mapOptions);
	const before = previousStates(previous, previousMapped, previousAcknowledgement);
	const changeByCurrent = new Map<number, LineChange>();
	for (const c of diff.lines)
		if (c.currentIndex !== undefined) changeByCurrent.set(c.currentIndex, c);
	const windowChanged = diff.header.some(
		(h) => h.field === 'shipWindow' || h.field === 'deliveryWindow',
	);
	const platformEachesOf = (accepted: number, backordered: number, size: number) =>
		(platformQuantity === 'accepted' ? accepted : accepted + backordered) * size;

	const lines: LinePlan[] = [];
	const allocationLines: LineAllocation[] = [];
	const mappingExceptions: MappingIssue[] = [];
	current.items.forEach((item, i) => {
		const mapped: MappedLine = currentMapped.lines[i];
		const change = changeByCurrent.get(i);
		const size = item.orderedQuantity.unitOfMeasure === 'Cases' ? item.orderedQuantity.unitSize : 1;
		const ordered = item.orderedQuantity.amount;
		const prevIndex = change
			? change.previousIndex
			: previous.items.findIndex((p) =>
					sameSequence(p.itemSequenceNumber, item.itemSequenceNumber),
				);
		const prevItem =
			prevIndex !== undefined && prevIndex >= 0 ? previous.items[prevIndex] : undefined;
		const prevState = prevIndex !== undefined && prevIndex >= 0 ? before.get(prevIndex) : undefined;
		const prevSize = prevItem
			? prevItem.orderedQuantity.unitOfMeasure === 'Cases'
				? prevItem.orderedQuantity.unitSize
				: 1
			: size;
		const kind: LinePlan['change'] =
			change === undefined
				? 'unchanged'
				: change.kinds.includes('added') || change.kinds.includes('productChanged')
					? 'added'
					: 'changed';
		// A line cancelled to 0 needs no mapping: only lines that still carry units can block.
		if (change !== undefined && ordered > 0)
			for (const e of mapped.exceptions) mappingExceptions.push(e);

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
			accepted = increases === 'accept' ? ordered : 0;
			backordered = 0;
			if (increases === 'reject') rejectionReason = 'TemporarilyUnavailable';
		} else {
			const prevTaken = prevState.accepted + prevState.backordered;
			const prevOrdered = prevItem ? prevItem.orderedQuantity.amount : 0;
			let taken: number;
			if (prevTaken === 0 && prevOrdered > 0)
				taken = 0; // rejected in full: stays rejected
			else if (increases === 'accept')
				taken = Math.max(0, ordered - Math.min(prevState.rejected, ordered));
			else taken = Math.min(prevTaken, ordered);
			// Amounts are per unit of the line; a change of case size is read in the new unit.
			if (prevSize !== size) taken = Math.min(taken, ordered);
			// Units Amazon takes away come off the backorder first (they are not in stock); units it
			// adds are accepted. The backorder never grows.
			backordered = Math.min(prevState.backordered, Math.max(0, taken - prevState.accepted));
			if (backordered > 0 && !item.isBackOrderAllowed) {
				warnings.push(
					`Line ${item.itemSequenceNumber}: ${backordered} backordered units, but Amazon no longer allows a backorder on the line: they are rejected`,
				);
				taken -= backordered;
				backordered = 0;
			}
			accepted = taken - backordered;
		}
		let rejected = ordered - accepted - backordered;
		if (rejected < 0) {
			// A line unchanged on Amazon's side but acknowledged above its quantity: cap it.
			accepted = Math.max(0, ordered - backordered);
			rejected = ordered - accepted - backordered;
		}
		if (rejected > 0 && rejectionReason === undefined) rejectionReason = 'TemporarilyUnavailable';

		const plan: LinePlan = {
			index: i,
			itemSequenceNumber: item.itemSequenceNumber,
			change: kind,
			unitOfMeasure: item.orderedQuantity.unitOfMeasure,
			unitSize: size,
			ordered,
			previous: {
				ordered: kind === 'added' || !prevItem ? 0 : prevItem.orderedQuantity.amount,
				accepted: kind === 'added' ? 0 : (prevState?.accepted ?? 0),
				backordered: kind === 'added' ? 0 : (prevState?.backordered ?? 0),
				rejected: kind === 'added' ? 0 : (prevState?.rejected ?? 0),
				platformEaches:
					kind === 'added' || !prevState
						? 0
						: platformEachesOf(prevState.accepted, prevState.backordered, prevSize),
			},
			accepted,
			backordered,
			rejected,
			platformEaches: platformEachesOf(accepted, backordered, size),
		};
		if (mapped.sku !== undefined) plan.sku = mapped.sku;
		if (rejected > 0 && rejectionReason !== undefined) plan.rejectionReason = rejectionReason;
		lines.push(plan);

		const alloc: LineAllocation = {
			index: i,
			itemSequenceNumber: item.itemSequenceNumber,
			unitOfMeasure: item.orderedQuantity.unitOfMeasure,
			unitSize: size,
			ordered,
			accepted,
			backordered,
			rejected,
			orderedEaches: ordered * size,
			acceptedEaches: accepted * size,
			backorderedEaches: backordered * size,
			rejectedEaches: rejected * size,
		};
		if (mapped.sku !== undefined) alloc.sku = mapped.sku;
		// A line cancelled to 0 is echoed with a Rejected loop of 0: keep its known reason.
		if (rejected > 0 || (ordered === 0 && rejectionReason !== undefined))
			alloc.rejectionReason = rejectionReason ?? 'TemporarilyUnavailable';
		allocationLines.push(alloc);
	});
	// A product change also removes the old product's eaches: account it as a removed line.
	for (const change of diff.lines) {
		const removedOld = change.kinds.includes('removed') || change.kinds.includes('productChanged');
		if (!removedOld || change.previousIndex === undefined) continue;
		const prevItem = previous.items[change.previousIndex];
		const prevState = before.get(change.previousIndex);
		const prevSize =
			prevItem.orderedQuantity.unitOfMeasure === 'Cases' ? prevItem.orderedQuantity.unitSize : 1;
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
					? platformEachesOf(prevState.accepted, prevState.backordered, prevSize)
					: 0,
			},
			accepted: 0,
			backordered: 0,
			rejected: 0,
			platformEaches: 0,
		};
		const sku = previousMapped.lines[change.previousIndex]?.sku;
		if (sku !== undefined) plan.sku = sku;
		lines.push(plan);
	}

	// Per SKU
	const platformBySku = new Map<string, PlatformOrderLine[]>();
	for (const line of platformOrder.lines) {
		const list = platformBySku.get(line.sku) ?? [];
		list.push(line);
		platformBySku.set(line.sku, list);
	}
	const duplicateSkus = [...platformBySku.entries()]
		.filter(([, list]) => list.length > 1)
		.map(([sku]) => sku);
	const touched = new Set<string>();
	for (const l of lines) if (l.change !== 'unchanged' && l.sku !== undefined) touched.add(l.sku);
	const unmappedChanged = lines.filter(
		(l) =>
			l.change !== 'unchanged' &&
			l.sku === undefined &&
			l.platformEaches + l.previous.platformEaches > 0,
	);
	for (const l of unmappedChanged)
		warnings.push(
			`Line ${l.itemSequenceNumber} has no SKU in the mapping: it cannot be on the platform order`,
		);

	const skus: SkuPlan[] = [];
	for (const sku of touched) {
		const skuLines = lines.filter((l) => l.sku === sku);
		const target = skuLines.reduce((n, l) => n + l.platformEaches, 0);
		const previousEaches = skuLines.reduce((n, l) => n + l.previous.platformEaches, 0);
		const onPlatform = platformBySku.get(sku) ?? [];
		const platformOrdered = onPlatform.reduce((n, l) => n + l.ordered, 0);
		const fulfilled = onPlatform.reduce((n, l) => n + (l.fulfilled ?? 0), 0);
		const inProgress = onPlatform.reduce((n, l) => n + (l.inProgress ?? 0), 0);
		let action: SkuPlan['action'];
		if (target === platformOrdered) action = 'unchanged';
		else if (onPlatform.length === 0) action = target > 0 ? 'add' : 'unchanged';
		else if (target === 0) action = 'remove';
		else action = 'setQuantity';
		const entry: SkuPlan = {
			sku,
			action,
			platformOrdered,
			previousEaches,
			targetEaches: target,
			deltaEaches: target - platformOrdered,
			fulfilled,
			inProgress,
			itemSequenceNumbers: [...new Set(skuLines.map((l) => l.itemSequenceNumber))],
		};
		if (onPlatform[0]?.lineItemId !== undefined) entry.lineItemId = onPlatform[0].lineItemId;
		const variant = onPlatform.find((l) => l.variantId !== undefined)?.variantId;
		if (variant !== undefined) entry.variantId = variant;
		if (onPlatform.length > 0 && previousEaches !== platformOrdered) {
			warnings.push(
				`SKU ${JSON.stringify(sku)}: the platform order has ${platformOrdered} eaches, the previous PO version ${previousEaches}: the platform order was changed outside the workflow (the plan sets ${target})`,
			);
		}
		skus.push(entry);
	}

	// Order value (accepted eaches x net cost, per-each lines only)
	const currency =
		current.items.find((it) => it.netCost !== undefined)?.netCost?.currencyCode ??
		previous.items.find((it) => it.netCost !== undefined)?.netCost?.currencyCode;
	const excluded: string[] = [];
	let previousValue = new Decimal(BigInt(0), 0);
	previous.items.forEach((item, i) => {
		const state = before.get(i);
		const size = item.orderedQuantity.unitOfMeasure === 'Cases' ? item.orderedQuantity.unitSize : 1;
		const v = lineValue(
			item,
			((state?.accepted ?? 0) + (state?.backordered ?? 0)) * size,
			currency,
			[],
		);
		if (v !== undefined) previousValue = add(previousValue, v);
	});
	let currentValue = new Decimal(BigInt(0), 0);
	current.items.forEach((item, i) => {
		const l = lines[i];
		const v = lineValue(item, (l.accepted + l.backordered) * l.unitSize, currency, excluded);
		if (v !== undefined) currentValue = add(currentValue, v);
	});
	const orderValue: OrderValue = {
		previous: toDecimalString(previousValue),
		current: toDecimalString(currentValue),
		difference: toDecimalString(subtract(currentValue, previousValue)),
		excludedLines: excluded,
	};
	if (currency !== undefined) orderValue.currencyCode = currency;

	const plan: EditPlan = {
		purchaseOrderNumber: current.purchaseOrderNumber,
		skus,
		setQuantities: skus
			.filter((s) => s.action === 'setQuantity' || s.action === 'remove')
			.map((s) => {
				const out: EditPlan['setQuantities'][number] = {
					sku: s.sku,
					eaches: s.targetEaches,
					restock: s.targetEaches < s.platformOrdered,
				};
				if (s.lineItemId !== undefined) out.lineItemId = s.lineItemId;
				return out;
			}),
		removals: skus
			.filter((s) => s.action === 'remove')
			.map((s) => {
				const out: EditPlan['removals'][number] = { sku: s.sku, previousEaches: s.platformOrdered };
				if (s.lineItemId !== undefined) out.lineItemId = s.lineItemId;
				return out;
			}),
		additions: skus
			.filter((s) => s.action === 'add')
			.map((s) => {
				const out: EditPlan['additions'][number] = {
					sku: s.sku,
					eaches: s.targetEaches,
					itemSequenceNumbers: s.itemSequenceNumbers,
				};
				if (s.variantId !== undefined) out.variantId = s.variantId;
				return out;
			}),
		lines,
		orderValue,
		headerUpdates: diff.header,
		warnings,
	};
	if (platformOrder.id !== undefined) plan.platformOrderId = platformOrder.id;
	if (windowChanged)
		warnings.push(
			'The ship or delivery window changed: every line with accepted units is re-acknowledged with the new dates',
		);

	const allocation: PurchaseOrderAllocation = {
		purchaseOrderNumber: current.purchaseOrderNumber,
		inputIndex: 0,
		lines: allocationLines,
		skus: [],
		fullyAccepted: allocationLines.every((l) => l.accepted === l.ordered),
		nothingAccepted: allocationLines.every((l) => l.accepted === 0),
	};
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
	return planInternals(
		diff,
		previous,
		current,
		mapping,
		platformOrder,
		options.previousAcknowledgement,
		options,
	).plan;
}

// ---------------------------------------------------------------------------------------------
// Guard

/** Statuses that mean the platform order is being fulfilled (case-insensitive). */
export const DEFAULT_IN_FULFILMENT_STATUSES: readonly string[] = Object.freeze([
	'IN_PROGRESS',
	'PARTIALLY_FULFILLED',
	'FULFILLED',
	'ON_HOLD',
	'complete',
]);
/** Statuses that mean "in fulfilment" only when the order has shipments (Magento). */
export const DEFAULT_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS: readonly string[] = Object.freeze([
	'processing',
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

/**
 * The fulfilment guard on a plan: the platform order's status, and fulfilled / in-progress eaches
 * above the new target of a changed SKU. Returns every reason (not only the first).
 */
export function guardChange(
	plan: EditPlan,
	platformOrder: PlatformOrder,
	options: GuardOptions = {},
): GuardResult {
	const reasons: BlockReason[] = [];
	const statuses = statusList(platformOrder.status);
	const always = new Set(
		(options.inFulfilmentStatuses ?? DEFAULT_IN_FULFILMENT_STATUSES).map((s) =>
			s.trim().toLowerCase(),
		),
	);
	const withShipments = new Set(
		(
			options.inFulfilmentStatusesWithShipments ?? DEFAULT_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS
		).map((s) => s.trim().toLowerCase()),
	);
	const matched = statuses.filter(
		(s) =>
			always.has(s.toLowerCase()) ||
			(platformOrder.hasShipments === true && withShipments.has(s.toLowerCase())),
	);
	if (matched.length) {
		reasons.push({
			code: 'ORDER_IN_FULFILMENT',
			message: `The platform order${platformOrder.name ? ` ${platformOrder.name}` : ''} is in fulfilment (status ${matched.join(', ')}${platformOrder.hasShipments ? ', has shipments' : ''}): it must not be changed automatically`,
			details: { statuses, hasShipments: platformOrder.hasShipments ?? false },
		});
	}
	for (const s of plan.skus) {
		const committed = s.fulfilled + s.inProgress;
		if (committed > s.targetEaches) {
			reasons.push({
				code: 'LINE_FULFILLED_BEYOND_NEW_QUANTITY',
				message: `SKU ${JSON.stringify(s.sku)} (PO line ${s.itemSequenceNumbers.join(', ')}): ${s.fulfilled} eaches fulfilled and ${s.inProgress} in progress, more than the new quantity of ${s.targetEaches}`,
				sku: s.sku,
				itemSequenceNumber: s.itemSequenceNumbers[0],
				details: {
					fulfilled: s.fulfilled,
					inProgress: s.inProgress,
					newEaches: s.targetEaches,
					platformOrdered: s.platformOrdered,
					previousEaches: s.previousEaches,
				},
			});
		}
	}
	return {
		blocked: reasons.length > 0,
		reasons,
		suggestedAction: suggestAction(reasons),
		matchedStatuses: matched,
	};
}

function suggestAction(reasons: readonly BlockReason[]): string {
	if (reasons.length === 0) return '';
	const codes = new Set(reasons.map((r) => r.code));
	const steps: string[] = [];
	if (codes.has('ORDER_IN_FULFILMENT') || codes.has('LINE_FULFILLED_BEYOND_NEW_QUANTITY')) {
		steps.push(
			'Ask the warehouse to stop or hold picking of the affected lines; ship no more than the new PO quantity (shipping cancelled or reduced units causes overage chargebacks); correct the platform order by hand, then build the ASN from what actually ships and re-acknowledge within 48 hours of the change',
		);
	}
	if (codes.has('MAPPING_EXCEPTION'))
		steps.push(
			'Fix the mapping (SKU, case pack or expected cost) of the changed lines, then run the change again',
		);
	if (codes.has('REACKNOWLEDGEMENT_NOT_ALLOWED'))
		steps.push('Keep previously rejected units rejected: Amazon refuses Rejected -> Accepted');
	if (codes.has('REACKNOWLEDGEMENT_INVALID'))
		steps.push('Correct the acknowledgement data named in the reasons');
	if (codes.has('DUPLICATE_PLATFORM_SKU'))
		steps.push(
			'Merge the platform order lines that carry the same SKU, or apply the change by hand',
		);
	if (codes.has('PURCHASE_ORDER_CLOSED'))
		steps.push('Amazon closed the PO: cancel the platform order by hand if nothing has shipped');
	return steps.join('. ') + '.';
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface ReacknowledgementBuild {
	acknowledgement: OrderAcknowledgement;
	request: SubmitAcknowledgementRequest;
	/** Item sequence numbers in the acknowledgement. */
	lines: string[];
	warnings: string[];
	timing?: AcknowledgementTiming;
}

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
	/** `changedLines` (default): only changed and added lines (all accepted lines when a window moved); `fullOrder`: every line. */
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

/**
 * The Apply Change Order decision for one PO: `noChange` when the diff is empty, `blocked` with
 * every reason and a suggested action, or `apply` with the edit plan and the re-acknowledgement
 * (validated against Amazon's model; absent when no line needs one, e.g. a ship-to change only).
 */
export function evaluateChangeOrder(
	input: ChangeOrderInput,
	options: ChangeOrderOptions,
): ChangeOrderResult {
	const diff = diffPurchaseOrders(input.previous, input.current);
	if (diff.isEmpty) return { route: 'noChange', diff };
	const reacknowledge = options.reacknowledge ?? 'changedLines';
	if (reacknowledge !== 'changedLines' && reacknowledge !== 'fullOrder')
		throw new ChangeOrderInputError(
			`reacknowledge must be changedLines or fullOrder (got ${shown(reacknowledge)})`,
		);

	const internals = planInternals(
		diff,
		input.previous,
		input.current,
		input.mapping,
		input.platformOrder,
		input.previousAcknowledgement,
		options,
	);
	const { plan } = internals;
	const guard = guardChange(plan, input.platformOrder, options);
	const reasons = [...guard.reasons];
	const warnings = [...plan.warnings];

	if (
		input.current.purchaseOrderState === 'Closed' &&
		input.previous.purchaseOrderState !== 'Closed'
	) {
		reasons.push({
			code: 'PURCHASE_ORDER_CLOSED',
			message: `Amazon closed PO ${input.current.purchaseOrderNumber} (cancelled, or rejected, or fully received): there is nothing to apply automatically`,
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
		if (plan.skus.some((s) => s.sku === sku && s.action !== 'unchanged')) {
			reasons.push({
				code: 'DUPLICATE_PLATFORM_SKU',
				message: `SKU ${JSON.stringify(sku)} is on more than one platform order line: the new quantity cannot be placed automatically`,
				sku,
			});
		}
	}

	// Re-acknowledgement of the changed lines
	let reacknowledgement: ReacknowledgementBuild | undefined;
	const windowChanged = diff.header.some(
		(h) => h.field === 'shipWindow' || h.field === 'deliveryWindow',
	);
	const wanted = new Set<number>();
	plan.lines.forEach((l) => {
		if (l.index === undefined) return;
		if (
			reacknowledge === 'fullOrder' ||
			l.change === 'changed' ||
			l.change === 'added' ||
			(windowChanged && l.accepted + l.backordered > 0)
		)
			wanted.add(l.index);
	});
	// Lines Amazon cancelled to 0 are not acknowledged (see acknowledgement.ts): they leave the order.
	const currentItems = internals.currentMapped.purchaseOrder.items;
	const wantedLines = new Set(
		[...wanted]
			.filter((i) => currentItems[i] && currentItems[i].orderedQuantity.amount > 0)
			.map((i) => currentItems[i].itemSequenceNumber),
	);
	const cancelledWanted = [...wanted]
		.filter((i) => currentItems[i] && currentItems[i].orderedQuantity.amount === 0)
		.map((i) => currentItems[i].itemSequenceNumber);
	if (cancelledWanted.length) {
		warnings.push(
			`Line${cancelledWanted.length === 1 ? '' : 's'} ${cancelledWanted.join(', ')} cancelled by Amazon (quantity 0): not re-acknowledged`,
		);
	}
	if (wantedLines.size > 0 && input.current.purchaseOrderState !== 'Closed') {
		try {
			const built = buildAcknowledgement(
				internals.currentMapped,
				internals.allocation,
				options.acknowledgement,
			);
			const acknowledgement: OrderAcknowledgement = {
				...built.acknowledgement,
				items: built.acknowledgement.items.filter((item) =>
					wantedLines.has(item.itemSequenceNumber ?? ''),
				),
			};
			const request: SubmitAcknowledgementRequest = { acknowledgements: [acknowledgement] };
			const validation = validateAcknowledgementRequest(request);
			if (!validation.ok) {
				for (const issue of validation.issues)
					reasons.push({
						code: 'REACKNOWLEDGEMENT_INVALID',
						message: `${issue.path}: ${issue.message}`,
					});
			}
			const previousCodes: PreviousAcknowledgement =
				input.previousAcknowledgement ?? derivedPreviousCodes(plan);
			const check = checkReacknowledgement(previousCodes, acknowledgement);
			for (const t of check.transitions)
				reasons.push({
					code: 'REACKNOWLEDGEMENT_NOT_ALLOWED',
					message: t.message,
					itemSequenceNumber: t.line,
					details: { previous: t.previous, next: t.next },
				});
			reacknowledgement = {
				acknowledgement,
				request,
				lines: acknowledgement.items.map((it) => it.itemSequenceNumber ?? ''),
				warnings: built.warnings,
			};
			try {
				const timing = acknowledgementTiming(input.current, options.acknowledgement.now);
				reacknowledgement.timing = timing;
				if (!timing.withinChangeWindow)
					warnings.push(
						`The change is older than 48 hours (changed ${timing.lastChangedAt}): Amazon expects only date updates by now`,
					);
			} catch (error) {
				warnings.push(`Timing not checked: ${(error as Error).message}`);
			}
		} catch (error) {
			reasons.push({ code: 'REACKNOWLEDGEMENT_INVALID', message: (error as Error).message });
		}
	}

	if (reasons.length > 0) {
		return { route: 'blocked', diff, reasons, suggestedAction: suggestAction(reasons), warnings };
	}
	const out: ChangeOrderResult = { route: 'apply', diff, plan, warnings };
	if (reacknowledgement !== undefined) out.reacknowledgement = reacknowledgement;
	return out;
}

/** Without the previous acknowledgement: the codes implied by the previous states of the plan. */
function derivedPreviousCodes(
	plan: EditPlan,
): Record<string, Array<'Accepted' | 'Backordered' | 'Rejected'>> {
	const out: Record<string, Array<'Accepted' | 'Backordered' | 'Rejected'>> = {};
	for (const l of plan.lines) {
		if (l.change === 'added' || l.index === undefined) continue;
		const codes: Array<'Accepted' | 'Backordered' | 'Rejected'> = [];
		if (l.previous.accepted > 0) codes.push('Accepted');
		if (l.previous.backordered > 0) codes.push('Backordered');
		if (l.previous.rejected > 0) codes.push('Rejected');
		if (codes.length) out[l.itemSequenceNumber] = codes;
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Shopify orderEdit sequence (Admin GraphQL 2026-04)

/** Stands for the calculated order id returned by orderEditBegin; see {@link bindCalculatedOrderId}. */
export const CALCULATED_ORDER_ID_PLACEHOLDER = '{{calculatedOrderId}}';

/** The mutation documents for Shopify Admin GraphQL 2026-04 (arguments as in that schema). */
export const SHOPIFY_ORDER_EDIT_MUTATIONS = Object.freeze({
	orderEditBegin: `mutation orderEditBegin($id: ID!) {
  orderEditBegin(id: $id) {
    calculatedOrder { id lineItems(first: 250) { nodes { id sku quantity variant { id } } } }
    orderEditSession { id }
    userErrors { field message }
  }
}`,
	orderEditSetQuantity: `mutation orderEditSetQuantity($id: ID!, $lineItemId: ID!, $quantity: Int!, $restock: Boolean) {
  orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: $restock) {
    calculatedLineItem { id quantity }
    userErrors { field message }
  }
}`,
	orderEditAddVariant: `mutation orderEditAddVariant($id: ID!, $variantId: ID!, $quantity: Int!, $allowDuplicates: Boolean) {
  orderEditAddVariant(id: $id, variantId: $variantId, quantity: $quantity, allowDuplicates: $allowDuplicates) {
    calculatedLineItem { id quantity }
    userErrors { field message }
  }
}`,
	orderEditCommit: `mutation orderEditCommit($id: ID!, $notifyCustomer: Boolean, $staffNote: String) {
  orderEditCommit(id: $id, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    order { id }
    userErrors { field message }
  }
}`,
});

export interface ShopifySetQuantityStep {
	mutation: 'orderEditSetQuantity';
	query: string;
	sku: string;
	/** The order's line item (gid://shopify/LineItem/...). */
	orderLineItemId: string;
	variables: { id: string; lineItemId: string; quantity: number; restock: boolean };
}

export interface ShopifyAddVariantStep {
	mutation: 'orderEditAddVariant';
	query: string;
	sku: string;
	variables: { id: string; variantId: string; quantity: number; allowDuplicates: boolean };
}

export type ShopifyOrderEditStep = ShopifySetQuantityStep | ShopifyAddVariantStep;

export interface ShopifyOrderEditSequence {
	/** False when a step could not be built (see `problems`); do not run a partial sequence. */
	ok: boolean;
	problems: string[];
	begin: { mutation: 'orderEditBegin'; query: string; variables: { id: string } };
	steps: ShopifyOrderEditStep[];
	commit: {
		mutation: 'orderEditCommit';
		query: string;
		variables: { id: string; notifyCustomer: boolean; staffNote: string };
	};
	/** The value standing for the calculated order id in steps and commit until bound. */
	calculatedOrderIdPlaceholder: string;
}

export interface ShopifySequenceOptions {
	/** Variant ids (gid://shopify/ProductVariant/...) for SKUs to add, when the plan has none. */
	variantIds?: Readonly<Record<string, string>>;
	/** Restock units taken off a line. Default true. */
	restock?: boolean;
	/** Default false (Amazon is not a Shopify customer to notify). */
	notifyCustomer?: boolean;
	/** Default "Amazon PO <number> change applied by n8n". */
	staffNote?: string;
}

function gid(type: string, id: string): string {
	return id.startsWith('gid://') ? id : `gid://shopify/${type}/${id}`;
}

/**
 * The calculated line item id for an order line item: Shopify gives the CalculatedLineItem of an
 * existing line the same numeric id as the LineItem (gid://shopify/CalculatedLineItem/<n>);
 * orderEditSetQuantity refuses a LineItem gid. Each step also carries the sku and the order line
 * item id, so a template can instead pick the id from orderEditBegin's calculatedOrder.lineItems.
 */
export function calculatedLineItemId(lineItemId: string): string {
	const match =
		/^gid:\/\/shopify\/(?:LineItem|CalculatedLineItem)\/(\d+)$/.exec(lineItemId) ??
		/^(\d+)$/.exec(lineItemId);
	if (!match)
		throw new ChangeOrderInputError(`Not a Shopify line item id: ${JSON.stringify(lineItemId)}`);
	return `gid://shopify/CalculatedLineItem/${match[1]}`;
}

/**
 * The edit plan as a ready Shopify orderEdit* sequence: orderEditBegin(id), one
 * orderEditSetQuantity per changed or removed SKU (quantity = new eaches; 0 removes), one
 * orderEditAddVariant per added SKU, orderEditCommit. Steps and commit carry
 * {@link CALCULATED_ORDER_ID_PLACEHOLDER} as `id` until {@link bindCalculatedOrderId} fills in
 * orderEditBegin's calculatedOrder.id.
 */
export function toShopifyOrderEditSequence(
	plan: EditPlan,
	platformOrder: PlatformOrder,
	options: ShopifySequenceOptions = {},
): ShopifyOrderEditSequence {
	const problems: string[] = [];
	const orderId = platformOrder.id ?? plan.platformOrderId;
	if (orderId === undefined)
		problems.push('The platform order has no id (gid://shopify/Order/...)');
	const id = CALCULATED_ORDER_ID_PLACEHOLDER;
	const steps: ShopifyOrderEditStep[] = [];
	const restock = options.restock !== false;
	for (const s of plan.skus) {
		if (s.action === 'setQuantity' || s.action === 'remove') {
			if (s.lineItemId === undefined) {
				problems.push(`SKU ${JSON.stringify(s.sku)}: the platform order line has no lineItemId`);
				continue;
			}
			let calculated: string;
			try {
				calculated = calculatedLineItemId(s.lineItemId);
			} catch (error) {
				problems.push(`SKU ${JSON.stringify(s.sku)}: ${(error as Error).message}`);
				continue;
			}
			steps.push({
				mutation: 'orderEditSetQuantity',
				query: SHOPIFY_ORDER_EDIT_MUTATIONS.orderEditSetQuantity,
				sku: s.sku,
				orderLineItemId: gid('LineItem', s.lineItemId),
				variables: {
					id,
					lineItemId: calculated,
					quantity: s.targetEaches,
					restock: restock && s.targetEaches < s.platformOrdered,
				},
			});
		} else if (s.action === 'add') {
			const variant = s.variantId ?? options.variantIds?.[s.sku];
			if (variant === undefined) {
				problems.push(
					`SKU ${JSON.stringify(s.sku)} must be added but has no variant id: give it in variantIds`,
				);
				continue;
			}
			steps.push({
				mutation: 'orderEditAddVariant',
				query: SHOPIFY_ORDER_EDIT_MUTATIONS.orderEditAddVariant,
				sku: s.sku,
				variables: {
					id,
					variantId: gid('ProductVariant', variant),
					quantity: s.targetEaches,
					allowDuplicates: false,
				},
			});
		}
	}
	if (steps.length === 0 && problems.length === 0)
		problems.push('The plan changes no platform line: there is nothing to edit');
	return {
		ok: problems.length === 0,
		problems,
		begin: {
			mutation: 'orderEditBegin',
			query: SHOPIFY_ORDER_EDIT_MUTATIONS.orderEditBegin,
			variables: { id: orderId === undefined ? '' : gid('Order', orderId) },
		},
		steps,
		commit: {
			mutation: 'orderEditCommit',
			query: SHOPIFY_ORDER_EDIT_MUTATIONS.orderEditCommit,
			variables: {
				id,
				notifyCustomer: options.notifyCustomer ?? false,
				staffNote:
					options.staffNote ?? `Amazon PO ${plan.purchaseOrderNumber} change applied by n8n`,
			},
		},
		calculatedOrderIdPlaceholder: CALCULATED_ORDER_ID_PLACEHOLDER,
	};
}

/** The sequence with orderEditBegin's calculatedOrder.id (or orderEditSession.id) in place of the placeholder. */
export function bindCalculatedOrderId(
	sequence: ShopifyOrderEditSequence,
	calculatedOrderId: string,
): ShopifyOrderEditSequence {
	if (typeof calculatedOrderId !== 'string' || calculatedOrderId.trim() === '')
		throw new ChangeOrderInputError('The calculated order id is required');
	const bind = (v: string) => (v === CALCULATED_ORDER_ID_PLACEHOLDER ? calculatedOrderId : v);
	return {
		...sequence,
		steps: sequence.steps.map(
			(s) =>
				({ ...s, variables: { ...s.variables, id: bind(s.variables.id) } }) as ShopifyOrderEditStep,
		),
		commit: {
			...sequence.commit,
			variables: { ...sequence.commit.variables, id: bind(sequence.commit.variables.id) },
		},
	};
}
