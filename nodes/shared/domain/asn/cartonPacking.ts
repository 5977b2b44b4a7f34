/**
 * Before the build: the physical cartons of a shipment. Amazon wants one SSCC label per physical
 * carton, matching the ASN (a missing or mismatched label is charged back per carton), while shops
 * and many warehouses record only lines ("5 cases of SKU-CASE"). Pure: no n8n imports.
 *
 * Rules:
 * - `cartonRule: 'onePerCase'` (default): a case-packed line (a Cases PO line) ships one carton per
 *   case: 5 cases in a given carton become 5 cartons of one case each, each with its own SSCC.
 *   `asGiven`: the cartons stay as given.
 * - Eaches lines (an Eaches PO line) follow `eachesPacking`: `asGiven` (default; they stay in the
 *   carton given), `unitsPerCarton` (each SKU in cartons of at most `eachesPerCarton` units, one SKU
 *   per carton) or `mixed` (the eaches of all SKUs of the shipment together, in order, in cartons of
 *   at most `eachesPerCarton` units, 0 = no limit; cartons on different pallets are never mixed).
 * - A carton that carries an SSCC, a weight or dimensions is a physical carton the warehouse
 *   labelled or measured: it is never repacked. Contents that cannot be read, are not whole cases,
 *   or belong to no single PO line stay in their carton, for the ASN checks to report.
 * - Tracking numbers: a repacked carton has none of its own; the shipment's `trackingNumbers` are
 *   handed out in carton order (one per carton, skipping numbers a carton already carries). When
 *   there are fewer numbers than cartons (or none, in a small parcel shipment whose cartons were
 *   repacked), the cartons left carry their given carton's number, else the shipment's
 *   `trackingNumber`, with a warning; numbers left over are warned too. When nothing was repacked
 *   and no list is given, tracking numbers are left as they are.
 */
import { candidateLines } from './lineAssignment';
import { InputError } from './problems';
import { requirePurchaseOrders } from './purchaseOrders';
import { isObject, shown, text, wholeEaches } from './read';
import type { AcknowledgedPurchaseOrder, AsnCarton, AsnContent, AsnShipment } from './types';

export type CartonRule = 'onePerCase' | 'asGiven';
export type EachesPacking = 'asGiven' | 'unitsPerCarton' | 'mixed';

export interface CartonPackingOptions {
	/** Default onePerCase. */
	cartonRule?: CartonRule;
	/** Default asGiven. */
	eachesPacking?: EachesPacking;
	/** Units per carton for `unitsPerCarton` (1 or more) and `mixed` (0 = no limit). */
	eachesPerCarton?: number;
}

export interface CartonPacking {
	/** A copy of the shipment with the physical cartons. */
	shipment: AsnShipment;
	warnings: string[];
	givenCartonCount: number;
	cartonCount: number;
}

const CARTON_RULES: readonly CartonRule[] = ['onePerCase', 'asGiven'];
const EACHES_RULES: readonly EachesPacking[] = ['asGiven', 'unitsPerCarton', 'mixed'];

/** Checks the options; throws InputError naming the option. */
export function checkPackingOptions(options: CartonPackingOptions): Required<CartonPackingOptions> {
	if (!isObject(options as unknown))
		throw new InputError(
			`The packing options must be an object (got ${shown(options)})`,
			'options',
		);
	const cartonRule = options.cartonRule ?? 'onePerCase';
	const eachesPacking = options.eachesPacking ?? 'asGiven';
	const eachesPerCarton = options.eachesPerCarton ?? 0;
	if (!CARTON_RULES.includes(cartonRule))
		throw new InputError(
			`cartonRule must be ${CARTON_RULES.join(' or ')} (got ${JSON.stringify(cartonRule)})`,
			'options.cartonRule',
		);
	if (!EACHES_RULES.includes(eachesPacking))
		throw new InputError(
			`eachesPacking must be ${EACHES_RULES.join(', ')} (got ${JSON.stringify(eachesPacking)})`,
			'options.eachesPacking',
		);
	if (
		typeof eachesPerCarton !== 'number' ||
		!Number.isSafeInteger(eachesPerCarton) ||
		eachesPerCarton < 0
	) {
		throw new InputError(
			'eachesPerCarton must be a whole number of 0 or more ' +
				`(got ${JSON.stringify(eachesPerCarton)})`,
			'options.eachesPerCarton',
		);
	}
	if (eachesPacking === 'unitsPerCarton' && eachesPerCarton < 1)
		throw new InputError(
			'eachesPerCarton must be 1 or more to pack eaches by units per carton',
			'options.eachesPerCarton',
		);
	return { cartonRule, eachesPacking, eachesPerCarton };
}

/** A list of tracking numbers from a list or a comma/space separated text; duplicates dropped. */
export function readTrackingNumbers(value: unknown): string[] {
	const raw =
		typeof value === 'string' ? value.split(/[\s,;]+/) : Array.isArray(value) ? value : [];
	const out: string[] = [];
	for (const v of raw) {
		const t = text(isObject(v) ? (v.number ?? v.trackingNumber) : v);
		if (t !== undefined && !out.includes(t)) out.push(t);
	}
	return out;
}

/** Cuts `eaches` into pieces of at most `size` (0 = one piece). */
function pieces(eaches: number, size: number): number[] {
	if (size <= 0 || eaches <= size) return [eaches];
	const out: number[] = [];
	for (let left = eaches; left > 0; left -= size) out.push(Math.min(size, left));
	return out;
}

interface Planned {
	carton: AsnCarton;
	/** Made by repacking (no tracking number of its own). */
	repacked: boolean;
	/** The given carton's tracking number, as a fallback. */
	givenTracking?: string;
}

type MixedPools = Map<string, { palletId?: string; contents: AsnContent[] }>;

interface Packer {
	options: Required<CartonPackingOptions>;
	purchaseOrders: readonly AcknowledgedPurchaseOrder[];
	planned: Planned[];
	mixedPools: MixedPools;
}

/** Where one content goes: cartons of its own, the mixed pool, or the rest left in the carton. */
function sortContent(
	content: AsnContent,
	carton: AsnCarton,
	packer: Packer,
	own: AsnContent[][],
	rest: AsnContent[],
): void {
	const { cartonRule, eachesPacking, eachesPerCarton } = packer.options;
	const candidates = isObject(content) ? candidateLines(content, packer.purchaseOrders) : [];
	const eaches = isObject(content) ? wholeEaches(content.eaches) : undefined;
	if (candidates.length !== 1 || eaches === undefined) {
		rest.push(content);
		return;
	}
	const line = candidates[0].line;
	if (line.unitOfMeasure === 'Cases') {
		if (cartonRule === 'onePerCase' && line.unitSize > 0 && eaches % line.unitSize === 0) {
			for (let k = 0; k < eaches / line.unitSize; k++)
				own.push([{ ...content, eaches: line.unitSize }]);
		} else rest.push(content);
	} else if (eachesPacking === 'unitsPerCarton') {
		for (const n of pieces(eaches, eachesPerCarton)) own.push([{ ...content, eaches: n }]);
	} else if (eachesPacking === 'mixed') {
		const key = text(carton.palletId) ?? '';
		const pool = packer.mixedPools.get(key) ?? { ...(key ? { palletId: key } : {}), contents: [] };
		pool.contents.push(content);
		packer.mixedPools.set(key, pool);
	} else rest.push(content);
}

/** Plans one given carton: as it is, or the cartons it is repacked into. */
function planCarton(carton: AsnCarton, packer: Packer): void {
	const physical =
		isObject(carton) &&
		(text(carton.sscc) !== undefined ||
			carton.weight !== undefined ||
			carton.dimensions !== undefined);
	if (!isObject(carton) || !Array.isArray(carton.contents) || physical) {
		packer.planned.push({ carton, repacked: false });
		return;
	}
	const { contents, trackingNumber, ...base } = carton;
	const own: AsnContent[][] = [];
	const rest: AsnContent[] = [];
	for (const content of contents) sortContent(content, carton, packer, own, rest);
	if (rest.length === contents.length) {
		packer.planned.push({ carton, repacked: false });
		return;
	}
	const made = [...own, ...(rest.length ? [rest] : [])];
	const id = text(carton.id);
	const givenTracking = text(trackingNumber);
	made.forEach((inside, k) => {
		const out: AsnCarton = { ...base, contents: inside };
		if (id !== undefined) out.id = made.length === 1 ? id : `${id}-${k + 1}`;
		packer.planned.push({
			carton: out,
			repacked: true,
			...(givenTracking !== undefined ? { givenTracking } : {}),
		});
	});
}

/** Mixed cartons of eaches, per pallet (loose ones together), filled in order. */
function packMixed(shipment: AsnShipment, packer: Packer): void {
	const { eachesPerCarton } = packer.options;
	let mixedCount = 0;
	for (const pool of packer.mixedPools.values()) {
		let current: AsnContent[] = [];
		let room = eachesPerCarton;
		const close = () => {
			if (!current.length) return;
			mixedCount++;
			const out: AsnCarton = {
				id: `${text(shipment.shipmentIdentifier) ?? 'shipment'}-MIX-${mixedCount}`,
				contents: current,
			};
			if (pool.palletId !== undefined) out.palletId = pool.palletId;
			packer.planned.push({ carton: out, repacked: true });
			current = [];
			room = eachesPerCarton;
		};
		for (const content of pool.contents) {
			let left = wholeEaches(content.eaches) as number;
			while (left > 0) {
				if (eachesPerCarton > 0 && room === 0) close();
				const take = eachesPerCarton > 0 ? Math.min(left, room) : left;
				current.push({ ...content, eaches: take });
				left -= take;
				if (eachesPerCarton > 0) room -= take;
			}
		}
		close();
	}
}

/** Tracking numbers over the cartons (see the module notes). */
function handOutTracking(shipment: AsnShipment, planned: Planned[], warnings: string[]): void {
	const list = readTrackingNumbers(shipment.trackingNumbers);
	const carried = new Set(
		planned
			.map((p) => (isObject(p.carton) ? text(p.carton.trackingNumber) : undefined))
			.filter((t): t is string => t !== undefined),
	);
	const queue = list.filter((t) => !carried.has(t));
	const shipmentTracking = text(shipment.trackingNumber) ?? list[0];
	const fellBack: string[] = [];
	// Parcel cartons need a tracking number each: once cartons were repacked (or numbers given), every
	// carton without one takes the next number, else a shared one. Nothing is added otherwise.
	const parcel = /parcel/i.test(String(shipment.shipmentType ?? ''));
	const fill = list.length > 0 || (parcel && planned.some((p) => p.repacked));
	planned.forEach((p, i) => {
		if (!fill || !isObject(p.carton) || text(p.carton.trackingNumber) !== undefined) return;
		const next = queue.shift();
		if (next !== undefined) p.carton.trackingNumber = next;
		else {
			const fallback = p.givenTracking ?? shipmentTracking;
			if (fallback !== undefined) {
				p.carton.trackingNumber = fallback;
				fellBack.push(`${text(p.carton.id) ?? `cartons[${i}]`} (${fallback})`);
			}
		}
	});
	if (fellBack.length)
		warnings.push(
			`${planned.length} cartons but ${list.length || 'no separate'} tracking number(s): ` +
				`${fellBack.join(', ')} carry a number shared with another carton`,
		);
	if (queue.length)
		warnings.push(`${queue.length} tracking number(s) not on any carton: ${queue.join(', ')}`);
}

/**
 * Packs the shipment's cartons by the rules above. Throws InputError for bad options or malformed
 * purchase orders only.
 */
export function packCartons(
	shipment: AsnShipment,
	purchaseOrders: readonly AcknowledgedPurchaseOrder[],
	options: CartonPackingOptions = {},
): CartonPacking {
	const checked = checkPackingOptions(options);
	requirePurchaseOrders(purchaseOrders);
	if (!isObject(shipment) || !Array.isArray(shipment.cartons)) {
		return { shipment, warnings: [], givenCartonCount: 0, cartonCount: 0 };
	}
	const warnings: string[] = [];
	const packer: Packer = { options: checked, purchaseOrders, planned: [], mixedPools: new Map() };
	for (const carton of shipment.cartons) planCarton(carton, packer);
	packMixed(shipment, packer);
	handOutTracking(shipment, packer.planned, warnings);
	const packed: AsnShipment = { ...shipment, cartons: packer.planned.map((p) => p.carton) };
	return {
		shipment: packed,
		warnings,
		givenCartonCount: shipment.cartons.length,
		cartonCount: packer.planned.length,
	};
}
