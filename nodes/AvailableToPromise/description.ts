import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export const inputs: INodeTypeDescription['inputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Stock Rows', required: true },
	{ type: NodeConnectionTypes.Main, displayName: 'Last Sent' },
];

export const outputs: INodeTypeDescription['outputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Send' },
	{ type: NodeConnectionTypes.Main, displayName: 'Held' },
	{ type: NodeConnectionTypes.Main, displayName: 'Stopped' },
];

const field = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: name,
	description,
});

const stockFields: INodeProperties = {
	displayName: 'Stock Row Fields',
	name: 'fields',
	type: 'collection',
	placeholder: 'Change a Field Name',
	default: {},
	description:
		'Where each stock row keeps its values (dotted paths); the defaults are the names shown',
	options: [
		field('Case Pack', 'casePack', 'Eaches per case, for channels that take whole cases'),
		field('Circular Reserve', 'circularReserve', 'Eaches kept for rentals (Supercycle)'),
		field('Committed', 'committed', 'Eaches committed to open shop orders, not yet shipped'),
		field('On Hand', 'onHand', 'Eaches on hand'),
		field(
			'Open PO Accepted',
			'openPoAccepted',
			'Eaches accepted on open Amazon purchase orders, not yet shipped',
		),
		field('SKU', 'sku', 'The SKU'),
	],
};

const channels: INodeProperties = {
	displayName: 'Channels',
	name: 'channels',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Channel',
	default: {},
	description: 'The Amazon channels the figures are for, each with its own reserve and rounding',
	options: [
		{
			displayName: 'Channel',
			name: 'channel',
			values: [
				{
					displayName: 'Buffer (Eaches)',
					name: 'bufferEaches',
					type: 'number',
					default: 0,
					description: 'Eaches never offered to this channel',
				},
				{
					displayName: 'Cap (Eaches)',
					name: 'cap',
					type: 'string',
					default: '',
					placeholder: 'no cap',
					description: 'At most this many eaches;	empty for no cap',
				},
				{
					displayName: 'Full Update (Direct Fulfillment)',
					name: 'fullUpdate',
					type: 'boolean',
					default: false,
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: 'vendorCentral',
					required: true,
				},
				{
					displayName: 'Priority',
					name: 'priority',
					type: 'number',
					default: 1,
					description: 'Lower first:	this channel takes what it may before the next one',
				},
				{
					displayName: 'Reserve (%)',
					name: 'reservePercent',
					type: 'number',
					default: 0,
					description: "Percentage of the channel's part kept back, rounded up to whole eaches",
				},
				{
					displayName: 'Share (%)',
					name: 'share',
					type: 'number',
					default: 100,
					description: 'Percentage of the pool for this channel',
				},
				{
					displayName: 'Whole Cases Only',
					name: 'wholeCases',
					type: 'boolean',
					default: false,
					description:
						'Whether to round down to whole cases of the case pack (Vendor Central retail)',
				},
			],
		},
	],
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'Connect the stock rows (one item per SKU) to the first input and the record of the last ' +
			'figures sent (<code>sku</code>, <code>channel</code>, <code>available</code>) to the ' +
			'second. <b>Send</b> has the figures that changed, <b>Held</b> the ones kept back, and ' +
			'<b>Stopped</b> one exception row per channel the guard stopped.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	stockFields,
	{
		displayName: 'Allocation',
		name: 'allocation',
		type: 'options',
		options: [
			{ name: 'Every Channel Sees the Whole Pool', value: 'all' },
			{ name: 'Fixed Shares', value: 'share', description: 'Each channel gets its share' },
			{
				name: 'Priority Order',
				value: 'priority',
				description: 'Each channel in turn, up to its cap',
			},
		],
		default: 'all',
		description: 'How the pool of a SKU is divided between the channels',
	},
	channels,
	{
		displayName: 'Safety Stock (Eaches)',
		name: 'safetyStock',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'Eaches per SKU never offered to any channel',
	},
	{
		displayName: 'Zero-Stock Guard',
		name: 'guard',
		type: 'boolean',
		default: true,
		description:
			'Whether to stop the send of a channel when its stock source returned nothing, too many ' +
			'SKUs fall to 0, or the total falls too far. Turn off only for a drop you have checked.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Most SKUs Falling to 0 (%)',
				name: 'maxZeroSharePercent',
				type: 'number',
				default: 20,
				typeOptions: { minValue: 0, maxValue: 100 },
				description: 'Stop when more than this share of the SKUs that had stock would fall to 0',
			},
			{
				displayName: 'Largest Total Drop (%)',
				name: 'maxTotalDropPercent',
				type: 'number',
				default: 50,
				typeOptions: { minValue: 0, maxValue: 100 },
				description: 'Stop when the total would fall by more than this percentage',
			},
			{
				displayName: 'Smallest Increase to Send (Eaches)',
				name: 'minIncrease',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1 },
				description:
					'Increases smaller than this are held until they grow (decreases always go out)',
			},
		],
	},
];
