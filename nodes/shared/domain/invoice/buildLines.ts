/**
 * The invoice items of Build Invoice, one per PO line with something to invoice: the quantity
 * (shipped - already invoiced, or the ERP's), the cost (acknowledged, or the ERP's, checked later),
 * the amount (eaches or shipped weight x cost) and the line's taxes. Pure: no n8n imports.
 */
import type { InvoiceItem, ItemQuantity } from '../../generated/vendorInvoices';
import { add, Decimal, isNegative, isZero, multiply, normalizeCurrencyCode } from '../money';
import { shown } from '../values';
import { dec, moneyOf, s, ZERO } from './amounts';
import type { Bad, TaxBook } from './taxes';
import type {
	AcknowledgedCostRef,
	BuildInvoiceOptions,
	InvoiceLineMapEntry,
	InvoiceLineSource,
	ShippedLineRef,
} from './types';

export interface LinesContext {
	currencyCode: string;
	invoiceType: 'Invoice' | 'CreditNote';
	quantityUnit: NonNullable<BuildInvoiceOptions['quantityUnit']>;
	/** The invoice's itemSequenceNumber of line i, or undefined for sequential numbering. */
	poNumbers?: readonly string[];
	taxes: TaxBook;
	bad: Bad;
	warnings: string[];
}

export interface BuiltLines {
	items: InvoiceItem[];
	lineMap: InvoiceLineMapEntry[];
	shippedRefs: ShippedLineRef[];
	ackRefs: AcknowledgedCostRef[];
	/** Σ acknowledged cost x shipped eaches. */
	acknowledgedValue: Decimal;
}

/** The line's unit size, or undefined (reported) when the unit or the size is wrong. */
function unitSizeOf(ctx: LinesContext, line: InvoiceLineSource, path: string): number | undefined {
	if (line.unitOfMeasure !== 'Cases' && line.unitOfMeasure !== 'Eaches') {
		ctx.bad(
			`${path}.unitOfMeasure must be Cases or Eaches (got ${shown(line.unitOfMeasure)})`,
			`${path}.unitOfMeasure`,
		);
		return undefined;
	}
	const unitSize = line.unitOfMeasure === 'Cases' ? line.unitSize : 1;
	if (!Number.isSafeInteger(unitSize) || unitSize < 1) {
		ctx.bad(
			`${path}.unitSize must be a whole number of 1 or more (got ${shown(line.unitSize)})`,
			`${path}.unitSize`,
		);
		return undefined;
	}
	return unitSize;
}

/** The quantity to invoice now, or undefined (reported, or left out with a warning). */
function quantityOf(ctx: LinesContext, line: InvoiceLineSource, path: string, po: string) {
	const shipped = line.shippedQuantity;
	const already = line.alreadyInvoicedQuantity ?? 0;
	for (const [name, v] of [
		['shippedQuantity', shipped],
		['alreadyInvoicedQuantity', already],
	] as const) {
		if (!Number.isSafeInteger(v) || v < 0)
			ctx.bad(
				`${path}.${name} must be a whole number of 0 or more (got ${shown(v)})`,
				`${path}.${name}`,
			);
	}
	const numbers = typeof shipped === 'number' && typeof already === 'number';
	const quantity = line.quantity ?? (numbers ? shipped - already : NaN);
	if (Number.isSafeInteger(quantity) && quantity > 0) return { shipped, already, quantity };
	if (line.quantity === undefined && quantity === 0) {
		ctx.warnings.push(
			`${path}: PO ${po} line ${line.itemSequenceNumber} has nothing shipped and not yet invoiced: left out`,
		);
	} else
		ctx.bad(
			`${path}: the quantity to invoice must be a whole number above 0 (got ${shown(quantity)})`,
			`${path}.quantity`,
		);
	return undefined;
}

/** The acknowledged cost and currency, and the cost to invoice; undefined when one is wrong. */
function costsOf(ctx: LinesContext, line: InvoiceLineSource, path: string) {
	const ack = line.acknowledgedNetCost;
	let ackCurrency: string;
	try {
		ackCurrency = normalizeCurrencyCode(ack?.currencyCode);
	} catch {
		ctx.bad(
			`${path}.acknowledgedNetCost.currencyCode must be a 3-letter code (got ${shown(ack?.currencyCode)})`,
			`${path}.acknowledgedNetCost.currencyCode`,
		);
		return undefined;
	}
	const ackCost = dec(ack?.amount);
	if (ackCost === undefined || isNegative(ackCost) || isZero(ackCost)) {
		ctx.bad(
			`${path}.acknowledgedNetCost.amount must be a decimal above 0 such as "12.50" ` +
				`(got ${shown(ack?.amount)})`,
			`${path}.acknowledgedNetCost.amount`,
		);
		return undefined;
	}
	const unitCost = line.unitCost === undefined ? ackCost : dec(line.unitCost);
	if (unitCost === undefined) {
		ctx.bad(
			`${path}.unitCost must be a decimal such as "12.50" (got ${shown(line.unitCost)})`,
			`${path}.unitCost`,
		);
		return undefined;
	}
	return { ackCurrency, ackCost, unitCost };
}

interface LineFigures {
	amount: Decimal;
	ackAmount: Decimal;
	weight?: Decimal;
}

/** The line amount and the acknowledged value of what shipped; by weight or by eaches. */
function figuresOf(
	ctx: LinesContext,
	line: InvoiceLineSource,
	path: string,
	costs: { ackCost: Decimal; unitCost: Decimal },
	eaches: { invoiced: number; shipped: number },
): LineFigures | undefined {
	if (line.netCostUnitOfMeasure === undefined)
		return {
			amount: multiply(costs.unitCost, eaches.invoiced),
			ackAmount: multiply(costs.ackCost, eaches.shipped),
		};
	const weight = dec(line.totalWeight);
	if (weight === undefined) {
		ctx.bad(
			`${path}: priced per ${line.netCostUnitOfMeasure}, totalWeight (the shipped weight) is required`,
			`${path}.totalWeight`,
		);
		return undefined;
	}
	return {
		amount: multiply(costs.unitCost, weight),
		ackAmount: multiply(costs.ackCost, weight),
		weight,
	};
}

function invoiceItemOf(
	ctx: LinesContext,
	line: InvoiceLineSource,
	seqNumber: number,
	figures: LineFigures,
	parts: { po: string; path: string; quantity: number; unitSize: number; unitCost: Decimal },
): InvoiceItem {
	const { po, quantity, unitSize } = parts;
	const eaches = quantity * unitSize;
	const invoicedQuantity: ItemQuantity =
		ctx.quantityUnit === 'eaches' || line.unitOfMeasure === 'Eaches'
			? { amount: eaches, unitOfMeasure: 'Eaches' }
			: { amount: quantity, unitOfMeasure: 'Cases', unitSize };
	if (figures.weight !== undefined && line.netCostUnitOfMeasure !== undefined)
		invoicedQuantity.totalWeight = {
			unitOfMeasure: line.netCostUnitOfMeasure,
			amount: s(figures.weight),
		};
	const item = { itemSequenceNumber: seqNumber } as InvoiceItem;
	if (line.amazonProductIdentifier) item.amazonProductIdentifier = line.amazonProductIdentifier;
	if (line.vendorProductIdentifier) item.vendorProductIdentifier = line.vendorProductIdentifier;
	item.invoicedQuantity = invoicedQuantity;
	item.netCost = moneyOf(ctx.currencyCode, parts.unitCost);
	if (line.netCostUnitOfMeasure !== undefined)
		item.netCostUnitOfMeasure = line.netCostUnitOfMeasure;
	if (po !== '') item.purchaseOrderNumber = po;
	if (line.hsnCode) item.hsnCode = line.hsnCode;
	const rates = ctx.taxes.ratesOr(line.taxes, `${parts.path}.taxes`);
	const taxDetails = ctx.taxes.apply(figures.amount, rates, 'item');
	if (taxDetails.length) item.taxDetails = taxDetails;
	return item;
}

function buildLine(ctx: LinesContext, out: BuiltLines, line: InvoiceLineSource, i: number): void {
	const path = `lines[${i}]`;
	if (line === null || typeof line !== 'object') {
		ctx.bad(`${path} must be an object`, path);
		return;
	}
	const po = typeof line.purchaseOrderNumber === 'string' ? line.purchaseOrderNumber.trim() : '';
	if (po === '' && ctx.invoiceType === 'Invoice')
		ctx.bad(`${path}.purchaseOrderNumber is required`, `${path}.purchaseOrderNumber`);
	const unitSize = unitSizeOf(ctx, line, path);
	if (unitSize === undefined) return;
	const q = quantityOf(ctx, line, path, po);
	if (q === undefined) return;
	const costs = costsOf(ctx, line, path);
	if (costs === undefined) return;
	const eaches = q.quantity * unitSize;
	const shippedEaches = q.shipped * unitSize;
	if (!Number.isSafeInteger(eaches) || !Number.isSafeInteger(shippedEaches)) {
		ctx.bad(`${path}: ${q.shipped} shipped x ${unitSize} eaches is too large a quantity`, path);
		return;
	}
	const figures = figuresOf(ctx, line, path, costs, { invoiced: eaches, shipped: shippedEaches });
	if (figures === undefined) return;
	out.acknowledgedValue = add(out.acknowledgedValue, figures.ackAmount);
	const seqNumber = ctx.poNumbers ? Number(ctx.poNumbers[i]) : out.items.length + 1;
	const parts = { po, path, quantity: q.quantity, unitSize, unitCost: costs.unitCost };
	out.items.push(invoiceItemOf(ctx, line, seqNumber, figures, parts));
	out.lineMap.push({
		itemSequenceNumber: seqNumber,
		purchaseOrderNumber: po,
		purchaseOrderItemSequenceNumber: String(line.itemSequenceNumber),
		invoicedQuantity: q.quantity,
		invoicedEaches: eaches,
		lineAmount: s(figures.amount),
	});
	const keyed = {
		purchaseOrderNumber: po,
		itemSequenceNumber: String(seqNumber),
		amazonProductIdentifier: line.amazonProductIdentifier,
		vendorProductIdentifier: line.vendorProductIdentifier,
	};
	out.shippedRefs.push({ ...keyed, shippedEaches, alreadyInvoicedEaches: q.already * unitSize });
	out.ackRefs.push({
		...keyed,
		netCost: { currencyCode: costs.ackCurrency, amount: s(costs.ackCost) },
	});
}

/** Every line built in order; a line with a problem is reported through `ctx.bad` and left out. */
export function buildLines(ctx: LinesContext, lines: readonly InvoiceLineSource[]): BuiltLines {
	const out: BuiltLines = {
		items: [],
		lineMap: [],
		shippedRefs: [],
		ackRefs: [],
		acknowledgedValue: ZERO,
	};
	lines.forEach((line, i) => buildLine(ctx, out, line, i));
	return out;
}
