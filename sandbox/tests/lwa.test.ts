import { startTestSandbox, order, START, type TestSandbox } from './helpers';

let sb: TestSandbox;

beforeAll(async () => {
	sb = await startTestSandbox({ tokenLifetimeSeconds: 60 });
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.control.reset();
	sb.control.seed({
		amazon: {
			app: {
				clientId: 'amzn1.application-oa2-client.abc',
				clientSecret: 'se+cret/=',
				refreshToken: 'Atzr|IwEB|refresh&1',
			},
			purchaseOrders: [order('PO000001', START)],
		},
	});
});

async function tokenRequest(
	form: Record<string, string>,
	contentType = 'application/x-www-form-urlencoded;charset=UTF-8',
) {
	const res = await fetch(sb.tokenUrl, {
		method: 'POST',
		headers: { 'content-type': contentType },
		body: new URLSearchParams(form).toString(),
	});
	return { status: res.status, body: (await res.json()) as any };
}

const good = {
	grant_type: 'refresh_token',
	refresh_token: 'Atzr|IwEB|refresh&1',
	client_id: 'amzn1.application-oa2-client.abc',
	client_secret: 'se+cret/=',
};

describe('Login with Amazon token endpoint', () => {
	it('issues a bearer token for the seeded app, decoding %7C, + and & in the form', async () => {
		const r = await tokenRequest(good);
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			access_token: expect.stringMatching(/^Atza\|/),
			refresh_token: 'Atzr|IwEB|refresh&1',
			token_type: 'bearer',
			expires_in: 60,
		});
		// The form really carried encoded characters.
		expect(new URLSearchParams(good).toString()).toContain('%7C');
	});

	it('rejects a wrong client secret with 401 invalid_client', async () => {
		const r = await tokenRequest({ ...good, client_secret: 'nope' });
		expect(r).toEqual({
			status: 401,
			body: { error: 'invalid_client', error_description: 'Client authentication failed' },
		});
	});

	it('rejects a wrong client id with 401 invalid_client', async () => {
		expect((await tokenRequest({ ...good, client_id: 'other' })).status).toBe(401);
	});

	it('rejects a wrong refresh token with 400 invalid_grant', async () => {
		const r = await tokenRequest({ ...good, refresh_token: 'Atzr|other' });
		expect(r.status).toBe(400);
		expect(r.body.error).toBe('invalid_grant');
	});

	it('rejects an unsupported grant type and a missing parameter', async () => {
		expect((await tokenRequest({ ...good, grant_type: 'client_credentials' })).body.error).toBe(
			'unsupported_grant_type',
		);
		const { refresh_token: _omit, ...missing } = good;
		const r = await tokenRequest(missing);
		expect(r.status).toBe(400);
		expect(r.body).toEqual({
			error: 'invalid_request',
			error_description: 'The request is missing a required parameter : refresh_token',
		});
	});

	it('rejects a body that is not a form', async () => {
		expect((await tokenRequest(good, 'text/plain')).body.error).toBe('invalid_request');
	});
});

describe('access tokens on SP-API calls', () => {
	it('accepts a valid token', async () => {
		const token = await sb.token();
		expect((await sb.get('/vendor/orders/v1/purchaseOrders/PO000001', {}, token)).status).toBe(200);
	});

	it('answers 403 Unauthorized without a token, with an unknown token, and with an expired one', async () => {
		const missing = await sb.get('/vendor/orders/v1/purchaseOrders/PO000001', {}, null);
		expect(missing.status).toBe(403);
		expect(missing.body.errors[0]).toMatchObject({
			code: 'Unauthorized',
			message: 'Access to requested resource is denied.',
		});
		expect(missing.headers.get('x-amzn-requestid')).toBeTruthy();

		const unknown = await sb.get('/vendor/orders/v1/purchaseOrders/PO000001', {}, 'Atza|made-up');
		expect(unknown.body.errors[0].details).toBe(
			'The access token you provided is revoked, malformed or invalid.',
		);

		const token = await sb.token();
		sb.clock.advance(59_000);
		expect((await sb.get('/vendor/orders/v1/purchaseOrders/PO000001', {}, token)).status).toBe(200);
		sb.clock.advance(1_000);
		const expired = await sb.get('/vendor/orders/v1/purchaseOrders/PO000001', {}, token);
		expect(expired.status).toBe(403);
		expect(expired.body).toEqual({
			errors: [
				{
					code: 'Unauthorized',
					message: 'Access to requested resource is denied.',
					details: 'The access token you provided has expired.',
				},
			],
		});
		// A refreshed token works again.
		expect(
			(await sb.get('/vendor/orders/v1/purchaseOrders/PO000001', {}, await sb.token())).status,
		).toBe(200);
	});

	it('uses the lifetime set through the control API', async () => {
		sb.control.configure({ tokenLifetimeSeconds: 5 });
		try {
			const r = await tokenRequest(good);
			expect(r.body.expires_in).toBe(5);
		} finally {
			sb.control.configure({ tokenLifetimeSeconds: 60 });
		}
	});
});
