/**
 * The shipment identifier and a Replace: an Original needs a new identifier; a Replace only with
 * the previous confirmation, the same shipmentIdentifier and vendor code, within 7 days of the
 * original, before receipt at the fulfilment centre, and only reductions (no new item, no
 * quantity, carton or pallet count above the original's). The previous confirmation is read
 * defensively: it is the caller's record of what was sent. Pure: no n8n imports.
 */
import type { Item, ItemQuantity } from '../../generated/vendorShipments';
import { DAY_MS, isoSeconds } from '../values';
import type { BuildSettings } from './options';
import type { ProblemCollector } from './problems';
import { isObject, listOf } from './read';
import type { PreviousConfirmation } from './types';

function partyIdOf(value: unknown): unknown {
	return isObject(value) ? value.partyId : undefined;
}

function checkOriginal(
	shipmentIdentifier: string,
	settings: BuildSettings,
	c: ProblemCollector,
): void {
	const reused =
		settings.usedShipmentIdentifiers.includes(shipmentIdentifier) ||
		settings.previous?.confirmation.shipmentIdentifier === shipmentIdentifier;
	if (reused)
		c.add(
			'SHIPMENT_ID_REUSED',
			`shipmentIdentifier ${JSON.stringify(shipmentIdentifier)} was already used: ` +
				'each shipment needs a new one (to correct a sent ASN, send a Replace)',
			'shipmentIdentifier',
		);
}

function checkReplaceOf(
	previous: PreviousConfirmation,
	shipmentIdentifier: string | undefined,
	sellingPartyId: string | undefined,
	nowMs: number,
	c: ProblemCollector,
): void {
	const before = previous.confirmation;
	if (shipmentIdentifier !== undefined && before.shipmentIdentifier !== shipmentIdentifier)
		c.add(
			'REPLACE_IDENTIFIER_MISMATCH',
			`A Replace must repeat the shipmentIdentifier ${JSON.stringify(before.shipmentIdentifier)} ` +
				`(got ${JSON.stringify(shipmentIdentifier)})`,
			'shipmentIdentifier',
		);
	const beforeParty = partyIdOf(before.sellingParty);
	if (sellingPartyId !== undefined && beforeParty !== sellingPartyId)
		c.add(
			'REPLACE_SELLING_PARTY_MISMATCH',
			`A Replace must repeat the sellingParty ${JSON.stringify(beforeParty)} ` +
				`(got ${JSON.stringify(sellingPartyId)})`,
		);
	const submitted =
		typeof previous.submittedAt === 'string' ? Date.parse(previous.submittedAt) : NaN;
	if (Number.isNaN(submitted))
		c.add(
			'INVALID_DATE',
			`previous.submittedAt ${JSON.stringify(previous.submittedAt)} is not a date-time`,
		);
	else if (nowMs - submitted > 7 * DAY_MS)
		c.add(
			'REPLACE_TOO_LATE',
			`The original confirmation was submitted ${isoSeconds(submitted)}, more than 7 days ago: ` +
				'Amazon no longer accepts a Replace',
			undefined,
			{ submittedAt: isoSeconds(submitted), now: isoSeconds(nowMs) },
		);
	if (previous.receivedAtFulfilmentCentre)
		c.add(
			'REPLACE_AFTER_RECEIPT',
			'The goods were received at the fulfilment centre: a Replace is no longer possible',
		);
}

/** Identifier reuse for an Original; the header rules of a Replace (quantities come later). */
export function checkIdentifierAndReplace(
	shipmentIdentifier: string | undefined,
	sellingPartyId: string | undefined,
	settings: BuildSettings,
	c: ProblemCollector,
): void {
	if (settings.confirmationType === 'Original' && shipmentIdentifier !== undefined)
		checkOriginal(shipmentIdentifier, settings, c);
	if (settings.confirmationType !== 'Replace') return;
	if (settings.previous === undefined)
		c.add(
			'REPLACE_WITHOUT_PREVIOUS',
			'A Replace needs the previous confirmation and when it was submitted',
		);
	else checkReplaceOf(settings.previous, shipmentIdentifier, sellingPartyId, settings.nowMs, c);
}

/** The SSCC numbers of the previous confirmation's cartons and pallets (as written there). */
export function previousSsccNumbers(previous: PreviousConfirmation): string[] {
	const ids = [
		...listOf(previous.confirmation.cartons).flatMap((k) =>
			listOf(isObject(k) ? k.cartonIdentifiers : undefined),
		),
		...listOf(previous.confirmation.pallets).flatMap((p) =>
			listOf(isObject(p) ? p.palletIdentifiers : undefined),
		),
	];
	return ids.flatMap((id) =>
		isObject(id) &&
		id.containerIdentificationType === 'SSCC' &&
		typeof id.containerIdentificationNumber === 'string'
			? [id.containerIdentificationNumber]
			: [],
	);
}

function eachesOfQuantity(q: unknown): number {
	if (!isObject(q) || typeof q.amount !== 'number') return 0;
	const unitSize = typeof q.unitSize === 'number' ? q.unitSize : 1;
	return (q as unknown as ItemQuantity).unitOfMeasure === 'Cases' ? q.amount * unitSize : q.amount;
}

function itemKey(item: Item): string {
	const details: unknown = item.itemDetails;
	const d = isObject(details) ? details : {};
	return JSON.stringify([
		d.purchaseOrderNumber ?? '',
		item.amazonProductIdentifier ?? '',
		item.vendorProductIdentifier ?? '',
		d.lotNumber ?? '',
	]);
}

function checkItemsOnlyReduce(
	previous: PreviousConfirmation,
	shippedItems: Item[],
	c: ProblemCollector,
): void {
	const before = new Map<string, number>();
	for (const raw of listOf(previous.confirmation.shippedItems)) {
		if (!isObject(raw)) continue;
		const item = raw as unknown as Item;
		before.set(
			itemKey(item),
			(before.get(itemKey(item)) ?? 0) + eachesOfQuantity(item.shippedQuantity),
		);
	}
	const after = new Map<string, { eaches: number; item: Item }>();
	for (const item of shippedItems) {
		const entry = after.get(itemKey(item)) ?? { eaches: 0, item };
		entry.eaches += eachesOfQuantity(item.shippedQuantity);
		after.set(itemKey(item), entry);
	}
	for (const [key, { eaches, item }] of after) {
		const po = item.itemDetails?.purchaseOrderNumber;
		const id =
			item.amazonProductIdentifier ?? item.vendorProductIdentifier ?? item.itemSequenceNumber;
		const name = `${po ? `PO ${po} ` : ''}item ${id}`;
		const was = before.get(key);
		if (was === undefined)
			c.add(
				'REPLACE_NEW_ITEM',
				`${name} is not in the original confirmation: a Replace may only reduce; ` +
					'send the added units in a new ASN',
				undefined,
				{ item: JSON.parse(key) },
			);
		else if (eaches > was)
			c.add(
				'REPLACE_INCREASE',
				`${name}: ${eaches} eaches is more than the ${was} of the original confirmation: ` +
					'a Replace may only reduce; send the extra units in a new ASN',
				undefined,
				{ original: was, replacement: eaches },
			);
	}
}

/** A Replace may only reduce: items, quantities, the carton and pallet counts. */
export function checkOnlyReductions(
	settings: BuildSettings,
	shippedItems: Item[],
	counts: { cartons: number; pallets: number },
	c: ProblemCollector,
): void {
	const previous = settings.previous;
	if (settings.confirmationType !== 'Replace' || previous === undefined) return;
	checkItemsOnlyReduce(previous, shippedItems, c);
	for (const kind of ['cartons', 'pallets'] as const) {
		const original = listOf(previous.confirmation[kind]).length;
		const replacement = counts[kind];
		if (replacement > original)
			c.add(
				'REPLACE_INCREASE',
				`${replacement} ${kind} is more than the ${original} of the original confirmation`,
				kind,
				{ original, replacement },
			);
	}
}
