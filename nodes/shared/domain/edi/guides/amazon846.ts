/**
 * Amazon retail 846 Inventory Inquiry/Advice (X12 4010), vendor -> Amazon (stock and cost, the
 * retail path to Amazon for availability), as Stedi publishes it. Pure data.
 */
import type { X12TransactionGuide } from '../../x12/guideTypes';
import { envelope, partyLoop, RETRIEVED } from './common';
import { loop, segment } from './dictionary';

const [ST, SE] = envelope('846');

export const AMAZON_846: X12TransactionGuide = {
	transactionSet: '846',
	functionalId: 'IB',
	version: '004010',
	source: {
		title: 'Stedi, Amazon, X12 846 Retail Inventory Inquiry/Advice (X12 Release 4010)',
		url:
			'https://www.stedi.com/app/guides/view/amazon/retail-inventory-inquiryadvice/' +
			'01H198XS0XCZQ6RGDAA169AFBY',
		retrieved: RETRIEVED,
		coverage:
			'Read: the heading (ST, BIA required, N1 loop) and the sample name "Retail Cost And ' +
			'Inventory". Not read: the detail and summary. They are encoded as X12 4010 846 has them, ' +
			'with nothing required beyond what X12 requires: the LIN loop (LIN, PID, CTP for the cost, ' +
			'the QTY loop for the quantities), CTT optional. No code list is restricted; element types ' +
			"and lengths are X12 4010's.",
	},
	structure: [
		ST,
		segment('BIA', 'M', 1),
		segment('CUR', 'O', 1),
		segment('REF', 'O', 12),
		segment('DTM', 'O', 10),
		partyLoop(),
		loop('LIN', 'M', 10000, [
			segment('LIN', 'M', 1),
			segment('PID', 'O', 1000),
			segment('CTP', 'O', 25),
			loop('QTY', 'O', 99999, [segment('QTY', 'M', 1), segment('DTM', 'O', 10)]),
		]),
		segment('CTT', 'O', 1),
		SE,
	],
};
