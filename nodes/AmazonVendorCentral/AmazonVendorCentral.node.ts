import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { asNodeError } from '../shared/transport/errors';
import { purchaseOrderFields, purchaseOrderOperations } from './descriptions/purchaseOrder';
import {
	documentFields,
	documentOperations,
	transactionFields,
	transactionOperations,
} from './descriptions/documents';
import {
	getPurchaseOrder,
	getPurchaseOrders,
	getPurchaseOrdersStatus,
} from './actions/purchaseOrder';
import { getTransactionStatus, submit } from './actions/documents';

export class AmazonVendorCentral implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon Vendor Central',
		name: 'amazonVendorCentral',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Purchase orders, acknowledgements, shipment confirmations, invoices and transactions of the Amazon Selling Partner API for vendors',
		defaults: { name: 'Amazon Vendor Central' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'amazonVendorCentralApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Acknowledgement', value: 'acknowledgement' },
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Purchase Order', value: 'purchaseOrder' },
					{ name: 'Shipment Confirmation', value: 'shipmentConfirmation' },
					{ name: 'Transaction', value: 'transaction' },
				],
				default: 'purchaseOrder',
			},
			...purchaseOrderOperations,
			...purchaseOrderFields,
			...documentOperations,
			...documentFields,
			...transactionOperations,
			...transactionFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const resource = this.getNodeParameter('resource', itemIndex) as string;
				const operation = this.getNodeParameter('operation', itemIndex) as string;
				let results: IDataObject[];
				if (resource === 'purchaseOrder' && operation === 'get') {
					results = await getPurchaseOrder.call(this, itemIndex);
				} else if (resource === 'purchaseOrder' && operation === 'getAll') {
					results = await getPurchaseOrders.call(this, itemIndex);
				} else if (resource === 'purchaseOrder' && operation === 'getStatus') {
					results = await getPurchaseOrdersStatus.call(this, itemIndex);
				} else if (resource === 'acknowledgement' && operation === 'submit') {
					results = await submit.call(this, 'acknowledgement', itemIndex);
				} else if (resource === 'shipmentConfirmation' && operation === 'submit') {
					results = await submit.call(this, 'shipmentConfirmation', itemIndex);
				} else if (resource === 'invoice' && operation === 'submit') {
					results = await submit.call(this, 'invoice', itemIndex);
				} else if (resource === 'transaction' && operation === 'get') {
					results = await getTransactionStatus.call(this, itemIndex);
				} else {
					throw new NodeOperationError(
						this.getNode(),
						`Unsupported operation "${operation}" for resource "${resource}"`,
						{ itemIndex },
					);
				}
				for (const json of results) out.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw asNodeError(this.getNode(), error, itemIndex);
			}
		}
		return [out];
	}
}
