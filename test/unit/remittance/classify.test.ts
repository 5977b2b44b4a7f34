import {
	ClassificationRuleError,
	DEFAULT_RULES,
	classifyLine,
	compileRules,
	defaultRules,
} from '../../../nodes/shared/domain/remittance/classify';
import type { RemittanceLine } from '../../../nodes/shared/domain/remittance/types';
import { d } from './helpers';

function line(
	reference: string,
	paid: string,
	extra: Partial<RemittanceLine> = {},
): RemittanceLine {
	return {
		reference,
		gross: d(paid),
		discount: d('0'),
		paid: d(paid),
		remaining: d('0'),
		sourcePosition: 1,
		...extra,
	};
}

describe('default rules', () => {
	it.each([
		['12345', '100.00', 'invoicePayment', 'vendor-invoice', '12345'],
		['INV-10001', '100.00', 'invoicePayment', 'vendor-invoice', 'INV-10001'],
		['12345SC', '-50.00', 'shortageClaim', 'shortage-claim', '12345'],
		['12345SCR', '50.00', 'shortageClaimReversal', 'shortage-claim-reversal', '12345'],
		['12345SCRSC', '-20.00', 'revisedShortageClaim', 'revised-shortage-claim', '12345'],
		['12345sc', '-50.00', 'shortageClaim', 'shortage-claim', '12345'],
		['12345PC', '-12.50', 'priceClaim', 'price-claim', '12345'],
		['83265481VCBSINV', '-45.60', 'chargeback', 'chargeback', undefined],
		['7110-23456789', '-300.00', 'coopAgreement', 'agreement-invoice', undefined],
		['IPAPUS1234567', '-210.00', 'priceProtection', 'price-protection-debit-note', undefined],
		[
			'40001233-PROVISION FOR RECEIVABLES',
			'-500.00',
			'provisionForReceivables',
			'provision-for-receivables',
			undefined,
		],
		[
			'40001233-PROVISION FOR RECEIVABLESR',
			'500.00',
			'provisionRelease',
			'provision-release',
			undefined,
		],
		[
			'40001233-PROVISION FOR RECEIVABLES',
			'500.00',
			'provisionRelease',
			'provision-release-positive',
			undefined,
		],
	])('%s (%s) -> %s by %s, invoice %s', (reference, paid, type, ruleId, invoiceNumber) => {
		const result = classifyLine(line(reference, paid));
		expect(result.type).toBe(type);
		expect(result.ruleId).toBe(ruleId);
		expect(result.invoiceNumber).toBe(invoiceNumber);
	});

	it('checks suffixes longest first: SCRSC before SCR before SC', () => {
		expect(DEFAULT_RULES.slice(0, 3).map((r) => r.match.referenceSuffix)).toEqual([
			'SCRSC',
			'SCR',
			'SC',
		]);
		expect(classifyLine(line('SC', '-1.00')).type).toBeUndefined(); // nothing before the suffix
	});

	it('never guesses: unknown references stay unknown', () => {
		for (const [reference, paid] of [
			['ZZ-UNKNOWN DEBIT', '-20.00'],
			['12345', '-20.00'], // a plain number taken away: not an invoice payment
			['IPAPUS12345', '-1.00'], // wrong digit count
			['FOO BAR', '10.00'], // not a single token
		]) {
			expect(classifyLine(line(reference, paid))).toEqual({ type: undefined });
		}
	});

	it('uses Finances API variance, defect and service charge types', () => {
		expect(
			classifyLine(
				line('INV-1:PQV', '-20', {
					varianceType: 'PQV',
					kind: 'adjustment',
					invoiceNumber: 'INV-1',
				}),
			),
		).toEqual({
			type: 'shortageClaim',
			ruleId: 'api-quantity-variance',
			invoiceNumber: 'INV-1',
		});
		expect(
			classifyLine(line('INV-1:PPV', '-4.5', { varianceType: 'PPV', kind: 'adjustment' })).type,
		).toBe('priceClaim');
		expect(
			classifyLine(
				line('INV-1:PPV', '-4.5', {
					varianceType: 'PPV',
					defectTypes: ['CCOGS_PRICE_PROTECTION_AGREEMENT_PPA'],
					kind: 'adjustment',
				}),
			).type,
		).toBe('priceProtection');
		expect(
			classifyLine(line('INV-1:OTHER', '-1', { varianceType: 'OTHER', kind: 'adjustment' })).type,
		).toBeUndefined();
		expect(
			classifyLine(line('DA-2024-01', '-75.25', { serviceChargeType: 'DAMAGE_ALLOWANCE' })).type,
		).toBe('damageAllowance');
		expect(classifyLine(line('AR-9', '-10', { agreementNumber: '7110' })).type).toBe(
			'coopAgreement',
		);
	});

	it('uses 820 adjustment reason codes (generic X12 meanings)', () => {
		const adx = (code: string) =>
			classifyLine(line('10003', '-50', { reasonCode: code, kind: 'adjustment' })).type;
		expect(adx('06')).toBe('shortageClaim');
		expect(adx('59')).toBe('shortageClaim');
		expect(adx('01')).toBe('priceClaim');
		expect(adx('12')).toBe('returns');
		expect(adx('54')).toBe('freightAllowance');
		expect(adx('56')).toBe('coopAgreement');
		expect(adx('ZZ')).toBeUndefined(); // and an adjustment is never taken for an invoice
		expect(
			classifyLine(line('10003', '50', { reasonCode: 'ZZ', kind: 'adjustment' })).type,
		).toBeUndefined();
	});

	it('uses description keywords with the expected sign', () => {
		const described = (description: string, paid: string) =>
			classifyLine(line('X 1', paid, { description })).type;
		expect(described('Quick  Pay discount', '-15.00')).toBe('quickPayDiscount');
		expect(described('Shortage Claim Reversal', '5.00')).toBe('shortageClaimReversal');
		expect(described('Shortage claim', '-5.00')).toBe('shortageClaim');
		expect(described('Operational chargeback', '-5.00')).toBe('chargeback');
		expect(described('Co-op: MDF', '-5.00')).toBe('coopAgreement');
		expect(described('Shortage claim', '5.00')).toBeUndefined();
	});
});

describe('operator rules', () => {
	it('come before the defaults', () => {
		const rules = compileRules([
			{
				id: 'our-invoices-ending-sc',
				match: { referencePattern: '^ACME\\d+SC$', amountSign: 'positive' },
				type: 'invoicePayment',
				invoiceReference: 'self',
			},
			{
				id: 'freight',
				match: { descriptionKeyword: 'freight allowance' },
				type: 'freightAllowance',
			},
		]);
		expect(classifyLine(line('ACME100SC', '100.00'), rules)).toEqual({
			type: 'invoicePayment',
			ruleId: 'our-invoices-ending-sc',
			invoiceNumber: 'ACME100SC',
		});
		expect(classifyLine(line('ACME100SC', '-100.00'), rules).type).toBe('shortageClaim');
		expect(
			classifyLine(line('FA-1', '-9.00', { description: 'Freight Allowance Q1' }), rules).type,
		).toBe('freightAllowance');
		expect(rules.rules).toHaveLength(2 + DEFAULT_RULES.length);
	});

	it('can replace the defaults', () => {
		const rules = compileRules(
			[
				{
					id: 'only',
					match: { referencePattern: '^INV\\d+$' },
					type: 'invoicePayment',
					invoiceReference: 'self',
				},
			],
			{
				replaceDefaults: true,
			},
		);
		expect(classifyLine(line('INV1', '10'), rules).type).toBe('invoicePayment');
		expect(classifyLine(line('INV1SC', '-10'), rules).type).toBeUndefined();
	});

	it('accepts comma-separated code lists', () => {
		const rules = compileRules([{ id: 'codes', match: { reasonCode: '72, 73' }, type: 'returns' }]);
		expect(classifyLine(line('1', '-1', { reasonCode: '73' }), rules).type).toBe('returns');
	});

	it.each([
		[
			[{ id: 'x', match: {}, type: 'chargeback' }],
			'Rule "x": match has no condition (a rule must not match every line)',
		],
		[
			[{ id: 'x', match: { referencePattern: '([' }, type: 'chargeback' }],
			/^Rule "x": referencePattern "\(\[" is not a valid regular expression/,
		],
		[
			[{ id: 'x', match: { referenceSuffix: 'AB' }, type: '' }],
			'Rule "x": type is missing (the deduction type the rule gives)',
		],
		[
			[
				{
					id: 'x',
					match: { referencePattern: 'A' },
					type: 't',
					invoiceReference: 'stripSuffix' as const,
				},
			],
			'Rule "x": invoiceReference stripSuffix needs a referenceSuffix',
		],
		[
			[{ id: 'x', match: { amountSign: 'up' as never }, type: 't' }],
			'Rule "x": amountSign must be positive or negative',
		],
		[[{ id: 'x', match: { reasonCode: ' , ' }, type: 't' }], 'Rule "x": reasonCode is empty'],
		[
			[
				{ id: 'x', match: { reasonCode: '1' }, type: 't' },
				{ id: 'x', match: { reasonCode: '2' }, type: 't' },
			],
			'Rule "x" is defined twice',
		],
	])('refuses an unusable rule (%#)', (rules, message) => {
		expect(() => compileRules(rules as never)).toThrow(ClassificationRuleError);
		expect(() => compileRules(rules as never)).toThrow(message);
	});

	it('compiles the defaults once', () => {
		expect(defaultRules()).toBe(defaultRules());
	});
});
