import type { INodeProperties } from 'n8n-workflow';
import { waitFields } from '../../shared/descriptions/submission';

export const DOCUMENT_RESOURCES = ['acknowledgement', 'shipmentConfirmation', 'invoice'];

export const documentOperations: INodeProperties[] = [
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
];

export const documentFields: INodeProperties[] = [
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		required: true,
		default: '{}',
		displayOptions: { show: { resource: DOCUMENT_RESOURCES, operation: ['submit'] } },
		description:
			'The request body in Amazon\'s shape, e.g. {"acknowledgements": [...]}. A single document or an array of documents is wrapped for you. It is validated against Amazon\'s model before anything is sent.',
	},
	...waitFields(DOCUMENT_RESOURCES, ['submit']),
];

export const transactionOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a transaction status',
				description:
					'Status of a submitted acknowledgement, shipment confirmation or invoice (getTransaction)',
			},
		],
		default: 'get',
	},
];

export const transactionFields: INodeProperties[] = [
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { resource: ['transaction'], operation: ['get'] } },
		description: 'The transactionId Amazon returned for a submission',
	},
	...waitFields(['transaction'], ['get']),
];
