/** Stock figures: `{sku, available}` rows read into eaches per SKU, and their check. Pure. */
import { isObject, shown } from '../values';
import { AllocationInputError } from './errors';

/** Available eaches per platform SKU: whole numbers of 0 or more. */
export type StockLevels = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

export interface ParsedStock {
	stock: Record<string, number>;
	warnings: string[];
}

/** A figure written as a string: decimal digits (a minus for oversold), spaces around allowed. */
const INTEGER_TEXT = /^\s*-?\d+\s*$/;

function skuOf(value: unknown, i: number): string {
	const sku =
		typeof value === 'number' && Number.isSafeInteger(value)
			? String(value)
			: typeof value === 'string'
				? value.trim()
				: '';
	if (sku === '')
		throw new AllocationInputError(
			`Stock rows[${i}].sku is required (got ${shown(value)})`,
			`rows[${i}].sku`,
		);
	return sku;
}

/** The figure as a number: a JS number, or a string of decimal digits ("0x10", "1e3" are refused). */
function figureOf(raw: unknown, sku: string, i: number): number {
	const path = `rows[${i}].available`;
	if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
	if (typeof raw === 'string' && INTEGER_TEXT.test(raw)) {
		const n = Number(raw.trim());
		if (Number.isSafeInteger(n)) return n;
	}
	if (typeof raw === 'string' && raw.trim() !== '')
		throw new AllocationInputError(
			`Stock rows[${i}].available must be a number (got ${shown(raw)}): ` +
				`SKU ${JSON.stringify(sku)} needs whole eaches written in digits, such as "12"`,
			path,
		);
	throw new AllocationInputError(
		`Stock rows[${i}].available must be a number (got ${shown(raw)})`,
		path,
	);
}

/**
 * Reads `{sku, available}` rows (from the platform's own nodes). Rows of the same SKU are added up
 * (one row per location). `available` may be a number or a string of decimal digits; a negative
 * figure (oversold) counts as 0 and a fractional number is rounded down, each with a warning. A row
 * without a SKU or with another figure ("lots", "0x10", "1e3", "7.5") is an error naming the row.
 */
export function parseStockRows(rows: readonly unknown[]): ParsedStock {
	if (!Array.isArray(rows))
		throw new AllocationInputError(
			`Stock must be a list of {sku, available} rows (got ${shown(rows)})`,
		);
	const totals = new Map<string, number>();
	const warnings: string[] = [];
	rows.forEach((row, i) => {
		if (!isObject(row)) {
			throw new AllocationInputError(
				`Stock rows[${i}] must be an object with sku and available (got ${shown(row)})`,
				`rows[${i}]`,
			);
		}
		const sku = skuOf(row.sku, i);
		const n = figureOf(row.available, sku, i);
		let eaches = n;
		if (eaches < 0) {
			warnings.push(`Stock rows[${i}]: ${n} available for SKU ${JSON.stringify(sku)} read as 0`);
			eaches = 0;
		} else if (!Number.isInteger(eaches)) {
			eaches = Math.floor(eaches);
			warnings.push(
				`Stock rows[${i}]: ${n} available for SKU ${JSON.stringify(sku)} rounded down to ${eaches}`,
			);
		}
		const total = (totals.get(sku) ?? 0) + eaches;
		if (!Number.isSafeInteger(total))
			throw new AllocationInputError(
				`Stock rows[${i}]: ${n} available for SKU ${JSON.stringify(sku)} is too large`,
				`rows[${i}].available`,
			);
		totals.set(sku, total);
	});
	return { stock: Object.fromEntries(totals), warnings };
}

function checkStock(sku: string, available: unknown): void {
	if (typeof available !== 'number' || !Number.isSafeInteger(available) || available < 0) {
		throw new AllocationInputError(
			`Stock for SKU ${JSON.stringify(sku)} must be a whole number of eaches, 0 or more ` +
				`(got ${shown(available)}); read rows with parseStockRows`,
			`stock[${JSON.stringify(sku)}]`,
		);
	}
}

/** Checks every figure; the remaining stock starts as a copy of the input. */
export function stockMap(stock: StockLevels): Map<string, number> {
	if (stock instanceof Map) {
		for (const [sku, available] of stock) checkStock(String(sku), available);
		return new Map(stock);
	}
	if (!isObject(stock))
		throw new AllocationInputError(
			`Stock must be an object of eaches per SKU (got ${shown(stock)})`,
			'stock',
		);
	const out = new Map<string, number>();
	for (const sku of Object.keys(stock)) {
		const available = stock[sku];
		checkStock(sku, available);
		out.set(sku, available as number);
	}
	return out;
}
