/** fast-check arbitraries of model-valid Amazon orders and mapping tables, for the property tests. */
import fc from 'fast-check';

export const rawItem = (seq: number) =>
	fc.record({
		itemSequenceNumber: fc.constant(String(seq)),
		amazonProductIdentifier: fc.constantFrom('B000000001', 'B000000002', 'B000000003'),
		orderedQuantity: fc.oneof(
			fc.record({
				amount: fc.integer({ min: 0, max: 500 }),
				unitOfMeasure: fc.constant('Eaches'),
				unitSize: fc.constant(1),
			}),
			fc.record({
				amount: fc.integer({ min: 0, max: 50 }),
				unitOfMeasure: fc.constant('Cases'),
				unitSize: fc.integer({ min: 1, max: 24 }),
			}),
		),
		isBackOrderAllowed: fc.boolean(),
		netCost: fc.record({
			currencyCode: fc.constant('USD'),
			amount: fc.integer({ min: 1, max: 99999 }).map((c) => (c / 100).toFixed(2)),
		}),
	});

export const rawOrder = fc.integer({ min: 1, max: 6 }).chain((n) =>
	fc.record({
		purchaseOrderNumber: fc.stringMatching(/^[A-Z0-9]{8}$/),
		purchaseOrderState: fc.constant('New'),
		orderDetails: fc.record({
			purchaseOrderDate: fc.constant('2024-05-01T08:00:00Z'),
			sellingParty: fc.constant({ partyId: 'VEND1' }),
			shipWindow: fc.constant('2024-05-06T07:00:00Z--2024-05-10T07:00:00Z'),
			items: fc.tuple(...Array.from({ length: n }, (_, i) => rawItem(i + 1))),
		}),
	}),
);

/** One mapping row per ASIN of rawItem; case packs that fit some of the generated Cases lines. */
export const mappingTable = fc
	.tuple(fc.constantFrom(undefined, 6, 12), fc.constantFrom(undefined, '1.00', '500.00'))
	.map(([casePack, cost]) => [
		{ asin: 'B000000001', sku: 'SKU-1', ...(casePack ? { casePack } : {}) },
		{ asin: 'B000000002', sku: 'SKU-2', ...(cost ? { expectedUnitCost: cost } : {}) },
		{ asin: 'B000000003', sku: 'SKU-3', discontinued: false },
	]);

export const stock = fc.record({
	'SKU-1': fc.integer({ min: 0, max: 2000 }),
	'SKU-2': fc.integer({ min: 0, max: 2000 }),
	'SKU-3': fc.integer({ min: 0, max: 2000 }),
});
