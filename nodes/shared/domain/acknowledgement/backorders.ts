/** Backorders: what the shop order must still ship later. Pure: no n8n imports. */
import type { OrderAcknowledgement } from '../../generated/vendorOrders';
import type { LineAllocation, PurchaseOrderAllocation } from '../allocation';
import { isObject, shown } from '../values';
import { later } from './dates';
import { AcknowledgementBuildError, AcknowledgementOptionsError } from './errors';

/** One PO line's Backordered loop. */
export interface BackorderedLine {
	itemSequenceNumber: string;
	/** In the PO's unit (cases or eaches). */
	amount: number;
	unitOfMeasure: LineAllocation['unitOfMeasure'];
	unitSize: number;
	eaches: number;
}

/** Backordered eaches of one SKU, with the date Amazon was promised (the Backordered loop's). */
export interface SkuBackorder {
	sku: string;
	eaches: number;
	/** The latest scheduledShipDate of the SKU's Backordered loops (absent when none has one). */
	scheduledShipDate?: string;
	/** The latest scheduledDeliveryDate of the SKU's Backordered loops. */
	scheduledDeliveryDate?: string;
	lines: BackorderedLine[];
}

function checkArguments(acknowledgement: unknown, allocation: unknown): void {
	if (!isObject(acknowledgement) || !Array.isArray(acknowledgement.items))
		throw new AcknowledgementOptionsError(
			`acknowledgement must be an acknowledgement with items (got ${shown(acknowledgement)})`,
			'acknowledgement.items',
		);
	if (!isObject(allocation) || !Array.isArray(allocation.lines))
		throw new AcknowledgementOptionsError(
			`allocation must be a PO allocation with lines (got ${shown(allocation)})`,
			'allocation.lines',
		);
	acknowledgement.items.forEach((item, i) => {
		if (!isObject(item) || !Array.isArray(item.itemAcknowledgements))
			throw new AcknowledgementOptionsError(
				`acknowledgement.items[${i}] must be an item with itemAcknowledgements (got ${shown(item)})`,
				`acknowledgement.items[${i}].itemAcknowledgements`,
			);
	});
}

function add(out: Map<string, SkuBackorder>, sku: string, line: BackorderedLine): SkuBackorder {
	let entry = out.get(sku);
	if (entry === undefined) {
		entry = { sku, eaches: 0, lines: [] };
		out.set(sku, entry);
	}
	entry.eaches += line.eaches;
	entry.lines.push(line);
	return entry;
}

/**
 * The Backordered units of an acknowledgement per SKU (SKUs from the allocation's lines, dates
 * from the acknowledgement's Backordered loops), in the order of the PO lines. Empty when nothing
 * is backordered. These units are promised to Amazon: the shop order must hold them until they
 * ship.
 */
export function backordersOf(
	acknowledgement: OrderAcknowledgement,
	allocation: PurchaseOrderAllocation,
): SkuBackorder[] {
	checkArguments(acknowledgement, allocation);
	const lineOf = new Map(allocation.lines.map((l) => [l.itemSequenceNumber, l]));
	const out = new Map<string, SkuBackorder>();
	for (const item of acknowledgement.items) {
		const seq = item.itemSequenceNumber ?? '';
		const line = lineOf.get(seq);
		for (const loop of item.itemAcknowledgements) {
			if (loop?.acknowledgementCode !== 'Backordered') continue;
			if (line === undefined || typeof line.sku !== 'string') {
				throw new AcknowledgementBuildError(
					acknowledgement.purchaseOrderNumber,
					`line ${seq} is Backordered but has no SKU in the allocation`,
					'allocation.lines.sku',
				);
			}
			const amount = loop.acknowledgedQuantity?.amount ?? 0;
			// Eaches per Amazon unit as the allocation counted them (1 on an Eaches line).
			const unitSize = line.unitSize;
			const entry = add(out, line.sku, {
				itemSequenceNumber: seq,
				amount,
				unitOfMeasure: line.unitOfMeasure,
				unitSize,
				eaches: amount * unitSize,
			});
			const ship = later(entry.scheduledShipDate, loop.scheduledShipDate);
			const delivery = later(entry.scheduledDeliveryDate, loop.scheduledDeliveryDate);
			if (ship !== undefined) entry.scheduledShipDate = ship;
			if (delivery !== undefined) entry.scheduledDeliveryDate = delivery;
		}
	}
	return [...out.values()];
}

/**
 * One line for an operator (order note, order comment): what is backordered and by when, e.g.
 * "Backordered at Amazon, ship when stock arrives: 2 x SKU-CASE by 2026-03-17 (PO line 1)".
 * Empty text when nothing is backordered.
 */
export function describeBackorders(backorders: readonly SkuBackorder[]): string {
	if (!Array.isArray(backorders) || !backorders.length) return '';
	const parts = backorders.map((b: SkuBackorder) => {
		const when =
			b.scheduledShipDate !== undefined
				? ` by ${b.scheduledShipDate.slice(0, 10)}`
				: b.scheduledDeliveryDate !== undefined
					? ` delivered by ${b.scheduledDeliveryDate.slice(0, 10)}`
					: '';
		const lines = b.lines.map((l: BackorderedLine) => l.itemSequenceNumber).join(', ');
		return `${b.eaches} x ${b.sku}${when} (PO line${b.lines.length === 1 ? '' : 's'} ${lines})`;
	});
	return `Backordered at Amazon, ship when stock arrives: ${parts.join('; ')}`;
}
