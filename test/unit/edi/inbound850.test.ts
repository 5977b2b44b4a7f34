/**
 * The 850 read into the canonical purchase order (nodes/shared/domain/edi/inbound/po850.ts): each
 * fixture gives the same purchase order as the SP-API order of the same content normalised by the
 * trigger's normaliser, which canonical.ts, Map ASIN / Case Pack and Apply Change Order's checks
 * accept; bad sets give SegmentErrors with their 997 codes; node-x12 reads every fixture.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { X12Parser } from 'node-x12';
import {
	purchaseOrderFrom850,
	type EdiPurchaseOrder,
} from '../../../nodes/shared/domain/edi/inbound';
import { mapPurchaseOrder } from '../../../nodes/shared/domain/caseMapping/map';
import { createMappingIndex } from '../../../nodes/shared/domain/caseMapping/rows';
import { requireCanonicalOrder } from '../../../nodes/shared/domain/changeOrder/canonical';
import {
	checkCanonicalPurchaseOrder,
	normalisePurchaseOrder,
	type CanonicalPurchaseOrder,
} from '../../../nodes/shared/domain/purchaseOrder';
import { readInterchange, type X12TransactionSet } from '../../../nodes/shared/domain/x12';

const FIXTURES = join(__dirname, '../../fixtures/edi-inbound');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** The first transaction set of a fixture or text. */
function firstSet(text: string): X12TransactionSet {
	const interchange = readInterchange(text);
	expect(interchange.groups.flatMap((g) => g.problems)).toEqual([]);
	const set = interchange.groups[0].transactionSets[0];
	expect(set.problems).toEqual([]);
	return set;
}

/** The purchase order of an 850 text; fails the test when the set has errors. */
function po850(text: string): EdiPurchaseOrder {
	const read = purchaseOrderFrom850(firstSet(text));
	expect(read.errors).toBeUndefined();
	return read.purchaseOrder as EdiPurchaseOrder;
}

/** The purchase order without the two EDI additions, as the SP-API path has it. */
function withoutEdi(po: EdiPurchaseOrder): CanonicalPurchaseOrder {
	const { edi: _edi, ...rest } = po;
	return { ...rest, items: po.items.map(({ ediProduct: _pair, ...item }) => item) };
}

/** What Amazon's getPurchaseOrder returns for the order of 850-cases-and-eaches.edi. */
const SP_API_CASES_AND_EACHES = {
	payload: {
		purchaseOrderNumber: '4Z32PABC',
		purchaseOrderState: 'New',
		orderDetails: {
			purchaseOrderDate: '2026-11-23T00:00:00Z',
			purchaseOrderType: 'RegularOrder',
			shipToParty: { partyId: 'ABE8' },
			// REF*CR*ACME1: the vendor code.
			sellingParty: { partyId: 'ACME1' },
			deliveryWindow: '2026-11-30T00:00:00Z--2026-12-04T00:00:00Z',
			items: [
				{
					itemSequenceNumber: '1',
					amazonProductIdentifier: 'B0C1234567',
					vendorProductIdentifier: 'ACME-MUG-BLUE',
					orderedQuantity: { amount: 10, unitOfMeasure: 'Cases', unitSize: 12 },
					isBackOrderAllowed: true,
					netCost: { currencyCode: 'USD', amount: '4.20' },
				},
				{
					itemSequenceNumber: '2',
					vendorProductIdentifier: '0614141000029',
					orderedQuantity: { amount: 24, unitOfMeasure: 'Eaches' },
					isBackOrderAllowed: true,
					netCost: { currencyCode: 'USD', amount: '3.15' },
				},
				{
					itemSequenceNumber: '3',
					amazonProductIdentifier: 'B0C7654321',
					vendorProductIdentifier: '061414100003',
					orderedQuantity: { amount: 6, unitOfMeasure: 'Eaches' },
					isBackOrderAllowed: true,
					netCost: { currencyCode: 'USD', amount: '9.99' },
				},
			],
		},
	},
};

const SP_API_IMPORT = {
	purchaseOrderNumber: '7Q81XYZW',
	purchaseOrderState: 'New',
	orderDetails: {
		purchaseOrderDate: '2026-12-01T00:00:00Z',
		purchaseOrderType: 'RushOrder',
		importDetails: {
			methodOfPayment: 'PrepaidBySeller',
			internationalCommercialTerms: 'FreeOnBoard',
		},
		dealCode: 'DEAL-2026-12',
		shipToParty: {
			partyId: 'XDE1',
			address: {
				name: 'AMAZON.COM DEDC LLC',
				addressLine1: '1 AMAZON WAY',
				addressLine2: 'DOCK 4',
				city: 'DORTMUND',
				postalCode: '44145',
				countryCode: 'DE',
			},
		},
		billToParty: { partyId: 'AMZEU' },
		sellingParty: { partyId: 'ACME1' },
		deliveryWindow: '2026-12-15T08:00:00-05:00--2026-12-19T17:00:00-05:00',
		items: [
			{
				itemSequenceNumber: '00001',
				amazonProductIdentifier: 'B0DIMPORT1',
				vendorProductIdentifier: 'ACME-KETTLE',
				orderedQuantity: { amount: 5, unitOfMeasure: 'Cases', unitSize: 6 },
				isBackOrderAllowed: false,
				netCost: { currencyCode: 'EUR', amount: '12.5' },
			},
			{
				itemSequenceNumber: '00002',
				vendorProductIdentifier: 'ACME-BEANS-1LB',
				orderedQuantity: { amount: 40, unitOfMeasure: 'Eaches' },
				isBackOrderAllowed: false,
				netCost: { currencyCode: 'EUR', amount: '0.85', unitOfMeasure: 'POUNDS' },
			},
		],
	},
};

const failNamed = (path: string, reason: string): never => {
	throw new Error(`${path}: ${reason}`);
};

/** An 850 interchange around the given body segments (counts computed). */
function interchange850(body: string[], id = '850', functionalId = 'PO'): string {
	const isa =
		'ISA*00*          *00*          *ZZ*AMAZON         *ZZ*ACMEVENDOR     *261123*0912*U*00401*000000099*0*P*>~';
	return [
		isa,
		`GS*${functionalId}*AMAZON*ACMEVENDOR*20261123*0912*99*X*004010~`,
		`ST*${id}*0001~`,
		...body.map((s) => `${s}~`),
		`SE*${body.length + 2}*0001~`,
		'GE*1*99~',
		'IEA*1*000000099~',
	].join('\n');
}

const GOOD_BODY = [
	'BEG*00*NE*PO1234**20261123',
	'CSH*N',
	'N1*ST**92*ABE8',
	'PO1*1*10*CA*4.20*NT*VN*SKU-1',
	'PO4*12',
	'CTT*1',
];

describe('850 -> canonical purchase order', () => {
	it.each([
		['850-cases-and-eaches.edi', SP_API_CASES_AND_EACHES],
		['850-import-two-lines.edi', SP_API_IMPORT],
	])('%s equals the SP-API order of the same content, normalised', (name, spApi) => {
		const po = po850(fixture(name));
		expect(withoutEdi(po)).toEqual(normalisePurchaseOrder(spApi));
		expect(() => checkCanonicalPurchaseOrder(po, failNamed)).not.toThrow();
		expect(() => requireCanonicalOrder(po, 'current')).not.toThrow();
	});

	it('keeps the first PO1 identifier pair as ediProduct and the money as decimal strings', () => {
		const po = po850(fixture('850-cases-and-eaches.edi'));
		expect(po.items.map((i) => i.ediProduct)).toEqual([
			{ qualifier: 'VN', value: 'ACME-MUG-BLUE' },
			{ qualifier: 'EN', value: '0614141000029' },
			{ qualifier: 'BP', value: 'B0C7654321' },
		]);
		expect(po.items.map((i) => [i.orderedEaches, i.netCost?.amount])).toEqual([
			[120, '4.20'],
			[24, '3.15'],
			[6, '9.99'],
		]);
		expect(po.warnings).toEqual([]);
		expect(po.edi).toBeUndefined();
	});

	it('is taken by Map ASIN / Case Pack unchanged', () => {
		const po = po850(fixture('850-cases-and-eaches.edi'));
		const index = createMappingIndex([
			{ asin: 'B0C1234567', sku: 'MUG-BLUE', casePack: 12 },
			{ vendorProductIdentifier: '0614141000029', sku: 'SPOON' },
			{ asin: 'B0C7654321', sku: 'BOWL' },
		]);
		const mapped = mapPurchaseOrder(po, index);
		expect(mapped.route).toBe('mapped');
		expect(mapped.lines.map((l) => [l.sku, l.orderedEaches])).toEqual([
			['MUG-BLUE', 120],
			['SPOON', 24],
			['BOWL', 6],
		]);
	});

	it('writes the envelope as edi when the caller gives it', () => {
		const envelope = {
			version: '004010',
			sender: { qualifier: 'ZZ', id: 'AMAZON' },
			receiver: { qualifier: 'ZZ', id: 'ACMEVENDOR' },
			groupSender: 'AMAZON',
			groupReceiver: 'ACMEVENDOR',
			interchangeControlNumber: '000004711',
			groupControlNumber: '4711',
			transactionSetControlNumber: '0001',
		};
		const set = firstSet(fixture('850-cases-and-eaches.edi'));
		expect(purchaseOrderFrom850(set, { envelope }).purchaseOrder?.edi).toEqual(envelope);
	});

	it('reads a line without unit price, a time code, a duplicate BEG01 and a warning of the normaliser', () => {
		const text = interchange850([
			'BEG*07*ZZ*PO1234**20261123',
			'DTM*064*20261130*0700*UT',
			'N1*ST**92*ABE8',
			'PO1*1*3*EA***UP*061414100003',
		]);
		const po = po850(text);
		expect(po.purchaseOrderType).toBeUndefined();
		expect(po.deliveryWindow).toEqual({
			start: '2026-11-30T07:00:00Z',
			end: '2026-11-30T07:00:00Z',
			raw: '2026-11-30T07:00:00Z--2026-11-30T07:00:00Z',
		});
		expect(po.items[0]).toEqual({
			itemSequenceNumber: '1',
			vendorProductIdentifier: '061414100003',
			orderedQuantity: { amount: 3, unitOfMeasure: 'Eaches', unitSize: 1 },
			orderedEaches: 3,
			isBackOrderAllowed: false,
			ediProduct: { qualifier: 'UP', value: '061414100003' },
		});
		expect(po.warnings).toEqual([
			'orderDetails.purchaseOrderType: must be one of: RegularOrder, ConsignedOrder, ' +
				'NewProductIntroduction, RushOrder (got "ZZ"): left out',
			'orderDetails.items[0].isBackOrderAllowed: missing: read as false',
		]);
	});
});

describe('850 sets that do not fit the mapping', () => {
	const errorsOf = (body: string[]) => {
		const read = purchaseOrderFrom850(firstSet(interchange850(body)));
		expect(read.purchaseOrder).toBeUndefined();
		return read.errors ?? [];
	};
	const replace = (from: string, to: string | undefined) =>
		to === undefined
			? GOOD_BODY.filter((s) => s !== from)
			: GOOD_BODY.map((s) => (s === from ? to : s));

	it('accepts the good body', () => {
		expect(purchaseOrderFrom850(firstSet(interchange850(GOOD_BODY))).errors).toBeUndefined();
	});

	it.each([
		['a PO1 without quantity', 'PO1*1**CA*4.20*NT*VN*SKU-1', 'PO1', 5, { position: 2, code: '1' }],
		[
			'a quantity that is not whole',
			'PO1*1*2.5*CA*4.20*NT*VN*SKU-1',
			'PO1',
			5,
			{ position: 2, code: '6', value: '2.5' },
		],
		[
			'an unknown unit',
			'PO1*1*10*LB*4.20*NT*VN*SKU-1',
			'PO1',
			5,
			{ position: 3, code: '7', value: 'LB' },
		],
		[
			'a price that is not a decimal',
			'PO1*1*10*CA*4,20*NT*VN*SKU-1',
			'PO1',
			5,
			{ position: 4, code: '6', value: '4,20' },
		],
		[
			'a line without its number',
			'PO1**10*CA*4.20*NT*VN*SKU-1',
			'PO1',
			5,
			{ position: 1, code: '1' },
		],
		[
			'a date that is not a date',
			'BEG*00*NE*PO1234**20261131',
			'BEG',
			2,
			{ position: 5, code: '8', value: '20261131' },
		],
		['no purchase order number', 'BEG*00*NE***20261123', 'BEG', 2, { position: 3, code: '1' }],
		[
			'a cancellation in an 850',
			'BEG*01*NE*PO1234**20261123',
			'BEG',
			2,
			{ position: 1, code: '7', value: '01' },
		],
	])('%s', (_what, bad, segmentId, positionInSet, element) => {
		const from = GOOD_BODY.find((s) => s.startsWith(bad.slice(0, 3))) as string;
		const errors = errorsOf(replace(from, bad));
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ segmentId, positionInSet, code: '8', element });
		expect(errors[0].message).toContain(`${segmentId}0${element.position}`);
	});

	it('names a Cases line without PO4, a currency that is not one, a bad DTM and a repeated line number', () => {
		const errors = errorsOf([
			'BEG*00*NE*PO1234**20261123',
			'CUR*BY*dollars',
			'DTM*064*20261130*2500',
			'DTM*063*20261204*0800*XX',
			'PO1*1*10*CA*4.20*NT*VN*SKU-1',
			'PO1*1*2*EA*1.00*NT*VN*SKU-2',
		]);
		expect(
			errors.map((e) => [
				e.segmentId,
				e.positionInSet,
				e.code,
				e.element?.position,
				e.element?.code,
			]),
		).toEqual([
			['CUR', 3, '8', 2, '7'],
			['DTM', 4, '8', 3, '9'],
			['DTM', 5, '8', 4, '7'],
			['PO4', 6, '3', undefined, undefined],
			['PO1', 7, '8', 1, '7'],
		]);
	});

	it('names a set without BEG or without lines', () => {
		expect(errorsOf(['CSH*N']).map((e) => [e.segmentId, e.code])).toEqual([
			['PO1', '3'],
			['BEG', '3'],
		]);
	});
});

describe('node-x12 reads every fixture', () => {
	it.each([
		'850-cases-and-eaches.edi',
		'850-import-two-lines.edi',
		'860-change-4Z32PABC.edi',
		'860-cancel-4Z32PABC.edi',
	])('%s', (name) => {
		const text = fixture(name);
		const parsed = new X12Parser(true).parse(text) as any;
		const ours = readInterchange(text);
		const theirs = parsed.functionalGroups.flatMap((g: any) => g.transactions);
		const sets = ours.groups.flatMap((g) => g.transactionSets);
		expect(theirs).toHaveLength(sets.length);
		theirs.forEach((t: any, i: number) => {
			const body = t.segments.map((s: any) => [s.tag, ...s.elements.map((e: any) => e.value)]);
			expect(body).toEqual(sets[i].segments.slice(1, -1).map((s) => s.elements));
		});
	});
});
