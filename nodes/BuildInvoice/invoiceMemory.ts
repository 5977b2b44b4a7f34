/**
 * What Build Invoice remembers: in the workflow's static data, the numbers of submitted invoices
 * with their last status (an invoice Amazon failed may be sent again under its number); within one
 * run, the numbers built or sent so far. Pure: no n8n imports.
 */
import { pruneTimed } from '../shared/domain/asn';
import { isObject, type Json } from '../shared/domain/values';

const MAX_REMEMBERED_INVOICES = 5000;

export interface RememberedInvoice {
	at: number;
	/** Submitted (not awaited), Processing, Success or Failure: a Failure may be resent. */
	status: string;
}

export interface InvoiceRunState {
	memory: Record<string, RememberedInvoice>;
	/** Numbers built or sent by this run. */
	numbers: Set<string>;
	/** Set when a submission was added to the memory: it is written back at the end. */
	remembered: boolean;
}

/** Numbers are never forgotten for their age, only beyond the latest 5,000. */
function pruned(value: unknown, now: number): Record<string, RememberedInvoice> {
	const record = (isObject(value) ? value : {}) as Record<string, RememberedInvoice>;
	return pruneTimed(record, now, Number.POSITIVE_INFINITY, MAX_REMEMBERED_INVOICES);
}

export function startInvoiceRun(staticData: Json, now: number): InvoiceRunState {
	return { memory: pruned(staticData.invoiceNumbers, now), numbers: new Set(), remembered: false };
}

export function memoryToStore(state: InvoiceRunState, now: number): Json {
	return pruned(state.memory, now) as unknown as Json;
}

/** Numbers that may not be used again: the item's, the remembered ones Amazon did not fail, the run's. */
export function usedInvoiceNumbers(state: InvoiceRunState, fromItem: readonly string[]): string[] {
	return [
		...fromItem,
		...Object.entries(state.memory)
			.filter(([, v]) => v.status !== 'Failure')
			.map(([k]) => k),
		...state.numbers,
	];
}

export function rememberInvoice(
	state: InvoiceRunState,
	invoiceNumber: string,
	status: string,
	at: number,
): void {
	state.memory[invoiceNumber] = { at, status };
	state.remembered = true;
}
