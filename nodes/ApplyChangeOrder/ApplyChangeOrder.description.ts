import type { INodeProperties } from 'n8n-workflow';
import {
	DEFAULT_IN_FULFILMENT_STATUSES,
	DEFAULT_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS,
} from '../shared/domain/changeOrder';
import { waitFields } from '../shared/descriptions/submission';
import { mappingRowFields } from '../shared/descriptions/mapping';

export const applyChangeOrderProperties: INodeProperties[] = [
	{
		displayName:
			'Compares the changed purchase order with the version the workflow kept. <b>Apply</b>: the edit plan for the platform order and the re-acknowledgement of the changed lines. <b>Blocked</b>: the platform order is already being fulfilled (or the change cannot be applied safely); nothing is applied or sent. <b>No Change</b>: Amazon re-sent the same purchase order.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Changed Purchase Order Field',
		name: 'changedPurchaseOrderField',
		type: 'string',
		default: '',
		placeholder: 'e.g. changed',
		description:
			"Path of the changed purchase order in each item. Empty: the item itself, as the PO trigger's Changed event emits it. Trigger, Amazon or normalised shape.",
	},
	{
		displayName: 'Previous Purchase Order Field',
		name: 'previousPurchaseOrderField',
		type: 'string',
		default: 'previousPurchaseOrder',
		description:
			'Path of the version of the purchase order the workflow kept (from an order metafield, a Data Table row...). Trigger, Amazon or normalised shape; a JSON string is parsed.',
	},
	{
		displayName: 'Platform Order Field',
		name: 'platformOrderField',
		type: 'string',
		default: 'platformOrder',
		description:
			"Path of the platform order's current state, quantities in eaches: {status (or statuses), hasShipments, name, lines: [{sku, ordered, fulfilled, inProgress, lineItemId, variantId}]} and the order's Shopify gid or Magento entity number",
	},
	{
		displayName: 'Previous Acknowledgement Field',
		name: 'previousAcknowledgementField',
		type: 'string',
		default: 'previousAcknowledgement',
		description:
			'Path of the acknowledgement last sent for this purchase order (the acknowledgement of Acknowledge PO, or a kept acknowledgementToKeep). Optional but recommended: without it, mapped lines are taken as accepted in full.',
	},
	{
		displayName: 'In-Fulfilment Statuses',
		name: 'inFulfilmentStatuses',
		type: 'string',
		default: DEFAULT_IN_FULFILMENT_STATUSES.join(', '),
		description:
			"Platform order statuses that mean it is being fulfilled, comma-separated, not case-sensitive. A change to such an order is Blocked. Defaults: Shopify's IN_PROGRESS, PARTIALLY_FULFILLED, FULFILLED, ON_HOLD and Magento's complete.",
	},
	{
		displayName: 'In-Fulfilment Statuses With Shipments',
		name: 'inFulfilmentStatusesWithShipments',
		type: 'string',
		default: DEFAULT_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS.join(', '),
		description:
			'Statuses that mean "in fulfilment" only when the platform order has shipments (hasShipments). Default: Magento\'s processing.',
	},
	{
		displayName: 'Mapping Source',
		name: 'mappingSource',
		type: 'options',
		options: [
			{
				name: 'Second Input',
				value: 'input',
				description:
					"Items of the Mapping Rows input (from a Data Table, a sheet or the shop's products) with the fields asin, vendorProductIdentifier, sku, casePack, expectedUnitCost, discontinued, variantId",
			},
			{
				name: 'Table in This Node',
				value: 'table',
				description: 'Rows typed into the table below',
			},
		],
		default: 'table',
	},
	{
		displayName: 'Mapping',
		name: 'mapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Row',
		default: {},
		displayOptions: { show: { mappingSource: ['table'] } },
		options: [{ displayName: 'Row', name: 'rows', values: mappingRowFields({ variantId: true }) }],
	},
	{
		displayName: 'Match First By',
		name: 'matchFirst',
		type: 'options',
		options: [
			{ name: 'ASIN', value: 'asin' },
			{ name: 'Vendor Product Identifier', value: 'vendorProductIdentifier' },
		],
		default: 'asin',
		description: 'Which identifier of a PO line is looked up first; the other one is tried next',
	},
	{
		displayName: 'Edit Plan Format',
		name: 'editPlanFormat',
		type: 'options',
		options: [
			{
				name: 'Platform-Neutral',
				value: 'neutral',
				description: 'Per SKU: new quantity in eaches, removals, additions',
			},
			{
				name: 'Platform-Neutral + Shopify OrderEdit Sequence',
				value: 'neutralAndShopify',
				description:
					'Also shopifyOrderEdit: the orderEditBegin, orderEditSetQuantity / orderEditAddVariant and orderEditCommit calls, ready to send',
			},
		],
		default: 'neutral',
	},
	{
		displayName: 'Re-Acknowledge',
		name: 'reacknowledge',
		type: 'options',
		options: [
			{
				name: 'Changed and Added Lines',
				value: 'changedLines',
				description: 'Every line with accepted units when a window moved',
			},
			{ name: 'Every Line', value: 'fullOrder' },
		],
		default: 'changedLines',
		description: 'Which lines the re-acknowledgement carries',
	},
	{
		displayName: 'Submit Re-Acknowledgement',
		name: 'submitReacknowledgement',
		type: 'boolean',
		default: false,
		description:
			'Whether to send the re-acknowledgement to Amazon for items on Apply (never for Blocked ones). Off: Apply carries it for another node to send.',
	},
	...waitFields([], []).map((f) => ({
		...f,
		default: f.name === 'waitUntilFinal' ? true : f.default,
		displayOptions:
			f.name === 'waitUntilFinal'
				? { show: { submitReacknowledgement: [true] } }
				: { show: { submitReacknowledgement: [true], waitUntilFinal: [true] } },
	})),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Backorder Delay (Days)',
				name: 'backorderDelayDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 7,
				description: 'Backordered units are scheduled this many days after the accepted ones',
			},
			{
				displayName: 'Block on Mapping Exceptions',
				name: 'blockOnMappingExceptions',
				type: 'boolean',
				default: true,
				description:
					'Whether a changed or added line the mapping cannot trust (unmapped, case pack, price, discontinued) blocks the change; otherwise it is re-acknowledged Rejected',
			},
			{
				displayName: 'Net Cost',
				name: 'netCost',
				type: 'options',
				options: [
					{ name: 'Agreed Cost From the Mapping (Never Above the PO)', value: 'agreedCost' },
					{ name: 'As on the Purchase Order', value: 'purchaseOrder' },
				],
				default: 'purchaseOrder',
			},
			{
				displayName: 'Notify Customer (Shopify)',
				name: 'notifyCustomer',
				type: 'boolean',
				default: false,
				description: "Whether orderEditCommit notifies the order's customer",
			},
			{
				displayName: 'Platform Quantity',
				name: 'platformQuantity',
				type: 'options',
				options: [
					{ name: 'Accepted', value: 'accepted' },
					{ name: 'Accepted + Backordered', value: 'acceptedAndBackordered' },
				],
				default: 'accepted',
				description: 'What the platform order line must hold per SKU after the change',
			},
			{
				displayName: 'Price Tolerance',
				name: 'priceTolerance',
				type: 'string',
				default: '0',
				description:
					'Allowed difference between the PO net cost and the expected unit cost of the mapping',
			},
			{
				displayName: 'Price Tolerance Unit',
				name: 'priceToleranceMode',
				type: 'options',
				options: [
					{ name: 'Currency Amount', value: 'absolute' },
					{ name: 'Percent of Expected Cost', value: 'percent' },
				],
				default: 'absolute',
			},
			{
				displayName: 'Quantity Increases and Added Lines',
				name: 'increases',
				type: 'options',
				options: [
					{
						name: 'Accept',
						value: 'accept',
						description: 'Take the new quantity (units rejected before stay rejected)',
					},
					{
						name: 'Reject',
						value: 'reject',
						description: 'Never take more than before; added lines are rejected',
					},
				],
				default: 'accept',
			},
			{
				displayName: 'Restock Removed Units (Shopify)',
				name: 'restock',
				type: 'boolean',
				default: true,
				description: 'Whether orderEditSetQuantity restocks units taken off a line',
			},
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
			{
				displayName: 'Send Late Re-Acknowledgements',
				name: 'sendLate',
				type: 'boolean',
				default: false,
				description:
					"Whether to still send a re-acknowledgement more than 48 hours after Amazon's change; otherwise such a change goes to Blocked unsent",
			},
			{
				displayName: 'Staff Note (Shopify)',
				name: 'staffNote',
				type: 'string',
				default: '',
				placeholder: 'Amazon PO 4Z32PABC change applied by n8n',
				description:
					'Note on the order edit; default "Amazon PO &lt;number&gt; change applied by n8n"',
			},
			{
				displayName: 'Variant IDs Field (Shopify)',
				name: 'variantIdsField',
				type: 'string',
				default: 'variantIds',
				description:
					"Path of {sku: variant ID} in each item, for SKUs Amazon adds that are not on the order yet (overrides the mapping's variantId)",
			},
			{
				displayName: 'Vendor Code',
				name: 'sellingPartyId',
				type: 'string',
				default: '',
				description: 'Used only for a purchase order that names no selling party',
			},
		],
	},
];
