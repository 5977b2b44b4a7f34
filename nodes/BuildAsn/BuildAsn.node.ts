import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { builtOutputs, submitCredentials } from '../shared/descriptions/submission';
import { buildAsnProperties } from './description';
import { execute } from './execute';

export class BuildAsn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Build ASN',
		name: 'buildAsn',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{$parameter["ssccSource"] === "count" ? "check and count serials" : ' +
			'$parameter["dryRun"] ? "dry run" : "submit to Amazon"}}',
		description:
			"Builds Amazon's shipment confirmation (ASN) from a shipment and the purchase orders as " +
			'acknowledged, with SSCC label data, checks it and submits it',
		defaults: { name: 'Build ASN' },
		usableAsTool: true,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Shipments', required: true },
			{ type: NodeConnectionTypes.Main, displayName: 'Carriers' },
		],
		outputs: builtOutputs(),
		credentials: submitCredentials(),
		properties: buildAsnProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
