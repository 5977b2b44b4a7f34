/**
 * Sending documents to Amazon: every body is validated against the schema generated from Amazon's
 * model first, and nothing is sent if it fails. Amazon answers 202 with a transactionId; the
 * caller may then wait for the final status.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ZodTypeAny } from 'zod';
import { SubmitAcknowledgementRequestSchema } from '../generated/vendorOrders';
import { SubmitInvoicesRequestSchema } from '../generated/vendorInvoices';
import {
	SubmitShipmentConfirmationsRequestSchema,
	SubmitShipmentsSchema,
} from '../generated/vendorShipments';
import { formatIssues, validateAgainst } from '../domain/validation';
import {
	callOperation,
	transactionIdOf,
	waitForTransaction,
	type AmazonError,
	type SpApiContext,
	type TransactionStatus,
	type TransportOptions,
} from './spApi';

export type DocumentKind = 'acknowledgement' | 'shipmentConfirmation' | 'shipment' | 'invoice';

interface DocumentSpec {
	/** The POST operation of the table (operations.ts) that sends the document. */
	operation:
		| 'submitAcknowledgement'
		| 'submitShipmentConfirmations'
		| 'submitShipments'
		| 'submitInvoices';
	/** Key of the array of documents in the request body. */
	listKey: string;
	schema: ZodTypeAny;
	label: string;
}

export const DOCUMENTS: Record<DocumentKind, DocumentSpec> = {
	acknowledgement: {
		operation: 'submitAcknowledgement',
		listKey: 'acknowledgements',
		schema: SubmitAcknowledgementRequestSchema,
		label: 'acknowledgement',
	},
	shipmentConfirmation: {
		operation: 'submitShipmentConfirmations',
		listKey: 'shipmentConfirmations',
		schema: SubmitShipmentConfirmationsRequestSchema,
		label: 'shipment confirmation',
	},
	shipment: {
		operation: 'submitShipments',
		listKey: 'shipments',
		schema: SubmitShipmentsSchema,
		label: 'shipment',
	},
	invoice: {
		operation: 'submitInvoices',
		listKey: 'invoices',
		schema: SubmitInvoicesRequestSchema,
		label: 'invoice',
	},
};

/**
 * Accepts the full request body ({acknowledgements: [...]}), an array of documents or one
 * document, and returns the full request body.
 */
export function wrapDocuments(kind: DocumentKind, input: unknown): IDataObject {
	const { listKey } = DOCUMENTS[kind];
	if (Array.isArray(input)) return { [listKey]: input };
	if (input && typeof input === 'object' && !(listKey in (input as object))) {
		const payload = (input as { payload?: unknown }).payload;
		if (payload && typeof payload === 'object' && listKey in (payload as object))
			return payload as IDataObject;
		return { [listKey]: [input] };
	}
	return input as IDataObject;
}

/** Validates a request body; throws a NodeOperationError listing every field path and reason. */
export function validateDocument(
	this: SpApiContext,
	kind: DocumentKind,
	body: unknown,
	itemIndex: number,
): IDataObject {
	const spec = DOCUMENTS[kind];
	// Unknown keys are refused rather than dropped: they are typos of fields Amazon would not see.
	const result = validateAgainst(spec.schema, body, { unknownKeys: 'reject' });
	const issues = result.ok ? [] : [...result.issues];
	const list = (body as Record<string, unknown> | null)?.[spec.listKey];
	if (result.ok && (!Array.isArray(list) || list.length === 0)) {
		issues.push({ path: spec.listKey, message: `must hold at least one ${spec.label}` });
	}
	if (issues.length) {
		throw new NodeOperationError(
			this.getNode(),
			`The ${spec.label} does not match Amazon's model: nothing was sent ` +
				`(${issues.length} problem${issues.length === 1 ? '' : 's'})`,
			{ itemIndex, description: formatIssues(issues) },
		);
	}
	return body as IDataObject;
}

export interface SubmissionResult {
	transactionId: string;
	status: TransactionStatus | 'Submitted';
	final: boolean;
	errors: AmazonError[];
	requestId?: string;
}

export interface WaitOptions {
	maxWaitMs: number;
	intervalMs: number;
}

/** Validates, sends, and optionally waits for the transaction to reach Success or Failure. */
export async function submitDocument(
	this: SpApiContext,
	kind: DocumentKind,
	body: unknown,
	itemIndex: number,
	wait?: WaitOptions,
	options: TransportOptions = {},
): Promise<SubmissionResult> {
	const spec = DOCUMENTS[kind];
	const valid = validateDocument.call(this, kind, body, itemIndex);
	const response = await callOperation(this, spec.operation, { body: valid, itemIndex }, options);
	const transactionId = transactionIdOf(response.body);
	if (!transactionId) {
		throw new NodeOperationError(
			this.getNode(),
			`Amazon accepted the ${spec.label} (HTTP ${response.status}) but returned no transactionId`,
			{
				itemIndex,
				description: response.requestId ? `x-amzn-RequestId: ${response.requestId}` : undefined,
			},
		);
	}
	if (!wait) {
		return {
			transactionId,
			status: 'Submitted',
			final: false,
			errors: [],
			requestId: response.requestId,
		};
	}
	const final = await waitForTransaction.call(this, transactionId, wait, itemIndex, options);
	return {
		transactionId,
		status: final.status,
		final: final.final,
		errors: final.errors,
		requestId: response.requestId,
	};
}
