/**
 * Build Invoice: Amazon's submitInvoices body from shipped quantities and acknowledged costs, and
 * the checks to run before sending any invoice body (built here or by an ERP). Pure: no n8n
 * imports; money is exact (money.ts), never JS floats.
 *
 * Arithmetic (what Amazon checks, vendor retail procurement guide and the vendorInvoices model):
 * - Line amount = invoiced eaches x netCost (netCost is per each, as on the PO); for a line priced
 *   by weight (`netCostUnitOfMeasure`), shipped weight (`invoicedQuantity.totalWeight`) x netCost.
 *   A Cases quantity counts `amount x unitSize` eaches.
 * - invoiceTotal = Σ line amounts + Σ header charges - Σ header allowances + header taxes (the
 *   items' taxes) + the taxes of the charges - the taxes of the allowances, rounded half up to the
 *   currency's minor units. Amazon's model: "including charges, less allowances, before terms
 *   discount", "including all relevant taxes"; Amazon's own example (invoice 0136981234) adds up
 *   exactly like this, with the charge's tax carried on the charge and the header taxDetails
 *   totalling the line items only ("Total tax amount details for all line items"). With no tax
 *   details the total is items + charges - allowances.
 * - Taxes: each rate is applied to each line's amount (taxableAmount = the line amount), and to each
 *   charge and allowance, each tax rounded half up to minor units; the header taxDetails per (type,
 *   rate) are the exact sums of the line taxes, so line taxes always add up to the header. (Amazon's
 *   example shows line taxes computed on the unit cost; its figures do not add up either way, so
 *   the extended amount is used.)
 * - Charges and allowances are built at header level (itemised there, as Amazon asks); item-level
 *   charges and allowances of a body checked here are not added again.
 *
 * Checks ({@link checkInvoice}), every mismatch with the figures side by side:
 * total = items + charges - allowances (+ taxes); line taxes = header taxes; invoiced quantity not
 * above shipped minus already invoiced; unit cost equal to the acknowledged cost; invoice number
 * never reused (unless resending a failed API invoice, which Amazon wants under the same number); no
 * zero total; every Invoice line carries its PO number; one currency.
 */
import {
	DATE_TIME_PATTERN,
	SubmitInvoicesRequestSchema,
	type AdditionalDetails,
	type AllowanceDetails,
	type ChargeDetails,
	type Invoice,
	type InvoiceItem,
	type ItemQuantity,
	type PartyIdentification,
	type PaymentTerms,
	type SubmitInvoicesRequest,
	type TaxDetails,
} from '../generated/vendorInvoices';
import {
	add,
	compare,
	Decimal,
	formatMoney,
	isNegative,
	isZero,
	minorUnits,
	multiply,
	normalizeCurrencyCode,
	parseDecimal,
	roundToScale,
	subtract,
	sum,
	toDecimalString,
} from './money';
import { validateAgainst, type ValidationIssue } from './validation';

// ---------------------------------------------------------------------------------------------
// Input shapes

export type TaxType = TaxDetails['taxType'];
export type ChargeType = ChargeDetails['type'];
export type AllowanceType = AllowanceDetails['type'];
export type WeightUnit = NonNullable<InvoiceItem['netCostUnitOfMeasure']>;

/** A tax to apply: type and rate in percent as a decimal string ("20" is 20 %). */
export interface TaxRate {
	taxType: TaxType;
	taxRate: string;
}

export interface InvoiceMoneyInput {
	currencyCode: string;
	/** Decimal string, never a JS float ("12.50"). */
	amount: string;
}

/** One PO line to invoice: what shipped and what was acknowledged. */
export interface InvoiceLineSource {
	purchaseOrderNumber: string;
	/** The PO's item sequence number ("1", "00001"). */
	itemSequenceNumber: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	unitOfMeasure: 'Cases' | 'Eaches';
	/** Eaches per case (1 for Eaches). */
	unitSize: number;
	/** Shipped to date, in the PO's unit (the ASN's shippedLines). */
	shippedQuantity: number;
	/** Invoiced before, in the PO's unit. Default 0. */
	alreadyInvoicedQuantity?: number;
	/** To invoice now, in the PO's unit. Default shipped - already invoiced. */
	quantity?: number;
	/** The acknowledged net cost (after accepted changes): per each, or per weight unit. */
	acknowledgedNetCost: InvoiceMoneyInput;
	/** The cost the ERP wants to invoice, when it differs from the acknowledged one (checked). */
	unitCost?: string;
	/** Set for a line priced by weight. */
	netCostUnitOfMeasure?: WeightUnit;
	/** Shipped weight (decimal string) of a weight-priced line, in netCostUnitOfMeasure. */
	totalWeight?: string;
	/** Overrides the invoice's taxes for this line ([] = untaxed line). */
	taxes?: TaxRate[];
	hsnCode?: string;
}

export interface InvoiceChargeInput {
	type: ChargeType;
	description?: string;
	/** Decimal string in the invoice currency. */
	amount: string;
	/** Overrides the invoice's taxes for this charge ([] = untaxed). */
	taxes?: TaxRate[];
}

export interface InvoiceAllowanceInput {
	type: AllowanceType;
	description?: string;
	amount: string;
	taxes?: TaxRate[];
}

export interface InvoiceAddressInput {
	name: string;
	addressLine1: string;
	addressLine2?: string;
	addressLine3?: string;
	city?: string;
	county?: string;
	district?: string;
	stateOrRegion?: string;
	/** The invoices model calls it postalOrZipCode; postalCode is read too. */
	postalOrZipCode?: string;
	postalCode?: string;
	/** 2 letters. */
	countryCode: string;
	phone?: string;
}

export interface InvoicePartyInput {
	partyId: string;
	address?: InvoiceAddressInput;
	taxRegistrationDetails?: Array<{
		taxRegistrationType: 'VAT' | 'GST';
		taxRegistrationNumber: string;
	}>;
}

export interface BuildInvoiceInput {
	/** The invoice number: unique, never reused (except to resend a failed API invoice). */
	id: string;
	/** ISO 8601; on or after the PO dates, not in the future. */
	date: string;
	/** Default Invoice. CreditNote is EU only. */
	invoiceType?: 'Invoice' | 'CreditNote';
	currencyCode: string;
	referenceNumber?: string;
	remitToParty: InvoicePartyInput;
	billToParty?: InvoicePartyInput;
	shipToParty?: InvoicePartyInput;
	shipFromParty?: InvoicePartyInput;
	paymentTerms?: PaymentTerms;
	lines: InvoiceLineSource[];
	charges?: InvoiceChargeInput[];
	allowances?: InvoiceAllowanceInput[];
	/** Applied to every line, charge and allowance that has no `taxes` of its own. */
	taxes?: TaxRate[];
	additionalDetails?: AdditionalDetails[];
	/** The ERP's total, when the ERP is the source of truth: compared with the computed one. */
	expectedTotal?: string;
}

export interface BuildInvoiceOptions {
	/** Invoice numbers already used (kept per workflow). */
	usedInvoiceNumbers?: readonly string[];
	/** Resending an API invoice Amazon failed: the same number is expected, so reuse is allowed. */
	resendOfFailedInvoice?: boolean;
	/** `purchaseOrder` (default): quantities in the PO's unit; `eaches`: in eaches. */
	quantityUnit?: 'purchaseOrder' | 'eaches';
	/**
	 * Integer itemSequenceNumber: `purchaseOrderLine` (the PO line number), `sequential` (1, 2...),
	 * or `auto` (default): the PO line numbers when all are digits and unique in the invoice.
	 */
	itemNumbering?: 'auto' | 'purchaseOrderLine' | 'sequential';
	/** Checked against the invoice date. */
	now?: Date | string | number;
}

// ---------------------------------------------------------------------------------------------
// Output shapes

export type InvoiceMismatchCode =
	| 'INVALID_INPUT'
	| 'TOTAL_MISMATCH'
	| 'EXPECTED_TOTAL_MISMATCH'
	| 'TAX_MISMATCH'
	| 'ZERO_TOTAL'
	| 'QUANTITY_ABOVE_SHIPPED'
	| 'LINE_NOT_SHIPPED'
	| 'LINE_NOT_ACKNOWLEDGED'
	| 'UNIT_COST_MISMATCH'
	| 'CURRENCY_MISMATCH'
	| 'WEIGHT_MISSING'
	| 'PURCHASE_ORDER_NUMBER_MISSING'
	| 'DUPLICATE_ITEM_SEQUENCE'
	| 'INVOICE_NUMBER_REUSED'
	| 'INVOICE_DATE_INVALID'
	| 'MODEL_VALIDATION';

export interface InvoiceMismatch {
	code: InvoiceMismatchCode;
	message: string;
	/** Where in the invoice body (e.g. `items[1].netCost.amount`). */
	path?: string;
	/** What it should be. */
	expected?: string | number;
	/** What it is. */
	actual?: string | number;
	/** Further figures (components of a total, PO line...). */
	details?: Record<string, unknown>;
}

export interface InvoiceLineMapEntry {
	/** The integer itemSequenceNumber in the invoice. */
	itemSequenceNumber: number;
	purchaseOrderNumber: string;
	/** The PO's item sequence number. */
	purchaseOrderItemSequenceNumber: string;
	/** In the PO's unit. */
	invoicedQuantity: number;
	invoicedEaches: number;
	lineAmount: string;
}

export interface InvoiceFigures {
	currencyCode: string;
	/** Σ line amounts (exact). */
	items: string;
	charges: string;
	allowances: string;
	tax: string;
	/** items + charges - allowances + tax, rounded to the currency's minor units. */
	total: string;
	/** Σ acknowledged cost x shipped eaches of the lines (what Amazon expects to pay for the goods). */
	acknowledgedValueOfShipped: string;
}

export interface InvoiceBuild {
	/** True when there is no mismatch and the body passed the model. */
	ok: boolean;
	invoice?: Invoice;
	/** `{ invoices: [invoice] }`. */
	request?: SubmitInvoicesRequest;
	mismatches: InvoiceMismatch[];
	lineMap: InvoiceLineMapEntry[];
	figures?: InvoiceFigures;
	warnings: string[];
}

/** A shipped PO line, for {@link checkInvoice}. */
export interface ShippedLineRef {
	purchaseOrderNumber: string;
	itemSequenceNumber?: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	shippedEaches: number;
	/** Eaches invoiced before. Default 0. */
	alreadyInvoicedEaches?: number;
}

/** An acknowledged PO line with its cost, for {@link checkInvoice}. */
export interface AcknowledgedCostRef {
	purchaseOrderNumber: string;
	itemSequenceNumber?: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	netCost: InvoiceMoneyInput;
}

export interface InvoiceCheckContext {
	shipped?: readonly ShippedLineRef[];
	acknowledged?: readonly AcknowledgedCostRef[];
	usedInvoiceNumbers?: readonly string[];
	resendOfFailedInvoice?: boolean;
	/** For the date check (not after now). Default the current time. */
	now?: Date | string | number;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function shown(value: unknown): string {
	if (typeof value === 'string')
		return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
	if (value === null || value === undefined) return String(value);
	if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
	return String(value);
}

function dec(value: unknown): Decimal | undefined {
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isSafeInteger(value)))
		return undefined;
	try {
		return parseDecimal(value);
	} catch {
		return undefined;
	}
}

const ZERO = new Decimal(BigInt(0), 0);

function s(d: Decimal): string {
	return toDecimalString(d);
}

function epoch(value: Date | string | number | undefined): number {
	if (value === undefined) return Date.now();
	const ms =
		value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
	if (!Number.isFinite(ms)) throw new TypeError(`now is not a valid date (got ${shown(value)})`);
	return ms;
}

function eachesOf(q: ItemQuantity | undefined): number {
	if (q === undefined) return 0;
	return q.unitOfMeasure === 'Cases' ? q.amount * (q.unitSize ?? 1) : q.amount;
}

/** Tax = base x rate / 100, rounded half up to the currency's minor units. */
function taxOn(base: Decimal, rate: Decimal, currencyCode: string): Decimal {
	const exact = multiply(base, rate);
	// Divide by 100 exactly by moving the point, then round.
	const divided = new Decimal(exact.units, exact.scale + 2);
	return roundToScale(divided, minorUnits(currencyCode), 'halfUp');
}

function moneyOf(
	currencyCode: string,
	amount: Decimal | string,
): { currencyCode: string; amount: string } {
	return { currencyCode, amount: typeof amount === 'string' ? amount : s(amount) };
}

function partyOf(value: InvoicePartyInput): PartyIdentification {
	const out: PartyIdentification = { partyId: value.partyId.trim() };
	if (value.address) {
		const a = value.address;
		const addr: NonNullable<PartyIdentification['address']> = {
			name: a.name,
			addressLine1: a.addressLine1,
			countryCode: a.countryCode.trim().toUpperCase(),
		};
		for (const key of [
			'addressLine2',
			'addressLine3',
			'city',
			'county',
			'district',
			'stateOrRegion',
		] as const) {
			if (a[key] !== undefined && a[key] !== '') addr[key] = a[key];
		}
		const postal = a.postalOrZipCode ?? a.postalCode;
		if (postal !== undefined && postal !== '') addr.postalOrZipCode = postal;
		if (a.phone !== undefined && a.phone !== '') addr.phone = a.phone;
		out.address = addr;
	}
	if (value.taxRegistrationDetails && value.taxRegistrationDetails.length)
		out.taxRegistrationDetails = value.taxRegistrationDetails.map((t) => ({ ...t }));
	return out;
}

interface TaxAccumulator {
	taxType: TaxType;
	taxRate: string;
	rate: Decimal;
	taxable: Decimal;
	tax: Decimal;
}

// ---------------------------------------------------------------------------------------------
// Matching invoice lines to PO lines

interface LineKeyed {
	purchaseOrderNumber?: string;
	itemSequenceNumber?: string | number;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
}

function sameSeq(a: string | number | undefined, b: string | number | undefined): boolean {
	if (a === undefined || b === undefined) return false;
	const x = String(a).trim();
	const y = String(b).trim();
	if (x === y) return true;
	return /^\d+$/.test(x) && /^\d+$/.test(y) && Number(x) === Number(y);
}

/** The PO line of `item`: same PO, then the same ASIN or vendor product identifier, else the same line number. */
function findLine<T extends LineKeyed>(item: LineKeyed, list: readonly T[]): T | undefined {
	const samePo = list.filter((l) => l.purchaseOrderNumber === item.purchaseOrderNumber);
	const byId = samePo.filter(
		(l) =>
			(item.amazonProductIdentifier !== undefined &&
				l.amazonProductIdentifier === item.amazonProductIdentifier) ||
			(item.vendorProductIdentifier !== undefined &&
				l.vendorProductIdentifier === item.vendorProductIdentifier),
	);
	if (byId.length === 1) return byId[0];
	const pool = byId.length > 1 ? byId : samePo;
	const bySeq = pool.filter((l) => sameSeq(l.itemSequenceNumber, item.itemSequenceNumber));
	if (bySeq.length === 1) return bySeq[0];
	return byId.length === 1 ? byId[0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Checks

/**
 * Checks an invoice body (built here or by an ERP) before sending. Returns every mismatch with the
 * figures side by side; an empty list means the invoice is consistent with itself, the shipments,
 * the acknowledged costs and the numbers already used. Lines are matched to `shipped` and
 * `acknowledged` by PO number and ASIN / vendor product identifier, else by line number.
 */
export function checkInvoice(
	invoice: Invoice,
	context: InvoiceCheckContext = {},
): InvoiceMismatch[] {
	const out: InvoiceMismatch[] = [];
	const push = (m: InvoiceMismatch): void => {
		out.push(m);
	};
	const currency = invoice.invoiceTotal?.currencyCode;
	const items = invoice.items ?? [];

	// Invoice number
	if (!context.resendOfFailedInvoice && (context.usedInvoiceNumbers ?? []).includes(invoice.id)) {
		push({
			code: 'INVOICE_NUMBER_REUSED',
			message: `Invoice number ${JSON.stringify(invoice.id)} was already used: an invoice number is never reused (to resend an invoice Amazon failed, set resendOfFailedInvoice)`,
			path: 'id',
			actual: invoice.id,
		});
	}
	const dateMs = Date.parse(invoice.date);
	if (!DATE_TIME_PATTERN.test(invoice.date ?? '') || Number.isNaN(dateMs)) {
		push({
			code: 'INVOICE_DATE_INVALID',
			message: `The invoice date ${shown(invoice.date)} is not an ISO 8601 date-time`,
			path: 'date',
			actual: invoice.date,
		});
	} else if (dateMs > epoch(context.now) + 60 * 1000) {
		push({
			code: 'INVOICE_DATE_INVALID',
			message: `The invoice date ${invoice.date} is in the future`,
			path: 'date',
			actual: invoice.date,
		});
	}

	// Line amounts
	let itemsTotal = ZERO;
	let lineTax = ZERO;
	const seqs = new Map<number, number>();
	items.forEach((item, i) => {
		const path = `items[${i}]`;
		const prior = seqs.get(item.itemSequenceNumber);
		if (prior !== undefined)
			push({
				code: 'DUPLICATE_ITEM_SEQUENCE',
				message: `${path}: itemSequenceNumber ${item.itemSequenceNumber} is also on items[${prior}]`,
				path: `${path}.itemSequenceNumber`,
				actual: item.itemSequenceNumber,
			});
		else seqs.set(item.itemSequenceNumber, i);
		if (invoice.invoiceType === 'Invoice' && !item.purchaseOrderNumber) {
			push({
				code: 'PURCHASE_ORDER_NUMBER_MISSING',
				message: `${path}: an Invoice line needs its purchaseOrderNumber`,
				path: `${path}.purchaseOrderNumber`,
			});
		}
		if (
			item.netCost?.currencyCode !== undefined &&
			currency !== undefined &&
			item.netCost.currencyCode !== currency
		) {
			push({
				code: 'CURRENCY_MISMATCH',
				message: `${path}: net cost in ${item.netCost.currencyCode}, invoice in ${currency}`,
				path: `${path}.netCost.currencyCode`,
				expected: currency,
				actual: item.netCost.currencyCode,
			});
		}
		const cost = dec(item.netCost?.amount);
		const eaches = eachesOf(item.invoicedQuantity);
		let amount: Decimal | undefined;
		if (cost === undefined) {
			push({
				code: 'INVALID_INPUT',
				message: `${path}: netCost.amount ${shown(item.netCost?.amount)} is not a decimal`,
				path: `${path}.netCost.amount`,
			});
		} else if (item.netCostUnitOfMeasure !== undefined) {
			const weight = dec(item.invoicedQuantity?.totalWeight?.amount);
			if (weight === undefined) {
				push({
					code: 'WEIGHT_MISSING',
					message: `${path}: priced per ${item.netCostUnitOfMeasure} but invoicedQuantity.totalWeight gives no weight`,
					path: `${path}.invoicedQuantity.totalWeight`,
				});
			} else amount = multiply(cost, weight);
		} else amount = multiply(cost, eaches);
		if (amount !== undefined) itemsTotal = add(itemsTotal, amount);
		for (const t of item.taxDetails ?? []) {
			const ta = dec(t.taxAmount?.amount);
			if (ta !== undefined) lineTax = add(lineTax, ta);
		}

		// Against shipments and acknowledged costs
		const keyed: LineKeyed = { ...item, itemSequenceNumber: item.itemSequenceNumber };
		if (context.shipped !== undefined) {
			const shipped = findLine(keyed, context.shipped);
			if (shipped === undefined) {
				push({
					code: 'LINE_NOT_SHIPPED',
					message: `${path}: PO ${item.purchaseOrderNumber ?? '?'} item ${item.amazonProductIdentifier ?? item.vendorProductIdentifier ?? item.itemSequenceNumber} was not shipped: invoice only shipped goods`,
					path,
					details: {
						purchaseOrderNumber: item.purchaseOrderNumber,
						amazonProductIdentifier: item.amazonProductIdentifier,
						vendorProductIdentifier: item.vendorProductIdentifier,
					},
				});
			} else {
				const available = shipped.shippedEaches - (shipped.alreadyInvoicedEaches ?? 0);
				if (eaches > available) {
					push({
						code: 'QUANTITY_ABOVE_SHIPPED',
						message: `${path}: invoicing ${eaches} eaches but ${available} shipped and not yet invoiced (shipped ${shipped.shippedEaches}, already invoiced ${shipped.alreadyInvoicedEaches ?? 0})`,
						path: `${path}.invoicedQuantity`,
						expected: available,
						actual: eaches,
						details: {
							purchaseOrderNumber: item.purchaseOrderNumber,
							shippedEaches: shipped.shippedEaches,
							alreadyInvoicedEaches: shipped.alreadyInvoicedEaches ?? 0,
						},
					});
				}
			}
		}
		if (context.acknowledged !== undefined && cost !== undefined) {
			const ack = findLine(keyed, context.acknowledged);
			if (ack === undefined) {
				push({
					code: 'LINE_NOT_ACKNOWLEDGED',
					message: `${path}: no acknowledged PO line for PO ${item.purchaseOrderNumber ?? '?'} item ${item.amazonProductIdentifier ?? item.vendorProductIdentifier ?? item.itemSequenceNumber}`,
					path,
				});
			} else {
				const ackCost = dec(ack.netCost.amount);
				if (
					ackCost === undefined ||
					compare(ackCost, cost) !== 0 ||
					ack.netCost.currencyCode !== item.netCost.currencyCode
				) {
					push({
						code: 'UNIT_COST_MISMATCH',
						message: `${path}: unit cost ${item.netCost.amount} ${item.netCost.currencyCode ?? currency ?? ''} differs from the acknowledged ${ack.netCost.amount} ${ack.netCost.currencyCode}`,
						path: `${path}.netCost.amount`,
						expected: ack.netCost.amount,
						actual: item.netCost.amount as string,
						details: {
							purchaseOrderNumber: item.purchaseOrderNumber,
							expectedCurrency: ack.netCost.currencyCode,
							actualCurrency: item.netCost.currencyCode,
						},
					});
				}
			}
		}
	});

	// Header amounts
	const headerSum = (list: Array<{ amount?: string } | undefined>, field: string): Decimal => {
		let total = ZERO;
		list.forEach((m, i) => {
			const d = dec(m?.amount);
			if (d === undefined)
				push({
					code: 'INVALID_INPUT',
					message: `${field}[${i}] amount ${shown(m?.amount)} is not a decimal`,
					path: `${field}[${i}]`,
				});
			else total = add(total, d);
		});
		return total;
	};
	const charges = headerSum(
		(invoice.chargeDetails ?? []).map((c) => c.chargeAmount),
		'chargeDetails',
	);
	const allowances = headerSum(
		(invoice.allowanceDetails ?? []).map((a) => a.allowanceAmount),
		'allowanceDetails',
	);
	const headerTax = headerSum(
		(invoice.taxDetails ?? []).map((t) => t.taxAmount),
		'taxDetails',
	);
	let chargeTax = ZERO;
	for (const ch of invoice.chargeDetails ?? [])
		for (const t of ch.taxDetails ?? [])
			chargeTax = add(chargeTax, dec(t.taxAmount?.amount) ?? ZERO);
	for (const al of invoice.allowanceDetails ?? [])
		for (const t of al.taxDetails ?? [])
			chargeTax = subtract(chargeTax, dec(t.taxAmount?.amount) ?? ZERO);
	for (const [field, list] of [
		['chargeDetails', invoice.chargeDetails ?? []],
		['allowanceDetails', invoice.allowanceDetails ?? []],
	] as const) {
		list.forEach((entry, i) => {
			const money = 'chargeAmount' in entry ? entry.chargeAmount : entry.allowanceAmount;
			if (
				money?.currencyCode !== undefined &&
				currency !== undefined &&
				money.currencyCode !== currency
			) {
				push({
					code: 'CURRENCY_MISMATCH',
					message: `${field}[${i}] in ${money.currencyCode}, invoice in ${currency}`,
					path: `${field}[${i}]`,
					expected: currency,
					actual: money.currencyCode,
				});
			}
		});
	}

	const declared = dec(invoice.invoiceTotal?.amount);
	const tax = add(headerTax, chargeTax);
	const exact = add(subtract(add(itemsTotal, charges), allowances), tax);
	const computed =
		currency !== undefined && /^[A-Z]{3}$/.test(currency)
			? roundToScale(exact, minorUnits(currency))
			: exact;
	if (declared === undefined) {
		push({
			code: 'INVALID_INPUT',
			message: `invoiceTotal.amount ${shown(invoice.invoiceTotal?.amount)} is not a decimal`,
			path: 'invoiceTotal.amount',
		});
	} else {
		if (compare(declared, computed) !== 0) {
			push({
				code: 'TOTAL_MISMATCH',
				message: `Invoice total ${s(declared)} differs from items ${s(itemsTotal)} + charges ${s(charges)} - allowances ${s(allowances)} + tax ${s(tax)} = ${s(computed)}`,
				path: 'invoiceTotal.amount',
				expected: s(computed),
				actual: s(declared),
				details: {
					items: s(itemsTotal),
					charges: s(charges),
					allowances: s(allowances),
					tax: s(tax),
					itemTax: s(headerTax),
					chargeTax: s(chargeTax),
					difference: s(subtract(declared, computed)),
				},
			});
		}
		if (invoice.invoiceType === 'Invoice' && (isZero(declared) || isNegative(declared))) {
			push({
				code: 'ZERO_TOTAL',
				message: `The invoice total is ${s(declared)}: Amazon refuses zero or negative invoice totals`,
				path: 'invoiceTotal.amount',
				actual: s(declared),
			});
		}
	}
	if (items.some((i) => (i.taxDetails ?? []).length > 0) && compare(lineTax, headerTax) !== 0) {
		push({
			code: 'TAX_MISMATCH',
			message: `The line taxes add up to ${s(lineTax)}, the header taxes to ${s(headerTax)}: they must be equal`,
			path: 'taxDetails',
			expected: s(lineTax),
			actual: s(headerTax),
		});
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Building

/**
 * Builds the submitInvoices body from shipped quantities and acknowledged costs, computes the total
 * and taxes (see the module notes), runs {@link checkInvoice} and validates the body against
 * SubmitInvoicesRequestSchema (unknown keys refused). With any mismatch `ok` is false and the
 * mismatches say why; `invoice` is still returned so the figures can be shown, but must not be sent.
 */
export function buildInvoice(
	input: BuildInvoiceInput,
	options: BuildInvoiceOptions = {},
): InvoiceBuild {
	const mismatches: InvoiceMismatch[] = [];
	const warnings: string[] = [];
	const bad = (message: string, path?: string): void => {
		const m: InvoiceMismatch = { code: 'INVALID_INPUT', message };
		if (path !== undefined) m.path = path;
		mismatches.push(m);
	};
	const fail = (): InvoiceBuild => ({ ok: false, mismatches, lineMap: [], warnings });

	let currencyCode: string;
	try {
		currencyCode = normalizeCurrencyCode(input.currencyCode);
	} catch (error) {
		bad((error as Error).message, 'currencyCode');
		return fail();
	}
	const quantityUnit = options.quantityUnit ?? 'purchaseOrder';
	const invoiceType = input.invoiceType ?? 'Invoice';
	const id = typeof input.id === 'string' ? input.id.trim() : '';
	if (id === '') bad('The invoice number (id) is required', 'id');
	if (!Array.isArray(input.lines) || input.lines.length === 0) {
		bad('There is nothing to invoice: no lines', 'lines');
		return fail();
	}
	if (
		!input.remitToParty ||
		typeof input.remitToParty.partyId !== 'string' ||
		input.remitToParty.partyId.trim() === ''
	)
		bad('remitToParty.partyId is required', 'remitToParty.partyId');
	let date = typeof input.date === 'string' ? input.date.trim() : '';
	if (/^\d{4}-\d{2}-\d{2}$/.test(date)) date = `${date}T00:00:00Z`;

	const parseRates = (
		rates: TaxRate[] | undefined,
		path: string,
	): Array<TaxRate & { rate: Decimal }> => {
		const outRates: Array<TaxRate & { rate: Decimal }> = [];
		(rates ?? []).forEach((r, i) => {
			const rate = dec(r?.taxRate);
			if (rate === undefined || isNegative(rate))
				bad(
					`${path}[${i}].taxRate must be a percentage such as "20" (got ${shown(r?.taxRate)})`,
					`${path}[${i}].taxRate`,
				);
			else outRates.push({ taxType: r.taxType, taxRate: s(rate), rate });
		});
		return outRates;
	};
	const invoiceRates = parseRates(input.taxes, 'taxes');
	/** Item taxes per (type, rate): the header taxDetails. */
	const headerTaxes = new Map<string, TaxAccumulator>();
	/** Taxes on charges minus taxes on allowances. */
	let chargeTaxTotal = ZERO;
	const applyTaxes = (
		base: Decimal,
		rates: Array<TaxRate & { rate: Decimal }>,
		target: 'item' | 'charge' | 'allowance',
	): TaxDetails[] => {
		const details: TaxDetails[] = [];
		for (const r of rates) {
			const tax = taxOn(base, r.rate, currencyCode);
			details.push({
				taxType: r.taxType,
				taxRate: r.taxRate,
				taxAmount: moneyOf(currencyCode, tax),
				taxableAmount: moneyOf(currencyCode, base),
			});
			if (target === 'charge') chargeTaxTotal = add(chargeTaxTotal, tax);
			else if (target === 'allowance') chargeTaxTotal = subtract(chargeTaxTotal, tax);
			else {
				const key = `${r.taxType}|${r.taxRate}`;
				const acc = headerTaxes.get(key) ?? {
					taxType: r.taxType,
					taxRate: r.taxRate,
					rate: r.rate,
					taxable: ZERO,
					tax: ZERO,
				};
				acc.taxable = add(acc.taxable, base);
				acc.tax = add(acc.tax, tax);
				headerTaxes.set(key, acc);
			}
		}
		return details;
	};

	// Item numbering
	const numbering = options.itemNumbering ?? 'auto';
	const poNumbers = input.lines.map((l) => String(l?.itemSequenceNumber ?? '').trim());
	const allDigits = poNumbers.every(
		(n) => /^\d+$/.test(n) && Number(n) > 0 && Number.isSafeInteger(Number(n)),
	);
	const unique = new Set(poNumbers.map((n) => Number(n))).size === poNumbers.length;
	let usePoNumbers =
		numbering === 'purchaseOrderLine' || (numbering === 'auto' && allDigits && unique);
	if (numbering === 'purchaseOrderLine' && !(allDigits && unique)) {
		bad(
			'itemNumbering purchaseOrderLine needs every PO line number to be digits and unique within the invoice (lines of several POs share numbers: use sequential)',
			'lines',
		);
		usePoNumbers = false;
	}

	const items: InvoiceItem[] = [];
	const lineMap: InvoiceLineMapEntry[] = [];
	const shippedRefs: ShippedLineRef[] = [];
	const ackRefs: AcknowledgedCostRef[] = [];
	let acknowledgedValue = ZERO;
	input.lines.forEach((line, i) => {
		const path = `lines[${i}]`;
		if (line === null || typeof line !== 'object') {
			bad(`${path} must be an object`, path);
			return;
		}
		const po = typeof line.purchaseOrderNumber === 'string' ? line.purchaseOrderNumber.trim() : '';
		if (po === '' && invoiceType === 'Invoice')
			bad(`${path}.purchaseOrderNumber is required`, `${path}.purchaseOrderNumber`);
		const unitSize = line.unitOfMeasure === 'Cases' ? line.unitSize : 1;
		if (line.unitOfMeasure !== 'Cases' && line.unitOfMeasure !== 'Eaches') {
			bad(
				`${path}.unitOfMeasure must be Cases or Eaches (got ${shown(line.unitOfMeasure)})`,
				`${path}.unitOfMeasure`,
			);
			return;
		}
		if (!Number.isSafeInteger(unitSize) || unitSize < 1) {
			bad(
				`${path}.unitSize must be a whole number of 1 or more (got ${shown(line.unitSize)})`,
				`${path}.unitSize`,
			);
			return;
		}
		const shipped = line.shippedQuantity;
		const already = line.alreadyInvoicedQuantity ?? 0;
		for (const [name, v] of [
			['shippedQuantity', shipped],
			['alreadyInvoicedQuantity', already],
		] as const) {
			if (!Number.isSafeInteger(v) || v < 0)
				bad(
					`${path}.${name} must be a whole number of 0 or more (got ${shown(v)})`,
					`${path}.${name}`,
				);
		}
		const quantity = line.quantity ?? shipped - already;
		if (!Number.isSafeInteger(quantity) || quantity <= 0) {
			if (line.quantity === undefined && quantity === 0) {
				warnings.push(
					`${path}: PO ${po} line ${line.itemSequenceNumber} has nothing shipped and not yet invoiced: left out`,
				);
			} else
				bad(
					`${path}: the quantity to invoice must be a whole number above 0 (got ${shown(quantity)})`,
					`${path}.quantity`,
				);
			return;
		}
		let ackCurrency: string;
		try {
			ackCurrency = normalizeCurrencyCode(line.acknowledgedNetCost?.currencyCode);
		} catch {
			bad(
				`${path}.acknowledgedNetCost.currencyCode must be a 3-letter code (got ${shown(line.acknowledgedNetCost?.currencyCode)})`,
				`${path}.acknowledgedNetCost.currencyCode`,
			);
			return;
		}
		const ackCost = dec(line.acknowledgedNetCost?.amount);
		if (ackCost === undefined || isNegative(ackCost) || isZero(ackCost)) {
			bad(
				`${path}.acknowledgedNetCost.amount must be a decimal above 0 such as "12.50" (got ${shown(line.acknowledgedNetCost?.amount)})`,
				`${path}.acknowledgedNetCost.amount`,
			);
			return;
		}
		const unitCost = line.unitCost === undefined ? ackCost : dec(line.unitCost);
		if (unitCost === undefined) {
			bad(
				`${path}.unitCost must be a decimal such as "12.50" (got ${shown(line.unitCost)})`,
				`${path}.unitCost`,
			);
			return;
		}
		const eaches = quantity * unitSize;
		const shippedEaches = shipped * unitSize;
		let amount: Decimal;
		let ackAmount: Decimal;
		let weight: Decimal | undefined;
		if (line.netCostUnitOfMeasure !== undefined) {
			weight = dec(line.totalWeight);
			if (weight === undefined) {
				bad(
					`${path}: priced per ${line.netCostUnitOfMeasure}, totalWeight (the shipped weight) is required`,
					`${path}.totalWeight`,
				);
				return;
			}
			amount = multiply(unitCost, weight);
			ackAmount = multiply(ackCost, weight);
		} else {
			amount = multiply(unitCost, eaches);
			ackAmount = multiply(ackCost, shippedEaches);
		}
		acknowledgedValue = add(acknowledgedValue, ackAmount);

		const seqNumber = usePoNumbers ? Number(poNumbers[i]) : items.length + 1;
		const invoicedQuantity: ItemQuantity =
			quantityUnit === 'eaches' || line.unitOfMeasure === 'Eaches'
				? { amount: eaches, unitOfMeasure: 'Eaches' }
				: { amount: quantity, unitOfMeasure: 'Cases', unitSize };
		if (weight !== undefined && line.netCostUnitOfMeasure !== undefined)
			invoicedQuantity.totalWeight = {
				unitOfMeasure: line.netCostUnitOfMeasure,
				amount: s(weight),
			};
		const item = { itemSequenceNumber: seqNumber } as InvoiceItem;
		if (line.amazonProductIdentifier) item.amazonProductIdentifier = line.amazonProductIdentifier;
		if (line.vendorProductIdentifier) item.vendorProductIdentifier = line.vendorProductIdentifier;
		item.invoicedQuantity = invoicedQuantity;
		item.netCost = moneyOf(currencyCode, unitCost);
		if (line.netCostUnitOfMeasure !== undefined)
			item.netCostUnitOfMeasure = line.netCostUnitOfMeasure;
		if (po !== '') item.purchaseOrderNumber = po;
		if (line.hsnCode) item.hsnCode = line.hsnCode;
		const rates = line.taxes !== undefined ? parseRates(line.taxes, `${path}.taxes`) : invoiceRates;
		const taxDetails = applyTaxes(amount, rates, 'item');
		if (taxDetails.length) item.taxDetails = taxDetails;
		items.push(item);

		lineMap.push({
			itemSequenceNumber: seqNumber,
			purchaseOrderNumber: po,
			purchaseOrderItemSequenceNumber: String(line.itemSequenceNumber),
			invoicedQuantity: quantity,
			invoicedEaches: eaches,
			lineAmount: s(amount),
		});
		const keyed = {
			purchaseOrderNumber: po,
			itemSequenceNumber: String(seqNumber),
			amazonProductIdentifier: line.amazonProductIdentifier,
			vendorProductIdentifier: line.vendorProductIdentifier,
		};
		shippedRefs.push({ ...keyed, shippedEaches, alreadyInvoicedEaches: already * unitSize });
		ackRefs.push({ ...keyed, netCost: { currencyCode: ackCurrency, amount: s(ackCost) } });
	});
	if (items.length === 0 && !mismatches.some((m) => m.path?.startsWith('lines')))
		bad('There is nothing to invoice: no line has shipped and not yet invoiced quantity', 'lines');

	// Header charges and allowances
	const chargeDetails: ChargeDetails[] = [];
	let chargesTotal = ZERO;
	(input.charges ?? []).forEach((ch, i) => {
		const amount = dec(ch?.amount);
		if (amount === undefined || isNegative(amount)) {
			bad(
				`charges[${i}].amount must be a decimal of 0 or more (got ${shown(ch?.amount)})`,
				`charges[${i}].amount`,
			);
			return;
		}
		chargesTotal = add(chargesTotal, amount);
		const detail: ChargeDetails = { type: ch.type } as ChargeDetails;
		if (ch.description) detail.description = ch.description;
		detail.chargeAmount = moneyOf(currencyCode, amount);
		const taxes = applyTaxes(
			amount,
			ch.taxes !== undefined ? parseRates(ch.taxes, `charges[${i}].taxes`) : invoiceRates,
			'charge',
		);
		if (taxes.length) detail.taxDetails = taxes;
		chargeDetails.push(detail);
	});
	const allowanceDetails: AllowanceDetails[] = [];
	let allowancesTotal = ZERO;
	(input.allowances ?? []).forEach((al, i) => {
		const amount = dec(al?.amount);
		if (amount === undefined || isNegative(amount)) {
			bad(
				`allowances[${i}].amount must be a decimal of 0 or more (got ${shown(al?.amount)})`,
				`allowances[${i}].amount`,
			);
			return;
		}
		allowancesTotal = add(allowancesTotal, amount);
		const detail: AllowanceDetails = { type: al.type } as AllowanceDetails;
		if (al.description) detail.description = al.description;
		detail.allowanceAmount = moneyOf(currencyCode, amount);
		const taxes = applyTaxes(
			amount,
			al.taxes !== undefined ? parseRates(al.taxes, `allowances[${i}].taxes`) : invoiceRates,
			'allowance',
		);
		if (taxes.length) detail.taxDetails = taxes;
		allowanceDetails.push(detail);
	});

	const headerTaxDetails: TaxDetails[] = [...headerTaxes.values()].map((t) => ({
		taxType: t.taxType,
		taxRate: t.taxRate,
		taxAmount: moneyOf(currencyCode, t.tax),
		taxableAmount: moneyOf(currencyCode, t.taxable),
	}));
	const itemsTotal = sum(lineMap.map((l) => parseDecimal(l.lineAmount)));
	const itemTaxTotal = sum([...headerTaxes.values()].map((t) => t.tax));
	const taxTotal = add(itemTaxTotal, chargeTaxTotal);
	const exactTotal = add(subtract(add(itemsTotal, chargesTotal), allowancesTotal), taxTotal);
	const total = formatMoney(exactTotal, currencyCode);
	if (compare(parseDecimal(total), exactTotal) !== 0)
		warnings.push(`The exact total ${s(exactTotal)} was rounded to ${total} ${currencyCode}`);

	const figures: InvoiceFigures = {
		currencyCode,
		items: s(itemsTotal),
		charges: s(chargesTotal),
		allowances: s(allowancesTotal),
		tax: s(taxTotal),
		total,
		acknowledgedValueOfShipped: s(acknowledgedValue),
	};
	if (input.expectedTotal !== undefined) {
		const expected = dec(input.expectedTotal);
		if (expected === undefined)
			bad(
				`expectedTotal must be a decimal such as "112.05" (got ${shown(input.expectedTotal)})`,
				'expectedTotal',
			);
		else if (compare(expected, parseDecimal(total)) !== 0) {
			mismatches.push({
				code: 'EXPECTED_TOTAL_MISMATCH',
				message: `The ERP's total ${s(expected)} differs from the computed total ${total} (items ${figures.items} + charges ${figures.charges} - allowances ${figures.allowances} + tax ${figures.tax})`,
				path: 'invoiceTotal.amount',
				expected: s(expected),
				actual: total,
				details: { ...figures, difference: s(subtract(parseDecimal(total), expected)) },
			});
		}
	}

	// The body, in the model's key order
	const invoice = { invoiceType, id } as Invoice;
	if (input.referenceNumber) invoice.referenceNumber = input.referenceNumber;
	invoice.date = date;
	if (input.remitToParty?.partyId) invoice.remitToParty = partyOf(input.remitToParty);
	if (input.shipToParty) invoice.shipToParty = partyOf(input.shipToParty);
	if (input.shipFromParty) invoice.shipFromParty = partyOf(input.shipFromParty);
	if (input.billToParty) invoice.billToParty = partyOf(input.billToParty);
	if (input.paymentTerms) invoice.paymentTerms = { ...input.paymentTerms };
	invoice.invoiceTotal = moneyOf(currencyCode, total);
	if (headerTaxDetails.length) invoice.taxDetails = headerTaxDetails;
	if (input.additionalDetails && input.additionalDetails.length)
		invoice.additionalDetails = input.additionalDetails.map((a) => ({ ...a }));
	if (chargeDetails.length) invoice.chargeDetails = chargeDetails;
	if (allowanceDetails.length) invoice.allowanceDetails = allowanceDetails;
	invoice.items = items;

	for (const m of checkInvoice(invoice, {
		shipped: shippedRefs,
		acknowledged: ackRefs,
		usedInvoiceNumbers: options.usedInvoiceNumbers,
		resendOfFailedInvoice: options.resendOfFailedInvoice,
		now: options.now,
	})) {
		mismatches.push(m);
	}

	const request: SubmitInvoicesRequest = { invoices: [invoice] };
	const validation = validateAgainst(SubmitInvoicesRequestSchema, request, {
		unknownKeys: 'reject',
	});
	if (!validation.ok) {
		for (const issue of validation.issues as ValidationIssue[])
			mismatches.push({
				code: 'MODEL_VALIDATION',
				message: `${issue.path}: ${issue.message}`,
				path: issue.path,
			});
	}
	return { ok: mismatches.length === 0, invoice, request, mismatches, lineMap, figures, warnings };
}
