/**
 * One interchange for outbound transaction sets: the sets grouped by functional id (PR 855, SH 856,
 * IN 810, IB 846, FA 997) in the order their first set comes, each group with its GS08 version,
 * written by nodes/shared/domain/x12/writer.ts with Amazon's separators.
 *
 * Control numbers come from the caller (a store that never gives one twice for a sender-receiver
 * pair): ISA13 is `controlNumbers.interchange`, the groups take `controlNumbers.group`, +1, +2...,
 * and the sets take `controlNumbers.firstSet`, +1, +2... across the whole interchange (so ST02 is
 * unique in every group and in the interchange). The set's own controlNumber is replaced.
 *
 * Versions: the 855, 810 and 846 guides are 4010 (ISA12 00401, GS08 004010); the 856 "V1" guide is
 * 5010 (ISA12 00501, GS08 005010, with the repetition separator `^`). One interchange has one ISA12,
 * so 4010 and 5010 sets are refused together: write the 856 in an interchange of its own.
 *
 * Pure: no n8n imports.
 */
import {
	writeInterchange,
	type GroupInput,
	type TransactionSetInput,
	type X12Party,
} from '../../x12';
import { shown } from '../../values';
import { fail, listAt, objectAt, own, text } from './common';

/** GS01 and GS08 of each outbound transaction set. */
export const OUTBOUND_SETS: Readonly<Record<string, { functionalId: string; version: string }>> = {
	'855': { functionalId: 'PR', version: '004010' },
	'856': { functionalId: 'SH', version: '005010' },
	'810': { functionalId: 'IN', version: '004010' },
	'846': { functionalId: 'IB', version: '004010' },
	'997': { functionalId: 'FA', version: '004010' },
};

export interface OutboundControlNumbers {
	/** ISA13, 1 to 999999999. */
	interchange: number;
	/** GS06 of the first group; the next groups take the following numbers. */
	group: number;
	/** ST02 of the first set; the next sets take the following numbers. */
	firstSet: number;
}

export interface WriteOutboundInput {
	sets: readonly TransactionSetInput[];
	/** ISA05 / ISA06: the vendor's interchange qualifier and id. */
	sender: X12Party;
	/** ISA07 / ISA08: Amazon's. */
	receiver: X12Party;
	/** GS02 / GS03 application codes. */
	groupSender: string;
	groupReceiver: string;
	controlNumbers: OutboundControlNumbers;
	/** ISA15: `P` production, `T` test. */
	usage: 'P' | 'T';
	/** When the interchange is written (ISA09/10, GS04/05, UTC). */
	date: Date;
	/** One segment per line (easier to read; Amazon accepts both). Default false. */
	lineBreaks?: boolean;
}

/** How many sets and groups an interchange of these sets takes (to reserve control numbers). */
export function outboundCounts(sets: readonly TransactionSetInput[]): {
	groups: number;
	sets: number;
} {
	return {
		groups: new Set(sets.map((s) => own(OUTBOUND_SETS, s?.id)?.functionalId)).size,
		sets: sets.length,
	};
}

function counter(value: unknown, path: string, needed: number): number {
	if (
		typeof value !== 'number' ||
		!Number.isSafeInteger(value) ||
		value < 1 ||
		value + needed - 1 > 999999999
	)
		fail(path, `must be a whole number from 1 to ${999999999 - needed + 1} (got ${shown(value)})`);
	return value;
}

/** Segments as the writer takes them: lists that start with a segment id, of texts and numbers. */
function checkSegments(value: unknown, path: string): void {
	listAt(value, path, true).forEach((segment, s) => {
		const at = `${path}[${s}]`;
		if (!Array.isArray(segment) || typeof segment[0] !== 'string')
			fail(at, 'must be a list that starts with the segment id');
		segment.forEach((element, e) => {
			// null is nothing too: a segment kept as JSON (a Data Table row) has null for undefined.
			const ok = (v: unknown) =>
				v === undefined || v === null || typeof v === 'string' || typeof v === 'number';
			if (!(ok(element) || (Array.isArray(element) && element.every(ok))))
				fail(`${at}[${e}]`, 'must be a text, a number, a list of them, or nothing');
		});
	});
}

function groupsOf(input: WriteOutboundInput): GroupInput[] {
	const sets = listAt(input.sets, 'sets');
	const numbers = objectAt(input.controlNumbers, 'controlNumbers');
	const counts = outboundCounts(input.sets);
	const firstSet = counter(numbers.firstSet, 'controlNumbers.firstSet', counts.sets);
	let group = counter(numbers.group, 'controlNumbers.group', counts.groups);
	const groupSender = text(input.groupSender, 'groupSender', 15, 2);
	const groupReceiver = text(input.groupReceiver, 'groupReceiver', 15, 2);
	const groups = new Map<string, GroupInput>();
	sets.forEach((value, i) => {
		const set = objectAt(value, `sets[${i}]`) as unknown as TransactionSetInput;
		const kind = own(OUTBOUND_SETS, set.id);
		if (kind === undefined)
			fail(
				`sets[${i}].id`,
				`${shown(set.id)} is not an outbound set (${Object.keys(OUTBOUND_SETS).join(', ')})`,
			);
		let g = groups.get(kind.functionalId);
		if (g === undefined) {
			g = {
				...kind,
				senderCode: groupSender,
				receiverCode: groupReceiver,
				controlNumber: group++,
				transactionSets: [],
			};
			groups.set(kind.functionalId, g);
		}
		checkSegments(set.segments, `sets[${i}].segments`);
		g.transactionSets.push({ ...set, controlNumber: firstSet + i });
	});
	return [...groups.values()];
}

/** ISA05-08: a qualifier of 2 characters and an id of 1 to 15. */
function party(value: unknown, path: string): X12Party {
	const p = objectAt(value, path);
	return {
		qualifier: text(p.qualifier, `${path}.qualifier`, 2, 2),
		id: text(p.id, `${path}.id`, 15),
	};
}

/** The interchange of `sets` as text (see the module notes). */
export function writeOutbound(input: WriteOutboundInput): string {
	const groups = groupsOf(input);
	const versions = new Set(groups.map((g) => g.version.slice(0, 5)));
	if (versions.size > 1)
		fail(
			'sets',
			'mixes 4010 sets with the 5010 856: one interchange has one version, write them apart',
		);
	const version = groups[0].version.slice(0, 5);
	if (input.usage !== 'P' && input.usage !== 'T')
		fail('usage', `must be P or T (got ${shown(input.usage)})`);
	if (!(input.date instanceof Date) || Number.isNaN(input.date.getTime()))
		fail('date', 'must be a date');
	const numbers = input.controlNumbers;
	return writeInterchange(
		{
			sender: party(input.sender, 'sender'),
			receiver: party(input.receiver, 'receiver'),
			controlNumber: counter(numbers.interchange, 'controlNumbers.interchange', 1),
			at: input.date,
			usage: input.usage,
			version,
			groups,
		},
		input.lineBreaks ?? false,
	);
}
