/**
 * How the Magento (Vendor Central) node talks to Magento 2 REST: through n8n's credential helper
 * (Bearer integration token), under `/rest/<store code>/V1`, with Magento's own error text
 * (`message` with its `%1` / `%name` parameters filled in) and never the token.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export const MAGENTO_CREDENTIAL = 'avcMagento2Api';

export interface MagentoCall {
	method: IHttpRequestMethods;
	/** Path from /V1 with ids encoded, e.g. `/orders/12/hold`; may carry a query string. */
	path: string;
	body?: IDataObject;
	itemIndex: number;
	/** What the call does, for the error: "place the order". */
	step?: string;
}

export interface MagentoReply {
	status: number;
	body: unknown;
}

/** Magento's error message with its parameters filled in (`%1` by position, `%name` by name). */
export function magentoErrorMessage(body: unknown): string {
	if (typeof body === 'string') return body.slice(0, 300);
	const b = (body ?? {}) as { message?: unknown; parameters?: unknown; errors?: unknown };
	if (typeof b.message !== 'string') return JSON.stringify(body ?? null).slice(0, 300);
	const params = b.parameters;
	let text = b.message.replace(/%(\w+)/g, (whole, key: string) => {
		if (Array.isArray(params)) {
			const value = params[Number(key) - 1];
			return value === undefined ? whole : String(value);
		}
		if (params && typeof params === 'object' && key in params) {
			return String((params as IDataObject)[key]);
		}
		return whole;
	});
	if (Array.isArray(b.errors) && b.errors.length) {
		text += `: ${b.errors.map((e) => magentoErrorMessage(e)).join('; ')}`;
	}
	return text;
}

/** One REST call; any answer (2xx or not) comes back with its status. */
export async function magentoSend(
	this: IExecuteFunctions,
	call: MagentoCall,
): Promise<MagentoReply> {
	const credentials = await this.getCredentials(MAGENTO_CREDENTIAL, call.itemIndex);
	const host = String(credentials.host ?? '').replace(/\/+$/, '');
	const store = String(credentials.storeCode ?? '').trim() || 'default';
	const response = (await this.helpers.httpRequestWithAuthentication.call(
		this,
		MAGENTO_CREDENTIAL,
		{
			method: call.method,
			url: `${host}/rest/${encodeURIComponent(store)}/V1${call.path}`,
			headers: { Accept: 'application/json' },
			...(call.body !== undefined ? { body: call.body } : {}),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		},
	)) as { statusCode?: number; status?: number; body?: unknown };
	let body = response.body;
	if (typeof body === 'string' && body.trim() !== '') {
		try {
			body = JSON.parse(body);
		} catch {
			// Magento answered text: kept as it is.
		}
	}
	return { status: Number(response.statusCode ?? response.status ?? 0), body };
}

/** The NodeApiError of a failed call: the step, method, path, status and Magento's message. */
export function magentoError(
	this: IExecuteFunctions,
	call: MagentoCall,
	reply: MagentoReply,
	extra = '',
): NodeApiError {
	const path = call.path.split('?')[0];
	const step = call.step ? `${call.step}: ` : '';
	const message =
		`Magento ${step}${call.method} /V1${path} answered ${reply.status}: ` +
		magentoErrorMessage(reply.body);
	return new NodeApiError(this.getNode(), { status: reply.status, path } as JsonObject, {
		message,
		description:
			extra || (reply.status === 401 ? 'Check the access token of the credential.' : undefined),
		httpCode: String(reply.status),
		itemIndex: call.itemIndex,
	});
}

/** One REST call that must succeed (2xx): its body, or a NodeApiError. */
export async function magentoRequest(this: IExecuteFunctions, call: MagentoCall): Promise<unknown> {
	const reply = await magentoSend.call(this, call);
	if (reply.status < 200 || reply.status >= 300) throw magentoError.call(this, call, reply);
	return reply.body;
}
