/**
 * Available to Promise in n8n's real engine: stock rows on the first input (field names of the
 * source), the record of the last figures sent on the second, and the three outputs. Bad input stops
 * the node naming the item and the field.
 */
import type { INodeParameters } from 'n8n-workflow';
import { AvailableToPromise } from '../../nodes/AvailableToPromise/AvailableToPromise.node';
import { TEST_ITEMS, packageType, runWorkflow, workflow } from '../helpers/workflowHarness';

const NODE_TYPE = packageType('availableToPromise');
const nodeTypes = { [NODE_TYPE]: AvailableToPromise };

const PARAMETERS = {
	fields: { sku: 'variant.sku', onHand: 'available', committed: 'reserved' },
	allocation: 'share',
	channels: {
		channel: [
			{
				name: 'vendorCentral',
				share: 60,
				cap: '',
				bufferEaches: 0,
				reservePercent: 0,
				wholeCases: true,
			},
			{ name: 'sellerCentral', share: 40, cap: '10', bufferEaches: 0, reservePercent: 0 },
		],
	},
	safetyStock: 0,
	guard: true,
	options: {},
};

function build(
	stock: INodeParameters[],
	lastSent: INodeParameters[],
	parameters: INodeParameters = PARAMETERS,
) {
	return workflow()
		.trigger('Trigger')
		.node('Stock', TEST_ITEMS, { items: stock })
		.node('Last Sent', TEST_ITEMS, { items: lastSent })
		.node('Available to Promise', NODE_TYPE, parameters)
		.connect('Trigger', 'Stock')
		.connect('Trigger', 'Last Sent')
		.connect('Stock', 'Available to Promise')
		.connect('Last Sent', 'Available to Promise', { input: 1 })
		.build();
}

const STOCK = [
	{ variant: { sku: 'CASE-12' }, available: '54', reserved: 4, casePack: 12 },
	{ variant: { sku: 'LOOSE' }, available: 20, reserved: 0 },
];

describe('Available to Promise node', () => {
	it('computes each channel from the fields of the source and sorts the figures onto Send and Held', async () => {
		const last = [
			{ sku: 'CASE-12', channel: 'vendorCentral', available: 24 },
			{ sku: 'GONE', channel: 'vendorCentral', available: 12 },
		];
		// An empty item (a Data Table read that always outputs data, on an empty table) is no row.
		const run = await runWorkflow(build(STOCK, [...last, {}]), { nodeTypes });
		expect(run.status).toBe('success');
		const [send, held, stopped] = run.outputs('Available to Promise');
		// CASE-12: 50 eaches, 30 to Vendor Central in whole cases of 12 (24 = 2 cases, unchanged),
		// 20 to Seller Central capped at 10. LOOSE: 12 and 8.
		expect(
			send.map((i) => [i.json.channel, i.json.sku, i.json.available, i.json.previous]),
		).toEqual([
			['vendorCentral', 'LOOSE', 12, null],
			['sellerCentral', 'CASE-12', 10, null],
			['sellerCentral', 'LOOSE', 8, null],
		]);
		expect(send.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 0 }, { item: 1 }]);
		// Each figure carries its stock row, for the fields the next nodes need (an ASIN, say).
		expect(send[0].json.row).toEqual(STOCK[1]);
		expect(held.map((i) => i.json)).toEqual([
			{
				sku: 'GONE',
				channel: 'vendorCentral',
				available: null,
				previous: 12,
				reason: 'notInStockRows',
			},
		]);
		expect(stopped).toEqual([]);
	});

	it('puts one exception row per stopped channel on Stopped and sends nothing for it', async () => {
		const last = [
			{ sku: 'CASE-12', channel: 'vendorCentral', available: 24 },
			{ sku: 'LOOSE', channel: 'vendorCentral', available: 12 },
		];
		const empty = STOCK.map((s) => ({ ...s, available: 0, reserved: 0 }));
		const run = await runWorkflow(build(empty, last), { nodeTypes });
		expect(run.status).toBe('success');
		const [send, , stopped] = run.outputs('Available to Promise');
		expect(send.every((i) => i.json.channel === 'sellerCentral')).toBe(true);
		expect(stopped).toHaveLength(1);
		expect(stopped[0].json).toMatchObject({
			type: 'stock_guard_stopped',
			ownerRole: 'operations',
			purchaseOrderNumber: '',
			channel: 'vendorCentral',
			zeroed: ['CASE-12', 'LOOSE'],
		});
		expect(typeof stopped[0].json.details).toBe('string');
	});

	it('stops the execution naming the stock row and the field of a bad quantity', async () => {
		const bad = [STOCK[0], { variant: { sku: 'LOOSE' }, available: 'twenty' }];
		const run = await runWorkflow(build(bad, []), { nodeTypes });
		expect(run.status).toBe('error');
		expect(run.errorNode).toBe('Available to Promise');
		expect(run.error?.message).toBe(
			'rows[1].onHand must be a whole number of 0 or more, got "twenty" (field rows[1].onHand)',
		);
	});

	it('stops on a cap that is not a number, before anything is computed', async () => {
		const parameters = {
			...PARAMETERS,
			channels: { channel: [{ name: 'vendorCentral', cap: 'ten' }] },
		};
		const run = await runWorkflow(build(STOCK, [], parameters), { nodeTypes });
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain(
			'channel 1: Cap must be a whole number of eaches or empty',
		);
	});
});
