import fs from 'node:fs';
import path from 'node:path';
import { startSandbox } from '../server';
import { amazonOperation, ok, readModelBody } from '../amazon/operation';
import { fullAck, order, startTestSandbox, START, type TestSandbox } from './helpers';

let sb: TestSandbox;

beforeAll(async () => {
	sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.control.reset());

describe('request log', () => {
	it('records every API call with method, path, query, status, time and operation; not control calls', async () => {
		sb.control.seed({ amazon: { purchaseOrders: [order('PO000001', START)] } });
		const token = await sb.token();
		await sb.get('/vendor/orders/v1/purchaseOrders', { limit: 5, sortOrder: 'DESC' }, token);
		await sb.get('/vendor/orders/v1/purchaseOrders/NOPE', {}, token);
		await sb.get('/nowhere', {}, null);
		await sb.ctl('GET', '/__sandbox/state');

		const r = await sb.ctl('GET', '/__sandbox/requests');
		const log = r.body.requests;
		expect(log.map((e: any) => [e.method, e.path, e.status, e.operation ?? null])).toEqual([
			['POST', '/auth/o2/token', 200, 'lwaToken'],
			['GET', '/vendor/orders/v1/purchaseOrders', 200, 'getPurchaseOrders'],
			['GET', '/vendor/orders/v1/purchaseOrders/NOPE', 404, 'getPurchaseOrder'],
			['GET', '/nowhere', 404, null],
		]);
		expect(log[1]).toMatchObject({
			seq: 2,
			query: { limit: '5', sortOrder: 'DESC' },
			time: START,
			service: 'amazon',
		});
		expect(log[1].requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(typeof log[1].receivedAtMs).toBe('number');
		expect(log[0].body).toMatchObject({ grant_type: 'refresh_token', client_secret: '***' });

		const filtered = await sb.ctl('GET', '/__sandbox/requests?operation=getPurchaseOrder');
		expect(filtered.body.requests).toHaveLength(1);
		expect(sb.control.requests({ afterSeq: 3 })).toHaveLength(1);
		await sb.ctl('DELETE', '/__sandbox/requests');
		expect(sb.control.requests()).toEqual([]);
	});

	it('keeps POST bodies so tests can inspect what was sent', async () => {
		sb.control.seed({ amazon: { purchaseOrders: [order('PO000001', START)] } });
		await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 10 }])]);
		const post = sb.control.requests({ operation: 'submitAcknowledgement' }).at(-1)!;
		expect(post.status).toBe(202);
		expect((post.body as any).acknowledgements[0].purchaseOrderNumber).toBe('PO000001');
	});
});

describe('control API over HTTP', () => {
	it('seeds with defaults: only purchase orders is enough', async () => {
		const r = await sb.ctl('POST', '/__sandbox/seed', {
			amazon: { purchaseOrders: [order('PO000001', START)] },
		});
		expect(r.status).toBe(200);
		expect(r.body).toEqual({ amazon: { purchaseOrders: ['PO000001'], payments: [] }, ignored: [] });
		const creds = sb.control.credentials();
		expect(creds.vendorCode).toBe('API01');
		expect(creds.refreshToken).toMatch(/^Atzr\|/);
	});

	it('seeds payments (normalised, or "default") and reports unknown services as ignored', async () => {
		const payments = [
			{
				paymentNumber: 'P-1',
				paymentDate: '2026-02-27',
				lines: [{ invoiceNumber: 'INV-1', invoiceDate: '2026-01-20', invoiceAmount: '100.00' }],
			},
		];
		const r = await sb.ctl('POST', '/__sandbox/seed', { amazon: { payments }, woocommerce: {} });
		expect(r.body).toEqual({
			amazon: { purchaseOrders: [], payments: ['P-1'] },
			ignored: ['woocommerce'],
		});
		const stored = (sb.control.state() as any).amazon.payments;
		expect(stored[0]).toMatchObject({
			paymentNumber: 'P-1',
			currency: 'USD',
			lines: [{ invoiceNumber: 'INV-1', amountPaid: '100.00', remainingAmount: '0.00' }],
		});

		const again = await sb.ctl('POST', '/__sandbox/seed', { amazon: { payments } });
		expect(again.status).toBe(400);
		const bad = await sb.ctl('POST', '/__sandbox/seed', {
			amazon: { payments: [{ paymentNumber: 'P-2' }] },
		});
		expect(bad.status).toBe(400);
		expect(bad.body.details.length).toBeGreaterThan(0);
		const defaults = await sb.ctl('POST', '/__sandbox/seed', { amazon: { payments: 'default' } });
		expect(defaults.body.amazon.payments.length).toBe(2);
	});

	it('fills sellingParty from the vendor code and purchaseOrderStateChangedDate from the order date', async () => {
		const o: any = order('PO000002', START);
		delete o.orderDetails.sellingParty;
		delete o.orderDetails.purchaseOrderStateChangedDate;
		sb.control.seed({ amazon: { vendorCode: 'VC123', purchaseOrders: [o] } });
		const po = (await sb.get('/vendor/orders/v1/purchaseOrders/PO000002')).body.payload;
		expect(po.orderDetails.sellingParty).toEqual({ partyId: 'VC123' });
		expect(po.orderDetails.purchaseOrderStateChangedDate).toBe(START);
	});

	it('refuses orders that break the model, changing nothing', async () => {
		const bad: any = order('BAD00001', START);
		bad.orderDetails.items[0].orderedQuantity.unitOfMeasure = 'CASES';
		const r = await sb.ctl('POST', '/__sandbox/seed', {
			amazon: { purchaseOrders: [order('GOOD0001', START), bad] },
		});
		expect(r.status).toBe(400);
		expect(r.body.details[0]).toMatchObject({ index: 1, purchaseOrderNumber: 'BAD00001' });
		expect(r.body.details[0].errors[0].code).toBe('InvalidInput');
		expect(sb.control.amazon.state.purchaseOrders.size).toBe(0);
		expect((await sb.ctl('POST', '/__sandbox/seed', '[]')).status).toBe(400);
	});

	it('a seeded Acknowledged order reads as ACCEPTED in the status API', async () => {
		sb.control.seed({
			amazon: {
				purchaseOrders: [
					order('ACK00001', START, undefined, { purchaseOrderState: 'Acknowledged' }),
				],
			},
		});
		const s = (await sb.get('/vendor/orders/v1/purchaseOrdersStatus')).body.payload.ordersStatus[0];
		expect(s.itemStatus[0].acknowledgementStatus.confirmationStatus).toBe('ACCEPTED');
	});

	it('state holds orders, acknowledgements, transactions and the other collections', async () => {
		sb.control.seed({ amazon: { purchaseOrders: [order('PO000001', START)] } });
		const ack = await sb.acknowledge([fullAck('PO000001', [{ seq: '1', amount: 10 }])]);
		const r = await sb.ctl('GET', '/__sandbox/state');
		expect(r.status).toBe(200);
		const a = r.body.amazon;
		expect(Object.keys(a)).toEqual(
			expect.arrayContaining([
				'app',
				'vendorCode',
				'region',
				'purchaseOrders',
				'acknowledgements',
				'shipmentConfirmations',
				'overages',
				'shipments',
				'invoices',
				'payments',
				'transactions',
			]),
		);
		expect(a.purchaseOrders[0]).toMatchObject({
			purchaseOrderNumber: 'PO000001',
			purchaseOrderState: 'Acknowledged',
			status: { purchaseOrderStatus: 'OPEN' },
		});
		expect(a.purchaseOrders[0].lines[0].acknowledgements[0]).toMatchObject({
			acceptedEaches: 10,
			transactionId: ack.transactionId,
		});
		expect(a.transactions).toEqual([
			expect.objectContaining({ transactionId: ack.transactionId, status: 'Success', errors: [] }),
		]);
	});

	it('reset empties everything', async () => {
		sb.control.seed({ amazon: { purchaseOrders: [order('PO000001', START)] } });
		sb.control.addFaults([{ status: 500 }]);
		expect((await sb.ctl('POST', '/__sandbox/reset')).status).toBe(200);
		const s: any = sb.control.state();
		expect(s.amazon.purchaseOrders).toEqual([]);
		expect(s.faults).toEqual([]);
	});

	it('moves the clock and changes settings', async () => {
		expect((await sb.ctl('GET', '/__sandbox/clock')).body.now).toBe(START);
		expect((await sb.ctl('POST', '/__sandbox/clock', { advanceMs: 60_000 })).body.now).toBe(
			'2026-03-02T12:01:00.000Z',
		);
		expect(
			(await sb.ctl('POST', '/__sandbox/clock', { set: '2026-04-01T00:00:00Z' })).body.now,
		).toBe('2026-04-01T00:00:00.000Z');
		expect((await sb.ctl('POST', '/__sandbox/clock', {})).status).toBe(400);
		const cfg = await sb.ctl('POST', '/__sandbox/config', { transactionProcessingMs: 500 });
		expect(cfg.body).toEqual({
			tokenLifetimeSeconds: 3600,
			transactionProcessingMs: 500,
			rateLimits: false,
		});
		expect((await sb.ctl('POST', '/__sandbox/config', { bogus: 1 })).status).toBe(400);
		sb.control.configure({ transactionProcessingMs: 0 });
	});

	it('describes itself, and answers 404/405 for unknown routes', async () => {
		const info = await sb.ctl('GET', '/__sandbox');
		expect(info.body.amazon.lwaTokenUrl).toBe(`${sb.url}/auth/o2/token`);
		expect(info.body.routes).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ method: 'POST', path: '/vendor/orders/v1/acknowledgements' }),
			]),
		);
		expect((await sb.ctl('GET', '/vendor/unknown')).status).toBe(404);
		const wrong = await sb.ctl('DELETE', '/vendor/orders/v1/acknowledgements');
		expect(wrong.status).toBe(405);
	});
});

describe('README examples', () => {
	const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
	const jsonAfter = (heading: string) => {
		const section = readme.slice(readme.indexOf(heading));
		const m = /```json\n([\s\S]*?)```/.exec(section);
		return JSON.parse(m![1]);
	};

	it('the complete seed example seeds, and its order can be acknowledged', async () => {
		const r = await sb.ctl('POST', '/__sandbox/seed', jsonAfter('## Seed format'));
		expect(r.status).toBe(200);
		expect(r.body.amazon).toEqual({ purchaseOrders: ['2JK3S9VC'], payments: ['40001234'] });
		expect(sb.control.credentials().clientId).toBe('amzn1.application-oa2-client.my-test-app');
		const ack = await sb.acknowledge([
			fullAck('2JK3S9VC', [{ seq: '1', amount: 12, cost: '14.50' }]),
		]);
		expect(ack.status).toBe('Success');
	});

	it('the change, receipt and fault examples are accepted', async () => {
		sb.control.seed(jsonAfter('## Seed format'));
		const changeExample = jsonAfter('### `POST /__sandbox/amazon/purchase-orders/{po}/change`');
		// The example also cancels a line 4 and changes a line 2 with its cost: give the order those lines.
		sb.control.changePurchaseOrder('2JK3S9VC', {
			changedAt: '2026-03-02T10:00:00Z',
			items: [
				{
					itemSequenceNumber: '4',
					orderedQuantity: { amount: 1, unitOfMeasure: 'Eaches', unitSize: 1 },
					isBackOrderAllowed: false,
				},
			],
		});
		expect(
			(await sb.ctl('POST', '/__sandbox/amazon/purchase-orders/2JK3S9VC/change', changeExample))
				.status,
		).toBe(200);
		const receipt = jsonAfter('### `POST /__sandbox/amazon/purchase-orders/{po}/receive`');
		expect(
			(await sb.ctl('POST', '/__sandbox/amazon/purchase-orders/2JK3S9VC/receive', receipt)).status,
		).toBe(200);
		const faults = await sb.ctl('POST', '/__sandbox/faults', jsonAfter('## Faults'));
		expect(faults.status).toBe(200);
		expect(faults.body.faults).toHaveLength(6);
	});
});

describe('adding routes', () => {
	it('an Amazon operation gets token check, faults, rate-limit headers, model validation and transactions', async () => {
		const amazon = sb.control.amazon;
		const recorded: unknown[] = [];
		sb.router.add(
			amazonOperation(
				amazon,
				{ method: 'POST', path: '/test/v1/invoices', operation: 'testSubmitInvoices' },
				(req) => {
					const body = readModelBody<{ invoices: Array<{ id: string }> }>(
						amazon,
						req,
						'vendorInvoices.json',
						'SubmitInvoicesRequest',
					);
					const tx = amazon.registerTransaction({
						kind: 'invoice',
						operation: 'testSubmitInvoices',
						references: body.invoices.map((i) => i.id),
						onSuccess: () => recorded.push(body.invoices[0]),
					});
					return { status: 202, payload: { transactionId: tx.transactionId } };
				},
			),
			amazonOperation(
				amazon,
				{ method: 'GET', path: '/test/v1/export.csv', operation: 'remittanceCsv', auth: false },
				() => ({
					status: 200,
					text: 'Invoice Number,Amount\nINV-1,10.00\n',
					contentType: 'text/csv',
				}),
			),
			amazonOperation(
				amazon,
				{ method: 'GET', path: '/test/v1/echo/{id}', operation: 'echo' },
				(req) => ok({ id: req.params.id }),
			),
		);
		const invoice = {
			invoiceType: 'Invoice',
			id: 'INV-1',
			date: '2026-03-02T12:00:00Z',
			remitToParty: { partyId: 'API01' },
			invoiceTotal: { currencyCode: 'USD', amount: '10.00' },
		};
		expect(
			(await sb.post('/test/v1/invoices', { invoices: [{ ...invoice, invoiceType: 'Invoic' }] }))
				.status,
		).toBe(400);
		const accepted = await sb.post('/test/v1/invoices', { invoices: [invoice] });
		expect(accepted.status).toBe(202);
		await sb.get(`/vendor/transactions/v1/transactions/${accepted.body.payload.transactionId}`);
		expect(recorded).toEqual([invoice]);

		const csv = await fetch(`${sb.url}/test/v1/export.csv`);
		expect(csv.headers.get('content-type')).toBe('text/csv');
		expect(await csv.text()).toBe('Invoice Number,Amount\nINV-1,10.00\n');
		const echo = await sb.get('/test/v1/echo/a%2Fb');
		expect(echo.body).toEqual({ payload: { id: 'a/b' } });
		expect(echo.headers.get('x-amzn-ratelimit-limit')).toBe('10.0');
		expect((await sb.get('/test/v1/echo/x', {}, null)).status).toBe(403);
	});
});

describe('startSandbox', () => {
	it('listens on a free port with real time and takes a seed option', async () => {
		const s = await startSandbox({
			port: 0,
			seed: { amazon: { purchaseOrders: [order('PO000001', START)] } },
		});
		try {
			expect(s.port).toBeGreaterThan(0);
			expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
			expect(Math.abs(s.control.now().getTime() - Date.now())).toBeLessThan(5000);
			expect(s.control.amazon.state.purchaseOrders.has('PO000001')).toBe(true);
		} finally {
			await s.close();
		}
	});

	it('fails clearly when the models are missing', async () => {
		await expect(startSandbox({ modelsDir: '/nonexistent' })).rejects.toThrow(
			/vendorOrders.json not found/,
		);
	});
});
