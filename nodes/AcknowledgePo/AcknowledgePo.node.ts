import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { acknowledgePoInputs, acknowledgePoOutputs, acknowledgePoProperties } from './description';
import { execute } from './execute';

export class AcknowledgePo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Acknowledge PO',
		name: 'acknowledgePo',
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["dryRun"] ? "dry run" : $parameter["channel"] === "edi" ? "by EDI" : "submit to Amazon" }}',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		description:
			'Allocates real stock to mapped purchase orders and acknowledges every line to Amazon: ' +
			'Accepted, Backordered or Rejected',
		defaults: { name: 'Acknowledge PO' },
		usableAsTool: true,
		inputs: acknowledgePoInputs,
		outputs: acknowledgePoOutputs,
		credentials: [{ name: 'amazonVendorCentralApi', required: true }],
		properties: acknowledgePoProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
