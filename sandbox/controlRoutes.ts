/**
 * The control API under /__sandbox/ (JSON in, JSON out). Errors: { "error": message, "details": [...] }.
 * See README.md for the full reference.
 */
import type { SandboxControl } from './control';
import { ControlError } from './controlError';
import { controlRoute as route, requiredBody as body } from './controlHttp';
import type { Route } from './http/router';

const json = (value: unknown, status = 200) => ({ status, body: value });

export function controlRoutes(control: SandboxControl, describe: () => unknown): Route[] {
	return [
		route('GET', '/__sandbox', 'info', () => json(describe())),
		route('POST', '/__sandbox/reset', 'reset', () => {
			control.reset();
			return json({ ok: true });
		}),
		route('POST', '/__sandbox/seed', 'seed', (req) => json(control.seed(body(req)))),
		route('GET', '/__sandbox/state', 'state', () => json(control.state())),
		route(
			'POST',
			'/__sandbox/amazon/purchase-orders/{purchaseOrderNumber}/change',
			'changePurchaseOrder',
			(req) =>
				json({ order: control.changePurchaseOrder(req.params.purchaseOrderNumber, body(req)) }),
		),
		route(
			'POST',
			'/__sandbox/amazon/purchase-orders/{purchaseOrderNumber}/receive',
			'receivePurchaseOrder',
			(req) =>
				json({
					orderStatus: control.receivePurchaseOrder(req.params.purchaseOrderNumber, body(req)),
				}),
		),
		route('GET', '/__sandbox/amazon/remittance.csv', 'remittanceCsv', (req) => {
			const numbers = req.query.getAll('paymentNumber');
			const dateFormat = req.query.get('dateFormat') ?? 'iso';
			if (dateFormat !== 'iso' && dateFormat !== 'us' && dateFormat !== 'eu')
				throw new ControlError(400, 'dateFormat must be iso, us or eu.');
			const text = control.remittanceCsv(numbers.length ? numbers : undefined, {
				dateFormat,
				extended: req.query.get('extended') === 'true',
			});
			return {
				status: 200,
				text,
				headers: {
					'content-type': 'text/csv; charset=utf-8',
					'content-disposition': 'attachment; filename="remittance.csv"',
				},
			};
		}),
		route('GET', '/__sandbox/faults', 'listFaults', () => json({ faults: control.faults() })),
		route('POST', '/__sandbox/faults', 'addFaults', (req) => {
			const b = body<{ faults?: unknown; replace?: boolean; seed?: number }>(req);
			if (!b || typeof b !== 'object' || !Array.isArray(b.faults))
				throw new ControlError(400, 'The body must be { "faults": [ … ] }.');
			return json(control.addFaults(b.faults, { replace: b.replace === true, seed: b.seed }));
		}),
		route('DELETE', '/__sandbox/faults', 'clearFaults', () => {
			control.clearFaults();
			return json({ faults: [] });
		}),
		route('GET', '/__sandbox/requests', 'listRequests', (req) => {
			const q = req.query;
			const afterSeq = q.get('afterSeq');
			const requests = control.requests({
				service: q.get('service') ?? undefined,
				operation: q.get('operation') ?? undefined,
				method: q.get('method') ?? undefined,
				path: q.get('path') ?? undefined,
				afterSeq: afterSeq === null ? undefined : Number(afterSeq),
			});
			return json({ requests });
		}),
		route('DELETE', '/__sandbox/requests', 'clearRequests', () => {
			control.clearRequests();
			return json({ requests: [] });
		}),
		route('GET', '/__sandbox/config', 'getConfig', () => json(control.config())),
		route('POST', '/__sandbox/config', 'setConfig', (req) => json(control.configure(body(req)))),
		route('GET', '/__sandbox/clock', 'getClock', () => json({ now: control.now().toISOString() })),
		route('POST', '/__sandbox/clock', 'setClock', (req) => {
			const b = body<{ advanceMs?: number; set?: string }>(req);
			if (b.set !== undefined) return json({ now: control.setClock(b.set).toISOString() });
			if (b.advanceMs !== undefined)
				return json({ now: control.advanceClock(b.advanceMs).toISOString() });
			throw new ControlError(400, 'The body must be { "advanceMs": n } or { "set": "ISO date" }.');
		}),
	];
}
