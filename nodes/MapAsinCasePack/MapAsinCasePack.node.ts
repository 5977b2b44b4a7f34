import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import {
	mapAsinCasePackInputs,
	mapAsinCasePackOutputs,
	mapAsinCasePackProperties,
} from './description';
import { execute } from './execute';

export class MapAsinCasePack implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Map ASIN / Case Pack',
		name: 'mapAsinCasePack',
		group: ['transform'],
		version: 1,
		subtitle:
			'={{"match by " + ($parameter["matchFirst"] === "asin" ? "ASIN" : "vendor product ID") + ' +
			'" first"}}',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		description:
			'Turns every line of an Amazon purchase order into a platform SKU and eaches, and sends ' +
			'lines it cannot trust to Exceptions',
		defaults: { name: 'Map ASIN / Case Pack' },
		usableAsTool: true,
		inputs: mapAsinCasePackInputs,
		outputs: mapAsinCasePackOutputs,
		properties: mapAsinCasePackProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
