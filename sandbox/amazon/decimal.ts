/**
 * Exact decimal arithmetic for money in the simulator's rules (invoice totals, remittance sums).
 * A value is an integer number of units (bigint) and a scale (digits after the point), so
 * "19.99" is { units: 1999n, scale: 2 }. Never goes through JS floating point.
 *
 * BigInt() calls instead of bigint literals keep this compilable for any target.
 *
 * The simulator keeps its own implementation on purpose (the package's is nodes/shared/domain/money.ts): it
 * checks what the package sends, so it must not share the package's code and its mistakes.
 */

export interface Dec {
	readonly units: bigint;
	readonly scale: number;
}

const ZERO_BI = BigInt(0);
const TEN_BI = BigInt(10);

/** Amazon's Decimal pattern, plus an optional leading "+" and leading zeros (lenient). */
const DECIMAL_RE = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
const MAX_EXPONENT = 100;

function pow10(n: number): bigint {
	let r = BigInt(1);
	for (let i = 0; i < n; i++) r *= TEN_BI;
	return r;
}

/** Parses a decimal string ("12", "-0.50", "1e2", "1.5E-3"); undefined when it is not one. */
export function parseDecimal(text: unknown): Dec | undefined {
	if (typeof text === 'number') {
		if (!Number.isFinite(text)) return undefined;
		// Numbers only reach here from lenient seeds; their shortest round-trip form is exact enough.
		return parseDecimal(String(text));
	}
	if (typeof text !== 'string') return undefined;
	const m = DECIMAL_RE.exec(text.trim());
	if (!m) return undefined;
	const [, sign, intPart, fracPart = '', expPart] = m;
	const exp = expPart ? Number(expPart) : 0;
	if (!Number.isInteger(exp) || Math.abs(exp) > MAX_EXPONENT) return undefined;
	let units = BigInt(intPart + fracPart);
	if (sign === '-') units = -units;
	let scale = fracPart.length - exp;
	if (scale < 0) {
		units *= pow10(-scale);
		scale = 0;
	}
	return { units, scale };
}

/** Like parseDecimal, but throws on bad input (for values already validated). */
export function dec(text: string | number): Dec {
	const d = parseDecimal(text);
	if (!d) throw new Error(`Not a decimal number: ${String(text)}`);
	return d;
}

export function decFromInt(n: number | bigint): Dec {
	if (typeof n === 'number' && !Number.isSafeInteger(n))
		throw new Error(`Not a safe integer: ${n}`);
	return { units: BigInt(n), scale: 0 };
}

export const ZERO: Dec = { units: ZERO_BI, scale: 0 };

function rescale(d: Dec, scale: number): bigint {
	return scale === d.scale ? d.units : d.units * pow10(scale - d.scale);
}

export function add(a: Dec, b: Dec): Dec {
	const scale = Math.max(a.scale, b.scale);
	return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function sub(a: Dec, b: Dec): Dec {
	return add(a, neg(b));
}

export function neg(a: Dec): Dec {
	return { units: -a.units, scale: a.scale };
}

export function mul(a: Dec, b: Dec): Dec {
	return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function sum(values: Dec[]): Dec {
	return values.reduce(add, ZERO);
}

/** -1, 0 or 1. */
export function cmp(a: Dec, b: Dec): number {
	const scale = Math.max(a.scale, b.scale);
	const x = rescale(a, scale);
	const y = rescale(b, scale);
	return x < y ? -1 : x > y ? 1 : 0;
}

/** Numeric equality ("20" equals "20.00"). */
export function eq(a: Dec, b: Dec): boolean {
	return cmp(a, b) === 0;
}

export function sign(a: Dec): number {
	return a.units < ZERO_BI ? -1 : a.units > ZERO_BI ? 1 : 0;
}

export function isZero(a: Dec): boolean {
	return a.units === ZERO_BI;
}

export function abs(a: Dec): Dec {
	return a.units < ZERO_BI ? neg(a) : a;
}

/** Drops trailing zeros after the point. */
export function normalize(a: Dec): Dec {
	let { units, scale } = a;
	while (scale > 0 && units % TEN_BI === ZERO_BI) {
		units /= TEN_BI;
		scale--;
	}
	return { units, scale };
}

/**
 * Plain decimal string with at least `minScale` digits after the point ("60.02", "-3.50"); never
 * uses an exponent and never rounds.
 */
export function formatDecimal(a: Dec, minScale = 0): string {
	const n = normalize(a);
	const scale = Math.max(n.scale, minScale);
	const units = rescale(n, scale);
	const negative = units < ZERO_BI;
	let digits = (negative ? -units : units).toString();
	if (scale > 0) {
		digits = digits.padStart(scale + 1, '0');
		digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
	}
	return negative ? `-${digits}` : digits;
}

/** A JS number for APIs whose model declares a JSON number (may lose precision beyond ~15 digits). */
export function toNumber(a: Dec): number {
	return Number(formatDecimal(a));
}
