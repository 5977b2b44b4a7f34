#!/usr/bin/env node
/**
 * End-to-end run of the shipped templates workflows/magento-po-intake.json and
 * workflows/magento-change-orders.json in a running n8n 2.40.7 (`n8n start`, loopback), against the
 * in-process sandbox (Amazon + Magento 2 simulator).
 *
 *   node e2e/magentoIntakeAndChanges.js [--n8n-dir <folder>] [--skip-build] [--keep] [--verbose]
 *
 * Before n8n starts: the credentials (bound to the sandbox), workflows/setup-data-tables.json as it
 * is, and the two templates changed only where the e2e rules allow it (credentials, Configuration
 * magentoUrl -> sandbox, PO Trigger settleMinutes -> 0). A second copy of the change-order template
 * (its own id) has Configuration allowCancelAndRecreate = true: the only test-only Configuration
 * change, used by the cancel-and-re-create scenario alone.
 * Magento is seeded with products on two sources of one stock, the Amazon customer (id 1) and retail
 * orders whose reservations compete for the same salable quantity. Checks read the sandbox state
 * (Amazon and Magento) and the Data Table rows, never n8n's node output.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_ROOT, prepare, cleanup, sandboxAmazonCredential } = require('./realN8n');
const { patchTemplate } = require('./platforms');
const { startLiveN8n } = require('./liveN8n');
const { cli, createReport, amazonOrder, amazonState, purchaseOrder } = require('./common');

const WORKFLOWS = path.join(PACKAGE_ROOT, 'workflows');
const INTAKE_FILE = path.join(WORKFLOWS, 'magento-po-intake.json');
const CHANGES_FILE = path.join(WORKFLOWS, 'magento-change-orders.json');
const SETUP_FILE = path.join(WORKFLOWS, 'setup-data-tables.json');
const AVC_CRED = { id: 'avcE2eCred000001', name: 'Vendor Central Sandbox (e2e)' };
const MAG_CRED = { id: 'avcE2eMagCred001', name: 'Magento Sandbox (e2e)' };
const MAG_TOKEN = 'magento-sandbox-integration-token';
const VENDOR_CODE = 'VEND1';
const RECREATE_ID = 'avcMagChgRecrE2e';
const SNAPSHOT_MARKER = '[avc-po-snapshot]';

const { flag, option, verbose } = cli();
const { check, checkEqual, log, summary, setScenario, scenario } = createReport();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The template as a test may change it (e2e/platforms.js patchTemplate): sandbox credentials and
 * Magento URL (plus the Configuration values a scenario names).
 */
const bound = (template, sandboxUrl, configuration = {}) =>
	patchTemplate(template, {
		credentials: [
			{ ...AVC_CRED, type: 'amazonVendorCentralApi' },
			{ ...MAG_CRED, type: 'magento2Api' },
		],
		configuration: { magentoUrl: sandboxUrl, ...configuration },
	});

const CONFIG_FIELDS = [
	'magentoUrl',
	'magentoStoreCode',
	'amazonCustomerId',
	'amazonCustomerEmail',
	'wholesaleStockId',
	'shippingCarrierCode',
	'shippingMethodCode',
	'orderLookbackDays',
	'vendorCode',
	'mappingTable',
	'exceptionTable',
];

function templateChecks(name, template, extraFields = []) {
	check(
		`${name}: meta.templateCredsSetupCompleted false with a templateId`,
		template.meta?.templateCredsSetupCompleted === false && Boolean(template.meta?.templateId),
		template.meta,
	);
	check(
		`${name}: credentials referenced by name only`,
		template.nodes.every((n) =>
			Object.values(n.credentials || {}).every((c) => c.name && c.id === undefined),
		),
		template.nodes.map((n) => n.credentials).filter(Boolean),
	);
	check(
		`${name}: no Code node`,
		!template.nodes.some((n) => n.type === 'n8n-nodes-base.code'),
		template.nodes.map((n) => n.type),
	);
	check(
		`${name}: a stable 16-character id`,
		typeof template.id === 'string' && template.id.length === 16,
		template.id,
	);
	const config = template.nodes.find((n) => n.name === 'Configuration');
	const names = config?.parameters.assignments.assignments.map((a) => a.name) ?? [];
	checkEqual(
		`${name}: Configuration fields`,
		[...CONFIG_FIELDS, ...extraFields].filter((f) => !names.includes(f)),
		[],
	);
	const http = template.nodes.filter((n) => n.type === 'n8n-nodes-base.httpRequest');
	check(
		`${name}: every HTTP Request uses the predefined magento2Api credential`,
		http.length > 0 &&
			http.every(
				(n) =>
					n.parameters.authentication === 'predefinedCredentialType' &&
					n.parameters.nodeCredentialType === 'magento2Api' &&
					n.credentials?.magento2Api,
			),
		http.map((n) => n.name),
	);
	check(
		`${name}: sticky notes for operators`,
		template.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').length >= 3,
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
		const magentoControl = async (p, body = {}) => {
			const res = await fetch(`${sandbox.url}/__sandbox/magento/${p}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const json = await res.json();
			if (!res.ok) throw new Error(`magento control ${p}: ${res.status} ${JSON.stringify(json)}`);
			return json;
		};
		const mag = () => sandbox.control.state().magento;
		const ordersOf = (po) => mag().orders.filter((o) => o.payment?.po_number === po);
		const openOrdersOf = (po) => ordersOf(po).filter((o) => o.state !== 'canceled');
		const linesOf = (o) =>
			(o?.items ?? []).map((i) => [i.sku, i.qty_ordered - (i.qty_canceled ?? 0)]);
		const salable = (sku) => mag().salable.find((s) => s.sku === sku && s.stockId === 1)?.qty;
		const snapshotOf = (o) => {
			const h = (o?.status_histories ?? [])
				.filter((x) => String(x.comment).includes(SNAPSHOT_MARKER))
				.sort((a, b) => b.entity_id - a.entity_id)[0];
			try {
				return h
					? JSON.parse(h.comment.slice(h.comment.indexOf(SNAPSHOT_MARKER) + SNAPSHOT_MARKER.length))
					: undefined;
			} catch {
				return undefined;
			}
		};
		const magentoCalls = () =>
			sandbox.control.requests().filter((r) => r.path.startsWith('/rest/'));
		const ackRequests = () =>
			sandbox.control
				.requests()
				.filter(
					(r) => r.method === 'POST' && r.path.startsWith('/vendor/orders/v1/acknowledgements'),
				);
		const acksOf = (po) =>
			amazonState(sandbox).acknowledgements.filter((a) => a.purchaseOrderNumber === po);
		const lineCodes = (number) => {
			const p = purchaseOrder(sandbox, number);
			if (!p) return `unknown PO ${number}`;
			return p.lines.map((l) => {
				const e = l.acknowledgements[l.acknowledgements.length - 1];
				return e
					? [
							l.itemSequenceNumber,
							e.acceptedEaches,
							e.backorderedEaches,
							e.rejectedEaches,
							e.rejectionReason ?? null,
						]
					: [l.itemSequenceNumber, 'not acknowledged'];
			});
		};

		await n8n.importCredentials([
			{ ...AVC_CRED, type: 'amazonVendorCentralApi', data: sandboxAmazonCredential(sandbox) },
			{ ...MAG_CRED, type: 'magento2Api', data: { host: sandbox.url, accessToken: MAG_TOKEN } },
		]);
		const intake = JSON.parse(fs.readFileSync(INTAKE_FILE, 'utf8'));
		const changes = JSON.parse(fs.readFileSync(CHANGES_FILE, 'utf8'));
		setScenario('template files');
		templateChecks('intake', intake, ['stockBufferEaches']);
		templateChecks('change orders', changes, ['allowCancelAndRecreate']);
		checkEqual(
			'change orders: allowCancelAndRecreate ships false',
			changes.nodes
				.find((n) => n.name === 'Configuration')
				.parameters.assignments.assignments.find((a) => a.name === 'allowCancelAndRecreate')?.value,
			false,
		);
		check(
			'intake: the mapping table is read once per execution (Execute Once)',
			intake.nodes.find((n) => n.name === 'Read ASIN Mapping')?.executeOnce === true,
		);
		check(
			'intake: orders are placed through the cart (PUT carts/{id}/order), never POST /V1/orders',
			intake.nodes.some(
				(n) => /\/carts\/.*\/order$/.test(n.parameters?.url ?? '') && n.parameters.method === 'PUT',
			) &&
				!intake.nodes.some(
					(n) => /\/V1\/orders\s*$/.test(n.parameters?.url ?? '') && n.parameters.method === 'POST',
				),
		);
		for (const file of [INTAKE_FILE, CHANGES_FILE]) {
			const raw = await n8n.importWorkflow(file).then(
				() => true,
				(e) => e.message,
			);
			check(`${path.basename(file)} imports into n8n as it is`, raw === true, raw);
		}
		await n8n.importWorkflow(SETUP_FILE);
		await n8n.importWorkflow(bound(intake, sandbox.url));
		await n8n.importWorkflow(bound(changes, sandbox.url));
		const recreateWf = bound(changes, sandbox.url, { allowCancelAndRecreate: true });
		recreateWf.id = RECREATE_ID;
		recreateWf.name = `${changes.name} (e2e copy: allowCancelAndRecreate)`;
		await n8n.importWorkflow(recreateWf);
		log(
			'   imported the credentials, the Data Table setup, the intake and two change-order copies (bound to the sandbox)',
		);

		live = await startLiveN8n(n8n, { log, echo: verbose });
		const exceptionRows = async () =>
			(await live.dataTableRows('avc_exceptions')).filter((r) =>
				[intake.name, changes.name].includes(r.workflow),
			);
		const settle = async () => {
			await sleep(1500);
			await live.waitIdle();
		};
		const failedRuns = async (id) =>
			(await live.executionsOf({ workflowId: id })).filter((e) => e.status !== 'success');

		// --- Setup: tables, mapping, Magento ----------------------------------------------------------
		setScenario('setup');
		const setupRun = await live.runManually('avcSetupDataTbls', 'Run Once');
		checkEqual('setup-data-tables ran successfully', setupRun.status, 'success');
		await live.insertRows('avc_asin_mapping', [
			{
				asin: 'B00000CASE',
				sku: 'MAG-CASE',
				casePack: 12,
				expectedUnitCost: '',
				discontinued: false,
			},
			{
				asin: 'B000000EAC',
				sku: 'MAG-EACH',
				casePack: null,
				expectedUnitCost: '',
				discontinued: false,
			},
			{
				asin: 'B0000SHORT',
				sku: 'MAG-SHORT',
				casePack: 6,
				expectedUnitCost: '',
				discontinued: false,
			},
			{
				asin: 'B00000NONE',
				sku: 'MAG-NONE',
				casePack: null,
				expectedUnitCost: '',
				discontinued: false,
			},
			{
				asin: 'B0000GHOST',
				sku: 'MAG-NOT-IN-MAGENTO',
				casePack: null,
				expectedUnitCost: '',
				discontinued: false,
			},
		]);
		const address = {
			firstname: 'Amazon',
			lastname: 'Fulfillment',
			company: 'Amazon.com Services LLC',
			street: ['1 Amazon Way'],
			city: 'Seattle',
			region: 'Washington',
			region_code: 'WA',
			region_id: 62,
			postcode: '98109',
			country_id: 'US',
			telephone: '2065550100',
		};
		const shopper = {
			email: 'shopper@example.com',
			firstname: 'Rita',
			lastname: 'Retail',
			storeCode: 'default',
			addresses: [{ ...address, firstname: 'Rita', lastname: 'Retail', company: undefined }],
		};
		sandbox.control.seed({
			amazon: { vendorCode: VENDOR_CODE, purchaseOrders: [] },
			magento: {
				integrationTokens: [MAG_TOKEN],
				sources: [
					{ sourceCode: 'default', name: 'Default Source' },
					{
						sourceCode: 'wh-east',
						name: 'East warehouse',
						enabled: true,
						countryId: 'US',
						postcode: '10001',
					},
				],
				stocks: [
					{
						stockId: 1,
						name: 'Wholesale and retail',
						sourceCodes: ['default', 'wh-east'],
						websiteCodes: ['base'],
					},
				],
				products: [
					{
						sku: 'MAG-CASE',
						name: 'Case Product',
						price: 9.99,
						stock: { default: 30, 'wh-east': 10 },
					},
					{ sku: 'MAG-EACH', name: 'Each Product', price: 5, stock: { default: 100 } },
					{ sku: 'MAG-SHORT', name: 'Short Product', price: 3, stock: { default: 10 } },
					{ sku: 'MAG-NONE', name: 'Sold-out Product', price: 2, stock: { default: 0 } },
				],
				customerGroups: [{ id: 4, code: 'Amazon' }],
				customers: [
					{
						id: 1,
						email: 'amazon-vendor-central@example.com',
						firstname: 'Amazon',
						lastname: 'Vendor Central',
						storeCode: 'default',
						group_id: 4,
						addresses: [address],
					},
					{ id: 2, ...shopper },
				],
				// Retail orders (checkmo) reserving stock of the same pool Amazon is offered.
				orders: [
					{
						customerId: 2,
						items: [{ sku: 'MAG-CASE', qty: 2 }],
						paymentMethod: 'checkmo',
						shippingMethod: 'flatrate_flatrate',
					},
					{
						customerId: 2,
						items: [{ sku: 'MAG-SHORT', qty: 4 }],
						paymentMethod: 'checkmo',
						shippingMethod: 'flatrate_flatrate',
					},
				],
			},
		});
		checkEqual(
			'magento: salable quantity net of the retail reservations (MAG-CASE 40-2, MAG-SHORT 10-4)',
			[salable('MAG-CASE'), salable('MAG-SHORT'), salable('MAG-EACH')],
			[38, 6, 100],
		);

		// --- Happy path with case packs --------------------------------------------------------------
		setScenario('happy path, case packs');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder(
						'PO-MAG-001',
						[{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' }],
						{ ageHours: 5 },
					),
					amazonOrder(
						'PO-MAG-002',
						[
							{ asin: 'B00000CASE', amount: 1, unit: 'Cases', unitSize: 12, cost: '4.20' },
							{ asin: 'B000000EAC', amount: 6, cost: '2.50' },
						],
						{ ageHours: 3 },
					),
				],
			},
		});
		sandbox.control.clearRequests();
		log('activate the intake workflow: its trigger polls at once');
		await live.activate(intake.id);
		await settle();
		checkEqual(
			'every intake execution succeeded',
			(await failedRuns(intake.id)).map((e) => [e.id, e.status]),
			[],
		);
		checkEqual(
			'amazon: both POs Acknowledged, one acknowledgement each',
			[
				['PO-MAG-001', 'PO-MAG-002'].map((n) => purchaseOrder(sandbox, n)?.purchaseOrderState),
				acksOf('PO-MAG-001').length,
				acksOf('PO-MAG-002').length,
			],
			[['Acknowledged', 'Acknowledged'], 1, 1],
		);
		checkEqual(
			'amazon: PO-MAG-001 3 cases of 12 accepted as 36 eaches (salable 38)',
			lineCodes('PO-MAG-001'),
			[['1', 36, 0, 0, null]],
		);
		checkEqual(
			'amazon: PO-MAG-002 (2 MAG-CASE salable left: no whole case) line 1 rejected, line 2 accepted',
			lineCodes('PO-MAG-002'),
			[
				['1', 0, 0, 12, 'TemporarilyUnavailable'],
				['2', 6, 0, 0, null],
			],
		);
		const o1 = openOrdersOf('PO-MAG-001');
		const o2 = openOrdersOf('PO-MAG-002');
		checkEqual(
			'magento: exactly one order per PO',
			[ordersOf('PO-MAG-001').length, ordersOf('PO-MAG-002').length],
			[1, 1],
		);
		checkEqual(
			'magento: order lines [sku, eaches] = accepted eaches',
			[linesOf(o1[0]), linesOf(o2[0])],
			[[['MAG-CASE', 36]], [['MAG-EACH', 6]]],
		);
		checkEqual(
			'magento: orders of the Amazon customer, payment purchaseorder with the PO number, state new',
			[o1[0], o2[0]].map((o) => [
				o?.customer_id,
				o?.payment?.method,
				o?.payment?.po_number,
				o?.state,
			]),
			[
				[1, 'purchaseorder', 'PO-MAG-001', 'new'],
				[1, 'purchaseorder', 'PO-MAG-002', 'new'],
			],
		);
		const cartCalls = magentoCalls().filter(
			(r) => /\/carts\//.test(r.path) || /\/customers\/1\/carts$/.test(r.path),
		);
		check(
			'magento: placed through the cart flow (customers/1/carts, cart items, shipping-information, PUT carts/{id}/order)',
			['/customers/1/carts', '/items', '/shipping-information', '/order'].every((p) =>
				cartCalls.some((r) => r.path.endsWith(p)),
			) && cartCalls.some((r) => r.method === 'PUT' && /\/carts\/\d+\/order$/.test(r.path)),
			cartCalls.map((r) => `${r.method} ${r.path} ${r.status}`),
		);
		check(
			'magento: no order-save shortcut (POST /V1/orders)',
			!magentoCalls().some((r) => r.method === 'POST' && /\/V1\/orders\/?$/.test(r.path)),
		);
		const res1 = mag().reservations.filter(
			(r) =>
				JSON.parse(typeof r.metadata === 'string' ? r.metadata : JSON.stringify(r.metadata))
					.object_id == o1[0]?.entity_id,
		);
		checkEqual(
			'magento: MSI reservation order_placed -36 MAG-CASE for the PO-MAG-001 order',
			res1.map((r) => [
				r.sku,
				r.quantity,
				(typeof r.metadata === 'string' ? JSON.parse(r.metadata) : r.metadata).event_type,
			]),
			[['MAG-CASE', -36, 'order_placed']],
		);
		checkEqual(
			'magento: salable after the Amazon orders (MAG-CASE 38-36, MAG-EACH 100-6)',
			[salable('MAG-CASE'), salable('MAG-EACH')],
			[2, 94],
		);
		const snap1 = snapshotOf(o1[0]);
		check(
			'magento: the order comment carries the Amazon references and the PO snapshot (PO + acknowledgement)',
			/Amazon Vendor Central PO PO-MAG-001/.test(
				o1[0]?.status_histories?.map((h) => h.comment).join('\n') ?? '',
			) &&
				snap1?.previousPurchaseOrder?.purchaseOrderNumber === 'PO-MAG-001' &&
				snap1?.previousAcknowledgement?.purchaseOrderNumber === 'PO-MAG-001',
			o1[0]?.status_histories,
		);
		checkEqual(
			'no exception rows',
			(await exceptionRows()).map((r) => r.type),
			[],
		);

		// --- Partial stock: retail reservations reduce what Amazon gets ------------------------------
		setScenario('partial stock (retail reservations)');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder(
						'PO-MAG-003',
						[
							{ asin: 'B0000SHORT', amount: 3, unit: 'Cases', unitSize: 6, cost: '3.00' },
							{ asin: 'B000000EAC', amount: 10, cost: '2.50' },
							{ asin: 'B0000GHOST', amount: 2, cost: '1.00' },
						],
						{ ageHours: 0.5 },
					),
				],
			},
		});
		log(
			'PO-MAG-003: 3 cases of 6 MAG-SHORT (10 on hand, 4 reserved by a ' +
				'retail order: salable 6) + 10 MAG-EACH + a SKU Magento does not know',
		);
		await live.pollNow(intake.id);
		await settle();
		checkEqual(
			'amazon: one case accepted (salable 6), the rest rejected; MAG-EACH accepted; unknown Magento SKU rejected',
			lineCodes('PO-MAG-003'),
			[
				['1', 6, 0, 12, 'TemporarilyUnavailable'],
				['2', 10, 0, 0, null],
				['3', 0, 0, 2, 'TemporarilyUnavailable'],
			],
		);
		checkEqual('magento: PO-MAG-003 order lines', openOrdersOf('PO-MAG-003').map(linesOf), [
			[
				['MAG-SHORT', 6],
				['MAG-EACH', 10],
			],
		]);
		checkEqual(
			'magento: MAG-SHORT salable 0 (retail 4 + Amazon 6 reserved)',
			salable('MAG-SHORT'),
			0,
		);

		// --- Unmapped ASIN -----------------------------------------------------------------------------
		setScenario('unmapped ASIN');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder(
						'PO-MAG-004',
						[
							{ asin: 'B000000EAC', amount: 5, cost: '2.50' },
							{ asin: 'B0UNMAPPED', amount: 2, cost: '9.00' },
						],
						{ ageHours: 0.4 },
					),
				],
			},
		});
		sandbox.control.clearRequests();
		await live.pollNow(intake.id);
		await settle();
		const rows4 = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-MAG-004');
		checkEqual(
			'avc_exceptions: one unmapped_asin row, owner catalog, unresolved, from the intake workflow',
			rows4.map((r) => [r.type, r.ownerRole, r.resolved, r.workflow]),
			[['unmapped_asin', 'catalog', false, intake.name]],
		);
		check(
			'avc_exceptions: the reason names the ASIN',
			/B0UNMAPPED/.test(rows4[0]?.reason ?? ''),
			rows4[0],
		);
		checkEqual(
			'amazon: PO-MAG-004 not acknowledged (still New), no acknowledgement request; magento: no order',
			[
				purchaseOrder(sandbox, 'PO-MAG-004')?.purchaseOrderState,
				ackRequests().length,
				ordersOf('PO-MAG-004').length,
			],
			['New', 0, 0],
		);

		// --- Fully rejected ---------------------------------------------------------------------------
		setScenario('fully rejected PO');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder('PO-MAG-005', [{ asin: 'B00000NONE', amount: 4, cost: '2.00' }], {
						ageHours: 0.3,
					}),
				],
			},
		});
		sandbox.control.clearRequests();
		await live.pollNow(intake.id);
		await settle();
		checkEqual(
			'amazon: PO-MAG-005 acknowledged once, every line rejected; magento: no order',
			[ackRequests().length, lineCodes('PO-MAG-005'), ordersOf('PO-MAG-005').length],
			[1, [['1', 0, 0, 4, 'TemporarilyUnavailable']], 0],
		);
		checkEqual(
			'avc_exceptions: one po_fully_rejected row (operations)',
			(await exceptionRows())
				.filter((r) => r.purchaseOrderNumber === 'PO-MAG-005')
				.map((r) => [r.type, r.ownerRole]),
			[['po_fully_rejected', 'operations']],
		);

		// --- Re-poll creates nothing twice -----------------------------------------------------------
		setScenario('re-poll');
		const before = {
			acks: amazonState(sandbox).acknowledgements.length,
			orders: mag().orders.length,
			exceptions: (await exceptionRows()).length,
		};
		sandbox.control.clearRequests();
		await live.pollNow(intake.id);
		await settle();
		const manual = await live.runManually(intake.id, 'New Amazon POs');
		await settle();
		checkEqual('a manual run (the newest PO fed again) succeeded', manual.status, 'success');
		checkEqual(
			'no acknowledgement request, no cart call',
			[ackRequests().length, magentoCalls().filter((r) => /carts/.test(r.path)).length],
			[0, 0],
		);
		checkEqual(
			'nothing created twice: acknowledgements, Magento orders, exception rows',
			{
				acks: amazonState(sandbox).acknowledgements.length,
				orders: mag().orders.length,
				exceptions: (await exceptionRows()).length,
			},
			before,
		);
		checkEqual(
			'every intake execution succeeded',
			(await failedRuns(intake.id)).map((e) => [e.id, e.status]),
			[],
		);

		// --- Change before picking: hold + exception + re-acknowledgement -----------------------------
		setScenario('change before picking (hold)');
		await live.activate(changes.id);
		await settle();
		checkEqual(
			'activation of the change workflow: no exception row from it',
			(await exceptionRows()).filter((r) => r.workflow === changes.name).length,
			0,
		);
		const o2Before = openOrdersOf('PO-MAG-002')[0];
		log('Amazon lowers PO-MAG-002 line 2 (MAG-EACH) from 6 to 4; the change trigger polls');
		sandbox.control.changePurchaseOrder('PO-MAG-002', {
			items: [{ itemSequenceNumber: '2', orderedQuantity: { amount: 4 } }],
		});
		sandbox.control.clearRequests();
		await live.pollNow(changes.id);
		await settle();
		checkEqual(
			'every change execution succeeded',
			(await failedRuns(changes.id)).map((e) => [e.id, e.status]),
			[],
		);
		checkEqual(
			'amazon: one re-acknowledgement request; line 2 now 4 accepted',
			[ackRequests().length, lineCodes('PO-MAG-002')[1]],
			[1, ['2', 4, 0, 0, null]],
		);
		const o2After = openOrdersOf('PO-MAG-002')[0];
		checkEqual(
			'magento: the same order, now ON HOLD (holded), lines unchanged (no REST line edit)',
			[o2After?.entity_id, o2After?.state, linesOf(o2After)],
			[o2Before?.entity_id, 'holded', [['MAG-EACH', 6]]],
		);
		const rows6 = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-MAG-002');
		checkEqual(
			'avc_exceptions: one magento_edit_required row (operations) from the change workflow',
			rows6.map((r) => [r.type, r.ownerRole, r.resolved, r.workflow]),
			[['magento_edit_required', 'operations', false, changes.name]],
		);
		check(
			'avc_exceptions: the reason states the exact edit (SKU MAG-EACH from 6 to 4) and the hold',
			/MAG-EACH: change quantity from 6 to 4 eaches/.test(rows6[0]?.reason ?? '') &&
				/ON HOLD/.test(rows6[0]?.reason ?? '') &&
				new RegExp(`#${o2After?.increment_id}`).test(rows6[0]?.reason ?? ''),
			rows6[0]?.reason,
		);
		checkEqual(
			'avc_exceptions: details list the edit',
			JSON.parse(rows6[0]?.details || '{}').edits?.map((e) => [e.sku, e.fromEaches, e.toEaches]),
			[['MAG-EACH', 6, 4]],
		);
		const snap2 = snapshotOf(o2After);
		checkEqual(
			'magento: a new snapshot comment holds the changed PO (line 2: 4) for the next change',
			snap2?.previousPurchaseOrder?.items?.find((i) => i.itemSequenceNumber === '2')
				?.orderedQuantity?.amount,
			4,
		);
		sandbox.control.clearRequests();
		await live.pollNow(changes.id);
		await settle();
		checkEqual(
			're-poll: nothing sent again, no second exception row',
			[
				ackRequests().length,
				(await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-MAG-002').length,
			],
			[0, 1],
		);

		// --- Change with allowCancelAndRecreate -------------------------------------------------------
		setScenario('change with allowCancelAndRecreate');
		await live.deactivate(changes.id);
		await live.activate(RECREATE_ID);
		await settle();
		const o1Before = openOrdersOf('PO-MAG-001')[0];
		log(
			'(test-only Configuration change: a copy with allowCancelAndRecreate ' +
				'= true) Amazon lowers PO-MAG-001 from 3 to 2 cases',
		);
		sandbox.control.changePurchaseOrder('PO-MAG-001', {
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 2 } }],
		});
		sandbox.control.clearRequests();
		await live.pollNow(RECREATE_ID);
		await settle();
		checkEqual(
			'every execution of the re-create copy succeeded',
			(await failedRuns(RECREATE_ID)).map((e) => [e.id, e.status]),
			[],
		);
		checkEqual(
			'amazon: one re-acknowledgement; line 1 now 24 accepted',
			[ackRequests().length, lineCodes('PO-MAG-001')],
			[1, [['1', 24, 0, 0, null]]],
		);
		const old1 = mag().orders.find((o) => o.entity_id === o1Before?.entity_id);
		const new1 = openOrdersOf('PO-MAG-001');
		checkEqual('magento: the old order canceled', old1?.state, 'canceled');
		checkEqual(
			'magento: one open order for the PO, a new one, 24 eaches, payment purchaseorder with the PO number (PO link kept)',
			new1.map((o) => [
				o.entity_id !== o1Before?.entity_id,
				linesOf(o),
				o.payment?.method,
				o.payment?.po_number,
				o.customer_id,
			]),
			[[true, [['MAG-CASE', 24]], 'purchaseorder', 'PO-MAG-001', 1]],
		);
		checkEqual(
			'magento: reservations: 36 released by the cancel, 24 reserved by the new order (salable 40-2-24)',
			salable('MAG-CASE'),
			14,
		);
		const snapNew = snapshotOf(new1[0]);
		check(
			'magento: the new order carries the snapshot of the changed PO; the old order names its replacement',
			snapNew?.previousPurchaseOrder?.items?.[0]?.orderedQuantity?.amount === 2 &&
				old1?.status_histories?.some((h) =>
					new RegExp(`replaced by order entity ${new1[0]?.entity_id}`).test(h.comment),
				),
			{
				snapNew: snapNew?.previousPurchaseOrder?.items,
				old: old1?.status_histories?.map((h) => h.comment.slice(0, 120)),
			},
		);
		checkEqual(
			'avc_exceptions: no row for PO-MAG-001',
			(await exceptionRows())
				.filter((r) => r.purchaseOrderNumber === 'PO-MAG-001')
				.map((r) => r.type),
			[],
		);
		sandbox.control.clearRequests();
		await live.pollNow(intake.id);
		await settle();
		checkEqual(
			'intake re-poll after the re-creation: nothing acknowledged, no new order',
			[ackRequests().length, ordersOf('PO-MAG-001').length],
			[0, 2],
		);
		await live.deactivate(RECREATE_ID);
		await live.activate(changes.id);
		await settle();

		// --- Change after picking / shipping: blocked -----------------------------------------------
		setScenario('change after picking/shipping (blocked)');
		const o3 = openOrdersOf('PO-MAG-003')[0];
		await magentoControl(`orders/${o3.entity_id}/start-fulfilment`, {});
		checkEqual(
			'magento: PO-MAG-003 order processing (picking started)',
			openOrdersOf('PO-MAG-003')[0]?.state,
			'processing',
		);
		const acks3 = acksOf('PO-MAG-003').length;
		sandbox.control.changePurchaseOrder('PO-MAG-003', {
			items: [{ itemSequenceNumber: '2', orderedQuantity: { amount: 7 } }],
		});
		sandbox.control.clearRequests();
		await live.pollNow(changes.id);
		await settle();
		checkEqual(
			'amazon: nothing sent for PO-MAG-003',
			[ackRequests().length, acksOf('PO-MAG-003').length],
			[0, acks3],
		);
		const rows3 = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-MAG-003');
		checkEqual(
			'avc_exceptions: one change_blocked row (operations)',
			rows3.map((r) => [r.type, r.ownerRole]),
			[['change_blocked', 'operations']],
		);
		check(
			'avc_exceptions: the reason says the order is being picked',
			/being picked/.test(rows3[0]?.reason ?? ''),
			rows3[0]?.reason,
		);
		checkEqual(
			'magento: PO-MAG-003 order unchanged (processing, not held, lines as before)',
			[openOrdersOf('PO-MAG-003')[0]?.state, linesOf(openOrdersOf('PO-MAG-003')[0])],
			[
				'processing',
				[
					['MAG-SHORT', 6],
					['MAG-EACH', 10],
				],
			],
		);

		const n1 = openOrdersOf('PO-MAG-001')[0];
		await magentoControl(`orders/${n1.entity_id}/ship`, {
			items: [{ sku: 'MAG-CASE', qty: 12 }],
			tracks: [{ carrierCode: 'ups', title: 'UPS', trackNumber: '1Z999AA10123456784' }],
		});
		const acks1 = acksOf('PO-MAG-001').length;
		sandbox.control.changePurchaseOrder('PO-MAG-001', {
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 1 } }],
		});
		sandbox.control.clearRequests();
		await live.pollNow(changes.id);
		await settle();
		checkEqual(
			'amazon: nothing sent for the shipped PO-MAG-001',
			[ackRequests().length, acksOf('PO-MAG-001').length],
			[0, acks1],
		);
		const rows1 = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-MAG-001');
		checkEqual(
			'avc_exceptions: one change_blocked row for the shipped order',
			rows1.map((r) => [r.type, r.ownerRole]),
			[['change_blocked', 'operations']],
		);
		check(
			'avc_exceptions: the reason says it is shipped',
			/shipped \(12 eaches\)/.test(rows1[0]?.reason ?? ''),
			rows1[0]?.reason,
		);
		checkEqual(
			'magento: the shipped order is not held or canceled',
			openOrdersOf('PO-MAG-001').map((o) => o.state),
			['processing'],
		);
		checkEqual(
			'every change execution succeeded',
			(await failedRuns(changes.id)).map((e) => [e.id, e.status]),
			[],
		);
		checkEqual(
			'exception types written in this run',
			[...new Set((await exceptionRows()).map((r) => r.type))].sort(),
			['change_blocked', 'magento_edit_required', 'po_fully_rejected', 'unmapped_asin'],
		);
	} catch (error) {
		check(`no setup error (${scenario() || 'setup'})`, false, error.stack || String(error));
		if (live && verbose) process.stderr.write(live.output.slice(-5000));
	} finally {
		if (live) await live.stop().catch(() => {});
		await cleanup(env);
	}

	const code = summary('Magento 2 PO intake + change-order templates in a running n8n');
	if (env.n8n && flag('--keep'))
		process.stdout.write(`N8N_USER_FOLDER kept: ${env.n8n.userFolder}\n`);
	process.exitCode = code;
}

main();
