/**
 * The checks Amazon's side runs on a vendor interchange before applying anything: the envelope
 * (ISA/IEA, GS/GE, ST/SE counts and control numbers) and each transaction set against its guide
 * (guides.ts). Problems come out in the 997's terms: AK3 segment codes, AK4 element codes, AK5 and
 * AK9 codes, and TA1 codes for the interchange.
 */
import { GUIDES, type DocumentGuide, type ElementRule } from './guides';
import type { ReadGroup, ReadInterchange, ReadSegment, ReadSet } from './x12';

export interface ElementProblem {
	/** AK401: the element's position in the segment. */
	position: number;
	/**
	 * AK403: 1 mandatory missing, 4 too short, 5 too long, 6 invalid character, 7 invalid code,
	 * 8 invalid date, 9 invalid time.
	 */
	code: string;
	/** AK404: the bad value, when there is one. */
	value?: string;
	message: string;
}

export interface SegmentProblem {
	/** AK301. */
	id: string;
	/** AK302: position in the transaction set (ST = 1). */
	position: number;
	/** AK304: 2 unexpected segment, 3 mandatory segment missing, 8 segment has data element errors. */
	code: string;
	elements: ElementProblem[];
	message: string;
}

export interface SetCheck {
	type: string;
	control: string;
	/**
	 * AK5 code when rejected for the envelope or the guide: 1 not supported, 2 trailer missing,
	 * 3 control numbers differ, 4 count wrong, 5 segments in error, 23 control number not unique.
	 */
	code?: string;
	segments: SegmentProblem[];
	messages: string[];
	set: ReadSet;
}

export interface GroupCheck {
	functionalId: string;
	control: string;
	/** AK9 code when the group itself is wrong: 1 not supported, 4 control numbers differ, 5 set count wrong. */
	code?: string;
	messages: string[];
	sets: SetCheck[];
	group: ReadGroup;
}

export interface InterchangeCheck {
	/** ISA13 as written. */
	controlNumber: string;
	sender: { qualifier: string; id: string };
	receiver: { qualifier: string; id: string };
	/** TA105 code when the interchange is rejected as a whole: 001 control numbers differ, 021 group count wrong. */
	code?: string;
	messages: string[];
	groups: GroupCheck[];
}

const isInteger = (v: string) => /^-?\d+$/.test(v);

function digits(v: string): number {
	return v.replace(/[-.]/g, '').length;
}

function checkElement(rule: ElementRule, value: string | undefined): ElementProblem | undefined {
	const at = (code: string, message: string, bad = value): ElementProblem => ({
		position: rule.position,
		code,
		value: bad,
		message: `${rule.name}: ${message}`,
	});
	if (value === undefined || value === '')
		return rule.required ? at('1', 'is required', undefined) : undefined;
	if (rule.type === 'N0' && !isInteger(value)) return at('6', `"${value}" is not a whole number`);
	if (rule.type === 'R' && !/^-?(\d+\.?\d*|\.\d+)$/.test(value))
		return at('6', `"${value}" is not a number`);
	if (rule.type === 'DT') {
		const ok =
			/^\d{8}$/.test(value) &&
			!Number.isNaN(
				Date.parse(`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T00:00:00Z`),
			);
		const real =
			ok &&
			new Date(`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T00:00:00Z`)
				.toISOString()
				.slice(0, 10)
				.replace(/-/g, '') === value;
		if (!real) return at('8', `"${value}" is not a date CCYYMMDD`);
	}
	if (rule.type === 'TM' && !/^([01]\d|2[0-3])[0-5]\d([0-5]\d)?$/.test(value))
		return at('9', `"${value}" is not a time HHMM[SS]`);
	const length = rule.type === 'R' || rule.type === 'N0' ? digits(value) : value.length;
	if (length < rule.min) return at('4', `"${value}" is shorter than ${rule.min}`);
	if (length > rule.max) return at('5', `"${value}" is longer than ${rule.max}`);
	if (rule.codes && !rule.codes.includes(value))
		return at('7', `"${value}" is not one of ${rule.codes.join(', ')}`);
	return undefined;
}

/** The guide problems of one transaction set's segments (between ST and SE). */
export function checkAgainstGuide(
	guide: DocumentGuide,
	body: ReadSegment[],
	sePosition: number,
): SegmentProblem[] {
	const problems: SegmentProblem[] = [];
	const rules = new Map(guide.segments.map((s) => [s.id, s]));
	for (const segment of body) {
		const rule = rules.get(segment.id);
		if (!rule) {
			problems.push({
				id: segment.id,
				position: segment.position,
				code: '2',
				elements: [],
				message: `Segment ${segment.id} is not in the ${guide.type} guide.`,
			});
			continue;
		}
		const elements = rule.elements
			.map((r) => checkElement(r, segment.elements[r.position]))
			.filter((p): p is ElementProblem => p !== undefined);
		if (elements.length)
			problems.push({
				id: segment.id,
				position: segment.position,
				code: '8',
				elements,
				message: `${segment.id} at position ${segment.position}: ${elements.map((e) => e.message).join('; ')}.`,
			});
	}
	for (const rule of guide.segments) {
		if (rule.required && !body.some((s) => s.id === rule.id))
			problems.push({
				id: rule.id,
				position: sePosition,
				code: '3',
				elements: [],
				message: `The mandatory segment ${rule.id} (${rule.name}) is missing.`,
			});
	}
	return problems;
}

function checkSet(
	set: ReadSet,
	functionalId: string,
	version: string,
	seen: Set<string>,
): SetCheck {
	const type = set.st[1] ?? '';
	const control = set.st[2] ?? '';
	const result: SetCheck = { type, control, segments: [], messages: [], set };
	const reject = (code: string, message: string) => {
		result.code ??= code;
		result.messages.push(message);
	};
	const guide = GUIDES[type];
	if (!guide || guide.functionalId !== functionalId || !guide.versions.includes(version)) {
		reject(
			'1',
			`Transaction set ${type} in a ${functionalId} group of version ${version} is not one ` +
				`Amazon reads (${Object.keys(GUIDES).join(', ')}).`,
		);
		return result;
	}
	if (seen.has(control)) reject('23', `ST02 ${control} appears twice in the group.`);
	seen.add(control);
	if (!set.se) reject('2', 'The SE trailer is missing.');
	else {
		if (set.se[2] !== control) reject('3', `SE02 ${set.se[2]} does not match ST02 ${control}.`);
		if (set.se[1] !== String(set.body.length + 2))
			reject('4', `SE01 says ${set.se[1]} segments; the set has ${set.body.length + 2}.`);
	}
	result.segments = checkAgainstGuide(guide, set.body, set.body.length + 2);
	if (result.segments.length) {
		result.code ??= '5';
		result.messages.push(...result.segments.map((s) => s.message));
	}
	return result;
}

function checkGroup(group: ReadGroup): GroupCheck {
	const functionalId = group.gs[1] ?? '';
	const control = group.gs[6] ?? '';
	const result: GroupCheck = { functionalId, control, messages: [], sets: [], group };
	if (!group.ge) {
		result.code = '3';
		result.messages.push('The GE trailer is missing.');
	} else if (group.ge[2] !== control) {
		result.code = '4';
		result.messages.push(`GE02 ${group.ge[2]} does not match GS06 ${control}.`);
	} else if (group.ge[1] !== String(group.sets.length)) {
		result.code = '5';
		result.messages.push(
			`GE01 says ${group.ge[1]} transaction sets; the group has ${group.sets.length}.`,
		);
	}
	const seen = new Set<string>();
	result.sets = group.sets.map((s) => checkSet(s, functionalId, group.gs[8] ?? '', seen));
	return result;
}

/** The raw ISA elements, read by position (ISA is fixed width; element separator at offset 3). */
export function rawIsa(text: string): string[] | undefined {
	const start = text.indexOf('ISA');
	if (start < 0 || text.length < start + 106) return undefined;
	const separator = text[start + 3];
	const isa = text.slice(start, start + 105).split(separator);
	return isa.length === 17 ? isa : undefined;
}

export function checkInterchange(read: ReadInterchange, isa: string[]): InterchangeCheck {
	const result: InterchangeCheck = {
		controlNumber: isa[13],
		sender: { qualifier: isa[5].trim(), id: isa[6].trim() },
		receiver: { qualifier: isa[7].trim(), id: isa[8].trim() },
		messages: [],
		groups: read.groups.map(checkGroup),
	};
	if (!read.iea) {
		result.code = '023';
		result.messages.push('The IEA trailer is missing.');
	} else if (Number(read.iea[2]) !== Number(isa[13])) {
		result.code = '001';
		result.messages.push(`IEA02 ${read.iea[2]} does not match ISA13 ${isa[13]}.`);
	} else if (read.iea[1] !== String(read.groups.length)) {
		result.code = '021';
		result.messages.push(
			`IEA01 says ${read.iea[1]} groups; the interchange has ${read.groups.length}.`,
		);
	}
	return result;
}
