/**
 * Reading an X12 interchange of any transaction set: separators from the fixed-width ISA header,
 * segments, and the envelope checks.
 *
 * - Separators: the element separator is the character after `ISA` (and again at position 103), the
 *   component separator ISA16 (position 104), the segment terminator position 105; from version
 *   00501 on ISA11 is the repetition separator unless it is `U`. A BOM or blank space before ISA and
 *   line breaks after terminators are tolerated.
 * - Interchange (ISA / IEA): ISA has 16 elements of fixed widths; IEA01 = number of groups, IEA02 =
 *   ISA13. A problem here throws an X12FormatError: nothing of the interchange can be acknowledged.
 * - Group (GS / GE) and transaction set (ST / SE): GE01 = number of sets and GE02 = GS06; SE01 =
 *   segments from ST to SE and SE02 = ST02; control numbers unique within their envelope. These are
 *   recorded as problems with their 997 codes (element 716 for a group, 718 for a set), so that a 997
 *   can reject the set or group and accept the others.
 *
 * Pure: no n8n imports.
 */
import {
	X12FormatError,
	type X12Group,
	type X12Interchange,
	type X12InterchangeHeader,
	type X12Segment,
	type X12Separators,
	type X12TransactionSet,
} from './types';

const ISA_LENGTH = 106;
/** ISA01 to ISA16 widths. */
export const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;

/** 997 AK5 / IK5 codes (X12 element 718) the envelope checks give. */
export const SET_CODES = {
	trailerMissing: '2',
	controlNumberMismatch: '3',
	segmentCountMismatch: '4',
	segmentsInError: '5',
	missingSetId: '6',
	missingControlNumber: '7',
	controlNumberNotUnique: '23',
} as const;

/** 997 AK9 codes (X12 element 716) the envelope checks give. */
export const GROUP_CODES = {
	trailerMissing: '3',
	controlNumberMismatch: '4',
	setCountMismatch: '5',
	controlNumberSyntax: '6',
	controlNumberNotUnique: '19',
} as const;

function fail(position: number, message: string, element?: string): never {
	const where = `X12 segment ${position}${element ? `, element ${element}` : ''}`;
	throw new X12FormatError(`${where}: ${message}`, position, element);
}

const name = (id: string, index: number) => `${id}${String(index).padStart(2, '0')}`;

/** The separators of the interchange and where its ISA starts. */
export function readSeparators(text: string): { separators: X12Separators; start: number } {
	let start = 0;
	while (start < text.length && (text.charCodeAt(start) === 0xfeff || /\s/.test(text[start])))
		start++;
	if (text.slice(start, start + 3) !== 'ISA')
		fail(1, `the interchange must start with ISA (found "${text.slice(start, start + 10)}")`);
	if (text.length - start < ISA_LENGTH)
		fail(1, `the ISA header is ${text.length - start} characters; it must be ${ISA_LENGTH}`);
	const element = text[start + 3];
	const component = text[start + 104];
	const segment = text[start + 105];
	if (/[A-Za-z0-9\s]/.test(element)) fail(1, `"${element}" cannot be the element separator`);
	if (text[start + 103] !== element)
		fail(
			1,
			`the ISA header is not 106 fixed-width characters: expected the element separator ` +
				`"${element}" at position 103, found "${text[start + 103]}"`,
			'ISA16',
		);
	if (new Set([element, component, segment]).size !== 3)
		fail(1, 'the element, component and segment separators must differ', 'ISA16');
	if (/[A-Za-z0-9\s]/.test(component))
		fail(1, `"${component}" cannot be the component separator`, 'ISA16');
	if (/[A-Za-z0-9 \t]/.test(segment)) fail(1, `"${segment}" cannot be the segment terminator`);
	return { separators: { element, component, segment }, start };
}

/** True for the characters tolerated around segments: space, tab, CR, LF. */
function isBlank(code: number): boolean {
	return code === 32 || code === 10 || code === 13 || code === 9;
}

/** The segments of the interchange, numbered from 1 (ISA); blank space around segments is dropped. */
export function splitSegments(
	text: string,
	start: number,
	separators: X12Separators,
): X12Segment[] {
	const segments: X12Segment[] = [];
	const terminator = separators.segment;
	const elementSeparator = separators.element;
	let from = start;
	while (from < text.length) {
		let to = text.indexOf(terminator, from);
		if (to === -1) to = text.length;
		let a = from;
		let b = to;
		while (a < b && isBlank(text.charCodeAt(a))) a++;
		while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
		if (b > a) {
			const elements = text.slice(a, b).split(elementSeparator);
			segments.push({ position: segments.length + 1, id: elements[0], elements });
		}
		from = to + terminator.length;
	}
	return segments;
}

/** An element of a segment, trimmed; '' when absent. */
export function elementOf(segment: X12Segment, index: number): string {
	return (segment.elements[index] ?? '').trim();
}

function readHeader(isa: X12Segment, separators: X12Separators): X12InterchangeHeader {
	if (isa.elements.length !== 17)
		fail(1, `ISA must have 16 elements, found ${isa.elements.length - 1}`);
	ISA_WIDTHS.forEach((width, i) => {
		const found = isa.elements[i + 1].length;
		if (found !== width)
			fail(
				1,
				`must be ${width} characters wide (fixed-width header), found ${found}`,
				name('ISA', i + 1),
			);
	});
	const version = elementOf(isa, 12);
	const isa11 = isa.elements[11];
	if (version >= '00501' && isa11 !== 'U') {
		const { element, component, segment } = separators;
		if (/[A-Za-z0-9\s]/.test(isa11) || [element, component, segment].includes(isa11))
			fail(1, `"${isa11}" cannot be the repetition separator`, 'ISA11');
		separators.repetition = isa11;
	}
	const controlNumber = elementOf(isa, 13);
	if (!/^\d{9}$/.test(controlNumber))
		fail(1, `"${controlNumber}" is not a nine-digit control number`, 'ISA13');
	const usage = elementOf(isa, 15);
	if (usage !== 'P' && usage !== 'T') fail(1, `"${usage}" is not P or T`, 'ISA15');
	return {
		sender: { qualifier: elementOf(isa, 5), id: elementOf(isa, 6) },
		receiver: { qualifier: elementOf(isa, 7), id: elementOf(isa, 8) },
		date: elementOf(isa, 9),
		time: elementOf(isa, 10),
		version,
		controlNumber,
		acknowledgementRequested: elementOf(isa, 14) === '1',
		usage,
	};
}

/** Checks a trailer count: the problem, or undefined when it holds. */
function countProblem(trailer: X12Segment, index: number, actual: number, what: string) {
	const value = elementOf(trailer, index);
	if (/^\d+$/.test(value) && Number(value) === actual) return undefined;
	return {
		message: `${what} is "${value}" but there are ${actual}`,
		segment: trailer.position,
		element: name(trailer.id, index),
	};
}

/** Where the reader is: the open group and set. */
interface Cursor {
	groups: X12Group[];
	group?: X12Group;
	set?: X12TransactionSet;
}

function openGroup(cursor: Cursor, seg: X12Segment): void {
	if (cursor.set) closeSetWithoutTrailer(cursor, seg);
	if (cursor.group) closeGroupWithoutTrailer(cursor, seg);
	const group: X12Group = {
		functionalId: elementOf(seg, 1),
		senderCode: elementOf(seg, 2),
		receiverCode: elementOf(seg, 3),
		date: elementOf(seg, 4),
		time: elementOf(seg, 5),
		controlNumber: elementOf(seg, 6),
		version: elementOf(seg, 8),
		transactionSets: [],
		problems: [],
	};
	if (!/^\d{1,9}$/.test(group.controlNumber))
		group.problems.push({
			code: GROUP_CODES.controlNumberSyntax,
			message: `GS06 "${group.controlNumber}" is not a control number of 1 to 9 digits`,
			segment: seg.position,
			element: 'GS06',
		});
	if (cursor.groups.some((g) => g.controlNumber === group.controlNumber))
		group.problems.push({
			code: GROUP_CODES.controlNumberNotUnique,
			message: `GS06 "${group.controlNumber}" is used by another group of the interchange`,
			segment: seg.position,
			element: 'GS06',
		});
	cursor.groups.push(group);
	cursor.group = group;
}

function closeGroup(cursor: Cursor, ge: X12Segment): void {
	const group = cursor.group;
	if (!group) return fail(ge.position, 'GE without GS');
	if (cursor.set) closeSetWithoutTrailer(cursor, ge);
	const count = countProblem(ge, 1, group.transactionSets.length, 'GE01 (transaction sets)');
	if (count) group.problems.push({ code: GROUP_CODES.setCountMismatch, ...count });
	if (elementOf(ge, 2) !== group.controlNumber)
		group.problems.push({
			code: GROUP_CODES.controlNumberMismatch,
			message: `GE02 "${elementOf(ge, 2)}" does not match GS06 "${group.controlNumber}"`,
			segment: ge.position,
			element: 'GE02',
		});
	cursor.group = undefined;
}

function closeGroupWithoutTrailer(cursor: Cursor, at: X12Segment): void {
	cursor.group?.problems.push({
		code: GROUP_CODES.trailerMissing,
		message: `the group has no GE before segment ${at.position} (${at.id})`,
		segment: at.position,
	});
	cursor.group = undefined;
}

function openSet(cursor: Cursor, st: X12Segment): void {
	if (!cursor.group) return fail(st.position, 'ST outside a functional group (no GS before it)');
	if (cursor.set) closeSetWithoutTrailer(cursor, st);
	const set: X12TransactionSet = {
		id: elementOf(st, 1),
		controlNumber: elementOf(st, 2),
		implementationReference: elementOf(st, 3) || undefined,
		segments: [st],
		problems: [],
	};
	const problem = (code: string, message: string, element: string) =>
		set.problems.push({ code, message, segment: st.position, element });
	if (!/^\d{3}$/.test(set.id))
		problem(SET_CODES.missingSetId, `ST01 "${set.id}" is not a transaction set id`, 'ST01');
	if (!/^[A-Za-z0-9]{4,9}$/.test(set.controlNumber))
		problem(
			SET_CODES.missingControlNumber,
			`ST02 "${set.controlNumber}" is not 4-9 characters`,
			'ST02',
		);
	if (cursor.group.transactionSets.some((s) => s.controlNumber === set.controlNumber))
		problem(
			SET_CODES.controlNumberNotUnique,
			`ST02 "${set.controlNumber}" repeats in the group`,
			'ST02',
		);
	cursor.group.transactionSets.push(set);
	cursor.set = set;
}

function closeSet(cursor: Cursor, se: X12Segment): void {
	const set = cursor.set;
	if (!set) return fail(se.position, 'SE without ST');
	set.segments.push(se);
	const count = countProblem(se, 1, set.segments.length, 'SE01 (segments from ST to SE)');
	if (count) set.problems.push({ code: SET_CODES.segmentCountMismatch, ...count });
	if (elementOf(se, 2) !== set.controlNumber)
		set.problems.push({
			code: SET_CODES.controlNumberMismatch,
			message: `SE02 "${elementOf(se, 2)}" does not match ST02 "${set.controlNumber}"`,
			segment: se.position,
			element: 'SE02',
		});
	cursor.set = undefined;
}

function closeSetWithoutTrailer(cursor: Cursor, at: X12Segment): void {
	cursor.set?.problems.push({
		code: SET_CODES.trailerMissing,
		message: `the transaction set has no SE before segment ${at.position} (${at.id})`,
		segment: at.position,
	});
	cursor.set = undefined;
}

function closeInterchange(cursor: Cursor, iea: X12Segment, header: X12InterchangeHeader): void {
	if (cursor.set) closeSetWithoutTrailer(cursor, iea);
	if (cursor.group) closeGroupWithoutTrailer(cursor, iea);
	const count = countProblem(iea, 1, cursor.groups.length, 'IEA01 (functional groups)');
	if (count) fail(iea.position, count.message, 'IEA01');
	if (elementOf(iea, 2) !== header.controlNumber)
		fail(
			iea.position,
			`IEA02 "${elementOf(iea, 2)}" does not match ISA13 "${header.controlNumber}"`,
			'IEA02',
		);
}

/** Reads one interchange; throws an X12FormatError when the interchange itself is unreadable. */
export function readInterchange(text: string): X12Interchange {
	const { separators, start } = readSeparators(text);
	const segments = splitSegments(text, start, separators);
	const header = readHeader(segments[0], separators);
	const cursor: Cursor = { groups: [] };
	let ended = false;
	for (const seg of segments.slice(1)) {
		if (ended) fail(seg.position, `segment ${seg.id} after IEA (one interchange per file)`);
		if (seg.id === 'GS') openGroup(cursor, seg);
		else if (seg.id === 'GE') closeGroup(cursor, seg);
		else if (seg.id === 'ST') openSet(cursor, seg);
		else if (seg.id === 'SE') closeSet(cursor, seg);
		else if (seg.id === 'IEA') {
			closeInterchange(cursor, seg, header);
			ended = true;
		} else if (seg.id === 'ISA') fail(seg.position, 'a second ISA (one interchange per file)');
		else if (cursor.set) cursor.set.segments.push(seg);
		else fail(seg.position, `segment ${seg.id} outside a transaction set`);
	}
	if (!ended) fail(segments.length, 'the interchange has no IEA trailer (file cut short?)');
	return { separators, header, groups: cursor.groups };
}
