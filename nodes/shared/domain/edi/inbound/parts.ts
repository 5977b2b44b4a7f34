/**
 * Parts that the 850 and the 860 share, read into the shape of Amazon's SP-API `Order` (vendorOrders
 * model) so that the SP-API normaliser (purchaseOrder/index.ts) makes the canonical purchase order:
 * the delivery and ship windows from DTM, the parties from the N1 loop, the product identifiers of a
 * line, and the envelope that an 855 must answer to. Pure: no n8n imports.
 *
 * - DTM: `064` Do Not Deliver Before and `063` Do Not Deliver After (Amazon's retail 850, Stedi's
 *   guide) make the delivery window; `037` Ship Not Before and `038` Ship No Later the ship window.
 *   DTM02 is the date, DTM03 the time (HHMM[SS]; midnight when absent), DTM04 the time code: absent,
 *   `UT` or `GM` is UTC; `ES`/`ED`, `CS`/`CD`, `MS`/`MD`, `PS`/`PD` (US standard and daylight time)
 *   are fixed offsets; any other code is an error (AK403 `7`), since the instant would be a guess.
 *   Written `start--end` as Amazon writes its windows; one end alone is used for both ends.
 * - N1 (N101): `ST` ship-to (N104 = the fulfilment centre code), `BY` buying party, `BT` bill-to,
 *   `SE`, `SU` or `VN` selling party (the vendor); N104 is the partyId. N2 adds to the name, N3 and
 *   N4 make the address (name N102, lines N301/N302, city N401, state N402, postal code N403,
 *   country N404).
 * - Product identifiers (PO106/PO107, PO108/PO109... or POC08/POC09...): `BP` (buyer's part number)
 *   is the ASIN; the vendor's identifier is the first of `VN`, `VP`, `SK`, `EN`, `UP`, `UK`, `IB`,
 *   `UA` (vendor item, vendor part, SKU, EAN, UPC, GTIN-14, ISBN, UPC/EAN case code), in that order.
 *   The first pair is kept as `ediProduct`, the pair the 855 echoes.
 */
import type { X12Party, X12Segment } from '../../x12/types';
import { ELEMENT_CODES, SetErrors, isoDate, isoTime, valueOf } from './setErrors';

/** Where a transaction set came from: what an 855 or 997 must answer to. */
export interface EdiEnvelope {
	/** GS08 of the group: `004010`, `005010`. */
	version: string;
	/** ISA05 / ISA06. */
	sender: X12Party;
	/** ISA07 / ISA08. */
	receiver: X12Party;
	/** GS02 / GS03. */
	groupSender: string;
	groupReceiver: string;
	/** ISA13, GS06, ST02. */
	interchangeControlNumber: string;
	groupControlNumber: string;
	transactionSetControlNumber: string;
}

/** A product identifier pair of a PO1 or POC segment. */
export interface EdiProductId {
	qualifier: string;
	value: string;
}

/** The vendor-identifier qualifiers in order of preference. */
export const VENDOR_QUALIFIERS = ['VN', 'VP', 'SK', 'EN', 'UP', 'UK', 'IB', 'UA'] as const;
/** The qualifier of the ASIN. */
export const ASIN_QUALIFIER = 'BP';

/** The identifier pairs of a segment from element `first` on (qualifier, value, qualifier...). */
export function productPairs(segment: X12Segment, first: number): EdiProductId[] {
	const pairs: EdiProductId[] = [];
	for (let i = first; i + 1 < segment.elements.length; i += 2) {
		const qualifier = valueOf(segment, i);
		const value = valueOf(segment, i + 1);
		if (qualifier !== '' && value !== '') pairs.push({ qualifier, value });
	}
	return pairs;
}

/** The ASIN and the vendor's identifier of a line, from its identifier pairs. */
export function productIdentifiers(pairs: readonly EdiProductId[]): {
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
} {
	const out: { amazonProductIdentifier?: string; vendorProductIdentifier?: string } = {};
	const asin = pairs.find((p) => p.qualifier === ASIN_QUALIFIER);
	if (asin) out.amazonProductIdentifier = asin.value;
	for (const qualifier of VENDOR_QUALIFIERS) {
		const pair = pairs.find((p) => p.qualifier === qualifier);
		if (pair) {
			out.vendorProductIdentifier = pair.value;
			break;
		}
	}
	return out;
}

const TIME_ZONES: Readonly<Record<string, string>> = {
	UT: 'Z',
	GM: 'Z',
	ES: '-05:00',
	ED: '-04:00',
	CS: '-06:00',
	CD: '-05:00',
	MS: '-07:00',
	MD: '-06:00',
	PS: '-08:00',
	PD: '-07:00',
};

/** DTM02-04 as an ISO 8601 date-time, or undefined with the error recorded. */
export function dtmDateTime(errors: SetErrors, dtm: X12Segment): string | undefined {
	const date = isoDate(errors, dtm, 2, `the date of DTM ${valueOf(dtm, 1)}`);
	const time = isoTime(errors, dtm, 3);
	const code = valueOf(dtm, 4);
	const zone = code === '' ? 'Z' : TIME_ZONES[code];
	if (zone === undefined)
		return errors.element(
			dtm,
			4,
			ELEMENT_CODES.invalidCode,
			`time code "${code}" is not one of ${Object.keys(TIME_ZONES).join(', ')}`,
		);
	if (date === undefined || time === undefined) return undefined;
	return `${date}T${time || '00:00:00'}${zone}`;
}

/** The DTM qualifiers that make the windows: [start, end] of each. */
const WINDOWS = {
	deliveryWindow: ['064', '063'],
	shipWindow: ['037', '038'],
} as const;

export type WindowField = keyof typeof WINDOWS;

/** Collects the window ends of DTM segments and writes them as Amazon's `start--end` strings. */
export class Windows {
	private readonly ends: Record<string, string> = {};

	/** Reads a DTM; true when it is a window end (known qualifier). */
	read(errors: SetErrors, dtm: X12Segment): boolean {
		const qualifier = valueOf(dtm, 1);
		const known = Object.values(WINDOWS).some((pair) =>
			(pair as readonly string[]).includes(qualifier),
		);
		if (!known) return false;
		const value = dtmDateTime(errors, dtm);
		if (value !== undefined) this.ends[qualifier] = value;
		return true;
	}

	/** The windows read, as `{deliveryWindow?: 'start--end', shipWindow?: ...}`. */
	written(): Partial<Record<WindowField, string>> {
		const out: Partial<Record<WindowField, string>> = {};
		for (const field of Object.keys(WINDOWS) as WindowField[]) {
			const [startCode, endCode] = WINDOWS[field];
			const start = this.ends[startCode] ?? this.ends[endCode];
			const end = this.ends[endCode] ?? this.ends[startCode];
			if (start !== undefined && end !== undefined) out[field] = `${start}--${end}`;
		}
		return out;
	}
}

/** The SP-API party fields that N101 codes fill. */
export const PARTY_ROLES: Readonly<Record<string, PartyField>> = {
	ST: 'shipToParty',
	BY: 'buyingParty',
	BT: 'billToParty',
	SE: 'sellingParty',
	SU: 'sellingParty',
	VN: 'sellingParty',
};

export type PartyField = 'shipToParty' | 'buyingParty' | 'billToParty' | 'sellingParty';

/** A party as Amazon's model writes it: partyId and, when N3 or N4 is present, an address. */
export interface RawParty {
	partyId?: string;
	address?: Record<string, string>;
}

/** Collects the N1 loops (N1, N2, N3, N4) of a heading. */
export class Parties {
	readonly parties: Partial<Record<PartyField, RawParty>> = {};
	private current?: { party: RawParty; name: string };

	/** Reads N1/N2/N3/N4; true when the segment was one of them. */
	read(segment: X12Segment): boolean {
		if (segment.id === 'N1') {
			const field = PARTY_ROLES[valueOf(segment, 1)];
			const party: RawParty = {};
			const id = valueOf(segment, 4);
			if (id !== '') party.partyId = id;
			this.current = { party, name: valueOf(segment, 2) };
			if (field) this.parties[field] = party;
			return true;
		}
		if (!['N2', 'N3', 'N4'].includes(segment.id)) return false;
		if (this.current) this.address(segment, this.current);
		return true;
	}

	private address(segment: X12Segment, current: { party: RawParty; name: string }): void {
		const address = (current.party.address ??= {});
		const put = (key: string, value: string) => {
			if (value !== '') address[key] = value;
		};
		if (current.name !== '') address.name = current.name;
		if (segment.id === 'N2') {
			const more = [valueOf(segment, 1), valueOf(segment, 2)].filter((v) => v !== '');
			address.name = [address.name, ...more].filter((v) => v).join(' ');
		} else if (segment.id === 'N3') {
			if (address.addressLine1 === undefined) {
				put('addressLine1', valueOf(segment, 1));
				put('addressLine2', valueOf(segment, 2));
			} else put('addressLine3', valueOf(segment, 1));
		} else {
			put('city', valueOf(segment, 1));
			put('stateOrRegion', valueOf(segment, 2));
			put('postalCode', valueOf(segment, 3));
			put('countryCode', valueOf(segment, 4));
		}
	}

	/** Ends the current N1 loop (a segment outside the N1 loop came). */
	close(): void {
		this.current = undefined;
	}
}
