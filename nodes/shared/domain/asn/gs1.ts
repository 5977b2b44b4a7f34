/**
 * GS1 identifiers for carton and pallet labels: the mod-10 check digit (GTIN-8/12/13/14, GLN,
 * SSCC), the SSCC-18 and the forms Amazon and label printers want. Pure: no n8n imports.
 *
 * SSCC-18 (GS1 application identifier `00`): extension digit (0-9) + GS1 company prefix (7 to 10
 * digits) + serial reference (16 - prefix length digits, i.e. 6 to 9) + check digit.
 * - Amazon's ASN carries it as `containerIdentificationType: "SSCC"` with the number written as
 *   `"00"` + the 18 digits (20 characters), following Amazon's examples and its "add a '00'"
 *   instruction: {@link toAmazonSscc}.
 * - The barcode is GS1-128 with the element string `(00)` + 18 digits: {@link gs1128DataString}.
 * - The human-readable line is `(00) 1 0614141 192837465 7` when the company prefix length is
 *   known, else `(00) 106141411928374657`: {@link formatSsccHumanReadable}.
 * - A serial must not be reused for 12 months (Amazon: 365 days). Nothing here keeps a counter:
 *   the caller supplies serials (see SsccOptions in types.ts for why).
 *
 * Check digit: from the rightmost data digit leftwards, weights 3, 1, 3, 1...; check =
 * (10 - sum mod 10) mod 10.
 */

import { InvalidInputError } from '../inputError';

const DIGITS = /^\d+$/;

/** Thrown for malformed input to the builders (not for validation, which returns a result). */
export class Gs1FormatError extends InvalidInputError {
	constructor(message: string, path?: string) {
		super(message, path);
		this.name = 'Gs1FormatError';
	}
}

/** The GS1 mod-10 check digit of the data digits (everything except the check digit). */
export function gs1CheckDigit(data: string): number {
	if (typeof data !== 'string' || !DIGITS.test(data))
		throw new Gs1FormatError(
			`A GS1 check digit needs digits only (got ${JSON.stringify(data)})`,
			'data',
		);
	let total = 0;
	let weight = 3;
	for (let i = data.length - 1; i >= 0; i--) {
		total += (data.charCodeAt(i) - 48) * weight;
		weight = weight === 3 ? 1 : 3;
	}
	return (10 - (total % 10)) % 10;
}

/** True when `code` is digits only (of `length` if given) and ends with its correct check digit. */
export function hasValidGs1CheckDigit(code: string, length?: number): boolean {
	if (typeof code !== 'string' || code.length < 2 || !DIGITS.test(code)) return false;
	if (length !== undefined && code.length !== length) return false;
	return gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** An 18-digit SSCC with a correct check digit. */
export function isValidSscc18(sscc: string): boolean {
	return hasValidGs1CheckDigit(sscc, 18);
}

export type SsccParseResult = { ok: true; sscc: string } | { ok: false; problem: string };

/**
 * Reads an SSCC as warehouses write it and checks it: 18 digits, `"00"` + 18 digits (Amazon's
 * form), or the human-readable / bracketed forms (`(00) 1 0614141 192837465 7`,
 * `(00)106141411928374657`). Spaces, dots and hyphens are ignored. On success `sscc` is the bare
 * 18 digits; otherwise `problem` says what is wrong (length, non-digits, check digit).
 */
export function parseSscc(value: unknown): SsccParseResult {
	if (typeof value === 'number')
		return {
			ok: false,
			problem:
				`SSCC ${String(value)} was given as a number (leading zeros lost, digits rounded): ` +
				'give it as text',
		};
	if (typeof value !== 'string' || value.trim() === '')
		return { ok: false, problem: 'no SSCC given' };
	let text = value.trim().replace(/[\s.-]/g, '');
	let hadAi = false;
	if (text.startsWith('(00)')) {
		text = text.slice(4);
		hadAi = true;
	}
	if (!DIGITS.test(text))
		return { ok: false, problem: `SSCC ${JSON.stringify(value)} must contain digits only` };
	if (!hadAi && text.length === 20 && text.startsWith('00')) text = text.slice(2);
	if (text.length !== 18) {
		return {
			ok: false,
			problem:
				`SSCC ${JSON.stringify(value)} has ${text.length} digits; an SSCC has 18 ` +
				'(or "00" + 18 = 20 with the application identifier)',
		};
	}
	const expected = gs1CheckDigit(text.slice(0, 17));
	const given = text.charCodeAt(17) - 48;
	if (expected !== given)
		return {
			ok: false,
			problem: `SSCC ${JSON.stringify(value)} has a wrong check digit: ${given}, expected ${expected}`,
		};
	return { ok: true, sscc: text };
}

function requireSscc(sscc: string): string {
	const parsed = parseSscc(sscc);
	if (!parsed.ok) throw new Gs1FormatError(parsed.problem, 'sscc');
	return parsed.sscc;
}

/** Amazon's ASN form: `"00"` + the 18-digit SSCC (20 characters); reads any form parseSscc reads. */
export function toAmazonSscc(sscc: string): string {
	return `00${requireSscc(sscc)}`;
}

/**
 * The human-readable interpretation under the barcode. With `companyPrefixLength` (7-10):
 * `(00) 1 0614141 192837465 7` (extension, prefix, serial, check); without it
 * `(00) 106141411928374657`.
 */
export function formatSsccHumanReadable(sscc: string, companyPrefixLength?: number): string {
	const digits = requireSscc(sscc);
	if (companyPrefixLength === undefined) return `(00) ${digits}`;
	if (
		!Number.isInteger(companyPrefixLength) ||
		companyPrefixLength < 7 ||
		companyPrefixLength > 10
	) {
		throw new Gs1FormatError(
			`companyPrefixLength must be 7 to 10 (got ${String(companyPrefixLength)})`,
			'companyPrefixLength',
		);
	}
	const prefixEnd = 1 + companyPrefixLength;
	const serial = digits.slice(prefixEnd, 17);
	return `(00) ${digits[0]} ${digits.slice(1, prefixEnd)} ${serial} ${digits[17]}`;
}

/**
 * The GS1-128 element string to encode: `(00)` + 18 digits, the bracketed form barcode generators
 * (bwip-js `gs1-128`, ZPL/EPL GS1 modes) take; the application identifier is fixed-length, so no
 * FNC1 separator follows it. With `{ brackets: false }`: `00` + 18 digits (what a scanner returns
 * after the symbology identifier, and what Amazon's ASN carries).
 */
export function gs1128DataString(sscc: string, options: { brackets?: boolean } = {}): string {
	const digits = requireSscc(sscc);
	return options.brackets === false ? `00${digits}` : `(00)${digits}`;
}

/** Digits of the serial reference for a company prefix: 16 - prefix length (6 to 9). */
export function ssccSerialWidth(companyPrefix: string): number {
	if (typeof companyPrefix !== 'string' || !/^\d{7,10}$/.test(companyPrefix)) {
		throw new Gs1FormatError(
			`The GS1 company prefix must be 7 to 10 digits (got ${JSON.stringify(companyPrefix)})`,
			'companyPrefix',
		);
	}
	return 16 - companyPrefix.length;
}

/** The largest serial reference for a company prefix (e.g. 999999999 for a 7-digit prefix). */
export function maxSsccSerial(companyPrefix: string): number {
	return 10 ** ssccSerialWidth(companyPrefix) - 1;
}

/**
 * Builds an 18-digit SSCC: extension digit + company prefix + serial (left-padded with zeros to
 * 16 - prefix length digits) + check digit. `serial` is a whole number of 0 or more, or its digits.
 * Throws Gs1FormatError for an extension outside 0-9, a prefix that is not 7-10 digits, or a
 * serial that does not fit.
 */
export function buildSscc(
	extension: number | string,
	companyPrefix: string,
	serial: number | string,
): string {
	const ext =
		typeof extension === 'string'
			? extension.trim()
			: typeof extension === 'number'
				? String(extension)
				: '';
	if (!/^\d$/.test(ext))
		throw new Gs1FormatError(
			`The SSCC extension digit must be 0 to 9 (got ${JSON.stringify(extension)})`,
			'extension',
		);
	const width = ssccSerialWidth(companyPrefix);
	let digits: string;
	if (typeof serial === 'number') {
		if (!Number.isSafeInteger(serial) || serial < 0)
			throw new Gs1FormatError(
				`The SSCC serial must be a whole number of 0 or more (got ${String(serial)})`,
				'serial',
			);
		digits = String(serial);
	} else if (typeof serial === 'string' && DIGITS.test(serial.trim())) {
		digits = serial.trim().replace(/^0+(?=\d)/, '');
	} else {
		throw new Gs1FormatError(
			`The SSCC serial must be digits (got ${JSON.stringify(serial)})`,
			'serial',
		);
	}
	if (digits.length > width) {
		throw new Gs1FormatError(
			`The SSCC serial ${digits} does not fit: with a ${companyPrefix.length}-digit company ` +
				`prefix the serial has at most ${width} digits`,
			'serial',
		);
	}
	const data = `${ext}${companyPrefix}${digits.padStart(width, '0')}`;
	return `${data}${gs1CheckDigit(data)}`;
}
