/**
 * Payments of the Finances Invoices API dated within Payments From..To: invoice headers of every
 * 90-day window page by page (`getInvoiceHeaders`), the line items of the invoices that need them
 * (`getInvoice`), grouped into payments.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { DateWindow } from '../shared/domain/dateWindows';
import {
	invoiceNeedsItems,
	invoicesFromPages,
	normaliseFinancesInvoices,
} from '../shared/domain/remittance/financesApi';
import type { PaymentCandidate } from '../shared/domain/remittance/posting';
import { asNodeError } from '../shared/transport/errors';
import {
	operationCall,
	paginateOperation,
	payloadOf,
	spApiPaginate,
} from '../shared/transport/spApi';
import {
	distinctInvoices,
	issueWindows,
	paymentsInRange,
	type PaymentRange,
} from './financesRange';
import { dayOf, text } from './inputs';
import type { RunOptions } from './options';

/** A guard against a server that keeps answering with a next page. */
const MAX_PAGES = 10_000;

interface FinancesRequest extends PaymentRange {
	marketplaceId: string;
	itemIndex: number;
}

function readRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	options: RunOptions,
): FinancesRequest {
	const fail = (message: string): never => {
		throw new NodeOperationError(context.getNode(), message, { itemIndex });
	};
	const marketplaceId = text(context.getNodeParameter('marketplaceId', itemIndex, ''));
	if (marketplaceId === '') fail('Marketplace ID is required');
	const rawFrom = context.getNodeParameter('paymentsFrom', itemIndex, '');
	const fromDay = dayOf(rawFrom) ?? fail(`Payments From is not a date: "${String(rawFrom)}"`);
	const rawTo = context.getNodeParameter('paymentsTo', itemIndex, '');
	const toDay =
		text(rawTo) === '' && !(rawTo instanceof Date)
			? new Date(options.now).toISOString().slice(0, 10)
			: (dayOf(rawTo) ?? fail(`Payments To is not a date: "${String(rawTo)}"`));
	const lookbackDays = options.finances.invoiceLookbackDays;
	return { marketplaceId, itemIndex, fromDay, toDay, lookbackDays, now: options.now };
}

/** Every page of `getInvoiceHeaders` for every window, as the pages' payloads. */
async function headerPages(
	context: IExecuteFunctions,
	request: FinancesRequest,
	windows: DateWindow[],
): Promise<unknown[]> {
	const pages: unknown[] = [];
	for (const window of windows) {
		const windowPages = await spApiPaginate.call(
			context,
			operationCall('getInvoices', {
				qs: {
					marketplaceId: request.marketplaceId,
					fromIssueDate: window.after,
					toIssueDate: window.before,
				},
				itemIndex: request.itemIndex,
			}),
			(body) => {
				const page = payloadOf<{ nextToken?: unknown }>(body);
				const nextToken = typeof page?.nextToken === 'string' ? page.nextToken : undefined;
				return { items: [page as unknown], nextToken };
			},
			{ max: MAX_PAGES + 1 },
		);
		if (windowPages.length > MAX_PAGES) tooManyPages(context, request, 'getInvoiceHeaders');
		pages.push(...windowPages);
	}
	return pages;
}

function tooManyPages(context: IExecuteFunctions, request: FinancesRequest, what: string): never {
	throw new NodeOperationError(context.getNode(), `${what} returned more than ${MAX_PAGES} pages`, {
		itemIndex: request.itemIndex,
	});
}

/** Every line item of one invoice (`getInvoice`, paged with nextTokenForLineItems). */
async function invoiceItems(
	context: IExecuteFunctions,
	request: FinancesRequest,
	identifier: string,
): Promise<unknown[]> {
	return await paginateOperation<unknown>(
		context,
		'getInvoice',
		{
			pathParams: { invoiceIdentifier: identifier },
			qs: { marketplaceId: request.marketplaceId },
			itemIndex: request.itemIndex,
		},
		{ maxPages: MAX_PAGES, label: `getInvoice ${identifier}` },
	);
}

/** The line items (defect and service charge types) of the invoices that need them. */
async function itemsOfInvoices(
	context: IExecuteFunctions,
	request: FinancesRequest,
	headers: unknown[],
): Promise<Record<string, unknown[]>> {
	const itemsByInvoice: Record<string, unknown[]> = {};
	for (const header of headers) {
		if (!invoiceNeedsItems(header)) continue;
		const identifier = text((header as IDataObject).invoiceIdentifier);
		if (identifier === '') continue;
		itemsByInvoice[identifier] = await invoiceItems(context, request, identifier);
	}
	return itemsByInvoice;
}

function unreadable(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeOperationError {
	const message = `The Finances API answer cannot be read: ${(error as Error).message}`;
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/** The payments of the Finances API for one input item (see the module comment). */
export async function fetchFinances(
	context: IExecuteFunctions,
	itemIndex: number,
	options: RunOptions,
): Promise<PaymentCandidate[]> {
	const request = readRequest(context, itemIndex, options);
	let windows: DateWindow[];
	try {
		windows = issueWindows(request);
	} catch (error) {
		throw asNodeError(context.getNode(), error, itemIndex);
	}
	const pages = await headerPages(context, request, windows);
	let headers: unknown[];
	try {
		headers = distinctInvoices(invoicesFromPages(pages));
	} catch (error) {
		throw unreadable(context, error, itemIndex);
	}
	const itemsByInvoice = options.finances.fetchLineItems
		? await itemsOfInvoices(context, request, headers)
		: {};
	try {
		const result = normaliseFinancesInvoices(headers, itemsByInvoice, options.finances.normalise);
		return paymentsInRange(result, request, itemIndex);
	} catch (error) {
		throw unreadable(context, error, itemIndex);
	}
}
