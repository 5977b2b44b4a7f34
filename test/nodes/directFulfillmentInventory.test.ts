/**
 * Amazon Vendor Central > Direct Fulfillment Inventory > Submit Update against the sandbox: one
 * update built from the input items (the Send output of Available to Promise), validated against
 * Amazon's model, sent, and followed to Success with the DF Transactions API; a body as given; and
 * bad input refused before anything is sent.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { AmazonVendorCentral } from '../../nodes/AmazonVendorCentral/AmazonVendorCentral.node';
import { inventoryUpdateBody } from '../../nodes/shared/domain/stock';
import { createContext } from '../helpers/n8nContext';
import { startPackageSandbox, type PackageSandbox } from '../helpers/sandbox';

let sandbox: PackageSandbox;
const node = new AmazonVendorCentral();

const BASE = {
	resource: 'directFulfillmentInventory',
	operation: 'submitUpdate',
	warehouseId: 'DFW1',
	buildFrom: 'items',
	sellingPartyId: 'API01',
	isFullUpdate: false,
	asinField: 'asin',
	vendorProductField: 'sku',
	quantityField: 'available',
	obsoleteField: '',
	waitUntilFinal: true,
	maxWaitSeconds: 10,
	pollIntervalSeconds: 1,
};

const figures = (list: Array<[string, string, number]>): INodeExecutionData[] =>
	list.map(([asin, sku, available]) => ({
		json: { asin, sku, available, channel: 'directFulfillment' },
	}));

async function run(parameters: Record<string, unknown>, items: INodeExecutionData[]) {
	const ctx = createContext({
		store: sandbox.store(),
		parameters: { ...BASE, ...parameters },
		items,
	});
	const [out] = await node.execute.call(ctx);
	return out;
}

const warehouse = (id: string) =>
	((sandbox.control.state() as any).amazon.directFulfillmentInventory[id] ?? []).map((i: any) => [
		i.buyerProductIdentifier,
		i.vendorProductIdentifier,
		i.availableQuantity.amount,
		i.setBy,
	]);

beforeAll(async () => {
	sandbox = await startPackageSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

describe('Direct Fulfillment Inventory > Submit Update', () => {
	it('sends one update made of every input item and waits for Success', async () => {
		const out = await run(
			{},
			figures([
				['B0A', 'SKU-A', 12],
				['B0B', 'SKU-B', 0],
			]),
		);
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({
			status: 'Success',
			final: true,
			errors: [],
			warehouseId: 'DFW1',
			isFullUpdate: false,
			items: 2,
			itemsSent: [
				{ buyerProductIdentifier: 'B0A', vendorProductIdentifier: 'SKU-A', amount: 12 },
				{ buyerProductIdentifier: 'B0B', vendorProductIdentifier: 'SKU-B', amount: 0 },
			],
		});
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(warehouse('DFW1')).toEqual([
			['B0A', 'SKU-A', 12, 'item'],
			['B0B', 'SKU-B', 0, 'item'],
		]);
	});

	it('a full update sets what it leaves out to 0 at Amazon', async () => {
		await run(
			{},
			figures([
				['B0A', 'SKU-A', 12],
				['B0B', 'SKU-B', 5],
			]),
		);
		const out = await run({ isFullUpdate: true }, figures([['B0A', 'SKU-A', 10]]));
		expect(out[0].json).toMatchObject({ status: 'Success', isFullUpdate: true, items: 1 });
		expect(warehouse('DFW1')).toEqual([
			['B0A', 'SKU-A', 10, 'item'],
			['B0B', 'SKU-B', 0, 'fullUpdate'],
		]);
	});

	it("reports a Failure with Amazon's errors (another vendor code)", async () => {
		const out = await run({ sellingPartyId: 'OTHER' }, figures([['B0A', 'SKU-A', 1]]));
		expect(out[0].json.status).toBe('Failure');
		expect(JSON.stringify(out[0].json.errors)).toContain('inventory.sellingParty.partyId');
	});

	it('sends a body as given, one per item, and refuses one that breaks the model', async () => {
		const body = {
			inventory: {
				sellingParty: { partyId: 'API01' },
				isFullUpdate: false,
				items: [
					{
						vendorProductIdentifier: 'SKU-Z',
						availableQuantity: { amount: 3, unitOfMeasure: 'Each' },
					},
				],
			},
		};
		const out = await run({ buildFrom: 'body', body: JSON.stringify(body) }, [{ json: {} }]);
		expect(out[0].json.status).toBe('Success');
		expect(warehouse('DFW1')).toEqual([[undefined, 'SKU-Z', 3, 'item']]);
		const bad = {
			inventory: {
				...body.inventory,
				items: [{ vendorProductIdentifier: 'X', availableQuantity: { amount: 1 } }],
			},
		};
		const error = await run({ buildFrom: 'body', body: JSON.stringify(bad) }, [{ json: {} }]).catch(
			(e) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain("does not match Amazon's model: nothing was sent");
		expect(error.description).toContain(
			'inventory.items[0].availableQuantity.unitOfMeasure: is required',
		);
	});

	it('refuses an item without identifier or with a bad quantity, naming the item, and sends nothing', async () => {
		const noId = await run({}, [
			...figures([['B0A', 'SKU-A', 1]]),
			{ json: { available: 2 } },
		]).catch((e) => e);
		expect(noId).toBeInstanceOf(NodeOperationError);
		expect(noId.message).toBe(
			'item 1 has neither an ASIN (buyer product identifier) nor a vendor product identifier',
		);
		expect(noId.context.itemIndex).toBe(1);
		const badQuantity = await run({}, figures([['B0A', 'SKU-A', -1]])).catch((e) => e);
		expect(badQuantity.message).toContain('item 0: the available quantity must be a whole number');
		// n8n runs no node without input items; a body built from none is refused all the same.
		expect(() => inventoryUpdateBody([], { sellingPartyId: 'API01', isFullUpdate: true })).toThrow(
			'a full update with no item would set every item of the warehouse to 0',
		);
		expect(warehouse('DFW1')).toEqual([]);
		expect((sandbox.control.state() as any).amazon.transactions).toEqual([]);
	});
});
