/**
 * The submitAcknowledgement body for mapped and allocated purchase orders, Amazon's timing rules
 * (24 h / 48 h), and the Rejected -> Accepted guard for re-acknowledgements. Pure: no n8n imports.
 *
 * What the built acknowledgement guarantees (Amazon's rules, vendor retail procurement guide):
 * - every PO line is present, in PO order, with itemSequenceNumber, amazonProductIdentifier and
 *   vendorProductIdentifier echoed exactly as on the canonical PO (trimmed of surrounding
 *   whitespace only) and orderedQuantity as ordered;
 * - one loop per outcome: Accepted n, Backordered m, Rejected r (with its rejectionReason), in the
 *   PO's unit of measure with its unitSize; accepted + backordered + rejected = ordered;
 * - no zero quantity: a line with nothing accepted gets one Rejected loop for the full quantity.
 *   A line Amazon cancelled (ordered 0) is left out, with a warning: a quantity of 0 cannot be
 *   acknowledged ("should not be zero"), and a line left out is read as rejected, which is what a
 *   cancelled line is. A PO whose every line was cancelled has nothing to acknowledge (an error);
 * - Backordered only where the PO line's isBackOrderAllowed is true (else an error: the allocation
 *   would have to be wrong);
 * - Accepted loops carry scheduledShipDate = ship window start (Collect / shipWindow POs) and
 *   scheduledDeliveryDate = delivery window start (Prepaid / deliveryWindow POs), or the option
 *   overrides; Backordered loops a later date: the backorder options, else those dates plus
 *   `backorderDelayDays` (default 7). Rejected loops carry no date;
 * - netCost as on the PO, or with `netCost: 'agreedCost'` the mapping's expected cost when it is
 *   lower (never above the PO's; weight-priced lines keep their weight unit). A PO line without
 *   netCost is acknowledged without one (warning): there is no currency or ceiling to use;
 * - sellingParty is the PO's `{ partyId }` only (Amazon needs the vendor code; address and tax
 *   details of the PO are not echoed);
 * - acknowledgementDate comes from the injected clock.
 */
import type { AllocationResult, LineAllocation, PurchaseOrderAllocation } from './allocation';
import type { MappedPurchaseOrder } from './caseMapping';
import type { CanonicalOrderItem, CanonicalPurchaseOrder } from './purchaseOrder';
import { compare, parseDecimal, toDecimalString } from './money';
import {
	DATE_TIME_PATTERN,
	SubmitAcknowledgementRequestSchema,
	type ItemQuantity,
	type Money,
	type OrderAcknowledgement,
	type OrderAcknowledgementItem,
	type OrderItemAcknowledgement,
	type SubmitAcknowledgementRequest,
} from '../generated/vendorOrders';
import { validateAgainst, type ValidationResult } from './validation';

export type AcknowledgementCode = OrderItemAcknowledgement['acknowledgementCode'];

export type Clock = Date | string | number | (() => Date);

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

export class AcknowledgementBuildError extends Error {
	constructor(
		readonly purchaseOrderNumber: string,
		message: string,
	) {
		super(`PO ${purchaseOrderNumber}: ${message}`);
		this.name = 'AcknowledgementBuildError';
	}
}

export class AcknowledgementOptionsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AcknowledgementOptionsError';
	}
}

// ---------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})$/;
const NO_ZONE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/;

function iso(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Epoch ms of the clock. */
export function clockTime(clock: Clock): number {
	const value = typeof clock === 'function' ? clock() : clock;
	const ms =
		value instanceof Date
			? value.getTime()
			: typeof value === 'number'
				? value
				: Date.parse(String(value));
	if (!Number.isFinite(ms))
		throw new AcknowledgementOptionsError(`The clock gave no valid date (got ${String(value)})`);
	return ms;
}

/**
 * A date-time Amazon's pattern accepts: kept as is when it already matches; a calendar date gets
 * T00:00:00Z; a date-time without zone is read as UTC. Undefined when unreadable.
 */
export function toAmazonDateTime(value: string): string | undefined {
	const text = value.trim();
	if (DATE_TIME_PATTERN.test(text)) return text;
	const date = DATE_ONLY.exec(text);
	if (date)
		return Number.isNaN(Date.parse(`${date[1]}T00:00:00Z`)) ? undefined : `${date[1]}T00:00:00Z`;
	const noZone = NO_ZONE.exec(text);
	const candidate = noZone ? `${noZone[1]}${noZone[2] ?? ':00'}Z` : text;
	const ms = Date.parse(candidate);
	if (Number.isNaN(ms)) return undefined;
	const out = DATE_TIME_PATTERN.test(candidate) ? candidate : iso(ms);
	return DATE_TIME_PATTERN.test(out) ? out : undefined;
}

function optionDate(value: string | undefined, name: string): string | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const out = toAmazonDateTime(value);
	if (out === undefined)
		throw new AcknowledgementOptionsError(
			`${name} must be an ISO 8601 date-time such as "2024-05-01T12:00:00Z" (got ${JSON.stringify(value)})`,
		);
	return out;
}

function windowDate(
	value: string | undefined,
	name: string,
	warnings: string[],
): string | undefined {
	if (value === undefined) return undefined;
	const out = toAmazonDateTime(value);
	if (out === undefined)
		warnings.push(`${name} start ${JSON.stringify(value)} is not a date-time: not used`);
	else if (out !== value) warnings.push(`${name} start ${JSON.stringify(value)} sent as ${out}`);
	return out;
}

function plusDays(value: string | undefined, days: number): string | undefined {
	return value === undefined ? undefined : iso(Date.parse(value) + days * DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Building

interface LoopDates {
	scheduledShipDate?: string;
	scheduledDeliveryDate?: string;
}

function withDates(loop: OrderItemAcknowledgement, dates: LoopDates): OrderItemAcknowledgement {
	if (dates.scheduledShipDate !== undefined) loop.scheduledShipDate = dates.scheduledShipDate;
	if (dates.scheduledDeliveryDate !== undefined)
		loop.scheduledDeliveryDate = dates.scheduledDeliveryDate;
	return loop;
}

function orderedQuantityOf(item: CanonicalOrderItem): ItemQuantity {
	const q = item.orderedQuantity;
	return { amount: q.amount, unitOfMeasure: q.unitOfMeasure, unitSize: q.unitSize };
}

function moneyOf(
	m: { currencyCode: string; amount: string; unitOfMeasure?: Money['unitOfMeasure'] },
	amount = m.amount,
): Money {
	const out: Money = { currencyCode: m.currencyCode, amount };
	if (m.unitOfMeasure !== undefined) out.unitOfMeasure = m.unitOfMeasure;
	return out;
}

function checkLine(
	poNumber: string,
	item: CanonicalOrderItem,
	line: LineAllocation | undefined,
	i: number,
): LineAllocation {
	if (line === undefined || line.index !== i)
		throw new AcknowledgementBuildError(
			poNumber,
			`the allocation has no line for item ${i} (itemSequenceNumber ${JSON.stringify(item.itemSequenceNumber)})`,
		);
	if (line.itemSequenceNumber !== item.itemSequenceNumber) {
		throw new AcknowledgementBuildError(
			poNumber,
			`allocation line ${i} is for itemSequenceNumber ${JSON.stringify(line.itemSequenceNumber)}, the PO item is ${JSON.stringify(item.itemSequenceNumber)}`,
		);
	}
	const ordered = item.orderedQuantity.amount;
	for (const [name, n] of [
		['accepted', line.accepted],
		['backordered', line.backordered],
		['rejected', line.rejected],
	] as const) {
		if (!Number.isSafeInteger(n) || n < 0)
			throw new AcknowledgementBuildError(
				poNumber,
				`line ${item.itemSequenceNumber}: ${name} must be a whole number of 0 or more (got ${String(n)})`,
			);
	}
	if (line.accepted + line.backordered + line.rejected !== ordered) {
		throw new AcknowledgementBuildError(
			poNumber,
			`line ${item.itemSequenceNumber}: accepted ${line.accepted} + backordered ${line.backordered} + rejected ${line.rejected} must equal the ${ordered} ordered`,
		);
	}
	if (line.backordered > 0 && !item.isBackOrderAllowed) {
		throw new AcknowledgementBuildError(
			poNumber,
			`line ${item.itemSequenceNumber}: Amazon does not allow a backorder on this line (isBackOrderAllowed is false)`,
		);
	}
	return line;
}

/** Builds one OrderAcknowledgement for a mapped PO and its allocation (see the module notes). */
export function buildAcknowledgement(
	mapped: MappedPurchaseOrder,
	allocation: PurchaseOrderAllocation,
	options: AcknowledgementOptions,
): AcknowledgementBuild {
	const po: CanonicalPurchaseOrder = mapped.purchaseOrder;
	const poNumber = po.purchaseOrderNumber;
	if (allocation.purchaseOrderNumber !== poNumber) {
		throw new AcknowledgementBuildError(
			poNumber,
			`the allocation is for PO ${allocation.purchaseOrderNumber}`,
		);
	}
	if (allocation.lines.length !== po.items.length) {
		throw new AcknowledgementBuildError(
			poNumber,
			`the allocation has ${allocation.lines.length} lines for ${po.items.length} PO items`,
		);
	}
	const delay = options.backorderDelayDays ?? 7;
	if (!Number.isFinite(delay) || delay < 0)
		throw new AcknowledgementOptionsError(
			`backorderDelayDays must be 0 or more (got ${String(delay)})`,
		);
	const costMode = options.netCost ?? 'purchaseOrder';
	if (costMode !== 'purchaseOrder' && costMode !== 'agreedCost')
		throw new AcknowledgementOptionsError(
			`netCost must be purchaseOrder or agreedCost (got ${JSON.stringify(costMode)})`,
		);

	const warnings: string[] = [];
	const partyId = po.sellingParty?.partyId ?? options.sellingPartyId?.trim();
	if (!partyId)
		throw new AcknowledgementBuildError(
			poNumber,
			'the PO has no sellingParty and no vendor code (sellingPartyId) was given',
		);

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
	const acknowledgementDate = iso(clockTime(options.now));

	const items: OrderAcknowledgementItem[] = [];
	let anyAccepted = false;
	let anyBackordered = false;
	const cancelled: string[] = [];
	for (let i = 0; i < po.items.length; i++) {
		const item = po.items[i];
		const line = checkLine(poNumber, item, allocation.lines[i], i);
		if (item.orderedQuantity.amount === 0) {
			cancelled.push(item.itemSequenceNumber);
			continue;
		}
		const unit = item.orderedQuantity.unitOfMeasure;
		const unitSize = item.orderedQuantity.unitSize;
		const quantity = (amount: number): ItemQuantity => ({ amount, unitOfMeasure: unit, unitSize });

		const loops: OrderItemAcknowledgement[] = [];
		if (line.accepted > 0) {
			anyAccepted = true;
			loops.push(
				withDates(
					{ acknowledgementCode: 'Accepted', acknowledgedQuantity: quantity(line.accepted) },
					accepted,
				),
			);
		}
		if (line.backordered > 0) {
			anyBackordered = true;
			loops.push(
				withDates(
					{ acknowledgementCode: 'Backordered', acknowledgedQuantity: quantity(line.backordered) },
					backordered,
				),
			);
		}
		if (line.rejected > 0) {
			const loop: OrderItemAcknowledgement = {
				acknowledgementCode: 'Rejected',
				acknowledgedQuantity: quantity(line.rejected),
			};
			loop.rejectionReason = line.rejectionReason ?? 'TemporarilyUnavailable';
			loops.push(loop);
		}

		const out: OrderAcknowledgementItem = {
			itemSequenceNumber: item.itemSequenceNumber,
		} as OrderAcknowledgementItem;
		if (item.amazonProductIdentifier !== undefined)
			out.amazonProductIdentifier = item.amazonProductIdentifier;
		if (item.vendorProductIdentifier !== undefined)
			out.vendorProductIdentifier = item.vendorProductIdentifier;
		out.orderedQuantity = orderedQuantityOf(item);
		const cost = netCostFor(item, mapped.lines[i]?.expectedUnitCost, costMode, warnings);
		if (cost !== undefined) out.netCost = cost;
		if (item.listPrice !== undefined) out.listPrice = moneyOf(item.listPrice);
		out.itemAcknowledgements = loops;
		items.push(out);
	}
	if (cancelled.length) {
		warnings.push(
			`line${cancelled.length === 1 ? '' : 's'} ${cancelled.join(', ')} cancelled by Amazon (quantity 0): left out of the acknowledgement`,
		);
	}
	if (!items.length)
		throw new AcknowledgementBuildError(
			poNumber,
			'Amazon cancelled every line (quantity 0): there is nothing to acknowledge',
		);

	if (
		anyAccepted &&
		accepted.scheduledShipDate === undefined &&
		accepted.scheduledDeliveryDate === undefined
	) {
		warnings.push(
			'the PO has no ship or delivery window and no scheduled date option was given: Accepted lines carry no date',
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
		if (anyBackordered && a !== undefined && b !== undefined && Date.parse(b) <= Date.parse(a)) {
			warnings.push(
				`the backorder ${name} date ${b} is not later than the accepted ${name} date ${a}`,
			);
		}
	}

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

// ---------------------------------------------------------------------------------------------
// Backorders: what the shop order must still ship later

/** One PO line's Backordered loop. */
export interface BackorderedLine {
	itemSequenceNumber: string;
	/** In the PO's unit (cases or eaches). */
	amount: number;
	unitOfMeasure: LineAllocation['unitOfMeasure'];
	unitSize: number;
	eaches: number;
}

/** Backordered eaches of one SKU, with the date Amazon was promised (the Backordered loop's). */
export interface SkuBackorder {
	sku: string;
	eaches: number;
	/** The latest scheduledShipDate of the SKU's Backordered loops (absent when none has one). */
	scheduledShipDate?: string;
	/** The latest scheduledDeliveryDate of the SKU's Backordered loops. */
	scheduledDeliveryDate?: string;
	lines: BackorderedLine[];
}

function later(a: string | undefined, b: string | undefined): string | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * The Backordered units of an acknowledgement per SKU (SKUs from the allocation's lines, dates
 * from the acknowledgement's Backordered loops), in the order of the PO lines. Empty when nothing
 * is backordered. These units are promised to Amazon: the shop order must hold them until they
 * ship.
 */
export function backordersOf(
	acknowledgement: OrderAcknowledgement,
	allocation: PurchaseOrderAllocation,
): SkuBackorder[] {
	const lineOf = new Map(allocation.lines.map((l) => [l.itemSequenceNumber, l]));
	const out = new Map<string, SkuBackorder>();
	for (const item of acknowledgement.items) {
		const seq = item.itemSequenceNumber ?? '';
		const line = lineOf.get(seq);
		const sku = line?.sku;
		for (const loop of item.itemAcknowledgements) {
			if (loop.acknowledgementCode !== 'Backordered') continue;
			if (line === undefined || sku === undefined) {
				throw new AcknowledgementBuildError(
					acknowledgement.purchaseOrderNumber,
					`line ${seq} is Backordered but has no SKU in the allocation`,
				);
			}
			const amount = loop.acknowledgedQuantity.amount ?? 0;
			// Eaches per Amazon unit as the allocation counted them (1 on an Eaches line).
			const unitSize = line.unitSize;
			let entry = out.get(sku);
			if (entry === undefined) {
				entry = { sku, eaches: 0, lines: [] };
				out.set(sku, entry);
			}
			entry.eaches += amount * unitSize;
			entry.lines.push({
				itemSequenceNumber: seq,
				amount,
				unitOfMeasure: line.unitOfMeasure,
				unitSize,
				eaches: amount * unitSize,
			});
			const ship = later(entry.scheduledShipDate, loop.scheduledShipDate);
			const delivery = later(entry.scheduledDeliveryDate, loop.scheduledDeliveryDate);
			if (ship !== undefined) entry.scheduledShipDate = ship;
			if (delivery !== undefined) entry.scheduledDeliveryDate = delivery;
		}
	}
	return [...out.values()];
}

/**
 * One line for an operator (order note, order comment): what is backordered and by when, e.g.
 * "Backordered at Amazon, ship when stock arrives: 2 x SKU-CASE by 2026-03-17 (PO line 1)".
 * Empty text when nothing is backordered.
 */
export function describeBackorders(backorders: readonly SkuBackorder[]): string {
	if (!backorders.length) return '';
	const parts = backorders.map((b) => {
		const when =
			b.scheduledShipDate !== undefined
				? ` by ${b.scheduledShipDate.slice(0, 10)}`
				: b.scheduledDeliveryDate !== undefined
					? ` delivered by ${b.scheduledDeliveryDate.slice(0, 10)}`
					: '';
		const lines = b.lines.map((l) => l.itemSequenceNumber).join(', ');
		return `${b.eaches} x ${b.sku}${when} (PO line${b.lines.length === 1 ? '' : 's'} ${lines})`;
	});
	return `Backordered at Amazon, ship when stock arrives: ${parts.join('; ')}`;
}

function netCostFor(
	item: CanonicalOrderItem,
	agreed: string | undefined,
	mode: 'purchaseOrder' | 'agreedCost',
	warnings: string[],
): Money | undefined {
	const poCost = item.netCost;
	if (poCost === undefined) {
		warnings.push(
			`line ${item.itemSequenceNumber}: the PO has no net cost; acknowledged without one`,
		);
		return undefined;
	}
	if (mode === 'purchaseOrder' || agreed === undefined) return moneyOf(poCost);
	const agreedCost = parseDecimal(agreed);
	if (compare(agreedCost, parseDecimal(poCost.amount)) <= 0)
		return moneyOf(poCost, toDecimalString(agreedCost));
	warnings.push(
		`line ${item.itemSequenceNumber}: the agreed cost ${agreed} is above the PO's ${poCost.amount} ${poCost.currencyCode}; the PO's cost is used (it may not be exceeded)`,
	);
	return moneyOf(poCost);
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
	return allocation.orders.map((order) => {
		const mapped = pos[order.inputIndex];
		if (mapped === undefined)
			throw new AcknowledgementBuildError(
				order.purchaseOrderNumber,
				`no mapped PO at input ${order.inputIndex}`,
			);
		return buildAcknowledgement(mapped, order, options);
	});
}

/** The submitAcknowledgement body. Refuses an empty list and the same PO twice. */
export function buildAcknowledgementRequest(
	list: readonly OrderAcknowledgement[],
): SubmitAcknowledgementRequest {
	if (!Array.isArray(list) || list.length === 0)
		throw new AcknowledgementOptionsError('There is no acknowledgement to submit');
	const seen = new Set<string>();
	for (const ack of list) {
		if (seen.has(ack.purchaseOrderNumber))
			throw new AcknowledgementBuildError(ack.purchaseOrderNumber, 'is twice in one submission');
		seen.add(ack.purchaseOrderNumber);
	}
	return { acknowledgements: [...list] };
}

/** Checks a body against Amazon's SubmitAcknowledgementRequest model, refusing unknown keys. */
export function validateAcknowledgementRequest(
	body: unknown,
): ValidationResult<SubmitAcknowledgementRequest> {
	return validateAgainst(SubmitAcknowledgementRequestSchema, body, { unknownKeys: 'reject' });
}

// ---------------------------------------------------------------------------------------------
// Timing

export interface AcknowledgementTiming {
	/** Hours from purchaseOrderDate to now. */
	hoursSinceCreation: number;
	/** purchaseOrderDate + 24 h. */
	acknowledgeBy: string;
	/** More than 24 h since the PO was created. */
	pastAcknowledgementDeadline: boolean;
	/** Amazon changed the PO after creating it (purchaseOrderChangedDate is set). */
	changed: boolean;
	/** purchaseOrderChangedDate, else purchaseOrderDate. */
	lastChangedAt: string;
	hoursSinceLastChange: number;
	/** lastChangedAt + 48 h: quantity, price and date changes must be re-acknowledged by then. */
	reacknowledgeBy: string;
	/** At most 48 h since the last change. */
	withinChangeWindow: boolean;
}

export const ACKNOWLEDGE_WITHIN_HOURS = 24;
export const REACKNOWLEDGE_WITHIN_HOURS = 48;

/** Amazon's deadlines for a PO at `now`. Throws AcknowledgementOptionsError for an unreadable date. */
export function acknowledgementTiming(
	po: Pick<CanonicalPurchaseOrder, 'purchaseOrderDate' | 'purchaseOrderChangedDate'>,
	now: Clock,
): AcknowledgementTiming {
	const nowMs = clockTime(now);
	const created = Date.parse(po.purchaseOrderDate);
	if (Number.isNaN(created))
		throw new AcknowledgementOptionsError(
			`purchaseOrderDate is not a date-time (got ${JSON.stringify(po.purchaseOrderDate)})`,
		);
	let lastChanged = created;
	if (po.purchaseOrderChangedDate !== undefined) {
		lastChanged = Date.parse(po.purchaseOrderChangedDate);
		if (Number.isNaN(lastChanged))
			throw new AcknowledgementOptionsError(
				`purchaseOrderChangedDate is not a date-time (got ${JSON.stringify(po.purchaseOrderChangedDate)})`,
			);
	}
	const hoursSinceCreation = (nowMs - created) / HOUR_MS;
	const hoursSinceLastChange = (nowMs - lastChanged) / HOUR_MS;
	return {
		hoursSinceCreation,
		acknowledgeBy: iso(created + ACKNOWLEDGE_WITHIN_HOURS * HOUR_MS),
		pastAcknowledgementDeadline: hoursSinceCreation > ACKNOWLEDGE_WITHIN_HOURS,
		changed: po.purchaseOrderChangedDate !== undefined,
		lastChangedAt: iso(lastChanged),
		hoursSinceLastChange,
		reacknowledgeBy: iso(lastChanged + REACKNOWLEDGE_WITHIN_HOURS * HOUR_MS),
		withinChangeWindow: hoursSinceLastChange <= REACKNOWLEDGE_WITHIN_HOURS,
	};
}

// ---------------------------------------------------------------------------------------------
// Re-acknowledgement guard

/**
 * What was acknowledged before: either the earlier OrderAcknowledgement (quantities are then
 * compared too), or a simple record of the codes sent per itemSequenceNumber, e.g.
 * `{ "1": "Accepted", "2": ["Accepted", "Rejected"], "3": "Rejected" }`.
 */
export type PreviousAcknowledgement =
	| OrderAcknowledgement
	| Readonly<Record<string, AcknowledgementCode | readonly AcknowledgementCode[]>>;

export interface ReacknowledgementTransition {
	/** The line's key: itemSequenceNumber (else `ASIN:`/`vendor:` + identifier). */
	line: string;
	previous: AcknowledgementCode[];
	next: AcknowledgementCode[];
	/**
	 * `rejectedLine`: the line was acknowledged Rejected only, and now Accepted or Backordered.
	 * `rejectedUnits`: part of the line was Rejected, and now fewer eaches are rejected and more
	 * accepted or backordered (known only when the previous acknowledgement is given in full).
	 */
	kind: 'rejectedLine' | 'rejectedUnits';
	/** For `rejectedUnits`: eaches turned from Rejected to Accepted/Backordered. */
	eaches?: number;
	message: string;
}

export interface ReacknowledgementCheck {
	/** False when any line goes from Rejected to Accepted or Backordered: do not send. */
	allowed: boolean;
	transitions: ReacknowledgementTransition[];
}

interface LineState {
	codes: AcknowledgementCode[];
	/** Eaches per code, when quantities are known. */
	eaches?: Record<AcknowledgementCode, number>;
}

function lineKey(item: OrderAcknowledgementItem): string {
	if (item.itemSequenceNumber !== undefined) return item.itemSequenceNumber;
	if (item.amazonProductIdentifier !== undefined) return `ASIN:${item.amazonProductIdentifier}`;
	return `vendor:${item.vendorProductIdentifier ?? ''}`;
}

function eachesOf(q: ItemQuantity): number {
	const amount = q.amount ?? 0;
	return q.unitOfMeasure === 'Cases' ? amount * (q.unitSize ?? 1) : amount;
}

function statesOf(ack: OrderAcknowledgement): Map<string, LineState> {
	const out = new Map<string, LineState>();
	for (const item of ack.items) {
		const eaches: Record<AcknowledgementCode, number> = {
			Accepted: 0,
			Backordered: 0,
			Rejected: 0,
		};
		const codes: AcknowledgementCode[] = [];
		for (const loop of item.itemAcknowledgements) {
			if (!codes.includes(loop.acknowledgementCode)) codes.push(loop.acknowledgementCode);
			eaches[loop.acknowledgementCode] += eachesOf(loop.acknowledgedQuantity);
		}
		out.set(lineKey(item), { codes, eaches });
	}
	return out;
}

function isAcknowledgement(value: PreviousAcknowledgement): value is OrderAcknowledgement {
	const v = value as Partial<OrderAcknowledgement>;
	return typeof v.purchaseOrderNumber === 'string' && Array.isArray(v.items);
}

/**
 * Lists the lines that `next` would move from Rejected to Accepted or Backordered, which Amazon
 * refuses ("a line first acknowledged Rejected cannot later become Accepted or Backordered").
 * Lines not in `previous` are new and not checked. Throws AcknowledgementBuildError when
 * `previous` is an acknowledgement of another PO.
 */
export function checkReacknowledgement(
	previous: PreviousAcknowledgement,
	next: OrderAcknowledgement,
): ReacknowledgementCheck {
	let before: Map<string, LineState>;
	if (isAcknowledgement(previous)) {
		if (previous.purchaseOrderNumber !== next.purchaseOrderNumber) {
			throw new AcknowledgementBuildError(
				next.purchaseOrderNumber,
				`the previous acknowledgement is for PO ${previous.purchaseOrderNumber}`,
			);
		}
		before = statesOf(previous);
	} else {
		before = new Map();
		for (const [key, value] of Object.entries(previous)) {
			const codes = (
				typeof value === 'string' ? [value] : [...(value as readonly AcknowledgementCode[])]
			) as AcknowledgementCode[];
			for (const code of codes) {
				if (code !== 'Accepted' && code !== 'Backordered' && code !== 'Rejected') {
					throw new AcknowledgementOptionsError(
						`previous line ${JSON.stringify(key)}: ${JSON.stringify(code)} is not Accepted, Backordered or Rejected`,
					);
				}
			}
			before.set(key, { codes });
		}
	}

	const transitions: ReacknowledgementTransition[] = [];
	for (const [key, now] of statesOf(next)) {
		const then = before.get(key);
		if (then === undefined || then.codes.length === 0) continue;
		const nowEaches = now.eaches as Record<AcknowledgementCode, number>;
		const nowTaken = nowEaches.Accepted + nowEaches.Backordered;
		const nowCodes = now.codes.filter((c) => c !== 'Rejected' && nowEaches[c] > 0);
		if (then.codes.every((c) => c === 'Rejected')) {
			if (nowCodes.length > 0) {
				transitions.push({
					line: key,
					previous: then.codes,
					next: now.codes,
					kind: 'rejectedLine',
					message: `Line ${JSON.stringify(key)} was acknowledged Rejected and cannot become ${nowCodes.join(' / ')}`,
				});
			}
			continue;
		}
		if (then.eaches === undefined || then.eaches.Rejected === 0) continue;
		const thenTaken = then.eaches.Accepted + then.eaches.Backordered;
		const turned = Math.min(then.eaches.Rejected - nowEaches.Rejected, nowTaken - thenTaken);
		if (turned > 0) {
			transitions.push({
				line: key,
				previous: then.codes,
				next: now.codes,
				kind: 'rejectedUnits',
				eaches: turned,
				message: `Line ${JSON.stringify(key)}: ${turned} eaches acknowledged Rejected before would now be ${nowCodes.join(' / ')} (rejected ${then.eaches.Rejected} -> ${nowEaches.Rejected} eaches)`,
			});
		}
	}
	return { allowed: transitions.length === 0, transitions };
}
