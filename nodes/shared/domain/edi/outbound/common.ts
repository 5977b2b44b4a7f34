/**
 * What the outbound writers (855, 856, 810, 846) share: reading a value of the node output into an
 * X12 element, with an InvalidInputError naming the field path of the input for anything that
 * cannot be written (missing, too long, holding a separator, not a decimal, not a date). Every
 * check runs while the segments are built, so a bad value stops the document before a byte of it
 * is written.
 *
 * The interchange is always written with Amazon's separators (writer.ts DEFAULT_SEPARATORS: `*`
 * element, `>` component, `~` segment, and `^` repetition in 5010), so a value holding any of them,
 * or a line break, is refused here.
 *
 * Pure: no n8n imports.
 */
import { InvalidInputError } from '../../inputError';
import { compare, multiply, parseDecimal, toDecimalString, type Decimal } from '../../money';
import { shown } from '../../values';

/** Characters that may not appear in a value: Amazon's separators and line breaks. */
const RESERVED = /[*>~^\r\n]/;

export function fail(path: string, message: string): never {
	throw new InvalidInputError(`${path} ${message}`, path);
}

/** A text element: trimmed, 1 to `max` characters, no separator. */
export function text(value: unknown, path: string, max: number, min = 1): string {
	if (typeof value !== 'string' && typeof value !== 'number')
		fail(path, `is required (got ${shown(value)})`);
	const s = String(value).trim();
	if (s.length < min || s.length > max)
		fail(path, `must be ${min} to ${max} characters (got ${shown(s)}, ${s.length})`);
	const reserved = RESERVED.exec(s);
	if (reserved)
		fail(path, `${shown(s)} holds ${JSON.stringify(reserved[0])}, a separator of the interchange`);
	return s;
}

/** Like {@link text}, but undefined (or blank) gives undefined. */
export function optionalText(value: unknown, path: string, max: number): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return text(value, path, max);
}

/** A whole number of `min` or more. */
export function wholeNumber(value: unknown, path: string, min = 0): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
		fail(path, `must be a whole number of ${min} or more (got ${shown(value)})`);
	return value;
}

function decimalOf(value: unknown, path: string): Decimal {
	if (typeof value !== 'string' && typeof value !== 'number')
		fail(path, `must be a decimal string such as "12.50" (got ${shown(value)})`);
	try {
		return parseDecimal(value);
	} catch (error) {
		return fail(path, `is not a decimal: ${(error as Error).message}`);
	}
}

/** X12 counts the digits of a numeric element without its sign and decimal point. */
function withinDigits(plain: string, path: string, maxDigits: number): string {
	const digits = plain.replace(/[-.]/g, '').length;
	if (digits > maxDigits)
		fail(path, `${plain} has ${digits} digits; the X12 element takes at most ${maxDigits}`);
	return plain;
}

/**
 * An X12 R (decimal) element from a decimal string: plain digits, never a binary float, at most
 * `maxDigits` digits (15 unless the element is narrower).
 */
export function decimalText(value: unknown, path: string, maxDigits = 15): string {
	return withinDigits(toDecimalString(decimalOf(value, path)), path, maxDigits);
}

/** A decimal that must not be below 0. */
export function nonNegativeDecimal(value: unknown, path: string, maxDigits = 15): string {
	const d = decimalOf(value, path);
	if (d.units < BigInt(0)) fail(path, `must not be below 0 (got ${shown(value)})`);
	return withinDigits(toDecimalString(d), path, maxDigits);
}

/**
 * An X12 N2 element (two implied decimals) from a decimal string: `"260.00"` -> `"26000"`. A value
 * with more than two decimals that are not zeros cannot be written and is refused.
 */
export function impliedCents(value: unknown, path: string, maxDigits = 15): string {
	const cents = multiply(decimalOf(value, path), 100);
	const scale = BigInt(10) ** BigInt(cents.scale);
	if (cents.units % scale !== BigInt(0))
		fail(path, `${shown(value)} has more than two decimals: X12 N2 carries cents only`);
	return withinDigits((cents.units / scale).toString(), path, maxDigits);
}

/** True when the decimal string `a` equals `b` exactly. */
export function sameDecimal(a: string, b: string): boolean {
	return compare(parseDecimal(a), parseDecimal(b)) === 0;
}

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/**
 * CCYYMMDD of an ISO 8601 date or date-time, as it is written (the calendar date of the sender's
 * own offset, not converted): `2026-03-12T09:00:00-08:00` is 20260312.
 */
export function x12Date(value: unknown, path: string): string {
	const match = typeof value === 'string' ? DATE_PREFIX.exec(value.trim()) : null;
	if (!match || Number.isNaN(Date.parse(value as string)))
		fail(path, `must be an ISO 8601 date or date-time (got ${shown(value)})`);
	return `${match[1]}${match[2]}${match[3]}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** CCYYMMDD and HHMM of an ISO 8601 date-time in UTC (written with time code `UT`). */
export function utcDateTime(value: unknown, path: string): { date: string; time: string } {
	const ms = typeof value === 'string' && DATE_PREFIX.test(value.trim()) ? Date.parse(value) : NaN;
	if (Number.isNaN(ms)) fail(path, `must be an ISO 8601 date-time (got ${shown(value)})`);
	const d = new Date(ms);
	return {
		date: `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`,
		time: `${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}`,
	};
}

/** X12 unit of measure (element 355) of Amazon's quantity units. */
export const QUANTITY_UNITS = { Cases: 'CA', Eaches: 'EA' } as const;

export function quantityUnit(value: unknown, path: string): 'CA' | 'EA' {
	if (value !== 'Cases' && value !== 'Eaches')
		fail(path, `must be Cases or Eaches (got ${shown(value)})`);
	return QUANTITY_UNITS[value];
}

/**
 * Amazon's weight-priced lines (a net cost per pound or kilogram) are refused: the Stedi guides
 * read for these writers show no way to state a weight price basis, so such a document goes
 * through the SP-API instead.
 */
export function refuseWeightPrice(unit: unknown, path: string): void {
	if (unit !== undefined)
		fail(
			path,
			`is ${shown(unit)}: a line priced by weight cannot be written as EDI here; ` +
				'send this document through the SP-API',
		);
}

/** A product identifier pair of the X12 element 235 (qualifier) and 234 (value). */
export interface EdiProductId {
	/** `BP` buyer's part number (ASIN), `VN` vendor's item number, `UP`, `EN`, `UK`, `IB`, `VP`. */
	qualifier: string;
	value: string;
}

/** The qualifiers of Stedi's Amazon 855 guide (PO106), which the 850 carries too. */
export const PRODUCT_QUALIFIERS = ['BP', 'EN', 'IB', 'UK', 'UP', 'VN', 'VP'] as const;

/** Product identifiers are 1 to 48 characters (X12 element 234). */
export const PRODUCT_ID_MAX = 48;

export interface ProductIdSource {
	ediProduct?: unknown;
	amazonProductIdentifier?: unknown;
	vendorProductIdentifier?: unknown;
}

function ediProductOf(value: unknown, path: string): EdiProductId {
	const pair = (value ?? {}) as Record<string, unknown>;
	const qualifier = text(pair.qualifier, `${path}.qualifier`, 2, 2);
	if (!(PRODUCT_QUALIFIERS as readonly string[]).includes(qualifier))
		fail(
			`${path}.qualifier`,
			`must be one of ${PRODUCT_QUALIFIERS.join(', ')} (got ${shown(qualifier)})`,
		);
	return { qualifier, value: text(pair.value, `${path}.value`, PRODUCT_ID_MAX) };
}

/**
 * The product identifier of a line: the 850's own pair (`ediProduct`) when the line came from an
 * 850, else the ASIN as `BP`, else the vendor product identifier as `VN`.
 */
export function productIdOf(source: ProductIdSource, path: string): EdiProductId {
	if (source.ediProduct !== undefined) return ediProductOf(source.ediProduct, `${path}.ediProduct`);
	const asin = optionalText(
		source.amazonProductIdentifier,
		`${path}.amazonProductIdentifier`,
		PRODUCT_ID_MAX,
	);
	if (asin !== undefined) return { qualifier: 'BP', value: asin };
	const vendor = optionalText(
		source.vendorProductIdentifier,
		`${path}.vendorProductIdentifier`,
		PRODUCT_ID_MAX,
	);
	if (vendor !== undefined) return { qualifier: 'VN', value: vendor };
	return fail(
		path,
		'has no product identifier (ediProduct, amazonProductIdentifier or vendorProductIdentifier)',
	);
}

/**
 * The identifiers of a line as up to two pairs: the ASIN as `BP` and the vendor product identifier
 * as `VN` (LIN and IT1 carry both); at least one is required.
 */
export function productIdPairs(source: ProductIdSource, path: string): string[] {
	const asin = optionalText(
		source.amazonProductIdentifier,
		`${path}.amazonProductIdentifier`,
		PRODUCT_ID_MAX,
	);
	const vendor = optionalText(
		source.vendorProductIdentifier,
		`${path}.vendorProductIdentifier`,
		PRODUCT_ID_MAX,
	);
	const out: string[] = [];
	if (asin !== undefined) out.push('BP', asin);
	if (vendor !== undefined) out.push('VN', vendor);
	if (!out.length)
		fail(path, 'has no product identifier (amazonProductIdentifier or vendorProductIdentifier)');
	return out;
}

/** `table[key]` when `key` is one of the table's own keys (never an inherited `__proto__`...). */
export function own<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
	return typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key)
		? table[key]
		: undefined;
}

/** An object, or the named error. */
export function objectAt(value: unknown, path: string): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		fail(path, `must be an object (got ${shown(value)})`);
	return value as Record<string, unknown>;
}

/** A non-empty list, or the named error. */
export function listAt(value: unknown, path: string, allowEmpty = false): unknown[] {
	if (!Array.isArray(value)) fail(path, `must be a list (got ${shown(value)})`);
	if (!allowEmpty && value.length === 0) fail(path, 'must not be empty');
	return value;
}
