/**
 * Build ASN's steps before the confirmation: contents back to PO lines when one SKU is on several
 * lines of a PO (asnLineAssignment.ts), physical cartons (cartonPacking.ts), and the check-and-count
 * pass with placeholder SSCCs (asn.ts, sscc.placeholders).
 */
import {
	buildShipmentConfirmation,
	countSsccsToGenerate,
	parseCarrierTable,
	type AcknowledgedPurchaseOrder,
	type AsnShipment,
	type BuildShipmentOptions,
} from '../../nodes/shared/domain/asn';
import { assignContentsToLines } from '../../nodes/shared/domain/asn/lineAssignment';
import {
	checkPackingOptions,
	packCartons,
	readTrackingNumbers,
} from '../../nodes/shared/domain/asn/cartonPacking';
import { isValidSscc18 } from '../../nodes/shared/domain/asn/gs1';

const NOW = '2026-03-10T12:00:00Z';
const PREFIX = '0614141';
const CARRIERS = parseCarrierTable([{ name: 'UPS', scac: 'UPSN' }]);

/** PO-TWO: line 1 3 cases of 12 of SKU-CASE, line 2 6 eaches of SKU-EACH, line 3 1 case of SKU-CASE. */
function twoLinePo(
	overrides: { shipped1?: number; shipped3?: number; accepted1?: number } = {},
): AcknowledgedPurchaseOrder {
	return {
		purchaseOrderNumber: 'PO-TWO',
		sellingPartyId: 'VEND1',
		shipToPartyId: 'ABE8',
		lines: [
			{
				itemSequenceNumber: '1',
				amazonProductIdentifier: 'B00000CASE',
				sku: 'SKU-CASE',
				unitOfMeasure: 'Cases',
				unitSize: 12,
				acceptedQuantity: overrides.accepted1 ?? 3,
				alreadyShippedQuantity: overrides.shipped1 ?? 0,
			},
			{
				itemSequenceNumber: '2',
				amazonProductIdentifier: 'B000000EAC',
				sku: 'SKU-EACH',
				unitOfMeasure: 'Eaches',
				unitSize: 1,
				acceptedQuantity: 6,
			},
			{
				itemSequenceNumber: '3',
				amazonProductIdentifier: 'B00000CASE',
				sku: 'SKU-CASE',
				unitOfMeasure: 'Cases',
				unitSize: 12,
				acceptedQuantity: 1,
				alreadyShippedQuantity: overrides.shipped3 ?? 0,
			},
		],
	};
}

function parcel(
	cartons: AsnShipment['cartons'],
	overrides: Partial<AsnShipment> = {},
): AsnShipment {
	return {
		shipmentIdentifier: '1001-F1',
		shippedDate: '2026-03-10T08:00:00Z',
		carrier: 'UPS',
		proNumber: '1Z0001',
		trackingNumber: '1Z0001',
		shipmentType: 'SmallParcel',
		transportationMode: 'Road',
		shipFromParty: { partyId: 'VEND1' },
		cartons,
		...overrides,
	};
}

function options(overrides: Partial<BuildShipmentOptions> = {}): BuildShipmentOptions {
	return {
		region: 'NA',
		carriers: CARRIERS,
		now: NOW,
		sscc: { companyPrefix: PREFIX, serials: [1, 2, 3, 4, 5, 6, 7, 8] },
		...overrides,
	};
}

describe('assignContentsToLines: one SKU on several lines of a PO', () => {
	it('splits the shop line of 48 over line 1 (3 cases) and line 3 (1 case), in line order', () => {
		const shipment = parcel([
			{ id: 'L1', contents: [{ sku: 'SKU-CASE', eaches: 48, purchaseOrderNumber: 'PO-TWO' }] },
		]);
		const { shipment: out, splits, warnings } = assignContentsToLines(shipment, [twoLinePo()]);
		expect(out.cartons?.[0].contents).toEqual([
			{ sku: 'SKU-CASE', eaches: 36, purchaseOrderNumber: 'PO-TWO', itemSequenceNumber: '1' },
			{ sku: 'SKU-CASE', eaches: 12, purchaseOrderNumber: 'PO-TWO', itemSequenceNumber: '3' },
		]);
		expect(splits).toEqual([
			{
				path: 'cartons[0].contents[0]',
				sku: 'SKU-CASE',
				purchaseOrderNumber: 'PO-TWO',
				eaches: 48,
				lines: [
					{ itemSequenceNumber: '1', eaches: 36 },
					{ itemSequenceNumber: '3', eaches: 12 },
				],
			},
		]);
		expect(warnings).toEqual([]);
		// The input is not changed.
		expect(shipment.cartons?.[0].contents).toEqual([
			{ sku: 'SKU-CASE', eaches: 48, purchaseOrderNumber: 'PO-TWO' },
		]);
	});

	it(
		'never fills a line above what it may still ship: a partial shipment ' +
			'goes to line 1 first, the rest later to line 3',
		() => {
			const first = assignContentsToLines(
				parcel([{ contents: [{ sku: 'SKU-CASE', eaches: 24 }] }]),
				[twoLinePo()],
			);
			expect(first.splits[0].lines).toEqual([{ itemSequenceNumber: '1', eaches: 24 }]);
			// Line 1 has 2 of 3 cases shipped: the next 24 eaches are 1 case on line 1 and 1 case on line 3.
			const second = assignContentsToLines(
				parcel([{ contents: [{ sku: 'SKU-CASE', eaches: 24 }] }]),
				[twoLinePo({ shipped1: 2 })],
			);
			expect(second.splits[0].lines).toEqual([
				{ itemSequenceNumber: '1', eaches: 12 },
				{ itemSequenceNumber: '3', eaches: 12 },
			]);
		},
	);

	it('counts contents that already name a line before splitting the others', () => {
		const shipment = parcel([
			{ contents: [{ sku: 'SKU-CASE', eaches: 12, itemSequenceNumber: '1' }] },
			{ contents: [{ sku: 'SKU-CASE', eaches: 36 }] },
		]);
		const { splits } = assignContentsToLines(shipment, [twoLinePo()]);
		expect(splits).toEqual([
			expect.objectContaining({
				path: 'cartons[1].contents[0]',
				lines: [
					{ itemSequenceNumber: '1', eaches: 24 },
					{ itemSequenceNumber: '3', eaches: 12 },
				],
			}),
		]);
	});

	it('leaves what does not fit on the last line, so that the ASN reports the over-shipment', () => {
		const shipment = parcel([{ contents: [{ sku: 'SKU-CASE', eaches: 60 }] }]);
		const assigned = assignContentsToLines(shipment, [twoLinePo()]);
		expect(assigned.splits[0].lines).toEqual([
			{ itemSequenceNumber: '1', eaches: 36 },
			{ itemSequenceNumber: '3', eaches: 24 },
		]);
		expect(assigned.warnings).toEqual([
			expect.stringContaining(
				'12 of the 60 eaches of SKU "SKU-CASE" do not fit on PO PO-TWO lines 1, 3',
			),
		]);
		const build = buildShipmentConfirmation(
			packCartons(assigned.shipment, [twoLinePo()]).shipment,
			[twoLinePo()],
			options(),
		);
		expect(
			build.exceptions.map((e) => [
				e.code,
				e.details?.itemSequenceNumber,
				e.details?.shipped,
				e.details?.shippable,
			]),
		).toEqual([['OVER_SHIPMENT', '3', 2, 1]]);
	});

	it('builds one ASN item per PO line, and the invoice figures per line', () => {
		const pos = [twoLinePo()];
		const assigned = assignContentsToLines(
			parcel([
				{ contents: [{ sku: 'SKU-CASE', eaches: 48 }] },
				{ contents: [{ sku: 'SKU-EACH', eaches: 6 }] },
			]),
			pos,
		);
		const build = buildShipmentConfirmation(
			packCartons(assigned.shipment, pos).shipment,
			pos,
			options(),
		);
		expect(build.exceptions).toEqual([]);
		expect(
			build.shippedLines.map((l) => [
				l.itemSequenceNumber,
				l.shippedQuantity,
				l.shippedEaches,
				l.remainingQuantity,
			]),
		).toEqual([
			['1', 3, 36, 0],
			['3', 1, 12, 0],
			['2', 6, 6, 0],
		]);
		expect(
			build.confirmation?.shippedItems.map((i) => [
				i.amazonProductIdentifier,
				i.shippedQuantity.amount,
				i.shippedQuantity.unitOfMeasure,
			]),
		).toEqual([
			['B00000CASE', 3, 'Cases'],
			['B00000CASE', 1, 'Cases'],
			['B000000EAC', 6, 'Eaches'],
		]);
	});

	it('with rule exception, or a SKU on lines of two POs and no PO on the content, the ASN reports AMBIGUOUS_SKU', () => {
		const pos = [twoLinePo()];
		const strict = assignContentsToLines(
			parcel([{ contents: [{ sku: 'SKU-CASE', eaches: 48 }] }]),
			pos,
			'exception',
		);
		expect(strict.splits).toEqual([]);
		expect(
			buildShipmentConfirmation(strict.shipment, pos, options()).exceptions.map((e) => e.code),
		).toEqual(['AMBIGUOUS_SKU']);

		const other: AcknowledgedPurchaseOrder = {
			...twoLinePo(),
			purchaseOrderNumber: 'PO-OTHER',
			lines: [twoLinePo().lines[0]],
		};
		const twoPos = assignContentsToLines(
			parcel([{ contents: [{ sku: 'SKU-CASE', eaches: 12 }] }]),
			[twoLinePo(), other],
		);
		expect(twoPos.splits).toEqual([]);
		expect(
			buildShipmentConfirmation(twoPos.shipment, [twoLinePo(), other], options()).exceptions.map(
				(e) => e.code,
			),
		).toEqual(['AMBIGUOUS_SKU']);
		expect(() => assignContentsToLines(parcel([]), pos, 'guess' as 'split')).toThrow(
			/split or exception/,
		);
	});
});

describe('packCartons: one SSCC per physical carton', () => {
	const pos = [twoLinePo({ accepted1: 5 })];

	it(
		'one carton per case by default: 5 cases in one given carton become 5 ' +
			'cartons, each with its own SSCC and label',
		() => {
			const packed = packCartons(
				parcel([
					{
						id: '#1001-F1-1',
						contents: [{ sku: 'SKU-CASE', eaches: 60, itemSequenceNumber: '1' }],
					},
				]),
				pos,
			);
			expect([packed.givenCartonCount, packed.cartonCount]).toEqual([1, 5]);
			expect(packed.shipment.cartons?.map((c) => [c.id, c.contents])).toEqual(
				[1, 2, 3, 4, 5].map((k) => [
					`#1001-F1-1-${k}`,
					[{ sku: 'SKU-CASE', eaches: 12, itemSequenceNumber: '1' }],
				]),
			);
			const build = buildShipmentConfirmation(packed.shipment, pos, options());
			expect(build.exceptions).toEqual([]);
			const ssccs = build.labels?.map((l) => l.sscc) ?? [];
			expect(new Set(ssccs).size).toBe(5);
			expect(ssccs.every((s) => isValidSscc18(s as string))).toBe(true);
			expect(build.confirmation?.cartons?.map((c) => c.items[0].shippedQuantity)).toEqual(
				new Array(5).fill({ amount: 1, unitOfMeasure: 'Cases', unitSize: 12 }),
			);
			expect(build.labels?.[4]).toMatchObject({
				countText: 'Carton 5 of 5',
				purchaseOrderText: 'PO-TWO',
				contents: [
					{
						purchaseOrderNumber: 'PO-TWO',
						itemSequenceNumber: '1',
						sku: 'SKU-CASE',
						amazonProductIdentifier: 'B00000CASE',
						eaches: 12,
						quantity: 1,
						unitOfMeasure: 'Cases',
						unitSize: 12,
					},
				],
			});
		},
	);

	it("spreads the shipment's tracking numbers over the cartons, one each", () => {
		const numbers = ['1Z01', '1Z02', '1Z03', '1Z04', '1Z05'];
		const packed = packCartons(
			parcel([{ contents: [{ sku: 'SKU-CASE', eaches: 60, itemSequenceNumber: '1' }] }], {
				trackingNumber: '1Z01',
				trackingNumbers: numbers,
			}),
			pos,
		);
		expect(packed.shipment.cartons?.map((c) => c.trackingNumber)).toEqual(numbers);
		expect(packed.warnings).toEqual([]);
		const build = buildShipmentConfirmation(packed.shipment, pos, options());
		expect(build.confirmation?.cartons?.map((c) => c.trackingNumber)).toEqual(numbers);
		expect(build.labels?.map((l) => l.trackingNumber)).toEqual(numbers);
	});

	it(
		'with fewer tracking numbers than cartons, the rest carry the ' +
			"shipment's number, with a warning; unused numbers are warned too",
		() => {
			const few = packCartons(
				parcel(
					[{ id: 'C', contents: [{ sku: 'SKU-CASE', eaches: 36, itemSequenceNumber: '1' }] }],
					{
						trackingNumbers: ['1Z01', '1Z02'],
					},
				),
				pos,
			);
			expect(few.shipment.cartons?.map((c) => c.trackingNumber)).toEqual([
				'1Z01',
				'1Z02',
				'1Z0001',
			]);
			expect(few.warnings).toEqual([
				'3 cartons but 2 tracking number(s): C-3 (1Z0001) carry a number shared with another carton',
			]);
			const many = packCartons(
				parcel([{ contents: [{ sku: 'SKU-CASE', eaches: 12, itemSequenceNumber: '1' }] }], {
					trackingNumbers: '1Z01, 1Z02' as unknown as string[],
				}),
				pos,
			);
			expect(many.warnings).toEqual(['1 tracking number(s) not on any carton: 1Z02']);
			expect(readTrackingNumbers([{ number: 'A' }, 'A', ' B ', '', null])).toEqual(['A', 'B']);
		},
	);

	it('eaches: as given, in cartons of N units per SKU, or mixed up to N units', () => {
		const po: AcknowledgedPurchaseOrder = {
			...twoLinePo(),
			lines: [
				...twoLinePo().lines,
				{
					itemSequenceNumber: '4',
					sku: 'SKU-MUG',
					unitOfMeasure: 'Eaches',
					unitSize: 1,
					acceptedQuantity: 10,
				},
			],
		};
		const given = parcel([
			{ id: 'A', contents: [{ sku: 'SKU-EACH', eaches: 6 }] },
			{ id: 'B', contents: [{ sku: 'SKU-MUG', eaches: 10 }] },
		]);
		const contentsOf = (s: AsnShipment) =>
			s.cartons?.map((c) => [c.id, c.contents.map((x) => `${x.sku}:${x.eaches}`)]);
		expect(contentsOf(packCartons(given, [po]).shipment)).toEqual([
			['A', ['SKU-EACH:6']],
			['B', ['SKU-MUG:10']],
		]);
		expect(
			contentsOf(
				packCartons(given, [po], { eachesPacking: 'unitsPerCarton', eachesPerCarton: 4 }).shipment,
			),
		).toEqual([
			['A-1', ['SKU-EACH:4']],
			['A-2', ['SKU-EACH:2']],
			['B-1', ['SKU-MUG:4']],
			['B-2', ['SKU-MUG:4']],
			['B-3', ['SKU-MUG:2']],
		]);
		expect(
			contentsOf(packCartons(given, [po], { eachesPacking: 'mixed', eachesPerCarton: 0 }).shipment),
		).toEqual([['1001-F1-MIX-1', ['SKU-EACH:6', 'SKU-MUG:10']]]);
		expect(
			contentsOf(packCartons(given, [po], { eachesPacking: 'mixed', eachesPerCarton: 8 }).shipment),
		).toEqual([
			['1001-F1-MIX-1', ['SKU-EACH:6', 'SKU-MUG:2']],
			['1001-F1-MIX-2', ['SKU-MUG:8']],
		]);
		const mixed = buildShipmentConfirmation(
			packCartons(given, [po], { eachesPacking: 'mixed', eachesPerCarton: 8 }).shipment,
			[po],
			options(),
		);
		expect(mixed.exceptions).toEqual([]);
		expect(mixed.labels?.map((l) => [l.productText, l.eaches])).toEqual([
			['Mixed SKUs', 8],
			['SKU-MUG', 8],
		]);
	});

	it('a case line and eaches in one given carton: one carton per case, the eaches stay in the given carton', () => {
		const packed = packCartons(
			parcel([
				{
					id: 'C2',
					contents: [
						{ sku: 'SKU-CASE', eaches: 24, itemSequenceNumber: '1' },
						{ sku: 'SKU-EACH', eaches: 6 },
					],
				},
			]),
			pos,
		);
		expect(
			packed.shipment.cartons?.map((c) => [c.id, c.contents.map((x) => `${x.sku}:${x.eaches}`)]),
		).toEqual([
			['C2-1', ['SKU-CASE:12']],
			['C2-2', ['SKU-CASE:12']],
			['C2-3', ['SKU-EACH:6']],
		]);
	});

	it(
		'never repacks a carton the warehouse labelled or measured, nor cartons ' +
			'as given; leaves unreadable contents for the checks',
		() => {
			const labelled = parcel([
				{
					id: 'S',
					sscc: '006141410000000016',
					contents: [{ sku: 'SKU-CASE', eaches: 24, itemSequenceNumber: '1' }],
				},
				{
					id: 'W',
					weight: { value: 10, unit: 'kg' },
					contents: [{ sku: 'SKU-CASE', eaches: 24, itemSequenceNumber: '1' }],
				},
				{ id: 'X', contents: [{ sku: 'SKU-CASE', eaches: 18, itemSequenceNumber: '1' }] },
			]);
			const packed = packCartons(labelled, pos);
			expect(packed.shipment.cartons).toEqual(labelled.cartons);
			expect(
				packCartons(
					parcel([
						{ id: 'G', contents: [{ sku: 'SKU-CASE', eaches: 24, itemSequenceNumber: '1' }] },
					]),
					pos,
					{ cartonRule: 'asGiven' },
				).cartonCount,
			).toBe(1);
			expect(
				buildShipmentConfirmation(packed.shipment, pos, options()).exceptions.map((e) => e.code),
			).toContain('CASES_NOT_WHOLE');
		},
	);

	it('checks its options', () => {
		expect(checkPackingOptions({})).toEqual({
			cartonRule: 'onePerCase',
			eachesPacking: 'asGiven',
			eachesPerCarton: 0,
		});
		expect(() => checkPackingOptions({ cartonRule: 'perPallet' as 'asGiven' })).toThrow(
			/cartonRule must be onePerCase or asGiven/,
		);
		expect(() =>
			checkPackingOptions({ eachesPacking: 'unitsPerCarton', eachesPerCarton: 0 }),
		).toThrow(/1 or more/);
		expect(() => checkPackingOptions({ eachesPacking: 'mixed', eachesPerCarton: 2.5 })).toThrow(
			/whole number/,
		);
	});
});

describe('check and count with placeholder SSCCs', () => {
	it('checks everything, says how many serials to reserve, and leaves out the body and the labels', () => {
		const pos = [twoLinePo()];
		const shipment = packCartons(
			assignContentsToLines(
				parcel([
					{ contents: [{ sku: 'SKU-CASE', eaches: 48 }] },
					{ contents: [{ sku: 'SKU-EACH', eaches: 6 }] },
				]),
				pos,
			).shipment,
			pos,
		).shipment;
		const checked = buildShipmentConfirmation(
			shipment,
			pos,
			options({ sscc: { companyPrefix: PREFIX, placeholders: true, usedSsccs: [] } }),
		);
		expect([
			checked.ok,
			checked.checkedOnly,
			checked.ssccSerialsNeeded,
			checked.confirmation,
			checked.request,
			checked.labels,
			checked.generatedSsccs,
		]).toEqual([true, true, 5, undefined, undefined, undefined, []]);
		expect(countSsccsToGenerate(shipment, { region: 'NA', sscc: { companyPrefix: PREFIX } })).toBe(
			5,
		);
		// The real build with exactly that many reserved serials passes the same checks.
		const sent = buildShipmentConfirmation(
			shipment,
			pos,
			options({ sscc: { companyPrefix: PREFIX, serials: [11, 12, 13, 14, 15] } }),
		);
		expect([sent.ok, sent.generatedSsccs.length, sent.ssccSerialsNeeded]).toEqual([true, 5, 5]);
	});

	it('a shipment that fails its checks fails them in the counting pass too (nothing to reserve)', () => {
		const pos = [twoLinePo()];
		const bad = parcel([{ contents: [{ sku: 'SKU-CASE', eaches: 12, itemSequenceNumber: '1' }] }], {
			carrier: 'Pigeon Post',
		});
		const checked = buildShipmentConfirmation(
			bad,
			pos,
			options({ sscc: { companyPrefix: PREFIX, placeholders: true } }),
		);
		expect([checked.ok, checked.exceptions.map((e) => e.code)]).toEqual([
			false,
			['UNKNOWN_CARRIER'],
		]);
	});
});
