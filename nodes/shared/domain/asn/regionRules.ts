/** Amazon's per-marketplace ASN rules, and the options' overrides of them. Pure: no n8n imports. */
import { InputError } from './problems';
import { isObject, shown } from './read';
import type { AsnRegion, BuildShipmentOptions, RegionRules } from './types';

/**
 * Amazon's per-marketplace table (vendor retail procurement guide): SSCC mandatory on every carton
 * in NA and EU (recommended in IN); SCAC mandatory in NA; PRO number mandatory in NA and IN; BOL
 * mandatory for TL/LTL in NA and always in EU. FE is not in Amazon's table: the lenient IN-like
 * defaults without the PRO rule. Override any of them with `regionRules`.
 */
export const REGION_RULES: Readonly<Record<AsnRegion, Readonly<RegionRules>>> = Object.freeze({
	NA: Object.freeze({
		scacRequired: true,
		proNumberRequired: true,
		billOfLading: 'truckload',
		ssccOnEveryCarton: true,
	}),
	EU: Object.freeze({
		scacRequired: false,
		proNumberRequired: false,
		billOfLading: 'always',
		ssccOnEveryCarton: true,
	}),
	IN: Object.freeze({
		scacRequired: false,
		proNumberRequired: true,
		billOfLading: 'truckload',
		ssccOnEveryCarton: false,
	}),
	FE: Object.freeze({
		scacRequired: false,
		proNumberRequired: false,
		billOfLading: 'truckload',
		ssccOnEveryCarton: false,
	}),
}) as Readonly<Record<AsnRegion, Readonly<RegionRules>>>;

const FLAGS = ['scacRequired', 'proNumberRequired', 'ssccOnEveryCarton'] as const;
const BILL_OF_LADING_RULES: ReadonlyArray<RegionRules['billOfLading']> = [
	'always',
	'truckload',
	'optional',
];

/** The region's rules with the overrides applied. Throws InputError for a bad region or override. */
export function rulesFor(
	options: Pick<BuildShipmentOptions, 'region' | 'regionRules'>,
): RegionRules {
	if (!isObject(options))
		throw new InputError(`The options must be an object (got ${shown(options)})`, 'options');
	const region = options.region;
	if (typeof region !== 'string' || !Object.prototype.hasOwnProperty.call(REGION_RULES, region))
		throw new InputError(
			`region must be one of ${Object.keys(REGION_RULES).join(', ')} (got ${shown(region)})`,
			'options.region',
		);
	const out: RegionRules = { ...REGION_RULES[region as AsnRegion] };
	const overrides: unknown = options.regionRules ?? {};
	if (!isObject(overrides))
		throw new InputError(
			`regionRules must be an object (got ${shown(overrides)})`,
			'options.regionRules',
		);
	for (const key of FLAGS) {
		const v = overrides[key];
		if (v === undefined) continue;
		if (typeof v !== 'boolean')
			throw new InputError(
				`regionRules.${key} must be true or false (got ${shown(v)})`,
				`options.regionRules.${key}`,
			);
		out[key] = v;
	}
	const bol = overrides.billOfLading;
	if (bol !== undefined) {
		if (!BILL_OF_LADING_RULES.includes(bol as RegionRules['billOfLading']))
			throw new InputError(
				`regionRules.billOfLading must be ${BILL_OF_LADING_RULES.join(', ')} (got ${shown(bol)})`,
				'options.regionRules.billOfLading',
			);
		out.billOfLading = bol as RegionRules['billOfLading'];
	}
	return out;
}
