/**
 * The trading partnership of the credential "Amazon EDI Trading Partner" (ISA05-08, GS02/GS03,
 * ISA15), checked once, and the test of whether an interchange read is addressed to it.
 * Pure: no n8n imports.
 */
import { InvalidInputError } from '../../inputError';
import type { X12InterchangeHeader, X12Party } from '../../x12/types';
import { shown } from '../../values';

export interface EdiPartner {
	/** ISA05 / ISA06 of what we send. */
	us: X12Party;
	/** ISA07 / ISA08 of what we send. */
	amazon: X12Party;
	/** GS02 / GS03 of what we send. */
	ourGroupCode: string;
	amazonGroupCode: string;
	usage: 'T' | 'P';
}

const PRINTABLE = /^[\x20-\x7e]+$/;

function field(data: Record<string, unknown>, name: string, min: number, max: number): string {
	const value = typeof data[name] === 'string' ? (data[name] as string).trim() : '';
	if (value.length < min || value.length > max || !PRINTABLE.test(value) || /[*>~^]/.test(value))
		throw new InvalidInputError(
			`credential field ${name} must be ${min} to ${max} printable characters without * > ~ ^ ` +
				`(got ${shown(data[name])})`,
			`credential.${name}`,
		);
	return value;
}

/** The partner of the credential's data; a missing or unusable field is an InvalidInputError. */
export function partnerOf(data: Record<string, unknown>): EdiPartner {
	const us = { qualifier: field(data, 'ourQualifier', 2, 2), id: field(data, 'ourId', 1, 15) };
	const amazon = {
		qualifier: field(data, 'amazonQualifier', 2, 2),
		id: field(data, 'amazonId', 1, 15),
	};
	const blank = (name: string) => typeof data[name] !== 'string' || !String(data[name]).trim();
	const usage = data.usage ?? 'T';
	if (usage !== 'T' && usage !== 'P')
		throw new InvalidInputError(
			`credential field usage must be T or P (got ${shown(usage)})`,
			'credential.usage',
		);
	return {
		us,
		amazon,
		ourGroupCode: blank('ourGroupCode') ? us.id : field(data, 'ourGroupCode', 2, 15),
		amazonGroupCode: blank('amazonGroupCode') ? amazon.id : field(data, 'amazonGroupCode', 2, 15),
		usage,
	};
}

const same = (a: X12Party, b: X12Party) =>
	a.qualifier.trim() === b.qualifier.trim() && a.id.trim() === b.id.trim();

/**
 * Why an interchange is not Amazon's to us (its ISA05-08 are not the partner's, or its usage is
 * not ours), or undefined when it is.
 */
export function misaddressed(
	header: X12InterchangeHeader,
	partner: EdiPartner,
): string | undefined {
	const from = `${header.sender.qualifier.trim()}/${header.sender.id.trim()}`;
	const to = `${header.receiver.qualifier.trim()}/${header.receiver.id.trim()}`;
	if (!same(header.sender, partner.amazon))
		return `it comes from ${from}, not from Amazon's ${partner.amazon.qualifier}/${partner.amazon.id}`;
	if (!same(header.receiver, partner.us))
		return `it is addressed to ${to}, not to our ${partner.us.qualifier}/${partner.us.id}`;
	if (header.usage !== partner.usage)
		return `its usage indicator is ${header.usage}, the partnership's is ${partner.usage}`;
	return undefined;
}
