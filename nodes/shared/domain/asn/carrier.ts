/**
 * Transport: the carrier (name or code -> SCAC through the caller's table; free text is never
 * sent), the PRO number, the bill of lading, tracking numbers, the shipment type and the mode.
 * Pure: no n8n imports.
 */
import type { BuildSettings } from './options';
import { InputError, type ProblemCollector } from './problems';
import { alias, isObject, shown, text } from './read';
import type { AsnCarton, AsnShipment, CarrierRow } from './types';

/**
 * Reads carrier rows from a table or input items: `{ name | carrier, scac | code }`. A SCAC must
 * be 2 to 4 letters (upper-cased here). Throws InputError listing every bad row.
 */
export function parseCarrierTable(rows: readonly unknown[]): CarrierRow[] {
	if (!Array.isArray(rows))
		throw new InputError(
			`The carrier table must be a list of {name, scac} rows (got ${shown(rows)})`,
			'rows',
		);
	const out: CarrierRow[] = [];
	const problems: string[] = [];
	rows.forEach((row, i) => {
		if (!isObject(row)) {
			problems.push(`rows[${i}] must be an object {name, scac}`);
			return;
		}
		const name = text(row.name) ?? text(row.carrier);
		const scac = (text(row.scac) ?? text(row.code))?.toUpperCase();
		if (name === undefined && scac === undefined) return;
		if (name === undefined) problems.push(`rows[${i}].name is required`);
		if (scac === undefined || !/^[A-Z]{2,4}$/.test(scac))
			problems.push(`rows[${i}].scac must be 2 to 4 letters (got ${shown(row.scac ?? row.code)})`);
		else if (name !== undefined) out.push({ name, scac });
	});
	if (problems.length)
		throw new InputError(`The carrier table has problems: ${problems.join('; ')}`, 'rows');
	return out;
}

function carrierKey(value: string): string {
	return value
		.toUpperCase()
		.replace(/[^A-Z0-9]+/g, ' ')
		.trim();
}

export type CarrierResolution =
	| { ok: true; scac: string; matchedBy: 'name' | 'scac' }
	| { ok: false; problem: string };

function checkTable(table: readonly CarrierRow[]): void {
	if (!Array.isArray(table))
		throw new InputError(`The carrier table must be a list (got ${shown(table)})`, 'table');
	table.forEach((row: unknown, i) => {
		if (!isObject(row) || typeof row.name !== 'string' || typeof row.scac !== 'string')
			throw new InputError(`table[${i}] must be a row {name, scac} of texts`, `table[${i}]`);
	});
}

/**
 * Resolves a carrier name or code to a SCAC through the table: the name compared without case or
 * punctuation ("United Parcel Service", "UNITED-PARCEL SERVICE"), or a SCAC already in the table.
 * Anything else is unknown: free text is never passed through. Throws InputError for a carrier
 * that is not a text or a malformed table.
 */
export function resolveCarrierScac(
	carrier: string,
	table: readonly CarrierRow[],
): CarrierResolution {
	if (typeof carrier !== 'string')
		throw new InputError(`The carrier must be a text (got ${shown(carrier)})`, 'carrier');
	checkTable(table);
	const key = carrierKey(carrier);
	if (key === '') return { ok: false, problem: 'no carrier given' };
	for (const row of table)
		if (carrierKey(row.name) === key)
			return { ok: true, scac: row.scac.toUpperCase(), matchedBy: 'name' };
	const asCode = carrier.trim().toUpperCase();
	for (const row of table)
		if (row.scac.toUpperCase() === asCode)
			return { ok: true, scac: row.scac.toUpperCase(), matchedBy: 'scac' };
	const known = table.length
		? `known carriers: ${table.map((r) => `${r.name} (${r.scac})`).join(', ')}`
		: 'the carrier table is empty';
	return {
		ok: false,
		problem:
			`carrier ${JSON.stringify(carrier)} is not in the carrier table (${known}); ` +
			'add a row mapping it to its SCAC',
	};
}

// ---------------------------------------------------------------------------------------------
// The transport step of the build

const SHIPMENT_TYPES: Record<string, 'TruckLoad' | 'LessThanTruckLoad' | 'SmallParcel'> = {
	truckload: 'TruckLoad',
	tl: 'TruckLoad',
	ftl: 'TruckLoad',
	fulltruckload: 'TruckLoad',
	lessthantruckload: 'LessThanTruckLoad',
	ltl: 'LessThanTruckLoad',
	smallparcel: 'SmallParcel',
	parcel: 'SmallParcel',
	sp: 'SmallParcel',
};

const TRANSPORT_MODES: Record<string, 'Road' | 'Air' | 'Ocean'> = {
	road: 'Road',
	truck: 'Road',
	ground: 'Road',
	air: 'Air',
	ocean: 'Ocean',
	sea: 'Ocean',
};

export interface Transport {
	shipmentType?: 'TruckLoad' | 'LessThanTruckLoad' | 'SmallParcel';
	transportationMode?: 'Road' | 'Air' | 'Ocean';
	carrierScac?: string;
	proNumber?: string;
	billOfLadingNumber?: string;
	/** The tracking number of carton `i`: its own, or the shipment's for a one-carton shipment. */
	cartonTracking: (i: number) => string | undefined;
}

function aliased<T>(
	value: unknown,
	table: Record<string, T>,
	name: string,
	allowed: string,
	c: ProblemCollector,
): T | undefined {
	if (value === undefined) return undefined;
	const out = alias(value, table);
	if (out === undefined) c.invalid(`${name} must be ${allowed} (got ${shown(value)})`, name);
	return out;
}

function carrierScacOf(
	shipment: AsnShipment,
	settings: BuildSettings,
	c: ProblemCollector,
): string | undefined {
	const carrier = text(shipment.carrier);
	if (carrier !== undefined) {
		const resolved = resolveCarrierScac(carrier, settings.carriers);
		if (resolved.ok) return resolved.scac;
		c.add('UNKNOWN_CARRIER', `Unknown carrier: ${resolved.problem}`, 'carrier', { carrier });
	} else if (settings.rules.scacRequired) {
		c.add(
			'CARRIER_MISSING',
			`The carrier is required in ${settings.region} (its SCAC is mandatory)`,
			'carrier',
		);
	}
	return undefined;
}

function looksLikeADate(bol: string): boolean {
	return /^\d{4}-\d{2}-\d{2}/.test(bol) || /^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/.test(bol);
}

function checkBillOfLading(
	bol: string | undefined,
	transport: Transport,
	palletCount: number,
	settings: BuildSettings,
	c: ProblemCollector,
): void {
	const { rules, region } = settings;
	const type = transport.shipmentType;
	if (bol !== undefined) {
		if (bol.length < 2 || looksLikeADate(bol))
			c.add(
				'BILL_OF_LADING_INVALID',
				`Bill of lading number ${JSON.stringify(bol)} must be the number on the paper BOL, ` +
					'not a single character or a date',
				'billOfLadingNumber',
			);
		return;
	}
	const why =
		rules.billOfLading === 'always'
			? `in ${region} (a delivery-note number is accepted instead)`
			: rules.billOfLading === 'truckload' && (type === 'TruckLoad' || type === 'LessThanTruckLoad')
				? `for ${type} shipments in ${region}`
				: undefined;
	if (why !== undefined)
		c.add(
			'BILL_OF_LADING_MISSING',
			`A bill of lading number is required ${why}`,
			'billOfLadingNumber',
		);
	else if (rules.billOfLading === 'truckload' && type === undefined && palletCount > 0)
		c.warn(
			'shipmentType is not given: if this palletised shipment is TruckLoad or LessThanTruckLoad, ' +
				'Amazon requires a bill of lading number',
		);
}

function checkParcelTracking(
	transport: Transport,
	cartons: AsnCarton[],
	c: ProblemCollector,
): void {
	if (transport.shipmentType !== 'SmallParcel') return;
	cartons.forEach((carton, i) => {
		if (transport.cartonTracking(i) === undefined)
			c.add(
				'TRACKING_NUMBER_MISSING',
				`Carton ${text(carton?.id) ?? `cartons[${i}]`} has no tracking number: ` +
					'every carton of a small parcel shipment needs one',
				`cartons[${i}].trackingNumber`,
			);
	});
}

/** Reads and checks the transport fields of the shipment against the region's rules. */
export function readTransport(
	shipment: AsnShipment,
	cartons: AsnCarton[],
	palletCount: number,
	settings: BuildSettings,
	c: ProblemCollector,
): Transport {
	const trackingNumber = text(shipment.trackingNumber);
	const transport: Transport = {
		shipmentType: aliased(
			shipment.shipmentType,
			SHIPMENT_TYPES,
			'shipmentType',
			'TruckLoad, LessThanTruckLoad or SmallParcel',
			c,
		),
		transportationMode: aliased(
			shipment.transportationMode,
			TRANSPORT_MODES,
			'transportationMode',
			'Road, Air or Ocean',
			c,
		),
		carrierScac: carrierScacOf(shipment, settings, c),
		proNumber: text(shipment.proNumber) ?? trackingNumber,
		billOfLadingNumber: text(shipment.billOfLadingNumber),
		cartonTracking: (i) =>
			text(cartons[i]?.trackingNumber) ?? (cartons.length === 1 ? trackingNumber : undefined),
	};
	if (transport.proNumber === undefined && settings.rules.proNumberRequired)
		c.add(
			'PRO_NUMBER_MISSING',
			'The PRO / tracking number (carrierShipmentReferenceNumber) is required in ' +
				settings.region,
			'proNumber',
		);
	checkBillOfLading(transport.billOfLadingNumber, transport, palletCount, settings, c);
	checkParcelTracking(transport, cartons, c);
	return transport;
}
