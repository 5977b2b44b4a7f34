import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	cartItemCalls,
	orderCommentBody,
	orderLinesOfAllocation,
	placeOrderBody,
	shippingInformationBody,
	tierPricesOf,
	type OrderLine,
} from '../../../shared/domain/platforms/magento';
import { InvalidInputError } from '../../../shared/domain/inputError';
import { asNodeError } from '../../../shared/transport/errors';
import { magentoErrorMessage, magentoRequest, magentoSend } from '../../transport';
import { entityId } from '../params';
import { createdAfterField, customerIdField, poNumberField, show } from './common';
import { lookUpOrderOfPo } from './lookup';
import { addPoSnapshot, orderInputs, type OrderInputs } from './snapshot';

const text = (name: string, displayName: string, value: string, description: string) =>
	show(['create', 'applyChangePlan'], {
		displayName,
		name,
		type: 'string',
		default: value,
		description,
	});

/** A parameter of Create when its source is the allocation and purchase order parameters. */
const fromParameters = (property: Omit<INodeProperties, 'displayOptions'>): INodeProperties => ({
	...property,
	displayOptions: {
		show: { resource: ['order'], operation: ['create'], source: ['parameters'] },
	},
});

export const description: INodeProperties[] = [
	poNumberField(['findByPo', 'create', 'applyChangePlan']),
	customerIdField(['create', 'findByPo', 'applyChangePlan']),
	{
		...createdAfterField(['create', 'findByPo']),
		displayOptions: {
			show: { resource: ['order'], operation: ['create', 'findByPo'] },
			hide: { source: ['acknowledgedPo'] },
		},
	},
	fromParameters({
		displayName: 'Allocation',
		name: 'allocation',
		type: 'json',
		default: '={{ $json.allocation }}',
		required: true,
		description:
			"Acknowledge PO's allocation: the order gets accepted + backordered eaches of each of its SKUs",
	}),
	text('customerEmail', 'Customer Email', '', 'Used when the Amazon customer has no email'),
	text(
		'shippingCarrierCode',
		'Shipping Carrier Code',
		'freeshipping',
		'The carrier of the shipping method',
	),
	text(
		'shippingMethodCode',
		'Shipping Method Code',
		'freeshipping',
		'The method of the shipping carrier',
	),
	show(['create'], {
		displayName: 'Price Customer Group',
		name: 'customerGroup',
		type: 'string',
		default: '',
		description:
			"Customer group whose tier prices are set to the PO's net costs before ordering; empty sets none",
	}),
	fromParameters({
		displayName: 'Purchase Order',
		name: 'purchaseOrder',
		type: 'json',
		default: '={{ $json.purchaseOrder }}',
		description:
			'The normalised purchase order whose net costs become the prices (used with Price Customer Group)',
	}),
	show(['create'], {
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'A comment added to the new order (for example the PO snapshot); empty adds none',
	}),
];

export interface CreateContext {
	itemIndex: number;
	customerId: number;
	purchaseOrderNumber: string;
	lines: OrderLine[];
}

async function setPrices(
	this: IExecuteFunctions,
	c: CreateContext,
	inputs: OrderInputs,
	group: string,
): Promise<void> {
	let prices;
	try {
		prices = tierPricesOf(inputs.allocation, inputs.purchaseOrder, group);
	} catch (error) {
		throw asNodeError(this.getNode(), error, c.itemIndex);
	}
	if (prices.length === 0) return;
	const rejected = await magentoRequest.call(this, {
		method: 'POST',
		path: '/products/tier-prices',
		body: { prices } as unknown as IDataObject,
		itemIndex: c.itemIndex,
		step: `set the prices of customer group ${group}`,
	});
	if (Array.isArray(rejected) && rejected.length > 0) {
		throw new InvalidInputError(
			`Magento rejected prices of customer group ${group}: ` +
				`${rejected.map(magentoErrorMessage).join('; ')}. No cart was touched.`,
			'customerGroup',
			c.itemIndex,
		);
	}
}

/** The customer's cart with exactly the lines; answers the cart id. Stops at the first failed call. */
export async function fillCart(this: IExecuteFunctions, c: CreateContext): Promise<string> {
	const cartId = String(
		await magentoRequest.call(this, {
			method: 'POST',
			path: `/customers/${c.customerId}/carts`,
			body: {},
			itemIndex: c.itemIndex,
			step: 'open the customer cart',
		}),
	);
	const existing = await magentoRequest.call(this, {
		method: 'GET',
		path: `/carts/${encodeURIComponent(cartId)}/items`,
		itemIndex: c.itemIndex,
		step: 'read the cart',
	});
	for (const call of cartItemCalls(cartId, existing, c.lines)) {
		const reply = await magentoSend.call(this, { ...call, itemIndex: c.itemIndex });
		if (reply.status < 200 || reply.status >= 300) {
			throw new InvalidInputError(
				`Magento refused cart line ${call.sku} x ${call.qty} (${call.method} ${reply.status}: ` +
					`${magentoErrorMessage(reply.body)}). No order was placed for PO ${c.purchaseOrderNumber}; ` +
					`cart ${cartId} is corrected by the next run before it is ordered.`,
				`allocation.skus[sku=${call.sku}]`,
				c.itemIndex,
			);
		}
	}
	return cartId;
}

export async function placeOrder(
	this: IExecuteFunctions,
	c: CreateContext,
	cartId: string,
): Promise<number> {
	const customer = await magentoRequest.call(this, {
		method: 'GET',
		path: `/customers/${c.customerId}`,
		itemIndex: c.itemIndex,
		step: 'read the Amazon customer',
	});
	let shipping;
	try {
		shipping = shippingInformationBody(
			customer,
			String(this.getNodeParameter('customerEmail', c.itemIndex, '')),
			String(this.getNodeParameter('shippingCarrierCode', c.itemIndex, 'freeshipping')),
			String(this.getNodeParameter('shippingMethodCode', c.itemIndex, 'freeshipping')),
		);
	} catch (error) {
		throw asNodeError(this.getNode(), error, c.itemIndex);
	}
	const cart = `/carts/${encodeURIComponent(cartId)}`;
	const step = `no order was placed; cart ${cartId}`;
	await magentoRequest.call(this, {
		method: 'POST',
		path: `${cart}/shipping-information`,
		body: shipping as unknown as IDataObject,
		itemIndex: c.itemIndex,
		step: `set the shipping information (${step})`,
	});
	const orderId = await magentoRequest.call(this, {
		method: 'PUT',
		path: `${cart}/order`,
		body: placeOrderBody(c.purchaseOrderNumber) as unknown as IDataObject,
		itemIndex: c.itemIndex,
		step: `place the order (${step})`,
	});
	return Number(orderId);
}

/** The lines to order; an allocation that orders nothing is an error. */
function orderLines(this: IExecuteFunctions, allocation: unknown, itemIndex: number): OrderLine[] {
	try {
		const lines = orderLinesOfAllocation(allocation);
		if (lines.length > 0) return lines;
		throw new InvalidInputError(
			'The allocation orders no eaches: there is no order to create',
			'allocation.skus',
		);
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}

/** Adds the comment to the new order; a failure is reported in the result (the order stands). */
async function addComment(
	this: IExecuteFunctions,
	result: IDataObject,
	newId: number,
	itemIndex: number,
): Promise<IDataObject> {
	const comment = String(this.getNodeParameter('comment', itemIndex, '') ?? '').trim();
	if (!comment) return result;
	const reply = await magentoSend.call(this, {
		method: 'POST',
		path: `/orders/${newId}/comments`,
		body: orderCommentBody(newId, comment) as unknown as IDataObject,
		itemIndex,
	});
	const ok = reply.status >= 200 && reply.status < 300;
	return {
		...result,
		commentAdded: ok,
		...(ok ? {} : { commentError: magentoErrorMessage(reply.body) }),
	};
}

/**
 * Creates the order of a purchase order through the customer cart, unless the customer already
 * has a live order with this PO number (then that one is answered with `created: false`). A
 * failed cart step places no order; the next run reuses and corrects the customer's cart.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const inputs = orderInputs.call(this, itemIndex);
	const { acknowledged } = inputs;
	const existing = await lookUpOrderOfPo.call(this, itemIndex, false, inputs.createdAfterMs);
	const { orderId, incrementId, purchaseOrderNumber } = existing;
	if (existing.found) {
		const found = { id: Number(orderId), answer: existing.order };
		const snapshotAdded = acknowledged
			? await addPoSnapshot.call(this, acknowledged, found, purchaseOrderNumber, itemIndex)
			: false;
		const result = { created: false, purchaseOrderNumber, orderId, incrementId };
		return [{ ...result, state: existing.state, snapshotAdded }];
	}
	const c: CreateContext = {
		itemIndex,
		purchaseOrderNumber,
		customerId: entityId.call(this, 'customerId', 'Customer ID', itemIndex),
		lines: orderLines.call(this, inputs.allocation, itemIndex),
	};
	const group = String(this.getNodeParameter('customerGroup', itemIndex, '') ?? '').trim();
	if (group) await setPrices.call(this, c, inputs, group);
	const cartId = await fillCart.call(this, c);
	const newId = await placeOrder.call(this, c, cartId);
	const order = (await magentoRequest.call(this, {
		method: 'GET',
		path: `/orders/${newId}`,
		itemIndex,
		step: 'read the new order',
	})) as IDataObject;
	const result: IDataObject = {
		created: true,
		purchaseOrderNumber,
		orderId: String(newId),
		incrementId: String(order.increment_id ?? ''),
		state: String(order.state ?? ''),
		cartId,
		lines: c.lines as unknown as IDataObject[],
	};
	const withComment = await addComment.call(this, result, newId, itemIndex);
	if (!acknowledged) return [withComment];
	const placed = { id: newId, answer: null };
	await addPoSnapshot.call(this, acknowledged, placed, purchaseOrderNumber, itemIndex);
	return [{ ...withComment, snapshotAdded: true }];
}
