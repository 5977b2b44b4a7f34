/**
 * The transaction sets Amazon writes to the vendor's inbound/ folder, as segments (x12.ts adds the
 * envelope): the 850 of a purchase order, the 860 of Amazon's change to one, the 820 of a
 * remittance payment and the 997 of a vendor interchange.
 *
 * 850 after Stedi's Amazon Retail Purchase Order guide (X12 4010),
 * https://www.stedi.com/app/guides/view/amazon/retail-purchase-order/01H198YB452FFCV3251J95W2RW:
 * BEG (00, order type NE/CN/NP/RO, PO number, PO date), REF CR (vendor code), REF PD (deal code),
 * CSH (N: no backorder, Y: backorder allowed), DTM 064/063 (do not deliver before/after) or 037/038
 * (ship not before/no later), N1 ST with the fulfilment centre code (qualifier 92) and N1 BT / BY
 * when the order names a bill-to or buying party, PO1 per line
 * (line number, quantity, EA or CA, net cost, PE, BP ASIN, VN vendor item), PO4 (pack size of a case),
 * CTP MSR (list price), CTT (line count, quantity hash total).
 * 860 after Amazon's 860 Retail Purchase Order Change Request (X12 4010, functional group PC) as
 * ECGrid publishes it, https://support.ecgrid.com/support/solutions/articles/6000285042: BCH (04
 * change, 01 cancellation of the whole order; SA; PO number; PO date), DTM 010 (change date), POC per
 * changed line (AI added, DI deleted, QI/QD quantity up/down, PC price), CTT.
 * 820: BPR (I, amount, C, ACH), TRN 3 (payment number), DTM 009 (payment date), N1 PR (Amazon) and
 * PE (vendor code), ENT, RMR IV per remittance line (invoice number, amount paid, invoice amount,
 * discount), DTM 003 (invoice date).
 */
import { dec, formatDecimal, sum } from '../amazon/decimal';
import type { Payment } from '../amazon/remittance';
import type { Order, OrderItem } from '../amazon/types';
import type { InterchangeCheck } from './check';
import { x12Date } from './x12';

const ORDER_TYPES: Record<string, string> = {
	RegularOrder: 'NE',
	ConsignedOrder: 'CN',
	NewProductIntroduction: 'NP',
	RushOrder: 'RO',
};

const date8 = (iso: string) => x12Date(new Date(iso)).ccyymmdd;

function windowDates(window: string | undefined, before: string, after: string): string[][] {
	if (!window) return [];
	const [from, to] = window.split('--');
	return [
		['DTM', before, date8(from)],
		['DTM', after, date8(to)],
	];
}

function unit(item: OrderItem): { code: string; amount: number } {
	const q = item.orderedQuantity;
	return { code: q.unitOfMeasure === 'Cases' ? 'CA' : 'EA', amount: q.amount ?? 0 };
}

function productIds(item: {
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
}): string[] {
	const ids: string[] = [];
	if (item.amazonProductIdentifier) ids.push('BP', item.amazonProductIdentifier);
	if (item.vendorProductIdentifier) ids.push('VN', item.vendorProductIdentifier);
	return ids;
}

function lineSegments(item: OrderItem): string[][] {
	const { code, amount } = unit(item);
	const out = [
		[
			'PO1',
			item.itemSequenceNumber,
			String(amount),
			code,
			item.netCost?.amount ?? '',
			'PE',
			...productIds(item),
		],
	];
	if (code === 'CA') out.push(['PO4', String(item.orderedQuantity.unitSize ?? 1)]);
	if (item.listPrice?.amount) out.push(['CTP', '', 'MSR', item.listPrice.amount]);
	return out;
}

export function purchaseOrder850(order: Order): string[][] {
	const d = order.orderDetails!;
	const items = d.items;
	const currency = items.find((i) => i.netCost?.currencyCode)?.netCost?.currencyCode;
	return [
		[
			'BEG',
			'00',
			ORDER_TYPES[d.purchaseOrderType ?? 'RegularOrder'] ?? 'NE',
			order.purchaseOrderNumber,
			'',
			date8(d.purchaseOrderDate),
		],
		...(currency ? [['CUR', 'BY', currency]] : []),
		['REF', 'CR', d.sellingParty?.partyId ?? ''],
		...(d.dealCode ? [['REF', 'PD', d.dealCode]] : []),
		['CSH', items.every((i) => i.isBackOrderAllowed) ? 'Y' : 'N'],
		...windowDates(d.deliveryWindow, '064', '063'),
		...windowDates(d.shipWindow, '037', '038'),
		['N1', 'ST', '', '92', d.shipToParty?.partyId ?? ''],
		...(d.billToParty?.partyId ? [['N1', 'BT', '', '92', d.billToParty.partyId]] : []),
		...(d.buyingParty?.partyId ? [['N1', 'BY', '', '92', d.buyingParty.partyId]] : []),
		...items.flatMap(lineSegments),
		[
			'CTT',
			String(items.length),
			String(items.reduce((n, i) => n + (i.orderedQuantity.amount ?? 0), 0)),
		],
	];
}

/** What the vendor was last told of a line (by 850 or 860), to find what an 860 must say. */
export interface SentLine {
	amount: number;
	code: string;
	netCost?: string;
}

export function sentLines(order: Order): Record<string, SentLine> {
	return Object.fromEntries(
		(order.orderDetails?.items ?? []).map((i) => [
			i.itemSequenceNumber,
			{ ...unit(i), netCost: i.netCost?.amount },
		]),
	);
}

/** The 860 of the change from `before` to the order now; undefined when no line changed. */
export function purchaseOrderChange860(
	order: Order,
	before: Record<string, SentLine>,
): string[][] | undefined {
	const d = order.orderDetails!;
	const lines: string[][] = [];
	for (const item of d.items) {
		const was = before[item.itemSequenceNumber];
		const now = unit(item);
		const cost = item.netCost?.amount ?? '';
		const poc = (code: string, change: number) => [
			'POC',
			item.itemSequenceNumber,
			code,
			String(change),
			String(now.amount),
			now.code,
			cost,
			'PE',
			...productIds(item),
		];
		if (!was) lines.push(poc('AI', now.amount));
		else if (now.amount === 0 && was.amount > 0) lines.push(poc('DI', was.amount));
		else if (now.amount > was.amount) lines.push(poc('QI', now.amount - was.amount));
		else if (now.amount < was.amount) lines.push(poc('QD', was.amount - now.amount));
		else if (was.netCost !== item.netCost?.amount) lines.push(poc('PC', 0));
	}
	if (!lines.length) return undefined;
	const cancelled = d.items.every((i) => (i.orderedQuantity.amount ?? 0) === 0);
	return [
		[
			'BCH',
			cancelled ? '01' : '04',
			'SA',
			order.purchaseOrderNumber,
			'',
			'',
			date8(d.purchaseOrderDate),
		],
		['REF', 'CR', d.sellingParty?.partyId ?? ''],
		['DTM', '010', date8(d.purchaseOrderChangedDate ?? d.purchaseOrderDate)],
		...lines,
		['CTT', String(lines.length)],
	];
}

const isoDate8 = (ymd: string) => ymd.replace(/-/g, '');

export function remittance820(payment: Payment): string[][] {
	const total = formatDecimal(sum(payment.lines.map((l) => dec(l.amountPaid))), 2);
	return [
		[
			'BPR',
			'I',
			total,
			'C',
			'ACH',
			'',
			'',
			'',
			'',
			'',
			'',
			'',
			'',
			'',
			'',
			'',
			isoDate8(payment.paymentDate),
		],
		['TRN', '3', payment.paymentNumber],
		['CUR', 'PR', payment.currency],
		['DTM', '009', isoDate8(payment.paymentDate)],
		['N1', 'PR', 'Amazon'],
		['N1', 'PE', '', '92', payment.vendorCode],
		['ENT', '1'],
		...payment.lines.flatMap((l) => [
			['RMR', 'IV', l.invoiceNumber, '', l.amountPaid, l.invoiceAmount, l.discountTaken],
			...(l.purchaseOrderNumber ? [['REF', 'PO', l.purchaseOrderNumber]] : []),
			['DTM', '003', isoDate8(l.invoiceDate)],
		]),
	];
}

/** The outcome of one vendor transaction set, as its AK2 loop says it. */
export interface SetOutcome {
	type: string;
	control: string;
	accepted: boolean;
	/** AK502 when rejected. */
	code?: string;
	segments: InterchangeCheck['groups'][number]['sets'][number]['segments'];
}

export interface GroupOutcome {
	functionalId: string;
	control: string;
	/** AK905 when the group itself is rejected. */
	code?: string;
	/** The group is rejected as a whole (its own problem, or the interchange's). */
	rejected: boolean;
	sets: SetOutcome[];
}

/** One 997 transaction set: AK1, an AK2 loop per set (AK3/AK4 for each problem, AK5), AK9. */
export function functionalAck997(group: GroupOutcome): string[][] {
	const out: string[][] = [['AK1', group.functionalId, group.control]];
	for (const set of group.sets) {
		out.push(['AK2', set.type, set.control]);
		for (const seg of set.segments) {
			out.push(['AK3', seg.id, String(seg.position), '', seg.code]);
			for (const e of seg.elements)
				out.push(['AK4', String(e.position), '', e.code, e.value ?? '']);
		}
		out.push([
			'AK5',
			set.accepted && !group.rejected ? 'A' : 'R',
			...(set.accepted && !group.rejected ? [] : [set.code ?? '5']),
		]);
	}
	const accepted = group.rejected ? 0 : group.sets.filter((s) => s.accepted).length;
	const status =
		accepted === group.sets.length && !group.rejected ? 'A' : accepted === 0 ? 'R' : 'P';
	out.push([
		'AK9',
		status,
		String(group.sets.length),
		String(group.sets.length),
		String(accepted),
		...(group.code ? [group.code] : []),
	]);
	return out;
}
