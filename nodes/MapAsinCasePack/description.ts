import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	mappingSourceField,
	mappingTableField,
	matchFirstField,
	priceToleranceFields,
} from '../shared/descriptions/mapping';
import { optionsCollection } from '../shared/descriptions/options';

export const mapAsinCasePackInputs: INodeTypeDescription['inputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Purchase Orders', required: true },
	{ type: NodeConnectionTypes.Main, displayName: 'Mapping Rows' },
];

export const mapAsinCasePackOutputs: INodeTypeDescription['outputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Mapped' },
	{ type: NodeConnectionTypes.Main, displayName: 'Exceptions' },
];

export const mapAsinCasePackProperties: INodeProperties[] = [
	{
		displayName:
			'Each purchase order goes to <b>Mapped</b> only if every line has a SKU, a consistent case ' +
			'pack and the expected price. Otherwise the whole purchase order goes to <b>Exceptions</b> ' +
			"with every line's reason.",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	mappingSourceField({ first: 'table' }),
	mappingTableField(),
	matchFirstField,
	optionsCollection([
		{
			displayName: 'Discontinued SKU',
			name: 'discontinued',
			type: 'options',
			options: [
				{ name: 'Exception', value: 'exception', description: 'A person decides' },
				{
					name: 'Reject the Line (Obsolete Product)',
					value: 'reject',
					description: 'The line will be acknowledged Rejected with ObsoleteProduct',
				},
			],
			default: 'exception',
		},
		{
			displayName: 'Eaches Not a Multiple of the Case Pack',
			name: 'notMultiple',
			type: 'options',
			options: [
				{ name: 'Exception', value: 'exception' },
				{ name: 'Warning Only', value: 'warning' },
			],
			default: 'exception',
			description: 'What to do when Amazon orders eaches that do not make whole cases',
		},
		{
			displayName: 'Partly Bad Purchase Orders',
			name: 'partialPo',
			type: 'options',
			options: [
				{ name: 'Send the Whole PO to Exceptions', value: 'exceptions' },
				{
					name: 'Continue With Bad Lines Rejected',
					value: 'continueWithRejections',
					description: 'The PO goes to Mapped; its bad lines will be acknowledged Rejected',
				},
			],
			default: 'exceptions',
		},
		...priceToleranceFields(
			'Allowed difference between the PO net cost and the expected unit cost',
		),
	]),
];
