/**
 * The X12 810 invoice of Build Invoice's `invoice` (the SP-API Invoice: lines with their quantity,
 * net cost and product ids, charges, allowances, taxes and the total).
 *
 * Guide: Stedi, "Amazon Retail Invoice", X12 810, release 4010
 * (https://www.stedi.com/app/guides/view/amazon/retail-invoice/01H16G9CW3P7QM9673TH14B7Y5, sample
 * "Example with Tax"), read 2026-12-07. The stored copy shows the heading ST, BIG, CUR (required),
 * the N1 loops Bill To (required), Remit To and Ship To, ITD (required, codes 01 Basic, 02 end of
 * month, 03 fixed date, 09 proximo, 23 due upon receipt, 41 letter of credit); the IT1 loop with the
 * product qualifiers BP, EN, IB, UA, UK, UP...; the summary TDS (required), TXI, the SAC loop and CTT
 * (required). Written:
 * - BIG: BIG01 invoice date, BIG02 invoice number (1-22), BIG03 the PO date when given, BIG04 the
 *   purchase order number (one purchase order per 810: lines of two purchase orders are refused).
 * - CUR `SE` with the invoice currency.
 * - N1 loops (N1, N3, N4, `92` + party id): `BT` bill-to, `RI` remit-to, `ST` ship-to.
 * - ITD from the payment terms: ITD01 the type code above, ITD02 `3` (invoice date), ITD03 the
 *   discount percent, ITD05 the discount days, ITD07 the net days.
 * - IT1 per line: IT101 the line number, IT102 / IT103 the quantity in Amazon's unit (CA / EA),
 *   IT104 the net cost as a decimal string with IT105 `PE` (per each); a line in cases has PO4 with
 *   PO401 its pack (eaches per case), so that the per-each cost can be extended; then `BP` ASIN and `VN`
 *   vendor product identifier; the line's own TXI taxes and SAC charges / allowances follow it.
 * - TDS01 the invoice total in cents (X12 N2, two implied decimals: 260.00 is 26000).
 * - TXI per invoice tax: TXI01 the tax type (VAT, MwSt., TVA, DomesticVAT -> VA; GST -> GS; ST ->
 *   ST; MutuallyDefined -> ZZ), TXI02 the amount, TXI03 the rate, as decimal strings.
 * - SAC per charge (`C`) and allowance (`A`): SAC02 the X12 code of {@link SAC_CODES} (F050 "other"
 *   with the type in SAC15 where no code is listed here), SAC05 the amount in cents, SAC15 the
 *   description; each with its own TXI. The SAC02 and TXI01 codes were not readable in the stored
 *   copy: they are X12 codes by meaning and must be checked against the guide data of
 *   nodes/shared/domain/edi/guides/ when it is merged.
 * - CTT01 the number of IT1 segments, CTT02 the sum of IT102.
 * Refused: credit notes (EU credit notes go through the SP-API), an invoice without bill-to party or
 * payment terms (both required by the guide), weight-priced lines, taxes of a type with no TXI code
 * here (CGST, SGST, IGST, UTGST, CESS, PST, Consumption), and a total of more than two decimals. The
 * ship-from party, the reference number and additional details are not written. Pure: no n8n imports.
 */
import { shown } from '../../values';
import type { SegmentInput, TransactionSetInput } from '../../x12';
import {
	decimalText,
	fail,
	impliedCents,
	listAt,
	objectAt,
	optionalText,
	own,
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

/** ITD01 per SP-API payment term type, as the guide lists them. */
export const TERMS_CODES: Readonly<Record<string, string>> = {
	Basic: '01',
	EndOfMonth: '02',
	FixedDate: '03',
	Proximo: '09',
	PaymentDueUponReceiptOfInvoice: '23',
	LetterofCredit: '41',
};

function termsSegment(value: unknown): SegmentInput {
	const terms = objectAt(value, 'invoice.paymentTerms');
	const code = own(TERMS_CODES, terms.type);
	if (code === undefined)
		fail(
			'invoice.paymentTerms.type',
			`must be ${Object.keys(TERMS_CODES).join(', ')} (got ${shown(terms.type)})`,
		);
	const days = (key: string) =>
		terms[key] === undefined ? undefined : wholeNumber(terms[key], `invoice.paymentTerms.${key}`);
	const percent =
		terms.discountPercent === undefined
			? undefined
			: decimalText(terms.discountPercent, 'invoice.paymentTerms.discountPercent', 6);
	const discountDays = days('discountDueDays');
	if (percent !== undefined && discountDays === undefined)
		fail(
			'invoice.paymentTerms.discountDueDays',
			'is required with a discount percent (ITD03 needs ITD05)',
		);
	return ['ITD', code, '3', percent, undefined, discountDays, undefined, days('netDueDays')];
}

function taxSegments(list: unknown, path: string): SegmentInput[] {
	return listAt(list ?? [], path, true).map((value, i) => {
		const at = `${path}[${i}]`;
		const tax = objectAt(value, at);
		const code = own(TAX_CODES, tax.taxType);
		if (code === undefined)
			fail(
				`${at}.taxType`,
				`${shown(tax.taxType)} has no X12 TXI code here (${Object.keys(TAX_CODES).join(', ')})`,
			);
		const amount = objectAt(tax.taxAmount, `${at}.taxAmount`);
		const rate =
			tax.taxRate === undefined ? undefined : decimalText(tax.taxRate, `${at}.taxRate`, 10);
		return ['TXI', code, decimalText(amount.amount, `${at}.taxAmount.amount`), rate];
	});
}

function sacSegments(list: unknown, path: string, kind: 'C' | 'A'): SegmentInput[] {
	const field = kind === 'C' ? 'chargeAmount' : 'allowanceAmount';
	return listAt(list ?? [], path, true).flatMap((value, i) => {
		const at = `${path}[${i}]`;
		const sac = objectAt(value, at);
		const type = text(sac.type, `${at}.type`, 40);
		const code = own(SAC_CODES, type) ?? OTHER;
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
	// A line in cases states its pack, so that Amazon can extend the per-each cost (IT105 PE).
	if (unit === 'CA') {
		const pack = wholeNumber(q.unitSize, `${path}.invoicedQuantity.unitSize`, 1);
		segments.push(['PO4', pack]);
	}
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
	const billTo = objectAt(inv.billToParty, 'invoice.billToParty');
	const out: SegmentInput[] = [
		['BIG', date, id, poDate === undefined ? undefined : x12Date(poDate, 'purchaseOrderDate'), po],
		['CUR', 'SE', currency],
		...partySegments('BT', billTo, 'invoice.billToParty'),
		...partySegments('RI', remitTo, 'invoice.remitToParty'),
	];
	if (inv.shipToParty !== undefined)
		out.push(
			...partySegments(
				'ST',
				objectAt(inv.shipToParty, 'invoice.shipToParty'),
				'invoice.shipToParty',
			),
		);
	if (inv.paymentTerms === undefined)
		fail('invoice.paymentTerms', 'are required: the guide requires ITD (terms of sale)');
	out.push(termsSegment(inv.paymentTerms));
	return out;
}

/** The 810 of one invoice (see the module notes); bad input is an InvalidInputError. */
export function write810(input: Write810Input): TransactionSetInput {
	const inv = objectAt(input.invoice, 'invoice');
	if (inv.invoiceType !== 'Invoice')
		fail(
			'invoice.invoiceType',
			`is ${shown(inv.invoiceType)}: only invoices are written as an 810 here`,
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
