import { decidePoll, emptyState, planPoll, readState, type PoTriggerOptions } from '../../nodes/shared/domain/poCursor';

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

function po(number: string, created: string, extra: { changed?: string; state?: string; vendor?: string; shipTo?: string; type?: string } = {}) {
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
			items: [{ itemSequenceNumber: '1', amazonProductIdentifier: 'B0001', orderedQuantity: { amount: 2, unitOfMeasure: 'Eaches', unitSize: 1 }, isBackOrderAllowed: false }],
		},
	};
}

describe('PO trigger cursor', () => {
	it('looks back the configured period on first activation, then from the checkpoint minus the overlap', () => {
		const first = planPoll(emptyState(), NOW, { ...base, events: ['new', 'changed'] });
		expect(first.created).toEqual({ after: '2026-11-23T12:00:00.000Z', before: '2026-11-24T12:00:00.000Z' });
		expect(first.changed).toEqual(first.created);
		const later = planPoll({ ...emptyState(), createdCheckpoint: '2026-11-24T12:00:00.000Z' }, NOW + H, base);
		expect(later.created).toEqual({ after: '2026-11-24T10:00:00.000Z', before: '2026-11-24T13:00:00.000Z' });
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
		const second = decidePoll(first.nextState, plan2, { created: [po('PO2', '2026-11-24T09:00:00Z'), po('PO3', '2026-11-24T11:30:00Z')] }, NOW + H, base);
		expect(second.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO3']);
	});

	it('state survives a round trip through static data (JSON), and a broken object reads as empty', () => {
		const decision = decidePoll(emptyState(), planPoll(emptyState(), NOW, base), { created: [po('PO1', '2026-11-24T08:00:00Z')] }, NOW, base);
		const restored = readState(JSON.parse(JSON.stringify(decision.nextState)));
		expect(restored).toEqual(decision.nextState);
		expect(decidePoll(restored, planPoll(restored, NOW + H, base), { created: [po('PO1', '2026-11-24T08:00:00Z')] }, NOW + H, base).events).toEqual([]);
		expect(readState({ emitted: 'x', createdCheckpoint: 5 })).toEqual(emptyState());
	});

	it('holds back a new purchase order until it has settled, and keeps the checkpoint before it', () => {
		const options = { ...base, settleMinutes: 30 };
		const plan = planPoll(emptyState(), NOW, options);
		const young = po('PO1', '2026-11-24T11:50:00Z');
		const old = po('PO0', '2026-11-24T10:00:00Z');
		const editedRecently = po('PO9', '2026-11-24T09:00:00Z', { changed: '2026-11-24T11:45:00Z' });
		const first = decidePoll(emptyState(), plan, { created: [young, old, editedRecently] }, NOW, options);
		expect(first.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO0']);
		expect(first.nextState.createdCheckpoint).toBe('2026-11-24T09:00:00.000Z');

		const later = NOW + 20 * 60_000;
		const plan2 = planPoll(first.nextState, later, options);
		expect(Date.parse(plan2.created!.after)).toBeLessThanOrEqual(Date.parse('2026-11-24T09:00:00Z'));
		const second = decidePoll(first.nextState, plan2, { created: [young, old, editedRecently] }, later, options);
		expect(second.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO9', 'PO1']);
	});

	it('emits a change once per change date, and a new purchase order is not reported again as changed', () => {
		const options = { ...base, events: ['new', 'changed'] as PoTriggerOptions['events'] };
		const plan = planPoll(emptyState(), NOW, options);
		const changedBeforeSeen = po('PO1', '2026-11-24T08:00:00Z', { changed: '2026-11-24T09:00:00Z' });
		const acknowledgedChanged = po('PO5', '2026-11-20T08:00:00Z', { changed: '2026-11-24T10:00:00Z', state: 'Acknowledged' });
		const first = decidePoll(emptyState(), plan, { created: [changedBeforeSeen], changed: [changedBeforeSeen, acknowledgedChanged] }, NOW, options);
		expect(first.events.map((e) => [e.event, e.purchaseOrderNumber, e.changeDate])).toEqual([
			['new', 'PO1', undefined],
			['changed', 'PO5', '2026-11-24T10:00:00Z'],
		]);

		const again = po('PO5', '2026-11-20T08:00:00Z', { changed: '2026-11-24T12:30:00Z', state: 'Acknowledged' });
		const plan2 = planPoll(first.nextState, NOW + H, options);
		const second = decidePoll(first.nextState, plan2, { created: [], changed: [acknowledgedChanged, again] }, NOW + H, options);
		expect(second.events.map((e) => e.eventKey)).toEqual(['changed:PO5@2026-11-24T12:30:00Z']);
	});

	it('emits acknowledgement due once per purchase order still New past the threshold', () => {
		const options = { ...base, events: ['acknowledgementDue'] as PoTriggerOptions['events'], ackDueHours: 20 };
		const plan = planPoll(emptyState(), NOW, options);
		expect(plan.ackDue).toEqual({ after: '2026-11-17T12:00:00.000Z', before: '2026-11-23T16:00:00.000Z' });
		const overdue = po('PO1', '2026-11-23T15:00:00Z');
		const acknowledged = po('PO2', '2026-11-23T10:00:00Z', { state: 'Acknowledged' });
		const first = decidePoll(emptyState(), plan, { ackDue: [overdue, acknowledged] }, NOW, options);
		expect(first.events).toHaveLength(1);
		expect(first.events[0]).toMatchObject({ event: 'acknowledgementDue', purchaseOrderNumber: 'PO1', ageHours: 21, eventKey: 'due:PO1@20h' });
		const second = decidePoll(first.nextState, planPoll(first.nextState, NOW + H, options), { ackDue: [overdue] }, NOW + H, options);
		expect(second.events).toEqual([]);
	});

	it('filters by vendor code, purchase order type and ship-to code', () => {
		const options = { ...base, vendorCodes: ['VEND1'], purchaseOrderTypes: ['RegularOrder'], shipToCodes: ['ABCD', 'EFGH'] };
		const orders = [
			po('PO1', '2026-11-24T08:00:00Z'),
			po('PO2', '2026-11-24T08:00:00Z', { vendor: 'OTHER' }),
			po('PO3', '2026-11-24T08:00:00Z', { type: 'RushOrder' }),
			po('PO4', '2026-11-24T08:00:00Z', { shipTo: 'ZZZZ' }),
			po('PO5', '2026-11-24T08:00:00Z', { shipTo: 'EFGH' }),
		];
		const result = decidePoll(emptyState(), planPoll(emptyState(), NOW, options), { created: orders }, NOW, options);
		expect(result.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO1', 'PO5']);
	});

	it('emits an unreadable purchase order with its error instead of dropping it', () => {
		const broken = { purchaseOrderNumber: 'PO7', purchaseOrderState: 'New', orderDetails: { purchaseOrderDate: '2026-11-24T08:00:00Z', items: [{ itemSequenceNumber: '1', isBackOrderAllowed: false }] } };
		const result = decidePoll(emptyState(), planPoll(emptyState(), NOW, base), { created: [broken] }, NOW, base);
		expect(result.events).toHaveLength(1);
		expect(result.events[0].purchaseOrder).toBeUndefined();
		expect(result.events[0].error).toContain('orderedQuantity');
		expect(result.events[0].raw).toBe(broken);
	});

	it('forgets only keys that no future window can reach', () => {
		const old = po('PO1', '2026-11-10T08:00:00Z');
		const recent = po('PO2', '2026-11-24T08:00:00Z');
		const options = { ...base, lookbackHours: 24 * 20 };
		const first = decidePoll(emptyState(), planPoll(emptyState(), NOW, options), { created: [old, recent] }, NOW, options);
		expect(first.events.map((e) => e.purchaseOrderNumber)).toEqual(['PO1', 'PO2']);
		// The next window starts at the checkpoint minus the overlap: PO1 (two weeks old) cannot come back.
		expect(Object.keys(first.nextState.emitted)).toEqual(['new:PO2@2026-11-24T08:00:00Z']);
		const second = decidePoll(first.nextState, planPoll(first.nextState, NOW + H, options), { created: [recent] }, NOW + H, options);
		expect(Object.keys(second.nextState.emitted)).toEqual(['new:PO2@2026-11-24T08:00:00Z']);
		// The cap is a last resort and keeps the newest event dates.
		const capped = decidePoll(emptyState(), planPoll(emptyState(), NOW, { ...options, maxKeys: 1 }), { created: [old, recent] }, NOW, { ...options, maxKeys: 1 });
		expect(Object.keys(capped.nextState.emitted)).toEqual(['new:PO2@2026-11-24T08:00:00Z']);
	});
});
