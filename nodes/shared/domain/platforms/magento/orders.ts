/**
 * Magento 2 orders as the Vendor Central templates read them: the search for the order of a
 * purchase order (the Amazon customer's orders created since a date, matched on the payment's
 * `po_number`), and an order's fulfilment state in Apply Change Order's `platformOrder` shape.
 * Pure: no n8n imports.
 */
import { InvalidInputError } from '../../inputError';

/** A Magento order as `GET /V1/orders` and `GET /V1/orders/{id}` answer it (the fields read here). */
export interface MagentoOrder {
	entity_id?: number;
	increment_id?: string;
	state?: string;
	status?: string;
	hold_before_state?: string;
	hold_before_status?: string;
	payment?: { po_number?: string | null };
	items?: MagentoOrderItem[];
	[key: string]: unknown;
}

export interface MagentoOrderItem {
	sku?: string;
	parent_item_id?: number | null;
	qty_ordered?: number;
	qty_canceled?: number;
	qty_shipped?: number;
	qty_invoiced?: number;
	[key: string]: unknown;
}

/** Magento's date-time text (`yyyy-MM-dd HH:mm:ss`, UTC) of an instant. */
export function magentoDateTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The query string of `GET /V1/orders` for the orders of one customer created at or after an
 * instant (the first filter group: customer, the second: creation date; AND between groups).
 */
export function orderSearchQuery(customerId: number, createdFromMs: number): string {
	const f = (group: number, field: string, value: string, condition: string) =>
		[
			`searchCriteria[filterGroups][${group}][filters][0][field]=${field}`,
			`searchCriteria[filterGroups][${group}][filters][0][value]=${encodeURIComponent(value)}`,
			`searchCriteria[filterGroups][${group}][filters][0][conditionType]=${condition}`,
		].join('&');
	return [
		f(0, 'customer_id', String(customerId), 'eq'),
		f(1, 'created_at', magentoDateTime(createdFromMs), 'gteq'),
	].join('&');
}

/** The result of looking up the order of a purchase order. */
export interface OrderOfPo {
	found: boolean;
	purchaseOrderNumber: string;
	orderId: string;
	incrementId: string;
	state: string;
	status: string;
	order: MagentoOrder | null;
}

/**
 * The order whose payment's `po_number` is the purchase order number (any case), in the answer
 * of `GET /V1/orders`. Canceled orders count only with `includeCanceled` (a canceled order was
 * replaced or released). An answer without `items`, or that holds only a page of the orders,
 * is an error: it cannot prove that no order exists.
 */
export function findOrderOfPo(
	answer: unknown,
	purchaseOrderNumber: string,
	includeCanceled: boolean,
): OrderOfPo {
	const body = answer as { items?: unknown; total_count?: unknown } | null;
	if (!body || typeof body !== 'object' || !Array.isArray(body.items)) {
		throw new InvalidInputError(
			`Magento's order search answered no items list: ${JSON.stringify(answer).slice(0, 300)}`,
			'items',
		);
	}
	const total = Number(body.total_count ?? body.items.length);
	if (total > body.items.length) {
		throw new InvalidInputError(
			`Magento's order search holds ${body.items.length} of ${total} orders (paged): ` +
				'shorten the look-back so that one answer holds every order',
			'total_count',
		);
	}
	const wanted = purchaseOrderNumber.trim().toUpperCase();
	const order = (body.items as MagentoOrder[]).find(
		(o) =>
			String(o?.payment?.po_number ?? '')
				.trim()
				.toUpperCase() === wanted &&
			(includeCanceled || o.state !== 'canceled'),
	);
	return {
		found: order !== undefined,
		purchaseOrderNumber,
		orderId: order ? String(order.entity_id ?? '') : '',
		incrementId: order ? String(order.increment_id ?? '') : '',
		state: order ? String(order.state ?? '') : '',
		status: order ? String(order.status ?? '') : '',
		order: order ?? null,
	};
}

/** One line of Apply Change Order's `platformOrder`. */
export interface PlatformOrderLine {
	sku: string;
	ordered: number;
	fulfilled: number;
	inProgress: number;
}

/** An order's fulfilment state: Apply Change Order's `platformOrder` and Magento's own view. */
export interface MagentoFulfilmentState {
	platformOrder: {
		id: string;
		name: string;
		status: string[];
		hasShipments: boolean;
		lines: PlatformOrderLine[];
	};
	magento: {
		entityId: number;
		incrementId: string;
		state: string;
		status: string;
		effectiveState: string;
		effectiveStatus: string;
		held: boolean;
		shippedEaches: number;
		invoicedEaches: number;
		lines: Array<{ sku: string; qty: number; shipped: number; invoiced: number }>;
	};
}

function quantity(value: unknown, path: string): number {
	const n = Number(value ?? 0);
	if (!Number.isFinite(n)) throw new InvalidInputError(`${path} is not a number`, path);
	return n;
}

/**
 * The fulfilment state of an order: a held order counts with the state it had before the hold;
 * child items (of configurable products) are left out; ordered = ordered − canceled; a line of a
 * `processing` order that is not shipped yet is in progress.
 */
export function fulfilmentStateOf(order: unknown): MagentoFulfilmentState {
	const o = order as MagentoOrder | null;
	if (!o || typeof o !== 'object' || o.entity_id === undefined) {
		throw new InvalidInputError('The Magento order has no entity_id', 'entity_id');
	}
	const held = o.state === 'holded';
	const state = String(held ? (o.hold_before_state ?? 'new') : (o.state ?? ''));
	const status = String(held ? (o.hold_before_status ?? 'pending') : (o.status ?? ''));
	const items = (Array.isArray(o.items) ? o.items : []).filter((i) => !i.parent_item_id);
	const lines = items.map((item, index) => {
		const at = `items[${index}]`;
		const ordered = quantity(item.qty_ordered, `${at}.qty_ordered`);
		const canceled = quantity(item.qty_canceled, `${at}.qty_canceled`);
		return {
			sku: String(item.sku ?? ''),
			qty: ordered - canceled,
			shipped: quantity(item.qty_shipped, `${at}.qty_shipped`),
			invoiced: quantity(item.qty_invoiced, `${at}.qty_invoiced`),
		};
	});
	const shippedEaches = lines.reduce((n, l) => n + l.shipped, 0);
	return {
		platformOrder: {
			id: String(o.entity_id),
			name: `#${String(o.increment_id ?? '')}`,
			status: [...new Set([state, status])],
			hasShipments: lines.some((l) => l.shipped > 0),
			lines: lines.map((l) => ({
				sku: l.sku,
				ordered: l.qty,
				fulfilled: l.shipped,
				inProgress: state === 'processing' ? Math.max(0, l.qty - l.shipped) : 0,
			})),
		},
		magento: {
			entityId: Number(o.entity_id),
			incrementId: String(o.increment_id ?? ''),
			state: String(o.state ?? ''),
			status: String(o.status ?? ''),
			effectiveState: state,
			effectiveStatus: status,
			held,
			shippedEaches,
			invoicedEaches: lines.reduce((n, l) => n + l.invoiced, 0),
			lines,
		},
	};
}

/** The body of `POST /V1/orders/{id}/comments`: a comment the customer does not see. */
export function orderCommentBody(orderId: number, comment: string, status?: string) {
	return {
		statusHistory: {
			comment,
			is_customer_notified: 0,
			is_visible_on_front: 0,
			parent_id: orderId,
			...(status ? { status } : {}),
		},
	};
}

/** How far fulfilment is, in words for an exception row: "shipped (12 eaches)", "being picked (state processing)". */
export function fulfilmentProgressOf(state: MagentoFulfilmentState): string {
	const m = state.magento;
	if (m.shippedEaches > 0) return `shipped (${m.shippedEaches} eaches)`;
	if (m.effectiveState === 'processing') return `being picked (state ${m.effectiveState})`;
	return `not started (state ${m.effectiveState})`;
}
