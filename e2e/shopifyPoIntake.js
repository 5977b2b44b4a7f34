#!/usr/bin/env node
/**
 * End-to-end run of the shipped template workflows/shopify-po-intake.json in a real n8n 2.40.7,
 * against the in-process sandbox (Amazon + Shopify).
 *
 *   node e2e/shopifyPoIntake.js [--n8n-dir <folder>] [--skip-build] [--keep] [--verbose]
 *
 * `n8n execute` only starts from a manual trigger, so the template's Vendor Central PO Trigger is
 * replaced here (in code; the shipped file keeps the trigger) by a Manual Trigger and the Amazon
 * Vendor Central node (Purchase Order > Get Many, normalised, created in the last 2 days, any
 * state, so that a second run sees the already acknowledged POs again and must skip them).
 * The credentials are bound to sandbox ones and the Configuration node's shop URL points at the
 * sandbox. Checks read the sandbox state: what Amazon and Shopify recorded.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_ROOT, nodeOutput, runError, prepare, cleanup, sandboxAmazonCredential } = require('./realN8n');
const { cli, createReport, amazonOrder, amazonState, shopState, purchaseOrder, lineQuantities, ordersOf, stock } = require('./common');

const TEMPLATE_FILE = path.join(PACKAGE_ROOT, 'workflows', 'shopify-po-intake.json');
const WORKFLOW_ID = 'avcE2eShopPoIn01';
const AVC_CRED = { id: 'avcE2eCred000001', name: 'Vendor Central Sandbox (e2e)' };
const SHOP_CRED = { id: 'avcE2eShopCred01', name: 'Shopify Sandbox (e2e)' };
const VENDOR_CODE = 'VEND1';

const { flag, option, verbose } = cli();
const { check, checkEqual, log, elapsed, summary, setScenario, scenario } = createReport();

/** The shipped template, made runnable by `n8n execute` and bound to the sandbox. */
function e2eWorkflow(template, sandboxUrl) {
	const wf = JSON.parse(JSON.stringify(template));
	const trigger = wf.nodes.find((n) => n.type === 'n8n-nodes-amazon-vendor-central.vendorCentralPoTrigger');
	if (!trigger) throw new Error('the template has no Vendor Central PO Trigger');
	const [x, y] = trigger.position;
	const getMany = {
		id: 'e2e00000-0000-4000-8000-000000000002',
		name: 'Get Purchase Orders (e2e)',
		type: 'n8n-nodes-amazon-vendor-central.amazonVendorCentral',
		typeVersion: 1,
		position: [x, y],
		parameters: {
			resource: 'purchaseOrder',
			operation: 'getAll',
			outputShape: 'canonical',
			returnAll: true,
			filters: { createdAfter: '={{ $now.minus({ days: 2 }).toISO() }}' },
		},
		credentials: {},
	};
	const manual = { id: 'e2e00000-0000-4000-8000-000000000001', name: 'Run (e2e)', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [x - 220, y], parameters: {} };
	wf.nodes = wf.nodes.filter((n) => n !== trigger).concat([manual, getMany]);
	wf.connections[getMany.name] = wf.connections[trigger.name];
	delete wf.connections[trigger.name];
	wf.connections[manual.name] = { main: [[{ node: getMany.name, type: 'main', index: 0 }]] };
	for (const node of wf.nodes) {
		if (node.name === getMany.name || node.credentials?.amazonVendorCentralApi) node.credentials = { ...node.credentials, amazonVendorCentralApi: AVC_CRED };
		if (node.credentials?.shopifyAccessTokenApi) node.credentials.shopifyAccessTokenApi = SHOP_CRED;
	}
	const config = wf.nodes.find((n) => n.name === 'Configuration');
	const shopUrl = config.parameters.assignments.assignments.find((a) => a.name === 'shopUrl');
	shopUrl.value = sandboxUrl;
	wf.id = WORKFLOW_ID;
	wf.name = `E2E: ${template.name}`;
	return wf;
}

function checkRun(run) {
	check('n8n execute exited 0 and printed the run data', run.ok, `exit code ${run.code}; ${(run.stderr || run.stdout || '').trim().slice(-2000)}`);
	const error = runError(run.result);
	check('the workflow run has no error', !error, error);
	const exceptions = [...nodeOutput(run.result, 'Map ASIN / Case Pack', 1), ...nodeOutput(run.result, 'Acknowledge PO', 1)];
	check('no mapping or acknowledgement exceptions', exceptions.length === 0, exceptions);
}

function checkOrder(sandbox, number, expectedLines) {
	const orders = ordersOf(sandbox, number);
	checkEqual(`shopify: exactly one order for ${number}`, orders.length, 1);
	const o = orders[0];
	if (!o) return;
	checkEqual(`shopify: ${number} order lines [sku, quantity] = accepted eaches`, o.lineItems.map((l) => [l.sku, l.quantity]), expectedLines);
	checkEqual(`shopify: ${number} order source and tags`, [o.sourceName, o.sourceIdentifier, o.tags.includes(`po:${number}`)], ['amazon-vendor-central', number, true]);
	const mf = Object.fromEntries(o.metafields.map((m) => [`${m.namespace}.${m.key}`, m]));
	checkEqual(`shopify: ${number} metafield amazon.po_number`, mf['amazon.po_number']?.value, number);
	let snapshot;
	try {
		snapshot = JSON.parse(mf['amazon.po_snapshot']?.value);
	} catch {
		snapshot = undefined;
	}
	check(`shopify: ${number} metafield amazon.po_snapshot (json) holds the PO and the acknowledgement sent`,
		mf['amazon.po_snapshot']?.type === 'json' && snapshot?.previousPurchaseOrder?.purchaseOrderNumber === number && snapshot?.previousAcknowledgement?.purchaseOrderNumber === number && Object.keys(snapshot?.variantIds || {}).length > 0,
		mf['amazon.po_snapshot']);
}

async function main() {
	const env = {};
	try {
		const { sandbox, n8n } = await prepare(env, { n8nDir: option('--n8n-dir'), build: !flag('--skip-build'), keep: flag('--keep'), log });
		const shopToken = 'shpat_e2e_000000000000000000000000000';
		await n8n.importCredentials([
			{ ...AVC_CRED, type: 'amazonVendorCentralApi', data: sandboxAmazonCredential(sandbox) },
			{ ...SHOP_CRED, type: 'shopifyAccessTokenApi', data: { shopSubdomain: 'e2e-sandbox', accessToken: shopToken, appSecretKey: 'e2e-unused' } },
		]);
		const template = JSON.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8'));
		setScenario('template file');
		check('template: meta.templateCredsSetupCompleted false with a templateId', template.meta?.templateCredsSetupCompleted === false && Boolean(template.meta?.templateId), template.meta);
		check('template: credentials referenced by name only', template.nodes.every((n) => Object.values(n.credentials || {}).every((c) => c.name && c.id === undefined)), template.nodes.map((n) => n.credentials).filter(Boolean));
		check('template: no Code node', !template.nodes.some((n) => n.type === 'n8n-nodes-base.code'), template.nodes.map((n) => n.type));
		const rawImport = await n8n.importWorkflow(TEMPLATE_FILE).then(() => true, (e) => e.message);
		check('template: the shipped file (with the PO Trigger) imports into n8n as it is', rawImport === true, rawImport);
		const workflow = e2eWorkflow(template, sandbox.url);
		await n8n.importWorkflow(workflow);
		log(`   imported the credentials and ${workflow.id} (from workflows/shopify-po-intake.json)`);

		// --- Scenario 1 ---------------------------------------------------------------------------
		setScenario('shopify po intake');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder('PO-SHP-001', [{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' }], { ageHours: 5 }),
					amazonOrder('PO-SHP-002', [
						{ asin: 'B00000CASE', amount: 2, unit: 'Cases', unitSize: 12, cost: '4.20' },
						{ asin: 'B000000EAC', amount: 6, cost: '2.50' },
					], { ageHours: 3 }),
				],
			},
			shopify: {
				accessToken: shopToken,
				locations: [{ name: 'Main warehouse' }],
				products: [
					{ title: 'Case Product', variants: [{ sku: 'SKU-CASE', price: '9.99', stock: { 'Main warehouse': 40 } }] },
					{ title: 'Each Product', variants: [{ sku: 'SKU-EACH', price: '5.00', stock: { 'Main warehouse': 100 } }] },
					{ title: 'Other Product', variants: [{ sku: 'SKU-CASE-XL', price: '1.00', stock: { 'Main warehouse': 999 } }] },
				],
			},
		});
		log('scenario 1: first run (trigger replaced by Manual Trigger + Get Many)');
		const run1 = await n8n.execute(workflow.id);
		log(`   n8n execute: ${run1.ms} ms`);
		if (verbose) process.stderr.write(`${run1.stderr}\n`);
		checkRun(run1);
		const state = amazonState(sandbox);
		checkEqual('amazon: both POs Acknowledged', ['PO-SHP-001', 'PO-SHP-002'].map((n) => purchaseOrder(sandbox, n)?.purchaseOrderState), ['Acknowledged', 'Acknowledged']);
		checkEqual('amazon: one acknowledgement per PO, Success', state.acknowledgements.map((a) => [a.purchaseOrderNumber, a.status]), [['PO-SHP-001', 'Success'], ['PO-SHP-002', 'Success']]);
		checkEqual('amazon: PO-SHP-001 [line, accepted, backordered, rejected] eaches (40 in stock)', lineQuantities(sandbox, 'PO-SHP-001'), [['1', 36, 0, 0]]);
		checkEqual('amazon: PO-SHP-002 (4 SKU-CASE left: no whole case) line 1 rejected, line 2 accepted', lineQuantities(sandbox, 'PO-SHP-002'), [['1', 0, 0, 24], ['2', 6, 0, 0]]);
		checkOrder(sandbox, 'PO-SHP-001', [['SKU-CASE', 36]]);
		checkOrder(sandbox, 'PO-SHP-002', [['SKU-EACH', 6]]);
		checkEqual('shopify: PO-SHP-001 line priced at Amazon net cost', ordersOf(sandbox, 'PO-SHP-001')[0]?.lineItems.map((l) => l.price), ['4.20']);
		checkEqual('shopify: two orders in all', shopState(sandbox).orders.length, 2);
		checkEqual('shopify: stock claimed (available, committed) SKU-CASE / SKU-EACH', [stock(sandbox, 'SKU-CASE'), stock(sandbox, 'SKU-EACH')], [{ available: 4, committed: 36 }, { available: 94, committed: 6 }]);
		const shopCalls1 = sandbox.control.requests().filter((r) => r.path.startsWith('/admin/api/2026-04/graphql.json'));
		check('shopify: every GraphQL call went to the pinned version with the token (200)', shopCalls1.length > 0 && shopCalls1.every((r) => r.status === 200), shopCalls1.map((r) => `${r.method} ${r.path} ${r.status}`));

		// --- Scenario 2 ---------------------------------------------------------------------------
		setScenario('re-run');
		sandbox.control.clearRequests();
		log('scenario 2: second run over the same POs (now Acknowledged)');
		const run2 = await n8n.execute(workflow.id);
		log(`   n8n execute: ${run2.ms} ms`);
		if (verbose) process.stderr.write(`${run2.stderr}\n`);
		checkRun(run2);
		checkEqual('Get Many saw both POs again', nodeOutput(run2.result, 'Get Purchase Orders (e2e)', 0).map((p) => p.purchaseOrderNumber).sort(), ['PO-SHP-001', 'PO-SHP-002']);
		checkEqual('both skipped as already in Shopify', nodeOutput(run2.result, 'Skip: Order Exists', 0).map((p) => p.purchaseOrder?.purchaseOrderNumber).sort(), ['PO-SHP-001', 'PO-SHP-002']);
		checkEqual('amazon: no second acknowledgement', amazonState(sandbox).acknowledgements.map((a) => a.purchaseOrderNumber), ['PO-SHP-001', 'PO-SHP-002']);
		checkEqual('shopify: still one order per PO', [ordersOf(sandbox, 'PO-SHP-001').length, ordersOf(sandbox, 'PO-SHP-002').length, shopState(sandbox).orders.length], [1, 1, 2]);
		const ackCalls = sandbox.control.requests().filter((r) => r.method === 'POST' && r.path.startsWith('/vendor/orders/v1/acknowledgements'));
		checkEqual('amazon: no acknowledgement request in the second run', ackCalls.length, 0);

		// --- Scenario 3 ---------------------------------------------------------------------------
		setScenario('new PO after claims');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder('PO-SHP-003', [
						{ asin: 'B00000CASE', amount: 1, unit: 'Cases', unitSize: 12, cost: '4.20' },
						{ asin: 'B000000EAC', amount: 12, cost: '2.50' },
					], { ageHours: 1 }),
				],
			},
		});
		log('scenario 3: a new PO; Shopify now shows 4 SKU-CASE and 94 SKU-EACH available (the rest committed)');
		const run3 = await n8n.execute(workflow.id);
		log(`   n8n execute: ${run3.ms} ms`);
		if (verbose) process.stderr.write(`${run3.stderr}\n`);
		checkRun(run3);
		checkEqual('Shopify stock read for the new PO only: [sku, available]', nodeOutput(run3.result, 'Stock Row', 0).map((r) => [r.sku, r.available]), [['SKU-CASE', 4], ['SKU-EACH', 94]]);
		checkEqual('amazon: PO-SHP-003 case line rejected (4 < 12), eaches accepted', lineQuantities(sandbox, 'PO-SHP-003'), [['1', 0, 0, 12], ['2', 12, 0, 0]]);
		checkEqual('amazon: acknowledgements in all', amazonState(sandbox).acknowledgements.map((a) => a.purchaseOrderNumber), ['PO-SHP-001', 'PO-SHP-002', 'PO-SHP-003']);
		checkOrder(sandbox, 'PO-SHP-003', [['SKU-EACH', 12]]);
		checkEqual('shopify: three orders in all', shopState(sandbox).orders.length, 3);
	} catch (error) {
		check(`no setup error (${scenario() || 'setup'})`, false, error.stack || String(error));
	} finally {
		await cleanup(env);
	}

	const code = summary('Shopify PO intake template in real n8n');
	if (env.n8n && flag('--keep')) process.stdout.write(`N8N_USER_FOLDER kept: ${env.n8n.userFolder}\n`);
	process.exitCode = code;
}

main();
