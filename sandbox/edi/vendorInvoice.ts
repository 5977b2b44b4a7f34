/**
 * An 810 invoice read into the SP-API's Invoice (vendorInvoices.json), so that it goes through the
 * same model validation and the same invoice rules (invoices.ts) as POST /vendor/payments/v1/invoices.
 *
 * Mapping: BIG01 date (00:00 UTC), BIG02 id, BIG04 the purchase order of items without their own,
 * BIG07 CR = CreditNote (else Invoice); CUR02 the currency of every amount; N1 RI / ST / SF / BT
 * (N104) remitToParty / shipToParty / shipFromParty / billToParty; ITD 01 = Basic terms with ITD03
 * discountPercent, ITD05 discountDueDays, ITD07 netDueDays; each IT1 an item (IT101
 * itemSequenceNumber, IT102/IT103 invoicedQuantity in EA or CA with the case size of the PO4 after
 * it, IT104 netCost, BP / VN / PO identifiers); SAC C D240 a Freight charge, SAC A C310 a Discount
 * allowance (SAC05 in cents); TDS01 the invoiceTotal in cents.
 */
import type { ReadSegment } from './x12';
import { isoFromX12 } from './x12';
import { productIds } from './vendorDocuments';

/** An amount in cents (X12 N2) as a decimal string with two places: 23160 -> "231.60". */
export function fromCents(cents: string): string {
	const negative = cents.startsWith('-');
	const digits = (negative ? cents.slice(1) : cents).padStart(3, '0');
	return `${negative ? '-' : ''}${digits.slice(0, -2).replace(/^0+(?=\d)/, '')}.${digits.slice(-2)}`;
}

function items(body: ReadSegment[], currencyCode: string, headerPo: string | undefined) {
	const out: Array<Record<string, unknown>> = [];
	body.forEach((segment, index) => {
		if (segment.id !== 'IT1') return;
		const e = segment.elements;
		const ids = productIds(segment, 6);
		// PO4 (the pack) anywhere in the line's IT1 loop, before the next IT1.
		const rest = body.slice(index + 1);
		const end = rest.findIndex((s) => s.id === 'IT1');
		const next = (end < 0 ? rest : rest.slice(0, end)).find((s) => s.id === 'PO4');
		const quantity: Record<string, unknown> = {
			amount: Number(e[2]),
			unitOfMeasure: e[3] === 'CA' ? 'Cases' : 'Eaches',
		};
		if (e[3] === 'CA' && next?.id === 'PO4' && next.elements[1])
			quantity.unitSize = Number(next.elements[1]);
		const item: Record<string, unknown> = {
			itemSequenceNumber: Number(e[1]),
			invoicedQuantity: quantity,
			netCost: { currencyCode, amount: e[4] },
		};
		if (ids.BP) item.amazonProductIdentifier = ids.BP;
		if (ids.VN) item.vendorProductIdentifier = ids.VN;
		const po = ids.PO ?? headerPo;
		if (po) item.purchaseOrderNumber = po;
		out.push(item);
	});
	return out;
}

/** The Invoice an 810 transaction set describes (its segments passed the guide check). */
export function invoiceFrom810(body: ReadSegment[]): Record<string, unknown> {
	const big = body.find((s) => s.id === 'BIG')!.elements;
	const currencyCode = body.find((s) => s.id === 'CUR')!.elements[2];
	const money = (cents: string) => ({ currencyCode, amount: fromCents(cents) });
	const party = (code: string) =>
		body.find((s) => s.id === 'N1' && s.elements[1] === code)?.elements[4];
	const invoice: Record<string, unknown> = {
		invoiceType: big[7] === 'CR' ? 'CreditNote' : 'Invoice',
		id: big[2],
		date: isoFromX12(big[1]) ?? big[1],
		remitToParty: { partyId: party('RI') ?? '' },
	};
	for (const [code, key] of [
		['ST', 'shipToParty'],
		['SF', 'shipFromParty'],
		['BT', 'billToParty'],
	] as const) {
		const id = party(code);
		if (id) invoice[key] = { partyId: id };
	}
	const itd = body.find((s) => s.id === 'ITD')?.elements;
	if (itd?.[1] === '01') {
		const terms: Record<string, unknown> = { type: 'Basic' };
		if (itd[3]) terms.discountPercent = itd[3];
		if (itd[5]) terms.discountDueDays = Number(itd[5]);
		if (itd[7]) terms.netDueDays = Number(itd[7]);
		invoice.paymentTerms = terms;
	}
	invoice.invoiceTotal = money(body.find((s) => s.id === 'TDS')!.elements[1]);
	const sac = body.filter((s) => s.id === 'SAC');
	const charges = sac
		.filter((s) => s.elements[1] === 'C' && s.elements[2] === 'D240')
		.map((s) => ({ type: 'Freight', chargeAmount: money(s.elements[5]) }));
	const allowances = sac
		.filter((s) => s.elements[1] === 'A' && s.elements[2] === 'C310')
		.map((s) => ({ type: 'Discount', allowanceAmount: money(s.elements[5]) }));
	if (charges.length) invoice.chargeDetails = charges;
	if (allowances.length) invoice.allowanceDetails = allowances;
	invoice.items = items(body, currencyCode, big[4] || undefined);
	return invoice;
}
