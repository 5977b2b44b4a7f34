import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { add, parseDecimal, type Decimal } from '../shared/domain/money';
import { readPath } from '../shared/domain/values';
import { formatAmount, ZERO_AMOUNT } from '../shared/domain/remittance/amounts';
import {
	classifyPayment,
	compileRules,
	type ClassificationRule,
	type CompiledRules,
	type RuleMatch,
} from '../shared/domain/remittance/classify';
import {
	decodeCsvBytes,
	parseRemittanceCsv,
	type CsvDelimiter,
	type RemittanceCsvColumns,
} from '../shared/domain/remittance/csv';
import {
	financesInvoiceWindows,
	invoiceNeedsItems,
	invoicesFromPages,
	normaliseFinancesInvoices,
	type IncompletePayment,
} from '../shared/domain/remittance/financesApi';
import {
	readPostedKeys,
	rememberPosted,
	splitByPosted,
} from '../shared/domain/remittance/idempotence';
import {
	buildJournal,
	validateJournalConfig,
	type JournalAccounts,
	type JournalEntry,
	type JournalOptions,
	type RemittanceException,
} from '../shared/domain/remittance/journal';
import {
	indexOpenDocuments,
	matchPayment,
	type MatchResult,
	type OpenDocumentIndex,
} from '../shared/domain/remittance/matching';
import { RemittanceFormatError, type RemittancePayment } from '../shared/domain/remittance/types';
import { parseRemittance820 } from '../shared/domain/remittance/x12';
import { payloadOf, spApiRequest } from '../shared/transport/spApi';
import {
	accountProperties,
	optionProperties,
	ruleProperties,
	sourceProperties,
} from './descriptions';

type Source = 'csv' | 'x12820' | 'financesApi';

const FINANCES_PATH = '/finances/invoices/2026-06-25/invoices';
const DAY_MS = 86_400_000;
/** A guard against a server that keeps answering with a next page. */
const MAX_PAGES = 10_000;
/** Accounts set by rows of the Accounts input whose type is one of these. */
const ACCOUNT_ROLES = ['bank', 'receivable', 'termsDiscount', 'rounding', 'suspense'] as const;

interface Candidate {
	paymentNumber: string;
	itemIndex: number;
	payment?: RemittancePayment;
	incomplete?: IncompletePayment;
	warnings: string[];
}

interface Config {
	rules: CompiledRules;
	accounts: JournalAccounts;
	journalOptions: JournalOptions;
	openDocuments: OpenDocumentIndex;
	disputeWindowDays: number;
	today: string;
	accountingFormat: 'none' | 'quickBooks' | 'xero';
	outputMode: 'payment' | 'line';
	memoPrefix: string;
}

/**
 * Items of an optional input. n8n gives an unconnected input as missing (or, when a later input is
 * connected, as null, which getInputData refuses): both mean no items.
 */
function optionalInput(context: IExecuteFunctions, inputIndex: number): INodeExecutionData[] {
	try {
		return context.getInputData(inputIndex) ?? [];
	} catch {
		return [];
	}
}

const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/** The date part `YYYY-MM-DD` of a dateTime parameter (n8n gives it without a time zone). */
function dayOf(value: unknown): string | undefined {
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
	const raw = text(value);
	if (/^\d{4}-\d{2}-\d{2}/.test(raw)) return raw.slice(0, 10);
	const ms = Date.parse(raw);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/** Operator rules of the Rules table, in order. */
function tableRules(rows: IDataObject[]): ClassificationRule[] {
	return rows.map((row, index) => {
		const value = text(row.value);
		const matchOn = String(row.matchOn ?? 'referenceSuffix');
		const match: RuleMatch = {};
		if (matchOn === 'hasAgreementNumber') match.hasAgreementNumber = !/^(false|no|0)$/i.test(value);
		else if (matchOn === 'lineKind') match.lineKind = value.toLowerCase() as RuleMatch['lineKind'];
		else (match as Record<string, string>)[matchOn] = value;
		if (row.amountSign === 'positive' || row.amountSign === 'negative')
			match.amountSign = row.amountSign;
		const rule: ClassificationRule = {
			id: text(row.id) || `rule-${index + 1}`,
			match,
			type: text(row.type),
		};
		const invoiceReference = row.invoiceReference;
		if (invoiceReference === 'self' || invoiceReference === 'stripSuffix')
			rule.invoiceReference = invoiceReference;
		return rule;
	});
}

/** Sets a type's account, refusing two different accounts for one type. */
function mapType(
	byType: Record<string, string>,
	type: string,
	account: string,
	where: string,
): string | undefined {
	const previous = byType[type];
	if (previous !== undefined && previous !== '' && account !== '' && previous !== account) {
		return `${where}: the type ${type} is mapped to ${previous} and to ${account}`;
	}
	if (account !== '' || previous === undefined) byType[type] = account;
	return undefined;
}

function formatFor(payment: RemittancePayment) {
	return (amount: Decimal) => formatAmount(amount, payment.currency);
}

/** What matching found for one payment, in output form. */
function matchingOutput(
	match: MatchResult,
	payment: RemittancePayment,
	reportUnmatched: boolean,
): IDataObject {
	const format = formatFor(payment);
	const disputes: IDataObject[] = [];
	const shortPaid: IDataObject[] = [];
	for (const line of match.lines) {
		const source = payment.lines[line.lineIndex];
		if (line.shortPaid) {
			shortPaid.push({
				reference: line.reference,
				invoiceNumber: line.invoiceNumber,
				purchaseOrderNumber: line.purchaseOrderNumber,
				...line.shortPaid,
				...(line.dispute ? { disputeBy: line.dispute.deadline } : {}),
			});
		}
		if (line.dispute) {
			disputes.push({
				reference: line.reference,
				type: line.type,
				invoiceNumber: line.invoiceNumber,
				purchaseOrderNumber: line.purchaseOrderNumber,
				amount: line.shortPaid ? line.shortPaid.shortBy : format(source.paid),
				claimDate: line.dispute.claimDate,
				deadline: line.dispute.deadline,
				...(line.dispute.open === undefined ? {} : { open: line.dispute.open }),
			});
		}
	}
	const result: IDataObject = {
		lines: match.lines.map((line) => ({
			reference: line.reference,
			type: line.type,
			invoiceNumber: line.invoiceNumber,
			purchaseOrderNumber: line.purchaseOrderNumber,
			matchedBy: line.matchedBy,
		})),
		shortPaid,
		disputes,
	};
	if (reportUnmatched) result.unmatched = match.unmatched as unknown as IDataObject[];
	return result;
}

function xeroManualJournal(entry: JournalEntry, memoPrefix: string): IDataObject {
	return {
		Narration: `${memoPrefix} ${entry.paymentNumber}`,
		Date: entry.paymentDate,
		LineAmountTypes: 'NoTax',
		JournalLines: entry.lines.map((line) => ({
			LineAmount: Number(line.amount),
			AccountCode: line.account,
			Description: line.memo,
		})),
	};
}

function quickBooksJournalEntry(entry: JournalEntry, memoPrefix: string): IDataObject {
	return {
		TxnDate: entry.paymentDate,
		DocNumber: entry.paymentNumber.slice(0, 21),
		PrivateNote: `${memoPrefix} ${entry.paymentNumber}`,
		CurrencyRef: { value: entry.currency },
		Line: entry.lines.map((line) => ({
			Description: line.memo,
			Amount: Number(line.postingType === 'Debit' ? line.debit : line.credit),
			DetailType: 'JournalEntryLineDetail',
			JournalEntryLineDetail: {
				PostingType: line.postingType,
				AccountRef: { value: line.account },
			},
		})),
	};
}

export class PostRemittanceJournal implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Post Remittance Journal',
		name: 'postRemittanceJournal',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"csv": "from the CSV export", "x12820": "from an X12 820", "financesApi": "from the Finances API"}[$parameter["source"]] }}',
		description:
			'Turns Amazon remittances (Vendor Central CSV export, X12 820 or the Finances Invoices API) into one balanced journal entry per payment, and holds what it cannot post',
		defaults: { name: 'Post Remittance Journal' },
		usableAsTool: true,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Remittance', required: true },
			{ type: NodeConnectionTypes.Main, displayName: 'Open Invoices' },
			{ type: NodeConnectionTypes.Main, displayName: 'Accounts' },
		],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Journal' },
			{ type: NodeConnectionTypes.Main, displayName: 'Exceptions' },
		],
		credentials: [
			{
				name: 'amazonVendorCentralApi',
				required: true,
				displayOptions: { show: { source: ['financesApi'] } },
			},
		],
		properties: [...sourceProperties, ...accountProperties, ...ruleProperties, ...optionProperties],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData(0);
		const journal: INodeExecutionData[] = [];
		const exceptions: INodeExecutionData[] = [];
		if (!items.length) return [journal, exceptions];
		const node = this.getNode();
		const source = this.getNodeParameter('source', 0) as Source;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const now = Date.now();

		// 1. Configuration: rules, accounts, journal options, open invoices.
		const operatorRules = tableRules(this.getNodeParameter('rules.rule', 0, []) as IDataObject[]);
		const rawJson = options.rulesJson;
		if (rawJson !== undefined && rawJson !== '' && rawJson !== '[]') {
			let parsed: unknown = rawJson;
			if (typeof rawJson === 'string') {
				try {
					parsed = JSON.parse(rawJson);
				} catch (error) {
					throw new NodeOperationError(
						node,
						`Additional Rules (JSON) is not valid JSON: ${(error as Error).message}`,
					);
				}
			}
			if (!Array.isArray(parsed))
				throw new NodeOperationError(node, 'Additional Rules (JSON) must be a list of rules');
			operatorRules.push(...(parsed as ClassificationRule[]));
		}
		let rules: CompiledRules;
		try {
			rules = compileRules(operatorRules, {
				replaceDefaults: this.getNodeParameter('replaceDefaultRules', 0, false) as boolean,
			});
		} catch (error) {
			throw new NodeOperationError(
				node,
				`The classification rules cannot be used: ${(error as Error).message}`,
			);
		}

		const accounts = readAccounts.call(this);
		const journalOptions: JournalOptions = {
			unresolvedLines: this.getNodeParameter(
				'unknownLines',
				0,
				'holdPayment',
			) as JournalOptions['unresolvedLines'],
			granularity: (options.granularity as JournalOptions['granularity']) ?? 'line',
		};
		const memoPrefix =
			typeof options.memoPrefix === 'string' && options.memoPrefix.trim() !== ''
				? options.memoPrefix.trim()
				: 'Amazon remittance';
		journalOptions.memoPrefix = memoPrefix;
		const tolerance = text(options.roundingTolerance);
		if (tolerance !== '' && tolerance !== '0') journalOptions.roundingTolerance = tolerance;
		try {
			validateJournalConfig(accounts, journalOptions);
		} catch (error) {
			throw new NodeOperationError(
				node,
				`The accounts or journal options cannot be used: ${(error as Error).message}`,
				{
					description:
						this.getNodeParameter('accountsSource', 0, 'parameters') === 'input'
							? 'The Accounts input needs items {type, account} for bank, receivable and termsDiscount'
							: undefined,
				},
			);
		}

		const openItems = optionalInput(this, 1);
		const openDocuments = indexOpenDocuments(
			openItems.map((item) => item.json),
			{
				invoiceNumber: text(options.openInvoiceField) || undefined,
				purchaseOrderNumber: text(options.openPurchaseOrderField) || undefined,
				amount: text(options.openAmountField) || undefined,
			},
		);
		const disputeWindowDays =
			options.disputeWindowDays === undefined ? 30 : Number(options.disputeWindowDays);
		if (!Number.isSafeInteger(disputeWindowDays) || disputeWindowDays < 0) {
			throw new NodeOperationError(
				node,
				`The dispute window must be a whole number of days (got ${String(options.disputeWindowDays)})`,
			);
		}
		const config: Config = {
			rules,
			accounts,
			journalOptions,
			openDocuments,
			disputeWindowDays,
			today: new Date(now).toISOString().slice(0, 10),
			accountingFormat: (options.accountingFormat as Config['accountingFormat']) ?? 'none',
			outputMode: options.outputMode === 'line' ? 'line' : 'payment',
			memoPrefix,
		};

		// 2. Payments posted before.
		const staticData = this.getWorkflowStaticData('node');
		const remembered = readPostedKeys(staticData.postedPayments);
		const postedField = text(options.postedField);
		const given =
			postedField === ''
				? []
				: items.flatMap((item) => readPostedKeys(readPath(item.json, postedField)));
		const skipPosted = this.getNodeParameter('skipPosted', 0, true) as boolean;

		// 3. Read the payments of every input item.
		const candidates: Candidate[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			if (source === 'financesApi') {
				let fetched: Candidate[];
				if (this.continueOnFail()) {
					try {
						fetched = await fetchFinances.call(this, itemIndex, options, now);
					} catch (error) {
						exceptions.push({
							json: {
								reason: 'apiError',
								source: 'finances-api',
								message: (error as Error).message,
								description: (error as { description?: string }).description ?? null,
							},
							pairedItem: { item: itemIndex },
						});
						continue;
					}
				} else {
					fetched = await fetchFinances.call(this, itemIndex, options, now);
				}
				candidates.push(...fetched);
				continue;
			}
			try {
				const document = await readDocument.call(this, itemIndex);
				const payments = parseDocument.call(this, source, document, options);
				for (const payment of payments)
					candidates.push({
						paymentNumber: payment.paymentNumber,
						itemIndex,
						payment,
						warnings: [],
					});
			} catch (error) {
				const where =
					error instanceof RemittanceFormatError
						? {
								line: error.line,
								column: error.column,
								segment: error.segment,
								element: error.element,
							}
						: {};
				const message = `The ${source === 'csv' ? 'remittance CSV' : 'X12 820 document'} of item ${itemIndex} cannot be read: ${(error as Error).message}`;
				if (!this.continueOnFail()) {
					throw new NodeOperationError(node, message, {
						itemIndex,
						description:
							error instanceof RemittanceFormatError
								? 'Nothing was posted. Fix the document (or the column names under CSV Options) and run again.'
								: undefined,
					});
				}
				const json: IDataObject = {
					reason: 'invalidDocument',
					source: source === 'csv' ? 'csv' : 'x12-820',
					message,
				};
				for (const [key, value] of Object.entries(where))
					if (value !== undefined) json[key] = value;
				exceptions.push({ json, pairedItem: { item: itemIndex } });
			}
		}

		// 4. Skip what was posted before, and the same payment twice in one run.
		const split = splitByPosted(candidates, skipPosted ? [...remembered, ...given] : []);
		const newlyPosted: string[] = [];
		const totals = new Map<string, { paid: Decimal; payments: number }>();
		let heldPayments = 0;
		let heldLines = 0;
		let journalLineCount = 0;
		let unmatchedCount = 0;

		// 5. Classify, match and journalise each payment.
		for (const candidate of split.toPost) {
			const pairedItem = { item: candidate.itemIndex };
			const warnings = candidate.warnings.length > 0 ? { warnings: candidate.warnings } : {};
			if (candidate.incomplete) {
				heldPayments++;
				exceptions.push({
					json: { ...incompleteException(candidate.incomplete, config), ...warnings },
					pairedItem,
				});
				continue;
			}
			const payment = candidate.payment as RemittancePayment;
			const classified = classifyPayment(payment, config.rules);
			let match: MatchResult;
			let outcome: ReturnType<typeof buildJournal>;
			try {
				match = matchPayment(payment, classified, config.openDocuments, {
					disputeWindowDays: config.disputeWindowDays,
					today: config.today,
				});
				outcome = buildJournal(payment, match.classified, config.accounts, config.journalOptions);
			} catch (error) {
				throw new NodeOperationError(
					node,
					`Payment ${payment.paymentNumber} cannot be journalised: ${(error as Error).message}`,
					{
						itemIndex: candidate.itemIndex,
					},
				);
			}
			const matching = matchingOutput(match, payment, config.openDocuments.size > 0);
			unmatchedCount += config.openDocuments.size > 0 ? match.unmatched.length : 0;
			if (outcome.exception) {
				if (outcome.exception.held === 'payment') heldPayments++;
				else heldLines += outcome.exception.lines.length;
				exceptions.push({
					json: { ...exceptionJson(outcome.exception), matching, ...warnings },
					pairedItem,
				});
			}
			const entry = outcome.entry;
			if (!entry) continue;
			newlyPosted.push(payment.paymentNumber);
			journalLineCount += entry.lines.length;
			const total = totals.get(entry.currency) ?? { paid: ZERO_AMOUNT, payments: 0 };
			totals.set(entry.currency, {
				paid: add(total.paid, parseDecimal(entry.summary.paid)),
				payments: total.payments + 1,
			});
			if (config.outputMode === 'line') {
				for (const line of entry.lines)
					journal.push({
						json: { ...line, source: entry.source } as unknown as IDataObject,
						pairedItem,
					});
				continue;
			}
			const json: IDataObject = {
				paymentNumber: entry.paymentNumber,
				paymentDate: entry.paymentDate,
				currency: entry.currency,
				source: entry.source,
				amount: entry.summary.paid,
				journalLines: entry.lines as unknown as IDataObject[],
				summary: entry.summary as unknown as IDataObject,
				matching,
				...warnings,
			};
			if (outcome.exception) json.heldLines = outcome.exception.lines as unknown as IDataObject[];
			if (config.accountingFormat === 'xero')
				json.xeroManualJournal = xeroManualJournal(entry, config.memoPrefix);
			if (config.accountingFormat === 'quickBooks')
				json.quickBooksJournalEntry = quickBooksJournalEntry(entry, config.memoPrefix);
			journal.push({ json, pairedItem });
		}

		// 6. Remember what was posted.
		if ((options.rememberPosted ?? true) && newlyPosted.length > 0) {
			const limit = options.postedLimit === undefined ? undefined : Number(options.postedLimit);
			try {
				staticData.postedPayments = rememberPosted(remembered, newlyPosted, limit);
			} catch (error) {
				throw new NodeOperationError(node, (error as Error).message);
			}
		}

		if (options.runSummary) {
			journal.push({
				json: {
					runSummary: true,
					source,
					paymentsRead: candidates.length,
					paymentsPosted: newlyPosted.length,
					paymentsHeld: heldPayments,
					linesHeldOnSuspense: heldLines,
					journalLineCount,
					skippedAlreadyPosted: split.alreadyPosted.map((c) => c.paymentNumber),
					skippedDuplicates: split.duplicates.map((c) => c.paymentNumber),
					paidByCurrency: Object.fromEntries(
						[...totals].map(([currency, t]) => [
							currency,
							{ payments: t.payments, paid: formatAmount(t.paid, currency) },
						]),
					),
					openInvoices: config.openDocuments.size,
					unmatchedReferences: unmatchedCount,
					exceptions: exceptions.length,
				},
				pairedItem: items.map((_, item) => ({ item })),
			});
		}
		return [journal, exceptions];
	}
}

function exceptionJson(exception: RemittanceException): IDataObject {
	return { ...exception } as unknown as IDataObject;
}

/** A Finances API payment that cannot be posted because one of its invoices cannot be read into it. */
function incompleteException(incomplete: IncompletePayment, config: Config): IDataObject {
	const payment = incomplete.payment;
	const json: IDataObject = {
		paymentNumber: incomplete.paymentNumber,
		paymentDate: payment?.paymentDate ?? '',
		currency: payment?.currency ?? '',
		amount: '',
		source: 'finances-api',
		reason: 'incomplete',
		message: incomplete.message,
		held: 'payment',
		invoices: incomplete.invoices,
		linesTotal: payment ? formatAmount(payment.amount, payment.currency) : '',
		lines: [],
	};
	if (payment) {
		const classified = classifyPayment(payment, config.rules);
		json.lines = classified.map((cl) => ({
			reference: cl.line.reference,
			invoiceNumber: cl.invoiceNumber ?? cl.line.invoiceNumber ?? '',
			purchaseOrderNumber: cl.line.purchaseOrderNumber ?? '',
			description: cl.line.description ?? '',
			type: cl.type ?? '',
			problem: '',
			gross: formatAmount(cl.line.gross, payment.currency),
			discount: formatAmount(cl.line.discount, payment.currency),
			paid: formatAmount(cl.line.paid, payment.currency),
			remaining: formatAmount(cl.line.remaining, payment.currency),
			reasonCode: cl.line.reasonCode ?? '',
			sourcePosition: cl.line.sourcePosition,
		}));
	}
	return json;
}

/** The accounts: from the parameters, or from the Accounts input ({type, account} items). */
function readAccounts(this: IExecuteFunctions): JournalAccounts {
	const node = this.getNode();
	const byType: Record<string, string> = {};
	if (this.getNodeParameter('accountsSource', 0, 'parameters') === 'input') {
		const roles: Partial<Record<(typeof ACCOUNT_ROLES)[number], string>> = {};
		const rows = optionalInput(this, 2);
		if (rows.length === 0) {
			throw new NodeOperationError(
				node,
				'Accounts From is set to the Accounts input, but it has no items',
				{
					description:
						'Connect the third input (e.g. a Data Table or a sheet) with items {type, account}, or choose Parameters Below',
				},
			);
		}
		rows.forEach((row, index) => {
			const type = text(row.json.type);
			const account = text(row.json.account);
			if (type === '') return;
			if ((ACCOUNT_ROLES as readonly string[]).includes(type)) {
				const role = type as (typeof ACCOUNT_ROLES)[number];
				if (roles[role] !== undefined && roles[role] !== account) {
					throw new NodeOperationError(
						node,
						`Accounts input, item ${index}: the ${type} account is given twice (${String(roles[role])} and ${account})`,
					);
				}
				roles[role] = account;
				return;
			}
			const problem = mapType(byType, type, account, `Accounts input, item ${index}`);
			if (problem) throw new NodeOperationError(node, problem);
		});
		return {
			bank: roles.bank ?? '',
			receivable: roles.receivable ?? '',
			termsDiscount: roles.termsDiscount ?? '',
			...(roles.rounding ? { rounding: roles.rounding } : {}),
			...(roles.suspense ? { suspense: roles.suspense } : {}),
			byType,
		};
	}
	const mappings = this.getNodeParameter('deductionAccounts.mappings', 0, []) as IDataObject[];
	mappings.forEach((row, index) => {
		const type = text(row.type);
		if (type === '') return;
		const problem = mapType(
			byType,
			type,
			text(row.account),
			`Deduction Accounts, row ${index + 1}`,
		);
		if (problem) throw new NodeOperationError(node, problem);
	});
	const rounding = text(this.getNodeParameter('roundingAccount', 0, ''));
	const suspense = text(this.getNodeParameter('suspenseAccount', 0, ''));
	return {
		bank: text(this.getNodeParameter('bankAccount', 0, '')),
		receivable: text(this.getNodeParameter('receivableAccount', 0, '')),
		termsDiscount: text(this.getNodeParameter('termsDiscountAccount', 0, '')),
		...(rounding ? { rounding } : {}),
		...(suspense ? { suspense } : {}),
		byType,
	};
}

/** The document text of one item: its binary file (UTF-8 or UTF-16 with BOM) or the Text parameter. */
async function readDocument(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const readFrom = this.getNodeParameter('readFrom', itemIndex, 'binary') as string;
	if (readFrom === 'text') {
		const value = this.getNodeParameter('text', itemIndex, '') as unknown;
		if (typeof value !== 'string') {
			throw new NodeOperationError(this.getNode(), `The Text of item ${itemIndex} is not text`, {
				itemIndex,
			});
		}
		return value;
	}
	const property = text(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const item = this.getInputData(0)[itemIndex];
	if (!item.binary?.[property]) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex} has no binary field "${property}"`,
			{
				itemIndex,
				description: `Fields found: ${Object.keys(item.binary ?? {}).join(', ') || 'none'}. Set Input Binary Field, or read the document from Text.`,
			},
		);
	}
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	return decodeCsvBytes(buffer);
}

function parseDocument(
	this: IExecuteFunctions,
	source: Source,
	document: string,
	options: IDataObject,
): RemittancePayment[] {
	if (source === 'x12820') {
		const currency = text(options.x12DefaultCurrency);
		return parseRemittance820(document, currency ? { defaultCurrency: currency } : {}).payments;
	}
	const csv = this.getNodeParameter('csvOptions', 0, {}) as IDataObject;
	const columns: RemittanceCsvColumns = {};
	for (const [field, header] of Object.entries((csv.columns as IDataObject | undefined) ?? {})) {
		if (text(header) !== '') (columns as Record<string, string>)[field] = text(header);
	}
	return parseRemittanceCsv(document, {
		columns,
		delimiter: (csv.delimiter as CsvDelimiter | 'auto' | undefined) ?? 'auto',
		decimalSeparator: csv.decimalSeparator === ',' ? ',' : '.',
		dateOrder: csv.dateOrder === 'DMY' ? 'DMY' : 'MDY',
		...(text(csv.defaultCurrency) ? { defaultCurrency: text(csv.defaultCurrency) } : {}),
	}).payments;
}

/**
 * Payments of the Finances Invoices API dated within Payments From..To: invoices issued from
 * (Payments From - lookback) to Payments To are read in 90-day windows, page by page, with the line
 * items of those that need them, and grouped into payments.
 */
async function fetchFinances(
	this: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
	now: number,
): Promise<Candidate[]> {
	const node = this.getNode();
	const marketplaceId = text(this.getNodeParameter('marketplaceId', itemIndex, ''));
	if (marketplaceId === '')
		throw new NodeOperationError(node, 'Marketplace ID is required', { itemIndex });
	const rawFrom = this.getNodeParameter('paymentsFrom', itemIndex, '');
	const fromDay = dayOf(rawFrom);
	if (fromDay === undefined) {
		throw new NodeOperationError(node, `Payments From is not a date: "${String(rawFrom)}"`, {
			itemIndex,
		});
	}
	const rawTo = this.getNodeParameter('paymentsTo', itemIndex, '');
	const toDay =
		text(rawTo) === '' && !(rawTo instanceof Date)
			? new Date(now).toISOString().slice(0, 10)
			: dayOf(rawTo);
	if (toDay === undefined)
		throw new NodeOperationError(node, `Payments To is not a date: "${String(rawTo)}"`, {
			itemIndex,
		});
	if (toDay < fromDay)
		throw new NodeOperationError(
			node,
			`Payments To (${toDay}) is before Payments From (${fromDay})`,
			{ itemIndex },
		);
	const lookbackDays =
		options.invoiceLookbackDays === undefined ? 180 : Number(options.invoiceLookbackDays);
	if (!Number.isSafeInteger(lookbackDays) || lookbackDays < 0) {
		throw new NodeOperationError(
			node,
			`Invoice Lookback must be a whole number of days (got ${String(options.invoiceLookbackDays)})`,
			{ itemIndex },
		);
	}
	const issueFrom = Date.parse(`${fromDay}T00:00:00Z`) - lookbackDays * DAY_MS;
	const issueTo = Math.min(now, Date.parse(`${toDay}T00:00:00Z`) + DAY_MS);
	if (issueTo <= issueFrom)
		throw new NodeOperationError(node, `Payments From (${fromDay}) is in the future`, {
			itemIndex,
		});
	let windows: ReturnType<typeof financesInvoiceWindows>;
	try {
		windows = financesInvoiceWindows(
			new Date(issueFrom).toISOString(),
			new Date(issueTo).toISOString(),
			now,
		);
	} catch (error) {
		throw new NodeOperationError(node, (error as Error).message, { itemIndex });
	}

	// Invoice headers, every window and page; an invoice on a window boundary is kept once.
	const pages: unknown[] = [];
	for (const window of windows) {
		let nextToken: string | undefined;
		let count = 0;
		do {
			const qs: IDataObject = {
				marketplaceId,
				fromIssueDate: window.after,
				toIssueDate: window.before,
			};
			if (nextToken) qs.nextToken = nextToken;
			const response = await spApiRequest.call(this, {
				operation: 'getInvoices',
				method: 'GET',
				path: FINANCES_PATH,
				qs,
				itemIndex,
			});
			const body = payloadOf<{ nextToken?: unknown }>(response.body);
			pages.push(body);
			nextToken =
				typeof body?.nextToken === 'string' && body.nextToken !== '' ? body.nextToken : undefined;
			if (++count > MAX_PAGES)
				throw new NodeOperationError(
					node,
					`getInvoiceHeaders returned more than ${MAX_PAGES} pages`,
					{ itemIndex },
				);
		} while (nextToken);
	}
	let listed: unknown[];
	try {
		listed = invoicesFromPages(pages);
	} catch (error) {
		throw new NodeOperationError(
			node,
			`The Finances API answer cannot be read: ${(error as Error).message}`,
			{ itemIndex },
		);
	}
	const seen = new Set<string>();
	const headers = listed.filter((header) => {
		const h = header as IDataObject | null;
		const id = h && typeof h === 'object' ? text(h.invoiceIdentifier) || text(h.invoiceNumber) : '';
		if (id === '') return true;
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});

	// Line items (defect and service charge types) of the invoices that need them.
	const itemsByInvoice: Record<string, unknown[]> = {};
	if (options.fetchLineItems ?? true) {
		for (const header of headers) {
			if (!invoiceNeedsItems(header)) continue;
			const identifier = text((header as IDataObject).invoiceIdentifier);
			if (identifier === '') continue;
			const invoiceItems: unknown[] = [];
			let nextToken: string | undefined;
			let count = 0;
			do {
				const qs: IDataObject = { marketplaceId };
				if (nextToken) qs.nextTokenForLineItems = nextToken;
				const response = await spApiRequest.call(this, {
					operation: 'getInvoice',
					method: 'GET',
					path: `${FINANCES_PATH}/${encodeURIComponent(identifier)}`,
					qs,
					itemIndex,
				});
				const body = payloadOf<{ invoiceItems?: unknown; nextTokenForLineItems?: unknown }>(
					response.body,
				);
				if (Array.isArray(body?.invoiceItems)) invoiceItems.push(...body.invoiceItems);
				nextToken =
					typeof body?.nextTokenForLineItems === 'string' && body.nextTokenForLineItems !== ''
						? body.nextTokenForLineItems
						: undefined;
				if (++count > MAX_PAGES)
					throw new NodeOperationError(
						node,
						`getInvoice ${identifier} returned more than ${MAX_PAGES} pages`,
						{ itemIndex },
					);
			} while (nextToken);
			itemsByInvoice[identifier] = invoiceItems;
		}
	}

	let result: ReturnType<typeof normaliseFinancesInvoices>;
	try {
		result = normaliseFinancesInvoices(headers, itemsByInvoice, {
			paymentDate: options.paymentDateFrom === 'dueDate' ? 'dueDate' : 'lastUpdatedDate',
		});
	} catch (error) {
		throw new NodeOperationError(
			node,
			`The Finances API answer cannot be read: ${(error as Error).message}`,
			{ itemIndex },
		);
	}
	const inRange = (date: string) => date >= fromDay && date <= toDay;
	/** The warnings that name an invoice of the payment. */
	const warningsOf = (
		payment: RemittancePayment | undefined,
		invoices: string[] = [],
	): string[] => {
		const names = new Set(invoices);
		for (const line of payment?.lines ?? []) {
			names.add(line.reference);
			if (line.invoiceNumber) names.add(line.invoiceNumber);
		}
		return result.warnings.filter((warning) =>
			[...names].some((name) => warning.includes(`(${name})`)),
		);
	};
	const candidates: Candidate[] = [];
	for (const payment of result.payments) {
		if (!inRange(payment.paymentDate)) continue;
		candidates.push({
			paymentNumber: payment.paymentNumber,
			itemIndex,
			payment,
			warnings: warningsOf(payment),
		});
	}
	for (const incomplete of result.incomplete) {
		if (incomplete.payment && !inRange(incomplete.payment.paymentDate)) continue;
		candidates.push({
			paymentNumber: incomplete.paymentNumber,
			itemIndex,
			incomplete,
			warnings: warningsOf(incomplete.payment, incomplete.invoices),
		});
	}
	return candidates;
}
