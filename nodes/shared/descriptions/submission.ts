/**
 * Fields several nodes share for sending a document to Amazon: wait until the transaction is final
 * (Success or Failure), and the dry run of the building nodes.
 */
import type {
	INodeCredentialDescription,
	INodeOutputConfiguration,
	INodeProperties,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** Wait Until Final, Max Wait and Poll Interval, shown for the given resources and operations. */
export const waitFields = (resources: string[], operations: string[]): INodeProperties[] => [
	{
		displayName: 'Wait Until Final',
		name: 'waitUntilFinal',
		type: 'boolean',
		default: false,
		displayOptions: { show: { resource: resources, operation: operations } },
		description:
			'Whether to poll the transaction status until Amazon reports Success or Failure ' +
			'(or the maximum wait passes)',
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		displayOptions: {
			show: { resource: resources, operation: operations, waitUntilFinal: [true] },
		},
		description:
			'Amazon can take up to 30 minutes; after this time the node returns the status Processing',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		displayOptions: {
			show: { resource: resources, operation: operations, waitUntilFinal: [true] },
		},
	},
];

/** Dry run, channel and wait fields of Build ASN and Build Invoice: wait only when submitting. */
export function submitFields(document: string): INodeProperties[] {
	return [
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to build and check the document without sending it to Amazon ' +
				'(it goes to Built, nothing is remembered)',
		},
		channelField(document),
		...waitWhenSending(),
	];
}

/**
 * Wait Until Final (on by default), Max Wait and Poll Interval of a node with a Dry Run: shown only
 * when the node sends.
 */
export function waitWhenSending(): INodeProperties[] {
	const [waitUntilFinal, ...timing] = waitFields([], []);
	return [
		{ ...waitUntilFinal, default: true, displayOptions: { show: { dryRun: [false] } } },
		...timing.map((field) => ({
			...field,
			displayOptions: { show: { dryRun: [false], waitUntilFinal: [true] } },
		})),
	];
}

/** The credential of a building node: needed only when it sends (not on a dry run). */
export function submitCredentials(): INodeCredentialDescription[] {
	return [
		{
			name: 'amazonVendorCentralApi',
			required: true,
			displayOptions: { show: { dryRun: [false] } },
		},
	];
}

/** The two outputs of a building node. */
export function builtOutputs(): INodeOutputConfiguration[] {
	return [
		{ type: NodeConnectionTypes.Main, displayName: 'Submitted or Built' },
		{ type: NodeConnectionTypes.Main, displayName: 'Exceptions' },
		{ type: NodeConnectionTypes.Main, displayName: 'To Send by EDI' },
	];
}

export { optionsCollection } from './options';

/** Quantity Unit of the building nodes: in the PO's unit (the default) or in eaches. */
export function quantityUnitOption(eachesDescription?: string): INodeProperties {
	return {
		displayName: 'Quantity Unit',
		name: 'quantityUnit',
		type: 'options',
		options: [
			{
				name: 'As on the Purchase Order',
				value: 'purchaseOrder',
				description: 'Cases lines in cases, Eaches lines in eaches',
			},
			{
				name: 'Eaches',
				value: 'eaches',
				...(eachesDescription !== undefined ? { description: eachesDescription } : {}),
			},
		],
		default: 'purchaseOrder',
	};
}

/** Require Acknowledgement of the building nodes; `otherwise` says what happens when it is off. */
export function requireAcknowledgementOption(otherwise: string): INodeProperties {
	return {
		displayName: 'Require Acknowledgement',
		name: 'requireAcknowledgement',
		type: 'boolean',
		default: true,
		description: `Whether a purchase order without an acknowledgement is an exception; ${otherwise}`,
	};
}

/** Send Through: the SP-API, EDI, or the channel the purchase order came by (see domain/channel). */
export function channelField(document: string): INodeProperties {
	return {
		displayName: 'Send Through',
		name: 'channel',
		type: 'options',
		options: [
			{
				name: 'The Channel the PO Came By',
				value: 'auto',
				description: 'EDI for a purchase order read from an 850, the SP-API otherwise',
			},
			{ name: 'SP-API', value: 'spApi', description: `The node sends the ${document} to Amazon` },
			{
				name: 'EDI',
				value: 'edi',
				description:
					`The node does not send the ${document}: the item goes on To Send by EDI as well, for ` +
					'the EDI mailbox workflow, which writes the X12 document into the mailbox',
			},
		],
		default: 'auto',
		displayOptions: { show: { dryRun: [false] } },
	};
}
