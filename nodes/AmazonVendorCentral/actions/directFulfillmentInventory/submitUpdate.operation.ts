import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { waitFields } from '../../../shared/descriptions/submission';
import { readJsonPath } from '../../../shared/domain/jsonPath';
import { inventoryUpdateBody, type DirectFulfillmentFigure } from '../../../shared/domain/stock';
import { submitInventoryUpdate } from '../../../shared/transport/directFulfillment';
import { readWaitOptions } from '../../../shared/descriptions/wait';
import { readBody } from '../document/common';

const show = { resource: ['directFulfillmentInventory'], operation: ['submitUpdate'] };
const fromItems = { show: { ...show, buildFrom: ['items'] } };
// Build From comes first in the editor: the fields below depend on it.

const fieldName = (displayName: string, name: string, value: string, description: string) =>
	({
		displayName,
		name,
		type: 'string',
		default: value,
		displayOptions: fromItems,
		description,
	}) as INodeProperties;

export const description: INodeProperties[] = [
	{
		displayName: 'Warehouse ID',
		name: 'warehouseId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show },
		description: 'The Direct Fulfillment warehouse (ship-from) code the quantities are for',
	},
	{
		displayName: 'Build From',
		name: 'buildFrom',
		type: 'options',
		options: [
			{
				name: 'Input Items (One per Item)',
				value: 'items',
				description:
					'All input items make one update, e.g. the Send output of Available to Promise',
			},
			{
				name: 'Body (JSON)',
				value: 'body',
				description: "Each input item sends Amazon's body as given",
			},
		],
		default: 'items',
		displayOptions: { show },
	},
	{
		displayName: 'Full Update',
		name: 'isFullUpdate',
		type: 'boolean',
		default: false,
		displayOptions: fromItems,
		description:
			'Whether this is a full feed: Amazon sets every item of the warehouse that it leaves out to ' +
			'0. Send a full update only after the zero-stock guard of Available to Promise passed.',
	},
	{
		displayName: 'Selling Party ID',
		name: 'sellingPartyId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: fromItems,
		description: 'The vendor code of the Direct Fulfillment account',
	},
	fieldName(
		'ASIN Field',
		'asinField',
		'asin',
		'Field of each item with the ASIN (buyer product identifier)',
	),
	fieldName(
		'Vendor Product ID Field',
		'vendorProductField',
		'sku',
		'Field of each item with the vendor product identifier (SKU)',
	),
	fieldName(
		'Quantity Field',
		'quantityField',
		'available',
		'Field of each item with the eaches available',
	),
	fieldName(
		'Obsolete Field',
		'obsoleteField',
		'',
		'Field of each item that is true when the item is permanently unavailable; empty for none',
	),
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		displayOptions: { show: { ...show, buildFrom: ['body'] } },
		description:
			'The request body in Amazon\'s shape: {"inventory": {"sellingParty": {...}, "isFullUpdate": ' +
			'false, "items": [...]}}. It is validated against the model before anything is sent.',
	},
	...waitFields(['directFulfillmentInventory'], ['submitUpdate']),
];

/** Every input item as one figure, read from the field names of the node. */
function figuresOfItems(context: IExecuteFunctions): DirectFulfillmentFigure[] {
	const field = (name: string) => (context.getNodeParameter(name, 0, '') as string).trim();
	const [asin, vendor, quantity, obsolete] = [
		field('asinField'),
		field('vendorProductField'),
		field('quantityField'),
		field('obsoleteField'),
	];
	return context.getInputData().map((item, itemIndex) => ({
		buyerProductIdentifier: asin ? (readJsonPath(item.json, asin) as string) : undefined,
		vendorProductIdentifier: vendor ? (readJsonPath(item.json, vendor) as string) : undefined,
		available: readJsonPath(item.json, quantity || 'available') as number,
		isObsolete: obsolete ? readJsonPath(item.json, obsolete) === true : undefined,
		itemIndex,
	}));
}

/**
 * With Build From "Input Items", the first item sends one update made of every input item and the
 * others add nothing; with "Body (JSON)" each item sends its own body.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const buildFrom = this.getNodeParameter('buildFrom', itemIndex, 'items') as string;
	if (buildFrom === 'items' && itemIndex > 0) return [];
	const isFullUpdate = this.getNodeParameter('isFullUpdate', itemIndex, false) as boolean;
	const body =
		buildFrom === 'items'
			? inventoryUpdateBody(figuresOfItems(this), {
					sellingPartyId: this.getNodeParameter('sellingPartyId', 0, '') as string,
					isFullUpdate,
				})
			: readBody(this, itemIndex);
	const warehouseId = this.getNodeParameter('warehouseId', itemIndex) as string;
	const wait = readWaitOptions(this, itemIndex, true, false);
	const result = await submitInventoryUpdate.call(this, warehouseId, body, itemIndex, wait);
	return [result as unknown as IDataObject];
}
