/**
 * The exception-queue row (Data Table `avc_exceptions`) of an item on the Exceptions output of Post
 * Remittance Journal: a stable type, the POs concerned, one plain-English reason with what to do,
 * owner finance, and the facts as JSON. Pure: no n8n imports.
 */
import { isObject, type Json } from '../values';

export interface ExceptionQueueRow {
	/** `remittance_unknown_line`, `remittance_does_not_add_up`, ... */
	type: string;
	/** The distinct PO numbers of the lines concerned, comma-separated ('' when none). */
	purchaseOrderNumber: string;
	reason: string;
	ownerRole: 'finance';
	/** The payment and the lines concerned, as JSON text. */
	details: string;
}

const TYPES: Record<string, string> = {
	unknownLines: 'remittance_unknown_line',
	unmappedType: 'remittance_unmapped_type',
	doesNotAddUp: 'remittance_does_not_add_up',
	currencyMismatch: 'remittance_currency_mismatch',
	incomplete: 'remittance_incomplete_payment',
	apiError: 'remittance_api_error',
	invalidDocument: 'remittance_invalid_document',
};

const LINES_HELD =
	'The rest of the payment is in the ledger. Move these lines from the suspense account to the ' +
	'right account in your books, and add a classification rule (or an account) to Post Remittance ' +
	'Journal so later payments are recognised.';
const PAYMENT_HELD =
	'Nothing of this payment is in the ledger yet. Fix the cause (a classification rule or an ' +
	'account in Post Remittance Journal, or the remittance with Amazon); the next run posts it.';

function typeOf(reason: unknown): string {
	if (typeof reason === 'string' && Object.prototype.hasOwnProperty.call(TYPES, reason))
		return TYPES[reason];
	const code = String(reason ?? 'problem')
		.replace(/([a-z])([A-Z])/g, '$1_$2')
		.toLowerCase();
	return `remittance_${code}`;
}

/** The row of one Exceptions item (an exception of a payment, or a document or API failure). */
export function exceptionQueueRow(exception: Json): ExceptionQueueRow {
	const x = isObject(exception) ? exception : {};
	const linesHeld = x.held === 'lines';
	const lines = (Array.isArray(x.lines) ? x.lines : []).filter(
		(line) => !linesHeld || !isObject(line) || line.problem !== '',
	);
	const orders = lines
		.map((line) => (isObject(line) ? line.purchaseOrderNumber : undefined))
		.filter((po) => Boolean(po))
		.map(String);
	const message =
		typeof x.message === 'string'
			? x.message
			: `Payment ${String(x.paymentNumber)} cannot be posted.`;
	const reason = `${message.trim().replace(/\.?$/, '.')} ${linesHeld ? LINES_HELD : PAYMENT_HELD}`;
	const details = JSON.stringify({
		paymentNumber: x.paymentNumber,
		paymentDate: x.paymentDate,
		amount: x.amount,
		currency: x.currency,
		source: x.source,
		reason: x.reason,
		held: x.held,
		difference: x.difference,
		invoices: x.invoices,
		lines,
	});
	return {
		type: typeOf(x.reason),
		purchaseOrderNumber: [...new Set(orders)].join(','),
		reason,
		ownerRole: 'finance',
		details,
	};
}
