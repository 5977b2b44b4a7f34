import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { ReacknowledgementBuild } from '../shared/domain/changeOrder';
import { submitDocument } from '../shared/transport/documents';
import type { ApplyChangeOrderOptions } from './options';
import type { Outputs } from './outputs';

/** A re-acknowledgement held back or refused: the Blocked item with its reason. */
type Block = (code: string, message: string, suggestedAction: string, more?: IDataObject) => void;

function blocker(
	outputs: Outputs,
	itemIndex: number,
	base: IDataObject,
	out: IDataObject,
	reacknowledgement: ReacknowledgementBuild,
): Block {
	return (code, message, suggestedAction, more = {}) =>
		outputs.push('blocked', itemIndex, {
			...base,
			reasons: [{ code, message }],
			suggestedAction,
			warnings: out.warnings,
			purchaseOrder: out.purchaseOrder,
			reacknowledgement: reacknowledgement as unknown as IDataObject,
			...more,
		});
}

/**
 * Sends the re-acknowledgement of an Apply item: a late one (more than 48 hours after Amazon's
 * change, unless late ones are sent), one Amazon refuses and one that cannot be sent go to Blocked.
 */
export async function submitReacknowledgement(
	context: IExecuteFunctions,
	itemIndex: number,
	base: IDataObject,
	out: IDataObject,
	reacknowledgement: ReacknowledgementBuild,
	options: ApplyChangeOrderOptions,
	outputs: Outputs,
): Promise<void> {
	const block = blocker(outputs, itemIndex, base, out, reacknowledgement);
	const timing = reacknowledgement.timing;
	if (timing !== undefined && !timing.withinChangeWindow && !options.sendLate) {
		return block(
			'REACKNOWLEDGEMENT_LATE',
			`Amazon's change of ${timing.lastChangedAt} had to be re-acknowledged by ` +
				`${timing.reacknowledgeBy}: nothing was sent`,
			'Check the purchase order in Vendor Central: after 48 hours Amazon expects only date ' +
				'updates. Apply the change by hand, or turn on Send Late Re-Acknowledgements and run it again.',
			{ timing: timing as unknown as IDataObject },
		);
	}
	try {
		const request = reacknowledgement.request;
		const sent = await submitDocument.call(
			context,
			'acknowledgement',
			request,
			itemIndex,
			options.wait,
		);
		const submission: IDataObject = {
			transactionId: sent.transactionId,
			status: sent.status,
			final: sent.final,
			errors: sent.errors as unknown as IDataObject[],
		};
		if (sent.status !== 'Failure')
			return outputs.push('apply', itemIndex, { ...out, ...submission });
		const errors =
			sent.errors.map((e) => `${e.code}: ${e.message}`).join('; ') || 'no reason given';
		block(
			'REACKNOWLEDGEMENT_REFUSED',
			`Amazon refused the re-acknowledgement (transaction ${sent.transactionId}): ${errors}`,
			"Correct the re-acknowledgement as Amazon's errors say and send it within 48 hours of the " +
				'change (Amazon Vendor Central node, Acknowledgement > Submit); the platform order was not changed.',
			submission,
		);
	} catch (error) {
		if (!(error instanceof NodeApiError) && !context.continueOnFail()) {
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
		block(
			'REACKNOWLEDGEMENT_NOT_SENT',
			`The re-acknowledgement could not be sent: ${(error as Error).message}`,
			'Run the change again once Amazon can be reached (the platform order was not changed), ' +
				'within 48 hours of the change.',
			{ description: (error as NodeApiError).description ?? null },
		);
	}
}
