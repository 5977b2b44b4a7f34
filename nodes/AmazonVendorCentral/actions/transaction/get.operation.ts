import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { waitFields } from '../../../shared/descriptions/submission';
import { getTransaction, waitForTransaction } from '../../../shared/transport/spApi';
import { waitOptions } from '../document/common';

export const description: INodeProperties[] = [
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { resource: ['transaction'], operation: ['get'] } },
		description: 'The transactionId Amazon returned for a submission',
	},
	...waitFields(['transaction'], ['get']),
];

/** The status of a submitted document (getTransaction), or its final status when waiting. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const transactionId = String(this.getNodeParameter('transactionId', itemIndex)).trim();
	if (!transactionId) {
		throw new NodeOperationError(this.getNode(), 'Transaction ID is empty', { itemIndex });
	}
	const wait = waitOptions(this, itemIndex);
	const result = wait
		? await waitForTransaction.call(this, transactionId, wait, itemIndex)
		: await getTransaction.call(this, transactionId, itemIndex);
	return [result as unknown as IDataObject];
}
