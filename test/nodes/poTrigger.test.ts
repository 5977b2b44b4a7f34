/** Vendor Central PO Trigger against the sandbox: emission, dedupe, failures, settle delay, still new, manual mode. */
import type { IDataObject } from 'n8n-workflow';
import { VendorCentralPoTrigger } from '../../nodes/VendorCentralPoTrigger/VendorCentralPoTrigger.node';
import { createContext } from '../helpers/n8nContext';
import { amazonOrder, startPackageSandbox, type PackageSandbox } from '../helpers/sandbox';

describe('Vendor Central PO Trigger (against the sandbox)', () => {
	let sandbox: PackageSandbox;
	const trigger = new VendorCentralPoTrigger();
	beforeEach(async () => {
		sandbox = await startPackageSandbox();
	});
	afterEach(async () => {
		jest.restoreAllMocks();
		await sandbox.close();
	});

	function poller(parameters: Record<string, unknown>, staticData: IDataObject = {}) {
		const store = sandbox.store();
		const make = (mode: 'manual' | 'trigger') =>
			createContext({
				store,
				poll: true,
				mode,
				staticData,
				parameters: {
					events: ['new'],
					settleMinutes: 0,
					ackDueHours: 20,
					filters: {},
					options: {},
					...parameters,
				},
			});
		return {
			staticData,
			poll: async () => trigger.poll.call(make('trigger')),
			manual: async () => trigger.poll.call(make('manual')),
		};
	}

	const numbers = (result: Awaited<ReturnType<VendorCentralPoTrigger['poll']>>) =>
		result ? result[0].map((i) => [i.json.event, i.json.purchaseOrderNumber]) : [];

	it('emits each new purchase order once, normalised with the raw object, and nothing on the next poll', async () => {
		sandbox.control.seed({
			amazon: {
				vendorCode: 'VEND1',
				purchaseOrders: [
					amazonOrder('PO000001', [{ asin: 'B0001', amount: 2, unit: 'Cases', unitSize: 12 }], {
						ageHours: 3,
					}),
					amazonOrder('PO000002', [{ asin: 'B0002', amount: 5 }], { ageHours: 2 }),
					amazonOrder('PO000OLD', [{ asin: 'B0003', amount: 5 }], { ageHours: 48 }),
				],
			},
		});
		const p = poller({});
		const first = await p.poll();
		expect(numbers(first)).toEqual([
			['new', 'PO000001'],
			['new', 'PO000002'],
		]);
		const item = first![0][0].json as Record<string, any>;
		expect(item.items[0].orderedEaches).toBe(24);
		expect(item.raw.orderDetails.items[0].orderedQuantity.unitOfMeasure).toBe('Cases');
		expect(await p.poll()).toBeNull();

		// A purchase order Amazon shows late, with a creation date inside the overlap, is still seen once.
		sandbox.control.seed({
			amazon: {
				purchaseOrders: [amazonOrder('PO000003', [{ asin: 'B0004', amount: 1 }], { ageHours: 1 })],
			},
		});
		expect(numbers(await p.poll())).toEqual([['new', 'PO000003']]);
		expect(await p.poll()).toBeNull();
	});

	it('emits a change once per change date, with the change date', async () => {
		sandbox.control.seed({
			amazon: {
				purchaseOrders: [
					amazonOrder(
						'PO000010',
						[
							{ asin: 'B0001', amount: 10 },
							{ asin: 'B0002', amount: 4 },
						],
						{ ageHours: 5 },
					),
				],
			},
		});
		const p = poller({ events: ['new', 'changed'] });
		expect(numbers(await p.poll())).toEqual([['new', 'PO000010']]);

		sandbox.control.changePurchaseOrder('PO000010', { cancelItems: ['2'] } as never);
		const changed = await p.poll();
		expect(numbers(changed)).toEqual([['changed', 'PO000010']]);
		const json = changed![0][0].json as Record<string, any>;
		expect(json.changeDate).toBe(json.purchaseOrderChangedDate);
		expect(json.items[1].orderedQuantity.amount).toBe(0);
		expect(await p.poll()).toBeNull();
	});

	it('leaves the cursor alone when a poll fails, and the next poll emits everything', async () => {
		sandbox.control.seed({
			amazon: {
				purchaseOrders: [amazonOrder('PO000020', [{ asin: 'B0001', amount: 1 }], { ageHours: 2 })],
			},
		});
		const p = poller({ events: ['new', 'changed'] });
		sandbox.control.addFaults([
			{ service: 'amazon', operation: 'getPurchaseOrders', status: 400, count: 1 },
		]);
		await expect(p.poll()).rejects.toThrow('Amazon SP-API getPurchaseOrders failed');
		expect(p.staticData.cursor).toBeUndefined();
		expect(numbers(await p.poll())).toEqual([['new', 'PO000020']]);
		expect(await p.poll()).toBeNull();
	});

	it('holds back a purchase order younger than the settle delay', async () => {
		sandbox.control.seed({
			amazon: {
				purchaseOrders: [
					amazonOrder('PO000030', [{ asin: 'B0001', amount: 1 }], { ageHours: 0.1 }),
					amazonOrder('PO000031', [{ asin: 'B0001', amount: 1 }], { ageHours: 2 }),
				],
			},
		});
		const p = poller({ settleMinutes: 30 });
		expect(numbers(await p.poll())).toEqual([['new', 'PO000031']]);
		const cursor = p.staticData.cursor as { createdCheckpoint: string };
		// The checkpoint stays at the unsettled purchase order's creation, so the next polls see it again.
		expect(Date.parse(cursor.createdCheckpoint)).toBeLessThanOrEqual(Date.now() - 0.09 * 3_600_000);
		expect(await p.poll()).toBeNull();
	});

	it('emits acknowledgement due once for a purchase order still New past the threshold', async () => {
		sandbox.control.seed({
			amazon: {
				purchaseOrders: [
					amazonOrder('PO000040', [{ asin: 'B0001', amount: 1 }], { ageHours: 21 }),
					amazonOrder('PO000041', [{ asin: 'B0001', amount: 1 }], { ageHours: 3 }),
				],
			},
		});
		const p = poller({ events: ['acknowledgementDue'], ackDueHours: 20 });
		const due = await p.poll();
		expect(numbers(due)).toEqual([['acknowledgementDue', 'PO000040']]);
		expect(due![0][0].json.ageHours).toBeGreaterThanOrEqual(21);
		expect(await p.poll()).toBeNull();
	});

	describe('still new', () => {
		const MIN = 60_000;
		const orderCalls = () =>
			sandbox.control.requests().filter((r) => r.path === '/vendor/orders/v1/purchaseOrders');
		/** Moves the node's clock only (the sandbox keeps real time): no waiting. */
		const clockAt = (ms: number) => jest.spyOn(Date, 'now').mockReturnValue(ms);
		const acknowledge = (number: string) => {
			sandbox.control.amazon.state.purchaseOrders.get(number)!.order.purchaseOrderState =
				'Acknowledged';
		};

		it(
			'offers a purchase order still New again N minutes after it was first ' +
				'emitted, at most once per N minutes, until it is acknowledged',
			async () => {
				sandbox.control.seed({
					amazon: {
						purchaseOrders: [
							amazonOrder('PO000070', [{ asin: 'B0001', amount: 2, unit: 'Cases', unitSize: 12 }], {
								ageHours: 3,
							}),
							amazonOrder('PO000071', [{ asin: 'B0002', amount: 5 }], { ageHours: 2 }),
						],
					},
				});
				const p = poller({
					events: ['new', 'acknowledgementDue', 'stillNew'],
					stillNewMinutes: 60,
				});
				const start = Date.now();
				clockAt(start);
				expect(numbers(await p.poll())).toEqual([
					['new', 'PO000070'],
					['new', 'PO000071'],
				]);
				// One call for new purchase orders, one state-New call for Acknowledgement Due and Still New together.
				expect(orderCalls().map((r) => r.query.purchaseOrderState)).toEqual([undefined, 'New']);

				// The intake runs failed: both are still New. Not before 60 minutes...
				clockAt(start + 59 * MIN);
				expect(await p.poll()).toBeNull();
				// ...then both are offered again, in the same shape as a new purchase order.
				clockAt(start + 61 * MIN);
				const again = await p.poll();
				expect(numbers(again)).toEqual([
					['stillNew', 'PO000070'],
					['stillNew', 'PO000071'],
				]);
				const item = again![0][0].json as Record<string, any>;
				const offeredAt = new Date(start + 61 * MIN).toISOString().replace(/\.\d{3}Z$/, 'Z');
				expect(item).toMatchObject({
					event: 'stillNew',
					eventKey: `stillNew:PO000070@${offeredAt}`,
					minutesSinceFirstEmitted: 61,
					purchaseOrderState: 'New',
				});
				expect(item.items[0].orderedEaches).toBe(24);
				expect(item.raw.orderDetails.items[0].orderedQuantity.unitOfMeasure).toBe('Cases');
				// At most once per 60 minutes.
				clockAt(start + 100 * MIN);
				expect(await p.poll()).toBeNull();

				// PO000070 was acknowledged (the retried intake succeeded): only PO000071 comes again, and PO000070 is forgotten.
				acknowledge('PO000070');
				clockAt(start + 121 * MIN);
				const third = await p.poll();
				expect(numbers(third)).toEqual([['stillNew', 'PO000071']]);
				expect(third![0][0].json.minutesSinceFirstEmitted).toBe(121);
				expect(Object.keys((p.staticData.cursor as { stillNew: object }).stillNew)).toEqual([
					'PO000071',
				]);
				// Five polls, two calls each: Still New adds no call to Acknowledgement Due's.
				expect(orderCalls().map((r) => r.query.purchaseOrderState)).toEqual(
					Array.from({ length: 5 }, () => [undefined, 'New']).flat(),
				);
			},
		);

		it(
			'without New Purchase Order: emits a purchase order still New once it ' +
				'is N minutes old; a failed poll leaves the cursor alone',
			async () => {
				sandbox.control.seed({
					amazon: {
						purchaseOrders: [
							amazonOrder('PO000080', [{ asin: 'B0001', amount: 1 }], { ageHours: 2 }),
							amazonOrder('PO000081', [{ asin: 'B0001', amount: 1 }], { ageHours: 0.5 }),
						],
					},
				});
				const p = poller({ events: ['stillNew'], stillNewMinutes: 60 });
				const start = Date.now();
				clockAt(start);
				const first = await p.poll();
				expect(numbers(first)).toEqual([['stillNew', 'PO000080']]);
				expect(first![0][0].json.minutesSinceFirstEmitted).toBe(0);
				const before = structuredClone(p.staticData.cursor);

				// 60 minutes later the poll's only call (the state-New one) fails: the cursor stays as it was.
				clockAt(start + 60 * MIN);
				sandbox.control.addFaults([
					{ service: 'amazon', operation: 'getPurchaseOrders', status: 400, count: 1 },
				]);
				await expect(p.poll()).rejects.toThrow('Amazon SP-API getPurchaseOrders failed');
				expect(orderCalls().map((r) => [r.query.purchaseOrderState, r.status])).toEqual([
					['New', 200],
					['New', 400],
				]);
				expect(p.staticData.cursor).toEqual(before);

				// The next poll offers PO000080 again and emits PO000081, now older than 60 minutes, for the first time.
				clockAt(start + 65 * MIN);
				const retried = await p.poll();
				expect(
					retried![0].map((i) => [i.json.purchaseOrderNumber, i.json.minutesSinceFirstEmitted]),
				).toEqual([
					['PO000080', 65],
					['PO000081', 0],
				]);
				expect(await p.poll()).toBeNull();
			},
		);
	});

	it('follows pages: 130 new purchase orders arrive, each once', async () => {
		const orders = Array.from({ length: 130 }, (_, i) =>
			amazonOrder(`PO${String(i).padStart(6, '0')}`, [{ asin: 'B0001', amount: 1 }], {
				ageHours: 3 - i / 100,
			}),
		);
		sandbox.control.seed({ amazon: { purchaseOrders: orders } });
		const p = poller({});
		const result = await p.poll();
		expect(result![0]).toHaveLength(130);
		expect(new Set(result![0].map((i) => i.json.purchaseOrderNumber)).size).toBe(130);
		const calls = sandbox.control
			.requests()
			.filter((r) => r.path === '/vendor/orders/v1/purchaseOrders');
		expect(calls.length).toBe(2);
	});

	it('Fetch Test Event returns the latest purchase order without moving the cursor, or says there is none', async () => {
		const p = poller({});
		await expect(p.manual()).rejects.toThrow(
			'No purchase order matching the filters was created in the last 24 hours',
		);
		sandbox.control.seed({
			amazon: {
				purchaseOrders: [
					amazonOrder('PO000050', [{ asin: 'B0001', amount: 1 }], { ageHours: 5 }),
					amazonOrder('PO000051', [{ asin: 'B0001', amount: 1 }], { ageHours: 1 }),
				],
			},
		});
		const sample = await p.manual();
		expect(numbers(sample)).toEqual([['new', 'PO000051']]);
		expect(p.staticData).toEqual({});
	});

	it('filters by vendor code and ship-to code', async () => {
		sandbox.control.seed({
			amazon: {
				purchaseOrders: [
					amazonOrder('PO000060', [{ asin: 'B0001', amount: 1 }], {
						vendorCode: 'VEND1',
						shipTo: 'ABE8',
					}),
					amazonOrder('PO000061', [{ asin: 'B0001', amount: 1 }], {
						vendorCode: 'VEND2',
						shipTo: 'ABE8',
					}),
					amazonOrder('PO000062', [{ asin: 'B0001', amount: 1 }], {
						vendorCode: 'VEND1',
						shipTo: 'ZZZ1',
					}),
				],
			},
		});
		const p = poller({ filters: { vendorCodes: 'VEND1, VEND3', shipToCodes: 'ABE8' } });
		expect(numbers(await p.poll())).toEqual([['new', 'PO000060']]);
	});
});
