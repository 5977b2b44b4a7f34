/**
 * The acknowledgement body (every line, split loops, no zero quantities, dates, cost never above
 * the PO's), Amazon's 24 h / 48 h timing, and the Rejected -> Accepted guard. Every built request
 * is checked against Amazon's SubmitAcknowledgementRequest model.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
	acknowledgementTiming,
	AcknowledgementBuildError,
	backordersOf,
	buildAcknowledgement,
	buildAcknowledgementRequest,
	buildAcknowledgements,
	checkReacknowledgement,
	describeBackorders,
	toAmazonDateTime,
	validateAcknowledgementRequest,
	type AcknowledgementOptions,
} from '../../nodes/shared/domain/acknowledgement';
import { InvalidInputError } from '../../nodes/shared/domain/inputError';
import { allocate, type PurchaseOrderAllocation } from '../../nodes/shared/domain/allocation';
import {
	createMappingIndex,
	mapPurchaseOrder,
	type MappedPurchaseOrder,
} from '../../nodes/shared/domain/caseMapping';
import {
	normaliseOrdersResponse,
	normalisePurchaseOrder,
} from '../../nodes/shared/domain/purchaseOrder';
import {
	SubmitAcknowledgementRequestSchema,
	type OrderAcknowledgement,
} from '../../nodes/shared/generated/vendorOrders';

type Json = any;

const NOW = new Date('2024-05-01T10:30:00Z');
const OPTIONS: AcknowledgementOptions = { now: () => NOW };

function rawItem(
	seq: string,
	asin: string | undefined,
	amount: number,
	unit: 'Cases' | 'Eaches',
	unitSize: number,
	cost: Json = '4.20',
	backorder = false,
): Json {
	const out: Json = {
		itemSequenceNumber: seq,
		vendorProductIdentifier: `V-${seq}`,
		orderedQuantity: { amount, unitOfMeasure: unit, unitSize },
		isBackOrderAllowed: backorder,
		netCost: typeof cost === 'string' ? { currencyCode: 'USD', amount: cost } : cost,
	};
	if (asin !== undefined) out.amazonProductIdentifier = asin;
	return out;
}

function rawOrder(
	items: Json[],
	windows: Json = { shipWindow: '2024-05-06T07:00:00Z--2024-05-10T07:00:00Z' },
): Json {
	return {
		purchaseOrderNumber: 'PO000001',
		purchaseOrderState: 'New',
		orderDetails: {
			purchaseOrderDate: '2024-05-01T08:00:00Z',
			purchaseOrderStateChangedDate: '2024-05-01T08:00:00Z',
			sellingParty: {
				partyId: 'VEND1',
				address: { name: 'Vendor', addressLine1: '1 Road', countryCode: 'US' },
			},
			...windows,
			items,
		},
	};
}

const index = createMappingIndex([
	{ asin: 'B0MUG00001', sku: 'MUG', casePack: 12, expectedUnitCost: '4.00' },
	{ asin: 'B0TEA00001', sku: 'TEA', casePack: 6, expectedUnitCost: '5.00' },
	{ asin: 'B0SPOON001', sku: 'SPOON' },
	{ asin: 'B0OLD00001', sku: 'OLD', discontinued: true },
	{ asin: 'B0COFFEE01', sku: 'COFFEE', casePack: 10, expectedUnitCost: '2.40' },
]);

function mapAndAllocate(
	raw: Json,
	stock: Record<string, number>,
	backorder = false,
): { mapped: MappedPurchaseOrder; allocation: PurchaseOrderAllocation } {
	const mapped = mapPurchaseOrder(normalisePurchaseOrder(raw), index, {
		partialPo: 'continueWithRejections',
		discontinued: 'reject',
		priceTolerance: { mode: 'percent', value: '10' },
	});
	return { mapped, allocation: allocate([mapped], stock, { backorder }).orders[0] };
}

function expectValid(acknowledgements: OrderAcknowledgement[]): void {
	const body = buildAcknowledgementRequest(acknowledgements);
	expect(SubmitAcknowledgementRequestSchema.safeParse(body).success).toBe(true);
	const result = validateAcknowledgementRequest(body);
	if (!result.ok) throw new Error(JSON.stringify(result.issues));
	expect(result.unknownKeys).toEqual([]);
}

function everyQuantity(ack: OrderAcknowledgement): number[] {
	return ack.items.flatMap((i) =>
		i.itemAcknowledgements.map((l) => l.acknowledgedQuantity.amount as number),
	);
}

describe('buildAcknowledgement', () => {
	const raw = rawOrder([
		rawItem('1', 'B0MUG00001', 5, 'Cases', 12, '4.20'),
		rawItem('2', 'B0TEA00001', 10, 'Eaches', 1, '5.00', true),
		rawItem('3', 'B0UNKNOWN1', 4, 'Eaches', 1, '1.00'),
		rawItem('4', 'B0OLD00001', 2, 'Eaches', 1, '3.00'),
		rawItem('5', 'B0SPOON001', 7, 'Eaches', 1, '0.80'),
	]);

	it('acknowledges every line: Accepted, Accepted + Backordered, and the three rejection reasons', () => {
		// The TEA line asks 10 eaches, not a multiple of its case pack of 6: mapped with a warning here.
		const mapped = mapPurchaseOrder(normalisePurchaseOrder(raw), index, {
			partialPo: 'continueWithRejections',
			discontinued: 'reject',
			notMultiple: 'warning',
			priceTolerance: { mode: 'percent', value: '10' },
		});
		const allocation = allocate([mapped], { MUG: 100, TEA: 6, SPOON: 0 }, { backorder: true })
			.orders[0];
		const { acknowledgement, warnings } = buildAcknowledgement(mapped, allocation, OPTIONS);
		expect(warnings).toEqual([]);
		expect(acknowledgement).toEqual<OrderAcknowledgement>({
			purchaseOrderNumber: 'PO000001',
			sellingParty: { partyId: 'VEND1' },
			acknowledgementDate: '2024-05-01T10:30:00Z',
			items: [
				{
					itemSequenceNumber: '1',
					amazonProductIdentifier: 'B0MUG00001',
					vendorProductIdentifier: 'V-1',
					orderedQuantity: { amount: 5, unitOfMeasure: 'Cases', unitSize: 12 },
					netCost: { currencyCode: 'USD', amount: '4.20' },
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Accepted',
							acknowledgedQuantity: { amount: 5, unitOfMeasure: 'Cases', unitSize: 12 },
							scheduledShipDate: '2024-05-06T07:00:00Z',
						},
					],
				},
				{
					itemSequenceNumber: '2',
					amazonProductIdentifier: 'B0TEA00001',
					vendorProductIdentifier: 'V-2',
					orderedQuantity: { amount: 10, unitOfMeasure: 'Eaches', unitSize: 1 },
					netCost: { currencyCode: 'USD', amount: '5.00' },
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Accepted',
							acknowledgedQuantity: { amount: 6, unitOfMeasure: 'Eaches', unitSize: 1 },
							scheduledShipDate: '2024-05-06T07:00:00Z',
						},
						{
							acknowledgementCode: 'Backordered',
							acknowledgedQuantity: { amount: 4, unitOfMeasure: 'Eaches', unitSize: 1 },
							scheduledShipDate: '2024-05-13T07:00:00Z',
						},
					],
				},
				{
					itemSequenceNumber: '3',
					amazonProductIdentifier: 'B0UNKNOWN1',
					vendorProductIdentifier: 'V-3',
					orderedQuantity: { amount: 4, unitOfMeasure: 'Eaches', unitSize: 1 },
					netCost: { currencyCode: 'USD', amount: '1.00' },
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Rejected',
							acknowledgedQuantity: { amount: 4, unitOfMeasure: 'Eaches', unitSize: 1 },
							rejectionReason: 'InvalidProductIdentifier',
						},
					],
				},
				{
					itemSequenceNumber: '4',
					amazonProductIdentifier: 'B0OLD00001',
					vendorProductIdentifier: 'V-4',
					orderedQuantity: { amount: 2, unitOfMeasure: 'Eaches', unitSize: 1 },
					netCost: { currencyCode: 'USD', amount: '3.00' },
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Rejected',
							acknowledgedQuantity: { amount: 2, unitOfMeasure: 'Eaches', unitSize: 1 },
							rejectionReason: 'ObsoleteProduct',
						},
					],
				},
				{
					itemSequenceNumber: '5',
					amazonProductIdentifier: 'B0SPOON001',
					vendorProductIdentifier: 'V-5',
					orderedQuantity: { amount: 7, unitOfMeasure: 'Eaches', unitSize: 1 },
					netCost: { currencyCode: 'USD', amount: '0.80' },
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Rejected',
							acknowledgedQuantity: { amount: 7, unitOfMeasure: 'Eaches', unitSize: 1 },
							rejectionReason: 'TemporarilyUnavailable',
						},
					],
				},
			],
		});
		expect(everyQuantity(acknowledgement).every((n) => n > 0)).toBe(true);
		expectValid([acknowledgement]);
	});

	it('splits a Cases line into whole cases: Accepted 2 + Rejected 3 (backorders not allowed on the line)', () => {
		const { mapped, allocation } = mapAndAllocate(
			rawOrder([rawItem('1', 'B0MUG00001', 5, 'Cases', 12)]),
			{ MUG: 30 },
			true,
		);
		const { acknowledgement } = buildAcknowledgement(mapped, allocation, OPTIONS);
		expect(acknowledgement.items[0].itemAcknowledgements).toEqual([
			{
				acknowledgementCode: 'Accepted',
				acknowledgedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 12 },
				scheduledShipDate: '2024-05-06T07:00:00Z',
			},
			{
				acknowledgementCode: 'Rejected',
				acknowledgedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 12 },
				rejectionReason: 'TemporarilyUnavailable',
			},
		]);
		expectValid([acknowledgement]);
	});

	it('takes the delivery window for Prepaid POs, the options over the windows, and explicit backorder dates', () => {
		const raw = rawOrder([rawItem('1', 'B0TEA00001', 3, 'Cases', 6, '5.00', true)], {
			deliveryWindow: '2024-05-08--2024-05-09',
		});
		const { mapped, allocation } = mapAndAllocate(raw, { TEA: 6 }, true);
		const fromWindow = buildAcknowledgement(mapped, allocation, OPTIONS);
		expect(fromWindow.acknowledgement.items[0].itemAcknowledgements).toEqual([
			{
				acknowledgementCode: 'Accepted',
				acknowledgedQuantity: { amount: 1, unitOfMeasure: 'Cases', unitSize: 6 },
				scheduledDeliveryDate: '2024-05-08T00:00:00Z',
			},
			{
				acknowledgementCode: 'Backordered',
				acknowledgedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 6 },
				scheduledDeliveryDate: '2024-05-15T00:00:00Z',
			},
		]);
		expect(fromWindow.warnings).toEqual([
			'deliveryWindow start "2024-05-08" sent as 2024-05-08T00:00:00Z',
		]);

		const overridden = buildAcknowledgement(mapped, allocation, {
			now: NOW.toISOString(),
			scheduledShipDate: '2024-05-03T12:00:00Z',
			scheduledDeliveryDate: '2024-05-07',
			backorderShipDate: '2024-06-01T12:00:00Z',
			backorderDeliveryDate: '2024-06-04T12:00:00+02:00',
		});
		expect(
			overridden.acknowledgement.items[0].itemAcknowledgements.map((l) => [
				l.acknowledgementCode,
				l.scheduledShipDate,
				l.scheduledDeliveryDate,
			]),
		).toEqual([
			['Accepted', '2024-05-03T12:00:00Z', '2024-05-07T00:00:00Z'],
			['Backordered', '2024-06-01T12:00:00Z', '2024-06-04T12:00:00+02:00'],
		]);
		expect(
			buildAcknowledgement(mapped, allocation, { ...OPTIONS, backorderDelayDays: 14 })
				.acknowledgement.items[0].itemAcknowledgements[1].scheduledDeliveryDate,
		).toBe('2024-05-22T00:00:00Z');
		expect(() =>
			buildAcknowledgement(mapped, allocation, { ...OPTIONS, scheduledShipDate: 'next week' }),
		).toThrow(
			'scheduledShipDate must be an ISO 8601 date-time such as "2024-05-01T12:00:00Z" (got "next week")',
		);
		expectValid([fromWindow.acknowledgement]);
	});

	it('warns when no date can be given', () => {
		const { mapped, allocation } = mapAndAllocate(
			rawOrder([rawItem('1', 'B0TEA00001', 3, 'Cases', 6, '5.00', true)], {}),
			{ TEA: 6 },
			true,
		);
		expect(buildAcknowledgement(mapped, allocation, OPTIONS).warnings).toEqual([
			'the PO has no ship or delivery window and no scheduled date option was given: Accepted lines carry no date',
			'no date for the Backordered lines: give backorderShipDate or backorderDeliveryDate',
		]);
	});

	it("uses the agreed cost only when configured and never above the PO's; weight units are kept", () => {
		const raw = rawOrder([
			rawItem('1', 'B0MUG00001', 1, 'Cases', 12, '4.20'),
			rawItem('2', 'B0TEA00001', 1, 'Cases', 6, '4.80'),
			rawItem('3', 'B0COFFEE01', 5, 'Cases', 10, {
				currencyCode: 'USD',
				amount: '2.50',
				unitOfMeasure: 'POUNDS',
			}),
			rawItem('4', 'B0SPOON001', 1, 'Eaches', 1, '0.80'),
		]);
		const { mapped, allocation } = mapAndAllocate(raw, { MUG: 12, TEA: 6, COFFEE: 50, SPOON: 1 });
		expect(mapped.route).toBe('mapped');
		const asOnPo = buildAcknowledgement(mapped, allocation, OPTIONS);
		expect(asOnPo.acknowledgement.items.map((i) => i.netCost)).toEqual([
			{ currencyCode: 'USD', amount: '4.20' },
			{ currencyCode: 'USD', amount: '4.80' },
			{ currencyCode: 'USD', amount: '2.50', unitOfMeasure: 'POUNDS' },
			{ currencyCode: 'USD', amount: '0.80' },
		]);
		const agreed = buildAcknowledgement(mapped, allocation, { ...OPTIONS, netCost: 'agreedCost' });
		expect(agreed.acknowledgement.items.map((i) => i.netCost)).toEqual([
			{ currencyCode: 'USD', amount: '4.00' },
			{ currencyCode: 'USD', amount: '4.80' },
			{ currencyCode: 'USD', amount: '2.40', unitOfMeasure: 'POUNDS' },
			{ currencyCode: 'USD', amount: '0.80' },
		]);
		expect(agreed.warnings).toEqual([
			"line 2: the agreed cost 5.00 is above the PO's 4.80 USD; the PO's cost is used (it may not be exceeded)",
		]);
		expectValid([agreed.acknowledgement]);
	});

	it('echoes identifiers and quantities exactly as on the PO, and leaves out a line Amazon cancelled to 0', () => {
		const raw = rawOrder([
			{
				...rawItem('00001', 'B0SPOON001', 3, 'Eaches', 1),
				vendorProductIdentifier: '0012345678905',
			},
			rawItem('00002', 'B0SPOON001', 0, 'Eaches', 1),
		]);
		const { mapped, allocation } = mapAndAllocate(raw, { SPOON: 10 });
		const { acknowledgement, warnings } = buildAcknowledgement(mapped, allocation, OPTIONS);
		expect(
			acknowledgement.items.map((i) => [
				i.itemSequenceNumber,
				i.amazonProductIdentifier,
				i.vendorProductIdentifier,
				i.orderedQuantity,
			]),
		).toEqual([
			['00001', 'B0SPOON001', '0012345678905', { amount: 3, unitOfMeasure: 'Eaches', unitSize: 1 }],
		]);
		expect(warnings).toContain(
			'line 00002 cancelled by Amazon (quantity 0): left out of the acknowledgement',
		);
		expectValid([acknowledgement]);

		const allCancelled = mapAndAllocate(rawOrder([rawItem('1', 'B0SPOON001', 0, 'Eaches', 1)]), {
			SPOON: 10,
		});
		expect(() =>
			buildAcknowledgement(allCancelled.mapped, allCancelled.allocation, OPTIONS),
		).toThrow(
			'PO PO000001: Amazon cancelled every line (quantity 0): there is nothing to acknowledge',
		);
	});

	it('refuses an allocation that does not fit the PO', () => {
		const { mapped, allocation } = mapAndAllocate(
			rawOrder([rawItem('1', 'B0SPOON001', 3, 'Eaches', 1)]),
			{ SPOON: 10 },
		);
		const tooMuch = { ...allocation, lines: [{ ...allocation.lines[0], accepted: 4 }] };
		expect(() => buildAcknowledgement(mapped, tooMuch, OPTIONS)).toThrow(
			new AcknowledgementBuildError(
				'PO000001',
				'line 1: accepted 4 + backordered 0 + rejected 0 must equal the 3 ordered',
			),
		);
		const backordered = {
			...allocation,
			lines: [{ ...allocation.lines[0], accepted: 1, backordered: 2 }],
		};
		expect(() => buildAcknowledgement(mapped, backordered, OPTIONS)).toThrow(
			'line 1: Amazon does not allow a backorder on this line (isBackOrderAllowed is false)',
		);
		expect(() =>
			buildAcknowledgement(mapped, { ...allocation, purchaseOrderNumber: 'OTHER' }, OPTIONS),
		).toThrow('PO PO000001: the allocation is for PO OTHER');
	});

	it('needs a vendor code', () => {
		const raw = rawOrder([rawItem('1', 'B0SPOON001', 3, 'Eaches', 1)]);
		delete raw.orderDetails.sellingParty;
		const { mapped, allocation } = mapAndAllocate(raw, { SPOON: 10 });
		expect(() => buildAcknowledgement(mapped, allocation, OPTIONS)).toThrow(
			'the PO has no sellingParty and no vendor code (sellingPartyId) was given',
		);
		expect(
			buildAcknowledgement(mapped, allocation, { ...OPTIONS, sellingPartyId: 'VEND9' })
				.acknowledgement.sellingParty,
		).toEqual({ partyId: 'VEND9' });
	});
});

describe('backordersOf', () => {
	// Two lines of MUG (cases of 12, backorders allowed on both), one of TEA (eaches, allowed), one of
	// SPOON (not allowed): 40 MUG, 6 TEA and no SPOON in stock.
	const raw = rawOrder([
		rawItem('1', 'B0MUG00001', 3, 'Cases', 12, '4.20', true),
		rawItem('2', 'B0TEA00001', 10, 'Eaches', 1, '5.00', true),
		rawItem('3', 'B0MUG00001', 1, 'Cases', 12, '4.20', true),
		rawItem('4', 'B0SPOON001', 7, 'Eaches', 1, '0.80'),
	]);
	const build = (backorder: boolean) => {
		const mapped = mapPurchaseOrder(normalisePurchaseOrder(raw), index, {
			partialPo: 'continueWithRejections',
			discontinued: 'reject',
			notMultiple: 'warning',
			priceTolerance: { mode: 'percent', value: '10' },
		});
		const allocation = allocate([mapped], { MUG: 40, TEA: 6, SPOON: 0 }, { backorder }).orders[0];
		return {
			allocation,
			acknowledgement: buildAcknowledgement(mapped, allocation, {
				...OPTIONS,
				backorderDelayDays: 5,
			}).acknowledgement,
		};
	};

	it('lists the backordered eaches per SKU with the date promised to Amazon, and a note for the shop order', () => {
		const { allocation, acknowledgement } = build(true);
		// MUG: line 1 takes 3 cases (36), line 3 finds 4 eaches left: its case is backordered.
		const backorders = backordersOf(acknowledgement, allocation);
		expect(backorders).toEqual([
			{
				sku: 'TEA',
				eaches: 4,
				scheduledShipDate: '2024-05-11T07:00:00Z',
				lines: [
					{ itemSequenceNumber: '2', amount: 4, unitOfMeasure: 'Eaches', unitSize: 1, eaches: 4 },
				],
			},
			{
				sku: 'MUG',
				eaches: 12,
				scheduledShipDate: '2024-05-11T07:00:00Z',
				lines: [
					{ itemSequenceNumber: '3', amount: 1, unitOfMeasure: 'Cases', unitSize: 12, eaches: 12 },
				],
			},
		]);
		// The allocation agrees: what the shop order holds is accepted + backordered.
		expect(allocation.skus).toEqual([
			{ sku: 'MUG', acceptedEaches: 36, backorderedEaches: 12 },
			{ sku: 'TEA', acceptedEaches: 6, backorderedEaches: 4 },
		]);
		expect(describeBackorders(backorders)).toBe(
			'Backordered at Amazon, ship when stock arrives: ' +
				'4 x TEA by 2024-05-11 (PO line 2); 12 x MUG by 2024-05-11 (PO line 3)',
		);
	});

	it('adds up two backordered lines of one SKU; names the delivery date on a Prepaid PO', () => {
		const prepaid = rawOrder(
			[
				rawItem('1', 'B0MUG00001', 2, 'Cases', 12, '4.20', true),
				rawItem('2', 'B0MUG00001', 1, 'Cases', 12, '4.20', true),
			],
			{
				deliveryWindow: '2024-05-08T00:00:00Z--2024-05-12T00:00:00Z',
			},
		);
		const mapped = mapPurchaseOrder(normalisePurchaseOrder(prepaid), index, {
			partialPo: 'continueWithRejections',
			priceTolerance: { mode: 'percent', value: '10' },
		});
		const allocation = allocate([mapped], { MUG: 12 }, { backorder: true }).orders[0];
		const backorders = backordersOf(
			buildAcknowledgement(mapped, allocation, OPTIONS).acknowledgement,
			allocation,
		);
		expect(backorders).toEqual([
			{
				sku: 'MUG',
				eaches: 24,
				scheduledDeliveryDate: '2024-05-15T00:00:00Z',
				lines: [
					{ itemSequenceNumber: '1', amount: 1, unitOfMeasure: 'Cases', unitSize: 12, eaches: 12 },
					{ itemSequenceNumber: '2', amount: 1, unitOfMeasure: 'Cases', unitSize: 12, eaches: 12 },
				],
			},
		]);
		expect(describeBackorders(backorders)).toBe(
			'Backordered at Amazon, ship when stock arrives: 24 x MUG delivered by 2024-05-15 (PO lines 1, 2)',
		);
	});

	it('is empty, with an empty note, when nothing is backordered', () => {
		const { allocation, acknowledgement } = build(false);
		expect(
			acknowledgement.items.flatMap((i) =>
				i.itemAcknowledgements.map((l) => l.acknowledgementCode),
			),
		).toEqual(['Accepted', 'Accepted', 'Rejected', 'Rejected', 'Rejected']);
		expect(backordersOf(acknowledgement, allocation)).toEqual([]);
		expect(describeBackorders([])).toBe('');
	});
});

describe("Amazon's sandbox orders end to end", () => {
	it('maps, allocates and acknowledges both POs of getPurchaseOrders #0 into a valid request', () => {
		const model: Json = JSON.parse(
			fs.readFileSync(path.resolve(__dirname, '../../schemas/amazon/vendorOrders.json'), 'utf8'),
		);
		const response =
			model.paths['/vendor/orders/v1/purchaseOrders'].get.responses['200']['x-amzn-api-sandbox']
				.static[0].response;
		const { orders } = normaliseOrdersResponse(response.payload);
		const sandboxIndex = createMappingIndex([
			{ vendorProductIdentifier: '8806098286500', sku: 'TV-1' },
			{ vendorProductIdentifier: '8806098286123', sku: 'TV-2' },
			{ asin: 'B01LNRIIAB', sku: 'BULK-1', casePack: 10 },
		]);
		const mapped = orders.map((po, i) =>
			mapPurchaseOrder(
				po,
				sandboxIndex,
				{ matchFirst: 'vendorProductIdentifier', partialPo: 'continueWithRejections' },
				response.payload.orders[i],
			),
		);
		expect(
			mapped.map((m) => [
				m.purchaseOrder.purchaseOrderNumber,
				m.route,
				m.exceptions.map((e) => e.code),
			]),
		).toEqual([
			['2JK3S9VC', 'mapped', ['unmapped']],
			['3TRD2IAB', 'mapped', []],
		]);
		const allocation = allocate(
			mapped,
			{ 'TV-1': 1, 'TV-2': 5, 'BULK-1': 35 },
			{ backorder: true },
		);
		const builds = buildAcknowledgements(mapped, allocation, OPTIONS);
		const bulk = builds.find((b) => b.acknowledgement.purchaseOrderNumber === '3TRD2IAB')
			?.acknowledgement as OrderAcknowledgement;
		expect(bulk.items[0].netCost).toEqual({
			currencyCode: 'USD',
			amount: '94.97',
			unitOfMeasure: 'POUNDS',
		});
		expect(
			bulk.items[0].itemAcknowledgements.map((l) => [
				l.acknowledgementCode,
				l.acknowledgedQuantity.amount,
			]),
		).toEqual([
			['Accepted', 3],
			['Backordered', 2],
		]);
		expectValid(builds.map((b) => b.acknowledgement));
	});
});

describe('buildAcknowledgementRequest', () => {
	it('refuses an empty list and a PO twice', () => {
		const { mapped, allocation } = mapAndAllocate(
			rawOrder([rawItem('1', 'B0SPOON001', 3, 'Eaches', 1)]),
			{ SPOON: 10 },
		);
		const { acknowledgement } = buildAcknowledgement(mapped, allocation, OPTIONS);
		expect(buildAcknowledgementRequest([acknowledgement])).toEqual({
			acknowledgements: [acknowledgement],
		});
		expect(() => buildAcknowledgementRequest([])).toThrow('There is no acknowledgement to submit');
		expect(() => buildAcknowledgementRequest([acknowledgement, acknowledgement])).toThrow(
			'PO PO000001: is twice in one submission',
		);
	});

	it('validation reports a bad body with paths', () => {
		const result = validateAcknowledgementRequest({
			acknowledgements: [
				{
					purchaseOrderNumber: 'X',
					sellingParty: {},
					acknowledgementDate: 'today',
					items: [],
					extra: 1,
				},
			],
		});
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.issues.map((i) => i.path)).toEqual([
				'acknowledgements[0].sellingParty.partyId',
				'acknowledgements[0].acknowledgementDate',
				'acknowledgements[0].extra',
			]);
		}
	});
});

describe('dates', () => {
	it("writes dates as Amazon's date-time pattern wants them", () => {
		expect(toAmazonDateTime('2024-05-06T07:00:00Z')).toBe('2024-05-06T07:00:00Z');
		expect(toAmazonDateTime('2024-05-06')).toBe('2024-05-06T00:00:00Z');
		expect(toAmazonDateTime('2024-05-06T07:00')).toBe('2024-05-06T07:00:00Z');
		expect(toAmazonDateTime('2024-05-06T07:00Z')).toBe('2024-05-06T07:00:00Z');
		expect(toAmazonDateTime('soon')).toBeUndefined();
	});
});

describe('acknowledgementTiming', () => {
	const po = { purchaseOrderDate: '2024-05-01T08:00:00Z' };

	it('24 h to acknowledge a new PO', () => {
		expect(acknowledgementTiming(po, '2024-05-02T07:00:00Z')).toEqual({
			hoursSinceCreation: 23,
			acknowledgeBy: '2024-05-02T08:00:00Z',
			pastAcknowledgementDeadline: false,
			changed: false,
			lastChangedAt: '2024-05-01T08:00:00Z',
			hoursSinceLastChange: 23,
			reacknowledgeBy: '2024-05-03T08:00:00Z',
			withinChangeWindow: true,
		});
		expect(acknowledgementTiming(po, '2024-05-02T08:00:00Z').pastAcknowledgementDeadline).toBe(
			false,
		);
		expect(acknowledgementTiming(po, new Date('2024-05-02T09:00:00Z'))).toMatchObject({
			hoursSinceCreation: 25,
			pastAcknowledgementDeadline: true,
		});
	});

	it('48 h from the last change to re-acknowledge', () => {
		const changed = { ...po, purchaseOrderChangedDate: '2024-05-04T12:00:00Z' };
		expect(acknowledgementTiming(changed, '2024-05-06T11:00:00Z')).toMatchObject({
			changed: true,
			pastAcknowledgementDeadline: true,
			lastChangedAt: '2024-05-04T12:00:00Z',
			hoursSinceLastChange: 47,
			reacknowledgeBy: '2024-05-06T12:00:00Z',
			withinChangeWindow: true,
		});
		expect(acknowledgementTiming(changed, Date.parse('2024-05-06T13:00:00Z'))).toMatchObject({
			hoursSinceLastChange: 49,
			withinChangeWindow: false,
		});
		expect(() => acknowledgementTiming({ purchaseOrderDate: 'yesterday' }, NOW)).toThrow(
			'purchaseOrderDate is not a date-time (got "yesterday")',
		);
	});
});

describe('checkReacknowledgement', () => {
	function ack(
		lines: Array<[string, Array<['Accepted' | 'Backordered' | 'Rejected', number]>]>,
		unit: 'Cases' | 'Eaches' = 'Eaches',
	): OrderAcknowledgement {
		return {
			purchaseOrderNumber: 'PO000001',
			sellingParty: { partyId: 'VEND1' },
			acknowledgementDate: '2024-05-01T10:30:00Z',
			items: lines.map(([seq, loops]) => ({
				itemSequenceNumber: seq,
				orderedQuantity: {
					amount: loops.reduce((n, [, q]) => n + q, 0),
					unitOfMeasure: unit,
					unitSize: unit === 'Cases' ? 6 : 1,
				},
				itemAcknowledgements: loops.map(([code, amount]) => ({
					acknowledgementCode: code,
					acknowledgedQuantity: { amount, unitOfMeasure: unit, unitSize: unit === 'Cases' ? 6 : 1 },
					...(code === 'Rejected' ? { rejectionReason: 'TemporarilyUnavailable' as const } : {}),
				})),
			})),
		};
	}

	it('refuses a line that was Rejected becoming Accepted or Backordered', () => {
		const previous = ack([
			['1', [['Accepted', 5]]],
			['2', [['Rejected', 4]]],
			['3', [['Rejected', 2]]],
		]);
		const next = ack([
			['1', [['Accepted', 5]]],
			['2', [['Accepted', 4]]],
			['3', [['Backordered', 2]]],
		]);
		expect(checkReacknowledgement(previous, next)).toEqual({
			allowed: false,
			transitions: [
				{
					line: '2',
					previous: ['Rejected'],
					next: ['Accepted'],
					kind: 'rejectedLine',
					message: 'Line "2" was acknowledged Rejected and cannot become Accepted',
				},
				{
					line: '3',
					previous: ['Rejected'],
					next: ['Backordered'],
					kind: 'rejectedLine',
					message: 'Line "3" was acknowledged Rejected and cannot become Backordered',
				},
			],
		});
	});

	it('refuses rejected units of a split line becoming accepted (quantities in eaches)', () => {
		const previous = ack(
			[
				[
					'1',
					[
						['Accepted', 6],
						['Rejected', 4],
					],
				],
			],
			'Cases',
		);
		const turned = checkReacknowledgement(
			previous,
			ack(
				[
					[
						'1',
						[
							['Accepted', 8],
							['Rejected', 2],
						],
					],
				],
				'Cases',
			),
		);
		expect(turned.allowed).toBe(false);
		expect(turned.transitions[0]).toMatchObject({
			kind: 'rejectedUnits',
			eaches: 12,
			message:
				'Line "1": 12 eaches acknowledged Rejected before would now be Accepted (rejected 24 -> 12 eaches)',
		});
		// Amazon cut the line to 6 cases: fewer rejected, no more accepted; an unchanged re-ack; a later date only.
		expect(checkReacknowledgement(previous, ack([['1', [['Accepted', 6]]]], 'Cases')).allowed).toBe(
			true,
		);
		expect(checkReacknowledgement(previous, previous).allowed).toBe(true);
		expect(
			checkReacknowledgement(
				previous,
				ack(
					[
						[
							'1',
							[
								['Accepted', 5],
								['Rejected', 5],
							],
						],
					],
					'Cases',
				),
			).allowed,
		).toBe(true);
	});

	it('takes a simple per-line record of codes', () => {
		const next = ack([
			['1', [['Accepted', 5]]],
			[
				'2',
				[
					['Accepted', 3],
					['Rejected', 1],
				],
			],
			['3', [['Rejected', 2]]],
			['4', [['Accepted', 1]]],
		]);
		const check = checkReacknowledgement(
			{ '1': 'Accepted', '2': ['Rejected'], '3': 'Rejected' },
			next,
		);
		expect(check.transitions.map((t) => [t.line, t.kind])).toEqual([['2', 'rejectedLine']]);
		expect(checkReacknowledgement({ '2': ['Accepted', 'Rejected'] }, next).allowed).toBe(true);
		expect(() => checkReacknowledgement({ '1': 'Acepted' as never }, next)).toThrow(
			'previous line "1": "Acepted" is not Accepted, Backordered or Rejected',
		);
	});

	it('refuses to compare acknowledgements of different POs', () => {
		const other = { ...ack([['1', [['Accepted', 1]]]]), purchaseOrderNumber: 'PO000009' };
		expect(() => checkReacknowledgement(other, ack([['1', [['Accepted', 1]]]]))).toThrow(
			'PO PO000001: the previous acknowledgement is for PO PO000009',
		);
	});
});

describe('fuzz findings (#15)', () => {
	function loops(seq: string, accepted: number, rejected: number, ordered = accepted + rejected) {
		const q = (amount: number) => ({ amount, unitOfMeasure: 'Cases' as const, unitSize: 6 });
		return {
			itemSequenceNumber: seq,
			orderedQuantity: q(ordered),
			itemAcknowledgements: [
				...(accepted
					? [{ acknowledgementCode: 'Accepted' as const, acknowledgedQuantity: q(accepted) }]
					: []),
				...(rejected
					? [{ acknowledgementCode: 'Rejected' as const, acknowledgedQuantity: q(rejected) }]
					: []),
			],
		};
	}
	function ackOf(...items: ReturnType<typeof loops>[]): OrderAcknowledgement {
		return {
			purchaseOrderNumber: 'PO000001',
			sellingParty: { partyId: 'VEND1' },
			acknowledgementDate: '2024-05-01T10:30:00Z',
			items,
		};
	}

	it('the guard matches "00001" and "1" as one line', () => {
		const check = checkReacknowledgement(ackOf(loops('00001', 0, 4)), ackOf(loops('1', 4, 0)));
		expect(check.allowed).toBe(false);
		expect(check.transitions[0]).toMatchObject({ line: '1', kind: 'rejectedLine' });
		expect(checkReacknowledgement({ '001': 'Rejected' }, ackOf(loops('1', 4, 0))).allowed).toBe(
			false,
		);
	});

	it('the guard refuses accepting more than was not rejected before (rejected quantity is final)', () => {
		const previous = ackOf(loops('1', 8, 2));
		// 10 cases accepted of 10 ordered: 2 cases (12 eaches) were rejected.
		expect(checkReacknowledgement(previous, ackOf(loops('1', 10, 0))).transitions).toMatchObject([
			{ kind: 'rejectedUnits', eaches: 12 },
		]);
		// The rejected cases sent again as Rejected, but 10 accepted too (more than the 10 ordered).
		expect(
			checkReacknowledgement(previous, ackOf(loops('1', 10, 2, 10))).transitions,
		).toMatchObject([{ kind: 'rejectedUnits', eaches: 12 }]);
		// Amazon raised the line to 12 cases: the 2 new cases may be accepted, the 2 rejected may not.
		expect(checkReacknowledgement(previous, ackOf(loops('1', 10, 2))).allowed).toBe(true);
		expect(checkReacknowledgement(previous, ackOf(loops('1', 8, 2))).allowed).toBe(true);
	});

	it('a malformed previous or next acknowledgement is a named error, not a TypeError', () => {
		const next = ackOf(loops('1', 8, 2));
		const cases: unknown[] = [
			null,
			7,
			{ purchaseOrderNumber: 'PO000001', items: [{ itemSequenceNumber: '1' }] },
			{ purchaseOrderNumber: 'PO000001', items: [null] },
			{ purchaseOrderNumber: 'PO000001', items: 'x' },
			{
				purchaseOrderNumber: 'PO000001',
				items: [
					{
						itemAcknowledgements: [{ acknowledgementCode: 'Accepted', acknowledgedQuantity: null }],
					},
				],
			},
			{ '1': 5 },
		];
		for (const previous of cases) {
			expect(() => checkReacknowledgement(previous as never, next)).toThrow(InvalidInputError);
		}
		expect(() => checkReacknowledgement({}, null as never)).toThrow(InvalidInputError);
		expect(() => checkReacknowledgement(ackOf(), { ...next, items: [{}] } as never)).toThrow(
			'next.items[0].itemAcknowledgements must be an array (got undefined)',
		);
	});

	it('warns about a net cost of 0 or less', () => {
		const raw = rawOrder([
			rawItem('1', 'B0SPOON001', 3, 'Eaches', 1, '0.00'),
			rawItem('2', 'B0SPOON001', 3, 'Eaches', 1, '-1.50'),
		]);
		const { mapped, allocation } = mapAndAllocate(raw, { SPOON: 10 });
		const built = buildAcknowledgement(mapped, allocation, OPTIONS);
		expect(built.warnings).toEqual([
			"line 1: the PO's net cost 0.00 USD is not above 0; Amazon expects a positive net cost",
			"line 2: the PO's net cost -1.50 USD is not above 0; Amazon expects a positive net cost",
		]);
	});

	it('null or wrongly typed arguments are named errors', () => {
		const raw = rawOrder([rawItem('1', 'B0SPOON001', 3, 'Eaches', 1)]);
		const { mapped, allocation } = mapAndAllocate(raw, { SPOON: 10 });
		const bad: Array<[unknown, unknown, unknown, string]> = [
			[null, allocation, OPTIONS, 'mapped must be an object (got null)'],
			[mapped, null, OPTIONS, 'allocation must be an object (got null)'],
			[mapped, allocation, null, 'options must be an object (got null)'],
			[{ ...mapped, lines: 'x' }, allocation, OPTIONS, 'mapped.lines must be an array'],
			[
				{
					...mapped,
					purchaseOrder: {
						...mapped.purchaseOrder,
						items: [{ ...mapped.purchaseOrder.items[0], isBackOrderAllowed: 'true' }],
					},
				},
				allocation,
				OPTIONS,
				'mapped.purchaseOrder.items[0].isBackOrderAllowed must be true or false (got "true")',
			],
			[
				mapped,
				{ ...allocation, lines: [{ ...allocation.lines[0], accepted: '3' }] },
				OPTIONS,
				'accepted must be',
			],
			[mapped, allocation, { now: () => null }, 'The clock gave no valid date (got null)'],
			[
				mapped,
				allocation,
				{ ...OPTIONS, scheduledShipDate: 5 },
				'scheduledShipDate must be an ISO',
			],
		];
		for (const [m, a, o, message] of bad) {
			expect(() => buildAcknowledgement(m as never, a as never, o as never)).toThrow(
				InvalidInputError,
			);
			expect(() => buildAcknowledgement(m as never, a as never, o as never)).toThrow(message);
		}
		expect(() => buildAcknowledgements(null as never, null as never, OPTIONS)).toThrow(
			InvalidInputError,
		);
		expect(() => backordersOf(null as never, allocation)).toThrow(InvalidInputError);
		expect(() => buildAcknowledgementRequest([null as never])).toThrow(InvalidInputError);
	});
});
