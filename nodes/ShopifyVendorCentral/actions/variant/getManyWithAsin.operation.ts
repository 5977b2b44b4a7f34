/**
 * Variant > Get Many With ASIN: every variant that carries an ASIN in its Amazon metafields, as rows
 * of the ASIN mapping Data Table. Shopify cannot search variants by metafield, so every variant is
 * read, page by page; before each page the node waits as long as Shopify's query-cost bucket needs
 * (from the last answer's `extensions.cost`), and a THROTTLED answer is asked again after the wait.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import {
	checkCostFitsBucket,
	DEFAULT_VARIANTS_PER_PAGE,
	MAX_VARIANTS_PER_PAGE,
	isThrottled,
	mappingPageRequest,
	readMappingPage,
	requestedCostOf,
	throttleWaitMs,
	type MappingRow,
} from '../../../shared/domain/platforms/shopify';
import { gql, shopifyStep, showFor, stringField } from '../common';

/** A THROTTLED page is asked again at most this many times. */
const THROTTLED_RETRIES = 5;
/** A THROTTLED answer is asked again after at least this long, whatever its cost report says. */
const THROTTLED_MIN_WAIT_MS = 1_000;
/** No single wait is longer (Shopify's standard bucket refills 100 points a second). */
const MAX_WAIT_MS = 30_000;

export const description: INodeProperties[] = [
	stringField('variant', ['getManyWithAsin'], {
		displayName: 'Metafield Namespace',
		name: 'namespace',
		default: 'amazon',
		description:
			'Namespace of the variant metafields asin (required), case_pack and unit_cost (optional)',
	}),
	{
		displayName: 'Variants per Page',
		name: 'variantsPerPage',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_VARIANTS_PER_PAGE },
		default: DEFAULT_VARIANTS_PER_PAGE,
		displayOptions: showFor('variant', ['getManyWithAsin']),
		description: "Variants read per request; a larger page costs more of Shopify's query budget",
	},
];

/** One item per variant with an ASIN and a SKU: `{asin, sku, casePack, expectedUnitCost, variantId, productTitle}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const namespace = String(this.getNodeParameter('namespace', itemIndex, 'amazon') ?? '');
	const perPage = Number(this.getNodeParameter('variantsPerPage', itemIndex, 100));
	mappingPageRequest(namespace, perPage, null); // checks the parameters before any request
	const rows = await shopifyStep(
		this,
		itemIndex,
		async () => await readAllPages(this, itemIndex, namespace, perPage),
	);
	return rows as unknown as IDataObject[];
}

async function readAllPages(
	context: IExecuteFunctions,
	itemIndex: number,
	namespace: string,
	perPage: number,
): Promise<MappingRow[]> {
	const rows: MappingRow[] = [];
	let after: string | null = null;
	let last: unknown;
	for (;;) {
		const request = mappingPageRequest(namespace, perPage, after);
		let body: unknown;
		for (let attempt = 0; ; attempt++) {
			if (last !== undefined) {
				const wait = throttleWaitMs(last, requestedCostOf(last));
				const floor = isThrottled(last) ? THROTTLED_MIN_WAIT_MS : 0;
				if (Math.max(wait, floor) > 0) await sleep(Math.min(Math.max(wait, floor), MAX_WAIT_MS));
			}
			body = await gql(context, request, itemIndex);
			last = body;
			if (!isThrottled(body) || attempt >= THROTTLED_RETRIES) break;
			checkCostFitsBucket(body, requestedCostOf(body));
		}
		const page = readMappingPage(body);
		rows.push(...page.rows);
		if (!page.hasNextPage) return rows;
		after = page.endCursor;
	}
}
