import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { orderStateRequest, readOrderState } from '../../../shared/domain/platforms/shopify';
import { gql, output, requiredText, shopifyStep } from '../common';

export const description: INodeProperties[] = [];

/**
 * The order of the purchase order as Apply Change Order's `platformOrder` (statuses, per SKU
 * ordered, fulfilled and in-progress eaches), its PO snapshot, variant ids and the fulfilment orders
 * a hold would stop; `found: false` without an order.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const po = requiredText(this, 'purchaseOrderNumber', 'PO Number', itemIndex);
	const namespace = requiredText(this, 'namespace', 'Metafield Namespace', itemIndex);
	const state = await shopifyStep(this, itemIndex, async () =>
		readOrderState(await gql(this, orderStateRequest(po, namespace), itemIndex), po),
	);
	return [output(this, itemIndex, state as unknown as IDataObject)];
}
