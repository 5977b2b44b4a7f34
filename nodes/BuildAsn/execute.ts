/**
 * Build ASN: per shipment item, the parameters, then the ASN built and checked from the item's
 * shipment and acknowledged purchase orders, then a dry run or the ASN sent and remembered.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { inItem } from '../shared/nodeSteps/parameters';
import { BuiltOutputs } from '../shared/nodeSteps/submission';
import { memoryToStore, startRun } from './asnMemory';
import { prepareAsn } from './asnItem';
import { readOptions, readRunOptions } from './options';
import { sortOntoOutputs } from './outputs';
import { readPath } from '../shared/domain/values';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData(0);
	const outputs = new BuiltOutputs('asn');
	if (!items.length) return outputs.lists();
	const options = readRunOptions(this);
	const staticData = this.getWorkflowStaticData('node');
	// Every item's parameters first: a wrong one stops the node before anything is sent.
	const itemOptions = items.map((_, itemIndex) => readOptions(this, itemIndex));
	const state = startRun(staticData, Date.now());
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = inItem(this, itemIndex, () =>
			prepareAsn(items[itemIndex].json, itemOptions[itemIndex], options, state, Date.now()),
		);
		const purchaseOrders = readPath(
			items[itemIndex].json,
			itemOptions[itemIndex].purchaseOrdersField,
		);
		await sortOntoOutputs.call(this, outcome, itemIndex, {
			options,
			state,
			outputs,
			purchaseOrders,
		});
	}
	if (state.remembered) {
		const stored = memoryToStore(state.memory, Date.now());
		staticData.ssccs = stored.ssccs as unknown as IDataObject;
		staticData.shipments = stored.shipments as unknown as IDataObject;
	}
	return outputs.lists();
}
