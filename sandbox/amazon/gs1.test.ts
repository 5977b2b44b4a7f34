import {
	gs1CheckDigit,
	hasValidGs1CheckDigit,
	isAmazonSsccValue,
	isValidSscc18,
	makeAmazonSscc,
	ssccProblem,
} from './gs1';

describe('gs1CheckDigit', () => {
	it.each([
		['10614141192837465', 7], // SSCC
		['00614141123456789', 0], // SSCC
		['629104150021', 3], // GTIN-13
		['03600029145', 2], // UPC-A
		['978030640615', 7], // ISBN-13
		['1001234567890', 2], // GTIN-14
	])('%s -> %d', (digits, expected) => {
		expect(gs1CheckDigit(digits)).toBe(expected);
	});

	it('refuses non-digits', () => {
		expect(() => gs1CheckDigit('12a4')).toThrow('gs1CheckDigit needs digits only, got "12a4"');
		expect(() => gs1CheckDigit('')).toThrow();
	});

	it('validates complete numbers', () => {
		expect(hasValidGs1CheckDigit('6291041500213')).toBe(true);
		expect(hasValidGs1CheckDigit('6291041500214')).toBe(false);
		expect(hasValidGs1CheckDigit('036000291452', 12)).toBe(true);
		expect(hasValidGs1CheckDigit('036000291452', 13)).toBe(false);
	});
});

describe('SSCC', () => {
	it('isValidSscc18', () => {
		expect(isValidSscc18('106141411928374657')).toBe(true);
		expect(isValidSscc18('006141411234567890')).toBe(true);
		expect(isValidSscc18('106141411928374658')).toBe(false);
		expect(isValidSscc18('10614141192837465')).toBe(false); // 17 digits
		expect(isValidSscc18('0106141411928374657')).toBe(false); // 19 digits
	});

	it('isAmazonSsccValue: "00" + a valid SSCC-18', () => {
		expect(isAmazonSsccValue('00106141411928374657')).toBe(true);
		expect(isAmazonSsccValue('00006141411234567890')).toBe(true);
		expect(isAmazonSsccValue('106141411928374657')).toBe(false); // no AI
		expect(isAmazonSsccValue('01106141411928374657')).toBe(false); // wrong AI
		expect(isAmazonSsccValue('00106141411928374658')).toBe(false); // check digit
		// Amazon's own examples mostly fail the check digit
		expect(isAmazonSsccValue('00102234567666698888')).toBe(false);
	});

	it('ssccProblem explains', () => {
		expect(ssccProblem('00106141411928374657')).toBeUndefined();
		expect(ssccProblem('00106141411928374658')).toBe(
			"SSCC '00106141411928374658' has a wrong check digit: expected 7, got 8",
		);
		expect(ssccProblem('106141411928374657')).toBe(
			`SSCC '106141411928374657' has 18 digits; Amazon expects the ` +
				`application identifier "00" followed by the 18-digit SSCC (20 digits)`,
		);
		expect(ssccProblem('4251245123534')).toBe(
			`SSCC '4251245123534' has 13 digits; Amazon expects "00" followed by the 18-digit SSCC (20 digits)`,
		);
		expect(ssccProblem('ATR123213216')).toBe(
			`SSCC 'ATR123213216' must contain digits only ("00" followed by the 18-digit SSCC)`,
		);
		expect(ssccProblem('11106141411928374657')).toBe(
			`SSCC '11106141411928374657' must start with the application identifier "00"`,
		);
		expect(ssccProblem(undefined)).toBe('an SSCC is required');
	});

	it('makeAmazonSscc builds valid values', () => {
		expect(makeAmazonSscc(1, '0614141', 192837465)).toBe('00106141411928374657');
		for (let serial = 0; serial < 50; serial++) {
			expect(isAmazonSsccValue(makeAmazonSscc(0, '0614141', serial))).toBe(true);
		}
		expect(() => makeAmazonSscc(10, '0614141', 1)).toThrow('extensionDigit must be 0-9');
		expect(() => makeAmazonSscc(0, '0614141', '1234567890')).toThrow(
			'serial must have at most 9 digits with this company prefix',
		);
	});
});
