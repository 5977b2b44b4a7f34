import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A Supercycle or Shopify numeric id from a string or number parameter; names the field when it is not one. */
export function numericId(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): number {
	const text = typeof value === 'number' ? String(value) : String(value ?? '').trim();
	if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) === 0) {
		throw new NodeOperationError(
			this.getNode(),
			text === '' ? `${label} is empty` : `${label} must be a positive whole number, got "${text}"`,
			{ itemIndex, description: 'Supercycle and Shopify IDs are numeric.' },
		);
	}
	return Number(text);
}

/** A dateTime parameter (ISO string, Date or Luxon DateTime) as an ISO 8601 UTC string; undefined when empty. */
export function isoDate(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let ms: number;
	if (value instanceof Date) ms = value.getTime();
	else if (
		typeof value === 'object' &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
		ms = (value as { toMillis: () => number }).toMillis();
	} else ms = Date.parse(String(value).trim());
	if (!Number.isFinite(ms)) {
		throw new NodeOperationError(
			this.getNode(),
			`${label} is not a valid date-time: "${String(value)}"`,
			{ itemIndex },
		);
	}
	return new Date(ms).toISOString();
}

/** Return All, or the Limit parameter. */
export function maxResults(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	const limit = Number(this.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(
			this.getNode(),
			`Limit must be a whole number of at least 1, got ${String(limit)}`,
			{ itemIndex },
		);
	}
	return limit;
}
