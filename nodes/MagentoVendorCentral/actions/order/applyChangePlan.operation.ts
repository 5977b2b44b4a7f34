import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	fulfilmentStateOf,
	magentoChangeOf,
	orderCommentBody,
	type MagentoChange,
} from '../../../shared/domain/platforms/magento';
import { asNodeError } from '../../../shared/transport/errors';
import { magentoRequest, magentoSend } from '../../transport';
import { entityId, jsonObject, requiredText } from '../params';
import { show } from './common';
import { changeParameter, saveChangeSnapshot } from './changeSnapshot';
import { fillCart, placeOrder, type CreateContext } from './create.operation';

export const description: INodeProperties[] = [
	show(['applyChangePlan'], {
		displayName: 'Change Plan',
		name: 'plan',
		type: 'json',
		default: '={{ $json.plan }}',
		required: true,
		description: "Apply Change Order's plan: per SKU the target eaches and what the order has now",
	}),
	show(['applyChangePlan'], {
		displayName: 'Allow Cancel and Re-Create',
		name: 'allowCancelAndRecreate',
		type: 'boolean',
		default: false,
		description:
			'Whether an order nothing has happened to yet (new, nothing shipped or invoiced) is canceled and ' +
			'placed again with the new quantities; otherwise it is held for a person to edit',
	}),
];

async function hold(this: IExecuteFunctions, orderId: number, held: boolean, itemIndex: number) {
	if (held) return;
	await magentoRequest.call(this, {
		method: 'POST',
		path: `/orders/${orderId}/hold`,
		body: {},
		itemIndex,
		step: 'hold the order for the change',
	});
}

/** Cancels the order and places it again; a failure after the cancel is the result, not an error. */
async function recreate(
	this: IExecuteFunctions,
	orderId: number,
	change: MagentoChange,
	itemIndex: number,
): Promise<IDataObject> {
	const c: CreateContext = {
		itemIndex,
		purchaseOrderNumber: requiredText.call(
			this,
			'purchaseOrderNumber',
			'Purchase Order Number',
			itemIndex,
		),
		customerId: entityId.call(this, 'customerId', 'Customer ID', itemIndex),
		lines: change.newLines,
	};
	const canceled = await magentoSend.call(this, {
		method: 'POST',
		path: `/orders/${orderId}/cancel`,
		body: {},
		itemIndex,
	});
	if (canceled.body !== true) return { outcome: 'cancelRefused' };
	try {
		const newId = await placeOrder.call(this, c, await fillCart.call(this, c));
		const note =
			`Canceled because Amazon changed PO ${c.purchaseOrderNumber}: ` +
			`replaced by order entity ${newId} (${change.editText}).`;
		await magentoSend.call(this, {
			method: 'POST',
			path: `/orders/${orderId}/comments`,
			body: orderCommentBody(orderId, note) as unknown as IDataObject,
			itemIndex,
		});
		return { outcome: 'recreated', newOrderId: String(newId), canceledOrderId: String(orderId) };
	} catch (error) {
		return {
			outcome: 'recreateFailed',
			canceledOrderId: String(orderId),
			newLines: change.newLines as unknown as IDataObject[],
			error: `Order ${orderId} was canceled but its replacement was not placed: ${(error as Error).message}`,
		};
	}
}

/**
 * Applies the plan: `unchanged` when it changes nothing; `recreated` (the new order's id) when
 * cancel-and-recreate is allowed and possible; else the order is held (`held`, with the edits for a
 * person). `recreateFailed` says the old order is canceled and no replacement exists. With the
 * Change parameter, the order that stands gets the new PO snapshot (`snapshotSaved`). With a
 * Result Field, the input item with the result in that field.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = entityId.call(this, 'orderId', 'Order ID', itemIndex);
	const allow = this.getNodeParameter('allowCancelAndRecreate', itemIndex, false) as boolean;
	const applied = changeParameter.call(this, itemIndex);
	const order = await magentoRequest.call(this, {
		method: 'GET',
		path: `/orders/${orderId}`,
		itemIndex,
		step: 'read the order',
	});
	let change: MagentoChange;
	let held = false;
	try {
		const state = fulfilmentStateOf(order);
		held = state.magento.held;
		change = magentoChangeOf(jsonObject.call(this, 'plan', 'Change Plan', itemIndex), state, allow);
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
	const base = {
		orderId: String(orderId),
		incrementId: String((order as IDataObject).increment_id ?? ''),
		edits: change.edits as unknown as IDataObject[],
		editText: change.editText,
	};
	let result: IDataObject = { ...base, outcome: 'held' };
	if (change.edits.length === 0) result = { ...base, outcome: 'unchanged' };
	else if (change.canRecreate) {
		const recreated = await recreate.call(this, orderId, change, itemIndex);
		if (recreated.outcome !== 'cancelRefused') result = { ...base, ...recreated };
	}
	if (result.outcome === 'held') await hold.call(this, orderId, held, itemIndex);
	if (applied) {
		const standing = { id: orderId, answer: order as IDataObject, change };
		result = await saveChangeSnapshot.call(this, applied, result, standing, itemIndex);
	}
	const field = String(this.getNodeParameter('resultField', itemIndex, '') ?? '').trim();
	if (!field) return [result];
	return [{ ...this.getInputData()[itemIndex].json, [field]: result }];
}
