/**
 * Amazon retail 855 Purchase Order Acknowledgment (X12 4010), vendor -> Amazon, as Stedi publishes
 * it. Pure data.
 */
import type { X12TransactionGuide } from '../../x12/guideTypes';
import { envelope, qualifierRefs, RETRIEVED, sameCodes } from './common';
import { loop, segment } from './dictionary';

const [ST, SE] = envelope('855');

/** The product id qualifiers the guide lists for PO1 (the 850 carries the same ones). */
export const PRODUCT_QUALIFIERS_855 = ['BP', 'EN', 'IB', 'UK', 'UP', 'VN', 'VP'] as const;

export const AMAZON_855: X12TransactionGuide = {
	transactionSet: '855',
	functionalId: 'PR',
	version: '004010',
	source: {
		title: 'Stedi, Amazon, X12 855 Retail Purchase Order Acknowledgment (X12 Release 4010)',
		url:
			'https://www.stedi.com/app/guides/view/amazon/retail-purchase-order-acknowledgment/' +
			'01H25HYSGSFKB0P1G99H31K9YP',
		retrieved: RETRIEVED,
		coverage:
			'Read: the outline (heading ST and BAK; detail PO1 loop required, with the ACK loop required ' +
			'inside it; summary CTT loop; SE), BAK02 codes AC and AD, the PO1 product id qualifiers (BP, ' +
			'EN, IB, UK, UP, VN, VP), the CTP price identifier codes (DPR, LPR, NET, SLP) with its composite ' +
			'unit of measure required, and ACK01 IA, IB, IR (the research notes of issue 17 on the same ' +
			"guide). Not read: the element tables (types and lengths here are X12 4010's), the usage of " +
			"CTP (written as optional), the other ACK elements' codes and the reject reason codes, and " +
			"the loops' repetitions (X12 4010 maxima).",
	},
	structure: [
		ST,
		segment('BAK', 'M', 1, { codes: { BAK02: ['AC', 'AD'] } }),
		loop('PO1', 'M', 100000, [
			segment('PO1', 'M', 1, {
				codes: sameCodes(qualifierRefs('PO1', 6, 10), PRODUCT_QUALIFIERS_855),
			}),
			loop('CTP', 'O', 25, [
				segment('CTP', 'M', 1, {
					codes: { CTP02: ['DPR', 'LPR', 'NET', 'SLP'] },
					usage: { CTP05: 'M' },
				}),
			]),
			loop('ACK', 'M', 104, [segment('ACK', 'M', 1, { codes: { ACK01: ['IA', 'IB', 'IR'] } })]),
		]),
		loop('CTT', 'M', 1, [segment('CTT', 'M', 1), segment('AMT', 'O', 1)]),
		SE,
	],
};
