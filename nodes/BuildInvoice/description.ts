import type { INodeProperties } from 'n8n-workflow';
import {
	optionsCollection,
	quantityUnitOption,
	requireAcknowledgementOption,
	submitFields,
} from '../shared/descriptions/submission';

const TAX_TYPES = [
	'CESS',
	'CGST',
	'Consumption',
	'DomesticVAT',
	'GST',
	'IGST',
	'MutuallyDefined',
	'MwSt.',
	'PST',
	'SGST',
	'ST',
	'TVA',
	'UTGST',
	'VAT',
];
const CHARGE_TYPES: Array<[string, string]> = [
	['Collection and Recycling Service', 'CollectionAndRecyclingService'],
	['Duty', 'Duty'],
	['Environmental Protection Service', 'EnvironmentalProtectionService'],
	['Freight', 'Freight'],
	['Insurance Fee', 'InsuranceFee'],
	['Insurance Placement Cost', 'InsurancePlacementCost'],
	['Packing', 'Packing'],
	['Service', 'Service'],
	['Small Order', 'SmallOrder'],
	['Special Handling Service', 'SpecialHandlingService'],
	['Tax Collected at Source', 'TaxCollectedAtSource'],
];
const ALLOWANCE_TYPES: Array<[string, string]> = [
	['Defective', 'Defective'],
	['Discount', 'Discount'],
	['Discount Incentive', 'DiscountIncentive'],
	['Promotional', 'Promotional'],
	['Special', 'Special'],
	['Unsaleable Merchandise', 'UnsaleableMerchandise'],
];

function amountRows(
	kind: 'Charge' | 'Allowance',
	types: Array<[string, string]>,
	defaultType: string,
): INodeProperties {
	const name = kind === 'Charge' ? 'charges' : 'allowances';
	return {
		displayName: `${kind}s`,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: `Add ${kind}`,
		default: {},
		description:
			kind === 'Charge'
				? 'Header charges added to the invoice total (freight, packing...), in the invoice currency'
				: 'Header allowances taken off the invoice total (discounts...), in the invoice currency',
		options: [
			{
				displayName: kind,
				name: 'rows',
				values: [
					{
						displayName: 'Amount',
						name: 'amount',
						type: 'string',
						default: '',
						placeholder: '15.00',
						description: 'Decimal amount, e.g. 15.00',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: types.map(([n, value]) => ({ name: n, value })),
						default: defaultType,
					},
				],
			},
		],
	};
}

export const buildInvoiceProperties: INodeProperties[] = [
	{
		displayName:
			'One invoice per input item: the shipped lines at the acknowledged cost. Used ' +
			"invoice numbers are kept in this workflow's static data, but two executions running " +
			"at once do not see each other's: take the numbers from your ERP or a database " +
			'sequence.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'INV-2026-0001',
		description:
			'Unique and never reused (only an invoice Amazon failed may be sent again under its ' +
			'number)',
	},
	{
		displayName: 'Invoice Date',
		name: 'invoiceDate',
		type: 'dateTime',
		default: '',
		description: 'Not in the future and not before the purchase orders. Empty: now.',
	},
	{
		displayName: 'Shipped Lines Field',
		name: 'shippedLinesField',
		type: 'string',
		default: 'shippedLines',
		description:
			"Path of what to invoice against, in the PO's unit: rows {purchaseOrderNumber, " +
			"itemSequenceNumber, shippedQuantity} (the shippedLines of Build ASN's output) or " +
			'{"PO number": {"line": quantity}}',
	},
	{
		displayName: 'Purchase Orders Field',
		name: 'purchaseOrdersField',
		type: 'string',
		default: 'purchaseOrders',
		description:
			'Path of the purchase order(s) as acknowledged ({purchaseOrder, lines, ' +
			'acknowledgement}, as output by Acknowledge PO and passed on by Build ASN): the ' +
			'costs come from the latest acknowledgement',
	},
	{
		displayName: 'Remit-To Party ID',
		name: 'remitToPartyId',
		type: 'string',
		default: '',
		description:
			"The party Amazon pays, as set up in Vendor Central. Empty: the purchase order's " +
			'vendor code.',
	},
	{
		displayName: 'Remit-To Address',
		name: 'remitToAddress',
		type: 'collection',
		placeholder: 'Add Address Field',
		default: {},
		options: [
			{ displayName: 'Address Line 1', name: 'addressLine1', type: 'string', default: '' },
			{ displayName: 'Address Line 2', name: 'addressLine2', type: 'string', default: '' },
			{ displayName: 'City', name: 'city', type: 'string', default: '' },
			{
				displayName: 'Country Code',
				name: 'countryCode',
				type: 'string',
				default: '',
				placeholder: 'US',
				description: 'Two letters, ISO 3166-1',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
			{ displayName: 'Postal or ZIP Code', name: 'postalOrZipCode', type: 'string', default: '' },
			{ displayName: 'State or Region', name: 'stateOrRegion', type: 'string', default: '' },
		],
	},
	{
		displayName: 'Payment Terms',
		name: 'paymentTerms',
		type: 'collection',
		placeholder: 'Add Payment Term',
		default: {},
		options: [
			{
				displayName: 'Discount Due Days',
				name: 'discountDueDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
			},
			{
				displayName: 'Discount Percent',
				name: 'discountPercent',
				type: 'string',
				default: '',
				placeholder: '2',
			},
			{
				displayName: 'Net Due Days',
				name: 'netDueDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Basic', value: 'Basic' },
					{ name: 'End of Month', value: 'EndOfMonth' },
					{ name: 'Fixed Date', value: 'FixedDate' },
					{ name: 'Letter of Credit', value: 'LetterofCredit' },
					{ name: 'Payment Due Upon Receipt of Invoice', value: 'PaymentDueUponReceiptOfInvoice' },
					{ name: 'Proximo', value: 'Proximo' },
				],
				default: 'Basic',
			},
		],
	},
	{
		displayName: 'Taxes',
		name: 'taxes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Tax',
		default: {},
		description:
			'Taxes applied to every line, charge and allowance; each tax is rounded half up per ' +
			'line and the header adds up the lines',
		options: [
			{
				displayName: 'Tax',
				name: 'rows',
				values: [
					{
						displayName: 'Rate (%)',
						name: 'taxRate',
						type: 'string',
						default: '',
						placeholder: '20',
					},
					{
						displayName: 'Type',
						name: 'taxType',
						type: 'options',
						options: TAX_TYPES.map((t) => ({ name: t, value: t })),
						default: 'VAT',
					},
				],
			},
		],
	},
	amountRows('Charge', CHARGE_TYPES, 'Freight'),
	amountRows('Allowance', ALLOWANCE_TYPES, 'Discount'),
	...submitFields('invoice (an 810 on EDI)'),
	optionsCollection([
		{
			displayName: 'Already Invoiced Field',
			name: 'alreadyInvoicedField',
			type: 'string',
			default: 'alreadyInvoiced',
			description:
				'Path of what was invoiced before against the same shipped quantities, in ' +
				"the PO's unit (rows such as the invoicedLines of earlier Build Invoice " +
				'outputs). Needed when Shipped Lines are totals to date.',
		},
		{
			displayName: 'ERP Invoice Lines Field',
			name: 'invoiceLinesField',
			type: 'string',
			default: 'invoiceLines',
			description:
				"Path of the ERP's own lines, rows {purchaseOrderNumber, itemSequenceNumber, " +
				'quantity, unitCost}: invoiced as given, after checking quantity against ' +
				'shipped and cost against acknowledged',
		},
		{
			displayName: 'ERP Total Field',
			name: 'expectedTotalField',
			type: 'string',
			default: 'expectedTotal',
			description: "Path of the ERP's invoice total, compared with the computed one",
		},
		{
			displayName: 'Include Bill-To Party',
			name: 'includeBillTo',
			type: 'boolean',
			default: true,
			description: "Whether to repeat the purchase order's bill-to party on the invoice",
		},
		quantityUnitOption(),
		{
			displayName: 'Reference Number',
			name: 'referenceNumber',
			type: 'string',
			default: '',
			description: 'Your own reference (e.g. the ERP document number)',
		},
		{
			displayName: 'Remember Used Invoice Numbers',
			name: 'remember',
			type: 'boolean',
			default: true,
			description:
				"Whether to keep the numbers of submitted invoices in this workflow's static " +
				'data (the latest 5,000) and refuse them again; a number Amazon failed may ' +
				'be sent again',
		},
		{
			displayName: 'Remit-To Tax Registration Number',
			name: 'remitToTaxNumber',
			type: 'string',
			default: '',
			description: 'VAT or GST number of the remit-to party',
		},
		{
			displayName: 'Remit-To Tax Registration Type',
			name: 'remitToTaxType',
			type: 'options',
			options: [
				{ name: 'GST', value: 'GST' },
				{ name: 'VAT', value: 'VAT' },
			],
			default: 'VAT',
		},
		requireAcknowledgementOption("otherwise the PO's own cost is used"),
		{
			displayName: 'Resend a Failed Invoice',
			name: 'resendOfFailedInvoice',
			type: 'boolean',
			default: false,
			description:
				'Whether the invoice number may be one already used, to resend an invoice ' +
				'whose transaction Amazon failed (Amazon wants the same number). Numbers ' +
				'this node saw fail are allowed anyway.',
		},
		{
			displayName: 'Used Invoice Numbers Field',
			name: 'usedInvoiceNumbersField',
			type: 'string',
			default: 'usedInvoiceNumbers',
			description: 'Path of invoice numbers already used (e.g. from your ERP): refused',
		},
	]),
];
