import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { resourceField } from '../shared/descriptions/list';
import * as fulfillment from './actions/fulfillment';
import * as order from './actions/order';
import { router } from './actions/router';
import * as stock from './actions/stock';
import * as variant from './actions/variant';

export class ShopifyVendorCentral implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Shopify (Vendor Central)',
		name: 'shopifyVendorCentral',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		icon: { light: 'file:../../icons/shopify.svg', dark: 'file:../../icons/shopify.dark.svg' },
		description:
			'Shopify orders, stock, fulfilments and variants of Amazon Vendor Central purchase orders (Admin GraphQL)',
		defaults: { name: 'Shopify (Vendor Central)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'avcShopifyAdminApi', required: true }],
		properties: [
			resourceField(
				[
					{
						name: 'Fulfillment',
						value: 'fulfillment',
						description: 'Shipments of Amazon orders, ASN and invoice IDs',
					},
					{
						name: 'Order',
						value: 'order',
						description: 'The Shopify order of an Amazon purchase order',
					},
					{ name: 'Stock', value: 'stock', description: 'Available units of SKUs' },
					{
						name: 'Variant',
						value: 'variant',
						description: 'Product variants and their Amazon metafields (ASIN mapping)',
					},
				],
				'order',
			),
			...order.description,
			...stock.description,
			...fulfillment.description,
			...variant.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
