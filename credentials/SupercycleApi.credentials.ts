import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Supercycle Admin API key (Shopify admin > Supercycle > Settings > API), sent as
 * `Authorization: Bearer <key>`. The base URL can point at another host, e.g. the local sandbox
 * of this package (`http://127.0.0.1:4010/api/v1`).
 */
export class SupercycleApi implements ICredentialType {
	name = 'supercycleApi';

	displayName = 'Supercycle API';

	icon: Icon = {
		light: 'file:../icons/supercycle.svg',
		dark: 'file:../icons/supercycle.dark.svg',
	};

	documentationUrl = 'https://docs.supercycle.com/api-reference/introduction';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Created in the Shopify admin under Supercycle > Settings > API',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.supercycle.com/api/v1',
			required: true,
			description:
				'Supercycle Admin API base URL. Change it only to test against another host, such as ' +
				'the local sandbox of this package.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				"={{ String($credentials.baseUrl || 'https://app.supercycle.com/api/v1').replace(/\\/+$/, '') }}",
			url: '/items',
			qs: { limit: 1 },
		},
	};
}
