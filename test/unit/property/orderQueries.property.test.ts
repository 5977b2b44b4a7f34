/**
 * Date windows and order queries (splitDateRange, toEpochMs, windowedQueries, cleanQuery): random
 * valid ranges are covered by contiguous windows of at most 7 days, and hostile input is a result
 * or a named error (DateRangeError or InvalidInputError), never a TypeError or a RangeError.
 */
import fc from 'fast-check';
import {
	DateRangeError,
	MAX_WINDOW_MS,
	splitDateRange,
	toEpochMs,
} from '../../../nodes/shared/domain/dateWindows';
import { cleanQuery, windowedQueries } from '../../../nodes/shared/domain/orderQueries';
import { InvalidInputError } from '../../../nodes/shared/domain/inputError';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';

const DAY = 86_400_000;
const START = Date.parse('2020-01-01T00:00:00Z');

/** A range of up to 60 days starting in 2020-2030, as epoch milliseconds. */
const range = fc
	.tuple(fc.integer({ min: 0, max: 3650 * DAY }), fc.integer({ min: 1, max: 60 * DAY }))
	.map(([offset, length]) => ({ after: START + offset, before: START + offset + length }));

const iso = (ms: number) => new Date(ms).toISOString();

describe('splitDateRange', () => {
	it('covers [after, before) with contiguous windows of at most maxMs, oldest first', () => {
		fc.assert(
			fc.property(range, fc.option(fc.integer({ min: DAY, max: 10 * DAY })), (r, maxMs) => {
				const options = maxMs === null ? {} : { maxMs };
				const windows = splitDateRange(iso(r.after), iso(r.before), options);
				const limit = maxMs ?? MAX_WINDOW_MS;
				expect(windows).toHaveLength(Math.ceil((r.before - r.after) / limit));
				expect(windows[0].after).toBe(iso(r.after));
				expect(windows[windows.length - 1].before).toBe(iso(r.before));
				windows.forEach((w, i) => {
					const length = Date.parse(w.before) - Date.parse(w.after);
					expect(length).toBeGreaterThan(0);
					expect(length).toBeLessThanOrEqual(limit);
					if (i > 0) expect(w.after).toBe(windows[i - 1].before);
				});
			}),
			{ numRuns: 200 },
		);
	});

	it('ends at now when no end is given, and refuses an end that is not later', () => {
		fc.assert(
			fc.property(range, (r) => {
				const windows = splitDateRange(iso(r.after), undefined, { now: r.before });
				expect(windows[windows.length - 1].before).toBe(iso(r.before));
				expect(() => splitDateRange(iso(r.before), iso(r.after))).toThrow(DateRangeError);
			}),
			{ numRuns: 100 },
		);
	});

	it('answers hostile arguments with windows or a named error', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, hostileValue, (after, before, options) => {
				const outcome = resultOrNamedError(() =>
					splitDateRange(after as string, before as string, options as { now?: number }),
				);
				if (outcome.ok) expect(Array.isArray(outcome.value)).toBe(true);
			}),
			{ numRuns: 300 },
		);
	});

	it('toEpochMs names the field of a value that is not a date-time', () => {
		fc.assert(
			fc.property(hostileValue, (value) => {
				const outcome = resultOrNamedError(() => toEpochMs(value as string, 'createdAfter'));
				if (outcome.ok) expect(Number.isFinite(outcome.value)).toBe(true);
				else {
					expect(outcome.error).toBeInstanceOf(DateRangeError);
					expect(outcome.error.path).toBe('createdAfter');
				}
			}),
			{ numRuns: 300 },
		);
	});
});

const filter = (
	afterParam: string,
	beforeParam: string,
	r: { after: number; before: number } | null,
) => ({
	afterParam,
	beforeParam,
	...(r ? { after: iso(r.after), before: iso(r.before) } : {}),
});

describe('windowedQueries', () => {
	const validInput = fc.record({
		base: fc.record({
			limit: fc.integer({ min: 1, max: 100 }),
			sortOrder: fc.constantFrom('ASC', 'DESC'),
		}),
		created: fc.option(range),
		changed: fc.option(range),
	});

	it('queries every pair of windows once, each with the base parameters', () => {
		fc.assert(
			fc.property(validInput, ({ base, created, changed }) => {
				const ranges = [
					filter('createdAfter', 'createdBefore', created),
					filter('changedAfter', 'changedBefore', changed),
				];
				const queries = windowedQueries(base, ranges, START);
				const count = (r: typeof created) =>
					r ? Math.ceil((r.before - r.after) / MAX_WINDOW_MS) : 1;
				expect(queries).toHaveLength(count(created) * count(changed));
				const keys = new Set(queries.map((q) => JSON.stringify(q)));
				expect(keys.size).toBe(queries.length);
				for (const q of queries) {
					expect(q).toMatchObject(base);
					if (created) expect(q.createdAfter).toBeDefined();
					else expect(q.createdAfter).toBeUndefined();
				}
			}),
			{ numRuns: 200 },
		);
	});

	it('answers a valid input corrupted anywhere, or hostile arguments, with queries or a named error', () => {
		const input = validInput.map(({ base, created, changed }) => ({
			base,
			ranges: [
				filter('createdAfter', 'createdBefore', created),
				filter('changedAfter', 'changedBefore', changed),
			],
		}));
		fc.assert(
			fc.property(
				input,
				fc.nat(),
				hostileValue,
				hostileValue,
				(valid, pick, replacement, wholesale) => {
					const corrupted = corruptAt(valid, pick, replacement) as typeof valid;
					const outcome = resultOrNamedError(() =>
						windowedQueries(corrupted?.base, corrupted?.ranges, START),
					);
					if (outcome.ok) expect(Array.isArray(outcome.value)).toBe(true);
					resultOrNamedError(() => windowedQueries(wholesale as never, wholesale as never, START));
					resultOrNamedError(() => windowedQueries(valid.base, valid.ranges, wholesale as number));
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('cleanQuery', () => {
	const value = fc.oneof(
		fc.string(),
		fc.integer(),
		fc.boolean(),
		fc.constant(undefined),
		fc.constant(null),
	);

	it('keeps every non-empty text and number, sends booleans as "true"/"false", and drops the rest', () => {
		fc.assert(
			fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value), (values) => {
				const query = cleanQuery(values);
				for (const [key, v] of Object.entries(values)) {
					if (v === undefined || v === null || v === '')
						expect(Object.hasOwn(query, key)).toBe(false);
					else expect(query[key]).toBe(typeof v === 'boolean' ? String(v) : v);
				}
				expect(Object.keys(query).length).toBeLessThanOrEqual(Object.keys(values).length);
			}),
			{ numRuns: 200 },
		);
	});

	it('refuses hostile values with a named error that names the key', () => {
		fc.assert(
			fc.property(hostileValue, (values) => {
				const outcome = resultOrNamedError(() => cleanQuery(values as Record<string, unknown>));
				if (!outcome.ok) expect(outcome.error).toBeInstanceOf(InvalidInputError);
			}),
			{ numRuns: 300 },
		);
	});
});
