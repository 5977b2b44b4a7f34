import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	purchaseOrdersFromAmazon,
	shipmentSearchQuery,
	type MagentoShipment,
} from '../../../shared/domain/platforms/magento';
import { DAY_MS } from '../../../shared/domain/values';
import { magentoRequest } from '../../transport';
import { entityId, field, optionalJsonObject, requiredText } from '../params';

/** A parameter shown for some shipment operations. */
export const showFor = (operations: string[], property: Omit<INodeProperties, 'displayOptions'>) =>
	field('shipment', operations, property);

/** The Amazon purchase order and its status, read by the Amazon Vendor Central node before. */
export const amazonFields = (operations: string[]): INodeProperties[] => [
	showFor(operations, {
		displayName: 'Purchase Order',
		name: 'purchaseOrder',
		type: 'json',
		default: '',
		description:
			"Amazon's purchase order (Amazon Vendor Central node, Get, canonical shape); empty leaves purchaseOrders out",
	}),
	showFor(operations, {
		displayName: 'Purchase Order Status',
		name: 'purchaseOrderStatus',
		type: 'json',
		default: '',
		description:
			"Get Status's answer for the purchase order: its accepted quantities and costs are the acknowledgement",
	}),
];

/** An optional JSON parameter (params.ts optionalJsonObject): undefined when empty. */
export function optionalJson(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): unknown {
	return optionalJsonObject.call(context, name, label, itemIndex);
}

/** Build ASN's and Build Invoice's purchaseOrders from the parameters, or nothing when no PO is given. */
export function purchaseOrdersParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	mapping: unknown[],
): IDataObject {
	const po = optionalJson(context, 'purchaseOrder', 'Purchase Order', itemIndex);
	if (po === undefined) return {};
	const status = optionalJson(context, 'purchaseOrderStatus', 'Purchase Order Status', itemIndex);
	return { purchaseOrders: purchaseOrdersFromAmazon(po, status, mapping) as IDataObject[] };
}

/** The order (`GET /V1/orders/{id}`). */
export async function readOrder(
	context: IExecuteFunctions,
	orderId: number,
	itemIndex: number,
): Promise<IDataObject> {
	return (await magentoRequest.call(context, {
		method: 'GET',
		path: `/orders/${orderId}`,
		itemIndex,
		step: 'read the order',
	})) as IDataObject;
}

/** The shipments of an order (`GET /V1/shipments` filtered by order). */
export async function readShipments(
	context: IExecuteFunctions,
	orderId: number,
	itemIndex: number,
): Promise<MagentoShipment[]> {
	const answer = (await magentoRequest.call(context, {
		method: 'GET',
		path: `/shipments?${shipmentSearchQuery(orderId)}`,
		itemIndex,
		step: 'read the shipments of the order',
	})) as { items?: MagentoShipment[] } | null;
	return Array.isArray(answer?.items) ? answer.items : [];
}

/** The order and the Magento shipment an ASN or invoice record is written for. */
export function recordTarget(context: IExecuteFunctions, itemIndex: number) {
	return {
		orderId: entityId.call(context, 'orderId', 'Order ID', itemIndex),
		magentoShipmentId: requiredText.call(
			context,
			'magentoShipmentId',
			'Magento Shipment',
			itemIndex,
		),
	};
}

/** The start of a look-back of whole days (parameter `lookbackDays`) in epoch milliseconds. */
export function lookbackStartMs(context: IExecuteFunctions, fallback: number, itemIndex: number) {
	const days = Number(context.getNodeParameter('lookbackDays', itemIndex, fallback));
	if (!Number.isSafeInteger(days) || days < 1) {
		throw new NodeOperationError(
			context.getNode(),
			'Look Back (Days) must be a whole number of at least 1',
			{
				itemIndex,
				description: `Item ${itemIndex}, field lookbackDays.`,
			},
		);
	}
	return Date.now() - days * DAY_MS;
}
