import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { asNodeError } from '../shared/transport/errors';
import { readCandidates, readStock } from './inputs';
import { readOptions } from './options';
import { newOutputs } from './outputs';
import { planAcknowledgements } from '../shared/domain/acknowledgement/plan';
import { sendPlanned } from './send';

/**
 * Reads the mapped purchase orders and the stock, plans every acknowledgement (allocation oldest
 * first, build, Amazon's checks) before sending any, then sends them one by one.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData(0);
	const outputs = newOutputs();
	if (!items.length) return [outputs.acknowledged, outputs.exceptions, outputs.toEdi];
	const options = readOptions(this, 0);
	const candidates = readCandidates(this, items, options, outputs);
	const stock = readStock(this, items, candidates, options);
	const planned = planAcknowledgements(candidates, stock, options);
	const failed = planned.find((p) => p.route === 'error');
	if (failed?.route === 'error' && !this.continueOnFail()) {
		throw asNodeError(this.getNode(), failed.error, failed.itemIndex);
	}
	for (const one of planned) await sendPlanned(this, one, options, outputs);
	return [outputs.acknowledged, outputs.exceptions, outputs.toEdi];
}
