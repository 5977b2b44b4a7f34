import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { callOperation, payloadOf } from '../../../shared/transport/spApi';
import type { RawOrder } from '../../../shared/transport/orders';
import { shape, show } from './common';

export const description: INodeProperties[] = [
	{
		displayName: 'Purchase Order Number',
		name: 'purchaseOrderNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2JK3S9VC',
		displayOptions: show(['get']),
		description: 'The 8-character purchase order number',
	},
];

/** One purchase order by its number (getPurchaseOrder). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const number = String(this.getNodeParameter('purchaseOrderNumber', itemIndex)).trim();
	if (!number) {
		throw new NodeOperationError(this.getNode(), 'Purchase Order Number is empty', { itemIndex });
	}
	const outputShape = this.getNodeParameter('outputShape', itemIndex, 'amazon') as string;
	const response = await callOperation(this, 'getPurchaseOrder', {
		pathParams: { purchaseOrderNumber: number },
		itemIndex,
	});
	return [shape(this, payloadOf<RawOrder>(response.body), outputShape, itemIndex)];
}
