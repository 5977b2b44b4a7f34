/**
 * The 855 of Acknowledge PO's result (nodes/shared/domain/edi/outbound/ack855.ts): built from a
 * purchase order mapped, allocated and acknowledged by the package's own steps, written in an
 * interchange, read back with our reader and node-x12, every line and loop asserted.
 */
import { buildAcknowledgement } from '../../../nodes/shared/domain/acknowledgement';
import { allocate } from '../../../nodes/shared/domain/allocation';
import { createMappingIndex, mapPurchaseOrder } from '../../../nodes/shared/domain/caseMapping';
import { InvalidInputError } from '../../../nodes/shared/domain/inputError';
import { normalisePurchaseOrder } from '../../../nodes/shared/domain/purchaseOrder';
import {
	write855,
	writeOutbound,
	type Write855Input,
} from '../../../nodes/shared/domain/edi/outbound';
import { bodyOf, readBack } from '../../fixtures/edi-outbound/readBack';

type Json = any;

function rawLine(
	seq: string,
	ids: Json,
	amount: number,
	unit: string,
	unitSize: number,
	cost: string,
	backorder = false,
) {
	return {
		itemSequenceNumber: seq,
		...ids,
		orderedQuantity: { amount, unitOfMeasure: unit, unitSize },
		isBackOrderAllowed: backorder,
		netCost: { currencyCode: 'USD', amount: cost },
	};
}

const RAW_PO = {
	purchaseOrderNumber: 'PO000001',
	purchaseOrderState: 'New',
	orderDetails: {
		purchaseOrderDate: '2024-05-01T08:00:00Z',
		purchaseOrderStateChangedDate: '2024-05-01T08:00:00Z',
		sellingParty: { partyId: 'VEND1' },
		shipWindow: '2024-05-06T07:00:00Z--2024-05-10T07:00:00Z',
		items: [
			rawLine(
				'1',
				{ amazonProductIdentifier: 'B0MUG00001', vendorProductIdentifier: 'V-1' },
				10,
				'Cases',
				12,
				'4.20',
			),
			rawLine(
				'2',
				{ amazonProductIdentifier: 'B0TEA00001', vendorProductIdentifier: 'V-2' },
				5,
				'Cases',
				6,
				'5.00',
				true,
			),
			rawLine(
				'3',
				{ amazonProductIdentifier: 'B0OLD00001', vendorProductIdentifier: 'V-3' },
				4,
				'Eaches',
				1,
				'1.10',
			),
			rawLine(
				'4',
				{ amazonProductIdentifier: 'B0NOPE0001', vendorProductIdentifier: 'V-4' },
				2,
				'Eaches',
				1,
				'3.00',
			),
			rawLine('5', { vendorProductIdentifier: '0036000291452' }, 6, 'Eaches', 1, '2.00'),
		],
	},
};

const INDEX = createMappingIndex([
	{ asin: 'B0MUG00001', sku: 'MUG', casePack: 12 },
	{ asin: 'B0TEA00001', sku: 'TEA', casePack: 6 },
	{ asin: 'B0OLD00001', sku: 'OLD', discontinued: true },
	{ vendorProductIdentifier: '0036000291452', sku: 'SPOON' },
]);

/** What Acknowledge PO puts on its output: the acknowledgement and the purchase order. */
function acknowledged(stock: Record<string, number>, raw: Json = RAW_PO): Write855Input {
	const purchaseOrder = normalisePurchaseOrder(raw);
	const mapped = mapPurchaseOrder(purchaseOrder, INDEX, {
		partialPo: 'continueWithRejections',
		discontinued: 'reject',
	});
	const allocation = allocate([mapped], stock, { backorder: true }).orders[0];
	const built = buildAcknowledgement(mapped, allocation, {
		now: () => new Date('2024-05-01T10:30:00Z'),
	});
	return { acknowledgement: built.acknowledgement, purchaseOrder };
}

const ENVELOPE = {
	sender: { qualifier: 'ZZ', id: 'VEND1EDI' },
	receiver: { qualifier: 'ZZ', id: 'AMAZON' },
	groupSender: 'VEND1EDI',
	groupReceiver: 'AMAZON',
	controlNumbers: { interchange: 501, group: 77, firstSet: 9001 },
	usage: 'T' as const,
	date: new Date('2024-05-01T10:31:00Z'),
};

function errorOf(run: () => unknown): InvalidInputError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidInputError);
		return error as InvalidInputError;
	}
	throw new Error('expected an InvalidInputError');
}

describe('855 from Acknowledge PO', () => {
	const input = acknowledged({ MUG: 1000, TEA: 18, OLD: 0, SPOON: 2 });
	const text = writeOutbound({ ...ENVELOPE, sets: [write855(input)] });
	const { interchange, sets } = readBack(text);

	it("is one PR group of 4010 with the caller's control numbers", () => {
		expect(interchange.header).toMatchObject({
			version: '00401',
			controlNumber: '000000501',
			usage: 'T',
		});
		expect(interchange.groups.map((g) => [g.functionalId, g.controlNumber, g.version])).toEqual([
			['PR', '77', '004010'],
		]);
		expect(sets[0][0]).toEqual(['ST', '855', '9001']);
		expect(sets[0][sets[0].length - 1]).toEqual(['SE', String(sets[0].length), '9001']);
	});

	it('writes every line, one ACK per outcome, with the reject codes and dates', () => {
		expect(bodyOf(sets[0])).toEqual([
			['BAK', '00', 'AC', 'PO000001', '20240501', '', '', '', '', '20240501'],
			['PO1', '1', '10', 'CA', '4.20', 'PE', 'BP', 'B0MUG00001'],
			['ACK', 'IA', '10', 'CA', '068', '20240506'],
			['PO1', '2', '5', 'CA', '5.00', 'PE', 'BP', 'B0TEA00001'],
			['ACK', 'IA', '3', 'CA', '068', '20240506'],
			['ACK', 'IB', '2', 'CA', '068', '20240513'],
			['PO1', '3', '4', 'EA', '1.10', 'PE', 'BP', 'B0OLD00001'],
			['ACK', 'IR', '4', 'EA'],
			['PO1', '4', '2', 'EA', '3.00', 'PE', 'BP', 'B0NOPE0001'],
			['ACK', 'IR', '2', 'EA'],
			['PO1', '5', '6', 'EA', '2.00', 'PE', 'VN', '0036000291452'],
			['ACK', 'IA', '2', 'EA', '068', '20240506'],
			['ACK', 'IR', '4', 'EA'],
			['CTT', '5', '27'],
		]);
	});

	it('says AD when every line is accepted as ordered, and 067 with a delivery date', () => {
		const raw = JSON.parse(JSON.stringify(RAW_PO));
		delete raw.orderDetails.shipWindow;
		raw.orderDetails.deliveryWindow = '2024-05-08T07:00:00Z--2024-05-12T07:00:00Z';
		raw.orderDetails.items = raw.orderDetails.items.slice(0, 2);
		const set = write855(acknowledged({ MUG: 1000, TEA: 1000 }, raw));
		expect(set.segments).toEqual([
			[
				'BAK',
				'00',
				'AD',
				'PO000001',
				'20240501',
				undefined,
				undefined,
				undefined,
				undefined,
				'20240501',
			],
			['PO1', '1', 10, 'CA', '4.20', 'PE', 'BP', 'B0MUG00001'],
			['ACK', 'IA', 10, 'CA', '067', '20240508'],
			['PO1', '2', 5, 'CA', '5.00', 'PE', 'BP', 'B0TEA00001'],
			['ACK', 'IA', 5, 'CA', '067', '20240508'],
			['CTT', 2, 15],
		]);
	});

	it("echoes the 850's own product qualifier and value when the PO line carries it", () => {
		const one = acknowledged({ MUG: 1000, TEA: 18, OLD: 0, SPOON: 2 });
		const po = one.purchaseOrder as Json;
		po.items[0].ediProduct = { qualifier: 'UP', value: '036000291452' };
		po.items[4].ediProduct = { qualifier: 'EN', value: '0036000291452' };
		const lines = write855(one).segments.filter((s) => s[0] === 'PO1');
		expect(lines.map((s) => s.slice(6))).toEqual([
			['UP', '036000291452'],
			['BP', 'B0TEA00001'],
			['BP', 'B0OLD00001'],
			['BP', 'B0NOPE0001'],
			['EN', '0036000291452'],
		]);
	});

	it('takes other reject codes when the caller gives them, and the list price as CTP LPR', () => {
		const one = acknowledged({ MUG: 1000, TEA: 18, OLD: 0, SPOON: 2 });
		(one.acknowledgement as Json).items[0].listPrice = { currencyCode: 'USD', amount: '9.99' };
		const set = write855({ ...one, rejectCodes: { InvalidProductIdentifier: 'R2' } });
		expect(set.segments[2]).toEqual(['CTP', undefined, 'LPR', '9.99']);
		expect(set.segments.filter((s) => s[0] === 'ACK').map((s) => s[1])).toEqual([
			'IA',
			'IA',
			'IB',
			'IR',
			'R2',
			'IA',
			'IR',
		]);
	});
});

describe('855 refusals: named fields, nothing written', () => {
	const fresh = () => acknowledged({ MUG: 1000, TEA: 18, OLD: 0, SPOON: 2 }) as Json;

	it.each([
		[
			'a PO number with the element separator',
			(i: Json) => {
				i.acknowledgement.purchaseOrderNumber = 'PO*1';
				i.purchaseOrder.purchaseOrderNumber = 'PO*1';
			},
			'acknowledgement.purchaseOrderNumber',
		],
		[
			'an acknowledgement of another PO',
			(i: Json) => (i.purchaseOrder.purchaseOrderNumber = 'PO2'),
			'purchaseOrder.purchaseOrderNumber',
		],
		[
			'a line without a product id',
			(i: Json) => {
				delete i.acknowledgement.items[4].vendorProductIdentifier;
			},
			'acknowledgement.items[4]',
		],
		[
			'a line not on the PO',
			(i: Json) => (i.acknowledgement.items[1].itemSequenceNumber = '9'),
			'acknowledgement.items[1].itemSequenceNumber',
		],
		[
			'a float net cost',
			(i: Json) => (i.acknowledgement.items[0].netCost.amount = 4.2),
			'acknowledgement.items[0].netCost.amount',
		],
		[
			'a weight-priced line',
			(i: Json) => (i.acknowledgement.items[0].netCost.unitOfMeasure = 'POUNDS'),
			'acknowledgement.items[0].netCost.unitOfMeasure',
		],
		[
			'an unknown rejection reason',
			(i: Json) => (i.acknowledgement.items[2].itemAcknowledgements[0].rejectionReason = 'Other'),
			'acknowledgement.items[2].itemAcknowledgements[0].rejectionReason',
		],
		[
			'a bad ship date',
			(i: Json) => (i.acknowledgement.items[0].itemAcknowledgements[0].scheduledShipDate = 'soon'),
			'acknowledgement.items[0].itemAcknowledgements[0].scheduledShipDate',
		],
		[
			'a bad ediProduct qualifier',
			(i: Json) => (i.purchaseOrder.items[0].ediProduct = { qualifier: 'XX', value: '1' }),
			'acknowledgement.items[0].ediProduct.qualifier',
		],
	])('refuses %s', (_what, spoil, path) => {
		const input = fresh();
		spoil(input);
		expect(errorOf(() => write855(input)).path).toBe(path);
	});
});
