import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	buildOrderRequest,
	readVariantIds,
	skuRequests,
	skusOfLines,
	unitsToOrder,
	VARIANTS_QUERY,
} from '../../../shared/domain/platforms/shopify';
import { gql, output, requiredText, shopifyStep, stringField } from '../common';

export const description: INodeProperties[] = [
	stringField('order', ['buildRequest'], {
		displayName: 'Vendor Code',
		name: 'vendorCode',
		description: 'Your Amazon vendor code, for a purchase order that names no selling party',
	}),
];

/**
 * The orderCreate request of an item of Acknowledge PO (Acknowledged output), with the variant ids
 * of its SKUs read from Shopify. Sends no order: Create sends it.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const item = this.getInputData()[itemIndex].json;
	const orderTag = requiredText(this, 'orderTag', 'Order Tag', itemIndex);
	const namespace = requiredText(this, 'namespace', 'Metafield Namespace', itemIndex);
	const vendorCode = String(this.getNodeParameter('vendorCode', itemIndex, '') ?? '').trim();
	const skus = [...new Set([...skusOfLines(item), ...unitsToOrder(item).map((u) => u.sku)])];
	const variantIds = await shopifyStep(this, itemIndex, async () => {
		const bodies: unknown[] = [];
		for (const request of skuRequests(skus, VARIANTS_QUERY))
			bodies.push(await gql(this, request, itemIndex));
		return readVariantIds(bodies);
	});
	const built = buildOrderRequest(item, {
		orderTag,
		namespace,
		vendorCode,
		variantIds,
		savedAt: new Date().toISOString(),
	});
	return [
		output(this, itemIndex, {
			purchaseOrderNumber: built.purchaseOrderNumber,
			acceptedEaches: built.acceptedEaches,
			orderRequest: JSON.stringify(built.orderRequest),
			variantIds,
		}),
	];
}
