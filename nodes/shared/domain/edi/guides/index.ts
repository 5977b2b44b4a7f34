/**
 * The implementation guides as data (guideTypes.ts shape): Amazon retail 850, 860, 855, 856, 810, 846
 * and 820, and the 997. README.md in this folder lists each guide's source and coverage.
 * Pure: no n8n imports.
 */
import type { X12TransactionGuide } from '../../x12/guideTypes';
import { AMAZON_810 } from './amazon810';
import { AMAZON_820 } from './amazon820';
import { AMAZON_846 } from './amazon846';
import { AMAZON_850 } from './amazon850';
import { AMAZON_855 } from './amazon855';
import { AMAZON_856 } from './amazon856';
import { AMAZON_860 } from './amazon860';
import { X12_997 } from './x12997';

export {
	AMAZON_810,
	AMAZON_820,
	AMAZON_846,
	AMAZON_850,
	AMAZON_855,
	AMAZON_856,
	AMAZON_860,
	X12_997,
};
export { PRODUCT_QUALIFIERS_855 } from './amazon855';

/** Every guide, one per transaction set. */
export const GUIDES: readonly X12TransactionGuide[] = [
	AMAZON_850,
	AMAZON_860,
	AMAZON_855,
	AMAZON_856,
	AMAZON_810,
	AMAZON_846,
	AMAZON_820,
	X12_997,
];

/**
 * The guide of a transaction set (ST01, `856`), or undefined when there is none. With `version`
 * (GS08, `004010`), only a guide of that version: a set of another version has no guide here.
 */
export function guideFor(
	transactionSetId: string,
	version?: string,
): X12TransactionGuide | undefined {
	return GUIDES.find(
		(g) =>
			g.transactionSet === transactionSetId && (version === undefined || g.version === version),
	);
}
