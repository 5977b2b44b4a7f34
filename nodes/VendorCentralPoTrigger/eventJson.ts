/** A trigger event as the item the workflow receives. Pure: no n8n imports. */
import type { PoTriggerEvent } from '../shared/domain/poCursor';
import type { Json } from '../shared/domain/values';

/**
 * The event, its key and dates, then the normalised purchase order with Amazon's object under
 * raw; or, for a purchase order that cannot be read, its number and the error.
 */
export function eventJson(event: PoTriggerEvent): Json {
	const head: Json = { event: event.event, eventKey: event.eventKey };
	if (event.changeDate) head.changeDate = event.changeDate;
	if (event.ageHours !== undefined) head.ageHours = event.ageHours;
	if (event.minutesSinceFirstEmitted !== undefined) {
		head.minutesSinceFirstEmitted = event.minutesSinceFirstEmitted;
	}
	if (event.purchaseOrder) return { ...head, ...event.purchaseOrder, raw: event.raw };
	return {
		...head,
		purchaseOrderNumber: event.purchaseOrderNumber,
		error: event.error ?? 'unreadable',
		raw: event.raw,
	};
}
