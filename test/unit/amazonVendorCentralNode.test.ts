import type { INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { AmazonVendorCentral } from '../../nodes/AmazonVendorCentral/AmazonVendorCentral.node';
import { credentialStore, createContext } from '../helpers/n8nContext';
import { credentialsFor, startTestServer, type TestServer } from '../helpers/testServer';

const ORDERS = '/vendor/orders/v1/purchaseOrders';

function order(number: string, overrides: Record<string, unknown> = {}) {
	return {
		purchaseOrderNumber: number,
		purchaseOrderState: 'New',
		orderDetails: {
			purchaseOrderDate: '2026-11-20T10:00:00Z',
			purchaseOrderStateChangedDate: '2026-11-20T10:00:00Z',
			sellingParty: { partyId: 'VEND1' },
			shipToParty: { partyId: 'ABCD' },
			shipWindow: '2026-11-25T07:00:00Z--2026-11-30T07:00:00Z',
			items: [
				{
					itemSequenceNumber: '1',
					amazonProductIdentifier: 'B000000001',
					vendorProductIdentifier: 'SKU-1',
					orderedQuantity: { amount: 10, unitOfMeasure: 'Cases', unitSize: 12 },
					isBackOrderAllowed: false,
					netCost: { currencyCode: 'USD', amount: '4.20' },
				},
			],
		},
		...overrides,
	};
}

const validAcknowledgement = {
	acknowledgements: [
		{
			purchaseOrderNumber: 'PO000001',
			sellingParty: { partyId: 'VEND1' },
			acknowledgementDate: '2026-11-20T12:00:00Z',
			items: [
				{
					itemSequenceNumber: '1',
					amazonProductIdentifier: 'B000000001',
					orderedQuantity: { amount: 10, unitOfMeasure: 'Cases', unitSize: 12 },
					netCost: { currencyCode: 'USD', amount: '4.20' },
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Accepted',
							acknowledgedQuantity: { amount: 10, unitOfMeasure: 'Cases', unitSize: 12 },
						},
					],
				},
			],
		},
	],
};

describe('Amazon Vendor Central node', () => {
	let server: TestServer;
	const node = new AmazonVendorCentral();
	beforeEach(async () => {
		server = await startTestServer();
	});
	afterEach(async () => {
		await server.close();
	});

	async function run(
		parameters: Record<string, unknown>,
		extra: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
	) {
		const store = credentialStore(credentialsFor(server));
		const ctx = createContext({ store, parameters, ...extra });
		const [out] = await node.execute.call(ctx);
		return out;
	}

	it('declares itself usable as an AI tool and needs the Amazon credential', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.credentials).toEqual([
			{ name: 'amazonVendorCentralApi', required: true },
		]);
	});

	it('Get Many splits a 20-day created range into 7-day windows, follows pages and removes duplicates', async () => {
		server.handle((req) => {
			if (req.path !== ORDERS) return undefined;
			const after = req.query.createdAfter;
			if (after === '2026-10-01T00:00:00.000Z') {
				return req.query.nextToken
					? { status: 200, body: { payload: { orders: [order('PO000002')] } } }
					: {
							status: 200,
							body: {
								payload: { orders: [order('PO000001')], pagination: { nextToken: 'page-2' } },
							},
						};
			}
			if (after === '2026-10-08T00:00:00.000Z')
				return {
					status: 200,
					body: { payload: { orders: [order('PO000002'), order('PO000003')] } },
				};
			return { status: 200, body: { payload: { orders: [order('PO000004')] } } };
		});
		const out = await run({
			resource: 'purchaseOrder',
			operation: 'getAll',
			returnAll: true,
			outputShape: 'amazon',
			filters: {
				createdAfter: '2026-10-01T00:00:00Z',
				createdBefore: '2026-10-21T00:00:00Z',
				purchaseOrderState: 'New',
				includeDetails: true,
			},
		});
		expect(out.map((i) => i.json.purchaseOrderNumber)).toEqual([
			'PO000001',
			'PO000002',
			'PO000003',
			'PO000004',
		]);
		expect(out.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		const queries = server.requests.filter((r) => r.path === ORDERS).map((r) => r.query);
		expect(queries).toEqual([
			{
				purchaseOrderState: 'New',
				includeDetails: 'true',
				limit: '100',
				createdAfter: '2026-10-01T00:00:00.000Z',
				createdBefore: '2026-10-08T00:00:00.000Z',
			},
			{
				purchaseOrderState: 'New',
				includeDetails: 'true',
				limit: '100',
				createdAfter: '2026-10-01T00:00:00.000Z',
				createdBefore: '2026-10-08T00:00:00.000Z',
				nextToken: 'page-2',
			},
			{
				purchaseOrderState: 'New',
				includeDetails: 'true',
				limit: '100',
				createdAfter: '2026-10-08T00:00:00.000Z',
				createdBefore: '2026-10-15T00:00:00.000Z',
			},
			{
				purchaseOrderState: 'New',
				includeDetails: 'true',
				limit: '100',
				createdAfter: '2026-10-15T00:00:00.000Z',
				createdBefore: '2026-10-21T00:00:00.000Z',
			},
		]);
	});

	it('Get Many stops at the limit', async () => {
		server.handle(() => ({
			status: 200,
			body: {
				payload: {
					orders: [order('PO000001'), order('PO000002'), order('PO000003')],
					pagination: { nextToken: 'more' },
				},
			},
		}));
		const out = await run({
			resource: 'purchaseOrder',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			outputShape: 'amazon',
			filters: {},
		});
		expect(out.map((i) => i.json.purchaseOrderNumber)).toEqual(['PO000001', 'PO000002']);
		expect(server.requests.filter((r) => r.path === ORDERS)).toHaveLength(1);
		expect(server.requests.find((r) => r.path === ORDERS)!.query.limit).toBe('2');
	});

	it('Get returns the normalised purchase order with eaches and the raw object', async () => {
		server.queue(`${ORDERS}/PO000001`, { status: 200, body: { payload: order('PO000001') } });
		const out = await run({
			resource: 'purchaseOrder',
			operation: 'get',
			purchaseOrderNumber: ' PO000001 ',
			outputShape: 'canonical',
		});
		expect(out).toHaveLength(1);
		const po = out[0].json as Record<string, any>;
		expect(po.purchaseOrderNumber).toBe('PO000001');
		expect(po.items[0].orderedEaches).toBe(120);
		expect(po.items[0].netCost).toEqual({ currencyCode: 'USD', amount: '4.20' });
		expect(po.shipWindow.start).toBe('2026-11-25T07:00:00Z');
		expect(po.raw.purchaseOrderNumber).toBe('PO000001');
	});

	it('Get Status sends every filter and pages through ordersStatus', async () => {
		server.queue('/vendor/orders/v1/purchaseOrdersStatus', {
			status: 200,
			body: {
				payload: {
					ordersStatus: [{ purchaseOrderNumber: 'PO000001', purchaseOrderStatus: 'OPEN' }],
				},
			},
		});
		const out = await run({
			resource: 'purchaseOrder',
			operation: 'getStatus',
			returnAll: true,
			statusFilters: {
				updatedAfter: '2026-11-20T00:00:00Z',
				updatedBefore: '2026-11-21T00:00:00Z',
				purchaseOrderStatus: 'OPEN',
				itemConfirmationStatus: 'ACCEPTED',
				itemReceiveStatus: 'NOT_RECEIVED',
				shipToPartyId: 'ABCD',
				orderingVendorCode: 'VEND1',
			},
		});
		expect(out.map((i) => i.json.purchaseOrderStatus)).toEqual(['OPEN']);
		expect(server.requests.find((r) => r.path.endsWith('purchaseOrdersStatus'))!.query).toEqual({
			purchaseOrderStatus: 'OPEN',
			itemConfirmationStatus: 'ACCEPTED',
			itemReceiveStatus: 'NOT_RECEIVED',
			shipToPartyId: 'ABCD',
			orderingVendorCode: 'VEND1',
			limit: '100',
			updatedAfter: '2026-11-20T00:00:00.000Z',
			updatedBefore: '2026-11-21T00:00:00.000Z',
		});
	});

	it('refuses an invalid acknowledgement with every field path, and sends nothing', async () => {
		const bad = JSON.parse(JSON.stringify(validAcknowledgement));
		delete bad.acknowledgements[0].sellingParty.partyId;
		bad.acknowledgements[0].items[0].itemAcknowledgements[0].acknowledgementCode = 'Accept';
		bad.acknowledgements[0].items[0].netCost.amount = '4,20';
		const error = (await run({
			resource: 'acknowledgement',
			operation: 'submit',
			body: JSON.stringify(bad),
		}).catch((e: unknown) => e)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			"The acknowledgement does not match Amazon's model: nothing was sent (3 problems)",
		);
		expect(error.description).toContain('acknowledgements[0].sellingParty.partyId');
		expect(error.description).toContain(
			'acknowledgements[0].items[0].itemAcknowledgements[0].acknowledgementCode',
		);
		expect(error.description).toContain('acknowledgements[0].items[0].netCost.amount');
		expect(error.context.itemIndex).toBe(0);
		expect(server.requests.filter((r) => r.path.startsWith('/vendor'))).toHaveLength(0);
	});

	it('refuses an empty request and unknown keys (typos Amazon would ignore)', async () => {
		const empty = (await run({
			resource: 'invoice',
			operation: 'submit',
			body: '{"invoices": []}',
		}).catch((e: unknown) => e)) as NodeOperationError;
		expect(empty.message).toBe(
			"The invoice does not match Amazon's model: nothing was sent (1 problem)",
		);
		expect(empty.description).toBe('invoices: must hold at least one invoice');

		const typo = JSON.parse(JSON.stringify(validAcknowledgement));
		typo.acknowledgements[0].sellingparty = typo.acknowledgements[0].sellingParty;
		const error = (await run({
			resource: 'acknowledgement',
			operation: 'submit',
			body: typo,
		}).catch((e: unknown) => e)) as NodeOperationError;
		expect(error.description).toContain('acknowledgements[0].sellingparty');
		expect(server.requests.filter((r) => r.path.startsWith('/vendor'))).toHaveLength(0);
	});

	it('submits a valid acknowledgement, wrapping a single document, and waits for the final status', async () => {
		server.queue('/vendor/orders/v1/acknowledgements', {
			status: 202,
			body: { payload: { transactionId: 'tx-ack-1' } },
		});
		server.queue(
			'/vendor/transactions/v1/transactions/tx-ack-1',
			{
				status: 200,
				body: {
					payload: { transactionStatus: { transactionId: 'tx-ack-1', status: 'Processing' } },
				},
			},
			{
				status: 200,
				body: { payload: { transactionStatus: { transactionId: 'tx-ack-1', status: 'Success' } } },
			},
		);
		const out = await run({
			resource: 'acknowledgement',
			operation: 'submit',
			body: validAcknowledgement.acknowledgements[0],
			waitUntilFinal: true,
			maxWaitSeconds: 10,
			pollIntervalSeconds: 1,
		});
		expect(out[0].json).toMatchObject({
			transactionId: 'tx-ack-1',
			status: 'Success',
			final: true,
			errors: [],
		});
		const posted = server.requests.find((r) => r.path === '/vendor/orders/v1/acknowledgements')!;
		expect(posted.method).toBe('POST');
		expect(JSON.parse(posted.body)).toEqual(validAcknowledgement);
	});

	it('returns the transaction id without waiting, and Transaction Get reports a Failure with its errors', async () => {
		server.queue('/vendor/orders/v1/acknowledgements', {
			status: 202,
			body: { payload: { transactionId: 'tx-2' } },
		});
		const submitted = await run({
			resource: 'acknowledgement',
			operation: 'submit',
			body: validAcknowledgement,
		});
		expect(submitted[0].json).toMatchObject({
			transactionId: 'tx-2',
			status: 'Submitted',
			final: false,
		});

		server.queue('/vendor/transactions/v1/transactions/tx-2', {
			status: 200,
			body: {
				payload: {
					transactionStatus: {
						transactionId: 'tx-2',
						status: 'Failure',
						errors: [{ code: 'INVALID_QUANTITY', message: 'Quantity above ordered' }],
					},
				},
			},
		});
		const status = await run({
			resource: 'transaction',
			operation: 'get',
			transactionId: 'tx-2',
			waitUntilFinal: false,
		});
		expect(status[0].json).toEqual({
			transactionId: 'tx-2',
			status: 'Failure',
			final: true,
			polls: 1,
			errors: [{ code: 'INVALID_QUANTITY', message: 'Quantity above ordered' }],
		});
	});

	it('with Continue On Fail, reports a failing item and goes on with the next', async () => {
		server.queue(`${ORDERS}/PO000404`, {
			status: 404,
			body: { errors: [{ code: 'NotFound', message: 'Purchase order not found' }] },
		});
		server.queue(`${ORDERS}/PO000001`, { status: 200, body: { payload: order('PO000001') } });
		const store = credentialStore(credentialsFor(server));
		const ctx = createContext({
			store,
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			parameters: { resource: 'purchaseOrder', operation: 'get', outputShape: 'amazon' },
			itemParameters: [{ purchaseOrderNumber: 'PO000404' }, { purchaseOrderNumber: 'PO000001' }],
		});
		const [out] = await node.execute.call(ctx);
		expect(out[0].json.error).toBe(
			'Amazon SP-API getPurchaseOrder failed: NotFound: Purchase order not found',
		);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[1].json.purchaseOrderNumber).toBe('PO000001');
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});
});
