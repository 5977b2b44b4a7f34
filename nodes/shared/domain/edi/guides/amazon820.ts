/**
 * Amazon retail 820 Payment Order/Remittance Advice (X12 4010), Amazon -> vendor, as Stedi publishes
 * it. Pure data.
 */
import type { X12TransactionGuide } from '../../x12/guideTypes';
import { envelope, RETRIEVED } from './common';
import { loop, segment } from './dictionary';

const [ST, SE] = envelope('820');

const adjustment = () =>
	loop('ADX', 'O', 99999, [
		segment('ADX', 'M', 1),
		segment('NTE', 'O', 100),
		segment('REF', 'O', 99),
	]);

export const AMAZON_820: X12TransactionGuide = {
	transactionSet: '820',
	functionalId: 'RA',
	version: '004010',
	source: {
		title: 'Stedi, Amazon, X12 820 Retail Payment Order/Remittance Advice (X12 Release 4010)',
		url:
			'https://www.stedi.com/app/guides/view/amazon/retail-payment-orderremittance-advice/' +
			'01H198X84VSRGY5C191N5B1KQZ',
		retrieved: RETRIEVED,
		coverage:
			'Read: the heading (ST, BPR required, TRN required, DTM required max use 1, the Payee N1 ' +
			'loop), the detail ENT loop and the sample name "Retail". Not read: the element tables (types ' +
			"and lengths here are X12 4010's), the segments of the N1 and ENT loops: they are encoded as " +
			'X12 4010 820 places them and all optional (N1 with N2-N4, REF; ENT with its ADX loop, then the ' +
			'RMR loop with NTE, REF, DTM and its ADX loop), which is what remittance/x12.ts reads. CUR and ' +
			'REF of the heading are allowed as optional, as in X12. No code list is restricted.',
	},
	structure: [
		ST,
		segment('BPR', 'M', 1),
		segment('TRN', 'M', 1),
		segment('CUR', 'O', 1),
		segment('REF', 'O', 99),
		segment('DTM', 'M', 1),
		loop('N1', 'O', 200, [
			segment('N1', 'M', 1),
			segment('N2', 'O', 99),
			segment('N3', 'O', 99),
			segment('N4', 'O', 1),
			segment('REF', 'O', 99),
		]),
		loop('ENT', 'O', 200000, [
			segment('ENT', 'M', 1),
			adjustment(),
			loop('RMR', 'O', 200000, [
				segment('RMR', 'M', 1),
				segment('NTE', 'O', 100),
				segment('REF', 'O', 99),
				segment('DTM', 'O', 99),
				adjustment(),
			]),
		]),
		SE,
	],
};
