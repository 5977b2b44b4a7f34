/**
 * How the Shopify (Vendor Central) node talks to Shopify: Admin GraphQL at
 * `<shop URL>/admin/api/<version>/graphql.json` through n8n's credential helper (the access token
 * header), a bounded number of retries on HTTP 429, 5xx and network timeouts, errors built from
 * clean facts only (status, Shopify's message), never from the request, whose headers carry the
 * token. A GraphQL answer (HTTP 200, also with `errors` such as THROTTLED) is returned as it came:
 * the domain readers decide what it means.
 */
import type { IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { GraphqlRequest } from '../shared/domain/platforms/shopify';
import type { FailureFacts } from '../shared/transport/httpFailure';
import type { RetryPolicy } from '../shared/transport/retry';
import { requestWithRetries } from '../shared/transport/retryingRequest';

export const SHOPIFY_CREDENTIAL = 'avcShopifyAdminApi';

/** A few attempts only: a template run stops rather than waits, and the next run starts over. */
export const SHOPIFY_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 3,
	baseDelayMs: 500,
	maxDelayMs: 4_000,
};

const TIMEOUT_MS = 60_000;

export interface ShopifyTransportOptions {
	retryPolicy?: RetryPolicy;
	sleep?: (ms: number) => Promise<void>;
}

const STATUS_HINTS: Record<number, string> = {
	401: 'Check the Admin API access token of the credential.',
	402: 'The shop is frozen or unpaid.',
	403: 'The token lacks an access scope this call needs.',
	404: 'Check the shop URL and the API version of the credential.',
	423: 'The shop is locked.',
	429: 'Shopify throttled the calls; the next run tries again.',
};

/** The GraphQL endpoint of the credential's shop and version. */
async function endpointOf(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	const credentials = await context.getCredentials(SHOPIFY_CREDENTIAL, itemIndex);
	const shop = String(credentials.shopUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const version = String(credentials.apiVersion ?? '').trim() || '2026-04';
	if (!/^https?:\/\/[^/\s]+$/i.test(shop)) {
		throw new NodeOperationError(
			context.getNode(),
			`The Shopify credential's Shop URL "${shop}" is not a base URL such as https://your-shop.myshopify.com`,
			{ itemIndex },
		);
	}
	if (!/^\d{4}-\d{2}$|^unstable$/.test(version)) {
		throw new NodeOperationError(
			context.getNode(),
			`The Shopify credential's API version "${version}" is not a version such as 2026-04`,
			{ itemIndex },
		);
	}
	return `${shop}/admin/api/${version}/graphql.json`;
}

function messageOf(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 300) || undefined;
	const errors = (body as { errors?: unknown } | undefined)?.errors;
	if (typeof errors === 'string') return errors;
	if (Array.isArray(errors))
		return errors.map((e) => String((e as { message?: unknown })?.message ?? e)).join('; ');
	return undefined;
}

function apiError(
	context: IExecuteFunctions,
	facts: FailureFacts,
	attempts: number,
	itemIndex: number,
) {
	const reason = messageOf(facts.body);
	const what =
		facts.status !== undefined ? `HTTP ${facts.status}` : (facts.networkCode ?? facts.message);
	const response: JsonObject = { status: facts.status ?? null, error: reason ?? null, attempts };
	const hint = facts.status !== undefined ? STATUS_HINTS[facts.status] : undefined;
	return new NodeApiError(context.getNode(), response, {
		message: `Shopify Admin GraphQL failed: ${reason ? `${reason} (${what})` : what}`,
		description:
			[hint, attempts > 1 ? `Gave up after ${attempts} attempts.` : undefined]
				.filter(Boolean)
				.join(' ') || undefined,
		httpCode: facts.status !== undefined ? String(facts.status) : undefined,
		itemIndex,
	});
}

/** One GraphQL request; the parsed body of a 2xx answer. */
export async function shopifyGraphql(
	context: IExecuteFunctions,
	request: GraphqlRequest,
	itemIndex: number,
	options: ShopifyTransportOptions = {},
): Promise<unknown> {
	const policy = options.retryPolicy ?? SHOPIFY_RETRY_POLICY;
	const http: IHttpRequestOptions = {
		method: 'POST',
		url: await endpointOf(context, itemIndex),
		body: request,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: TIMEOUT_MS,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
	};
	const outcome = await requestWithRetries(context, SHOPIFY_CREDENTIAL, http, {
		policy,
		sleep: options.sleep,
	});
	if (outcome.ok) return outcome.body;
	throw apiError(context, outcome.facts, outcome.attempts, itemIndex);
}
