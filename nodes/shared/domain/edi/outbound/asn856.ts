/**
 * The X12 856 ship notice of Build ASN's shipment confirmation (the SP-API ShipmentConfirmation:
 * shipped items, cartons with their SSCCs, pallets with theirs and the cartons they carry).
 *
 * Guide: Stedi, "Amazon Retail Ship Notice/Manifest (V1)", X12 856, release 5010
 * (https://www.stedi.com/app/guides/view/amazon/retail-ship-noticemanifest-v1/01HPFEV8FE59QEK24X1E8CWZ5J,
 * sample "Carton with SSCC"), read 2026-12-07. The stored copy shows the shipment level (HL, TD1
 * required, TD5 required, REF bill of lading / carrier's tracking number, DTM estimated delivery
 * and DTM shipped, both required); what is written:
 * - BSN: BSN01 `00` original or `05` replace (shipmentConfirmationType), BSN02 the shipment
 *   identifier, BSN03 / BSN04 the confirmation date and time (UTC), BSN05 `0001` (shipment, order,
 *   packaging, item).
 * - HL S (shipment): TD1 `CTN25` with the carton count and `PLT94` with the pallet count, the gross
 *   weight (TD106 `G`, TD107, TD108 LB / KG / GR / OZ) and volume (TD109, TD110 CF / CI / CR / CY) on
 *   the first; TD5 `2` + SCAC with the transportation method (M motor, A air, S ocean, U private
 *   parcel for a small parcel shipment); REF `BM` bill of lading, REF `CN` carrier's PRO number;
 *   DTM `011` shipped and `017` estimated delivery (date, time, `UT`); N1 `SF` ship-from (with N3 /
 *   N4 when it has an address) and N1 `ST` the fulfilment centre (`92` + its code).
 * - HL O per purchase order (PRF01 the PO number), in the order the shipped items name them; under
 *   it the shipment structure, S-O-T-P-I: HL T per pallet and HL P per carton, each with `MAN*GM`
 *   and its SSCC, and HL I per item (LIN `BP` ASIN / `VN` vendor product identifier, SN1 the
 *   quantity in Amazon's unit CA / EA, and for cases PO4 with PO401 the pack, eaches per case). Cartons on a pallet are under its T; loose cartons are
 *   directly under the O; items standing on a pallet (PalletOfItems) are under its T. A shipment
 *   without cartons or pallets lists its items under the O.
 * - MAN*GM: code GM is "SSCC-18 and Application Identifier", so MAN02 is the application identifier
 *   `00` followed by the 18 digits (20 digits), as Build ASN writes `containerIdentificationNumber`;
 *   an 18-digit number is given its `00`; the check digit is verified. A carton with a
 *   trackingNumber (a small-parcel carton: Amazon asks for one per carton) has MAN*CP with it
 *   after its MAN*GM (CP: X12's Carrier-Assigned Package ID).
 * - CTT01 the number of HL segments.
 * A container holding items of two purchase orders appears under each O with that order's items.
 * Not written: lot numbers and expiry (itemDetails), the Amazon reference number (ARN), carton
 * weights and dimensions; containers identified other than by SSCC are refused. Pure: no n8n imports.
 */
import { isValidSscc18 } from '../../asn/gs1';
import { shown } from '../../values';
import type { SegmentInput, TransactionSetInput } from '../../x12';
import {
	fail,
	listAt,
	nonNegativeDecimal,
	objectAt,
	optionalText,
	own,
	productIdPairs,
	quantityUnit,
	text,
	utcDateTime,
	wholeNumber,
} from './common';
import { partySegments } from './parties';

export interface Write856Input {
	/** Build ASN's `confirmation` (an SP-API ShipmentConfirmation). */
	confirmation: unknown;
	/** ST02; writeOutbound numbers the sets itself. Default 1. */
	controlNumber?: string | number;
}

const WEIGHT_UNITS: Record<string, string> = { Lb: 'LB', Kg: 'KG', G: 'GR', Oz: 'OZ' };
const VOLUME_UNITS: Record<string, string> = { CuFt: 'CF', CuIn: 'CI', CuM: 'CR', CuY: 'CY' };
const TRANSPORT: Record<string, string> = { Road: 'M', Air: 'A', Ocean: 'S' };

type Json = Record<string, unknown>;

interface ShippedItem {
	seq: string;
	po: string;
	ids: string[];
}

interface Tree {
	items: Map<string, ShippedItem>;
	cartons: Json[];
	pallets: Json[];
	/** cartonSequenceNumber -> the pallet index that carries it. */
	onPallet: Map<string, number>;
	segments: SegmentInput[];
	hl: number;
}

function shippedItems(c: Json): Map<string, ShippedItem> {
	const items = new Map<string, ShippedItem>();
	listAt(c.shippedItems, 'confirmation.shippedItems').forEach((value, i) => {
		const path = `confirmation.shippedItems[${i}]`;
		const item = objectAt(value, path);
		const seq = text(item.itemSequenceNumber, `${path}.itemSequenceNumber`, 20);
		const details = objectAt(item.itemDetails ?? {}, `${path}.itemDetails`);
		const po = text(details.purchaseOrderNumber, `${path}.itemDetails.purchaseOrderNumber`, 22);
		if (items.has(seq)) fail(`${path}.itemSequenceNumber`, `${seq} is used twice`);
		items.set(seq, { seq, po, ids: productIdPairs(item, path) });
	});
	return items;
}

/** MAN*GM with the SSCC of a carton or pallet: "00" + 18 digits, check digit verified. */
function manOf(identifiers: unknown, path: string): SegmentInput {
	const list = listAt(identifiers, path);
	const index = list.findIndex((x) => (x as Json)?.containerIdentificationType === 'SSCC');
	if (index < 0)
		fail(path, 'has no SSCC: the 856 carries each carton and pallet by its SSCC (MAN*GM)');
	const at = `${path}[${index}].containerIdentificationNumber`;
	const n = text((list[index] as Json).containerIdentificationNumber, at, 20, 18);
	const digits = n.length === 18 ? n : n.startsWith('00') ? n.slice(2) : '';
	if (!isValidSscc18(digits))
		fail(
			at,
			`${JSON.stringify(n)} is not an SSCC-18 (18 digits with their check digit, or "00" + 18)`,
		);
	return ['MAN', 'GM', `00${digits}`];
}

function hl(tree: Tree, parent: number, level: string): number {
	tree.hl += 1;
	tree.segments.push(['HL', tree.hl, parent || undefined, level]);
	return tree.hl;
}

/** HL I + LIN + SN1 of each container item of `po`. */
function itemLevels(tree: Tree, items: unknown, path: string, po: string, parent: number): void {
	listAt(items ?? [], path, true).forEach((value, i) => {
		const at = `${path}[${i}]`;
		const item = objectAt(value, at);
		const ref = text(item.itemReference, `${at}.itemReference`, 20);
		const shipped = tree.items.get(ref);
		if (shipped === undefined)
			fail(`${at}.itemReference`, `${ref} is not an itemSequenceNumber of shippedItems`);
		if (shipped.po !== po) return;
		const q = objectAt(item.shippedQuantity, `${at}.shippedQuantity`);
		const amount = wholeNumber(q.amount, `${at}.shippedQuantity.amount`, 1);
		const unit = quantityUnit(q.unitOfMeasure, `${at}.shippedQuantity.unitOfMeasure`);
		hl(tree, parent, 'I');
		tree.segments.push(['LIN', undefined, ...shipped.ids], ['SN1', undefined, amount, unit]);
		// Cases state their pack, so that Amazon counts the eaches (as the SP-API's unitSize does).
		if (unit === 'CA' && q.unitSize !== undefined)
			tree.segments.push(['PO4', wholeNumber(q.unitSize, `${at}.shippedQuantity.unitSize`, 1)]);
	});
}

function holds(tree: Tree, items: unknown, po: string): boolean {
	return (
		Array.isArray(items) &&
		items.some((x) => tree.items.get(String((x as Json)?.itemReference))?.po === po)
	);
}

function cartonLevel(tree: Tree, index: number, po: string, parent: number): void {
	const path = `confirmation.cartons[${index}]`;
	const carton = tree.cartons[index];
	if (!holds(tree, carton.items, po)) return;
	const pack = hl(tree, parent, 'P');
	tree.segments.push(manOf(carton.cartonIdentifiers, `${path}.cartonIdentifiers`));
	const tracking = optionalText(carton.trackingNumber, `${path}.trackingNumber`, 48);
	if (tracking !== undefined) tree.segments.push(['MAN', 'CP', tracking]);
	itemLevels(tree, carton.items, `${path}.items`, po, pack);
}

function palletLevel(tree: Tree, index: number, po: string, order: number): void {
	const path = `confirmation.pallets[${index}]`;
	const pallet = tree.pallets[index];
	const cartons = tree.cartons
		.map((_c, i) => i)
		.filter((i) => tree.onPallet.get(String(tree.cartons[i].cartonSequenceNumber)) === index);
	if (
		!holds(tree, pallet.items, po) &&
		!cartons.some((i) => holds(tree, tree.cartons[i].items, po))
	)
		return;
	const tare = hl(tree, order, 'T');
	tree.segments.push(manOf(pallet.palletIdentifiers, `${path}.palletIdentifiers`));
	for (const i of cartons) cartonLevel(tree, i, po, tare);
	itemLevels(tree, pallet.items, `${path}.items`, po, tare);
}

/** Every item reference of a container names a shipped item. */
function checkReferences(tree: Tree, items: unknown, path: string): void {
	listAt(items ?? [], path, true).forEach((value, i) => {
		const at = `${path}[${i}].itemReference`;
		const ref = text(objectAt(value, `${path}[${i}]`).itemReference, at, 20);
		if (!tree.items.has(ref)) fail(at, `${ref} is not an itemSequenceNumber of shippedItems`);
	});
}

function containersOf(c: Json, tree: Tree): void {
	tree.cartons = listAt(c.cartons ?? [], 'confirmation.cartons', true).map((x, i) =>
		objectAt(x, `confirmation.cartons[${i}]`),
	);
	tree.cartons.forEach((carton, i) => {
		text(carton.cartonSequenceNumber, `confirmation.cartons[${i}].cartonSequenceNumber`, 20);
		checkReferences(tree, carton.items, `confirmation.cartons[${i}].items`);
	});
	tree.pallets = listAt(c.pallets ?? [], 'confirmation.pallets', true).map((x, i) =>
		objectAt(x, `confirmation.pallets[${i}]`),
	);
	tree.pallets.forEach((pallet, p) => {
		checkReferences(tree, pallet.items, `confirmation.pallets[${p}].items`);
		if (pallet.cartonReferenceDetails === undefined) return;
		const path = `confirmation.pallets[${p}].cartonReferenceDetails.cartonReferenceNumbers`;
		const refs = listAt(objectAt(pallet.cartonReferenceDetails, path).cartonReferenceNumbers, path);
		refs.forEach((ref, r) => {
			if (!tree.cartons.some((carton) => carton.cartonSequenceNumber === ref))
				fail(`${path}[${r}]`, `${shown(ref)} is not a cartonSequenceNumber of cartons`);
			tree.onPallet.set(String(ref), p);
		});
	});
}

function orderLevels(c: Json, tree: Tree): void {
	const orders = [...new Set([...tree.items.values()].map((i) => i.po))];
	for (const po of orders) {
		const order = hl(tree, 1, 'O');
		tree.segments.push(['PRF', po]);
		tree.pallets.forEach((_p, i) => palletLevel(tree, i, po, order));
		tree.cartons.forEach((carton, i) => {
			if (!tree.onPallet.has(String(carton.cartonSequenceNumber))) cartonLevel(tree, i, po, order);
		});
		if (!tree.cartons.length && !tree.pallets.length) {
			const items = listAt(c.shippedItems, 'confirmation.shippedItems').map((x) => {
				const item = x as Json;
				return { itemReference: item.itemSequenceNumber, shippedQuantity: item.shippedQuantity };
			});
			itemLevels(tree, items, 'confirmation.shippedItems', po, order);
		}
	}
}

function td1Segments(c: Json, tree: Tree): SegmentInput[] {
	const m = objectAt(c.shipmentMeasurements ?? {}, 'confirmation.shipmentMeasurements');
	const path = 'confirmation.shipmentMeasurements';
	const weight =
		m.grossShipmentWeight === undefined
			? undefined
			: objectAt(m.grossShipmentWeight, `${path}.grossShipmentWeight`);
	const volume =
		m.shipmentVolume === undefined
			? undefined
			: objectAt(m.shipmentVolume, `${path}.shipmentVolume`);
	const measures: Array<string | undefined> = [undefined, undefined, undefined];
	if (weight !== undefined) {
		const unit = own(WEIGHT_UNITS, weight.unitOfMeasure);
		if (unit === undefined)
			fail(
				`${path}.grossShipmentWeight.unitOfMeasure`,
				`must be ${Object.keys(WEIGHT_UNITS).join(', ')}`,
			);
		measures.splice(
			0,
			3,
			'G',
			nonNegativeDecimal(weight.value, `${path}.grossShipmentWeight.value`, 10),
			unit,
		);
	}
	if (volume !== undefined) {
		const unit = own(VOLUME_UNITS, volume.unitOfMeasure);
		if (unit === undefined)
			fail(
				`${path}.shipmentVolume.unitOfMeasure`,
				`must be ${Object.keys(VOLUME_UNITS).join(', ')}`,
			);
		measures.push(nonNegativeDecimal(volume.value, `${path}.shipmentVolume.value`, 8), unit);
	}
	const counts: Array<[string, number]> = [];
	if (tree.cartons.length) counts.push(['CTN25', tree.cartons.length]);
	if (tree.pallets.length) counts.push(['PLT94', tree.pallets.length]);
	if (!counts.length)
		return [['TD1', undefined, undefined, undefined, undefined, undefined, ...measures]];
	return counts.map(([code, n], i) => [
		'TD1',
		code,
		n,
		undefined,
		undefined,
		undefined,
		...(i === 0 ? measures : []),
	]);
}

function carrierSegments(c: Json): SegmentInput[] {
	const path = 'confirmation.transportationDetails';
	const t = objectAt(c.transportationDetails ?? {}, path);
	const scac = text(t.carrierScac, `${path}.carrierScac`, 4, 2);
	const method = c.shipmentType === 'SmallParcel' ? 'U' : own(TRANSPORT, t.transportationMode);
	const out: SegmentInput[] = [['TD5', undefined, '2', scac, method]];
	const bol = optionalText(t.billOfLadingNumber, `${path}.billOfLadingNumber`, 50);
	if (bol !== undefined) out.push(['REF', 'BM', bol]);
	const pro = optionalText(
		t.carrierShipmentReferenceNumber,
		`${path}.carrierShipmentReferenceNumber`,
		50,
	);
	if (pro !== undefined) out.push(['REF', 'CN', pro]);
	return out;
}

function shipmentLevel(c: Json, tree: Tree): void {
	hl(tree, 0, 'S');
	tree.segments.push(...td1Segments(c, tree), ...carrierSegments(c));
	const shipped = utcDateTime(c.shippedDate, 'confirmation.shippedDate');
	const delivery = utcDateTime(c.estimatedDeliveryDate, 'confirmation.estimatedDeliveryDate');
	tree.segments.push(
		['DTM', '011', shipped.date, shipped.time, 'UT'],
		['DTM', '017', delivery.date, delivery.time, 'UT'],
	);
	tree.segments.push(
		...partySegments(
			'SF',
			objectAt(c.shipFromParty, 'confirmation.shipFromParty'),
			'confirmation.shipFromParty',
		),
	);
	const shipTo = objectAt(c.shipToParty, 'confirmation.shipToParty');
	tree.segments.push([
		'N1',
		'ST',
		undefined,
		'92',
		text(shipTo.partyId, 'confirmation.shipToParty.partyId', 80, 2),
	]);
}

/** The 856 of one shipment confirmation (see the module notes); bad input is an InvalidInputError. */
export function write856(input: Write856Input): TransactionSetInput {
	const c = objectAt(input.confirmation, 'confirmation');
	const type = c.shipmentConfirmationType;
	if (type !== 'Original' && type !== 'Replace')
		fail(
			'confirmation.shipmentConfirmationType',
			`must be Original or Replace (got ${shown(type)})`,
		);
	const id = text(c.shipmentIdentifier, 'confirmation.shipmentIdentifier', 30, 2);
	const at = utcDateTime(c.shipmentConfirmationDate, 'confirmation.shipmentConfirmationDate');
	const tree: Tree = {
		items: shippedItems(c),
		cartons: [],
		pallets: [],
		onPallet: new Map(),
		segments: [],
		hl: 0,
	};
	containersOf(c, tree);
	shipmentLevel(c, tree);
	orderLevels(c, tree);
	return {
		id: '856',
		controlNumber: input.controlNumber ?? 1,
		segments: [
			['BSN', type === 'Original' ? '00' : '05', id, at.date, at.time, '0001'],
			...tree.segments,
			['CTT', tree.hl],
		],
	};
}
