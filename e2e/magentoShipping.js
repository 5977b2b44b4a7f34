#!/usr/bin/env node
/**
 * End-to-end run of the shipped template workflows/magento-shipping.json in a running n8n 2.40.7
 * (`n8n start`, loopback only), against the in-process sandbox (Amazon + Magento 2).
 *
 *   node e2e/magentoShipping.js [--n8n-dir <folder>] [--skip-build] [--keep] [--verbose]
 *
 * Before n8n starts: the sandbox credentials (Amazon, n8n's Magento 2 API), workflows/setup-data-tables.json
 * and the template are imported. The template is changed only as a test may change it: credentials
 * bound to the sandbox ones and Configuration magentoUrl pointed at the sandbox; its Schedule Trigger
 * stays, and each run is a manual execution started from that trigger (live.runManually). After the
 * start the setup workflow creates the Data Tables and the ASIN mapping rows are inserted.
 *
 * The sandbox holds what the intake template would have left: Amazon POs seeded as Acknowledged
 * (accepted in full) and one Magento order per PO placed for the Amazon customer with payment
 * method purchaseorder and the PO number as po_number. Orders are then shipped with tracks (control
 * action POST /__sandbox/magento/orders/{order}/ship). Checks read the sandbox state and the Data
 * Tables avc_sscc_serials and avc_exceptions.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_ROOT, prepare, cleanup, sandboxAmazonCredential } = require('./realN8n');
const { patchTemplate } = require('./platforms');
const { startLiveN8n } = require('./liveN8n');
const { cli, createReport, amazonOrder, amazonState } = require('./common');

const SETUP_FILE = path.join(PACKAGE_ROOT, 'workflows', 'setup-data-tables.json');
const SHIPPING_FILE = path.join(PACKAGE_ROOT, 'workflows', 'magento-shipping.json');
const SETUP_ID = 'avcSetupDataTbls';
const AVC_CRED = { id: 'avcE2eCred000001', name: 'Vendor Central Sandbox (e2e)' };
const MAGENTO_CRED = { id: 'avcE2eMagCred001', name: 'Magento Sandbox (e2e)' };
const MAGENTO_TOKEN = 'magento-sandbox-integration-token';
const AMAZON_CUSTOMER = 'amazon-vendor-central@example.com';
const VENDOR_CODE = 'VEND1';
const SSCC_TABLE = 'avc_sscc_serials';
const EXCEPTION_TABLE = 'avc_exceptions';
const MAPPING_TABLE = 'avc_asin_mapping';

const { flag, option, verbose } = cli();
const { check, checkEqual, log, summary, setScenario, scenario } = createReport();

/** The template as a test may change it (e2e/platforms.js patchTemplate): sandbox credentials and Magento URL. */
const testCopy = (template, sandboxUrl) =>
	patchTemplate(template, {
		credentials: [
			{ ...AVC_CRED, type: 'amazonVendorCentralApi' },
			{ ...MAGENTO_CRED, type: 'magento2Api' },
		],
		configuration: { magentoUrl: sandboxUrl },
		strict: true,
	});

// --- sandbox readers ------------------------------------------------------------------------------
const magento = (sandbox) => sandbox.control.state().magento;
const orderOf = (sandbox, po) => magento(sandbox).orders.find((o) => o.payment?.po_number === po);
/** The JSON of this workflow's markers (AVC-ASN / AVC-INVOICE) in the order's comments. */
const markersOf = (order, tag) =>
	(order?.status_histories ?? []).flatMap((h) => {
		const m = String(h.comment ?? '').match(new RegExp(`${tag} (\\{.*\\})\\s*$`, 'm'));
		return m ? [JSON.parse(m[1])] : [];
	});
const asnsOf = (sandbox, po) =>
	amazonState(sandbox).shipmentConfirmations.filter((s) =>
		s.record.lines.some((l) => l.purchaseOrderNumber === po),
	);
const invoicesOf = (sandbox, po) =>
	amazonState(sandbox).invoices.filter((i) =>
		i.record?.lines.some((l) => l.purchaseOrderNumber === po),
	);
function eachesByLine(records) {
	const sum = {};
	for (const r of records)
		for (const l of r.lines)
			sum[l.itemSequenceNumber] = (sum[l.itemSequenceNumber] ?? 0) + l.eaches;
	return Object.entries(sum).sort();
}
const bareSscc = (s) => String(s).replace(/^00(?=\d{18}$)/, '');
function amazonPosts(sandbox) {
	const posts = sandbox.control.requests().filter((r) => r.method === 'POST');
	return {
		asns: posts.filter((r) => r.path.startsWith('/vendor/shipping/')).length,
		invoices: posts.filter((r) => r.path.startsWith('/vendor/payments/')).length,
	};
}

async function ship(sandbox, order, body) {
	const res = await fetch(
		`${sandbox.url}/__sandbox/magento/orders/${encodeURIComponent(order)}/ship`,
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		},
	);
	const json = await res.json();
	if (!res.ok) throw new Error(`ship ${order}: ${res.status} ${JSON.stringify(json)}`);
	return json;
}

// --- seed: what the intake template leaves behind ----------------------------------------------------
const PRODUCTS = { B00000CASE: 'SKU-CASE', B000000EAC: 'SKU-EACH' };
const ADDRESS = {
	firstname: 'Amazon',
	lastname: 'Vendor Central',
	street: ['410 Terry Ave N'],
	city: 'Seattle',
	region: 'Washington',
	region_code: 'WA',
	region_id: 62,
	postcode: '98109',
	country_id: 'US',
	telephone: '2065550100',
};

function acknowledgedPo(number, lines, ageHours) {
	const po = amazonOrder(number, lines, { ageHours, vendorCode: VENDOR_CODE });
	po.purchaseOrderState = 'Acknowledged';
	return po;
}

/** The Magento order the intake places for an acknowledged PO (cart flow, purchaseorder + PO number). */
function magentoOrderFor(po) {
	return {
		customerEmail: AMAZON_CUSTOMER,
		items: po.orderDetails.items.map((i) => ({
			sku: PRODUCTS[i.amazonProductIdentifier],
			qty:
				i.orderedQuantity.amount *
				(i.orderedQuantity.unitOfMeasure === 'Cases' ? i.orderedQuantity.unitSize : 1),
			price: Number(i.netCost.amount),
		})),
		paymentMethod: 'purchaseorder',
		poNumber: po.purchaseOrderNumber,
		shippingMethod: 'freeshipping_freeshipping',
	};
}

// --- template checks ----------------------------------------------------------------------------------
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
		'template: the built-in Magento 2 node lists the orders',
		template.nodes.some((n) => n.type === 'n8n-nodes-base.magento2'),
	);
	check(
		'template: every HTTP Request uses the magento2Api credential',
		template.nodes
			.filter((n) => n.type === 'n8n-nodes-base.httpRequest')
			.every(
				(n) => n.parameters.nodeCredentialType === 'magento2Api' && n.credentials?.magento2Api,
			),
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
		'template: Configuration has magentoUrl, the Amazon customer / payment method and the tables',
		[
			typeof config.magentoUrl,
			config.amazonPaymentMethod,
			config.ssccTable,
			config.exceptionTable,
			config.mappingTable,
			typeof config.firstSsccSerial,
		],
		['string', 'purchaseorder', SSCC_TABLE, EXCEPTION_TABLE, MAPPING_TABLE, 'number'],
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
				...MAGENTO_CRED,
				type: 'magento2Api',
				data: { host: sandbox.url, accessToken: MAGENTO_TOKEN },
			},
		]);
		await n8n.importWorkflow(SETUP_FILE);
		await n8n.importWorkflow(testCopy(template, sandbox.url));
		const shippingId = template.id;
		const trigger = template.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger').name;
		live = await startLiveN8n(n8n, { log: (l) => log(`   ${l}`), echo: verbose });
		const setup = await live.runManually(SETUP_ID, 'Run Once');
		checkEqual('n8n: the setup workflow created the Data Tables', setup.status, 'success');
		await live.insertRows(MAPPING_TABLE, [
			{
				asin: 'B00000CASE',
				sku: 'SKU-CASE',
				casePack: 12,
				expectedUnitCost: '4.20',
				discontinued: false,
			},
			{
				asin: 'B000000EAC',
				sku: 'SKU-EACH',
				casePack: 6,
				expectedUnitCost: '',
				discontinued: false,
			},
		]);

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
				'PO-MAG-001',
				[
					{ asin: 'B00000CASE', amount: 2, unit: 'Cases', unitSize: 12, cost: '4.20' },
					{ asin: 'B000000EAC', amount: 6, cost: '2.50' },
				],
				5,
			),
			acknowledgedPo(
				'PO-MAG-002',
				[
					{ asin: 'B00000CASE', amount: 1, unit: 'Cases', unitSize: 12, cost: '4.20' },
					{ asin: 'B000000EAC', amount: 12, cost: '2.50' },
				],
				4,
			),
			acknowledgedPo('PO-MAG-003', [{ asin: 'B000000EAC', amount: 5, cost: '2.50' }], 3),
			acknowledgedPo('PO-MAG-004', [{ asin: 'B000000EAC', amount: 2, cost: '2.50' }], 2),
		];
		sandbox.control.seed({ amazon: { vendorCode: VENDOR_CODE, purchaseOrders: pos } });
		sandbox.control.seed({
			magento: {
				products: [
					{ sku: 'SKU-CASE', name: 'Case Product', price: 9.99, stock: { default: 100 } },
					{ sku: 'SKU-EACH', name: 'Each Product', price: 5, stock: { default: 100 } },
					{ sku: 'SKU-OTHER', name: 'Retail Product', price: 3, stock: { default: 100 } },
				],
				customers: [
					{
						email: AMAZON_CUSTOMER,
						firstname: 'Amazon',
						lastname: 'Vendor Central',
						addresses: [ADDRESS],
					},
					{
						email: 'shopper@example.com',
						firstname: 'Sam',
						lastname: 'Shopper',
						addresses: [ADDRESS],
					},
				],
				orders: [
					...pos.map(magentoOrderFor),
					// Not Amazon orders: another customer's PO order, and the Amazon customer paying by check.
					{
						customerEmail: 'shopper@example.com',
						items: [{ sku: 'SKU-OTHER', qty: 1 }],
						paymentMethod: 'purchaseorder',
						poNumber: 'PO-MAG-001',
					},
					{
						customerEmail: AMAZON_CUSTOMER,
						items: [{ sku: 'SKU-OTHER', qty: 1 }],
						paymentMethod: 'checkmo',
					},
				],
			},
		});
		checkEqual(
			'sandbox: four acknowledged POs',
			amazonState(sandbox).purchaseOrders.map((p) => [p.purchaseOrderNumber, p.purchaseOrderState]),
			['001', '002', '003', '004'].map((n) => [`PO-MAG-${n}`, 'Acknowledged']),
		);
		const [o1, o2, o3, o4] = ['001', '002', '003', '004'].map((n) =>
			orderOf(sandbox, `PO-MAG-${n}`),
		);
		checkEqual(
			'sandbox: one Magento order per PO (purchaseorder), in eaches',
			[o1, o2, o3, o4].map((o) => [o?.payment.method, o?.items.map((l) => [l.sku, l.qty_ordered])]),
			[
				[
					'purchaseorder',
					[
						['SKU-CASE', 24],
						['SKU-EACH', 6],
					],
				],
				[
					'purchaseorder',
					[
						['SKU-CASE', 12],
						['SKU-EACH', 12],
					],
				],
				['purchaseorder', [['SKU-EACH', 5]]],
				['purchaseorder', [['SKU-EACH', 2]]],
			],
		);
		const others = magento(sandbox).orders.filter((o) =>
			o.items.some((l) => l.sku === 'SKU-OTHER'),
		);
		for (const o of others)
			await ship(sandbox, o.increment_id, {
				tracks: [{ carrierCode: 'ups', title: 'UPS', trackNumber: '1Z999AA10000000099' }],
			});
		const shipmentsOf = (order) =>
			magento(sandbox)
				.shipments.filter((s) => s.order_id === order.entity_id)
				.sort((a, b) => a.entity_id - b.entity_id);
		const mShipmentId = (s) => `MAG-${s.increment_id}`;

		// --- Scenario 1: one full shipment ---------------------------------------------------------
		setScenario('full shipment');
		await ship(sandbox, o1.increment_id, {
			tracks: [
				{ carrierCode: 'ups', title: 'United Parcel Service', trackNumber: '1Z999AA10123456784' },
			],
		});
		sandbox.control.clearRequests();
		await runShipping('full shipment');
		const asns1 = asnsOf(sandbox, 'PO-MAG-001');
		const invoices1 = invoicesOf(sandbox, 'PO-MAG-001');
		checkEqual(
			'amazon: one ASN accepted for PO-MAG-001, eaches per line',
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
		const s1 = shipmentsOf(o1)[0];
		// One carton per case (2 cases of SKU-CASE) and one carton of eaches (6 SKU-EACH).
		checkEqual(
			'amazon: ASN id = prefix + Magento shipment number, 3 cartons (one per case + one of eaches), 3 SSCCs',
			[asn1?.shipmentIdentifier, asn1?.cartonCount, asn1?.ssccs.length],
			[mShipmentId(s1), 3, 3],
		);
		const ssccs1 = (asn1?.ssccs ?? []).map(bareSscc);
		check(
			'amazon: the SSCCs are valid SSCC-18 (GS1 check digit) and distinct',
			ssccs1.length === 3 && ssccs1.every((s) => isValidSscc18(s)) && new Set(ssccs1).size === 3,
			asn1?.ssccs,
		);
		checkEqual(
			'amazon: one invoice, Success, number = prefix + order number + shipment index',
			invoices1.map((i) => [i.id, i.status]),
			[[`INV-${o1.increment_id}-1`, 'Success']],
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
		const order1 = orderOf(sandbox, 'PO-MAG-001');
		checkEqual(
			'magento: an AVC-ASN comment names the shipment, the ASN and the shipped lines',
			markersOf(order1, 'AVC-ASN').map((m) => [
				m.shipment,
				m.asn,
				m.index,
				m.lines.map((l) => [l.itemSequenceNumber, l.shippedQuantity]),
			]),
			[
				[
					s1.increment_id,
					mShipmentId(s1),
					1,
					[
						['1', 2],
						['2', 6],
					],
				],
			],
		);
		checkEqual(
			'magento: an AVC-INVOICE comment names the invoice',
			markersOf(order1, 'AVC-INVOICE').map((m) => [m.shipment, m.invoice]),
			[[s1.increment_id, `INV-${o1.increment_id}-1`]],
		);
		checkEqual(
			'magento: the comments did not change the order status',
			[order1.state, order1.status],
			['processing', 'processing'],
		);
		const rows1 = await serialRows();
		checkEqual(
			'data table: avc_sscc_serials has serials 1 to 3 for PO-MAG-001 / its ASN',
			rows1.map((r) => [r.serial, r.purchaseOrderNumber, r.shipmentKey]),
			[1, 2, 3].map((n) => [n, 'PO-MAG-001', asn1?.shipmentIdentifier]),
		);
		checkEqual(
			'data table: the reserved SSCCs are the ones in the ASN',
			rows1.map((r) => r.sscc).sort(),
			[...ssccs1].sort(),
		);
		checkEqual('data table: no exception rows', (await exceptionRows()).length, 0);
		checkEqual(
			'amazon: nothing sent for the orders that are not Amazon POs',
			amazonState(sandbox).shipmentConfirmations.length,
			1,
		);

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
		await ship(sandbox, o2.increment_id, {
			items: [{ sku: 'SKU-EACH', qty: 4 }],
			tracks: [{ carrierCode: 'fedex', title: 'Federal Express', trackNumber: '771234567890' }],
		});
		await runShipping('partial 1/2');
		checkEqual(
			'amazon: PO-MAG-002 first ASN ships 4 of line 2',
			eachesByLine(asnsOf(sandbox, 'PO-MAG-002').map((a) => a.record)),
			[['2', 4]],
		);
		checkEqual(
			'data table: PO-MAG-002 first shipment took serial 4',
			(await serialRows('PO-MAG-002')).map((r) => r.serial),
			[4],
		);
		await ship(sandbox, o2.increment_id, {
			items: [{ sku: 'SKU-EACH', qty: 5 }],
			tracks: [{ carrierCode: 'ups', title: 'UPS', trackNumber: '1Z999AA10123456785' }],
		});
		await ship(sandbox, o2.increment_id, {
			items: [
				{ sku: 'SKU-CASE', qty: 12 },
				{ sku: 'SKU-EACH', qty: 3 },
			],
			tracks: [{ carrierCode: 'custom', title: 'USPS', trackNumber: '9400100000000000000001' }],
		});
		await runShipping('partial 2/2');
		const asns2 = asnsOf(sandbox, 'PO-MAG-002');
		const invoices2 = invoicesOf(sandbox, 'PO-MAG-002');
		checkEqual(
			'amazon: three ASNs for PO-MAG-002 summing to the accepted quantities',
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
			'amazon: three invoices, Success, numbered by shipment index',
			invoices2.map((i) => [i.id, i.status]).sort(),
			[1, 2, 3].map((k) => [`INV-${o2.increment_id}-${k}`, 'Success']),
		);
		checkEqual('amazon: invoiced eaches = shipped', eachesByLine(invoices2.map((i) => i.record)), [
			['1', 12],
			['2', 12],
		]);
		const rows2 = await serialRows('PO-MAG-002');
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
		const order2 = orderOf(sandbox, 'PO-MAG-002');
		const shipIds2 = shipmentsOf(order2)
			.map((s) => s.increment_id)
			.sort();
		checkEqual(
			'magento: AVC-ASN and AVC-INVOICE comments name the three shipments',
			[
				markersOf(order2, 'AVC-ASN')
					.map((m) => m.shipment)
					.sort(),
				markersOf(order2, 'AVC-INVOICE')
					.map((m) => m.shipment)
					.sort(),
			],
			[shipIds2, shipIds2],
		);
		sandbox.control.clearRequests();
		await runShipping('re-run after partial shipments');
		checkEqual('amazon: the re-run sends nothing', amazonPosts(sandbox), { asns: 0, invoices: 0 });
		checkEqual('data table: no exception rows', (await exceptionRows()).length, 0);

		// --- Scenario 4: invoice refused, then sent alone on the next run --------------------------
		setScenario('invoice failure and retry');
		await ship(sandbox, o3.increment_id, {
			tracks: [{ carrierCode: 'ups', title: 'UPS', trackNumber: '1Z999AA10123456786' }],
		});
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
			'amazon: PO-MAG-003 ASN accepted, invoice Failure',
			[
				asnsOf(sandbox, 'PO-MAG-003').length,
				amazonState(sandbox)
					.invoices.filter((i) => i.id === `INV-${o3.increment_id}-1`)
					.map((i) => i.status),
			],
			[1, ['Failure']],
		);
		const order3 = orderOf(sandbox, 'PO-MAG-003');
		checkEqual(
			'magento: an AVC-ASN comment, no AVC-INVOICE comment',
			[markersOf(order3, 'AVC-ASN').length, markersOf(order3, 'AVC-INVOICE').length],
			[1, 0],
		);
		const exc = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-MAG-003');
		checkEqual(
			'data table: one invoice_rejected row for finance, unresolved',
			exc.map((r) => [r.type, r.ownerRole, r.workflow, r.resolved]),
			[['invoice_rejected', 'finance', 'magento-shipping', false]],
		);
		check(
			'data table: the row has a reason sentence and JSON details naming the invoice',
			/INV-/.test(exc[0]?.reason ?? '') &&
				JSON.parse(exc[0]?.details ?? '{}').invoiceNumber === `INV-${o3.increment_id}-1`,
			exc[0],
		);
		sandbox.control.clearRequests();
		await runShipping('invoice retry');
		checkEqual('amazon: the retry sends only the invoice (no second ASN)', amazonPosts(sandbox), {
			asns: 0,
			invoices: 1,
		});
		checkEqual(
			'amazon: PO-MAG-003 still one ASN, invoice now Success',
			[
				asnsOf(sandbox, 'PO-MAG-003').length,
				invoicesOf(sandbox, 'PO-MAG-003').map((i) => [i.id, i.status]),
			],
			[1, [[`INV-${o3.increment_id}-1`, 'Success']]],
		);
		checkEqual(
			'magento: the AVC-INVOICE comment is there now',
			markersOf(orderOf(sandbox, 'PO-MAG-003'), 'AVC-INVOICE').map((m) => m.invoice),
			[`INV-${o3.increment_id}-1`],
		);
		checkEqual(
			'data table: PO-MAG-003 reserved one serial (8), none on the retry',
			(await serialRows('PO-MAG-003')).map((r) => r.serial),
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
		await ship(sandbox, o4.increment_id, {
			tracks: [{ carrierCode: 'custom', title: 'Pigeon Post', trackNumber: 'PP-1' }],
		});
		sandbox.control.clearRequests();
		await runShipping('unknown carrier');
		checkEqual(
			'amazon: nothing sent for PO-MAG-004',
			[
				amazonPosts(sandbox),
				asnsOf(sandbox, 'PO-MAG-004').length,
				invoicesOf(sandbox, 'PO-MAG-004').length,
			],
			[{ asns: 0, invoices: 0 }, 0, 0],
		);
		const exc4 = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-MAG-004');
		checkEqual(
			'data table: one asn_check_failed row for logistics, unresolved',
			exc4.map((r) => [r.type, r.ownerRole, r.workflow, r.resolved]),
			[['asn_check_failed', 'logistics', 'magento-shipping', false]],
		);
		check(
			'data table: the reason names the shipment and the carrier problem',
			/MAG-/.test(exc4[0]?.reason ?? '') && /carrier|SCAC/i.test(exc4[0]?.reason ?? ''),
			exc4[0]?.reason,
		);
		checkEqual(
			'data table: no serial reserved for an ASN that failed its checks (Check ASN runs before the reservation)',
			(await serialRows('PO-MAG-004')).map((r) => r.serial),
			[],
		);
		checkEqual(
			'magento: no AVC-ASN comment on the order',
			markersOf(orderOf(sandbox, 'PO-MAG-004'), 'AVC-ASN').length,
			0,
		);
		sandbox.control.clearRequests();
		await runShipping('unknown carrier, next run');
		checkEqual('amazon: the next try sends nothing either', amazonPosts(sandbox), {
			asns: 0,
			invoices: 0,
		});
		checkEqual(
			'data table: the next try reserves nothing either',
			[(await serialRows('PO-MAG-004')).length, (await serialRows()).length],
			[0, 8],
		);
		checkEqual(
			'data table: each failed try adds an asn_check_failed row',
			(await exceptionRows())
				.filter((r) => r.purchaseOrderNumber === 'PO-MAG-004')
				.map((r) => r.type),
			['asn_check_failed', 'asn_check_failed'],
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

	const code = summary('Magento 2 shipping template in a running n8n');
	if (env.n8n && flag('--keep'))
		process.stdout.write(`N8N_USER_FOLDER kept: ${env.n8n.userFolder}\n`);
	process.exitCode = code;
}

main();
