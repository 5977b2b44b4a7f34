/** The types of the mapping: rows, options, issues, mapped lines and POs. Pure: no n8n imports. */
import type {
	CanonicalMoney,
	CanonicalPurchaseOrder,
	PriceUnit,
	QuantityUnit,
} from '../purchaseOrder';

// ---------------------------------------------------------------------------------------------
// Types

export type RejectionReason =
	| 'TemporarilyUnavailable'
	| 'InvalidProductIdentifier'
	| 'ObsoleteProduct';

export type MatchBy = 'asin' | 'vendorProductIdentifier';

/** One validated mapping row. */
export interface MappingRow {
	/** 0-based position of the row in the table or input items. */
	row: number;
	/** Upper-cased ASIN. */
	asin?: string;
	vendorProductIdentifier?: string;
	/** The platform SKU. */
	sku: string;
	/** Eaches per case. */
	casePack?: number;
	/** Agreed net cost as a plain decimal string (see the module notes for its unit). */
	expectedUnitCost?: string;
	discontinued: boolean;
}

export interface MappingRowIssue {
	/** 0-based row index. */
	row: number;
	field:
		| 'row'
		| 'asin'
		| 'vendorProductIdentifier'
		| 'sku'
		| 'casePack'
		| 'expectedUnitCost'
		| 'discontinued';
	message: string;
}

/** Fast lookup of mapping rows by upper-cased ASIN and by vendor product identifier. */
export interface MappingIndex {
	readonly rows: readonly MappingRow[];
	readonly byAsin: ReadonlyMap<string, MappingRow>;
	readonly byVendorProductIdentifier: ReadonlyMap<string, MappingRow>;
}

export interface MappingMatch {
	row: MappingRow;
	matchedBy: MatchBy;
	/** Set when the other identifier maps to a different row with a different SKU. */
	conflict?: MappingRow;
}

export interface PriceTolerance {
	/** `absolute`: in currency units; `percent`: of the expected cost (`"2.5"` is 2.5 %). */
	mode: 'absolute' | 'percent';
	/** Non-negative decimal string. */
	value: string;
}

export interface MapOptions {
	/** Which identifier is looked up first. Default `asin`. */
	matchFirst: MatchBy;
	/** An Eaches line whose amount is not a multiple of the known case pack. Default `exception`. */
	notMultiple: 'exception' | 'warning';
	/** Allowed difference between the PO's net cost and the expected cost. Default absolute "0". */
	priceTolerance: PriceTolerance;
	/** Whether a PO with some bad lines may continue with them rejected. Default `exceptions`. */
	partialPo: 'exceptions' | 'continueWithRejections';
	/** A discontinued SKU: an exception, or a line to reject with ObsoleteProduct. Default `exception`. */
	discontinued: 'exception' | 'reject';
}

export type MappingIssueCode =
	/** Neither identifier is in the mapping table. Exception. */
	| 'unmapped'
	/** The PO's case size differs from the mapping's case pack. Exception. */
	| 'casePackMismatch'
	/** A Cases line with no usable unitSize on the PO and no case pack in the mapping. Exception. */
	| 'casePackMissing'
	/** An Eaches amount that is not a multiple of the case pack. Exception or warning (option). */
	| 'notCaseMultiple'
	/** Net cost outside the tolerance around the expected cost. Exception. */
	| 'priceMismatch'
	/** The SKU is marked discontinued. Exception or warning (option). */
	| 'discontinued'
	/** Warning: a Cases line without unitSize on the PO used the mapping's case pack. */
	| 'casePackFromMapping'
	/** Warning: a Cases line whose SKU has no case pack in the mapping (the PO's unitSize was used). */
	| 'casePackNotInMapping'
	/** Warning: the PO line has no net cost (the price cannot be checked or echoed). */
	| 'netCostMissing'
	/** Warning: the ASIN and the vendor product identifier map to different SKUs. */
	| 'identifierConflict';

export interface MappingIssue {
	code: MappingIssueCode;
	/** Operator-readable, names the line and the values. */
	message: string;
	/** As sent by Amazon (see the module notes). */
	itemSequenceNumber: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
}

/** Line identifiers exactly as Amazon sent them (or the canonical ones if the raw order was not given). */
export interface SentIdentifiers {
	itemSequenceNumber: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
}

export interface MappedLine {
	/** Position in `purchaseOrder.items` (lines are in the same order). */
	index: number;
	/** Canonical (trimmed), as in `purchaseOrder.items[index]`. */
	itemSequenceNumber: string;
	sent: SentIdentifiers;
	status: 'mapped' | 'reject';
	/** Set for `reject` lines: the reason the acknowledgement will give. */
	rejectionReason?: RejectionReason;
	/** The platform SKU; absent for an unmapped line. */
	sku?: string;
	matchedBy?: MatchBy;
	/** Row index of the mapping used. */
	mappingRow?: number;
	/** Case pack from the mapping. */
	casePack?: number;
	/** Amazon's unit for the line. */
	unitOfMeasure: QuantityUnit;
	/** Amazon units ordered (cases or eaches). */
	orderedAmount: number;
	/** Eaches per Amazon unit: the case size for Cases, 1 for Eaches. */
	unitSize: number;
	/** orderedAmount x unitSize. */
	orderedEaches: number;
	isBackOrderAllowed: boolean;
	/** Net cost as on the PO: per each, or per weight unit when `netCost.unitOfMeasure` is set. */
	netCost?: CanonicalMoney;
	/** True when the PO prices the line per weight unit. */
	pricedByWeight: boolean;
	/** The weight unit of a weight-priced line. */
	priceUnit?: PriceUnit;
	/** Agreed cost from the mapping (same unit as netCost). */
	expectedUnitCost?: string;
	/** netCost x orderedEaches, for lines priced per each; absent for weight-priced lines (needs the weight). */
	extendedCost?: string;
	discontinued: boolean;
	exceptions: MappingIssue[];
	warnings: MappingIssue[];
}

export interface MappedPurchaseOrder {
	purchaseOrder: CanonicalPurchaseOrder;
	/** One per `purchaseOrder.items` entry, same order. */
	lines: MappedLine[];
	/** Which output the PO goes to. */
	route: 'mapped' | 'exceptions';
	/** Every line's exceptions, in line order. */
	exceptions: MappingIssue[];
	/** Every line's warnings, in line order. */
	warnings: MappingIssue[];
	counts: {
		lines: number;
		/** Lines with status `mapped`. */
		mapped: number;
		/** Lines with status `reject`. */
		rejected: number;
		/** Lines with at least one exception. */
		withExceptions: number;
	};
}
