/**
 * Validates a value against a zod schema (usually one generated from Amazon's models) and turns
 * zod's issues into exact, readable ones: a path written like
 * `acknowledgements[0].items[2].netCost.amount` and a message that says what is wrong and what was
 * received. Pure: no n8n imports.
 */
import type { ZodIssue, ZodTypeAny, z } from 'zod';

export interface ValidationIssue {
	/** Where the problem is, e.g. `invoices[0].items[1].netCost.amount`; `(root)` for the value itself. */
	path: string;
	/** What is wrong, e.g. `is required` or `must be one of: Invoice, CreditNote (got "Invoic")`. */
	message: string;
}

export type ValidationResult<T> =
	| {
			ok: true;
			/** zod's output: object keys the schema does not know are stripped. */
			data: T;
			/** Paths of the keys that were stripped (keys Amazon's model does not have), in document order. */
			unknownKeys: string[];
	  }
	| { ok: false; issues: ValidationIssue[] };

export interface ValidateOptions {
	/**
	 * What to do with object keys the schema does not know. `strip` (default) drops them from `data`
	 * and lists them in `unknownKeys`; `reject` reports each one as an issue ("is not a field of
	 * Amazon's model"), useful for request bodies, where a misspelt key would otherwise vanish.
	 */
	unknownKeys?: 'strip' | 'reject';
}

export const UNKNOWN_KEY_MESSAGE = "is not a field of Amazon's model";

export const ROOT_PATH = '(root)';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_SHOWN_LENGTH = 60;

/** Writes a path as `a.b[0].c`; keys that are not identifiers are written as `["a key"]`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
	let out = '';
	for (const segment of path) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
		else out += `[${JSON.stringify(segment)}]`;
	}
	return out || ROOT_PATH;
}

function valueAt(value: unknown, path: ReadonlyArray<string | number>): unknown {
	let current = value;
	for (const segment of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[segment];
	}
	return current;
}

/** A short, unambiguous rendering of a received value for a message. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') {
		const shown = value.length > MAX_SHOWN_LENGTH ? `${value.slice(0, MAX_SHOWN_LENGTH)}…` : value;
		return JSON.stringify(shown);
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `an array of ${value.length}`;
	if (typeof value === 'object') return 'an object';
	return typeof value;
}

const TYPE_NAMES: Record<string, string> = {
	string: 'a string',
	number: 'a number',
	integer: 'a whole number',
	boolean: 'true or false',
	object: 'an object',
	array: 'an array',
	date: 'a date',
	null: 'null',
};

function typeName(type: string): string {
	return TYPE_NAMES[type] ?? type;
}

function plural(count: number | bigint, singular: string, pluralForm = `${singular}s`): string {
	return `${String(count)} ${Number(count) === 1 ? singular : pluralForm}`;
}

function entries(count: number | bigint): string {
	return plural(count, 'entry', 'entries');
}

function sizeOf(received: unknown): number | undefined {
	if (typeof received === 'string' || Array.isArray(received)) return received.length;
	return undefined;
}

function tooSmall(issue: Extract<ZodIssue, { code: 'too_small' }>, received: unknown): string {
	const min = issue.minimum;
	const size = sizeOf(received);
	switch (issue.type) {
		case 'string':
			if (issue.exact) return `must be exactly ${plural(min, 'character')} long (got ${size})`;
			return Number(min) === 1 && issue.inclusive
				? 'must not be empty'
				: `must be at least ${plural(min, 'character')} long (got ${size})`;
		case 'array':
			if (issue.exact) return `must contain exactly ${entries(min)} (got ${size})`;
			return `must contain at least ${entries(min)} (got ${size})`;
		default:
			return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(min)} (got ${describeValue(received)})`;
	}
}

function tooBig(issue: Extract<ZodIssue, { code: 'too_big' }>, received: unknown): string {
	const max = issue.maximum;
	const size = sizeOf(received);
	switch (issue.type) {
		case 'string':
			if (issue.exact) return `must be exactly ${plural(max, 'character')} long (got ${size})`;
			return `must be at most ${plural(max, 'character')} long (got ${size}: ${describeValue(received)})`;
		case 'array':
			if (issue.exact) return `must contain exactly ${entries(max)} (got ${size})`;
			return `must contain at most ${entries(max)} (got ${size})`;
		default:
			return `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(max)} (got ${describeValue(received)})`;
	}
}

/** One readable message for one zod issue; `received` is the value found at the issue's path. */
export function describeIssue(issue: ZodIssue, received: unknown): string {
	switch (issue.code) {
		case 'invalid_type':
			if (issue.received === 'undefined') return 'is required';
			if (issue.expected === 'integer')
				return `must be a whole number (got ${describeValue(received)})`;
			return `must be ${typeName(issue.expected)} (got ${describeValue(received)})`;
		case 'invalid_enum_value':
			return `must be one of: ${issue.options.map(String).join(', ')} (got ${describeValue(received)})`;
		case 'invalid_literal':
			return `must be ${JSON.stringify(issue.expected)} (got ${describeValue(received)})`;
		case 'invalid_string': {
			// The generated schemas give every regex a message of their own ("must be a decimal ...").
			const base =
				issue.message && issue.message !== 'Invalid'
					? issue.message
					: `is not a valid ${String(issue.validation)}`;
			return `${base} (got ${describeValue(received)})`;
		}
		case 'too_small':
			return tooSmall(issue, received);
		case 'too_big':
			return tooBig(issue, received);
		case 'unrecognized_keys':
			return `has unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
		case 'not_multiple_of':
			return `must be a multiple of ${String(issue.multipleOf)} (got ${describeValue(received)})`;
		case 'invalid_union': {
			const alternatives = issue.unionErrors.map((e) =>
				e.issues
					.map((i) => describeIssue(i, valueAt(received, i.path.slice(issue.path.length))))
					.join('; '),
			);
			return `matches none of the allowed shapes (${alternatives.join(' | ')})`;
		}
		default:
			return issue.message;
	}
}

/** Converts zod issues to readable ones; `value` is the validated input (used to show what was received). */
export function toValidationIssues(issues: readonly ZodIssue[], value: unknown): ValidationIssue[] {
	return issues.map((issue) => ({
		path: formatPath(issue.path),
		message: describeIssue(issue, valueAt(value, issue.path)),
	}));
}

interface LooseDef {
	typeName?: string;
	shape?: () => Record<string, ZodTypeAny>;
	catchall?: ZodTypeAny;
	unknownKeys?: string;
	innerType?: ZodTypeAny;
	schema?: ZodTypeAny;
	getter?: () => ZodTypeAny;
	type?: ZodTypeAny;
	valueType?: ZodTypeAny;
	options?: ZodTypeAny[];
}

function defOf(schema: ZodTypeAny): LooseDef {
	return schema._def as LooseDef;
}

/** Walks value and schema together and collects the paths of object keys the schema does not declare. */
function collectUnknownKeys(
	schema: ZodTypeAny,
	value: unknown,
	path: Array<string | number>,
	out: Array<Array<string | number>>,
): void {
	const def = defOf(schema);
	switch (def.typeName) {
		case 'ZodOptional':
		case 'ZodNullable':
		case 'ZodDefault':
		case 'ZodReadonly':
		case 'ZodCatch':
			if (def.innerType) collectUnknownKeys(def.innerType, value, path, out);
			return;
		case 'ZodEffects':
			if (def.schema) collectUnknownKeys(def.schema, value, path, out);
			return;
		case 'ZodLazy':
			if (def.getter) collectUnknownKeys(def.getter(), value, path, out);
			return;
		case 'ZodArray':
			if (Array.isArray(value) && def.type)
				value.forEach((entry, i) =>
					collectUnknownKeys(def.type as ZodTypeAny, entry, [...path, i], out),
				);
			return;
		case 'ZodRecord':
			if (value && typeof value === 'object' && !Array.isArray(value) && def.valueType) {
				for (const [key, entry] of Object.entries(value))
					collectUnknownKeys(def.valueType, entry, [...path, key], out);
			}
			return;
		case 'ZodObject': {
			if (!value || typeof value !== 'object' || Array.isArray(value) || !def.shape) return;
			const shape = def.shape();
			const catchall =
				def.catchall && defOf(def.catchall).typeName !== 'ZodNever' ? def.catchall : undefined;
			for (const [key, entry] of Object.entries(value)) {
				if (Object.prototype.hasOwnProperty.call(shape, key))
					collectUnknownKeys(shape[key], entry, [...path, key], out);
				else if (catchall) collectUnknownKeys(catchall, entry, [...path, key], out);
				else if (def.unknownKeys === 'strip') out.push([...path, key]);
			}
			return;
		}
		default:
			return;
	}
}

/** Paths (formatted) of the object keys in `value` that `schema` would strip. */
export function findUnknownKeys(schema: ZodTypeAny, value: unknown): string[] {
	const out: Array<Array<string | number>> = [];
	collectUnknownKeys(schema, value, [], out);
	return out.map(formatPath);
}

/**
 * Validates `value` against `schema`. On success `data` is zod's output (unknown keys stripped by
 * the generated object schemas, and listed in `unknownKeys`); on failure every problem is listed,
 * in document order (unknown keys last, when rejected).
 */
export function validateAgainst<S extends ZodTypeAny>(
	schema: S,
	value: unknown,
	options: ValidateOptions = {},
): ValidationResult<z.output<S>> {
	const result = schema.safeParse(value);
	const unknownKeys = findUnknownKeys(schema, value);
	const issues = result.success ? [] : toValidationIssues(result.error.issues, value);
	if (options.unknownKeys === 'reject') {
		for (const path of unknownKeys) issues.push({ path, message: UNKNOWN_KEY_MESSAGE });
	}
	if (result.success && issues.length === 0)
		return { ok: true, data: result.data as z.output<S>, unknownKeys };
	return { ok: false, issues };
}

/** One line per issue: `path: message`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
	return issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n');
}
