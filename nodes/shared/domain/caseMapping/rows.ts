/** Mapping rows: parsing, the lookup index and the lookup. Pure: no n8n imports. */
import { compare, Decimal, isNegative, parseDecimal, toDecimalString } from '../money';
import { isObject, shown } from '../values';
import { MappingTableError } from './errors';
import type { MappingIndex, MappingMatch, MappingRow, MappingRowIssue, MatchBy } from './types';

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
			'must be a decimal amount such as "12.50", without currency, thousands separators or a ' +
				`decimal comma (got ${shown(value)})`,
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

export function costDecimal(row: MappingRow): Decimal | undefined {
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
