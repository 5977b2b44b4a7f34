/** mapPurchaseOrder: one canonical PO line by line, as a chain of small steps. Pure. */
import {
	abs,
	compare,
	Decimal,
	isZero,
	multiply,
	parseDecimal,
	subtract,
	toDecimalString,
} from '../money';
import type { CanonicalOrderItem, CanonicalPurchaseOrder } from '../purchaseOrder';
import { checkCanonicalPurchaseOrder } from '../purchaseOrder';
import { isObject, shown } from '../values';
import { MappingOptionsError } from './errors';
import { resolve, type ResolvedOptions } from './options';
import { costDecimal, lookupMapping } from './rows';
import type {
	MapOptions,
	MappedLine,
	MappedPurchaseOrder,
	MappingIndex,
	MappingIssue,
	MappingIssueCode,
	MappingMatch,
	MappingRow,
	SentIdentifiers,
} from './types';

// ---------------------------------------------------------------------------------------------
// Mapping a purchase order

const HUNDRED = new Decimal(BigInt(100), 0);

/** Raw Amazon items (from an Order or a `{payload: Order}`), or undefined. */
function rawItems(rawOrder: unknown): unknown[] | undefined {
	let order = rawOrder;
	if (isObject(order) && !('purchaseOrderNumber' in order) && isObject(order.payload))
		order = order.payload;
	if (!isObject(order) || !isObject(order.orderDetails)) return undefined;
	const items = order.orderDetails.items;
	return Array.isArray(items) ? items : undefined;
}

function sentValue(raw: unknown, canonical: string | undefined): string | undefined {
	if (canonical === undefined) return undefined;
	return typeof raw === 'string' && raw.trim() === canonical ? raw : canonical;
}

function sentIdentifiers(item: CanonicalOrderItem, raw: unknown): SentIdentifiers {
	const r =
		isObject(raw) &&
		typeof raw.itemSequenceNumber === 'string' &&
		raw.itemSequenceNumber.trim() === item.itemSequenceNumber
			? raw
			: undefined;
	const out: SentIdentifiers = {
		itemSequenceNumber: sentValue(r?.itemSequenceNumber, item.itemSequenceNumber) as string,
	};
	const asin = sentValue(r?.amazonProductIdentifier, item.amazonProductIdentifier);
	if (asin !== undefined) out.amazonProductIdentifier = asin;
	const vendor = sentValue(r?.vendorProductIdentifier, item.vendorProductIdentifier);
	if (vendor !== undefined) out.vendorProductIdentifier = vendor;
	return out;
}

function describeIdentifiers(sent: SentIdentifiers): string {
	const parts: string[] = [];
	if (sent.amazonProductIdentifier !== undefined)
		parts.push(`ASIN ${JSON.stringify(sent.amazonProductIdentifier)}`);
	if (sent.vendorProductIdentifier !== undefined)
		parts.push(`vendor product identifier ${JSON.stringify(sent.vendorProductIdentifier)}`);
	return parts.join(' / ');
}

function withinTolerance(actual: Decimal, expected: Decimal, options: ResolvedOptions): boolean {
	const diff = abs(subtract(actual, expected));
	if (isZero(diff)) return true;
	if (options.priceTolerance.mode === 'absolute') return compare(diff, options.tolerance) <= 0;
	// |diff| / expected <= value / 100  <=>  |diff| x 100 <= value x expected
	return compare(multiply(diff, HUNDRED), multiply(options.tolerance, expected)) <= 0;
}

/** Throws MappingOptionsError for arguments mapPurchaseOrder cannot read. */
function checkArguments(po: unknown, index: unknown, options: unknown): void {
	checkCanonicalPurchaseOrder(po, (path, reason) => {
		throw new MappingOptionsError(`po.${path} ${reason}`, `po.${path}`);
	});
	if (
		!isObject(index) ||
		!(index.byAsin instanceof Map) ||
		!(index.byVendorProductIdentifier instanceof Map)
	)
		throw new MappingOptionsError(
			`index must be a mapping index from createMappingIndex (got ${shown(index)})`,
			'index',
		);
	if (options !== undefined && !isObject(options))
		throw new MappingOptionsError(`options must be an object (got ${shown(options)})`, 'options');
}

/** A line before its mapping is looked up: Amazon's quantities and cost. */
function newLine(item: CanonicalOrderItem, i: number, sent: SentIdentifiers): MappedLine {
	const q = item.orderedQuantity;
	const line: MappedLine = {
		index: i,
		itemSequenceNumber: item.itemSequenceNumber,
		sent,
		status: 'mapped',
		unitOfMeasure: q.unitOfMeasure,
		orderedAmount: q.amount,
		unitSize: q.unitOfMeasure === 'Cases' ? q.unitSize : 1,
		orderedEaches: item.orderedEaches,
		isBackOrderAllowed: item.isBackOrderAllowed,
		pricedByWeight: item.netCost?.unitOfMeasure !== undefined,
		discontinued: false,
		exceptions: [],
		warnings: [],
	};
	if (item.netCost) {
		line.netCost = item.netCost;
		if (item.netCost.unitOfMeasure !== undefined) line.priceUnit = item.netCost.unitOfMeasure;
	}
	return line;
}

function identifierConflict(
	row: MappingRow,
	match: MappingMatch,
	issue: IssueFn,
	line: MappedLine,
): void {
	if (!match.conflict) return;
	const other = match.conflict;
	const [by, otherBy] =
		match.matchedBy === 'asin'
			? ['ASIN', 'vendor product identifier']
			: ['vendor product identifier', 'ASIN'];
	issue(
		line.warnings,
		'identifierConflict',
		`matched SKU ${JSON.stringify(row.sku)} (rows[${row.row}]) by ${by}; ` +
			`the ${otherBy} maps to SKU ${JSON.stringify(other.sku)} (rows[${other.row}])`,
	);
}

/** The mapping found for the line: SKU, case pack and price checks, or the discontinued rule. */
function applyMatch(
	match: MappingMatch,
	line: MappedLine,
	item: CanonicalOrderItem,
	issue: IssueFn,
	opts: ResolvedOptions,
): void {
	const row = match.row;
	line.sku = row.sku;
	line.matchedBy = match.matchedBy;
	line.mappingRow = row.row;
	if (row.casePack !== undefined) line.casePack = row.casePack;
	if (row.expectedUnitCost !== undefined) line.expectedUnitCost = row.expectedUnitCost;
	line.discontinued = row.discontinued;
	identifierConflict(row, match, issue, line);
	if (row.discontinued) {
		const message = `SKU ${JSON.stringify(row.sku)} is discontinued`;
		if (opts.discontinued === 'exception') issue(line.exceptions, 'discontinued', message);
		else
			issue(
				line.warnings,
				'discontinued',
				`${message}: the line will be rejected as ObsoleteProduct`,
			);
		line.status = 'reject';
		line.rejectionReason = 'ObsoleteProduct';
		return;
	}
	checkCasePack(line, item.orderedQuantity, row, issue, opts);
	checkPrice(line, item, match, issue, opts);
	if (line.exceptions.length) {
		line.status = 'reject';
		line.rejectionReason = 'TemporarilyUnavailable';
	}
}

function mapLine(
	item: CanonicalOrderItem,
	i: number,
	rawItem: unknown,
	index: MappingIndex,
	opts: ResolvedOptions,
): MappedLine {
	const sent = sentIdentifiers(item, rawItem);
	const label = `Line ${JSON.stringify(sent.itemSequenceNumber)}`;
	const issue: IssueFn = (list, code, message) => {
		list.push({ code, message: `${label}: ${message}`, ...sent });
	};
	const line = newLine(item, i, sent);
	const match = lookupMapping(index, item, opts.matchFirst);
	if (match !== undefined) {
		applyMatch(match, line, item, issue, opts);
		return line;
	}
	const ids = describeIdentifiers(sent);
	issue(
		line.exceptions,
		'unmapped',
		ids ? `${ids} not in the mapping table` : 'has neither an ASIN nor a vendor product identifier',
	);
	line.status = 'reject';
	line.rejectionReason = 'InvalidProductIdentifier';
	return line;
}

/**
 * Maps one canonical purchase order. `rawOrder` (optional) is the Amazon Order the PO was
 * normalised from, so that issues quote identifiers exactly as sent. Throws MappingOptionsError for
 * bad options and for arguments of the wrong shape (naming the field); never throws for bad lines
 * (they become exceptions).
 */
export function mapPurchaseOrder(
	po: CanonicalPurchaseOrder,
	index: MappingIndex,
	options: Partial<MapOptions> = {},
	rawOrder?: unknown,
): MappedPurchaseOrder {
	checkArguments(po, index, options);
	const opts = resolve(options);
	const raw = rawOrder === undefined ? undefined : rawItems(rawOrder);
	const lines = po.items.map((item, i) => mapLine(item, i, raw?.[i], index, opts));
	const mappedCount = lines.filter((l) => l.status === 'mapped').length;
	const withExceptions = lines.filter((l) => l.exceptions.length > 0).length;
	const route: MappedPurchaseOrder['route'] =
		withExceptions === 0 || (opts.partialPo === 'continueWithRejections' && mappedCount > 0)
			? 'mapped'
			: 'exceptions';
	return {
		purchaseOrder: po,
		lines,
		route,
		exceptions: lines.flatMap((l) => l.exceptions),
		warnings: lines.flatMap((l) => l.warnings),
		counts: {
			lines: lines.length,
			mapped: mappedCount,
			rejected: lines.length - mappedCount,
			withExceptions,
		},
	};
}

type IssueFn = (list: MappingIssue[], code: MappingIssueCode, message: string) => void;

function checkCasePack(
	line: MappedLine,
	q: CanonicalOrderItem['orderedQuantity'],
	row: MappingRow,
	issue: IssueFn,
	opts: ResolvedOptions,
): void {
	const sku = JSON.stringify(row.sku);
	if (q.unitOfMeasure === 'Cases') {
		const poSize = Number.isSafeInteger(q.unitSize) && q.unitSize >= 1 ? q.unitSize : undefined;
		if (poSize === undefined && row.casePack === undefined) {
			issue(
				line.exceptions,
				'casePackMissing',
				`ordered ${q.amount} cases but neither the PO (unitSize) nor the mapping of SKU ${sku} ` +
					'(casePack) gives the eaches per case',
			);
			line.unitSize = 0;
			line.orderedEaches = 0;
		} else if (poSize === undefined) {
			const size = row.casePack as number;
			issue(
				line.warnings,
				'casePackFromMapping',
				`the PO gives no unitSize for its ${q.amount} cases: used the mapping's case pack of ${size} for SKU ${sku}`,
			);
			line.unitSize = size;
			line.orderedEaches = q.amount * size;
		} else if (row.casePack === undefined) {
			issue(
				line.warnings,
				'casePackNotInMapping',
				`SKU ${sku} has no case pack in the mapping: used the PO's unitSize of ${poSize}`,
			);
		} else if (row.casePack !== poSize) {
			issue(
				line.exceptions,
				'casePackMismatch',
				`ordered in cases of ${poSize} but the mapping's case pack for SKU ${sku} is ${row.casePack}`,
			);
		}
		return;
	}
	if (row.casePack !== undefined && row.casePack > 1 && q.amount % row.casePack !== 0) {
		const below = q.amount - (q.amount % row.casePack);
		const message =
			`${q.amount} eaches is not a multiple of the case pack of ${row.casePack} for SKU ${sku} ` +
			`(nearest: ${below} or ${below + row.casePack})`;
		issue(
			opts.notMultiple === 'exception' ? line.exceptions : line.warnings,
			'notCaseMultiple',
			message,
		);
	}
}

function checkPrice(
	line: MappedLine,
	item: CanonicalOrderItem,
	match: MappingMatch,
	issue: IssueFn,
	opts: ResolvedOptions,
): void {
	const netCost = item.netCost;
	if (netCost === undefined) {
		issue(
			line.warnings,
			'netCostMissing',
			match.row.expectedUnitCost !== undefined
				? 'the PO has no net cost: the price could not be checked'
				: 'the PO has no net cost',
		);
		return;
	}
	const amount = parseDecimal(netCost.amount);
	if (netCost.unitOfMeasure === undefined && Number.isSafeInteger(line.orderedEaches)) {
		line.extendedCost = toDecimalString(multiply(amount, line.orderedEaches));
	}
	if (match.row.expectedUnitCost === undefined || netCost.amount === match.row.expectedUnitCost)
		return;
	const expected = costDecimal(match.row) as Decimal;
	if (withinTolerance(amount, expected, opts)) return;
	const per = netCost.unitOfMeasure ? ` per ${netCost.unitOfMeasure}` : '';
	const tolerance =
		opts.priceTolerance.mode === 'percent'
			? `${opts.priceTolerance.value} %`
			: `${opts.priceTolerance.value} ${netCost.currencyCode}`;
	issue(
		line.exceptions,
		'priceMismatch',
		`net cost ${netCost.amount} ${netCost.currencyCode}${per} differs from the expected ` +
			`${toDecimalString(expected)} by ${toDecimalString(abs(subtract(amount, expected)))} ` +
			`(tolerance ${tolerance})`,
	);
}
