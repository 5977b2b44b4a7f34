/**
 * submitInvoices (POST /vendor/payments/v1/invoices): model validation, then a transaction whose
 * errors come from the rules in invoices.ts, checked when it settles. Success records each
 * invoice (one resent after a failure replaces the failed entry); Failure records the ids as
 * failed, so they may be resent, unless the id already belongs to a successful invoice.
 */
import type { Route } from '../http/router';
import { checkInvoices, type InvoicesEffects } from './invoices';
import { accepted, amazonOperation, readModelBody } from './operation';
import { createRecordsView } from './recordsView';
import type { AmazonSimulator } from './simulator';
import type { TransactionRecord } from './state';

function invoiceIds(body: { invoices?: Array<{ id?: unknown }> }): string[] {
	return (body.invoices ?? [])
		.map((i) => (typeof i.id === 'string' ? i.id.trim() : ''))
		.filter((id) => id !== '');
}

export function recordInvoices(
	sim: AmazonSimulator,
	effects: InvoicesEffects,
	tx: TransactionRecord,
): void {
	for (const record of effects.invoices) {
		if (record.replacesFailed)
			sim.state.invoices = sim.state.invoices.filter(
				(e) => !(e.id === record.id && e.status === 'Failure'),
			);
		sim.state.invoices.push({
			id: record.id,
			transactionId: tx.transactionId,
			status: 'Success',
			record,
		});
	}
}

export function recordFailedInvoices(
	sim: AmazonSimulator,
	ids: string[],
	tx: TransactionRecord,
): void {
	for (const id of ids) {
		if (sim.state.invoices.some((e) => e.id === id && e.status === 'Success')) continue;
		sim.state.invoices.push({ id, transactionId: tx.transactionId, status: 'Failure' });
	}
}

/**
 * The submitInvoices transaction of a body that passed the model (the HTTP route and the EDI 810
 * path): the rules of invoices.ts when it settles; `settled` runs after the records are written.
 */
export function registerInvoices(
	sim: AmazonSimulator,
	body: { invoices?: Array<{ id?: unknown }> },
	settled?: (tx: TransactionRecord) => void,
): TransactionRecord {
	const ids = invoiceIds(body);
	let effects: InvoicesEffects = { invoices: [] };
	return sim.registerTransaction({
		kind: 'invoice',
		operation: 'submitInvoices',
		references: ids,
		errors: () => {
			const result = checkInvoices(body, createRecordsView(sim));
			effects = result.effects;
			return result.errors;
		},
		onSuccess: (t) => {
			recordInvoices(sim, effects, t);
			settled?.(t);
		},
		onFailure: (t) => {
			recordFailedInvoices(sim, ids, t);
			settled?.(t);
		},
	});
}

export function invoiceRoutes(sim: AmazonSimulator): Route[] {
	return [
		amazonOperation(
			sim,
			{ method: 'POST', path: '/vendor/payments/v1/invoices', operation: 'submitInvoices' },
			(req) => {
				const body = readModelBody<{ invoices?: Array<{ id?: unknown }> }>(
					sim,
					req,
					'vendorInvoices.json',
					'SubmitInvoicesRequest',
				);
				const tx = registerInvoices(sim, body);
				return accepted(tx.transactionId);
			},
		),
	];
}
