/**
 * The X12 4010 997 Functional Acknowledgment, both ways: the one Amazon sends for what we sent, and
 * the one build997 (x12/ack997.ts) writes for what we read. Pure data.
 */
import type { X12TransactionGuide } from '../../x12/guideTypes';
import { envelope, RETRIEVED } from './common';
import { loop, segment } from './dictionary';

const [ST, SE] = envelope('997');

export const X12_997: X12TransactionGuide = {
	transactionSet: '997',
	functionalId: 'FA',
	version: '004010',
	source: {
		title:
			'ASC X12 004010 997 Functional Acknowledgment (as R+L Carriers publishes the standard table)',
		url:
			'https://documents.pub/document/997-functional-acknowledgement-rl-carriers-4010997-functional' +
			'997-functional.html',
		retrieved: RETRIEVED,
		coverage:
			'The whole X12 4010 997: ST, AK1 required, the AK2 loop (max 999999) with the AK3 loop (max ' +
			'999999: AK3, AK4 max use 99) and AK5 required, AK9 required, SE; the codes of AK501 (A, E, M, ' +
			'R, W, X), AK901 (A, E, M, P, R, W, X) and AK304 (1 to 8). AK403 and the AK5 / AK9 error codes ' +
			'are not restricted (X12 versions after 4010 added codes that partners send).',
	},
	structure: [
		ST,
		segment('AK1', 'M', 1),
		loop('AK2', 'O', 999999, [
			segment('AK2', 'M', 1),
			loop('AK3', 'O', 999999, [
				segment('AK3', 'M', 1, { codes: { AK304: ['1', '2', '3', '4', '5', '6', '7', '8'] } }),
				segment('AK4', 'O', 99),
			]),
			segment('AK5', 'M', 1, { codes: { AK501: ['A', 'E', 'M', 'R', 'W', 'X'] } }),
		]),
		segment('AK9', 'M', 1, { codes: { AK901: ['A', 'E', 'M', 'P', 'R', 'W', 'X'] } }),
		SE,
	],
};
