/**
 * The n8n side of the building nodes (Build ASN, Build Invoice): their three outputs (Submitted or
 * Built, Exceptions, To Send by EDI), the dry run, channel and wait parameters, and sending one
 * document to Amazon.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { CHANNEL_CHOICES, ediMark, type ChannelChoice } from '../domain/channel';
import type { Json } from '../domain/values';
import type { DocumentKind, WaitOptions } from '../transport/documents';
import { submitDocument } from '../transport/documents';
import { asNodeError } from '../transport/errors';
import type { ParameterReader } from './parameters';

/** Dry Run and, when sending, how long to wait for the transaction (the shared submitFields). */
export interface SubmissionOptions {
	dryRun: boolean;
	/** Send Through: `auto` sends by EDI what belongs to a purchase order that came by EDI. */
	channel: ChannelChoice;
	/** Undefined: do not wait (a dry run, or Wait Until Final off). */
	wait?: WaitOptions;
}

export function readSubmission(parameters: ParameterReader): SubmissionOptions {
	const dryRun = parameters.flag('dryRun', false);
	const channel = dryRun ? 'auto' : parameters.choice('channel', CHANNEL_CHOICES, 'auto');
	if (dryRun || !parameters.flag('waitUntilFinal', true)) return { dryRun, channel };
	const seconds = (name: string, fallback: number) => parameters.number(name, fallback) * 1000;
	return {
		dryRun,
		channel,
		wait: {
			maxWaitMs: seconds('maxWaitSeconds', 300),
			intervalMs: seconds('pollIntervalSeconds', 10),
		},
	};
}

/** The part of an exception-queue type after the document's prefix, by the node's reason. */
const EXCEPTION_KINDS: Readonly<Record<string, string>> = {
	invalidInput: 'input_invalid',
	invalidShipment: 'check_failed',
	mismatch: 'check_failed',
	transactionFailure: 'rejected',
	apiError: 'api_error',
};

/**
 * The `type` of the exception-queue row of an exception of Build ASN (`asn_...`) or Build Invoice
 * (`invoice_...`): `input_invalid`, `check_failed`, `rejected`, `api_error`, else `failed`.
 */
export function documentExceptionType(prefix: 'asn' | 'invoice', reason: unknown): string {
	const kind =
		typeof reason === 'string' && Object.prototype.hasOwnProperty.call(EXCEPTION_KINDS, reason)
			? EXCEPTION_KINDS[reason]
			: undefined;
	return `${prefix}_${kind ?? 'failed'}`;
}

/** The three outputs, each item paired with the input item it came from. */
export class BuiltOutputs {
	readonly built: INodeExecutionData[] = [];
	readonly exceptions: INodeExecutionData[] = [];
	readonly toEdi: INodeExecutionData[] = [];

	/** `asn` or `invoice`: the prefix of the exception items' `exceptionType`. */
	constructor(private readonly prefix: 'asn' | 'invoice') {}

	done(itemIndex: number, json: IDataObject): void {
		this.built.push({ json, pairedItem: { item: itemIndex } });
	}

	exception(itemIndex: number, json: IDataObject): void {
		const exceptionType = documentExceptionType(this.prefix, json.reason);
		this.exceptions.push({ json: { ...json, exceptionType }, pairedItem: { item: itemIndex } });
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

	/**
	 * A document for EDI: not sent here; on Submitted or Built as the SP-API's would be, and again on
	 * To Send by EDI with `ediSource`, what Write EDI Interchange writes it from.
	 */
	forEdi(
		itemIndex: number,
		built: IDataObject,
		documentType: '856' | '810',
		ediSource: IDataObject,
	): void {
		const json = { ...built, ...ediMark(documentType), ediSource };
		this.done(itemIndex, json);
		this.toEdi.push({ json, pairedItem: { item: itemIndex } });
	}

	lists(): INodeExecutionData[][] {
		return [this.built, this.exceptions, this.toEdi];
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
