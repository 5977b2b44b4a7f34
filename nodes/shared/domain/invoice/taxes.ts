/**
 * The taxes of an invoice being built: each rate applied to each line, charge and allowance
 * (rounded half up to minor units); the header taxDetails per (type, rate) are the exact sums of
 * the line taxes. Pure: no n8n imports.
 */
import type { TaxDetails } from '../../generated/vendorInvoices';
import { add, Decimal, isNegative, subtract, sum } from '../money';
import { shown } from '../values';
import { dec, moneyOf, s, taxOn, ZERO } from './amounts';
import type { TaxRate, TaxType } from './types';

export type ParsedRate = TaxRate & { rate: Decimal };

interface TaxAccumulator {
	taxType: TaxType;
	taxRate: string;
	rate: Decimal;
	taxable: Decimal;
	tax: Decimal;
}

export type Bad = (message: string, path?: string) => void;

export interface TaxBook {
	/** The invoice's own rates (for lines, charges and allowances without theirs). */
	invoiceRates: ParsedRate[];
	/** Rates checked; a bad rate is reported and left out. */
	parseRates(rates: TaxRate[] | undefined, path: string): ParsedRate[];
	/** The given rates, else the invoice's, when `rates` is undefined. */
	ratesOr(rates: TaxRate[] | undefined, path: string): ParsedRate[];
	/** The taxDetails of `base`, booked as item taxes or as charge (+) / allowance (-) taxes. */
	apply(base: Decimal, rates: ParsedRate[], target: 'item' | 'charge' | 'allowance'): TaxDetails[];
	headerTaxDetails(): TaxDetails[];
	itemTaxTotal(): Decimal;
	/** Taxes on charges minus taxes on allowances. */
	chargeTaxTotal(): Decimal;
}

export function createTaxBook(
	currencyCode: string,
	taxes: TaxRate[] | undefined,
	bad: Bad,
): TaxBook {
	/** Item taxes per (type, rate): the header taxDetails. */
	const headerTaxes = new Map<string, TaxAccumulator>();
	let chargeTaxTotal = ZERO;
	const parseRates = (rates: TaxRate[] | undefined, path: string): ParsedRate[] => {
		if (rates !== undefined && !Array.isArray(rates)) {
			bad(`${path} must be a list of {taxType, taxRate} (got ${shown(rates)})`, path);
			return [];
		}
		const out: ParsedRate[] = [];
		(rates ?? []).forEach((r, i) => {
			const rate = dec(r?.taxRate);
			if (typeof r?.taxType !== 'string')
				bad(
					`${path}[${i}].taxType must be a tax type such as "VAT" (got ${shown(r?.taxType)})`,
					`${path}[${i}].taxType`,
				);
			else if (rate === undefined || isNegative(rate))
				bad(
					`${path}[${i}].taxRate must be a percentage such as "20" (got ${shown(r?.taxRate)})`,
					`${path}[${i}].taxRate`,
				);
			else out.push({ taxType: r.taxType, taxRate: s(rate), rate });
		});
		return out;
	};
	const book = (r: ParsedRate, base: Decimal, tax: Decimal) => {
		const key = `${r.taxType}|${r.taxRate}`;
		const acc = headerTaxes.get(key) ?? { ...r, taxable: ZERO, tax: ZERO };
		acc.taxable = add(acc.taxable, base);
		acc.tax = add(acc.tax, tax);
		headerTaxes.set(key, acc);
	};
	const invoiceRates = parseRates(taxes, 'taxes');
	return {
		invoiceRates,
		parseRates,
		ratesOr: (rates, path) => (rates !== undefined ? parseRates(rates, path) : invoiceRates),
		apply(base, rates, target) {
			return rates.map((r) => {
				const tax = taxOn(base, r.rate, currencyCode);
				if (target === 'charge') chargeTaxTotal = add(chargeTaxTotal, tax);
				else if (target === 'allowance') chargeTaxTotal = subtract(chargeTaxTotal, tax);
				else book(r, base, tax);
				return {
					taxType: r.taxType,
					taxRate: r.taxRate,
					taxAmount: moneyOf(currencyCode, tax),
					taxableAmount: moneyOf(currencyCode, base),
				};
			});
		},
		headerTaxDetails: () =>
			[...headerTaxes.values()].map((t) => ({
				taxType: t.taxType,
				taxRate: t.taxRate,
				taxAmount: moneyOf(currencyCode, t.tax),
				taxableAmount: moneyOf(currencyCode, t.taxable),
			})),
		itemTaxTotal: () => sum([...headerTaxes.values()].map((t) => t.tax)),
		chargeTaxTotal: () => chargeTaxTotal,
	};
}
