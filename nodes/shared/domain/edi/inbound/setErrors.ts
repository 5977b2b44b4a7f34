/**
 * Mapping errors of an inbound transaction set in the SegmentError shape of the 997 (x12/ack997.ts),
 * and the readers of single elements that give them: text, whole numbers, decimals, dates and times.
 * A reader returns undefined and records the error; it never throws. Pure: no n8n imports.
 */
import type { SegmentError } from '../../x12/ack997';
import type { X12Segment, X12TransactionSet } from '../../x12/types';

/** AK304 (X12 element 720): what is wrong with a segment. */
export const SEGMENT_CODES = {
	unrecognized: '1',
	unexpected: '2',
	mandatoryMissing: '3',
	hasElementErrors: '8',
} as const;

/** AK403 (X12 element 723): what is wrong with an element. */
export const ELEMENT_CODES = {
	mandatoryMissing: '1',
	invalidCharacter: '6',
	invalidCode: '7',
	invalidDate: '8',
	invalidTime: '9',
} as const;

/** The errors of one transaction set while it is mapped; positions are counted from ST = 1. */
export class SetErrors {
	readonly errors: SegmentError[] = [];
	private readonly first: number;

	constructor(readonly set: X12TransactionSet) {
		this.first = set.segments[0]?.position ?? 1;
	}

	/** The position of `segment` in the set (ST = 1). */
	positionOf(segment: X12Segment): number {
		return segment.position - this.first + 1;
	}

	/** An element in error (AK304 `8` with AK4). */
	element(segment: X12Segment, index: number, code: string, message: string): undefined {
		const value = (segment.elements[index] ?? '').trim();
		const error: SegmentError = {
			segmentId: segment.id,
			positionInSet: this.positionOf(segment),
			code: SEGMENT_CODES.hasElementErrors,
			element: { position: index, code },
			message: `${segment.id}${String(index).padStart(2, '0')} (segment ${this.positionOf(segment)}): ${message}`,
		};
		if (value !== '' && error.element) error.element.value = value;
		this.errors.push(error);
		return undefined;
	}

	/** A segment the mapping needs and does not find; `at` is the segment it should follow or be in. */
	missingSegment(segmentId: string, at: X12Segment, message: string): undefined {
		this.errors.push({
			segmentId,
			positionInSet: this.positionOf(at),
			code: SEGMENT_CODES.mandatoryMissing,
			message: `${segmentId} (near segment ${this.positionOf(at)}): ${message}`,
		});
		return undefined;
	}

	get ok(): boolean {
		return this.errors.length === 0;
	}
}

/** An element of a segment, trimmed; '' when absent. */
export function valueOf(segment: X12Segment, index: number): string {
	return (segment.elements[index] ?? '').trim();
}

/** A required element: its value, or an error (AK403 `1`) and undefined. */
export function required(
	errors: SetErrors,
	segment: X12Segment,
	index: number,
	what: string,
): string | undefined {
	const value = valueOf(segment, index);
	if (value !== '') return value;
	return errors.element(segment, index, ELEMENT_CODES.mandatoryMissing, `${what} is missing`);
}

/** Reads an element's value: the result, or `fail(code, message)` (which records the error). */
type Parse<T> = (
	value: string,
	fail: (code: string, message: string) => undefined,
) => T | undefined;

/** An element reader of a required element: the parsed value, or undefined with the error recorded. */
function reader<T>(parse: Parse<T>) {
	return (errors: SetErrors, segment: X12Segment, index: number, what: string): T | undefined => {
		const value = required(errors, segment, index, what);
		if (value === undefined) return undefined;
		return parse(value, (code, message) =>
			errors.element(segment, index, code, `"${value}" ${message} (${what})`),
		);
	};
}

/** A whole number of 0 or more (X12 `R` or `N0` without a fraction). */
export const wholeNumber = reader<number>((value, fail) => {
	const match = /^\+?(\d+)(?:\.0*)?$/.exec(value);
	const number = match ? Number(match[1]) : NaN;
	if (Number.isSafeInteger(number)) return number;
	return fail(ELEMENT_CODES.invalidCharacter, 'is not a whole number');
});

/** A decimal as X12 writes it (`R`: `12.5`, `.5`, `-3`, `12.`) as a plain decimal string. */
export const decimalText = reader<string>((value, fail) => {
	const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value);
	if (!match || (match[2] === '' && (match[3] ?? '') === ''))
		return fail(ELEMENT_CODES.invalidCharacter, 'is not a decimal number');
	const whole = match[2].replace(/^0+(?=\d)/, '') || '0';
	const fraction = match[3] ? `.${match[3]}` : '';
	return `${match[1] === '-' ? '-' : ''}${whole}${fraction}`;
});

function isRealDate(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** A date CCYYMMDD (or YYMMDD, read as 20YY) as an ISO calendar date (AK403 `8` when not one). */
export const isoDate = reader<string>((value, fail) => {
	const full = /^\d{8}$/.test(value) ? value : /^\d{6}$/.test(value) ? `20${value}` : '';
	const [year, month, day] = [full.slice(0, 4), full.slice(4, 6), full.slice(6, 8)];
	if (full !== '' && isRealDate(Number(year), Number(month), Number(day)))
		return `${year}-${month}-${day}`;
	return fail(ELEMENT_CODES.invalidDate, 'is not a date CCYYMMDD');
});

/** A time HHMM[SS] as `HH:MM:SS`; '' when absent; undefined (with an error, AK403 `9`) when bad. */
export function isoTime(errors: SetErrors, segment: X12Segment, index: number): string | undefined {
	const value = valueOf(segment, index);
	if (value === '') return '';
	const match = /^([01]\d|2[0-3])([0-5]\d)([0-5]\d)?\d*$/.exec(value);
	if (match) return `${match[1]}:${match[2]}:${match[3] ?? '00'}`;
	return errors.element(segment, index, ELEMENT_CODES.invalidTime, `"${value}" is not a time HHMM`);
}
