/**
 * One Build Invoice item from its data to what the node does with it: read it, build and check the
 * invoice (total, quantities against shipped, costs against acknowledged, number), and say whether
 * it goes to Exceptions or is ready to be sent. Pure: no n8n imports.
 */
import { buildInvoice, type InvoiceBuild } from '../shared/domain/invoice';
import type { Json } from '../shared/domain/values';
import { invalidInput, nothingSent } from '../shared/nodeSteps/outcomes';
import type { InvoiceRunState } from './invoiceMemory';
import { readInvoiceItem, type InvoiceItemInput } from './invoiceInput';
import type { InvoiceItemOptions } from './options';

export type InvoiceItemOutcome =
	| { output: 'exception'; json: Json }
	| { output: 'send'; built: Json; request: NonNullable<InvoiceBuild['request']> };

export function prepareInvoice(
	json: Json,
	options: InvoiceItemOptions,
	state: InvoiceRunState,
	now: number,
): InvoiceItemOutcome {
	const context: Json = { invoiceNumber: options.invoiceNumber };
	if (json.shipmentIdentifier !== undefined) context.shipmentIdentifier = json.shipmentIdentifier;
	let read: InvoiceItemInput;
	try {
		read = readInvoiceItem(json, options, state, now);
	} catch (error) {
		return { output: 'exception', json: invalidInput(error, context) };
	}
	const build = buildInvoice(read.input, {
		usedInvoiceNumbers: read.usedInvoiceNumbers,
		resendOfFailedInvoice: options.resendOfFailedInvoice,
		quantityUnit: options.quantityUnit,
		now,
	});
	const figures = figuresOf(build, read, context);
	if (!build.ok || !build.request || !build.invoice) {
		return {
			output: 'exception',
			json: {
				...figures,
				reason: 'mismatch',
				message: nothingSent(build.mismatches, 'the invoice could not be built'),
				mismatches: build.mismatches as unknown as Json[],
				...(build.invoice ? { invoice: build.invoice as unknown as Json } : {}),
			},
		};
	}
	const built = { ...figures, invoice: build.invoice as unknown as Json };
	return { output: 'send', built, request: build.request };
}

/** What both outputs of a built invoice show: the figures and each invoiced line. */
function figuresOf(build: InvoiceBuild, read: InvoiceItemInput, context: Json): Json {
	return {
		...context,
		purchaseOrderNumbers: [...new Set(read.input.lines.map((l) => l.purchaseOrderNumber))],
		figures: (build.figures ?? null) as unknown as Json,
		invoicedLines: build.lineMap.map((l) => ({
			purchaseOrderNumber: l.purchaseOrderNumber,
			itemSequenceNumber: l.purchaseOrderItemSequenceNumber,
			invoiceItemSequenceNumber: l.itemSequenceNumber,
			invoicedQuantity: l.invoicedQuantity,
			invoicedEaches: l.invoicedEaches,
			lineAmount: l.lineAmount,
		})),
		warnings: build.warnings,
	};
}
