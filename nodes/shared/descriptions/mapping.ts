import type { INodeProperties } from 'n8n-workflow';

/** Columns of the ASIN / case-pack mapping table (Map ASIN / Case Pack, Apply Change Order), in alphabetical order. */
export function mappingRowFields(options: { variantId?: boolean } = {}): INodeProperties[] {
	return [
		{ displayName: 'ASIN', name: 'asin', type: 'string', default: '', placeholder: 'B0C1234567' },
		{
			displayName: 'Case Pack',
			name: 'casePack',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Eaches per case; 0 means unknown',
		},
		{ displayName: 'Discontinued', name: 'discontinued', type: 'boolean', default: false },
		{
			displayName: 'Expected Unit Cost',
			name: 'expectedUnitCost',
			type: 'string',
			default: '',
			placeholder: '4.20',
			description:
				'Agreed net cost per each (or per weight unit for weight-priced items); empty means no price check',
		},
		{
			displayName: 'SKU',
			name: 'sku',
			type: 'string',
			default: '',
			description: 'The platform (shop or warehouse) SKU',
		},
		...(options.variantId
			? [
					{
						displayName: 'Variant ID',
						name: 'variantId',
						type: 'string',
						default: '',
						placeholder: 'gid://shopify/ProductVariant/123',
						description:
							'Shopify only, optional: the variant to add when Amazon adds a line for a SKU the order does not have yet',
					} as INodeProperties,
				]
			: []),
		{
			displayName: 'Vendor Product Identifier',
			name: 'vendorProductIdentifier',
			type: 'string',
			default: '',
			description: 'The identifier Amazon sends for the vendor: vendor SKU, UPC, EAN or ISBN',
		},
	];
}
