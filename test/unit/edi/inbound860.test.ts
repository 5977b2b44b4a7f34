/**
 * The 860 applied to the kept purchase order (nodes/shared/domain/edi/inbound/change860.ts): the
 * changed purchase order is canonical and Apply Change Order's diff reads exactly the 860's changes;
 * a cancellation cancels every line; bad sets give SegmentErrors with their 997 codes.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
	applyChange860,
	purchaseOrderFrom850,
	type EdiPurchaseOrder,
} from '../../../nodes/shared/domain/edi/inbound';
import { diffPurchaseOrders } from '../../../nodes/shared/domain/changeOrder';
import { ChangeOrderInputError } from '../../../nodes/shared/domain/changeOrder/errors';
import { checkCanonicalPurchaseOrder } from '../../../nodes/shared/domain/purchaseOrder';
import { readInterchange, type X12TransactionSet } from '../../../nodes/shared/domain/x12';

const fixture = (name: string) =>
	readFileSync(join(__dirname, '../../fixtures/edi-inbound', name), 'utf8');

function firstSet(text: string): X12TransactionSet {
	const set = readInterchange(text).groups[0].transactionSets[0];
	expect(set.problems).toEqual([]);
	return set;
}

function previousPo(): EdiPurchaseOrder {
	const read = purchaseOrderFrom850(firstSet(fixture('850-cases-and-eaches.edi')));
	return read.purchaseOrder as EdiPurchaseOrder;
}

function changed(text: string, options = {}): EdiPurchaseOrder {
	const read = applyChange860(previousPo(), firstSet(text), options);
	expect(read.errors).toBeUndefined();
	return read.purchaseOrder as EdiPurchaseOrder;
}

/** An 860 interchange around the given body segments (counts computed). */
function interchange860(body: string[]): string {
	const isa =
		'ISA*00*          *00*          *ZZ*AMAZON         *ZZ*ACMEVENDOR     *261125*1415*U*00401*000000098*0*P*>~';
	return [
		isa,
		'GS*PC*AMAZON*ACMEVENDOR*20261125*1415*98*X*004010~',
		'ST*860*0001~',
		...body.map((s) => `${s}~`),
		`SE*${body.length + 2}*0001~`,
		'GE*1*98~',
		'IEA*1*000000098~',
	].join('\n');
}

const BCH = 'BCH*04*NE*4Z32PABC***20261123****20261125';

const fail = (path: string, reason: string): never => {
	throw new Error(`${path}: ${reason}`);
};

describe('860 -> the changed purchase order', () => {
	it('is the previous purchase order with the changes applied, and the diff reads them', () => {
		const previous = previousPo();
		const before = JSON.stringify(previous);
		const current = changed(fixture('860-change-4Z32PABC.edi'));
		expect(JSON.stringify(previous)).toBe(before);
		expect(() => checkCanonicalPurchaseOrder(current, fail)).not.toThrow();
		expect(current.purchaseOrderChangedDate).toBe('2026-11-25T00:00:00Z');
		const diff = diffPurchaseOrders(previous, current);
		expect(diff.lines.map((l) => [l.itemSequenceNumber, l.kinds, l.deltaEaches])).toEqual([
			['1', ['quantityChanged'], -24],
			['2', ['cancelled'], -24],
			['3', ['costChanged'], 0],
			['4', ['added'], 6],
		]);
		expect(diff.lines[2].currentNetCost).toEqual({ currencyCode: 'USD', amount: '9.49' });
		expect(diff.header.map((h) => h.message)).toEqual([
			'deliveryWindow: 2026-11-30T00:00:00Z--2026-12-04T00:00:00Z -> ' +
				'2026-12-01T00:00:00Z--2026-12-05T00:00:00Z',
		]);
		expect(current.items[3]).toEqual({
			itemSequenceNumber: '4',
			amazonProductIdentifier: 'B0CADDED01',
			vendorProductIdentifier: 'ACME-SPOON',
			orderedQuantity: { amount: 6, unitOfMeasure: 'Eaches', unitSize: 1 },
			orderedEaches: 6,
			isBackOrderAllowed: true,
			netCost: { currencyCode: 'USD', amount: '2.50' },
			ediProduct: { qualifier: 'BP', value: 'B0CADDED01' },
		});
		expect(current.items[0].ediProduct).toEqual({ qualifier: 'VN', value: 'ACME-MUG-BLUE' });
	});

	it('takes the instant of the group when the caller gives it', () => {
		const current = changed(fixture('860-change-4Z32PABC.edi'), {
			changedAt: '2026-11-25T14:15:00Z',
		});
		expect(current.purchaseOrderChangedDate).toBe('2026-11-25T14:15:00Z');
	});

	it('cancels every line for BCH01 01', () => {
		const previous = previousPo();
		const current = changed(fixture('860-cancel-4Z32PABC.edi'));
		const diff = diffPurchaseOrders(previous, current);
		expect(diff.summary).toMatchObject({ cancelled: 3, quantityChanged: 0, headerChanged: 0 });
		expect(current.items.map((i) => i.orderedEaches)).toEqual([0, 0, 0]);
	});

	it('changes the ship-to, a unit to cases with PO4, and a line number written with zeros', () => {
		const current = changed(
			interchange860([
				BCH,
				'N1*ST**92*XDE1',
				'POC*00002*QI*3*0*CA',
				'PO4*12',
				'POC*3*CA*7*0*EA*9.99*NT*BP*B0C7654321*VN*BOWL-2',
			]),
		);
		const diff = diffPurchaseOrders(previousPo(), current);
		expect(diff.lines.map((l) => [l.itemSequenceNumber, l.kinds, l.deltaEaches])).toEqual([
			['2', ['quantityChanged'], 12],
			['3', ['productChanged', 'quantityChanged'], 1],
		]);
		expect(diff.header.map((h) => h.field)).toEqual(['shipToParty']);
		expect(current.items[1].orderedQuantity).toEqual({
			amount: 3,
			unitOfMeasure: 'Cases',
			unitSize: 12,
		});
		expect(current.items[2].ediProduct).toEqual({ qualifier: 'BP', value: 'B0C7654321' });
	});
});

describe('860 sets that cannot be applied', () => {
	const errorsOf = (body: string[]) => {
		const read = applyChange860(previousPo(), firstSet(interchange860(body)));
		expect(read.purchaseOrder).toBeUndefined();
		return (read.errors ?? []).map((e) => [
			e.segmentId,
			e.positionInSet,
			e.code,
			e.element?.position,
			e.element?.code,
		]);
	};

	it.each([
		['a line not on the order', ['POC*9*QD*1*0*EA'], [['POC', 3, '8', 1, '7']]],
		['an added line that is', ['POC*1*AI*1*0*EA*1.00**BP*B0X'], [['POC', 3, '8', 1, '7']]],
		['an unknown change code', ['POC*1*XX*1*0*EA'], [['POC', 3, '8', 2, '7']]],
		['QD that increases', ['POC*1*QD*11*0*CA'], [['POC', 3, '8', 2, '7']]],
		['QI that decreases', ['POC*2*QI*20*0*EA'], [['POC', 3, '8', 2, '7']]],
		['a price change without price', ['POC*3*PC*6*0*EA'], [['POC', 3, '8', 6, '1']]],
		['a quantity that is not whole', ['POC*2*QD*1.5*0*EA'], [['POC', 3, '8', 3, '6']]],
		['an unknown unit', ['POC*2*QD*1*0*LB'], [['POC', 3, '8', 5, '7']]],
		[
			'a unit changed to cases without PO4',
			['POC*2*QI*3*0*CA'],
			[['PO4', 3, '3', undefined, undefined]],
		],
		['an added line without product', ['POC*5*AI*1*0*EA*1.00'], [['POC', 3, '8', 8, '1']]],
	])('%s', (_what, pocs, expected) => {
		expect(errorsOf([BCH, ...pocs])).toEqual(expected);
	});

	it('names a change for another purchase order, a bad purpose and a missing BCH', () => {
		expect(errorsOf(['BCH*05*NE*OTHERPO***20261123****20261125'])).toEqual([
			['BCH', 2, '8', 1, '7'],
			['BCH', 2, '8', 3, '7'],
		]);
		expect(errorsOf(['POC*1*QD*8*0*CA'])).toEqual([['BCH', 1, '3', undefined, undefined]]);
	});

	it('refuses a previous purchase order that is not canonical with a named error', () => {
		const set = firstSet(fixture('860-change-4Z32PABC.edi'));
		const bad = { ...previousPo(), items: [{ itemSequenceNumber: '1' }] } as never;
		expect(() => applyChange860(bad, set)).toThrow(ChangeOrderInputError);
	});
});
