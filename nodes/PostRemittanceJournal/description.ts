/**
 * What Post Remittance Journal shows in the editor: its inputs, outputs and credentials, and its
 * parameters, in source, account, rule and option sections.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { optionsCollection } from '../shared/descriptions/options';

const csvOrX12 = { show: { source: ['csv', 'x12820'] } };
const finances = { show: { source: ['financesApi'] } };
const accountParameters = { show: { accountsSource: ['parameters'] } };

export const sourceProperties: INodeProperties[] = [
	{
		displayName:
			'One item per payment goes to <b>Journal</b> with balanced journal lines. A ' +
			'payment that does not add up, or that has a line no rule recognises, goes ' +
			'whole to <b>Exceptions</b>: nothing is guessed.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Finances Invoices API',
				value: 'financesApi',
				description:
					'Amazon Finances Invoices API 2026-06-25 through the Amazon credential, for a range of payment dates',
			},
			{
				name: 'Vendor Central Remittance Export (CSV)',
				value: 'csv',
				description: 'Payments > Remittance > Export to a Spreadsheet, as a file or as text',
			},
			{
				name: 'X12 820 Remittance Advice',
				value: 'x12820',
				description:
					'The EDI 820 Amazon sends, as a file or as text (separators are read from the ISA header)',
			},
		],
		default: 'csv',
	},
	{
		displayName: 'Read From',
		name: 'readFrom',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description:
					'A file of the input item (e.g. from Read Files, an email attachment or an HTTP download)',
			},
			{
				name: 'Text',
				value: 'text',
				description: 'The document as text, usually an expression reading a field of the item',
			},
		],
		default: 'binary',
		displayOptions: csvOrX12,
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { source: ['csv', 'x12820'], readFrom: ['binary'] } },
		description: 'Name of the binary field of each input item that holds the document',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		displayOptions: { show: { source: ['csv', 'x12820'], readFrom: ['text'] } },
		description: 'The remittance document of each input item',
	},
	{
		displayName: 'Marketplace ID',
		name: 'marketplaceId',
		type: 'string',
		default: 'ATVPDKIKX0DER',
		required: true,
		displayOptions: finances,
		description: 'Marketplace of the vendor account (ATVPDKIKX0DER is amazon.com)',
	},
	{
		displayName: 'Payments From',
		name: 'paymentsFrom',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: finances,
		description: 'First payment date to post (the date part is used)',
	},
	{
		displayName: 'Payments To',
		name: 'paymentsTo',
		type: 'dateTime',
		default: '',
		displayOptions: finances,
		description: 'Last payment date to post (the date part is used); empty means today',
	},
];

export const accountProperties: INodeProperties[] = [
	{
		displayName: 'Accounts From',
		name: 'accountsSource',
		type: 'options',
		options: [
			{ name: 'Parameters Below', value: 'parameters' },
			{
				name: 'Accounts Input',
				value: 'input',
				description:
					'Items of the third input, each {type, account}: the types bank, receivable ' +
					'and termsDiscount are required, rounding and suspense optional, and any line ' +
					'type (shortageClaim, chargeback...) maps that type',
			},
		],
		default: 'parameters',
	},
	{
		displayName: 'Bank Account',
		name: 'bankAccount',
		type: 'string',
		default: '',
		required: true,
		displayOptions: accountParameters,
		placeholder: '1000',
		description: 'Ledger account that receives the payment (debited with what Amazon really paid)',
	},
	{
		displayName: 'Accounts Receivable Account',
		name: 'receivableAccount',
		type: 'string',
		default: '',
		required: true,
		displayOptions: accountParameters,
		placeholder: '1200',
		description:
			'Ledger account of the invoices to Amazon (credited with what each payment clears)',
	},
	{
		displayName: 'Terms Discount Account',
		name: 'termsDiscountAccount',
		type: 'string',
		default: '',
		required: true,
		displayOptions: accountParameters,
		placeholder: '4910',
		description: 'Ledger account of the quick-pay (terms) discounts Amazon takes',
	},
	{
		displayName: 'Deduction Accounts',
		name: 'deductionAccounts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Deduction Type',
		default: {
			mappings: [
				{ type: 'shortageClaim', account: '' },
				{ type: 'priceClaim', account: '' },
				{ type: 'chargeback', account: '' },
				{ type: 'coopAgreement', account: '' },
				{ type: 'priceProtection', account: '' },
				{ type: 'provisionForReceivables', account: '' },
			],
		},
		displayOptions: accountParameters,
		description:
			'Ledger account per deduction type. A type without an account uses its ' +
			"family's (reversals and revised claims post to shortageClaim, damageAllowance " +
			'and priceProtection to coopAgreement, provisionRelease to ' +
			'provisionForReceivables); a type with no account at all holds its payment.',
		options: [
			{
				displayName: 'Mapping',
				name: 'mappings',
				values: [
					{
						displayName: 'Account',
						name: 'account',
						type: 'string',
						default: '',
						placeholder: '4920',
					},
					{
						displayName: 'Deduction Type',
						name: 'type',
						type: 'string',
						default: '',
						placeholder: 'shortageClaim',
						description:
							'A type the rules give: shortageClaim, shortageClaimReversal, ' +
							'revisedShortageClaim, priceClaim, chargeback, coopAgreement, damageAllowance, ' +
							'priceProtection, provisionForReceivables, provisionRelease, quickPayDiscount, ' +
							'returns, freightAllowance, storageFee, or a type of your own rules',
					},
				],
			},
		],
	},
	{
		displayName: 'Rounding Account',
		name: 'roundingAccount',
		type: 'string',
		default: '',
		displayOptions: accountParameters,
		description:
			'Ledger account for differences within the rounding tolerance (option); empty: no rounding is posted',
	},
	{
		displayName: 'Suspense Account',
		name: 'suspenseAccount',
		type: 'string',
		default: '',
		displayOptions: accountParameters,
		description:
			'Ledger account where unrecognised lines are parked when the known part of a payment is posted',
	},
	{
		displayName: 'Payments With Unknown Lines',
		name: 'unknownLines',
		type: 'options',
		options: [
			{
				name: 'Hold the Whole Payment',
				value: 'holdPayment',
				description: 'Nothing of the payment is posted; it goes to Exceptions with every line',
			},
			{
				name: 'Post the Known Part',
				value: 'postKnown',
				description:
					'Post the payment with the unknown lines on the suspense account, and list those lines on Exceptions',
			},
		],
		default: 'holdPayment',
	},
];

export const ruleProperties: INodeProperties[] = [
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Rule',
		default: {},
		description:
			'Your classification rules, tried in order before the default rules (see the ' +
			'README for the default table). The first rule that matches a line gives its ' +
			'deduction type.',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Amount Sign',
						name: 'amountSign',
						type: 'options',
						options: [
							{ name: 'Any', value: 'any' },
							{ name: 'Negative (Deducted)', value: 'negative' },
							{ name: 'Positive (Paid or Given Back)', value: 'positive' },
						],
						default: 'any',
					},
					{
						displayName: 'Deduction Type',
						name: 'type',
						type: 'string',
						default: '',
						placeholder: 'chargeback',
						description: 'The type the rule gives (map it to an account under Deduction Accounts)',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'our-invoices',
						description: 'A name for the rule, shown on every line it classifies',
					},
					{
						displayName: 'Invoice Reference',
						name: 'invoiceReference',
						type: 'options',
						options: [
							{ name: 'None', value: 'none' },
							{
								name: 'The Reference Itself',
								value: 'self',
								description: 'The line is a vendor invoice',
							},
							{
								name: 'The Reference Without the Suffix',
								value: 'stripSuffix',
								description: 'For Reference Ends With rules: 12345XY is about invoice 12345',
							},
						],
						default: 'none',
						description:
							'How the rule finds the vendor invoice the line is about, when the source does not say',
					},
					{
						displayName: 'Match',
						name: 'matchOn',
						type: 'options',
						options: [
							{
								name: 'Agreement Number Present',
								value: 'hasAgreementNumber',
								description: 'Value: true or false',
							},
							{ name: 'Defect Type (Finances API)', value: 'defectType' },
							{ name: 'Description Contains', value: 'descriptionKeyword' },
							{
								name: 'Line Kind',
								value: 'lineKind',
								description: 'Value: document or adjustment (820 ADX, API variance)',
							},
							{ name: 'Reason Code (820 ADX02 or CSV)', value: 'reasonCode' },
							{ name: 'Reference Ends With', value: 'referenceSuffix' },
							{ name: 'Reference Matches Regular Expression', value: 'referencePattern' },
							{ name: 'Service Charge Type (Finances API)', value: 'serviceChargeType' },
							{ name: 'Variance Type (Finances API)', value: 'varianceType' },
						],
						default: 'referenceSuffix',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'VCBSINV',
						description:
							'What to match; codes and keywords may be a comma-separated list. Case is ignored.',
					},
				],
			},
		],
	},
	{
		displayName: 'Replace Default Rules',
		name: 'replaceDefaultRules',
		type: 'boolean',
		default: false,
		description: 'Whether to use only your rules; otherwise the default rules follow yours',
	},
	{
		displayName: 'Skip Payments Already Posted',
		name: 'skipPosted',
		type: 'boolean',
		default: true,
		description:
			'Whether to leave out payments whose payment number this node posted before ' +
			"(kept in the workflow's static data in production executions) or that are " +
			'listed in the Posted Payments Field option',
	},
];

const csvColumn = (displayName: string, name: string, headers: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: headers,
	description: `Header of the column; empty means ${headers}`,
});

export const optionProperties: INodeProperties[] = [
	{
		displayName: 'CSV Options',
		name: 'csvOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { source: ['csv'] } },
		options: [
			{
				displayName: 'Columns',
				name: 'columns',
				type: 'collection',
				placeholder: 'Add Column',
				default: {},
				options: [
					csvColumn('Amount Paid', 'amountPaid', 'Amount Paid'),
					csvColumn('Currency', 'currency', 'Invoice Currency or Currency'),
					csvColumn('Description', 'description', 'Description'),
					csvColumn('Invoice Amount', 'invoiceAmount', 'Invoice Amount'),
					csvColumn('Invoice Date', 'invoiceDate', 'Invoice Date'),
					csvColumn('Invoice Number', 'invoiceNumber', 'Invoice Number'),
					csvColumn('Payment Amount', 'paymentAmount', 'Payment Amount'),
					csvColumn('Payment Currency', 'paymentCurrency', 'Payment Currency'),
					csvColumn('Payment Date', 'paymentDate', 'Payment Date'),
					csvColumn('Payment Number', 'paymentNumber', 'Payment Number'),
					csvColumn(
						'PO Number',
						'purchaseOrderNumber',
						'PO Number, Purchase Order Number or Purchase Order',
					),
					csvColumn('Reason Code', 'reasonCode', 'Reason Code'),
					csvColumn('Remaining Amount', 'remaining', 'Remaining Amount'),
					csvColumn(
						'Terms Discount',
						'discount',
						'Terms Discount Taken, Discount Taken or Terms Discount',
					),
				],
			},
			{
				displayName: 'Date Order',
				name: 'dateOrder',
				type: 'options',
				options: [
					{ name: 'Day First (15/01/2024)', value: 'DMY' },
					{ name: 'Month First (01/15/2024)', value: 'MDY' },
				],
				default: 'MDY',
				description: 'How dates such as 01/02/2024 are read (ISO dates are always read as such)',
			},
			{
				displayName: 'Decimal Separator',
				name: 'decimalSeparator',
				type: 'options',
				options: [
					{ name: 'Comma (1.234,56)', value: ',' },
					{ name: 'Point (1,234.56)', value: '.' },
				],
				default: '.',
			},
			{
				displayName: 'Default Currency',
				name: 'defaultCurrency',
				type: 'string',
				default: '',
				placeholder: 'USD',
				description: 'Currency when the file has no currency column',
			},
			{
				displayName: 'Delimiter',
				name: 'delimiter',
				type: 'options',
				options: [
					{ name: 'Automatic', value: 'auto' },
					{ name: 'Comma', value: ',' },
					{ name: 'Semicolon', value: ';' },
					{ name: 'Tab', value: '\t' },
				],
				default: 'auto',
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Accounting Body',
			name: 'accountingFormat',
			type: 'options',
			options: [
				{ name: 'None', value: 'none' },
				{
					name: 'QuickBooks Online Journal Entry',
					value: 'quickBooks',
					description:
						'Adds quickBooksJournalEntry: the body of POST ' +
						'/v3/company/{realmId}/journalentry (accounts are account IDs)',
				},
				{
					name: 'Xero Manual Journal',
					value: 'xero',
					description:
						'Adds xeroManualJournal: one entry of the body of PUT ' +
						'/api.xro/2.0/ManualJournals (accounts are account codes)',
				},
			],
			default: 'none',
			description:
				'Whether to add, to each payment, a request body an HTTP Request node can send ' +
				'to the accounting system as it is',
		},
		{
			displayName: 'Additional Rules (JSON)',
			name: 'rulesJson',
			type: 'json',
			default: '[]',
			description:
				'More rules, tried after the Rules table and before the defaults: a list of ' +
				'objects with a name, "match" (conditions such as {"referenceSuffix": "XY", ' +
				'"amountSign": "negative"}, all of which must hold), "type" and optionally ' +
				'"invoiceReference". See the README.',
		},
		{
			displayName: 'Default Currency (820)',
			name: 'x12DefaultCurrency',
			type: 'string',
			default: 'USD',
			displayOptions: { show: { '/source': ['x12820'] } },
			description: 'Currency of a transaction set without a CUR segment',
		},
		{
			displayName: 'Dispute Window (Days)',
			name: 'disputeWindowDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 30,
			description:
				'Claims and short payments can be disputed this many days after the claim (or the payment)',
		},
		{
			displayName: 'Exception Queue Row',
			name: 'queueRow',
			type: 'boolean',
			default: false,
			description:
				'Whether to add queueRow to every Exceptions item: its row for the exception queue ' +
				'(type such as remittance_unknown_line, purchaseOrderNumber, a reason in plain ' +
				'English with what to do, ownerRole finance, details as JSON)',
		},
		{
			displayName: 'Fetch Invoice Line Items',
			name: 'fetchLineItems',
			type: 'boolean',
			default: true,
			displayOptions: { show: { '/source': ['financesApi'] } },
			description:
				"Whether to read the line items of invoices with variances and of Amazon's own " +
				'invoices (defect and service charge types, used by the rules)',
		},
		{
			displayName: 'Invoice Lookback (Days)',
			name: 'invoiceLookbackDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 180,
			displayOptions: { show: { '/source': ['financesApi'] } },
			description:
				'Invoices issued this many days before Payments From are read too, so that ' +
				'every invoice of a payment in the range is known (a payment groups invoices ' +
				'of several months)',
		},
		{
			displayName: 'Journal Lines',
			name: 'granularity',
			type: 'options',
			options: [
				{ name: 'One per Remittance Line', value: 'line' },
				{
					name: 'One per Account and Type',
					value: 'type',
					description: 'Lines of the same account and type are summed',
				},
			],
			default: 'line',
		},
		{
			displayName: 'Memo Prefix',
			name: 'memoPrefix',
			type: 'string',
			default: 'Amazon remittance',
		},
		{
			displayName: 'Open Invoice Amount Field',
			name: 'openAmountField',
			type: 'string',
			default: 'amount',
			description: 'Field of the Open Invoices items with the open amount (dot paths allowed)',
		},
		{
			displayName: 'Open Invoice Number Field',
			name: 'openInvoiceField',
			type: 'string',
			default: 'invoiceNumber',
			description: 'Field of the Open Invoices items with the invoice number (dot paths allowed)',
		},
		{
			displayName: 'Open Invoice PO Field',
			name: 'openPurchaseOrderField',
			type: 'string',
			default: 'purchaseOrderNumber',
			description: 'Field of the Open Invoices items with the Amazon PO number (dot paths allowed)',
		},
		{
			displayName: 'Output',
			name: 'outputMode',
			type: 'options',
			options: [
				{
					name: 'One Item per Journal Line',
					value: 'line',
					description:
						'For a database insert: every journal line is an item, with journalKey = payment ' +
						'number / position (40009001/003)',
				},
				{
					name: 'One Item per Payment',
					value: 'payment',
					description: 'The payment with its journal lines, summary and matching',
				},
			],
			default: 'payment',
		},
		{
			displayName: 'Payment Date (Finances API)',
			name: 'paymentDateFrom',
			type: 'options',
			options: [
				{ name: 'Due Date', value: 'dueDate' },
				{
					name: 'Last Updated Date',
					value: 'lastUpdatedDate',
					description: 'When Amazon recorded the settlement',
				},
			],
			default: 'lastUpdatedDate',
			displayOptions: { show: { '/source': ['financesApi'] } },
			description:
				'The Finances API has no payment date: the latest of these dates of its invoices is used',
		},
		{
			displayName: 'Posted Payments Field',
			name: 'postedField',
			type: 'string',
			default: '',
			placeholder: 'postedPayments',
			description:
				'Field of the input items listing payment numbers already posted (a list, or ' +
				'comma-separated text), e.g. read from the ledger; they are skipped like ' +
				'remembered ones',
		},
		{
			displayName: 'Remember At Most',
			name: 'postedLimit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 5000,
			description:
				'How many posted payment numbers the node keeps (the oldest are forgotten first)',
		},
		{
			displayName: 'Remember Posted Payments',
			name: 'rememberPosted',
			type: 'boolean',
			default: true,
			description:
				"Whether to keep the payment numbers sent to Journal in the workflow's static " +
				'data (n8n saves it for production executions, not for manual test runs)',
		},
		{
			displayName: 'Rounding Tolerance',
			name: 'roundingTolerance',
			type: 'string',
			default: '0',
			placeholder: '0.05',
			description:
				'Largest difference between a payment and its lines posted to the rounding ' +
				'account instead of holding the payment',
		},
		{
			displayName: 'Run Summary Item',
			name: 'runSummary',
			type: 'boolean',
			default: false,
			description:
				'Whether to add one last item to Journal with the totals of the run (posted, held, skipped)',
		},
	]),
];

/** The inputs: the remittances, then the ERP's open invoices and the accounts (both optional). */
export const inputs: INodeTypeDescription['inputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Remittance', required: true },
	{ type: NodeConnectionTypes.Main, displayName: 'Open Invoices' },
	{ type: NodeConnectionTypes.Main, displayName: 'Accounts' },
];

export const outputs: INodeTypeDescription['outputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Journal' },
	{ type: NodeConnectionTypes.Main, displayName: 'Exceptions' },
];

/** The SP-API credential, needed for the Finances API only. */
export const credentials: INodeTypeDescription['credentials'] = [
	{
		name: 'amazonVendorCentralApi',
		required: true,
		displayOptions: { show: { source: ['financesApi'] } },
	},
];

export const properties: INodeProperties[] = [
	...sourceProperties,
	...accountProperties,
	...ruleProperties,
	...optionProperties,
];
