/**
 * Sending a Direct Fulfillment inventory update: the body is validated against the schema generated
 * from Amazon's model (vendorDirectFulfillmentInventoryV1) and nothing is sent if it fails; Amazon
 * answers 202 with a transactionId, whose status is read with the DF Transactions API.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { SubmitInventoryUpdateRequestSchema } from '../generated/vendorDirectFulfillmentInventoryV1';
import { formatIssues, validateAgainst } from '../domain/validation';
import type { SubmissionResult, WaitOptions } from './documents';
import {
	callOperation,
	transactionIdOf,
	waitForTransaction,
	type SpApiContext,
	type TransportOptions,
} from './spApi';

export interface InventoryUpdateResult extends SubmissionResult {
	warehouseId: string;
	isFullUpdate: boolean;
	items: number;
	/** What was sent per item: its identifiers and quantity (to record what Amazon was told). */
	itemsSent: Array<{
		buyerProductIdentifier?: string;
		vendorProductIdentifier?: string;
		amount: number;
	}>;
}

interface SentItem {
	buyerProductIdentifier?: string;
	vendorProductIdentifier?: string;
	availableQuantity?: { amount?: number };
}

/** Validates, sends to the warehouse, and waits for Success or Failure when asked. */
export async function submitInventoryUpdate(
	this: SpApiContext,
	warehouseId: string,
	body: unknown,
	itemIndex: number,
	wait?: WaitOptions,
	options: TransportOptions = {},
): Promise<InventoryUpdateResult> {
	const node = this.getNode();
	if (!warehouseId.trim())
		throw new NodeOperationError(node, 'Warehouse ID is required: nothing was sent', { itemIndex });
	const result = validateAgainst(SubmitInventoryUpdateRequestSchema, body, {
		unknownKeys: 'reject',
	});
	const inventory = (body as { inventory?: { isFullUpdate?: boolean; items?: SentItem[] } })
		?.inventory;
	const issues = result.ok ? [] : [...result.issues];
	if (result.ok && !inventory) issues.push({ path: 'inventory', message: 'is required' });
	if (issues.length)
		throw new NodeOperationError(
			node,
			"The inventory update does not match Amazon's model: nothing was sent " +
				`(${issues.length} problem${issues.length === 1 ? '' : 's'})`,
			{ itemIndex, description: formatIssues(issues) },
		);
	const response = await callOperation(
		this,
		'submitInventoryUpdate',
		{ pathParams: { warehouseId }, body: body as IDataObject, itemIndex },
		options,
	);
	const transactionId = transactionIdOf(response.body);
	if (!transactionId)
		throw new NodeOperationError(
			node,
			`Amazon accepted the inventory update (HTTP ${response.status}) but returned no transactionId`,
			{ itemIndex },
		);
	const facts = {
		warehouseId,
		isFullUpdate: inventory?.isFullUpdate === true,
		items: inventory?.items?.length ?? 0,
		itemsSent: (inventory?.items ?? []).map((i) => ({
			...(i.buyerProductIdentifier ? { buyerProductIdentifier: i.buyerProductIdentifier } : {}),
			...(i.vendorProductIdentifier ? { vendorProductIdentifier: i.vendorProductIdentifier } : {}),
			amount: i.availableQuantity?.amount ?? 0,
		})),
		requestId: response.requestId,
	};
	if (!wait) return { transactionId, status: 'Submitted', final: false, errors: [], ...facts };
	const final = await waitForTransaction.call(
		this,
		transactionId,
		wait,
		itemIndex,
		options,
		'getDirectFulfillmentTransaction',
	);
	return {
		transactionId,
		status: final.status,
		final: final.final,
		errors: final.errors,
		...facts,
	};
}
