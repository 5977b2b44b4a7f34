/**
 * A scriptable HTTP server for transport tests: a Login with Amazon token endpoint, queued answers
 * per path, and a log of every request with its arrival time.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: string;
	at: number;
}

export interface Answer {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Delay before answering, to provoke client timeouts. */
	delayMs?: number;
}

export type Handler = (req: LoggedRequest) => Answer | undefined;

export interface TestServer {
	url: string;
	requests: LoggedRequest[];
	/** Answers for a path (without query), used in order; the last one repeats. */
	queue(path: string, ...answers: Answer[]): void;
	/** Fallback handler when no queued answer matches. */
	handle(handler: Handler): void;
	/** Access tokens issued so far; the last one is the valid one unless expireTokens() was called. */
	tokens: string[];
	expireTokens(): void;
	close(): Promise<void>;
}

export const LWA = {
	clientId: 'amzn1.application-oa2-client.test',
	clientSecret: 'client+secret/=',
	refreshToken: 'Atzr|IwEBIrefresh&token=1',
};

export async function startTestServer(): Promise<TestServer> {
	const requests: LoggedRequest[] = [];
	const queues = new Map<string, Answer[]>();
	const tokens: string[] = [];
	let valid = new Set<string>();
	let fallback: Handler | undefined;

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const logged: LoggedRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams.entries()),
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				at: Date.now(),
			};
			requests.push(logged);
			const reply = (a: Answer) => {
				const send = () => {
					res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) });
					res.end(a.body === undefined ? '' : JSON.stringify(a.body));
				};
				if (a.delayMs) setTimeout(send, a.delayMs);
				else send();
			};

			if (logged.path === '/auth/o2/token') {
				const form = new URLSearchParams(logged.body);
				if (
					form.get('grant_type') !== 'refresh_token' ||
					form.get('client_id') !== LWA.clientId ||
					form.get('client_secret') !== LWA.clientSecret ||
					form.get('refresh_token') !== LWA.refreshToken
				) {
					return reply({
						status: 400,
						body: {
							error: 'invalid_grant',
							error_description: 'The request has an invalid grant parameter : refresh_token',
						},
					});
				}
				const token = `Atza|token-${tokens.length + 1}`;
				tokens.push(token);
				valid = new Set([token]);
				return reply({
					status: 200,
					body: {
						access_token: token,
						token_type: 'bearer',
						expires_in: 3600,
						refresh_token: LWA.refreshToken,
					},
				});
			}

			const token = req.headers['x-amz-access-token'];
			if (typeof token !== 'string' || !valid.has(token)) {
				return reply({
					status: 403,
					headers: { 'x-amzn-RequestId': 'req-unauthorized' },
					body: {
						errors: [
							{
								code: 'Unauthorized',
								message: 'Access to requested resource is denied.',
								details: 'The access token you provided has expired.',
							},
						],
					},
				});
			}

			const queued = queues.get(logged.path);
			if (queued && queued.length) {
				const answer = queued.length > 1 ? queued.shift()! : queued[0];
				return reply(answer);
			}
			const handled = fallback?.(logged);
			if (handled) return reply(handled);
			return reply({
				status: 404,
				body: { errors: [{ code: 'NotFound', message: `No route for ${logged.path}` }] },
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		tokens,
		queue: (path, ...answers) => queues.set(path, answers),
		handle: (h) => {
			fallback = h;
		},
		expireTokens: () => {
			valid = new Set();
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

export function credentialsFor(server: TestServer) {
	return {
		region: 'na',
		sandbox: false,
		clientId: LWA.clientId,
		clientSecret: LWA.clientSecret,
		refreshToken: LWA.refreshToken,
		useCustomEndpoints: true,
		customBaseUrl: server.url,
		customTokenUrl: `${server.url}/auth/o2/token`,
		accessToken: '',
	};
}
