import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	afterAsn,
	metafieldsRequest,
	orderFulfilmentsRequest,
	readMetafieldsSet,
	readOrderFulfilments,
} from '../../../shared/domain/platforms/shopify';
import { isObject, type Json } from '../../../shared/domain/values';
import {
	gql,
	jsonParameter,
	output,
	requiredText,
	shopifyStep,
	showFor,
	stringField,
} from '../common';

const BOTH = ['saveAsn', 'saveInvoice'];

export const description: INodeProperties[] = [
	stringField('fulfillment', BOTH, {
		displayName: 'Order ID',
		name: 'orderId',
		required: true,
		placeholder: 'gid://shopify/Order/5001',
	}),
	stringField('fulfillment', BOTH, {
		displayName: 'Fulfillment ID',
		name: 'fulfillmentId',
		required: true,
		placeholder: 'gid://shopify/Fulfillment/9001',
	}),
	stringField('fulfillment', ['saveAsn'], {
		displayName: 'ASN Shipment ID',
		name: 'shipmentIdentifier',
		required: true,
		placeholder: '1001-F1',
		description: "The ASN's shipment identifier, as Build ASN sent it",
	}),
	{
		displayName: 'Shipped Lines',
		name: 'shippedLines',
		type: 'json',
		default: '[]',
		displayOptions: showFor('fulfillment', ['saveAsn']),
		description: "Build ASN's shippedLines: what the ASN shipped per PO line",
	},
	stringField('fulfillment', ['saveInvoice'], {
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		required: true,
		placeholder: 'INV-1001-1',
	}),
];

async function readOrder(context: IExecuteFunctions, itemIndex: number) {
	const orderId = requiredText(context, 'orderId', 'Order ID', itemIndex);
	const fulfillmentId = requiredText(context, 'fulfillmentId', 'Fulfillment ID', itemIndex);
	const namespace = requiredText(context, 'namespace', 'Metafield Namespace', itemIndex);
	const order = readOrderFulfilments(
		await gql(context, orderFulfilmentsRequest(orderId, namespace), itemIndex),
		orderId,
	);
	return { orderId, fulfillmentId, namespace, order };
}

async function save(
	context: IExecuteFunctions,
	itemIndex: number,
	orderId: string,
	namespace: string,
	values: Json,
) {
	const what = `the ${Object.keys(values).join(' and ')} of order ${orderId}`;
	readMetafieldsSet(
		await gql(context, metafieldsRequest(orderId, namespace, values), itemIndex),
		what,
	);
}

/** Adds the ASN to the order's asn_ids and its lines to shipped_lines (read fresh, so runs add up). */
export async function saveAsn(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const shipmentIdentifier = requiredText(this, 'shipmentIdentifier', 'ASN Shipment ID', itemIndex);
	const lines = jsonParameter(this, 'shippedLines', 'Shipped Lines', itemIndex, []);
	if (!Array.isArray(lines))
		throw new NodeOperationError(this.getNode(), 'Shipped Lines must be a JSON list', {
			itemIndex,
		});
	const result = await shopifyStep(this, itemIndex, async () => {
		const { orderId, fulfillmentId, namespace, order } = await readOrder(this, itemIndex);
		const alreadySaved = Boolean(order.sentAsns[fulfillmentId]);
		if (!alreadySaved)
			await save(
				this,
				itemIndex,
				orderId,
				namespace,
				afterAsn(order, fulfillmentId, shipmentIdentifier, lines.filter(isObject)),
			);
		return { orderId, fulfillmentId, shipmentIdentifier, saved: true, alreadySaved };
	});
	return [output(this, itemIndex, result)];
}

/** Adds the invoice number to the order's invoice_numbers. */
export async function saveInvoice(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const invoiceNumber = requiredText(this, 'invoiceNumber', 'Invoice Number', itemIndex);
	const result = await shopifyStep(this, itemIndex, async () => {
		const { orderId, fulfillmentId, namespace, order } = await readOrder(this, itemIndex);
		const alreadySaved = order.sentInvoices[fulfillmentId] === invoiceNumber;
		if (!alreadySaved)
			await save(this, itemIndex, orderId, namespace, {
				invoice_numbers: { ...order.sentInvoices, [fulfillmentId]: invoiceNumber },
			});
		return { orderId, fulfillmentId, invoiceNumber, saved: true, alreadySaved };
	});
	return [output(this, itemIndex, result)];
}
