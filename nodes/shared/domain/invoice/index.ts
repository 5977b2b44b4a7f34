/**
 * Build Invoice: Amazon's submitInvoices body from shipped quantities and acknowledged costs
 * (build.ts, the lines in buildLines.ts, the taxes in taxes.ts), and the checks to run before
 * sending any invoice body, built here or by an ERP (check.ts). The invoice lines of a Build
 * Invoice item come from lines.ts. Pure: no n8n imports; money is exact (money.ts), never JS
 * floats.
 *
 * Arithmetic (what Amazon checks, vendor retail procurement guide and the vendorInvoices model):
 * - Line amount = invoiced eaches x netCost (netCost is per each, as on the PO); for a line priced
 *   by weight (`netCostUnitOfMeasure`), shipped weight (`invoicedQuantity.totalWeight`) x netCost.
 *   A Cases quantity counts `amount x unitSize` eaches.
 * - invoiceTotal = Σ line amounts + Σ header charges - Σ header allowances + header taxes (the
 *   items' taxes) + the taxes of the charges - the taxes of the allowances, rounded half up to the
 *   currency's minor units. Amazon's model: "including charges, less allowances, before terms
 *   discount", "including all relevant taxes"; Amazon's own example (invoice 0136981234) adds up
 *   exactly like this, with the charge's tax carried on the charge and the header taxDetails
 *   totalling the line items only ("Total tax amount details for all line items"). With no tax
 *   details the total is items + charges - allowances.
 * - Taxes: each rate is applied to each line's amount (taxableAmount = the line amount), and to each
 *   charge and allowance, each tax rounded half up to minor units; the header taxDetails per (type,
 *   rate) are the exact sums of the line taxes, so line taxes always add up to the header. (Amazon's
 *   example shows line taxes computed on the unit cost; its figures do not add up either way, so
 *   the extended amount is used.)
 * - Charges and allowances are built at header level (itemised there, as Amazon asks); item-level
 *   charges and allowances of a body checked here are not added again.
 *
 * Checks ({@link checkInvoice}), every mismatch with the figures side by side:
 * total = items + charges - allowances (+ taxes); line taxes = header taxes; invoiced quantity not
 * above shipped minus already invoiced; unit cost equal to the acknowledged cost; invoice number
 * never reused (unless resending a failed API invoice, which Amazon wants under the same number); no
 * zero total; every Invoice line carries its PO number; one currency.
 */
export { buildInvoice } from './build';
export { checkInvoice } from './check';
export { invoiceLinesFor, readInvoiceLineOverrides, type InvoiceLineOverride } from './lines';
export type {
	AcknowledgedCostRef,
	AllowanceType,
	BuildInvoiceInput,
	BuildInvoiceOptions,
	ChargeType,
	InvoiceAddressInput,
	InvoiceAllowanceInput,
	InvoiceBuild,
	InvoiceChargeInput,
	InvoiceCheckContext,
	InvoiceFigures,
	InvoiceLineMapEntry,
	InvoiceLineSource,
	InvoiceMismatch,
	InvoiceMismatchCode,
	InvoiceMoneyInput,
	InvoicePartyInput,
	ShippedLineRef,
	TaxRate,
	TaxType,
	WeightUnit,
} from './types';
