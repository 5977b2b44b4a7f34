/**
 * Moved to `invoice/lines.ts` (exported by `./invoice` too). This file only keeps the old import
 * path working until its importers use `./invoice`; then it goes.
 */
export {
	invoiceLinesFor,
	readInvoiceLineOverrides,
	type InvoiceLineOverride,
} from './invoice/lines';
