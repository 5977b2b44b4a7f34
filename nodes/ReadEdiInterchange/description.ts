import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export const outputs: INodeTypeDescription['outputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Documents' },
	{ type: NodeConnectionTypes.Main, displayName: '997 Replies' },
	{ type: NodeConnectionTypes.Main, displayName: 'Exceptions' },
];

export const properties: INodeProperties[] = [
	{
		displayName: 'Interchange From',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'A file downloaded from the mailbox (the FTP node in SFTP mode)',
			},
			{
				name: 'Text Field',
				value: 'field',
				description: 'A field of each item holding the X12 text',
			},
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryProperty',
		type: 'string',
		default: 'data',
		displayOptions: { show: { source: ['binary'] } },
		description: 'The binary field of each item that holds the file',
	},
	{
		displayName: 'Text Field',
		name: 'textField',
		type: 'string',
		default: 'interchange',
		displayOptions: { show: { source: ['field'] } },
		description: 'The field of each item that holds the interchange text',
	},
	{
		displayName: 'Check Against Amazon’s Guides',
		name: 'guideCheck',
		type: 'boolean',
		default: true,
		description:
			'Whether to check every transaction set against its implementation guide (required ' +
			'segments, element lengths, code lists); a set that fails is rejected in the 997 and not ' +
			'applied',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Default Currency',
				name: 'defaultCurrency',
				type: 'string',
				default: 'USD',
				description: 'Currency of prices and payments when a document names none (CUR segment)',
			},
			{
				displayName: 'Previous Purchase Orders Field',
				name: 'previousField',
				type: 'string',
				default: '',
				description:
					'A field of the items holding the purchase orders kept (a list): an 860 change is ' +
					'applied to its purchase order, and rejected when that order is not in the list',
			},
		],
	},
];
