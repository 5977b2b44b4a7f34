/**
 * The invoice lines of one Build Invoice item: the shipped PO lines, at the acknowledged cost (the
 * latest acknowledgement, so accepted changes count; else the PO's cost), with the ERP's own
 * quantity or unit cost where it gives one (checked, never trusted). Pure: no n8n imports.
 */
import { InputError, isObject, lineKey, type AcknowledgedOrderInput } from '../asn';
import { shown } from '../values';
import type { InvoiceLineSource, WeightUnit } from './types';

/** An ERP line: what it wants to invoice for one PO line. */
export interface InvoiceLineOverride {
	purchaseOrderNumber: string;
	itemSequenceNumber: string;
	quantity?: number;
	unitCost?: string;
	totalWeight?: string;
}

/**
 * Rows `{purchaseOrderNumber, itemSequenceNumber, quantity?, unitCost?, totalWeight?}`. Throws
 * InputError.
 */
export function readInvoiceLineOverrides(value: unknown, path: string): InvoiceLineOverride[] {
	if (value === undefined || value === null || value === '') return [];
	if (!Array.isArray(value))
		throw new InputError(
			`${path} must be a list of {purchaseOrderNumber, itemSequenceNumber, quantity, unitCost} ` +
				`(got ${shown(value)})`,
			path,
		);
	return value.map((row, i) => {
		const at = `${path}[${i}]`;
		if (!isObject(row))
			throw new InputError(
				`${at} must be an object {purchaseOrderNumber, itemSequenceNumber, quantity, unitCost}`,
				at,
			);
		const po = typeof row.purchaseOrderNumber === 'string' ? row.purchaseOrderNumber.trim() : '';
		const seq =
			typeof row.itemSequenceNumber === 'string' || typeof row.itemSequenceNumber === 'number'
				? String(row.itemSequenceNumber).trim()
				: '';
		if (po === '' || seq === '')
			throw new InputError(
				`${at} needs purchaseOrderNumber and itemSequenceNumber`,
				`${at}.${po === '' ? 'purchaseOrderNumber' : 'itemSequenceNumber'}`,
			);
		const out: InvoiceLineOverride = { purchaseOrderNumber: po, itemSequenceNumber: seq };
		const q =
			typeof row.quantity === 'string' && /^\s*\d+\s*$/.test(row.quantity)
				? Number(row.quantity)
				: row.quantity;
		if (q !== undefined && q !== null) {
			if (typeof q !== 'number' || !Number.isSafeInteger(q) || q <= 0)
				throw new InputError(
					`${at}.quantity must be a whole number above 0, in the PO's unit (got ${shown(row.quantity)})`,
					`${at}.quantity`,
				);
			out.quantity = q;
		}
		for (const key of ['unitCost', 'totalWeight'] as const) {
			const v = row[key];
			if (v === undefined || v === null || v === '') continue;
			if (typeof v !== 'string' && typeof v !== 'number')
				throw new InputError(
					`${at}.${key} must be a decimal such as "12.50" (got ${shown(v)})`,
					`${at}.${key}`,
				);
			out[key] = String(v);
		}
		return out;
	});
}

/**
 * One InvoiceLineSource per PO line that shipped or that the ERP lists, in the order of the shipped
 * lines then the ERP lines. `shipped` and `alreadyInvoiced` are keyed by lineKey. Throws InputError
 * when nothing is given, or for a line of no given purchase order.
 */
export function invoiceLinesFor(
	orders: readonly AcknowledgedOrderInput[],
	shipped: ReadonlyMap<string, number>,
	alreadyInvoiced: ReadonlyMap<string, number>,
	overrides: readonly InvoiceLineOverride[],
	fields: { shipped: string; orders: string } = {
		shipped: 'shippedLines',
		orders: 'purchaseOrders',
	},
): InvoiceLineSource[] {
	const shippedPath = fields.shipped;
	const keys = [...shipped.keys()];
	for (const o of overrides) {
		const key = lineKey(o.purchaseOrderNumber, o.itemSequenceNumber);
		if (!keys.includes(key)) keys.push(key);
	}
	if (keys.length === 0)
		throw new InputError(`Nothing to invoice: ${shippedPath} holds no shipped line`, shippedPath);
	const byKey = new Map(
		overrides.map((o) => [lineKey(o.purchaseOrderNumber, o.itemSequenceNumber), o]),
	);
	const lines: InvoiceLineSource[] = [];
	for (const key of keys) {
		const [poNumber] = key.split('#');
		const order = orders.find((o) => o.purchaseOrder.purchaseOrderNumber.trim() === poNumber);
		if (!order)
			throw new InputError(
				`PO ${poNumber} (line ${key.slice(poNumber.length + 1)}) is not among the purchase orders ` +
					'given: nothing to take its cost from',
				fields.orders,
			);
		const index = order.purchaseOrder.items.findIndex(
			(item) => lineKey(poNumber, item.itemSequenceNumber) === key,
		);
		if (index < 0)
			throw new InputError(
				`PO ${poNumber} has no line ${key.slice(poNumber.length + 1)}`,
				fields.orders,
			);
		const item = order.purchaseOrder.items[index];
		const mapped = order.lines[index] as { unitOfMeasure: 'Cases' | 'Eaches'; unitSize: number };
		const ackItem = order.acknowledgement?.items.find(
			(i) => i.itemSequenceNumber !== undefined && lineKey(poNumber, i.itemSequenceNumber) === key,
		);
		const ackCost = ackItem?.netCost?.amount !== undefined ? ackItem.netCost : item.netCost;
		if (!ackCost || typeof ackCost.amount !== 'string')
			throw new InputError(
				`PO ${poNumber} line ${item.itemSequenceNumber} has no acknowledged or ordered net cost`,
				fields.orders,
			);
		const weightUnit = item.netCost?.unitOfMeasure as WeightUnit | undefined;
		const override = byKey.get(key);
		const line: InvoiceLineSource = {
			purchaseOrderNumber: poNumber,
			itemSequenceNumber: item.itemSequenceNumber,
			unitOfMeasure: mapped.unitOfMeasure,
			unitSize: mapped.unitOfMeasure === 'Cases' ? mapped.unitSize : 1,
			shippedQuantity: shipped.get(key) ?? 0,
			alreadyInvoicedQuantity: alreadyInvoiced.get(key) ?? 0,
			acknowledgedNetCost: {
				currencyCode: String(ackCost.currencyCode ?? item.netCost?.currencyCode ?? ''),
				amount: ackCost.amount,
			},
		};
		if (item.amazonProductIdentifier) line.amazonProductIdentifier = item.amazonProductIdentifier;
		if (item.vendorProductIdentifier) line.vendorProductIdentifier = item.vendorProductIdentifier;
		if (weightUnit) line.netCostUnitOfMeasure = weightUnit;
		if (override?.quantity !== undefined) line.quantity = override.quantity;
		if (override?.unitCost !== undefined) line.unitCost = override.unitCost;
		if (override?.totalWeight !== undefined) line.totalWeight = override.totalWeight;
		lines.push(line);
	}
	return lines;
}
