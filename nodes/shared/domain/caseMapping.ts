/**
 * Map ASIN / Case Pack: resolves every line of a canonical purchase order to a platform SKU and a
 * case pack, turns Amazon units into eaches, checks the price, and decides whether the PO may go on
 * (the node's Mapped output) or needs an operator (its Exceptions output). Pure: no n8n imports.
 *
 * Mapping rows have fixed field names (no header guessing): `asin`, `vendorProductIdentifier`,
 * `sku`, `casePack`, `expectedUnitCost`, `discontinued`. Other fields of a row are ignored, so items
 * of a second input may carry more columns. A row needs `sku` and at least one identifier.
 * - ASINs are compared upper-cased (they are upper-case on Amazon's side); vendor product
 *   identifiers exactly (after trimming). An identifier sent as a JSON number (a spreadsheet
 *   column) is written as its integer string: leading zeros are lost, so such a row would not match
 *   `"0123…"` and the line lands in Exceptions as `unmapped`, never silently wrong.
 * - `expectedUnitCost` is the agreed net cost in the PO's currency and unit: per each, or per the
 *   weight unit of a weight-priced line (`netCost.unitOfMeasure`). A JSON number is read through its
 *   shortest decimal form (`12.5` -> `"12.5"`), as a spreadsheet shows it.
 * - The same identifier on two rows is accepted only if both rows say the same thing (same SKU,
 *   case pack, cost and discontinued flag).
 *
 * Identifiers "as sent": the canonical PO keeps identifiers trimmed. `mapPurchaseOrder` accepts the
 * raw Amazon order as an optional fourth argument; when given, every issue carries the identifiers
 * exactly as Amazon sent them (whitespace included). Without it, the canonical (trimmed) values are
 * used. The acknowledgement always echoes the canonical values (see acknowledgement.ts).
 *
 * Line status: `mapped` lines can be allocated; `reject` lines will be acknowledged Rejected with
 * `rejectionReason`: InvalidProductIdentifier for an unmapped line, ObsoleteProduct for a
 * discontinued SKU, TemporarilyUnavailable for any other exception (case pack, multiple, price:
 * Amazon has no closer reason, and it is the soft reject). A line with an exception is always a
 * `reject` line; the PO's `route` says whether such a PO may continue at all:
 * - no exception: `mapped`;
 * - exceptions and `partialPo: 'exceptions'` (default): `exceptions`;
 * - exceptions and `partialPo: 'continueWithRejections'`: `mapped` if at least one line is still
 *   `mapped` (only some lines are bad), else `exceptions`.
 * With `discontinued: 'reject'` a discontinued SKU is not an exception: the line is a `reject`
 * (ObsoleteProduct) line with a warning, and the PO stays on the Mapped route.
 */
import type {
	CanonicalMoney,
	CanonicalOrderItem,
	CanonicalPurchaseOrder,
	PriceUnit,
	QuantityUnit,
} from './purchaseOrder';
import {
	abs,
	compare,
	Decimal,
	isNegative,
	isZero,
	multiply,
	parseDecimal,
	subtract,
	toDecimalString,
} from './money';

// ---------------------------------------------------------------------------------------------
// Types

export type RejectionReason =
	| 'TemporarilyUnavailable'
	| 'InvalidProductIdentifier'
	| 'ObsoleteProduct';

export type MatchBy = 'asin' | 'vendorProductIdentifier';

/** One validated mapping row. */
export interface MappingRow {
	/** 0-based position of the row in the table or input items. */
	row: number;
	/** Upper-cased ASIN. */
	asin?: string;
	vendorProductIdentifier?: string;
	/** The platform SKU. */
	sku: string;
	/** Eaches per case. */
	casePack?: number;
	/** Agreed net cost as a plain decimal string (see the module notes for its unit). */
	expectedUnitCost?: string;
	discontinued: boolean;
}

export interface MappingRowIssue {
	/** 0-based row index. */
	row: number;
	field:
		| 'row'
		| 'asin'
		| 'vendorProductIdentifier'
		| 'sku'
		| 'casePack'
		| 'expectedUnitCost'
		| 'discontinued';
	message: string;
}

/** The mapping table cannot be used; `issues` lists every bad value (row index and field). */
export class MappingTableError extends Error {
	constructor(readonly issues: MappingRowIssue[]) {
		super(
			`The mapping table has ${issues.length === 1 ? 'a problem' : `${issues.length} problems`}: ` +
				issues.map((i) => `rows[${i.row}].${i.field} ${i.message}`).join('; '),
		);
		this.name = 'MappingTableError';
	}
}

/** Bad options for mapPurchaseOrder. */
export class MappingOptionsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MappingOptionsError';
	}
}

/** A value given as a MappedPurchaseOrder is not one (e.g. a node input that did not come from the Map node). */
export class MappedPurchaseOrderError extends Error {
	constructor(
		readonly path: string,
		readonly reason: string,
	) {
		super(`Not a mapped purchase order: ${path} ${reason}`);
		this.name = 'MappedPurchaseOrderError';
	}
}

/** Fast lookup of mapping rows by upper-cased ASIN and by vendor product identifier. */
export interface MappingIndex {
	readonly rows: readonly MappingRow[];
	readonly byAsin: ReadonlyMap<string, MappingRow>;
	readonly byVendorProductIdentifier: ReadonlyMap<string, MappingRow>;
}

export interface MappingMatch {
	row: MappingRow;
	matchedBy: MatchBy;
	/** Set when the other identifier maps to a different row with a different SKU. */
	conflict?: MappingRow;
}

export interface PriceTolerance {
	/** `absolute`: in currency units; `percent`: of the expected cost (`"2.5"` is 2.5 %). */
	mode: 'absolute' | 'percent';
	/** Non-negative decimal string. */
	value: string;
}

export interface MapOptions {
	/** Which identifier is looked up first. Default `asin`. */
	matchFirst: MatchBy;
	/** An Eaches line whose amount is not a multiple of the known case pack. Default `exception`. */
	notMultiple: 'exception' | 'warning';
	/** Allowed difference between the PO's net cost and the expected cost. Default absolute "0". */
	priceTolerance: PriceTolerance;
	/** Whether a PO with some bad lines may continue with them rejected. Default `exceptions`. */
	partialPo: 'exceptions' | 'continueWithRejections';
	/** A discontinued SKU: an exception, or a line to reject with ObsoleteProduct. Default `exception`. */
	discontinued: 'exception' | 'reject';
}

export type MappingIssueCode =
	/** Neither identifier is in the mapping table. Exception. */
	| 'unmapped'
	/** The PO's case size differs from the mapping's case pack. Exception. */
	| 'casePackMismatch'
	/** A Cases line with no usable unitSize on the PO and no case pack in the mapping. Exception. */
	| 'casePackMissing'
	/** An Eaches amount that is not a multiple of the case pack. Exception or warning (option). */
	| 'notCaseMultiple'
	/** Net cost outside the tolerance around the expected cost. Exception. */
	| 'priceMismatch'
	/** The SKU is marked discontinued. Exception or warning (option). */
	| 'discontinued'
	/** Warning: a Cases line without unitSize on the PO used the mapping's case pack. */
	| 'casePackFromMapping'
	/** Warning: a Cases line whose SKU has no case pack in the mapping (the PO's unitSize was used). */
	| 'casePackNotInMapping'
	/** Warning: the PO line has no net cost (the price cannot be checked or echoed). */
	| 'netCostMissing'
	/** Warning: the ASIN and the vendor product identifier map to different SKUs. */
	| 'identifierConflict';

export interface MappingIssue {
	code: MappingIssueCode;
	/** Operator-readable, names the line and the values. */
	message: string;
	/** As sent by Amazon (see the module notes). */
	itemSequenceNumber: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
}

/** Line identifiers exactly as Amazon sent them (or the canonical ones if the raw order was not given). */
export interface SentIdentifiers {
	itemSequenceNumber: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
}

export interface MappedLine {
	/** Position in `purchaseOrder.items` (lines are in the same order). */
	index: number;
	/** Canonical (trimmed), as in `purchaseOrder.items[index]`. */
	itemSequenceNumber: string;
	sent: SentIdentifiers;
	status: 'mapped' | 'reject';
	/** Set for `reject` lines: the reason the acknowledgement will give. */
	rejectionReason?: RejectionReason;
	/** The platform SKU; absent for an unmapped line. */
	sku?: string;
	matchedBy?: MatchBy;
	/** Row index of the mapping used. */
	mappingRow?: number;
	/** Case pack from the mapping. */
	casePack?: number;
	/** Amazon's unit for the line. */
	unitOfMeasure: QuantityUnit;
	/** Amazon units ordered (cases or eaches). */
	orderedAmount: number;
	/** Eaches per Amazon unit: the case size for Cases, 1 for Eaches. */
	unitSize: number;
	/** orderedAmount x unitSize. */
	orderedEaches: number;
	isBackOrderAllowed: boolean;
	/** Net cost as on the PO: per each, or per weight unit when `netCost.unitOfMeasure` is set. */
	netCost?: CanonicalMoney;
	/** True when the PO prices the line per weight unit. */
	pricedByWeight: boolean;
	/** The weight unit of a weight-priced line. */
	priceUnit?: PriceUnit;
	/** Agreed cost from the mapping (same unit as netCost). */
	expectedUnitCost?: string;
	/** netCost x orderedEaches, for lines priced per each; absent for weight-priced lines (needs the weight). */
	extendedCost?: string;
	discontinued: boolean;
	exceptions: MappingIssue[];
	warnings: MappingIssue[];
}

export interface MappedPurchaseOrder {
	purchaseOrder: CanonicalPurchaseOrder;
	/** One per `purchaseOrder.items` entry, same order. */
	lines: MappedLine[];
	/** Which output the PO goes to. */
	route: 'mapped' | 'exceptions';
	/** Every line's exceptions, in line order. */
	exceptions: MappingIssue[];
	/** Every line's warnings, in line order. */
	warnings: MappingIssue[];
	counts: {
		lines: number;
		/** Lines with status `mapped`. */
		mapped: number;
		/** Lines with status `reject`. */
		rejected: number;
		/** Lines with at least one exception. */
		withExceptions: number;
	};
}

// ---------------------------------------------------------------------------------------------
// Row parsing

const FIELDS = [
	'asin',
	'vendorProductIdentifier',
	'sku',
	'casePack',
	'expectedUnitCost',
	'discontinued',
] as const;

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function shown(value: unknown): string {
	if (typeof value === 'string')
		return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
	if (value === null || value === undefined) return String(value);
	if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
	return String(value);
}

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

type Problem = (field: MappingRowIssue['field'], message: string) => void;

function identifier(
	value: unknown,
	field: MappingRowIssue['field'],
	problem: Problem,
): string | undefined {
	if (isBlank(value)) return undefined;
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
	problem(field, `must be text (got ${shown(value)})`);
	return undefined;
}

function casePackOf(value: unknown, problem: Problem): number | undefined {
	if (isBlank(value)) return undefined;
	let n = Number.NaN;
	if (typeof value === 'number') n = value;
	else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) n = Number(value.trim());
	if (!Number.isSafeInteger(n) || n < 1) {
		problem('casePack', `must be a whole number of 1 or more (got ${shown(value)})`);
		return undefined;
	}
	return n;
}

/** A decimal already in the canonical plain form (what toDecimalString writes), not negative. */
const PLAIN_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

/** The cost as a canonical plain decimal string. */
function costOf(value: unknown, problem: Problem): string | undefined {
	if (isBlank(value)) return undefined;
	let textValue: string | undefined;
	if (typeof value === 'string') textValue = value.trim();
	else if (typeof value === 'number' && Number.isFinite(value)) textValue = String(value);
	if (textValue !== undefined && PLAIN_DECIMAL.test(textValue)) return textValue;
	let parsed: Decimal | undefined;
	if (textValue !== undefined) {
		try {
			parsed = parseDecimal(textValue);
		} catch {
			parsed = undefined;
		}
	}
	if (parsed === undefined) {
		problem(
			'expectedUnitCost',
			`must be a decimal amount such as "12.50", without currency, thousands separators or a decimal comma (got ${shown(value)})`,
		);
		return undefined;
	}
	if (isNegative(parsed)) {
		problem('expectedUnitCost', `must not be negative (got ${shown(value)})`);
		return undefined;
	}
	return toDecimalString(parsed);
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

function flagOf(value: unknown, problem: Problem): boolean {
	if (isBlank(value)) return false;
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value === 'string') {
		const word = value.trim().toLowerCase();
		if (TRUE_WORDS.has(word)) return true;
		if (FALSE_WORDS.has(word)) return false;
	}
	problem('discontinued', `must be true or false (got ${shown(value)})`);
	return false;
}

/**
 * Reads mapping rows (inline table entries or the JSON of input items). Blank rows (no known field
 * set) are skipped; everything else is checked and every problem reported at once in a
 * MappingTableError naming the row index and field.
 */
export function parseMappingRows(input: readonly unknown[]): MappingRow[] {
	if (!Array.isArray(input))
		throw new MappingTableError([
			{ row: 0, field: 'row', message: `the table must be a list of rows (got ${shown(input)})` },
		]);
	const rows: MappingRow[] = [];
	const issues: MappingRowIssue[] = [];
	input.forEach((raw, rowIndex) => {
		if (!isObject(raw)) {
			issues.push({
				row: rowIndex,
				field: 'row',
				message: `must be an object with the fields ${FIELDS.join(', ')} (got ${shown(raw)})`,
			});
			return;
		}
		if (isBlankRow(raw)) return;
		const before = issues.length;
		const problem: Problem = (field, message) => issues.push({ row: rowIndex, field, message });
		const asin = identifier(raw.asin, 'asin', problem)?.toUpperCase();
		const vendorProductIdentifier = identifier(
			raw.vendorProductIdentifier,
			'vendorProductIdentifier',
			problem,
		);
		const sku = identifier(raw.sku, 'sku', problem);
		const casePack = casePackOf(raw.casePack, problem);
		const cost = costOf(raw.expectedUnitCost, problem);
		const discontinued = flagOf(raw.discontinued, problem);
		if (sku === undefined && isBlank(raw.sku)) problem('sku', 'is required');
		if (
			asin === undefined &&
			vendorProductIdentifier === undefined &&
			isBlank(raw.asin) &&
			isBlank(raw.vendorProductIdentifier)
		) {
			problem('asin', 'or vendorProductIdentifier is required');
		}
		if (issues.length > before || sku === undefined) return;
		const row: MappingRow = { row: rowIndex, sku, discontinued };
		if (asin !== undefined) row.asin = asin;
		if (vendorProductIdentifier !== undefined)
			row.vendorProductIdentifier = vendorProductIdentifier;
		if (casePack !== undefined) row.casePack = casePack;
		if (cost !== undefined) row.expectedUnitCost = cost;
		rows.push(row);
	});
	if (issues.length) throw new MappingTableError(issues);
	return rows;
}

function isBlankRow(raw: Record<string, unknown>): boolean {
	for (const field of FIELDS) if (!isBlank(raw[field])) return false;
	return true;
}

/** Costs parsed once per row, and only when needed (most PO costs equal the agreed string). */
const parsedCosts = new WeakMap<MappingRow, Decimal>();

function costDecimal(row: MappingRow): Decimal | undefined {
	if (row.expectedUnitCost === undefined) return undefined;
	let cost = parsedCosts.get(row);
	if (cost === undefined) {
		cost = parseDecimal(row.expectedUnitCost);
		parsedCosts.set(row, cost);
	}
	return cost;
}

function sameMapping(a: MappingRow, b: MappingRow): boolean {
	if (a.sku !== b.sku || a.casePack !== b.casePack || a.discontinued !== b.discontinued)
		return false;
	if (a.expectedUnitCost === undefined || b.expectedUnitCost === undefined)
		return a.expectedUnitCost === b.expectedUnitCost;
	return compare(costDecimal(a) as Decimal, costDecimal(b) as Decimal) === 0;
}

function difference(a: MappingRow, b: MappingRow): string {
	if (a.sku !== b.sku)
		return `a different SKU (${JSON.stringify(a.sku)} and ${JSON.stringify(b.sku)})`;
	if (a.casePack !== b.casePack)
		return `a different casePack (${a.casePack ?? 'none'} and ${b.casePack ?? 'none'})`;
	if (a.discontinued !== b.discontinued) return 'a different discontinued flag';
	return `a different expectedUnitCost (${a.expectedUnitCost ?? 'none'} and ${b.expectedUnitCost ?? 'none'})`;
}

/**
 * Builds the lookup index. Throws MappingTableError when one identifier is on two rows that
 * disagree (e.g. the same ASIN with different SKUs); identical duplicates are accepted.
 */
export function buildMappingIndex(rows: readonly MappingRow[]): MappingIndex {
	const byAsin = new Map<string, MappingRow>();
	const byVendorProductIdentifier = new Map<string, MappingRow>();
	const issues: MappingRowIssue[] = [];
	const add = (
		map: Map<string, MappingRow>,
		key: string,
		row: MappingRow,
		field: 'asin' | 'vendorProductIdentifier',
	): void => {
		const existing = map.get(key);
		if (existing === undefined) map.set(key, row);
		else if (!sameMapping(existing, row)) {
			issues.push({
				row: row.row,
				field,
				message: `${JSON.stringify(key)} is also on rows[${existing.row}] with ${difference(existing, row)}`,
			});
		}
	};
	for (const row of rows) {
		if (row.expectedUnitCost !== undefined && !PLAIN_DECIMAL.test(row.expectedUnitCost)) {
			// Rows built by hand rather than by parseMappingRows.
			issues.push({
				row: row.row,
				field: 'expectedUnitCost',
				message: `must be a plain decimal such as "12.50" (got ${shown(row.expectedUnitCost)})`,
			});
			continue;
		}
		if (row.asin !== undefined) add(byAsin, row.asin.toUpperCase(), row, 'asin');
		if (row.vendorProductIdentifier !== undefined)
			add(byVendorProductIdentifier, row.vendorProductIdentifier, row, 'vendorProductIdentifier');
	}
	if (issues.length) throw new MappingTableError(issues);
	return { rows, byAsin, byVendorProductIdentifier };
}

/** parseMappingRows + buildMappingIndex. */
export function createMappingIndex(input: readonly unknown[]): MappingIndex {
	return buildMappingIndex(parseMappingRows(input));
}

/**
 * Finds the mapping for a line's identifiers, trying `matchFirst` first. When both identifiers
 * match different rows with different SKUs, the first wins and `conflict` names the other.
 */
export function lookupMapping(
	index: MappingIndex,
	identifiers: { amazonProductIdentifier?: string; vendorProductIdentifier?: string },
	matchFirst: MatchBy,
): MappingMatch | undefined {
	const asinKey = identifiers.amazonProductIdentifier?.trim().toUpperCase();
	const vendorKey = identifiers.vendorProductIdentifier?.trim();
	const byAsin = asinKey ? index.byAsin.get(asinKey) : undefined;
	const byVendor = vendorKey ? index.byVendorProductIdentifier.get(vendorKey) : undefined;
	const [first, firstBy, second, secondBy] =
		matchFirst === 'asin'
			? [byAsin, 'asin' as const, byVendor, 'vendorProductIdentifier' as const]
			: [byVendor, 'vendorProductIdentifier' as const, byAsin, 'asin' as const];
	const winner = first ?? second;
	if (winner === undefined) return undefined;
	const match: MappingMatch = { row: winner, matchedBy: first ? firstBy : secondBy };
	if (first && second && first !== second && first.sku !== second.sku) match.conflict = second;
	return match;
}

// ---------------------------------------------------------------------------------------------
// Options

export const DEFAULT_MAP_OPTIONS: Readonly<MapOptions> = Object.freeze({
	matchFirst: 'asin',
	notMultiple: 'exception',
	priceTolerance: Object.freeze({ mode: 'absolute', value: '0' }) as PriceTolerance,
	partialPo: 'exceptions',
	discontinued: 'exception',
});

function oneOf<T extends string>(
	value: unknown,
	allowed: readonly T[],
	name: string,
	fallback: T,
): T {
	if (value === undefined) return fallback;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
		return value as T;
	throw new MappingOptionsError(
		`${name} must be one of: ${allowed.join(', ')} (got ${shown(value)})`,
	);
}

interface ResolvedOptions extends MapOptions {
	tolerance: Decimal;
}

/** Fills defaults and checks the options; throws MappingOptionsError. */
export function resolveMappingOptions(options: Partial<MapOptions> = {}): MapOptions {
	const { matchFirst, notMultiple, priceTolerance, partialPo, discontinued } = resolve(options);
	return { matchFirst, notMultiple, priceTolerance, partialPo, discontinued };
}

function resolve(options: Partial<MapOptions>): ResolvedOptions {
	const tolerance = options.priceTolerance ?? DEFAULT_MAP_OPTIONS.priceTolerance;
	const mode = oneOf(
		tolerance.mode,
		['absolute', 'percent'] as const,
		'priceTolerance.mode',
		'absolute',
	);
	let value: Decimal | undefined;
	try {
		value = parseDecimal(String(tolerance.value ?? '0'));
	} catch {
		value = undefined;
	}
	if (value === undefined)
		throw new MappingOptionsError(
			`priceTolerance.value must be a decimal such as "0.05" (got ${shown(tolerance.value)})`,
		);
	if (isNegative(value))
		throw new MappingOptionsError(
			`priceTolerance.value must not be negative (got ${shown(tolerance.value)})`,
		);
	return {
		matchFirst: oneOf(
			options.matchFirst,
			['asin', 'vendorProductIdentifier'] as const,
			'matchFirst',
			'asin',
		),
		notMultiple: oneOf(
			options.notMultiple,
			['exception', 'warning'] as const,
			'notMultiple',
			'exception',
		),
		priceTolerance: { mode, value: toDecimalString(value) },
		partialPo: oneOf(
			options.partialPo,
			['exceptions', 'continueWithRejections'] as const,
			'partialPo',
			'exceptions',
		),
		discontinued: oneOf(
			options.discontinued,
			['exception', 'reject'] as const,
			'discontinued',
			'exception',
		),
		tolerance: value,
	};
}

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

/**
 * Maps one canonical purchase order. `rawOrder` (optional) is the Amazon Order the PO was
 * normalised from, so that issues quote identifiers exactly as sent. Throws MappingOptionsError for
 * bad options; never throws for bad lines (they become exceptions).
 */
export function mapPurchaseOrder(
	po: CanonicalPurchaseOrder,
	index: MappingIndex,
	options: Partial<MapOptions> = {},
	rawOrder?: unknown,
): MappedPurchaseOrder {
	const opts = resolve(options);
	const raw = rawOrder === undefined ? undefined : rawItems(rawOrder);
	const lines: MappedLine[] = new Array(po.items.length);
	const exceptions: MappingIssue[] = [];
	const warnings: MappingIssue[] = [];
	let mappedCount = 0;
	let withExceptions = 0;

	for (let i = 0; i < po.items.length; i++) {
		const item = po.items[i];
		const sent = sentIdentifiers(item, raw?.[i]);
		const label = `Line ${JSON.stringify(sent.itemSequenceNumber)}`;
		const lineExceptions: MappingIssue[] = [];
		const lineWarnings: MappingIssue[] = [];
		const issue = (list: MappingIssue[], code: MappingIssueCode, message: string): void => {
			list.push({ code, message: `${label}: ${message}`, ...sent });
		};

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
			exceptions: lineExceptions,
			warnings: lineWarnings,
		};
		if (item.netCost) {
			line.netCost = item.netCost;
			if (item.netCost.unitOfMeasure !== undefined) line.priceUnit = item.netCost.unitOfMeasure;
		}

		const match = lookupMapping(index, item, opts.matchFirst);
		if (match === undefined) {
			const ids = describeIdentifiers(sent);
			issue(
				lineExceptions,
				'unmapped',
				ids
					? `${ids} not in the mapping table`
					: 'has neither an ASIN nor a vendor product identifier',
			);
			line.status = 'reject';
			line.rejectionReason = 'InvalidProductIdentifier';
		} else {
			const row = match.row;
			line.sku = row.sku;
			line.matchedBy = match.matchedBy;
			line.mappingRow = row.row;
			if (row.casePack !== undefined) line.casePack = row.casePack;
			if (row.expectedUnitCost !== undefined) line.expectedUnitCost = row.expectedUnitCost;
			line.discontinued = row.discontinued;
			if (match.conflict) {
				const other = match.conflict;
				issue(
					lineWarnings,
					'identifierConflict',
					`matched SKU ${JSON.stringify(row.sku)} (rows[${row.row}]) by ${match.matchedBy === 'asin' ? 'ASIN' : 'vendor product identifier'}; the ${match.matchedBy === 'asin' ? 'vendor product identifier' : 'ASIN'} maps to SKU ${JSON.stringify(other.sku)} (rows[${other.row}])`,
				);
			}

			if (row.discontinued) {
				const message = `SKU ${JSON.stringify(row.sku)} is discontinued`;
				if (opts.discontinued === 'exception') issue(lineExceptions, 'discontinued', message);
				else
					issue(
						lineWarnings,
						'discontinued',
						`${message}: the line will be rejected as ObsoleteProduct`,
					);
				line.status = 'reject';
				line.rejectionReason = 'ObsoleteProduct';
			} else {
				checkCasePack(line, q, row, issue, opts);
				checkPrice(line, item, match, issue, opts);
				if (lineExceptions.length) {
					line.status = 'reject';
					line.rejectionReason = 'TemporarilyUnavailable';
				}
			}
		}

		if (line.status === 'mapped') mappedCount++;
		if (lineExceptions.length) {
			withExceptions++;
			for (const e of lineExceptions) exceptions.push(e);
		}
		for (const w of lineWarnings) warnings.push(w);
		lines[i] = line;
	}

	const route: MappedPurchaseOrder['route'] =
		withExceptions === 0 || (opts.partialPo === 'continueWithRejections' && mappedCount > 0)
			? 'mapped'
			: 'exceptions';
	return {
		purchaseOrder: po,
		lines,
		route,
		exceptions,
		warnings,
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
				`ordered ${q.amount} cases but neither the PO (unitSize) nor the mapping of SKU ${sku} (casePack) gives the eaches per case`,
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
		const message = `${q.amount} eaches is not a multiple of the case pack of ${row.casePack} for SKU ${sku} (nearest: ${below} or ${below + row.casePack})`;
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
		`net cost ${netCost.amount} ${netCost.currencyCode}${per} differs from the expected ${toDecimalString(expected)} by ${toDecimalString(abs(subtract(amount, expected)))} (tolerance ${tolerance})`,
	);
}

// ---------------------------------------------------------------------------------------------
// Reading a mapped PO back (node input is plain JSON)

function fail(path: string, reason: string): never {
	throw new MappedPurchaseOrderError(path, reason);
}

function isWholeNumber(value: unknown, min: number): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/**
 * Checks that a JSON value (a node input item) is a MappedPurchaseOrder as produced by
 * mapPurchaseOrder, with the fields allocation and acknowledgement rely on; returns it typed.
 * Throws MappedPurchaseOrderError naming the path.
 */
export function readMappedPurchaseOrder(value: unknown): MappedPurchaseOrder {
	if (!isObject(value)) return fail('(root)', `must be an object (got ${shown(value)})`);
	const po = value.purchaseOrder;
	if (!isObject(po))
		return fail('purchaseOrder', 'is required (the output of the Map ASIN / Case Pack node)');
	if (typeof po.purchaseOrderNumber !== 'string' || po.purchaseOrderNumber === '')
		return fail('purchaseOrder.purchaseOrderNumber', 'is required');
	if (typeof po.purchaseOrderDate !== 'string')
		return fail('purchaseOrder.purchaseOrderDate', 'is required');
	if (!Array.isArray(po.items)) return fail('purchaseOrder.items', 'must be an array');
	if (value.route !== 'mapped' && value.route !== 'exceptions')
		return fail('route', `must be "mapped" or "exceptions" (got ${shown(value.route)})`);
	const lines = value.lines;
	if (!Array.isArray(lines)) return fail('lines', 'must be an array');
	if (lines.length !== po.items.length)
		return fail(
			'lines',
			`must have one entry per PO item (${po.items.length}, got ${lines.length})`,
		);
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const item = po.items[i];
		const path = `lines[${i}]`;
		if (!isObject(line)) return fail(path, 'must be an object');
		if (!isObject(item) || !isObject(item.orderedQuantity))
			return fail(`purchaseOrder.items[${i}].orderedQuantity`, 'is required');
		if (line.index !== i) return fail(`${path}.index`, `must be ${i} (got ${shown(line.index)})`);
		if (line.itemSequenceNumber !== item.itemSequenceNumber)
			return fail(
				`${path}.itemSequenceNumber`,
				`must equal the PO item's ${shown(item.itemSequenceNumber)} (got ${shown(line.itemSequenceNumber)})`,
			);
		if (line.status !== 'mapped' && line.status !== 'reject')
			return fail(`${path}.status`, `must be "mapped" or "reject" (got ${shown(line.status)})`);
		if (line.status === 'mapped' && (typeof line.sku !== 'string' || line.sku === ''))
			return fail(`${path}.sku`, 'is required on a mapped line');
		if (
			line.status === 'reject' &&
			!['TemporarilyUnavailable', 'InvalidProductIdentifier', 'ObsoleteProduct'].includes(
				line.rejectionReason as string,
			)
		) {
			return fail(
				`${path}.rejectionReason`,
				`must be an Amazon rejection reason (got ${shown(line.rejectionReason)})`,
			);
		}
		if (line.unitOfMeasure !== 'Cases' && line.unitOfMeasure !== 'Eaches')
			return fail(
				`${path}.unitOfMeasure`,
				`must be Cases or Eaches (got ${shown(line.unitOfMeasure)})`,
			);
		if (!isWholeNumber(line.orderedAmount, 0))
			return fail(
				`${path}.orderedAmount`,
				`must be a whole number (got ${shown(line.orderedAmount)})`,
			);
		if (!isWholeNumber(line.unitSize, line.status === 'mapped' ? 1 : 0))
			return fail(
				`${path}.unitSize`,
				`must be a whole number of 1 or more (got ${shown(line.unitSize)})`,
			);
		if (typeof line.isBackOrderAllowed !== 'boolean')
			return fail(`${path}.isBackOrderAllowed`, 'must be true or false');
		if (!Array.isArray(line.exceptions) || !Array.isArray(line.warnings))
			return fail(path, 'must have exceptions and warnings lists');
	}
	return value as unknown as MappedPurchaseOrder;
}
