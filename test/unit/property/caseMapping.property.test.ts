/**
 * mapPurchaseOrder and the mapping table: random orders and tables map every line once, with the
 * counts adding up; hostile values anywhere give a result or a named error.
 */
import fc from 'fast-check';
import {
	createMappingIndex,
	mapPurchaseOrder,
	readMappedPurchaseOrder,
	type MappedPurchaseOrder,
} from '../../../nodes/shared/domain/caseMapping';
import { normalisePurchaseOrder } from '../../../nodes/shared/domain/purchaseOrder';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';
import { mappingTable, rawOrder } from './poArbitraries';

const options = fc.record({
	partialPo: fc.constantFrom('exceptions' as const, 'continueWithRejections' as const),
	notMultiple: fc.constantFrom('exception' as const, 'warning' as const),
});

describe('mapPurchaseOrder (property)', () => {
	it('maps every line once; counts, routes and exceptions agree', () => {
		fc.assert(
			fc.property(rawOrder, mappingTable, options, (raw, table, opts) => {
				const po = normalisePurchaseOrder(raw);
				const mapped = mapPurchaseOrder(po, createMappingIndex(table), opts, raw);
				expect(mapped.lines.map((l) => l.itemSequenceNumber)).toEqual(
					po.items.map((i) => i.itemSequenceNumber),
				);
				expect(mapped.counts.mapped + mapped.counts.rejected).toBe(po.items.length);
				for (const line of mapped.lines) {
					if (line.exceptions.length) expect(line.status).toBe('reject');
					if (line.status === 'mapped') expect(line.sku).toMatch(/^SKU-/);
					else expect(line.rejectionReason).toBeDefined();
				}
				if (mapped.counts.withExceptions === 0) expect(mapped.route).toBe('mapped');
				expect(readMappedPurchaseOrder(JSON.parse(JSON.stringify(mapped)))).toEqual(mapped);
			}),
			{ numRuns: 200 },
		);
	});

	it('a hostile value in the PO, the table or the options gives a result or a named error', () => {
		fc.assert(
			fc.property(
				rawOrder,
				mappingTable,
				options,
				fc.nat(),
				hostileValue,
				(raw, table, opts, pick, bad) => {
					const po = normalisePurchaseOrder(raw);
					const index = createMappingIndex(table);
					const outcome = resultOrNamedError(() =>
						mapPurchaseOrder(corruptAt(po, pick, bad) as never, index, opts),
					);
					if (outcome.ok) {
						const mapped = outcome.value as MappedPurchaseOrder;
						expect(mapped.counts.mapped + mapped.counts.rejected).toBe(mapped.lines.length);
					}
					const rows = resultOrNamedError(() =>
						createMappingIndex(corruptAt(table, pick, bad) as never),
					);
					if (rows.ok) resultOrNamedError(() => mapPurchaseOrder(po, rows.value as never, opts));
					resultOrNamedError(() =>
						mapPurchaseOrder(po, index, corruptAt(opts, pick, bad) as never),
					);
					const mapped = mapPurchaseOrder(po, index, opts);
					resultOrNamedError(() => readMappedPurchaseOrder(corruptAt(mapped, pick, bad)));
				},
			),
			{ numRuns: 200 },
		);
	});

	it('wholly hostile arguments give a named error', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, (a, b) => {
				resultOrNamedError(() => mapPurchaseOrder(a as never, b as never));
				resultOrNamedError(() => mapPurchaseOrder(a as never, createMappingIndex([]), b as never));
				resultOrNamedError(() => createMappingIndex(a as never));
				resultOrNamedError(() => readMappedPurchaseOrder(a));
			}),
			{ numRuns: 200 },
		);
	});
});
