import type { IExecuteFunctions } from 'n8n-workflow';
import {
	findOrderOfPo,
	orderSearchQuery,
	type OrderOfPo,
} from '../../../shared/domain/platforms/magento';
import { asNodeError } from '../../../shared/transport/errors';
import { magentoRequest } from '../../transport';
import { entityId, instantMs, requiredText } from '../params';

/**
 * The order of the item's purchase order among the customer's recent orders (created at or after
 * `createdAfterMs`, or the Created After parameter).
 */
export async function lookUpOrderOfPo(
	this: IExecuteFunctions,
	itemIndex: number,
	includeCanceled: boolean,
	createdAfterMs?: number,
): Promise<OrderOfPo> {
	const purchaseOrderNumber = requiredText.call(
		this,
		'purchaseOrderNumber',
		'Purchase Order Number',
		itemIndex,
	);
	const customerId = entityId.call(this, 'customerId', 'Customer ID', itemIndex);
	const from = createdAfterMs ?? instantMs.call(this, 'createdAfter', 'Created After', itemIndex);
	const answer = await magentoRequest.call(this, {
		method: 'GET',
		path: `/orders?${orderSearchQuery(customerId, from)}`,
		itemIndex,
		step: 'look up the order of the purchase order',
	});
	try {
		return findOrderOfPo(answer, purchaseOrderNumber, includeCanceled);
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}
