/**
 * Shopify variants for the ASIN mapping and for a single look-up: the variants that carry an
 * Amazon ASIN in a variant metafield (every variant read page by page, since Shopify cannot search
 * variants by metafield), and one variant by SKU or ID. Also how long to wait before the next page
 * so that Shopify's query-cost bucket is not emptied. Pure: no n8n imports.
 */
import { isObject, type Json } from '../../values';
import { ShopifyAnswerError, ShopifyInputError } from './errors';
import { nodesOf, payloadOf, searchTerm, topLevelErrors, type GraphqlRequest } from './graphql';

/** Variants per page: Shopify allows 250; 100 keeps a page's cost near 300 points. */
export const DEFAULT_VARIANTS_PER_PAGE = 100;
export const MAX_VARIANTS_PER_PAGE = 250;

export const MAPPING_VARIANTS_QUERY =
	'query VariantsWithAsin($first: Int!, $after: String, $ns: String!) { productVariants(first: $first, ' +
	'after: $after) { nodes { id sku product { title } asin: metafield(namespace: $ns, key: "asin") ' +
	'{ value } casePack: metafield(namespace: $ns, key: "case_pack") { value } ' +
	'unitCost: metafield(namespace: $ns, key: "unit_cost") { value } } pageInfo { hasNextPage endCursor } } }';

export const ONE_VARIANT_QUERY =
	'query OneVariant($q: String!) { productVariants(first: 5, query: $q) { nodes { id sku ' +
	'product { title } } } }';

/** A row of the ASIN mapping Data Table, read from a variant's metafields. */
export interface MappingRow {
	/** Trimmed and upper-cased. */
	asin: string;
	sku: string;
	/** Eaches per case when the metafield is a whole number of 1 or more, else null (unknown). */
	casePack: number | null;
	/** The agreed net cost per each as written (trimmed); empty: no price check. */
	expectedUnitCost: string;
	variantId: string;
	productTitle: string;
}

export interface VariantPage {
	rows: MappingRow[];
	/** Variants read on the page, with or without an ASIN. */
	variantsRead: number;
	hasNextPage: boolean;
	endCursor: string | null;
}

function checkedPageSize(first: number): number {
	if (!Number.isSafeInteger(first) || first < 1 || first > MAX_VARIANTS_PER_PAGE)
		throw new ShopifyInputError(
			`Variants per Page must be a whole number from 1 to ${MAX_VARIANTS_PER_PAGE}, got ${first}`,
			'variantsPerPage',
		);
	return first;
}

/** The request for one page of variants with their Amazon metafields. */
export function mappingPageRequest(
	namespace: string,
	first: number,
	after: string | null,
): GraphqlRequest {
	if (!namespace.trim()) throw new ShopifyInputError('Metafield Namespace is empty', 'namespace');
	return {
		query: MAPPING_VARIANTS_QUERY,
		variables: { first: checkedPageSize(first), after, ns: namespace.trim() },
	};
}

function metafieldText(metafield: unknown): string {
	const value = isObject(metafield) ? metafield.value : undefined;
	return typeof value === 'string' ? value.trim() : '';
}

/** The mapping row of a variant; undefined when it has no ASIN or no SKU (it is not sold to Amazon). */
export function mappingRowOf(variant: Json): MappingRow | undefined {
	const asin = metafieldText(variant.asin).toUpperCase();
	const sku = typeof variant.sku === 'string' ? variant.sku.trim() : '';
	if (!asin || !sku) return undefined;
	const casePackText = metafieldText(variant.casePack);
	const product = isObject(variant.product) ? variant.product : {};
	return {
		asin,
		sku,
		casePack: /^[1-9]\d*$/.test(casePackText) ? Number(casePackText) : null,
		expectedUnitCost: metafieldText(variant.unitCost),
		variantId: String(variant.id ?? ''),
		productTitle: typeof product.title === 'string' ? product.title : '',
	};
}

/** One page of the answer: its mapping rows and where the next page starts. */
export function readMappingPage(body: unknown): VariantPage {
	const payload = payloadOf(body, 'productVariants', 'the variant list');
	const variants = nodesOf(payload);
	const info = isObject(payload.pageInfo) ? payload.pageInfo : {};
	const endCursor = typeof info.endCursor === 'string' ? info.endCursor : null;
	return {
		rows: variants.map(mappingRowOf).filter((r): r is MappingRow => r !== undefined),
		variantsRead: variants.length,
		hasNextPage: info.hasNextPage === true && endCursor !== null,
		endCursor,
	};
}

/** True when Shopify refused the query for its cost (THROTTLED): the same page may be asked again. */
export function isThrottled(body: unknown): boolean {
	return topLevelErrors(body).some((e) => e.endsWith('(THROTTLED)'));
}

function throttleStatusOf(body: unknown): Json {
	const extensions = isObject(body) && isObject(body.extensions) ? body.extensions : {};
	const costInfo = isObject(extensions.cost) ? extensions.cost : {};
	return isObject(costInfo.throttleStatus) ? costInfo.throttleStatus : {};
}

/**
 * Milliseconds to wait before a query of `cost` points, from the answer's `extensions.cost`
 * (what is left in the bucket and how fast it refills); 0 when enough is left or the answer says
 * nothing about it.
 */
export function throttleWaitMs(body: unknown, cost: number): number {
	const { currentlyAvailable: left, restoreRate: rate } = throttleStatusOf(body);
	if (typeof left !== 'number' || typeof rate !== 'number' || rate <= 0) return 0;
	if (left >= cost) return 0;
	return Math.ceil(((cost - left) / rate) * 1000);
}

/**
 * Throws when a query of `cost` points can never run: it costs more than the shop's whole bucket
 * (`maximumAvailable`), so waiting does not help; a smaller page does.
 */
export function checkCostFitsBucket(body: unknown, cost: number): void {
	const { maximumAvailable: max } = throttleStatusOf(body);
	if (typeof max === 'number' && cost > max)
		throw new ShopifyAnswerError(
			`A page of variants costs ${cost} query points, more than the shop's whole budget of ${max}: ` +
				'lower Variants per Page',
			[`requestedQueryCost ${cost} > maximumAvailable ${max}`],
		);
}

/** The requested cost of the last answer (what the next page will cost too). */
export function requestedCostOf(body: unknown): number {
	const extensions = isObject(body) && isObject(body.extensions) ? body.extensions : {};
	const costInfo = isObject(extensions.cost) ? extensions.cost : {};
	const n = costInfo.requestedQueryCost;
	return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

/** The look-up of one variant by SKU (preferred) or by ID (numeric or gid://shopify/ProductVariant/N). */
export function oneVariantRequest(sku: string, variantId: string): GraphqlRequest {
	const s = sku.trim();
	const id = variantId.trim().replace(/^gid:\/\/shopify\/ProductVariant\//, '');
	if (s) return { query: ONE_VARIANT_QUERY, variables: { q: searchTerm('sku', s) } };
	if (!/^\d+$/.test(id))
		throw new ShopifyInputError(
			variantId.trim()
				? `Variant ID "${variantId.trim()}" is not a number or a gid://shopify/ProductVariant/ ID`
				: 'Give a SKU or a variant ID',
			variantId.trim() ? 'variantId' : 'sku',
		);
	return { query: ONE_VARIANT_QUERY, variables: { q: `id:${id}` } };
}

export interface OneVariant {
	found: boolean;
	variantId: string;
	sku: string;
	productTitle: string;
}

/**
 * The variant of a look-up: the one whose SKU is exactly the SKU asked (Shopify's search also
 * matches prefixes), or for an ID look-up the variant of that ID; `found: false` when none.
 */
export function readOneVariant(body: unknown, sku: string, variantId: string): OneVariant {
	const payload = payloadOf(body, 'productVariants', 'the variant look-up');
	const wantedId = variantId.trim().replace(/^gid:\/\/shopify\/ProductVariant\//, '');
	const match = nodesOf(payload).find((v) =>
		sku.trim()
			? v.sku === sku.trim()
			: String(v.id ?? '').replace(/^gid:\/\/shopify\/ProductVariant\//, '') === wantedId,
	);
	if (!match) return { found: false, variantId: '', sku: sku.trim(), productTitle: '' };
	const product = isObject(match.product) ? match.product : {};
	return {
		found: true,
		variantId: String(match.id ?? ''),
		sku: typeof match.sku === 'string' ? match.sku : '',
		productTitle: typeof product.title === 'string' ? product.title : '',
	};
}
