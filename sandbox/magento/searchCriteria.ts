/**
 * Magento's searchCriteria query parameters: parsed from `searchCriteria[filterGroups][0][filters][0][field]=…`
 * (camelCase or snake_case keys, `search_criteria` too, as Magento accepts both), validated against
 * Adobe's `framework-search-criteria-interface`, and applied to a list: filters inside a group are
 * ORed, groups are ANDed, then sort orders, then the page.
 *
 * Paging is Magento's: pageSize defaults to "all", currentPage to 1, and a currentPage past the
 * last page answers the last page again (the collection clamps it), a well-known trap for clients
 * that page until an empty answer.
 */
import { inputErrors, MagentoError, requiredField } from './errors';
import type { MagentoSchema } from './schema';

export interface Filter {
	field: string;
	value?: string;
	condition_type?: string;
}

export interface SearchCriteria {
	filter_groups?: Array<{ filters?: Filter[] }>;
	sort_orders?: Array<{ field: string; direction?: string }>;
	page_size?: number;
	current_page?: number;
}

function snake(key: string): string {
	return key.replace(/(?<=[a-z0-9])([A-Z])/g, '_$1').toLowerCase();
}

type Tree = { [key: string]: Tree | string };

/**
 * "searchCriteria[filterGroups][0][filters][0][field]" -> ["searchCriteria", "filterGroups", "0",
 * "filters", "0", "field"].
 */
function keyPath(key: string): string[] | undefined {
	const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
	if (!m) return undefined;
	const rest = [...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]);
	return [m[1], ...rest];
}

function toArrays(node: Tree | string): unknown {
	if (typeof node === 'string') return node;
	const keys = Object.keys(node);
	if (keys.length && keys.every((k) => /^\d+$/.test(k))) {
		return keys.sort((a, b) => Number(a) - Number(b)).map((k) => toArrays(node[k]));
	}
	const out: Record<string, unknown> = {};
	for (const k of keys) out[k] = toArrays(node[k]);
	return out;
}

/**
 * The searchCriteria of a query, or undefined when the query has none. `searchCriteria` alone (or
 * `searchCriteria=`) gives an empty criteria, as in Magento.
 */
export function parseSearchCriteria(query: URLSearchParams): unknown {
	let found = false;
	const root: Tree = {};
	for (const [key, value] of query.entries()) {
		const parts = keyPath(key);
		if (!parts || snake(parts[0]) !== 'search_criteria') continue;
		found = true;
		if (parts.length === 1) continue;
		let node = root;
		const rest = parts.slice(1).map((p) => (/^\d+$/.test(p) ? p : snake(p)));
		for (let i = 0; i < rest.length; i++) {
			const k = rest[i];
			if (i === rest.length - 1) {
				node[k] = value;
			} else {
				const next = node[k];
				if (typeof next !== 'object') node[k] = {};
				node = node[k] as Tree;
			}
		}
	}
	return found ? toArrays(root) : undefined;
}

/** Parses, requires and validates the searchCriteria of a GET …/search-style operation. */
export function readSearchCriteria(schema: MagentoSchema, query: URLSearchParams): SearchCriteria {
	const criteria = parseSearchCriteria(query);
	if (criteria === undefined) throw inputErrors([requiredField('searchCriteria')]);
	const errors = schema.validateDefinition(
		'framework-search-criteria-interface',
		criteria,
		'searchCriteria',
	);
	if (errors.length) throw inputErrors(errors);
	const c = criteria as SearchCriteria;
	for (const so of c.sort_orders ?? []) {
		if (
			so.direction !== undefined &&
			!['ASC', 'DESC'].includes(String(so.direction).toUpperCase())
		) {
			throw new MagentoError(
				400,
				'The sort order "%1" is invalid. Verify the sort order and try again.',
				[so.direction],
			);
		}
	}
	return c;
}

/**
 * A value for comparison: numbers as numbers, Magento dates ("2026-03-02 12:00:00") and ISO dates
 * as "YYYY-MM-DD HH:MM:SS".
 */
function comparable(value: unknown, isDate: boolean): string | number | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') return value;
	if (typeof value === 'boolean') return value ? 1 : 0;
	const s = String(value).trim();
	if (isDate) {
		const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?/.exec(s);
		if (m) return `${m[1]} ${(m[2] ?? '00:00:00').padEnd(8, ':00').slice(0, 8)}`;
	}
	if (s !== '' && /^[+-]?\d+(\.\d+)?$/.test(s)) return Number(s);
	return s.toLowerCase();
}

function compare(a: string | number | null, b: string | number | null): number {
	if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const sa = String(a);
	const sb = String(b);
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function likeRegex(pattern: string): RegExp {
	const escaped = pattern
		.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
		.replace(/%/g, '.*')
		.replace(/_/g, '.');
	return new RegExp(`^${escaped}$`, 'is');
}

/**
 * Whether a record matches one filter. Unknown condition types behave as "eq": Magento's MySQL
 * adapter falls back to an equality when no known condition key is given.
 */
function matches(value: unknown, filter: Filter, isDate: boolean): boolean {
	const type = (filter.condition_type ?? 'eq').toLowerCase();
	const raw = filter.value ?? '';
	const v = comparable(value, isDate);
	const list = () => raw.split(',').map((x) => comparable(x.trim(), isDate));
	switch (type) {
		case 'null':
			return value === null || value === undefined;
		case 'notnull':
			return value !== null && value !== undefined;
		case 'neq':
			return v === null || compare(v, comparable(raw, isDate)) !== 0;
		case 'like':
			return v !== null && likeRegex(raw).test(String(value));
		case 'nlike':
			return v === null || !likeRegex(raw).test(String(value));
		case 'in':
			return v !== null && list().some((x) => compare(v, x) === 0);
		case 'nin':
			return v === null || !list().some((x) => compare(v, x) === 0);
		case 'gt':
			return v !== null && compare(v, comparable(raw, isDate)) > 0;
		case 'lt':
			return v !== null && compare(v, comparable(raw, isDate)) < 0;
		case 'gteq':
		case 'moreq':
		case 'from':
			return v !== null && compare(v, comparable(raw, isDate)) >= 0;
		case 'lteq':
		case 'to':
			return v !== null && compare(v, comparable(raw, isDate)) <= 0;
		case 'finset':
			return (
				v !== null &&
				String(value)
					.split(',')
					.map((x) => x.trim())
					.includes(raw.trim())
			);
		default:
			return v !== null && compare(v, comparable(raw, isDate)) === 0;
	}
}

export interface SearchResult<T> {
	items: T[];
	search_criteria: SearchCriteria;
	total_count: number;
}

/**
 * Applies the criteria to rows (flat records whose keys are the filterable fields). A filter or
 * sort on a field the rows do not have is Magento's SQL error (unknown column), answered as 400.
 */
export function applySearchCriteria<T>(
	rows: T[],
	criteria: SearchCriteria,
	fieldsOf: (row: T) => Record<string, unknown>,
	knownFields: string[],
): SearchResult<T> {
	const known = new Set(knownFields);
	const check = (field: string) => {
		if (!known.has(field)) {
			throw new MagentoError(
				400,
				"SQLSTATE[42S22]: Column not found: 1054 Unknown column '%1' in 'where clause'",
				[`main_table.${field}`],
			);
		}
	};
	for (const g of criteria.filter_groups ?? []) for (const f of g.filters ?? []) check(f.field);
	for (const s of criteria.sort_orders ?? []) check(s.field);

	let out = rows.filter((row) => {
		const fields = fieldsOf(row);
		return (criteria.filter_groups ?? []).every((g) => {
			const filters = g.filters ?? [];
			return (
				filters.length === 0 ||
				filters.some((f) => matches(fields[f.field], f, f.field.endsWith('_at')))
			);
		});
	});
	const sorts = criteria.sort_orders ?? [];
	if (sorts.length) {
		out = [...out].sort((a, b) => {
			const fa = fieldsOf(a);
			const fb = fieldsOf(b);
			for (const s of sorts) {
				const isDate = s.field.endsWith('_at');
				const c = compare(comparable(fa[s.field], isDate), comparable(fb[s.field], isDate));
				if (c !== 0) return String(s.direction ?? 'ASC').toUpperCase() === 'DESC' ? -c : c;
			}
			return 0;
		});
	}
	const total = out.length;
	const pageSize = criteria.page_size;
	if (pageSize !== undefined && pageSize > 0) {
		const lastPage = Math.max(1, Math.ceil(total / pageSize));
		const page = Math.min(Math.max(1, criteria.current_page ?? 1), lastPage);
		out = out.slice((page - 1) * pageSize, page * pageSize);
	}
	return { items: out, search_criteria: criteria, total_count: total };
}
