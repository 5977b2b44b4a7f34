/**
 * Quantity arithmetic: Amazon orders in Cases (amount × unitSize eaches) or Eaches, and an
 * acknowledgement may use either; comparisons are made in eaches.
 */
import type { ItemQuantity, OrderItem } from './types';

/** Eaches per unit of a quantity: unitSize for Cases (default 1), 1 for Eaches. */
function unitSizeOf(q: ItemQuantity | undefined): number {
	if (!q) return 1;
	if (q.unitOfMeasure === 'Cases') return q.unitSize && q.unitSize > 0 ? q.unitSize : 1;
	return 1;
}

/**
 * A quantity in eaches. Without a unitOfMeasure, the quantity is read in the unit of `reference`
 * (the purchase-order line); a Cases quantity without unitSize takes the reference's case size.
 */
export function toEaches(q: ItemQuantity | undefined, reference?: ItemQuantity): number {
	if (!q || typeof q.amount !== 'number') return 0;
	const unit = q.unitOfMeasure ?? reference?.unitOfMeasure;
	if (unit !== 'Cases') return q.amount;
	const size =
		q.unitSize && q.unitSize > 0
			? q.unitSize
			: reference?.unitOfMeasure === 'Cases'
				? unitSizeOf(reference)
				: 1;
	return q.amount * size;
}

export function orderedEaches(item: OrderItem): number {
	return toEaches(item.orderedQuantity);
}

/** Eaches expressed in the line's unit when they divide evenly, else in Eaches. */
export function inLineUnit(eaches: number, line: ItemQuantity | undefined): ItemQuantity {
	if (line?.unitOfMeasure === 'Cases') {
		const size = unitSizeOf(line);
		if (eaches % size === 0)
			return { amount: eaches / size, unitOfMeasure: 'Cases', unitSize: size };
	}
	return { amount: eaches, unitOfMeasure: 'Eaches', unitSize: 1 };
}

/** "12 Eaches" / "3 Cases of 4", for error messages. */
export function describeQuantity(q: ItemQuantity | undefined, reference?: ItemQuantity): string {
	if (!q || typeof q.amount !== 'number') return 'no quantity';
	const unit = q.unitOfMeasure ?? reference?.unitOfMeasure ?? 'Eaches';
	if (unit === 'Cases') {
		const size =
			q.unitSize ?? (reference?.unitOfMeasure === 'Cases' ? reference.unitSize : undefined) ?? 1;
		return `${q.amount} Cases of ${size} (${q.amount * size} eaches)`;
	}
	return `${q.amount} Eaches`;
}
