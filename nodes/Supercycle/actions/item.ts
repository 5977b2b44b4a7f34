import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { supercyclePaginate, supercycleRequest } from '../transport';
import { maxResults, numericId } from './params';

const ID_FIELDS: Record<string, string> = {
	conditionId: 'Condition ID',
	locationShopifyId: 'Location Shopify ID',
	shopifyVariantId: 'Shopify Variant ID',
};
const TEXT_FIELDS = ['serial', 'pickLocation', 'status', 'visibility'];

function itemPath(this: IExecuteFunctions, itemIndex: number): string {
	return `/items/${numericId.call(this, this.getNodeParameter('itemId', itemIndex), 'Item ID', itemIndex)}`;
}

export async function getItem(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const item = await supercycleRequest.call(this, {
		method: 'GET',
		path: itemPath.call(this, itemIndex),
		itemIndex,
	});
	return [item as IDataObject];
}

export async function getItems(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const max = maxResults.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const key of ['sku', 'serial', 'visibility']) {
		const value = typeof filters[key] === 'string' ? (filters[key] as string).trim() : '';
		if (value) qs[key] = value;
	}
	// Supercycle's default is false, which does not filter: only true is worth sending.
	if (filters.withActiveRental === true) qs.withActiveRental = true;
	return supercyclePaginate.call(this, { method: 'GET', path: '/items', qs, itemIndex }, max);
}

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

export async function updateItem(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const path = itemPath.call(this, itemIndex);
	const body = itemUpdateBody.call(
		this,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	const item = await supercycleRequest.call(this, { method: 'PUT', path, body, itemIndex });
	return [item as IDataObject];
}
