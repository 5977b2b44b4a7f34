import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { returnAllFields } from '../../../shared/descriptions/list';
import { DateRangeError } from '../../../shared/domain/dateWindows';
import { type Query } from '../../../shared/domain/orderQueries';
import {
	normalisePurchaseOrder,
	PurchaseOrderFormatError,
} from '../../../shared/domain/purchaseOrder';
import type { RawOrder } from '../../../shared/transport/orders';

/** Shown for the purchase order operations given. */
export const show = (operation: string[]) => ({ show: { resource: ['purchaseOrder'], operation } });

/** Output Shape (Get, Get Many). */
export const outputShapeField: INodeProperties = {
	displayName: 'Output Shape',
	name: 'outputShape',
	type: 'options',
	options: [
		{
			name: 'Amazon',
			value: 'amazon',
			description: "The purchase order exactly as Amazon's API returns it",
		},
		{
			name: 'Normalised',
			value: 'canonical',
			description:
				"The package's normalised purchase order (eaches, parsed windows, repaired enums) with " +
				"Amazon's object under raw",
		},
	],
	default: 'amazon',
	displayOptions: show(['get', 'getAll']),
};

/** Return All and Limit (Get Many, Get Status). */
export const limitFields = returnAllFields('purchaseOrder', ['getAll', 'getStatus']);

/** Return All, or the Limit parameter. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number);
}

/** A purchase order in the output shape chosen; one that cannot be normalised names its number. */
export function shape(
	context: IExecuteFunctions,
	order: RawOrder,
	outputShape: string,
	itemIndex: number,
): IDataObject {
	if (outputShape !== 'canonical') return order;
	try {
		return { ...(normalisePurchaseOrder(order) as unknown as IDataObject), raw: order };
	} catch (error) {
		const reason =
			error instanceof PurchaseOrderFormatError ? error.message : (error as Error).message;
		const number = order.purchaseOrderNumber ?? '(no number)';
		const message = `Purchase order ${number} cannot be normalised: ${reason}`;
		throw new NodeOperationError(context.getNode(), message, { itemIndex });
	}
}

/** The date windows of a query; a bad range is a NodeOperationError. */
export function queriesOrError(
	context: IExecuteFunctions,
	build: () => Query[],
	itemIndex: number,
): Query[] {
	try {
		return build();
	} catch (error) {
		const message =
			error instanceof DateRangeError
				? error.message
				: `Invalid date range: ${(error as Error).message}`;
		throw new NodeOperationError(context.getNode(), message, { itemIndex });
	}
}

/** An After/Before pair of filters as one date window of the query. */
export function dateWindow(filters: IDataObject, after: string, before: string) {
	return {
		afterParam: after,
		beforeParam: before,
		after: filters[after] as string,
		before: filters[before] as string,
	};
}

/** The Created After filter of Get Many and Get Status. */
export const createdAfterFilter: INodeProperties = {
	displayName: 'Created After',
	name: 'createdAfter',
	type: 'dateTime',
	default: '',
	description:
		'Purchase orders that became available after this time. Ranges longer than 7 days are split ' +
		'into 7-day windows.',
};
