/**
 * readInbound (nodes/shared/domain/edi/inbound/readInbound.ts): one interchange with an 850, an 860,
 * an 820 and a 997 group, each set mapped with the verdict build997 takes; rejected sets keep no
 * content; the guide check's place (`extraErrors`); the 997 of our own groups read back.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
	readInbound,
	type EdiPurchaseOrder,
	type InboundInterchange,
} from '../../../nodes/shared/domain/edi/inbound';
import { diffPurchaseOrders } from '../../../nodes/shared/domain/changeOrder';
import { build997, writeInterchange, X12FormatError } from '../../../nodes/shared/domain/x12';

const fixture = (name: string) =>
	readFileSync(join(__dirname, '../../fixtures/edi-inbound', name), 'utf8');

const ISA =
	'ISA*00*          *00*          *ZZ*AMAZON         *ZZ*ACMEVENDOR     *261125*1415*U*00401*000000500*0*P*>~';

/** An interchange of groups, each `[GS01, sets]`, each set `[ST01, body]` (counts computed). */
function interchangeOf(groups: Array<[string, Array<[string, string[]]>]>): string {
	const lines = [ISA];
	groups.forEach(([functionalId, sets], g) => {
		lines.push(`GS*${functionalId}*AMAZON*ACMEVENDOR*20261125*1415${g}0*${g + 1}*X*004010~`);
		sets.forEach(([id, body], s) => {
			const control = String(s + 1).padStart(4, '0');
			lines.push(`ST*${id}*${control}~`, ...body.map((b) => `${b}~`));
			lines.push(`SE*${body.length + 2}*${control}~`);
		});
		lines.push(`GE*${sets.length}*${g + 1}~`);
	});
	lines.push(`IEA*${groups.length}*000000500~`);
	return lines.join('\n');
}

/** The body of a fixture's first set. */
function bodyOf(name: string): string[] {
	const lines = fixture(name).trim().split('\n');
	const st = lines.findIndex((l) => l.startsWith('ST*'));
	const se = lines.findIndex((l) => l.startsWith('SE*'));
	return lines.slice(st + 1, se).map((l) => l.replace(/~$/, ''));
}

const BAD_850 = ['BEG*00*NE*PO9**20261123', 'PO1*1*10*LB*4.20*NT*VN*SKU-1'];
const AK_997 = [
	'AK1*PR*17',
	'AK2*855*0001',
	'AK5*A',
	'AK2*855*0002',
	'AK3*PO1*4**8',
	'AK4*2**7*XX',
	'AK5*R*5',
	'AK9*P*2*2*1',
];
const PAYMENT_820 = [
	'BPR*C*100*C*ACH************20261125',
	'TRN*1*40009999',
	'ENT*1',
	'RMR*IV*10001**100',
];

function mixed(): string {
	return interchangeOf([
		[
			'PO',
			[
				['850', bodyOf('850-cases-and-eaches.edi')],
				['850', BAD_850],
			],
		],
		['PC', [['860', bodyOf('860-change-4Z32PABC.edi')]]],
		[
			'RA',
			[
				['820', PAYMENT_820],
				['820', ['BPR*C*1O0*C*ACH', 'TRN*1*X']],
			],
		],
		['FA', [['997', AK_997]]],
		['IB', [['846', ['BIA*00*MM*1*20261125']]]],
	]);
}

const sets = (read: InboundInterchange) => read.groups.flatMap((g) => g.sets);

describe('readInbound', () => {
	it('maps each set of each group and gives the verdicts build997 takes', () => {
		const read = readInbound(mixed());
		expect(sets(read).map((s) => [s.set.id, s.document.kind, s.accepted])).toEqual([
			['850', 'purchaseOrder', true],
			['850', 'purchaseOrder', false],
			['860', 'change', true],
			['820', 'remittance', true],
			['820', 'remittance', false],
			['997', 'functionalAck', true],
			['846', 'unsupported', false],
		]);
		const acks = read.groups.map((g, i) =>
			build997(
				g.group,
				g.sets.map((s) => s.verdict),
				i + 1,
			),
		);
		const ak5 = acks.map((a) =>
			a.transactionSet.segments
				.filter((s) => s[0] === 'AK5' || s[0] === 'AK9')
				.map((s) => s.join('*')),
		);
		expect(ak5).toEqual([
			['AK5*A', 'AK5*R*5', 'AK9*P*2*2*1'],
			['AK5*A', 'AK9*A*1*1*1'],
			['AK5*A', 'AK5*R*5', 'AK9*P*2*2*1'],
			['AK5*A', 'AK9*A*1*1*1'],
			['AK5*R*1', 'AK9*R*1*1*0'],
		]);
		const text = writeInterchange({
			sender: { qualifier: 'ZZ', id: 'ACMEVENDOR' },
			receiver: { qualifier: 'ZZ', id: 'AMAZON' },
			controlNumber: 900,
			at: new Date('2026-11-25T14:20:00Z'),
			groups: [
				{
					functionalId: 'FA',
					senderCode: 'ACMEVENDOR',
					receiverCode: 'AMAZON',
					controlNumber: 900,
					version: '004010',
					transactionSets: acks.map((a) => a.transactionSet),
				},
			],
		});
		expect(text).toContain('AK3*PO1*3**8~AK4*3**7*LB~AK5*R*5~');
	});

	it('gives the 850 with its envelope, and no content for a rejected set', () => {
		const [good, bad] = readInbound(mixed()).groups[0].sets;
		expect(good.document).toMatchObject({
			kind: 'purchaseOrder',
			purchaseOrder: {
				purchaseOrderNumber: '4Z32PABC',
				edi: {
					version: '004010',
					sender: { qualifier: 'ZZ', id: 'AMAZON' },
					receiver: { qualifier: 'ZZ', id: 'ACMEVENDOR' },
					groupSender: 'AMAZON',
					groupReceiver: 'ACMEVENDOR',
					interchangeControlNumber: '000000500',
					groupControlNumber: '1',
					transactionSetControlNumber: '0001',
				},
			},
		});
		expect(bad.document).toEqual({ kind: 'purchaseOrder' });
		expect(bad.verdict.errors[0]).toMatchObject({
			segmentId: 'PO1',
			positionInSet: 3,
			element: { position: 3, code: '7', value: 'LB' },
		});
	});

	it('applies an 860 to the purchase order previousOf gives, at the instant of its group', () => {
		const previous = readInbound(fixture('850-cases-and-eaches.edi')).groups[0].sets[0].document;
		const kept = (previous as { purchaseOrder: EdiPurchaseOrder }).purchaseOrder;
		const read = readInbound(mixed(), { previousOf: (n) => (n === '4Z32PABC' ? kept : undefined) });
		const change = read.groups[1].sets[0].document;
		if (change.kind !== 'change' || !change.purchaseOrder) throw new Error('expected a change');
		expect(change.purchaseOrder.purchaseOrderChangedDate).toBe('2026-11-25T14:15:10Z');
		expect(diffPurchaseOrders(kept, change.purchaseOrder).summary).toMatchObject({
			quantityChanged: 1,
			cancelled: 1,
			added: 1,
			costChanged: 1,
		});
		expect(change.purchaseOrder.edi?.transactionSetControlNumber).toBe('0001');
		const unknown = readInbound(mixed(), { previousOf: () => undefined }).groups[1].sets[0];
		expect(unknown.accepted).toBe(false);
		expect(unknown.verdict.errors[0]).toMatchObject({
			segmentId: 'BCH',
			element: { position: 3, code: '7' },
		});
	});

	it('leaves the 860 to the caller without previousOf', () => {
		const change = readInbound(mixed()).groups[1].sets[0].document;
		expect(change).toEqual({
			kind: 'change',
			purchaseOrderNumber: '4Z32PABC',
			applyOptions: { componentSeparator: '>', changedAt: '2026-11-25T14:15:10Z' },
		});
	});

	it('reads the 820 payment and names a bad amount as the 997 does', () => {
		const [paid, bad] = readInbound(mixed()).groups[2].sets;
		expect(paid.document).toMatchObject({
			kind: 'remittance',
			payment: { paymentNumber: '40009999', paymentDate: '2026-11-25', currency: 'USD' },
		});
		expect(bad.verdict.errors).toEqual([
			expect.objectContaining({
				segmentId: 'BPR',
				positionInSet: 2,
				code: '8',
				element: { position: 2, code: '6', value: '1O0' },
			}),
		]);
	});

	it('reads a 997 of our groups', () => {
		const ack = readInbound(mixed()).groups[3].sets[0].document;
		expect(ack).toEqual({
			kind: 'functionalAck',
			functionalAck: {
				functionalId: 'PR',
				groupControlNumber: '17',
				status: 'P',
				accepted: true,
				setsIncluded: 2,
				setsReceived: 2,
				setsAccepted: 1,
				groupErrorCodes: [],
				sets: [
					{
						id: '855',
						controlNumber: '0001',
						status: 'A',
						accepted: true,
						errorCodes: [],
						segmentErrors: [],
					},
					{
						id: '855',
						controlNumber: '0002',
						status: 'R',
						accepted: false,
						errorCodes: ['5'],
						segmentErrors: [
							{
								segmentId: 'PO1',
								positionInSet: 4,
								code: '8',
								element: { position: 2, code: '7', value: 'XX' },
								message: 'PO1 at position 4 of set 0002: error code 8; element 2: error code 7',
							},
						],
					},
				],
			},
		});
	});

	it('rejects a 997 without its verdicts and a set in the wrong group', () => {
		const read = readInbound(
			interchangeOf([
				['FA', [['997', ['AK1*PR*17', 'AK2*855*0001']]]],
				['PC', [['850', bodyOf('850-cases-and-eaches.edi')]]],
			]),
		);
		expect(
			sets(read).map((s) =>
				s.verdict.errors.map((e) => [e.segmentId, e.code, e.element?.position]),
			),
		).toEqual([
			[
				['AK5', '3', undefined],
				['AK9', '3', undefined],
			],
			[['ST', '8', 1]],
		]);
	});

	it('adds the guide check through extraErrors, which rejects the set', () => {
		const error = {
			segmentId: 'CTT',
			positionInSet: 13,
			code: '8',
			message: 'CTT02: the hash total is wrong',
		};
		const read = readInbound(fixture('850-cases-and-eaches.edi'), {
			extraErrors: (set, group) => (set.id === '850' && group.functionalId === 'PO' ? [error] : []),
		});
		const [set] = read.groups[0].sets;
		expect(set.accepted).toBe(false);
		expect(set.verdict.errors).toEqual([error]);
		expect(set.document).toEqual({ kind: 'purchaseOrder' });
	});

	it('rejects a set with an envelope problem, and throws for an interchange it cannot read', () => {
		const text = fixture('850-cases-and-eaches.edi').replace('SE*13*0001', 'SE*12*0001');
		const [set] = readInbound(text).groups[0].sets;
		expect(set.accepted).toBe(false);
		expect(set.document).toEqual({ kind: 'purchaseOrder' });
		expect(build997(readInbound(text).groups[0].group, [set.verdict], 1).accepted).toEqual([]);
		expect(() => readInbound('not an interchange')).toThrow(X12FormatError);
	});
});
