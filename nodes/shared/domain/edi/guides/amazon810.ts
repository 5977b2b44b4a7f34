/**
 * Amazon retail 810 Invoice (X12 4010), vendor -> Amazon, as Stedi publishes it. Pure data.
 */
import type { X12TransactionGuide } from '../../x12/guideTypes';
import { envelope, partyLoop, RETRIEVED } from './common';
import { loop, segment } from './dictionary';

const [ST, SE] = envelope('810');

/** An N1 loop of the heading, named as the guide names it, selected by N101. */
const party = (name: string, code: string) =>
	partyLoop(`N1-${name}`, segment('N1', 'M', 1, { name, codes: { N101: [code] } }));

export const AMAZON_810: X12TransactionGuide = {
	transactionSet: '810',
	functionalId: 'IN',
	version: '004010',
	source: {
		title: 'Stedi, Amazon, X12 810 Retail Invoice (X12 Release 4010)',
		url: 'https://www.stedi.com/app/guides/view/amazon/retail-invoice/01H16G9CW3P7QM9673TH14B7Y5',
		retrieved: RETRIEVED,
		coverage:
			'Read: the outline (heading ST, BIG required, CUR required, the N1 loops Bill To, Remit To ' +
			'and Ship To, ITD required; detail IT1 loop required; summary TDS required, TXI optional max ' +
			'use 10, SAC loop, CTT required, SE), the ITD01 codes (01, 02, 03, 09, 23, 41) and its rule ' +
			'"if ITD03, then one of ITD04, ITD05, ITD13", N1 rule "N103 and N104 together", and part of ' +
			'the IT1 product id qualifiers (BP, EN, IB, UA, UK, UP; the list was cut, so IT1 qualifiers ' +
			"are not restricted here). The N1 loops' N101 codes are X12's for the names the guide gives " +
			"(BT, RI, ST). Not read: the element tables (types and lengths here are X12 4010's), the " +
			'segments of the N1 and IT1 loops past their first (N2-N4, CTP and PID optional as in X12), ' +
			"the loops' usage and repetitions (written as optional, X12 maxima), the SAC codes. REF (max " +
			'use 12) and DTM (max use 10) of the heading are allowed as optional at their X12 4010 places ' +
			'(the outline read shows neither). PO4 (the pack) is allowed in the IT1 loop, optional, at its ' +
			"X12 4010 place: a line invoiced in cases states its eaches per case there. The line's TXI and " +
			'SAC loop are allowed at their X12 4010 places too (line taxes, charges and allowances).',
	},
	structure: [
		ST,
		segment('BIG', 'M', 1),
		segment('CUR', 'M', 1),
		segment('REF', 'O', 12),
		party('Bill To', 'BT'),
		party('Remit To', 'RI'),
		party('Ship To', 'ST'),
		segment('ITD', 'M', 1, { codes: { ITD01: ['01', '02', '03', '09', '23', '41'] } }),
		segment('DTM', 'O', 10),
		loop('IT1', 'M', 200000, [
			segment('IT1', 'M', 1),
			// X12 4010's TXI of the IT1 loop: the taxes of a line.
			segment('TXI', 'O', 10),
			loop('CTP', 'O', 25, [segment('CTP', 'M', 1)]),
			loop('PID', 'O', 1000, [segment('PID', 'M', 1)]),
			// X12 4010's PO4 (pack) of the IT1 loop: a line in cases states its eaches per case.
			segment('PO4', 'O', 1),
			// X12 4010's SAC loop of the IT1 loop: a line's charges and allowances, with their taxes.
			loop('SAC-Item', 'O', 25, [segment('SAC', 'M', 1), segment('TXI', 'O', 10)]),
		]),
		segment('TDS', 'M', 1),
		segment('TXI', 'O', 10),
		loop('SAC', 'O', 25, [segment('SAC', 'M', 1), segment('TXI', 'O', 10)]),
		segment('CTT', 'M', 1),
		SE,
	],
};
