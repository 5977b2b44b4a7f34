/**
 * Amazon retail 856 Ship Notice/Manifest "V1" (X12 5010: Stedi's retail 856 V1 guide is release
 * 5010, with `^` as repetition separator), vendor -> Amazon. Hierarchy S-O-T-P-I: shipment, order,
 * tare (pallet, optional), pack (carton), item; MAN*GM carries each pallet's and carton's SSCC.
 * Pure data.
 */
import type { X12SegmentRule, X12TransactionGuide } from '../../x12/guideTypes';
import { envelope, partyLoop, RETRIEVED } from './common';
import { loop, segment as segment4010, type SegmentUse } from './dictionary';

const [ST, SE] = envelope('856', '005010');

/** A segment as release 5010 defines it. */
const segment = (id: string, usage: 'M' | 'O', max: number, use: SegmentUse = {}) =>
	segment4010(id, usage, max, { ...use, version: '005010' });

const hl = (level: string): X12SegmentRule => segment('HL', 'M', 1, { codes: { HL03: [level] } });
const sscc = (name: string) => segment('MAN', 'M', 1, { name, codes: { MAN01: ['GM'] } });

const ITEM = loop(
	'HL-Item',
	'M',
	200000,
	// PO4 (X12's Item Physical Details, optional): the pack of an item shipped in cases.
	[hl('I'), segment('LIN', 'M', 1), segment('SN1', 'M', 1), segment('PO4', 'O', 1)],
	{ hlLevel: 'I' },
);
// A parcel's tracking number (MAN01 CP, X12's Carrier-Assigned Package ID): Amazon's SP-API asks for
// one per carton of a small-parcel shipment; the guide pages read do not show the Pack loop past MAN.
const TRACKING = segment('MAN', 'O', 1, {
	name: 'Carrier-Assigned Package ID',
	codes: { MAN01: ['CP'] },
});
const PACK = loop('HL-Pack', 'O', 200000, [hl('P'), sscc('Carton SSCC'), TRACKING, ITEM], {
	hlLevel: 'P',
});
const TARE = loop('HL-Tare', 'O', 200000, [hl('T'), sscc('Pallet SSCC'), PACK], { hlLevel: 'T' });

export const AMAZON_856: X12TransactionGuide = {
	transactionSet: '856',
	functionalId: 'SH',
	version: '005010',
	source: {
		title: 'Stedi, Amazon, X12 856 Retail Ship Notice/Manifest (V1) (X12 Release 5010)',
		url:
			'https://www.stedi.com/app/guides/view/amazon/retail-ship-noticemanifest-v1/' +
			'01HPFEV8FE59QEK24X1E8CWZ5J',
		retrieved: RETRIEVED,
		coverage:
			'Read: release 5010 with the repetition separator ^, the sample name "Carton with SSCC", and ' +
			'the shipment HL loop up to FOB: HL; TD1 required, max use 20; TD5 required, max use 12; the ' +
			"TD3 loop; REF Bill of Lading Number, REF Buyer's Shipment Mark Number, REF Carrier's " +
			'Tracking/Airbill Number, REF Seal Number, optional, max use 1 each; DTM Estimated Delivery ' +
			'and DTM Shipped, required, max use 1 each; FOB optional. From the research notes of issue 17 ' +
			'on the same guide: BSN01 00 original / 05 replace, the hierarchy S-O-T-P-I, MAN*GM with the ' +
			'SSCC of each carton and pallet, TD5 with the carrier SCAC. Codes given from the names: REF01 ' +
			"BM, DTM01 017 and 011 (X12's codes for those names); the other REF qualifiers are not " +
			'restricted (the names alone do not fix them). Not read: the element tables (types and lengths ' +
			"here are X12 4010's with the 5010 changes of dictionary.ts: ST03, REF02 up to 50; N4 has no " +
			'N407), the heading past ' +
			'BSN (DTM allowed as optional), the shipment loop past FOB (the N1 loop, optional), the Order ' +
			'loop past PRF, the Tare and Pack loops past MAN, the Item loop past LIN and SN1, the code ' +
			"lists other than those named here, and the loops' repetitions (X12 maxima). HL02 (parent) " +
			'is not checked against the nesting.',
	},
	structure: [
		ST,
		segment('BSN', 'M', 1, { codes: { BSN01: ['00', '05'] } }),
		segment('DTM', 'O', 10),
		loop(
			'HL-Shipment',
			'M',
			1,
			[
				hl('S'),
				segment('TD1', 'M', 20),
				segment('TD5', 'M', 12),
				loop('TD3', 'O', 12, [segment('TD3', 'M', 1)]),
				segment('REF', 'O', 1, { name: 'Bill of Lading Number', codes: { REF01: ['BM'] } }),
				segment('REF', 'O', 1, { name: "Buyer's Shipment Mark Number" }),
				segment('REF', 'O', 1, { name: "Carrier's Tracking/Airbill Number" }),
				segment('REF', 'O', 1, { name: 'Seal Number' }),
				segment('DTM', 'M', 1, { name: 'Estimated Delivery', codes: { DTM01: ['017'] } }),
				segment('DTM', 'M', 1, { name: 'Shipped', codes: { DTM01: ['011'] } }),
				segment('FOB', 'O', 1),
				partyLoop('N1', segment('N1', 'M', 1)),
				loop('HL-Order', 'M', 200000, [hl('O'), segment('PRF', 'M', 1), TARE, PACK], {
					hlLevel: 'O',
				}),
			],
			{ hlLevel: 'S' },
		),
		segment('CTT', 'O', 1),
		SE,
	],
};
