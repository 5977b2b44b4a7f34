/**
 * Products and inventory: productVariants by SKU with inventory levels and quantities,
 * inventorySetQuantities and inventoryAdjustQuantities with the 2026-04 rules (idempotency key,
 * changeFromQuantity).
 */
import {
	inventoryItemGid,
	locationGid,
	SHOP_SEED,
	startShopifySandbox,
	stock,
	type ShopifyTestSandbox,
} from './testing';

let sb: ShopifyTestSandbox;

beforeAll(async () => {
	sb = await startShopifySandbox();
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.control.reset();
	sb.control.seed({ shopify: SHOP_SEED });
});

const BY_SKU = `query BySku($q: String!) {
  productVariants(first: 5, query: $q) {
    nodes {
      id sku barcode price inventoryPolicy inventoryQuantity
      product { title vendor }
      inventoryItem {
        id tracked
        inventoryLevels(first: 5) {
          nodes { location { id name } quantities(names: ["available", "committed", "on_hand",
            "incoming", "damaged", "reserved", "safety_stock", "quality_control"]) { name quantity } }
        }
      }
      asin: metafield(namespace: "amazon", key: "asin") { value }
    }
  }
}`;

const SET = `mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id reason referenceDocumentUri changes { name delta quantityAfterChange
      item { id } location { name } } }
    userErrors { field message code }
  }
}`;

const ADJUST = `mutation Adjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id reason changes { name delta quantityAfterChange ledgerDocumentUri } }
    userErrors { field message code }
  }
}`;

function quantities(level: any): Record<string, number> {
	return Object.fromEntries(level.quantities.map((q: any) => [q.name, q.quantity]));
}

describe('productVariants(query: "sku:…")', () => {
	it('finds a variant by SKU with its inventory item, levels and every quantity name', async () => {
		const r = await sb.gql(BY_SKU, { q: 'sku:ESP-1000' });
		expect(r.body.errors).toBeUndefined();
		const [v] = r.body.data.productVariants.nodes;
		expect(v).toMatchObject({
			sku: 'ESP-1000',
			barcode: '8806098286500',
			price: '149.0',
			inventoryPolicy: 'DENY',
			inventoryQuantity: 50,
			product: { title: 'Espresso Machine', vendor: 'Acme' },
			asin: { value: 'B07DFVDRAB' },
		});
		const levels = v.inventoryItem.inventoryLevels.nodes;
		expect(levels.map((l: any) => l.location.name)).toEqual(['Main warehouse', 'Overflow']);
		expect(quantities(levels[0])).toEqual({
			available: 40,
			committed: 0,
			on_hand: 40,
			incoming: 0,
			damaged: 0,
			reserved: 0,
			safety_stock: 0,
			quality_control: 0,
		});
		// on_hand counts damaged but not incoming.
		expect(quantities(levels[1])).toEqual({
			available: 10,
			committed: 0,
			on_hand: 11,
			incoming: 24,
			damaged: 1,
			reserved: 0,
			safety_stock: 0,
			quality_control: 0,
		});
	});

	it('matches SKUs whole and case-insensitively; an unknown SKU gives no nodes', async () => {
		expect(
			(await sb.gql(BY_SKU, { q: 'sku:esp-1000' })).body.data.productVariants.nodes,
		).toHaveLength(1);
		expect((await sb.gql(BY_SKU, { q: 'sku:ESP' })).body.data.productVariants.nodes).toHaveLength(
			0,
		);
		expect((await sb.gql(BY_SKU, { q: 'sku:ESP*' })).body.data.productVariants.nodes).toHaveLength(
			1,
		);
		expect(
			(await sb.gql(BY_SKU, { q: 'sku:ESP-1000 OR sku:FRO-200' })).body.data.productVariants.nodes,
		).toHaveLength(2);
		expect((await sb.gql(BY_SKU, { q: 'sku:NOPE-1' })).body.data.productVariants.nodes).toEqual([]);
	});

	it('refuses an unknown quantity name', async () => {
		const r = await sb.gql(
			'{ productVariants(first: 1) { nodes { inventoryItem { inventoryLevels(first: 1) { ' +
				'nodes { quantities(names: ["sellable"]) { quantity } } } } } } }',
		);
		expect(r.body.errors[0].message).toMatch(/^The quantity names 'sellable' are not valid\./);
	});
});

describe('inventorySetQuantities (2026-04)', () => {
	const input = (
		sku: string,
		quantity: number,
		changeFromQuantity: number | null,
		extra: Record<string, unknown> = {},
	) => ({
		reason: 'correction',
		name: 'available',
		referenceDocumentUri: 'logistics://cycle-count/2026-03-02',
		quantities: [
			{
				inventoryItemId: inventoryItemGid(sb, sku),
				locationId: locationGid(sb, 'Main warehouse'),
				quantity,
				changeFromQuantity,
				...extra,
			},
		],
	});

	it('sets available (compare-and-set) and reports available and on_hand changes', async () => {
		const r = await sb.gql(SET, { input: input('ESP-1000', 35, 40), key: 'k-1' });
		expect(r.body.data.inventorySetQuantities.userErrors).toEqual([]);
		const group = r.body.data.inventorySetQuantities.inventoryAdjustmentGroup;
		expect(group.id).toMatch(/^gid:\/\/shopify\/InventoryAdjustmentGroup\/\d+$/);
		expect(group.changes).toEqual([
			{
				name: 'available',
				delta: -5,
				quantityAfterChange: 35,
				item: { id: inventoryItemGid(sb, 'ESP-1000') },
				location: { name: 'Main warehouse' },
			},
			{
				name: 'on_hand',
				delta: -5,
				quantityAfterChange: 35,
				item: { id: inventoryItemGid(sb, 'ESP-1000') },
				location: { name: 'Main warehouse' },
			},
		]);
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 35, on_hand: 35 });
	});

	it('refuses a stale changeFromQuantity (CHANGE_FROM_QUANTITY_STALE) and changes nothing', async () => {
		const r = await sb.gql(SET, { input: input('ESP-1000', 35, 39), key: 'k-2' });
		expect(r.body.data.inventorySetQuantities).toEqual({
			inventoryAdjustmentGroup: null,
			userErrors: [
				{
					field: ['input', 'quantities', '0', 'changeFromQuantity'],
					message: expect.stringContaining('does not match'),
					code: 'CHANGE_FROM_QUANTITY_STALE',
				},
			],
		});
		expect(stock(sb, 'ESP-1000').available).toBe(40);
	});

	it('requires changeFromQuantity: a number or an explicit null', async () => {
		const omitted = input('ESP-1000', 30, null);
		delete (omitted.quantities[0] as Record<string, unknown>).changeFromQuantity;
		const r = await sb.gql(SET, { input: omitted, key: 'k-3' });
		expect(r.body.errors[0]).toMatchObject({
			path: ['inventorySetQuantities'],
			extensions: { code: 'INVALID_FIELD_ARGUMENTS' },
		});
		expect(r.body.errors[0].message).toMatch(/changeFromQuantity is required/);
		expect(stock(sb, 'ESP-1000').available).toBe(40);
		const optOut = await sb.gql(SET, { input: input('ESP-1000', 30, null), key: 'k-4' });
		expect(optOut.body.data.inventorySetQuantities.userErrors).toEqual([]);
		expect(stock(sb, 'ESP-1000').available).toBe(30);
	});

	it('requires the @idempotent directive and replays a repeated key without applying twice', async () => {
		const noKey = await sb.gql(
			'mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }',
			{ input: input('ESP-1000', 30, 40) },
		);
		expect(noKey.body.errors[0].message).toMatch(
			/requires an idempotency key as of API version 2026-04/,
		);
		expect(noKey.body.data).toEqual({ inventorySetQuantities: null });

		const first = await sb.gql(SET, { input: input('ESP-1000', 30, 40), key: 'same-key' });
		const again = await sb.gql(SET, { input: input('ESP-1000', 30, 40), key: 'same-key' });
		expect(again.body.data.inventorySetQuantities).toEqual(first.body.data.inventorySetQuantities);
		expect(stock(sb, 'ESP-1000').available).toBe(30);

		const other = await sb.gql(SET, { input: input('ESP-1000', 20, 30), key: 'same-key' });
		expect(other.body.data.inventorySetQuantities.userErrors).toEqual([
			{
				field: null,
				message: 'The same idempotency key cannot be used with different operation parameters.',
				code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
			},
		]);
		expect(stock(sb, 'ESP-1000').available).toBe(30);

		// The key expires after 24 hours.
		sb.clock.advance(24 * 60 * 60 * 1000 + 1);
		const later = await sb.gql(SET, { input: input('ESP-1000', 20, 30), key: 'same-key' });
		expect(later.body.data.inventorySetQuantities.userErrors).toEqual([]);
	});

	it('refuses a key whose earlier call failed (IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED)', async () => {
		await sb.gql(SET, { input: input('ESP-1000', 35, 1), key: 'failing' });
		const retry = await sb.gql(SET, { input: input('ESP-1000', 35, 1), key: 'failing' });
		expect(retry.body.data.inventorySetQuantities.userErrors[0].code).toBe(
			'IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED',
		);
	});

	it('sets on_hand through available and checks names, reasons, items and locations', async () => {
		const onHand = await sb.gql(SET, {
			input: { ...input('ESP-1000', 50, 40), name: 'on_hand' },
			key: 'k-5',
		});
		expect(onHand.body.data.inventorySetQuantities.userErrors).toEqual([]);
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 50, on_hand: 50 });

		const bad = await sb.gql(SET, {
			input: {
				reason: 'because',
				name: 'committed',
				quantities: [
					{
						inventoryItemId: 'gid://shopify/InventoryItem/1',
						locationId: locationGid(sb, 'Main warehouse'),
						quantity: 1,
						changeFromQuantity: null,
					},
					{
						inventoryItemId: inventoryItemGid(sb, 'FRO-200'),
						locationId: locationGid(sb, 'Overflow'),
						quantity: 1,
						changeFromQuantity: null,
					},
					{
						inventoryItemId: inventoryItemGid(sb, 'ESP-1000'),
						locationId: locationGid(sb, 'Main warehouse'),
						quantity: -1,
						changeFromQuantity: null,
					},
				],
			},
			key: 'k-6',
		});
		expect(bad.body.data.inventorySetQuantities.userErrors.map((e: any) => e.code)).toEqual([
			'INVALID_NAME',
			'INVALID_REASON',
			'INVALID_INVENTORY_ITEM',
			'ITEM_NOT_STOCKED_AT_LOCATION',
			'INVALID_QUANTITY_NEGATIVE',
		]);
		expect(stock(sb, 'ESP-1000').available).toBe(50);
	});
});

describe('inventoryAdjustQuantities (2026-04)', () => {
	const change = (
		sku: string,
		delta: number,
		changeFromQuantity: number | null,
		extra: Record<string, unknown> = {},
	) => ({
		inventoryItemId: inventoryItemGid(sb, sku),
		locationId: locationGid(sb, 'Main warehouse'),
		delta,
		changeFromQuantity,
		...extra,
	});

	it('adjusts available by a delta, all-or-nothing with changeFromQuantity checks', async () => {
		const r = await sb.gql(ADJUST, {
			input: {
				reason: 'received',
				name: 'available',
				changes: [change('ESP-1000', 12, 40), change('FRO-200', -2, null)],
			},
			key: 'a-1',
		});
		expect(r.body.data.inventoryAdjustQuantities.userErrors).toEqual([]);
		expect(r.body.data.inventoryAdjustQuantities.inventoryAdjustmentGroup.changes).toEqual([
			{ name: 'available', delta: 12, quantityAfterChange: 52, ledgerDocumentUri: null },
			{ name: 'on_hand', delta: 12, quantityAfterChange: 52, ledgerDocumentUri: null },
			{ name: 'available', delta: -2, quantityAfterChange: 3, ledgerDocumentUri: null },
			{ name: 'on_hand', delta: -2, quantityAfterChange: 3, ledgerDocumentUri: null },
		]);
		const stale = await sb.gql(ADJUST, {
			input: {
				reason: 'received',
				name: 'available',
				changes: [change('ESP-1000', 1, 52), change('FRO-200', 1, 99)],
			},
			key: 'a-2',
		});
		expect(stale.body.data.inventoryAdjustQuantities.userErrors).toEqual([
			{
				field: ['input', 'changes', '1', 'changeFromQuantity'],
				message: expect.any(String),
				code: 'CHANGE_FROM_QUANTITY_STALE',
			},
		]);
		expect(stock(sb, 'ESP-1000').available).toBe(52);
		expect(stock(sb, 'FRO-200').available).toBe(3);
	});

	it('adjusts other states with a ledger document; committed cannot be adjusted', async () => {
		const damaged = await sb.gql(ADJUST, {
			input: {
				reason: 'damaged',
				name: 'damaged',
				changes: [change('ESP-1000', 2, 0, { ledgerDocumentUri: 'logistics://damage/1' })],
			},
			key: 'a-3',
		});
		expect(damaged.body.data.inventoryAdjustQuantities.userErrors).toEqual([]);
		expect(stock(sb, 'ESP-1000')).toMatchObject({ available: 40, damaged: 2, on_hand: 42 });

		const noLedger = await sb.gql(ADJUST, {
			input: { reason: 'damaged', name: 'damaged', changes: [change('ESP-1000', 1, null)] },
			key: 'a-4',
		});
		expect(noLedger.body.data.inventoryAdjustQuantities.userErrors[0].code).toBe(
			'INVALID_LEDGER_DOCUMENT',
		);
		const committed = await sb.gql(ADJUST, {
			input: { reason: 'correction', name: 'committed', changes: [change('ESP-1000', 1, null)] },
			key: 'a-5',
		});
		expect(committed.body.data.inventoryAdjustQuantities.userErrors[0].code).toBe(
			'INVALID_QUANTITY_NAME',
		);
		expect(stock(sb, 'ESP-1000')).toMatchObject({ damaged: 2, committed: 0 });
	});

	it('requires changeFromQuantity and the idempotency key', async () => {
		const c = change('ESP-1000', 1, null) as Record<string, unknown>;
		delete c.changeFromQuantity;
		const omitted = await sb.gql(ADJUST, {
			input: { reason: 'received', name: 'available', changes: [c] },
			key: 'a-6',
		});
		expect(omitted.body.errors[0].extensions.code).toBe('INVALID_FIELD_ARGUMENTS');
		const blankKey = await sb.gql(ADJUST, {
			input: { reason: 'received', name: 'available', changes: [change('ESP-1000', 1, null)] },
			key: '  ',
		});
		expect(blankKey.body.errors[0].message).toBe(
			'The idempotency key cannot be an empty string or whitespace only.',
		);
		expect(stock(sb, 'ESP-1000').available).toBe(40);
	});
});

describe('catalogue reads', () => {
	it('reads products, variants, inventory items and levels, locations and the shop; unknown ids give null', async () => {
		const esp = (await sb.gql(BY_SKU, { q: 'sku:ESP-1000' })).body.data.productVariants.nodes[0];
		const r = await sb.gql(
			`query($variant: ID!, $item: ID!, $location: ID!) {
				products(first: 10, query: "tag:amazon-vc") { nodes { title handle totalInventory variants(first: 5)
					{ nodes { sku } } } }
				productVariant(id: $variant) { displayName inventoryItem { sku } }
				inventoryItems(first: 5, query: "sku:FRO-200") { nodes { sku tracked } }
				inventoryItem(id: $item) { inventoryLevel(locationId: $location) { id quantities(names:
					["available"]) { quantity } } }
				locations(first: 5) { nodes { name isActive address { city } inventoryLevel(inventoryItemId: $item) {
					quantities(names: ["on_hand"]) { quantity } } } }
				location { name }
				shop { myshopifyDomain currencyCode }
				nodes(ids: [$variant, "gid://shopify/Order/999999"]) { __typename id }
				missing: productVariant(id: "gid://shopify/ProductVariant/999999") { id }
			}`,
			{ variant: esp.id, item: esp.inventoryItem.id, location: locationGid(sb, 'Overflow') },
		);
		expect(r.body.errors).toBeUndefined();
		const d = r.body.data;
		expect(d.products.nodes).toEqual([
			{
				title: 'Espresso Machine',
				handle: 'espresso-machine',
				totalInventory: 50,
				variants: { nodes: [{ sku: 'ESP-1000' }] },
			},
		]);
		expect(d.productVariant).toEqual({
			displayName: 'Espresso Machine - Default Title',
			inventoryItem: { sku: 'ESP-1000' },
		});
		expect(d.inventoryItems.nodes).toEqual([{ sku: 'FRO-200', tracked: true }]);
		expect(d.inventoryItem.inventoryLevel.id).toMatch(
			/^gid:\/\/shopify\/InventoryLevel\/\d+\?inventory_item_id=\d+$/,
		);
		expect(d.inventoryItem.inventoryLevel.quantities).toEqual([{ quantity: 10 }]);
		expect(d.locations.nodes).toEqual([
			{
				name: 'Main warehouse',
				isActive: true,
				address: { city: 'Reno' },
				inventoryLevel: { quantities: [{ quantity: 40 }] },
			},
			{
				name: 'Overflow',
				isActive: true,
				address: { city: null },
				inventoryLevel: { quantities: [{ quantity: 11 }] },
			},
		]);
		expect(d.location).toEqual({ name: 'Main warehouse' });
		expect(d.shop).toEqual({
			myshopifyDomain: 'acme-wholesale.myshopify.com',
			currencyCode: 'USD',
		});
		expect(d.nodes).toEqual([{ __typename: 'ProductVariant', id: esp.id }, null]);
		expect(d.missing).toBeNull();
		const level = await sb.gql(
			'query($id: ID!) { inventoryLevel(id: $id) { location { name } } }',
			{ id: d.inventoryItem.inventoryLevel.id },
		);
		expect(level.body.data.inventoryLevel).toEqual({ location: { name: 'Overflow' } });
	});
});
