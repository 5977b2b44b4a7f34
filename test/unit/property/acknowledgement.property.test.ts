/**
 * Property tests of the acknowledgement chain: normalisePurchaseOrder -> mapPurchaseOrder ->
 * parseStockRows / allocate -> buildAcknowledgement -> checkReacknowledgement. Valid input: every
 * line acknowledged, accepted + backordered + rejected = ordered, never more accepted than stock.
 * Hostile input: a result or a named error.
 */
import fc from 'fast-check';
import {
	buildAcknowledgement,
	checkReacknowledgement,
} from '../../../nodes/shared/domain/acknowledgement';
import { allocate, parseStockRows } from '../../../nodes/shared/domain/allocation';
import { createMappingIndex, mapPurchaseOrder } from '../../../nodes/shared/domain/caseMapping';
import { normalisePurchaseOrder } from '../../../nodes/shared/domain/purchaseOrder';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';

const SKUS = ['A', 'B', 'C'];
const index = createMappingIndex(
	SKUS.map((sku, i) => ({ asin: `B0000000${i}X`, sku, casePack: i + 1 })),
);
const NOW = new Date('2024-05-01T10:30:00Z');

const lineArb = fc.record({
	sku: fc.integer({ min: 0, max: 2 }),
	amount: fc.integer({ min: 1, max: 20 }),
	cost: fc.integer({ min: 1, max: 9999 }),
	backorder: fc.boolean(),
});

const orderArb = fc.array(lineArb, { minLength: 1, maxLength: 5 }).map((lines) => ({
	purchaseOrderNumber: 'PO000001',
	purchaseOrderState: 'New',
	orderDetails: {
		purchaseOrderDate: '2024-05-01T08:00:00Z',
		sellingParty: { partyId: 'VEND1' },
		shipWindow: '2024-05-06T07:00:00Z--2024-05-10T07:00:00Z',
		items: lines.map((l, i) => ({
			itemSequenceNumber: String(i + 1),
			amazonProductIdentifier: `B0000000${l.sku}X`,
			orderedQuantity: { amount: l.amount, unitOfMeasure: 'Cases', unitSize: l.sku + 1 },
			isBackOrderAllowed: l.backorder,
			netCost: { amount: (l.cost / 100).toFixed(2), currencyCode: 'USD' },
		})),
	},
}));

const stockArb = fc.array(
	fc.record({ sku: fc.constantFrom(...SKUS), available: fc.integer({ min: 0, max: 80 }) }),
);

function chain(raw: unknown, rows: unknown, backorder: boolean) {
	const mapped = mapPurchaseOrder(normalisePurchaseOrder(raw), index);
	const { stock } = parseStockRows(rows as never);
	const allocation = allocate([mapped], stock, { backorder });
	const build = buildAcknowledgement(mapped, allocation.orders[0], { now: NOW });
	return { mapped, stock, allocation, build };
}

describe('acknowledgement chain (property)', () => {
	it('valid input: every line acknowledged, quantities add up, never more than stock', () => {
		fc.assert(
			fc.property(orderArb, stockArb, fc.boolean(), (raw, rows, backorder) => {
				const { stock, allocation, build } = chain(raw, rows, backorder);
				const items = raw.orderDetails.items;
				expect(build.acknowledgement.items.map((i) => i.itemSequenceNumber)).toEqual(
					items.map((i) => i.itemSequenceNumber),
				);
				build.acknowledgement.items.forEach((item, i) => {
					const sum = item.itemAcknowledgements.reduce(
						(n, l) => n + (l.acknowledgedQuantity.amount ?? 0),
						0,
					);
					expect(sum).toBe(items[i].orderedQuantity.amount);
				});
				for (const sku of SKUS) {
					const used = allocation.totals.find((t) => t.sku === sku)?.acceptedEaches ?? 0;
					expect(used).toBeLessThanOrEqual(stock[sku] ?? 0);
				}
				expect(checkReacknowledgement(build.acknowledgement, build.acknowledgement).allowed).toBe(
					true,
				);
			}),
			{ numRuns: 150 },
		);
	});

	it('hostile input at a random path gives a result or a named error', () => {
		fc.assert(
			fc.property(orderArb, stockArb, fc.nat(), hostileValue, (raw, rows, pick, bad) => {
				resultOrNamedError(() => chain(corruptAt(raw, pick, bad), rows, true));
				resultOrNamedError(() => chain(raw, corruptAt(rows, pick, bad), true));
				const { build } = chain(raw, rows, true);
				const ack = build.acknowledgement;
				resultOrNamedError(() => checkReacknowledgement(corruptAt(ack, pick, bad) as never, ack));
				resultOrNamedError(() => checkReacknowledgement(ack, corruptAt(ack, pick, bad) as never));
			}),
			{ numRuns: 200 },
		);
	});

	it('wholly hostile arguments give a named error', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, (a, b) => {
				resultOrNamedError(() => normalisePurchaseOrder(a));
				resultOrNamedError(() => mapPurchaseOrder(a as never, index, b as never));
				resultOrNamedError(() => allocate(a as never, b as never));
				resultOrNamedError(() => parseStockRows(a as never));
				resultOrNamedError(() => buildAcknowledgement(a as never, b as never, { now: NOW }));
				resultOrNamedError(() => checkReacknowledgement(a as never, b as never));
			}),
			{ numRuns: 200 },
		);
	});
});
