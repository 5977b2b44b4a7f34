import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	ordersOfAnswer,
	partlyShippedOrderOf,
	processingOrdersQuery,
} from '../../../shared/domain/platforms/magento';
import { asNodeError } from '../../../shared/transport/errors';
import { magentoRequest } from '../../transport';
import { entityId } from '../params';
import { lookbackStartMs } from '../shipment/common';
import { customerIdField, show } from './common';

export const description: INodeProperties[] = [
	customerIdField(['getPartlyShipped']),
	show(['getPartlyShipped'], {
		displayName: 'Look Back (Days)',
		name: 'lookbackDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'Orders created in this many days are read (longer than your longest ship window)',
	}),
];

/**
 * One item per order of the customer in state processing, created in the look-back, with a
 * purchase order number, something shipped and units neither shipped, invoiced nor canceled: its
 * lines with what a cancel would release. A search Magento does not answer is an error.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const customerId = entityId.call(this, 'customerId', 'Customer ID', itemIndex);
	const from = lookbackStartMs(this, 30, itemIndex);
	const answer = await magentoRequest.call(this, {
		method: 'GET',
		path: `/orders?${processingOrdersQuery(customerId, from)}`,
		itemIndex,
		step: "search the customer's orders in processing",
	});
	try {
		return ordersOfAnswer(answer).flatMap((o) => {
			const order = partlyShippedOrderOf(o);
			return order ? [order as unknown as IDataObject] : [];
		});
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}
