/**
 * An X12 860 purchase order change (Amazon retail, 4010, for vendors Amazon enabled for it) applied to
 * the purchase order the workflow kept.
 *
 * The choice: Apply Change Order (changeOrder/) compares two canonical versions of one purchase order,
 * the one the workflow kept (`previousPurchaseOrder`) and the one Amazon now shows (the trigger's
 * changed purchase order). The SP-API shows the whole changed order; an 860 sends only what changed.
 * So `applyChange860(previous, set)` returns the changed purchase order: the previous canonical
 * purchase order with the 860's changes applied, normalised again by the SP-API normaliser. Given to
 * Apply Change Order as the changed purchase order, with `previous` as `previousPurchaseOrder`, its
 * diff reads exactly the 860's changes: nothing about the 860 is new to the nodes.
 *
 * Mapping (X12 4010 860; Amazon's 860 guide is not public, the codes are X12's):
 * - BCH01 `04` change, `01` cancellation (every line to 0, as Amazon's SP-API shows a cancelled line;
 *   POC segments are then not read); any other purpose is an error. BCH03 must be the previous
 *   purchase order's number.
 * - purchaseOrderChangedDate: the instant the caller gives (`changedAt`: readInbound passes the
 *   group's GS04/GS05), else BCH10 (the change date) at midnight UTC, else the previous one.
 * - Heading DTM `064`/`063` (`037`/`038`) replace the delivery (ship) window, N1 `ST` the ship-to
 *   party, N1 `BY`/`BT`/`SE`... the other parties (parts.ts); CUR02 is the currency of new prices
 *   (else the line's own, else `defaultCurrency`, `USD`); CSH01 `Y`/`N` the backorder flag of added
 *   lines (else the previous order's).
 * - POC: POC01 the line (itemSequenceNumber, `1` and `00001` are one line), POC02 what changed:
 *   `QD` / `QI` quantity decrease / increase (POC03 the new quantity ordered, POC05 its unit; the
 *   direction must hold), `DI` delete the line (quantity 0: the line stays, cancelled, as Amazon's
 *   SP-API keeps it), `PC` price change (POC06, POC07 its weight basis), `CA` / `PQ` / `RZ` change of
 *   the line (what POC03, POC05, POC06 and POC08... give), `AI` add a line (POC03, POC05, POC06 and
 *   the identifiers POC08/POC09...; its first pair becomes `ediProduct`). POC04 (quantity left to
 *   receive) is not read. PO4 after a POC gives the eaches per case (PO401) when the unit becomes
 *   Cases; otherwise the line keeps its unitSize.
 *
 * Errors (a line that is not on the purchase order, an added line that is, an unknown code, a bad
 * number) come back as SegmentErrors for the 997, and nothing of the 860 is applied. Pure: no n8n
 * imports.
 */
import type { SegmentError } from '../../x12/ack997';
import type { X12Segment, X12TransactionSet } from '../../x12/types';
import { requireCanonicalOrder } from '../../changeOrder/canonical';
import { normalisePurchaseOrder, sequenceKey } from '../../purchaseOrder';
import { Parties, Windows, productIdentifiers, productPairs, type EdiProductId } from './parts';
import { readPrice, readUnit, type EdiOrderItem, type EdiPurchaseOrder } from './po850';
import { ELEMENT_CODES, SetErrors, isoDate, required, valueOf, wholeNumber } from './setErrors';

export interface Apply860Options {
	/** ISO 8601 instant of the change (readInbound: the group's GS04/GS05). */
	changedAt?: string;
	/** Currency of new prices when neither the 860 nor the line names one (default `USD`). */
	defaultCurrency?: string;
	/** The component separator of the interchange (POC05 is a composite); default `>`. */
	componentSeparator?: string;
}

export type ChangeRead =
	| { purchaseOrder: EdiPurchaseOrder; errors?: undefined }
	| { errors: SegmentError[]; purchaseOrder?: undefined };

/** The POC02 codes read, with what each may change. */
const CHANGE_CODES = ['AI', 'CA', 'DI', 'PC', 'PQ', 'QD', 'QI', 'RZ'] as const;
type ChangeCode = (typeof CHANGE_CODES)[number];

/** A line of the order being changed, in Amazon's model's shape (as the normaliser reads it). */
type Line = EdiOrderItem & { orderedQuantity: { unitSize: number } };

interface Change {
	errors: SetErrors;
	lines: Line[];
	currency?: string;
	backOrder?: boolean;
	defaultCurrency: string;
	component: string;
	/** The line the last POC changed or added, and whether its unit became Cases (PO4 needed). */
	current?: { line: Line; poc: X12Segment; needsPack: boolean };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function eachesOf(q: { amount: number; unitOfMeasure: string; unitSize: number }): number {
	return q.unitOfMeasure === 'Cases' ? q.amount * q.unitSize : q.amount;
}

/** The quantity of POC03/POC05 applied to `line` (QD/QI check their direction). */
function applyQuantity(change: Change, poc: X12Segment, line: Line, code: ChangeCode): void {
	const { errors } = change;
	const amount = wholeNumber(errors, poc, 3, 'the quantity ordered');
	const unitText = valueOf(poc, 5).split(change.component)[0].trim();
	const unit =
		unitText === '' ? line.orderedQuantity.unitOfMeasure : readUnit(errors, poc, 5, unitText);
	if (amount === undefined || unit === undefined) return;
	const before = eachesOf(line.orderedQuantity);
	const q = line.orderedQuantity;
	const needsPack = unit === 'Cases' && q.unitOfMeasure !== 'Cases';
	line.orderedQuantity = {
		amount,
		unitOfMeasure: unit,
		unitSize: unit === 'Cases' ? q.unitSize : 1,
	};
	change.current = { line, poc, needsPack };
	if (needsPack) return;
	const after = eachesOf(line.orderedQuantity);
	if ((code === 'QD' && after >= before) || (code === 'QI' && after <= before))
		errors.element(
			poc,
			2,
			ELEMENT_CODES.invalidCode,
			`${code} (quantity ${code === 'QD' ? 'decrease' : 'increase'}) but line ` +
				`${line.itemSequenceNumber} goes from ${before} to ${after} eaches`,
		);
}

function applyPrice(change: Change, poc: X12Segment, line: Line, mandatory: boolean): void {
	if (valueOf(poc, 6) === '') {
		if (mandatory)
			change.errors.element(
				poc,
				6,
				ELEMENT_CODES.mandatoryMissing,
				'PC (price change) without a price',
			);
		return;
	}
	const currency = change.currency ?? line.netCost?.currencyCode ?? change.defaultCurrency;
	const price = readPrice(change.errors, poc, 6, currency);
	if (price) line.netCost = price as Line['netCost'];
}

function applyIdentifiers(poc: X12Segment, line: Line): void {
	const pairs = productPairs(poc, 8);
	if (pairs.length === 0) return;
	Object.assign(line, productIdentifiers(pairs));
	line.ediProduct = pairs[0];
}

function addLine(change: Change, poc: X12Segment, itemSequenceNumber: string): void {
	const pairs = productPairs(poc, 8);
	const line = {
		itemSequenceNumber,
		...productIdentifiers(pairs),
		orderedQuantity: { amount: 0, unitOfMeasure: 'Eaches', unitSize: 1 },
		orderedEaches: 0,
		isBackOrderAllowed: change.backOrder ?? change.lines[0]?.isBackOrderAllowed ?? false,
	} as Line;
	if (pairs.length > 0) line.ediProduct = pairs[0];
	if (valueOf(poc, 5) === '')
		change.errors.element(poc, 5, ELEMENT_CODES.mandatoryMissing, 'AI (added line) without a unit');
	applyQuantity(change, poc, line, 'AI');
	applyPrice(change, poc, line, false);
	if (pairs.length === 0)
		change.errors.element(
			poc,
			8,
			ELEMENT_CODES.mandatoryMissing,
			'AI (added line) without a product',
		);
	change.lines.push(line);
}

function readPoc(change: Change, poc: X12Segment): void {
	const { errors } = change;
	change.current = undefined;
	const sequence = required(errors, poc, 1, 'the line number');
	const code = valueOf(poc, 2) as ChangeCode;
	if (!CHANGE_CODES.includes(code)) {
		errors.element(
			poc,
			2,
			ELEMENT_CODES.invalidCode,
			`change code "${code}" is not one of ${CHANGE_CODES.join(', ')}`,
		);
		return;
	}
	if (sequence === undefined) return;
	const line = change.lines.find(
		(l) => sequenceKey(l.itemSequenceNumber) === sequenceKey(sequence),
	);
	if (code === 'AI') {
		if (line)
			errors.element(
				poc,
				1,
				ELEMENT_CODES.invalidCode,
				`line ${sequence} is already on the purchase order`,
			);
		else addLine(change, poc, sequence);
		return;
	}
	if (!line) {
		errors.element(
			poc,
			1,
			ELEMENT_CODES.invalidCode,
			`line ${sequence} is not on the purchase order`,
		);
		return;
	}
	if (code === 'DI') line.orderedQuantity = { ...line.orderedQuantity, amount: 0 };
	else if (code === 'PC') applyPrice(change, poc, line, true);
	else if (code === 'QD' || code === 'QI') applyQuantity(change, poc, line, code);
	else {
		if (valueOf(poc, 3) !== '') applyQuantity(change, poc, line, code);
		applyPrice(change, poc, line, false);
		applyIdentifiers(poc, line);
	}
}

function readPo4(change: Change, po4: X12Segment): void {
	const current = change.current;
	if (!current) return;
	const pack = wholeNumber(change.errors, po4, 1, 'the pack (eaches per case)');
	if (pack === undefined) return;
	if (pack < 1)
		change.errors.element(po4, 1, ELEMENT_CODES.invalidCharacter, 'the pack must be 1 or more');
	else if (current.line.orderedQuantity.unitOfMeasure === 'Cases') {
		current.line.orderedQuantity.unitSize = pack;
		current.needsPack = false;
	}
}

/** Closes the POC loop: a line that became Cases without PO4 cannot be counted in eaches. */
function closePoc(change: Change): void {
	const current = change.current;
	if (current?.needsPack)
		change.errors.missingSegment(
			'PO4',
			current.poc,
			`line ${current.line.itemSequenceNumber} is now ordered in cases: PO4 with PO401 (eaches per case) is needed`,
		);
	change.current = undefined;
}

/** Reads the heading: BCH, CUR, CSH, DTM and N1 loops. */
function readHeading(change: Change, seg: X12Segment, windows: Windows, parties: Parties): void {
	if (parties.read(seg)) return;
	parties.close();
	if (seg.id === 'CUR') {
		const code = valueOf(seg, 2);
		if (/^[A-Z]{3}$/.test(code)) change.currency = code;
		else
			change.errors.element(
				seg,
				2,
				ELEMENT_CODES.invalidCode,
				`"${code}" is not an ISO 4217 currency code`,
			);
	} else if (seg.id === 'CSH' && ['Y', 'N'].includes(valueOf(seg, 1)))
		change.backOrder = valueOf(seg, 1) === 'Y';
	else if (seg.id === 'DTM') windows.read(change.errors, seg);
}

function readBch(
	change: Change,
	bch: X12Segment | undefined,
	previous: EdiPurchaseOrder,
	set: X12TransactionSet,
) {
	const { errors } = change;
	if (!bch) return errors.missingSegment('BCH', set.segments[0], 'the change has no BCH segment');
	const purpose = valueOf(bch, 1);
	if (purpose !== '01' && purpose !== '04')
		errors.element(
			bch,
			1,
			ELEMENT_CODES.invalidCode,
			`purpose "${purpose}" is not 01 (cancellation) or 04 (change)`,
		);
	const number = required(errors, bch, 3, 'the purchase order number');
	if (number !== undefined && number !== previous.purchaseOrderNumber)
		errors.element(
			bch,
			3,
			ELEMENT_CODES.invalidCode,
			`the change is for purchase order ${number}, the previous purchase order is ${previous.purchaseOrderNumber}`,
		);
	const date = valueOf(bch, 10) === '' ? undefined : isoDate(errors, bch, 10, 'the change date');
	return { cancel: purpose === '01', date };
}

/**
 * The previous canonical purchase order with the changes of an 860 applied (the changed purchase order
 * Apply Change Order takes), or the SegmentErrors of an 860 that cannot be applied. Throws an
 * InvalidInputError (ChangeOrderInputError) only when `previous` is not a canonical purchase order.
 */
export function applyChange860(
	previous: EdiPurchaseOrder,
	set: X12TransactionSet,
	options: Apply860Options = {},
): ChangeRead {
	requireCanonicalOrder(previous, 'previous');
	const errors = new SetErrors(set);
	const change: Change = {
		errors,
		lines: clone(previous.items) as Line[],
		defaultCurrency: options.defaultCurrency ?? 'USD',
		component: options.componentSeparator ?? '>',
	};
	const windows = new Windows();
	const parties = new Parties();
	const body = set.segments.slice(1, -1);
	const bch = readBch(
		change,
		body.find((s) => s.id === 'BCH'),
		previous,
		set,
	);
	let inDetail = false;
	for (const seg of body) {
		if (seg.id === 'POC') {
			closePoc(change);
			inDetail = true;
			if (!bch?.cancel) readPoc(change, seg);
		} else if (seg.id === 'PO4') readPo4(change, seg);
		else if (seg.id === 'CTT') closePoc(change);
		else if (!inDetail && seg.id !== 'BCH') readHeading(change, seg, windows, parties);
	}
	closePoc(change);
	if (bch?.cancel)
		change.lines.forEach((l) => (l.orderedQuantity = { ...l.orderedQuantity, amount: 0 }));
	if (!errors.ok || !bch) return { errors: errors.errors };
	const changedDate = options.changedAt ?? (bch.date ? `${bch.date}T00:00:00Z` : undefined);
	return changedOrder(errors, previous, change, { windows, parties, changedDate });
}

function changedOrder(
	errors: SetErrors,
	previous: EdiPurchaseOrder,
	change: Change,
	heading: { windows: Windows; parties: Parties; changedDate?: string },
): ChangeRead {
	const details = clone(previous) as unknown as Record<string, unknown>;
	for (const key of ['purchaseOrderNumber', 'purchaseOrderState', 'warnings', 'items', 'edi'])
		delete details[key];
	const items = change.lines.map((line) => {
		const item: Record<string, unknown> = { ...line };
		delete item.ediProduct;
		delete item.orderedEaches;
		return item;
	});
	const order = {
		purchaseOrderNumber: previous.purchaseOrderNumber,
		purchaseOrderState: previous.purchaseOrderState,
		orderDetails: {
			...details,
			shipWindow: previous.shipWindow?.raw,
			deliveryWindow: previous.deliveryWindow?.raw,
			...heading.windows.written(),
			...heading.parties.parties,
			purchaseOrderChangedDate: heading.changedDate ?? previous.purchaseOrderChangedDate,
			items,
		},
	};
	let changed: EdiPurchaseOrder;
	try {
		changed = normalisePurchaseOrder(order);
	} catch (error) {
		errors.missingSegment('POC', errors.set.segments[0], (error as Error).message);
		return { errors: errors.errors };
	}
	changed.items.forEach((item, i) => {
		const pair: EdiProductId | undefined = change.lines[i].ediProduct;
		if (pair) item.ediProduct = { ...pair };
	});
	if (previous.edi) changed.edi = clone(previous.edi);
	return { purchaseOrder: changed };
}
