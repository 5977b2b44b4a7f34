import {
	lwaRefreshTokenBody,
	lwaTokenUrl,
	spApiBaseUrl,
} from '../../nodes/shared/transport/endpoints';

describe('SP-API endpoints', () => {
	it('chooses the production host per region', () => {
		expect(spApiBaseUrl({ region: 'na' })).toBe('https://sellingpartnerapi-na.amazon.com');
		expect(spApiBaseUrl({ region: 'eu' })).toBe('https://sellingpartnerapi-eu.amazon.com');
		expect(spApiBaseUrl({ region: 'fe' })).toBe('https://sellingpartnerapi-fe.amazon.com');
	});

	it('chooses the sandbox host when the sandbox switch is on', () => {
		expect(spApiBaseUrl({ region: 'eu', sandbox: true })).toBe(
			'https://sandbox.sellingpartnerapi-eu.amazon.com',
		);
	});

	it('uses the custom base URL and token URL only when custom endpoints are on', () => {
		const custom = {
			region: 'na',
			useCustomEndpoints: true,
			customBaseUrl: 'http://127.0.0.1:4010/',
			customTokenUrl: 'http://127.0.0.1:4010/auth/o2/token',
		};
		expect(spApiBaseUrl(custom)).toBe('http://127.0.0.1:4010');
		expect(lwaTokenUrl(custom)).toBe('http://127.0.0.1:4010/auth/o2/token');
		expect(spApiBaseUrl({ ...custom, useCustomEndpoints: false })).toBe(
			'https://sellingpartnerapi-na.amazon.com',
		);
		expect(lwaTokenUrl({ ...custom, useCustomEndpoints: false })).toBe(
			'https://api.amazon.com/auth/o2/token',
		);
	});

	it('URL-encodes every field of the refresh-token grant, including the "|" of the refresh token', () => {
		const body = lwaRefreshTokenBody(
			'amzn1.application-oa2-client.abc',
			's3cr+t/=',
			'Atzr|IwEBIA&x=1',
		);
		expect(body).toBe(
			'grant_type=refresh_token&refresh_token=Atzr%7CIwEBIA%26x%3D1' +
				'&client_id=amzn1.application-oa2-client.abc&client_secret=s3cr%2Bt%2F%3D',
		);
		const parsed = new URLSearchParams(body);
		expect(parsed.get('refresh_token')).toBe('Atzr|IwEBIA&x=1');
		expect(parsed.get('client_secret')).toBe('s3cr+t/=');
	});
});
