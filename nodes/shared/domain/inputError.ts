/**
 * The one named error of bad input to a domain function: code `INVALID_INPUT`, the path of the field
 * (`purchaseOrders[0].items[2].orderedQuantity.amount`), and the input item when the caller knows it.
 * The domain's own error classes (PurchaseOrderFormatError, AllocationInputError, ...) extend it, so
 * that a node can turn any of them into a NodeOperationError with the item index and the field.
 * Pure: no n8n imports.
 */
export class InvalidInputError extends Error {
	readonly code = 'INVALID_INPUT';

	constructor(
		message: string,
		/** Where the problem is; `(root)` for the argument itself. */
		readonly path: string = '(root)',
		/** The index of the input item the value came from, when known. */
		readonly itemIndex?: number,
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}

export function isInvalidInputError(error: unknown): error is InvalidInputError {
	return error instanceof InvalidInputError;
}
