import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { resourceField } from '../shared/descriptions/list';
import * as order from './actions/order';
import { router } from './actions/router';
import * as shipment from './actions/shipment';
import * as stock from './actions/stock';

export class MagentoVendorCentral implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Magento (Vendor Central)',
		name: 'magentoVendorCentral',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		icon: { light: 'file:../../icons/magento.svg', dark: 'file:../../icons/magento.dark.svg' },
		description:
			'The Magento 2 side of Amazon Vendor Central: orders of purchase orders, MSI stock, holds and shipments',
		defaults: { name: 'Magento (Vendor Central)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'avcMagento2Api', required: true }],
		properties: [
			resourceField(
				[
					{ name: 'Order', value: 'order', description: 'A sales order of the Amazon customer' },
					{ name: 'Shipment', value: 'shipment', description: "A shipment of an order's cartons" },
					{ name: 'Stock', value: 'stock', description: 'MSI salable quantity' },
				],
				'order',
			),
			...order.description,
			...stock.description,
			...shipment.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
