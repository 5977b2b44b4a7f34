import type { IExecuteFunctions } from 'n8n-workflow';
import type { WaitOptions } from '../../../shared/transport/documents';
import { readWaitOptions } from '../../../shared/descriptions/wait';

/** Wait Until Final (off by default), Max Wait and Poll Interval of the item. */
export function waitOptions(
	context: IExecuteFunctions,
	itemIndex: number,
): WaitOptions | undefined {
	return readWaitOptions(context, itemIndex, true, false);
}
