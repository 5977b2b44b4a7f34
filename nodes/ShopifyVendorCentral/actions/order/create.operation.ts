import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	ORDER_CREATE_MUTATION,
	orderByPoRequest,
	parseOrderRequest,
	readOrderCreated,
	readOrderLookup,
} from '../../../shared/domain/platforms/shopify';
import { gql, jsonParameter, output, requiredText, shopifyStep } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'Order Request',
		name: 'orderRequest',
		type: 'json',
		required: true,
		default: '',
		displayOptions: { show: { resource: ['order'], operation: ['create'] } },
		description:
			'The orderCreate variables {order, options}, as Build Order Request gives them (JSON text or object)',
	},
];

/**
 * Creates the order of the purchase order, once: an order with this PO number already in Shopify
 * is returned (`created: false`) instead of a second one. Shopify errors throw, naming the PO.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const po = requiredText(this, 'purchaseOrderNumber', 'PO Number', itemIndex);
	const variables = parseOrderRequest(
		jsonParameter(this, 'orderRequest', 'Order Request', itemIndex),
	);
	const result = await shopifyStep(this, itemIndex, async () => {
		const existing = readOrderLookup(await gql(this, orderByPoRequest(po), itemIndex), po);
		if (existing.found)
			return {
				purchaseOrderNumber: po,
				created: false,
				orderId: existing.orderId,
				orderName: existing.orderName,
			};
		const body = await gql(this, { query: ORDER_CREATE_MUTATION, variables }, itemIndex);
		const order = readOrderCreated(body, po);
		return { purchaseOrderNumber: po, created: true, orderId: order.id, orderName: order.name };
	});
	return [output(this, itemIndex, result)];
}
