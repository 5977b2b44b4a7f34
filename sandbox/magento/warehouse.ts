/**
 * What a person in the shop or the warehouse does, outside the REST API (the control API under
 * /__sandbox/magento/ and the seed): start fulfilment, ship lines with tracking, cancel, hold,
 * change stock. Each action goes through the same domain code as the REST operations, so
 * reservations and order states follow in the same way.
 */
import type { SandboxClock } from '../clock';
import { ControlError } from '../controlError';
import { MagentoError, renderMessage } from './errors';
import { salableQty, sourceItemOut } from './inventory';
import {
	addOrderComment,
	cancelOrder,
	holdOrder,
	invoiceOrder,
	orderOut,
	unholdOrder,
} from './orders';
import { shipOrder, shipmentOut } from './shipments';
import { sourceItemKey, type MagentoData, type MagentoOrder } from './state';

/** Runs a domain operation; a Magento error becomes a control error (409 for a refused transition, else its status). */
export function asControl<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		if (e instanceof MagentoError) {
			const status = e.status === 400 ? 409 : e.status;
			throw new ControlError(status, renderMessage(e.message, e.parameters), e.errors ?? []);
		}
		throw e;
	}
}

export interface StartFulfilmentAction {
	/** Also invoice everything left to invoice (offline capture), as a shop that invoices first does. */
	invoice?: boolean;
	/** Order comment to record (status history). */
	comment?: string;
}

/**
 * new/pending -> processing (by an invoice with `invoice: true`, else by the status change a person
 * makes in the admin).
 */
export function startFulfilment(
	data: MagentoData,
	order: MagentoOrder,
	action: StartFulfilmentAction,
	clock: SandboxClock,
): void {
	if (!['new', 'processing'].includes(order.state)) {
		throw new ControlError(
			409,
			`Order ${order.incrementId} is ${order.state}; fulfilment can start only for a new or processing order.`,
		);
	}
	if (action.invoice) {
		asControl(() => invoiceOrder(data, order, {}, clock));
	} else if (order.state === 'new') {
		order.state = 'processing';
		order.status = 'processing';
		order.updatedAt = clock.nowIso();
	}
	if (action.comment)
		addOrderComment(
			data,
			order,
			{ comment: action.comment, is_customer_notified: 0, is_visible_on_front: 0 },
			clock,
		);
}

export interface ShipAction {
	/** Lines by SKU or order item id; none ships everything left. */
	items?: Array<{ sku?: string; orderItemId?: number; qty: number }>;
	tracks?: Array<{ carrierCode: string; title?: string; trackNumber: string }>;
	sourceCode?: string;
	comment?: string;
	notify?: boolean;
}

export function shipLines(
	data: MagentoData,
	order: MagentoOrder,
	action: ShipAction,
	clock: SandboxClock,
): Record<string, unknown> {
	const items = (action.items ?? []).map((line, i) => {
		if (!(typeof line.qty === 'number' && line.qty > 0))
			throw new ControlError(400, `items[${i}].qty must be a number > 0.`);
		const item =
			line.orderItemId !== undefined
				? order.items.find((it) => it.itemId === line.orderItemId)
				: order.items.find((it) => it.sku === line.sku);
		if (!item)
			throw new ControlError(
				400,
				`items[${i}]: order ${order.incrementId} has no line ${line.orderItemId ?? line.sku}.`,
			);
		return { order_item_id: item.itemId, qty: line.qty };
	});
	const tracks = (action.tracks ?? []).map((t, i) => {
		if (!t || typeof t.trackNumber !== 'string' || typeof t.carrierCode !== 'string') {
			throw new ControlError(400, `tracks[${i}] needs carrierCode and trackNumber.`);
		}
		return {
			track_number: t.trackNumber,
			carrier_code: t.carrierCode,
			title: t.title ?? t.carrierCode.toUpperCase(),
		};
	});
	const shipment = asControl(() =>
		shipOrder(
			data,
			order,
			{
				items,
				tracks,
				notify: action.notify,
				appendComment: !!action.comment,
				comment: action.comment ? { comment: action.comment, is_visible_on_front: 0 } : undefined,
				arguments: action.sourceCode
					? { extension_attributes: { source_code: action.sourceCode } }
					: undefined,
			},
			clock,
		),
	);
	return shipmentOut(data, shipment);
}

export function cancel(data: MagentoData, order: MagentoOrder, clock: SandboxClock): void {
	if (!cancelOrder(data, order, clock))
		throw new ControlError(409, `Order ${order.incrementId} (${order.state}) cannot be canceled.`);
}

export function hold(order: MagentoOrder, clock: SandboxClock): void {
	asControl(() => holdOrder(order, clock));
}

export function unhold(order: MagentoOrder, clock: SandboxClock): void {
	asControl(() => unholdOrder(order, clock));
}

export interface StockChange {
	sku: string;
	/** Default: the default stock's first source. */
	sourceCode?: string;
	/** New quantity… */
	quantity?: number;
	/** …or a change of it (e.g. -2 for breakage, +50 for a delivery). */
	delta?: number;
	/** 1 in stock, 0 out of stock; default from the quantity. */
	status?: number;
}

/** Changes source items (creates them when missing); answers the source items and salable quantities after. */
export function changeStock(data: MagentoData, changes: StockChange[]): Record<string, unknown> {
	if (!Array.isArray(changes) || !changes.length)
		throw new ControlError(
			400,
			'The body must be { "sku", "sourceCode", "quantity" | "delta" } or { "changes": [ … ] }.',
		);
	const normalised = changes.map((c, i) => {
		if (!c || typeof c.sku !== 'string' || !c.sku)
			throw new ControlError(400, `changes[${i}].sku must be a non-empty string.`);
		const sourceCode = c.sourceCode ?? data.stocks.get(1)?.sourceCodes[0] ?? 'default';
		if (!data.sources.has(sourceCode))
			throw new ControlError(400, `changes[${i}]: unknown source ${sourceCode}.`);
		const hasQty = typeof c.quantity === 'number' && Number.isFinite(c.quantity);
		const hasDelta = typeof c.delta === 'number' && Number.isFinite(c.delta);
		if (hasQty === hasDelta)
			throw new ControlError(
				400,
				`changes[${i}] needs exactly one of quantity or delta (numbers).`,
			);
		if (c.status !== undefined && c.status !== 0 && c.status !== 1)
			throw new ControlError(400, `changes[${i}].status must be 0 or 1.`);
		const prev = data.sourceItems.get(sourceItemKey(c.sku, sourceCode));
		const quantity = hasQty ? (c.quantity as number) : (prev?.quantity ?? 0) + (c.delta as number);
		if (quantity < 0)
			throw new ControlError(
				400,
				`changes[${i}]: ${c.sku} at ${sourceCode} would go below 0 (${quantity}).`,
			);
		return {
			sku: c.sku,
			sourceCode,
			quantity,
			status: c.status ?? (quantity > (data.products.get(c.sku)?.minQty ?? 0) ? 1 : 0),
		};
	});
	for (const n of normalised) data.sourceItems.set(sourceItemKey(n.sku, n.sourceCode), { ...n });
	const skus = [...new Set(normalised.map((n) => n.sku))];
	return {
		sourceItems: normalised.map((n) => sourceItemOut(n)),
		salable: skus.flatMap((sku) =>
			[...data.stocks.values()].map((stock) => ({
				sku,
				stockId: stock.stockId,
				qty: salableQty(data, sku, stock),
			})),
		),
	};
}

export function orderAnswer(data: MagentoData, order: MagentoOrder): Record<string, unknown> {
	return { order: orderOut(data, order) };
}
