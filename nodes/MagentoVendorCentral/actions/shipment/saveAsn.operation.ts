import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	asnRecordComment,
	asnRecordOf,
	orderCommentBody,
	poNumberOf,
	shipmentIndexOf,
} from '../../../shared/domain/platforms/magento';
import { isObject } from '../../../shared/domain/values';
import { magentoRequest } from '../../transport';
import { requiredText } from '../params';
import { optionalJson, readOrder, readShipments, recordTarget, showFor } from './common';

export const description: INodeProperties[] = [
	showFor(['saveAsn'], {
		displayName: 'ASN Shipment ID',
		name: 'shipmentIdentifier',
		type: 'string',
		default: '',
		required: true,
		description: "The ASN's shipment identifier, as Build ASN sent it",
	}),
	showFor(['saveAsn'], {
		displayName: 'Shipped Lines',
		name: 'shippedLines',
		type: 'json',
		default: '[]',
		description: "Build ASN's shippedLines: what the ASN shipped per PO line",
	}),
	showFor(['saveAsn'], {
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		default: '',
		description: "Amazon's transaction ID of the ASN, for the comment's text",
	}),
];

function shippedLinesOf(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const lines = optionalJson(context, 'shippedLines', 'Shipped Lines', itemIndex) ?? [];
	if (!Array.isArray(lines)) {
		throw new NodeOperationError(context.getNode(), 'Shipped Lines must be a JSON list', {
			itemIndex,
			description: `Item ${itemIndex}, field shippedLines.`,
		});
	}
	return lines.filter(isObject) as IDataObject[];
}

/**
 * Writes the ASN on the order as a comment (`AVC-ASN {shipment, index, asn, po, lines}`), read
 * fresh first: a shipment that already has its record gets no second one.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { orderId, magentoShipmentId } = recordTarget(this, itemIndex);
	const shipmentIdentifier = requiredText.call(
		this,
		'shipmentIdentifier',
		'ASN Shipment ID',
		itemIndex,
	);
	const shippedLines = shippedLinesOf(this, itemIndex);
	const transactionId = String(this.getNodeParameter('transactionId', itemIndex, '') ?? '').trim();
	const order = await readOrder(this, orderId, itemIndex);
	const result = { orderId: String(orderId), magentoShipmentId, shipmentIdentifier, saved: true };
	if (asnRecordOf(order, magentoShipmentId)) return [{ ...result, alreadySaved: true }];
	const shipmentIndex = shipmentIndexOf(
		await readShipments(this, orderId, itemIndex),
		magentoShipmentId,
	);
	if (shipmentIndex === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Order ${orderId} has no shipment ${magentoShipmentId}`,
			{ itemIndex, description: `Item ${itemIndex}, field magentoShipmentId.` },
		);
	}
	const comment = asnRecordComment({
		magentoShipmentId,
		shipmentIndex,
		shipmentIdentifier,
		purchaseOrderNumber: poNumberOf(order),
		shippedLines,
		transactionId,
	});
	await magentoRequest.call(this, {
		method: 'POST',
		path: `/orders/${orderId}/comments`,
		body: orderCommentBody(orderId, comment),
		itemIndex,
		step: 'save the ASN on the order',
	});
	return [{ ...result, shipmentIndex, alreadySaved: false, comment }];
}
