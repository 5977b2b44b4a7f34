import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * Columns of the ASIN / case-pack mapping table (Map ASIN / Case Pack, Apply Change Order), in
 * alphabetical order.
 */
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

const MAPPING_COLUMNS =
	'asin, vendorProductIdentifier, sku, casePack, expectedUnitCost, discontinued';

/**
 * Mapping Source: the table in the node or the second input. `first` keeps each node's order of the
 * two choices; `variantId` names that column among the fields of the input rows.
 */
export function mappingSourceField(options: {
	first: 'table' | 'input';
	variantId?: boolean;
}): INodeProperties {
	const columns = options.variantId ? `${MAPPING_COLUMNS}, variantId` : MAPPING_COLUMNS;
	const input = {
		name: 'Second Input',
		value: 'input',
		description:
			"Items of the Mapping Rows input (from a Data Table, a sheet or the shop's products) " +
			`with the fields ${columns}`,
	};
	const table = {
		name: 'Table in This Node',
		value: 'table',
		description: 'Rows typed into the table below',
	};
	return {
		displayName: 'Mapping Source',
		name: 'mappingSource',
		type: 'options',
		options: options.first === 'table' ? [table, input] : [input, table],
		default: 'table',
	};
}

/** The Mapping table, shown when the mapping source is the table. */
export function mappingTableField(options: { variantId?: boolean } = {}): INodeProperties {
	return {
		displayName: 'Mapping',
		name: 'mapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Row',
		default: {},
		displayOptions: { show: { mappingSource: ['table'] } },
		options: [{ displayName: 'Row', name: 'rows', values: mappingRowFields(options) }],
	};
}

export const matchFirstField: INodeProperties = {
	displayName: 'Match First By',
	name: 'matchFirst',
	type: 'options',
	options: [
		{ name: 'ASIN', value: 'asin' },
		{ name: 'Vendor Product Identifier', value: 'vendorProductIdentifier' },
	],
	default: 'asin',
	description: 'Which identifier of a PO line is looked up first; the other one is tried next',
};

/** Price Tolerance (with the node's description) and Price Tolerance Unit. */
export function priceToleranceFields(description: string): INodeProperties[] {
	return [
		{
			displayName: 'Price Tolerance',
			name: 'priceTolerance',
			type: 'string',
			default: '0',
			description,
		},
		{
			displayName: 'Price Tolerance Unit',
			name: 'priceToleranceMode',
			type: 'options',
			options: [
				{ name: 'Currency Amount', value: 'absolute' },
				{ name: 'Percent of Expected Cost', value: 'percent' },
			],
			default: 'absolute',
		},
	];
}

/** The price tolerance from a node's Options collection: an amount or a percent, '0' when empty. */
export function priceToleranceOf(options: IDataObject): {
	mode: 'absolute' | 'percent';
	value: string;
} {
	return {
		mode: (options.priceToleranceMode as 'absolute' | 'percent') ?? 'absolute',
		value: String(options.priceTolerance ?? '0').trim() || '0',
	};
}
