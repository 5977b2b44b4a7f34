/**
 * The X12 855 purchase order acknowledgement of Acknowledge PO's result: its `acknowledgement`
 * (the SP-API OrderAcknowledgement, every line with its Accepted / Backordered / Rejected loops)
 * and its `purchaseOrder` (the normalised PO, whose lines may carry the 850's `ediProduct`).
 *
 * Guide: Stedi, "Amazon Retail Purchase Order Acknowledgment", X12 855, release 4010
 * (https://www.stedi.com/app/guides/view/amazon/retail-purchase-order-acknowledgment/01H25HYSGSFKB0P1G99H31K9YP,
 * sample "AMZN Procurement Example A"), read 2026-12-07. What the stored copy of the guide shows,
 * and what is written from it:
 * - BAK02 `AC` (acknowledge with detail and change) or `AD` (with detail, no change): `AD` when
 *   every line is accepted in full as ordered, `AC` otherwise. BAK01 `00` (original), BAK03 the PO
 *   number, BAK04 the PO date, BAK09 the acknowledgement date (X12 BAK semantics), CCYYMMDD.
 * - PO1 loop, one per line in acknowledgement order: PO101 the item sequence number, PO102 / PO103
 *   the ordered quantity in Amazon's unit (`CA` cases, `EA` eaches), PO104 the net cost as a
 *   decimal string with PO105 `PE` (Amazon's net cost is per each), PO106 / PO107 the product id:
 *   the 850's own qualifier and value when the PO line has `ediProduct`, else `BP` + ASIN, else
 *   `VN` + vendor product identifier (the guide's PO106 codes: BP, EN, IB, UK, UP, VN, VP).
 * - CTP in the PO1 loop with the guide's price codes (DPR, LPR, NET, SLP): `LPR` list price when
 *   the line has one.
 * - ACK loop, one per outcome: ACK01 `IA` accepted, `IB` backordered, a reject code for rejected
 *   quantities, ACK02 / ACK03 the quantity and unit, ACK04 / ACK05 `068` (current schedule ship)
 *   with the scheduled ship date, or `067` (current schedule delivery) with the scheduled
 *   delivery date; rejected quantities carry no date.
 * - CTT01 the number of PO1 segments, CTT02 the sum of PO102 (as Amazon's connectivity-test 855
 *   writes it).
 *
 * Reject codes: the guide data (nodes/shared/domain/edi/guides/amazon855.ts) allows only `IA`,
 * `IB` and `IR` in ACK01, so every rejected quantity is `IR` whatever Amazon's rejection reason
 * ({@link DEFAULT_REJECT_CODES}); a trading partner that agreed other codes can pass `rejectCodes`.
 *
 * Weight-priced lines (net cost per pound or kilogram) are refused (common.ts). A line Amazon
 * cancelled (ordered 0) is not in the acknowledgement (Acknowledge PO leaves it out), so it is not
 * in the 855 either. Pure: no n8n imports.
 */
import { sequenceKey } from '../../purchaseOrder/canonical';
import { shown } from '../../values';
import type { SegmentInput, TransactionSetInput } from '../../x12';
import {
	decimalText,
	fail,
	listAt,
	objectAt,
	own,
	productIdOf,
	quantityUnit,
	refuseWeightPrice,
	text,
	wholeNumber,
	x12Date,
} from './common';

export type RejectionReason =
	| 'TemporarilyUnavailable'
	| 'InvalidProductIdentifier'
	| 'ObsoleteProduct';

/** ACK01 of a rejected quantity, per Amazon's rejection reason (see the module notes). */
export const DEFAULT_REJECT_CODES: Readonly<Record<RejectionReason, string>> = {
	TemporarilyUnavailable: 'IR',
	InvalidProductIdentifier: 'IR',
	ObsoleteProduct: 'IR',
};

/** ACK01 of the accepted and backordered loops. */
export const ACK_CODES = { Accepted: 'IA', Backordered: 'IB' } as const;

export interface Write855Input {
	/** Acknowledge PO's `acknowledgement` (an SP-API OrderAcknowledgement). */
	acknowledgement: unknown;
	/** Acknowledge PO's `purchaseOrder` (the normalised PO the acknowledgement answers). */
	purchaseOrder: unknown;
	/** ST02; writeOutbound numbers the sets itself. Default 1. */
	controlNumber?: string | number;
	/** Overrides ACK01 per rejection reason. */
	rejectCodes?: Partial<Record<RejectionReason, string>>;
}

interface Context {
	poLines: Map<string, Record<string, unknown>>;
	rejectCodes: Record<string, string>;
}

function poLinesOf(po: Record<string, unknown>): Map<string, Record<string, unknown>> {
	const lines = new Map<string, Record<string, unknown>>();
	listAt(po.items, 'purchaseOrder.items').forEach((item, i) => {
		const line = objectAt(item, `purchaseOrder.items[${i}]`);
		const seq = text(line.itemSequenceNumber, `purchaseOrder.items[${i}].itemSequenceNumber`, 20);
		lines.set(sequenceKey(seq), line);
	});
	return lines;
}

function ackLoop(loop: unknown, path: string, ctx: Context): SegmentInput {
	const l = objectAt(loop, path);
	const q = objectAt(l.acknowledgedQuantity, `${path}.acknowledgedQuantity`);
	const amount = wholeNumber(q.amount, `${path}.acknowledgedQuantity.amount`, 1);
	const unit = quantityUnit(q.unitOfMeasure, `${path}.acknowledgedQuantity.unitOfMeasure`);
	const code = l.acknowledgementCode;
	if (code === 'Rejected') {
		const reason = l.rejectionReason ?? 'TemporarilyUnavailable';
		const ack01 = own(ctx.rejectCodes, reason);
		if (ack01 === undefined)
			fail(
				`${path}.rejectionReason`,
				`must be ${Object.keys(ctx.rejectCodes).join(', ')} (got ${shown(reason)})`,
			);
		return ['ACK', ack01, amount, unit];
	}
	if (code !== 'Accepted' && code !== 'Backordered')
		fail(
			`${path}.acknowledgementCode`,
			`must be Accepted, Backordered or Rejected (got ${shown(code)})`,
		);
	if (l.scheduledShipDate !== undefined)
		return [
			'ACK',
			ACK_CODES[code],
			amount,
			unit,
			'068',
			x12Date(l.scheduledShipDate, `${path}.scheduledShipDate`),
		];
	if (l.scheduledDeliveryDate !== undefined) {
		const date = x12Date(l.scheduledDeliveryDate, `${path}.scheduledDeliveryDate`);
		return ['ACK', ACK_CODES[code], amount, unit, '067', date];
	}
	return ['ACK', ACK_CODES[code], amount, unit];
}

/** PO1, CTP and the ACK loops of one line; `fullyAccepted` is false when anything changed. */
function lineSegments(
	item: unknown,
	path: string,
	ctx: Context,
): { segments: SegmentInput[]; quantity: number; fullyAccepted: boolean } {
	const it = objectAt(item, path);
	const seq = text(it.itemSequenceNumber, `${path}.itemSequenceNumber`, 20);
	const poLine = ctx.poLines.get(sequenceKey(seq));
	if (poLine === undefined)
		fail(`${path}.itemSequenceNumber`, `${seq} is not a line of purchaseOrder.items`);
	const ordered = objectAt(it.orderedQuantity, `${path}.orderedQuantity`);
	const quantity = wholeNumber(ordered.amount, `${path}.orderedQuantity.amount`, 1);
	const unit = quantityUnit(ordered.unitOfMeasure, `${path}.orderedQuantity.unitOfMeasure`);
	const cost = it.netCost === undefined ? undefined : objectAt(it.netCost, `${path}.netCost`);
	refuseWeightPrice(cost?.unitOfMeasure, `${path}.netCost.unitOfMeasure`);
	const price = cost === undefined ? undefined : decimalText(cost.amount, `${path}.netCost.amount`);
	const id = productIdOf({ ...it, ediProduct: poLine.ediProduct }, path);
	const segments: SegmentInput[] = [
		[
			'PO1',
			seq,
			quantity,
			unit,
			price,
			price === undefined ? undefined : 'PE',
			id.qualifier,
			id.value,
		],
	];
	if (it.listPrice !== undefined) {
		const list = objectAt(it.listPrice, `${path}.listPrice`);
		refuseWeightPrice(list.unitOfMeasure, `${path}.listPrice.unitOfMeasure`);
		segments.push(['CTP', undefined, 'LPR', decimalText(list.amount, `${path}.listPrice.amount`)]);
	}
	const loops = listAt(it.itemAcknowledgements, `${path}.itemAcknowledgements`);
	loops.forEach((loop, j) =>
		segments.push(ackLoop(loop, `${path}.itemAcknowledgements[${j}]`, ctx)),
	);
	const first = loops[0] as Record<string, unknown>;
	const fullyAccepted =
		loops.length === 1 &&
		first.acknowledgementCode === 'Accepted' &&
		(first.acknowledgedQuantity as Record<string, unknown>).amount === quantity;
	return { segments, quantity, fullyAccepted };
}

/** The 855 of one acknowledgement (see the module notes); bad input is an InvalidInputError. */
export function write855(input: Write855Input): TransactionSetInput {
	const ack = objectAt(input.acknowledgement, 'acknowledgement');
	const po = objectAt(input.purchaseOrder, 'purchaseOrder');
	const poNumber = text(ack.purchaseOrderNumber, 'acknowledgement.purchaseOrderNumber', 22);
	const poOwn = text(po.purchaseOrderNumber, 'purchaseOrder.purchaseOrderNumber', 22);
	if (poOwn !== poNumber)
		fail(
			'purchaseOrder.purchaseOrderNumber',
			`is ${poOwn}, the acknowledgement is for ${poNumber}`,
		);
	const ctx: Context = {
		poLines: poLinesOf(po),
		rejectCodes: { ...DEFAULT_REJECT_CODES, ...(input.rejectCodes ?? {}) },
	};
	const body: SegmentInput[] = [];
	let total = 0;
	let unchanged = true;
	listAt(ack.items, 'acknowledgement.items').forEach((item, i) => {
		const line = lineSegments(item, `acknowledgement.items[${i}]`, ctx);
		body.push(...line.segments);
		total += line.quantity;
		unchanged &&= line.fullyAccepted;
	});
	const bak: SegmentInput = [
		'BAK',
		'00',
		unchanged ? 'AD' : 'AC',
		poNumber,
		x12Date(po.purchaseOrderDate, 'purchaseOrder.purchaseOrderDate'),
		undefined,
		undefined,
		undefined,
		undefined,
		x12Date(ack.acknowledgementDate, 'acknowledgement.acknowledgementDate'),
	];
	const lines = body.filter((s) => s[0] === 'PO1').length;
	return {
		id: '855',
		controlNumber: input.controlNumber ?? 1,
		segments: [bak, ...body, ['CTT', lines, total]],
	};
}
