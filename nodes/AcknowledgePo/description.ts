import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	backorderDelayField,
	netCostField,
	scheduledDateFields,
	vendorCodeField,
} from '../shared/descriptions/acknowledgement';
import { optionsCollection } from '../shared/descriptions/options';
import { waitFieldsShownWhen } from '../shared/descriptions/wait';
import { channelField } from '../shared/descriptions/submission';

export const acknowledgePoInputs: INodeTypeDescription['inputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Mapped POs', required: true },
	{ type: NodeConnectionTypes.Main, displayName: 'Stock' },
];

export const acknowledgePoOutputs: INodeTypeDescription['outputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Acknowledged' },
	{ type: NodeConnectionTypes.Main, displayName: 'Exceptions' },
	{ type: NodeConnectionTypes.Main, displayName: 'To Send by EDI' },
];

export const acknowledgePoProperties: INodeProperties[] = [
	{
		displayName:
			'Stock is shared by all purchase orders of one run, oldest first: two purchase orders never ' +
			'get the same units. Only whole cases are accepted on case lines.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Stock Source',
		name: 'stockSource',
		type: 'options',
		options: [
			{
				name: 'Second Input',
				value: 'input',
				description: 'Items of the Stock input, each {sku, available} in eaches',
			},
			{
				name: 'Field of Each Item',
				value: 'field',
				description:
					'A field of the purchase order items: {sku: available} or a list of {sku, available}',
			},
		],
		default: 'input',
	},
	{
		displayName: 'Stock Field',
		name: 'stockField',
		type: 'string',
		default: 'stock',
		displayOptions: { show: { stockSource: ['field'] } },
		description: 'Path of the stock in each item, e.g. stock or shop.available',
	},
	{
		displayName: 'Backorder What Is Missing',
		name: 'backorder',
		type: 'boolean',
		default: false,
		description:
			'Whether to acknowledge missing units as Backordered on lines where Amazon allows it ' +
			'(isBackOrderAllowed); otherwise they are Rejected as TemporarilyUnavailable. Backordered ' +
			'units are promised to Amazon: the output lists them per SKU with their date (backorders, ' +
			'backorderNote), for the shop order that ships them when stock arrives.',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to build and check the acknowledgements without sending them to Amazon',
	},
	channelField('acknowledgement (an 855 on EDI)'),
	...waitFieldsShownWhen({ dryRun: [false] }),
	optionsCollection([
		backorderDelayField,
		netCostField('purchaseOrder'),
		{
			displayName: 'Previous Acknowledgement Field',
			name: 'previousField',
			type: 'string',
			default: 'previousAcknowledgement',
			description:
				'Field that holds what was acknowledged before, for a changed purchase order. An item ' +
				"with it is a re-acknowledgement: allowed within 48 hours of Amazon's change, and a " +
				'line once Rejected is never sent as Accepted or Backordered.',
		},
		...scheduledDateFields,
		{
			displayName: 'Send Late Acknowledgements',
			name: 'sendLate',
			type: 'boolean',
			default: false,
			description:
				'Whether to still send purchase orders older than 24 hours; otherwise they go to ' +
				'Exceptions unsent',
		},
		vendorCodeField,
	]),
];
