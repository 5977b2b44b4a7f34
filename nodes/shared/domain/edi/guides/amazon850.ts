/**
 * Amazon retail 850 Purchase Order (X12 4010), Amazon -> vendor, as Stedi publishes it. Pure data.
 */
import type { X12TransactionGuide } from '../../x12/guideTypes';
import { envelope, partyLoop, RETRIEVED } from './common';
import { loop, segment } from './dictionary';

const [ST, SE] = envelope('850');

export const AMAZON_850: X12TransactionGuide = {
	transactionSet: '850',
	functionalId: 'PO',
	version: '004010',
	source: {
		title: 'Stedi, Amazon, X12 850 Retail Purchase Order (X12 Release 4010)',
		url: 'https://www.stedi.com/app/guides/view/amazon/retail-purchase-order/01H198YB452FFCV3251J95W2RW',
		retrieved: RETRIEVED,
		coverage:
			'Read: the sample name "Retail Direct Import", the heading as the guide lists it (ST; BEG; ' +
			'REF Associated Purchase Orders optional, ' +
			'REF Customer Reference Number required, REF Promotion/Deal Number optional, max use 1 each; ' +
			'FOB optional; CSH required, max use 5; DTM Do Not Deliver After and DTM Do Not Deliver ' +
			'Before, both required, max use 10; PKG optional, max use 200; the N9 loop with MSG and the N1 ' +
			'loop), the detail PO1 loop and the summary. ECGrid publishes the same Amazon specification ' +
			'(https://support.ecgrid.com/support/solutions/articles/6000285041-amazon-850-retail-purchase-' +
			'order-specifications): N9 loop max 1000 with MSG max 1000. Not read: the element tables ' +
			"(element types and lengths here are X12 4010's, see dictionary.ts), the segments inside the " +
			'N1 and PO1 loops past their first segment (N2, N3, N4, CTP and PID are allowed as optional, as ' +
			"in X12 4010), the loops' usage and repetitions (written as optional, X12 4010 maxima), and the " +
			'code lists past the REF and DTM qualifiers that the segment names give (AN, CR, PD; 063, 064). ' +
			'Allowed beyond what was read, both optional and in X12 4010 order: CUR after BEG (the currency ' +
			'of non-US marketplaces) and PO4 in the PO1 loop (the pack of a line ordered in cases); neither ' +
			'is required of Amazon. The guide names two required DTMs, Do Not Deliver After (063) and Do ' +
			"Not Deliver Before (064); a purchase order whose window is a ship window (the SP-API's " +
			'shipWindow, when Amazon arranges the freight) carries Ship Not Before (037) and Ship No Later ' +
			'(038) instead (X12 4010 codes), so the DTMs are one rule here: at least one, any of the four ' +
			'codes, in any order.',
	},
	structure: [
		ST,
		segment('BEG', 'M', 1),
		segment('CUR', 'O', 1),
		segment('REF', 'O', 1, { name: 'Associated Purchase Orders', codes: { REF01: ['AN'] } }),
		segment('REF', 'M', 1, { name: 'Customer Reference Number', codes: { REF01: ['CR'] } }),
		segment('REF', 'O', 1, { name: 'Promotion/Deal Number', codes: { REF01: ['PD'] } }),
		segment('FOB', 'O', 1),
		segment('CSH', 'M', 5),
		// One rule for the window's DTMs, in any order: the delivery window (063, 064) of the guide,
		// or the ship window (037, 038) Amazon gives instead when it arranges the freight.
		segment('DTM', 'M', 10, {
			name: 'Delivery or Ship Window',
			codes: { DTM01: ['063', '064', '037', '038'] },
		}),
		segment('PKG', 'O', 200),
		loop('N9', 'O', 1000, [segment('N9', 'M', 1), segment('MSG', 'O', 1000)]),
		partyLoop(),
		loop('PO1', 'M', 100000, [
			segment('PO1', 'M', 1),
			loop('CTP', 'O', 25, [segment('CTP', 'M', 1)]),
			loop('PID', 'O', 1000, [segment('PID', 'M', 1)]),
			segment('PO4', 'O', 1),
		]),
		loop('CTT', 'O', 1, [segment('CTT', 'M', 1), segment('AMT', 'O', 1)]),
		SE,
	],
};
