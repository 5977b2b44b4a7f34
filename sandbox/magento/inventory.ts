/**
 * Catalog and MSI (Multi-Source Inventory), as Magento computes them:
 *
 *   salable quantity(sku, stock) = Σ quantity of the sku's in-stock source items on the stock's
 *                                  enabled sources + Σ reservations(sku, stock) − out-of-stock threshold
 *
 * Reservations are append-only: placing an order adds −qty per line (`order_placed`), cancelling
 * adds +qty canceled (`order_canceled`), and a shipment deducts the source item and adds +qty
 * shipped (`shipment_created`) so that the salable quantity does not move twice.
 */
import type { SandboxClock } from '../clock';
import { inputError, MagentoError } from './errors';
import { applySearchCriteria, type SearchCriteria, type SearchResult } from './searchCriteria';
import {
	nextId,
	sourceItemKey,
	type MagentoData,
	type MagentoOrder,
	type MagentoSourceItem,
	type MagentoStock,
	type MagentoStore,
} from './state';

export function storeById(data: MagentoData, storeId: number): MagentoStore | undefined {
	return data.stores.find((s) => s.id === storeId);
}

export function storeByCode(data: MagentoData, code: string): MagentoStore | undefined {
	return data.stores.find((s) => s.code === code);
}

/** The stock that serves a website (its sales channel); the default stock 1 when none is linked. */
export function stockForWebsite(data: MagentoData, websiteCode: string): MagentoStock {
	for (const stock of data.stocks.values())
		if (stock.websiteCodes.includes(websiteCode)) return stock;
	const fallback = data.stocks.get(1) ?? [...data.stocks.values()][0];
	if (!fallback) throw new MagentoError(500, 'No stock is configured.');
	return fallback;
}

export function stockForStore(data: MagentoData, storeId: number): MagentoStock {
	const store = storeById(data, storeId) ?? data.stores[0];
	return stockForWebsite(data, store.websiteCode);
}

export function sourceItemsOf(data: MagentoData, sku: string): MagentoSourceItem[] {
	return [...data.sourceItems.values()].filter((si) => si.sku === sku);
}

/** Σ quantity of in-stock source items on the stock's enabled sources (Magento's stock index). */
export function indexedQty(data: MagentoData, sku: string, stock: MagentoStock): number {
	let qty = 0;
	for (const code of stock.sourceCodes) {
		const source = data.sources.get(code);
		if (!source || !source.enabled) continue;
		const item = data.sourceItems.get(sourceItemKey(sku, code));
		if (item && item.status === 1) qty += item.quantity;
	}
	return qty;
}

export function reservedQty(data: MagentoData, sku: string, stockId: number): number {
	let qty = 0;
	for (const r of data.reservations) if (r.sku === sku && r.stockId === stockId) qty += r.quantity;
	return qty;
}

/** GetProductSalableQty. */
export function salableQty(data: MagentoData, sku: string, stock: MagentoStock): number {
	const product = data.products.get(sku);
	const minQty = product?.minQty ?? 0;
	const value = indexedQty(data, sku, stock) + reservedQty(data, sku, stock.stockId) - minQty;
	return Math.round(value * 10000) / 10000;
}

/** The REST operation: 400 for an unknown SKU, 404 for an unknown stock. */
export function getProductSalableQty(data: MagentoData, sku: string, stockId: number): number {
	const stock = data.stocks.get(stockId);
	if (!data.products.has(sku)) {
		throw inputError('Following products with requested skus were not found: %1', [sku]);
	}
	if (!stock)
		throw new MagentoError(404, 'Stock with id "%value" does not exist.', { value: stockId });
	return salableQty(data, sku, stock);
}

export type SalesEventType =
	| 'order_placed'
	| 'order_canceled'
	| 'shipment_created'
	| 'creditmemo_created'
	| 'manual_compensation';

/** Appends one reservation per line (lines with quantity 0 are skipped). */
export function placeReservations(
	data: MagentoData,
	clock: SandboxClock,
	stockId: number,
	lines: Array<{ sku: string; quantity: number }>,
	event: SalesEventType,
	order: Pick<MagentoOrder, 'entityId' | 'incrementId'>,
): void {
	for (const line of lines) {
		if (!line.quantity) continue;
		data.reservations.push({
			reservationId: nextId(data, 'reservation'),
			stockId,
			sku: line.sku,
			quantity: line.quantity,
			metadata: {
				event_type: event,
				object_type: 'order',
				object_id: String(order.entityId),
				object_increment_id: order.incrementId,
			},
			createdAt: clock.nowIso(),
		});
	}
}

/** Status a source item gets after its quantity changes: out of stock at or below the product's threshold. */
function statusAfterDeduction(data: MagentoData, sku: string, quantity: number): number {
	const minQty = data.products.get(sku)?.minQty ?? 0;
	return quantity > minQty ? 1 : 0;
}

/** SourceDeductionService: false when a source item is missing or short (nothing is changed then). */
export function canDeduct(
	data: MagentoData,
	sourceCode: string,
	lines: Array<{ sku: string; qty: number }>,
): boolean {
	const needed = new Map<string, number>();
	for (const l of lines) needed.set(l.sku, (needed.get(l.sku) ?? 0) + l.qty);
	for (const [sku, qty] of needed) {
		const item = data.sourceItems.get(sourceItemKey(sku, sourceCode));
		if (!item || item.quantity < qty) return false;
	}
	return true;
}

export function deductSource(
	data: MagentoData,
	sourceCode: string,
	lines: Array<{ sku: string; qty: number }>,
): void {
	for (const l of lines) {
		const item = data.sourceItems.get(sourceItemKey(l.sku, sourceCode));
		if (!item) continue;
		item.quantity = Math.round((item.quantity - l.qty) * 10000) / 10000;
		item.status = statusAfterDeduction(data, l.sku, item.quantity);
	}
}

/**
 * The source a shipment without `source_code` is taken from: the only source of the stock, else
 * the first source by priority that holds every line (Magento's "priority" source selection),
 * else the first source (the deduction then fails).
 */
export function pickSource(
	data: MagentoData,
	stock: MagentoStock,
	lines: Array<{ sku: string; qty: number }>,
): string {
	const enabled = stock.sourceCodes.filter((c) => data.sources.get(c)?.enabled !== false);
	const candidates = enabled.length ? enabled : stock.sourceCodes;
	if (candidates.length === 1) return candidates[0];
	return candidates.find((c) => canDeduct(data, c, lines)) ?? candidates[0] ?? 'default';
}

export interface SourceItemInput {
	sku?: string;
	source_code?: string;
	quantity?: number;
	status?: number;
}

/** SourceItemsSave: validates every item first ("Validation Failed" with the errors), then saves all. */
export function saveSourceItems(data: MagentoData, items: SourceItemInput[]): void {
	if (!items.length) throw inputError('Input data is empty');
	const errors: Array<{ message: string; parameters: Record<string, unknown> }> = [];
	for (const item of items) {
		if (!item.sku || String(item.sku).trim() === '')
			errors.push({ message: '"%field" can not be empty.', parameters: { field: 'sku' } });
		if (!item.source_code || String(item.source_code).trim() === '')
			errors.push({ message: '"%field" can not be empty.', parameters: { field: 'source_code' } });
		if (
			item.quantity !== undefined &&
			(typeof item.quantity !== 'number' || !Number.isFinite(item.quantity))
		) {
			errors.push({ message: '"%field" should be numeric.', parameters: { field: 'quantity' } });
		}
		if (item.status !== undefined && item.status !== 0 && item.status !== 1) {
			errors.push({
				message: '"%field" should be one of %values.',
				parameters: { field: 'status', values: '0, 1' },
			});
		}
	}
	if (errors.length) throw new MagentoError(400, 'Validation Failed', undefined, errors);
	for (const item of items) {
		if (!data.sources.has(item.source_code as string))
			throw inputError('Could not save Source Item');
	}
	for (const item of items) {
		const key = sourceItemKey(item.sku as string, item.source_code as string);
		const prev = data.sourceItems.get(key);
		const quantity = item.quantity ?? prev?.quantity ?? 0;
		data.sourceItems.set(key, {
			sku: item.sku as string,
			sourceCode: item.source_code as string,
			quantity,
			status: item.status ?? prev?.status ?? (quantity > 0 ? 1 : 0),
		});
	}
}

export function deleteSourceItems(data: MagentoData, items: SourceItemInput[]): void {
	if (!items.length) throw inputError('Input data is empty');
	for (const item of items) {
		if (!item.sku || !item.source_code)
			throw new MagentoError(400, 'Validation Failed', undefined, [
				{
					message: '"%field" can not be empty.',
					parameters: { field: item.sku ? 'source_code' : 'sku' },
				},
			]);
	}
	for (const item of items)
		data.sourceItems.delete(sourceItemKey(item.sku as string, item.source_code as string));
}

export function sourceItemOut(si: MagentoSourceItem): Record<string, unknown> {
	return { sku: si.sku, source_code: si.sourceCode, quantity: si.quantity, status: si.status };
}

export function searchSourceItems(
	data: MagentoData,
	criteria: SearchCriteria,
): SearchResult<Record<string, unknown>> {
	const rows = [...data.sourceItems.values()].map(sourceItemOut);
	return applySearchCriteria(rows, criteria, (r) => r, [
		'source_item_id',
		'sku',
		'source_code',
		'quantity',
		'status',
	]);
}

export function sourceOut(data: MagentoData, code: string): Record<string, unknown> {
	const s = data.sources.get(code);
	if (!s) return {};
	return {
		source_code: s.sourceCode,
		name: s.name,
		enabled: s.enabled,
		country_id: s.countryId,
		postcode: s.postcode,
		use_default_carrier_config: true,
		extension_attributes: {
			is_pickup_location_active: false,
			frontend_name: '',
			frontend_description: '',
		},
	};
}

export function stockOut(stock: MagentoStock): Record<string, unknown> {
	return {
		stock_id: stock.stockId,
		name: stock.name,
		extension_attributes: {
			sales_channels: stock.websiteCodes.map((code) => ({ type: 'website', code })),
		},
	};
}
