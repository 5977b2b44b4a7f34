/**
 * buildAcknowledgement and checkReacknowledgement: random mapped and allocated POs give a
 * model-valid acknowledgement with every line and its quantities; hostile values anywhere give a
 * result or a named error; the guard never lets more be taken than was not rejected before.
 */
import fc from 'fast-check';
import {
	buildAcknowledgement,
	buildAcknowledgementRequest,
	checkReacknowledgement,
	validateAcknowledgementRequest,
	type AcknowledgementBuild,
} from '../../../nodes/shared/domain/acknowledgement';
import { allocate } from '../../../nodes/shared/domain/allocation';
import { createMappingIndex, mapPurchaseOrder } from '../../../nodes/shared/domain/caseMapping';
import { normalisePurchaseOrder } from '../../../nodes/shared/domain/purchaseOrder';
import type { OrderAcknowledgement } from '../../../nodes/shared/generated/vendorOrders';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';
import { mappingTable, rawOrder, stock } from './poArbitraries';

const OPTIONS = { now: '2024-05-01T10:30:00Z' };

const input = fc
	.tuple(rawOrder, mappingTable, stock, fc.boolean())
	.filter(([raw]) => raw.orderDetails.items.some((i) => i.orderedQuantity.amount > 0))
	.map(([raw, table, levels, backorder]) => {
		const mapped = mapPurchaseOrder(normalisePurchaseOrder(raw), createMappingIndex(table), {
			partialPo: 'continueWithRejections',
		});
		const allocation = allocate([mapped], levels, { backorder, includeExceptionRoute: true })
			.orders[0];
		return { mapped, allocation };
	});

function eaches(ack: OrderAcknowledgement, code: string): number {
	return ack.items
		.flatMap((i) => i.itemAcknowledgements)
		.filter((l) => l.acknowledgementCode === code)
		.reduce(
			(n, l) => n + (l.acknowledgedQuantity.amount ?? 0) * (l.acknowledgedQuantity.unitSize ?? 1),
			0,
		);
}

describe('buildAcknowledgement (property)', () => {
	it('is model-valid, has every ordered line, and the loops add up to the allocation', () => {
		fc.assert(
			fc.property(input, ({ mapped, allocation }) => {
				const { acknowledgement } = buildAcknowledgement(mapped, allocation, OPTIONS);
				expect(
					validateAcknowledgementRequest(buildAcknowledgementRequest([acknowledgement])).ok,
				).toBe(true);
				const ordered = mapped.purchaseOrder.items.filter((i) => i.orderedQuantity.amount > 0);
				expect(acknowledgement.items.map((i) => i.itemSequenceNumber)).toEqual(
					ordered.map((i) => i.itemSequenceNumber),
				);
				const sum = (key: 'acceptedEaches' | 'backorderedEaches' | 'rejectedEaches') =>
					allocation.lines.reduce((n, l) => n + l[key], 0);
				expect(eaches(acknowledgement, 'Accepted')).toBe(sum('acceptedEaches'));
				expect(eaches(acknowledgement, 'Backordered')).toBe(sum('backorderedEaches'));
				expect(eaches(acknowledgement, 'Rejected')).toBe(sum('rejectedEaches'));
				for (const loop of acknowledgement.items.flatMap((i) => i.itemAcknowledgements))
					expect(loop.acknowledgedQuantity.amount).toBeGreaterThan(0);
				expect(checkReacknowledgement(acknowledgement, acknowledgement).allowed).toBe(true);
			}),
			{ numRuns: 150 },
		);
	});

	it('a hostile value in the mapped PO, the allocation or the options gives a valid result or a named error', () => {
		fc.assert(
			fc.property(
				input,
				fc.nat(),
				hostileValue,
				fc.nat({ max: 2 }),
				({ mapped, allocation }, pick, bad, which) => {
					const args: unknown[] = [mapped, allocation, OPTIONS];
					args[which] = corruptAt(args[which], pick, bad);
					const outcome = resultOrNamedError(() =>
						buildAcknowledgement(args[0] as never, args[1] as never, args[2] as never),
					);
					if (!outcome.ok) return;
					const { acknowledgement } = outcome.value as AcknowledgementBuild;
					const check = validateAcknowledgementRequest({ acknowledgements: [acknowledgement] });
					expect(check.ok ? [] : check.issues).toEqual([]);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('wholly hostile arguments give a named error', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, hostileValue, (a, b, c) => {
				resultOrNamedError(() => buildAcknowledgement(a as never, b as never, c as never));
				resultOrNamedError(() => checkReacknowledgement(a as never, b as never));
				resultOrNamedError(() => buildAcknowledgementRequest(a as never));
			}),
			{ numRuns: 200 },
		);
	});
});

describe('checkReacknowledgement (property)', () => {
	const line = fc.record({
		accepted: fc.nat({ max: 10 }),
		backordered: fc.nat({ max: 10 }),
		rejected: fc.nat({ max: 10 }),
	});
	const ack = (l: { accepted: number; backordered: number; rejected: number }, seq = '1') => {
		const q = (amount: number) => ({ amount, unitOfMeasure: 'Eaches' as const, unitSize: 1 });
		const loops = (['Accepted', 'Backordered', 'Rejected'] as const)
			.map((code) => ({ code, amount: l[code.toLowerCase() as 'accepted'] }))
			.filter((x) => x.amount > 0)
			.map((x) => ({ acknowledgementCode: x.code, acknowledgedQuantity: q(x.amount) }));
		return {
			purchaseOrderNumber: 'PO1',
			sellingParty: { partyId: 'V' },
			acknowledgementDate: '2024-05-01T10:30:00Z',
			items: [
				{
					itemSequenceNumber: seq,
					orderedQuantity: q(l.accepted + l.backordered + l.rejected),
					itemAcknowledgements: loops,
				},
			],
		};
	};

	it('refuses exactly what takes more than was not rejected before (with "1" and "001" one line)', () => {
		fc.assert(
			fc.property(line, line, fc.constantFrom('1', '001'), (then, now, seq) => {
				const check = checkReacknowledgement(ack(then), ack(now, seq));
				const before = then.accepted + then.backordered;
				const taken = now.accepted + now.backordered;
				const ordered = taken + now.rejected;
				const wholeLine = before === 0 && then.rejected > 0 && taken > 0;
				const units = then.rejected > 0 && taken > Math.max(before, ordered - then.rejected);
				expect(check.allowed).toBe(!(wholeLine || units));
			}),
			{ numRuns: 300 },
		);
	});

	it('a hostile value in either acknowledgement gives a result or a named error', () => {
		fc.assert(
			fc.property(
				line,
				line,
				fc.nat(),
				hostileValue,
				fc.boolean(),
				(then, now, pick, bad, first) => {
					const previous = first ? corruptAt(ack(then), pick, bad) : ack(then);
					const next = first ? ack(now) : corruptAt(ack(now), pick, bad);
					resultOrNamedError(() => checkReacknowledgement(previous as never, next as never));
				},
			),
			{ numRuns: 300 },
		);
	});
});
