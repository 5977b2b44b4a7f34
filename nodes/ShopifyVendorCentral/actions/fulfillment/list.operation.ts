import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	invoicesToSend,
	newShipments,
	orderFulfilmentsRequest,
	ordersWaiting,
	readOrderFulfilments,
	shippedOrdersRequest,
} from '../../../shared/domain/platforms/shopify';
import { DAY_MS } from '../../../shared/domain/values';
import { gql, requiredText, shopifyStep, showFor, stringField } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'Look Back (Days)',
		name: 'lookbackDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 7,
		displayOptions: showFor('fulfillment', ['getNew', 'getToInvoice']),
		description:
			'Orders updated in this many days are read (Amazon takes ASNs up to 7 days after shipping)',
	},
	stringField('fulfillment', ['getNew'], {
		displayName: 'Ship-From Party ID',
		name: 'shipFromPartyId',
		required: true,
		placeholder: 'VEND1',
		description: 'The warehouse code Amazon knows (or your vendor code)',
	}),
	stringField('fulfillment', ['getToInvoice'], {
		displayName: 'Invoice Prefix',
		name: 'invoicePrefix',
		default: 'INV-',
		description: 'Invoice number = prefix + order name + fulfilment index, e.g. INV-1001-2',
	}),
];

/** The orders with a fulfilment waiting, read one by one. */
async function waitingOrders(
	context: IExecuteFunctions,
	itemIndex: number,
	want: 'asn' | 'invoice',
) {
	const days = Number(context.getNodeParameter('lookbackDays', itemIndex, 7));
	if (!Number.isSafeInteger(days) || days < 1)
		throw new NodeOperationError(
			context.getNode(),
			`Look Back (Days) must be a whole number of at least 1`,
			{
				itemIndex,
			},
		);
	const options = {
		orderTag: requiredText(context, 'orderTag', 'Order Tag', itemIndex),
		namespace: requiredText(context, 'namespace', 'Metafield Namespace', itemIndex),
		updatedSince: new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10),
	};
	return await shopifyStep(context, itemIndex, async () => {
		const ids = ordersWaiting(await gql(context, shippedOrdersRequest(options), itemIndex), want);
		const orders = [];
		for (const id of ids)
			orders.push(
				readOrderFulfilments(
					await gql(context, orderFulfilmentsRequest(id, options.namespace), itemIndex),
					id,
				),
			);
		return orders;
	});
}

/** One Build ASN input per fulfilment not yet sent as an ASN: the shipment and the acknowledged PO. */
export async function getNew(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const shipFrom = requiredText(this, 'shipFromPartyId', 'Ship-From Party ID', itemIndex);
	const orders = await waitingOrders(this, itemIndex, 'asn');
	return orders.flatMap((o) => newShipments(o, shipFrom)) as IDataObject[];
}

/** One Build Invoice input per fulfilment with an ASN and no invoice number. */
export async function getToInvoice(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const prefix = String(this.getNodeParameter('invoicePrefix', itemIndex, '') ?? '');
	const orders = await waitingOrders(this, itemIndex, 'invoice');
	return orders.flatMap((o) => invoicesToSend(o, prefix)) as IDataObject[];
}
