import type { INodeProperties } from 'n8n-workflow';
import { field } from '../params';

export const show = (operations: string[], property: Omit<INodeProperties, 'displayOptions'>) =>
	field('order', operations, property);

export const orderIdField = (operations: string[]) =>
	show(operations, {
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		required: true,
		description: "The order's entity ID (entity_id, not the increment ID shown as #000000012)",
	});

export const poNumberField = (operations: string[]) =>
	show(operations, {
		displayName: 'Purchase Order Number',
		name: 'purchaseOrderNumber',
		type: 'string',
		default: '',
		required: true,
		description: "Amazon's purchase order number, kept as the payment's PO number",
	});

export const customerIdField = (operations: string[]) =>
	show(operations, {
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		required: true,
		description: 'The Magento customer that stands for Amazon',
	});

export const createdAfterField = (operations: string[]) =>
	show(operations, {
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'Only orders created at or after this instant are searched (for example two days before the purchase order date)',
	});
