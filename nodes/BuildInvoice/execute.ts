/**
 * Build Invoice: per shipped item, the parameters, then the invoice built and checked from the
 * shipped lines at the acknowledged costs, then a dry run or the invoice sent and remembered.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { inItem } from '../shared/nodeSteps/parameters';
import { BuiltOutputs } from '../shared/nodeSteps/submission';
import { memoryToStore, startInvoiceRun } from './invoiceMemory';
import { prepareInvoice } from './invoiceItem';
import { readOptions, readRunOptions } from './options';
import { sortOntoOutputs } from './outputs';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData(0);
	const outputs = new BuiltOutputs('invoice');
	if (!items.length) return outputs.lists();
	const run = readRunOptions(this);
	const staticData = this.getWorkflowStaticData('node');
	// Every item's parameters first: a wrong one stops the node before anything is sent.
	const itemOptions = items.map((_, itemIndex) => readOptions(this, itemIndex));
	const state = startInvoiceRun(staticData, Date.now());
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const options = itemOptions[itemIndex];
		const outcome = inItem(this, itemIndex, () =>
			prepareInvoice(items[itemIndex].json, options, state, Date.now()),
		);
		await sortOntoOutputs.call(
			this,
			outcome,
			{ itemIndex, options, json: items[itemIndex].json },
			{ options: run, state, outputs },
		);
	}
	if (state.remembered) staticData.invoiceNumbers = memoryToStore(state, Date.now());
	return outputs.lists();
}
