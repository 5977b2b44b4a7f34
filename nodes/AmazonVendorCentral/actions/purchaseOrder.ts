import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { cleanQuery, windowedQueries, type Query } from '../../shared/domain/orderQueries';
import { DateRangeError } from '../../shared/domain/dateWindows';
import { normalisePurchaseOrder, PurchaseOrderFormatError } from '../../shared/domain/purchaseOrder';
import { payloadOf, spApiRequest, type PageResult } from '../../shared/transport/spApi';

const ORDERS_PATH = '/vendor/orders/v1/purchaseOrders';
const STATUS_PATH = '/vendor/orders/v1/purchaseOrdersStatus';

type Order = IDataObject & { purchaseOrderNumber?: string };

function shape(this: IExecuteFunctions, order: Order, outputShape: string, itemIndex: number): IDataObject {
	if (outputShape !== 'canonical') return order;
	try {
		return { ...(normalisePurchaseOrder(order) as unknown as IDataObject), raw: order };
	} catch (error) {
		const reason = error instanceof PurchaseOrderFormatError ? error.message : (error as Error).message;
		throw new NodeOperationError(this.getNode(), `Purchase order ${order.purchaseOrderNumber ?? '(no number)'} cannot be normalised: ${reason}`, {
			itemIndex,
		});
	}
}

function queriesOrError(this: IExecuteFunctions, build: () => Query[], itemIndex: number): Query[] {
	try {
		return build();
	} catch (error) {
		const message = error instanceof DateRangeError ? error.message : `Invalid date range: ${(error as Error).message}`;
		throw new NodeOperationError(this.getNode(), message, { itemIndex });
	}
}

/** Runs each windowed query, pages through it, and keeps the first copy of each purchase order. */
async function collect(
	this: IExecuteFunctions,
	operation: 'getPurchaseOrders' | 'getPurchaseOrdersStatus',
	path: string,
	queries: Query[],
	readPage: (body: unknown) => PageResult<Order>,
	max: number | undefined,
	itemIndex: number,
): Promise<Order[]> {
	const seen = new Set<string>();
	const out: Order[] = [];
	for (const query of queries) {
		let nextToken: string | undefined;
		do {
			const qs: IDataObject = nextToken ? { ...query, nextToken } : { ...query };
			const response = await spApiRequest.call(this, { operation, method: 'GET', path, qs, itemIndex });
			const page = readPage(response.body);
			for (const order of page.items) {
				const key = String(order.purchaseOrderNumber ?? '');
				if (key && seen.has(key)) continue;
				if (key) seen.add(key);
				out.push(order);
				if (max !== undefined && out.length >= max) return out;
			}
			nextToken = page.nextToken || undefined;
		} while (nextToken);
	}
	return out;
}

export async function getPurchaseOrder(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const number = String(this.getNodeParameter('purchaseOrderNumber', itemIndex)).trim();
	if (!number) {
		throw new NodeOperationError(this.getNode(), 'Purchase Order Number is empty', { itemIndex });
	}
	const outputShape = this.getNodeParameter('outputShape', itemIndex, 'amazon') as string;
	const response = await spApiRequest.call(this, {
		operation: 'getPurchaseOrder',
		method: 'GET',
		path: `${ORDERS_PATH}/${encodeURIComponent(number)}`,
		itemIndex,
	});
	return [shape.call(this, payloadOf<Order>(response.body), outputShape, itemIndex)];
}

export async function getPurchaseOrders(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const outputShape = this.getNodeParameter('outputShape', itemIndex, 'amazon') as string;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const { createdAfter, createdBefore, changedAfter, changedBefore, ...rest } = filters;
	const base = cleanQuery({ ...rest, limit: Math.min(limit ?? 100, 100) });
	const queries = queriesOrError.call(
		this,
		() =>
			windowedQueries(base, [
				{ afterParam: 'createdAfter', beforeParam: 'createdBefore', after: createdAfter as string, before: createdBefore as string },
				{ afterParam: 'changedAfter', beforeParam: 'changedBefore', after: changedAfter as string, before: changedBefore as string },
			]),
		itemIndex,
	);
	const readPage = (body: unknown): PageResult<Order> => {
		const payload = payloadOf<{ orders?: Order[]; pagination?: { nextToken?: string } }>(body);
		return { items: payload?.orders ?? [], nextToken: payload?.pagination?.nextToken };
	};
	const orders = await collect.call(this, 'getPurchaseOrders', ORDERS_PATH, queries, readPage, limit, itemIndex);
	const detailed = base.includeDetails !== 'false';
	return orders.map((o) => (detailed ? shape.call(this, o, outputShape, itemIndex) : o));
}

export async function getPurchaseOrdersStatus(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = this.getNodeParameter('statusFilters', itemIndex, {}) as IDataObject;
	const { createdAfter, createdBefore, updatedAfter, updatedBefore, ...rest } = filters;
	const base = cleanQuery({ ...rest, limit: Math.min(limit ?? 100, 100) });
	const queries = queriesOrError.call(
		this,
		() =>
			windowedQueries(base, [
				{ afterParam: 'createdAfter', beforeParam: 'createdBefore', after: createdAfter as string, before: createdBefore as string },
				{ afterParam: 'updatedAfter', beforeParam: 'updatedBefore', after: updatedAfter as string, before: updatedBefore as string },
			]),
		itemIndex,
	);
	const readPage = (body: unknown): PageResult<Order> => {
		const payload = payloadOf<{ ordersStatus?: Order[]; pagination?: { nextToken?: string } }>(body);
		return { items: payload?.ordersStatus ?? [], nextToken: payload?.pagination?.nextToken };
	};
	return collect.call(this, 'getPurchaseOrdersStatus', STATUS_PATH, queries, readPage, limit, itemIndex);
}
