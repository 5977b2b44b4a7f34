/**
 * The Magento 2 service of the sandbox: Adobe Commerce / Magento Open Source 2.4 REST under
 * /rest/V1/… and /rest/<store>/V1/… (Bearer integration token), validated against Adobe's
 * official admin schema, with carts, orders, shipments and MSI reservations; warehouse actions
 * under /__sandbox/magento/; seed key and state key "magento". See README.md in this folder.
 *
 *   startSandbox({ services: [createMagentoService] })
 *   sandbox.control.seed({ magento: { products: [{ sku: 'SKU-1', price: 10, stock: { default: 5 } }] } })
 */
import type { SandboxService, ServiceContext, ServiceFactory } from '../services';
import { ControlError } from '../controlError';
import { cartOut, customerOut } from './carts';
import { magentoControlRoutes } from './control';
import { salableQty, sourceItemOut, sourceOut, stockOut } from './inventory';
import { type MagentoContext } from './operation';
import { orderOut } from './orders';
import { groupOut, tierPriceOut } from './prices';
import { magentoRoutes } from './routes';
import { loadMagentoSchema } from './schema';
import { applyMagentoSeed, type MagentoSeedResult } from './seed';
import { shipmentOut } from './shipments';
import { createInitialData, magentoDate, type MagentoData } from './state';

export type {
	MagentoSeed,
	MagentoSeedResult,
	MagentoStoreSeed,
	MagentoSourceSeed,
	MagentoStockSeed,
	MagentoProductSeed,
	MagentoSourceItemSeed,
	MagentoCustomerSeed,
	MagentoCustomerGroupSeed,
	MagentoTierPriceSeed,
	MagentoOrderSeed,
	MagentoAddressSeed,
} from './seed';
export type { ShipAction, StartFulfilmentAction, StockChange } from './warehouse';
export { DEFAULT_INTEGRATION_TOKEN } from './state';
export { loadMagentoSchema, MagentoSchema, magentoSchemaFile } from './schema';

export interface MagentoServiceOptions {
	/** Adobe's admin schema (JSON). Default schemas/magento/admin-schema-2.4.9.json(.gz) or $SANDBOX_MAGENTO_SCHEMA. */
	schemaFile?: string;
}

export interface MagentoService extends SandboxService {
	/** The live state (for in-process tests). */
	data(): MagentoData;
}

function snapshot(data: MagentoData): Record<string, unknown> {
	const skus = [
		...new Set([...data.products.keys(), ...[...data.sourceItems.values()].map((s) => s.sku)]),
	];
	return {
		integrationTokens: data.integrationTokens,
		admins: data.admins.map((a) => a.username),
		stores: data.stores,
		paymentMethods: data.paymentMethods,
		shippingMethods: data.shippingMethods,
		sources: [...data.sources.keys()].map((code) => sourceOut(data, code)),
		stocks: [...data.stocks.values()].map((s) => ({ ...stockOut(s), source_codes: s.sourceCodes })),
		products: [...data.products.values()].map((p) => ({
			id: p.id,
			sku: p.sku,
			name: p.name,
			price: p.price,
			typeId: p.typeId,
			enabled: p.status === 1,
			weight: p.weight,
			minQty: p.minQty,
		})),
		sourceItems: [...data.sourceItems.values()].map(sourceItemOut),
		reservations: data.reservations.map((r) => ({
			reservation_id: r.reservationId,
			stock_id: r.stockId,
			sku: r.sku,
			quantity: r.quantity,
			metadata: r.metadata,
			created_at: magentoDate(r.createdAt),
		})),
		salable: skus.flatMap((sku) =>
			[...data.stocks.values()].map((stock) => ({
				sku,
				stockId: stock.stockId,
				qty: salableQty(data, sku, stock),
			})),
		),
		customerGroups: [...data.customerGroups.values()].sort((a, b) => a.id - b.id).map(groupOut),
		priceScope: data.priceScope,
		tierPrices: [...data.tierPrices]
			.sort((a, b) => a.valueId - b.valueId)
			.map((r) => tierPriceOut(data, r)),
		customers: [...data.customers.values()].map((c) => customerOut(data, c)),
		carts: [...data.carts.values()].map((c) => cartOut(data, c)),
		orders: [...data.orders.values()].map((o) => orderOut(data, o)),
		shipments: [...data.shipments.values()].map((s) => shipmentOut(data, s)),
		invoices: [...data.invoices.values()].map((inv) => ({
			entity_id: inv.entityId,
			increment_id: inv.incrementId,
			order_id: inv.orderId,
			created_at: magentoDate(inv.createdAt),
			subtotal: inv.subtotal,
			shipping_amount: inv.shippingAmount,
			grand_total: inv.grandTotal,
			state: 2,
			items: inv.items.map((i) => ({
				order_item_id: i.orderItemId,
				sku: i.sku,
				qty: i.qty,
				price: i.price,
				row_total: i.rowTotal,
			})),
		})),
	};
}

export function magentoServiceFactory(
	options: MagentoServiceOptions = {},
): (context: ServiceContext) => MagentoService {
	return (context) => {
		// Loads (once per process) and fails at start when the schema is missing.
		const schema = loadMagentoSchema(options.schemaFile);
		let data = createInitialData();
		const ctx: MagentoContext = {
			data: () => data,
			clock: context.clock,
			faults: context.faults,
			schema,
		};
		const mutate = <T>(fn: (copy: MagentoData) => T): T => {
			const copy = structuredClone(data);
			const out = fn(copy);
			data = copy;
			return out;
		};
		return {
			name: 'magento',
			routes: () => magentoRoutes(ctx),
			controlRoutes: () => magentoControlRoutes({ data: () => data, mutate, clock: context.clock }),
			seed(value: unknown): MagentoSeedResult {
				try {
					return mutate((copy) => applyMagentoSeed(copy, value, context.clock));
				} catch (e) {
					if (e instanceof ControlError) throw e;
					throw new ControlError(400, `magento: ${(e as Error).message}`);
				}
			},
			reset() {
				data = createInitialData();
			},
			snapshot: () => snapshot(data),
			data: () => data,
		};
	};
}

/** The Magento service with the default schema location. */
export const createMagentoService: ServiceFactory = magentoServiceFactory();
