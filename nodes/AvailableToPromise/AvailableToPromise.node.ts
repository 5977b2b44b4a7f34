/**
 * Available to Promise: stock rows from any source -> the figure each Amazon channel may be offered
 * per SKU, checked by the zero-stock guard against the last figures sent. The parameters are in
 * description.ts, the run in execute.ts, the rules in nodes/shared/domain/stock/.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { inputs, outputs, properties } from './description';
import { execute } from './execute';

export class AvailableToPromise implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Available to Promise',
		name: 'availableToPromise',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		subtitle: '={{ $parameter["guard"] ? "with the zero-stock guard" : "guard off" }}',
		description:
			'Computes the stock each Amazon channel may be offered per SKU, and stops a send that ' +
			'would zero the catalogue',
		group: ['transform'],
		version: 1,
		defaults: { name: 'Available to Promise' },
		usableAsTool: true,
		inputs,
		outputs,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
