/**
 * The canonical purchase order: Amazon's `Order` (vendorOrders model) flattened, repaired where
 * Amazon is known to deviate from its own model, and with the case-pack arithmetic done.
 *
 * Repairs (each one is recorded in `warnings`, as `path: what was done`):
 * - enums compared case-insensitively (`CASES` -> `Cases`, `regularorder` -> `RegularOrder`) and
 *   the usual unit spellings mapped (`Each`/`EA`/`EACH`/`eaches` -> `Eaches`, `CA`/`CS`/`CASE`/`CASES`
 *   -> `Cases`, `LB` -> `POUNDS`, `KG` -> `KILOGRAMS`...);
 * - numbers sent as strings (`"10"`), booleans sent as strings (`"true"`);
 * - whitespace around identifiers (PO number, ASIN, vendor product id, item sequence number, party
 *   ids) removed. Identifiers are otherwise kept exactly (`"00001"` stays `"00001"`): Amazon wants
 *   them echoed as received;
 * - money amounts kept as plain Decimal strings, never JS numbers (parsed by money.ts; exponents
 *   written out, `"1e3"` -> `"1000"`): trimmed, leading zeros dropped (`"010.50"` -> `"10.50"`), a
 *   JSON number written as a string; anything else that does not parse (`"12,50"`) is an error;
 * - windows parsed from `start--end` (see dateInterval.ts); an unreadable window keeps `raw` only;
 * - a missing `purchaseOrderState` (Amazon's catch-all sandbox fixtures omit it) is read as `New`;
 * - an unknown value of an optional enum (`purchaseOrderType`, `paymentMethod`, import terms) is
 *   left out, a missing `isBackOrderAllowed` is read as false, and an address missing a required
 *   line gets an empty string.
 *
 * Not repairable (a PurchaseOrderFormatError naming the field path): no purchase order number, no
 * orderDetails (an order fetched with includeDetails=false), no purchaseOrderDate, no items array, an
 * item without itemSequenceNumber or orderedQuantity or quantity amount, an unknown unit of measure,
 * a `Cases` line without unitSize (its eaches cannot be computed; guessing 1 would under-ship), a
 * non-integer or negative quantity, a price that is not a decimal or has no currency, an unknown
 * price unit of measure (it changes what the price means).
 *
 * Pure: no n8n imports.
 */
import {
	DECIMAL_PATTERN,
	ImportDetailsSchema,
	ItemQuantitySchema,
	MoneySchema,
	OrderDetailsSchema,
	OrderSchema,
	TaxRegistrationDetailsSchema,
} from '../../generated/vendorOrders';
import { parseDateInterval, isIsoDateTime, type DateInterval } from '../dateInterval';
import { InvalidInputError } from '../inputError';
import { parseDecimal, toDecimalString, type Decimal } from '../money';
import { isObject, shown } from '../values';
import { duplicateSequence } from './canonical';

export type { DateInterval } from '../dateInterval';
export { checkCanonicalPurchaseOrder, sequenceKey, type CanonicalFail } from './canonical';

// ---------------------------------------------------------------------------------------------
// Canonical types (enum values come from Amazon's model through the generated schemas)

const PURCHASE_ORDER_STATES = OrderSchema.shape.purchaseOrderState.options;
const PURCHASE_ORDER_TYPES = OrderDetailsSchema.shape.purchaseOrderType.unwrap().options;
const PAYMENT_METHODS = OrderDetailsSchema.shape.paymentMethod.unwrap().options;
const IMPORT_PAYMENT_METHODS = ImportDetailsSchema.shape.methodOfPayment.unwrap().options;
const INCOTERMS = ImportDetailsSchema.shape.internationalCommercialTerms.unwrap().options;
const TAX_REGISTRATION_TYPES = TaxRegistrationDetailsSchema.shape.taxRegistrationType.options;
const QUANTITY_UNITS = ItemQuantitySchema.shape.unitOfMeasure.unwrap().options;
const PRICE_UNITS = MoneySchema.shape.unitOfMeasure.unwrap().options;

export type PurchaseOrderState = (typeof PURCHASE_ORDER_STATES)[number];
export type PurchaseOrderType = (typeof PURCHASE_ORDER_TYPES)[number];
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type ImportMethodOfPayment = (typeof IMPORT_PAYMENT_METHODS)[number];
export type InternationalCommercialTerms = (typeof INCOTERMS)[number];
export type TaxRegistrationType = (typeof TAX_REGISTRATION_TYPES)[number];
/** `Cases` or `Eaches`. */
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];
/** Unit of a price per weight: `POUNDS`, `OUNCES`, `GRAMS`, `KILOGRAMS`. */
export type PriceUnit = (typeof PRICE_UNITS)[number];

export interface CanonicalImportDetails {
	methodOfPayment?: ImportMethodOfPayment;
	internationalCommercialTerms?: InternationalCommercialTerms;
	portOfDelivery?: string;
	importContainers?: string;
	shippingInstructions?: string;
}

export interface CanonicalAddress {
	name: string;
	addressLine1: string;
	addressLine2?: string;
	addressLine3?: string;
	city?: string;
	county?: string;
	district?: string;
	stateOrRegion?: string;
	postalCode?: string;
	/** ISO 3166-1 alpha-2, upper case. */
	countryCode: string;
	phone?: string;
}

export interface CanonicalTaxInfo {
	taxRegistrationType: TaxRegistrationType;
	taxRegistrationNumber: string;
}

export interface CanonicalParty {
	/** Vendor code (sellingParty), fulfilment centre code (shipToParty)... trimmed. */
	partyId: string;
	address?: CanonicalAddress;
	taxInfo?: CanonicalTaxInfo;
}

export interface CanonicalMoney {
	/** ISO 4217, upper case. */
	currencyCode: string;
	/** Decimal string matching `^-?(0|([1-9]\d*))(\.\d+)?([eE][+-]?\d+)?$`; never a JS number. */
	amount: string;
	/** Set when the item is priced by weight; absent means per each. */
	unitOfMeasure?: PriceUnit;
}

export interface CanonicalQuantity {
	/** Integer, 0 for a line Amazon cancelled. */
	amount: number;
	unitOfMeasure: QuantityUnit;
	/** Eaches per case; 1 for `Eaches` when Amazon sends none. */
	unitSize: number;
}

export interface CanonicalOrderItem {
	itemSequenceNumber: string;
	/** ASIN. */
	amazonProductIdentifier?: string;
	/** The vendor's identifier (SKU, EAN, UPC, ISBN) as configured in Vendor Central. */
	vendorProductIdentifier?: string;
	orderedQuantity: CanonicalQuantity;
	/** amount x unitSize for `Cases`, amount for `Eaches`. */
	orderedEaches: number;
	isBackOrderAllowed: boolean;
	/** Net cost per each, or per weight unit when `unitOfMeasure` is set. */
	netCost?: CanonicalMoney;
	listPrice?: CanonicalMoney;
}

export interface CanonicalPurchaseOrder {
	purchaseOrderNumber: string;
	purchaseOrderState: PurchaseOrderState;
	purchaseOrderType?: PurchaseOrderType;
	purchaseOrderDate: string;
	/** Present only if Amazon changed the order after placing it. */
	purchaseOrderChangedDate?: string;
	purchaseOrderStateChangedDate?: string;
	dealCode?: string;
	paymentMethod?: PaymentMethod;
	importDetails?: CanonicalImportDetails;
	buyingParty?: CanonicalParty;
	sellingParty?: CanonicalParty;
	shipToParty?: CanonicalParty;
	billToParty?: CanonicalParty;
	/** Amazon-paid (Collect) freight: when to ship. */
	shipWindow?: DateInterval;
	/** Vendor-paid (Prepaid) freight: when to deliver. */
	deliveryWindow?: DateInterval;
	items: CanonicalOrderItem[];
	/** Every repair made, as `path: what was done`; empty for a clean order. */
	warnings: string[];
}

export interface CanonicalOrdersPage {
	orders: CanonicalPurchaseOrder[];
	/** Absent on the last page. */
	nextToken?: string;
}

export class PurchaseOrderFormatError extends InvalidInputError {
	constructor(
		/** Path of the offending field in Amazon's order, e.g. `orderDetails.items[1].orderedQuantity.amount`. */
		path: string,
		readonly reason: string,
		readonly purchaseOrderNumber?: string,
	) {
		super(`${path}: ${reason}`, path);
		this.name = 'PurchaseOrderFormatError';
	}
}

// ---------------------------------------------------------------------------------------------
// Helpers

class Context {
	readonly warnings: string[] = [];
	purchaseOrderNumber?: string;

	/** `errorPrefix` locates the order in a larger document (`orders[3]`); warnings stay order-relative. */
	constructor(private readonly errorPrefix = '') {}

	warn(path: string, what: string): void {
		this.warnings.push(`${path}: ${what}`);
	}

	fail(path: string, reason: string): never {
		const fullPath = !this.errorPrefix
			? path
			: path === '(root)'
				? this.errorPrefix
				: `${this.errorPrefix}.${path}`;
		throw new PurchaseOrderFormatError(fullPath, reason, this.purchaseOrderNumber);
	}
}

function isAbsent(value: unknown): boolean {
	return value === undefined || value === null;
}

/** A string field: trimmed (with a warning), numbers written as strings; empty means absent. */
function text(value: unknown, path: string, ctx: Context): string | undefined {
	if (isAbsent(value)) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) {
		ctx.warn(path, `number ${value} written as the string "${value}"`);
		return String(value);
	}
	if (typeof value !== 'string') return ctx.fail(path, `must be a string (got ${shown(value)})`);
	const trimmed = value.trim();
	if (trimmed !== value && trimmed !== '')
		ctx.warn(path, `whitespace removed from ${shown(value)}`);
	return trimmed === '' ? undefined : trimmed;
}

function requiredText(value: unknown, path: string, ctx: Context): string {
	const out = text(value, path, ctx);
	if (out === undefined)
		return ctx.fail(path, isAbsent(value) ? 'is required' : 'must not be empty');
	return out;
}

/** Folds case, spaces, hyphens and underscores for enum comparison. */
function fold(value: string): string {
	return value.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Reads an enum value case-insensitively (and through `aliases`, keyed by folded spelling).
 * Returns undefined for an absent value; `onUnknown` decides about a value it cannot map.
 */
function enumValue<T extends string>(
	value: unknown,
	allowed: readonly T[],
	path: string,
	ctx: Context,
	onUnknown: 'fail' | 'drop',
	aliases: Record<string, T> = {},
): T | undefined {
	if (isAbsent(value)) return undefined;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed === '') return undefined;
		if ((allowed as readonly string[]).includes(trimmed)) {
			if (trimmed !== value) ctx.warn(path, `whitespace removed from ${shown(value)}`);
			return trimmed as T;
		}
		const folded = fold(trimmed);
		const match = allowed.find((a) => fold(a) === folded) ?? aliases[folded];
		if (match !== undefined) {
			ctx.warn(path, `${shown(value)} read as "${match}"`);
			return match;
		}
	}
	const expected = `must be one of: ${allowed.join(', ')} (got ${shown(value)})`;
	if (onUnknown === 'fail') return ctx.fail(path, expected);
	ctx.warn(path, `${expected}: left out`);
	return undefined;
}

const QUANTITY_UNIT_ALIASES: Record<string, QuantityUnit> = {
	ea: 'Eaches',
	each: 'Eaches',
	eachs: 'Eaches',
	ca: 'Cases',
	cs: 'Cases',
	case: 'Cases',
};

const PRICE_UNIT_ALIASES: Record<string, PriceUnit> = {
	lb: 'POUNDS',
	lbs: 'POUNDS',
	pound: 'POUNDS',
	oz: 'OUNCES',
	ounce: 'OUNCES',
	g: 'GRAMS',
	gr: 'GRAMS',
	gram: 'GRAMS',
	kg: 'KILOGRAMS',
	kgs: 'KILOGRAMS',
	kilogram: 'KILOGRAMS',
};

/** A non-negative integer; integer strings ("10", " 10 ", "10.0") are read with a warning. */
function integer(value: unknown, path: string, ctx: Context): number | undefined {
	if (isAbsent(value)) return undefined;
	let n: number;
	if (typeof value === 'number') {
		n = value;
	} else if (typeof value === 'string' && /^\s*\d+(\.0+)?\s*$/.test(value)) {
		n = Number(value.trim());
		ctx.warn(path, `string ${shown(value)} read as the number ${n}`);
	} else {
		return ctx.fail(path, `must be a whole number (got ${shown(value)})`);
	}
	if (!Number.isSafeInteger(n))
		return ctx.fail(path, `must be a whole number (got ${shown(value)})`);
	if (n < 0) return ctx.fail(path, `must not be negative (got ${n})`);
	return n;
}

function boolean(value: unknown, path: string, ctx: Context): boolean | undefined {
	if (isAbsent(value)) return undefined;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value)) {
		const out = value.trim().toLowerCase() === 'true';
		ctx.warn(path, `string ${shown(value)} read as ${out}`);
		return out;
	}
	return ctx.fail(path, `must be true or false (got ${shown(value)})`);
}

/**
 * A Decimal string in Amazon's pattern. Leading zeros ("010.50"), a leading "+" or "." (".5") and
 * JSON numbers are repaired with a warning; thousands or decimal commas ("12,50") are not.
 */
function normaliseDecimal(value: unknown, path: string, ctx: Context): string {
	let textValue: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return ctx.fail(path, `must be a decimal number (got ${value})`);
		textValue = String(value);
		ctx.warn(path, `number ${textValue} written as the decimal string "${textValue}"`);
	} else if (typeof value === 'string') {
		textValue = value.trim();
		if (textValue !== value) ctx.warn(path, `whitespace removed from ${shown(value)}`);
	} else {
		return ctx.fail(
			path,
			isAbsent(value) ? 'is required' : `must be a decimal string (got ${shown(value)})`,
		);
	}
	// ".5" is read as "0.5"; everything else is parsed by the money module, the one Decimal parser.
	let parsed: Decimal;
	try {
		parsed = parseDecimal(textValue.replace(/^([+-]?)\./, '$10.'));
	} catch {
		return ctx.fail(
			path,
			`must be a decimal number such as "12.50", without thousands separators or a decimal comma (got ${shown(value)})`,
		);
	}
	// The canonical form is plain (no exponent); only inputs outside Amazon's pattern count as repairs.
	const out = toDecimalString(parsed);
	if (!DECIMAL_PATTERN.test(textValue)) ctx.warn(path, `"${textValue}" written as "${out}"`);
	return out;
}

function dateTime(value: unknown, path: string, ctx: Context): string | undefined {
	const out = text(value, path, ctx);
	if (out !== undefined && !isIsoDateTime(out))
		ctx.warn(path, `${shown(out)} is not an ISO 8601 date-time; kept as sent`);
	return out;
}

function dateInterval(value: unknown, path: string, ctx: Context): DateInterval | undefined {
	if (isAbsent(value)) return undefined;
	if (typeof value !== 'string')
		return ctx.fail(path, `must be a "start--end" string (got ${shown(value)})`);
	const { interval, warning } = parseDateInterval(value);
	if (warning) ctx.warn(path, warning);
	return interval;
}

// ---------------------------------------------------------------------------------------------
// Parts of the order

function money(value: unknown, path: string, ctx: Context): CanonicalMoney | undefined {
	if (isAbsent(value)) return undefined;
	if (!isObject(value)) return ctx.fail(path, `must be an object (got ${shown(value)})`);
	if (isAbsent(value.amount) || (typeof value.amount === 'string' && value.amount.trim() === '')) {
		ctx.warn(path, 'has no amount: left out');
		return undefined;
	}
	const amount = normaliseDecimal(value.amount, `${path}.amount`, ctx);
	const currency = text(value.currencyCode, `${path}.currencyCode`, ctx);
	if (currency === undefined) return ctx.fail(`${path}.currencyCode`, 'is required');
	const currencyCode = currency.toUpperCase();
	if (!/^[A-Z]{3}$/.test(currencyCode))
		return ctx.fail(
			`${path}.currencyCode`,
			`must be a 3-letter ISO 4217 code (got ${shown(currency)})`,
		);
	if (currencyCode !== currency)
		ctx.warn(`${path}.currencyCode`, `"${currency}" read as "${currencyCode}"`);
	const out: CanonicalMoney = { currencyCode, amount };
	const unit = enumValue(
		value.unitOfMeasure,
		PRICE_UNITS,
		`${path}.unitOfMeasure`,
		ctx,
		'fail',
		PRICE_UNIT_ALIASES,
	);
	if (unit !== undefined) out.unitOfMeasure = unit;
	return out;
}

function quantity(value: unknown, path: string, ctx: Context): CanonicalQuantity {
	if (isAbsent(value)) return ctx.fail(path, 'is required');
	if (!isObject(value)) return ctx.fail(path, `must be an object (got ${shown(value)})`);
	const amount = integer(value.amount, `${path}.amount`, ctx);
	if (amount === undefined) return ctx.fail(`${path}.amount`, 'is required');
	const unitSize = integer(value.unitSize, `${path}.unitSize`, ctx);
	let unit = enumValue(
		value.unitOfMeasure,
		QUANTITY_UNITS,
		`${path}.unitOfMeasure`,
		ctx,
		'fail',
		QUANTITY_UNIT_ALIASES,
	);
	if (unit === undefined) {
		if (unitSize !== undefined && unitSize > 1) {
			return ctx.fail(
				`${path}.unitOfMeasure`,
				`is required when unitSize is ${unitSize} (cases or eaches cannot be told apart)`,
			);
		}
		unit = 'Eaches';
		ctx.warn(`${path}.unitOfMeasure`, 'missing: read as "Eaches"');
	}
	if (unit === 'Cases') {
		if (unitSize === undefined)
			return ctx.fail(
				`${path}.unitSize`,
				'is required when unitOfMeasure is Cases (the number of eaches cannot be computed)',
			);
		if (unitSize < 1)
			return ctx.fail(
				`${path}.unitSize`,
				`must be at least 1 when unitOfMeasure is Cases (got ${unitSize})`,
			);
		return { amount, unitOfMeasure: unit, unitSize };
	}
	if (unitSize === 0) ctx.warn(`${path}.unitSize`, '0 read as 1');
	return {
		amount,
		unitOfMeasure: unit,
		unitSize: unitSize === undefined || unitSize === 0 ? 1 : unitSize,
	};
}

function eachesOf(q: CanonicalQuantity, path: string, ctx: Context): number {
	const eaches = q.unitOfMeasure === 'Cases' ? q.amount * q.unitSize : q.amount;
	if (!Number.isSafeInteger(eaches))
		return ctx.fail(path, `${q.amount} x ${q.unitSize} eaches is too large`);
	return eaches;
}

function item(value: unknown, path: string, ctx: Context): CanonicalOrderItem {
	if (!isObject(value)) return ctx.fail(path, `must be an object (got ${shown(value)})`);
	const itemSequenceNumber = requiredText(
		value.itemSequenceNumber,
		`${path}.itemSequenceNumber`,
		ctx,
	);
	const amazonProductIdentifier = text(
		value.amazonProductIdentifier,
		`${path}.amazonProductIdentifier`,
		ctx,
	);
	const vendorProductIdentifier = text(
		value.vendorProductIdentifier,
		`${path}.vendorProductIdentifier`,
		ctx,
	);
	const orderedQuantity = quantity(value.orderedQuantity, `${path}.orderedQuantity`, ctx);
	let isBackOrderAllowed = boolean(value.isBackOrderAllowed, `${path}.isBackOrderAllowed`, ctx);
	if (isBackOrderAllowed === undefined) {
		isBackOrderAllowed = false;
		ctx.warn(`${path}.isBackOrderAllowed`, 'missing: read as false');
	}
	const out: CanonicalOrderItem = {
		itemSequenceNumber,
		orderedQuantity,
		orderedEaches: eachesOf(orderedQuantity, `${path}.orderedQuantity`, ctx),
		isBackOrderAllowed,
	};
	if (amazonProductIdentifier !== undefined) out.amazonProductIdentifier = amazonProductIdentifier;
	if (vendorProductIdentifier !== undefined) out.vendorProductIdentifier = vendorProductIdentifier;
	const netCost = money(value.netCost, `${path}.netCost`, ctx);
	if (netCost) out.netCost = netCost;
	const listPrice = money(value.listPrice, `${path}.listPrice`, ctx);
	if (listPrice) out.listPrice = listPrice;
	return out;
}

const ADDRESS_OPTIONAL = [
	'addressLine2',
	'addressLine3',
	'city',
	'county',
	'district',
	'stateOrRegion',
	'postalCode',
	'phone',
] as const;

function address(value: unknown, path: string, ctx: Context): CanonicalAddress | undefined {
	if (isAbsent(value)) return undefined;
	if (!isObject(value)) return ctx.fail(path, `must be an object (got ${shown(value)})`);
	const required = (key: 'name' | 'addressLine1' | 'countryCode'): string => {
		const out = text(value[key], `${path}.${key}`, ctx);
		if (out === undefined) {
			ctx.warn(`${path}.${key}`, 'missing: set to ""');
			return '';
		}
		return out;
	};
	const out: CanonicalAddress = {
		name: required('name'),
		addressLine1: required('addressLine1'),
		countryCode: '',
	};
	for (const key of ADDRESS_OPTIONAL) {
		const v = text(value[key], `${path}.${key}`, ctx);
		if (v !== undefined) out[key] = v;
	}
	const country = required('countryCode');
	out.countryCode = country.toUpperCase();
	if (out.countryCode !== country)
		ctx.warn(`${path}.countryCode`, `"${country}" read as "${out.countryCode}"`);
	return out;
}

function taxInfo(value: unknown, path: string, ctx: Context): CanonicalTaxInfo | undefined {
	if (isAbsent(value)) return undefined;
	if (!isObject(value)) return ctx.fail(path, `must be an object (got ${shown(value)})`);
	let rawType = value.taxRegistrationType;
	if (isAbsent(rawType) && !isAbsent(value.taxType)) {
		// Amazon's own getPurchaseOrders example spells it taxType.
		rawType = value.taxType;
		ctx.warn(`${path}.taxType`, 'read as taxRegistrationType');
	}
	const taxRegistrationType = enumValue(
		rawType,
		TAX_REGISTRATION_TYPES,
		`${path}.taxRegistrationType`,
		ctx,
		'drop',
	);
	const taxRegistrationNumber = text(
		value.taxRegistrationNumber,
		`${path}.taxRegistrationNumber`,
		ctx,
	);
	if (taxRegistrationType === undefined || taxRegistrationNumber === undefined) {
		ctx.warn(path, 'incomplete (needs taxRegistrationType and taxRegistrationNumber): left out');
		return undefined;
	}
	return { taxRegistrationType, taxRegistrationNumber };
}

function party(value: unknown, path: string, ctx: Context): CanonicalParty | undefined {
	if (isAbsent(value)) return undefined;
	if (!isObject(value)) return ctx.fail(path, `must be an object (got ${shown(value)})`);
	const partyId = text(value.partyId, `${path}.partyId`, ctx);
	if (partyId === undefined) {
		ctx.warn(path, 'has no partyId: left out');
		return undefined;
	}
	const out: CanonicalParty = { partyId };
	const addr = address(value.address, `${path}.address`, ctx);
	if (addr) out.address = addr;
	const tax = taxInfo(value.taxInfo, `${path}.taxInfo`, ctx);
	if (tax) out.taxInfo = tax;
	return out;
}

function importDetails(
	value: unknown,
	path: string,
	ctx: Context,
): CanonicalImportDetails | undefined {
	if (isAbsent(value)) return undefined;
	if (!isObject(value)) return ctx.fail(path, `must be an object (got ${shown(value)})`);
	const out: CanonicalImportDetails = {};
	const methodOfPayment = enumValue(
		value.methodOfPayment,
		IMPORT_PAYMENT_METHODS,
		`${path}.methodOfPayment`,
		ctx,
		'drop',
	);
	if (methodOfPayment) out.methodOfPayment = methodOfPayment;
	const terms = enumValue(
		value.internationalCommercialTerms,
		INCOTERMS,
		`${path}.internationalCommercialTerms`,
		ctx,
		'drop',
	);
	if (terms) out.internationalCommercialTerms = terms;
	for (const key of ['portOfDelivery', 'importContainers', 'shippingInstructions'] as const) {
		const v = text(value[key], `${path}.${key}`, ctx);
		if (v !== undefined) out[key] = v;
	}
	return out;
}

/** Copies the defined values of `extra` onto `target` (keeps canonical objects free of undefined keys). */
function assignDefined<T extends object>(target: T, extra: Partial<T>): T {
	for (const key of Object.keys(extra) as Array<keyof T>) {
		if (extra[key] !== undefined) target[key] = extra[key] as T[keyof T];
	}
	return target;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Normalises one Amazon `Order` (or a getPurchaseOrder response `{payload: Order}`) into the
 * canonical purchase order. Throws PurchaseOrderFormatError for what cannot be repaired.
 */
export function normalisePurchaseOrder(raw: unknown): CanonicalPurchaseOrder {
	return normaliseOrder(raw, new Context());
}

function normaliseOrder(raw: unknown, ctx: Context): CanonicalPurchaseOrder {
	let order = raw;
	if (isObject(order) && !('purchaseOrderNumber' in order) && isObject(order.payload))
		order = order.payload;
	if (!isObject(order))
		return ctx.fail('(root)', `must be a purchase order object (got ${shown(order)})`);

	const purchaseOrderNumber = requiredText(order.purchaseOrderNumber, 'purchaseOrderNumber', ctx);
	ctx.purchaseOrderNumber = purchaseOrderNumber;
	let purchaseOrderState = enumValue(
		order.purchaseOrderState,
		PURCHASE_ORDER_STATES,
		'purchaseOrderState',
		ctx,
		'fail',
	);
	if (purchaseOrderState === undefined) {
		purchaseOrderState = 'New';
		ctx.warn('purchaseOrderState', 'missing: read as "New"');
	}

	const details = order.orderDetails;
	if (isAbsent(details)) {
		return ctx.fail(
			'orderDetails',
			'is required (an order listed with includeDetails=false carries only purchaseOrderNumber and purchaseOrderState)',
		);
	}
	if (!isObject(details))
		return ctx.fail('orderDetails', `must be an object (got ${shown(details)})`);
	const d = 'orderDetails';

	// Read in the model's field order, so that warnings come in document order.
	const purchaseOrderDate = dateTime(details.purchaseOrderDate, `${d}.purchaseOrderDate`, ctx);
	if (purchaseOrderDate === undefined) return ctx.fail(`${d}.purchaseOrderDate`, 'is required');
	const purchaseOrderChangedDate = dateTime(
		details.purchaseOrderChangedDate,
		`${d}.purchaseOrderChangedDate`,
		ctx,
	);
	const purchaseOrderStateChangedDate = dateTime(
		details.purchaseOrderStateChangedDate,
		`${d}.purchaseOrderStateChangedDate`,
		ctx,
	);
	const purchaseOrderType = enumValue(
		details.purchaseOrderType,
		PURCHASE_ORDER_TYPES,
		`${d}.purchaseOrderType`,
		ctx,
		'drop',
	);
	const imports = importDetails(details.importDetails, `${d}.importDetails`, ctx);
	const dealCode = text(details.dealCode, `${d}.dealCode`, ctx);
	const paymentMethod = enumValue(
		details.paymentMethod,
		PAYMENT_METHODS,
		`${d}.paymentMethod`,
		ctx,
		'drop',
	);
	const buyingParty = party(details.buyingParty, `${d}.buyingParty`, ctx);
	const sellingParty = party(details.sellingParty, `${d}.sellingParty`, ctx);
	const shipToParty = party(details.shipToParty, `${d}.shipToParty`, ctx);
	const billToParty = party(details.billToParty, `${d}.billToParty`, ctx);
	const shipWindow = dateInterval(details.shipWindow, `${d}.shipWindow`, ctx);
	const deliveryWindow = dateInterval(details.deliveryWindow, `${d}.deliveryWindow`, ctx);
	if (isAbsent(details.items)) return ctx.fail(`${d}.items`, 'is required');
	if (!Array.isArray(details.items))
		return ctx.fail(`${d}.items`, `must be an array (got ${shown(details.items)})`);
	const items = details.items.map((entry, i) => item(entry, `${d}.items[${i}]`, ctx));
	const twice = duplicateSequence(items.map((entry) => entry.itemSequenceNumber));
	if (twice !== undefined)
		return ctx.fail(
			`${d}.items[${twice.index}].itemSequenceNumber`,
			`${shown(items[twice.index].itemSequenceNumber)} is also the number of ${d}.items[${twice.first}]: ` +
				'every PO line has its own itemSequenceNumber',
		);

	// Built in the documented key order, without undefined keys.
	const po = assignDefined({ purchaseOrderNumber, purchaseOrderState } as CanonicalPurchaseOrder, {
		purchaseOrderType,
		purchaseOrderDate,
		purchaseOrderChangedDate,
		purchaseOrderStateChangedDate,
		dealCode,
		paymentMethod,
		importDetails: imports,
		buyingParty,
		sellingParty,
		shipToParty,
		billToParty,
		shipWindow,
		deliveryWindow,
	});
	po.items = items;
	po.warnings = ctx.warnings;
	return po;
}

/**
 * Normalises a getPurchaseOrders payload `{pagination?, orders[]}` (or the whole response
 * `{payload: {...}}`). An error names the order: `orders[3].orderDetails.items[0]...`.
 */
export function normaliseOrdersResponse(payload: unknown): CanonicalOrdersPage {
	let body = payload;
	if (isObject(body) && !('orders' in body) && isObject(body.payload)) body = body.payload;
	if (!isObject(body))
		throw new PurchaseOrderFormatError(
			'(root)',
			`must be an object with orders (got ${shown(body)})`,
		);
	const rawOrders = isAbsent(body.orders) ? [] : body.orders;
	if (!Array.isArray(rawOrders))
		throw new PurchaseOrderFormatError('orders', `must be an array (got ${shown(rawOrders)})`);
	const orders = rawOrders.map((order, i) => normaliseOrder(order, new Context(`orders[${i}]`)));
	const page: CanonicalOrdersPage = { orders };
	const pagination = body.pagination;
	if (
		isObject(pagination) &&
		typeof pagination.nextToken === 'string' &&
		pagination.nextToken !== ''
	)
		page.nextToken = pagination.nextToken;
	return page;
}

/**
 * Identifies one version of a purchase order:
 * `${purchaseOrderNumber}@${purchaseOrderChangedDate ?? purchaseOrderDate}`.
 */
export function changeKey(
	po: Pick<
		CanonicalPurchaseOrder,
		'purchaseOrderNumber' | 'purchaseOrderChangedDate' | 'purchaseOrderDate'
	>,
): string {
	return `${po.purchaseOrderNumber}@${po.purchaseOrderChangedDate ?? po.purchaseOrderDate}`;
}
