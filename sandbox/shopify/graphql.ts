/**
 * The Admin GraphQL endpoint: `POST /admin/api/{version}/graphql.json`.
 *
 * Order of checks: unknown version (404), injected latency and status faults (service "shopify",
 * operation = a root field name such as `orderCreate`, or `*`), the access token
 * (`X-Shopify-Access-Token`, 401), the body (400 without a query), parse errors, validation
 * against the version's schema, the operation and its variables, the query cost (refused above
 * 1000) and the bucket (THROTTLED), then execution with graphql-js over the shop's objects.
 *
 * Root fields run the resolvers of products.ts, orders.ts, orderEdits.ts, fulfillments.ts and
 * metafields.ts; a valid root field without one answers a NOT_SIMULATED error. Every other field
 * is read from the view objects of views.ts (a missing property is NOT_SIMULATED too), so
 * selections, aliases, fragments, variables, directives and `__typename` behave as in Shopify.
 */
import { randomUUID } from 'node:crypto';
import {
	execute,
	getOperationAST,
	getVariableValues,
	parse,
	type DocumentNode,
	type FragmentDefinitionNode,
	type GraphQLError,
	type GraphQLFieldResolver,
	type GraphQLSchema,
	type OperationDefinitionNode,
	type SelectionSetNode,
} from 'graphql';
import type { ActiveFault, FaultStore } from '../faults';
import {
	BodyParseError,
	jsonBody,
	mediaType,
	type Route,
	type SandboxRequest,
	type SandboxResponse,
} from '../http/router';
import { actualCost, MAX_QUERY_COST, refund, requestedCost, take, throttleStatus } from './cost';
import {
	INVALID_TOKEN_BODY,
	invalidGlobalId,
	MISSING_QUERY_BODY,
	NOT_FOUND_BODY,
	notSimulated,
	parseErrorToShopify,
	toShopifyError,
	validateDocument,
	variableErrorToShopify,
	type ShopifyError,
} from './errors';
import { fulfillmentMutations, fulfillmentQueries } from './fulfillments';
import { metafieldMutations } from './metafields';
import { orderEditMutations } from './orderEdits';
import { orderMutations, orderQueries } from './orders';
import { catalogQueries, inventoryMutations } from './products';
import { loadSchema, resolveVersion, SUPPORTED_VERSIONS, type ApiVersion } from './schema';
import { parseGid, type ShopState } from './state';
import { nodeView, type Ctx, type Obj, type Resolver } from './views';

export const QUERY_ROOTS: Record<string, Resolver> = {
	...catalogQueries,
	...orderQueries,
	...fulfillmentQueries,
	node: (args: { id: string }, ctx) => {
		if (!parseGid(args.id)) throw invalidGlobalId(args.id);
		return nodeView(ctx, args.id);
	},
	nodes: (args: { ids: string[] }, ctx) =>
		args.ids.map((id) => {
			if (!parseGid(id)) throw invalidGlobalId(id);
			return nodeView(ctx, id);
		}),
};

export const MUTATION_ROOTS: Record<string, Resolver> = {
	...inventoryMutations,
	...orderMutations,
	...orderEditMutations,
	...fulfillmentMutations,
	...metafieldMutations,
};

const THROTTLED_ERROR: ShopifyError = {
	message: 'Throttled',
	extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
};

function fieldResolverFor(schema: GraphQLSchema): GraphQLFieldResolver<unknown, Ctx> {
	const queryName = schema.getQueryType()?.name;
	const mutationName = schema.getMutationType()?.name;
	return (source, args, ctx, info) => {
		const parent = info.parentType.name;
		if (parent === queryName || parent === mutationName) {
			const table = parent === queryName ? QUERY_ROOTS : MUTATION_ROOTS;
			const handler = table[info.fieldName];
			if (!handler)
				throw notSimulated(
					`${parent}.${info.fieldName}`,
					`Simulated ${parent === queryName ? 'queries' : 'mutations'}: ${Object.keys(table).sort().join(', ')}.`,
				);
			return handler(args, ctx, info);
		}
		const value =
			source !== null && typeof source === 'object' ? (source as Obj)[info.fieldName] : undefined;
		if (value === undefined) throw notSimulated(`${parent}.${info.fieldName}`);
		return typeof value === 'function' ? (value as Resolver)(args, ctx, info) : value;
	};
}

const resolvers = new WeakMap<GraphQLSchema, GraphQLFieldResolver<unknown, Ctx>>();

function resolverFor(schema: GraphQLSchema): GraphQLFieldResolver<unknown, Ctx> {
	let r = resolvers.get(schema);
	if (!r) {
		r = fieldResolverFor(schema);
		resolvers.set(schema, r);
	}
	return r;
}

/** The root field names of the operation to run (for faults and the request log). */
export function rootFieldNames(document: DocumentNode, operationName?: string | null): string[] {
	const op = getOperationAST(document, operationName ?? undefined);
	if (!op) return [];
	const fragments = new Map(
		document.definitions
			.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
			.map((d) => [d.name.value, d]),
	);
	const names: string[] = [];
	const walk = (set: SelectionSetNode, depth: number) => {
		if (depth > 10) return;
		for (const sel of set.selections) {
			if (sel.kind === 'Field') {
				if (!sel.name.value.startsWith('__') && !names.includes(sel.name.value))
					names.push(sel.name.value);
			} else if (sel.kind === 'InlineFragment') walk(sel.selectionSet, depth + 1);
			else {
				const frag = fragments.get(sel.name.value);
				if (frag) walk(frag.selectionSet, depth + 1);
			}
		}
	};
	walk(op.selectionSet, 0);
	return names;
}

interface GraphqlBody {
	query?: unknown;
	variables?: unknown;
	operationName?: unknown;
}

function faultBody(
	fault: ActiveFault,
	shop: ShopState,
	requestId: string,
	requested: number,
): unknown {
	if (fault.errors?.length) {
		return {
			errors: fault.errors.map((e) => ({
				message: e.message,
				extensions: { code: e.code, ...(e.details ? { details: e.details } : {}) },
			})),
		};
	}
	const status = fault.status as number;
	switch (status) {
		case 429:
			return {
				errors: [THROTTLED_ERROR],
				extensions: {
					cost: {
						requestedQueryCost: requested,
						actualQueryCost: null,
						throttleStatus: { ...throttleStatus(shop), currentlyAvailable: 0 },
					},
				},
			};
		case 401:
			return INVALID_TOKEN_BODY;
		case 402:
			return { errors: 'Unavailable Shop' };
		case 403:
			return {
				errors: '[API] This action requires merchant approval for the required access scope.',
			};
		case 404:
			return NOT_FOUND_BODY;
		case 423:
			return { errors: 'Locked' };
		default:
			if (status >= 500) {
				return {
					errors: [
						{
							message:
								'Internal error. Looks like something went wrong on our end.\n' +
								`Request ID: ${requestId} (include this in support requests).`,
							extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
						},
					],
				};
			}
			return { errors: `Error ${status}` };
	}
}

function readBody(req: SandboxRequest): { body?: GraphqlBody; bad?: string } {
	if (mediaType(req) === 'application/graphql')
		return { body: { query: req.rawBody.toString('utf8') } };
	try {
		const parsed = jsonBody(req);
		if (parsed === undefined) return { body: {} };
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
			return {
				bad: 'The request body must be a JSON object such as {"query": "...", "variables": {...}}.',
			};
		return { body: parsed as GraphqlBody };
	} catch (e) {
		if (e instanceof BodyParseError) return { bad: e.message };
		throw e;
	}
}

function variablesOf(body: GraphqlBody): Record<string, unknown> | undefined {
	let v = body.variables;
	if (typeof v === 'string') {
		try {
			v = v.trim() ? JSON.parse(v) : {};
		} catch {
			return undefined;
		}
	}
	if (v === undefined || v === null) return {};
	return typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export interface GraphqlDeps {
	shop: () => ShopState;
	faults: FaultStore;
}

/** The request's body, query and operation name, and the query parsed when it can be. */
interface ParsedRequest {
	body?: GraphqlBody;
	bad?: string;
	query?: string;
	operationName?: string;
	document?: DocumentNode;
	syntaxError?: GraphQLError;
	/** The root field names of the operation (for faults and the request log). */
	names: string[];
}

function parseRequest(req: SandboxRequest): ParsedRequest {
	const { body, bad } = readBody(req);
	const query = typeof body?.query === 'string' ? body.query : undefined;
	const operationName =
		typeof body?.operationName === 'string' && body.operationName ? body.operationName : undefined;
	let document: DocumentNode | undefined;
	let syntaxError: GraphQLError | undefined;
	if (query !== undefined && query.trim()) {
		try {
			document = parse(query);
		} catch (e) {
			syntaxError = e as GraphQLError;
		}
	}
	const names = document ? rootFieldNames(document, operationName) : [];
	return { body, bad, query, operationName, document, syntaxError, names };
}

interface Answer {
	status: number;
	body: unknown;
}

/** An injected latency (waited) and status fault (answered) for one of the root fields. */
async function injectedFault(
	deps: GraphqlDeps,
	shop: ShopState,
	parsed: ParsedRequest,
	version: ApiVersion,
	requestId: string,
	headers: Record<string, string>,
): Promise<Answer | undefined> {
	const candidates = parsed.names.length ? parsed.names : ['graphql'];
	const takeFault = (type: 'latency' | 'status') => {
		for (const name of candidates) {
			const f = deps.faults.take('shopify', name, type);
			if (f) return f;
		}
		return undefined;
	};
	const latency = takeFault('latency');
	if (latency?.latencyMs) await new Promise((r) => setTimeout(r, latency.latencyMs));
	const fault = takeFault('status');
	if (!fault?.status) return undefined;
	const { document, operationName, body } = parsed;
	let requested = 0;
	if (document) {
		const op = getOperationAST(document, operationName);
		if (op)
			requested = requestedCost(loadSchema(version), document, op, variablesOf(body ?? {}) ?? {});
	}
	if (fault.status === 429) headers['Retry-After'] = '1.0';
	return { status: fault.status, body: faultBody(fault, shop, requestId, requested) };
}

/** A checked request: the document, its operation and the coerced variables. */
interface CheckedRequest {
	schema: GraphQLSchema;
	document: DocumentNode;
	op: OperationDefinitionNode;
	inputs: Record<string, unknown>;
	coerced: Record<string, unknown>;
}

/** The token, the body, the document, the operation and its variables, in Shopify's order. */
function checkRequest(
	shop: ShopState,
	req: SandboxRequest,
	parsed: ParsedRequest,
	version: ApiVersion,
): Answer | CheckedRequest {
	const { bad, query, document, syntaxError, operationName } = parsed;
	const token = req.headers['x-shopify-access-token'];
	if (token !== shop.accessToken) return { status: 401, body: INVALID_TOKEN_BODY };
	if (bad) return { status: 400, body: { errors: bad } };
	if (query === undefined || !query.trim()) return { status: 400, body: MISSING_QUERY_BODY };
	if (syntaxError || !document)
		return { status: 200, body: { errors: [parseErrorToShopify(syntaxError as GraphQLError)] } };

	const schema = loadSchema(version);
	const invalid = validateDocument(schema, document);
	if (invalid.length) return { status: 200, body: { errors: invalid } };

	const op = getOperationAST(document, operationName);
	if (!op) {
		const message = operationName
			? `No operation named "${operationName}"`
			: 'An operation name is required';
		const error = { message, extensions: { code: 'OPERATION_NAME_REQUIRED' } };
		return { status: 200, body: { errors: [error] } };
	}
	const inputs = variablesOf(parsed.body ?? {});
	if (!inputs) {
		const error = {
			message: 'Variables must be a JSON object.',
			extensions: { code: 'INVALID_VARIABLES' },
		};
		return { status: 200, body: { errors: [error] } };
	}
	const coerced = getVariableValues(schema, op.variableDefinitions ?? [], inputs, {
		maxErrors: 25,
	});
	if (coerced.errors) {
		const errors = coerced.errors.map((e) => variableErrorToShopify(e, op, inputs));
		return { status: 200, body: { errors } };
	}
	return { schema, document, op, inputs, coerced: coerced.coerced };
}

function costExtension(shop: ShopState, requested: number, actual: number | null): Obj {
	return {
		requestedQueryCost: requested,
		actualQueryCost: actual,
		throttleStatus: throttleStatus(shop),
	};
}

function maxCostMessage(cost: number): string {
	return (
		`Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\n` +
		'See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n' +
		'cost of a query is calculated.\n\n' +
		'To query larger amounts of data with fewer limits, bulk operations should be used instead.\n' +
		'See https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n'
	);
}

/** The query cost over the single query limit, or more than the bucket holds. */
function costRefusal(shop: ShopState, requested: number): Answer | undefined {
	if (requested > MAX_QUERY_COST) {
		const message = maxCostMessage(requested);
		const error = {
			message,
			extensions: {
				code: 'MAX_COST_EXCEEDED',
				cost: requested,
				maxCost: MAX_QUERY_COST,
				documentation: 'https://shopify.dev/api/usage/rate-limits',
			},
		};
		const extensions = { cost: costExtension(shop, requested, null) };
		return { status: 200, body: { errors: [error], extensions } };
	}
	if (!take(shop, requested)) {
		const extensions = { cost: costExtension(shop, requested, null) };
		return { status: 200, body: { errors: [THROTTLED_ERROR], extensions } };
	}
	return undefined;
}

/** Runs the checked operation over the shop and refunds what it did not cost. */
async function run(
	shop: ShopState,
	version: ApiVersion,
	checked: CheckedRequest,
	operationName: string | undefined,
	requested: number,
): Promise<Obj> {
	const { schema, document, op, inputs, coerced } = checked;
	const ctx: Ctx = { shop, version, search: [] };
	const result = await execute({
		schema,
		document,
		operationName,
		variableValues: inputs,
		contextValue: ctx,
		fieldResolver: resolverFor(schema),
	});
	const actual = actualCost(schema, document, op, coerced, result.data);
	refund(shop, requested - actual);
	const out: Obj = {};
	if (result.errors?.length) out.errors = result.errors.map(toShopifyError);
	out.data = result.data ?? null;
	const extensions: Obj = { cost: costExtension(shop, requested, actual) };
	if (ctx.search.length) extensions.search = ctx.search;
	out.extensions = extensions;
	return out;
}

async function handle(
	deps: GraphqlDeps,
	req: SandboxRequest,
	requestedVersion: string,
): Promise<SandboxResponse> {
	const shop = deps.shop();
	const requestId = randomUUID();
	const headers: Record<string, string> = { 'X-Request-Id': requestId };
	let operation = 'graphql';
	const respond = (status: number, body: unknown): SandboxResponse => ({
		status,
		body,
		headers,
		log: { service: 'shopify', operation, requestId },
	});

	const version = resolveVersion(requestedVersion);
	if (!version) return respond(404, NOT_FOUND_BODY);
	headers['X-Shopify-API-Version'] = version;

	const parsed = parseRequest(req);
	if (parsed.names.length) operation = parsed.names.join(',');
	const fault = await injectedFault(deps, shop, parsed, version, requestId, headers);
	if (fault) return respond(fault.status, fault.body);

	const checked = checkRequest(shop, req, parsed, version);
	if ('status' in checked) return respond(checked.status, checked.body);
	const requested = requestedCost(checked.schema, checked.document, checked.op, checked.coerced);
	const refusal = costRefusal(shop, requested);
	if (refusal) return respond(refusal.status, refusal.body);
	return respond(200, await run(shop, version, checked, parsed.operationName, requested));
}

export function graphqlRoutes(deps: GraphqlDeps): Route[] {
	const oldest: ApiVersion = SUPPORTED_VERSIONS[0];
	return [
		{
			method: 'POST',
			path: '/admin/api/{version}/graphql.json',
			service: 'shopify',
			operation: 'graphql',
			handler: (req) => handle(deps, req, req.params.version),
		},
		{
			method: 'POST',
			path: '/admin/api/graphql.json',
			service: 'shopify',
			operation: 'graphql',
			handler: (req) => handle(deps, req, oldest),
		},
	];
}
