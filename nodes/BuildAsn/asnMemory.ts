/**
 * What Build ASN remembers: in the workflow's static data, the SSCCs and shipment identifiers of
 * submitted ASNs (Amazon refuses one used in the last 365 days) with the last confirmation of each
 * shipment (for a Replace); within one run, what the earlier shipments built or sent. Pure: no n8n
 * imports.
 */
import type { PreviousConfirmation, ShippedLine } from '../shared/domain/asn';
import { parseSscc } from '../shared/domain/asn';
import { addQuantity, pruneTimed } from '../shared/domain/asn';
import { DAY_MS, isObject, isoSeconds, type Json } from '../shared/domain/values';
import type { ShipmentConfirmation } from '../shared/generated/vendorShipments';

/** Amazon refuses an SSCC or shipment identifier used in the last 365 days. */
const REUSE_WINDOW_MS = 365 * DAY_MS;
const MAX_REMEMBERED_SSCCS = 5000;
const MAX_REMEMBERED_SHIPMENTS = 2000;
/** A Replace is possible for 7 days: keep the confirmation a day longer. */
const KEEP_CONFIRMATION_MS = 8 * DAY_MS;

export interface RememberedShipment {
	at: number;
	/** When the Original was submitted (the Replace window runs from it). */
	originalAt: number;
	sellingPartyId: string;
	confirmation?: ShipmentConfirmation;
}

export interface AsnMemory {
	ssccs: Record<string, { at: number }>;
	shipments: Record<string, RememberedShipment>;
}

/** The memory and what this run has built or sent so far: later shipments of the run see it. */
export interface AsnRunState {
	memory: AsnMemory;
	ssccs: Set<string>;
	shipmentIds: Set<string>;
	/** Quantities shipped by this run, per PO line. */
	shipped: Map<string, number>;
	/** Set when a submission was added to the memory: it is written back at the end. */
	remembered: boolean;
}

function pruned<T extends { at: number }>(value: unknown, now: number, max: number) {
	return pruneTimed((isObject(value) ? value : {}) as Record<string, T>, now, REUSE_WINDOW_MS, max);
}

/** The memory of the static data, without what is too old, and a run that has done nothing yet. */
export function startRun(staticData: Json, now: number): AsnRunState {
	const ssccs = pruned<{ at: number }>(staticData.ssccs, now, MAX_REMEMBERED_SSCCS);
	const shipments = pruned<RememberedShipment>(staticData.shipments, now, MAX_REMEMBERED_SHIPMENTS);
	for (const s of Object.values(shipments))
		if (s.confirmation && now - s.at > KEEP_CONFIRMATION_MS) delete s.confirmation;
	return {
		memory: { ssccs, shipments },
		ssccs: new Set(),
		shipmentIds: new Set(),
		shipped: new Map(),
		remembered: false,
	};
}

/** The memory as it is written back to the static data. */
export function memoryToStore(memory: AsnMemory, now: number): AsnMemory {
	return {
		ssccs: pruned<{ at: number }>(memory.ssccs, now, MAX_REMEMBERED_SSCCS),
		shipments: pruned<RememberedShipment>(memory.shipments, now, MAX_REMEMBERED_SHIPMENTS),
	};
}

/** SSCCs used before: the item's list, the memory's and this run's. */
export function usedSsccs(state: AsnRunState, fromItem: readonly string[]): string[] {
	return [...fromItem, ...Object.keys(state.memory.ssccs), ...state.ssccs];
}

export function usedShipmentIds(state: AsnRunState): string[] {
	return [...Object.keys(state.memory.shipments), ...state.shipmentIds];
}

/** The previous confirmation of a shipment the memory still holds (for a Replace). */
export function rememberedPrevious(
	state: AsnRunState,
	shipmentId: string | undefined,
): PreviousConfirmation | undefined {
	const kept = shipmentId !== undefined ? state.memory.shipments[shipmentId] : undefined;
	if (!kept?.confirmation) return undefined;
	return { confirmation: kept.confirmation, submittedAt: isoSeconds(kept.originalAt) };
}

export function addShipped(state: AsnRunState, lines: readonly ShippedLine[]): void {
	for (const l of lines)
		addQuantity(state.shipped, l.purchaseOrderNumber, l.itemSequenceNumber, l.shippedQuantity);
}

/** The SSCCs of a confirmation's cartons and pallets, as 18 digits. */
export function ssccsOf(confirmation: ShipmentConfirmation): string[] {
	return [
		...(confirmation.cartons ?? []).flatMap((c) => c.cartonIdentifiers ?? []),
		...(confirmation.pallets ?? []).flatMap((p) => p.palletIdentifiers ?? []),
	]
		.filter((id) => id.containerIdentificationType === 'SSCC')
		.map((id) => parseSscc(id.containerIdentificationNumber))
		.flatMap((p) => (p.ok ? [p.sscc] : []));
}

/** An ASN built or sent: later shipments of the run may not reuse its SSCCs and identifier. */
export interface KeptAsn {
	confirmation: ShipmentConfirmation;
	confirmationType: 'Original' | 'Replace';
	shippedLines: readonly ShippedLine[];
	ssccs: readonly string[];
	previous?: PreviousConfirmation;
}

export function keepInRun(state: AsnRunState, asn: KeptAsn): void {
	for (const s of asn.ssccs) state.ssccs.add(s);
	state.shipmentIds.add(asn.confirmation.shipmentIdentifier);
	// A Replace restates the shipment: its quantities are not added to what shipped before.
	if (asn.confirmationType === 'Original') addShipped(state, asn.shippedLines);
}

/** A submitted ASN in the memory: its SSCCs, and its confirmation under its identifier. */
export function remember(state: AsnRunState, asn: KeptAsn, at: number): void {
	state.remembered = true;
	const { memory } = state;
	for (const s of asn.ssccs) memory.ssccs[s] = { at };
	const id = asn.confirmation.shipmentIdentifier;
	const before = memory.shipments[id];
	memory.shipments[id] = {
		at,
		originalAt:
			asn.confirmationType === 'Replace' && asn.previous
				? Date.parse(asn.previous.submittedAt)
				: (before?.originalAt ?? at),
		sellingPartyId: asn.confirmation.sellingParty.partyId,
		confirmation: asn.confirmation,
	};
}
