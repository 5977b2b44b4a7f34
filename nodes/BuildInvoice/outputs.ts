/**
 * Sorting one Build Invoice item onto the outputs: a dry run, an invoice for EDI (To Send by EDI,
 * remembered), or the invoice sent and remembered.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { channelOfOrders } from '../shared/domain/channel';
import { readPath } from '../shared/domain/values';
import { sendDocument, type BuiltOutputs } from '../shared/nodeSteps/submission';
import { rememberInvoice, type InvoiceRunState } from './invoiceMemory';
import type { InvoiceItemOutcome } from './invoiceItem';
import type { InvoiceItemOptions, InvoiceRunOptions } from './options';

export async function sortOntoOutputs(
	this: IExecuteFunctions,
	outcome: InvoiceItemOutcome,
	item: { itemIndex: number; options: InvoiceItemOptions; json: IDataObject },
	run: { options: InvoiceRunOptions; state: InvoiceRunState; outputs: BuiltOutputs },
): Promise<void> {
	const { itemIndex, options } = item;
	const { state, outputs } = run;
	if (outcome.output !== 'send') return outputs.add(itemIndex, outcome);
	const built = outcome.built as IDataObject;
	if (run.options.dryRun) {
		state.numbers.add(options.invoiceNumber);
		return outputs.notSent(itemIndex, built);
	}
	const purchaseOrders = readPath(item.json, options.purchaseOrdersField);
	if (channelOfOrders(run.options.channel, purchaseOrders) === 'edi') {
		state.numbers.add(options.invoiceNumber);
		if (options.remember) rememberInvoice(state, options.invoiceNumber, 'ToSendByEdi', Date.now());
		return outputs.forEdi(itemIndex, built, '810', { invoice: built.invoice as IDataObject });
	}
	const status = await sendDocument.call(this, itemIndex, outputs, {
		kind: 'invoice',
		request: outcome.request,
		wait: run.options.wait,
		built,
		refused: 'Amazon refused the invoice: correct it and send it again under the same number',
	});
	if (status === undefined) return;
	if (options.remember) rememberInvoice(state, options.invoiceNumber, status, Date.now());
	// A number Amazon failed may be sent again.
	if (status !== 'Failure') state.numbers.add(options.invoiceNumber);
}
