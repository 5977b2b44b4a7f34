/**
 * Shared pieces of the property-based tests (fast-check): hostile values, and the one property every
 * public domain entry point keeps: on any input it returns a result or throws a named error
 * (InvalidInputError, code INVALID_INPUT, with a field path), never an engine error (TypeError,
 * RangeError, ReferenceError) and never a plain Error without a code.
 */
import fc from 'fast-check';
import { InvalidInputError } from '../../nodes/shared/domain/inputError';

/** Values that break careless code: wrong types, edge numbers, numeric-looking strings, odd keys. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom(
		null,
		undefined,
		NaN,
		Infinity,
		-Infinity,
		-0,
		0,
		-1,
		1.5,
		Number.MAX_SAFE_INTEGER + 2,
		'',
		' ',
		'0x10',
		'1e3',
		'12.345',
		'-5',
		'NaN',
		'null',
		'__proto__',
		'constructor',
		true,
		false,
		[],
		{},
	),
	fc.string(),
	fc.integer(),
	fc.double(),
);

/** Any JSON-like value, hostile scalars at the leaves. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small' },
		hostileScalar,
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(fc.string({ maxLength: 12 }), tie('value'), { maxKeys: 5 }),
	),
})).value;

/** Replaces the value at one path of a valid input with a hostile one (a random path each run). */
export function corruptAt(input: unknown, pick: number, replacement: unknown): unknown {
	const copy = JSON.parse(JSON.stringify(input)) as unknown;
	const slots: Array<{ parent: Record<string | number, unknown>; key: string | number }> = [];
	const walk = (node: unknown) => {
		if (node === null || typeof node !== 'object') return;
		for (const key of Object.keys(node)) {
			const k: string | number = Array.isArray(node) ? Number(key) : key;
			slots.push({ parent: node as Record<string | number, unknown>, key: k });
			walk((node as Record<string | number, unknown>)[k]);
		}
	};
	walk(copy);
	if (slots.length === 0) return replacement;
	const slot = slots[Math.abs(pick) % slots.length];
	slot.parent[slot.key] = replacement;
	return copy;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: InvalidInputError };

/**
 * Runs `fn` and says what happened; fails (throws) when it threw anything but a named input error.
 * Use it inside `fc.assert(fc.property(...))`.
 */
export function resultOrNamedError(fn: () => unknown): Outcome {
	try {
		return { ok: true, value: fn() };
	} catch (error) {
		if (error instanceof InvalidInputError && error.code === 'INVALID_INPUT' && error.path) {
			return { ok: false, error };
		}
		const kind = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
		throw new Error(`expected a result or an InvalidInputError, got ${kind}`);
	}
}

/** The same for asynchronous entry points. */
export async function resultOrNamedErrorAsync(fn: () => Promise<unknown>): Promise<Outcome> {
	try {
		return { ok: true, value: await fn() };
	} catch (error) {
		if (error instanceof InvalidInputError && error.code === 'INVALID_INPUT' && error.path) {
			return { ok: false, error };
		}
		const kind = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
		throw new Error(`expected a result or an InvalidInputError, got ${kind}`);
	}
}
