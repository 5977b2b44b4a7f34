import {
	CurrencyMismatchError,
	Decimal,
	MoneyFormatError,
	abs,
	add,
	addMoney,
	compare,
	equals,
	formatMoney,
	isNegative,
	isZero,
	minorUnits,
	multiply,
	multiplyMoney,
	negate,
	normalizeCurrencyCode,
	parseDecimal,
	parseMoney,
	roundToMinorUnits,
	roundToScale,
	subtract,
	subtractMoney,
	sum,
	sumMoney,
	toDecimalString,
} from '../../nodes/shared/domain/money';

const d = (value: string | number | bigint) => parseDecimal(value);
const s = (value: Decimal) => toDecimalString(value);

describe('parseDecimal', () => {
	it.each([
		['0', 0n, 0, '0'],
		['12.50', 1250n, 2, '12.50'],
		['-3', -3n, 0, '-3'],
		['0.30', 30n, 2, '0.30'],
		['-0.001', -1n, 3, '-0.001'],
		['1.5E2', 150n, 0, '150'],
		['1.5e+2', 150n, 0, '150'],
		['1E0', 1n, 0, '1'],
		['2.5e-3', 25n, 4, '0.0025'],
		['-2.5E-3', -25n, 4, '-0.0025'],
		['1.50E1', 150n, 1, '15.0'],
		['  7.25\n', 725n, 2, '7.25'],
		['+4.5', 45n, 1, '4.5'],
		['010.50', 1050n, 2, '10.50'],
		['-00.5', -5n, 1, '-0.5'],
		['-0', 0n, 0, '0'],
		[
			'123456789012345678901234567890.123456789',
			123456789012345678901234567890123456789n,
			9,
			'123456789012345678901234567890.123456789',
		],
	])('parses %j exactly', (input, units, scale, canonical) => {
		const value = parseDecimal(input);
		expect(value.units).toBe(units);
		expect(value.scale).toBe(scale);
		expect(toDecimalString(value)).toBe(canonical);
	});

	it('accepts safe-integer numbers, bigints and Decimals', () => {
		expect(s(d(42))).toBe('42');
		expect(s(d(-7))).toBe('-7');
		expect(s(d(Number.MAX_SAFE_INTEGER))).toBe('9007199254740991');
		expect(s(d(123456789012345678901234567890n))).toBe('123456789012345678901234567890');
		const decimal = new Decimal(1999n, 2);
		expect(parseDecimal(decimal)).toBe(decimal);
	});

	it.each([
		'12,50',
		'',
		'   ',
		'abc',
		'1.2.3',
		'.5',
		'5.',
		'1e',
		'1.5E2.5',
		'--1',
		'+-1',
		'1 000',
		'NaN',
		'Infinity',
		'-Infinity',
		'0x10',
		'$12.50',
		'12.50 USD',
		'1_000',
	])('rejects the string %j with a MoneyFormatError quoting it', (input) => {
		expect(() => parseDecimal(input)).toThrow(MoneyFormatError);
		expect(() => parseDecimal(input)).toThrow(`Invalid decimal amount ${JSON.stringify(input)}`);
	});

	it.each([
		[0.1, 'the number 0.1'],
		[12.5, 'the number 12.5'],
		[Number.NaN, 'the number NaN'],
		[Number.POSITIVE_INFINITY, 'the number Infinity'],
		[Number.NEGATIVE_INFINITY, 'the number -Infinity'],
		[2 ** 53, 'the number 9007199254740992'],
	])('never converts the number %p (not a safe integer)', (input, shown) => {
		expect(() => parseDecimal(input)).toThrow(MoneyFormatError);
		expect(() => parseDecimal(input)).toThrow(`Invalid decimal amount ${shown}:`);
	});

	it('rejects values of other types at run time', () => {
		expect(() => parseDecimal(null as unknown as string)).toThrow(
			'Invalid decimal amount null: expected a string such as "12.50"',
		);
		expect(() => parseDecimal(undefined as unknown as string)).toThrow(
			'Invalid decimal amount nothing',
		);
		expect(() => parseDecimal({ amount: '1' } as unknown as string)).toThrow(
			'Invalid decimal amount an object',
		);
	});

	it('truncates very long bad values in the message', () => {
		const bad = `${'9'.repeat(80)}x`;
		expect(() => parseDecimal(bad)).toThrow(`Invalid decimal amount "${'9'.repeat(60)}…"`);
	});

	it('bounds the exponent so a tiny string cannot build a huge number', () => {
		expect(s(d('1E1000'))).toBe(`1${'0'.repeat(1000)}`);
		expect(() => parseDecimal('1E1001')).toThrow(MoneyFormatError);
		expect(() => parseDecimal('1e-999999999')).toThrow(
			'Invalid decimal amount "1e-999999999": exponent or precision beyond 1000 digits',
		);
	});
});

describe('Decimal', () => {
	it('is immutable', () => {
		const value = d('1.25');
		expect(Object.isFrozen(value)).toBe(true);
		expect(() => {
			(value as unknown as { units: bigint }).units = 5n;
		}).toThrow(TypeError);
		expect(value.units).toBe(125n);
	});

	it('serialises to its plain string, not a float', () => {
		expect(JSON.stringify({ amount: d('0.30') })).toBe('{"amount":"0.30"}');
		expect(String(d('-1.5E-1'))).toBe('-0.15');
		expect(`${d('1.5E2')}`).toBe('150');
	});

	it('refuses implicit numeric conversion', () => {
		const value = d('0.1');
		expect(() => Number(value)).toThrow(TypeError);
		expect(() => (value as unknown as number) + 1).toThrow(
			'A Decimal cannot be converted to a number',
		);
	});

	it('validates its constructor arguments', () => {
		expect(() => new Decimal(1 as unknown as bigint, 0)).toThrow('Decimal units must be a bigint');
		expect(() => new Decimal(1n, -1)).toThrow(
			'Decimal scale must be a whole number of 0 or more (got -1)',
		);
		expect(() => new Decimal(1n, 1.5)).toThrow(RangeError);
		expect(s(new Decimal(-5n, 3))).toBe('-0.005');
	});
});

describe('arithmetic', () => {
	it('adds exactly: 0.1 + 0.2 = 0.3', () => {
		const total = add(d('0.1'), d('0.2'));
		expect(s(total)).toBe('0.3');
		expect(equals(total, d('0.3'))).toBe(true);
		expect(total.units).toBe(3n);
		expect(total.scale).toBe(1);
	});

	it('uses the larger scale when adding and subtracting', () => {
		expect(s(add(d('1.5'), d('2.25')))).toBe('3.75');
		expect(s(add(d('10'), d('0.05')))).toBe('10.05');
		expect(s(subtract(d('1.00'), d('0.3')))).toBe('0.70');
		expect(s(subtract(d('0.1'), d('0.25')))).toBe('-0.15');
		expect(s(add(d('1.5E2'), d('2.5e-3')))).toBe('150.0025');
	});

	it('multiplies by whole quantities exactly', () => {
		expect(s(multiply(d('0.1'), 3))).toBe('0.3');
		expect(s(multiply(d('19.99'), 1_000_000))).toBe('19990000.00');
		expect(s(multiply(d('19.99'), 0))).toBe('0.00');
		expect(s(multiply(d('19.99'), -2))).toBe('-39.98');
		expect(s(multiply(d('12.34'), 3n))).toBe('37.02');
	});

	it('multiplies by quantities beyond 2^53 with bigint', () => {
		const quantity = 2n ** 53n + 1n; // 9007199254740993, not representable as a JS number
		expect(s(multiply(d('19.99'), quantity))).toBe('180053913102272450.07'); // 9007199254740993 × 20 − 90071992547409.93;
		expect(s(multiply(d('0.01'), 12345678901234567890123n))).toBe('123456789012345678901.23');
	});

	it('multiplies by a Decimal quantity (e.g. a weight) with the sum of the scales', () => {
		expect(s(multiply(d('2.50'), d('1.5')))).toBe('3.750');
		expect(s(multiply(d('-0.1'), d('0.1')))).toBe('-0.01');
	});

	it('rejects fractional or non-finite number quantities', () => {
		expect(() => multiply(d('1'), 1.5)).toThrow(
			'Invalid quantity the number 1.5: expected a whole number of units, a bigint or a Decimal',
		);
		expect(() => multiply(d('1'), Number.NaN)).toThrow(MoneyFormatError);
		expect(() => multiply(d('1'), 2 ** 60)).toThrow(MoneyFormatError);
		expect(() => multiply(d('1'), '3' as unknown as number)).toThrow('Invalid quantity "3"');
	});

	it('negates and takes absolute values', () => {
		expect(s(negate(d('1.20')))).toBe('-1.20');
		expect(s(negate(d('-1.20')))).toBe('1.20');
		expect(s(negate(d('0')))).toBe('0');
		expect(s(abs(d('-0.05')))).toBe('0.05');
		expect(s(abs(d('0.05')))).toBe('0.05');
	});

	it('compares numerically regardless of scale', () => {
		expect(compare(d('0.30'), d('0.3'))).toBe(0);
		expect(compare(d('0.31'), d('0.3'))).toBe(1);
		expect(compare(d('-1'), d('-0.5'))).toBe(-1);
		expect(compare(d('1.5E2'), d('150.00'))).toBe(0);
		expect(compare(d('9007199254740993'), d('9007199254740992'))).toBe(1);
		expect(equals(d('1.50'), d('1.5'))).toBe(true);
		expect(equals(d('1.50'), d('1.51'))).toBe(false);
	});

	it('tells zero and negative values', () => {
		expect(isZero(d('0.000'))).toBe(true);
		expect(isZero(d('-0'))).toBe(true);
		expect(isZero(d('0.001'))).toBe(false);
		expect(isNegative(d('-0.01'))).toBe(true);
		expect(isNegative(d('-0.00'))).toBe(false);
		expect(isNegative(d('0.01'))).toBe(false);
	});

	it('sums lists exactly', () => {
		expect(s(sum([d('0.1'), d('0.2'), d('0.3')]))).toBe('0.6');
		expect(s(sum(Array.from({ length: 10 }, () => d('0.1'))))).toBe('1.0');
		expect(s(sum([d('19.99'), d('-5'), d('0.001')]))).toBe('14.991');
		expect(s(sum([]))).toBe('0');
	});
});

describe('minor units and rounding', () => {
	it.each([
		['USD', 2],
		['EUR', 2],
		['GBP', 2],
		['JPY', 0],
		['KRW', 0],
		['CLP', 0],
		['ISK', 0],
		['VND', 0],
		['UGX', 0],
		['XAF', 0],
		['XOF', 0],
		['XPF', 0],
		['PYG', 0],
		['RWF', 0],
		['KMF', 0],
		['GNF', 0],
		['DJF', 0],
		['BIF', 0],
		['VUV', 0],
		['BHD', 3],
		['IQD', 3],
		['JOD', 3],
		['KWD', 3],
		['LYD', 3],
		['OMR', 3],
		['TND', 3],
		['CLF', 4],
		['ZZZ', 2],
		[' jpy ', 0],
	])('%j has %i minor units', (code, units) => {
		expect(minorUnits(code)).toBe(units);
	});

	it.each(['', 'US', 'USDX', 'U$D', '123', 'EU R'])('rejects the currency code %j', (code) => {
		expect(() => minorUnits(code)).toThrow(MoneyFormatError);
		expect(() => minorUnits(code)).toThrow(
			`Invalid currency code ${JSON.stringify(code)}: expected three letters (ISO 4217) such as "USD"`,
		);
	});

	it('rounds half up (away from zero) and half even at .5', () => {
		expect(s(roundToMinorUnits(d('2.345'), 'USD'))).toBe('2.35');
		expect(s(roundToMinorUnits(d('2.345'), 'USD', 'halfUp'))).toBe('2.35');
		expect(s(roundToMinorUnits(d('2.345'), 'USD', 'halfEven'))).toBe('2.34');
		expect(s(roundToMinorUnits(d('2.355'), 'USD', 'halfEven'))).toBe('2.36');
		expect(s(roundToMinorUnits(d('-2.345'), 'USD', 'halfUp'))).toBe('-2.35');
		expect(s(roundToMinorUnits(d('-2.345'), 'USD', 'halfEven'))).toBe('-2.34');
		expect(s(roundToMinorUnits(d('-2.355'), 'USD', 'halfEven'))).toBe('-2.36');
	});

	it('rounds values that are not ties to the nearest in both modes', () => {
		expect(s(roundToMinorUnits(d('2.3449999'), 'USD', 'halfUp'))).toBe('2.34');
		expect(s(roundToMinorUnits(d('2.3450001'), 'USD', 'halfEven'))).toBe('2.35');
		expect(s(roundToMinorUnits(d('-2.3449999'), 'USD', 'halfUp'))).toBe('-2.34');
		expect(s(roundToMinorUnits(d('-2.3450001'), 'USD', 'halfEven'))).toBe('-2.35');
		expect(s(roundToMinorUnits(d('0.999'), 'USD'))).toBe('1.00');
		expect(s(roundToMinorUnits(d('-0.999'), 'USD'))).toBe('-1.00');
	});

	it('never produces a negative zero', () => {
		expect(s(roundToMinorUnits(d('-0.004'), 'USD'))).toBe('0.00');
		expect(s(roundToMinorUnits(d('-0.005'), 'USD', 'halfEven'))).toBe('0.00');
		expect(s(roundToMinorUnits(d('-0.005'), 'USD', 'halfUp'))).toBe('-0.01');
	});

	it('rounds to whole units for JPY and to three places for KWD', () => {
		expect(s(roundToMinorUnits(d('1000.5'), 'JPY'))).toBe('1001');
		expect(s(roundToMinorUnits(d('1000.5'), 'JPY', 'halfEven'))).toBe('1000');
		expect(s(roundToMinorUnits(d('1001.5'), 'JPY', 'halfEven'))).toBe('1002');
		expect(s(roundToMinorUnits(d('1.2345'), 'KWD'))).toBe('1.235');
		expect(s(roundToMinorUnits(d('1.2345'), 'KWD', 'halfEven'))).toBe('1.234');
	});

	it('pads values with fewer digits to the minor units', () => {
		const padded = roundToMinorUnits(d('12.5'), 'USD');
		expect(padded.units).toBe(1250n);
		expect(padded.scale).toBe(2);
		expect(s(roundToMinorUnits(d('1.5E2'), 'KWD'))).toBe('150.000');
	});

	it('rounds to any scale and rejects bad scales and modes', () => {
		expect(s(roundToScale(d('1.23456'), 4))).toBe('1.2346');
		expect(s(roundToScale(d('1.25'), 1, 'halfEven'))).toBe('1.2');
		expect(s(roundToScale(d('15'), 0))).toBe('15');
		expect(() => roundToScale(d('1'), -1)).toThrow(
			'Scale must be a whole number of 0 or more (got -1)',
		);
		expect(() => roundToScale(d('1'), 2, 'up' as 'halfUp')).toThrow(
			'Unknown rounding mode "up": expected "halfUp" or "halfEven"',
		);
	});
});

describe('formatting', () => {
	it('keeps the scale a value was written with in toDecimalString', () => {
		expect(s(d('0.30'))).toBe('0.30');
		expect(s(d('100'))).toBe('100');
		expect(s(d('-0.05'))).toBe('-0.05');
		expect(s(d('2.5e-3'))).toBe('0.0025');
		expect(s(d('1E3'))).toBe('1000');
	});

	it('formats money padded and rounded half up to the minor units', () => {
		expect(formatMoney(d('12.5'), 'USD')).toBe('12.50');
		expect(formatMoney(d('12'), 'EUR')).toBe('12.00');
		expect(formatMoney(d('0.005'), 'USD')).toBe('0.01');
		expect(formatMoney(d('-2.345'), 'GBP')).toBe('-2.35');
		expect(formatMoney(d('1000'), 'JPY')).toBe('1000');
		expect(formatMoney(d('999.5'), 'JPY')).toBe('1000');
		expect(formatMoney(d('1.2345'), 'KWD')).toBe('1.235');
		expect(formatMoney(d('1.2'), 'KWD')).toBe('1.200');
		expect(formatMoney(d('1.5E2'), 'usd')).toBe('150.00');
		expect(() => formatMoney(d('1'), 'US')).toThrow(MoneyFormatError);
	});
});

describe('Money', () => {
	it('parses Amazon money, normalizing the currency code', () => {
		const money = parseMoney({ currencyCode: ' usd ', amount: '010.50' });
		expect(money.currencyCode).toBe('USD');
		expect(s(money.amount)).toBe('10.50');
		expect(Object.isFrozen(money)).toBe(true);
		expect(JSON.stringify(money)).toBe('{"currencyCode":"USD","amount":"10.50"}');
		expect(normalizeCurrencyCode('eur')).toBe('EUR');
	});

	it('rejects bad currency codes, amounts and shapes', () => {
		expect(() => parseMoney({ currencyCode: 'US', amount: '1' })).toThrow(
			'Invalid currency code "US"',
		);
		expect(() => parseMoney({ currencyCode: 'U5D', amount: '1' })).toThrow(MoneyFormatError);
		expect(() => parseMoney({ currencyCode: undefined as unknown as string, amount: '1' })).toThrow(
			'Invalid currency code nothing',
		);
		expect(() => parseMoney({ currencyCode: 'USD', amount: '12,50' })).toThrow(
			'Invalid decimal amount "12,50"',
		);
		expect(() => parseMoney({ currencyCode: 'USD', amount: 0.1 })).toThrow(
			'Invalid decimal amount the number 0.1',
		);
		expect(() => parseMoney(null as unknown as { currencyCode: string; amount: string })).toThrow(
			'Invalid money null: expected an object with currencyCode and amount',
		);
	});

	it('adds, subtracts, multiplies and sums in one currency', () => {
		const a = parseMoney({ currencyCode: 'EUR', amount: '0.1' });
		const b = parseMoney({ currencyCode: 'eur', amount: '0.2' });
		expect(addMoney(a, b)).toEqual({ currencyCode: 'EUR', amount: d('0.3') });
		expect(s(subtractMoney(a, b).amount)).toBe('-0.1');
		const line = multiplyMoney(parseMoney({ currencyCode: 'USD', amount: '19.99' }), 1_000_000);
		expect(line.currencyCode).toBe('USD');
		expect(s(line.amount)).toBe('19990000.00');
		const total = sumMoney([a, b, parseMoney({ currencyCode: 'EUR', amount: '1.005' })]);
		expect(total.currencyCode).toBe('EUR');
		expect(s(total.amount)).toBe('1.305');
		expect(formatMoney(total.amount, total.currencyCode)).toBe('1.31');
	});

	it('sums an empty list only when told the currency', () => {
		const zero = sumMoney([], 'jpy');
		expect(zero.currencyCode).toBe('JPY');
		expect(s(zero.amount)).toBe('0');
		expect(() => sumMoney([])).toThrow('Cannot sum an empty list of money without a currency code');
	});

	it('refuses to mix currencies', () => {
		const usd = parseMoney({ currencyCode: 'USD', amount: '1.00' });
		const eur = parseMoney({ currencyCode: 'EUR', amount: '1.00' });
		expect(() => addMoney(usd, eur)).toThrow(CurrencyMismatchError);
		expect(() => addMoney(usd, eur)).toThrow(
			'Cannot add money in different currencies: USD and EUR',
		);
		expect(() => subtractMoney(eur, usd)).toThrow(
			'Cannot subtract money in different currencies: EUR and USD',
		);
		expect(() => sumMoney([usd, usd, eur])).toThrow(
			'Cannot add money in different currencies: USD and EUR',
		);
		expect(() => sumMoney([usd], 'EUR')).toThrow(
			'Cannot add money in different currencies: EUR and USD',
		);
		try {
			addMoney(usd, eur);
		} catch (error) {
			expect(error).toBeInstanceOf(CurrencyMismatchError);
			expect((error as CurrencyMismatchError).expected).toBe('USD');
			expect((error as CurrencyMismatchError).received).toBe('EUR');
			expect((error as Error).name).toBe('CurrencyMismatchError');
		}
		expect.assertions(9);
	});
});
