import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export const outputs: INodeTypeDescription['outputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Written' },
	{ type: NodeConnectionTypes.Main, displayName: 'Refused' },
];

export const properties: INodeProperties[] = [
	{
		displayName: 'Document',
		name: 'documentType',
		type: 'options',
		options: [
			{
				name: '855 Acknowledgement',
				value: '855',
				description: 'From Acknowledge PO: its acknowledgement and purchaseOrder',
			},
			{
				name: '856 Ship Notice',
				value: '856',
				description: 'From Build ASN: its confirmation',
			},
			{ name: '810 Invoice', value: '810', description: 'From Build Invoice: its invoice' },
			{
				name: '846 Inventory Advice',
				value: '846',
				description: 'Stock figures: location, reference, date and items',
			},
			{
				name: '997 Functional Acknowledgement',
				value: '997',
				description: 'From Read EDI Interchange: a 997 reply',
			},
		],
		default: '855',
		description:
			'Which X12 document to write; an expression can take it from the item, e.g. the ' +
			'ediDocumentType the building nodes and Read EDI Interchange give an item to send by EDI',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'json',
		default: '={{ $json }}',
		description:
			"The output of the node that built the document, e.g. {{ $('Acknowledge PO').item.json }} " +
			'when the item is the control-number row',
	},
	{
		displayName: 'Control Number',
		name: 'controlNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 42',
		description:
			'The number reserved for this interchange (1 to 999999999), written as ISA13, GS06 and ' +
			'ST02; it must never be used twice, so take it from a store that hands each number out once ' +
			'(the id of a new row of the Data Table avc_edi_control_numbers)',
	},
	{
		displayName: 'Check Against Amazon’s Guide',
		name: 'guideCheck',
		type: 'boolean',
		default: true,
		description:
			'Whether to read the document back and check it against its implementation guide; a ' +
			'document that fails goes to Refused and is not written',
	},
];
