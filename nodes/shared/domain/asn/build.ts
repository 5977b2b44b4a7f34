/**
 * Build ASN: turns a platform shipment (cartons and pallets with their contents by platform SKU in
 * eaches) and the purchase orders as acknowledged into Amazon's SubmitShipmentConfirmations body,
 * the label data for every carton and pallet, and a list of exceptions. A short chain of steps,
 * each in its own module, sharing one problem collector:
 *
 * 1. options.ts: the options (a bad option throws InputError);
 * 2. purchaseOrders.ts, contents.ts, structure.ts: the POs, every content on its PO line (whole
 *    cases, one lot per item and container), which carton is on which pallet, the structure;
 * 3. parties.ts: one vendor code, one destination, the ship-from party;
 * 4. contents.ts: shipped never above shippable (`acceptedQuantity - alreadyShippedQuantity`);
 * 5. carrier.ts: carrier -> SCAC, PRO number, bill of lading, tracking numbers (regionRules.ts);
 * 6. dates.ts: the shipped date within the last 7 days or at most 2 days ahead;
 * 7. replace.ts: a new identifier for an Original, the rules of a Replace;
 * 8. sscc.ts: warehouse SSCCs checked, missing ones generated from the caller's serials;
 * 9. model.ts: item lines, cartons, pallets, measurements, the body checked against the model;
 * 10. labels.ts: the label data.
 *
 * When there is any exception, `confirmation`, `request` and `labels` are left out: nothing may be
 * submitted or printed, and `exceptions` lists every problem (not only the first). Pure: no n8n
 * imports, no clock unless `now` is left out.
 */
import type { ShipmentConfirmation } from '../../generated/vendorShipments';
import { isoSeconds } from '../values';
import { readTransport, type Transport } from './carrier';
import { shippedLinesOf, type ContentLookup } from './contents';
import { readDates, type ShipmentDates } from './dates';
import { partyOf } from './measures';
import {
	buildCartons,
	buildItemLines,
	buildPallets,
	measurementsOf,
	transportationDetailsOf,
	validatedRequest,
} from './model';
import { readBuildOptions, type BuildSettings } from './options';
import { buildLabels } from './labels';
import { readParties, type Parties } from './parties';
import { ProblemCollector } from './problems';
import { linesBySku, readPurchaseOrders } from './purchaseOrders';
import { isObject, shown, text } from './read';
import { checkIdentifierAndReplace, checkOnlyReductions } from './replace';
import { assignSsccs } from './sscc';
import { chooseStructure, readContainers } from './structure';
import type {
	AcknowledgedPurchaseOrder,
	AsnCarton,
	AsnPallet,
	AsnShipment,
	BuildShipmentOptions,
	ShipmentConfirmationBuild,
} from './types';

/** The shipment's identifier and its lists of cartons and pallets. */
interface Frame {
	shipmentIdentifier?: string;
	cartons: AsnCarton[];
	pallets: AsnPallet[];
}

function readFrame(shipment: AsnShipment, c: ProblemCollector): Frame {
	const shipmentIdentifier = text(shipment.shipmentIdentifier);
	if (shipmentIdentifier === undefined)
		c.invalid('shipmentIdentifier is required', 'shipmentIdentifier');
	const lists: Record<'cartons' | 'pallets', unknown[]> = { cartons: [], pallets: [] };
	for (const key of ['cartons', 'pallets'] as const) {
		const value: unknown = shipment[key];
		if (Array.isArray(value)) lists[key] = value;
		else if (value !== undefined) c.invalid(`${key} must be a list (got ${shown(value)})`, key);
	}
	if (lists.cartons.length === 0 && lists.pallets.length === 0)
		c.add('EMPTY_SHIPMENT', 'The shipment has no cartons and no pallets');
	return {
		shipmentIdentifier,
		cartons: lists.cartons as AsnCarton[],
		pallets: lists.pallets as AsnPallet[],
	};
}

interface Header {
	shipmentIdentifier: string;
	shippedDate: string;
	sellingPartyId: string;
	shipToPartyId: string;
}

/** The header fields, when all are known. */
function headerOf(frame: Frame, dates: ShipmentDates, parties: Parties): Header | undefined {
	const { shipmentIdentifier } = frame;
	const { shippedDate } = dates;
	const { sellingPartyId, shipToPartyId } = parties;
	if (shipmentIdentifier === undefined || shippedDate === undefined) return undefined;
	if (sellingPartyId === undefined || shipToPartyId === undefined) return undefined;
	return { shipmentIdentifier, shippedDate, sellingPartyId, shipToPartyId };
}

interface Body {
	header: Header;
	shipment: AsnShipment;
	settings: BuildSettings;
	transport: Transport;
	dates: ShipmentDates;
	parts: Pick<ShipmentConfirmation, 'shipmentStructure' | 'shipmentMeasurements' | 'shippedItems'>;
	cartons: NonNullable<ShipmentConfirmation['cartons']>;
	pallets: NonNullable<ShipmentConfirmation['pallets']>;
}

/** The confirmation, in the model's key order. */
function assembleConfirmation(body: Body): ShipmentConfirmation {
	const { header, shipment, transport, parts } = body;
	const confirmation = {
		shipmentIdentifier: header.shipmentIdentifier,
		shipmentConfirmationType: body.settings.confirmationType,
	} as ShipmentConfirmation;
	if (transport.shipmentType !== undefined) confirmation.shipmentType = transport.shipmentType;
	if (parts.shipmentStructure !== undefined)
		confirmation.shipmentStructure = parts.shipmentStructure;
	const transportationDetails = transportationDetailsOf(transport);
	if (Object.keys(transportationDetails).length)
		confirmation.transportationDetails = transportationDetails;
	const arn = text(shipment.amazonReferenceNumber);
	if (arn !== undefined) confirmation.amazonReferenceNumber = arn;
	confirmation.shipmentConfirmationDate = isoSeconds(body.settings.nowMs);
	confirmation.shippedDate = header.shippedDate;
	if (body.dates.estimatedDeliveryDate !== undefined)
		confirmation.estimatedDeliveryDate = body.dates.estimatedDeliveryDate;
	confirmation.sellingParty = { partyId: header.sellingPartyId };
	confirmation.shipFromParty = partyOf(shipment.shipFromParty);
	confirmation.shipToParty = { partyId: header.shipToPartyId };
	const measurements = parts.shipmentMeasurements;
	if (measurements && Object.keys(measurements).length)
		confirmation.shipmentMeasurements = measurements;
	confirmation.shippedItems = parts.shippedItems;
	if (body.cartons.length) confirmation.cartons = body.cartons;
	if (body.pallets.length) confirmation.pallets = body.pallets;
	return confirmation;
}

/**
 * Builds the confirmation; see the module notes for the steps and the rules. Never throws for bad
 * data (exceptions instead, INVALID_INPUT for a malformed field); throws InputError for bad options.
 */
export function buildShipmentConfirmation(
	shipment: AsnShipment,
	purchaseOrders: readonly AcknowledgedPurchaseOrder[],
	options: BuildShipmentOptions,
): ShipmentConfirmationBuild {
	const settings = readBuildOptions(options);
	const c = new ProblemCollector();
	const failed = { ok: false, exceptions: c.exceptions, warnings: c.warnings };
	if (!isObject(shipment)) {
		c.invalid(`The shipment must be an object (got ${shown(shipment)})`);
		return { ...failed, generatedSsccs: [], ssccSerialsNeeded: 0, shippedLines: [] };
	}
	const frame = readFrame(shipment, c);
	const pos = readPurchaseOrders(purchaseOrders, c);
	const lookup: ContentLookup = {
		poByNumber: new Map(pos.map((po) => [po.purchaseOrderNumber, po])),
		bySku: linesBySku(pos),
		placements: [],
		c,
	};
	const containers = readContainers(frame.cartons, frame.pallets, lookup);
	const structure = chooseStructure(frame.pallets.length, containers, lookup, settings.structure);
	const parties = readParties(shipment, lookup.placements, settings.sellingPartyId, c);
	const shippedLines = shippedLinesOf(lookup.placements, c);
	const transport = readTransport(shipment, frame.cartons, frame.pallets.length, settings, c);
	const dates = readDates(shipment, settings.nowMs, c, settings.estimatedTransitDays);
	checkIdentifierAndReplace(frame.shipmentIdentifier, parties.sellingPartyId, settings, c);
	const ssccs = assignSsccs(frame.cartons, frame.pallets, settings, c);
	const { placements } = lookup;
	const items = buildItemLines(placements, shippedLines, settings.quantityUnit, c);
	const multiPo = parties.involvedPos.length > 1;
	const input = { placements, items, quantityUnit: settings.quantityUnit, multiPo, c };
	const cartons = buildCartons(frame.cartons, ssccs.cartons, transport, input);
	const pallets = buildPallets(frame.pallets, ssccs.pallets, containers.cartonsPerPallet, input);
	const counts = { cartons: cartons.length, pallets: pallets.length };
	checkOnlyReductions(settings, items.shippedItems, counts, c);
	const shipmentMeasurements = measurementsOf(shipment, counts, c);
	const base = {
		exceptions: c.exceptions,
		warnings: c.warnings,
		generatedSsccs: ssccs.generated,
		ssccSerialsNeeded: ssccs.serialsNeeded,
		shippedLines,
		shipmentStructure: structure,
		carrierScac: transport.carrierScac,
	};
	const header = headerOf(frame, dates, parties);
	if (c.count > 0 || header === undefined) return { ok: false, ...base };
	const parts = {
		shipmentStructure: structure,
		shipmentMeasurements,
		shippedItems: items.shippedItems,
	};
	const body: Body = { header, shipment, settings, transport, dates, parts, cartons, pallets };
	const confirmation = assembleConfirmation(body);
	const request = validatedRequest(confirmation, c);
	if (request === undefined) return { ok: false, ...base };
	if (settings.sscc?.placeholders) return { ok: true, checkedOnly: true, ...base };
	const labels = buildLabels({
		...header,
		shipment,
		cartons: frame.cartons,
		pallets: frame.pallets,
		placements,
		cartonsPerPallet: containers.cartonsPerPallet,
		ssccs,
		transport,
		parties,
		companyPrefix: settings.sscc?.companyPrefix,
	});
	return { ok: true, confirmation, request, labels, ...base };
}
