/**
 * Direct Fulfillment inventory (vendorDirectFulfillmentInventoryV1): submitInventoryUpdate
 * (POST /vendor/directFulfillment/inventory/v1/warehouses/{warehouseId}/items) is checked against
 * Amazon's model, then a transaction whose rules run when it settles; Success applies it to the
 * warehouse's items. A partial update changes only the items it lists; a full update
 * (`isFullUpdate: true`) also sets every item of the warehouse it leaves out to 0, as the model
 * says ("Any items not in the full feed are updated as not available").
 *
 * Its transaction status is read with the Direct Fulfillment Transactions API 2021-12-28
 * (getTransactionStatus), which answers `{ transactionStatus }` without a `payload` wrapper.
 */
import type { Route } from '../http/router';
import { invalidInput, notFound } from './errors';
import { accepted, amazonOperation, readModelBody } from './operation';
import type { AmazonSimulator } from './simulator';
import type { DirectFulfillmentItem, TransactionRecord } from './state';
import type { AmazonError } from './types';

export const DF_INVENTORY_MODEL = 'vendorDirectFulfillmentInventoryV1.json';

interface ItemDetails {
	buyerProductIdentifier?: string;
	vendorProductIdentifier?: string;
	availableQuantity: { amount?: number; unitOfMeasure: string };
	isObsolete?: boolean;
}

interface InventoryUpdateBody {
	inventory?: {
		sellingParty: { partyId: string };
		isFullUpdate: boolean;
		items: ItemDetails[];
	};
}

/** The key of an item: its buyer product id (ASIN) when given, else its vendor product id. */
function itemKey(item: { buyerProductIdentifier?: string; vendorProductIdentifier?: string }) {
	const asin = item.buyerProductIdentifier?.trim();
	if (asin) return `asin:${asin}`;
	const vendor = item.vendorProductIdentifier?.trim();
	return vendor ? `vendor:${vendor}` : '';
}

/** The rules the model states in words, checked when the transaction settles. */
export function checkInventoryUpdate(body: InventoryUpdateBody, vendorCode: string): AmazonError[] {
	const errors: AmazonError[] = [];
	const inventory = body.inventory;
	if (!inventory)
		return [{ code: 'InvalidInput', message: 'inventory is required.', details: 'inventory' }];
	if (inventory.sellingParty.partyId !== vendorCode)
		errors.push({
			code: 'InvalidInput',
			message: `The selling party ${inventory.sellingParty.partyId} is not this vendor (${vendorCode}).`,
			details: 'inventory.sellingParty.partyId',
		});
	if (inventory.items.length === 0)
		errors.push({
			code: 'InvalidInput',
			message: 'The update lists no item.',
			details: 'inventory.items',
		});
	const seen = new Map<string, number>();
	inventory.items.forEach((item, i) => {
		const path = `inventory.items[${i}]`;
		const key = itemKey(item);
		if (!key)
			errors.push({
				code: 'InvalidInput',
				message: 'Either buyerProductIdentifier or vendorProductIdentifier should be submitted.',
				details: path,
			});
		else if (seen.has(key))
			errors.push({
				code: 'InvalidInput',
				message: `The item is listed twice (first at items[${seen.get(key)}]).`,
				details: path,
			});
		else seen.set(key, i);
		const amount = item.availableQuantity.amount;
		if (amount === undefined || amount < 0)
			errors.push({
				code: 'InvalidInput',
				message: 'availableQuantity.amount must be a quantity of 0 or more.',
				details: `${path}.availableQuantity.amount`,
			});
	});
	return errors;
}

function applyUpdate(
	sim: AmazonSimulator,
	warehouseId: string,
	body: InventoryUpdateBody,
	tx: TransactionRecord,
) {
	const inventory = body.inventory!;
	const now = sim.clock.nowIso();
	let items = sim.state.directFulfillmentInventory.get(warehouseId);
	if (!items) sim.state.directFulfillmentInventory.set(warehouseId, (items = new Map()));
	const listed = new Set<string>();
	for (const item of inventory.items) {
		const key = itemKey(item);
		listed.add(key);
		const record: DirectFulfillmentItem = {
			...(item.buyerProductIdentifier
				? { buyerProductIdentifier: item.buyerProductIdentifier }
				: {}),
			...(item.vendorProductIdentifier
				? { vendorProductIdentifier: item.vendorProductIdentifier }
				: {}),
			availableQuantity: {
				amount: item.availableQuantity.amount ?? 0,
				unitOfMeasure: item.availableQuantity.unitOfMeasure,
			},
			isObsolete: item.isObsolete === true,
			transactionId: tx.transactionId,
			setBy: 'item',
			updatedAt: now,
		};
		items.set(key, record);
	}
	if (!inventory.isFullUpdate) return;
	for (const [key, record] of items) {
		if (listed.has(key)) continue;
		items.set(key, {
			...record,
			availableQuantity: { ...record.availableQuantity, amount: 0 },
			transactionId: tx.transactionId,
			setBy: 'fullUpdate',
			updatedAt: now,
		});
	}
}

/** A JSON view of every warehouse's items, for the state read of the control API. */
export function directFulfillmentView(
	sim: AmazonSimulator,
): Record<string, DirectFulfillmentItem[]> {
	const out: Record<string, DirectFulfillmentItem[]> = {};
	for (const [warehouse, items] of sim.state.directFulfillmentInventory)
		out[warehouse] = [...items.values()];
	return out;
}

const TRANSACTION_ID = /^\d{14}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function directFulfillmentRoutes(sim: AmazonSimulator): Route[] {
	return [
		amazonOperation(
			sim,
			{
				method: 'POST',
				path: '/vendor/directFulfillment/inventory/v1/warehouses/{warehouseId}/items',
				operation: 'submitInventoryUpdate',
			},
			(req) => {
				const warehouseId = req.params.warehouseId;
				if (!warehouseId?.trim()) throw invalidInput('warehouseId is required.');
				const body = readModelBody<InventoryUpdateBody>(
					sim,
					req,
					DF_INVENTORY_MODEL,
					'SubmitInventoryUpdateRequest',
				);
				const tx = sim.registerTransaction({
					kind: 'directFulfillmentInventory',
					operation: 'submitInventoryUpdate',
					references: [warehouseId],
					errors: () => checkInventoryUpdate(body, sim.state.vendorCode),
					onSuccess: (t) => applyUpdate(sim, warehouseId, body, t),
				});
				return accepted(tx.transactionId);
			},
		),
		amazonOperation(
			sim,
			{
				method: 'GET',
				path: '/vendor/directFulfillment/transactions/2021-12-28/transactions/{transactionId}',
				operation: 'getTransactionStatus',
			},
			(req) => {
				const id = req.params.transactionId;
				if (!TRANSACTION_ID.test(id)) throw invalidInput('Invalid transaction ID.');
				const record = sim.transactions.get(id);
				if (!record || record.kind !== 'directFulfillmentInventory')
					throw notFound('The transaction was not found.', `transactionId ${id}`);
				const transactionStatus: Record<string, unknown> = {
					transactionId: record.transactionId,
					status: record.status,
				};
				if (record.status === 'Failure') transactionStatus.errors = record.errors;
				return { status: 200, body: { transactionStatus } };
			},
		),
	];
}
