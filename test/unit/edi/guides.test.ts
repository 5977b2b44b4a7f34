/**
 * The implementation guides as data (nodes/shared/domain/edi/guides): every guide is well formed,
 * names its source, and guideFor finds it.
 */
import {
	GUIDES,
	guideFor,
	AMAZON_810,
	AMAZON_856,
	X12_997,
} from '../../../nodes/shared/domain/edi/guides';
import { DICTIONARY_SEGMENTS, segment } from '../../../nodes/shared/domain/edi/guides/dictionary';
import type {
	X12ElementRule,
	X12LoopRule,
	X12SegmentRule,
	X12TransactionGuide,
} from '../../../nodes/shared/domain/x12/guideTypes';

type Rule = X12SegmentRule | X12LoopRule;

function segmentsOf(rules: readonly Rule[]): X12SegmentRule[] {
	return rules.flatMap((r) => (r.kind === 'segment' ? [r] : segmentsOf(r.children)));
}

function loopsOf(rules: readonly Rule[]): X12LoopRule[] {
	return rules.flatMap((r) => (r.kind === 'loop' ? [r, ...loopsOf(r.children)] : []));
}

/** Every problem of an element rule's shape, as text; empty when it is well formed. */
function elementProblems(rule: X12ElementRule, ref: string): string[] {
	const problems: string[] = [];
	if (rule.ref !== ref) problems.push(`${rule.ref} stands where ${ref} should`);
	if (!(rule.min >= 1 && rule.min <= rule.max))
		problems.push(`${ref} min ${rule.min} max ${rule.max}`);
	if (rule.codes && rule.type !== 'ID') problems.push(`${ref} has codes but is ${rule.type}`);
	if (rule.codes && rule.codes.length === 0) problems.push(`${ref} has an empty code list`);
	if (rule.codes && rule.codes.some((c) => c.length < rule.min || c.length > rule.max))
		problems.push(`${ref} has a code outside its lengths`);
	if (!rule.name) problems.push(`${ref} has no name`);
	rule.components?.forEach((c, i) =>
		problems.push(...elementProblems(c, `${ref}-${String(i + 1).padStart(2, '0')}`)),
	);
	return problems;
}

function segmentProblems(rule: X12SegmentRule): string[] {
	const problems = rule.elements.flatMap((e, i) =>
		elementProblems(e, `${rule.id}${String(i + 1).padStart(2, '0')}`),
	);
	if (rule.max < 1) problems.push(`${rule.id} max ${rule.max}`);
	const refs = new Set(rule.elements.map((e) => e.ref));
	for (const c of rule.conditions ?? []) {
		if (c.elements.length < 2) problems.push(`${rule.id} ${c.kind} condition of one element`);
		for (const ref of c.elements)
			if (!refs.has(ref)) problems.push(`${rule.id} condition on ${ref}`);
	}
	return problems;
}

describe.each(GUIDES.map((g) => [`${g.transactionSet} ${g.version}`, g] as const))(
	'guide %s',
	(_name, guide: X12TransactionGuide) => {
		test('starts with ST (ST01 its set) and ends with SE', () => {
			const first = guide.structure[0] as X12SegmentRule;
			const last = guide.structure[guide.structure.length - 1] as X12SegmentRule;
			expect(first.id).toBe('ST');
			expect(first.elements[0].codes).toEqual([guide.transactionSet]);
			expect(last.id).toBe('SE');
			expect(first.usage).toBe('M');
			expect(last.usage).toBe('M');
		});

		test('every element ref matches its segment and position, min <= max, codes on ID only', () => {
			expect(segmentsOf(guide.structure).flatMap(segmentProblems)).toEqual([]);
		});

		test('every loop starts with a mandatory segment and repeats at least once', () => {
			const bad = loopsOf(guide.structure).filter(
				(l) =>
					l.children.length === 0 ||
					l.children[0].kind !== 'segment' ||
					l.children[0].usage !== 'M' ||
					l.max < 1,
			);
			expect(bad.map((l) => l.id)).toEqual([]);
		});

		test('an HL loop names its level, and its HL03 allows that level only', () => {
			for (const l of loopsOf(guide.structure).filter(
				(x) => x.children[0].kind === 'segment' && x.children[0].id === 'HL',
			)) {
				const hl = l.children[0] as X12SegmentRule;
				expect(l.hlLevel).toBeDefined();
				expect(hl.elements[2].codes).toEqual([l.hlLevel]);
			}
		});

		test('has a source with a URL, the day it was read and its coverage', () => {
			expect(guide.source.title).toMatch(/\S/);
			expect(guide.source.url).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+\//);
			expect(guide.source.retrieved).toBe('2026-12-07');
			expect(guide.source.coverage.length).toBeGreaterThan(100);
		});

		test('its version is a GS08 version and its functional id two letters', () => {
			expect(guide.version).toMatch(/^00[45]010$/);
			expect(guide.functionalId).toMatch(/^[A-Z]{2}$/);
		});
	},
);

describe('guideFor', () => {
	test('finds each guide by its set, and by its set and version', () => {
		for (const guide of GUIDES) {
			expect(guideFor(guide.transactionSet)).toBe(guide);
			expect(guideFor(guide.transactionSet, guide.version)).toBe(guide);
		}
		expect(GUIDES.map((g) => g.transactionSet).sort()).toEqual([
			'810',
			'820',
			'846',
			'850',
			'855',
			'856',
			'860',
			'997',
		]);
	});

	test('the 856 is 5010 (Stedi retail V1), the others 4010', () => {
		expect(guideFor('856')).toBe(AMAZON_856);
		expect(guideFor('856', '004010')).toBeUndefined();
		expect(guideFor('997', '004010')).toBe(X12_997);
		expect(GUIDES.filter((g) => g.version === '004010')).toHaveLength(7);
	});

	test('no guide for a set or version it does not have', () => {
		expect(guideFor('753')).toBeUndefined();
		expect(guideFor('850', '005010')).toBeUndefined();
	});
});

describe('the dictionary', () => {
	test('every dictionary segment builds well formed', () => {
		expect(DICTIONARY_SEGMENTS.flatMap((id) => segmentProblems(segment(id, 'O', 1)))).toEqual([]);
	});

	test('a guide narrows a segment: name, codes, usage; 5010 ST has ST03', () => {
		const ref = segment('REF', 'M', 1, {
			name: 'Customer Reference Number',
			codes: { REF01: ['CR'] },
			usage: { REF02: 'M' },
		});
		expect(ref.name).toBe('Customer Reference Number');
		expect(ref.elements[0].codes).toEqual(['CR']);
		expect(ref.elements[1].usage).toBe('M');
		expect(ref.conditions).toEqual([{ kind: 'R', elements: ['REF02', 'REF03'] }]);
		expect(segment('ST', 'M', 1).elements).toHaveLength(2);
		expect(segment('ST', 'M', 1, { version: '005010' }).elements[2].ref).toBe('ST03');
		expect(segment('CTP', 'O', 1).elements[4].components?.[0].ref).toBe('CTP05-01');
		expect(() => segment('ZZZ', 'O', 1)).toThrow('the X12 dictionary has no segment ZZZ');
	});

	test('5010 widens element 127 (REF02) to 50 characters; the 856 uses it, the 4010 guides do not', () => {
		expect(segment('REF', 'O', 1).elements[1].max).toBe(30);
		expect(segment('REF', 'O', 1, { version: '005010' }).elements[1].max).toBe(50);
		const refs = (guide: X12TransactionGuide) =>
			loopsOf(guide.structure)
				.flatMap((l) => l.children)
				.concat(guide.structure)
				.filter((r): r is X12SegmentRule => r.kind === 'segment' && r.id === 'REF');
		expect(refs(AMAZON_856).map((r) => r.elements[1].max)).toEqual([50, 50, 50, 50]);
		expect(refs(AMAZON_810).map((r) => r.elements[1].max)).toEqual([30]);
	});
});
