/** Amazon's acknowledgement deadlines: 24 h after creation, 48 h after a change. Pure. */
import type { CanonicalPurchaseOrder } from '../purchaseOrder';
import { HOUR_MS, isObject, shown } from '../values';
import { clockTime, isoMs, quoted, type Clock } from './dates';
import { AcknowledgementOptionsError } from './errors';

export interface AcknowledgementTiming {
	/** Hours from purchaseOrderDate to now. */
	hoursSinceCreation: number;
	/** purchaseOrderDate + 24 h. */
	acknowledgeBy: string;
	/** More than 24 h since the PO was created. */
	pastAcknowledgementDeadline: boolean;
	/** Amazon changed the PO after creating it (purchaseOrderChangedDate is set). */
	changed: boolean;
	/** purchaseOrderChangedDate, else purchaseOrderDate. */
	lastChangedAt: string;
	hoursSinceLastChange: number;
	/** lastChangedAt + 48 h: quantity, price and date changes must be re-acknowledged by then. */
	reacknowledgeBy: string;
	/** At most 48 h since the last change. */
	withinChangeWindow: boolean;
}

export const ACKNOWLEDGE_WITHIN_HOURS = 24;
export const REACKNOWLEDGE_WITHIN_HOURS = 48;

/** Epoch ms of a PO date, or an AcknowledgementOptionsError naming the field. */
function poDate(value: unknown, name: string): number {
	const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(ms))
		throw new AcknowledgementOptionsError(
			`${name} is not a date-time (got ${quoted(value)})`,
			name,
		);
	return ms;
}

/** Amazon's deadlines for a PO at `now`. Throws AcknowledgementOptionsError for an unreadable date. */
export function acknowledgementTiming(
	po: Pick<CanonicalPurchaseOrder, 'purchaseOrderDate' | 'purchaseOrderChangedDate'>,
	now: Clock,
): AcknowledgementTiming {
	if (!isObject(po))
		throw new AcknowledgementOptionsError(`The PO must be an object (got ${shown(po)})`, '(root)');
	const nowMs = clockTime(now);
	const created = poDate(po.purchaseOrderDate, 'purchaseOrderDate');
	const changed = po.purchaseOrderChangedDate !== undefined;
	const lastChanged = changed
		? poDate(po.purchaseOrderChangedDate, 'purchaseOrderChangedDate')
		: created;
	const hoursSinceCreation = (nowMs - created) / HOUR_MS;
	const hoursSinceLastChange = (nowMs - lastChanged) / HOUR_MS;
	return {
		hoursSinceCreation,
		acknowledgeBy: isoMs(created + ACKNOWLEDGE_WITHIN_HOURS * HOUR_MS),
		pastAcknowledgementDeadline: hoursSinceCreation > ACKNOWLEDGE_WITHIN_HOURS,
		changed,
		lastChangedAt: isoMs(lastChanged),
		hoursSinceLastChange,
		reacknowledgeBy: isoMs(lastChanged + REACKNOWLEDGE_WITHIN_HOURS * HOUR_MS),
		withinChangeWindow: hoursSinceLastChange <= REACKNOWLEDGE_WITHIN_HOURS,
	};
}
