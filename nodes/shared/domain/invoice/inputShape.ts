/**
 * The shape checks of Build Invoice's input and options: what must be an object or a list before
 * the steps read it. Each problem is an INVALID_INPUT mismatch with its path. Pure.
 */
import { isObject, shown } from '../values';
import type { InvoiceMismatch } from './types';

type Problems = InvoiceMismatch[];

function problem(out: Problems, path: string, what: string, value: unknown): void {
	out.push({
		code: 'INVALID_INPUT',
		message: `${path} must be ${what} (got ${shown(value)})`,
		path,
	});
}

/** The fields of a line that messages show: a PO line number, a weight unit. */
function checkLines(lines: unknown, out: Problems): void {
	if (!Array.isArray(lines)) return;
	lines.forEach((line, i) => {
		if (!isObject(line)) return;
		const seq = line.itemSequenceNumber;
		if (typeof seq !== 'string' && typeof seq !== 'number')
			problem(out, `lines[${i}].itemSequenceNumber`, 'a PO line number', seq);
		const unit = line.netCostUnitOfMeasure;
		if (unit !== undefined && typeof unit !== 'string')
			problem(out, `lines[${i}].netCostUnitOfMeasure`, 'a weight unit', unit);
	});
}

function listOfObjects(value: unknown, path: string, out: Problems): void {
	if (value === undefined) return;
	if (!Array.isArray(value)) return problem(out, path, 'a list', value);
	value.forEach((entry, i) => {
		if (!isObject(entry)) problem(out, `${path}[${i}]`, 'an object', entry);
	});
}

function checkParty(value: unknown, path: string, out: Problems, required: boolean): void {
	if (value === undefined && !required) return;
	// A missing remitToParty is reported by the build ("remitToParty.partyId is required").
	if (value === undefined || value === null) return;
	if (!isObject(value) || typeof value.partyId !== 'string')
		return problem(out, path, 'a party {partyId, address?}', value);
	const address = value.address;
	if (address !== undefined && (!isObject(address) || typeof address.countryCode !== 'string'))
		problem(out, `${path}.address`, 'an address with a countryCode', address);
	listOfObjects(value.taxRegistrationDetails, `${path}.taxRegistrationDetails`, out);
}

function checkOptions(options: unknown, out: Problems): void {
	if (!isObject(options)) return problem(out, 'options', 'an object', options);
	const used = options.usedInvoiceNumbers;
	if (used !== undefined && (!Array.isArray(used) || !used.every((n) => typeof n === 'string')))
		problem(out, 'options.usedInvoiceNumbers', 'a list of invoice numbers', used);
	const unit = options.quantityUnit;
	if (unit !== undefined && unit !== 'purchaseOrder' && unit !== 'eaches')
		problem(out, 'options.quantityUnit', 'purchaseOrder or eaches', unit);
	const numbering = options.itemNumbering;
	if (
		numbering !== undefined &&
		!['auto', 'purchaseOrderLine', 'sequential'].includes(numbering as string)
	)
		problem(out, 'options.itemNumbering', 'auto, purchaseOrderLine or sequential', numbering);
}

/** Every shape problem of the input and the options; empty when the build can read them. */
export function inputProblems(input: unknown, options: unknown): InvoiceMismatch[] {
	const out: Problems = [];
	checkOptions(options, out);
	if (!isObject(input)) {
		problem(out, '(root)', 'an object {id, date, currencyCode, remitToParty, lines, ...}', input);
		return out;
	}
	checkLines(input.lines, out);
	checkParty(input.remitToParty, 'remitToParty', out, true);
	for (const field of ['billToParty', 'shipToParty', 'shipFromParty'] as const)
		checkParty(input[field], field, out, false);
	for (const field of ['charges', 'allowances', 'additionalDetails'] as const)
		listOfObjects(input[field], field, out);
	if (input.paymentTerms !== undefined && !isObject(input.paymentTerms))
		problem(out, 'paymentTerms', 'an object', input.paymentTerms);
	return out;
}
