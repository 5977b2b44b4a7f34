/**
 * Reading one Build ASN item: the shipment, the purchase orders as acknowledged (less what shipped
 * before), the physical cartons, the SSCC serials and, for a Replace, the confirmation it replaces.
 * Throws InputError naming the field. Pure: no n8n imports.
 */
import {
	acknowledgedPurchaseOrderFrom,
	type AcknowledgedPurchaseOrder,
	type AsnShipment,
	type PreviousConfirmation,
	type SsccOptions,
} from '../shared/domain/asn';
import { assignContentsToLines } from '../shared/domain/asn';
import { packCartons } from '../shared/domain/asn';
import {
	mergeQuantities,
	quantitiesOfPo,
	readAcknowledgedOrders,
	readPrevious,
	readQuantities,
	readSerials,
	readShipment,
	readStringList,
	serialRange,
	type AcknowledgedOrderInput,
} from '../shared/domain/asn';
import { InvalidInputError } from '../shared/domain/inputError';
import { isObject, readPath, shown, type Json } from '../shared/domain/values';
import { rememberedPrevious, usedSsccs, type AsnRunState } from './asnMemory';
import type { AsnItemOptions } from './options';

export interface AsnItemInput {
	/** The physical cartons (after the carton rule). */
	shipment: AsnShipment;
	orders: AcknowledgedOrderInput[];
	purchaseOrders: AcknowledgedPurchaseOrder[];
	sscc?: SsccOptions;
	previous?: PreviousConfirmation;
	/** Given and physical carton counts, and the contents split over PO lines. */
	packingFigures: Json;
	packingWarnings: string[];
}

/** The shipment as the item gives it (the item itself without a Shipment Field). */
export function shipmentOf(json: Json, options: AsnItemOptions): unknown {
	return options.shipmentField ? readPath(json, options.shipmentField) : json;
}

export function shipmentIdOf(shipment: unknown): string | undefined {
	return isObject(shipment) && typeof shipment.shipmentIdentifier === 'string'
		? shipment.shipmentIdentifier
		: undefined;
}

export function readAsnItem(json: Json, options: AsnItemOptions, state: AsnRunState): AsnItemInput {
	const raw = shipmentOf(json, options);
	const shipment = readShipment(raw, options.shipmentField);
	checkContainerLists(shipment, options.shipmentField);
	if (!isObject(shipment.shipFromParty) && options.shipFromPartyId)
		shipment.shipFromParty = { partyId: options.shipFromPartyId };
	const { orders, purchaseOrders } = readOrders(json, options, state);
	return {
		...packShipment(shipment, purchaseOrders, options),
		orders,
		purchaseOrders,
		sscc: ssccOptions(json, options, state),
		previous: previousOf(json, options, state, shipmentIdOf(raw)),
	};
}

/** Cartons and pallets, when given, are lists (the domain reads them as such). */
function checkContainerLists(shipment: AsnShipment, shipmentField: string): void {
	for (const key of ['cartons', 'pallets'] as const) {
		const value: unknown = shipment[key];
		if (value === undefined || value === null || Array.isArray(value)) continue;
		const path = shipmentField ? `${shipmentField}.${key}` : key;
		throw new InvalidInputError(`${path} must be a list (got ${shown(value)})`, path);
	}
}

/** The acknowledged POs, each with what may still ship (less what shipped before or in this run). */
function readOrders(json: Json, options: AsnItemOptions, state: AsnRunState) {
	const orders = readAcknowledgedOrders(
		readPath(json, options.purchaseOrdersField),
		options.purchaseOrdersField,
		options.requireAcknowledgement,
	);
	const shippedField = options.alreadyShippedField;
	const alreadyShipped = mergeQuantities(
		readQuantities(readPath(json, shippedField), shippedField),
		state.shipped,
	);
	const purchaseOrders = orders.map((o) =>
		acknowledgedPurchaseOrderFrom(
			o,
			o.acknowledgement,
			quantitiesOfPo(alreadyShipped, o.purchaseOrder, o.lines),
			{ includeBackordered: options.includeBackordered },
		),
	);
	return { orders, purchaseOrders };
}

/** The PO lines of each content (same SKU on several lines), then the physical cartons. */
function packShipment(
	shipment: AsnShipment,
	purchaseOrders: AcknowledgedPurchaseOrder[],
	options: AsnItemOptions,
): Pick<AsnItemInput, 'shipment' | 'packingFigures' | 'packingWarnings'> {
	const assignment = assignContentsToLines(shipment, purchaseOrders, options.sameSkuLines);
	const packing = packCartons(assignment.shipment, purchaseOrders, options.packing);
	return {
		shipment: packing.shipment,
		packingWarnings: [...assignment.warnings, ...packing.warnings],
		packingFigures: {
			givenCartonCount: packing.givenCartonCount,
			cartonCount: packing.cartonCount,
			lineSplits: assignment.splits as unknown as Json[],
		},
	};
}

function ssccOptions(json: Json, options: AsnItemOptions, state: AsnRunState): SsccOptions {
	const usedField = options.usedSsccsField;
	const used = usedSsccs(state, readStringList(readPath(json, usedField), usedField));
	const source = options.serials;
	if (source.source === 'warehouse') return { generate: 'never', usedSsccs: used };
	let serials: Array<number | string> = [];
	if (source.source === 'range') serials = serialRange(source.first, source.count, 'SSCC serials');
	if (source.source === 'field') serials = readSerials(readPath(json, source.field), source.field);
	return {
		companyPrefix: source.companyPrefix,
		extensionDigit: source.extensionDigit,
		serials,
		usedSsccs: used,
		...(source.source === 'count' ? { placeholders: true } : {}),
	};
}

/** For a Replace: the item's previous confirmation, else the one remembered for the shipment. */
function previousOf(
	json: Json,
	options: AsnItemOptions,
	state: AsnRunState,
	shipmentId: string | undefined,
): PreviousConfirmation | undefined {
	if (options.confirmationType !== 'Replace') return undefined;
	return (
		readPrevious(readPath(json, options.previousField)) ?? rememberedPrevious(state, shipmentId)
	);
}
