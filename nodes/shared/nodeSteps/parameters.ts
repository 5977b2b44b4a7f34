/**
 * Reading a node's parameters for one item with their types checked: a wrongly typed value (an
 * expression that gave an object for a field path, a text for a switch, ...) becomes a
 * NodeOperationError that names the item and the parameter, before anything is read or sent.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { InvalidInputError } from '../domain/inputError';
import { isObject, shown, type Json } from '../domain/values';
import { asNodeError } from '../transport/errors';

type Getter = (name: string, fallback: unknown) => unknown;

/** The parameters of one item, or the fields of one collection parameter (`options`). */
export class ParameterReader {
	constructor(
		private readonly get: Getter,
		readonly itemIndex: number,
		private readonly prefix = '',
		/** The fields given, for a collection. */
		private readonly given: readonly string[] = [],
	) {}

	/** The names of the fields given in a collection (empty for an item's parameters). */
	keys(): readonly string[] {
		return this.given;
	}

	static of(ctx: IExecuteFunctions, itemIndex: number): ParameterReader {
		return new ParameterReader(
			(name, fallback) => ctx.getNodeParameter(name, itemIndex, fallback),
			itemIndex,
		);
	}

	/** The error of a wrong parameter value: the message, the item and the parameter's path. */
	error(name: string, message: string): InvalidInputError {
		return new InvalidInputError(message, `${this.prefix}${name}`, this.itemIndex);
	}

	private invalid(name: string, expected: string, value: unknown): InvalidInputError {
		const path = `${this.prefix}${name}`;
		return this.error(name, `${path} must be ${expected} (got ${shown(value)})`);
	}

	/** The value as the node gives it, for parameters a domain function checks itself. */
	raw(name: string, fallback: unknown): unknown {
		return this.get(name, fallback);
	}

	/** A collection parameter: its fields are read with the same checks, named `options.field`. */
	collection(name: string): ParameterReader {
		const value = this.get(name, {});
		if (value !== undefined && value !== null && !isObject(value))
			throw this.invalid(name, 'a collection of fields', value);
		const fields = (value ?? {}) as Json;
		return new ParameterReader(
			(key, fallback) => fields[key] ?? fallback,
			this.itemIndex,
			`${this.prefix}${name}.`,
			Object.keys(fields),
		);
	}

	/** A text (a number is taken as its text); nothing gives `fallback`. */
	text(name: string, fallback = ''): string {
		const value = this.get(name, fallback);
		if (value === undefined || value === null) return fallback;
		if (typeof value === 'string') return value;
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		throw this.invalid(name, 'a text', value);
	}

	/** A trimmed text; an empty one gives undefined. */
	optionalText(name: string): string | undefined {
		const value = this.text(name, '').trim();
		return value === '' ? undefined : value;
	}

	flag(name: string, fallback: boolean): boolean {
		const value = this.get(name, fallback);
		if (value === undefined || value === null) return fallback;
		if (typeof value !== 'boolean') throw this.invalid(name, 'true or false', value);
		return value;
	}

	/** A number of at least `min` (a text of digits is taken as its number). */
	number(name: string, fallback: number, min = 0): number {
		const value = this.get(name, fallback);
		if (value === undefined || value === null) return fallback;
		const n =
			typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
		if (typeof n !== 'number' || !Number.isFinite(n) || n < min)
			throw this.invalid(name, `a number of ${min} or more`, value);
		return n;
	}

	/** A number of at least `min`, or undefined when the field is empty. */
	optionalNumber(name: string, min = 0): number | undefined {
		const value = this.get(name, undefined);
		if (value === undefined || value === null || value === '') return undefined;
		return this.number(name, 0, min);
	}

	/** One of the values of an options parameter. */
	choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
		const value = this.get(name, fallback);
		if (value === undefined || value === null || value === '') return fallback;
		if (!allowed.includes(value as T))
			throw this.invalid(name, `one of ${allowed.join(', ')}`, value);
		return value as T;
	}

	/** The rows of a fixed collection with multiple values (`taxes.rows`), each read like this. */
	rows(name: string): ParameterReader[] {
		const path = `${name}.rows`;
		const value = this.get(path, []);
		if (value === undefined || value === null) return [];
		if (!Array.isArray(value)) throw this.invalid(path, 'a list of rows', value);
		return value.map((row, i) => {
			if (!isObject(row)) throw this.invalid(`${path}[${i}]`, 'a row of fields', row);
			const at = `${this.prefix}${path}[${i}].`;
			return new ParameterReader((key, fallback) => row[key] ?? fallback, this.itemIndex, at);
		});
	}
}

/**
 * Runs one step of an item; an error stops the node as a NodeOperationError naming the item (and,
 * for a domain InvalidInputError, the field).
 */
export function inItem<T>(ctx: IExecuteFunctions, itemIndex: number, step: () => T): T {
	try {
		return step();
	} catch (error) {
		throw asNodeError(ctx.getNode(), error, itemIndex);
	}
}

/**
 * Runs `read` over the parameters of one item; a wrongly typed parameter stops the node with a
 * NodeOperationError naming the item and the parameter.
 */
export function readParameters<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	read: (parameters: ParameterReader) => T,
): T {
	return inItem(ctx, itemIndex, () => read(ParameterReader.of(ctx, itemIndex)));
}
