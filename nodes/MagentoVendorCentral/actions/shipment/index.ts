import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions/operation';
import { showFor } from './common';
import * as getNew from './getNew.operation';
import * as getOrdersWaiting from './getOrdersWaiting.operation';
import * as getToInvoice from './getToInvoice.operation';
import * as saveAsn from './saveAsn.operation';
import * as saveInvoice from './saveInvoice.operation';

export { getNew, getOrdersWaiting, getToInvoice, saveAsn, saveInvoice };

export const description: INodeProperties[] = [
	operationField(
		'shipment',
		[
			{
				name: 'Get Many to Invoice',
				value: 'getToInvoice',
				action: 'Get the shipments of an order to invoice',
				description:
					"List an order's shipments with an ASN and no invoice, as Build Invoice's input",
			},
			{
				name: 'Get Many Without ASN',
				value: 'getNew',
				action: 'Get the shipments of an order without an ASN',
				description: "List an order's shipments that no ASN was sent for, as Build ASN's cartons",
			},
			{
				name: 'Get Orders Waiting',
				value: 'getOrdersWaiting',
				action: 'Get the orders with shipments waiting',
				description:
					"List the customer's orders with a shipment waiting for its ASN or its invoice",
			},
			{
				name: 'Save ASN ID',
				value: 'saveAsn',
				action: 'Save the ASN ID on an order',
				description: 'Write the ASN and its shipped lines on the order as an AVC-ASN comment',
			},
			{
				name: 'Save Invoice Number',
				value: 'saveInvoice',
				action: 'Save the invoice number on an order',
				description: 'Write the invoice number on the order as an AVC-INVOICE comment',
			},
		],
		'getNew',
	),
	showFor(['getNew', 'getToInvoice', 'saveAsn', 'saveInvoice'], {
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		required: true,
		description: "The order's entity ID",
	}),
	...getNew.description,
	showFor(['saveAsn', 'saveInvoice'], {
		displayName: 'Magento Shipment',
		name: 'magentoShipmentId',
		type: 'string',
		default: '',
		required: true,
		description: "The shipment's number (increment_id), as Get Many Without ASN gave it",
	}),
	...getOrdersWaiting.description,
	...getToInvoice.description,
	...saveAsn.description,
	...saveInvoice.description,
];
