import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IAuthenticateGeneric,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';
import {
	LWA_TOKEN_URL,
	SP_API_REGIONS,
	lwaRefreshTokenBody,
	lwaTokenUrl,
} from '../nodes/shared/transport/endpoints';

/**
 * Login with Amazon (LWA) refresh-token credential for the Selling Partner API.
 * n8n calls preAuthentication when the hidden access token is empty or has expired
 * (Amazon answers an expired token with 403; the nodes ask n8n to refresh on 401 and 403).
 */
export class AmazonVendorCentralApi implements ICredentialType {
	name = 'amazonVendorCentralApi';

	displayName = 'Amazon Vendor Central API';

	icon: Icon = {
		light: 'file:../icons/amazonVendorCentral.svg',
		dark: 'file:../icons/amazonVendorCentral.dark.svg',
	};

	documentationUrl = 'https://developer-docs.amazon.com/sp-api/docs/self-authorization';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: SP_API_REGIONS.map((r) => ({
				name: r.name,
				value: r.value,
				description: r.description,
			})),
			default: 'na',
			description: 'Selling Partner API region of the vendor account',
		},
		{
			displayName: 'Use Amazon Sandbox',
			name: 'sandbox',
			type: 'boolean',
			default: false,
			description:
				"Whether to call Amazon's sandbox hosts (static test answers) instead of production",
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'LWA client identifier of the SP-API app (amzn1.application-oa2-client...)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'LWA client secret of the SP-API app. Amazon makes you rotate it every 180 days.',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Refresh token (Atzr|...) obtained by self-authorising the app in Vendor Central',
		},
		{
			displayName: 'Use Custom Endpoints',
			name: 'useCustomEndpoints',
			type: 'boolean',
			default: false,
			description:
				"Whether to send requests to other hosts than Amazon's, for example the local sandbox of " +
				'this package. Advanced: leave off in production.',
		},
		{
			displayName: 'Custom SP-API Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010',
			displayOptions: { show: { useCustomEndpoints: [true] } },
		},
		{
			displayName: 'Custom Token URL',
			name: 'customTokenUrl',
			type: 'string',
			default: '',
			placeholder: LWA_TOKEN_URL,
			displayOptions: { show: { useCustomEndpoints: [true] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const url = lwaTokenUrl(credentials);
		let response: unknown;
		try {
			response = await this.helpers.httpRequest({
				method: 'POST',
				url,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
					Accept: 'application/json',
				},
				body: lwaRefreshTokenBody(
					String(credentials.clientId ?? ''),
					String(credentials.clientSecret ?? ''),
					String(credentials.refreshToken ?? ''),
				),
				json: true,
			});
		} catch (error) {
			// The raw error carries the request body (client secret, refresh token): never pass it on.
			const data = (error as { response?: { status?: number; data?: unknown } }).response;
			const body = (data?.data ?? {}) as { error?: string; error_description?: string };
			const reason = body.error
				? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}`
				: `HTTP ${data?.status ?? 'error'}`;
			throw new UserError(
				`Login with Amazon refused the token request (${reason}). Check the client ID, client secret and refresh token.`,
			);
		}
		const accessToken = (response as { access_token?: unknown } | undefined)?.access_token;
		if (typeof accessToken !== 'string' || !accessToken) {
			throw new UserError('Login with Amazon answered without an access token.');
		}
		return { accessToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-amz-access-token': '={{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.useCustomEndpoints && $credentials.customBaseUrl ' +
				"? $credentials.customBaseUrl.replace(/\\/+$/, '') " +
				": 'https://' + ($credentials.sandbox ? 'sandbox.' : '') + 'sellingpartnerapi-' + " +
				"$credentials.region + '.amazon.com' }}",
			url: '/vendor/orders/v1/purchaseOrders',
			qs: { limit: 1, includeDetails: 'false' },
		},
	};
}
