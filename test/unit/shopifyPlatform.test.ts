/**
 * The pure Shopify request building and answer reading of the Shopify (Vendor Central) node:
 * search terms, errors and userErrors, stock batches, the snapshot after a change, shipments.
 */
import {
	afterAsn,
	buildOrderRequest,
	payloadOf,
	readStock,
	searchTerm,
	ShopifyAnswerError,
	shipmentOf,
	skuList,
	skuRequests,
	snapshotAfterChange,
	snapshotLines,
	STOCK_QUERY,
	topLevelErrors,
	userErrorsOf,
} from '../../nodes/shared/domain/platforms/shopify';

describe('Shopify GraphQL answers', () => {
	it('quotes search values and reads errors with their codes', () => {
		expect(searchTerm('po_number', 'PO "1"\\')).toBe('po_number:"PO \\"1\\"\\\\"');
		expect(
			topLevelErrors({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] }),
		).toEqual(['Throttled (THROTTLED)']);
		expect(topLevelErrors({ errors: 'Not Found' })).toEqual(['Not Found']);
		expect(topLevelErrors('html')).toEqual(['no JSON object in the answer (string)']);
		expect(
			userErrorsOf({
				userErrors: [{ field: ['order', 'lineItems'], message: 'bad', code: 'INVALID' }],
			}),
		).toEqual(['order.lineItems: bad (INVALID)']);
	});

	it('throws a ShopifyAnswerError for errors, a missing payload and userErrors of a mutation', () => {
		expect(() => payloadOf({ errors: [{ message: 'x' }] }, 'orders', 'the look-up')).toThrow(
			ShopifyAnswerError,
		);
		expect(() => payloadOf({ data: {} }, 'orders', 'the look-up')).toThrow(
			"Shopify's answer to the look-up has no orders",
		);
		const refused = { data: { orderCreate: { userErrors: [{ field: null, message: 'no' }] } } };
		expect(() => payloadOf(refused, 'orderCreate', 'the order', true)).toThrow(
			'Shopify refused the order: no',
		);
		expect(payloadOf(refused, 'orderCreate', 'the order')).toEqual(refused.data.orderCreate);
	});
});

describe('Shopify stock', () => {
	it('reads SKUs once each, in batches of 25, and counts missing SKUs as 0', () => {
		expect(skuList(' A, B ,A,, ')).toEqual(['A', 'B']);
		expect(() => skuList(42)).toThrow('SKUs must be a list');
		const skus = Array.from({ length: 30 }, (_, i) => `S${i}`);
		const requests = skuRequests(skus, STOCK_QUERY);
		expect(requests.map((r) => r.variables.first)).toEqual([50, 10]);
		expect(requests[1].variables.q).toBe(
			skus
				.slice(25)
				.map((s) => `sku:"${s}"`)
				.join(' OR '),
		);
		const body = {
			data: {
				productVariants: {
					nodes: [
						{
							id: 'gid://shopify/ProductVariant/1',
							sku: 'A',
							inventoryItem: {
								inventoryLevels: {
									nodes: [
										{
											location: { id: 'gid://shopify/Location/7', name: 'Main' },
											quantities: [{ name: 'available', quantity: -3 }],
										},
										{
											location: { id: 'gid://shopify/Location/8', name: 'East' },
											quantities: [{ name: 'available', quantity: 9 }],
										},
									],
								},
							},
						},
					],
				},
			},
		};
		expect(
			readStock([body], ['A', 'B'], { bufferEaches: 2, locations: [] }).map((r) => [
				r.sku,
				r.available,
			]),
		).toEqual([
			['A', 4],
			['B', 0],
		]);
		expect(readStock([body], ['A'], { bufferEaches: 0, locations: ['7'] })[0].available).toBe(0);
	});
});

describe('Shopify order request', () => {
	it('books accepted and backordered eaches at the net cost, without a price for weight-priced lines', () => {
		const built = buildOrderRequest(
			{
				purchaseOrderNumber: 'PO-1',
				purchaseOrder: {},
				allocation: {
					skus: [
						{ sku: 'A', acceptedEaches: 2, backorderedEaches: 1 },
						{ sku: 'B', acceptedEaches: 0, backorderedEaches: 0 },
						{ sku: 'W', acceptedEaches: 5, backorderedEaches: 0 },
					],
				},
				lines: [
					{ sku: 'A', netCost: { amount: '1.50', currencyCode: 'EUR' } },
					{ sku: 'W', netCost: { amount: '3', currencyCode: 'EUR' }, pricedByWeight: true },
				],
				backorders: [],
			},
			{
				orderTag: 't',
				namespace: 'ns',
				vendorCode: 'V9',
				variantIds: { A: 'va', W: 'vw' },
				savedAt: 'now',
			},
		);
		const order = built.orderRequest.order as any;
		expect(built.acceptedEaches).toBe(8);
		expect(order.lineItems).toEqual([
			{
				variantId: 'va',
				quantity: 3,
				priceSet: { shopMoney: { amount: '1.50', currencyCode: 'EUR' } },
			},
			{ variantId: 'vw', quantity: 5 },
		]);
		expect(order.note).toBe('Amazon PO PO-1 (vendor V9, ship to ?), acknowledgement transaction ');
		expect(order.metafields.map((m: any) => `${m.namespace}.${m.key}`)).toEqual([
			'ns.po_number',
			'ns.po_snapshot',
		]);
	});
});

describe('Shopify snapshot and shipments', () => {
	it("keeps the snapshot's lines when the plan has none, and the old transaction when the change sent none", () => {
		const previous = {
			allocation: { lines: [{ itemSequenceNumber: '1', sku: '', ordered: 3 }] },
			acknowledgementTransactionId: 'old',
		};
		expect(snapshotLines(previous)).toEqual([
			{
				itemSequenceNumber: '1',
				status: 'reject',
				sku: '',
				unitOfMeasure: undefined,
				unitSize: undefined,
				orderedAmount: 3,
			},
		]);
		const next = snapshotAfterChange({ purchaseOrder: { n: 1 } }, previous, {}, 'at');
		expect(next).toMatchObject({
			acknowledgementTransactionId: 'old',
			lastChange: { changedAt: null, orderEdited: false, transactionId: null },
		});
		expect(next.previousLines).toEqual(snapshotLines(previous));
	});

	it('names the shipment after the fulfilment and adds an ASN to the order only once', () => {
		const shipment = shipmentOf(
			{
				name: '#1001-F2',
				createdAt: 'd',
				trackingInfo: [],
				fulfillmentLineItems: { nodes: [{ quantity: 0, lineItem: { sku: 'A' } }] },
			},
			'PO-1',
			'WH1',
		);
		expect(shipment).toMatchObject({
			shipmentIdentifier: '1001-F2',
			carrier: '',
			trackingNumbers: [],
			cartons: [],
		});
		const order = {
			orderId: 'o',
			orderName: '#1001',
			purchaseOrderNumber: 'PO-1',
			snapshot: {},
			sentAsns: { f1: 'X' },
			sentInvoices: {},
			alreadyShipped: [],
			fulfilments: [],
		};
		expect(afterAsn(order, 'f1', 'Y', [{ itemSequenceNumber: '1' }])).toEqual({
			asn_ids: { f1: 'X' },
			shipped_lines: [],
		});
		expect(
			afterAsn(order, 'f2', 'Y', [
				{ purchaseOrderNumber: 'PO-1', itemSequenceNumber: '1', shippedQuantity: 2 },
			]),
		).toEqual({
			asn_ids: { f1: 'X', f2: 'Y' },
			shipped_lines: [
				{
					purchaseOrderNumber: 'PO-1',
					itemSequenceNumber: '1',
					shippedQuantity: 2,
					shipmentIdentifier: 'Y',
				},
			],
		});
	});
});
