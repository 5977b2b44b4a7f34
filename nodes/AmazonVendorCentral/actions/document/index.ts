import type { INodeProperties } from 'n8n-workflow';
import * as submit from './submit.operation';

export { submit };

/** The Submit operation of each document resource, then the fields they share. */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['acknowledgement'] } },
		options: [
			{
				name: 'Submit',
				value: 'submit',
				action: 'Submit an acknowledgement',
				description: 'Validate and send purchase order acknowledgements (submitAcknowledgement)',
			},
		],
		default: 'submit',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shipmentConfirmation'] } },
		options: [
			{
				name: 'Submit',
				value: 'submit',
				action: 'Submit a shipment confirmation',
				description: 'Validate and send advance ship notices (SubmitShipmentConfirmations)',
			},
		],
		default: 'submit',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Submit',
				value: 'submit',
				action: 'Submit an invoice',
				description: 'Validate and send invoices (submitInvoices)',
			},
		],
		default: 'submit',
	},
	...submit.description,
];
