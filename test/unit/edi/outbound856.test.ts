/**
 * The 856 of Build ASN's shipment confirmation (nodes/shared/domain/edi/outbound/asn856.ts): built
 * by buildShipmentConfirmation from loose cartons, from cartons on pallets and from items on a
 * pallet, written in a 5010 interchange, read back with our reader and node-x12, every level,
 * every SSCC and quantity asserted.
 */
import {
	buildShipmentConfirmation,
	parseCarrierTable,
	type AcknowledgedPurchaseOrder,
	type AsnShipment,
	type BuildShipmentOptions,
} from '../../../nodes/shared/domain/asn';
import { buildSscc } from '../../../nodes/shared/domain/asn/gs1';
import { InvalidInputError } from '../../../nodes/shared/domain/inputError';
import { write855, write856, writeOutbound } from '../../../nodes/shared/domain/edi/outbound';
import { bodyOf, readBack } from '../../fixtures/edi-outbound/readBack';

type Json = any;

const PREFIX = '0614141';
const sscc = (serial: number) => `00${buildSscc(0, PREFIX, serial)}`;

function po(
	number = '2JK3S9VC',
	lines?: AcknowledgedPurchaseOrder['lines'],
): AcknowledgedPurchaseOrder {
	return {
		purchaseOrderNumber: number,
		sellingPartyId: 'VNDR1',
		shipToPartyId: 'ABCD',
		lines: lines ?? [
			{
				itemSequenceNumber: '1',
				amazonProductIdentifier: 'B07MUG0001',
				vendorProductIdentifier: '0036000291452',
				sku: 'SKU-MUG',
				unitOfMeasure: 'Cases',
				unitSize: 12,
				acceptedQuantity: 10,
			},
			{
				itemSequenceNumber: '2',
				amazonProductIdentifier: 'B07TEE0002',
				vendorProductIdentifier: 'TEE-ID',
				sku: 'SKU-TEE',
				unitOfMeasure: 'Eaches',
				unitSize: 1,
				acceptedQuantity: 30,
			},
		],
	};
}

function shipment(overrides: Partial<AsnShipment> = {}): AsnShipment {
	return {
		shipmentIdentifier: 'SHIP-0001',
		shippedDate: '2026-03-10T08:00:00Z',
		estimatedDeliveryDate: '2026-03-12T16:30:00Z',
		carrier: 'UPS Freight',
		proNumber: 'PRO123456',
		billOfLadingNumber: 'BOL-778899',
		shipmentType: 'LTL',
		transportationMode: 'road',
		shipFromParty: {
			partyId: 'WH1',
			address: {
				name: 'Vendor Warehouse',
				addressLine1: '5 Dock Rd',
				city: 'Sparks',
				stateOrRegion: 'NV',
				postalCode: '89431',
				countryCode: 'US',
			},
		},
		cartons: [
			{ id: 'C1', contents: [{ sku: 'SKU-MUG', eaches: 60 }] },
			{
				id: 'C2',
				contents: [
					{ sku: 'SKU-MUG', eaches: 24 },
					{ sku: 'SKU-TEE', eaches: 10 },
				],
			},
		],
		grossWeight: { value: '41.5', unit: 'kg' },
		...overrides,
	};
}

const OPTIONS: BuildShipmentOptions = {
	region: 'NA',
	carriers: parseCarrierTable([{ name: 'UPS Freight', scac: 'UPGF' }]),
	now: '2026-03-10T12:00:00Z',
	sscc: { companyPrefix: PREFIX, extensionDigit: 0, serials: [1001, 1002, 1003, 1004, 1005, 1006] },
};

function confirmation(
	s: AsnShipment,
	pos: AcknowledgedPurchaseOrder[] = [po()],
	options = OPTIONS,
): Json {
	const build = buildShipmentConfirmation(s, pos, options);
	expect(build.exceptions).toEqual([]);
	return build.confirmation;
}

const ENVELOPE = {
	sender: { qualifier: 'ZZ', id: 'VNDR1EDI' },
	receiver: { qualifier: 'ZZ', id: 'AMAZON' },
	groupSender: 'VNDR1EDI',
	groupReceiver: 'AMAZON',
	controlNumbers: { interchange: 12, group: 4, firstSet: 100 },
	usage: 'P' as const,
	date: new Date('2026-03-10T12:01:00Z'),
};

const HEAD = [
	['BSN', '00', 'SHIP-0001', '20260310', '1200', '0001'],
	['HL', '1', '', 'S'],
];
const CARRIER = [
	['TD5', '', '2', 'UPGF', 'M'],
	['REF', 'BM', 'BOL-778899'],
	['REF', 'CN', 'PRO123456'],
	['DTM', '011', '20260310', '0800', 'UT'],
	['DTM', '017', '20260312', '1630', 'UT'],
	['N1', 'SF', 'Vendor Warehouse', '92', 'WH1'],
	['N3', '5 Dock Rd'],
	['N4', 'Sparks', 'NV', '89431', 'US'],
	['N1', 'ST', '', '92', 'ABCD'],
];
const MUG = ['LIN', '', 'BP', 'B07MUG0001', 'VN', '0036000291452'];
const TEE = ['LIN', '', 'BP', 'B07TEE0002', 'VN', 'TEE-ID'];

describe('856 from Build ASN: loose cartons', () => {
	const text = writeOutbound({
		...ENVELOPE,
		sets: [write856({ confirmation: confirmation(shipment()) })],
	});
	const { interchange, sets } = readBack(text);

	it('is one SH group of 5010 (ISA12 00501, repetition separator ^)', () => {
		expect(interchange.header.version).toBe('00501');
		expect(interchange.separators.repetition).toBe('^');
		expect(interchange.groups.map((g) => [g.functionalId, g.version, g.controlNumber])).toEqual([
			['SH', '005010', '4'],
		]);
	});

	it('writes S-O-P-I with MAN*GM "00" + 18 digits per carton and the quantities in the PO unit', () => {
		expect(bodyOf(sets[0])).toEqual([
			...HEAD,
			['TD1', 'CTN25', '2', '', '', '', 'G', '41.5', 'KG'],
			...CARRIER,
			['HL', '2', '1', 'O'],
			['PRF', '2JK3S9VC'],
			['HL', '3', '2', 'P'],
			['MAN', 'GM', sscc(1001)],
			['HL', '4', '3', 'I'],
			MUG,
			['SN1', '', '5', 'CA'],
			['PO4', '12'],
			['HL', '5', '2', 'P'],
			['MAN', 'GM', sscc(1002)],
			['HL', '6', '5', 'I'],
			MUG,
			['SN1', '', '2', 'CA'],
			['PO4', '12'],
			['HL', '7', '5', 'I'],
			TEE,
			['SN1', '', '10', 'EA'],
			['CTT', '7'],
		]);
		expect(sscc(1001)).toHaveLength(20);
	});
});

describe('856 from Build ASN: pallets', () => {
	it('writes S-O-T-P-I: cartons under their pallet, with pallet and carton SSCCs, BSN 05 for a replace', () => {
		const c = confirmation(
			shipment({
				shipmentType: 'TruckLoad',
				pallets: [{ id: 'P1' }, { id: 'P2' }],
				cartons: [
					{ id: 'C1', palletId: 'P1', contents: [{ sku: 'SKU-MUG', eaches: 24 }] },
					{ id: 'C2', palletId: 'P1', contents: [{ sku: 'SKU-MUG', eaches: 24 }] },
					{ id: 'C3', palletId: 'P2', contents: [{ sku: 'SKU-TEE', eaches: 10 }] },
				],
			}),
		);
		c.shipmentConfirmationType = 'Replace';
		const { sets } = readBack(
			writeOutbound({ ...ENVELOPE, sets: [write856({ confirmation: c })] }),
		);
		expect(bodyOf(sets[0])).toEqual([
			['BSN', '05', 'SHIP-0001', '20260310', '1200', '0001'],
			['HL', '1', '', 'S'],
			['TD1', 'CTN25', '3', '', '', '', 'G', '41.5', 'KG'],
			['TD1', 'PLT94', '2'],
			...CARRIER,
			['HL', '2', '1', 'O'],
			['PRF', '2JK3S9VC'],
			['HL', '3', '2', 'T'],
			['MAN', 'GM', sscc(1004)],
			['HL', '4', '3', 'P'],
			['MAN', 'GM', sscc(1001)],
			['HL', '5', '4', 'I'],
			MUG,
			['SN1', '', '2', 'CA'],
			['PO4', '12'],
			['HL', '6', '3', 'P'],
			['MAN', 'GM', sscc(1002)],
			['HL', '7', '6', 'I'],
			MUG,
			['SN1', '', '2', 'CA'],
			['PO4', '12'],
			['HL', '8', '2', 'T'],
			['MAN', 'GM', sscc(1005)],
			['HL', '9', '8', 'P'],
			['MAN', 'GM', sscc(1003)],
			['HL', '10', '9', 'I'],
			TEE,
			['SN1', '', '10', 'EA'],
			['CTT', '10'],
		]);
	});

	it('writes S-O-T-I for items standing on a pallet, and U for a small parcel shipment', () => {
		const c = confirmation(
			shipment({
				cartons: [],
				pallets: [
					{ id: 'P1', sscc: '106141411928374657', contents: [{ sku: 'SKU-MUG', eaches: 120 }] },
				],
			}),
		);
		c.shipmentType = 'SmallParcel';
		const body = write856({ confirmation: c }).segments;
		expect(body.slice(2, 4)).toEqual([
			['TD1', 'PLT94', 1, undefined, undefined, undefined, 'G', '41.5', 'KG'],
			['TD5', undefined, '2', 'UPGF', 'U'],
		]);
		expect(body.slice(-7)).toEqual([
			['HL', 3, 2, 'T'],
			['MAN', 'GM', '00106141411928374657'],
			['HL', 4, 3, 'I'],
			['LIN', undefined, 'BP', 'B07MUG0001', 'VN', '0036000291452'],
			['SN1', undefined, 10, 'CA'],
			['PO4', 12],
			['CTT', 4],
		]);
	});
});

describe('856 of a small-parcel shipment', () => {
	it("writes each carton's tracking number as MAN*CP after its SSCC, and passes the guide", () => {
		const c = confirmation(shipment());
		c.shipmentType = 'SmallParcel';
		c.cartons[0].trackingNumber = '1Z999AA10123456784';
		c.cartons[1].trackingNumber = '1Z999AA10123456785';
		const { sets } = readBack(
			writeOutbound({ ...ENVELOPE, sets: [write856({ confirmation: c })] }),
		);
		const mans = bodyOf(sets[0]).filter((seg) => seg[0] === 'MAN');
		expect(mans).toEqual([
			['MAN', 'GM', sscc(1001)],
			['MAN', 'CP', '1Z999AA10123456784'],
			['MAN', 'GM', sscc(1002)],
			['MAN', 'CP', '1Z999AA10123456785'],
		]);
	});
});

describe('856 with two purchase orders', () => {
	it('writes one O per PO, a mixed carton under each with that PO`s items', () => {
		const second = po('7XK2P4TT', [
			{
				itemSequenceNumber: '1',
				amazonProductIdentifier: 'B07CUP0003',
				vendorProductIdentifier: 'CUP-ID',
				sku: 'SKU-CUP',
				unitOfMeasure: 'Eaches',
				unitSize: 1,
				acceptedQuantity: 8,
			},
		]);
		const c = confirmation(
			shipment({
				cartons: [
					{
						id: 'C1',
						contents: [
							{ sku: 'SKU-MUG', eaches: 12 },
							{ sku: 'SKU-CUP', eaches: 8 },
						],
					},
				],
			}),
			[po(), second],
		);
		const body = write856({ confirmation: c }).segments;
		const levels = body.filter((s) => ['HL', 'PRF', 'MAN', 'SN1'].includes(s[0] as string));
		expect(levels).toEqual([
			['HL', 1, undefined, 'S'],
			['HL', 2, 1, 'O'],
			['PRF', '2JK3S9VC'],
			['HL', 3, 2, 'P'],
			['MAN', 'GM', sscc(1001)],
			['HL', 4, 3, 'I'],
			['SN1', undefined, 1, 'CA'],
			['HL', 5, 1, 'O'],
			['PRF', '7XK2P4TT'],
			['HL', 6, 5, 'P'],
			['MAN', 'GM', sscc(1001)],
			['HL', 7, 6, 'I'],
			['SN1', undefined, 8, 'EA'],
		]);
	});
});

describe('856 refusals', () => {
	const fresh = () => confirmation(shipment());

	it.each([
		[
			'no SCAC',
			(c: Json) => delete c.transportationDetails.carrierScac,
			'confirmation.transportationDetails.carrierScac',
		],
		[
			'no estimated delivery',
			(c: Json) => delete c.estimatedDeliveryDate,
			'confirmation.estimatedDeliveryDate',
		],
		[
			'a carton SSCC with a wrong check digit',
			(c: Json) => {
				const id = c.cartons[1].cartonIdentifiers[0];
				const n = id.containerIdentificationNumber;
				id.containerIdentificationNumber = `${n.slice(0, -1)}${(Number(n.slice(-1)) + 1) % 10}`;
			},
			'confirmation.cartons[1].cartonIdentifiers[0].containerIdentificationNumber',
		],
		[
			'a carton known only by an Amazon carton code',
			(c: Json) =>
				(c.cartons[0].cartonIdentifiers = [
					{ containerIdentificationType: 'AMZNCC', containerIdentificationNumber: 'X' },
				]),
			'confirmation.cartons[0].cartonIdentifiers',
		],
		[
			'an unknown item reference',
			(c: Json) => (c.cartons[0].items[0].itemReference = '009'),
			'confirmation.cartons[0].items[0].itemReference',
		],
		[
			'a bill of lading with a separator',
			(c: Json) => (c.transportationDetails.billOfLadingNumber = 'BOL~1'),
			'confirmation.transportationDetails.billOfLadingNumber',
		],
		[
			'an item without its PO',
			(c: Json) => delete c.shippedItems[0].itemDetails,
			'confirmation.shippedItems[0].itemDetails.purchaseOrderNumber',
		],
	])('refuses %s, naming the field', (_what, spoil, path) => {
		const c = fresh();
		spoil(c);
		let error: unknown;
		try {
			write856({ confirmation: c });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).path).toBe(path);
	});

	it('refuses an 856 (5010) and an 855 (4010) in one interchange', () => {
		const ack = write855({
			acknowledgement: {
				purchaseOrderNumber: 'P1',
				acknowledgementDate: '2026-03-10T00:00:00Z',
				items: [
					{
						itemSequenceNumber: '1',
						vendorProductIdentifier: 'V',
						orderedQuantity: { amount: 1, unitOfMeasure: 'Eaches' },
						itemAcknowledgements: [
							{
								acknowledgementCode: 'Accepted',
								acknowledgedQuantity: { amount: 1, unitOfMeasure: 'Eaches' },
							},
						],
					},
				],
			},
			purchaseOrder: {
				purchaseOrderNumber: 'P1',
				purchaseOrderDate: '2026-03-09T00:00:00Z',
				items: [{ itemSequenceNumber: '1' }],
			},
		});
		expect(() =>
			writeOutbound({ ...ENVELOPE, sets: [ack, write856({ confirmation: fresh() })] }),
		).toThrow(/mixes 4010 sets with the 5010 856/);
	});
});
