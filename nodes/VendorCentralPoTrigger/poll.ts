import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { cleanQuery, windowedQueries, type Query } from '../shared/domain/orderQueries';
import {
	decidePoll,
	emptyState,
	planPoll,
	planSample,
	readState,
	type FetchedOrders,
	type PoTriggerOptions,
	type TimeWindow,
} from '../shared/domain/poCursor';
import { fetchOrders, type RawOrder } from '../shared/transport/orders';
import { eventJson } from './eventJson';
import { readOptions } from './options';

type Fetch = (
	window: TimeWindow,
	after: string,
	before: string,
	query?: Query,
) => Promise<RawOrder[]>;

const toItem = (event: Parameters<typeof eventJson>[0]): INodeExecutionData => ({
	json: eventJson(event) as IDataObject,
});

/**
 * Reads the options, then either the test event (manual mode) or the events since the cursor; the
 * cursor moves only once everything was fetched.
 */
export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const options = readOptions(this);
	// One vendor code can be filtered by Amazon; several are filtered here.
	const base = cleanQuery({
		includeDetails: true,
		limit: 100,
		sortOrder: 'ASC',
		orderingVendorCode: options.vendorCodes.length === 1 ? options.vendorCodes[0] : undefined,
	});
	const fetch: Fetch = (window, afterParam, beforeParam, query = base) =>
		fetchOrders.call(
			this,
			'getPurchaseOrders',
			windowedQueries(query, [
				{ afterParam, beforeParam, after: window.after, before: window.before },
			]),
		);
	const now = Date.now();
	if (this.getMode() === 'manual') return [[await testEvent(this, options, fetch, now)]];
	return await pollEvents(this, options, fetch, base, now);
}

/** Fetch Test Event: the most recent purchase order of the look-back period; the cursor is not touched. */
async function testEvent(
	context: IPollFunctions,
	options: PoTriggerOptions,
	fetch: Fetch,
	now: number,
): Promise<INodeExecutionData> {
	const window = planSample(now, options);
	const orders = await fetch(window, 'createdAfter', 'createdBefore');
	const sample = decidePoll(emptyState(), { created: window }, { created: orders }, now, {
		...options,
		events: ['new'],
		settleMinutes: 0,
		includeNotNew: true,
	});
	const latest = sample.events[sample.events.length - 1];
	if (!latest) {
		throw new NodeOperationError(
			context.getNode(),
			`No purchase order matching the filters was created in the last ${options.lookbackHours} hours`,
			{
				description:
					'Fetch Test Event looks back as far as the option First Look Back (Hours). Widen it, ' +
					"or check the filters and the credential's region.",
			},
		);
	}
	return toItem(latest);
}

/** The events since the cursor; everything is fetched before the cursor moves. */
async function pollEvents(
	context: IPollFunctions,
	options: PoTriggerOptions,
	fetch: Fetch,
	base: Query,
	now: number,
): Promise<INodeExecutionData[][] | null> {
	const staticData = context.getWorkflowStaticData('node');
	const state = readState(staticData.cursor);
	const plan = planPoll(state, now, options);
	// A failing call leaves the state as it was.
	const fetched: FetchedOrders = {};
	if (plan.created) fetched.created = await fetch(plan.created, 'createdAfter', 'createdBefore');
	if (plan.changed) fetched.changed = await fetch(plan.changed, 'changedAfter', 'changedBefore');
	// One state-New fetch serves both Acknowledgement Due and Still New.
	if (plan.ackDue) {
		const stateNew = { ...base, purchaseOrderState: 'New' };
		fetched.ackDue = await fetch(plan.ackDue, 'createdAfter', 'createdBefore', stateNew);
	}
	const decision = decidePoll(state, plan, fetched, now, options);
	staticData.cursor = decision.nextState as unknown as IDataObject;
	if (!decision.events.length) return null;
	return [decision.events.map(toItem)];
}
