import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { builtOutputs, submitCredentials } from '../shared/descriptions/submission';
import { buildInvoiceProperties } from './description';
import { execute } from './execute';

export class BuildInvoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Build Invoice',
		name: 'buildInvoice',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["dryRun"] ? "dry run" : "submit to Amazon"}}',
		description:
			"Builds Amazon's invoice from the shipped quantities at the acknowledged costs, checks " +
			'total, quantities, costs and number, and submits it',
		defaults: { name: 'Build Invoice' },
		usableAsTool: true,
		inputs: [{ type: NodeConnectionTypes.Main, displayName: 'Shipped', required: true }],
		outputs: builtOutputs(),
		credentials: submitCredentials(),
		properties: buildInvoiceProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
