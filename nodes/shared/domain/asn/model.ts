/**
 * The confirmation in Amazon's model: ASN item lines "001", "002"... (one per PO line and
 * lot/expiry, each with the ASIN, the vendor product identifier and the PO number), the cartons
 * and pallets referring to them, the measurements and transport details, and the whole body
 * validated against SubmitShipmentConfirmationsRequestSchema (unknown keys refused). Every object
 * is built in the model's key order. Pure: no n8n imports.
 */
import {
	SubmitShipmentConfirmationsRequestSchema,
	type Carton,
	type ContainerItem,
	type Item,
	type ItemDetails,
	type Pallet,
	type ShipmentConfirmation,
	type ShipmentMeasurements,
	type SubmitShipmentConfirmationsRequest,
} from '../../generated/vendorShipments';
import { validateAgainst } from '../validation';
import type { Transport } from './carrier';
import { quantityOf, type Placement } from './contents';
import { dateTimeAt } from './dates';
import { toAmazonSscc } from './gs1';
import { dimensionsOf, volumeOf, weightOf } from './measures';
import type { ProblemCollector } from './problems';
import type { LineRef } from './purchaseOrders';
import { isCount, seq, shown, text } from './read';
import type { ContainerSscc } from './sscc';
import type { AsnCarton, AsnPallet, AsnShipment, ShippedLine } from './types';

interface AsnItemGroup {
	asnSeq: string;
	ref: LineRef;
	content: Placement['content'];
	eaches: number;
}

export interface ItemLines {
	shippedItems: Item[];
	/** The item line of each placement (same order as the placements). */
	groupOfPlacement: AsnItemGroup[];
}

function groupPlacements(placements: readonly Placement[]): {
	groups: AsnItemGroup[];
	of: AsnItemGroup[];
} {
	const groups = new Map<string, AsnItemGroup>();
	const of = placements.map((p) => {
		const key = `${p.ref.key}|${p.lotKey}`;
		let g = groups.get(key);
		if (g === undefined) {
			g = { asnSeq: seq(groups.size + 1), ref: p.ref, content: p.content, eaches: 0 };
			groups.set(key, g);
		}
		g.eaches += p.eaches;
		return g;
	});
	return { groups: [...groups.values()], of };
}

function detailsOf(g: AsnItemGroup, c: ProblemCollector): ItemDetails {
	const details: ItemDetails = { purchaseOrderNumber: g.ref.po.purchaseOrderNumber };
	const lot = text(g.content.lotNumber);
	if (lot !== undefined) details.lotNumber = lot;
	const origin = text(g.content.countryOfOrigin)?.toUpperCase();
	if (origin !== undefined) details.countryOfOrigin = origin;
	const what = 'date or date-time';
	const expiry = dateTimeAt(text(g.content.expiryDate), 'expiryDate', what, c);
	const made = dateTimeAt(text(g.content.manufacturerDate), 'manufacturerDate', what, c);
	if (expiry !== undefined || made !== undefined) {
		details.expiry = {};
		if (made !== undefined) details.expiry.manufacturerDate = made;
		if (expiry !== undefined) details.expiry.expiryDate = expiry;
	}
	return details;
}

/** The ASN item lines; each shipped line learns its item sequence numbers. */
export function buildItemLines(
	placements: readonly Placement[],
	shippedLines: ShippedLine[],
	quantityUnit: 'purchaseOrder' | 'eaches',
	c: ProblemCollector,
): ItemLines {
	const { groups, of } = groupPlacements(placements);
	const shippedItems = groups.map((g) => {
		const line = g.ref.line;
		const item = { itemSequenceNumber: g.asnSeq } as Item;
		if (line.amazonProductIdentifier !== undefined)
			item.amazonProductIdentifier = line.amazonProductIdentifier;
		if (line.vendorProductIdentifier !== undefined)
			item.vendorProductIdentifier = line.vendorProductIdentifier;
		item.shippedQuantity = quantityOf(line, g.eaches, quantityUnit);
		item.itemDetails = detailsOf(g, c);
		shippedLines
			.find(
				(s) =>
					s.purchaseOrderNumber === g.ref.po.purchaseOrderNumber &&
					s.itemSequenceNumber === line.itemSequenceNumber,
			)
			?.asnItemSequenceNumbers.push(g.asnSeq);
		return item;
	});
	return { shippedItems, groupOfPlacement: of };
}

interface ContainerInput {
	placements: readonly Placement[];
	items: ItemLines;
	quantityUnit: 'purchaseOrder' | 'eaches';
	multiPo: boolean;
	c: ProblemCollector;
}

function containerItems(
	type: 'carton' | 'pallet',
	index: number,
	input: ContainerInput,
): ContainerItem[] {
	const merged = new Map<string, { g: AsnItemGroup; eaches: number }>();
	input.placements.forEach((p, k) => {
		if (p.container.type !== type || p.container.index !== index) return;
		const g = input.items.groupOfPlacement[k];
		const entry = merged.get(g.asnSeq) ?? { g, eaches: 0 };
		entry.eaches += p.eaches;
		merged.set(g.asnSeq, entry);
	});
	return [...merged.values()].map(({ g, eaches }) => {
		const ci: ContainerItem = {
			itemReference: g.asnSeq,
			shippedQuantity: quantityOf(g.ref.line, eaches, input.quantityUnit),
		};
		if (input.multiPo) ci.itemDetails = { purchaseOrderNumber: g.ref.po.purchaseOrderNumber };
		return ci;
	});
}

function ssccIdentifiers(id: ContainerSscc | undefined) {
	return id === undefined
		? []
		: [
				{
					containerIdentificationType: 'SSCC' as const,
					containerIdentificationNumber: toAmazonSscc(id.sscc),
				},
			];
}

export function buildCartons(
	cartons: AsnCarton[],
	ssccs: Array<ContainerSscc | undefined>,
	transport: Transport,
	input: ContainerInput,
): Carton[] {
	const { c } = input;
	return cartons.map((carton, i) => {
		const ordered = {} as Carton;
		if (ssccs[i] !== undefined) ordered.cartonIdentifiers = ssccIdentifiers(ssccs[i]);
		ordered.cartonSequenceNumber = seq(i + 1);
		const dims = dimensionsOf(carton?.dimensions, `cartons[${i}].dimensions`, c);
		if (dims) ordered.dimensions = dims;
		const weight = weightOf(carton?.weight, `cartons[${i}].weight`, c);
		if (weight) ordered.weight = weight;
		const tracking = transport.cartonTracking(i);
		if (tracking !== undefined) ordered.trackingNumber = tracking;
		ordered.items = containerItems('carton', i, input);
		return ordered;
	});
}

export function buildPallets(
	pallets: AsnPallet[],
	ssccs: Array<ContainerSscc | undefined>,
	cartonsPerPallet: ReadonlyMap<number, number[]>,
	input: ContainerInput,
): Pallet[] {
	const { c } = input;
	return pallets.map((pallet, i) => {
		const out: Pallet = { palletIdentifiers: ssccIdentifiers(ssccs[i]) };
		for (const key of ['tier', 'block'] as const) {
			const v = pallet?.[key];
			if (v === undefined) continue;
			if (!isCount(v))
				c.invalid(
					`pallets[${i}].${key} must be a whole number (got ${shown(v)})`,
					`pallets[${i}].${key}`,
				);
			else out[key] = v;
		}
		const dims = dimensionsOf(pallet?.dimensions, `pallets[${i}].dimensions`, c);
		if (dims) out.dimensions = dims;
		const weight = weightOf(pallet?.weight, `pallets[${i}].weight`, c);
		if (weight) out.weight = weight;
		const onThis = cartonsPerPallet.get(i) ?? [];
		if (onThis.length)
			out.cartonReferenceDetails = {
				cartonCount: onThis.length,
				cartonReferenceNumbers: onThis.map((k) => seq(k + 1)),
			};
		const items = containerItems('pallet', i, input);
		if (items.length) out.items = items;
		return out;
	});
}

export function measurementsOf(
	shipment: AsnShipment,
	counts: { cartons: number; pallets: number },
	c: ProblemCollector,
): ShipmentMeasurements {
	const measurements: ShipmentMeasurements = {};
	const gross = weightOf(shipment.grossWeight, 'grossWeight', c);
	if (gross) measurements.grossShipmentWeight = gross;
	const volume = volumeOf(shipment.volume, 'volume', c);
	if (volume) measurements.shipmentVolume = volume;
	if (counts.cartons) measurements.cartonCount = counts.cartons;
	if (counts.pallets) measurements.palletCount = counts.pallets;
	return measurements;
}

export function transportationDetailsOf(
	transport: Transport,
): NonNullable<ShipmentConfirmation['transportationDetails']> {
	const out: NonNullable<ShipmentConfirmation['transportationDetails']> = {};
	if (transport.carrierScac !== undefined) out.carrierScac = transport.carrierScac;
	if (transport.proNumber !== undefined) out.carrierShipmentReferenceNumber = transport.proNumber;
	if (transport.transportationMode !== undefined)
		out.transportationMode = transport.transportationMode;
	if (transport.billOfLadingNumber !== undefined)
		out.billOfLadingNumber = transport.billOfLadingNumber;
	return out;
}

/** The request body, or undefined with a MODEL_VALIDATION exception per issue. */
export function validatedRequest(
	confirmation: ShipmentConfirmation,
	c: ProblemCollector,
): SubmitShipmentConfirmationsRequest | undefined {
	const request: SubmitShipmentConfirmationsRequest = { shipmentConfirmations: [confirmation] };
	const validation = validateAgainst(SubmitShipmentConfirmationsRequestSchema, request, {
		unknownKeys: 'reject',
	});
	if (validation.ok) return request;
	for (const issue of validation.issues)
		c.add('MODEL_VALIDATION', `${issue.path}: ${issue.message}`, issue.path);
	return undefined;
}
