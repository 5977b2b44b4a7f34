/**
 * Parameters and results shared by the operations of the Shopify (Vendor Central) node: required
 * texts, JSON parameters, the optional result field, and Shopify's answer errors as NodeApiErrors
 * that name the item.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ShopifyAnswerError, type GraphqlRequest } from '../../shared/domain/platforms/shopify';
import { asNodeError } from '../../shared/transport/errors';
import { shopifyGraphql } from '../transport';

/** displayOptions for the resource's operations given. */
export const showFor = (resource: string, operation: string[]) => ({
	show: { resource: [resource], operation },
});

/** A string parameter shown for the operations given. */
export function stringField(
	resource: string,
	operation: string[],
	field: Omit<INodeProperties, 'type' | 'displayOptions' | 'default'> & { default?: string },
): INodeProperties {
	return { default: '', ...field, type: 'string', displayOptions: showFor(resource, operation) };
}

/** The metafield namespace (the same in every Shopify template). */
export const namespaceField = (resource: string, operation: string[]): INodeProperties =>
	stringField(resource, operation, {
		displayName: 'Metafield Namespace',
		name: 'namespace',
		default: 'amazon',
		description:
			'Namespace of the metafields po_number, po_snapshot, asn_ids, shipped_lines, invoice_numbers',
	});

/** The tag every Amazon order carries. */
export const orderTagField = (resource: string, operation: string[]): INodeProperties =>
	stringField(resource, operation, {
		displayName: 'Order Tag',
		name: 'orderTag',
		default: 'amazon-vc',
		description: 'Tag of the Shopify orders of Amazon purchase orders',
	});

/** Where the result goes: alone (default) or into a field of the input item. */
export const resultFieldField = (resource: string, operation: string[]): INodeProperties =>
	stringField(resource, operation, {
		displayName: 'Put Result in Field',
		name: 'resultField',
		description:
			'Name of a field to add the result to, keeping the input item; empty: the result alone',
	});

/** A required text parameter, trimmed; an empty one names the field. */
export function requiredText(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!text)
		throw new NodeOperationError(context.getNode(), `${label} is empty`, {
			itemIndex,
			description: `Set the parameter ${label} (item ${itemIndex}).`,
		});
	return text;
}

/** A JSON parameter: an object or list as given, or a JSON text parsed. */
export function jsonParameter(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	const value = context.getNodeParameter(name, itemIndex, fallback ?? '') as unknown;
	if (typeof value !== 'string') return value;
	if (value.trim() === '') {
		if (fallback !== undefined) return fallback;
		throw new NodeOperationError(context.getNode(), `${label} is empty`, { itemIndex });
	}
	try {
		return JSON.parse(value) as unknown;
	} catch {
		throw new NodeOperationError(context.getNode(), `${label} is not valid JSON`, {
			itemIndex,
			description: `Item ${itemIndex}, field ${label}.`,
		});
	}
}

/** The result as the output item: alone, or in the result field of the input item. */
export function output(
	context: IExecuteFunctions,
	itemIndex: number,
	result: IDataObject,
): IDataObject {
	const field = String(context.getNodeParameter('resultField', itemIndex, '') ?? '').trim();
	if (!field) return result;
	return { ...context.getInputData()[itemIndex].json, [field]: result };
}

/** Runs a step; Shopify's answer errors become NodeApiErrors naming the item and Shopify's messages. */
export async function shopifyStep<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	step: () => Promise<T>,
): Promise<T> {
	try {
		return await step();
	} catch (error) {
		if (!(error instanceof ShopifyAnswerError))
			throw asNodeError(context.getNode(), error, itemIndex);
		const response: JsonObject = { problems: error.problems };
		throw new NodeApiError(context.getNode(), response, {
			message: error.message,
			description: `Item ${itemIndex}. Shopify said: ${error.problems.join('; ')}`,
			itemIndex,
		});
	}
}

/** One GraphQL call for the item. */
export async function gql(context: IExecuteFunctions, request: GraphqlRequest, itemIndex: number) {
	return await shopifyGraphql(context, request, itemIndex);
}
