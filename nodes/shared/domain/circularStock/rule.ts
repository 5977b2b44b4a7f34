/**
 * The settings of Supercycle's wholesale availability rule, read and checked: the conditions that
 * may be sold wholesale, the circular reserve and the SKUs never sold wholesale. Pure: no n8n
 * imports.
 */
import { InvalidInputError } from '../inputError';
import { shown } from '../values';

export interface CircularRule {
	/** Condition titles (lower case) or condition ids that may be sold wholesale. */
	sellableConditions: string[];
	/** Free sellable items always kept for rental and resale, per SKU. */
	reserve: number;
	/** SKUs kept for rental and resale only: never offered to Amazon. */
	circularOnlySkus: string[];
}

export interface CircularRuleInput {
	/** Comma-separated text (`New, Like new, Good`) or a list of titles or ids. */
	sellableConditions: unknown;
	/** A whole number of at least 0; empty means 0. */
	reserve?: unknown;
	/** Comma-separated text or a list of SKUs; empty means none. */
	circularOnlySkus?: unknown;
}

/** The entries of a comma-separated text or a list, trimmed, empty ones dropped. */
function listOf(value: unknown, path: string): string[] {
	if (value === undefined || value === null) return [];
	const parts = typeof value === 'string' ? value.split(',') : value;
	if (!Array.isArray(parts)) {
		throw new InvalidInputError(
			`${path} must be a comma-separated text or a list, got ${shown(value)}`,
			path,
		);
	}
	return parts
		.map((part, index) => {
			if (typeof part === 'string') return part.trim();
			if (typeof part === 'number' && Number.isFinite(part)) return String(part);
			throw new InvalidInputError(
				`${path}[${index}] must be a text or a number, got ${shown(part)}`,
				`${path}[${index}]`,
			);
		})
		.filter((part) => part !== '');
}

/** The reserve as a whole number of at least 0 (empty: 0). */
function reserveOf(value: unknown): number {
	if (value === undefined || value === null || value === '') return 0;
	const n = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
		throw new InvalidInputError(
			`reserve must be a whole number of at least 0, got ${shown(value)}`,
			'reserve',
		);
	}
	return n;
}

/** The rule from its settings; a setting that cannot be read is an InvalidInputError naming it. */
export function circularRule(input: CircularRuleInput): CircularRule {
	if (input === null || typeof input !== 'object') {
		throw new InvalidInputError(`the rule must be an object, got ${shown(input)}`);
	}
	const sellableConditions = listOf(input.sellableConditions, 'sellableConditions').map((c) =>
		c.toLowerCase(),
	);
	return {
		sellableConditions,
		reserve: reserveOf(input.reserve),
		circularOnlySkus: listOf(input.circularOnlySkus, 'circularOnlySkus'),
	};
}
