import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions/operation';
import * as getSalable from './getSalable.operation';

export { getSalable };

export const description: INodeProperties[] = [
	operationField(
		'stock',
		[
			{
				name: 'Get Salable Quantity',
				value: 'getSalable',
				action: 'Get the salable quantity of products',
				description: 'Read the MSI salable quantity of SKUs, minus a buffer',
			},
		],
		'getSalable',
	),
	...getSalable.description,
];
