import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import type { WaitOptions } from '../../../shared/transport/documents';
import { readWaitOptions } from '../../../shared/descriptions/wait';

/** Wait Until Final (off by default), Max Wait and Poll Interval of the item. */
export function waitOptions(
	context: IExecuteFunctions,
	itemIndex: number,
): WaitOptions | undefined {
	return readWaitOptions(context, itemIndex, true, false);
}

/** The item's Body (JSON) parameter, parsed; text that is not JSON names the item. */
export function readBody(context: IExecuteFunctions, itemIndex: number): unknown {
	const raw = context.getNodeParameter('body', itemIndex) as unknown;
	if (typeof raw !== 'string') return raw;
	try {
		return jsonParse(raw);
	} catch {
		throw new NodeOperationError(context.getNode(), 'Body (JSON) is not valid JSON', { itemIndex });
	}
}
