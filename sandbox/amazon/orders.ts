/**
 * getPurchaseOrders and getPurchaseOrder (GET /vendor/orders/v1/purchaseOrders[/{purchaseOrderNumber}]).
 */
import type { Route } from '../http/router';
import { invalidRequest, notFound } from './errors';
import { amazonOperation, ok } from './operation';
import {
	decodeNextToken,
	encodeNextToken,
	paginate,
	type SortKey,
	type SortOrder,
} from './pagination';
import {
	inWindow,
	readBoolean,
	readEnum,
	readLimit,
	readString,
	readWindow,
	type DateWindow,
} from './queryParams';
import type { AmazonSimulator } from './simulator';
import type { PurchaseOrderRecord } from './state';
import type { Order, PurchaseOrderState } from './types';

export const PURCHASE_ORDER_STATES: readonly PurchaseOrderState[] = [
	'New',
	'Acknowledged',
	'Closed',
];

export interface PurchaseOrderFilters {
	created: DateWindow;
	changed: DateWindow;
	sortOrder: SortOrder;
	poItemState?: 'Cancelled';
	isPOChanged?: boolean;
	purchaseOrderState?: PurchaseOrderState;
	orderingVendorCode?: string;
}

export function readPurchaseOrderFilters(
	query: URLSearchParams,
	nowMs: number,
): PurchaseOrderFilters {
	const filters: PurchaseOrderFilters = {
		created: readWindow(query, 'createdAfter', 'createdBefore', nowMs),
		changed: readWindow(query, 'changedAfter', 'changedBefore', nowMs),
		sortOrder: readEnum(query, 'sortOrder', ['ASC', 'DESC'] as const) ?? 'ASC',
	};
	const poItemState = readEnum(query, 'poItemState', ['Cancelled'] as const);
	if (poItemState) filters.poItemState = poItemState;
	const isPOChanged = readBoolean(query, 'isPOChanged');
	if (isPOChanged !== undefined) filters.isPOChanged = isPOChanged;
	const state = readEnum(query, 'purchaseOrderState', PURCHASE_ORDER_STATES);
	if (state) filters.purchaseOrderState = state;
	const vendor = readString(query, 'orderingVendorCode');
	if (vendor !== undefined) filters.orderingVendorCode = vendor;
	return filters;
}

function dateMs(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

export function matchesPurchaseOrderFilters(order: Order, f: PurchaseOrderFilters): boolean {
	const d = order.orderDetails;
	if (!inWindow(dateMs(d?.purchaseOrderDate), f.created)) return false;
	if (!inWindow(dateMs(d?.purchaseOrderChangedDate), f.changed)) return false;
	if (f.isPOChanged === true && !d?.purchaseOrderChangedDate) return false;
	if (f.poItemState === 'Cancelled' && !d?.items.some((i) => i.orderedQuantity?.amount === 0))
		return false;
	if (f.purchaseOrderState && order.purchaseOrderState !== f.purchaseOrderState) return false;
	if (f.orderingVendorCode !== undefined && d?.sellingParty?.partyId !== f.orderingVendorCode)
		return false;
	return true;
}

/** Sort key by purchaseOrderDate, then number (unique, so pages never overlap). */
export function purchaseOrderKey(record: PurchaseOrderRecord): SortKey {
	return [
		dateMs(record.order.orderDetails?.purchaseOrderDate) ?? 0,
		record.order.purchaseOrderNumber,
	];
}

export function orderRoutes(sim: AmazonSimulator): Route[] {
	return [
		amazonOperation(
			sim,
			{ method: 'GET', path: '/vendor/orders/v1/purchaseOrders', operation: 'getPurchaseOrders' },
			(req) => {
				const limit = readLimit(req.query);
				const includeDetails = readBoolean(req.query, 'includeDetails') ?? true;
				const token = readString(req.query, 'nextToken');
				const cursor = token
					? decodeNextToken<PurchaseOrderFilters>(token, 'getPurchaseOrders')
					: undefined;
				const filters = cursor?.filters ?? readPurchaseOrderFilters(req.query, sim.clock.nowMs());
				const matching = [...sim.state.purchaseOrders.values()].filter((r) =>
					matchesPurchaseOrderFilters(r.order, filters),
				);
				const { page, last } = paginate(
					matching,
					purchaseOrderKey,
					filters.sortOrder,
					limit,
					cursor?.last,
				);
				const orders = page.map((r) =>
					includeDetails
						? structuredClone(r.order)
						: {
								purchaseOrderNumber: r.order.purchaseOrderNumber,
								purchaseOrderState: r.order.purchaseOrderState,
							},
				);
				const payload: Record<string, unknown> = {};
				if (last)
					payload.pagination = {
						nextToken: encodeNextToken({ operation: 'getPurchaseOrders', filters, last }),
					};
				payload.orders = orders;
				return ok(payload);
			},
		),
		amazonOperation(
			sim,
			{
				method: 'GET',
				path: '/vendor/orders/v1/purchaseOrders/{purchaseOrderNumber}',
				operation: 'getPurchaseOrder',
			},
			(req) => {
				const number = req.params.purchaseOrderNumber;
				if (!number || number === 'null') {
					throw invalidRequest(
						'Request is missing or has invalid parameters',
						'purchaseOrderNumber cannot be null',
					);
				}
				const record = sim.state.purchaseOrders.get(number);
				if (!record)
					throw notFound(
						'The requested purchase order was not found.',
						`purchaseOrderNumber ${number}`,
					);
				return ok(structuredClone(record.order));
			},
		),
	];
}
