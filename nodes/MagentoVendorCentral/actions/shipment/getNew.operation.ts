import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	asnShipmentOf,
	shipmentSearchQuery,
	shipmentsWithoutAsn,
	type MagentoShipment,
} from '../../../shared/domain/platforms/magento';
import { asNodeError } from '../../../shared/transport/errors';
import { magentoRequest } from '../../transport';
import { entityId, field } from '../params';

const show = (property: Omit<INodeProperties, 'displayOptions'>) =>
	field('shipment', ['getNew'], property);

export const description: INodeProperties[] = [
	show({
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		required: true,
		description: "The order's entity ID",
	}),
	show({
		displayName: 'Shipment ID Prefix',
		name: 'shipmentIdPrefix',
		type: 'string',
		default: '',
		description: "Put before Magento's shipment number to make the ASN's shipment identifier",
	}),
	show({
		displayName: 'Ship-From Party ID',
		name: 'shipFromPartyId',
		type: 'string',
		default: '',
		required: true,
		description:
			'The warehouse code Amazon knows the shipments to come from (often the vendor code)',
	}),
];

/**
 * One item per shipment of the order without an ASN yet: `shipment` is Build ASN's input (one
 * carton per shipped line), with the order and purchase order number and the shipment's number.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = entityId.call(this, 'orderId', 'Order ID', itemIndex);
	const order = (await magentoRequest.call(this, {
		method: 'GET',
		path: `/orders/${orderId}`,
		itemIndex,
		step: 'read the order',
	})) as IDataObject;
	const answer = (await magentoRequest.call(this, {
		method: 'GET',
		path: `/shipments?${shipmentSearchQuery(orderId)}`,
		itemIndex,
		step: 'read the shipments of the order',
	})) as { items?: MagentoShipment[] };
	const purchaseOrderNumber = String(
		(order.payment as IDataObject | undefined)?.po_number ?? '',
	).trim();
	const options = {
		purchaseOrderNumber,
		shipmentIdPrefix: String(this.getNodeParameter('shipmentIdPrefix', itemIndex, '')),
		shipFromPartyId: String(this.getNodeParameter('shipFromPartyId', itemIndex, '')).trim(),
	};
	try {
		return shipmentsWithoutAsn(order, answer.items ?? []).map((s) => ({
			orderId: String(orderId),
			orderIncrementId: String(order.increment_id ?? ''),
			purchaseOrderNumber,
			magentoShipmentId: String(s.increment_id),
			shipmentIndex: s.index,
			shipment: asnShipmentOf(s, options),
		}));
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}
