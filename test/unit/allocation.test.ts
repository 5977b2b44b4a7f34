/**
 * Stock allocation: order across POs, whole Amazon units, shared stock, backorders, rejections
 * with the right reason, split lines, totals per SKU.
 */
import {
	allocate,
	AllocationInputError,
	parseStockRows,
	type LineAllocation,
} from '../../nodes/shared/domain/allocation';
import {
	createMappingIndex,
	mapPurchaseOrder,
	type MapOptions,
	type MappedPurchaseOrder,
} from '../../nodes/shared/domain/caseMapping';
import { InvalidInputError } from '../../nodes/shared/domain/inputError';
import { normalisePurchaseOrder } from '../../nodes/shared/domain/purchaseOrder';

type Json = any;

function rawItem(
	seq: string,
	asin: string,
	amount: number,
	unit: 'Cases' | 'Eaches',
	unitSize: number,
	backorder = false,
): Json {
	return {
		itemSequenceNumber: seq,
		amazonProductIdentifier: asin,
		orderedQuantity: { amount, unitOfMeasure: unit, unitSize },
		isBackOrderAllowed: backorder,
		netCost: { currencyCode: 'EUR', amount: '1.00' },
	};
}

interface PoSpec {
	number: string;
	date: string;
	shipWindow?: string;
	deliveryWindow?: string;
	changed?: string;
	items: Json[];
}

const index = createMappingIndex([
	{ asin: 'B0MUG00001', sku: 'MUG', casePack: 12 },
	{ asin: 'B0TEA00001', sku: 'TEA', casePack: 6 },
	{ asin: 'B0SPOON001', sku: 'SPOON' },
	{ asin: 'B0OLD00001', sku: 'OLD', discontinued: true },
]);

function mapped(spec: PoSpec, options: Partial<MapOptions> = {}): MappedPurchaseOrder {
	const details: Json = {
		purchaseOrderDate: spec.date,
		purchaseOrderStateChangedDate: spec.date,
		sellingParty: { partyId: 'VEND1' },
		items: spec.items,
	};
	if (spec.shipWindow) details.shipWindow = spec.shipWindow;
	if (spec.deliveryWindow) details.deliveryWindow = spec.deliveryWindow;
	if (spec.changed) details.purchaseOrderChangedDate = spec.changed;
	const po = normalisePurchaseOrder({
		purchaseOrderNumber: spec.number,
		purchaseOrderState: 'New',
		orderDetails: details,
	});
	return mapPurchaseOrder(po, index, { discontinued: 'reject', ...options });
}

type Split = Pick<LineAllocation, 'accepted' | 'backordered' | 'rejected'> & {
	rejectionReason?: string;
};

function splits(lines: LineAllocation[]): Split[] {
	return lines.map((l) => {
		const out: Split = { accepted: l.accepted, backordered: l.backordered, rejected: l.rejected };
		if (l.rejectionReason) out.rejectionReason = l.rejectionReason;
		return out;
	});
}

describe('order across purchase orders', () => {
	it('gives shared stock to the oldest PO first, whatever the input order', () => {
		const newer = mapped({
			number: 'PONEWER1',
			date: '2024-05-02T08:00:00Z',
			items: [rawItem('1', 'B0SPOON001', 30, 'Eaches', 1)],
		});
		const older = mapped({
			number: 'POOLDER1',
			date: '2024-05-01T08:00:00Z',
			items: [rawItem('1', 'B0SPOON001', 30, 'Eaches', 1)],
		});
		const stock = { SPOON: 50 };
		const result = allocate([newer, older], stock);
		expect(result.orders.map((o) => [o.purchaseOrderNumber, o.inputIndex])).toEqual([
			['POOLDER1', 1],
			['PONEWER1', 0],
		]);
		expect(splits(result.orders[0].lines)).toEqual([{ accepted: 30, backordered: 0, rejected: 0 }]);
		expect(splits(result.orders[1].lines)).toEqual([
			{ accepted: 20, backordered: 0, rejected: 10, rejectionReason: 'TemporarilyUnavailable' },
		]);
		expect(result.remainingStock).toEqual({ SPOON: 0 });
		expect(stock).toEqual({ SPOON: 50 });
		expect(result.totals).toEqual([{ sku: 'SPOON', acceptedEaches: 50, backorderedEaches: 0 }]);
	});

	it('breaks a date tie by the earliest window start (ship or delivery), then by PO number', () => {
		const date = '2024-05-01T08:00:00Z';
		const item = () => [rawItem('1', 'B0SPOON001', 10, 'Eaches', 1)];
		const late = mapped({
			number: 'PO000001',
			date,
			shipWindow: '2024-05-09T00:00:00Z--2024-05-12T00:00:00Z',
			items: item(),
		});
		const early = mapped({
			number: 'PO000002',
			date,
			deliveryWindow: '2024-05-05T00:00:00Z--2024-05-07T00:00:00Z',
			items: item(),
		});
		const noWindowB = mapped({ number: 'PO00000B', date, items: item() });
		const noWindowA = mapped({ number: 'PO00000A', date, items: item() });
		const result = allocate([noWindowB, late, noWindowA, early], { SPOON: 25 });
		expect(result.orders.map((o) => [o.purchaseOrderNumber, o.lines[0].accepted])).toEqual([
			['PO000002', 10],
			['PO000001', 10],
			['PO00000A', 5],
			['PO00000B', 0],
		]);
		expect(result.orders[3]).toMatchObject({ fullyAccepted: false, nothingAccepted: true });
	});

	it('allocates lines of one PO by item sequence number (2 before 10)', () => {
		const po = mapped({
			number: 'PO000001',
			date: '2024-05-01T08:00:00Z',
			items: [
				rawItem('10', 'B0SPOON001', 5, 'Eaches', 1),
				rawItem('2', 'B0SPOON001', 5, 'Eaches', 1),
			],
		});
		const result = allocate([po], { SPOON: 7 });
		// Listed in PO order; line "2" was served first.
		expect(result.orders[0].lines.map((l) => [l.itemSequenceNumber, l.accepted])).toEqual([
			['10', 2],
			['2', 5],
		]);
	});
});

describe('whole Amazon units', () => {
	it('a Cases line accepts floor(available / unitSize) cases; the rest of the stock goes on', () => {
		const po = mapped({
			number: 'PO000001',
			date: '2024-05-01T08:00:00Z',
			items: [
				rawItem('1', 'B0MUG00001', 5, 'Cases', 12),
				rawItem('2', 'B0MUG00001', 12, 'Eaches', 1),
			],
		});
		const result = allocate([po], { MUG: 30 });
		expect(result.orders[0].lines).toEqual([
			{
				index: 0,
				itemSequenceNumber: '1',
				sku: 'MUG',
				unitOfMeasure: 'Cases',
				unitSize: 12,
				ordered: 5,
				accepted: 2,
				backordered: 0,
				rejected: 3,
				orderedEaches: 60,
				acceptedEaches: 24,
				backorderedEaches: 0,
				rejectedEaches: 36,
				rejectionReason: 'TemporarilyUnavailable',
			},
			{
				index: 1,
				itemSequenceNumber: '2',
				sku: 'MUG',
				unitOfMeasure: 'Eaches',
				unitSize: 1,
				ordered: 12,
				accepted: 6,
				backordered: 0,
				rejected: 6,
				orderedEaches: 12,
				acceptedEaches: 6,
				backorderedEaches: 0,
				rejectedEaches: 6,
				rejectionReason: 'TemporarilyUnavailable',
			},
		]);
		expect(result.orders[0].skus).toEqual([
			{ sku: 'MUG', acceptedEaches: 30, backorderedEaches: 0 },
		]);
		expect(result.remainingStock).toEqual({ MUG: 0 });
	});

	it('does not accept a case from fewer eaches than one case', () => {
		const po = mapped({
			number: 'PO000001',
			date: '2024-05-01T08:00:00Z',
			items: [rawItem('1', 'B0MUG00001', 1, 'Cases', 12)],
		});
		const result = allocate([po], { MUG: 11 });
		expect(splits(result.orders[0].lines)).toEqual([
			{ accepted: 0, backordered: 0, rejected: 1, rejectionReason: 'TemporarilyUnavailable' },
		]);
		expect(result.remainingStock).toEqual({ MUG: 11 });
	});
});

describe('backorders', () => {
	const order = () =>
		mapped({
			number: 'PO000001',
			date: '2024-05-01T08:00:00Z',
			items: [
				rawItem('1', 'B0TEA00001', 10, 'Cases', 6, true),
				rawItem('2', 'B0SPOON001', 10, 'Eaches', 1, false),
			],
		});

	it('splits a line into Accepted + Backordered where isBackOrderAllowed and the option allows', () => {
		const result = allocate([order()], { TEA: 40, SPOON: 4 }, { backorder: true });
		expect(splits(result.orders[0].lines)).toEqual([
			{ accepted: 6, backordered: 4, rejected: 0 },
			{ accepted: 4, backordered: 0, rejected: 6, rejectionReason: 'TemporarilyUnavailable' },
		]);
		expect(result.orders[0].lines[0]).toMatchObject({ acceptedEaches: 36, backorderedEaches: 24 });
		expect(result.orders[0].skus).toEqual([
			{ sku: 'TEA', acceptedEaches: 36, backorderedEaches: 24 },
			{ sku: 'SPOON', acceptedEaches: 4, backorderedEaches: 0 },
		]);
		expect(result.remainingStock).toEqual({ TEA: 4, SPOON: 0 });
	});

	it('rejects instead when the option is off', () => {
		const result = allocate([order()], { TEA: 40, SPOON: 4 });
		expect(splits(result.orders[0].lines)).toEqual([
			{ accepted: 6, backordered: 0, rejected: 4, rejectionReason: 'TemporarilyUnavailable' },
			{ accepted: 4, backordered: 0, rejected: 6, rejectionReason: 'TemporarilyUnavailable' },
		]);
	});
});

describe('rejections from the mapping', () => {
	it('rejects unmapped (InvalidProductIdentifier) and discontinued (ObsoleteProduct) lines, taking no stock', () => {
		const po = mapped(
			{
				number: 'PO000001',
				date: '2024-05-01T08:00:00Z',
				items: [
					rawItem('1', 'B0UNKNOWN1', 4, 'Eaches', 1),
					rawItem('2', 'B0OLD00001', 3, 'Cases', 4),
					rawItem('3', 'B0SPOON001', 2, 'Eaches', 1),
				],
			},
			{ partialPo: 'continueWithRejections' },
		);
		expect(po.route).toBe('mapped');
		const result = allocate([po], { OLD: 100, SPOON: 100 }, { backorder: true });
		expect(
			result.orders[0].lines.map((l) => [
				l.sku,
				l.accepted,
				l.rejected,
				l.rejectedEaches,
				l.rejectionReason,
			]),
		).toEqual([
			[undefined, 0, 4, 4, 'InvalidProductIdentifier'],
			['OLD', 0, 3, 12, 'ObsoleteProduct'],
			['SPOON', 2, 0, 0, undefined],
		]);
		expect(result.remainingStock).toEqual({ OLD: 100, SPOON: 98 });
		expect(result.orders[0].skus).toEqual([
			{ sku: 'SPOON', acceptedEaches: 2, backorderedEaches: 0 },
		]);
	});

	it('takes nothing for a line Amazon cancelled (ordered 0)', () => {
		const po = mapped({
			number: 'PO000001',
			date: '2024-05-01T08:00:00Z',
			items: [rawItem('1', 'B0SPOON001', 0, 'Eaches', 1)],
		});
		const result = allocate([po], { SPOON: 5 });
		expect(splits(result.orders[0].lines)).toEqual([{ accepted: 0, backordered: 0, rejected: 0 }]);
		expect(result.remainingStock).toEqual({ SPOON: 5 });
	});
});

describe('inputs', () => {
	it('skips POs routed to Exceptions and superseded versions of a PO', () => {
		const bad = mapped({
			number: 'POBAD001',
			date: '2024-05-01T08:00:00Z',
			items: [rawItem('1', 'B0UNKNOWN1', 4, 'Eaches', 1)],
		});
		const v1 = mapped({
			number: 'PO000001',
			date: '2024-05-01T08:00:00Z',
			items: [rawItem('1', 'B0SPOON001', 4, 'Eaches', 1)],
		});
		const v2 = mapped({
			number: 'PO000001',
			date: '2024-05-01T08:00:00Z',
			changed: '2024-05-02T08:00:00Z',
			items: [rawItem('1', 'B0SPOON001', 2, 'Eaches', 1)],
		});
		const result = allocate([v2, bad, v1], { SPOON: 10 });
		expect(
			result.orders.map((o) => [o.purchaseOrderNumber, o.inputIndex, o.lines[0].accepted]),
		).toEqual([['PO000001', 0, 2]]);
		expect(result.skipped).toEqual([
			{
				purchaseOrderNumber: 'POBAD001',
				inputIndex: 1,
				reason:
					'PO POBAD001 has mapping exceptions (1); resolve them or map it with partial POs continuing',
			},
			{
				purchaseOrderNumber: 'PO000001',
				inputIndex: 2,
				reason: 'a later version of PO PO000001 is in the same input (input 0)',
			},
		]);
		expect(allocate([bad], {}, { includeExceptionRoute: true }).orders[0].lines[0]).toMatchObject({
			rejected: 4,
			rejectionReason: 'InvalidProductIdentifier',
		});
	});

	it('reads a SKU missing from the stock as 0, with one warning', () => {
		const po = mapped({
			number: 'PO000001',
			date: '2024-05-01T08:00:00Z',
			items: [
				rawItem('1', 'B0SPOON001', 2, 'Eaches', 1),
				rawItem('2', 'B0SPOON001', 2, 'Eaches', 1),
			],
		});
		const result = allocate([po], new Map([['MUG', 3]]));
		expect(result.warnings).toEqual(['No stock figure for SKU "SPOON": read as 0 available']);
		expect(result.remainingStock).toEqual({ MUG: 3 });
	});

	it('refuses stock figures that are not whole eaches', () => {
		expect(() => allocate([], { MUG: 2.5 })).toThrow(
			new AllocationInputError(
				'Stock for SKU "MUG" must be a whole number of eaches, 0 or more (got 2.5); ' +
					'read rows with parseStockRows',
			),
		);
		expect(() => allocate([], { MUG: -1 })).toThrow(AllocationInputError);
	});

	it('refuses a mapped line without a usable unit size (hand-made or damaged input)', () => {
		const po = mapped({
			number: 'PO000001',
			date: '2024-05-01T08:00:00Z',
			items: [rawItem('1', 'B0SPOON001', 2, 'Eaches', 1)],
		});
		po.lines[0].unitSize = 0;
		expect(() => allocate([po], { SPOON: 5 })).toThrow(
			'PO PO000001 line 1: a mapped line needs a SKU and a unitSize of 1 or more (got "SPOON", 0)',
		);
	});

	it('parses {sku, available} rows: sums locations, oversold is 0, fractions rounded down', () => {
		expect(
			parseStockRows([
				{ sku: 'MUG', available: 10 },
				{ sku: ' MUG ', available: '5' },
				{ sku: 'TEA', available: -3 },
				{ sku: 12345, available: 7.9 },
			]),
		).toEqual({
			stock: { MUG: 15, TEA: 0, '12345': 7 },
			warnings: [
				'Stock rows[2]: -3 available for SKU "TEA" read as 0',
				'Stock rows[3]: 7.9 available for SKU "12345" rounded down to 7',
			],
		});
		expect(() => parseStockRows([{ sku: '', available: 1 }])).toThrow(
			'Stock rows[0].sku is required (got "")',
		);
		expect(() => parseStockRows([{ sku: 'MUG', available: 'lots' }])).toThrow(
			'Stock rows[0].available must be a number (got "lots")',
		);
	});
});

describe('fuzz findings (#15)', () => {
	it('reads stock strings as decimal digits only, naming the SKU and the value', () => {
		expect(parseStockRows([{ sku: 'MUG', available: ' 12 ' }]).stock).toEqual({ MUG: 12 });
		expect(parseStockRows([{ sku: 'MUG', available: '-2' }]).stock).toEqual({ MUG: 0 });
		for (const value of ['0x10', '1e3', '7.5', '+3', '1_000', 'Infinity']) {
			expect(() => parseStockRows([{ sku: 'MUG', available: value }])).toThrow(
				`Stock rows[0].available must be a number (got ${JSON.stringify(value)}): ` +
					'SKU "MUG" needs whole eaches written in digits, such as "12"',
			);
		}
		expect(() => parseStockRows([{ sku: 'MUG', available: '99999999999999999999' }])).toThrow(
			AllocationInputError,
		);
	});

	it('null or wrongly typed arguments are named errors', () => {
		const po = mapped({
			number: 'PO000001',
			date: '2024-05-01T08:00:00Z',
			items: [rawItem('1', 'B0SPOON001', 2, 'Eaches', 1)],
		});
		const bad: Array<[unknown, unknown, unknown, string]> = [
			[null, {}, {}, 'Purchase orders must be a list'],
			[[null], {}, {}, 'pos[0] must be a mapped PO'],
			[[{ ...po, lines: [null] }], {}, {}, 'pos[0].lines[0] must be a mapped line (got null)'],
			[
				[{ ...po, lines: [{ ...po.lines[0], orderedAmount: '2' }] }],
				{},
				{},
				'orderedAmount must be',
			],
			[
				[{ ...po, lines: [{ ...po.lines[0], isBackOrderAllowed: 'yes' }] }],
				{},
				{},
				'isBackOrderAllowed',
			],
			[[po], null, {}, 'Stock must be an object of eaches per SKU (got null)'],
			[[po], { SPOON: 1 }, null, 'Options must be an object (got null)'],
		];
		for (const [pos, stock, options, message] of bad) {
			expect(() => allocate(pos as never, stock as never, options as never)).toThrow(
				InvalidInputError,
			);
			expect(() => allocate(pos as never, stock as never, options as never)).toThrow(message);
		}
	});
});
