/**
 * The n8n side of the building nodes (Build ASN, Build Invoice): their two outputs (Submitted or
 * Built, Exceptions), the dry run and wait parameters, and sending one document to Amazon.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { DocumentKind, WaitOptions } from '../transport/documents';
import { submitDocument } from '../transport/documents';
import { asNodeError } from '../transport/errors';
import type { ParameterReader } from './parameters';

/** Dry Run and, when sending, how long to wait for the transaction (the shared submitFields). */
export interface SubmissionOptions {
	dryRun: boolean;
	/** Undefined: do not wait (a dry run, or Wait Until Final off). */
	wait?: WaitOptions;
}

export function readSubmission(parameters: ParameterReader): SubmissionOptions {
	const dryRun = parameters.flag('dryRun', false);
	if (dryRun || !parameters.flag('waitUntilFinal', true)) return { dryRun };
	const seconds = (name: string, fallback: number) => parameters.number(name, fallback) * 1000;
	return {
		dryRun,
		wait: {
			maxWaitMs: seconds('maxWaitSeconds', 300),
			intervalMs: seconds('pollIntervalSeconds', 10),
		},
	};
}

/** The two outputs, each item paired with the input item it came from. */
export class BuiltOutputs {
	readonly built: INodeExecutionData[] = [];
	readonly exceptions: INodeExecutionData[] = [];

	done(itemIndex: number, json: IDataObject): void {
		this.built.push({ json, pairedItem: { item: itemIndex } });
	}

	exception(itemIndex: number, json: IDataObject): void {
		this.exceptions.push({ json, pairedItem: { item: itemIndex } });
	}

	/** A dry run: the document as built, not sent. */
	notSent(itemIndex: number, built: IDataObject): void {
		this.done(itemIndex, { ...built, dryRun: true, status: 'NotSent' });
	}

	lists(): INodeExecutionData[][] {
		return [this.built, this.exceptions];
	}
}

/**
 * Sends one document and returns `built` with the transaction's id, status and errors. An API error
 * goes to Exceptions (reason `apiError`) and gives undefined; any other error stops the node, unless
 * Continue On Fail is set.
 */
export async function submitItem(
	this: IExecuteFunctions,
	kind: DocumentKind,
	request: unknown,
	itemIndex: number,
	sending: { wait?: WaitOptions; built: IDataObject; outputs: BuiltOutputs },
): Promise<IDataObject | undefined> {
	try {
		const result = await submitDocument.call(this, kind, request, itemIndex, sending.wait);
		return {
			...sending.built,
			transactionId: result.transactionId,
			status: result.status,
			final: result.final,
			errors: result.errors as unknown as IDataObject[],
		};
	} catch (error) {
		if (!(error instanceof NodeApiError) && !this.continueOnFail())
			throw asNodeError(this.getNode(), error, itemIndex);
		sending.outputs.exception(itemIndex, {
			...sending.built,
			reason: 'apiError',
			message: (error as Error).message,
			description: (error as NodeApiError).description ?? null,
		});
		return undefined;
	}
}
