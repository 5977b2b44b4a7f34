/**
 * The N1 loop of a party (N1, and N3 / N4 when the party has an address), as the 856 and the 810
 * write it: N1 entity code, name, `92` (code assigned by the buyer: Amazon's fulfilment centre and
 * vendor codes) and the party id. Element widths are X12 4010/5010's (N102 1-60, N301 1-55, N401
 * 2-30, N402 2, N403 3-15, N404 2-3). Pure: no n8n imports.
 */
import type { SegmentInput } from '../../x12';
import { objectAt, optionalText, text } from './common';

export interface EdiParty {
	partyId?: unknown;
	address?: unknown;
}

/** N1, N3, N4 of a party; `path` names the party in the input (`invoice.remitToParty`). */
export function partySegments(entity: string, party: EdiParty, path: string): SegmentInput[] {
	const id = text(party.partyId, `${path}.partyId`, 80, 2);
	if (party.address === undefined) return [['N1', entity, undefined, '92', id]];
	const at = `${path}.address`;
	const a = objectAt(party.address, at);
	const out: SegmentInput[] = [['N1', entity, text(a.name, `${at}.name`, 60), '92', id]];
	out.push([
		'N3',
		text(a.addressLine1, `${at}.addressLine1`, 55),
		optionalText(a.addressLine2, `${at}.addressLine2`, 55),
	]);
	const postal = a.postalCode ?? a.postalOrZipCode;
	const postalPath = a.postalCode !== undefined ? `${at}.postalCode` : `${at}.postalOrZipCode`;
	const state = optionalText(a.stateOrRegion, `${at}.stateOrRegion`, 2);
	out.push([
		'N4',
		optionalText(a.city, `${at}.city`, 30),
		state,
		optionalText(postal, postalPath, 15),
		text(a.countryCode, `${at}.countryCode`, 3, 2).toUpperCase(),
	]);
	return out;
}
