/**
 * The shipping operations of the Magento (Vendor Central) node against the sandbox's Magento
 * service: the orders with shipments waiting for an ASN or an invoice, the new shipments with
 * Build ASN's purchase orders, the ASN and invoice records kept as order comments (written once),
 * the release of what will not ship (the rule, the cancel, a cancel Magento refuses), and the
 * errors of bad parameters.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { AvcMagento2Api } from '../../credentials/AvcMagento2Api.credentials';
import { MagentoVendorCentral } from '../../nodes/MagentoVendorCentral/MagentoVendorCentral.node';
import {
	asnRecordComment,
	markedRecords,
	purchaseOrdersFromAmazon,
	releaseDecision,
	releasedUnits,
	releaseLinesOf,
	updatedOrdersQuery,
} from '../../nodes/shared/domain/platforms/magento';
import { createMagentoService } from '../../sandbox/magento';
import {
	ADDRESS,
	BASIC_SEED,
	placeCustomerOrder,
	startMagentoSandbox,
	TOKEN,
	type MagentoTestSandbox,
} from '../../sandbox/magento/testing';
import { createContext, credentialStore } from '../helpers/n8nContext';

let t: MagentoTestSandbox;

const NODE = { name: 'Magento', type: 'n8n-nodes-amazon-vendor-central.magentoVendorCentral' };

function run(parameters: Record<string, unknown>) {
	const ctx = createContext({
		store: credentialStore({ host: t.url, accessToken: TOKEN, storeCode: 'default' }),
		credentialType: new AvcMagento2Api(),
		node: NODE,
		parameters,
	});
	return new MagentoVendorCentral().execute.call(ctx);
}

const json = (out: INodeExecutionData[][]) => out[0].map((i) => i.json as Record<string, any>);
const comments = async (orderId: number) =>
	((await t.rest('GET', `/V1/orders/${orderId}`)).body as any).status_histories.map(
		(h: { comment: string }) => h.comment,
	) as string[];

/** Amazon's purchase order (Get Purchase Order, canonical) and its status (Get PO Status). */
const PO = {
	purchaseOrderNumber: 'PO-1001',
	sellingParty: { partyId: 'VEND1' },
	items: [
		{
			itemSequenceNumber: '1',
			amazonProductIdentifier: 'B0WIDGET',
			orderedQuantity: { amount: 1, unitOfMeasure: 'Cases', unitSize: 4 },
		},
		{
			itemSequenceNumber: '2',
			vendorProductIdentifier: '0614141000029',
			orderedQuantity: { amount: 2, unitOfMeasure: 'Eaches', unitSize: 1 },
		},
		{ itemSequenceNumber: '3', amazonProductIdentifier: 'B0UNKNOWN' },
	],
};
const STATUS = {
	purchaseOrderNumber: 'PO-1001',
	itemStatus: [
		{
			itemSequenceNumber: '1',
			buyerProductIdentifier: 'B0WIDGET',
			netCost: { currencyCode: 'USD', amount: '9.50' },
			acknowledgementStatus: {
				acceptedQuantity: { amount: 1, unitOfMeasure: 'Cases', unitSize: 4 },
			},
		},
		{ itemSequenceNumber: '2', netCost: { currencyCode: 'USD', amount: '30.00' } },
	],
};
const MAPPING = [
	{ asin: 'B0WIDGET', sku: 'WIDGET' },
	{ vendorProductIdentifier: '0614141000029', sku: 'GADGET' },
];

let orderId: number;
let incrementId: string;

async function ship(items: Array<{ sku: string; qty: number }>, trackNumber: string) {
	const r = await t.ctl('POST', `/__sandbox/magento/orders/${orderId}/ship`, {
		items,
		tracks: [{ carrierCode: 'ups', title: 'UPS', trackNumber }],
	});
	if (r.status !== 200) throw new Error(`ship: ${r.status} ${JSON.stringify(r.body)}`);
}

const shipmentIds = () => t.state().shipments.map((s: { increment_id: string }) => s.increment_id);

beforeAll(async () => {
	t = await startMagentoSandbox([createMagentoService]);
	// The look-back counts back from now: the sandbox's clock.
	jest.spyOn(Date, 'now').mockImplementation(() => t.clock.now().getTime());
});
afterAll(() => t.close());
beforeEach(async () => {
	t.sandbox.control.reset();
	t.sandbox.control.seed({
		magento: {
			...BASIC_SEED,
			customers: [
				{
					id: 7,
					email: 'ada@example.com',
					firstname: 'Ada',
					lastname: 'Buyer',
					addresses: [{ ...ADDRESS, default_shipping: true }],
				},
			],
		},
	});
	orderId = await placeCustomerOrder(t, [
		{ sku: 'WIDGET', qty: 4 },
		{ sku: 'GADGET', qty: 2 },
	]);
	incrementId = String(((await t.rest('GET', `/V1/orders/${orderId}`)).body as any).increment_id);
});

const WAITING = {
	resource: 'shipment',
	operation: 'getOrdersWaiting',
	customerId: '7',
	lookbackDays: 7,
};
const NEW = {
	resource: 'shipment',
	operation: 'getNew',
	shipmentIdPrefix: 'MAG-',
	shipFromPartyId: 'VEND1',
	purchaseOrder: PO,
	purchaseOrderStatus: STATUS,
	mapping: MAPPING,
};

describe('Magento (Vendor Central): orders with shipments waiting', () => {
	it('lists only shipped orders of the customer with a shipment or ASN waiting', async () => {
		expect(json(await run(WAITING))).toEqual([]);
		await ship([{ sku: 'WIDGET', qty: 4 }], '1Z1');
		expect(json(await run(WAITING))).toEqual([
			{
				orderId: String(orderId),
				orderIncrementId: incrementId,
				purchaseOrderNumber: 'PO-1001',
				newShipments: 1,
				asnsToInvoice: 0,
			},
		]);
		expect(json(await run({ ...WAITING, customerId: '8' }))).toEqual([]);
	});

	it('a bad customer ID or look-back names the field', async () => {
		const error = await run({ ...WAITING, customerId: 'amazon' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toBe('Item 0, field customerId.');
		const days = await run({ ...WAITING, lookbackDays: 0 }).catch((e: unknown) => e);
		expect((days as NodeOperationError).description).toBe('Item 0, field lookbackDays.');
	});

	it('the order search is of one customer, updated since the instant, oldest first', () => {
		const q = decodeURIComponent(updatedOrdersQuery(7, Date.parse('2026-03-01T10:00:00Z')));
		expect(q).toContain('[0][filters][0][field]=customer_id&');
		expect(q).toContain('[1][filters][0][value]=2026-03-01 10:00:00&');
		expect(q).toContain(
			'[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=ASC',
		);
	});
});

describe('Magento (Vendor Central): ASN and invoice records', () => {
	it('new shipments carry Build ASN purchase orders (SKUs from the mapping, accepted quantities)', async () => {
		await ship([{ sku: 'WIDGET', qty: 4 }], '1Z1');
		const [item] = json(await run({ ...NEW, orderId: String(orderId) }));
		expect(item.alreadyShipped).toEqual([]);
		expect(item.shipment.shipmentIdentifier).toBe(`MAG-${shipmentIds()[0]}`);
		const [po] = item.purchaseOrders;
		expect(po.purchaseOrder).toEqual(PO);
		expect(po.lines).toEqual([
			{
				itemSequenceNumber: '1',
				status: 'mapped',
				sku: 'WIDGET',
				unitOfMeasure: 'Cases',
				unitSize: 4,
				orderedAmount: 1,
			},
			{
				itemSequenceNumber: '2',
				status: 'mapped',
				sku: 'GADGET',
				unitOfMeasure: 'Eaches',
				unitSize: 1,
				orderedAmount: 2,
			},
			{
				itemSequenceNumber: '3',
				status: 'reject',
				sku: '',
				unitOfMeasure: 'Eaches',
				unitSize: 1,
				orderedAmount: 0,
			},
		]);
		expect(po.acknowledgement.sellingParty).toEqual({ partyId: 'VEND1' });
		expect(po.acknowledgement.items.map((i: any) => i.itemAcknowledgements[0])).toEqual([
			{
				acknowledgementCode: 'Accepted',
				acknowledgedQuantity: { amount: 1, unitOfMeasure: 'Cases', unitSize: 4 },
			},
			{
				acknowledgementCode: 'Accepted',
				acknowledgedQuantity: { amount: 0, unitOfMeasure: 'Eaches', unitSize: 1 },
			},
		]);
		const [plain] = json(await run({ ...NEW, orderId: String(orderId), purchaseOrder: '' }));
		expect(plain).not.toHaveProperty('purchaseOrders');
	});

	it('saves the ASN once, invoices it, saves the invoice once; the next shipment counts the first', async () => {
		await ship([{ sku: 'WIDGET', qty: 4 }], '1Z1');
		const [first] = shipmentIds();
		const lines = [
			{ purchaseOrderNumber: 'PO-1001', itemSequenceNumber: '1', shippedQuantity: 1, extra: 'x' },
		];
		const save = {
			resource: 'shipment',
			operation: 'saveAsn',
			orderId: String(orderId),
			magentoShipmentId: first,
			shipmentIdentifier: `MAG-${first}`,
			shippedLines: JSON.stringify(lines),
			transactionId: 'tx-1',
		};
		expect(json(await run(save))[0]).toMatchObject({
			saved: true,
			alreadySaved: false,
			shipmentIndex: 1,
		});
		expect(json(await run(save))[0]).toMatchObject({ saved: true, alreadySaved: true });
		const asnComments = (await comments(orderId)).filter((c) => c.includes('AVC-ASN'));
		expect(asnComments).toEqual([
			asnRecordComment({
				magentoShipmentId: first,
				shipmentIndex: 1,
				shipmentIdentifier: `MAG-${first}`,
				purchaseOrderNumber: 'PO-1001',
				shippedLines: lines,
				transactionId: 'tx-1',
			}),
		]);
		expect(asnComments[0]).toContain(
			`AVC-ASN {"shipment":"${first}","index":1,"asn":"MAG-${first}","po":"PO-1001",` +
				'"lines":[{"purchaseOrderNumber":"PO-1001","itemSequenceNumber":"1","shippedQuantity":1}]}',
		);
		expect(json(await run(WAITING))[0]).toMatchObject({ newShipments: 0, asnsToInvoice: 1 });

		const toInvoice = {
			resource: 'shipment',
			operation: 'getToInvoice',
			orderId: String(orderId),
			invoicePrefix: 'INV-',
		};
		const [invoice] = json(
			await run({ ...toInvoice, purchaseOrder: PO, purchaseOrderStatus: STATUS }),
		);
		expect(invoice).toMatchObject({
			orderId: String(orderId),
			purchaseOrderNumber: 'PO-1001',
			magentoShipmentId: first,
			shipmentIndex: 1,
			shipmentIdentifier: `MAG-${first}`,
			invoiceNumber: `INV-${incrementId}-1`,
			shippedLines: [
				{ purchaseOrderNumber: 'PO-1001', itemSequenceNumber: '1', shippedQuantity: 1 },
			],
		});
		expect(invoice.purchaseOrders[0].lines.map((l: any) => l.status)).toEqual([
			'reject',
			'reject',
			'reject',
		]);
		const saveInvoice = {
			resource: 'shipment',
			operation: 'saveInvoice',
			orderId: String(orderId),
			magentoShipmentId: first,
			invoiceNumber: invoice.invoiceNumber,
		};
		expect(json(await run(saveInvoice))[0]).toMatchObject({ alreadySaved: false });
		expect(json(await run(saveInvoice))[0]).toMatchObject({ alreadySaved: true });
		const order = (await t.rest('GET', `/V1/orders/${orderId}`)).body;
		expect(markedRecords(order, 'AVC-INVOICE')).toEqual([
			{ shipment: first, asn: `MAG-${first}`, invoice: `INV-${incrementId}-1` },
		]);
		expect(json(await run(toInvoice))).toEqual([]);
		expect(json(await run(WAITING))).toEqual([]);

		await ship([{ sku: 'GADGET', qty: 2 }], '1Z2');
		const [second] = json(await run({ ...NEW, orderId: String(orderId) }));
		expect(second.shipmentIndex).toBe(2);
		expect(second.alreadyShipped).toEqual([
			{ purchaseOrderNumber: 'PO-1001', itemSequenceNumber: '1', shippedQuantity: 1 },
		]);
	});

	it('an unknown shipment, a shipment without an ASN record or bad lines name the field', async () => {
		await ship([{ sku: 'WIDGET', qty: 4 }], '1Z1');
		const base = { resource: 'shipment', orderId: String(orderId), magentoShipmentId: '999' };
		const asn = await run({
			...base,
			operation: 'saveAsn',
			shipmentIdentifier: 'MAG-999',
			shippedLines: [],
		}).catch((e: unknown) => e);
		expect((asn as NodeOperationError).message).toBe(`Order ${orderId} has no shipment 999`);
		expect((asn as NodeOperationError).description).toBe('Item 0, field magentoShipmentId.');
		const invoice = await run({ ...base, operation: 'saveInvoice', invoiceNumber: 'INV-1' }).catch(
			(e: unknown) => e,
		);
		expect((invoice as NodeOperationError).message).toMatch(/no ASN record .* for shipment 999/);
		const lines = await run({
			...base,
			operation: 'saveAsn',
			shipmentIdentifier: 'MAG-999',
			shippedLines: '{"not": "a list"}',
		}).catch((e: unknown) => e);
		expect((lines as NodeOperationError).description).toBe('Item 0, field shippedLines.');
		const po = await run({ ...NEW, orderId: String(orderId), purchaseOrder: '{oops' }).catch(
			(e: unknown) => e,
		);
		expect((po as NodeOperationError).description).toBe('Item 0, field purchaseOrder.');
		expect(await comments(orderId)).not.toEqual(
			expect.arrayContaining([expect.stringContaining('AVC-')]),
		);
	});

	it('a status of another PO gives no acknowledgement; an unreadable PO is passed on for Build ASN to name', () => {
		const [other] = purchaseOrdersFromAmazon(
			PO,
			{ ...STATUS, purchaseOrderNumber: 'PO-2' },
			MAPPING,
		);
		expect(other.acknowledgement).toBeUndefined();
		const failed = { error: 'Amazon answered 404' };
		expect(purchaseOrdersFromAmazon(failed, { error: 'no status' }, [])).toEqual([
			{ purchaseOrder: failed, lines: [], acknowledgement: undefined },
		]);
	});
});

const HOUR = 3_600_000;
const now = Date.parse('2026-03-02T12:00:00Z');
const windowPo = (extra: Record<string, unknown>) => ({
	purchaseOrderNumber: 'PO-1001',
	purchaseOrderState: 'Acknowledged',
	...extra,
});

describe('Magento (Vendor Central): when the unshipped rest is released', () => {
	it('closed at once; ship window, else delivery window, plus grace hours; never without the PO', () => {
		const end = '2026-03-02T10:00:00Z';
		expect(releaseDecision(windowPo({ purchaseOrderState: 'Closed' }), now, 0)).toMatchObject({
			due: true,
			why: 'closed',
			windowKind: null,
		});
		expect(releaseDecision(windowPo({ shipWindow: { end } }), now, 0)).toEqual({
			due: true,
			why: 'shipWindowEnded',
			amazonError: null,
			purchaseOrderState: 'Acknowledged',
			windowKind: 'ship',
			windowEnd: end,
			graceHours: 0,
			releaseAt: end,
		});
		const delivery = releaseDecision(windowPo({ deliveryWindow: { end } }), now, 3);
		expect(delivery).toMatchObject({ due: false, why: null, windowKind: 'delivery' });
		expect(delivery.releaseAt).toBe('2026-03-02T13:00:00Z');
		expect(releaseDecision(windowPo({ deliveryWindow: { end } }), now + 2 * HOUR, 3).why).toBe(
			'deliveryWindowEnded',
		);
		// A day alone ends at the next midnight UTC; a date-time without a zone is UTC.
		expect(releaseDecision(windowPo({ shipWindow: { end: '2026-03-01' } }), now, 0).windowEnd).toBe(
			'2026-03-02T00:00:00Z',
		);
		expect(
			releaseDecision(windowPo({ shipWindow: { end: '2026-03-02T11:30:00' } }), now, 0).windowEnd,
		).toBe('2026-03-02T11:30:00Z');
		expect(releaseDecision(windowPo({ shipWindow: { end: 'soon' } }), now, 0)).toMatchObject({
			due: false,
			windowKind: 'ship',
			windowEnd: null,
		});
		const failed = releaseDecision({ error: { message: 'Amazon answered 503' } }, now, 0);
		expect(failed).toMatchObject({ due: false, amazonError: 'Amazon answered 503' });
		expect(releaseDecision({}, now, 0).amazonError).toBe('Amazon answered no purchase order');
	});

	it('releasable = neither shipped, invoiced nor canceled; released = the growth of qty_canceled', () => {
		const order = {
			items: [
				{ item_id: 1, sku: 'A', qty_ordered: 10, qty_shipped: 4, qty_invoiced: 6, qty_canceled: 1 },
				{ item_id: 2, sku: 'B', qty_ordered: 5, qty_shipped: 0 },
				{ item_id: 3, sku: 'B-child', parent_item_id: 2, qty_ordered: 5 },
			],
		};
		const lines = releaseLinesOf(order);
		expect(lines.map((l) => [l.sku, l.releasable])).toEqual([
			['A', 3],
			['B', 5],
		]);
		const after = {
			items: [
				{ item_id: 1, qty_canceled: 4 },
				{ item_id: 2, qty_canceled: 0 },
			],
		};
		expect(releasedUnits(lines, after)).toEqual([{ sku: 'A', qty: 3, shipped: 4, ordered: 10 }]);
		expect(releasedUnits(lines, null).map((l) => l.qty)).toEqual([3, 5]);
	});
});

describe('Magento (Vendor Central): releasing the unshipped rest', () => {
	const LIST = {
		resource: 'order',
		operation: 'getPartlyShipped',
		customerId: '7',
		lookbackDays: 30,
	};
	const RELEASE = { resource: 'order', operation: 'releaseUnshipped' };
	const release = (purchaseOrder: unknown, graceHours = 0) =>
		run({ ...RELEASE, orderId: String(orderId), purchaseOrder, graceHours });
	const ended = windowPo({ shipWindow: { end: '2026-03-01T00:00:00Z' } });

	it('lists partly shipped orders, cancels the rest when due, notes it, and lists the order no more', async () => {
		expect(json(await run(LIST))).toEqual([]);
		await ship([{ sku: 'WIDGET', qty: 3 }], '1Z1');
		const [listed] = json(await run(LIST));
		expect(listed).toMatchObject({ orderId: String(orderId), purchaseOrderNumber: 'PO-1001' });
		expect(listed.lines.map((l: any) => [l.sku, l.shipped, l.releasable])).toEqual([
			['WIDGET', 3, 1],
			['GADGET', 0, 2],
		]);
		const open = json(await release(windowPo({ shipWindow: { end: '2026-03-03T00:00:00Z' } })));
		expect(open[0]).toMatchObject({ outcome: 'notDue', decision: { due: false } });
		const dry = json(
			await run({ ...RELEASE, orderId: String(orderId), purchaseOrder: ended, dryRun: true }),
		);
		expect(dry[0]).toMatchObject({ outcome: 'due', decision: { why: 'shipWindowEnded' } });
		expect(json(await run(LIST))).toHaveLength(1);
		const [done] = json(await release(ended));
		expect(done).toMatchObject({
			outcome: 'released',
			incrementId,
			releasedText: 'WIDGET x 1, GADGET x 2',
			shippedEaches: 3,
			orderStateAfter: 'canceled',
			commentAdded: true,
			whyText: 'the ship window ended at 2026-03-01T00:00:00Z',
		});
		expect(done.details).toMatchObject({
			magentoOrder: incrementId,
			why: 'shipWindowEnded',
			released: [
				{ sku: 'WIDGET', qty: 1 },
				{ sku: 'GADGET', qty: 2 },
			],
			shipped: [
				{ sku: 'WIDGET', qty: 3 },
				{ sku: 'GADGET', qty: 0 },
			],
		});
		expect((await comments(orderId)).at(-1)).toMatch(
			/^Amazon Vendor Central PO PO-1001: the rest of this order was canceled .* Released: WIDGET x 1, GADGET x 2\./,
		);
		expect(json(await run(LIST))).toEqual([]);
	});

	it('a cancel Magento refuses is the outcome failed with its answer; nothing is noted', async () => {
		await ship([{ sku: 'WIDGET', qty: 3 }], '1Z1');
		await t.ctl('POST', '/__sandbox/faults', {
			faults: [{ service: 'magento', operation: 'PostV1OrdersIdCancel', status: 500, count: 1 }],
		});
		const before = (await comments(orderId)).length;
		const [failed] = json(await release(windowPo({ purchaseOrderState: 'Closed' })));
		expect(failed).toMatchObject({
			outcome: 'failed',
			unreleasedText: 'WIDGET x 1, GADGET x 2',
			whyText: 'Amazon closed the PO',
		});
		expect(failed.magentoAnswer).toMatch(/^500 /);
		expect(failed.details).toMatchObject({
			why: 'closed',
			unreleased: [
				{ sku: 'WIDGET', qty: 1 },
				{ sku: 'GADGET', qty: 2 },
			],
		});
		expect(await comments(orderId)).toHaveLength(before);
		expect(json(await release(windowPo({ purchaseOrderState: 'Closed' })))[0].outcome).toBe(
			'released',
		);
	});

	it('bad grace hours or purchase order name the field', async () => {
		const grace = await release(ended, -1).catch((e: unknown) => e);
		expect((grace as NodeOperationError).description).toBe('Item 0, field graceHours.');
		const po = await release('{oops').catch((e: unknown) => e);
		expect((po as NodeOperationError).description).toBe('Item 0, field purchaseOrder.');
	});
});
