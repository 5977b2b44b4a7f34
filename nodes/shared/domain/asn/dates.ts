/**
 * Dates of the ASN: ISO date-times as Amazon's pattern wants them, the shipped date within the
 * last 7 days or at most 2 days ahead, the estimated delivery date, expiry and manufacturing
 * dates. Pure: no n8n imports.
 */
import { DATE_TIME_PATTERN } from '../../generated/vendorShipments';
import { DAY_MS, isoSeconds } from '../values';
import type { ProblemCollector } from './problems';
import { text } from './read';
import type { AsnShipment } from './types';

/** An ISO date-time Amazon's pattern accepts (date only -> midnight UTC, no zone -> UTC), or undefined. */
export function toShipmentDateTime(value: string): string | undefined {
	if (typeof value !== 'string') return undefined;
	const t = value.trim();
	if (DATE_TIME_PATTERN.test(t)) return t;
	if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
		const out = `${t}T00:00:00Z`;
		return Number.isNaN(Date.parse(out)) ? undefined : out;
	}
	const noZone = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/.exec(t);
	const candidate = noZone ? `${noZone[1]}${noZone[2] ?? ':00'}Z` : t;
	if (!DATE_TIME_PATTERN.test(candidate)) {
		const ms = Date.parse(candidate);
		return Number.isNaN(ms) ? undefined : isoSeconds(ms);
	}
	return Number.isNaN(Date.parse(candidate)) ? undefined : candidate;
}

/** A date of the input as a model date-time, or undefined with an INVALID_DATE exception. */
export function dateTimeAt(
	value: string | undefined,
	path: string,
	what: string,
	c: ProblemCollector,
): string | undefined {
	if (value === undefined) return undefined;
	const out = toShipmentDateTime(value);
	if (out === undefined)
		c.add('INVALID_DATE', `${path} ${JSON.stringify(value)} is not an ISO 8601 ${what}`, path);
	return out;
}

export interface ShipmentDates {
	shippedDate?: string;
	estimatedDeliveryDate?: string;
}

/**
 * The shipped date (required, within the last 7 days or at most 2 days ahead) and the estimated
 * delivery date: the shipment's, else, with `transitDays` above 0, the shipped date plus those days.
 */
export function readDates(
	shipment: AsnShipment,
	nowMs: number,
	c: ProblemCollector,
	transitDays = 0,
): ShipmentDates {
	const out: ShipmentDates = {};
	const shippedText = text(shipment.shippedDate);
	if (shippedText === undefined) c.add('INVALID_DATE', 'shippedDate is required', 'shippedDate');
	const shippedDate = dateTimeAt(shippedText, 'shippedDate', 'date-time', c);
	if (shippedDate !== undefined) {
		out.shippedDate = shippedDate;
		const ms = Date.parse(shippedDate);
		if (ms > nowMs + 2 * DAY_MS || ms < nowMs - 7 * DAY_MS)
			c.add(
				'SHIPPED_DATE_OUT_OF_RANGE',
				`shippedDate ${shippedDate} must be within the last 7 days and at most 2 days ahead ` +
					`(now ${isoSeconds(nowMs)})`,
				'shippedDate',
				{ shippedDate, now: isoSeconds(nowMs) },
			);
	}
	const eta = dateTimeAt(
		text(shipment.estimatedDeliveryDate),
		'estimatedDeliveryDate',
		'date-time',
		c,
	);
	if (eta !== undefined) out.estimatedDeliveryDate = eta;
	else if (
		transitDays > 0 &&
		out.shippedDate !== undefined &&
		text(shipment.estimatedDeliveryDate) === undefined
	)
		out.estimatedDeliveryDate = isoSeconds(Date.parse(out.shippedDate) + transitDays * DAY_MS);
	return out;
}
