import type { INodeProperties } from 'n8n-workflow';
import { namespaceField, orderTagField, resultFieldField } from '../common';
import * as list from './list.operation';
import * as save from './save.operation';

export { list, save };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['fulfillment'] } },
		options: [
			{
				name: 'Get New Shipments',
				value: 'getNew',
				action: 'Get new shipments',
				description:
					"Every fulfilment of an Amazon order without an ASN, as Build ASN's shipment input",
			},
			{
				name: 'Get Shipments to Invoice',
				value: 'getToInvoice',
				action: 'Get shipments to invoice',
				description: "Every fulfilment with an ASN and no invoice number, as Build Invoice's input",
			},
			{
				name: 'Save ASN ID',
				value: 'saveAsn',
				action: 'Save the ASN ID on an order',
				description:
					'Write the ASN and its shipped lines on the order (metafields asn_ids, shipped_lines)',
			},
			{
				name: 'Save Invoice Number',
				value: 'saveInvoice',
				action: 'Save the invoice number on an order',
				description: 'Write the invoice number on the order (metafield invoice_numbers)',
			},
		],
		default: 'getNew',
	},
	orderTagField('fulfillment', ['getNew', 'getToInvoice']),
	namespaceField('fulfillment', ['getNew', 'getToInvoice', 'saveAsn', 'saveInvoice']),
	...list.description,
	...save.description,
	resultFieldField('fulfillment', ['saveAsn', 'saveInvoice']),
];
