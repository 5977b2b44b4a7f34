/**
 * The guide check: one transaction set read against its implementation guide (guideTypes.ts), with
 * the errors a 997 reports (SegmentError of ack997.ts, so the result feeds build997 directly).
 *
 * - Structure, in one pass over the segments: order, loops and their repetitions, HL loops selected
 *   by their HL03 level, max use, mandatory segments and loops missing, segments the guide does not
 *   have (AK304 `1`) or has elsewhere (`2`). Consecutive rules whose first segment has the same id are
 *   variants of one place (the guide's REF*CR and REF*PO, or its HL loops of levels S, O, P, I): a
 *   segment goes to the variant whose qualifier (first coded element, or HL03) it carries.
 * - Elements: mandatory missing, too short / too long, type (ID, AN, N0, N2, R, DT, TM), codes not in
 *   the guide's list, too many elements, composite components, and the segment's P/R/E/C/L conditions,
 *   with the AK403 codes (X12 element 723).
 *
 * Pure: no n8n imports.
 */
import type { SegmentError } from './ack997';
import type {
	X12Condition,
	X12ElementRule,
	X12LoopRule,
	X12SegmentRule,
	X12TransactionGuide,
} from './guideTypes';
import type { X12Problem, X12Segment, X12TransactionSet } from './types';

/** AK304 codes (X12 element 720). */
export const SEGMENT_CODES = {
	unrecognized: '1',
	unexpected: '2',
	mandatoryMissing: '3',
	loopOverMaximum: '4',
	overMaximumUse: '5',
	elementErrors: '8',
} as const;

/** AK403 codes (X12 element 723). */
export const ELEMENT_CODES = {
	mandatoryMissing: '1',
	conditionalMissing: '2',
	tooMany: '3',
	tooShort: '4',
	tooLong: '5',
	invalidCharacter: '6',
	invalidCode: '7',
	invalidDate: '8',
	invalidTime: '9',
	exclusionViolated: '10',
	tooManyComponents: '13',
} as const;

export interface GuideCheckOptions {
	/** The component separator of the interchange (ISA16); default `>`, as Amazon's guides use. */
	componentSeparator?: string;
}

type Rule = X12SegmentRule | X12LoopRule;

/** One rule of a place: a segment, or a loop with its compiled body. */
interface Variant {
	rule: Rule;
	/** The segment that starts it (the rule itself for a segment). */
	lead: X12SegmentRule;
	body?: Body;
	/** The element index (1-based) and codes that select this variant among the place's others. */
	selector?: { index: number; codes: ReadonlySet<string> };
}

/** A place of a body: one or more variants whose first segment has the same id. */
interface Place {
	id: string;
	variants: Variant[];
}

interface Body {
	places: Place[];
	/** idsFrom[k]: the segment ids the places k and after can start with. */
	idsFrom: ReadonlySet<string>[];
}

interface CompiledGuide {
	body: Body;
	/** Every segment id of the guide, at any depth. */
	ids: ReadonlySet<string>;
}

const compiled = new WeakMap<X12TransactionGuide, CompiledGuide>();
const codeSets = new WeakMap<X12ElementRule, ReadonlySet<string>>();

function codesOf(rule: X12ElementRule): ReadonlySet<string> | undefined {
	if (!rule.codes) return undefined;
	let set = codeSets.get(rule);
	if (!set) {
		set = new Set(rule.codes);
		codeSets.set(rule, set);
	}
	return set;
}

function leadOf(rule: Rule): X12SegmentRule {
	if (rule.kind === 'segment') return rule;
	const first = rule.children[0];
	if (!first || first.kind !== 'segment')
		throw new Error(`guide loop ${rule.id} does not start with a segment`);
	return first;
}

function selectorOf(rule: Rule, lead: X12SegmentRule): Variant['selector'] {
	if (rule.kind === 'loop' && rule.hlLevel) return { index: 3, codes: new Set([rule.hlLevel]) };
	const index = lead.elements.findIndex((e) => e.codes && e.codes.length > 0);
	if (index === -1) return undefined;
	return { index: index + 1, codes: codesOf(lead.elements[index]) as ReadonlySet<string> };
}

function compileBody(rules: readonly Rule[], ids: Set<string>, inLoop: boolean): Body {
	const places: Place[] = [];
	for (const rule of rules) {
		const lead = leadOf(rule);
		const variant: Variant = { rule, lead, selector: selectorOf(rule, lead) };
		if (rule.kind === 'loop') variant.body = compileBody(rule.children, ids, true);
		else ids.add(rule.id);
		const last = places[places.length - 1];
		// A loop's first segment is a place of its own: an inner loop with the same first segment (an HL
		// loop inside an HL loop) is another place.
		const own = inLoop && places.length === 1;
		if (last && last.id === lead.id && !own) last.variants.push(variant);
		else places.push({ id: lead.id, variants: [variant] });
	}
	const idsFrom: Set<string>[] = new Array(places.length + 1);
	idsFrom[places.length] = new Set();
	for (let k = places.length - 1; k >= 0; k--)
		idsFrom[k] = new Set([...idsFrom[k + 1], places[k].id]);
	return { places, idsFrom };
}

function compile(guide: X12TransactionGuide): CompiledGuide {
	let found = compiled.get(guide);
	if (!found) {
		const ids = new Set<string>();
		found = { body: compileBody(guide.structure, ids, false), ids };
		compiled.set(guide, found);
	}
	return found;
}

/** The state of one repetition of a body being read. */
interface Frame {
	body: Body;
	/** The place reached. */
	at: number;
	/** Uses of each variant of each place in this repetition. */
	counts: number[][];
	parent?: Frame;
}

interface Context {
	segments: readonly X12Segment[];
	next: number;
	errors: SegmentError[];
	ids: ReadonlySet<string>;
	component: string;
}

function newFrame(body: Body, parent?: Frame): Frame {
	return { body, at: 0, counts: body.places.map((p) => p.variants.map(() => 0)), parent };
}

function segmentError(
	ctx: Context,
	index: number,
	segmentId: string,
	code: string,
	message: string,
): void {
	const positionInSet = index + 1;
	ctx.errors.push({
		segmentId,
		positionInSet,
		code,
		message: `${segmentId} at position ${positionInSet}: ${message}`,
	});
}

/** The variant of a place a segment belongs to, or undefined when the place does not take it. */
function variantFor(place: Place, seg: X12Segment, counts: readonly number[]): number | undefined {
	if (place.id !== seg.id) return undefined;
	let fallback: number | undefined;
	for (let v = 0; v < place.variants.length; v++) {
		const variant = place.variants[v];
		const selector = variant.selector;
		const selected = !selector || selector.codes.has(seg.elements[selector.index] ?? '');
		if (selected && counts[v] < variantMax(variant)) return v;
		if (selected && fallback === undefined) fallback = v;
	}
	if (fallback !== undefined) return fallback;
	const levels = place.variants.every((v) => v.rule.kind === 'loop' && v.rule.hlLevel);
	return levels ? undefined : 0;
}

function variantMax(variant: Variant): number {
	return variant.rule.max;
}

/** Reports the mandatory variants of places `from` to `to - 1` that were not used. */
function reportMissing(ctx: Context, frame: Frame, from: number, to: number): void {
	const index = Math.min(ctx.next, ctx.segments.length - 1);
	for (let k = from; k < to; k++) {
		const place = frame.body.places[k];
		place.variants.forEach((variant, v) => {
			if (variant.rule.usage !== 'M' || frame.counts[k][v] > 0) return;
			const what = variant.rule.kind === 'loop' ? `the ${variant.rule.id} loop` : variant.lead.name;
			segmentError(
				ctx,
				index,
				variant.lead.id,
				SEGMENT_CODES.mandatoryMissing,
				`${variant.lead.id} (${what}) is mandatory and missing before this position`,
			);
		});
	}
}

/** True when an enclosing repetition (or a later place of it) can take the segment. */
function parentTakes(frame: Frame, seg: X12Segment): boolean {
	for (let f = frame.parent; f; f = f.parent) {
		if (!f.body.idsFrom[f.at].has(seg.id)) continue;
		for (let k = f.at; k < f.body.places.length; k++)
			if (variantFor(f.body.places[k], seg, f.counts[k]) !== undefined) return true;
	}
	return false;
}

/**
 * The place (at or after the frame's) that takes the segment, with its variant: the first with room
 * left, else the first that takes it at all (and is then over its maximum).
 */
function findPlace(frame: Frame, seg: X12Segment): { k: number; v: number } | undefined {
	const places = frame.body.places;
	if (!frame.body.idsFrom[frame.at].has(seg.id)) return undefined;
	let full: { k: number; v: number } | undefined;
	for (let k = frame.at; k < places.length; k++) {
		const v = variantFor(places[k], seg, frame.counts[k]);
		if (v === undefined) continue;
		if (frame.counts[k][v] < variantMax(places[k].variants[v])) return { k, v };
		full ??= { k, v };
	}
	return full;
}

function unexpected(ctx: Context, seg: X12Segment): void {
	const known = ctx.ids.has(seg.id);
	const level = seg.id === 'HL' ? ` (level "${seg.elements[3] ?? ''}")` : '';
	segmentError(
		ctx,
		ctx.next,
		seg.id,
		known ? SEGMENT_CODES.unexpected : SEGMENT_CODES.unrecognized,
		known
			? `${seg.id}${level} is not expected here (out of order, or its loop has ended)`
			: `the guide has no ${seg.id} segment`,
	);
	ctx.next++;
}

/**
 * Reads the segments of one repetition of a body, from ctx.next, until a segment belongs to an
 * enclosing body or the set ends. A loop's repetition starts past its first segment (`at` 1): that
 * segment again starts the next repetition, in the enclosing body.
 */
function readBody(ctx: Context, frame: Frame): void {
	while (ctx.next < ctx.segments.length) {
		const seg = ctx.segments[ctx.next];
		const found = findPlace(frame, seg);
		if (!found) {
			if (parentTakes(frame, seg)) break;
			unexpected(ctx, seg);
			continue;
		}
		reportMissing(ctx, frame, frame.at, found.k);
		frame.at = found.k;
		const place = frame.body.places[found.k];
		const variant = place.variants[found.v];
		const count = ++frame.counts[found.k][found.v];
		if (count > variantMax(variant)) overMaximum(ctx, variant, count);
		checkSegment(ctx, ctx.next, seg, variant.lead);
		ctx.next++;
		if (variant.body) {
			const inner = newFrame(variant.body, frame);
			inner.counts[0][0] = 1;
			inner.at = 1;
			readBody(ctx, inner);
		}
	}
	reportMissing(ctx, frame, frame.at, frame.body.places.length);
}

function overMaximum(ctx: Context, variant: Variant, count: number): void {
	const loop = variant.rule.kind === 'loop';
	segmentError(
		ctx,
		ctx.next,
		variant.lead.id,
		loop ? SEGMENT_CODES.loopOverMaximum : SEGMENT_CODES.overMaximumUse,
		loop
			? `the ${variant.rule.id} loop repeats ${count} times; the guide allows ${variant.rule.max}`
			: `${variant.lead.id} (${variant.lead.name}) is used ${count} times here; the guide allows ` +
					`${variant.rule.max}`,
	);
}

/** An element error of the segment at `index`. */
function elementError(
	ctx: Context,
	index: number,
	seg: X12Segment,
	position: number,
	code: string,
	message: string,
	value?: string,
): void {
	const positionInSet = index + 1;
	ctx.errors.push({
		segmentId: seg.id,
		positionInSet,
		code: SEGMENT_CODES.elementErrors,
		element: { position, code, ...(value ? { value } : {}) },
		message: `${seg.id} at position ${positionInSet}: ${message}`,
	});
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

/** The length X12 counts: digits only for numeric and decimal values, every character otherwise. */
function lengthOf(value: string, type: X12ElementRule['type']): number {
	if (type !== 'N0' && type !== 'N2' && type !== 'R') return value.length;
	let n = 0;
	for (let i = 0; i < value.length; i++) if (isDigit(value.charCodeAt(i))) n++;
	return n;
}

function isNumeric(value: string, decimal: boolean): boolean {
	let i = value.charCodeAt(0) === 45 ? 1 : 0;
	let digits = 0;
	let points = 0;
	for (; i < value.length; i++) {
		const c = value.charCodeAt(i);
		if (isDigit(c)) digits++;
		else if (decimal && c === 46 && points === 0) points++;
		else return false;
	}
	return digits > 0;
}

function allDigits(value: string): boolean {
	for (let i = 0; i < value.length; i++) if (!isDigit(value.charCodeAt(i))) return false;
	return value.length > 0;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDate(value: string): boolean {
	if ((value.length !== 8 && value.length !== 6) || !allDigits(value)) return false;
	const at = value.length - 4;
	const year = Number(value.slice(0, at));
	const month = Number(value.slice(at, at + 2));
	const day = Number(value.slice(at + 2));
	if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]) return false;
	const leap = value.length === 6 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
	return month !== 2 || day < 29 || leap;
}

/** HHMM, HHMMSS or HHMMSSd..d. */
function isTime(value: string): boolean {
	if (value.length < 4 || value.length === 5 || !allDigits(value)) return false;
	const hours = Number(value.slice(0, 2));
	const minutes = Number(value.slice(2, 4));
	const seconds = value.length >= 6 ? Number(value.slice(4, 6)) : 0;
	return hours < 24 && minutes < 60 && seconds < 60;
}

/** What is wrong with a present value, as [AK403 code, message], or undefined. */
function valueProblem(rule: X12ElementRule, value: string): [string, string] | undefined {
	const shown = `${rule.ref} "${value}"`;
	const length = lengthOf(value, rule.type);
	if (rule.type === 'N0' || rule.type === 'N2' || rule.type === 'R') {
		if (!isNumeric(value, rule.type === 'R'))
			return [ELEMENT_CODES.invalidCharacter, `${shown} is not a ${typeName(rule.type)}`];
	}
	if (rule.type === 'DT' && !isDate(value))
		return [ELEMENT_CODES.invalidDate, `${shown} is not a date (CCYYMMDD or YYMMDD)`];
	if (rule.type === 'TM' && !isTime(value))
		return [ELEMENT_CODES.invalidTime, `${shown} is not a time (HHMM, HHMMSS)`];
	if (length < rule.min)
		return [ELEMENT_CODES.tooShort, `${shown} is too short (at least ${rule.min})`];
	if (length > rule.max)
		return [ELEMENT_CODES.tooLong, `${shown} is too long (at most ${rule.max})`];
	const codes = codesOf(rule);
	if (rule.type === 'ID' && codes && !codes.has(value))
		return [ELEMENT_CODES.invalidCode, `${shown} is not a code the guide allows (${listed(rule)})`];
	return undefined;
}

function typeName(type: X12ElementRule['type']): string {
	if (type === 'R') return 'decimal number';
	return type === 'N2' ? 'number (two implied decimals)' : 'whole number';
}

function listed(rule: X12ElementRule): string {
	const codes = rule.codes ?? [];
	const shown = codes.slice(0, 12).join(', ');
	return codes.length > 12 ? `${shown}, and ${codes.length - 12} more` : shown;
}

function checkComposite(
	ctx: Context,
	index: number,
	seg: X12Segment,
	position: number,
	rule: X12ElementRule,
	value: string,
): void {
	const components = rule.components ?? [];
	const parts = value.split(ctx.component);
	if (parts.length > components.length) {
		elementError(
			ctx,
			index,
			seg,
			position,
			ELEMENT_CODES.tooManyComponents,
			`${rule.ref} has ${parts.length} components; the guide defines ${components.length}`,
			value,
		);
		return;
	}
	components.forEach((component, c) => checkValue(ctx, index, seg, position, component, parts[c]));
}

function checkValue(
	ctx: Context,
	index: number,
	seg: X12Segment,
	position: number,
	rule: X12ElementRule,
	value: string | undefined,
): void {
	if (!value) {
		if (rule.usage === 'M')
			elementError(
				ctx,
				index,
				seg,
				position,
				ELEMENT_CODES.mandatoryMissing,
				`${rule.ref} (${rule.name}) is mandatory and missing`,
			);
		return;
	}
	if (rule.components) return checkComposite(ctx, index, seg, position, rule, value);
	const problem = valueProblem(rule, value);
	if (problem) elementError(ctx, index, seg, position, problem[0], problem[1], value);
}

/** The element position (1-based) of a ref of this segment: `PO103` -> 3. */
function refPosition(ref: string, segmentId: string): number {
	return Number(ref.slice(segmentId.length, segmentId.length + 2));
}

const conditionPositions = new WeakMap<X12Condition, number[]>();

/** The element positions of a condition's refs, computed once per condition. */
function positionsOf(condition: X12Condition, segmentId: string): number[] {
	let positions = conditionPositions.get(condition);
	if (!positions) {
		positions = condition.elements.map((ref) => refPosition(ref, segmentId));
		conditionPositions.set(condition, positions);
	}
	return positions;
}

/** Where a condition fails, as the index (into its elements) of the element to report, or -1. */
function conditionFailure(condition: X12Condition, positions: number[], seg: X12Segment): number {
	let count = 0;
	let firstMissing = -1;
	let secondPresent = -1;
	let missingAfterFirst = -1;
	for (let i = 0; i < positions.length; i++) {
		if (seg.elements[positions[i]]) {
			count++;
			if (count === 2) secondPresent = i;
		} else {
			if (firstMissing === -1) firstMissing = i;
			if (i > 0 && missingAfterFirst === -1) missingAfterFirst = i;
		}
	}
	const first = Boolean(seg.elements[positions[0]]);
	if (condition.kind === 'P') return count > 0 && count < positions.length ? firstMissing : -1;
	if (condition.kind === 'R') return count === 0 ? 0 : -1;
	if (condition.kind === 'E') return count > 1 ? secondPresent : -1;
	if (condition.kind === 'C') return first ? missingAfterFirst : -1;
	return first && count === 1 ? 1 : -1;
}

function conditionMessage(condition: X12Condition): [string, string] {
	const refs = condition.elements.join(', ');
	const [head, ...rest] = condition.elements;
	if (condition.kind === 'P')
		return [ELEMENT_CODES.conditionalMissing, `${refs} go together: all or none`];
	if (condition.kind === 'R')
		return [ELEMENT_CODES.conditionalMissing, `at least one of ${refs} is required`];
	if (condition.kind === 'E')
		return [ELEMENT_CODES.exclusionViolated, `only one of ${refs} may be used`];
	if (condition.kind === 'C')
		return [ELEMENT_CODES.conditionalMissing, `${head} is used, so ${rest.join(', ')} must be too`];
	return [
		ELEMENT_CODES.conditionalMissing,
		`${head} is used, so one of ${rest.join(', ')} must be too`,
	];
}

function checkCondition(
	ctx: Context,
	index: number,
	seg: X12Segment,
	rule: X12SegmentRule,
	condition: X12Condition,
): void {
	const positions = positionsOf(condition, rule.id);
	const at = conditionFailure(condition, positions, seg);
	if (at === -1) return;
	const [code, message] = conditionMessage(condition);
	elementError(ctx, index, seg, positions[at], code, message, seg.elements[positions[at]]);
}

/** Checks the elements of one segment against its rule. */
function checkSegment(ctx: Context, index: number, seg: X12Segment, rule: X12SegmentRule): void {
	const elements = seg.elements;
	const defined = rule.elements.length;
	for (let p = 1; p <= defined; p++)
		checkValue(ctx, index, seg, p, rule.elements[p - 1], elements[p]);
	for (let p = defined + 1; p < elements.length; p++)
		if (elements[p])
			elementError(
				ctx,
				index,
				seg,
				p,
				ELEMENT_CODES.tooMany,
				`${seg.id} has ${elements.length - 1} elements; the guide defines ${defined}`,
				elements[p],
			);
	for (const condition of rule.conditions ?? []) checkCondition(ctx, index, seg, rule, condition);
}

/**
 * Checks a transaction set (ST to SE) against its guide: every content error, in the order found,
 * as the AK3 / AK4 of a 997. Empty when the set follows the guide.
 */
export function checkTransactionSet(
	set: X12TransactionSet,
	guide: X12TransactionGuide,
	options: GuideCheckOptions = {},
): SegmentError[] {
	const { body, ids } = compile(guide);
	const ctx: Context = {
		segments: set.segments,
		next: 0,
		errors: [],
		ids,
		component: options.componentSeparator ?? '>',
	};
	const top = newFrame(body);
	readBody(ctx, top);
	return ctx.errors;
}

/** The guide check's errors as problems of the set (AK5 code `5`), for an exception row or a log. */
export function guideProblems(
	set: X12TransactionSet,
	guide: X12TransactionGuide,
	options: GuideCheckOptions = {},
): X12Problem[] {
	return checkTransactionSet(set, guide, options).map((e) => ({
		code: '5',
		message: e.message,
		segment: set.segments[e.positionInSet - 1]?.position,
		element: e.element ? `${e.segmentId}${String(e.element.position).padStart(2, '0')}` : undefined,
	}));
}
