/** Fields of the "Get Many" operations of the resource nodes (Amazon Vendor Central, Supercycle). */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** The Resource selector of a node. */
export function resourceField(
	options: Array<{ name: string; value: string; description?: string }>,
	defaultResource: string,
): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options,
		default: defaultResource,
	};
}

/** Return All and Limit, shown for the resource's operations given. */
export function returnAllFields(resource: string, operation: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			displayOptions: { show: { resource: [resource], operation } },
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { resource: [resource], operation, returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

/** A Filters collection (named `name`) shown where `displayOptions` says. */
export function filtersCollection(
	name: string,
	displayOptions: { show: IDataObject },
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Filters',
		name,
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: displayOptions as INodeProperties['displayOptions'],
		options,
	};
}

/** Sort Order (ascending first), with an optional description. */
export function sortOrderField(description?: string): INodeProperties {
	return {
		displayName: 'Sort Order',
		name: 'sortOrder',
		type: 'options',
		options: [
			{ name: 'Ascending', value: 'ASC' },
			{ name: 'Descending', value: 'DESC' },
		],
		default: 'ASC',
		...(description ? { description } : {}),
	};
}
