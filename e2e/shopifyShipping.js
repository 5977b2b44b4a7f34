#!/usr/bin/env node
/**
 * End-to-end run of the shipped template workflows/shopify-shipping.json in a running n8n 2.40.7
 * (`n8n start`, loopback only), against the in-process sandbox (Amazon + Shopify).
 *
 *   node e2e/shopifyShipping.js [--n8n-dir <folder>] [--skip-build] [--keep] [--verbose]
 *
 * Before n8n starts: the sandbox credentials, workflows/setup-data-tables.json and the template are
 * imported. The template is changed only as a test may change it: credentials bound to the sandbox
 * ones and Configuration shopUrl pointed at the sandbox; its Schedule Trigger stays, and each run is
 * a manual execution started from that trigger (live.runManually). After the start the setup workflow
 * creates the Data Tables.
 *
 * The sandbox holds what the intake template would have left: Amazon POs seeded as Acknowledged
 * (accepted in full) and one Shopify order per PO with the metafields po_number and po_snapshot (the
 * PO, the acknowledgement and the allocation, in the shape the intake template writes). Orders are
 * then fulfilled with tracking (control action POST /__sandbox/shopify/orders/{order}/fulfill).
 * Checks read the sandbox state and the Data Tables avc_sscc_serials and avc_exceptions.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_ROOT, prepare, cleanup, sandboxAmazonCredential } = require('./realN8n');
const { patchTemplate } = require('./platforms');
const { startLiveN8n } = require('./liveN8n');
const { cli, createReport, amazonOrder, amazonState, shopState } = require('./common');

const SETUP_FILE = path.join(PACKAGE_ROOT, 'workflows', 'setup-data-tables.json');
const SHIPPING_FILE = path.join(PACKAGE_ROOT, 'workflows', 'shopify-shipping.json');
const SETUP_ID = 'avcSetupDataTbls';
const AVC_CRED = { id: 'avcE2eCred000001', name: 'Vendor Central Sandbox (e2e)' };
const SHOP_CRED = { id: 'avcE2eShopCred01', name: 'Shopify Sandbox (e2e)' };
const SHOP_TOKEN = 'shpat_e2e_000000000000000000000000000';
const VENDOR_CODE = 'VEND1';
const SSCC_TABLE = 'avc_sscc_serials';
const EXCEPTION_TABLE = 'avc_exceptions';

const { flag, option, verbose } = cli();
const { check, checkEqual, log, summary, setScenario, scenario } = createReport();

/** The template as a test may change it (e2e/platforms.js patchTemplate): sandbox credentials and shop URL. */
const testCopy = (template, sandboxUrl) =>
	patchTemplate(template, {
		credentials: [
			{ ...AVC_CRED, type: 'amazonVendorCentralApi' },
			{ ...SHOP_CRED, type: 'shopifyAccessTokenApi' },
		],
		configuration: { shopUrl: sandboxUrl },
		strict: true,
	});

// --- sandbox readers ------------------------------------------------------------------------------
const orderOf = (sandbox, po) => shopState(sandbox).orders.find((o) => o.poNumber === po);
const metafield = (order, key) =>
	order?.metafields.find((m) => m.namespace === 'amazon' && m.key === key)?.value;
const jsonMetafield = (order, key) => {
	try {
		return JSON.parse(metafield(order, key));
	} catch {
		return undefined;
	}
};
const asnsOf = (sandbox, po) =>
	amazonState(sandbox).shipmentConfirmations.filter((s) =>
		s.record.lines.some((l) => l.purchaseOrderNumber === po),
	);
const invoicesOf = (sandbox, po) =>
	amazonState(sandbox).invoices.filter((i) =>
		i.record?.lines.some((l) => l.purchaseOrderNumber === po),
	);
/** [PO line, eaches] summed over records. */
function eachesByLine(records) {
	const sum = {};
	for (const r of records)
		for (const l of r.lines)
			sum[l.itemSequenceNumber] = (sum[l.itemSequenceNumber] ?? 0) + l.eaches;
	return Object.entries(sum).sort();
}
/** The 18 digits of an SSCC as Amazon's ASN carries it ("00" + 18 digits) or bare. */
const bareSscc = (s) => String(s).replace(/^00(?=\d{18}$)/, '');
/** POSTs of ASNs and invoices to Amazon since the last clearRequests(). */
function amazonPosts(sandbox) {
	const posts = sandbox.control.requests().filter((r) => r.method === 'POST');
	return {
		asns: posts.filter((r) => r.path.startsWith('/vendor/shipping/')).length,
		invoices: posts.filter((r) => r.path.startsWith('/vendor/payments/')).length,
	};
}

async function fulfil(sandbox, orderName, body) {
	const res = await fetch(
		`${sandbox.url}/__sandbox/shopify/orders/${encodeURIComponent(orderName)}/fulfill`,
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		},
	);
	const json = await res.json();
	if (!res.ok) throw new Error(`fulfil ${orderName}: ${res.status} ${JSON.stringify(json)}`);
	return json;
}

// --- seed: what the intake template leaves behind ----------------------------------------------------
const PRODUCTS = { B00000CASE: 'SKU-CASE', B000000EAC: 'SKU-EACH' };

function acknowledgedPo(number, lines, ageHours) {
	const po = amazonOrder(number, lines, { ageHours, vendorCode: VENDOR_CODE });
	po.purchaseOrderState = 'Acknowledged';
	return po;
}

/** The Shopify order of an acknowledged PO with the po_snapshot the intake template writes. */
function shopOrderFor(rawPo, normalisePurchaseOrder) {
	const po = normalisePurchaseOrder(rawPo);
	const acknowledgement = {
		purchaseOrderNumber: po.purchaseOrderNumber,
		sellingParty: { partyId: VENDOR_CODE },
		acknowledgementDate: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
		items: po.items.map((i) => ({
			itemSequenceNumber: i.itemSequenceNumber,
			amazonProductIdentifier: i.amazonProductIdentifier,
			orderedQuantity: { ...i.orderedQuantity },
			netCost: { currencyCode: i.netCost.currencyCode, amount: i.netCost.amount },
			itemAcknowledgements: [
				{ acknowledgementCode: 'Accepted', acknowledgedQuantity: { ...i.orderedQuantity } },
			],
		})),
	};
	const lines = po.items.map((i, index) => ({
		index,
		itemSequenceNumber: i.itemSequenceNumber,
		sku: PRODUCTS[i.amazonProductIdentifier],
		unitOfMeasure: i.orderedQuantity.unitOfMeasure,
		unitSize: i.orderedQuantity.unitSize,
		ordered: i.orderedQuantity.amount,
		accepted: i.orderedQuantity.amount,
		backordered: 0,
		rejected: 0,
		orderedEaches: i.orderedEaches,
		acceptedEaches: i.orderedEaches,
		backorderedEaches: 0,
		rejectedEaches: 0,
	}));
	const snapshot = {
		previousPurchaseOrder: po,
		previousAcknowledgement: acknowledgement,
		allocation: { lines },
		acknowledgementTransactionId: 'seeded-by-e2e',
		savedAt: new Date().toISOString(),
	};
	return {
		poNumber: po.purchaseOrderNumber,
		sourceName: 'amazon-vendor-central',
		sourceIdentifier: po.purchaseOrderNumber,
		tags: ['amazon-vc', `po:${po.purchaseOrderNumber}`],
		metafields: [
			{
				namespace: 'amazon',
				key: 'po_number',
				type: 'single_line_text_field',
				value: po.purchaseOrderNumber,
			},
			{ namespace: 'amazon', key: 'po_snapshot', type: 'json', value: JSON.stringify(snapshot) },
		],
		lineItems: po.items.map((i) => ({
			sku: PRODUCTS[i.amazonProductIdentifier],
			quantity: i.orderedEaches,
			price: i.netCost.amount,
		})),
	};
}

// --- template checks ----------------------------------------------------------------------------------
function checkTemplate(template) {
	const byName = (name) => template.nodes.find((n) => n.name === name);
	check(
		'template: meta.templateCredsSetupCompleted false with a templateId',
		template.meta?.templateCredsSetupCompleted === false && Boolean(template.meta?.templateId),
		template.meta,
	);
	check(
		'template: a stable 16-character id',
		typeof template.id === 'string' && template.id.length === 16,
		template.id,
	);
	check(
		'template: credentials referenced by name only',
		template.nodes.every((n) =>
			Object.values(n.credentials || {}).every((c) => c.name && c.id === undefined),
		),
		template.nodes.map((n) => n.credentials).filter(Boolean),
	);
	check(
		'template: no Code node',
		!template.nodes.some((n) => n.type === 'n8n-nodes-base.code'),
		template.nodes.map((n) => n.type),
	);
	check(
		'template: a Schedule Trigger first, then a Configuration Set node',
		template.nodes.some(
			(n) =>
				n.type === 'n8n-nodes-base.scheduleTrigger' &&
				template.connections[n.name]?.main?.[0]?.[0]?.node === 'Configuration',
		),
		template.connections,
	);
	const config = Object.fromEntries(
		(byName('Configuration')?.parameters.assignments.assignments ?? []).map((a) => [
			a.name,
			a.value,
		]),
	);
	checkEqual(
		'template: Configuration names the tables and the first SSCC serial (no serial range)',
		[
			config.ssccTable,
			config.exceptionTable,
			typeof config.firstSsccSerial,
			'ssccFirstSerial' in config,
			'ssccSerialCount' in config,
		],
		[SSCC_TABLE, EXCEPTION_TABLE, 'number', false, false],
	);
	const highest = byName('Highest SSCC Serial');
	checkEqual(
		'template: Highest SSCC Serial is a Data Table get sorted by serial, descending, 1 row, always output',
		[
			highest?.type,
			highest?.parameters.operation,
			highest?.parameters.orderBy,
			highest?.parameters.orderByColumn,
			highest?.parameters.orderByDirection,
			highest?.parameters.limit,
			highest?.alwaysOutputData,
		],
		['n8n-nodes-base.dataTable', 'get', true, 'serial', 'DESC', 1, true],
	);
	const reserve = byName('Reserve SSCC Serials');
	check(
		'template: Reserve SSCC Serials (Data Table insert) runs before Build ASN',
		reserve?.type === 'n8n-nodes-base.dataTable' &&
			reserve.parameters.operation === 'insert' &&
			upstreamOf(template, 'Build ASN').has('Reserve SSCC Serials'),
	);
	const checkAsn = byName('Check ASN');
	check(
		'template: Check ASN (Build ASN, check and count only) runs before Reserve SSCC Serials',
		checkAsn?.type === 'n8n-nodes-amazon-vendor-central.buildAsn' &&
			checkAsn.parameters.ssccSource === 'count' &&
			upstreamOf(template, 'Reserve SSCC Serials').has('Check ASN'),
		checkAsn?.parameters,
	);
	check(
		'template: Build ASN packs one carton per case (Configuration cartonRule)',
		/cartonRule/.test(byName('Build ASN')?.parameters.cartonRule ?? '') &&
			config.cartonRule === 'onePerCase',
		[byName('Build ASN')?.parameters.cartonRule, config.cartonRule],
	);
	for (const name of ['ASN Exceptions', 'Invoice Exceptions']) {
		const n = byName(name);
		check(
			`template: ${name} inserts into the exception table`,
			n?.type === 'n8n-nodes-base.dataTable' &&
				n.parameters.operation === 'insert' &&
				/exceptionTable/.test(n.parameters.dataTableId?.value ?? ''),
			n?.parameters,
		);
	}
	check(
		'template: a sticky note says the workflow must not run twice at the same time',
		template.nodes.some(
			(n) =>
				n.type === 'n8n-nodes-base.stickyNote' &&
				/twice at the same time/i.test(n.parameters.content) &&
				/SSCC/.test(n.parameters.content),
		),
	);
}

/** Every node from which `target` can be reached. */
function upstreamOf(wf, target) {
	const seen = new Set();
	let frontier = [target];
	while (frontier.length) {
		const next = [];
		for (const [src, c] of Object.entries(wf.connections)) {
			if (seen.has(src)) continue;
			if ((c.main ?? []).some((outs) => (outs ?? []).some((t) => frontier.includes(t.node)))) {
				seen.add(src);
				next.push(src);
			}
		}
		frontier = next;
	}
	return seen;
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
		const { normalisePurchaseOrder } = require(
			path.join(PACKAGE_ROOT, 'dist', 'nodes', 'shared', 'domain', 'purchaseOrder.js'),
		);
		const { isValidSscc18 } = require(
			path.join(PACKAGE_ROOT, 'dist', 'nodes', 'shared', 'domain', 'gs1.js'),
		);
		const template = JSON.parse(fs.readFileSync(SHIPPING_FILE, 'utf8'));

		setScenario('template file');
		checkTemplate(template);

		setScenario('setup');
		await n8n.importCredentials([
			{ ...AVC_CRED, type: 'amazonVendorCentralApi', data: sandboxAmazonCredential(sandbox) },
			{
				...SHOP_CRED,
				type: 'shopifyAccessTokenApi',
				data: { shopSubdomain: 'e2e-sandbox', accessToken: SHOP_TOKEN, appSecretKey: 'e2e-unused' },
			},
		]);
		await n8n.importWorkflow(SETUP_FILE);
		await n8n.importWorkflow(testCopy(template, sandbox.url));
		const shippingId = template.id;
		const trigger = template.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger').name;
		live = await startLiveN8n(n8n, { log: (l) => log(`   ${l}`), echo: verbose });
		const setup = await live.runManually(SETUP_ID, 'Run Once');
		checkEqual('n8n: the setup workflow created the Data Tables', setup.status, 'success');

		const runShipping = async (label) => {
			log(`${label}: run the shipping template (manual execution from "${trigger}")`);
			const started = Date.now();
			const execution = await live.runManually(shippingId, trigger);
			log(`   execution ${execution.id}: ${execution.status} in ${Date.now() - started} ms`);
			check(
				`n8n: the ${label} execution succeeded`,
				execution.status === 'success',
				`${execution.status}: ${verbose ? live.output.slice(-3000) : '(run with --verbose for n8n output)'}`,
			);
			return execution;
		};
		const serialRows = async (po) =>
			(await live.dataTableRows(SSCC_TABLE))
				.filter((r) => !po || r.purchaseOrderNumber === po)
				.sort((a, b) => a.serial - b.serial);
		const exceptionRows = async () => await live.dataTableRows(EXCEPTION_TABLE);

		const pos = [
			acknowledgedPo(
				'PO-SHIP-001',
				[
					{ asin: 'B00000CASE', amount: 2, unit: 'Cases', unitSize: 12, cost: '4.20' },
					{ asin: 'B000000EAC', amount: 6, cost: '2.50' },
				],
				5,
			),
			acknowledgedPo(
				'PO-SHIP-002',
				[
					{ asin: 'B00000CASE', amount: 1, unit: 'Cases', unitSize: 12, cost: '4.20' },
					{ asin: 'B000000EAC', amount: 12, cost: '2.50' },
				],
				4,
			),
			acknowledgedPo('PO-SHIP-003', [{ asin: 'B000000EAC', amount: 5, cost: '2.50' }], 3),
			acknowledgedPo('PO-SHIP-004', [{ asin: 'B000000EAC', amount: 2, cost: '2.50' }], 2),
		];
		sandbox.control.seed({ amazon: { vendorCode: VENDOR_CODE, purchaseOrders: pos } });
		sandbox.control.seed({
			shopify: {
				accessToken: SHOP_TOKEN,
				locations: [{ name: 'Main warehouse' }],
				products: [
					{
						title: 'Case Product',
						variants: [{ sku: 'SKU-CASE', price: '9.99', stock: { 'Main warehouse': 100 } }],
					},
					{
						title: 'Each Product',
						variants: [{ sku: 'SKU-EACH', price: '5.00', stock: { 'Main warehouse': 100 } }],
					},
				],
				orders: pos.map((po) => shopOrderFor(po, normalisePurchaseOrder)),
			},
		});
		checkEqual(
			'sandbox: four acknowledged POs',
			amazonState(sandbox).purchaseOrders.map((p) => [p.purchaseOrderNumber, p.purchaseOrderState]),
			['001', '002', '003', '004'].map((n) => [`PO-SHIP-${n}`, 'Acknowledged']),
		);
		const [o1, o2, o3, o4] = ['001', '002', '003', '004'].map((n) =>
			orderOf(sandbox, `PO-SHIP-${n}`),
		);
		checkEqual(
			'sandbox: one Shopify order per PO, in eaches',
			[o1, o2, o3, o4].map((o) => o?.lineItems.map((l) => [l.sku, l.quantity])),
			[
				[
					['SKU-CASE', 24],
					['SKU-EACH', 6],
				],
				[
					['SKU-CASE', 12],
					['SKU-EACH', 12],
				],
				[['SKU-EACH', 5]],
				[['SKU-EACH', 2]],
			],
		);
		const plain = (o) => o.name.replace('#', '');

		// --- Scenario 1: one full shipment ---------------------------------------------------------
		setScenario('full shipment');
		await fulfil(sandbox, o1.name, { tracking: { company: 'UPS', number: '1Z999AA10123456784' } });
		sandbox.control.clearRequests();
		await runShipping('full shipment');
		const asns1 = asnsOf(sandbox, 'PO-SHIP-001');
		const invoices1 = invoicesOf(sandbox, 'PO-SHIP-001');
		checkEqual(
			'amazon: one ASN accepted for PO-SHIP-001, eaches per line',
			[asns1.length, eachesByLine(asns1.map((a) => a.record))],
			[
				1,
				[
					['1', 24],
					['2', 6],
				],
			],
		);
		const asn1 = asns1[0]?.record;
		// One carton per case (2 cases of SKU-CASE) and one carton of eaches (6 SKU-EACH).
		checkEqual(
			'amazon: ASN id from the fulfillment name, 3 cartons (one per case + one of eaches), 3 SSCCs',
			[asn1?.shipmentIdentifier, asn1?.cartonCount, asn1?.ssccs.length],
			[`${plain(o1)}-F1`, 3, 3],
		);
		const ssccs1 = (asn1?.ssccs ?? []).map(bareSscc);
		check(
			'amazon: the SSCCs are valid SSCC-18 (GS1 check digit) and distinct',
			ssccs1.length === 3 && ssccs1.every((s) => isValidSscc18(s)) && new Set(ssccs1).size === 3,
			asn1?.ssccs,
		);
		checkEqual(
			'amazon: one invoice, Success, number = prefix + order name + fulfillment index',
			invoices1.map((i) => [i.id, i.status]),
			[[`INV-${plain(o1)}-1`, 'Success']],
		);
		checkEqual(
			'amazon: invoice total = 24 x 4.20 + 6 x 2.50, eaches = shipped',
			[Number(invoices1[0]?.record.total), eachesByLine(invoices1.map((i) => i.record))],
			[
				115.8,
				[
					['1', 24],
					['2', 6],
				],
			],
		);
		const tx = amazonState(sandbox).transactions;
		check(
			'amazon: every ASN and invoice transaction Success',
			tx.length > 0 &&
				tx
					.filter((t) => t.kind === 'shipmentConfirmation' || t.kind === 'invoice')
					.every((t) => t.status === 'Success'),
			tx.map((t) => [t.kind, t.status]),
		);
		const order1 = orderOf(sandbox, 'PO-SHIP-001');
		const fIds1 = order1.fulfillments.map((f) => f.id);
		checkEqual(
			'shopify: amazon.asn_ids = fulfillment -> ASN id',
			jsonMetafield(order1, 'asn_ids'),
			{ [fIds1[0]]: asn1?.shipmentIdentifier },
		);
		checkEqual(
			'shopify: amazon.invoice_numbers = fulfillment -> invoice number',
			jsonMetafield(order1, 'invoice_numbers'),
			{ [fIds1[0]]: `INV-${plain(o1)}-1` },
		);
		const rows1 = await serialRows();
		checkEqual(
			'data table: avc_sscc_serials has serials 1 to 3 (firstSsccSerial 1, table was empty) for PO-SHIP-001 / its ASN',
			rows1.map((r) => [r.serial, r.purchaseOrderNumber, r.shipmentKey]),
			[1, 2, 3].map((n) => [n, 'PO-SHIP-001', asn1?.shipmentIdentifier]),
		);
		checkEqual(
			'data table: the reserved SSCCs are the ones in the ASN',
			rows1.map((r) => r.sscc).sort(),
			[...ssccs1].sort(),
		);
		checkEqual('data table: no exception rows', (await exceptionRows()).length, 0);

		// --- Scenario 2: re-run sends nothing ------------------------------------------------------
		setScenario('re-run');
		sandbox.control.clearRequests();
		await runShipping('re-run');
		checkEqual('amazon: no ASN or invoice request in the second run', amazonPosts(sandbox), {
			asns: 0,
			invoices: 0,
		});
		checkEqual(
			'amazon: still one ASN and one invoice',
			[amazonState(sandbox).shipmentConfirmations.length, amazonState(sandbox).invoices.length],
			[1, 1],
		);
		checkEqual('data table: no new serial reserved', (await serialRows()).length, 3);

		// --- Scenario 3: partial shipments ---------------------------------------------------------
		setScenario('partial shipments');
		await fulfil(sandbox, o2.name, {
			lines: [{ sku: 'SKU-EACH', quantity: 4 }],
			tracking: { company: 'FedEx', number: '771234567890' },
		});
		await runShipping('partial 1/2');
		checkEqual(
			'amazon: PO-SHIP-002 first ASN ships 4 of line 2',
			eachesByLine(asnsOf(sandbox, 'PO-SHIP-002').map((a) => a.record)),
			[['2', 4]],
		);
		checkEqual(
			'data table: PO-SHIP-002 first shipment took serial 4',
			(await serialRows('PO-SHIP-002')).map((r) => r.serial),
			[4],
		);
		await fulfil(sandbox, o2.name, {
			lines: [{ sku: 'SKU-EACH', quantity: 5 }],
			tracking: { company: 'UPS', number: '1Z999AA10123456785' },
		});
		await fulfil(sandbox, o2.name, {
			lines: [
				{ sku: 'SKU-CASE', quantity: 12 },
				{ sku: 'SKU-EACH', quantity: 3 },
			],
			tracking: { company: 'USPS', number: '9400100000000000000001' },
		});
		await runShipping('partial 2/2');
		const asns2 = asnsOf(sandbox, 'PO-SHIP-002');
		const invoices2 = invoicesOf(sandbox, 'PO-SHIP-002');
		checkEqual(
			'amazon: three ASNs for PO-SHIP-002 summing to the accepted quantities',
			[asns2.length, eachesByLine(asns2.map((a) => a.record))],
			[
				3,
				[
					['1', 12],
					['2', 12],
				],
			],
		);
		checkEqual('amazon: no overage', amazonState(sandbox).overages, []);
		checkEqual(
			'amazon: three invoices, Success, numbered by fulfillment index',
			invoices2.map((i) => [i.id, i.status]).sort(),
			[1, 2, 3].map((k) => [`INV-${plain(o2)}-${k}`, 'Success']),
		);
		checkEqual('amazon: invoiced eaches = shipped', eachesByLine(invoices2.map((i) => i.record)), [
			['1', 12],
			['2', 12],
		]);
		const rows2 = await serialRows('PO-SHIP-002');
		// 4 eaches (1 carton), 5 eaches (1 carton), 1 case + 3 eaches (2 cartons).
		checkEqual(
			'data table: the later shipments continue after the first one (serials 4 to 7)',
			rows2.map((r) => r.serial),
			[4, 5, 6, 7],
		);
		const bySerialShipment = Object.fromEntries(
			asns2.map((a) => [a.record.shipmentIdentifier, a.record.ssccs.map(bareSscc).sort()]),
		);
		const reserved = {};
		for (const r of rows2) (reserved[r.shipmentKey] ??= []).push(r.sscc);
		for (const k of Object.keys(reserved)) reserved[k].sort();
		checkEqual(
			'data table: each ASN carries exactly the SSCCs reserved for it',
			reserved,
			bySerialShipment,
		);
		const allSsccs = amazonState(sandbox).shipmentConfirmations.flatMap((a) =>
			a.record.ssccs.map(bareSscc),
		);
		check(
			'amazon: every SSCC so far valid and distinct',
			allSsccs.length === 7 &&
				allSsccs.every((s) => isValidSscc18(s)) &&
				new Set(allSsccs).size === 7,
			allSsccs,
		);
		const order2 = orderOf(sandbox, 'PO-SHIP-002');
		checkEqual(
			'shopify: amazon.asn_ids and amazon.invoice_numbers list the three fulfillments',
			[
				Object.keys(jsonMetafield(order2, 'asn_ids') ?? {}).sort(),
				Object.keys(jsonMetafield(order2, 'invoice_numbers') ?? {}).sort(),
			],
			[order2.fulfillments.map((f) => f.id).sort(), order2.fulfillments.map((f) => f.id).sort()],
		);
		sandbox.control.clearRequests();
		await runShipping('re-run after partial shipments');
		checkEqual('amazon: the re-run sends nothing', amazonPosts(sandbox), { asns: 0, invoices: 0 });
		checkEqual('data table: no exception rows', (await exceptionRows()).length, 0);

		// --- Scenario 4: invoice refused, then sent alone on the next run --------------------------
		setScenario('invoice failure and retry');
		await fulfil(sandbox, o3.name, { tracking: { company: 'UPS', number: '1Z999AA10123456786' } });
		sandbox.control.addFaults([
			{
				service: 'amazon',
				operation: 'submitInvoices',
				type: 'transactionFailure',
				count: 1,
				errors: [{ code: 'INVALID_INVOICE', message: 'Simulated refusal (e2e).' }],
			},
		]);
		sandbox.control.clearRequests();
		await runShipping('invoice failure');
		checkEqual('amazon: the ASN and the invoice were sent once each', amazonPosts(sandbox), {
			asns: 1,
			invoices: 1,
		});
		checkEqual(
			'amazon: PO-SHIP-003 ASN accepted, invoice Failure',
			[
				asnsOf(sandbox, 'PO-SHIP-003').length,
				amazonState(sandbox)
					.invoices.filter((i) => i.id === `INV-${plain(o3)}-1`)
					.map((i) => i.status),
			],
			[1, ['Failure']],
		);
		const order3 = orderOf(sandbox, 'PO-SHIP-003');
		checkEqual(
			'shopify: asn_ids has the fulfillment, invoice_numbers not',
			[
				Object.keys(jsonMetafield(order3, 'asn_ids') ?? {}).length,
				Object.keys(jsonMetafield(order3, 'invoice_numbers') ?? {}).length,
			],
			[1, 0],
		);
		const exc = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-SHIP-003');
		checkEqual(
			'data table: one invoice_rejected row for finance, unresolved',
			exc.map((r) => [r.type, r.ownerRole, r.workflow, r.resolved]),
			[['invoice_rejected', 'finance', 'shopify-shipping', false]],
		);
		check(
			'data table: the row has a reason sentence and JSON details naming the invoice',
			/INV-/.test(exc[0]?.reason ?? '') &&
				JSON.parse(exc[0]?.details ?? '{}').invoiceNumber === `INV-${plain(o3)}-1`,
			exc[0],
		);
		sandbox.control.clearRequests();
		await runShipping('invoice retry');
		checkEqual('amazon: the retry sends only the invoice (no second ASN)', amazonPosts(sandbox), {
			asns: 0,
			invoices: 1,
		});
		checkEqual(
			'amazon: PO-SHIP-003 still one ASN, invoice now Success',
			[
				asnsOf(sandbox, 'PO-SHIP-003').length,
				invoicesOf(sandbox, 'PO-SHIP-003').map((i) => [i.id, i.status]),
			],
			[1, [[`INV-${plain(o3)}-1`, 'Success']]],
		);
		const order3b = orderOf(sandbox, 'PO-SHIP-003');
		checkEqual(
			'shopify: invoice_numbers now has the fulfillment',
			jsonMetafield(order3b, 'invoice_numbers'),
			{ [order3b.fulfillments[0].id]: `INV-${plain(o3)}-1` },
		);
		checkEqual(
			'data table: PO-SHIP-003 reserved one serial (8), none on the retry',
			(await serialRows('PO-SHIP-003')).map((r) => r.serial),
			[8],
		);
		sandbox.control.clearRequests();
		await runShipping('re-run after the retry');
		checkEqual('amazon: the next run sends nothing', amazonPosts(sandbox), {
			asns: 0,
			invoices: 0,
		});
		checkEqual('data table: still one exception row', (await exceptionRows()).length, 1);

		// --- Scenario 5: ASN refused before sending (unknown carrier) -----------------------------
		setScenario('ASN exception');
		await fulfil(sandbox, o4.name, { tracking: { company: 'Pigeon Post', number: 'PP-1' } });
		sandbox.control.clearRequests();
		await runShipping('unknown carrier');
		checkEqual(
			'amazon: nothing sent for PO-SHIP-004',
			[
				amazonPosts(sandbox),
				asnsOf(sandbox, 'PO-SHIP-004').length,
				invoicesOf(sandbox, 'PO-SHIP-004').length,
			],
			[{ asns: 0, invoices: 0 }, 0, 0],
		);
		const exc4 = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-SHIP-004');
		checkEqual(
			'data table: one asn_check_failed row for logistics, unresolved',
			exc4.map((r) => [r.type, r.ownerRole, r.workflow, r.resolved]),
			[['asn_check_failed', 'logistics', 'shopify-shipping', false]],
		);
		check(
			'data table: the reason names the shipment and the carrier problem',
			/-F1/.test(exc4[0]?.reason ?? '') && /carrier|SCAC/i.test(exc4[0]?.reason ?? ''),
			exc4[0]?.reason,
		);
		checkEqual(
			'data table: no serial reserved for an ASN that failed its checks (Check ASN runs before the reservation)',
			(await serialRows('PO-SHIP-004')).map((r) => r.serial),
			[],
		);
		checkEqual(
			'shopify: no asn_ids on the order',
			metafield(orderOf(sandbox, 'PO-SHIP-004'), 'asn_ids'),
			undefined,
		);
		sandbox.control.clearRequests();
		await runShipping('unknown carrier, next run');
		checkEqual('amazon: the next try sends nothing either', amazonPosts(sandbox), {
			asns: 0,
			invoices: 0,
		});
		checkEqual(
			'data table: the next try reserves nothing either',
			[(await serialRows('PO-SHIP-004')).length, (await serialRows()).length],
			[0, 8],
		);
		checkEqual(
			'data table: while its row is open, a failed retry adds no second row',
			(await exceptionRows())
				.filter((r) => r.purchaseOrderNumber === 'PO-SHIP-004')
				.map((r) => r.type),
			['asn_check_failed'],
		);
		const open = (await exceptionRows()).find((r) => r.purchaseOrderNumber === 'PO-SHIP-004');
		const projectId = await live.personalProjectId();
		const tableId = (await live.dataTableByName(EXCEPTION_TABLE)).id;
		await live.request('PATCH', `/rest/projects/${projectId}/data-tables/${tableId}/rows`, {
			filter: { type: 'and', filters: [{ columnName: 'id', condition: 'eq', value: open.id }] },
			data: { resolved: true, resolvedBy: 'e2e' },
		});
		await runShipping('unknown carrier, after the row was resolved');
		checkEqual(
			'data table: once resolved, the next failure raises a new row',
			(await exceptionRows())
				.filter((r) => r.purchaseOrderNumber === 'PO-SHIP-004')
				.map((r) => [r.type, r.resolved]),
			[
				['asn_check_failed', true],
				['asn_check_failed', false],
			],
		);
		if (verbose)
			process.stderr.write(`exception rows:\n${JSON.stringify(await exceptionRows(), null, 1)}\n`);
	} catch (error) {
		check(`no setup error (${scenario() || 'setup'})`, false, error.stack || String(error));
		if (live && verbose) process.stderr.write(`${live.output.slice(-5000)}\n`);
	} finally {
		if (live) await live.stop().catch(() => {});
		await cleanup(env);
	}

	const code = summary('Shopify shipping template in a running n8n');
	if (env.n8n && flag('--keep'))
		process.stdout.write(`N8N_USER_FOLDER kept: ${env.n8n.userFolder}\n`);
	process.exitCode = code;
}

main();
