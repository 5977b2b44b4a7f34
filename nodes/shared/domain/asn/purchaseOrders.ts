/**
 * The purchase orders as acknowledged: read from the Map node's output and the acknowledgement
 * ({@link acknowledgedPurchaseOrderFrom}), checked before a build (a malformed PO or line is named
 * by its path, never a crash), and looked up by SKU. Pure: no n8n imports.
 */
import { InputError, type ProblemCollector } from './problems';
import { isCount, isObject, listOf, shown } from './read';
import type {
	AcknowledgedLine,
	AcknowledgedPurchaseOrder,
	AcknowledgementLike,
	MappedPurchaseOrderLike,
} from './types';

export interface InputProblem {
	message: string;
	path: string;
}

/** A PO line of the shipment: the PO, the line and `PO#line`. */
export interface LineRef {
	po: AcknowledgedPurchaseOrder;
	line: AcknowledgedLine;
	key: string;
}

function problem(value: unknown, path: string, expected: string): InputProblem {
	return { message: `${path} must be ${expected} (got ${shown(value)})`, path };
}

const LINE_FIELDS: ReadonlyArray<[keyof AcknowledgedLine, (v: unknown) => boolean, string]> = [
	['itemSequenceNumber', (v) => typeof v === 'string' && v.trim() !== '', 'a non-empty text'],
	['sku', (v) => typeof v === 'string', 'a text'],
	['unitOfMeasure', (v) => v === 'Cases' || v === 'Eaches', 'Cases or Eaches'],
	['unitSize', isCount, 'a whole number of 0 or more'],
	['acceptedQuantity', isCount, 'a whole number of 0 or more'],
	['alreadyShippedQuantity', (v) => v === undefined || isCount(v), 'a whole number of 0 or more'],
	['amazonProductIdentifier', (v) => v === undefined || typeof v === 'string', 'a text'],
	['vendorProductIdentifier', (v) => v === undefined || typeof v === 'string', 'a text'],
];

function lineProblems(line: unknown, path: string): InputProblem[] {
	if (!isObject(line)) return [problem(line, path, 'an acknowledged line object')];
	return LINE_FIELDS.filter(([key, ok]) => !ok(line[key])).map(([key, , expected]) =>
		problem(line[key], `${path}.${key}`, expected),
	);
}

const OPTIONAL_TEXT = (v: unknown) => v === undefined || typeof v === 'string';

function poProblems(po: unknown, path: string): InputProblem[] {
	if (!isObject(po)) return [problem(po, path, 'an acknowledged purchase order object')];
	const out: InputProblem[] = [];
	if (typeof po.purchaseOrderNumber !== 'string' || po.purchaseOrderNumber.trim() === '')
		out.push(problem(po.purchaseOrderNumber, `${path}.purchaseOrderNumber`, 'a non-empty text'));
	for (const key of ['sellingPartyId', 'shipToPartyId'])
		if (!OPTIONAL_TEXT(po[key])) out.push(problem(po[key], `${path}.${key}`, 'a text'));
	if (po.shipToAddress !== undefined && !isObject(po.shipToAddress))
		out.push(problem(po.shipToAddress, `${path}.shipToAddress`, 'an address object'));
	if (!Array.isArray(po.lines)) out.push(problem(po.lines, `${path}.lines`, 'a list'));
	else po.lines.forEach((line, j) => out.push(...lineProblems(line, `${path}.lines[${j}]`)));
	return out;
}

/** What is wrong with the purchase orders given to a build, by path (empty when nothing). */
export function purchaseOrderProblems(value: unknown, path = 'purchaseOrders'): InputProblem[] {
	if (!Array.isArray(value))
		return [problem(value, path, 'a list of acknowledged purchase orders')];
	return value.flatMap((po, i) => poProblems(po, `${path}[${i}]`));
}

/** The well-formed purchase orders; each problem of the others is an INVALID_INPUT exception. */
export function readPurchaseOrders(
	value: unknown,
	c: ProblemCollector,
): AcknowledgedPurchaseOrder[] {
	if (!Array.isArray(value)) {
		for (const p of purchaseOrderProblems(value)) c.invalid(p.message, p.path);
		return [];
	}
	const out: AcknowledgedPurchaseOrder[] = [];
	value.forEach((po, i) => {
		const problems = poProblems(po, `purchaseOrders[${i}]`);
		for (const p of problems) c.invalid(p.message, p.path);
		if (problems.length > 0) return;
		const ok = po as AcknowledgedPurchaseOrder;
		out.push({
			...ok,
			sellingPartyId: ok.sellingPartyId ?? '',
			shipToPartyId: ok.shipToPartyId ?? '',
		});
	});
	return out;
}

/** The purchase orders, or InputError naming the first malformed field. */
export function requirePurchaseOrders(value: unknown): readonly AcknowledgedPurchaseOrder[] {
	const first = purchaseOrderProblems(value)[0];
	if (first !== undefined) throw new InputError(first.message, first.path);
	return value as AcknowledgedPurchaseOrder[];
}

/** Every PO line by its platform SKU, in PO order then line order. */
export function linesBySku(
	purchaseOrders: readonly AcknowledgedPurchaseOrder[],
): Map<string, LineRef[]> {
	const bySku = new Map<string, LineRef[]>();
	for (const po of purchaseOrders) {
		for (const line of po.lines) {
			const ref: LineRef = {
				po,
				line,
				key: `${po.purchaseOrderNumber}#${line.itemSequenceNumber}`,
			};
			const list = bySku.get(line.sku);
			if (list) list.push(ref);
			else bySku.set(line.sku, [ref]);
		}
	}
	return bySku;
}

// ---------------------------------------------------------------------------------------------
// From a mapped PO and its acknowledgement

function need(ok: boolean, value: unknown, path: string, expected: string): void {
	if (!ok) throw new InputError(`${path} must be ${expected} (got ${shown(value)})`, path);
}

function checkMapped(mapped: MappedPurchaseOrderLike): void {
	need(isObject(mapped), mapped, 'mapped', 'a mapped purchase order {purchaseOrder, lines}');
	const po: unknown = mapped.purchaseOrder;
	need(isObject(po), po, 'mapped.purchaseOrder', 'an object');
	const p = po as Record<string, unknown>;
	need(
		typeof p.purchaseOrderNumber === 'string',
		p.purchaseOrderNumber,
		'mapped.purchaseOrder.purchaseOrderNumber',
		'a text',
	);
	need(Array.isArray(p.items), p.items, 'mapped.purchaseOrder.items', 'a list');
	for (const party of ['sellingParty', 'shipToParty']) {
		const value = p[party];
		const at = `mapped.purchaseOrder.${party}`;
		if (value === undefined) continue;
		need(isObject(value) && typeof value.partyId === 'string', value, at, 'a party {partyId}');
	}
	need(Array.isArray(mapped.lines), mapped.lines, 'mapped.lines', 'a list');
	mapped.lines.forEach((line: unknown, i) => {
		const at = `mapped.lines[${i}]`;
		need(isObject(line), line, at, 'a mapped line');
		const l = line as Record<string, unknown>;
		need(
			typeof l.itemSequenceNumber === 'string',
			l.itemSequenceNumber,
			`${at}.itemSequenceNumber`,
			'a text',
		);
		need(l.sku === undefined || typeof l.sku === 'string', l.sku, `${at}.sku`, 'a text');
		need(
			l.unitOfMeasure === 'Cases' || l.unitOfMeasure === 'Eaches',
			l.unitOfMeasure,
			`${at}.unitOfMeasure`,
			'Cases or Eaches',
		);
		need(isCount(l.unitSize), l.unitSize, `${at}.unitSize`, 'a whole number of 0 or more');
		need(
			isCount(l.orderedAmount),
			l.orderedAmount,
			`${at}.orderedAmount`,
			'a whole number of 0 or more',
		);
	});
}

function checkAcknowledgement(ack: AcknowledgementLike): void {
	need(
		isObject(ack) && Array.isArray(ack.items),
		ack,
		'acknowledgement',
		'an acknowledgement {purchaseOrderNumber, items}',
	);
	need(
		typeof ack.purchaseOrderNumber === 'string',
		ack.purchaseOrderNumber,
		'acknowledgement.purchaseOrderNumber',
		'a text',
	);
	ack.items.forEach((item: unknown, i) => {
		const at = `acknowledgement.items[${i}]`;
		need(isObject(item), item, at, 'an object');
		const it = item as Record<string, unknown>;
		need(
			it.itemSequenceNumber === undefined || typeof it.itemSequenceNumber === 'string',
			it.itemSequenceNumber,
			`${at}.itemSequenceNumber`,
			'a text',
		);
		need(
			Array.isArray(it.itemAcknowledgements),
			it.itemAcknowledgements,
			`${at}.itemAcknowledgements`,
			'a list',
		);
		listOf(it.itemAcknowledgements).forEach((loop, k) => {
			const q = isObject(loop) ? loop.acknowledgedQuantity : undefined;
			const lp = `${at}.itemAcknowledgements[${k}].acknowledgedQuantity`;
			need(isObject(q), q, lp, 'a quantity {amount, unitOfMeasure, unitSize}');
			const quantity = q as Record<string, unknown>;
			need(
				quantity.amount === undefined || isCount(quantity.amount),
				quantity.amount,
				`${lp}.amount`,
				'a whole number of 0 or more',
			);
			need(
				quantity.unitSize === undefined || isCount(quantity.unitSize),
				quantity.unitSize,
				`${lp}.unitSize`,
				'a whole number of 0 or more',
			);
		});
	});
}

function checkAlreadyShipped(table: unknown): void {
	need(isObject(table), table, 'alreadyShipped', 'an object {line: quantity}');
	for (const [seq, n] of Object.entries(table as Record<string, unknown>))
		need(isCount(n), n, `alreadyShipped.${seq}`, 'a whole number of 0 or more');
}

/** Eaches acknowledged per item sequence number (Rejected loops, and Backordered ones if asked, left out). */
function acknowledgedEaches(
	acknowledgement: AcknowledgementLike,
	includeBackordered: boolean,
): Map<string, number> {
	const acknowledged = new Map<string, number>();
	for (const item of acknowledgement.items) {
		if (item.itemSequenceNumber === undefined) continue;
		let eaches = 0;
		for (const loop of item.itemAcknowledgements) {
			const code = loop.acknowledgementCode;
			if (code === 'Rejected' || (code === 'Backordered' && !includeBackordered)) continue;
			const amount = loop.acknowledgedQuantity.amount ?? 0;
			eaches +=
				loop.acknowledgedQuantity.unitOfMeasure === 'Cases'
					? amount * (loop.acknowledgedQuantity.unitSize ?? 1)
					: amount;
		}
		acknowledged.set(item.itemSequenceNumber, eaches);
	}
	return acknowledged;
}

/**
 * The acknowledged PO for {@link buildShipmentConfirmation}, from the Map node's output and the
 * acknowledgement sent (the latest one, after any change order). Accepted + Backordered loops
 * count as shippable (`includeBackordered: false` counts Accepted only); without an
 * acknowledgement, a mapped line's ordered quantity. Unmapped lines are left out (nothing of theirs
 * can be in the shipment). `alreadyShipped` is per PO item sequence number, in the PO's unit.
 * Throws InputError naming the malformed field.
 */
export function acknowledgedPurchaseOrderFrom(
	mapped: MappedPurchaseOrderLike,
	acknowledgement?: AcknowledgementLike,
	alreadyShipped: Readonly<Record<string, number>> = {},
	options: { includeBackordered?: boolean } = {},
): AcknowledgedPurchaseOrder {
	checkMapped(mapped);
	const ack = acknowledgement ?? undefined;
	if (ack !== undefined) checkAcknowledgement(ack);
	checkAlreadyShipped(alreadyShipped);
	need(isObject(options), options, 'options', 'an object');
	const po = mapped.purchaseOrder;
	if (ack && ack.purchaseOrderNumber !== po.purchaseOrderNumber) {
		throw new InputError(
			`The acknowledgement is for PO ${ack.purchaseOrderNumber}, ` +
				`the mapped PO is ${po.purchaseOrderNumber}`,
			'acknowledgement.purchaseOrderNumber',
		);
	}
	const acknowledged = ack
		? acknowledgedEaches(ack, options.includeBackordered !== false)
		: undefined;
	const lines: AcknowledgedLine[] = [];
	mapped.lines.forEach((line, i) => {
		if (line.sku === undefined || line.sku === '') return;
		const item: unknown = po.items[i];
		const unitSize = line.unitOfMeasure === 'Cases' ? line.unitSize : 1;
		let accepted: number;
		if (acknowledged) {
			const eaches = acknowledged.get(line.itemSequenceNumber) ?? 0;
			accepted = unitSize > 0 ? Math.floor(eaches / unitSize) : 0;
		} else {
			accepted = line.status === 'mapped' ? line.orderedAmount : 0;
		}
		const out: AcknowledgedLine = {
			itemSequenceNumber: line.itemSequenceNumber,
			sku: line.sku,
			unitOfMeasure: line.unitOfMeasure,
			unitSize,
			acceptedQuantity: accepted,
			alreadyShippedQuantity: Object.prototype.hasOwnProperty.call(
				alreadyShipped,
				line.itemSequenceNumber,
			)
				? alreadyShipped[line.itemSequenceNumber]
				: 0,
		};
		for (const key of ['amazonProductIdentifier', 'vendorProductIdentifier'] as const) {
			const id = isObject(item) ? item[key] : undefined;
			if (typeof id === 'string') out[key] = id;
		}
		lines.push(out);
	});
	const out: AcknowledgedPurchaseOrder = {
		purchaseOrderNumber: po.purchaseOrderNumber,
		sellingPartyId: po.sellingParty?.partyId ?? '',
		shipToPartyId: po.shipToParty?.partyId ?? '',
		lines,
	};
	if (isObject(po.shipToParty?.address)) out.shipToAddress = { ...po.shipToParty.address };
	return out;
}
