import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	DEFAULT_STILL_NEW_MINUTES,
	type PoEvent,
	type PoTriggerOptions,
} from '../shared/domain/poCursor';

/** A list parameter: a multi-option list, or codes separated by commas or spaces. */
function list(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\s]+/);
	return parts.map((s) => s.trim()).filter(Boolean);
}

/** The trigger's parameters; a threshold is read only when its event is chosen. */
export function readOptions(context: IPollFunctions): PoTriggerOptions {
	const events = context.getNodeParameter('events', []) as PoEvent[];
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const extra = context.getNodeParameter('options', {}) as IDataObject;
	if (!events.length) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one event');
	}
	const ifChosen = (event: PoEvent, name: string, fallback: number): number =>
		events.includes(event) ? (context.getNodeParameter(name, fallback) as number) : fallback;
	return {
		events,
		vendorCodes: list(filters.vendorCodes),
		purchaseOrderTypes: list(filters.purchaseOrderTypes),
		shipToCodes: list(filters.shipToCodes),
		includeNotNew: filters.includeNotNew === true,
		settleMinutes: ifChosen('new', 'settleMinutes', 0),
		ackDueHours: ifChosen('acknowledgementDue', 'ackDueHours', 20),
		stillNewMinutes: ifChosen('stillNew', 'stillNewMinutes', DEFAULT_STILL_NEW_MINUTES),
		lookbackHours: (extra.lookbackHours as number) ?? 24,
		overlapMinutes: (extra.overlapMinutes as number) ?? 120,
	};
}
