/** The run's results on the node's two outputs, Journal and Exceptions, and what is remembered. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { rememberPosted } from '../shared/domain/remittance/idempotence';
import { journalKey } from '../shared/domain/remittance/journal';
import { accountingBody } from '../shared/domain/remittance/ledgerFormats';
import type { PaymentOutcome, RemittanceRun } from '../shared/domain/remittance/posting';
import { exceptionQueueRow } from '../shared/domain/remittance/queueRow';
import type { RunOptions } from './options';
import type { ReadPayments } from './payments';

const data = (value: unknown) => value as IDataObject;

/** The Journal items of one posted payment: one per payment, or one per journal line. */
function journalItems(outcome: PaymentOutcome, output: RunOptions['output']): INodeExecutionData[] {
	const entry = outcome.entry;
	if (!entry) return [];
	const pairedItem = { item: outcome.candidate.itemIndex };
	if (output.mode === 'line') {
		return entry.lines.map((line, index) => ({
			json: data({ ...line, source: entry.source, journalKey: journalKey(line, index) }),
			pairedItem,
		}));
	}
	const warnings = outcome.candidate.warnings;
	const json: IDataObject = {
		paymentNumber: entry.paymentNumber,
		paymentDate: entry.paymentDate,
		currency: entry.currency,
		source: entry.source,
		amount: entry.summary.paid,
		journalLines: data(entry.lines),
		summary: data(entry.summary),
		matching: data(outcome.matching),
		...(warnings.length > 0 ? { warnings } : {}),
		...(outcome.heldLines ? { heldLines: data(outcome.heldLines) } : {}),
		...data(accountingBody(entry, output.accountingFormat, output.memoPrefix)),
	};
	return [{ json, pairedItem }];
}

function runSummary(
	options: RunOptions,
	read: ReadPayments,
	run: RemittanceRun,
	exceptionCount: number,
	itemCount: number,
): INodeExecutionData {
	return {
		json: {
			runSummary: true,
			source: options.source,
			paymentsRead: read.candidates.length,
			paymentsPosted: run.posted.length,
			paymentsHeld: run.heldPayments,
			linesHeldOnSuspense: run.linesHeldOnSuspense,
			journalLineCount: run.journalLineCount,
			skippedAlreadyPosted: run.alreadyPosted,
			skippedDuplicates: run.duplicates,
			paidByCurrency: data(run.paidByCurrency),
			openInvoices: options.posting.openDocuments.size,
			unmatchedReferences: run.unmatchedReferences,
			exceptions: exceptionCount,
		},
		pairedItem: Array.from({ length: itemCount }, (_, item) => ({ item })),
	};
}

/** The two outputs: Journal (with the run summary last, when asked for) and Exceptions. */
export function sortOutputs(
	options: RunOptions,
	read: ReadPayments,
	run: RemittanceRun,
	itemCount: number,
): INodeExecutionData[][] {
	const journal = run.outcomes.flatMap((outcome) => journalItems(outcome, options.output));
	const exceptions = [...read.failures];
	for (const outcome of run.outcomes) {
		if (outcome.exception)
			exceptions.push({
				json: data(outcome.exception),
				pairedItem: { item: outcome.candidate.itemIndex },
			});
	}
	if (options.output.runSummary)
		journal.push(runSummary(options, read, run, exceptions.length, itemCount));
	if (options.output.queueRow) {
		for (const item of exceptions)
			item.json = { ...item.json, queueRow: data(exceptionQueueRow(item.json)) };
	}
	return [journal, exceptions];
}

/** Keeps the payment numbers sent to the Journal in the workflow's static data. */
export function rememberPostedPayments(
	context: IExecuteFunctions,
	options: RunOptions,
	run: RemittanceRun,
): void {
	if (!options.remember.enabled || run.posted.length === 0) return;
	try {
		const staticData = context.getWorkflowStaticData('node');
		staticData.postedPayments = rememberPosted(
			options.remember.previous,
			run.posted,
			options.remember.limit,
		);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message);
	}
}
