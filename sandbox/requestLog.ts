/**
 * Every call the simulated services received (the control API under /__sandbox/ is not logged),
 * so tests can count calls and check their pacing.
 */

export interface RequestLogEntry {
	/** 1, 2, 3… in arrival order. */
	seq: number;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	status: number;
	/** Arrival time on the sandbox clock (ISO-8601). */
	time: string;
	/** Arrival time on the real clock (epoch milliseconds), for pacing checks. */
	receivedAtMs: number;
	/** Real time spent answering, including injected latency. */
	durationMs: number;
	service?: string;
	operation?: string;
	requestId?: string;
	/** The request body: parsed JSON, form fields, or text. Absent for bodiless requests. */
	body?: unknown;
}

export interface RequestFilter {
	service?: string;
	operation?: string;
	method?: string;
	path?: string;
	/** Only entries with seq greater than this. */
	afterSeq?: number;
}

export class RequestLog {
	private entries: RequestLogEntry[] = [];

	private seq = 0;

	add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
		const full = { seq: ++this.seq, ...entry };
		this.entries.push(full);
		return full;
	}

	list(filter: RequestFilter = {}): RequestLogEntry[] {
		return this.entries.filter(
			(e) =>
				(filter.service === undefined || e.service === filter.service) &&
				(filter.operation === undefined ||
					(e.operation ?? '').toLowerCase() === filter.operation.toLowerCase()) &&
				(filter.method === undefined || e.method === filter.method.toUpperCase()) &&
				(filter.path === undefined || e.path === filter.path) &&
				(filter.afterSeq === undefined || e.seq > filter.afterSeq),
		);
	}

	clear(): void {
		this.entries = [];
	}
}
