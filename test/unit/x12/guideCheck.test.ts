/**
 * The guide check (nodes/shared/domain/x12/guideCheck.ts) on small hand-written guides and sets:
 * each structure and element error with its 997 code (AK304, AK403), and the 997 built from them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { X12Parser } from 'node-x12';
import { GUIDES, guideFor } from '../../../nodes/shared/domain/edi/guides';
import {
	build997,
	checkTransactionSet,
	guideProblems,
	readInterchange,
	writeInterchange,
	type SegmentError,
	type X12Segment,
	type X12TransactionSet,
} from '../../../nodes/shared/domain/x12';
import type {
	X12ElementRule,
	X12LoopRule,
	X12SegmentRule,
	X12TransactionGuide,
} from '../../../nodes/shared/domain/x12/guideTypes';

function el(
	ref: string,
	usage: 'M' | 'O' | 'C',
	type: X12ElementRule['type'],
	min: number,
	max: number,
	codes?: string[],
): X12ElementRule {
	return { ref, name: ref, usage, type, min, max, ...(codes ? { codes } : {}) };
}

function seg(
	id: string,
	usage: 'M' | 'O' | 'C',
	max: number,
	elements: X12ElementRule[],
	extra: Partial<X12SegmentRule> = {},
): X12SegmentRule {
	return { kind: 'segment', id, name: `${id} segment`, usage, max, elements, ...extra };
}

function loop(
	id: string,
	usage: 'M' | 'O' | 'C',
	max: number,
	children: (X12SegmentRule | X12LoopRule)[],
	hlLevel?: string,
): X12LoopRule {
	return { kind: 'loop', id, usage, max, children, ...(hlLevel ? { hlLevel } : {}) };
}

const ST = seg('ST', 'M', 1, [el('ST01', 'M', 'ID', 3, 3, ['850']), el('ST02', 'M', 'AN', 4, 9)]);
const SE = seg('SE', 'M', 1, [el('SE01', 'M', 'N0', 1, 10), el('SE02', 'M', 'AN', 4, 9)]);

const PO1 = seg(
	'PO1',
	'M',
	1,
	[
		el('PO101', 'O', 'AN', 1, 20),
		el('PO102', 'M', 'R', 1, 15),
		el('PO103', 'M', 'ID', 2, 2, ['EA', 'CA']),
		el('PO104', 'O', 'R', 1, 17),
		el('PO105', 'O', 'ID', 2, 2),
		el('PO106', 'C', 'ID', 2, 2, ['BP', 'VN', 'EN']),
		el('PO107', 'C', 'AN', 1, 48),
	],
	{ conditions: [{ kind: 'P', elements: ['PO106', 'PO107'] }] },
);

/** A small purchase order guide: every kind of rule the check reads, on a few segments. */
const GUIDE: X12TransactionGuide = {
	transactionSet: '850',
	functionalId: 'PO',
	version: '004010',
	source: {
		title: 'Test guide',
		url: 'https://example.com/guide',
		retrieved: '2026-12-07',
		coverage: 'A hand-written guide for the tests.',
	},
	structure: [
		ST,
		seg('BEG', 'M', 1, [
			el('BEG01', 'M', 'ID', 2, 2, ['00']),
			el('BEG02', 'M', 'ID', 2, 2, ['NE', 'SA']),
			el('BEG03', 'M', 'AN', 1, 22),
			el('BEG04', 'O', 'AN', 1, 30),
			el('BEG05', 'M', 'DT', 8, 8),
		]),
		seg('REF', 'M', 1, [el('REF01', 'M', 'ID', 2, 3, ['CR']), el('REF02', 'M', 'AN', 1, 30)]),
		seg('REF', 'O', 1, [el('REF01', 'M', 'ID', 2, 3, ['PD']), el('REF02', 'M', 'AN', 1, 30)]),
		seg(
			'DTM',
			'O',
			2,
			[
				el('DTM01', 'M', 'ID', 3, 3, ['063', '064']),
				el('DTM02', 'C', 'DT', 8, 8),
				el('DTM03', 'C', 'TM', 4, 8),
			],
			{
				conditions: [{ kind: 'R', elements: ['DTM02', 'DTM03'] }],
			},
		),
		seg(
			'CUR',
			'O',
			1,
			[
				el('CUR01', 'M', 'ID', 2, 3, ['BY']),
				el('CUR02', 'M', 'ID', 3, 3),
				el('CUR03', 'O', 'R', 4, 6),
				el('CUR04', 'C', 'ID', 2, 3),
				el('CUR05', 'C', 'AN', 1, 10),
			],
			{
				conditions: [
					{ kind: 'E', elements: ['CUR04', 'CUR05'] },
					{ kind: 'C', elements: ['CUR03', 'CUR02'] },
				],
			},
		),
		seg(
			'MEA',
			'O',
			1,
			[
				el('MEA01', 'O', 'ID', 2, 2),
				{
					ref: 'MEA02',
					name: 'Composite unit of measure',
					usage: 'O',
					type: 'AN',
					min: 1,
					max: 20,
					components: [
						el('MEA02-01', 'M', 'ID', 2, 2, ['LB', 'KG']),
						el('MEA02-02', 'O', 'N2', 1, 5),
					],
				},
				el('MEA03', 'O', 'R', 1, 8),
				el('MEA04', 'O', 'ID', 2, 2),
			],
			{ conditions: [{ kind: 'L', elements: ['MEA03', 'MEA01', 'MEA04'] }] },
		),
		loop('N1', 'M', 2, [
			seg('N1', 'M', 1, [el('N101', 'M', 'ID', 2, 3, ['ST']), el('N102', 'O', 'AN', 1, 60)]),
			seg('N3', 'O', 1, [el('N301', 'M', 'AN', 1, 55)]),
		]),
		loop('PO1', 'M', 3, [PO1, seg('PID', 'O', 2, [el('PID01', 'M', 'ID', 1, 1, ['F'])])]),
		seg('CTT', 'M', 1, [el('CTT01', 'M', 'N0', 1, 6)]),
		SE,
	],
};

/** A transaction set from segment text (`~` between segments, `*` between elements). */
function set(text: string): X12TransactionSet {
	const segments: X12Segment[] = text
		.split('~')
		.filter((s) => s.trim())
		.map((s, i) => {
			const elements = s.trim().split('*');
			return { position: i + 3, id: elements[0], elements };
		});
	return { id: '850', controlNumber: '0001', segments, problems: [] };
}

const GOOD = [
	'ST*850*0001',
	'BEG*00*NE*PO123**20261207',
	'REF*CR*V1',
	'REF*PD*DEAL',
	'DTM*063*20261231',
	'N1*ST*WAREHOUSE',
	'N3*1 MAIN ST',
	'PO1*1*10*EA*4.25**VN*SKU-1',
	'PO1*2*1.5*CA',
	'PID*F',
	'CTT*2',
	'SE*11*0001',
];

const check = (lines: string[]) => checkTransactionSet(set(lines.join('~')), GUIDE);
const replace = (at: number, line: string) => GOOD.map((l, i) => (i === at ? line : l));
const brief = (errors: SegmentError[]) =>
	errors.map((e) => [e.segmentId, e.positionInSet, e.code, e.element?.position, e.element?.code]);

describe('checkTransactionSet: structure', () => {
	test('a set that follows the guide has no error', () => {
		expect(check(GOOD)).toEqual([]);
	});

	test('the REF variants are told apart by REF01, in either order', () => {
		const swapped = [...GOOD];
		[swapped[2], swapped[3]] = [swapped[3], swapped[2]];
		expect(check(swapped)).toEqual([]);
	});

	test('a mandatory segment missing: AK304 3 at the position where it was due', () => {
		const errors = check(GOOD.filter((l) => !l.startsWith('BEG')));
		expect(brief(errors)).toEqual([['BEG', 2, '3', undefined, undefined]]);
		expect(errors[0].message).toBe(
			'BEG at position 2: BEG (BEG segment) is mandatory and missing before this position',
		);
	});

	test('a mandatory variant missing (REF*CR) while the other (REF*PD) is there', () => {
		expect(brief(check(GOOD.filter((l) => l !== 'REF*CR*V1')))).toEqual([
			['REF', 4, '3', undefined, undefined],
		]);
	});

	test('a mandatory loop missing: AK304 3 naming the loop', () => {
		const errors = check(GOOD.filter((l) => !l.startsWith('N1') && !l.startsWith('N3')));
		expect(brief(errors)).toEqual([['N1', 6, '3', undefined, undefined]]);
		expect(errors[0].message).toContain('the N1 loop');
	});

	test('the mandatory segment at the end (CTT) missing is reported at SE', () => {
		expect(brief(check(GOOD.filter((l) => !l.startsWith('CTT'))))).toEqual([
			['CTT', 11, '3', undefined, undefined],
		]);
	});

	test('a segment the guide does not have: AK304 1', () => {
		const lines = [...GOOD.slice(0, 5), 'ZZZ*1', ...GOOD.slice(5)];
		const errors = check(lines);
		expect(brief(errors)).toEqual([['ZZZ', 6, '1', undefined, undefined]]);
		expect(errors[0].message).toBe('ZZZ at position 6: the guide has no ZZZ segment');
	});

	test('a segment out of order: AK304 2', () => {
		const lines = [...GOOD.slice(0, 8), 'BEG*00*NE*PO9**20261207', ...GOOD.slice(8)];
		expect(brief(check(lines))).toEqual([['BEG', 9, '2', undefined, undefined]]);
	});

	test('a segment of a loop after the loop ended (N3 after PO1) is unexpected', () => {
		const lines = [...GOOD.slice(0, 8), 'N3*LATE', ...GOOD.slice(8)];
		expect(brief(check(lines))).toEqual([['N3', 9, '2', undefined, undefined]]);
	});

	test('a segment over its max use: AK304 5', () => {
		const lines = [...GOOD.slice(0, 5), 'DTM*064*20261201', 'DTM*063*20261202', ...GOOD.slice(5)];
		const errors = check(lines);
		expect(brief(errors)).toEqual([['DTM', 7, '5', undefined, undefined]]);
		expect(errors[0].message).toBe(
			'DTM at position 7: DTM (DTM segment) is used 3 times here; the guide allows 2',
		);
	});

	test('a loop over its max repetitions: AK304 4 on its first segment', () => {
		const lines = [...GOOD.slice(0, 10), 'PO1*3*1*EA', 'PO1*4*1*EA', ...GOOD.slice(10)];
		const errors = check(lines);
		expect(brief(errors)).toEqual([['PO1', 12, '4', undefined, undefined]]);
		expect(errors[0].message).toBe(
			'PO1 at position 12: the PO1 loop repeats 4 times; the guide allows 3',
		);
	});

	test('a segment inside a loop repeats per repetition, not per set', () => {
		const lines = [
			...GOOD.slice(0, 10),
			'PID*F',
			'PO1*3*1*EA',
			'PID*F',
			'PID*F',
			...GOOD.slice(10),
		];
		expect(check(lines)).toEqual([]);
	});
});

describe('checkTransactionSet: HL loops', () => {
	const HL = (level: string, children: (X12SegmentRule | X12LoopRule)[] = []) =>
		loop(
			`HL-${level}`,
			level === 'S' ? 'M' : 'O',
			200,
			[
				seg('HL', 'M', 1, [
					el('HL01', 'M', 'AN', 1, 12),
					el('HL02', 'O', 'AN', 1, 12),
					el('HL03', 'M', 'ID', 1, 2, ['S', 'O', 'P', 'I']),
				]),
				...children,
			],
			level,
		);
	const LIN = seg('LIN', 'M', 1, [el('LIN01', 'O', 'AN', 1, 20), el('LIN02', 'M', 'ID', 2, 2)]);
	const MAN = seg('MAN', 'M', 1, [
		el('MAN01', 'M', 'ID', 1, 2, ['GM']),
		el('MAN02', 'M', 'AN', 1, 48),
	]);
	const ASN: X12TransactionGuide = {
		...GUIDE,
		transactionSet: '856',
		structure: [
			{ ...ST, elements: [el('ST01', 'M', 'ID', 3, 3, ['856']), el('ST02', 'M', 'AN', 4, 9)] },
			HL('S', [HL('O', [HL('P', [MAN, HL('I', [LIN])])])]),
			seg('CTT', 'M', 1, [el('CTT01', 'M', 'N0', 1, 6)]),
			SE,
		],
	};
	const asn = (lines: string[]) => checkTransactionSet(set(lines.join('~')), ASN);
	const SHIP = [
		'ST*856*0001',
		'HL*1**S',
		'HL*2*1*O',
		'HL*3*2*P',
		'MAN*GM*00000123450000000017',
		'HL*4*3*I',
		'LIN**UP',
		'HL*5*3*I',
		'LIN**UP',
		'HL*6*2*P',
		'MAN*GM*00000123450000000024',
		'HL*7*6*I',
		'LIN**UP',
		'HL*8*1*O',
		'HL*9*8*P',
		'MAN*GM*00000123450000000031',
		'CTT*8',
		'SE*18*0001',
	];

	test('levels S-O-P-I nest by HL03, and a level repeats inside its parent', () => {
		expect(asn(SHIP)).toEqual([]);
	});

	test('a mandatory segment of an HL level missing (MAN of a pack)', () => {
		const lines = SHIP.filter((l) => l !== 'MAN*GM*00000123450000000024');
		expect(brief(asn(lines))).toEqual([['MAN', 11, '3', undefined, undefined]]);
	});

	test('an HL level the guide does not place there is unexpected (an item right under the shipment)', () => {
		const lines = [SHIP[0], SHIP[1], 'HL*2*1*I', 'LIN**UP', ...SHIP.slice(2)];
		const errors = asn(lines);
		expect(brief(errors)).toEqual([
			['HL', 3, '2', undefined, undefined],
			['LIN', 4, '2', undefined, undefined],
		]);
		expect(errors[0].message).toBe(
			'HL at position 3: HL (level "I") is not expected here (out of order, or its loop has ended)',
		);
	});
});

describe('checkTransactionSet: elements', () => {
	const one = (at: number, line: string) => check(replace(at, line));

	test('a mandatory element missing: AK403 1', () => {
		const errors = one(1, 'BEG*00**PO123**20261207');
		expect(brief(errors)).toEqual([['BEG', 2, '8', 2, '1']]);
		expect(errors[0].message).toBe('BEG at position 2: BEG02 (BEG02) is mandatory and missing');
	});

	test('too short and too long: AK403 4 and 5', () => {
		expect(brief(one(1, 'BEG*00*NE*' + 'X'.repeat(23) + '**20261207'))).toEqual([
			['BEG', 2, '8', 3, '5'],
		]);
		expect(brief(one(2, 'REF*C*V1'))).toEqual([['REF', 3, '8', 1, '4']]);
	});

	test('numeric lengths count digits only, without sign or decimal point', () => {
		expect(one(7, 'PO1*1*-1234567890123.45*EA')).toEqual([]);
		expect(brief(one(7, 'PO1*1*1234567890123456*EA'))).toEqual([['PO1', 8, '8', 2, '5']]);
	});

	test('a code the guide does not allow: AK403 7, with the codes in the message', () => {
		const errors = one(7, 'PO1*1*10*XX*4.25');
		expect(brief(errors)).toEqual([['PO1', 8, '8', 3, '7']]);
		expect(errors[0].message).toBe(
			'PO1 at position 8: PO103 "XX" is not a code the guide allows (EA, CA)',
		);
		expect(errors[0].element?.value).toBe('XX');
	});

	test('an ID element without a code list takes any value of its length', () => {
		expect(one(7, 'PO1*1*10*EA*4.25*QT')).toEqual([]);
	});

	test('invalid characters in numbers: AK403 6 (R and N0)', () => {
		expect(brief(one(7, 'PO1*1*1O*EA'))).toEqual([['PO1', 8, '8', 2, '6']]);
		expect(brief(one(7, 'PO1*1*1.2.3*EA'))).toEqual([['PO1', 8, '8', 2, '6']]);
		expect(brief(one(10, 'CTT*2.0'))).toEqual([['CTT', 11, '8', 1, '6']]);
	});

	test('dates: CCYYMMDD or YYMMDD by length, real days only (AK403 8)', () => {
		expect(brief(one(1, 'BEG*00*NE*PO123**20261301'))).toEqual([['BEG', 2, '8', 5, '8']]);
		expect(brief(one(1, 'BEG*00*NE*PO123**20250229'))).toEqual([['BEG', 2, '8', 5, '8']]);
		expect(one(1, 'BEG*00*NE*PO123**20240229')).toEqual([]);
		expect(brief(one(4, 'DTM*063*2026120'))).toEqual([['DTM', 5, '8', 2, '8']]);
		expect(brief(one(4, 'DTM*063*261207'))).toEqual([['DTM', 5, '8', 2, '4']]);
	});

	test('times: HHMM or HHMMSS (AK403 9)', () => {
		expect(one(4, 'DTM*063**2359')).toEqual([]);
		expect(one(4, 'DTM*063**235959')).toEqual([]);
		expect(brief(one(4, 'DTM*063**2460'))).toEqual([['DTM', 5, '8', 3, '9']]);
		expect(brief(one(4, 'DTM*063**12345'))).toEqual([['DTM', 5, '8', 3, '9']]);
	});

	test('too many elements: AK403 3 at the first extra one', () => {
		const errors = one(2, 'REF*CR*V1*EXTRA');
		expect(brief(errors)).toEqual([['REF', 3, '8', 3, '3']]);
		expect(errors[0].message).toBe('REF at position 3: REF has 3 elements; the guide defines 2');
		expect(one(2, 'REF*CR*V1*')).toEqual([]);
	});

	test('composite components: checked one by one, and too many of them (AK403 13)', () => {
		const at = (line: string) => check([...GOOD.slice(0, 5), line, ...GOOD.slice(5)]);
		expect(at('MEA*WT*LB>150*3')).toEqual([]);
		expect(brief(at('MEA*WT*OZ>150*3'))).toEqual([['MEA', 6, '8', 2, '7']]);
		expect(at('MEA*WT*OZ>150*3')[0].message).toContain('MEA02-01 "OZ"');
		expect(brief(at('MEA*WT*LB>1.5*3'))).toEqual([['MEA', 6, '8', 2, '6']]);
		expect(brief(at('MEA*WT*LB>1>2*3'))).toEqual([['MEA', 6, '8', 2, '13']]);
		const other = checkTransactionSet(
			set([...GOOD.slice(0, 5), 'MEA*WT*LB:150*3', ...GOOD.slice(5)].join('~')),
			GUIDE,
			{ componentSeparator: ':' },
		);
		expect(other).toEqual([]);
	});

	test('P: paired elements, all or none (AK403 2)', () => {
		const errors = one(7, 'PO1*1*10*EA*4.25**VN');
		expect(brief(errors)).toEqual([['PO1', 8, '8', 7, '2']]);
		expect(errors[0].message).toBe('PO1 at position 8: PO106, PO107 go together: all or none');
	});

	test('R: at least one of them (AK403 2)', () => {
		expect(brief(one(4, 'DTM*063'))).toEqual([['DTM', 5, '8', 2, '2']]);
	});

	test('E: at most one of them (AK403 10)', () => {
		const at = (line: string) => check([...GOOD.slice(0, 5), line, ...GOOD.slice(5)]);
		expect(at('CUR*BY*USD**ZZ')).toEqual([]);
		expect(brief(at('CUR*BY*USD**ZZ*X'))).toEqual([['CUR', 6, '8', 5, '10']]);
	});

	test('C: if the first, then the others (AK403 2)', () => {
		const at = (line: string) => check([...GOOD.slice(0, 5), line, ...GOOD.slice(5)]);
		expect(brief(at('CUR*BY**1.2500'))).toEqual([
			['CUR', 6, '8', 2, '1'],
			['CUR', 6, '8', 2, '2'],
		]);
	});

	test('L: if the first, then at least one of the others (AK403 2)', () => {
		const at = (line: string) => check([...GOOD.slice(0, 5), line, ...GOOD.slice(5)]);
		expect(at('MEA***3*LB')).toEqual([]);
		expect(brief(at('MEA***3'))).toEqual([['MEA', 6, '8', 1, '2']]);
	});
});

describe('the guide check feeds the 997', () => {
	test('AK3 / AK4 from the errors, the set rejected; guideProblems names the interchange position', () => {
		const text = writeInterchange({
			sender: { qualifier: 'ZZ', id: 'AMAZON' },
			receiver: { qualifier: 'ZZ', id: 'VENDORX' },
			controlNumber: 5,
			at: new Date('2026-12-07T10:00:00Z'),
			groups: [
				{
					functionalId: 'PO',
					senderCode: 'AMAZON',
					receiverCode: 'VENDORX',
					controlNumber: 9,
					version: '004010',
					transactionSets: [
						{
							id: '850',
							controlNumber: '0001',
							segments: GOOD.slice(1, -1)
								.map((l) => (l.startsWith('PO1*2') ? 'PO1*2*1.5*XX' : l))
								.map((l) => l.split('*') as [string, ...string[]]),
						},
					],
				},
			],
		});
		const group = readInterchange(text).groups[0];
		const errors = checkTransactionSet(group.transactionSets[0], GUIDE);
		expect(brief(errors)).toEqual([['PO1', 9, '8', 3, '7']]);
		const ack = build997(group, [{ set: group.transactionSets[0], errors }], 1);
		expect(ack.accepted).toEqual([]);
		expect(ack.transactionSet.segments).toEqual([
			['AK1', 'PO', '9'],
			['AK2', '850', '0001'],
			['AK3', 'PO1', 9, undefined, '8'],
			['AK4', 3, undefined, '7', 'XX'],
			['AK5', 'R', '5'],
			['AK9', 'R', 1, 1, 0],
		]);
		const problems = guideProblems(group.transactionSets[0], GUIDE);
		expect(problems).toEqual([
			{
				code: '5',
				message: 'PO1 at position 9: PO103 "XX" is not a code the guide allows (EA, CA)',
				segment: 11,
				element: 'PO103',
			},
		]);
	});
});

describe('the samples of test/fixtures/edi against their guides', () => {
	const dir = path.join(__dirname, '../../fixtures/edi');
	const files = fs.readdirSync(dir).filter((f) => f.endsWith('.edi'));
	const read = (file: string) => readInterchange(fs.readFileSync(path.join(dir, file), 'utf8'));
	const checkAll = (text: string) => {
		const interchange = readInterchange(text);
		return interchange.groups.flatMap((g) =>
			g.transactionSets.map((s) => {
				const guide = guideFor(s.id, g.version);
				if (!guide) throw new Error(`no guide for ${s.id} ${g.version}`);
				return {
					set: s,
					errors: checkTransactionSet(s, guide, {
						componentSeparator: interchange.separators.component,
					}),
				};
			}),
		);
	};

	test('there is a sample of every guide', () => {
		expect(files.map((f) => f.split('-')[0]).sort()).toEqual(
			GUIDES.map((g) => g.transactionSet).sort(),
		);
	});

	test.each(files)('%s passes its guide with no error, and node-x12 reads it', (file) => {
		const text = fs.readFileSync(path.join(dir, file), 'utf8');
		const results = checkAll(text);
		expect(results).toHaveLength(1);
		expect(results[0].set.problems).toEqual([]);
		expect(results[0].errors).toEqual([]);
		const parsed = new X12Parser(true).parse(text) as any;
		const set = parsed.functionalGroups[0].transactions[0];
		expect(set.segments.length).toBe(read(file).groups[0].transactionSets[0].segments.length - 2);
	});

	test('the 855 sample with ACK01 changed fails with AK3 ACK / AK4 01 code 7', () => {
		const text = fs
			.readFileSync(path.join(dir, '855-sample.edi'), 'utf8')
			.replace('ACK*IA', 'ACK*ZZ');
		const [{ set, errors }] = checkAll(text);
		expect(brief(errors)).toEqual([['ACK', 5, '8', 1, '7']]);
		expect(errors[0].message).toBe(
			'ACK at position 5: ACK01 "ZZ" is not a code the guide allows (IA, IB, IR)',
		);
		const group = readInterchange(text).groups[0];
		const ack = build997(group, [{ set, errors }], 3);
		expect(ack.transactionSet.segments.slice(2, 5)).toEqual([
			['AK3', 'ACK', 5, undefined, '8'],
			['AK4', 1, undefined, '7', 'ZZ'],
			['AK5', 'R', '5'],
		]);
	});

	test('the 856 sample without the MAN of a carton fails with AK3 MAN code 3', () => {
		const text = fs
			.readFileSync(path.join(dir, '856-sample.edi'), 'utf8')
			.replace('MAN*GM*00012345600000000024~\n', '')
			.replace('SE*26*0001', 'SE*25*0001');
		const [{ set, errors }] = checkAll(text);
		expect(set.problems).toEqual([]);
		expect(brief(errors)).toEqual([['MAN', 16, '3', undefined, undefined]]);
	});

	test('the 856 sample with a date in BSN03 that is no date fails with AK4 03 code 8', () => {
		const text = fs
			.readFileSync(path.join(dir, '856-sample.edi'), 'utf8')
			.replace('20261210*1200', '20261310*1200');
		expect(brief(checkAll(text)[0].errors)).toEqual([['BSN', 2, '8', 3, '8']]);
	});

	test('the 997 that build997 writes for a rejected set passes the 997 guide', () => {
		const text = fs
			.readFileSync(path.join(dir, '855-sample.edi'), 'utf8')
			.replace('ACK*IA', 'ACK*ZZ');
		const [{ set, errors }] = checkAll(text);
		const group = readInterchange(text).groups[0];
		const written = writeInterchange({
			sender: { qualifier: 'ZZ', id: 'AMAZON' },
			receiver: { qualifier: 'ZZ', id: 'VENDORX' },
			controlNumber: 9,
			at: new Date('2026-12-07T12:00:00Z'),
			groups: [
				{
					functionalId: 'FA',
					senderCode: 'AMAZON',
					receiverCode: 'VENDORX',
					controlNumber: 9,
					version: '004010',
					transactionSets: [build997(group, [{ set, errors }], 1).transactionSet],
				},
			],
		});
		const results = checkAll(written);
		expect(results[0].errors).toEqual([]);
	});
});

describe('the guide check on a large set', () => {
	test('an 850 of 10,000 lines is checked in one pass, in well under three seconds (about 15 ms outside jest)', () => {
		const head = fs
			.readFileSync(path.join(__dirname, '../../fixtures/edi/850-sample.edi'), 'utf8')
			.split('~\n')
			.slice(0, 8);
		const lines: string[] = [];
		for (let i = 1; i <= 10000; i++) lines.push(`PO1*${i}*${i % 97}*EA*${i % 13}.25**VN*SKU-${i}`);
		const count = head.length - 2 + lines.length + 2;
		const text = [
			...head,
			...lines,
			`CTT*${lines.length}`,
			`SE*${count}*0001`,
			'GE*1*101',
			'IEA*1*000000101',
			'',
		].join('~\n');
		const set = readInterchange(text).groups[0].transactionSets[0];
		expect(set.problems).toEqual([]);
		const started = Date.now();
		const errors = checkTransactionSet(set, guideFor('850') as X12TransactionGuide);
		const elapsed = Date.now() - started;
		expect(errors).toEqual([]);
		expect(elapsed).toBeLessThan(3000);
	});

	test('the N1 loops of the 810 are told apart by N101; an unknown N101 is an invalid code', () => {
		const text = fs
			.readFileSync(path.join(__dirname, '../../fixtures/edi/810-sample.edi'), 'utf8')
			.replace('N1*BT**92*AMZN', 'N1*ZZ**92*AMZN');
		const interchange = readInterchange(text);
		const set = interchange.groups[0].transactionSets[0];
		const errors = checkTransactionSet(set, guideFor('810', '004010') as X12TransactionGuide);
		expect(brief(errors)).toEqual([['N1', 4, '8', 1, '7']]);
		expect(errors[0].message).toBe(
			'N1 at position 4: N101 "ZZ" is not a code the guide allows (BT)',
		);
	});
});
