import { readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { createMappingIndex } from '../../nodes/shared/domain/caseMapping';
import {
	CALCULATED_ORDER_ID_PLACEHOLDER,
	DEFAULT_IN_FULFILMENT_STATUSES,
	SHOPIFY_ORDER_EDIT_MUTATIONS,
	bindCalculatedOrderId,
	buildEditPlan,
	calculatedLineItemId,
	diffPurchaseOrders,
	evaluateChangeOrder,
	guardChange,
	parsePlatformOrder,
	toShopifyOrderEditSequence,
	type ChangeOrderOptions,
	type ChangeOrderResult,
	type PlatformOrder,
} from '../../nodes/shared/domain/changeOrder';
import {
	normalisePurchaseOrder,
	type CanonicalPurchaseOrder,
} from '../../nodes/shared/domain/purchaseOrder';
import {
	SubmitAcknowledgementRequestSchema,
	type OrderAcknowledgement,
} from '../../nodes/shared/generated/vendorOrders';

const NOW = '2026-03-11T10:00:00Z';

type RawItem = {
	seq: string;
	asin: string;
	amount: number;
	unit?: 'Cases' | 'Eaches';
	size?: number;
	cost: string;
};

function rawPo(items: RawItem[], extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		purchaseOrderNumber: 'TESTPO01',
		purchaseOrderState: 'Acknowledged',
		orderDetails: {
			purchaseOrderDate: '2026-03-09T08:00:00Z',
			purchaseOrderStateChangedDate: '2026-03-09T12:00:00Z',
			purchaseOrderType: 'RegularOrder',
			sellingParty: { partyId: 'VNDR1' },
			shipToParty: { partyId: 'ABCD' },
			shipWindow: '2026-03-15T07:00:00Z--2026-03-20T07:00:00Z',
			items: items.map((i) => ({
				itemSequenceNumber: i.seq,
				amazonProductIdentifier: i.asin,
				orderedQuantity: {
					amount: i.amount,
					unitOfMeasure: i.unit ?? 'Eaches',
					unitSize: i.size ?? 1,
				},
				isBackOrderAllowed: false,
				netCost: { currencyCode: 'USD', amount: i.cost },
			})),
			...extra,
		},
	};
}

const BASE: RawItem[] = [
	{ seq: '1', asin: 'B07MUG0001', amount: 10, unit: 'Cases', size: 12, cost: '2.50' },
	{ seq: '2', asin: 'B07TEE0002', amount: 30, cost: '4.00' },
	{ seq: '3', asin: 'B07CAP0003', amount: 20, cost: '1.50' },
];

const previous: CanonicalPurchaseOrder = normalisePurchaseOrder(rawPo(BASE));

function changed(items: RawItem[], extra: Record<string, unknown> = {}): CanonicalPurchaseOrder {
	return normalisePurchaseOrder(
		rawPo(items, { purchaseOrderChangedDate: '2026-03-11T08:00:00Z', ...extra }),
	);
}

/** Line 1 down to 8 cases, line 2 cancelled, line 3 unchanged, line 4 added. */
const current = changed([
	{ ...BASE[0], amount: 8 },
	{ ...BASE[1], amount: 0 },
	BASE[2],
	{ seq: '4', asin: 'B07HAT0004', amount: 12, cost: '3.00' },
]);

const mapping = createMappingIndex([
	{ asin: 'B07MUG0001', sku: 'SKU-MUG', casePack: 12 },
	{ asin: 'B07TEE0002', sku: 'SKU-TEE' },
	{ asin: 'B07CAP0003', sku: 'SKU-CAP' },
	{ asin: 'B07HAT0004', sku: 'SKU-HAT' },
]);

function platform(overrides: Partial<PlatformOrder> = {}): PlatformOrder {
	return {
		id: 'gid://shopify/Order/5001',
		name: '#1042',
		status: 'UNFULFILLED',
		lines: [
			{
				sku: 'SKU-MUG',
				ordered: 120,
				fulfilled: 0,
				inProgress: 0,
				lineItemId: 'gid://shopify/LineItem/9001',
				variantId: 'gid://shopify/ProductVariant/7001',
			},
			{ sku: 'SKU-TEE', ordered: 30, lineItemId: 'gid://shopify/LineItem/9002' },
			{ sku: 'SKU-CAP', ordered: 20, lineItemId: 'gid://shopify/LineItem/9003' },
		],
		...overrides,
	};
}

const OPTIONS: ChangeOrderOptions = { acknowledgement: { now: NOW } };

function applied(result: ChangeOrderResult): Extract<ChangeOrderResult, { route: 'apply' }> {
	if (result.route !== 'apply')
		throw new Error(`expected apply, got ${result.route}: ${JSON.stringify(result)}`);
	return result;
}

function blocked(result: ChangeOrderResult): Extract<ChangeOrderResult, { route: 'blocked' }> {
	if (result.route !== 'blocked') throw new Error(`expected blocked, got ${result.route}`);
	return result;
}

describe('backordered units (the shop order holds accepted + backordered)', () => {
	// Line 1: 12 eaches of SKU-TEE, acknowledged Accepted 10 + Backordered 2; the shop order has 12.
	const backorderable = (amount: number, changedDate?: string) => {
		const raw = rawPo(
			[{ seq: '1', asin: 'B07TEE0002', amount, cost: '4.00' }],
			changedDate ? { purchaseOrderChangedDate: changedDate } : {},
		) as { orderDetails: { items: Array<Record<string, unknown>> } };
		raw.orderDetails.items[0].isBackOrderAllowed = true;
		return normalisePurchaseOrder(raw);
	};
	const before = backorderable(12);
	const acknowledged: OrderAcknowledgement = {
		purchaseOrderNumber: 'TESTPO01',
		sellingParty: { partyId: 'VNDR1' },
		acknowledgementDate: '2026-03-09T12:30:00Z',
		items: [
			{
				itemSequenceNumber: '1',
				amazonProductIdentifier: 'B07TEE0002',
				orderedQuantity: { amount: 12, unitOfMeasure: 'Eaches', unitSize: 1 },
				netCost: { currencyCode: 'USD', amount: '4.00' },
				itemAcknowledgements: [
					{
						acknowledgementCode: 'Accepted',
						acknowledgedQuantity: { amount: 10, unitOfMeasure: 'Eaches', unitSize: 1 },
						scheduledShipDate: '2026-03-15T07:00:00Z',
					},
					{
						acknowledgementCode: 'Backordered',
						acknowledgedQuantity: { amount: 2, unitOfMeasure: 'Eaches', unitSize: 1 },
						scheduledShipDate: '2026-03-22T07:00:00Z',
					},
				],
			},
		],
	};
	const shop = platform({
		lines: [{ sku: 'SKU-TEE', ordered: 12, lineItemId: 'gid://shopify/LineItem/9002' }],
	});
	const change = (amount: number) =>
		applied(
			evaluateChangeOrder(
				{
					previous: before,
					current: backorderable(amount, '2026-03-11T08:00:00Z'),
					platformOrder: shop,
					mapping,
					previousAcknowledgement: acknowledged,
				},
				{ ...OPTIONS, platformQuantity: 'acceptedAndBackordered' },
			),
		);
	const loops = (r: ReturnType<typeof change>) =>
		r.reacknowledgement?.acknowledgement.items[0].itemAcknowledgements.map((l) => [
			l.acknowledgementCode,
			l.acknowledgedQuantity.amount,
		]);

	it('a cut comes off the backorder first: 12 -> 10 is Accepted 10, and the shop order goes to 10', () => {
		const r = change(10);
		expect(r.plan.lines[0]).toMatchObject({
			previous: { accepted: 10, backordered: 2, platformEaches: 12 },
			accepted: 10,
			backordered: 0,
			rejected: 0,
			platformEaches: 10,
		});
		expect(r.plan.setQuantities).toEqual([
			{ sku: 'SKU-TEE', eaches: 10, restock: true, lineItemId: 'gid://shopify/LineItem/9002' },
		]);
		expect(loops(r)).toEqual([['Accepted', 10]]);
	});

	it(
		'a smaller cut leaves the rest backordered (12 -> 11: Accepted 10 + Backordered 1), ' +
			'below the accepted units it cuts those (12 -> 8)',
		() => {
			const r = change(11);
			expect([
				r.plan.lines[0].accepted,
				r.plan.lines[0].backordered,
				r.plan.lines[0].platformEaches,
			]).toEqual([10, 1, 11]);
			expect(loops(r)).toEqual([
				['Accepted', 10],
				['Backordered', 1],
			]);
			const deep = change(8);
			expect([
				deep.plan.lines[0].accepted,
				deep.plan.lines[0].backordered,
				deep.plan.lines[0].platformEaches,
			]).toEqual([8, 0, 8]);
		},
	);

	it('more units are accepted, the backorder stays as it was (12 -> 14: Accepted 12 + Backordered 2)', () => {
		const r = change(14);
		expect([
			r.plan.lines[0].accepted,
			r.plan.lines[0].backordered,
			r.plan.lines[0].platformEaches,
		]).toEqual([12, 2, 14]);
		// With the platform holding accepted units only, the same change targets the accepted 12.
		const acceptedOnly = applied(
			evaluateChangeOrder(
				{
					previous: before,
					current: backorderable(14, '2026-03-11T08:00:00Z'),
					platformOrder: shop,
					mapping,
					previousAcknowledgement: acknowledged,
				},
				OPTIONS,
			),
		);
		expect(acceptedOnly.plan.lines[0].platformEaches).toBe(12);
	});
});

describe('diffPurchaseOrders', () => {
	it('lists quantity changes in Amazon units and eaches, cancellations and additions', () => {
		const diff = diffPurchaseOrders(previous, current);
		expect(diff.isEmpty).toBe(false);
		expect(diff.summary).toEqual({
			quantityChanged: 1,
			cancelled: 1,
			added: 1,
			removed: 0,
			costChanged: 0,
			headerChanged: 0,
		});
		expect(diff.lines.map((l) => [l.itemSequenceNumber, l.kinds, l.deltaEaches])).toEqual([
			['1', ['quantityChanged'], -24],
			['2', ['cancelled'], -30],
			['4', ['added'], 12],
		]);
		expect(diff.lines[0]).toMatchObject({
			previousQuantity: { amount: 10, unitOfMeasure: 'Cases', unitSize: 12, eaches: 120 },
			currentQuantity: { amount: 8, unitOfMeasure: 'Cases', unitSize: 12, eaches: 96 },
			message: 'Line 1 (ASIN B07MUG0001): 10 cases of 12 (120 eaches) -> 8 cases of 12 (96 eaches)',
		});
		expect(diff.lines[1].message).toBe(
			'Line 2 (ASIN B07TEE0002): 30 eaches -> 0 eaches (cancelled)',
		);
		expect(diff.currentChangedDate).toBe('2026-03-11T08:00:00Z');
	});

	it('is empty when Amazon re-sends the same PO (our own acknowledgement is not a change)', () => {
		const resent = normalisePurchaseOrder({ ...rawPo(BASE), purchaseOrderState: 'Acknowledged' });
		const fromNew = normalisePurchaseOrder({ ...rawPo(BASE), purchaseOrderState: 'New' });
		expect(diffPurchaseOrders(previous, resent)).toMatchObject({
			isEmpty: true,
			lines: [],
			header: [],
		});
		expect(diffPurchaseOrders(fromNew, resent).isEmpty).toBe(true);
		// "1" and "00001" are the same line; "2.5" and "2.50" the same cost.
		const padded = normalisePurchaseOrder(
			rawPo([{ ...BASE[0], seq: '00001', cost: '2.5' }, BASE[1], BASE[2]]),
		);
		expect(diffPurchaseOrders(previous, padded).isEmpty).toBe(true);
	});

	it('finds cost, window, ship-to, type and removed-line changes', () => {
		const other = normalisePurchaseOrder(
			rawPo([BASE[0], { ...BASE[2], cost: '1.40' }], {
				shipWindow: '2026-03-17T07:00:00Z--2026-03-22T07:00:00Z',
				shipToParty: { partyId: 'WXYZ' },
				purchaseOrderType: 'RushOrder',
			}),
		);
		const diff = diffPurchaseOrders(previous, other);
		expect(diff.lines.map((l) => [l.itemSequenceNumber, l.kinds])).toEqual([
			['3', ['costChanged']],
			['2', ['removed']],
		]);
		expect(diff.lines[0].message).toBe('Line 3 (ASIN B07CAP0003): net cost 1.50 USD -> 1.40 USD');
		expect(diff.header.map((h) => h.field)).toEqual([
			'purchaseOrderType',
			'shipWindow',
			'shipToParty',
		]);
		expect(diff.header[1].message).toBe(
			'shipWindow: 2026-03-15T07:00:00Z--2026-03-20T07:00:00Z -> 2026-03-17T07:00:00Z--2026-03-22T07:00:00Z',
		);
		expect(diff.header[2].message).toBe('shipToParty: ABCD -> WXYZ');
	});

	it('refuses two different POs', () => {
		expect(() =>
			diffPurchaseOrders(previous, { ...current, purchaseOrderNumber: 'OTHER' }),
		).toThrow('PO OTHER');
	});
});

describe('evaluateChangeOrder: change before picking', () => {
	const result = applied(
		evaluateChangeOrder({ previous, current, platformOrder: platform(), mapping }, OPTIONS),
	);

	it('carries a platform-neutral plan per SKU in eaches', () => {
		const plan = result.plan;
		expect(
			plan.skus.map((s) => [s.sku, s.action, s.platformOrdered, s.targetEaches, s.deltaEaches]),
		).toEqual([
			['SKU-MUG', 'setQuantity', 120, 96, -24],
			['SKU-TEE', 'remove', 30, 0, -30],
			['SKU-HAT', 'add', 0, 12, 12],
		]);
		expect(plan.setQuantities).toEqual([
			{ sku: 'SKU-MUG', eaches: 96, restock: true, lineItemId: 'gid://shopify/LineItem/9001' },
			{ sku: 'SKU-TEE', eaches: 0, restock: true, lineItemId: 'gid://shopify/LineItem/9002' },
		]);
		expect(plan.removals).toEqual([
			{ sku: 'SKU-TEE', previousEaches: 30, lineItemId: 'gid://shopify/LineItem/9002' },
		]);
		expect(plan.additions).toEqual([{ sku: 'SKU-HAT', eaches: 12, itemSequenceNumbers: ['4'] }]);
		expect(plan.warnings).toEqual([]);
	});

	it('gives the new order value in exact decimals', () => {
		// before: 120 x 2.50 + 30 x 4.00 + 20 x 1.50 = 450.00; after: 96 x 2.50 + 20 x 1.50 + 12 x 3.00 = 306.00
		expect(result.plan.orderValue).toEqual({
			currencyCode: 'USD',
			previous: '450.00',
			current: '306.00',
			difference: '-144.00',
			excludedLines: [],
		});
	});

	it('re-acknowledges the changed lines only, validated against the model', () => {
		const re = result.reacknowledgement!;
		// Line 2 was cancelled to 0: it leaves the order and is not acknowledged.
		expect(re.lines).toEqual(['1', '4']);
		expect(result.warnings).toContain(
			'Line 2 cancelled by Amazon (quantity 0): not re-acknowledged',
		);
		expect(SubmitAcknowledgementRequestSchema.safeParse(re.request).success).toBe(true);
		const items = re.acknowledgement.items;
		expect(items[0]).toMatchObject({
			itemSequenceNumber: '1',
			orderedQuantity: { amount: 8, unitOfMeasure: 'Cases', unitSize: 12 },
			netCost: { currencyCode: 'USD', amount: '2.50' },
			itemAcknowledgements: [
				{
					acknowledgementCode: 'Accepted',
					acknowledgedQuantity: { amount: 8, unitOfMeasure: 'Cases', unitSize: 12 },
					scheduledShipDate: '2026-03-15T07:00:00Z',
				},
			],
		});
		expect(items[1].itemAcknowledgements[0]).toMatchObject({
			acknowledgementCode: 'Accepted',
			acknowledgedQuantity: { amount: 12 },
		});
		expect(re.acknowledgement.acknowledgementDate).toBe('2026-03-11T10:00:00Z');
		expect(re.timing).toMatchObject({
			withinChangeWindow: true,
			reacknowledgeBy: '2026-03-13T08:00:00Z',
		});
	});

	it('re-acknowledges the full order on request', () => {
		const full = applied(
			evaluateChangeOrder(
				{ previous, current, platformOrder: platform(), mapping },
				{ ...OPTIONS, reacknowledge: 'fullOrder' },
			),
		);
		expect(full.reacknowledgement!.lines).toEqual(['1', '3', '4']);
	});
});

describe('evaluateChangeOrder: change after picking', () => {
	it('is blocked with every reason, the diff and a suggested action, and no plan', () => {
		const picking = platform({
			status: 'IN_PROGRESS',
			lines: [
				{
					sku: 'SKU-MUG',
					ordered: 120,
					fulfilled: 0,
					inProgress: 108,
					lineItemId: 'gid://shopify/LineItem/9001',
				},
				{
					sku: 'SKU-TEE',
					ordered: 30,
					fulfilled: 12,
					inProgress: 0,
					lineItemId: 'gid://shopify/LineItem/9002',
				},
				{ sku: 'SKU-CAP', ordered: 20, lineItemId: 'gid://shopify/LineItem/9003' },
			],
		});
		const result = blocked(
			evaluateChangeOrder({ previous, current, platformOrder: picking, mapping }, OPTIONS),
		);
		expect(result.reasons.map((r) => [r.code, r.sku])).toEqual([
			['ORDER_IN_FULFILMENT', undefined],
			['LINE_FULFILLED_BEYOND_NEW_QUANTITY', 'SKU-MUG'],
			['LINE_FULFILLED_BEYOND_NEW_QUANTITY', 'SKU-TEE'],
		]);
		expect(result.reasons[1]).toMatchObject({
			message:
				'SKU "SKU-MUG" (PO line 1): 0 eaches fulfilled and 108 in progress, more than the new quantity of 96',
			details: {
				fulfilled: 0,
				inProgress: 108,
				newEaches: 96,
				platformOrdered: 120,
				previousEaches: 120,
			},
		});
		expect(result.reasons[0].message).toContain('#1042 is in fulfilment (status IN_PROGRESS)');
		expect(result.diff.lines).toHaveLength(3);
		expect(result.suggestedAction).toContain('overage chargebacks');
		expect(result).not.toHaveProperty('plan');
		expect(result).not.toHaveProperty('reacknowledgement');
	});

	it('blocks on a line picked beyond the new quantity even when the status says nothing', () => {
		const result = blocked(
			evaluateChangeOrder(
				{
					previous,
					current,
					platformOrder: platform({
						lines: [
							{ sku: 'SKU-MUG', ordered: 120, inProgress: 100 },
							{ sku: 'SKU-TEE', ordered: 30 },
							{ sku: 'SKU-CAP', ordered: 20 },
						],
					}),
					mapping,
				},
				OPTIONS,
			),
		);
		expect(result.reasons.map((r) => r.code)).toEqual(['LINE_FULFILLED_BEYOND_NEW_QUANTITY']);
	});

	it("uses Magento's processing-with-shipments and complete, and the operator's own list", () => {
		const magento = (status: string, hasShipments: boolean) =>
			evaluateChangeOrder(
				{ previous, current, platformOrder: platform({ status, hasShipments }), mapping },
				OPTIONS,
			).route;
		expect(magento('processing', true)).toBe('blocked');
		expect(magento('processing', false)).toBe('apply');
		expect(magento('complete', false)).toBe('blocked');
		expect(DEFAULT_IN_FULFILMENT_STATUSES).toEqual([
			'IN_PROGRESS',
			'PARTIALLY_FULFILLED',
			'FULFILLED',
			'ON_HOLD',
			'complete',
		]);
		const custom = evaluateChangeOrder(
			{ previous, current, platformOrder: platform({ status: ['OPEN', 'Picking'] }), mapping },
			{ ...OPTIONS, inFulfilmentStatuses: ['picking'] },
		);
		expect(custom.route).toBe('blocked');
		expect(
			evaluateChangeOrder(
				{ previous, current, platformOrder: platform({ status: 'ON_HOLD' }), mapping },
				{ ...OPTIONS, inFulfilmentStatuses: ['FULFILLED'] },
			).route,
		).toBe('apply');
	});
});

describe('evaluateChangeOrder: other cases', () => {
	it('No Change when the diff is empty', () => {
		const result = evaluateChangeOrder(
			{
				previous,
				current: normalisePurchaseOrder(rawPo(BASE)),
				platformOrder: platform({ status: 'FULFILLED' }),
				mapping,
			},
			OPTIONS,
		);
		expect(result.route).toBe('noChange');
		expect(result.diff.isEmpty).toBe(true);
	});

	it('cancel to 0 of the whole PO empties the platform lines', () => {
		const cancelled = changed(BASE.map((i) => ({ ...i, amount: 0 })));
		const result = applied(
			evaluateChangeOrder(
				{ previous, current: cancelled, platformOrder: platform(), mapping },
				OPTIONS,
			),
		);
		expect(result.plan.skus.map((s) => [s.sku, s.action, s.targetEaches])).toEqual([
			['SKU-MUG', 'remove', 0],
			['SKU-TEE', 'remove', 0],
			['SKU-CAP', 'remove', 0],
		]);
		expect(result.plan.orderValue).toMatchObject({ current: '0.00', difference: '-450.00' });
		// Every line cancelled: nothing to acknowledge.
		expect(result.reacknowledgement).toBeUndefined();
		expect(result.warnings).toContain(
			'Lines 1, 2, 3 cancelled by Amazon (quantity 0): not re-acknowledged',
		);
	});

	it('keeps previously rejected units rejected when Amazon raises a line', () => {
		const previousAcknowledgement: OrderAcknowledgement = {
			purchaseOrderNumber: 'TESTPO01',
			sellingParty: { partyId: 'VNDR1' },
			acknowledgementDate: '2026-03-09T12:00:00Z',
			items: [
				{
					itemSequenceNumber: '1',
					orderedQuantity: { amount: 10, unitOfMeasure: 'Cases', unitSize: 12 },
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Accepted',
							acknowledgedQuantity: { amount: 6, unitOfMeasure: 'Cases', unitSize: 12 },
						},
						{
							acknowledgementCode: 'Rejected',
							acknowledgedQuantity: { amount: 4, unitOfMeasure: 'Cases', unitSize: 12 },
							rejectionReason: 'TemporarilyUnavailable',
						},
					],
				},
				{
					itemSequenceNumber: '2',
					orderedQuantity: { amount: 30, unitOfMeasure: 'Eaches' },
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Accepted',
							acknowledgedQuantity: { amount: 30, unitOfMeasure: 'Eaches' },
						},
					],
				},
				{
					itemSequenceNumber: '3',
					orderedQuantity: { amount: 20, unitOfMeasure: 'Eaches' },
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Rejected',
							acknowledgedQuantity: { amount: 20, unitOfMeasure: 'Eaches' },
							rejectionReason: 'ObsoleteProduct',
						},
					],
				},
			],
		};
		const raised = changed([{ ...BASE[0], amount: 12 }, BASE[1], { ...BASE[2], amount: 25 }]);
		const platformNow = platform({
			lines: [
				{ sku: 'SKU-MUG', ordered: 72, lineItemId: 'gid://shopify/LineItem/9001' },
				{ sku: 'SKU-TEE', ordered: 30, lineItemId: 'gid://shopify/LineItem/9002' },
			],
		});
		const result = applied(
			evaluateChangeOrder(
				{ previous, current: raised, platformOrder: platformNow, mapping, previousAcknowledgement },
				OPTIONS,
			),
		);
		expect(
			result.plan.lines
				.slice(0, 3)
				.map((l) => [l.itemSequenceNumber, l.accepted, l.rejected, l.rejectionReason]),
		).toEqual([
			['1', 8, 4, 'TemporarilyUnavailable'],
			['2', 30, 0, undefined],
			['3', 0, 25, 'ObsoleteProduct'],
		]);
		expect(result.plan.skus.map((s) => [s.sku, s.action, s.targetEaches])).toEqual([
			['SKU-MUG', 'setQuantity', 96],
			['SKU-CAP', 'unchanged', 0],
		]);
		expect(
			result.reacknowledgement!.acknowledgement.items.map((i) =>
				i.itemAcknowledgements.map(
					(l) => `${l.acknowledgementCode} ${l.acknowledgedQuantity.amount}`,
				),
			),
		).toEqual([['Accepted 8', 'Rejected 4'], ['Rejected 25']]);
		// With increases rejected, line 1 keeps its 6 cases.
		const strict = applied(
			evaluateChangeOrder(
				{ previous, current: raised, platformOrder: platformNow, mapping, previousAcknowledgement },
				{ ...OPTIONS, increases: 'reject' },
			),
		);
		expect(strict.plan.skus[0]).toMatchObject({
			sku: 'SKU-MUG',
			action: 'unchanged',
			targetEaches: 72,
		});
	});

	it('blocks a changed line whose mapping now fails (price outside the agreed cost)', () => {
		const priced = createMappingIndex([
			{ asin: 'B07MUG0001', sku: 'SKU-MUG', casePack: 12 },
			{ asin: 'B07TEE0002', sku: 'SKU-TEE' },
			{ asin: 'B07CAP0003', sku: 'SKU-CAP', expectedUnitCost: '1.50' },
		]);
		const cheaper = changed([BASE[0], BASE[1], { ...BASE[2], cost: '1.40' }]);
		const result = blocked(
			evaluateChangeOrder(
				{ previous, current: cheaper, platformOrder: platform(), mapping: priced },
				OPTIONS,
			),
		);
		expect(result.reasons).toEqual([
			expect.objectContaining({
				code: 'MAPPING_EXCEPTION',
				itemSequenceNumber: '3',
				details: { mappingCode: 'priceMismatch' },
			}),
		]);
		const allowed = applied(
			evaluateChangeOrder(
				{ previous, current: cheaper, platformOrder: platform(), mapping: priced },
				{ ...OPTIONS, blockOnMappingExceptions: false },
			),
		);
		// Without the block the line is rejected with the mapping's reason: the SKU comes off the order.
		expect(allowed.plan.skus).toEqual([
			expect.objectContaining({ sku: 'SKU-CAP', action: 'remove', targetEaches: 0 }),
		]);
		expect(
			allowed.reacknowledgement!.acknowledgement.items[0].itemAcknowledgements[0],
		).toMatchObject({ acknowledgementCode: 'Rejected', rejectionReason: 'TemporarilyUnavailable' });
	});

	it('does not block the cancellation of a line the mapping never knew', () => {
		const partial = createMappingIndex([
			{ asin: 'B07MUG0001', sku: 'SKU-MUG', casePack: 12 },
			{ asin: 'B07TEE0002', sku: 'SKU-TEE' },
		]);
		const result = applied(
			evaluateChangeOrder(
				{
					previous,
					current: changed([BASE[0], BASE[1], { ...BASE[2], amount: 0 }]),
					platformOrder: platform(),
					mapping: partial,
				},
				OPTIONS,
			),
		);
		expect(result.plan.skus).toEqual([]);
		expect(result.reacknowledgement).toBeUndefined();
	});

	it('re-acknowledges a cost change with the new cost, and every accepted line when the window moves', () => {
		const result = applied(
			evaluateChangeOrder(
				{
					previous,
					current: changed([BASE[0], BASE[1], { ...BASE[2], cost: '1.40' }]),
					platformOrder: platform(),
					mapping,
				},
				OPTIONS,
			),
		);
		expect(result.plan.skus).toEqual([
			expect.objectContaining({ sku: 'SKU-CAP', action: 'unchanged', targetEaches: 20 }),
		]);
		expect(result.reacknowledgement!.acknowledgement.items).toEqual([
			expect.objectContaining({
				itemSequenceNumber: '3',
				netCost: { currencyCode: 'USD', amount: '1.40' },
			}),
		]);
		expect(result.plan.orderValue.difference).toBe('-2.00');

		const moved = applied(
			evaluateChangeOrder(
				{
					previous,
					current: changed(BASE, { shipWindow: '2026-03-18T07:00:00Z--2026-03-22T07:00:00Z' }),
					platformOrder: platform(),
					mapping,
				},
				OPTIONS,
			),
		);
		expect(moved.plan.skus).toEqual([]);
		expect(moved.plan.headerUpdates.map((h) => h.field)).toEqual(['shipWindow']);
		expect(moved.reacknowledgement!.lines).toEqual(['1', '2', '3']);
		expect(
			moved.reacknowledgement!.acknowledgement.items[0].itemAcknowledgements[0].scheduledShipDate,
		).toBe('2026-03-18T07:00:00Z');

		const shipTo = applied(
			evaluateChangeOrder(
				{
					previous,
					current: changed(BASE, { shipToParty: { partyId: 'WXYZ' } }),
					platformOrder: platform(),
					mapping,
				},
				OPTIONS,
			),
		);
		expect(shipTo.reacknowledgement).toBeUndefined();
		expect(shipTo.plan.headerUpdates[0]).toMatchObject({
			field: 'shipToParty',
			previous: { partyId: 'ABCD' },
			current: { partyId: 'WXYZ' },
		});
	});

	it('takes removed lines and replaced products off the order', () => {
		const swapped = changed([BASE[0], { ...BASE[2], asin: 'B07HAT0004' }]);
		const diff = diffPurchaseOrders(previous, swapped);
		expect(diff.lines.map((l) => [l.itemSequenceNumber, l.kinds])).toEqual([
			['3', ['productChanged']],
			['2', ['removed']],
		]);
		const result = applied(
			evaluateChangeOrder(
				{ previous, current: swapped, platformOrder: platform(), mapping },
				OPTIONS,
			),
		);
		expect(result.plan.skus.map((s) => [s.sku, s.action, s.targetEaches])).toEqual([
			['SKU-HAT', 'add', 20],
			['SKU-CAP', 'remove', 0],
			['SKU-TEE', 'remove', 0],
		]);
		expect(
			result.plan.lines
				.filter((l) => l.change === 'removed')
				.map((l) => [l.itemSequenceNumber, l.sku]),
		).toEqual([
			['3', 'SKU-CAP'],
			['2', 'SKU-TEE'],
		]);
		expect(result.reacknowledgement!.lines).toEqual(['3']);
	});

	it('blocks a PO Amazon closed, and a SKU on two platform lines', () => {
		const closed = normalisePurchaseOrder({
			...rawPo(BASE.map((i) => ({ ...i, amount: 0 }))),
			purchaseOrderState: 'Closed',
		});
		expect(
			blocked(
				evaluateChangeOrder(
					{ previous, current: closed, platformOrder: platform(), mapping },
					OPTIONS,
				),
			).reasons.map((r) => r.code),
		).toEqual(['PURCHASE_ORDER_CLOSED']);
		const twice = platform({ lines: [...platform().lines, { sku: 'SKU-MUG', ordered: 12 }] });
		expect(
			blocked(
				evaluateChangeOrder({ previous, current, platformOrder: twice, mapping }, OPTIONS),
			).reasons.map((r) => r.code),
		).toEqual(['DUPLICATE_PLATFORM_SKU']);
	});

	it('warns when the platform order was edited outside the workflow', () => {
		const plan = buildEditPlan(
			diffPurchaseOrders(previous, current),
			previous,
			current,
			mapping,
			platform({
				lines: [
					{ sku: 'SKU-MUG', ordered: 100 },
					{ sku: 'SKU-TEE', ordered: 30 },
				],
			}),
		);
		expect(plan.warnings).toEqual([
			'SKU "SKU-MUG": the platform order has 100 eaches, the previous PO version 120: ' +
				'the platform order was changed outside the workflow (the plan sets 96)',
		]);
		expect(guardChange(plan, platform()).blocked).toBe(false);
	});
});

describe('Shopify orderEdit sequence', () => {
	const result = applied(
		evaluateChangeOrder({ previous, current, platformOrder: platform(), mapping }, OPTIONS),
	);

	it('builds orderEditBegin / SetQuantity / AddVariant / Commit variables keyed by SKU and line item', () => {
		const seq = toShopifyOrderEditSequence(result.plan, platform(), {
			variantIds: { 'SKU-HAT': 'gid://shopify/ProductVariant/7004' },
		});
		expect(seq.ok).toBe(true);
		expect(seq.begin).toMatchObject({
			mutation: 'orderEditBegin',
			variables: { id: 'gid://shopify/Order/5001' },
		});
		expect(
			seq.steps.map((s) => ({ mutation: s.mutation, sku: s.sku, variables: s.variables })),
		).toEqual([
			{
				mutation: 'orderEditSetQuantity',
				sku: 'SKU-MUG',
				variables: {
					id: CALCULATED_ORDER_ID_PLACEHOLDER,
					lineItemId: 'gid://shopify/CalculatedLineItem/9001',
					quantity: 96,
					restock: true,
				},
			},
			{
				mutation: 'orderEditSetQuantity',
				sku: 'SKU-TEE',
				variables: {
					id: CALCULATED_ORDER_ID_PLACEHOLDER,
					lineItemId: 'gid://shopify/CalculatedLineItem/9002',
					quantity: 0,
					restock: true,
				},
			},
			{
				mutation: 'orderEditAddVariant',
				sku: 'SKU-HAT',
				variables: {
					id: CALCULATED_ORDER_ID_PLACEHOLDER,
					variantId: 'gid://shopify/ProductVariant/7004',
					quantity: 12,
					allowDuplicates: false,
				},
			},
		]);
		expect(seq.steps[0]).toMatchObject({ orderLineItemId: 'gid://shopify/LineItem/9001' });
		expect(seq.commit.variables).toEqual({
			id: CALCULATED_ORDER_ID_PLACEHOLDER,
			notifyCustomer: false,
			staffNote: 'Amazon PO TESTPO01 change applied by n8n',
		});

		const bound = bindCalculatedOrderId(seq, 'gid://shopify/CalculatedOrder/777');
		expect(bound.steps.every((s) => s.variables.id === 'gid://shopify/CalculatedOrder/777')).toBe(
			true,
		);
		expect(bound.commit.variables.id).toBe('gid://shopify/CalculatedOrder/777');
		expect(seq.steps[0].variables.id).toBe(CALCULATED_ORDER_ID_PLACEHOLDER);
	});

	it('says what is missing instead of building a partial sequence', () => {
		const seq = toShopifyOrderEditSequence(result.plan, platform());
		expect(seq.ok).toBe(false);
		expect(seq.problems).toEqual([
			'SKU "SKU-HAT" must be added but has no variant id: give it in variantIds',
		]);
		expect(() => calculatedLineItemId('gid://shopify/Order/1')).toThrow(
			'Not a Shopify line item id',
		);
		expect(calculatedLineItemId('9001')).toBe('gid://shopify/CalculatedLineItem/9001');
	});

	it('uses the argument names of Shopify Admin GraphQL 2026-04', () => {
		const sdl = gunzipSync(
			readFileSync(join(__dirname, '../../schemas/shopify/admin-2026-04.schema.graphql.gz')),
		).toString('utf8');
		const argsOf = (mutation: string): string[] => {
			const start = sdl.indexOf(`\n  ${mutation}(`);
			expect(start).toBeGreaterThan(0);
			const body = sdl.slice(start, sdl.indexOf('\n  ):', start));
			return [...body.matchAll(/^ {4}([a-zA-Z]+):/gm)].map((m) => m[1]);
		};
		const seq = toShopifyOrderEditSequence(result.plan, platform(), {
			variantIds: { 'SKU-HAT': '7004' },
		});
		expect(
			Object.keys(seq.begin.variables).every((k) => argsOf('orderEditBegin').includes(k)),
		).toBe(true);
		for (const step of seq.steps)
			expect(argsOf(step.mutation)).toEqual(expect.arrayContaining(Object.keys(step.variables)));
		expect(argsOf('orderEditCommit')).toEqual(
			expect.arrayContaining(Object.keys(seq.commit.variables)),
		);
		for (const [name, doc] of Object.entries(SHOPIFY_ORDER_EDIT_MUTATIONS)) {
			for (const arg of [...doc.matchAll(/\$([a-zA-Z]+):/g)].map((m) => m[1]))
				expect(argsOf(name)).toContain(arg);
		}
		expect(seq.steps[2].variables).toMatchObject({
			variantId: 'gid://shopify/ProductVariant/7004',
		});
	});
});

describe('parsePlatformOrder', () => {
	it('reads JSON from a node input', () => {
		expect(
			parsePlatformOrder({
				id: 5001,
				statuses: ['IN_PROGRESS'],
				hasShipments: false,
				lines: [
					{ sku: ' SKU-MUG ', quantity: '120', fulfilled: '0', id: 'gid://shopify/LineItem/9001' },
				],
			}),
		).toEqual({
			id: '5001',
			status: ['IN_PROGRESS'],
			hasShipments: false,
			lines: [
				{
					sku: 'SKU-MUG',
					ordered: 120,
					fulfilled: 0,
					inProgress: 0,
					lineItemId: 'gid://shopify/LineItem/9001',
				},
			],
		});
		expect(() =>
			parsePlatformOrder({
				lines: [
					{ sku: '', ordered: 1 },
					{ sku: 'A', ordered: -1 },
				],
			}),
		).toThrow(
			'lines[0].sku is required; lines[1].ordered must be a whole number of 0 or more (got -1)',
		);
	});
});
