/**
 * The Finances Invoices API 2026-06-25 over the seeded payments (and successful submitted
 * invoices not paid yet), built by remittance.ts. Its answers are not wrapped in { payload }.
 */
import type { Route } from '../http/router';
import { amazonOperation } from './operation';
import { getInvoice, listInvoices, type FinancesContext } from './remittance';
import type { AmazonSimulator } from './simulator';

export function financesContext(sim: AmazonSimulator): FinancesContext {
	return {
		now: sim.clock.now(),
		region: sim.state.region,
		submittedInvoices: sim.state.invoices.flatMap((e) =>
			e.status === 'Success' && e.record ? [e.record] : [],
		),
		vendor: { vendorCode: sim.state.vendorCode },
	};
}

export function financesRoutes(sim: AmazonSimulator): Route[] {
	return [
		amazonOperation(
			sim,
			{
				method: 'GET',
				path: '/finances/invoices/2026-06-25/invoices',
				operation: 'getInvoiceHeaders',
			},
			(req) => {
				const answer = listInvoices(sim.state.payments, req.query, financesContext(sim));
				return answer.status === 200
					? { status: 200, body: answer.body }
					: { status: answer.status, errors: answer.body.errors };
			},
		),
		amazonOperation(
			sim,
			{
				method: 'GET',
				path: '/finances/invoices/2026-06-25/invoices/{invoiceIdentifier}',
				operation: 'getInvoice',
			},
			(req) => {
				const answer = getInvoice(
					sim.state.payments,
					req.params.invoiceIdentifier,
					req.query,
					financesContext(sim),
				);
				return answer.status === 200
					? { status: 200, body: answer.body }
					: { status: answer.status, errors: answer.body.errors };
			},
		),
	];
}
