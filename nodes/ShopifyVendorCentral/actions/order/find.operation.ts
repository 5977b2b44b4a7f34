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

export const description: INodeProperties[] = [];

/** The order whose PO number is the purchase order's: `found`, id and name. Shopify errors throw. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const po = requiredText(this, 'purchaseOrderNumber', 'PO Number', itemIndex);
	const lookup = await shopifyStep(this, itemIndex, async () =>
		readOrderLookup(await gql(this, orderByPoRequest(po), itemIndex), po),
	);
	return [output(this, itemIndex, { ...lookup })];
}
