/**
 * The Magento REST operations the sandbox serves, each under /rest/V1/… and /rest/<store>/V1/….
 * Paths, parameters and bodies are Adobe's (admin-schema-2.4.9); see README.md for the list.
 */
import { randomBytes } from 'node:crypto';
import type { Route } from '../http/router';
import {
	addCartItem,
	assignCustomer,
	cartItemOut,
	cartOut,
	cartTotals,
	createCustomerCart,
	createEmptyCart,
	customerOut,
	findActiveCart,
	findCustomer,
	paymentMethodsOut,
	placeOrder,
	removeCartItem,
	selectPaymentMethod,
	setBillingAddress,
	setShippingInformation,
	updateCartItem,
} from './carts';
import { MagentoError, noSuchEntity, productNotFound } from './errors';
import {
	deleteSourceItems,
	getProductSalableQty,
	saveSourceItems,
	searchSourceItems,
	sourceOut,
	stockOut,
} from './inventory';
import { magentoOperation, otherMethodRoutes, type MagentoContext } from './operation';
import {
	defaultGroup,
	deleteTierPrices,
	findGroup,
	getTierPrices,
	groupOut,
	productTierPricesOut,
	replaceTierPrices,
	searchGroups,
	updateTierPrices,
} from './prices';
import {
	addOrderComment,
	cancelOrder,
	findOrder,
	historyOut,
	holdOrder,
	invoiceOrder,
	orderOut,
	searchOrders,
	unholdOrder,
} from './orders';
import { applySearchCriteria } from './searchCriteria';
import { findShipment, searchShipments, shipmentOut, shipOrder } from './shipments';
import { magentoDate, sourceItemKey, type MagentoData } from './state';

const ADMIN_TOKEN_HOURS = 4;

function productOut(data: MagentoData, sku: string): Record<string, unknown> {
	const p = data.products.get(sku);
	if (!p) throw productNotFound();
	// The legacy stock item mirrors the "default" source (MSI keeps them in sync).
	const qty = data.sourceItems.get(sourceItemKey(sku, 'default'))?.quantity ?? 0;
	return {
		id: p.id,
		sku: p.sku,
		name: p.name,
		attribute_set_id: 4,
		price: p.price,
		status: p.status,
		visibility: 4,
		type_id: p.typeId,
		created_at: magentoDate(p.createdAt),
		updated_at: magentoDate(p.updatedAt),
		weight: p.weight,
		extension_attributes: {
			website_ids: [1],
			category_links: [],
			stock_item: {
				item_id: p.id,
				product_id: p.id,
				stock_id: 1,
				qty,
				is_in_stock: qty > p.minQty,
				is_qty_decimal: false,
				manage_stock: true,
				min_qty: p.minQty,
				backorders: 0,
			},
		},
		product_links: [],
		options: [],
		media_gallery_entries: [],
		tier_prices: productTierPricesOut(data, p),
		custom_attributes: [],
	};
}

/** Scalar columns of sales_order, from Adobe's sales-data-order-interface. */
function orderColumns(ctx: MagentoContext): string[] {
	const def = ctx.schema.doc.definitions['sales-data-order-interface'] as {
		properties: Record<string, { type?: string }>;
	};
	return Object.entries(def.properties)
		.filter(([, v]) => v.type && v.type !== 'array' && v.type !== 'object')
		.map(([k]) => k);
}

/** The store and integration operations: modules and the admin token. */
function storeRoutes(ctx: MagentoContext): Route[] {
	const clock = ctx.clock;
	return [
		...magentoOperation(
			ctx,
			{ method: 'GET', path: '/V1/modules', resource: 'Magento_Backend::admin' },
			({ data }) => data.modules,
		),
		...magentoOperation(
			ctx,
			{
				method: 'POST',
				path: '/V1/integration/admin/token',
				resource: 'anonymous',
				anonymous: true,
			},
			({ data, body }) => {
				const admin = data.admins.find(
					(a) => a.username === body.username && a.password === body.password,
				);
				if (!admin) {
					throw new MagentoError(
						401,
						'The account sign-in was incorrect or your account is disabled temporarily. ' +
							'Please wait and try again later.',
					);
				}
				const token = randomBytes(16).toString('hex');
				data.adminTokens.push({
					token,
					username: admin.username,
					expiresAtMs: clock.nowMs() + ADMIN_TOKEN_HOURS * 3600_000,
				});
				return token;
			},
		),
	];
}

/** Customers and products (read). */
function catalogRoutes(ctx: MagentoContext): Route[] {
	return [
		...magentoOperation(
			ctx,
			{ method: 'GET', path: '/V1/customers/{customerId}', resource: 'Magento_Customer::customer' },
			({ data, params }) => customerOut(data, findCustomer(data, params.customerId)),
		),
		...magentoOperation(
			ctx,
			{ method: 'GET', path: '/V1/products/{sku}', resource: 'Magento_Catalog::products' },
			({ data, params }) => productOut(data, params.sku),
		),
	];
}

/** Customer groups. */
function groupRoutes(ctx: MagentoContext): Route[] {
	return [
		...magentoOperation(
			ctx,
			{ method: 'GET', path: '/V1/customerGroups/{id}', resource: 'Magento_Customer::group' },
			({ data, params }) => groupOut(findGroup(data, params.id)),
		),
		...magentoOperation(
			ctx,
			{
				method: 'GET',
				path: '/V1/customerGroups/search',
				resource: 'Magento_Customer::group',
				searchCriteria: true,
			},
			({ data, criteria }) => searchGroups(data, criteria),
		),
		...magentoOperation(
			ctx,
			{ method: 'GET', path: '/V1/customerGroups/default', resource: 'Magento_Customer::group' },
			({ data, store }) => groupOut(defaultGroup(data, store.id)),
		),
		...magentoOperation(
			ctx,
			{
				method: 'GET',
				path: '/V1/customerGroups/default/{storeId}',
				resource: 'Magento_Customer::group',
			},
			({ data, params }) => groupOut(defaultGroup(data, params.storeId)),
		),
	];
}

/** Tier prices (catalogTierPriceStorageV1). */
function tierPriceRoutes(ctx: MagentoContext): Route[] {
	return [
		...magentoOperation(
			ctx,
			{ method: 'POST', path: '/V1/products/tier-prices', resource: 'Magento_Catalog::catalog' },
			({ data, body }) => updateTierPrices(data, body.prices),
		),
		...magentoOperation(
			ctx,
			{ method: 'PUT', path: '/V1/products/tier-prices', resource: 'Magento_Catalog::catalog' },
			({ data, body }) => replaceTierPrices(data, body.prices),
		),
		...magentoOperation(
			ctx,
			{
				method: 'POST',
				path: '/V1/products/tier-prices-information',
				resource: 'Magento_Catalog::catalog',
			},
			({ data, body }) => getTierPrices(data, body.skus),
		),
		...magentoOperation(
			ctx,
			{
				method: 'POST',
				path: '/V1/products/tier-prices-delete',
				resource: 'Magento_Catalog::catalog',
			},
			({ data, body }) => deleteTierPrices(data, body.prices),
		),
	];
}

/** Carts: creation, reading and items. */
function cartRoutes(ctx: MagentoContext): Route[] {
	const clock = ctx.clock;
	return [
		...magentoOperation(
			ctx,
			{ method: 'POST', path: '/V1/carts/', resource: 'Magento_Cart::manage' },
			({ data, store }) => createEmptyCart(data, clock, store.id),
		),
		...magentoOperation(
			ctx,
			{
				method: 'POST',
				path: '/V1/customers/{customerId}/carts',
				resource: 'Magento_Cart::manage',
			},
			({ data, store, params }) => createCustomerCart(data, clock, params.customerId, store.id),
		),
		...magentoOperation(
			ctx,
			{ method: 'GET', path: '/V1/carts/{cartId}', resource: 'Magento_Cart::manage' },
			({ data, params }) => cartOut(data, findActiveCart(data, params.cartId)),
		),
		...magentoOperation(
			ctx,
			{ method: 'PUT', path: '/V1/carts/{cartId}', resource: 'Magento_Cart::manage' },
			({ data, params, body }) =>
				assignCustomer(data, clock, params.cartId, body.customerId, body.storeId),
		),
		...magentoOperation(
			ctx,
			{ method: 'GET', path: '/V1/carts/{cartId}/items', resource: 'Magento_Cart::manage' },
			({ data, params }) => {
				const cart = findActiveCart(data, params.cartId);
				return cart.items.map((i) => cartItemOut(cart, i));
			},
		),
		...magentoOperation(
			ctx,
			{ method: 'POST', path: '/V1/carts/{quoteId}/items', resource: 'Magento_Cart::manage' },
			({ data, params, body }) => {
				if (!/^\d+$/.test(String(params.quoteId))) throw noSuchEntity('cartId', params.quoteId);
				return addCartItem(data, clock, Number(params.quoteId), body.cartItem);
			},
		),
		...magentoOperation(
			ctx,
			{
				method: 'PUT',
				path: '/V1/carts/{cartId}/items/{itemId}',
				resource: 'Magento_Cart::manage',
			},
			({ data, params, body }) => {
				if (!/^\d+$/.test(String(params.cartId))) throw noSuchEntity('cartId', params.cartId);
				return updateCartItem(
					data,
					clock,
					Number(params.cartId),
					Number(params.itemId),
					body.cartItem,
				);
			},
		),
		...magentoOperation(
			ctx,
			{
				method: 'DELETE',
				path: '/V1/carts/{cartId}/items/{itemId}',
				resource: 'Magento_Cart::manage',
			},
			({ data, params }) => removeCartItem(data, clock, params.cartId, params.itemId),
		),
	];
}

/** The checkout of a cart: addresses, shipping, payment, totals and the order. */
function checkoutRoutes(ctx: MagentoContext): Route[] {
	const clock = ctx.clock;
	return [
		...magentoOperation(
			ctx,
			{
				method: 'POST',
				path: '/V1/carts/{cartId}/billing-address',
				resource: 'Magento_Cart::manage',
			},
			({ data, params, body }) =>
				setBillingAddress(data, clock, params.cartId, body.address, body.useForShipping === true),
		),
		...magentoOperation(
			ctx,
			{
				method: 'POST',
				path: '/V1/carts/{cartId}/shipping-information',
				resource: 'Magento_Cart::manage',
			},
			({ data, params, body }) =>
				setShippingInformation(data, clock, params.cartId, body.addressInformation),
		),
		...magentoOperation(
			ctx,
			{
				method: 'GET',
				path: '/V1/carts/{cartId}/payment-methods',
				resource: 'Magento_Cart::manage',
			},
			({ data, params }) => {
				findActiveCart(data, params.cartId);
				return paymentMethodsOut(data);
			},
		),
		...magentoOperation(
			ctx,
			{
				method: 'PUT',
				path: '/V1/carts/{cartId}/selected-payment-method',
				resource: 'Magento_Cart::manage',
			},
			({ data, params, body }) => selectPaymentMethod(data, clock, params.cartId, body.method),
		),
		...magentoOperation(
			ctx,
			{ method: 'GET', path: '/V1/carts/{cartId}/totals', resource: 'Magento_Cart::manage' },
			({ data, params }) => cartTotals(data, params.cartId),
		),
		...magentoOperation(
			ctx,
			{ method: 'PUT', path: '/V1/carts/{cartId}/order', resource: 'Magento_Cart::manage' },
			({ data, params, body }) => placeOrder(data, clock, params.cartId, body.paymentMethod),
		),
	];
}

/** Orders, their comments, shipments and invoices. */
function orderRoutes(ctx: MagentoContext): Route[] {
	const clock = ctx.clock;
	const columns = orderColumns(ctx);
	return [
		...magentoOperation(
			ctx,
			{
				method: 'GET',
				path: '/V1/orders',
				resource: 'Magento_Sales::actions_view',
				searchCriteria: true,
			},
			({ data, criteria }) => searchOrders(data, criteria, columns),
		),
		...magentoOperation(
			ctx,
			{ method: 'GET', path: '/V1/orders/{id}', resource: 'Magento_Sales::actions_view' },
			({ data, params }) => orderOut(data, findOrder(data, params.id)),
		),
		...magentoOperation(
			ctx,
			{ method: 'POST', path: '/V1/orders/{id}/hold', resource: 'Magento_Sales::hold' },
			({ data, params }) => {
				holdOrder(findOrder(data, params.id), clock);
				return true;
			},
		),
		...magentoOperation(
			ctx,
			{ method: 'POST', path: '/V1/orders/{id}/unhold', resource: 'Magento_Sales::unhold' },
			({ data, params }) => {
				unholdOrder(findOrder(data, params.id), clock);
				return true;
			},
		),
		...magentoOperation(
			ctx,
			{ method: 'POST', path: '/V1/orders/{id}/cancel', resource: 'Magento_Sales::cancel' },
			({ data, params }) => cancelOrder(data, findOrder(data, params.id), clock),
		),
		...magentoOperation(
			ctx,
			{ method: 'GET', path: '/V1/orders/{id}/comments', resource: 'Magento_Sales::actions_view' },
			({ data, params }) => {
				const order = findOrder(data, params.id);
				const items = order.histories.map((h) => historyOut(order, h));
				return {
					items,
					search_criteria: {
						filter_groups: [
							{
								filters: [
									{ field: 'parent_id', value: String(order.entityId), condition_type: 'eq' },
								],
							},
						],
					},
					total_count: items.length,
				};
			},
		),
		...magentoOperation(
			ctx,
			{ method: 'POST', path: '/V1/orders/{id}/comments', resource: 'Magento_Sales::comment' },
			({ data, params, body }) => {
				addOrderComment(data, findOrder(data, params.id), body.statusHistory, clock);
				return true;
			},
		),
		...magentoOperation(
			ctx,
			{ method: 'POST', path: '/V1/order/{orderId}/ship', resource: 'Magento_Sales::ship' },
			({ data, params, body }) =>
				shipOrder(data, findOrder(data, params.orderId), body, clock).entityId,
		),
		...magentoOperation(
			ctx,
			{ method: 'POST', path: '/V1/order/{orderId}/invoice', resource: 'Magento_Sales::invoice' },
			({ data, params, body }) => invoiceOrder(data, findOrder(data, params.orderId), body, clock),
		),
		...magentoOperation(
			ctx,
			{ method: 'GET', path: '/V1/shipment/{id}', resource: 'Magento_Sales::shipment' },
			({ data, params }) => shipmentOut(data, findShipment(data, params.id)),
		),
		...magentoOperation(
			ctx,
			{
				method: 'GET',
				path: '/V1/shipments',
				resource: 'Magento_Sales::shipment',
				searchCriteria: true,
			},
			({ data, criteria }) => searchShipments(data, criteria),
		),
	];
}

/** MSI: source items, sources, stocks and salable quantities. */
function msiRoutes(ctx: MagentoContext): Route[] {
	return [
		...magentoOperation(
			ctx,
			{
				method: 'GET',
				path: '/V1/inventory/source-items',
				resource: 'Magento_InventoryApi::source',
				searchCriteria: true,
			},
			({ data, criteria }) => searchSourceItems(data, criteria),
		),
		...magentoOperation(
			ctx,
			{
				method: 'POST',
				path: '/V1/inventory/source-items',
				resource: 'Magento_InventoryApi::source_edit',
			},
			({ data, body }) => {
				saveSourceItems(data, body.sourceItems);
				return [];
			},
		),
		...magentoOperation(
			ctx,
			{
				method: 'POST',
				path: '/V1/inventory/source-items-delete',
				resource: 'Magento_InventoryApi::source_edit',
			},
			({ data, body }) => {
				deleteSourceItems(data, body.sourceItems);
				return [];
			},
		),
		...magentoOperation(
			ctx,
			{
				method: 'GET',
				path: '/V1/inventory/sources',
				resource: 'Magento_InventoryApi::source',
				searchCriteria: true,
			},
			({ data, criteria }) =>
				applySearchCriteria(
					[...data.sources.keys()].map((code) => sourceOut(data, code)),
					criteria,
					(r) => r,
					['source_code', 'name', 'enabled', 'country_id', 'postcode'],
				),
		),
		...magentoOperation(
			ctx,
			{
				method: 'GET',
				path: '/V1/inventory/stocks',
				resource: 'Magento_InventoryApi::stock',
				searchCriteria: true,
			},
			({ data, criteria }) =>
				applySearchCriteria([...data.stocks.values()].map(stockOut), criteria, (r) => r, [
					'stock_id',
					'name',
				]),
		),
		...magentoOperation(
			ctx,
			{
				method: 'GET',
				path: '/V1/inventory/get-product-salable-quantity/{sku}/{stockId}',
				resource: 'Magento_InventoryApi::stock',
			},
			({ data, params }) => getProductSalableQty(data, params.sku, params.stockId),
		),
	];
}

export function magentoRoutes(ctx: MagentoContext): Route[] {
	const routes: Route[] = [
		...storeRoutes(ctx),
		...catalogRoutes(ctx),
		...groupRoutes(ctx),
		...tierPriceRoutes(ctx),
		...cartRoutes(ctx),
		...checkoutRoutes(ctx),
		...orderRoutes(ctx),
		...msiRoutes(ctx),
	];
	return [...routes, ...otherMethodRoutes(routes)];
}
