/**
 * Amazon's view of the vendor's availability, and what it does with it in the sandbox. This is a
 * simulation, not Amazon's ordering algorithm (which is not public): once the vendor has reported
 * availability for an item (a Direct Fulfillment inventory update, or an EDI 846), a purchase order
 * seeded afterwards never asks for more of that item than the last figure reported. A line whose
 * item was reported at 0 is left out; a line in cases asks for the whole cases the figure holds; a
 * purchase order left with no line is not created. Items never reported are ordered as seeded.
 */
import type { AmazonState } from './state';
import type { Order, OrderItem } from './types';

export interface ReportedAvailability {
	/** Eaches the vendor last said are available. */
	eaches: number;
	/** `directFulfillment:<warehouse>` or `edi846:<sender>`. */
	source: string;
	at: string;
}

/** The last figure reported per ASIN and per vendor product id (`asin:` / `vendor:` keys). */
export function reportedAvailability(state: AmazonState): Map<string, ReportedAvailability> {
	const out = new Map<string, ReportedAvailability>();
	const keep = (key: string | undefined, figure: ReportedAvailability) => {
		if (!key) return;
		const known = out.get(key);
		if (!known || known.at <= figure.at) out.set(key, figure);
	};
	for (const [warehouse, items] of state.directFulfillmentInventory)
		for (const item of items.values()) {
			const figure = {
				eaches: item.isObsolete ? 0 : item.availableQuantity.amount,
				source: `directFulfillment:${warehouse}`,
				at: item.updatedAt,
			};
			keep(item.buyerProductIdentifier && `asin:${item.buyerProductIdentifier}`, figure);
			keep(item.vendorProductIdentifier && `vendor:${item.vendorProductIdentifier}`, figure);
		}
	return out;
}

export interface CappedLine {
	itemSequenceNumber: string;
	/** Eaches the seed asked for, and what the order asks for now (0: the line was left out). */
	seededEaches: number;
	orderedEaches: number;
	availability: ReportedAvailability;
}

function eachesOf(item: OrderItem): number {
	const q = item.orderedQuantity;
	const amount = q.amount ?? 0;
	return q.unitOfMeasure === 'Cases' ? amount * (q.unitSize ?? 1) : amount;
}

/** The order as Amazon would send it given the reported availability, and the lines it changed. */
export function capOrderByAvailability(
	order: Order,
	availability: Map<string, ReportedAvailability>,
): { order: Order | undefined; capped: CappedLine[] } {
	if (availability.size === 0 || !order.orderDetails) return { order, capped: [] };
	const capped: CappedLine[] = [];
	const items: OrderItem[] = [];
	for (const item of order.orderDetails.items) {
		const figure =
			availability.get(`asin:${item.amazonProductIdentifier ?? ''}`) ??
			availability.get(`vendor:${item.vendorProductIdentifier ?? ''}`);
		const seeded = eachesOf(item);
		if (!figure || seeded <= figure.eaches) {
			items.push(item);
			continue;
		}
		const q = item.orderedQuantity;
		const unit = q.unitOfMeasure === 'Cases' ? (q.unitSize ?? 1) : 1;
		const amount = Math.floor(figure.eaches / unit);
		capped.push({
			itemSequenceNumber: item.itemSequenceNumber,
			seededEaches: seeded,
			orderedEaches: amount * unit,
			availability: figure,
		});
		if (amount > 0) items.push({ ...item, orderedQuantity: { ...q, amount } });
	}
	if (capped.length === 0) return { order, capped };
	if (items.length === 0) return { order: undefined, capped };
	return { order: { ...order, orderDetails: { ...order.orderDetails, items } }, capped };
}
