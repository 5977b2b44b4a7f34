import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	alreadyShippedOf,
	asnShipmentOf,
	shipmentsWithoutAsn,
} from '../../../shared/domain/platforms/magento';
import { asNodeError } from '../../../shared/transport/errors';
import { entityId, field } from '../params';
import {
	amazonFields,
	optionalJson,
	purchaseOrdersParameter,
	readOrder,
	readShipments,
} from './common';

const show = (property: Omit<INodeProperties, 'displayOptions'>) =>
	field('shipment', ['getNew'], property);

export const description: INodeProperties[] = [
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
	...amazonFields(['getNew']),
	show({
		displayName: 'ASIN Mapping',
		name: 'mapping',
		type: 'json',
		default: '',
		description:
			'The ASIN mapping rows ({asin, vendorProductIdentifier, sku}) that give the PO lines their SKUs',
	}),
];

/**
 * One item per shipment of the order without an ASN yet: `shipment` is Build ASN's input (one
 * carton per shipped line), with the order and purchase order number, the shipment's number,
 * what earlier ASNs shipped (`alreadyShipped`) and, when the purchase order is given, Build ASN's
 * `purchaseOrders`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = entityId.call(this, 'orderId', 'Order ID', itemIndex);
	const mapping = optionalJson(this, 'mapping', 'ASIN Mapping', itemIndex) ?? [];
	const purchaseOrders = purchaseOrdersParameter(
		this,
		itemIndex,
		Array.isArray(mapping) ? mapping : [mapping],
	);
	const order = await readOrder(this, orderId, itemIndex);
	const shipments = await readShipments(this, orderId, itemIndex);
	const purchaseOrderNumber = String(
		(order.payment as IDataObject | undefined)?.po_number ?? '',
	).trim();
	const options = {
		purchaseOrderNumber,
		shipmentIdPrefix: String(this.getNodeParameter('shipmentIdPrefix', itemIndex, '')),
		shipFromPartyId: String(this.getNodeParameter('shipFromPartyId', itemIndex, '')).trim(),
	};
	try {
		const alreadyShipped = alreadyShippedOf(order) as IDataObject[];
		return shipmentsWithoutAsn(order, shipments).map((s) => ({
			orderId: String(orderId),
			orderIncrementId: String(order.increment_id ?? ''),
			purchaseOrderNumber,
			magentoShipmentId: String(s.increment_id),
			shipmentIndex: s.index,
			shipment: asnShipmentOf(s, options),
			...purchaseOrders,
			alreadyShipped,
		}));
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}
