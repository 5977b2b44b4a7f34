/**
 * Shipments: POST /V1/order/{orderId}/ship (ShipOrder) with items (partial shipments), tracks,
 * a comment and the MSI source (`arguments.extension_attributes.source_code`).
 *
 * Validation is Magento's: every message is collected into "Shipment Document Validation
 * Error(s):\n…" (400): a holded, canceled or payment-review order ("A shipment cannot be created
 * when an order has a status of holded"), nothing left to ship, an unknown order item, more than
 * the unshipped quantity, no quantity at all. The source deduction runs when the shipment is
 * saved; a missing or short source item fails the whole shipment with Magento's
 * "Could not save a shipment, see error log for details".
 *
 * Effects: qty_shipped, the source item deducted (out of stock at 0), a `shipment_created`
 * reservation of +qty (so the salable quantity, already reduced at order placement, stays), and
 * the order's state (new → processing; complete once nothing is left to invoice or ship).
 */
import type { SandboxClock } from '../clock';
import { entityNotFound, inputError } from './errors';
import { canDeduct, deductSource, pickSource, placeReservations } from './inventory';
import { applyProgress, canShip, documentQuantities } from './orders';
import { applySearchCriteria, type SearchCriteria, type SearchResult } from './searchCriteria';
import {
	incrementIdFor,
	magentoDate,
	nextId,
	round2,
	type MagentoData,
	type MagentoOrder,
	type MagentoShipment,
} from './state';

export interface ShipInput {
	items?: Array<{ order_item_id: number; qty: number }>;
	notify?: boolean;
	appendComment?: boolean;
	comment?: { comment: string; is_visible_on_front?: number };
	tracks?: Array<{ track_number: string; title: string; carrier_code: string }>;
	packages?: unknown[];
	arguments?: { extension_attributes?: { source_code?: string } };
}

export const COULD_NOT_SHIP = 'Could not save a shipment, see error log for details';

export function shipOrder(
	data: MagentoData,
	order: MagentoOrder,
	input: ShipInput,
	clock: SandboxClock,
): MagentoShipment {
	const errors: string[] = [];
	if (['payment_review', 'holded', 'canceled'].includes(order.state)) {
		errors.push(`A shipment cannot be created when an order has a status of ${order.status}`);
	} else if (!canShip(order)) {
		errors.push('The order does not allow a shipment to be created.');
	}
	const { qtys, errors: qtyErrors } = documentQuantities(order, input.items, 'ship');
	errors.push(...qtyErrors);
	if (errors.length)
		throw inputError(`Shipment Document Validation Error(s):\n${errors.join('\n')}`);

	const lines = order.items
		.filter((i) => qtys.has(i.itemId))
		.map((i) => ({ item: i, sku: i.sku, qty: qtys.get(i.itemId) as number }));
	const stock = data.stocks.get(order.stockId);
	const sourceCode =
		input.arguments?.extension_attributes?.source_code ??
		(stock ? pickSource(data, stock, lines) : 'default');
	if (!data.sources.has(sourceCode) || !canDeduct(data, sourceCode, lines))
		throw inputError(COULD_NOT_SHIP);

	const now = clock.nowIso();
	const entityId = nextId(data, 'shipment');
	const shipment: MagentoShipment = {
		entityId,
		incrementId: incrementIdFor(entityId, order.storeId),
		orderId: order.entityId,
		storeId: order.storeId,
		sourceCode,
		createdAt: now,
		updatedAt: now,
		items: lines.map((l) => ({
			entityId: nextId(data, 'shipmentItem'),
			orderItemId: l.item.itemId,
			sku: l.sku,
			name: l.item.name,
			productId: l.item.productId,
			price: l.item.price,
			weight: l.item.weight,
			qty: l.qty,
		})),
		tracks: (input.tracks ?? []).map((t) => ({
			entityId: nextId(data, 'track'),
			trackNumber: t.track_number,
			title: t.title,
			carrierCode: t.carrier_code,
			createdAt: now,
		})),
		comments: input.comment?.comment
			? [
					{
						entityId: nextId(data, 'comment'),
						comment: input.comment.comment,
						isCustomerNotified: input.notify && input.appendComment ? 1 : null,
						isVisibleOnFront: input.comment.is_visible_on_front ?? 0,
						createdAt: now,
					},
				]
			: [],
	};
	for (const l of lines) {
		l.item.qtyShipped += l.qty;
		l.item.updatedAt = now;
	}
	deductSource(data, sourceCode, lines);
	placeReservations(
		data,
		clock,
		order.stockId,
		lines.map((l) => ({ sku: l.sku, quantity: l.qty })),
		'shipment_created',
		order,
	);
	data.shipments.set(entityId, shipment);
	order.shipmentIds.push(entityId);
	applyProgress(order, clock);
	return shipment;
}

export function findShipment(data: MagentoData, id: number): MagentoShipment {
	const s = data.shipments.get(id);
	if (!s) throw entityNotFound();
	return s;
}

/** GET /V1/shipment/{id}. */
export function shipmentOut(data: MagentoData, s: MagentoShipment): Record<string, unknown> {
	const order = data.orders.get(s.orderId);
	const totalQty = s.items.reduce((sum, i) => sum + i.qty, 0);
	return {
		billing_address_id: order?.billingAddressId,
		created_at: magentoDate(s.createdAt),
		customer_id: order?.customerId,
		email_sent: null,
		entity_id: s.entityId,
		increment_id: s.incrementId,
		order_id: s.orderId,
		packages: [],
		shipping_address_id: order?.shippingAddressId,
		store_id: s.storeId,
		total_qty: totalQty,
		total_weight: round2(s.items.reduce((sum, i) => sum + i.weight * i.qty, 0)),
		updated_at: magentoDate(s.updatedAt),
		items: s.items.map((i) => ({
			entity_id: i.entityId,
			name: i.name,
			parent_id: s.entityId,
			price: i.price,
			product_id: i.productId,
			sku: i.sku,
			weight: i.weight,
			order_item_id: i.orderItemId,
			qty: i.qty,
		})),
		tracks: s.tracks.map((t) => ({
			order_id: s.orderId,
			created_at: magentoDate(t.createdAt),
			entity_id: t.entityId,
			parent_id: s.entityId,
			updated_at: magentoDate(t.createdAt),
			weight: null,
			qty: null,
			description: null,
			track_number: t.trackNumber,
			title: t.title,
			carrier_code: t.carrierCode,
		})),
		comments: s.comments.map((c) => ({
			is_customer_notified: c.isCustomerNotified,
			parent_id: s.entityId,
			comment: c.comment,
			is_visible_on_front: c.isVisibleOnFront,
			created_at: magentoDate(c.createdAt),
			entity_id: c.entityId,
		})),
		extension_attributes: { source_code: s.sourceCode },
	};
}

/** GET /V1/shipments (e.g. filtered on order_id). */
export function searchShipments(
	data: MagentoData,
	criteria: SearchCriteria,
): SearchResult<Record<string, unknown>> {
	const rows = [...data.shipments.values()]
		.sort((a, b) => a.entityId - b.entityId)
		.map((s) => shipmentOut(data, s));
	return applySearchCriteria(rows, criteria, (r) => r, [
		'entity_id',
		'increment_id',
		'order_id',
		'store_id',
		'customer_id',
		'total_qty',
		'total_weight',
		'created_at',
		'updated_at',
		'billing_address_id',
		'shipping_address_id',
		'email_sent',
	]);
}
