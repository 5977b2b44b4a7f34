/**
 * Amounts as remittance sources write them, read exactly into money.ts Decimals, and written back
 * for journals. Never through a binary float.
 *
 * - {@link parseAmountText}: spreadsheet text (`1,234.56`, `(12.00)`, `$(12.00)`, `-12.00`, `12.00-`,
 *   `$1,234.56`, `USD 12.00`, `1.234,56` with a comma decimal separator). Thousands separators must
 *   group by three (`12,50` is refused with `.` as the decimal separator rather than read as 1250).
 *   Parentheses and a minus sign together (`(-12.00)`) are refused, not read as a double negative.
 *   {@link readAmountText} also gives the currency codes and symbols written with the number, so
 *   that a reader can refuse `EUR 12.00` in a USD row ({@link foreignCurrencyMark}).
 * - {@link decimalFromJsonNumber}: the Finances API sends `currencyAmount` as a JSON **number**. The
 *   number is converted through its shortest round-trip string (`String(2100.84)` is `"2100.84"`,
 *   the decimal the sender most likely wrote), never through arithmetic. If that string has more
 *   fraction digits than the currency has minor units (`0.30000000000000004`, a float artefact on
 *   the sender's side), it is rounded half up to the minor units and the caller gets a warning;
 *   with fewer digits it is padded (`2500` -> `2500.00` USD), so amounts read the same as Amazon's
 *   Decimal strings elsewhere.
 * - {@link formatAmount}: the plain decimal string padded to the currency's minor units, **never
 *   rounded** (a value with more digits keeps them), so journal lines still add up exactly.
 *
 * Pure: no n8n imports.
 */
import {
	Decimal,
	MoneyFormatError,
	minorUnits,
	parseDecimal,
	roundToScale,
	toDecimalString,
} from '../money';
import { shown } from '../values';

const CODE_0 = 48;
const CODE_9 = 57;
const CODE_DOT = 46;
const CODE_COMMA = 44;
const CODE_MINUS = 45;
const CODE_OPEN = 40;
const CODE_CLOSE = 41;

/** Largest digit count accumulated in a JS number before switching to BigInt parsing (exact below 2^53). */
const FAST_DIGITS = 15;

/**
 * Fast exact parse of the common shapes, without regular expressions: `-?digits(.digits)?`, and,
 * when `groupCode` is given, digits grouped by three (`1,234.56`) and `(12.00)` negatives.
 * `undefined` for any other shape, so the caller can fall back to the general parser (which also
 * produces the error messages).
 */
export function parsePlainDecimal(
	text: string,
	groupCode = -1,
	decimalCode = CODE_DOT,
): Decimal | undefined {
	let end = text.length;
	if (end === 0) return undefined;
	let index = 0;
	let negative = false;
	const first = text.charCodeAt(0);
	if (first === CODE_MINUS) {
		negative = true;
		index = 1;
	} else if (first === CODE_OPEN && groupCode !== -1) {
		if (text.charCodeAt(end - 1) !== CODE_CLOSE) return undefined;
		negative = true;
		index = 1;
		end--;
	}
	let value = 0;
	let digits = 0;
	let scale = 0;
	let seenDot = false;
	let grouped = false;
	let run = 0; // digits since the start or the last group separator
	for (; index < end; index++) {
		const code = text.charCodeAt(index);
		if (code >= CODE_0 && code <= CODE_9) {
			value = value * 10 + (code - CODE_0);
			digits++;
			run++;
			if (seenDot) scale++;
		} else if (code === decimalCode && !seenDot && digits > 0) {
			if (grouped && run !== 3) return undefined;
			seenDot = true;
		} else if (code === groupCode && !seenDot && run > 0 && (grouped ? run === 3 : run <= 3)) {
			grouped = true;
			run = 0;
		} else {
			return undefined;
		}
	}
	if (digits === 0 || (seenDot && scale === 0)) return undefined;
	if (grouped && !seenDot && run !== 3) return undefined;
	if (digits > FAST_DIGITS) return undefined;
	const units = BigInt(value);
	return new Decimal(negative ? -units : units, scale);
}

const LEADING_MARKS = /^(?:([A-Za-z]{3})\s*)?([$€£¥])?\s*/;
const TRAILING_MARKS = /\s*([$€£¥])?(?:\s*([A-Za-z]{3}))?$/;
const GROUPED_DOT = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const GROUPED_COMMA = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const GROUPED_SPACE = /^\d{1,3}(?:[ \u00a0\u202f']\d{3})+(?:[.,]\d+)?$/;
const PLAIN_DOT = /^\d+(?:\.\d+)?$/;
const PLAIN_COMMA = /^\d+(?:,\d+)?$/;

export type DecimalSeparator = '.' | ',';

/** An amount as written for people, with the currency marks it names (`USD`, `$`), if any. */
export interface AmountText {
	amount: Decimal;
	/** Currency codes (upper case) and symbols written next to the number, in order. */
	currencies: string[];
}

/** Removes currency codes and symbols from both ends of `text`, collecting them into `marks`. */
function stripCurrencyMarks(text: string, marks: string[]): string {
	const leading = LEADING_MARKS.exec(text);
	let rest = text;
	if (leading && leading[0] !== '') {
		for (const mark of [leading[1], leading[2]]) if (mark) marks.push(mark.toUpperCase());
		rest = rest.slice(leading[0].length);
	}
	const trailing = TRAILING_MARKS.exec(rest);
	if (trailing && trailing[0] !== '') {
		for (const mark of [trailing[1], trailing[2]]) if (mark) marks.push(mark.toUpperCase());
		rest = rest.slice(0, rest.length - trailing[0].length);
	}
	return rest.trim();
}

/** The digits of an amount in canonical form (`1234.56`), or undefined when they are not one. */
function canonicalDigits(text: string, decimalSeparator: DecimalSeparator): string | undefined {
	if (decimalSeparator === '.') {
		if (PLAIN_DOT.test(text)) return text;
		if (GROUPED_DOT.test(text)) return text.replace(/,/g, '');
		if (GROUPED_SPACE.test(text) && !text.includes(','))
			return text.replace(/[ \u00a0\u202f']/g, '');
		return undefined;
	}
	if (PLAIN_COMMA.test(text)) return text.replace(',', '.');
	if (GROUPED_COMMA.test(text)) return text.replace(/\./g, '').replace(',', '.');
	if (GROUPED_SPACE.test(text) && !text.includes('.'))
		return text.replace(/[ \u00a0\u202f']/g, '').replace(',', '.');
	return undefined;
}

function notAnAmount(raw: string, decimalSeparator: DecimalSeparator, why = ''): never {
	const examples =
		decimalSeparator === '.'
			? '"1,234.56", "-12.00" or "(12.00)"'
			: '"1.234,56", "-12,00" or "(12,00)"';
	throw new MoneyFormatError(`"${raw}" is not an amount${why} (expected e.g. ${examples})`);
}

/**
 * The sign of an amount: accounting parentheses `(12.00)` (also with a currency outside them,
 * `$(12.00)`, `USD (12.00)`), a leading `-`/`+` or a trailing `-`. Parentheses and a minus sign
 * together are refused rather than read as a double negative.
 */
function readSign(
	raw: string,
	text: string,
	marks: string[],
	decimalSeparator: DecimalSeparator,
): { negative: boolean; rest: string } {
	let rest = text;
	let parenthesised = false;
	if (rest.startsWith('(') && rest.endsWith(')')) {
		parenthesised = true;
		rest = stripCurrencyMarks(rest.slice(1, -1).trim(), marks);
	}
	let negative = parenthesised;
	const signed = /^[-+]/.test(rest) || /-$/.test(rest);
	if (signed && parenthesised)
		notAnAmount(raw, decimalSeparator, ': it has both parentheses and a sign');
	if (rest.startsWith('-') || rest.startsWith('+')) {
		negative = rest.startsWith('-');
		rest = rest.slice(1).trim();
	} else if (rest.endsWith('-')) {
		negative = true;
		rest = rest.slice(0, -1).trim();
	}
	return { negative, rest: stripCurrencyMarks(rest, marks) };
}

/**
 * Reads an amount written for people, keeping the currency codes and symbols written with it.
 * Returns `undefined` for an empty cell; throws {@link MoneyFormatError} (quoting the text) for
 * anything it cannot read exactly.
 */
export function readAmountText(
	raw: string,
	decimalSeparator: DecimalSeparator = '.',
): AmountText | undefined {
	if (typeof raw !== 'string') throw new MoneyFormatError(`${shown(raw)} is not text`);
	const fast =
		decimalSeparator === '.'
			? parsePlainDecimal(raw, CODE_COMMA, CODE_DOT)
			: parsePlainDecimal(raw, CODE_DOT, CODE_COMMA);
	if (fast !== undefined) return { amount: fast, currencies: [] };
	const trimmed = raw.trim();
	if (trimmed === '') return undefined;
	const currencies: string[] = [];
	const outer = stripCurrencyMarks(trimmed, currencies);
	const { negative, rest } = readSign(raw, outer, currencies, decimalSeparator);
	const canonical = canonicalDigits(rest, decimalSeparator) ?? notAnAmount(raw, decimalSeparator);
	const value = parseDecimal(canonical);
	return { amount: negative ? new Decimal(-value.units, value.scale) : value, currencies };
}

/**
 * Reads an amount written for people. Returns `undefined` for an empty cell; throws
 * {@link MoneyFormatError} (quoting the text) for anything it cannot read exactly.
 */
export function parseAmountText(
	raw: string,
	decimalSeparator: DecimalSeparator = '.',
): Decimal | undefined {
	return readAmountText(raw, decimalSeparator)?.amount;
}

const SYMBOL_CURRENCIES: Readonly<Record<string, readonly string[]>> = Object.freeze({
	'€': ['EUR'],
	'£': ['GBP'],
	'¥': ['JPY', 'CNY'],
	$: ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'TWD', 'BRL', 'ARS', 'CLP', 'COP'],
});

/** The first currency mark (code or symbol) that does not name `currency`, if any. */
export function foreignCurrencyMark(
	marks: readonly string[],
	currency: string,
): string | undefined {
	return marks.find((mark) => {
		const symbol = SYMBOL_CURRENCIES[mark];
		return symbol === undefined ? mark !== currency : !symbol.includes(currency);
	});
}

/**
 * A Finances API `currencyAmount` (a JSON number; a numeric string is accepted too) as an exact
 * Decimal, through its shortest string form. Returns the Decimal and, when the value had more
 * fraction digits than the currency allows and was rounded, a warning text.
 */
export function decimalFromJsonNumber(
	value: unknown,
	currencyCode: string,
): { amount: Decimal; warning?: string } {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) {
			throw new MoneyFormatError(`Invalid amount ${value}: not a finite number`);
		}
		text = String(value); // shortest round-trip form, e.g. 2100.84 -> "2100.84", 1e21 -> "1e+21"
	} else if (typeof value === 'string') {
		text = value;
	} else {
		throw new MoneyFormatError(
			`Invalid amount ${value === null ? 'null' : typeof value}: expected a number`,
		);
	}
	const amount = parseDecimal(text);
	const scale = minorUnits(currencyCode);
	if (amount.scale < scale) return { amount: roundToScale(amount, scale) }; // pads: 2500 -> 2500.00
	if (amount.scale === scale) return { amount };
	const rounded = roundToScale(amount, scale, 'halfUp');
	const roundedText = toDecimalString(rounded);
	const plain = toDecimalString(amount);
	// Trailing zeros beyond the minor units ("12.500") are not a rounding.
	if (rounded.units * BigInt(10) ** BigInt(amount.scale - scale) === amount.units) {
		return { amount: rounded };
	}
	return {
		amount: rounded,
		warning:
			`${plain} ${currencyCode} has more digits than the currency's ${scale} minor ` +
			`units; rounded half up to ${roundedText}`,
	};
}

const minorUnitsCache = new Map<string, number>();
function cachedMinorUnits(currencyCode: string): number {
	let scale = minorUnitsCache.get(currencyCode);
	if (scale === undefined) {
		scale = minorUnits(currencyCode);
		if (minorUnitsCache.size < 1000) minorUnitsCache.set(currencyCode, scale);
	}
	return scale;
}

const POWERS: bigint[] = [BigInt(1)];
function pow10(exponent: number): bigint {
	while (POWERS.length <= exponent) POWERS.push(POWERS[POWERS.length - 1] * BigInt(10));
	return POWERS[exponent];
}

/** Plain decimal string padded (never rounded) to the currency's minor units: `5` -> `"5.00"`. */
export function formatAmount(amount: Decimal, currencyCode: string): string {
	const scale = cachedMinorUnits(currencyCode);
	if (amount.scale >= scale) return toDecimalString(amount);
	return toDecimalString(new Decimal(amount.units * pow10(scale - amount.scale), scale));
}

/**
 * An exact running total (mutable, for hot loops): adds Decimals without allocating a Decimal per
 * step; the scale is the largest seen. `value()` gives the Decimal.
 */
export class DecimalAccumulator {
	private units = BigInt(0);
	private scale = 0;

	add(amount: Decimal): this {
		if (amount.scale === this.scale) this.units += amount.units;
		else if (amount.scale > this.scale) {
			this.units = this.units * pow10(amount.scale - this.scale) + amount.units;
			this.scale = amount.scale;
		} else this.units += amount.units * pow10(this.scale - amount.scale);
		return this;
	}

	subtract(amount: Decimal): this {
		return this.add(new Decimal(-amount.units, amount.scale));
	}

	value(): Decimal {
		return new Decimal(this.units, this.scale);
	}
}

/** The zero Decimal. */
export const ZERO_AMOUNT = new Decimal(BigInt(0), 0);
