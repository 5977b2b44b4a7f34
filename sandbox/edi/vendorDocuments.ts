/**
 * The vendor's transaction sets read into the SP-API's shapes, so that they go through the same
 * model validation and the same rules as the API path: an 855 becomes the OrderAcknowledgement of a
 * submitAcknowledgement, an 846 an inventory record (the last quantity per item).
 *
 * 855 mapping (Stedi's Amazon retail 855, see guides.ts): BAK03 purchase order number, BAK04
 * acknowledgement date (00:00 UTC); each PO1 is an item (PO101 itemSequenceNumber, PO102/PO103
 * orderedQuantity in Eaches (EA) or Cases (CA, unit size from the order line), PO104 netCost in the
 * order line's currency, BP = amazonProductIdentifier, VN = vendorProductIdentifier); each ACK
 * after it an itemAcknowledgement (ACK01 code, see ACK_CODES in guides.ts; ACK02/ACK03 quantity;
 * ACK04 068 scheduledShipDate, 067 scheduledDeliveryDate from ACK05). sellingParty is the vendor code
 * of the trading partner that sent the interchange (an 855 carries none).
 */
import type { AmazonState } from '../amazon/state';
import type {
	ItemQuantity,
	OrderAcknowledgement,
	OrderAcknowledgementItem,
	OrderItem,
} from '../amazon/types';
import { ACK_CODES } from './guides';
import { isoFromX12, type ReadSegment } from './x12';

const UNIT: Record<string, ItemQuantity['unitOfMeasure']> = { EA: 'Eaches', CA: 'Cases' };

/** The product identifiers of a PO1 / LIN segment from `first` on, as qualifier -> id. */
export function productIds(segment: ReadSegment, first: number): Record<string, string> {
	const ids: Record<string, string> = {};
	for (let i = first; i + 1 < segment.elements.length; i += 2)
		if (segment.elements[i] && segment.elements[i + 1])
			ids[segment.elements[i]] = segment.elements[i + 1];
	return ids;
}

function quantity(amount: string, unit: string, line: OrderItem | undefined): ItemQuantity {
	const q: ItemQuantity = { amount: Number(amount), unitOfMeasure: UNIT[unit] };
	if (q.unitOfMeasure === 'Cases' && line?.orderedQuantity.unitSize)
		q.unitSize = line.orderedQuantity.unitSize;
	return q;
}

function itemFrom(
	po1: ReadSegment,
	acks: ReadSegment[],
	line: OrderItem | undefined,
	currency: string,
): OrderAcknowledgementItem {
	const e = po1.elements;
	const ids = productIds(po1, 6);
	const item: OrderAcknowledgementItem = {
		itemSequenceNumber: e[1],
		orderedQuantity: quantity(e[2], e[3], line),
		netCost: { currencyCode: currency, amount: e[4] },
		itemAcknowledgements: acks.map((ack) => {
			const a = ack.elements;
			const code = ACK_CODES[a[1]];
			const out: OrderAcknowledgementItem['itemAcknowledgements'][number] = {
				acknowledgementCode: code.acknowledgementCode,
				acknowledgedQuantity: quantity(a[2], a[3], line),
			};
			const when = isoFromX12(a[5]);
			if (when && a[4] === '068') out.scheduledShipDate = when;
			if (when && a[4] === '067') out.scheduledDeliveryDate = when;
			if (code.rejectionReason) out.rejectionReason = code.rejectionReason;
			return out;
		}),
	};
	if (ids.BP) item.amazonProductIdentifier = ids.BP;
	if (ids.VN) item.vendorProductIdentifier = ids.VN;
	return item;
}

/** The acknowledgement an 855 transaction set says (its segments already passed the guide check). */
export function acknowledgementFrom855(
	body: ReadSegment[],
	vendorCode: string,
	state: AmazonState,
	defaultCurrency: string,
): OrderAcknowledgement {
	const bak = body.find((s) => s.id === 'BAK')!;
	const purchaseOrderNumber = bak.elements[3];
	const lines = state.purchaseOrders.get(purchaseOrderNumber)?.order.orderDetails?.items ?? [];
	const items: OrderAcknowledgementItem[] = [];
	body.forEach((segment, index) => {
		if (segment.id !== 'PO1') return;
		const acks: ReadSegment[] = [];
		for (const next of body.slice(index + 1)) {
			if (next.id === 'PO1' || next.id === 'CTT') break;
			if (next.id === 'ACK') acks.push(next);
		}
		const line = lines.find((l) => l.itemSequenceNumber === segment.elements[1]);
		items.push(itemFrom(segment, acks, line, line?.netCost?.currencyCode ?? defaultCurrency));
	});
	return {
		purchaseOrderNumber,
		sellingParty: { partyId: vendorCode },
		acknowledgementDate: isoFromX12(bak.elements[4]) ?? '',
		items,
	};
}

export interface InventoryRecord {
	vendorCode: string;
	/** The item's identifiers as the 846 gave them (BP, VN, EN, UP...). */
	productIds: Record<string, string>;
	/** QTY01: 33 quantity available for sale, 17 on hand, 72 available on shipment. */
	qualifier: string;
	quantity: number;
	unitOfMeasure?: ItemQuantity['unitOfMeasure'];
	/** BIA04 (and BIA05) of the advice. */
	asOf: string;
	receivedAt: string;
	fileName: string;
}

/** The quantities an 846 transaction set advises, one record per LIN (its first QTY). */
export function inventoryFrom846(
	body: ReadSegment[],
	base: Pick<InventoryRecord, 'vendorCode' | 'receivedAt' | 'fileName'>,
): InventoryRecord[] {
	const bia = body.find((s) => s.id === 'BIA')!;
	const asOf = isoFromX12(bia.elements[4], bia.elements[5] ?? '') ?? '';
	const records: InventoryRecord[] = [];
	body.forEach((segment, index) => {
		if (segment.id !== 'LIN') return;
		const qty = body.slice(index + 1).find((s) => s.id === 'QTY' || s.id === 'LIN');
		if (!qty || qty.id !== 'QTY') return;
		records.push({
			...base,
			productIds: productIds(segment, 2),
			qualifier: qty.elements[1],
			quantity: Number(qty.elements[2]),
			unitOfMeasure: UNIT[qty.elements[3] ?? ''],
			asOf,
		});
	});
	return records;
}

/** The key of an item's inventory record: its first identifier in BP, VN, EN, UP, IB, UK order. */
export function inventoryKey(record: InventoryRecord): string {
	const qualifier = ['BP', 'VN', 'EN', 'UP', 'IB', 'UK'].find((q) => record.productIds[q]) ?? '';
	return `${record.vendorCode}|${qualifier}|${record.productIds[qualifier] ?? ''}`;
}
