import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	readStock,
	skuList,
	skuRequests,
	STOCK_QUERY,
} from '../../../shared/domain/platforms/shopify';
import { NodeOperationError } from 'n8n-workflow';
import { gql, shopifyStep, showFor, stringField } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stock'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get stock levels',
				description:
					'Available eaches per SKU (per location, summed), minus a buffer, as Acknowledge PO reads them',
			},
		],
		default: 'get',
	},
	stringField('stock', ['get'], {
		displayName: 'SKUs',
		name: 'skus',
		required: true,
		placeholder: 'SKU-CASE, SKU-EACH',
		description: 'The SKUs, as a list (an expression) or comma-separated; each once',
	}),
	{
		displayName: 'Buffer (Eaches)',
		name: 'bufferEaches',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: showFor('stock', ['get']),
		description: 'Eaches per SKU never offered to Amazon',
	},
	stringField('stock', ['get'], {
		displayName: 'Locations',
		name: 'locations',
		placeholder: 'Main warehouse',
		description: 'Location names or IDs to count, comma-separated; empty: every location',
	}),
];

/** One item per SKU: `{sku, available, variantId, found, locations}`; unknown SKUs have 0. */
export async function get(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const skus = skuList(this.getNodeParameter('skus', itemIndex, '') as unknown);
	const buffer = Number(this.getNodeParameter('bufferEaches', itemIndex, 0));
	if (!Number.isSafeInteger(buffer) || buffer < 0)
		throw new NodeOperationError(
			this.getNode(),
			`Buffer (Eaches) must be a whole number of 0 or more, got ${buffer}`,
			{
				itemIndex,
			},
		);
	const locations = String(this.getNodeParameter('locations', itemIndex, '') ?? '')
		.split(',')
		.map((l) => l.trim())
		.filter(Boolean);
	const rows = await shopifyStep(this, itemIndex, async () => {
		const bodies: unknown[] = [];
		for (const request of skuRequests(skus, STOCK_QUERY))
			bodies.push(await gql(this, request, itemIndex));
		return readStock(bodies, skus, { bufferEaches: buffer, locations });
	});
	return rows as unknown as IDataObject[];
}
