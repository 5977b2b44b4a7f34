/**
 * GS1 identifiers: the mod-10 check digit (GTIN-8/12/13/14, GLN, SSCC) and the SSCC-18 as Amazon
 * wants it in an ASN: `containerIdentificationType: "SSCC"` with the number written as the GS1-128
 * application identifier "00" followed by the 18-digit SSCC (20 characters).
 *
 * Check digit: from the rightmost data digit leftwards, weights 3, 1, 3, 1…; the check digit is
 * (10 - sum mod 10) mod 10.
 *
 * The simulator keeps its own implementation on purpose (the package's is nodes/shared/domain/gs1.ts): it
 * checks what the package sends, so it must not share the package's code and its mistakes.
 */

const DIGITS_RE = /^\d+$/;

/** The GS1 check digit for the data digits (everything but the check digit). Throws on non-digits. */
export function gs1CheckDigit(digits: string): number {
	if (!DIGITS_RE.test(digits)) throw new Error(`gs1CheckDigit needs digits only, got "${digits}"`);
	let total = 0;
	for (let i = digits.length - 1, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) {
		total += Number(digits[i]) * weight;
	}
	return (10 - (total % 10)) % 10;
}

/** True when `s` is all digits, of `length` (if given), and its last digit is the right check digit. */
export function hasValidGs1CheckDigit(s: string, length?: number): boolean {
	if (typeof s !== 'string' || !DIGITS_RE.test(s) || s.length < 2) return false;
	if (length !== undefined && s.length !== length) return false;
	return gs1CheckDigit(s.slice(0, -1)) === Number(s[s.length - 1]);
}

/** An 18-digit SSCC with a valid check digit (extension digit + company prefix + serial + check). */
export function isValidSscc18(s: string): boolean {
	return hasValidGs1CheckDigit(s, 18);
}

/** Amazon's ASN form: "00" + a valid SSCC-18 (20 digits). */
export function isAmazonSsccValue(s: string): boolean {
	return (
		typeof s === 'string' && s.length === 20 && s.startsWith('00') && isValidSscc18(s.slice(2))
	);
}

/**
 * Why `s` is not a valid Amazon SSCC value, in words (for error messages), or undefined when it is
 * valid.
 */
export function ssccProblem(s: unknown): string | undefined {
	if (typeof s !== 'string' || s === '') return 'an SSCC is required';
	if (!DIGITS_RE.test(s))
		return `SSCC '${s}' must contain digits only ("00" followed by the 18-digit SSCC)`;
	if (s.length === 18) {
		return (
			`SSCC '${s}' has 18 digits; Amazon expects the application identifier "00" followed by ` +
			'the 18-digit SSCC (20 digits)'
		);
	}
	if (s.length !== 20) {
		return `SSCC '${s}' has ${s.length} digits; Amazon expects "00" followed by the 18-digit SSCC (20 digits)`;
	}
	if (!s.startsWith('00')) return `SSCC '${s}' must start with the application identifier "00"`;
	const sscc = s.slice(2);
	const expected = gs1CheckDigit(sscc.slice(0, 17));
	if (expected !== Number(sscc[17])) {
		return `SSCC '${s}' has a wrong check digit: expected ${expected}, got ${sscc[17]}`;
	}
	return undefined;
}

/**
 * Builds Amazon's SSCC value from an extension digit, a GS1 company prefix and a serial reference
 * (together 17 digits; the serial is left-padded with zeros to fill them).
 */
export function makeAmazonSscc(
	extensionDigit: number,
	companyPrefix: string,
	serial: number | string,
): string {
	if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) {
		throw new Error('extensionDigit must be 0-9');
	}
	if (!/^\d{7,10}$/.test(companyPrefix)) throw new Error('companyPrefix must have 7 to 10 digits');
	const serialDigits = String(serial);
	const width = 16 - companyPrefix.length;
	if (!DIGITS_RE.test(serialDigits) || serialDigits.length > width) {
		throw new Error(`serial must have at most ${width} digits with this company prefix`);
	}
	const data = `${extensionDigit}${companyPrefix}${serialDigits.padStart(width, '0')}`;
	return `00${data}${gs1CheckDigit(data)}`;
}
