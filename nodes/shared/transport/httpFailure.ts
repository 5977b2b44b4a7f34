/**
 * What an HTTP answer or a failed request looked like, whether n8n wrapped the HTTP client's error
 * (NodeApiError: status or network code in httpCode, body in context.data) or not. Used by every
 * transport so that errors are built from these facts only, never from the client's error, which
 * holds the request headers (tokens, keys).
 */

export interface RawResponse {
	statusCode?: number;
	status?: number;
	headers?: unknown;
	body?: unknown;
}

export interface FailureFacts {
	status?: number;
	/** Header names in lower case. */
	headers: Record<string, unknown>;
	body?: unknown;
	networkCode?: string;
	message: string;
}

export function lowerCaseKeys(headers: unknown): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (headers && typeof headers === 'object') {
		for (const [k, v] of Object.entries(headers as Record<string, unknown>))
			out[k.toLowerCase()] = v;
	}
	return out;
}

/** A JSON text body parsed; anything else as it came. */
export function parseBody(body: unknown): unknown {
	if (typeof body === 'string' && body.trim()) {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	return body;
}

export function failureFacts(error: unknown): FailureFacts {
	type Loose = { [key: string]: Loose } & Record<string, unknown>;
	const e = (error ?? {}) as Loose;
	const candidates = [e, e.cause, e.cause?.cause].filter(
		(c): c is Loose => !!c && typeof c === 'object',
	);
	let status: number | undefined;
	let headers: Record<string, unknown> = {};
	let body: unknown;
	let networkCode: string | undefined;
	for (const c of candidates) {
		const response = c.response as Loose | undefined;
		if (status === undefined && response && typeof response.status === 'number')
			status = response.status;
		if (status === undefined && typeof c.statusCode === 'number') status = c.statusCode;
		if (!Object.keys(headers).length && response?.headers)
			headers = lowerCaseKeys(response.headers);
		if (body === undefined && response && response.data !== undefined) body = response.data;
		if (body === undefined && response && response.body !== undefined) body = response.body;
		if (networkCode === undefined && typeof c.code === 'string' && /^[A-Z_]+$/.test(c.code))
			networkCode = c.code;
	}
	if (typeof e.httpCode === 'string') {
		if (status === undefined && /^\d{3}$/.test(e.httpCode)) status = Number(e.httpCode);
		else if (networkCode === undefined && /^[A-Z_]+$/.test(e.httpCode)) networkCode = e.httpCode;
	}
	if (body === undefined && e.context && (e.context as Loose).data !== undefined)
		body = (e.context as Loose).data;
	return {
		status,
		headers,
		body: parseBody(body),
		networkCode,
		message: String(e.message ?? 'Request failed'),
	};
}
