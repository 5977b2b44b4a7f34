/**
 * Test doubles for n8n's execution contexts. HTTP goes through n8n-core's real `httpRequest`
 * (the same axios conversion n8n uses). `httpRequestWithAuthentication` reproduces what n8n 2.40
 * does (packages/core request-helpers/authentication.ts and the CLI's CredentialsHelper):
 * preAuthentication when the credential's expirable field is empty, the generic `authenticate`
 * headers, and on an error whose status is in `preAuthenticationRetryStatusCode` (default 401) one
 * refresh (credentialsExpired = true) and one resend; every error is wrapped in a NodeApiError.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

const { httpRequest } =
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n-core exports no path to it
	require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions') as {
		httpRequest: (options: IHttpRequestOptions) => Promise<unknown>;
	};
import { AmazonVendorCentralApi } from '../../credentials/AmazonVendorCentralApi.credentials';

export const realHttpRequest = httpRequest;

export interface CredentialStore {
	data: ICredentialDataDecryptedObject;
	/** How many times preAuthentication ran, and with which credentialsExpired flag. */
	preAuthCalls: boolean[];
}

export function credentialStore(data: ICredentialDataDecryptedObject): CredentialStore {
	return { data: { ...data }, preAuthCalls: [] };
}

function expirableField(type: ICredentialType): string | undefined {
	return type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable)?.name;
}

/** Resolves `={{ ... }}` strings with `$credentials` in scope, as n8n's expression engine would. */
export function resolveCredentialExpression(value: unknown, credentials: IDataObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const body = value.slice(1);
	const whole = /^\{\{([\s\S]*)\}\}$/.exec(body.trim());
	if (whole) return new Function('$credentials', `return (${whole[1]});`)(credentials);
	return body.replace(/\{\{([\s\S]*?)\}\}/g, (_m, expr: string) =>
		String(new Function('$credentials', `return (${expr});`)(credentials)),
	);
}

async function preAuthenticate(
	type: ICredentialType,
	store: CredentialStore,
	expired: boolean,
): Promise<void> {
	const field = expirableField(type);
	if (!type.preAuthentication || !field) return;
	if (!expired && store.data[field]) return;
	store.preAuthCalls.push(expired);
	const helper = { helpers: { httpRequest } } as unknown as IHttpRequestHelper;
	const result = await type.preAuthentication.call(helper, { ...store.data });
	if (result && result[field] !== undefined) Object.assign(store.data, result);
}

function authenticate(
	type: ICredentialType,
	store: CredentialStore,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const auth = type.authenticate;
	if (!auth || typeof auth === 'function') return options;
	const headers: IDataObject = { ...(options.headers ?? {}) };
	for (const [k, v] of Object.entries(auth.properties.headers ?? {})) {
		headers[k] = resolveCredentialExpression(v, store.data) as string;
	}
	return { ...options, headers };
}

export interface ContextOptions {
	store: CredentialStore;
	parameters?: Record<string, unknown>;
	/** Per-item parameter overrides: parameters[itemIndex]. */
	itemParameters?: Array<Record<string, unknown>>;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	mode?: 'manual' | 'trigger';
	/** Poll contexts take getNodeParameter(name, fallback) without an item index. */
	poll?: boolean;
	staticData?: IDataObject;
	credentialType?: ICredentialType;
	node?: Partial<INode>;
	/** Every request the node sent (after authentication), for assertions. */
	sent?: IHttpRequestOptions[];
}

export const TEST_NODE: INode = {
	id: 'node-1',
	name: 'Amazon Vendor Central',
	type: 'n8n-nodes-amazon-vendor-central.amazonVendorCentral',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function getPath(source: Record<string, unknown>, path: string): unknown {
	let current: unknown = source;
	for (const part of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

/** A context usable as IExecuteFunctions (and, for the parts the transport needs, IPollFunctions). */
export function createContext(options: ContextOptions): IExecuteFunctions & IPollFunctions {
	const type = options.credentialType ?? new AmazonVendorCentralApi();
	const node: INode = { ...TEST_NODE, ...(options.node ?? {}) };
	const items = options.items ?? [{ json: {} }];
	const sent = options.sent;
	const staticData = options.staticData ?? {};

	const httpRequestWithAuthentication = async function (
		_credentialsType: string,
		requestOptions: IHttpRequestOptions,
		additional?: { preAuthenticationRetryStatusCode?: number | number[] },
	): Promise<unknown> {
		const retryCodes = ([] as number[]).concat(additional?.preAuthenticationRetryStatusCode ?? 401);
		let prepared: IHttpRequestOptions | undefined;
		try {
			await preAuthenticate(type, options.store, false);
			prepared = authenticate(type, options.store, requestOptions);
			sent?.push(prepared);
			return await httpRequest({ ...prepared, headers: { ...(prepared.headers ?? {}) } });
		} catch (error) {
			const status = (error as { response?: { status?: number } }).response?.status;
			if (status !== undefined && retryCodes.includes(status) && type.preAuthentication) {
				try {
					await preAuthenticate(type, options.store, true);
					prepared = authenticate(type, options.store, requestOptions);
					sent?.push(prepared);
					return await httpRequest({ ...prepared, headers: { ...(prepared.headers ?? {}) } });
				} catch (retryError) {
					throw new NodeApiError(node, retryError as JsonObject);
				}
			}
			if (error instanceof NodeApiError) throw error;
			throw new NodeApiError(node, error as JsonObject);
		}
	};

	const context = {
		getNode: () => node,
		getMode: () => options.mode ?? 'manual',
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async () => ({ ...options.store.data }),
		getWorkflowStaticData: () => staticData,
		getNodeParameter: (name: string, second?: unknown, third?: unknown) => {
			const itemIndex = options.poll ? undefined : (second as number | undefined);
			const fallback = options.poll ? second : third;
			const perItem = itemIndex !== undefined ? options.itemParameters?.[itemIndex] : undefined;
			const fromItem = perItem ? getPath(perItem, name) : undefined;
			if (fromItem !== undefined) return fromItem;
			const value = getPath(options.parameters ?? {}, name);
			if (value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			throw new Error(`Test context: parameter "${name}" is not set`);
		},
		helpers: {
			httpRequest,
			httpRequestWithAuthentication,
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (
				data: INodeExecutionData[],
				meta: { itemData: { item: number } },
			) => data.map((d) => ({ ...d, pairedItem: meta.itemData })),
		},
	};
	return context as unknown as IExecuteFunctions & IPollFunctions;
}
