import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { resourceField } from '../shared/descriptions/list';
import * as item from './actions/item';
import * as rental from './actions/rental';
import { router } from './actions/router';

export class Supercycle implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Supercycle',
		name: 'supercycle',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		icon: {
			light: 'file:../../icons/supercycle.svg',
			dark: 'file:../../icons/supercycle.dark.svg',
		},
		description:
			'Serialised items and rentals of Supercycle, the circular-commerce app for Shopify ' +
			'(rental, resale, subscriptions)',
		defaults: { name: 'Supercycle' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'supercycleApi', required: true }],
		properties: [
			resourceField(
				[
					{ name: 'Item', value: 'item', description: 'A serialised stock unit' },
					{ name: 'Rental', value: 'rental', description: 'A rental cycle of an item' },
				],
				'item',
			),
			...item.description,
			...rental.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
