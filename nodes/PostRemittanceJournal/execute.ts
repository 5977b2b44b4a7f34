/**
 * Post Remittance Journal, one run: read the options, read the payments of every input item, post
 * them (classify, match, journalise: one domain function), sort the results onto the outputs.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	postRemittances,
	PaymentNotJournalisedError,
	type RemittanceRun,
} from '../shared/domain/remittance/posting';
import { asNodeError } from '../shared/transport/errors';
import { readOptions } from './options';
import { rememberPostedPayments, sortOutputs } from './outputs';
import { readPayments } from './payments';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData(0);
	if (!items.length) return [[], []];
	const options = readOptions(this, 0);
	const read = await readPayments(this, items.length, options);
	let run: RemittanceRun;
	try {
		run = postRemittances(read.candidates, options.posting);
	} catch (error) {
		if (error instanceof PaymentNotJournalisedError) {
			throw new NodeOperationError(this.getNode(), error.message, { itemIndex: error.itemIndex });
		}
		throw asNodeError(this.getNode(), error, 0);
	}
	rememberPostedPayments(this, options, run);
	return sortOutputs(options, read, run, items.length);
}
