/**
 * Supercycle's wholesale availability rule (nodes/shared/domain/circularStock): the cases the
 * Shopify + Supercycle templates computed in their expressions (free sellable items minus the
 * reserve, conditions by title or id, 0 when Supercycle is unread or an item is incomplete,
 * circular-only SKUs, SKUs outside Supercycle) and the settings refused with the field named.
 */
import {
	circularRule,
	variantIdOf,
	wholesaleAvailability,
} from '../../nodes/shared/domain/circularStock';
import { InvalidInputError } from '../../nodes/shared/domain/inputError';

const NEW = { id: 1, title: 'New' };
const GOOD = { id: 2, title: 'Good' };
const DAMAGED = { id: 4, title: 'Damaged' };

/** A complete Supercycle item: available, not rented, condition New, of variant 44000000001. */
function item(id: number, extra: Record<string, unknown> = {}) {
	return {
		id,
		shopifyVariantId: 44000000001,
		visibility: 'available',
		activeRentalId: null,
		activeReturnId: null,
		condition: NEW,
		...extra,
	};
}

/** The tents of e2e/scenarios/shopify-supercycle-availability-runs.json before the first PO. */
const TENTS = [
	item(101),
	item(102),
	item(103, { condition: GOOD }),
	item(104, { condition: GOOD }),
	item(105, { activeRentalId: 501 }),
	item(106, { condition: DAMAGED }),
	item(107, { visibility: 'unavailable' }),
];

const rule = circularRule({ sellableConditions: 'New, Like new, Good', reserve: 1 });

describe('circularRule', () => {
	it('reads comma-separated conditions (lower case, trimmed, empty ones dropped) and lists', () => {
		expect(circularRule({ sellableConditions: ' New, ,Like NEW,2 ' })).toEqual({
			sellableConditions: ['new', 'like new', '2'],
			reserve: 0,
			circularOnlySkus: [],
		});
		expect(
			circularRule({
				sellableConditions: ['New', 3],
				reserve: '2',
				circularOnlySkus: 'KAYAK-RENT, BIKE-RENT,',
			}),
		).toEqual({
			sellableConditions: ['new', '3'],
			reserve: 2,
			circularOnlySkus: ['KAYAK-RENT', 'BIKE-RENT'],
		});
	});

	it.each([
		[{ sellableConditions: 'New', reserve: -1 }, 'reserve'],
		[{ sellableConditions: 'New', reserve: 1.5 }, 'reserve'],
		[{ sellableConditions: 'New', reserve: 'one' }, 'reserve'],
		[{ sellableConditions: { New: true } }, 'sellableConditions'],
		[{ sellableConditions: ['New', null] }, 'sellableConditions[1]'],
		[{ sellableConditions: 'New', circularOnlySkus: 5 }, 'circularOnlySkus'],
	])('refuses %j, naming %s', (input, path) => {
		expect(() => circularRule(input)).toThrow(InvalidInputError);
		try {
			circularRule(input);
		} catch (error) {
			expect((error as InvalidInputError).path).toBe(path);
		}
	});
});

describe('wholesaleAvailability', () => {
	it('counts free items in a sellable condition, lowest id first, minus the reserve', () => {
		const result = wholesaleAvailability({ sku: 'TENT-2P', items: TENTS }, rule);
		expect(result).toEqual({
			sku: 'TENT-2P',
			variantId: null,
			source: 'supercycle',
			available: 3,
			items: 7,
			freeItemIds: [101, 102, 103, 104],
			reserve: 1,
			counts: { free: 4, rented: 1, notSellable: 1, unavailable: 1 },
			reason:
				'4 sellable item(s) free of 7 (1 rented, 1 in a condition not sold wholesale, ' +
				'1 unavailable, sold or retired), minus a circular reserve of 1 = 3',
		});
	});

	it('never goes below 0, and sorts the free items by id as numbers', () => {
		const result = wholesaleAvailability(
			{ sku: 'TENT-2P', items: [item(1000), item(20)] },
			circularRule({ sellableConditions: 'new', reserve: 5 }),
		);
		expect(result.available).toBe(0);
		expect(result.freeItemIds).toEqual([20, 1000]);
	});

	it('matches conditions by title in any case or by id, and an item without condition is not sellable', () => {
		const items = [
			item(1, { condition: { id: 9, title: ' LIKE new ' } }),
			item(2, { condition: { id: 2, title: 'Renamed' } }),
			item(3, { condition: null }),
			item(4, { condition: 'New' }),
		];
		const result = wholesaleAvailability(
			{ sku: 'X', items },
			circularRule({ sellableConditions: 'like new, 2' }),
		);
		expect(result.freeItemIds).toEqual([1, 2]);
		expect(result.counts?.notSellable).toBe(2);
	});

	it('does not count an item on a return', () => {
		const result = wholesaleAvailability(
			{ sku: 'X', items: [item(1), item(2, { activeReturnId: 77 })] },
			circularRule({ sellableConditions: 'New' }),
		);
		expect(result.freeItemIds).toEqual([1]);
	});

	it('counts only the items of the variant given (numeric id or GID)', () => {
		const items = [...TENTS, item(300, { shopifyVariantId: 44000000002 })];
		for (const variantId of ['44000000002', 'gid://shopify/ProductVariant/44000000002']) {
			const result = wholesaleAvailability({ sku: 'TENT-2P', variantId, items }, rule);
			expect(result).toMatchObject({ variantId: '44000000002', items: 1, available: 0 });
			expect(result.freeItemIds).toEqual([300]);
		}
	});

	it('offers 0 when Supercycle could not be read', () => {
		const result = wholesaleAvailability(
			{ sku: 'TENT-2P', readError: 'Supercycle GET /items failed: HTTP 503' },
			rule,
		);
		expect(result).toMatchObject({ source: 'unknown', available: 0, items: 0, freeItemIds: [] });
		expect(result.reason).toBe(
			'Supercycle could not be read (Supercycle GET /items failed: HTTP 503): ' +
				'0 offered, unsure stock is never promised',
		);
	});

	it('offers 0 when an item comes without visibility, rental or condition, and names it', () => {
		const items = [item(1), { id: 2, visibility: 'available', condition: NEW }, item(3)];
		const result = wholesaleAvailability({ sku: 'X', items }, rule);
		expect(result).toMatchObject({ source: 'supercycle', available: 0, items: 3, counts: null });
		expect(result.reason).toBe(
			'1 Supercycle item(s) without visibility, rental or condition (2): ' +
				'0 offered, unsure stock is never promised',
		);
	});

	it('offers 0 for a circular-only SKU, even when Supercycle could not be read', () => {
		const only = circularRule({ sellableConditions: 'New', circularOnlySkus: 'KAYAK-RENT' });
		for (const read of [{ items: [item(1)] }, { readError: 'HTTP 503' }]) {
			const result = wholesaleAvailability({ sku: 'KAYAK-RENT', ...read }, only);
			expect(result).toMatchObject({ source: 'circularOnly', available: 0, freeItemIds: [] });
			expect(result.reason).toMatch(/circularOnlySkus/);
		}
	});

	it('gives a SKU without Supercycle items the stock given for SKUs outside Supercycle (0 by default)', () => {
		expect(wholesaleAvailability({ sku: 'STOVE-1', items: [] }, rule)).toMatchObject({
			source: 'notCircular',
			available: 0,
			items: 0,
		});
		expect(
			wholesaleAvailability({ sku: 'STOVE-1', items: [], notCircularStock: 20 }, rule),
		).toMatchObject({ source: 'notCircular', available: 20 });
		expect(wholesaleAvailability({ sku: 'STOVE-1', notCircularStock: -3 }, rule).available).toBe(0);
	});

	it('ignores records without an id', () => {
		const result = wholesaleAvailability(
			{ sku: 'X', items: [{ visibility: 'available' }, null] },
			rule,
		);
		expect(result.source).toBe('notCircular');
	});

	it.each([
		[{ sku: '' }, 'sku'],
		[{ sku: 'X', variantId: 'gid://shopify/ProductVariant/abc' }, 'variantId'],
		[{ sku: 'X', items: {} }, 'items'],
		[{ sku: 'X', notCircularStock: 2.5 }, 'notCircularStock'],
	])('refuses %j, naming %s', (input, path) => {
		expect(() => wholesaleAvailability(input, rule)).toThrow(
			expect.objectContaining({ code: 'INVALID_INPUT', path }),
		);
	});
});

describe('variantIdOf', () => {
	it('reads numbers, digit texts and GIDs; empty is null', () => {
		expect(variantIdOf(44000000001)).toBe('44000000001');
		expect(variantIdOf(' gid://shopify/ProductVariant/44000000001 ')).toBe('44000000001');
		expect(variantIdOf('')).toBeNull();
		expect(variantIdOf(undefined)).toBeNull();
		expect(() => variantIdOf(1.5)).toThrow(InvalidInputError);
	});
});
