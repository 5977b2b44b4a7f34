/**
 * The Vendor Central sandbox: one HTTP server, one port, simulating Login with Amazon and the
 * Selling Partner API for vendors (later also Shopify, Magento and Supercycle under their own path
 * prefixes), with a control API under /__sandbox/.
 *
 *   const sandbox = await startSandbox({ port: 0 });
 *   sandbox.control.seed({ amazon: { purchaseOrders: [...] } });
 *   // SP-API base URL: sandbox.url; LWA token URL: sandbox.tokenUrl
 *   await sandbox.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createClock, type SandboxClock } from './clock';
import { SandboxControl, type SandboxSeed } from './control';
import { controlRoutes } from './controlRoutes';
import { FaultStore } from './faults';
import { queryObject, Router, type SandboxRequest, type SandboxResponse } from './http/router';
import { createRandom } from './random';
import { RequestLog } from './requestLog';
import type { ServiceFactory } from './services';
import { DEFAULT_SERVICES } from './serviceList';
import { AmazonSimulator, type AmazonConfig } from './amazon/simulator';
import { EdiSide } from './edi/ediSide';
import { startSftpServer, type SftpServerHandle } from './edi/sftpServer';

export interface SandboxOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Lifetime of LWA access tokens. Default 3600 (Amazon's). */
	tokenLifetimeSeconds?: number;
	/** How long a transaction reads Processing. Default 0 (the CLI uses 2000). */
	transactionProcessingMs?: number;
	/** Usage-plan token buckets. Default true. */
	rateLimits?: boolean;
	/** Base clock; default the real one. Use manualClock() from ./clock for tests. */
	now?: () => Date;
	/** Directory with Amazon's model files. Default schemas/amazon (or $SANDBOX_AMAZON_MODELS_DIR). */
	modelsDir?: string;
	/** Seed for the random numbers of probability faults. Default 1. */
	randomSeed?: number;
	/** Reject body properties the model does not define. Default true. */
	rejectUnknownProperties?: boolean;
	/** Seeded right after start. */
	seed?: SandboxSeed;
	/** Services beside Amazon (Shopify, Magento, Supercycle...). Default: DEFAULT_SERVICES. */
	services?: ServiceFactory[];
	/**
	 * Start the SFTP mailbox of Amazon's EDI side on this port (0 = any free port), on `host`.
	 * Default: no SFTP server (the EDI side still runs; its mailbox is then reachable only in process).
	 */
	sftpPort?: number;
}

/** Where the EDI mailbox listens and its login (the login a seed's edi.sftp sets, read when asked). */
export interface SftpAccess {
	host: string;
	port: number;
	readonly username: string;
	readonly password: string;
}

export interface SandboxHandle {
	/** Base URL, e.g. http://127.0.0.1:4010 (also the SP-API base URL). */
	url: string;
	port: number;
	host: string;
	/** The Login with Amazon token URL: `${url}/auth/o2/token`. */
	tokenUrl: string;
	control: SandboxControl;
	router: Router;
	/** The EDI mailbox's SFTP server, when `sftpPort` was given. */
	sftp?: SftpAccess;
	/** Amazon's EDI side (trading partners, mailbox, files read and written). */
	edi: EdiSide;
	close(): Promise<void>;
}

const CONTROL_PREFIX = '/__sandbox';

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * What the request log keeps of a body: JSON parsed, a form as fields (client_secret masked), else
 * text.
 */
function loggedBody(req: SandboxRequest): unknown {
	if (!req.rawBody.length) return undefined;
	const text = req.rawBody.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
			const form = Object.fromEntries(new URLSearchParams(text).entries());
			if (form.client_secret) form.client_secret = '***';
			return form;
		}
		return text;
	}
}

/** The answer of the route that matches, or 405 / 404 when none does. */
async function dispatch(router: Router, sreq: SandboxRequest, url: URL): Promise<SandboxResponse> {
	const match = router.match(sreq.method, url.pathname);
	if (match.kind === 'found') {
		sreq.params = match.params;
		const response = await match.route.handler(sreq);
		response.log = {
			service: match.route.service,
			operation: match.route.operation,
			...response.log,
		};
		return response;
	}
	if (match.kind === 'wrongMethod') {
		return {
			status: 405,
			headers: { allow: match.allowed.join(', ') },
			body: {
				errors: [
					{
						code: 'MethodNotAllowed',
						message: `${sreq.method} is not allowed on ${url.pathname}.`,
						details: '',
					},
				],
			},
		};
	}
	return {
		status: 404,
		body: {
			errors: [
				{
					code: 'NotFound',
					message: 'The resource specified does not exist.',
					details: url.pathname,
				},
			],
		},
	};
}

function internalFailure(req: http.IncomingMessage, e: unknown): SandboxResponse {
	process.stderr.write(`[sandbox] ${req.method} ${req.url}: ${(e as Error).stack ?? String(e)}\n`);
	return {
		status: 500,
		body: {
			errors: [
				{ code: 'InternalFailure', message: (e as Error).message, details: 'Sandbox error.' },
			],
		},
	};
}

/** The response's headers (an Amazon request id on Amazon answers) and its payload. */
function wireResponse(
	response: SandboxResponse,
	url: URL,
): { headers: Record<string, string>; payload: string } {
	const headers: Record<string, string> = { ...(response.headers ?? {}) };
	const amazonAnswer =
		(response.log?.service ?? 'amazon') === 'amazon' && !url.pathname.startsWith(CONTROL_PREFIX);
	if (amazonAnswer && !Object.keys(headers).some((h) => h.toLowerCase() === 'x-amzn-requestid')) {
		headers['x-amzn-RequestId'] = randomUUID();
	}
	let payload = '';
	if (response.text !== undefined) payload = response.text;
	else if (response.body !== undefined) {
		payload = JSON.stringify(response.body);
		headers['content-type'] = 'application/json';
	}
	return { headers, payload };
}

interface Exchange {
	req: http.IncomingMessage;
	sreq: SandboxRequest | undefined;
	url: URL;
	response: SandboxResponse;
	headers: Record<string, string>;
	time: string;
	started: number;
}

/** The request log entry of a call (control calls are not logged). */
function logExchange(requests: RequestLog, x: Exchange): void {
	const { req, sreq, url, response, headers } = x;
	if (url.pathname.startsWith(CONTROL_PREFIX)) return;
	requests.add({
		method: sreq?.method ?? req.method ?? 'GET',
		path: url.pathname,
		query: queryObject(url.searchParams),
		status: response.status,
		time: x.time,
		receivedAtMs: x.started,
		durationMs: Date.now() - x.started,
		service: response.log?.service,
		operation: response.log?.operation,
		requestId: response.log?.requestId ?? headers['x-amzn-RequestId'],
		body: sreq ? loggedBody(sreq) : undefined,
	});
}

interface Served {
	amazon: AmazonSimulator;
	router: Router;
	requests: RequestLog;
	clock: SandboxClock;
}

/** One HTTP call: read, route, answer and log. */
async function serve(
	{ amazon, router, requests, clock }: Served,
	req: http.IncomingMessage,
	res: http.ServerResponse,
): Promise<void> {
	const started = Date.now();
	const url = new URL(req.url ?? '/', 'http://sandbox.local');
	const time = clock.nowIso();
	let sreq: SandboxRequest | undefined;
	let response: SandboxResponse;
	try {
		sreq = {
			method: (req.method ?? 'GET').toUpperCase(),
			path: decodeURI(url.pathname),
			query: url.searchParams,
			headers: req.headers,
			rawBody: await readBody(req),
			params: {},
			receivedAtMs: started,
		};
		amazon.tick();
		response = await dispatch(router, sreq, url);
	} catch (e) {
		response = internalFailure(req, e);
	}
	const { headers, payload } = wireResponse(response, url);
	logExchange(requests, { req, sreq, url, response, headers, time, started });
	res.writeHead(response.status, headers);
	res.end(payload);
}

function listen(server: http.Server, port: number, host: string): Promise<AddressInfo> {
	return new Promise<AddressInfo>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address() as AddressInfo);
		});
	});
}

/** The Amazon simulator, the other services and the control API over them. */
function createParts(options: SandboxOptions) {
	const clock = createClock(options.now);
	const initialRandomSeed = options.randomSeed ?? 1;
	const random = createRandom(initialRandomSeed);
	const faults = new FaultStore(random);
	const requests = new RequestLog();
	const config: AmazonConfig = {
		tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
		transactionProcessingMs: options.transactionProcessingMs ?? 0,
		rateLimits: options.rateLimits ?? true,
	};
	const amazon = new AmazonSimulator({
		clock,
		faults,
		config,
		modelsDir: options.modelsDir,
		rejectUnknownProperties: options.rejectUnknownProperties,
	});
	// Fail at start, not at the first acknowledgement, when the models are missing.
	amazon.validator.readModel('vendorOrders.json');

	const edi = new EdiSide(amazon, clock, faults);
	const services = [
		...(options.services ?? DEFAULT_SERVICES).map((create) => create({ clock, faults, random })),
		edi,
	];
	const control = new SandboxControl({
		amazon,
		faults,
		random,
		initialRandomSeed,
		requests,
		clock,
		config,
		services,
	});
	return { clock, requests, amazon, services, control, edi };
}

/** Every route: Amazon's, each service's and the control API's. */
function createRouter(
	{ amazon, services, control }: ReturnType<typeof createParts>,
	baseUrl: () => string,
	sftp: () => SftpAccess | undefined,
): Router {
	const router = new Router();
	router.add(...amazon.routes());
	for (const service of services) {
		router.add(...service.routes());
		if (service.controlRoutes) router.add(...service.controlRoutes());
	}
	router.add(
		...controlRoutes(control, () => ({
			name: 'n8n-nodes-amazon-vendor-central sandbox',
			url: baseUrl(),
			amazon: {
				spApiBaseUrl: baseUrl(),
				lwaTokenUrl: `${baseUrl()}/auth/o2/token`,
				...control.credentials(),
			},
			edi: { sftp: sftp() && { ...sftp() } },
			config: control.config(),
			routes: router.list(),
		})),
	);
	return router;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
	const parts = createParts(options);
	const { control, amazon, requests, clock, edi } = parts;
	let baseUrl = '';
	let sftp: SftpAccess | undefined;
	const router = createRouter(
		parts,
		() => baseUrl,
		() => sftp,
	);
	if (options.seed) control.seed(options.seed);

	const server = http.createServer((req, res) => {
		void serve({ amazon, router, requests, clock }, req, res);
	});
	const host = options.host ?? '127.0.0.1';
	const address = await listen(server, options.port ?? 0, host);
	const urlHost = host.includes(':') ? `[${host}]` : host;
	baseUrl = `http://${urlHost}:${address.port}`;
	let sftpServer: SftpServerHandle | undefined;
	if (options.sftpPort !== undefined) {
		sftpServer = await startSftpServer({
			host,
			port: options.sftpPort,
			mailbox: edi.mailbox,
			login: () => edi.credentials(),
			beforeRequest: () => {
				amazon.tick();
				edi.sync();
			},
			onFileClosed: (path) => edi.fileClosed(path),
		});
		const at = { host, port: sftpServer.port };
		sftp = {
			...at,
			get username() {
				return edi.credentials().username;
			},
			get password() {
				return edi.credentials().password;
			},
		};
	}

	return {
		url: baseUrl,
		port: address.port,
		host,
		tokenUrl: `${baseUrl}/auth/o2/token`,
		control,
		router,
		sftp,
		edi,
		close: async () => {
			await sftpServer?.close();
			await new Promise<void>((resolve, reject) => {
				server.closeAllConnections?.();
				server.close((err) => (err ? reject(err) : resolve()));
			});
		},
	};
}
