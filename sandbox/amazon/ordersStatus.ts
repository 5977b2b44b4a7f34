/**
 * getPurchaseOrdersStatus (GET /vendor/orders/v1/purchaseOrdersStatus), derived from what the
 * simulator recorded for each line: the quantity history (orderedQuantityDetails, newest first,
 * with added amounts as orderedQuantity and removed amounts as cancelledQuantity, as in Amazon's
 * fixtures), the current acknowledgement, and receipts.
 *
 * confirmationStatus: UNCONFIRMED before any acknowledgement; then ACCEPTED when the accepted
 * (Accepted + Backordered) quantity covers the ordered quantity, REJECTED when it is 0,
 * PARTIALLY_ACCEPTED between. rejectedQuantity is the ordered quantity not accepted.
 * receiveStatus compares receipts with the accepted quantity (the ordered one while unconfirmed).
 * purchaseOrderStatus is CLOSED when every line with something to receive is RECEIVED, or the PO
 * is Closed; else OPEN.
 */
import type { Route } from '../http/router';
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
	readEnum,
	readLimit,
	readString,
	readWindow,
	type DateWindow,
} from './queryParams';
import { inLineUnit, orderedEaches, toEaches } from './quantities';
import type { AmazonSimulator } from './simulator';
import { lineState, type LineState, type PurchaseOrderRecord } from './state';
import type {
	ConfirmationStatus,
	OrderItem,
	OrderItemStatus,
	OrderStatus,
	ReceiveStatus,
} from './types';

export interface LineStatusFacts {
	orderedEaches: number;
	acknowledged: boolean;
	acceptedEaches: number;
	rejectedEaches: number;
	confirmationStatus: ConfirmationStatus;
	receivedEaches: number;
	receiveStatus: ReceiveStatus;
	lastReceiveDate?: string;
}

export function lineFacts(item: OrderItem, line: LineState): LineStatusFacts {
	const ordered = orderedEaches(item);
	const current = line.acknowledgements[line.acknowledgements.length - 1];
	const accepted = current ? current.acceptedEaches + current.backorderedEaches : 0;
	const confirmationStatus: ConfirmationStatus = !current
		? 'UNCONFIRMED'
		: accepted === 0
			? 'REJECTED'
			: accepted >= ordered
				? 'ACCEPTED'
				: 'PARTIALLY_ACCEPTED';
	const received = line.receipts.reduce((sum, r) => sum + r.eaches, 0);
	const expected = current ? Math.min(accepted, ordered) : ordered;
	const receiveStatus: ReceiveStatus =
		received === 0 ? 'NOT_RECEIVED' : received >= expected ? 'RECEIVED' : 'PARTIALLY_RECEIVED';
	const facts: LineStatusFacts = {
		orderedEaches: ordered,
		acknowledged: !!current,
		acceptedEaches: accepted,
		rejectedEaches: current ? Math.max(0, ordered - accepted) : 0,
		confirmationStatus,
		receivedEaches: received,
		receiveStatus,
	};
	if (line.receipts.length)
		facts.lastReceiveDate = line.receipts[line.receipts.length - 1].receivedAt;
	return facts;
}

/** Quantity the buyer still expects for the line (0 for a rejected or cancelled line). */
export function expectedEaches(item: OrderItem, line: LineState): number {
	const f = lineFacts(item, line);
	return f.acknowledged ? Math.min(f.acceptedEaches, f.orderedEaches) : f.orderedEaches;
}

export function isFullyReceived(record: PurchaseOrderRecord): boolean {
	const items = record.order.orderDetails?.items ?? [];
	const open = items.filter((i) => expectedEaches(i, lineState(record, i)) > 0);
	return (
		open.length > 0 &&
		open.every((i) => lineFacts(i, lineState(record, i)).receiveStatus === 'RECEIVED')
	);
}

function latest(dates: Array<string | undefined>): string | undefined {
	let best: string | undefined;
	let bestMs = -Infinity;
	for (const d of dates) {
		const ms = d ? Date.parse(d) : NaN;
		if (Number.isFinite(ms) && ms > bestMs) {
			best = d;
			bestMs = ms;
		}
	}
	return best;
}

function itemStatus(item: OrderItem, line: LineState): OrderItemStatus {
	const facts = lineFacts(item, line);
	const unit = item.orderedQuantity;
	const status: OrderItemStatus = { itemSequenceNumber: item.itemSequenceNumber };
	if (item.amazonProductIdentifier) status.buyerProductIdentifier = item.amazonProductIdentifier;
	if (item.vendorProductIdentifier) status.vendorProductIdentifier = item.vendorProductIdentifier;
	if (item.netCost) status.netCost = { ...item.netCost };
	if (item.listPrice) status.listPrice = { ...item.listPrice };
	status.orderedQuantity = {
		orderedQuantity: inLineUnit(facts.orderedEaches, unit),
		orderedQuantityDetails: [...line.quantityHistory].reverse().map((h) => {
			const entry: {
				updatedDate: string;
				orderedQuantity?: ReturnType<typeof inLineUnit>;
				cancelledQuantity?: ReturnType<typeof inLineUnit>;
			} = {
				updatedDate: h.updatedDate,
			};
			if (h.orderedQuantity)
				entry.orderedQuantity = inLineUnit(toEaches(h.orderedQuantity, unit), unit);
			if (h.cancelledQuantity)
				entry.cancelledQuantity = inLineUnit(toEaches(h.cancelledQuantity, unit), unit);
			return entry;
		}),
	};
	status.acknowledgementStatus = {
		confirmationStatus: facts.confirmationStatus,
		acceptedQuantity: inLineUnit(facts.acceptedEaches, unit),
		rejectedQuantity: inLineUnit(facts.rejectedEaches, unit),
	};
	if (line.acknowledgements.length) {
		status.acknowledgementStatus.acknowledgementStatusDetails = line.acknowledgements.map((a) => {
			const accepted = a.acceptedEaches + a.backorderedEaches;
			return {
				acknowledgementDate: a.acknowledgementDate,
				acceptedQuantity: inLineUnit(accepted, unit),
				rejectedQuantity: inLineUnit(Math.max(0, facts.orderedEaches - accepted), unit),
			};
		});
	}
	status.receivingStatus = {
		receiveStatus: facts.receiveStatus,
		receivedQuantity: inLineUnit(facts.receivedEaches, unit),
	};
	if (facts.lastReceiveDate) status.receivingStatus.lastReceiveDate = facts.lastReceiveDate;
	return status;
}

export function buildOrderStatus(record: PurchaseOrderRecord, vendorCode: string): OrderStatus {
	const order = record.order;
	const d = order.orderDetails;
	const items = d?.items ?? [];
	const lines = items.map((i) => lineState(record, i));
	const closed = order.purchaseOrderState === 'Closed' || isFullyReceived(record);
	const lastUpdatedDate = latest([
		d?.purchaseOrderDate,
		d?.purchaseOrderChangedDate,
		d?.purchaseOrderStateChangedDate,
		...lines.flatMap((l) => l.acknowledgements.map((a) => a.recordedAt)),
		...lines.flatMap((l) => l.receipts.map((r) => r.receivedAt)),
	]);
	const status: OrderStatus = {
		purchaseOrderNumber: order.purchaseOrderNumber,
		purchaseOrderStatus: closed ? 'CLOSED' : 'OPEN',
		purchaseOrderDate: d?.purchaseOrderDate ?? record.seededAt,
		sellingParty: d?.sellingParty ? structuredClone(d.sellingParty) : { partyId: vendorCode },
		shipToParty: d?.shipToParty ? structuredClone(d.shipToParty) : { partyId: 'UNKNOWN' },
		itemStatus: items.map((item, n) => itemStatus(item, lines[n])),
	};
	if (lastUpdatedDate) status.lastUpdatedDate = lastUpdatedDate;
	return status;
}

export interface StatusFilters {
	created: DateWindow;
	updated: DateWindow;
	sortOrder: SortOrder;
	purchaseOrderNumber?: string;
	purchaseOrderStatus?: 'OPEN' | 'CLOSED';
	itemConfirmationStatus?: ConfirmationStatus;
	itemReceiveStatus?: ReceiveStatus;
	orderingVendorCode?: string;
	shipToPartyId?: string;
}

export function readStatusFilters(query: URLSearchParams, nowMs: number): StatusFilters {
	const f: StatusFilters = {
		created: readWindow(query, 'createdAfter', 'createdBefore', nowMs),
		updated: readWindow(query, 'updatedAfter', 'updatedBefore', nowMs),
		sortOrder: readEnum(query, 'sortOrder', ['ASC', 'DESC'] as const) ?? 'ASC',
	};
	const po = readString(query, 'purchaseOrderNumber');
	if (po !== undefined) f.purchaseOrderNumber = po;
	const poStatus = readEnum(query, 'purchaseOrderStatus', ['OPEN', 'CLOSED'] as const);
	if (poStatus) f.purchaseOrderStatus = poStatus;
	const confirmation = readEnum(query, 'itemConfirmationStatus', [
		'ACCEPTED',
		'PARTIALLY_ACCEPTED',
		'REJECTED',
		'UNCONFIRMED',
	] as const);
	if (confirmation) f.itemConfirmationStatus = confirmation;
	const receive = readEnum(query, 'itemReceiveStatus', [
		'NOT_RECEIVED',
		'PARTIALLY_RECEIVED',
		'RECEIVED',
	] as const);
	if (receive) f.itemReceiveStatus = receive;
	const vendor = readString(query, 'orderingVendorCode');
	if (vendor !== undefined) f.orderingVendorCode = vendor;
	const shipTo = readString(query, 'shipToPartyId');
	if (shipTo !== undefined) f.shipToPartyId = shipTo;
	return f;
}

function matchesStatusFilters(s: OrderStatus, f: StatusFilters): boolean {
	if (f.purchaseOrderNumber !== undefined && s.purchaseOrderNumber !== f.purchaseOrderNumber)
		return false;
	if (!inWindow(Date.parse(s.purchaseOrderDate), f.created)) return false;
	if (!inWindow(s.lastUpdatedDate ? Date.parse(s.lastUpdatedDate) : undefined, f.updated))
		return false;
	if (f.purchaseOrderStatus && s.purchaseOrderStatus !== f.purchaseOrderStatus) return false;
	if (
		f.itemConfirmationStatus &&
		!s.itemStatus.some(
			(i) => i.acknowledgementStatus?.confirmationStatus === f.itemConfirmationStatus,
		)
	)
		return false;
	if (
		f.itemReceiveStatus &&
		!s.itemStatus.some((i) => i.receivingStatus?.receiveStatus === f.itemReceiveStatus)
	)
		return false;
	if (f.orderingVendorCode !== undefined && s.sellingParty.partyId !== f.orderingVendorCode)
		return false;
	if (f.shipToPartyId !== undefined && s.shipToParty.partyId !== f.shipToPartyId) return false;
	return true;
}

function statusKey(s: OrderStatus): SortKey {
	return [Date.parse(s.purchaseOrderDate) || 0, s.purchaseOrderNumber];
}

export function orderStatusRoutes(sim: AmazonSimulator): Route[] {
	return [
		amazonOperation(
			sim,
			{
				method: 'GET',
				path: '/vendor/orders/v1/purchaseOrdersStatus',
				operation: 'getPurchaseOrdersStatus',
			},
			(req) => {
				const limit = readLimit(req.query);
				const token = readString(req.query, 'nextToken');
				const cursor = token
					? decodeNextToken<StatusFilters>(token, 'getPurchaseOrdersStatus')
					: undefined;
				const filters = cursor?.filters ?? readStatusFilters(req.query, sim.clock.nowMs());
				const statuses = [...sim.state.purchaseOrders.values()]
					.map((r) => buildOrderStatus(r, sim.state.vendorCode))
					.filter((s) => matchesStatusFilters(s, filters));
				const { page, last } = paginate(
					statuses,
					statusKey,
					filters.sortOrder,
					limit,
					cursor?.last,
				);
				const payload: Record<string, unknown> = {};
				if (last)
					payload.pagination = {
						nextToken: encodeNextToken({ operation: 'getPurchaseOrdersStatus', filters, last }),
					};
				payload.ordersStatus = page;
				return ok(payload);
			},
		),
	];
}
