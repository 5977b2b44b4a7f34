/**
 * Supercycle's wholesale availability rule on random shops: it gives what the templates'
 * expressions gave (the function below is theirs, copied from workflows/supercycle-availability.json
 * and shopify-supercycle-po-intake.json before the rule became a node operation), never offers more
 * than the free sellable items minus the reserve, never more with a bigger reserve or fewer
 * sellable conditions, and answers hostile input with a result or an InvalidInputError.
 */
import fc from 'fast-check';
import { circularRule, wholesaleAvailability } from '../../../nodes/shared/domain/circularStock';
import { hostileValue, resultOrNamedError } from '../../helpers/hostile';

/** The templates' rule, as their expressions computed it (sellable, reserve and the items). */
function templateRule(sellableText: string, reserveValue: unknown, items: any[], errs: string[]) {
	const sellable = String(sellableText ?? '')
		.split(',')
		.map((s) => s.trim().toLowerCase())
		.filter((s) => s);
	const reserve = Math.max(0, Number(reserveValue || 0));
	const isSellable = (c: any) =>
		Boolean(c) &&
		(sellable.includes(
			String(c.title ?? '')
				.trim()
				.toLowerCase(),
		) ||
			sellable.includes(String(c.id ?? '')));
	const complete = (i: any) =>
		typeof i.visibility === 'string' && i.activeRentalId !== undefined && i.condition !== undefined;
	const isFree = (i: any) =>
		i.visibility === 'available' &&
		i.activeRentalId === null &&
		(i.activeReturnId ?? null) === null &&
		isSellable(i.condition);
	if (errs.length) return { managed: null, available: 0, items: items.length, freeItemIds: [] };
	if (!items.length) return { managed: false, available: null, items: 0, freeItemIds: [] };
	const incomplete = items.filter((i) => !complete(i));
	if (incomplete.length)
		return { managed: true, available: 0, items: items.length, freeItemIds: [] };
	const free = items.filter(isFree).sort((a, b) => Number(a.id) - Number(b.id));
	const available = Math.max(0, free.length - reserve);
	return { managed: true, available, items: items.length, freeItemIds: free.map((i) => i.id) };
}

const CONDITIONS = [
	{ id: 1, title: 'New' },
	{ id: 2, title: 'Good' },
	{ id: 3, title: 'Worn' },
	{ id: 4, title: 'Damaged' },
	{ id: 9, title: 'Like new' },
];

const itemArb = fc.record(
	{
		visibility: fc.constantFrom('available', 'unavailable', 'sold', 'retired'),
		activeRentalId: fc.oneof(fc.constant(null), fc.integer({ min: 500, max: 600 })),
		activeReturnId: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, fc.constant(77)),
		condition: fc.oneof(fc.constantFrom(...CONDITIONS), fc.constant(null)),
	},
	{ requiredKeys: [] },
);

/** Items with distinct ids, most of them complete. */
const itemsArb = fc.array(fc.tuple(itemArb, fc.boolean()), { maxLength: 12 }).chain((entries) =>
	fc
		.shuffledSubarray(
			Array.from({ length: 40 }, (_, i) => 100 + i),
			{ minLength: entries.length, maxLength: entries.length },
		)
		.map((ids) =>
			entries.map(([fields, full], i) => ({
				id: ids[i],
				...(full
					? { visibility: 'available', activeRentalId: null, activeReturnId: null, condition: null }
					: {}),
				...fields,
			})),
		),
);

const sellableArb = fc
	.subarray(['New', 'good', ' Like new ', '3', 'Damaged'])
	.map((list) => list.join(','));

describe('wholesaleAvailability (property)', () => {
	it('gives what the templates computed', () => {
		fc.assert(
			fc.property(
				itemsArb,
				sellableArb,
				fc.nat(4),
				fc.boolean(),
				(items, sellable, reserve, unread) => {
					const rule = circularRule({ sellableConditions: sellable, reserve });
					const errs = unread ? ['HTTP 503'] : [];
					const read = unread ? { readError: errs[0] } : { items };
					const ours = wholesaleAvailability({ sku: 'SKU-1', ...read }, rule);
					const theirs = templateRule(sellable, reserve, unread ? [] : items, errs);
					expect(ours.available).toBe(theirs.available ?? 0);
					expect(ours.items).toBe(theirs.items);
					expect(ours.freeItemIds).toEqual(theirs.freeItemIds);
					const source =
						theirs.managed === null ? 'unknown' : theirs.managed ? 'supercycle' : 'notCircular';
					expect(ours.source).toBe(source);
				},
			),
			{ numRuns: 500 },
		);
	});

	it('offers at most the free sellable items minus the reserve, lowest ids first', () => {
		fc.assert(
			fc.property(itemsArb, sellableArb, fc.nat(4), (items, sellable, reserve) => {
				const rule = circularRule({ sellableConditions: sellable, reserve });
				const result = wholesaleAvailability({ sku: 'SKU-1', items }, rule);
				expect(result.available).toBeGreaterThanOrEqual(0);
				expect(result.available).toBeLessThanOrEqual(
					Math.max(0, result.freeItemIds.length - reserve),
				);
				const ids = result.freeItemIds.map(Number);
				expect([...ids].sort((a, b) => a - b)).toEqual(ids);
				expect(new Set(ids).size).toBe(ids.length);
				for (const id of ids) {
					const free = items.find((i) => i.id === id)!;
					expect(free).toMatchObject({ visibility: 'available', activeRentalId: null });
				}
			}),
			{ numRuns: 300 },
		);
	});

	it('never offers more with a bigger reserve or with fewer sellable conditions', () => {
		fc.assert(
			fc.property(
				itemsArb,
				fc.subarray(['New', 'Good', 'Like new', 'Worn']),
				fc.nat(3),
				fc.nat(3),
				(items, conditions, reserve, more) => {
					const available = (list: string[], r: number) =>
						wholesaleAvailability(
							{ sku: 'SKU-1', items },
							circularRule({ sellableConditions: list, reserve: r }),
						).available;
					expect(available(conditions, reserve + more)).toBeLessThanOrEqual(
						available(conditions, reserve),
					);
					expect(available(conditions.slice(1), reserve)).toBeLessThanOrEqual(
						available(conditions, reserve),
					);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('always offers 0 for a circular-only SKU and when Supercycle could not be read', () => {
		fc.assert(
			fc.property(itemsArb, fc.string({ maxLength: 80 }), (items, error) => {
				const rule = circularRule({
					sellableConditions: 'New, Good',
					circularOnlySkus: 'SKU-1',
				});
				expect(wholesaleAvailability({ sku: 'SKU-1', items }, rule).available).toBe(0);
				const open = circularRule({ sellableConditions: 'New, Good' });
				const unread = wholesaleAvailability({ sku: 'SKU-2', items, readError: error }, open);
				expect(unread).toMatchObject({ available: 0, source: 'unknown', freeItemIds: [] });
			}),
			{ numRuns: 200 },
		);
	});

	it('answers hostile input with a result or an InvalidInputError', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, hostileValue, hostileValue, (a, b, c, d) => {
				resultOrNamedError(() =>
					wholesaleAvailability(
						{ sku: 'SKU-1', items: a, variantId: b, notCircularStock: c },
						circularRule({ sellableConditions: 'New' }),
					),
				);
				resultOrNamedError(() =>
					circularRule({ sellableConditions: a, reserve: b, circularOnlySkus: c }),
				);
				resultOrNamedError(() =>
					wholesaleAvailability(d as never, circularRule({ sellableConditions: 'New' })),
				);
				resultOrNamedError(() =>
					wholesaleAvailability({ sku: 'X', items: [d] }, circularRule(d as never)),
				);
			}),
			{ numRuns: 400 },
		);
	});
});
