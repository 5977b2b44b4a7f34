#!/usr/bin/env node
/**
 * End-to-end run of the shipped template workflows/shopify-change-orders.json in a real n8n 2.40.7,
 * against the in-process sandbox (Amazon + Shopify).
 *
 *   node e2e/shopifyChangeOrders.js [--n8n-dir <folder>] [--skip-build] [--keep] [--verbose]
 *
 * 1. workflows/shopify-po-intake.json (trigger swapped for Manual Trigger + Get Many, created in
 *    the last 2 days) creates the Shopify order of a PO and acknowledges it.
 * 2. Amazon changes the PO (sandbox control changePurchaseOrder); workflows/shopify-change-orders.json
 *    (trigger swapped for Manual Trigger + Get Many, changed in the last 2 days) edits the Shopify
 *    order and re-acknowledges; a second run finds No Change (the snapshot was updated).
 * 3. The warehouse starts picking (control action start-fulfillment); the next change is Blocked:
 *    the Shopify order is unchanged and no acknowledgement is sent.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_ROOT, nodeOutput, runError, prepare, cleanup, sandboxAmazonCredential } = require('./realN8n');
const { cli, createReport, amazonOrder, amazonState, purchaseOrder, lineQuantities, ordersOf, stock } = require('./common');

const INTAKE_FILE = path.join(PACKAGE_ROOT, 'workflows', 'shopify-po-intake.json');
const TEMPLATE_FILE = path.join(PACKAGE_ROOT, 'workflows', 'shopify-change-orders.json');
const INTAKE_ID = 'avcE2eShopChgIn1';
const WORKFLOW_ID = 'avcE2eShopChgOr1';
const AVC_CRED = { id: 'avcE2eCred000001', name: 'Vendor Central Sandbox (e2e)' };
const SHOP_CRED = { id: 'avcE2eShopCred01', name: 'Shopify Sandbox (e2e)' };
const VENDOR_CODE = 'VEND1';
const PO = 'PO-CHG-001';

const { flag, option, verbose } = cli();
const { check, checkEqual, log, elapsed, summary, setScenario, scenario } = createReport();


/**
 * A shipped template made runnable by `n8n execute` and bound to the sandbox: its Vendor Central
 * PO Trigger becomes a Manual Trigger + Purchase Order > Get Many (canonical, in the last 2 days,
 * created or changed as `window` says).
 */
function e2eWorkflow(template, sandboxUrl, { id, window }) {
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
			filters: { [window === 'changed' ? 'changedAfter' : 'createdAfter']: '={{ $now.minus({ days: 2 }).toISO() }}' },
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
	config.parameters.assignments.assignments.find((a) => a.name === 'shopUrl').value = sandboxUrl;
	wf.id = id;
	wf.name = `E2E: ${template.name}`;
	return wf;
}

function checkRun(run, label) {
	check(`${label}: n8n execute exited 0 and printed the run data`, run.ok, `exit code ${run.code}; ${(run.stderr || run.stdout || '').trim().slice(-2000)}`);
	const error = runError(run.result);
	check(`${label}: the workflow run has no error`, !error, error);
	if (verbose) {
		const runData = run.result?.data?.resultData?.runData ?? run.result?.resultData?.runData ?? {};
		for (const [name, runs] of Object.entries(runData)) {
			process.stderr.write(`     ${name}: ${runs.map((r) => (r.data?.main ?? []).map((o) => (o ?? []).length).join('/')).join(' | ')}\n`);
		}
	}
}

function lineQuantitiesOf(sandbox, number) {
	const o = ordersOf(sandbox, number)[0];
	return o ? o.lineItems.map((l) => [l.sku, l.currentQuantity]) : `no Shopify order for ${number}`;
}
function snapshotOf(sandbox, number) {
	const o = ordersOf(sandbox, number)[0];
	const mf = o?.metafields.find((m) => m.namespace === 'amazon' && m.key === 'po_snapshot');
	try {
		return JSON.parse(mf?.value);
	} catch {
		return undefined;
	}
}
const ackRequests = (sandbox) => sandbox.control.requests().filter((r) => r.method === 'POST' && r.path.startsWith('/vendor/orders/v1/acknowledgements'));
const acksOf = (sandbox, number) => amazonState(sandbox).acknowledgements.filter((a) => a.purchaseOrderNumber === number);

async function control(sandbox, method, pathname, body) {
	const res = await fetch(`${sandbox.url}${pathname}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${text}`);
	return JSON.parse(text);
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
		check('template: has an id', typeof template.id === 'string' && template.id.length > 0, template.id);
		check('template: Configuration (Set) is the first node after the trigger', template.connections[template.nodes.find((n) => n.type.endsWith('vendorCentralPoTrigger'))?.name]?.main?.[0]?.[0]?.node === 'Configuration', template.connections);
		check('template: credentials referenced by name only', template.nodes.every((n) => Object.values(n.credentials || {}).every((c) => c.name && c.id === undefined)), template.nodes.map((n) => n.credentials).filter(Boolean));
		check('template: no Code node', !template.nodes.some((n) => n.type === 'n8n-nodes-base.code'), template.nodes.map((n) => n.type));
		check('template: an Exception Queue node with a sticky note', template.nodes.some((n) => n.name === 'Exception Queue') && template.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote' && /Exception Queue/.test(n.parameters.content)), null);
		const rawImport = await n8n.importWorkflow(TEMPLATE_FILE).then(() => true, (e) => e.message);
		check('template: the shipped file (with the PO Trigger) imports into n8n as it is', rawImport === true, rawImport);
		const intake = e2eWorkflow(JSON.parse(fs.readFileSync(INTAKE_FILE, 'utf8')), sandbox.url, { id: INTAKE_ID, window: 'created' });
		const workflow = e2eWorkflow(template, sandbox.url, { id: WORKFLOW_ID, window: 'changed' });
		await n8n.importWorkflow(intake);
		await n8n.importWorkflow(workflow);
		log(`   imported the credentials, ${intake.id} (intake) and ${workflow.id} (change orders)`);

		// --- Scenario 1: intake -------------------------------------------------------------------
		setScenario('intake');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder(PO, [
						{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' },
						{ asin: 'B000000EAC', amount: 6, cost: '2.50' },
					], { ageHours: 5 }),
				],
			},
			shopify: {
				accessToken: shopToken,
				locations: [{ name: 'Main warehouse' }],
				products: [
					{ title: 'Case Product', variants: [{ sku: 'SKU-CASE', price: '9.99', stock: { 'Main warehouse': 100 } }] },
					{ title: 'Each Product', variants: [{ sku: 'SKU-EACH', price: '5.00', stock: { 'Main warehouse': 100 } }] },
				],
			},
		});
		log('scenario 1: intake template creates the Shopify order');
		const run0 = await n8n.execute(intake.id);
		log(`   n8n execute: ${run0.ms} ms`);
		checkRun(run0, 'intake');
		checkEqual('shopify: order lines [sku, quantity]', lineQuantitiesOf(sandbox, PO), [['SKU-CASE', 36], ['SKU-EACH', 6]]);
		checkEqual('amazon: one acknowledgement', acksOf(sandbox, PO).length, 1);

		// --- Scenario 2: change applied -----------------------------------------------------------
		setScenario('change applied');
		sandbox.control.changePurchaseOrder(PO, { items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 2 } }] });
		sandbox.control.clearRequests();
		log('scenario 2: Amazon lowers line 1 from 3 to 2 cases; change-orders template');
		const run1 = await n8n.execute(workflow.id);
		log(`   n8n execute: ${run1.ms} ms`);
		checkRun(run1, 'change orders');
		checkEqual('Get Many saw the changed PO', nodeOutput(run1.result, 'Get Purchase Orders (e2e)', 0).map((p) => p.purchaseOrderNumber), [PO]);
		checkEqual('Apply Change Order: Apply (not Blocked, not No Change)', [0, 1, 2].map((i) => nodeOutput(run1.result, 'Apply Change Order', i).length), [1, 0, 0]);
		checkEqual('nothing in the Exception Queue', nodeOutput(run1.result, 'Exception Queue', 0).length, 0);
		checkEqual('shopify: SKU-CASE line now 24, SKU-EACH unchanged', lineQuantitiesOf(sandbox, PO), [['SKU-CASE', 24], ['SKU-EACH', 6]]);
		checkEqual('shopify: stock back (available, committed) SKU-CASE', stock(sandbox, 'SKU-CASE'), { available: 76, committed: 24 });
		const acks1 = acksOf(sandbox, PO);
		checkEqual('amazon: a second acknowledgement, Success', acks1.map((a) => a.status), ['Success', 'Success']);
		checkEqual('amazon: [line, accepted, backordered, rejected] eaches after the re-acknowledgement', lineQuantities(sandbox, PO), [['1', 24, 0, 0], ['2', 6, 0, 0]]);
		checkEqual('amazon: one acknowledgement request in the run', ackRequests(sandbox).length, 1);
		const snap1 = snapshotOf(sandbox, PO);
		checkEqual('shopify: po_snapshot holds the changed PO (line 1: 2 cases)', snap1?.previousPurchaseOrder?.items?.find((i) => i.itemSequenceNumber === '1')?.orderedQuantity?.amount, 2);
		check('shopify: po_snapshot holds the acknowledgement Amazon now has, and the variant ids', snap1?.previousAcknowledgement?.purchaseOrderNumber === PO && Object.keys(snap1?.variantIds || {}).length === 2, snap1);

		// --- Scenario 3: re-run is No Change -----------------------------------------------------
		setScenario('re-run');
		sandbox.control.clearRequests();
		log('scenario 3: the same change again (snapshot updated) -> No Change');
		const run2 = await n8n.execute(workflow.id);
		log(`   n8n execute: ${run2.ms} ms`);
		checkRun(run2, 'change orders re-run');
		checkEqual('Apply Change Order: No Change', [0, 1, 2].map((i) => nodeOutput(run2.result, 'Apply Change Order', i).length), [0, 0, 1]);
		checkEqual('amazon: no acknowledgement request', ackRequests(sandbox).length, 0);
		checkEqual('shopify: order unchanged', lineQuantitiesOf(sandbox, PO), [['SKU-CASE', 24], ['SKU-EACH', 6]]);

		// --- Scenario 4: blocked while picking ----------------------------------------------------
		setScenario('blocked in fulfilment');
		const order = ordersOf(sandbox, PO)[0];
		await control(sandbox, 'POST', `/__sandbox/shopify/orders/${encodeURIComponent(order.id)}/start-fulfillment`, {});
		checkEqual('shopify: order IN_PROGRESS after start-fulfillment', ordersOf(sandbox, PO)[0]?.displayFulfillmentStatus, 'IN_PROGRESS');
		sandbox.control.changePurchaseOrder(PO, { items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 1 } }] });
		sandbox.control.clearRequests();
		const acksBefore = acksOf(sandbox, PO).length;
		log('scenario 4: warehouse picking; Amazon lowers line 1 from 2 to 1 case -> Blocked');
		const run3 = await n8n.execute(workflow.id);
		log(`   n8n execute: ${run3.ms} ms`);
		checkRun(run3, 'change orders while picking');
		const blocked = nodeOutput(run3.result, 'Apply Change Order', 1);
		checkEqual('Apply Change Order: Blocked', [0, 1, 2].map((i) => nodeOutput(run3.result, 'Apply Change Order', i).length), [0, 1, 0]);
		check('blocked because the order is in fulfilment', blocked[0]?.reasons?.some((r) => r.code === 'ORDER_IN_FULFILMENT'), blocked[0]?.reasons);
		const queued = nodeOutput(run3.result, 'Exception Queue', 0);
		check('the blocked change is in the Exception Queue with a suggested action', queued.length === 1 && queued[0].purchaseOrderNumber === PO && Boolean(queued[0].suggestedAction) && queued[0].status === 'open', queued);
		checkEqual('shopify: order unchanged', lineQuantitiesOf(sandbox, PO), [['SKU-CASE', 24], ['SKU-EACH', 6]]);
		checkEqual('shopify: no order edit was begun (no GraphQL orderEdit call)', sandbox.control.requests().filter((r) => /orderEdit/.test(JSON.stringify(r.body ?? r.requestBody ?? ''))).length, 0);
		checkEqual('amazon: no acknowledgement request', ackRequests(sandbox).length, 0);
		checkEqual('amazon: no new acknowledgement', acksOf(sandbox, PO).length, acksBefore);
		checkEqual('shopify: po_snapshot still the 2-case version', snapshotOf(sandbox, PO)?.previousPurchaseOrder?.items?.find((i) => i.itemSequenceNumber === '1')?.orderedQuantity?.amount, 2);
	} catch (error) {
		check(`no setup error (${scenario() || 'setup'})`, false, error.stack || String(error));
	} finally {
		await cleanup(env);
	}

	const code = summary('Shopify change-orders template in real n8n');
	if (env.n8n && flag('--keep')) process.stdout.write(`N8N_USER_FOLDER kept: ${env.n8n.userFolder}\n`);
	process.exitCode = code;
}

main();
