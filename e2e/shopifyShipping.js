#!/usr/bin/env node
/**
 * End-to-end run of the shipped template workflows/shopify-shipping.json in a real n8n 2.40.7,
 * against the in-process sandbox (Amazon + Shopify).
 *
 *   node e2e/shopifyShipping.js [--n8n-dir <folder>] [--skip-build] [--keep] [--verbose]
 *
 * The Amazon POs, their acknowledgements and the Shopify orders are made first by running the
 * intake template (workflows/shopify-po-intake.json, its trigger replaced as in shopifyPoIntake.js).
 * The orders are then fulfilled in the sandbox (control action POST /__sandbox/shopify/orders/{order}/fulfill)
 * and the shipping template is run with its Schedule Trigger replaced by a Manual Trigger (in code;
 * the shipped file keeps the Schedule Trigger), its credentials bound to sandbox ones, the shop URL
 * pointed at the sandbox and, per run, a fresh SSCC serial range in Configuration (the template
 * takes its serials from a range typed there). Checks read the sandbox state.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_ROOT, nodeOutput, runError, prepare, cleanup, sandboxAmazonCredential } = require('./realN8n');
const { cli, createReport, amazonOrder, amazonState, shopState } = require('./common');

const INTAKE_FILE = path.join(PACKAGE_ROOT, 'workflows', 'shopify-po-intake.json');
const SHIPPING_FILE = path.join(PACKAGE_ROOT, 'workflows', 'shopify-shipping.json');
const INTAKE_ID = 'avcE2eShipIntk01';
const SHIPPING_ID = 'avcE2eShipping01';
const AVC_CRED = { id: 'avcE2eCred000001', name: 'Vendor Central Sandbox (e2e)' };
const SHOP_CRED = { id: 'avcE2eShopCred01', name: 'Shopify Sandbox (e2e)' };
const VENDOR_CODE = 'VEND1';

const { flag, option, verbose } = cli();
const { check, checkEqual, log, elapsed, summary, setScenario, scenario } = createReport();

function bind(wf, sandboxUrl) {
	for (const node of wf.nodes) {
		if (node.credentials?.amazonVendorCentralApi) node.credentials.amazonVendorCentralApi = AVC_CRED;
		if (node.credentials?.shopifyAccessTokenApi) node.credentials.shopifyAccessTokenApi = SHOP_CRED;
	}
	const config = wf.nodes.find((n) => n.name === 'Configuration');
	config.parameters.assignments.assignments.find((a) => a.name === 'shopUrl').value = sandboxUrl;
	return config;
}

/** The intake template with its PO Trigger replaced by Manual Trigger + Get Many (as shopifyPoIntake.js does). */
function intakeWorkflow(template, sandboxUrl) {
	const wf = JSON.parse(JSON.stringify(template));
	const trigger = wf.nodes.find((n) => n.type === 'n8n-nodes-amazon-vendor-central.vendorCentralPoTrigger');
	const [x, y] = trigger.position;
	const getMany = {
		id: 'e2e00000-0000-4000-8000-000000000002',
		name: 'Get Purchase Orders (e2e)',
		type: 'n8n-nodes-amazon-vendor-central.amazonVendorCentral',
		typeVersion: 1,
		position: [x, y],
		parameters: { resource: 'purchaseOrder', operation: 'getAll', outputShape: 'canonical', returnAll: true, filters: { createdAfter: '={{ $now.minus({ days: 2 }).toISO() }}' } },
		credentials: { amazonVendorCentralApi: AVC_CRED },
	};
	const manual = { id: 'e2e00000-0000-4000-8000-000000000001', name: 'Run (e2e)', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [x - 220, y], parameters: {} };
	wf.nodes = wf.nodes.filter((n) => n !== trigger).concat([manual, getMany]);
	wf.connections[getMany.name] = wf.connections[trigger.name];
	delete wf.connections[trigger.name];
	wf.connections[manual.name] = { main: [[{ node: getMany.name, type: 'main', index: 0 }]] };
	bind(wf, sandboxUrl);
	wf.id = INTAKE_ID;
	wf.name = `E2E: ${template.name}`;
	return wf;
}

/** The shipping template with its Schedule Trigger replaced by a Manual Trigger and its SSCC range set. */
function shippingWorkflow(template, sandboxUrl, { firstSerial, serialCount = 50 }) {
	const wf = JSON.parse(JSON.stringify(template));
	const trigger = wf.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
	if (!trigger) throw new Error('the shipping template has no Schedule Trigger');
	const manual = { id: 'e2e00000-0000-4000-8000-000000000011', name: 'Run (e2e)', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: trigger.position, parameters: {} };
	wf.nodes = wf.nodes.filter((n) => n !== trigger).concat([manual]);
	wf.connections[manual.name] = wf.connections[trigger.name];
	delete wf.connections[trigger.name];
	const config = bind(wf, sandboxUrl);
	const put = (name, value) => {
		config.parameters.assignments.assignments.find((a) => a.name === name).value = value;
	};
	put('ssccFirstSerial', firstSerial);
	put('ssccSerialCount', serialCount);
	wf.id = SHIPPING_ID;
	wf.name = `E2E: ${template.name}`;
	return wf;
}

const orderOf = (sandbox, po) => shopState(sandbox).orders.find((o) => o.poNumber === po);
const metafield = (order, key) => order?.metafields.find((m) => m.namespace === 'amazon' && m.key === key)?.value;
const jsonMetafield = (order, key) => {
	try {
		return JSON.parse(metafield(order, key));
	} catch {
		return undefined;
	}
};
const asnsOf = (sandbox, po) => amazonState(sandbox).shipmentConfirmations.filter((s) => s.record.lines.some((l) => l.purchaseOrderNumber === po));
const invoicesOf = (sandbox, po) => amazonState(sandbox).invoices.filter((i) => i.record?.lines.some((l) => l.purchaseOrderNumber === po));
const transaction = (sandbox, id) => amazonState(sandbox).transactions.find((t) => t.transactionId === id);
/** [PO line, eaches] summed over records. */
function eachesByLine(records) {
	const sum = {};
	for (const r of records) for (const l of r.lines) sum[l.itemSequenceNumber] = (sum[l.itemSequenceNumber] ?? 0) + l.eaches;
	return Object.entries(sum).sort();
}

async function fulfil(sandbox, orderName, body) {
	const res = await fetch(`${sandbox.url}/__sandbox/shopify/orders/${encodeURIComponent(orderName)}/fulfill`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const json = await res.json();
	if (!res.ok) throw new Error(`fulfil ${orderName}: ${res.status} ${JSON.stringify(json)}`);
	return json;
}

function checkRun(run, exceptionNodes) {
	check('n8n execute exited 0 and printed the run data', run.ok, `exit code ${run.code}; ${(run.stderr || run.stdout || '').trim().slice(-2000)}`);
	const error = runError(run.result);
	check('the workflow run has no error', !error, error);
	const exceptions = exceptionNodes.flatMap(([node, output]) => nodeOutput(run.result, node, output));
	check(`no exceptions (${exceptionNodes.map(([n]) => n).join(', ')})`, exceptions.length === 0, exceptions);
}
const INTAKE_EXCEPTIONS = [['Map ASIN / Case Pack', 1], ['Acknowledge PO', 1]];
const SHIPPING_EXCEPTIONS = [['Build ASN', 1], ['Build Invoice', 1]];

function checkShipped(sandbox, po, { asnCount, lines }) {
	const asns = asnsOf(sandbox, po);
	checkEqual(`amazon: ${po} has ${asnCount} accepted ASN(s)`, asns.length, asnCount);
	checkEqual(`amazon: ${po} ASN eaches per PO line`, eachesByLine(asns.map((a) => a.record)), lines);
	const asnTx = amazonState(sandbox).transactions.filter((t) => t.kind === 'shipmentConfirmation');
	check(`amazon: every ASN transaction Success`, asnTx.length > 0 && asnTx.every((t) => t.status === 'Success'), asnTx.map((t) => [t.transactionId, t.status]));
	const invoices = invoicesOf(sandbox, po);
	checkEqual(`amazon: ${po} has ${asnCount} accepted invoice(s), Success`, invoices.map((i) => i.status), Array(asnCount).fill('Success'));
	checkEqual(`amazon: ${po} invoiced eaches per PO line = shipped`, eachesByLine(invoices.map((i) => i.record)), lines);
	const invTx = amazonState(sandbox).transactions.filter((t) => t.kind === 'invoice');
	check(`amazon: every invoice transaction Success`, invTx.length > 0 && invTx.every((t) => t.status === 'Success'), invTx.map((t) => [t.transactionId, t.status]));
	const order = orderOf(sandbox, po);
	const asnIds = jsonMetafield(order, 'asn_ids');
	const invoiceNumbers = jsonMetafield(order, 'invoice_numbers');
	const fulfillmentIds = (order?.fulfillments ?? []).map((f) => f.id).sort();
	checkEqual(`shopify: ${po} amazon.asn_ids lists every fulfillment`, Object.keys(asnIds ?? {}).sort(), fulfillmentIds);
	checkEqual(`shopify: ${po} amazon.asn_ids values = the ASN shipment ids`, Object.values(asnIds ?? {}).sort(), asns.map((a) => a.record.shipmentIdentifier).sort());
	checkEqual(`shopify: ${po} amazon.invoice_numbers lists every fulfillment`, Object.keys(invoiceNumbers ?? {}).sort(), fulfillmentIds);
	checkEqual(`shopify: ${po} amazon.invoice_numbers values = the invoice ids`, Object.values(invoiceNumbers ?? {}).sort(), invoices.map((i) => i.id).sort());
	return { order, asns, invoices, asnIds, invoiceNumbers };
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
		const intakeTemplate = JSON.parse(fs.readFileSync(INTAKE_FILE, 'utf8'));
		const template = JSON.parse(fs.readFileSync(SHIPPING_FILE, 'utf8'));

		setScenario('template file');
		check('template: meta.templateCredsSetupCompleted false with a templateId', template.meta?.templateCredsSetupCompleted === false && Boolean(template.meta?.templateId), template.meta);
		check('template: has an id', typeof template.id === 'string' && template.id.length > 0, template.id);
		check('template: credentials referenced by name only', template.nodes.every((n) => Object.values(n.credentials || {}).every((c) => c.name && c.id === undefined)), template.nodes.map((n) => n.credentials).filter(Boolean));
		check('template: no Code node', !template.nodes.some((n) => n.type === 'n8n-nodes-base.code'), template.nodes.map((n) => n.type));
		check('template: a Schedule Trigger first, then a Configuration Set node', template.nodes.some((n) => n.type === 'n8n-nodes-base.scheduleTrigger' && template.connections[n.name]?.main?.[0]?.[0]?.node === 'Configuration'), template.connections);
		check('template: a sticky note says production must reserve SSCC serials from a database sequence', template.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote' && /database sequence/i.test(n.parameters.content) && /SSCC/.test(n.parameters.content)));
		const rawImport = await n8n.importWorkflow(SHIPPING_FILE).then(() => true, (e) => e.message);
		check('template: the shipped file (with the Schedule Trigger) imports into n8n as it is', rawImport === true, rawImport);

		await n8n.importWorkflow(intakeWorkflow(intakeTemplate, sandbox.url));
		let serial = 1000;
		const importShipping = async () => {
			const wf = shippingWorkflow(template, sandbox.url, { firstSerial: serial });
			serial += 1000;
			await n8n.importWorkflow(wf);
		};

		// --- Scenario 1: intake --------------------------------------------------------------------
		setScenario('intake (setup)');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder('PO-SHIP-001', [
						{ asin: 'B00000CASE', amount: 2, unit: 'Cases', unitSize: 12, cost: '4.20' },
						{ asin: 'B000000EAC', amount: 6, cost: '2.50' },
					], { ageHours: 5 }),
					amazonOrder('PO-SHIP-002', [
						{ asin: 'B00000CASE', amount: 1, unit: 'Cases', unitSize: 12, cost: '4.20' },
						{ asin: 'B000000EAC', amount: 12, cost: '2.50' },
					], { ageHours: 3 }),
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
		log('intake: run the PO intake template (acknowledge + create the Shopify orders)');
		const intake = await n8n.execute(INTAKE_ID);
		log(`   n8n execute: ${intake.ms} ms`);
		checkRun(intake, INTAKE_EXCEPTIONS);
		checkEqual('amazon: both POs acknowledged, Success', amazonState(sandbox).acknowledgements.map((a) => [a.purchaseOrderNumber, a.status]), [['PO-SHIP-001', 'Success'], ['PO-SHIP-002', 'Success']]);
		const o1 = orderOf(sandbox, 'PO-SHIP-001');
		const o2 = orderOf(sandbox, 'PO-SHIP-002');
		checkEqual('shopify: PO-SHIP-001 order lines', o1?.lineItems.map((l) => [l.sku, l.quantity]), [['SKU-CASE', 24], ['SKU-EACH', 6]]);
		checkEqual('shopify: PO-SHIP-002 order lines', o2?.lineItems.map((l) => [l.sku, l.quantity]), [['SKU-CASE', 12], ['SKU-EACH', 12]]);
		if (!o1 || !o2) throw new Error('the intake template did not create the orders');

		// --- Scenario 2: one full shipment ---------------------------------------------------------
		setScenario('full shipment');
		await fulfil(sandbox, o1.name, { tracking: { company: 'UPS', number: '1Z999AA10123456784' } });
		checkEqual('shopify: PO-SHIP-001 fulfilled in the sandbox', orderOf(sandbox, 'PO-SHIP-001').fulfillments.length, 1);
		sandbox.control.clearRequests();
		await importShipping();
		log('full shipment: run the shipping template');
		const run1 = await n8n.execute(SHIPPING_ID);
		log(`   n8n execute: ${run1.ms} ms`);
		if (verbose) process.stderr.write(`${run1.stderr}\n`);
		checkRun(run1, SHIPPING_EXCEPTIONS);
		if (verbose) process.stderr.write(`${JSON.stringify(nodeOutput(run1.result, 'Build ASN', 1), null, 1)}\n`);
		const full = checkShipped(sandbox, 'PO-SHIP-001', { asnCount: 1, lines: [['1', 24], ['2', 6]] });
		const asn = full.asns[0]?.record;
		checkEqual('amazon: ASN shipment id from the fulfillment name, 2 cartons (one per line), 2 SSCCs', [asn?.shipmentIdentifier, asn?.cartonCount, asn?.ssccs.length], [`${o1.name.replace('#', '')}-F1`, 2, 2]);
		checkEqual('amazon: invoice number = prefix + order name + fulfillment index', full.invoices.map((i) => i.id), [`INV-${o1.name.replace('#', '')}-1`]);
		checkEqual('amazon: invoice total = 24 x 4.20 + 6 x 2.50', Number(full.invoices[0]?.record.total), 115.8);
		checkEqual('amazon: nothing for PO-SHIP-002 (not fulfilled yet)', [asnsOf(sandbox, 'PO-SHIP-002').length, invoicesOf(sandbox, 'PO-SHIP-002').length], [0, 0]);
		const sentConfirmation = nodeOutput(run1.result, 'Build ASN', 0)[0]?.confirmation;
		checkEqual('amazon: carrier SCAC from the tracking company (UPS -> UPSN) and the tracking number as PRO', [sentConfirmation?.transportationDetails?.carrierScac, sentConfirmation?.transportationDetails?.carrierShipmentReferenceNumber], ['UPSN', '1Z999AA10123456784']);

		// --- Scenario 3: re-run sends nothing ------------------------------------------------------
		setScenario('re-run');
		sandbox.control.clearRequests();
		log('re-run: the same fulfillment must not be sent again');
		const run2 = await n8n.execute(SHIPPING_ID);
		log(`   n8n execute: ${run2.ms} ms`);
		checkRun(run2, SHIPPING_EXCEPTIONS);
		const posts = sandbox.control.requests().filter((r) => r.method === 'POST' && (r.path.startsWith('/vendor/shipping/') || r.path.startsWith('/vendor/payments/')));
		checkEqual('amazon: no ASN or invoice request in the second run', posts.map((r) => r.path), []);
		checkEqual('amazon: still one ASN and one invoice', [amazonState(sandbox).shipmentConfirmations.length, amazonState(sandbox).invoices.length], [1, 1]);
		checkEqual('the order was filtered out before the detail read', nodeOutput(run2.result, 'Read Order and Fulfillments', 0).length, 0);

		// --- Scenario 4: partial shipments ---------------------------------------------------------
		setScenario('partial shipments');
		await fulfil(sandbox, o2.name, { lines: [{ sku: 'SKU-EACH', quantity: 4 }], tracking: { company: 'FedEx', number: '771234567890' } });
		await importShipping();
		log('partial: first fulfillment of PO-SHIP-002 (4 of 12 eaches)');
		const run3 = await n8n.execute(SHIPPING_ID);
		log(`   n8n execute: ${run3.ms} ms`);
		checkRun(run3, SHIPPING_EXCEPTIONS);
		checkShipped(sandbox, 'PO-SHIP-002', { asnCount: 1, lines: [['2', 4]] });

		await fulfil(sandbox, o2.name, { lines: [{ sku: 'SKU-EACH', quantity: 5 }], tracking: { company: 'UPS', number: '1Z999AA10123456785' } });
		await fulfil(sandbox, o2.name, { lines: [{ sku: 'SKU-CASE', quantity: 12 }, { sku: 'SKU-EACH', quantity: 3 }], tracking: { company: 'USPS', number: '9400100000000000000001' } });
		await importShipping();
		log('partial: two more fulfillments of PO-SHIP-002 in one run (the rest)');
		const run4 = await n8n.execute(SHIPPING_ID);
		log(`   n8n execute: ${run4.ms} ms`);
		checkRun(run4, SHIPPING_EXCEPTIONS);
		const partial = checkShipped(sandbox, 'PO-SHIP-002', { asnCount: 3, lines: [['1', 12], ['2', 12]] });
		checkEqual('amazon: the three ASNs of PO-SHIP-002 sum to the accepted quantities, no overage', amazonState(sandbox).overages, []);
		checkEqual('amazon: invoice numbers by fulfillment index', partial.invoices.map((i) => i.id).sort(), [1, 2, 3].map((k) => `INV-${o2.name.replace('#', '')}-${k}`));
		const shippedLines = jsonMetafield(orderOf(sandbox, 'PO-SHIP-002'), 'shipped_lines') ?? [];
		checkEqual('shopify: amazon.shipped_lines keeps every ASN line', shippedLines.map((l) => l.shipmentIdentifier).sort(), partial.asns.flatMap((a) => a.record.lines.map(() => a.record.shipmentIdentifier)).sort());
		checkEqual('amazon: PO-SHIP-001 untouched (still one ASN, one invoice)', [asnsOf(sandbox, 'PO-SHIP-001').length, invoicesOf(sandbox, 'PO-SHIP-001').length], [1, 1]);

		sandbox.control.clearRequests();
		const run5 = await n8n.execute(SHIPPING_ID);
		checkRun(run5, SHIPPING_EXCEPTIONS);
		const posts5 = sandbox.control.requests().filter((r) => r.method === 'POST' && (r.path.startsWith('/vendor/shipping/') || r.path.startsWith('/vendor/payments/')));
		checkEqual('re-run after the partial shipments sends nothing', posts5.length, 0);
	} catch (error) {
		check(`no setup error (${scenario() || 'setup'})`, false, error.stack || String(error));
	} finally {
		await cleanup(env);
	}

	const code = summary('Shopify shipping template in real n8n');
	if (env.n8n && flag('--keep')) process.stdout.write(`N8N_USER_FOLDER kept: ${env.n8n.userFolder}\n`);
	process.exitCode = code;
}

main();
