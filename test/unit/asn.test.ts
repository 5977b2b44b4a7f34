import {
	REGION_RULES,
	acknowledgedPurchaseOrderFrom,
	buildShipmentConfirmation,
	countSsccsToGenerate,
	parseCarrierTable,
	resolveCarrierScac,
	type AcknowledgedPurchaseOrder,
	type AsnCarton,
	type AsnShipment,
	type BuildShipmentOptions,
	type ShipmentConfirmationBuild,
} from '../../nodes/shared/domain/asn';
import { createMappingIndex, mapPurchaseOrder } from '../../nodes/shared/domain/caseMapping';
import { buildSscc, isValidSscc18 } from '../../nodes/shared/domain/asn/gs1';
import { normalisePurchaseOrder } from '../../nodes/shared/domain/purchaseOrder';
import { SubmitShipmentConfirmationsRequestSchema } from '../../nodes/shared/generated/vendorShipments';

const NOW = '2026-03-10T12:00:00Z';
const PREFIX = '0614141';

const CARRIERS = parseCarrierTable([
	{ name: 'UPS Freight', scac: 'UPGF' },
	{ name: 'United Parcel Service', scac: 'upsn' },
	{ carrier: 'FedEx Ground', code: 'FDEG' },
]);

function po(overrides: Partial<AcknowledgedPurchaseOrder> = {}): AcknowledgedPurchaseOrder {
	return {
		purchaseOrderNumber: '2JK3S9VC',
		sellingPartyId: 'VNDR1',
		shipToPartyId: 'ABCD',
		shipToAddress: {
			name: 'Amazon ABCD',
			addressLine1: '1 Fulfilment Way',
			city: 'Reno',
			countryCode: 'US',
		},
		lines: [
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
		...overrides,
	};
}

function shipment(overrides: Partial<AsnShipment> = {}): AsnShipment {
	return {
		shipmentIdentifier: 'SHIP-0001',
		shippedDate: '2026-03-10T08:00:00Z',
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

function options(overrides: Partial<BuildShipmentOptions> = {}): BuildShipmentOptions {
	return {
		region: 'NA',
		carriers: CARRIERS,
		now: NOW,
		sscc: {
			companyPrefix: PREFIX,
			extensionDigit: 0,
			serials: [1001, 1002, 1003, 1004, 1005, 1006],
		},
		...overrides,
	};
}

function codes(build: ShipmentConfirmationBuild): string[] {
	return build.exceptions.map((e) => e.code);
}

describe('buildShipmentConfirmation: loose cartons, North America', () => {
	const build = buildShipmentConfirmation(shipment(), [po()], options());

	it('builds a body that passes the official model', () => {
		expect(build.exceptions).toEqual([]);
		expect(build.ok).toBe(true);
		expect(SubmitShipmentConfirmationsRequestSchema.safeParse(build.request).success).toBe(true);
		expect(build.request).toEqual({ shipmentConfirmations: [build.confirmation] });
	});

	it('converts eaches back to the PO unit, one ASN item per PO line', () => {
		const c = build.confirmation!;
		expect(c.shipmentConfirmationType).toBe('Original');
		expect(c.shipmentStructure).toBe('LooseAssortmentCase');
		expect(c.shipmentType).toBe('LessThanTruckLoad');
		expect(c.shipmentConfirmationDate).toBe('2026-03-10T12:00:00Z');
		expect(c.sellingParty).toEqual({ partyId: 'VNDR1' });
		expect(c.shipToParty).toEqual({ partyId: 'ABCD' });
		expect(c.shipFromParty.address?.postalCode).toBe('89431');
		expect(c.shippedItems).toEqual([
			{
				itemSequenceNumber: '001',
				amazonProductIdentifier: 'B07MUG0001',
				vendorProductIdentifier: '0036000291452',
				shippedQuantity: { amount: 7, unitOfMeasure: 'Cases', unitSize: 12 },
				itemDetails: { purchaseOrderNumber: '2JK3S9VC' },
			},
			{
				itemSequenceNumber: '002',
				amazonProductIdentifier: 'B07TEE0002',
				vendorProductIdentifier: 'TEE-ID',
				shippedQuantity: { amount: 10, unitOfMeasure: 'Eaches', unitSize: 1 },
				itemDetails: { purchaseOrderNumber: '2JK3S9VC' },
			},
		]);
		expect(c.cartons?.[1].items).toEqual([
			{
				itemReference: '001',
				shippedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 12 },
			},
			{
				itemReference: '002',
				shippedQuantity: { amount: 10, unitOfMeasure: 'Eaches', unitSize: 1 },
			},
		]);
		expect(c.shipmentMeasurements).toEqual({
			grossShipmentWeight: { unitOfMeasure: 'Kg', value: '41.5' },
			cartonCount: 2,
		});
		expect(c.transportationDetails).toEqual({
			carrierScac: 'UPGF',
			carrierShipmentReferenceNumber: 'PRO123456',
			transportationMode: 'Road',
			billOfLadingNumber: 'BOL-778899',
		});
	});

	it('generates SSCCs from the supplied serials and sends them as "00" + 18 digits', () => {
		const first = buildSscc(0, PREFIX, 1001);
		const second = buildSscc(0, PREFIX, 1002);
		expect(build.generatedSsccs).toEqual([
			{
				containerType: 'carton',
				sequenceNumber: '001',
				containerId: 'C1',
				serial: '000001001',
				sscc: first,
			},
			{
				containerType: 'carton',
				sequenceNumber: '002',
				containerId: 'C2',
				serial: '000001002',
				sscc: second,
			},
		]);
		expect(isValidSscc18(first)).toBe(true);
		expect(build.confirmation!.cartons![0].cartonIdentifiers).toEqual([
			{ containerIdentificationType: 'SSCC', containerIdentificationNumber: `00${first}` },
		]);
	});

	it('outputs the label data', () => {
		const [c1, c2] = build.labels!;
		const sscc = buildSscc(0, PREFIX, 1001);
		expect(c1).toMatchObject({
			containerType: 'carton',
			countText: 'Carton 1 of 2',
			index: 1,
			count: 2,
			sscc,
			amazonSscc: `00${sscc}`,
			ssccHumanReadable: `(00) 0 0614141 000001001 ${sscc[17]}`,
			gs1128Data: `(00)${sscc}`,
			ssccGenerated: true,
			purchaseOrderText: '2JK3S9VC',
			productText: '0036000291452',
			eaches: 60,
			shipToPartyId: 'ABCD',
			carrierScac: 'UPGF',
			proNumber: 'PRO123456',
			billOfLadingNumber: 'BOL-778899',
		});
		expect(c2).toMatchObject({
			countText: 'Carton 2 of 2',
			productText: 'Mixed SKUs',
			skus: ['SKU-MUG', 'SKU-TEE'],
			eaches: 34,
		});
		expect(c1.shipToAddress?.city).toBe('Reno');
	});

	it('reports what shipped per PO line for the next ASN and the invoice', () => {
		expect(build.shippedLines).toEqual([
			expect.objectContaining({
				purchaseOrderNumber: '2JK3S9VC',
				itemSequenceNumber: '1',
				asnItemSequenceNumbers: ['001'],
				shippedQuantity: 7,
				shippedEaches: 84,
				acceptedQuantity: 10,
				alreadyShippedQuantity: 0,
				remainingQuantity: 3,
			}),
			expect.objectContaining({
				itemSequenceNumber: '2',
				shippedQuantity: 10,
				shippedEaches: 10,
				remainingQuantity: 20,
			}),
		]);
	});

	it('says how many serials to reserve', () => {
		expect(
			countSsccsToGenerate(shipment(), { region: 'NA', sscc: { companyPrefix: PREFIX } }),
		).toBe(2);
		expect(
			countSsccsToGenerate(
				shipment({
					cartons: [{ sscc: '106141411928374657', contents: [{ sku: 'SKU-TEE', eaches: 1 }] }],
				}),
				{ region: 'NA', sscc: { companyPrefix: PREFIX } },
			),
		).toBe(0);
		expect(countSsccsToGenerate(shipment(), { region: 'NA' })).toBe(0);
	});

	it('asks a nextSerials source once for exactly the count', () => {
		const calls: number[] = [];
		const out = buildShipmentConfirmation(
			shipment(),
			[po()],
			options({
				sscc: { companyPrefix: PREFIX, nextSerials: (n) => (calls.push(n), [5000, 5001]) },
			}),
		);
		expect(calls).toEqual([2]);
		expect(out.ok).toBe(true);
		expect(out.generatedSsccs.map((g) => g.serial)).toEqual(['000005000', '000005001']);
	});
});

describe('SSCC validation', () => {
	it('accepts a valid warehouse SSCC in any form and refuses a wrong one', () => {
		const good = buildShipmentConfirmation(
			shipment({
				cartons: [
					{
						id: 'C1',
						sscc: '(00) 1 0614141 192837465 7',
						contents: [{ sku: 'SKU-MUG', eaches: 12 }],
					},
				],
			}),
			[po()],
			options(),
		);
		expect(good.ok).toBe(true);
		expect(good.generatedSsccs).toEqual([]);
		expect(good.confirmation!.cartons![0].cartonIdentifiers![0].containerIdentificationNumber).toBe(
			'00106141411928374657',
		);
		expect(good.labels![0]).toMatchObject({
			ssccGenerated: false,
			ssccHumanReadable: '(00) 1 0614141 192837465 7',
		});

		const bad = buildShipmentConfirmation(
			shipment({
				cartons: [
					{ id: 'C1', sscc: '106141411928374658', contents: [{ sku: 'SKU-MUG', eaches: 12 }] },
				],
			}),
			[po()],
			options(),
		);
		expect(bad.ok).toBe(false);
		expect(bad.confirmation).toBeUndefined();
		expect(bad.labels).toBeUndefined();
		expect(bad.exceptions).toEqual([
			{
				code: 'INVALID_SSCC',
				message: expect.stringContaining(
					'Carton C1: SSCC "106141411928374658" has a wrong check digit: 8, expected 7',
				),
				path: 'cartons[0].sscc',
				details: { sscc: '106141411928374658' },
			},
		]);
	});

	it('refuses duplicates, reuse and running out of serials', () => {
		const dup = buildShipmentConfirmation(
			shipment({
				cartons: [
					{ id: 'C1', sscc: '106141411928374657', contents: [{ sku: 'SKU-MUG', eaches: 12 }] },
					{ id: 'C2', sscc: '00106141411928374657', contents: [{ sku: 'SKU-TEE', eaches: 1 }] },
				],
			}),
			[po()],
			options({ sscc: { companyPrefix: PREFIX, serials: [], usedSsccs: ['106141411928374657'] } }),
		);
		expect(codes(dup)).toEqual(['SSCC_REUSED', 'SSCC_REUSED', 'DUPLICATE_SSCC']);

		const short = buildShipmentConfirmation(
			shipment(),
			[po()],
			options({ sscc: { companyPrefix: PREFIX, serials: [7] } }),
		);
		expect(codes(short)).toEqual(['SSCC_SERIALS_EXHAUSTED']);
		expect(short.exceptions[0].details).toEqual({ needed: 2, supplied: 1 });
	});

	it('needs an SSCC on every carton in NA when none can be generated', () => {
		const out = buildShipmentConfirmation(shipment(), [po()], options({ sscc: undefined }));
		expect(codes(out)).toEqual(['SSCC_MISSING', 'SSCC_MISSING']);
	});
});

describe('carriers', () => {
	it('maps names to SCAC and never sends free text', () => {
		expect(resolveCarrierScac('united-parcel  SERVICE', CARRIERS)).toEqual({
			ok: true,
			scac: 'UPSN',
			matchedBy: 'name',
		});
		expect(resolveCarrierScac('fdeg', CARRIERS)).toEqual({
			ok: true,
			scac: 'FDEG',
			matchedBy: 'scac',
		});
		const unknown = buildShipmentConfirmation(
			shipment({ carrier: 'UPSN - UNITED PARCEL SERVICE' }),
			[po()],
			options(),
		);
		expect(unknown.ok).toBe(false);
		expect(unknown.exceptions).toEqual([
			expect.objectContaining({
				code: 'UNKNOWN_CARRIER',
				path: 'carrier',
				details: { carrier: 'UPSN - UNITED PARCEL SERVICE' },
				message: expect.stringContaining('is not in the carrier table'),
			}),
		]);
		// With a row for that text, only the code is sent.
		const mapped = buildShipmentConfirmation(
			shipment({ carrier: 'UPSN - UNITED PARCEL SERVICE' }),
			[po()],
			options({ carriers: [...CARRIERS, { name: 'UPSN - UNITED PARCEL SERVICE', scac: 'UPSN' }] }),
		);
		expect(mapped.confirmation!.transportationDetails!.carrierScac).toBe('UPSN');
	});

	it('checks the carrier table', () => {
		expect(() => parseCarrierTable([{ name: 'X', scac: 'TOOLONG' }])).toThrow(
			'rows[0].scac must be 2 to 4 letters',
		);
		expect(
			parseCarrierTable([
				{ name: '', scac: '' },
				{ name: 'DHL', scac: 'dhlc' },
			]),
		).toEqual([{ name: 'DHL', scac: 'DHLC' }]);
	});
});

describe('quantities', () => {
	it('allows partial shipments whose sum equals the accepted quantity', () => {
		const one = (id: string, eaches: number, already: number) =>
			buildShipmentConfirmation(
				shipment({
					shipmentIdentifier: id,
					cartons: [{ id: 'C1', contents: [{ sku: 'SKU-MUG', eaches }] }],
				}),
				[po({ lines: [{ ...po().lines[0], alreadyShippedQuantity: already }] })],
				options({
					usedShipmentIdentifiers: ['SHIP-A', 'SHIP-B'].filter((x) => x !== id && x < id),
				}),
			);
		const first = one('SHIP-A', 48, 0);
		expect(first.ok).toBe(true);
		expect(first.shippedLines[0]).toMatchObject({ shippedQuantity: 4, remainingQuantity: 6 });
		const second = one('SHIP-B', 72, 4);
		expect(second.ok).toBe(true);
		expect(second.shippedLines[0]).toMatchObject({
			shippedQuantity: 6,
			alreadyShippedQuantity: 4,
			remainingQuantity: 0,
		});
		const third = one('SHIP-C', 12, 10);
		expect(third.ok).toBe(false);
		expect(third.exceptions).toEqual([
			expect.objectContaining({
				code: 'OVER_SHIPMENT',
				message:
					'PO 2JK3S9VC line 1 (SKU "SKU-MUG"): shipping 1 cases of 12 but only 0 ' +
					'may ship (accepted 10 - already shipped 10)',
				details: expect.objectContaining({
					shipped: 1,
					accepted: 10,
					alreadyShipped: 10,
					shippable: 0,
				}),
			}),
		]);
	});

	it('refuses a second dispatch under the same shipment identifier', () => {
		const out = buildShipmentConfirmation(
			shipment({ shipmentIdentifier: 'SHIP-A' }),
			[po()],
			options({ usedShipmentIdentifiers: ['SHIP-A'] }),
		);
		expect(codes(out)).toEqual(['SHIPMENT_ID_REUSED']);
	});

	it('needs whole cases on a Cases line', () => {
		const out = buildShipmentConfirmation(
			shipment({ cartons: [{ id: 'C1', contents: [{ sku: 'SKU-MUG', eaches: 18 }] }] }),
			[po()],
			options(),
		);
		expect(codes(out)).toEqual(['CASES_NOT_WHOLE', 'CASES_NOT_WHOLE']);
		expect(out.exceptions[0].details).toEqual({
			sku: 'SKU-MUG',
			eaches: 18,
			unitSize: 12,
			wholeCases: 1,
			looseEaches: 6,
		});
	});

	it('sends eaches on request, still in whole cases', () => {
		const out = buildShipmentConfirmation(
			shipment({ cartons: [{ id: 'C1', contents: [{ sku: 'SKU-MUG', eaches: 24 }] }] }),
			[po()],
			options({ quantityUnit: 'eaches' }),
		);
		expect(out.confirmation!.shippedItems[0].shippedQuantity).toEqual({
			amount: 24,
			unitOfMeasure: 'Eaches',
			unitSize: 1,
		});
	});

	it('finds unknown and ambiguous SKUs', () => {
		const other = po({
			purchaseOrderNumber: '3TRD2IAB',
			lines: [{ ...po().lines[1], itemSequenceNumber: '5' }],
		});
		const cartons: AsnCarton[] = [
			{
				id: 'C1',
				contents: [
					{ sku: 'SKU-TEE', eaches: 2 },
					{ sku: 'SKU-NOPE', eaches: 1 },
					{ sku: 'SKU-TEE', eaches: 0 },
				],
			},
		];
		const out = buildShipmentConfirmation(shipment({ cartons }), [po(), other], options());
		expect(codes(out)).toEqual(['AMBIGUOUS_SKU', 'UNKNOWN_SKU', 'INVALID_QUANTITY']);
		const resolved = buildShipmentConfirmation(
			shipment({
				cartons: [
					{
						id: 'C1',
						contents: [
							{ sku: 'SKU-TEE', eaches: 2, purchaseOrderNumber: '3TRD2IAB' },
							{ sku: 'SKU-TEE', eaches: 3, purchaseOrderNumber: '2JK3S9VC' },
						],
					},
				],
			}),
			[po(), other],
			options(),
		);
		expect(resolved.ok).toBe(true);
		expect(resolved.confirmation!.shipmentStructure).toBe('LooseAssortmentCase');
		// Two POs in one carton: the PO number goes on the carton items too.
		expect(
			resolved.confirmation!.cartons![0].items.map((i) => i.itemDetails?.purchaseOrderNumber),
		).toEqual(['3TRD2IAB', '2JK3S9VC']);
		expect(resolved.labels![0].purchaseOrderText).toBe('Mixed POs');
	});

	it('keeps lots apart and refuses two lots of one item in a carton', () => {
		const lots = buildShipmentConfirmation(
			shipment({
				cartons: [
					{
						id: 'C1',
						contents: [{ sku: 'SKU-TEE', eaches: 4, lotNumber: 'L1', expiryDate: '2027-01-31' }],
					},
					{
						id: 'C2',
						contents: [{ sku: 'SKU-TEE', eaches: 6, lotNumber: 'L2', expiryDate: '2027-02-28' }],
					},
				],
			}),
			[po()],
			options(),
		);
		expect(lots.ok).toBe(true);
		expect(
			lots.confirmation!.shippedItems.map((i) => [
				i.itemSequenceNumber,
				i.shippedQuantity.amount,
				i.itemDetails?.lotNumber,
				i.itemDetails?.expiry?.expiryDate,
			]),
		).toEqual([
			['001', 4, 'L1', '2027-01-31T00:00:00Z'],
			['002', 6, 'L2', '2027-02-28T00:00:00Z'],
		]);
		expect(lots.shippedLines[0].asnItemSequenceNumbers).toEqual(['001', '002']);
		const mixed = buildShipmentConfirmation(
			shipment({
				cartons: [
					{
						id: 'C1',
						contents: [
							{ sku: 'SKU-TEE', eaches: 4, lotNumber: 'L1' },
							{ sku: 'SKU-TEE', eaches: 6, lotNumber: 'L2' },
						],
					},
				],
			}),
			[po()],
			options(),
		);
		expect(codes(mixed)).toEqual(['MULTIPLE_LOTS_IN_CONTAINER']);
	});
});

describe('region rules', () => {
	it('NA: SCAC, PRO, and a bill of lading for truckload', () => {
		const out = buildShipmentConfirmation(
			shipment({
				carrier: undefined,
				proNumber: undefined,
				billOfLadingNumber: undefined,
				shipmentType: 'TruckLoad',
			}),
			[po()],
			options(),
		);
		expect(codes(out)).toEqual(['CARRIER_MISSING', 'PRO_NUMBER_MISSING', 'BILL_OF_LADING_MISSING']);
		const bol = buildShipmentConfirmation(
			shipment({ billOfLadingNumber: '2026-03-10' }),
			[po()],
			options(),
		);
		expect(codes(bol)).toEqual(['BILL_OF_LADING_INVALID']);
		expect(REGION_RULES.NA).toEqual({
			scacRequired: true,
			proNumberRequired: true,
			billOfLading: 'truckload',
			ssccOnEveryCarton: true,
		});
	});

	it('NA small parcel: a tracking number on every carton (the PRO falls back to it)', () => {
		const missing = buildShipmentConfirmation(
			shipment({
				shipmentType: 'SmallParcel',
				proNumber: undefined,
				billOfLadingNumber: undefined,
				trackingNumber: '1Z999',
			}),
			[po()],
			options(),
		);
		expect(codes(missing)).toEqual(['TRACKING_NUMBER_MISSING', 'TRACKING_NUMBER_MISSING']);
		const ok = buildShipmentConfirmation(
			shipment({
				shipmentType: 'parcel',
				proNumber: undefined,
				billOfLadingNumber: undefined,
				trackingNumber: '1Z999',
				cartons: [
					{ id: 'C1', trackingNumber: '1Z001', contents: [{ sku: 'SKU-TEE', eaches: 3 }] },
					{ id: 'C2', trackingNumber: '1Z002', contents: [{ sku: 'SKU-TEE', eaches: 3 }] },
				],
			}),
			[po()],
			options(),
		);
		expect(ok.ok).toBe(true);
		expect(ok.confirmation!.shipmentStructure).toBe('LooseStandardCase');
		expect(ok.confirmation!.transportationDetails).toMatchObject({
			carrierShipmentReferenceNumber: '1Z999',
		});
		expect(ok.confirmation!.cartons!.map((c) => c.trackingNumber)).toEqual(['1Z001', '1Z002']);
	});

	it('EU: bill of lading always, SSCC on every carton, carrier and PRO optional', () => {
		const eu = (o: Partial<BuildShipmentOptions>, s: Partial<AsnShipment> = {}) =>
			buildShipmentConfirmation(
				shipment({
					carrier: undefined,
					proNumber: undefined,
					billOfLadingNumber: undefined,
					shipmentType: undefined,
					...s,
				}),
				[po()],
				options({ region: 'EU', ...o }),
			);
		expect(codes(eu({}))).toEqual(['BILL_OF_LADING_MISSING']);
		expect(codes(eu({ sscc: undefined }, { billOfLadingNumber: 'DN-5512' }))).toEqual([
			'SSCC_MISSING',
			'SSCC_MISSING',
		]);
		const ok = eu({}, { billOfLadingNumber: 'DN-5512' });
		expect(ok.ok).toBe(true);
		expect(ok.confirmation!.transportationDetails).toEqual({
			transportationMode: 'Road',
			billOfLadingNumber: 'DN-5512',
		});
	});

	it('FE: no SSCC needed when none can be generated', () => {
		const out = buildShipmentConfirmation(
			shipment({ carrier: undefined, proNumber: undefined }),
			[po()],
			options({ region: 'FE', sscc: undefined }),
		);
		expect(out.ok).toBe(true);
		expect(out.confirmation!.cartons![0].cartonIdentifiers).toBeUndefined();
		expect(out.labels![0].sscc).toBeUndefined();
	});

	it('refuses a shipped date in the future or too old', () => {
		expect(
			codes(
				buildShipmentConfirmation(
					shipment({ shippedDate: '2026-03-13T12:00:01Z' }),
					[po()],
					options(),
				),
			),
		).toEqual(['SHIPPED_DATE_OUT_OF_RANGE']);
		expect(
			codes(
				buildShipmentConfirmation(
					shipment({ shippedDate: '2026-03-01T00:00:00Z' }),
					[po()],
					options(),
				),
			),
		).toEqual(['SHIPPED_DATE_OUT_OF_RANGE']);
		expect(
			codes(buildShipmentConfirmation(shipment({ shippedDate: 'yesterday' }), [po()], options())),
		).toEqual(['INVALID_DATE']);
	});

	it('one destination and one vendor code per ASN', () => {
		const other = po({
			purchaseOrderNumber: 'OTHERPO1',
			shipToPartyId: 'WXYZ',
			lines: [{ ...po().lines[1], sku: 'SKU-CAP' }],
		});
		const out = buildShipmentConfirmation(
			shipment({
				cartons: [
					{
						id: 'C1',
						contents: [
							{ sku: 'SKU-TEE', eaches: 1 },
							{ sku: 'SKU-CAP', eaches: 1 },
						],
					},
				],
			}),
			[po(), other],
			options(),
		);
		expect(codes(out)).toEqual(['MIXED_DESTINATIONS']);
	});
});

describe('pallets', () => {
	const palletised = (): AsnShipment =>
		shipment({
			shipmentType: 'TruckLoad',
			pallets: [
				{
					id: 'P1',
					weight: { value: 300, unit: 'lbs' },
					dimensions: { length: '120', width: '100', height: '150', unit: 'cm' },
					tier: 2,
					block: 2,
				},
				{ id: 'P2' },
			],
			cartons: [
				{ id: 'C1', palletId: 'P1', contents: [{ sku: 'SKU-MUG', eaches: 24 }] },
				{ id: 'C2', palletId: 'P1', contents: [{ sku: 'SKU-MUG', eaches: 24 }] },
				{ id: 'C3', palletId: 'P2', contents: [{ sku: 'SKU-TEE', eaches: 10 }] },
			],
		});

	it('palletised standard cases with pallet SSCCs and carton references', () => {
		const out = buildShipmentConfirmation(palletised(), [po()], options());
		expect(out.exceptions).toEqual([]);
		const c = out.confirmation!;
		expect(c.shipmentStructure).toBe('PalletizedStandardCase');
		expect(c.shipmentMeasurements).toMatchObject({ cartonCount: 3, palletCount: 2 });
		expect(c.pallets![0]).toEqual({
			palletIdentifiers: [
				{
					containerIdentificationType: 'SSCC',
					containerIdentificationNumber: `00${buildSscc(0, PREFIX, 1004)}`,
				},
			],
			tier: 2,
			block: 2,
			dimensions: { length: '1.20', width: '1.00', height: '1.50', unitOfMeasure: 'Meter' },
			weight: { unitOfMeasure: 'Lb', value: '300' },
			cartonReferenceDetails: { cartonCount: 2, cartonReferenceNumbers: ['001', '002'] },
		});
		expect(out.generatedSsccs.map((g) => `${g.containerType}${g.sequenceNumber}`)).toEqual([
			'carton001',
			'carton002',
			'carton003',
			'pallet001',
			'pallet002',
		]);
		const palletLabel = out.labels!.find((l) => l.containerType === 'pallet' && l.index === 1)!;
		expect(palletLabel).toMatchObject({
			countText: 'Pallet 1 of 2',
			eaches: 48,
			productText: '0036000291452',
			billOfLadingNumber: 'BOL-778899',
		});
		expect(SubmitShipmentConfirmationsRequestSchema.safeParse(out.request).success).toBe(true);
	});

	it('items straight on pallets are a PalletOfItems', () => {
		const out = buildShipmentConfirmation(
			shipment({
				shipmentType: 'LTL',
				cartons: [],
				pallets: [
					{ id: 'P1', sscc: '106141411928374657', contents: [{ sku: 'SKU-MUG', eaches: 120 }] },
				],
			}),
			[po()],
			options(),
		);
		expect(out.ok).toBe(true);
		expect(out.confirmation!.shipmentStructure).toBe('PalletOfItems');
		expect(out.confirmation!.pallets![0].items).toEqual([
			{
				itemReference: '001',
				shippedQuantity: { amount: 10, unitOfMeasure: 'Cases', unitSize: 12 },
			},
		]);
		expect(out.confirmation!.cartons).toBeUndefined();
	});

	it('refuses loose and palletised cartons together, and unknown pallets', () => {
		const s = palletised();
		s.cartons!.push(
			{ id: 'C4', contents: [{ sku: 'SKU-TEE', eaches: 1 }] },
			{ id: 'C5', palletId: 'P9', contents: [{ sku: 'SKU-TEE', eaches: 1 }] },
		);
		const out = buildShipmentConfirmation(
			s,
			[po()],
			options({ sscc: { companyPrefix: PREFIX, serials: [1, 2, 3, 4, 5, 6, 7] } }),
		);
		expect(codes(out)).toEqual(['UNKNOWN_PALLET', 'MIXED_STRUCTURE']);
		expect(out.exceptions[1].message).toBe(
			'1 carton(s) are loose while others are on pallets: send them in a separate ASN or put them on a pallet',
		);
	});
});

describe('Replace', () => {
	const original = buildShipmentConfirmation(shipment(), [po()], options());
	const previous = { confirmation: original.confirmation!, submittedAt: '2026-03-10T12:00:00Z' };
	const reduced = () =>
		shipment({
			cartons: [
				{
					id: 'C1',
					sscc: original.generatedSsccs[0].sscc,
					contents: [{ sku: 'SKU-MUG', eaches: 48 }],
				},
				{
					id: 'C2',
					sscc: original.generatedSsccs[1].sscc,
					contents: [
						{ sku: 'SKU-MUG', eaches: 24 },
						{ sku: 'SKU-TEE', eaches: 8 },
					],
				},
			],
		});
	const used = original.generatedSsccs.map((g) => g.sscc);

	it('allows reductions under the same identifier within 7 days', () => {
		const out = buildShipmentConfirmation(
			reduced(),
			[po()],
			options({
				confirmationType: 'Replace',
				previous,
				now: '2026-03-12T09:00:00Z',
				sscc: { companyPrefix: PREFIX, serials: [], usedSsccs: used },
			}),
		);
		expect(out.exceptions).toEqual([]);
		expect(out.confirmation!.shipmentConfirmationType).toBe('Replace');
		expect(out.confirmation!.shipmentIdentifier).toBe('SHIP-0001');
		expect(out.confirmation!.shippedItems.map((i) => i.shippedQuantity.amount)).toEqual([6, 8]);
	});

	it('refuses increases, new items, another identifier, late or received replacements', () => {
		const more = shipment({ cartons: [{ id: 'C1', contents: [{ sku: 'SKU-MUG', eaches: 96 }] }] });
		expect(
			codes(
				buildShipmentConfirmation(
					more,
					[po()],
					options({ confirmationType: 'Replace', previous, now: '2026-03-11T00:00:00Z' }),
				),
			),
		).toEqual(['REPLACE_INCREASE']);
		const cartonsUp = shipment({
			cartons: [...shipment().cartons!, { id: 'C3', contents: [{ sku: 'SKU-TEE', eaches: 0 }] }],
		});
		expect(
			codes(
				buildShipmentConfirmation(
					cartonsUp,
					[po()],
					options({ confirmationType: 'Replace', previous, now: '2026-03-11T00:00:00Z' }),
				),
			),
		).toContain('REPLACE_INCREASE');
		const newItemPo = po({
			lines: [
				...po().lines,
				{
					itemSequenceNumber: '3',
					amazonProductIdentifier: 'B07CAP0003',
					sku: 'SKU-CAP',
					unitOfMeasure: 'Eaches',
					unitSize: 1,
					acceptedQuantity: 5,
				},
			],
		});
		const newItem = shipment({
			cartons: [{ id: 'C1', contents: [{ sku: 'SKU-CAP', eaches: 1 }] }],
		});
		expect(
			codes(
				buildShipmentConfirmation(
					newItem,
					[newItemPo],
					options({ confirmationType: 'Replace', previous, now: '2026-03-11T00:00:00Z' }),
				),
			),
		).toEqual(['REPLACE_NEW_ITEM']);
		expect(
			codes(
				buildShipmentConfirmation(
					shipment({ shipmentIdentifier: 'SHIP-0002', shippedDate: '2026-03-17T08:00:00Z' }),
					[po()],
					options({ confirmationType: 'Replace', previous, now: '2026-03-17T12:00:01Z' }),
				),
			),
		).toEqual(['REPLACE_IDENTIFIER_MISMATCH', 'REPLACE_TOO_LATE']);
		expect(
			codes(
				buildShipmentConfirmation(
					reduced(),
					[po()],
					options({
						confirmationType: 'Replace',
						previous: { ...previous, receivedAtFulfilmentCentre: true },
						now: '2026-03-11T00:00:00Z',
					}),
				),
			),
		).toEqual(['REPLACE_AFTER_RECEIPT']);
		expect(
			codes(buildShipmentConfirmation(reduced(), [po()], options({ confirmationType: 'Replace' }))),
		).toEqual(['REPLACE_WITHOUT_PREVIOUS']);
		expect(codes(buildShipmentConfirmation(shipment(), [po()], options({ previous })))).toEqual([
			'SHIPMENT_ID_REUSED',
		]);
	});
});

describe('acknowledgedPurchaseOrderFrom', () => {
	const raw = {
		purchaseOrderNumber: '2JK3S9VC',
		purchaseOrderState: 'Acknowledged',
		orderDetails: {
			purchaseOrderDate: '2026-03-01T10:00:00Z',
			purchaseOrderStateChangedDate: '2026-03-01T12:00:00Z',
			sellingParty: { partyId: 'VNDR1' },
			shipToParty: {
				partyId: 'ABCD',
				address: { name: 'Amazon ABCD', addressLine1: '1 Fulfilment Way', countryCode: 'US' },
			},
			items: [
				{
					itemSequenceNumber: '1',
					amazonProductIdentifier: 'B07MUG0001',
					orderedQuantity: { amount: 10, unitOfMeasure: 'Cases', unitSize: 12 },
					isBackOrderAllowed: true,
					netCost: { currencyCode: 'USD', amount: '2.50' },
				},
				{
					itemSequenceNumber: '2',
					amazonProductIdentifier: 'B07TEE0002',
					orderedQuantity: { amount: 30, unitOfMeasure: 'Eaches' },
					isBackOrderAllowed: false,
					netCost: { currencyCode: 'USD', amount: '4.00' },
				},
				{
					itemSequenceNumber: '3',
					amazonProductIdentifier: 'B07UNMAPPED',
					orderedQuantity: { amount: 5, unitOfMeasure: 'Eaches' },
					isBackOrderAllowed: false,
					netCost: { currencyCode: 'USD', amount: '1.00' },
				},
			],
		},
	};
	const mapped = mapPurchaseOrder(
		normalisePurchaseOrder(raw),
		createMappingIndex([
			{ asin: 'B07MUG0001', sku: 'SKU-MUG', casePack: 12 },
			{ asin: 'B07TEE0002', sku: 'SKU-TEE' },
		]),
		{ partialPo: 'continueWithRejections' },
	);

	it('uses the acknowledgement: Accepted + Backordered ship, Rejected does not', () => {
		const ack = {
			purchaseOrderNumber: '2JK3S9VC',
			items: [
				{
					itemSequenceNumber: '1',
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Accepted' as const,
							acknowledgedQuantity: { amount: 6, unitOfMeasure: 'Cases' as const, unitSize: 12 },
						},
						{
							acknowledgementCode: 'Backordered' as const,
							acknowledgedQuantity: { amount: 4, unitOfMeasure: 'Cases' as const, unitSize: 12 },
						},
					],
				},
				{
					itemSequenceNumber: '2',
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Accepted' as const,
							acknowledgedQuantity: { amount: 20, unitOfMeasure: 'Eaches' as const, unitSize: 1 },
						},
						{
							acknowledgementCode: 'Rejected' as const,
							acknowledgedQuantity: { amount: 10, unitOfMeasure: 'Eaches' as const, unitSize: 1 },
						},
					],
				},
			],
		};
		const out = acknowledgedPurchaseOrderFrom(mapped, ack, { '2': 5 });
		expect(out).toEqual({
			purchaseOrderNumber: '2JK3S9VC',
			sellingPartyId: 'VNDR1',
			shipToPartyId: 'ABCD',
			shipToAddress: { name: 'Amazon ABCD', addressLine1: '1 Fulfilment Way', countryCode: 'US' },
			lines: [
				{
					itemSequenceNumber: '1',
					amazonProductIdentifier: 'B07MUG0001',
					sku: 'SKU-MUG',
					unitOfMeasure: 'Cases',
					unitSize: 12,
					acceptedQuantity: 10,
					alreadyShippedQuantity: 0,
				},
				{
					itemSequenceNumber: '2',
					amazonProductIdentifier: 'B07TEE0002',
					sku: 'SKU-TEE',
					unitOfMeasure: 'Eaches',
					unitSize: 1,
					acceptedQuantity: 20,
					alreadyShippedQuantity: 5,
				},
			],
		});
		expect(
			acknowledgedPurchaseOrderFrom(mapped, ack, {}, { includeBackordered: false }).lines[0]
				.acceptedQuantity,
		).toBe(6);
	});

	it('without an acknowledgement takes the mapped lines in full', () => {
		const out = acknowledgedPurchaseOrderFrom(mapped);
		expect(out.lines.map((l) => [l.itemSequenceNumber, l.acceptedQuantity])).toEqual([
			['1', 10],
			['2', 30],
		]);
	});
});
