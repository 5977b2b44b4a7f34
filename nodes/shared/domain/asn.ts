/**
 * Build ASN: turns a platform shipment (cartons and pallets with their contents by platform SKU in
 * eaches) and the purchase orders as acknowledged into Amazon's SubmitShipmentConfirmations body,
 * the label data for every carton and pallet, and a list of exceptions. Pure: no n8n imports, no
 * clock unless `now` is left out.
 *
 * Rules implemented (Amazon's vendor retail procurement guide and the vendorShipments model):
 * - Every content line is mapped back to its PO line by platform SKU (restricted to the content's
 *   PO number, and PO line, when given). A SKU on no acknowledged line, or on several lines with
 *   nothing to tell them apart, is an exception.
 * - Eaches are converted back to the PO's unit: a Cases line must ship whole cases, per container
 *   and in total, else an exception. Shipped quantities are sent in the PO's unit (option
 *   `quantityUnit: 'eaches'` sends eaches instead; the whole-case check stays).
 * - Shipped never above shippable: `acceptedQuantity - alreadyShippedQuantity` per PO line
 *   (partial shipments: each dispatch is its own ASN with a new shipmentIdentifier; an identifier
 *   in `usedShipmentIdentifiers` is refused for an Original). For a Replace, alreadyShipped must
 *   not count the shipment being replaced.
 * - ASN item lines are numbered "001", "002"... (the model's own sequence, referenced from the
 *   containers), one per PO line and lot/expiry; each carries the ASIN, the vendor product
 *   identifier and `itemDetails.purchaseOrderNumber`. One container may not hold the same SKU with
 *   two lots or expiry dates. `shippedLines` in the result maps them back to the PO lines.
 * - SSCC: a container's SSCC from the warehouse is validated (18 digits, GS1 mod-10; the
 *   "00"-prefixed and bracketed forms are read too); a missing one is generated from the GS1
 *   company prefix, the extension digit and a serial SUPPLIED BY THE CALLER (see {@link SsccOptions}).
 *   Pallets always get an SSCC; cartons when the region requires one on every carton or when a
 *   serial source is given. Sent as "00" + 18 digits. SSCCs in `usedSsccs` or twice in the
 *   shipment are refused.
 * - Carrier: name or code -> SCAC through the caller's table; an unknown carrier is an exception
 *   (free text such as "UPSN - UNITED PARCEL SERVICE" is never sent).
 * - shipmentStructure from what was given: cartons only -> LooseAssortmentCase (any carton mixes
 *   PO lines) or LooseStandardCase; cartons on pallets -> PalletizedAssortmentCase /
 *   PalletizedStandardCase; items straight on pallets -> PalletOfItems; loose and palletised
 *   cartons together is an exception. MasterPallet / MasterCase only through the option.
 * - Region rules ({@link REGION_RULES}): NA needs SCAC and PRO number, a bill of lading for
 *   truckload/LTL, an SSCC on every carton; EU needs a bill of lading (a delivery-note number is
 *   allowed) and an SSCC on every carton. Small parcel needs a tracking number on every carton.
 * - Shipped date within the last 7 days or at most 2 days ahead; all POs of one ASN go to one
 *   destination from one vendor code.
 * - Replace: only with the previous confirmation, the same shipmentIdentifier and vendor code,
 *   within 7 days of the original, before receipt at the fulfilment centre, and only reductions
 *   (no new item, no quantity, carton or pallet count above the original's).
 * - The body is validated against SubmitShipmentConfirmationsRequestSchema (unknown keys refused).
 *
 * When there is any exception, `confirmation`, `request` and `labels` are left out: nothing may be
 * submitted or printed, and `exceptions` lists every problem (not only the first).
 */
import {
	DATE_TIME_PATTERN,
	SubmitShipmentConfirmationsRequestSchema,
	type Carton,
	type ContainerItem,
	type Dimensions,
	type Item,
	type ItemDetails,
	type ItemQuantity,
	type Pallet,
	type PartyIdentification,
	type ShipmentConfirmation,
	type ShipmentMeasurements,
	type SubmitShipmentConfirmationsRequest,
	type Volume,
	type Weight,
} from '../generated/vendorShipments';
import {
	buildSscc,
	formatSsccHumanReadable,
	gs1128DataString,
	parseSscc,
	ssccSerialWidth,
	toAmazonSscc,
} from './gs1';
import { Decimal, parseDecimal, toDecimalString } from './money';
import { validateAgainst } from './validation';

// ---------------------------------------------------------------------------------------------
// Input shapes

/** One SKU in one container, in eaches. */
export interface AsnContent {
	/** Platform SKU. */
	sku: string;
	/** Whole number of eaches (a numeric string such as "12" is read too). */
	eaches: number;
	/** Restricts the SKU lookup to this PO (needed when two POs of the shipment carry the SKU). */
	purchaseOrderNumber?: string;
	/** Restricts the lookup to this PO line (needed when one PO carries the SKU on two lines). */
	itemSequenceNumber?: string;
	lotNumber?: string;
	/** ISO 8601 date or date-time. */
	expiryDate?: string;
	/** ISO 8601 date or date-time. */
	manufacturerDate?: string;
	/** ISO 3166-1 alpha-2. */
	countryOfOrigin?: string;
}

/** A weight as the warehouse gives it; units such as kg, KG, lbs, g, oz are read. */
export interface AsnWeight {
	value: string | number;
	unit: string;
}

/** Dimensions; units in, ft, m, yd are read, cm and mm are converted to metres exactly. */
export interface AsnDimensions {
	length: string | number;
	width: string | number;
	height: string | number;
	unit: string;
}

export interface AsnVolume {
	value: string | number;
	/** CuFt, CuIn, CuM (m3), CuY. */
	unit: string;
}

export interface AsnCarton {
	/** The platform's or warehouse's carton id (used in messages and on labels). */
	id?: string;
	/** SSCC given by the warehouse (18 digits, or "00" + 18, or the bracketed form). */
	sscc?: string;
	/** The pallet (AsnPallet.id) this carton is on; absent for a loose carton. */
	palletId?: string;
	/** Required on every carton of a small parcel shipment. */
	trackingNumber?: string;
	weight?: AsnWeight;
	dimensions?: AsnDimensions;
	contents: AsnContent[];
}

export interface AsnPallet {
	id: string;
	sscc?: string;
	weight?: AsnWeight;
	dimensions?: AsnDimensions;
	/** Layers per pallet. */
	tier?: number;
	/** Cartons per layer. */
	block?: number;
	/** Items standing straight on the pallet, without cartons (PalletOfItems). */
	contents?: AsnContent[];
}

export interface AsnAddress {
	name: string;
	addressLine1: string;
	addressLine2?: string;
	addressLine3?: string;
	city?: string;
	county?: string;
	district?: string;
	stateOrRegion?: string;
	postalCode?: string;
	countryCode: string;
	phone?: string;
}

export interface AsnParty {
	partyId: string;
	address?: AsnAddress;
	taxRegistrationDetails?: Array<{
		taxRegistrationType: 'VAT' | 'GST';
		taxRegistrationNumber: string;
	}>;
}

export interface AsnShipment {
	/** Unique per shipment (not reused within 365 days); the same one for a Replace. */
	shipmentIdentifier: string;
	/** ISO 8601; not in the future beyond 2 days, not older than 7 days. */
	shippedDate: string;
	estimatedDeliveryDate?: string;
	/** Carrier name or code, resolved to a SCAC through the carrier table. */
	carrier?: string;
	/** PRO number (carrierShipmentReferenceNumber). Falls back to trackingNumber. */
	proNumber?: string;
	/** Tracking number; for a one-carton small parcel shipment it is also the carton's. */
	trackingNumber?: string;
	/**
	 * Every tracking number of the shipment (a parcel shipment of several cartons): handed out over
	 * the cartons by {@link packCartons} (cartonPacking.ts), one per carton.
	 */
	trackingNumbers?: string[];
	billOfLadingNumber?: string;
	/** Road, Air, Ocean (case-insensitive; truck, sea read too). */
	transportationMode?: string;
	/** TruckLoad, LessThanTruckLoad, SmallParcel (also FTL, TL, LTL, parcel). */
	shipmentType?: string;
	/** ARN, mandatory for Collect (Amazon-arranged) freight. */
	amazonReferenceNumber?: string;
	shipFromParty: AsnParty;
	cartons?: AsnCarton[];
	pallets?: AsnPallet[];
	grossWeight?: AsnWeight;
	volume?: AsnVolume;
}

export interface AcknowledgedLine {
	/** The PO's item sequence number. */
	itemSequenceNumber: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	/** Platform SKU (mapping applied). */
	sku: string;
	unitOfMeasure: 'Cases' | 'Eaches';
	/** Eaches per case (1 for Eaches). */
	unitSize: number;
	/** In the PO's unit: what was confirmed (Accepted, plus Backordered if it may ship now). */
	acceptedQuantity: number;
	/** In the PO's unit: shipped by earlier ASNs (not counting the one being replaced). Default 0. */
	alreadyShippedQuantity?: number;
}

export interface AcknowledgedPurchaseOrder {
	purchaseOrderNumber: string;
	/** Vendor code (sellingParty.partyId). */
	sellingPartyId: string;
	/** Destination fulfilment centre (shipToParty.partyId). */
	shipToPartyId: string;
	shipToAddress?: AsnAddress;
	lines: AcknowledgedLine[];
}

export type AsnRegion = 'NA' | 'EU' | 'FE' | 'IN';

export interface RegionRules {
	scacRequired: boolean;
	proNumberRequired: boolean;
	/** `always`, only for TruckLoad/LessThanTruckLoad, or never required. */
	billOfLading: 'always' | 'truckload' | 'optional';
	ssccOnEveryCarton: boolean;
}

/**
 * Amazon's per-marketplace table (vendor retail procurement guide): SSCC mandatory on every carton
 * in NA and EU (recommended in IN); SCAC mandatory in NA; PRO number mandatory in NA and IN; BOL
 * mandatory for TL/LTL in NA and always in EU. FE is not in Amazon's table: the lenient IN-like
 * defaults without the PRO rule. Override any of them with `regionRules`.
 */
export const REGION_RULES: Readonly<Record<AsnRegion, Readonly<RegionRules>>> = Object.freeze({
	NA: Object.freeze({
		scacRequired: true,
		proNumberRequired: true,
		billOfLading: 'truckload',
		ssccOnEveryCarton: true,
	}),
	EU: Object.freeze({
		scacRequired: false,
		proNumberRequired: false,
		billOfLading: 'always',
		ssccOnEveryCarton: true,
	}),
	IN: Object.freeze({
		scacRequired: false,
		proNumberRequired: true,
		billOfLading: 'truckload',
		ssccOnEveryCarton: false,
	}),
	FE: Object.freeze({
		scacRequired: false,
		proNumberRequired: false,
		billOfLading: 'truckload',
		ssccOnEveryCarton: false,
	}),
}) as Readonly<Record<AsnRegion, Readonly<RegionRules>>>;

/** A carrier table row: the name (or code) the platform uses -> the SCAC. */
export interface CarrierRow {
	name: string;
	scac: string;
}

/**
 * Where generated SSCC serials come from. This module never keeps a counter: n8n's workflow static
 * data is read at the start of an execution and written at its end, so two executions running at
 * once would read the same counter and print the same SSCC on two pallets. The serials must
 * therefore come from something that hands each caller its own numbers: the WMS (which then
 * usually gives the SSCCs themselves), a database sequence (`nextval`, `INCRBY` in Redis...) read
 * by a node before this one, or a reservation scheme that gives each execution a private range.
 * Give the reserved serials as `serials`, or a synchronous `nextSerials(count)` over such a
 * reservation. {@link countSsccsToGenerate} says how many to reserve. Serials reserved but not used
 * (because of an exception) leave a harmless gap; a serial must never be given out twice within
 * 365 days.
 */
export interface SsccOptions {
	/** GS1 company prefix, 7 to 10 digits. Required to generate. */
	companyPrefix?: string;
	/** 0-9, default 0. */
	extensionDigit?: number;
	/** Serials reserved for this execution, used in order (cartons first, then pallets). */
	serials?: ReadonlyArray<number | string>;
	/** Called once with the number of serials needed, when `serials` is not given. */
	nextSerials?: (count: number) => ReadonlyArray<number | string>;
	/** `missing` (default): generate for containers without one; `never`: only warehouse SSCCs. */
	generate?: 'missing' | 'never';
	/**
	 * Check and count only: containers without an SSCC get placeholder SSCCs from serials 0, 1...
	 * (no `serials` needed), which are not checked against `usedSsccs` and must never be sent or
	 * printed. For checking a shipment before its serials are reserved.
	 */
	placeholders?: boolean;
	/**
	 * SSCCs used in the last 365 days (any form parseSscc reads); reuse is an exception. For a Replace,
	 * the SSCCs of the confirmation being replaced are allowed again (same cartons).
	 */
	usedSsccs?: readonly string[];
}

export interface PreviousConfirmation {
	/** The confirmation as submitted before. */
	confirmation: ShipmentConfirmation;
	/** When it was submitted (ISO 8601). */
	submittedAt: string;
	/** Set when the goods were received at the fulfilment centre: no Replace any more. */
	receivedAtFulfilmentCentre?: boolean;
}

export type ShipmentStructure = NonNullable<ShipmentConfirmation['shipmentStructure']>;

export interface BuildShipmentOptions {
	region: AsnRegion;
	regionRules?: Partial<RegionRules>;
	/** Carrier name -> SCAC rows (a node parameter or a second input). */
	carriers?: readonly CarrierRow[];
	/** The confirmation date and the reference for the date rules. Default: the current time. */
	now?: Date | string | number;
	/** Default Original. */
	confirmationType?: 'Original' | 'Replace';
	/** Required for a Replace. */
	previous?: PreviousConfirmation;
	/** Shipment identifiers used in the last 365 days (refused for an Original). */
	usedShipmentIdentifiers?: readonly string[];
	sscc?: SsccOptions;
	/** Forces the structure (e.g. MasterPallet); by default it is chosen from the containers. */
	shipmentStructure?: ShipmentStructure;
	/** `purchaseOrder` (default): quantities in the PO's unit; `eaches`: in eaches. */
	quantityUnit?: 'purchaseOrder' | 'eaches';
	/** Used when the POs carry none. */
	sellingPartyId?: string;
}

// ---------------------------------------------------------------------------------------------
// Output shapes

export type AsnExceptionCode =
	| 'INVALID_INPUT'
	| 'EMPTY_SHIPMENT'
	| 'EMPTY_CONTAINER'
	| 'UNKNOWN_PURCHASE_ORDER'
	| 'UNKNOWN_SKU'
	| 'AMBIGUOUS_SKU'
	| 'INVALID_QUANTITY'
	| 'CASES_NOT_WHOLE'
	| 'OVER_SHIPMENT'
	| 'MULTIPLE_LOTS_IN_CONTAINER'
	| 'MIXED_VENDOR_CODES'
	| 'MIXED_DESTINATIONS'
	| 'UNKNOWN_PALLET'
	| 'MIXED_STRUCTURE'
	| 'INVALID_SSCC'
	| 'DUPLICATE_SSCC'
	| 'SSCC_REUSED'
	| 'SSCC_MISSING'
	| 'SSCC_SOURCE_INVALID'
	| 'SSCC_SERIALS_EXHAUSTED'
	| 'CARRIER_MISSING'
	| 'UNKNOWN_CARRIER'
	| 'PRO_NUMBER_MISSING'
	| 'BILL_OF_LADING_MISSING'
	| 'BILL_OF_LADING_INVALID'
	| 'TRACKING_NUMBER_MISSING'
	| 'INVALID_DATE'
	| 'SHIPPED_DATE_OUT_OF_RANGE'
	| 'SHIPMENT_ID_REUSED'
	| 'REPLACE_WITHOUT_PREVIOUS'
	| 'REPLACE_IDENTIFIER_MISMATCH'
	| 'REPLACE_SELLING_PARTY_MISMATCH'
	| 'REPLACE_TOO_LATE'
	| 'REPLACE_AFTER_RECEIPT'
	| 'REPLACE_NEW_ITEM'
	| 'REPLACE_INCREASE'
	| 'MODEL_VALIDATION';

export interface AsnException {
	code: AsnExceptionCode;
	/** Operator-readable, with the figures. */
	message: string;
	/** Where in the input (e.g. `cartons[2].contents[0]`) or the body (`shipmentConfirmations[0]...`). */
	path?: string;
	/** The figures side by side (quantities, identifiers...). */
	details?: Record<string, unknown>;
}

/** One PO line of the shipment, for the node to record what was shipped. */
export interface ShippedLine {
	purchaseOrderNumber: string;
	/** The PO's item sequence number. */
	itemSequenceNumber: string;
	/** The ASN item line(s) ("001"...) carrying it (one per lot/expiry). */
	asnItemSequenceNumbers: string[];
	sku: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	unitOfMeasure: 'Cases' | 'Eaches';
	unitSize: number;
	/** In the PO's unit. */
	shippedQuantity: number;
	shippedEaches: number;
	acceptedQuantity: number;
	alreadyShippedQuantity: number;
	/** acceptedQuantity - alreadyShippedQuantity - shippedQuantity. */
	remainingQuantity: number;
}

export interface ContainerLabel {
	containerType: 'carton' | 'pallet';
	/** cartonSequenceNumber for cartons; "001"... for pallets. */
	sequenceNumber: string;
	/** The input id, if any. */
	containerId?: string;
	/** n of N among containers of the same type. */
	index: number;
	count: number;
	/** "Carton 1 of 3" / "Pallet 1 of 2". */
	countText: string;
	/** 18 digits. */
	sscc?: string;
	/** "00" + 18 digits, as in the ASN. */
	amazonSscc?: string;
	/** "(00) 1 0614141 192837465 7" (grouped when the company prefix is known). */
	ssccHumanReadable?: string;
	/** "(00)106141411928374657": the GS1-128 barcode data. */
	gs1128Data?: string;
	ssccGenerated: boolean;
	purchaseOrderNumbers: string[];
	/** The PO number, or "Mixed POs". */
	purchaseOrderText: string;
	skus: string[];
	/** The vendor product identifier (UPC/EAN) or SKU of a single-item container, or "Mixed SKUs". */
	productText: string;
	/** Total eaches in the container (for a pallet, including its cartons). */
	eaches: number;
	/** What is inside, per PO line and lot (for a pallet, including its cartons). */
	contents: LabelContent[];
	/** The carton's tracking number, if any. */
	trackingNumber?: string;
	shipmentIdentifier: string;
	shipFrom: AsnParty;
	shipToPartyId: string;
	shipToAddress?: AsnAddress;
	carrierScac?: string;
	proNumber?: string;
	billOfLadingNumber?: string;
}

export interface LabelContent {
	purchaseOrderNumber: string;
	itemSequenceNumber: string;
	sku: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	eaches: number;
	/** In the PO's unit. */
	quantity: number;
	unitOfMeasure: 'Cases' | 'Eaches';
	unitSize: number;
	lotNumber?: string;
	expiryDate?: string;
}

export interface GeneratedSscc {
	containerType: 'carton' | 'pallet';
	sequenceNumber: string;
	containerId?: string;
	serial: string;
	sscc: string;
}

export interface ShipmentConfirmationBuild {
	/** True when there is no exception: `confirmation`, `request` and `labels` are set. */
	ok: boolean;
	confirmation?: ShipmentConfirmation;
	/** `{ shipmentConfirmations: [confirmation] }`, validated against Amazon's model. */
	request?: SubmitShipmentConfirmationsRequest;
	labels?: ContainerLabel[];
	exceptions: AsnException[];
	warnings: string[];
	/** SSCCs generated in this call (to record as used); empty when none (and with placeholders). */
	generatedSsccs: GeneratedSscc[];
	/** How many serials the containers without a warehouse SSCC take (0 when none is generated). */
	ssccSerialsNeeded: number;
	/** Set with `sscc.placeholders`: checked only; `confirmation`, `request` and `labels` are left out. */
	checkedOnly?: boolean;
	/** Per PO line shipped (set even with exceptions, for the figures). */
	shippedLines: ShippedLine[];
	shipmentStructure?: ShipmentStructure;
	carrierScac?: string;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const DAY_MS = 24 * 60 * 60 * 1000;

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function shown(value: unknown): string {
	if (typeof value === 'string')
		return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
	if (value === null || value === undefined) return String(value);
	if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
	return String(value);
}

function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const t = value.trim();
	return t === '' ? undefined : t;
}

function fold(value: string): string {
	return value.toLowerCase().replace(/[\s_.-]+/g, '');
}

function seq(n: number): string {
	return String(n).padStart(3, '0');
}

function epoch(value: Date | string | number | undefined): number {
	if (value === undefined) return Date.now();
	const ms =
		value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
	if (!Number.isFinite(ms)) throw new TypeError(`now is not a valid date (got ${shown(value)})`);
	return ms;
}

function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An ISO date-time Amazon's pattern accepts (date only -> midnight UTC, no zone -> UTC), or undefined. */
export function toShipmentDateTime(value: string): string | undefined {
	const t = value.trim();
	if (DATE_TIME_PATTERN.test(t)) return t;
	if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
		const out = `${t}T00:00:00Z`;
		return Number.isNaN(Date.parse(out)) ? undefined : out;
	}
	const noZone = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/.exec(t);
	const candidate = noZone ? `${noZone[1]}${noZone[2] ?? ':00'}Z` : t;
	if (!DATE_TIME_PATTERN.test(candidate)) {
		const ms = Date.parse(candidate);
		return Number.isNaN(ms) ? undefined : isoSeconds(ms);
	}
	return Number.isNaN(Date.parse(candidate)) ? undefined : candidate;
}

function alias<T>(value: unknown, table: Record<string, T>): T | undefined {
	const t = text(value);
	if (t === undefined) return undefined;
	const key = fold(t);
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

const SHIPMENT_TYPES: Record<string, 'TruckLoad' | 'LessThanTruckLoad' | 'SmallParcel'> = {
	truckload: 'TruckLoad',
	tl: 'TruckLoad',
	ftl: 'TruckLoad',
	fulltruckload: 'TruckLoad',
	lessthantruckload: 'LessThanTruckLoad',
	ltl: 'LessThanTruckLoad',
	smallparcel: 'SmallParcel',
	parcel: 'SmallParcel',
	sp: 'SmallParcel',
};

const TRANSPORT_MODES: Record<string, 'Road' | 'Air' | 'Ocean'> = {
	road: 'Road',
	truck: 'Road',
	ground: 'Road',
	air: 'Air',
	ocean: 'Ocean',
	sea: 'Ocean',
};

const WEIGHT_UNITS: Record<string, Weight['unitOfMeasure']> = {
	g: 'G',
	gr: 'G',
	gram: 'G',
	grams: 'G',
	kg: 'Kg',
	kgs: 'Kg',
	kilogram: 'Kg',
	kilograms: 'Kg',
	oz: 'Oz',
	ounce: 'Oz',
	ounces: 'Oz',
	lb: 'Lb',
	lbs: 'Lb',
	pound: 'Lb',
	pounds: 'Lb',
};

/** Dimension units; the number is the power of ten to divide by to get the model's unit. */
const DIMENSION_UNITS: Record<string, [Dimensions['unitOfMeasure'], number]> = {
	in: ['In', 0],
	inch: ['In', 0],
	inches: ['In', 0],
	ft: ['Ft', 0],
	foot: ['Ft', 0],
	feet: ['Ft', 0],
	m: ['Meter', 0],
	meter: ['Meter', 0],
	meters: ['Meter', 0],
	metre: ['Meter', 0],
	metres: ['Meter', 0],
	yd: ['Yard', 0],
	yard: ['Yard', 0],
	yards: ['Yard', 0],
	cm: ['Meter', 2],
	mm: ['Meter', 3],
};

const VOLUME_UNITS: Record<string, Volume['unitOfMeasure']> = {
	cuft: 'CuFt',
	ft3: 'CuFt',
	cuin: 'CuIn',
	in3: 'CuIn',
	cum: 'CuM',
	m3: 'CuM',
	cbm: 'CuM',
	cuy: 'CuY',
	cuyd: 'CuY',
	yd3: 'CuY',
};

const STRUCTURES: readonly ShipmentStructure[] = [
	'PalletizedAssortmentCase',
	'LooseAssortmentCase',
	'PalletOfItems',
	'PalletizedStandardCase',
	'LooseStandardCase',
	'MasterPallet',
	'MasterCase',
];

class Collector {
	readonly exceptions: AsnException[] = [];
	readonly warnings: string[] = [];

	add(
		code: AsnExceptionCode,
		message: string,
		path?: string,
		details?: Record<string, unknown>,
	): void {
		const e: AsnException = { code, message };
		if (path !== undefined) e.path = path;
		if (details !== undefined) e.details = details;
		this.exceptions.push(e);
	}
}

function measure(value: unknown, path: string, c: Collector): Decimal | undefined {
	let t: string | undefined;
	if (typeof value === 'number' && Number.isFinite(value)) t = String(value);
	else if (typeof value === 'string') t = value.trim();
	let d: Decimal | undefined;
	if (t !== undefined) {
		try {
			d = parseDecimal(t);
		} catch {
			d = undefined;
		}
	}
	if (d === undefined || d.units < BigInt(0)) {
		c.add(
			'INVALID_INPUT',
			`${path} must be a decimal number of 0 or more (got ${shown(value)})`,
			path,
		);
		return undefined;
	}
	return d;
}

function weightOf(value: AsnWeight | undefined, path: string, c: Collector): Weight | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) {
		c.add('INVALID_INPUT', `${path} must be an object {value, unit} (got ${shown(value)})`, path);
		return undefined;
	}
	const unit = alias(value.unit, WEIGHT_UNITS);
	if (unit === undefined)
		c.add(
			'INVALID_INPUT',
			`${path}.unit must be one of kg, g, lb, oz (got ${shown(value.unit)})`,
			`${path}.unit`,
		);
	const v = measure(value.value, `${path}.value`, c);
	return unit === undefined || v === undefined
		? undefined
		: { unitOfMeasure: unit, value: toDecimalString(v) };
}

function dimensionsOf(
	value: AsnDimensions | undefined,
	path: string,
	c: Collector,
): Dimensions | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) {
		c.add(
			'INVALID_INPUT',
			`${path} must be an object {length, width, height, unit} (got ${shown(value)})`,
			path,
		);
		return undefined;
	}
	const unit = alias(value.unit, DIMENSION_UNITS);
	if (unit === undefined)
		c.add(
			'INVALID_INPUT',
			`${path}.unit must be one of in, ft, m, yd, cm, mm (got ${shown(value.unit)})`,
			`${path}.unit`,
		);
	const l = measure(value.length, `${path}.length`, c);
	const w = measure(value.width, `${path}.width`, c);
	const h = measure(value.height, `${path}.height`, c);
	if (unit === undefined || l === undefined || w === undefined || h === undefined) return undefined;
	const [uom, shift] = unit;
	// cm and mm to metres: exact, by moving the decimal point.
	const scaled = (d: Decimal) => toDecimalString(new Decimal(d.units, d.scale + shift));
	return { length: scaled(l), width: scaled(w), height: scaled(h), unitOfMeasure: uom };
}

function volumeOf(value: AsnVolume | undefined, path: string, c: Collector): Volume | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) {
		c.add('INVALID_INPUT', `${path} must be an object {value, unit} (got ${shown(value)})`, path);
		return undefined;
	}
	const unit = alias(value.unit, VOLUME_UNITS);
	if (unit === undefined)
		c.add(
			'INVALID_INPUT',
			`${path}.unit must be one of CuFt, CuIn, CuM, CuY (got ${shown(value.unit)})`,
			`${path}.unit`,
		);
	const v = measure(value.value, `${path}.value`, c);
	return unit === undefined || v === undefined
		? undefined
		: { unitOfMeasure: unit, value: toDecimalString(v) };
}

function partyOf(value: AsnParty): PartyIdentification {
	const out: PartyIdentification = { partyId: value.partyId.trim() };
	if (value.address) {
		const a = value.address;
		const addr: NonNullable<PartyIdentification['address']> = {
			name: a.name,
			addressLine1: a.addressLine1,
			countryCode: a.countryCode,
		};
		for (const key of [
			'addressLine2',
			'addressLine3',
			'city',
			'county',
			'district',
			'stateOrRegion',
			'postalCode',
			'phone',
		] as const) {
			if (a[key] !== undefined && a[key] !== '') addr[key] = a[key];
		}
		out.address = addr;
	}
	if (value.taxRegistrationDetails && value.taxRegistrationDetails.length)
		out.taxRegistrationDetails = value.taxRegistrationDetails.map((t) => ({ ...t }));
	return out;
}

// ---------------------------------------------------------------------------------------------
// Carriers

/**
 * Reads carrier rows from a table or input items: `{ name | carrier, scac | code }`. A SCAC must
 * be 2 to 4 letters (upper-cased here). Throws TypeError listing every bad row.
 */
export function parseCarrierTable(rows: readonly unknown[]): CarrierRow[] {
	if (!Array.isArray(rows))
		throw new TypeError(
			`The carrier table must be a list of {name, scac} rows (got ${shown(rows)})`,
		);
	const out: CarrierRow[] = [];
	const problems: string[] = [];
	rows.forEach((row, i) => {
		if (!isObject(row)) {
			problems.push(`rows[${i}] must be an object {name, scac}`);
			return;
		}
		const name = text(row.name) ?? text(row.carrier);
		const scac = (text(row.scac) ?? text(row.code))?.toUpperCase();
		if (name === undefined && scac === undefined) return;
		if (name === undefined) problems.push(`rows[${i}].name is required`);
		if (scac === undefined || !/^[A-Z]{2,4}$/.test(scac))
			problems.push(`rows[${i}].scac must be 2 to 4 letters (got ${shown(row.scac ?? row.code)})`);
		else if (name !== undefined) out.push({ name, scac });
	});
	if (problems.length)
		throw new TypeError(`The carrier table has problems: ${problems.join('; ')}`);
	return out;
}

function carrierKey(value: string): string {
	return value
		.toUpperCase()
		.replace(/[^A-Z0-9]+/g, ' ')
		.trim();
}

export type CarrierResolution =
	| { ok: true; scac: string; matchedBy: 'name' | 'scac' }
	| { ok: false; problem: string };

/**
 * Resolves a carrier name or code to a SCAC through the table: the name compared without case or
 * punctuation ("United Parcel Service", "UNITED-PARCEL SERVICE"), or a SCAC already in the table.
 * Anything else is unknown: free text is never passed through.
 */
export function resolveCarrierScac(
	carrier: string,
	table: readonly CarrierRow[],
): CarrierResolution {
	const key = carrierKey(carrier);
	if (key === '') return { ok: false, problem: 'no carrier given' };
	for (const row of table)
		if (carrierKey(row.name) === key)
			return { ok: true, scac: row.scac.toUpperCase(), matchedBy: 'name' };
	const asCode = carrier.trim().toUpperCase();
	for (const row of table)
		if (row.scac.toUpperCase() === asCode)
			return { ok: true, scac: row.scac.toUpperCase(), matchedBy: 'scac' };
	const known = table.length
		? `known carriers: ${table.map((r) => `${r.name} (${r.scac})`).join(', ')}`
		: 'the carrier table is empty';
	return {
		ok: false,
		problem: `carrier ${JSON.stringify(carrier)} is not in the carrier table (${known}); add a row mapping it to its SCAC`,
	};
}

// ---------------------------------------------------------------------------------------------
// From a mapped PO and its acknowledgement

/** Minimal shape of a mapped PO line (caseMapping.ts MappedLine) used here. */
export interface MappedLineLike {
	itemSequenceNumber: string;
	status: 'mapped' | 'reject';
	sku?: string;
	unitOfMeasure: 'Cases' | 'Eaches';
	unitSize: number;
	orderedAmount: number;
}

/** Minimal shape of a mapped PO (caseMapping.ts MappedPurchaseOrder) used here. */
export interface MappedPurchaseOrderLike {
	purchaseOrder: {
		purchaseOrderNumber: string;
		sellingParty?: { partyId: string };
		shipToParty?: {
			partyId: string;
			address?: { name: string; addressLine1: string; countryCode: string } & Partial<AsnAddress>;
		};
		items: Array<{
			itemSequenceNumber: string;
			amazonProductIdentifier?: string;
			vendorProductIdentifier?: string;
		}>;
	};
	lines: MappedLineLike[];
}

/** Minimal shape of an OrderAcknowledgement (vendorOrders model) used here. */
export interface AcknowledgementLike {
	purchaseOrderNumber: string;
	items: Array<{
		itemSequenceNumber?: string;
		itemAcknowledgements: Array<{
			acknowledgementCode: 'Accepted' | 'Backordered' | 'Rejected';
			acknowledgedQuantity: { amount?: number; unitOfMeasure?: string; unitSize?: number };
		}>;
	}>;
}

/**
 * The acknowledged PO for {@link buildShipmentConfirmation}, from the Map node's output and the
 * acknowledgement sent (the latest one, after any change order). Accepted + Backordered loops
 * count as shippable (`includeBackordered: false` counts Accepted only); without an
 * acknowledgement, a mapped line's ordered quantity. Unmapped lines are left out (nothing of theirs
 * can be in the shipment). `alreadyShipped` is per PO item sequence number, in the PO's unit.
 */
export function acknowledgedPurchaseOrderFrom(
	mapped: MappedPurchaseOrderLike,
	acknowledgement?: AcknowledgementLike,
	alreadyShipped: Readonly<Record<string, number>> = {},
	options: { includeBackordered?: boolean } = {},
): AcknowledgedPurchaseOrder {
	const po = mapped.purchaseOrder;
	if (acknowledgement && acknowledgement.purchaseOrderNumber !== po.purchaseOrderNumber) {
		throw new TypeError(
			`The acknowledgement is for PO ${acknowledgement.purchaseOrderNumber}, the mapped PO is ${po.purchaseOrderNumber}`,
		);
	}
	const includeBackordered = options.includeBackordered !== false;
	const acknowledged = new Map<string, number>();
	if (acknowledgement) {
		for (const item of acknowledgement.items) {
			if (item.itemSequenceNumber === undefined) continue;
			let eaches = 0;
			for (const loop of item.itemAcknowledgements) {
				if (
					loop.acknowledgementCode === 'Rejected' ||
					(loop.acknowledgementCode === 'Backordered' && !includeBackordered)
				)
					continue;
				const amount = loop.acknowledgedQuantity.amount ?? 0;
				eaches +=
					loop.acknowledgedQuantity.unitOfMeasure === 'Cases'
						? amount * (loop.acknowledgedQuantity.unitSize ?? 1)
						: amount;
			}
			acknowledged.set(item.itemSequenceNumber, eaches);
		}
	}
	const lines: AcknowledgedLine[] = [];
	mapped.lines.forEach((line, i) => {
		if (line.sku === undefined || line.sku === '') return;
		const item = po.items[i];
		const unitSize = line.unitOfMeasure === 'Cases' ? line.unitSize : 1;
		let accepted: number;
		if (acknowledgement) {
			const eaches = acknowledged.get(line.itemSequenceNumber) ?? 0;
			accepted = unitSize > 0 ? Math.floor(eaches / unitSize) : 0;
		} else {
			accepted = line.status === 'mapped' ? line.orderedAmount : 0;
		}
		const out: AcknowledgedLine = {
			itemSequenceNumber: line.itemSequenceNumber,
			sku: line.sku,
			unitOfMeasure: line.unitOfMeasure,
			unitSize,
			acceptedQuantity: accepted,
			alreadyShippedQuantity: alreadyShipped[line.itemSequenceNumber] ?? 0,
		};
		if (item?.amazonProductIdentifier !== undefined)
			out.amazonProductIdentifier = item.amazonProductIdentifier;
		if (item?.vendorProductIdentifier !== undefined)
			out.vendorProductIdentifier = item.vendorProductIdentifier;
		lines.push(out);
	});
	const out: AcknowledgedPurchaseOrder = {
		purchaseOrderNumber: po.purchaseOrderNumber,
		sellingPartyId: po.sellingParty?.partyId ?? '',
		shipToPartyId: po.shipToParty?.partyId ?? '',
		lines,
	};
	if (po.shipToParty?.address) out.shipToAddress = { ...po.shipToParty.address };
	return out;
}

// ---------------------------------------------------------------------------------------------
// SSCC planning

interface ContainerRef {
	type: 'carton' | 'pallet';
	index: number;
	id?: string;
	path: string;
	given?: string;
}

function ssccNeeds(
	shipment: AsnShipment,
	rules: RegionRules,
	sscc: SsccOptions | undefined,
): { toGenerate: ContainerRef[]; missing: ContainerRef[] } {
	const canGenerate =
		sscc?.generate !== 'never' &&
		sscc?.companyPrefix !== undefined &&
		(sscc.serials !== undefined || sscc.nextSerials !== undefined || sscc.placeholders === true);
	const toGenerate: ContainerRef[] = [];
	const missing: ContainerRef[] = [];
	(shipment.cartons ?? []).forEach((carton, i) => {
		if (text(carton?.sscc) !== undefined) return;
		const ref: ContainerRef = { type: 'carton', index: i, id: carton?.id, path: `cartons[${i}]` };
		if (canGenerate) toGenerate.push(ref);
		else if (rules.ssccOnEveryCarton) missing.push(ref);
	});
	(shipment.pallets ?? []).forEach((pallet, i) => {
		if (text(pallet?.sscc) !== undefined) return;
		const ref: ContainerRef = { type: 'pallet', index: i, id: pallet?.id, path: `pallets[${i}]` };
		if (canGenerate) toGenerate.push(ref);
		else missing.push(ref);
	});
	return { toGenerate, missing };
}

function rulesFor(options: Pick<BuildShipmentOptions, 'region' | 'regionRules'>): RegionRules {
	const base = REGION_RULES[options.region];
	if (base === undefined)
		throw new TypeError(
			`region must be one of ${Object.keys(REGION_RULES).join(', ')} (got ${shown(options.region)})`,
		);
	return { ...base, ...(options.regionRules ?? {}) };
}

/**
 * How many SSCC serials {@link buildShipmentConfirmation} will take for this shipment: one per
 * container without a warehouse SSCC (cartons only where the region wants an SSCC on every carton
 * or a serial source is configured; every pallet). Reserve this many before calling it.
 */
export function countSsccsToGenerate(
	shipment: AsnShipment,
	options: Pick<BuildShipmentOptions, 'region' | 'regionRules'> & {
		sscc?: Omit<SsccOptions, 'serials' | 'nextSerials'>;
	},
): number {
	const rules = rulesFor(options);
	if (options.sscc?.generate === 'never' || options.sscc?.companyPrefix === undefined) return 0;
	return ssccNeeds(shipment, rules, { ...options.sscc, serials: [] }).toGenerate.length;
}

// ---------------------------------------------------------------------------------------------
// Building

interface LineRef {
	po: AcknowledgedPurchaseOrder;
	line: AcknowledgedLine;
	key: string;
}

interface Placement {
	/** `cartons[i]` or `pallets[i]`. */
	container: ContainerRef;
	content: AsnContent;
	path: string;
	ref: LineRef;
	eaches: number;
	lotKey: string;
}

interface AsnItemGroup {
	asnSeq: string;
	ref: LineRef;
	lotKey: string;
	content: AsnContent;
	eaches: number;
}

function lotKeyOf(content: AsnContent): string {
	return JSON.stringify([
		text(content.lotNumber) ?? '',
		text(content.expiryDate) ?? '',
		text(content.manufacturerDate) ?? '',
		text(content.countryOfOrigin) ?? '',
	]);
}

function quantityOf(
	line: AcknowledgedLine,
	eaches: number,
	unit: 'purchaseOrder' | 'eaches',
): ItemQuantity {
	if (line.unitOfMeasure === 'Cases' && unit === 'purchaseOrder')
		return {
			amount: Math.floor(eaches / line.unitSize),
			unitOfMeasure: 'Cases',
			unitSize: line.unitSize,
		};
	return { amount: eaches, unitOfMeasure: 'Eaches', unitSize: 1 };
}

function eachesOfQuantity(q: ItemQuantity): number {
	return q.unitOfMeasure === 'Cases' ? q.amount * (q.unitSize ?? 1) : q.amount;
}

/** Builds the confirmation; see the module notes for every rule. Never throws for bad data (exceptions instead); throws TypeError for bad options. */
export function buildShipmentConfirmation(
	shipment: AsnShipment,
	purchaseOrders: readonly AcknowledgedPurchaseOrder[],
	options: BuildShipmentOptions,
): ShipmentConfirmationBuild {
	const rules = rulesFor(options);
	const nowMs = epoch(options.now);
	const quantityUnit = options.quantityUnit ?? 'purchaseOrder';
	if (quantityUnit !== 'purchaseOrder' && quantityUnit !== 'eaches')
		throw new TypeError(
			`quantityUnit must be purchaseOrder or eaches (got ${shown(quantityUnit)})`,
		);
	const confirmationType = options.confirmationType ?? 'Original';
	if (confirmationType !== 'Original' && confirmationType !== 'Replace')
		throw new TypeError(
			`confirmationType must be Original or Replace (got ${shown(confirmationType)})`,
		);
	if (options.shipmentStructure !== undefined && !STRUCTURES.includes(options.shipmentStructure)) {
		throw new TypeError(
			`shipmentStructure must be one of ${STRUCTURES.join(', ')} (got ${shown(options.shipmentStructure)})`,
		);
	}
	const c = new Collector();
	const result = (extra: Partial<ShipmentConfirmationBuild>): ShipmentConfirmationBuild => ({
		ok: false,
		exceptions: c.exceptions,
		warnings: c.warnings,
		generatedSsccs: [],
		ssccSerialsNeeded: 0,
		shippedLines: [],
		...extra,
	});

	if (!isObject(shipment)) {
		c.add('INVALID_INPUT', `The shipment must be an object (got ${shown(shipment)})`);
		return result({});
	}
	const shipmentIdentifier = text(shipment.shipmentIdentifier);
	if (shipmentIdentifier === undefined)
		c.add('INVALID_INPUT', 'shipmentIdentifier is required', 'shipmentIdentifier');
	const cartons = Array.isArray(shipment.cartons) ? shipment.cartons : [];
	const pallets = Array.isArray(shipment.pallets) ? shipment.pallets : [];
	if (shipment.cartons !== undefined && !Array.isArray(shipment.cartons))
		c.add('INVALID_INPUT', `cartons must be a list (got ${shown(shipment.cartons)})`, 'cartons');
	if (shipment.pallets !== undefined && !Array.isArray(shipment.pallets))
		c.add('INVALID_INPUT', `pallets must be a list (got ${shown(shipment.pallets)})`, 'pallets');
	if (cartons.length === 0 && pallets.length === 0)
		c.add('EMPTY_SHIPMENT', 'The shipment has no cartons and no pallets');

	// --- Purchase orders and line lookup by SKU
	const poByNumber = new Map<string, AcknowledgedPurchaseOrder>();
	for (const po of purchaseOrders) poByNumber.set(po.purchaseOrderNumber, po);
	const bySku = new Map<string, LineRef[]>();
	for (const po of purchaseOrders) {
		for (const line of po.lines) {
			const ref: LineRef = {
				po,
				line,
				key: `${po.purchaseOrderNumber}#${line.itemSequenceNumber}`,
			};
			const list = bySku.get(line.sku);
			if (list) list.push(ref);
			else bySku.set(line.sku, [ref]);
		}
	}

	// --- Containers, contents, structure
	const palletIndex = new Map<string, number>();
	pallets.forEach((p, i) => {
		const id = text(p?.id);
		if (id === undefined)
			c.add(
				'INVALID_INPUT',
				`pallets[${i}].id is required (cartons refer to their pallet by id)`,
				`pallets[${i}].id`,
			);
		else if (palletIndex.has(id))
			c.add('INVALID_INPUT', `Pallet id ${JSON.stringify(id)} is used twice`, `pallets[${i}].id`);
		else palletIndex.set(id, i);
	});

	const placements: Placement[] = [];
	const readContents = (container: ContainerRef, contents: unknown, required: boolean): void => {
		if (contents === undefined && !required) return;
		if (!Array.isArray(contents) || contents.length === 0) {
			if (required)
				c.add(
					'EMPTY_CONTAINER',
					`${container.type === 'carton' ? 'Carton' : 'Pallet'} ${container.id ?? container.path} has no contents`,
					container.path,
				);
			return;
		}
		const lotsInContainer = new Map<string, string>();
		contents.forEach((raw, j) => {
			const path = `${container.path}.contents[${j}]`;
			if (!isObject(raw)) {
				c.add('INVALID_INPUT', `${path} must be an object {sku, eaches} (got ${shown(raw)})`, path);
				return;
			}
			const content = raw as unknown as AsnContent;
			const sku = text(content.sku);
			const rawEaches: unknown = content.eaches;
			// Platform JSON often carries quantities as strings: "12" is read as 12.
			const eaches =
				typeof rawEaches === 'string' && /^\s*\d+\s*$/.test(rawEaches)
					? Number(rawEaches.trim())
					: rawEaches;
			if (sku === undefined) {
				c.add('INVALID_INPUT', `${path}.sku is required`, `${path}.sku`);
				return;
			}
			if (typeof eaches !== 'number' || !Number.isSafeInteger(eaches) || eaches <= 0) {
				c.add(
					'INVALID_QUANTITY',
					`${path}: SKU ${JSON.stringify(sku)} must have a whole number of eaches above 0 (got ${shown(eaches)})`,
					`${path}.eaches`,
					{ sku, eaches },
				);
				return;
			}
			const poNumber = text(content.purchaseOrderNumber);
			const lineSeq = text(content.itemSequenceNumber);
			if (poNumber !== undefined && !poByNumber.has(poNumber)) {
				c.add(
					'UNKNOWN_PURCHASE_ORDER',
					`${path}: PO ${JSON.stringify(poNumber)} is not among the acknowledged purchase orders given`,
					`${path}.purchaseOrderNumber`,
					{ purchaseOrderNumber: poNumber },
				);
				return;
			}
			const candidates = (bySku.get(sku) ?? []).filter(
				(r) =>
					(poNumber === undefined || r.po.purchaseOrderNumber === poNumber) &&
					(lineSeq === undefined || r.line.itemSequenceNumber === lineSeq),
			);
			if (candidates.length === 0) {
				c.add(
					'UNKNOWN_SKU',
					`${path}: SKU ${JSON.stringify(sku)} is on no acknowledged line${poNumber ? ` of PO ${poNumber}` : ''}${lineSeq ? ` with item sequence number ${lineSeq}` : ''}`,
					`${path}.sku`,
					{ sku, purchaseOrderNumber: poNumber, itemSequenceNumber: lineSeq },
				);
				return;
			}
			if (candidates.length > 1) {
				c.add(
					'AMBIGUOUS_SKU',
					`${path}: SKU ${JSON.stringify(sku)} is on ${candidates.length} lines (${candidates.map((r) => `PO ${r.po.purchaseOrderNumber} line ${r.line.itemSequenceNumber}`).join(', ')}): give purchaseOrderNumber and itemSequenceNumber on the content`,
					`${path}.sku`,
					{
						sku,
						lines: candidates.map((r) => ({
							purchaseOrderNumber: r.po.purchaseOrderNumber,
							itemSequenceNumber: r.line.itemSequenceNumber,
						})),
					},
				);
				return;
			}
			const ref = candidates[0];
			const line = ref.line;
			if (line.unitOfMeasure === 'Cases' && eaches % line.unitSize !== 0) {
				c.add(
					'CASES_NOT_WHOLE',
					`${path}: ${eaches} eaches of SKU ${JSON.stringify(sku)} is not a whole number of cases of ${line.unitSize} (PO ${ref.po.purchaseOrderNumber} line ${line.itemSequenceNumber} is ordered in cases): ${Math.floor(eaches / line.unitSize)} cases and ${eaches % line.unitSize} eaches`,
					`${path}.eaches`,
					{
						sku,
						eaches,
						unitSize: line.unitSize,
						wholeCases: Math.floor(eaches / line.unitSize),
						looseEaches: eaches % line.unitSize,
					},
				);
			}
			const lotKey = lotKeyOf(content);
			const previousLot = lotsInContainer.get(ref.key);
			if (previousLot !== undefined && previousLot !== lotKey) {
				c.add(
					'MULTIPLE_LOTS_IN_CONTAINER',
					`${container.type === 'carton' ? 'Carton' : 'Pallet'} ${container.id ?? container.path} holds SKU ${JSON.stringify(sku)} with two different lots or dates: Amazon allows one lot and expiry per item in a container`,
					path,
					{ sku },
				);
			}
			lotsInContainer.set(ref.key, lotKey);
			placements.push({ container, content: { ...content, sku }, path, ref, eaches, lotKey });
		});
	};

	let loose = 0;
	let onPallets = 0;
	const cartonsPerPallet = new Map<number, number[]>();
	cartons.forEach((carton, i) => {
		const ref: ContainerRef = {
			type: 'carton',
			index: i,
			id: text(carton?.id),
			path: `cartons[${i}]`,
			given: text(carton?.sscc),
		};
		if (!isObject(carton)) {
			c.add('INVALID_INPUT', `cartons[${i}] must be an object (got ${shown(carton)})`, ref.path);
			return;
		}
		const palletId = text(carton.palletId);
		if (palletId !== undefined) {
			const p = palletIndex.get(palletId);
			if (p === undefined)
				c.add(
					'UNKNOWN_PALLET',
					`Carton ${ref.id ?? ref.path} is on pallet ${JSON.stringify(palletId)}, which is not among the pallets`,
					`${ref.path}.palletId`,
				);
			else {
				onPallets++;
				const list = cartonsPerPallet.get(p) ?? [];
				list.push(i);
				cartonsPerPallet.set(p, list);
			}
		} else loose++;
		readContents(ref, carton.contents, true);
	});
	let palletsWithItems = 0;
	pallets.forEach((pallet, i) => {
		if (!isObject(pallet)) {
			c.add(
				'INVALID_INPUT',
				`pallets[${i}] must be an object (got ${shown(pallet)})`,
				`pallets[${i}]`,
			);
			return;
		}
		const ref: ContainerRef = {
			type: 'pallet',
			index: i,
			id: text(pallet.id),
			path: `pallets[${i}]`,
			given: text(pallet.sscc),
		};
		const hasCartons = (cartonsPerPallet.get(i) ?? []).length > 0;
		const hasItems = Array.isArray(pallet.contents) && pallet.contents.length > 0;
		if (hasItems) palletsWithItems++;
		if (hasCartons && hasItems) {
			c.add(
				'MIXED_STRUCTURE',
				`Pallet ${ref.id ?? ref.path} holds both cartons and loose items: one ASN structure cannot describe it (put the items in a carton)`,
				ref.path,
			);
		}
		if (!hasCartons && !hasItems)
			c.add(
				'EMPTY_CONTAINER',
				`Pallet ${ref.id ?? ref.path} has no cartons and no contents`,
				ref.path,
			);
		readContents(ref, pallet.contents, false);
	});

	// A container is "mixed" when it holds more than one PO line.
	const linesPerCarton = new Map<number, Set<string>>();
	for (const p of placements) {
		if (p.container.type !== 'carton') continue;
		const set = linesPerCarton.get(p.container.index) ?? new Set<string>();
		set.add(p.ref.key);
		linesPerCarton.set(p.container.index, set);
	}
	const anyMixedCarton = [...linesPerCarton.values()].some((s) => s.size > 1);

	let structure: ShipmentStructure | undefined;
	if (pallets.length === 0)
		structure = anyMixedCarton ? 'LooseAssortmentCase' : 'LooseStandardCase';
	else if (loose > 0 && (onPallets > 0 || palletsWithItems > 0)) {
		c.add(
			'MIXED_STRUCTURE',
			`${loose} carton(s) are loose while others are on pallets: send them in a separate ASN or put them on a pallet`,
			'cartons',
		);
	} else if (onPallets > 0 && palletsWithItems > 0) {
		c.add(
			'MIXED_STRUCTURE',
			'Some pallets hold cartons and others loose items: send them in separate ASNs',
			'pallets',
		);
	} else if (onPallets > 0)
		structure = anyMixedCarton ? 'PalletizedAssortmentCase' : 'PalletizedStandardCase';
	else if (palletsWithItems > 0) {
		if (loose > 0)
			c.add(
				'MIXED_STRUCTURE',
				`${loose} loose carton(s) and pallets of loose items: send them in separate ASNs`,
				'cartons',
			);
		else structure = 'PalletOfItems';
	}
	if (options.shipmentStructure !== undefined) {
		if (structure !== undefined && structure !== options.shipmentStructure)
			c.warnings.push(
				`shipmentStructure ${options.shipmentStructure} given; the containers suggest ${structure}`,
			);
		structure = options.shipmentStructure;
	}

	// --- Parties
	const involved = new Map<string, AcknowledgedPurchaseOrder>();
	for (const p of placements) involved.set(p.ref.po.purchaseOrderNumber, p.ref.po);
	const involvedPos = [...involved.values()];
	const vendorCodes = new Set(involvedPos.map((po) => po.sellingPartyId).filter((v) => v !== ''));
	const destinations = new Set(involvedPos.map((po) => po.shipToPartyId).filter((v) => v !== ''));
	if (vendorCodes.size > 1) {
		c.add(
			'MIXED_VENDOR_CODES',
			`One ASN is for one vendor code; the shipment mixes ${[...vendorCodes].join(', ')}`,
			undefined,
			{ vendorCodes: [...vendorCodes] },
		);
	}
	if (destinations.size > 1) {
		c.add(
			'MIXED_DESTINATIONS',
			`One ASN is for one destination; the shipment mixes ${[...destinations].join(', ')}`,
			undefined,
			{ shipToPartyIds: [...destinations] },
		);
	}
	const sellingPartyId = [...vendorCodes][0] ?? text(options.sellingPartyId);
	const shipToPartyId = [...destinations][0];
	if (involvedPos.length && sellingPartyId === undefined)
		c.add(
			'INVALID_INPUT',
			'No vendor code: the purchase orders have no sellingPartyId and no sellingPartyId option was given',
		);
	if (involvedPos.length && shipToPartyId === undefined)
		c.add('INVALID_INPUT', 'No destination: the purchase orders have no shipToPartyId');
	const shipFrom = shipment.shipFromParty;
	if (!isObject(shipFrom) || text(shipFrom.partyId) === undefined)
		c.add('INVALID_INPUT', 'shipFromParty.partyId is required', 'shipFromParty.partyId');

	// --- Quantities per PO line: whole cases, shippable
	const eachesPerLine = new Map<string, { ref: LineRef; eaches: number }>();
	for (const p of placements) {
		const entry = eachesPerLine.get(p.ref.key) ?? { ref: p.ref, eaches: 0 };
		entry.eaches += p.eaches;
		eachesPerLine.set(p.ref.key, entry);
	}
	const shippedLines: ShippedLine[] = [];
	for (const { ref, eaches } of eachesPerLine.values()) {
		const line = ref.line;
		const unitSize = line.unitOfMeasure === 'Cases' ? line.unitSize : 1;
		const accepted = line.acceptedQuantity;
		const already = line.alreadyShippedQuantity ?? 0;
		const shippable = accepted - already;
		const wholeUnits = Math.floor(eaches / unitSize);
		const label = `PO ${ref.po.purchaseOrderNumber} line ${line.itemSequenceNumber} (SKU ${JSON.stringify(line.sku)})`;
		const unitName = line.unitOfMeasure === 'Cases' ? `cases of ${unitSize}` : 'eaches';
		if (line.unitOfMeasure === 'Cases' && eaches % unitSize !== 0) {
			c.add(
				'CASES_NOT_WHOLE',
				`${label}: ${eaches} eaches in total is not a whole number of cases of ${unitSize}`,
				undefined,
				{
					purchaseOrderNumber: ref.po.purchaseOrderNumber,
					itemSequenceNumber: line.itemSequenceNumber,
					sku: line.sku,
					shippedEaches: eaches,
					unitSize,
				},
			);
		}
		const shippedUnits =
			line.unitOfMeasure === 'Cases' && eaches % unitSize !== 0 ? eaches / unitSize : wholeUnits;
		if (shippedUnits > shippable) {
			c.add(
				'OVER_SHIPMENT',
				`${label}: shipping ${shippedUnits} ${unitName} but only ${Math.max(shippable, 0)} may ship (accepted ${accepted} - already shipped ${already})`,
				undefined,
				{
					purchaseOrderNumber: ref.po.purchaseOrderNumber,
					itemSequenceNumber: line.itemSequenceNumber,
					sku: line.sku,
					unitOfMeasure: line.unitOfMeasure,
					shipped: shippedUnits,
					accepted,
					alreadyShipped: already,
					shippable: Math.max(shippable, 0),
				},
			);
		}
		const out: ShippedLine = {
			purchaseOrderNumber: ref.po.purchaseOrderNumber,
			itemSequenceNumber: line.itemSequenceNumber,
			asnItemSequenceNumbers: [],
			sku: line.sku,
			unitOfMeasure: line.unitOfMeasure,
			unitSize,
			shippedQuantity: wholeUnits,
			shippedEaches: eaches,
			acceptedQuantity: accepted,
			alreadyShippedQuantity: already,
			remainingQuantity: accepted - already - wholeUnits,
		};
		if (line.amazonProductIdentifier !== undefined)
			out.amazonProductIdentifier = line.amazonProductIdentifier;
		if (line.vendorProductIdentifier !== undefined)
			out.vendorProductIdentifier = line.vendorProductIdentifier;
		shippedLines.push(out);
	}

	// --- Transport: carrier, PRO, BOL, tracking, type, mode
	const shipmentType =
		shipment.shipmentType === undefined ? undefined : alias(shipment.shipmentType, SHIPMENT_TYPES);
	if (shipment.shipmentType !== undefined && shipmentType === undefined) {
		c.add(
			'INVALID_INPUT',
			`shipmentType must be TruckLoad, LessThanTruckLoad or SmallParcel (got ${shown(shipment.shipmentType)})`,
			'shipmentType',
		);
	}
	const transportationMode =
		shipment.transportationMode === undefined
			? undefined
			: alias(shipment.transportationMode, TRANSPORT_MODES);
	if (shipment.transportationMode !== undefined && transportationMode === undefined) {
		c.add(
			'INVALID_INPUT',
			`transportationMode must be Road, Air or Ocean (got ${shown(shipment.transportationMode)})`,
			'transportationMode',
		);
	}
	const carrier = text(shipment.carrier);
	let carrierScac: string | undefined;
	if (carrier !== undefined) {
		const resolved = resolveCarrierScac(carrier, options.carriers ?? []);
		if (resolved.ok) carrierScac = resolved.scac;
		else c.add('UNKNOWN_CARRIER', `Unknown carrier: ${resolved.problem}`, 'carrier', { carrier });
	} else if (rules.scacRequired) {
		c.add(
			'CARRIER_MISSING',
			`The carrier is required in ${options.region} (its SCAC is mandatory)`,
			'carrier',
		);
	}
	const trackingNumber = text(shipment.trackingNumber);
	const proNumber = text(shipment.proNumber) ?? trackingNumber;
	if (proNumber === undefined && rules.proNumberRequired) {
		c.add(
			'PRO_NUMBER_MISSING',
			`The PRO / tracking number (carrierShipmentReferenceNumber) is required in ${options.region}`,
			'proNumber',
		);
	}
	const billOfLadingNumber = text(shipment.billOfLadingNumber);
	const isTruck = shipmentType === 'TruckLoad' || shipmentType === 'LessThanTruckLoad';
	if (billOfLadingNumber === undefined) {
		if (rules.billOfLading === 'always') {
			c.add(
				'BILL_OF_LADING_MISSING',
				`A bill of lading number is required in ${options.region} (a delivery-note number is accepted instead)`,
				'billOfLadingNumber',
			);
		} else if (rules.billOfLading === 'truckload' && isTruck) {
			c.add(
				'BILL_OF_LADING_MISSING',
				`A bill of lading number is required for ${shipmentType} shipments in ${options.region}`,
				'billOfLadingNumber',
			);
		} else if (
			rules.billOfLading === 'truckload' &&
			shipmentType === undefined &&
			pallets.length > 0
		) {
			c.warnings.push(
				'shipmentType is not given: if this palletised shipment is TruckLoad or LessThanTruckLoad, Amazon requires a bill of lading number',
			);
		}
	} else if (
		billOfLadingNumber.length < 2 ||
		/^\d{4}-\d{2}-\d{2}/.test(billOfLadingNumber) ||
		/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/.test(billOfLadingNumber)
	) {
		c.add(
			'BILL_OF_LADING_INVALID',
			`Bill of lading number ${JSON.stringify(billOfLadingNumber)} must be the number on the paper BOL, not a single character or a date`,
			'billOfLadingNumber',
		);
	}
	const cartonTracking = (i: number): string | undefined =>
		text(cartons[i]?.trackingNumber) ?? (cartons.length === 1 ? trackingNumber : undefined);
	if (shipmentType === 'SmallParcel') {
		cartons.forEach((carton, i) => {
			if (cartonTracking(i) === undefined)
				c.add(
					'TRACKING_NUMBER_MISSING',
					`Carton ${text(carton?.id) ?? `cartons[${i}]`} has no tracking number: every carton of a small parcel shipment needs one`,
					`cartons[${i}].trackingNumber`,
				);
		});
	}

	// --- Dates
	let shippedDate: string | undefined;
	const shippedText = text(shipment.shippedDate);
	if (shippedText === undefined) c.add('INVALID_DATE', 'shippedDate is required', 'shippedDate');
	else {
		shippedDate = toShipmentDateTime(shippedText);
		if (shippedDate === undefined)
			c.add(
				'INVALID_DATE',
				`shippedDate ${JSON.stringify(shippedText)} is not an ISO 8601 date-time`,
				'shippedDate',
			);
		else {
			const ms = Date.parse(shippedDate);
			if (ms > nowMs + 2 * DAY_MS || ms < nowMs - 7 * DAY_MS) {
				c.add(
					'SHIPPED_DATE_OUT_OF_RANGE',
					`shippedDate ${shippedDate} must be within the last 7 days and at most 2 days ahead (now ${isoSeconds(nowMs)})`,
					'shippedDate',
					{
						shippedDate,
						now: isoSeconds(nowMs),
					},
				);
			}
		}
	}
	let estimatedDeliveryDate: string | undefined;
	const etaText = text(shipment.estimatedDeliveryDate);
	if (etaText !== undefined) {
		estimatedDeliveryDate = toShipmentDateTime(etaText);
		if (estimatedDeliveryDate === undefined)
			c.add(
				'INVALID_DATE',
				`estimatedDeliveryDate ${JSON.stringify(etaText)} is not an ISO 8601 date-time`,
				'estimatedDeliveryDate',
			);
	}
	const expiryDate = (value: string | undefined, path: string): string | undefined => {
		if (value === undefined) return undefined;
		const out = toShipmentDateTime(value);
		if (out === undefined)
			c.add(
				'INVALID_DATE',
				`${path} ${JSON.stringify(value)} is not an ISO 8601 date or date-time`,
				path,
			);
		return out;
	};

	// --- Identifier reuse and Replace rules (quantities checked once the items are built)
	const previous = options.previous;
	if (confirmationType === 'Original' && shipmentIdentifier !== undefined) {
		const reused =
			(options.usedShipmentIdentifiers ?? []).includes(shipmentIdentifier) ||
			previous?.confirmation.shipmentIdentifier === shipmentIdentifier;
		if (reused) {
			c.add(
				'SHIPMENT_ID_REUSED',
				`shipmentIdentifier ${JSON.stringify(shipmentIdentifier)} was already used: each shipment needs a new one (to correct a sent ASN, send a Replace)`,
				'shipmentIdentifier',
			);
		}
	}
	if (confirmationType === 'Replace') {
		if (previous === undefined)
			c.add(
				'REPLACE_WITHOUT_PREVIOUS',
				'A Replace needs the previous confirmation and when it was submitted',
			);
		else {
			if (
				shipmentIdentifier !== undefined &&
				previous.confirmation.shipmentIdentifier !== shipmentIdentifier
			) {
				c.add(
					'REPLACE_IDENTIFIER_MISMATCH',
					`A Replace must repeat the shipmentIdentifier ${JSON.stringify(previous.confirmation.shipmentIdentifier)} (got ${JSON.stringify(shipmentIdentifier)})`,
					'shipmentIdentifier',
				);
			}
			if (
				sellingPartyId !== undefined &&
				previous.confirmation.sellingParty?.partyId !== sellingPartyId
			) {
				c.add(
					'REPLACE_SELLING_PARTY_MISMATCH',
					`A Replace must repeat the sellingParty ${JSON.stringify(previous.confirmation.sellingParty?.partyId)} (got ${JSON.stringify(sellingPartyId)})`,
				);
			}
			const submitted = Date.parse(previous.submittedAt);
			if (Number.isNaN(submitted))
				c.add(
					'INVALID_DATE',
					`previous.submittedAt ${JSON.stringify(previous.submittedAt)} is not a date-time`,
				);
			else if (nowMs - submitted > 7 * DAY_MS) {
				c.add(
					'REPLACE_TOO_LATE',
					`The original confirmation was submitted ${isoSeconds(submitted)}, more than 7 days ago: Amazon no longer accepts a Replace`,
					undefined,
					{
						submittedAt: isoSeconds(submitted),
						now: isoSeconds(nowMs),
					},
				);
			}
			if (previous.receivedAtFulfilmentCentre)
				c.add(
					'REPLACE_AFTER_RECEIPT',
					'The goods were received at the fulfilment centre: a Replace is no longer possible',
				);
		}
	}

	// --- SSCCs: validate given, generate missing
	const ssccOpts = options.sscc;
	const labelsPrefixLength =
		ssccOpts?.companyPrefix !== undefined && /^\d{7,10}$/.test(ssccOpts.companyPrefix)
			? ssccOpts.companyPrefix.length
			: undefined;
	const cartonSscc: Array<{ sscc: string; generated: boolean } | undefined> = new Array(
		cartons.length,
	);
	const palletSscc: Array<{ sscc: string; generated: boolean } | undefined> = new Array(
		pallets.length,
	);
	const generatedSsccs: GeneratedSscc[] = [];
	const used = new Map<string, string>();
	for (const u of ssccOpts?.usedSsccs ?? []) {
		const parsed = parseSscc(u);
		if (parsed.ok) used.set(parsed.sscc, u);
	}
	// A Replace describes the same cartons and pallets: their SSCCs are not "reused".
	if (confirmationType === 'Replace' && previous !== undefined) {
		const ids = [
			...(previous.confirmation.cartons ?? []).flatMap((k) => k.cartonIdentifiers ?? []),
			...(previous.confirmation.pallets ?? []).flatMap((p) => p.palletIdentifiers ?? []),
		];
		for (const id of ids) {
			const parsed =
				id.containerIdentificationType === 'SSCC'
					? parseSscc(id.containerIdentificationNumber)
					: undefined;
			if (parsed?.ok) used.delete(parsed.sscc);
		}
	}
	const seen = new Map<string, string>();
	const record = (ref: ContainerRef, sscc: string, generated: boolean): void => {
		const where = `${ref.type === 'carton' ? 'Carton' : 'Pallet'} ${ref.id ?? ref.path}`;
		if (generated && ssccOpts?.placeholders) {
			(ref.type === 'carton' ? cartonSscc : palletSscc)[ref.index] = { sscc, generated };
			return;
		}
		if (used.has(sscc))
			c.add(
				'SSCC_REUSED',
				`${where}: SSCC ${sscc} was already used in the last 365 days`,
				ref.path,
				{ sscc },
			);
		const other = seen.get(sscc);
		if (other !== undefined)
			c.add('DUPLICATE_SSCC', `${where}: SSCC ${sscc} is also on ${other}`, ref.path, { sscc });
		else seen.set(sscc, where);
		(ref.type === 'carton' ? cartonSscc : palletSscc)[ref.index] = { sscc, generated };
	};
	const givenRefs: ContainerRef[] = [
		...cartons.map(
			(carton, i): ContainerRef => ({
				type: 'carton',
				index: i,
				id: text(carton?.id),
				path: `cartons[${i}]`,
				given: text(carton?.sscc),
			}),
		),
		...pallets.map(
			(pallet, i): ContainerRef => ({
				type: 'pallet',
				index: i,
				id: text(pallet?.id),
				path: `pallets[${i}]`,
				given: text(pallet?.sscc),
			}),
		),
	];
	for (const ref of givenRefs) {
		if (ref.given === undefined) continue;
		const raw = (ref.type === 'carton' ? cartons[ref.index] : pallets[ref.index])?.sscc;
		const parsed = parseSscc(raw);
		if (!parsed.ok) {
			c.add(
				'INVALID_SSCC',
				`${ref.type === 'carton' ? 'Carton' : 'Pallet'} ${ref.id ?? ref.path}: ${parsed.problem}`,
				`${ref.path}.sscc`,
				{ sscc: raw },
			);
			continue;
		}
		record(ref, parsed.sscc, false);
		if (
			ssccOpts?.companyPrefix !== undefined &&
			!parsed.sscc.startsWith(ssccOpts.companyPrefix, 1)
		) {
			c.warnings.push(
				`${ref.type === 'carton' ? 'Carton' : 'Pallet'} ${ref.id ?? ref.path}: SSCC ${parsed.sscc} is not under the company prefix ${ssccOpts.companyPrefix} (a 3PL's own prefix?)`,
			);
		}
	}
	const needs = ssccNeeds({ ...shipment, cartons, pallets }, rules, ssccOpts);
	for (const ref of needs.missing) {
		const where = `${ref.type === 'carton' ? 'Carton' : 'Pallet'} ${ref.id ?? ref.path}`;
		const why =
			ref.type === 'pallet'
				? 'every pallet needs an identifier'
				: `${options.region} requires an SSCC on every carton`;
		c.add(
			'SSCC_MISSING',
			`${where} has no SSCC and none can be generated (${why}; configure the GS1 company prefix and a serial source)`,
			`${ref.path}.sscc`,
		);
	}
	if (needs.toGenerate.length > 0 && ssccOpts !== undefined) {
		let serials: ReadonlyArray<number | string> | undefined;
		let width: number | undefined;
		try {
			width = ssccSerialWidth(ssccOpts.companyPrefix as string);
			const ext = ssccOpts.extensionDigit ?? 0;
			if (!Number.isInteger(ext) || ext < 0 || ext > 9)
				throw new Error(`The SSCC extension digit must be 0 to 9 (got ${shown(ext)})`);
			serials = ssccOpts.placeholders
				? needs.toGenerate.map((_, k) => k)
				: ssccOpts.serials !== undefined
					? ssccOpts.serials
					: (ssccOpts.nextSerials as (n: number) => ReadonlyArray<number | string>)(
							needs.toGenerate.length,
						);
			if (!Array.isArray(serials))
				throw new Error(`the serial source gave ${shown(serials)}, not a list of serials`);
		} catch (error) {
			c.add('SSCC_SOURCE_INVALID', `SSCCs cannot be generated: ${(error as Error).message}`);
			serials = undefined;
		}
		if (serials !== undefined && width !== undefined) {
			if (serials.length < needs.toGenerate.length) {
				c.add(
					'SSCC_SERIALS_EXHAUSTED',
					`${needs.toGenerate.length} SSCCs are needed but only ${serials.length} serials were supplied`,
					undefined,
					{
						needed: needs.toGenerate.length,
						supplied: serials.length,
					},
				);
			}
			const n = Math.min(serials.length, needs.toGenerate.length);
			for (let k = 0; k < n; k++) {
				const ref = needs.toGenerate[k];
				try {
					const sscc = buildSscc(
						ssccOpts.extensionDigit ?? 0,
						ssccOpts.companyPrefix as string,
						serials[k],
					);
					record(ref, sscc, true);
					if (ssccOpts.placeholders) continue;
					const g: GeneratedSscc = {
						containerType: ref.type,
						sequenceNumber: seq(ref.index + 1),
						serial: sscc.slice(1 + (ssccOpts.companyPrefix as string).length, 17),
						sscc,
					};
					if (ref.id !== undefined) g.containerId = ref.id;
					generatedSsccs.push(g);
				} catch (error) {
					c.add(
						'SSCC_SOURCE_INVALID',
						`${ref.type === 'carton' ? 'Carton' : 'Pallet'} ${ref.id ?? ref.path}: ${(error as Error).message}`,
						ref.path,
					);
				}
			}
		}
	}

	// --- ASN item lines: one per PO line and lot
	const groups = new Map<string, AsnItemGroup>();
	const groupOf = (p: Placement): AsnItemGroup => {
		const key = `${p.ref.key}|${p.lotKey}`;
		let g = groups.get(key);
		if (g === undefined) {
			g = {
				asnSeq: seq(groups.size + 1),
				ref: p.ref,
				lotKey: p.lotKey,
				content: p.content,
				eaches: 0,
			};
			groups.set(key, g);
		}
		return g;
	};
	const placementGroups = placements.map((p) => {
		const g = groupOf(p);
		g.eaches += p.eaches;
		return g;
	});
	const multiPo = involvedPos.length > 1;
	const shippedItems: Item[] = [];
	for (const g of groups.values()) {
		const line = g.ref.line;
		const details: ItemDetails = { purchaseOrderNumber: g.ref.po.purchaseOrderNumber };
		const lot = text(g.content.lotNumber);
		if (lot !== undefined) details.lotNumber = lot;
		const origin = text(g.content.countryOfOrigin)?.toUpperCase();
		if (origin !== undefined) details.countryOfOrigin = origin;
		const expiry = expiryDate(text(g.content.expiryDate), 'expiryDate');
		const made = expiryDate(text(g.content.manufacturerDate), 'manufacturerDate');
		if (expiry !== undefined || made !== undefined) {
			details.expiry = {};
			if (made !== undefined) details.expiry.manufacturerDate = made;
			if (expiry !== undefined) details.expiry.expiryDate = expiry;
		}
		// Built in the model's key order: itemSequenceNumber, identifiers, quantity, details.
		const item = { itemSequenceNumber: g.asnSeq } as Item;
		if (line.amazonProductIdentifier !== undefined)
			item.amazonProductIdentifier = line.amazonProductIdentifier;
		if (line.vendorProductIdentifier !== undefined)
			item.vendorProductIdentifier = line.vendorProductIdentifier;
		item.shippedQuantity = quantityOf(line, g.eaches, quantityUnit);
		item.itemDetails = details;
		shippedItems.push(item);
		const sl = shippedLines.find(
			(s) =>
				s.purchaseOrderNumber === g.ref.po.purchaseOrderNumber &&
				s.itemSequenceNumber === line.itemSequenceNumber,
		);
		sl?.asnItemSequenceNumbers.push(g.asnSeq);
	}

	// --- Containers in the model
	const containerItems = (type: 'carton' | 'pallet', index: number): ContainerItem[] => {
		const out: ContainerItem[] = [];
		const merged = new Map<string, { g: AsnItemGroup; eaches: number }>();
		placements.forEach((p, k) => {
			if (p.container.type !== type || p.container.index !== index) return;
			const g = placementGroups[k];
			const entry = merged.get(g.asnSeq) ?? { g, eaches: 0 };
			entry.eaches += p.eaches;
			merged.set(g.asnSeq, entry);
		});
		for (const { g, eaches } of merged.values()) {
			const ci: ContainerItem = {
				itemReference: g.asnSeq,
				shippedQuantity: quantityOf(g.ref.line, eaches, quantityUnit),
			};
			if (multiPo) ci.itemDetails = { purchaseOrderNumber: g.ref.po.purchaseOrderNumber };
			out.push(ci);
		}
		return out;
	};
	const modelCartons: Carton[] = cartons.map((carton, i) => {
		const id = cartonSscc[i];
		// Built in the model's key order.
		const ordered = {} as Carton;
		if (id !== undefined)
			ordered.cartonIdentifiers = [
				{
					containerIdentificationType: 'SSCC',
					containerIdentificationNumber: toAmazonSscc(id.sscc),
				},
			];
		ordered.cartonSequenceNumber = seq(i + 1);
		const dims = dimensionsOf(carton?.dimensions, `cartons[${i}].dimensions`, c);
		if (dims) ordered.dimensions = dims;
		const weight = weightOf(carton?.weight, `cartons[${i}].weight`, c);
		if (weight) ordered.weight = weight;
		const tracking = cartonTracking(i);
		if (tracking !== undefined) ordered.trackingNumber = tracking;
		ordered.items = containerItems('carton', i);
		return ordered;
	});
	const modelPallets: Pallet[] = pallets.map((pallet, i) => {
		const id = palletSscc[i];
		const out: Pallet = {
			palletIdentifiers: id
				? [
						{
							containerIdentificationType: 'SSCC',
							containerIdentificationNumber: toAmazonSscc(id.sscc),
						},
					]
				: [],
		};
		for (const key of ['tier', 'block'] as const) {
			const v = pallet?.[key];
			if (v === undefined) continue;
			if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
				c.add(
					'INVALID_INPUT',
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
		const items = containerItems('pallet', i);
		if (items.length) out.items = items;
		return out;
	});

	// --- Replace: only reductions
	if (confirmationType === 'Replace' && previous !== undefined) {
		const keyOf = (item: Item): string =>
			JSON.stringify([
				item.itemDetails?.purchaseOrderNumber ?? '',
				item.amazonProductIdentifier ?? '',
				item.vendorProductIdentifier ?? '',
				item.itemDetails?.lotNumber ?? '',
			]);
		const before = new Map<string, number>();
		for (const item of previous.confirmation.shippedItems ?? [])
			before.set(
				keyOf(item),
				(before.get(keyOf(item)) ?? 0) + eachesOfQuantity(item.shippedQuantity),
			);
		const after = new Map<string, { eaches: number; item: Item }>();
		for (const item of shippedItems) {
			const entry = after.get(keyOf(item)) ?? { eaches: 0, item };
			entry.eaches += eachesOfQuantity(item.shippedQuantity);
			after.set(keyOf(item), entry);
		}
		for (const [key, { eaches, item }] of after) {
			const name = `${item.itemDetails?.purchaseOrderNumber ? `PO ${item.itemDetails.purchaseOrderNumber} ` : ''}item ${item.amazonProductIdentifier ?? item.vendorProductIdentifier ?? item.itemSequenceNumber}`;
			const was = before.get(key);
			if (was === undefined)
				c.add(
					'REPLACE_NEW_ITEM',
					`${name} is not in the original confirmation: a Replace may only reduce; send the added units in a new ASN`,
					undefined,
					{ item: JSON.parse(key) },
				);
			else if (eaches > was) {
				c.add(
					'REPLACE_INCREASE',
					`${name}: ${eaches} eaches is more than the ${was} of the original confirmation: a Replace may only reduce; send the extra units in a new ASN`,
					undefined,
					{
						original: was,
						replacement: eaches,
					},
				);
			}
		}
		const prevCartons = previous.confirmation.cartons?.length ?? 0;
		const prevPallets = previous.confirmation.pallets?.length ?? 0;
		if (modelCartons.length > prevCartons)
			c.add(
				'REPLACE_INCREASE',
				`${modelCartons.length} cartons is more than the ${prevCartons} of the original confirmation`,
				'cartons',
				{ original: prevCartons, replacement: modelCartons.length },
			);
		if (modelPallets.length > prevPallets)
			c.add(
				'REPLACE_INCREASE',
				`${modelPallets.length} pallets is more than the ${prevPallets} of the original confirmation`,
				'pallets',
				{ original: prevPallets, replacement: modelPallets.length },
			);
	}

	// --- Header
	const measurements: ShipmentMeasurements = {};
	const gross = weightOf(shipment.grossWeight, 'grossWeight', c);
	if (gross) measurements.grossShipmentWeight = gross;
	const volume = volumeOf(shipment.volume, 'volume', c);
	if (volume) measurements.shipmentVolume = volume;
	if (modelCartons.length) measurements.cartonCount = modelCartons.length;
	if (modelPallets.length) measurements.palletCount = modelPallets.length;

	const transportationDetails: NonNullable<ShipmentConfirmation['transportationDetails']> = {};
	if (carrierScac !== undefined) transportationDetails.carrierScac = carrierScac;
	if (proNumber !== undefined) transportationDetails.carrierShipmentReferenceNumber = proNumber;
	if (transportationMode !== undefined)
		transportationDetails.transportationMode = transportationMode;
	if (billOfLadingNumber !== undefined)
		transportationDetails.billOfLadingNumber = billOfLadingNumber;

	const base = {
		exceptions: c.exceptions,
		warnings: c.warnings,
		generatedSsccs,
		ssccSerialsNeeded: needs.toGenerate.length,
		shippedLines,
		shipmentStructure: structure,
		carrierScac,
	};
	if (
		c.exceptions.length > 0 ||
		shipmentIdentifier === undefined ||
		shippedDate === undefined ||
		sellingPartyId === undefined ||
		shipToPartyId === undefined
	) {
		return { ok: false, ...base };
	}

	const confirmation: ShipmentConfirmation = {
		shipmentIdentifier,
		shipmentConfirmationType: confirmationType,
	} as ShipmentConfirmation;
	if (shipmentType !== undefined) confirmation.shipmentType = shipmentType;
	if (structure !== undefined) confirmation.shipmentStructure = structure;
	if (Object.keys(transportationDetails).length)
		confirmation.transportationDetails = transportationDetails;
	const arn = text(shipment.amazonReferenceNumber);
	if (arn !== undefined) confirmation.amazonReferenceNumber = arn;
	confirmation.shipmentConfirmationDate = isoSeconds(nowMs);
	confirmation.shippedDate = shippedDate;
	if (estimatedDeliveryDate !== undefined)
		confirmation.estimatedDeliveryDate = estimatedDeliveryDate;
	confirmation.sellingParty = { partyId: sellingPartyId };
	confirmation.shipFromParty = partyOf(shipFrom);
	confirmation.shipToParty = { partyId: shipToPartyId };
	if (Object.keys(measurements).length) confirmation.shipmentMeasurements = measurements;
	confirmation.shippedItems = shippedItems;
	if (modelCartons.length) confirmation.cartons = modelCartons;
	if (modelPallets.length) confirmation.pallets = modelPallets;

	const request: SubmitShipmentConfirmationsRequest = { shipmentConfirmations: [confirmation] };
	const validation = validateAgainst(SubmitShipmentConfirmationsRequestSchema, request, {
		unknownKeys: 'reject',
	});
	if (!validation.ok) {
		for (const issue of validation.issues)
			c.add('MODEL_VALIDATION', `${issue.path}: ${issue.message}`, issue.path);
		return { ok: false, ...base };
	}

	if (ssccOpts?.placeholders) return { ok: true, checkedOnly: true, ...base };

	// --- Labels
	const shipToAddress = involvedPos.find((po) => po.shipToAddress)?.shipToAddress;
	const labelContents = (inside: Placement[]): LabelContent[] => {
		const merged = new Map<string, LabelContent>();
		for (const p of inside) {
			const key = `${p.ref.key}|${p.lotKey}`;
			const entry = merged.get(key);
			if (entry) {
				entry.eaches += p.eaches;
				entry.quantity = quantityOf(p.ref.line, entry.eaches, 'purchaseOrder').amount;
				continue;
			}
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
			merged.set(key, out);
		}
		return [...merged.values()];
	};
	const labelFor = (
		type: 'carton' | 'pallet',
		index: number,
		count: number,
		id: { sscc: string; generated: boolean } | undefined,
		containerId: string | undefined,
		inside: Placement[],
	): ContainerLabel => {
		const poNumbers = [...new Set(inside.map((p) => p.ref.po.purchaseOrderNumber))];
		const skus = [...new Set(inside.map((p) => p.ref.line.sku))];
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
			skus,
			productText: single ? (single.vendorProductIdentifier ?? single.sku) : 'Mixed SKUs',
			eaches: inside.reduce((n, p) => n + p.eaches, 0),
			contents: labelContents(inside),
			shipmentIdentifier,
			shipFrom: shipFrom,
			shipToPartyId,
		};
		if (containerId !== undefined) label.containerId = containerId;
		const tracking = type === 'carton' ? cartonTracking(index) : undefined;
		if (tracking !== undefined) label.trackingNumber = tracking;
		if (id !== undefined) {
			const prefixLength =
				labelsPrefixLength !== undefined && id.sscc.startsWith(ssccOpts?.companyPrefix as string, 1)
					? labelsPrefixLength
					: undefined;
			label.sscc = id.sscc;
			label.amazonSscc = toAmazonSscc(id.sscc);
			label.ssccHumanReadable = formatSsccHumanReadable(id.sscc, prefixLength);
			label.gs1128Data = gs1128DataString(id.sscc);
		}
		if (shipToAddress !== undefined) label.shipToAddress = shipToAddress;
		if (carrierScac !== undefined) label.carrierScac = carrierScac;
		if (proNumber !== undefined) label.proNumber = proNumber;
		if (billOfLadingNumber !== undefined) label.billOfLadingNumber = billOfLadingNumber;
		return label;
	};
	const labels: ContainerLabel[] = [
		...cartons.map((carton, i) =>
			labelFor(
				'carton',
				i,
				cartons.length,
				cartonSscc[i],
				text(carton.id),
				placements.filter((p) => p.container.type === 'carton' && p.container.index === i),
			),
		),
		...pallets.map((pallet, i) => {
			const onThis = new Set(cartonsPerPallet.get(i) ?? []);
			const inside = placements.filter(
				(p) =>
					(p.container.type === 'pallet' && p.container.index === i) ||
					(p.container.type === 'carton' && onThis.has(p.container.index)),
			);
			return labelFor('pallet', i, pallets.length, palletSscc[i], text(pallet.id), inside);
		}),
	];

	return { ok: true, confirmation, request, labels, ...base };
}
