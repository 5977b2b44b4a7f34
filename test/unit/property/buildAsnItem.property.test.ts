/**
 * Build ASN's domain step (prepareAsn) and its memory: valid items give an ASN with every line and
 * one valid, distinct SSCC per carton; corrupted items and hostile arguments give an Exceptions
 * entry or a named error, never an engine error.
 */
import fc from 'fast-check';
import { prepareAsn } from '../../../nodes/BuildAsn/asnItem';
import {
	keepInRun,
	memoryToStore,
	remember,
	startRun,
	usedSsccs,
	type KeptAsn,
} from '../../../nodes/BuildAsn/asnMemory';
import { parseCarrierTable } from '../../../nodes/shared/domain/asn';
import { isValidSscc18 } from '../../../nodes/shared/domain/asn';
import type { Json } from '../../../nodes/shared/domain/values';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';
import { NOW, PO_NUMBER, asnItem, asnOptions, lines } from './buildingNodes.fixtures';

const run = {
	region: 'NA' as const,
	carriers: parseCarrierTable([{ name: 'UPS Freight', scac: 'UPGF' }]),
};

describe('prepareAsn (property)', () => {
	it('a valid shipment gives an ASN with every line shipped and one distinct SSCC per carton', () => {
		fc.assert(
			fc.property(lines, (ls) => {
				const state = startRun({}, NOW);
				const outcome = prepareAsn(asnItem(ls), asnOptions, run, state, NOW);
				if (outcome.output !== 'send') throw new Error(JSON.stringify(outcome.json));
				expect(outcome.shippedLines.map((l) => [l.itemSequenceNumber, l.shippedQuantity])).toEqual(
					ls.map((l, k) => [String(k + 1), l.shipped]),
				);
				expect(new Set(outcome.ssccs).size).toBe(ls.length);
				expect(outcome.ssccs.every(isValidSscc18)).toBe(true);
				expect(outcome.built.purchaseOrderNumbers).toEqual([PO_NUMBER]);
				expect(outcome.built.submittedAt).toBe('2026-03-10T12:00:00Z');
				// Nothing is kept before the node has sent or dry-run it.
				expect([state.ssccs.size, state.shipmentIds.size, state.remembered]).toEqual([0, 0, false]);
			}),
			{ numRuns: 100 },
		);
	});

	it('what a run kept is refused to the next shipment of the run', () => {
		fc.assert(
			fc.property(lines, (ls) => {
				const state = startRun({}, NOW);
				const first = prepareAsn(asnItem(ls), asnOptions, run, state, NOW);
				if (first.output !== 'send') throw new Error('not built');
				keepInRun(state, first);
				const again = prepareAsn(asnItem(ls), asnOptions, run, state, NOW);
				expect(again.output).toBe('exception');
			}),
			{ numRuns: 50 },
		);
	});

	it('a corrupted item gives an ASN, an Exceptions entry or a named error', () => {
		fc.assert(
			fc.property(lines, fc.nat(), hostileValue, (ls, pick, bad) => {
				const item = corruptAt(asnItem(ls), pick, bad) as Json;
				const outcome = resultOrNamedError(() =>
					prepareAsn(item, asnOptions, run, startRun({}, NOW), NOW),
				);
				if (outcome.ok && (outcome.value as { output: string }).output === 'send') {
					const sent = outcome.value as KeptAsn;
					for (const l of sent.shippedLines)
						expect(Number.isSafeInteger(l.shippedQuantity) && l.shippedQuantity > 0).toBe(true);
					expect(sent.ssccs.every(isValidSscc18)).toBe(true);
				}
			}),
			{ numRuns: 300 },
		);
	});

	it('a wholly hostile item or static data gives an Exceptions entry or a named error', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, (item, staticData) => {
				const json = (item !== null && typeof item === 'object' ? item : { item }) as Json;
				const data = (
					staticData !== null && typeof staticData === 'object' ? staticData : {}
				) as Json;
				resultOrNamedError(() => prepareAsn(json, asnOptions, run, startRun(data, NOW), NOW));
			}),
			{ numRuns: 200 },
		);
	});
});

describe('Build ASN memory (property)', () => {
	it('remembers what was sent, within its bounds, and refuses those SSCCs again', () => {
		fc.assert(
			fc.property(lines, fc.integer({ min: 0, max: 400 }), (ls, daysLater) => {
				const state = startRun({}, NOW);
				const sent = prepareAsn(asnItem(ls), asnOptions, run, state, NOW);
				if (sent.output !== 'send') throw new Error('not built');
				remember(state, sent, NOW);
				const later = NOW + daysLater * 86_400_000;
				const stored = memoryToStore(state.memory, later);
				const next = startRun(stored as unknown as Json, later);
				const kept = daysLater <= 365;
				expect(usedSsccs(next, []).length).toBe(kept ? ls.length : 0);
				expect(Object.keys(next.memory.shipments)).toEqual(kept ? ['SHIP-1'] : []);
				// The confirmation itself is kept 8 days (a Replace is possible for 7).
				expect(next.memory.shipments['SHIP-1']?.confirmation !== undefined).toBe(daysLater <= 8);
			}),
			{ numRuns: 100 },
		);
	});
});
