/**
 * Model-valid items of Build ASN and Build Invoice for the property tests: one acknowledged purchase
 * order of 1 to 4 Eaches lines (as Acknowledge PO outputs it), a shipment of one carton per line,
 * and the options the nodes read from their parameters.
 */
import fc from 'fast-check';
import type { AsnItemOptions } from '../../../nodes/BuildAsn/options';
import type { InvoiceItemOptions } from '../../../nodes/BuildInvoice/options';
import type { Json } from '../../../nodes/shared/domain/values';

export const NOW = Date.parse('2026-03-10T12:00:00Z');
export const PO_NUMBER = 'PO100001';

export interface Line {
	ordered: number;
	shipped: number;
	/** Net cost in cents. */
	cents: number;
}

export const lines: fc.Arbitrary<Line[]> = fc.array(
	fc
		.record({ ordered: fc.integer({ min: 1, max: 40 }), cents: fc.integer({ min: 1, max: 9999 }) })
		.chain(({ ordered, cents }) =>
			fc.integer({ min: 1, max: ordered }).map((shipped) => ({ ordered, shipped, cents })),
		),
	{ minLength: 1, maxLength: 4 },
);

const cost = (cents: number) => ({ currencyCode: 'USD', amount: (cents / 100).toFixed(2) });

/** One output item of Acknowledge PO: every ordered unit accepted. */
export function acknowledgedOrder(ls: readonly Line[]): Json {
	const seq = (k: number) => String(k + 1);
	return {
		purchaseOrder: {
			purchaseOrderNumber: PO_NUMBER,
			purchaseOrderDate: '2026-03-01T00:00:00Z',
			sellingParty: { partyId: 'VEND1' },
			shipToParty: {
				partyId: 'ABE8',
				address: { name: 'Amazon ABE8', addressLine1: '1 Way', city: 'Reno', countryCode: 'US' },
			},
			billToParty: { partyId: 'AMZN' },
			items: ls.map((l, k) => ({
				itemSequenceNumber: seq(k),
				amazonProductIdentifier: `B00000000${k}`,
				orderedQuantity: { amount: l.ordered, unitOfMeasure: 'Eaches', unitSize: 1 },
				netCost: cost(l.cents),
			})),
		},
		lines: ls.map((l, k) => ({
			itemSequenceNumber: seq(k),
			status: 'mapped',
			sku: `SKU-${k}`,
			unitOfMeasure: 'Eaches',
			unitSize: 1,
			orderedAmount: l.ordered,
		})),
		acknowledgement: {
			purchaseOrderNumber: PO_NUMBER,
			items: ls.map((l, k) => ({
				itemSequenceNumber: seq(k),
				amazonProductIdentifier: `B00000000${k}`,
				netCost: cost(l.cents),
				orderedQuantity: { amount: l.ordered, unitOfMeasure: 'Eaches', unitSize: 1 },
				itemAcknowledgements: [
					{
						acknowledgementCode: 'Accepted',
						acknowledgedQuantity: { amount: l.ordered, unitOfMeasure: 'Eaches', unitSize: 1 },
					},
				],
			})),
		},
	};
}

/** A Build ASN item: the shipment (one carton per line) and the acknowledged order. */
export function asnItem(ls: readonly Line[]): Json {
	return {
		shipment: {
			shipmentIdentifier: 'SHIP-1',
			shippedDate: '2026-03-10T08:00:00Z',
			carrier: 'UPS Freight',
			proNumber: 'PRO-1',
			billOfLadingNumber: 'BOL-1',
			shipmentType: 'LTL',
			transportationMode: 'road',
			shipFromParty: { partyId: 'WH1' },
			cartons: ls.map((l, k) => ({
				id: `C${k + 1}`,
				contents: [{ sku: `SKU-${k}`, eaches: l.shipped }],
			})),
		},
		purchaseOrders: [acknowledgedOrder(ls)],
	};
}

export const asnOptions: AsnItemOptions = {
	confirmationType: 'Original',
	shipmentField: 'shipment',
	purchaseOrdersField: 'purchaseOrders',
	packing: { cartonRule: 'asGiven', eachesPacking: 'asGiven', eachesPerCarton: 0 },
	sameSkuLines: 'split',
	serials: { source: 'range', companyPrefix: '0614141', extensionDigit: 0, first: 1, count: 4 },
	requireAcknowledgement: true,
	includeBackordered: true,
	alreadyShippedField: 'alreadyShipped',
	usedSsccsField: 'usedSsccs',
	previousField: 'previousConfirmation',
	shipmentStructure: 'auto',
	quantityUnit: 'purchaseOrder',
	estimatedTransitDays: 0,
};

/** A Build Invoice item: Build ASN's output (shipped lines and the acknowledged order). */
export function invoiceItem(ls: readonly Line[]): Json {
	return {
		shipmentIdentifier: 'SHIP-1',
		shippedLines: ls.map((l, k) => ({
			purchaseOrderNumber: PO_NUMBER,
			itemSequenceNumber: String(k + 1),
			shippedQuantity: l.shipped,
		})),
		purchaseOrders: [acknowledgedOrder(ls)],
	};
}

export const invoiceOptions: InvoiceItemOptions = {
	invoiceNumber: 'INV-1',
	invoiceDate: '2026-03-10T10:00:00Z',
	purchaseOrdersField: 'purchaseOrders',
	shippedLinesField: 'shippedLines',
	alreadyInvoicedField: 'alreadyInvoiced',
	invoiceLinesField: 'invoiceLines',
	usedInvoiceNumbersField: 'usedInvoiceNumbers',
	expectedTotalField: 'expectedTotal',
	requireAcknowledgement: true,
	remitToAddress: { name: 'Vendor Inc', addressLine1: '5 Dock Rd', countryCode: 'US' },
	paymentTerms: {},
	taxes: [],
	charges: [],
	allowances: [],
	includeBillTo: true,
	resendOfFailedInvoice: false,
	quantityUnit: 'purchaseOrder',
	remember: true,
};
