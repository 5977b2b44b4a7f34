/** The input and output shapes of Build Invoice and of the invoice checks. Pure: no n8n imports. */
import type {
	AdditionalDetails,
	AllowanceDetails,
	ChargeDetails,
	Invoice,
	InvoiceItem,
	PaymentTerms,
	SubmitInvoicesRequest,
	TaxDetails,
} from '../../generated/vendorInvoices';

// ---------------------------------------------------------------------------------------------
// Input shapes

export type TaxType = TaxDetails['taxType'];
export type ChargeType = ChargeDetails['type'];
export type AllowanceType = AllowanceDetails['type'];
export type WeightUnit = NonNullable<InvoiceItem['netCostUnitOfMeasure']>;

/** A tax to apply: type and rate in percent as a decimal string ("20" is 20 %). */
export interface TaxRate {
	taxType: TaxType;
	taxRate: string;
}

export interface InvoiceMoneyInput {
	currencyCode: string;
	/** Decimal string, never a JS float ("12.50"). */
	amount: string;
}

/** One PO line to invoice: what shipped and what was acknowledged. */
export interface InvoiceLineSource {
	purchaseOrderNumber: string;
	/** The PO's item sequence number ("1", "00001"). */
	itemSequenceNumber: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	unitOfMeasure: 'Cases' | 'Eaches';
	/** Eaches per case (1 for Eaches). */
	unitSize: number;
	/** Shipped to date, in the PO's unit (the ASN's shippedLines). */
	shippedQuantity: number;
	/** Invoiced before, in the PO's unit. Default 0. */
	alreadyInvoicedQuantity?: number;
	/** To invoice now, in the PO's unit. Default shipped - already invoiced. */
	quantity?: number;
	/** The acknowledged net cost (after accepted changes): per each, or per weight unit. */
	acknowledgedNetCost: InvoiceMoneyInput;
	/** The cost the ERP wants to invoice, when it differs from the acknowledged one (checked). */
	unitCost?: string;
	/** Set for a line priced by weight. */
	netCostUnitOfMeasure?: WeightUnit;
	/** Shipped weight (decimal string) of a weight-priced line, in netCostUnitOfMeasure. */
	totalWeight?: string;
	/** Overrides the invoice's taxes for this line ([] = untaxed line). */
	taxes?: TaxRate[];
	hsnCode?: string;
}

export interface InvoiceChargeInput {
	type: ChargeType;
	description?: string;
	/** Decimal string in the invoice currency. */
	amount: string;
	/** Overrides the invoice's taxes for this charge ([] = untaxed). */
	taxes?: TaxRate[];
}

export interface InvoiceAllowanceInput {
	type: AllowanceType;
	description?: string;
	amount: string;
	taxes?: TaxRate[];
}

/** The optional address lines, copied to the invoice when not empty. */
export const OPTIONAL_ADDRESS_LINES = [
	...(['addressLine2', 'addressLine3'] as const),
	...(['city', 'county', 'district', 'stateOrRegion'] as const),
];

export type OptionalAddressLine = (typeof OPTIONAL_ADDRESS_LINES)[number];

/** An address: name, addressLine1, countryCode and the optional lines (addressLine2, city...). */
export interface InvoiceAddressInput extends Partial<Record<OptionalAddressLine, string>> {
	name: string;
	addressLine1: string;
	/** The invoices model calls it postalOrZipCode; postalCode is read too. */
	postalOrZipCode?: string;
	postalCode?: string;
	/** 2 letters. */
	countryCode: string;
	phone?: string;
}

export interface InvoicePartyInput {
	partyId: string;
	address?: InvoiceAddressInput;
	taxRegistrationDetails?: Array<{
		taxRegistrationType: 'VAT' | 'GST';
		taxRegistrationNumber: string;
	}>;
}

export interface BuildInvoiceInput {
	/** The invoice number: unique, never reused (except to resend a failed API invoice). */
	id: string;
	/** ISO 8601; on or after the PO dates, not in the future. */
	date: string;
	/** Default Invoice. CreditNote is EU only. */
	invoiceType?: 'Invoice' | 'CreditNote';
	currencyCode: string;
	referenceNumber?: string;
	remitToParty: InvoicePartyInput;
	billToParty?: InvoicePartyInput;
	shipToParty?: InvoicePartyInput;
	shipFromParty?: InvoicePartyInput;
	paymentTerms?: PaymentTerms;
	lines: InvoiceLineSource[];
	charges?: InvoiceChargeInput[];
	allowances?: InvoiceAllowanceInput[];
	/** Applied to every line, charge and allowance that has no `taxes` of its own. */
	taxes?: TaxRate[];
	additionalDetails?: AdditionalDetails[];
	/** The ERP's total, when the ERP is the source of truth: compared with the computed one. */
	expectedTotal?: string;
}

export interface BuildInvoiceOptions {
	/** Invoice numbers already used (kept per workflow). */
	usedInvoiceNumbers?: readonly string[];
	/** Resending an API invoice Amazon failed: the same number is expected, so reuse is allowed. */
	resendOfFailedInvoice?: boolean;
	/** `purchaseOrder` (default): quantities in the PO's unit; `eaches`: in eaches. */
	quantityUnit?: 'purchaseOrder' | 'eaches';
	/**
	 * Integer itemSequenceNumber: `purchaseOrderLine` (the PO line number), `sequential` (1, 2...),
	 * or `auto` (default): the PO line numbers when all are digits and unique in the invoice.
	 */
	itemNumbering?: 'auto' | 'purchaseOrderLine' | 'sequential';
	/** Checked against the invoice date. */
	now?: Date | string | number;
}

// ---------------------------------------------------------------------------------------------
// Output shapes

export type InvoiceMismatchCode =
	| 'INVALID_INPUT'
	| 'TOTAL_MISMATCH'
	| 'EXPECTED_TOTAL_MISMATCH'
	| 'TAX_MISMATCH'
	| 'ZERO_TOTAL'
	| 'QUANTITY_ABOVE_SHIPPED'
	| 'LINE_NOT_SHIPPED'
	| 'LINE_NOT_ACKNOWLEDGED'
	| 'UNIT_COST_MISMATCH'
	| 'CURRENCY_MISMATCH'
	| 'WEIGHT_MISSING'
	| 'PURCHASE_ORDER_NUMBER_MISSING'
	| 'DUPLICATE_ITEM_SEQUENCE'
	| 'INVOICE_NUMBER_REUSED'
	| 'INVOICE_DATE_INVALID'
	| 'MODEL_VALIDATION';

export interface InvoiceMismatch {
	code: InvoiceMismatchCode;
	message: string;
	/** Where in the invoice body (e.g. `items[1].netCost.amount`). */
	path?: string;
	/** What it should be. */
	expected?: string | number;
	/** What it is. */
	actual?: string | number;
	/** Further figures (components of a total, PO line...). */
	details?: Record<string, unknown>;
}

export interface InvoiceLineMapEntry {
	/** The integer itemSequenceNumber in the invoice. */
	itemSequenceNumber: number;
	purchaseOrderNumber: string;
	/** The PO's item sequence number. */
	purchaseOrderItemSequenceNumber: string;
	/** In the PO's unit. */
	invoicedQuantity: number;
	invoicedEaches: number;
	lineAmount: string;
}

export interface InvoiceFigures {
	currencyCode: string;
	/** Σ line amounts (exact). */
	items: string;
	charges: string;
	allowances: string;
	tax: string;
	/** items + charges - allowances + tax, rounded to the currency's minor units. */
	total: string;
	/** Σ acknowledged cost x shipped eaches of the lines (what Amazon expects to pay for the goods). */
	acknowledgedValueOfShipped: string;
}

export interface InvoiceBuild {
	/** True when there is no mismatch and the body passed the model. */
	ok: boolean;
	invoice?: Invoice;
	/** `{ invoices: [invoice] }`. */
	request?: SubmitInvoicesRequest;
	mismatches: InvoiceMismatch[];
	lineMap: InvoiceLineMapEntry[];
	figures?: InvoiceFigures;
	warnings: string[];
}

/** A shipped PO line, for {@link checkInvoice}. */
export interface ShippedLineRef {
	purchaseOrderNumber: string;
	itemSequenceNumber?: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	shippedEaches: number;
	/** Eaches invoiced before. Default 0. */
	alreadyInvoicedEaches?: number;
}

/** An acknowledged PO line with its cost, for {@link checkInvoice}. */
export interface AcknowledgedCostRef {
	purchaseOrderNumber: string;
	itemSequenceNumber?: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	netCost: InvoiceMoneyInput;
}

export interface InvoiceCheckContext {
	shipped?: readonly ShippedLineRef[];
	acknowledged?: readonly AcknowledgedCostRef[];
	usedInvoiceNumbers?: readonly string[];
	resendOfFailedInvoice?: boolean;
	/** For the date check (not after now). Default the current time. */
	now?: Date | string | number;
}
