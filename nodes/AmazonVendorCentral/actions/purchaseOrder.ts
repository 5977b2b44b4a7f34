import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { cleanQuery, windowedQueries, type Query } from '../../shared/domain/orderQueries';
import { DateRangeError } from '../../shared/domain/dateWindows';
import {
	normalisePurchaseOrder,
	PurchaseOrderFormatError,
} from '../../shared/domain/purchaseOrder';
import { callOperation, payloadOf } from '../../shared/transport/spApi';
import { fetchOrders, type RawOrder } from '../../shared/transport/orders';

type Order = RawOrder;

function shape(
	this: IExecuteFunctions,
	order: Order,
	outputShape: string,
	itemIndex: number,
): IDataObject {
	if (outputShape !== 'canonical') return order;
	try {
		return { ...(normalisePurchaseOrder(order) as unknown as IDataObject), raw: order };
	} catch (error) {
		const reason =
			error instanceof PurchaseOrderFormatError ? error.message : (error as Error).message;
		throw new NodeOperationError(
			this.getNode(),
			`Purchase order ${order.purchaseOrderNumber ?? '(no number)'} cannot be normalised: ${reason}`,
			{
				itemIndex,
			},
		);
	}
}

function queriesOrError(this: IExecuteFunctions, build: () => Query[], itemIndex: number): Query[] {
	try {
		return build();
	} catch (error) {
		const message =
			error instanceof DateRangeError
				? error.message
				: `Invalid date range: ${(error as Error).message}`;
		throw new NodeOperationError(this.getNode(), message, { itemIndex });
	}
}

export async function getPurchaseOrder(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const number = String(this.getNodeParameter('purchaseOrderNumber', itemIndex)).trim();
	if (!number) {
		throw new NodeOperationError(this.getNode(), 'Purchase Order Number is empty', { itemIndex });
	}
	const outputShape = this.getNodeParameter('outputShape', itemIndex, 'amazon') as string;
	const response = await callOperation(this, 'getPurchaseOrder', {
		pathParams: { purchaseOrderNumber: number },
		itemIndex,
	});
	return [shape.call(this, payloadOf<Order>(response.body), outputShape, itemIndex)];
}

export async function getPurchaseOrders(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
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
				{
					afterParam: 'createdAfter',
					beforeParam: 'createdBefore',
					after: createdAfter as string,
					before: createdBefore as string,
				},
				{
					afterParam: 'changedAfter',
					beforeParam: 'changedBefore',
					after: changedAfter as string,
					before: changedBefore as string,
				},
			]),
		itemIndex,
	);
	const orders = await fetchOrders.call(this, 'getPurchaseOrders', queries, {
		max: limit,
		itemIndex,
	});
	const detailed = base.includeDetails !== 'false';
	return orders.map((o) => (detailed ? shape.call(this, o, outputShape, itemIndex) : o));
}

export async function getPurchaseOrdersStatus(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = this.getNodeParameter('statusFilters', itemIndex, {}) as IDataObject;
	const { createdAfter, createdBefore, updatedAfter, updatedBefore, ...rest } = filters;
	const base = cleanQuery({ ...rest, limit: Math.min(limit ?? 100, 100) });
	const queries = queriesOrError.call(
		this,
		() =>
			windowedQueries(base, [
				{
					afterParam: 'createdAfter',
					beforeParam: 'createdBefore',
					after: createdAfter as string,
					before: createdBefore as string,
				},
				{
					afterParam: 'updatedAfter',
					beforeParam: 'updatedBefore',
					after: updatedAfter as string,
					before: updatedBefore as string,
				},
			]),
		itemIndex,
	);
	return fetchOrders.call(this, 'getPurchaseOrdersStatus', queries, { max: limit, itemIndex });
}
