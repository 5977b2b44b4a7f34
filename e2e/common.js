/**
 * What every end-to-end runner shares: command-line flags, the check report printed at the end,
 * purchase orders in Amazon's Order shape, and readers of the sandbox's state.
 */
'use strict';

const HOUR = 3_600_000;

/** `--flag` and `--option value` from the command line. */
function cli(argv = process.argv.slice(2)) {
	const flag = (name) => argv.includes(name);
	const option = (name) => {
		const i = argv.indexOf(name);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	return { flag, option, verbose: flag('--verbose') };
}

/** Checks grouped by scenario, printed as they run and summed up at the end. */
function createReport() {
	const started = Date.now();
	const checks = [];
	let scenario = '';
	const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
	const log = (line) => process.stderr.write(`[e2e ${elapsed()}] ${line}\n`);
	function check(name, ok, detail) {
		checks.push({ scenario, name, ok: Boolean(ok), detail });
		const shown =
			!ok && detail !== undefined
				? `\n         ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`
				: '';
		process.stderr.write(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${shown}\n`);
	}
	const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
	const checkEqual = (name, actual, expected) =>
		check(
			name,
			same(actual, expected),
			`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
		);
	/** Prints the summary and returns the exit code (1 when any check failed). */
	function summary(title) {
		const failed = checks.filter((c) => !c.ok);
		const scenarios = [...new Set(checks.map((c) => c.scenario || 'setup'))];
		process.stdout.write(
			`\n${title}: ${checks.length - failed.length}/${checks.length} checks passed in ${elapsed()}\n`,
		);
		for (const s of scenarios) {
			const mine = checks.filter((c) => (c.scenario || 'setup') === s);
			process.stdout.write(
				`  ${mine.every((c) => c.ok) ? 'PASS' : 'FAIL'} ${s} (${mine.filter((c) => c.ok).length}/${mine.length})\n`,
			);
		}
		for (const c of failed) process.stdout.write(`  - [${c.scenario || 'setup'}] ${c.name}\n`);
		return failed.length ? 1 : 0;
	}
	return {
		check,
		checkEqual,
		same,
		log,
		elapsed,
		summary,
		setScenario: (name) => {
			scenario = name;
		},
		scenario: () => scenario,
	};
}

/** A purchase order in the official Order shape (vendorOrders.json), created `ageHours` ago. */
function amazonOrder(number, lines, { ageHours = 1, vendorCode = 'VEND1' } = {}) {
	const created = new Date(Date.now() - ageHours * HOUR);
	const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
	return {
		purchaseOrderNumber: number,
		purchaseOrderState: 'New',
		orderDetails: {
			purchaseOrderDate: iso(created),
			purchaseOrderStateChangedDate: iso(created),
			purchaseOrderType: 'RegularOrder',
			paymentMethod: 'Invoice',
			buyingParty: { partyId: 'AMZN' },
			sellingParty: { partyId: vendorCode },
			shipToParty: { partyId: 'ABE8' },
			billToParty: { partyId: 'AMZN' },
			shipWindow: `${iso(new Date(created.getTime() + 72 * HOUR))}--${iso(new Date(created.getTime() + 192 * HOUR))}`,
			items: lines.map((l, i) => ({
				itemSequenceNumber: String(i + 1),
				amazonProductIdentifier: l.asin,
				orderedQuantity: {
					amount: l.amount,
					unitOfMeasure: l.unit || 'Eaches',
					unitSize: l.unitSize || 1,
				},
				isBackOrderAllowed: false,
				netCost: { currencyCode: 'USD', amount: l.cost || '10.00' },
			})),
		},
	};
}

const amazonState = (sandbox) => sandbox.control.state().amazon;
const purchaseOrder = (sandbox, number) =>
	amazonState(sandbox).purchaseOrders.find((p) => p.purchaseOrderNumber === number);

/**
 * Per line: [itemSequenceNumber, acceptedEaches, backorderedEaches, rejectedEaches] of Amazon's
 * last acknowledgement.
 */
function lineQuantities(sandbox, number) {
	const p = purchaseOrder(sandbox, number);
	if (!p) return `unknown PO ${number}`;
	return p.lines.map((l) => {
		const e = l.acknowledgements[l.acknowledgements.length - 1];
		return e
			? [l.itemSequenceNumber, e.acceptedEaches, e.backorderedEaches, e.rejectedEaches]
			: [l.itemSequenceNumber, 'not acknowledged'];
	});
}

/** The Shopify orders carrying a PO number. */
module.exports = {
	cli,
	createReport,
	amazonOrder,
	amazonState,
	purchaseOrder,
	lineQuantities,
};
