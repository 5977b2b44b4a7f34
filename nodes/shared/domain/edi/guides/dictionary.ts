/**
 * The X12 4010 segments the Amazon guides use, as the standard defines them: each element's usage,
 * type and lengths, and each segment's syntax rules (`P0607`: paired, `C0302`: if PO103 then PO102,
 * `R0203`, `E0204`, `L03040513`). A guide takes a segment from here with `segment()` and narrows it
 * (its usage, max use, the codes it allows, elements it makes mandatory), as the guide says.
 *
 * Source of the definitions: the ASC X12 004010 element dictionary as Stedi's X12 reference
 * (https://www.stedi.com/edi/x12-004010) publishes it; `version: '005010'` applies the 5010
 * differences of the segments used here (for5010).
 *
 * Pure data and its builders: no n8n imports.
 */
import type {
	X12Condition,
	X12ElementRule,
	X12ElementType,
	X12LoopRule,
	X12SegmentRule,
	X12Usage,
} from '../../x12/guideTypes';

/** usage, type, min, max, name[, composite id]. */
type ElementSpec = readonly [X12Usage, X12ElementType, number, number, string, string?];

interface SegmentSpec {
	name: string;
	elements: readonly ElementSpec[];
	/** X12 syntax notes: the kind letter, then two-digit element positions. */
	syntax?: readonly string[];
}

const ID = 'Product/Service ID';
const QUALIFIER = 'Product/Service ID Qualifier';

/** `count` qualifier / id pairs, both conditional: the product ids of PO1, IT1, LIN, POC, ACK. */
function productPairs(count: number): ElementSpec[] {
	const pairs: ElementSpec[] = [];
	for (let i = 0; i < count; i++) pairs.push(['C', 'ID', 2, 2, QUALIFIER], ['C', 'AN', 1, 48, ID]);
	return pairs;
}

/** The P notes of qualifier / id pairs starting at element `first`. */
function pairedNotes(first: number, count: number): string[] {
	const notes: string[] = [];
	for (let i = 0; i < count; i++) notes.push(`P${two(first + 2 * i)}${two(first + 2 * i + 1)}`);
	return notes;
}

const two = (n: number) => String(n).padStart(2, '0');

const COMPOSITES: Record<string, readonly ElementSpec[]> = {
	/** C001 Composite Unit of Measure: the unit, then exponent and multiplier, five times. */
	C001: [1, 2, 3, 4, 5].flatMap((n): ElementSpec[] => [
		[n === 1 ? 'M' : 'C', 'ID', 2, 2, 'Unit or Basis for Measurement Code'],
		['O', 'R', 1, 15, 'Exponent'],
		['O', 'R', 1, 10, 'Multiplier'],
	]),
	/** C040 Reference Identifier: three qualifier / reference pairs. */
	C040: [1, 2, 3].flatMap((n): ElementSpec[] => [
		[n === 1 ? 'M' : 'C', 'ID', 2, 3, 'Reference Identification Qualifier'],
		[n === 1 ? 'M' : 'C', 'AN', 1, 30, 'Reference Identification'],
	]),
	/** C030 Position in Segment (997 AK401). */
	C030: [
		['M', 'N0', 1, 2, 'Element Position in Segment'],
		['O', 'N0', 1, 2, 'Component Data Element Position in Composite'],
	],
};

const UNIT = 'Unit or Basis for Measurement Code';
const DATE_QUALIFIER = 'Date/Time Qualifier';
const ENTITY = 'Entity Identifier Code';
const REF_QUALIFIER = 'Reference Identification Qualifier';
const REFERENCE = 'Reference Identification';
const AMOUNT = 'Monetary Amount';

const SEGMENTS: Record<string, SegmentSpec> = {
	ST: {
		name: 'Transaction Set Header',
		elements: [
			['M', 'ID', 3, 3, 'Transaction Set Identifier Code'],
			['M', 'AN', 4, 9, 'Transaction Set Control Number'],
		],
	},
	SE: {
		name: 'Transaction Set Trailer',
		elements: [
			['M', 'N0', 1, 10, 'Number of Included Segments'],
			['M', 'AN', 4, 9, 'Transaction Set Control Number'],
		],
	},
	BEG: {
		name: 'Beginning Segment for Purchase Order',
		elements: [
			['M', 'ID', 2, 2, 'Transaction Set Purpose Code'],
			['M', 'ID', 2, 2, 'Purchase Order Type Code'],
			['M', 'AN', 1, 22, 'Purchase Order Number'],
			['O', 'AN', 1, 30, 'Release Number'],
			['M', 'DT', 8, 8, 'Date'],
			['O', 'AN', 1, 30, 'Contract Number'],
			['O', 'ID', 2, 2, 'Acknowledgment Type'],
			['O', 'ID', 3, 3, 'Invoice Type Code'],
			['O', 'ID', 2, 2, 'Contract Type Code'],
			['O', 'ID', 2, 2, 'Purchase Category'],
			['O', 'ID', 2, 2, 'Security Level Code'],
			['O', 'ID', 2, 2, 'Transaction Type Code'],
		],
	},
	BCH: {
		name: 'Beginning Segment for Purchase Order Change',
		elements: [
			['M', 'ID', 2, 2, 'Transaction Set Purpose Code'],
			['M', 'ID', 2, 2, 'Purchase Order Type Code'],
			['M', 'AN', 1, 22, 'Purchase Order Number'],
			['O', 'AN', 1, 30, 'Release Number'],
			['O', 'AN', 1, 8, 'Change Order Sequence Number'],
			['M', 'DT', 8, 8, 'Date'],
			['O', 'AN', 1, 45, 'Request Reference Number'],
			['O', 'AN', 1, 30, 'Contract Number'],
			['O', 'AN', 1, 30, REFERENCE],
			['O', 'DT', 8, 8, 'Date'],
			['O', 'DT', 8, 8, 'Date'],
			['O', 'ID', 2, 2, 'Contract Type Code'],
			['O', 'ID', 2, 2, 'Security Level Code'],
			['O', 'ID', 2, 2, 'Transaction Type Code'],
		],
	},
	BAK: {
		name: 'Beginning Segment for Purchase Order Acknowledgment',
		elements: [
			['M', 'ID', 2, 2, 'Transaction Set Purpose Code'],
			['M', 'ID', 2, 2, 'Acknowledgment Type'],
			['M', 'AN', 1, 22, 'Purchase Order Number'],
			['M', 'DT', 8, 8, 'Date'],
			['O', 'AN', 1, 30, 'Release Number'],
			['O', 'AN', 1, 45, 'Request Reference Number'],
			['O', 'AN', 1, 30, 'Contract Number'],
			['O', 'AN', 1, 30, REFERENCE],
			['O', 'DT', 8, 8, 'Date'],
			['O', 'ID', 2, 2, 'Transaction Type Code'],
		],
	},
	BSN: {
		name: 'Beginning Segment for Ship Notice',
		elements: [
			['M', 'ID', 2, 2, 'Transaction Set Purpose Code'],
			['M', 'AN', 2, 30, 'Shipment Identification'],
			['M', 'DT', 8, 8, 'Date'],
			['M', 'TM', 4, 8, 'Time'],
			['O', 'ID', 4, 4, 'Hierarchical Structure Code'],
			['C', 'ID', 2, 2, 'Transaction Type Code'],
			['O', 'ID', 3, 3, 'Status Reason Code'],
		],
		syntax: ['C0706'],
	},
	BIG: {
		name: 'Beginning Segment for Invoice',
		elements: [
			['M', 'DT', 8, 8, 'Date'],
			['M', 'AN', 1, 22, 'Invoice Number'],
			['O', 'DT', 8, 8, 'Date'],
			['O', 'AN', 1, 22, 'Purchase Order Number'],
			['O', 'AN', 1, 30, 'Release Number'],
			['O', 'AN', 1, 8, 'Change Order Sequence Number'],
			['O', 'ID', 2, 2, 'Transaction Type Code'],
			['O', 'ID', 2, 2, 'Transaction Set Purpose Code'],
			['O', 'ID', 1, 2, 'Action Code'],
			['O', 'AN', 1, 22, 'Invoice Number'],
		],
	},
	BIA: {
		name: 'Beginning Segment for Inventory Inquiry/Advice',
		elements: [
			['M', 'ID', 2, 2, 'Transaction Set Purpose Code'],
			['M', 'ID', 2, 2, 'Report Type Code'],
			['M', 'AN', 1, 30, REFERENCE],
			['M', 'DT', 8, 8, 'Date'],
			['O', 'TM', 4, 8, 'Time'],
			['O', 'ID', 1, 2, 'Action Code'],
		],
	},
	BPR: {
		name: 'Beginning Segment for Payment Order/Remittance Advice',
		elements: [
			['M', 'ID', 1, 2, 'Transaction Handling Code'],
			['M', 'R', 1, 18, AMOUNT],
			['M', 'ID', 1, 1, 'Credit/Debit Flag Code'],
			['M', 'ID', 3, 3, 'Payment Method Code'],
			['O', 'ID', 1, 10, 'Payment Format Code'],
			['C', 'ID', 2, 2, '(DFI) ID Number Qualifier'],
			['C', 'AN', 3, 12, '(DFI) Identification Number'],
			['O', 'ID', 1, 3, 'Account Number Qualifier'],
			['C', 'AN', 1, 35, 'Account Number'],
			['O', 'AN', 10, 10, 'Originating Company Identifier'],
			['O', 'AN', 9, 9, 'Originating Company Supplemental Code'],
			['C', 'ID', 2, 2, '(DFI) ID Number Qualifier'],
			['C', 'AN', 3, 12, '(DFI) Identification Number'],
			['O', 'ID', 1, 3, 'Account Number Qualifier'],
			['C', 'AN', 1, 35, 'Account Number'],
			['O', 'DT', 8, 8, 'Date'],
			['O', 'ID', 1, 3, 'Business Function Code'],
			['C', 'ID', 2, 2, '(DFI) ID Number Qualifier'],
			['C', 'AN', 3, 12, '(DFI) Identification Number'],
			['O', 'ID', 1, 3, 'Account Number Qualifier'],
			['C', 'AN', 1, 35, 'Account Number'],
		],
		syntax: ['P0607', 'C0809', 'P1213', 'C1415', 'P1819', 'C2021'],
	},
	TRN: {
		name: 'Trace',
		elements: [
			['M', 'ID', 1, 2, 'Trace Type Code'],
			['M', 'AN', 1, 30, REFERENCE],
			['O', 'AN', 10, 10, 'Originating Company Identifier'],
			['O', 'AN', 1, 30, REFERENCE],
		],
	},
	PO4: {
		name: 'Item Physical Details',
		elements: [
			['O', 'N0', 1, 6, 'Pack'],
			['C', 'R', 1, 8, 'Size'],
			['C', 'ID', 2, 2, 'Unit or Basis for Measurement Code'],
			['C', 'AN', 3, 5, 'Packaging Code'],
			['C', 'ID', 1, 2, 'Weight Qualifier'],
			['C', 'R', 1, 9, 'Gross Weight per Pack'],
			['C', 'ID', 2, 2, 'Unit or Basis for Measurement Code'],
			['C', 'R', 1, 9, 'Gross Volume per Pack'],
			['C', 'ID', 2, 2, 'Unit or Basis for Measurement Code'],
			['C', 'R', 1, 8, 'Length'],
			['C', 'R', 1, 8, 'Width'],
			['C', 'R', 1, 8, 'Height'],
			['C', 'ID', 2, 2, 'Unit or Basis for Measurement Code'],
			['O', 'N0', 1, 6, 'Inner Pack'],
		],
	},
	CUR: {
		name: 'Currency',
		elements: [
			['M', 'ID', 2, 3, ENTITY],
			['M', 'ID', 3, 3, 'Currency Code'],
			['O', 'R', 4, 10, 'Exchange Rate'],
			['O', 'ID', 2, 3, ENTITY],
			['O', 'ID', 3, 3, 'Currency Code'],
			['O', 'ID', 3, 3, 'Currency Market/Exchange Code'],
			['C', 'ID', 3, 3, DATE_QUALIFIER],
			['C', 'DT', 8, 8, 'Date'],
			['C', 'TM', 4, 8, 'Time'],
		],
	},
	REF: {
		name: 'Reference Identification',
		elements: [
			['M', 'ID', 2, 3, REF_QUALIFIER],
			['C', 'AN', 1, 30, REFERENCE],
			['C', 'AN', 1, 80, 'Description'],
			['O', 'AN', 1, 30, 'Reference Identifier', 'C040'],
		],
		syntax: ['R0203'],
	},
	FOB: {
		name: 'F.O.B. Related Instructions',
		elements: [
			['M', 'ID', 2, 2, 'Shipment Method of Payment'],
			['C', 'ID', 1, 2, 'Location Qualifier'],
			['O', 'AN', 1, 80, 'Description'],
			['O', 'ID', 2, 2, 'Transportation Terms Qualifier Code'],
			['C', 'ID', 3, 3, 'Transportation Terms Code'],
			['C', 'ID', 1, 2, 'Location Qualifier'],
			['O', 'AN', 1, 80, 'Description'],
			['O', 'ID', 2, 2, 'Risk of Loss Code'],
			['C', 'AN', 1, 80, 'Description'],
		],
		syntax: ['C0302', 'C0405', 'C0706', 'C0809'],
	},
	CSH: {
		name: 'Sales Requirements',
		elements: [
			['O', 'ID', 1, 2, 'Sales Requirement Code'],
			['C', 'ID', 1, 2, 'Action Code'],
			['C', 'R', 1, 15, AMOUNT],
			['C', 'AN', 1, 35, 'Account Number'],
			['O', 'DT', 8, 8, 'Date'],
			['O', 'ID', 2, 2, 'Agency Qualifier Code'],
			['O', 'ID', 2, 10, 'Special Services Code'],
			['O', 'ID', 1, 2, 'Product/Service Substitution Code'],
			['O', 'R', 1, 6, 'Percent'],
			['C', 'ID', 1, 2, 'Percent Qualifier'],
		],
	},
	ITD: {
		name: 'Terms of Sale/Deferred Terms of Sale',
		elements: [
			['O', 'ID', 2, 2, 'Terms Type Code'],
			['O', 'ID', 1, 2, 'Terms Basis Date Code'],
			['O', 'R', 1, 6, 'Terms Discount Percent'],
			['C', 'DT', 8, 8, 'Terms Discount Due Date'],
			['C', 'N0', 1, 3, 'Terms Discount Days Due'],
			['O', 'DT', 8, 8, 'Terms Net Due Date'],
			['O', 'N0', 1, 3, 'Terms Net Days'],
			['O', 'N2', 1, 10, 'Terms Discount Amount'],
			['O', 'DT', 8, 8, 'Terms Deferred Due Date'],
			['C', 'N2', 1, 10, 'Deferred Amount Due'],
			['C', 'R', 1, 5, 'Percent of Invoice Payable'],
			['O', 'AN', 1, 80, 'Description'],
			['C', 'N0', 1, 2, 'Day of Month'],
			['O', 'ID', 1, 2, 'Payment Method Code'],
			['O', 'R', 1, 10, 'Percent'],
		],
		syntax: ['L03040513'],
	},
	DTM: {
		name: 'Date/Time Reference',
		elements: [
			['M', 'ID', 3, 3, DATE_QUALIFIER],
			['C', 'DT', 8, 8, 'Date'],
			['C', 'TM', 4, 8, 'Time'],
			['O', 'ID', 2, 2, 'Time Code'],
			['C', 'ID', 2, 3, 'Date Time Period Format Qualifier'],
			['C', 'AN', 1, 35, 'Date Time Period'],
		],
		syntax: ['R020305', 'C0403', 'P0506'],
	},
	PKG: {
		name: 'Marking, Packaging, Loading',
		elements: [
			['C', 'ID', 1, 1, 'Item Description Type'],
			['O', 'ID', 1, 5, 'Packaging Characteristic Code'],
			['C', 'ID', 2, 2, 'Agency Qualifier Code'],
			['C', 'AN', 1, 7, 'Packaging Description Code'],
			['C', 'AN', 1, 80, 'Description'],
			['O', 'ID', 2, 2, 'Unit Load Option Code'],
		],
		syntax: ['R0405'],
	},
	N9: {
		name: 'Reference Identification',
		elements: [
			['M', 'ID', 2, 3, REF_QUALIFIER],
			['C', 'AN', 1, 30, REFERENCE],
			['C', 'AN', 1, 45, 'Free-form Description'],
			['O', 'DT', 8, 8, 'Date'],
			['C', 'TM', 4, 8, 'Time'],
			['O', 'ID', 2, 2, 'Time Code'],
			['O', 'AN', 1, 30, 'Reference Identifier', 'C040'],
		],
		syntax: ['R0203', 'C0605'],
	},
	MSG: {
		name: 'Message Text',
		elements: [
			['M', 'AN', 1, 264, 'Free-Form Message Text'],
			['O', 'ID', 2, 2, 'Printer Carriage Control Code'],
			['C', 'N0', 1, 9, 'Number'],
		],
	},
	NTE: {
		name: 'Note/Special Instruction',
		elements: [
			['O', 'ID', 3, 3, 'Note Reference Code'],
			['M', 'AN', 1, 80, 'Description'],
		],
	},
	N1: {
		name: 'Name',
		elements: [
			['M', 'ID', 2, 3, ENTITY],
			['C', 'AN', 1, 60, 'Name'],
			['C', 'ID', 1, 2, 'Identification Code Qualifier'],
			['C', 'AN', 2, 80, 'Identification Code'],
			['O', 'ID', 2, 2, 'Entity Relationship Code'],
			['O', 'ID', 2, 3, ENTITY],
		],
		syntax: ['R0203', 'P0304'],
	},
	N2: {
		name: 'Additional Name Information',
		elements: [
			['M', 'AN', 1, 60, 'Name'],
			['O', 'AN', 1, 60, 'Name'],
		],
	},
	N3: {
		name: 'Address Information',
		elements: [
			['M', 'AN', 1, 55, 'Address Information'],
			['O', 'AN', 1, 55, 'Address Information'],
		],
	},
	N4: {
		name: 'Geographic Location',
		elements: [
			['O', 'AN', 2, 30, 'City Name'],
			['O', 'ID', 2, 2, 'State or Province Code'],
			['O', 'ID', 3, 15, 'Postal Code'],
			['O', 'ID', 2, 3, 'Country Code'],
			['C', 'ID', 1, 2, 'Location Qualifier'],
			['O', 'AN', 1, 30, 'Location Identifier'],
		],
		syntax: ['C0605'],
	},
	PO1: {
		name: 'Baseline Item Data',
		elements: [
			['O', 'AN', 1, 20, 'Assigned Identification'],
			['C', 'R', 1, 15, 'Quantity Ordered'],
			['O', 'ID', 2, 2, UNIT],
			['C', 'R', 1, 17, 'Unit Price'],
			['O', 'ID', 2, 2, 'Basis of Unit Price Code'],
			...productPairs(10),
		],
		syntax: ['C0302', 'C0504', ...pairedNotes(6, 10)],
	},
	POC: {
		name: 'Line Item Change',
		elements: [
			['O', 'AN', 1, 20, 'Assigned Identification'],
			['M', 'ID', 2, 2, 'Change or Response Type Code'],
			['C', 'R', 1, 15, 'Quantity Ordered'],
			['C', 'R', 1, 9, 'Quantity Left to Receive'],
			['C', 'AN', 1, 20, 'Composite Unit of Measure', 'C001'],
			['C', 'R', 1, 17, 'Unit Price'],
			['O', 'ID', 2, 2, 'Basis of Unit Price Code'],
			...productPairs(10),
		],
		syntax: pairedNotes(8, 10),
	},
	IT1: {
		name: 'Baseline Item Data (Invoice)',
		elements: [
			['O', 'AN', 1, 20, 'Assigned Identification'],
			['C', 'R', 1, 10, 'Quantity Invoiced'],
			['C', 'ID', 2, 2, UNIT],
			['C', 'R', 1, 17, 'Unit Price'],
			['O', 'ID', 2, 2, 'Basis of Unit Price Code'],
			...productPairs(10),
		],
		syntax: ['P020304', ...pairedNotes(6, 10)],
	},
	LIN: {
		name: 'Item Identification',
		elements: [
			['O', 'AN', 1, 20, 'Assigned Identification'],
			['M', 'ID', 2, 2, QUALIFIER],
			['M', 'AN', 1, 48, ID],
			...productPairs(14),
		],
		syntax: pairedNotes(4, 14),
	},
	CTP: {
		name: 'Pricing Information',
		elements: [
			['O', 'ID', 2, 2, 'Class of Trade Code'],
			['C', 'ID', 3, 3, 'Price Identifier Code'],
			['C', 'R', 1, 17, 'Unit Price'],
			['C', 'R', 1, 15, 'Quantity'],
			['C', 'AN', 1, 20, 'Composite Unit of Measure', 'C001'],
			['O', 'ID', 3, 3, 'Price Multiplier Qualifier'],
			['C', 'R', 1, 10, 'Multiplier'],
			['O', 'R', 1, 18, AMOUNT],
			['O', 'ID', 2, 2, 'Basis of Unit Price Code'],
			['O', 'AN', 1, 10, 'Condition Value'],
			['O', 'N0', 1, 2, 'Multiple Price Quantity'],
		],
		syntax: ['P0405', 'C0607'],
	},
	PID: {
		name: 'Product/Item Description',
		elements: [
			['M', 'ID', 1, 1, 'Item Description Type'],
			['O', 'ID', 2, 3, 'Product/Process Characteristic Code'],
			['C', 'ID', 2, 2, 'Agency Qualifier Code'],
			['C', 'AN', 1, 12, 'Product Description Code'],
			['C', 'AN', 1, 80, 'Description'],
			['O', 'ID', 2, 2, 'Surface/Layer/Position Code'],
			['O', 'AN', 1, 15, 'Source Subqualifier'],
			['O', 'ID', 1, 1, 'Yes/No Condition or Response Code'],
			['O', 'ID', 2, 3, 'Language Code'],
		],
		syntax: ['C0403', 'R0405'],
	},
	ACK: {
		name: 'Line Item Acknowledgment',
		elements: [
			['M', 'ID', 2, 2, 'Line Item Status Code'],
			['C', 'R', 1, 15, 'Quantity'],
			['C', 'ID', 2, 2, UNIT],
			['C', 'ID', 3, 3, DATE_QUALIFIER],
			['C', 'DT', 8, 8, 'Date'],
			['O', 'AN', 1, 45, 'Request Reference Number'],
			...productPairs(10),
			['C', 'ID', 1, 3, 'Code List Qualifier Code'],
			['C', 'AN', 1, 30, 'Industry Code'],
		],
		syntax: ['P0203', 'C0405', ...pairedNotes(7, 10), 'P2728'],
	},
	QTY: {
		name: 'Quantity',
		elements: [
			['M', 'ID', 2, 2, 'Quantity Qualifier'],
			['C', 'R', 1, 15, 'Quantity'],
			['O', 'AN', 1, 20, 'Composite Unit of Measure', 'C001'],
			['C', 'AN', 1, 30, 'Free-form Information'],
		],
		syntax: ['R0204', 'E0204'],
	},
	CTT: {
		name: 'Transaction Totals',
		elements: [
			['M', 'N0', 1, 6, 'Number of Line Items'],
			['O', 'R', 1, 10, 'Hash Total'],
			['C', 'R', 1, 10, 'Weight'],
			['C', 'ID', 2, 2, UNIT],
			['C', 'R', 1, 8, 'Volume'],
			['C', 'ID', 2, 2, UNIT],
			['O', 'AN', 1, 80, 'Description'],
		],
		syntax: ['P0304', 'P0506'],
	},
	AMT: {
		name: 'Monetary Amount',
		elements: [
			['M', 'ID', 1, 3, 'Amount Qualifier Code'],
			['M', 'R', 1, 18, AMOUNT],
			['O', 'ID', 1, 1, 'Credit/Debit Flag Code'],
		],
	},
	TDS: {
		name: 'Total Monetary Value Summary',
		elements: [
			['M', 'N2', 1, 15, 'Amount'],
			['O', 'N2', 1, 15, 'Amount'],
			['O', 'N2', 1, 15, 'Amount'],
			['O', 'N2', 1, 15, 'Amount'],
		],
	},
	TXI: {
		name: 'Tax Information',
		elements: [
			['M', 'ID', 2, 2, 'Tax Type Code'],
			['C', 'R', 1, 18, AMOUNT],
			['C', 'R', 1, 10, 'Percent'],
			['C', 'ID', 2, 2, 'Tax Jurisdiction Code Qualifier'],
			['C', 'AN', 1, 10, 'Tax Jurisdiction Code'],
			['C', 'ID', 1, 1, 'Tax Exempt Code'],
			['O', 'ID', 1, 1, 'Relationship Code'],
			['O', 'R', 1, 9, 'Dollar Basis For Percent'],
			['O', 'AN', 1, 20, 'Tax Identification Number'],
			['O', 'AN', 1, 20, 'Assigned Identification'],
		],
		syntax: ['R020306', 'P0405'],
	},
	SAC: {
		name: 'Service, Promotion, Allowance, or Charge Information',
		elements: [
			['M', 'ID', 1, 1, 'Allowance or Charge Indicator'],
			['C', 'ID', 4, 4, 'Service, Promotion, Allowance, or Charge Code'],
			['C', 'ID', 2, 2, 'Agency Qualifier Code'],
			['C', 'AN', 1, 10, 'Agency Service, Promotion, Allowance, or Charge Code'],
			['O', 'N2', 1, 15, 'Amount'],
			['C', 'ID', 1, 1, 'Allowance/Charge Percent Qualifier'],
			['C', 'R', 1, 6, 'Percent'],
			['O', 'R', 1, 9, 'Rate'],
			['C', 'ID', 2, 2, UNIT],
			['C', 'R', 1, 15, 'Quantity'],
			['O', 'R', 1, 15, 'Quantity'],
			['O', 'ID', 2, 2, 'Allowance or Charge Method of Handling Code'],
			['C', 'AN', 1, 30, REFERENCE],
			['O', 'AN', 1, 20, 'Option Number'],
			['C', 'AN', 1, 80, 'Description'],
			['O', 'ID', 2, 3, 'Language Code'],
		],
		syntax: ['R0203', 'P0304', 'P0607', 'P0910'],
	},
	HL: {
		name: 'Hierarchical Level',
		elements: [
			['M', 'AN', 1, 12, 'Hierarchical ID Number'],
			['O', 'AN', 1, 12, 'Hierarchical Parent ID Number'],
			['M', 'ID', 1, 2, 'Hierarchical Level Code'],
			['O', 'ID', 1, 1, 'Hierarchical Child Code'],
		],
	},
	TD1: {
		name: 'Carrier Details (Quantity and Weight)',
		elements: [
			['O', 'AN', 3, 5, 'Packaging Code'],
			['C', 'N0', 1, 7, 'Lading Quantity'],
			['O', 'ID', 1, 1, 'Commodity Code Qualifier'],
			['C', 'AN', 1, 30, 'Commodity Code'],
			['O', 'AN', 1, 50, 'Lading Description'],
			['O', 'ID', 1, 2, 'Weight Qualifier'],
			['C', 'R', 1, 10, 'Weight'],
			['C', 'ID', 2, 2, UNIT],
			['C', 'R', 1, 8, 'Volume'],
			['C', 'ID', 2, 2, UNIT],
		],
		syntax: ['C0102', 'C0304', 'C0607', 'P0708', 'P0910'],
	},
	TD5: {
		name: 'Carrier Details (Routing Sequence/Transit Time)',
		elements: [
			['O', 'ID', 1, 2, 'Routing Sequence Code'],
			['C', 'ID', 1, 2, 'Identification Code Qualifier'],
			['C', 'AN', 2, 80, 'Identification Code'],
			['C', 'ID', 1, 2, 'Transportation Method/Type Code'],
			['C', 'AN', 1, 35, 'Routing'],
			['C', 'ID', 2, 2, 'Shipment/Order Status Code'],
			['O', 'ID', 1, 2, 'Location Qualifier'],
			['C', 'AN', 1, 30, 'Location Identifier'],
			['O', 'ID', 2, 2, 'Transit Direction Code'],
			['O', 'ID', 2, 2, 'Transit Time Direction Qualifier'],
			['C', 'R', 1, 4, 'Transit Time'],
			['C', 'ID', 2, 2, 'Service Level Code'],
			['C', 'ID', 2, 2, 'Service Level Code'],
			['C', 'ID', 2, 2, 'Service Level Code'],
		],
		syntax: ['R0204050612', 'C0203', 'C0708', 'C1011', 'C1312', 'C1413'],
	},
	TD3: {
		name: 'Carrier Details (Equipment)',
		elements: [
			['C', 'ID', 2, 2, 'Equipment Description Code'],
			['O', 'AN', 1, 4, 'Equipment Initial'],
			['C', 'AN', 1, 15, 'Equipment Number'],
			['O', 'ID', 1, 2, 'Weight Qualifier'],
			['C', 'R', 1, 10, 'Weight'],
			['C', 'ID', 2, 2, UNIT],
			['O', 'ID', 1, 1, 'Ownership Code'],
			['O', 'ID', 2, 2, 'Seal Status Code'],
			['O', 'AN', 2, 15, 'Seal Number'],
			['O', 'ID', 4, 4, 'Equipment Type'],
		],
	},
	PRF: {
		name: 'Purchase Order Reference',
		elements: [
			['M', 'AN', 1, 22, 'Purchase Order Number'],
			['O', 'AN', 1, 30, 'Release Number'],
			['O', 'AN', 1, 8, 'Change Order Sequence Number'],
			['O', 'DT', 8, 8, 'Date'],
			['O', 'AN', 1, 20, 'Assigned Identification'],
			['O', 'AN', 1, 30, 'Contract Number'],
			['O', 'ID', 2, 2, 'Purchase Category'],
		],
	},
	MAN: {
		name: 'Marks and Numbers',
		elements: [
			['M', 'ID', 1, 2, 'Marks and Numbers Qualifier'],
			['M', 'AN', 1, 48, 'Marks and Numbers'],
			['O', 'AN', 1, 48, 'Marks and Numbers'],
			['C', 'ID', 1, 2, 'Marks and Numbers Qualifier'],
			['C', 'AN', 1, 48, 'Marks and Numbers'],
			['O', 'AN', 1, 48, 'Marks and Numbers'],
		],
		syntax: ['P0405', 'C0604'],
	},
	SN1: {
		name: 'Item Detail (Shipment)',
		elements: [
			['O', 'AN', 1, 20, 'Assigned Identification'],
			['M', 'R', 1, 10, 'Number of Units Shipped'],
			['M', 'ID', 2, 2, UNIT],
			['O', 'R', 1, 15, 'Quantity Shipped to Date'],
			['C', 'R', 1, 15, 'Quantity Ordered'],
			['C', 'ID', 2, 2, UNIT],
			['O', 'ID', 2, 2, 'Returnable Container Load Make-Up Code'],
			['O', 'ID', 2, 2, 'Line Item Status Code'],
		],
		syntax: ['P0506'],
	},
	ENT: {
		name: 'Entity',
		elements: [
			['O', 'N0', 1, 6, 'Assigned Number'],
			['C', 'ID', 2, 3, ENTITY],
			['C', 'ID', 1, 2, 'Identification Code Qualifier'],
			['C', 'AN', 2, 80, 'Identification Code'],
			['C', 'ID', 2, 3, ENTITY],
			['C', 'ID', 1, 2, 'Identification Code Qualifier'],
			['C', 'AN', 2, 80, 'Identification Code'],
			['C', 'ID', 2, 3, REF_QUALIFIER],
			['C', 'AN', 1, 30, REFERENCE],
		],
		syntax: ['P020304', 'P050607', 'P0809'],
	},
	RMR: {
		name: 'Remittance Advice Accounts Receivable Open Item Reference',
		elements: [
			['C', 'ID', 2, 3, REF_QUALIFIER],
			['C', 'AN', 1, 30, REFERENCE],
			['O', 'ID', 2, 2, 'Payment Action Code'],
			['O', 'R', 1, 18, AMOUNT],
			['O', 'R', 1, 18, AMOUNT],
			['O', 'R', 1, 18, AMOUNT],
			['C', 'ID', 2, 2, 'Adjustment Reason Code'],
			['C', 'R', 1, 18, AMOUNT],
		],
		syntax: ['P0102', 'P0708'],
	},
	ADX: {
		name: 'Adjustment',
		elements: [
			['M', 'R', 1, 18, AMOUNT],
			['M', 'ID', 2, 2, 'Adjustment Reason Code'],
			['C', 'ID', 2, 3, REF_QUALIFIER],
			['C', 'AN', 1, 30, REFERENCE],
		],
		syntax: ['P0304'],
	},
	AK1: {
		name: 'Functional Group Response Header',
		elements: [
			['M', 'ID', 2, 2, 'Functional Identifier Code'],
			['M', 'N0', 1, 9, 'Group Control Number'],
		],
	},
	AK2: {
		name: 'Transaction Set Response Header',
		elements: [
			['M', 'ID', 3, 3, 'Transaction Set Identifier Code'],
			['M', 'AN', 4, 9, 'Transaction Set Control Number'],
		],
	},
	AK3: {
		name: 'Data Segment Note',
		elements: [
			['M', 'ID', 2, 3, 'Segment ID Code'],
			['M', 'N0', 1, 6, 'Segment Position in Transaction Set'],
			['O', 'AN', 1, 6, 'Loop Identifier Code'],
			['O', 'ID', 1, 3, 'Segment Syntax Error Code'],
		],
	},
	AK4: {
		name: 'Data Element Note',
		elements: [
			['M', 'AN', 1, 5, 'Position in Segment', 'C030'],
			['O', 'N0', 1, 4, 'Data Element Reference Number'],
			['M', 'ID', 1, 3, 'Data Element Syntax Error Code'],
			['O', 'AN', 1, 99, 'Copy of Bad Data Element'],
		],
	},
	AK5: {
		name: 'Transaction Set Response Trailer',
		elements: [
			['M', 'ID', 1, 1, 'Transaction Set Acknowledgment Code'],
			['O', 'ID', 1, 3, 'Transaction Set Syntax Error Code'],
			['O', 'ID', 1, 3, 'Transaction Set Syntax Error Code'],
			['O', 'ID', 1, 3, 'Transaction Set Syntax Error Code'],
			['O', 'ID', 1, 3, 'Transaction Set Syntax Error Code'],
			['O', 'ID', 1, 3, 'Transaction Set Syntax Error Code'],
		],
	},
	AK9: {
		name: 'Functional Group Response Trailer',
		elements: [
			['M', 'ID', 1, 1, 'Functional Group Acknowledge Code'],
			['M', 'N0', 1, 6, 'Number of Transaction Sets Included'],
			['M', 'N0', 1, 6, 'Number of Received Transaction Sets'],
			['M', 'N0', 1, 6, 'Number of Accepted Transaction Sets'],
			['O', 'ID', 1, 3, 'Functional Group Syntax Error Code'],
			['O', 'ID', 1, 3, 'Functional Group Syntax Error Code'],
			['O', 'ID', 1, 3, 'Functional Group Syntax Error Code'],
			['O', 'ID', 1, 3, 'Functional Group Syntax Error Code'],
			['O', 'ID', 1, 3, 'Functional Group Syntax Error Code'],
		],
	},
};

/** How a guide narrows a standard segment. */
export interface SegmentUse {
	/** The guide's name for this use (`Customer Reference Number` for REF*CR). */
	name?: string;
	/** The codes the guide allows, by element ref (`BAK02`) or component ref (`CTP05-01`). */
	codes?: Record<string, readonly string[]>;
	/** Elements the guide makes mandatory (or optional), by ref. */
	usage?: Record<string, X12Usage>;
	note?: string;
	/** `005010` adds ST03 (Implementation Convention Reference). */
	version?: string;
}

function element(
	ref: string,
	spec: ElementSpec,
	use: SegmentUse,
	components?: readonly ElementSpec[],
): X12ElementRule {
	const [usage, type, min, max, name, composite] = spec;
	const rule: X12ElementRule = { ref, name, usage: use.usage?.[ref] ?? usage, type, min, max };
	const codes = use.codes?.[ref];
	if (codes) rule.codes = codes;
	const parts = components ?? (composite ? COMPOSITES[composite] : undefined);
	if (parts) rule.components = parts.map((p, i) => element(`${ref}-${two(i + 1)}`, p, use));
	return rule;
}

/** An X12 syntax note (`P0607`) as a condition of the segment `id`. */
function condition(id: string, note: string): X12Condition {
	const elements: string[] = [];
	for (let i = 1; i + 2 <= note.length; i += 2) elements.push(`${id}${note.slice(i, i + 2)}`);
	return { kind: note[0] as X12Condition['kind'], elements };
}

/**
 * The 005010 differences of the segments used here: ST03 added; element 127 (Reference
 * Identification) 1 to 50 characters instead of 30.
 */
function for5010(id: string, specs: ElementSpec[]): void {
	if (id === 'ST') specs.push(['O', 'AN', 1, 35, 'Implementation Convention Reference']);
	if (id === 'REF') specs[1] = ['C', 'AN', 1, 50, REFERENCE];
}

/** A segment of the dictionary, as the guide uses it at one place. */
export function segment(
	id: string,
	usage: X12Usage,
	max: number,
	use: SegmentUse = {},
): X12SegmentRule {
	const spec = SEGMENTS[id];
	if (!spec) throw new Error(`the X12 dictionary has no segment ${id}`);
	const specs: ElementSpec[] = [...spec.elements];
	if (use.version === '005010') for5010(id, specs);
	const elements = specs.map((e, i) => element(`${id}${two(i + 1)}`, e, use));
	const rule: X12SegmentRule = {
		kind: 'segment',
		id,
		name: use.name ?? spec.name,
		usage,
		max,
		elements,
	};
	if (spec.syntax) rule.conditions = spec.syntax.map((note) => condition(id, note));
	if (use.note) rule.note = use.note;
	return rule;
}

/** A loop of segments and inner loops; `hlLevel` for an HL loop selected by HL03. */
export function loop(
	id: string,
	usage: X12Usage,
	max: number,
	children: readonly (X12SegmentRule | X12LoopRule)[],
	extra: { hlLevel?: string; note?: string } = {},
): X12LoopRule {
	return { kind: 'loop', id, usage, max, children, ...extra };
}

/** Every segment id the dictionary defines. */
export const DICTIONARY_SEGMENTS: readonly string[] = Object.keys(SEGMENTS);
