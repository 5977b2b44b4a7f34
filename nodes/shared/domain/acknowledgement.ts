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
import { InvalidInputError } from './inputError';
import { isObject, shown } from './values';

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

export class AcknowledgementBuildError extends InvalidInputError {
	constructor(
		readonly purchaseOrderNumber: string,
		message: string,
		path = '(root)',
	) {
		super(`PO ${purchaseOrderNumber}: ${message}`, path);
		this.name = 'AcknowledgementBuildError';
	}
}

export class AcknowledgementOptionsError extends InvalidInputError {
	constructor(message: string, path = 'options') {
		super(message, path);
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

function refuse(poNumber: string, message: string, path: string): never {
	throw new AcknowledgementBuildError(poNumber, message, path);
}

/** The arguments' shape: objects and lists where the builder reads them (else a named error). */
function checkArguments(mapped: unknown, allocation: unknown, options: unknown): void {
	const po = isObject(mapped) ? mapped.purchaseOrder : undefined;
	if (!isObject(mapped) || !isObject(po))
		throw new AcknowledgementOptionsError(
			`The mapped PO must be an object with a purchaseOrder (got ${shown(mapped)})`,
			'mapped.purchaseOrder',
		);
	const poNumber = po.purchaseOrderNumber;
	if (typeof poNumber !== 'string' || poNumber.trim() === '')
		throw new AcknowledgementOptionsError(
			`purchaseOrderNumber must be text (got ${shown(poNumber)})`,
			'mapped.purchaseOrder.purchaseOrderNumber',
		);
	if (!Array.isArray(po.items))
		refuse(poNumber, `items must be a list (got ${shown(po.items)})`, 'items');
	if (!Array.isArray(mapped.lines))
		refuse(
			poNumber,
			`the mapped lines must be a list (got ${shown(mapped.lines)})`,
			'mapped.lines',
		);
	if (!isObject(allocation) || !Array.isArray(allocation.lines))
		refuse(
			poNumber,
			`the allocation must be an object with lines (got ${shown(allocation)})`,
			'allocation',
		);
	if (!isObject(options))
		throw new AcknowledgementOptionsError(`The options must be an object (got ${shown(options)})`);
	po.items.forEach((item: unknown, i) => checkItem(poNumber, item, `items[${i}]`));
	allocation.lines.forEach((line: unknown, i) => {
		if (!isObject(line))
			refuse(poNumber, `allocation line ${i} is ${shown(line)}`, `allocation.lines[${i}]`);
	});
}

function checkItem(poNumber: string, item: unknown, path: string): void {
	if (!isObject(item)) refuse(poNumber, `${path} must be an object (got ${shown(item)})`, path);
	if (typeof item.itemSequenceNumber !== 'string')
		refuse(
			poNumber,
			`${path}.itemSequenceNumber must be text (got ${shown(item.itemSequenceNumber)})`,
			`${path}.itemSequenceNumber`,
		);
	const q = item.orderedQuantity;
	const at = `${path}.orderedQuantity`;
	if (!isObject(q)) refuse(poNumber, `${at} must be an object (got ${shown(q)})`, at);
	if (!Number.isSafeInteger(q.amount) || (q.amount as number) < 0)
		refuse(
			poNumber,
			`${at}.amount must be a whole number of 0 or more (got ${shown(q.amount)})`,
			`${at}.amount`,
		);
	if (q.unitOfMeasure !== 'Cases' && q.unitOfMeasure !== 'Eaches')
		refuse(
			poNumber,
			`${at}.unitOfMeasure must be Cases or Eaches (got ${shown(q.unitOfMeasure)})`,
			`${at}.unitOfMeasure`,
		);
	if (!Number.isSafeInteger(q.unitSize) || (q.unitSize as number) < 1)
		refuse(
			poNumber,
			`${at}.unitSize must be a whole number of 1 or more (got ${shown(q.unitSize)})`,
			`${at}.unitSize`,
		);
}

/** The Accepted and Backordered loop dates: the options, else the PO's windows (+ the delay). */
function loopDatesOf(
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

/** The Accepted, Backordered and Rejected loops of one line (no loop for a quantity of 0). */
function loopsOf(
	item: CanonicalOrderItem,
	line: LineAllocation,
	dates: { accepted: LoopDates; backordered: LoopDates },
): OrderItemAcknowledgement[] {
	const unit = item.orderedQuantity.unitOfMeasure;
	const unitSize = item.orderedQuantity.unitSize;
	const quantity = (amount: number): ItemQuantity => ({ amount, unitOfMeasure: unit, unitSize });
	const loops: OrderItemAcknowledgement[] = [];
	if (line.accepted > 0) {
		loops.push(
			withDates(
				{ acknowledgementCode: 'Accepted', acknowledgedQuantity: quantity(line.accepted) },
				dates.accepted,
			),
		);
	}
	if (line.backordered > 0) {
		loops.push(
			withDates(
				{ acknowledgementCode: 'Backordered', acknowledgedQuantity: quantity(line.backordered) },
				dates.backordered,
			),
		);
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

function acknowledgementItemOf(
	item: CanonicalOrderItem,
	loops: OrderItemAcknowledgement[],
	cost: Money | undefined,
): OrderAcknowledgementItem {
	const out: OrderAcknowledgementItem = {
		itemSequenceNumber: item.itemSequenceNumber,
	} as OrderAcknowledgementItem;
	if (item.amazonProductIdentifier !== undefined)
		out.amazonProductIdentifier = item.amazonProductIdentifier;
	if (item.vendorProductIdentifier !== undefined)
		out.vendorProductIdentifier = item.vendorProductIdentifier;
	out.orderedQuantity = orderedQuantityOf(item);
	if (cost !== undefined) out.netCost = cost;
	if (item.listPrice !== undefined) out.listPrice = moneyOf(item.listPrice);
	out.itemAcknowledgements = loops;
	return out;
}

/** Warnings about the loop dates: none for Accepted or Backordered loops, a backorder not later. */
function dateWarnings(
	items: readonly OrderAcknowledgementItem[],
	dates: { accepted: LoopDates; backordered: LoopDates },
	warnings: string[],
): void {
	const has = (code: AcknowledgementCode) =>
		items.some((i) => i.itemAcknowledgements.some((l) => l.acknowledgementCode === code));
	const { accepted, backordered } = dates;
	if (
		has('Accepted') &&
		accepted.scheduledShipDate === undefined &&
		accepted.scheduledDeliveryDate === undefined
	) {
		warnings.push(
			'the PO has no ship or delivery window and no scheduled date option was given: ' +
				'Accepted lines carry no date',
		);
	}
	if (!has('Backordered')) return;
	if (
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
		if (a !== undefined && b !== undefined && Date.parse(b) <= Date.parse(a)) {
			warnings.push(
				`the backorder ${name} date ${b} is not later than the accepted ${name} date ${a}`,
			);
		}
	}
}

/** The options the builder reads, checked: the backorder delay and the cost mode. */
function checkedOptions(options: AcknowledgementOptions): {
	delay: number;
	costMode: 'purchaseOrder' | 'agreedCost';
} {
	const delay = options.backorderDelayDays ?? 7;
	if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0)
		throw new AcknowledgementOptionsError(
			`backorderDelayDays must be 0 or more (got ${String(delay)})`,
			'options.backorderDelayDays',
		);
	const costMode = options.netCost ?? 'purchaseOrder';
	if (costMode !== 'purchaseOrder' && costMode !== 'agreedCost')
		throw new AcknowledgementOptionsError(
			`netCost must be purchaseOrder or agreedCost (got ${JSON.stringify(costMode)})`,
			'options.netCost',
		);
	return { delay, costMode };
}

/** Refuses a built acknowledgement Amazon's model would refuse (a bad value taken from the PO). */
function checkModel(ack: OrderAcknowledgement): void {
	const result = validateAgainst(SubmitAcknowledgementRequestSchema, { acknowledgements: [ack] });
	if (result.ok) return;
	const issue = result.issues[0];
	const path = issue.path.replace(/^acknowledgements\[0\]\.?/, '') || '(root)';
	throw new AcknowledgementBuildError(
		ack.purchaseOrderNumber,
		`the acknowledgement would not be valid: ${path} ${issue.message}`,
		path,
	);
}

/** Builds one OrderAcknowledgement for a mapped PO and its allocation (see the module notes). */
export function buildAcknowledgement(
	mapped: MappedPurchaseOrder,
	allocation: PurchaseOrderAllocation,
	options: AcknowledgementOptions,
): AcknowledgementBuild {
	checkArguments(mapped, allocation, options);
	const po: CanonicalPurchaseOrder = mapped.purchaseOrder;
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
	const { delay, costMode } = checkedOptions(options);
	const warnings: string[] = [];
	const partyId = po.sellingParty?.partyId ?? options.sellingPartyId?.trim();
	if (!partyId)
		throw new AcknowledgementBuildError(
			poNumber,
			'the PO has no sellingParty and no vendor code (sellingPartyId) was given',
			'sellingParty.partyId',
		);
	const dates = loopDatesOf(po, options, delay, warnings);
	const acknowledgementDate = iso(clockTime(options.now));

	const items: OrderAcknowledgementItem[] = [];
	const cancelled: string[] = [];
	for (let i = 0; i < po.items.length; i++) {
		const item = po.items[i];
		const line = checkLine(poNumber, item, allocation.lines[i], i);
		if (item.orderedQuantity.amount === 0) {
			cancelled.push(item.itemSequenceNumber);
			continue;
		}
		const cost = netCostFor(item, mapped.lines[i]?.expectedUnitCost, costMode, warnings, {
			poNumber,
			index: i,
		});
		items.push(acknowledgementItemOf(item, loopsOf(item, line, dates), cost));
	}
	if (cancelled.length) {
		warnings.push(
			`line${cancelled.length === 1 ? '' : 's'} ${cancelled.join(', ')} cancelled by Amazon (quantity 0): ` +
				'left out of the acknowledgement',
		);
	}
	if (!items.length)
		throw new AcknowledgementBuildError(
			poNumber,
			'Amazon cancelled every line (quantity 0): there is nothing to acknowledge',
			'items',
		);
	dateWarnings(items, dates, warnings);
	const acknowledgement: OrderAcknowledgement = {
		purchaseOrderNumber: poNumber,
		sellingParty: { partyId },
		acknowledgementDate,
		items,
	};
	checkModel(acknowledgement);
	return { acknowledgement, warnings };
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

/** A decimal of the PO or the mapping, or a named error that says which line and field. */
function decimalOf(
	poNumber: string,
	item: CanonicalOrderItem,
	value: unknown,
	field: string,
	index: number,
) {
	const decimal = parsedOrUndefined(value);
	if (decimal !== undefined) return decimal;
	throw new AcknowledgementBuildError(
		poNumber,
		`line ${item.itemSequenceNumber}: ${field} is not a decimal (got ${shown(value)})`,
		field === 'netCost'
			? `items[${index}].netCost.amount`
			: `mapped.lines[${index}].expectedUnitCost`,
	);
}

function parsedOrUndefined(value: unknown): ReturnType<typeof parseDecimal> | undefined {
	if (typeof value !== 'string') return undefined;
	try {
		return parseDecimal(value);
	} catch {
		return undefined;
	}
}

function netCostFor(
	item: CanonicalOrderItem,
	agreed: string | undefined,
	mode: 'purchaseOrder' | 'agreedCost',
	warnings: string[],
	at: { poNumber: string; index: number },
): Money | undefined {
	const { poNumber, index } = at;
	const poCost = item.netCost;
	if (poCost === undefined) {
		warnings.push(
			`line ${item.itemSequenceNumber}: the PO has no net cost; acknowledged without one`,
		);
		return undefined;
	}
	const poAmount = decimalOf(poNumber, item, poCost.amount, 'netCost', index);
	if (compare(poAmount, parseDecimal('0')) <= 0) {
		// Amazon's model takes any decimal; its rules want a positive cost. The build goes on (the
		// PO's cost is echoed as given) and says so: a vendor may have to correct it.
		warnings.push(
			`line ${item.itemSequenceNumber}: the PO's net cost ${poCost.amount} ${poCost.currencyCode} ` +
				'is not above 0; Amazon may refuse the acknowledgement',
		);
	}
	if (mode === 'purchaseOrder' || agreed === undefined) return moneyOf(poCost);
	const agreedCost = decimalOf(poNumber, item, agreed, 'the agreed cost', index);
	if (compare(agreedCost, poAmount) <= 0) return moneyOf(poCost, toDecimalString(agreedCost));
	warnings.push(
		`line ${item.itemSequenceNumber}: the agreed cost ${agreed} is above the PO's ${poCost.amount} ` +
			`${poCost.currencyCode}; the PO's cost is used (it may not be exceeded)`,
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
	/** The line's name as the acknowledgement gives it (for messages). */
	label: string;
	codes: AcknowledgementCode[];
	/** Eaches per code, when quantities are known. */
	eaches?: Record<AcknowledgementCode, number>;
}

const CODES: readonly AcknowledgementCode[] = ['Accepted', 'Backordered', 'Rejected'];

function isCode(value: unknown): value is AcknowledgementCode {
	return CODES.includes(value as AcknowledgementCode);
}

/** A line number as the change-order diff compares them: `"00001"` and `"1"` are the same line. */
function sequenceKey(seq: string): string {
	const text = seq.trim();
	return /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, '') : text;
}

function optionalText(
	item: Record<string, unknown>,
	field: string,
	path: string,
): string | undefined {
	const value = item[field];
	if (value === undefined || typeof value === 'string') return value;
	throw new AcknowledgementOptionsError(
		`${path}.${field} must be text (got ${shown(value)})`,
		`${path}.${field}`,
	);
}

function lineKey(item: Record<string, unknown>, path: string): { key: string; label: string } {
	const seq = optionalText(item, 'itemSequenceNumber', path);
	if (seq !== undefined) return { key: sequenceKey(seq), label: seq };
	const asin = optionalText(item, 'amazonProductIdentifier', path);
	if (asin !== undefined) return { key: `ASIN:${asin}`, label: `ASIN:${asin}` };
	const vendor = optionalText(item, 'vendorProductIdentifier', path) ?? '';
	return { key: `vendor:${vendor}`, label: `vendor:${vendor}` };
}

function wholeNumber(value: unknown, fallback: number, path: string): number {
	if (value === undefined) return fallback;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	throw new AcknowledgementOptionsError(
		`${path} must be a whole number of 0 or more (got ${shown(value)})`,
		path,
	);
}

function eachesOf(q: unknown, path: string): number {
	if (!isObject(q))
		throw new AcknowledgementOptionsError(`${path} must be an object (got ${shown(q)})`, path);
	const amount = wholeNumber(q.amount, 0, `${path}.amount`);
	const unitSize = wholeNumber(q.unitSize, 1, `${path}.unitSize`);
	return q.unitOfMeasure === 'Cases' ? amount * unitSize : amount;
}

function itemState(item: unknown, path: string): LineState & { key: string } {
	if (!isObject(item))
		throw new AcknowledgementOptionsError(`${path} must be an object (got ${shown(item)})`, path);
	const { key, label } = lineKey(item, path);
	const loops = item.itemAcknowledgements;
	if (!Array.isArray(loops))
		throw new AcknowledgementOptionsError(
			`${path}.itemAcknowledgements must be a list (got ${shown(loops)})`,
			`${path}.itemAcknowledgements`,
		);
	const eaches: Record<AcknowledgementCode, number> = { Accepted: 0, Backordered: 0, Rejected: 0 };
	const codes: AcknowledgementCode[] = [];
	loops.forEach((loop: unknown, j) => {
		const at = `${path}.itemAcknowledgements[${j}]`;
		const code = isObject(loop) ? loop.acknowledgementCode : undefined;
		if (!isObject(loop) || !isCode(code))
			throw new AcknowledgementOptionsError(
				`${at}.acknowledgementCode must be Accepted, Backordered or Rejected (got ${shown(code)})`,
				`${at}.acknowledgementCode`,
			);
		if (!codes.includes(code)) codes.push(code);
		eaches[code] += eachesOf(loop.acknowledgedQuantity, `${at}.acknowledgedQuantity`);
	});
	return { key, label, codes, eaches };
}

function statesOf(ack: Record<string, unknown>, name: string): Map<string, LineState> {
	const items = ack.items;
	if (!Array.isArray(items))
		throw new AcknowledgementOptionsError(
			`${name}.items must be a list (got ${shown(items)})`,
			`${name}.items`,
		);
	const out = new Map<string, LineState>();
	items.forEach((item: unknown, i) => {
		const { key, ...state } = itemState(item, `${name}.items[${i}]`);
		if (out.has(key))
			throw new AcknowledgementOptionsError(
				`${name}.items[${i}]: line ${JSON.stringify(state.label)} is in the acknowledgement twice`,
				`${name}.items[${i}]`,
			);
		out.set(key, state);
	});
	return out;
}

/** The per-line record of codes (`{ "1": "Accepted", "2": ["Accepted", "Rejected"] }`). */
function recordStates(previous: Record<string, unknown>): Map<string, LineState> {
	const before = new Map<string, LineState>();
	for (const [key, value] of Object.entries(previous)) {
		const list: unknown[] = Array.isArray(value) ? value : [value];
		for (const code of list) {
			if (!isCode(code)) {
				throw new AcknowledgementOptionsError(
					`previous line ${JSON.stringify(key)}: ${typeof code === 'string' ? JSON.stringify(code) : shown(code)} ` +
						'is not Accepted, Backordered or Rejected',
					`previous.${key}`,
				);
			}
		}
		before.set(sequenceKey(key), { label: key, codes: list as AcknowledgementCode[] });
	}
	return before;
}

/** The previous acknowledgement's lines; a value with `items` or `purchaseOrderNumber` is read as one. */
function previousStates(previous: unknown, next: Record<string, unknown>): Map<string, LineState> {
	if (!isObject(previous))
		throw new AcknowledgementOptionsError(
			`The previous acknowledgement must be an object (got ${shown(previous)})`,
			'previous',
		);
	if (!('items' in previous) && !('purchaseOrderNumber' in previous)) return recordStates(previous);
	if (previous.purchaseOrderNumber !== next.purchaseOrderNumber) {
		const other =
			typeof previous.purchaseOrderNumber === 'string'
				? previous.purchaseOrderNumber
				: shown(previous.purchaseOrderNumber);
		throw new AcknowledgementBuildError(
			typeof next.purchaseOrderNumber === 'string'
				? next.purchaseOrderNumber
				: shown(next.purchaseOrderNumber),
			`the previous acknowledgement is for PO ${other}`,
			'previous.purchaseOrderNumber',
		);
	}
	return statesOf(previous, 'previous');
}

/** The transition of one line, if it takes back what was Rejected before. */
function transitionOf(then: LineState, now: LineState): ReacknowledgementTransition | undefined {
	const nowEaches = now.eaches as Record<AcknowledgementCode, number>;
	const nowTaken = nowEaches.Accepted + nowEaches.Backordered;
	const nowCodes = now.codes.filter((c) => c !== 'Rejected' && nowEaches[c] > 0);
	const base = { line: now.label, previous: then.codes, next: now.codes };
	if (then.codes.every((c) => c === 'Rejected')) {
		if (nowCodes.length === 0) return undefined;
		return {
			...base,
			kind: 'rejectedLine',
			message: `Line ${JSON.stringify(now.label)} was acknowledged Rejected and cannot become ${nowCodes.join(' / ')}`,
		};
	}
	if (then.eaches === undefined || then.eaches.Rejected === 0) return undefined;
	// Rejected units are final: what may be taken now is what was not rejected before (all that was
	// taken before, or the line's quantity now less what was rejected, when Amazon added units).
	const thenTaken = then.eaches.Accepted + then.eaches.Backordered;
	const mayTake = Math.max(thenTaken, nowTaken + nowEaches.Rejected - then.eaches.Rejected);
	const turned = nowTaken - mayTake;
	if (turned <= 0) return undefined;
	return {
		...base,
		kind: 'rejectedUnits',
		eaches: turned,
		message:
			`Line ${JSON.stringify(now.label)}: ${turned} eaches acknowledged Rejected before would now be ` +
			`${nowCodes.join(' / ')} (rejected ${then.eaches.Rejected} -> ${nowEaches.Rejected} eaches)`,
	};
}

/**
 * Lists the lines that `next` would move from Rejected to Accepted or Backordered, which Amazon
 * refuses ("a line first acknowledged Rejected cannot later become Accepted or Backordered"): a
 * line Rejected in full, or more eaches accepted and backordered than were not rejected before.
 * Line numbers are compared as numbers (`"00001"` is line `"1"`). Lines not in `previous` are new
 * and not checked. Throws AcknowledgementBuildError when `previous` is an acknowledgement of
 * another PO, and AcknowledgementOptionsError when either acknowledgement is malformed.
 */
export function checkReacknowledgement(
	previous: PreviousAcknowledgement,
	next: OrderAcknowledgement,
): ReacknowledgementCheck {
	if (!isObject(next))
		throw new AcknowledgementOptionsError(
			`The new acknowledgement must be an object (got ${shown(next)})`,
			'next',
		);
	const before = previousStates(previous, next as unknown as Record<string, unknown>);
	const transitions: ReacknowledgementTransition[] = [];
	for (const [key, now] of statesOf(next as unknown as Record<string, unknown>, 'next')) {
		const then = before.get(key);
		if (then === undefined || then.codes.length === 0) continue;
		const transition = transitionOf(then, now);
		if (transition) transitions.push(transition);
	}
	return { allowed: transitions.length === 0, transitions };
}
