/**
 * Amazon retail 860 Purchase Order Change Request - Buyer Initiated (X12 4010), Amazon -> vendor (for
 * vendors Amazon enabled for it). Pure data.
 */
import type { X12TransactionGuide } from '../../x12/guideTypes';
import { envelope, partyLoop, RETRIEVED } from './common';
import { loop, segment } from './dictionary';

const [ST, SE] = envelope('860');

export const AMAZON_860: X12TransactionGuide = {
	transactionSet: '860',
	functionalId: 'PC',
	version: '004010',
	source: {
		title:
			'ASC X12 004010 860 Purchase Order Change Request - Buyer Initiated (no Amazon guide found)',
		url: 'https://www.stedi.com/edi/x12',
		retrieved: RETRIEVED,
		coverage:
			"No public Amazon retail 860 guide was found (Stedi's Amazon guides read on this day cover " +
			'850, 855, 856, 810, 820, 846 and 753). This is the X12 4010 860 frame with what the 850 guide ' +
			'uses: ST, BCH required, the heading segments of the 850 (REF, FOB, CSH, DTM, PKG, the N9 and ' +
			'N1 loops) optional, the POC loop (POC, CTP, PID) and the CTT loop optional. Nothing is ' +
			'required past what X12 requires and no code list is restricted.',
	},
	structure: [
		ST,
		segment('BCH', 'M', 1),
		segment('CUR', 'O', 1),
		segment('REF', 'O', 99),
		segment('FOB', 'O', 1),
		segment('CSH', 'O', 5),
		segment('DTM', 'O', 10),
		segment('PKG', 'O', 200),
		loop('N9', 'O', 1000, [segment('N9', 'M', 1), segment('MSG', 'O', 1000)]),
		partyLoop(),
		loop('POC', 'O', 100000, [
			segment('POC', 'M', 1),
			loop('CTP', 'O', 25, [segment('CTP', 'M', 1)]),
			loop('PID', 'O', 1000, [segment('PID', 'M', 1)]),
		]),
		loop('CTT', 'O', 1, [segment('CTT', 'M', 1), segment('AMT', 'O', 1)]),
		SE,
	],
};
