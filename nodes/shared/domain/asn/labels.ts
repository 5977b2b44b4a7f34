/**
 * The label data of every carton and pallet: "Carton 1 of 3", the SSCC in its printed forms, what
 * is inside per PO line and lot (a pallet's label includes its cartons), and the addresses and
 * transport references. Pure: no n8n imports.
 */
import type { Transport } from './carrier';
import { quantityOf, type Placement } from './contents';
import { formatSsccHumanReadable, gs1128DataString, toAmazonSscc } from './gs1';
import type { Parties } from './parties';
import { seq, text } from './read';
import type { ContainerSscc, Ssccs } from './sscc';
import type { AsnCarton, AsnPallet, AsnShipment, ContainerLabel, LabelContent } from './types';

export interface LabelInput {
	shipment: AsnShipment;
	shipmentIdentifier: string;
	shipToPartyId: string;
	cartons: AsnCarton[];
	pallets: AsnPallet[];
	placements: readonly Placement[];
	cartonsPerPallet: ReadonlyMap<number, number[]>;
	ssccs: Ssccs;
	transport: Transport;
	parties: Parties;
	companyPrefix?: string;
}

function labelContent(p: Placement): LabelContent {
	const line = p.ref.line;
	const out: LabelContent = {
		purchaseOrderNumber: p.ref.po.purchaseOrderNumber,
		itemSequenceNumber: line.itemSequenceNumber,
		sku: line.sku,
		eaches: p.eaches,
		quantity: quantityOf(line, p.eaches, 'purchaseOrder').amount,
		unitOfMeasure: line.unitOfMeasure,
		unitSize: line.unitOfMeasure === 'Cases' ? line.unitSize : 1,
	};
	if (line.amazonProductIdentifier !== undefined)
		out.amazonProductIdentifier = line.amazonProductIdentifier;
	if (line.vendorProductIdentifier !== undefined)
		out.vendorProductIdentifier = line.vendorProductIdentifier;
	const lot = text(p.content.lotNumber);
	if (lot !== undefined) out.lotNumber = lot;
	const expiry = text(p.content.expiryDate);
	if (expiry !== undefined) out.expiryDate = expiry;
	return out;
}

function labelContents(inside: readonly Placement[]): LabelContent[] {
	const merged = new Map<string, LabelContent>();
	for (const p of inside) {
		const key = `${p.ref.key}|${p.lotKey}`;
		const entry = merged.get(key);
		if (entry) {
			entry.eaches += p.eaches;
			entry.quantity = quantityOf(p.ref.line, entry.eaches, 'purchaseOrder').amount;
		} else merged.set(key, labelContent(p));
	}
	return [...merged.values()];
}

function addSscc(
	label: ContainerLabel,
	id: ContainerSscc,
	companyPrefix: string | undefined,
): void {
	const prefixLength =
		companyPrefix !== undefined &&
		/^\d{7,10}$/.test(companyPrefix) &&
		id.sscc.startsWith(companyPrefix, 1)
			? companyPrefix.length
			: undefined;
	label.sscc = id.sscc;
	label.amazonSscc = toAmazonSscc(id.sscc);
	label.ssccHumanReadable = formatSsccHumanReadable(id.sscc, prefixLength);
	label.gs1128Data = gs1128DataString(id.sscc);
}

function labelFor(
	type: 'carton' | 'pallet',
	index: number,
	count: number,
	container: AsnCarton | AsnPallet,
	inside: readonly Placement[],
	input: LabelInput,
): ContainerLabel {
	const id = (type === 'carton' ? input.ssccs.cartons : input.ssccs.pallets)[index];
	const poNumbers = [...new Set(inside.map((p) => p.ref.po.purchaseOrderNumber))];
	const lineKeys = [...new Set(inside.map((p) => p.ref.key))];
	const single = lineKeys.length === 1 ? inside[0].ref.line : undefined;
	const label: ContainerLabel = {
		containerType: type,
		sequenceNumber: seq(index + 1),
		index: index + 1,
		count,
		countText: `${type === 'carton' ? 'Carton' : 'Pallet'} ${index + 1} of ${count}`,
		ssccGenerated: id?.generated ?? false,
		purchaseOrderNumbers: poNumbers,
		purchaseOrderText: poNumbers.length === 1 ? poNumbers[0] : 'Mixed POs',
		skus: [...new Set(inside.map((p) => p.ref.line.sku))],
		productText: single ? (single.vendorProductIdentifier ?? single.sku) : 'Mixed SKUs',
		eaches: inside.reduce((n, p) => n + p.eaches, 0),
		contents: labelContents(inside),
		shipmentIdentifier: input.shipmentIdentifier,
		shipFrom: input.shipment.shipFromParty,
		shipToPartyId: input.shipToPartyId,
	};
	const containerId = text(container.id);
	if (containerId !== undefined) label.containerId = containerId;
	const tracking = type === 'carton' ? input.transport.cartonTracking(index) : undefined;
	if (tracking !== undefined) label.trackingNumber = tracking;
	if (id !== undefined) addSscc(label, id, input.companyPrefix);
	const shipToAddress = input.parties.involvedPos.find((po) => po.shipToAddress)?.shipToAddress;
	if (shipToAddress !== undefined) label.shipToAddress = shipToAddress;
	const { carrierScac, proNumber, billOfLadingNumber } = input.transport;
	if (carrierScac !== undefined) label.carrierScac = carrierScac;
	if (proNumber !== undefined) label.proNumber = proNumber;
	if (billOfLadingNumber !== undefined) label.billOfLadingNumber = billOfLadingNumber;
	return label;
}

/** One label per carton, then one per pallet. */
export function buildLabels(input: LabelInput): ContainerLabel[] {
	const { cartons, pallets, placements } = input;
	const inCarton = (i: number) => (p: Placement) =>
		p.container.type === 'carton' && p.container.index === i;
	return [
		...cartons.map((carton, i) =>
			labelFor('carton', i, cartons.length, carton, placements.filter(inCarton(i)), input),
		),
		...pallets.map((pallet, i) => {
			const onThis = new Set(input.cartonsPerPallet.get(i) ?? []);
			const inside = placements.filter(
				(p) =>
					(p.container.type === 'pallet' && p.container.index === i) ||
					(p.container.type === 'carton' && onThis.has(p.container.index)),
			);
			return labelFor('pallet', i, pallets.length, pallet, inside, input);
		}),
	];
}
