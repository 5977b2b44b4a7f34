/**
 * Properties of Apply Change Order's domain entry points: random valid PO versions give a
 * consistent decision, and hostile input gives a result or a named error, never a TypeError.
 */
import fc from 'fast-check';
import { createMappingIndex } from '../../../nodes/shared/domain/caseMapping';
import {
	buildEditPlan,
	diffPurchaseOrders,
	evaluateChangeOrder,
	guardChange,
	parsePlatformOrder,
	toShopifyOrderEditSequence,
	bindCalculatedOrderId,
	type ChangeOrderOptions,
	type PlatformOrder,
} from '../../../nodes/shared/domain/changeOrder';
import {
	normalisePurchaseOrder,
	type CanonicalPurchaseOrder,
} from '../../../nodes/shared/domain/purchaseOrder';
import { corruptAt, hostileValue, resultOrNamedError, type Outcome } from '../../helpers/hostile';

const NOW = '2026-03-11T10:00:00Z';
const ASINS = ['B07MUG0001', 'B07TEE0002', 'B07CAP0003', 'B07HAT0004', 'B07BAG0005'];
const mapping = createMappingIndex(ASINS.map((asin, i) => ({ asin, sku: `SKU-${i}` })));
const OPTIONS: ChangeOrderOptions = { acknowledgement: { now: NOW } };

interface Line {
	seq: number;
	asin: number;
	amount: number;
	cost: string;
}

function po(lines: Line[], changed: boolean): CanonicalPurchaseOrder {
	return normalisePurchaseOrder({
		purchaseOrderNumber: 'PROPPO01',
		purchaseOrderState: 'Acknowledged',
		orderDetails: {
			purchaseOrderDate: '2026-03-09T08:00:00Z',
			...(changed ? { purchaseOrderChangedDate: '2026-03-11T08:00:00Z' } : {}),
			purchaseOrderType: 'RegularOrder',
			sellingParty: { partyId: 'VNDR1' },
			shipToParty: { partyId: 'ABCD' },
			shipWindow: '2026-03-15T07:00:00Z--2026-03-20T07:00:00Z',
			items: lines.map((l) => ({
				itemSequenceNumber: String(l.seq),
				amazonProductIdentifier: ASINS[l.asin],
				orderedQuantity: { amount: l.amount, unitOfMeasure: 'Eaches', unitSize: 1 },
				isBackOrderAllowed: false,
				netCost: { currencyCode: 'USD', amount: l.cost },
			})),
		},
	});
}

const lineArb = (seq: number) =>
	fc.record({
		seq: fc.constant(seq),
		asin: fc.constant(seq - 1),
		amount: fc.integer({ min: 0, max: 40 }),
		cost: fc.constantFrom('1.50', '2.00', '4.25'),
	});

/** A previous version (1-5 lines) and a changed one (quantities, costs, a line more or less). */
const versions = fc
	.integer({ min: 1, max: 5 })
	.chain((n) =>
		fc.tuple(
			fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i + 1))),
			fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i + 1))),
			fc.boolean(),
			fc.boolean(),
		),
	)
	.map(([before, after, dropLast, addOne]) => {
		const current = [...after];
		if (dropLast && current.length > 1) current.pop();
		if (addOne && current.length < 5)
			current.push({ seq: current.length + 1, asin: current.length, amount: 7, cost: '2.00' });
		return { previous: po(before, false), current: po(current, true) };
	});

function platformFor(previous: CanonicalPurchaseOrder): PlatformOrder {
	return {
		id: 'gid://shopify/Order/1',
		status: 'UNFULFILLED',
		lines: previous.items
			.filter((item) => item.orderedQuantity.amount > 0)
			.map((item, i) => ({
				sku: `SKU-${ASINS.indexOf(item.amazonProductIdentifier ?? '')}`,
				ordered: item.orderedEaches,
				lineItemId: `gid://shopify/LineItem/${900 + i}`,
			})),
	};
}

describe('evaluateChangeOrder on valid versions', () => {
	it('routes by the diff, and every line and SKU of the plan adds up', () => {
		fc.assert(
			fc.property(versions, ({ previous, current }) => {
				const platformOrder = platformFor(previous);
				const result = evaluateChangeOrder({ previous, current, platformOrder, mapping }, OPTIONS);
				const diff = diffPurchaseOrders(previous, current);
				expect(result.route === 'noChange').toBe(diff.isEmpty);
				expect(result.diff.lines).toHaveLength(diff.lines.length);
				if (result.route !== 'apply') return;
				const { plan } = result;
				for (const line of plan.lines) {
					if (line.index === undefined) continue;
					expect(line.accepted + line.backordered + line.rejected).toBe(line.ordered);
					expect(line.platformEaches).toBe(line.accepted * line.unitSize);
				}
				for (const sku of plan.skus) {
					const eaches = plan.lines
						.filter((l) => l.sku === sku.sku)
						.reduce((n, l) => n + l.platformEaches, 0);
					expect(sku.targetEaches).toBe(eaches);
					expect(sku.deltaEaches).toBe(sku.targetEaches - sku.platformOrdered);
				}
				const sequence = toShopifyOrderEditSequence(plan, platformOrder);
				const edits = plan.skus.filter((s) => s.action !== 'unchanged').length;
				if (sequence.ok) expect(sequence.steps).toHaveLength(edits);
			}),
			{ numRuns: 100 },
		);
	});

	it('finds no difference between a version and itself', () => {
		fc.assert(
			fc.property(versions, ({ current }) => {
				expect(diffPurchaseOrders(current, current).isEmpty).toBe(true);
			}),
			{ numRuns: 100 },
		);
	});
});

/** Asserts the outcome is a result or a named error (resultOrNamedError throws otherwise). */
function named(fn: () => unknown): Outcome {
	return resultOrNamedError(fn);
}

describe('hostile input', () => {
	const parts = ['previous', 'current', 'platformOrder'] as const;

	it('a version or the platform order corrupted at any path: a result or a named error', () => {
		fc.assert(
			fc.property(
				versions,
				fc.constantFrom(...parts),
				fc.nat(),
				hostileValue,
				({ previous, current }, part, pick, bad) => {
					const input = { previous, current, platformOrder: platformFor(previous), mapping };
					const corrupted = { ...input, [part]: corruptAt(input[part], pick, bad) };
					named(() => evaluateChangeOrder(corrupted, OPTIONS));
					named(() =>
						buildEditPlan(
							diffPurchaseOrders(previous, current),
							corrupted.previous,
							corrupted.current,
							mapping,
							corrupted.platformOrder,
						),
					);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('a line quantity that is not a whole number is a named error, not a silent value', () => {
		fc.assert(
			fc.property(
				versions,
				fc.constantFrom(null, '3', 1.5, -1, NaN, {}, []),
				({ previous, current }, bad) => {
					const broken = JSON.parse(JSON.stringify(current)) as CanonicalPurchaseOrder;
					(broken.items[0].orderedQuantity as { amount: unknown }).amount = bad;
					const outcome = named(() =>
						evaluateChangeOrder(
							{ previous, current: broken, platformOrder: platformFor(previous), mapping },
							OPTIONS,
						),
					);
					expect(outcome.ok).toBe(false);
				},
			),
			{ numRuns: 50 },
		);
	});

	it('wholly hostile arguments: a result or a named error from every entry point', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, hostileValue, (a, b, c) => {
				named(() => evaluateChangeOrder(a as any, b as any));
				named(() => evaluateChangeOrder({ ...(a as object), mapping } as any, OPTIONS));
				named(() => diffPurchaseOrders(a as any, b as any));
				named(() => parsePlatformOrder(a));
				named(() => guardChange(a as any, b as any, c as any));
				named(() => buildEditPlan(a as any, b as any, c as any, mapping, a as any));
				named(() => toShopifyOrderEditSequence(a as any, b as any, c as any));
				named(() => bindCalculatedOrderId(a as any, b as any));
			}),
			{ numRuns: 300 },
		);
	});
});
