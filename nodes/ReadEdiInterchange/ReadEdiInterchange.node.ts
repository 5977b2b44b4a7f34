/**
 * Read EDI Interchange: one X12 file of Amazon's (from the AS2 gateway's `inbound/` folder) -> the
 * documents it holds (850 purchase orders as the PO trigger gives them, 860 changes, 820 payments,
 * 997s of ours), the 997 to send back for each group, and an exception row for anything rejected.
 * The parameters are in description.ts, the run in execute.ts, the rules in
 * nodes/shared/domain/edi/exchange/.
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

export class ReadEdiInterchange implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Read EDI Interchange',
		name: 'readEdiInterchange',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		subtitle: '={{ "from " + ($parameter["source"] === "binary" ? "a file" : "a text field") }}',
		description:
			"Reads Amazon's X12 files (850, 860, 820, 997) into purchase orders, changes and " +
			'payments, and builds the 997 that answers each',
		group: ['transform'],
		version: 1,
		defaults: { name: 'Read EDI Interchange' },
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
