/**
 * The X12 engine (nodes/shared/domain/x12): what the writer writes, the reader reads back and
 * node-x12 (an independent parser) reads the same way; the envelope checks and their 997 codes;
 * the writer's refusals; the 997 of a group.
 */
import { X12Parser } from 'node-x12';
import {
	X12FormatError,
	X12WriteError,
	build997,
	readInterchange,
	writeInterchange,
	type InterchangeInput,
} from '../../../nodes/shared/domain/x12';

const AT = new Date('2026-12-07T15:30:00Z');

function interchange(overrides: Partial<InterchangeInput> = {}): InterchangeInput {
	return {
		sender: { qualifier: 'ZZ', id: 'VENDORX' },
		receiver: { qualifier: 'ZZ', id: 'AMAZON' },
		controlNumber: 42,
		at: AT,
		groups: [
			{
				functionalId: 'PR',
				senderCode: 'VENDORX',
				receiverCode: 'AMAZON',
				controlNumber: 7,
				version: '004010',
				transactionSets: [
					{
						id: '855',
						controlNumber: 1,
						segments: [
							['BAK', '00', 'AC', 'PO12345', '20261207'],
							['PO1', '1', 24, 'EA', '4.20', undefined, 'VN', 'SKU-1'],
							['ACK', 'IA', 24, 'EA'],
							['CTT', 1],
						],
					},
					{ id: '855', controlNumber: 2, segments: [['BAK', '00', 'RD', 'PO67890', '20261207']] },
				],
			},
		],
		...overrides,
	};
}

/** The segments of a text as node-x12 reads them: [tag, ...values] per segment, envelopes included. */
function nodeX12(text: string) {
	const parsed = new X12Parser(true).parse(text) as any;
	const values = (seg: any) => [seg.tag, ...seg.elements.map((e: any) => e.value)];
	return {
		isa: values(parsed.header),
		groups: parsed.functionalGroups.map((g: any) => ({
			gs: values(g.header),
			sets: g.transactions.map((t: any) => ({
				st: values(t.header),
				body: t.segments.map(values),
				se: values(t.trailer),
			})),
			ge: values(g.trailer),
		})),
	};
}

describe('X12 writer and reader', () => {
	it('writes a fixed-width ISA, counts SE/GE/IEA itself, and reads back the same envelope', () => {
		const text = writeInterchange(interchange());
		expect(text.indexOf('~')).toBe(105);
		expect(
			text.startsWith(
				'ISA*00*          *00*          *ZZ*VENDORX        *ZZ*AMAZON         *261207*1530*U*00401*000000042*0*P*>~',
			),
		).toBe(true);
		expect(text).toContain('GS*PR*VENDORX*AMAZON*20261207*1530*7*X*004010~ST*855*0001~');
		expect(text).toContain('PO1*1*24*EA*4.20**VN*SKU-1~');
		expect(text).toContain('SE*6*0001~');
		expect(text.endsWith('GE*2*7~IEA*1*000000042~')).toBe(true);
		const read = readInterchange(text);
		expect(read.header).toMatchObject({
			sender: { qualifier: 'ZZ', id: 'VENDORX' },
			controlNumber: '000000042',
			usage: 'P',
			version: '00401',
		});
		expect(read.groups).toHaveLength(1);
		expect(read.groups[0]).toMatchObject({
			functionalId: 'PR',
			controlNumber: '7',
			version: '004010',
			problems: [],
		});
		expect(
			read.groups[0].transactionSets.map((s) => [
				s.id,
				s.controlNumber,
				s.segments.length,
				s.problems,
			]),
		).toEqual([
			['855', '0001', 6, []],
			['855', '0002', 3, []],
		]);
	});

	it('is read the same way by node-x12, an independent parser', () => {
		const text = writeInterchange(interchange(), true);
		const ours = readInterchange(text);
		const theirs = nodeX12(text);
		expect(theirs.isa.length).toBe(17);
		expect(theirs.groups[0].gs[6]).toBe(ours.groups[0].controlNumber);
		const oursSets = ours.groups[0].transactionSets.map((s) =>
			s.segments.map((seg) => seg.elements),
		);
		const theirSets = theirs.groups[0].sets.map((s: any) => [s.st, ...s.body, s.se]);
		expect(theirSets).toEqual(oursSets);
	});

	it('writes components and 5010 repetition separators, and reads other separators from the ISA', () => {
		const text = writeInterchange(
			interchange({
				version: '00501',
				separators: { element: '|', component: ':', segment: '\n', repetition: '^' },
				groups: [
					{
						functionalId: 'SH',
						senderCode: 'V',
						receiverCode: 'A',
						controlNumber: 1,
						version: '005010',
						transactionSets: [
							{
								id: '856',
								controlNumber: 1,
								segments: [
									['MAN', 'GM', '00012345678901234567'],
									['TD1', ['CTN', '25'], 1],
								],
							},
						],
					},
				],
			}),
		);
		const read = readInterchange(`\uFEFF\r\n${text}`);
		expect(read.separators).toEqual({
			element: '|',
			component: ':',
			segment: '\n',
			repetition: '^',
		});
		expect(read.header.version).toBe('00501');
		expect(read.groups[0].transactionSets[0].segments[2].elements).toEqual(['TD1', 'CTN:25', '1']);
	});

	it('drops trailing empty elements (X12 forbids them)', () => {
		const text = writeInterchange(interchange());
		expect(text).toContain('BAK*00*RD*PO67890*20261207~');
		expect(text).not.toMatch(/\*~/);
	});
});

describe('X12 envelope checks', () => {
	const good = writeInterchange(interchange());

	it('records a wrong SE count and an SE/ST mismatch on the set, with their 997 codes', () => {
		const bad = good.replace('SE*6*0001~', 'SE*5*0009~');
		const [set] = readInterchange(bad).groups[0].transactionSets;
		expect(set.problems.map((p) => [p.code, p.element])).toEqual([
			['4', 'SE01'],
			['3', 'SE02'],
		]);
		expect(set.problems[0].message).toMatch(
			/SE01 \(segments from ST to SE\) is "5" but there are 6/,
		);
	});

	it('records a wrong GE count, a GE/GS mismatch and a repeated ST02 on the group and set', () => {
		const bad = good
			.replace('GE*2*7~', 'GE*3*8~')
			.replace('ST*855*0002~', 'ST*855*0001~')
			.replace('SE*3*0002~', 'SE*3*0001~');
		const group = readInterchange(bad).groups[0];
		expect(group.problems.map((p) => p.code)).toEqual(['5', '4']);
		expect(group.transactionSets[1].problems.map((p) => p.code)).toEqual(['23']);
	});

	it('records a set without SE (trailer missing) and goes on with the next', () => {
		const bad = good.replace('CTT*1~SE*6*0001~', 'CTT*1~');
		const group = readInterchange(bad).groups[0];
		expect(group.transactionSets[0].problems.map((p) => p.code)).toEqual(['2']);
		expect(group.transactionSets[1].problems).toEqual([]);
	});

	it.each([
		['no ISA', 'GS*PR~', 1, undefined, /must start with ISA/],
		['a short ISA', 'ISA*00*~', 1, undefined, /must be 106/],
		['ISA13 not nine digits', good.replace('*000000042*', '*00000042A*'), 1, 'ISA13', /nine-digit/],
		[
			'IEA02 not ISA13',
			good.replace('IEA*1*000000042~', 'IEA*1*000000043~'),
			13,
			'IEA02',
			/does not match ISA13/,
		],
		[
			'IEA01 wrong',
			good.replace('IEA*1*', 'IEA*2*'),
			13,
			'IEA01',
			/IEA01 \(functional groups\) is "2" but there are 1/,
		],
		['no IEA', good.replace('IEA*1*000000042~', ''), 12, undefined, /no IEA trailer/],
		[
			'a segment outside a set',
			good.replace('GE*2*7~', 'REF*ZZ*X~GE*2*7~'),
			12,
			undefined,
			/REF outside a transaction set/,
		],
	])(
		'refuses an unreadable interchange (%s), naming the segment and element',
		(_w, text, segment, element, message) => {
			let error: unknown;
			try {
				readInterchange(text);
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(X12FormatError);
			expect((error as X12FormatError).segment).toBe(segment);
			expect((error as X12FormatError).element).toBe(element);
			expect((error as Error).message).toMatch(message);
		},
	);
});

describe('X12 writer refusals', () => {
	it.each([
		[
			'a value holding the element separator',
			{
				groups: [
					{
						...interchange().groups[0],
						transactionSets: [
							{ id: '855', controlNumber: 1, segments: [['BAK', '00', 'AC', 'PO*1']] },
						],
					},
				],
			},
			'groups[0].transactionSets[0].segments[0].BAK03',
		],
		[
			'a sender id longer than ISA06',
			{ sender: { qualifier: 'ZZ', id: 'A-SENDER-ID-OF-20-CH' } },
			'sender.id',
		],
		['control number 0', { controlNumber: 0 }, 'controlNumber'],
		['a ten-digit control number', { controlNumber: 1234567890 }, 'controlNumber'],
	])('refuses %s, naming the field, and writes nothing', (_w, overrides, path) => {
		let error: unknown;
		try {
			writeInterchange(interchange(overrides as Partial<InterchangeInput>));
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(X12WriteError);
		expect((error as X12WriteError).path).toBe(path);
	});
});

describe('997 of a group', () => {
	const read = (text: string) => readInterchange(text).groups[0];
	const good = writeInterchange(interchange());

	it('accepts every set of a good group (AK5 A, AK9 A) and is a valid interchange itself', () => {
		const group = read(good);
		const { transactionSet, accepted } = build997(
			group,
			group.transactionSets.map((set) => ({ set, errors: [] })),
			1,
		);
		expect(accepted).toHaveLength(2);
		expect(transactionSet.segments).toEqual([
			['AK1', 'PR', '7'],
			['AK2', '855', '0001'],
			['AK5', 'A'],
			['AK2', '855', '0002'],
			['AK5', 'A'],
			['AK9', 'A', 2, 2, 2],
		]);
		const text = writeInterchange({
			...interchange(),
			groups: [
				{
					functionalId: 'FA',
					senderCode: 'AMAZON',
					receiverCode: 'VENDORX',
					controlNumber: 9,
					version: '004010',
					transactionSets: [transactionSet],
				},
			],
		});
		expect(nodeX12(text).groups[0].sets[0].st.slice(0, 2)).toEqual(['ST', '997']);
		expect(read(text).transactionSets[0].problems).toEqual([]);
	});

	it('rejects a set with an envelope problem or a content error and accepts the other (AK9 P)', () => {
		const group = read(good.replace('SE*6*0001~', 'SE*5*0001~'));
		const second = group.transactionSets[1];
		const { transactionSet, accepted } = build997(
			group,
			[
				{ set: group.transactionSets[0], errors: [] },
				{
					set: second,
					errors: [
						{
							segmentId: 'BAK',
							positionInSet: 2,
							code: '8',
							element: { position: 2, code: '7', value: 'RD' },
							message: 'BAK02 RD is not a code of the guide',
						},
					],
				},
			],
			1,
		);
		expect(accepted).toEqual([]);
		expect(transactionSet.segments).toEqual([
			['AK1', 'PR', '7'],
			['AK2', '855', '0001'],
			['AK5', 'R', '4'],
			['AK2', '855', '0002'],
			['AK3', 'BAK', 2, undefined, '8'],
			['AK4', 2, undefined, '7', 'RD'],
			['AK5', 'R', '5'],
			['AK9', 'R', 2, 2, 0],
		]);
		const partly = build997(
			read(good),
			read(good).transactionSets.map((set, i) => ({ set, errors: [], unsupported: i === 1 })),
			1,
		);
		expect(partly.accepted.map((s) => s.controlNumber)).toEqual(['0001']);
		expect(partly.transactionSet.segments.slice(-2)).toEqual([
			['AK5', 'R', '1'],
			['AK9', 'P', 2, 2, 1],
		]);
	});

	it('rejects the whole group when its envelope is wrong: nothing of it is applied', () => {
		const group = read(good.replace('GE*2*7~', 'GE*2*8~'));
		const { transactionSet, accepted } = build997(
			group,
			group.transactionSets.map((set) => ({ set, errors: [] })),
			1,
		);
		expect(accepted).toEqual([]);
		expect(transactionSet.segments[transactionSet.segments.length - 1]).toEqual([
			'AK9',
			'R',
			2,
			2,
			0,
			'4',
		]);
	});
});
