import type { INodeProperties } from 'n8n-workflow';
import { operationField } from '../../../shared/descriptions/operation';
import * as getNew from './getNew.operation';

export { getNew };

export const description: INodeProperties[] = [
	operationField(
		'shipment',
		[
			{
				name: 'Get Many Without ASN',
				value: 'getNew',
				action: 'Get the shipments of an order without an ASN',
				description: "List an order's shipments that no ASN was sent for, as Build ASN's cartons",
			},
		],
		'getNew',
	),
	...getNew.description,
];
