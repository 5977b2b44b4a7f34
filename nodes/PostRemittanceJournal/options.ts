/** Everything a run of Post Remittance Journal reads from its parameters, in one typed object. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { readPath } from '../shared/domain/values';
import type { CsvDelimiter, RemittanceCsvOptions } from '../shared/domain/remittance/csv';
import type { FinancesNormaliseOptions } from '../shared/domain/remittance/financesApi';
import { readPostedKeys } from '../shared/domain/remittance/idempotence';
import type { JournalOptions } from '../shared/domain/remittance/journal';
import type { AccountingFormat } from '../shared/domain/remittance/ledgerFormats';
import { indexOpenDocuments } from '../shared/domain/remittance/matching';
import type { PostingConfig } from '../shared/domain/remittance/posting';
import type { Remittance820Options } from '../shared/domain/remittance/x12';
import { checkJournalConfig, readAccounts } from './accounts';
import { optionalInput, text, type Source } from './inputs';
import { readRules } from './rules';

export interface FinancesOptions {
	invoiceLookbackDays: unknown;
	fetchLineItems: boolean;
	normalise: FinancesNormaliseOptions;
}

export interface RunOptions {
	source: Source;
	/** The time of the run (ms). */
	now: number;
	posting: PostingConfig;
	csv: RemittanceCsvOptions;
	x12: Remittance820Options;
	finances: FinancesOptions;
	output: {
		accountingFormat: AccountingFormat;
		mode: 'payment' | 'line';
		memoPrefix: string;
		runSummary: boolean;
		/** Add `queueRow` (the exception-queue row) to every Exceptions item. */
		queueRow: boolean;
	};
	remember: { enabled: boolean; limit?: number; previous: string[] };
}

function readJournalOptions(context: IExecuteFunctions, options: IDataObject): JournalOptions {
	const journalOptions: JournalOptions = {
		unresolvedLines: context.getNodeParameter(
			'unknownLines',
			0,
			'holdPayment',
		) as JournalOptions['unresolvedLines'],
		granularity: (options.granularity as JournalOptions['granularity']) ?? 'line',
		memoPrefix:
			typeof options.memoPrefix === 'string' && options.memoPrefix.trim() !== ''
				? options.memoPrefix.trim()
				: 'Amazon remittance',
	};
	const tolerance = text(options.roundingTolerance);
	if (tolerance !== '' && tolerance !== '0') journalOptions.roundingTolerance = tolerance;
	return journalOptions;
}

function readDisputeWindow(context: IExecuteFunctions, options: IDataObject): number {
	const days = options.disputeWindowDays === undefined ? 30 : Number(options.disputeWindowDays);
	if (!Number.isSafeInteger(days) || days < 0) {
		throw new NodeOperationError(
			context.getNode(),
			'The dispute window must be a whole number of days ' +
				`(got ${String(options.disputeWindowDays)})`,
		);
	}
	return days;
}

function readPosting(context: IExecuteFunctions, options: IDataObject, now: number): PostingConfig {
	const rules = readRules(context, options);
	const accounts = readAccounts(context);
	const journalOptions = readJournalOptions(context, options);
	checkJournalConfig(context, accounts, journalOptions);
	const openDocuments = indexOpenDocuments(
		optionalInput(context, 1).map((item) => item.json),
		{
			invoiceNumber: text(options.openInvoiceField) || undefined,
			purchaseOrderNumber: text(options.openPurchaseOrderField) || undefined,
			amount: text(options.openAmountField) || undefined,
		},
	);
	const disputeWindowDays = readDisputeWindow(context, options);
	return {
		rules,
		accounts,
		journalOptions,
		openDocuments,
		disputeWindowDays,
		today: new Date(now).toISOString().slice(0, 10),
		postedBefore: [],
	};
}

/** Payment numbers posted before: remembered in the static data, and given in the input items. */
function readPosted(context: IExecuteFunctions, options: IDataObject): RunOptions['remember'] {
	const staticData = context.getWorkflowStaticData('node');
	const previous = readPostedKeys(staticData.postedPayments);
	return {
		enabled: (options.rememberPosted as boolean | undefined) ?? true,
		limit: options.postedLimit === undefined ? undefined : Number(options.postedLimit),
		previous,
	};
}

function givenPosted(context: IExecuteFunctions, options: IDataObject): string[] {
	const postedField = text(options.postedField);
	if (postedField === '') return [];
	return context
		.getInputData(0)
		.flatMap((item) => readPostedKeys(readPath(item.json, postedField)));
}

function readCsvOptions(context: IExecuteFunctions): RemittanceCsvOptions {
	const csv = context.getNodeParameter('csvOptions', 0, {}) as IDataObject;
	const columns: Record<string, string> = {};
	for (const [field, header] of Object.entries((csv.columns as IDataObject | undefined) ?? {})) {
		if (text(header) !== '') columns[field] = text(header);
	}
	return {
		columns,
		delimiter: (csv.delimiter as CsvDelimiter | 'auto' | undefined) ?? 'auto',
		decimalSeparator: csv.decimalSeparator === ',' ? ',' : '.',
		dateOrder: csv.dateOrder === 'DMY' ? 'DMY' : 'MDY',
		...(text(csv.defaultCurrency) ? { defaultCurrency: text(csv.defaultCurrency) } : {}),
	};
}

/** Reads the parameters of the run (they are the same for every item: read from item `itemIndex`). */
export function readOptions(context: IExecuteFunctions, itemIndex = 0): RunOptions {
	const now = Date.now();
	const source = context.getNodeParameter('source', itemIndex) as Source;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const posting = readPosting(context, options, now);
	const remember = readPosted(context, options);
	const skipPosted = context.getNodeParameter('skipPosted', itemIndex, true) as boolean;
	if (skipPosted) posting.postedBefore = [...remember.previous, ...givenPosted(context, options)];
	const x12Currency = text(options.x12DefaultCurrency);
	return {
		source,
		now,
		posting,
		csv: source === 'csv' ? readCsvOptions(context) : {},
		x12: x12Currency ? { defaultCurrency: x12Currency } : {},
		finances: {
			invoiceLookbackDays: options.invoiceLookbackDays,
			fetchLineItems: (options.fetchLineItems as boolean | undefined) ?? true,
			normalise: {
				paymentDate: options.paymentDateFrom === 'dueDate' ? 'dueDate' : 'lastUpdatedDate',
			},
		},
		output: {
			accountingFormat: (options.accountingFormat as AccountingFormat | undefined) ?? 'none',
			mode: options.outputMode === 'line' ? 'line' : 'payment',
			memoPrefix: posting.journalOptions.memoPrefix as string,
			runSummary: Boolean(options.runSummary),
			queueRow: Boolean(options.queueRow),
		},
		remember,
	};
}
