/**
 * The shapes of an X12 interchange as the reader returns it and the writer takes it, and the error
 * of an interchange that cannot be read. Pure: no n8n imports.
 */
import { InvalidInputError } from '../inputError';

export interface X12Separators {
	element: string;
	component: string;
	segment: string;
	/** ISA11 from version 00501 on (when it is not `U`); undefined before. */
	repetition?: string;
}

/** A segment: its 1-based position in the interchange (ISA = 1), its id, and its elements (0 = id). */
export interface X12Segment {
	position: number;
	id: string;
	elements: string[];
}

export interface X12Party {
	/** ISA05 / ISA07: `ZZ` mutually defined, `01` DUNS, `12` phone, `14` DUNS+4... */
	qualifier: string;
	/** ISA06 / ISA08, without its padding. */
	id: string;
}

export interface X12InterchangeHeader {
	sender: X12Party;
	receiver: X12Party;
	/** ISA09 YYMMDD and ISA10 HHMM. */
	date: string;
	time: string;
	/** ISA12: `00401` (4010) or `00501` (5010). */
	version: string;
	/** ISA13, nine digits. */
	controlNumber: string;
	/** ISA14: `1` when the sender asks for an interchange acknowledgement. */
	acknowledgementRequested: boolean;
	/** ISA15: `P` production, `T` test. */
	usage: 'P' | 'T';
}

/**
 * A problem of a transaction set or group that a 997 reports (X12 element 718 for a transaction
 * set, 716 for a group); `segment` and `element` name where, for the operator.
 */
export interface X12Problem {
	code: string;
	message: string;
	segment?: number;
	element?: string;
}

export interface X12TransactionSet {
	/** ST01: `850`, `860`, `820`, `997`... */
	id: string;
	/** ST02. */
	controlNumber: string;
	/** ST03 (5010 implementation convention reference), when present. */
	implementationReference?: string;
	/** Every segment from ST to SE, both included. */
	segments: X12Segment[];
	/** Envelope problems of this set (SE count, ST/SE control numbers); empty when none. */
	problems: X12Problem[];
}

export interface X12Group {
	/** GS01: `PO` 850, `PC` 860, `RA` 820, `FA` 997, `PR` 855, `SH` 856, `IN` 810, `IB` 846. */
	functionalId: string;
	/** GS02 / GS03: application sender and receiver codes. */
	senderCode: string;
	receiverCode: string;
	/** GS04 CCYYMMDD, GS05 HHMM[SS]. */
	date: string;
	time: string;
	/** GS06. */
	controlNumber: string;
	/** GS08: `004010`, `005010`... */
	version: string;
	transactionSets: X12TransactionSet[];
	/** Envelope problems of the group (GE count, GS/GE control numbers); empty when none. */
	problems: X12Problem[];
}

export interface X12Interchange {
	separators: X12Separators;
	header: X12InterchangeHeader;
	groups: X12Group[];
}

/**
 * An interchange that cannot be read at all (no ISA, a broken ISA, no IEA, IEA not matching):
 * nothing of it can be acknowledged by transaction set. `segment` is the 1-based position (ISA = 1),
 * `element` the element name (`ISA13`).
 */
export class X12FormatError extends Error {
	constructor(
		message: string,
		readonly segment: number,
		readonly element?: string,
	) {
		super(message);
		this.name = 'X12FormatError';
	}
}

/** A document that cannot be written as given (a value with a separator in it, a bad control number). */
export class X12WriteError extends InvalidInputError {
	constructor(message: string, path: string) {
		super(message, path);
		this.name = 'X12WriteError';
	}
}
