/**
 * Amazon's business rules for submitInvoices (POST /vendor/payments/v1/invoices, body
 * `{ invoices: Invoice[] }`, vendorInvoices.json), checked after JSON-schema validation:
 *
 * - `id` is never reused. Resending the id of an invoice whose transaction failed is allowed (that
 *   is how Amazon wants a failed API invoice corrected); the view answers through
 *   `findInvoice(id).status`. The same id twice in one request is an error.
 * - `CreditNote` only in Europe (region `eu`).
 * - `date` is now or earlier, and not before the day (UTC) of the creation of any purchase order it
 *   invoices.
 * - Money is compared exactly (bigint decimals, never floats):
 *   invoiceTotal.amount = Σ items (invoiced eaches × netCost, or totalWeight × netCost for items
 *   priced by weight) + Σ header chargeDetails − Σ header allowanceDetails + header taxes
 *   (Σ taxDetails.taxAmount, plus the taxes of the header charges, minus those of the header
 *   allowances). Item-level charges and allowances itemise the header ones and are not added
 *   again. A zero total is refused. All amounts carry the invoiceTotal's currency.
 * - For `Invoice`: at least one item; every item has a purchaseOrderNumber and an
 *   amazonProductIdentifier or vendorProductIdentifier; the PO exists, was acknowledged and has the
 *   item; netCost equals the cost of the line's acknowledgement (else the PO's netCost); and the
 *   invoiced eaches, together with the earlier invoices (and the earlier invoices of this request),
 *   do not exceed the eaches shipped by the recorded ASNs.
 * - Quantities are positive whole numbers; netCost is positive; item sequence numbers are unique.
 *
 * The record keeps amounts as they were submitted: `total` and each line's `netCost` are the
 * submitted strings (`246.00` stays `246.00`); a line's `amount` (eaches or weight × netCost, not
 * submitted) has at least the netCost's decimal places (`10 × 4.20` is `42.00`).
 */
import * as D from './decimal';
import {
	arrayOf,
	describeItem,
	eachesOf,
	findOrderLines,
	invalidInput,
	isObject,
	lineKey,
	parseDateTime,
	trimmed,
	type AmazonError,
	type AmazonRecordsView,
	type InvoiceLineRecord,
	type InvoiceRecord,
	type PurchaseOrderView,
	type RuleResult,
} from './ruleTypes';

export interface InvoicesEffects {
	/** Store each; one with replacesFailed supersedes the failed invoice with the same id. */
	invoices: InvoiceRecord[];
}

const REGION_NAMES = { na: 'North America', eu: 'Europe', fe: 'the Far East' } as const;

function field(value: unknown, ...keys: string[]): unknown {
	let v = value;
	for (const k of keys) {
		if (!isObject(v)) return undefined;
		v = v[k];
	}
	return v;
}

/** The parts of an invoice's expected total, for messages and tests. */
export interface InvoiceTotals {
	items: D.Dec;
	charges: D.Dec;
	allowances: D.Dec;
	taxes: D.Dec;
	expected: D.Dec;
}

function fmt(d: D.Dec): string {
	return D.formatDecimal(d, 2);
}

/** What the checks of one request share: the clock, the errors, what earlier invoices took. */
interface RequestState {
	view: AmazonRecordsView;
	now: Date;
	nowIso: string;
	errors: AmazonError[];
	idsInRequest: Map<string, number>;
	/** Eaches invoiced by the earlier invoices of this request, by lineKey. */
	invoicedInRequest: Map<string, number>;
	getOrder(po: string): PurchaseOrderView | undefined;
}

type Err = (path: string, text: string, details?: string) => void;

/** One invoice being checked. */
interface InvoiceCheck {
	state: RequestState;
	p: string;
	inv: Record<string, unknown>;
	err: Err;
	type: 'Invoice' | 'CreditNote';
	date?: Date;
	currency?: string;
	/** False once an amount is missing or malformed: the total is then not compared. */
	moneyOk: boolean;
}

/** The invoice id: required, once per request, never reused unless it failed before. */
function checkId(
	state: RequestState,
	inv: Record<string, unknown>,
	p: string,
	i: number,
	err: Err,
) {
	const id = trimmed(inv.id);
	if (!id) {
		err(`${p}.id`, 'is required');
		return { id, replacesFailed: false };
	}
	const other = state.idsInRequest.get(id);
	if (other !== undefined) {
		err(`${p}.id`, `invoice id '${id}' appears twice in this request (also invoices[${other}])`);
		return { id, replacesFailed: false };
	}
	state.idsInRequest.set(id, i);
	const stored = state.view.findInvoice(id);
	if (stored && stored.status !== 'Failure') {
		const when = stored.record ? ` on ${stored.record.receivedAt}` : '';
		err(
			`${p}.id`,
			`invoice id '${id}' was already used${when}; invoice numbers must never be reused ` +
				'(only an invoice whose transaction failed may be resent with the same id)',
		);
	}
	return { id, replacesFailed: stored?.status === 'Failure' };
}

/** The invoice type (undefined stops the invoice's checks) and the region rule of credit notes. */
function checkType(state: RequestState, inv: Record<string, unknown>, p: string, err: Err) {
	const type = inv.invoiceType;
	if (type !== 'Invoice' && type !== 'CreditNote') {
		err(`${p}.invoiceType`, `must be Invoice or CreditNote, got ${JSON.stringify(type)}`);
		return undefined;
	}
	if (type === 'CreditNote' && state.view.region !== 'eu') {
		err(
			`${p}.invoiceType`,
			`CreditNote is only supported in Europe; this is ${REGION_NAMES[state.view.region]}`,
		);
	}
	return type;
}

function checkDate(state: RequestState, inv: Record<string, unknown>, p: string, err: Err) {
	const date = parseDateTime(inv.date);
	if (!date) err(`${p}.date`, `${JSON.stringify(inv.date)} is not a valid date-time`);
	else if (date.getTime() > state.now.getTime()) {
		err(
			`${p}.date`,
			`${date.toISOString()} is in the future (now ${state.nowIso}); ` +
				'the invoice date must be now or earlier',
		);
	}
	return date;
}

/** A money object's amount, checking its currency against the invoice's. */
function money(c: InvoiceCheck, path: string, m: unknown): D.Dec | undefined {
	if (!isObject(m)) {
		c.err(path, 'is required');
		c.moneyOk = false;
		return undefined;
	}
	const amount = D.parseDecimal(m.amount);
	if (!amount) {
		c.err(`${path}.amount`, `${JSON.stringify(m.amount)} is not a decimal amount`);
		c.moneyOk = false;
	}
	const code = trimmed(m.currencyCode);
	if (code && c.currency && code !== c.currency) {
		c.err(
			`${path}.currencyCode`,
			`'${code}' differs from the invoice currency '${c.currency}' (invoiceTotal.currencyCode)`,
		);
	}
	return amount;
}

/** One item's own figures: line number, eaches, cost, and the extended amount. */
interface ItemFigures {
	seq: unknown;
	eaches?: number;
	cost?: D.Dec;
	weightUnit?: string;
	lineAmount?: D.Dec;
}

function itemFigures(
	c: InvoiceCheck,
	it: Record<string, unknown>,
	ip: string,
	seqs: Map<number, number>,
	k: number,
) {
	const seq = it.itemSequenceNumber;
	if (typeof seq !== 'number' || !Number.isInteger(seq))
		c.err(`${ip}.itemSequenceNumber`, 'must be an integer');
	else if (seqs.has(seq))
		c.err(
			`${ip}.itemSequenceNumber`,
			`duplicate itemSequenceNumber ${seq} (also items[${seqs.get(seq)}])`,
		);
	else seqs.set(seq, k);

	let eaches = eachesOf(it.invoicedQuantity);
	if (eaches === undefined) c.err(`${ip}.invoicedQuantity.amount`, 'must be a whole number');
	else if (eaches <= 0) {
		c.err(`${ip}.invoicedQuantity.amount`, 'must be greater than zero');
		eaches = undefined;
	}
	const cost = money(c, `${ip}.netCost`, it.netCost);
	if (cost && D.sign(cost) <= 0) c.err(`${ip}.netCost.amount`, 'must be greater than zero');
	const figures: ItemFigures = { seq, eaches, cost, weightUnit: trimmed(it.netCostUnitOfMeasure) };
	figures.lineAmount = extendedAmount(c, it, ip, figures);
	return figures;
}

/** Eaches or weight x net cost; undefined (and the total not compared) when it cannot be known. */
function extendedAmount(c: InvoiceCheck, it: Record<string, unknown>, ip: string, f: ItemFigures) {
	let lineAmount: D.Dec | undefined;
	if (f.weightUnit) {
		const weight = field(it, 'invoicedQuantity', 'totalWeight');
		const weightAmount = D.parseDecimal(field(weight, 'amount'));
		if (!weightAmount || field(weight, 'unitOfMeasure') !== f.weightUnit) {
			c.err(
				`${ip}.invoicedQuantity.totalWeight`,
				`is required in ${f.weightUnit} when netCostUnitOfMeasure is ${f.weightUnit} ` +
					'(the item is priced by weight)',
			);
			c.moneyOk = false;
		} else if (f.cost) lineAmount = D.mul(weightAmount, f.cost);
	} else if (f.cost && f.eaches !== undefined) {
		lineAmount = D.mul(D.decFromInt(f.eaches), f.cost);
	}
	if (!lineAmount) c.moneyOk = false;
	return lineAmount;
}

/** The PO of an Invoice item: it exists and was acknowledged; the invoice is not dated before it. */
function orderOfItem(c: InvoiceCheck, ip: string, po: string, datedPos: Set<string>) {
	const order = c.state.getOrder(po);
	if (!order) {
		c.err(`${ip}.purchaseOrderNumber`, `purchase order '${po}' does not exist`);
		return undefined;
	}
	if (!order.acknowledged) {
		c.err(
			`${ip}.purchaseOrderNumber`,
			`purchase order '${po}' has not been acknowledged; invoice only confirmed and shipped goods`,
		);
		return undefined;
	}
	const poDate = parseDateTime(order.order.orderDetails?.purchaseOrderDate);
	const date = c.date;
	// By calendar day (UTC): an invoice dated the day the PO was made is on time (an 810's BIG01
	// is a date only, read as midnight).
	const day = (d: Date) => d.toISOString().slice(0, 10);
	if (date && poDate && day(date) < day(poDate) && !datedPos.has(po)) {
		datedPos.add(po);
		c.err(
			`${c.p}.date`,
			`${date.toISOString()} is before the creation of purchase order '${po}' ` +
				`(${poDate.toISOString()}); the invoice date must be on or after it`,
		);
	}
	return order;
}

type OrderLine = ReturnType<typeof findOrderLines>[number];

/** The cost, currency and price unit of the item against the line's acknowledged cost. */
function checkAgreedCost(
	c: InvoiceCheck,
	it: Record<string, unknown>,
	ip: string,
	po: string,
	line: OrderLine,
	f: ItemFigures,
): void {
	const agreed = line.acknowledgedNetCost ?? line.netCost;
	const agreedAmount = D.parseDecimal(agreed?.amount);
	const of = `line '${line.itemSequenceNumber}' of purchase order '${po}'`;
	if (f.cost && agreedAmount && !D.eq(f.cost, agreedAmount)) {
		c.err(
			`${ip}.netCost.amount`,
			`${fmt(f.cost)} does not match the cost acknowledged for ${of} (${fmt(agreedAmount)})`,
		);
	}
	const agreedCurrency = trimmed(agreed?.currencyCode);
	const costCurrency = trimmed(field(it, 'netCost', 'currencyCode')) ?? c.currency;
	if (agreedCurrency && costCurrency && agreedCurrency !== costCurrency) {
		c.err(
			`${ip}.netCost.currencyCode`,
			`'${costCurrency}' differs from the currency of purchase order '${po}' (${agreedCurrency})`,
		);
	}
	const agreedWeightUnit = trimmed(agreed?.unitOfMeasure);
	if ((agreedWeightUnit ?? '') !== (f.weightUnit ?? '')) {
		c.err(
			`${ip}.netCostUnitOfMeasure`,
			agreedWeightUnit
				? `${of} is priced per ${agreedWeightUnit}; give netCostUnitOfMeasure ${agreedWeightUnit}`
				: `${of} is priced per each; leave netCostUnitOfMeasure out`,
		);
	}
}

/** The invoiced eaches against what shipped and was invoiced before; the line record, if it fits. */
function bookEaches(
	c: InvoiceCheck,
	it: Record<string, unknown>,
	ip: string,
	po: string,
	line: OrderLine,
	f: ItemFigures & { k: number },
): InvoiceLineRecord | undefined {
	const { view, invoicedInRequest } = c.state;
	const eaches = f.eaches as number;
	const key = lineKey(po, line.itemSequenceNumber);
	const shipped = view.shippedEaches(po, line.itemSequenceNumber);
	const already =
		view.invoicedEaches(po, line.itemSequenceNumber) + (invoicedInRequest.get(key) ?? 0);
	if (already + eaches > shipped) {
		c.err(
			`${ip}.invoicedQuantity`,
			`invoicing ${eaches} eaches of line '${line.itemSequenceNumber}' of purchase order '${po}' ` +
				`exceeds what was shipped: ${shipped} shipped, ${already} already invoiced`,
		);
		return undefined;
	}
	invoicedInRequest.set(key, (invoicedInRequest.get(key) ?? 0) + eaches);
	return {
		purchaseOrderNumber: po,
		itemSequenceNumber: line.itemSequenceNumber,
		eaches,
		invoiceItemSequenceNumber: typeof f.seq === 'number' ? f.seq : f.k + 1,
		netCost: f.cost ? String(field(it, 'netCost', 'amount')) : '',
		amount: f.lineAmount && f.cost ? D.formatDecimal(f.lineAmount, f.cost.scale) : '',
	};
}

/** An Invoice item against its purchase order, its acknowledged cost and what shipped. */
function checkAgainstOrder(
	c: InvoiceCheck,
	it: Record<string, unknown>,
	ip: string,
	f: ItemFigures & { k: number },
	datedPos: Set<string>,
): InvoiceLineRecord | undefined {
	const po = trimmed(it.purchaseOrderNumber);
	if (!po) c.err(`${ip}.purchaseOrderNumber`, 'is required when invoiceType is Invoice');
	const identity = {
		amazonProductIdentifier: trimmed(it.amazonProductIdentifier),
		vendorProductIdentifier: trimmed(it.vendorProductIdentifier),
	};
	if (!identity.amazonProductIdentifier && !identity.vendorProductIdentifier) {
		c.err(
			ip,
			'needs amazonProductIdentifier or vendorProductIdentifier (the identifier sent in the purchase order)',
		);
		return undefined;
	}
	if (!po) return undefined;
	const order = orderOfItem(c, ip, po, datedPos);
	if (!order) return undefined;
	// The same ASIN may be on several lines of the PO (invoice items carry no PO line): the item is
	// booked on the first of them that still has this many shipped eaches not yet invoiced.
	const { view, invoicedInRequest } = c.state;
	const candidates = findOrderLines(order, identity);
	const openOf = (l: { itemSequenceNumber: string }) =>
		view.shippedEaches(po, l.itemSequenceNumber) -
		view.invoicedEaches(po, l.itemSequenceNumber) -
		(invoicedInRequest.get(lineKey(po, l.itemSequenceNumber)) ?? 0);
	const eaches = f.eaches;
	const line =
		eaches === undefined
			? candidates[0]
			: (candidates.find((l) => openOf(l) >= eaches) ?? candidates[0]);
	if (!line) {
		c.err(ip, `${describeItem(identity)} is not an item of purchase order '${po}'`);
		return undefined;
	}
	checkAgreedCost(c, it, ip, po, line, f);
	if (eaches === undefined) return undefined;
	return bookEaches(c, it, ip, po, line, f);
}

/** Every item: its own figures, and for an Invoice its PO line; the items' total. */
function checkItems(c: InvoiceCheck) {
	const rawItems = arrayOf(c.inv.items);
	if (c.type === 'Invoice' && rawItems.length === 0)
		c.err(`${c.p}.items`, 'an invoice must list at least one item');
	const seqs = new Map<number, number>();
	const lines: InvoiceLineRecord[] = [];
	const datedPos = new Set<string>();
	let itemsTotal = D.ZERO;
	rawItems.forEach((it, k) => {
		const ip = `${c.p}.items[${k}]`;
		if (!isObject(it)) {
			c.err(ip, 'must be an object');
			c.moneyOk = false;
			return;
		}
		const figures = itemFigures(c, it, ip, seqs, k);
		if (figures.lineAmount) itemsTotal = D.add(itemsTotal, figures.lineAmount);
		if (c.type !== 'Invoice') return;
		const line = checkAgainstOrder(c, it, ip, { ...figures, k }, datedPos);
		if (line) lines.push(line);
	});
	return { lines, itemsTotal };
}

/** Header charges, allowances and taxes (with the charges' and allowances' own taxes). */
function headerSums(c: InvoiceCheck) {
	const taxesOf = (path: string, holder: unknown): D.Dec =>
		D.sum(
			arrayOf(field(holder, 'taxDetails'))
				.map((t, k) => money(c, `${path}.taxDetails[${k}].taxAmount`, field(t, 'taxAmount')))
				.filter((d): d is D.Dec => d !== undefined),
		);
	let charges = D.ZERO;
	let allowances = D.ZERO;
	let taxes = taxesOf(c.p, c.inv);
	arrayOf(c.inv.chargeDetails).forEach((ch, k) => {
		const cp = `${c.p}.chargeDetails[${k}]`;
		const amount = money(c, `${cp}.chargeAmount`, field(ch, 'chargeAmount'));
		if (amount) charges = D.add(charges, amount);
		taxes = D.add(taxes, taxesOf(cp, ch));
	});
	arrayOf(c.inv.allowanceDetails).forEach((a, k) => {
		const ap = `${c.p}.allowanceDetails[${k}]`;
		const amount = money(c, `${ap}.allowanceAmount`, field(a, 'allowanceAmount'));
		if (amount) allowances = D.add(allowances, amount);
		taxes = D.sub(taxes, taxesOf(ap, a));
	});
	return { charges, allowances, taxes };
}

function checkTotal(
	c: InvoiceCheck,
	total: D.Dec | undefined,
	itemsTotal: D.Dec,
	sums: { charges: D.Dec; allowances: D.Dec; taxes: D.Dec },
): void {
	if (!total) return;
	const path = `${c.p}.invoiceTotal.amount`;
	if (D.isZero(total)) {
		c.err(path, 'an invoice total of zero is not accepted');
		return;
	}
	if (!c.moneyOk) return;
	const { charges, allowances, taxes } = sums;
	const expected = D.add(D.sub(D.add(itemsTotal, charges), allowances), taxes);
	if (D.eq(total, expected)) return;
	const withTaxes = D.isZero(taxes) ? '' : ' plus taxes';
	c.err(
		path,
		`${fmt(total)} does not equal the items plus charges minus allowances${withTaxes}: ${fmt(expected)}`,
		`items ${fmt(itemsTotal)}, charges ${fmt(charges)}, allowances ${fmt(allowances)}, taxes ${fmt(taxes)}`,
	);
}

/** Checks one invoice of the request; its record when it has no error. */
function checkInvoice(state: RequestState, inv: unknown, i: number): InvoiceRecord | undefined {
	const p = `invoices[${i}]`;
	const before = state.errors.length;
	const err: Err = (path, text, details) => state.errors.push(invalidInput(path, text, details));
	if (!isObject(inv)) {
		err(p, 'must be an object');
		return undefined;
	}
	const { id, replacesFailed } = checkId(state, inv, p, i, err);
	const type = checkType(state, inv, p, err);
	if (type === undefined) return undefined;
	const date = checkDate(state, inv, p, err);
	const currency = trimmed(field(inv, 'invoiceTotal', 'currencyCode'));
	if (!currency) err(`${p}.invoiceTotal.currencyCode`, 'is required');
	const c: InvoiceCheck = { state, p, inv, err, type, date, currency, moneyOk: true };
	const total = money(c, `${p}.invoiceTotal`, inv.invoiceTotal);
	const { lines, itemsTotal } = checkItems(c);
	checkTotal(c, total, itemsTotal, headerSums(c));
	if (state.errors.length > before || !id || !total || !currency) return undefined;
	return {
		id,
		invoiceType: type,
		receivedAt: state.nowIso,
		date: String(inv.date),
		currencyCode: currency,
		total: String(field(inv, 'invoiceTotal', 'amount')),
		lines,
		replacesFailed,
		invoice: inv,
	};
}

/**
 * Semantic checks of a submitInvoices body. Invoices of one request are checked in order, each
 * seeing the quantities invoiced by the ones before it.
 */
export function checkInvoices(body: unknown, view: AmazonRecordsView): RuleResult<InvoicesEffects> {
	const empty: InvoicesEffects = { invoices: [] };
	const list = isObject(body) ? body.invoices : undefined;
	if (!Array.isArray(list) || list.length === 0) {
		return {
			errors: [invalidInput('invoices', 'must contain at least one invoice')],
			effects: empty,
		};
	}
	const now = view.now();
	const orderCache = new Map<string, PurchaseOrderView | null>();
	const state: RequestState = {
		view,
		now,
		nowIso: now.toISOString(),
		errors: [],
		idsInRequest: new Map(),
		invoicedInRequest: new Map(),
		getOrder: (po) => {
			if (!orderCache.has(po)) orderCache.set(po, view.getOrder(po) ?? null);
			return orderCache.get(po) ?? undefined;
		},
	};
	const effects: InvoicesEffects = { invoices: [] };
	list.forEach((inv, i) => {
		const record = checkInvoice(state, inv, i);
		if (record) effects.invoices.push(record);
	});
	const { errors } = state;
	return errors.length > 0 ? { errors, effects: empty } : { errors, effects };
}

/**
 * The expected invoiceTotal of an invoice per the rule above (no PO lookups), or undefined when an
 * amount is missing or malformed.
 */
export function expectedInvoiceTotal(invoice: unknown): InvoiceTotals | undefined {
	if (!isObject(invoice)) return undefined;
	const amountOf = (m: unknown) => D.parseDecimal(field(m, 'amount'));
	let items = D.ZERO;
	for (const it of arrayOf(invoice.items)) {
		const cost = amountOf(field(it, 'netCost'));
		if (!cost) return undefined;
		if (trimmed(field(it, 'netCostUnitOfMeasure'))) {
			const weight = D.parseDecimal(field(it, 'invoicedQuantity', 'totalWeight', 'amount'));
			if (!weight) return undefined;
			items = D.add(items, D.mul(weight, cost));
		} else {
			const eaches = eachesOf(field(it, 'invoicedQuantity'));
			if (eaches === undefined) return undefined;
			items = D.add(items, D.mul(D.decFromInt(eaches), cost));
		}
	}
	const taxSum = (holder: unknown): D.Dec | undefined => {
		let s = D.ZERO;
		for (const t of arrayOf(field(holder, 'taxDetails'))) {
			const a = amountOf(field(t, 'taxAmount'));
			if (!a) return undefined;
			s = D.add(s, a);
		}
		return s;
	};
	let taxes = taxSum(invoice);
	if (!taxes) return undefined;
	let charges = D.ZERO;
	for (const c of arrayOf(invoice.chargeDetails)) {
		const a = amountOf(field(c, 'chargeAmount'));
		const t = taxSum(c);
		if (!a || !t) return undefined;
		charges = D.add(charges, a);
		taxes = D.add(taxes, t);
	}
	let allowances = D.ZERO;
	for (const al of arrayOf(invoice.allowanceDetails)) {
		const a = amountOf(field(al, 'allowanceAmount'));
		const t = taxSum(al);
		if (!a || !t) return undefined;
		allowances = D.add(allowances, a);
		taxes = D.sub(taxes, t);
	}
	const expected = D.add(D.sub(D.add(items, charges), allowances), taxes);
	return { items, charges, allowances, taxes, expected };
}
