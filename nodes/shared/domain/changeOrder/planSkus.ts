/**
 * The per-SKU part of the edit plan: the platform's target per SKU is the sum of the eaches the new
 * version's lines of that SKU put on the order; only SKUs of changed lines are planned. Pure.
 */
import type { PlatformOrder, PlatformOrderLine } from './platformOrder';
import type { EditPlan, LinePlan, SkuPlan } from './plan';

function linesBySku(platformOrder: PlatformOrder): Map<string, PlatformOrderLine[]> {
	const bySku = new Map<string, PlatformOrderLine[]>();
	for (const line of platformOrder.lines) {
		const list = bySku.get(line.sku) ?? [];
		list.push(line);
		bySku.set(line.sku, list);
	}
	return bySku;
}

function actionOf(target: number, platformOrdered: number, onPlatform: number): SkuPlan['action'] {
	if (target === platformOrdered) return 'unchanged';
	if (onPlatform === 0) return target > 0 ? 'add' : 'unchanged';
	return target === 0 ? 'remove' : 'setQuantity';
}

function skuPlanOf(
	sku: string,
	lines: readonly LinePlan[],
	onPlatform: readonly PlatformOrderLine[],
	warnings: string[],
): SkuPlan {
	const skuLines = lines.filter((l) => l.sku === sku);
	const target = skuLines.reduce((n, l) => n + l.platformEaches, 0);
	const previousEaches = skuLines.reduce((n, l) => n + l.previous.platformEaches, 0);
	const platformOrdered = onPlatform.reduce((n, l) => n + l.ordered, 0);
	const entry: SkuPlan = {
		sku,
		action: actionOf(target, platformOrdered, onPlatform.length),
		platformOrdered,
		previousEaches,
		targetEaches: target,
		deltaEaches: target - platformOrdered,
		fulfilled: onPlatform.reduce((n, l) => n + (l.fulfilled ?? 0), 0),
		inProgress: onPlatform.reduce((n, l) => n + (l.inProgress ?? 0), 0),
		itemSequenceNumbers: [...new Set(skuLines.map((l) => l.itemSequenceNumber))],
	};
	if (onPlatform[0]?.lineItemId !== undefined) entry.lineItemId = onPlatform[0].lineItemId;
	const variant = onPlatform.find((l) => l.variantId !== undefined)?.variantId;
	if (variant !== undefined) entry.variantId = variant;
	if (onPlatform.length > 0 && previousEaches !== platformOrdered) {
		warnings.push(
			`SKU ${JSON.stringify(sku)}: the platform order has ${platformOrdered} eaches, the previous PO ` +
				`version ${previousEaches}: the platform order was changed outside the workflow ` +
				`(the plan sets ${target})`,
		);
	}
	return entry;
}

export interface SkusPlan {
	skus: SkuPlan[];
	/** Platform SKUs on more than one line. */
	duplicateSkus: string[];
}

/** One SkuPlan per SKU touched by a changed line; warns of changed lines without a SKU. */
export function planSkus(
	lines: readonly LinePlan[],
	platformOrder: PlatformOrder,
	warnings: string[],
): SkusPlan {
	const bySku = linesBySku(platformOrder);
	const duplicateSkus = [...bySku.entries()]
		.filter(([, list]) => list.length > 1)
		.map(([sku]) => sku);
	const touched = new Set<string>();
	for (const l of lines) if (l.change !== 'unchanged' && l.sku !== undefined) touched.add(l.sku);
	for (const l of lines) {
		const moves = l.platformEaches + l.previous.platformEaches > 0;
		if (l.change !== 'unchanged' && l.sku === undefined && moves)
			warnings.push(
				`Line ${l.itemSequenceNumber} has no SKU in the mapping: it cannot be on the platform order`,
			);
	}
	const skus = [...touched].map((sku) => skuPlanOf(sku, lines, bySku.get(sku) ?? [], warnings));
	return { skus, duplicateSkus };
}

/** The platform-side lists of the plan: quantities to set, removals and additions. */
export function platformEdits(
	skus: readonly SkuPlan[],
): Pick<EditPlan, 'setQuantities' | 'removals' | 'additions'> {
	const setQuantities = skus
		.filter((s) => s.action === 'setQuantity' || s.action === 'remove')
		.map((s) => {
			const out: EditPlan['setQuantities'][number] = {
				sku: s.sku,
				eaches: s.targetEaches,
				restock: s.targetEaches < s.platformOrdered,
			};
			if (s.lineItemId !== undefined) out.lineItemId = s.lineItemId;
			return out;
		});
	const removals = skus
		.filter((s) => s.action === 'remove')
		.map((s) => {
			const out: EditPlan['removals'][number] = { sku: s.sku, previousEaches: s.platformOrdered };
			if (s.lineItemId !== undefined) out.lineItemId = s.lineItemId;
			return out;
		});
	const additions = skus
		.filter((s) => s.action === 'add')
		.map((s) => {
			const out: EditPlan['additions'][number] = {
				sku: s.sku,
				eaches: s.targetEaches,
				itemSequenceNumbers: s.itemSequenceNumbers,
			};
			if (s.variantId !== undefined) out.variantId = s.variantId;
			return out;
		});
	return { setQuantities, removals, additions };
}
