import {
	Gs1FormatError,
	buildSscc,
	formatSsccHumanReadable,
	gs1128DataString,
	gs1CheckDigit,
	hasValidGs1CheckDigit,
	isValidSscc18,
	maxSsccSerial,
	parseSscc,
	ssccSerialWidth,
	toAmazonSscc,
} from '../../nodes/shared/domain/asn/gs1';

describe('gs1CheckDigit', () => {
	it.each([
		['10614141192837465', 7], // SSCC
		['00614141123456789', 0], // SSCC
		['629104150021', 3], // GTIN-13
		['03600029145', 2], // UPC-A
		['978030640615', 7], // ISBN-13
		['1001234567890', 2], // GTIN-14
	])('%s -> %i', (data, digit) => {
		expect(gs1CheckDigit(data)).toBe(digit);
	});

	it('refuses non-digits', () => {
		expect(() => gs1CheckDigit('12a4')).toThrow(Gs1FormatError);
		expect(() => gs1CheckDigit('')).toThrow(Gs1FormatError);
	});

	it('checks a full code', () => {
		expect(hasValidGs1CheckDigit('6291041500213')).toBe(true);
		expect(hasValidGs1CheckDigit('6291041500214')).toBe(false);
		expect(hasValidGs1CheckDigit('036000291452', 12)).toBe(true);
		expect(hasValidGs1CheckDigit('036000291452', 13)).toBe(false);
	});
});

describe('SSCC', () => {
	it('validates 18 digits with the mod-10 check', () => {
		expect(isValidSscc18('106141411928374657')).toBe(true);
		expect(isValidSscc18('006141411234567890')).toBe(true);
		expect(isValidSscc18('106141411928374658')).toBe(false);
		expect(isValidSscc18('10614141192837465')).toBe(false);
	});

	it('reads the forms warehouses write', () => {
		expect(parseSscc('106141411928374657')).toEqual({ ok: true, sscc: '106141411928374657' });
		expect(parseSscc('00106141411928374657')).toEqual({ ok: true, sscc: '106141411928374657' });
		expect(parseSscc('(00) 1 0614141 192837465 7')).toEqual({
			ok: true,
			sscc: '106141411928374657',
		});
		expect(parseSscc('(00)106141411928374657')).toEqual({ ok: true, sscc: '106141411928374657' });
	});

	it('explains a wrong SSCC', () => {
		const wrongDigit = parseSscc('106141411928374658');
		expect(wrongDigit).toEqual({
			ok: false,
			problem: expect.stringContaining('wrong check digit: 8, expected 7'),
		});
		expect(parseSscc('4251245123534')).toEqual({
			ok: false,
			problem: expect.stringContaining('has 13 digits'),
		});
		expect(parseSscc('ATR123213216')).toEqual({
			ok: false,
			problem: expect.stringContaining('digits only'),
		});
		expect(parseSscc(106141411928374660)).toEqual({
			ok: false,
			problem: expect.stringContaining('as a number'),
		});
		expect(parseSscc('')).toEqual({ ok: false, problem: 'no SSCC given' });
	});

	it('writes Amazon, barcode and human-readable forms', () => {
		expect(toAmazonSscc('106141411928374657')).toBe('00106141411928374657');
		expect(toAmazonSscc('(00) 1 0614141 192837465 7')).toBe('00106141411928374657');
		expect(formatSsccHumanReadable('106141411928374657', 7)).toBe('(00) 1 0614141 192837465 7');
		expect(formatSsccHumanReadable('106141411928374657')).toBe('(00) 106141411928374657');
		expect(gs1128DataString('106141411928374657')).toBe('(00)106141411928374657');
		expect(gs1128DataString('106141411928374657', { brackets: false })).toBe(
			'00106141411928374657',
		);
		expect(() => toAmazonSscc('106141411928374658')).toThrow(Gs1FormatError);
		expect(() => formatSsccHumanReadable('106141411928374657', 6)).toThrow(Gs1FormatError);
	});

	it('builds from extension, company prefix and serial', () => {
		expect(buildSscc(1, '0614141', 192837465)).toBe('106141411928374657');
		expect(buildSscc(0, '0614141', '123456789')).toBe('006141411234567890');
		// The serial is left-padded to 16 - prefix length digits.
		expect(buildSscc(0, '0614141', 42)).toBe(
			`00614141000000042${gs1CheckDigit('00614141000000042')}`,
		);
		expect(buildSscc('3', '0614141999', 7)).toMatch(/^30614141999000007\d$/);
		expect(isValidSscc18(buildSscc(9, '1234567890', 999999))).toBe(true);
		expect(ssccSerialWidth('0614141')).toBe(9);
		expect(ssccSerialWidth('0614141999')).toBe(6);
		expect(maxSsccSerial('0614141999')).toBe(999999);
	});

	it('refuses what does not fit', () => {
		expect(() => buildSscc(10, '0614141', 1)).toThrow('extension digit must be 0 to 9');
		expect(() => buildSscc(0, '061414', 1)).toThrow('7 to 10 digits');
		expect(() => buildSscc(0, '06141419999', 1)).toThrow('7 to 10 digits');
		expect(() => buildSscc(0, '0614141999', 1000000)).toThrow('at most 6 digits');
		expect(() => buildSscc(0, '0614141', -1)).toThrow('0 or more');
		expect(() => buildSscc(0, '0614141', 1.5)).toThrow('whole number');
		expect(() => buildSscc(0, '0614141', '12a')).toThrow('must be digits');
	});
});
