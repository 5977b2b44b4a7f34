/**
 * The one paging function (spApiPaginate, paginateOperation, fetchOrders on top of them) against
 * random page sequences: every item once and in order, one request per page read, the token of each
 * page sent with the next request, and a stop at the last page or at `max`.
 */
import fc from 'fast-check';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	paginateOperation,
	spApiPaginate,
	type PageResult,
	type SpApiContext,
	type TransportOptions,
} from '../../../nodes/shared/transport/spApi';
import { fetchOrders } from '../../../nodes/shared/transport/orders';
import { TEST_NODE } from '../../helpers/n8nContext';

type Item = { id: string };

/** A context whose every request answers the next of `bodies`, and that records what was sent. */
function fakeContext(bodies: unknown[]) {
	const sent: IHttpRequestOptions[] = [];
	const context = {
		getNode: () => TEST_NODE,
		getCredentials: async () => ({ region: 'eu' }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				sent.push(options);
				if (sent.length > bodies.length) throw new Error('a page after the last one was asked for');
				return { statusCode: 200, headers: {}, body: bodies[sent.length - 1] };
			},
		},
	} as unknown as SpApiContext;
	return { context, sent };
}

const instant: TransportOptions = { sleep: async () => undefined, now: () => 0 };

/** 1 to 6 pages of 0 to 5 items each; item ids are unique over the whole sequence. */
const pageSizes = fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 6 });

function pagesOf(sizes: number[], prefix = 'PO'): Item[][] {
	let n = 0;
	return sizes.map((size) => Array.from({ length: size }, () => ({ id: `${prefix}${++n}` })));
}

const token = (page: number) => `token-${page + 1}`;

/** Vendor-style answers: payload.orders and payload.pagination.nextToken, none on the last page. */
function vendorBodies(pages: Item[][]): unknown[] {
	return pages.map((orders, i) => ({
		payload: { orders, ...(i < pages.length - 1 ? { pagination: { nextToken: token(i) } } : {}) },
	}));
}

/** How many pages a reader stopping at `max` items asks for. */
function pagesRead(pages: Item[][], max: number | undefined): number {
	if (max === undefined) return pages.length;
	let count = 0;
	for (let i = 0; i < pages.length; i++) {
		count += pages[i].length;
		if (count >= max && pages[i].length > 0) return i + 1;
	}
	return pages.length;
}

const readVendorPage = (body: unknown): PageResult<Item> => {
	const p = (body as { payload: { orders: Item[]; pagination?: { nextToken?: string } } }).payload;
	return { items: p.orders, nextToken: p.pagination?.nextToken };
};

describe('spApiPaginate on random page sequences', () => {
	it('returns every item once, in order, and stops at the last page or at max', async () => {
		await fc.assert(
			fc.asyncProperty(
				pageSizes,
				fc.option(fc.integer({ min: 1, max: 30 })),
				async (sizes, max) => {
					const pages = pagesOf(sizes);
					const { context, sent } = fakeContext(vendorBodies(pages));
					const call = {
						operation: 'getPurchaseOrders' as const,
						method: 'GET' as const,
						path: '/vendor/orders/v1/purchaseOrders',
						qs: { limit: 5, sortOrder: 'ASC' },
					};
					const items = await spApiPaginate.call<
						SpApiContext,
						[typeof call, typeof readVendorPage, TransportOptions & { max?: number }],
						Promise<Item[]>
					>(context, call, readVendorPage, { ...instant, max: max ?? undefined });
					const all = pages.flat();
					expect(items).toEqual(max === null ? all : all.slice(0, max));
					const read = pagesRead(pages, max ?? undefined);
					expect(sent).toHaveLength(read);
					sent.forEach((request, i) => {
						const qs = {
							limit: 5,
							sortOrder: 'ASC',
							...(i > 0 ? { nextToken: token(i - 1) } : {}),
						};
						expect(request.qs).toEqual(qs);
						expect(request.url).toBe(
							'https://sellingpartnerapi-eu.amazon.com/vendor/orders/v1/purchaseOrders',
						);
					});
				},
			),
			{ numRuns: 150 },
		);
	});

	it('sends the token of a Finances page as nextTokenForLineItems, from the table', async () => {
		await fc.assert(
			fc.asyncProperty(pageSizes, async (sizes) => {
				const pages = pagesOf(sizes, 'L');
				const bodies = pages.map((invoiceItems, i) => ({
					invoiceItems,
					...(i < pages.length - 1 ? { nextTokenForLineItems: token(i) } : {}),
				}));
				const { context, sent } = fakeContext(bodies);
				const items = await paginateOperation<Item>(
					context,
					'getInvoice',
					{ pathParams: { invoiceIdentifier: 'INV/1' }, qs: { marketplaceId: 'A1' } },
					instant,
				);
				expect(items).toEqual(pages.flat());
				expect(sent).toHaveLength(pages.length);
				sent.forEach((request, i) => {
					expect(request.url).toMatch(/\/finances\/invoices\/2026-06-25\/invoices\/INV%2F1$/);
					expect(request.qs).toEqual({
						marketplaceId: 'A1',
						...(i > 0 ? { nextTokenForLineItems: token(i - 1) } : {}),
					});
				});
			}),
			{ numRuns: 100 },
		);
	});

	it('stops with a NodeOperationError naming the operation after maxPages pages', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 1, max: 5 }), async (maxPages) => {
				const pages = pagesOf(Array.from({ length: maxPages + 1 }, () => 1));
				const { context, sent } = fakeContext(vendorBodies(pages));
				const error = await paginateOperation<Item>(
					context,
					'getPurchaseOrders',
					{},
					{ ...instant, maxPages },
				)
					.then(() => undefined)
					.catch((e: unknown) => e);
				expect(error).toBeInstanceOf(NodeOperationError);
				expect((error as Error).message).toBe(
					`getPurchaseOrders returned more than ${maxPages} pages`,
				);
				expect(sent).toHaveLength(maxPages);
				const labelled = await paginateOperation<Item>(
					fakeContext(vendorBodies(pages)).context,
					'getPurchaseOrders',
					{},
					{ ...instant, maxPages, label: 'getInvoice INV-1' },
				).catch((e: unknown) => e as Error);
				expect((labelled as Error).message).toBe(
					`getInvoice INV-1 returned more than ${maxPages} pages`,
				);
			}),
			{ numRuns: 30 },
		);
	});

	it('reads an answer without a list as an empty page and one without a text token as the last', async () => {
		const odd = fc.constantFrom<unknown>(
			undefined,
			null,
			'',
			5,
			{},
			[],
			{ payload: null },
			{ payload: { orders: 'x' } },
		);
		await fc.assert(
			fc.asyncProperty(odd, async (body) => {
				const { context, sent } = fakeContext([body]);
				const items = await paginateOperation<Item>(context, 'getPurchaseOrders', {}, instant);
				expect(items).toEqual([]);
				expect(sent).toHaveLength(1);
			}),
			{ numRuns: 30 },
		);
	});
});

describe('fetchOrders on random windows of random pages', () => {
	/** Each query answers its own pages; purchase orders repeat across queries (window overlaps). */
	const windows = fc.array(
		fc.array(fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }), {
			minLength: 1,
			maxLength: 3,
		}),
		{ minLength: 1, maxLength: 4 },
	);

	it('keeps the first copy of each purchase order and stops at max', async () => {
		await fc.assert(
			fc.asyncProperty(
				windows,
				fc.option(fc.integer({ min: 1, max: 20 })),
				async (perQuery, max) => {
					const bodies: unknown[] = [];
					const queries = perQuery.map((pages, q) => {
						const asItems = pages.map((numbers) =>
							numbers.map((n) => ({ purchaseOrderNumber: `PO${n}` })),
						);
						asItems.forEach((orders, i) =>
							bodies.push({
								payload: {
									orders,
									...(i < asItems.length - 1 ? { pagination: { nextToken: `q${q}-${i}` } } : {}),
								},
							}),
						);
						return { createdAfter: `window-${q}` };
					});
					const { context, sent } = fakeContext(bodies);
					const options = max === null ? {} : { max };
					const found = await fetchOrders.call(context, 'getPurchaseOrders', queries, options);

					const expected: string[] = [];
					for (const numbers of perQuery.flat()) {
						for (const n of numbers) if (!expected.includes(`PO${n}`)) expected.push(`PO${n}`);
					}
					const kept = max === null ? expected : expected.slice(0, max);
					expect(found.map((o) => o.purchaseOrderNumber)).toEqual(kept);
					for (const request of sent)
						expect(String((request.qs as IDataObject).createdAfter)).toMatch(/^window-/);
				},
			),
			{ numRuns: 150 },
		);
	});
});
