/**
 * The options of {@link buildShipmentConfirmation}, checked once before the build: a bad option is
 * the caller's mistake, not the shipment's, so it throws InputError naming the option instead of
 * becoming an exception of the shipment. Pure: no n8n imports.
 */
import { InputError } from './problems';
import { epochMsOf } from '../values';
import { rulesFor } from './regionRules';
import { isObject, shown, text } from './read';
import type {
	AsnRegion,
	BuildShipmentOptions,
	CarrierRow,
	PreviousConfirmation,
	RegionRules,
	ShipmentStructure,
	SsccOptions,
} from './types';

export const STRUCTURES: readonly ShipmentStructure[] = [
	'PalletizedAssortmentCase',
	'LooseAssortmentCase',
	'PalletOfItems',
	'PalletizedStandardCase',
	'LooseStandardCase',
	'MasterPallet',
	'MasterCase',
];

/** The options as the steps use them. */
export interface BuildSettings {
	region: AsnRegion;
	rules: RegionRules;
	nowMs: number;
	quantityUnit: 'purchaseOrder' | 'eaches';
	confirmationType: 'Original' | 'Replace';
	structure?: ShipmentStructure;
	carriers: readonly CarrierRow[];
	usedShipmentIdentifiers: readonly unknown[];
	previous?: PreviousConfirmation;
	sscc?: SsccOptions;
	sellingPartyId?: string;
	estimatedTransitDays: number;
}

/** Epoch milliseconds of `now` (the current time when it is left out). */
export function epoch(value: unknown): number {
	if (value === undefined) return Date.now();
	const ms = epochMsOf(value);
	if (!Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime()))
		throw new InputError(`now is not a valid date (got ${shown(value)})`, 'options.now');
	return ms;
}

function oneOf<T extends string>(
	value: unknown,
	allowed: readonly T[],
	name: string,
): T | undefined {
	if (value === undefined) return undefined;
	const choices = allowed.length > 2 ? `one of ${allowed.join(', ')}` : allowed.join(' or ');
	if (!allowed.includes(value as T))
		throw new InputError(`${name} must be ${choices} (got ${shown(value)})`, `options.${name}`);
	return value as T;
}

function listOption(value: unknown, name: string): readonly unknown[] {
	if (value === undefined) return [];
	if (!Array.isArray(value))
		throw new InputError(`${name} must be a list (got ${shown(value)})`, `options.${name}`);
	return value;
}

function readCarriers(value: unknown): CarrierRow[] {
	return listOption(value, 'carriers').map((row, i) => {
		const path = `options.carriers[${i}]`;
		if (!isObject(row) || typeof row.name !== 'string' || typeof row.scac !== 'string')
			throw new InputError(`${path} must be a row {name, scac} of texts (got ${shown(row)})`, path);
		return { name: row.name, scac: row.scac };
	});
}

function readPreviousOption(value: unknown): PreviousConfirmation | undefined {
	if (value === undefined) return undefined;
	if (!isObject(value) || !isObject(value.confirmation))
		throw new InputError(
			`previous must be {confirmation, submittedAt} (got ${shown(value)})`,
			'options.previous',
		);
	return value as unknown as PreviousConfirmation;
}

function readSsccOption(value: unknown): SsccOptions | undefined {
	if (value === undefined) return undefined;
	if (!isObject(value))
		throw new InputError(`sscc must be an object (got ${shown(value)})`, 'options.sscc');
	const wrong = (key: string, expected: string) =>
		new InputError(
			`sscc.${key} must be ${expected} (got ${shown(value[key])})`,
			`options.sscc.${key}`,
		);
	if (value.companyPrefix !== undefined && typeof value.companyPrefix !== 'string')
		throw wrong('companyPrefix', 'a text of 7 to 10 digits');
	if (value.serials !== undefined && !Array.isArray(value.serials))
		throw wrong('serials', 'a list of serials');
	if (value.nextSerials !== undefined && typeof value.nextSerials !== 'function')
		throw wrong('nextSerials', 'a function');
	if (value.usedSsccs !== undefined && !Array.isArray(value.usedSsccs))
		throw wrong('usedSsccs', 'a list of SSCCs');
	if (value.placeholders !== undefined && typeof value.placeholders !== 'boolean')
		throw wrong('placeholders', 'true or false');
	oneOf(value.generate, ['missing', 'never'], 'sscc.generate');
	return value as SsccOptions;
}

/** Checks and reads the options. Throws InputError naming the option. */
/** estimatedTransitDays: a whole number of 0 to 365 (0 when left out). */
function transitDays(value: unknown): number {
	if (value === undefined || value === null || value === '') return 0;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 365)
		throw new InputError(
			`estimatedTransitDays must be a whole number of days from 0 to 365 (got ${shown(value)})`,
			'options.estimatedTransitDays',
		);
	return value;
}

export function readBuildOptions(options: BuildShipmentOptions): BuildSettings {
	const rules = rulesFor(options);
	const out: BuildSettings = {
		region: options.region,
		rules,
		nowMs: epoch(options.now),
		quantityUnit:
			oneOf(options.quantityUnit, ['purchaseOrder', 'eaches'], 'quantityUnit') ?? 'purchaseOrder',
		confirmationType:
			oneOf(options.confirmationType, ['Original', 'Replace'], 'confirmationType') ?? 'Original',
		carriers: readCarriers(options.carriers),
		usedShipmentIdentifiers: listOption(options.usedShipmentIdentifiers, 'usedShipmentIdentifiers'),
		estimatedTransitDays: transitDays(options.estimatedTransitDays),
	};
	const structure = oneOf(options.shipmentStructure, STRUCTURES, 'shipmentStructure');
	if (structure !== undefined) out.structure = structure;
	const previous = readPreviousOption(options.previous);
	if (previous !== undefined) out.previous = previous;
	const sscc = readSsccOption(options.sscc);
	if (sscc !== undefined) out.sscc = sscc;
	const sellingPartyId = text(options.sellingPartyId);
	if (sellingPartyId !== undefined) out.sellingPartyId = sellingPartyId;
	return out;
}
