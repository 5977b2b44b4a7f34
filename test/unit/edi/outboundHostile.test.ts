/**
 * Every outbound writer, on a valid input with one value replaced by a hostile one (fast-check),
 * either writes an interchange that both our reader and node-x12 read, or throws a named
 * InvalidInputError with a field path: never a TypeError, never half a document.
 */
import fc from 'fast-check';
import {
	write810,
	write846,
	write855,
	write856,
	writeOutbound,
	type WriteOutboundInput,
} from '../../../nodes/shared/domain/edi/outbound';
import { readInterchange } from '../../../nodes/shared/domain/x12';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';

type Json = any;

const ENVELOPE: Omit<WriteOutboundInput, 'sets'> = {
	sender: { qualifier: 'ZZ', id: 'VNDR1EDI' },
	receiver: { qualifier: 'ZZ', id: 'AMAZON' },
	groupSender: 'VNDR1EDI',
	groupReceiver: 'AMAZON',
	controlNumbers: { interchange: 1, group: 1, firstSet: 1 },
	usage: 'T',
	date: new Date('2026-03-10T12:00:00Z'),
};

const ACK: Json = {
	acknowledgement: {
		purchaseOrderNumber: 'PO1',
		acknowledgementDate: '2026-03-10T10:00:00Z',
		items: [
			{
				itemSequenceNumber: '1',
				amazonProductIdentifier: 'B0MUG00001',
				orderedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 6 },
				netCost: { currencyCode: 'USD', amount: '4.20' },
				itemAcknowledgements: [
					{
						acknowledgementCode: 'Accepted',
						acknowledgedQuantity: { amount: 2, unitOfMeasure: 'Cases' },
						scheduledShipDate: '2026-03-12T07:00:00Z',
					},
					{
						acknowledgementCode: 'Rejected',
						acknowledgedQuantity: { amount: 1, unitOfMeasure: 'Cases' },
						rejectionReason: 'TemporarilyUnavailable',
					},
				],
			},
		],
	},
	purchaseOrder: {
		purchaseOrderNumber: 'PO1',
		purchaseOrderDate: '2026-03-09T10:00:00Z',
		items: [{ itemSequenceNumber: '1' }],
	},
};

const SSCC = '00106141411928374657';
const ASN: Json = {
	confirmation: {
		shipmentIdentifier: 'SHIP-1',
		shipmentConfirmationType: 'Original',
		shipmentConfirmationDate: '2026-03-10T12:00:00Z',
		shippedDate: '2026-03-10T08:00:00Z',
		estimatedDeliveryDate: '2026-03-12T08:00:00Z',
		transportationDetails: {
			carrierScac: 'UPGF',
			transportationMode: 'Road',
			billOfLadingNumber: 'BOL1',
		},
		sellingParty: { partyId: 'VNDR1' },
		shipFromParty: {
			partyId: 'WH1',
			address: { name: 'W', addressLine1: '1 Rd', countryCode: 'US' },
		},
		shipToParty: { partyId: 'ABCD' },
		shipmentMeasurements: { grossShipmentWeight: { unitOfMeasure: 'Kg', value: '10' } },
		shippedItems: [
			{
				itemSequenceNumber: '001',
				amazonProductIdentifier: 'B0MUG00001',
				shippedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 6 },
				itemDetails: { purchaseOrderNumber: 'PO1' },
			},
		],
		cartons: [
			{
				cartonIdentifiers: [
					{ containerIdentificationType: 'SSCC', containerIdentificationNumber: SSCC },
				],
				cartonSequenceNumber: '001',
				items: [
					{
						itemReference: '001',
						shippedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 6 },
					},
				],
			},
		],
	},
};

const INVOICE: Json = {
	invoice: {
		invoiceType: 'Invoice',
		id: 'INV-1',
		date: '2026-03-12T09:00:00Z',
		remitToParty: { partyId: 'VNDR1' },
		billToParty: { partyId: 'TES1' },
		paymentTerms: { type: 'Basic', netDueDays: 60 },
		invoiceTotal: { currencyCode: 'USD', amount: '50.40' },
		taxDetails: [
			{ taxType: 'VAT', taxRate: '20', taxAmount: { currencyCode: 'USD', amount: '8.40' } },
		],
		chargeDetails: [{ type: 'Freight', chargeAmount: { currencyCode: 'USD', amount: '0.00' } }],
		items: [
			{
				itemSequenceNumber: 1,
				amazonProductIdentifier: 'B0MUG00001',
				invoicedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 6 },
				netCost: { currencyCode: 'USD', amount: '3.50' },
				purchaseOrderNumber: 'PO1',
			},
		],
	},
};

const STOCK: Json = {
	location: { type: 'warehouse', code: 'WH1' },
	reference: 'R1',
	date: '2026-03-10',
	items: [
		{
			sku: 'MUG',
			amazonProductIdentifier: 'B0MUG00001',
			available: 12,
			cases: 2,
			unit: 'CA',
			cost: '3.50',
		},
	],
};

const WRITERS: Array<[string, Json, (input: Json) => unknown]> = [
	['855', ACK, write855],
	['856', ASN, write856],
	['810', INVOICE, write810],
	['846', STOCK, write846],
];

describe.each(WRITERS)('the %s writer on hostile input', (_id, valid, write) => {
	it('writes a readable interchange or throws a named error', () => {
		fc.assert(
			fc.property(fc.integer(), hostileValue, (pick, value) => {
				const input = corruptAt(valid, pick, value);
				const outcome = resultOrNamedError(() =>
					writeOutbound({ ...ENVELOPE, sets: [write(input) as any] }),
				);
				if (outcome.ok) expect(readInterchange(outcome.value as string).groups).toHaveLength(1);
			}),
			{ numRuns: 300 },
		);
	});
});

describe('writeOutbound on hostile input', () => {
	it('refuses hostile envelopes and sets with a named error', () => {
		const valid = { ...ENVELOPE, date: undefined, sets: [write846(STOCK)] };
		fc.assert(
			fc.property(fc.integer(), hostileValue, (pick, value) => {
				const input = corruptAt(valid, pick, value) as Json;
				input.date = ENVELOPE.date;
				const outcome = resultOrNamedError(() => writeOutbound(input));
				if (outcome.ok) expect(readInterchange(outcome.value as string).groups).toHaveLength(1);
			}),
			{ numRuns: 300 },
		);
	});
});
