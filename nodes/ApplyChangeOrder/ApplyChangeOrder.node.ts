import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import {
	applyChangeOrderInputs,
	applyChangeOrderOutputs,
	applyChangeOrderProperties,
} from './description';
import { execute } from './execute';

export class ApplyChangeOrder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apply Change Order',
		name: 'applyChangeOrder',
		group: ['transform'],
		version: 1,
		subtitle:
			'={{$parameter["submitReacknowledgement"] ? "re-acknowledge to Amazon" : "plan only"}}',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		description:
			'Diffs a changed purchase order against the kept version, blocks changes to platform orders ' +
			'already in fulfilment, and gives the platform edit plan and the re-acknowledgement',
		defaults: { name: 'Apply Change Order' },
		usableAsTool: true,
		inputs: applyChangeOrderInputs,
		outputs: applyChangeOrderOutputs,
		credentials: [
			{
				name: 'amazonVendorCentralApi',
				required: true,
				displayOptions: { show: { submitReacknowledgement: [true] } },
			},
		],
		properties: applyChangeOrderProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
