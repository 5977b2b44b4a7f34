import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { supercycleRequest } from '../../transport';
import { numericId } from '../params';
import { itemPath, show, VISIBILITY_OPTIONS } from './common';

export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(['update']),
		options: [
			{
				displayName: 'Clear Fields',
				name: 'clear',
				type: 'multiOptions',
				options: [
					{ name: 'Condition', value: 'conditionId' },
					{ name: 'Location', value: 'locationShopifyId' },
					{ name: 'Pick Location', value: 'pickLocation' },
					{ name: 'Serial', value: 'serial' },
				],
				default: [],
				description: 'Fields to remove from the item (sent as null)',
			},
			{
				displayName: 'Condition ID',
				name: 'conditionId',
				type: 'string',
				default: '',
				placeholder: '3',
				description:
					'Numeric ID of the Supercycle condition to set (see Supercycle > Settings > Conditions)',
			},
			{
				displayName: 'Location Shopify ID',
				name: 'locationShopifyId',
				type: 'string',
				default: '',
				placeholder: '76000000001',
				description: 'Numeric ID of the Shopify location where the item is stored',
			},
			{
				displayName: 'Pick Location',
				name: 'pickLocation',
				type: 'string',
				default: '',
				placeholder: 'A1-02-B3',
				description: 'Place in the warehouse in Zone-Aisle-Shelf-Bin form',
			},
			{
				displayName: 'Processing Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Processed', value: 'processed' },
					{ name: 'Unprocessed', value: 'unprocessed' },
				],
				default: 'processed',
			},
			{
				displayName: 'Serial',
				name: 'serial',
				type: 'string',
				default: '',
				description: 'New serial number of the item',
			},
			{
				displayName: 'Shopify Variant ID',
				name: 'shopifyVariantId',
				type: 'string',
				default: '',
				placeholder: '44000000001',
				description:
					'Numeric ID of the Shopify variant the item belongs to (the product must be imported into Supercycle)',
			},
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				options: VISIBILITY_OPTIONS,
				default: 'available',
			},
		],
	},
];

const ID_FIELDS: Record<string, string> = {
	conditionId: 'Condition ID',
	locationShopifyId: 'Location Shopify ID',
	shopifyVariantId: 'Shopify Variant ID',
};
const TEXT_FIELDS = ['serial', 'pickLocation', 'status', 'visibility'];

/** The PUT body from Update Fields: ids as numbers, cleared fields as null. */
export function itemUpdateBody(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const body: IDataObject = {};
	for (const [key, label] of Object.entries(ID_FIELDS)) {
		const value = fields[key];
		if (value !== undefined && value !== '')
			body[key] = numericId.call(this, value, label, itemIndex);
	}
	for (const key of TEXT_FIELDS) {
		const value = fields[key];
		if (typeof value === 'string' && value.trim() !== '') body[key] = value.trim();
	}
	const clear = Array.isArray(fields.clear) ? (fields.clear as string[]) : [];
	for (const key of clear) {
		if (body[key] !== undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`"${key}" is both set and listed in Clear Fields`,
				{ itemIndex },
			);
		}
		body[key] = null;
	}
	if (!Object.keys(body).length) {
		throw new NodeOperationError(
			this.getNode(),
			'Nothing to update: add at least one field under Update Fields',
			{ itemIndex },
		);
	}
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const path = itemPath(this, itemIndex);
	const body = itemUpdateBody.call(
		this,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	const item = await supercycleRequest.call(this, { method: 'PUT', path, body, itemIndex });
	return [item as IDataObject];
}
