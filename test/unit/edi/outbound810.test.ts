/**
 * The 810 of Build Invoice's invoice (nodes/shared/domain/edi/outbound/invoice810.ts): built by
 * buildInvoice from shipped lines at acknowledged costs, with a charge, an allowance and VAT,
 * written in an interchange, read back with our reader and node-x12; every line, the total in
 * cents, the SAC and TXI segments asserted.
 */
import { buildInvoice, type BuildInvoiceInput } from '../../../nodes/shared/domain/invoice';
import { InvalidInputError } from '../../../nodes/shared/domain/inputError';
import { write810, writeOutbound } from '../../../nodes/shared/domain/edi/outbound';
import { bodyOf, readBack } from '../../fixtures/edi-outbound/readBack';

type Json = any;

const NOW = '2026-03-12T12:00:00Z';

function input(overrides: Partial<BuildInvoiceInput> = {}): BuildInvoiceInput {
	return {
		id: 'INV-1001',
		date: '2026-03-12T09:00:00Z',
		currencyCode: 'usd',
		remitToParty: {
			partyId: 'VNDR1',
			address: {
				name: 'Vendor Inc',
				addressLine1: '5 Dock Rd',
				city: 'Sparks',
				postalCode: '89431',
				countryCode: 'us',
			},
		},
		billToParty: { partyId: 'TES1' },
		shipToParty: { partyId: 'ABCD' },
		paymentTerms: { type: 'Basic', discountPercent: '2', discountDueDays: 10, netDueDays: 60 },
		lines: [
			{
				purchaseOrderNumber: '2JK3S9VC',
				itemSequenceNumber: '1',
				amazonProductIdentifier: 'B07MUG0001',
				vendorProductIdentifier: '0036000291452',
				unitOfMeasure: 'Cases',
				unitSize: 12,
				shippedQuantity: 7,
				acknowledgedNetCost: { currencyCode: 'USD', amount: '2.50' },
			},
			{
				purchaseOrderNumber: '2JK3S9VC',
				itemSequenceNumber: '2',
				amazonProductIdentifier: 'B07TEE0002',
				vendorProductIdentifier: 'TEE-ID',
				unitOfMeasure: 'Eaches',
				unitSize: 1,
				shippedQuantity: 10,
				acknowledgedNetCost: { currencyCode: 'USD', amount: '4.00' },
			},
		],
		charges: [{ type: 'Freight', description: 'Freight', amount: '15.00' }],
		allowances: [{ type: 'Discount', amount: '5.00' }],
		...overrides,
	};
}

function invoice(overrides: Partial<BuildInvoiceInput> = {}): Json {
	const out = buildInvoice(input(overrides), { now: NOW });
	expect(out.mismatches).toEqual([]);
	return out.invoice;
}

const ENVELOPE = {
	sender: { qualifier: 'ZZ', id: 'VNDR1EDI' },
	receiver: { qualifier: 'ZZ', id: 'AMAZON' },
	groupSender: 'VNDR1EDI',
	groupReceiver: 'AMAZON',
	controlNumbers: { interchange: 31, group: 8, firstSet: 2001 },
	usage: 'P' as const,
	date: new Date('2026-03-12T12:05:00Z'),
};

const HEADING = [
	['BIG', '20260312', 'INV-1001', '', '2JK3S9VC'],
	['CUR', 'SE', 'USD'],
	['N1', 'BT', '', '92', 'TES1'],
	['N1', 'RI', 'Vendor Inc', '92', 'VNDR1'],
	['N3', '5 Dock Rd'],
	['N4', 'Sparks', '', '89431', 'US'],
	['N1', 'ST', '', '92', 'ABCD'],
	['ITD', '01', '3', '2', '', '10', '', '60'],
];

describe('810 from Build Invoice', () => {
	it('writes every line, the total in cents, the charge and the allowance, and reads back', () => {
		const inv = invoice();
		expect(inv.invoiceTotal).toEqual({ currencyCode: 'USD', amount: '260.00' });
		const { interchange, sets } = readBack(
			writeOutbound({ ...ENVELOPE, sets: [write810({ invoice: inv })] }),
		);
		expect(interchange.groups.map((g) => [g.functionalId, g.version])).toEqual([['IN', '004010']]);
		expect(sets[0][0]).toEqual(['ST', '810', '2001']);
		expect(bodyOf(sets[0])).toEqual([
			...HEADING,
			['IT1', '1', '7', 'CA', '2.50', 'PE', 'BP', 'B07MUG0001', 'VN', '0036000291452'],
			['PO4', '12'],
			['IT1', '2', '10', 'EA', '4.00', 'PE', 'BP', 'B07TEE0002', 'VN', 'TEE-ID'],
			['TDS', '26000'],
			['SAC', 'C', 'D240', '', '', '1500', '', '', '', '', '', '', '', '', '', 'Freight'],
			['SAC', 'A', 'C310', '', '', '500'],
			['CTT', '2', '17'],
		]);
	});

	it('writes the line, invoice, charge and allowance taxes as TXI with decimal amounts', () => {
		const inv = invoice({
			taxes: [{ taxType: 'VAT', taxRate: '20' }],
			charges: [{ type: 'Packing', amount: '2.50' }],
		});
		const segments = write810({ invoice: inv, purchaseOrderDate: '2026-03-01T00:00:00Z' }).segments;
		expect(segments[0]).toEqual(['BIG', '20260312', 'INV-1001', '20260301', '2JK3S9VC']);
		const tail = segments.slice(segments.findIndex((s) => s[0] === 'IT1'));
		expect(tail).toEqual([
			['IT1', 1, 7, 'CA', '2.50', 'PE', 'BP', 'B07MUG0001', 'VN', '0036000291452'],
			['TXI', 'VA', inv.items[0].taxDetails[0].taxAmount.amount, '20'],
			['PO4', 12],
			['IT1', 2, 10, 'EA', '4.00', 'PE', 'BP', 'B07TEE0002', 'VN', 'TEE-ID'],
			['TXI', 'VA', '8.00', '20'],
			['TDS', '29700'],
			['TXI', 'VA', '50.00', '20'],
			['SAC', 'C', 'F050', undefined, undefined, '250', ...Array(9).fill(undefined), 'Packing'],
			['TXI', 'VA', '0.50', '20'],
			['SAC', 'A', 'C310', undefined, undefined, '500'],
			['TXI', 'VA', '1.00', '20'],
			['CTT', 2, 17],
		]);
		// The line taxes meet the guide too (read back with node-x12 and checked).
		readBack(writeOutbound({ ...ENVELOPE, sets: [write810({ invoice: inv })] }));
		expect(inv.items[0].taxDetails[0].taxAmount.amount).toBe('42.00');
		expect(inv.invoiceTotal.amount).toBe('297.00');
		expect(inv.taxDetails[0].taxAmount.amount).toBe('50.00');
	});
});

describe('810 refusals', () => {
	it.each([
		['a credit note', (i: Json) => (i.invoiceType = 'CreditNote'), 'invoice.invoiceType'],
		[
			'two purchase orders',
			(i: Json) => (i.items[1].purchaseOrderNumber = 'OTHERPO1'),
			'invoice.items[1].purchaseOrderNumber',
		],
		[
			'a line without product ids',
			(i: Json) => {
				delete i.items[0].amazonProductIdentifier;
				delete i.items[0].vendorProductIdentifier;
			},
			'invoice.items[0]',
		],
		[
			'a total of three decimals',
			(i: Json) => (i.invoiceTotal.amount = '260.005'),
			'invoice.invoiceTotal.amount',
		],
		[
			'a cost of 16 digits',
			(i: Json) => (i.items[0].netCost.amount = '1234567890123.456'),
			'invoice.items[0].netCost.amount',
		],
		[
			'a float cost',
			(i: Json) => (i.items[0].netCost.amount = 2.5),
			'invoice.items[0].netCost.amount',
		],
		[
			'a weight-priced line',
			(i: Json) => (i.items[0].netCostUnitOfMeasure = 'POUNDS'),
			'invoice.items[0].netCostUnitOfMeasure',
		],
		['an invoice number too long', (i: Json) => (i.id = 'INV-'.padEnd(23, '9')), 'invoice.id'],
		['no bill-to party', (i: Json) => delete i.billToParty, 'invoice.billToParty'],
		['no payment terms', (i: Json) => delete i.paymentTerms, 'invoice.paymentTerms'],
		[
			'a discount without its days',
			(i: Json) => delete i.paymentTerms.discountDueDays,
			'invoice.paymentTerms.discountDueDays',
		],
		[
			'a tax with no TXI code',
			(i: Json) => (i.taxDetails = [{ taxType: 'CGST', taxAmount: { amount: '1.00' } }]),
			'invoice.taxDetails[0].taxType',
		],
	])('refuses %s, naming the field', (_what, spoil, path) => {
		const inv = invoice();
		spoil(inv);
		let error: unknown;
		try {
			write810({ invoice: inv });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).path).toBe(path);
	});
});
