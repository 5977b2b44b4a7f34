import type { INodeProperties } from 'n8n-workflow';
import {
	optionsCollection,
	quantityUnitOption,
	requireAcknowledgementOption,
	submitFields,
} from '../shared/descriptions/submission';

export const buildAsnProperties: INodeProperties[] = [
	{
		displayName:
			'One ASN per input item (a shipment). This node keeps no SSCC counter: two ' +
			'executions running at once would read the same one. Generated SSCCs take serials ' +
			'the workflow reserved for this execution (e.g. from a database sequence); SSCCs ' +
			'used before are refused.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Shipment Field',
		name: 'shipmentField',
		type: 'string',
		default: '',
		placeholder: 'shipment',
		description:
			'Path of the shipment in each item: {shipmentIdentifier, shippedDate, carrier, ' +
			'proNumber, billOfLadingNumber, shipmentType, transportationMode, shipFromParty, ' +
			'cartons, pallets}. Empty: the item itself.',
	},
	{
		displayName: 'Purchase Orders Field',
		name: 'purchaseOrdersField',
		type: 'string',
		default: 'purchaseOrders',
		description:
			'Path of the purchase order(s) as acknowledged: one item, or a list of items, of ' +
			"Acknowledge PO's Acknowledged output ({purchaseOrder, lines, acknowledgement})",
	},
	{
		displayName: 'Region',
		name: 'region',
		type: 'options',
		options: [
			{
				name: 'Europe',
				value: 'EU',
				description: 'Bill of lading (or delivery note) always, SSCC on every carton',
			},
			{ name: 'Far East', value: 'FE', description: 'Bill of lading for truckload and LTL' },
			{
				name: 'India',
				value: 'IN',
				description: 'PRO number, bill of lading for truckload and LTL',
			},
			{
				name: 'North America',
				value: 'NA',
				description:
					'SCAC and PRO number, bill of lading for truckload and LTL, SSCC on every ' + 'carton',
			},
		],
		default: 'NA',
		description: "Which of Amazon's regional ASN rules apply",
	},
	{
		displayName: 'Carrier Source',
		name: 'carrierSource',
		type: 'options',
		options: [
			{
				name: 'JSON',
				value: 'json',
				description: 'A list of {name, scac} rows, e.g. an expression reading a Configuration node',
			},
			{
				name: 'Second Input',
				value: 'input',
				description: 'Items of the Carriers input, each {name, scac}',
			},
			{
				name: 'Table in This Node',
				value: 'table',
				description: 'Rows typed into the table below',
			},
		],
		default: 'table',
		description:
			'Where the carrier name -> SCAC table comes from. A carrier that is not in it is an ' +
			'exception.',
	},
	{
		displayName: 'Carriers',
		name: 'carriers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Carrier',
		default: {},
		displayOptions: { show: { carrierSource: ['table'] } },
		options: [
			{
				displayName: 'Carrier',
				name: 'rows',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'UPS Freight',
						description:
							'The carrier as the shop or warehouse names it (compared without ' +
							'case or punctuation)',
					},
					{
						displayName: 'SCAC',
						name: 'scac',
						type: 'string',
						default: '',
						placeholder: 'UPGF',
						description: "The carrier's Standard Carrier Alpha Code, 2 to 4 letters",
					},
				],
			},
		],
	},
	{
		displayName: 'Carriers (JSON)',
		name: 'carriersJson',
		type: 'json',
		default: '[{"name": "UPS", "scac": "UPSN"}]',
		displayOptions: { show: { carrierSource: ['json'] } },
		description: 'The carrier table as a list of {name, scac} rows',
	},
	{
		displayName: 'Cartons',
		name: 'cartonRule',
		type: 'options',
		options: [
			{
				name: 'As Given',
				value: 'asGiven',
				description: 'The cartons of the shipment are the physical cartons',
			},
			{
				name: 'One Carton per Case',
				value: 'onePerCase',
				description:
					'A case-packed line ships one carton per case, each with its own SSCC (5 ' +
					'cases in a given carton become 5 cartons)',
			},
		],
		default: 'onePerCase',
		description:
			'How the physical cartons are made from the shipment. Amazon wants one SSCC label ' +
			'per physical carton. A carton with an SSCC, weight or dimensions from the warehouse ' +
			'is never repacked.',
	},
	{
		displayName: 'Eaches Packing',
		name: 'eachesPacking',
		type: 'options',
		options: [
			{
				name: 'As Given',
				value: 'asGiven',
				description: 'Eaches stay in the carton they are given in',
			},
			{
				name: 'Mixed Cartons',
				value: 'mixed',
				description:
					'The eaches of all SKUs together, in order, up to Eaches per Carton units ' +
					'per carton (0 = no limit)',
			},
			{
				name: 'Units per Carton',
				value: 'unitsPerCarton',
				description: 'Each SKU in its own cartons of at most Eaches per Carton units',
			},
		],
		default: 'asGiven',
		description: 'How the lines ordered in eaches (not case-packed) are packed into cartons',
	},
	{
		displayName: 'Eaches per Carton',
		name: 'eachesPerCarton',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: { show: { eachesPacking: ['mixed', 'unitsPerCarton'] } },
		description:
			'At most this many eaches in one carton (Units per Carton: 1 or more; Mixed Cartons: ' +
			'0 = no limit)',
	},
	{
		displayName: 'SSCC Serials',
		name: 'ssccSource',
		type: 'options',
		options: [
			{
				name: 'None Yet: Check and Count Only',
				value: 'count',
				description:
					'Build and check the ASN with placeholder SSCCs and send nothing: Built gets ' +
					'status Checked and ssccSerialsNeeded; reserve that many serials, then build ' +
					'again with them',
			},
			{
				name: 'Reserved Range',
				value: 'range',
				description:
					'First serial and count, reserved for this execution (e.g. an expression ' +
					'reading a database sequence)',
			},
			{
				name: 'Reserved Serials in a Field',
				value: 'field',
				description: 'A list of serials, or {first, count}, in a field of each item',
			},
			{
				name: 'Warehouse SSCCs Only',
				value: 'warehouse',
				description:
					'Never generate: every carton and pallet that needs one carries its SSCC ' +
					'(sscc field)',
			},
		],
		default: 'warehouse',
		description:
			'Where the serials of generated SSCCs come from. Warehouse SSCCs are always checked ' +
			'(18 digits, GS1 check digit).',
	},
	{
		displayName: 'GS1 Company Prefix',
		name: 'companyPrefix',
		type: 'string',
		default: '',
		placeholder: '0614141',
		required: true,
		displayOptions: { show: { ssccSource: ['count', 'field', 'range'] } },
		description: 'Your GS1 company prefix, 7 to 10 digits',
	},
	{
		displayName: 'Extension Digit',
		name: 'extensionDigit',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 9 },
		default: 0,
		displayOptions: { show: { ssccSource: ['count', 'field', 'range'] } },
		description: 'The first digit of the SSCC, 0 to 9',
	},
	{
		displayName: 'Serials Field',
		name: 'serialsField',
		type: 'string',
		default: 'ssccSerials',
		displayOptions: { show: { ssccSource: ['field'] } },
		description:
			'Path of the reserved serials in each item: [1001, 1002, ...] or {first: 1001, ' +
			'count: 4}',
	},
	{
		displayName: 'First Serial',
		name: 'firstSerial',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: { show: { ssccSource: ['range'] } },
		description:
			'First serial reserved for this shipment, e.g. an expression reading the value a ' +
			'database sequence returned',
	},
	{
		displayName: 'Serial Count',
		name: 'serialCount',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: { show: { ssccSource: ['range'] } },
		description:
			'How many serials were reserved; one per carton and pallet without a warehouse SSCC',
	},
	{
		displayName: 'Confirmation Type',
		name: 'confirmationType',
		type: 'options',
		options: [
			{
				name: 'Original',
				value: 'Original',
				description: 'A new shipment with a new shipment identifier',
			},
			{
				name: 'Replace',
				value: 'Replace',
				description:
					'Corrects an ASN sent before: same shipment identifier, within 7 days, ' +
					'before receipt, only reductions',
			},
		],
		default: 'Original',
	},
	...submitFields('ship notice (an 856 on EDI)'),
	optionsCollection([
		{
			displayName: 'Already Shipped Field',
			name: 'alreadyShippedField',
			type: 'string',
			default: 'alreadyShipped',
			description:
				'Path of what earlier ASNs shipped, in the PO\'s unit: {"PO number": ' +
				'{"line": quantity}} or rows {purchaseOrderNumber, itemSequenceNumber, ' +
				'quantity} (the shippedLines of earlier Build ASN outputs). For a Replace, ' +
				'leave out the shipment being replaced.',
		},
		{
			displayName: 'Count Backordered as Shippable',
			name: 'includeBackordered',
			type: 'boolean',
			default: true,
			description:
				'Whether units acknowledged as Backordered may ship (otherwise only Accepted ones)',
		},
		{
			displayName: 'Previous Confirmation Field',
			name: 'previousField',
			type: 'string',
			default: 'previousConfirmation',
			description:
				'For a Replace: path of the Build ASN output of the ASN being replaced ' +
				'({confirmation, originalSubmittedAt}). Without it, the node uses the one it ' +
				'remembers under the same shipment identifier.',
		},
		quantityUnitOption('Every quantity in eaches (Cases lines must still ship whole cases)'),
		{
			displayName: 'Remember Used SSCCs and Shipment IDs',
			name: 'remember',
			type: 'boolean',
			default: true,
			description:
				'Whether to keep the SSCCs and shipment identifiers of submitted ASNs in ' +
				"this workflow's static data (365 days, the latest 5,000 SSCCs and 2,000 " +
				'shipments) and refuse them again. A safety net only: two executions running ' +
				"at once do not see each other's.",
		},
		requireAcknowledgementOption('otherwise its mapped lines may ship in full'),
		{
			displayName: 'Same SKU on Several PO Lines',
			name: 'sameSkuLines',
			type: 'options',
			options: [
				{
					name: 'Exception',
					value: 'exception',
					description: 'Contents must give itemSequenceNumber; otherwise AMBIGUOUS_SKU',
				},
				{
					name: 'Split in Line Order',
					value: 'split',
					description:
						"Fill the PO's lines in line order, each up to what it may still " +
						'ship (whole cases on a Cases line)',
				},
			],
			default: 'split',
			description:
				'What to do when a shipped SKU is on several lines of one purchase order and ' +
				'the content names no line',
		},
		{
			displayName: 'Ship-From Party ID',
			name: 'shipFromPartyId',
			type: 'string',
			default: '',
			description:
				'Used for a shipment that gives no shipFromParty (the warehouse code Amazon ' + 'knows)',
		},
		{
			displayName: 'Shipment Structure',
			name: 'shipmentStructure',
			type: 'options',
			options: [
				{ name: 'From the Cartons and Pallets Given', value: 'auto' },
				{ name: 'Loose Assortment Case', value: 'LooseAssortmentCase' },
				{ name: 'Loose Standard Case', value: 'LooseStandardCase' },
				{ name: 'Master Case', value: 'MasterCase' },
				{ name: 'Master Pallet', value: 'MasterPallet' },
				{ name: 'Pallet of Items', value: 'PalletOfItems' },
				{ name: 'Palletized Assortment Case', value: 'PalletizedAssortmentCase' },
				{ name: 'Palletized Standard Case', value: 'PalletizedStandardCase' },
			],
			default: 'auto',
		},
		{
			displayName: 'Used SSCCs Field',
			name: 'usedSsccsField',
			type: 'string',
			default: 'usedSsccs',
			description:
				'Path of SSCCs used in the last 365 days (e.g. from your database): a list, ' +
				'refused if they come again',
		},
		{
			displayName: 'Vendor Code',
			name: 'sellingPartyId',
			type: 'string',
			default: '',
			description: 'Used only when the purchase orders name no selling party',
		},
		{
			displayName: 'Estimated Transit Days',
			name: 'estimatedTransitDays',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 365 },
			default: 0,
			description:
				'For a shipment that gives no estimatedDeliveryDate: the estimate is the shipped date ' +
				"plus these days. Amazon's EDI 856 requires an estimate; 0 gives none.",
		},
	]),
];
