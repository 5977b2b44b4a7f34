#!/usr/bin/env node
/**
 * End-to-end run of the shipped templates workflows/remittance-journal.json and
 * workflows/exception-queue.json in a real, running n8n 2.40.7 (`n8n start`), against the
 * in-process sandbox (Amazon's Finances Invoices API).
 *
 *   node e2e/remittanceAndExceptions.js [--n8n-dir <folder>] [--skip-build] [--keep] [--verbose]
 *
 * Before n8n starts: the sandbox Amazon credential, workflows/setup-data-tables.json and both
 * templates are imported. The templates are imported as they are, except that the remittance
 * template's Amazon credential is bound to the sandbox one (the only test setting it has); the
 * exception queue needs no credential (its Send Notification node is disabled in the file).
 * After start: the Data Tables are created (Run Once), the sandbox is seeded with a remittance
 * holding a paid invoice, a quick-pay discount and every deduction family the Finances API gives
 * (shortage claim SC, reversal SCR, revised claim SCRSC, price claim PC, chargeback VCBSINV, co-op,
 * price protection, damage allowance, storage fee) plus one line no rule knows, and the templates
 * are started from their Schedule Triggers (live.runManually). Checks read the Data Tables.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_ROOT, prepare, cleanup, sandboxAmazonCredential } = require('./realN8n');
const { patchTemplate } = require('./platforms');
const { startLiveN8n } = require('./liveN8n');
const { cli, createReport } = require('./common');

const SETUP_FILE = path.join(PACKAGE_ROOT, 'workflows', 'setup-data-tables.json');
const REMITTANCE_FILE = path.join(PACKAGE_ROOT, 'workflows', 'remittance-journal.json');
const QUEUE_FILE = path.join(PACKAGE_ROOT, 'workflows', 'exception-queue.json');
const AVC_CRED = { id: 'avcE2eCred000001', name: 'Vendor Central Sandbox (e2e)' };
const LEDGER = 'avc_ledger';
const EXCEPTIONS = 'avc_exceptions';

const { flag, option, verbose } = cli();
const { check, checkEqual, log, summary, setScenario, scenario } = createReport();

const DAY = 86_400_000;
const day = (n) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

/** The remittance: one payment with every family, one simple payment with a quick-pay discount. */
const PAYMENTS = [
	{
		paymentNumber: '40009001',
		paymentDate: day(5),
		lines: [
			{
				invoiceNumber: 'INV-E2E-1',
				purchaseOrderNumber: 'PO-REM-1',
				invoiceDate: day(60),
				invoiceAmount: '1250.00',
			},
			{
				invoiceNumber: 'INV-E2E-1SC',
				invoiceDate: day(30),
				invoiceAmount: '-125.00',
				defectTypes: ['SHORTAGES_IN_TRANSIT'],
			},
			{
				invoiceNumber: 'INV-E2E-2',
				purchaseOrderNumber: 'PO-REM-2',
				invoiceDate: day(58),
				invoiceAmount: '2000.00',
				discountTaken: '40.00',
			},
			{
				invoiceNumber: 'INV-E2E-2PC',
				invoiceDate: day(29),
				invoiceAmount: '-72.00',
				defectTypes: ['DEALBUY'],
			},
			{ invoiceNumber: 'INV-E2E-9SC', invoiceDate: day(21), invoiceAmount: '-33.00' },
			{ invoiceNumber: 'INV-E2E-0SCR', invoiceDate: day(20), invoiceAmount: '40.00' },
			{ invoiceNumber: 'INV-E2E-8SCRSC', invoiceDate: day(19), invoiceAmount: '-11.00' },
			{
				invoiceNumber: '7110-23456789',
				invoiceDate: day(28),
				invoiceAmount: '-300.00',
				agreementId: '7110',
			},
			{ invoiceNumber: '83265481VCBSINV', invoiceDate: day(27), invoiceAmount: '-45.60' },
			{
				invoiceNumber: 'IPAPUS1234567',
				invoiceDate: day(26),
				invoiceAmount: '-210.00',
				agreementId: 'PPA-2001',
				serviceChargeType: 'PRICE_PROTECTION',
			},
			{
				invoiceNumber: 'STOR-2024-10',
				kind: 'chargeback',
				invoiceDate: day(25),
				invoiceAmount: '-19.99',
				description: 'Chargeback: FBA storage fee',
				serviceChargeType: 'FBA_INVENTORY_STORAGE_FEE',
			},
			{
				invoiceNumber: 'DMG-2024-11',
				kind: 'chargeback',
				invoiceDate: day(24),
				invoiceAmount: '-15.00',
				serviceChargeType: 'DAMAGE_ALLOWANCE',
			},
			// No rule knows this one: a negative Amazon document with no known suffix, pattern or charge type.
			{
				invoiceNumber: 'MISC-ADJ-0042',
				kind: 'chargeback',
				invoiceDate: day(22),
				invoiceAmount: '-25.00',
				description: 'Miscellaneous adjustment',
			},
		],
	},
	{
		paymentNumber: '40009002',
		paymentDate: day(3),
		lines: [
			{
				invoiceNumber: 'INV-E2E-3',
				purchaseOrderNumber: 'PO-REM-3',
				invoiceDate: day(40),
				invoiceAmount: '500.00',
				discountTaken: '10.00',
			},
		],
	},
];

/**
 * [reference, account, debit, credit, type] expected in the ledger per payment (accounts from the
 * template's Configuration).
 */
const EXPECTED = {
	40009001: [
		['40009001', '1000 Bank', '2393.41', '0.00', 'bank'],
		['INV-E2E-1', '1200 Accounts Receivable - Amazon', '0.00', '1250.00', 'invoicePayment'],
		['INV-E2E-1SC', '4920 Shortage Claims', '125.00', '0.00', 'shortageClaim'],
		['INV-E2E-2', '1200 Accounts Receivable - Amazon', '0.00', '2000.00', 'invoicePayment'],
		['INV-E2E-2', '4910 Quick-Pay Discounts', '40.00', '0.00', 'termsDiscount'],
		['INV-E2E-2:PPV', '4930 Price Claims', '72.00', '0.00', 'priceClaim'],
		['7110-23456789', '6100 Co-op and Allowances', '300.00', '0.00', 'coopAgreement'],
		['83265481VCBSINV', '6150 Chargebacks', '45.60', '0.00', 'chargeback'],
		['IPAPUS1234567', '4940 Price Protection', '210.00', '0.00', 'priceProtection'],
		['STOR-2024-10', '6200 Storage Fees', '19.99', '0.00', 'storageFee'],
		['DMG-2024-11', '6100 Co-op and Allowances', '15.00', '0.00', 'damageAllowance'],
		['MISC-ADJ-0042', '1999 Remittance Suspense', '25.00', '0.00', 'suspense'],
		['INV-E2E-9SC', '4920 Shortage Claims', '33.00', '0.00', 'shortageClaim'],
		['INV-E2E-0SCR', '4920 Shortage Claims', '0.00', '40.00', 'shortageClaimReversal'],
		['INV-E2E-8SCRSC', '4920 Shortage Claims', '11.00', '0.00', 'revisedShortageClaim'],
	],
	40009002: [
		['40009002', '1000 Bank', '490.00', '0.00', 'bank'],
		['INV-E2E-3', '1200 Accounts Receivable - Amazon', '0.00', '500.00', 'invoicePayment'],
		['INV-E2E-3', '4910 Quick-Pay Discounts', '10.00', '0.00', 'termsDiscount'],
	],
};
const FAMILIES = [
	'bank',
	'invoicePayment',
	'termsDiscount',
	'shortageClaim',
	'shortageClaimReversal',
	'revisedShortageClaim',
	'priceClaim',
	'chargeback',
	'coopAgreement',
	'priceProtection',
	'damageAllowance',
	'storageFee',
	'suspense',
];

/** Exact sum of decimal strings with two decimals, as a string. */
function sum(values) {
	let cents = BigInt(0);
	for (const v of values) {
		const m = /^(-?)(\d+)\.(\d{2})$/.exec(String(v));
		if (!m) return `not a decimal: ${v}`;
		const c = BigInt(m[2]) * BigInt(100) + BigInt(m[3]);
		cents += m[1] ? -c : c;
	}
	const neg = cents < 0;
	const abs = neg ? -cents : cents;
	return `${neg ? '-' : ''}${abs / BigInt(100)}.${String(abs % BigInt(100)).padStart(2, '0')}`;
}

/** The template as a test may change it (e2e/platforms.js patchTemplate): sandbox credentials and nothing else. */
const remittanceWorkflow = (template) =>
	patchTemplate(template, { credentials: [{ ...AVC_CRED, type: 'amazonVendorCentralApi' }] });

function checkTemplate(template, trigger) {
	const label = template.name;
	check(
		`${label}: meta.templateCredsSetupCompleted false with a templateId`,
		template.meta?.templateCredsSetupCompleted === false && Boolean(template.meta?.templateId),
		template.meta,
	);
	check(
		`${label}: a 16-character id`,
		typeof template.id === 'string' && template.id.length === 16,
		template.id,
	);
	check(
		`${label}: credentials referenced by name only`,
		template.nodes.every((n) =>
			Object.values(n.credentials || {}).every((c) => c.name && c.id === undefined),
		),
		template.nodes.map((n) => n.credentials).filter(Boolean),
	);
	check(`${label}: no Code node`, !template.nodes.some((n) => n.type === 'n8n-nodes-base.code'));
	const triggerNode = template.nodes.find((n) => n.name === trigger);
	check(
		`${label}: the Schedule Trigger "${trigger}" is followed by Configuration`,
		triggerNode?.type === 'n8n-nodes-base.scheduleTrigger' &&
			template.connections[trigger]?.main?.[0]?.[0]?.node === 'Configuration',
	);
	check(
		`${label}: has sticky notes`,
		template.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').length >= 3,
	);
}

/** A short account of a failed execution (its status and the first error message in its data). */
function executionProblem(execution) {
	if (!execution) return 'no execution';
	const data = String(execution.data ?? '');
	const message = /"message":"([^"]{0,400})/.exec(data) ?? /Error[^"]{0,300}/.exec(data);
	return `status ${execution.status}${message ? `: ${message[1] ?? message[0]}` : ''}`;
}

/** Prints the composed notifications of an exception-queue execution (--verbose). */
function printMessages(data) {
	try {
		const run = require('flatted').parse(data).resultData.runData['Compose Notification'];
		for (const item of run?.[0]?.data?.main?.[0] ?? [])
			process.stderr.write(`--- to ${item.json.to}: ${item.json.subject}\n${item.json.text}\n`);
	} catch (error) {
		process.stderr.write(`(the messages cannot be shown: ${error.message})\n`);
	}
}

async function run(live, id, trigger) {
	const execution = await live.runManually(id, trigger);
	check(
		`${id} run from "${trigger}" succeeded`,
		execution.status === 'success',
		executionProblem(execution),
	);
	if (verbose && execution.status !== 'success')
		process.stderr.write(`${String(execution.data).slice(0, 6000)}\n`);
	return execution;
}

async function main() {
	const env = {};
	let live;
	try {
		const { sandbox, n8n } = await prepare(env, {
			n8nDir: option('--n8n-dir'),
			build: !flag('--skip-build'),
			keep: flag('--keep'),
			log,
		});
		const remittanceTemplate = JSON.parse(fs.readFileSync(REMITTANCE_FILE, 'utf8'));
		const queueTemplate = JSON.parse(fs.readFileSync(QUEUE_FILE, 'utf8'));

		setScenario('template files');
		checkTemplate(remittanceTemplate, 'Every Day at 6:00');
		checkTemplate(queueTemplate, 'Every 15 Minutes');
		const prj = remittanceTemplate.nodes.find(
			(n) => n.type === 'n8n-nodes-amazon-vendor-central.postRemittanceJournal',
		);
		check(
			'remittance: Post Remittance Journal reads the Finances API',
			prj?.parameters.source === 'financesApi',
			prj?.parameters.source,
		);
		check(
			'remittance: a sticky note says the ledger is ready to swap for QuickBooks / Xero',
			remittanceTemplate.nodes.some(
				(n) =>
					n.type === 'n8n-nodes-base.stickyNote' &&
					/QuickBooks/.test(n.parameters.content) &&
					/Xero/.test(n.parameters.content),
			),
		);
		check(
			'remittance: a sticky note explains the CSV export alternative',
			remittanceTemplate.nodes.some(
				(n) => n.type === 'n8n-nodes-base.stickyNote' && /CSV/.test(n.parameters.content),
			),
		);
		const notify = queueTemplate.nodes.find((n) => n.name === 'Send Notification');
		check(
			'queue: the notification node is disabled in the file',
			notify?.disabled === true,
			notify && { type: notify.type, disabled: notify.disabled },
		);
		check(
			'queue: a sticky note says how to enable the notification',
			queueTemplate.nodes.some(
				(n) =>
					n.type === 'n8n-nodes-base.stickyNote' &&
					/Send Notification/.test(n.parameters.content) &&
					/disabled/i.test(n.parameters.content),
			),
		);
		check(
			'queue: a sticky note tells operators how to resolve a row',
			queueTemplate.nodes.some(
				(n) =>
					n.type === 'n8n-nodes-base.stickyNote' &&
					/resolvedBy/.test(n.parameters.content) &&
					/notifiedAt/.test(n.parameters.content),
			),
		);

		setScenario('import and start');
		await n8n.importCredentials([
			{ ...AVC_CRED, type: 'amazonVendorCentralApi', data: sandboxAmazonCredential(sandbox) },
		]);
		await n8n.importWorkflow(SETUP_FILE);
		await n8n.importWorkflow(remittanceWorkflow(remittanceTemplate));
		const rawQueue = await n8n.importWorkflow(QUEUE_FILE).then(
			() => true,
			(e) => e.message,
		);
		check('queue: the shipped file imports into n8n as it is', rawQueue === true, rawQueue);
		live = await startLiveN8n(n8n, { log, echo: verbose });
		await run(live, 'avcSetupDataTbls', 'Run Once');
		const tables = (await live.dataTables()).map((t) => t.name).sort();
		check(
			'the Data Tables exist',
			[LEDGER, EXCEPTIONS].every((t) => tables.includes(t)),
			tables,
		);

		// --- Remittance ----------------------------------------------------------------------------
		setScenario('remittance journal');
		sandbox.control.seed({ amazon: { vendorCode: 'VEND1', payments: PAYMENTS } });
		sandbox.control.clearRequests();
		log('remittance: run the template from its Schedule Trigger');
		await run(live, remittanceTemplate.id, 'Every Day at 6:00');
		const finances = sandbox.control.requests().filter((r) => r.path.startsWith('/finances/'));
		check(
			'amazon: the Finances API was read (200)',
			finances.length > 0 && finances.every((r) => r.status === 200),
			finances.map((r) => [r.path, r.status]),
		);
		const ledger = await live.dataTableRows(LEDGER);
		if (verbose) process.stderr.write(`${JSON.stringify(ledger, null, 1).slice(0, 8000)}\n`);
		for (const [paymentNumber, expected] of Object.entries(EXPECTED)) {
			const rows = ledger
				.filter((r) => r.paymentNumber === paymentNumber)
				.sort((a, b) => a.journalKey.localeCompare(b.journalKey));
			checkEqual(
				`ledger: payment ${paymentNumber} has ${expected.length} lines, each family on its account`,
				rows.map((r) => [r.reference, r.account, r.debit, r.credit, r.type]),
				expected,
			);
			checkEqual(
				`ledger: payment ${paymentNumber} debits = credits`,
				sum(rows.map((r) => r.debit)),
				sum(rows.map((r) => r.credit)),
			);
			checkEqual(
				`ledger: payment ${paymentNumber} journal keys are payment/position`,
				rows.map((r) => r.journalKey),
				expected.map((_, i) => `${paymentNumber}/${String(i + 1).padStart(3, '0')}`),
			);
		}
		check(
			'ledger: money as decimal strings',
			ledger.length > 0 &&
				ledger.every(
					(r) =>
						typeof r.debit === 'string' &&
						typeof r.credit === 'string' &&
						/^\d+\.\d{2}$/.test(r.debit) &&
						/^\d+\.\d{2}$/.test(r.credit),
				),
			ledger.map((r) => [r.debit, r.credit]),
		);
		check(
			'ledger: every row has its date, currency and memo',
			ledger.every(
				(r) =>
					/^\d{4}-\d{2}-\d{2}$/.test(r.date) && r.currency === 'USD' && /remittance/i.test(r.memo),
			),
			ledger.map((r) => [r.date, r.currency, r.memo]),
		);
		const families = [...new Set(ledger.map((r) => r.type))];
		checkEqual(
			'ledger: every family is present',
			FAMILIES.filter((f) => !families.includes(f)),
			[],
		);
		checkEqual(
			'ledger: the shortage claim carries its invoice and PO',
			ledger
				.filter((r) => r.reference === 'INV-E2E-1SC')
				.map((r) => [r.invoiceNumber, r.purchaseOrderNumber]),
			[['INV-E2E-1', 'PO-REM-1']],
		);
		const exceptions = await live.dataTableRows(EXCEPTIONS);
		if (verbose) process.stderr.write(`${JSON.stringify(exceptions, null, 1)}\n`);
		checkEqual(
			'exceptions: one row, the unknown line, for finance',
			exceptions.map((e) => [e.type, e.ownerRole, e.workflow, e.resolved, e.notifiedAt ?? null]),
			[['remittance_unknown_line', 'finance', remittanceTemplate.name, false, null]],
		);
		let details = {};
		try {
			details = JSON.parse(exceptions[0]?.details ?? '{}');
		} catch {
			/* checked below */
		}
		checkEqual(
			'exceptions: details name the payment and the unknown line',
			[
				details.paymentNumber,
				details.held,
				(details.lines ?? []).map((l) => [l.reference, l.paid, l.problem]),
			],
			['40009001', 'lines', [['MISC-ADJ-0042', '-25.00', 'unknown']]],
		);
		check(
			'exceptions: the reason is a sentence naming the line and the suspense account',
			/MISC-ADJ-0042/.test(exceptions[0]?.reason ?? '') &&
				/suspense/i.test(exceptions[0]?.reason ?? ''),
			exceptions[0]?.reason,
		);

		setScenario('remittance re-run');
		sandbox.control.clearRequests();
		log('remittance: second run (the same payments are read again)');
		await run(live, remittanceTemplate.id, 'Every Day at 6:00');
		check(
			'amazon: the Finances API was read again',
			sandbox.control.requests().some((r) => r.path.startsWith('/finances/')),
		);
		const ledger2 = await live.dataTableRows(LEDGER);
		checkEqual(
			'ledger: nothing posted again (same rows)',
			ledger2.map((r) => r.id).sort((a, b) => a - b),
			ledger.map((r) => r.id).sort((a, b) => a - b),
		);
		const exceptions2 = await live.dataTableRows(EXCEPTIONS);
		checkEqual(
			'exceptions: the unknown line is not raised twice',
			exceptions2.length,
			exceptions.length,
		);

		// --- Exception queue -----------------------------------------------------------------------
		setScenario('exception queue');
		const earlier = '2026-01-02T03:04:05.000Z';
		await live.insertRows(EXCEPTIONS, [
			{
				type: 'unmapped_asin',
				purchaseOrderNumber: 'PO-Q-1',
				reason: 'ASIN B0UNKNOWN1 of PO PO-Q-1 has no row in the mapping table.',
				ownerRole: 'catalog',
				workflow: 'Amazon VC: Shopify PO intake',
				details: '{"asin":"B0UNKNOWN1"}',
				resolved: false,
			},
			{
				type: 'change_blocked',
				purchaseOrderNumber: 'PO-Q-2',
				reason: 'Amazon lowered line 1 of PO PO-Q-2 after it was picked.',
				ownerRole: 'operations',
				workflow: 'Amazon VC: Shopify change orders',
				details: '{}',
				resolved: false,
			},
			{
				type: 'unmapped_asin',
				purchaseOrderNumber: 'PO-Q-3',
				reason: 'Already fixed by the catalog team.',
				ownerRole: 'catalog',
				workflow: 'Amazon VC: Shopify PO intake',
				details: '{}',
				resolved: true,
				resolvedAt: earlier,
				resolvedBy: 'catalog lead',
			},
			{
				type: 'asn_refused',
				purchaseOrderNumber: 'PO-Q-4',
				reason: 'Told before.',
				ownerRole: 'logistics',
				workflow: 'Amazon VC: Shopify shipping',
				details: '{}',
				resolved: false,
				notifiedAt: earlier,
			},
		]);
		const before = await live.dataTableRows(EXCEPTIONS);
		const byPo = (rows, po) => rows.find((r) => r.purchaseOrderNumber === po);
		log('queue: run the exception queue from its Schedule Trigger');
		const q1 = await run(live, queueTemplate.id, 'Every 15 Minutes');
		const after = await live.dataTableRows(EXCEPTIONS);
		const open = after.filter(
			(r) => r.resolved === false && !before.find((b) => b.id === r.id && b.notifiedAt),
		);
		check(
			'queue: every open row that was never notified now has notifiedAt',
			open.length === 3 && open.every((r) => r.notifiedAt),
			after.map((r) => [r.id, r.type, r.resolved, r.notifiedAt]),
		);
		checkEqual(
			'queue: the resolved row is left alone',
			[byPo(after, 'PO-Q-3')?.notifiedAt ?? null, byPo(after, 'PO-Q-3')?.resolvedBy],
			[null, 'catalog lead'],
		);
		checkEqual(
			'queue: the row notified before keeps its notifiedAt',
			new Date(byPo(after, 'PO-Q-4')?.notifiedAt ?? 0).toISOString(),
			earlier,
		);
		const data = String(q1.data ?? '');
		if (verbose) printMessages(data);
		check(
			'queue: one message per owner role (finance, catalog, operations)',
			[
				'new exception for finance',
				'new exception for catalog',
				'new exception for operations',
			].every((s) => data.includes(s)) && !data.includes('for logistics'),
			data.slice(0, 300),
		);

		setScenario('exception queue re-run');
		await run(live, queueTemplate.id, 'Every 15 Minutes');
		const again = await live.dataTableRows(EXCEPTIONS);
		checkEqual(
			'queue: a second run notifies nothing (notifiedAt unchanged)',
			again.map((r) => [r.id, r.notifiedAt ?? null]),
			after.map((r) => [r.id, r.notifiedAt ?? null]),
		);
	} catch (error) {
		check(`no setup error (${scenario() || 'setup'})`, false, error.stack || String(error));
		if (live && verbose) process.stderr.write(`${live.output.slice(-4000)}\n`);
	} finally {
		if (live) await live.stop().catch(() => {});
		await cleanup(env);
	}

	const code = summary('Remittance journal and exception queue templates in real n8n');
	if (env.n8n && flag('--keep'))
		process.stdout.write(`N8N_USER_FOLDER kept: ${env.n8n.userFolder}\n`);
	process.exitCode = code;
}

main();
