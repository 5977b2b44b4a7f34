/**
 * The shapes of Build ASN: what the platform gives (the shipment, its cartons and pallets, the
 * purchase orders as acknowledged), the options, and what the build returns. Pure: no n8n imports.
 */
import type {
	ShipmentConfirmation,
	SubmitShipmentConfirmationsRequest,
} from '../../generated/vendorShipments';
import type { CanonicalAddress } from '../purchaseOrder';

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

/** A ship-from address: the fields of Amazon's Address, as the normalised purchase order has them. */
export type AsnAddress = CanonicalAddress;

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
	/**
	 * Whole days from shipping to delivery, for a shipment that gives no estimatedDeliveryDate: the
	 * estimate is then the shipped date plus these days (Amazon's EDI 856 requires one). Default 0:
	 * no estimate.
	 */
	estimatedTransitDays?: number;
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
