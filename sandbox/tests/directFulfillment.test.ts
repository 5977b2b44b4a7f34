/**
 * Direct Fulfillment inventory through the HTTP API: submitInventoryUpdate checked against Amazon's
 * model, its transaction read with the DF Transactions API (no payload wrapper), partial and full
 * updates applied to the warehouse's items, and the rules that make a transaction fail.
 */
import { item as line, order, startTestSandbox, type TestSandbox } from './helpers';

let sb: TestSandbox;
const update = (warehouse: string) =>
	`/vendor/directFulfillment/inventory/v1/warehouses/${warehouse}/items`;
const status = (id: string) =>
	`/vendor/directFulfillment/transactions/2021-12-28/transactions/${id}`;

const item = (asin: string, amount: number, extra: Record<string, unknown> = {}) => ({
	buyerProductIdentifier: asin,
	availableQuantity: { amount, unitOfMeasure: 'Each' },
	...extra,
});

async function submit(
	warehouse: string,
	isFullUpdate: boolean,
	items: unknown[],
	partyId = 'API01',
) {
	const r = await sb.post(update(warehouse), {
		inventory: { sellingParty: { partyId }, isFullUpdate, items },
	});
	expect([r.status, r.body.errors]).toEqual([202, undefined]);
	const t = await sb.get(status(r.body.payload.transactionId));
	expect(t.status).toBe(200);
	expect(t.body.payload).toBeUndefined();
	return t.body.transactionStatus as {
		transactionId: string;
		status: string;
		errors?: Array<{ code: string; message: string; details?: string }>;
	};
}

const warehouse = (id: string) =>
	(sb.control.state() as any).amazon.directFulfillmentInventory[id] as Array<{
		buyerProductIdentifier: string;
		availableQuantity: { amount: number };
		isObsolete: boolean;
		setBy: string;
	}>;
const amounts = (id: string) =>
	warehouse(id).map((i) => [i.buyerProductIdentifier, i.availableQuantity.amount, i.setBy]);

beforeAll(async () => {
	sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.control.reset());

describe('submitInventoryUpdate (Direct Fulfillment)', () => {
	it('applies a partial update to the listed items only', async () => {
		expect((await submit('WH1', false, [item('B01', 5), item('B02', 7)])).status).toBe('Success');
		expect((await submit('WH1', false, [item('B02', 3)])).status).toBe('Success');
		expect(amounts('WH1')).toEqual([
			['B01', 5, 'item'],
			['B02', 3, 'item'],
		]);
	});

	it('sets every item a full update leaves out to 0', async () => {
		await submit('WH1', false, [item('B01', 5), item('B02', 7)]);
		await submit('WH2', false, [item('B01', 9)]);
		const t = await submit('WH1', true, [item('B01', 4)]);
		expect(t.status).toBe('Success');
		expect(amounts('WH1')).toEqual([
			['B01', 4, 'item'],
			['B02', 0, 'fullUpdate'],
		]);
		// Another warehouse is not touched.
		expect(amounts('WH2')).toEqual([['B01', 9, 'item']]);
	});

	it('fails the transaction for an item without identifier, an item twice, or another vendor', async () => {
		const noId = await submit('WH1', false, [
			{ availableQuantity: { amount: 1, unitOfMeasure: 'Each' } },
		]);
		expect([noId.status, noId.errors?.[0].details]).toEqual(['Failure', 'inventory.items[0]']);
		const twice = await submit('WH1', false, [item('B01', 1), item('B01', 2)]);
		expect(twice.errors?.[0].message).toContain('listed twice');
		const other = await submit('WH1', false, [item('B01', 1)], 'OTHER');
		expect(other.errors?.[0].details).toBe('inventory.sellingParty.partyId');
		expect(warehouse('WH1')).toBeUndefined();
	});

	it('answers 400 for a body that breaks the model, and records nothing', async () => {
		const r = await sb.post(update('WH1'), {
			inventory: { sellingParty: { partyId: 'API01' }, items: [item('B01', 1)] },
		});
		expect(r.status).toBe(400);
		expect(JSON.stringify(r.body.errors)).toContain('isFullUpdate');
		expect(warehouse('WH1')).toBeUndefined();
	});

	it('records isObsolete', async () => {
		await submit('WH1', false, [item('B01', 0, { isObsolete: true })]);
		expect(warehouse('WH1')[0].isObsolete).toBe(true);
	});
});

describe('purchase orders after availability was reported (simulation)', () => {
	const cases = (amount: number) => ({
		orderedQuantity: { amount, unitOfMeasure: 'Cases' as const, unitSize: 12 },
	});

	it('never asks for more than the last figure: a line at 0 is left out, cases are whole', async () => {
		await submit('WH1', false, [item('B000000001', 0), item('B000000002', 30)]);
		const r = await sb.ctl('POST', '/__sandbox/seed', {
			amazon: {
				purchaseOrders: [
					order('PO-CAP-1', '2026-03-02T10:00:00Z', [line('1'), line('2', cases(5)), line('3')]),
					order('PO-CAP-2', '2026-03-02T10:00:00Z', [line('1')]),
				],
			},
		});
		expect(r.status).toBe(200);
		expect(r.body.amazon.purchaseOrders).toEqual(['PO-CAP-1']);
		expect(
			r.body.amazon.cappedByAvailability.map((c: any) => [
				c.purchaseOrderNumber,
				c.created,
				c.lines.map((l: any) => [l.itemSequenceNumber, l.seededEaches, l.orderedEaches]),
			]),
		).toEqual([
			[
				'PO-CAP-1',
				true,
				[
					['1', 10, 0],
					['2', 60, 24],
				],
			],
			['PO-CAP-2', false, [['1', 10, 0]]],
		]);
		const po = (sb.control.state() as any).amazon.purchaseOrders.find(
			(p: any) => p.purchaseOrderNumber === 'PO-CAP-1',
		);
		expect(
			po.order.orderDetails.items.map((i: any) => [i.itemSequenceNumber, i.orderedQuantity.amount]),
		).toEqual([
			['2', 2],
			['3', 10],
		]);
	});

	it('orders as seeded while nothing was reported', async () => {
		const r = await sb.ctl('POST', '/__sandbox/seed', {
			amazon: { purchaseOrders: [order('PO-FREE', '2026-03-02T10:00:00Z', [line('1')])] },
		});
		expect(r.body.amazon).toEqual({ purchaseOrders: ['PO-FREE'], payments: [] });
	});
});
