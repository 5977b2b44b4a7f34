import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Magento 2 / Adobe Commerce REST access for the Magento (Vendor Central) node: the store's host
 * and an integration access token, sent as `Authorization: Bearer <token>`. The package ships its
 * own type because n8n's community rules forbid a node to use n8n's `magento2Api`.
 */
export class AvcMagento2Api implements ICredentialType {
	name = 'avcMagento2Api';

	displayName = 'Magento 2 (Vendor Central) API';

	icon: Icon = { light: 'file:../icons/magento.svg', dark: 'file:../icons/magento.dark.svg' };

	documentationUrl =
		'https://developer.adobe.com/commerce/webapi/get-started/authentication/gs-authentication-token/';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://shop.example.com',
			description: 'The URL of the Magento store, without /rest',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The access token of an integration (System > Extensions > Integrations) with access to ' +
				'sales, carts, customers and inventory',
		},
		{
			displayName: 'Store Code',
			name: 'storeCode',
			type: 'string',
			default: 'default',
			description:
				'The store view code in the REST path (/rest/<code>/V1); it decides the website of new carts and so the MSI stock',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ String($credentials.host).replace(/\\/+$/, '') }}",
			url: "={{ '/rest/' + ($credentials.storeCode || 'default') + '/V1/modules' }}",
		},
	};
}
