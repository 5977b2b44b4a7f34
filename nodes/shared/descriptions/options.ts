import type { INodeProperties } from 'n8n-workflow';

/** The Options collection of a node, holding the given fields (in alphabetical order). */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
