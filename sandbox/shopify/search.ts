/**
 * Shopify's search syntax for `query:` arguments (https://shopify.dev/docs/api/usage/search-syntax),
 * the part the templates use: `field:value` terms joined by AND (implicit) or OR, negation with
 * `-field:value` or `NOT`, quoted values (`po_number:"PO 12"`), comparators (`created_at:>=2026-03-01`),
 * a trailing `*` for prefixes (`sku:ESP-*`) and free-text terms. Values match case-insensitively;
 * text fields marked exact match the whole value (Shopify's `sku:` and `tag:` do), free text matches
 * a substring. A field the query does not know is ignored and reported, as Shopify does in
 * `extensions.search[].warnings` ("Invalid search field for this query.").
 */
import { parseGid } from './state';

export interface SearchField<T> {
	kind: 'text' | 'id' | 'time' | 'boolean' | 'number';
	/** The item's value(s) for this field. */
	get: (item: T) => unknown;
	/** Text: whole-value match (else substring). */
	exact?: boolean;
	/** The field matches when the value is absent (e.g. `tag_not`). */
	negate?: boolean;
}

type Comparator = ':' | '<' | '<=' | '>' | '>=';

export interface SearchTerm {
	field: string | null;
	value: string;
	comparator: Comparator;
	negated: boolean;
	prefix: boolean;
}

export interface ParsedSearch {
	/** OR of AND-groups. */
	groups: SearchTerm[][];
	warnings: Array<{ field: string | null; message: string }>;
}

function tokenize(query: string): string[] {
	const tokens: string[] = [];
	let current = '';
	let quote: string | null = null;
	for (const ch of query) {
		if (quote) {
			current += ch;
			if (ch === quote) quote = null;
		} else if (ch === '"' || ch === "'") {
			quote = ch;
			current += ch;
		} else if (/\s/.test(ch) || ch === '(' || ch === ')') {
			if (current) tokens.push(current);
			current = '';
		} else current += ch;
	}
	if (current) tokens.push(current);
	return tokens;
}

function unquote(value: string): string {
	const m = /^(["'])(.*)\1$/s.exec(value);
	return m ? m[2].replace(/\\(.)/g, '$1') : value;
}

/**
 * Parses a query; `knownField(name)` tells which fields the query supports (others are reported
 * and ignored).
 */
export function parseSearch<T>(
	query: string,
	fields: Record<string, SearchField<T>>,
	knownDynamic: (field: string) => boolean = () => false,
): ParsedSearch {
	const groups: SearchTerm[][] = [[]];
	const warnings: ParsedSearch['warnings'] = [];
	let negateNext = false;
	for (const token of tokenize(query)) {
		if (token === 'OR') {
			groups.push([]);
			continue;
		}
		if (token === 'AND') continue;
		if (token === 'NOT') {
			negateNext = true;
			continue;
		}
		let text = token;
		let negated = negateNext;
		negateNext = false;
		if (text.startsWith('-') && text.length > 1) {
			negated = !negated;
			text = text.slice(1);
		}
		const m = /^([A-Za-z_][\w.]*):(<=|>=|<|>)?(.*)$/s.exec(text);
		let term: SearchTerm;
		if (m) {
			const value = unquote(m[3]);
			term = {
				field: m[1],
				comparator: (m[2] as Comparator | undefined) ?? ':',
				value,
				negated,
				prefix: false,
			};
		} else {
			term = { field: null, comparator: ':', value: unquote(text), negated, prefix: false };
		}
		if (term.value.endsWith('*') && !/^(["']).*\1$/s.test(m ? m[3] : text)) {
			term.prefix = true;
			term.value = term.value.slice(0, -1);
		}
		if (term.field !== null && !fields[term.field] && !knownDynamic(term.field)) {
			warnings.push({ field: term.field, message: 'Invalid search field for this query.' });
			continue;
		}
		groups[groups.length - 1].push(term);
	}
	return { groups: groups.filter((g, i) => g.length || i === 0), warnings };
}

function asList(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [value];
}

function compare(a: number, b: number, comparator: Comparator): boolean {
	switch (comparator) {
		case '<':
			return a < b;
		case '<=':
			return a <= b;
		case '>':
			return a > b;
		case '>=':
			return a >= b;
		default:
			return a === b;
	}
}

function timeOf(value: string): number {
	const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
	return Date.parse(text);
}

function matchTerm<T>(
	term: SearchTerm,
	item: T,
	field: SearchField<T> | undefined,
	dynamic: string[] | undefined,
): boolean {
	const wanted = term.value.toLowerCase();
	if (!field) {
		const values = dynamic ?? [];
		return values.some((v) =>
			term.prefix ? v.toLowerCase().startsWith(wanted) : v.toLowerCase() === wanted,
		);
	}
	const values = asList(field.get(item)).filter((v) => v !== null && v !== undefined);
	let hit: boolean;
	switch (field.kind) {
		case 'id': {
			const n = /^\d+$/.test(term.value) ? Number(term.value) : Number(parseGid(term.value)?.id);
			hit = Number.isFinite(n) && values.some((v) => compare(Number(v), n, term.comparator));
			break;
		}
		case 'number': {
			const n = Number(term.value);
			hit = Number.isFinite(n) && values.some((v) => compare(Number(v), n, term.comparator));
			break;
		}
		case 'time': {
			const t = timeOf(term.value);
			hit =
				Number.isFinite(t) &&
				values.some((v) => compare(Date.parse(String(v)), t, term.comparator));
			break;
		}
		case 'boolean':
			hit = values.some((v) => String(v) === wanted);
			break;
		default:
			hit = values.some((v) => {
				const s = String(v).toLowerCase();
				if (term.prefix) return s.startsWith(wanted);
				return field.exact ? s === wanted : s.includes(wanted);
			});
	}
	return field.negate ? !hit : hit;
}

/** Whether an item matches; `dynamic(field, item)` gives values of dynamic fields (metafields.*). */
export function matchesSearch<T>(
	parsed: ParsedSearch,
	item: T,
	fields: Record<string, SearchField<T>>,
	dynamic: (field: string, item: T) => string[],
): boolean {
	return parsed.groups.some((group) =>
		group.every((term) => {
			const field = fields[term.field ?? 'default'];
			const hit =
				field || term.field === null
					? matchTerm(term, item, field, undefined)
					: matchTerm(term, item, undefined, dynamic(term.field, item));
			return term.negated ? !hit : hit;
		}),
	);
}
