import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The X12 identities of one vendor-Amazon trading partnership, as Amazon's EDI self-service set-up
 * (Vendor Central > Integration > EDI) records them: the interchange qualifier and id of each side
 * (ISA05-ISA08), the application codes of the functional groups (GS02, GS03) and the usage indicator
 * (ISA15). No secret is here and nothing is sent with it: the files travel through the AS2 gateway's
 * SFTP mailbox, with n8n's own SFTP credential. The nodes Read and Write EDI Interchange test it
 * (the fields are checked as the interchange needs them).
 */
export class AmazonEdiTradingPartnerApi implements ICredentialType {
	name = 'amazonEdiTradingPartnerApi';

	displayName = 'Amazon EDI Trading Partner API';

	icon: Icon = {
		light: 'file:../icons/amazonVendorCentral.svg',
		dark: 'file:../icons/amazonVendorCentral.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-amazon-vendor-central/n8n-nodes-amazon-vendor-central#the-edi-channel';

	properties: INodeProperties[] = [
		{
			displayName: 'Our Interchange Qualifier',
			name: 'ourQualifier',
			type: 'string',
			default: 'ZZ',
			required: true,
			description:
				'ISA05 of what we send (ISA07 of what Amazon sends): two characters, e.g. ZZ or 12',
		},
		{
			displayName: 'Our Interchange ID',
			name: 'ourId',
			type: 'string',
			default: '',
			required: true,
			description:
				'ISA06 of what we send: the id given to Amazon in the EDI set-up (1 to 15 characters)',
		},
		{
			displayName: 'Amazon Interchange Qualifier',
			name: 'amazonQualifier',
			type: 'string',
			default: 'ZZ',
			required: true,
			description: 'ISA07 of what we send: Amazon’s qualifier, as the EDI set-up shows it',
		},
		{
			displayName: 'Amazon Interchange ID',
			name: 'amazonId',
			type: 'string',
			default: 'AMAZON',
			required: true,
			description: 'ISA08 of what we send: Amazon’s id, as the EDI set-up shows it',
		},
		{
			displayName: 'Our Group Code',
			name: 'ourGroupCode',
			type: 'string',
			default: '',
			description: 'GS02 of what we send; empty means Our Interchange ID',
		},
		{
			displayName: 'Amazon Group Code',
			name: 'amazonGroupCode',
			type: 'string',
			default: '',
			description: 'GS03 of what we send; empty means Amazon Interchange ID',
		},
		{
			displayName: 'Usage',
			name: 'usage',
			type: 'options',
			options: [
				{ name: 'Test (T)', value: 'T' },
				{ name: 'Production (P)', value: 'P' },
			],
			default: 'T',
			description: 'ISA15: Amazon tests the partnership with T before it moves to P',
		},
	];
}
