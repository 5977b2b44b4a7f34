#!/usr/bin/env node
/**
 * End-to-end test of the packed package in a real n8n 2.40.7 (headless), against the in-process
 * Vendor Central sandbox. What it checks is read back from the sandbox's state: what Amazon
 * received and recorded, not what the nodes say they did.
 *
 *   node e2e/run.js [--n8n-dir <folder>] [--skip-build] [--keep] [--verbose]
 *
 * --n8n-dir (or N8N_E2E_DIR): the n8n install (default: the cache folder of e2e/setupN8n.js,
 * created on first use). --skip-build: pack the current dist/ without `npm run build`.
 * --keep: keep the temporary N8N_USER_FOLDER (printed) for a look with `n8n` afterwards.
 * Exit code 0 when every check passed, 1 otherwise.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { nodeOutput, runError, prepare, cleanup, sandboxAmazonCredential } = require('./realN8n');
const {
	cli,
	createReport,
	amazonOrder,
	amazonState,
	purchaseOrder,
	lineQuantities,
} = require('./common');

const WORKFLOW_FILE = path.join(__dirname, 'workflows', 'intake.json');
const CREDENTIAL_ID = 'avcE2eCred000001';
const CREDENTIAL_NAME = 'Vendor Central Sandbox (e2e)';
const VENDOR_CODE = 'VEND1';

// ------------------------------------------------------------------------------------------------
// Arguments, output
// ------------------------------------------------------------------------------------------------

const { flag, option, verbose } = cli();
const { check, checkEqual, log, summary, setScenario, scenario } = createReport();

// ------------------------------------------------------------------------------------------------
// Purchase orders in the official Order shape (vendorOrders.json)
// ------------------------------------------------------------------------------------------------

// ------------------------------------------------------------------------------------------------
// Reading the sandbox state
// ------------------------------------------------------------------------------------------------

function confirmations(sandbox, number) {
	const p = purchaseOrder(sandbox, number);
	return p
		? p.status.itemStatus.map((i) => i.acknowledgementStatus.confirmationStatus)
		: `unknown PO ${number}`;
}

/** The checks every intake run shares: n8n succeeded, POs acknowledged, transactions Success, nothing implicit. */
function checkIntake(sandbox, run, expectedPos) {
	const state = amazonState(sandbox);
	check(
		'n8n execute exited 0 and printed the run data',
		run.ok,
		`exit code ${run.code}; ${(run.stderr || run.stdout || '').trim().slice(-1500)}`,
	);
	const error = runError(run.result);
	check('the workflow run has no error', !error, error);
	const acknowledged = nodeOutput(run.result, 'Acknowledge PO', 0);
	const exceptions = [
		...nodeOutput(run.result, 'Map ASIN / Case Pack', 1),
		...nodeOutput(run.result, 'Acknowledge PO', 1),
	];
	checkEqual(
		'Acknowledge PO output: every PO Success and final',
		acknowledged.map((a) => [a.purchaseOrderNumber, a.status, a.final]),
		expectedPos.map((n) => [n, 'Success', true]),
	);
	check('no mapping or acknowledgement exceptions', exceptions.length === 0, exceptions);

	checkEqual(
		'sandbox: the POs are Acknowledged',
		expectedPos.map((n) => [n, purchaseOrder(sandbox, n)?.purchaseOrderState]),
		expectedPos.map((n) => [n, 'Acknowledged']),
	);
	const acks = state.acknowledgements.filter((a) => expectedPos.includes(a.purchaseOrderNumber));
	checkEqual(
		'sandbox: one acknowledgement per PO, Success, no implicitly rejected lines',
		acks.map((a) => [a.purchaseOrderNumber, a.status, a.implicitlyRejectedItems]),
		expectedPos.map((n) => [n, 'Success', []]),
	);
	const transactions = state.transactions.filter((t) =>
		t.references.some((r) => expectedPos.includes(r)),
	);
	checkEqual(
		'sandbox: transactions Success without errors',
		transactions.map((t) => [t.kind, t.status, t.errors, t.references]),
		expectedPos.map((n) => ['acknowledgement', 'Success', [], [n]]),
	);
	checkEqual(
		'Acknowledge PO output carries the sandbox transaction ids',
		acknowledged.map((a) => a.transactionId),
		transactions.map((t) => t.transactionId),
	);
}

// ------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------

async function main() {
	const env = {};
	try {
		const { sandbox, n8n } = await prepare(env, {
			n8nDir: option('--n8n-dir'),
			build: !flag('--skip-build'),
			keep: flag('--keep'),
			log,
		});
		await n8n.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: CREDENTIAL_NAME,
				type: 'amazonVendorCentralApi',
				data: sandboxAmazonCredential(sandbox),
			},
		]);
		const workflow = JSON.parse(fs.readFileSync(WORKFLOW_FILE, 'utf8'));
		await n8n.importWorkflow(WORKFLOW_FILE);
		log(`   imported credential ${CREDENTIAL_ID} and workflow ${workflow.id}`);

		// --- Scenario 1 ---------------------------------------------------------------------------
		setScenario('intake');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					// Oldest first: takes 3 cases (36 of the 40 SKU-CASE eaches).
					amazonOrder(
						'PO-E2E-001',
						[{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' }],
						{ ageHours: 5 },
					),
					// The 4 SKU-CASE eaches left are no whole case: line 1 Rejected; line 2 (eaches) Accepted.
					amazonOrder(
						'PO-E2E-002',
						[
							{ asin: 'B00000CASE', amount: 2, unit: 'Cases', unitSize: 12, cost: '4.20' },
							{ asin: 'B000000EAC', amount: 6 },
						],
						{ ageHours: 3 },
					),
					// Created 3 days ago: outside the workflow's 2-day window, must stay New.
					amazonOrder('PO-E2E-OLD', [{ asin: 'B000000EAC', amount: 6 }], { ageHours: 72 }),
				],
			},
		});
		log('scenario 1: intake (Get Many -> Map ASIN / Case Pack -> Set stock -> Acknowledge PO)');
		const run1 = await n8n.execute(workflow.id);
		log(`   n8n execute: ${run1.ms} ms`);
		if (verbose) process.stderr.write(`${run1.stderr}\n`);
		checkIntake(sandbox, run1, ['PO-E2E-001', 'PO-E2E-002']);
		checkEqual('sandbox: PO-E2E-001 line confirmations', confirmations(sandbox, 'PO-E2E-001'), [
			'ACCEPTED',
		]);
		checkEqual(
			'sandbox: PO-E2E-001 accepted/backordered/rejected eaches',
			lineQuantities(sandbox, 'PO-E2E-001'),
			[['1', 36, 0, 0]],
		);
		checkEqual('sandbox: PO-E2E-002 line confirmations', confirmations(sandbox, 'PO-E2E-002'), [
			'REJECTED',
			'ACCEPTED',
		]);
		checkEqual(
			'sandbox: PO-E2E-002 accepted/backordered/rejected eaches',
			lineQuantities(sandbox, 'PO-E2E-002'),
			[
				['1', 0, 0, 24],
				['2', 6, 0, 0],
			],
		);
		checkEqual(
			'sandbox: PO-E2E-OLD (outside the 2-day window) untouched',
			purchaseOrder(sandbox, 'PO-E2E-OLD')?.purchaseOrderState,
			'New',
		);
		const tokenCalls1 = sandbox.control.requests().filter((r) => r.path === '/auth/o2/token');
		check(
			'one token request for the whole run (the token is reused across nodes)',
			tokenCalls1.length === 1,
			`${tokenCalls1.length} token requests`,
		);

		// --- Scenario 2 ---------------------------------------------------------------------------
		setScenario('expired token');
		const expired = sandbox.control.expireTokens();
		sandbox.control.clearRequests();
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder(
						'PO-E2E-003',
						[
							{ asin: 'B00000CASE', amount: 1, unit: 'Cases', unitSize: 12, cost: '4.20' },
							{ asin: 'B000000EAC', amount: 6 },
						],
						{ ageHours: 1 },
					),
				],
			},
		});
		log(
			`scenario 2: every access token expired (${expired}) before the run; n8n keeps the stored one`,
		);
		const run2 = await n8n.execute(workflow.id);
		log(`   n8n execute: ${run2.ms} ms`);
		if (verbose) process.stderr.write(`${run2.stderr}\n`);
		checkIntake(sandbox, run2, ['PO-E2E-003']);
		checkEqual(
			'sandbox: PO-E2E-003 accepted/backordered/rejected eaches',
			lineQuantities(sandbox, 'PO-E2E-003'),
			[
				['1', 12, 0, 0],
				['2', 6, 0, 0],
			],
		);
		const requests = sandbox.control.requests();
		const summary = requests.map((r) => `${r.method} ${r.path} ${r.status}`);
		const first403 = requests.findIndex((r) => r.status === 403 && r.path.startsWith('/vendor'));
		check(
			'the stored (expired) token was sent first and Amazon answered 403',
			first403 >= 0,
			summary,
		);
		const tokenAfter = requests.findIndex(
			(r, i) => i > first403 && r.path === '/auth/o2/token' && r.status === 200,
		);
		check('n8n fetched a new token after the 403', first403 >= 0 && tokenAfter > first403, summary);
		const retried = requests.findIndex(
			(r, i) => i > tokenAfter && r.path === requests[first403].path && r.status === 200,
		);
		check(
			'the same request was repeated with the new token and succeeded',
			tokenAfter > 0 && retried > tokenAfter,
			summary,
		);
		checkEqual(
			'earlier POs were not acknowledged again',
			amazonState(sandbox).acknowledgements.map((a) => a.purchaseOrderNumber),
			['PO-E2E-001', 'PO-E2E-002', 'PO-E2E-003'],
		);
	} catch (error) {
		check(`no setup error (${scenario() || 'setup'})`, false, error.stack || String(error));
	} finally {
		await cleanup(env);
	}

	const code = summary('End-to-end in real n8n');
	if (env.n8n && flag('--keep'))
		process.stdout.write(`N8N_USER_FOLDER kept: ${env.n8n.userFolder}\n`);
	process.exitCode = code;
}

main();
