#!/usr/bin/env node
/**
 * End-to-end run of the shipped templates workflows/shopify-po-intake.json and
 * workflows/shopify-seed-mapping.json in a running n8n 2.40.7 (`n8n start`, loopback), against the
 * in-process sandbox (Amazon + Shopify).
 *
 *   node e2e/shopifyPoIntake.js [--n8n-dir <folder>] [--skip-build] [--keep] [--verbose]
 *
 * Before n8n starts: the credentials (bound to the sandbox), workflows/setup-data-tables.json as it
 * is, the seed workflow and the intake template, changed only where the e2e rules allow it
 * (credentials, Configuration shopUrl -> sandbox, PO Trigger settleMinutes -> 0). After the start:
 * the Data Tables are created, the shop is seeded with variants carrying amazon.* metafields, the
 * seed workflow fills the mapping table, and the intake workflow is activated and driven with
 * poll-now (deactivate + activate). Checks read the sandbox state (what Amazon and Shopify hold) and
 * the Data Table rows, never n8n's node output.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_ROOT, prepare, cleanup, sandboxAmazonCredential } = require('./realN8n');
const { patchTemplate } = require('./platforms');
const { startLiveN8n } = require('./liveN8n');
const {
	cli,
	createReport,
	amazonOrder,
	amazonState,
	shopState,
	purchaseOrder,
	lineQuantities,
	ordersOf,
	stock,
} = require('./common');

const WORKFLOWS = path.join(PACKAGE_ROOT, 'workflows');
const INTAKE_FILE = path.join(WORKFLOWS, 'shopify-po-intake.json');
const SEED_FILE = path.join(WORKFLOWS, 'shopify-seed-mapping.json');
const SETUP_FILE = path.join(WORKFLOWS, 'setup-data-tables.json');
const AVC_CRED = { id: 'avcE2eCred000001', name: 'Vendor Central Sandbox (e2e)' };
const SHOP_CRED = { id: 'avcE2eShopCred01', name: 'Shopify Sandbox (e2e)' };
const VENDOR_CODE = 'VEND1';
const SHOP_TOKEN = 'shpat_e2e_000000000000000000000000000';
const TRIGGER = 'New Amazon POs';

const { flag, option, verbose } = cli();
const { check, checkEqual, log, summary, setScenario, scenario } = createReport();

/**
 * The template as a test may change it (e2e/platforms.js patchTemplate): sandbox credentials and
 * shop URL, settle delay 0.
 */
const bound = (template, sandboxUrl) =>
	patchTemplate(template, {
		credentials: [
			{ ...AVC_CRED, type: 'amazonVendorCentralApi' },
			{ ...SHOP_CRED, type: 'shopifyAccessTokenApi' },
		],
		configuration: { shopUrl: sandboxUrl },
		strict: true,
	});

function templateChecks(name, template) {
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
	check(
		`${name}: a Configuration node with shopUrl and shopifyApiVersion 2026-04`,
		config &&
			['shopUrl', 'shopifyApiVersion'].every((f) =>
				config.parameters.assignments.assignments.some((a) => a.name === f),
			) &&
			config.parameters.assignments.assignments.find((a) => a.name === 'shopifyApiVersion')
				.value === '2026-04',
		config?.parameters,
	);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The last acknowledgement event per line: [seq, accepted, backordered, rejected, rejectionReason]. */
function lineCodes(sandbox, number) {
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
}

function checkOrder(sandbox, number, expectedLines) {
	const orders = ordersOf(sandbox, number);
	checkEqual(`shopify: exactly one order for ${number}`, orders.length, 1);
	const o = orders[0];
	if (!o) return;
	checkEqual(
		`shopify: ${number} order lines [sku, quantity] = accepted eaches`,
		o.lineItems.map((l) => [l.sku, l.quantity]),
		expectedLines,
	);
	checkEqual(
		`shopify: ${number} order source and tags`,
		[o.sourceName, o.sourceIdentifier, o.tags.includes(`po:${number}`)],
		['amazon-vendor-central', number, true],
	);
	const mf = Object.fromEntries(o.metafields.map((m) => [`${m.namespace}.${m.key}`, m]));
	checkEqual(
		`shopify: ${number} metafield amazon.po_number`,
		mf['amazon.po_number']?.value,
		number,
	);
	let snapshot;
	try {
		snapshot = JSON.parse(mf['amazon.po_snapshot']?.value);
	} catch {
		snapshot = undefined;
	}
	check(
		`shopify: ${number} metafield amazon.po_snapshot (json) holds the PO and the acknowledgement sent`,
		mf['amazon.po_snapshot']?.type === 'json' &&
			snapshot?.previousPurchaseOrder?.purchaseOrderNumber === number &&
			snapshot?.previousAcknowledgement?.purchaseOrderNumber === number &&
			Object.keys(snapshot?.variantIds || {}).length > 0,
		mf['amazon.po_snapshot'],
	);
}

const mf = (key, type, value) => ({ namespace: 'amazon', key, type, value });

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
		await n8n.importCredentials([
			{ ...AVC_CRED, type: 'amazonVendorCentralApi', data: sandboxAmazonCredential(sandbox) },
			{
				...SHOP_CRED,
				type: 'shopifyAccessTokenApi',
				data: { shopSubdomain: 'e2e-sandbox', accessToken: SHOP_TOKEN, appSecretKey: 'e2e-unused' },
			},
		]);
		const intake = JSON.parse(fs.readFileSync(INTAKE_FILE, 'utf8'));
		const seedWf = JSON.parse(fs.readFileSync(SEED_FILE, 'utf8'));
		const setupWf = JSON.parse(fs.readFileSync(SETUP_FILE, 'utf8'));
		setScenario('template files');
		templateChecks('intake', intake);
		templateChecks('seed', seedWf);
		checkEqual(
			'intake: Configuration names the mapping and exception tables',
			['mappingTable', 'exceptionTable'].map(
				(f) =>
					intake.nodes
						.find((n) => n.name === 'Configuration')
						.parameters.assignments.assignments.find((a) => a.name === f)?.value,
			),
			['avc_asin_mapping', 'avc_exceptions'],
		);
		check(
			'intake: the mapping table is read once per execution (Execute Once)',
			intake.nodes.find((n) => n.name === 'Read ASIN Mapping')?.executeOnce === true,
		);
		for (const file of [INTAKE_FILE, SEED_FILE]) {
			const raw = await n8n.importWorkflow(file).then(
				() => true,
				(e) => e.message,
			);
			check(`${path.basename(file)} imports into n8n as it is`, raw === true, raw);
		}
		await n8n.importWorkflow(SETUP_FILE);
		await n8n.importWorkflow(bound(seedWf, sandbox.url));
		await n8n.importWorkflow(bound(intake, sandbox.url));
		log(
			`   imported the credentials, ${setupWf.id}, ${seedWf.id} and ${intake.id} (bound to the sandbox)`,
		);

		live = await startLiveN8n(n8n, { log, echo: verbose });
		const exceptionRows = async () =>
			(await live.dataTableRows('avc_exceptions')).filter((r) => r.workflow === intake.name);
		const ackRequests = () =>
			sandbox.control
				.requests()
				.filter(
					(r) => r.method === 'POST' && r.path.startsWith('/vendor/orders/v1/acknowledgements'),
				);
		const settle = async () => {
			await sleep(1500);
			await live.waitIdle();
		};
		const intakeExecutions = async () => await live.executionsOf({ workflowId: intake.id });

		// --- Data Tables + mapping seed ---------------------------------------------------------------
		setScenario('seed mapping');
		const setupRun = await live.runManually(setupWf.id, 'Run Once');
		checkEqual('setup-data-tables ran successfully', setupRun.status, 'success');
		await live.insertRows('avc_asin_mapping', [
			{
				asin: 'B00000CASE',
				sku: 'OLD-SKU',
				casePack: 6,
				expectedUnitCost: '',
				discontinued: false,
			},
			{
				asin: 'B0000DISCO',
				sku: 'SKU-DISCO',
				casePack: null,
				expectedUnitCost: '',
				discontinued: true,
				vendorProductIdentifier: 'VPI-DISCO',
			},
		]);
		sandbox.control.seed({
			amazon: { vendorCode: VENDOR_CODE, purchaseOrders: [] },
			shopify: {
				accessToken: SHOP_TOKEN,
				locations: [{ name: 'Main warehouse' }],
				products: [
					{
						title: 'Case Product',
						variants: [
							{
								sku: 'SKU-CASE',
								price: '9.99',
								stock: { 'Main warehouse': 40 },
								metafields: [
									mf('asin', 'single_line_text_field', 'B00000CASE'),
									mf('case_pack', 'number_integer', '12'),
									mf('unit_cost', 'single_line_text_field', '4.20'),
								],
							},
						],
					},
					{
						title: 'Each Product',
						variants: [
							{
								sku: 'SKU-EACH',
								price: '5.00',
								stock: { 'Main warehouse': 100 },
								metafields: [mf('asin', 'single_line_text_field', 'b000000eac')],
							},
						],
					},
					{
						title: 'Short Product',
						variants: [
							{
								sku: 'SKU-SHORT',
								price: '3.00',
								stock: { 'Main warehouse': 10 },
								metafields: [
									mf('asin', 'single_line_text_field', 'B0000SHORT'),
									mf('case_pack', 'number_integer', '6'),
								],
							},
						],
					},
					{
						title: 'Sold-out Product',
						variants: [
							{
								sku: 'SKU-NONE',
								price: '2.00',
								stock: { 'Main warehouse': 0 },
								metafields: [mf('asin', 'single_line_text_field', 'B00000NONE')],
							},
						],
					},
					{
						title: 'Not on Amazon',
						variants: [{ sku: 'SKU-LOCAL', price: '1.00', stock: { 'Main warehouse': 999 } }],
					},
					{
						title: 'Discontinued Product',
						variants: [
							{
								sku: 'SKU-DISCO',
								price: '1.00',
								stock: { 'Main warehouse': 50 },
								metafields: [mf('asin', 'single_line_text_field', 'B0000DISCO')],
							},
						],
					},
					// More than one page of variants (the seed reads 100 per request): the last ASIN is on page 2.
					...Array.from({ length: 100 }, (_, i) => ({
						title: `Filler ${i + 1}`,
						variants: [{ sku: `SKU-FILL-${i + 1}`, price: '1.00' }],
					})),
					{
						title: 'Page Two Product',
						variants: [
							{
								sku: 'SKU-PAGE2',
								price: '1.00',
								stock: { 'Main warehouse': 5 },
								metafields: [
									mf('asin', 'single_line_text_field', 'B0000PAGE2'),
									mf('case_pack', 'number_integer', '4'),
									mf('unit_cost', 'number_decimal', '1.5'),
								],
							},
						],
					},
				],
			},
		});
		const seedRun = await live.runManually(seedWf.id, 'Run Seed');
		checkEqual('the seed workflow ran successfully', seedRun.status, 'success');
		const mapping = (await live.dataTableRows('avc_asin_mapping'))
			.map((r) => [
				r.asin,
				r.sku,
				r.casePack,
				r.expectedUnitCost || '',
				Boolean(r.discontinued),
				r.vendorProductIdentifier ?? null,
			])
			.sort();
		checkEqual(
			'mapping rows [asin, sku, casePack, expectedUnitCost, discontinued, ' +
				'vendorProductIdentifier]: one per variant with amazon.asin (2 ' +
				'pages of variants), existing rows updated, operator fields kept',
			mapping,
			[
				['B000000EAC', 'SKU-EACH', null, '', false, null],
				['B00000CASE', 'SKU-CASE', 12, '4.20', false, null],
				['B00000NONE', 'SKU-NONE', null, '', false, null],
				['B0000DISCO', 'SKU-DISCO', null, '', true, 'VPI-DISCO'],
				['B0000PAGE2', 'SKU-PAGE2', 4, '1.5', false, null],
				['B0000SHORT', 'SKU-SHORT', 6, '', false, null],
			],
		);
		const seedAgain = await live.runManually(seedWf.id, 'Run Seed');
		checkEqual(
			'a second seed run succeeds and adds no row',
			[seedAgain.status, (await live.dataTableRows('avc_asin_mapping')).length],
			['success', 6],
		);

		// --- Scenario: happy path with case packs ----------------------------------------------------
		setScenario('happy path, case packs');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder(
						'PO-SHP-001',
						[{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' }],
						{ ageHours: 5 },
					),
					amazonOrder(
						'PO-SHP-002',
						[
							{ asin: 'B00000CASE', amount: 2, unit: 'Cases', unitSize: 12, cost: '4.20' },
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
		const runs1 = await intakeExecutions();
		check(
			'an intake execution ran and succeeded',
			runs1.length >= 1 && runs1.every((e) => e.status === 'success'),
			runs1.map((e) => [e.id, e.status, e.mode]),
		);
		checkEqual(
			'amazon: both POs Acknowledged',
			['PO-SHP-001', 'PO-SHP-002'].map((n) => purchaseOrder(sandbox, n)?.purchaseOrderState),
			['Acknowledged', 'Acknowledged'],
		);
		checkEqual(
			'amazon: one acknowledgement per PO, Success',
			amazonState(sandbox).acknowledgements.map((a) => [a.purchaseOrderNumber, a.status]),
			[
				['PO-SHP-001', 'Success'],
				['PO-SHP-002', 'Success'],
			],
		);
		checkEqual(
			'amazon: PO-SHP-001 3 cases of 12 accepted as 36 eaches (40 in stock)',
			lineCodes(sandbox, 'PO-SHP-001'),
			[['1', 36, 0, 0, null]],
		);
		checkEqual(
			'amazon: PO-SHP-002 (4 SKU-CASE left: no whole case) line 1 rejected TemporarilyUnavailable, line 2 accepted',
			lineCodes(sandbox, 'PO-SHP-002'),
			[
				['1', 0, 0, 24, 'TemporarilyUnavailable'],
				['2', 6, 0, 0, null],
			],
		);
		checkOrder(sandbox, 'PO-SHP-001', [['SKU-CASE', 36]]);
		checkOrder(sandbox, 'PO-SHP-002', [['SKU-EACH', 6]]);
		checkEqual(
			'shopify: PO-SHP-001 line priced at Amazon net cost',
			ordersOf(sandbox, 'PO-SHP-001')[0]?.lineItems.map((l) => l.price),
			['4.20'],
		);
		checkEqual(
			'shopify: stock claimed (available, committed) SKU-CASE / SKU-EACH',
			[stock(sandbox, 'SKU-CASE'), stock(sandbox, 'SKU-EACH')],
			[
				{ available: 4, committed: 36 },
				{ available: 94, committed: 6 },
			],
		);
		const shopCalls = sandbox.control.requests().filter((r) => r.path.startsWith('/admin/api/'));
		check(
			'shopify: every GraphQL call went to the pinned version with the token (200)',
			shopCalls.length > 0 &&
				shopCalls.every((r) => r.path === '/admin/api/2026-04/graphql.json' && r.status === 200),
			shopCalls.map((r) => `${r.method} ${r.path} ${r.status}`),
		);
		checkEqual('no exception rows', (await exceptionRows()).length, 0);

		// --- Scenario: partial stock -----------------------------------------------------------------
		setScenario('partial stock');
		const partial = amazonOrder(
			'PO-SHP-003',
			[
				{ asin: 'B0000SHORT', amount: 3, unit: 'Cases', unitSize: 6, cost: '3.00' },
				{ asin: 'B000000EAC', amount: 10, cost: '2.50' },
			],
			{ ageHours: 0.5 },
		);
		partial.orderDetails.items[0].isBackOrderAllowed = true;
		sandbox.control.seed({ amazon: { vendorCode: VENDOR_CODE, purchaseOrders: [partial] } });
		log(
			'PO-SHP-003: 3 cases of 6 SKU-SHORT (10 in stock, Amazon allows a backorder) + 10 SKU-EACH; poll now',
		);
		await live.pollNow(intake.id);
		await settle();
		checkEqual(
			'amazon: PO-SHP-003 one whole case accepted, the rest rejected ' +
				'TemporarilyUnavailable (the template does not backorder), SKU-EACH accepted',
			lineCodes(sandbox, 'PO-SHP-003'),
			[
				['1', 6, 0, 12, 'TemporarilyUnavailable'],
				['2', 10, 0, 0, null],
			],
		);
		checkOrder(sandbox, 'PO-SHP-003', [
			['SKU-SHORT', 6],
			['SKU-EACH', 10],
		]);
		checkEqual('shopify: SKU-SHORT (available, committed)', stock(sandbox, 'SKU-SHORT'), {
			available: 4,
			committed: 6,
		});

		// --- Scenario: unmapped ASIN -----------------------------------------------------------------
		setScenario('unmapped ASIN');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder(
						'PO-SHP-004',
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
		log('PO-SHP-004: one mapped line and one unknown ASIN; poll now');
		await live.pollNow(intake.id);
		await settle();
		const rows4 = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-SHP-004');
		checkEqual(
			'avc_exceptions: one unmapped_asin row for PO-SHP-004, owner catalog, unresolved',
			rows4.map((r) => [r.type, r.ownerRole, r.resolved]),
			[['unmapped_asin', 'catalog', false]],
		);
		check(
			'avc_exceptions: the reason names the ASIN and details hold the line exceptions',
			/B0UNMAPPED/.test(rows4[0]?.reason ?? '') &&
				JSON.parse(rows4[0]?.details || '{}').exceptions?.[0]?.code === 'unmapped',
			rows4[0],
		);
		checkEqual(
			'amazon: PO-SHP-004 not acknowledged at all (Map ASIN sends the whole PO to Exceptions), still New',
			[
				purchaseOrder(sandbox, 'PO-SHP-004')?.purchaseOrderState,
				lineQuantities(sandbox, 'PO-SHP-004'),
			],
			[
				'New',
				[
					['1', 'not acknowledged'],
					['2', 'not acknowledged'],
				],
			],
		);
		checkEqual('amazon: no acknowledgement request', ackRequests().length, 0);
		checkEqual('shopify: no order for PO-SHP-004', ordersOf(sandbox, 'PO-SHP-004').length, 0);

		// --- Scenario: fully rejected PO -------------------------------------------------------------
		setScenario('fully rejected PO');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder('PO-SHP-005', [{ asin: 'B00000NONE', amount: 4, cost: '2.00' }], {
						ageHours: 0.2,
					}),
				],
			},
		});
		sandbox.control.clearRequests();
		log('PO-SHP-005: only a sold-out SKU; poll now');
		await live.pollNow(intake.id);
		await settle();
		checkEqual(
			'amazon: PO-SHP-005 acknowledged once, every line rejected',
			[ackRequests().length, lineCodes(sandbox, 'PO-SHP-005')],
			[1, [['1', 0, 0, 4, 'TemporarilyUnavailable']]],
		);
		checkEqual('shopify: no order for PO-SHP-005', ordersOf(sandbox, 'PO-SHP-005').length, 0);
		const rows5 = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-SHP-005');
		checkEqual(
			'avc_exceptions: one po_fully_rejected row for PO-SHP-005, owner operations',
			rows5.map((r) => [r.type, r.ownerRole, r.resolved]),
			[['po_fully_rejected', 'operations', false]],
		);
		sandbox.control.clearRequests();
		log(
			'poll again, then feed PO-SHP-005 a second time (manual run of the trigger: the newest PO)',
		);
		await live.pollNow(intake.id);
		await settle();
		checkEqual('second poll: no acknowledgement sent', ackRequests().length, 0);
		const manual = await live.runManually(intake.id, TRIGGER);
		await settle();
		checkEqual('the PO fed again ran successfully', manual.status, 'success');
		checkEqual(
			'PO-SHP-005 fed again: no second acknowledgement (po_fully_rejected row found)',
			[
				ackRequests().length,
				amazonState(sandbox).acknowledgements.filter((a) => a.purchaseOrderNumber === 'PO-SHP-005')
					.length,
			],
			[0, 1],
		);
		checkEqual(
			'PO-SHP-005 fed again: no new exception row, no order',
			[
				(await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-SHP-005').length,
				ordersOf(sandbox, 'PO-SHP-005').length,
			],
			[1, 0],
		);

		// --- Scenario: re-poll -----------------------------------------------------------------------
		setScenario('re-poll');
		const before = {
			acks: amazonState(sandbox).acknowledgements.length,
			orders: shopState(sandbox).orders.length,
			exceptions: (await exceptionRows()).length,
		};
		sandbox.control.clearRequests();
		await live.pollNow(intake.id);
		await settle();
		await live.pollNow(intake.id);
		await settle();
		checkEqual(
			'two more polls: no acknowledgement request, no orderCreate',
			[
				ackRequests().length,
				sandbox.control.requests().filter((r) => r.path.startsWith('/admin/api/')).length,
			],
			[0, 0],
		);
		checkEqual(
			'nothing created twice: acknowledgements, orders, exception rows unchanged',
			{
				acks: amazonState(sandbox).acknowledgements.length,
				orders: shopState(sandbox).orders.length,
				exceptions: (await exceptionRows()).length,
			},
			before,
		);
		checkEqual(
			'shopify: one order per accepted PO',
			['PO-SHP-001', 'PO-SHP-002', 'PO-SHP-003'].map((n) => ordersOf(sandbox, n).length),
			[1, 1, 1],
		);
		const failed = (await intakeExecutions()).filter((e) => e.status !== 'success');
		checkEqual(
			'every intake execution succeeded',
			failed.map((e) => [e.id, e.status]),
			[],
		);

		// --- Scenario: Shopify answers the look-up with errors --------------------------------------
		setScenario('look-up errors');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder('PO-SHP-006', [{ asin: 'B000000EAC', amount: 2, cost: '2.50' }], {
						ageHours: 0.1,
					}),
				],
			},
		});
		const throttle = (body) =>
			fetch(`${sandbox.url}/__sandbox/shopify/throttle`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			}).then((r) => r.json());
		await throttle({ currentlyAvailable: 0, restoreRate: 0.001 });
		sandbox.control.clearRequests();
		log('PO-SHP-006 while Shopify answers every query "Throttled"; poll now');
		await live.pollNow(intake.id);
		await settle();
		const errored = (await intakeExecutions()).filter((e) => e.status === 'error');
		checkEqual('the intake execution stopped with an error', errored.length, 1);
		const stopped = errored[0] ? await live.execution(errored[0].id) : undefined;
		check(
			'the error is the Stop: Shopify Look-up Failed message',
			/Shopify answered the order look-up of Amazon PO PO-SHP-006 with errors/.test(
				stopped?.data ?? '',
			),
			(stopped?.data ?? '').slice(0, 400),
		);
		checkEqual(
			'amazon: nothing acknowledged, PO-SHP-006 still New',
			[ackRequests().length, purchaseOrder(sandbox, 'PO-SHP-006')?.purchaseOrderState],
			[0, 'New'],
		);
		await throttle({ currentlyAvailable: 2000, restoreRate: 100 });
		log('Shopify answers again: feed PO-SHP-006 (the newest PO) with a manual run');
		const retry = await live.runManually(intake.id, TRIGGER);
		await settle();
		checkEqual('the manual run succeeded', retry.status, 'success');
		checkEqual(
			'amazon: PO-SHP-006 acknowledged once, accepted',
			[
				amazonState(sandbox).acknowledgements.filter((a) => a.purchaseOrderNumber === 'PO-SHP-006')
					.length,
				lineCodes(sandbox, 'PO-SHP-006'),
			],
			[1, [['1', 2, 0, 0, null]]],
		);
		checkOrder(sandbox, 'PO-SHP-006', [['SKU-EACH', 2]]);

		// --- Scenario: Amazon refuses the acknowledgement ------------------------------------------
		setScenario('acknowledgement refused');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder('PO-SHP-007', [{ asin: 'B000000EAC', amount: 3, cost: '2.50' }], {
						ageHours: 0.05,
					}),
				],
			},
		});
		sandbox.control.addFaults([
			{
				service: 'amazon',
				operation: 'submitAcknowledgement',
				type: 'transactionFailure',
				count: 1,
				errors: [{ code: 'INVALID_ORDER_ID', message: 'Invalid order ID.' }],
			},
		]);
		log('PO-SHP-007 while Amazon ends the acknowledgement transaction in Failure; poll now');
		await live.pollNow(intake.id);
		await settle();
		const rows7 = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-SHP-007');
		checkEqual(
			'avc_exceptions: one acknowledgement_transaction_failure row for PO-SHP-007, owner operations',
			rows7.map((r) => [r.type, r.ownerRole, r.resolved]),
			[['acknowledgement_transaction_failure', 'operations', false]],
		);
		check(
			"avc_exceptions: details carry Amazon's error",
			/INVALID_ORDER_ID/.test(rows7[0]?.details ?? ''),
			rows7[0],
		);
		checkEqual('shopify: no order for PO-SHP-007', ordersOf(sandbox, 'PO-SHP-007').length, 0);
		sandbox.control.clearFaults();
	} catch (error) {
		check(`no setup error (${scenario() || 'setup'})`, false, error.stack || String(error));
		if (live && verbose) process.stderr.write(live.output.slice(-5000));
	} finally {
		if (live) await live.stop().catch(() => {});
		await cleanup(env);
	}

	const code = summary('Shopify PO intake + mapping seed templates in a running n8n');
	if (env.n8n && flag('--keep'))
		process.stdout.write(`N8N_USER_FOLDER kept: ${env.n8n.userFolder}\n`);
	process.exitCode = code;
}

main();
