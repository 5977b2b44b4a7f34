/**
 * One run of Post Remittance Journal over the payments read from its sources: payments posted
 * before (and the same payment twice in the run) are left out, then each payment is classified,
 * matched with the open invoices and journalised. The result says, per payment, what goes to the
 * Journal and what to Exceptions, with the run's totals; the node only puts it onto its outputs.
 *
 * Pure: no n8n imports.
 */
import { add, parseDecimal, type Decimal } from '../money';
import { formatAmount, ZERO_AMOUNT } from './amounts';
import { classifyPayment, type CompiledRules } from './classify';
import type { IncompletePayment } from './financesApi';
import { splitByPosted } from './idempotence';
import {
	buildJournal,
	exceptionLine,
	type JournalAccounts,
	type JournalEntry,
	type JournalOutcome,
	type JournalOptions,
	type RemittanceException,
} from './journal';
import { matchPayment, type MatchResult, type OpenDocumentIndex } from './matching';
import type { RemittancePayment } from './types';
import type { Json } from '../values';

/** A payment read from a source, with the input item it came from. */
export interface PaymentCandidate {
	paymentNumber: string;
	itemIndex: number;
	/** The payment, when it could be read whole. */
	payment?: RemittancePayment;
	/** A Finances API payment one of whose invoices cannot be read into it. */
	incomplete?: IncompletePayment;
	warnings: string[];
}

export interface PostingConfig {
	rules: CompiledRules;
	accounts: JournalAccounts;
	journalOptions: JournalOptions;
	openDocuments: OpenDocumentIndex;
	disputeWindowDays: number;
	/** ISO date: disputes say whether their window is still open. */
	today: string;
	/** Payment numbers posted before: these payments are left out. */
	postedBefore: readonly string[];
}

/** What became of one payment: a journal entry, an exception, or both (lines held on suspense). */
export interface PaymentOutcome {
	candidate: PaymentCandidate;
	entry?: JournalEntry;
	/** The exception as the Exceptions output shows it. */
	exception?: Json;
	/** The exception's lines when the payment was posted with lines held on suspense. */
	heldLines?: RemittanceException['lines'];
	/** What matching found, in output form (absent for an incomplete payment). */
	matching?: Json;
}

export interface RemittanceRun {
	outcomes: PaymentOutcome[];
	alreadyPosted: string[];
	duplicates: string[];
	/** Payment numbers sent to the Journal in this run. */
	posted: string[];
	heldPayments: number;
	linesHeldOnSuspense: number;
	journalLineCount: number;
	unmatchedReferences: number;
	paidByCurrency: Record<string, { payments: number; paid: string }>;
}

/** A payment that cannot be journalised (the cause is a bug or a rule that cannot be applied). */
export class PaymentNotJournalisedError extends Error {
	constructor(
		readonly paymentNumber: string,
		readonly itemIndex: number,
		cause: unknown,
	) {
		super(
			`Payment ${paymentNumber} cannot be journalised: ${(cause as Error)?.message ?? String(cause)}`,
		);
		this.name = 'PaymentNotJournalisedError';
	}
}

/** Posts every payment of the run that was not posted before; see the module comment. */
export function postRemittances(
	candidates: readonly PaymentCandidate[],
	config: PostingConfig,
): RemittanceRun {
	const split = splitByPosted(candidates, config.postedBefore);
	const outcomes = split.toPost.map((candidate) => postCandidate(candidate, config));
	return {
		outcomes,
		alreadyPosted: split.alreadyPosted.map((c) => c.paymentNumber),
		duplicates: split.duplicates.map((c) => c.paymentNumber),
		...runTotals(outcomes),
	};
}

function postCandidate(candidate: PaymentCandidate, config: PostingConfig): PaymentOutcome {
	const warnings = candidate.warnings.length > 0 ? { warnings: candidate.warnings } : {};
	if (candidate.incomplete) {
		const exception = { ...incompleteException(candidate.incomplete, config.rules), ...warnings };
		return { candidate, exception };
	}
	const payment = candidate.payment as RemittancePayment;
	const { match, outcome, error } = journalise(payment, config);
	if (error !== undefined || !match || !outcome)
		throw new PaymentNotJournalisedError(payment.paymentNumber, candidate.itemIndex, error);
	const matching = matchingOutput(match, payment, config.openDocuments.size > 0);
	const result: PaymentOutcome = { candidate, matching };
	if (outcome.entry) result.entry = outcome.entry;
	if (outcome.exception) {
		result.exception = { ...outcome.exception, matching, ...warnings };
		if (outcome.entry) result.heldLines = outcome.exception.lines;
	}
	return result;
}

/** Classifies, matches and journalises one payment; an error is returned, not thrown. */
function journalise(
	payment: RemittancePayment,
	config: PostingConfig,
): { match?: MatchResult; outcome?: JournalOutcome; error?: unknown } {
	try {
		const classified = classifyPayment(payment, config.rules);
		const match = matchPayment(payment, classified, config.openDocuments, {
			disputeWindowDays: config.disputeWindowDays,
			today: config.today,
		});
		const outcome = buildJournal(payment, match.classified, config.accounts, config.journalOptions);
		return { match, outcome };
	} catch (error) {
		return { error: error ?? new Error(String(error)) };
	}
}

function runTotals(
	outcomes: readonly PaymentOutcome[],
): Omit<RemittanceRun, 'outcomes' | 'alreadyPosted' | 'duplicates'> {
	const totals = new Map<string, { paid: Decimal; payments: number }>();
	const run = {
		posted: [] as string[],
		heldPayments: 0,
		linesHeldOnSuspense: 0,
		journalLineCount: 0,
		unmatchedReferences: 0,
	};
	for (const outcome of outcomes) {
		const held = outcome.exception?.held;
		if (held === 'payment') run.heldPayments++;
		if (held === 'lines') run.linesHeldOnSuspense += outcome.heldLines?.length ?? 0;
		const unmatched = outcome.matching?.unmatched;
		if (Array.isArray(unmatched)) run.unmatchedReferences += unmatched.length;
		const entry = outcome.entry;
		if (!entry) continue;
		run.posted.push(entry.paymentNumber);
		run.journalLineCount += entry.lines.length;
		const total = totals.get(entry.currency) ?? { paid: ZERO_AMOUNT, payments: 0 };
		totals.set(entry.currency, {
			paid: add(total.paid, parseDecimal(entry.summary.paid)),
			payments: total.payments + 1,
		});
	}
	const paidByCurrency = Object.fromEntries(
		[...totals].map(([currency, t]) => [
			currency,
			{ payments: t.payments, paid: formatAmount(t.paid, currency) },
		]),
	);
	return { ...run, paidByCurrency };
}

/** What matching found for one payment, in output form. */
export function matchingOutput(
	match: MatchResult,
	payment: RemittancePayment,
	reportUnmatched: boolean,
): Json {
	const disputes: Json[] = [];
	const shortPaid: Json[] = [];
	for (const line of match.lines) {
		const common = {
			reference: line.reference,
			invoiceNumber: line.invoiceNumber,
			purchaseOrderNumber: line.purchaseOrderNumber,
		};
		if (line.shortPaid) {
			const disputeBy = line.dispute ? { disputeBy: line.dispute.deadline } : {};
			shortPaid.push({ ...common, ...line.shortPaid, ...disputeBy });
		}
		if (!line.dispute) continue;
		const paid = formatAmount(payment.lines[line.lineIndex].paid, payment.currency);
		disputes.push({
			reference: line.reference,
			type: line.type,
			invoiceNumber: line.invoiceNumber,
			purchaseOrderNumber: line.purchaseOrderNumber,
			amount: line.shortPaid ? line.shortPaid.shortBy : paid,
			claimDate: line.dispute.claimDate,
			deadline: line.dispute.deadline,
			...(line.dispute.open === undefined ? {} : { open: line.dispute.open }),
		});
	}
	const result: Json = {
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
	if (reportUnmatched) result.unmatched = match.unmatched;
	return result;
}

/** A Finances API payment that cannot be posted because one of its invoices cannot be read into it. */
export function incompleteException(incomplete: IncompletePayment, rules: CompiledRules): Json {
	const payment = incomplete.payment;
	return {
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
		lines: payment
			? classifyPayment(payment, rules).map((cl) => exceptionLine(cl, payment.currency, ''))
			: [],
	};
}
