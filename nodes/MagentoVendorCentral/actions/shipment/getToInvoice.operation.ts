import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { invoicesOf, poNumberOf } from '../../../shared/domain/platforms/magento';
import { asNodeError } from '../../../shared/transport/errors';
import { entityId } from '../params';
import { amazonFields, purchaseOrdersParameter, readOrder, showFor } from './common';

export const description: INodeProperties[] = [
	showFor(['getToInvoice'], {
		displayName: 'Invoice Prefix',
		name: 'invoicePrefix',
		type: 'string',
		default: 'INV-',
		description: 'Invoice number = prefix + order number + shipment index, e.g. INV-000000012-2',
	}),
	...amazonFields(['getToInvoice']),
];

/**
 * One Build Invoice input per ASN of the order (its `AVC-ASN` comment) without an invoice (no
 * `AVC-INVOICE` comment for the same shipment): the invoice number, the ASN, what it shipped and,
 * when the purchase order is given, Build Invoice's `purchaseOrders`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = entityId.call(this, 'orderId', 'Order ID', itemIndex);
	const prefix = String(this.getNodeParameter('invoicePrefix', itemIndex, '') ?? '');
	const purchaseOrders = purchaseOrdersParameter(this, itemIndex, []);
	const order = await readOrder(this, orderId, itemIndex);
	try {
		return invoicesOf(order, prefix).map((invoice) => ({
			orderId: String(orderId),
			orderIncrementId: String(order.increment_id ?? ''),
			purchaseOrderNumber: poNumberOf(order),
			...invoice,
			...purchaseOrders,
		})) as IDataObject[];
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}
