/** A small HTTP client for tests of the sandbox: fetch, with the body parsed as JSON when it is JSON. */

export interface Reply<T = any> {
	status: number;
	headers: Headers;
	body: T;
}

/** Calls `url`; the body is the parsed JSON, the text when it is not JSON, undefined when empty. */
export async function fetchReply<T>(url: string, init: RequestInit): Promise<Reply<T>> {
	const res = await fetch(url, init);
	const text = await res.text();
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		// keep the text
	}
	return { status: res.status, headers: res.headers, body: body as T };
}
