import type { INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../shared/descriptions/options';

export const poTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'Acknowledgement Due',
				value: 'acknowledgementDue',
				description:
					'A purchase order still in state New after the threshold below (Amazon expects the acknowledgement within ' +
					'24 hours)',
			},
			{
				name: 'Changed Purchase Order',
				value: 'changed',
				description:
					'Amazon edited a purchase order in place (quantities, lines cancelled to 0, windows, ship-to, cost)',
			},
			{
				name: 'New Purchase Order',
				value: 'new',
				description: 'A purchase order Amazon created',
			},
			{
				name: 'Still New',
				value: 'stillNew',
				description:
					'A purchase order this trigger emitted that is still in state New after the minutes below, emitted again so ' +
					'that the workflow can take in one whose run failed',
			},
		],
		default: ['new'],
	},
	{
		displayName: 'Settle Delay (Minutes)',
		name: 'settleMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: { show: { events: ['new'] } },
		description:
			'Emit a new purchase order only once it is at least this old and unchanged for this long, so that early edits ' +
			'by Amazon arrive in one piece. 0 emits at once.',
	},
	{
		displayName: 'Acknowledgement Due After (Hours)',
		name: 'ackDueHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 20,
		displayOptions: { show: { events: ['acknowledgementDue'] } },
		description: 'Age of a purchase order still in state New at which it is emitted, once',
	},
	{
		displayName: 'Still New After (Minutes)',
		name: 'stillNewMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		displayOptions: { show: { events: ['stillNew'] } },
		description:
			'A purchase order still in state New this many minutes after this trigger first emitted it is emitted again, ' +
			'then at most once every this many minutes, until it is no longer New or is 7 days old',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Include Purchase Orders Not New',
				name: 'includeNotNew',
				type: 'boolean',
				default: false,
				description:
					'Whether to emit as new a purchase order that is already Acknowledged or Closed when the trigger first ' +
					'sees it (acknowledged in Vendor Central or by a previous system). Off: it is skipped, so that a ' +
					'migration does not acknowledge it and create its order a second time.',
			},
			{
				displayName: 'Purchase Order Types',
				name: 'purchaseOrderTypes',
				type: 'multiOptions',
				options: [
					{ name: 'Consigned Order', value: 'ConsignedOrder' },
					{ name: 'New Product Introduction', value: 'NewProductIntroduction' },
					{ name: 'Regular Order', value: 'RegularOrder' },
					{ name: 'Rush Order', value: 'RushOrder' },
				],
				default: [],
			},
			{
				displayName: 'Ship-To Codes',
				name: 'shipToCodes',
				type: 'string',
				default: '',
				placeholder: 'ABCD, EFGH',
				description: 'Fulfilment centre codes (shipToParty.partyId), separated by commas',
			},
			{
				displayName: 'Vendor Codes',
				name: 'vendorCodes',
				type: 'string',
				default: '',
				placeholder: 'VEND1, VEND2',
				description:
					'Vendor codes (sellingParty.partyId), separated by commas. Empty means every code of the account.',
			},
		],
	},
	optionsCollection([
		{
			displayName: 'First Look Back (Hours)',
			name: 'lookbackHours',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 24,
			description:
				'How far back the first poll after activation looks, and the window of Fetch Test Event',
		},
		{
			displayName: 'Window Overlap (Minutes)',
			name: 'overlapMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 120,
			description:
				'Each poll looks this far before the previous one, so that purchase orders Amazon shows late are not missed. ' +
				'Duplicates are never emitted.',
		},
	]),
];
