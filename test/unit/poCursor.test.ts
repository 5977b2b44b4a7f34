import {
	decidePoll,
	emptyState,
	planPoll,
	readState,
	type FetchedOrders,
	type PollDecision,
	type PoCursorState,
	type PoTriggerOptions,
} from '../../nodes/shared/domain/poCursor';

const H = 3_600_000;
const NOW = Date.parse('2026-11-24T12:00:00Z');
const base: PoTriggerOptions = {
	events: ['new'],
	vendorCodes: [],
	purchaseOrderTypes: [],
	shipToCodes: [],
	settleMinutes: 0,
	ackDueHours: 20,
	lookbackHours: 24,
	overlapMinutes: 120,
};

function po(
	number: string,
	created: string,
	extra: { changed?: string; state?: string; vendor?: string; shipTo?: string; type?: string } = {},
) {
	return {
		purchaseOrderNumber: number,
		purchaseOrderState: extra.state ?? 'New',
		orderDetails: {
			purchaseOrderDate: created,
			...(extra.changed ? { purchaseOrderChangedDate: extra.changed } : {}),
			purchaseOrderStateChangedDate: created,
			purchaseOrderType: extra.type ?? 'RegularOrder',
			sellingParty: { partyId: extra.vendor ?? 'VEND1' },
			shipToParty: { partyId: extra.shipTo ?? 'ABCD' },
			items: [
				{
					itemSequenceNumber: '1',
					amazonProductIdentifier: 'B0001',
					orderedQuantity: { amount: 2, unitOfMeasure: 'Eaches', unitSize: 1 },
					isBackOrderAllowed: false,
				},
			],
		},
	};
}

describe('PO trigger cursor', () => {
	it('looks back the configured period on first activation, then from the checkpoint minus the overlap', () => {
		const first = planPoll(emptyState(), NOW, { ...base, events: ['new', 'changed'] });
		expect(first.created).toEqual({
			after: '2026-11-23T12:00:00.000Z',
			before: '2026-11-24T12:00:00.000Z',
		});
		expect(first.changed).toEqual(first.created);
		const later = planPoll(
			{ ...emptyState(), createdCheckpoint: '2026-11-24T12:00:00.000Z' },
			NOW + H,
			base,
		);
		expect(later.created).toEqual({
			after: '2026-11-24T10:00:00.000Z',
			before: '2026-11-24T13:00:00.000Z',
		});
		expect(later.changed).toBeUndefined();
	});

	it('emits each new purchase order once across overlapping polls, oldest first, normalised with the raw object', () => {
		const plan = planPoll(emptyState(), NOW, base);
		const orders = [po('PO2', '2026-11-24T09:00:00Z'), po('PO1', '2026-11-24T08:00:00Z')];
		const first = decidePoll(emptyState(), plan, { created: orders }, NOW, base);
		expect(first.events.map((e) => [e.event, e.eventKey])).toEqual([
			['new', 'new:PO1@2026-11-24T08:00:00Z'],
			['new', 'new:PO2@2026-11-24T09:00:00Z'],
		]);
		expect(first.events[0].purchaseOrder?.items[0].orderedEaches).toBe(2);
		expect(first.events[0].raw).toBe(orders[1]);
		expect(first.nextState.createdCheckpoint).toBe('2026-11-24T12:00:00.000Z');

		// The next poll overlaps: PO2 comes again, PO3 arrived late with an older creation date.
		const plan2 = planPoll(first.nextState, NOW + H, base);
		const second = decidePoll(
			first.nextState,
			plan2,
			{ created: [po('PO2', '2026-11-24T09:00:00Z'), po('PO3', '2026-11-24T11:30:00Z')] },
			NOW + H,
			base,
		);
		expect(second.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO3']);
	});

	it('state survives a round trip through static data (JSON), and a broken object reads as empty', () => {
		const decision = decidePoll(
			emptyState(),
			planPoll(emptyState(), NOW, base),
			{ created: [po('PO1', '2026-11-24T08:00:00Z')] },
			NOW,
			base,
		);
		const restored = readState(JSON.parse(JSON.stringify(decision.nextState)));
		expect(restored).toEqual(decision.nextState);
		expect(
			decidePoll(
				restored,
				planPoll(restored, NOW + H, base),
				{ created: [po('PO1', '2026-11-24T08:00:00Z')] },
				NOW + H,
				base,
			).events,
		).toEqual([]);
		expect(readState({ emitted: 'x', createdCheckpoint: 5 })).toEqual(emptyState());
	});

	it('holds back a new purchase order until it has settled, and keeps the checkpoint before it', () => {
		const options = { ...base, settleMinutes: 30 };
		const plan = planPoll(emptyState(), NOW, options);
		const young = po('PO1', '2026-11-24T11:50:00Z');
		const old = po('PO0', '2026-11-24T10:00:00Z');
		const editedRecently = po('PO9', '2026-11-24T09:00:00Z', { changed: '2026-11-24T11:45:00Z' });
		const first = decidePoll(
			emptyState(),
			plan,
			{ created: [young, old, editedRecently] },
			NOW,
			options,
		);
		expect(first.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO0']);
		expect(first.nextState.createdCheckpoint).toBe('2026-11-24T09:00:00.000Z');

		const later = NOW + 20 * 60_000;
		const plan2 = planPoll(first.nextState, later, options);
		expect(Date.parse(plan2.created!.after)).toBeLessThanOrEqual(
			Date.parse('2026-11-24T09:00:00Z'),
		);
		const second = decidePoll(
			first.nextState,
			plan2,
			{ created: [young, old, editedRecently] },
			later,
			options,
		);
		expect(second.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO9', 'PO1']);
	});

	it('emits a change once per change date, and a new purchase order is not reported again as changed', () => {
		const options = { ...base, events: ['new', 'changed'] as PoTriggerOptions['events'] };
		const plan = planPoll(emptyState(), NOW, options);
		const changedBeforeSeen = po('PO1', '2026-11-24T08:00:00Z', {
			changed: '2026-11-24T09:00:00Z',
		});
		const acknowledgedChanged = po('PO5', '2026-11-20T08:00:00Z', {
			changed: '2026-11-24T10:00:00Z',
			state: 'Acknowledged',
		});
		const first = decidePoll(
			emptyState(),
			plan,
			{ created: [changedBeforeSeen], changed: [changedBeforeSeen, acknowledgedChanged] },
			NOW,
			options,
		);
		expect(first.events.map((e) => [e.event, e.purchaseOrderNumber, e.changeDate])).toEqual([
			['new', 'PO1', undefined],
			['changed', 'PO5', '2026-11-24T10:00:00Z'],
		]);

		const again = po('PO5', '2026-11-20T08:00:00Z', {
			changed: '2026-11-24T12:30:00Z',
			state: 'Acknowledged',
		});
		const plan2 = planPoll(first.nextState, NOW + H, options);
		const second = decidePoll(
			first.nextState,
			plan2,
			{ created: [], changed: [acknowledgedChanged, again] },
			NOW + H,
			options,
		);
		expect(second.events.map((e) => e.eventKey)).toEqual(['changed:PO5@2026-11-24T12:30:00Z']);
	});

	it('emits acknowledgement due once per purchase order still New past the threshold', () => {
		const options = {
			...base,
			events: ['acknowledgementDue'] as PoTriggerOptions['events'],
			ackDueHours: 20,
		};
		const plan = planPoll(emptyState(), NOW, options);
		expect(plan.ackDue).toEqual({
			after: '2026-11-17T12:00:00.000Z',
			before: '2026-11-23T16:00:00.000Z',
		});
		const overdue = po('PO1', '2026-11-23T15:00:00Z');
		const acknowledged = po('PO2', '2026-11-23T10:00:00Z', { state: 'Acknowledged' });
		const first = decidePoll(emptyState(), plan, { ackDue: [overdue, acknowledged] }, NOW, options);
		expect(first.events).toHaveLength(1);
		expect(first.events[0]).toMatchObject({
			event: 'acknowledgementDue',
			purchaseOrderNumber: 'PO1',
			ageHours: 21,
			eventKey: 'due:PO1@20h',
		});
		const second = decidePoll(
			first.nextState,
			planPoll(first.nextState, NOW + H, options),
			{ ackDue: [overdue] },
			NOW + H,
			options,
		);
		expect(second.events).toEqual([]);
	});

	it('filters by vendor code, purchase order type and ship-to code', () => {
		const options = {
			...base,
			vendorCodes: ['VEND1'],
			purchaseOrderTypes: ['RegularOrder'],
			shipToCodes: ['ABCD', 'EFGH'],
		};
		const orders = [
			po('PO1', '2026-11-24T08:00:00Z'),
			po('PO2', '2026-11-24T08:00:00Z', { vendor: 'OTHER' }),
			po('PO3', '2026-11-24T08:00:00Z', { type: 'RushOrder' }),
			po('PO4', '2026-11-24T08:00:00Z', { shipTo: 'ZZZZ' }),
			po('PO5', '2026-11-24T08:00:00Z', { shipTo: 'EFGH' }),
		];
		const result = decidePoll(
			emptyState(),
			planPoll(emptyState(), NOW, options),
			{ created: orders },
			NOW,
			options,
		);
		expect(result.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO1', 'PO5']);
	});

	it('skips a purchase order already Acknowledged or Closed at first sight, unless told to include it', () => {
		const plan = planPoll(emptyState(), NOW, { ...base, events: ['new', 'changed'] });
		const orders = [
			po('PO1', '2026-11-24T08:00:00Z', { state: 'Acknowledged' }),
			po('PO2', '2026-11-24T09:00:00Z'),
			po('PO3', '2026-11-24T10:00:00Z', { state: 'Closed' }),
		];
		const options = { ...base, events: ['new', 'changed'] as PoTriggerOptions['events'] };
		const first = decidePoll(emptyState(), plan, { created: orders }, NOW, options);
		expect(first.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO2']);

		// Skipped once, never offered again as new; a later change by Amazon is still a change event.
		const edited = po('PO1', '2026-11-24T08:00:00Z', {
			state: 'Acknowledged',
			changed: '2026-11-24T12:30:00Z',
		});
		const second = decidePoll(
			first.nextState,
			planPoll(first.nextState, NOW + H, options),
			{ created: [orders[0], orders[2]], changed: [edited] },
			NOW + H,
			options,
		);
		expect(second.events.map((e) => [e.event, e.purchaseOrderNumber])).toEqual([
			['changed', 'PO1'],
		]);

		const included = decidePoll(emptyState(), plan, { created: orders }, NOW, {
			...options,
			includeNotNew: true,
		});
		expect(included.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO1', 'PO2', 'PO3']);
	});

	it('emits an unreadable purchase order with its error instead of dropping it', () => {
		const broken = {
			purchaseOrderNumber: 'PO7',
			purchaseOrderState: 'New',
			orderDetails: {
				purchaseOrderDate: '2026-11-24T08:00:00Z',
				items: [{ itemSequenceNumber: '1', isBackOrderAllowed: false }],
			},
		};
		const result = decidePoll(
			emptyState(),
			planPoll(emptyState(), NOW, base),
			{ created: [broken] },
			NOW,
			base,
		);
		expect(result.events).toHaveLength(1);
		expect(result.events[0].purchaseOrder).toBeUndefined();
		expect(result.events[0].error).toContain('orderedQuantity');
		expect(result.events[0].raw).toBe(broken);
	});

	it('forgets only keys that no future window can reach', () => {
		const old = po('PO1', '2026-11-10T08:00:00Z');
		const recent = po('PO2', '2026-11-24T08:00:00Z');
		const options = { ...base, lookbackHours: 24 * 20 };
		const first = decidePoll(
			emptyState(),
			planPoll(emptyState(), NOW, options),
			{ created: [old, recent] },
			NOW,
			options,
		);
		expect(first.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO1', 'PO2']);
		// The next window starts at the checkpoint minus the overlap: PO1 (two weeks old) cannot come back.
		expect(Object.keys(first.nextState.emitted)).toEqual(['new:PO2@2026-11-24T08:00:00Z']);
		const second = decidePoll(
			first.nextState,
			planPoll(first.nextState, NOW + H, options),
			{ created: [recent] },
			NOW + H,
			options,
		);
		expect(Object.keys(second.nextState.emitted)).toEqual(['new:PO2@2026-11-24T08:00:00Z']);
		// The cap is a last resort and keeps the newest event dates.
		const capped = decidePoll(
			emptyState(),
			planPoll(emptyState(), NOW, { ...options, maxKeys: 1 }),
			{ created: [old, recent] },
			NOW,
			{ ...options, maxKeys: 1 },
		);
		expect(Object.keys(capped.nextState.emitted)).toEqual(['new:PO2@2026-11-24T08:00:00Z']);
	});
});

describe('PO trigger cursor: still new', () => {
	const M = 60_000;
	const options: PoTriggerOptions = { ...base, events: ['new', 'stillNew'], stillNewMinutes: 60 };
	/** One poll: plan, fetch (the caller's lists), decide. */
	const poll = (
		state: PoCursorState,
		at: number,
		fetched: FetchedOrders,
		opts: PoTriggerOptions = options,
	) => decidePoll(state, planPoll(state, at, opts), fetched, at, opts);
	const offers = (d: PollDecision) =>
		d.events
			.filter((e) => e.event === 'stillNew')
			.map((e) => [e.purchaseOrderNumber, e.minutesSinceFirstEmitted]);

	const po1 = po('PO1', '2026-11-24T08:00:00Z');
	const po2 = po('PO2', '2026-11-24T09:00:00Z');
	/** PO1 and PO2 emitted as new at NOW. */
	const first = () => poll(emptyState(), NOW, { created: [po1, po2], ackDue: [po1, po2] });

	it('fetches purchase orders in state New created in the last 7 days, up to now', () => {
		expect(planPoll(emptyState(), NOW, options).ackDue).toEqual({
			after: '2026-11-17T12:00:00.000Z',
			before: '2026-11-24T12:00:00.000Z',
		});
		// Only the New event: no state-New fetch and no still-new memory.
		expect(planPoll(emptyState(), NOW, base).ackDue).toBeUndefined();
		expect(poll(emptyState(), NOW, { created: [po1] }, base).nextState.stillNew).toBeUndefined();
	});

	it('remembers when each purchase order was first emitted', () => {
		const d = first();
		expect(d.events.map((e) => [e.event, e.purchaseOrderNumber])).toEqual([
			['new', 'PO1'],
			['new', 'PO2'],
		]);
		expect(d.nextState.stillNew).toEqual({
			PO1: {
				createdAt: Date.parse('2026-11-24T08:00:00Z'),
				firstEmittedAt: NOW,
				lastOfferedAt: NOW,
			},
			PO2: {
				createdAt: Date.parse('2026-11-24T09:00:00Z'),
				firstEmittedAt: NOW,
				lastOfferedAt: NOW,
			},
		});
	});

	it('does not offer a purchase order again before N minutes, offers it at N minutes in the same shape', () => {
		const state = first().nextState;
		expect(poll(state, NOW + 59 * M, { created: [], ackDue: [po1, po2] }).events).toEqual([]);
		const later = poll(state, NOW + 60 * M, { created: [], ackDue: [po1, po2] });
		expect(offers(later)).toEqual([
			['PO1', 60],
			['PO2', 60],
		]);
		const item = later.events[0];
		expect(item).toMatchObject({
			event: 'stillNew',
			eventKey: 'stillNew:PO1@2026-11-24T13:00:00Z',
			purchaseOrderNumber: 'PO1',
		});
		expect(item.purchaseOrder?.purchaseOrderNumber).toBe('PO1');
		expect(item.purchaseOrder?.items[0].orderedEaches).toBe(2);
		expect(item.raw).toBe(po1);
		expect(later.nextState.stillNew!.PO1).toEqual({
			createdAt: Date.parse('2026-11-24T08:00:00Z'),
			firstEmittedAt: NOW,
			lastOfferedAt: NOW + 60 * M,
		});
	});

	it('offers it at most once per N minutes, each offer with its own key', () => {
		let state = first().nextState;
		const keys: string[] = [];
		for (const minutes of [60, 61, 90, 119, 120, 150, 179]) {
			const d = poll(state, NOW + minutes * M, { created: [], ackDue: [po1] });
			keys.push(...d.events.map((e) => e.eventKey));
			state = d.nextState;
		}
		expect(keys).toEqual([
			'stillNew:PO1@2026-11-24T13:00:00Z',
			'stillNew:PO1@2026-11-24T14:00:00Z',
		]);
		// The next offer comes N minutes after the last one (at 120).
		expect(offers(poll(state, NOW + 180 * M, { created: [], ackDue: [po1] }))).toEqual([
			['PO1', 180],
		]);
	});

	it('stops, and forgets the purchase order, once it is no longer New', () => {
		const state = first().nextState;
		// PO2 was acknowledged: the state-New fetch no longer returns it (or returns it in another state).
		const d = poll(state, NOW + 60 * M, {
			created: [],
			ackDue: [po1, po('PO2', '2026-11-24T09:00:00Z', { state: 'Acknowledged' })],
		});
		expect(offers(d)).toEqual([['PO1', 60]]);
		expect(Object.keys(d.nextState.stillNew!)).toEqual(['PO1']);
		const e = poll(d.nextState, NOW + 120 * M, { created: [], ackDue: [] });
		expect(e.events).toEqual([]);
		expect(e.nextState.stillNew).toEqual({});
	});

	it('keeps its state bounded: nothing older than 7 days, no keys per offer, at most maxKeys purchase orders', () => {
		const old = po('PO0', '2026-11-16T12:00:00Z');
		const options20 = { ...options, lookbackHours: 24 * 10 };
		const d = poll(emptyState(), NOW, { created: [old, po1], ackDue: [old, po1] }, options20);
		expect(d.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO0', 'PO1']);
		// PO0 is older than the 7 days the state-New fetch reaches: not remembered, never offered.
		expect(Object.keys(d.nextState.stillNew!)).toEqual(['PO1']);

		// PO1 ages out after 7 days: the last offer is before, then it is forgotten.
		let state = d.nextState;
		state = poll(
			state,
			Date.parse('2026-12-01T07:00:00Z'),
			{ created: [], ackDue: [po1] },
			options20,
		).nextState;
		expect(state.stillNew!.PO1.lastOfferedAt).toBe(Date.parse('2026-12-01T07:00:00Z'));
		const aged = poll(
			state,
			Date.parse('2026-12-01T09:00:00Z'),
			{ created: [], ackDue: [po1] },
			options20,
		);
		expect(aged.events).toEqual([]);
		expect(aged.nextState.stillNew).toEqual({});

		// Offers add no keys to the emitted set.
		const offered = poll(first().nextState, NOW + 60 * M, { created: [], ackDue: [po1, po2] });
		expect(offered.events).toHaveLength(2);
		expect(offered.nextState.emitted).toEqual(first().nextState.emitted);

		// The cap keeps the newest purchase orders.
		const capped = poll(
			emptyState(),
			NOW,
			{ created: [po1, po2], ackDue: [po1, po2] },
			{ ...options, maxKeys: 1 },
		);
		expect(Object.keys(capped.nextState.stillNew!)).toEqual(['PO2']);
	});

	it('a failed poll does not move the state: the next poll from the stored state offers the same POs', () => {
		const state = first().nextState;
		const stored = structuredClone(state);
		// The poll at 60 minutes decides (and would emit), but a later fetch failed: nextState is not stored.
		const failed = poll(state, NOW + 60 * M, { created: [], ackDue: [po1, po2] });
		expect(offers(failed)).toEqual([
			['PO1', 60],
			['PO2', 60],
		]);
		expect(state).toEqual(stored);
		const retry = poll(readState(JSON.parse(JSON.stringify(stored))), NOW + 70 * M, {
			created: [],
			ackDue: [po1, po2],
		});
		expect(offers(retry)).toEqual([
			['PO1', 70],
			['PO2', 70],
		]);
	});

	it('state survives a round trip through static data, malformed entries are dropped', () => {
		const state = first().nextState;
		expect(readState(JSON.parse(JSON.stringify(state)))).toEqual(state);
		expect(
			readState({
				...state,
				stillNew: { PO1: state.stillNew!.PO1, PO9: { createdAt: 'x' }, PO8: null },
			}).stillNew,
		).toEqual({ PO1: state.stillNew!.PO1 });
	});

	it('does not offer a purchase order that the New event has not emitted yet (still settling)', () => {
		const settling = { ...options, settleMinutes: 30 };
		const young = po('PO3', '2026-11-24T11:50:00Z');
		const d = poll(emptyState(), NOW, { created: [young], ackDue: [young] }, settling);
		expect(d.events).toEqual([]);
		expect(d.nextState.stillNew).toEqual({});
		const later = poll(d.nextState, NOW + 61 * M, { created: [young], ackDue: [young] }, settling);
		expect(later.events.map((e) => [e.event, e.purchaseOrderNumber])).toEqual([['new', 'PO3']]);
	});

	it('a PO emitted before Still New was chosen is offered N minutes after the first poll that sees it', () => {
		const before = poll(emptyState(), NOW, { created: [po1] }, base).nextState;
		const adopted = poll(before, NOW + 10 * M, { created: [], ackDue: [po1] });
		expect(adopted.events).toEqual([]);
		expect(adopted.nextState.stillNew!.PO1).toMatchObject({ firstEmittedAt: NOW + 10 * M });
		expect(offers(poll(adopted.nextState, NOW + 70 * M, { created: [], ackDue: [po1] }))).toEqual([
			['PO1', 60],
		]);
	});

	it('without the New event, a PO is first emitted as still new once N minutes old, then every N minutes', () => {
		const only: PoTriggerOptions = { ...options, events: ['stillNew'] };
		const young = po('PO3', '2026-11-24T11:30:00Z');
		const d = poll(emptyState(), NOW, { ackDue: [po1, young] }, only);
		expect(offers(d)).toEqual([['PO1', 0]]);
		expect(d.events[0].eventKey).toBe('stillNew:PO1@2026-11-24T12:00:00Z');
		const e = poll(d.nextState, NOW + 30 * M, { ackDue: [po1, young] }, only);
		expect(offers(e)).toEqual([['PO3', 0]]);
		expect(offers(poll(e.nextState, NOW + 60 * M, { ackDue: [po1, young] }, only))).toEqual([
			['PO1', 60],
		]);
	});

	it('one state-New fetch serves Acknowledgement Due and Still New; each keeps its own rule', () => {
		const both: PoTriggerOptions = {
			...options,
			events: ['new', 'acknowledgementDue', 'stillNew'],
		};
		expect(planPoll(emptyState(), NOW, both).ackDue).toEqual({
			after: '2026-11-17T12:00:00.000Z',
			before: '2026-11-24T12:00:00.000Z',
		});
		const overdue = po('PO5', '2026-11-23T15:00:00Z');
		const d = poll(emptyState(), NOW, { created: [po1], ackDue: [overdue, po1] }, both);
		// PO1 (4 hours old) is new, not due; PO5 was never emitted as new here (older than the window) but is due.
		expect(d.events.map((e) => [e.event, e.purchaseOrderNumber])).toEqual([
			['new', 'PO1'],
			['acknowledgementDue', 'PO5'],
		]);
		// Both are remembered from their first emission, so both are offered an hour later.
		expect(
			offers(poll(d.nextState, NOW + 60 * M, { created: [], ackDue: [overdue, po1] }, both)),
		).toEqual([
			['PO5', 60],
			['PO1', 60],
		]);
	});
});
