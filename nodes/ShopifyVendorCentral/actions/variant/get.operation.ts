/**
 * Variant > Get: one variant by SKU (preferred) or by variant ID, e.g. for an event that names only
 * one of them. The result says whether Shopify knows it; an unknown SKU is not an error.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { oneVariantRequest, readOneVariant } from '../../../shared/domain/platforms/shopify';
import { gql, output, shopifyStep, stringField } from '../common';

export const description: INodeProperties[] = [
	stringField('variant', ['get'], {
		displayName: 'SKU',
		name: 'sku',
		placeholder: 'SKU-EACH',
		description: 'The SKU to look up; when empty, the variant ID is used',
	}),
	stringField('variant', ['get'], {
		displayName: 'Variant ID',
		name: 'variantId',
		placeholder: '40000000001',
		description: 'A number or a gid://shopify/ProductVariant/ ID; used when the SKU is empty',
	}),
];

/** `{found, variantId, sku, productTitle}`; when not found, `sku` is the SKU asked (or empty). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const sku = String(this.getNodeParameter('sku', itemIndex, '') ?? '');
	const variantId = String(this.getNodeParameter('variantId', itemIndex, '') ?? '');
	const request = oneVariantRequest(sku, variantId);
	const result = await shopifyStep(this, itemIndex, async () =>
		readOneVariant(await gql(this, request, itemIndex), sku, variantId),
	);
	return [output(this, itemIndex, result as unknown as IDataObject)];
}
