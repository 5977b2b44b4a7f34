import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { orderCommentBody } from '../../../shared/domain/platforms/magento';
import { magentoRequest } from '../../transport';
import { entityId, requiredText } from '../params';
import { show } from './common';

export const description: INodeProperties[] = [
	show(['addComment'], {
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description:
			'The text of the order comment (not shown to the customer), for example the ASN or invoice number sent to Amazon',
	}),
	show(['addComment'], {
		displayName: 'Status',
		name: 'status',
		type: 'string',
		default: '',
		description: "The order status to set with the comment; empty keeps the order's status",
	}),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const orderId = entityId.call(this, 'orderId', 'Order ID', itemIndex);
	const comment = requiredText.call(this, 'comment', 'Comment', itemIndex);
	const status = String(this.getNodeParameter('status', itemIndex, '') ?? '').trim();
	await magentoRequest.call(this, {
		method: 'POST',
		path: `/orders/${orderId}/comments`,
		body: orderCommentBody(orderId, comment, status || undefined),
		itemIndex,
		step: 'add the order comment',
	});
	return [{ orderId: String(orderId), comment, added: true }];
}
