import { loadAmazonFixtureOrders, normaliseFixtureOrder } from '../amazon/fixtures';
import { ModelValidator, validateModelBody } from '../amazon/modelValidator';
import { startTestSandbox, type TestSandbox } from './helpers';

const validator = new ModelValidator();

describe("Amazon's sandbox fixtures as seeds", () => {
	it('normalise into orders that match the Order model', () => {
		const orders = loadAmazonFixtureOrders(validator);
		expect(orders.map((o) => o.purchaseOrderNumber)).toEqual(
			expect.arrayContaining([
				'2JK3S9VC',
				'3TRD2IAB',
				'TestPO1',
				'TestPO2',
				'TestPO3',
				'4Z32PABC',
				'mock-purchaseOrderNumber1',
			]),
		);
		for (const o of orders)
			expect([o.purchaseOrderNumber, validator.validate('vendorOrders.json', 'Order', o)]).toEqual([
				o.purchaseOrderNumber,
				[],
			]);
		const imported = orders.find((o) => o.purchaseOrderNumber === '3TRD2IAB');
		expect(imported?.orderDetails?.items[0].orderedQuantity).toEqual({
			amount: 5,
			unitOfMeasure: 'Cases',
			unitSize: 10,
		});
		const mock = orders.find((o) => o.purchaseOrderNumber === 'mock-purchaseOrderNumber1');
		expect(mock?.purchaseOrderState).toBe('New');
		expect(mock?.orderDetails?.purchaseOrderStateChangedDate).toBe(
			mock?.orderDetails?.purchaseOrderDate,
		);
	});

	it('raw fixtures do not match the model (which is why they are normalised)', () => {
		const model = validator.readModel('vendorOrders.json') as any;
		const raw =
			model.paths['/vendor/orders/v1/purchaseOrders'].get.responses['200']['x-amzn-api-sandbox']
				.static[0].response.payload.orders[1];
		expect(validator.validate('vendorOrders.json', 'Order', raw).length).toBeGreaterThan(0);
		expect(validator.validate('vendorOrders.json', 'Order', normaliseFixtureOrder(raw))).toEqual(
			[],
		);
		expect(
			normaliseFixtureOrder({ purchaseOrderNumber: '2JK3S9XY', purchaseOrderState: 'New' }),
		).toBeUndefined();
	});

	describe('loaded into the sandbox', () => {
		let sb: TestSandbox;
		beforeAll(async () => {
			sb = await startTestSandbox();
			sb.control.seed({ amazon: { loadAmazonFixtures: true } });
			sb.clock.set('2019-08-25T00:00:00Z');
		});
		afterAll(() => sb.close());

		it("answer Amazon's created-window example (narrowed to 7 days)", async () => {
			const r = await sb.get('/vendor/orders/v1/purchaseOrders', {
				createdAfter: '2019-08-20T14:00:00',
				createdBefore: '2019-08-21T00:00:00',
				includeDetails: true,
				limit: 2,
				sortOrder: 'DESC',
			});
			expect(r.status).toBe(200);
			expect(r.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual([
				'3TRD2IAB',
				'2JK3S9VC',
			]);
		});

		it("answer Amazon's getPurchaseOrder example and can be acknowledged", async () => {
			const r = await sb.get('/vendor/orders/v1/purchaseOrders/4Z32PABC');
			expect(r.body.payload.purchaseOrderState).toBe('Closed');
			sb.clock.set('2020-05-27T00:00:00Z');
			const ack = await sb.acknowledge([
				{
					purchaseOrderNumber: 'TestPO3',
					sellingParty: { partyId: 'API01' },
					acknowledgementDate: '2020-05-27T00:00:00Z',
					items: [
						{
							itemSequenceNumber: '1',
							orderedQuantity: { amount: 10, unitOfMeasure: 'Eaches', unitSize: 1 },
							netCost: { currencyCode: 'USD', amount: '50' },
							itemAcknowledgements: [
								{
									acknowledgementCode: 'Accepted',
									acknowledgedQuantity: { amount: 10, unitOfMeasure: 'Eaches', unitSize: 1 },
								},
							],
						},
					],
				},
			]);
			expect(ack.status).toBe('Success');
		});

		it('TestPO1 (a line at quantity 0) answers poItemState=Cancelled', async () => {
			sb.clock.set('2020-05-28T00:00:00Z');
			const r = await sb.get('/vendor/orders/v1/purchaseOrders', {
				changedAfter: '2020-05-25T13:00:00',
				changedBefore: '2020-05-27T13:00:00',
				poItemState: 'Cancelled',
			});
			expect(r.body.payload.orders.map((o: any) => o.purchaseOrderNumber)).toEqual(['TestPO1']);
		});
	});
});

describe('validateModelBody (ajv over the Swagger 2.0 definitions)', () => {
	it("accepts Amazon's own ASN and invoice sandbox bodies and reports errors in Amazon's shape", () => {
		const shipments = validator.readModel('vendorShipments.json') as any;
		const asn =
			shipments.paths['/vendor/shipping/v1/shipmentConfirmations'].post.responses['202'][
				'x-amzn-api-sandbox'
			].static[0].request.parameters.body.value;
		expect(
			validateModelBody('vendorShipments.json', 'SubmitShipmentConfirmationsRequest', asn),
		).toEqual([]);

		const broken = structuredClone(asn);
		broken.shipmentConfirmations[0].shipmentConfirmationType = 'Originally';
		delete broken.shipmentConfirmations[0].sellingParty;
		const errors = validateModelBody(
			'vendorShipments.json',
			'SubmitShipmentConfirmationsRequest',
			broken,
		);
		expect(errors).toEqual(
			expect.arrayContaining([
				{
					code: 'InvalidInput',
					message:
						"The content of element 'shipmentConfirmations[0]' is not complete. 'sellingParty' is expected.",
					details: 'shipmentConfirmations[0]',
				},
				expect.objectContaining({
					code: 'InvalidInput',
					details: 'shipmentConfirmations[0].shipmentConfirmationType',
				}),
			]),
		);
	});

	it('enforces the Decimal pattern written in the description, date-time and integers', () => {
		const money = (amount: unknown) =>
			validateModelBody('vendorOrders.json', 'Money', { currencyCode: 'USD', amount });
		expect(money('12.50')).toEqual([]);
		expect(money('12,50')).toHaveLength(1);
		expect(money(12.5)).toHaveLength(1);
		expect(validateModelBody('vendorOrders.json', 'ItemQuantity', { amount: 1.5 })).toHaveLength(1);
		expect(
			validateModelBody('vendorTransactionStatus.json', 'Transaction', {
				transactionId: 'x',
				status: 'Success',
			}),
		).toEqual([]);
		expect(
			validateModelBody('vendorInvoices.json', 'InvoiceItem', {
				itemSequenceNumber: '1',
				invoicedQuantity: { amount: 1, unitOfMeasure: 'Eaches' },
				netCost: { currencyCode: 'USD', amount: '1' },
			}),
		).toHaveLength(1);
	});

	it('can allow properties the model does not define', () => {
		const extra = { currencyCode: 'USD', amount: '1', extra: true };
		expect(validateModelBody('vendorOrders.json', 'Money', extra)).toHaveLength(1);
		expect(
			validateModelBody('vendorOrders.json', 'Money', extra, { rejectUnknownProperties: false }),
		).toEqual([]);
	});

	it('throws for an unknown definition', () => {
		expect(() => validateModelBody('vendorOrders.json', 'Nope', {})).toThrow(/Nope/);
	});
});
