/**
 * The arguments of buildJournal checked before use, so that a wrong value (null, a number where a
 * Decimal belongs, a missing line) is a named {@link JournalInputError} naming the field, never an
 * engine TypeError and never a journal built from it.
 *
 * Pure: no n8n imports.
 */
import { InvalidInputError } from '../inputError';
import { Decimal } from '../money';
import { isObject, shown } from '../values';

/** An argument of buildJournal that is not what it must be; `path` names the field. */
export class JournalInputError extends InvalidInputError {
	constructor(message: string, path: string) {
		super(message, path);
		this.name = 'JournalInputError';
	}
}

function fail(path: string, expected: string, value: unknown): never {
	throw new JournalInputError(`${path} must be ${expected} (got ${shown(value)})`, path);
}

function checkText(value: unknown, path: string, optional = false): void {
	if (optional && value === undefined) return;
	if (typeof value !== 'string') fail(path, 'text', value);
}

function checkDecimal(value: unknown, path: string): void {
	if (!(value instanceof Decimal)) fail(path, 'a Decimal amount', value);
}

const LINE_AMOUNTS = ['gross', 'discount', 'paid', 'remaining'] as const;
const LINE_TEXTS = ['invoiceNumber', 'purchaseOrderNumber', 'description', 'reasonCode'] as const;

function checkLine(line: unknown, path: string): void {
	if (!isObject(line)) fail(path, 'a remittance line', line);
	checkText(line.reference, `${path}.reference`);
	for (const field of LINE_AMOUNTS) checkDecimal(line[field], `${path}.${field}`);
	for (const field of LINE_TEXTS) checkText(line[field], `${path}.${field}`, true);
	checkText(line.currency, `${path}.currency`, true);
	if (typeof line.sourcePosition !== 'number' || !Number.isFinite(line.sourcePosition))
		fail(`${path}.sourcePosition`, 'a number', line.sourcePosition);
}

/** Checks the payment the journal is built for (not its lines: those come classified). */
export function checkPayment(payment: unknown): void {
	if (!isObject(payment)) fail('payment', 'a remittance payment', payment);
	for (const field of ['paymentNumber', 'paymentDate', 'currency', 'source'] as const)
		checkText(payment[field], `payment.${field}`);
	if (!/^[A-Z]{3}$/.test(payment.currency as string))
		fail('payment.currency', 'a currency code such as USD', payment.currency);
	checkDecimal(payment.amount, 'payment.amount');
}

/** Checks the classified lines: each `{line, type?, invoiceNumber?, purchaseOrderNumber?}`. */
export function checkClassified(classified: unknown): void {
	if (!Array.isArray(classified)) fail('classified', 'a list of classified lines', classified);
	classified.forEach((cl: unknown, index) => {
		const path = `classified[${index}]`;
		if (!isObject(cl)) fail(path, 'a classified line', cl);
		checkLine(cl.line, `${path}.line`);
		checkText(cl.type, `${path}.type`, true);
		checkText(cl.invoiceNumber, `${path}.invoiceNumber`, true);
		checkText(cl.purchaseOrderNumber, `${path}.purchaseOrderNumber`, true);
	});
}

/** Checks the options object itself and its text fields (the values are checked with the accounts). */
export function checkOptions(options: unknown): void {
	if (!isObject(options)) fail('options', 'an object of journal options', options);
	checkText(options.memoPrefix, 'options.memoPrefix', true);
	const tolerance = options.roundingTolerance;
	if (tolerance !== undefined && typeof tolerance !== 'string' && !(tolerance instanceof Decimal))
		fail('options.roundingTolerance', 'a decimal amount', tolerance);
}
