/**
 * Amazon's business rules for submitInvoices (POST /vendor/payments/v1/invoices, body
 * `{ invoices: Invoice[] }`, vendorInvoices.json), checked after JSON-schema validation:
 *
 * - `id` is never reused. Resending the id of an invoice whose transaction failed is allowed (that
 *   is how Amazon wants a failed API invoice corrected); the view answers through
 *   `findInvoice(id).status`. The same id twice in one request is an error.
 * - `CreditNote` only in Europe (region `eu`).
 * - `date` is now or earlier, and not before the creation of any purchase order it invoices.
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
	const nowIso = now.toISOString();
	const errors: AmazonError[] = [];
	const effects: InvoicesEffects = { invoices: [] };
	const idsInRequest = new Map<string, number>();
	const invoicedInRequest = new Map<string, number>();
	const orderCache = new Map<string, PurchaseOrderView | null>();
	const getOrder = (po: string) => {
		if (!orderCache.has(po)) orderCache.set(po, view.getOrder(po) ?? null);
		return orderCache.get(po) ?? undefined;
	};

	list.forEach((inv, i) => {
		const p = `invoices[${i}]`;
		const before = errors.length;
		const err = (path: string, text: string, details?: string) =>
			errors.push(invalidInput(path, text, details));
		if (!isObject(inv)) {
			err(p, 'must be an object');
			return;
		}

		// --- id ---
		const id = trimmed(inv.id);
		let replacesFailed = false;
		if (!id) err(`${p}.id`, 'is required');
		else {
			const other = idsInRequest.get(id);
			if (other !== undefined) {
				err(
					`${p}.id`,
					`invoice id '${id}' appears twice in this request (also invoices[${other}])`,
				);
			} else {
				idsInRequest.set(id, i);
				const stored = view.findInvoice(id);
				if (stored && stored.status !== 'Failure') {
					const when = stored.record ? ` on ${stored.record.receivedAt}` : '';
					err(
						`${p}.id`,
						`invoice id '${id}' was already used${when}; invoice numbers must never be reused (only an invoice whose transaction failed may be resent with the same id)`,
					);
				}
				replacesFailed = stored?.status === 'Failure';
			}
		}

		// --- type, region ---
		const type = inv.invoiceType;
		if (type !== 'Invoice' && type !== 'CreditNote') {
			err(`${p}.invoiceType`, `must be Invoice or CreditNote, got ${JSON.stringify(type)}`);
			return;
		}
		if (type === 'CreditNote' && view.region !== 'eu') {
			err(
				`${p}.invoiceType`,
				`CreditNote is only supported in Europe; this is ${REGION_NAMES[view.region]}`,
			);
		}

		// --- date ---
		const date = parseDateTime(inv.date);
		if (!date) err(`${p}.date`, `${JSON.stringify(inv.date)} is not a valid date-time`);
		else if (date.getTime() > now.getTime()) {
			err(
				`${p}.date`,
				`${date.toISOString()} is in the future (now ${nowIso}); the invoice date must be now or earlier`,
			);
		}

		// --- money helpers ---
		const currency = trimmed(field(inv, 'invoiceTotal', 'currencyCode'));
		if (!currency) err(`${p}.invoiceTotal.currencyCode`, 'is required');
		let moneyOk = true;
		const money = (path: string, m: unknown): D.Dec | undefined => {
			if (!isObject(m)) {
				err(path, 'is required');
				moneyOk = false;
				return undefined;
			}
			const amount = D.parseDecimal(m.amount);
			if (!amount) {
				err(`${path}.amount`, `${JSON.stringify(m.amount)} is not a decimal amount`);
				moneyOk = false;
			}
			const code = trimmed(m.currencyCode);
			if (code && currency && code !== currency) {
				err(
					`${path}.currencyCode`,
					`'${code}' differs from the invoice currency '${currency}' (invoiceTotal.currencyCode)`,
				);
			}
			return amount;
		};
		const total = money(`${p}.invoiceTotal`, inv.invoiceTotal);

		// --- items ---
		const rawItems = arrayOf(inv.items);
		if (type === 'Invoice' && rawItems.length === 0)
			err(`${p}.items`, 'an invoice must list at least one item');
		const seqs = new Map<number, number>();
		const lines: InvoiceLineRecord[] = [];
		const datedPos = new Set<string>();
		let itemsTotal = D.ZERO;
		rawItems.forEach((it, k) => {
			const ip = `${p}.items[${k}]`;
			if (!isObject(it)) {
				err(ip, 'must be an object');
				moneyOk = false;
				return;
			}
			const seq = it.itemSequenceNumber;
			if (typeof seq !== 'number' || !Number.isInteger(seq))
				err(`${ip}.itemSequenceNumber`, 'must be an integer');
			else if (seqs.has(seq))
				err(
					`${ip}.itemSequenceNumber`,
					`duplicate itemSequenceNumber ${seq} (also items[${seqs.get(seq)}])`,
				);
			else seqs.set(seq, k);

			let eaches = eachesOf(it.invoicedQuantity);
			if (eaches === undefined) err(`${ip}.invoicedQuantity.amount`, 'must be a whole number');
			else if (eaches <= 0) {
				err(`${ip}.invoicedQuantity.amount`, 'must be greater than zero');
				eaches = undefined;
			}
			const cost = money(`${ip}.netCost`, it.netCost);
			if (cost && D.sign(cost) <= 0) err(`${ip}.netCost.amount`, 'must be greater than zero');

			// extended amount
			const weightUnit = trimmed(it.netCostUnitOfMeasure);
			let lineAmount: D.Dec | undefined;
			if (weightUnit) {
				const weight = field(it, 'invoicedQuantity', 'totalWeight');
				const weightAmount = D.parseDecimal(field(weight, 'amount'));
				if (!weightAmount || field(weight, 'unitOfMeasure') !== weightUnit) {
					err(
						`${ip}.invoicedQuantity.totalWeight`,
						`is required in ${weightUnit} when netCostUnitOfMeasure is ${weightUnit} (the item is priced by weight)`,
					);
					moneyOk = false;
				} else if (cost) lineAmount = D.mul(weightAmount, cost);
			} else if (cost && eaches !== undefined) {
				lineAmount = D.mul(D.decFromInt(eaches), cost);
			}
			if (lineAmount) itemsTotal = D.add(itemsTotal, lineAmount);
			else moneyOk = false;

			if (type !== 'Invoice') return;
			const po = trimmed(it.purchaseOrderNumber);
			if (!po) err(`${ip}.purchaseOrderNumber`, 'is required when invoiceType is Invoice');
			const identity = {
				amazonProductIdentifier: trimmed(it.amazonProductIdentifier),
				vendorProductIdentifier: trimmed(it.vendorProductIdentifier),
			};
			if (!identity.amazonProductIdentifier && !identity.vendorProductIdentifier) {
				err(
					ip,
					'needs amazonProductIdentifier or vendorProductIdentifier (the identifier sent in the purchase order)',
				);
				return;
			}
			if (!po) return;
			const order = getOrder(po);
			if (!order) {
				err(`${ip}.purchaseOrderNumber`, `purchase order '${po}' does not exist`);
				return;
			}
			if (!order.acknowledged) {
				err(
					`${ip}.purchaseOrderNumber`,
					`purchase order '${po}' has not been acknowledged; invoice only confirmed and shipped goods`,
				);
				return;
			}
			const poDate = parseDateTime(order.order.orderDetails?.purchaseOrderDate);
			if (date && poDate && date.getTime() < poDate.getTime() && !datedPos.has(po)) {
				datedPos.add(po);
				err(
					`${p}.date`,
					`${date.toISOString()} is before the creation of purchase order '${po}' (${poDate.toISOString()}); the invoice date must be on or after it`,
				);
			}
			// The same ASIN may be on several lines of the PO (invoice items carry no PO line): the item is
			// booked on the first of them that still has this many shipped eaches not yet invoiced.
			const candidates = findOrderLines(order, identity);
			const openOf = (l: { itemSequenceNumber: string }) =>
				view.shippedEaches(po, l.itemSequenceNumber) -
				view.invoicedEaches(po, l.itemSequenceNumber) -
				(invoicedInRequest.get(lineKey(po, l.itemSequenceNumber)) ?? 0);
			const line =
				eaches === undefined
					? candidates[0]
					: (candidates.find((l) => openOf(l) >= eaches) ?? candidates[0]);
			if (!line) {
				err(ip, `${describeItem(identity)} is not an item of purchase order '${po}'`);
				return;
			}
			const agreed = line.acknowledgedNetCost ?? line.netCost;
			const agreedAmount = D.parseDecimal(agreed?.amount);
			if (cost && agreedAmount && !D.eq(cost, agreedAmount)) {
				err(
					`${ip}.netCost.amount`,
					`${fmt(cost)} does not match the cost acknowledged for line '${line.itemSequenceNumber}' of purchase order '${po}' (${fmt(agreedAmount)})`,
				);
			}
			const agreedCurrency = trimmed(agreed?.currencyCode);
			const costCurrency = trimmed(field(it, 'netCost', 'currencyCode')) ?? currency;
			if (agreedCurrency && costCurrency && agreedCurrency !== costCurrency) {
				err(
					`${ip}.netCost.currencyCode`,
					`'${costCurrency}' differs from the currency of purchase order '${po}' (${agreedCurrency})`,
				);
			}
			const agreedWeightUnit = trimmed(agreed?.unitOfMeasure);
			if ((agreedWeightUnit ?? '') !== (weightUnit ?? '')) {
				err(
					`${ip}.netCostUnitOfMeasure`,
					agreedWeightUnit
						? `line '${line.itemSequenceNumber}' of purchase order '${po}' is priced per ${agreedWeightUnit}; give netCostUnitOfMeasure ${agreedWeightUnit}`
						: `line '${line.itemSequenceNumber}' of purchase order '${po}' is priced per each; leave netCostUnitOfMeasure out`,
				);
			}
			if (eaches === undefined) return;
			const key = lineKey(po, line.itemSequenceNumber);
			const shipped = view.shippedEaches(po, line.itemSequenceNumber);
			const already =
				view.invoicedEaches(po, line.itemSequenceNumber) + (invoicedInRequest.get(key) ?? 0);
			if (already + eaches > shipped) {
				err(
					`${ip}.invoicedQuantity`,
					`invoicing ${eaches} eaches of line '${line.itemSequenceNumber}' of purchase order '${po}' exceeds what was shipped: ${shipped} shipped, ${already} already invoiced`,
				);
				return;
			}
			invoicedInRequest.set(key, (invoicedInRequest.get(key) ?? 0) + eaches);
			lines.push({
				purchaseOrderNumber: po,
				itemSequenceNumber: line.itemSequenceNumber,
				eaches,
				invoiceItemSequenceNumber: typeof seq === 'number' ? seq : k + 1,
				netCost: cost ? String(field(it, 'netCost', 'amount')) : '',
				amount: lineAmount && cost ? D.formatDecimal(lineAmount, cost.scale) : '',
			});
		});

		// --- charges, allowances, taxes ---
		const taxesOf = (path: string, holder: unknown): D.Dec =>
			D.sum(
				arrayOf(field(holder, 'taxDetails'))
					.map((t, k) => money(`${path}.taxDetails[${k}].taxAmount`, field(t, 'taxAmount')))
					.filter((d): d is D.Dec => d !== undefined),
			);
		let charges = D.ZERO;
		let allowances = D.ZERO;
		let taxes = taxesOf(p, inv);
		arrayOf(inv.chargeDetails).forEach((c, k) => {
			const cp = `${p}.chargeDetails[${k}]`;
			const amount = money(`${cp}.chargeAmount`, field(c, 'chargeAmount'));
			if (amount) charges = D.add(charges, amount);
			taxes = D.add(taxes, taxesOf(cp, c));
		});
		arrayOf(inv.allowanceDetails).forEach((a, k) => {
			const ap = `${p}.allowanceDetails[${k}]`;
			const amount = money(`${ap}.allowanceAmount`, field(a, 'allowanceAmount'));
			if (amount) allowances = D.add(allowances, amount);
			taxes = D.sub(taxes, taxesOf(ap, a));
		});

		if (total) {
			if (D.isZero(total))
				err(`${p}.invoiceTotal.amount`, 'an invoice total of zero is not accepted');
			else if (moneyOk) {
				const expected = D.add(D.sub(D.add(itemsTotal, charges), allowances), taxes);
				if (!D.eq(total, expected)) {
					const withTaxes = D.isZero(taxes) ? '' : ' plus taxes';
					err(
						`${p}.invoiceTotal.amount`,
						`${fmt(total)} does not equal the items plus charges minus allowances${withTaxes}: ${fmt(expected)}`,
						`items ${fmt(itemsTotal)}, charges ${fmt(charges)}, allowances ${fmt(allowances)}, taxes ${fmt(taxes)}`,
					);
				}
			}
		}

		if (errors.length > before || !id || !total || !currency) return;
		effects.invoices.push({
			id,
			invoiceType: type,
			receivedAt: nowIso,
			date: String(inv.date),
			currencyCode: currency,
			total: String(field(inv, 'invoiceTotal', 'amount')),
			lines,
			replacesFailed,
			invoice: inv,
		});
	});
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
