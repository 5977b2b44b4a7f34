/**
 * Amazon's static sandbox examples (`x-amzn-api-sandbox.static[]`) in vendorOrders.json, turned
 * into seedable purchase orders. They break the model in places, so they are normalised:
 * - unitOfMeasure compared case-insensitively ("CASES" -> "Cases"; "Each"/"EA" -> "Eaches"; "CA" -> "Cases");
 * - a missing purchaseOrderState becomes New, a missing purchaseOrderStateChangedDate the purchaseOrderDate;
 * - orders without orderDetails (the "includeDetails=false" page) are skipped;
 * - a purchase order number that appears in several examples is taken from its first appearance.
 */
import type { ModelValidator } from './modelValidator';
import type { ItemQuantity, Order } from './types';

const UNITS: Record<string, ItemQuantity['unitOfMeasure']> = {
	cases: 'Cases',
	case: 'Cases',
	ca: 'Cases',
	eaches: 'Eaches',
	each: 'Eaches',
	ea: 'Eaches',
};

function normaliseQuantity(q: unknown): void {
	if (!q || typeof q !== 'object') return;
	const quantity = q as { unitOfMeasure?: string; amount?: unknown };
	if (typeof quantity.unitOfMeasure === 'string') {
		const unit = UNITS[quantity.unitOfMeasure.toLowerCase()];
		if (unit) quantity.unitOfMeasure = unit;
	}
	if (typeof quantity.amount === 'string' && /^\d+$/.test(quantity.amount.trim()))
		quantity.amount = Number(quantity.amount.trim());
}

/** A normalised copy of one example order, or undefined when it cannot become a seed. */
export function normaliseFixtureOrder(raw: unknown): Order | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const order = structuredClone(raw) as Partial<Order>;
	const details = order.orderDetails;
	if (!order.purchaseOrderNumber || !details || !Array.isArray(details.items)) return undefined;
	order.purchaseOrderState = order.purchaseOrderState ?? 'New';
	if (!details.purchaseOrderStateChangedDate)
		details.purchaseOrderStateChangedDate = details.purchaseOrderDate;
	for (const item of details.items) normaliseQuantity(item.orderedQuantity);
	return order as Order;
}

interface StaticExample {
	response?: { payload?: unknown };
}

function examplesOf(operation: Record<string, unknown> | undefined): StaticExample[] {
	const responses = (operation?.responses ?? {}) as Record<string, Record<string, unknown>>;
	const sandbox = responses['200']?.['x-amzn-api-sandbox'] as
		| { static?: StaticExample[] }
		| undefined;
	return sandbox?.static ?? [];
}

/** Every example purchase order of getPurchaseOrders and getPurchaseOrder, normalised. */
export function loadAmazonFixtureOrders(validator: ModelValidator): Order[] {
	const model = validator.readModel('vendorOrders.json') as {
		paths: Record<string, Record<string, Record<string, unknown>>>;
	};
	const raw: unknown[] = [];
	for (const example of examplesOf(model.paths['/vendor/orders/v1/purchaseOrders']?.get)) {
		const orders = (example.response?.payload as { orders?: unknown[] } | undefined)?.orders ?? [];
		raw.push(...orders);
	}
	for (const example of examplesOf(
		model.paths['/vendor/orders/v1/purchaseOrders/{purchaseOrderNumber}']?.get,
	)) {
		if (example.response?.payload) raw.push(example.response.payload);
	}
	const seen = new Set<string>();
	const out: Order[] = [];
	for (const r of raw) {
		const order = normaliseFixtureOrder(r);
		if (!order || seen.has(order.purchaseOrderNumber)) continue;
		seen.add(order.purchaseOrderNumber);
		out.push(order);
	}
	return out;
}
