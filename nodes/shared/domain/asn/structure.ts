/**
 * Cartons and pallets: which carton is on which pallet, their contents (through contents.ts), and
 * the shipmentStructure they describe: cartons only -> LooseAssortmentCase (any carton mixes PO
 * lines) or LooseStandardCase; cartons on pallets -> PalletizedAssortmentCase /
 * PalletizedStandardCase; items straight on pallets -> PalletOfItems; loose and palletised cartons
 * together is an exception. MasterPallet / MasterCase only through the option. Pure: no n8n imports.
 */
import { readContents, type ContainerRef, type ContentLookup } from './contents';
import type { ProblemCollector } from './problems';
import { containerName, isObject, shown, text } from './read';
import type { AsnCarton, AsnPallet, ShipmentStructure } from './types';

export interface Containers {
	/** Carton indexes per pallet index. */
	cartonsPerPallet: Map<number, number[]>;
	loose: number;
	onPallets: number;
	palletsWithItems: number;
}

function palletIndexOf(pallets: AsnPallet[], c: ProblemCollector): Map<string, number> {
	const palletIndex = new Map<string, number>();
	pallets.forEach((p, i) => {
		const id = text(p?.id);
		if (id === undefined)
			c.invalid(
				`pallets[${i}].id is required (cartons refer to their pallet by id)`,
				`pallets[${i}].id`,
			);
		else if (palletIndex.has(id))
			c.invalid(`Pallet id ${JSON.stringify(id)} is used twice`, `pallets[${i}].id`);
		else palletIndex.set(id, i);
	});
	return palletIndex;
}

/** The input reference of a container (its id and given SSCC as texts). */
export function containerRef(
	type: 'carton' | 'pallet',
	container: AsnCarton | AsnPallet | undefined,
	index: number,
): ContainerRef {
	return {
		type,
		index,
		id: text(container?.id),
		path: `${type}s[${index}]`,
		given: text(container?.sscc),
	};
}

function readCartons(
	cartons: AsnCarton[],
	palletIndex: Map<string, number>,
	out: Containers,
	lookup: ContentLookup,
): void {
	const { c } = lookup;
	cartons.forEach((carton, i) => {
		const ref = containerRef('carton', carton, i);
		if (!isObject(carton)) {
			c.invalid(`cartons[${i}] must be an object (got ${shown(carton)})`, ref.path);
			return;
		}
		const palletId = text(carton.palletId);
		if (palletId === undefined) out.loose++;
		else {
			const p = palletIndex.get(palletId);
			if (p === undefined)
				c.add(
					'UNKNOWN_PALLET',
					`Carton ${ref.id ?? ref.path} is on pallet ${JSON.stringify(palletId)}, ` +
						'which is not among the pallets',
					`${ref.path}.palletId`,
				);
			else {
				out.onPallets++;
				const list = out.cartonsPerPallet.get(p) ?? [];
				list.push(i);
				out.cartonsPerPallet.set(p, list);
			}
		}
		readContents(ref, carton.contents, true, lookup);
	});
}

function readPallets(pallets: AsnPallet[], out: Containers, lookup: ContentLookup): void {
	const { c } = lookup;
	pallets.forEach((pallet, i) => {
		if (!isObject(pallet)) {
			c.invalid(`pallets[${i}] must be an object (got ${shown(pallet)})`, `pallets[${i}]`);
			return;
		}
		const ref = containerRef('pallet', pallet, i);
		const name = containerName('pallet', ref.id, ref.path);
		const hasCartons = (out.cartonsPerPallet.get(i) ?? []).length > 0;
		const hasItems = Array.isArray(pallet.contents) && pallet.contents.length > 0;
		if (hasItems) out.palletsWithItems++;
		if (hasCartons && hasItems)
			c.add(
				'MIXED_STRUCTURE',
				`${name} holds both cartons and loose items: one ASN structure cannot describe it ` +
					'(put the items in a carton)',
				ref.path,
			);
		if (!hasCartons && !hasItems)
			c.add('EMPTY_CONTAINER', `${name} has no cartons and no contents`, ref.path);
		readContents(ref, pallet.contents, false, lookup);
	});
}

/** Reads the cartons and pallets and their contents (placements go to `lookup.placements`). */
export function readContainers(
	cartons: AsnCarton[],
	pallets: AsnPallet[],
	lookup: ContentLookup,
): Containers {
	const palletIndex = palletIndexOf(pallets, lookup.c);
	const out: Containers = {
		cartonsPerPallet: new Map(),
		loose: 0,
		onPallets: 0,
		palletsWithItems: 0,
	};
	readCartons(cartons, palletIndex, out, lookup);
	readPallets(pallets, out, lookup);
	return out;
}

/** The structure the containers describe, or undefined with the exception when they mix two. */
function structureOf(
	palletCount: number,
	containers: Containers,
	anyMixedCarton: boolean,
	c: ProblemCollector,
): ShipmentStructure | undefined {
	const { loose, onPallets, palletsWithItems } = containers;
	if (palletCount === 0) return anyMixedCarton ? 'LooseAssortmentCase' : 'LooseStandardCase';
	if (loose > 0 && (onPallets > 0 || palletsWithItems > 0)) {
		c.add(
			'MIXED_STRUCTURE',
			`${loose} carton(s) are loose while others are on pallets: ` +
				'send them in a separate ASN or put them on a pallet',
			'cartons',
		);
		return undefined;
	}
	if (onPallets > 0 && palletsWithItems > 0) {
		c.add(
			'MIXED_STRUCTURE',
			'Some pallets hold cartons and others loose items: send them in separate ASNs',
			'pallets',
		);
		return undefined;
	}
	if (onPallets > 0) return anyMixedCarton ? 'PalletizedAssortmentCase' : 'PalletizedStandardCase';
	if (palletsWithItems > 0) return 'PalletOfItems';
	return undefined;
}

/** The shipmentStructure: from the containers, or the option (with a warning when they differ). */
export function chooseStructure(
	palletCount: number,
	containers: Containers,
	lookup: ContentLookup,
	forced: ShipmentStructure | undefined,
): ShipmentStructure | undefined {
	// A container is "mixed" when it holds more than one PO line.
	const linesPerCarton = new Map<number, Set<string>>();
	for (const p of lookup.placements) {
		if (p.container.type !== 'carton') continue;
		const set = linesPerCarton.get(p.container.index) ?? new Set<string>();
		set.add(p.ref.key);
		linesPerCarton.set(p.container.index, set);
	}
	const anyMixedCarton = [...linesPerCarton.values()].some((s) => s.size > 1);
	const structure = structureOf(palletCount, containers, anyMixedCarton, lookup.c);
	if (forced === undefined) return structure;
	if (structure !== undefined && structure !== forced)
		lookup.c.warn(`shipmentStructure ${forced} given; the containers suggest ${structure}`);
	return forced;
}
