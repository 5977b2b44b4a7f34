import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	asnRecordOf,
	hasInvoiceRecord,
	invoiceRecordComment,
	orderCommentBody,
	poNumberOf,
} from '../../../shared/domain/platforms/magento';
import { magentoRequest } from '../../transport';
import { requiredText } from '../params';
import { readOrder, recordTarget, showFor } from './common';

export const description: INodeProperties[] = [
	showFor(['saveInvoice'], {
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'INV-000000012-1',
	}),
];

/**
 * Writes the invoice on the order as a comment (`AVC-INVOICE {shipment, asn, invoice}`) for a
 * shipment with an ASN record, read fresh first: a shipment already invoiced gets no second record.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { orderId, magentoShipmentId } = recordTarget(this, itemIndex);
	const invoiceNumber = requiredText.call(this, 'invoiceNumber', 'Invoice Number', itemIndex);
	const order = await readOrder(this, orderId, itemIndex);
	const result = { orderId: String(orderId), magentoShipmentId, invoiceNumber, saved: true };
	if (hasInvoiceRecord(order, magentoShipmentId)) return [{ ...result, alreadySaved: true }];
	const asn = asnRecordOf(order, magentoShipmentId);
	if (!asn) {
		throw new NodeOperationError(
			this.getNode(),
			`Order ${orderId} has no ASN record (AVC-ASN comment) for shipment ${magentoShipmentId}`,
			{ itemIndex, description: `Item ${itemIndex}, field magentoShipmentId.` },
		);
	}
	const comment = invoiceRecordComment(
		magentoShipmentId,
		String(asn.asn ?? ''),
		invoiceNumber,
		poNumberOf(order),
	);
	await magentoRequest.call(this, {
		method: 'POST',
		path: `/orders/${orderId}/comments`,
		body: orderCommentBody(orderId, comment),
		itemIndex,
		step: 'save the invoice number on the order',
	});
	return [{ ...result, alreadySaved: false, comment }];
}
