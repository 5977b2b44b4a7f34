/**
 * Map ASIN / Case Pack: mapping rows, the lookup index, and mapPurchaseOrder's rules (case packs,
 * multiples, prices, weight pricing, unmapped lines, discontinued SKUs, partial POs).
 */
import {
	buildMappingIndex,
	createMappingIndex,
	lookupMapping,
	mapPurchaseOrder,
	MappedPurchaseOrderError,
	MappingOptionsError,
	MappingTableError,
	parseMappingRows,
	readMappedPurchaseOrder,
	resolveMappingOptions,
	type MappedPurchaseOrder,
} from '../../nodes/shared/domain/caseMapping';
import { InvalidInputError } from '../../nodes/shared/domain/inputError';
import {
	normalisePurchaseOrder,
	type CanonicalPurchaseOrder,
} from '../../nodes/shared/domain/purchaseOrder';

type Json = any;

function rawItem(
	seq: string,
	asin: string | undefined,
	vendorId: string | undefined,
	amount: number,
	unit: 'Cases' | 'Eaches' | 'CASES',
	unitSize: number,
	cost?: Json,
	backorder = false,
): Json {
	const out: Json = {
		itemSequenceNumber: seq,
		orderedQuantity: { amount, unitOfMeasure: unit, unitSize },
		isBackOrderAllowed: backorder,
	};
	if (asin !== undefined) out.amazonProductIdentifier = asin;
	if (vendorId !== undefined) out.vendorProductIdentifier = vendorId;
	if (cost !== undefined)
		out.netCost = typeof cost === 'string' ? { currencyCode: 'USD', amount: cost } : cost;
	return out;
}

function rawOrder(items: Json[], number = 'PO000001'): Json {
	return {
		purchaseOrderNumber: number,
		purchaseOrderState: 'New',
		orderDetails: {
			purchaseOrderDate: '2024-05-01T08:00:00Z',
			purchaseOrderStateChangedDate: '2024-05-01T08:00:00Z',
			sellingParty: { partyId: 'VEND1' },
			shipToParty: { partyId: 'ABCD' },
			shipWindow: '2024-05-06T07:00:00Z--2024-05-10T07:00:00Z',
			items,
		},
	};
}

function po(items: Json[]): CanonicalPurchaseOrder {
	return normalisePurchaseOrder(rawOrder(items));
}

const TABLE = [
	{
		asin: 'B000000001',
		vendorProductIdentifier: '4006381333931',
		sku: 'MUG-RED',
		casePack: 12,
		expectedUnitCost: '4.20',
	},
	{ asin: 'B000000002', sku: 'MUG-BLUE', casePack: 6 },
	{ vendorProductIdentifier: 'VEND-TEA-01', sku: 'TEA-01', casePack: '24', expectedUnitCost: 9.9 },
	{ asin: 'B000000004', sku: 'COFFEE-KG', casePack: 10, expectedUnitCost: '2.50' },
	{ asin: 'B000000005', sku: 'OLD-MUG', casePack: 6, discontinued: 'yes' },
	{ asin: 'B000000006', sku: 'SPOON' },
];

const index = createMappingIndex(TABLE);

function errorOf(fn: () => unknown): MappingTableError {
	try {
		fn();
	} catch (error) {
		if (error instanceof MappingTableError) return error;
		throw error;
	}
	throw new Error('expected a MappingTableError');
}

describe('mapping rows', () => {
	it('reads the fixed fields, numbers and strings alike, and skips blank rows', () => {
		const rows = parseMappingRows([
			{
				asin: ' b000000001 ',
				vendorProductIdentifier: 4006381333931,
				sku: 'MUG-RED',
				casePack: '12',
				expectedUnitCost: '004.20',
				discontinued: 'no',
				colour: 'red',
			},
			{
				asin: '',
				vendorProductIdentifier: '',
				sku: '',
				casePack: '',
				expectedUnitCost: '',
				discontinued: '',
			},
			{
				vendorProductIdentifier: 'VEND-TEA-01',
				sku: 'TEA-01',
				expectedUnitCost: 9.9,
				discontinued: true,
			},
		]);
		expect(rows).toEqual([
			{
				row: 0,
				asin: 'B000000001',
				vendorProductIdentifier: '4006381333931',
				sku: 'MUG-RED',
				casePack: 12,
				expectedUnitCost: '4.20',
				discontinued: false,
			},
			{
				row: 2,
				vendorProductIdentifier: 'VEND-TEA-01',
				sku: 'TEA-01',
				expectedUnitCost: '9.9',
				discontinued: true,
			},
		]);
	});

	it('reports every bad value with its row index and field', () => {
		const error = errorOf(() =>
			parseMappingRows([
				{ asin: 'B1', sku: 'A', casePack: 12.5 },
				{ asin: 'B2', sku: 'B', casePack: 0 },
				{ asin: 'B3', casePack: 6 },
				{ sku: 'C' },
				{ asin: 'B5', sku: 'E', expectedUnitCost: '12,50' },
				{ asin: 'B6', sku: 'F', expectedUnitCost: '-1' },
				{ asin: 'B7', sku: 'G', discontinued: 'maybe' },
				'B8;H',
			]),
		);
		expect(error.issues).toEqual([
			{ row: 0, field: 'casePack', message: 'must be a whole number of 1 or more (got 12.5)' },
			{ row: 1, field: 'casePack', message: 'must be a whole number of 1 or more (got 0)' },
			{ row: 2, field: 'sku', message: 'is required' },
			{ row: 3, field: 'asin', message: 'or vendorProductIdentifier is required' },
			{
				row: 4,
				field: 'expectedUnitCost',
				message:
					'must be a decimal amount such as "12.50", without currency, thousands separators ' +
					'or a decimal comma (got "12,50")',
			},
			{ row: 5, field: 'expectedUnitCost', message: 'must not be negative (got "-1")' },
			{ row: 6, field: 'discontinued', message: 'must be true or false (got "maybe")' },
			{
				row: 7,
				field: 'row',
				message:
					'must be an object with the fields asin, vendorProductIdentifier, sku, casePack, ' +
					'expectedUnitCost, discontinued (got "B8;H")',
			},
		]);
		expect(error.message).toContain(
			'rows[0].casePack must be a whole number of 1 or more (got 12.5)',
		);
	});

	it('refuses the same ASIN with different SKUs, naming both rows', () => {
		const error = errorOf(() =>
			createMappingIndex([
				{ asin: 'B000000001', sku: 'MUG-RED' },
				{ asin: 'B000000009', sku: 'OTHER' },
				{ asin: 'b000000001', sku: 'MUG-ROUGE' },
			]),
		);
		expect(error.issues).toEqual([
			{
				row: 2,
				field: 'asin',
				message: '"B000000001" is also on rows[0] with a different SKU ("MUG-RED" and "MUG-ROUGE")',
			},
		]);
	});

	it('refuses the same vendor product identifier with different case packs; accepts identical duplicates', () => {
		const error = errorOf(() =>
			createMappingIndex([
				{ vendorProductIdentifier: 'V1', sku: 'A', casePack: 6 },
				{ vendorProductIdentifier: 'V1', sku: 'A', casePack: 12 },
			]),
		);
		expect(error.issues[0]).toEqual({
			row: 1,
			field: 'vendorProductIdentifier',
			message: '"V1" is also on rows[0] with a different casePack (6 and 12)',
		});
		const ok = createMappingIndex([
			{ asin: 'B1', sku: 'A', casePack: 6, expectedUnitCost: '1.5' },
			{ asin: 'B1', sku: 'A', casePack: 6, expectedUnitCost: '1.50' },
		]);
		expect(ok.byAsin.get('B1')?.row).toBe(0);
	});

	it('looks up by ASIN (case-insensitively) or vendor product identifier, in the configured order', () => {
		const idx = buildMappingIndex(
			parseMappingRows([
				{ asin: 'B1', sku: 'BY-ASIN' },
				{ vendorProductIdentifier: 'V1', sku: 'BY-VENDOR' },
			]),
		);
		const ids = { amazonProductIdentifier: 'b1', vendorProductIdentifier: 'V1' };
		expect(lookupMapping(idx, ids, 'asin')).toMatchObject({
			row: { sku: 'BY-ASIN' },
			matchedBy: 'asin',
			conflict: { sku: 'BY-VENDOR' },
		});
		expect(lookupMapping(idx, ids, 'vendorProductIdentifier')).toMatchObject({
			row: { sku: 'BY-VENDOR' },
			matchedBy: 'vendorProductIdentifier',
			conflict: { sku: 'BY-ASIN' },
		});
		expect(lookupMapping(idx, { vendorProductIdentifier: 'V1' }, 'asin')).toMatchObject({
			row: { sku: 'BY-VENDOR' },
			matchedBy: 'vendorProductIdentifier',
		});
		expect(lookupMapping(idx, { amazonProductIdentifier: 'B2' }, 'asin')).toBeUndefined();
	});
});

describe('options', () => {
	it('fills defaults', () => {
		expect(resolveMappingOptions()).toEqual({
			matchFirst: 'asin',
			notMultiple: 'exception',
			priceTolerance: { mode: 'absolute', value: '0' },
			partialPo: 'exceptions',
			discontinued: 'exception',
		});
	});

	it('refuses bad values', () => {
		expect(() => resolveMappingOptions({ matchFirst: 'sku' as never })).toThrow(
			new MappingOptionsError(
				'matchFirst must be one of: asin, vendorProductIdentifier (got "sku")',
			),
		);
		expect(() =>
			resolveMappingOptions({ priceTolerance: { mode: 'percent', value: '5%' } }),
		).toThrow('priceTolerance.value must be a decimal such as "0.05" (got "5%")');
		expect(() =>
			resolveMappingOptions({ priceTolerance: { mode: 'absolute', value: '-0.01' } }),
		).toThrow('priceTolerance.value must not be negative');
	});
});

describe('quantities and case packs', () => {
	it('maps a Cases line: eaches = amount x unitSize, extended cost per each', () => {
		const mapped = mapPurchaseOrder(
			po([rawItem('1', 'B000000001', '4006381333931', 5, 'Cases', 12, '4.20')]),
			index,
		);
		expect(mapped.route).toBe('mapped');
		expect(mapped.lines[0]).toEqual({
			index: 0,
			itemSequenceNumber: '1',
			sent: {
				itemSequenceNumber: '1',
				amazonProductIdentifier: 'B000000001',
				vendorProductIdentifier: '4006381333931',
			},
			status: 'mapped',
			sku: 'MUG-RED',
			matchedBy: 'asin',
			mappingRow: 0,
			casePack: 12,
			unitOfMeasure: 'Cases',
			orderedAmount: 5,
			unitSize: 12,
			orderedEaches: 60,
			isBackOrderAllowed: false,
			netCost: { currencyCode: 'USD', amount: '4.20' },
			pricedByWeight: false,
			expectedUnitCost: '4.20',
			extendedCost: '252.00',
			discontinued: false,
			exceptions: [],
			warnings: [],
		});
		expect(mapped.counts).toEqual({ lines: 1, mapped: 1, rejected: 0, withExceptions: 0 });
	});

	it('flags a Cases line whose unitSize disagrees with the case pack', () => {
		const mapped = mapPurchaseOrder(
			po([rawItem('1', 'B000000002', undefined, 3, 'Cases', 12)]),
			index,
		);
		expect(mapped.route).toBe('exceptions');
		expect(mapped.lines[0]).toMatchObject({
			status: 'reject',
			rejectionReason: 'TemporarilyUnavailable',
			orderedEaches: 36,
			unitSize: 12,
		});
		expect(mapped.exceptions).toEqual([
			{
				code: 'casePackMismatch',
				message:
					'Line "1": ordered in cases of 12 but the mapping\'s case pack for SKU "MUG-BLUE" is 6',
				itemSequenceNumber: '1',
				amazonProductIdentifier: 'B000000002',
			},
		]);
	});

	it('flags a Cases line with neither a unitSize nor a case pack; uses the case pack when only it is known', () => {
		// The canonical PO refuses a Cases line without unitSize; a PO built another way may still carry one.
		const canonical = po([
			rawItem('1', 'B000000006', undefined, 4, 'Cases', 6, '0.50'),
			rawItem('2', 'B000000002', undefined, 4, 'Cases', 6, '3.10'),
		]);
		canonical.items[0].orderedQuantity.unitSize = 0;
		canonical.items[1].orderedQuantity.unitSize = 0;
		const mapped = mapPurchaseOrder(canonical, index);
		expect(mapped.lines[0]).toMatchObject({ status: 'reject', unitSize: 0, orderedEaches: 0 });
		expect(mapped.lines[0].exceptions.map((e) => [e.code, e.message])).toEqual([
			[
				'casePackMissing',
				'Line "1": ordered 4 cases but neither the PO (unitSize) nor the mapping of SKU "SPOON" ' +
					'(casePack) gives the eaches per case',
			],
		]);
		expect(mapped.lines[1]).toMatchObject({ status: 'mapped', unitSize: 6, orderedEaches: 24 });
		expect(mapped.lines[1].warnings.map((w) => w.code)).toEqual(['casePackFromMapping']);
	});

	it('uses the PO unitSize, with a warning, when the SKU has no case pack in the mapping', () => {
		const mapped = mapPurchaseOrder(
			po([rawItem('1', 'B000000006', undefined, 2, 'Cases', 20, '0.50')]),
			index,
		);
		expect(mapped.route).toBe('mapped');
		expect(mapped.lines[0]).toMatchObject({
			status: 'mapped',
			unitSize: 20,
			orderedEaches: 40,
			extendedCost: '20.00',
		});
		expect(mapped.warnings.map((w) => [w.code, w.message])).toEqual([
			[
				'casePackNotInMapping',
				'Line "1": SKU "SPOON" has no case pack in the mapping: used the PO\'s unitSize of 20',
			],
		]);
	});

	it('flags Eaches that are not a multiple of the case pack: exception by default', () => {
		const order = po([
			rawItem('1', 'B000000002', undefined, 10, 'Eaches', 1),
			rawItem('2', 'B000000002', undefined, 12, 'Eaches', 1),
		]);
		const mapped = mapPurchaseOrder(order, index);
		expect(mapped.route).toBe('exceptions');
		expect(mapped.exceptions).toEqual([
			{
				code: 'notCaseMultiple',
				message:
					'Line "1": 10 eaches is not a multiple of the case pack of 6 for SKU "MUG-BLUE" (nearest: 6 or 12)',
				itemSequenceNumber: '1',
				amazonProductIdentifier: 'B000000002',
			},
		]);
		expect(mapped.lines.map((l) => [l.status, l.orderedEaches, l.unitSize])).toEqual([
			['reject', 10, 1],
			['mapped', 12, 1],
		]);
	});

	it('flags Eaches that are not a multiple of the case pack: warning when configured', () => {
		const mapped = mapPurchaseOrder(
			po([rawItem('1', 'B000000002', undefined, 10, 'Eaches', 1, '3.10')]),
			index,
			{ notMultiple: 'warning' },
		);
		expect(mapped.route).toBe('mapped');
		expect(mapped.lines[0].status).toBe('mapped');
		expect(mapped.exceptions).toEqual([]);
		expect(mapped.warnings.map((w) => w.code)).toEqual(['notCaseMultiple']);
	});
});

describe('prices', () => {
	const line = (cost: string) => po([rawItem('1', 'B000000001', undefined, 1, 'Cases', 12, cost)]);

	it('absolute tolerance: within and beyond', () => {
		expect(mapPurchaseOrder(line('4.20'), index).route).toBe('mapped');
		const exact = mapPurchaseOrder(line('4.21'), index);
		expect(exact.route).toBe('exceptions');
		expect(exact.exceptions[0]).toMatchObject({
			code: 'priceMismatch',
			message:
				'Line "1": net cost 4.21 USD differs from the expected 4.20 by 0.01 (tolerance 0 USD)',
		});
		expect(
			mapPurchaseOrder(line('4.30'), index, { priceTolerance: { mode: 'absolute', value: '0.10' } })
				.route,
		).toBe('mapped');
		expect(
			mapPurchaseOrder(line('4.10'), index, { priceTolerance: { mode: 'absolute', value: '0.10' } })
				.route,
		).toBe('mapped');
		const beyond = mapPurchaseOrder(line('4.31'), index, {
			priceTolerance: { mode: 'absolute', value: '0.10' },
		});
		expect(beyond.exceptions.map((e) => e.message)).toEqual([
			'Line "1": net cost 4.31 USD differs from the expected 4.20 by 0.11 (tolerance 0.10 USD)',
		]);
		expect(beyond.lines[0]).toMatchObject({
			status: 'reject',
			rejectionReason: 'TemporarilyUnavailable',
		});
	});

	it('percent tolerance: exact decimal arithmetic at the boundary', () => {
		// 9.9 expected (row given as the JSON number 9.9); 1 % of 9.9 = 0.099.
		const tea = (cost: string) =>
			po([rawItem('1', undefined, 'VEND-TEA-01', 2, 'Cases', 24, cost)]);
		const percent = (value: string) => ({ priceTolerance: { mode: 'percent' as const, value } });
		expect(mapPurchaseOrder(tea('9.999'), index, percent('1')).route).toBe('mapped');
		expect(mapPurchaseOrder(tea('9.801'), index, percent('1')).route).toBe('mapped');
		expect(
			mapPurchaseOrder(tea('10.00'), index, percent('1')).exceptions.map((e) => e.message),
		).toEqual([
			'Line "1": net cost 10.00 USD differs from the expected 9.9 by 0.10 (tolerance 1 %)',
		]);
		expect(mapPurchaseOrder(tea('10.00'), index, percent('1.02')).route).toBe('mapped');
	});

	it('carries a weight-priced line: netCost per weight unit, no extended cost, checked per weight unit', () => {
		const order = po([
			rawItem('1', 'B000000004', undefined, 5, 'CASES', 10, {
				currencyCode: 'USD',
				amount: '2.50',
				unitOfMeasure: 'POUNDS',
			}),
		]);
		const mapped = mapPurchaseOrder(order, index);
		expect(mapped.route).toBe('mapped');
		expect(mapped.lines[0]).toMatchObject({
			sku: 'COFFEE-KG',
			unitOfMeasure: 'Cases',
			orderedEaches: 50,
			netCost: { currencyCode: 'USD', amount: '2.50', unitOfMeasure: 'POUNDS' },
			pricedByWeight: true,
			priceUnit: 'POUNDS',
		});
		expect(mapped.lines[0].extendedCost).toBeUndefined();
		const dearer = po([
			rawItem('1', 'B000000004', undefined, 5, 'Cases', 10, {
				currencyCode: 'USD',
				amount: '2.75',
				unitOfMeasure: 'POUNDS',
			}),
		]);
		expect(mapPurchaseOrder(dearer, index).exceptions.map((e) => e.message)).toEqual([
			'Line "1": net cost 2.75 USD per POUNDS differs from the expected 2.50 by 0.25 (tolerance 0 USD)',
		]);
	});

	it('warns about a line without net cost', () => {
		const mapped = mapPurchaseOrder(
			po([rawItem('1', 'B000000001', undefined, 1, 'Cases', 12)]),
			index,
		);
		expect(mapped.route).toBe('mapped');
		expect(mapped.warnings.map((w) => [w.code, w.message])).toEqual([
			['netCostMissing', 'Line "1": the PO has no net cost: the price could not be checked'],
		]);
	});
});

describe('unmapped lines', () => {
	it('carries the identifiers exactly as Amazon sent them when the raw order is given', () => {
		const raw = rawOrder([
			rawItem(' 00001', ' B0UNKNOWN1 ', '0012345678905 ', 3, 'Eaches', 1, '1.00'),
		]);
		const canonical = normalisePurchaseOrder(raw);
		expect(canonical.items[0]).toMatchObject({
			itemSequenceNumber: '00001',
			amazonProductIdentifier: 'B0UNKNOWN1',
			vendorProductIdentifier: '0012345678905',
		});

		const mapped = mapPurchaseOrder(canonical, index, {}, raw);
		expect(mapped.route).toBe('exceptions');
		expect(mapped.exceptions).toEqual([
			{
				code: 'unmapped',
				message:
					'Line " 00001": ASIN " B0UNKNOWN1 " / vendor product identifier "0012345678905 " not in the mapping table',
				itemSequenceNumber: ' 00001',
				amazonProductIdentifier: ' B0UNKNOWN1 ',
				vendorProductIdentifier: '0012345678905 ',
			},
		]);
		expect(mapped.lines[0]).toMatchObject({
			itemSequenceNumber: '00001',
			status: 'reject',
			rejectionReason: 'InvalidProductIdentifier',
		});
		expect(mapped.lines[0].sku).toBeUndefined();

		// Also from a {payload: Order} response; without the raw order, the canonical (trimmed) values.
		expect(
			mapPurchaseOrder(canonical, index, {}, { payload: raw }).exceptions[0]
				.amazonProductIdentifier,
		).toBe(' B0UNKNOWN1 ');
		expect(mapPurchaseOrder(canonical, index).exceptions[0]).toMatchObject({
			itemSequenceNumber: '00001',
			amazonProductIdentifier: 'B0UNKNOWN1',
			vendorProductIdentifier: '0012345678905',
		});
	});

	it('says so when a line has no identifier at all', () => {
		const mapped = mapPurchaseOrder(
			po([rawItem('1', undefined, undefined, 1, 'Eaches', 1)]),
			index,
		);
		expect(mapped.exceptions.map((e) => e.message)).toEqual([
			'Line "1": has neither an ASIN nor a vendor product identifier',
		]);
	});

	it('matches by vendor product identifier first when configured, warning about conflicting identifiers', () => {
		const order = po([rawItem('1', 'B000000006', 'VEND-TEA-01', 24, 'Eaches', 1, '9.90')]);
		const byAsin = mapPurchaseOrder(order, index);
		expect(byAsin.lines[0]).toMatchObject({ sku: 'SPOON', matchedBy: 'asin' });
		expect(byAsin.warnings.map((w) => w.message)).toEqual([
			'Line "1": matched SKU "SPOON" (rows[5]) by ASIN; the vendor product identifier maps to SKU "TEA-01" (rows[2])',
		]);
		const byVendor = mapPurchaseOrder(order, index, { matchFirst: 'vendorProductIdentifier' });
		expect(byVendor.lines[0]).toMatchObject({
			sku: 'TEA-01',
			matchedBy: 'vendorProductIdentifier',
			casePack: 24,
		});
	});
});

describe('discontinued SKUs and partial POs', () => {
	const mixed = () =>
		po([
			rawItem('1', 'B000000001', undefined, 2, 'Cases', 12, '4.20'),
			rawItem('2', 'B0UNKNOWN1', undefined, 5, 'Eaches', 1, '3.00'),
			rawItem('3', 'B000000005', undefined, 6, 'Eaches', 1, '1.00'),
		]);

	it("by default a PO with any exception goes whole to Exceptions, with every bad line's reason", () => {
		const mapped = mapPurchaseOrder(mixed(), index);
		expect(mapped.route).toBe('exceptions');
		expect(mapped.exceptions.map((e) => [e.itemSequenceNumber, e.code])).toEqual([
			['2', 'unmapped'],
			['3', 'discontinued'],
		]);
		expect(mapped.lines.map((l) => [l.status, l.rejectionReason])).toEqual([
			['mapped', undefined],
			['reject', 'InvalidProductIdentifier'],
			['reject', 'ObsoleteProduct'],
		]);
		expect(mapped.counts).toEqual({ lines: 3, mapped: 1, rejected: 2, withExceptions: 2 });
	});

	it('continueWithRejections lets a PO with some bad lines go on, those lines marked for rejection', () => {
		const mapped = mapPurchaseOrder(mixed(), index, { partialPo: 'continueWithRejections' });
		expect(mapped.route).toBe('mapped');
		expect(mapped.exceptions).toHaveLength(2);
		expect(mapped.lines.map((l) => l.status)).toEqual(['mapped', 'reject', 'reject']);
	});

	it('continueWithRejections still sends a PO with no good line to Exceptions', () => {
		const allBad = po([
			rawItem('1', 'B0UNKNOWN1', undefined, 5, 'Eaches', 1),
			rawItem('2', 'B000000002', undefined, 5, 'Eaches', 1),
		]);
		expect(mapPurchaseOrder(allBad, index, { partialPo: 'continueWithRejections' }).route).toBe(
			'exceptions',
		);
	});

	it('discontinued: reject makes the line an ObsoleteProduct rejection with a warning, not an exception', () => {
		const order = po([
			rawItem('1', 'B000000001', undefined, 2, 'Cases', 12, '4.20'),
			rawItem('2', 'B000000005', undefined, 7, 'Eaches', 1, '1.00'),
		]);
		const mapped = mapPurchaseOrder(order, index, { discontinued: 'reject' });
		expect(mapped.route).toBe('mapped');
		expect(mapped.exceptions).toEqual([]);
		expect(mapped.lines[1]).toMatchObject({
			status: 'reject',
			rejectionReason: 'ObsoleteProduct',
			discontinued: true,
			sku: 'OLD-MUG',
		});
		// Discontinued lines skip the case-pack check (7 is not a multiple of 6): they are rejected anyway.
		expect(mapped.warnings.map((w) => [w.code, w.message])).toEqual([
			[
				'discontinued',
				'Line "2": SKU "OLD-MUG" is discontinued: the line will be rejected as ObsoleteProduct',
			],
		]);
	});
});

describe('reading a mapped PO back from JSON', () => {
	it('accepts the JSON of a mapped PO', () => {
		const mapped = mapPurchaseOrder(
			po([rawItem('1', 'B000000001', undefined, 2, 'Cases', 12, '4.20')]),
			index,
		);
		const json: MappedPurchaseOrder = JSON.parse(JSON.stringify(mapped));
		expect(readMappedPurchaseOrder(json)).toEqual(mapped);
	});

	it('names what is wrong', () => {
		const mapped = JSON.parse(
			JSON.stringify(
				mapPurchaseOrder(po([rawItem('1', 'B000000001', undefined, 2, 'Cases', 12)]), index),
			),
		);
		expect(() => readMappedPurchaseOrder({ purchaseOrderNumber: 'X' })).toThrow(
			new MappedPurchaseOrderError(
				'purchaseOrder',
				'is required (the output of the Map ASIN / Case Pack node)',
			),
		);
		mapped.lines[0].orderedAmount = '2';
		expect(() => readMappedPurchaseOrder(mapped)).toThrow(
			'Not a mapped purchase order: lines[0].orderedAmount must be a whole number (got "2")',
		);
		mapped.lines = [];
		expect(() => readMappedPurchaseOrder(mapped)).toThrow(
			'lines must have one entry per PO item (1, got 0)',
		);
	});
});

describe('fuzz findings (#15)', () => {
	it('null or wrongly typed arguments to mapPurchaseOrder are named errors', () => {
		const good = po([rawItem('1', 'B000000006', undefined, 2, 'Eaches', 1, '1.00')]);
		const bad: Array<[unknown, unknown, unknown, string]> = [
			[null, index, {}, 'po.(root) must be a purchase order object (got null)'],
			[{ ...good, items: null }, index, {}, 'po.items must be an array'],
			[
				{ ...good, items: [{ ...good.items[0], isBackOrderAllowed: 'no' }] },
				index,
				{},
				'isBackOrderAllowed',
			],
			[{ ...good, items: [good.items[0], good.items[0]] }, index, {}, 'every PO line has its own'],
			[good, null, {}, 'index must be a mapping index from createMappingIndex (got null)'],
			[good, index, null, 'options must be an object (got null)'],
			[good, index, { priceTolerance: 5 }, 'priceTolerance must be {mode, value} (got 5)'],
		];
		for (const [p, i, o, message] of bad) {
			expect(() => mapPurchaseOrder(p as never, i as never, o as never)).toThrow(InvalidInputError);
			expect(() => mapPurchaseOrder(p as never, i as never, o as never)).toThrow(message);
		}
	});

	it('the errors of the mapping are InvalidInputErrors with a field path', () => {
		const error = errorOf(() => createMappingIndex([{ asin: 'B1', sku: '' }]));
		expect(error).toBeInstanceOf(InvalidInputError);
		expect(error.path).toBe('rows[0].sku');
		expect(() => readMappedPurchaseOrder(null)).toThrow(InvalidInputError);
	});
});
