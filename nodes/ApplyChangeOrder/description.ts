import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	DEFAULT_IN_FULFILMENT_STATUSES,
	DEFAULT_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS,
} from '../shared/domain/changeOrder';
import {
	backorderDelayField,
	netCostField,
	scheduledDateFields,
	vendorCodeField,
} from '../shared/descriptions/acknowledgement';
import {
	mappingSourceField,
	mappingTableField,
	matchFirstField,
	priceToleranceFields,
} from '../shared/descriptions/mapping';
import { optionsCollection } from '../shared/descriptions/options';
import { waitFieldsShownWhen } from '../shared/descriptions/wait';

export const applyChangeOrderInputs: INodeTypeDescription['inputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Changed POs', required: true },
	{ type: NodeConnectionTypes.Main, displayName: 'Mapping Rows' },
];

export const applyChangeOrderOutputs: INodeTypeDescription['outputs'] = [
	{ type: NodeConnectionTypes.Main, displayName: 'Apply' },
	{ type: NodeConnectionTypes.Main, displayName: 'Blocked' },
	{ type: NodeConnectionTypes.Main, displayName: 'No Change' },
];

export const applyChangeOrderProperties: INodeProperties[] = [
	{
		displayName:
			'Compares the changed purchase order with the version the workflow kept. <b>Apply</b>: the edit plan for the ' +
			'platform order and the re-acknowledgement of the changed lines. <b>Blocked</b>: the platform order is ' +
			'already being fulfilled (or the change cannot be applied safely); nothing is applied or sent. <b>No ' +
			'Change</b>: Amazon re-sent the same purchase order.',
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
			"Path of the changed purchase order in each item. Empty: the item itself, as the PO trigger's Changed event " +
			'emits it. Trigger, Amazon or normalised shape.',
	},
	{
		displayName: 'Previous Purchase Order Field',
		name: 'previousPurchaseOrderField',
		type: 'string',
		default: 'previousPurchaseOrder',
		description:
			'Path of the version of the purchase order the workflow kept (from an order metafield, a Data Table row...). ' +
			'Trigger, Amazon or normalised shape; a JSON string is parsed.',
	},
	{
		displayName: 'Platform Order Field',
		name: 'platformOrderField',
		type: 'string',
		default: 'platformOrder',
		description:
			"Path of the platform order's current state, quantities in eaches: {status (or statuses), hasShipments, name, " +
			"lines: [{sku, ordered, fulfilled, inProgress, lineItemId, variantId}]} and the order's Shopify gid or " +
			'Magento entity number',
	},
	{
		displayName: 'Previous Acknowledgement Field',
		name: 'previousAcknowledgementField',
		type: 'string',
		default: 'previousAcknowledgement',
		description:
			'Path of the acknowledgement last sent for this purchase order (the acknowledgement of Acknowledge PO, or a ' +
			'kept acknowledgementToKeep). Optional but recommended: without it, mapped lines are taken as accepted in ' +
			'full.',
	},
	{
		displayName: 'In-Fulfilment Statuses',
		name: 'inFulfilmentStatuses',
		type: 'string',
		default: DEFAULT_IN_FULFILMENT_STATUSES.join(', '),
		description:
			'Platform order statuses that mean it is being fulfilled, comma-separated, not case-sensitive. A change to ' +
			"such an order is Blocked. Defaults: Shopify's IN_PROGRESS, PARTIALLY_FULFILLED, FULFILLED, ON_HOLD and " +
			"Magento's complete.",
	},
	{
		displayName: 'In-Fulfilment Statuses With Shipments',
		name: 'inFulfilmentStatusesWithShipments',
		type: 'string',
		default: DEFAULT_IN_FULFILMENT_STATUSES_WITH_SHIPMENTS.join(', '),
		description:
			'Statuses that mean "in fulfilment" only when the platform order has shipments (hasShipments). Default: ' +
			"Magento's processing.",
	},
	mappingSourceField({ first: 'input', variantId: true }),
	mappingTableField({ variantId: true }),
	matchFirstField,
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
					'Also shopifyOrderEdit: the orderEditBegin, orderEditSetQuantity / orderEditAddVariant and orderEditCommit ' +
					'calls, ready to send',
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
			'Whether to send the re-acknowledgement to Amazon for items on Apply (never for Blocked ones). Off: Apply ' +
			'carries it for another node to send.',
	},
	...waitFieldsShownWhen({ submitReacknowledgement: [true] }),
	optionsCollection([
		backorderDelayField,
		{
			displayName: 'Block on Mapping Exceptions',
			name: 'blockOnMappingExceptions',
			type: 'boolean',
			default: true,
			description:
				'Whether a changed or added line the mapping cannot trust (unmapped, case pack, price, discontinued) blocks ' +
				'the change; otherwise it is re-acknowledged Rejected',
		},
		netCostField('agreedCost'),
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
		...priceToleranceFields(
			'Allowed difference between the PO net cost and the expected unit cost of the mapping',
		),
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
		...scheduledDateFields,
		{
			displayName: 'Send Late Re-Acknowledgements',
			name: 'sendLate',
			type: 'boolean',
			default: false,
			description:
				"Whether to still send a re-acknowledgement more than 48 hours after Amazon's change; otherwise such a " +
				'change goes to Blocked unsent',
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
				'Path of {sku: variant ID} in each item, for SKUs Amazon adds that are not on the order yet (overrides the ' +
				"mapping's variantId)",
		},
		vendorCodeField,
	]),
];
