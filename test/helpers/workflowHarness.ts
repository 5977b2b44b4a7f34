/**
 * Runs n8n workflows in-process with n8n's real execution engine: n8n-workflow's `Workflow` (node
 * defaults, expressions, connections) and n8n-core's `WorkflowExecute` (execution order, multiple
 * inputs and outputs, pairedItem, continueOnFail / onError, pinData, static data) with n8n-core's
 * real node contexts (`ExecuteContext`, `PollContext`) and real HTTP helpers. Nothing is mocked:
 * tests point credentials at local HTTP servers.
 *
 * What is the harness's own and not n8n's:
 * - `HarnessCredentialsHelper`, the `ICredentialsHelper` that n8n's CLI normally provides: credential
 *   data comes from a plain map `{ [credentialType]: data }` (mutated in place when a token is
 *   refreshed), with the CLI's semantics for defaults, generic `authenticate` and `preAuthentication`.
 * - A minimal `IWorkflowExecuteAdditionalData` and `ExecutionLifecycleHooks` without handlers.
 * - Three tiny built-in node types (n8n-nodes-base is not installed): Manual Trigger, No Op and
 *   `test.items` (emits the JSON items given in its `items` parameter).
 * - Token refresh on other statuses than 401 (`authRetry: 'n8n-2.40'`, the default): n8n-core 2.11.1
 *   only refreshes on 401, while the n8n 2.40 that users run honours the node's
 *   `preAuthenticationRetryStatusCode` (this package passes [401, 403]). The harness wraps
 *   `helpers.httpRequestWithAuthentication` of each node context to add that (see `emulate240`).
 */
import type {
	ExecutionStatus,
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IPinData,
	IRequestOptionsSimplified,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	JsonObject,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentialsHelper,
	Node,
	NodeApiError,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	jsonParse,
} from 'n8n-workflow';
import { ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import { AmazonVendorCentral } from '../../nodes/AmazonVendorCentral/AmazonVendorCentral.node';
import { AmazonVendorCentralApi } from '../../credentials/AmazonVendorCentralApi.credentials';

// ---------------------------------------------------------------------------------------------
// Node types
// ---------------------------------------------------------------------------------------------

export const PACKAGE_NAME = 'n8n-nodes-amazon-vendor-central';
export const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
export const NO_OP = 'n8n-nodes-base.noOp';
export const TEST_ITEMS = 'test.items';

/** `n8n-nodes-amazon-vendor-central.<name>`, the type name n8n gives a node of this package. */
export const packageType = (name: string) => `${PACKAGE_NAME}.${name}`;

type AnyNodeType = INodeType | IVersionedNodeType;
/** A node type instance, or its class (instantiated once by the harness). */
export type NodeTypeLike = AnyNodeType | (new () => AnyNodeType);

/** n8n's Manual Trigger (n8n-nodes-base.manualTrigger v1): one empty item when the workflow is tested. */
export class HarnessManualTrigger implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		defaults: { name: "When clicking 'Execute workflow'" },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: import('n8n-workflow').ITriggerFunctions) {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/** n8n's No Op node: passes its input items through unchanged. */
export class HarnessNoOp implements INodeType {
	description: INodeType['description'] = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: import('n8n-workflow').IExecuteFunctions) {
		return [this.getInputData()];
	}
}

/**
 * `test.items`: outputs the items of its `items` parameter (an array, a JSON string or an
 * expression). Each entry is either plain JSON (becomes `{ json }`) or already `{ json, ... }`.
 * Every output item is paired with input item 0, as n8n does for nodes that create items.
 */
export class HarnessItems implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Test Items',
		name: 'items',
		group: ['transform'],
		version: 1,
		description: 'Emits fixed items (test harness)',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: import('n8n-workflow').IExecuteFunctions) {
		let raw = this.getNodeParameter('items', 0) as unknown;
		if (typeof raw === 'string') raw = jsonParse(raw);
		const list = Array.isArray(raw) ? raw : [raw];
		return [
			list.map((entry) => {
				const item = isExecutionItem(entry) ? { ...entry } : { json: entry as IDataObject };
				return { pairedItem: { item: 0 }, ...item } as INodeExecutionData;
			}),
		];
	}
}

function isExecutionItem(entry: unknown): entry is INodeExecutionData {
	return (
		!!entry &&
		typeof entry === 'object' &&
		'json' in entry &&
		typeof (entry as { json: unknown }).json === 'object'
	);
}

/** The harness's built-ins plus this package's nodes, keyed by n8n type name. */
export function defaultNodeTypes(): Record<string, NodeTypeLike> {
	return {
		[MANUAL_TRIGGER]: HarnessManualTrigger,
		[NO_OP]: HarnessNoOp,
		[TEST_ITEMS]: HarnessItems,
		[packageType('amazonVendorCentral')]: AmazonVendorCentral,
	};
}

/** This package's credential types. */
export function defaultCredentialTypes(): ICredentialType[] {
	return [new AmazonVendorCentralApi()];
}

function instantiate(type: NodeTypeLike): AnyNodeType {
	return typeof type === 'function' ? new type() : type;
}

function isVersioned(type: AnyNodeType): type is IVersionedNodeType {
	return 'nodeVersions' in type;
}

/** Latest version of a node type (what n8n gives a node added today). */
export function latestVersion(type: NodeTypeLike): number {
	const instance = instantiate(type);
	if (isVersioned(instance)) return instance.currentVersion;
	const v = instance.description.version;
	return Array.isArray(v) ? Math.max(...v) : v;
}

// ---------------------------------------------------------------------------------------------
// 401/403 token refresh as in n8n 2.40
// ---------------------------------------------------------------------------------------------

export type AuthRetryMode = 'n8n-2.40' | 'n8n-core';

type RetryOptions = IAdditionalCredentialOptions & {
	preAuthenticationRetryStatusCode?: number | number[];
};

type HttpWithAuth = (
	credentialsType: string,
	requestOptions: IHttpRequestOptions,
	additional?: RetryOptions,
) => Promise<unknown>;

interface PatchableContext {
	helpers: object;
	getNode(): INode;
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
}

const PATCHED = Symbol('harness.authRetry');

/** The HTTP status of an error thrown by n8n-core's helper (a NodeApiError around the axios error). */
function statusOf(error: unknown): number | undefined {
	type Loose = { response?: { status?: unknown }; httpCode?: unknown; cause?: Loose };
	const e = (error ?? {}) as Loose;
	for (const c of [e, e.cause, e.cause?.cause]) {
		if (typeof c?.response?.status === 'number') return c.response.status;
	}
	if (typeof e.httpCode === 'string' && /^\d{3}$/.test(e.httpCode)) return Number(e.httpCode);
	return undefined;
}

/**
 * Makes `helpers.httpRequestWithAuthentication` of a node context honour
 * `preAuthenticationRetryStatusCode` like n8n 2.40: when the request fails with one of those
 * statuses (other than 401, which n8n-core 2.11.1 already handles itself), the credential's
 * preAuthentication runs once with credentialsExpired = true and the request is sent once more
 * (through n8n-core's own helper again, which now reads the refreshed token). A failing refresh is
 * wrapped in a NodeApiError, as in n8n.
 *
 * Known differences from 2.40: n8n-core refreshes on 401 even when the node's list leaves 401 out,
 * and if the resend after a 403 refresh fails with 401, n8n-core refreshes once more (2.40 would
 * refresh only once). Neither matters for this package, which passes [401, 403].
 */
function emulate240(context: PatchableContext, credentialsHelper: HarnessCredentialsHelper): void {
	const helpers = context.helpers as Record<string | symbol, unknown>;
	const original = helpers.httpRequestWithAuthentication as
		| (HttpWithAuth & { [PATCHED]?: true })
		| undefined;
	if (typeof original !== 'function' || original[PATCHED]) return;
	const wrapped = async function (
		this: unknown,
		credentialsType: string,
		requestOptions: IHttpRequestOptions,
		additional?: RetryOptions,
	) {
		const codes = ([] as number[]).concat(additional?.preAuthenticationRetryStatusCode ?? 401);
		// n8n-core mutates the options it is given (empty body removed, abort signal): keep a copy to resend.
		const resend = {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}) },
		} as IHttpRequestOptions;
		try {
			return await original.call(this, credentialsType, requestOptions, additional);
		} catch (error) {
			const status = statusOf(error);
			if (
				status === undefined ||
				status === 401 ||
				!codes.includes(status) ||
				additional?.credentialsDecrypted ||
				!credentialsHelper.hasPreAuthentication(credentialsType)
			) {
				throw error;
			}
			try {
				const credentials = await context.getCredentials(credentialsType);
				await credentialsHelper.preAuthentication(
					{ helpers: context.helpers } as IHttpRequestHelper,
					credentials,
					credentialsType,
					context.getNode(),
					true,
				);
			} catch (refreshError) {
				throw new NodeApiError(context.getNode(), refreshError as JsonObject);
			}
			return await original.call(this, credentialsType, resend, additional);
		}
	} as HttpWithAuth & { [PATCHED]?: true };
	wrapped[PATCHED] = true;
	helpers.httpRequestWithAuthentication = wrapped;
}

/**
 * Wraps a node type so that each context n8n-core creates for it (execute, poll, trigger) gets the
 * 2.40 refresh behaviour before the node's code runs. The wrapper inherits everything else.
 */
function withAuthRetry(type: INodeType, credentialsHelper: HarnessCredentialsHelper): INodeType {
	const wrapper = Object.create(type) as INodeType;
	const patch = (ctx: unknown) => emulate240(ctx as PatchableContext, credentialsHelper);
	if (type.execute) {
		const execute = type.execute;
		if (type instanceof Node) {
			(wrapper as unknown as { execute: (...a: unknown[]) => unknown }).execute = function (
				ctx: unknown,
				...rest: unknown[]
			) {
				patch(ctx);
				return (execute as (...a: unknown[]) => unknown).call(type, ctx, ...rest);
			};
		} else {
			wrapper.execute = function (this: never, ...args: unknown[]) {
				patch(this);
				return (execute as (...a: unknown[]) => never).apply(this, args);
			} as INodeType['execute'];
		}
	}
	if (type.poll) {
		const poll = type.poll;
		wrapper.poll = function (this: never) {
			patch(this);
			return poll.call(this);
		};
	}
	if (type.trigger) {
		const trigger = type.trigger;
		wrapper.trigger = function (this: never) {
			patch(this);
			return trigger.call(this);
		};
	}
	return wrapper;
}

class HarnessNodeTypes implements INodeTypes {
	private readonly types: Record<string, AnyNodeType> = {};

	private readonly resolved = new Map<string, INodeType>();

	constructor(
		types: Record<string, NodeTypeLike>,
		private readonly credentialsHelper: HarnessCredentialsHelper,
		private readonly authRetry: AuthRetryMode,
	) {
		for (const [name, type] of Object.entries(types)) this.types[name] = instantiate(type);
	}

	getByName(nodeType: string): AnyNodeType {
		const type = this.types[nodeType];
		if (!type)
			throw new Error(
				`Harness: unknown node type "${nodeType}" (known: ${Object.keys(this.types).join(', ')})`,
			);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const key = `${nodeType}@${version ?? 'latest'}`;
		let resolved = this.resolved.get(key);
		if (!resolved) {
			resolved = NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
			if (this.authRetry === 'n8n-2.40') resolved = withAuthRetry(resolved, this.credentialsHelper);
			this.resolved.set(key, resolved);
		}
		return resolved;
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]),
		);
	}

	/** The credential types the node type declares (for auto-assigning credentials). */
	credentialNames(nodeType: string, version: number): string[] {
		return (this.getByNameAndVersion(nodeType, version).description.credentials ?? []).map(
			(c) => c.name,
		);
	}
}

// ---------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------

export interface PreAuthenticationCall {
	credentialType: string;
	nodeName: string;
	/** The `credentialsExpired` flag n8n passed: false = the expirable field was empty. */
	expired: boolean;
}

/**
 * `ICredentialsHelper` over a map `{ [credentialType]: data }`, reproducing n8n's CLI
 * (packages/cli/src/credentials-helper.ts): defaults of the credential type applied on every read
 * (fields hidden by displayOptions dropped), generic `authenticate` with `={{$credentials.x}}`
 * resolved by n8n's expression engine, and `preAuthentication` called when the hidden
 * `typeOptions.expirable` field is '' or when credentialsExpired is true; its result is stored back
 * into the map (mutated in place) and returned. Every call is logged in `preAuthentications`.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly preAuthentications: PreAuthenticationCall[] = [];

	private readonly types = new Map<string, ICredentialType>();

	constructor(
		readonly store: Record<string, ICredentialDataDecryptedObject>,
		credentialTypes: ICredentialType[],
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	credentialType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Harness: unknown credential type "${name}"`);
		return type;
	}

	hasPreAuthentication(name: string): boolean {
		const type = this.types.get(name);
		return !!type?.preAuthentication && !!expirableField(type);
	}

	getParentTypes(name: string): string[] {
		const type = this.types.get(name);
		const parents = type?.extends ?? [];
		return [...parents, ...parents.flatMap((p) => this.getParentTypes(p))];
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.credentialType(type);
		const inherited = (own.extends ?? []).flatMap((p) => this.getCredentialsProperties(p));
		const names = new Set(own.properties.map((p) => p.name));
		return [...inherited.filter((p) => !names.has(p.name)), ...own.properties];
	}

	private raw(type: string): ICredentialDataDecryptedObject {
		const data = this.store[type];
		if (!data) throw new Error(`Harness: no credentials of type "${type}" in the credentials map`);
		return data;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- the returned object's methods need the helper
		const helper = this;
		return {
			id: nodeCredentials.id ?? undefined,
			name: nodeCredentials.name,
			type,
			data: undefined,
			getData: () => ({ ...helper.raw(type) }),
			getDataToSave: () => ({
				id: nodeCredentials.id ?? null,
				name: nodeCredentials.name,
				type,
				data: '',
			}),
			setData: (data: ICredentialDataDecryptedObject) => {
				Object.assign(helper.raw(type), data);
			},
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		_executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const original = structuredClone(this.raw(type));
		if (raw) return original;
		const withDefaults = (NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) ?? {}) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined)
			withDefaults.oauthTokenData = original.oauthTokenData;
		if (!expressionResolveValues) return withDefaults;
		const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
			expressionResolveValues;
		return workflow.expression.getParameterValue(
			withDefaults as INodeParameters,
			runExecutionData,
			runIndex,
			itemIndex,
			node.name,
			connectionInputData,
			mode,
			{},
			undefined,
			false,
		) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.credentialType(typeName);
		const auth = type.authenticate;
		if (typeof auth === 'function')
			return await auth(credentials, requestOptions as IHttpRequestOptions);
		if (auth && auth.type === 'generic') {
			const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
			if (options.headers === undefined) options.headers = {};
			const resolve = (value: unknown) => {
				if (typeof value !== 'string' || value.charAt(0) !== '=') return value;
				const result = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return result ? result.toString() : '';
			};
			for (const [outerKey, outerValue] of Object.entries(auth.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
					if (!options[outerKey]) options[outerKey] = {};
					options[outerKey][String(resolve(key))] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialType(typeName);
		const field = expirableField(type);
		if (field === undefined || typeof type.preAuthentication !== 'function') return undefined;
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === NO_OP;
		if (credentials[field] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;
		this.preAuthentications.push({
			credentialType: typeName,
			nodeName: node.name,
			expired: credentialsExpired,
		});
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output?.[field] === undefined) return undefined;
		if (!node.credentials) return undefined;
		await this.updateCredentials(
			node.credentials[typeName],
			typeName,
			Object.assign(credentials, output),
		);
		return Object.assign(credentials, output);
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		Object.assign(this.raw(type), structuredClone(data));
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.updateCredentials(nodeCredentials, type, data);
	}
}

function expirableField(type: ICredentialType): string | undefined {
	return type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true)
		?.name;
}

// ---------------------------------------------------------------------------------------------
// Running workflows
// ---------------------------------------------------------------------------------------------

export interface HarnessOptions {
	/** Extra node types (instances or classes) keyed by type name; added to `defaultNodeTypes()`. */
	nodeTypes?: Record<string, NodeTypeLike>;
	/** Extra credential types; added to `defaultCredentialTypes()`. */
	credentialTypes?: ICredentialType[];
	/** Credential data by credential type. Mutated in place when preAuthentication refreshes a token. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Workflow static data; mutated in place (n8n's getWorkflowStaticData('global' | 'node')). */
	staticData?: IDataObject;
	/** Execution mode seen by nodes (`getMode()`); default 'manual', as "Execute workflow" in the editor. */
	mode?: WorkflowExecuteMode;
	/** 'n8n-2.40' (default): refresh on the node's preAuthenticationRetryStatusCode; 'n8n-core': 2.11.1's 401 only. */
	authRetry?: AuthRetryMode;
	/** Give every node that declares a credential type present in `credentials` a reference to it (default true). */
	autoAssignCredentials?: boolean;
}

export interface HarnessWorkflow {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	/** Items per node name; plain JSON objects are wrapped as `{ json }`. */
	pinData?: Record<string, Array<INodeExecutionData | IDataObject>>;
	/** Node to start from; default: n8n's choice (the first trigger), else the first node without inputs. */
	startNode?: string;
}

export interface WorkflowRunResult {
	status: ExecutionStatus;
	/** The error that stopped the execution (n8n keeps it as a plain copy; its own fields are kept). */
	error?: Error & IDataObject;
	/** Node that failed when status is 'error'. */
	errorNode?: string;
	run: IRun;
	runData: IRunData;
	/** Items of one output of one run of a node; throws if the node did not run. */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** All main outputs of one run of a node. */
	outputs(nodeName: string, runIndex?: number): INodeExecutionData[][];
	/** Names of the nodes that ran, in execution order. */
	executedNodes: string[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	staticData: IDataObject;
	preAuthentications: PreAuthenticationCall[];
}

let counter = 0;

let timersReleased = false;

/**
 * Every n8n-core node context asks the DI container for the SSH tunnel manager, whose constructor
 * starts a 60-second cleanup interval that would keep Jest from exiting. Create it up front and
 * unref that timer (the manager itself is unused: no node here opens SSH tunnels).
 */
function releaseBackgroundTimers(): void {
	if (timersReleased) return;
	timersReleased = true;
	// The DI container n8n-core itself uses (resolved from n8n-core, not from this package).
	const diPath = require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] });
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { Container } = require(diPath) as { Container: { get<T>(type: new () => T): T } };
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new () => { cleanupTimer?: NodeJS.Timeout };
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
	Container.get(SSHClientsManager).cleanupTimer?.unref();
}

function additionalDataFor(
	credentialsHelper: HarnessCredentialsHelper,
	hooks: ExecutionLifecycleHooks | undefined,
	executionId: string,
) {
	const notSupported = (what: string) => async () => {
		throw new Error(`Harness: ${what} is not supported`);
	};
	const additionalData = {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		userId: 'harness-user',
		executeWorkflow: notSupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: notSupported('startRunnerTask (Code node task runners)'),
	};
	return additionalData as unknown as IWorkflowExecuteAdditionalData;
}

function setup(options: HarnessOptions, extraTypes: Record<string, NodeTypeLike> = {}) {
	releaseBackgroundTimers();
	const credentials = options.credentials ?? {};
	const credentialsHelper = new HarnessCredentialsHelper(credentials, [
		...defaultCredentialTypes(),
		...(options.credentialTypes ?? []),
	]);
	const nodeTypes = new HarnessNodeTypes(
		{ ...defaultNodeTypes(), ...(options.nodeTypes ?? {}), ...extraTypes },
		credentialsHelper,
		options.authRetry ?? 'n8n-2.40',
	);
	return { credentials, credentialsHelper, nodeTypes };
}

function prepareNodes(
	nodes: INode[],
	nodeTypes: HarnessNodeTypes,
	options: HarnessOptions,
): INode[] {
	// n8n's Workflow writes parameter defaults into the nodes it is given: work on copies.
	const copies = structuredClone(nodes);
	if (options.autoAssignCredentials === false) return copies;
	const available = Object.keys(options.credentials ?? {});
	for (const node of copies) {
		for (const name of nodeTypes.credentialNames(node.type, node.typeVersion)) {
			if (!available.includes(name) || node.credentials?.[name]) continue;
			node.credentials = { ...(node.credentials ?? {}), [name]: { id: `cred-${name}`, name } };
		}
	}
	return copies;
}

function toPinData(pinData: HarnessWorkflow['pinData']): IPinData | undefined {
	if (!pinData) return undefined;
	return Object.fromEntries(
		Object.entries(pinData).map(([name, items]) => [
			name,
			items.map((item) => (isExecutionItem(item) ? item : { json: item as IDataObject })),
		]),
	) as IPinData;
}

/**
 * Runs a workflow with n8n-core's WorkflowExecute, from its trigger (or `startNode`) to the end,
 * as "Execute workflow" does in the editor (mode 'manual' unless `options.mode` says otherwise).
 * Does not throw for node errors: look at `status`, `error` and `errorNode`. It rejects, as n8n
 * refuses to start, with WorkflowHasIssuesError when a node has issues (e.g. a required parameter
 * left empty), and with a harness error for unknown node types.
 */
export async function runWorkflow(
	wf: HarnessWorkflow,
	options: HarnessOptions = {},
): Promise<WorkflowRunResult> {
	const { credentials, credentialsHelper, nodeTypes } = setup(options);
	const mode = options.mode ?? 'manual';
	const staticData = options.staticData ?? {};
	const nodes = prepareNodes(wf.nodes, nodeTypes, options);
	const pinData = toPinData(wf.pinData);
	const workflowId = `harness-workflow-${++counter}`;
	const workflow = new Workflow({
		id: workflowId,
		name: 'Harness workflow',
		nodes,
		connections: wf.connections,
		active: false,
		nodeTypes,
		staticData,
		settings: { executionOrder: 'v1', ...(wf.settings ?? {}) },
		pinData,
	});
	const executionId = `harness-execution-${counter}`;
	const workflowData = {
		id: workflowId,
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		nodes,
		connections: wf.connections,
		settings: workflow.settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteBefore', (nodeName) => {
		executedNodes.push(nodeName);
	});
	const additionalData = additionalDataFor(credentialsHelper, hooks, executionId);

	let startNode: INode | undefined = wf.startNode
		? (workflow.getNode(wf.startNode) ?? undefined)
		: workflow.getStartNode();
	if (!startNode) {
		const withInputs = new Set(Object.keys(workflow.connectionsByDestinationNode));
		startNode = nodes.find((n) => !withInputs.has(n.name) && !n.disabled);
	}
	if (!startNode) throw new Error('Harness: no node to start the workflow from');

	const run = await new WorkflowExecute(additionalData, mode).run({ workflow, startNode, pinData });
	const runData = run.data.resultData.runData;
	const failure = run.data.resultData.error as (IDataObject & { message?: string }) | undefined;
	const error = failure
		? (Object.assign(new Error(String(failure.message ?? 'Execution failed')), failure) as Error &
				IDataObject)
		: undefined;

	const taskOf = (nodeName: string, runIndex: number) => {
		const task = runData[nodeName]?.[runIndex];
		if (!task) {
			throw new Error(
				`Harness: node "${nodeName}" has no run ${runIndex} (nodes that ran: ${Object.keys(runData).join(', ') || 'none'})`,
			);
		}
		return task;
	};
	const outputs = (nodeName: string, runIndex = 0): INodeExecutionData[][] =>
		(taskOf(nodeName, runIndex).data?.main ?? []).map((items) => items ?? []);

	return {
		status: run.status,
		error,
		errorNode: error ? run.data.resultData.lastNodeExecuted : undefined,
		run,
		runData,
		output: (nodeName, outputIndex = 0, runIndex = 0) =>
			outputs(nodeName, runIndex)[outputIndex] ?? [],
		outputs,
		executedNodes,
		credentials,
		staticData,
		preAuthentications: credentialsHelper.preAuthentications,
	};
}

export interface PollOptions extends HarnessOptions {
	/** 'trigger': an active workflow polling; 'manual': "Fetch test event" in the editor. */
	mode: 'manual' | 'trigger';
	/** Workflow static data; pass the same object to successive polls to keep state, as an active workflow does. */
	staticData: IDataObject;
	/** Activation mode seen by getActivationMode(); default 'activate' in trigger mode, 'manual' in manual mode. */
	activation?: WorkflowActivateMode;
}

/**
 * Runs `poll()` of a polling trigger once in n8n-core's real PollContext, in a one-node workflow
 * whose static data is `options.staticData` (so getWorkflowStaticData('node') returns
 * `staticData['node:<node name>']`). Returns what poll() returned (null = nothing new).
 *
 * Static data changes go straight into the object passed, in both modes, so tests see what the
 * node did. (n8n itself persists them for active workflows, when the poll emits items; it never
 * persists the static data of manual executions.)
 */
export async function runPoll(
	triggerNodeType: NodeTypeLike,
	node: Partial<INode>,
	options: PollOptions,
): Promise<INodeExecutionData[][] | null> {
	const instance = instantiate(triggerNodeType);
	const typeName = node.type ?? packageType(instance.description.name);
	const { nodeTypes, credentialsHelper } = setup(options, { [typeName]: instance });
	const typeVersion = node.typeVersion ?? latestVersion(instance);
	const nodeType = nodeTypes.getByNameAndVersion(typeName, typeVersion);
	if (!nodeType.poll) throw new Error(`Harness: node type "${typeName}" has no poll()`);
	const [prepared] = prepareNodes(
		[
			{
				id: 'poll-node',
				name: nodeType.description.defaults.name ?? nodeType.description.displayName,
				position: [0, 0],
				parameters: {},
				...node,
				type: typeName,
				typeVersion,
			} as INode,
		],
		nodeTypes,
		options,
	);
	const workflow = new Workflow({
		id: `harness-workflow-${++counter}`,
		name: 'Harness poll workflow',
		nodes: [prepared],
		connections: {},
		active: options.mode === 'trigger',
		nodeTypes,
		staticData: options.staticData,
		settings: { executionOrder: 'v1' },
	});
	const workflowNode = workflow.getNode(prepared.name)!;
	const mode: WorkflowExecuteMode = options.mode;
	const activation = options.activation ?? (options.mode === 'trigger' ? 'activate' : 'manual');
	const additionalData = additionalDataFor(credentialsHelper, undefined, `harness-poll-${counter}`);
	const context = new PollContext(workflow, workflowNode, additionalData, mode, activation);
	return await nodeType.poll.call(context);
}

// ---------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------

export type NodeOptions = Partial<Omit<INode, 'name' | 'type' | 'parameters'>>;

/**
 * Terse workflows for tests:
 *   workflow()
 *     .trigger()                                   // Manual Trigger named 'Trigger'
 *     .node('Items', TEST_ITEMS, { items: [{ tx: 'a' }] })
 *     .node('Amazon', packageType('amazonVendorCentral'), { resource: 'transaction', ... })
 *     .chain('Trigger', 'Items', 'Amazon')
 *     .build();
 * `connect(from, to, { output, input })` wires one output to one input (both default 0).
 */
export class WorkflowBuilder {
	private readonly nodes: INode[] = [];

	private readonly connections: IConnections = {};

	private pins: HarnessWorkflow['pinData'] = undefined;

	private workflowSettings: IWorkflowSettings | undefined;

	node(
		name: string,
		type: string,
		parameters: INodeParameters = {},
		options: NodeOptions = {},
	): this {
		if (this.nodes.some((n) => n.name === name))
			throw new Error(`Harness: duplicate node name "${name}"`);
		this.nodes.push({
			id: `node-${this.nodes.length + 1}`,
			position: [this.nodes.length * 220, 0],
			typeVersion: 1,
			...options,
			name,
			type,
			parameters,
		});
		return this;
	}

	/** A Manual Trigger. */
	trigger(name = 'Trigger'): this {
		return this.node(name, MANUAL_TRIGGER);
	}

	connect(
		from: string,
		to: string,
		{ output = 0, input = 0 }: { output?: number; input?: number } = {},
	): this {
		for (const name of [from, to]) {
			if (!this.nodes.some((n) => n.name === name))
				throw new Error(`Harness: connect() to unknown node "${name}"`);
		}
		const main = ((this.connections[from] ??= {}).main ??= []);
		while (main.length <= output) main.push([]);
		(main[output] ??= []).push({ node: to, type: NodeConnectionTypes.Main, index: input });
		return this;
	}

	/** connect(a, b), connect(b, c), ... on output 0 / input 0. */
	chain(...names: string[]): this {
		for (let i = 1; i < names.length; i++) this.connect(names[i - 1], names[i]);
		return this;
	}

	pin(name: string, items: Array<INodeExecutionData | IDataObject>): this {
		this.pins = { ...(this.pins ?? {}), [name]: items };
		return this;
	}

	settings(settings: IWorkflowSettings): this {
		this.workflowSettings = { ...(this.workflowSettings ?? {}), ...settings };
		return this;
	}

	build(): HarnessWorkflow {
		return {
			nodes: structuredClone(this.nodes),
			connections: structuredClone(this.connections),
			...(this.workflowSettings ? { settings: this.workflowSettings } : {}),
			...(this.pins ? { pinData: this.pins } : {}),
		};
	}
}

export function workflow(): WorkflowBuilder {
	return new WorkflowBuilder();
}
