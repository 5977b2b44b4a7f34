/**
 * Magento shipments as Build ASN's shipment input: one carton per shipped line, the first track's
 * carrier and number. Pure: no n8n imports.
 */
import { InvalidInputError } from '../../inputError';

export interface MagentoShipment {
	entity_id?: number;
	increment_id?: string;
	created_at?: string;
	items?: Array<{ sku?: string; qty?: number }>;
	tracks?: Array<{ carrier_code?: string; title?: string; track_number?: string }>;
}

export interface AsnShipmentOptions {
	purchaseOrderNumber: string;
	shipmentIdPrefix: string;
	shipFromPartyId: string;
}

/** Magento's `created_at` (`yyyy-MM-dd HH:mm:ss`, UTC unless it names a zone) as ISO 8601. */
export function magentoInstant(text: unknown, path: string): string {
	const raw = String(text ?? '').trim();
	const iso = raw.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? '' : 'Z');
	const ms = Date.parse(iso);
	if (!raw || !Number.isFinite(ms)) {
		throw new InvalidInputError(`"${raw}" is not a Magento date-time`, path);
	}
	return new Date(ms).toISOString();
}

/** The shipment in Build ASN's shape, with one carton per shipped line. */
export function asnShipmentOf(shipment: MagentoShipment, options: AsnShipmentOptions) {
	const id = String(shipment.increment_id ?? '');
	if (!id) throw new InvalidInputError('The shipment has no increment_id', 'increment_id');
	const tracks = Array.isArray(shipment.tracks) ? shipment.tracks : [];
	const first = tracks[0];
	const carrier = first
		? first.carrier_code && first.carrier_code !== 'custom'
			? first.carrier_code
			: first.title || first.carrier_code || ''
		: '';
	const lines = (Array.isArray(shipment.items) ? shipment.items : []).filter(
		(l) => Number(l.qty) > 0,
	);
	return {
		shipmentIdentifier: (options.shipmentIdPrefix + id).replace(/[^A-Za-z0-9-]/g, '-'),
		shippedDate: magentoInstant(shipment.created_at, 'created_at'),
		carrier,
		proNumber: first?.track_number ?? '',
		trackingNumber: first?.track_number ?? '',
		trackingNumbers: tracks.map((t) => t.track_number).filter(Boolean),
		shipmentType: 'SmallParcel',
		transportationMode: 'Road',
		shipFromParty: { partyId: options.shipFromPartyId },
		cartons: lines.map((l, i) => ({
			id: `${id}-${i + 1}`,
			contents: [
				{
					sku: String(l.sku),
					eaches: Number(l.qty),
					purchaseOrderNumber: options.purchaseOrderNumber,
				},
			],
		})),
	};
}

/** The query string of `GET /V1/shipments` for the shipments of one order. */
export function shipmentSearchQuery(orderId: number): string {
	return [
		'searchCriteria[filterGroups][0][filters][0][field]=order_id',
		`searchCriteria[filterGroups][0][filters][0][value]=${orderId}`,
		'searchCriteria[filterGroups][0][filters][0][conditionType]=eq',
	].join('&');
}

/** The JSON records after a marker (`AVC-ASN {...}`, `AVC-INVOICE {...}`) in an order's comments. */
export function markedRecords(order: unknown, marker: string): Array<Record<string, unknown>> {
	const histories = (order as { status_histories?: unknown } | null)?.status_histories;
	const pattern = new RegExp(`${marker} (\\{.*\\})\\s*$`, 'm');
	return (Array.isArray(histories) ? histories : []).flatMap((h: { comment?: unknown }) => {
		const m = String(h?.comment ?? '').match(pattern);
		if (!m) return [];
		try {
			const record = JSON.parse(m[1]) as unknown;
			return record && typeof record === 'object' ? [record as Record<string, unknown>] : [];
		} catch {
			return [];
		}
	});
}

/** The comment that records an ASN sent for a shipment (read back by `markedRecords`). */
export function asnComment(text: string, record: Record<string, unknown>): string {
	return `${text} Do not edit the next line.\nAVC-ASN ${JSON.stringify(record)}`;
}

/** The comment that records an invoice sent for a shipment (read back by `markedRecords`). */
export function invoiceComment(text: string, record: Record<string, unknown>): string {
	return `${text} Do not edit the next line.\nAVC-INVOICE ${JSON.stringify(record)}`;
}

/**
 * The shipments of an order that still need an ASN: numbered 1, 2... in creation order (the
 * number stays with the shipment), without those an `AVC-ASN` comment names and those with no
 * shipped quantity.
 */
export function shipmentsWithoutAsn(
	order: unknown,
	shipments: MagentoShipment[],
): Array<MagentoShipment & { index: number }> {
	const sent = markedRecords(order, 'AVC-ASN').map((r) => String(r.shipment));
	return shipments
		.slice()
		.sort((a, b) => Number(a.entity_id) - Number(b.entity_id))
		.map((s, i) => ({ ...s, index: i + 1 }))
		.filter(
			(s) =>
				!sent.includes(String(s.increment_id)) && (s.items ?? []).some((l) => Number(l.qty) > 0),
		);
}
