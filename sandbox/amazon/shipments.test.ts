import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { amazonModelsDir } from '../paths';
import { makeAmazonSscc } from './gs1';
import type {
	AmazonRecordsView,
	PurchaseOrderView,
	Region,
	SsccUse,
	StoredInvoice,
	StoredShipmentConfirmation,
	StoredTransportShipment,
} from './ruleTypes';
import {
	checkShipmentConfirmations,
	checkShipments,
	type ShipmentConfirmationsEffects,
	type ShipmentsEffects,
} from './shipments';
import type { Order } from './types';

// ---------------------------------------------------------------------------------------------
// A small in-memory AmazonRecordsView
// ---------------------------------------------------------------------------------------------

const NOW = new Date('2026-03-10T12:00:00.000Z');
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

interface FakeRecords {
	now: Date;
	region: Region;
	orders: Map<string, PurchaseOrderView>;
	asns: StoredShipmentConfirmation[];
	transport: StoredTransportShipment[];
	invoices: Map<string, StoredInvoice>;
}

function makeView(db: FakeRecords): AmazonRecordsView {
	return {
		get region() {
			return db.region;
		},
		now: () => db.now,
		getOrder: (po) => db.orders.get(po),
		findShipmentConfirmations: (id) => db.asns.filter((a) => a.record.shipmentIdentifier === id),
		ssccUses(sscc, since) {
			const uses: SsccUse[] = [];
			for (const a of db.asns) {
				if (a.record.ssccs.includes(sscc) && Date.parse(a.record.receivedAt) >= since.getTime()) {
					uses.push({
						sscc,
						documentType: 'shipmentConfirmation',
						documentId: a.record.shipmentIdentifier,
						sellingPartyId: a.record.sellingPartyId,
						usedAt: a.record.receivedAt,
					});
				}
			}
			for (const t of db.transport) {
				if (
					!t.cancelled &&
					t.record.ssccs.includes(sscc) &&
					Date.parse(t.record.receivedAt) >= since.getTime()
				) {
					uses.push({
						sscc,
						documentType: 'shipment',
						documentId: t.record.vendorShipmentIdentifier,
						sellingPartyId: t.record.sellingPartyId,
						usedAt: t.record.receivedAt,
					});
				}
			}
			return uses;
		},
		shippedEaches: (po, line) =>
			db.asns
				.flatMap((a) => a.record.lines)
				.filter((l) => l.purchaseOrderNumber === po && l.itemSequenceNumber === line)
				.reduce((n, l) => n + l.eaches, 0),
		findTransportShipments: (id) =>
			db.transport.filter((t) => t.record.vendorShipmentIdentifier === id),
		findInvoice: (id) => db.invoices.get(id),
		invoicedEaches: () => 0,
	};
}

/** Records a successful SubmitShipmentConfirmations the way the server should. */
function recordAsns(db: FakeRecords, effects: ShipmentConfirmationsEffects): void {
	for (const record of effects.asns) {
		db.asns = db.asns.filter(
			(a) =>
				!(
					a.record.shipmentIdentifier === record.shipmentIdentifier &&
					a.record.sellingPartyId === record.sellingPartyId
				),
		);
		db.asns.push({ record, delivered: false });
	}
}

function recordShipments(db: FakeRecords, effects: ShipmentsEffects): void {
	for (const record of effects.shipments)
		db.transport.push({ record, cancelled: false, status: 'Created' });
	for (const c of effects.cancellations) {
		for (const t of db.transport) {
			if (
				t.record.vendorShipmentIdentifier === c.vendorShipmentIdentifier &&
				t.record.sellingPartyId === c.sellingPartyId
			)
				t.cancelled = true;
		}
	}
}

function order(
	po: string,
	acknowledged: boolean,
	lines: Array<{
		seq: string;
		asin: string;
		vendor: string;
		ordered: number;
		accepted: number;
		cost: string;
	}>,
): PurchaseOrderView {
	const o: Order = {
		purchaseOrderNumber: po,
		purchaseOrderState: acknowledged ? 'Acknowledged' : 'New',
		orderDetails: {
			purchaseOrderDate: '2026-03-01T10:00:00Z',
			purchaseOrderStateChangedDate: '2026-03-02T10:00:00Z',
			sellingParty: { partyId: 'API01' },
			shipToParty: { partyId: 'ABE2' },
			items: lines.map((l) => ({
				itemSequenceNumber: l.seq,
				amazonProductIdentifier: l.asin,
				vendorProductIdentifier: l.vendor,
				orderedQuantity: { amount: l.ordered, unitOfMeasure: 'Eaches', unitSize: 1 },
				isBackOrderAllowed: false,
				netCost: { currencyCode: 'USD', amount: l.cost },
			})),
		},
	};
	return {
		purchaseOrderNumber: po,
		order: o,
		acknowledged,
		lines: lines.map((l) => ({
			itemSequenceNumber: l.seq,
			amazonProductIdentifier: l.asin,
			vendorProductIdentifier: l.vendor,
			orderedEaches: l.ordered,
			acceptedEaches: l.accepted,
			acknowledgedNetCost: { currencyCode: 'USD', amount: l.cost },
			netCost: { currencyCode: 'USD', amount: l.cost },
		})),
	};
}

function freshDb(region: Region = 'na'): FakeRecords {
	return {
		now: NOW,
		region,
		orders: new Map([
			[
				'PO000001',
				order('PO000001', true, [
					{
						seq: '1',
						asin: 'B0ASIN0001',
						vendor: 'SKU-1',
						ordered: 24,
						accepted: 24,
						cost: '19.99',
					},
					{ seq: '2', asin: 'B0ASIN0002', vendor: 'SKU-2', ordered: 10, accepted: 6, cost: '5.00' },
				]),
			],
			[
				'PO000002',
				order('PO000002', false, [
					{
						seq: '1',
						asin: 'B0ASIN0001',
						vendor: 'SKU-1',
						ordered: 12,
						accepted: 0,
						cost: '19.99',
					},
				]),
			],
			[
				'PO000003',
				order('PO000003', true, [
					{
						seq: '1',
						asin: 'B0ASIN0001',
						vendor: 'SKU-1',
						ordered: 12,
						accepted: 12,
						cost: '19.99',
					},
				]),
			],
		]),
		asns: [],
		transport: [],
		invoices: new Map(),
	};
}

const sscc = (n: number) => makeAmazonSscc(0, '0614141', n);
const ssccId = (n: number) => ({
	containerIdentificationType: 'SSCC',
	containerIdentificationNumber: sscc(n),
});

/** A valid NA LTL ASN: 2 cases of 12 of line 1 of PO000001, in 2 cartons on 1 pallet. */
function baseAsn(): any {
	return {
		shipmentIdentifier: 'ASN-0001',
		shipmentConfirmationType: 'Original',
		shipmentType: 'LessThanTruckLoad',
		shipmentStructure: 'PalletizedAssortmentCase',
		transportationDetails: {
			carrierScac: 'ABFS',
			carrierShipmentReferenceNumber: 'PRO123456',
			transportationMode: 'Road',
			billOfLadingNumber: 'BOL-778899',
		},
		shipmentConfirmationDate: NOW.toISOString(),
		shippedDate: new Date(NOW.getTime() - HOUR).toISOString(),
		sellingParty: { partyId: 'API01' },
		shipFromParty: { partyId: 'WH1' },
		shipToParty: { partyId: 'ABE2' },
		shipmentMeasurements: { cartonCount: 2, palletCount: 1 },
		shippedItems: [
			{
				itemSequenceNumber: '001',
				amazonProductIdentifier: 'B0ASIN0001',
				vendorProductIdentifier: 'SKU-1',
				shippedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 12 },
				itemDetails: { purchaseOrderNumber: 'PO000001' },
			},
		],
		cartons: [
			{
				cartonIdentifiers: [ssccId(1)],
				cartonSequenceNumber: '001',
				items: [
					{
						itemReference: '001',
						shippedQuantity: { amount: 12, unitOfMeasure: 'Eaches', unitSize: 1 },
					},
				],
			},
			{
				cartonIdentifiers: [ssccId(2)],
				cartonSequenceNumber: '002',
				items: [
					{
						itemReference: '001',
						shippedQuantity: { amount: 1, unitOfMeasure: 'Cases', unitSize: 12 },
					},
				],
			},
		],
		pallets: [
			{
				palletIdentifiers: [ssccId(3)],
				cartonReferenceDetails: { cartonCount: 2, cartonReferenceNumbers: ['001', '002'] },
			},
		],
	};
}

const body = (...confirmations: any[]) => ({ shipmentConfirmations: confirmations });

// JSON-schema check of the fixtures against Amazon's model (the server validates before the rules).
const modelsDir = amazonModelsDir();
function modelValidator(file: string, definition: string) {
	const model = JSON.parse(fs.readFileSync(path.join(modelsDir, file), 'utf8'));
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv);
	ajv.addSchema({ definitions: model.definitions }, 'model');
	return ajv.compile({ $ref: `model#/definitions/${definition}` });
}

describe('fixtures', () => {
	it('the base ASN and transport request are valid against vendorShipments.json', () => {
		const validateAsn = modelValidator(
			'vendorShipments.json',
			'SubmitShipmentConfirmationsRequest',
		);
		expect(validateAsn(body(baseAsn()))).toBe(true);
		const validateShipments = modelValidator('vendorShipments.json', 'SubmitShipments');
		expect(validateShipments({ shipments: [baseShipment()] })).toBe(true);
	});
});

// ---------------------------------------------------------------------------------------------
// SubmitShipmentConfirmations
// ---------------------------------------------------------------------------------------------

describe('checkShipmentConfirmations', () => {
	let db: FakeRecords;
	let view: AmazonRecordsView;
	beforeEach(() => {
		db = freshDb();
		view = makeView(db);
	});
	const messages = (b: unknown) => checkShipmentConfirmations(b, view).errors.map((e) => e.message);

	it('accepts a valid ASN and describes what to record', () => {
		const result = checkShipmentConfirmations(body(baseAsn()), view);
		expect(result.errors).toEqual([]);
		expect(result.effects.overages).toEqual([]);
		expect(result.effects.asns).toHaveLength(1);
		const asn = result.effects.asns[0];
		expect(asn).toMatchObject({
			shipmentIdentifier: 'ASN-0001',
			sellingPartyId: 'API01',
			confirmationType: 'Original',
			receivedAt: NOW.toISOString(),
			originalReceivedAt: NOW.toISOString(),
			ssccs: [sscc(1), sscc(2), sscc(3)],
			lines: [{ purchaseOrderNumber: 'PO000001', itemSequenceNumber: '1', eaches: 24 }],
			cartonCount: 2,
			palletCount: 1,
		});
	});

	it('refuses a body without confirmations', () => {
		expect(messages({ shipmentConfirmations: [] })).toEqual([
			'shipmentConfirmations: must contain at least one shipment confirmation',
		]);
	});

	describe('shipmentIdentifier', () => {
		it('is not reused within 365 days, but may be after', () => {
			recordAsns(db, checkShipmentConfirmations(body(baseAsn()), view).effects);
			const again = baseAsn();
			again.cartons[0].cartonIdentifiers = [ssccId(11)];
			again.cartons[1].cartonIdentifiers = [ssccId(12)];
			again.pallets[0].palletIdentifiers = [ssccId(13)];
			again.shippedItems[0].itemDetails.purchaseOrderNumber = 'PO000003';
			again.shippedItems[0].shippedQuantity = { amount: 12, unitOfMeasure: 'Eaches', unitSize: 1 };
			again.cartons[1].items[0].shippedQuantity = { amount: 0, unitOfMeasure: 'Eaches' };
			again.cartons = [again.cartons[0]];
			again.pallets[0].cartonReferenceDetails = { cartonCount: 1, cartonReferenceNumbers: ['001'] };
			again.shipmentMeasurements = { cartonCount: 1, palletCount: 1 };
			expect(messages(body(again))).toEqual([
				`shipmentConfirmations[0].shipmentIdentifier: shipmentIdentifier 'ASN-0001' ` +
					`was already used on ${NOW.toISOString()}; it must not be reused within ` +
					`365 days (send a Replace to change that ASN)`,
			]);
			db.now = new Date(NOW.getTime() + 366 * DAY);
			again.shippedDate = db.now.toISOString();
			expect(messages(body(again))).toEqual([]);
		});
	});

	describe('SSCCs', () => {
		it('need a valid GS1 check digit', () => {
			const asn = baseAsn();
			const wrong = sscc(2).slice(0, 19) + String((Number(sscc(2)[19]) + 1) % 10);
			asn.cartons[1].cartonIdentifiers[0].containerIdentificationNumber = wrong;
			expect(messages(body(asn))).toEqual([
				`shipmentConfirmations[0].cartons[1].cartonIdentifiers[0].containerIdentificationNumber: ` +
					`SSCC '${wrong}' has a wrong check digit: expected ${sscc(2)[19]}, got ${wrong[19]}`,
			]);
		});

		it('are "00" + 18 digits', () => {
			const asn = baseAsn();
			asn.pallets[0].palletIdentifiers[0].containerIdentificationNumber = sscc(3).slice(2);
			expect(messages(body(asn))).toEqual([
				`shipmentConfirmations[0].pallets[0].palletIdentifiers[0].containerIdentificationNumber: ` +
					`SSCC '${sscc(3).slice(2)}' has 18 digits; Amazon expects the application ` +
					`identifier "00" followed by the 18-digit SSCC (20 digits)`,
			]);
		});

		it('are not used twice in one ASN', () => {
			const asn = baseAsn();
			asn.pallets[0].palletIdentifiers = [ssccId(1)];
			expect(messages(body(asn))).toEqual([
				`shipmentConfirmations[0].pallets[0].palletIdentifiers[0].containerIdentificationNumber: ` +
					`SSCC '${sscc(1)}' is used twice in this shipment confirmation (also at ` +
					`shipmentConfirmations[0].cartons[0].cartonIdentifiers[0].containerIdentificationNumber)`,
			]);
		});

		it('are not reused by another ASN within 365 days (but may be after)', () => {
			recordAsns(db, checkShipmentConfirmations(body(baseAsn()), view).effects);
			const next = baseAsn();
			next.shipmentIdentifier = 'ASN-0002';
			next.shippedItems[0].itemDetails.purchaseOrderNumber = 'PO000003';
			next.shippedItems[0].shippedQuantity = { amount: 12, unitOfMeasure: 'Eaches' };
			next.cartons = [next.cartons[0]];
			next.pallets[0].cartonReferenceDetails = { cartonCount: 1, cartonReferenceNumbers: ['001'] };
			next.pallets[0].palletIdentifiers = [ssccId(23)];
			next.shipmentMeasurements = { cartonCount: 1, palletCount: 1 };
			expect(messages(body(next))).toEqual([
				`shipmentConfirmations[0].cartons[0].cartonIdentifiers[0].containerIdentificationNumber: ` +
					`SSCC '${sscc(1)}' was already used in ASN 'ASN-0001' on ${NOW.toISOString()}; ` +
					`an SSCC must not be reused within 365 days`,
			]);
			db.now = new Date(NOW.getTime() + 366 * DAY);
			next.shippedDate = db.now.toISOString();
			expect(messages(body(next))).toEqual([]);
		});

		it('are unique across the confirmations of one request', () => {
			const second = baseAsn();
			second.shipmentIdentifier = 'ASN-0002';
			second.shippedItems[0].itemDetails.purchaseOrderNumber = 'PO000003';
			second.shippedItems[0].shippedQuantity = { amount: 12, unitOfMeasure: 'Eaches' };
			second.cartons = [second.cartons[0]];
			second.pallets[0].cartonReferenceDetails = {
				cartonCount: 1,
				cartonReferenceNumbers: ['001'],
			};
			second.pallets[0].palletIdentifiers = [ssccId(33)];
			second.shipmentMeasurements = { cartonCount: 1, palletCount: 1 };
			const result = checkShipmentConfirmations(body(baseAsn(), second), view);
			expect(result.errors.map((e) => e.message)).toEqual([
				`shipmentConfirmations[1].cartons[0].cartonIdentifiers[0].containerIdentificationNumber: ` +
					`SSCC '${sscc(1)}' is also used at ` +
					`shipmentConfirmations[0].cartons[0].cartonIdentifiers[0].containerIdentificationNumber ` +
					`in this request`,
			]);
			expect(result.effects).toEqual({ asns: [], overages: [] });
		});

		it('are required on every carton in North America, not in the Far East', () => {
			const asn = baseAsn();
			asn.cartons[0].cartonIdentifiers = [
				{ containerIdentificationType: 'CID', containerIdentificationNumber: 'C-1' },
			];
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].cartons[0].cartonIdentifiers: every carton ' +
					'needs an SSCC (or AMZNCC) identifier in North America',
			]);
			db.region = 'fe';
			expect(messages(body(asn))).toEqual([]);
		});
	});

	describe('contents', () => {
		it('cartons add up to the shipped quantity in eaches', () => {
			const asn = baseAsn();
			asn.cartons[0].items[0].shippedQuantity.amount = 11;
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].shippedItems[0].shippedQuantity: 24 eaches of ' +
					"item '001' shipped, but the cartons and pallets hold 23 eaches",
			]);
		});

		it('refer to existing shippedItems', () => {
			const asn = baseAsn();
			asn.cartons[1].items[0].itemReference = '002';
			expect(messages(body(asn))).toEqual([
				"shipmentConfirmations[0].cartons[1].items[0].itemReference: '002' is " +
					'not the itemSequenceNumber of any shippedItems entry',
				'shipmentConfirmations[0].shippedItems[0].shippedQuantity: 24 eaches of ' +
					"item '001' shipped, but the cartons and pallets hold 12 eaches",
			]);
		});

		it('pallets refer to existing cartons, each on one pallet', () => {
			const asn = baseAsn();
			asn.pallets[0].cartonReferenceDetails.cartonReferenceNumbers = ['001', '003'];
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].pallets[0].cartonReferenceDetails.cartonReferenceNumbers[1]: ' +
					"'003' is not the cartonSequenceNumber of any carton",
			]);
			const twice = baseAsn();
			twice.pallets.push({
				palletIdentifiers: [ssccId(4)],
				cartonReferenceDetails: { cartonReferenceNumbers: ['002'] },
			});
			twice.shipmentMeasurements.palletCount = 2;
			expect(messages(body(twice))).toEqual([
				'shipmentConfirmations[0].pallets[1].cartonReferenceDetails.cartonReferenceNumbers[0]: ' +
					"carton '002' is already on pallets[0]",
			]);
		});

		it('a pallet that lists items and cartons must agree with its cartons (not counted twice)', () => {
			const asn = baseAsn();
			asn.pallets[0].items = [
				{ itemReference: '001', shippedQuantity: { amount: 24, unitOfMeasure: 'Eaches' } },
			];
			expect(messages(body(asn))).toEqual([]);
			asn.pallets[0].items[0].shippedQuantity.amount = 20;
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].pallets[0].items: the pallet lists 20 eaches ' +
					"of item '001' but its cartons (001, 002) hold 24",
			]);
		});

		it('items loose on a pallet count (PalletOfItems)', () => {
			const asn = baseAsn();
			asn.shipmentStructure = 'PalletOfItems';
			delete asn.cartons;
			asn.shipmentMeasurements = { palletCount: 2 };
			asn.pallets = [
				{
					palletIdentifiers: [ssccId(3)],
					items: [
						{
							itemReference: '001',
							shippedQuantity: { amount: 1, unitOfMeasure: 'Cases', unitSize: 12 },
						},
					],
				},
				{
					palletIdentifiers: [ssccId(4)],
					items: [
						{ itemReference: '001', shippedQuantity: { amount: 12, unitOfMeasure: 'Eaches' } },
					],
				},
			];
			expect(messages(body(asn))).toEqual([]);
			asn.pallets[1].items[0].shippedQuantity.amount = 13;
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].shippedItems[0].shippedQuantity: 24 eaches of ' +
					"item '001' shipped, but the cartons and pallets hold 25 eaches",
			]);
		});

		it('shipmentMeasurements counts match the cartons and pallets', () => {
			const asn = baseAsn();
			asn.shipmentMeasurements.cartonCount = 3;
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].shipmentMeasurements.cartonCount: is 3 but the shipment lists 2 cartons',
			]);
		});

		it('pallet cartonCount matches its carton references', () => {
			const asn = baseAsn();
			asn.pallets[0].cartonReferenceDetails.cartonCount = 3;
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].pallets[0].cartonReferenceDetails.cartonCount: ' +
					'is 3 but cartonReferenceNumbers lists 2 cartons',
			]);
		});

		it('small parcel cartons carry a tracking number', () => {
			const asn = baseAsn();
			asn.shipmentType = 'SmallParcel';
			asn.cartons[0].trackingNumber = '1Z999AA10123456784';
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].cartons[1].trackingNumber: is required for every carton of a SmallParcel shipment',
			]);
			asn.cartons[1].trackingNumber = '1Z999AA10123456785';
			expect(messages(body(asn))).toEqual([]);
		});

		it('quantities are positive', () => {
			const asn = baseAsn();
			asn.shippedItems[0].shippedQuantity.amount = 0;
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].shippedItems[0].shippedQuantity.amount: must be greater than zero',
			]);
		});
	});

	describe('purchase orders', () => {
		it('must exist', () => {
			const asn = baseAsn();
			asn.shippedItems[0].itemDetails.purchaseOrderNumber = 'PO999999';
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].shippedItems[0].itemDetails.purchaseOrderNumber: ' +
					"purchase order 'PO999999' does not exist",
			]);
		});

		it('must have been acknowledged', () => {
			const asn = baseAsn();
			asn.shippedItems[0].itemDetails.purchaseOrderNumber = 'PO000002';
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].shippedItems[0].itemDetails.purchaseOrderNumber: ' +
					"purchase order 'PO000002' has not been acknowledged; acknowledge it " +
					'before shipping',
			]);
		});

		it('may be given per carton (mixed POs), attributing quantities per PO line', () => {
			const asn = baseAsn();
			delete asn.shippedItems[0].itemDetails;
			asn.cartons[0].items[0].itemDetails = { purchaseOrderNumber: 'PO000001' };
			asn.cartons[1].items[0].itemDetails = { purchaseOrderNumber: 'PO000003' };
			const result = checkShipmentConfirmations(body(asn), view);
			expect(result.errors).toEqual([]);
			expect(result.effects.asns[0].lines).toEqual([
				{ purchaseOrderNumber: 'PO000001', itemSequenceNumber: '1', eaches: 12 },
				{ purchaseOrderNumber: 'PO000003', itemSequenceNumber: '1', eaches: 12 },
			]);
			asn.cartons[1].items[0].itemDetails.purchaseOrderNumber = 'PO999999';
			expect(checkShipmentConfirmations(body(asn), view).errors.map((e) => e.message)).toEqual([
				'shipmentConfirmations[0].cartons[1].items[0].itemDetails.purchaseOrderNumber: ' +
					"purchase order 'PO999999' does not exist",
			]);
		});

		it('are required at item or container level', () => {
			const asn = baseAsn();
			delete asn.shippedItems[0].itemDetails;
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].shippedItems[0].itemDetails.purchaseOrderNumber: ' +
					"item '001' has no purchase order number: give " +
					'itemDetails.purchaseOrderNumber on the item or on each of its ' +
					'carton/pallet entries',
			]);
		});

		it('must contain the item', () => {
			const asn = baseAsn();
			asn.shippedItems[0].amazonProductIdentifier = 'B0NOTONPO1';
			asn.shippedItems[0].vendorProductIdentifier = 'SKU-9';
			expect(messages(body(asn))).toEqual([
				"shipmentConfirmations[0].shippedItems[0]: ASIN 'B0NOTONPO1' / vendor " +
					"product 'SKU-9' is not an item of purchase order 'PO000001'",
			]);
		});

		it('belong to the ASN selling party and ship-to FC', () => {
			const asn = baseAsn();
			asn.sellingParty.partyId = 'OTHER';
			asn.shipToParty.partyId = 'XYZ1';
			expect(messages(body(asn))).toEqual([
				"shipmentConfirmations[0].sellingParty.partyId: 'OTHER' is not the " +
					"selling party of purchase order 'PO000001' ('API01')",
				"shipmentConfirmations[0].shipToParty.partyId: purchase order 'PO000001' is to be delivered to 'ABE2', not 'XYZ1'",
			]);
		});

		it('shipping more than accepted is not an error but an overage', () => {
			const asn = baseAsn();
			asn.shippedItems.push({
				itemSequenceNumber: '002',
				vendorProductIdentifier: 'SKU-2',
				shippedQuantity: { amount: 10, unitOfMeasure: 'Eaches' },
				itemDetails: { purchaseOrderNumber: 'PO000001' },
			});
			asn.cartons[1].items.push({
				itemReference: '002',
				shippedQuantity: { amount: 10, unitOfMeasure: 'Eaches' },
			});
			const result = checkShipmentConfirmations(body(asn), view);
			expect(result.errors).toEqual([]);
			expect(result.effects.overages).toEqual([
				{
					purchaseOrderNumber: 'PO000001',
					itemSequenceNumber: '2',
					shipmentIdentifier: 'ASN-0001',
					sellingPartyId: 'API01',
					acceptedEaches: 6,
					previouslyShippedEaches: 0,
					shippedEaches: 10,
					overageEaches: 4,
					recordedAt: NOW.toISOString(),
				},
			]);
		});

		it('the same ASIN on two lines of a PO is booked in line order, each line up to what it confirmed', () => {
			const db = freshDb();
			db.orders.set(
				'PO000009',
				order('PO000009', true, [
					{
						seq: '1',
						asin: 'B0ASIN0001',
						vendor: 'SKU-1',
						ordered: 36,
						accepted: 36,
						cost: '19.99',
					},
					{ seq: '2', asin: 'B0ASIN0002', vendor: 'SKU-2', ordered: 6, accepted: 6, cost: '5.00' },
					{
						seq: '3',
						asin: 'B0ASIN0001',
						vendor: 'SKU-1',
						ordered: 12,
						accepted: 12,
						cost: '19.99',
					},
				]),
			);
			const asn = baseAsn();
			asn.shippedItems[0].itemDetails.purchaseOrderNumber = 'PO000009';
			asn.shippedItems[0].shippedQuantity = { amount: 48, unitOfMeasure: 'Eaches' };
			asn.cartons[0].items[0].shippedQuantity = { amount: 36, unitOfMeasure: 'Eaches' };
			const result = checkShipmentConfirmations(body(asn), makeView(db));
			expect(result.errors).toEqual([]);
			expect(result.effects.overages).toEqual([]);
			expect(result.effects.asns[0].lines.map((l) => [l.itemSequenceNumber, l.eaches])).toEqual([
				['1', 36],
				['3', 12],
			]);
		});

		it('overage counts what earlier ASNs shipped', () => {
			const first = baseAsn();
			first.shippedItems[0] = {
				itemSequenceNumber: '001',
				vendorProductIdentifier: 'SKU-2',
				shippedQuantity: { amount: 5, unitOfMeasure: 'Eaches' },
				itemDetails: { purchaseOrderNumber: 'PO000001' },
			};
			first.cartons = [
				{
					cartonIdentifiers: [ssccId(1)],
					cartonSequenceNumber: '001',
					items: [
						{ itemReference: '001', shippedQuantity: { amount: 5, unitOfMeasure: 'Eaches' } },
					],
				},
			];
			first.pallets[0].cartonReferenceDetails = { cartonCount: 1, cartonReferenceNumbers: ['001'] };
			first.shipmentMeasurements = { cartonCount: 1, palletCount: 1 };
			const r1 = checkShipmentConfirmations(body(first), view);
			expect(r1.effects.overages).toEqual([]);
			recordAsns(db, r1.effects);
			const second = JSON.parse(JSON.stringify(first));
			second.shipmentIdentifier = 'ASN-0002';
			second.cartons[0].cartonIdentifiers = [ssccId(41)];
			second.pallets[0].palletIdentifiers = [ssccId(43)];
			const r2 = checkShipmentConfirmations(body(second), view);
			expect(r2.errors).toEqual([]);
			expect(r2.effects.overages).toMatchObject([
				{ previouslyShippedEaches: 5, shippedEaches: 5, overageEaches: 4, acceptedEaches: 6 },
			]);
		});
	});

	describe('transportation', () => {
		it('North America needs the SCAC and the PRO number; Europe does not', () => {
			const asn = baseAsn();
			delete asn.transportationDetails.carrierScac;
			delete asn.transportationDetails.carrierShipmentReferenceNumber;
			expect(messages(body(asn))).toEqual([
				"shipmentConfirmations[0].transportationDetails.carrierScac: is required in North America (the carrier's SCAC)",
				'shipmentConfirmations[0].transportationDetails.carrierShipmentReferenceNumber: ' +
					'is required in North America (the carrier PRO number)',
			]);
			db.region = 'eu';
			expect(messages(body(asn))).toEqual([]);
		});

		it('the SCAC is the code only', () => {
			const asn = baseAsn();
			asn.transportationDetails.carrierScac = 'UPSN - UNITED PARCELSERVICE INC';
			expect(messages(body(asn))).toEqual([
				"shipmentConfirmations[0].transportationDetails.carrierScac: 'UPSN - " +
					"UNITED PARCELSERVICE INC' is not a SCAC: send the carrier's 2 to 4 " +
					'capital letter code only (e.g. UPSN)',
			]);
		});

		it('TruckLoad and LessThanTruckLoad need a bill of lading, not a date or a single character', () => {
			const asn = baseAsn();
			asn.shipmentType = 'TruckLoad';
			delete asn.transportationDetails.billOfLadingNumber;
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].transportationDetails.billOfLadingNumber: is required for TruckLoad shipments',
			]);
			asn.transportationDetails.billOfLadingNumber = 'X';
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].transportationDetails.billOfLadingNumber: must not be a single character',
			]);
			asn.transportationDetails.billOfLadingNumber = '2026-03-10';
			expect(messages(body(asn))).toEqual([
				"shipmentConfirmations[0].transportationDetails.billOfLadingNumber: '2026-03-10' must not be a date or time",
			]);
			asn.shipmentType = 'SmallParcel';
			delete asn.transportationDetails.billOfLadingNumber;
			asn.cartons.forEach((c: any, i: number) => (c.trackingNumber = `1Z00${i}`));
			expect(messages(body(asn))).toEqual([]);
		});
	});

	describe('shippedDate', () => {
		it('at most 2 days ahead', () => {
			const asn = baseAsn();
			asn.shippedDate = new Date(NOW.getTime() + 47 * HOUR).toISOString();
			expect(messages(body(asn))).toEqual([]);
			asn.shippedDate = new Date(NOW.getTime() + 49 * HOUR).toISOString();
			expect(messages(body(asn))).toEqual([
				`shipmentConfirmations[0].shippedDate: ${asn.shippedDate} is more than 2 ` +
					`days in the future (now ${NOW.toISOString()})`,
			]);
		});

		it('at most 7 days back', () => {
			const asn = baseAsn();
			asn.shippedDate = new Date(NOW.getTime() - 6 * DAY).toISOString();
			expect(messages(body(asn))).toEqual([]);
			asn.shippedDate = new Date(NOW.getTime() - 8 * DAY).toISOString();
			expect(messages(body(asn))).toEqual([
				`shipmentConfirmations[0].shippedDate: ${asn.shippedDate} is more than 7 ` +
					`days in the past (now ${NOW.toISOString()})`,
			]);
		});
	});

	describe('Replace', () => {
		beforeEach(() => recordAsns(db, checkShipmentConfirmations(body(baseAsn()), view).effects));

		/** The base ASN as a Replace with one carton of 12 (its own SSCCs). */
		function reduced(): any {
			const asn = baseAsn();
			asn.shipmentConfirmationType = 'Replace';
			asn.shippedItems[0].shippedQuantity = { amount: 12, unitOfMeasure: 'Eaches' };
			asn.cartons = [asn.cartons[0]];
			asn.pallets[0].cartonReferenceDetails = { cartonCount: 1, cartonReferenceNumbers: ['001'] };
			asn.shipmentMeasurements = { cartonCount: 1, palletCount: 1 };
			return asn;
		}

		it('may reduce quantities and cartons, reusing its own SSCCs, within 7 days', () => {
			db.now = new Date(NOW.getTime() + 6 * DAY);
			const asn = reduced();
			asn.shippedDate = db.now.toISOString();
			const result = checkShipmentConfirmations(body(asn), view);
			expect(result.errors).toEqual([]);
			expect(result.effects.asns[0]).toMatchObject({
				confirmationType: 'Replace',
				receivedAt: db.now.toISOString(),
				originalReceivedAt: NOW.toISOString(),
				lines: [{ purchaseOrderNumber: 'PO000001', itemSequenceNumber: '1', eaches: 12 }],
			});
		});

		it('cannot add quantity', () => {
			const asn = baseAsn();
			asn.shipmentConfirmationType = 'Replace';
			asn.shippedItems[0].shippedQuantity = { amount: 25, unitOfMeasure: 'Eaches' };
			asn.cartons[1].items[0].shippedQuantity = { amount: 13, unitOfMeasure: 'Eaches' };
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].shippedItems: a Replace can only reduce ' +
					"quantities: line '1' of purchase order 'PO000001' goes from 24 to 25 " +
					'eaches',
			]);
		});

		it('cannot add cartons', () => {
			const asn = baseAsn();
			asn.shipmentConfirmationType = 'Replace';
			asn.cartons[1].items[0].shippedQuantity = { amount: 6, unitOfMeasure: 'Eaches' };
			asn.cartons.push({
				cartonIdentifiers: [ssccId(5)],
				cartonSequenceNumber: '003',
				items: [{ itemReference: '001', shippedQuantity: { amount: 6, unitOfMeasure: 'Eaches' } }],
			});
			asn.pallets[0].cartonReferenceDetails = {
				cartonCount: 3,
				cartonReferenceNumbers: ['001', '002', '003'],
			};
			asn.shipmentMeasurements.cartonCount = 3;
			expect(messages(body(asn))).toEqual([
				'shipmentConfirmations[0].cartons: a Replace can only reduce the cartons: 2 before, 3 now',
			]);
		});

		it('needs an existing shipmentIdentifier', () => {
			const asn = reduced();
			asn.shipmentIdentifier = 'ASN-7777';
			expect(messages(body(asn))).toContain(
				"shipmentConfirmations[0].shipmentIdentifier: there is no ASN with shipmentIdentifier 'ASN-7777' to replace",
			);
		});

		it('needs the same selling party', () => {
			const asn = reduced();
			asn.sellingParty.partyId = 'API02';
			expect(messages(body(asn))[0]).toBe(
				"shipmentConfirmations[0].sellingParty.partyId: ASN 'ASN-0001' was sent " +
					"for sellingParty 'API01', not 'API02'; a Replace must repeat the " +
					'identical shipmentIdentifier and sellingParty',
			);
		});

		it('only within 7 days of the Original', () => {
			db.now = new Date(NOW.getTime() + 7 * DAY + HOUR);
			const asn = reduced();
			asn.shippedDate = db.now.toISOString();
			expect(messages(body(asn))).toEqual([
				`shipmentConfirmations[0].shipmentConfirmationType: ASN 'ASN-0001' can no ` +
					`longer be replaced: a Replace is accepted within 7 days of the Original ` +
					`(received ${NOW.toISOString()}); send a new ASN with a new shipmentIdentifier`,
			]);
		});

		it('only before delivery', () => {
			db.asns[0].delivered = true;
			expect(messages(body(reduced()))).toEqual([
				"shipmentConfirmations[0].shipmentConfirmationType: ASN 'ASN-0001' can " +
					'no longer be replaced: its goods were already received at the ' +
					'fulfilment centre',
			]);
		});

		it('the window runs from the Original, not from an earlier Replace', () => {
			db.now = new Date(NOW.getTime() + 5 * DAY);
			const first = reduced();
			first.shippedDate = db.now.toISOString();
			recordAsns(db, checkShipmentConfirmations(body(first), view).effects);
			db.now = new Date(NOW.getTime() + 8 * DAY);
			const second = reduced();
			second.shippedDate = db.now.toISOString();
			expect(messages(body(second))[0]).toMatch(
				/can no longer be replaced: a Replace is accepted within 7 days of the Original/,
			);
		});
	});
});

// ---------------------------------------------------------------------------------------------
// SubmitShipments
// ---------------------------------------------------------------------------------------------

/** A valid Collect transport request: 24 eaches of PO000001 line 1, in one carton on one pallet. */
function baseShipment(): any {
	return {
		vendorShipmentIdentifier: 'TR-0001',
		transactionType: 'New',
		transactionDate: NOW.toISOString(),
		shipmentFreightTerm: 'Collect',
		sellingParty: { partyId: 'API01' },
		shipFromParty: { partyId: 'WH1' },
		shipToParty: { partyId: 'ABE2' },
		shipmentMeasurements: { totalCartonCount: 1, totalPalletStackable: 1 },
		collectFreightPickupDetails: { requestedPickUp: new Date(NOW.getTime() + DAY).toISOString() },
		purchaseOrders: [
			{
				purchaseOrderNumber: 'PO000001',
				items: [
					{
						itemSequenceNumber: '001',
						buyerProductIdentifier: 'B0ASIN0001',
						vendorProductIdentifier: 'SKU-1',
						shippedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 12 },
					},
				],
			},
		],
		containers: [
			{
				containerType: 'carton',
				containerSequenceNumber: 'C1',
				containerIdentifiers: [ssccId(101)],
				packedItems: [
					{ itemSequenceNumber: '001', packedQuantity: { amount: 24, unitOfMeasure: 'Eaches' } },
				],
			},
			{
				containerType: 'pallet',
				containerSequenceNumber: 'P1',
				containerIdentifiers: [ssccId(102)],
				innerContainersDetails: {
					containerCount: 1,
					containerSequenceNumbers: [{ containerSequenceNumber: 'C1' }],
				},
			},
		],
		transportationDetails: { shipMode: 'LessThanTruckLoad', transportationMode: 'Road' },
	};
}

describe('checkShipments', () => {
	let db: FakeRecords;
	let view: AmazonRecordsView;
	beforeEach(() => {
		db = freshDb();
		view = makeView(db);
	});
	const shipments = (...list: any[]) => ({ shipments: list });
	const messages = (b: unknown) => checkShipments(b, view).errors.map((e) => e.message);

	it('accepts a valid New request', () => {
		const result = checkShipments(shipments(baseShipment()), view);
		expect(result.errors).toEqual([]);
		expect(result.effects.cancellations).toEqual([]);
		expect(result.effects.shipments[0]).toMatchObject({
			vendorShipmentIdentifier: 'TR-0001',
			sellingPartyId: 'API01',
			receivedAt: NOW.toISOString(),
			ssccs: [sscc(101), sscc(102)],
			lines: [{ purchaseOrderNumber: 'PO000001', itemSequenceNumber: '1', eaches: 24 }],
		});
	});

	it('refuses a reused vendorShipmentIdentifier', () => {
		recordShipments(db, checkShipments(shipments(baseShipment()), view).effects);
		const again = baseShipment();
		again.containers[0].containerIdentifiers = [ssccId(111)];
		again.containers[1].containerIdentifiers = [ssccId(112)];
		expect(messages(shipments(again))).toEqual([
			`shipments[0].vendorShipmentIdentifier: vendorShipmentIdentifier 'TR-0001' ` +
				`was already used on ${NOW.toISOString()}; it must not be reused within ` +
				`365 days`,
		]);
	});

	it('refuses SSCCs of another live transport request, but not of a cancelled one', () => {
		recordShipments(db, checkShipments(shipments(baseShipment()), view).effects);
		const other = baseShipment();
		other.vendorShipmentIdentifier = 'TR-0002';
		other.purchaseOrders[0].purchaseOrderNumber = 'PO000003';
		other.purchaseOrders[0].items[0].shippedQuantity = { amount: 12, unitOfMeasure: 'Eaches' };
		other.containers[0].packedItems[0].packedQuantity.amount = 12;
		other.containers[1].containerIdentifiers = [ssccId(122)];
		expect(messages(shipments(other))).toEqual([
			`shipments[0].containers[0].containerIdentifiers[0].containerIdentificationNumber: ` +
				`SSCC '${sscc(101)}' was already used in transport request 'TR-0001' on ` +
				`${NOW.toISOString()}; an SSCC must not be reused within 365 days`,
		]);
		const cancel = { ...baseShipment(), transactionType: 'Cancel' };
		recordShipments(db, checkShipments(shipments(cancel), view).effects);
		expect(messages(shipments(other))).toEqual([]);
	});

	it('checks SSCC check digits', () => {
		const s = baseShipment();
		s.containers[0].containerIdentifiers[0].containerIdentificationNumber = '4251245123534';
		expect(messages(shipments(s))).toEqual([
			`shipments[0].containers[0].containerIdentifiers[0].containerIdentificationNumber: ` +
				`SSCC '4251245123534' has 13 digits; Amazon expects "00" followed by ` +
				`the 18-digit SSCC (20 digits)`,
		]);
	});

	it('packedItems add up to the items shipped', () => {
		const s = baseShipment();
		s.containers[0].packedItems[0].packedQuantity.amount = 20;
		expect(messages(shipments(s))).toEqual([
			'shipments[0].purchaseOrders[0].items[0].shippedQuantity: 24 eaches of ' +
				"item '001' of purchase order 'PO000001' shipped, but the containers " +
				'hold 20 eaches',
		]);
	});

	it('packedItems refer to purchaseOrders items (with the PO when ambiguous)', () => {
		const s = baseShipment();
		s.containers[0].packedItems[0].itemSequenceNumber = '009';
		expect(messages(shipments(s))).toEqual([
			"shipments[0].containers[0].packedItems[0].itemSequenceNumber: '009' is " +
				'not the itemSequenceNumber of any purchaseOrders[].items entry',
		]);
		const two = baseShipment();
		two.purchaseOrders.push({
			purchaseOrderNumber: 'PO000003',
			items: [
				{
					itemSequenceNumber: '001',
					buyerProductIdentifier: 'B0ASIN0001',
					shippedQuantity: { amount: 12, unitOfMeasure: 'Eaches' },
				},
			],
		});
		two.containers[0].packedItems.push({
			itemSequenceNumber: '001',
			packedQuantity: { amount: 12, unitOfMeasure: 'Eaches' },
		});
		expect(messages(shipments(two))[0]).toBe(
			'shipments[0].containers[0].packedItems[0].itemDetails.purchaseOrderNumber: ' +
				"item '001' is on several purchase orders (PO000001, PO000003): give " +
				'itemDetails.purchaseOrderNumber',
		);
		two.containers[0].packedItems[0].itemDetails = { purchaseOrderNumber: 'PO000001' };
		two.containers[0].packedItems[1].itemDetails = { purchaseOrderNumber: 'PO000003' };
		expect(messages(shipments(two))).toEqual([]);
	});

	it('inner containers must exist', () => {
		const s = baseShipment();
		s.containers[1].innerContainersDetails.containerSequenceNumbers[0].containerSequenceNumber =
			'C9';
		expect(messages(shipments(s))).toEqual([
			'shipments[0].containers[1].innerContainersDetails.containerSequenceNumbers[0].containerSequenceNumber: ' +
				"'C9' is not the containerSequenceNumber of any container",
		]);
	});

	it('Collect requests list their purchase orders and a pickup date', () => {
		const s = baseShipment();
		delete s.purchaseOrders;
		delete s.containers;
		delete s.collectFreightPickupDetails;
		expect(messages(shipments(s))).toEqual([
			'shipments[0].purchaseOrders: is required for Collect shipments (the purchase orders Amazon picks up)',
			'shipments[0].collectFreightPickupDetails.requestedPickUp: is required for Collect shipments',
		]);
		s.shipmentFreightTerm = 'Prepaid';
		expect(messages(shipments(s))).toEqual([]);
	});

	it('purchase orders must exist and be acknowledged', () => {
		const s = baseShipment();
		s.purchaseOrders[0].purchaseOrderNumber = 'PO000002';
		expect(messages(shipments(s))).toContain(
			'shipments[0].purchaseOrders[0].purchaseOrderNumber: purchase order ' +
				"'PO000002' has not been acknowledged; acknowledge it before shipping",
		);
	});

	describe('Cancel', () => {
		const cancel = () => ({
			...baseShipment(),
			transactionType: 'Cancel',
			purchaseOrders: undefined,
			containers: undefined,
		});

		it('cancels a recorded request', () => {
			recordShipments(db, checkShipments(shipments(baseShipment()), view).effects);
			const result = checkShipments(shipments(cancel()), view);
			expect(result.errors).toEqual([]);
			expect(result.effects).toEqual({
				shipments: [],
				cancellations: [
					{
						vendorShipmentIdentifier: 'TR-0001',
						sellingPartyId: 'API01',
						cancelledAt: NOW.toISOString(),
					},
				],
			});
		});

		it('needs an existing request', () => {
			expect(messages(shipments(cancel()))).toEqual([
				"shipments[0].vendorShipmentIdentifier: there is no transport request 'TR-0001' to cancel",
			]);
		});

		it('not twice', () => {
			recordShipments(db, checkShipments(shipments(baseShipment()), view).effects);
			recordShipments(db, checkShipments(shipments(cancel()), view).effects);
			expect(messages(shipments(cancel()))).toEqual([
				"shipments[0].vendorShipmentIdentifier: transport request 'TR-0001' is already cancelled",
			]);
		});

		it('not after it shipped', () => {
			recordShipments(db, checkShipments(shipments(baseShipment()), view).effects);
			db.transport[0].status = 'Shipped';
			expect(messages(shipments(cancel()))).toEqual([
				"shipments[0].transactionType: transport request 'TR-0001' has already shipped and can no longer be cancelled",
			]);
		});

		it('a New and its Cancel in one request', () => {
			const result = checkShipments(shipments(baseShipment(), cancel()), view);
			expect(result.errors).toEqual([]);
			expect(result.effects.shipments).toHaveLength(1);
			expect(result.effects.cancellations).toHaveLength(1);
		});
	});
});
