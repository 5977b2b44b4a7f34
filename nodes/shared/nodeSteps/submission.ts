/**
 * The n8n side of the building nodes (Build ASN, Build Invoice): their two outputs (Submitted or
 * Built, Exceptions), the dry run and wait parameters, and sending one document to Amazon.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { Json } from '../domain/values';
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

	/** An item already sorted by its domain step. */
	add(itemIndex: number, sorted: { output: 'built' | 'exception'; json: Json }): void {
		if (sorted.output === 'built') this.done(itemIndex, sorted.json as IDataObject);
		else this.exception(itemIndex, sorted.json as IDataObject);
	}

	/** A dry run: the document as built, not sent. */
	notSent(itemIndex: number, built: IDataObject): void {
		this.done(itemIndex, { ...built, dryRun: true, status: 'NotSent' });
	}

	lists(): INodeExecutionData[][] {
		return [this.built, this.exceptions];
	}
}

/** One document to send, with what the outputs show of it. */
export interface Sending {
	kind: DocumentKind;
	request: unknown;
	wait?: WaitOptions;
	/** The item as Built shows it; the transaction's id, status and errors are added. */
	built: IDataObject;
	/** The Exceptions message of a transaction Amazon failed. */
	refused: string;
}

/**
 * Sends one document and sorts it onto the outputs: Built with the transaction's id, status and
 * errors, or Exceptions for a transaction Failure (reason `transactionFailure`) or an API error
 * (reason `apiError`). Returns the transaction's status, or undefined after an API error. Any
 * other error stops the node, unless Continue On Fail is set.
 */
export async function sendDocument(
	this: IExecuteFunctions,
	itemIndex: number,
	outputs: BuiltOutputs,
	sending: Sending,
): Promise<string | undefined> {
	const { built } = sending;
	let out: IDataObject;
	try {
		const result = await submitDocument.call(
			this,
			sending.kind,
			sending.request,
			itemIndex,
			sending.wait,
		);
		out = {
			...built,
			transactionId: result.transactionId,
			status: result.status,
			final: result.final,
			errors: result.errors as unknown as IDataObject[],
		};
	} catch (error) {
		if (!(error instanceof NodeApiError) && !this.continueOnFail())
			throw asNodeError(this.getNode(), error, itemIndex);
		outputs.exception(itemIndex, {
			...built,
			reason: 'apiError',
			message: (error as Error).message,
			description: (error as NodeApiError).description ?? null,
		});
		return undefined;
	}
	if (out.status !== 'Failure') outputs.done(itemIndex, out);
	else
		outputs.exception(itemIndex, {
			...out,
			reason: 'transactionFailure',
			message: sending.refused,
		});
	return out.status as string;
}
