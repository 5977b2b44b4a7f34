/** Sorting one Build ASN item onto the outputs: a dry run, or the ASN sent and remembered. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { submitItem, type BuiltOutputs } from '../shared/nodeSteps/submission';
import { keepInRun, remember, type AsnRunState } from './asnMemory';
import type { AsnItemOutcome } from './asnItem';
import type { AsnRunOptions } from './options';

export async function sortOntoOutputs(
	this: IExecuteFunctions,
	outcome: AsnItemOutcome,
	itemIndex: number,
	run: { options: AsnRunOptions; state: AsnRunState; outputs: BuiltOutputs },
): Promise<void> {
	const { options, state, outputs } = run;
	if (outcome.output === 'exception')
		return outputs.exception(itemIndex, outcome.json as IDataObject);
	if (outcome.output === 'built') return outputs.done(itemIndex, outcome.json as IDataObject);
	const built = outcome.built as IDataObject;
	if (options.dryRun) {
		keepInRun(state, outcome);
		return outputs.notSent(itemIndex, built);
	}
	const sending = { wait: options.wait, built, outputs };
	const out = await submitItem.call(
		this,
		'shipmentConfirmation',
		outcome.request,
		itemIndex,
		sending,
	);
	if (!out) return;
	if (out.status === 'Failure') {
		return outputs.exception(itemIndex, {
			...out,
			reason: 'transactionFailure',
			message: 'Amazon refused the ASN: nothing was recorded',
		});
	}
	keepInRun(state, outcome);
	if (options.remember) remember(state, outcome, Date.now());
	outputs.done(itemIndex, out);
}
