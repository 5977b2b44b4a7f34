import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import {
	mapPurchaseOrder,
	MappingOptionsError,
	type MapOptions,
	type MappingIndex,
} from '../shared/domain/caseMapping';
import { mappingIndex, mappingRows } from '../shared/transport/mappingInput';
import { mappingRowFields } from '../shared/descriptions/mapping';
import { readPurchaseOrderInput } from '../shared/domain/poInput';

export class MapAsinCasePack implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Map ASIN / Case Pack',
		name: 'mapAsinCasePack',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{"match by " + ($parameter["matchFirst"] === "asin" ? "ASIN" : "vendor product ID") + " first"}}',
		description:
			'Turns every line of an Amazon purchase order into a platform SKU and eaches, and sends lines it cannot trust to Exceptions',
		defaults: { name: 'Map ASIN / Case Pack' },
		usableAsTool: true,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Purchase Orders', required: true },
			{ type: NodeConnectionTypes.Main, displayName: 'Mapping Rows' },
		],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Mapped' },
			{ type: NodeConnectionTypes.Main, displayName: 'Exceptions' },
		],
		properties: [
			{
				displayName:
					"Each purchase order goes to <b>Mapped</b> only if every line has a SKU, a consistent case pack and the expected price. Otherwise the whole purchase order goes to <b>Exceptions</b> with every line's reason.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Mapping Source',
				name: 'mappingSource',
				type: 'options',
				options: [
					{
						name: 'Table in This Node',
						value: 'table',
						description: 'Rows typed into the table below',
					},
					{
						name: 'Second Input',
						value: 'input',
						description:
							"Items of the Mapping Rows input (from a Data Table, a sheet or the shop's products) with the fields asin, vendorProductIdentifier, sku, casePack, expectedUnitCost, discontinued",
					},
				],
				default: 'table',
			},
			{
				displayName: 'Mapping',
				name: 'mapping',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				placeholder: 'Add Row',
				default: {},
				displayOptions: { show: { mappingSource: ['table'] } },
				options: [
					{
						displayName: 'Row',
						name: 'rows',
						values: mappingRowFields(),
					},
				],
			},
			{
				displayName: 'Match First By',
				name: 'matchFirst',
				type: 'options',
				options: [
					{ name: 'ASIN', value: 'asin' },
					{ name: 'Vendor Product Identifier', value: 'vendorProductIdentifier' },
				],
				default: 'asin',
				description:
					'Which identifier of a PO line is looked up first; the other one is tried next',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Discontinued SKU',
						name: 'discontinued',
						type: 'options',
						options: [
							{ name: 'Exception', value: 'exception', description: 'A person decides' },
							{
								name: 'Reject the Line (Obsolete Product)',
								value: 'reject',
								description: 'The line will be acknowledged Rejected with ObsoleteProduct',
							},
						],
						default: 'exception',
					},
					{
						displayName: 'Eaches Not a Multiple of the Case Pack',
						name: 'notMultiple',
						type: 'options',
						options: [
							{ name: 'Exception', value: 'exception' },
							{ name: 'Warning Only', value: 'warning' },
						],
						default: 'exception',
						description: 'What to do when Amazon orders eaches that do not make whole cases',
					},
					{
						displayName: 'Partly Bad Purchase Orders',
						name: 'partialPo',
						type: 'options',
						options: [
							{ name: 'Send the Whole PO to Exceptions', value: 'exceptions' },
							{
								name: 'Continue With Bad Lines Rejected',
								value: 'continueWithRejections',
								description: 'The PO goes to Mapped; its bad lines will be acknowledged Rejected',
							},
						],
						default: 'exceptions',
					},
					{
						displayName: 'Price Tolerance',
						name: 'priceTolerance',
						type: 'string',
						default: '0',
						description: 'Allowed difference between the PO net cost and the expected unit cost',
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
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData(0);
		const mapped: INodeExecutionData[] = [];
		const exceptions: INodeExecutionData[] = [];
		if (!items.length) return [mapped, exceptions];

		const source = this.getNodeParameter('mappingSource', 0) as string;
		const index: MappingIndex = mappingIndex.call(this, source, mappingRows.call(this, source));
		const extra = this.getNodeParameter('options', 0, {}) as IDataObject;
		const options: Partial<MapOptions> = {
			matchFirst: this.getNodeParameter('matchFirst', 0) as MapOptions['matchFirst'],
			...(extra.notMultiple ? { notMultiple: extra.notMultiple as MapOptions['notMultiple'] } : {}),
			...(extra.partialPo ? { partialPo: extra.partialPo as MapOptions['partialPo'] } : {}),
			...(extra.discontinued
				? { discontinued: extra.discontinued as MapOptions['discontinued'] }
				: {}),
			priceTolerance: {
				mode: (extra.priceToleranceMode as 'absolute' | 'percent') ?? 'absolute',
				value: String(extra.priceTolerance ?? '0').trim() || '0',
			},
		};

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const input = readPurchaseOrderInput(items[itemIndex].json);
				const result = mapPurchaseOrder(input.purchaseOrder, index, options, input.raw);
				const json = {
					...input.context,
					...result,
					...(input.raw ? { raw: input.raw } : {}),
				} as unknown as IDataObject;
				(result.route === 'mapped' ? mapped : exceptions).push({
					json,
					pairedItem: { item: itemIndex },
				});
			} catch (error) {
				if (error instanceof MappingOptionsError) {
					throw new NodeOperationError(this.getNode(), error.message, { itemIndex });
				}
				const message = `Item ${itemIndex} is not a readable purchase order: ${(error as Error).message}`;
				if (this.continueOnFail()) {
					exceptions.push({
						json: { error: message, item: items[itemIndex].json },
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				throw new NodeOperationError(this.getNode(), message, { itemIndex });
			}
		}
		return [mapped, exceptions];
	}
}
