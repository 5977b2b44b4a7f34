/**
 * The X12 810 invoice of Build Invoice's `invoice` (the SP-API Invoice: lines with their quantity,
 * net cost and product ids, charges, allowances, taxes and the total).
 *
 * Guide: Stedi's Amazon retail 810 invoice guide, X12 release 4010 (listed among Stedi's public
 * Amazon guides, https://www.stedi.com/app/guides/view/amazon), read 2026-12-07; its stored copy
 * was not readable segment by segment, so the elements below follow the X12 4010 810 and must be
 * checked against the guide data of nodes/shared/domain/edi/guides/ when it is merged. Written:
 * - BIG: BIG01 invoice date, BIG02 invoice number (1-22), BIG04 the purchase order number (Amazon
 *   invoices one purchase order per 810: an invoice of lines from two purchase orders is refused).
 * - CUR `SE` with the invoice currency; REF `IA` (vendor number) with the remit-to party id.
 * - N1 loops (N1, N3, N4, `92` + party id): `RI` remit-to, `BT` bill-to, `ST` ship-to, `SF` ship-from.
 * - IT1 per line: IT101 the line number, IT102 / IT103 the quantity in Amazon's unit (CA / EA),
 *   IT104 the net cost as a decimal string with IT105 `PE` (per each), then `BP` ASIN and `VN`
 *   vendor product identifier; the line's own TXI taxes and SAC charges / allowances follow it.
 * - TDS01 the invoice total in cents (X12 N2, two implied decimals: 260.00 is 26000).
 * - TXI per invoice tax: TXI01 the tax type (VAT, MwSt., TVA, DomesticVAT -> VA; GST -> GS; ST ->
 *   ST; MutuallyDefined -> ZZ), TXI02 the amount, TXI03 the rate, as decimal strings.
 * - SAC per charge (`C`) and allowance (`A`): SAC02 the X12 code of {@link SAC_CODES} (F050 "other"
 *   with the type in SAC15 where X12 has no code of its own), SAC05 the amount in cents, SAC15 the
 *   description; each with its own TXI.
 * - CTT01 the number of IT1 segments, CTT02 the sum of IT102.
 * Refused: credit notes (EU credit notes go through the SP-API), weight-priced lines, taxes of a
 * type with no TXI code here (CGST, SGST, IGST, UTGST, CESS, PST, Consumption,
 * TaxCollectedAtSource), and a total of more than two decimals. Payment terms (ITD), the
 * reference number and additional details are not written. Pure: no n8n imports.
 */
import type { SegmentInput, TransactionSetInput } from '../../x12';
import {
	decimalText,
	fail,
	impliedCents,
	listAt,
	objectAt,
	optionalText,
	productIdPairs,
	quantityUnit,
	refuseWeightPrice,
	text,
	wholeNumber,
	x12Date,
} from './common';
import { partySegments } from './parties';

export interface Write810Input {
	/** Build Invoice's `invoice` (an SP-API Invoice). */
	invoice: unknown;
	/** BIG03, the purchase order date, when the caller knows it. */
	purchaseOrderDate?: string;
	/** ST02; writeOutbound numbers the sets itself. Default 1. */
	controlNumber?: string | number;
}

/** TXI01 (X12 element 963) per SP-API tax type. */
export const TAX_CODES: Readonly<Record<string, string>> = {
	VAT: 'VA',
	'MwSt.': 'VA',
	TVA: 'VA',
	DomesticVAT: 'VA',
	GST: 'GS',
	ST: 'ST',
	MutuallyDefined: 'ZZ',
};

/** SAC02 (X12 element 1300) per SP-API charge or allowance type; F050 is "other (see description)". */
export const SAC_CODES: Readonly<Record<string, string>> = {
	Freight: 'D240',
	InsuranceFee: 'D980',
	SpecialHandlingService: 'H090',
	Service: 'G740',
	Discount: 'C310',
	Defective: 'C000',
	Promotional: 'F800',
};

const OTHER = 'F050';

function taxSegments(list: unknown, path: string): SegmentInput[] {
	return listAt(list ?? [], path, true).map((value, i) => {
		const at = `${path}[${i}]`;
		const tax = objectAt(value, at);
		const code = TAX_CODES[String(tax.taxType)];
		if (code === undefined)
			fail(
				`${at}.taxType`,
				`${String(tax.taxType)} has no X12 TXI code here (${Object.keys(TAX_CODES).join(', ')})`,
			);
		const amount = objectAt(tax.taxAmount, `${at}.taxAmount`);
		const rate = tax.taxRate === undefined ? undefined : decimalText(tax.taxRate, `${at}.taxRate`);
		return ['TXI', code, decimalText(amount.amount, `${at}.taxAmount.amount`), rate];
	});
}

function sacSegments(list: unknown, path: string, kind: 'C' | 'A'): SegmentInput[] {
	const field = kind === 'C' ? 'chargeAmount' : 'allowanceAmount';
	return listAt(list ?? [], path, true).flatMap((value, i) => {
		const at = `${path}[${i}]`;
		const sac = objectAt(value, at);
		const type = text(sac.type, `${at}.type`, 40);
		const code = SAC_CODES[type] ?? OTHER;
		const described = optionalText(sac.description, `${at}.description`, 80);
		const description =
			code === OTHER ? `${type}${described ? `: ${described}` : ''}`.slice(0, 80) : described;
		const amount = impliedCents(
			objectAt(sac[field], `${at}.${field}`).amount,
			`${at}.${field}.amount`,
		);
		const segment: SegmentInput = ['SAC', kind, code, undefined, undefined, amount];
		if (description !== undefined) segment.push(...Array(9).fill(undefined), description);
		return [segment, ...taxSegments(sac.taxDetails, `${at}.taxDetails`)];
	});
}

function lineSegments(
	value: unknown,
	path: string,
): { segments: SegmentInput[]; quantity: number } {
	const item = objectAt(value, path);
	const seq = wholeNumber(item.itemSequenceNumber, `${path}.itemSequenceNumber`, 1);
	const q = objectAt(item.invoicedQuantity, `${path}.invoicedQuantity`);
	const quantity = wholeNumber(q.amount, `${path}.invoicedQuantity.amount`, 1);
	const unit = quantityUnit(q.unitOfMeasure, `${path}.invoicedQuantity.unitOfMeasure`);
	refuseWeightPrice(item.netCostUnitOfMeasure, `${path}.netCostUnitOfMeasure`);
	const cost = decimalText(
		objectAt(item.netCost, `${path}.netCost`).amount,
		`${path}.netCost.amount`,
	);
	const segments: SegmentInput[] = [
		['IT1', seq, quantity, unit, cost, 'PE', ...productIdPairs(item, path)],
	];
	segments.push(...taxSegments(item.taxDetails, `${path}.taxDetails`));
	segments.push(...sacSegments(item.chargeDetails, `${path}.chargeDetails`, 'C'));
	segments.push(...sacSegments(item.allowanceDetails, `${path}.allowanceDetails`, 'A'));
	return { segments, quantity };
}

/** The one purchase order of the invoice's lines. */
function purchaseOrderOf(items: unknown[]): string {
	let po: string | undefined;
	items.forEach((value, i) => {
		const path = `invoice.items[${i}].purchaseOrderNumber`;
		const own = text(objectAt(value, `invoice.items[${i}]`).purchaseOrderNumber, path, 22);
		if (po !== undefined && own !== po)
			fail(path, `is ${own}, an earlier line is of ${po}: an 810 invoices one purchase order`);
		po = own;
	});
	return po as string;
}

function headingSegments(
	inv: Record<string, unknown>,
	po: string,
	poDate: string | undefined,
): SegmentInput[] {
	const date = x12Date(inv.date, 'invoice.date');
	const id = text(inv.id, 'invoice.id', 22);
	const total = objectAt(inv.invoiceTotal, 'invoice.invoiceTotal');
	const currency = text(
		total.currencyCode,
		'invoice.invoiceTotal.currencyCode',
		3,
		3,
	).toUpperCase();
	const remitTo = objectAt(inv.remitToParty, 'invoice.remitToParty');
	const out: SegmentInput[] = [
		['BIG', date, id, poDate === undefined ? undefined : x12Date(poDate, 'purchaseOrderDate'), po],
		['CUR', 'SE', currency],
		['REF', 'IA', text(remitTo.partyId, 'invoice.remitToParty.partyId', 30)],
		...partySegments('RI', remitTo, 'invoice.remitToParty'),
	];
	for (const [entity, key] of [
		['BT', 'billToParty'],
		['ST', 'shipToParty'],
		['SF', 'shipFromParty'],
	] as const) {
		if (inv[key] !== undefined)
			out.push(...partySegments(entity, objectAt(inv[key], `invoice.${key}`), `invoice.${key}`));
	}
	return out;
}

/** The 810 of one invoice (see the module notes); bad input is an InvalidInputError. */
export function write810(input: Write810Input): TransactionSetInput {
	const inv = objectAt(input.invoice, 'invoice');
	if (inv.invoiceType !== 'Invoice')
		fail(
			'invoice.invoiceType',
			`is ${String(inv.invoiceType)}: only invoices are written as an 810 here`,
		);
	const items = listAt(inv.items, 'invoice.items');
	const po = purchaseOrderOf(items);
	const heading = headingSegments(inv, po, input.purchaseOrderDate);
	const detail: SegmentInput[] = [];
	let quantity = 0;
	items.forEach((item, i) => {
		const line = lineSegments(item, `invoice.items[${i}]`);
		detail.push(...line.segments);
		quantity += line.quantity;
	});
	const total = objectAt(inv.invoiceTotal, 'invoice.invoiceTotal');
	const summary: SegmentInput[] = [
		['TDS', impliedCents(total.amount, 'invoice.invoiceTotal.amount')],
		...taxSegments(inv.taxDetails, 'invoice.taxDetails'),
		...sacSegments(inv.chargeDetails, 'invoice.chargeDetails', 'C'),
		...sacSegments(inv.allowanceDetails, 'invoice.allowanceDetails', 'A'),
		['CTT', items.length, quantity],
	];
	return {
		id: '810',
		controlNumber: input.controlNumber ?? 1,
		segments: [...heading, ...detail, ...summary],
	};
}
