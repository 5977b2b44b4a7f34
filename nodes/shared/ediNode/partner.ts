/**
 * The credential "Amazon EDI Trading Partner API" as the EDI nodes use it: its test (each node
 * names it as `testedBy: 'ediPartnerTest'`, since nothing is sent with the credential) and the
 * partner it gives.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { partnerOf, type EdiPartner } from '../domain/edi/exchange';

export const PARTNER_CREDENTIAL = 'amazonEdiTradingPartnerApi';

/** The credential test: the fields checked as the interchange's envelope needs them. */
export async function ediPartnerTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const p = partnerOf((credential.data ?? {}) as Record<string, unknown>);
		return {
			status: 'OK',
			message: `We are ${p.us.qualifier}/${p.us.id}, Amazon is ${p.amazon.qualifier}/${p.amazon.id} (usage ${p.usage})`,
		};
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}

/** The partner of the node's credential; an unusable field stops the node naming it. */
export async function readPartner(context: IExecuteFunctions): Promise<EdiPartner> {
	const data: ICredentialDataDecryptedObject = await context.getCredentials(PARTNER_CREDENTIAL);
	try {
		return partnerOf(data as Record<string, unknown>);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Correct the credential "Amazon EDI Trading Partner API".',
		});
	}
}
