/** The options of mapPurchaseOrder: defaults and checks. Pure: no n8n imports. */
import { Decimal, isNegative, parseDecimal, toDecimalString } from '../money';
import { isObject, shown } from '../values';
import { MappingOptionsError } from './errors';
import type { MapOptions, PriceTolerance } from './types';

// ---------------------------------------------------------------------------------------------
// Options

export const DEFAULT_MAP_OPTIONS: Readonly<MapOptions> = Object.freeze({
	matchFirst: 'asin',
	notMultiple: 'exception',
	priceTolerance: Object.freeze({ mode: 'absolute', value: '0' }) as PriceTolerance,
	partialPo: 'exceptions',
	discontinued: 'exception',
});

function oneOf<T extends string>(
	value: unknown,
	allowed: readonly T[],
	name: string,
	fallback: T,
): T {
	if (value === undefined) return fallback;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
		return value as T;
	throw new MappingOptionsError(
		`${name} must be one of: ${allowed.join(', ')} (got ${shown(value)})`,
		`options.${name}`,
	);
}

export interface ResolvedOptions extends MapOptions {
	tolerance: Decimal;
}

/** Fills defaults and checks the options; throws MappingOptionsError. */
export function resolveMappingOptions(options: Partial<MapOptions> = {}): MapOptions {
	const { matchFirst, notMultiple, priceTolerance, partialPo, discontinued } = resolve(options);
	return { matchFirst, notMultiple, priceTolerance, partialPo, discontinued };
}

export function resolve(options: Partial<MapOptions>): ResolvedOptions {
	const tolerance = options.priceTolerance ?? DEFAULT_MAP_OPTIONS.priceTolerance;
	if (!isObject(tolerance))
		throw new MappingOptionsError(
			`priceTolerance must be {mode, value} (got ${shown(tolerance)})`,
			'options.priceTolerance',
		);
	const mode = oneOf(
		tolerance.mode,
		['absolute', 'percent'] as const,
		'priceTolerance.mode',
		'absolute',
	);
	let value: Decimal | undefined;
	try {
		value = parseDecimal(String(tolerance.value ?? '0'));
	} catch {
		value = undefined;
	}
	if (value === undefined)
		throw new MappingOptionsError(
			`priceTolerance.value must be a decimal such as "0.05" (got ${shown(tolerance.value)})`,
			'options.priceTolerance.value',
		);
	if (isNegative(value))
		throw new MappingOptionsError(
			`priceTolerance.value must not be negative (got ${shown(tolerance.value)})`,
			'options.priceTolerance.value',
		);
	return {
		matchFirst: oneOf(
			options.matchFirst,
			['asin', 'vendorProductIdentifier'] as const,
			'matchFirst',
			'asin',
		),
		notMultiple: oneOf(
			options.notMultiple,
			['exception', 'warning'] as const,
			'notMultiple',
			'exception',
		),
		priceTolerance: { mode, value: toDecimalString(value) },
		partialPo: oneOf(
			options.partialPo,
			['exceptions', 'continueWithRejections'] as const,
			'partialPo',
			'exceptions',
		),
		discontinued: oneOf(
			options.discontinued,
			['exception', 'reject'] as const,
			'discontinued',
			'exception',
		),
		tolerance: value,
	};
}
