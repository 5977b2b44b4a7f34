/**
 * Build Invoice's parameters, read with their types checked: those of the run (item 0: dry run,
 * wait) and those of each item (number, date, remit-to party, terms, taxes, charges, allowances and
 * the fields of the item to read).
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { InvoiceAllowanceInput, InvoiceChargeInput, TaxRate } from '../shared/domain/invoice';
import type { Json } from '../shared/domain/values';
import type { PaymentTerms } from '../shared/generated/vendorInvoices';
import { readParameters, type ParameterReader } from '../shared/nodeSteps/parameters';
import { readSubmission, type SubmissionOptions } from '../shared/nodeSteps/submission';

export type InvoiceRunOptions = SubmissionOptions;

export interface InvoiceItemOptions {
	invoiceNumber: string;
	/** Undefined: now. */
	invoiceDate?: string;
	purchaseOrdersField: string;
	shippedLinesField: string;
	alreadyInvoicedField: string;
	invoiceLinesField: string;
	usedInvoiceNumbersField: string;
	expectedTotalField: string;
	requireAcknowledgement: boolean;
	/** Undefined: the purchase order's vendor code. */
	remitToPartyId?: string;
	/** The address fields given (none: no address). */
	remitToAddress: Json;
	remitToTax?: { type: 'GST' | 'VAT'; number: string };
	paymentTerms: PaymentTerms;
	taxes: TaxRate[];
	charges: InvoiceChargeInput[];
	allowances: InvoiceAllowanceInput[];
	referenceNumber?: string;
	includeBillTo: boolean;
	resendOfFailedInvoice: boolean;
	quantityUnit: 'purchaseOrder' | 'eaches';
	remember: boolean;
}

const TERMS_TYPES: ReadonlyArray<NonNullable<PaymentTerms['type']>> = [
	'Basic',
	'EndOfMonth',
	'FixedDate',
	'LetterofCredit',
	'PaymentDueUponReceiptOfInvoice',
	'Proximo',
];

export function readRunOptions(ctx: IExecuteFunctions): InvoiceRunOptions {
	return readParameters(ctx, 0, readSubmission);
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): InvoiceItemOptions {
	return readParameters(ctx, itemIndex, (p) => {
		const options = p.collection('options');
		return {
			invoiceNumber: p.text('invoiceNumber', '').trim(),
			invoiceDate: p.optionalText('invoiceDate'),
			purchaseOrdersField: p.text('purchaseOrdersField', 'purchaseOrders'),
			shippedLinesField: p.text('shippedLinesField', 'shippedLines'),
			alreadyInvoicedField: options.text('alreadyInvoicedField', 'alreadyInvoiced'),
			invoiceLinesField: options.text('invoiceLinesField', 'invoiceLines'),
			usedInvoiceNumbersField: options.text('usedInvoiceNumbersField', 'usedInvoiceNumbers'),
			expectedTotalField: options.text('expectedTotalField', 'expectedTotal'),
			requireAcknowledgement: options.flag('requireAcknowledgement', true),
			remitToPartyId: p.optionalText('remitToPartyId'),
			remitToAddress: readAddress(p.collection('remitToAddress')),
			remitToTax: readTax(options),
			paymentTerms: readTerms(p.collection('paymentTerms')),
			taxes: p.rows('taxes').map((r) => ({
				taxType: r.raw('taxType', undefined) as TaxRate['taxType'],
				taxRate: r.text('taxRate', '').trim(),
			})),
			charges: readAmounts<InvoiceChargeInput>(p, 'charges'),
			allowances: readAmounts<InvoiceAllowanceInput>(p, 'allowances'),
			referenceNumber: options.optionalText('referenceNumber'),
			includeBillTo: options.flag('includeBillTo', true),
			resendOfFailedInvoice: options.flag('resendOfFailedInvoice', false),
			quantityUnit: options.choice('quantityUnit', ['purchaseOrder', 'eaches'], 'purchaseOrder'),
			remember: options.flag('remember', true),
		};
	});
}

/** The address fields that are given, as given. */
function readAddress(address: ParameterReader): Json {
	const out: Json = {};
	for (const field of address.keys()) {
		if (address.optionalText(field) !== undefined) out[field] = address.raw(field, undefined);
	}
	return out;
}

function readTax(options: ParameterReader): InvoiceItemOptions['remitToTax'] {
	const number = options.optionalText('remitToTaxNumber');
	if (number === undefined) return undefined;
	return { type: options.choice('remitToTaxType', ['GST', 'VAT'], 'VAT'), number };
}

function readTerms(terms: ParameterReader): PaymentTerms {
	if (!terms.keys().length) return {};
	const out: PaymentTerms = { type: terms.choice('type', TERMS_TYPES, 'Basic') };
	const discountPercent = terms.optionalText('discountPercent');
	if (discountPercent !== undefined) out.discountPercent = discountPercent;
	const discountDueDays = terms.optionalNumber('discountDueDays');
	if (discountDueDays !== undefined) out.discountDueDays = discountDueDays;
	const netDueDays = terms.optionalNumber('netDueDays');
	if (netDueDays !== undefined) out.netDueDays = netDueDays;
	return out;
}

/** Charge or allowance rows: type, amount and, when given, description. */
function readAmounts<T>(p: ParameterReader, name: 'charges' | 'allowances'): T[] {
	return p.rows(name).map((r) => {
		const out: Json = { type: r.raw('type', undefined), amount: r.text('amount', '').trim() };
		const description = r.optionalText('description');
		if (description !== undefined) out.description = description;
		return out as unknown as T;
	});
}
