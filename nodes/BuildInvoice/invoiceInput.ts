/**
 * Reading one Build Invoice item into the invoice to build: the purchase orders as acknowledged, the
 * shipped and already invoiced quantities, the ERP's lines, the used numbers, and the parties,
 * terms, taxes, charges and allowances of the parameters. Throws InputError naming the field.
 * Pure: no n8n imports.
 */
import { toShipmentDateTime } from '../shared/domain/asn';
import type { BuildInvoiceInput, InvoicePartyInput } from '../shared/domain/invoice';
import { invoiceLinesFor, readInvoiceLineOverrides } from '../shared/domain/invoice';
import {
	readAcknowledgedOrders,
	readQuantities,
	readStringList,
	type AcknowledgedOrderInput,
} from '../shared/domain/asn';
import { InvalidInputError } from '../shared/domain/inputError';
import { isObject, isoSeconds, readPath, shown, type Json } from '../shared/domain/values';
import { usedInvoiceNumbers, type InvoiceRunState } from './invoiceMemory';
import type { InvoiceItemOptions } from './options';

export interface InvoiceItemInput {
	input: BuildInvoiceInput;
	usedInvoiceNumbers: string[];
}

export function readInvoiceItem(
	json: Json,
	options: InvoiceItemOptions,
	state: InvoiceRunState,
	now: number,
): InvoiceItemInput {
	const orders = readAcknowledgedOrders(
		readPath(json, options.purchaseOrdersField),
		options.purchaseOrdersField,
		options.requireAcknowledgement,
	);
	const lines = readLines(json, options, orders);
	const usedField = options.usedInvoiceNumbersField;
	const used = readStringList(readPath(json, usedField), usedField);
	const input: BuildInvoiceInput = {
		id: options.invoiceNumber,
		date: invoiceDate(options.invoiceDate, now),
		currencyCode: lines[0].acknowledgedNetCost.currencyCode,
		remitToParty: remitToParty(options, orders),
		lines,
	};
	const billTo = options.includeBillTo ? billToOf(orders) : undefined;
	if (billTo) input.billToParty = billTo;
	Object.assign(input, parameterParts(options));
	const expected = readPath(json, options.expectedTotalField);
	if (expected !== undefined && expected !== null && expected !== '')
		input.expectedTotal = String(expected);
	return { input, usedInvoiceNumbers: usedInvoiceNumbers(state, used) };
}

/** The shipped PO lines at the acknowledged cost, with the ERP's own lines where it gives them. */
function readLines(json: Json, options: InvoiceItemOptions, orders: AcknowledgedOrderInput[]) {
	const { shippedLinesField, alreadyInvoicedField, invoiceLinesField } = options;
	const shipped = readQuantities(readPath(json, shippedLinesField), shippedLinesField);
	const invoiced = readQuantities(readPath(json, alreadyInvoicedField), alreadyInvoicedField);
	const overrides = readInvoiceLineOverrides(readPath(json, invoiceLinesField), invoiceLinesField);
	const fields = { shipped: shippedLinesField, orders: options.purchaseOrdersField };
	return invoiceLinesFor(orders, shipped, invoiced, overrides, fields);
}

/** The Invoice Date parameter in Amazon's form (as given if it cannot be read); none: now. */
function invoiceDate(given: string | undefined, now: number): string {
	return given === undefined ? isoSeconds(now) : (toShipmentDateTime(given) ?? given);
}

/** The party Amazon pays: the parameters, else the vendor code of the first purchase order. */
function remitToParty(
	options: InvoiceItemOptions,
	orders: readonly AcknowledgedOrderInput[],
): InvoicePartyInput {
	const party: InvoicePartyInput = {
		partyId: options.remitToPartyId ?? vendorCode(options, orders),
	};
	if (Object.keys(options.remitToAddress).length)
		party.address = options.remitToAddress as unknown as InvoicePartyInput['address'];
	if (options.remitToTax) {
		party.taxRegistrationDetails = [
			{
				taxRegistrationType: options.remitToTax.type,
				taxRegistrationNumber: options.remitToTax.number,
			},
		];
	}
	return party;
}

/** The selling party of the first purchase order (empty when it names none). */
function vendorCode(
	options: InvoiceItemOptions,
	orders: readonly AcknowledgedOrderInput[],
): string {
	const partyId: unknown = orders[0].purchaseOrder.sellingParty?.partyId;
	if (partyId === undefined || partyId === null || typeof partyId === 'string')
		return partyId ?? '';
	const path = `${options.purchaseOrdersField}.purchaseOrder.sellingParty.partyId`;
	throw new InvalidInputError(`${path} must be a text (got ${shown(partyId)})`, path);
}

/** Terms, taxes, charges, allowances and reference: only those given. */
function parameterParts(options: InvoiceItemOptions): Partial<BuildInvoiceInput> {
	const out: Partial<BuildInvoiceInput> = {};
	if (Object.keys(options.paymentTerms).length) out.paymentTerms = options.paymentTerms;
	if (options.taxes.length) out.taxes = options.taxes;
	if (options.charges.length) out.charges = options.charges;
	if (options.allowances.length) out.allowances = options.allowances;
	if (options.referenceNumber) out.referenceNumber = options.referenceNumber;
	return out;
}

/** The PO's bill-to party in the invoice's shape, when all the purchase orders name the same one. */
export function billToOf(orders: readonly AcknowledgedOrderInput[]): InvoicePartyInput | undefined {
	const parties = orders
		.map((o) => o.purchaseOrder.billToParty)
		.filter((p): p is NonNullable<typeof p> => !!p && typeof p.partyId === 'string');
	if (!parties.length || new Set(parties.map((p) => p.partyId)).size > 1) return undefined;
	const party: InvoicePartyInput = { partyId: parties[0].partyId };
	const address = parties[0].address;
	if (
		isObject(address) &&
		typeof address.name === 'string' &&
		typeof address.addressLine1 === 'string' &&
		typeof address.countryCode === 'string'
	) {
		party.address = address as unknown as InvoicePartyInput['address'];
	}
	return party;
}
