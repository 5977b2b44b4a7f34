/**
 * The payments of every input item: the item's CSV export or X12 820 (a binary file or the Text
 * parameter), or the Finances API. A document that cannot be read stops the node, or with Continue
 * On Fail becomes an Exceptions item.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { decodeCsvBytes, parseRemittanceCsv } from '../shared/domain/remittance/csv';
import type { PaymentCandidate } from '../shared/domain/remittance/posting';
import { RemittanceFormatError, type RemittancePayment } from '../shared/domain/remittance/types';
import { parseRemittance820 } from '../shared/domain/remittance/x12';
import { asNodeError } from '../shared/transport/errors';
import { fetchFinances } from './finances';
import { text } from './inputs';
import type { RunOptions } from './options';

export interface ReadPayments {
	candidates: PaymentCandidate[];
	/** Exceptions items of documents or API calls that failed (with Continue On Fail). */
	failures: INodeExecutionData[];
}

/** The document text of one item: its binary file (UTF-8 or UTF-16 with BOM) or the Text parameter. */
async function readDocument(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	const readFrom = context.getNodeParameter('readFrom', itemIndex, 'binary') as string;
	if (readFrom === 'text') {
		const value = context.getNodeParameter('text', itemIndex, '') as unknown;
		if (typeof value !== 'string') {
			throw new NodeOperationError(context.getNode(), `The Text of item ${itemIndex} is not text`, {
				itemIndex,
			});
		}
		return value;
	}
	const property = text(context.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const item = context.getInputData(0)[itemIndex];
	if (!item.binary?.[property]) {
		const found = Object.keys(item.binary ?? {}).join(', ') || 'none';
		throw new NodeOperationError(
			context.getNode(),
			`Item ${itemIndex} has no binary field "${property}"`,
			{
				itemIndex,
				description: `Fields found: ${found}. Set Input Binary Field, or read the document from Text.`,
			},
		);
	}
	const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	return decodeCsvBytes(buffer);
}

function parseDocument(document: string, options: RunOptions): RemittancePayment[] {
	if (options.source === 'x12820') return parseRemittance820(document, options.x12).payments;
	return parseRemittanceCsv(document, options.csv).payments;
}

/** The error of a document that cannot be read, or its Exceptions item with Continue On Fail. */
function documentFailure(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	source: RunOptions['source'],
): INodeExecutionData {
	const what = source === 'csv' ? 'remittance CSV' : 'X12 820 document';
	const message = `The ${what} of item ${itemIndex} cannot be read: ${(error as Error).message}`;
	const formatError = error instanceof RemittanceFormatError ? error : undefined;
	if (!context.continueOnFail()) {
		throw new NodeOperationError(context.getNode(), message, {
			itemIndex,
			description: formatError
				? 'Nothing was posted. Fix the document (or the column names under CSV Options) and run again.'
				: undefined,
		});
	}
	const json: IDataObject = {
		reason: 'invalidDocument',
		source: source === 'csv' ? 'csv' : 'x12-820',
		message,
	};
	if (formatError) {
		const where = {
			line: formatError.line,
			column: formatError.column,
			segment: formatError.segment,
			element: formatError.element,
		};
		for (const [key, value] of Object.entries(where)) if (value !== undefined) json[key] = value;
	}
	return { json, pairedItem: { item: itemIndex } };
}

function apiFailure(error: unknown, itemIndex: number): INodeExecutionData {
	return {
		json: {
			reason: 'apiError',
			source: 'finances-api',
			message: (error as Error).message,
			description: (error as { description?: string }).description ?? null,
		},
		pairedItem: { item: itemIndex },
	};
}

async function readItem(
	context: IExecuteFunctions,
	itemIndex: number,
	options: RunOptions,
): Promise<PaymentCandidate[]> {
	if (options.source === 'financesApi') return await fetchFinances(context, itemIndex, options);
	const document = await readDocument(context, itemIndex);
	return parseDocument(document, options).map((payment) => ({
		paymentNumber: payment.paymentNumber,
		itemIndex,
		payment,
		warnings: [],
	}));
}

/** The payments of every input item, in order. */
export async function readPayments(
	context: IExecuteFunctions,
	itemCount: number,
	options: RunOptions,
): Promise<ReadPayments> {
	const result: ReadPayments = { candidates: [], failures: [] };
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			result.candidates.push(...(await readItem(context, itemIndex, options)));
		} catch (error) {
			if (options.source !== 'financesApi') {
				result.failures.push(documentFailure(context, error, itemIndex, options.source));
			} else if (context.continueOnFail()) {
				result.failures.push(apiFailure(error, itemIndex));
			} else throw asNodeError(context.getNode(), error, itemIndex);
		}
	}
	return result;
}
