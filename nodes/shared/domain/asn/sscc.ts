/**
 * SSCCs of the cartons and pallets: a container's SSCC from the warehouse is validated (18 digits,
 * GS1 mod-10; the "00"-prefixed and bracketed forms are read too); a missing one is generated from
 * the GS1 company prefix, the extension digit and a serial SUPPLIED BY THE CALLER (see
 * SsccOptions). Pallets always get an SSCC; cartons when the region requires one on every carton
 * or when a serial source is given. SSCCs in `usedSsccs` or twice in the shipment are refused.
 * Pure: no n8n imports.
 */
import type { ContainerRef } from './contents';
import { buildSscc, parseSscc, ssccSerialWidth } from './gs1';
import type { BuildSettings } from './options';
import { InputError, type ProblemCollector } from './problems';
import { rulesFor } from './regionRules';
import { containerName, isObject, listOf, seq, shown, text } from './read';
import { previousSsccNumbers } from './replace';
import { containerRef } from './structure';
import type {
	AsnCarton,
	AsnPallet,
	AsnShipment,
	BuildShipmentOptions,
	GeneratedSscc,
	RegionRules,
	SsccOptions,
} from './types';

export interface ContainerSscc {
	sscc: string;
	generated: boolean;
}

export interface Ssccs {
	cartons: Array<ContainerSscc | undefined>;
	pallets: Array<ContainerSscc | undefined>;
	generated: GeneratedSscc[];
	/** How many serials the containers without a warehouse SSCC take. */
	serialsNeeded: number;
}

function ssccNeeds(
	cartons: readonly unknown[],
	pallets: readonly unknown[],
	rules: RegionRules,
	sscc: SsccOptions | undefined,
): { toGenerate: ContainerRef[]; missing: ContainerRef[] } {
	const canGenerate =
		sscc?.generate !== 'never' &&
		sscc?.companyPrefix !== undefined &&
		(sscc.serials !== undefined || sscc.nextSerials !== undefined || sscc.placeholders === true);
	const toGenerate: ContainerRef[] = [];
	const missing: ContainerRef[] = [];
	const visit = (type: 'carton' | 'pallet', list: readonly unknown[], required: boolean) =>
		list.forEach((raw, i) => {
			const container = isObject(raw) ? (raw as unknown as AsnCarton | AsnPallet) : undefined;
			if (text(container?.sscc) !== undefined) return;
			const ref: ContainerRef = { type, index: i, id: container?.id, path: `${type}s[${i}]` };
			if (canGenerate) toGenerate.push(ref);
			else if (required) missing.push(ref);
		});
	visit('carton', cartons, rules.ssccOnEveryCarton);
	visit('pallet', pallets, true);
	return { toGenerate, missing };
}

/**
 * How many SSCC serials {@link buildShipmentConfirmation} will take for this shipment: one per
 * container without a warehouse SSCC (cartons only where the region wants an SSCC on every carton
 * or a serial source is configured; every pallet). Reserve this many before calling it. Throws
 * InputError for bad options.
 */
export function countSsccsToGenerate(
	shipment: AsnShipment,
	options: Pick<BuildShipmentOptions, 'region' | 'regionRules'> & {
		sscc?: Omit<SsccOptions, 'serials' | 'nextSerials'>;
	},
): number {
	const rules = rulesFor(options);
	const sscc: unknown = options.sscc;
	if (sscc !== undefined && !isObject(sscc))
		throw new InputError(`sscc must be an object (got ${shown(sscc)})`, 'options.sscc');
	if (options.sscc?.generate === 'never' || options.sscc?.companyPrefix === undefined) return 0;
	const s: Partial<AsnShipment> = isObject(shipment) ? shipment : {};
	const needs = ssccNeeds(listOf(s.cartons), listOf(s.pallets), rules, {
		...options.sscc,
		serials: [],
	});
	return needs.toGenerate.length;
}

// ---------------------------------------------------------------------------------------------
// The SSCC step of the build

class SsccBook {
	readonly out: Ssccs;
	private readonly used = new Map<string, string>();
	private readonly seen = new Map<string, string>();

	constructor(
		cartonCount: number,
		palletCount: number,
		private readonly settings: BuildSettings,
		private readonly c: ProblemCollector,
	) {
		this.out = {
			cartons: new Array(cartonCount),
			pallets: new Array(palletCount),
			generated: [],
			serialsNeeded: 0,
		};
		for (const u of settings.sscc?.usedSsccs ?? []) {
			const parsed = parseSscc(u);
			if (parsed.ok) this.used.set(parsed.sscc, u);
		}
		// A Replace describes the same cartons and pallets: their SSCCs are not "reused".
		if (settings.confirmationType === 'Replace' && settings.previous !== undefined)
			for (const number of previousSsccNumbers(settings.previous)) {
				const parsed = parseSscc(number);
				if (parsed.ok) this.used.delete(parsed.sscc);
			}
	}

	record(ref: ContainerRef, sscc: string, generated: boolean): void {
		const slot = ref.type === 'carton' ? this.out.cartons : this.out.pallets;
		if (generated && this.settings.sscc?.placeholders) {
			slot[ref.index] = { sscc, generated };
			return;
		}
		const where = containerName(ref.type, ref.id, ref.path);
		if (this.used.has(sscc))
			this.c.add(
				'SSCC_REUSED',
				`${where}: SSCC ${sscc} was already used in the last 365 days`,
				ref.path,
				{
					sscc,
				},
			);
		const other = this.seen.get(sscc);
		if (other !== undefined)
			this.c.add('DUPLICATE_SSCC', `${where}: SSCC ${sscc} is also on ${other}`, ref.path, {
				sscc,
			});
		else this.seen.set(sscc, where);
		slot[ref.index] = { sscc, generated };
	}
}

function checkGiven(
	cartons: AsnCarton[],
	pallets: AsnPallet[],
	book: SsccBook,
	settings: BuildSettings,
	c: ProblemCollector,
): void {
	const refs = [
		...cartons.map((carton, i) => containerRef('carton', carton, i)),
		...pallets.map((pallet, i) => containerRef('pallet', pallet, i)),
	];
	const prefix = settings.sscc?.companyPrefix;
	for (const ref of refs) {
		if (ref.given === undefined) continue;
		const raw = (ref.type === 'carton' ? cartons[ref.index] : pallets[ref.index])?.sscc;
		const parsed = parseSscc(raw);
		const where = containerName(ref.type, ref.id, ref.path);
		if (!parsed.ok) {
			c.add('INVALID_SSCC', `${where}: ${parsed.problem}`, `${ref.path}.sscc`, { sscc: raw });
			continue;
		}
		book.record(ref, parsed.sscc, false);
		if (prefix !== undefined && !parsed.sscc.startsWith(prefix, 1))
			c.warn(
				`${where}: SSCC ${parsed.sscc} is not under the company prefix ${prefix} (a 3PL's own prefix?)`,
			);
	}
}

function reportMissing(
	missing: ContainerRef[],
	settings: BuildSettings,
	c: ProblemCollector,
): void {
	for (const ref of missing) {
		const why =
			ref.type === 'pallet'
				? 'every pallet needs an identifier'
				: `${settings.region} requires an SSCC on every carton`;
		c.add(
			'SSCC_MISSING',
			`${containerName(ref.type, ref.id, ref.path)} has no SSCC and none can be generated ` +
				`(${why}; configure the GS1 company prefix and a serial source)`,
			`${ref.path}.sscc`,
		);
	}
}

/** The serials to generate with, or undefined with SSCC_SOURCE_INVALID. */
function serialsFor(
	needed: number,
	sscc: SsccOptions,
	c: ProblemCollector,
): ReadonlyArray<number | string> | undefined {
	try {
		ssccSerialWidth(sscc.companyPrefix as string);
		const ext = sscc.extensionDigit ?? 0;
		if (!Number.isInteger(ext) || ext < 0 || ext > 9)
			throw new Error(`The SSCC extension digit must be 0 to 9 (got ${shown(ext)})`);
		const serials: unknown = sscc.placeholders
			? Array.from({ length: needed }, (_, k) => k)
			: sscc.serials !== undefined
				? sscc.serials
				: (sscc.nextSerials as (n: number) => ReadonlyArray<number | string>)(needed);
		if (!Array.isArray(serials))
			throw new Error(`the serial source gave ${shown(serials)}, not a list of serials`);
		return serials;
	} catch (error) {
		c.add('SSCC_SOURCE_INVALID', `SSCCs cannot be generated: ${(error as Error).message}`);
		return undefined;
	}
}

function generate(
	toGenerate: ContainerRef[],
	book: SsccBook,
	sscc: SsccOptions,
	c: ProblemCollector,
): void {
	const serials = serialsFor(toGenerate.length, sscc, c);
	if (serials === undefined) return;
	if (serials.length < toGenerate.length)
		c.add(
			'SSCC_SERIALS_EXHAUSTED',
			`${toGenerate.length} SSCCs are needed but only ${serials.length} serials were supplied`,
			undefined,
			{ needed: toGenerate.length, supplied: serials.length },
		);
	const prefix = sscc.companyPrefix as string;
	const n = Math.min(serials.length, toGenerate.length);
	for (let k = 0; k < n; k++) {
		const ref = toGenerate[k];
		try {
			const made = buildSscc(sscc.extensionDigit ?? 0, prefix, serials[k]);
			book.record(ref, made, true);
			if (sscc.placeholders) continue;
			const g: GeneratedSscc = {
				containerType: ref.type,
				sequenceNumber: seq(ref.index + 1),
				serial: made.slice(1 + prefix.length, 17),
				sscc: made,
			};
			if (ref.id !== undefined) g.containerId = ref.id;
			book.out.generated.push(g);
		} catch (error) {
			c.add(
				'SSCC_SOURCE_INVALID',
				`${containerName(ref.type, ref.id, ref.path)}: ${(error as Error).message}`,
				ref.path,
			);
		}
	}
}

/** Validates the warehouse SSCCs and generates the missing ones. */
export function assignSsccs(
	cartons: AsnCarton[],
	pallets: AsnPallet[],
	settings: BuildSettings,
	c: ProblemCollector,
): Ssccs {
	const book = new SsccBook(cartons.length, pallets.length, settings, c);
	checkGiven(cartons, pallets, book, settings, c);
	const needs = ssccNeeds(cartons, pallets, settings.rules, settings.sscc);
	reportMissing(needs.missing, settings, c);
	if (needs.toGenerate.length > 0 && settings.sscc !== undefined)
		generate(needs.toGenerate, book, settings.sscc, c);
	book.out.serialsNeeded = needs.toGenerate.length;
	return book.out;
}
