/**
 * Write EDI Interchange: one outbound X12 document per item (855, 856, 810, 846 or 997), alone in
 * an interchange with the trading partnership's ids and a reserved control number, checked against
 * Amazon's guide, as text for the AS2 gateway's `outbound/` folder. The parameters are in
 * description.ts, the run in execute.ts, the rules in nodes/shared/domain/edi/exchange/.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { ediPartnerTest } from '../shared/ediNode/partner';
import { outputs, properties } from './description';
import { execute } from './execute';

export class WriteEdiInterchange implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Write EDI Interchange',
		name: 'writeEdiInterchange',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		subtitle: '={{ "X12 " + $parameter["documentType"] }}',
		description:
			"Writes an X12 855, 856, 810, 846 or 997 for Amazon, checked against Amazon's guide",
		group: ['transform'],
		version: 1,
		defaults: { name: 'Write EDI Interchange' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs,
		credentials: [
			{ name: 'amazonEdiTradingPartnerApi', required: true, testedBy: 'ediPartnerTest' },
		],
		properties,
	};

	methods = { credentialTest: { ediPartnerTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
