import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	isShippedPoOrder,
	ordersOfAnswer,
	poNumberOf,
	updatedOrdersQuery,
	waitingOf,
} from '../../../shared/domain/platforms/magento';
import { asNodeError } from '../../../shared/transport/errors';
import { magentoRequest } from '../../transport';
import { entityId } from '../params';
import { lookbackStartMs, readShipments, showFor } from './common';

export const description: INodeProperties[] = [
	showFor(['getOrdersWaiting'], {
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		required: true,
		description: "The Magento customer that stands for Amazon (the PO intake's amazonCustomerId)",
		placeholder: '1',
	}),
	showFor(['getOrdersWaiting'], {
		displayName: 'Look Back (Days)',
		name: 'lookbackDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 7,
		description:
			'Orders updated in this many days are read (Amazon takes ASNs up to 7 days after shipping)',
	}),
];

/**
 * One item per order of the customer, updated in the look-back, with a purchase order number and
 * something shipped, that has a shipment without an ASN or an ASN without an invoice (oldest first).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const customerId = entityId.call(this, 'customerId', 'Customer ID', itemIndex);
	const from = lookbackStartMs(this, 7, itemIndex);
	const answer = await magentoRequest.call(this, {
		method: 'GET',
		path: `/orders?${updatedOrdersQuery(customerId, from)}`,
		itemIndex,
		step: "search the customer's shipped orders",
	});
	let orders;
	try {
		orders = ordersOfAnswer(answer).filter(isShippedPoOrder);
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
	const out: IDataObject[] = [];
	for (const order of orders) {
		const orderId = Number(order.entity_id);
		const waiting = waitingOf(order, await readShipments(this, orderId, itemIndex));
		if (waiting.newShipments === 0 && waiting.asnsToInvoice === 0) continue;
		out.push({
			orderId: String(orderId),
			orderIncrementId: String(order.increment_id ?? ''),
			purchaseOrderNumber: poNumberOf(order),
			...waiting,
		});
	}
	return out;
}
