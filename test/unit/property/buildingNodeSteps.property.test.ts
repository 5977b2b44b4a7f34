/**
 * The shared steps of the building nodes: parameters read with their types checked (a value of the
 * right type comes back as given, any other is a named error with the parameter's path), and the
 * summary of a document that was not sent.
 */
import fc from 'fast-check';
import { ParameterReader } from '../../../nodes/shared/nodeSteps/parameters';
import { invalidInput, nothingSent } from '../../../nodes/shared/nodeSteps/outcomes';
import { InvalidInputError } from '../../../nodes/shared/domain/inputError';
import { hostileValue, resultOrNamedError } from '../../helpers/hostile';

const reader = (values: Record<string, unknown>, itemIndex = 3) =>
	new ParameterReader((name, fallback) => values[name] ?? fallback, itemIndex);

describe('ParameterReader (property)', () => {
	it('gives back values of the right type', () => {
		fc.assert(
			fc.property(
				fc.string(),
				fc.boolean(),
				fc.double({ min: 0, max: 1e9, noNaN: true }),
				fc.constantFrom('a', 'b', 'c'),
				(text, flag, n, choice) => {
					const p = reader({ text, flag, n, choice, options: { text, flag } });
					expect(p.text('text')).toBe(text);
					expect(p.flag('flag', !flag)).toBe(flag);
					expect(p.number('n', 0)).toBe(n);
					expect(p.choice('choice', ['a', 'b', 'c'], 'a')).toBe(choice);
					expect(p.collection('options').text('text')).toBe(text);
					expect(p.collection('options').flag('flag', !flag)).toBe(flag);
				},
			),
			{ numRuns: 200 },
		);
	});

	it('a hostile value is accepted only when of the right type, else a named error with the path', () => {
		const readers: Array<(p: ParameterReader) => unknown> = [
			(p) => p.text('field'),
			(p) => p.optionalText('field'),
			(p) => p.flag('field', true),
			(p) => p.number('field', 0),
			(p) => p.optionalNumber('field'),
			(p) => p.choice('field', ['a', 'b'], 'a'),
			(p) => p.rows('field').map((r) => r.text('amount')),
			(p) => p.collection('field').keys(),
		];
		fc.assert(
			fc.property(hostileValue, fc.nat({ max: readers.length - 1 }), (value, k) => {
				const outcome = resultOrNamedError(() =>
					readers[k](reader({ field: value, 'field.rows': value })),
				);
				if (!outcome.ok) {
					expect(outcome.error.path.startsWith('field')).toBe(true);
					expect(outcome.error.itemIndex).toBe(3);
					return;
				}
				const v = outcome.value;
				if (k === 2) expect(typeof v).toBe('boolean');
				if (k === 3) expect(Number.isFinite(v as number) && (v as number) >= 0).toBe(true);
				if (k === 5) expect(['a', 'b']).toContain(v);
			}),
			{ numRuns: 300 },
		);
	});
});

describe('nothingSent and invalidInput (property)', () => {
	it('names the first problem and counts the others', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ minLength: 1 }), { maxLength: 5 }), (messages) => {
				const summary = nothingSent(
					messages.map((message) => ({ message })),
					'fallback',
				);
				expect(summary.startsWith(`Nothing was sent: ${messages[0] ?? 'fallback'}`)).toBe(true);
				const more = messages.length - 1;
				expect(summary.includes(`(and ${more} more problem`)).toBe(more > 0);
			}),
		);
	});

	it('turns a data error into an Exceptions entry and throws anything else on', () => {
		const entry = invalidInput(new InvalidInputError('bad', 'x'), { id: 1 });
		expect(entry).toEqual({ id: 1, reason: 'invalidInput', message: 'bad' });
		expect(() => invalidInput(new RangeError('bug'), {})).toThrow(RangeError);
	});
});
