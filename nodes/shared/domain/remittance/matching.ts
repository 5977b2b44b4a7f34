/**
 * Links remittance lines to the shop's or ERP's open invoices / orders (the node's optional second
 * input), so short payments and claims carry the original invoice and PO for disputes.
 *
 * - A line's invoice is the one classification found (`12345SC` -> `12345`, an invoice line is its
 *   own invoice, an 820 ADX or API variance names it). Lines are matched by that **invoice number**
 *   first, then by **PO number** (a line naming several POs, `PO1,PO2`, is tried with each; a PO
 *   with several open documents is ambiguous and not matched). Keys are compared trimmed and
 *   case-insensitively.
 * - A matched line gets the document's PO (and, matched by PO, its invoice number) when it had none.
 * - **Short payment**: for an invoice line, what this payment settled for that invoice (the
 *   invoice line's `paid + discount` plus the claims against the same invoice in this payment) is
 *   compared with the document's amount when the document gives one, else with the line's
 *   `remaining`; a shortfall is reported with the invoice and PO.
 * - **Disputes**: claims (`shortageClaim`, `revisedShortageClaim`, `priceClaim`, `chargeback` by
 *   default) and short-paid invoices get a dispute window: from the claim's document date (else the
 *   payment date) plus 30 days (third-party guides, wiki.amazowl.com: chargebacks are disputed
 *   within 30 days). With `today`, `open` tells whether the window is still open.
 * - `unmatched` lists every line that names an invoice or PO that no open document has.
 *
 * Pure: no n8n imports.
 */
import { Decimal, add, compare, parseDecimal, subtract } from '../money';
import { formatAmount, parseAmountText, ZERO_AMOUNT } from './amounts';
import type { ClassifiedLine } from './classify';
import { addDays, isIsoDate, type RemittancePayment } from './types';

export const DEFAULT_DISPUTE_WINDOW_DAYS = 30;
export const DEFAULT_DISPUTABLE_TYPES: readonly string[] = Object.freeze([
	'shortageClaim',
	'revisedShortageClaim',
	'priceClaim',
	'chargeback',
]);

/** An open invoice or order from the shop / ERP, as read from the node's second input. */
export interface OpenDocument {
	invoiceNumber?: string;
	purchaseOrderNumber?: string;
	/** The document's (open) amount as a decimal string, when known. */
	amount?: string;
	/** The source item, untouched. */
	record: Record<string, unknown>;
}

/** Field names in the input items (dot paths allowed: `order.poNumber`). */
export interface OpenDocumentFields {
	invoiceNumber?: string;
	purchaseOrderNumber?: string;
	amount?: string;
}

export const DEFAULT_OPEN_DOCUMENT_FIELDS: Readonly<Required<OpenDocumentFields>> = Object.freeze({
	invoiceNumber: 'invoiceNumber',
	purchaseOrderNumber: 'purchaseOrderNumber',
	amount: 'amount',
});

export interface OpenDocumentIndex {
	byInvoice: Map<string, OpenDocument>;
	byPurchaseOrder: Map<string, OpenDocument[]>;
	size: number;
}

const key = (value: string): string => value.trim().toUpperCase();

function pick(record: Record<string, unknown>, path: string): unknown {
	let value: unknown = record;
	for (const part of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	return undefined;
}

/**
 * Indexes open documents. Amounts may be decimal strings, spreadsheet text or JSON numbers (through
 * their shortest string form); an unreadable amount is ignored (the document still matches).
 */
export function indexOpenDocuments(
	records: readonly unknown[],
	fields: OpenDocumentFields = {},
): OpenDocumentIndex {
	const names = {
		...DEFAULT_OPEN_DOCUMENT_FIELDS,
		...Object.fromEntries(
			Object.entries(fields).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
		),
	};
	const byInvoice = new Map<string, OpenDocument>();
	const byPurchaseOrder = new Map<string, OpenDocument[]>();
	let size = 0;
	for (const record of records) {
		if (record === null || typeof record !== 'object') continue;
		const rec = record as Record<string, unknown>;
		const document: OpenDocument = { record: rec };
		const invoiceNumber = text(pick(rec, names.invoiceNumber));
		const purchaseOrderNumber = text(pick(rec, names.purchaseOrderNumber));
		if (invoiceNumber === undefined && purchaseOrderNumber === undefined) continue;
		if (invoiceNumber !== undefined) document.invoiceNumber = invoiceNumber;
		if (purchaseOrderNumber !== undefined) document.purchaseOrderNumber = purchaseOrderNumber;
		const rawAmount = pick(rec, names.amount);
		try {
			const amount =
				typeof rawAmount === 'number' && Number.isFinite(rawAmount)
					? parseDecimal(String(rawAmount))
					: typeof rawAmount === 'string'
						? parseAmountText(rawAmount)
						: undefined;
			if (amount !== undefined) document.amount = amount.toString();
		} catch {
			// unreadable amount: match without it
		}
		size++;
		if (invoiceNumber !== undefined && !byInvoice.has(key(invoiceNumber)))
			byInvoice.set(key(invoiceNumber), document);
		if (purchaseOrderNumber !== undefined) {
			const list = byPurchaseOrder.get(key(purchaseOrderNumber));
			if (list) list.push(document);
			else byPurchaseOrder.set(key(purchaseOrderNumber), [document]);
		}
	}
	return { byInvoice, byPurchaseOrder, size };
}

export interface MatchOptions {
	disputeWindowDays?: number;
	disputableTypes?: readonly string[];
	/** ISO date; when given, disputes say whether their window is still open. */
	today?: string;
}

export interface LineMatch {
	/** Index of the line in the payment. */
	lineIndex: number;
	reference: string;
	type: string;
	invoiceNumber: string;
	purchaseOrderNumber: string;
	matchedBy: 'invoiceNumber' | 'purchaseOrderNumber' | 'none';
	document?: OpenDocument;
	shortPaid?: { expected: string; settled: string; shortBy: string };
	dispute?: { claimDate: string; deadline: string; open?: boolean };
}

export interface UnmatchedReference {
	lineIndex: number;
	reference: string;
	type: string;
	invoiceNumber: string;
	purchaseOrderNumber: string;
	reason: 'notFound' | 'ambiguousPurchaseOrder';
}

export interface MatchResult {
	paymentNumber: string;
	lines: LineMatch[];
	/** The classified lines with invoice and PO completed from the matched documents. */
	classified: ClassifiedLine[];
	unmatched: UnmatchedReference[];
}

/** Matches the classified lines of one payment against the open documents. */
export function matchPayment(
	payment: RemittancePayment,
	classified: readonly ClassifiedLine[],
	index: OpenDocumentIndex,
	options: MatchOptions = {},
): MatchResult {
	const windowDays = options.disputeWindowDays ?? DEFAULT_DISPUTE_WINDOW_DAYS;
	if (!Number.isSafeInteger(windowDays) || windowDays < 0) {
		throw new RangeError(
			`The dispute window must be a whole number of days (got ${String(windowDays)})`,
		);
	}
	if (options.today !== undefined && !isIsoDate(options.today)) {
		throw new RangeError(`today must be an ISO date YYYY-MM-DD (got "${options.today}")`);
	}
	const disputable = new Set(options.disputableTypes ?? DEFAULT_DISPUTABLE_TYPES);
	const currency = payment.currency;

	// What this payment settles per invoice (invoice lines and the claims against them).
	const settledByInvoice = new Map<string, Decimal>();
	for (const cl of classified) {
		if (cl.invoiceNumber === undefined || cl.type === undefined) continue;
		const k = key(cl.invoiceNumber);
		settledByInvoice.set(
			k,
			add(settledByInvoice.get(k) ?? ZERO_AMOUNT, add(cl.line.paid, cl.line.discount)),
		);
	}

	const lines: LineMatch[] = [];
	const enriched: ClassifiedLine[] = [];
	const unmatched: UnmatchedReference[] = [];
	classified.forEach((cl, lineIndex) => {
		const line = cl.line;
		let invoiceNumber = cl.invoiceNumber ?? line.invoiceNumber ?? '';
		let purchaseOrderNumber = cl.purchaseOrderNumber ?? line.purchaseOrderNumber ?? '';
		let document: OpenDocument | undefined;
		let matchedBy: LineMatch['matchedBy'] = 'none';
		let ambiguous = false;
		if (invoiceNumber !== '') {
			document = index.byInvoice.get(key(invoiceNumber));
			if (document) matchedBy = 'invoiceNumber';
		}
		if (!document && purchaseOrderNumber !== '') {
			const found = new Set<OpenDocument>();
			for (const po of purchaseOrderNumber.split(',')) {
				for (const doc of index.byPurchaseOrder.get(key(po)) ?? []) found.add(doc);
			}
			if (found.size === 1) {
				document = [...found][0];
				matchedBy = 'purchaseOrderNumber';
			} else if (found.size > 1) {
				ambiguous = true;
			}
		}
		if (document) {
			if (purchaseOrderNumber === '' && document.purchaseOrderNumber)
				purchaseOrderNumber = document.purchaseOrderNumber;
			if (invoiceNumber === '' && document.invoiceNumber) invoiceNumber = document.invoiceNumber;
		} else if (invoiceNumber !== '' || purchaseOrderNumber !== '') {
			unmatched.push({
				lineIndex,
				reference: line.reference,
				type: cl.type ?? '',
				invoiceNumber,
				purchaseOrderNumber,
				reason: ambiguous ? 'ambiguousPurchaseOrder' : 'notFound',
			});
		}
		const match: LineMatch = {
			lineIndex,
			reference: line.reference,
			type: cl.type ?? '',
			invoiceNumber,
			purchaseOrderNumber,
			matchedBy,
		};
		if (document) match.document = document;

		if (cl.type === 'invoicePayment' && invoiceNumber !== '') {
			const settled = settledByInvoice.get(key(invoiceNumber)) ?? add(line.paid, line.discount);
			let expected: Decimal | undefined;
			if (document?.amount !== undefined) expected = parseDecimal(document.amount);
			else if (line.remaining.units > BigInt(0)) expected = add(settled, line.remaining);
			if (expected !== undefined && compare(settled, expected) < 0) {
				match.shortPaid = {
					expected: formatAmount(expected, currency),
					settled: formatAmount(settled, currency),
					shortBy: formatAmount(subtract(expected, settled), currency),
				};
			}
		}
		const isClaim = cl.type !== undefined && disputable.has(cl.type);
		if (isClaim || match.shortPaid) {
			const claimDate = isClaim ? (line.invoiceDate ?? payment.paymentDate) : payment.paymentDate;
			const deadline = addDays(claimDate, windowDays);
			match.dispute =
				options.today === undefined
					? { claimDate, deadline }
					: { claimDate, deadline, open: options.today <= deadline };
		}
		lines.push(match);
		const next: ClassifiedLine = { ...cl };
		if (invoiceNumber !== '') next.invoiceNumber = invoiceNumber;
		if (purchaseOrderNumber !== '') next.purchaseOrderNumber = purchaseOrderNumber;
		enriched.push(next);
	});
	return { paymentNumber: payment.paymentNumber, lines, classified: enriched, unmatched };
}
