/**
 * The order value before and after the change: accepted (and backordered) eaches x net cost, per
 * each lines only, in exact decimals (money.ts). Pure: no n8n imports.
 */
import { add, Decimal, multiply, parseDecimal, subtract, toDecimalString } from '../money';
import type { CanonicalOrderItem, CanonicalPurchaseOrder } from '../purchaseOrder';
import { unitSizeOf } from './diff';
import type { AckState } from './lineStates';
import type { LinePlan, OrderValue } from './plan';

function lineValue(
	item: CanonicalOrderItem,
	eaches: number,
	currency: string | undefined,
	excluded: string[],
): Decimal | undefined {
	const cost = item.netCost;
	if (cost === undefined) {
		if (eaches > 0) excluded.push(`${item.itemSequenceNumber}: no net cost`);
		return undefined;
	}
	if (cost.unitOfMeasure !== undefined) {
		if (eaches > 0)
			excluded.push(
				`${item.itemSequenceNumber}: priced per ${cost.unitOfMeasure} (needs the weight)`,
			);
		return undefined;
	}
	if (currency !== undefined && cost.currencyCode !== currency) {
		if (eaches > 0)
			excluded.push(`${item.itemSequenceNumber}: in ${cost.currencyCode}, not ${currency}`);
		return undefined;
	}
	return multiply(parseDecimal(cost.amount), eaches);
}

/** The value of both versions; `lines` are the plan's lines, the current ones first, in order. */
export function orderValueOf(
	previous: CanonicalPurchaseOrder,
	current: CanonicalPurchaseOrder,
	before: ReadonlyMap<number, AckState>,
	lines: readonly LinePlan[],
): OrderValue {
	const currency =
		current.items.find((it) => it.netCost !== undefined)?.netCost?.currencyCode ??
		previous.items.find((it) => it.netCost !== undefined)?.netCost?.currencyCode;
	const excluded: string[] = [];
	let previousValue = new Decimal(BigInt(0), 0);
	previous.items.forEach((item, i) => {
		const state = before.get(i);
		const eaches = ((state?.accepted ?? 0) + (state?.backordered ?? 0)) * unitSizeOf(item);
		const v = lineValue(item, eaches, currency, []);
		if (v !== undefined) previousValue = add(previousValue, v);
	});
	let currentValue = new Decimal(BigInt(0), 0);
	current.items.forEach((item, i) => {
		const l = lines[i];
		const v = lineValue(item, (l.accepted + l.backordered) * l.unitSize, currency, excluded);
		if (v !== undefined) currentValue = add(currentValue, v);
	});
	const orderValue: OrderValue = {
		previous: toDecimalString(previousValue),
		current: toDecimalString(currentValue),
		difference: toDecimalString(subtract(currentValue, previousValue)),
		excludedLines: excluded,
	};
	if (currency !== undefined) orderValue.currencyCode = currency;
	return orderValue;
}
