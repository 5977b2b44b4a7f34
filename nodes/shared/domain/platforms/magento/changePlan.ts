/**
 * Apply Change Order's plan on a Magento order: Magento cannot edit an order's quantities, so an
 * order that nothing has happened to yet (state new, nothing shipped or invoiced) may be canceled
 * and placed again with the new quantities; any other is held for a person to edit. Pure: no n8n
 * imports.
 */
import { InvalidInputError } from '../../inputError';
import type { OrderLine } from './cart';
import type { MagentoFulfilmentState } from './orders';

export interface OrderEdit {
	sku: string;
	fromEaches: number;
	toEaches: number;
	action: 'add line' | 'remove line' | 'set quantity';
}

export interface MagentoChange {
	edits: OrderEdit[];
	/** The edits in one sentence for an order comment. */
	editText: string;
	/** The order's lines after the plan (lines of 0 left out). */
	newLines: OrderLine[];
	/** Whether cancel-and-recreate is possible. */
	canRecreate: boolean;
}

/** The edits of a plan (`skus[].targetEaches` against `platformOrdered`) on the order's state. */
export function magentoChangeOf(
	plan: unknown,
	state: MagentoFulfilmentState,
	allowCancelAndRecreate: boolean,
): MagentoChange {
	const skus = (plan as { skus?: unknown } | null)?.skus;
	if (!Array.isArray(skus))
		throw new InvalidInputError('The change plan has no skus list', 'plan.skus');
	const lines = state.magento.lines.map((l) => ({ sku: l.sku, qty: l.qty }));
	const edits: OrderEdit[] = [];
	skus.forEach((s: Record<string, unknown>, index) => {
		const at = `plan.skus[${index}]`;
		const to = Number(s?.targetEaches);
		const from = Number(s?.platformOrdered ?? 0);
		if (typeof s?.sku !== 'string' || s.sku === '')
			throw new InvalidInputError('The SKU is missing', `${at}.sku`);
		if (!Number.isInteger(to) || to < 0) {
			throw new InvalidInputError(
				'targetEaches must be a whole number of at least 0',
				`${at}.targetEaches`,
			);
		}
		const line = lines.find((l) => l.sku === s.sku);
		if (line) line.qty = to;
		else lines.push({ sku: s.sku, qty: to });
		if (to === from) return;
		const action = from === 0 ? 'add line' : to === 0 ? 'remove line' : 'set quantity';
		edits.push({ sku: s.sku, fromEaches: from, toEaches: to, action });
	});
	const newLines = lines.filter((l) => l.qty > 0);
	const m = state.magento;
	return {
		edits,
		editText: edits.map(editSentence).join('; '),
		newLines,
		canRecreate:
			allowCancelAndRecreate &&
			m.state === 'new' &&
			m.shippedEaches === 0 &&
			m.invoicedEaches === 0 &&
			newLines.length > 0,
	};
}

function editSentence(e: OrderEdit): string {
	if (e.action === 'add line') return `SKU ${e.sku}: add a line of ${e.toEaches} eaches`;
	if (e.action === 'remove line') return `SKU ${e.sku}: remove the line (${e.fromEaches} eaches)`;
	return `SKU ${e.sku}: change quantity from ${e.fromEaches} to ${e.toEaches} eaches`;
}
