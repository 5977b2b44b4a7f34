#!/usr/bin/env node
/**
 * End-to-end run of the shipped template workflows/shopify-change-orders.json in a running n8n
 * 2.40.7 (`n8n start`), activated as a user would activate it, against the in-process sandbox
 * (Amazon + Shopify). Assertions are on what the sandbox holds and on the Data Table rows.
 *
 *   node e2e/shopifyChangeOrders.js [--n8n-dir <folder>] [--skip-build] [--keep] [--verbose]
 *
 * Before n8n starts: the credentials, workflows/setup-data-tables.json and the template are
 * imported (the template's credentials bound to the sandbox ones and its shop URL pointed at the
 * sandbox, nothing else changed). After start: the Data Tables are created, the ASIN mapping rows
 * inserted, and the sandbox seeded with two acknowledged POs, one of them with its Shopify order
 * carrying the PO snapshot metafield (as the PO intake template writes it). The template is
 * activated and driven with pollNow (deactivate + activate: the PO Trigger polls at once):
 *
 * 1. change before picking: Amazon lowers a line; the Shopify order is edited, Amazon gets the
 *    re-acknowledgement, the snapshot is saved; no exception row.
 * 2. re-poll: nothing is sent to Amazon or Shopify.
 * 3. change after picking (start-fulfillment in the sandbox): Blocked; an exception row of type
 *    change_blocked; nothing sent to Amazon, the Shopify order not touched.
 * 4. a changed PO without a Shopify order: an exception row of type change_without_order.
 * 5. Shopify answers the look-up with GraphQL errors (THROTTLED, the bucket emptied): the run stops
 *    with an error naming the PO; nothing is sent and no exception row is written.
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
	lineQuantities,
	ordersOf,
	stock,
} = require('./common');

const SETUP_FILE = path.join(PACKAGE_ROOT, 'workflows', 'setup-data-tables.json');
const TEMPLATE_FILE = path.join(PACKAGE_ROOT, 'workflows', 'shopify-change-orders.json');
const SETUP_ID = 'avcSetupDataTbls';
const AVC_CRED = { id: 'avcE2eCred000001', name: 'Vendor Central Sandbox (e2e)' };
const SHOP_CRED = { id: 'avcE2eShopCred01', name: 'Shopify Sandbox (e2e)' };
const SHOP_TOKEN = 'shpat_e2e_000000000000000000000000000';
const VENDOR_CODE = 'VEND1';
const PO = 'PO-CHG-001';
const PO_NO_ORDER = 'PO-CHG-002';
const MAPPING_TABLE = 'avc_asin_mapping';
const EXCEPTION_TABLE = 'avc_exceptions';
const WORKFLOW_LABEL = 'shopify-change-orders';

const { flag, option, verbose } = cli();
const { check, checkEqual, log, summary, setScenario, scenario } = createReport();

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The template as a test may change it (e2e/platforms.js patchTemplate): sandbox credentials and shop URL. */
const e2eTemplate = (template, sandboxUrl) =>
	patchTemplate(template, {
		credentials: [
			{ ...AVC_CRED, type: 'amazonVendorCentralApi' },
			{ ...SHOP_CRED, type: 'shopifyAccessTokenApi' },
		],
		configuration: { shopUrl: sandboxUrl },
		strict: true,
	});

const orderOf = (sandbox, number) => ordersOf(sandbox, number)[0];
function lineQuantitiesOf(sandbox, number) {
	const o = orderOf(sandbox, number);
	return o ? o.lineItems.map((l) => [l.sku, l.currentQuantity]) : `no Shopify order for ${number}`;
}
function snapshotOf(sandbox, number) {
	const mf = orderOf(sandbox, number)?.metafields.find(
		(m) => m.namespace === 'amazon' && m.key === 'po_snapshot',
	);
	try {
		return JSON.parse(mf?.value);
	} catch {
		return undefined;
	}
}
const ackRequests = (sandbox) =>
	sandbox.control
		.requests()
		.filter((r) => r.method === 'POST' && r.path.startsWith('/vendor/orders/v1/acknowledgements'));
const acksOf = (sandbox, number) =>
	amazonState(sandbox).acknowledgements.filter((a) => a.purchaseOrderNumber === number);
const shopifyMutations = (sandbox) =>
	sandbox.control
		.requests()
		.filter(
			(r) =>
				r.path.includes('/graphql.json') &&
				/^\s*mutation\b/.test(String(r.body?.query ?? (typeof r.body === 'string' ? r.body : ''))),
		);
const shopifyCalls = (sandbox) =>
	sandbox.control.requests().filter((r) => r.path.includes('/graphql.json'));

/** The error of a finished execution (node and message), from n8n's run data; for diagnostics only. */
async function executionError(live, executionId) {
	const e = await live.execution(executionId);
	let data = e?.data;
	try {
		data = typeof data === 'string' ? require('flatted').parse(data) : data;
	} catch {
		return String(data).slice(0, 2000);
	}
	const error = data?.resultData?.error;
	if (!error) return undefined;
	return (
		`${error.node?.name ?? data?.resultData?.lastNodeExecuted ?? '?'}: ` +
		`${error.message}${error.description ? ` (${error.description})` : ''}`
	);
}

/** Per node: items on each output of its runs, e.g. "Apply Change Order: 1/0/0". */
async function executionSummary(live, executionId) {
	const e = await live.execution(executionId);
	let data;
	try {
		data = typeof e?.data === 'string' ? require('flatted').parse(e.data) : e?.data;
	} catch {
		return '';
	}
	return Object.entries(data?.resultData?.runData ?? {})
		.map(
			([name, runs]) =>
				`     ${name}: ${runs.map((r) => (r.data?.main ?? []).map((o) => (o ?? []).length).join('/')).join(' | ')}`,
		)
		.join('\n');
}

async function control(sandbox, method, pathname, body) {
	const res = await fetch(`${sandbox.url}${pathname}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${text}`);
	return JSON.parse(text);
}

/**
 * What the PO intake template writes into amazon.po_snapshot: the PO and the acknowledgement as
 * sent, the variant ids.
 */
function intakeSnapshot(order, variantIds) {
	const details = order.orderDetails;
	const shipDate = details.shipWindow.split('--')[0];
	return {
		previousPurchaseOrder: order,
		previousAcknowledgement: {
			purchaseOrderNumber: order.purchaseOrderNumber,
			sellingParty: { partyId: VENDOR_CODE },
			acknowledgementDate: details.purchaseOrderStateChangedDate,
			items: details.items.map((i) => ({
				itemSequenceNumber: i.itemSequenceNumber,
				amazonProductIdentifier: i.amazonProductIdentifier,
				orderedQuantity: i.orderedQuantity,
				netCost: i.netCost,
				itemAcknowledgements: [
					{
						acknowledgementCode: 'Accepted',
						acknowledgedQuantity: i.orderedQuantity,
						scheduledShipDate: shipDate,
					},
				],
			})),
		},
		variantIds,
		acknowledgementTransactionId: null,
		savedAt: details.purchaseOrderStateChangedDate,
	};
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

		// --- Template file ---------------------------------------------------------------------
		setScenario('template file');
		const template = JSON.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8'));
		const byName = (name) => template.nodes.find((n) => n.name === name);
		const trigger = template.nodes.find(
			(n) => n.type === 'n8n-nodes-amazon-vendor-central.vendorCentralPoTrigger',
		);
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
			'template: the real PO Trigger (changed POs) starts it',
			Boolean(trigger) && trigger.parameters.events?.includes('changed'),
			trigger?.parameters,
		);
		check(
			'template: Configuration (Set) is the first node after the trigger',
			template.connections[trigger?.name]?.main?.[0]?.[0]?.node === 'Configuration',
			template.connections[trigger?.name],
		);
		const config = Object.fromEntries(
			(byName('Configuration')?.parameters.assignments.assignments ?? []).map((a) => [
				a.name,
				a.value,
			]),
		);
		checkEqual(
			'template: Configuration holds the table names and the hold option (off)',
			[
				config.mappingTable,
				config.exceptionTable,
				config.holdFulfillmentOnBlockedChange,
				config.shopifyApiVersion,
			],
			[MAPPING_TABLE, EXCEPTION_TABLE, false, '2026-04'],
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
			'template: Apply Change Order reads its mapping from the Data Table (second input)',
			byName('Apply Change Order')?.parameters.mappingSource === 'input' &&
				Object.values(template.connections).some((c) =>
					c.main.some((o) => o.some((t) => t.node === 'Apply Change Order' && t.index === 1)),
				),
			byName('Apply Change Order')?.parameters,
		);
		const tableNodes = template.nodes.filter((n) => n.type === 'n8n-nodes-base.dataTable');
		check(
			'template: every Data Table node addresses its table by name from Configuration',
			tableNodes.length > 0 &&
				tableNodes.every(
					(n) =>
						n.parameters.dataTableId?.mode === 'name' &&
						/\$\('Configuration'\)\.first\(\)\.json\.(mappingTable|exceptionTable)/.test(
							n.parameters.dataTableId?.value,
						),
				),
			tableNodes.map((n) => [n.name, n.parameters.dataTableId]),
		);
		check('template: no Exception Queue Set node left', !byName('Exception Queue'), null);
		check(
			'template: sticky notes explain the exception table',
			template.nodes.some(
				(n) =>
					n.type === 'n8n-nodes-base.stickyNote' &&
					/avc_exceptions|exception table/i.test(n.parameters.content),
			),
			null,
		);

		// --- Import before start -----------------------------------------------------------------
		await n8n.importCredentials([
			{ ...AVC_CRED, type: 'amazonVendorCentralApi', data: sandboxAmazonCredential(sandbox) },
			{
				...SHOP_CRED,
				type: 'shopifyAccessTokenApi',
				data: { shopSubdomain: 'e2e-sandbox', accessToken: SHOP_TOKEN, appSecretKey: 'e2e-unused' },
			},
		]);
		await n8n.importWorkflow(SETUP_FILE);
		const rawImport = await n8n.importWorkflow(TEMPLATE_FILE).then(
			() => true,
			(e) => e.message,
		);
		check('template: the shipped file imports into n8n as it is', rawImport === true, rawImport);
		const workflow = e2eTemplate(template, sandbox.url);
		await n8n.importWorkflow(workflow);
		const WORKFLOW_ID = workflow.id;
		log(
			`   imported the credentials, ${SETUP_ID} (Data Tables) and ${WORKFLOW_ID} (change orders, bound to the sandbox)`,
		);

		// --- Start, tables, mapping, seed --------------------------------------------------------
		setScenario('setup');
		live = await startLiveN8n(n8n, { log });
		const setupRun = await live.runManually(SETUP_ID, 'Run Once');
		checkEqual('the Data Table set-up workflow succeeded', setupRun.status, 'success');
		const tables = (await live.dataTables()).map((t) => t.name);
		check(
			'Data Tables avc_asin_mapping and avc_exceptions exist',
			tables.includes(MAPPING_TABLE) && tables.includes(EXCEPTION_TABLE),
			tables,
		);
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
				expectedUnitCost: '2.50',
				discontinued: false,
			},
		]);
		checkEqual(
			'mapping rows inserted',
			(await live.dataTableRows(MAPPING_TABLE)).map((r) => [r.asin, r.sku, r.casePack]),
			[
				['B00000CASE', 'SKU-CASE', 12],
				['B000000EAC', 'SKU-EACH', 6],
			],
		);

		const acknowledged = (order) => ({ ...order, purchaseOrderState: 'Acknowledged' });
		const po1 = acknowledged(
			amazonOrder(
				PO,
				[
					{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' },
					{ asin: 'B000000EAC', amount: 6, cost: '2.50' },
				],
				{ ageHours: 5 },
			),
		);
		const po2 = acknowledged(
			amazonOrder(PO_NO_ORDER, [{ asin: 'B000000EAC', amount: 12, cost: '2.50' }], { ageHours: 4 }),
		);
		const seeded = sandbox.control.seed({
			amazon: { vendorCode: VENDOR_CODE, purchaseOrders: [po1, po2] },
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
			},
		});
		const variantIds = Object.fromEntries(
			seeded.shopify.products.flatMap((p) => p.variants.map((v) => [v.sku, v.id])),
		);
		sandbox.control.seed({
			shopify: {
				orders: [
					{
						poNumber: PO,
						sourceName: 'amazon-vendor-central',
						sourceIdentifier: PO,
						tags: ['amazon-vendor-central', `po:${PO}`],
						lineItems: [
							{ sku: 'SKU-CASE', quantity: 36, price: '4.20' },
							{ sku: 'SKU-EACH', quantity: 6, price: '2.50' },
						],
						metafields: [
							{ namespace: 'amazon', key: 'po_number', type: 'single_line_text_field', value: PO },
							{
								namespace: 'amazon',
								key: 'po_snapshot',
								type: 'json',
								value: JSON.stringify(intakeSnapshot(po1, variantIds)),
							},
						],
					},
				],
			},
		});
		checkEqual(
			'sandbox: the Shopify order of the PO (lines [sku, quantity])',
			lineQuantitiesOf(sandbox, PO),
			[
				['SKU-CASE', 36],
				['SKU-EACH', 6],
			],
		);
		checkEqual(
			'sandbox: both POs acknowledged in full',
			[lineQuantities(sandbox, PO), lineQuantities(sandbox, PO_NO_ORDER)],
			[
				[
					['1', 36, 0, 0],
					['2', 6, 0, 0],
				],
				[['1', 12, 0, 0]],
			],
		);

		/** Makes the PO Trigger poll now; with expectRun, waits for the new execution and returns it. */
		async function poll(label, { expectRun = true, expectStatus = 'success' } = {}) {
			const before = new Set(
				(await live.executionsOf({ workflowId: WORKFLOW_ID })).map((e) => e.id),
			);
			const started = Date.now();
			await live.pollNow(WORKFLOW_ID);
			let fresh = [];
			for (;;) {
				fresh = (await live.executionsOf({ workflowId: WORKFLOW_ID })).filter(
					(e) => !before.has(e.id),
				);
				if (fresh.length && fresh.every((e) => !['new', 'running', 'waiting'].includes(e.status)))
					break;
				if (Date.now() - started > (expectRun ? 120_000 : 8_000)) break;
				await sleep(300);
			}
			await live.waitIdle();
			log(
				`   ${label}: ${fresh.length} execution(s) ${fresh.map((e) => e.status).join(', ')} ` +
					`in ${((Date.now() - started) / 1000).toFixed(1)} s`,
			);
			if (expectRun) {
				checkEqual(
					`${label}: one execution, ${expectStatus}`,
					fresh.map((e) => e.status),
					[expectStatus],
				);
				for (const e of fresh) {
					if (e.status !== expectStatus)
						process.stderr.write(
							`     execution ${e.id} ${e.status}: ${await executionError(live, e.id)}\n`,
						);
					if (verbose || e.status !== expectStatus)
						process.stderr.write(`${await executionSummary(live, e.id)}\n`);
				}
			} else checkEqual(`${label}: no execution (the trigger emits nothing)`, fresh.length, 0);
			return fresh[0];
		}

		await live.activate(WORKFLOW_ID);
		await sleep(1500);
		await live.waitIdle();
		checkEqual(
			'activation: no exception row',
			(await live.dataTableRows(EXCEPTION_TABLE)).length,
			0,
		);

		// --- Scenario 1: change before picking applied -------------------------------------------
		setScenario('change applied');
		log('scenario 1: Amazon lowers line 1 of the PO from 3 to 2 cases; the trigger polls');
		sandbox.control.changePurchaseOrder(PO, {
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 2 } }],
		});
		sandbox.control.clearRequests();
		await poll('change applied');
		checkEqual('shopify: SKU-CASE line now 24, SKU-EACH unchanged', lineQuantitiesOf(sandbox, PO), [
			['SKU-CASE', 24],
			['SKU-EACH', 6],
		]);
		checkEqual('shopify: stock back (available, committed) SKU-CASE', stock(sandbox, 'SKU-CASE'), {
			available: 76,
			committed: 24,
		});
		checkEqual(
			'amazon: one re-acknowledgement, Success',
			acksOf(sandbox, PO).map((a) => a.status),
			['Success'],
		);
		checkEqual('amazon: one acknowledgement request', ackRequests(sandbox).length, 1);
		checkEqual(
			'amazon: [line, accepted, backordered, rejected] eaches after the re-acknowledgement',
			lineQuantities(sandbox, PO),
			[
				['1', 24, 0, 0],
				['2', 6, 0, 0],
			],
		);
		const snap1 = snapshotOf(sandbox, PO);
		checkEqual(
			'shopify: po_snapshot holds the changed PO (line 1: 2 cases)',
			snap1?.previousPurchaseOrder?.items?.find((i) => i.itemSequenceNumber === '1')
				?.orderedQuantity?.amount,
			2,
		);
		check(
			'shopify: po_snapshot holds the acknowledgement Amazon now has (line 1: 2 cases accepted) and the variant ids',
			snap1?.previousAcknowledgement?.items?.find((i) => i.itemSequenceNumber === '1')
				?.itemAcknowledgements?.[0]?.acknowledgedQuantity?.amount === 2 &&
				Object.keys(snap1?.variantIds || {}).length === 2,
			snap1,
		);
		check(
			'shopify: po_snapshot records the edit and the transaction',
			snap1?.lastChange?.orderEdited === true && Boolean(snap1?.lastChange?.transactionId),
			snap1?.lastChange,
		);
		checkEqual(
			'no exception row',
			(await live.dataTableRows(EXCEPTION_TABLE)).map((r) => r.type),
			[],
		);

		// --- Scenario 2: re-poll sends nothing --------------------------------------------------
		setScenario('re-poll');
		log('scenario 2: the trigger polls again with nothing new');
		sandbox.control.clearRequests();
		await poll('re-poll', { expectRun: false });
		checkEqual('amazon: no acknowledgement request', ackRequests(sandbox).length, 0);
		checkEqual('shopify: no GraphQL call', shopifyCalls(sandbox).length, 0);
		checkEqual('shopify: order unchanged', lineQuantitiesOf(sandbox, PO), [
			['SKU-CASE', 24],
			['SKU-EACH', 6],
		]);
		checkEqual('no exception row', (await live.dataTableRows(EXCEPTION_TABLE)).length, 0);

		// --- Scenario 3: change after picking blocked --------------------------------------------
		setScenario('blocked in fulfilment');
		await control(
			sandbox,
			'POST',
			`/__sandbox/shopify/orders/${encodeURIComponent(orderOf(sandbox, PO).id)}/start-fulfillment`,
			{},
		);
		checkEqual(
			'shopify: order IN_PROGRESS after start-fulfillment',
			orderOf(sandbox, PO)?.displayFulfillmentStatus,
			'IN_PROGRESS',
		);
		log('scenario 3: the warehouse picks; Amazon lowers line 1 from 2 cases to 1 -> Blocked');
		sandbox.control.changePurchaseOrder(PO, {
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 1 } }],
		});
		sandbox.control.clearRequests();
		const acksBefore = acksOf(sandbox, PO).length;
		await poll('blocked');
		checkEqual('amazon: no acknowledgement request', ackRequests(sandbox).length, 0);
		checkEqual('amazon: no new acknowledgement', acksOf(sandbox, PO).length, acksBefore);
		checkEqual(
			'shopify: no mutation (no order edit, no hold: the option is off)',
			shopifyMutations(sandbox).map((r) => String(r.body?.query).slice(0, 60)),
			[],
		);
		checkEqual('shopify: order unchanged', lineQuantitiesOf(sandbox, PO), [
			['SKU-CASE', 24],
			['SKU-EACH', 6],
		]);
		checkEqual(
			'shopify: po_snapshot still the 2-case version',
			snapshotOf(sandbox, PO)?.previousPurchaseOrder?.items?.find(
				(i) => i.itemSequenceNumber === '1',
			)?.orderedQuantity?.amount,
			2,
		);
		const rows3 = await live.dataTableRows(EXCEPTION_TABLE);
		checkEqual(
			'exception table: one row, change_blocked for the PO, owner operations, open',
			rows3.map((r) => [r.type, r.purchaseOrderNumber, r.ownerRole, r.workflow, r.resolved]),
			[['change_blocked', PO, 'operations', WORKFLOW_LABEL, false]],
		);
		const reason3 = rows3[0]?.reason ?? '';
		check(
			'exception reason names the PO, the picking and what Amazon changed',
			reason3.includes(PO) &&
				/being picked/.test(reason3) &&
				/Line 1/i.test(reason3) &&
				/24 eaches\) -> 1 case|-> 1 cases?/i.test(reason3),
			reason3,
		);
		let details3;
		try {
			details3 = JSON.parse(rows3[0]?.details);
		} catch {
			details3 = undefined;
		}
		check(
			'exception details (JSON): ORDER_IN_FULFILMENT, the suggested action and the Shopify order',
			details3?.reasons?.some((r) => r.code === 'ORDER_IN_FULFILMENT') &&
				Boolean(details3?.suggestedAction) &&
				details3?.shopifyOrderId === orderOf(sandbox, PO)?.id,
			details3,
		);
		check(
			'shopify: no fulfillment order put on hold',
			(orderOf(sandbox, PO)?.fulfillmentOrders ?? []).every(
				(f) => f.status !== 'ON_HOLD' && !(f.holds ?? []).length,
			),
			orderOf(sandbox, PO)?.fulfillmentOrders,
		);

		// --- Scenario 4: changed PO without a Shopify order ---------------------------------------
		setScenario('change without order');
		log('scenario 4: Amazon changes a PO that has no Shopify order');
		sandbox.control.changePurchaseOrder(PO_NO_ORDER, {
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 6 } }],
		});
		sandbox.control.clearRequests();
		await poll('change without order');
		checkEqual('amazon: no acknowledgement request', ackRequests(sandbox).length, 0);
		checkEqual('shopify: no mutation', shopifyMutations(sandbox).length, 0);
		checkEqual('shopify: still no order for the PO', ordersOf(sandbox, PO_NO_ORDER).length, 0);
		const rows4 = (await live.dataTableRows(EXCEPTION_TABLE)).filter(
			(r) => r.purchaseOrderNumber === PO_NO_ORDER,
		);
		checkEqual(
			'exception table: one change_without_order row for the PO, owner operations, open',
			rows4.map((r) => [r.type, r.ownerRole, r.workflow, r.resolved]),
			[['change_without_order', 'operations', WORKFLOW_LABEL, false]],
		);
		check(
			'exception reason names the PO',
			(rows4[0]?.reason ?? '').includes(PO_NO_ORDER),
			rows4[0]?.reason,
		);
		checkEqual(
			'exception table: two rows in all',
			(await live.dataTableRows(EXCEPTION_TABLE)).length,
			2,
		);

		// --- Scenario 5: Shopify answers the look-up with GraphQL errors --------------------------
		setScenario('look-up errors stop the run');
		log(
			'scenario 5: the Shopify bucket is empty (THROTTLED errors); Amazon changes the PO without order again',
		);
		await control(sandbox, 'POST', '/__sandbox/shopify/throttle', { currentlyAvailable: 0 });
		sandbox.control.changePurchaseOrder(PO_NO_ORDER, {
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 3 } }],
		});
		sandbox.control.clearRequests();
		const failedRun = await poll('look-up errors', { expectStatus: 'error' });
		const failure = failedRun ? await executionError(live, failedRun.id) : undefined;
		check(
			"the run stopped with an error naming the PO and Shopify's answer",
			/Stop: Shopify Look-up Failed/.test(failure ?? '') &&
				(failure ?? '').includes(PO_NO_ORDER) &&
				/THROTTLED|Throttled/.test(failure ?? ''),
			failure,
		);
		checkEqual('amazon: no acknowledgement request', ackRequests(sandbox).length, 0);
		checkEqual('shopify: no mutation', shopifyMutations(sandbox).length, 0);
		checkEqual(
			'exception table: no new row (the PO was not skipped as "without order")',
			(await live.dataTableRows(EXCEPTION_TABLE)).length,
			2,
		);
	} catch (error) {
		check(`no setup error (${scenario() || 'setup'})`, false, error.stack || String(error));
		if (live) process.stderr.write(`n8n log (tail):\n${live.output.slice(-4000)}\n`);
	} finally {
		if (live) await live.stop().catch(() => {});
		await cleanup(env);
	}

	const code = summary('Shopify change-orders template in real n8n (running, Data Tables)');
	if (env.n8n && flag('--keep'))
		process.stdout.write(`N8N_USER_FOLDER kept: ${env.n8n.userFolder}\n`);
	process.exitCode = code;
}

main();
