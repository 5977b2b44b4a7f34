/**
 * Selling Partner API hosts and the Login with Amazon token endpoint, as Amazon documents them
 * ("SP-API Endpoints"). Pure: no n8n imports.
 */
import { InvalidInputError } from '../domain/inputError';
import { isObject, shown } from '../domain/values';

export type SpApiRegion = 'na' | 'eu' | 'fe';

export const SP_API_REGIONS: Array<{ value: SpApiRegion; name: string; description: string }> = [
	{ value: 'na', name: 'North America', description: 'US, Canada, Mexico, Brazil' },
	{
		value: 'eu',
		name: 'Europe',
		description:
			'UK, Germany, France, Italy, Spain, Netherlands, Sweden, Poland, Belgium, Ireland, Turkey, ' +
			'UAE, Saudi Arabia, Egypt, South Africa, India',
	},
	{ value: 'fe', name: 'Far East', description: 'Japan, Australia, Singapore' },
];

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export interface EndpointSettings {
	region?: unknown;
	sandbox?: unknown;
	useCustomEndpoints?: unknown;
	customBaseUrl?: unknown;
	customTokenUrl?: unknown;
}

function isRegion(value: unknown): value is SpApiRegion {
	return value === 'na' || value === 'eu' || value === 'fe';
}

function checkedSettings(settings: unknown): EndpointSettings {
	if (!isObject(settings)) throw new InvalidInputError('settings must be an object', 'settings');
	return settings;
}

/** Base URL of the SP-API for the credential's settings, without a trailing slash. */
export function spApiBaseUrl(given: EndpointSettings): string {
	const settings = checkedSettings(given);
	if (
		settings.useCustomEndpoints === true &&
		typeof settings.customBaseUrl === 'string' &&
		settings.customBaseUrl.trim()
	) {
		return settings.customBaseUrl.trim().replace(/\/+$/, '');
	}
	const region = isRegion(settings.region) ? settings.region : 'na';
	const prefix = settings.sandbox === true ? 'sandbox.' : '';
	return `https://${prefix}sellingpartnerapi-${region}.amazon.com`;
}

/** Login with Amazon token URL for the credential's settings. */
export function lwaTokenUrl(given: EndpointSettings): string {
	const settings = checkedSettings(given);
	if (
		settings.useCustomEndpoints === true &&
		typeof settings.customTokenUrl === 'string' &&
		settings.customTokenUrl.trim()
	) {
		return settings.customTokenUrl.trim();
	}
	return LWA_TOKEN_URL;
}

/** Form body of the refresh-token grant; every value is URL-encoded (refresh tokens contain "|"). */
export function lwaRefreshTokenBody(
	clientId: string,
	clientSecret: string,
	refreshToken: string,
): string {
	const values = { clientId, clientSecret, refreshToken };
	for (const [name, value] of Object.entries(values)) {
		if (typeof value !== 'string') {
			throw new InvalidInputError(`${name} must be a text, not ${shown(value)}`, name);
		}
	}
	const pairs: Array<[string, string]> = [
		['grant_type', 'refresh_token'],
		['refresh_token', refreshToken],
		['client_id', clientId],
		['client_secret', clientSecret],
	];
	return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}
