import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Shopify Admin API access token of a custom app (Shopify admin > Settings > Apps and sales
 * channels > Develop apps), sent as `X-Shopify-Access-Token`. n8n's own `Shopify Access Token API`
 * cannot be used by a community node (n8n's rule no-credential-reuse), so the package ships this one.
 * The shop URL is a full base URL, so that the local sandbox (`http://127.0.0.1:4010`) can stand in
 * for `https://<shop>.myshopify.com`.
 */
export class AvcShopifyAdminApi implements ICredentialType {
	name = 'avcShopifyAdminApi';

	displayName = 'Shopify Admin (Vendor Central) API';

	icon: Icon = { light: 'file:../icons/shopify.svg', dark: 'file:../icons/shopify.dark.svg' };

	documentationUrl =
		'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/generate-app-access-tokens-admin';

	properties: INodeProperties[] = [
		{
			displayName: 'Shop URL',
			name: 'shopUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://your-shop.myshopify.com',
			description:
				'Base URL of the shop, without a path. Another host (such as the local sandbox of this ' +
				'package) can stand in for the shop.',
		},
		{
			displayName: 'Admin API Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'shpat_...',
			description:
				'Token of a custom app with read_products, read_inventory, read_orders, write_orders, ' +
				'write_order_edits and read_fulfillments (write_merchant_managed_fulfillment_orders to hold)',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '2026-04',
			required: true,
			description:
				'Pinned Admin GraphQL API version, e.g. 2026-04. Change it deliberately, after testing.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Shopify-Access-Token': '={{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ String($credentials.shopUrl).trim().replace(/\\/+$/, '') }}",
			url: "={{ '/admin/api/' + String($credentials.apiVersion || '2026-04').trim() + '/graphql.json' }}",
			method: 'POST',
			body: { query: '{ shop { name } }' },
			json: true,
		},
	};
}
