import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import {
	submitDocument,
	wrapDocuments,
	type DocumentKind,
	type WaitOptions,
} from '../../shared/transport/documents';
import { getTransaction, waitForTransaction } from '../../shared/transport/spApi';

function waitOptions(this: IExecuteFunctions, itemIndex: number): WaitOptions | undefined {
	if (!(this.getNodeParameter('waitUntilFinal', itemIndex, false) as boolean)) return undefined;
	const maxWaitSeconds = this.getNodeParameter('maxWaitSeconds', itemIndex, 300) as number;
	const pollIntervalSeconds = this.getNodeParameter('pollIntervalSeconds', itemIndex, 10) as number;
	return { maxWaitMs: maxWaitSeconds * 1000, intervalMs: pollIntervalSeconds * 1000 };
}

function readBody(this: IExecuteFunctions, itemIndex: number): unknown {
	const raw = this.getNodeParameter('body', itemIndex) as unknown;
	if (typeof raw !== 'string') return raw;
	try {
		return jsonParse(raw);
	} catch {
		throw new NodeOperationError(this.getNode(), 'Body (JSON) is not valid JSON', { itemIndex });
	}
}

export async function submit(
	this: IExecuteFunctions,
	kind: DocumentKind,
	itemIndex: number,
): Promise<IDataObject[]> {
	const body = wrapDocuments(kind, readBody.call(this, itemIndex));
	const result = await submitDocument.call(
		this,
		kind,
		body,
		itemIndex,
		waitOptions.call(this, itemIndex),
	);
	return [result as unknown as IDataObject];
}

export async function getTransactionStatus(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const transactionId = String(this.getNodeParameter('transactionId', itemIndex)).trim();
	if (!transactionId) {
		throw new NodeOperationError(this.getNode(), 'Transaction ID is empty', { itemIndex });
	}
	const wait = waitOptions.call(this, itemIndex);
	const result = wait
		? await waitForTransaction.call(this, transactionId, wait, itemIndex)
		: await getTransaction.call(this, transactionId, itemIndex);
	return [result as unknown as IDataObject];
}
