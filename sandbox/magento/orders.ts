/**
 * Sales orders: Magento's answer shape (GET /V1/orders/{id}), the state machine
 * (new/pending → processing after an invoice or a shipment → complete once fully invoiced and
 * shipped; holded; canceled) and the management operations: hold, unhold, cancel, comments,
 * invoice. Reservations follow cancellations (inventory.ts).
 */
import type { SandboxClock } from '../clock';
import { entityNotFound, inputError } from './errors';
import { placeReservations } from './inventory';
import { applySearchCriteria, type SearchCriteria, type SearchResult } from './searchCriteria';
import {
	defaultStatus,
	incrementIdFor,
	magentoDate,
	nextId,
	round2,
	type AddressData,
	type MagentoData,
	type MagentoInvoice,
	type MagentoOrder,
	type OrderItem,
	type OrderState,
} from './state';

export function qtyToShip(item: OrderItem): number {
	return Math.max(0, item.qtyOrdered - item.qtyShipped - item.qtyRefunded - item.qtyCanceled);
}

export function qtyToInvoice(item: OrderItem): number {
	return Math.max(0, item.qtyOrdered - item.qtyInvoiced - item.qtyCanceled);
}

function qtyToCancel(item: OrderItem): number {
	return Math.max(0, Math.min(qtyToInvoice(item), qtyToShip(item)));
}

export function findOrder(data: MagentoData, id: number): MagentoOrder {
	const order = data.orders.get(id);
	if (!order) throw entityNotFound();
	return order;
}

/** By entity id, else by increment id (control API convenience). */
export function findOrderByRef(data: MagentoData, ref: string): MagentoOrder | undefined {
	if (/^\d+$/.test(ref)) {
		const byId = data.orders.get(Number(ref));
		if (byId) return byId;
	}
	return [...data.orders.values()].find((o) => o.incrementId === ref);
}

export function canHold(order: MagentoOrder): boolean {
	return !['payment_review', 'canceled', 'complete', 'closed', 'holded'].includes(order.state);
}

export function canUnhold(order: MagentoOrder): boolean {
	return order.state === 'holded';
}

export function canCancel(order: MagentoOrder): boolean {
	if (order.state === 'payment_review' || canUnhold(order)) return false;
	if (order.items.every((i) => qtyToInvoice(i) <= 0)) return false;
	return !['canceled', 'complete', 'closed'].includes(order.state);
}

export function canInvoice(order: MagentoOrder): boolean {
	if (['canceled', 'payment_review', 'holded', 'complete', 'closed'].includes(order.state))
		return false;
	return order.items.some((i) => qtyToInvoice(i) > 0);
}

/** Order::canShip. */
export function canShip(order: MagentoOrder): boolean {
	if (canUnhold(order) || order.state === 'payment_review' || order.state === 'canceled')
		return false;
	return order.items.some((i) => qtyToShip(i) > 0);
}

function setState(order: MagentoOrder, state: OrderState, clock: SandboxClock): void {
	order.state = state;
	order.status = defaultStatus(state);
	order.updatedAt = clock.nowIso();
}

/**
 * After an invoice or a shipment (Magento's "is in process" flag and the order's state handler):
 * new → processing; processing with nothing left to invoice or ship → complete.
 */
export function applyProgress(order: MagentoOrder, clock: SandboxClock): void {
	if (order.state === 'new') setState(order, 'processing', clock);
	if (order.state === 'processing' && !canInvoice(order) && !canShip(order))
		setState(order, 'complete', clock);
	order.updatedAt = clock.nowIso();
}

export function holdOrder(order: MagentoOrder, clock: SandboxClock): void {
	if (!canHold(order)) throw inputError('A hold action is not available.');
	order.holdBeforeState = order.state;
	order.holdBeforeStatus = order.status;
	setState(order, 'holded', clock);
}

export function unholdOrder(order: MagentoOrder, clock: SandboxClock): void {
	if (!canUnhold(order)) throw inputError('You cannot remove the hold.');
	order.state = order.holdBeforeState ?? 'new';
	order.status = order.holdBeforeStatus ?? defaultStatus(order.state);
	order.holdBeforeState = undefined;
	order.holdBeforeStatus = undefined;
	order.updatedAt = clock.nowIso();
}

/**
 * OrderManagement::cancel: false (nothing changes) when the order cannot be canceled. Cancels what
 * is neither invoiced nor shipped and releases that quantity's reservation (`order_canceled`).
 */
export function cancelOrder(data: MagentoData, order: MagentoOrder, clock: SandboxClock): boolean {
	if (!canCancel(order)) return false;
	let state: OrderState = 'canceled';
	const released: Array<{ sku: string; quantity: number }> = [];
	for (const item of order.items) {
		if (state !== 'processing' && item.qtyInvoiced - item.qtyRefunded > 0)
			state = qtyToShip(item) > 0 ? 'processing' : 'complete';
		const qty = qtyToCancel(item);
		item.qtyCanceled += qty;
		item.updatedAt = clock.nowIso();
		released.push({ sku: item.sku, quantity: qty });
	}
	order.totalCanceled = round2(
		order.items.reduce((sum, i) => sum + i.price * i.qtyCanceled, 0) +
			(order.shipping.amount - shippingInvoiced(data, order)),
	);
	setState(order, state, clock);
	placeReservations(data, clock, order.stockId, released, 'order_canceled', order);
	return true;
}

export interface CommentInput {
	comment?: string;
	status?: string;
	is_customer_notified?: number;
	is_visible_on_front?: number;
}

/**
 * OrderManagement::addComment. A comment with a status sets the order's status to it, as Magento
 * does (the usual way to change a status over REST); without one the order keeps its status.
 */
export function addOrderComment(
	data: MagentoData,
	order: MagentoOrder,
	input: CommentInput,
	clock: SandboxClock,
): void {
	const status = input.status ? String(input.status) : order.status;
	order.histories.push({
		entityId: nextId(data, 'history'),
		comment: input.comment ?? null,
		status,
		isCustomerNotified: input.is_customer_notified ?? null,
		isVisibleOnFront: input.is_visible_on_front ?? 0,
		entityName: 'order',
		createdAt: clock.nowIso(),
	});
	order.status = status;
	order.updatedAt = clock.nowIso();
}

function shippingInvoiced(data: MagentoData, order: MagentoOrder): number {
	return order.invoiceIds.reduce(
		(sum, id) => sum + (data.invoices.get(id)?.shippingAmount ?? 0),
		0,
	);
}

/** Items of a ship or invoice request checked as Magento's quantity validators do; returns qty per order item id. */
export function documentQuantities(
	order: MagentoOrder,
	requested: Array<{ order_item_id: number; qty: number }> | undefined,
	mode: 'ship' | 'invoice',
): { qtys: Map<number, number>; errors: string[] } {
	const errors: string[] = [];
	const qtys = new Map<number, number>();
	const available = mode === 'ship' ? qtyToShip : qtyToInvoice;
	if (!requested || requested.length === 0) {
		for (const item of order.items) if (available(item) > 0) qtys.set(item.itemId, available(item));
	} else {
		for (const r of requested) {
			const item = order.items.find((i) => i.itemId === r.order_item_id);
			if (!item) {
				errors.push(
					mode === 'ship'
						? `The shipment contains product SKU "${String(r.order_item_id)}" that is not part of the original order.`
						: `The invoice contains one or more items that are not part of the original order.`,
				);
				continue;
			}
			const total = (qtys.get(item.itemId) ?? 0) + r.qty;
			if (r.qty < 0 || total > available(item)) {
				errors.push(
					mode === 'ship'
						? `The quantity to ship must not be greater than the unshipped quantity for product SKU "${item.sku}".`
						: `The quantity to invoice must not be greater than the uninvoiced quantity for product SKU "${item.sku}".`,
				);
				continue;
			}
			if (r.qty > 0) qtys.set(item.itemId, total);
		}
	}
	let total = 0;
	for (const q of qtys.values()) total += q;
	if (total <= 0)
		errors.push(
			mode === 'ship'
				? "You can't create a shipment without products."
				: "The invoice can't be created without products. Add products and try again.",
		);
	return { qtys, errors };
}

export interface InvoiceInput {
	items?: Array<{ order_item_id: number; qty: number }>;
	capture?: boolean;
}

/** InvoiceOrder (offline capture: the invoice is paid). Returns the invoice id. */
export function invoiceOrder(
	data: MagentoData,
	order: MagentoOrder,
	input: InvoiceInput,
	clock: SandboxClock,
): number {
	const errors: string[] = [];
	if (!canInvoice(order)) errors.push('The order does not allow an invoice to be created.');
	const { qtys, errors: qtyErrors } = documentQuantities(order, input.items, 'invoice');
	errors.push(...qtyErrors);
	if (errors.length)
		throw inputError(`Invoice Document Validation Error(s):\n${errors.join('\n')}`);
	const entityId = nextId(data, 'invoice');
	const items: MagentoInvoice['items'] = [];
	for (const item of order.items) {
		const qty = qtys.get(item.itemId);
		if (!qty) continue;
		item.qtyInvoiced += qty;
		item.updatedAt = clock.nowIso();
		items.push({
			orderItemId: item.itemId,
			sku: item.sku,
			qty,
			price: item.price,
			rowTotal: round2(item.price * qty),
		});
	}
	const subtotal = round2(items.reduce((s, i) => s + i.rowTotal, 0));
	const shippingAmount = order.invoiceIds.length === 0 ? order.shipping.amount : 0;
	const invoice: MagentoInvoice = {
		entityId,
		incrementId: incrementIdFor(entityId, order.storeId),
		orderId: order.entityId,
		createdAt: clock.nowIso(),
		items,
		subtotal,
		shippingAmount,
		grandTotal: round2(subtotal + shippingAmount),
	};
	data.invoices.set(entityId, invoice);
	order.invoiceIds.push(entityId);
	order.totalInvoiced = round2(order.totalInvoiced + invoice.grandTotal);
	order.totalPaid = round2(order.totalPaid + invoice.grandTotal);
	applyProgress(order, clock);
	return entityId;
}

// ---------------------------------------------------------------------------------------------
// The answer shape

function subtotalOf(order: MagentoOrder): number {
	return round2(order.items.reduce((s, i) => s + i.price * i.qtyOrdered, 0));
}

export function grandTotalOf(order: MagentoOrder): number {
	return round2(subtotalOf(order) + order.shipping.amount);
}

function addressOut(
	address: AddressData,
	type: 'billing' | 'shipping',
	entityId: number,
	order: MagentoOrder,
): Record<string, unknown> {
	const out: Record<string, unknown> = {
		address_type: type,
		city: address.city,
		country_id: address.country_id,
		email: address.email ?? order.customerEmail,
		entity_id: entityId,
		firstname: address.firstname,
		lastname: address.lastname,
		parent_id: order.entityId,
		postcode: address.postcode,
		street: address.street,
		telephone: address.telephone,
	};
	for (const key of [
		'company',
		'region',
		'region_code',
		'region_id',
		'middlename',
		'prefix',
		'suffix',
		'vat_id',
		'fax',
		'customer_address_id',
	] as const) {
		if (address[key] !== undefined) out[key] = address[key];
	}
	if (order.customerId !== undefined) out.customer_id = order.customerId;
	return out;
}

export function orderItemOut(item: OrderItem, order: MagentoOrder): Record<string, unknown> {
	const rowTotal = round2(item.price * item.qtyOrdered);
	const rowInvoiced = round2(item.price * item.qtyInvoiced);
	return {
		amount_refunded: 0,
		base_amount_refunded: 0,
		base_discount_amount: 0,
		base_discount_invoiced: 0,
		base_original_price: item.originalPrice ?? item.price,
		base_price: item.price,
		base_price_incl_tax: item.price,
		base_row_invoiced: rowInvoiced,
		base_row_total: rowTotal,
		base_row_total_incl_tax: rowTotal,
		base_tax_amount: 0,
		base_tax_invoiced: 0,
		created_at: magentoDate(item.createdAt),
		discount_amount: 0,
		discount_invoiced: 0,
		discount_percent: 0,
		free_shipping: 0,
		is_qty_decimal: 0,
		is_virtual: 0,
		item_id: item.itemId,
		name: item.name,
		no_discount: 0,
		order_id: order.entityId,
		original_price: item.originalPrice ?? item.price,
		price: item.price,
		price_incl_tax: item.price,
		product_id: item.productId,
		product_type: item.productType,
		qty_canceled: item.qtyCanceled,
		qty_invoiced: item.qtyInvoiced,
		qty_ordered: item.qtyOrdered,
		qty_refunded: item.qtyRefunded,
		qty_shipped: item.qtyShipped,
		...(item.quoteItemId !== undefined ? { quote_item_id: item.quoteItemId } : {}),
		row_invoiced: rowInvoiced,
		row_total: rowTotal,
		row_total_incl_tax: rowTotal,
		row_weight: round2(item.weight * item.qtyOrdered),
		sku: item.sku,
		store_id: order.storeId,
		tax_amount: 0,
		tax_invoiced: 0,
		tax_percent: 0,
		updated_at: magentoDate(item.updatedAt),
		weight: item.weight,
	};
}

export function historyOut(
	order: MagentoOrder,
	h: MagentoOrder['histories'][number],
): Record<string, unknown> {
	return {
		comment: h.comment,
		created_at: magentoDate(h.createdAt),
		entity_id: h.entityId,
		entity_name: h.entityName,
		is_customer_notified: h.isCustomerNotified,
		is_visible_on_front: h.isVisibleOnFront,
		parent_id: order.entityId,
		status: h.status,
	};
}

/** The shipping totals of the order's shipping assignment. */
function shippingTotalOut(order: MagentoOrder, shipInvoiced: number): Record<string, unknown> {
	const shippingTotal: Record<string, unknown> = {
		base_shipping_amount: order.shipping.amount,
		base_shipping_discount_amount: 0,
		base_shipping_discount_tax_compensation_amnt: 0,
		base_shipping_incl_tax: order.shipping.amount,
		base_shipping_tax_amount: 0,
		shipping_amount: order.shipping.amount,
		shipping_discount_amount: 0,
		shipping_discount_tax_compensation_amount: 0,
		shipping_incl_tax: order.shipping.amount,
		shipping_tax_amount: 0,
	};
	if (order.invoiceIds.length)
		Object.assign(shippingTotal, {
			base_shipping_invoiced: shipInvoiced,
			shipping_invoiced: shipInvoiced,
		});
	if (order.state === 'canceled')
		Object.assign(shippingTotal, {
			base_shipping_canceled: round2(order.shipping.amount - shipInvoiced),
			shipping_canceled: round2(order.shipping.amount - shipInvoiced),
		});
	return shippingTotal;
}

/** The scalar fields of an order (sales_order columns), in Magento's order. */
function orderScalarsOut(data: MagentoData, order: MagentoOrder): Record<string, unknown> {
	const store = data.stores.find((s) => s.id === order.storeId);
	const subtotal = subtotalOf(order);
	const grandTotal = grandTotalOf(order);
	const qtyOrdered = order.items.reduce((s, i) => s + i.qtyOrdered, 0);
	const weight = round2(order.items.reduce((s, i) => s + i.weight * i.qtyOrdered, 0));
	return {
		base_currency_code: order.currency,
		base_discount_amount: 0,
		base_grand_total: grandTotal,
		base_discount_tax_compensation_amount: 0,
		base_shipping_amount: order.shipping.amount,
		base_shipping_discount_amount: 0,
		base_shipping_discount_tax_compensation_amnt: 0,
		base_shipping_incl_tax: order.shipping.amount,
		base_shipping_tax_amount: 0,
		base_subtotal: subtotal,
		base_subtotal_incl_tax: subtotal,
		base_tax_amount: 0,
		base_total_due: round2(grandTotal - order.totalPaid),
		base_to_global_rate: 1,
		base_to_order_rate: 1,
		billing_address_id: order.billingAddressId,
		created_at: magentoDate(order.createdAt),
		customer_email: order.customerEmail,
		customer_firstname: order.customerFirstname,
		customer_group_id: order.customerGroupId,
		customer_is_guest: order.customerIsGuest ? 1 : 0,
		customer_lastname: order.customerLastname,
		customer_note_notify: 1,
		discount_amount: 0,
		email_sent: 1,
		entity_id: order.entityId,
		global_currency_code: order.currency,
		grand_total: grandTotal,
		discount_tax_compensation_amount: 0,
		increment_id: order.incrementId,
		is_virtual: 0,
		order_currency_code: order.currency,
		protect_code: `sandbox${order.entityId}`,
		...(order.quoteId !== undefined ? { quote_id: order.quoteId } : {}),
		shipping_amount: order.shipping.amount,
		shipping_description: order.shipping.description,
		shipping_discount_amount: 0,
		shipping_discount_tax_compensation_amount: 0,
		shipping_incl_tax: order.shipping.amount,
		shipping_tax_amount: 0,
		state: order.state,
		status: order.status,
		store_currency_code: order.currency,
		store_id: order.storeId,
		store_name: store ? `${store.websiteName}\n${store.groupName}\n${store.name}` : '',
		store_to_base_rate: 0,
		store_to_order_rate: 0,
		subtotal,
		subtotal_incl_tax: subtotal,
		tax_amount: 0,
		total_due: round2(grandTotal - order.totalPaid),
		total_item_count: order.items.length,
		total_qty_ordered: qtyOrdered,
		updated_at: magentoDate(order.updatedAt),
		weight,
	};
}

function paymentOut(order: MagentoOrder, grandTotal: number): Record<string, unknown> {
	return {
		account_status: null,
		additional_information: [order.payment.title],
		amount_ordered: grandTotal,
		base_amount_ordered: grandTotal,
		base_shipping_amount: order.shipping.amount,
		cc_last4: null,
		entity_id: order.payment.entityId,
		method: order.payment.method,
		parent_id: order.entityId,
		...(order.payment.poNumber !== undefined ? { po_number: order.payment.poNumber } : {}),
		shipping_amount: order.shipping.amount,
		...(order.totalPaid
			? {
					amount_paid: order.totalPaid,
					base_amount_paid: order.totalPaid,
					base_amount_paid_online: 0,
				}
			: {}),
	};
}

/** The invoiced and canceled totals, present once the order has an invoice or a cancellation. */
function invoicedAndCanceledOut(
	data: MagentoData,
	order: MagentoOrder,
	out: Record<string, unknown>,
): void {
	const subtotalCanceled = round2(order.items.reduce((s, i) => s + i.price * i.qtyCanceled, 0));
	const subtotalInvoiced = round2(order.items.reduce((s, i) => s + i.price * i.qtyInvoiced, 0));
	const shipInvoiced = shippingInvoiced(data, order);
	if (order.invoiceIds.length) {
		Object.assign(out, {
			base_subtotal_invoiced: subtotalInvoiced,
			subtotal_invoiced: subtotalInvoiced,
			base_shipping_invoiced: shipInvoiced,
			shipping_invoiced: shipInvoiced,
			base_total_invoiced: order.totalInvoiced,
			total_invoiced: order.totalInvoiced,
			base_total_paid: order.totalPaid,
			total_paid: order.totalPaid,
			base_total_invoiced_cost: 0,
		});
	}
	if (order.totalCanceled) {
		Object.assign(out, {
			base_subtotal_canceled: subtotalCanceled,
			subtotal_canceled: subtotalCanceled,
			base_total_canceled: order.totalCanceled,
			total_canceled: order.totalCanceled,
			base_shipping_canceled: round2(order.shipping.amount - shipInvoiced),
			shipping_canceled: round2(order.shipping.amount - shipInvoiced),
		});
	}
}

/** GET /V1/orders/{id}: the fields Magento 2.4 answers (taxes and discounts are always 0 here). */
export function orderOut(data: MagentoData, order: MagentoOrder): Record<string, unknown> {
	const grandTotal = grandTotalOf(order);
	const items = order.items.map((i) => orderItemOut(i, order));
	const out: Record<string, unknown> = {
		...orderScalarsOut(data, order),
		items,
		billing_address: addressOut(order.billingAddress, 'billing', order.billingAddressId, order),
		payment: paymentOut(order, grandTotal),
		status_histories: [...order.histories].reverse().map((h) => historyOut(order, h)),
		extension_attributes: {
			shipping_assignments: [
				{
					shipping: {
						address: addressOut(order.shippingAddress, 'shipping', order.shippingAddressId, order),
						method: `${order.shipping.carrierCode}_${order.shipping.methodCode}`,
						total: shippingTotalOut(order, shippingInvoiced(data, order)),
					},
					items,
				},
			],
			payment_additional_info: [{ key: 'method_title', value: order.payment.title }],
			applied_taxes: [],
			item_applied_taxes: [],
		},
	};
	if (order.customerId !== undefined) out.customer_id = order.customerId;
	if (order.holdBeforeState) {
		out.hold_before_state = order.holdBeforeState;
		out.hold_before_status = order.holdBeforeStatus;
	}
	invoicedAndCanceledOut(data, order, out);
	return out;
}

/** GET /V1/orders. Filters and sorts run on the order's scalar fields (sales_order columns). */
export function searchOrders(
	data: MagentoData,
	criteria: SearchCriteria,
	columns: string[],
): SearchResult<Record<string, unknown>> {
	const rows = [...data.orders.values()]
		.sort((a, b) => a.entityId - b.entityId)
		.map((o) => orderOut(data, o));
	return applySearchCriteria(rows, criteria, (r) => r, columns);
}
