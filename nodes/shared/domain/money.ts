/**
 * Exact decimal money for the Selling Partner API.
 *
 * Amazon sends money as `Money { currencyCode, amount }` where `amount` is a `Decimal`: a string
 * matching `^-?(0|([1-9]\d*))(\.\d+)?([eE][+-]?\d+)?$` (so `"1.5E2"` is legal). Binary floating point
 * is never used here: a value is an integer number of units (`bigint`) and a scale (digits after the
 * point), so `"0.1" + "0.2"` is exactly `"0.3"`.
 *
 * Conventions:
 * - A {@link Decimal} keeps the scale it was written with: `"0.30"` stays `"0.30"`, `"1.5E2"` is
 *   `"150"`, `"2.5e-3"` is `"0.0025"`. `add`/`subtract` use the larger scale of the two, `multiply`
 *   the sum of the scales. Nothing is rounded unless you call {@link roundToMinorUnits} (or
 *   {@link formatMoney}, which rounds half up to the currency's minor units).
 * - JavaScript numbers are accepted only when they are safe integers; a fractional number such as
 *   `0.1` is never converted silently (pass the string `"0.1"`).
 * - A `Decimal` serialises to its plain string through `toJSON`/`toString`, so it is safe in n8n
 *   output items. `valueOf` throws, so `a + b`, `a < b` or `Number(a)` fail loudly instead of
 *   quietly working on floats or strings.
 *
 * Pure: no imports.
 */

const ZERO = BigInt(0);
const ONE = BigInt(1);
const TEN = BigInt(10);
const TWO = BigInt(2);

/** Largest accepted |exponent| in `"1.5E2"` notation and largest scale, to keep values bounded. */
export const MAX_DECIMAL_EXPONENT = 1000;

const MAX_SHOWN_LENGTH = 60;

/** Amazon's Decimal, plus a tolerated leading `+` and leading zeros (`"010.50"`). */
const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** A value that is not a valid decimal amount or currency code. */
export class MoneyFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MoneyFormatError';
	}
}

/** Two amounts in different currencies were combined. */
export class CurrencyMismatchError extends Error {
	constructor(
		readonly expected: string,
		readonly received: string,
		operation: string,
	) {
		super(`Cannot ${operation} money in different currencies: ${expected} and ${received}`);
		this.name = 'CurrencyMismatchError';
	}
}

function quote(value: unknown): string {
	if (typeof value === 'string') {
		const shown = value.length > MAX_SHOWN_LENGTH ? `${value.slice(0, MAX_SHOWN_LENGTH)}…` : value;
		return JSON.stringify(shown);
	}
	if (typeof value === 'number') return `the number ${String(value)}`;
	if (typeof value === 'bigint') return `${String(value)}n`;
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	return typeof value === 'object' ? 'an object' : typeof value;
}

const POWERS: bigint[] = [ONE];
function pow10(exponent: number): bigint {
	if (exponent < POWERS.length) return POWERS[exponent];
	let power = POWERS[POWERS.length - 1];
	for (let i = POWERS.length; i <= exponent; i++) {
		power *= TEN;
		if (i <= MAX_DECIMAL_EXPONENT * 2) POWERS.push(power);
	}
	return power;
}

/**
 * An exact decimal: `units × 10^-scale`. Immutable. Create with {@link parseDecimal}, or
 * `new Decimal(1999n, 2)` for 19.99.
 */
export class Decimal {
	readonly units: bigint;
	readonly scale: number;

	constructor(units: bigint, scale = 0) {
		if (typeof units !== 'bigint') throw new TypeError('Decimal units must be a bigint');
		if (!Number.isSafeInteger(scale) || scale < 0) {
			throw new RangeError(
				`Decimal scale must be a whole number of 0 or more (got ${String(scale)})`,
			);
		}
		this.units = units;
		this.scale = scale;
		Object.freeze(this);
	}

	/** The plain decimal string, e.g. `"-0.30"`; see {@link toDecimalString}. */
	toString(): string {
		return toDecimalString(this);
	}

	/** Serialises as the plain decimal string, so JSON output never meets a bigint. */
	toJSON(): string {
		return toDecimalString(this);
	}

	/** Refuses implicit conversion to a number or primitive (`a + b`, `a < b`, `Number(a)`). */
	valueOf(): never {
		throw new TypeError(
			'A Decimal cannot be converted to a number; use add, compare or toDecimalString instead',
		);
	}
}

/**
 * Parses an exact decimal. Accepts Amazon's Decimal strings (whitespace trimmed; a leading `+` and
 * leading zeros tolerated; exponent notation such as `"1.5E2"`), safe-integer numbers, bigints and
 * Decimals. Throws {@link MoneyFormatError} (quoting the value) for anything else, including
 * fractional numbers, `NaN`, `Infinity`, `"12,50"`, `""` and `"1.2.3"`.
 */
export function parseDecimal(value: string | number | bigint | Decimal): Decimal {
	if (value instanceof Decimal) return value;
	if (typeof value === 'bigint') return new Decimal(value, 0);
	if (typeof value === 'number') {
		if (Number.isSafeInteger(value)) return new Decimal(BigInt(value), 0);
		throw new MoneyFormatError(
			`Invalid decimal amount ${quote(value)}: only whole numbers up to 2^53 are ` +
				`exact as JavaScript numbers; pass the amount as a string such as "12.50"`,
		);
	}
	if (typeof value !== 'string') {
		throw new MoneyFormatError(
			`Invalid decimal amount ${quote(value)}: expected a string such as "12.50"`,
		);
	}
	const match = DECIMAL_PATTERN.exec(value.trim());
	if (!match) {
		throw new MoneyFormatError(
			`Invalid decimal amount ${quote(value)}: expected a decimal such as "12.50", "-3" or "1.5E2"`,
		);
	}
	const [, sign, integerDigits, fractionDigits = '', exponentText] = match;
	const exponent = exponentText === undefined ? 0 : Number(exponentText);
	let scale = fractionDigits.length - exponent;
	if (Math.abs(exponent) > MAX_DECIMAL_EXPONENT || scale > MAX_DECIMAL_EXPONENT) {
		throw new MoneyFormatError(
			`Invalid decimal amount ${quote(value)}: exponent or precision beyond ${MAX_DECIMAL_EXPONENT} digits`,
		);
	}
	let units = BigInt(integerDigits + fractionDigits);
	if (scale < 0) {
		units *= pow10(-scale);
		scale = 0;
	}
	return new Decimal(sign === '-' ? -units : units, scale);
}

/** `units` of `d` expressed at a larger or equal `scale`. */
function unitsAt(d: Decimal, scale: number): bigint {
	return d.scale === scale ? d.units : d.units * pow10(scale - d.scale);
}

/** Exact sum; the result has the larger scale of the two. */
export function add(a: Decimal, b: Decimal): Decimal {
	const scale = Math.max(a.scale, b.scale);
	return new Decimal(unitsAt(a, scale) + unitsAt(b, scale), scale);
}

/** Exact difference `a - b`; the result has the larger scale of the two. */
export function subtract(a: Decimal, b: Decimal): Decimal {
	const scale = Math.max(a.scale, b.scale);
	return new Decimal(unitsAt(a, scale) - unitsAt(b, scale), scale);
}

/**
 * Exact product. `quantity` is a whole number of eaches (a safe-integer number or a bigint) or a
 * Decimal (e.g. a weight); the result's scale is the sum of both scales (`"19.99" × 3` = `"59.97"`).
 */
export function multiply(d: Decimal, quantity: number | bigint | Decimal): Decimal {
	let factor: Decimal;
	if (quantity instanceof Decimal) factor = quantity;
	else if (typeof quantity === 'bigint') factor = new Decimal(quantity, 0);
	else if (typeof quantity === 'number' && Number.isSafeInteger(quantity)) {
		factor = new Decimal(BigInt(quantity), 0);
	} else {
		throw new MoneyFormatError(
			`Invalid quantity ${quote(quantity)}: expected a whole number of units, a bigint or a Decimal`,
		);
	}
	return new Decimal(d.units * factor.units, d.scale + factor.scale);
}

export function negate(d: Decimal): Decimal {
	return new Decimal(-d.units, d.scale);
}

export function abs(d: Decimal): Decimal {
	return d.units < ZERO ? negate(d) : d;
}

/** Numeric comparison, ignoring scale: `compare("0.30", "0.3")` is 0. */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
	const scale = Math.max(a.scale, b.scale);
	const left = unitsAt(a, scale);
	const right = unitsAt(b, scale);
	return left < right ? -1 : left > right ? 1 : 0;
}

/** Numeric equality, ignoring scale: `"0.30"` equals `"0.3"`. */
export function equals(a: Decimal, b: Decimal): boolean {
	return compare(a, b) === 0;
}

export function isZero(d: Decimal): boolean {
	return d.units === ZERO;
}

export function isNegative(d: Decimal): boolean {
	return d.units < ZERO;
}

/** Exact sum of a list; `0` (scale 0) for an empty list. */
export function sum(list: readonly Decimal[]): Decimal {
	return list.reduce<Decimal>((total, d) => add(total, d), new Decimal(ZERO, 0));
}

/** `halfUp`: ties away from zero (commercial rounding). `halfEven`: ties to the even digit (banker's). */
export type RoundingMode = 'halfUp' | 'halfEven';

/**
 * Rounds (or pads with zeros) to exactly `scale` digits after the point. Ties are broken by `mode`;
 * negative values round symmetrically (`-2.345` → `-2.35` half up).
 */
export function roundToScale(d: Decimal, scale: number, mode: RoundingMode = 'halfUp'): Decimal {
	if (!Number.isSafeInteger(scale) || scale < 0) {
		throw new RangeError(`Scale must be a whole number of 0 or more (got ${String(scale)})`);
	}
	if (mode !== 'halfUp' && mode !== 'halfEven') {
		throw new RangeError(`Unknown rounding mode ${quote(mode)}: expected "halfUp" or "halfEven"`);
	}
	if (d.scale <= scale) return new Decimal(unitsAt(d, scale), scale);
	const divisor = pow10(d.scale - scale);
	const quotient = d.units / divisor; // truncates toward zero
	const remainder = d.units % divisor; // same sign as units
	const twiceRemainder = (remainder < ZERO ? -remainder : remainder) * TWO;
	const roundAway =
		twiceRemainder > divisor ||
		(twiceRemainder === divisor && (mode === 'halfUp' || quotient % TWO !== ZERO));
	if (!roundAway) return new Decimal(quotient, scale);
	return new Decimal(d.units < ZERO ? quotient - ONE : quotient + ONE, scale);
}

/** ISO 4217 minor units that differ from the default of 2. */
const MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
	BIF: 0,
	CLP: 0,
	DJF: 0,
	GNF: 0,
	ISK: 0,
	JPY: 0,
	KMF: 0,
	KRW: 0,
	PYG: 0,
	RWF: 0,
	UGX: 0,
	UYI: 0,
	VND: 0,
	VUV: 0,
	XAF: 0,
	XOF: 0,
	XPF: 0,
	BHD: 3,
	IQD: 3,
	JOD: 3,
	KWD: 3,
	LYD: 3,
	OMR: 3,
	TND: 3,
	CLF: 4,
	UYW: 4,
});

/**
 * Trims and upper-cases a currency code and checks it is three letters (ISO 4217 shape);
 * throws {@link MoneyFormatError} otherwise. Unknown but well-formed codes are accepted.
 */
export function normalizeCurrencyCode(currencyCode: string): string {
	const code = typeof currencyCode === 'string' ? currencyCode.trim().toUpperCase() : '';
	if (!CURRENCY_PATTERN.test(code)) {
		throw new MoneyFormatError(
			`Invalid currency code ${quote(currencyCode)}: expected three letters (ISO 4217) such as "USD"`,
		);
	}
	return code;
}

/** Digits after the point for a currency per ISO 4217: 2 unless listed (JPY 0, KWD 3, …). */
export function minorUnits(currencyCode: string): number {
	const code = normalizeCurrencyCode(currencyCode);
	return Object.prototype.hasOwnProperty.call(MINOR_UNITS, code) ? MINOR_UNITS[code] : 2;
}

/** Rounds (or pads) to the currency's minor units: `2.345` USD → `2.35` (halfUp) / `2.34` (halfEven). */
export function roundToMinorUnits(
	d: Decimal,
	currencyCode: string,
	mode: RoundingMode = 'halfUp',
): Decimal {
	return roundToScale(d, minorUnits(currencyCode), mode);
}

/**
 * The canonical plain string: no exponent, no `+`, no leading zeros, and exactly the value's scale
 * (`"0.30"` stays `"0.30"`, `"1.5E2"` gives `"150"`). Zero is never written `"-0"`.
 */
export function toDecimalString(d: Decimal): string {
	const negative = d.units < ZERO;
	const digits = (negative ? -d.units : d.units).toString();
	let text = digits;
	if (d.scale > 0) {
		const padded = digits.padStart(d.scale + 1, '0');
		const point = padded.length - d.scale;
		text = `${padded.slice(0, point)}.${padded.slice(point)}`;
	}
	return negative ? `-${text}` : text;
}

/** The amount rounded half up and padded to the currency's minor units: `"12.50"`, `"1000"` (JPY), `"1.235"` (KWD). */
export function formatMoney(d: Decimal, currencyCode: string): string {
	return toDecimalString(roundToMinorUnits(d, currencyCode, 'halfUp'));
}

/** Money with a normalized currency code and an exact amount. */
export interface Money {
	readonly currencyCode: string;
	readonly amount: Decimal;
}

/**
 * Parses Amazon's `Money` (or any `{ currencyCode, amount }`): the code is trimmed and upper-cased
 * and must be three letters; the amount follows {@link parseDecimal}.
 */
export function parseMoney(value: {
	currencyCode: string;
	amount: string | number | bigint | Decimal;
}): Money {
	if (value === null || typeof value !== 'object') {
		throw new MoneyFormatError(
			`Invalid money ${quote(value)}: expected an object with currencyCode and amount`,
		);
	}
	return Object.freeze({
		currencyCode: normalizeCurrencyCode(value.currencyCode),
		amount: parseDecimal(value.amount),
	});
}

function sameCurrency(a: Money, b: Money, operation: string): string {
	if (a.currencyCode !== b.currencyCode) {
		throw new CurrencyMismatchError(a.currencyCode, b.currencyCode, operation);
	}
	return a.currencyCode;
}

/** Exact sum of two amounts in the same currency; throws {@link CurrencyMismatchError} otherwise. */
export function addMoney(a: Money, b: Money): Money {
	return Object.freeze({
		currencyCode: sameCurrency(a, b, 'add'),
		amount: add(a.amount, b.amount),
	});
}

/** Exact difference `a - b` in the same currency; throws {@link CurrencyMismatchError} otherwise. */
export function subtractMoney(a: Money, b: Money): Money {
	return Object.freeze({
		currencyCode: sameCurrency(a, b, 'subtract'),
		amount: subtract(a.amount, b.amount),
	});
}

/** Exact `money × quantity` (see {@link multiply}). */
export function multiplyMoney(money: Money, quantity: number | bigint | Decimal): Money {
	return Object.freeze({
		currencyCode: money.currencyCode,
		amount: multiply(money.amount, quantity),
	});
}

/**
 * Exact sum of amounts that must all share one currency (throws {@link CurrencyMismatchError}).
 * Pass `currencyCode` to require that currency and to get a zero for an empty list; without it an
 * empty list throws {@link MoneyFormatError}.
 */
export function sumMoney(list: readonly Money[], currencyCode?: string): Money {
	const code =
		currencyCode === undefined ? list[0]?.currencyCode : normalizeCurrencyCode(currencyCode);
	if (code === undefined) {
		throw new MoneyFormatError('Cannot sum an empty list of money without a currency code');
	}
	let total: Money = Object.freeze({ currencyCode: code, amount: new Decimal(ZERO, 0) });
	for (const money of list) total = addMoney(total, money);
	return total;
}
