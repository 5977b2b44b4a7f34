/**
 * Reading purchase orders and their status from Amazon: windowed queries, every page, each
 * purchase order once.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Query } from '../domain/orderQueries';
import { payloadOf, spApiRequest, type SpApiContext } from './spApi';

export const ORDERS_PATH = '/vendor/orders/v1/purchaseOrders';
export const STATUS_PATH = '/vendor/orders/v1/purchaseOrdersStatus';

export type RawOrder = IDataObject & { purchaseOrderNumber?: string };

const SOURCES = {
	getPurchaseOrders: { path: ORDERS_PATH, listKey: 'orders' },
	getPurchaseOrdersStatus: { path: STATUS_PATH, listKey: 'ordersStatus' },
} as const;

/**
 * Runs each query (one per 7-day window), follows nextToken, and keeps the first copy of each
 * purchase order; stops once `max` purchase orders were collected.
 */
export async function fetchOrders(
	this: SpApiContext,
	operation: keyof typeof SOURCES,
	queries: Query[],
	options: { max?: number; itemIndex?: number } = {},
): Promise<RawOrder[]> {
	const { path, listKey } = SOURCES[operation];
	const seen = new Set<string>();
	const out: RawOrder[] = [];
	for (const query of queries) {
		let nextToken: string | undefined;
		do {
			const qs: IDataObject = nextToken ? { ...query, nextToken } : { ...query };
			const response = await spApiRequest.call(this, {
				operation,
				method: 'GET',
				path,
				qs,
				itemIndex: options.itemIndex,
			});
			const payload = payloadOf<Record<string, unknown> & { pagination?: { nextToken?: string } }>(
				response.body,
			);
			const list = (Array.isArray(payload?.[listKey]) ? payload[listKey] : []) as RawOrder[];
			for (const order of list) {
				const key = String(order.purchaseOrderNumber ?? '');
				if (key && seen.has(key)) continue;
				if (key) seen.add(key);
				out.push(order);
				if (options.max !== undefined && out.length >= options.max) return out;
			}
			nextToken = payload?.pagination?.nextToken || undefined;
		} while (nextToken);
	}
	return out;
}
