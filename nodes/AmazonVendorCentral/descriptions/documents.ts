import type { INodeProperties } from 'n8n-workflow';

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

export const waitFields = (resources: string[], operations: string[]): INodeProperties[] => [
	{
		displayName: 'Wait Until Final',
		name: 'waitUntilFinal',
		type: 'boolean',
		default: false,
		displayOptions: { show: { resource: resources, operation: operations } },
		description:
			'Whether to poll the transaction status until Amazon reports Success or Failure (or the maximum wait passes)',
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		displayOptions: {
			show: { resource: resources, operation: operations, waitUntilFinal: [true] },
		},
		description:
			'Amazon can take up to 30 minutes; after this time the node returns the status Processing',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		displayOptions: {
			show: { resource: resources, operation: operations, waitUntilFinal: [true] },
		},
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
