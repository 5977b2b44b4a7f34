/**
 * A journal entry as the bodies of two accounting APIs: a Xero manual journal
 * (`POST /api.xro/2.0/ManualJournals`) and a QuickBooks Online journal entry
 * (`POST /v3/company/{realmId}/journalentry`, accounts are account IDs).
 *
 * Pure: no n8n imports.
 */
import type { JournalEntry } from './journal';
import type { Json } from '../values';

export type AccountingFormat = 'none' | 'quickBooks' | 'xero';

export function xeroManualJournal(entry: JournalEntry, memoPrefix: string): Json {
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

export function quickBooksJournalEntry(entry: JournalEntry, memoPrefix: string): Json {
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

/** The accounting body of an entry in the chosen format, under its output field name. */
export function accountingBody(
	entry: JournalEntry,
	format: AccountingFormat,
	memoPrefix: string,
): Json {
	if (format === 'xero') return { xeroManualJournal: xeroManualJournal(entry, memoPrefix) };
	if (format === 'quickBooks')
		return { quickBooksJournalEntry: quickBooksJournalEntry(entry, memoPrefix) };
	return {};
}
