/**
 * Writing an X12 interchange: ISA padded to its fixed widths, GS/ST envelopes, and the trailer counts
 * (SE01, GE01, IEA01) computed, never given. A value that holds a separator, a control number out of
 * range or an id too long for its ISA field is refused with an X12WriteError naming the field, before
 * anything is written. Pure: no n8n imports.
 */
import { ISA_WIDTHS } from './reader';
import { X12WriteError, type X12Party, type X12Separators } from './types';

/** Amazon's retail guides use `*`, `>` and `~` (and `^` for repetitions in 5010). */
export const DEFAULT_SEPARATORS: X12Separators = { element: '*', component: '>', segment: '~' };

/** A segment to write: its id and its elements; a list element is written as components. */
export type SegmentInput = [string, ...Array<string | number | undefined | string[]>];

export interface TransactionSetInput {
	/** ST01, e.g. `855`. */
	id: string;
	/** ST02: 4 to 9 characters (a number is zero-padded to 4). */
	controlNumber: string | number;
	/** ST03 (5010 only), when the guide asks for it. */
	implementationReference?: string;
	/** The body: every segment between ST and SE. */
	segments: SegmentInput[];
}

export interface GroupInput {
	/** GS01, e.g. `PR` for an 855. */
	functionalId: string;
	senderCode: string;
	receiverCode: string;
	/** GS06, 1 to 9 digits. */
	controlNumber: string | number;
	/** GS08, e.g. `004010`. */
	version: string;
	transactionSets: TransactionSetInput[];
}

export interface InterchangeInput {
	sender: X12Party;
	receiver: X12Party;
	/** ISA13, 1 to 999999999 (written with nine digits). */
	controlNumber: string | number;
	/** When the interchange is written; ISA09/10 and GS04/05 come from it (UTC). */
	at: Date;
	/** ISA15; default `P`. */
	usage?: 'P' | 'T';
	/** ISA12; default `00401`. */
	version?: string;
	/** ISA14; default false (`0`). */
	acknowledgementRequested?: boolean;
	separators?: X12Separators;
	groups: GroupInput[];
}

/** An element's text: nothing (undefined, or null as a JSON round trip makes of it) is empty. */
function text(value: string | number | undefined | null): string {
	return value === undefined || value === null ? '' : String(value);
}

function checkedValue(value: string, separators: X12Separators, path: string): string {
	for (const sep of [
		separators.element,
		separators.component,
		separators.segment,
		separators.repetition,
	])
		if (sep && value.includes(sep))
			throw new X12WriteError(`${path} "${value}" holds the separator "${sep}"`, path);
	if (/[\r\n]/.test(value)) throw new X12WriteError(`${path} holds a line break`, path);
	return value;
}

/** One segment as text, trailing empty elements dropped (X12 forbids them). */
export function segmentText(
	segment: SegmentInput,
	separators: X12Separators,
	path: string,
): string {
	const [id, ...elements] = segment;
	if (!/^[A-Z][A-Z0-9]{1,2}$/.test(id))
		throw new X12WriteError(`"${id}" is not a segment id`, path);
	const parts = elements.map((e, i) => {
		const where = `${path}.${id}${String(i + 1).padStart(2, '0')}`;
		if (Array.isArray(e)) {
			const components = e.map((c, j) => checkedValue(text(c), separators, `${where}-${j + 1}`));
			while (components.length && components[components.length - 1] === '') components.pop();
			return components.join(separators.component);
		}
		return checkedValue(text(e), separators, where);
	});
	while (parts.length && parts[parts.length - 1] === '') parts.pop();
	return [id, ...parts].join(separators.element) + separators.segment;
}

function controlNumber(value: string | number, digits: number, path: string): string {
	const s = String(value).trim();
	if (!/^\d+$/.test(s) || Number(s) < 1 || s.replace(/^0+/, '').length > digits)
		throw new X12WriteError(
			`${path} "${s}" is not a control number from 1 to ${'9'.repeat(digits)}`,
			path,
		);
	return s;
}

function isaField(value: string, index: number, path: string): string {
	const width = ISA_WIDTHS[index - 1];
	if (value.length > width)
		throw new X12WriteError(
			`${path} "${value}" is longer than ISA${String(index).padStart(2, '0')}'s ${width} characters`,
			path,
		);
	return value.padEnd(width, ' ');
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function isaSegment(input: InterchangeInput, separators: X12Separators, control: string): string {
	const at = input.at;
	const version = input.version ?? '00401';
	const repetition = version >= '00501' ? (separators.repetition ?? '^') : 'U';
	const fields = [
		'00',
		' '.repeat(10),
		'00',
		' '.repeat(10),
		isaField(input.sender.qualifier, 5, 'sender.qualifier'),
		isaField(input.sender.id, 6, 'sender.id'),
		isaField(input.receiver.qualifier, 7, 'receiver.qualifier'),
		isaField(input.receiver.id, 8, 'receiver.id'),
		`${pad2(at.getUTCFullYear() % 100)}${pad2(at.getUTCMonth() + 1)}${pad2(at.getUTCDate())}`,
		`${pad2(at.getUTCHours())}${pad2(at.getUTCMinutes())}`,
		repetition,
		version,
		control.padStart(9, '0'),
		input.acknowledgementRequested ? '1' : '0',
		input.usage ?? 'P',
		separators.component,
	];
	for (const [i, v] of fields.slice(4, 8).entries())
		checkedValue(
			v,
			separators,
			['sender.qualifier', 'sender.id', 'receiver.qualifier', 'receiver.id'][i],
		);
	return ['ISA', ...fields].join(separators.element) + separators.segment;
}

function setText(set: TransactionSetInput, separators: X12Separators, path: string): string[] {
	const st = String(set.controlNumber).trim();
	const control = /^\d+$/.test(st) ? st.padStart(4, '0') : st;
	if (!/^[A-Za-z0-9]{4,9}$/.test(control))
		throw new X12WriteError(
			`${path}.controlNumber "${st}" is not 4 to 9 letters or digits`,
			`${path}.controlNumber`,
		);
	if (!/^\d{3}$/.test(set.id))
		throw new X12WriteError(`${path}.id "${set.id}" is not a transaction set id`, `${path}.id`);
	const body = set.segments.map((s, i) => segmentText(s, separators, `${path}.segments[${i}]`));
	const head = segmentText(['ST', set.id, control, set.implementationReference], separators, path);
	return [head, ...body, segmentText(['SE', body.length + 2, control], separators, path)];
}

/** The interchange as text, one segment per line after its terminator when `lineBreaks` is true. */
export function writeInterchange(input: InterchangeInput, lineBreaks = false): string {
	const separators = { ...(input.separators ?? DEFAULT_SEPARATORS) };
	if ((input.version ?? '00401') >= '00501') separators.repetition ??= '^';
	const isaControl = controlNumber(input.controlNumber, 9, 'controlNumber');
	const at = input.at;
	const gsDate = `${at.getUTCFullYear()}${pad2(at.getUTCMonth() + 1)}${pad2(at.getUTCDate())}`;
	const gsTime = `${pad2(at.getUTCHours())}${pad2(at.getUTCMinutes())}`;
	const out = [isaSegment(input, separators, isaControl)];
	input.groups.forEach((group, g) => {
		const path = `groups[${g}]`;
		const gs = controlNumber(group.controlNumber, 9, `${path}.controlNumber`);
		out.push(
			segmentText(
				[
					'GS',
					group.functionalId,
					group.senderCode,
					group.receiverCode,
					gsDate,
					gsTime,
					gs,
					'X',
					group.version,
				],
				separators,
				path,
			),
		);
		group.transactionSets.forEach((set, t) =>
			out.push(...setText(set, separators, `${path}.transactionSets[${t}]`)),
		);
		out.push(segmentText(['GE', group.transactionSets.length, gs], separators, path));
	});
	out.push(
		segmentText(
			['IEA', input.groups.length, isaControl.padStart(9, '0')],
			separators,
			'interchange',
		),
	);
	return out.join(lineBreaks ? '\n' : '');
}
