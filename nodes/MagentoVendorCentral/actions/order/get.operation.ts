import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { fulfilmentStateOf } from '../../../shared/domain/platforms/magento';
import { asNodeError } from '../../../shared/transport/errors';
import { magentoRequest } from '../../transport';
import { entityId } from '../params';
import { orderIdField } from './common';

export const description: INodeProperties[] = [
	orderIdField(['get', 'hold', 'unhold', 'cancel', 'addComment', 'applyChangePlan']),
];

/** The order's fulfilment state: `platformOrder` (Apply Change Order's input), `magento`, `order`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = entityId.call(this, 'orderId', 'Order ID', itemIndex);
	const order = await magentoRequest.call(this, {
		method: 'GET',
		path: `/orders/${orderId}`,
		itemIndex,
		step: 'read the order',
	});
	try {
		return [{ ...fulfilmentStateOf(order), order } as unknown as IDataObject];
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}
