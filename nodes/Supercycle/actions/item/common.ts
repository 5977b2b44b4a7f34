import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { numericId } from '../params';

/** Shown for the item operations given. */
export const show = (operation: string[]) => ({ show: { resource: ['item'], operation } });

export const VISIBILITY_OPTIONS = [
	{ name: 'Available', value: 'available', description: 'Can be rented or sold' },
	{ name: 'Retired', value: 'retired', description: 'Taken out of circulation for good' },
	{ name: 'Sold', value: 'sold', description: 'Sold to a customer' },
	{
		name: 'Unavailable',
		value: 'unavailable',
		description: 'Kept back, e.g. in repair or cleaning',
	},
];

/** Item ID (Get, Update). */
export const itemIdField: INodeProperties = {
	displayName: 'Item ID',
	name: 'itemId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '12345',
	displayOptions: show(['get', 'update']),
	description: 'Numeric Supercycle ID of the item (not its serial or sequential number)',
};

export function itemPath(context: IExecuteFunctions, itemIndex: number): string {
	const id = numericId.call(
		context,
		context.getNodeParameter('itemId', itemIndex),
		'Item ID',
		itemIndex,
	);
	return `/items/${id}`;
}
