/**
 * The sandbox's own small X12 writer (Amazon's side of the mailbox) and its reading of vendor files
 * through node-x12, an independent parser (the sandbox does not import the package's X12 engine).
 * Separators of what Amazon writes: element `*`, component `>`, segment `~`.
 */
import { X12Parser } from 'node-x12';

export interface PartyId {
	/** ISA05 / ISA07 qualifier, e.g. ZZ. */
	qualifier: string;
	/** ISA06 / ISA08 id, unpadded; also the GS02 / GS03 application code. */
	id: string;
}

export interface SetToWrite {
	/** ST01, e.g. "850". */
	type: string;
	/** Segments between ST and SE, each [id, ...elements]. */
	segments: string[][];
}

export interface InterchangeToWrite {
	sender: PartyId;
	receiver: PartyId;
	/** ISA13, also GS06 (one group per interchange). */
	controlNumber: number;
	at: Date;
	/** GS01, e.g. PO for 850. */
	functionalId: string;
	/** GS08, default 004010. */
	version?: string;
	/** A TA1 segment's elements after the id, written between ISA and GS. */
	ta1?: string[];
	sets: SetToWrite[];
}

export const SEPARATORS = { element: '*', component: '>', segment: '~' } as const;

const pad = (value: string, width: number) => value.padEnd(width, ' ').slice(0, width);

/** CCYYMMDD and HHMM of a date in UTC. */
export function x12Date(d: Date): { ccyymmdd: string; hhmm: string } {
	const iso = d.toISOString();
	return { ccyymmdd: iso.slice(0, 10).replace(/-/g, ''), hhmm: iso.slice(11, 16).replace(':', '') };
}

/** An ISO date-time (UTC) from CCYYMMDD and an optional HHMM[SS]; undefined when not a real date. */
export function isoFromX12(date: string | undefined, time = ''): string | undefined {
	if (!date || !/^\d{8}$/.test(date) || (time && !/^\d{4}(\d{2})?$/.test(time))) return undefined;
	const hh = time.slice(0, 2) || '00';
	const mm = time.slice(2, 4) || '00';
	const ss = time.slice(4, 6) || '00';
	const iso = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${hh}:${mm}:${ss}Z`;
	const parsed = new Date(iso);
	return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 19) !== iso.slice(0, 19)
		? undefined
		: iso;
}

export function controlNumber9(n: number): string {
	return String(n).padStart(9, '0');
}

/** The text of one interchange with one functional group; SE01, GE01 and IEA01 are counted here. */
export function writeInterchange(x: InterchangeToWrite): string {
	const { ccyymmdd, hhmm } = x12Date(x.at);
	const control = controlNumber9(x.controlNumber);
	const lines: string[][] = [
		[
			'ISA',
			'00',
			pad('', 10),
			'00',
			pad('', 10),
			pad(x.sender.qualifier, 2),
			pad(x.sender.id, 15),
			pad(x.receiver.qualifier, 2),
			pad(x.receiver.id, 15),
			ccyymmdd.slice(2),
			hhmm,
			'U',
			'00401',
			control,
			'0',
			'P',
			SEPARATORS.component,
		],
	];
	if (x.ta1) lines.push(['TA1', ...x.ta1]);
	if (x.sets.length) {
		const group = String(x.controlNumber);
		lines.push([
			'GS',
			x.functionalId,
			x.sender.id,
			x.receiver.id,
			ccyymmdd,
			hhmm,
			group,
			'X',
			x.version ?? '004010',
		]);
		x.sets.forEach((set, i) => {
			const st = String(i + 1).padStart(4, '0');
			lines.push(['ST', set.type, st], ...set.segments, [
				'SE',
				String(set.segments.length + 2),
				st,
			]);
		});
		lines.push(['GE', String(x.sets.length), group]);
	}
	lines.push(['IEA', x.sets.length ? '1' : '0', control]);
	return lines.map((l) => trimEmptyTail(l).join(SEPARATORS.element) + SEPARATORS.segment).join('');
}

/** Drops empty trailing elements (X12 does not write them). */
function trimEmptyTail(segment: string[]): string[] {
	let end = segment.length;
	while (end > 1 && segment[end - 1] === '') end--;
	return segment.slice(0, end);
}

/** One segment as read: its id, elements by position (elements[0] = id) and 1-based position in its set. */
export interface ReadSegment {
	id: string;
	elements: string[];
	/** Position counted from ST = 1. */
	position: number;
}

export interface ReadSet {
	st: string[];
	se: string[] | undefined;
	/** Segments between ST and SE. */
	body: ReadSegment[];
}

export interface ReadGroup {
	gs: string[];
	ge: string[] | undefined;
	sets: ReadSet[];
}

export interface ReadInterchange {
	isa: string[];
	iea: string[] | undefined;
	groups: ReadGroup[];
}

interface NodeX12Segment {
	tag: string;
	elements: Array<{ value: string }>;
}

const values = (seg: NodeX12Segment | undefined) =>
	seg ? [seg.tag, ...seg.elements.map((e) => e.value)] : undefined;

/**
 * Reads an interchange with node-x12 in its lenient mode (the envelope checks are the mailbox's
 * own, so that each problem gets its 997 code). Throws when node-x12 cannot read it at all.
 */
export function readInterchange(text: string): ReadInterchange {
	const parsed = new X12Parser(false).parse(text.trim()) as unknown as {
		header: NodeX12Segment;
		trailer?: NodeX12Segment;
		functionalGroups: Array<{
			header: NodeX12Segment;
			trailer?: NodeX12Segment;
			transactions: Array<{
				header: NodeX12Segment;
				trailer?: NodeX12Segment;
				segments: NodeX12Segment[];
			}>;
		}>;
	};
	if (!parsed?.header || parsed.header.tag !== 'ISA')
		throw new Error('The file does not start with an ISA segment.');
	return {
		isa: values(parsed.header) as string[],
		iea: values(parsed.trailer),
		groups: (parsed.functionalGroups ?? []).map((g) => ({
			gs: values(g.header) as string[],
			ge: values(g.trailer),
			sets: (g.transactions ?? []).map((t) => ({
				st: values(t.header) as string[],
				se: values(t.trailer),
				body: (t.segments ?? []).map((seg, i) => ({
					id: seg.tag,
					elements: values(seg) as string[],
					position: i + 2,
				})),
			})),
		})),
	};
}
