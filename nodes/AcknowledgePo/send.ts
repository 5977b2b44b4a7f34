import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { submitDocument } from '../shared/transport/documents';
import { asNodeError } from '../shared/transport/errors';
import { channelOf, ediMark } from '../shared/domain/channel';
import type { AcknowledgePoOptions } from './options';
import type { Outputs } from './outputs';
import type { PlannedAcknowledgement } from '../shared/domain/acknowledgement/plan';

/**
 * Puts a planned acknowledgement on its output: an exception as it is, a dry run unsent, one for
 * EDI unsent and also on To Send by EDI (with `ediSource`, what its 855 is written from), and
 * otherwise what Amazon answered (a transaction Failure or an API error goes to Exceptions).
 */
export async function sendPlanned(
	context: IExecuteFunctions,
	planned: PlannedAcknowledgement,
	options: AcknowledgePoOptions,
	outputs: Outputs,
): Promise<void> {
	const { itemIndex } = planned;
	if (planned.route === 'error') {
		const error = asNodeError(context.getNode(), planned.error, itemIndex);
		return outputs.exception(itemIndex, { reason: 'invalidInput', error: error.message });
	}
	const json = planned.json as IDataObject;
	if (planned.route === 'exception') return outputs.exception(itemIndex, json);
	if (options.dryRun) {
		return outputs.acknowledge(itemIndex, { ...json, dryRun: true, status: 'NotSent' });
	}
	if (channelOf(options.channel, json.purchaseOrder) === 'edi') {
		const ediSource = { acknowledgement: json.acknowledgement, purchaseOrder: json.purchaseOrder };
		return outputs.sendByEdi(itemIndex, { ...json, ...ediMark('855'), ediSource });
	}
	try {
		const result = await submitDocument.call(
			context,
			'acknowledgement',
			planned.body,
			itemIndex,
			options.wait,
		);
		const sent: IDataObject = {
			...json,
			transactionId: result.transactionId,
			status: result.status,
			final: result.final,
			errors: result.errors as unknown as IDataObject[],
		};
		if (result.status !== 'Failure') return outputs.acknowledge(itemIndex, sent);
		const message = 'Amazon refused the acknowledgement';
		outputs.exception(itemIndex, { ...sent, reason: 'transactionFailure', message });
	} catch (error) {
		if (!(error instanceof NodeApiError) && !context.continueOnFail()) {
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
		outputs.exception(itemIndex, {
			...json,
			reason: 'apiError',
			message: (error as Error).message,
			description: (error as NodeApiError).description ?? null,
		});
	}
}
