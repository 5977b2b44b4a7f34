/**
 * Amazon's business rules for the vendor shipments API (vendorShipments.json):
 *
 * - `checkShipmentConfirmations` for POST /vendor/shipping/v1/shipmentConfirmations (the ASN,
 *   body `{ shipmentConfirmations: ShipmentConfirmation[] }`);
 * - `checkShipments` for POST /vendor/shipping/v1/shipments (SubmitShipments, Collect/WePay
 *   transport requests, body `{ shipments: Shipment[] }`).
 *
 * The body has already passed JSON-schema validation against the model; these checks are the
 * semantic ones Amazon reports through getTransaction. Every error is `InvalidInput` with a message
 * that starts with the field path (`shipmentConfirmations[0].cartons[1]…: …`).
 *
 * ASN rules (Amazon's Vendor Retail Procurement APIs use-case guide and the vendorShipments model
 * texts):
 * - `shipmentIdentifier` not reused within 365 days (per selling party) for an `Original`.
 * - `Replace`: only for an ASN recorded with the same shipmentIdentifier and sellingParty, within 7
 *   days of the Original, before the goods reached the FC, and only reducing quantities, cartons
 *   and pallets (to add units, send a new ASN).
 * - `shippedDate` at most 2 days in the future and at most 7 days in the past.
 * - North America: `transportationDetails.carrierScac` (2–4 capital letters) and
 *   `carrierShipmentReferenceNumber` (PRO) are required. TruckLoad / LessThanTruckLoad need a
 *   `billOfLadingNumber` (everywhere), which must not be a single character or a date.
 * - SSCC identifiers: "00" + 18 digits with a valid GS1 check digit; not twice in one request,
 *   not used by another ASN within 365 days (a Replace may repeat the SSCCs of the ASN it
 *   replaces). In NA and EU every carton needs an SSCC (or AMZNCC) identifier. SmallParcel
 *   cartons need a trackingNumber.
 * - Contents: cartons and pallets refer to existing shippedItems (itemReference) and existing
 *   cartons (cartonReferenceNumbers, each carton on at most one pallet); when they list contents,
 *   they hold exactly each item's shippedQuantity, in eaches (Cases × unitSize). Items of a pallet
 *   that references cartons restate those cartons (they must agree and are not counted twice);
 *   items of a pallet without carton references are loose on the pallet and count.
 *   shipmentMeasurements.cartonCount / palletCount, when given, match the cartons / pallets listed.
 * - Purchase orders: every item has a PO (item-level itemDetails.purchaseOrderNumber, or one on
 *   each of its carton/pallet entries; the ShipmentConfirmation model has no header PO). Each PO
 *   exists, was acknowledged, belongs to the ASN's sellingParty and ships to its shipToParty, and
 *   has the item (matched by ASIN, then vendorProductIdentifier, else itemSequenceNumber).
 * - Shipping more than the accepted quantity is not an error: it is recorded as an overage
 *   (Amazon charges it back later).
 */
import { ssccProblem } from './gs1';
import {
	arrayOf,
	DAY_MS,
	describeItem,
	eachesOf,
	findOrderLine,
	findOrderLines,
	invalidInput,
	isObject,
	lineKey,
	parseDateTime,
	trimmed,
	type AmazonError,
	type AmazonRecordsView,
	type AsnRecord,
	type LineQuantity,
	type OverageRecord,
	type PurchaseOrderView,
	type RuleResult,
	type StoredShipmentConfirmation,
	type StoredTransportShipment,
	type TransportShipmentRecord,
} from './ruleTypes';

export const SHIPMENT_RULES = {
	identifierReuseDays: 365,
	ssccReuseDays: 365,
	replaceWindowDays: 7,
	shippedDateMaxFutureDays: 2,
	shippedDateMaxPastDays: 7,
} as const;

export interface ShipmentConfirmationsEffects {
	/** Store each; a Replace supersedes the stored ASN with the same shipmentIdentifier + sellingPartyId. */
	asns: AsnRecord[];
	/** Append each (chargeback material). */
	overages: OverageRecord[];
}

export interface TransportCancellation {
	vendorShipmentIdentifier: string;
	sellingPartyId: string;
	cancelledAt: string;
}

export interface ShipmentsEffects {
	/** Store each (transactionType New). */
	shipments: TransportShipmentRecord[];
	/** Mark these stored transport requests cancelled (their SSCCs are free again). */
	cancellations: TransportCancellation[];
}

type Obj = Record<string, unknown>;

/** A nested field of a loosely typed object (undefined anywhere along the way). */
function field(value: unknown, ...keys: string[]): unknown {
	let v = value;
	for (const k of keys) {
		if (!isObject(v)) return undefined;
		v = v[k];
	}
	return v;
}

const REGION_NAMES = { na: 'North America', eu: 'Europe', fe: 'the Far East' } as const;

function looksLikeDateOrTime(s: string): boolean {
	return (
		/^\d{4}-\d{2}-\d{2}/.test(s) ||
		/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(s) ||
		/^\d{1,2}:\d{2}(:\d{2})?$/.test(s)
	);
}

interface SsccOccurrence {
	sscc: string;
	path: string;
}

/** SSCCs used earlier in the same request (a request is accepted or rejected as a whole). */
interface RequestSscc {
	path: string;
	documentId: string;
	sellingPartyId: string;
}

/** Checks one ContainerIdentification; collects valid SSCCs. */
function checkIdentifier(
	raw: unknown,
	path: string,
	errors: AmazonError[],
	ssccs: SsccOccurrence[],
): string | undefined {
	if (!isObject(raw)) {
		errors.push(invalidInput(path, 'must be an object'));
		return undefined;
	}
	const type = raw.containerIdentificationType;
	const number = raw.containerIdentificationNumber;
	if (typeof type !== 'string') {
		errors.push(invalidInput(`${path}.containerIdentificationType`, 'is required'));
		return undefined;
	}
	if (type === 'SSCC') {
		const problem = ssccProblem(number);
		if (problem) errors.push(invalidInput(`${path}.containerIdentificationNumber`, problem));
		else ssccs.push({ sscc: number as string, path: `${path}.containerIdentificationNumber` });
	} else if (trimmed(number) === undefined) {
		errors.push(invalidInput(`${path}.containerIdentificationNumber`, 'is required'));
	}
	return type;
}

/** Loads purchase orders once per request and reports each problem once. */
class OrderLookup {
	private readonly cache = new Map<string, PurchaseOrderView | null>();
	private readonly reported = new Set<string>();

	constructor(
		private readonly view: AmazonRecordsView,
		private readonly errors: AmazonError[],
	) {}

	private once(key: string, error: AmazonError): void {
		if (this.reported.has(key)) return;
		this.reported.add(key);
		this.errors.push(error);
	}

	/** The PO when it exists and was acknowledged; reports the problem at `path` otherwise. */
	usable(po: string, path: string, scope: string): PurchaseOrderView | undefined {
		if (!this.cache.has(po)) this.cache.set(po, this.view.getOrder(po) ?? null);
		const order = this.cache.get(po);
		if (!order) {
			this.once(
				`${scope}|missing|${po}`,
				invalidInput(path, `purchase order '${po}' does not exist`),
			);
			return undefined;
		}
		if (!order.acknowledged) {
			this.once(
				`${scope}|unacknowledged|${po}`,
				invalidInput(
					path,
					`purchase order '${po}' has not been acknowledged; acknowledge it before shipping`,
				),
			);
			return undefined;
		}
		return order;
	}

	/** Reports a party mismatch once per document and PO. */
	checkParty(
		order: PurchaseOrderView,
		partyField: 'sellingParty' | 'shipToParty',
		given: string | undefined,
		path: string,
		scope: string,
	): void {
		const expected = trimmed(order.order.orderDetails?.[partyField]?.partyId);
		if (!expected || !given || expected === given) return;
		const text =
			partyField === 'sellingParty'
				? `'${given}' is not the selling party of purchase order '${order.purchaseOrderNumber}' ('${expected}')`
				: `purchase order '${order.purchaseOrderNumber}' is to be delivered to '${expected}', not '${given}'`;
		this.once(`${scope}|${partyField}|${order.purchaseOrderNumber}`, invalidInput(path, text));
	}
}

function addLine(map: Map<string, LineQuantity>, po: string, line: string, eaches: number): void {
	const key = lineKey(po, line);
	const current = map.get(key);
	if (current) current.eaches += eaches;
	else map.set(key, { purchaseOrderNumber: po, itemSequenceNumber: line, eaches });
}

/**
 * The eaches of one shipped item booked on the PO lines it names (the same ASIN may be on several),
 * as Amazon receives them: in line order, each line up to what it still has open (confirmed minus
 * shipped before), the rest on the last line (where it is an overage).
 */
function spreadOverLines(
	map: Map<string, LineQuantity>,
	po: string,
	lines: Array<{ itemSequenceNumber: string; acceptedEaches: number }>,
	eaches: number,
	shippedBefore: (itemSequenceNumber: string) => number,
): void {
	let rest = eaches;
	lines.forEach((line, i) => {
		if (rest <= 0) return;
		const inThisAsn = map.get(lineKey(po, line.itemSequenceNumber))?.eaches ?? 0;
		const open = Math.max(
			0,
			line.acceptedEaches - shippedBefore(line.itemSequenceNumber) - inThisAsn,
		);
		const take = i === lines.length - 1 ? rest : Math.min(rest, open);
		if (take > 0) addLine(map, po, line.itemSequenceNumber, take);
		rest -= take;
	});
}

// ---------------------------------------------------------------------------------------------
// SubmitShipmentConfirmations
// ---------------------------------------------------------------------------------------------

interface AsnItem {
	index: number;
	seq: string;
	eaches: number | undefined;
	raw: Obj;
}

interface ContainerEntry {
	eaches: number;
	po: string | undefined;
	path: string;
}

interface RequestOverlay {
	asns: AsnRecord[];
	shipped: Map<string, number>;
	ssccs: Map<string, RequestSscc>;
}

function currentAsns(
	view: AmazonRecordsView,
	overlay: RequestOverlay,
	id: string,
): Map<string, StoredShipmentConfirmation> {
	const byParty = new Map<string, StoredShipmentConfirmation>();
	for (const stored of view.findShipmentConfirmations(id)) {
		const previous = byParty.get(stored.record.sellingPartyId);
		if (
			!previous ||
			Date.parse(stored.record.receivedAt) >= Date.parse(previous.record.receivedAt)
		) {
			byParty.set(stored.record.sellingPartyId, stored);
		}
	}
	for (const record of overlay.asns) {
		if (record.shipmentIdentifier === id)
			byParty.set(record.sellingPartyId, { record, delivered: false });
	}
	return byParty;
}

/** What the checks of one shipment confirmation share: its input, what was read, the errors. */
interface ConfirmationCheck {
	sc: Obj;
	p: string;
	view: AmazonRecordsView;
	overlay: RequestOverlay;
	nowMs: number;
	nowIso: string;
	errors: AmazonError[];
	err: (path: string, text: string, details?: string) => void;
	id?: string;
	partyId?: string;
	shipToId?: string;
	type: unknown;
	/** The stored ASN a Replace replaces. */
	target?: StoredShipmentConfirmation;
	items: AsnItem[];
	itemBySeq: Map<string, AsnItem>;
	ssccs: SsccOccurrence[];
	/** Container entries per item, from cartons and loose pallets. */
	counted: Map<string, ContainerEntry[]>;
	rawCartons: unknown[];
	rawPallets: unknown[];
	cartonBySeq: Map<string, { index: number; contents: Map<string, number> }>;
	describesContents: boolean;
	seenHere: Map<string, string>;
	perLine: Map<string, LineQuantity>;
}

function checkOriginalIdentifier(
	x: ConfirmationCheck,
	same: StoredShipmentConfirmation | undefined,
): void {
	const horizon = x.nowMs - SHIPMENT_RULES.identifierReuseDays * DAY_MS;
	if (same && Date.parse(same.record.receivedAt) >= horizon) {
		x.err(
			`${x.p}.shipmentIdentifier`,
			`shipmentIdentifier '${x.id}' was already used on ${same.record.receivedAt}; ` +
				'it must not be reused within 365 days (send a Replace to change that ASN)',
		);
	}
}

function checkReplaceTarget(
	x: ConfirmationCheck,
	same: StoredShipmentConfirmation | undefined,
	others: string[],
): void {
	const { p, id } = x;
	if (!same) {
		if (others.length > 0) {
			x.err(
				`${p}.sellingParty.partyId`,
				`ASN '${id}' was sent for sellingParty '${others.join("', '")}', not '${x.partyId}'; ` +
					'a Replace must repeat the identical shipmentIdentifier and sellingParty',
			);
		} else {
			x.err(
				`${p}.shipmentIdentifier`,
				`there is no ASN with shipmentIdentifier '${id}' to replace`,
			);
		}
		return;
	}
	x.target = same;
	const original = Date.parse(same.record.originalReceivedAt);
	if (x.nowMs - original > SHIPMENT_RULES.replaceWindowDays * DAY_MS) {
		x.err(
			`${p}.shipmentConfirmationType`,
			`ASN '${id}' can no longer be replaced: a Replace is accepted within 7 days of the Original ` +
				`(received ${same.record.originalReceivedAt}); send a new ASN with a new shipmentIdentifier`,
		);
	}
	if (same.delivered) {
		x.err(
			`${p}.shipmentConfirmationType`,
			`ASN '${id}' can no longer be replaced: its goods were already received at the fulfilment centre`,
		);
	}
}

/** Identity and type: shipmentIdentifier, sellingParty, reuse for an Original, the ASN a Replace replaces. */
function checkIdentity(x: ConfirmationCheck): void {
	const { sc, p } = x;
	if (!x.id) x.err(`${p}.shipmentIdentifier`, 'is required');
	if (!x.partyId) x.err(`${p}.sellingParty.partyId`, 'is required');
	if (x.type !== 'Original' && x.type !== 'Replace') {
		x.err(
			`${p}.shipmentConfirmationType`,
			`must be Original or Replace, got ${JSON.stringify(sc.shipmentConfirmationType)}`,
		);
	}
	if (!x.id || !x.partyId) return;
	const byParty = currentAsns(x.view, x.overlay, x.id);
	const same = byParty.get(x.partyId);
	if (x.type === 'Original') checkOriginalIdentifier(x, same);
	else if (x.type === 'Replace') checkReplaceTarget(x, same, [...byParty.keys()]);
}

function checkShippedDate(x: ConfirmationCheck): void {
	const { sc, p, nowMs, nowIso } = x;
	if (sc.shippedDate === undefined) return;
	const shipped = parseDateTime(sc.shippedDate);
	if (!shipped)
		x.err(`${p}.shippedDate`, `${JSON.stringify(sc.shippedDate)} is not a valid date-time`);
	else if (shipped.getTime() > nowMs + SHIPMENT_RULES.shippedDateMaxFutureDays * DAY_MS) {
		x.err(
			`${p}.shippedDate`,
			`${shipped.toISOString()} is more than 2 days in the future (now ${nowIso})`,
		);
	} else if (shipped.getTime() < nowMs - SHIPMENT_RULES.shippedDateMaxPastDays * DAY_MS) {
		x.err(
			`${p}.shippedDate`,
			`${shipped.toISOString()} is more than 7 days in the past (now ${nowIso})`,
		);
	}
}

function checkTransportation(x: ConfirmationCheck): void {
	const { sc, p } = x;
	const region = x.view.region;
	const shipmentType = sc.shipmentType;
	const tdp = `${p}.transportationDetails`;
	const scac = trimmed(field(sc, 'transportationDetails', 'carrierScac'));
	if (region === 'na' && !scac)
		x.err(`${tdp}.carrierScac`, "is required in North America (the carrier's SCAC)");
	if (scac && !/^[A-Z]{2,4}$/.test(scac)) {
		x.err(
			`${tdp}.carrierScac`,
			`'${scac}' is not a SCAC: send the carrier's 2 to 4 capital letter code only (e.g. UPSN)`,
		);
	}
	if (
		region === 'na' &&
		!trimmed(field(sc, 'transportationDetails', 'carrierShipmentReferenceNumber'))
	) {
		x.err(
			`${tdp}.carrierShipmentReferenceNumber`,
			'is required in North America (the carrier PRO number)',
		);
	}
	const bol = trimmed(field(sc, 'transportationDetails', 'billOfLadingNumber'));
	if ((shipmentType === 'TruckLoad' || shipmentType === 'LessThanTruckLoad') && !bol) {
		x.err(`${tdp}.billOfLadingNumber`, `is required for ${shipmentType} shipments`);
	}
	if (bol && bol.length < 2) x.err(`${tdp}.billOfLadingNumber`, 'must not be a single character');
	else if (bol && looksLikeDateOrTime(bol))
		x.err(`${tdp}.billOfLadingNumber`, `'${bol}' must not be a date or time`);
}

/** The eaches of a quantity, or undefined with the error (not whole, or not above zero). */
function positiveEaches(x: ConfirmationCheck, quantity: unknown, path: string): number | undefined {
	const eaches = eachesOf(quantity);
	if (eaches === undefined) {
		x.err(`${path}.shippedQuantity.amount`, 'must be a whole number');
		return undefined;
	}
	if (eaches <= 0) {
		x.err(`${path}.shippedQuantity.amount`, 'must be greater than zero');
		return undefined;
	}
	return eaches;
}

function readShippedItems(x: ConfirmationCheck): void {
	const { sc, p } = x;
	const rawItems = arrayOf(sc.shippedItems);
	if (rawItems.length === 0) x.err(`${p}.shippedItems`, 'must list at least one item');
	rawItems.forEach((raw, j) => {
		const ip = `${p}.shippedItems[${j}]`;
		if (!isObject(raw)) {
			x.err(ip, 'must be an object');
			return;
		}
		const seq = trimmed(raw.itemSequenceNumber);
		if (!seq) {
			x.err(`${ip}.itemSequenceNumber`, 'is required');
			return;
		}
		const dup = x.itemBySeq.get(seq);
		if (dup) {
			x.err(
				`${ip}.itemSequenceNumber`,
				`duplicate itemSequenceNumber '${seq}' (also shippedItems[${dup.index}])`,
			);
			return;
		}
		const item: AsnItem = {
			index: j,
			seq,
			eaches: positiveEaches(x, raw.shippedQuantity, ip),
			raw,
		};
		x.items.push(item);
		x.itemBySeq.set(seq, item);
	});
}

/** One item entry of a carton or pallet: into `contents`, and into `counted` when it counts. */
function readContainerItem(
	x: ConfirmationCheck,
	raw: unknown,
	path: string,
	contents: Map<string, number>,
	count: boolean,
): void {
	if (!isObject(raw)) {
		x.err(path, 'must be an object');
		return;
	}
	const ref = trimmed(raw.itemReference);
	if (!ref) {
		x.err(`${path}.itemReference`, 'is required');
		return;
	}
	if (!x.itemBySeq.has(ref)) {
		x.err(
			`${path}.itemReference`,
			`'${ref}' is not the itemSequenceNumber of any shippedItems entry`,
		);
		return;
	}
	const eaches = positiveEaches(x, raw.shippedQuantity, path);
	if (eaches === undefined) return;
	contents.set(ref, (contents.get(ref) ?? 0) + eaches);
	if (!count) return;
	const list = x.counted.get(ref) ?? [];
	list.push({
		eaches,
		po: trimmed(field(raw, 'itemDetails', 'purchaseOrderNumber')),
		path: `${path}.itemDetails.purchaseOrderNumber`,
	});
	x.counted.set(ref, list);
}

function readCartons(x: ConfirmationCheck): void {
	const { sc, p } = x;
	const region = x.view.region;
	x.rawCartons.forEach((raw, ci) => {
		const cp = `${p}.cartons[${ci}]`;
		if (!isObject(raw)) {
			x.err(cp, 'must be an object');
			return;
		}
		const seq = trimmed(raw.cartonSequenceNumber);
		const contents = new Map<string, number>();
		if (!seq) x.err(`${cp}.cartonSequenceNumber`, 'is required');
		else if (x.cartonBySeq.has(seq)) {
			x.err(
				`${cp}.cartonSequenceNumber`,
				`duplicate cartonSequenceNumber '${seq}' (also cartons[${x.cartonBySeq.get(seq)?.index}])`,
			);
		} else x.cartonBySeq.set(seq, { index: ci, contents });
		const types = arrayOf(raw.cartonIdentifiers).map((idn, k) =>
			checkIdentifier(idn, `${cp}.cartonIdentifiers[${k}]`, x.errors, x.ssccs),
		);
		if (
			(region === 'na' || region === 'eu') &&
			!types.some((t) => t === 'SSCC' || t === 'AMZNCC')
		) {
			x.err(
				`${cp}.cartonIdentifiers`,
				`every carton needs an SSCC (or AMZNCC) identifier in ${REGION_NAMES[region]}`,
			);
		}
		if (sc.shipmentType === 'SmallParcel' && !trimmed(raw.trackingNumber)) {
			x.err(`${cp}.trackingNumber`, 'is required for every carton of a SmallParcel shipment');
		}
		arrayOf(raw.items).forEach((it, k) =>
			readContainerItem(x, it, `${cp}.items[${k}]`, contents, true),
		);
	});
}

/** The cartons a pallet references (each on at most one pallet). */
function palletCartonRefs(
	x: ConfirmationCheck,
	raw: Obj,
	pp: string,
	pi: number,
	palletOfCarton: Map<string, number>,
): string[] {
	const refs: string[] = [];
	const rawRefs = arrayOf(field(raw, 'cartonReferenceDetails', 'cartonReferenceNumbers'));
	rawRefs.forEach((r, k) => {
		const rp = `${pp}.cartonReferenceDetails.cartonReferenceNumbers[${k}]`;
		const ref = trimmed(r);
		if (!ref) {
			x.err(rp, 'must be a cartonSequenceNumber');
			return;
		}
		if (!x.cartonBySeq.has(ref)) {
			x.err(rp, `'${ref}' is not the cartonSequenceNumber of any carton`);
			return;
		}
		const other = palletOfCarton.get(ref);
		if (other !== undefined) {
			x.err(rp, `carton '${ref}' is already on pallets[${other}]`);
			return;
		}
		palletOfCarton.set(ref, pi);
		refs.push(ref);
	});
	const cartonCount = field(raw, 'cartonReferenceDetails', 'cartonCount');
	if (typeof cartonCount === 'number' && rawRefs.length > 0 && cartonCount !== rawRefs.length) {
		x.err(
			`${pp}.cartonReferenceDetails.cartonCount`,
			`is ${cartonCount} but cartonReferenceNumbers lists ${rawRefs.length} cartons`,
		);
	}
	return refs;
}

/** The items a pallet lists restate its cartons: they must agree. */
function checkPalletRestatesCartons(
	x: ConfirmationCheck,
	pp: string,
	refs: string[],
	own: Map<string, number>,
): void {
	const inCartons = new Map<string, number>();
	for (const ref of refs) {
		for (const [seq, n] of x.cartonBySeq.get(ref)?.contents ?? [])
			inCartons.set(seq, (inCartons.get(seq) ?? 0) + n);
	}
	for (const seq of new Set([...own.keys(), ...inCartons.keys()])) {
		const listed = own.get(seq) ?? 0;
		const held = inCartons.get(seq) ?? 0;
		if (listed !== held) {
			x.err(
				`${pp}.items`,
				`the pallet lists ${listed} eaches of item '${seq}' but its cartons (${refs.join(', ')}) hold ${held}`,
			);
		}
	}
}

function readPallets(x: ConfirmationCheck): void {
	const palletOfCarton = new Map<string, number>();
	x.rawPallets.forEach((raw, pi) => {
		const pp = `${x.p}.pallets[${pi}]`;
		if (!isObject(raw)) {
			x.err(pp, 'must be an object');
			return;
		}
		const ids = arrayOf(raw.palletIdentifiers);
		if (ids.length === 0) x.err(`${pp}.palletIdentifiers`, 'must contain at least one identifier');
		ids.forEach((idn, k) =>
			checkIdentifier(idn, `${pp}.palletIdentifiers[${k}]`, x.errors, x.ssccs),
		);
		const refs = palletCartonRefs(x, raw, pp, pi, palletOfCarton);
		const own = new Map<string, number>();
		const palletItems = arrayOf(raw.items);
		const loose = refs.length === 0;
		palletItems.forEach((it, k) => readContainerItem(x, it, `${pp}.items[${k}]`, own, loose));
		if (!loose && palletItems.length > 0) checkPalletRestatesCartons(x, pp, refs, own);
	});
}

/** When the containers list contents, they hold exactly each item's shipped quantity. */
function checkContentsAddUp(x: ConfirmationCheck): void {
	x.describesContents = [...x.counted.values()].some((list) => list.length > 0);
	if (!x.describesContents) return;
	for (const item of x.items) {
		if (item.eaches === undefined) continue;
		const held = (x.counted.get(item.seq) ?? []).reduce((n, e) => n + e.eaches, 0);
		if (held !== item.eaches) {
			x.err(
				`${x.p}.shippedItems[${item.index}].shippedQuantity`,
				`${item.eaches} eaches of item '${item.seq}' shipped, but the cartons and pallets hold ${held} eaches`,
			);
		}
	}
}

function checkMeasurementCounts(x: ConfirmationCheck): void {
	const measurementPath = `${x.p}.shipmentMeasurements`;
	const lists = { cartonCount: x.rawCartons, palletCount: x.rawPallets };
	for (const key of ['cartonCount', 'palletCount'] as const) {
		const count = field(x.sc, 'shipmentMeasurements', key);
		const listed = lists[key].length;
		if (typeof count === 'number' && listed > 0 && count !== listed) {
			x.err(
				`${measurementPath}.${key}`,
				`is ${count} but the shipment lists ${listed} ${key === 'cartonCount' ? 'cartons' : 'pallets'}`,
			);
		}
	}
}

function checkSsccUniqueness(x: ConfirmationCheck): void {
	const isReplaced = (documentId: string, sellingPartyId: string) =>
		x.type === 'Replace' && documentId === x.id && sellingPartyId === x.partyId;
	const horizon = new Date(x.nowMs - SHIPMENT_RULES.ssccReuseDays * DAY_MS);
	for (const { sscc, path } of x.ssccs) {
		const first = x.seenHere.get(sscc);
		if (first) {
			x.err(path, `SSCC '${sscc}' is used twice in this shipment confirmation (also at ${first})`);
			continue;
		}
		x.seenHere.set(sscc, path);
		const inRequest = x.overlay.ssccs.get(sscc);
		if (inRequest && !isReplaced(inRequest.documentId, inRequest.sellingPartyId)) {
			x.err(path, `SSCC '${sscc}' is also used at ${inRequest.path} in this request`);
			continue;
		}
		const earlier = x.view
			.ssccUses(sscc, horizon)
			.filter(
				(u) =>
					u.documentType === 'shipmentConfirmation' && !isReplaced(u.documentId, u.sellingPartyId),
			);
		if (earlier.length > 0) {
			x.err(
				path,
				`SSCC '${sscc}' was already used in ASN '${earlier[0].documentId}' on ${earlier[0].usedAt}; ` +
					'an SSCC must not be reused within 365 days',
			);
		}
	}
}

/** Eaches shipped on a PO line before this ASN (the replaced ASN's not counted). */
function shippedBefore(x: ConfirmationCheck, po: string, seq: string): number {
	const key = lineKey(po, seq);
	const replaced =
		x.target?.record.lines.find((l) => lineKey(l.purchaseOrderNumber, l.itemSequenceNumber) === key)
			?.eaches ?? 0;
	return x.view.shippedEaches(po, seq) + (x.overlay.shipped.get(key) ?? 0) - replaced;
}

/** One item's entries on the lines of their purchase orders. */
function bookItem(
	x: ConfirmationCheck,
	item: AsnItem & { eaches: number },
	orders: OrderLookup,
): void {
	const { p } = x;
	const ip = `${p}.shippedItems[${item.index}]`;
	const poPath = `${ip}.itemDetails.purchaseOrderNumber`;
	const itemPo = trimmed(field(item.raw, 'itemDetails', 'purchaseOrderNumber'));
	const fromContainers = x.describesContents ? (x.counted.get(item.seq) ?? []) : [];
	const entries: ContainerEntry[] =
		fromContainers.length > 0
			? fromContainers
			: [{ eaches: item.eaches, po: undefined, path: poPath }];
	let missingReported = false;
	const notOnPo = new Set<string>();
	for (const entry of entries) {
		const po = entry.po ?? itemPo;
		if (!po) {
			if (!missingReported)
				x.err(
					poPath,
					`item '${item.seq}' has no purchase order number: give itemDetails.purchaseOrderNumber ` +
						'on the item or on each of its carton/pallet entries',
				);
			missingReported = true;
			continue;
		}
		const order = orders.usable(po, entry.po ? entry.path : poPath, p);
		if (!order) continue;
		orders.checkParty(order, 'sellingParty', x.partyId, `${p}.sellingParty.partyId`, p);
		orders.checkParty(order, 'shipToParty', x.shipToId, `${p}.shipToParty.partyId`, p);
		const identity = {
			amazonProductIdentifier: trimmed(item.raw.amazonProductIdentifier),
			vendorProductIdentifier: trimmed(item.raw.vendorProductIdentifier),
			itemSequenceNumber: item.seq,
		};
		const lines = findOrderLines(order, identity);
		if (lines.length === 0) {
			if (!notOnPo.has(po))
				x.err(ip, `${describeItem(identity)} is not an item of purchase order '${po}'`);
			notOnPo.add(po);
			continue;
		}
		spreadOverLines(x.perLine, po, lines, entry.eaches, (seq) => shippedBefore(x, po, seq));
	}
}

/** Purchase orders and lines: every item on a usable PO of the right parties, booked on its lines. */
function bookLines(x: ConfirmationCheck): void {
	const orders = new OrderLookup(x.view, x.errors);
	for (const item of x.items) {
		if (item.eaches === undefined) continue;
		bookItem(x, item as AsnItem & { eaches: number }, orders);
	}
}

function checkReplaceReduces(x: ConfirmationCheck): void {
	const { p, target } = x;
	if (x.type !== 'Replace' || !target) return;
	const before = new Map(
		target.record.lines.map((l) => [
			lineKey(l.purchaseOrderNumber, l.itemSequenceNumber),
			l.eaches,
		]),
	);
	const reduce = 'a Replace can only reduce quantities';
	for (const [key, lq] of x.perLine) {
		const was = before.get(key);
		const line = `line '${lq.itemSequenceNumber}' of purchase order '${lq.purchaseOrderNumber}'`;
		if (was === undefined) {
			x.err(
				`${p}.shippedItems`,
				`${reduce}: it adds ${line}, which ASN '${x.id}' did not ship (send a new ASN for it)`,
			);
		} else if (lq.eaches > was) {
			x.err(`${p}.shippedItems`, `${reduce}: ${line} goes from ${was} to ${lq.eaches} eaches`);
		}
	}
	const counts = [
		['cartons', x.rawCartons.length, target.record.cartonCount],
		['pallets', x.rawPallets.length, target.record.palletCount],
	] as const;
	for (const [kind, now, was] of counts)
		if (now > was)
			x.err(`${p}.${kind}`, `a Replace can only reduce the ${kind}: ${was} before, ${now} now`);
}

/** What this ASN ships beyond the accepted quantities (Amazon charges it back later). */
function overagesOf(x: ConfirmationCheck, id: string, partyId: string): OverageRecord[] {
	const replacedLines = new Map<string, number>();
	for (const l of x.target?.record.lines ?? [])
		replacedLines.set(lineKey(l.purchaseOrderNumber, l.itemSequenceNumber), l.eaches);
	const overages: OverageRecord[] = [];
	for (const [key, lq] of x.perLine) {
		const order = x.view.getOrder(lq.purchaseOrderNumber);
		const line = order?.lines.find((l) => l.itemSequenceNumber === lq.itemSequenceNumber);
		if (!line) continue;
		const prior =
			x.view.shippedEaches(lq.purchaseOrderNumber, lq.itemSequenceNumber) +
			(x.overlay.shipped.get(key) ?? 0) -
			(replacedLines.get(key) ?? 0);
		const total = prior + lq.eaches;
		const overage =
			Math.max(0, total - line.acceptedEaches) - Math.max(0, prior - line.acceptedEaches);
		if (overage > 0) {
			overages.push({
				purchaseOrderNumber: lq.purchaseOrderNumber,
				itemSequenceNumber: lq.itemSequenceNumber,
				shipmentIdentifier: id,
				sellingPartyId: partyId,
				acceptedEaches: line.acceptedEaches,
				previouslyShippedEaches: prior,
				shippedEaches: lq.eaches,
				overageEaches: overage,
				recordedAt: x.nowIso,
			});
		}
	}
	return overages;
}

/** The record of an accepted confirmation; its SSCCs are taken for the rest of the request. */
function recordOf(
	x: ConfirmationCheck,
	id: string,
	partyId: string,
	type: 'Original' | 'Replace',
): AsnRecord {
	const asn: AsnRecord = {
		shipmentIdentifier: id,
		sellingPartyId: partyId,
		confirmationType: type,
		receivedAt: x.nowIso,
		originalReceivedAt: x.target ? x.target.record.originalReceivedAt : x.nowIso,
		ssccs: [...x.seenHere.keys()],
		lines: [...x.perLine.values()],
		cartonCount: x.rawCartons.length,
		palletCount: x.rawPallets.length,
		confirmation: x.sc,
	};
	if (typeof x.sc.shippedDate === 'string') asn.shippedDate = x.sc.shippedDate;
	for (const [sscc, path] of x.seenHere)
		x.overlay.ssccs.set(sscc, { path, documentId: id, sellingPartyId: partyId });
	return asn;
}

/** The checks of one shipment confirmation, in order; each sees what the earlier ones read. */
const CONFIRMATION_CHECKS: ReadonlyArray<(x: ConfirmationCheck) => void> = [
	checkIdentity,
	checkShippedDate,
	checkTransportation,
	readShippedItems,
	readCartons,
	readPallets,
	checkContentsAddUp,
	checkMeasurementCounts,
	checkSsccUniqueness,
	bookLines,
	checkReplaceReduces,
];

function checkOneConfirmation(
	sc: unknown,
	p: string,
	view: AmazonRecordsView,
	overlay: RequestOverlay,
	now: Date,
): { errors: AmazonError[]; asn?: AsnRecord; overages: OverageRecord[]; replaced?: AsnRecord } {
	const errors: AmazonError[] = [];
	const err = (path: string, text: string, details?: string) =>
		errors.push(invalidInput(path, text, details));
	if (!isObject(sc)) {
		err(p, 'must be an object');
		return { errors, overages: [] };
	}
	const x: ConfirmationCheck = {
		sc,
		p,
		view,
		overlay,
		nowMs: now.getTime(),
		nowIso: now.toISOString(),
		errors,
		err,
		id: trimmed(sc.shipmentIdentifier),
		partyId: trimmed(field(sc, 'sellingParty', 'partyId')),
		shipToId: trimmed(field(sc, 'shipToParty', 'partyId')),
		type: sc.shipmentConfirmationType,
		items: [],
		itemBySeq: new Map(),
		ssccs: [],
		counted: new Map(),
		rawCartons: arrayOf(sc.cartons),
		rawPallets: arrayOf(sc.pallets),
		cartonBySeq: new Map(),
		describesContents: false,
		seenHere: new Map(),
		perLine: new Map(),
	};
	for (const check of CONFIRMATION_CHECKS) check(x);
	const { id, partyId, type } = x;
	if (errors.length > 0 || !id || !partyId || (type !== 'Original' && type !== 'Replace')) {
		return { errors, overages: [] };
	}
	const overages = overagesOf(x, id, partyId);
	return { errors, asn: recordOf(x, id, partyId, type), overages, replaced: x.target?.record };
}

/**
 * Semantic checks of a SubmitShipmentConfirmations body. Confirmations of one request are checked
 * in order, each seeing the ones before it (identifiers, SSCCs, shipped quantities).
 */
export function checkShipmentConfirmations(
	body: unknown,
	view: AmazonRecordsView,
): RuleResult<ShipmentConfirmationsEffects> {
	const empty: ShipmentConfirmationsEffects = { asns: [], overages: [] };
	const list = isObject(body) ? body.shipmentConfirmations : undefined;
	if (!Array.isArray(list) || list.length === 0) {
		return {
			errors: [
				invalidInput('shipmentConfirmations', 'must contain at least one shipment confirmation'),
			],
			effects: empty,
		};
	}
	const now = view.now();
	const overlay: RequestOverlay = { asns: [], shipped: new Map(), ssccs: new Map() };
	const errors: AmazonError[] = [];
	const effects: ShipmentConfirmationsEffects = { asns: [], overages: [] };
	list.forEach((sc, i) => {
		const result = checkOneConfirmation(sc, `shipmentConfirmations[${i}]`, view, overlay, now);
		errors.push(...result.errors);
		if (!result.asn) return;
		if (result.replaced) {
			const replaced = result.replaced;
			for (const l of replaced.lines) {
				const key = lineKey(l.purchaseOrderNumber, l.itemSequenceNumber);
				overlay.shipped.set(key, (overlay.shipped.get(key) ?? 0) - l.eaches);
			}
			overlay.asns = overlay.asns.filter((a) => a !== replaced);
			effects.asns = effects.asns.filter((a) => a !== replaced);
		}
		for (const l of result.asn.lines) {
			const key = lineKey(l.purchaseOrderNumber, l.itemSequenceNumber);
			overlay.shipped.set(key, (overlay.shipped.get(key) ?? 0) + l.eaches);
		}
		overlay.asns.push(result.asn);
		effects.asns.push(result.asn);
		effects.overages.push(...result.overages);
	});
	return errors.length > 0 ? { errors, effects: empty } : { errors, effects };
}

// ---------------------------------------------------------------------------------------------
// SubmitShipments (transport requests)
// ---------------------------------------------------------------------------------------------

interface PoItemEntry {
	po: string;
	seq: string;
	eaches: number;
	path: string;
}

function currentTransport(
	view: AmazonRecordsView,
	overlay: TransportRecord[],
	id: string,
): Map<string, StoredTransportShipment> {
	const byParty = new Map<string, StoredTransportShipment>();
	for (const stored of view.findTransportShipments(id)) {
		const previous = byParty.get(stored.record.sellingPartyId);
		if (
			!previous ||
			Date.parse(stored.record.receivedAt) >= Date.parse(previous.record.receivedAt)
		) {
			byParty.set(stored.record.sellingPartyId, stored);
		}
	}
	for (const entry of overlay) {
		if (entry.record.vendorShipmentIdentifier === id)
			byParty.set(entry.record.sellingPartyId, entry);
	}
	return byParty;
}

type TransportRecord = StoredTransportShipment;

/** What the checks of one transport request share. */
interface TransportCheck {
	s: Obj;
	p: string;
	view: AmazonRecordsView;
	nowMs: number;
	nowIso: string;
	errors: AmazonError[];
	err: (path: string, text: string) => void;
	id: string;
	partyId: string;
	same?: StoredTransportShipment;
	orders: OrderLookup;
	poItems: Map<string, PoItemEntry>;
	lines: Map<string, LineQuantity>;
	ssccs: SsccOccurrence[];
	containers: ContainerInfo[];
	bySeq: Map<string, ContainerInfo>;
	seenHere: Map<string, string>;
}

/** What the transport requests of one request share. */
interface TransportRequest {
	view: AmazonRecordsView;
	nowMs: number;
	nowIso: string;
	errors: AmazonError[];
	effects: ShipmentsEffects;
	overlay: TransportRecord[];
	requestSsccs: Map<string, RequestSscc>;
}

interface ContainerInfo {
	index: number;
	inner: string[];
	contents: Map<string, number>;
}

function checkCancel(
	x: TransportCheck,
	byParty: Map<string, StoredTransportShipment>,
	r: TransportRequest,
): void {
	const { p, id, partyId, same } = x;
	const before = x.errors.length;
	if (!same) {
		const others = [...byParty.keys()];
		x.err(
			`${p}.vendorShipmentIdentifier`,
			others.length > 0
				? `transport request '${id}' was sent for sellingParty '${others.join("', '")}', not '${partyId}'`
				: `there is no transport request '${id}' to cancel`,
		);
	} else if (same.cancelled) {
		x.err(`${p}.vendorShipmentIdentifier`, `transport request '${id}' is already cancelled`);
	} else if (same.status === 'Shipped') {
		x.err(
			`${p}.transactionType`,
			`transport request '${id}' has already shipped and can no longer be cancelled`,
		);
	}
	if (x.errors.length !== before) return;
	r.effects.cancellations.push({
		vendorShipmentIdentifier: id,
		sellingPartyId: partyId,
		cancelledAt: x.nowIso,
	});
	r.overlay.push({ record: (same as StoredTransportShipment).record, cancelled: true });
	for (const [sscc, use] of [...r.requestSsccs]) {
		if (use.documentId === id && use.sellingPartyId === partyId) r.requestSsccs.delete(sscc);
	}
}

function checkNewHeader(x: TransportCheck): void {
	const { s, p, id, same } = x;
	if (
		same &&
		Date.parse(same.record.receivedAt) >= x.nowMs - SHIPMENT_RULES.identifierReuseDays * DAY_MS
	) {
		x.err(
			`${p}.vendorShipmentIdentifier`,
			`vendorShipmentIdentifier '${id}' was already used on ${same.record.receivedAt}; ` +
				'it must not be reused within 365 days',
		);
	}
	const collect = s.shipmentFreightTerm === 'Collect';
	if (collect && arrayOf(s.purchaseOrders).length === 0) {
		x.err(
			`${p}.purchaseOrders`,
			'is required for Collect shipments (the purchase orders Amazon picks up)',
		);
	}
	if (collect && !trimmed(field(s, 'collectFreightPickupDetails', 'requestedPickUp'))) {
		x.err(`${p}.collectFreightPickupDetails.requestedPickUp`, 'is required for Collect shipments');
	}
}

/** One item of a listed purchase order. */
function readPoItem(
	x: TransportCheck,
	rawItem: unknown,
	ip: string,
	po: string,
	order: PurchaseOrderView | undefined,
): void {
	if (!isObject(rawItem)) {
		x.err(ip, 'must be an object');
		return;
	}
	const seq = trimmed(rawItem.itemSequenceNumber);
	if (!seq) {
		x.err(`${ip}.itemSequenceNumber`, 'is required');
		return;
	}
	const key = `${po}|${seq}`;
	if (x.poItems.has(key)) {
		x.err(
			`${ip}.itemSequenceNumber`,
			`duplicate itemSequenceNumber '${seq}' in purchase order '${po}'`,
		);
		return;
	}
	const eaches = eachesOf(rawItem.shippedQuantity);
	if (eaches === undefined || eaches <= 0) {
		x.err(
			`${ip}.shippedQuantity.amount`,
			eaches === undefined ? 'must be a whole number' : 'must be greater than zero',
		);
		return;
	}
	x.poItems.set(key, { po, seq, eaches, path: ip });
	if (!order) return;
	const identity = {
		amazonProductIdentifier: trimmed(rawItem.buyerProductIdentifier),
		vendorProductIdentifier: trimmed(rawItem.vendorProductIdentifier),
		itemSequenceNumber: seq,
	};
	const line = findOrderLine(order, identity);
	if (!line) x.err(ip, `${describeItem(identity)} is not an item of purchase order '${po}'`);
	else addLine(x.lines, po, line.itemSequenceNumber, eaches);
}

function readPurchaseOrders(x: TransportCheck): void {
	const { p } = x;
	arrayOf(x.s.purchaseOrders).forEach((rawPo, k) => {
		const pp = `${p}.purchaseOrders[${k}]`;
		const po = trimmed(field(rawPo, 'purchaseOrderNumber'));
		if (!po) {
			x.err(`${pp}.purchaseOrderNumber`, 'is required');
			return;
		}
		const order = x.orders.usable(po, `${pp}.purchaseOrderNumber`, p);
		if (order)
			x.orders.checkParty(order, 'sellingParty', x.partyId, `${p}.sellingParty.partyId`, p);
		arrayOf(field(rawPo, 'items')).forEach((rawItem, j) =>
			readPoItem(x, rawItem, `${pp}.items[${j}]`, po, order),
		);
	});
}

/** The purchaseOrders entry a packed item refers to, or undefined with the error. */
function packedEntry(
	x: TransportCheck,
	rawItem: Obj,
	ip: string,
	itemSeq: string,
): PoItemEntry | undefined {
	const po = trimmed(field(rawItem, 'itemDetails', 'purchaseOrderNumber'));
	if (po) {
		const entry = x.poItems.get(`${po}|${itemSeq}`);
		if (!entry)
			x.err(
				ip,
				`item '${itemSeq}' of purchase order '${po}' is not listed in purchaseOrders[].items`,
			);
		return entry;
	}
	const candidates = [...x.poItems.values()].filter((e) => e.seq === itemSeq);
	if (candidates.length === 0) {
		x.err(
			`${ip}.itemSequenceNumber`,
			`'${itemSeq}' is not the itemSequenceNumber of any purchaseOrders[].items entry`,
		);
		return undefined;
	}
	if (candidates.length > 1) {
		x.err(
			`${ip}.itemDetails.purchaseOrderNumber`,
			`item '${itemSeq}' is on several purchase orders (${candidates.map((c) => c.po).join(', ')}): ` +
				'give itemDetails.purchaseOrderNumber',
		);
		return undefined;
	}
	return candidates[0];
}

function readPackedItem(
	x: TransportCheck,
	rawItem: unknown,
	ip: string,
	info: ContainerInfo,
): void {
	if (!isObject(rawItem)) {
		x.err(ip, 'must be an object');
		return;
	}
	const itemSeq = trimmed(rawItem.itemSequenceNumber);
	if (!itemSeq) {
		x.err(`${ip}.itemSequenceNumber`, 'is required');
		return;
	}
	const entry = packedEntry(x, rawItem, ip, itemSeq);
	if (!entry) return;
	const eaches = eachesOf(rawItem.packedQuantity);
	if (eaches === undefined || eaches <= 0) {
		x.err(
			`${ip}.packedQuantity.amount`,
			eaches === undefined ? 'must be a whole number' : 'must be greater than zero',
		);
		return;
	}
	const key = `${entry.po}|${entry.seq}`;
	info.contents.set(key, (info.contents.get(key) ?? 0) + eaches);
}

/** Containers, pass 1: identifiers, inner containers and packed items. */
function readContainers(x: TransportCheck): void {
	arrayOf(x.s.containers).forEach((raw, ci) => {
		const cp = `${x.p}.containers[${ci}]`;
		const info: ContainerInfo = { index: ci, inner: [], contents: new Map() };
		x.containers.push(info);
		if (!isObject(raw)) {
			x.err(cp, 'must be an object');
			return;
		}
		const seq = trimmed(raw.containerSequenceNumber);
		if (seq && x.bySeq.has(seq)) {
			x.err(
				`${cp}.containerSequenceNumber`,
				`duplicate containerSequenceNumber '${seq}' (also containers[${x.bySeq.get(seq)?.index}])`,
			);
		} else if (seq) x.bySeq.set(seq, info);
		const ids = arrayOf(raw.containerIdentifiers);
		if (ids.length === 0)
			x.err(`${cp}.containerIdentifiers`, 'must contain at least one identifier');
		ids.forEach((idn, k) =>
			checkIdentifier(idn, `${cp}.containerIdentifiers[${k}]`, x.errors, x.ssccs),
		);
		arrayOf(field(raw, 'innerContainersDetails', 'containerSequenceNumbers')).forEach((ref, k) => {
			const rp = `${cp}.innerContainersDetails.containerSequenceNumbers[${k}].containerSequenceNumber`;
			const inner = trimmed(field(ref, 'containerSequenceNumber'));
			if (!inner) x.err(rp, 'is required');
			else if (inner === seq) x.err(rp, `container '${inner}' cannot contain itself`);
			else info.inner.push(inner);
		});
		arrayOf(raw.packedItems).forEach((rawItem, k) =>
			readPackedItem(x, rawItem, `${cp}.packedItems[${k}]`, info),
		);
	});
}

/** A container with inner containers restates them: they must agree. */
function checkRestatesInner(
	x: TransportCheck,
	cp: string,
	info: ContainerInfo,
	resolved: ContainerInfo[],
): void {
	const inInner = new Map<string, number>();
	for (const inner of resolved)
		for (const [key, n] of inner.contents) inInner.set(key, (inInner.get(key) ?? 0) + n);
	for (const key of new Set([...info.contents.keys(), ...inInner.keys()])) {
		const listed = info.contents.get(key) ?? 0;
		const held = inInner.get(key) ?? 0;
		if (listed !== held) {
			const [po, seq] = key.split('|');
			x.err(
				`${cp}.packedItems`,
				`the container lists ${listed} eaches of item '${seq}' of purchase order '${po}' ` +
					`but its inner containers hold ${held}`,
			);
		}
	}
}

/** Containers, pass 2: inner references resolve, and the contents add up to what shipped. */
function checkContainerSums(x: TransportCheck): void {
	const packed = new Map<string, number>();
	let describesContents = false;
	x.containers.forEach((info) => {
		const cp = `${x.p}.containers[${info.index}]`;
		const resolved: ContainerInfo[] = [];
		info.inner.forEach((ref, k) => {
			const inner = x.bySeq.get(ref);
			if (!inner) {
				x.err(
					`${cp}.innerContainersDetails.containerSequenceNumbers[${k}].containerSequenceNumber`,
					`'${ref}' is not the containerSequenceNumber of any container`,
				);
			} else resolved.push(inner);
		});
		if (info.inner.length === 0) {
			for (const [key, n] of info.contents) {
				packed.set(key, (packed.get(key) ?? 0) + n);
				describesContents = true;
			}
		} else if (info.contents.size > 0 && resolved.length === info.inner.length)
			checkRestatesInner(x, cp, info, resolved);
	});
	if (!describesContents) return;
	for (const [key, entry] of x.poItems) {
		const held = packed.get(key) ?? 0;
		if (held !== entry.eaches) {
			x.err(
				`${entry.path}.shippedQuantity`,
				`${entry.eaches} eaches of item '${entry.seq}' of purchase order '${entry.po}' shipped, ` +
					`but the containers hold ${held} eaches`,
			);
		}
	}
}

function checkTransportSsccs(x: TransportCheck, requestSsccs: Map<string, RequestSscc>): void {
	const horizon = new Date(x.nowMs - SHIPMENT_RULES.ssccReuseDays * DAY_MS);
	for (const { sscc, path } of x.ssccs) {
		const first = x.seenHere.get(sscc);
		if (first) {
			x.err(path, `SSCC '${sscc}' is used twice in this shipment (also at ${first})`);
			continue;
		}
		x.seenHere.set(sscc, path);
		const inRequest = requestSsccs.get(sscc);
		if (inRequest) {
			x.err(path, `SSCC '${sscc}' is also used at ${inRequest.path} in this request`);
			continue;
		}
		const earlier = x.view.ssccUses(sscc, horizon).filter((u) => u.documentType === 'shipment');
		if (earlier.length > 0) {
			x.err(
				path,
				`SSCC '${sscc}' was already used in transport request '${earlier[0].documentId}' on ` +
					`${earlier[0].usedAt}; an SSCC must not be reused within 365 days`,
			);
		}
	}
}

/** The checks of a New transport request, in order. */
const NEW_TRANSPORT_CHECKS: ReadonlyArray<(x: TransportCheck) => void> = [
	checkNewHeader,
	readPurchaseOrders,
	readContainers,
	checkContainerSums,
];

function checkOneTransport(s: unknown, i: number, r: TransportRequest): void {
	const p = `shipments[${i}]`;
	const before = r.errors.length;
	const err = (path: string, text: string) => r.errors.push(invalidInput(path, text));
	if (!isObject(s)) {
		err(p, 'must be an object');
		return;
	}
	const id = trimmed(s.vendorShipmentIdentifier);
	if (!id) err(`${p}.vendorShipmentIdentifier`, 'is required');
	const partyId = trimmed(field(s, 'sellingParty', 'partyId'));
	if (!partyId) err(`${p}.sellingParty.partyId`, 'is required');
	const type = s.transactionType;
	if (type !== 'New' && type !== 'Cancel') {
		err(`${p}.transactionType`, `must be New or Cancel, got ${JSON.stringify(type)}`);
		return;
	}
	if (!id || !partyId) return;
	const byParty = currentTransport(r.view, r.overlay, id);
	const x: TransportCheck = {
		s,
		p,
		view: r.view,
		nowMs: r.nowMs,
		nowIso: r.nowIso,
		errors: r.errors,
		err,
		id,
		partyId,
		same: byParty.get(partyId),
		orders: new OrderLookup(r.view, r.errors),
		poItems: new Map(),
		lines: new Map(),
		ssccs: [],
		containers: [],
		bySeq: new Map(),
		seenHere: new Map(),
	};
	if (type === 'Cancel') {
		checkCancel(x, byParty, r);
		return;
	}
	for (const check of NEW_TRANSPORT_CHECKS) check(x);
	checkTransportSsccs(x, r.requestSsccs);
	if (r.errors.length > before) return;
	const record: TransportShipmentRecord = {
		vendorShipmentIdentifier: id,
		sellingPartyId: partyId,
		receivedAt: r.nowIso,
		ssccs: [...x.seenHere.keys()],
		lines: [...x.lines.values()],
		shipment: s,
	};
	for (const [sscc, path] of x.seenHere)
		r.requestSsccs.set(sscc, { path, documentId: id, sellingPartyId: partyId });
	r.overlay.push({ record, cancelled: false, status: 'Created' });
	r.effects.shipments.push(record);
}

/**
 * Semantic checks of a SubmitShipments body:
 * - `New`: vendorShipmentIdentifier not used by the same selling party within 365 days; Collect
 *   requests list purchaseOrders and collectFreightPickupDetails.requestedPickUp; every PO exists,
 *   was acknowledged, belongs to the sellingParty and has the items (buyerProductIdentifier = ASIN,
 *   then vendorProductIdentifier, else itemSequenceNumber); item sequence numbers are unique per PO;
 *   container SSCCs are valid and not reused (within the request, or by another live transport
 *   request within 365 days); innerContainersDetails refer to other listed containers; packedItems
 *   refer to purchaseOrders items and, when containers list contents, add up to each item's
 *   shippedQuantity in eaches (packedItems of a container with inner containers restate them).
 * - `Cancel`: only for a recorded, not yet cancelled and not shipped request of the same selling party.
 */
export function checkShipments(
	body: unknown,
	view: AmazonRecordsView,
): RuleResult<ShipmentsEffects> {
	const empty: ShipmentsEffects = { shipments: [], cancellations: [] };
	const list = isObject(body) ? body.shipments : undefined;
	if (!Array.isArray(list) || list.length === 0) {
		return {
			errors: [invalidInput('shipments', 'must contain at least one shipment')],
			effects: empty,
		};
	}
	const now = view.now();
	const r: TransportRequest = {
		view,
		nowMs: now.getTime(),
		nowIso: now.toISOString(),
		errors: [],
		effects: { shipments: [], cancellations: [] },
		overlay: [],
		requestSsccs: new Map(),
	};
	list.forEach((s, i) => checkOneTransport(s, i, r));
	return r.errors.length > 0
		? { errors: r.errors, effects: empty }
		: { errors: r.errors, effects: r.effects };
}
