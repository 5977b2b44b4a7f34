import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { orderByPoRequest, readOrderLookup } from '../../../shared/domain/platforms/shopify';
import { gql, output, requiredText, shopifyStep, stringField } from '../common';

/** PO Number: Find, Get Fulfilment State, Create. */
export const purchaseOrderNumberField: INodeProperties = stringField(
	'order',
	['find', 'getState', 'create'],
	{
		displayName: 'PO Number',
		name: 'purchaseOrderNumber',
		required: true,
		placeholder: '4Z32PABC',
		description: "Amazon purchase order number, as the order's PO number holds it",
	},
);

export const description: INodeProperties[] = [
	{
		displayName: 'Only POs Without an Order',
		name: 'onlyWithoutOrder',
		type: 'boolean',
		default: false,
		displayOptions: { show: { resource: ['order'], operation: ['find'] } },
		description:
			'Whether to drop the items of purchase orders that already have an order, so that only ' +
			'the ones still to order go on (one order per PO, without an If node)',
	},
];

/**
 * The order whose PO number is the purchase order's: `found`, id and name (nothing, with Only POs
 * Without an Order, when there is one). Shopify errors throw.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const po = requiredText(this, 'purchaseOrderNumber', 'PO Number', itemIndex);
	const lookup = await shopifyStep(this, itemIndex, async () =>
		readOrderLookup(await gql(this, orderByPoRequest(po), itemIndex), po),
	);
	if (lookup.found && this.getNodeParameter('onlyWithoutOrder', itemIndex, false)) return [];
	return [output(this, itemIndex, { ...lookup })];
}
