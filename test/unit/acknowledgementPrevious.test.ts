import {
	acknowledgementToKeep,
	PreviousAcknowledgementError,
	readKeptAcknowledgement,
	readPreviousAcknowledgement,
} from '../../nodes/shared/domain/acknowledgement/previous';
import type { OrderAcknowledgement } from '../../nodes/shared/generated/vendorOrders';

function ack(po: string, lines: Array<[string, string, number]>): OrderAcknowledgement {
	return {
		purchaseOrderNumber: po,
		sellingParty: { partyId: 'VEND1' },
		acknowledgementDate: '2026-12-01T10:00:00Z',
		items: lines.map(([itemSequenceNumber, acknowledgementCode, amount]) => ({
			itemSequenceNumber,
			orderedQuantity: { amount, unitOfMeasure: 'Eaches', unitSize: 1 },
			itemAcknowledgements: [
				{
					acknowledgementCode: acknowledgementCode as 'Accepted',
					acknowledgedQuantity: { amount, unitOfMeasure: 'Eaches', unitSize: 1 },
				},
			],
		})),
	};
}

const caught = (fn: () => unknown): PreviousAcknowledgementError => {
	try {
		fn();
	} catch (error) {
		return error as PreviousAcknowledgementError;
	}
	throw new Error('expected an error');
};

describe('the previous acknowledgement, wherever the workflow kept it', () => {
	const kept = ack('PO1', [
		['1', 'Accepted', 6],
		['2', 'Rejected', 3],
	]);

	it('reads an acknowledgement as it is, inside an item, as JSON text, or in a submit body', () => {
		expect(readKeptAcknowledgement(kept, 'ack', 'PO1')).toBe(kept);
		expect(readKeptAcknowledgement({ acknowledgementToKeep: kept }, 'ack', 'PO1')).toEqual(kept);
		expect(
			readKeptAcknowledgement({ acknowledgement: JSON.stringify(kept) }, 'ack', 'PO1'),
		).toEqual(kept);
		expect(readKeptAcknowledgement(JSON.stringify(kept), 'ack', 'PO1')).toEqual(kept);
		const other = ack('PO2', [['1', 'Accepted', 1]]);
		expect(readKeptAcknowledgement({ acknowledgements: [other, kept] }, 'ack', 'PO1')).toEqual(
			kept,
		);
	});

	it('reads nothing from an empty value', () => {
		for (const empty of [undefined, null, '', '  '])
			expect(readKeptAcknowledgement(empty, 'ack', 'PO1')).toBeUndefined();
		expect(readPreviousAcknowledgement(undefined, 'ack', 'PO1')).toBeUndefined();
	});

	it('refuses another purchase order, a submit body without this one, and malformed lines, naming the field', () => {
		const wrongPo = caught(() => readKeptAcknowledgement(kept, 'ack', 'PO9', 3));
		expect(wrongPo).toBeInstanceOf(PreviousAcknowledgementError);
		expect(wrongPo.message).toBe(
			'The field "ack" is not a previous acknowledgement: it is for PO PO1, not PO9',
		);
		expect(wrongPo).toMatchObject({ path: 'ack.purchaseOrderNumber', itemIndex: 3 });

		const others = { acknowledgements: [ack('PO2', []), ack('PO3', [])] };
		expect(caught(() => readKeptAcknowledgement(others, 'ack', 'PO1')).message).toContain(
			'it holds no acknowledgement of PO PO1',
		);

		const badAmount = structuredClone(kept);
		(
			badAmount.items[1].itemAcknowledgements[0].acknowledgedQuantity as { amount: unknown }
		).amount = '3';
		expect(caught(() => readKeptAcknowledgement(badAmount, 'ack', 'PO1'))).toMatchObject({
			path: 'ack.items[1].itemAcknowledgements[0].acknowledgedQuantity.amount',
		});

		const badCode = structuredClone(kept);
		(
			badCode.items[0].itemAcknowledgements[0] as { acknowledgementCode: string }
		).acknowledgementCode = 'Maybe';
		expect(caught(() => readKeptAcknowledgement(badCode, 'ack', 'PO1')).message).toContain(
			'items[0].itemAcknowledgements[0].acknowledgementCode must be Accepted, Backordered or Rejected',
		);
		expect(caught(() => readKeptAcknowledgement(42, 'ack', 'PO1')).message).toContain(
			'it must be an object (got 42)',
		);
	});

	it('Apply Change Order needs a whole acknowledgement: the codes map is refused there', () => {
		expect(caught(() => readKeptAcknowledgement({ 1: 'Accepted' }, 'ack', 'PO1')).path).toBe(
			'ack.purchaseOrderNumber',
		);
	});

	it('Acknowledge PO also takes the codes sent per line, and checks each code', () => {
		const codes = { '1': 'Accepted', '2': ['Accepted', 'Rejected'] };
		expect(readPreviousAcknowledgement(codes, 'ack', 'PO1')).toEqual(codes);
		expect(readPreviousAcknowledgement(JSON.stringify(codes), 'ack', 'PO1')).toEqual(codes);
		expect(readPreviousAcknowledgement({ acknowledgementToKeep: kept }, 'ack', 'PO1')).toEqual(
			kept,
		);
		const bad = caught(() =>
			readPreviousAcknowledgement({ '2': ['Accepted', 'Yes'] }, 'ack', 'PO1'),
		);
		expect(bad).toMatchObject({ path: 'ack.2[1]' });
		expect(bad.message).toContain('line 2 must be Accepted, Backordered or Rejected (got "Yes")');
	});
});

describe('what Amazon holds once a re-acknowledgement is sent', () => {
	it('replaces the re-acknowledged lines ("1" and "00001" are one line) and adds new ones', () => {
		const previous = ack('PO1', [
			['00001', 'Accepted', 6],
			['00002', 'Accepted', 3],
		]);
		const next = {
			...ack('PO1', [
				['1', 'Rejected', 6],
				['3', 'Accepted', 2],
			]),
			acknowledgementDate: 'later',
		};
		const kept = acknowledgementToKeep(previous, next)!;
		expect(kept.acknowledgementDate).toBe('later');
		expect(
			kept.items.map((i) => [i.itemSequenceNumber, i.itemAcknowledgements[0].acknowledgementCode]),
		).toEqual([
			['1', 'Rejected'],
			['00002', 'Accepted'],
			['3', 'Accepted'],
		]);
		expect(acknowledgementToKeep(previous, undefined)).toBe(previous);
		expect(acknowledgementToKeep(undefined, next)).toBe(next);
		expect(acknowledgementToKeep(undefined, undefined)).toBeNull();
	});
});
