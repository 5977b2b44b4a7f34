/**
 * The 997 functional acknowledgement of a functional group that was read: AK1 names the group, one
 * AK2 / AK5 pair per transaction set (with AK3 / AK4 for the segments and elements in error), and AK9
 * sums the group up. A set with an envelope problem or a content error is rejected (AK501 `R`); a
 * group with an envelope problem is rejected whole (AK901 `R`), so nothing of it is applied.
 * Pure: no n8n imports.
 */
import type { X12Group, X12Problem, X12TransactionSet } from './types';
import type { SegmentInput, TransactionSetInput } from './writer';

/** A segment in error inside a transaction set (AK3), with its element in error (AK4) if known. */
export interface SegmentError {
	/** The segment id, e.g. `PO1`. */
	segmentId: string;
	/** Its position in the transaction set, ST = 1 (AK302). */
	positionInSet: number;
	/** AK304 (element 720): `1` unrecognized, `2` unexpected, `3` mandatory missing, `8` has element errors. */
	code: string;
	element?: {
		/** The element's position in the segment (AK401). */
		position: number;
		/** AK403 (element 723): `1` mandatory missing, `4` too short, `5` too long, `7` invalid code... */
		code: string;
		/** AK404, the bad value (no separators), when there is one. */
		value?: string;
	};
	/** For the operator (not written in the 997). */
	message: string;
}

export interface SetVerdict {
	set: X12TransactionSet;
	/** Content errors found by the document's checks (the guide). */
	errors: SegmentError[];
	/** True when the set is not supported here (AK501 R, AK502 `1`). */
	unsupported?: boolean;
}

/** 997 AK5 code of one or more segments in error (X12 element 718). */
const SEGMENTS_IN_ERROR = '5';
const NOT_SUPPORTED = '1';

function setSegments(verdict: SetVerdict): { segments: SegmentInput[]; accepted: boolean } {
	const { set, errors } = verdict;
	const segments: SegmentInput[] = [['AK2', set.id, set.controlNumber]];
	for (const e of errors.slice(0, 20)) {
		segments.push(['AK3', e.segmentId, e.positionInSet, undefined, e.code]);
		if (e.element)
			segments.push([
				'AK4',
				e.element.position,
				undefined,
				e.element.code,
				safeValue(e.element.value),
			]);
	}
	const codes = [
		...(verdict.unsupported ? [NOT_SUPPORTED] : []),
		...set.problems.map((p: X12Problem) => p.code),
		...(errors.length ? [SEGMENTS_IN_ERROR] : []),
	];
	const unique = [...new Set(codes)].slice(0, 5);
	const accepted = unique.length === 0;
	segments.push(['AK5', accepted ? 'A' : 'R', ...unique]);
	return { segments, accepted };
}

/** A bad value as AK404 may carry it: at most 99 characters, letters, digits and spaces only. */
function safeValue(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const clean = value.replace(/[^A-Za-z0-9 .-]/g, '').slice(0, 99);
	return clean || undefined;
}

/**
 * The 997 of one group: `verdicts` gives each of its transaction sets (in order) with the content
 * errors found; the result's `accepted` lists the sets that may be applied (none when the group
 * itself is rejected).
 */
export function build997(
	group: X12Group,
	verdicts: readonly SetVerdict[],
	controlNumber: string | number,
): { transactionSet: TransactionSetInput; accepted: X12TransactionSet[] } {
	const segments: SegmentInput[] = [['AK1', group.functionalId, group.controlNumber]];
	const accepted: X12TransactionSet[] = [];
	for (const verdict of verdicts) {
		const out = setSegments(verdict);
		segments.push(...out.segments);
		if (out.accepted) accepted.push(verdict.set);
	}
	const groupCodes = [...new Set(group.problems.map((p) => p.code))].slice(0, 5);
	const received = group.transactionSets.length;
	const groupRejected = groupCodes.length > 0;
	const count = groupRejected ? 0 : accepted.length;
	const status = groupRejected || count === 0 ? 'R' : count === received ? 'A' : 'P';
	segments.push(['AK9', status, received, received, count, ...groupCodes]);
	return {
		transactionSet: { id: '997', controlNumber, segments },
		accepted: groupRejected ? [] : accepted,
	};
}
