/**
 * One stock sync (nodes/shared/domain/stock/sync.ts): figures per channel guarded against the last
 * figures sent to that channel; Send, Held and Stopped with the exception row.
 */
import { planStockSync, type StockSyncOptions } from '../../../nodes/shared/domain/stock';

const ROWS = [
	{ sku: 'A', onHand: 40 },
	{ sku: 'B', onHand: 30 },
	{ sku: 'C', onHand: 20 },
	{ sku: 'D', onHand: 10 },
];
const ONE_CHANNEL: StockSyncOptions = { atp: { channels: [{ name: 'vendorCentral' }] } };

describe('stock sync', () => {
	it('sends every figure on the first run, with its breakdown and no previous figure', () => {
		const r = planStockSync(ROWS, [], ONE_CHANNEL);
		expect(r.send.map((s) => [s.sku, s.available, s.previous])).toEqual([
			['A', 40, null],
			['B', 30, null],
			['C', 20, null],
			['D', 10, null],
		]);
		expect(r.send[0].breakdown.onHand).toBe(40);
		expect(r.held).toEqual([]);
		expect(r.stopped).toEqual([]);
		expect(r.summary).toEqual([
			{ channel: 'vendorCentral', figures: 4, send: 4, held: 0, unchanged: 0, stopped: false },
		]);
	});

	it('sends only what changed; an unchanged figure is not sent again', () => {
		const last = ROWS.map((r) => ({ sku: r.sku, channel: 'vendorCentral', available: r.onHand }));
		const rows = ROWS.map((r) => (r.sku === 'B' ? { ...r, onHand: 25 } : r));
		const r = planStockSync(rows, last, ONE_CHANNEL);
		expect(r.send.map((s) => [s.sku, s.available, s.previous])).toEqual([['B', 25, 30]]);
		expect(r.summary[0]).toMatchObject({ send: 1, unchanged: 3, stopped: false });
	});

	it('stops a channel when most of its SKUs would fall to 0, with an exception row', () => {
		const last = ROWS.map((r) => ({ sku: r.sku, channel: 'vendorCentral', available: r.onHand }));
		const rows = ROWS.map((r) => (r.sku === 'A' ? r : { ...r, onHand: 0 }));
		const r = planStockSync(rows, last, ONE_CHANNEL);
		expect(r.send).toEqual([]);
		expect(r.stopped).toHaveLength(1);
		const [stop] = r.stopped;
		expect(stop.channel).toBe('vendorCentral');
		expect(stop.zeroed).toEqual(['B', 'C', 'D']);
		expect(stop.exception).toMatchObject({
			type: 'stock_guard_stopped',
			ownerRole: 'operations',
			purchaseOrderNumber: '',
		});
		expect(stop.exception.reason).toContain('3 of 4 SKUs with stock would fall to 0');
		expect(JSON.parse(stop.exception.details)).toMatchObject({
			channel: 'vendorCentral',
			zeroedCount: 3,
			totals: { previous: 100, next: 40 },
		});
	});

	it('stops when the source returned no rows, and keeps every SKU at its last figure', () => {
		const last = [{ sku: 'A', channel: 'vendorCentral', available: 5 }];
		const r = planStockSync([], last, ONE_CHANNEL);
		expect(r.send).toEqual([]);
		expect(r.stopped[0].reasons).toEqual(['the stock source returned no rows']);
		expect(r.held).toEqual([
			{
				sku: 'A',
				channel: 'vendorCentral',
				available: null,
				previous: 5,
				reason: 'notInStockRows',
			},
		]);
	});

	it('guards each channel against its own last figures only', () => {
		const options: StockSyncOptions = {
			atp: { channels: [{ name: 'vendorCentral' }, { name: 'sellerCentral' }] },
		};
		const last = ROWS.map((r) => ({ sku: r.sku, channel: 'vendorCentral', available: r.onHand }));
		const rows = ROWS.map((r) => ({ ...r, onHand: 0 }));
		const r = planStockSync(rows, last, options);
		expect(r.stopped.map((s) => s.channel)).toEqual(['vendorCentral']);
		// Seller Central had nothing sent before: its zeros are new figures, not a drop.
		expect(r.send.map((s) => [s.channel, s.sku, s.available])).toEqual([
			['sellerCentral', 'A', 0],
			['sellerCentral', 'B', 0],
			['sellerCentral', 'C', 0],
			['sellerCentral', 'D', 0],
		]);
	});

	it('holds increases below the minimum and sends decreases at once', () => {
		const last = [
			{ sku: 'A', channel: 'vendorCentral', available: 38 },
			{ sku: 'B', channel: 'vendorCentral', available: 31 },
		];
		const r = planStockSync(ROWS.slice(0, 2), last, {
			...ONE_CHANNEL,
			guardOptions: { minIncrease: 5 },
		});
		expect(r.send.map((s) => [s.sku, s.available])).toEqual([['B', 30]]);
		expect(r.held).toEqual([
			{
				sku: 'A',
				channel: 'vendorCentral',
				available: 40,
				previous: 38,
				reason: 'belowMinimumIncrease',
			},
		]);
	});

	it('refuses a Direct Fulfillment full update with a SKU sent before missing, and sends it when complete', () => {
		const options: StockSyncOptions = {
			atp: { channels: [{ name: 'directFulfillment' }] },
			fullUpdateChannels: ['directFulfillment'],
		};
		const last = ROWS.map((r) => ({
			sku: r.sku,
			channel: 'directFulfillment',
			available: r.onHand,
		}));
		const refused = planStockSync(
			ROWS.slice(0, 3).map((r) => ({ ...r, onHand: r.onHand - 1 })),
			last,
			options,
		);
		expect(refused.send).toEqual([]);
		expect(refused.stopped[0].exception.type).toBe('stock_full_update_refused');
		expect(refused.stopped[0].reasons[0]).toContain('would set 1 SKU(s) sent before to 0 (D)');
		const complete = planStockSync(
			ROWS.map((r) => ({ ...r, onHand: r.onHand - 1 })),
			last,
			options,
		);
		expect(complete.stopped).toEqual([]);
		expect(complete.send).toHaveLength(4);
	});

	it('with the guard off sends a real drop to 0', () => {
		const last = ROWS.map((r) => ({ sku: r.sku, channel: 'vendorCentral', available: r.onHand }));
		const rows = ROWS.map((r) => ({ ...r, onHand: 0 }));
		const r = planStockSync(rows, last, { ...ONE_CHANNEL, guard: false });
		expect(r.stopped).toEqual([]);
		expect(r.send.map((s) => s.available)).toEqual([0, 0, 0, 0]);
	});

	it('shares 100 eaches 60/40 and offers 30 eaches in cases of 12 as 2 cases', () => {
		const shared = planStockSync([{ sku: 'S', onHand: 100 }], [], {
			atp: {
				allocation: 'share',
				channels: [
					{ name: 'vendorCentral', share: 60 },
					{ name: 'sellerCentral', share: 40 },
				],
			},
		});
		expect(shared.send.map((s) => [s.channel, s.available])).toEqual([
			['vendorCentral', 60],
			['sellerCentral', 40],
		]);
		const cased = planStockSync([{ sku: 'C', onHand: 30, casePack: 12 }], [], {
			atp: { channels: [{ name: 'vendorCentral', wholeCases: true }] },
		});
		expect(cased.send[0]).toMatchObject({ available: 24, cases: 2 });
	});

	it('names the bad row of the last figures', () => {
		expect(() =>
			planStockSync(ROWS, [{ sku: 'A', channel: '', available: 1 }], ONE_CHANNEL),
		).toThrow('lastSent[0].channel is required');
	});
});
