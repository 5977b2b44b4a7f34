/**
 * Wait Until Final, Max Wait and Poll Interval for a node that sends a document only in some modes
 * (not on a dry run, only when submitting), and how a node reads them.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { WaitOptions } from '../transport/documents';
import { waitFields } from './submission';

/**
 * The wait fields shown when `when` holds (e.g. `{ dryRun: [false] }`), Wait Until Final on by
 * default; Max Wait and Poll Interval also need Wait Until Final.
 */
export function waitFieldsShownWhen(when: Record<string, boolean[]>): INodeProperties[] {
	return waitFields([], []).map((field) => {
		const waitSwitch = field.name === 'waitUntilFinal';
		const show = waitSwitch ? { ...when } : { ...when, waitUntilFinal: [true] };
		return { ...field, default: waitSwitch ? true : field.default, displayOptions: { show } };
	});
}

/**
 * How long to wait for the final status of a sent document: undefined when nothing is sent
 * (`sending` false) or Wait Until Final is off.
 */
export function readWaitOptions(
	context: IExecuteFunctions,
	itemIndex: number,
	sending: boolean,
	waitByDefault: boolean,
): WaitOptions | undefined {
	if (!sending) return undefined;
	if (!(context.getNodeParameter('waitUntilFinal', itemIndex, waitByDefault) as boolean)) {
		return undefined;
	}
	const maxWaitSeconds = context.getNodeParameter('maxWaitSeconds', itemIndex, 300) as number;
	const intervalSeconds = context.getNodeParameter('pollIntervalSeconds', itemIndex, 10) as number;
	return { maxWaitMs: maxWaitSeconds * 1000, intervalMs: intervalSeconds * 1000 };
}
