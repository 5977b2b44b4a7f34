import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { cleanQuery, windowedQueries } from '../shared/domain/orderQueries';
import {
	DEFAULT_STILL_NEW_MINUTES,
	decidePoll,
	emptyState,
	planPoll,
	planSample,
	readState,
	type FetchedOrders,
	type PoEvent,
	type PoTriggerEvent,
	type PoTriggerOptions,
	type TimeWindow,
} from '../shared/domain/poCursor';
import { fetchOrders } from '../shared/transport/orders';

function list(value: unknown): string[] {
	if (Array.isArray(value))
		return value
			.map(String)
			.map((s) => s.trim())
			.filter(Boolean);
	return String(value ?? '')
		.split(/[,\s]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

function toJson(event: PoTriggerEvent): IDataObject {
	const head: IDataObject = { event: event.event, eventKey: event.eventKey };
	if (event.changeDate) head.changeDate = event.changeDate;
	if (event.ageHours !== undefined) head.ageHours = event.ageHours;
	if (event.minutesSinceFirstEmitted !== undefined)
		head.minutesSinceFirstEmitted = event.minutesSinceFirstEmitted;
	if (event.purchaseOrder)
		return {
			...head,
			...(event.purchaseOrder as unknown as IDataObject),
			raw: event.raw as IDataObject,
		};
	return {
		...head,
		purchaseOrderNumber: event.purchaseOrderNumber,
		error: event.error ?? 'unreadable',
		raw: event.raw as IDataObject,
	};
}

export class VendorCentralPoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vendor Central PO Trigger',
		name: 'vendorCentralPoTrigger',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Amazon sends a new purchase order or changes one, when one still needs its acknowledgement, or when one this trigger emitted is still New',
		defaults: { name: 'Vendor Central PO Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'amazonVendorCentralApi', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Acknowledgement Due',
						value: 'acknowledgementDue',
						description:
							'A purchase order still in state New after the threshold below (Amazon expects the acknowledgement within 24 hours)',
					},
					{
						name: 'Changed Purchase Order',
						value: 'changed',
						description:
							'Amazon edited a purchase order in place (quantities, lines cancelled to 0, windows, ship-to, cost)',
					},
					{
						name: 'New Purchase Order',
						value: 'new',
						description: 'A purchase order Amazon created',
					},
					{
						name: 'Still New',
						value: 'stillNew',
						description:
							'A purchase order this trigger emitted that is still in state New after the minutes below, emitted again so that the workflow can take in one whose run failed',
					},
				],
				default: ['new'],
			},
			{
				displayName: 'Settle Delay (Minutes)',
				name: 'settleMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				displayOptions: { show: { events: ['new'] } },
				description:
					'Emit a new purchase order only once it is at least this old and unchanged for this long, so that early edits by Amazon arrive in one piece. 0 emits at once.',
			},
			{
				displayName: 'Acknowledgement Due After (Hours)',
				name: 'ackDueHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 20,
				displayOptions: { show: { events: ['acknowledgementDue'] } },
				description: 'Age of a purchase order still in state New at which it is emitted, once',
			},
			{
				displayName: 'Still New After (Minutes)',
				name: 'stillNewMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				displayOptions: { show: { events: ['stillNew'] } },
				description:
					'A purchase order still in state New this many minutes after this trigger first emitted it is emitted again, then at most once every this many minutes, until it is no longer New or is 7 days old',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Purchase Order Types',
						name: 'purchaseOrderTypes',
						type: 'multiOptions',
						options: [
							{ name: 'Consigned Order', value: 'ConsignedOrder' },
							{ name: 'New Product Introduction', value: 'NewProductIntroduction' },
							{ name: 'Regular Order', value: 'RegularOrder' },
							{ name: 'Rush Order', value: 'RushOrder' },
						],
						default: [],
					},
					{
						displayName: 'Ship-To Codes',
						name: 'shipToCodes',
						type: 'string',
						default: '',
						placeholder: 'ABCD, EFGH',
						description: 'Fulfilment centre codes (shipToParty.partyId), separated by commas',
					},
					{
						displayName: 'Vendor Codes',
						name: 'vendorCodes',
						type: 'string',
						default: '',
						placeholder: 'VEND1, VEND2',
						description:
							'Vendor codes (sellingParty.partyId), separated by commas. Empty means every code of the account.',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'First Look Back (Hours)',
						name: 'lookbackHours',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 24,
						description:
							'How far back the first poll after activation looks, and the window of Fetch Test Event',
					},
					{
						displayName: 'Window Overlap (Minutes)',
						name: 'overlapMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 120,
						description:
							'Each poll looks this far before the previous one, so that purchase orders Amazon shows late are not missed. Duplicates are never emitted.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as PoEvent[];
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const extra = this.getNodeParameter('options', {}) as IDataObject;
		if (!events.length) {
			throw new NodeOperationError(this.getNode(), 'Choose at least one event');
		}
		const options: PoTriggerOptions = {
			events,
			vendorCodes: list(filters.vendorCodes),
			purchaseOrderTypes: list(filters.purchaseOrderTypes),
			shipToCodes: list(filters.shipToCodes),
			settleMinutes: events.includes('new')
				? (this.getNodeParameter('settleMinutes', 0) as number)
				: 0,
			ackDueHours: events.includes('acknowledgementDue')
				? (this.getNodeParameter('ackDueHours', 20) as number)
				: 20,
			stillNewMinutes: events.includes('stillNew')
				? (this.getNodeParameter('stillNewMinutes', DEFAULT_STILL_NEW_MINUTES) as number)
				: DEFAULT_STILL_NEW_MINUTES,
			lookbackHours: (extra.lookbackHours as number) ?? 24,
			overlapMinutes: (extra.overlapMinutes as number) ?? 120,
		};
		// One vendor code can be filtered by Amazon; several are filtered here.
		const base = cleanQuery({
			includeDetails: true,
			limit: 100,
			sortOrder: 'ASC',
			orderingVendorCode: options.vendorCodes.length === 1 ? options.vendorCodes[0] : undefined,
		});
		const fetch = (window: TimeWindow, after: string, before: string, query = base) =>
			fetchOrders.call(
				this,
				'getPurchaseOrders',
				windowedQueries(query, [
					{ afterParam: after, beforeParam: before, after: window.after, before: window.before },
				]),
			);
		const now = Date.now();

		if (this.getMode() === 'manual') {
			// Fetch Test Event: the most recent purchase order of the look-back period; the cursor is not touched.
			const window = planSample(now, options);
			const orders = await fetch(window, 'createdAfter', 'createdBefore');
			const sample = decidePoll(emptyState(), { created: window }, { created: orders }, now, {
				...options,
				events: ['new'],
				settleMinutes: 0,
			});
			const latest = sample.events[sample.events.length - 1];
			if (!latest) {
				throw new NodeOperationError(
					this.getNode(),
					`No purchase order matching the filters was created in the last ${options.lookbackHours} hours`,
					{
						description:
							"Fetch Test Event looks back as far as the option First Look Back (Hours). Widen it, or check the filters and the credential's region.",
					},
				);
			}
			return [[{ json: toJson(latest) }]];
		}

		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData.cursor);
		const plan = planPoll(state, now, options);
		// Everything is fetched before the cursor moves: a failing call leaves the state as it was.
		const fetched: FetchedOrders = {};
		if (plan.created) fetched.created = await fetch(plan.created, 'createdAfter', 'createdBefore');
		if (plan.changed) fetched.changed = await fetch(plan.changed, 'changedAfter', 'changedBefore');
		// One state-New fetch serves both Acknowledgement Due and Still New.
		if (plan.ackDue)
			fetched.ackDue = await fetch(plan.ackDue, 'createdAfter', 'createdBefore', {
				...base,
				purchaseOrderState: 'New',
			});
		const decision = decidePoll(state, plan, fetched, now, options);
		staticData.cursor = decision.nextState as unknown as IDataObject;
		if (!decision.events.length) return null;
		return [decision.events.map((e) => ({ json: toJson(e) }))];
	}
}
