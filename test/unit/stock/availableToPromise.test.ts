/**
 * Available to promise and the zero-stock guard (nodes/shared/domain/stock): the figures of the
 * issue's examples, the allocation rules, the guard's stops, and properties of every figure.
 */
import fc from 'fast-check';
import {
	availableToPromise,
	fullUpdateRefusal,
	guardAvailability,
	type AtpOptions,
} from '../../../nodes/shared/domain/stock';
import { InvalidInputError } from '../../../nodes/shared/domain/inputError';

const VC = { name: 'vendorCentral', wholeCases: true };

describe('available to promise', () => {
	it('takes committed, open PO, safety stock and circular reserve off on hand, with the breakdown', () => {
		const [f] = availableToPromise(
			[{ sku: 'A', onHand: 100, committed: 10, openPoAccepted: 24, circularReserve: 2 }],
			{ channels: [{ name: 'vendorCentral', bufferEaches: 4 }], safetyStock: 5 },
		);
		expect(f.available).toBe(55);
		expect(f.breakdown).toEqual({
			onHand: 100,
			committed: -10,
			openPoAccepted: -24,
			safetyStock: -5,
			circularReserve: -2,
			allocation: 0,
			buffer: -4,
			reservePercent: 0,
			cap: 0,
			wholeCases: 0,
		});
	});

	it('offers a case-packed SKU of 30 eaches and a case pack of 12 as 2 cases to Vendor Central', () => {
		const [f] = availableToPromise([{ sku: 'CASE', onHand: 30, casePack: 12 }], { channels: [VC] });
		expect(f).toMatchObject({ available: 24, cases: 2 });
		expect(f.breakdown.wholeCases).toBe(-6);
	});

	it('shares 100 eaches between two channels under a 60/40 rule', () => {
		const figures = availableToPromise([{ sku: 'A', onHand: 100 }], {
			allocation: 'share',
			channels: [
				{ name: 'vendorCentral', share: 60 },
				{ name: 'sellerCentral', share: 40 },
			],
		});
		expect(figures.map((f) => [f.channel, f.available])).toEqual([
			['vendorCentral', 60],
			['sellerCentral', 40],
		]);
	});

	it('fills channels in priority order up to their caps; a percentage reserve rounds up', () => {
		const figures = availableToPromise([{ sku: 'A', onHand: 50 }], {
			allocation: 'priority',
			channels: [
				{ name: 'sellerCentral', priority: 2, reservePercent: 10 },
				{ name: 'vendorCentral', priority: 1, cap: 30 },
			],
		});
		expect(Object.fromEntries(figures.map((f) => [f.channel, f.available]))).toEqual({
			vendorCentral: 30,
			sellerCentral: 18,
		});
	});

	it('never goes below 0: a step takes only what is there, and says so', () => {
		const [f] = availableToPromise([{ sku: 'A', onHand: 5, committed: 8 }], {
			channels: [{ name: 'x', bufferEaches: 3 }],
		});
		expect(f.available).toBe(0);
		expect(f.breakdown).toMatchObject({ onHand: 5, committed: -5, buffer: 0 });
	});

	it.each([
		[[{ sku: 'A', onHand: -1 }], { channels: [VC] }, 'rows[0].onHand'],
		[[{ sku: 'A', onHand: 1.5 }], { channels: [VC] }, 'rows[0].onHand'],
		[[{ sku: ' ', onHand: 1 }], { channels: [VC] }, 'rows[0].sku'],
		[
			[
				{ sku: 'A', onHand: 1 },
				{ sku: 'A', onHand: 2 },
			],
			{ channels: [VC] },
			'rows[1].sku',
		],
		[[], { channels: [] }, 'channels'],
		[
			[],
			{
				allocation: 'share',
				channels: [
					{ name: 'a', share: 70 },
					{ name: 'b', share: 40 },
				],
			},
			'channels',
		],
		[[], { channels: [{ name: 'a', reservePercent: 120 }] }, 'channels[0].reservePercent'],
	])('refuses bad input, naming the field (%#)', (rows, options, path) => {
		let error: unknown;
		try {
			availableToPromise(rows as never, options as AtpOptions);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).path).toBe(path);
	});

	it('every figure is at least 0, at most on hand, and its breakdown sums to it', () => {
		const row = fc.record({
			sku: fc.constant('S'),
			onHand: fc.nat(10_000),
			committed: fc.nat(10_000),
			openPoAccepted: fc.nat(10_000),
			casePack: fc.integer({ min: 1, max: 48 }),
			circularReserve: fc.nat(50),
		});
		const channel = fc.record({
			name: fc.constant('c'),
			bufferEaches: fc.nat(100),
			reservePercent: fc.integer({ min: 0, max: 100 }),
			cap: fc.option(fc.nat(5_000), { nil: undefined }),
			wholeCases: fc.boolean(),
			share: fc.integer({ min: 0, max: 100 }),
			priority: fc.nat(3),
		});
		fc.assert(
			fc.property(
				row,
				channel,
				fc.constantFrom('all', 'share', 'priority'),
				fc.nat(100),
				(r, c, allocation, safetyStock) => {
					const [f] = availableToPromise([r], {
						channels: [c],
						allocation: allocation as AtpOptions['allocation'],
						safetyStock,
					});
					expect(f.available).toBeGreaterThanOrEqual(0);
					expect(f.available).toBeLessThanOrEqual(r.onHand);
					expect(Object.values(f.breakdown).reduce((n, v) => n + v, 0)).toBe(f.available);
					if (c.wholeCases && r.casePack > 1) expect(f.available % r.casePack).toBe(0);
					if (c.cap !== undefined) expect(f.available).toBeLessThanOrEqual(c.cap);
				},
			),
		);
	});
});

describe('zero-stock guard', () => {
	const last = [
		{ sku: 'A', available: 10 },
		{ sku: 'B', available: 10 },
		{ sku: 'C', available: 10 },
		{ sku: 'D', available: 10 },
		{ sku: 'E', available: 10 },
	];

	it('sends decreases, new SKUs and increases from the minimum; holds small increases', () => {
		const r = guardAvailability(
			[
				{ sku: 'A', available: 4 },
				{ sku: 'B', available: 11 },
				{ sku: 'C', available: 20 },
				{ sku: 'D', available: 10 },
				{ sku: 'E', available: 10 },
				{ sku: 'F', available: 3 },
			],
			last,
			{ minIncrease: 5 },
		);
		expect(r.passed).toBe(true);
		expect(r.send).toEqual([
			{ sku: 'A', available: 4, previous: 10 },
			{ sku: 'C', available: 20, previous: 10 },
			{ sku: 'F', available: 3, previous: null },
		]);
		expect(r.held).toEqual([{ sku: 'B', available: 11, previous: 10 }]);
	});

	it('stops everything when the source returned no rows', () => {
		const r = guardAvailability([], last);
		expect(r).toMatchObject({ passed: false, send: [] });
		expect(r.reasons).toContain('the stock source returned no rows');
	});

	it('stops when too many SKUs fall to 0, or the total falls too far', () => {
		const zeroes = guardAvailability(
			last.map((f, i) => ({ ...f, available: i < 2 ? 0 : 10 })),
			last,
		);
		expect(zeroes.passed).toBe(false);
		expect(zeroes.reasons[0]).toMatch(/2 of 5 SKUs with stock would fall to 0 \(more than 20%\)/);
		expect(zeroes.zeroed).toEqual(['A', 'B']);
		const drop = guardAvailability(
			last.map((f) => ({ ...f, available: 4 })),
			last,
		);
		expect(drop.reasons).toEqual([
			'the total would fall from 50 to 20 eaches (60.0%, more than 50%)',
		]);
		expect(
			guardAvailability([{ sku: 'A', available: 0 }], [{ sku: 'A', available: 10 }], {
				maxZeroShare: 1,
				maxTotalDropPercent: 100,
			}).passed,
		).toBe(true);
	});

	it('refuses a Direct Fulfillment full update that misses a SKU sent before, or after a stop', () => {
		const partial = guardAvailability(last.slice(0, 4), last);
		expect(partial.passed).toBe(true);
		expect(partial.missing).toEqual(['E']);
		expect(fullUpdateRefusal(partial)).toMatch(/would set 1 SKU\(s\) sent before to 0 \(E\)/);
		expect(fullUpdateRefusal(guardAvailability([], last))).toMatch(
			/zero-stock guard stopped the send/,
		);
		expect(fullUpdateRefusal(guardAvailability(last, last))).toBeUndefined();
	});

	it('refuses bad figures, naming the field', () => {
		expect(() => guardAvailability([{ sku: 'A', available: -2 }], [])).toThrow(InvalidInputError);
		expect(() =>
			guardAvailability(
				[
					{ sku: 'A', available: 1 },
					{ sku: 'A', available: 2 },
				],
				[],
			),
		).toThrow(/listed twice/);
	});
});
