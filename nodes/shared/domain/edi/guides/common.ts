/**
 * What the Amazon guides share: the day they were read, the product id qualifiers, and the ST / SE
 * pair. Pure data: no n8n imports.
 */
import type { X12LoopRule, X12SegmentRule } from '../../x12/guideTypes';
import { loop, segment } from './dictionary';

/** The day the guides were read. */
export const RETRIEVED = '2026-12-07';

/** The ST / SE pair of a set: ST01 is the set's id. */
export function envelope(setId: string, version = '004010'): [X12SegmentRule, X12SegmentRule] {
	return [segment('ST', 'M', 1, { codes: { ST01: [setId] }, version }), segment('SE', 'M', 1)];
}

/** The element refs `first`, `first + 2`... of `count` qualifier / id pairs (`PO106`, `PO108`...). */
export function qualifierRefs(id: string, first: number, count: number): string[] {
	const refs: string[] = [];
	for (let i = 0; i < count; i++) refs.push(`${id}${String(first + 2 * i).padStart(2, '0')}`);
	return refs;
}

/** The same codes for several refs. */
export function sameCodes(
	refs: readonly string[],
	codes: readonly string[],
): Record<string, readonly string[]> {
	return Object.fromEntries(refs.map((ref) => [ref, codes]));
}

/** An N1 loop with the address segments X12 4010 places in it (N2, N3, N4), all optional. */
export function partyLoop(id = 'N1', lead: X12SegmentRule = segment('N1', 'M', 1)): X12LoopRule {
	return loop(id, 'O', 200, [
		lead,
		segment('N2', 'O', 2),
		segment('N3', 'O', 2),
		segment('N4', 'O', 1),
	]);
}
