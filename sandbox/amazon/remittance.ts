/**
 * Remittance: the payments Amazon made to the vendor, seeded into the simulator, and the two ways a
 * vendor reads them:
 *
 * - `remittanceCsv(payments, paymentNumbers?)`: a Vendor Central "Payments > Remittance" export
 *   (Amazon does not publish its layout; these are the columns third-party tools show):
 *   Payment Number, Payment Date, Invoice Number, Invoice Date, Description, Invoice Currency,
 *   Invoice Amount, Terms Discount Taken, Amount Paid, Remaining Amount (RFC 4180 quoting, CRLF).
 * - `listInvoices` / `getInvoice`: the Finances Invoices API 2026-06-25
 *   (GET /finances/invoices/2026-06-25/invoices[/{invoiceIdentifier}]), in the model's shapes
 *   (money there is `{ currencyCode, currencyAmount: number }`).
 *
 * ## Seed format (`amazon.payments`)
 *
 * `"default"` gives `defaultPayments(now, region)`: two payments dated relative to the sandbox
 * clock that cover every line kind below. Omitted, `null` or `[]` means no payments at all (a vendor
 * nobody has paid yet); pass `"default"` to get data. Otherwise an array of payments:
 *
 * ```json
 * [{
 *   "paymentNumber": "40001234",            // required, unique
 *   "paymentDate": "2026-03-02",            // required, YYYY-MM-DD or ISO date-time (UTC date is kept)
 *   "currency": "USD",                      // default by region: USD (na), EUR (eu), JPY (fe)
 *   "marketplaceId": "ATVPDKIKX0DER",       // default by region (US, DE, JP)
 *   "payeeCode": "VNDPY",                   // invoiceIdentifier = `${invoiceNumber}~${payeeCode}`
 *   "vendorGroupId": "VG-100001",           // payee partnerId in the Finances API
 *   "vendorCode": "API01",
 *   "paymentTerms": "NET60",                // dueDate = issue date + the NET days
 *   "lines": [{
 *     "invoiceNumber": "INV-10001",         // required; its pattern gives the kind (see below)
 *     "kind": "invoice",                    // optional override of the pattern
 *     "reference": "INV-10001",             // default: invoiceNumber
 *     "purchaseOrderNumber": "1AB2C3D4",
 *     "invoiceDate": "2026-01-20",          // required
 *     "description": "Invoice",             // default by kind
 *     "invoiceAmount": "1250.00",           // required, gross, signed: deductions are negative
 *     "discountTaken": "0.00",              // default 0 (quick-pay / terms discount)
 *     "amountPaid": "1250.00",              // default invoiceAmount - discountTaken - remainingAmount
 *     "remainingAmount": "0.00",            // default invoiceAmount - discountTaken - amountPaid
 *     "defectTypes": ["SHORTAGES_IN_TRANSIT"], // claims: PQV (SC family) / PPV (PC) defect types
 *     "agreementId": "7110",                // co-op / price protection: AGREEMENT_IDS
 *     // AR lines: DAMAGE_ALLOWANCE | PRICE_PROTECTION | FBA_INVENTORY_STORAGE_FEE | OTHER
 *     "serviceChargeType": "PRICE_PROTECTION",
 *     "items": [{                           // invoices: line items for getInvoice (they must add up to invoiceAmount)
 *       "asin": "B0EXAMPLE01", "vendorProductIdentifier": "0614141000012", "description": "Widget A",
 *       "quantity": 50, "unitCost": "25.00",
 *       "receivedQuantity": 48, "pqvDefectTypes": ["SHORTAGES_IN_TRANSIT"],   // PQV on the line
 *       "acceptedUnitCost": "25.00", "ppvDefectTypes": [],                      // PPV on the line
 *       "purchaseOrderNumber": "1AB2C3D4"
 *     }]
 *   }]
 * }]
 * ```
 *
 * Amounts are decimal strings (or numbers) with at most the currency's minor digits; they are
 * summed with exact decimals. Line kinds, with the invoice-number patterns that select them:
 *
 * | kind                    | pattern                      | sign | Finances API                         |
 * | ----------------------- | ---------------------------- | ---- | ------------------------------------ |
 * | invoice                 | anything else                | +    | AP_INVENTORY, PAID                   |
 * | shortPaidInvoice        | (remainingAmount ≠ 0)        | +    | AP_INVENTORY, PARTIALLY_PAID, QueuedForPayment |
 * | quickPayDiscount        | (discountTaken ≠ 0)          | +    | AP_INVENTORY, QuickPayDiscount       |
 * | shortageClaim           | `<inv>SC`                    | −    | QuantityVarianceAmount on `<inv>`, SHORTAGE_… |
 * | shortageClaimReversal   | `<inv>SCR`                   | +    | (reduces QuantityVarianceAmount)     |
 * | revisedShortageClaim    | `<inv>SCRSC`                 | −    | QuantityVarianceAmount               |
 * | priceClaim              | `<inv>PC`                    | −    | PriceVariance on `<inv>`             |
 * | chargeback              | `…VCBSINV`                   | −    | OTHER (payer VENDOR), DEDUCTED       |
 * | coopAgreement           | `XXXX-XXXXXXXX`              | −    | OTHER, AGREEMENT_IDS                 |
 * | priceProtection         | `IPAPUS…`                    | −    | OTHER, PRICE_PROTECTION, AGREEMENT_IDS |
 * | provisionForReceivables | `…PROVISION FOR RECEIVABLES` | −    | not an invoice (not listed)          |
 * | provisionRelease        | (kind only)                  | +    | not an invoice (not listed)          |
 *
 * Claims attach to their base invoice `<inv>` when a payment has a line for it; otherwise they are
 * listed on their own as OTHER documents. In the Finances API an AP invoice's settlement breakdowns
 * add up to its amount: AmountPaid (net cash, claims deducted) + QuickPayDiscount +
 * QuantityVarianceAmount + PriceVariance + QueuedForPayment = invoiceAmount.
 */
import * as D from './decimal';
import type { AmazonError, InvoiceRecord, Region } from './ruleTypes';

// ---------------------------------------------------------------------------------------------
// Seed and normalised types
// ---------------------------------------------------------------------------------------------

export const REMITTANCE_LINE_KINDS = [
	'invoice',
	'shortPaidInvoice',
	'quickPayDiscount',
	'shortageClaim',
	'shortageClaimReversal',
	'revisedShortageClaim',
	'priceClaim',
	'chargeback',
	'coopAgreement',
	'priceProtection',
	'provisionForReceivables',
	'provisionRelease',
] as const;
export type RemittanceLineKind = (typeof REMITTANCE_LINE_KINDS)[number];

export const SERVICE_CHARGE_TYPES = [
	'DAMAGE_ALLOWANCE',
	'PRICE_PROTECTION',
	'FBA_INVENTORY_STORAGE_FEE',
	'OTHER',
] as const;
export type ServiceChargeType = (typeof SERVICE_CHARGE_TYPES)[number];

/** PQV (purchase quantity variance) defect types of financesInvoices_2026-06-25. */
export const PQV_DEFECT_TYPES = [
	'UNRECOGNISED_ASIN',
	'OVERBILLING',
	'DUPLICATE_INVOICE_DEFECT',
	'DELETED_APPOINTMENT',
	'NO_APPOINTMENT',
	'SHORTAGES_IN_TRANSIT',
	'ASIN_MISMATCH',
	'FEED_DEFECTS',
	'REJECTED_LINE_ITEM_ON_PO',
	'FAILED_PO_CONFIRMATION',
	'OTHER',
] as const;

/** PPV (purchase price variance) defect types of financesInvoices_2026-06-25. */
export const PPV_DEFECT_TYPES = [
	'DEALBUY',
	'PRODUCT_COST_NOT_ACTIVE',
	'PRODUCT_COST_NOT_REGISTERED',
	'VENDOR_LOWERING_COST_AT_PO_CONFIRMATION',
	'CCOGS_PRICE_PROTECTION_AGREEMENT_PPA',
	'FALSE_CCOGS_PPA',
	'AMAZON_POC_LOWERING_COST_ON_PO',
	'REJECTED_PRICE_INCREASE_ON_PO',
	'LIST_PRICE_DISCOUNT_ISSUES',
	'ROUNDING_ISSUES',
	'OTHER',
] as const;

type Amount = string | number;

export interface RemittanceItemSeed {
	asin?: string;
	vendorProductIdentifier?: string;
	description?: string;
	quantity: number;
	unitCost: Amount;
	/** Units Amazon received and matched (default: quantity). Fewer is a PQV. */
	receivedQuantity?: number;
	pqvDefectTypes?: string[];
	/** The cost Amazon accepts (default: unitCost). Different is a PPV. */
	acceptedUnitCost?: Amount;
	ppvDefectTypes?: string[];
	purchaseOrderNumber?: string;
}

export interface RemittanceLineSeed {
	invoiceNumber: string;
	kind?: RemittanceLineKind;
	reference?: string;
	purchaseOrderNumber?: string;
	invoiceDate: string;
	description?: string;
	invoiceAmount: Amount;
	discountTaken?: Amount;
	amountPaid?: Amount;
	remainingAmount?: Amount;
	defectTypes?: string[];
	agreementId?: string;
	serviceChargeType?: ServiceChargeType;
	items?: RemittanceItemSeed[];
}

export interface PaymentSeed {
	paymentNumber: string;
	paymentDate: string;
	currency?: string;
	marketplaceId?: string;
	payeeCode?: string;
	vendorGroupId?: string;
	vendorCode?: string;
	paymentTerms?: string;
	lines: RemittanceLineSeed[];
}

export interface RemittanceItem {
	asin?: string;
	vendorProductIdentifier?: string;
	description?: string;
	quantity: number;
	unitCost: string;
	receivedQuantity: number;
	pqvDefectTypes: string[];
	acceptedUnitCost: string;
	ppvDefectTypes: string[];
	purchaseOrderNumber?: string;
}

/** A remittance line with every default filled in; amounts are canonical decimal strings. */
export interface RemittanceLine {
	kind: RemittanceLineKind;
	invoiceNumber: string;
	/** For claims: the invoice they refer to (invoiceNumber without its suffix). */
	baseInvoiceNumber?: string;
	reference: string;
	purchaseOrderNumber?: string;
	/** YYYY-MM-DD. */
	invoiceDate: string;
	description: string;
	invoiceAmount: string;
	discountTaken: string;
	amountPaid: string;
	remainingAmount: string;
	defectTypes: string[];
	agreementId?: string;
	serviceChargeType?: ServiceChargeType;
	items: RemittanceItem[];
}

export interface Payment {
	paymentNumber: string;
	/** YYYY-MM-DD. */
	paymentDate: string;
	currency: string;
	marketplaceId: string;
	payeeCode: string;
	vendorGroupId: string;
	vendorCode: string;
	paymentTerms: string;
	lines: RemittanceLine[];
}

export interface RegionDefaults {
	marketplaceId: string;
	currency: string;
	/** Payer partnerId for AP invoices. */
	amazonPartnerId: string;
}

export const REGION_DEFAULTS: Record<Region, RegionDefaults> = {
	na: { marketplaceId: 'ATVPDKIKX0DER', currency: 'USD', amazonPartnerId: 'AMAZON_US' },
	eu: { marketplaceId: 'A1PA6795UKMFR9', currency: 'EUR', amazonPartnerId: 'AMAZON_EU' },
	fe: { marketplaceId: 'A1VC38T7YXB528', currency: 'JPY', amazonPartnerId: 'AMAZON_JP' },
};

export const DEFAULT_PAYEE = {
	payeeCode: 'VNDPY',
	vendorGroupId: 'VG-100001',
	vendorCode: 'API01',
	paymentTerms: 'NET60',
} as const;

const DEFAULT_DESCRIPTIONS: Record<RemittanceLineKind, string> = {
	invoice: 'Invoice',
	shortPaidInvoice: 'Invoice (short paid)',
	quickPayDiscount: 'Invoice (quick pay discount)',
	shortageClaim: 'Shortage claim',
	shortageClaimReversal: 'Shortage claim reversal',
	revisedShortageClaim: 'Revised shortage claim',
	priceClaim: 'Price claim',
	chargeback: 'Operational chargeback',
	coopAgreement: 'Co-op agreement',
	priceProtection: 'Price protection',
	provisionForReceivables: 'Provision for receivables',
	provisionRelease: 'Release of provision for receivables',
};

const INVOICE_KINDS: ReadonlySet<RemittanceLineKind> = new Set([
	'invoice',
	'shortPaidInvoice',
	'quickPayDiscount',
]);
const SHORTAGE_KINDS: ReadonlySet<RemittanceLineKind> = new Set([
	'shortageClaim',
	'shortageClaimReversal',
	'revisedShortageClaim',
]);
const CLAIM_KINDS: ReadonlySet<RemittanceLineKind> = new Set([...SHORTAGE_KINDS, 'priceClaim']);
const AR_KINDS: ReadonlySet<RemittanceLineKind> = new Set([
	'chargeback',
	'coopAgreement',
	'priceProtection',
]);
const PROVISION_KINDS: ReadonlySet<RemittanceLineKind> = new Set([
	'provisionForReceivables',
	'provisionRelease',
]);
const POSITIVE_KINDS: ReadonlySet<RemittanceLineKind> = new Set([
	...INVOICE_KINDS,
	'shortageClaimReversal',
	'provisionRelease',
]);

/** The kind an invoice number's pattern implies, and the base invoice for claims. */
export function classifyInvoiceNumber(invoiceNumber: string): {
	kind: RemittanceLineKind;
	baseInvoiceNumber?: string;
} {
	const n = invoiceNumber.trim();
	const claim = (suffix: string, kind: RemittanceLineKind) =>
		n.length > suffix.length && n.toUpperCase().endsWith(suffix)
			? { kind, baseInvoiceNumber: n.slice(0, -suffix.length) }
			: undefined;
	return (
		claim('SCRSC', 'revisedShortageClaim') ??
		claim('SCR', 'shortageClaimReversal') ??
		claim('SC', 'shortageClaim') ??
		claim('PC', 'priceClaim') ??
		(/VCBSINV$/i.test(n)
			? { kind: 'chargeback' as const }
			: /PROVISION FOR RECEIVABLES$/i.test(n)
				? { kind: 'provisionForReceivables' as const }
				: /^IPAPUS\d+/i.test(n)
					? { kind: 'priceProtection' as const }
					: /^[A-Z0-9]{4}-[A-Z0-9]{8}$/i.test(n)
						? { kind: 'coopAgreement' as const }
						: { kind: 'invoice' as const })
	);
}

function minorDigits(currency: string): number {
	return currency === 'JPY' || currency === 'KRW' ? 0 : 2;
}

function isoDate(text: unknown): string | undefined {
	if (typeof text !== 'string') return undefined;
	const t = text.trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
		const ms = Date.parse(`${t}T00:00:00Z`);
		return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === t ? t : undefined;
	}
	if (!/^\d{4}-\d{2}-\d{2}T/.test(t)) return undefined;
	const ms = Date.parse(t);
	return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : undefined;
}

function isObj(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optString(v: unknown): string | undefined {
	return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * Validates a payments seed and fills in the defaults. `"default"` yields defaultPayments(now,
 * region); undefined, null or [] yields no payments. Errors name the seed path
 * (`payments[0].lines[2].amountPaid: …`); with errors, `payments` is empty.
 */
/** What the checks of one seeded payment share: its error list, currency and amount readers. */
interface SeedContext {
	e: (path: string, text: string) => void;
	currency: string;
	amount: (path: string, v: unknown) => D.Dec | undefined;
	money: (d: D.Dec) => string;
}

function seedContext(errors: string[], currency: string): SeedContext {
	const digits = minorDigits(currency);
	const e = (path: string, text: string) => errors.push(`${path}: ${text}`);
	const amount = (path: string, v: unknown): D.Dec | undefined => {
		const d = D.parseDecimal(v);
		if (!d) {
			e(path, `${JSON.stringify(v)} is not a decimal amount`);
			return undefined;
		}
		if (D.normalize(d).scale > digits) {
			e(path, `${JSON.stringify(v)} has more decimals than ${currency} allows (${digits})`);
			return undefined;
		}
		return d;
	};
	return { e, currency, amount, money: (d: D.Dec) => D.formatDecimal(d, digits) };
}

export function normalizePayments(
	seed: unknown,
	options: { now: Date; region?: Region },
): { payments: Payment[]; errors: string[] } {
	const region = options.region ?? 'na';
	if (seed === undefined || seed === null) return { payments: [], errors: [] };
	const list: unknown = seed === 'default' ? defaultPayments(options.now, region) : seed;
	if (!Array.isArray(list))
		return { payments: [], errors: ['payments: must be "default" or an array of payments'] };
	const errors: string[] = [];
	const payments: Payment[] = [];
	const numbers = new Set<string>();
	list.forEach((raw, i) => {
		const payment = normalizePayment(raw, `payments[${i}]`, numbers, errors, region);
		if (payment) payments.push(payment);
	});
	return errors.length > 0 ? { payments: [], errors } : { payments, errors };
}

function normalizePayment(
	raw: unknown,
	pp: string,
	numbers: Set<string>,
	errors: string[],
	region: Region,
): Payment | undefined {
	const defaults = REGION_DEFAULTS[region];
	if (!isObj(raw)) {
		errors.push(`${pp}: must be an object`);
		return undefined;
	}
	const currency = optString(raw.currency) ?? defaults.currency;
	const ctx = seedContext(errors, currency);
	const { e } = ctx;
	const paymentNumber = optString(raw.paymentNumber);
	if (!paymentNumber) e(`${pp}.paymentNumber`, 'is required');
	else if (numbers.has(paymentNumber))
		e(`${pp}.paymentNumber`, `duplicate payment number '${paymentNumber}'`);
	else numbers.add(paymentNumber);
	const paymentDate = isoDate(raw.paymentDate);
	if (!paymentDate) e(`${pp}.paymentDate`, 'must be a date (YYYY-MM-DD) or an ISO date-time');
	if (!/^[A-Z]{3}$/.test(currency))
		e(`${pp}.currency`, `'${currency}' is not an ISO 4217 currency code`);
	const payment: Payment = {
		paymentNumber: paymentNumber ?? '',
		paymentDate: paymentDate ?? '',
		currency,
		marketplaceId: optString(raw.marketplaceId) ?? defaults.marketplaceId,
		payeeCode: optString(raw.payeeCode) ?? DEFAULT_PAYEE.payeeCode,
		vendorGroupId: optString(raw.vendorGroupId) ?? DEFAULT_PAYEE.vendorGroupId,
		vendorCode: optString(raw.vendorCode) ?? DEFAULT_PAYEE.vendorCode,
		paymentTerms: optString(raw.paymentTerms) ?? DEFAULT_PAYEE.paymentTerms,
		lines: [],
	};
	if (!Array.isArray(raw.lines) || raw.lines.length === 0)
		e(`${pp}.lines`, 'must list at least one line');
	const invoiceNumbers = new Set<string>();
	(Array.isArray(raw.lines) ? raw.lines : []).forEach((rawLine: unknown, j: number) => {
		const line = normalizeLine(rawLine, `${pp}.lines[${j}]`, ctx, {
			paymentNumber,
			invoiceNumbers,
		});
		if (line) payment.lines.push(line);
	});
	return payment;
}

/** gross = discount + paid + remaining, the missing one of paid and remaining derived. */
function lineAmounts(
	rawLine: Record<string, unknown>,
	lp: string,
	ctx: SeedContext,
): { gross: D.Dec; discount: D.Dec; paid: D.Dec; remaining: D.Dec } | undefined {
	const { amount, money } = ctx;
	const optional = (field: string) =>
		rawLine[field] === undefined ? undefined : amount(`${lp}.${field}`, rawLine[field]);
	const gross = amount(`${lp}.invoiceAmount`, rawLine.invoiceAmount);
	const discount = rawLine.discountTaken === undefined ? D.ZERO : optional('discountTaken');
	let paid = optional('amountPaid');
	let remaining = optional('remainingAmount');
	if (
		!gross ||
		!discount ||
		(rawLine.amountPaid !== undefined && !paid) ||
		(rawLine.remainingAmount !== undefined && !remaining)
	) {
		return undefined;
	}
	if (paid === undefined) paid = D.sub(D.sub(gross, discount), remaining ?? D.ZERO);
	if (remaining === undefined) remaining = D.sub(D.sub(gross, discount), paid);
	if (!D.eq(D.add(D.add(discount, paid), remaining), gross)) {
		ctx.e(
			`${lp}.remainingAmount`,
			`invoiceAmount ${money(gross)} must equal discountTaken + amountPaid + ` +
				`remainingAmount (${money(discount)} + ${money(paid)} + ${money(remaining)})`,
		);
		return undefined;
	}
	return { gross, discount, paid, remaining };
}

/** The line's kind: given, or from its invoice number (and its remaining amount and discount). */
function lineKind(
	rawLine: Record<string, unknown>,
	lp: string,
	ctx: SeedContext,
	classified: RemittanceLineKind,
	amounts: { remaining: D.Dec; discount: D.Dec },
): RemittanceLineKind | undefined {
	if (rawLine.kind !== undefined) {
		if ((REMITTANCE_LINE_KINDS as readonly unknown[]).includes(rawLine.kind))
			return rawLine.kind as RemittanceLineKind;
		ctx.e(`${lp}.kind`, `must be one of ${REMITTANCE_LINE_KINDS.join(', ')}`);
		return undefined;
	}
	if (classified !== 'invoice') return classified;
	if (!D.isZero(amounts.remaining)) return 'shortPaidInvoice';
	return !D.isZero(amounts.discount) ? 'quickPayDiscount' : 'invoice';
}

/** Defect types of a claim line, checked against its kind. */
function lineDefects(
	rawLine: Record<string, unknown>,
	lp: string,
	ctx: SeedContext,
	kind: RemittanceLineKind,
): string[] {
	const defectTypes = Array.isArray(rawLine.defectTypes) ? rawLine.defectTypes.map(String) : [];
	const allowedDefects: readonly string[] | undefined = SHORTAGE_KINDS.has(kind)
		? PQV_DEFECT_TYPES
		: kind === 'priceClaim'
			? PPV_DEFECT_TYPES
			: undefined;
	if (defectTypes.length > 0 && !allowedDefects)
		ctx.e(`${lp}.defectTypes`, `only shortage and price claims carry defect types`);
	for (const d of defectTypes) {
		if (allowedDefects && !allowedDefects.includes(d)) {
			const family = kind === 'priceClaim' ? 'PPV' : 'PQV';
			ctx.e(`${lp}.defectTypes`, `'${d}' is not a ${family} defect type`);
		}
	}
	return defectTypes;
}

function normalizeLine(
	rawLine: unknown,
	lp: string,
	ctx: SeedContext,
	payment: { paymentNumber: string | undefined; invoiceNumbers: Set<string> },
): RemittanceLine | undefined {
	const { e, money } = ctx;
	if (!isObj(rawLine)) {
		e(lp, 'must be an object');
		return undefined;
	}
	const invoiceNumber = optString(rawLine.invoiceNumber);
	if (!invoiceNumber) {
		e(`${lp}.invoiceNumber`, 'is required');
		return undefined;
	}
	if (payment.invoiceNumbers.has(invoiceNumber)) {
		const where = `payment '${payment.paymentNumber}'`;
		e(`${lp}.invoiceNumber`, `'${invoiceNumber}' appears twice in ${where}`);
	}
	payment.invoiceNumbers.add(invoiceNumber);
	const invoiceDate = isoDate(rawLine.invoiceDate);
	if (!invoiceDate) e(`${lp}.invoiceDate`, 'must be a date (YYYY-MM-DD) or an ISO date-time');
	const amounts = lineAmounts(rawLine, lp, ctx);
	if (!amounts) return undefined;
	const { gross, discount, paid, remaining } = amounts;
	const classified = classifyInvoiceNumber(invoiceNumber);
	const kind = lineKind(rawLine, lp, ctx, classified.kind, amounts);
	if (!kind) return undefined;
	const positive = POSITIVE_KINDS.has(kind);
	if (positive ? D.sign(gross) <= 0 : D.sign(gross) >= 0) {
		const sign = positive ? 'positive' : 'negative';
		e(
			`${lp}.invoiceAmount`,
			`a ${kind} line must have a ${sign} invoiceAmount, got ${money(gross)}`,
		);
	}
	let baseInvoiceNumber = CLAIM_KINDS.has(kind) ? classified.baseInvoiceNumber : undefined;
	if (CLAIM_KINDS.has(kind) && !baseInvoiceNumber) baseInvoiceNumber = invoiceNumber;
	const defectTypes = lineDefects(rawLine, lp, ctx, kind);
	const serviceChargeType = rawLine.serviceChargeType;
	if (
		serviceChargeType !== undefined &&
		!(SERVICE_CHARGE_TYPES as readonly unknown[]).includes(serviceChargeType)
	) {
		e(`${lp}.serviceChargeType`, `must be one of ${SERVICE_CHARGE_TYPES.join(', ')}`);
	}
	const items = lineItems(rawLine.items, lp, ctx, kind, gross);
	const line: RemittanceLine = {
		kind,
		invoiceNumber,
		reference: optString(rawLine.reference) ?? invoiceNumber,
		invoiceDate: invoiceDate ?? '',
		description:
			typeof rawLine.description === 'string' && rawLine.description.trim() !== ''
				? rawLine.description
				: DEFAULT_DESCRIPTIONS[kind],
		invoiceAmount: money(gross),
		discountTaken: money(discount),
		amountPaid: money(paid),
		remainingAmount: money(remaining),
		defectTypes,
		items,
	};
	if (baseInvoiceNumber) line.baseInvoiceNumber = baseInvoiceNumber;
	const po = optString(rawLine.purchaseOrderNumber);
	if (po) line.purchaseOrderNumber = po;
	const agreementId = optString(rawLine.agreementId);
	if (agreementId) line.agreementId = agreementId;
	if (typeof serviceChargeType === 'string')
		line.serviceChargeType = serviceChargeType as ServiceChargeType;
	return line;
}

/** The items of an invoice line; quantity × unitCost must add up to the invoice amount. */
function lineItems(
	rawItems: unknown,
	lp: string,
	ctx: SeedContext,
	kind: RemittanceLineKind,
	gross: D.Dec,
): RemittanceItem[] {
	if (rawItems === undefined) return [];
	if (!Array.isArray(rawItems)) {
		ctx.e(`${lp}.items`, 'must be an array');
		return [];
	}
	if (!INVOICE_KINDS.has(kind)) {
		ctx.e(`${lp}.items`, 'only invoice lines carry items');
		return [];
	}
	const items: RemittanceItem[] = [];
	let itemsTotal = D.ZERO;
	let itemsOk = true;
	rawItems.forEach((rawItem: unknown, k: number) => {
		const read = normalizeItem(rawItem, `${lp}.items[${k}]`, ctx);
		if (!read) {
			itemsOk = false;
			return;
		}
		itemsTotal = D.add(itemsTotal, read.total);
		items.push(read.item);
	});
	if (itemsOk && rawItems.length > 0 && !D.eq(itemsTotal, gross)) {
		ctx.e(
			`${lp}.items`,
			`quantity × unitCost adds up to ${ctx.money(itemsTotal)}, ` +
				`not the invoiceAmount ${ctx.money(gross)}`,
		);
	}
	return items;
}

const isWhole = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value);

function defectList(
	rawItem: Record<string, unknown>,
	field: string,
	allowed: readonly string[],
	ip: string,
	ctx: SeedContext,
): string[] {
	const list = Array.isArray(rawItem[field]) ? (rawItem[field] as unknown[]).map(String) : [];
	const family = field === 'pqvDefectTypes' ? 'PQV' : 'PPV';
	for (const d of list)
		if (!allowed.includes(d)) ctx.e(`${ip}.${field}`, `'${d}' is not a ${family} defect type`);
	return list;
}

function normalizeItem(
	rawItem: unknown,
	ip: string,
	ctx: SeedContext,
): { item: RemittanceItem; total: D.Dec } | undefined {
	const { e, amount, money } = ctx;
	if (!isObj(rawItem)) {
		e(ip, 'must be an object');
		return undefined;
	}
	const quantity = rawItem.quantity;
	if (!isWhole(quantity) || quantity <= 0) {
		e(`${ip}.quantity`, 'must be a positive whole number');
		return undefined;
	}
	const unitCost = amount(`${ip}.unitCost`, rawItem.unitCost);
	const accepted =
		rawItem.acceptedUnitCost === undefined
			? unitCost
			: amount(`${ip}.acceptedUnitCost`, rawItem.acceptedUnitCost);
	const received = rawItem.receivedQuantity === undefined ? quantity : rawItem.receivedQuantity;
	if (!isWhole(received) || received < 0 || received > quantity) {
		e(`${ip}.receivedQuantity`, `must be a whole number from 0 to quantity (${quantity})`);
		return undefined;
	}
	if (!unitCost || !accepted) return undefined;
	const pqv = defectList(rawItem, 'pqvDefectTypes', PQV_DEFECT_TYPES, ip, ctx);
	const ppv = defectList(rawItem, 'ppvDefectTypes', PPV_DEFECT_TYPES, ip, ctx);
	const item: RemittanceItem = {
		quantity,
		unitCost: money(unitCost),
		receivedQuantity: received,
		pqvDefectTypes: pqv,
		acceptedUnitCost: money(accepted),
		ppvDefectTypes: ppv,
	};
	const asin = optString(rawItem.asin);
	if (asin) item.asin = asin;
	const vendorId = optString(rawItem.vendorProductIdentifier);
	if (vendorId) item.vendorProductIdentifier = vendorId;
	const description = optString(rawItem.description);
	if (description) item.description = description;
	const po = optString(rawItem.purchaseOrderNumber);
	if (po) item.purchaseOrderNumber = po;
	return { item, total: D.mul(D.decFromInt(quantity), unitCost) };
}

/** Sum of amountPaid over a payment's lines (the payment amount). */
export function paymentTotal(payment: Payment): string {
	return D.formatDecimal(
		D.sum(payment.lines.map((l) => D.dec(l.amountPaid))),
		minorDigits(payment.currency),
	);
}

// ---------------------------------------------------------------------------------------------
// Default payments
// ---------------------------------------------------------------------------------------------

/**
 * A realistic default: two payments (35 and 7 days before `now`) with every line kind: a paid
 * invoice, a quick-pay invoice, a short-paid invoice, a co-op agreement deduction, an operational
 * chargeback and a provision for receivables; then a paid invoice, a shortage claim, its reversal
 * and revised claim, a price claim, a price-protection debit note and the provision's release.
 * Line items reproduce the claims (2 units short on INV-10001, 0.60 over the accepted cost on
 * INV-10004). Amounts are in the region's currency (JPY amounts are whole yen, 100× the cents).
 */
/** How the seeds write amounts and dates: from cents, and days before now. */
interface SeedHelpers {
	common: Pick<PaymentSeed, 'currency' | 'marketplaceId'> & typeof DEFAULT_PAYEE;
	m: (cents: number) => string;
	day: (offset: number) => string;
}

export function defaultPayments(now: Date, region: Region = 'na'): PaymentSeed[] {
	const currency = REGION_DEFAULTS[region].currency;
	const digits = minorDigits(currency);
	/** Amount from cents (whole units for currencies without minor digits). */
	const m = (cents: number) => D.formatDecimal({ units: BigInt(cents), scale: digits }, digits);
	const day = (offset: number) =>
		new Date(now.getTime() - offset * 86400000).toISOString().slice(0, 10);
	const common = {
		currency,
		marketplaceId: REGION_DEFAULTS[region].marketplaceId,
		...DEFAULT_PAYEE,
	};
	const helpers: SeedHelpers = { common, m, day };
	return [invoicesAndDeductionsPayment(helpers), claimsAndReversalsPayment(helpers)];
}

/** Invoices (one with a quick-pay discount, one short-paid), co-op, a chargeback and a provision. */
function invoicesAndDeductionsPayment({ common, m, day }: SeedHelpers): PaymentSeed {
	return {
		...common,
		paymentNumber: '40001234',
		paymentDate: day(35),
		lines: [
			{
				invoiceNumber: 'INV-10001',
				purchaseOrderNumber: '1AB2C3D4',
				invoiceDate: day(70),
				invoiceAmount: m(125000),
				items: [
					{
						asin: 'B0EXAMPLE01',
						vendorProductIdentifier: '0614141000012',
						description: 'Widget A',
						quantity: 50,
						unitCost: m(2500),
						receivedQuantity: 48,
						pqvDefectTypes: ['SHORTAGES_IN_TRANSIT'],
					},
				],
			},
			{
				invoiceNumber: 'INV-10002',
				purchaseOrderNumber: '2BC3D4E5',
				invoiceDate: day(50),
				invoiceAmount: m(200000),
				discountTaken: m(4000),
				description: 'Invoice (quick pay 2%)',
				items: [{ asin: 'B0EXAMPLE02', description: 'Widget B', quantity: 100, unitCost: m(2000) }],
			},
			{
				invoiceNumber: 'INV-10003',
				purchaseOrderNumber: '3CD4E5F6',
				invoiceDate: day(45),
				invoiceAmount: m(80000),
				amountPaid: m(65000),
				items: [{ asin: 'B0EXAMPLE03', description: 'Widget C', quantity: 40, unitCost: m(2000) }],
			},
			{
				invoiceNumber: '7110-23456789',
				invoiceDate: day(40),
				invoiceAmount: m(-30000),
				description: 'Co-op: marketing development funds',
				agreementId: '7110',
			},
			{
				invoiceNumber: '83265481VCBSINV',
				invoiceDate: day(38),
				invoiceAmount: m(-4560),
				description: 'Operational chargeback: ASN accuracy',
			},
			{
				invoiceNumber: '40001234-PROVISION FOR RECEIVABLES',
				invoiceDate: day(35),
				invoiceAmount: m(-50000),
			},
		],
	};
}

/** A price variance, a shortage claim with its reversal and revised claim, price protection. */
function claimsAndReversalsPayment({ common, m, day }: SeedHelpers): PaymentSeed {
	return {
		...common,
		paymentNumber: '40001399',
		paymentDate: day(7),
		lines: [
			{
				invoiceNumber: 'INV-10004',
				purchaseOrderNumber: '4DE5F6G7',
				invoiceDate: day(30),
				invoiceAmount: m(360000),
				items: [
					{
						asin: 'B0EXAMPLE04',
						description: 'Widget D',
						quantity: 120,
						unitCost: m(3000),
						acceptedUnitCost: m(2940),
						ppvDefectTypes: ['DEALBUY'],
					},
				],
			},
			{
				invoiceNumber: 'INV-10001SC',
				purchaseOrderNumber: '1AB2C3D4',
				invoiceDate: day(20),
				invoiceAmount: m(-12500),
				defectTypes: ['SHORTAGES_IN_TRANSIT'],
			},
			{
				invoiceNumber: 'INV-10001SCR',
				purchaseOrderNumber: '1AB2C3D4',
				invoiceDate: day(12),
				invoiceAmount: m(12500),
			},
			{
				invoiceNumber: 'INV-10001SCRSC',
				purchaseOrderNumber: '1AB2C3D4',
				invoiceDate: day(12),
				invoiceAmount: m(-5000),
				defectTypes: ['SHORTAGES_IN_TRANSIT'],
			},
			{
				invoiceNumber: 'INV-10004PC',
				purchaseOrderNumber: '4DE5F6G7',
				invoiceDate: day(15),
				invoiceAmount: m(-7200),
				defectTypes: ['DEALBUY'],
			},
			{
				invoiceNumber: 'IPAPUS1234567',
				invoiceDate: day(18),
				invoiceAmount: m(-21000),
				description: 'Price protection agreement',
				agreementId: 'PPA-2001',
				serviceChargeType: 'PRICE_PROTECTION',
			},
			{
				invoiceNumber: '40001234-PROVISION FOR RECEIVABLES',
				kind: 'provisionRelease',
				invoiceDate: day(35),
				invoiceAmount: m(50000),
			},
		],
	};
}

// ---------------------------------------------------------------------------------------------
// CSV export
// ---------------------------------------------------------------------------------------------

export const REMITTANCE_CSV_HEADERS = [
	'Payment Number',
	'Payment Date',
	'Invoice Number',
	'Invoice Date',
	'Description',
	'Invoice Currency',
	'Invoice Amount',
	'Terms Discount Taken',
	'Amount Paid',
	'Remaining Amount',
] as const;

/** Extra columns appended with `extended: true`. */
export const REMITTANCE_CSV_EXTRA_HEADERS = ['Purchase Order Number', 'Reference Number'] as const;

export interface RemittanceCsvOptions {
	/** iso: 2026-03-02 (default); us: 03/02/2026; eu: 02/03/2026. */
	dateFormat?: 'iso' | 'us' | 'eu';
	/** Appends Purchase Order Number and Reference Number. */
	extended?: boolean;
	/** Default CRLF (RFC 4180). */
	lineEnding?: '\r\n' | '\n';
}

/** One CSV field: quoted when it holds a comma, a quote, CR/LF or leading/trailing spaces. */
export function csvField(value: string): string {
	return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function formatDate(isoDay: string, format: 'iso' | 'us' | 'eu'): string {
	const [y, m, d] = isoDay.split('-');
	if (format === 'us') return `${m}/${d}/${y}`;
	if (format === 'eu') return `${d}/${m}/${y}`;
	return isoDay;
}

/**
 * A Vendor Central style remittance export of the given payments (all, or those whose payment
 * number is in `paymentNumbers`, in seed order): a header row, then one row per line.
 */
export function remittanceCsv(
	payments: Payment[],
	paymentNumbers?: string[],
	options: RemittanceCsvOptions = {},
): string {
	const format = options.dateFormat ?? 'iso';
	const eol = options.lineEnding ?? '\r\n';
	const wanted = paymentNumbers ? new Set(paymentNumbers) : undefined;
	const headers: string[] = [
		...REMITTANCE_CSV_HEADERS,
		...(options.extended ? REMITTANCE_CSV_EXTRA_HEADERS : []),
	];
	const rows: string[][] = [headers];
	for (const payment of payments) {
		if (wanted && !wanted.has(payment.paymentNumber)) continue;
		for (const line of payment.lines) {
			const row = [
				payment.paymentNumber,
				formatDate(payment.paymentDate, format),
				line.invoiceNumber,
				formatDate(line.invoiceDate, format),
				line.description,
				payment.currency,
				line.invoiceAmount,
				line.discountTaken,
				line.amountPaid,
				line.remainingAmount,
			];
			if (options.extended) row.push(line.purchaseOrderNumber ?? '', line.reference);
			rows.push(row);
		}
	}
	return rows.map((r) => r.map(csvField).join(',')).join(eol) + eol;
}

// ---------------------------------------------------------------------------------------------
// Finances Invoices API 2026-06-25
// ---------------------------------------------------------------------------------------------

export interface FinCurrency {
	currencyCode: string;
	currencyAmount: number;
}

export interface Breakdown {
	breakdownType: string;
	breakdownAmount: FinCurrency;
	breakdowns?: Breakdown[];
}

export interface PartnerMetadata {
	partnerId: string;
	partnerType: 'SELLER' | 'VENDOR' | 'AMAZON';
	partnerEntities?: string[];
	partnerName?: string;
	partnerAddress?: string;
	taxRegistrationNumber?: string;
}

export type RelatedIdentifierName =
	| 'PAYEE_CODE'
	| 'PURCHASE_ORDER_IDS'
	| 'SHORTAGE_INVOICE_IDS'
	| 'ASN_IDS'
	| 'RETURN_IDS'
	| 'AGREEMENT_IDS'
	| 'PRODUCT_LINE'
	| 'VENDOR_CODE'
	| 'UNIQUE_PAYMENT_IDS'
	| 'WAREHOUSE_ID';

export interface RelatedIdentifier {
	relatedIdentifierName: RelatedIdentifierName;
	relatedIdentifierValue: string[];
}

export type InvoiceStatus =
	| 'IN_PROGRESS'
	| 'REJECTED'
	| 'PARTIALLY_PAID'
	| 'PARTIALLY_DEDUCTED'
	| 'PAID'
	| 'DEDUCTED';

export interface InvoiceHeader {
	invoiceNumber: string;
	invoiceStatus: InvoiceStatus;
	invoiceType: 'AP_INVENTORY' | 'OTHER';
	billingPeriod?: { startDate: string; endDate: string };
	payer: PartnerMetadata;
	payee: PartnerMetadata;
	invoiceIdentifier: string;
	issueDate: string;
	dueDate?: string;
	paymentTerms?: string;
	invoiceAmount: FinCurrency;
	invoiceAmountBreakdowns?: Breakdown[];
	invoiceSettlementBreakdowns?: Breakdown[];
	relatedIdentifiers?: RelatedIdentifier[];
	creationDate: string;
	lastUpdatedDate: string;
}

export interface VarianceReason {
	varianceType: 'PQV' | 'PPV' | 'OTHER';
	defectTypes?: string[];
}

export interface MatchingContext {
	matchedQuantity: number;
	matchedAmount: FinCurrency;
	quantityVariance?: number;
	priceVariance?: FinCurrency;
	paidQuantity?: number;
	paidAmount?: FinCurrency;
	varianceReasons?: VarianceReason[];
}

export interface LineItemContext {
	lineItemType: 'GOODS' | 'SERVICES' | 'OTHERS';
	itemIdentifiers?: Array<{
		itemIdentifierName: 'ASIN' | 'EXTERNAL_ID' | 'SKU' | 'UPC' | 'EAN' | 'ISBN';
		itemIdentifierValue: string;
	}>;
	itemDescription?: string;
	serviceChargeType?: ServiceChargeType;
	serviceChargePeriod?: { startDate: string; endDate: string };
	matchingContext?: MatchingContext;
}

export interface FinInvoiceItem {
	lineItemId: string;
	unitCost?: FinCurrency;
	quantity?: number;
	taxRateCodes?: string[];
	totalAmount: FinCurrency;
	totalAmountBreakdown?: Breakdown[];
	lineItemContext: LineItemContext;
	relatedItemIdentifiers?: RelatedIdentifier[];
}

export interface GetInvoicesResponse {
	invoices: InvoiceHeader[];
	numOfRecords: number;
	nextToken?: string;
}

export interface GetInvoiceResponse {
	invoiceHeader: InvoiceHeader;
	invoiceItems: FinInvoiceItem[];
	nextTokenForLineItems?: string;
}

export type FinancesAnswer<T> =
	| { status: 200; body: T }
	| { status: 400 | 404; body: { errors: AmazonError[] } };

/** One document of the Finances Invoices API, with its marketplace. */
export interface FinanceDocument {
	marketplaceId: string;
	header: InvoiceHeader;
	items: FinInvoiceItem[];
}

export interface FinancesContext {
	/** The sandbox clock's now (default issue-date window). */
	now: Date;
	region?: Region;
	/** Invoices per page of getInvoiceHeaders (Amazon: 100). */
	pageSize?: number;
	/** Line items per page of getInvoice (Amazon: 600). */
	lineItemPageSize?: number;
	/**
	 * Invoices submitted through submitInvoices (successful ones): those no payment mentions yet are
	 * listed as AP_INVENTORY invoices IN_PROGRESS.
	 */
	submittedInvoices?: InvoiceRecord[];
	/** Payee details for submitted invoices (default DEFAULT_PAYEE and the region's marketplace). */
	vendor?: {
		payeeCode?: string;
		vendorGroupId?: string;
		vendorCode?: string;
		marketplaceId?: string;
		paymentTerms?: string;
	};
}

export type QueryInput = URLSearchParams | Record<string, string | undefined>;

function queryValue(query: QueryInput, name: string): string | undefined {
	const v = query instanceof URLSearchParams ? query.get(name) : query[name];
	return v === null || v === undefined ? undefined : v;
}

function bad(
	message: string,
	status: 400 | 404 = 400,
	code = 'InvalidInput',
): { status: 400 | 404; body: { errors: AmazonError[] } } {
	return { status, body: { errors: [{ code, message }] } };
}

const ISO_DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function parseIso(text: string): number | undefined {
	if (!ISO_DATE_TIME_RE.test(text.trim())) return undefined;
	const t = text.trim();
	const ms = Date.parse(/T/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? `${t}Z` : t);
	return Number.isFinite(ms) ? ms : undefined;
}

const MAX_SPAN_DAYS = 90;
const DAY = 86400000;

function cur(d: D.Dec, currencyCode: string): FinCurrency {
	return { currencyCode, currencyAmount: D.toNumber(d) };
}

function dayStart(isoDay: string): string {
	return `${isoDay}T00:00:00Z`;
}

function netDays(terms: string): number | undefined {
	const m = /(\d+)/.exec(terms);
	return m ? Number(m[1]) : undefined;
}

function addDays(isoDateTime: string, days: number): string {
	return new Date(Date.parse(isoDateTime) + days * DAY).toISOString().replace('.000Z', 'Z');
}

function unique(values: Array<string | undefined>): string[] {
	return [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))];
}

function related(
	name: RelatedIdentifierName,
	values: Array<string | undefined>,
): RelatedIdentifier[] {
	const list = unique(values);
	return list.length ? [{ relatedIdentifierName: name, relatedIdentifierValue: list }] : [];
}

interface LineRef {
	payment: Payment;
	line: RemittanceLine;
}

function itemToFinance(
	item: RemittanceItem,
	index: number,
	currencyCode: string,
	fallbackPo: string | undefined,
): FinInvoiceItem {
	const q = D.decFromInt(item.quantity);
	const r = D.decFromInt(item.receivedQuantity);
	const c = D.dec(item.unitCost);
	const a = D.dec(item.acceptedUnitCost);
	const total = D.mul(q, c);
	const varianceReasons: VarianceReason[] = [];
	if (item.quantity !== item.receivedQuantity) {
		varianceReasons.push({
			varianceType: 'PQV',
			defectTypes: item.pqvDefectTypes.length ? item.pqvDefectTypes : ['OTHER'],
		});
	}
	if (!D.eq(c, a)) {
		varianceReasons.push({
			varianceType: 'PPV',
			defectTypes: item.ppvDefectTypes.length ? item.ppvDefectTypes : ['OTHER'],
		});
	}
	const matchingContext: MatchingContext = {
		matchedQuantity: item.receivedQuantity,
		matchedAmount: cur(D.mul(r, c), currencyCode),
		quantityVariance: item.quantity - item.receivedQuantity,
		priceVariance: cur(D.mul(r, D.sub(c, a)), currencyCode),
		paidQuantity: item.receivedQuantity,
		paidAmount: cur(D.mul(r, a), currencyCode),
	};
	if (varianceReasons.length) matchingContext.varianceReasons = varianceReasons;
	const context: LineItemContext = { lineItemType: 'GOODS', matchingContext };
	const identifiers: NonNullable<LineItemContext['itemIdentifiers']> = [];
	if (item.asin) identifiers.push({ itemIdentifierName: 'ASIN', itemIdentifierValue: item.asin });
	if (item.vendorProductIdentifier)
		identifiers.push({
			itemIdentifierName: 'EXTERNAL_ID',
			itemIdentifierValue: item.vendorProductIdentifier,
		});
	if (identifiers.length) context.itemIdentifiers = identifiers;
	if (item.description) context.itemDescription = item.description;
	const result: FinInvoiceItem = {
		lineItemId: `LI-${String(index + 1).padStart(3, '0')}`,
		unitCost: cur(c, currencyCode),
		quantity: item.quantity,
		totalAmount: cur(total, currencyCode),
		totalAmountBreakdown: [
			{
				breakdownType: 'ItemCostWithoutTax',
				breakdownAmount: cur(total, currencyCode),
				breakdowns: [],
			},
		],
		lineItemContext: context,
	};
	const po = item.purchaseOrderNumber ?? fallbackPo;
	if (po) result.relatedItemIdentifiers = related('PURCHASE_ORDER_IDS', [po]);
	return result;
}

/**
 * The documents the Finances Invoices API shows for these payments (and for submitted invoices not
 * paid yet), sorted by issue date, then identifier.
 */
type PartnerIdOf = (marketplaceId: string) => string;

function amazonParty(partnerId: string): InvoiceHeader['payer'] {
	return { partnerId, partnerType: 'AMAZON', partnerName: 'Amazon', partnerEntities: [] };
}

interface GroupedLines {
	apInvoices: Map<string, LineRef[]>;
	apClaims: Map<string, LineRef[]>;
	others: Map<string, LineRef[]>;
}

/** The lines of the payments by document: vendor invoices, their claims, Amazon's own invoices. */
function groupLines(ordered: Payment[]): GroupedLines {
	// group lines
	const apInvoices = new Map<string, LineRef[]>();
	const apClaims = new Map<string, LineRef[]>();
	const others = new Map<string, LineRef[]>();
	const apKey = (p: Payment, invoiceNumber: string) =>
		`${p.marketplaceId}|${p.payeeCode}|${invoiceNumber}`;
	for (const payment of ordered) {
		for (const line of payment.lines) {
			const ref = { payment, line };
			if (INVOICE_KINDS.has(line.kind)) {
				const key = apKey(payment, line.invoiceNumber);
				apInvoices.set(key, [...(apInvoices.get(key) ?? []), ref]);
			} else if (CLAIM_KINDS.has(line.kind)) {
				const key = apKey(payment, line.baseInvoiceNumber ?? line.invoiceNumber);
				apClaims.set(key, [...(apClaims.get(key) ?? []), ref]);
			} else if (AR_KINDS.has(line.kind)) {
				const key = `${payment.marketplaceId}|${line.invoiceNumber}`;
				others.set(key, [...(others.get(key) ?? []), ref]);
			} else if (PROVISION_KINDS.has(line.kind)) {
				// a hold on the payment, not an invoice
			}
		}
	}
	// claims without their invoice in any payment stand alone
	for (const [key, refs] of [...apClaims]) {
		if (apInvoices.has(key)) continue;
		apClaims.delete(key);
		for (const ref of refs) {
			const k = `${ref.payment.marketplaceId}|${ref.line.invoiceNumber}`;
			others.set(k, [...(others.get(k) ?? []), ref]);
		}
	}

	return { apInvoices, apClaims, others };
}

/** The vendor invoice (AP) of a group of lines, with the claims against it. */
function apInvoiceDocument(
	refs: LineRef[],
	claims: LineRef[],
	amazonPartnerId: PartnerIdOf,
): FinanceDocument {
	const first = refs[0];
	const last = refs[refs.length - 1];
	const { payment } = first;
	const code = payment.currency;
	const gross = D.dec(first.line.invoiceAmount);
	const paidOnInvoice = D.sum(refs.map((r) => D.dec(r.line.amountPaid)));
	const discount = D.sum(refs.map((r) => D.dec(r.line.discountTaken)));
	const remaining = D.dec(last.line.remainingAmount);
	const shortage = D.neg(
		D.sum(
			claims.filter((c) => SHORTAGE_KINDS.has(c.line.kind)).map((c) => D.dec(c.line.invoiceAmount)),
		),
	);
	const price = D.neg(
		D.sum(
			claims.filter((c) => c.line.kind === 'priceClaim').map((c) => D.dec(c.line.invoiceAmount)),
		),
	);
	const netPaid = D.add(paidOnInvoice, D.sum(claims.map((c) => D.dec(c.line.amountPaid))));
	const settlement: Breakdown[] = [
		{ breakdownType: 'AmountPaid', breakdownAmount: cur(netPaid, code), breakdowns: [] },
	];
	const addBreakdown = (type: string, d: D.Dec) => {
		if (!D.isZero(d))
			settlement.push({ breakdownType: type, breakdownAmount: cur(d, code), breakdowns: [] });
	};
	addBreakdown('QueuedForPayment', remaining);
	addBreakdown('QuickPayDiscount', discount);
	addBreakdown('QuantityVarianceAmount', shortage);
	addBreakdown('PriceVariance', price);
	const status: InvoiceStatus =
		D.isZero(paidOnInvoice) && D.isZero(discount)
			? 'IN_PROGRESS'
			: D.sign(remaining) > 0
				? 'PARTIALLY_PAID'
				: 'PAID';
	const issueDate = dayStart(first.line.invoiceDate);
	const all = [...refs, ...claims];
	const lastUpdated = all
		.map((r) => r.payment.paymentDate)
		.sort()
		.reverse()[0];
	const days = netDays(payment.paymentTerms);
	const header: InvoiceHeader = {
		invoiceNumber: first.line.invoiceNumber,
		invoiceIdentifier: `${first.line.invoiceNumber}~${payment.payeeCode}`,
		invoiceStatus: status,
		invoiceType: 'AP_INVENTORY',
		payer: amazonParty(amazonPartnerId(payment.marketplaceId)),
		payee: {
			partnerId: payment.vendorGroupId,
			partnerType: 'VENDOR',
			partnerEntities: [payment.payeeCode],
		},
		issueDate,
		paymentTerms: payment.paymentTerms,
		invoiceAmount: cur(gross, code),
		invoiceAmountBreakdowns: [
			{ breakdownType: 'Total', breakdownAmount: cur(gross, code), breakdowns: [] },
		],
		invoiceSettlementBreakdowns: settlement,
		relatedIdentifiers: [
			...related('PAYEE_CODE', [payment.payeeCode]),
			...related('VENDOR_CODE', [payment.vendorCode]),
			...related('PURCHASE_ORDER_IDS', [
				...refs.map((r) => r.line.purchaseOrderNumber),
				...refs.flatMap((r) => r.line.items.map((i) => i.purchaseOrderNumber)),
			]),
			...related(
				'SHORTAGE_INVOICE_IDS',
				claims.filter((c) => SHORTAGE_KINDS.has(c.line.kind)).map((c) => c.line.invoiceNumber),
			),
			...related(
				'UNIQUE_PAYMENT_IDS',
				all.map((r) => r.payment.paymentNumber),
			),
		],
		creationDate: issueDate,
		lastUpdatedDate: dayStart(lastUpdated),
	};
	if (days !== undefined) header.dueDate = addDays(issueDate, days);
	const items = apInvoiceItems(refs, claims, { code, gross, shortage, price, netPaid });
	return { marketplaceId: payment.marketplaceId, header, items };
}

/** The items of a vendor invoice: its own, or one item carrying the claims' variances. */
function apInvoiceItems(
	refs: LineRef[],
	claims: LineRef[],
	amounts: { code: string; gross: D.Dec; shortage: D.Dec; price: D.Dec; netPaid: D.Dec },
): FinInvoiceItem[] {
	const { code, gross, shortage, price, netPaid } = amounts;
	const first = refs[0];
	const withItems = refs.find((r) => r.line.items.length > 0);
	if (withItems) {
		return withItems.line.items.map((item, i) =>
			itemToFinance(item, i, code, withItems.line.purchaseOrderNumber),
		);
	}
	{
		const context: LineItemContext = {
			lineItemType: 'GOODS',
			itemDescription: first.line.description,
		};
		if (claims.length > 0) {
			const reasons: VarianceReason[] = [];
			const pqv = unique(
				claims.filter((c) => SHORTAGE_KINDS.has(c.line.kind)).flatMap((c) => c.line.defectTypes),
			);
			const ppv = unique(
				claims.filter((c) => c.line.kind === 'priceClaim').flatMap((c) => c.line.defectTypes),
			);
			if (!D.isZero(shortage))
				reasons.push({ varianceType: 'PQV', defectTypes: pqv.length ? pqv : ['OTHER'] });
			if (!D.isZero(price))
				reasons.push({ varianceType: 'PPV', defectTypes: ppv.length ? ppv : ['OTHER'] });
			context.matchingContext = {
				matchedQuantity: 0,
				matchedAmount: cur(D.sub(gross, shortage), code),
				priceVariance: cur(price, code),
				paidAmount: cur(netPaid, code),
			};
			if (reasons.length) context.matchingContext.varianceReasons = reasons;
		}
		const item: FinInvoiceItem = {
			lineItemId: 'LI-001',
			totalAmount: cur(gross, code),
			lineItemContext: context,
		};
		if (first.line.purchaseOrderNumber)
			item.relatedItemIdentifiers = related('PURCHASE_ORDER_IDS', [first.line.purchaseOrderNumber]);
		return [item];
	}
}

/** Amazon's own invoice (a deduction from the payments that name it). */
function deductionDocument(refs: LineRef[], amazonPartnerId: PartnerIdOf): FinanceDocument {
	const first = refs[0];
	const last = refs[refs.length - 1];
	const { payment, line } = first;
	const code = payment.currency;
	const amount = D.abs(D.dec(line.invoiceAmount));
	const deducted = D.neg(D.sum(refs.map((r) => D.dec(r.line.amountPaid))));
	const remaining = D.abs(D.dec(last.line.remainingAmount));
	const settlement: Breakdown[] = [
		{ breakdownType: 'AmountPaid', breakdownAmount: cur(deducted, code), breakdowns: [] },
	];
	if (!D.isZero(remaining))
		settlement.push({
			breakdownType: 'QueuedForPayment',
			breakdownAmount: cur(remaining, code),
			breakdowns: [],
		});
	const issueDate = dayStart(line.invoiceDate);
	const lastUpdated = refs
		.map((r) => r.payment.paymentDate)
		.sort()
		.reverse()[0];
	const isClaim = CLAIM_KINDS.has(line.kind);
	const header: InvoiceHeader = {
		invoiceNumber: line.invoiceNumber,
		invoiceIdentifier: line.invoiceNumber,
		invoiceStatus: D.isZero(remaining) ? 'DEDUCTED' : 'PARTIALLY_DEDUCTED',
		invoiceType: 'OTHER',
		payer: {
			partnerId: payment.vendorGroupId,
			partnerType: 'VENDOR',
			partnerEntities: [payment.vendorCode],
		},
		payee: amazonParty(amazonPartnerId(payment.marketplaceId)),
		issueDate,
		invoiceAmount: cur(amount, code),
		invoiceAmountBreakdowns: [
			{ breakdownType: 'Total', breakdownAmount: cur(amount, code), breakdowns: [] },
		],
		invoiceSettlementBreakdowns: settlement,
		relatedIdentifiers: [
			...related('VENDOR_CODE', [payment.vendorCode]),
			...related(
				'PURCHASE_ORDER_IDS',
				refs.map((r) => r.line.purchaseOrderNumber),
			),
			...related(
				'AGREEMENT_IDS',
				refs.map((r) => r.line.agreementId),
			),
			...related('SHORTAGE_INVOICE_IDS', SHORTAGE_KINDS.has(line.kind) ? [line.invoiceNumber] : []),
			...related(
				'UNIQUE_PAYMENT_IDS',
				refs.map((r) => r.payment.paymentNumber),
			),
		],
		creationDate: issueDate,
		lastUpdatedDate: dayStart(lastUpdated),
	};
	const context: LineItemContext = {
		lineItemType: isClaim ? 'OTHERS' : 'SERVICES',
		itemDescription: line.description,
	};
	if (!isClaim)
		context.serviceChargeType =
			line.serviceChargeType ?? (line.kind === 'priceProtection' ? 'PRICE_PROTECTION' : 'OTHER');
	if (isClaim) {
		context.matchingContext = {
			matchedQuantity: 0,
			matchedAmount: cur(D.ZERO, code),
			varianceReasons: [
				{
					varianceType: line.kind === 'priceClaim' ? 'PPV' : 'PQV',
					defectTypes: line.defectTypes.length ? line.defectTypes : ['OTHER'],
				},
			],
		};
	}
	const item: FinInvoiceItem = {
		lineItemId: 'LI-001',
		unitCost: cur(amount, code),
		quantity: 1,
		totalAmount: cur(amount, code),
		lineItemContext: context,
	};
	if (line.purchaseOrderNumber)
		item.relatedItemIdentifiers = related('PURCHASE_ORDER_IDS', [line.purchaseOrderNumber]);
	return { marketplaceId: payment.marketplaceId, header, items: [item] };
}

/** A submitted invoice that no payment names yet: in progress. */
function submittedDocument(
	record: InvoiceRecord,
	vendor: Required<NonNullable<FinancesContext['vendor']>>,
	amazonPartnerId: PartnerIdOf,
): FinanceDocument {
	const code = record.currencyCode;
	const total = D.dec(record.total);
	const issueMs = Date.parse(record.date);
	const issueDate = Number.isFinite(issueMs) ? new Date(issueMs).toISOString() : record.receivedAt;
	const days = netDays(vendor.paymentTerms);
	const header: InvoiceHeader = {
		invoiceNumber: record.id,
		invoiceIdentifier: `${record.id}~${vendor.payeeCode}`,
		invoiceStatus: 'IN_PROGRESS',
		invoiceType: 'AP_INVENTORY',
		payer: amazonParty(amazonPartnerId(vendor.marketplaceId)),
		payee: {
			partnerId: vendor.vendorGroupId,
			partnerType: 'VENDOR',
			partnerEntities: [vendor.payeeCode],
		},
		issueDate,
		paymentTerms: vendor.paymentTerms,
		invoiceAmount: cur(total, code),
		invoiceAmountBreakdowns: [
			{ breakdownType: 'Total', breakdownAmount: cur(total, code), breakdowns: [] },
		],
		relatedIdentifiers: [
			...related('PAYEE_CODE', [vendor.payeeCode]),
			...related('VENDOR_CODE', [vendor.vendorCode]),
			...related(
				'PURCHASE_ORDER_IDS',
				record.lines.map((l) => l.purchaseOrderNumber),
			),
		],
		creationDate: record.receivedAt,
		lastUpdatedDate: record.receivedAt,
	};
	if (days !== undefined) header.dueDate = addDays(issueDate, days);
	const items: FinInvoiceItem[] = record.lines.map((l, i) => ({
		lineItemId: `LI-${String(i + 1).padStart(3, '0')}`,
		unitCost: cur(D.dec(l.netCost), code),
		quantity: l.eaches,
		totalAmount: cur(D.dec(l.amount), code),
		totalAmountBreakdown: [
			{
				breakdownType: 'ItemCostWithoutTax',
				breakdownAmount: cur(D.dec(l.amount), code),
				breakdowns: [],
			},
		],
		lineItemContext: { lineItemType: 'GOODS' },
		relatedItemIdentifiers: related('PURCHASE_ORDER_IDS', [l.purchaseOrderNumber]),
	}));
	return { marketplaceId: vendor.marketplaceId, header, items };
}

export function financeDocuments(payments: Payment[], ctx: FinancesContext): FinanceDocument[] {
	const region = ctx.region ?? 'na';
	const amazonPartnerId = (marketplaceId: string) =>
		(
			Object.values(REGION_DEFAULTS).find((r) => r.marketplaceId === marketplaceId) ??
			REGION_DEFAULTS[region]
		).amazonPartnerId;
	const ordered = [...payments].sort((x, y) => x.paymentDate.localeCompare(y.paymentDate));
	const { apInvoices, apClaims, others } = groupLines(ordered);
	const docs: FinanceDocument[] = [];
	for (const [key, refs] of apInvoices)
		docs.push(apInvoiceDocument(refs, apClaims.get(key) ?? [], amazonPartnerId));
	for (const refs of others.values()) docs.push(deductionDocument(refs, amazonPartnerId));
	// submitted invoices no payment mentions yet
	const vendor = {
		payeeCode: ctx.vendor?.payeeCode ?? DEFAULT_PAYEE.payeeCode,
		vendorGroupId: ctx.vendor?.vendorGroupId ?? DEFAULT_PAYEE.vendorGroupId,
		vendorCode: ctx.vendor?.vendorCode ?? DEFAULT_PAYEE.vendorCode,
		marketplaceId: ctx.vendor?.marketplaceId ?? REGION_DEFAULTS[region].marketplaceId,
		paymentTerms: ctx.vendor?.paymentTerms ?? DEFAULT_PAYEE.paymentTerms,
	};
	const known = new Set(docs.map((d) => d.header.invoiceNumber));
	for (const record of ctx.submittedInvoices ?? []) {
		if (record.invoiceType !== 'Invoice' || known.has(record.id)) continue;
		known.add(record.id);
		docs.push(submittedDocument(record, vendor, amazonPartnerId));
	}

	return docs.sort(
		(x, y) =>
			x.header.issueDate.localeCompare(y.header.issueDate) ||
			x.header.invoiceIdentifier.localeCompare(y.header.invoiceIdentifier),
	);
}

function encodeToken(payload: Record<string, unknown>): string {
	return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeToken(token: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		return isObj(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/**
 * GET /finances/invoices/2026-06-25/invoices (getInvoiceHeaders). Query: marketplaceId (required),
 * fromIssueDate + toIssueDate (both or neither; at most 90 days apart; default the 90 days before
 * now), invoicesModifiedAfter, nextToken (from the previous page, with the same other arguments).
 * Bad queries answer 400 `{ errors: [{ code: 'InvalidInput', message }] }`.
 */
export function listInvoices(
	payments: Payment[],
	query: QueryInput,
	ctx: FinancesContext,
): FinancesAnswer<GetInvoicesResponse> {
	const marketplaceId = queryValue(query, 'marketplaceId')?.trim();
	if (!marketplaceId) return bad('marketplaceId is required.');
	const fromText = queryValue(query, 'fromIssueDate');
	const toText = queryValue(query, 'toIssueDate');
	if ((fromText === undefined) !== (toText === undefined)) {
		return bad('Either provide both fromIssueDate and toIssueDate or leave both empty.');
	}
	const nowMs = ctx.now.getTime();
	let from = nowMs - MAX_SPAN_DAYS * DAY;
	let to = nowMs;
	if (fromText !== undefined && toText !== undefined) {
		const f = parseIso(fromText);
		if (f === undefined) return bad(`fromIssueDate '${fromText}' is not an ISO 8601 date-time.`);
		const t = parseIso(toText);
		if (t === undefined) return bad(`toIssueDate '${toText}' is not an ISO 8601 date-time.`);
		if (f > t) return bad('fromIssueDate must not be after toIssueDate.');
		if (t - f > MAX_SPAN_DAYS * DAY)
			return bad('The range between fromIssueDate and toIssueDate must not exceed 90 days.');
		from = f;
		to = t;
	}
	const modifiedText = queryValue(query, 'invoicesModifiedAfter');
	let modifiedAfter: number | undefined;
	if (modifiedText !== undefined) {
		modifiedAfter = parseIso(modifiedText);
		if (modifiedAfter === undefined)
			return bad(`invoicesModifiedAfter '${modifiedText}' is not an ISO 8601 date-time.`);
	}
	const fingerprint = [marketplaceId, fromText ?? '', toText ?? '', modifiedText ?? ''].join('|');
	let offset = 0;
	const token = queryValue(query, 'nextToken');
	if (token !== undefined) {
		const decoded = decodeToken(token);
		if (!decoded || typeof decoded.o !== 'number' || decoded.q !== fingerprint) {
			return bad(
				'Invalid nextToken: call again with the same arguments as the call that returned it.',
			);
		}
		offset = decoded.o;
	}
	const matching = financeDocuments(payments, ctx)
		.filter((d) => d.marketplaceId === marketplaceId)
		.map((d) => d.header)
		.filter((h) => {
			const issued = Date.parse(h.issueDate);
			if (issued < from || issued > to) return false;
			return modifiedAfter === undefined || Date.parse(h.lastUpdatedDate) > modifiedAfter;
		});
	const pageSize = ctx.pageSize ?? 100;
	const page = matching.slice(offset, offset + pageSize);
	const body: GetInvoicesResponse = { invoices: page, numOfRecords: page.length };
	if (offset + pageSize < matching.length)
		body.nextToken = encodeToken({ o: offset + pageSize, q: fingerprint });
	return { status: 200, body };
}

/**
 * GET /finances/invoices/2026-06-25/invoices/{invoiceIdentifier} (getInvoice). Query:
 * marketplaceId (required), nextTokenForLineItems. Unknown identifiers answer 404 NotFound.
 */
export function getInvoice(
	payments: Payment[],
	invoiceIdentifier: string,
	query: QueryInput,
	ctx: FinancesContext,
): FinancesAnswer<GetInvoiceResponse> {
	const marketplaceId = queryValue(query, 'marketplaceId')?.trim();
	if (!marketplaceId) return bad('marketplaceId is required.');
	if (!invoiceIdentifier || !invoiceIdentifier.trim()) return bad('invoiceIdentifier is required.');
	const doc = financeDocuments(payments, ctx).find(
		(d) => d.marketplaceId === marketplaceId && d.header.invoiceIdentifier === invoiceIdentifier,
	);
	if (!doc)
		return bad(
			`Invoice '${invoiceIdentifier}' was not found in marketplace '${marketplaceId}'.`,
			404,
			'NotFound',
		);
	let offset = 0;
	const token = queryValue(query, 'nextTokenForLineItems');
	if (token !== undefined) {
		const decoded = decodeToken(token);
		if (!decoded || typeof decoded.o !== 'number' || decoded.id !== invoiceIdentifier) {
			return bad(
				'Invalid nextTokenForLineItems: call again with the same arguments as the call that returned it.',
			);
		}
		offset = decoded.o;
	}
	const pageSize = ctx.lineItemPageSize ?? 600;
	const body: GetInvoiceResponse = {
		invoiceHeader: doc.header,
		invoiceItems: doc.items.slice(offset, offset + pageSize),
	};
	if (offset + pageSize < doc.items.length)
		body.nextTokenForLineItems = encodeToken({ o: offset + pageSize, id: invoiceIdentifier });
	return { status: 200, body };
}
