/**
 * Control routes under /__sandbox/magento/: what a person in the shop or warehouse does
 * (JSON in, JSON out; errors { "error": message, "details": [...] } as the rest of the control API).
 *
 *   GET  /__sandbox/magento                                  connection details (token, base paths)
 *   POST /__sandbox/magento/orders                           a shopper places an order (seed order format)
 *   POST /__sandbox/magento/orders/{order}/start-fulfilment  new -> processing   { invoice?, comment? }
 *   POST /__sandbox/magento/orders/{order}/ship              ship lines with tracking
 *                                                            { items?, tracks?, sourceCode?, comment? }
 *   POST /__sandbox/magento/orders/{order}/invoice           invoice what is left (offline capture)
 *   POST /__sandbox/magento/orders/{order}/cancel            cancel (releases reservations)
 *   POST /__sandbox/magento/orders/{order}/hold | unhold
 *   POST /__sandbox/magento/orders/{order}/comments          { comment, status? }
 *   POST /__sandbox/magento/stock                            { sku, sourceCode?, quantity | delta, status? }
 *                                                            or { changes: [...] }
 *
 * {order} is the entity id or the increment id. Each action runs on a copy of the state that is
 * kept only when the action succeeds.
 */
import type { SandboxClock } from '../clock';
import { ControlError } from '../controlError';
import { controlRoute, objectBody as body } from '../controlHttp';
import type { HttpMethod, Route, RouteHandler, SandboxRequest } from '../http/router';
import { addOrderComment, findOrderByRef, invoiceOrder, orderOut } from './orders';
import { applyMagentoSeed, type MagentoOrderSeed } from './seed';
import type { MagentoData, MagentoOrder } from './state';
import {
	asControl,
	cancel,
	changeStock,
	hold,
	shipLines,
	startFulfilment,
	unhold,
	type ShipAction,
	type StartFulfilmentAction,
	type StockChange,
} from './warehouse';

export interface MagentoControlHost {
	data(): MagentoData;
	/** Runs `fn` on a copy of the state and keeps the copy only when it returns. */
	mutate<T>(fn: (data: MagentoData) => T): T;
	clock: SandboxClock;
}

function route(method: HttpMethod, path: string, operation: string, handler: RouteHandler): Route {
	return controlRoute(method, `/__sandbox/magento${path}`, operation, handler);
}

function orderOf(data: MagentoData, ref: string): MagentoOrder {
	const order = findOrderByRef(data, ref);
	if (!order)
		throw new ControlError(
			404,
			`Magento order ${ref} is not in the sandbox (use its entity id or increment id).`,
		);
	return order;
}

export function magentoControlRoutes(host: MagentoControlHost): Route[] {
	const { clock } = host;
	const orderAction = (
		name: string,
		act: (data: MagentoData, order: MagentoOrder, req: SandboxRequest) => unknown,
	) =>
		route('POST', `/orders/{order}/${name}`, `magento.${name}`, (req) => {
			const out = host.mutate((data) => {
				const order = orderOf(data, req.params.order);
				const extra = act(data, order, req);
				return {
					...(extra && typeof extra === 'object' ? (extra as object) : {}),
					order: orderOut(data, order),
				};
			});
			return { status: 200, body: out };
		});

	return [
		route('GET', '', 'magento.info', (req) => {
			const data = host.data();
			const host_ = typeof req.headers.host === 'string' ? `http://${req.headers.host}` : '';
			return {
				status: 200,
				body: {
					host: host_,
					restBasePaths: [
						'/rest/V1',
						...data.stores.map((s) => `/rest/${s.code}/V1`),
						'/rest/all/V1',
					],
					integrationTokens: data.integrationTokens,
					n8nCredential: { host: host_, accessToken: data.integrationTokens[0] },
					stores: data.stores,
					paymentMethods: data.paymentMethods,
					shippingMethods: data.shippingMethods,
				},
			};
		}),
		route('POST', '/orders', 'magento.placeOrder', (req) => {
			const input = body<MagentoOrderSeed>(req);
			const out = host.mutate((data) => {
				const seeded = applyMagentoSeed(data, { orders: [input] }, clock);
				const order = data.orders.get(seeded.orders[0].entityId) as MagentoOrder;
				return { order: orderOut(data, order) };
			});
			return { status: 201, body: out };
		}),
		orderAction('start-fulfilment', (data, order, req) =>
			startFulfilment(data, order, body<StartFulfilmentAction>(req, {}), clock),
		),
		orderAction('ship', (data, order, req) => ({
			shipment: shipLines(data, order, body<ShipAction>(req, {}), clock),
		})),
		orderAction('invoice', (data, order) => ({
			invoiceId: asControl(() => invoiceOrder(data, order, {}, clock)),
		})),
		orderAction('cancel', (data, order) => cancel(data, order, clock)),
		orderAction('hold', (_data, order) => hold(order, clock)),
		orderAction('unhold', (_data, order) => unhold(order, clock)),
		orderAction('comments', (data, order, req) => {
			const b = body<{
				comment?: string;
				status?: string;
				notifyCustomer?: boolean;
				visibleOnFront?: boolean;
			}>(req);
			if (typeof b.comment !== 'string' || !b.comment)
				throw new ControlError(400, 'comment must be a non-empty string.');
			if (b.status !== undefined && (typeof b.status !== 'string' || !b.status))
				throw new ControlError(400, 'status must be a non-empty string.');
			addOrderComment(
				data,
				order,
				{
					comment: b.comment,
					status: b.status,
					is_customer_notified: b.notifyCustomer ? 1 : 0,
					is_visible_on_front: b.visibleOnFront ? 1 : 0,
				},
				clock,
			);
		}),
		route('POST', '/stock', 'magento.changeStock', (req) => {
			const b = body<StockChange & { changes?: StockChange[] }>(req);
			const changes = Array.isArray(b.changes) ? b.changes : [b];
			return { status: 200, body: host.mutate((data) => changeStock(data, changes)) };
		}),
	];
}
