/**
 * Releasing what will not ship: the Amazon customer's partly shipped orders (something shipped,
 * units neither shipped, invoiced nor canceled), the rule that says when their rest is released
 * (Amazon closed the purchase order, or its ship window, else its delivery window, ended more than
 * the grace hours ago), and what a cancel released per SKU. Pure: no n8n imports.
 */
import { HOUR_MS, isObject, type Json } from '../../values';
import { magentoDateTime } from './orders';
import { poNumberOf, searchQuery } from './shipping';

/** `GET /V1/orders` for one customer's orders in state processing created at or after an instant. */
export function processingOrdersQuery(customerId: number, createdFromMs: number): string {
	return searchQuery([
		['customer_id', String(customerId), 'eq'],
		['state', 'processing', 'eq'],
		['created_at', magentoDateTime(createdFromMs), 'gteq'],
	]);
}

/** One line of an order as the release reads it (child items of configurable products left out). */
export interface ReleaseLine {
	itemId: unknown;
	sku: string;
	ordered: number;
	shipped: number;
	canceled: number;
	invoiced: number;
	/** What Magento's cancel cancels: neither shipped (nor refunded), invoiced or canceled. */
	releasable: number;
}

export function releaseLinesOf(order: Json): ReleaseLine[] {
	const items = Array.isArray(order.items) ? order.items.filter(isObject) : [];
	return items
		.filter((i) => !i.parent_item_id)
		.map((i) => {
			const n = (key: string) => Number(i[key] ?? 0);
			const [ordered, shipped, canceled] = [n('qty_ordered'), n('qty_shipped'), n('qty_canceled')];
			const [invoiced, refunded] = [n('qty_invoiced'), n('qty_refunded')];
			const releasable = Math.max(
				0,
				Math.min(ordered - invoiced - canceled, ordered - shipped - refunded - canceled),
			);
			return {
				itemId: i.item_id,
				sku: String(i.sku ?? ''),
				ordered,
				shipped,
				canceled,
				invoiced,
				releasable,
			};
		});
}

export interface PartlyShippedOrder {
	orderId: string;
	incrementId: string;
	purchaseOrderNumber: string;
	state: string;
	createdAt: string;
	lines: ReleaseLine[];
}

/** The order when it is a purchase order's, has something shipped and units left to release. */
export function partlyShippedOrderOf(order: Json): PartlyShippedOrder | null {
	const purchaseOrderNumber = poNumberOf(order);
	const lines = releaseLinesOf(order);
	const partly = lines.some((l) => l.shipped > 0) && lines.some((l) => l.releasable > 0);
	if (purchaseOrderNumber === '' || !partly) return null;
	return {
		orderId: String(order.entity_id ?? ''),
		incrementId: String(order.increment_id ?? ''),
		purchaseOrderNumber,
		state: String(order.state ?? ''),
		createdAt: String(order.created_at ?? ''),
		lines,
	};
}

export interface ReleaseDecision {
	due: boolean;
	why: 'closed' | 'shipWindowEnded' | 'deliveryWindowEnded' | null;
	amazonError: string | null;
	purchaseOrderState: string | null;
	windowKind: 'ship' | 'delivery' | null;
	windowEnd: string | null;
	graceHours: number;
	releaseAt: string | null;
}

/** An instant as ISO 8601 UTC, without milliseconds when they are 0. */
function isoUtc(ms: number): string {
	return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** A window end in epoch ms: a day alone ends at the next midnight UTC; no zone means UTC. */
function windowEndMs(end: string): number {
	const text = end.trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Date.parse(`${text}T00:00:00Z`) + 24 * HOUR_MS;
	const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`;
	return Date.parse(zoned);
}

function windowOf(po: Json): { kind: 'ship' | 'delivery' | null; end: string | null } {
	for (const [kind, key] of [
		['ship', 'shipWindow'],
		['delivery', 'deliveryWindow'],
	] as const) {
		const w = po[key];
		if (isObject(w) && typeof w.end === 'string' && w.end !== '') return { kind, end: w.end };
	}
	return { kind: null, end: null };
}

/**
 * When the rest of an order is released: at once when Amazon closed the purchase order; else once
 * the end of its ship window (its delivery window, for a PO with none) plus the grace hours is
 * past. Never when Amazon's purchase order could not be read (Get Purchase Order's error item).
 */
export function releaseDecision(
	purchaseOrder: unknown,
	nowMs: number,
	graceHours: number,
): ReleaseDecision {
	const po = isObject(purchaseOrder) ? purchaseOrder : {};
	const error = isObject(po.error) ? (po.error.message ?? po.error) : po.error;
	const state =
		typeof po.purchaseOrderState === 'string' && po.purchaseOrderState
			? po.purchaseOrderState
			: null;
	const amazonError = error ? String(error) : state ? null : 'Amazon answered no purchase order';
	const window = windowOf(po);
	const endMs = window.end ? windowEndMs(window.end) : Number.NaN;
	const hasEnd = Number.isFinite(endMs);
	const releaseAtMs = hasEnd ? endMs + graceHours * HOUR_MS : Number.NaN;
	let why: ReleaseDecision['why'] = null;
	if (!amazonError) {
		if (state === 'Closed') why = 'closed';
		else if (hasEnd && releaseAtMs <= nowMs)
			why = `${window.kind as 'ship' | 'delivery'}WindowEnded`;
	}
	return {
		due: why !== null,
		why,
		amazonError,
		purchaseOrderState: state,
		windowKind: window.kind,
		windowEnd: hasEnd ? isoUtc(endMs) : null,
		graceHours,
		releaseAt: hasEnd ? isoUtc(releaseAtMs) : null,
	};
}

/** Why the rest is released, in words: "Amazon closed the PO", "the ship window ended at …". */
export function releaseWhyText(decision: ReleaseDecision): string {
	if (decision.why === 'closed') return 'Amazon closed the PO';
	const grace = decision.graceHours ? ` (plus graceHours: ${decision.graceHours} h)` : '';
	return `the ${String(decision.windowKind)} window ended at ${String(decision.windowEnd)}${grace}`;
}

/**
 * What the cancel released per line: the growth of `qty_canceled` in the order read after it, or
 * (when it could not be read) what was releasable before. Lines with nothing released are left out.
 */
export function releasedUnits(
	before: ReleaseLine[],
	after: Json | null,
): Array<{ sku: string; qty: number; shipped: number; ordered: number }> {
	const items = after && Array.isArray(after.items) ? after.items.filter(isObject) : null;
	return before
		.map((l) => {
			const now = items ? items.find((i) => String(i.item_id) === String(l.itemId)) : undefined;
			const qty = now ? Math.max(0, Number(now.qty_canceled ?? 0) - l.canceled) : l.releasable;
			return { sku: l.sku, qty, shipped: l.shipped, ordered: l.ordered };
		})
		.filter((l) => l.qty > 0);
}

/** `SKU x 12, SKU2 x 3`. */
export function unitsText(lines: Array<{ sku: string; qty: number }>): string {
	return lines.map((l) => `${l.sku} x ${l.qty}`).join(', ');
}

/** The order comment after a release (not shown to the customer). */
export function releaseComment(
	purchaseOrderNumber: string,
	whyText: string,
	released: string,
): string {
	return (
		`Amazon Vendor Central PO ${purchaseOrderNumber}: the rest of this order was canceled by n8n ` +
		`(release what will not ship) because ${whyText}. Released: ${released}. Those units are ` +
		'salable again; nothing more ships against this order.'
	);
}
