/**
 * Fulfillment orders, holds and fulfillments: the `fulfillmentOrder(s)` and `fulfillment` queries,
 * `fulfillmentOrderHold`, `fulfillmentOrderReleaseHold` and `fulfillmentCreate`, plus the
 * fulfilling itself (shared with the warehouse actions of the control API).
 *
 * Shopify's semantics kept here:
 * - a fulfillment order is fulfillable only while OPEN or IN_PROGRESS; an ON_HOLD, CLOSED,
 *   CANCELLED, SCHEDULED or INCOMPLETE one answers "Fulfillment order <id> has an unfulfillable
 *   status= on_hold." (the status in lower case);
 * - fulfilling part of a fulfillment order leaves it IN_PROGRESS, fulfilling the rest CLOSES it;
 *   the fulfilled units leave `committed` (and so `on_hand`) at the fulfillment order's location;
 * - a hold puts the fulfillment order ON_HOLD (an app may hold it several times, at most 10
 *   holds, each `handle` once); holding only some line items splits the fulfillment order: the
 *   held quantities stay ON_HOLD and the rest moves to a new OPEN one (`remainingFulfillmentOrder`);
 * - releasing the last hold returns the fulfillment order to the status it had before the hold.
 */
import { fieldError } from './errors';
import { lookupId } from './products';
import {
	idOf,
	type CartonRecord,
	type FulfillmentHoldRecord,
	type FulfillmentOrderLineItemRecord,
	type FulfillmentOrderRecord,
	type FulfillmentRecord,
	type OrderRecord,
	type ShopState,
	type TrackingRecord,
} from './state';
import {
	fulfillmentOrderConnection,
	fulfillmentOrderView,
	fulfillmentView,
	holdView,
	userError,
	type ConnectionArgs,
	type Ctx,
	type Obj,
	type Resolver,
} from './views';

export const FULFILLABLE_STATUSES = ['OPEN', 'IN_PROGRESS'];
const HOLDABLE_STATUSES = ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'SCHEDULED'];
const MAX_HOLDS = 10;

export interface FulfilSelection {
	fo: FulfillmentOrderRecord;
	lines: Array<{ foli: FulfillmentOrderLineItemRecord; quantity: number }>;
}

/** "Fulfillment order 9654869229874 has an unfulfillable status= closed." or undefined. */
export function unfulfillable(fo: FulfillmentOrderRecord): string | undefined {
	if (FULFILLABLE_STATUSES.includes(fo.status)) return undefined;
	return `Fulfillment order ${fo.id} has an unfulfillable status= ${fo.status.toLowerCase()}.`;
}

/**
 * Records a fulfillment of already validated quantities: fulfillment-order quantities go down,
 * committed units leave the location, fulfillment orders close or go IN_PROGRESS.
 */
export function fulfil(
	shop: ShopState,
	order: OrderRecord,
	selections: FulfilSelection[],
	opts: {
		tracking: TrackingRecord[];
		notifyCustomer: boolean;
		origin: FulfillmentRecord['origin'];
		cartons?: CartonRecord[];
	},
): FulfillmentRecord {
	const now = shop.now();
	const fulfillment: FulfillmentRecord = {
		id: shop.nextId(),
		orderId: order.id,
		name: `${order.name}-F${order.fulfillmentIds.length + 1}`,
		status: 'SUCCESS',
		displayStatus: 'FULFILLED',
		locationId: selections[0].fo.locationId,
		trackingInfo: opts.tracking,
		lineItems: [],
		notifyCustomer: opts.notifyCustomer,
		cartons: opts.cartons ?? [],
		origin: opts.origin,
		createdAt: now,
		updatedAt: now,
	};
	for (const { fo, lines } of selections) {
		for (const { foli, quantity } of lines) {
			if (quantity <= 0) continue;
			foli.remainingQuantity -= quantity;
			const line = shop.lineItem(order, foli.lineItemId);
			if (line) shop.release(line, fo.locationId, quantity, 'fulfilled');
			const existing = fulfillment.lineItems.find(
				(l) => l.lineItemId === foli.lineItemId && l.fulfillmentOrderId === fo.id,
			);
			if (existing) existing.quantity += quantity;
			else
				fulfillment.lineItems.push({
					id: shop.nextId(),
					lineItemId: foli.lineItemId,
					quantity,
					fulfillmentOrderId: fo.id,
				});
		}
		const remaining = fo.lineItems.reduce((n, l) => n + l.remainingQuantity, 0);
		if (remaining > 0) {
			fo.status = 'IN_PROGRESS';
			fo.updatedAt = now;
		} else shop.settleFulfillmentOrder(fo);
	}
	shop.fulfillments.set(fulfillment.id, fulfillment);
	order.fulfillmentIds.push(fulfillment.id);
	shop.touchOrder(order);
	return fulfillment;
}

/** Tracking entries from FulfillmentTrackingInput ({number, url, company} or {numbers, urls, company}). */
export function trackingFrom(
	input:
		| {
				number?: string | null;
				url?: string | null;
				company?: string | null;
				numbers?: string[] | null;
				urls?: string[] | null;
		  }
		| null
		| undefined,
): TrackingRecord[] {
	if (!input) return [];
	const company = input.company ?? null;
	if (input.numbers?.length || input.urls?.length) {
		const numbers = input.numbers ?? [];
		const urls = input.urls ?? [];
		return Array.from({ length: Math.max(numbers.length, urls.length) }, (_, i) => ({
			company,
			number: numbers[i] ?? null,
			url: urls[i] ?? null,
		}));
	}
	if (!input.number && !input.url && !company) return [];
	return [{ company, number: input.number ?? null, url: input.url ?? null }];
}

function holdPayload(errors: Obj[]): Obj {
	return {
		fulfillmentHold: null,
		fulfillmentOrder: null,
		remainingFulfillmentOrder: null,
		userErrors: errors,
	};
}

interface HoldInput {
	reason: string;
	reasonNotes?: string | null;
	notifyMerchant?: boolean | null;
	externalId?: string | null;
	handle?: string | null;
	fulfillmentOrderLineItems?: Array<{ id: string; quantity: number }> | null;
}

interface FulfillmentInput {
	trackingInfo?: Parameters<typeof trackingFrom>[0];
	notifyCustomer?: boolean | null;
	lineItemsByFulfillmentOrder: Array<{
		fulfillmentOrderId: string;
		fulfillmentOrderLineItems?: Array<{ id: string; quantity: number }> | null;
	}>;
	originAddress?: unknown;
}

export const fulfillmentQueries: Record<string, Resolver> = {
	fulfillmentOrder: (args: { id: string }, ctx) => {
		const fo = ctx.shop.fulfillmentOrders.get(lookupId(args.id, 'FulfillmentOrder') ?? -1);
		return fo ? fulfillmentOrderView(ctx, fo) : null;
	},
	fulfillmentOrders: (
		args: ConnectionArgs & { includeClosed?: boolean; query?: string | null },
		ctx,
	) => {
		let list = [...ctx.shop.fulfillmentOrders.values()];
		if (!args.includeClosed)
			list = list.filter((fo) => fo.status !== 'CLOSED' && fo.status !== 'CANCELLED');
		return fulfillmentOrderConnection(ctx, list, args);
	},
	fulfillment: (args: { id: string }, ctx) => {
		const f = ctx.shop.fulfillments.get(lookupId(args.id, 'Fulfillment') ?? -1);
		return f ? fulfillmentView(ctx, f) : null;
	},
};

/** A hold of the same handle, or one hold too many. */
function holdSlotErrors(fo: FulfillmentOrderRecord, input: HoldInput, errors: Obj[]): void {
	const handle = input.handle ?? '';
	if (fo.holds.some((h) => (h.handle ?? '') === handle)) {
		errors.push(
			userError(
				['fulfillmentHold', 'handle'],
				'The handle provided for the fulfillment hold is already in use by this app ' +
					'for another hold on this fulfillment order.',
				'DUPLICATE_FULFILLMENT_HOLD_HANDLE',
			),
		);
	}
	if (fo.holds.length >= MAX_HOLDS) {
		errors.push(
			userError(
				['id'],
				'The maximum number of fulfillment holds for this fulfillment order has been reached ' +
					`for this app. An app can only have up to ${MAX_HOLDS} holds on a single ` +
					'fulfillment order at any one time.',
				'FULFILLMENT_ORDER_HOLD_LIMIT_REACHED',
			),
		);
	}
}

/** The quantity to hold of each requested fulfillment order line item. */
function heldQuantities(
	fo: FulfillmentOrderRecord,
	requested: NonNullable<HoldInput['fulfillmentOrderLineItems']>,
	errors: Obj[],
): Map<number, number> {
	const held = new Map<number, number>();
	requested.forEach((r, i) => {
		const path = ['fulfillmentHold', 'fulfillmentOrderLineItems', String(i)];
		const foli = fo.lineItems.find((l) => l.id === idOf(r.id, 'FulfillmentOrderLineItem'));
		if (!foli) {
			errors.push(
				userError(
					[...path, 'id'],
					'The fulfillment order line item does not belong to this fulfillment order.',
					'INVALID_LINE_ITEM_QUANTITY',
				),
			);
			return;
		}
		if (held.has(foli.id)) {
			errors.push(
				userError(
					['fulfillmentHold', 'fulfillmentOrderLineItems'],
					'The fulfillment order line items must be unique.',
					'DUPLICATED_FULFILLMENT_ORDER_LINE_ITEMS',
				),
			);
			return;
		}
		if (r.quantity <= 0)
			errors.push(
				userError(
					[...path, 'quantity'],
					'The fulfillment order line item quantity must be greater than 0.',
					'GREATER_THAN_ZERO',
				),
			);
		else if (r.quantity > foli.remainingQuantity)
			errors.push(
				userError(
					[...path, 'quantity'],
					'The fulfillment order line item quantity is invalid.',
					'INVALID_LINE_ITEM_QUANTITY',
				),
			);
		held.set(foli.id, r.quantity);
	});
	return held;
}

/** What is not held moves to a new open fulfillment order, which is returned. */
function splitOffUnheld(
	shop: ShopState,
	order: OrderRecord,
	fo: FulfillmentOrderRecord,
	held: Map<number, number>,
): FulfillmentOrderRecord {
	const remainingFo = shop.newFulfillmentOrder(order, fo.locationId, 'OPEN');
	for (const foli of fo.lineItems) {
		const move = foli.remainingQuantity - (held.get(foli.id) ?? 0);
		if (move <= 0) continue;
		remainingFo.lineItems.push({
			id: shop.nextId(),
			lineItemId: foli.lineItemId,
			totalQuantity: move,
			remainingQuantity: move,
		});
		foli.totalQuantity -= move;
		foli.remainingQuantity -= move;
	}
	fo.lineItems = fo.lineItems.filter((l) => l.totalQuantity > 0);
	return remainingFo;
}

function putOnHold(
	shop: ShopState,
	fo: FulfillmentOrderRecord,
	input: HoldInput,
): FulfillmentHoldRecord {
	const hold: FulfillmentHoldRecord = {
		id: shop.nextId(),
		reason: input.reason,
		reasonNotes: input.reasonNotes ?? null,
		handle: input.handle ?? null,
		externalId: input.externalId ?? null,
		notifyMerchant: input.notifyMerchant ?? false,
		createdAt: shop.now(),
	};
	fo.holds.push(hold);
	if (fo.status !== 'ON_HOLD') {
		fo.statusBeforeHold = fo.status;
		fo.status = 'ON_HOLD';
	}
	fo.updatedAt = shop.now();
	return hold;
}

function fulfillmentOrderHold(args: { id: string; fulfillmentHold: HoldInput }, ctx: Ctx): Obj {
	const shop = ctx.shop;
	const fo = shop.fulfillmentOrders.get(lookupId(args.id, 'FulfillmentOrder') ?? -1);
	if (!fo)
		return holdPayload([
			userError(['id'], 'Fulfillment order not found.', 'FULFILLMENT_ORDER_NOT_FOUND'),
		]);
	const input = args.fulfillmentHold;
	if (!HOLDABLE_STATUSES.includes(fo.status)) {
		const status = fo.status.toLowerCase();
		return holdPayload([
			userError(
				['id'],
				`Fulfillment order ${fo.id} can't be put on hold: its status is ${status}.`,
			),
		]);
	}
	const errors: Obj[] = [];
	holdSlotErrors(fo, input, errors);
	const requested = input.fulfillmentOrderLineItems ?? [];
	const held = heldQuantities(fo, requested, errors);
	const split =
		requested.length > 0 && fo.lineItems.some((l) => l.remainingQuantity > (held.get(l.id) ?? 0));
	if (split && fo.status === 'ON_HOLD' && !errors.length) {
		errors.push(
			userError(
				['id'],
				'The fulfillment order could not be split: it is already on hold.',
				'FULFILLMENT_ORDER_NOT_SPLITTABLE',
			),
		);
	}
	if (errors.length) return holdPayload(errors);

	const order = shop.orderOfFulfillmentOrder(fo);
	const remainingFo = split ? splitOffUnheld(shop, order, fo, held) : undefined;
	const hold = putOnHold(shop, fo, input);
	shop.touchOrder(order);
	return {
		fulfillmentHold: holdView(hold),
		fulfillmentOrder: fulfillmentOrderView(ctx, fo),
		remainingFulfillmentOrder: remainingFo ? fulfillmentOrderView(ctx, remainingFo) : null,
		userErrors: [],
	};
}

export const fulfillmentMutations: Record<string, Resolver> = {
	fulfillmentOrderHold,

	fulfillmentOrderReleaseHold: (
		args: { id: string; holdIds?: string[] | null; externalId?: string | null },
		ctx,
	) => {
		const shop = ctx.shop;
		const fo = shop.fulfillmentOrders.get(lookupId(args.id, 'FulfillmentOrder') ?? -1);
		const fail = (e: Obj) => ({ fulfillmentOrder: null, userErrors: [e] });
		if (!fo)
			return fail(userError(['id'], 'Fulfillment order not found.', 'FULFILLMENT_ORDER_NOT_FOUND'));
		if (fo.status !== 'ON_HOLD')
			return fail(userError(['id'], `Fulfillment order ${fo.id} is not on hold.`));
		let release = fo.holds;
		if (args.holdIds?.length) {
			const ids = args.holdIds.map((h) => idOf(h, 'FulfillmentHold'));
			release = fo.holds.filter((h) => ids.includes(h.id));
			if (!release.length)
				return fail(
					userError(['holdIds'], 'None of the fulfillment holds belong to this fulfillment order.'),
				);
		}
		fo.holds = fo.holds.filter((h) => !release.includes(h));
		if (!fo.holds.length) {
			fo.status = fo.statusBeforeHold ?? 'OPEN';
			fo.statusBeforeHold = null;
		}
		fo.updatedAt = shop.now();
		shop.touchOrder(shop.orderOfFulfillmentOrder(fo));
		return { fulfillmentOrder: fulfillmentOrderView(ctx, fo), userErrors: [] };
	},

	fulfillmentCreate: (args: { fulfillment: FulfillmentInput; message?: string | null }, ctx) => {
		const shop = ctx.shop;
		const input = args.fulfillment;
		const fail = (e: Obj) => ({ fulfillment: null, userErrors: [e] });
		const groups = input.lineItemsByFulfillmentOrder;
		if (!groups.length)
			return fail(
				userError(
					['fulfillment', 'lineItemsByFulfillmentOrder'],
					"Line items by fulfillment order can't be blank.",
				),
			);
		const selections: FulfilSelection[] = [];
		let order: OrderRecord | undefined;
		for (const [gi, group] of groups.entries()) {
			const n = idOf(group.fulfillmentOrderId, 'FulfillmentOrder');
			if (!n) throw fieldError('invalid id', 'RESOURCE_NOT_FOUND');
			const fo = shop.fulfillmentOrders.get(n);
			if (!fo) return fail(userError(['fulfillment'], `Fulfillment order ${n} does not exist.`));
			const foOrder = shop.orderOfFulfillmentOrder(fo);
			if (order && foOrder.id !== order.id)
				return fail(
					userError(['fulfillment'], 'All fulfillment orders must belong to the same order.'),
				);
			order = foOrder;
			if (selections.some((s) => s.fo.locationId !== fo.locationId))
				return fail(
					userError(
						['fulfillment'],
						'All fulfillment orders must be assigned to the same location.',
					),
				);
			const why = unfulfillable(fo);
			if (why) return fail(userError(['fulfillment'], why));
			const lines: FulfilSelection['lines'] = [];
			if (!group.fulfillmentOrderLineItems?.length) {
				for (const foli of fo.lineItems)
					if (foli.remainingQuantity > 0) lines.push({ foli, quantity: foli.remainingQuantity });
			} else {
				for (const [li, r] of group.fulfillmentOrderLineItems.entries()) {
					const foli = fo.lineItems.find((l) => l.id === idOf(r.id, 'FulfillmentOrderLineItem'));
					if (r.quantity <= 0) {
						return fail(
							userError(
								[
									'fulfillment',
									'lineItemsByFulfillmentOrder',
									String(gi),
									'fulfillmentOrderLineItems',
									String(li),
									'quantity',
								],
								'Quantity must be greater than 0',
							),
						);
					}
					const already = lines.filter((l) => l.foli === foli).reduce((s, l) => s + l.quantity, 0);
					if (!foli || r.quantity + already > foli.remainingQuantity)
						return fail(
							userError(['fulfillment'], 'Invalid fulfillment order line item quantity requested.'),
						);
					lines.push({ foli, quantity: r.quantity });
				}
			}
			if (!lines.length)
				return fail(
					userError(['fulfillment'], 'Invalid fulfillment order line item quantity requested.'),
				);
			selections.push({ fo, lines });
		}
		const fulfillment = fulfil(shop, order as OrderRecord, selections, {
			tracking: trackingFrom(input.trackingInfo),
			notifyCustomer: input.notifyCustomer ?? false,
			origin: 'api',
		});
		return { fulfillment: fulfillmentView(ctx, fulfillment), userErrors: [] };
	},
};
