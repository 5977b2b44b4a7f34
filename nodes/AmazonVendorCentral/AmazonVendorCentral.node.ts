import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { resourceField } from '../shared/descriptions/list';
import * as directFulfillmentInventory from './actions/directFulfillmentInventory';
import * as document from './actions/document';
import * as purchaseOrder from './actions/purchaseOrder';
import { router } from './actions/router';
import * as transaction from './actions/transaction';

export class AmazonVendorCentral implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon Vendor Central',
		name: 'amazonVendorCentral',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		description:
			'Purchase orders, acknowledgements, shipment confirmations, invoices, transactions and ' +
			'Direct Fulfillment inventory of the Amazon Selling Partner API for vendors',
		defaults: { name: 'Amazon Vendor Central' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'amazonVendorCentralApi', required: true }],
		properties: [
			resourceField(
				[
					{ name: 'Acknowledgement', value: 'acknowledgement' },
					{ name: 'Direct Fulfillment Inventory', value: 'directFulfillmentInventory' },
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Purchase Order', value: 'purchaseOrder' },
					{ name: 'Shipment Confirmation', value: 'shipmentConfirmation' },
					{ name: 'Transaction', value: 'transaction' },
				],
				'purchaseOrder',
			),
			...purchaseOrder.description,
			...document.description,
			...transaction.description,
			...directFulfillmentInventory.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
