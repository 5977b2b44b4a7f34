import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { poTriggerProperties } from './description';
import { poll } from './poll';

export class VendorCentralPoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vendor Central PO Trigger',
		name: 'vendorCentralPoTrigger',
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		description:
			'Starts the workflow when Amazon sends a new purchase order or changes one, when one still ' +
			'needs its acknowledgement, or when one this trigger emitted is still New',
		defaults: { name: 'Vendor Central PO Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'amazonVendorCentralApi', required: true }],
		properties: poTriggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this);
	}
}
