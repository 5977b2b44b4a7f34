/**
 * Order editing: `orderEditBegin` → `orderEditSetQuantity` / `orderEditAddVariant` →
 * `orderEditCommit`, with Shopify's rule that only unfulfilled quantities can change.
 *
 * - orderEditBegin opens a session (`gid://shopify/CalculatedOrder/<n>`, the same number as
 *   `OrderEditSession/<n>`; either id works in later calls). Calculated line items of existing
 *   lines carry the line item's number (`CalculatedLineItem/<lineItemId>`); added ones get a UUID.
 * - orderEditSetQuantity stages a new quantity: not below 0 ("must be greater than or equal to 0"),
 *   not below the fulfilled quantity, and a fully fulfilled line cannot change at all. 0 removes the
 *   line (it stays with quantity 0); `restock` returns removed committed units to available.
 * - orderEditAddVariant stages a variant (quantity > 0); a variant already on the order needs
 *   `allowDuplicates: true` ("<title> was not added because it's already on the order.").
 * - orderEditCommit checks the staged changes again against the order as it is now (a line
 *   fulfilled meanwhile refuses the commit), then applies them: currentQuantity changes, fulfillment
 *   orders shrink (open ones first, then on hold, then in progress) or grow (a new or open
 *   fulfillment order at the line's location), committed inventory follows, the order is `edited`.
 *   Nothing is applied before the commit; a committed session cannot be used again.
 */
import { randomUUID } from 'node:crypto';
import { sub, sum } from '../amazon/decimal';
import { lookupId } from './products';
import {
	gid,
	idOf,
	isDefaultTitle,
	parseGid,
	type LineItemRecord,
	type OrderEditSessionRecord,
	type OrderRecord,
	type ShopState,
} from './state';
import {
	connection,
	lineTotal,
	moneyBag,
	orderView,
	userError,
	variantView,
	lineItemView,
	type ConnectionArgs,
	type Ctx,
	type Obj,
	type Resolver,
} from './views';

type Added = OrderEditSessionRecord['added'][number];

function sessionOf(shop: ShopState, id: string): OrderEditSessionRecord | undefined {
	const n = lookupId(id, 'CalculatedOrder', 'OrderEditSession');
	const session = n === undefined ? undefined : shop.editSessions.get(n);
	return session && !session.committed ? session : undefined;
}

function orderOf(shop: ShopState, session: OrderEditSessionRecord): OrderRecord {
	return shop.orders.get(session.orderId) as OrderRecord;
}

function stagedQuantity(session: OrderEditSessionRecord, line: LineItemRecord): number {
	return session.quantities.get(line.id)?.quantity ?? line.currentQuantity;
}

function existingLineView(
	ctx: Ctx,
	session: OrderEditSessionRecord,
	order: OrderRecord,
	line: LineItemRecord,
): Obj {
	const shop = ctx.shop;
	const staged = session.quantities.get(line.id);
	const quantity = stagedQuantity(session, line);
	const fulfilled = shop.fulfilledQuantity(order, line);
	const cur = order.currencyCode;
	const variant = line.variantId === null ? undefined : shop.variants.get(line.variantId);
	const changes: Obj[] = [];
	if (staged && staged.quantity > line.currentQuantity)
		changes.push({
			__typename: 'OrderStagedChangeIncrementItem',
			delta: staged.quantity - line.currentQuantity,
			lineItem: () => lineItemView(ctx, order, line),
		});
	if (staged && staged.quantity < line.currentQuantity) {
		changes.push({
			__typename: 'OrderStagedChangeDecrementItem',
			delta: line.currentQuantity - staged.quantity,
			restock: staged.restock,
			lineItem: () => lineItemView(ctx, order, line),
		});
	}
	return {
		__typename: 'CalculatedLineItem',
		id: gid('CalculatedLineItem', line.id),
		title: line.title,
		variantTitle: line.variantTitle,
		sku: line.sku,
		quantity,
		editableQuantity: Math.max(0, quantity - fulfilled),
		editableQuantityBeforeChanges: Math.max(0, line.currentQuantity - fulfilled),
		restockable: line.claims.length > 0,
		restocking: Boolean(staged?.restock && staged.quantity < line.currentQuantity),
		hasStagedLineItemDiscount: false,
		customAttributes: line.customAttributes,
		image: null,
		variant: () => (variant ? variantView(ctx, variant) : null),
		originalUnitPriceSet: moneyBag(line.price, cur),
		discountedUnitPriceSet: moneyBag(line.price, cur),
		editableSubtotalSet: moneyBag(lineTotal(line.price, Math.max(0, quantity - fulfilled)), cur),
		uneditableSubtotalSet: moneyBag(lineTotal(line.price, fulfilled), cur),
		stagedChanges: changes,
		calculatedDiscountAllocations: [],
		discountAllocations: [],
	};
}

function addedLineView(ctx: Ctx, order: OrderRecord, added: Added): Obj {
	const shop = ctx.shop;
	const variant = shop.variants.get(added.variantId);
	if (!variant) throw new Error(`Variant ${added.variantId} of an order edit vanished`);
	const product = shop.productOf(variant);
	const cur = order.currencyCode;
	return {
		__typename: 'CalculatedLineItem',
		id: gid('CalculatedLineItem', added.calcId),
		title: product.title,
		variantTitle: isDefaultTitle(variant.title) ? null : variant.title,
		sku: variant.sku,
		quantity: added.quantity,
		editableQuantity: added.quantity,
		editableQuantityBeforeChanges: 0,
		restockable: false,
		restocking: false,
		hasStagedLineItemDiscount: false,
		customAttributes: [],
		image: null,
		variant: () => variantView(ctx, variant),
		originalUnitPriceSet: moneyBag(variant.price, cur),
		discountedUnitPriceSet: moneyBag(variant.price, cur),
		editableSubtotalSet: moneyBag(lineTotal(variant.price, added.quantity), cur),
		uneditableSubtotalSet: moneyBag('0', cur),
		stagedChanges: [
			{
				__typename: 'OrderStagedChangeAddVariant',
				quantity: added.quantity,
				variant: () => variantView(ctx, variant),
			},
		],
		calculatedDiscountAllocations: [],
		discountAllocations: [],
	};
}

function calculatedOrderView(ctx: Ctx, session: OrderEditSessionRecord): Obj {
	const shop = ctx.shop;
	const order = orderOf(shop, session);
	const cur = order.currencyCode;
	const lines = () =>
		order.lineItems.filter((li) => li.currentQuantity > 0 || session.quantities.has(li.id));
	const total = () =>
		sum([
			...order.lineItems.map((li) => lineTotal(li.price, stagedQuantity(session, li))),
			...session.added.map((a) =>
				lineTotal(shop.variants.get(a.variantId)?.price ?? '0', a.quantity),
			),
		]);
	const originalTotal = () =>
		sum(order.lineItems.map((li) => lineTotal(li.price, li.currentQuantity)));
	const stagedChanges = () => [
		...lines().flatMap((li) => existingLineView(ctx, session, order, li).stagedChanges as Obj[]),
		...session.added.flatMap((a) => addedLineView(ctx, order, a).stagedChanges as Obj[]),
	];
	return {
		__typename: 'CalculatedOrder',
		id: gid('CalculatedOrder', session.id),
		committed: session.committed,
		originalOrder: () => orderView(ctx, order),
		lineItems: (args: ConnectionArgs) =>
			connection(
				lines(),
				args,
				(li) => li.id,
				(li) => existingLineView(ctx, session, order, li),
			),
		addedLineItems: (args: ConnectionArgs) =>
			connection(
				session.added,
				args,
				(a) => a.calcId,
				(a) => addedLineView(ctx, order, a),
			),
		stagedChanges: (args: ConnectionArgs) =>
			connection(
				stagedChanges(),
				args,
				(c) => JSON.stringify([c.__typename, c.delta ?? c.quantity]),
				(c) => c,
			),
		addedDiscountApplications: (args: ConnectionArgs) =>
			connection(
				[],
				args,
				() => 0,
				() => null,
			),
		subtotalLineItemsQuantity: () =>
			order.lineItems.reduce((n, li) => n + stagedQuantity(session, li), 0) +
			session.added.reduce((n, a) => n + a.quantity, 0),
		subtotalPriceSet: () => moneyBag(total(), cur),
		totalPriceSet: () => moneyBag(total(), cur),
		totalOutstandingSet: () => {
			const t = total();
			if (order.financialStatus !== 'PAID') return moneyBag(t, cur);
			return moneyBag(sub(t, originalTotal()), cur);
		},
		cartDiscountAmountSet: null,
		notificationPreviewTitle: `Order ${order.name} edited`,
		notificationPreviewHtml: null,
		shippingLines: [],
		taxLines: [],
	};
}

function sessionView(session: OrderEditSessionRecord): Obj {
	return { __typename: 'OrderEditSession', id: gid('OrderEditSession', session.id) };
}

const MISSING = (): Obj => userError(['id'], 'The calculated order does not exist.');
const CANCELLED = (): Obj => userError(['id'], 'Canceled orders cannot be edited.');

/** Why a staged quantity cannot be applied to the line as it is now (undefined when it can). */
function quantityProblem(
	shop: ShopState,
	order: OrderRecord,
	line: LineItemRecord,
	quantity: number,
): Obj | undefined {
	const fulfilled = shop.fulfilledQuantity(order, line);
	if (quantity === line.currentQuantity) return undefined;
	if (line.currentQuantity > 0 && fulfilled >= line.currentQuantity)
		return userError(['lineItemId'], `${line.title} has been fulfilled and can't be edited.`);
	if (quantity < fulfilled)
		return userError(
			['quantity'],
			`The quantity can't be lower than the fulfilled quantity (${fulfilled}).`,
		);
	return undefined;
}

/** Takes units of a line out of its fulfillment orders (open ones first) and releases their stock. */
function removeUnits(
	shop: ShopState,
	order: OrderRecord,
	line: LineItemRecord,
	units: number,
	restock: boolean,
): void {
	let left = units;
	for (const status of ['OPEN', 'ON_HOLD', 'SCHEDULED', 'IN_PROGRESS']) {
		for (const fo of shop.fulfillmentOrdersOf(order)) {
			if (left <= 0 || fo.status !== status) continue;
			const foli = fo.lineItems.find((l) => l.lineItemId === line.id);
			if (!foli || foli.remainingQuantity <= 0) continue;
			const take = Math.min(left, foli.remainingQuantity);
			foli.remainingQuantity -= take;
			foli.totalQuantity -= take;
			left -= take;
			shop.release(line, fo.locationId, take, restock ? 'restock' : 'drop');
			fo.lineItems = fo.lineItems.filter((l) => l.totalQuantity > 0);
			shop.settleFulfillmentOrder(fo);
		}
	}
}

/** Adds units of a line to a fulfillment order at its location (or the best one) and claims them. */
function addUnits(
	shop: ShopState,
	order: OrderRecord,
	line: LineItemRecord,
	units: number,
	locationId: number | null,
): void {
	const variant = line.variantId === null ? undefined : shop.variants.get(line.variantId);
	const current = shop
		.fulfillmentOrdersOf(order)
		.find(
			(fo) =>
				fo.status !== 'CLOSED' &&
				fo.status !== 'CANCELLED' &&
				fo.lineItems.some((l) => l.lineItemId === line.id),
		);
	const loc = locationId ?? current?.locationId ?? shop.chooseLocation(variant, units).id;
	shop.assignToFulfillmentOrder(order, line, loc, units);
	shop.claim(line, loc, units);
}

export const orderEditMutations: Record<string, Resolver> = {
	orderEditBegin: (args: { id: string }, ctx) => {
		const shop = ctx.shop;
		const fail = (e: Obj) => ({ calculatedOrder: null, orderEditSession: null, userErrors: [e] });
		const order = shop.orders.get(lookupId(args.id, 'Order') ?? -1);
		if (!order) return fail(userError(['id'], 'The order does not exist.'));
		if (order.cancelledAt) return fail(CANCELLED());
		const session: OrderEditSessionRecord = {
			id: shop.nextId(),
			orderId: order.id,
			committed: false,
			createdAt: shop.now(),
			quantities: new Map(),
			added: [],
			nextAddedId: 1,
		};
		shop.editSessions.set(session.id, session);
		return {
			calculatedOrder: calculatedOrderView(ctx, session),
			orderEditSession: sessionView(session),
			userErrors: [],
		};
	},

	orderEditSetQuantity: (
		args: { id: string; lineItemId: string; quantity: number; restock?: boolean | null },
		ctx,
	) => {
		const shop = ctx.shop;
		const fail = (e: Obj) => ({
			calculatedLineItem: null,
			calculatedOrder: null,
			orderEditSession: null,
			userErrors: [e],
		});
		if (args.quantity < 0)
			return fail(userError(['quantity'], 'must be greater than or equal to 0'));
		const session = sessionOf(shop, args.id);
		if (!session) return fail(MISSING());
		const order = orderOf(shop, session);
		const parsed = parseGid(args.lineItemId);
		if (!parsed) return fail(userError(['lineItemId'], 'The line item does not exist.'));
		const line =
			parsed.type === 'CalculatedLineItem' && /^\d+$/.test(parsed.id)
				? shop.lineItem(order, Number(parsed.id))
				: undefined;
		const added =
			parsed.type === 'CalculatedLineItem'
				? session.added.find((a) => a.calcId === parsed.id)
				: undefined;
		if (line) {
			const problem = quantityProblem(shop, order, line, args.quantity);
			if (problem) return fail(problem);
			if (args.quantity === line.currentQuantity) session.quantities.delete(line.id);
			else
				session.quantities.set(line.id, {
					quantity: args.quantity,
					restock: args.restock ?? false,
				});
			return {
				calculatedLineItem: existingLineView(ctx, session, order, line),
				calculatedOrder: calculatedOrderView(ctx, session),
				orderEditSession: sessionView(session),
				userErrors: [],
			};
		}
		if (added) {
			if (args.quantity === 0) session.added = session.added.filter((a) => a !== added);
			else added.quantity = args.quantity;
			return {
				calculatedLineItem: args.quantity === 0 ? null : addedLineView(ctx, order, added),
				calculatedOrder: calculatedOrderView(ctx, session),
				orderEditSession: sessionView(session),
				userErrors: [],
			};
		}
		return fail(userError(['lineItemId'], 'The line item does not exist.'));
	},

	orderEditAddVariant: (
		args: {
			id: string;
			variantId: string;
			locationId?: string | null;
			quantity: number;
			allowDuplicates?: boolean | null;
		},
		ctx,
	) => {
		const shop = ctx.shop;
		const fail = (errors: Obj[]) => ({
			calculatedLineItem: null,
			calculatedOrder: null,
			orderEditSession: null,
			userErrors: errors,
		});
		const session = sessionOf(shop, args.id);
		if (!session) return fail([MISSING()]);
		const errors: Obj[] = [];
		if (args.quantity <= 0) errors.push(userError(['quantity'], 'must be greater than 0'));
		if (args.quantity < 0)
			errors.push(userError(['quantity'], 'must be greater than or equal to 0'));
		if (errors.length) return fail(errors);
		const order = orderOf(shop, session);
		const variant = shop.variants.get(idOf(args.variantId, 'ProductVariant') ?? -1);
		if (!variant) return fail([userError(['variantId'], 'The variant does not exist.')]);
		let locationId: number | null = null;
		if (args.locationId !== undefined && args.locationId !== null) {
			const loc = shop.locations.get(lookupId(args.locationId, 'Location') ?? -1);
			if (!loc) return fail([userError(['locationId'], 'The location does not exist.')]);
			locationId = loc.id;
		}
		const onOrder =
			order.lineItems.some(
				(li) => li.variantId === variant.id && stagedQuantity(session, li) > 0,
			) || session.added.some((a) => a.variantId === variant.id);
		if (onOrder && !args.allowDuplicates) {
			return fail([
				userError(
					['id'],
					`${shop.productOf(variant).title} was not added because it's already on the order.`,
				),
			]);
		}
		const added: Added = {
			calcId: randomUUID(),
			variantId: variant.id,
			quantity: args.quantity,
			locationId,
		};
		session.added.push(added);
		return {
			calculatedLineItem: addedLineView(ctx, order, added),
			calculatedOrder: calculatedOrderView(ctx, session),
			orderEditSession: sessionView(session),
			userErrors: [],
		};
	},

	orderEditCommit: (
		args: { id: string; notifyCustomer?: boolean | null; staffNote?: string | null },
		ctx,
	) => {
		const shop = ctx.shop;
		const fail = (errors: Obj[]) => ({ order: null, successMessages: null, userErrors: errors });
		const session = sessionOf(shop, args.id);
		if (!session) return fail([MISSING()]);
		const order = orderOf(shop, session);
		if (order.cancelledAt) return fail([CANCELLED()]);
		const problems: Obj[] = [];
		for (const [lineId, staged] of session.quantities) {
			const line = shop.lineItem(order, lineId);
			const problem = line ? quantityProblem(shop, order, line, staged.quantity) : undefined;
			if (problem) problems.push(problem);
		}
		if (problems.length) return fail(problems);
		for (const [lineId, staged] of session.quantities) {
			const line = shop.lineItem(order, lineId) as LineItemRecord;
			const delta = staged.quantity - line.currentQuantity;
			if (delta < 0) removeUnits(shop, order, line, -delta, staged.restock);
			if (delta > 0) addUnits(shop, order, line, delta, null);
			line.currentQuantity = staged.quantity;
		}
		for (const a of session.added) {
			const variant = shop.variants.get(a.variantId);
			if (!variant) continue;
			const product = shop.productOf(variant);
			const line: LineItemRecord = {
				id: shop.nextId(),
				variantId: variant.id,
				productId: product.id,
				title: product.title,
				variantTitle: isDefaultTitle(variant.title) ? null : variant.title,
				sku: variant.sku,
				vendor: product.vendor,
				quantity: a.quantity,
				currentQuantity: a.quantity,
				price: variant.price,
				requiresShipping: shop.itemOf(variant).requiresShipping,
				taxable: variant.taxable,
				customAttributes: [],
				claims: [],
			};
			order.lineItems.push(line);
			addUnits(shop, order, line, a.quantity, a.locationId);
		}
		session.committed = true;
		if (session.quantities.size || session.added.length) order.edited = true;
		shop.touchOrder(order);
		return { order: orderView(ctx, order), successMessages: ['Order updated'], userErrors: [] };
	},
};
