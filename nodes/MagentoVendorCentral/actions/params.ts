import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The error of a bad parameter: the message, the item and the field. */
function paramError(context: IExecuteFunctions, name: string, message: string, itemIndex: number) {
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: `Item ${itemIndex}, field ${name}.`,
	});
}

/** A parameter shown for some operations of one resource. */
export function field(
	resource: string,
	operations: string[],
	property: Omit<INodeProperties, 'displayOptions'>,
): INodeProperties {
	return { ...property, displayOptions: { show: { resource: [resource], operation: operations } } };
}

/** A Magento entity id (order, customer, stock) from a number or text parameter. */
export function entityId(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'number' ? String(value) : String(value ?? '').trim();
	if (!/^\d{1,12}$/.test(text) || Number(text) === 0) {
		const message =
			text === '' ? `${label} is empty` : `${label} must be a positive whole number, got "${text}"`;
		throw paramError(this, name, message, itemIndex);
	}
	return Number(text);
}

/** A text parameter that must not be empty, trimmed. */
export function requiredText(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const text = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (text === '') {
		throw paramError(this, name, `${label} is empty`, itemIndex);
	}
	return text;
}

/** A date-time parameter (ISO text, Date or Luxon DateTime) in epoch milliseconds. */
export function instantMs(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number {
	let ms = Number.NaN;
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	if (value instanceof Date) ms = value.getTime();
	else if (value && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		ms = (value as { toMillis: () => number }).toMillis();
	} else if (typeof value === 'string' && value.trim() !== '') ms = Date.parse(value.trim());
	if (!Number.isFinite(ms)) {
		throw paramError(
			this,
			name,
			`${label} is not a valid date-time: "${String(value)}"`,
			itemIndex,
		);
	}
	return ms;
}

/** A JSON parameter: an object, or a JSON text of one. */
export function jsonObject(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): unknown {
	const value = this.getNodeParameter(name, itemIndex, {}) as unknown;
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		throw paramError(this, name, `${label} is not valid JSON`, itemIndex);
	}
}

/** A JSON parameter that may be left empty: undefined when empty, else as jsonObject reads it. */
export function optionalJsonObject(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): unknown {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return jsonObject.call(this, name, label, itemIndex);
}
