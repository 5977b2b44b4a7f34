/**
 * An X12 850 purchase order (Amazon retail, 4010) read into the canonical purchase order that the
 * Vendor Central PO Trigger emits, so that Map ASIN / Case Pack, Acknowledge PO and Apply Change
 * Order take it unchanged. The 850 is first read into the shape of Amazon's SP-API `Order`, then
 * given to the same normaliser as the SP-API path (purchaseOrder/index.ts normalisePurchaseOrder):
 * one set of repairs, warnings and checks for both channels.
 *
 * Mapping (Stedi's public Amazon "X12 850 Retail Purchase Order" guide, release 4010, and X12 4010;
 * see test/fixtures/edi-inbound/README.md for the sources):
 * - BEG01 `00` original (or `07` duplicate); BEG02 `NE` RegularOrder, `RO` RushOrder, `NP`
 *   NewProductIntroduction, `CN` ConsignedOrder; BEG03 purchaseOrderNumber; BEG05 purchaseOrderDate
 *   (a date: with the time the 850 was sent, option `sentAt`, when it was sent that day; see
 *   purchaseOrderInstant). purchaseOrderState is `New`: an 850 is a new order.
 * - REF `CR` (Customer Reference Number: Amazon writes the vendor code there) sellingParty.partyId,
 *   unless an N1 names the selling party. REF `PD` dealCode. CUR02 the currency of every price (option `defaultCurrency`, `USD`, when the
 *   set has no CUR).
 * - FOB with incoterms (FOB04 `01`, FOB05 `EXW`, `FCA`, `FOB`...) makes importDetails: FOB01 the
 *   method of payment (`BP`, `CC`, `DF`, `FO`, `PP`, `PS`, the same list as Amazon's model), FOB05
 *   the incoterm. A FOB without incoterms (domestic freight terms) is not mapped: Amazon's
 *   SP-API order has importDetails for import orders only.
 * - CSH01 `Y` (back order if out of stock) makes isBackOrderAllowed true on every line, `N` (no back
 *   order) false; without either the normaliser reads false and warns.
 * - DTM and N1 loops: see parts.ts.
 * - PO1: PO101 itemSequenceNumber (kept as sent, `00001` stays `00001`), PO102 the ordered amount (a
 *   whole number), PO103 `CA` Cases or `EA` Eaches (any other unit is an error), PO104 netCost as a
 *   decimal string, PO105 `PP`, `PO`, `PK`, `PG` (per pound, ounce, kilogram, gram) its weight
 *   unit; PO106/PO107... the product identifiers (parts.ts). PO4 PO401 (pack: eaches per case) is
 *   the unitSize; a Cases line without it is an error (its eaches cannot be computed).
 * - The optional additions: `ediProduct` on each line (the first identifier pair, which the 855
 *   echoes) and `edi` on the purchase order (the envelope, when the caller gives it).
 *
 * What does not fit the mapping is returned as SegmentErrors (x12/ack997.ts) for the 997 that rejects
 * the set; nothing is thrown. Pure: no n8n imports.
 */
import type { SegmentError } from '../../x12/ack997';
import type { X12Segment, X12TransactionSet } from '../../x12/types';
import {
	normalisePurchaseOrder,
	sequenceKey,
	type CanonicalOrderItem,
	type CanonicalPurchaseOrder,
} from '../../purchaseOrder';
import {
	Parties,
	Windows,
	productIdentifiers,
	productPairs,
	type EdiEnvelope,
	type EdiProductId,
} from './parts';
import {
	ELEMENT_CODES,
	SetErrors,
	decimalText,
	isoDate,
	required,
	valueOf,
	wholeNumber,
} from './setErrors';

export interface EdiOrderItem extends CanonicalOrderItem {
	/** The PO1 product identifier pair (PO106/PO107) the 855 must echo. */
	ediProduct?: EdiProductId;
}

export interface EdiPurchaseOrder extends CanonicalPurchaseOrder {
	items: EdiOrderItem[];
	/** The envelope of the 850 the purchase order came in. */
	edi?: EdiEnvelope;
}

export interface Read850Options {
	/** Currency of the prices when the set has no CUR segment (default `USD`). */
	defaultCurrency?: string;
	/** The envelope of the set, written to the purchase order as `edi`. */
	envelope?: EdiEnvelope;
	/**
	 * When the 850 was sent (its group's GS04/GS05, UTC): the purchase order's time on the day BEG05
	 * names. BEG05 is a date only; read as midnight, a PO made late in the day would look up to 24
	 * hours older than it is to Acknowledge PO's 24-hour rule.
	 */
	sentAt?: string;
}

export type PurchaseOrderRead =
	| { purchaseOrder: EdiPurchaseOrder; errors?: undefined }
	| { errors: SegmentError[]; purchaseOrder?: undefined };

const ORDER_TYPES: Readonly<Record<string, string>> = {
	NE: 'RegularOrder',
	RO: 'RushOrder',
	NP: 'NewProductIntroduction',
	CN: 'ConsignedOrder',
};

const PURPOSES = ['00', '07'];

const IMPORT_PAYMENT: Readonly<Record<string, string>> = {
	BP: 'PaidByBuyer',
	CC: 'CollectOnDelivery',
	DF: 'DefinedByBuyerAndSeller',
	FO: 'FOBPortOfCall',
	PP: 'PrepaidBySeller',
	PS: 'PaidBySeller',
};

const INCOTERMS: Readonly<Record<string, string>> = {
	EXW: 'ExWorks',
	FCA: 'FreeCarrier',
	FOB: 'FreeOnBoard',
	FAS: 'FreeAlongSideShip',
	CPT: 'CarriagePaidTo',
	CFR: 'CostAndFreight',
	CIP: 'CarriageAndInsurancePaidTo',
	CIF: 'CostInsuranceAndFreight',
	DAT: 'DeliveredAtTerminal',
	DAP: 'DeliveredAtPlace',
	DDP: 'DeliverDutyPaid',
};

/** PO103 (and POC05) codes of Amazon's model's two units. */
export const QUANTITY_UNITS: Readonly<Record<string, 'Cases' | 'Eaches'>> = {
	CA: 'Cases',
	EA: 'Eaches',
};

/** PO105 codes of a price per weight unit. */
export const WEIGHT_PRICE_BASES: Readonly<Record<string, string>> = {
	PP: 'POUNDS',
	PO: 'OUNCES',
	PK: 'KILOGRAMS',
	PG: 'GRAMS',
};

/** One line as Amazon's model writes it, with the segments it came from. */
export interface RawLine {
	item: {
		itemSequenceNumber: string;
		amazonProductIdentifier?: string;
		vendorProductIdentifier?: string;
		orderedQuantity: { amount: number; unitOfMeasure: 'Cases' | 'Eaches'; unitSize?: number };
		isBackOrderAllowed?: boolean;
		netCost?: { amount: string; currencyCode: string; unitOfMeasure?: string };
	};
	ediProduct?: EdiProductId;
	segment: X12Segment;
}

/** A price per unit: amount (PO104 / POC06) and its weight basis (PO105 / POC07). */
export function readPrice(
	errors: SetErrors,
	segment: X12Segment,
	amountAt: number,
	currencyCode: string,
): RawLine['item']['netCost'] {
	if (valueOf(segment, amountAt) === '') return undefined;
	const amount = decimalText(errors, segment, amountAt, 'the unit price');
	if (amount === undefined) return undefined;
	const unit = WEIGHT_PRICE_BASES[valueOf(segment, amountAt + 1)];
	return unit ? { amount, currencyCode, unitOfMeasure: unit } : { amount, currencyCode };
}

/** The unit of a quantity (PO103, POC05-01): Cases or Eaches, or an error. */
export function readUnit(
	errors: SetErrors,
	segment: X12Segment,
	index: number,
	value: string,
): 'Cases' | 'Eaches' | undefined {
	const unit = QUANTITY_UNITS[value];
	if (unit) return unit;
	if (value === '')
		return errors.element(segment, index, ELEMENT_CODES.mandatoryMissing, 'the unit is missing');
	return errors.element(
		segment,
		index,
		ELEMENT_CODES.invalidCode,
		`unit "${value}" is not CA (cases) or EA (eaches), the units of an Amazon purchase order`,
	);
}

/** A PO1 segment as a line; undefined (with the errors recorded) when it cannot be one. */
export function readPo1(
	errors: SetErrors,
	po1: X12Segment,
	currencyCode: string,
): RawLine | undefined {
	const before = errors.errors.length;
	const itemSequenceNumber = required(errors, po1, 1, 'the line number (assigned identification)');
	const amount = wholeNumber(errors, po1, 2, 'the quantity ordered');
	const unitOfMeasure = readUnit(errors, po1, 3, valueOf(po1, 3));
	const netCost = readPrice(errors, po1, 4, currencyCode);
	const pairs = productPairs(po1, 6);
	if (
		errors.errors.length > before ||
		!itemSequenceNumber ||
		amount === undefined ||
		!unitOfMeasure
	)
		return undefined;
	const line: RawLine = {
		item: {
			itemSequenceNumber,
			...productIdentifiers(pairs),
			orderedQuantity: { amount, unitOfMeasure },
		},
		segment: po1,
	};
	if (netCost) line.item.netCost = netCost;
	if (pairs.length > 0) line.ediProduct = pairs[0];
	return line;
}

/** What the heading and detail of an 850 hold, as read. */
interface Read850 {
	beg?: X12Segment;
	currency?: string;
	dealCode?: string;
	/** REF CR: the vendor code. */
	vendorCode?: string;
	importDetails?: Record<string, string>;
	backOrder?: boolean;
	windows: Windows;
	parties: Parties;
	lines: RawLine[];
	/** The line that PO4 and other line segments belong to. */
	line?: RawLine;
}

function readFob(state: Read850, fob: X12Segment): void {
	if (valueOf(fob, 4) !== '01' || valueOf(fob, 5) === '') return;
	const details: Record<string, string> = {};
	const payment = IMPORT_PAYMENT[valueOf(fob, 1)];
	if (payment) details.methodOfPayment = payment;
	details.internationalCommercialTerms = INCOTERMS[valueOf(fob, 5)] ?? valueOf(fob, 5);
	state.importDetails = details;
}

function readCur(errors: SetErrors, state: Read850, cur: X12Segment): void {
	const code = required(errors, cur, 2, 'the currency code');
	if (code === undefined) return;
	if (/^[A-Z]{3}$/.test(code)) state.currency = code;
	else
		errors.element(cur, 2, ELEMENT_CODES.invalidCode, `"${code}" is not an ISO 4217 currency code`);
}

function readPo4(errors: SetErrors, state: Read850, po4: X12Segment): void {
	const line = state.line;
	if (!line) return;
	const pack = wholeNumber(errors, po4, 1, 'the pack (eaches per case)');
	if (pack === undefined) return;
	if (pack < 1)
		errors.element(po4, 1, ELEMENT_CODES.invalidCharacter, 'the pack must be 1 or more');
	else line.item.orderedQuantity.unitSize = pack;
}

function readHeadingSegment(errors: SetErrors, state: Read850, seg: X12Segment): void {
	if (state.parties.read(seg)) return;
	state.parties.close();
	if (seg.id === 'BEG') state.beg = seg;
	else if (seg.id === 'CUR') readCur(errors, state, seg);
	else if (seg.id === 'REF' && valueOf(seg, 1) === 'PD' && valueOf(seg, 2) !== '')
		state.dealCode = valueOf(seg, 2);
	else if (seg.id === 'REF' && valueOf(seg, 1) === 'CR' && valueOf(seg, 2) !== '')
		state.vendorCode = valueOf(seg, 2);
	else if (seg.id === 'FOB') readFob(state, seg);
	else if (seg.id === 'CSH') {
		const code = valueOf(seg, 1);
		if (code === 'Y') state.backOrder = true;
		else if (code === 'N' && state.backOrder === undefined) state.backOrder = false;
	} else if (seg.id === 'DTM') state.windows.read(errors, seg);
}

function readSegments(errors: SetErrors, set: X12TransactionSet, currency: string): Read850 {
	const state: Read850 = { windows: new Windows(), parties: new Parties(), lines: [] };
	const body = set.segments.slice(1, -1);
	// CUR is in the heading, before the lines whose prices it names.
	for (const seg of body) if (seg.id === 'CUR') readCur(errors, state, seg);
	const currencyCode = state.currency ?? currency;
	let inDetail = false;
	for (const seg of body) {
		if (seg.id === 'PO1') {
			inDetail = true;
			state.line = readPo1(errors, seg, currencyCode);
			if (state.line) state.lines.push(state.line);
		} else if (seg.id === 'PO4') readPo4(errors, state, seg);
		else if (seg.id === 'CTT') state.line = undefined;
		else if (!inDetail && seg.id !== 'CUR') readHeadingSegment(errors, state, seg);
	}
	return state;
}

function checkLines(errors: SetErrors, state: Read850, set: X12TransactionSet): void {
	const seen = new Map<string, RawLine>();
	for (const line of state.lines) {
		const key = sequenceKey(line.item.itemSequenceNumber);
		const first = seen.get(key);
		if (first)
			errors.element(
				line.segment,
				1,
				ELEMENT_CODES.invalidCode,
				`line number ${line.item.itemSequenceNumber} is also the number of the line in segment ` +
					`${errors.positionOf(first.segment)}: every line has its own number`,
			);
		else seen.set(key, line);
		const q = line.item.orderedQuantity;
		if (q.unitOfMeasure === 'Cases' && q.unitSize === undefined)
			errors.missingSegment(
				'PO4',
				line.segment,
				'a line ordered in cases (PO103 CA) needs PO4 with PO401, the eaches per case',
			);
	}
	if (!set.segments.some((s) => s.id === 'PO1'))
		errors.missingSegment(
			'PO1',
			set.segments[set.segments.length - 1],
			'the purchase order has no line',
		);
}

/**
 * The purchase order's instant from BEG05 (a date) and the time the 850 was sent: that time when it
 * was sent the same day; the end of BEG05's day when it was sent later (the order was made that day,
 * at the latest then: Acknowledge PO's 24-hour clock must not start before the order existed, which
 * would refuse a timely acknowledgement as late); midnight when the send time is unknown.
 */
function purchaseOrderInstant(date: string, sentAt: string | undefined): string {
	if (sentAt === undefined) return `${date}T00:00:00Z`;
	if (sentAt.startsWith(date)) return sentAt;
	return sentAt.slice(0, 10) > date ? `${date}T23:59:59Z` : `${date}T00:00:00Z`;
}

/** The SP-API `Order` of what was read. */
function spApiOrder(
	errors: SetErrors,
	state: Read850,
	beg: X12Segment,
	sentAt?: string,
): Record<string, unknown> | undefined {
	const purpose = valueOf(beg, 1);
	if (!PURPOSES.includes(purpose))
		errors.element(
			beg,
			1,
			ELEMENT_CODES.invalidCode,
			`purpose "${purpose}" is not 00 (original) or 07 (duplicate)`,
		);
	const purchaseOrderNumber = required(errors, beg, 3, 'the purchase order number');
	const date = isoDate(errors, beg, 5, 'the purchase order date');
	if (!errors.ok || purchaseOrderNumber === undefined || date === undefined) return undefined;
	const type = valueOf(beg, 2);
	const details: Record<string, unknown> = {
		purchaseOrderDate: purchaseOrderInstant(date, sentAt),
		purchaseOrderType: type === '' ? undefined : (ORDER_TYPES[type] ?? type),
		importDetails: state.importDetails,
		dealCode: state.dealCode,
		...(state.vendorCode ? { sellingParty: { partyId: state.vendorCode } } : {}),
		...state.parties.parties,
		...state.windows.written(),
		items: state.lines.map((line) =>
			state.backOrder === undefined
				? line.item
				: { ...line.item, isBackOrderAllowed: state.backOrder },
		),
	};
	return { purchaseOrderNumber, purchaseOrderState: 'New', orderDetails: details };
}

/**
 * Reads an 850 transaction set into the canonical purchase order, or the SegmentErrors that keep it
 * from being one (for the 997). Never throws for the content of the set.
 */
export function purchaseOrderFrom850(
	set: X12TransactionSet,
	options: Read850Options = {},
): PurchaseOrderRead {
	const errors = new SetErrors(set);
	const state = readSegments(errors, set, options.defaultCurrency ?? 'USD');
	checkLines(errors, state, set);
	if (!state.beg)
		errors.missingSegment('BEG', set.segments[0], 'the purchase order has no BEG segment');
	const order = state.beg ? spApiOrder(errors, state, state.beg, options.sentAt) : undefined;
	if (!errors.ok || order === undefined) return { errors: errors.errors };
	return normalised(errors, state, order, options.envelope);
}

function normalised(
	errors: SetErrors,
	state: Read850,
	order: Record<string, unknown>,
	envelope: EdiEnvelope | undefined,
): PurchaseOrderRead {
	let canonical: CanonicalPurchaseOrder;
	try {
		canonical = normalisePurchaseOrder(order);
	} catch (error) {
		// The checks above cover what the normaliser refuses; this names anything they missed.
		errors.element(state.beg as X12Segment, 3, ELEMENT_CODES.invalidCode, (error as Error).message);
		return { errors: errors.errors };
	}
	const purchaseOrder = canonical as EdiPurchaseOrder;
	purchaseOrder.items.forEach((item, i) => {
		const pair = state.lines[i].ediProduct;
		if (pair) item.ediProduct = { ...pair };
	});
	if (envelope) purchaseOrder.edi = envelope;
	return { purchaseOrder };
}
