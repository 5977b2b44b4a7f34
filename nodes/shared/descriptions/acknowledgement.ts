/**
 * Options of the nodes that build acknowledgements (Acknowledge PO, Apply Change Order): the fields
 * of their Options collection, and the AcknowledgementOptions they give.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { AcknowledgementOptions } from '../domain/acknowledgement';

export const backorderDelayField: INodeProperties = {
	displayName: 'Backorder Delay (Days)',
	name: 'backorderDelayDays',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 7,
	description: 'Backordered units are scheduled this many days after the accepted ones',
};

const NET_COST_CHOICES = {
	purchaseOrder: { name: 'As on the Purchase Order', value: 'purchaseOrder' },
	agreedCost: { name: 'Agreed Cost From the Mapping (Never Above the PO)', value: 'agreedCost' },
};

/** Net Cost, with its two choices in the order the node has always shown them. */
export function netCostField(first: 'purchaseOrder' | 'agreedCost'): INodeProperties {
	const second = first === 'purchaseOrder' ? 'agreedCost' : 'purchaseOrder';
	return {
		displayName: 'Net Cost',
		name: 'netCost',
		type: 'options',
		options: [NET_COST_CHOICES[first], NET_COST_CHOICES[second]],
		default: 'purchaseOrder',
	};
}

/** Scheduled Delivery Date and Scheduled Ship Date (in this order). */
export const scheduledDateFields: INodeProperties[] = [
	{
		displayName: 'Scheduled Delivery Date',
		name: 'scheduledDeliveryDate',
		type: 'dateTime',
		default: '',
		description: 'Instead of the start of the delivery window',
	},
	{
		displayName: 'Scheduled Ship Date',
		name: 'scheduledShipDate',
		type: 'dateTime',
		default: '',
		description: 'Instead of the start of the ship window',
	},
];

export const vendorCodeField: INodeProperties = {
	displayName: 'Vendor Code',
	name: 'sellingPartyId',
	type: 'string',
	default: '',
	description: 'Used only for a purchase order that names no selling party',
};

/** The acknowledgement options from a node's Options collection, dated `now`. */
export function acknowledgementOptionsOf(
	options: IDataObject,
	now: number,
): AcknowledgementOptions {
	const text = (name: string): Partial<Record<string, string>> =>
		options[name] ? { [name]: String(options[name]) } : {};
	return {
		now,
		netCost: (options.netCost as AcknowledgementOptions['netCost']) ?? 'purchaseOrder',
		backorderDelayDays: (options.backorderDelayDays as number) ?? 7,
		...text('scheduledShipDate'),
		...text('scheduledDeliveryDate'),
		...text('sellingPartyId'),
	};
}
