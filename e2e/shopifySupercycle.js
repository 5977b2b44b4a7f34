#!/usr/bin/env node
/**
 * End-to-end run of the Shopify + Supercycle templates workflows/shopify-supercycle-po-intake.json
 * and workflows/supercycle-availability.json in a running n8n 2.40.7 (`n8n start`, loopback),
 * against the in-process sandbox (Amazon + Shopify + Supercycle).
 *
 *   node e2e/shopifySupercycle.js [--n8n-dir <folder>] [--skip-build] [--keep] [--verbose]
 *
 * Test settings changed in the in-memory copies only: credentials bound to the sandbox ones
 * (the Supercycle credential's base URL is the sandbox's /api/v1), Configuration shopUrl -> sandbox,
 * circularOnlySkus -> the test's rental-only SKU, PO Trigger settleMinutes -> 0. Checks read the
 * sandbox state (what Amazon, Shopify and Supercycle hold) and the Data Table rows.
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
	purchaseOrder,
	lineQuantities,
	ordersOf,
} = require('./common');

const WORKFLOWS = path.join(PACKAGE_ROOT, 'workflows');
const INTAKE_FILE = path.join(WORKFLOWS, 'shopify-supercycle-po-intake.json');
const HOOK_FILE = path.join(WORKFLOWS, 'supercycle-availability.json');
const SETUP_FILE = path.join(WORKFLOWS, 'setup-data-tables.json');
const AVC_CRED = { id: 'avcScE2eAmazon01', name: 'Vendor Central Sandbox (e2e)' };
const SHOP_CRED = { id: 'avcScE2eShopify1', name: 'Shopify Sandbox (e2e)' };
const SC_CRED = { id: 'avcScE2eSupercy1', name: 'Supercycle Sandbox (e2e)' };
const SC_KEY = 'sc_sandbox_0123456789abcdef';
const VENDOR_CODE = 'VEND1';
const SHOP_TOKEN = 'shpat_e2e_000000000000000000000000000';
const TRIGGER = 'New Amazon POs';
const HOOK_PATH = 'supercycle-availability';
const TABLE = 'avc_circular_availability';

const { flag, option, verbose } = cli();
const { check, checkEqual, log, summary, setScenario, scenario } = createReport();

/**
 * The template as a test may change it (e2e/platforms.js patchTemplate): sandbox credentials and
 * the Configuration values given.
 */
const bound = (template, configuration) =>
	patchTemplate(template, {
		credentials: [
			{ ...AVC_CRED, type: 'amazonVendorCentralApi' },
			{ ...SHOP_CRED, type: 'shopifyAccessTokenApi' },
			{ ...SC_CRED, type: 'supercycleApi' },
		],
		configuration,
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
		`${name}: a Configuration node with shopUrl, shopifyApiVersion 2026-04 and the Supercycle rule settings`,
		config &&
			[
				'shopUrl',
				'shopifyApiVersion',
				'sellableConditions',
				'circularReserveEaches',
				'circularOnlySkus',
			].every((f) => config.parameters.assignments.assignments.some((a) => a.name === f)) &&
			config.parameters.assignments.assignments.find((a) => a.name === 'shopifyApiVersion')
				.value === '2026-04',
		config?.parameters,
	);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The last acknowledgement event per line: [seq, accepted, backordered, rejected]. */
const lines = (sandbox, number) => lineQuantities(sandbox, number);
const items = (sandbox) => sandbox.control.state().supercycle.items;
const visibilityOf = (sandbox, ids) =>
	ids.map((id) => items(sandbox).find((i) => i.id === id)?.visibility);

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
			{
				...SC_CRED,
				type: 'supercycleApi',
				data: { apiKey: SC_KEY, baseUrl: `${sandbox.url}/api/v1` },
			},
		]);
		const intake = JSON.parse(fs.readFileSync(INTAKE_FILE, 'utf8'));
		const hook = JSON.parse(fs.readFileSync(HOOK_FILE, 'utf8'));
		setScenario('template files');
		templateChecks('intake', intake);
		templateChecks('availability', hook);
		const webhook = hook.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
		checkEqual(
			'availability: a POST webhook on the fixed path, answering at once',
			[webhook?.parameters.httpMethod, webhook?.parameters.path, webhook?.parameters.responseMode],
			['POST', HOOK_PATH, 'onReceived'],
		);
		const build =
			intake.nodes.find((n) => n.name === 'Build Shopify Order')?.parameters.assignments
				.assignments[1].value ?? '';
		check(
			'intake: the order lines are built without properties / customAttributes',
			!/properties|_cycle/.test(build.slice(build.indexOf('lineItems'))),
			build.slice(build.indexOf('lineItems')),
		);
		for (const file of [INTAKE_FILE, HOOK_FILE]) {
			const raw = await n8n.importWorkflow(file).then(
				() => true,
				(e) => e.message,
			);
			check(`${path.basename(file)} imports into n8n as it is`, raw === true, raw);
		}
		await n8n.importWorkflow(SETUP_FILE);
		await n8n.importWorkflow(
			bound(intake, { shopUrl: sandbox.url, circularOnlySkus: 'KAYAK-RENT' }),
		);
		await n8n.importWorkflow(bound(hook, { shopUrl: sandbox.url, circularOnlySkus: 'KAYAK-RENT' }));

		live = await startLiveN8n(n8n, { log, echo: verbose });
		const settle = async () => {
			await sleep(1500);
			await live.waitIdle();
		};
		const ackRequests = () =>
			sandbox.control
				.requests()
				.filter(
					(r) => r.method === 'POST' && r.path.startsWith('/vendor/orders/v1/acknowledgements'),
				);
		const exceptionRows = async () =>
			(await live.dataTableRows('avc_exceptions')).filter((r) => r.workflow === intake.name);
		const intakeExecutions = async () => await live.executionsOf({ workflowId: intake.id });
		const control = async (p, body) => {
			const res = await fetch(`${sandbox.url}${p}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body ?? {}),
			});
			if (!res.ok) throw new Error(`${p} answered ${res.status}: ${await res.text()}`);
			return await res.json();
		};
		const flow = async (body) => {
			const res = await fetch(`${live.base}/webhook/${HOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const text = await res.text();
			await settle();
			return { status: res.status, text };
		};
		const availability = async (sku) =>
			(await live.dataTableRows(TABLE).catch(() => [])).filter((r) => r.sku === sku);
		const graphql = async (query, variables) => {
			const res = await fetch(`${sandbox.url}/admin/api/2026-04/graphql.json`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-shopify-access-token': SHOP_TOKEN },
				body: JSON.stringify({ query, variables }),
			});
			return await res.json();
		};

		// --- Set-up ------------------------------------------------------------------------------
		setScenario('set-up');
		checkEqual(
			'setup-data-tables ran successfully',
			(await live.runManually('avcSetupDataTbls', 'Run Once')).status,
			'success',
		);
		await live.insertRows('avc_asin_mapping', [
			{
				asin: 'B0000TENT1',
				sku: 'TENT-2P',
				casePack: null,
				expectedUnitCost: '',
				discontinued: false,
			},
			{
				asin: 'B000STOVE1',
				sku: 'STOVE-1',
				casePack: null,
				expectedUnitCost: '',
				discontinued: false,
			},
			{
				asin: 'B000KAYAK1',
				sku: 'KAYAK-RENT',
				casePack: null,
				expectedUnitCost: '',
				discontinued: false,
			},
		]);
		sandbox.control.seed({
			amazon: { vendorCode: VENDOR_CODE, purchaseOrders: [] },
			shopify: {
				accessToken: SHOP_TOKEN,
				locations: [{ name: 'Main warehouse' }],
				products: [
					// Supercycle manages the tent: Shopify's 50 available must be ignored.
					{
						title: 'Trail Tent 2P',
						variants: [
							{ id: 44000000001, sku: 'TENT-2P', price: '199.00', stock: { 'Main warehouse': 50 } },
						],
					},
					{
						title: 'Camp Stove',
						variants: [
							{ id: 44000000101, sku: 'STOVE-1', price: '49.00', stock: { 'Main warehouse': 20 } },
						],
					},
					{
						title: 'Rental Kayak',
						variants: [
							{
								id: 44000000201,
								sku: 'KAYAK-RENT',
								price: '899.00',
								stock: { 'Main warehouse': 10 },
							},
						],
					},
				],
			},
			supercycle: {
				variants: [
					{
						shopifyVariantId: 44000000001,
						shopifyProductId: 8000000001,
						productTitle: 'Trail Tent 2P',
						sku: 'TENT-2P',
					},
					{
						shopifyVariantId: 44000000201,
						shopifyProductId: 8000000003,
						productTitle: 'Rental Kayak',
						sku: 'KAYAK-RENT',
					},
				],
				items: [
					{ id: 101, shopifyVariantId: 44000000001, serial: 'TENT-0101', conditionId: 1 },
					{ id: 102, shopifyVariantId: 44000000001, serial: 'TENT-0102', conditionId: 1 },
					{ id: 103, shopifyVariantId: 44000000001, serial: 'TENT-0103', conditionId: 2 },
					{ id: 104, shopifyVariantId: 44000000001, serial: 'TENT-0104', conditionId: 2 },
					{ id: 105, shopifyVariantId: 44000000001, serial: 'TENT-0105', conditionId: 1 },
					{ id: 106, shopifyVariantId: 44000000001, serial: 'TENT-0106', conditionId: 4 },
					{
						id: 107,
						shopifyVariantId: 44000000001,
						serial: 'TENT-0107',
						conditionId: 1,
						visibility: 'unavailable',
					},
					{ id: 201, shopifyVariantId: 44000000201, serial: 'KAYAK-0201', conditionId: 1 },
					{ id: 202, shopifyVariantId: 44000000201, serial: 'KAYAK-0202', conditionId: 1 },
				],
				rentals: [
					{
						id: 501,
						itemId: 105,
						fulfilledAt: new Date(Date.now() - 86_400_000).toISOString(),
						rentalStart: new Date(Date.now() - 86_400_000).toISOString(),
					},
				],
			},
		});
		check(
			'supercycle: item 105 is out on rental 501',
			items(sandbox).find((i) => i.id === 105)?.activeRentalId === 501,
			items(sandbox).find((i) => i.id === 105),
		);
		await live.activate(hook.id);

		// --- Scenario: stock held for rental is never acknowledged ---------------------------------
		setScenario('rental stock never acknowledged');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder(
						'PO-SC-001',
						[
							{ asin: 'B0000TENT1', amount: 10, cost: '120.00' },
							{ asin: 'B000STOVE1', amount: 5, cost: '25.00' },
						],
						{ ageHours: 3 },
					),
				],
			},
		});
		log(
			'PO-SC-001: 10 tents (7 Supercycle items: 4 free and sellable, 1 rented, ' +
				'1 damaged, 1 unavailable; reserve 1; Shopify says 50) + 5 stoves',
		);
		await live.activate(intake.id);
		await settle();
		const runs = await intakeExecutions();
		check(
			'the intake execution ran and succeeded',
			runs.length >= 1 && runs.every((e) => e.status === 'success'),
			runs.map((e) => [e.id, e.status]),
		);
		checkEqual(
			'amazon: PO-SC-001 tents 3 accepted (4 free sellable items ' +
				'minus reserve 1), 7 rejected; stoves 5 accepted (Shopify stock)',
			lines(sandbox, 'PO-SC-001'),
			[
				['1', 3, 0, 7],
				['2', 5, 0, 0],
			],
		);
		const order1 = ordersOf(sandbox, 'PO-SC-001');
		checkEqual(
			'shopify: one order for PO-SC-001 with the accepted eaches',
			order1.map((o) => o.lineItems.map((l) => [l.sku, l.quantity])),
			[
				[
					['TENT-2P', 3],
					['STOVE-1', 5],
				],
			],
		);
		const gq = order1[0]
			? await graphql(
					'query O($id: ID!) { order(id: $id) { customAttributes { key value } ' +
						'lineItems(first: 10) { nodes { sku customAttributes { key value } } } } }',
					{ id: order1[0].id },
				)
			: {};
		const lineAttrs = gq.data?.order?.lineItems?.nodes?.map((n) => [n.sku, n.customAttributes]);
		checkEqual(
			'shopify: the order lines carry no line properties (no Supercycle _cycle: no rental starts)',
			lineAttrs,
			[
				['TENT-2P', []],
				['STOVE-1', []],
			],
		);
		check(
			'shopify: no order attribute names Supercycle or a cycle',
			(gq.data?.order?.customAttributes ?? []).every((a) => !/cycle/i.test(a.key)),
			gq.data?.order?.customAttributes,
		);
		checkEqual(
			'supercycle: the 3 items promised to Amazon (101, 102, 103) are now unavailable; 104 stays available',
			visibilityOf(sandbox, [101, 102, 103, 104]),
			['unavailable', 'unavailable', 'unavailable', 'available'],
		);
		checkEqual(
			'supercycle: no rental was started (still only rental 501)',
			sandbox.control.state().supercycle.rentals.map((r) => r.id),
			[501],
		);
		checkEqual(
			'no exception rows',
			(await exceptionRows()).map((r) => r.type),
			[],
		);

		// --- Scenario: circular-only SKU -----------------------------------------------------------
		setScenario('circular-only SKU');
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder(
						'PO-SC-002',
						[
							{ asin: 'B000KAYAK1', amount: 2, cost: '500.00' },
							{ asin: 'B000STOVE1', amount: 1, cost: '25.00' },
						],
						{ ageHours: 2 },
					),
				],
			},
		});
		await live.pollNow(intake.id);
		await settle();
		checkEqual(
			'amazon: PO-SC-002 kayak line rejected (circular-only), stove accepted',
			lines(sandbox, 'PO-SC-002'),
			[
				['1', 0, 0, 2],
				['2', 1, 0, 0],
			],
		);
		const rows2 = (await exceptionRows()).filter((r) => r.purchaseOrderNumber === 'PO-SC-002');
		checkEqual(
			'avc_exceptions: one circular_only_sku row for PO-SC-002, owner catalog',
			rows2.map((r) => [r.type, r.ownerRole, r.resolved]),
			[['circular_only_sku', 'catalog', false]],
		);
		check(
			'avc_exceptions: the reason names the SKU and the ASIN',
			/KAYAK-RENT/.test(rows2[0]?.reason ?? '') && /B000KAYAK1/.test(rows2[0]?.reason ?? ''),
			rows2[0],
		);
		checkEqual(
			'shopify: PO-SC-002 order has the stove only',
			ordersOf(sandbox, 'PO-SC-002').map((o) => o.lineItems.map((l) => [l.sku, l.quantity])),
			[[['STOVE-1', 1]]],
		);
		checkEqual('supercycle: kayak items untouched', visibilityOf(sandbox, [201, 202]), [
			'available',
			'available',
		]);

		// --- Scenario: a returned unused item frees one unit -----------------------------------------
		setScenario('returned item frees one unit');
		const cycle = await flow({
			event: 'cycle_created',
			shopifyVariantId: 'gid://shopify/ProductVariant/44000000001',
		});
		checkEqual('webhook: Flow gets 200', cycle.status, 200);
		const before = await availability('TENT-2P');
		checkEqual(
			'avc_circular_availability: TENT-2P row [available, items, reserve] = [0, 7, 1] (only 104 free, reserve 1)',
			before.map((r) => [r.available, r.items, r.reserve]),
			[[0, 7, 1]],
		);
		check(
			'avc_circular_availability: computedAt and a reason are set',
			before[0]?.computedAt && /cycle_created/.test(before[0]?.reason ?? ''),
			before[0],
		);
		const returned = await control('/__sandbox/supercycle/rentals/501/return', { conditionId: 1 });
		checkEqual(
			'sandbox: rental 501 returned unused (condition New), item 105 free',
			[returned.rental?.status, returned.item?.activeRentalId, returned.item?.visibility],
			['received', null, 'available'],
		);
		const ret = await flow({ event: 'return_updated', sku: 'TENT-2P' });
		checkEqual('webhook: Flow gets 200', ret.status, 200);
		const after = await availability('TENT-2P');
		checkEqual(
			'avc_circular_availability: still one TENT-2P row, available up by one (0 -> 1)',
			after.map((r) => [r.available, r.items]),
			[[1, 7]],
		);
		const hookRuns = await live.executionsOf({ workflowId: hook.id });
		check(
			'the availability executions succeeded',
			hookRuns.length === 2 && hookRuns.every((e) => e.status === 'success'),
			hookRuns.map((e) => [e.id, e.status]),
		);
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder('PO-SC-003', [{ asin: 'B0000TENT1', amount: 4, cost: '120.00' }], {
						ageHours: 1,
					}),
				],
			},
		});
		await live.pollNow(intake.id);
		await settle();
		checkEqual(
			'amazon: PO-SC-003 one more tent accepted (the returned one), 3 rejected',
			lines(sandbox, 'PO-SC-003'),
			[['1', 1, 0, 3]],
		);
		checkEqual(
			'supercycle: 104 promised to Amazon and unavailable, 105 kept as the reserve',
			visibilityOf(sandbox, [104, 105]),
			['unavailable', 'available'],
		);
		await flow({ event: 'manual', sku: 'TENT-2P' });
		checkEqual(
			'avc_circular_availability: back to 0 after PO-SC-003',
			(await availability('TENT-2P')).map((r) => r.available),
			[0],
		);

		// --- Scenario: Supercycle unreachable -> 0 -------------------------------------------------
		setScenario('Supercycle unreachable');
		sandbox.control.addFaults([
			{ service: 'supercycle', operation: 'listItems', status: 503, count: 20 },
		]);
		sandbox.control.seed({
			amazon: {
				vendorCode: VENDOR_CODE,
				purchaseOrders: [
					amazonOrder(
						'PO-SC-004',
						[
							{ asin: 'B0000TENT1', amount: 1, cost: '120.00' },
							{ asin: 'B000STOVE1', amount: 1, cost: '25.00' },
						],
						{ ageHours: 0.5 },
					),
				],
			},
		});
		await live.pollNow(intake.id);
		await settle();
		sandbox.control.clearFaults();
		checkEqual(
			'amazon: PO-SC-004 every line rejected (Supercycle unreadable: unsure stock is not promised)',
			lines(sandbox, 'PO-SC-004'),
			[
				['1', 0, 0, 1],
				['2', 0, 0, 1],
			],
		);
		const rows4 = (await exceptionRows())
			.filter((r) => r.purchaseOrderNumber === 'PO-SC-004')
			.map((r) => [r.type, r.ownerRole])
			.sort();
		checkEqual(
			'avc_exceptions: circular_stock_unknown per line (operations) and po_fully_rejected',
			rows4,
			[
				['circular_stock_unknown', 'operations'],
				['circular_stock_unknown', 'operations'],
				['po_fully_rejected', 'operations'],
			],
		);
		checkEqual('shopify: no order for PO-SC-004', ordersOf(sandbox, 'PO-SC-004').length, 0);

		// --- Scenario: re-poll --------------------------------------------------------------------
		setScenario('re-poll');
		const snapshot = {
			acks: amazonState(sandbox).acknowledgements.length,
			orders: sandbox.control.state().shopify.orders.length,
			exceptions: (await exceptionRows()).length,
			visibility: items(sandbox).map((i) => i.visibility),
		};
		sandbox.control.clearRequests();
		await live.pollNow(intake.id);
		await settle();
		checkEqual('another poll: no acknowledgement request', ackRequests().length, 0);
		checkEqual(
			'nothing changed: acknowledgements, orders, exception rows, Supercycle items',
			{
				acks: amazonState(sandbox).acknowledgements.length,
				orders: sandbox.control.state().shopify.orders.length,
				exceptions: (await exceptionRows()).length,
				visibility: items(sandbox).map((i) => i.visibility),
			},
			snapshot,
		);
		const failed = (await intakeExecutions()).filter((e) => e.status !== 'success');
		checkEqual(
			'every intake execution succeeded',
			failed.map((e) => [e.id, e.status]),
			[],
		);
		const feed = await live.runManually(intake.id, TRIGGER);
		await settle();
		checkEqual(
			'the newest PO fed again by hand: success, no acknowledgement sent',
			[feed.status, ackRequests().length],
			['success', 0],
		);
		checkEqual(
			'PO-SC-004 still acknowledged once',
			amazonState(sandbox).acknowledgements.filter((a) => a.purchaseOrderNumber === 'PO-SC-004')
				.length,
			1,
		);
		checkEqual(
			'PO-SC-001 state',
			purchaseOrder(sandbox, 'PO-SC-001')?.purchaseOrderState,
			'Acknowledged',
		);
	} catch (error) {
		check(`no setup error (${scenario() || 'setup'})`, false, error.stack || String(error));
		if (live && verbose) process.stderr.write(live.output.slice(-5000));
	} finally {
		if (live) await live.stop().catch(() => {});
		await cleanup(env);
	}

	const code = summary(
		'Shopify + Supercycle PO intake and circular availability templates in a running n8n',
	);
	if (env.n8n && flag('--keep'))
		process.stdout.write(`N8N_USER_FOLDER kept: ${env.n8n.userFolder}\n`);
	process.exitCode = code;
}

main();
