/**
 * allocate and parseStockRows: random POs and stock never take more than the stock, every line
 * adds up to its ordered quantity; hostile values anywhere give a result or a named error.
 */
import fc from 'fast-check';
import { allocate, parseStockRows } from '../../../nodes/shared/domain/allocation';
import { createMappingIndex, mapPurchaseOrder } from '../../../nodes/shared/domain/caseMapping';
import { normalisePurchaseOrder } from '../../../nodes/shared/domain/purchaseOrder';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';
import { mappingTable, rawOrder, stock } from './poArbitraries';

const mappedPos = fc
	.tuple(fc.array(rawOrder, { minLength: 1, maxLength: 3 }), mappingTable)
	.map(([raws, table]) => {
		const index = createMappingIndex(table);
		return raws.map((raw) =>
			mapPurchaseOrder(normalisePurchaseOrder(raw), index, { partialPo: 'continueWithRejections' }),
		);
	});

describe('allocate (property)', () => {
	it('every line adds up, no SKU takes more than its stock, totals match the lines', () => {
		fc.assert(
			fc.property(mappedPos, stock, fc.boolean(), (pos, levels, backorder) => {
				const result = allocate(pos, levels, { backorder, includeExceptionRoute: true });
				expect(result.orders.length + result.skipped.length).toBe(pos.length);
				const taken: Record<string, number> = {};
				for (const order of result.orders) {
					expect(order.lines).toHaveLength(pos[order.inputIndex].lines.length);
					for (const l of order.lines) {
						expect(l.accepted + l.backordered + l.rejected).toBe(l.ordered);
						if (l.backordered > 0) expect(backorder).toBe(true);
						if (l.sku) taken[l.sku] = (taken[l.sku] ?? 0) + l.acceptedEaches;
					}
				}
				for (const [sku, available] of Object.entries(levels)) {
					expect(taken[sku] ?? 0).toBeLessThanOrEqual(available);
					expect(result.remainingStock[sku]).toBe(available - (taken[sku] ?? 0));
				}
				for (const t of result.totals) expect(t.acceptedEaches).toBe(taken[t.sku] ?? 0);
			}),
			{ numRuns: 150 },
		);
	});

	it('a hostile value in the POs, the stock or the options gives a result or a named error', () => {
		fc.assert(
			fc.property(mappedPos, stock, fc.nat(), hostileValue, (pos, levels, pick, bad) => {
				const outcome = resultOrNamedError(() =>
					allocate(corruptAt(pos, pick, bad) as never, levels),
				);
				if (outcome.ok) {
					for (const order of (outcome.value as ReturnType<typeof allocate>).orders)
						for (const l of order.lines)
							expect(l.accepted + l.backordered + l.rejected).toBe(l.ordered);
				}
				resultOrNamedError(() => allocate(pos, corruptAt(levels, pick, bad) as never));
				resultOrNamedError(() =>
					allocate(pos, levels, corruptAt({ backorder: true }, pick, bad) as never),
				);
			}),
			{ numRuns: 200 },
		);
	});

	it('stock rows: digits only, or a named error naming the row', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ sku: hostileValue, available: hostileValue }), { maxLength: 4 }),
				(rows) => {
					const outcome = resultOrNamedError(() => parseStockRows(rows));
					if (!outcome.ok) return;
					const { stock: parsed } = outcome.value as ReturnType<typeof parseStockRows>;
					for (const n of Object.values(parsed))
						expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
					rows.forEach((r) => {
						if (typeof r.available === 'string') expect(r.available).toMatch(/^\s*-?\d+\s*$/);
					});
				},
			),
			{ numRuns: 300 },
		);
	});

	it('wholly hostile arguments give a named error', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, hostileValue, (a, b, c) => {
				resultOrNamedError(() => allocate(a as never, b as never, c as never));
				resultOrNamedError(() => allocate([], b as never));
				resultOrNamedError(() => parseStockRows(a as never));
			}),
			{ numRuns: 200 },
		);
	});
});
