/**
 * Sorting one Build ASN item onto the outputs: a dry run, an ASN for EDI (To Send by EDI,
 * remembered), or the ASN sent and remembered.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { channelOfOrders } from '../shared/domain/channel';
import { sendDocument, type BuiltOutputs } from '../shared/nodeSteps/submission';
import { keepInRun, remember, type AsnRunState } from './asnMemory';
import type { AsnItemOutcome } from './asnItem';
import type { AsnRunOptions } from './options';

export async function sortOntoOutputs(
	this: IExecuteFunctions,
	outcome: AsnItemOutcome,
	itemIndex: number,
	run: {
		options: AsnRunOptions;
		state: AsnRunState;
		outputs: BuiltOutputs;
		purchaseOrders: unknown;
	},
): Promise<void> {
	const { options, state, outputs } = run;
	if (outcome.output !== 'send') return outputs.add(itemIndex, outcome);
	const built = outcome.built as IDataObject;
	if (options.dryRun) {
		keepInRun(state, outcome);
		return outputs.notSent(itemIndex, built);
	}
	if (channelOfOrders(options.channel, run.purchaseOrders) === 'edi') {
		keepInRun(state, outcome);
		if (options.remember) remember(state, outcome, Date.now());
		return outputs.forEdi(itemIndex, built, '856', {
			confirmation: built.confirmation as IDataObject,
		});
	}
	const status = await sendDocument.call(this, itemIndex, outputs, {
		kind: 'shipmentConfirmation',
		request: outcome.request,
		wait: options.wait,
		built,
		refused: 'Amazon refused the ASN: nothing was recorded',
	});
	if (status === undefined || status === 'Failure') return;
	keepInRun(state, outcome);
	if (options.remember) remember(state, outcome, Date.now());
}
