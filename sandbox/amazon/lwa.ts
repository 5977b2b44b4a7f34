/**
 * Login with Amazon: POST /auth/o2/token (refresh-token grant) and the access tokens it issues.
 * Answers and errors follow LWA: 200 { access_token, token_type, expires_in, refresh_token },
 * 400 { error: "invalid_request" | "invalid_grant" | "unsupported_grant_type" }, 401 { error: "invalid_client" }.
 */
import { randomBytes } from 'node:crypto';
import type { Route, SandboxRequest, SandboxResponse } from '../http/router';
import { mediaType } from '../http/router';
import type { AmazonSimulator } from './simulator';

export type TokenCheck = 'valid' | 'missing' | 'invalid' | 'expired';

interface IssuedToken {
	expiresAtMs: number;
	issuedAtMs: number;
}

export class LwaTokenStore {
	private tokens = new Map<string, IssuedToken>();

	constructor(private readonly nowMs: () => number) {}

	issue(lifetimeSeconds: number): { accessToken: string; expiresIn: number } {
		const accessToken = `Atza|${randomBytes(48).toString('base64url')}`;
		const now = this.nowMs();
		this.tokens.set(accessToken, { issuedAtMs: now, expiresAtMs: now + lifetimeSeconds * 1000 });
		return { accessToken, expiresIn: lifetimeSeconds };
	}

	check(token: string | string[] | undefined): TokenCheck {
		if (token === undefined || token === '') return 'missing';
		if (typeof token !== 'string') return 'invalid';
		const issued = this.tokens.get(token);
		if (!issued) return 'invalid';
		return this.nowMs() >= issued.expiresAtMs ? 'expired' : 'valid';
	}

	/** Every token issued so far expires now (the expireTokens fault). */
	expireAll(): number {
		const now = this.nowMs();
		for (const t of this.tokens.values()) t.expiresAtMs = Math.min(t.expiresAtMs, now);
		return this.tokens.size;
	}

	clear(): void {
		this.tokens.clear();
	}

	summary(): Array<{ token: string; issuedAt: string; expiresAt: string; expired: boolean }> {
		const now = this.nowMs();
		return [...this.tokens.entries()].map(([token, t]) => ({
			token: `${token.slice(0, 12)}…`,
			issuedAt: new Date(t.issuedAtMs).toISOString(),
			expiresAt: new Date(t.expiresAtMs).toISOString(),
			expired: now >= t.expiresAtMs,
		}));
	}
}

function lwaError(status: number, error: string, description: string): SandboxResponse {
	return { status, body: { error, error_description: description } };
}

/** The form fields of a token request (form-urlencoded, as LWA expects, or JSON). */
function readForm(req: SandboxRequest): Record<string, string> | undefined {
	const text = req.rawBody.toString('utf8');
	const type = mediaType(req);
	if (type === 'application/json') {
		try {
			const parsed = JSON.parse(text) as Record<string, unknown>;
			const out: Record<string, string> = {};
			for (const [k, v] of Object.entries(parsed ?? {})) if (typeof v === 'string') out[k] = v;
			return out;
		} catch {
			return undefined;
		}
	}
	if (type !== '' && type !== 'application/x-www-form-urlencoded') return undefined;
	// URLSearchParams decodes %7C to "|" and "+" to a space, as a form decoder must.
	return Object.fromEntries(new URLSearchParams(text).entries());
}

export function lwaTokenResponse(sim: AmazonSimulator, req: SandboxRequest): SandboxResponse {
	const form = readForm(req);
	if (!form) {
		return lwaError(
			400,
			'invalid_request',
			'The request body must be application/x-www-form-urlencoded.',
		);
	}
	const grantType = form.grant_type;
	if (!grantType)
		return lwaError(
			400,
			'invalid_request',
			'The request is missing a required parameter : grant_type',
		);
	if (grantType !== 'refresh_token') {
		return lwaError(
			400,
			'unsupported_grant_type',
			grantType === 'client_credentials'
				? 'The sandbox supports only the refresh_token grant (vendor operations are not grantless).'
				: `The authorization grant type is not supported by the authorization server : ${grantType}`,
		);
	}
	for (const field of ['refresh_token', 'client_id', 'client_secret']) {
		if (!form[field])
			return lwaError(
				400,
				'invalid_request',
				`The request is missing a required parameter : ${field}`,
			);
	}
	const app = sim.state.app;
	if (form.client_id !== app.clientId || form.client_secret !== app.clientSecret) {
		return lwaError(401, 'invalid_client', 'Client authentication failed');
	}
	if (form.refresh_token !== app.refreshToken) {
		return lwaError(
			400,
			'invalid_grant',
			'The request has an invalid grant parameter : refresh_token',
		);
	}
	const { accessToken, expiresIn } = sim.tokens.issue(sim.config.tokenLifetimeSeconds);
	return {
		status: 200,
		body: {
			access_token: accessToken,
			refresh_token: app.refreshToken,
			token_type: 'bearer',
			expires_in: expiresIn,
		},
	};
}

export function lwaRoutes(sim: AmazonSimulator): Route[] {
	return [
		{
			method: 'POST',
			path: '/auth/o2/token',
			service: 'amazon',
			operation: 'lwaToken',
			handler: async (req) => {
				const log = { service: 'amazon', operation: 'lwaToken' };
				const latency = sim.faults.take('amazon', 'lwaToken', 'latency', { wildcard: false });
				if (latency?.latencyMs) await new Promise((r) => setTimeout(r, latency.latencyMs));
				const fault = sim.faults.take('amazon', 'lwaToken', 'status', { wildcard: false });
				if (fault?.status) {
					const status = fault.status;
					const error =
						status >= 500
							? 'server_error'
							: status === 429
								? 'slow_down'
								: status === 401
									? 'invalid_client'
									: 'invalid_request';
					return {
						...lwaError(status, error, fault.errors?.[0]?.message ?? `Injected HTTP ${status}.`),
						log,
					};
				}
				return { ...lwaTokenResponse(sim, req), log };
			},
		},
	];
}
