/**
 * Post Remittance Journal: Amazon remittances (Vendor Central CSV export, X12 820 or the Finances
 * Invoices API) as one balanced journal entry per payment; what cannot be posted goes to Exceptions.
 * The parameters are in description.ts, the run in execute.ts.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { credentials, inputs, outputs, properties } from './description';
import { execute } from './execute';

export class PostRemittanceJournal implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Post Remittance Journal',
		name: 'postRemittanceJournal',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		subtitle:
			'={{ {"csv": "from the CSV export", "x12820": "from an X12 820", "financesApi": ' +
			'"from the Finances API"}[$parameter["source"]] }}',
		description:
			'Turns Amazon remittances (Vendor Central CSV export, X12 820 or the Finances Invoices API) ' +
			'into one balanced journal entry per payment, and holds what it cannot post',
		group: ['transform'],
		version: 1,
		defaults: { name: 'Post Remittance Journal' },
		usableAsTool: true,
		inputs,
		outputs,
		credentials,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
