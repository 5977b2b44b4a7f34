/**
 * The SP-API operations this package calls, one row each: Amazon's operationId and model file, the
 * method, the path template, the usage plan (rate and burst) and, for answers that come in pages,
 * where the list and the next page's token sit. Every request takes its method, path and pacing from
 * here. Pure: no n8n imports.
 */
import { InvalidInputError } from '../domain/inputError';
import { readPath } from '../domain/values';

export type HttpMethod = 'GET' | 'POST';

/** Where a paged answer keeps its list and its token, and how the token is sent back. */
export interface Paging {
	/** Dotted path of the list in the payload (see payloadOf). */
	items: string;
	/** Dotted path of the next page's token in the payload. */
	nextToken: string;
	/** Query parameter that carries the token of the next page. */
	tokenParam: string;
}

export interface OperationSpec {
	/** The operationId as Amazon's model spells it. */
	operationId: string;
	/** The model file in schemas/amazon that defines the operation. */
	model: string;
	method: HttpMethod;
	/** Path below the host; `{name}` stands for a path parameter. */
	path: string;
	/** Sustained requests per second of the usage plan. */
	rate: number;
	/** Requests that may be sent at once before the rate applies. */
	burst: number;
	paging?: Paging;
}

/** Amazon's Pagination object of the vendor APIs: `payload.<list>` and `payload.pagination.nextToken`. */
function vendorPaging(items: string): Paging {
	return { items, nextToken: 'pagination.nextToken', tokenParam: 'nextToken' };
}

const ORDERS_MODEL = 'vendorOrders.json';
const SHIPMENTS_MODEL = 'vendorShipments.json';
const FINANCES_MODEL = 'financesInvoices_2026-06-25.json';
const FINANCES_INVOICES = '/finances/invoices/2026-06-25/invoices';

/**
 * Rates and bursts are the "Usage plan" tables of the models: 10 requests per second with a burst of
 * 10, and getTransaction 10 with a burst of 20. The Finances Invoices model states no plan: the
 * vendor default (10 and 10) is used for its operations.
 */
export const SP_API_OPERATIONS = {
	getPurchaseOrders: {
		operationId: 'getPurchaseOrders',
		model: ORDERS_MODEL,
		method: 'GET',
		path: '/vendor/orders/v1/purchaseOrders',
		rate: 10,
		burst: 10,
		paging: vendorPaging('orders'),
	},
	getPurchaseOrder: {
		operationId: 'getPurchaseOrder',
		model: ORDERS_MODEL,
		method: 'GET',
		path: '/vendor/orders/v1/purchaseOrders/{purchaseOrderNumber}',
		rate: 10,
		burst: 10,
	},
	submitAcknowledgement: {
		operationId: 'submitAcknowledgement',
		model: ORDERS_MODEL,
		method: 'POST',
		path: '/vendor/orders/v1/acknowledgements',
		rate: 10,
		burst: 10,
	},
	getPurchaseOrdersStatus: {
		operationId: 'getPurchaseOrdersStatus',
		model: ORDERS_MODEL,
		method: 'GET',
		path: '/vendor/orders/v1/purchaseOrdersStatus',
		rate: 10,
		burst: 10,
		paging: vendorPaging('ordersStatus'),
	},
	submitShipmentConfirmations: {
		operationId: 'SubmitShipmentConfirmations',
		model: SHIPMENTS_MODEL,
		method: 'POST',
		path: '/vendor/shipping/v1/shipmentConfirmations',
		rate: 10,
		burst: 10,
	},
	submitShipments: {
		operationId: 'SubmitShipments',
		model: SHIPMENTS_MODEL,
		method: 'POST',
		path: '/vendor/shipping/v1/shipments',
		rate: 10,
		burst: 10,
	},
	getShipmentDetails: {
		operationId: 'GetShipmentDetails',
		model: SHIPMENTS_MODEL,
		method: 'GET',
		path: '/vendor/shipping/v1/shipments',
		rate: 10,
		burst: 10,
		paging: vendorPaging('shipments'),
	},
	getShipmentLabels: {
		operationId: 'GetShipmentLabels',
		model: SHIPMENTS_MODEL,
		method: 'GET',
		path: '/vendor/shipping/v1/transportLabels',
		rate: 10,
		burst: 10,
		paging: vendorPaging('transportLabels'),
	},
	submitInvoices: {
		operationId: 'submitInvoices',
		model: 'vendorInvoices.json',
		method: 'POST',
		path: '/vendor/payments/v1/invoices',
		rate: 10,
		burst: 10,
	},
	getTransaction: {
		operationId: 'getTransaction',
		model: 'vendorTransactionStatus.json',
		method: 'GET',
		path: '/vendor/transactions/v1/transactions/{transactionId}',
		rate: 10,
		burst: 20,
	},
	/** Amazon's getInvoiceHeaders; the remittance node calls it getInvoices. */
	getInvoices: {
		operationId: 'getInvoiceHeaders',
		model: FINANCES_MODEL,
		method: 'GET',
		path: FINANCES_INVOICES,
		rate: 10,
		burst: 10,
		paging: { items: 'invoices', nextToken: 'nextToken', tokenParam: 'nextToken' },
	},
	getInvoice: {
		operationId: 'getInvoice',
		model: FINANCES_MODEL,
		method: 'GET',
		path: `${FINANCES_INVOICES}/{invoiceIdentifier}`,
		rate: 10,
		burst: 10,
		paging: {
			items: 'invoiceItems',
			nextToken: 'nextTokenForLineItems',
			tokenParam: 'nextTokenForLineItems',
		},
	},
	/** Direct Fulfillment (drop-ship) inventory of one warehouse. */
	submitInventoryUpdate: {
		operationId: 'submitInventoryUpdate',
		model: 'vendorDirectFulfillmentInventoryV1.json',
		method: 'POST',
		path: '/vendor/directFulfillment/inventory/v1/warehouses/{warehouseId}/items',
		rate: 10,
		burst: 10,
	},
	/** The status of a Direct Fulfillment transaction (answers without a payload wrapper). */
	getDirectFulfillmentTransaction: {
		operationId: 'getTransactionStatus',
		model: 'vendorDirectFulfillmentTransactions_2021-12-28.json',
		method: 'GET',
		path: '/vendor/directFulfillment/transactions/2021-12-28/transactions/{transactionId}',
		rate: 10,
		burst: 10,
	},
} as const satisfies Record<string, OperationSpec>;

export type SpApiOperation = keyof typeof SP_API_OPERATIONS;

/** The operations whose answers come in pages. */
export type PagedOperation = {
	[K in SpApiOperation]: (typeof SP_API_OPERATIONS)[K] extends { paging: Paging } ? K : never;
}[SpApiOperation];

export function operationSpec(operation: SpApiOperation): OperationSpec {
	return SP_API_OPERATIONS[operation];
}

export type PathParams = Record<string, string | number>;

/**
 * The path of an operation with each `{name}` replaced by its URL-encoded parameter. A parameter the
 * template names but `params` lacks is an InvalidInputError; an empty string is sent as given.
 */
export function operationPath(operation: SpApiOperation, params: PathParams = {}): string {
	return operationSpec(operation).path.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
		if (typeof value !== 'string' && typeof value !== 'number') {
			throw new InvalidInputError(
				`${operation} needs the path parameter ${name}`,
				`pathParams.${name}`,
			);
		}
		return encodeURIComponent(String(value));
	});
}

/** The `payload` of an SP-API answer (vendor APIs wrap every result in it); the body if it has none. */
export function payloadOf<T>(body: unknown): T {
	const payload = (body as { payload?: unknown } | undefined)?.payload;
	return (payload === undefined ? body : payload) as T;
}

export interface PageResult<T> {
	items: T[];
	nextToken?: string;
}

/** Reads one page of a paged operation: its list (empty if absent) and its token (a non-empty text). */
export function pageReader<T>(operation: PagedOperation): (body: unknown) => PageResult<T> {
	const paging = SP_API_OPERATIONS[operation].paging;
	return (body) => {
		const payload = payloadOf<unknown>(body);
		const items = readPath(payload, paging.items);
		const token = readPath(payload, paging.nextToken);
		return {
			items: Array.isArray(items) ? (items as T[]) : [],
			...(typeof token === 'string' && token !== '' ? { nextToken: token } : {}),
		};
	};
}
