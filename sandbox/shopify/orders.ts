/**
 * Orders: `orderCreate`, the `orders`, `ordersCount` and `order` queries, `tagsAdd` /
 * `tagsRemove`, and cancelling (a control action).
 *
 * orderCreate, as Shopify does it:
 * - line items by `variantId` (title, SKU, vendor and price from the variant unless given) or
 *   custom (`title` + `priceSet`); `priceSet.shopMoney.currencyCode` must be the order currency;
 * - `options.inventoryBehaviour` defaults to BYPASS (no inventory claimed). DECREMENT_IGNORING_POLICY
 *   claims the units (available → committed) even into negative stock; DECREMENT_OBEYING_POLICY
 *   refuses with INVENTORY_CLAIM_FAILED when a variant with inventoryPolicy DENY lacks stock;
 * - each line goes to a fulfillment order at the first location (in seed order) with enough
 *   `available`, else the first stocking the item; one fulfillment order per location, OPEN;
 * - `poNumber`, `tags` (trimmed, de-duplicated, sorted as Shopify returns them), `note`, `email`,
 *   `sourceName`, `sourceIdentifier`, `customAttributes`, `shippingAddress`, `metafields` are
 *   stored; `financialStatus` comes from the input or the transactions (PENDING without);
 *   `fulfillmentStatus: FULFILLED` imports the order as already fulfilled.
 * Inputs that would change money the sandbox does not compute (discountCode, shippingLines,
 * taxLines, companyLocationId, fulfillment) answer NOT_SIMULATED rather than being ignored.
 */
import { dec, parseDecimal, sum, cmp, decFromInt } from '../amazon/decimal';
import { invalidGlobalId, notSimulated } from './errors';
import { fulfil } from './fulfillments';
import {
	checkMetafield,
	writeMetafield,
	type MetafieldInput,
	type MetafieldWrite,
} from './metafields';
import { lookupId, reportSearch } from './products';
import { matchesSearch, parseSearch } from './search';
import {
	gid,
	idOf,
	isDefaultTitle,
	normaliseTags,
	parseGid,
	type Address,
	type LineItemRecord,
	type OrderRecord,
	type ShopState,
	type VariantRecord,
} from './state';
import {
	connection,
	lineTotal,
	nodeView,
	orderMetafieldValues,
	orderSearchFields,
	orderView,
	userError,
	type ConnectionArgs,
	type Ctx,
	type Obj,
	type Resolver,
} from './views';

type InventoryBehaviour = OrderRecord['inventoryBehaviour'];

interface MoneyInput {
	amount: string;
	currencyCode: string;
}

export interface OrderCreateLineItemInput {
	variantId?: string | null;
	title?: string | null;
	variantTitle?: string | null;
	sku?: string | null;
	vendor?: string | null;
	quantity: number;
	priceSet?: { shopMoney: MoneyInput; presentmentMoney?: MoneyInput | null } | null;
	requiresShipping?: boolean | null;
	taxable?: boolean | null;
	giftCard?: boolean | null;
	properties?: Array<{ name: string; value: string }> | null;
	[other: string]: unknown;
}

export interface OrderCreateInput {
	lineItems?: OrderCreateLineItemInput[] | null;
	poNumber?: string | null;
	tags?: string[] | null;
	note?: string | null;
	email?: string | null;
	phone?: string | null;
	name?: string | null;
	sourceName?: string | null;
	sourceIdentifier?: string | null;
	currency?: string | null;
	test?: boolean | null;
	processedAt?: string | null;
	closedAt?: string | null;
	financialStatus?: string | null;
	fulfillmentStatus?: string | null;
	customAttributes?: Array<{ key: string; value?: string | null }> | null;
	shippingAddress?: Record<string, unknown> | null;
	billingAddress?: Record<string, unknown> | null;
	metafields?: MetafieldInput[] | null;
	transactions?: Array<{
		kind?: string | null;
		status?: string | null;
		amountSet?: { shopMoney?: MoneyInput } | null;
	}> | null;
	[other: string]: unknown;
}

export interface OrderCreateOptions {
	inventoryBehaviour?: InventoryBehaviour | null;
}

function address(input: Record<string, unknown> | null | undefined): Address | null {
	if (!input) return null;
	const s = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : null);
	return {
		firstName: s('firstName'),
		lastName: s('lastName'),
		company: s('company'),
		address1: s('address1'),
		address2: s('address2'),
		city: s('city'),
		province: s('province'),
		provinceCode: s('provinceCode'),
		zip: s('zip'),
		country: s('country'),
		countryCode: s('countryCode'),
		phone: s('phone'),
	};
}

interface PreparedLine {
	variant?: VariantRecord;
	quantity: number;
	price: string;
	title: string;
	variantTitle: string | null;
	sku: string | null;
	vendor: string | null;
	requiresShipping: boolean;
	taxable: boolean;
	customAttributes: Array<{ key: string; value: string | null }>;
	locationId?: number;
}

/** orderCreate inputs the sandbox does not simulate: a notSimulated error. */
function refuseUnsimulated(input: OrderCreateInput): void {
	for (const [key, what] of [
		['discountCode', 'orderCreate with a discountCode'],
		['companyLocationId', 'orderCreate with a companyLocationId (B2B)'],
		['fulfillment', 'orderCreate with fulfillment (pickup/shipping details)'],
	] as const) {
		if (input[key] !== undefined && input[key] !== null) throw notSimulated(what);
	}
	for (const key of ['shippingLines', 'taxLines'] as const) {
		const list = input[key];
		if (Array.isArray(list) && list.length) throw notSimulated(`orderCreate with ${key}`);
	}
	if (input.fulfillmentStatus && input.fulfillmentStatus !== 'FULFILLED')
		throw notSimulated(`orderCreate with fulfillmentStatus ${input.fulfillmentStatus}`);
}

/** The unit price of a line: its priceSet, else its variant's price; errors when neither is valid. */
function linePrice(
	l: OrderCreateLineItemInput,
	variant: VariantRecord | undefined,
	currency: string,
	path: string[],
	errors: Obj[],
): string | undefined {
	const money = l.priceSet?.shopMoney;
	if (money) {
		if (money.currencyCode !== currency)
			errors.push(
				userError(
					[...path, 'priceSet', 'shopMoney', 'currencyCode'],
					`Currency ${money.currencyCode} does not match the order currency ${currency}.`,
					'INVALID',
				),
			);
		const d = parseDecimal(money.amount);
		if (!d || d.units < BigInt(0)) {
			errors.push(
				userError(
					[...path, 'priceSet', 'shopMoney', 'amount'],
					'Amount must be a decimal number greater than or equal to 0.',
					'INVALID',
				),
			);
			return undefined;
		}
		return money.amount;
	}
	if (variant) return variant.price;
	errors.push(
		userError([...path, 'priceSet'], "Price can't be blank for a custom line item.", 'INVALID'),
	);
	return undefined;
}

/** One line of the input checked and completed from its variant; undefined when it names none. */
function prepareLine(
	shop: ShopState,
	l: OrderCreateLineItemInput,
	i: number,
	currency: string,
	errors: Obj[],
): PreparedLine | undefined {
	const path = ['order', 'lineItems', String(i)];
	if (l.giftCard) throw notSimulated('orderCreate with gift card line items');
	let variant: VariantRecord | undefined;
	if (l.variantId !== undefined && l.variantId !== null) {
		if (!parseGid(l.variantId)) throw invalidGlobalId(l.variantId);
		variant = shop.variants.get(idOf(l.variantId, 'ProductVariant') ?? -1);
		if (!variant) {
			errors.push(userError([...path, 'variantId'], 'Variant does not exist.', 'INVALID'));
			return undefined;
		}
	} else if (!l.title) {
		errors.push(userError([...path, 'title'], "Title can't be blank.", 'INVALID'));
		return undefined;
	}
	if (l.quantity < 1)
		errors.push(
			userError([...path, 'quantity'], 'Quantity must be greater than or equal to 1.', 'INVALID'),
		);
	const price = linePrice(l, variant, currency, path, errors);
	const product = variant ? shop.productOf(variant) : undefined;
	const item = variant ? shop.itemOf(variant) : undefined;
	return {
		variant,
		quantity: l.quantity,
		price: price ?? '0',
		title: product?.title ?? (l.title as string),
		variantTitle:
			l.variantTitle ?? (variant && !isDefaultTitle(variant.title) ? variant.title : null),
		sku: l.sku ?? variant?.sku ?? null,
		vendor: l.vendor ?? product?.vendor ?? null,
		requiresShipping: l.requiresShipping ?? item?.requiresShipping ?? true,
		taxable: l.taxable ?? variant?.taxable ?? true,
		customAttributes: (l.properties ?? []).map((p) => ({ key: p.name, value: p.value })),
	};
}

function checkProcessedAt(shop: ShopState, input: OrderCreateInput, errors: Obj[]): void {
	const now = shop.clock.nowMs();
	if (input.processedAt !== undefined && input.processedAt !== null) {
		const t = Date.parse(input.processedAt);
		if (!Number.isFinite(t) || t > now)
			errors.push(
				userError(
					['order', 'processedAt'],
					'Processed at must be a date in the past.',
					'PROCESSED_AT_INVALID',
				),
			);
	}
}

function checkOrderMetafields(
	shop: ShopState,
	input: OrderCreateInput,
	errors: Obj[],
): MetafieldWrite[] {
	const metafieldWrites: MetafieldWrite[] = [];
	(input.metafields ?? []).forEach((m, i) => {
		const metafieldErrors: Obj[] = [];
		const w = checkMetafield(shop, m, ['order', 'metafields', String(i)], null, metafieldErrors);
		// OrderCreateUserErrorCode has none of the metafield codes: Shopify reports them as INVALID.
		errors.push(...metafieldErrors.map((e) => ({ ...e, code: 'INVALID' })));
		if (w) metafieldWrites.push(w);
	});
	return metafieldWrites;
}

/** Where each line goes, and whether its inventory can be claimed. */
function placeLines(
	shop: ShopState,
	prepared: PreparedLine[],
	behaviour: InventoryBehaviour,
	errors: Obj[],
): void {
	const pending = new Map<string, number>();
	prepared.forEach((line, i) => {
		const loc = shop.chooseLocation(line.variant, line.quantity);
		line.locationId = loc.id;
		if (!line.variant || behaviour === 'BYPASS') return;
		const item = shop.itemOf(line.variant);
		if (!item.tracked) return;
		const key = `${item.id}/${loc.id}`;
		const taken = pending.get(key) ?? 0;
		pending.set(key, taken + line.quantity);
		const available = (shop.level(item, loc.id)?.quantities.available ?? 0) - taken;
		if (
			behaviour === 'DECREMENT_OBEYING_POLICY' &&
			line.variant.inventoryPolicy === 'DENY' &&
			available < line.quantity
		) {
			errors.push(
				userError(
					['order', 'lineItems', String(i)],
					`Unable to claim inventory for ${line.sku ?? line.title}: ` +
						`${Math.max(0, available)} available at ${loc.name}, ${line.quantity} requested.`,
					'INVENTORY_CLAIM_FAILED',
				),
			);
		}
	});
}

function newOrderRecord(
	shop: ShopState,
	input: OrderCreateInput,
	currency: string,
	behaviour: InventoryBehaviour,
	created: string,
): OrderRecord {
	const number = shop.nextOrderNumber();
	return {
		id: shop.nextId(),
		number,
		name: input.name ?? `#${number}`,
		email: input.email ?? null,
		phone: input.phone ?? null,
		note: input.note ?? null,
		poNumber: input.poNumber ?? null,
		sourceName: input.sourceName ?? 'api',
		sourceIdentifier: input.sourceIdentifier ?? null,
		tags: normaliseTags(input.tags ?? []),
		currencyCode: currency,
		test: input.test ?? false,
		financialStatus: 'PENDING',
		customAttributes: (input.customAttributes ?? []).map((a) => ({
			key: a.key,
			value: a.value ?? null,
		})),
		shippingAddress: address(input.shippingAddress),
		billingAddress: address(input.billingAddress),
		inventoryBehaviour: behaviour,
		lineItems: [],
		fulfillmentOrderIds: [],
		fulfillmentIds: [],
		edited: false,
		closed: Boolean(input.closedAt),
		closedAt: input.closedAt ?? null,
		cancelledAt: null,
		cancelReason: null,
		createdAt: created,
		processedAt: input.processedAt ?? created,
		updatedAt: created,
	};
}

/** The order's line items, each in a fulfillment order and, unless bypassed, claiming stock. */
function addLineItems(
	shop: ShopState,
	order: OrderRecord,
	prepared: PreparedLine[],
	behaviour: InventoryBehaviour,
): void {
	for (const p of prepared) {
		const line: LineItemRecord = {
			id: shop.nextId(),
			variantId: p.variant?.id ?? null,
			productId: p.variant?.productId ?? null,
			title: p.title,
			variantTitle: p.variantTitle,
			sku: p.sku,
			vendor: p.vendor,
			quantity: p.quantity,
			currentQuantity: p.quantity,
			price: p.price,
			requiresShipping: p.requiresShipping,
			taxable: p.taxable,
			customAttributes: p.customAttributes,
			claims: [],
		};
		order.lineItems.push(line);
		shop.assignToFulfillmentOrder(order, line, p.locationId as number, p.quantity);
		if (behaviour !== 'BYPASS') shop.claim(line, p.locationId as number, p.quantity);
	}
}

/** Every fulfillment order of the order fulfilled in full (fulfillmentStatus FULFILLED). */
function fulfilAll(shop: ShopState, order: OrderRecord): void {
	const fos = shop.fulfillmentOrdersOf(order);
	for (const fo of fos) {
		fulfil(
			shop,
			order,
			[{ fo, lines: fo.lineItems.map((foli) => ({ foli, quantity: foli.remainingQuantity })) }],
			{ tracking: [], notifyCustomer: false, origin: 'api' },
		);
	}
}

/**
 * Creates an order from orderCreate's input (seeds use it too). Returns the order, or the
 * userErrors (paths under ["order", …]) with nothing changed.
 */
export function createOrder(
	shop: ShopState,
	input: OrderCreateInput,
	options: OrderCreateOptions = {},
	extra: { createdAt?: string } = {},
): { order?: OrderRecord; userErrors: Obj[] } {
	refuseUnsimulated(input);
	const errors: Obj[] = [];
	const currency = input.currency ?? shop.shop.currencyCode;
	const behaviour: InventoryBehaviour = options.inventoryBehaviour ?? 'BYPASS';
	const lines = input.lineItems ?? [];
	if (!lines.length)
		errors.push(
			userError(
				['order', 'lineItems'],
				'Line items must contain at least one line item.',
				'INVALID',
			),
		);
	const prepared: PreparedLine[] = [];
	lines.forEach((l, i) => {
		const line = prepareLine(shop, l, i, currency, errors);
		if (line) prepared.push(line);
	});
	checkProcessedAt(shop, input, errors);
	const metafieldWrites = checkOrderMetafields(shop, input, errors);
	if (!errors.length) placeLines(shop, prepared, behaviour, errors);
	if (errors.length) return { userErrors: errors };

	const created = extra.createdAt ?? shop.now();
	const order = newOrderRecord(shop, input, currency, behaviour, created);
	shop.orders.set(order.id, order);
	addLineItems(shop, order, prepared, behaviour);
	for (const w of metafieldWrites) writeMetafield(shop, { ...w, ownerId: gid('Order', order.id) });
	order.financialStatus = input.financialStatus ?? financialStatusFrom(input, order);
	if (input.fulfillmentStatus === 'FULFILLED') fulfilAll(shop, order);
	order.updatedAt = created;
	return { order, userErrors: [] };
}

function financialStatusFrom(input: OrderCreateInput, order: OrderRecord): string {
	const total = sum(order.lineItems.map((li) => lineTotal(li.price, li.quantity)));
	let paid = decFromInt(0);
	let authorized = false;
	for (const t of input.transactions ?? []) {
		if ((t.status ?? 'SUCCESS') !== 'SUCCESS') continue;
		const amountText = t.amountSet?.shopMoney?.amount;
		const amount = amountText ? parseDecimal(amountText) : undefined;
		if (!amount) continue;
		if (t.kind === 'AUTHORIZATION') authorized = true;
		else if (!t.kind || t.kind === 'SALE' || t.kind === 'CAPTURE') paid = sum([paid, amount]);
	}
	if (cmp(paid, total) >= 0 && cmp(total, dec('0')) > 0) return 'PAID';
	if (cmp(paid, dec('0')) > 0) return 'PARTIALLY_PAID';
	return authorized ? 'AUTHORIZED' : 'PENDING';
}

/**
 * Cancels an order (warehouse/merchant action): unfulfilled units are removed (currentQuantity
 * drops to the fulfilled quantity), their committed stock goes back to available (`restock`) or
 * is written off, open fulfillment orders close. Returns why it cannot, if it cannot.
 */
export function cancelOrder(
	shop: ShopState,
	order: OrderRecord,
	opts: { reason: string; restock: boolean; staffNote?: string | null },
): string | undefined {
	if (order.cancelledAt) return `Order ${order.name} is already cancelled.`;
	if (order.lineItems.some((li) => shop.fulfilledQuantity(order, li) > 0))
		return (
			`Order ${order.name} has fulfilled items: cancel its fulfillments first ` +
			`(Shopify refuses to cancel fulfilled or partially fulfilled orders).`
		);
	for (const line of order.lineItems) {
		for (const claim of [...line.claims])
			shop.release(line, claim.locationId, claim.quantity, opts.restock ? 'restock' : 'drop');
		line.currentQuantity = shop.fulfilledQuantity(order, line);
	}
	for (const fo of shop.fulfillmentOrdersOf(order)) {
		if (fo.status === 'CLOSED' || fo.status === 'CANCELLED') continue;
		fo.status = 'CLOSED';
		fo.holds = [];
		fo.statusBeforeHold = null;
		fo.updatedAt = shop.now();
	}
	order.cancelledAt = shop.now();
	order.cancelReason = opts.reason;
	if (opts.staffNote) order.note = order.note ? `${order.note}\n${opts.staffNote}` : opts.staffNote;
	shop.touchOrder(order);
	return undefined;
}

function ordersMatching(
	ctx: Ctx,
	info: Parameters<Resolver>[2],
	query: string | null | undefined,
): OrderRecord[] {
	const shop = ctx.shop;
	const all = shop.orderList();
	if (!query) return all;
	const fields = orderSearchFields(shop);
	const parsed = parseSearch(query, fields, (field) => /^metafields\.[^.]+\..+$/.test(field));
	reportSearch(ctx, info, query, parsed.warnings);
	return all.filter((o) =>
		matchesSearch(parsed, o, fields, (field, order) => orderMetafieldValues(shop, order, field)),
	);
}

const ORDER_SORT: Record<string, (o: OrderRecord) => string | number> = {
	PROCESSED_AT: (o) => `${o.processedAt}/${String(o.id).padStart(16, '0')}`,
	CREATED_AT: (o) => `${o.createdAt}/${String(o.id).padStart(16, '0')}`,
	UPDATED_AT: (o) => `${o.updatedAt}/${String(o.id).padStart(16, '0')}`,
	ID: (o) => o.id,
	ORDER_NUMBER: (o) => o.number,
};

function tagTarget(
	ctx: Ctx,
	id: string,
): { tags: string[]; set: (tags: string[]) => void; typeName: string } | undefined {
	const parsed = parseGid(id);
	if (!parsed) throw invalidGlobalId(id);
	const shop = ctx.shop;
	if (parsed.type === 'Order') {
		const o = shop.orders.get(Number(parsed.id));
		return o
			? { tags: o.tags, typeName: 'Order', set: (t) => ((o.tags = t), shop.touchOrder(o)) }
			: undefined;
	}
	if (parsed.type === 'Product') {
		const p = shop.products.get(Number(parsed.id));
		return p
			? {
					tags: p.tags,
					typeName: 'Product',
					set: (t) => ((p.tags = t), (p.updatedAt = shop.now())),
				}
			: undefined;
	}
	throw notSimulated(`Tags on ${parsed.type}`);
}

function tagsChange(ctx: Ctx, args: { id: string; tags: string[] }, add: boolean): Obj {
	const target = tagTarget(ctx, args.id);
	if (!target)
		return {
			node: null,
			userErrors: [userError(['id'], `${parseGid(args.id)?.type ?? 'Resource'} does not exist`)],
		};
	const given = normaliseTags(args.tags);
	if (add) target.set(normaliseTags([...target.tags, ...given]));
	else {
		const drop = new Set(given.map((t) => t.toLowerCase()));
		target.set(target.tags.filter((t) => !drop.has(t.toLowerCase())));
	}
	return { node: nodeView(ctx, args.id), userErrors: [] };
}

export const orderQueries: Record<string, Resolver> = {
	orders: (
		args: ConnectionArgs & {
			query?: string | null;
			sortKey?: string;
			savedSearchId?: string | null;
		},
		ctx,
		info,
	) => {
		if (args.savedSearchId) throw notSimulated('orders(savedSearchId:)');
		const key = args.sortKey ?? 'PROCESSED_AT';
		const get = ORDER_SORT[key];
		if (!get)
			throw notSimulated(
				`Sorting orders by ${key}`,
				`Simulated sort keys: ${Object.keys(ORDER_SORT).join(', ')}.`,
			);
		const list = ordersMatching(ctx, info, args.query).sort((a, b) => {
			const x = get(a);
			const y = get(b);
			return x < y ? -1 : x > y ? 1 : 0;
		});
		return connection(
			list,
			args,
			(o) => o.id,
			(o) => orderView(ctx, o),
		);
	},
	ordersCount: (args: { query?: string | null; limit?: number | null }, ctx, info) => {
		const n = ordersMatching(ctx, info, args.query).length;
		const limit = args.limit ?? null;
		return limit !== null && n > limit
			? { count: limit, precision: 'AT_LEAST' }
			: { count: n, precision: 'EXACT' };
	},
	order: (args: { id: string }, ctx) => {
		const o = ctx.shop.orders.get(lookupId(args.id, 'Order') ?? -1);
		return o ? orderView(ctx, o) : null;
	},
};

export const orderMutations: Record<string, Resolver> = {
	orderCreate: (
		args: {
			order: OrderCreateInput;
			options?:
				| (OrderCreateOptions & { sendReceipt?: boolean; sendFulfillmentReceipt?: boolean })
				| null;
		},
		ctx,
	) => {
		const result = createOrder(ctx.shop, args.order, args.options ?? {});
		return {
			order: result.order ? orderView(ctx, result.order) : null,
			userErrors: result.userErrors,
		};
	},
	tagsAdd: (args: { id: string; tags: string[] }, ctx) => tagsChange(ctx, args, true),
	tagsRemove: (args: { id: string; tags: string[] }, ctx) => tagsChange(ctx, args, false),
};
