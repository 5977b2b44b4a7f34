/**
 * The 846 inventory advice (nodes/shared/domain/edi/outbound/inventory846.ts): built from the stock
 * domain's availableToPromise figures for the Vendor Central channel (eaches, and whole cases for a
 * channel that takes cases), written in an interchange, read back with our reader and node-x12.
 */
import { availableToPromise, type ChannelFigure } from '../../../nodes/shared/domain/stock';
import { InvalidInputError } from '../../../nodes/shared/domain/inputError';
import {
	write846,
	writeOutbound,
	type InventoryAdviceItem,
	type Write846Input,
} from '../../../nodes/shared/domain/edi/outbound';
import { bodyOf, readBack } from '../../fixtures/edi-outbound/readBack';

type Json = any;

const PRODUCTS: Record<string, Partial<InventoryAdviceItem>> = {
	'SKU-MUG': { amazonProductIdentifier: 'B07MUG0001', cost: '2.50' },
	'SKU-TEE': { vendorProductIdentifier: 'TEE-ID' },
	'SKU-CUP': {},
};

function figures(wholeCases: boolean): ChannelFigure[] {
	return availableToPromise(
		[
			{ sku: 'SKU-MUG', onHand: 130, committed: 5, casePack: 12 },
			{ sku: 'SKU-TEE', onHand: 40, openPoAccepted: 10, casePack: 6 },
			{ sku: 'SKU-CUP', onHand: 3, casePack: 4 },
		],
		{ channels: [{ name: 'vendorCentral', bufferEaches: 1, wholeCases }] },
	);
}

function advice(wholeCases: boolean): Write846Input {
	return {
		location: { type: 'warehouse', code: 'WH1', name: 'Sparks warehouse' },
		reference: 'INV-2026-03-10-1',
		date: '2026-03-10T06:00:00Z',
		items: figures(wholeCases).map((f) => ({
			sku: f.sku,
			...PRODUCTS[f.sku],
			available: f.available,
			cases: f.cases,
			unit: wholeCases ? 'CA' : 'EA',
		})),
	};
}

const ENVELOPE = {
	sender: { qualifier: 'ZZ', id: 'VNDR1EDI' },
	receiver: { qualifier: 'ZZ', id: 'AMAZON' },
	groupSender: 'VNDR1EDI',
	groupReceiver: 'AMAZON',
	controlNumbers: { interchange: 40, group: 40, firstSet: 40 },
	usage: 'P' as const,
	date: new Date('2026-03-10T06:01:00Z'),
};

describe('846 from available to promise', () => {
	it('writes one LIN loop per SKU with QTY 33 in eaches, CTP NET where a cost is known', () => {
		const input = advice(false);
		expect(input.items.map((i) => i.available)).toEqual([124, 29, 2]);
		const { interchange, sets } = readBack(writeOutbound({ ...ENVELOPE, sets: [write846(input)] }));
		expect(interchange.groups.map((g) => [g.functionalId, g.version])).toEqual([['IB', '004010']]);
		expect(bodyOf(sets[0])).toEqual([
			['BIA', '00', 'MM', 'INV-2026-03-10-1', '20260310'],
			['N1', 'WH', 'Sparks warehouse', '92', 'WH1'],
			['LIN', '', 'BP', 'B07MUG0001'],
			['CTP', '', 'NET', '2.50'],
			['QTY', '33', '124', 'EA'],
			['LIN', '', 'VN', 'TEE-ID'],
			['QTY', '33', '29', 'EA'],
			['LIN', '', 'VN', 'SKU-CUP'],
			['QTY', '33', '2', 'EA'],
			['CTT', '3', '155'],
		]);
	});

	it('writes whole cases for a channel that takes cases', () => {
		const set = write846({ ...advice(true), location: { type: 'vendorCode', code: 'VNDR1' } });
		expect(set.segments.filter((s) => s[0] === 'QTY' || s[0] === 'N1')).toEqual([
			['N1', 'VN', undefined, '92', 'VNDR1'],
			['QTY', '33', 10, 'CA'],
			['QTY', '33', 4, 'CA'],
			['QTY', '33', 0, 'CA'],
		]);
	});
});

describe('846 refusals', () => {
	it.each([
		['a product without any identifier', (i: Json) => delete i.items[2].sku, 'items[2].sku'],
		[
			'cases without a case count',
			(i: Json) => ((i.items[0].unit = 'CA'), delete i.items[0].cases),
			'items[0].cases',
		],
		['a negative quantity', (i: Json) => (i.items[1].available = -1), 'items[1].available'],
		['a float cost', (i: Json) => (i.items[0].cost = 2.5), 'items[0].cost'],
		['a reference with a separator', (i: Json) => (i.reference = 'A~B'), 'reference'],
		['an unknown location type', (i: Json) => (i.location.type = 'store'), 'location.type'],
	])('refuses %s, naming the field', (_what, spoil, path) => {
		const input = advice(false) as Json;
		spoil(input);
		let error: unknown;
		try {
			write846(input);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).path).toBe(path);
	});
});

describe('writeOutbound', () => {
	it('groups sets by functional id and numbers groups and sets from the caller', () => {
		const one = write846(advice(false));
		const text = writeOutbound({ ...ENVELOPE, sets: [one, one, one] });
		const { interchange } = readBack(text);
		expect(interchange.groups).toHaveLength(1);
		expect(interchange.groups[0].transactionSets.map((s) => s.controlNumber)).toEqual([
			'0040',
			'0041',
			'0042',
		]);
	});

	it('writes one segment per line when asked, and reads the same', () => {
		const one = write846(advice(false));
		const text = writeOutbound({ ...ENVELOPE, sets: [one], lineBreaks: true });
		expect(text.split('\n')).toHaveLength(one.segments.length + 6);
		const flat = writeOutbound({ ...ENVELOPE, sets: [one] });
		expect(readBack(text).sets).toEqual(readBack(flat).sets);
	});

	it.each([
		[
			'a control number that would pass 999999999',
			{ firstSet: 999999999 },
			'controlNumbers.firstSet',
		],
		['a control number 0', { interchange: 0 }, 'controlNumbers.interchange'],
	])('refuses %s', (_what, numbers, path) => {
		let error: unknown;
		try {
			const one = write846(advice(false));
			writeOutbound({
				...ENVELOPE,
				controlNumbers: { ...ENVELOPE.controlNumbers, ...numbers },
				sets: [one, one],
			});
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).path).toBe(path);
	});

	it('refuses a set it does not know', () => {
		expect(() =>
			writeOutbound({ ...ENVELOPE, sets: [{ id: '850', controlNumber: 1, segments: [] }] }),
		).toThrow(/"850" is not an outbound set/);
	});
});
