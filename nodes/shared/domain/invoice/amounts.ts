/** Small exact-money helpers of the invoice steps (money.ts decimals). Pure: no n8n imports. */
import type { ItemQuantity, PartyIdentification } from '../../generated/vendorInvoices';
import { InvalidInputError } from '../inputError';
import {
	Decimal,
	minorUnits,
	multiply,
	parseDecimal,
	roundToScale,
	toDecimalString,
} from '../money';
import { shown, epochMsOf } from '../values';
import {
	OPTIONAL_ADDRESS_LINES,
	type InvoiceAddressInput,
	type InvoicePartyInput,
	type OptionalAddressLine,
} from './types';

/** A decimal string or a safe integer as a Decimal; undefined for anything else. */
export function dec(value: unknown): Decimal | undefined {
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isSafeInteger(value)))
		return undefined;
	try {
		return parseDecimal(value);
	} catch {
		return undefined;
	}
}

export const ZERO = new Decimal(BigInt(0), 0);

export function s(d: Decimal): string {
	return toDecimalString(d);
}

/** The clock as epoch ms (now when undefined). Throws InvalidInputError for an unreadable date. */
export function epoch(value: Date | string | number | undefined): number {
	if (value === undefined) return Date.now();
	const ms = epochMsOf(value);
	if (!Number.isFinite(ms))
		throw new InvalidInputError(`now is not a valid date (got ${shown(value)})`, 'now');
	return ms;
}

export function eachesOf(q: ItemQuantity | undefined): number {
	if (q === undefined) return 0;
	return q.unitOfMeasure === 'Cases' ? q.amount * (q.unitSize ?? 1) : q.amount;
}

/** Tax = base x rate / 100, rounded half up to the currency's minor units. */
export function taxOn(base: Decimal, rate: Decimal, currencyCode: string): Decimal {
	const exact = multiply(base, rate);
	// Divide by 100 exactly by moving the point, then round.
	const divided = new Decimal(exact.units, exact.scale + 2);
	return roundToScale(divided, minorUnits(currencyCode), 'halfUp');
}

export function moneyOf(
	currencyCode: string,
	amount: Decimal | string,
): { currencyCode: string; amount: string } {
	return { currencyCode, amount: typeof amount === 'string' ? amount : s(amount) };
}

type InvoiceAddress = NonNullable<PartyIdentification['address']>;

/** The address as the invoice carries it: the country code upper case, empty lines left out. */
function addressOf(a: InvoiceAddressInput): InvoiceAddress {
	const countryCode = a.countryCode.trim().toUpperCase();
	const addr: InvoiceAddress = { name: a.name, addressLine1: a.addressLine1, countryCode };
	const copy = (key: OptionalAddressLine | 'postalOrZipCode' | 'phone', value?: string) => {
		if (value !== undefined && value !== '') addr[key] = value;
	};
	for (const key of OPTIONAL_ADDRESS_LINES) copy(key, a[key]);
	copy('postalOrZipCode', a.postalOrZipCode ?? a.postalCode);
	copy('phone', a.phone);
	return addr;
}

export function partyOf(value: InvoicePartyInput): PartyIdentification {
	const out: PartyIdentification = { partyId: value.partyId.trim() };
	if (value.address) out.address = addressOf(value.address);
	if (value.taxRegistrationDetails && value.taxRegistrationDetails.length)
		out.taxRegistrationDetails = value.taxRegistrationDetails.map((t) => ({ ...t }));
	return out;
}
