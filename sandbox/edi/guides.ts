/**
 * What the sandbox checks in the vendor's documents, as data: the segments each transaction set
 * must and may carry and the rules of their elements, after Stedi's public Amazon retail guides
 * (Amazon's own guides are not public). Read on 2026-12-07; only the parts the sandbox checks are
 * encoded. Segment order and loop nesting are not checked; each segment id is checked wherever it
 * stands, and a segment the guide does not list is an unexpected segment (997 AK3 code 2).
 *
 * Sources:
 * - 855: Stedi, Amazon Retail Purchase Order Acknowledgment (X12 4010),
 *   https://www.stedi.com/app/guides/view/amazon/retail-purchase-order-acknowledgment/01H25HYSGSFKB0P1G99H31K9YP
 * - 856: Stedi, Amazon Retail Ship Notice/Manifest (X12 5010 "V1", cartons with SSCC), and the 4010 one,
 *   https://www.stedi.com/app/guides/view/amazon/ (the retail-ship-noticemanifest guides)
 * - 810: Stedi, Amazon Retail Invoice (X12 4010), https://www.stedi.com/app/guides/view/amazon/ (retail-invoice);
 *   SAC codes D240 (freight charge) and C310 (discount allowance) only.
 * - 846: Stedi, Amazon Retail Inventory Inquiry/Advice (X12 4010),
 *   https://www.stedi.com/app/guides/view/amazon/retail-inventory-inquiryadvice/01H198XS0XCZQ6RGDAA169AFBY
 * - Element code lists: X12 4010 data elements 353 (purpose), 587 (acknowledgment type), 668 (line item
 *   status), 355 (unit), 235 (product id qualifier), 374 (date qualifier), 673 (quantity qualifier).
 */

export type ElementType = 'ID' | 'AN' | 'N0' | 'R' | 'DT' | 'TM';

export interface ElementRule {
	/** Position in the segment, 1-based. */
	position: number;
	name: string;
	required: boolean;
	type: ElementType;
	min: number;
	max: number;
	codes?: readonly string[];
}

export interface SegmentRule {
	id: string;
	name: string;
	/** At least one occurrence in the transaction set. */
	required: boolean;
	elements: readonly ElementRule[];
}

export interface DocumentGuide {
	/** ST01. */
	type: string;
	/** GS01 of its group. */
	functionalId: string;
	/** GS08 versions accepted. */
	versions: readonly string[];
	title: string;
	source: string;
	segments: readonly SegmentRule[];
}

const el = (
	position: number,
	name: string,
	required: boolean,
	type: ElementType,
	min: number,
	max: number,
	codes?: readonly string[],
): ElementRule => ({ position, name, required, type, min, max, codes });

/** X12 355 units the Amazon guides use. */
export const UNITS = ['EA', 'CA'] as const;
/** X12 235 product identifier qualifiers of the Amazon guides: ASIN (BP), vendor item (VN), EAN, UPC, ISBN. */
export const PRODUCT_QUALIFIERS = ['BP', 'VN', 'EN', 'UP', 'IB', 'UK'] as const;

const PRODUCT_PAIRS = (first: number): ElementRule[] =>
	[0, 1, 2].flatMap((i) => [
		el(first + i * 2, 'Product/Service ID Qualifier', i === 0, 'ID', 2, 2, PRODUCT_QUALIFIERS),
		el(first + i * 2 + 1, 'Product/Service ID', i === 0, 'AN', 1, 48),
	]);

const N1: SegmentRule = {
	id: 'N1',
	name: 'Name',
	required: false,
	elements: [
		el(1, 'Entity Identifier Code', true, 'ID', 2, 3, ['ST', 'SF', 'VN', 'BT', 'RI', 'BY', 'SU']),
		el(2, 'Name', false, 'AN', 1, 60),
		el(3, 'Identification Code Qualifier', false, 'ID', 1, 2),
		el(4, 'Identification Code', false, 'AN', 2, 80),
	],
};

/**
 * Line item status codes (X12 668) the sandbox maps to the SP-API's acknowledgement codes and
 * rejection reasons. IA, IB and IR are the codes of Stedi's Amazon 855; R2 and R4 are X12 4010's
 * "Item Rejected, Invalid Item Product Number" and "Item Rejected, Contract Item not Available".
 */
export const ACK_CODES: Record<
	string,
	{
		acknowledgementCode: 'Accepted' | 'Backordered' | 'Rejected';
		rejectionReason?: 'TemporarilyUnavailable' | 'InvalidProductIdentifier' | 'ObsoleteProduct';
	}
> = {
	IA: { acknowledgementCode: 'Accepted' },
	IB: { acknowledgementCode: 'Backordered' },
	IR: { acknowledgementCode: 'Rejected', rejectionReason: 'TemporarilyUnavailable' },
	R2: { acknowledgementCode: 'Rejected', rejectionReason: 'InvalidProductIdentifier' },
	R4: { acknowledgementCode: 'Rejected', rejectionReason: 'ObsoleteProduct' },
};

export const GUIDE_855: DocumentGuide = {
	type: '855',
	functionalId: 'PR',
	versions: ['004010'],
	title: 'Stedi, Amazon Retail Purchase Order Acknowledgment (X12 4010)',
	source:
		'https://www.stedi.com/app/guides/view/amazon/retail-purchase-order-acknowledgment/01H25HYSGSFKB0P1G99H31K9YP',
	segments: [
		{
			id: 'BAK',
			name: 'Beginning Segment for Purchase Order Acknowledgment',
			required: true,
			elements: [
				el(1, 'Transaction Set Purpose Code', true, 'ID', 2, 2, ['00']),
				el(2, 'Acknowledgment Type', true, 'ID', 2, 2, ['AC', 'AD']),
				el(3, 'Purchase Order Number', true, 'AN', 1, 22),
				el(4, 'Date', true, 'DT', 8, 8),
			],
		},
		N1,
		{
			id: 'PO1',
			name: 'Baseline Item Data',
			required: true,
			elements: [
				el(1, 'Assigned Identification', true, 'AN', 1, 20),
				el(2, 'Quantity Ordered', true, 'R', 1, 15),
				el(3, 'Unit or Basis for Measurement Code', true, 'ID', 2, 2, UNITS),
				el(4, 'Unit Price', true, 'R', 1, 17),
				el(5, 'Basis of Unit Price Code', false, 'ID', 2, 2, ['NT', 'PE']),
				...PRODUCT_PAIRS(6),
			],
		},
		{
			id: 'ACK',
			name: 'Line Item Acknowledgment',
			required: true,
			elements: [
				el(1, 'Line Item Status Code', true, 'ID', 2, 2, Object.keys(ACK_CODES)),
				el(2, 'Quantity', true, 'R', 1, 15),
				el(3, 'Unit or Basis for Measurement Code', true, 'ID', 2, 2, UNITS),
				el(4, 'Date/Time Qualifier', false, 'ID', 3, 3, ['067', '068']),
				el(5, 'Date', false, 'DT', 8, 8),
			],
		},
		{
			id: 'CTT',
			name: 'Transaction Totals',
			required: true,
			elements: [
				el(1, 'Number of Line Items', true, 'N0', 1, 6),
				el(2, 'Hash Total', false, 'R', 1, 10),
			],
		},
	],
};

export const GUIDE_846: DocumentGuide = {
	type: '846',
	functionalId: 'IB',
	versions: ['004010'],
	title: 'Stedi, Amazon Retail Inventory Inquiry/Advice (X12 4010)',
	source:
		'https://www.stedi.com/app/guides/view/amazon/retail-inventory-inquiryadvice/01H198XS0XCZQ6RGDAA169AFBY',
	segments: [
		{
			id: 'BIA',
			name: 'Beginning Segment for Inventory Inquiry/Advice',
			required: true,
			elements: [
				el(1, 'Transaction Set Purpose Code', true, 'ID', 2, 2, ['00']),
				el(2, 'Report Type Code', true, 'ID', 2, 2, ['DD', 'MM', 'MB']),
				el(3, 'Reference Identification', true, 'AN', 1, 30),
				el(4, 'Date', true, 'DT', 8, 8),
				el(5, 'Time', false, 'TM', 4, 8),
			],
		},
		{ ...N1, elements: N1.elements },
		{
			id: 'REF',
			name: 'Reference Identification',
			required: false,
			elements: [
				el(1, 'Reference Identification Qualifier', true, 'ID', 2, 3),
				el(2, 'Reference Identification', false, 'AN', 1, 30),
			],
		},
		{
			id: 'DTM',
			name: 'Date/Time Reference',
			required: false,
			elements: [el(1, 'Date/Time Qualifier', true, 'ID', 3, 3), el(2, 'Date', false, 'DT', 8, 8)],
		},
		{
			id: 'LIN',
			name: 'Item Identification',
			required: true,
			elements: [el(1, 'Assigned Identification', false, 'AN', 1, 20), ...PRODUCT_PAIRS(2)],
		},
		{
			id: 'CTP',
			name: 'Pricing Information',
			required: false,
			elements: [
				el(2, 'Price Identifier Code', false, 'ID', 3, 3),
				el(3, 'Unit Price', false, 'R', 1, 17),
			],
		},
		{
			id: 'QTY',
			name: 'Quantity',
			required: true,
			elements: [
				el(1, 'Quantity Qualifier', true, 'ID', 2, 2, ['33', '17', '72']),
				el(2, 'Quantity', true, 'R', 1, 15),
				el(3, 'Unit or Basis for Measurement Code', false, 'ID', 2, 2, UNITS),
			],
		},
		{
			id: 'CTT',
			name: 'Transaction Totals',
			required: false,
			elements: [el(1, 'Number of Line Items', true, 'N0', 1, 6)],
		},
	],
};

const simple = (
	id: string,
	name: string,
	elements: ElementRule[],
	required = false,
): SegmentRule => ({
	id,
	name,
	required,
	elements,
});

export const GUIDE_856: DocumentGuide = {
	type: '856',
	functionalId: 'SH',
	versions: ['004010', '005010'],
	title: 'Stedi, Amazon Retail Ship Notice/Manifest (X12 5010 "V1", cartons with SSCC; and 4010)',
	source: 'https://www.stedi.com/app/guides/view/amazon/ (the retail ship notice/manifest guides)',
	segments: [
		simple(
			'BSN',
			'Beginning Segment for Ship Notice',
			[
				el(1, 'Transaction Set Purpose Code', true, 'ID', 2, 2, ['00', '05']),
				el(2, 'Shipment Identification', true, 'AN', 2, 30),
				el(3, 'Date', true, 'DT', 8, 8),
				el(4, 'Time', true, 'TM', 4, 8),
				el(5, 'Hierarchical Structure Code', false, 'ID', 4, 4, ['0001', '0002', '0004']),
			],
			true,
		),
		simple(
			'HL',
			'Hierarchical Level',
			[
				el(1, 'Hierarchical ID Number', true, 'AN', 1, 12),
				el(2, 'Hierarchical Parent ID Number', false, 'AN', 1, 12),
				el(3, 'Hierarchical Level Code', true, 'ID', 1, 2, ['S', 'O', 'T', 'P', 'I']),
			],
			true,
		),
		simple('TD1', 'Carrier Details (Quantity and Weight)', [
			el(1, 'Packaging Code', false, 'AN', 3, 5),
			el(2, 'Lading Quantity', false, 'N0', 1, 7),
		]),
		simple('TD5', 'Carrier Details (Routing Sequence/Transit Time)', [
			el(2, 'Identification Code Qualifier', false, 'ID', 1, 2, ['2']),
			el(3, 'Identification Code (SCAC)', false, 'AN', 2, 80),
			el(4, 'Transportation Method/Type Code', false, 'ID', 1, 2, [
				'M',
				'U',
				'L',
				'A',
				'O',
				'T',
				'J',
				'H',
			]),
		]),
		simple('TD3', 'Carrier Details (Equipment)', [
			el(1, 'Equipment Description Code', false, 'ID', 2, 2),
		]),
		simple('REF', 'Reference Identification', [
			el(1, 'Reference Identification Qualifier', true, 'ID', 2, 3, [
				'BM',
				'CN',
				'IA',
				'AO',
				'LO',
				'MB',
			]),
			el(2, 'Reference Identification', true, 'AN', 1, 50),
		]),
		simple('DTM', 'Date/Time Reference', [
			el(1, 'Date/Time Qualifier', true, 'ID', 3, 3, ['011', '017', '067']),
			el(2, 'Date', true, 'DT', 8, 8),
			el(3, 'Time', false, 'TM', 4, 8),
		]),
		{
			...N1,
			elements: [
				el(1, 'Entity Identifier Code', true, 'ID', 2, 3, ['ST', 'SF']),
				...N1.elements.slice(1),
			],
		},
		simple('N3', 'Address Information', [el(1, 'Address Information', true, 'AN', 1, 55)]),
		simple('N4', 'Geographic Location', [el(1, 'City Name', false, 'AN', 2, 30)]),
		simple(
			'PRF',
			'Purchase Order Reference',
			[el(1, 'Purchase Order Number', true, 'AN', 1, 22)],
			true,
		),
		simple('MAN', 'Marks and Numbers', [
			el(1, 'Marks and Numbers Qualifier', true, 'ID', 1, 2, ['GM', 'CP', 'AA']),
			el(2, 'Marks and Numbers', true, 'AN', 1, 48),
		]),
		simple(
			'LIN',
			'Item Identification',
			[el(1, 'Assigned Identification', false, 'AN', 1, 20), ...PRODUCT_PAIRS(2)],
			true,
		),
		simple(
			'SN1',
			'Item Detail (Shipment)',
			[
				el(1, 'Assigned Identification', false, 'AN', 1, 20),
				el(2, 'Number of Units Shipped', true, 'R', 1, 10),
				el(3, 'Unit or Basis for Measurement Code', true, 'ID', 2, 2, UNITS),
			],
			true,
		),
		simple('PO4', 'Item Physical Details', [el(1, 'Pack', false, 'N0', 1, 6)]),
		simple('CTT', 'Transaction Totals', [el(1, 'Number of Line Items', true, 'N0', 1, 6)]),
	],
};

export const GUIDE_810: DocumentGuide = {
	type: '810',
	functionalId: 'IN',
	versions: ['004010'],
	title: 'Stedi, Amazon Retail Invoice (X12 4010)',
	source: 'https://www.stedi.com/app/guides/view/amazon/ (the retail invoice guide)',
	segments: [
		simple(
			'BIG',
			'Beginning Segment for Invoice',
			[
				el(1, 'Invoice Date', true, 'DT', 8, 8),
				el(2, 'Invoice Number', true, 'AN', 1, 22),
				el(3, 'Purchase Order Date', false, 'DT', 8, 8),
				el(4, 'Purchase Order Number', false, 'AN', 1, 22),
				el(7, 'Transaction Type Code', false, 'ID', 2, 2, ['DI', 'CR']),
			],
			true,
		),
		simple(
			'CUR',
			'Currency',
			[
				el(1, 'Entity Identifier Code', true, 'ID', 2, 3, ['SE']),
				el(2, 'Currency Code', true, 'ID', 3, 3),
			],
			true,
		),
		simple('REF', 'Reference Identification', [
			el(1, 'Reference Identification Qualifier', true, 'ID', 2, 3),
			el(2, 'Reference Identification', true, 'AN', 1, 50),
		]),
		{
			...N1,
			elements: [
				el(1, 'Entity Identifier Code', true, 'ID', 2, 3, ['RI', 'ST', 'SF', 'BT']),
				...N1.elements.slice(1),
			],
		},
		simple('N3', 'Address Information', [el(1, 'Address Information', true, 'AN', 1, 55)]),
		simple('N4', 'Geographic Location', [el(1, 'City Name', false, 'AN', 2, 30)]),
		simple('ITD', 'Terms of Sale/Deferred Terms of Sale', [
			el(1, 'Terms Type Code', false, 'ID', 2, 2, ['01', '05', '08', '14']),
			el(3, 'Terms Discount Percent', false, 'R', 1, 6),
			el(5, 'Terms Discount Days Due', false, 'N0', 1, 3),
			el(7, 'Terms Net Days', false, 'N0', 1, 3),
		]),
		simple('DTM', 'Date/Time Reference', [
			el(1, 'Date/Time Qualifier', true, 'ID', 3, 3),
			el(2, 'Date', false, 'DT', 8, 8),
		]),
		simple(
			'IT1',
			'Baseline Item Data (Invoice)',
			[
				el(1, 'Assigned Identification', true, 'N0', 1, 6),
				el(2, 'Quantity Invoiced', true, 'R', 1, 10),
				el(3, 'Unit or Basis for Measurement Code', true, 'ID', 2, 2, UNITS),
				el(4, 'Unit Price', true, 'R', 1, 17),
				el(5, 'Basis of Unit Price Code', false, 'ID', 2, 2, ['NT', 'PE']),
				...PRODUCT_PAIRS(6).map((r) =>
					r.codes ? { ...r, codes: [...PRODUCT_QUALIFIERS, 'PO'] } : r,
				),
			],
			true,
		),
		simple('PO4', 'Item Physical Details', [el(1, 'Pack', false, 'N0', 1, 6)]),
		simple(
			'TDS',
			'Total Monetary Value Summary',
			[el(1, 'Amount (cents)', true, 'N0', 1, 15)],
			true,
		),
		simple('SAC', 'Service, Promotion, Allowance, or Charge Information', [
			el(1, 'Allowance or Charge Indicator', true, 'ID', 1, 1, ['A', 'C']),
			el(2, 'Service, Promotion, Allowance, or Charge Code', true, 'ID', 4, 4, ['D240', 'C310']),
			el(5, 'Amount (cents)', true, 'N0', 1, 15),
		]),
		simple('CTT', 'Transaction Totals', [el(1, 'Number of Line Items', true, 'N0', 1, 6)]),
	],
};

export const GUIDES: Record<string, DocumentGuide> = {
	'810': GUIDE_810,
	'855': GUIDE_855,
	'856': GUIDE_856,
	'846': GUIDE_846,
};
