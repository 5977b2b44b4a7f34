import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { asNodeError } from '../shared/transport/errors';
import { itemFields, itemOperations } from './descriptions/item';
import { rentalFields, rentalOperations } from './descriptions/rental';
import { getItem, getItems, updateItem } from './actions/item';
import { getRental, getRentals } from './actions/rental';

type Action = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

const ACTIONS: Record<string, Record<string, Action>> = {
	item: { get: getItem, getAll: getItems, update: updateItem },
	rental: { get: getRental, getAll: getRentals },
};

export class Supercycle implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Supercycle',
		name: 'supercycle',
		icon: {
			light: 'file:../../icons/supercycle.svg',
			dark: 'file:../../icons/supercycle.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Serialised items and rentals of Supercycle, the circular-commerce app for Shopify (rental, resale, subscriptions)',
		defaults: { name: 'Supercycle' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'supercycleApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Item', value: 'item', description: 'A serialised stock unit' },
					{ name: 'Rental', value: 'rental', description: 'A rental cycle of an item' },
				],
				default: 'item',
			},
			...itemOperations,
			...itemFields,
			...rentalOperations,
			...rentalFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const resource = this.getNodeParameter('resource', itemIndex) as string;
				const operation = this.getNodeParameter('operation', itemIndex) as string;
				const action = ACTIONS[resource]?.[operation];
				if (!action) {
					throw new NodeOperationError(
						this.getNode(),
						`Unsupported operation "${operation}" for resource "${resource}"`,
						{ itemIndex },
					);
				}
				const results = await action.call(this, itemIndex);
				for (const json of results) out.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw asNodeError(this.getNode(), error, itemIndex);
			}
		}
		return [out];
	}
}
