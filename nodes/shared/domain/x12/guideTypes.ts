/**
 * The shape of an implementation guide as data: which segments a transaction set has, in which order
 * and loops, how often, and what each element may hold. The Amazon guides of nodes/shared/domain/edi/
 * guides/ are written in this shape (each names its source), and the guide check reads a transaction
 * set against one of them. Pure: no n8n imports.
 */

/** X12 element data types: identifier, string, numeric with N implied decimals, decimal, date, time. */
export type X12ElementType = 'ID' | 'AN' | 'N0' | 'N2' | 'R' | 'DT' | 'TM';

/**
 * `M` mandatory; `O` optional; `C` conditional (its condition is in `conditions` of the segment, or in
 * `note` when the guide states it in words only).
 */
export type X12Usage = 'M' | 'O' | 'C';

export interface X12ElementRule {
	/** The element's reference: segment id and two-digit position, `BEG03`. */
	ref: string;
	/** Its name in the guide: "Purchase Order Number". */
	name: string;
	usage: X12Usage;
	type: X12ElementType;
	/** Minimum and maximum length (X12 counts digits without sign and decimal point for N and R). */
	min: number;
	max: number;
	/** The codes the guide allows for an ID element; absent when any value of the X12 code list is allowed. */
	codes?: readonly string[];
	/** A composite element: its components, as elements with refs `PO107-01`... */
	components?: readonly X12ElementRule[];
	note?: string;
}

/**
 * A syntax rule between elements of one segment, as X12 writes them: `P` paired (all or none), `R`
 * required (at least one), `E` exclusion (at most one), `C` conditional (if the first, then all the
 * others), `L` list conditional (if the first, then at least one of the others). `elements` are the
 * refs, the first one first.
 */
export interface X12Condition {
	kind: 'P' | 'R' | 'E' | 'C' | 'L';
	elements: readonly string[];
}

export interface X12SegmentRule {
	kind: 'segment';
	/** The segment id: `BEG`. */
	id: string;
	name: string;
	usage: X12Usage;
	/** The most times it may repeat where it stands (1 for most). */
	max: number;
	/** Every element in position order (position n is `elements[n - 1]`). */
	elements: readonly X12ElementRule[];
	conditions?: readonly X12Condition[];
	note?: string;
}

/** A loop: its first segment starts each repetition (`PO1`, `N1`, `HL`...). */
export interface X12LoopRule {
	kind: 'loop';
	/** The loop id, as the guide names it: `PO1`, `N1`, `HL-Order`. */
	id: string;
	usage: X12Usage;
	/** The most repetitions. */
	max: number;
	/** The segments and inner loops in order; the first is a segment and starts the loop. */
	children: readonly (X12SegmentRule | X12LoopRule)[];
	/** For an HL loop: the HL03 level code that selects this loop (`S`, `O`, `T`, `P`, `I`). */
	hlLevel?: string;
	note?: string;
}

export interface X12GuideSource {
	/** Who publishes it and its title: "Stedi, Amazon Vendor Central X12 850 Purchase Order". */
	title: string;
	url: string;
	/** The day it was read, CCYY-MM-DD. */
	retrieved: string;
	/** What of the guide is encoded here and what is not, in plain words. */
	coverage: string;
}

export interface X12TransactionGuide {
	/** ST01: `850`. */
	transactionSet: string;
	/** GS01 for this set: `PO`. */
	functionalId: string;
	/** GS08: `004010`, `005010`. */
	version: string;
	source: X12GuideSource;
	/** ST to SE, both included, in order. */
	structure: readonly (X12SegmentRule | X12LoopRule)[];
}
