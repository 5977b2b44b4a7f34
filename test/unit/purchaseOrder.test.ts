/**
 * The canonical purchase order, against every order in Amazon's vendorOrders sandbox fixtures and
 * against the deviations Amazon is known for.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
	changeKey,
	normaliseOrdersResponse,
	normalisePurchaseOrder,
	PurchaseOrderFormatError,
	type CanonicalPurchaseOrder,
} from '../../nodes/shared/domain/purchaseOrder';
import { parseDateInterval } from '../../nodes/shared/domain/dateInterval';
import { InvalidInputError } from '../../nodes/shared/domain/inputError';
import { PurchaseOrderInputError, readPurchaseOrderInput } from '../../nodes/shared/domain/poInput';

const MODELS_DIR = path.resolve(__dirname, '../../schemas/amazon');

type Json = any;

const model: Json = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, 'vendorOrders.json'), 'utf8'));

function sandboxResponses(apiPath: string): Json[] {
	const response = model.paths[apiPath].get.responses['200'];
	const cases = [
		...(response['x-amzn-api-sandbox']?.static ?? []),
		...(response['x-amazon-spds-sandbox-behaviors'] ?? []),
	];
	return cases.map((c: Json) => c.response);
}

const listResponses = sandboxResponses('/vendor/orders/v1/purchaseOrders');
const singleResponses = sandboxResponses('/vendor/orders/v1/purchaseOrders/{purchaseOrderNumber}');

function thrown(fn: () => unknown): PurchaseOrderFormatError {
	try {
		fn();
	} catch (error) {
		if (error instanceof PurchaseOrderFormatError) return error;
		throw error;
	}
	throw new Error('expected a PurchaseOrderFormatError');
}

/** A clean order in Amazon's shape, to be bent by each test. */
function rawOrder(): Json {
	return {
		purchaseOrderNumber: '2JK3S9VC',
		purchaseOrderState: 'New',
		orderDetails: {
			purchaseOrderDate: '2019-08-20T15:51:00Z',
			purchaseOrderStateChangedDate: '2019-08-20T15:51:00Z',
			purchaseOrderType: 'RegularOrder',
			paymentMethod: 'Invoice',
			sellingParty: { partyId: '999US' },
			shipToParty: { partyId: 'ABCD' },
			shipWindow: '2019-08-21T07:00:00Z--2019-08-27T07:00:00Z',
			items: [
				{
					itemSequenceNumber: '1',
					amazonProductIdentifier: 'B07DFVDRAB',
					vendorProductIdentifier: '8806098286500',
					orderedQuantity: { amount: 2, unitOfMeasure: 'Eaches', unitSize: 1 },
					isBackOrderAllowed: false,
					netCost: { amount: '346.27', currencyCode: 'USD' },
				},
			],
		},
	};
}

describe('every order in the vendorOrders sandbox fixtures', () => {
	it('has the fixtures this suite expects', () => {
		expect(listResponses).toHaveLength(7);
		expect(singleResponses).toHaveLength(2);
	});

	it('normalises every getPurchaseOrders response that carries order details', () => {
		const withDetails = listResponses.filter((r) =>
			r.payload.orders.every((o: Json) => o.orderDetails),
		);
		expect(withDetails).toHaveLength(6);
		for (const response of withDetails) {
			const page = normaliseOrdersResponse(response.payload);
			expect(page.orders.map((o) => o.purchaseOrderNumber)).toEqual(
				response.payload.orders.map((o: Json) => o.purchaseOrderNumber),
			);
			for (const [i, po] of page.orders.entries()) {
				expect(po.items).toHaveLength(response.payload.orders[i].orderDetails.items.length);
			}
		}
	});

	it('#0: two POs, Eaches lines, CASES x5 of 10 = 50 eaches priced per pound, nextToken', () => {
		const page = normaliseOrdersResponse(listResponses[0]);
		expect(page.nextToken).toBe('MDAwMDAwMDAwMQ==');
		const [regular, imported] = page.orders;

		expect(regular).toEqual<CanonicalPurchaseOrder>({
			purchaseOrderNumber: '2JK3S9VC',
			purchaseOrderState: 'New',
			purchaseOrderType: 'RegularOrder',
			purchaseOrderDate: '2019-08-20T15:51:00Z',
			purchaseOrderChangedDate: '2019-08-22T16:05:00Z',
			purchaseOrderStateChangedDate: '2019-08-20T15:51:00Z',
			paymentMethod: 'Invoice',
			buyingParty: { partyId: 'ABCD' },
			sellingParty: { partyId: '999US' },
			shipToParty: { partyId: 'ABCD' },
			billToParty: { partyId: 'ABCD' },
			shipWindow: {
				start: '2019-08-21T07:00:00Z',
				end: '2019-08-27T07:00:00Z',
				raw: '2019-08-21T07:00:00Z--2019-08-27T07:00:00Z',
			},
			items: [
				{
					itemSequenceNumber: '1',
					amazonProductIdentifier: 'B07DFVDRAB',
					vendorProductIdentifier: '8806098286500',
					orderedQuantity: { amount: 1, unitOfMeasure: 'Eaches', unitSize: 1 },
					orderedEaches: 1,
					isBackOrderAllowed: false,
					netCost: { currencyCode: 'USD', amount: '346.27' },
					listPrice: { currencyCode: 'USD', amount: '346.27' },
				},
				{
					itemSequenceNumber: '2',
					amazonProductIdentifier: 'B07DFYF5AB',
					vendorProductIdentifier: '8806098286123',
					orderedQuantity: { amount: 2, unitOfMeasure: 'Eaches', unitSize: 1 },
					orderedEaches: 2,
					isBackOrderAllowed: false,
					netCost: { currencyCode: 'USD', amount: '229.47' },
					listPrice: { currencyCode: 'USD', amount: '229.47' },
				},
				{
					itemSequenceNumber: '3',
					amazonProductIdentifier: 'B07MC84QAB',
					vendorProductIdentifier: '8806098095123',
					orderedQuantity: { amount: 13, unitOfMeasure: 'Eaches', unitSize: 1 },
					orderedEaches: 13,
					isBackOrderAllowed: false,
					netCost: { currencyCode: 'USD', amount: '412.71' },
					listPrice: { currencyCode: 'USD', amount: '412.71' },
				},
			],
			warnings: [],
		});
		expect(changeKey(regular)).toBe('2JK3S9VC@2019-08-22T16:05:00Z');

		expect(imported.purchaseOrderNumber).toBe('3TRD2IAB');
		expect(imported.importDetails).toEqual({
			methodOfPayment: 'PrepaidBySeller',
			internationalCommercialTerms: 'FreeOnBoard',
			portOfDelivery: 'INDIA',
			importContainers: "2-20'HC,1-45',1-45'HC",
			shippingInstructions: 'PREFERENCE IS PALLET-LOAD, BUT IF CONTAINERS ARE FLOOR-LOADED',
		});
		expect(imported.items).toEqual([
			{
				itemSequenceNumber: '1',
				amazonProductIdentifier: 'B01LNRIIAB',
				vendorProductIdentifier: 'B01LNRIIAB',
				orderedQuantity: { amount: 5, unitOfMeasure: 'Cases', unitSize: 10 },
				orderedEaches: 50,
				isBackOrderAllowed: true,
				netCost: { currencyCode: 'USD', amount: '94.97', unitOfMeasure: 'POUNDS' },
				listPrice: { currencyCode: 'USD', amount: '94.97', unitOfMeasure: 'POUNDS' },
			},
		]);
		expect(imported.warnings).toEqual([
			'orderDetails.items[0].orderedQuantity.unitOfMeasure: "CASES" read as "Cases"',
		]);
	});

	it('#1 (includeDetails=false) lists only numbers and states: not normalisable, and says why', () => {
		const error = thrown(() => normaliseOrdersResponse(listResponses[1].payload));
		expect(error.path).toBe('orders[0].orderDetails');
		expect(error.purchaseOrderNumber).toBe('2JK3S9XY');
		expect(error.message).toBe(
			'orders[0].orderDetails: is required (an order listed with includeDetails=false carries only ' +
				'purchaseOrderNumber and purchaseOrderState)',
		);
	});

	it('#2 changed window: TestPO1 keeps its cancelled 0-quantity line', () => {
		const [po2, po1] = normaliseOrdersResponse(listResponses[2].payload).orders;
		expect(po2.purchaseOrderState).toBe('New');
		expect(changeKey(po2)).toBe('TestPO2@2020-05-26T16:00:00Z');
		expect(po1.purchaseOrderState).toBe('Acknowledged');
		expect(
			po1.items.map((i) => [i.itemSequenceNumber, i.orderedQuantity.amount, i.orderedEaches]),
		).toEqual([
			['1', 0, 0],
			['2', 10, 10],
		]);
		expect(po1.items[0].netCost).toEqual({ currencyCode: 'USD', amount: '70' });
		expect(po1.warnings).toEqual([]);
	});

	it('#3 cancelled items: TestPO1 with the 0-quantity line and its own ship window', () => {
		const [po1] = normaliseOrdersResponse(listResponses[3].payload).orders;
		expect(po1.items[0].orderedEaches).toBe(0);
		expect(po1.shipWindow).toEqual({
			start: '2020-05-27T07:00:00Z',
			end: '2020-05-29T07:00:00Z',
			raw: '2020-05-27T07:00:00Z--2020-05-29T07:00:00Z',
		});
	});

	it('#4 and #5: the same PO changed at different times has different change keys; TestPO3 was never changed', () => {
		const [changed] = normaliseOrdersResponse(listResponses[4].payload).orders;
		const [earlier, never] = normaliseOrdersResponse(listResponses[5].payload).orders;
		expect(changeKey(changed)).toBe('TestPO2@2020-05-26T16:00:00Z');
		expect(changeKey(earlier)).toBe('TestPO2@2020-05-26T06:00:00Z');
		expect(never.purchaseOrderChangedDate).toBeUndefined();
		expect(changeKey(never)).toBe('TestPO3@2020-05-26T18:05:23Z');
		expect(never.buyingParty).toEqual({ partyId: 'ABCF' });
		expect(never.items[0]).toMatchObject({
			amazonProductIdentifier: 'B01XYZ3Z02',
			orderedEaches: 10,
			isBackOrderAllowed: true,
		});
	});

	it('#6 catch-all mocks: no purchaseOrderState (New), 5-digit sequence numbers kept, Cases 24 x 5 = 120', () => {
		const page = normaliseOrdersResponse(listResponses[6].payload);
		expect(page.nextToken).toBe('MDAwMDAwMDAwMQ==');
		const [first, second] = page.orders;
		expect(first.purchaseOrderState).toBe('New');
		expect(first.purchaseOrderStateChangedDate).toBeUndefined();
		expect(first.shipWindow).toBeUndefined();
		expect(first.warnings).toEqual(['purchaseOrderState: missing: read as "New"']);
		expect(first.items.map((i) => i.itemSequenceNumber)).toEqual(['00001', '00002', '00003']);
		expect(first.items[0].netCost).toBeUndefined();
		expect(first.items[0].listPrice).toEqual({ currencyCode: 'INR', amount: '34366.27' });
		expect(second.items[0]).toEqual({
			itemSequenceNumber: '00001',
			amazonProductIdentifier: 'B01LNRIIAB',
			vendorProductIdentifier: 'B01LNRIIAB',
			orderedQuantity: { amount: 24, unitOfMeasure: 'Cases', unitSize: 5 },
			orderedEaches: 120,
			isBackOrderAllowed: true,
			netCost: { currencyCode: 'INR', amount: '94.97', unitOfMeasure: 'POUNDS' },
		});
	});

	it('getPurchaseOrder 4Z32PABC (Closed, three lines, "110.00" kept as written)', () => {
		const po = normalisePurchaseOrder(singleResponses[0]);
		expect(po.purchaseOrderNumber).toBe('4Z32PABC');
		expect(po.purchaseOrderState).toBe('Closed');
		expect(changeKey(po)).toBe('4Z32PABC@2019-07-26T11:10:00Z');
		expect(po.items.map((i) => [i.orderedEaches, i.netCost?.amount])).toEqual([
			[37, '140'],
			[24, '15.62'],
			[1, '110.00'],
		]);
		expect(po.warnings).toEqual([]);
	});

	it('getPurchaseOrder catch-all mock', () => {
		const po = normalisePurchaseOrder(singleResponses[1].payload);
		expect(po.purchaseOrderNumber).toBe('mock-purchaseOrderNumber');
		expect(po.purchaseOrderState).toBe('New');
		expect(po.items.map((i) => i.netCost?.amount)).toEqual(['14162.00', '14162.00', '14162.00']);
	});

	it('the getPurchaseOrder example (TestPO3) normalises; getPurchaseOrders has items outside orderDetails', () => {
		const single =
			model.paths['/vendor/orders/v1/purchaseOrders/{purchaseOrderNumber}'].get.responses['200']
				.examples['application/json'];
		expect(normalisePurchaseOrder(single).purchaseOrderNumber).toBe('TestPO3');
		const list = model.paths['/vendor/orders/v1/purchaseOrders'].get.responses['200'].examples;
		const error = thrown(() => normaliseOrdersResponse(list));
		expect(error.message).toBe('orders[0].orderDetails.items: is required');
	});
});

describe('units of measure', () => {
	it.each([
		['Eaches', []],
		['Each', ['"Each" read as "Eaches"']],
		['EA', ['"EA" read as "Eaches"']],
		['EACH', ['"EACH" read as "Eaches"']],
		['eaches', ['"eaches" read as "Eaches"']],
		[' Eaches ', ['whitespace removed from " Eaches "']],
	])('%p is Eaches', (unit, warnings) => {
		const raw = rawOrder();
		raw.orderDetails.items[0].orderedQuantity = { amount: 4, unitOfMeasure: unit };
		const po = normalisePurchaseOrder(raw);
		expect(po.items[0].orderedQuantity).toEqual({
			amount: 4,
			unitOfMeasure: 'Eaches',
			unitSize: 1,
		});
		expect(po.items[0].orderedEaches).toBe(4);
		expect(po.warnings).toEqual(
			warnings.map((w) => `orderDetails.items[0].orderedQuantity.unitOfMeasure: ${w}`),
		);
	});

	it.each(['Cases', 'CASES', 'cases', 'CA', 'CASE', 'cs'])('%p is Cases', (unit) => {
		const raw = rawOrder();
		raw.orderDetails.items[0].orderedQuantity = { amount: 3, unitOfMeasure: unit, unitSize: 12 };
		const po = normalisePurchaseOrder(raw);
		expect(po.items[0].orderedQuantity).toEqual({
			amount: 3,
			unitOfMeasure: 'Cases',
			unitSize: 12,
		});
		expect(po.items[0].orderedEaches).toBe(36);
	});

	it('a Cases line without unitSize cannot be normalised (its eaches are unknown)', () => {
		const raw = rawOrder();
		raw.orderDetails.items[0].orderedQuantity = { amount: 3, unitOfMeasure: 'Cases' };
		const error = thrown(() => normalisePurchaseOrder(raw));
		expect(error.path).toBe('orderDetails.items[0].orderedQuantity.unitSize');
		expect(error.reason).toBe(
			'is required when unitOfMeasure is Cases (the number of eaches cannot be computed)',
		);
		expect(error.purchaseOrderNumber).toBe('2JK3S9VC');
	});

	it('a Cases line with unitSize 0 is refused', () => {
		const raw = rawOrder();
		raw.orderDetails.items[0].orderedQuantity = { amount: 3, unitOfMeasure: 'Cases', unitSize: 0 };
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(
			'orderDetails.items[0].orderedQuantity.unitSize: must be at least 1 when unitOfMeasure is Cases (got 0)',
		);
	});

	it('an Eaches line keeps the unitSize Amazon sent but counts eaches by amount', () => {
		const raw = rawOrder();
		raw.orderDetails.items[0].orderedQuantity = { amount: 3, unitOfMeasure: 'Eaches', unitSize: 6 };
		expect(normalisePurchaseOrder(raw).items[0]).toMatchObject({
			orderedQuantity: { amount: 3, unitOfMeasure: 'Eaches', unitSize: 6 },
			orderedEaches: 3,
		});
	});

	it('a missing unit is Eaches when unitSize is absent or 1, an error otherwise', () => {
		const raw = rawOrder();
		raw.orderDetails.items[0].orderedQuantity = { amount: 3 };
		const po = normalisePurchaseOrder(raw);
		expect(po.items[0].orderedQuantity).toEqual({
			amount: 3,
			unitOfMeasure: 'Eaches',
			unitSize: 1,
		});
		expect(po.warnings).toEqual([
			'orderDetails.items[0].orderedQuantity.unitOfMeasure: missing: read as "Eaches"',
		]);
		raw.orderDetails.items[0].orderedQuantity = { amount: 3, unitSize: 12 };
		expect(thrown(() => normalisePurchaseOrder(raw)).path).toBe(
			'orderDetails.items[0].orderedQuantity.unitOfMeasure',
		);
	});

	it('an unknown unit is an error listing the allowed values', () => {
		const raw = rawOrder();
		raw.orderDetails.items[0].orderedQuantity = {
			amount: 3,
			unitOfMeasure: 'Pallets',
			unitSize: 1,
		};
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(
			'orderDetails.items[0].orderedQuantity.unitOfMeasure: must be one of: Cases, Eaches (got "Pallets")',
		);
	});
});

describe('quantities, prices and flags sent in the wrong type', () => {
	it('reads string amounts and unit sizes', () => {
		const raw = rawOrder();
		raw.orderDetails.items[0].orderedQuantity = {
			amount: '10',
			unitOfMeasure: 'CASES',
			unitSize: ' 6 ',
		};
		const po = normalisePurchaseOrder(raw);
		expect(po.items[0].orderedQuantity).toEqual({
			amount: 10,
			unitOfMeasure: 'Cases',
			unitSize: 6,
		});
		expect(po.items[0].orderedEaches).toBe(60);
		expect(po.warnings).toEqual([
			'orderDetails.items[0].orderedQuantity.amount: string "10" read as the number 10',
			'orderDetails.items[0].orderedQuantity.unitSize: string " 6 " read as the number 6',
			'orderDetails.items[0].orderedQuantity.unitOfMeasure: "CASES" read as "Cases"',
		]);
	});

	it.each([
		[{ unitOfMeasure: 'Eaches' }, 'orderDetails.items[0].orderedQuantity.amount: is required'],
		[
			{ amount: '1,5', unitOfMeasure: 'Eaches' },
			'orderDetails.items[0].orderedQuantity.amount: must be a whole number (got "1,5")',
		],
		[
			{ amount: 2.5, unitOfMeasure: 'Eaches' },
			'orderDetails.items[0].orderedQuantity.amount: must be a whole number (got 2.5)',
		],
		[
			{ amount: -1, unitOfMeasure: 'Eaches' },
			'orderDetails.items[0].orderedQuantity.amount: must not be negative (got -1)',
		],
	])('refuses the quantity %j', (orderedQuantity, message) => {
		const raw = rawOrder();
		raw.orderDetails.items[0].orderedQuantity = orderedQuantity;
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(message);
	});

	it('an item without orderedQuantity or itemSequenceNumber cannot be normalised', () => {
		const raw = rawOrder();
		delete raw.orderDetails.items[0].orderedQuantity;
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(
			'orderDetails.items[0].orderedQuantity: is required',
		);
		const raw2 = rawOrder();
		raw2.orderDetails.items[0].itemSequenceNumber = '  ';
		expect(thrown(() => normalisePurchaseOrder(raw2)).message).toBe(
			'orderDetails.items[0].itemSequenceNumber: must not be empty',
		);
	});

	it.each([
		['10', '10', []],
		['110.00', '110.00', []],
		[' 12.50 ', '12.50', ['whitespace removed from " 12.50 "']],
		['010.50', '10.50', ['"010.50" written as "10.50"']],
		['00.5', '0.5', ['"00.5" written as "0.5"']],
		['.5', '0.5', ['".5" written as "0.5"']],
		['+3', '3', ['"+3" written as "3"']],
		['-0012', '-12', ['"-0012" written as "-12"']],
		[10.2, '10.2', ['number 10.2 written as the decimal string "10.2"']],
		['1e3', '1000', []],
		['1.50E1', '15.0', []],
	])('money amount %p becomes the Decimal string %p', (amount, expected, warnings) => {
		const raw = rawOrder();
		raw.orderDetails.items[0].netCost = { amount, currencyCode: 'USD' };
		const po = normalisePurchaseOrder(raw);
		expect(po.items[0].netCost).toEqual({ currencyCode: 'USD', amount: expected });
		expect(typeof po.items[0].netCost?.amount).toBe('string');
		expect(po.warnings).toEqual(warnings.map((w) => `orderDetails.items[0].netCost.amount: ${w}`));
	});

	it.each(['12,50', '1,234.50', '12.', 'ten', '1 000'])('money amount %p is an error', (amount) => {
		const raw = rawOrder();
		raw.orderDetails.items[0].netCost = { amount, currencyCode: 'USD' };
		const error = thrown(() => normalisePurchaseOrder(raw));
		expect(error.path).toBe('orderDetails.items[0].netCost.amount');
		expect(error.reason).toBe(
			'must be a decimal number such as "12.50", without thousands separators or a decimal comma ' +
				`(got ${JSON.stringify(amount)})`,
		);
	});

	it('currency: upper-cased; missing or malformed is an error; price units are mapped or refused', () => {
		const raw = rawOrder();
		raw.orderDetails.items[0].listPrice = {
			amount: '1',
			currencyCode: ' usd',
			unitOfMeasure: 'lb',
		};
		const po = normalisePurchaseOrder(raw);
		expect(po.items[0].listPrice).toEqual({
			currencyCode: 'USD',
			amount: '1',
			unitOfMeasure: 'POUNDS',
		});
		expect(po.warnings).toEqual([
			'orderDetails.items[0].listPrice.currencyCode: whitespace removed from " usd"',
			'orderDetails.items[0].listPrice.currencyCode: "usd" read as "USD"',
			'orderDetails.items[0].listPrice.unitOfMeasure: "lb" read as "POUNDS"',
		]);
		raw.orderDetails.items[0].listPrice = { amount: '1' };
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(
			'orderDetails.items[0].listPrice.currencyCode: is required',
		);
		raw.orderDetails.items[0].listPrice = { amount: '1', currencyCode: 'US$' };
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(
			'orderDetails.items[0].listPrice.currencyCode: must be a 3-letter ISO 4217 code (got "US$")',
		);
		raw.orderDetails.items[0].listPrice = {
			amount: '1',
			currencyCode: 'USD',
			unitOfMeasure: 'STONES',
		};
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(
			'orderDetails.items[0].listPrice.unitOfMeasure: must be one of: POUNDS, OUNCES, GRAMS, KILOGRAMS (got "STONES")',
		);
	});

	it('a price without an amount is left out with a warning', () => {
		const raw = rawOrder();
		raw.orderDetails.items[0].netCost = { currencyCode: 'USD' };
		const po = normalisePurchaseOrder(raw);
		expect(po.items[0].netCost).toBeUndefined();
		expect(po.warnings).toEqual(['orderDetails.items[0].netCost: has no amount: left out']);
	});

	it('isBackOrderAllowed: strings read, missing read as false, anything else refused', () => {
		const raw = rawOrder();
		raw.orderDetails.items[0].isBackOrderAllowed = 'TRUE';
		expect(normalisePurchaseOrder(raw).items[0].isBackOrderAllowed).toBe(true);
		delete raw.orderDetails.items[0].isBackOrderAllowed;
		const po = normalisePurchaseOrder(raw);
		expect(po.items[0].isBackOrderAllowed).toBe(false);
		expect(po.warnings).toEqual([
			'orderDetails.items[0].isBackOrderAllowed: missing: read as false',
		]);
		raw.orderDetails.items[0].isBackOrderAllowed = 'yes';
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(
			'orderDetails.items[0].isBackOrderAllowed: must be true or false (got "yes")',
		);
	});
});

describe('identifiers and enums', () => {
	it('trims padded identifiers and records each repair', () => {
		const raw = rawOrder();
		raw.purchaseOrderNumber = ' 2JK3S9VC ';
		raw.orderDetails.sellingParty.partyId = '999US\t';
		raw.orderDetails.items[0].itemSequenceNumber = ' 1';
		raw.orderDetails.items[0].amazonProductIdentifier = ' ABC123434';
		raw.orderDetails.items[0].vendorProductIdentifier = '8806098286500 ';
		const po = normalisePurchaseOrder(raw);
		expect(po.purchaseOrderNumber).toBe('2JK3S9VC');
		expect(po.sellingParty).toEqual({ partyId: '999US' });
		expect(po.items[0]).toMatchObject({
			itemSequenceNumber: '1',
			amazonProductIdentifier: 'ABC123434',
			vendorProductIdentifier: '8806098286500',
		});
		expect(po.warnings).toEqual([
			'purchaseOrderNumber: whitespace removed from " 2JK3S9VC "',
			'orderDetails.sellingParty.partyId: whitespace removed from "999US\\t"',
			'orderDetails.items[0].itemSequenceNumber: whitespace removed from " 1"',
			'orderDetails.items[0].amazonProductIdentifier: whitespace removed from " ABC123434"',
			'orderDetails.items[0].vendorProductIdentifier: whitespace removed from "8806098286500 "',
		]);
	});

	it('a missing or blank purchase order number is an error at purchaseOrderNumber', () => {
		const raw = rawOrder();
		delete raw.purchaseOrderNumber;
		const error = thrown(() => normalisePurchaseOrder(raw));
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('PurchaseOrderFormatError');
		expect(error.path).toBe('purchaseOrderNumber');
		expect(error.message).toBe('purchaseOrderNumber: is required');
		expect(error.purchaseOrderNumber).toBeUndefined();
		raw.purchaseOrderNumber = '   ';
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(
			'purchaseOrderNumber: must not be empty',
		);
	});

	it('in a page, the error names the order', () => {
		const bad = rawOrder();
		bad.purchaseOrderNumber = 'BAD1';
		bad.orderDetails.items[0].orderedQuantity = { amount: 1, unitOfMeasure: 'Cases' };
		const error = thrown(() => normaliseOrdersResponse({ payload: { orders: [rawOrder(), bad] } }));
		expect(error.path).toBe('orders[1].orderDetails.items[0].orderedQuantity.unitSize');
		expect(error.purchaseOrderNumber).toBe('BAD1');
		expect(thrown(() => normaliseOrdersResponse({ orders: [rawOrder(), 'x'] })).message).toBe(
			'orders[1]: must be a purchase order object (got "x")',
		);
	});

	it('enums are case-insensitive', () => {
		const raw = rawOrder();
		raw.purchaseOrderState = 'ACKNOWLEDGED';
		raw.orderDetails.purchaseOrderType = 'rushorder';
		raw.orderDetails.paymentMethod = 'credit_card';
		raw.orderDetails.importDetails = {
			methodOfPayment: 'PAIDBYBUYER',
			internationalCommercialTerms: 'free on board',
		};
		const po = normalisePurchaseOrder(raw);
		expect(po).toMatchObject({
			purchaseOrderState: 'Acknowledged',
			purchaseOrderType: 'RushOrder',
			paymentMethod: 'CreditCard',
			importDetails: {
				methodOfPayment: 'PaidByBuyer',
				internationalCommercialTerms: 'FreeOnBoard',
			},
		});
		expect(po.warnings).toEqual([
			'purchaseOrderState: "ACKNOWLEDGED" read as "Acknowledged"',
			'orderDetails.purchaseOrderType: "rushorder" read as "RushOrder"',
			'orderDetails.importDetails.methodOfPayment: "PAIDBYBUYER" read as "PaidByBuyer"',
			'orderDetails.importDetails.internationalCommercialTerms: "free on board" read as "FreeOnBoard"',
			'orderDetails.paymentMethod: "credit_card" read as "CreditCard"',
		]);
	});

	it('an unknown state is an error; unknown optional enums are left out with a warning', () => {
		const raw = rawOrder();
		raw.orderDetails.purchaseOrderType = 'FlashOrder';
		const po = normalisePurchaseOrder(raw);
		expect(po.purchaseOrderType).toBeUndefined();
		expect('purchaseOrderType' in po).toBe(false);
		expect(po.warnings).toEqual([
			'orderDetails.purchaseOrderType: must be one of: RegularOrder, ConsignedOrder, ' +
				'NewProductIntroduction, RushOrder (got "FlashOrder"): left out',
		]);
		raw.purchaseOrderState = 'Open';
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(
			'purchaseOrderState: must be one of: New, Acknowledged, Closed (got "Open")',
		);
	});
});

describe('parties', () => {
	it('keeps address and tax details, upper-cases the country, reads taxType as taxRegistrationType', () => {
		const raw = rawOrder();
		raw.orderDetails.billToParty = {
			partyId: 'ABCD',
			address: {
				name: 'Amazon.com Services LLC',
				addressLine1: '410 Terry Ave N',
				city: 'Seattle',
				postalCode: '98109',
				countryCode: 'us',
				phone: '',
			},
			taxInfo: { taxType: 'gst', taxRegistrationNumber: '098522PCA6346DTEDD' },
		};
		const po = normalisePurchaseOrder(raw);
		expect(po.billToParty).toEqual({
			partyId: 'ABCD',
			address: {
				name: 'Amazon.com Services LLC',
				addressLine1: '410 Terry Ave N',
				city: 'Seattle',
				postalCode: '98109',
				countryCode: 'US',
			},
			taxInfo: { taxRegistrationType: 'GST', taxRegistrationNumber: '098522PCA6346DTEDD' },
		});
		expect(po.warnings).toEqual([
			'orderDetails.billToParty.address.countryCode: "us" read as "US"',
			'orderDetails.billToParty.taxInfo.taxType: read as taxRegistrationType',
			'orderDetails.billToParty.taxInfo.taxRegistrationType: "gst" read as "GST"',
		]);
	});

	it('a party without partyId is left out; an address missing a required line keeps ""', () => {
		const raw = rawOrder();
		raw.orderDetails.sellingParty = {};
		raw.orderDetails.shipToParty = {
			partyId: 'ABCD',
			address: { addressLine1: '1 Main St', countryCode: 'DE' },
		};
		const po = normalisePurchaseOrder(raw);
		expect(po.sellingParty).toBeUndefined();
		expect(po.shipToParty).toEqual({
			partyId: 'ABCD',
			address: { name: '', addressLine1: '1 Main St', countryCode: 'DE' },
		});
		expect(po.warnings).toEqual([
			'orderDetails.sellingParty: has no partyId: left out',
			'orderDetails.shipToParty.address.name: missing: set to ""',
		]);
	});
});

describe('windows', () => {
	it('ISO interval start--end', () => {
		const raw = rawOrder();
		raw.orderDetails.deliveryWindow = '2019-05-23T10:00:00Z--2019-05-30T10:00:00Z';
		const po = normalisePurchaseOrder(raw);
		expect(po.deliveryWindow).toEqual({
			start: '2019-05-23T10:00:00Z',
			end: '2019-05-30T10:00:00Z',
			raw: '2019-05-23T10:00:00Z--2019-05-30T10:00:00Z',
		});
		expect(po.warnings).toEqual([]);
	});

	it("Amazon's non-ISO example 08/25/2021 - 08/31/2021 is read as US dates", () => {
		const raw = rawOrder();
		raw.orderDetails.shipWindow = '08/25/2021 - 08/31/2021';
		const po = normalisePurchaseOrder(raw);
		expect(po.shipWindow).toEqual({
			start: '2021-08-25',
			end: '2021-08-31',
			raw: '08/25/2021 - 08/31/2021',
		});
		expect(po.warnings).toEqual([
			'orderDetails.shipWindow: "08/25/2021 - 08/31/2021" is not ISO 8601: ' +
				'read as US dates (month/day/year) 2021-08-25 to 2021-08-31',
		]);
	});

	it('an unreadable window keeps raw only, with a warning', () => {
		const raw = rawOrder();
		raw.orderDetails.shipWindow = '25/08/2021 - 31/08/2021';
		const po = normalisePurchaseOrder(raw);
		expect(po.shipWindow).toEqual({ raw: '25/08/2021 - 31/08/2021' });
		expect(po.warnings).toEqual([
			'orderDetails.shipWindow: "25/08/2021 - 31/08/2021" is not a "start--end" interval; start and end left unset',
		]);
	});

	it('parseDateInterval edge cases', () => {
		expect(parseDateInterval('2019-08-21T07:00:00Z--2019-08-21T07:00:00Z')).toEqual({
			interval: {
				start: '2019-08-21T07:00:00Z',
				end: '2019-08-21T07:00:00Z',
				raw: '2019-08-21T07:00:00Z--2019-08-21T07:00:00Z',
			},
		});
		expect(parseDateInterval('2019-08-21T07:00:00Z/2019-08-27T07:00:00Z')).toEqual({
			interval: {
				start: '2019-08-21T07:00:00Z',
				end: '2019-08-27T07:00:00Z',
				raw: '2019-08-21T07:00:00Z/2019-08-27T07:00:00Z',
			},
			warning: 'separator "/" read as "--"',
		});
		expect(parseDateInterval(' 2019-08-21 -- 2019-08-27 ')).toEqual({
			interval: { start: '2019-08-21', end: '2019-08-27', raw: ' 2019-08-21 -- 2019-08-27 ' },
			warning: 'whitespace removed',
		});
		expect(parseDateInterval('2019-08-27T07:00:00Z--2019-08-21T07:00:00Z').warning).toBe(
			'end 2019-08-21T07:00:00Z is before start 2019-08-27T07:00:00Z',
		);
		expect(parseDateInterval('2019-08-21T07:00:00Z')).toEqual({
			interval: {
				start: '2019-08-21T07:00:00Z',
				end: '2019-08-21T07:00:00Z',
				raw: '2019-08-21T07:00:00Z',
			},
			warning:
				'"2019-08-21T07:00:00Z" is a single date, not an interval: used as both start and end',
		});
		expect(parseDateInterval('02/30/2021 - 03/01/2021').interval).toEqual({
			raw: '02/30/2021 - 03/01/2021',
		});
		expect(parseDateInterval('2019-02-30T00:00:00Z--2019-03-01T00:00:00Z').interval).toEqual({
			raw: '2019-02-30T00:00:00Z--2019-03-01T00:00:00Z',
		});
		expect(parseDateInterval('')).toEqual({
			interval: { raw: '' },
			warning: 'is empty; start and end left unset',
		});
	});

	it('a window that is not a string is an error', () => {
		const raw = rawOrder();
		raw.orderDetails.shipWindow = { start: 'x' };
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(
			'orderDetails.shipWindow: must be a "start--end" string (got an object)',
		);
	});
});

describe('order-level structure', () => {
	it('unwraps a getPurchaseOrder response and a full getPurchaseOrders response', () => {
		expect(normalisePurchaseOrder({ payload: rawOrder() }).purchaseOrderNumber).toBe('2JK3S9VC');
		expect(
			normaliseOrdersResponse({
				payload: { orders: [rawOrder()], pagination: { nextToken: 'abc' } },
			}),
		).toMatchObject({
			nextToken: 'abc',
			orders: [{ purchaseOrderNumber: '2JK3S9VC' }],
		});
		expect(normaliseOrdersResponse({ payload: {} })).toEqual({ orders: [] });
		expect(thrown(() => normaliseOrdersResponse({ orders: {} })).message).toBe(
			'orders: must be an array (got an object)',
		);
	});

	it('needs purchaseOrderDate and items', () => {
		const raw = rawOrder();
		delete raw.orderDetails.purchaseOrderDate;
		expect(thrown(() => normalisePurchaseOrder(raw)).message).toBe(
			'orderDetails.purchaseOrderDate: is required',
		);
		const raw2 = rawOrder();
		raw2.orderDetails.items = 'none';
		expect(thrown(() => normalisePurchaseOrder(raw2)).message).toBe(
			'orderDetails.items: must be an array (got "none")',
		);
	});

	it('keeps a date that is not ISO 8601 as sent, with a warning', () => {
		const raw = rawOrder();
		raw.orderDetails.purchaseOrderChangedDate = '08/22/2019';
		const po = normalisePurchaseOrder(raw);
		expect(po.purchaseOrderChangedDate).toBe('08/22/2019');
		expect(po.warnings).toEqual([
			'orderDetails.purchaseOrderChangedDate: "08/22/2019" is not an ISO 8601 date-time; kept as sent',
		]);
	});

	it('produces no undefined keys and puts warnings last', () => {
		const po = normalisePurchaseOrder(rawOrder());
		expect(Object.keys(po)).toEqual([
			'purchaseOrderNumber',
			'purchaseOrderState',
			'purchaseOrderType',
			'purchaseOrderDate',
			'purchaseOrderStateChangedDate',
			'paymentMethod',
			'sellingParty',
			'shipToParty',
			'shipWindow',
			'items',
			'warnings',
		]);
		expect(JSON.parse(JSON.stringify(po))).toEqual(po);
	});

	it('changeKey', () => {
		expect(changeKey({ purchaseOrderNumber: 'A', purchaseOrderDate: '2020-01-01T00:00:00Z' })).toBe(
			'A@2020-01-01T00:00:00Z',
		);
		expect(
			changeKey({
				purchaseOrderNumber: 'A',
				purchaseOrderDate: '2020-01-01T00:00:00Z',
				purchaseOrderChangedDate: '2020-01-02T00:00:00Z',
			}),
		).toBe('A@2020-01-02T00:00:00Z');
	});
});

describe('fuzz findings (#15)', () => {
	it('refuses two lines with the same itemSequenceNumber ("1" and "001" are one line)', () => {
		for (const second of ['1', '001']) {
			const raw = rawOrder();
			raw.orderDetails.items.push({ ...raw.orderDetails.items[0], itemSequenceNumber: second });
			const error = thrown(() => normalisePurchaseOrder(raw));
			expect(error).toBeInstanceOf(InvalidInputError);
			expect(error.path).toBe('orderDetails.items[1].itemSequenceNumber');
			expect(error.message).toBe(
				`orderDetails.items[1].itemSequenceNumber: "${second}" is also the number of ` +
					'orderDetails.items[0]: every PO line has its own itemSequenceNumber',
			);
		}
	});

	it('null or wrongly typed arguments are named errors', () => {
		for (const value of [null, undefined, 7, 'x', []]) {
			expect(() => normalisePurchaseOrder(value)).toThrow(InvalidInputError);
			expect(() => normaliseOrdersResponse(value)).toThrow(InvalidInputError);
		}
		expect(() => normaliseOrdersResponse({ orders: [null] })).toThrow(
			'orders[0]: must be a purchase order object (got null)',
		);
	});

	it('a canonical PO item with two lines of one number, or wrong types, is a named error', () => {
		const po = normalisePurchaseOrder(rawOrder());
		const twice = { ...po, items: [po.items[0], { ...po.items[0], itemSequenceNumber: '01' }] };
		expect(() => readPurchaseOrderInput(twice)).toThrow(PurchaseOrderInputError);
		expect(() => readPurchaseOrderInput(twice)).toThrow(
			'The item is not a purchase order: items[1].itemSequenceNumber "01" is also the number of items[0]',
		);
		const wrong = {
			...po,
			items: [{ ...po.items[0], netCost: { amount: 5, currencyCode: 'USD' } }],
		};
		expect(() => readPurchaseOrderInput(wrong)).toThrow(
			'items[0].netCost.amount must be a decimal string',
		);
		expect(() => readPurchaseOrderInput(null)).toThrow(InvalidInputError);
	});
});
