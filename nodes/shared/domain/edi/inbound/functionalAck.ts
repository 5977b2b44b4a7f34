/**
 * An X12 997 functional acknowledgement (Amazon's answer to what we sent) read into what it accepts
 * and rejects: AK1 names our group (GS01, GS06), each AK2 one of its sets (ST01, ST02) with AK3 / AK4
 * (5010: IK3 / IK4) the segments and elements in error and AK5 (IK5) the verdict, AK9 the verdict of
 * the group. Status codes (X12 elements 717 and 715): `A` accepted, `E` accepted with errors noted,
 * `P` partially accepted (group), `R` rejected, `M` / `W` / `X` rejected (authentication, validity,
 * content after decryption). Pure: no n8n imports.
 */
import type { SegmentError } from '../../x12/ack997';
import type { X12Segment, X12TransactionSet } from '../../x12/types';
import { ELEMENT_CODES, SetErrors, valueOf, wholeNumber } from './setErrors';

export interface AcknowledgedSet {
	/** AK201 / AK202: the set of ours it answers. */
	id: string;
	controlNumber: string;
	/** AK501 (IK501). */
	status: string;
	/** True for `A` and `E`. */
	accepted: boolean;
	/** AK502-AK506: why (X12 element 718). */
	errorCodes: string[];
	/** The AK3 / AK4 pairs, in the SegmentError shape. */
	segmentErrors: SegmentError[];
}

export interface FunctionalAck {
	/** AK101 / AK102: the group of ours it answers. */
	functionalId: string;
	groupControlNumber: string;
	/** AK901. */
	status: string;
	/** True for `A`, `E` and `P` (some sets accepted). */
	accepted: boolean;
	/** AK902, AK903, AK904. */
	setsIncluded: number;
	setsReceived: number;
	setsAccepted: number;
	/** AK905-AK909 (X12 element 716). */
	groupErrorCodes: string[];
	sets: AcknowledgedSet[];
}

export type FunctionalAckRead =
	| { functionalAck: FunctionalAck; errors?: undefined }
	| { errors: SegmentError[]; functionalAck?: undefined };

const codesOf = (segment: X12Segment, from: number, to: number): string[] =>
	segment.elements
		.slice(from, to + 1)
		.map((v) => v.trim())
		.filter((v) => v !== '');

interface State {
	errors: SetErrors;
	ack?: FunctionalAck;
	set?: AcknowledgedSet;
	segmentError?: SegmentError;
}

function readAk1(state: State, seg: X12Segment): void {
	state.ack = {
		functionalId: valueOf(seg, 1),
		groupControlNumber: valueOf(seg, 2),
		status: '',
		accepted: false,
		setsIncluded: 0,
		setsReceived: 0,
		setsAccepted: 0,
		groupErrorCodes: [],
		sets: [],
	};
}

function readAk3(state: State, seg: X12Segment): void {
	if (!state.set) return;
	const position = wholeNumber(state.errors, seg, 2, 'the position of the segment in error');
	state.segmentError = {
		segmentId: valueOf(seg, 1),
		positionInSet: position ?? 0,
		code: valueOf(seg, 4),
		message:
			`${valueOf(seg, 1)} at position ${position ?? '?'} of set ${state.set.controlNumber}: ` +
			`error code ${valueOf(seg, 4)}`,
	};
	state.set.segmentErrors.push(state.segmentError);
}

function readAk4(state: State, seg: X12Segment, component: string): void {
	const target = state.segmentError;
	if (!target) return;
	const position = Number(valueOf(seg, 1).split(component)[0]);
	target.element = {
		position: Number.isSafeInteger(position) ? position : 0,
		code: valueOf(seg, 3),
	};
	if (valueOf(seg, 4) !== '') target.element.value = valueOf(seg, 4);
	target.message += `; element ${target.element.position}: error code ${target.element.code}`;
}

function readAk9(state: State, seg: X12Segment): void {
	const ack = state.ack;
	if (!ack) return;
	ack.status = valueOf(seg, 1);
	ack.accepted = ['A', 'E', 'P'].includes(ack.status);
	ack.setsIncluded = wholeNumber(state.errors, seg, 2, 'the number of sets included') ?? 0;
	ack.setsReceived = wholeNumber(state.errors, seg, 3, 'the number of sets received') ?? 0;
	ack.setsAccepted = wholeNumber(state.errors, seg, 4, 'the number of sets accepted') ?? 0;
	ack.groupErrorCodes = codesOf(seg, 5, 9);
}

function readSegment(state: State, seg: X12Segment, component: string): void {
	const id = seg.id.startsWith('IK') ? `AK${seg.id.slice(2)}` : seg.id;
	if (id === 'AK1') readAk1(state, seg);
	else if (id === 'AK2' && state.ack) {
		state.set = {
			id: valueOf(seg, 1),
			controlNumber: valueOf(seg, 2),
			status: '',
			accepted: false,
			errorCodes: [],
			segmentErrors: [],
		};
		state.ack.sets.push(state.set);
	} else if (id === 'AK3') readAk3(state, seg);
	else if (id === 'AK4') readAk4(state, seg, component);
	else if (id === 'AK5' && state.set) {
		state.set.status = valueOf(seg, 1);
		state.set.accepted = ['A', 'E'].includes(state.set.status);
		state.set.errorCodes = codesOf(seg, 2, 6);
		state.set = undefined;
		state.segmentError = undefined;
	} else if (id === 'AK9') readAk9(state, seg);
}

/** Reads a 997 transaction set; a 997 without AK1, an AK2 without AK5 or no AK9 are errors. */
export function functionalAckOf(
	set: X12TransactionSet,
	componentSeparator = '>',
): FunctionalAckRead {
	const state: State = { errors: new SetErrors(set) };
	for (const seg of set.segments.slice(1, -1)) readSegment(state, seg, componentSeparator);
	const { errors, ack } = state;
	const last = set.segments[set.segments.length - 1];
	if (!ack)
		errors.missingSegment('AK1', set.segments[0], 'the 997 does not name the group it answers');
	else {
		if (state.set)
			errors.missingSegment('AK5', last, `set ${state.set.controlNumber} has no AK5 verdict`);
		const ak9 = set.segments.find((s) => s.id === 'AK9');
		if (!ak9) errors.missingSegment('AK9', last, 'the 997 has no AK9 (the verdict of the group)');
		else if (ack.status === '')
			errors.element(ak9, 1, ELEMENT_CODES.mandatoryMissing, 'the group status is missing');
	}
	if (!errors.ok || !ack) return { errors: errors.errors };
	return { functionalAck: ack };
}
