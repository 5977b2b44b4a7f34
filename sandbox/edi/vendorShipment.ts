/**
 * An 856 ship notice read into the SP-API's ShipmentConfirmation (vendorShipments.json), so that it
 * goes through the same model validation and the same ASN rules (shipments.ts) as
 * POST /vendor/shipping/v1/shipmentConfirmations.
 *
 * Mapping (hierarchy S shipment, O order, T tare = pallet, P pack = carton, I item):
 * - BSN01 00 Original / 05 Replace; BSN02 shipmentIdentifier; BSN03/BSN04 shipmentConfirmationDate.
 * - S: TD5 03 carrierScac, TD5 04 U = SmallParcel, M = LessThanTruckLoad (shipmentType; other codes
 *   set none); REF BM billOfLadingNumber, REF CN carrierShipmentReferenceNumber (PRO); DTM 011
 *   shippedDate, DTM 017 estimatedDeliveryDate; N1 SF / N1 ST (N104) shipFromParty / shipToParty.
 * - O: PRF01, the purchase order of every item below it (itemDetails.purchaseOrderNumber).
 * - T: MAN GM, the pallet's SSCC; the cartons below it are its cartonReferenceNumbers, items right
 *   below it are loose on the pallet.
 * - P: MAN GM, the carton's SSCC (MAN CP its tracking number); the items below it are its contents.
 * - I: LIN BP (ASIN) / VN (vendor item), SN1 02/03 quantity in EA or CA, PO4 01 the case size.
 * shippedItems add up the quantities of each purchase order and item; sellingParty is the vendor
 * code of the trading partner that sent the interchange.
 */
import type { ReadSegment } from './x12';
import { isoFromX12 } from './x12';
import { productIds } from './vendorDocuments';

interface Level {
	id: string;
	parent: string;
	code: string;
	segments: ReadSegment[];
}

type Quantity = { amount: number; unitOfMeasure: 'Eaches' | 'Cases'; unitSize?: number };

/** A problem the 856's structure has beyond the guide check (it rejects the set, AK5 code 5). */
export class ShipmentStructureError extends Error {}

function levels(body: ReadSegment[]): Level[] {
	const out: Level[] = [];
	for (const segment of body) {
		if (segment.id === 'HL')
			out.push({
				id: segment.elements[1],
				parent: segment.elements[2] ?? '',
				code: segment.elements[3],
				segments: [],
			});
		else out[out.length - 1]?.segments.push(segment);
	}
	return out;
}

const first = (level: Level | undefined, id: string, qualifier?: string) =>
	level?.segments.find(
		(s) => s.id === id && (qualifier === undefined || s.elements[1] === qualifier),
	);

function quantityOf(level: Level): Quantity {
	const sn1 = first(level, 'SN1');
	if (!sn1) throw new ShipmentStructureError(`Item level HL ${level.id} has no SN1.`);
	const q: Quantity = {
		amount: Number(sn1.elements[2]),
		unitOfMeasure: sn1.elements[3] === 'CA' ? 'Cases' : 'Eaches',
	};
	const pack = first(level, 'PO4')?.elements[1];
	if (q.unitOfMeasure === 'Cases' && pack) q.unitSize = Number(pack);
	return q;
}

function sscc(level: Level, what: string) {
	const man = first(level, 'MAN', 'GM');
	if (!man) throw new ShipmentStructureError(`${what} level HL ${level.id} has no MAN GM (SSCC).`);
	return [{ containerIdentificationType: 'SSCC', containerIdentificationNumber: man.elements[2] }];
}

function headerFields(shipment: Level | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const td5 = first(shipment, 'TD5');
	const transport: Record<string, string> = {};
	if (td5?.elements[3]) transport.carrierScac = td5.elements[3];
	const pro = first(shipment, 'REF', 'CN')?.elements[2];
	const bol = first(shipment, 'REF', 'BM')?.elements[2];
	if (pro) transport.carrierShipmentReferenceNumber = pro;
	if (bol) transport.billOfLadingNumber = bol;
	if (Object.keys(transport).length) out.transportationDetails = transport;
	const type = { U: 'SmallParcel', M: 'LessThanTruckLoad' }[td5?.elements[4] ?? ''];
	if (type) out.shipmentType = type;
	const shipped = first(shipment, 'DTM', '011');
	const delivery = first(shipment, 'DTM', '017');
	if (shipped)
		out.shippedDate =
			isoFromX12(shipped.elements[2], shipped.elements[3] ?? '') ?? shipped.elements[2];
	if (delivery)
		out.estimatedDeliveryDate =
			isoFromX12(delivery.elements[2], delivery.elements[3] ?? '') ?? delivery.elements[2];
	return out;
}

/** The ShipmentConfirmation an 856 transaction set describes (its segments passed the guide check). */
export function shipmentFrom856(body: ReadSegment[], vendorCode: string): Record<string, unknown> {
	const bsn = body.find((s) => s.id === 'BSN')!;
	const all = levels(body);
	const byId = new Map(all.map((l) => [l.id, l]));
	const ancestor = (level: Level, code: string): Level | undefined => {
		for (
			let at = byId.get(level.parent), n = 0;
			at && n < all.length;
			at = byId.get(at.parent), n++
		)
			if (at.code === code) return at;
		return undefined;
	};
	const shipment = all.find((l) => l.code === 'S');
	const party = (code: string) => ({ partyId: first(shipment, 'N1', code)?.elements[4] ?? '' });
	const items = new Map<string, { item: Record<string, unknown>; quantity: Quantity }>();
	const cartons = all.filter((l) => l.code === 'P');
	const cartonNumber = (l: Level) => String(cartons.indexOf(l) + 1);
	const contents = new Map<Level, unknown[]>();
	for (const level of all.filter((l) => l.code === 'I')) {
		const order = ancestor(level, 'O');
		const po = first(order, 'PRF')?.elements[1];
		if (!po)
			throw new ShipmentStructureError(
				`Item level HL ${level.id} is under no order level with a PRF.`,
			);
		const ids = productIds(first(level, 'LIN')!, 2);
		const quantity = quantityOf(level);
		const key = `${po}|${ids.BP ?? ''}|${ids.VN ?? ''}`;
		let entry = items.get(key);
		if (!entry) {
			const item: Record<string, unknown> = { itemSequenceNumber: String(items.size + 1) };
			if (ids.BP) item.amazonProductIdentifier = ids.BP;
			if (ids.VN) item.vendorProductIdentifier = ids.VN;
			entry = { item, quantity: { ...quantity, amount: 0 } };
			item.itemDetails = { purchaseOrderNumber: po };
			items.set(key, entry);
		}
		if (entry.quantity.unitOfMeasure !== quantity.unitOfMeasure)
			throw new ShipmentStructureError(`Item ${key} is shipped in both Eaches and Cases.`);
		entry.quantity.amount += quantity.amount;
		const container = byId.get(level.parent);
		if (container && (container.code === 'P' || container.code === 'T'))
			contents.set(container, [
				...(contents.get(container) ?? []),
				{
					itemReference: entry.item.itemSequenceNumber,
					shippedQuantity: quantity,
					itemDetails: { purchaseOrderNumber: po },
				},
			]);
	}
	const out: Record<string, unknown> = {
		shipmentIdentifier: bsn.elements[2],
		shipmentConfirmationType: bsn.elements[1] === '05' ? 'Replace' : 'Original',
		shipmentConfirmationDate: isoFromX12(bsn.elements[3], bsn.elements[4] ?? '') ?? '',
		...headerFields(shipment),
		sellingParty: { partyId: vendorCode },
		shipFromParty: party('SF'),
		shipToParty: party('ST'),
		shippedItems: [...items.values()].map(({ item, quantity }) => ({
			...item,
			shippedQuantity: quantity,
		})),
	};
	if (cartons.length)
		out.cartons = cartons.map((c) => {
			const carton: Record<string, unknown> = {
				cartonIdentifiers: sscc(c, 'Carton'),
				cartonSequenceNumber: cartonNumber(c),
				items: contents.get(c) ?? [],
			};
			const tracking = first(c, 'MAN', 'CP')?.elements[2];
			if (tracking) carton.trackingNumber = tracking;
			return carton;
		});
	const pallets = all.filter((l) => l.code === 'T');
	if (pallets.length)
		out.pallets = pallets.map((t) => {
			const pallet: Record<string, unknown> = { palletIdentifiers: sscc(t, 'Pallet') };
			const inside = cartons.filter((c) => ancestor(c, 'T') === t).map(cartonNumber);
			if (inside.length)
				pallet.cartonReferenceDetails = {
					cartonCount: inside.length,
					cartonReferenceNumbers: inside,
				};
			if (contents.get(t)) pallet.items = contents.get(t);
			return pallet;
		});
	return out;
}
