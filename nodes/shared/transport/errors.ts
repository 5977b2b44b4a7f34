import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { InvalidInputError } from '../domain/inputError';

/**
 * Errors from the transport and validation are already n8n errors; a domain InvalidInputError becomes
 * a NodeOperationError that names the item and the field; anything else is wrapped with its item.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof InvalidInputError) return inputErrorToNode(node, error, itemIndex);
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** A domain InvalidInputError as n8n shows it: the message, the item and the field path. */
export function inputErrorToNode(
	node: INode,
	error: InvalidInputError,
	itemIndex: number,
): NodeOperationError {
	const item = error.itemIndex ?? itemIndex;
	return new NodeOperationError(node, error.message, {
		itemIndex: item,
		description: `Item ${item}, field ${error.path}.`,
	});
}
