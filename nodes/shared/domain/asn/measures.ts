/**
 * Weights, dimensions and volumes as the warehouse gives them, in the model's units (cm and mm to
 * metres exactly, by moving the decimal point), and the ship-from party. Pure: no n8n imports.
 */
import type {
	Dimensions,
	PartyIdentification,
	Volume,
	Weight,
} from '../../generated/vendorShipments';
import { Decimal, parseDecimal, toDecimalString } from '../money';
import type { ProblemCollector } from './problems';
import { alias, isObject, listOf, shown, text } from './read';
import type { AsnAddress, AsnDimensions, AsnParty, AsnVolume, AsnWeight } from './types';

const WEIGHT_UNITS: Record<string, Weight['unitOfMeasure']> = {
	g: 'G',
	gr: 'G',
	gram: 'G',
	grams: 'G',
	kg: 'Kg',
	kgs: 'Kg',
	kilogram: 'Kg',
	kilograms: 'Kg',
	oz: 'Oz',
	ounce: 'Oz',
	ounces: 'Oz',
	lb: 'Lb',
	lbs: 'Lb',
	pound: 'Lb',
	pounds: 'Lb',
};

/** Dimension units; the number is the power of ten to divide by to get the model's unit. */
const DIMENSION_UNITS: Record<string, [Dimensions['unitOfMeasure'], number]> = {
	in: ['In', 0],
	inch: ['In', 0],
	inches: ['In', 0],
	ft: ['Ft', 0],
	foot: ['Ft', 0],
	feet: ['Ft', 0],
	m: ['Meter', 0],
	meter: ['Meter', 0],
	meters: ['Meter', 0],
	metre: ['Meter', 0],
	metres: ['Meter', 0],
	yd: ['Yard', 0],
	yard: ['Yard', 0],
	yards: ['Yard', 0],
	cm: ['Meter', 2],
	mm: ['Meter', 3],
};

const VOLUME_UNITS: Record<string, Volume['unitOfMeasure']> = {
	cuft: 'CuFt',
	ft3: 'CuFt',
	cuin: 'CuIn',
	in3: 'CuIn',
	cum: 'CuM',
	m3: 'CuM',
	cbm: 'CuM',
	cuy: 'CuY',
	cuyd: 'CuY',
	yd3: 'CuY',
};

function measure(value: unknown, path: string, c: ProblemCollector): Decimal | undefined {
	let t: string | undefined;
	if (typeof value === 'number' && Number.isFinite(value)) t = String(value);
	else if (typeof value === 'string') t = value.trim();
	let d: Decimal | undefined;
	if (t !== undefined) {
		try {
			d = parseDecimal(t);
		} catch {
			d = undefined;
		}
	}
	if (d === undefined || d.units < BigInt(0)) {
		c.invalid(`${path} must be a decimal number of 0 or more (got ${shown(value)})`, path);
		return undefined;
	}
	return d;
}

/** The unit of a measure object, or undefined (with the problem) when it is not one of `units`. */
function unitOf<T>(
	value: Record<string, unknown>,
	table: Record<string, T>,
	units: string,
	path: string,
	c: ProblemCollector,
): T | undefined {
	const unit = alias(value.unit, table);
	if (unit === undefined)
		c.invalid(`${path}.unit must be one of ${units} (got ${shown(value.unit)})`, `${path}.unit`);
	return unit;
}

/** `{value, unit}` as the model's weight or volume. */
function valueWithUnit<T>(
	value: unknown,
	table: Record<string, T>,
	units: string,
	path: string,
	c: ProblemCollector,
): { unitOfMeasure: T; value: string } | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) {
		c.invalid(`${path} must be an object {value, unit} (got ${shown(value)})`, path);
		return undefined;
	}
	const unit = unitOf(value, table, units, path, c);
	const v = measure(value.value, `${path}.value`, c);
	return unit === undefined || v === undefined
		? undefined
		: { unitOfMeasure: unit, value: toDecimalString(v) };
}

export function weightOf(
	value: AsnWeight | undefined,
	path: string,
	c: ProblemCollector,
): Weight | undefined {
	return valueWithUnit(value, WEIGHT_UNITS, 'kg, g, lb, oz', path, c);
}

export function volumeOf(
	value: AsnVolume | undefined,
	path: string,
	c: ProblemCollector,
): Volume | undefined {
	return valueWithUnit(value, VOLUME_UNITS, 'CuFt, CuIn, CuM, CuY', path, c);
}

export function dimensionsOf(
	value: AsnDimensions | undefined,
	path: string,
	c: ProblemCollector,
): Dimensions | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) {
		c.invalid(
			`${path} must be an object {length, width, height, unit} (got ${shown(value)})`,
			path,
		);
		return undefined;
	}
	const unit = unitOf(value, DIMENSION_UNITS, 'in, ft, m, yd, cm, mm', path, c);
	const l = measure(value.length, `${path}.length`, c);
	const w = measure(value.width, `${path}.width`, c);
	const h = measure(value.height, `${path}.height`, c);
	if (unit === undefined || l === undefined || w === undefined || h === undefined) return undefined;
	const [uom, shift] = unit;
	// cm and mm to metres: exact, by moving the decimal point.
	const scaled = (d: Decimal) => toDecimalString(new Decimal(d.units, d.scale + shift));
	return { length: scaled(l), width: scaled(w), height: scaled(h), unitOfMeasure: uom };
}

type OptionalAddressKey = Exclude<keyof AsnAddress, 'name' | 'addressLine1' | 'countryCode'>;

/** The optional address fields, copied when given. */
const ADDRESS_KEYS =
	'addressLine2 addressLine3 city county district stateOrRegion postalCode phone'.split(
		' ',
	) as OptionalAddressKey[];

/** The ship-from party in the model's shape (the model check reports a malformed address). */
export function partyOf(value: AsnParty): PartyIdentification {
	const out: PartyIdentification = { partyId: text(value.partyId) ?? '' };
	if (value.address) {
		const a = value.address;
		const addr: NonNullable<PartyIdentification['address']> = {
			name: a.name,
			addressLine1: a.addressLine1,
			countryCode: a.countryCode,
		};
		for (const key of ADDRESS_KEYS) {
			if (a[key] !== undefined && a[key] !== '') addr[key] = a[key];
		}
		out.address = addr;
	}
	const tax = listOf(value.taxRegistrationDetails);
	if (tax.length)
		out.taxRegistrationDetails = tax.map((t) => ({ ...(t as object) })) as NonNullable<
			PartyIdentification['taxRegistrationDetails']
		>;
	return out;
}
