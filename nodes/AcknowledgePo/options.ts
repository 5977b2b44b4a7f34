import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { AcknowledgementOptions } from '../shared/domain/acknowledgement';
import type { WaitOptions } from '../shared/transport/documents';
import { acknowledgementOptionsOf } from '../shared/descriptions/acknowledgement';
import { readWaitOptions } from '../shared/descriptions/wait';
import type { ChannelChoice } from '../shared/domain/channel';

/** Everything Acknowledge PO reads from its parameters: the same for every item of a run. */
export interface AcknowledgePoOptions {
	now: number;
	dryRun: boolean;
	/** Send Through: `auto` answers each purchase order by the channel it came by. */
	channel: ChannelChoice;
	backorder: boolean;
	/** `input` (the Stock input) or `field` (a field of each item). */
	stockSource: string;
	stockField: string;
	previousField: string;
	sendLate: boolean;
	acknowledgement: AcknowledgementOptions;
	/** How long to wait for the final status; undefined on a dry run or without Wait Until Final. */
	wait?: WaitOptions;
}

export function readOptions(context: IExecuteFunctions, itemIndex: number): AcknowledgePoOptions {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const dryRun = context.getNodeParameter('dryRun', itemIndex, false) as boolean;
	const stockSource = context.getNodeParameter('stockSource', itemIndex) as string;
	const now = Date.now();
	return {
		now,
		dryRun,
		channel: context.getNodeParameter('channel', itemIndex, 'auto') as ChannelChoice,
		backorder: context.getNodeParameter('backorder', itemIndex, false) as boolean,
		stockSource,
		stockField:
			stockSource === 'input'
				? ''
				: (context.getNodeParameter('stockField', itemIndex, 'stock') as string),
		previousField: String(options.previousField ?? 'previousAcknowledgement'),
		sendLate: Boolean(options.sendLate),
		acknowledgement: acknowledgementOptionsOf(options, now),
		wait: readWaitOptions(context, itemIndex, !dryRun, true),
	};
}
