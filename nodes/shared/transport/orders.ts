/**
 * Reading purchase orders and their status from Amazon: windowed queries, every page, each
 * purchase order once.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Query } from '../domain/orderQueries';
import { SP_API_OPERATIONS } from './operations';
import { paginateOperation, type SpApiContext } from './spApi';

export const ORDERS_PATH = SP_API_OPERATIONS.getPurchaseOrders.path;
export const STATUS_PATH = SP_API_OPERATIONS.getPurchaseOrdersStatus.path;

export type RawOrder = IDataObject & { purchaseOrderNumber?: string };

export type OrderListOperation = 'getPurchaseOrders' | 'getPurchaseOrdersStatus';

/**
 * Runs each query (one per 7-day window), follows nextToken, and keeps the first copy of each
 * purchase order; stops once `max` purchase orders were collected.
 */
export async function fetchOrders(
	this: SpApiContext,
	operation: OrderListOperation,
	queries: Query[],
	options: { max?: number; itemIndex?: number } = {},
): Promise<RawOrder[]> {
	const seen = new Set<string>();
	const firstCopy = (order: RawOrder): boolean => {
		const key = String((order as RawOrder | null)?.purchaseOrderNumber ?? '');
		if (key && seen.has(key)) return false;
		if (key) seen.add(key);
		return true;
	};
	const out: RawOrder[] = [];
	for (const query of queries) {
		const max = options.max === undefined ? undefined : options.max - out.length;
		const found = await paginateOperation<RawOrder>(
			this,
			operation,
			{ qs: { ...query }, itemIndex: options.itemIndex },
			{ max, keep: firstCopy },
		);
		out.push(...found);
		// The paging stopped at `max` (not at the last page) only if it kept an item and reached it.
		if (options.max !== undefined && found.length > 0 && out.length >= options.max) return out;
	}
	return out;
}
