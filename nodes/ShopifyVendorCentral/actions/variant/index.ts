import type { INodeProperties } from 'n8n-workflow';
import { resultFieldField } from '../common';
import * as get from './get.operation';
import * as getManyWithAsin from './getManyWithAsin.operation';

export { get, getManyWithAsin };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['variant'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a variant',
				description: 'One variant by SKU or variant ID, and whether Shopify knows it',
			},
			{
				name: 'Get Many With ASIN',
				value: 'getManyWithAsin',
				action: 'Get many variants with an ASIN',
				description:
					'Every variant with an ASIN metafield, as rows of the ASIN mapping table (all pages)',
			},
		],
		default: 'getManyWithAsin',
	},
	...get.description,
	...getManyWithAsin.description,
	resultFieldField('variant', ['get']),
];
