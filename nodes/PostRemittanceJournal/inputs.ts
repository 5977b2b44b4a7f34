/** Small readers of n8n inputs and parameter values for Post Remittance Journal. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export type Source = 'csv' | 'x12820' | 'financesApi';

/**
 * Items of an optional input. n8n gives an unconnected input as missing (or, when a later input is
 * connected, as null, which getInputData refuses): both mean no items.
 */
export function optionalInput(
	context: IExecuteFunctions,
	inputIndex: number,
): INodeExecutionData[] {
	try {
		return context.getInputData(inputIndex) ?? [];
	} catch {
		return [];
	}
}

/** A parameter value as trimmed text: a number as its digits, anything else as `''`. */
export const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/** The date part `YYYY-MM-DD` of a dateTime parameter (n8n gives it without a time zone). */
export function dayOf(value: unknown): string | undefined {
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
	const raw = text(value);
	if (/^\d{4}-\d{2}-\d{2}/.test(raw)) return raw.slice(0, 10);
	const ms = Date.parse(raw);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}
